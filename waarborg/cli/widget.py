"""``waarborg usecase widget``: which websites may embed a use case's citizen widget, and its
limits. Only the use case's owner or an administrator may change them; every change lands in
the use case's history."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import typer
from sqlalchemy.orm import Session

from waarborg.cli.common import console
from waarborg.cli.governed import As, Org, acting
from waarborg.db.tables import UseCase
from waarborg.governance.actors import Actor
from waarborg.governance.errors import GovernanceError
from waarborg.governance.use_cases import get_use_case, record_change, require_owner_or_admin
from waarborg.governance.vocabulary import Audience

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def normalise_origin(text: str) -> str:
    """``https://host[:port]`` (``http://`` only on the loopback, for tests and the demo)."""
    parts = urlsplit(text.strip())
    secure = parts.scheme == "https" or (
        parts.scheme == "http" and (parts.hostname or "") in LOOPBACK
    )
    if not secure or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise GovernanceError(
            f"'{text}' is geen origin: gebruik https://host of https://host:poort, zonder pad."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def configure_widget(
    session: Session,
    use_case: UseCase,
    actor: Actor,
    origins: list[str] | None = None,
    session_limit: int | None = None,
    daily_limit: int | None = None,
) -> dict[str, dict[str, object]]:
    """Set the widget's origins and limits; returns what changed (recorded in the history)."""
    require_owner_or_admin(use_case, actor)
    if use_case.audience != Audience.PUBLIC:
        raise GovernanceError("Alleen een toepassing voor inwoners (publiek) heeft een widget.")
    after: dict[str, object] = {}
    if origins is not None:
        after["widget_origins"] = sorted({normalise_origin(origin) for origin in origins})
    for name, value in (
        ("widget_session_limit", session_limit),
        ("widget_daily_limit", daily_limit),
    ):
        if value is not None:
            if value < 1:
                raise GovernanceError("Een limiet is minstens 1.")
            after[name] = value
    diff: dict[str, dict[str, object]] = {
        name: {"oud": getattr(use_case, name), "nieuw": value}
        for name, value in after.items()
        if getattr(use_case, name) != value
    }
    if diff:
        for field, new in after.items():
            setattr(use_case, field, new)
        record_change(session, use_case, actor, "widget", ", ".join(sorted(diff)), diff)
    return diff


def widget(
    slug: Annotated[str, typer.Argument(help="Korte naam van de toepassing.")],
    org: Org,
    actor: As,
    origin: Annotated[
        list[str] | None,
        typer.Option(
            help="Website die de widget mag insluiten, bijv. https://www.gemeente.nl "
            "(herhaalbaar; vervangt de lijst)."
        ),
    ] = None,
    session_limit: Annotated[int | None, typer.Option(help="Vragen per sessie.")] = None,
    daily_limit: Annotated[int | None, typer.Option(help="Vragen per dag.")] = None,
) -> None:
    """Set the origins allowed to embed the citizen widget and its limits; print the snippet."""
    with acting(org, actor) as (session, organisation, who):
        use_case = get_use_case(session, organisation.id, slug)
        changed = configure_widget(session, use_case, who, origin, session_limit, daily_limit)
        console.print("Gewijzigd: " + ", ".join(sorted(changed)) if changed else "Niets gewijzigd.")
        console.print("Toegestane websites: " + (", ".join(use_case.widget_origins) or "geen"))
        console.print(
            f"Limieten: {use_case.widget_session_limit} per sessie, "
            f"{use_case.widget_daily_limit} per dag."
        )
        console.print(
            'Insluiten: <script src="https://WAARBORG/widget/'
            f'{organisation.slug}/{use_case.slug}.js" defer></script>',
            markup=False,
            soft_wrap=True,
        )
