"""Password hashing with Argon2id, and a minimum strength for local accounts."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12

_hasher = PasswordHasher()
# Verified when the username does not exist, so a wrong username costs as much time as a
# wrong password and response times do not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("waarborg-dummy-password-for-constant-time")


class WeakPasswordError(ValueError):
    pass


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Een wachtwoord heeft minstens {MIN_LENGTH} tekens.")


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
