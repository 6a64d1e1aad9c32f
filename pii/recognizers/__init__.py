"""Lotse's Presidio recognizers, one per module (the person and credential recognizers keep
their tables and helpers in modules beside them), and the set the engine uses per language."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer

from nlu.language import Language
from pii.directory import Directory
from pii.recognizers.api_key import ApiKeyRecognizer
from pii.recognizers.credential import CredentialRecognizer
from pii.recognizers.credit_card import CreditCardNumberRecognizer
from pii.recognizers.date_of_birth import DateOfBirthRecognizer
from pii.recognizers.de_social_security import SocialSecurityNumberRecognizer
from pii.recognizers.de_tax_id import TaxIdRecognizer
from pii.recognizers.email import OfflineEmailRecognizer
from pii.recognizers.employee_id import EmployeeIdRecognizer
from pii.recognizers.iban import IbanCodeRecognizer
from pii.recognizers.id_document import IdDocumentRecognizer
from pii.recognizers.ip_address import IpAddressRecognizer
from pii.recognizers.mac_address import HardwareAddressRecognizer
from pii.recognizers.nearby_secret import NearbySecretRecognizer
from pii.recognizers.one_time_code import OneTimeCodeRecognizer
from pii.recognizers.person import PersonRecognizer
from pii.recognizers.phone import PhoneNumberRecognizer
from pii.recognizers.phone_extension import PhoneExtensionRecognizer
from pii.recognizers.private_key import PrivateKeyRecognizer
from pii.recognizers.product_key import ProductKeyRecognizer
from pii.recognizers.recovery_key import RecoveryKeyRecognizer
from pii.recognizers.street_address import StreetAddressRecognizer
from pii.recognizers.username import UsernameRecognizer

if TYPE_CHECKING:
    from pii.engine import EngineOptions

__all__ = [
    "ApiKeyRecognizer",
    "CredentialRecognizer",
    "CreditCardNumberRecognizer",
    "DateOfBirthRecognizer",
    "EmployeeIdRecognizer",
    "HardwareAddressRecognizer",
    "IbanCodeRecognizer",
    "IdDocumentRecognizer",
    "IpAddressRecognizer",
    "NearbySecretRecognizer",
    "OfflineEmailRecognizer",
    "OneTimeCodeRecognizer",
    "PersonRecognizer",
    "PhoneExtensionRecognizer",
    "PhoneNumberRecognizer",
    "PrivateKeyRecognizer",
    "ProductKeyRecognizer",
    "RecoveryKeyRecognizer",
    "SocialSecurityNumberRecognizer",
    "StreetAddressRecognizer",
    "TaxIdRecognizer",
    "UsernameRecognizer",
    "lotse_recognizers",
]

# Presidio's German licence-plate recognizer is deliberately absent: it fires on "im OG 3" and
# "HP LJ 400", and plates are not among Lotse's entity types (see id_document.py).


@cache
def _directory(path: Path) -> Directory:
    return Directory.load(path)


def lotse_recognizers(language: Language, options: EngineOptions) -> Sequence[EntityRecognizer]:
    """Every recognizer for `language`, configured by `options`."""
    directory = _directory(options.directory_file) if options.directory_file else None
    return (
        # credentials
        CredentialRecognizer(supported_language=language),
        OneTimeCodeRecognizer(supported_language=language),
        ApiKeyRecognizer(supported_language=language),
        PrivateKeyRecognizer(supported_language=language),
        RecoveryKeyRecognizer(supported_language=language),
        ProductKeyRecognizer(supported_language=language),
        NearbySecretRecognizer(supported_language=language),
        # contact details and network identifiers
        OfflineEmailRecognizer(supported_language=language),
        PhoneNumberRecognizer(supported_language=language),
        PhoneExtensionRecognizer(supported_language=language),
        IpAddressRecognizer(supported_language=language),
        HardwareAddressRecognizer(supported_language=language),
        # money and official numbers
        IbanCodeRecognizer(supported_language=language),
        CreditCardNumberRecognizer(supported_language=language),
        TaxIdRecognizer(supported_language=language),
        SocialSecurityNumberRecognizer(supported_language=language),
        IdDocumentRecognizer(supported_language=language),
        # people and their accounts
        PersonRecognizer(supported_language=language, directory=directory),
        UsernameRecognizer(supported_language=language),
        EmployeeIdRecognizer(
            supported_language=language,
            pattern=options.employee_id_pattern,
            standalone=options.employee_id_standalone,
        ),
        StreetAddressRecognizer(supported_language=language),
        DateOfBirthRecognizer(supported_language=language),
    )
