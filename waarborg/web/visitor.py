"""Who is asking: resolved once per request from the session cookie, with a tenant-bound
database session for everything the request does afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from waarborg.accounts.roles import Role
from waarborg.accounts.tokens import new_token
from waarborg.accounts.web_sessions import ActiveSession, resume_session
from waarborg.db.tables import Organisation, User
from waarborg.db.tenancy import bind_to_organisation
from waarborg.request_scope import get_db, get_runtime
from waarborg.web.cookies import ANONYMOUS_COOKIE, SESSION_COOKIE
from waarborg.web.csrf import binding_for, csrf_token
from waarborg.web.i18n import LANGUAGE_COOKIE, Translator, negotiate


class LoginRequired(Exception):  # noqa: N818 - a control-flow signal, not a failure
    """Raised by route dependencies; the app turns it into a redirect to the login page."""

    def __init__(self, next_path: str, reason: str) -> None:
        self.next_path = next_path
        self.reason = reason


DbSession = Annotated[Session, Depends(get_db)]


@dataclass
class Visitor:
    request: Request
    t: Translator
    active: ActiveSession | None = None
    session_expired: bool = False
    csrf: str = ""
    anonymous_token: str | None = None
    # False for the stand-in an error page uses when the request failed before the session
    # was looked up (a CSRF refusal): its cookie must then be left alone, not cleared.
    session_checked: bool = True

    @property
    def language(self) -> str:
        return self.t.language

    @property
    def user(self) -> User | None:
        return self.active.user if self.active else None

    @property
    def organisation(self) -> Organisation | None:
        return self.active.organisation if self.active else None

    @property
    def account(self) -> User:
        """The signed-in user; only for routes that depend on ``SignedIn``."""
        if self.active is None:
            raise LoginRequired("/", "inloggen")
        return self.active.user

    @property
    def tenant(self) -> Organisation:
        """The signed-in user's organisation; only for routes that depend on ``SignedIn``."""
        if self.active is None:
            raise LoginRequired("/", "inloggen")
        return self.active.organisation

    @property
    def roles(self) -> set[Role]:
        if self.active is None:
            return set()
        return {Role(name) for name in self.active.user.role_names}

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))


def get_visitor(request: Request, db: DbSession) -> Visitor:
    runtime = get_runtime(request)
    language = negotiate(
        request.cookies.get(LANGUAGE_COOKIE),
        request.headers.get("accept-language"),
        runtime.settings.default_language,
    )
    visitor = Visitor(request=request, t=Translator(language))
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        active, expired = resume_session(db, token, runtime.session_policy)
        db.commit()
        if active is not None:
            bind_to_organisation(db, active.organisation.id)
            visitor.active = active
        visitor.session_expired = expired
    anonymous = request.cookies.get(ANONYMOUS_COOKIE)
    if visitor.active is None and not anonymous:
        anonymous = new_token()
        visitor.anonymous_token = anonymous  # the renderer sets the cookie
    binding = binding_for(token if visitor.active else None, anonymous)
    visitor.csrf = csrf_token(runtime.secret, binding) if binding else ""
    request.state.visitor = visitor
    return visitor


CurrentVisitor = Annotated[Visitor, Depends(get_visitor)]


def require_user(request: Request, visitor: CurrentVisitor) -> Visitor:
    if visitor.active is None:
        reason = "verlopen" if visitor.session_expired else "inloggen"
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(quote(path, safe="/?=&"), reason)
    return visitor


SignedIn = Annotated[Visitor, Depends(require_user)]


def require_roles(*roles: Role) -> object:
    """Dependency factory: the signed-in visitor must hold at least one of the roles."""

    def dependency(visitor: SignedIn) -> Visitor:
        if not visitor.has_role(*roles):
            raise HTTPException(status_code=403)
        return visitor

    return Depends(dependency)
