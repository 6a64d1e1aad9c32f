"""Personal data: detection and redaction before anything is stored, logged or sent to Rasa.

`redact()` is the seam every text path goes through. This first version finds e-mail
addresses, phone numbers, IBANs and obvious passwords with Presidio's pattern recognizers;
the PII issue grows it into the full engine (names, addresses, vault, consistent numbering).
"""

from pii.redactor import RedactedEntity, Redaction, redact

__all__ = ["RedactedEntity", "Redaction", "redact"]
