"""One ASGI middleware for request metrics, request logs and security headers."""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from waarborg.observability.metrics import Metrics

log = logging.getLogger("waarborg.http")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
    ),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        recorded = False

        def record() -> None:
            nonlocal recorded
            if recorded:
                return
            recorded = True
            route = scope.get("route")
            template = getattr(route, "path", None) or "(geen route)"
            elapsed = time.perf_counter() - started
            self.metrics.requests.labels(template, scope["method"], str(status)).inc()
            self.metrics.latency.labels(template).observe(elapsed)
            log.info(
                "%s %s %s %.1fms",
                scope["method"],
                template,
                status,
                elapsed * 1000,
                extra={
                    "wb_method": scope["method"],
                    "wb_route": template,
                    "wb_status": status,
                    "wb_ms": round(elapsed * 1000, 1),
                },
            )

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                if b"content-security-policy" in present:
                    # A route that sets its own policy (the widget's frame, which allowed sites
                    # may embed) decides framing by its frame-ancestors; DENY would overrule it.
                    present.add(b"x-frame-options")
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                # Counted before the last byte leaves, so a client that reads /metrics right
                # after a response always sees that response counted.
                record()
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            record()
