"""Check digits and structural rules that separate real identifiers from look-alikes.

Every function takes the bare identifier (separators removed) and answers yes or no; the
recognizers decide where an identifier starts and ends.
"""

from __future__ import annotations

import re
from functools import cache

# Lengths of IBANs per country (ISO 13616 registry, the countries met in Dutch casework).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28,
    "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
}  # fmt: skip


def bsn_valid(digits: str) -> bool:
    """The 11-proef for a BSN: weights 9..2 and -1 for the last digit, sum divisible by 11."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def _mod97(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def iban_valid(compact: str) -> bool:
    """ISO 13616: known country length and the mod-97 check (case-insensitive)."""
    compact = compact.upper()
    length = IBAN_LENGTHS.get(compact[:2])
    if length is None or len(compact) != length or not compact.isalnum():
        return False
    if not compact[2:4].isdigit():
        return False
    return _mod97(compact[4:] + compact[:4]) == 1


def btw_valid(compact: str) -> bool:
    """A Dutch VAT id NL999999999B99: the RSIN-style 11-proef, or mod-97 (ids since 2020)."""
    compact = compact.upper()
    if not re.fullmatch(r"NL\d{9}B\d{2}", compact) or compact.endswith("B00"):
        return False
    digits = compact[2:11]
    if digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    if total % 11 == int(digits[8]):
        return True
    return _mod97(compact) == 1


# Dutch licence-plate side codes 1-14 (L = letter, 9 = digit), in their dashed form.
SIDECODES: tuple[str, ...] = (
    "LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
    "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9",
)  # fmt: skip


@cache
def _sidecode_patterns() -> tuple[re.Pattern[str], ...]:
    def compile_one(code: str) -> re.Pattern[str]:
        parts = ["".join("[A-Z]" if c == "L" else r"\d" for c in part) for part in code.split("-")]
        return re.compile("-?".join(parts))

    return tuple(compile_one(code) for code in SIDECODES)


def kenteken_sidecode(plate: str) -> int | None:
    """The side code (1-14) a plate matches, or None; dashes are optional, case is ignored."""
    plate = plate.upper().replace(" ", "")
    if "-" in plate and plate.count("-") != 2:
        return None
    for number, pattern in enumerate(_sidecode_patterns(), start=1):
        if pattern.fullmatch(plate):
            if "-" in plate:
                groups = [len(g) for g in plate.split("-")]
                expected = [len(g) for g in SIDECODES[number - 1].split("-")]
                if groups != expected:
                    continue
            return number
    return None
