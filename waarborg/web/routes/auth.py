"""Local login and logout, with throttling, lockout and session rotation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from waarborg.accounts.users import authenticate
from waarborg.accounts.web_sessions import end_session, purge_expired_sessions, start_session
from waarborg.request_scope import get_runtime
from waarborg.web.cookies import ANONYMOUS_COOKIE, SESSION_COOKIE, clear_cookie, set_cookie
from waarborg.web.csrf import verify_csrf
from waarborg.web.redirects import safe_next, see_other
from waarborg.web.rendering import render
from waarborg.web.visitor import CurrentVisitor, DbSession, Visitor

router = APIRouter(dependencies=[Depends(verify_csrf)])

NOTICES = {
    "verlopen": "login.notice.expired",
    "uitgelogd": "login.notice.logged_out",
    "inloggen": "login.notice.required",
}


def login_page(
    request: Request,
    visitor: Visitor,
    next_path: str,
    error: str | None = None,
    notice: str | None = None,
    username: str | None = None,
    status_code: int = 200,
) -> Response:
    providers = get_runtime(request).settings.oidc_providers
    return render(
        request,
        visitor,
        "login.html",
        {
            "next_path": next_path,
            "error": error,
            "notice": notice,
            "username": username,
            "oidc_providers": providers,
        },
        status_code=status_code,
    )


@router.get("/inloggen", name="login")
def show_login(
    request: Request, visitor: CurrentVisitor, volgende: str = "/", reden: str = ""
) -> Response:
    if visitor.active is not None:
        return see_other(safe_next(volgende))
    notice_key = NOTICES.get(reden)
    if notice_key is None and visitor.session_expired:
        notice_key = NOTICES["verlopen"]
    notice = visitor.t(notice_key) if notice_key else None
    return login_page(request, visitor, safe_next(volgende), notice=notice)


@router.post("/inloggen")
def submit_login(
    request: Request,
    visitor: CurrentVisitor,
    db: DbSession,
    gebruikersnaam: Annotated[str, Form(max_length=254)] = "",
    wachtwoord: Annotated[str, Form(max_length=1024)] = "",
    volgende: Annotated[str, Form(max_length=2048)] = "/",
) -> Response:
    runtime = get_runtime(request)
    next_path = safe_next(volgende)
    if not gebruikersnaam.strip() or not wachtwoord:
        error = visitor.t("login.error.missing")
        return login_page(
            request, visitor, next_path, error, username=gebruikersnaam, status_code=400
        )

    client = request.client.host if request.client else "unknown"
    verdict = runtime.throttler.check(db, gebruikersnaam, client)
    db.commit()
    if not verdict.allowed:
        minutes = max(1, (verdict.retry_after_seconds + 59) // 60)
        if verdict.reason == "client":
            error = visitor.t("login.error.throttled")
        else:
            error = visitor.t("login.error.locked", minutes=minutes)
        response = login_page(
            request, visitor, next_path, error, username=gebruikersnaam, status_code=429
        )
        response.headers["Retry-After"] = str(verdict.retry_after_seconds)
        return response

    user = authenticate(db, gebruikersnaam, wachtwoord)
    metrics = request.app.state.metrics
    if user is None:
        db.rollback()
        runtime.throttler.record_failure(db, gebruikersnaam)
        db.commit()
        metrics.logins.labels("local", "failure").inc()
        error = visitor.t("login.error.invalid")
        return login_page(
            request, visitor, next_path, error, username=gebruikersnaam, status_code=401
        )

    runtime.throttler.record_success(db, gebruikersnaam)
    # A fresh token on every login: a session id planted before login is never promoted.
    old_token = request.cookies.get(SESSION_COOKIE)
    if old_token:
        end_session(db, old_token)
    token = start_session(db, user, runtime.session_policy)
    # Housekeeping on a path that is rare and already slow (password hashing), so no
    # scheduler is needed to keep the session and throttle tables small.
    purge_expired_sessions(db, runtime.session_policy)
    runtime.throttler.purge_stale(db)
    db.commit()
    metrics.logins.labels("local", "success").inc()
    response = see_other(next_path)
    finish_login(request, response, token)
    return response


@router.post("/uitloggen", name="logout")
def logout(request: Request, db: DbSession) -> Response:
    runtime = get_runtime(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_session(db, token)
        db.commit()
    response = see_other("/inloggen?reden=uitgelogd")
    clear_cookie(response, request, runtime.settings.cookie_secure, SESSION_COOKIE)
    return response


def finish_login(request: Request, response: Response, token: str) -> None:
    """Set the session cookie after an external (OIDC) login."""
    runtime = get_runtime(request)
    set_cookie(
        response,
        request,
        runtime.settings.cookie_secure,
        SESSION_COOKIE,
        token,
        max_age=int(runtime.session_policy.absolute.total_seconds()),
    )
    clear_cookie(response, request, runtime.settings.cookie_secure, ANONYMOUS_COOKIE)
