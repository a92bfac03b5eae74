"""The website crawler against a real site on 127.0.0.1 (private addresses switched on)."""

from __future__ import annotations

import itertools
import time

import pytest

from tests.knowledge.site import Route, Site, page, serve
from waarborg.knowledge.crawler import WebsiteSource
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.protocol import (
    FetchedDocument,
    Gone,
    Problem,
    SourceConfig,
    SourceError,
    SourceItem,
)

LIMITS = Limits(delay_seconds=0, read_timeout=0.5, connect_timeout=2, max_bytes=200_000)


def crawl(site: Site, *seeds: str, **overrides: object) -> list[SourceItem]:
    options: dict[str, object] = {"limits": LIMITS, **overrides}
    config = SourceConfig(
        kind="website",
        name="test",
        seeds=tuple(site.url(seed) for seed in seeds),
        allowed_hosts=("127.0.0.1",),
        allow_private_addresses=True,
        **options,  # type: ignore[arg-type]
    )
    return list(WebsiteSource(config).items())


def documents(items: list[SourceItem]) -> dict[str, FetchedDocument]:
    return {item.location: item for item in items if isinstance(item, FetchedDocument)}


def problems(items: list[SourceItem]) -> dict[str, str]:
    return {item.location: item.message for item in items if isinstance(item, Problem)}


def test_follows_links_and_respects_robots_txt(site: Site) -> None:
    items = crawl(site, "/")
    found = documents(items)
    assert set(found) == {
        site.url(path)
        for path in ("/", "/afval", "/paspoort", "/verhuizen", "/privacy", "/cookies")
    }
    assert "/intern/salarissen" not in site.paths()
    assert "/logo.png" not in site.paths()
    assert site.paths()[0] == "/robots.txt"


def test_page_cap(site: Site) -> None:
    items = crawl(site, "/", max_pages=2)
    assert len(documents(items)) == 2


def test_sitemap_seed() -> None:
    routes = {
        "/sitemap.xml": Route(
            content_type="application/xml",
            body=b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            b"<url><loc>PLACEHOLDER/a</loc></url></urlset>",
        ),
        "/a": page("Alleen deze", "<p>Uit de sitemap.</p>"),
    }
    with serve(routes) as site:
        routes["/sitemap.xml"].body = routes["/sitemap.xml"].body.replace(
            b"PLACEHOLDER", site.base.encode()
        )
        found = documents(crawl(site, "/sitemap.xml"))
    assert list(found) == [site.url("/a")]


def test_redirect_loop_timeout_huge_page_and_wrong_type_are_problems() -> None:
    routes = {
        "/": page(
            "Start",
            "<p><a href='/lus-a'>lus</a> <a href='/traag'>traag</a> <a href='/groot'>groot</a> "
            "<a href='/data.bin'>data</a> <a href='/kapot'>kapot</a></p>",
        ),
        "/lus-a": Route(status=302, headers={"Location": "/lus-b"}),
        "/lus-b": Route(status=302, headers={"Location": "/lus-a"}),
        "/traag": Route(body=b"<p>te laat</p>", delay=2.0),
        "/groot": Route(body=b"<p>" + b"x" * 300_000 + b"</p>"),
        "/data.bin": Route(content_type="application/octet-stream", body=b"\x00\x01"),
        "/kapot": Route(status=500, body=b"fout"),
    }
    with serve(routes) as site:
        started = time.monotonic()
        found = crawl(site, "/")
        assert time.monotonic() - started < 10
    messages = problems(found)
    assert "kringloop" in messages[site.url("/lus-a")]
    assert "time-out" in messages[site.url("/traag")]
    assert "groter dan" in messages[site.url("/groot")]
    assert "niet ondersteund" in messages[site.url("/data.bin")]
    assert "HTTP 500" in messages[site.url("/kapot")]
    assert list(documents(found)) == [site.url("/")]


def test_too_many_redirects() -> None:
    routes = {f"/r{n}": Route(status=301, headers={"Location": f"/r{n + 1}"}) for n in range(10)}
    routes["/"] = page("Start", "<p><a href='/r0'>verder</a></p>")
    with serve(routes) as site:
        items = crawl(site, "/", limits=Limits(delay_seconds=0, max_redirects=3))
    assert any("Meer dan 3" in item.message for item in items if isinstance(item, Problem))


def test_missing_pages_are_gone(site: Site) -> None:
    site.routes["/"] = page("Welkom", "<p><a href='/bestaat-niet'>weg</a></p>")
    items = crawl(site, "/")
    assert Gone(site.url("/bestaat-niet")) in items


def test_polite_delay_between_requests(site: Site) -> None:
    crawl(site, "/", max_pages=3, limits=Limits(delay_seconds=0.3))
    times = [when for _path, when in site.requests]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) >= 3
    assert min(gaps) >= 0.2  # server-side arrival times jitter a little


def test_robots_crawl_delay_is_honoured(site: Site) -> None:
    site.routes["/robots.txt"] = Route(
        content_type="text/plain", body=b"User-agent: *\nCrawl-delay: 1\n"
    )
    crawl(site, "/", max_pages=2)
    times = [when for _path, when in site.requests]
    assert times[-1] - times[-2] >= 0.95


def test_unreachable_seed_fails_the_run() -> None:
    with serve({"/": Route(status=503)}) as site, pytest.raises(SourceError, match="503"):
        crawl(site, "/")
