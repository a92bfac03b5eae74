"""Counters for rate limits and token budgets, shared by every worker through the database.

One row per subject and window: ``scope`` names what is counted ("key:<id>:requests",
"usecase:<id>:tokens", "widget:<hash>:requests"), ``window_start`` the start of the minute or
day. An upsert adds to it; old windows are removed by the purge.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.db.base import Base, OrganisationScoped, UtcDateTime


class UsageCounter(OrganisationScoped, Base):
    __tablename__ = "usage_counter"

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
