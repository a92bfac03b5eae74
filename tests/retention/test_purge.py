"""The purge on both databases, with the clock in the test's hands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from tests.retention.conftest import World, later
from waarborg.accounts.roles import Role
from waarborg.audit.verify import verify_chain
from waarborg.db.base import utcnow
from waarborg.db.tables import AuditEvent, AuditHead, UsageCounter
from waarborg.governance.legal_hold import place_hold
from waarborg.governance.use_cases import get_use_case
from waarborg.retention.purge import RetentionError, RetentionPolicy, purge
from waarborg.settings import Settings, SettingsError, load_settings


def _purge(world: World, now: datetime, dry_run: bool = False, batch: int = 500) -> dict[str, int]:
    report = purge(
        world.database,
        now,
        dry_run=dry_run,
        policy=RetentionPolicy(batch_size=batch),
        organisation_ids=[world.organisation_id],
    )
    return report.counts[world.tenant.organisation.slug]


def _hold(world: World, slug: str) -> None:
    actor = world.actor(Role.PRIVACY_OFFICER)
    with world.database.session(world.organisation_id) as session:
        place_hold(session, get_use_case(session, world.organisation_id, slug), actor, "Zaak 12")


def test_expired_conversations_go_with_messages_and_feedback(world: World) -> None:
    world.use_case("loket")
    expired = [
        world.conversation("loket", Role.MEDEWERKER, f"Vraag {n}", timedelta(days=-1))
        for n in range(3)
    ]
    live = world.conversation("loket", Role.MEDEWERKER, "Nog geldig", timedelta(days=5))

    counts = _purge(world, utcnow(), batch=2)  # two batches for three conversations

    assert counts["conversations"] == 3
    assert counts["messages"] == 6
    assert counts["feedback"] == 3
    for conversation_id in expired:
        assert world.rows(conversation_id) == (0, 0, 0)
    assert world.rows(live) == (1, 2, 1)
    # Later, the live one expires too.
    assert _purge(world, later(6))["conversations"] == 1
    assert world.rows(live) == (0, 0, 0)


def test_a_use_case_under_legal_hold_keeps_its_conversations(world: World) -> None:
    world.use_case("dossier")
    world.use_case("loket")
    held = world.conversation("dossier", Role.MEDEWERKER, "Bewaren", timedelta(days=-10))
    free = world.conversation("loket", Role.MEDEWERKER, "Weg", timedelta(days=-10))
    _hold(world, "dossier")

    counts = _purge(world, utcnow())

    assert counts["conversations"] == 1
    assert world.rows(held) == (1, 2, 1)
    assert world.rows(free) == (0, 0, 0)


def test_a_dry_run_counts_the_same_and_changes_nothing(world: World) -> None:
    world.use_case("loket")
    expired = world.conversation("loket", Role.MEDEWERKER, "Oud", timedelta(days=-1))
    with world.database.session(world.organisation_id) as session:
        session.add(
            UsageCounter(
                organisation_id=world.organisation_id,
                scope="usecase:x:requests",
                window_start=utcnow() - timedelta(days=3),
                value=4,
            )
        )
    now = later(400)  # every audit event so far is past its retention
    with world.database.session(world.organisation_id) as session:
        events_before = len(list(session.scalars(select(AuditEvent.id))))

    dry = _purge(world, now, dry_run=True, batch=3)
    assert world.rows(expired) == (1, 2, 1)
    with world.database.session(world.organisation_id) as session:
        assert len(list(session.scalars(select(AuditEvent.id)))) == events_before
        assert session.scalar(select(UsageCounter.value)) == 4

    real = _purge(world, now, batch=3)
    assert dry == real
    assert real["conversations"] == 1
    assert real["usage_counters"] == 1
    assert real["audit_events"] == events_before
    assert world.rows(expired) == (0, 0, 0)


def test_audit_prefix_is_pruned_and_the_chain_still_verifies(world: World) -> None:
    world.use_case("loket")
    with world.database.session(world.organisation_id) as session:
        before = list(session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)))
    assert before

    counts = _purge(world, later(400), batch=2)

    assert counts["audit_events"] == len(before)
    with world.database.session(world.organisation_id) as session:
        head = session.get(AuditHead, world.organisation_id)
        assert head is not None
        assert head.pruned_sequence == before[-1].sequence
        assert head.pruned_hash == before[-1].hash
        remaining = list(session.scalars(select(AuditEvent)))
        # Only the purge's own event, with counts and nothing else.
        assert [event.action for event in remaining] == ["bewaartermijn_opgeschoond"]
        assert remaining[0].detail["aantallen"]["audit_events"] == len(before)
        assert verify_chain(session, world.organisation_id) == (1, [])


def test_tampering_after_pruning_is_still_detected(world: World) -> None:
    world.use_case("loket")
    _purge(world, later(400))
    world.use_case("balie")  # more events after the pruned link
    with world.database.session(world.organisation_id) as session:
        count, problems = verify_chain(session, world.organisation_id)
        assert count == 2
        assert problems == []
        first = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).first()
        assert first is not None
        first.detail = {**first.detail, "aantallen": {}}
    with world.database.session(world.organisation_id) as session:
        _, problems = verify_chain(session, world.organisation_id)
        assert any("gewijzigd" in problem.message for problem in problems)
        # Removing the first remaining event is found as well, even without its predecessor.
        session.delete(session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).first())
        session.flush()
        _, problems = verify_chain(session, world.organisation_id)
        assert any("ontbreekt" in problem.message for problem in problems)
        session.rollback()


def test_pruning_stops_at_an_event_of_a_held_use_case(world: World) -> None:
    world.use_case("loket")
    world.use_case("dossier")
    _hold(world, "dossier")
    with world.database.session(world.organisation_id) as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)))
    first_held = next(event for event in events if event.use_case == "dossier")
    older = [event for event in events if event.sequence < first_held.sequence]

    counts = _purge(world, later(400))

    assert counts["audit_events"] == len(older)
    with world.database.session(world.organisation_id) as session:
        kept = [
            e.sequence for e in session.scalars(select(AuditEvent).order_by(AuditEvent.sequence))
        ]
        assert kept[0] == first_held.sequence
        assert all(event.sequence in kept for event in events if event.use_case == "dossier")
        assert verify_chain(session, world.organisation_id)[1] == []


def test_events_within_the_retention_stay(world: World) -> None:
    world.use_case("loket")
    assert _purge(world, later(364))["audit_events"] == 0


def test_the_audit_retention_has_a_six_month_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RetentionError, match="zes maanden"):
        RetentionPolicy(audit_retention_days=182)
    RetentionPolicy(audit_retention_days=183)
    monkeypatch.setenv("WAARBORG_AUDIT_RETENTION_DAYS", "90")
    with pytest.raises(SettingsError, match="AUDIT_RETENTION_DAYS"):
        load_settings()


def test_settings_reject_a_short_audit_retention() -> None:
    with pytest.raises(ValidationError):
        Settings(audit_retention_days=100)
    assert Settings().audit_retention_days == 365
    assert Settings().purge_interval_minutes == 60


def test_the_report_is_keyed_by_organisation(world: World) -> None:
    report = purge(
        world.database,
        datetime.now(UTC),
        dry_run=True,
        organisation_ids=[world.organisation_id],
    )
    assert list(report.counts) == [world.tenant.organisation.slug]
    assert report.as_dict()["dry_run"] is True
