"""Rendering pages: one place that adds the shared context, cookies and security headers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from waarborg import __version__
from waarborg.accounts.roles import ALL_ROLES
from waarborg.web.cookies import ANONYMOUS_COOKIE, SESSION_COOKIE, clear_cookie, set_cookie
from waarborg.web.csrf import CSRF_FIELD
from waarborg.web.flash import clear_flash, read_flash
from waarborg.web.visitor import Visitor

TEMPLATES_DIR = Path(__file__).with_name("templates")


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.globals.update(version=__version__, all_roles=ALL_ROLES, csrf_field=CSRF_FIELD)
    templates.env.filters["datetime"] = _format_datetime
    return templates


def _format_datetime(value: datetime | None, empty: str = "—") -> str:
    if value is None:
        return empty
    return value.strftime("%d-%m-%Y %H:%M UTC")


def render(
    request: Request,
    visitor: Visitor,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    flash = read_flash(request)
    response = templates.TemplateResponse(
        request,
        template,
        {"visitor": visitor, "t": visitor.t, "flash": flash, **(context or {})},
        status_code=status_code,
    )
    if flash is not None:
        clear_flash(request, response)
    settings = request.app.state.runtime.settings
    if visitor.anonymous_token:
        set_cookie(
            response, request, settings.cookie_secure, ANONYMOUS_COOKIE, visitor.anonymous_token
        )
    if visitor.session_checked and visitor.active is None and SESSION_COOKIE in request.cookies:
        clear_cookie(response, request, settings.cookie_secure, SESSION_COOKIE)
    response.headers["Cache-Control"] = "no-store"
    return response
