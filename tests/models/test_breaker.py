"""The circuit breaker on a clock the test moves: no waiting, no timed assertions."""

from __future__ import annotations

import pytest

from waarborg.models.breaker import BreakerState, CircuitBreaker, CircuitOpenError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def breaker(clock: Clock) -> CircuitBreaker:
    return CircuitBreaker("gpu1", failure_threshold=3, reset_seconds=30, clock=clock)


def test_opens_after_consecutive_failures_only(breaker: CircuitBreaker) -> None:
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()  # the count starts again
    breaker.record_failure()
    breaker.record_failure()
    breaker.before_call()
    assert breaker.state is BreakerState.CLOSED
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    with pytest.raises(CircuitOpenError, match=r"'gpu1'.*3 failed calls.*30 s"):
        breaker.before_call()


def test_half_open_lets_one_trial_through(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(3):
        breaker.record_failure()
    clock.now += 29.9
    with pytest.raises(CircuitOpenError):
        breaker.before_call()
    clock.now += 0.1
    assert breaker.state is BreakerState.HALF_OPEN
    breaker.before_call()  # the trial
    with pytest.raises(CircuitOpenError):
        breaker.before_call()  # everyone else still fails fast
    breaker.record_success()
    assert breaker.state is BreakerState.CLOSED
    breaker.before_call()


def test_a_failed_trial_opens_it_again(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(3):
        breaker.record_failure()
    clock.now += 30
    breaker.before_call()
    breaker.record_failure()  # one failure is enough in the half-open state
    assert breaker.state is BreakerState.OPEN
    clock.now += 29
    with pytest.raises(CircuitOpenError):
        breaker.before_call()


def test_a_trial_that_never_reports_expires(breaker: CircuitBreaker, clock: Clock) -> None:
    for _ in range(3):
        breaker.record_failure()
    clock.now += 30
    breaker.before_call()  # its caller vanishes without reporting
    clock.now += 30
    breaker.before_call()  # a new trial instead of a breaker stuck half-open


def test_rejects_nonsense_settings() -> None:
    with pytest.raises(ValueError, match="failure_threshold"):
        CircuitBreaker("x", failure_threshold=0)
    with pytest.raises(ValueError, match="reset_seconds"):
        CircuitBreaker("x", reset_seconds=0)
