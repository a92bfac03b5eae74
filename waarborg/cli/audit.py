"""``waarborg audit``: check the hash chain, and export the events."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import select

from waarborg.audit.verify import verify_chain
from waarborg.cli.common import console, fail
from waarborg.cli.governed import Format, FormatOption, Org, organisation_session, print_json
from waarborg.db.tables import AuditEvent

audit_app = typer.Typer(help="Het auditlog.", no_args_is_help=True)


@audit_app.command("verify")
def verify(org: Org) -> None:
    """Check the organisation's audit chain; exit 1 naming each altered, removed or moved event."""
    with organisation_session(org) as (session, organisation):
        count, problems = verify_chain(session, organisation.id)
    if problems:
        for problem in problems:
            console.print(f"[red]Fout:[/] {problem.message}", highlight=False)
        raise fail(f"Het auditlog van {org} is niet intact ({len(problems)} probleem/problemen).")
    console.print(f"Het auditlog van {org} is intact: {count} gebeurtenissen gecontroleerd.")


@audit_app.command("list")
def list_events(
    org: Org,
    output: FormatOption = Format.TABLE,
    limit: Annotated[int, typer.Option(min=1, max=1_000_000, help="Hoogstens zoveel.")] = 100,
) -> None:
    """The newest events (pseudonymous actors, codes and kinds; never the text asked)."""
    with organisation_session(org) as (session, organisation):
        events = list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.organisation_id == organisation.id)
                .order_by(AuditEvent.sequence.desc())
                .limit(limit)
            )
        )
        rows = [
            {
                "sequence": e.sequence,
                "occurred_at": e.occurred_at.isoformat(timespec="seconds"),
                "kind": e.kind,
                "action": e.action,
                "actor": e.actor,
                "use_case": e.use_case,
                "detail": e.detail,
                "hash": e.hash,
            }
            for e in events
        ]
    if output == Format.JSON:
        print_json(rows)
        return
    for row in rows:
        console.print(
            f"{row['sequence']:>6} {row['occurred_at']} {row['kind']:<8} {row['action']:<28} "
            f"{row['use_case']:<24} {row['actor']}",
            highlight=False,
        )
