"""The citizen widget: one ``<script>`` tag on the municipality's site.

``GET /widget/{org}/{use_case}.js`` is a small loader. It asks ``…/instellingen`` (a CORS
request, so the browser sends the host page's origin) whether the page may embed the widget,
then puts a button and an iframe with ``…/venster`` on the page. The iframe is a Waarborg page:
the host page's CSS and scripts cannot reach into it, its CSP stays strict, and
``frame-ancestors`` lets only the allowed origins show it. The frame posts questions to
``…/vragen`` on its own origin; programs on an allowed origin may post there directly (CORS).

A visitor is anonymous: the server issues a random session id, signed with the runtime secret,
that the frame keeps in its own session storage. Only a keyed hash of it is ever stored
(``Conversation.visitor_hash``, the usage counters). No API key ever reaches the browser.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import JSONResponse, Response

from waarborg.api.gateway_limits import add
from waarborg.conversations.store import Owner
from waarborg.db.tables import Organisation, UseCase
from waarborg.db.tenancy import bind_to_organisation
from waarborg.governance.policy import Caller
from waarborg.governance.use_cases import find_use_case
from waarborg.governance.vocabulary import Audience
from waarborg.pipeline.turn import MAX_QUESTION, QuestionError, TurnRequest
from waarborg.request_scope import get_runtime
from waarborg.web.widget_texts import ERRORS, TEXTS

router = APIRouter(tags=["widget"])

LOADER = Path(__file__).parent.parent / "static" / "widget.js"
SESSION_HOURS = 24
MAX_BODY = 16_000


@dataclass(frozen=True)
class Target:
    organisation_id: str
    organisation_name: str
    use_case: UseCase


@dataclass(frozen=True)
class WidgetSession:
    token: str
    visitor_hash: str
    issued: int


@contextmanager
def _session(request: Request) -> Iterator[Session]:
    session = get_runtime(request).database.new_session()
    try:
        yield session
    finally:
        session.close()


def _target(session: Session, org_slug: str, use_case_slug: str) -> Target:
    organisation = session.scalar(
        select(Organisation).where(Organisation.slug == org_slug, Organisation.active.is_(True))
    )
    if organisation is None:
        raise HTTPException(404, detail=ERRORS["not_found"])
    bind_to_organisation(session, organisation.id)
    use_case = find_use_case(session, organisation.id, use_case_slug)
    if use_case is None:
        raise HTTPException(404, detail=ERRORS["not_found"])
    return Target(organisation.id, organisation.name, use_case)


def own_origin(request: Request) -> str:
    configured = get_runtime(request).settings.public_url
    parts = urlsplit(configured or str(request.base_url))
    return f"{parts.scheme}://{parts.netloc}"


def allowed_origins(use_case: UseCase) -> list[str]:
    return [origin.rstrip("/") for origin in use_case.widget_origins or []]


def _cors(origin: str | None, use_case: UseCase) -> dict[str, str]:
    if origin and origin in allowed_origins(use_case):
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    return {"Vary": "Origin"}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _sign(secret: bytes, value: str) -> str:
    return hmac.new(secret, b"widget-session:" + value.encode(), hashlib.sha256).hexdigest()[:32]


def _visitor_hash(secret: bytes, session_id: str) -> str:
    return hmac.new(secret, b"widget-visitor:" + session_id.encode(), hashlib.sha256).hexdigest()


def read_session(secret: bytes, token: object, now: float) -> WidgetSession:
    """The visitor's session when ``token`` is one we signed and still valid, else a new one."""
    if isinstance(token, str) and token.count(".") == 2:
        session_id, issued_text, signature = token.split(".")
        if (
            issued_text.isdigit()
            and hmac.compare_digest(signature, _sign(secret, f"{session_id}.{issued_text}"))
            and now - int(issued_text) < SESSION_HOURS * 3600
        ):
            return WidgetSession(token, _visitor_hash(secret, session_id), int(issued_text))
    session_id, issued = secrets.token_urlsafe(18), int(now)
    token = f"{session_id}.{issued}.{_sign(secret, f'{session_id}.{issued}')}"
    return WidgetSession(token, _visitor_hash(secret, session_id), issued)


def _day(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def _count(
    session: Session, target: Target, visitor: WidgetSession, now: datetime
) -> tuple[str, int] | None:
    """Count one question; the error key and Retry-After seconds when a limit is hit."""
    use_case = target.use_case
    issued = datetime.fromtimestamp(visitor.issued, UTC)
    scope = f"widget:{visitor.visitor_hash}:questions"
    if add(session, target.organisation_id, scope, issued, 1) > use_case.widget_session_limit:
        ends = issued + timedelta(hours=SESSION_HOURS)
        return "session_limit", max(1, int((ends - now).total_seconds()))
    day = _day(now)
    scope = f"widget-usecase:{use_case.id}:questions"
    if add(session, target.organisation_id, scope, day, 1) > use_case.widget_daily_limit:
        ends = day + timedelta(days=1)
        return "daily_limit", max(1, int((ends - now).total_seconds()))
    return None


@router.get("/widget/{org_slug}/{use_case_slug}.js", name="widget_loader")
def loader(org_slug: str, use_case_slug: str) -> Response:
    """The loader script; it finds its own address, so it needs no parameters."""
    return Response(
        LOADER.read_text(encoding="utf-8"),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get("/widget/{org_slug}/{use_case_slug}/instellingen", name="widget_config")
def config(request: Request, org_slug: str, use_case_slug: str) -> Response:
    """What the loader needs; 403 (without CORS headers) for an origin that is not allowed."""
    language = "en" if request.query_params.get("lang") == "en" else "nl"
    with _session(request) as session:
        target = _target(session, org_slug, use_case_slug)
        use_case = target.use_case
        origin = request.headers.get("origin")
        if origin is None or origin not in allowed_origins(use_case):
            return _error(403, ERRORS["origin"], {"Vary": "Origin"})
        if use_case.audience != Audience.PUBLIC:
            return _error(403, ERRORS["not_public"], _cors(origin, use_case))
        texts = TEXTS[language]
        return JSONResponse(
            {
                "open": texts["open"],
                "frame_title": texts["frame_title"],
                "frame": str(
                    request.url_for("widget_frame", org_slug=org_slug, use_case_slug=use_case_slug)
                )
                + f"?lang={language}",
            },
            headers=_cors(origin, use_case),
        )


@router.get("/widget/{org_slug}/{use_case_slug}/venster", name="widget_frame")
def frame(request: Request, org_slug: str, use_case_slug: str) -> Response:
    """The chat panel inside the iframe; only allowed origins may frame it."""
    language = "en" if request.query_params.get("lang") == "en" else "nl"
    with _session(request) as session:
        target = _target(session, org_slug, use_case_slug)
        use_case = target.use_case
        if use_case.audience != Audience.PUBLIC:
            raise HTTPException(403, detail=ERRORS["not_public"])
        ancestors = " ".join(allowed_origins(use_case)) or "'none'"
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request,
            "widget.html",
            {
                "t": TEXTS[language],
                "language": language,
                "organisation": target.organisation_name,
                "contact": use_case.citizen_contact,
                "email": use_case.contact_email,
                "endpoint": str(
                    request.url_for("widget_ask", org_slug=org_slug, use_case_slug=use_case_slug)
                ),
            },
            headers={
                "Content-Security-Policy": (
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                    "script-src 'self'; connect-src 'self'; form-action 'self'; "
                    f"base-uri 'none'; object-src 'none'; frame-ancestors {ancestors}"
                ),
                "Cache-Control": "no-store",
            },
        )


@router.options("/widget/{org_slug}/{use_case_slug}/vragen", include_in_schema=False)
def preflight(request: Request, org_slug: str, use_case_slug: str) -> Response:
    with _session(request) as session:
        use_case = _target(session, org_slug, use_case_slug).use_case
        origin = request.headers.get("origin")
        if origin is None or origin not in allowed_origins(use_case):
            return _error(403, ERRORS["origin"], {"Vary": "Origin"})
        headers = _cors(origin, use_case) | {
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": "600",
        }
        return Response(status_code=204, headers=headers)


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError:
        raise ValueError(ERRORS["json"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        raise ValueError(ERRORS["json"])
    for name in ("session", "conversation"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ValueError(ERRORS["json"])
    return data


@router.post("/widget/{org_slug}/{use_case_slug}/vragen", name="widget_ask")
async def ask(request: Request, org_slug: str, use_case_slug: str) -> Response:
    """Answer one citizen question through the governed path (channel ``widget``)."""
    runtime = get_runtime(request)
    origin = request.headers.get("origin")
    with _session(request) as session:
        target = _target(session, org_slug, use_case_slug)
        use_case = target.use_case
        cors = _cors(origin, use_case)
        if origin is None:
            return _error(403, ERRORS["no_origin"], cors)
        if origin != own_origin(request) and origin not in allowed_origins(use_case):
            return _error(403, ERRORS["origin"], cors)
        raw = await request.body()
        try:
            if len(raw) > MAX_BODY:
                raise ValueError(f"Een vraag heeft hoogstens {MAX_QUESTION} tekens.")
            data = _parse(raw)
        except ValueError as error:
            return _error(400, str(error), cors)
        visitor = read_session(runtime.secret, data.get("session"), time.time())
        hit = _count(session, target, visitor, datetime.now(UTC))
        session.commit()
        if hit is not None:
            key, retry_after = hit
            return _error(429, ERRORS[key], cors | {"Retry-After": str(retry_after)})
        organisation_id = target.organisation_id
    turn = TurnRequest(
        organisation_id=organisation_id,
        use_case_slug=use_case_slug,
        caller=Caller(),
        question=data["question"],
        language="en" if data.get("language") == "en" else "nl",
        channel="widget",
        owner=Owner(visitor_hash=visitor.visitor_hash),
        conversation_id=data.get("conversation"),
    )
    try:
        result = await runtime.governed_path().answer(turn)
    except QuestionError as error:
        return _error(400, str(error), cors)
    answer = result.to_json()
    body = {
        "answer": answer["answer"],
        "refused": answer["refused"],
        "reason": answer["reason"],
        "label": answer["label"],
        "citations": answer["citations"],
        "conversation": answer["conversation_id"],
        "session": visitor.token,
    }
    return JSONResponse(body, headers=cors)
