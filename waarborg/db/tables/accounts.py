"""People and programs that act in an organisation: users, their roles, API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from waarborg.db.base import Base, IdMixin, OrganisationScoped, TimestampMixin, UtcDateTime


class User(IdMixin, TimestampMixin, OrganisationScoped, Base):
    __tablename__ = "user_account"

    # Usernames are unique in the whole installation so that one login form serves every
    # organisation of a shared-service centre.
    username: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(300), nullable=True)
    oidc_provider: Mapped[str | None] = mapped_column(String(64), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (UniqueConstraint("oidc_provider", "oidc_subject"),)

    @property
    def role_names(self) -> list[str]:
        return sorted(role.role for role in self.roles)


class UserRole(OrganisationScoped, Base):
    __tablename__ = "user_role"

    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class ApiKey(IdMixin, TimestampMixin, OrganisationScoped, Base):
    __tablename__ = "api_key"

    name: Mapped[str] = mapped_column(String(200))
    # The first characters of the key, shown in lists so people can tell keys apart.
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    @property
    def active(self) -> bool:
        return self.revoked_at is None
