"""Redirect targets supplied by visitors: only paths on this site are followed."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.responses import RedirectResponse


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path, never another site (no open redirects through ?volgende=)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return default
    return target


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)
