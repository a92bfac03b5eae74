"""``waarborg org suspend|resume|policy``: the organisation-wide kill switch and AI policy."""

from __future__ import annotations

from typing import Annotated

import typer

from waarborg.cli.common import console
from waarborg.cli.governed import As, acting
from waarborg.governance.kill_switch import resume_organisation, suspend_organisation
from waarborg.governance.organisation_policy import set_policy

Slug = Annotated[str, typer.Argument(help="Korte naam van de organisatie.")]


def org_suspend(
    slug: Slug, actor: As, reason: Annotated[str, typer.Option(help="Waarom (verplicht).")]
) -> None:
    """Kill switch: stop every AI use case of the organisation at once."""
    with acting(slug, actor) as (_session, organisation, who):
        suspend_organisation(organisation, who, reason)
        console.print(f"Alle AI van {organisation.name} is geschorst.")


def org_resume(slug: Slug, actor: As) -> None:
    """Lift the organisation-wide suspension."""
    with acting(slug, actor) as (_session, organisation, who):
        resume_organisation(organisation, who)
        console.print(f"De AI van {organisation.name} is weer beschikbaar.")


def org_policy(
    slug: Slug,
    actor: As,
    block_non_eu: Annotated[
        bool | None, typer.Option("--block-non-eu/--allow-non-eu", help="Modellen buiten de EU.")
    ] = None,
    block_closed: Annotated[
        bool | None,
        typer.Option("--block-closed/--allow-closed", help="Modellen zonder open gewichten."),
    ] = None,
    approver: Annotated[
        list[str] | None, typer.Option(help="Rol die moet tekenen voor productie (herhaalbaar).")
    ] = None,
    contact_email: Annotated[str | None, typer.Option(help="Algemeen contactadres.")] = None,
) -> None:
    """Show or set the organisation's AI policy."""
    with acting(slug, actor) as (_session, organisation, who):
        if any(v is not None for v in (block_non_eu, block_closed, approver, contact_email)):
            set_policy(
                organisation,
                who,
                block_non_eu=block_non_eu,
                block_closed=block_closed,
                approvers=approver or None,
                contact_email=contact_email,
            )
        console.print(f"Beleid van {organisation.name}:")
        console.print(f"  modellen buiten de EU blokkeren: {organisation.block_non_eu_models}")
        console.print(f"  alleen open gewichten: {organisation.block_closed_models}")
        console.print(
            f"  tekenen voor productie: {', '.join(organisation.required_approver_roles)}"
        )
        console.print(f"  contact: {organisation.contact_email or '—'}")
