"""Back-ends for the tests, with timeouts small enough that a failure shows up at once, and
the handle on the replay server."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.models.replay_server import Seen
from waarborg.models.openai_compatible import OpenAICompatibleBackend
from waarborg.models.protocol import BackendConfig

FAST_OPTIONS: dict[str, Any] = {
    "read_timeout_seconds": 10.0,
    "retry_backoff_seconds": 0.01,
    "retry_backoff_max_seconds": 0.05,
    "trust_env": False,
}


class Replay:
    """The running replay server; ``seen`` is what it received, per scenario path."""

    def __init__(self, root: str, seen: Seen) -> None:
        self.root = root
        self.seen = seen

    def path(self, scenario: str) -> str:
        """A scenario path of its own, so that its request counters belong to one test."""
        return f"{scenario}~{uuid.uuid4().hex[:8]}"

    def url(self, path: str) -> str:
        return f"{self.root}/{path}/v1"


def http_config(base_url: str, name: str = "geitje-7b-ultra", **changes: Any) -> BackendConfig:
    options = {**FAST_OPTIONS, **changes.pop("options", {})}
    values: dict[str, Any] = {
        "name": name,
        "kind": "openai-compatible",
        "base_url": base_url,
        "timeout_seconds": 10.0,
        "connect_timeout_seconds": 2.0,
        "max_retries": 2,
        "options": options,
        **changes,
    }
    return BackendConfig(**values)


def replayed_backend(
    replay: Replay, scenario: str, **changes: Any
) -> tuple[OpenAICompatibleBackend, str]:
    """A back-end on its own scenario path of the replay server, and that path."""
    path = replay.path(scenario)
    return OpenAICompatibleBackend(http_config(replay.url(path), **changes)), path


Replayed = Callable[..., tuple[OpenAICompatibleBackend, str]]
"""The ``replayed`` fixture: ``replayed(scenario, **config)`` -> (back-end, scenario path)."""
