"""Server-side request forgery rules: which hosts and addresses the crawler may connect to.

A crawl is started by a person with a URL, but the pages it finds choose the next requests. So
every request is checked twice: the host name against the source's allowlist, and every
address the name resolves to against the ranges that reach inside the organisation
(private, loopback, link-local, multicast, reserved, unspecified; IPv4 and IPv6, including
IPv4-mapped IPv6). The connection is then made to the address that passed the check, and the
peer address of the open socket is checked once more (see ``network``), so a DNS answer that
changes between check and connect (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddressError(Exception):
    """A request was refused before any byte was sent; the message is Dutch, for people."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the operating system resolves ``host`` to (A and AAAA)."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise RefusedAddressError(f"De naam {host} is niet te herleiden ({error}).") from None
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


def normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def host_allowed(host: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Exact match only: ``gemeente.nl`` does not allow ``evil.gemeente.nl.example``."""
    return normalise_host(host) in {normalise_host(name) for name in allowed_hosts}


def refusal_reason(address: IPAddress) -> str | None:
    """Why connecting to ``address`` is refused without the opt-in setting, or None."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refusal_reason(address.ipv4_mapped)
    checks = (
        (address.is_unspecified, "een niet-gespecificeerd adres"),
        (address.is_loopback, "een loopbackadres"),
        (address.is_link_local, "een link-local adres"),
        (address.is_multicast, "een multicastadres"),
        (address.is_private, "een privé-adres"),
        (address.is_reserved, "een gereserveerd adres"),
        (not address.is_global, "geen openbaar internetadres"),
    )
    for refused, reason in checks:
        if refused:
            return reason
    return None


def check_address(text: str, allow_private: bool) -> IPAddress:
    """The parsed address if it may be connected to; otherwise ``RefusedAddressError``."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        raise RefusedAddressError(f"'{text}' is geen IP-adres.") from None
    reason = refusal_reason(address)
    if reason is not None and not allow_private:
        raise RefusedAddressError(
            f"Adres {address} is {reason}; Waarborg haalt daar niets op "
            "(zie WAARBORG_KNOWLEDGE_ALLOW_PRIVATE_ADDRESSES)."
        )
    return address


def resolve_checked(
    host: str, port: int, resolver: Resolver, allow_private: bool
) -> list[IPAddress]:
    """The addresses of ``host``; refused as a whole when any one of them is refused.

    Refusing on any bad answer (not just skipping it) keeps a name that points both inside and
    outside from being used to probe the inside.
    """
    host = normalise_host(host)
    if _is_literal(host):
        return [check_address(host, allow_private)]
    answers = resolver(host, port)
    if not answers:
        raise RefusedAddressError(f"De naam {host} heeft geen adres.")
    return [check_address(answer, allow_private) for answer in answers]


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True
