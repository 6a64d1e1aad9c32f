"""Lotse's entity type names (ARCHITECTURE.md) and how Presidio's names map onto them."""

from __future__ import annotations

PERSON = "PERSON"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
IBAN_CODE = "IBAN_CODE"
CREDIT_CARD = "CREDIT_CARD"
IP_ADDRESS = "IP_ADDRESS"
MAC_ADDRESS = "MAC_ADDRESS"
CREDENTIAL = "CREDENTIAL"
USERNAME = "USERNAME"
STREET_ADDRESS = "STREET_ADDRESS"
DE_TAX_ID = "DE_TAX_ID"
DE_SOCIAL_SECURITY = "DE_SOCIAL_SECURITY"
ID_DOCUMENT = "ID_DOCUMENT"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
EMPLOYEE_ID = "EMPLOYEE_ID"

ENTITY_TYPES = (
    PERSON,
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    IBAN_CODE,
    CREDIT_CARD,
    IP_ADDRESS,
    MAC_ADDRESS,
    CREDENTIAL,
    USERNAME,
    STREET_ADDRESS,
    DE_TAX_ID,
    DE_SOCIAL_SECURITY,
    ID_DOCUMENT,
    DATE_OF_BIRTH,
    EMPLOYEE_ID,
)

# Presidio's names for the same things.
_PRESIDIO_ALIASES = {
    "DE_ID_CARD": ID_DOCUMENT,
    "DE_PASSPORT": ID_DOCUMENT,
    "DE_TAX_ID": DE_TAX_ID,
    "DE_SOCIAL_SECURITY": DE_SOCIAL_SECURITY,
    "DE_SOCIAL_SECURITY_NUMBER": DE_SOCIAL_SECURITY,
    "PER": PERSON,
}


def presidio_to_lotse(entity_type: str) -> str | None:
    """Lotse's name for a Presidio entity type; None for types Lotse does not redact."""
    if entity_type in ENTITY_TYPES:
        return entity_type
    return _PRESIDIO_ALIASES.get(entity_type)
