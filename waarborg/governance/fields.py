"""The editable fields of a use case, validated once for every entry point (console form,
CLI options, ``--from FILE``, JSON API)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from waarborg.accounts.roles import Role
from waarborg.governance.vocabulary import (
    Audience,
    DataClassification,
    ModelFallback,
    PersonalDataPolicy,
    TaskType,
)

# Slugs that would collide with console paths such as /toepassingen/nieuw.
RESERVED_SLUGS = frozenset({"nieuw", "new"})
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

# The themes of the Algoritmeregister publication standard v1.0 ("category").
REGISTER_THEMES = (
    "Organisatie en bedrijfsvoering",
    "Cultuur en recreatie",
    "Economie",
    "Overheidsfinanciën",
    "Wonen",
    "Internationaal",
    "Migratie en integratie",
    "Natuur en milieu",
    "Onderwijs en wetenschap",
    "Openbare orde en veiligheid",
    "Recht",
    "Ruimte en infrastructuur",
    "Sociale zekerheid",
    "Verkeer",
    "Werk",
    "Zorg en gezondheid",
)

# Fields whose change alters what was assessed, and so invalidates the sign-offs.
MATERIAL_FIELDS = frozenset(
    {
        "purpose",
        "audience",
        "task_type",
        "data_classification",
        "personal_data_policy",
        "allowed_models",
    }
)


class UseCaseFields(BaseModel):
    """Everything a person describes about a use case; status is not here (see lifecycle)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    slug: str = Field(description="Korte naam in URL's en de API, bijv. 'burgerchat'.")
    name: str = Field(min_length=1, max_length=100, description="Naam (register: max. 100).")
    purpose: str = Field(min_length=1, max_length=2500, description="Doel: waarvoor en waarom.")
    description: str = Field(default="", max_length=400, description="Korte omschrijving.")
    owner: str | None = Field(default=None, description="Gebruikersnaam van de eigenaar.")
    audience: Audience = Audience.INTERNAL
    task_type: TaskType = TaskType.SOURCE_QA
    data_classification: DataClassification = DataClassification.INTERNAL
    personal_data_policy: PersonalDataPolicy = PersonalDataPolicy.BLOCK
    allowed_models: list[str] = Field(default_factory=lambda: ["extractief"])
    access_roles: list[Role] = Field(default_factory=lambda: [Role.MEDEWERKER])
    retention_days: int = Field(default=30, ge=1, le=3650)
    human_oversight: str = Field(default="", max_length=2500)
    citizen_contact: str = Field(default="", max_length=500)
    contact_email: str = Field(default="", max_length=254)
    themes: list[str] = Field(default_factory=list)
    published: bool = False
    model_fallback: ModelFallback = Field(
        default=ModelFallback.EXTRACTIVE,
        description="Als het taalmodel onbereikbaar is: extractief antwoorden of weigeren.",
    )
    requests_per_minute: int | None = Field(default=None, ge=1, le=100_000)
    tokens_per_day: int | None = Field(default=None, ge=1, le=1_000_000_000)
    embeddings_allowed: bool = False

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.fullmatch(value):
            raise ValueError("gebruik kleine letters, cijfers en '-' (max. 64 tekens)")
        if value in RESERVED_SLUGS:
            raise ValueError(f"'{value}' is gereserveerd; kies een andere korte naam")
        return value

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not EMAIL.fullmatch(value):
            raise ValueError("geen geldig e-mailadres")
        return value

    @field_validator("themes")
    @classmethod
    def _themes(cls, value: list[str]) -> list[str]:
        unknown = [theme for theme in value if theme not in REGISTER_THEMES]
        if unknown:
            raise ValueError(f"onbekend thema: {', '.join(unknown)}")
        return value

    @field_validator("allowed_models")
    @classmethod
    def _models(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("kies minstens één model")
        return list(dict.fromkeys(value))
