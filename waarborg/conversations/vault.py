"""Encryption of everything a conversation holds that a person typed or may recognise.

AES-256-GCM with a key derived per conversation (HKDF-SHA256 over the installation's secret
key, with the conversation id as context): a database dump alone reveals nothing, a key for one
conversation opens no other, and the conversation id is bound into every ciphertext as
associated data, so a message copied into another conversation fails to decrypt instead of
showing up there. The first byte is a format version for key rotation later.
"""

from __future__ import annotations

import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from waarborg.privacy.mapping import PseudonymMap

VERSION = b"\x01"
NONCE_BYTES = 12


class VaultError(ValueError):
    """A ciphertext that does not open with this installation's key for this conversation."""


class Vault:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the secret key is too short to derive encryption keys from")
        self._secret = secret

    def _cipher(self, conversation_id: str) -> AESGCM:
        key = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=b"waarborg-conversation-vault",
            info=conversation_id.encode(),
        ).derive(self._secret)
        return AESGCM(key)

    def seal(self, conversation_id: str, text: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher(conversation_id).encrypt(
            nonce, text.encode(), conversation_id.encode()
        )
        return VERSION + nonce + sealed

    def open(self, conversation_id: str, blob: bytes) -> str:
        if not blob or blob[:1] != VERSION:
            raise VaultError("onbekende versie van versleutelde gegevens")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            plain = self._cipher(conversation_id).decrypt(nonce, sealed, conversation_id.encode())
        except InvalidTag:
            raise VaultError("versleutelde gegevens horen niet bij dit gesprek") from None
        return plain.decode()

    def seal_mapping(self, conversation_id: str, mapping: PseudonymMap) -> bytes:
        return self.seal(conversation_id, json.dumps(mapping.to_dict(), ensure_ascii=False))

    def open_mapping(self, conversation_id: str, blob: bytes | None) -> PseudonymMap:
        if not blob:
            return PseudonymMap()
        data: dict[str, Any] = json.loads(self.open(conversation_id, blob))
        return PseudonymMap.from_dict(data)
