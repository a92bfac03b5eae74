"""The signed-in home page (one view per role), the account page and the language choice."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from waarborg.request_scope import get_runtime
from waarborg.web.cookies import set_cookie
from waarborg.web.csrf import verify_csrf
from waarborg.web.i18n import LANGUAGE_COOKIE, LANGUAGES
from waarborg.web.redirects import safe_next, see_other
from waarborg.web.rendering import render
from waarborg.web.visitor import CurrentVisitor, SignedIn

router = APIRouter(dependencies=[Depends(verify_csrf)])

# Pages each role reaches from its home page: (path, message id of the link text).
ROLE_LINKS: dict[str, list[tuple[str, str]]] = {
    "medewerker": [("/assistent", "nav.assistant")],
    "eigenaar": [("/toepassingen", "gov.nav.use_cases"), ("/toepassingen/nieuw", "gov.list.new")],
    "privacy_officer": [
        ("/toepassingen", "gov.nav.use_cases"),
        ("/beheer/modellen", "gov.nav.models"),
    ],
    "ciso": [
        ("/toepassingen", "gov.nav.use_cases"),
        ("/beheer/modellen", "gov.nav.models"),
        ("/beheer/leveranciersafspraken", "gov.nav.agreements"),
        ("/beheer/organisatie", "gov.nav.organisation"),
    ],
    # The administrator reaches the governance pages through the menu (Toepassingen, Modellen).
    "beheerder": [("/beheer/gebruikers", "nav.users"), ("/beheer/api-sleutels", "nav.api_keys")],
    "auditor": [
        ("/beheer/gebruikers", "nav.users"),
        ("/toepassingen", "gov.nav.use_cases"),
        ("/beheer/modellen", "gov.nav.models"),
        ("/beheer/organisatie", "gov.nav.organisation"),
    ],
}


@router.get("/", name="home")
def home(request: Request, visitor: CurrentVisitor) -> Response:
    if visitor.active is None:
        reason = "?reden=verlopen" if visitor.session_expired else ""
        return see_other("/inloggen" + reason)
    return render(request, visitor, "home.html", {"role_links": ROLE_LINKS})


@router.get("/account", name="account")
def account(request: Request, visitor: SignedIn) -> Response:
    return render(request, visitor, "account.html")


@router.get("/taal/{language}", name="language")
def choose_language(request: Request, language: str, volgende: str = "/") -> Response:
    response = see_other(safe_next(volgende))
    if language in LANGUAGES:
        settings = get_runtime(request).settings
        set_cookie(
            response, request, settings.cookie_secure, LANGUAGE_COOKIE, language, 365 * 86400
        )
    return response
