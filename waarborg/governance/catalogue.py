"""The model catalogue and supplier agreements, and what they mean for production use.

Each organisation keeps its own catalogue, seeded with realistic entries: open European and
open-weight models that run on the organisation's own servers, the built-in extractive engine,
and hosted models (one in the EU, one outside it) for contrast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.db.tables import ModelEntry, Organisation, SupplierAgreement
from waarborg.governance.errors import GovernanceError
from waarborg.governance.vocabulary import HostingLocation, TrainingDataOpenness

EXTRACTIVE_KEY = "extractief"
OWN_PROVIDER = "Eigen organisatie"


@dataclass(frozen=True)
class ModelSeed:
    key: str
    name: str
    provider: str
    hosting: HostingLocation
    licence: str
    open_weights: bool
    training_data: TrainingDataOpenness
    dutch_notes: str
    backend: str
    context_length: int


DEFAULT_MODELS: tuple[ModelSeed, ...] = (
    ModelSeed(
        EXTRACTIVE_KEY,
        "Waarborg extractief (ingebouwd)",
        OWN_PROVIDER,
        HostingLocation.OWN,
        "EUPL-1.2",
        True,
        TrainingDataOpenness.NOT_APPLICABLE,
        "Geen taalmodel: kiest de best onderbouwde zinnen uit goedgekeurde bronnen. "
        "Verzint niets, maar formuleert ook niet zelf.",
        "extractive",
        0,
    ),
    ModelSeed(
        "geitje-7b-ultra",
        "GEITje 7B Ultra",
        OWN_PROVIDER,
        HostingLocation.OWN,
        "Apache-2.0",
        True,
        TrainingDataOpenness.PARTIAL,
        "Op Mistral 7B gebaseerd en verder getraind op Nederlandse tekst; vlot Nederlands, "
        "beperkte redeneerkracht.",
        "openai-compatible",
        8192,
    ),
    ModelSeed(
        "eurollm-9b-instruct",
        "EuroLLM 9B Instruct",
        OWN_PROVIDER,
        HostingLocation.OWN,
        "Apache-2.0",
        True,
        TrainingDataOpenness.PARTIAL,
        "Europees meertalig model met Nederlands in de trainingsdata; goed voor B1-herschrijven.",
        "openai-compatible",
        4096,
    ),
    ModelSeed(
        "mistral-small-3.1",
        "Mistral Small 3.1 24B Instruct",
        OWN_PROVIDER,
        HostingLocation.OWN,
        "Apache-2.0",
        True,
        TrainingDataOpenness.CLOSED,
        "Van het Franse Mistral AI; sterk in Nederlands, draait op één grote GPU.",
        "openai-compatible",
        131072,
    ),
    ModelSeed(
        "llama-3.3-70b",
        "Llama 3.3 70B Instruct",
        OWN_PROVIDER,
        HostingLocation.OWN,
        "Llama 3.3 Community License",
        True,
        TrainingDataOpenness.CLOSED,
        "Open gewichten van een Amerikaanse aanbieder; goed Nederlands, vraagt veel GPU-geheugen.",
        "openai-compatible",
        131072,
    ),
    ModelSeed(
        "mistral-large-api",
        "Mistral Large (gehost)",
        "Mistral AI",
        HostingLocation.EU,
        "Commerciële licentie",
        False,
        TrainingDataOpenness.CLOSED,
        "Sterk in Nederlands; gehost in de EU, gewichten niet openbaar.",
        "openai-compatible",
        131072,
    ),
    ModelSeed(
        "gpt-4o-api",
        "GPT-4o (gehost)",
        "OpenAI",
        HostingLocation.OUTSIDE_EU,
        "Commerciële licentie",
        False,
        TrainingDataOpenness.CLOSED,
        "Sterk in Nederlands; gehost buiten de EU, gewichten en trainingsdata niet openbaar.",
        "openai-compatible",
        128000,
    ),
)


def seed_catalogue(session: Session, organisation: Organisation) -> None:
    """Add the default models and the agreement for own infrastructure, where missing."""
    existing = set(
        session.scalars(select(ModelEntry.key).where(ModelEntry.organisation_id == organisation.id))
    )
    for seed in DEFAULT_MODELS:
        if seed.key in existing:
            continue
        session.add(
            ModelEntry(
                organisation_id=organisation.id,
                key=seed.key,
                name=seed.name,
                provider=seed.provider,
                hosting_location=seed.hosting.value,
                licence=seed.licence,
                open_weights=seed.open_weights,
                training_data_openness=seed.training_data.value,
                dutch_quality_notes=seed.dutch_notes,
                backend=seed.backend,
                context_length=seed.context_length,
            )
        )
    if find_agreement(session, organisation.id, OWN_PROVIDER) is None:
        session.add(
            SupplierAgreement(
                organisation_id=organisation.id,
                provider=OWN_PROVIDER,
                data_sharing=(
                    "Geen: de modellen draaien op eigen servers; niets verlaat de organisatie."
                ),
                retention="Volgens de bewaartermijn van de toepassing.",
                retraining_on_prompts=False,
                hosting_location=HostingLocation.OWN.value,
            )
        )
    session.flush()


def list_models(session: Session, organisation_id: str) -> list[ModelEntry]:
    query = select(ModelEntry).where(ModelEntry.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(ModelEntry.name)))


def get_model(session: Session, organisation_id: str, key: str) -> ModelEntry:
    model = session.scalar(
        select(ModelEntry).where(
            ModelEntry.organisation_id == organisation_id, ModelEntry.key == key
        )
    )
    if model is None:
        raise GovernanceError(f"Model '{key}' staat niet in de catalogus van deze organisatie.")
    return model


def find_agreement(
    session: Session, organisation_id: str, provider: str
) -> SupplierAgreement | None:
    return session.scalar(
        select(SupplierAgreement).where(
            SupplierAgreement.organisation_id == organisation_id,
            SupplierAgreement.provider == provider,
        )
    )


def list_agreements(session: Session, organisation_id: str) -> list[SupplierAgreement]:
    query = select(SupplierAgreement).where(SupplierAgreement.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(SupplierAgreement.provider)))


def model_warnings(model: ModelEntry) -> list[str]:
    """What an assessor should weigh: hosting outside the EU, closed weights."""
    warnings = []
    if model.hosting_location == HostingLocation.OUTSIDE_EU:
        warnings.append(f"{model.name} wordt buiten de EU gehost.")
    if not model.open_weights:
        warnings.append(f"{model.name} heeft geen open gewichten.")
    return warnings


def policy_blocks(model: ModelEntry, organisation: Organisation) -> str | None:
    """Why the organisation's policy forbids this model, or None."""
    if organisation.block_non_eu_models and model.hosting_location == HostingLocation.OUTSIDE_EU:
        return f"Het beleid van {organisation.name} staat modellen buiten de EU niet toe."
    if organisation.block_closed_models and not model.open_weights:
        return f"Het beleid van {organisation.name} staat alleen modellen met open gewichten toe."
    return None


def production_blockers(
    session: Session, model: ModelEntry, organisation: Organisation
) -> list[str]:
    """Why this model may not serve a use case in production (empty: it may)."""
    problems = []
    agreement = find_agreement(session, organisation.id, model.provider)
    if agreement is None:
        problems.append(f"Er is geen leveranciersafspraak met {model.provider} ({model.name}).")
    elif agreement.retraining_on_prompts:
        problems.append(
            f"De afspraak met {model.provider} staat hertrainen op prompts toe ({model.name})."
        )
    blocked = policy_blocks(model, organisation)
    if blocked:
        problems.append(blocked)
    if model.suspended_at is not None:
        problems.append(f"{model.name} is geschorst.")
    return problems


def suspend_model(model: ModelEntry, reason: str) -> None:
    if not reason.strip():
        raise GovernanceError("Geef een reden voor het schorsen.")
    model.suspended_at = datetime.now(UTC)
    model.suspended_reason = reason.strip()


def resume_model(model: ModelEntry) -> None:
    model.suspended_at = None
    model.suspended_reason = None
