"""The audit log: an append-only, hash-chained list of events per organisation.

Each event's hash covers its own fields and the previous event's hash, so altering, removing or
reordering any event breaks the chain from that point on. ``AuditHead`` holds the newest
sequence number and hash per organisation; appending locks that row, which keeps the chain
linear with several workers on one database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import Base, IdMixin, OrganisationScoped, UtcDateTime


class AuditEvent(IdMixin, OrganisationScoped, Base):
    __tablename__ = "audit_event"
    __table_args__ = (UniqueConstraint("organisation_id", "sequence"),)

    sequence: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "verzoek" (request) | "beheer" (admin)
    action: Mapped[str] = mapped_column(String(64))
    # Who, as an internal identifier ("gebruiker:<id>", "sleutel:<id>", "anoniem"): never a
    # name, username or address.
    actor: Mapped[str] = mapped_column(String(80))
    use_case: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    __tablename__ = "audit_head"

    organisation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    # Retention removes the oldest events; the last removed event's sequence and hash are
    # kept here, so verification starts from a known link instead of the genesis hash.
    pruned_sequence: Mapped[int] = mapped_column(Integer, default=0)
    pruned_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
