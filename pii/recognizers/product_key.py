"""Windows and Office product keys: five groups of five letters or digits.

``XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`` is reported with or without a keyword nearby, because
nothing else in IT-support text has that shape: 0.6, or 1.0 when every character belongs to
Microsoft's key alphabet (``BCDFGHJKMPQRTVWXY2346789`` plus the ``N`` of newer keys), as in the
fictitious ``NK7QB-3TXC9-GD8WR-Y4JPM-6HV2F``. Placeholders ("XXXXX-XXXXX-…", "AAAAA-BBBBB-…")
are not keys. GUIDs (8-4-4-4-12), Windows product IDs (``00330-80000-00000-AA123``, four groups)
and the last five characters that ``slmgr /dli`` shows ("Partial Product Key: 3V66T") are not
reported: they identify a licence without unlocking one.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pii.entities import CREDENTIAL

_MICROSOFT_ALPHABET = frozenset("BCDFGHJKMNPQRTVWXY2346789")


class ProductKeyRecognizer(PatternRecognizer):
    """Finds 5x5 product keys; Microsoft's key alphabet confirms them."""

    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="five_groups_of_five",
            regex=r"(?<![\w-])[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}(?![\w-])",
            score=0.6,
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entity=CREDENTIAL,
            name=f"ProductKeyRecognizer_{supported_language}",
            supported_language=supported_language,
            patterns=list(self.PATTERNS),
            global_regex_flags=re.IGNORECASE,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        groups = pattern_text.upper().split("-")
        if sum(len(set(group)) == 1 for group in groups) >= 3:
            return False  # XXXXX-XXXXX-XXXXX-XXXXX-XXXXX
        if set("".join(groups)) <= _MICROSOFT_ALPHABET:
            return True
        return None
