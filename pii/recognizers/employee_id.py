"""Employee numbers after a keyword, in the organisation's own format if it has one.

"Personalnummer 104711" becomes "Personalnummer <EMPLOYEE_ID_1>": only the id is reported
(score 0.85), and only after a keyword ("Personalnummer", "Personal-Nr.", "Pers.-Nr.",
"Mitarbeiternummer", "MA-Nr", "Mitarbeiter-ID", "employee ID", "employee number",
"staff number", "personnel number", "payroll number"), optionally followed by ":", "=", "#",
"ist"/"lautet"/"is". A number of the same shape without a keyword is a ticket, a port, an
order or an amount as often as an employee (IT-support text is full of them).

By default an id is an optional prefix of one to three letters with an optional "-", then
4-10 digits (104711, MA-20931, E-48213, 00412). A deployment may configure its own format as
a regular expression for the id alone (case-sensitive unless it starts with "(?i)"). It must
compile, must not match the empty string and must be bounded (``{m,n}``, never ``*``, ``+``
or ``{m,}``; at most 64 characters), or the constructor raises `ValueError`. A deployment
whose format is distinctive ("LOT-\\d{6}") may also set ``standalone=True``: ids of exactly
that shape then count anywhere (score 0.6).

Fictitious examples: ``Personalnummer 104711``, ``Mitarbeiternummer: MA-20931``,
``employee ID E-48213``, ``staff number 00412``.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import EMPLOYEE_ID

CONTEXT_SCORE = 0.85
STANDALONE_SCORE = 0.6
MAX_ID_LENGTH = 64

# The standard library parses a pattern into a tree that knows its minimum and maximum
# width; `re` has no public API for that, and `sre_parse` (its old name) warns on import.
_parser: Any = importlib.import_module("re._parser")


class EmployeeIdRecognizer(EntityRecognizer):
    """Finds employee numbers after keywords (anywhere, for a distinctive configured format)."""

    DEFAULT_PATTERN: ClassVar[str] = r"(?:[A-Za-z]{1,3}-?)?\d{4,10}"
    # A keyword and what may stand between it and the id. This recognizer checks it itself
    # (the id must follow it directly); Presidio's lemma window is not given these words.
    CONTEXT: ClassVar[re.Pattern[str]] = re.compile(
        r"(?i)(?<![\w-])(?:"
        r"personal-?(?:nummer|nr\.?|kennziffer|id)|pers\.?\s?-?\s?nr\.?|persnr\.?"
        r"|mitarbeiter-?(?:nummer|nr\.?|id|kennung)|(?-i:MA-?(?:Nr\.?|NR\.?|Nummer)|MA[-\s]ID)"
        r"|(?:employee|staff|personnel|payroll)[\s-]?(?:id|number|no\.?|num|\#)"
        r")(?![^\W\d_])"
        r"(?:\s{0,3}[:=#(]|\s{1,3}(?:ist|lautet|war|wäre|is|was|would\s+be)(?:\s{0,3}:)?"
        # "employee ID, it's E-48213", "Personalnummer, die ist 104711"
        r"|\s{0,2},\s{0,2}(?:it's|it\s+is|that's|die\s+ist|sie\s+lautet|lautet)(?:\s{0,3}:)?)?"
        r"\s{0,3}(?:(?:die|meine|the|my)\s{1,3})?"
    )

    def __init__(
        self, *, supported_language: str, pattern: str | None = None, standalone: bool = False
    ) -> None:
        if standalone and pattern is None:
            raise ValueError(
                "standalone employee ids need a configured pattern: the default shape "
                "(4-10 digits) would report every number"
            )
        super().__init__(
            supported_entities=[EMPLOYEE_ID],
            name=f"EmployeeIdRecognizer_{supported_language}",
            supported_language=supported_language,
        )
        self._id_pattern = compile_id_pattern(self.DEFAULT_PATTERN if pattern is None else pattern)
        self._standalone = standalone

    def load(self) -> None:
        """Nothing to load: the id pattern is compiled in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and EMPLOYEE_ID not in entities:
            return []
        scores: dict[tuple[int, int], float] = {}
        for keyword in self.CONTEXT.finditer(text):
            found = self._id_pattern.match(text, keyword.end())
            if found and _is_whole_token(text, *found.span(), check_before=False):
                scores[found.span()] = CONTEXT_SCORE
        if self._standalone:
            for found in self._id_pattern.finditer(text):
                if _is_whole_token(text, *found.span(), check_before=True):
                    scores.setdefault(found.span(), STANDALONE_SCORE)
        return [
            RecognizerResult(entity_type=EMPLOYEE_ID, start=start, end=end, score=score)
            for (start, end), score in sorted(scores.items())
        ]


def compile_id_pattern(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled, or a `ValueError` that says why it cannot describe an employee id."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise ValueError(
            f"employee id pattern {pattern!r} is not a valid regular expression: {error}"
        ) from error
    shortest, longest = _parser.parse(pattern).getwidth()
    if shortest == 0:
        raise ValueError(f"employee id pattern {pattern!r} can match the empty string")
    if longest >= _parser.MAXREPEAT:
        raise ValueError(
            f"employee id pattern {pattern!r} is not bounded: use {{m,n}} instead of *, + or {{m,}}"
        )
    if longest > MAX_ID_LENGTH:
        raise ValueError(
            f"employee id pattern {pattern!r} matches up to {longest} characters; "
            f"an employee id has at most {MAX_ID_LENGTH}"
        )
    return compiled


def _is_whole_token(text: str, start: int, end: int, *, check_before: bool) -> bool:
    """True when text[start:end] is a whole token, not part of a word, version, path or code
    (what precedes it is checked only when no keyword does)."""
    if end == start:
        return False
    if check_before and start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-./\\:#"):
        return False
    following = text[end : end + 2]
    if following[:1].isalnum() or following[:1] in ("_", "@"):
        return False
    return not (following[:1] in "-./:," and following[1:2].isalnum())
