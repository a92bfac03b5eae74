"""Conversations and audit events in the exit archive of a use case.

The archive holds what the organisation needs to account for the use case — who used it,
when, through which channel, what was refused and why, which sources were cited, how answers
were rated, and the audit trail — but not what people typed: that text stays encrypted in the
database and ends with its retention period (a person's own conversations are exported for
them by the subject export).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.db.tables import AuditEvent, Conversation, ConversationMessage, Feedback, UseCase


def conversation_records(session: Session, use_case: UseCase) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Feedback.message_id, Feedback.rating).where(Feedback.use_case_id == use_case.id)
    )
    ratings: dict[str, int] = {str(row[0]): int(row[1]) for row in rows}
    records = []
    conversations = session.scalars(
        select(Conversation)
        .where(Conversation.use_case_id == use_case.id)
        .order_by(Conversation.created_at)
    )
    for conversation in conversations:
        messages = session.scalars(
            select(ConversationMessage)
            .where(ConversationMessage.conversation_id == conversation.id)
            .order_by(ConversationMessage.ordinal)
        )
        records.append(
            {
                "id": conversation.id,
                "channel": conversation.channel,
                "started_at": conversation.created_at.isoformat(timespec="seconds"),
                "last_activity_at": conversation.last_activity_at.isoformat(timespec="seconds"),
                "expires_at": conversation.expires_at.isoformat(timespec="seconds"),
                "messages": [
                    {
                        "role": m.role,
                        "at": m.created_at.isoformat(timespec="seconds"),
                        "refused": m.refused,
                        "reason": m.reason,
                        "model": m.model,
                        "support": m.support,
                        "citations": m.citations,
                        "rating": ratings.get(m.id),
                    }
                    for m in messages
                ],
            }
        )
    return records


def audit_records(session: Session, use_case: UseCase) -> list[dict[str, Any]]:
    events = session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.organisation_id == use_case.organisation_id,
            AuditEvent.use_case == use_case.slug,
        )
        .order_by(AuditEvent.sequence)
    )
    return [
        {
            "sequence": e.sequence,
            "occurred_at": e.occurred_at.isoformat(timespec="microseconds"),
            "kind": e.kind,
            "action": e.action,
            "actor": e.actor,
            "detail": e.detail,
            "hash": e.hash,
            "previous_hash": e.previous_hash,
        }
        for e in events
    ]
