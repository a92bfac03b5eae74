"""A minimal app that serves the Gemeente Voorbeeld website.

``create_site_app()`` returns a FastAPI app, to run on its own or to mount
(``app.mount("/site", create_site_app())``). URLs: ``/`` (home), ``/<slug>`` (a page),
``/zoeken`` (search, not indexed), ``/site.css``, ``/sitemap.xml`` and ``/robots.txt``;
``/<slug>/`` redirects to ``/<slug>``, anything else is a 404 page in the site's style.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from waarborg.demo.website import BASE_PATH_PLACEHOLDER, BASE_URL_PLACEHOLDER, website_dir

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HTML = "text/html; charset=utf-8"
_METHODS = ["GET", "HEAD"]

Endpoint = Callable[[Request], Awaitable[Response]]


def _read(relative: str) -> str:
    return (website_dir() / relative).read_text(encoding="utf-8")


def with_widget(html: str, widget_script: str | None) -> str:
    """The page with the citizen widget's one script tag before ``</body>``."""
    if not widget_script:
        return html
    tag = f'<script src="{widget_script}" defer></script>\n'
    return html.replace("</body>", tag + "</body>", 1)


def create_site_app(base_url_hint: str | None = None, widget_script: str | None = None) -> FastAPI:
    """The site as an app; ``base_url_hint`` overrides the base URL written into the sitemap.

    Without a hint the base URL is taken from the request, so it includes any mount prefix.
    ``widget_script`` (the Waarborg widget's address) puts the citizen chatbot on every page.
    """
    root = website_dir()
    pages = {
        path.stem: with_widget(path.read_text(encoding="utf-8"), widget_script)
        for path in root.glob("pages/*.html")
    }
    search_page = _read("special/zoeken.html")
    not_found_page = _read("special/niet-gevonden.html")
    sitemap = _read("sitemap.xml")
    robots = _read("robots.txt")
    stylesheet = _read("static/site.css")

    def base_url(request: Request, suffix: str) -> str:
        if base_url_hint:
            return base_url_hint.rstrip("/")
        url = str(request.url.replace(query="", fragment=""))
        return url.removesuffix(suffix).rstrip("/")

    def fixed(body: str, media_type: str) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            return Response(body, media_type=media_type)

        return endpoint

    def with_base(body: str, suffix: str, media_type: str) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            base = base_url(request, suffix)
            text = body.replace(BASE_URL_PLACEHOLDER, base).replace(
                BASE_PATH_PLACEHOLDER, urlsplit(base).path.rstrip("/")
            )
            return Response(text, media_type=media_type)

        return endpoint

    def is_page(slug: str) -> bool:
        return slug != "index" and _SLUG.fullmatch(slug) is not None and slug in pages

    async def page(request: Request) -> Response:
        slug = str(request.path_params["slug"])
        if is_page(slug):
            return Response(pages[slug], media_type=_HTML)
        if slug.endswith("/") and is_page(slug.rstrip("/")):
            target = request.url.replace(path=request.url.path.rstrip("/"), query="")
            return RedirectResponse(str(target), status_code=308)
        return Response(not_found_page, status_code=404, media_type=_HTML)

    app = FastAPI(title="Gemeente Voorbeeld", docs_url=None, redoc_url=None, openapi_url=None)
    routes: list[tuple[str, Endpoint]] = [
        ("/", fixed(pages["index"], _HTML)),
        ("/zoeken", fixed(search_page, _HTML)),
        ("/site.css", fixed(stylesheet, "text/css; charset=utf-8")),
        ("/sitemap.xml", with_base(sitemap, "/sitemap.xml", "application/xml")),
        ("/robots.txt", with_base(robots, "/robots.txt", "text/plain; charset=utf-8")),
        ("/{slug:path}", page),
    ]
    for path, endpoint in routes:
        app.add_api_route(path, endpoint, methods=_METHODS, include_in_schema=False)
    return app
