"""CSRF protection for every form: a token bound to the visitor's session.

The token is an HMAC of the session (or, before login, of a random anonymous cookie), so it
needs no storage, changes at login, and cannot be forged without the installation's key.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

from waarborg.accounts.tokens import digest
from waarborg.web.cookies import ANONYMOUS_COOKIE, SESSION_COOKIE

CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CsrfError(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=403, detail="csrf")


def csrf_token(secret: bytes, binding: str) -> str:
    return hmac.new(secret, b"csrf:" + binding.encode(), hashlib.sha256).hexdigest()


def binding_for(session_token: str | None, anonymous_token: str | None) -> str | None:
    if session_token:
        return "s:" + digest(session_token)
    if anonymous_token:
        return "a:" + digest(anonymous_token)
    return None


async def verify_csrf(request: Request) -> None:
    """Router dependency: refuse any unsafe request whose form lacks a valid token."""
    if request.method not in UNSAFE_METHODS:
        return
    # A stale session cookie (expired, logged out elsewhere) may still be sent alongside the
    # anonymous one the login form was bound to, so a token matching either binding counts.
    bindings = [
        binding
        for binding in (
            binding_for(request.cookies.get(SESSION_COOKIE), None),
            binding_for(None, request.cookies.get(ANONYMOUS_COOKIE)),
        )
        if binding is not None
    ]
    form = await request.form()
    presented = form.get(CSRF_FIELD)
    if not bindings or not isinstance(presented, str):
        raise CsrfError()
    secret = request.app.state.runtime.secret
    given = presented.encode()  # bytes: compare_digest refuses non-ASCII text with a TypeError
    if not any(hmac.compare_digest(given, csrf_token(secret, b).encode()) for b in bindings):
        raise CsrfError()
