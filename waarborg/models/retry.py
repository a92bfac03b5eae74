"""When and how long to wait before trying a model server again.

Retries happen only before the first byte of an answer: once a stream has started, the user
has seen part of it, and sending the question again would produce a different answer (and
cost a second generation). Only failures that say "try again" are retried: the connection
could not be made, or the server answered 429 (busy), 502, 503 or 504 (a proxy or the server
is not ready). A 500 is not retried: it usually means this request broke the server, and
repeating it breaks it again.

The wait doubles with each attempt, capped, with jitter so that many workers that failed
together do not all come back at the same instant. A ``Retry-After`` of a few seconds is
honoured.
"""

from __future__ import annotations

import random

RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


def backoff_seconds(
    attempt: int, *, base: float, cap: float, rng: random.Random | None = None
) -> float:
    """The wait before retry number ``attempt`` (0 for the first retry): ``base * 2**attempt``,
    capped at ``cap``, scaled by a random factor between 0.5 and 1 ("equal jitter")."""
    ceiling = min(cap, base * 2.0**attempt)
    fraction = rng.random() if rng is not None else random.random()  # noqa: S311 - jitter
    return ceiling * (0.5 + 0.5 * fraction)


def retry_after_seconds(header: str | None, cap: float) -> float | None:
    """The server's ``Retry-After`` in seconds when it is a small number; otherwise ``None``
    (an HTTP date or a long wait is left to the normal backoff)."""
    if header is None:
        return None
    try:
        seconds = float(header.strip())
    except ValueError:
        return None
    if 0 <= seconds <= cap:
        return seconds
    return None
