"""The purge: remove everything whose retention has run out, in small transactions.

Per organisation: conversations whose ``expires_at`` has passed (with their messages, feedback
and pseudonym vault), except those of a use case under legal hold; usage counters older than two
days; audit events older than the audit retention (a prefix of the chain, see ``audit_prune``).
For the installation: expired web sessions and spent login-throttle counters, through the purges
the accounts package already has (those read the wall clock, not ``now``).

A dry run counts the same things and changes nothing. A real run records one audit event per
organisation in which something was removed, holding only the counts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from waarborg.accounts.throttle import LoginThrottler, ThrottlePolicy
from waarborg.accounts.web_sessions import SessionPolicy, purge_expired_sessions
from waarborg.audit.chain import append
from waarborg.db.database import Database
from waarborg.db.tables import (
    Conversation,
    ConversationMessage,
    Feedback,
    LoginThrottle,
    Organisation,
    UsageCounter,
    UseCase,
    WebSession,
)
from waarborg.retention.audit_prune import prunable_prefix, prune_prefix, pruned_until
from waarborg.settings import Settings

MINIMUM_AUDIT_RETENTION_DAYS = 183  # six months: AI Act art. 19(1) and 26(6)
USAGE_RETENTION = timedelta(days=2)
INSTALLATION = "*"  # the report's key for what belongs to no single organisation
SYSTEM_ACTOR = "systeem:opschoning"

KINDS = (
    "conversations",
    "messages",
    "feedback",
    "usage_counters",
    "audit_events",
)


class RetentionError(ValueError):
    """A retention setting Waarborg refuses to work with."""


@dataclass(frozen=True)
class RetentionPolicy:
    audit_retention_days: int = 365
    batch_size: int = 500
    session_policy: SessionPolicy | None = None
    throttler: LoginThrottler | None = None

    def __post_init__(self) -> None:
        if self.audit_retention_days < MINIMUM_AUDIT_RETENTION_DAYS:
            raise RetentionError(
                f"De bewaartermijn van het auditlog is {self.audit_retention_days} dagen; de "
                f"AI-verordening vraagt minstens zes maanden ({MINIMUM_AUDIT_RETENTION_DAYS} "
                "dagen, art. 19 en 26(6)). Zet WAARBORG_AUDIT_RETENTION_DAYS hoger."
            )
        if self.batch_size < 1:
            raise RetentionError("De batchgrootte van de opschoning moet minstens 1 zijn.")


@dataclass
class PurgeReport:
    now: datetime
    dry_run: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, organisation: str, kind: str, count: int) -> None:
        kinds = self.counts.setdefault(organisation, {})
        kinds[kind] = kinds.get(kind, 0) + count

    def total(self, kind: str) -> int:
        return sum(kinds.get(kind, 0) for kinds in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "now": self.now.astimezone(UTC).isoformat(timespec="seconds"),
            "dry_run": self.dry_run,
            "counts": self.counts,
        }


def purge(
    database: Database,
    now: datetime,
    dry_run: bool,
    policy: RetentionPolicy | None = None,
    actor: str = SYSTEM_ACTOR,
    organisation_ids: Collection[str] | None = None,
) -> PurgeReport:
    """Remove (or, in a dry run, count) everything expired at ``now``; ``organisation_ids``
    limits the run to those organisations (and then leaves the installation's rows alone)."""
    policy = policy or RetentionPolicy()
    report = PurgeReport(now=now, dry_run=dry_run)
    query = select(Organisation.id, Organisation.slug).order_by(Organisation.slug)
    if organisation_ids is not None:
        query = query.where(Organisation.id.in_(list(organisation_ids)))
    with database.session() as session:
        organisations = [(str(i), str(s)) for i, s in session.execute(query)]
    for organisation_id, slug in organisations:
        report.counts[slug] = dict.fromkeys(KINDS, 0)
        _purge_organisation(database, organisation_id, slug, now, dry_run, policy, report)
        if not dry_run and any(report.counts[slug].values()):
            with database.session(organisation_id) as session:
                append(
                    session,
                    organisation_id,
                    kind="beheer",
                    action="bewaartermijn_opgeschoond",
                    actor=actor,
                    detail={"aantallen": report.counts[slug]},
                )
    if organisation_ids is None:
        _purge_installation(database, dry_run, policy, report)
    return report


def _held(session: Session, organisation_id: str) -> list[tuple[str, str]]:
    rows = session.execute(
        select(UseCase.id, UseCase.slug).where(
            UseCase.organisation_id == organisation_id, UseCase.legal_hold.is_(True)
        )
    )
    return [(str(i), str(s)) for i, s in rows]


def _purge_organisation(
    database: Database,
    organisation_id: str,
    slug: str,
    now: datetime,
    dry_run: bool,
    policy: RetentionPolicy,
    report: PurgeReport,
) -> None:
    with database.session(organisation_id) as session:
        held = _held(session, organisation_id)
    held_ids = [use_case_id for use_case_id, _ in held]
    held_slugs = frozenset(use_case_slug for _, use_case_slug in held)

    last_id = ""
    while True:
        with database.session(organisation_id) as session:
            ids = list(
                session.scalars(
                    select(Conversation.id)
                    .where(
                        Conversation.organisation_id == organisation_id,
                        Conversation.expires_at <= now,
                        Conversation.use_case_id.notin_(held_ids),
                        Conversation.id > last_id,
                    )
                    .order_by(Conversation.id)
                    .limit(policy.batch_size)
                )
            )
            if ids:
                report.add(slug, "conversations", len(ids))
                for kind, table in (("feedback", Feedback), ("messages", ConversationMessage)):
                    report.add(slug, kind, _count(session, table, table.conversation_id, ids))
                if not dry_run:
                    for table in (Feedback, ConversationMessage):
                        session.execute(delete(table).where(table.conversation_id.in_(ids)))
                    session.execute(delete(Conversation).where(Conversation.id.in_(ids)))
                last_id = ids[-1]
        if len(ids) < policy.batch_size:
            break

    with database.session(organisation_id) as session:
        stale = (
            UsageCounter.organisation_id == organisation_id,
            UsageCounter.window_start < now - USAGE_RETENTION,
        )
        count = session.scalar(select(func.count()).select_from(UsageCounter).where(*stale))
        report.add(slug, "usage_counters", int(count or 0))
        if count and not dry_run:
            session.execute(delete(UsageCounter).where(*stale))

    cutoff = now - timedelta(days=policy.audit_retention_days)
    with database.session(organisation_id) as session:
        after = pruned_until(session, organisation_id)
    while True:
        with database.session(organisation_id) as session:
            prefix = prunable_prefix(
                session, organisation_id, cutoff, held_slugs, policy.batch_size, after
            )
            if not dry_run:
                prune_prefix(session, organisation_id, prefix)
        report.add(slug, "audit_events", len(prefix))
        if len(prefix) < policy.batch_size:
            break
        after = prefix[-1][0]


def _count(session: Session, table: Any, column: Any, ids: list[str]) -> int:
    return int(session.scalar(select(func.count()).select_from(table).where(column.in_(ids))) or 0)


def _purge_installation(
    database: Database, dry_run: bool, policy: RetentionPolicy, report: PurgeReport
) -> None:
    """Web sessions and login counters: reuse the purges of the accounts package."""
    wall = datetime.now(UTC)
    with database.session() as session:
        if policy.session_policy is not None:
            if dry_run:
                expired = (WebSession.expires_at <= wall) | (
                    WebSession.last_seen_at <= wall - policy.session_policy.idle
                )
                count = session.scalar(select(func.count()).select_from(WebSession).where(expired))
                report.add(INSTALLATION, "web_sessions", int(count or 0))
            else:
                removed = purge_expired_sessions(session, policy.session_policy)
                report.add(INSTALLATION, "web_sessions", removed)
        if policy.throttler is not None:
            if dry_run:
                longest = max(policy.throttler.policy.failure_window, timedelta(minutes=1))
                spent = (LoginThrottle.window_start < wall - longest) & (
                    LoginThrottle.locked_until.is_(None) | (LoginThrottle.locked_until < wall)
                )
                count = session.scalar(select(func.count()).select_from(LoginThrottle).where(spent))
                report.add(INSTALLATION, "login_throttles", int(count or 0))
            else:
                report.add(INSTALLATION, "login_throttles", policy.throttler.purge_stale(session))


def policy_from_settings(settings: Settings) -> RetentionPolicy:
    """The policy the server and ``waarborg purge`` use, from the installation's settings."""
    return RetentionPolicy(
        audit_retention_days=settings.audit_retention_days,
        session_policy=SessionPolicy(
            idle=timedelta(minutes=settings.session_idle_minutes),
            absolute=timedelta(hours=settings.session_absolute_hours),
        ),
        throttler=LoginThrottler(
            settings.secret_bytes(),
            ThrottlePolicy(
                max_failures=settings.login_max_failures,
                failure_window=timedelta(minutes=settings.login_failure_window_minutes),
                lockout=timedelta(minutes=settings.login_lockout_minutes),
                attempts_per_minute_per_client=settings.login_attempts_per_minute_per_client,
            ),
        ),
    )
