"""Random tokens and their stored digests.

Tokens carry 256 bits of randomness, so a plain SHA-256 digest is enough to store them: unlike
passwords they cannot be guessed, and a fast digest keeps per-request lookups cheap.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def keyed_digest(secret: bytes, value: str) -> str:
    """A pseudonym for a low-entropy value (username, address) that only this installation
    can recompute, so that such values never need to be stored or logged raw."""
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()
