"""The check-digit rules, against known valid and invalid values."""

from __future__ import annotations

import pytest

from waarborg.privacy.checksums import (
    SIDECODES,
    bsn_valid,
    btw_valid,
    iban_valid,
    kenteken_sidecode,
)


@pytest.mark.parametrize("bsn", ["123456782", "111222333", "12345672", "999999990"])
def test_valid_bsn(bsn: str) -> None:
    assert bsn_valid(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "12345678a", "1234567820"])
def test_invalid_bsn(bsn: str) -> None:
    assert not bsn_valid(bsn)


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "nl91abna0417164300",
        "DE89370400440532013000",
        "GB82WEST12345698765432",
    ],
)
def test_valid_iban(iban: str) -> None:
    assert iban_valid(iban)


@pytest.mark.parametrize("iban", ["NL91ABNA0417164301", "NL91ABNA041716430", "XX91ABNA0417164300"])
def test_invalid_iban(iban: str) -> None:
    assert not iban_valid(iban)


def test_btw() -> None:
    assert btw_valid("NL123456782B01")
    assert not btw_valid("NL123456789B01")
    assert not btw_valid("NL123456782B00")


def test_every_side_code_is_recognised_with_and_without_dashes() -> None:
    samples = {
        1: "XB-12-34", 2: "12-34-XB", 3: "12-XB-34", 4: "XB-12-ZD", 5: "XB-ZD-12", 6: "12-XB-ZD",
        7: "12-XBZ-3", 8: "1-XBZ-23", 9: "XB-123-Z", 10: "X-123-BZ", 11: "XBZ-12-D",
        12: "X-12-BZD", 13: "1-XB-234", 14: "123-XB-4",
    }  # fmt: skip
    assert len(samples) == len(SIDECODES)
    for number, plate in samples.items():
        assert kenteken_sidecode(plate) == number
        assert kenteken_sidecode(plate.replace("-", "")) is not None
    assert kenteken_sidecode("12-34-56") is None
    assert kenteken_sidecode("1-2-3") is None
