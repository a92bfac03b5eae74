"""The tenant: one government organisation served by this installation."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import Base, IdMixin, TimestampMixin


class Organisation(IdMixin, TimestampMixin, Base):
    __tablename__ = "organisation"

    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
