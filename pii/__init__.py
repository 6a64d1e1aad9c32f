"""Personal data: detection and redaction before anything is stored, logged or sent to Rasa.

`Redactor.detect()` finds personal data with Presidio (offline engine, `pii.engine`) and
`render()` replaces it with typed, numbered placeholders; `pii.placeholders` keeps the numbers
consistent within a conversation and `pii.vault` keeps encrypted originals until they expire.
Credentials are never kept anywhere.
"""

from pii.redactor import (
    Detected,
    LocalNumbering,
    RedactedEntity,
    Redaction,
    Redactor,
    analyze,
    redact,
    render,
)

__all__ = [
    "Detected",
    "LocalNumbering",
    "RedactedEntity",
    "Redaction",
    "Redactor",
    "analyze",
    "redact",
    "render",
]
