"""The demo organisation's use cases, walked through the real governance services so that
their history, assessments and sign-offs are what a real organisation would have."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.db.tables import Organisation
from waarborg.governance.actors import Actor
from waarborg.governance.approvals import decide
from waarborg.governance.assessments import update_assessment
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.lifecycle import change_status
from waarborg.governance.use_cases import create_use_case, find_use_case, parse_fields
from waarborg.governance.vocabulary import Decision, UseCaseStatus

CONTACT = "ai@gemeente-voorbeeld.nl"

# Both demo assistants use an external model unchanged, talk with people, generate text and
# only support people's own work: not high-risk, with transparency duties (art. 50).
ASSISTANT_AI_ACT_ANSWERS = {
    "rol": "extern_gebruik",
    "verboden": "nee",
    "hoog_risico_gebied": "nee",
    "alleen_ondersteunend": "ja",
    "interactie_met_personen": "ja",
    "genereert_inhoud": "ja",
    "publiceert_tekst": "nee",
}

COMMON_ASSESSMENT: dict[str, Any] = {
    "preconditions": (
        "Alle medewerkers die met de toepassing werken volgden de training AI-geletterdheid. "
        "De informatiebeheerder heeft de bronnen en bewaartermijnen vastgesteld; de "
        "CIO-office houdt toezicht."
    ),
    "limits_plan": (
        "De toepassing antwoordt alleen uit goedgekeurde bronnen en noemt die. Vindt zij "
        "niets relevants, dan zegt zij dat en verwijst zij naar een medewerker. Elk antwoord "
        "draagt een AI-label."
    ),
    "exit_strategy": (
        "De noodstop in Waarborg zet de toepassing binnen een seconde uit. De dienstverlening "
        "loopt door via website, telefoon en balie; alle gegevens zijn te exporteren."
    ),
}

DEMO_USE_CASES: tuple[dict[str, Any], ...] = (
    {
        "fields": {
            "slug": "inwonersvragen",
            "name": "Vraag het Gemeente Voorbeeld",
            "purpose": (
                "Inwoners krijgen dag en nacht antwoord op vragen over gemeentelijke diensten, "
                "uitsluitend op basis van de eigen website van de gemeente, met links naar de "
                "bronpagina's."
            ),
            "description": "Chatbot op de website die vragen beantwoordt uit de eigen pagina's.",
            "audience": "publiek",
            "task_type": "vragen_over_bronnen",
            "data_classification": "openbaar",
            "personal_data_policy": "pseudonimiseren",
            "allowed_models": ["extractief"],
            "retention_days": 30,
            "human_oversight": (
                "Het team Klantcontact leest wekelijks een steekproef van gesprekken en past "
                "de website aan waar antwoorden ontbreken."
            ),
            "citizen_contact": "Bel 14 0123 of mail info@gemeente-voorbeeld.nl.",
            "contact_email": CONTACT,
            "themes": ["Organisatie en bedrijfsvoering"],
            "published": True,
        },
        # The citizen widget on the demo website (``waarborg demo`` serves it on port 8081).
        "widget_origins": ["http://127.0.0.1:8081", "http://localhost:8081"],
        "assessment": {
            "legal_basis": (
                "Publieke taak: informatieverstrekking aan inwoners (Gemeentewet art. 160 en "
                "art. 2 Wet open overheid)."
            ),
            "legal_basis_links": [
                {"title": "Gemeentewet", "link": "https://wetten.overheid.nl/BWBR0005416"},
                {"title": "Wet open overheid", "link": "https://wetten.overheid.nl/BWBR0045754"},
            ],
            "necessity": (
                "Een derde van de telefoontjes gaat over informatie die al op de website staat. "
                "Alleen openbare informatie wordt gebruikt; persoonsgegevens die inwoners toch "
                "typen worden gepseudonimiseerd."
            ),
            "alternatives": (
                "De zoekfunctie van de website en een vaste lijst veelgestelde vragen zijn "
                "overwogen; die vinden vragen in gewone taal slecht terug."
            ),
            "dpia_status": "afgerond",
            "dpia_date": "2025-04-14",
            "dpia_outcome": "Restrisico aanvaardbaar: pseudonimisering en 30 dagen bewaren.",
            "ai_act_answers": ASSISTANT_AI_ACT_ANSWERS,
        },
        "target": UseCaseStatus.PRODUCTION,
    },
    {
        "fields": {
            "slug": "medewerkersassistent",
            "name": "Kennisassistent voor medewerkers",
            "purpose": (
                "Medewerkers vinden snel het juiste antwoord in de werkinstructies en de "
                "website, met bronvermelding, zodat zij inwoners beter helpen."
            ),
            "description": "Interne assistent die vragen beantwoordt uit goedgekeurde bronnen.",
            "audience": "intern",
            "task_type": "vragen_over_bronnen",
            "data_classification": "intern",
            "personal_data_policy": "blokkeren",
            "allowed_models": ["extractief"],
            "access_roles": ["medewerker", "eigenaar", "privacy_officer", "ciso", "beheerder"],
            "retention_days": 14,
            "human_oversight": (
                "De medewerker beoordeelt elk antwoord voordat hij het gebruikt; de eigenaar "
                "bekijkt maandelijks de feedback."
            ),
            "contact_email": CONTACT,
            "themes": ["Organisatie en bedrijfsvoering"],
            "published": True,
        },
        "assessment": {
            "legal_basis": "Bedrijfsvoering van de gemeente (Gemeentewet art. 160).",
            "necessity": (
                "Werkinstructies zijn verspreid en lastig te doorzoeken; de assistent gebruikt "
                "alleen interne, niet-persoonlijke documenten."
            ),
            "alternatives": "Een beter intranet is gepland; de assistent vult dat aan.",
            "dpia_status": "niet_nodig",
            "ai_act_answers": ASSISTANT_AI_ACT_ANSWERS,
        },
        "target": UseCaseStatus.PRODUCTION,
    },
    {
        "fields": {
            "slug": "brieven-b1",
            "name": "Brieven herschrijven op B1-niveau",
            "purpose": (
                "Medewerkers laten conceptbrieven herschrijven in eenvoudig Nederlands (B1), "
                "zodat inwoners ze begrijpen."
            ),
            "description": "Verkenning in de sandbox met voorbeeldbrieven zonder persoonsgegevens.",
            "audience": "intern",
            "task_type": "schrijven_b1",
            "data_classification": "intern",
            "personal_data_policy": "blokkeren",
            "allowed_models": ["geitje-7b-ultra"],
            "retention_days": 7,
            "human_oversight": "De medewerker controleert en ondertekent elke brief zelf.",
            "contact_email": CONTACT,
        },
        "assessment": {},
        "target": UseCaseStatus.SANDBOX,
    },
)


def seed_demo_governance(session: Session, organisation: Organisation) -> bool:
    """Add the catalogue and any missing demo use case; True when something was created."""
    seed_catalogue(session, organisation)
    organisation.contact_email = organisation.contact_email or CONTACT
    actors = {
        role: Actor.of(get_user(session, username))
        for username, role in (
            ("eigenaar", Role.EIGENAAR),
            ("privacy", Role.PRIVACY_OFFICER),
            ("ciso", Role.CISO),
        )
    }
    owner = actors[Role.EIGENAAR]
    created = False
    for spec in DEMO_USE_CASES:
        if find_use_case(session, organisation.id, spec["fields"]["slug"]) is not None:
            continue
        use_case = create_use_case(session, organisation, parse_fields(spec["fields"]), owner)
        use_case.widget_origins = list(spec.get("widget_origins", []))
        created = True
        if spec["target"] == UseCaseStatus.SANDBOX:
            change_status(session, use_case, organisation, UseCaseStatus.SANDBOX, owner)
            continue
        update_assessment(session, use_case, {**COMMON_ASSESSMENT, **spec["assessment"]}, owner)
        change_status(session, use_case, organisation, UseCaseStatus.IN_REVIEW, owner)
        for role, actor in actors.items():
            decide(
                session,
                use_case,
                organisation,
                actor,
                role,
                Decision.APPROVED,
                "Akkoord na bespreking in het AI-overleg.",
            )
        change_status(session, use_case, organisation, UseCaseStatus.PRODUCTION, owner)
    return created
