"""``waarborg ask``: ask a use case a question through the governed path."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

import typer

from waarborg.accounts.organisations import get_organisation
from waarborg.accounts.roles import Role
from waarborg.accounts.users import get_user
from waarborg.cli.common import console, fail, friendly_errors, open_database, settings_or_exit
from waarborg.cli.governed import Format, FormatOption, Org, print_json
from waarborg.conversations.vault import Vault
from waarborg.db.database import Database
from waarborg.governance.policy import Caller
from waarborg.knowledge.index_cache import IndexCache
from waarborg.models.registry import BackendRegistry
from waarborg.pipeline.governed import GovernedPath
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.turn import QuestionError, TurnRequest
from waarborg.settings import Settings


def ask_command(
    question: Annotated[str, typer.Argument(help="De vraag.")],
    use_case: Annotated[str, typer.Option("--use-case", help="Korte naam van de toepassing.")],
    org: Org,
    actor: Annotated[
        str | None,
        typer.Option("--as", help="Vraag als deze gebruiker (anders anoniem, als inwoner)."),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Een model van de toepassing (anders het eerste).")
    ] = None,
    output: FormatOption = Format.TABLE,
) -> None:
    """Ask a question; prints the answer with its sources, or why there is none."""
    settings = settings_or_exit()
    with open_database(settings) as database, friendly_errors():
        with database.session() as session:
            organisation_id = get_organisation(session, org).id
            caller = Caller()
            if actor:
                user = get_user(session, actor)
                caller = Caller(user_id=user.id, roles=frozenset(Role(r) for r in user.role_names))
        turn = TurnRequest(
            organisation_id=organisation_id,
            use_case_slug=use_case,
            caller=caller,
            question=question,
            model_key=model,
            channel="cli",
        )
        try:
            result = _run(_answer(database, Vault(settings.secret_bytes()), settings, turn))
        except QuestionError as error:
            raise fail(str(error)) from None
    if output == Format.JSON:
        print_json(result.to_json())
        return
    console.print(result.answer, highlight=False)
    for citation in result.citations:
        console.print(f"[{citation.number}] {citation.title} — {citation.url}", highlight=False)
    console.print(f"[italic]{result.label}[/]")


async def _answer(
    database: Database, vault: Vault, settings: Settings, turn: TurnRequest
) -> AnswerResult:
    registry = BackendRegistry.from_settings(settings)
    try:
        return await GovernedPath(database, IndexCache(), vault, registry).answer(turn)
    finally:
        await registry.aclose_all()


def _run(coroutine: Coroutine[Any, Any, AnswerResult]) -> AnswerResult:
    """``asyncio.run``, also when the caller's thread already runs an event loop (the command
    called from a program or a test that is itself async): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
