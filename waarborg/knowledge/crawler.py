"""The built-in ``website`` source: a polite, bounded crawl of allowed hosts.

Breadth-first from the seed URLs (a seed that looks like a sitemap contributes its URLs),
following links only to allowed hosts, honouring robots.txt, at most ``max_pages`` page
requests. Every request goes through the guarded client (see ``network``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from datetime import UTC, datetime

from waarborg.knowledge.fetch import Fetched, Fetcher, FetchError
from waarborg.knowledge.links import looks_like_sitemap, normalise, page_links, sitemap_urls
from waarborg.knowledge.network import guarded_client
from waarborg.knowledge.protocol import (
    HTML,
    SUPPORTED_TYPES,
    FetchedDocument,
    Gone,
    Problem,
    SourceConfig,
    SourceError,
    SourceItem,
)
from waarborg.knowledge.robots import RobotsRules
from waarborg.knowledge.ssrf import system_resolver

MAX_NESTED_SITEMAPS = 50


class WebsiteSource:
    def __init__(self, config: SourceConfig) -> None:
        self.config = config

    def items(self) -> Iterator[SourceItem]:
        config = self.config
        if not config.seeds:
            raise SourceError("Deze websitebron heeft geen startadres.")
        resolver = config.resolver or system_resolver
        with guarded_client(config.limits, resolver, config.allow_private_addresses) as client:
            fetcher = Fetcher(client, config.allowed_hosts, config.limits)
            crawl = _Crawl(config, fetcher, RobotsRules(fetcher, config.limits.user_agent))
            yield from crawl.run()


class _Crawl:
    def __init__(self, config: SourceConfig, fetcher: Fetcher, robots: RobotsRules) -> None:
        self.config = config
        self.fetcher = fetcher
        self.robots = robots
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.yielded: set[str] = set()
        self.seed_failures: list[str] = []
        self.seed_successes = 0
        self.seeds = {normalise(seed) for seed in config.seeds}

    def run(self) -> Iterator[SourceItem]:
        for seed in self.config.seeds:
            if looks_like_sitemap(seed):
                yield from self._read_sitemap(seed)
            else:
                self._enqueue(seed)
        pages = 0
        while self.queue and pages < self.config.max_pages:
            url = self.queue.popleft()
            if not self.robots.allowed(url):
                if url in self.seeds:
                    self.seed_failures.append(f"{url}: {self.robots.refusal(url)}")
                continue
            pages += 1
            yield from self._visit(url)
        if self.seed_successes == 0 and self.seed_failures:
            raise SourceError(
                "Geen enkel startadres kon worden opgehaald: " + "; ".join(self.seed_failures)
            )

    def _visit(self, url: str) -> Iterator[SourceItem]:
        is_seed = url in self.seeds
        try:
            fetched = self.fetcher.get(url, accept=SUPPORTED_TYPES)
        except FetchError as error:
            if is_seed:
                self.seed_failures.append(f"{url}: {error.message}")
            yield Gone(url) if error.gone else Problem(url, error.message)
            return
        if is_seed:
            self.seed_successes += 1
        location = normalise(fetched.url)
        self.seen.add(location)
        if location in self.yielded:
            return
        noindex = False
        if fetched.content_type == HTML:
            links, noindex = page_links(fetched.content, fetched.url)
            for link in links:
                self._enqueue(link)
        if not noindex:
            self.yielded.add(location)
            yield _document(location, fetched)

    def _read_sitemap(self, url: str) -> Iterator[SourceItem]:
        pending, read = [url], 0
        while pending and read < MAX_NESTED_SITEMAPS:
            current = pending.pop(0)
            read += 1
            try:
                fetched = self.fetcher.get(current)
            except FetchError as error:
                self.seed_failures.append(f"{current}: {error.message}")
                yield Problem(current, f"Sitemap niet gelezen: {error.message}")
                continue
            self.seed_successes += 1
            pages, nested = sitemap_urls(fetched.content)
            for page in pages:
                self._enqueue(page)
            pending.extend(nested)

    def _enqueue(self, url: str) -> None:
        location = normalise(url)
        if location in self.seen:
            return
        self.seen.add(location)
        self.queue.append(location)


def _document(location: str, fetched: Fetched) -> FetchedDocument:
    return FetchedDocument(
        location=location,
        title="",
        content_type=fetched.content_type,
        content=fetched.content,
        fetched_at=datetime.now(UTC),
    )


def website_source(config: SourceConfig) -> WebsiteSource:
    """Entry point ``website``."""
    return WebsiteSource(config)
