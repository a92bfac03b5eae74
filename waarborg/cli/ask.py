"""``waarborg ask``: ask a use case a question through the governed path."""

from __future__ import annotations

from typing import Annotated

import typer

from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.cli.common import console, fail
from waarborg.cli.governed import Format, FormatOption, Org, organisation_session, print_json
from waarborg.governance.policy import Caller
from waarborg.knowledge.index_cache import IndexCache
from waarborg.pipeline.ask import QuestionError, ask


def ask_command(
    question: Annotated[str, typer.Argument(help="De vraag.")],
    use_case: Annotated[str, typer.Option("--use-case", help="Korte naam van de toepassing.")],
    org: Org,
    actor: Annotated[
        str | None,
        typer.Option("--as", help="Vraag als deze gebruiker (anders anoniem, als inwoner)."),
    ] = None,
    output: FormatOption = Format.TABLE,
) -> None:
    """Ask a question; prints the answer with its sources, or why there is none."""
    with organisation_session(org) as (session, organisation):
        caller = Caller()
        if actor:
            user = get_user(session, actor)
            caller = Caller(user_id=user.id, roles=frozenset(Role(r) for r in user.role_names))
        try:
            result = ask(session, organisation, use_case, caller, question, IndexCache())
        except QuestionError as error:
            raise fail(str(error)) from None
    if output == Format.JSON:
        print_json(result.to_json())
        return
    console.print(result.answer, highlight=False)
    for citation in result.citations:
        console.print(f"[{citation.number}] {citation.title} — {citation.url}", highlight=False)
    console.print(f"[italic]{result.label}[/]")
