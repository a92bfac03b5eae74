"""A small real website on 127.0.0.1 for crawler tests: routes are a dict the test changes.

A route is (status, content type, body, extra headers) or a callable for behaviour (slow
pages). Every request is recorded so tests can assert what the crawler asked for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Site:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, float]]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def paths(self) -> list[str]:
        return [path for path, _when in self.requests]


NAV = (
    "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/afval'>Afval</a></li>"
    "<li><a href='/paspoort'>Paspoort</a></li><li><a href='/verhuizen'>Verhuizen</a></li>"
    "</ul></nav></header>"
)
FOOTER = (
    "<footer><p>Gemeente Voorbeeld · Postbus 1 · 1234 AB Voorbeeld · Bel 14 0123</p>"
    "<p><a href='/privacy'>Privacyverklaring</a> <a href='/cookies'>Cookies</a></p></footer>"
)


def page(title: str, body: str, extra_links: str = "") -> Route:
    html = (
        f"<!doctype html><html lang='nl'><head><title>{title} | Gemeente Voorbeeld</title>"
        f"</head><body>{NAV}<main><article><h1>{title}</h1>{body}{extra_links}</article></main>"
        f"{FOOTER}</body></html>"
    )
    return Route(body=html.encode())


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    requests: list[tuple[str, float]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, time.monotonic()))
            route = routes.get(self.path, Route(status=404, body=b"niet gevonden"))
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", routes, requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
