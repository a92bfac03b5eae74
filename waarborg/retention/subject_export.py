"""Everything Waarborg holds about one user, as one JSON-ready mapping (AVG art. 15 and 20).

Account, roles, how many sessions are open, the API keys the user made (never a secret or its
hash), the user's conversations decrypted (with the pseudonyms restored for them), their
feedback, and the audit events in which they are the actor. Nothing of anyone else: every query
filters on the user's own identifier within their organisation.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waarborg.audit.chain import actor_for
from waarborg.conversations.store import ConversationStore
from waarborg.conversations.vault import Vault
from waarborg.db.tables import (
    ApiKey,
    AuditEvent,
    Conversation,
    Feedback,
    UseCase,
    User,
    WebSession,
)


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else None


def export_subject(session: Session, vault: Vault, user: User) -> dict[str, Any]:
    organisation_id = user.organisation_id
    sessions = session.scalar(
        select(func.count()).select_from(WebSession).where(WebSession.user_id == user.id)
    )
    keys = session.scalars(
        select(ApiKey)
        .where(ApiKey.organisation_id == organisation_id, ApiKey.created_by == user.id)
        .order_by(ApiKey.created_at)
    )
    store = ConversationStore(session, vault)
    slugs = {
        str(use_case_id): str(slug)
        for use_case_id, slug in session.execute(
            select(UseCase.id, UseCase.slug).where(UseCase.organisation_id == organisation_id)
        )
    }
    conversations = list(
        session.scalars(
            select(Conversation)
            .where(Conversation.organisation_id == organisation_id, Conversation.user_id == user.id)
            .order_by(Conversation.created_at)
        )
    )
    feedback = session.scalars(
        select(Feedback)
        .where(Feedback.conversation_id.in_([c.id for c in conversations]))
        .order_by(Feedback.created_at)
    )
    events = session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.organisation_id == organisation_id,
            AuditEvent.actor == actor_for(user_id=user.id),
        )
        .order_by(AuditEvent.sequence)
    )
    return {
        "account": {
            "id": user.id,
            "username": user.username,
            "display_name": user.display_name,
            "organisation_id": organisation_id,
            "active": user.active,
            "login": "oidc" if user.oidc_subject else "wachtwoord",
            "oidc_provider": user.oidc_provider,
            "created_at": _when(user.created_at),
            "last_login_at": _when(user.last_login_at),
        },
        "roles": user.role_names,
        "sessions": int(sessions or 0),
        "api_keys": [
            {
                "id": key.id,
                "name": key.name,
                "prefix": key.prefix,
                "created_at": _when(key.created_at),
                "last_used_at": _when(key.last_used_at),
                "revoked_at": _when(key.revoked_at),
            }
            for key in keys
        ],
        "conversations": [_conversation(store, c, slugs) for c in conversations],
        "feedback": [
            {
                "conversation_id": item.conversation_id,
                "message_id": item.message_id,
                "rating": item.rating,
                "comment": vault.open(item.conversation_id, item.comment) if item.comment else "",
                "created_at": _when(item.created_at),
            }
            for item in feedback
        ],
        "audit_events": [
            {
                "sequence": event.sequence,
                "occurred_at": _when(event.occurred_at),
                "kind": event.kind,
                "action": event.action,
                "use_case": event.use_case,
                "detail": event.detail,
            }
            for event in events
        ],
    }


def _conversation(
    store: ConversationStore, conversation: Conversation, slugs: dict[str, str]
) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "use_case": slugs.get(conversation.use_case_id, ""),
        "channel": conversation.channel,
        "created_at": _when(conversation.created_at),
        "expires_at": _when(conversation.expires_at),
        "pseudonyms": [entry.to_dict() for entry in store.mapping(conversation).entries()],
        "messages": [
            {
                "ordinal": turn.ordinal,
                "role": turn.role,
                "text": turn.text,
                "created_at": _when(turn.created_at),
                "citations": turn.citations,
                "refused": turn.refused,
                "reason": turn.reason,
                "rating": turn.rating,
            }
            for turn in store.turns(conversation)
        ],
    }
