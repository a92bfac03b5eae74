"""The Gemeente Voorbeeld demo website: well-formed, accessible pages with shared chrome, working
links and sitemap, the retrieval question sets that point into it, and the server that serves it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from tests.support.live_server import live_server
from waarborg.demo.website import page_slugs, website_dir
from waarborg.demo.website.server import create_site_app

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "benchmarks" / "retrieval" / "demo_questions.jsonl"
SITE = website_dir()
SPECIAL = ("zoeken", "niet-gevonden")
LONG_PAGE = "gemeentelijke-belastingen"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Page:
    """What the tests need to know about one HTML document."""

    errors: list[str] = field(default_factory=list)
    lang: str | None = None
    doctype: bool = False
    headings: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    resources: list[tuple[str, str]] = field(default_factory=list)
    landmarks: list[str] = field(default_factory=list)
    main_words: int = 0
    robots: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.main_text: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.page.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.page.headings.append(int(tag[1]))
        if "id" in attributes:
            self.page.ids.append(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.page.hrefs.append(attributes["href"])
        if tag in {"img", "script", "iframe", "link", "video", "audio", "source", "object"}:
            self.page.resources.append((tag, attributes.get("src") or attributes.get("href", "")))
        if tag in {"header", "nav", "main", "aside", "footer"} or attributes.get("role"):
            self.page.landmarks.append(attributes.get("role") or tag)
        if tag == "meta" and attributes.get("name") == "robots":
            self.page.robots = attributes.get("content")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.page.errors.append(f"end tag for void element <{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.page.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "main" in self.stack:
            self.main_text.append(data)

    def finish(self) -> Page:
        self.close()
        if self.stack:
            self.page.errors.append(f"unclosed elements: {self.stack}")
        self.page.main_words = len(" ".join(self.main_text).split())
        return self.page


def _path(slug: str) -> Path:
    folder = "special" if slug in SPECIAL else "pages"
    return SITE / folder / f"{slug}.html"


@cache
def _source(slug: str) -> str:
    return _path(slug).read_text(encoding="utf-8")


@cache
def _parsed(slug: str) -> Page:
    parser = _Parser()
    parser.feed(_source(slug))
    return parser.finish()


def _block(source: str, pattern: str) -> str:
    match = re.search(pattern, source, re.DOTALL)
    assert match, pattern
    return match.group(0)


def _url_path(slug: str) -> str:
    return "/" if slug == "index" else f"/{slug}"


def _slug_for(path: str) -> str:
    return "index" if path == "/" else path.removeprefix("/")


PAGES = page_slugs()
CONTENT = [slug for slug in PAGES if slug != "index"]
ALL = [*PAGES, *SPECIAL]


def _questions() -> list[dict[str, object]]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- the pages -------------------------------------------------------------------------------


def test_there_are_at_least_45_pages_including_a_home_page() -> None:
    assert "index" in PAGES
    assert len(PAGES) >= 45
    for slug in SPECIAL:
        assert _path(slug).is_file()


@pytest.mark.parametrize("slug", ALL)
def test_page_is_well_formed_accessible_html(slug: str) -> None:
    page = _parsed(slug)
    assert page.errors == []
    assert page.doctype
    assert page.lang == "nl"
    assert page.headings.count(1) == 1
    assert page.headings[0] == 1
    previous = 1
    for level in page.headings:
        assert level <= previous + 1, f"heading level jumps to h{level} in {slug}"
        previous = level
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    for landmark in ("header", "nav", "main", "footer", "search"):
        assert landmark in page.landmarks, landmark
    assert re.search(r"<title>[^<]+</title>", _source(slug))


@pytest.mark.parametrize("slug", ALL)
def test_page_uses_no_external_resources(slug: str) -> None:
    assert _parsed(slug).resources == [("link", "site.css")]
    assert "<img" not in _source(slug)
    assert "style=" not in _source(slug)


def test_every_page_shares_the_same_header_and_footer() -> None:
    reference = _source("index")
    header = _block(reference, r'<a class="skiplink".*?</header>')
    footer = _block(reference, r'<div class="cookie-notice".*?</footer>')
    assert 'role="search"' in header
    assert 'aria-label="Hoofdmenu"' in header
    for needle in ("Marktplein 1", "1234 AB Voorbeeld", "14 0123", "info@gemeente-voorbeeld.nl"):
        assert needle in footer
    for target in ("privacyverklaring", "cookies", "toegankelijkheidsverklaring"):
        assert f'href="{target}"' in footer
    assert 'rel="external"' in footer
    for slug in ALL:
        assert header in _source(slug), slug
        assert footer in _source(slug), slug


@pytest.mark.parametrize("slug", [*CONTENT, *SPECIAL])
def test_every_page_below_home_has_breadcrumbs(slug: str) -> None:
    crumbs = _block(_source(slug), r'<nav class="breadcrumbs" aria-label="Kruimelpad">.*?</nav>')
    assert '<a href="./">Home</a>' in crumbs
    assert 'aria-current="page"' in crumbs


def test_some_pages_have_a_contact_aside() -> None:
    with_aside = [slug for slug in CONTENT if "<aside" in _source(slug)]
    assert 10 <= len(with_aside) < len(CONTENT)
    for slug in with_aside:
        assert '<h2 id="aside-contact">Contact</h2>' in _source(slug)


@pytest.mark.parametrize("slug", CONTENT)
def test_content_page_length(slug: str) -> None:
    words = _parsed(slug).main_words
    if slug == LONG_PAGE:
        assert 1300 <= words <= 1900
    else:
        assert 250 <= words <= 700 + 20  # the main element also holds the "last modified" line


def test_content_pages_have_lists_tables_and_cross_links() -> None:
    sources = [_source(slug) for slug in CONTENT]
    assert all("<ul>" in s or "<ol>" in s for s in sources)
    assert sum("<table>" in s for s in sources) >= 30
    for source in sources:  # every table has a caption and scrolls on its own on narrow screens
        assert source.count("<table>") == source.count("<table><caption>")
        assert source.count("<table>") == source.count('<div class="table-scroll" role="region"')
    for slug in CONTENT:
        main = _block(_source(slug), r"<main.*?</main>")
        others = {h for h in re.findall(r'href="([a-z0-9-]+)"', main) if h != slug}
        assert others, f"{slug} links to no other page in its text"


def test_facts_are_consistent_across_pages() -> None:
    text = "\n".join(_source(slug) for slug in ALL)
    assert "14 0123" in text
    phones = set(re.findall(r'href="tel:([^"]+)"', text))
    assert phones == {"140123"}
    mails = set(re.findall(r"[a-z.]+@gemeente-voorbeeld\.nl", text))
    assert "info@gemeente-voorbeeld.nl" in mails
    assert all(mail.endswith("@gemeente-voorbeeld.nl") for mail in mails)
    # the passport fee and the milieustraat hours are the same wherever they appear
    assert "€ 84,20" in _source("kosten-paspoort-id-kaart")
    assert "08.30 – 16.30 uur" in _source("milieustraat")
    assert "08.30 – 16.30 uur, zaterdag 08.30 – 15.00 uur" in _source("contact")


# --- links and sitemap -----------------------------------------------------------------------


@pytest.mark.parametrize("slug", ALL)
def test_every_internal_link_resolves(slug: str) -> None:
    base = f"http://site{_url_path(slug)}"
    for href in _parsed(slug).hrefs:
        if href.startswith(("mailto:", "tel:")):
            continue
        if href.startswith("#"):
            assert href[1:] in _parsed(slug).ids, f"{slug}: {href} has no anchor"
            continue
        url = urlsplit(urljoin(base, href))
        if url.netloc != "site":
            assert url.scheme == "https", href
            continue
        target = _slug_for(url.path)
        assert target in [*PAGES, "zoeken"], f"{slug}: {href} goes nowhere"
        if url.fragment:
            assert url.fragment in _parsed(target).ids, f"{slug}: {href} has no anchor"


def test_search_form_points_at_the_search_page() -> None:
    assert 'action="zoeken"' in _source("index")
    assert _parsed("zoeken").robots == "noindex"
    assert _parsed("niet-gevonden").robots == "noindex"


def test_sitemap_lists_every_page_and_nothing_else() -> None:
    tree = ET.parse(SITE / "sitemap.xml")  # noqa: S314 - our own file
    locs = [loc.text or "" for loc in tree.getroot().iter(f"{SITEMAP_NS}loc")]
    assert all(loc.startswith("{{BASE_URL}}/") for loc in locs)
    paths = [loc.removeprefix("{{BASE_URL}}") for loc in locs]
    assert sorted(_slug_for(path) for path in paths) == PAGES
    assert len(set(paths)) == len(paths)


def test_robots_disallows_search_and_names_the_sitemap() -> None:
    robots = (SITE / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert "Disallow: {{BASE_PATH}}/zoeken" in robots
    assert "Sitemap: {{BASE_URL}}/sitemap.xml" in robots


# --- the question sets -----------------------------------------------------------------------


def test_questions_are_well_formed() -> None:
    questions = _questions()
    ids = [q["id"] for q in questions]
    assert len(ids) == len(set(ids))
    texts = [str(q["question"]).strip().lower() for q in questions]
    assert len(texts) == len(set(texts))
    for q in questions:
        assert set(q) == {"id", "question", "expected", "answerable"}
        assert isinstance(q["question"], str)
        assert q["question"].strip()
        if q["answerable"] is True:
            assert q["expected"] in CONTENT, q
        else:
            assert q["answerable"] is False
            assert q["expected"] is None


def test_question_set_sizes() -> None:
    questions = _questions()
    assert sum(q["answerable"] is True for q in questions) >= 160
    assert sum(q["answerable"] is False for q in questions) >= 55


def test_every_content_page_has_at_least_two_questions() -> None:
    counts = dict.fromkeys(CONTENT, 0)
    for q in _questions():
        if q["answerable"]:
            counts[str(q["expected"])] += 1
    assert {slug: n for slug, n in counts.items() if n < 2} == {}


# --- the server ------------------------------------------------------------------------------


def test_server_serves_pages_sitemap_and_robots_on_loopback() -> None:
    with live_server(create_site_app()) as base, httpx.Client(base_url=base) as client:
        assert base.startswith("http://127.0.0.1:")
        home = client.get("/")
        assert home.status_code == 200
        assert home.headers["content-type"].startswith("text/html")
        assert home.text == _source("index")

        page = client.get("/grofvuil")
        assert page.status_code == 200
        assert "<h1>Grofvuil laten ophalen</h1>" in page.text

        sitemap = client.get("/sitemap.xml")
        assert sitemap.status_code == 200
        assert sitemap.headers["content-type"].startswith("application/xml")
        assert "{{" not in sitemap.text
        locs = re.findall(r"<loc>(.*?)</loc>", sitemap.text)
        assert len(locs) == len(PAGES)
        assert f"<loc>{base}/</loc>" in sitemap.text
        assert f"<loc>{base}/grofvuil</loc>" in sitemap.text
        for loc in locs:  # every page in the sitemap is served
            assert client.get(loc).status_code == 200, loc

        robots = client.get("/robots.txt")
        assert robots.status_code == 200
        assert robots.headers["content-type"].startswith("text/plain")
        assert "Disallow: /zoeken\n" in robots.text
        assert f"Sitemap: {base}/sitemap.xml" in robots.text

        assert client.get("/site.css").headers["content-type"].startswith("text/css")
        assert client.get("/zoeken", params={"q": "paspoort"}).status_code == 200
        missing = client.get("/bestaat-niet")
        assert missing.status_code == 404
        assert "<h1>Pagina niet gevonden</h1>" in missing.text
        assert client.get("/index").status_code == 404
        assert client.get("/../pyproject.toml").status_code == 404
        redirect = client.get("/grofvuil/")
        assert redirect.status_code == 308
        assert redirect.headers["location"] == f"{base}/grofvuil"


def test_server_mounted_under_a_prefix_and_with_a_base_url_hint() -> None:
    outer = FastAPI()
    outer.mount("/website", create_site_app())
    outer.mount("/hinted", create_site_app(base_url_hint="https://www.gemeente-voorbeeld.nl/"))
    with live_server(outer) as base, httpx.Client(base_url=base) as client:
        home = client.get("/website/")
        assert home.status_code == 200
        assert 'href="afvalkalender"' in home.text  # relative links work under the prefix
        sitemap = client.get("/website/sitemap.xml").text
        assert f"<loc>{base}/website/afvalkalender</loc>" in sitemap
        robots = client.get("/website/robots.txt").text
        assert "Disallow: /website/zoeken" in robots
        assert f"Sitemap: {base}/website/sitemap.xml" in robots

        hinted = client.get("/hinted/sitemap.xml").text
        assert "<loc>https://www.gemeente-voorbeeld.nl/grofvuil</loc>" in hinted
        assert "Disallow: /zoeken" in client.get("/hinted/robots.txt").text
