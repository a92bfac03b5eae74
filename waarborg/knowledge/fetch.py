"""One polite, bounded HTTP GET: redirects checked hop by hop, size and time capped.

Each hop must stay on an allowed host; a redirect loop, too many hops, an unsupported content
type, an oversized or slow response all end in ``FetchError`` with a Dutch message, never in a
partial document. Requests of one crawl are spaced by ``Limits.delay_seconds``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from waarborg.knowledge.limits import MEGABYTE, Limits
from waarborg.knowledge.protocol import HTML, MARKDOWN
from waarborg.knowledge.ssrf import RefusedAddressError, host_allowed

REDIRECTS = frozenset({301, 302, 303, 307, 308})
GONE = frozenset({404, 410})
TYPE_ALIASES = {
    "application/xhtml+xml": HTML,
    "text/x-markdown": MARKDOWN,
}


class FetchError(Exception):
    """The URL could not be fetched; ``gone`` marks a page that no longer exists."""

    def __init__(self, message: str, *, gone: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.gone = gone


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    content: bytes


def media_type(header: str) -> str:
    value = header.split(";", 1)[0].strip().lower()
    return TYPE_ALIASES.get(value, value)


def check_url(url: httpx.URL, allowed_hosts: tuple[str, ...]) -> None:
    if url.scheme not in {"http", "https"}:
        raise FetchError(f"Alleen http- en https-adressen worden opgehaald, niet '{url.scheme}'.")
    if not host_allowed(url.host, allowed_hosts):
        raise FetchError(f"Host {url.host} staat niet op de lijst van toegestane hosts.")


class Fetcher:
    """Fetches URLs of one crawl through one guarded client."""

    def __init__(
        self,
        client: httpx.Client,
        allowed_hosts: tuple[str, ...],
        limits: Limits,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._allowed = allowed_hosts
        self._limits = limits
        self._sleep = sleep
        self._last_request: float | None = None
        self.extra_delay = 0.0  # raised by robots.txt Crawl-delay

    def get(self, url: str, accept: frozenset[str] | None = None) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` checked redirects."""
        current = httpx.URL(url)
        chain = [str(current)]
        for _hop in range(self._limits.max_redirects + 1):
            check_url(current, self._allowed)
            target = self._one(current, accept)
            if isinstance(target, Fetched):
                return target
            if str(target) in chain:
                raise FetchError("De pagina verwijst in een kringloop door naar zichzelf.")
            if not host_allowed(target.host, self._allowed):
                raise FetchError(
                    f"Doorverwijzing naar {target.host}, een host die niet is toegestaan."
                )
            chain.append(str(target))
            current = target
        raise FetchError(f"Meer dan {self._limits.max_redirects} doorverwijzingen.")

    def _one(self, url: httpx.URL, accept: frozenset[str] | None) -> Fetched | httpx.URL:
        self._wait_turn()
        started = time.monotonic()
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code in REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError("Doorverwijzing zonder doeladres.")
                    return url.join(location)
                if response.status_code in GONE:
                    raise FetchError(
                        f"De pagina bestaat niet (meer) (HTTP {response.status_code}).", gone=True
                    )
                if response.status_code != 200:
                    raise FetchError(f"De server antwoordde met HTTP {response.status_code}.")
                kind = media_type(response.headers.get("content-type", ""))
                if accept is not None and kind not in accept:
                    raise FetchError(f"Inhoudstype '{kind or 'onbekend'}' wordt niet ondersteund.")
                content = self._read(response, started)
                return Fetched(url=str(url), content_type=kind, content=content)
        except httpx.TimeoutException:
            raise FetchError("De server antwoordde niet op tijd (time-out).") from None
        except RefusedAddressError as error:
            raise FetchError(str(error)) from None
        except httpx.TransportError as error:
            raise FetchError(f"De server is niet bereikbaar ({type(error).__name__}).") from None

    def _read(self, response: httpx.Response, started: float) -> bytes:
        limit = self._limits.max_bytes
        too_big = FetchError(f"Het antwoord is groter dan {limit / MEGABYTE:g} MB.")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        parts: list[bytes] = []
        size = 0
        for part in response.iter_bytes():
            size += len(part)
            if size > limit:
                raise too_big
            if time.monotonic() - started > self._limits.total_timeout:
                raise FetchError("Het ophalen duurde te lang (time-out).")
            parts.append(part)
        return b"".join(parts)

    def _wait_turn(self) -> None:
        delay = max(self._limits.delay_seconds, self.extra_delay)
        if self._last_request is not None and delay > 0:
            remaining = self._last_request + delay - time.monotonic()
            if remaining > 0:
                self._sleep(remaining)
        self._last_request = time.monotonic()
