"""Streamed model output: a placeholder or a value split over chunks is still handled,
at every possible split point."""

from __future__ import annotations

import pytest

from waarborg.privacy import Pseudonymiser, StreamMasker, StreamRestorer, scan_output

PSEUDONYMISER = Pseudonymiser()
PSEUDONYMISER.pseudonymise("Anna Bakker, BSN 123456782, tel 06-12345678")
ANSWER = "Beste [PERSOON_1], uw BSN [BSN_1] en nummer [TELEFOON_1] zijn genoteerd."
RESTORED = "Beste Anna Bakker, uw BSN 123456782 en nummer 06-12345678 zijn genoteerd."


def _restore_in_chunks(chunks: list[str]) -> str:
    restorer = StreamRestorer(PSEUDONYMISER.mapping)
    return "".join(restorer.feed(chunk) for chunk in chunks) + restorer.flush()


@pytest.mark.parametrize("split", range(len(ANSWER) + 1))
def test_restorer_handles_every_split_point(split: int) -> None:
    assert _restore_in_chunks([ANSWER[:split], ANSWER[split:]]) == RESTORED


def test_restorer_character_by_character() -> None:
    assert _restore_in_chunks(list(ANSWER)) == RESTORED


def test_restorer_does_not_hold_back_ordinary_brackets() -> None:
    restorer = StreamRestorer(PSEUDONYMISER.mapping)
    assert restorer.feed("zie [bijlage 2] hierna") == "zie [bijlage 2] hierna"
    assert restorer.feed("prijs [") == "prijs "
    assert restorer.flush() == "["


LEAK = (
    "Volgens het dossier woont de aanvrager op de Kerkstraat 12 en is zijn BSN 123456782; "
    "bel hem op 06-87654321 voor een afspraak, zegt de consulent tegen de aanvrager."
)


def _mask_in_chunks(chunks: list[str], allowed: tuple[str, ...] = ()) -> str:
    masker = StreamMasker(allowed, holdback=40, context=48)
    return "".join(masker.feed(chunk) for chunk in chunks) + masker.flush()


@pytest.mark.parametrize("split", range(len(LEAK) + 1))
def test_masker_handles_every_split_point(split: int) -> None:
    expected = scan_output(LEAK).text
    assert "123456782" not in expected
    assert _mask_in_chunks([LEAK[:split], LEAK[split:]]) == expected


def test_masker_in_small_chunks_keeps_allowed_values() -> None:
    chunks = [LEAK[i : i + 7] for i in range(0, len(LEAK), 7)]
    result = _mask_in_chunks(chunks, allowed=("06 87 65 43 21",))
    assert "06-87654321" in result
    assert "[BSN]" in result
    assert "[ADRES]" in result


def test_scan_output_masks_only_what_was_not_allowed() -> None:
    scan = scan_output("Uw BSN 123456782 en dat van J. Jansen is 111222333.", ["123456782"])
    assert scan.text == "Uw BSN 123456782 en dat van [PERSOON] is [BSN]."
    assert [entity.type.value for entity in scan.masked] == ["PERSOON", "BSN"]
