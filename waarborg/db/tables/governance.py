"""Governance records: use cases with their version history, risk assessments, approvals,
the model catalogue and supplier agreements. The policy service reads these on every request."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from waarborg.db.base import (
    Base,
    IdMixin,
    OrganisationScoped,
    TimestampMixin,
    UtcDateTime,
    utcnow,
)


class ModelEntry(IdMixin, TimestampMixin, OrganisationScoped, Base):
    """A model in the organisation's catalogue, with what matters for choosing it responsibly."""

    __tablename__ = "model_entry"
    __table_args__ = (UniqueConstraint("organisation_id", "key"),)

    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200))
    hosting_location: Mapped[str] = mapped_column(String(32))
    licence: Mapped[str] = mapped_column(String(200))
    open_weights: Mapped[bool] = mapped_column(Boolean)
    training_data_openness: Mapped[str] = mapped_column(String(32))
    dutch_quality_notes: Mapped[str] = mapped_column(Text, default="")
    backend: Mapped[str] = mapped_column(String(300))
    context_length: Mapped[int] = mapped_column(Integer)
    suspended_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    suspended_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class SupplierAgreement(IdMixin, TimestampMixin, OrganisationScoped, Base):
    """What a model provider has agreed to about the organisation's data."""

    __tablename__ = "supplier_agreement"
    __table_args__ = (UniqueConstraint("organisation_id", "provider"),)

    provider: Mapped[str] = mapped_column(String(200))
    data_sharing: Mapped[str] = mapped_column(Text)
    retention: Mapped[str] = mapped_column(Text)
    retraining_on_prompts: Mapped[bool] = mapped_column(Boolean)
    hosting_location: Mapped[str] = mapped_column(String(32))
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    document_link: Mapped[str] = mapped_column(String(500), default="")


class UseCase(IdMixin, TimestampMixin, OrganisationScoped, Base):
    __tablename__ = "use_case"
    __table_args__ = (UniqueConstraint("organisation_id", "slug"),)

    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    audience: Mapped[str] = mapped_column(String(16))
    task_type: Mapped[str] = mapped_column(String(32))
    data_classification: Mapped[str] = mapped_column(String(32))
    personal_data_policy: Mapped[str] = mapped_column(String(16))
    allowed_models: Mapped[list[str]] = mapped_column(JSON, default=list)
    access_roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    retention_days: Mapped[int] = mapped_column(Integer, default=30)
    human_oversight: Mapped[str] = mapped_column(Text, default="")
    citizen_contact: Mapped[str] = mapped_column(Text, default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    status_changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    production_since: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # When the use case's model back-end is down: "extractief" answers from the sources
    # without a model, "weigeren" refuses with a clear message.
    model_fallback: Mapped[str] = mapped_column(String(16), default="extractief")
    # Legal hold: nothing of this use case is purged while it is set (a Woo request, a court).
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_hold_reason: Mapped[str] = mapped_column(Text, default="")
    # Limits for the gateway and the widget; None: the installation's defaults.
    requests_per_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tokens_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    embeddings_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The citizen widget: the origins (https://www.gemeente.nl) allowed to embed it.
    widget_origins: Mapped[list[str]] = mapped_column(JSON, default=list)
    widget_session_limit: Mapped[int] = mapped_column(Integer, default=20)
    widget_daily_limit: Mapped[int] = mapped_column(Integer, default=2000)

    assessment: Mapped[RiskAssessment | None] = relationship(
        back_populates="use_case", uselist=False, cascade="all, delete-orphan", lazy="selectin"
    )


class UseCaseChange(IdMixin, OrganisationScoped, Base):
    """One entry of a use case's history: who changed what, and when."""

    __tablename__ = "use_case_change"

    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    actor_label: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RiskAssessment(IdMixin, OrganisationScoped, Base):
    """The checklist of the government-wide position, per use case. ``revision`` goes up on
    every material change, which invalidates approvals given for an earlier revision."""

    __tablename__ = "risk_assessment"

    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), unique=True
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    legal_basis_links: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    necessity: Mapped[str] = mapped_column(Text, default="")
    preconditions: Mapped[str] = mapped_column(Text, default="")
    alternatives: Mapped[str] = mapped_column(Text, default="")
    limits_plan: Mapped[str] = mapped_column(Text, default="")
    exit_strategy: Mapped[str] = mapped_column(Text, default="")
    dpia_status: Mapped[str] = mapped_column(String(16), default="niet_gestart")
    dpia_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    dpia_link: Mapped[str] = mapped_column(String(500), default="")
    dpia_outcome: Mapped[str] = mapped_column(Text, default="")
    iama_status: Mapped[str] = mapped_column(String(16), default="niet_relevant")
    iama_link: Mapped[str] = mapped_column(String(500), default="")
    iama_notes: Mapped[str] = mapped_column(Text, default="")
    ai_act_answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    use_case: Mapped[UseCase] = relationship(back_populates="assessment")


class Approval(IdMixin, OrganisationScoped, Base):
    """A sign-off (or rejection) by one role for one assessment revision."""

    __tablename__ = "approval"

    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), index=True
    )
    assessment_revision: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ApiKeyScope(OrganisationScoped, Base):
    """Limits an API key to named use cases; a key without scopes may call none."""

    __tablename__ = "api_key_scope"

    api_key_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("api_key.id", ondelete="CASCADE"), primary_key=True
    )
    use_case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("use_case.id", ondelete="CASCADE"), primary_key=True
    )
