"""Where a crawl goes next: links in a page and URLs in a sitemap, normalised for comparison."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

# Links to these are never documents; following them would only produce "wrong type" noise.
SKIPPED_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".zip", ".gz",
    ".mp3", ".mp4", ".avi", ".mov", ".woff", ".woff2", ".ttf", ".xls", ".xlsx", ".ppt", ".pptx",
)  # fmt: skip
MAX_SITEMAP_URLS = 50_000


def normalise(url: str) -> str:
    """Without fragment; host lowercased; an empty path becomes '/'."""
    url, _fragment = urldefrag(url.strip())
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def page_links(content: bytes, base_url: str) -> tuple[list[str], bool]:
    """Absolute http(s) links in the page, and whether the page asks not to be indexed."""
    try:
        tree = lxml_html.fromstring(content)
    except (etree.ParserError, ValueError):
        return [], False
    robots = " ".join(tree.xpath("//meta[@name='robots']/@content")).lower()
    if "nofollow" in robots:
        links: list[str] = []
    else:
        links = [_absolute(href, base_url) for href in tree.xpath("//a/@href")]
    return [link for link in links if link], "noindex" in robots


def sitemap_urls(content: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index; entities never expand."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError:
        return [], []
    locations = [
        str(text).strip()
        for text in root.xpath("//*[local-name()='loc']/text()")[:MAX_SITEMAP_URLS]
    ]
    if etree.QName(root).localname == "sitemapindex":
        return [], locations
    return locations, []


def looks_like_sitemap(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(".xml") or "sitemap" in path.rsplit("/", 1)[-1]


def _absolute(href: str, base_url: str) -> str:
    href = str(href).strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return ""
    url = urljoin(base_url, href)
    if urlsplit(url).scheme not in {"http", "https"}:
        return ""
    if urlsplit(url).path.lower().endswith(SKIPPED_SUFFIXES):
        return ""
    return normalise(url)
