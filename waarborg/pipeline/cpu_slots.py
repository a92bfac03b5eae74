"""How many requests of one process do their CPU-bound part (policy, privacy guard, retrieval)
in worker threads at the same time.

Without a bound, anyio lets 40 threads run it at once. Under the GIL they do not run in
parallel; they take turns every few milliseconds, so each request holds its connection, its
memory and its place far longer and throughput falls as clients are added (measured with the
gateway benchmark at 64 clients). With a few slots the rest wait on the event loop, in order,
which costs them nothing.
"""

from __future__ import annotations

import asyncio
import weakref

from anyio import CapacityLimiter

SLOTS = 4  # enough to overlap one request's database waits with another's CPU work

_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


def cpu_slots() -> CapacityLimiter:
    """The limiter of the running event loop (one per loop: a limiter belongs to its loop)."""
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = CapacityLimiter(SLOTS)
    return limiter
