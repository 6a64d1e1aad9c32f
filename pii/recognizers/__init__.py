"""Lotse's own Presidio recognizers, one per module."""

from pii.recognizers.credential import CredentialRecognizer
from pii.recognizers.email import OfflineEmailRecognizer

__all__ = ["CredentialRecognizer", "OfflineEmailRecognizer"]
