"""Keys of the PII layer, derived from one per-deployment secret (`LOTSE_PII_KEY`).

HKDF-SHA256 turns the secret into three independent keys, so that knowing a placeholder hash
reveals nothing about blind indexes and neither helps to decrypt the vault.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from pii.entities import (
    CREDIT_CARD,
    DE_SOCIAL_SECURITY,
    DE_TAX_ID,
    IBAN_CODE,
    ID_DOCUMENT,
    MAC_ADDRESS,
    PHONE_NUMBER,
)
from pii.normalize import fold

# Types whose spacing and punctuation are formatting, not content ("0711 12 34" = "07111234").
_ALPHANUMERIC_ONLY = frozenset(
    {CREDIT_CARD, DE_SOCIAL_SECURITY, DE_TAX_ID, IBAN_CODE, ID_DOCUMENT, MAC_ADDRESS, PHONE_NUMBER}
)


def canonical_value(entity_type: str, value: str) -> str:
    """The form of a value that decides whether two mentions are the same thing."""
    folded = fold(value).view.casefold()
    if entity_type == PHONE_NUMBER and folded.startswith("+"):
        folded = "00" + folded[1:]
    if entity_type in _ALPHANUMERIC_ONLY:
        return "".join(character for character in folded if character.isalnum())
    return " ".join(folded.split())


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


@dataclass(frozen=True)
class PiiKeys:
    placeholder_key: bytes
    blind_index_key: bytes
    vault_key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> PiiKeys:
        if len(secret) < 16:
            raise ValueError("the PII key must be at least 16 characters long")
        material = secret.encode("utf-8")
        return cls(
            placeholder_key=_derive(material, b"lotse pii placeholder"),
            blind_index_key=_derive(material, b"lotse pii blind index"),
            vault_key=_derive(material, b"lotse pii vault aes-gcm"),
        )

    def placeholder_hash(self, entity_type: str, value: str) -> str:
        return _keyed_hash(self.placeholder_key, entity_type, value)

    def blind_index(self, entity_type: str, value: str) -> str:
        return _keyed_hash(self.blind_index_key, entity_type, value)


def _keyed_hash(key: bytes, entity_type: str, value: str) -> str:
    message = f"{entity_type}\x00{canonical_value(entity_type, value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
