"""One-time notices carried across a redirect (post/redirect/get) in a signed cookie."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from starlette.requests import Request
from starlette.responses import Response

from waarborg.web.cookies import FLASH_COOKIE, clear_cookie, set_cookie


def _sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, b"flash:" + payload, hashlib.sha256).hexdigest()


def set_flash(
    response: Response, request: Request, key: str, kind: str = "success", **values: str
) -> None:
    runtime = request.app.state.runtime
    payload = base64.urlsafe_b64encode(json.dumps([key, kind, values]).encode())
    value = payload.decode() + "." + _sign(runtime.secret, payload)
    set_cookie(response, request, runtime.settings.cookie_secure, FLASH_COOKIE, value, 60)


def read_flash(request: Request) -> tuple[str, str, dict[str, str]] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    runtime = request.app.state.runtime
    payload, _, signature = raw.rpartition(".")
    expected = _sign(runtime.secret, payload.encode())
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        return None
    try:
        key, kind, values = json.loads(base64.urlsafe_b64decode(payload))
    except (ValueError, TypeError):
        return None
    return str(key), str(kind), {str(k): str(v) for k, v in dict(values).items()}


def clear_flash(request: Request, response: Response) -> None:
    if FLASH_COOKIE in request.cookies:
        runtime = request.app.state.runtime
        clear_cookie(response, request, runtime.settings.cookie_secure, FLASH_COOKIE)
