"""Audit events for account administration: who added, disabled or revoked what, by internal
identifier only (never a username or a key)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from waarborg.audit.chain import append
from waarborg.db.tables import ApiKey, User

CLI_ACTOR = "beheer-cli"  # an operator with access to the server's command line


def user_event(session: Session, action: str, user: User, actor: str) -> None:
    append(
        session,
        user.organisation_id,
        kind="beheer",
        action=action,
        actor=actor,
        detail={"user": user.id, "roles": user.role_names},
    )


def api_key_event(session: Session, action: str, key: ApiKey, actor: str) -> None:
    append(
        session,
        key.organisation_id,
        kind="beheer",
        action=action,
        actor=actor,
        detail={"key": key.id},
    )
