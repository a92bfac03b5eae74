"""Cookie names and flags, in one place so every cookie Waarborg sets is HttpOnly and SameSite."""

from __future__ import annotations

import ipaddress

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "waarborg_session"
ANONYMOUS_COOKIE = "waarborg_anon"
FLASH_COOKIE = "waarborg_flash"


def is_secure_request(request: Request, mode: str) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    if request.url.scheme == "https":
        return True
    host = request.url.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def set_cookie(
    response: Response,
    request: Request,
    mode: str,
    name: str,
    value: str,
    max_age: int | None = None,
    same_site: str = "lax",
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        secure=is_secure_request(request, mode),
        samesite=same_site,  # type: ignore[arg-type]
        path="/",
    )


def clear_cookie(response: Response, request: Request, mode: str, name: str) -> None:
    response.delete_cookie(
        name, path="/", httponly=True, secure=is_secure_request(request, mode), samesite="lax"
    )
