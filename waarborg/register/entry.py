"""The Algoritmeregister entry of one use case, built from the governance records.

The same records decide at run time what the use case may do, so the entry describes what is
enforced, not what someone once wrote in a separate document. Empty optional fields are left
out; required fields are always present (possibly empty) so that the validator names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.db.tables import ModelEntry, Organisation, RiskAssessment, UseCase
from waarborg.governance.catalogue import OWN_PROVIDER, find_agreement, model_warnings
from waarborg.governance.vocabulary import (
    DpiaStatus,
    ImpactAssessmentStatus,
    UseCaseStatus,
)
from waarborg.register.html import bullet_list, plain, shorten, to_html
from waarborg.register.publication import PUBLIC_STATUSES, publication_category, register_status
from waarborg.register.sources import NO_SOURCES, SourceCatalogue, describe_data
from waarborg.register.standard import FIELDS, LANGUAGE, STANDARD_VERSION
from waarborg.register.wording import (
    AUDIENCES,
    DPIA,
    HOSTING,
    IMPACT_ASSESSMENT,
    TASKS,
    day,
    word,
    yes_no,
)

DPIA_TITLE = "Data Protection Impact Assessment (DPIA)"
IAMA_TITLE = "Impact Assessment Mensenrechten en Algoritmes (IAMA)"
NO_EXTERNAL_PROVIDER = "Geen externe leverancier: de modellen draaien op eigen servers"


def blank_assessment(use_case: UseCase) -> RiskAssessment:
    """An empty assessment that is never saved, for a use case that has none yet."""
    return RiskAssessment(
        organisation_id=use_case.organisation_id,
        use_case_id=use_case.id,
        revision=0,
        legal_basis="",
        legal_basis_links=[],
        necessity="",
        preconditions="",
        alternatives="",
        limits_plan="",
        exit_strategy="",
        dpia_status=DpiaStatus.NOT_STARTED.value,
        dpia_date=None,
        dpia_link="",
        dpia_outcome="",
        iama_status=ImpactAssessmentStatus.NOT_RELEVANT.value,
        iama_link="",
        iama_notes="",
        ai_act_answers={},
    )


def assessment_or_blank(use_case: UseCase) -> RiskAssessment:
    return use_case.assessment if use_case.assessment is not None else blank_assessment(use_case)


def allowed_models(session: Session, use_case: UseCase) -> list[ModelEntry]:
    """The catalogue entries of the use case's allowed models, in the order chosen."""
    found = {
        model.key: model
        for model in session.scalars(
            select(ModelEntry).where(
                ModelEntry.organisation_id == use_case.organisation_id,
                ModelEntry.key.in_(use_case.allowed_models),
            )
        )
    }
    return [found[key] for key in use_case.allowed_models if key in found]


def public_entry_url(public_url: str, organisation: Organisation, use_case: UseCase) -> str:
    return f"{public_url.rstrip('/')}/register/{organisation.slug}/{use_case.slug}"


def build_register_entry(
    session: Session,
    organisation: Organisation,
    use_case: UseCase,
    *,
    public_url: str | None = None,
    sources: SourceCatalogue = NO_SOURCES,
) -> dict[str, Any]:
    """The entry as the standard's fields; ``validate_entry`` says whether it may be published.

    ``public_url`` is the installation's external address: with it, a use case shown on the
    public register page links there as its source registration (``url``).
    """
    record = assessment_or_blank(use_case)
    models = allowed_models(session, use_case)
    references = list(sources.sources_for(session, use_case))
    shown_publicly = use_case.published and use_case.status in PUBLIC_STATUSES
    entry: dict[str, Any] = {
        "name": plain(use_case.name.strip()),
        "description_short": plain(use_case.description.strip() or shorten(use_case.purpose, 400)),
        "organization": plain(organisation.name.strip()),
        "category": list(use_case.themes),
        "status": register_status(use_case),
        "begin_date": _month(use_case.production_since),
        "end_date": _month(use_case.status_changed_at)
        if use_case.status == UseCaseStatus.RETIRED
        else "",
        "contact_email": (use_case.contact_email or organisation.contact_email).strip(),
        "publication_category": publication_category(use_case, record.ai_act_answers or {}),
        "url": public_entry_url(public_url, organisation, use_case)
        if public_url and shown_publicly
        else "",
        "goal": _html("goal", use_case.purpose, f"Voor wie: {word(AUDIENCES, use_case.audience)}."),
        "proportionality": _html(
            "proportionality",
            _section("Noodzaak en proportionaliteit", record.necessity),
            _section("Minder ingrijpende alternatieven", record.alternatives),
        ),
        "human_intervention": _html("human_intervention", use_case.human_oversight),
        "risks": _html(
            "risks",
            _section("Grenzen van de techniek", record.limits_plan),
            _section("Exitstrategie", record.exit_strategy),
            _section(
                "Aandachtspunten bij de modellen",
                bullet_list(warning for model in models for warning in model_warnings(model)),
            ),
        ),
        "lawful_basis": _html("lawful_basis", record.legal_basis),
        "lawful_basis_grouping": [
            {"title": plain(link["title"]), "link": link["link"]}
            for link in record.legal_basis_links or []
        ],
        "impacttoetsen_grouping": _impact_assessments(record),
        "impacttoetsen": _html("impacttoetsen", *_impact_notes(record)),
        "source_data": _html("source_data", describe_data(use_case, references)),
        "source_data_grouping": [
            {"title": plain(reference.title), "link": reference.link} for reference in references
        ],
        "methods_and_models": _html("methods_and_models", *_workings(session, use_case, models)),
        "provider": _provider(models),
        "lang": LANGUAGE,
        "standard_version": STANDARD_VERSION,
        "source_id": use_case.id,
    }
    return {name: value for name, value in entry.items() if value or FIELDS[name].required}


def _month(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m") if moment is not None else ""


def _section(title: str, text: str) -> str:
    return f"{title}:\n\n{text.strip()}" if text and text.strip() else ""


def _html(name: str, *texts: str) -> str:
    limit = FIELDS[name].max_length
    if limit is None:
        raise ValueError(f"register field {name} has no maximum length")
    return to_html([text for text in texts if text], limit)


def _impact_assessments(record: RiskAssessment) -> list[dict[str, str]]:
    done = []
    if record.dpia_status == DpiaStatus.COMPLETED:
        done.append(_titled(DPIA_TITLE, record.dpia_link))
    if record.iama_status == ImpactAssessmentStatus.COMPLETED:
        done.append(_titled(IAMA_TITLE, record.iama_link))
    return done


def _titled(title: str, link: str) -> dict[str, str]:
    return {"title": title, "link": link.strip()} if link.strip() else {"title": title}


def _impact_notes(record: RiskAssessment) -> list[str]:
    dpia = f"DPIA: {word(DPIA, record.dpia_status)}"
    if record.dpia_date is not None:
        dpia += f" (datum {day(record.dpia_date)})"
    dpia += "."
    if record.dpia_outcome.strip():
        dpia += f" Uitkomst: {record.dpia_outcome.strip()}"
    iama = f"IAMA: {word(IMPACT_ASSESSMENT, record.iama_status)}."
    if record.iama_notes.strip():
        iama += f" {record.iama_notes.strip()}"
    return [dpia, iama]


def _workings(session: Session, use_case: UseCase, models: Sequence[ModelEntry]) -> list[str]:
    return [
        f"Taak: {word(TASKS, use_case.task_type)}. Elk verzoek loopt via Waarborg (open source, "
        "EUPL-1.2), dat eerst de goedkeuring, de toegang en het gekozen model controleert.",
        "Gebruikte modellen:",
        bullet_list(
            f"{model.name}: aanbieder {model.provider}; licentie {model.licence}; draait "
            f"{word(HOSTING, model.hosting_location)}; open gewichten: {yes_no(model.open_weights)}"
            for model in models
        ),
        _self_learning(session, use_case, models),
    ]


def _self_learning(session: Session, use_case: UseCase, models: Sequence[ModelEntry]) -> str:
    """Whether prompts can train the models, as the supplier agreements record it."""
    providers = sorted({model.provider for model in models})
    missing, retraining = [], []
    for provider in providers:
        agreement = find_agreement(session, use_case.organisation_id, provider)
        if agreement is None:
            missing.append(provider)
        elif agreement.retraining_on_prompts:
            retraining.append(provider)
    if not missing and not retraining:
        return (
            "Niet zelflerend: volgens de leveranciersafspraken worden de modellen niet "
            "bijgetraind met de vragen en antwoorden."
        )
    lines = []
    if retraining:
        lines.append(
            "Let op: de afspraak met " + ", ".join(retraining) + " staat bijtrainen op vragen toe."
        )
    if missing:
        lines.append("Geen leveranciersafspraak vastgelegd met: " + ", ".join(missing) + ".")
    return " ".join(lines)


def _provider(models: Sequence[ModelEntry]) -> str:
    external = sorted({model.provider for model in models if model.provider != OWN_PROVIDER})
    if not external:
        return NO_EXTERNAL_PROVIDER if models else ""
    return plain(shorten(", ".join(external), 200))
