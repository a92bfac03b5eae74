"""A circuit breaker per back-end, so a dead model server fails fast instead of slowly.

Without it every request to a server that is down waits for the connect timeout and the
retries, and a citizen chatbot with a queue of visitors turns one dead GPU box into minutes of
waiting for everyone. After ``failure_threshold`` consecutive failed calls the breaker opens:
calls fail at once, without touching the network. After ``reset_seconds`` it lets one trial
call through (half-open); its success closes the breaker, its failure opens it again for
another cool-down. A trial that never reports back (its caller vanished) expires after one
more cool-down, so the breaker cannot stay stuck half-open.

The clock is injectable so that tests can move time instead of waiting for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from enum import StrEnum

from waarborg.models.protocol import BackendError


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpenError(BackendError):
    """Raised instead of calling a back-end whose breaker is open."""


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if reset_seconds <= 0:
            raise ValueError("reset_seconds must be positive")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._lock = threading.Lock()  # back-ends may be shared by worker threads
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_started_at: float | None = None

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state()

    def _state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock() - self._opened_at < self.reset_seconds:
            return BreakerState.OPEN
        return BreakerState.HALF_OPEN

    def before_call(self) -> None:
        """Raise ``CircuitOpenError`` when the call must not go out; otherwise let it pass.

        In the half-open state exactly one caller at a time gets through as the trial.
        """
        with self._lock:
            state = self._state()
            if state is BreakerState.CLOSED:
                return
            now = self._clock()
            if state is BreakerState.HALF_OPEN and (
                self._trial_started_at is None or now - self._trial_started_at >= self.reset_seconds
            ):
                self._trial_started_at = now
                return
            opened_at = self._opened_at if self._opened_at is not None else now
            wait = max(0.0, self.reset_seconds - (now - opened_at))
        raise CircuitOpenError(
            f"Back-end '{self.name}': circuit open after {self.failure_threshold} failed calls "
            f"in a row; calls fail fast for another {wait:.0f} s "
            f"(stroomonderbreker open, model-server lijkt onbereikbaar)."
        )

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_started_at = None

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._trial_started_at is not None or self._failures >= self.failure_threshold:
                self._opened_at = self._clock()
                self._trial_started_at = None
