"""The CPU-bound part of the request path runs in at most SLOTS threads at a time per loop."""

from __future__ import annotations

import asyncio
import sys
import threading
import time

import pytest
from anyio import to_thread
from fastapi import FastAPI
from fastapi.testclient import TestClient

from waarborg.pipeline.cpu_slots import GIL_SWITCH_SECONDS, SLOTS, cpu_slots


def test_no_more_than_the_slots_run_at_once() -> None:
    running = 0
    highest = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal running, highest
        with lock:
            running += 1
            highest = max(highest, running)
        time.sleep(0.02)
        with lock:
            running -= 1

    async def main() -> None:
        await asyncio.gather(
            *(to_thread.run_sync(work, limiter=cpu_slots()) for _ in range(SLOTS * 4))
        )

    asyncio.run(main())
    assert highest == SLOTS


def test_each_event_loop_has_its_own_limiter() -> None:
    async def same_loop_twice() -> tuple[object, object]:
        return await _limiter(), await _limiter()

    first, again = asyncio.run(same_loop_twice())
    assert first is again

    async def two_loops_at_once() -> None:
        other: list[object] = []
        thread = threading.Thread(target=lambda: other.append(asyncio.run(_limiter())))
        thread.start()
        thread.join()
        assert other[0] is not cpu_slots()

    asyncio.run(two_loops_at_once())


async def _limiter() -> object:
    return cpu_slots()


def test_a_serving_app_hands_the_gil_over_after_a_millisecond(
    app: FastAPI,
) -> None:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default
    try:
        with TestClient(app):  # runs the lifespan, as a server's start does
            assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_SECONDS)
    finally:
        sys.setswitchinterval(previous)
