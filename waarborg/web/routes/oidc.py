"""Login through an OpenID Connect provider: send the browser there, take the answer back.

Between the two requests the flow's secrets (state, nonce, PKCE verifier) wait in a short-lived
signed cookie rather than on the server, so any worker can finish a login another one began.
The cookie is HttpOnly and SameSite=Lax: the provider's redirect back is a top-level GET, which
Lax allows, while other sites cannot read or plant it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import time
from dataclasses import asdict, dataclass

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.exc import IntegrityError
from starlette.responses import RedirectResponse, Response

from waarborg.accounts import oidc
from waarborg.accounts.oidc import OidcError
from waarborg.accounts.oidc_users import provision
from waarborg.accounts.web_sessions import end_session, start_session
from waarborg.request_scope import get_runtime
from waarborg.settings import OidcProvider
from waarborg.web.cookies import SESSION_COOKIE, clear_cookie, set_cookie
from waarborg.web.csrf import verify_csrf
from waarborg.web.redirects import safe_next, see_other
from waarborg.web.routes.auth import finish_login, login_page
from waarborg.web.visitor import CurrentVisitor, Visitor

router = APIRouter(dependencies=[Depends(verify_csrf)])
log = logging.getLogger("waarborg.oidc")

FLOW_COOKIE = "waarborg_oidc"
FLOW_SECONDS = 600
MAX_NEXT_PATH = 2048
MAX_CODE = 8192
MAX_STATE = 512
ERROR_CODE = re.compile(r"[a-z_]{1,64}")


@dataclass(frozen=True)
class Flow:
    provider: str
    state: str
    nonce: str
    code_verifier: str
    next_path: str
    expires: float


def _sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, b"oidc-flow:" + payload, hashlib.sha256).hexdigest()


def _store_flow(request: Request, response: Response, flow: Flow) -> None:
    runtime = get_runtime(request)
    payload = base64.urlsafe_b64encode(json.dumps(asdict(flow)).encode())
    value = payload.decode() + "." + _sign(runtime.secret, payload)
    set_cookie(response, request, runtime.settings.cookie_secure, FLOW_COOKIE, value, FLOW_SECONDS)


def _read_flow(request: Request) -> Flow | None:
    raw = request.cookies.get(FLOW_COOKIE)
    if not raw:
        return None
    payload, _, signature = raw.rpartition(".")
    expected = _sign(get_runtime(request).secret, payload.encode())
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        return None
    try:
        flow = Flow(**json.loads(base64.urlsafe_b64decode(payload)))
    except (ValueError, TypeError):
        return None
    # Max-Age is the browser's promise; the signed expiry is ours.
    return flow if flow.expires > time.time() else None


def _provider(request: Request, name: str) -> OidcProvider:
    for provider in get_runtime(request).settings.oidc_providers:
        if provider.name == name:
            return provider
    raise HTTPException(status_code=404)


def _redirect_uri(request: Request, provider: OidcProvider) -> str:
    path = f"/inloggen/oidc/{provider.name}/terug"
    base = get_runtime(request).settings.public_url or str(request.base_url)
    return base.rstrip("/") + path


def _count(request: Request, outcome: str) -> None:
    request.app.state.metrics.logins.labels("oidc", outcome).inc()


def _refuse(
    request: Request, visitor: Visitor, provider: OidcProvider, error: OidcError, next_path: str
) -> Response:
    """The login page with the reason, and the flow ended: a refused flow is never resumed."""
    log.info("OIDC login via %s refused: %s", provider.name, error.code)
    _count(request, "failure")
    reason = visitor.t(f"oidc.error.{error.code}", **error.values)
    message = visitor.t("login.error.oidc", provider=provider.label, reason=reason)
    response = login_page(request, visitor, next_path, error=message, status_code=400)
    settings = get_runtime(request).settings
    clear_cookie(response, request, settings.cookie_secure, FLOW_COOKIE)
    return response


@router.get("/inloggen/oidc/{provider}", name="oidc_start")
def start(
    request: Request, provider: str, visitor: CurrentVisitor, volgende: str = "/"
) -> Response:
    config = _provider(request, provider)
    settings = get_runtime(request).settings
    next_path = safe_next(volgende) if len(volgende) <= MAX_NEXT_PATH else "/"
    try:
        metadata = oidc.discover(config, settings.oidc_allow_http_loopback)
        authorization = oidc.begin(config, metadata, _redirect_uri(request, config))
    except OidcError as error:
        return _refuse(request, visitor, config, error, next_path)
    flow = Flow(
        provider=config.name,
        state=authorization.state,
        nonce=authorization.nonce,
        code_verifier=authorization.code_verifier,
        next_path=next_path,
        expires=time.time() + FLOW_SECONDS,
    )
    response = RedirectResponse(authorization.url, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    _store_flow(request, response, flow)
    return response


@router.get("/inloggen/oidc/{provider}/terug", name="oidc_callback")
def callback(
    request: Request,
    provider: str,
    visitor: CurrentVisitor,
    code: str = "",
    state: str = "",
    error: str = "",
) -> Response:
    config = _provider(request, provider)
    flow = _read_flow(request)
    if flow is not None and flow.provider != config.name:
        flow = None
    next_path = flow.next_path if flow is not None else "/"
    try:
        token = _complete(request, config, flow, code, state, error)
    except OidcError as failure:
        return _refuse(request, visitor, config, failure, next_path)
    log.info("OIDC login via %s succeeded", config.name)
    _count(request, "success")
    response = see_other(next_path)
    finish_login(request, response, token)
    clear_cookie(response, request, get_runtime(request).settings.cookie_secure, FLOW_COOKIE)
    return response


def _complete(
    request: Request, provider: OidcProvider, flow: Flow | None, code: str, state: str, error: str
) -> str:
    """Check the provider's answer against the flow, provision the account, start a session;
    returns the new session token."""
    if error:
        if error == "access_denied":
            raise OidcError("access_denied")
        # Only a well-formed OAuth error code is repeated on the page; the description is
        # the provider's free text and is not shown.
        raise OidcError("provider_error", error=error if ERROR_CODE.fullmatch(error) else "?")
    if flow is None:
        raise OidcError("flow_missing")
    if len(state) > MAX_STATE or not hmac.compare_digest(state.encode(), flow.state.encode()):
        raise OidcError("state_mismatch")
    if not code or len(code) > MAX_CODE:
        raise OidcError("no_code")
    runtime = get_runtime(request)
    allow_http = runtime.settings.oidc_allow_http_loopback
    metadata = oidc.discover(provider, allow_http)
    tokens = oidc.exchange_code(
        provider, metadata, code, _redirect_uri(request, provider), flow.code_verifier
    )
    identity = oidc.identify(provider, metadata, tokens, flow.nonce)
    try:
        # Not the request's session: that one is bound to whoever was signed in before.
        with runtime.database.session() as db:
            user = provision(db, provider, identity)
            old_token = request.cookies.get(SESSION_COOKIE)
            if old_token:
                end_session(db, old_token)  # never promote a session id planted before login
            return start_session(db, user, runtime.session_policy)
    except IntegrityError:
        raise OidcError("conflict") from None
