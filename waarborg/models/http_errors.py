"""What went wrong talking to a model server, as a ``BackendError`` an operator can act on.

Each message names the back-end and says what to check (the API key variable, the base URL,
the timeouts), in English with a Dutch hint, and never contains prompt text: the server's own
error text is reduced to its type and code (see ``openai_wire.describe_error``), because some
servers echo the request in it. ``retryable`` follows the server's status: 429 and 5xx may
succeed later; 4xx will not.
"""

from __future__ import annotations

import asyncio
import json

import httpx

from waarborg.models.openai_wire import describe_error
from waarborg.models.protocol import BackendError
from waarborg.models.retry import RETRYABLE_STATUS

MAX_ERROR_BODY = 64 * 1024


async def read_error_body(response: httpx.Response, deadline: float) -> bytes:
    """The start of an error response's body (enough for any JSON error), then closed."""
    raw = b""
    try:
        async with asyncio.timeout_at(deadline):
            async for piece in response.aiter_bytes():
                raw += piece
                if len(raw) > MAX_ERROR_BODY:
                    break
    except (TimeoutError, httpx.HTTPError):
        pass  # the status code says enough
    finally:
        await response.aclose()
    return raw


def status_error(backend: str, status: int, raw: bytes, api_key_env: str) -> BackendError:
    try:
        what = describe_error(json.loads(raw))
    except ValueError:
        what = "an error"
    prefix = f"Back-end '{backend}': HTTP {status}, {what}"
    if status in (401, 403):
        return BackendError(
            f"{prefix}; the server refused the API key from "
            f"{api_key_env or '(no api_key_env)'} (API-sleutel geweigerd).",
            retryable=False,
        )
    if status == 404:
        return BackendError(
            f"{prefix}; check base_url (it ends in /v1) and the model id.", retryable=False
        )
    return BackendError(f"{prefix}.", retryable=status in RETRYABLE_STATUS or status >= 500)


def transport_failure(
    backend: str, error: BaseException, *, total: float, read: float
) -> BackendError:
    """A timeout or broken connection while sending or reading (not while connecting)."""
    if isinstance(error, TimeoutError):  # our own bound on the whole call
        return BackendError(
            f"Back-end '{backend}': no complete answer within {total:g} s (timeout_seconds)."
        )
    if isinstance(error, httpx.TimeoutException):
        return BackendError(
            f"Back-end '{backend}': the server sent nothing for {read:g} s "
            f"({type(error).__name__}; het antwoord stokt)."
        )
    return BackendError(f"Back-end '{backend}': the connection failed ({type(error).__name__}).")
