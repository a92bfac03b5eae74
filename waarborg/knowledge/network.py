"""An HTTP client that can only connect to addresses the SSRF rules allow.

Approach: *pin, then verify*. The client's network backend resolves the host itself, checks
every address (``ssrf.resolve_checked``) and opens the TCP connection to that checked IP, not to
the name, so there is no second DNS lookup for an attacker to answer differently. TLS still
uses the host name (SNI and certificate checks happen above the backend, on the origin's
name). After connecting, the socket's peer address is checked once more, which also covers a
backend or OS that maps addresses on its own. Proxies from the environment are ignored: a
proxy would connect on our behalf and the checks would see only the proxy.
"""

from __future__ import annotations

import typing

import httpcore
import httpx

from waarborg.knowledge.limits import Limits
from waarborg.knowledge.ssrf import RefusedAddressError, Resolver, check_address, resolve_checked


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks and pins every TCP connection; refuses with ``RefusedAddressError``."""

    def __init__(self, resolver: Resolver, allow_private: bool) -> None:
        self._resolver = resolver
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, self._resolver, self._allow_private)
        last_error: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as error:
                last_error = error
                continue
            peer = stream.get_extra_info("server_addr")
            try:
                check_address(str(peer[0]), self._allow_private)
            except RefusedAddressError:
                stream.close()
                raise
            return stream
        raise last_error or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise RefusedAddressError("Verbindingen via een Unix-socket zijn niet toegestaan.")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (its request and error mapping), over the guarded backend."""

    def __init__(self, resolver: Resolver, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # The pool is httpx's own, built as HTTPTransport builds it; only the backend differs.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            max_keepalive_connections=2,
            network_backend=GuardedBackend(resolver, allow_private),
        )


def guarded_client(limits: Limits, resolver: Resolver, allow_private: bool) -> httpx.Client:
    """A client that never follows redirects itself (the crawler checks each hop)."""
    return httpx.Client(
        transport=GuardedTransport(resolver, allow_private),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(
            connect=limits.connect_timeout,
            read=limits.read_timeout,
            write=limits.read_timeout,
            pool=limits.connect_timeout,
        ),
        headers={"User-Agent": limits.user_agent},
    )
