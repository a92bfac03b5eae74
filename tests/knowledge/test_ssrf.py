"""SSRF: hosts outside the allowlist and inside addresses are refused before a byte is sent."""

from __future__ import annotations

import pytest

from tests.knowledge.site import Route, Site, page, serve
from waarborg.knowledge.fetch import Fetcher, FetchError
from waarborg.knowledge.limits import Limits
from waarborg.knowledge.network import guarded_client
from waarborg.knowledge.ssrf import (
    RefusedAddressError,
    check_address,
    resolve_checked,
    system_resolver,
)

LIMITS = Limits(delay_seconds=0, connect_timeout=2, read_timeout=2)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address under test, not a bind
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "::",
        "fc00::1",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_inside_addresses_are_refused(address: str) -> None:
    with pytest.raises(RefusedAddressError):
        check_address(address, allow_private=False)
    check_address(address, allow_private=True)


@pytest.mark.parametrize("address", ["93.184.216.34", "2a00:1450:4001:800::200e"])
def test_public_addresses_pass(address: str) -> None:
    assert str(check_address(address, allow_private=False)) == address


def test_a_name_with_any_inside_answer_is_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(RefusedAddressError, match=r"10\.0\.0\.5"):
        resolve_checked("www.gemeente.example", 443, resolver, allow_private=False)


def fetch(site: Site, url: str, allow_private: bool, resolver=system_resolver) -> bytes:  # type: ignore[no-untyped-def]
    hosts = ("127.0.0.1", "gemeente.test", "localhost")
    with guarded_client(LIMITS, resolver, allow_private) as client:
        return Fetcher(client, hosts, LIMITS).get(url).content


def test_loopback_is_refused_without_the_setting_and_served_with_it(site: Site) -> None:
    with pytest.raises(FetchError, match="loopbackadres"):
        fetch(site, site.url("/"), allow_private=False)
    assert site.paths() == []
    assert b"Welkom" in fetch(site, site.url("/"), allow_private=True)


@pytest.mark.parametrize("answer", ["10.0.0.7", "169.254.169.254", "::1", "fc00::7"])
def test_names_resolving_inside_are_refused(site: Site, answer: str) -> None:
    port = site.base.rsplit(":", 1)[1]

    def resolver(host: str, port: int) -> list[str]:
        return [answer]

    with pytest.raises(FetchError, match="Waarborg haalt daar niets op"):
        fetch(site, f"http://gemeente.test:{port}/", allow_private=False, resolver=resolver)


def test_connection_goes_to_the_checked_address_not_a_second_lookup(site: Site) -> None:
    """DNS rebinding: the first answer is checked and used; a later answer is never asked."""
    port = site.base.rsplit(":", 1)[1]
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    content = fetch(site, f"http://gemeente.test:{port}/", allow_private=True, resolver=rebinding)
    assert b"Welkom" in content
    assert asked == ["gemeente.test"]


def test_host_outside_the_allowlist_is_refused(site: Site) -> None:
    with pytest.raises(FetchError, match="niet op de lijst"):
        fetch(site, "http://elders.test/", allow_private=True)


def test_redirect_to_a_host_outside_the_allowlist_is_refused() -> None:
    routes = {
        "/weg": Route(status=302, headers={"Location": "http://metadata.test/latest"}),
        "/": page("Welkom", "<p>x</p>"),
    }
    with serve(routes) as site:
        with pytest.raises(FetchError, match=r"metadata\.test"):
            fetch(site, site.url("/weg"), allow_private=True)
        assert site.paths() == ["/weg"]


def test_other_schemes_are_refused(site: Site) -> None:
    with pytest.raises(FetchError, match="file"):
        fetch(site, "file:///etc/passwd", allow_private=True)
