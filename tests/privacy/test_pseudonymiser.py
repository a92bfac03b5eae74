"""Pseudonymisation within and across turns, restoring, and the serialised mapping."""

from __future__ import annotations

import json

import pytest

from waarborg.privacy import Category, EntityType, Pseudonymiser, PseudonymMap


def test_round_trip_restores_the_original_text() -> None:
    text = "Mevrouw Bakker (BSN 123456782) woont op de Kerkstraat 12, 1234 AB Utrecht."
    pseudonymiser = Pseudonymiser()
    result = pseudonymiser.pseudonymise(text)
    assert result.text == (
        "Mevrouw [PERSOON_1] (BSN [BSN_1]) woont op de [ADRES_1], [POSTCODE_1] [WOONPLAATS_1]."
    )
    assert "123456782" not in result.text
    assert pseudonymiser.restore(result.text) == text
    assert {entry.placeholder for entry in result.changes} == {
        "[PERSOON_1]", "[BSN_1]", "[ADRES_1]", "[POSTCODE_1]", "[WOONPLAATS_1]",
    }  # fmt: skip


def test_same_value_gets_the_same_placeholder_across_turns() -> None:
    pseudonymiser = Pseudonymiser()
    first = pseudonymiser.pseudonymise("Bel 06-12345678 of mail a.jansen@example.org.")
    second = pseudonymiser.pseudonymise("Nogmaals: +31 6 1234 5678 en a.jansen@example.org")
    assert first.text == "Bel [TELEFOON_1] of mail [EMAIL_1]."
    assert second.text == "Nogmaals: [TELEFOON_1] en [EMAIL_1]"
    assert second.changes == []


def test_different_values_get_numbered_placeholders() -> None:
    result = Pseudonymiser().pseudonymise("BSN 123456782 en BSN 111222333")
    assert result.text == "BSN [BSN_1] en BSN [BSN_2]"


def test_name_variants_share_one_placeholder() -> None:
    pseudonymiser = Pseudonymiser()
    first = pseudonymiser.pseudonymise("Ik heb Anna Bakker gesproken.")
    second = pseudonymiser.pseudonymise("Mevrouw Bakker belt morgen terug.")
    assert first.text == "Ik heb [PERSOON_1] gesproken."
    assert second.text == "Mevrouw [PERSOON_1] belt morgen terug."
    assert pseudonymiser.restore("[PERSOON_1]") == "Anna Bakker"


def test_ambiguous_surname_gets_its_own_placeholder() -> None:
    pseudonymiser = Pseudonymiser()
    pseudonymiser.pseudonymise("Anna Bakker en Piet Bakker waren er.")
    result = pseudonymiser.pseudonymise("Mevrouw Bakker belt terug.")
    assert result.text == "Mevrouw [PERSOON_3] belt terug."


def test_special_categories_are_reported_not_replaced() -> None:
    result = Pseudonymiser().pseudonymise("Mijn dochter heeft diabetes.")
    assert result.text == "Mijn dochter heeft diabetes."
    assert result.categories == frozenset({Category.GEZONDHEID})


def test_unknown_placeholders_are_left_alone() -> None:
    pseudonymiser = Pseudonymiser()
    pseudonymiser.pseudonymise("BSN 123456782")
    assert (
        pseudonymiser.restore("[BSN_1] en [BSN_9] en [bsn_1]") == "123456782 en [BSN_9] en [bsn_1]"
    )


def test_mapping_survives_serialisation() -> None:
    pseudonymiser = Pseudonymiser()
    pseudonymiser.pseudonymise("Anna Bakker, 06-12345678, NL91 ABNA 0417 1643 00")
    stored = json.loads(json.dumps(pseudonymiser.mapping.to_dict()))
    restored = Pseudonymiser(PseudonymMap.from_dict(stored))
    again = restored.pseudonymise("Mevrouw Bakker, nl91abna0417164300, BSN 123456782")
    assert again.text == "Mevrouw [PERSOON_1], [IBAN_1], BSN [BSN_1]"
    assert restored.restore("[TELEFOON_1]") == "06-12345678"
    assert [entry.type for entry in again.changes] == [EntityType.PERSOON, EntityType.BSN]


@pytest.mark.parametrize(
    "data",
    [
        {"version": 99, "entries": []},
        {"version": 1},
        {"version": 1, "entries": [{"placeholder": "[BSN_1]", "type": "IBAN", "value": "x"}]},
    ],
)
def test_invalid_mapping_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"version|entry|placeholder"):
        PseudonymMap.from_dict(data)
