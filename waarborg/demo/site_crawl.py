"""The demo's own municipal website: served beside Waarborg and crawled through the normal
crawler into the citizen and employee use cases, as a real municipality would do with its
own site. Runs in the background so the demo answers within a minute of starting."""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

import httpx
import uvicorn
from sqlalchemy import select

from waarborg.accounts.users import get_user
from waarborg.db.database import Database
from waarborg.db.tables import KnowledgeSource, Organisation
from waarborg.demo.seed import DEMO_SLUG
from waarborg.demo.website.server import create_site_app
from waarborg.governance.actors import Actor
from waarborg.governance.use_cases import find_use_case
from waarborg.knowledge.ingest import IngestOptions, ingest
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.sources import add_source

log = logging.getLogger("waarborg.demo")

# The use cases that answer from the municipality's website.
WEBSITE_USE_CASES = ("inwonersvragen", "medewerkersassistent")
SOURCE_NAME = "Website Gemeente Voorbeeld"
# Polite to a real site, quick for our own: the demo site runs on this machine.
DEMO_LIMITS = Limits(delay_seconds=0.02)


def serve_site(host: str, port: int, widget_script: str | None = None) -> str:
    """Start the demo website in a background thread; return its base URL once it answers.
    ``widget_script`` puts Waarborg's citizen widget on its pages."""
    server = uvicorn.Server(
        uvicorn.Config(
            create_site_app(widget_script=widget_script),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
    )
    threading.Thread(target=server.run, name="demo-website", daemon=True).start()
    base = f"http://{host}:{port}"
    _wait_for(f"{base}/", 30)
    return base


def crawl_in_background(database_url: str, site_url: str) -> threading.Thread:
    thread = threading.Thread(
        target=_crawl_safely, args=(database_url, site_url), name="demo-crawl", daemon=True
    )
    thread.start()
    return thread


def crawl_site(database: Database, site_url: str) -> dict[str, str]:
    """Add (or point at ``site_url``) the website source of each demo use case and crawl it."""
    summaries: dict[str, str] = {}
    with database.session() as session:
        organisation = session.scalar(select(Organisation).where(Organisation.slug == DEMO_SLUG))
        if organisation is None:
            return summaries
        organisation_id = organisation.id
    for slug in WEBSITE_USE_CASES:
        with database.session(organisation_id) as session:
            use_case = find_use_case(session, organisation_id, slug)
            if use_case is None:
                continue
            source = session.scalar(
                select(KnowledgeSource).where(
                    KnowledgeSource.use_case_id == use_case.id,
                    KnowledgeSource.name == SOURCE_NAME,
                )
            )
            seeds = [f"{site_url}/sitemap.xml", f"{site_url}/"]
            if source is None:
                owner = Actor.of(get_user(session, "eigenaar"))
                source = add_source(
                    session,
                    use_case,
                    owner,
                    kind="website",
                    name=SOURCE_NAME,
                    seeds=seeds,
                    allowed_hosts=[urlsplit(site_url).hostname or "127.0.0.1"],
                    max_pages=200,
                )
            else:
                source.seeds = seeds  # the port may differ from the last run
            session.commit()
            options = IngestOptions(limits=DEMO_LIMITS, allow_private_addresses=True)
            summaries[slug] = ingest(session, source, options).summary()
    return summaries


def _crawl_safely(database_url: str, site_url: str) -> None:
    database = Database(database_url)
    try:
        started = time.perf_counter()
        for slug, summary in crawl_site(database, site_url).items():
            log.info("demo website crawled into %s: %s", slug, summary)
        log.info("demo website ready in %.1f s", time.perf_counter() - started)
    except Exception:  # the demo keeps serving; the sources page shows what went wrong
        log.exception("crawling the demo website failed")
    finally:
        database.dispose()


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the demo website did not start at {url}")
