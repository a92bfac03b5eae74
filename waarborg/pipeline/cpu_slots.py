"""How many requests of one process do their CPU-bound part (policy, privacy guard, retrieval)
in worker threads at the same time.

Without a bound, anyio lets 40 threads run it at once. Under the GIL they do not run in
parallel; they take turns every few milliseconds, so each request holds its connection, its
memory and its place far longer and throughput falls as clients are added (measured with the
gateway benchmark at 64 clients). With a few slots the rest wait on the event loop, in order,
which costs them nothing.

The slots bound how many threads want the GIL; the switch interval bounds how long one of them
keeps it while another waits. Python's default of 5 ms means that a request whose answer is
ready on the event loop can wait 5 ms for a worker thread doing another request's privacy
guard, once per hand-over: on PostgreSQL, where every query hands the GIL over, 1 ms instead
of 5 took the gateway's open-loop p99 from 110-144 ms to 29-31 ms (p95 26-71 to 22-23 ms) at
no cost in throughput (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import sys
import weakref

from anyio import CapacityLimiter

SLOTS = 4  # enough to overlap one request's database waits with another's CPU work
GIL_SWITCH_SECONDS = 0.001

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


def share_the_gil_finely() -> None:
    """Let a waiting thread have the GIL after 1 ms instead of 5 (once per serving process)."""
    if sys.getswitchinterval() > GIL_SWITCH_SECONDS:
        sys.setswitchinterval(GIL_SWITCH_SECONDS)
