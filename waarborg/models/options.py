"""Typed reading of a back-end's kind-specific ``options``.

``options`` arrives as free JSON from ``WAARBORG_MODEL_BACKENDS``. A typo'd or wrongly typed
option must fail when the back-end is built, naming the back-end and the option, not deep in a
request with a ``TypeError``.
"""

from __future__ import annotations

import math

from waarborg.models.protocol import BackendConfig, BackendNotConfigured


def _wrong(config: BackendConfig, key: str, expected: str) -> BackendNotConfigured:
    return BackendNotConfigured(
        f"Back-end '{config.name}': option '{key}' must be {expected} "
        f"(optie '{key}' van WAARBORG_MODEL_BACKENDS heeft een verkeerde waarde)."
    )


def option_str(config: BackendConfig, key: str, default: str = "") -> str:
    value = config.options.get(key, default)
    if not isinstance(value, str):
        raise _wrong(config, key, "a string")
    return value


def option_bool(config: BackendConfig, key: str, default: bool) -> bool:
    value = config.options.get(key, default)
    if not isinstance(value, bool):
        raise _wrong(config, key, "true or false")
    return value


def option_int(config: BackendConfig, key: str, default: int, *, minimum: int = 0) -> int:
    value = config.options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _wrong(config, key, f"a whole number of at least {minimum}")
    return value


def option_float(config: BackendConfig, key: str, default: float) -> float:
    """A positive, finite number (seconds, mostly)."""
    value = config.options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(config, key, "a positive number")
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise _wrong(config, key, "a positive number")
    return number


def option_strings(config: BackendConfig, key: str) -> tuple[str, ...]:
    """A list of strings; a single string is taken as a list of one."""
    value = config.options.get(key, [])
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _wrong(config, key, "a list of strings")
    return tuple(value)
