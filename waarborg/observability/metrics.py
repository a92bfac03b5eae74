"""Prometheus metrics, one registry per app so that tests can build many apps.

With several uvicorn workers, set PROMETHEUS_MULTIPROC_DIR (see docs/deployment.md) and every
worker's figures are added up at /metrics.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "waarborg_http_requests",
            "HTTP requests handled, by route template, method and status code.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "waarborg_http_request_duration_seconds",
            "Time from request to the end of the response, by route template.",
            ["route"],
            registry=self.registry,
        )
        self.logins = Counter(
            "waarborg_logins",
            "Login attempts by method and outcome.",
            ["method", "outcome"],
            registry=self.registry,
        )

    def exposition(self) -> bytes:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            combined = CollectorRegistry()
            multiprocess.MultiProcessCollector(combined)  # type: ignore[no-untyped-call]
            return generate_latest(combined)
        return generate_latest(self.registry)
