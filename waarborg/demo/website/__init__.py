"""The website of the fictional municipality Gemeente Voorbeeld, for retrieval demos and benchmarks.

Static files only: ``pages/<slug>.html`` (served at ``/<slug>``, the home page ``index`` at ``/``),
``special/`` (the search page and the not-found page, kept out of the sitemap), ``static/site.css``,
``sitemap.xml`` and ``robots.txt``. Links between pages are relative, so the site works under any
mount point; ``{{BASE_URL}}`` (the absolute base URL) and ``{{BASE_PATH}}`` (its path, empty at
the root) in the sitemap and robots.txt are filled in by
:func:`waarborg.demo.website.server.create_site_app`.
"""

from __future__ import annotations

from pathlib import Path

BASE_URL_PLACEHOLDER = "{{BASE_URL}}"
BASE_PATH_PLACEHOLDER = "{{BASE_PATH}}"


def website_dir() -> Path:
    """The folder that holds the site's files."""
    return Path(__file__).resolve().parent


def page_slugs() -> list[str]:
    """The slugs of all indexable pages (``index`` included), sorted."""
    return sorted(path.stem for path in (website_dir() / "pages").glob("*.html"))
