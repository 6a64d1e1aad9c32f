"""BitLocker recovery keys: eight groups of six digits.

BitLocker writes each group as a 16-bit number times 11, so every group is divisible by 11 and
below 720,896; that check confirms a key (1.0) without any keyword nearby, also for a partly
pasted key of four groups or more: ``412357-093269-545787-120604-612821-377949-698610-227810``
(fictitious), with hyphens, spaces or none. Groups that fail the check are a mistyped key
when a keyword is near ("Wiederherstellungsschlüssel", "recovery key", "BitLocker": 0.3 + 0.35
from Presidio's context enhancer); without one they are left alone. The 32-hex-digit key ID that
BitLocker shows next to the key ("Schlüssel-ID: 1A2B3C4D-…") is not reported: the agent needs
it to look the key up.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pii.entities import CREDENTIAL

_GROUP_LIMIT = 65536 * 11
_SEPARATOR = r"(?:[ \u00a0]?[-–][ \u00a0]?|[ \u00a0])"


class RecoveryKeyRecognizer(PatternRecognizer):
    """Finds BitLocker recovery keys; the divisible-by-11 groups confirm them."""

    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="groups",
            regex=rf"(?<![\d-])\d{{6}}(?:{_SEPARATOR}\d{{6}}){{3,7}}(?!\d|{_SEPARATOR}\d)",
            score=0.3,
        ),
        Pattern(
            name="run", regex=r"(?<!\d)(?:\d{24}|\d{30}|\d{36}|\d{42}|\d{48})(?!\d)", score=0.3
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = (
        "bitlocker",
        "recovery",
        "wiederherstellung",
        "schlüssel",
        "key",
    )

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entity=CREDENTIAL,
            name=f"RecoveryKeyRecognizer_{supported_language}",
            supported_language=supported_language,
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = re.sub(r"\D", "", pattern_text)
        groups = [int(digits[index : index + 6]) for index in range(0, len(digits), 6)]
        if all(group % 11 == 0 and group < _GROUP_LIMIT for group in groups):
            return True
        return None  # maybe mistyped: the context enhancer decides
