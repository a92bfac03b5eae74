"""Closed-loop load: ``concurrency`` clients, each sending its next request when the last one
is answered, for a fixed number of requests; latency per request in milliseconds."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Run:
    latencies: list[float]
    errors: int
    seconds: float

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")


async def run(
    url: str, headers: dict[str, str], body: dict[str, Any], concurrency: int, requests: int
) -> Run:
    latencies: list[float] = []
    errors = 0
    remaining = requests
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                try:
                    if body.get("stream"):
                        async with client.stream("POST", url, headers=headers, json=body) as r:
                            async for _ in r.aiter_bytes():
                                pass
                            ok = r.status_code == 200
                    else:
                        response = await client.post(url, headers=headers, json=body)
                        ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - began
    return Run(latencies, errors, seconds)


async def open_loop(
    url: str,
    headers: dict[str, str],
    body: dict[str, Any],
    clients: int,
    rate: float,
    seconds: float,
) -> Run:
    """Open-loop load: ``clients`` clients, each starting a request every ``1 / rate`` seconds
    whether or not its last one is answered. Latency counts from the planned start, so a
    server that falls behind is not flattered by clients that wait for it."""
    latencies: list[float] = []
    errors = 0
    interval = 1 / rate
    limits = httpx.Limits(max_connections=clients * 4, max_keepalive_connections=clients * 4)

    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def one(planned: float) -> None:
            nonlocal errors
            try:
                response = await client.post(url, headers=headers, json=body)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append((time.perf_counter() - planned) * 1000)
            else:
                errors += 1

        async def worker(offset: float) -> None:
            tasks = []
            start = time.perf_counter() + offset
            for n in range(int(seconds * rate)):
                planned = start + n * interval
                delay = planned - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                tasks.append(asyncio.create_task(one(planned)))
            await asyncio.gather(*tasks)

        began = time.perf_counter()
        await asyncio.gather(*(worker(i * interval / clients) for i in range(clients)))
        elapsed = time.perf_counter() - began
    return Run(latencies, errors, elapsed)
