"""The conversation vault: encrypted per conversation, bound to it, and nothing in clear."""

from __future__ import annotations

import pytest

from waarborg.conversations.vault import Vault, VaultError
from waarborg.privacy import EntityType
from waarborg.privacy.mapping import PseudonymMap

SECRET = b"a-secret-key-that-is-long-enough-for-tests"


def test_sealed_text_opens_only_for_its_conversation() -> None:
    vault = Vault(SECRET)
    blob = vault.seal("gesprek-1", "Mijn BSN is 111222333")
    assert b"111222333" not in blob
    assert vault.open("gesprek-1", blob) == "Mijn BSN is 111222333"
    with pytest.raises(VaultError):
        vault.open("gesprek-2", blob)


def test_another_installation_cannot_open_it() -> None:
    blob = Vault(SECRET).seal("gesprek-1", "tekst")
    with pytest.raises(VaultError):
        Vault(b"another-secret-key-of-enough-length").open("gesprek-1", blob)


def test_tampered_or_unknown_blobs_are_refused() -> None:
    vault = Vault(SECRET)
    blob = bytearray(vault.seal("g", "tekst"))
    blob[-1] ^= 1
    with pytest.raises(VaultError):
        vault.open("g", bytes(blob))
    with pytest.raises(VaultError):
        vault.open("g", b"\x09rest")


def test_same_text_twice_gives_different_ciphertexts() -> None:
    vault = Vault(SECRET)
    assert vault.seal("g", "tekst") != vault.seal("g", "tekst")


def test_mapping_round_trip() -> None:
    vault = Vault(SECRET)
    mapping = PseudonymMap()
    mapping.placeholder_for(EntityType.PERSOON, "Anna de Vries")
    blob = vault.seal_mapping("g", mapping)
    assert b"Vries" not in blob
    again = vault.open_mapping("g", blob)
    assert again.value_of("[PERSOON_1]") == "Anna de Vries"
    assert len(vault.open_mapping("g", None)) == 0


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="too short"):
        Vault(b"short")
