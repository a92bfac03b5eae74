"""Use-case records: validation, versioned history and the AI Act classification."""

from __future__ import annotations

import pytest

from tests.governance.conftest import Governed
from waarborg.accounts.roles import Role
from waarborg.governance.ai_act import QUESTION_KEYS, classify
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import history, parse_fields, update_use_case


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "Met Spaties"}, "slug"),
        ({"slug": "nieuw"}, "gereserveerd"),
        ({"name": "x" * 101}, "name"),
        ({"audience": "iedereen"}, "audience"),
        ({"retention_days": 0}, "retention_days"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"themes": ["Ruimtevaart"]}, "onbekend thema"),
        ({"onbekend_veld": 1}, "onbekend_veld"),
    ],
)
def test_invalid_fields_are_named(changes: dict[str, object], message: str) -> None:
    data = {"slug": "ok", "name": "Naam", "purpose": "Doel", **changes}
    with pytest.raises(GovernanceError, match=message):
        parse_fields(data)


def test_every_change_is_versioned_with_who_and_what(governed: Governed) -> None:
    slug = governed.create()
    owner = governed.actors[Role.EIGENAAR]
    with governed.database.session(governed.organisation_id) as session:
        use_case = governed.use_case(session, slug)
        assert use_case.version == 1
        diff = update_use_case(session, use_case, {"retention_days": 7, "name": "Chat"}, owner)
        assert diff == {
            "name": {"oud": "Vraag het de gemeente", "nieuw": "Chat"},
            "retention_days": {"oud": 30, "nieuw": 7},
        }
        assert update_use_case(session, use_case, {"retention_days": 7}, owner) == {}
        with pytest.raises(GovernanceError, match="eigenaar"):
            update_use_case(session, use_case, {"name": "X"}, governed.actors[Role.MEDEWERKER])
        with pytest.raises(GovernanceError, match="catalogus"):
            update_use_case(session, use_case, {"allowed_models": ["onbekend-model"]}, owner)
        entries = history(session, use_case)
        assert use_case.version == 2
    assert [(e.version, e.action, e.actor_label) for e in entries] == [
        (1, "aangemaakt", owner.label),
        (2, "gewijzigd", owner.label),
    ]
    assert entries[1].changes["retention_days"] == {"oud": 30, "nieuw": 7}


def test_duplicate_slug_is_refused(governed: Governed) -> None:
    governed.create("dubbel")
    with pytest.raises(GovernanceError, match="al een toepassing"):
        governed.create("dubbel")


def test_ai_act_classification() -> None:
    empty = classify({})
    assert not empty.complete
    assert empty.unanswered == QUESTION_KEYS
    chatbot = classify(
        {
            "rol": "extern_gebruik",
            "verboden": "nee",
            "hoog_risico_gebied": "nee",
            "alleen_ondersteunend": "nee",
            "interactie_met_personen": "ja",
            "genereert_inhoud": "ja",
            "publiceert_tekst": "nee",
        }
    )
    assert chatbot.complete
    assert chatbot.roles == ("gebruiksverantwoordelijke",)
    assert chatbot.risk_group == "geen hoog-risico AI-systeem"
    assert len(chatbot.transparency) == 2
    high = classify({"hoog_risico_gebied": "ja", "alleen_ondersteunend": "nee"})
    assert high.risk_group == "hoog-risico AI-systeem"
    supporting = classify({"hoog_risico_gebied": "ja", "alleen_ondersteunend": "ja"})
    assert supporting.risk_group == "geen hoog-risico AI-systeem"
    assert classify({"verboden": "ja"}).risk_group == "verboden AI-praktijk"
