"""A tenant with use cases and conversations whose age the tests control."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import Tenant
from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.conversations.store import ConversationStore, Owner
from waarborg.conversations.vault import Vault
from waarborg.db.base import utcnow
from waarborg.db.database import Database
from waarborg.db.tables import Conversation, ConversationMessage, Feedback, Organisation
from waarborg.governance.actors import Actor
from waarborg.governance.catalogue import seed_catalogue
from waarborg.governance.use_cases import create_use_case, get_use_case, parse_fields

SECRET = b"test-secret-key-that-is-long-enough"


@dataclass
class World:
    database: Database
    tenant: Tenant
    vault: Vault
    seeded: bool = False

    @property
    def organisation_id(self) -> str:
        return self.tenant.organisation.id

    def actor(self, role: Role) -> Actor:
        with self.database.session(self.organisation_id) as session:
            return Actor.of(get_user(session, self.tenant.username(role)))

    def use_case(self, slug: str) -> str:
        with self.database.session(self.organisation_id) as session:
            organisation = session.get(Organisation, self.organisation_id)
            assert organisation is not None
            if not self.seeded:
                seed_catalogue(session, organisation)
                self.seeded = True
            owner = Actor.of(get_user(session, self.tenant.username(Role.EIGENAAR)))
            fields = parse_fields({"slug": slug, "name": slug.title(), "purpose": "Proef."})
            return create_use_case(session, organisation, fields, owner).id

    def conversation(
        self, slug: str, role: Role, question: str, expires_in: timedelta, rate: bool = True
    ) -> str:
        """A conversation of one question and answer, expiring ``expires_in`` from now."""
        with self.database.session(self.organisation_id) as session:
            use_case = get_use_case(session, self.organisation_id, slug)
            user = get_user(session, self.tenant.username(role))
            store = ConversationStore(session, self.vault)
            conversation = store.open(use_case, Owner(user_id=user.id), "assistent")
            store.add(conversation, "user", question, retention_days=30)
            answer = store.add(
                conversation, "assistant", f"Antwoord op: {question}", retention_days=30
            )
            if rate:
                store.rate(conversation, answer.id, -1, f"Toelichting bij {question}")
            conversation.expires_at = utcnow() + expires_in
            return conversation.id

    def rows(self, conversation_id: str) -> tuple[int, int, int]:
        """(conversation, messages, feedback) rows left of one conversation."""
        with self.database.session(self.organisation_id) as session:
            return (
                len(
                    list(
                        session.scalars(
                            select(Conversation.id).where(Conversation.id == conversation_id)
                        )
                    )
                ),
                len(
                    list(
                        session.scalars(
                            select(ConversationMessage.id).where(
                                ConversationMessage.conversation_id == conversation_id
                            )
                        )
                    )
                ),
                len(
                    list(
                        session.scalars(
                            select(Feedback.id).where(Feedback.conversation_id == conversation_id)
                        )
                    )
                ),
            )


@pytest.fixture
def world(database: Database, make_tenant: Callable[..., Tenant]) -> World:
    return World(database=database, tenant=make_tenant("bewaar"), vault=Vault(SECRET))


def later(days: int) -> datetime:
    return utcnow() + timedelta(days=days)
