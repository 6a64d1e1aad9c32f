"""Dates of birth: a date that the text presents as someone's birth date, German or English.

Only the date is reported, so "geboren am 14.03.1987" becomes "geboren am <DATE_OF_BIRTH_1>".
A date counts only next to a birth keyword ("geboren", "geb.", "Geburtsdatum", "Geburtstag",
"born", "date of birth", "DOB", "birthday"), found by this recognizer itself: IT-support text
is full of plain dates ("seit dem 12.03.2024", "last update 2024-01-15") that agents need, and
Presidio's window of lemmas would also accept a keyword from the previous clause.

Formats: 14.03.1987, 3.5.90, 1985-11-02, 02/11/1985 (day/month or month/day), 3. Mai 1990,
2 June 1979, the 2nd of June 1979, March 3rd, 1990, and without a year (14.03., 3. Mai,
March 3rd); after "geboren"/"born", "Geburtsjahr", "bin Jahrgang" and "year of birth" also
month and year or a year alone ("geboren im Mai 1990", "born in 1987"). After "Geburtstag" and
"geboren" the date may also come first ("am 14.03. Geburtstag", "1987 geboren"). Impossible
dates (31.02.) and four-digit years outside 1900..today are rejected; a full date must not lie
in the future. "Geb." is also short for "Gebäude", so after it only a full date counts.
A birth date written out in words or with a format hint in between
("Geburtsdatum (TT.MM.JJJJ): …") is missed.

Fictitious examples: ``geboren am 14.03.1987``, ``Geburtsdatum: 3. Mai 1990``,
``DOB 1985-11-02``, ``born on 2 June 1979``, ``my birthday is March 3rd, 1990``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from pii.entities import DATE_OF_BIRTH

_MONTH_NUMBERS = {
    **dict.fromkeys(("januar", "jänner", "january", "jan"), 1),
    **dict.fromkeys(("februar", "february", "feb"), 2),
    **dict.fromkeys(("märz", "maerz", "march", "mär", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("dezember", "december", "dez", "dec"), 12),
}
_MONTH_NAME = (
    "(?:" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")(?:\.|(?![^\W\d_]))"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d{2}"
_ORDINAL = r"(?:\.|st|nd|rd|th)?"
_END = r"(?![\w@/-]|[.,:]\d)"

# Dates with day, month and year, longest forms first.
_FULL_DATE = (
    rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # 1985-11-02
    rf"|{_DAY}\s?\.\s?{_MONTH}\s?\.\s?(?:{_YEAR}|\d{{2}})"  # 14.03.1987, 3. 5. 90
    rf"|\d{{1,2}}/\d{{1,2}}/(?:{_YEAR}|\d{{2}})"  # 02/11/1985, either order
    rf"|\d{{1,2}}-\d{{1,2}}-{_YEAR}"  # 02-11-1985
    rf"|{_DAY}{_ORDINAL}\s{{0,2}}(?:of\s{{1,2}})?{_MONTH_NAME}\s{{0,2}},?\s{{0,2}}{_YEAR}"
    rf"|{_MONTH_NAME}\s{{1,2}}{_DAY}{_ORDINAL},?\s{{1,2}}{_YEAR}"  # March 3rd, 1990
)
# Day and month only ("am 14.03. Geburtstag", "born on 2 June").
_DAY_AND_MONTH = (
    rf"{_DAY}\.{_MONTH}\.(?!\d)"
    rf"|{_DAY}{_ORDINAL}\s{{0,2}}(?:of\s{{1,2}})?{_MONTH_NAME}"
    rf"|{_MONTH_NAME}\s{{1,2}}{_DAY}{_ORDINAL}"
)
_MONTH_AND_YEAR = rf"{_MONTH_NAME}\s{{1,2}}{_YEAR}"

# What may stand between a keyword and its date ("Geburtsdatum ist der", "birthday is on the").
_SEPARATOR = r"(?:\s{0,3}[:=(]\s{0,3}|\s{1,3})"
_FILLER = (
    r"(?:(?:ist|war|wäre|lautet|am|der|den|dem|im|jahr|is|was|would\s+be|on|the|in|of|year)"
    r"\s{1,3}){0,3}"
)


# "geboren in Stuttgart am …", "born in Leeds on …" (but "born in May 1990" names no place).
_IN_PLACE = rf"(?:\s{{1,3}}in\s{{1,3}}(?!{_MONTH_NAME})[A-ZÄÖÜ][\w-]{{1,30}})?"


@dataclass(frozen=True)
class BirthKeyword:
    """A birth keyword and which date shapes may follow (or precede) it."""

    regex: str
    partial: bool  # day and month without a year
    year_only: bool  # a year alone, or month and year
    date_first: bool = False  # "am 14.03. Geburtstag", "1987 geboren"


def _compile(keyword: BirthKeyword) -> tuple[re.Pattern[str], ...]:
    shapes = [_FULL_DATE]
    if keyword.partial:
        shapes.append(_DAY_AND_MONTH)
    if keyword.year_only:
        shapes += [_MONTH_AND_YEAR, _YEAR]
    date = rf"(?P<date>{'|'.join(shapes)}){_END}"
    after = re.compile(rf"(?i)(?<![\w-])(?:{keyword.regex})(?![\w-]){_SEPARATOR}{_FILLER}{date}")
    if not keyword.date_first:
        return (after,)
    before = re.compile(rf"(?i)(?<![\w.,/:-]){date}\s{{1,3}}(?:{keyword.regex})(?![\w-])")
    return after, before


# A full date later in the same line as a birth word ("Geburtsdatum gefragt. Ich gebe
# 02.11.1985 ein", "my DOB in the HR system is wrong, it should be 1985-11-02"): weaker than
# the keyword patterns, so only dates of people old enough to use a service desk count.
_NEARBY = re.compile(
    r"(?i)(?<![\w-])(?:geburts-?datum|geburtstag|geboren|date\s{1,3}of\s{1,3}birth|"
    r"birth\s?-?date|d\.o\.b\.?|dob|birthday|born)(?![\w-])[^\n]{0,80}?"
    rf"(?<![\w.,/:-])(?P<date>{_FULL_DATE}){_END}"
)
_NEARBY_SCORE = 0.7
_YOUNGEST_USER_YEARS = 14


class DateOfBirthRecognizer(EntityRecognizer):
    """Finds dates next to birth keywords; reports the date only."""

    # This recognizer checks its keywords itself; Presidio's lemma window is not given them.
    CONTEXT: ClassVar[tuple[BirthKeyword, ...]] = (
        BirthKeyword(
            r"geburts-?datum|geb\.?\s?-?\s?dat(?:um|\.)|gebdat", partial=True, year_only=False
        ),
        BirthKeyword(r"geburtstag", partial=True, year_only=False, date_first=True),
        BirthKeyword(
            rf"geboren{_IN_PLACE}",
            partial=True,
            year_only=True,
            date_first=True,
        ),
        BirthKeyword(
            r"geburtsjahr(?:gang)?|(?:bin|ist)\s{1,3}jahrgang", partial=False, year_only=True
        ),
        BirthKeyword(r"geb\.(?:\s{0,3}am)?", partial=False, year_only=False),
        BirthKeyword(
            r"date\s{1,3}of\s{1,3}birth|birth\s?-?date|d\.o\.b\.?|dob",
            partial=True,
            year_only=False,
        ),
        BirthKeyword(r"birthday", partial=True, year_only=False),
        BirthKeyword(rf"born{_IN_PLACE}", partial=True, year_only=True),
        BirthKeyword(r"year\s{1,3}of\s{1,3}birth|birth\s{1,3}year", partial=False, year_only=True),
    )

    PATTERNS: ClassVar[tuple[re.Pattern[str], ...]] = tuple(
        pattern for keyword in CONTEXT for pattern in _compile(keyword)
    )

    def __init__(self, *, supported_language: str) -> None:
        super().__init__(
            supported_entities=[DATE_OF_BIRTH],
            name=f"DateOfBirthRecognizer_{supported_language}",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        if entities and DATE_OF_BIRTH not in entities:
            return []
        today = datetime.date.today()
        spans: set[tuple[int, int]] = set()
        for pattern in self.PATTERNS:
            for match in pattern.finditer(text):
                if is_plausible_birth_date(match.group("date"), today=today):
                    spans.add(match.span("date"))
        results = [
            RecognizerResult(entity_type=DATE_OF_BIRTH, start=start, end=end, score=0.85)
            for start, end in sorted(spans)
        ]
        for match in _NEARBY.finditer(text):
            date = match.group("date")
            years = [int(number) for number in _NUMBER.findall(date) if len(number) == 4]
            if (
                match.span("date") not in spans
                and years
                and years[0] <= today.year - _YOUNGEST_USER_YEARS
                and is_plausible_birth_date(date, today=today)
            ):
                start, end = match.span("date")
                results.append(
                    RecognizerResult(
                        entity_type=DATE_OF_BIRTH, start=start, end=end, score=_NEARBY_SCORE
                    )
                )
        return results


_NUMBER = re.compile(r"\d+")
_ISO_START = re.compile(r"\d{4}-")
_MONTH_WORD = re.compile(rf"(?i){_MONTH_NAME}")


def is_plausible_birth_date(date_text: str, *, today: datetime.date) -> bool:
    """True unless `date_text` names an impossible day or a four-digit year outside
    1900..today (a future date is nobody's birth date)."""
    numbers = [int(number) for number in _NUMBER.findall(date_text)]
    month_word = _MONTH_WORD.search(date_text)
    four_digit_year = re.search(r"\d{4}", date_text) is not None
    readings: list[tuple[int | None, int | None, int | None]]
    if month_word is not None:
        month = _MONTH_NUMBERS[month_word.group().rstrip(".").casefold()]
        year = numbers[-1] if four_digit_year else None
        days = [number for number in numbers if number != year]
        readings = [(days[0] if days else None, month, year)]
    elif len(numbers) == 1:  # a year alone
        readings = [(None, None, numbers[0])]
    elif _ISO_START.match(date_text):
        readings = [(numbers[2], numbers[1], numbers[0])]
    else:
        day, month, *rest = numbers
        year = rest[0] if rest else None
        readings = [(day, month, year)]
        if "." not in date_text:  # 02/11/1985 may be either order
            readings.append((month, day, year))
    return any(_is_possible(day, month, year, today=today) for day, month, year in readings)


def _is_possible(
    day: int | None, month: int | None, year: int | None, *, today: datetime.date
) -> bool:
    if year is not None and year >= 100 and not 1900 <= year <= today.year:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    leap_year = 2000
    full_year = year if year is not None and year >= 100 else leap_year
    if not 1 <= day <= calendar.monthrange(full_year, month)[1]:
        return False
    return year is None or year < 100 or datetime.date(full_year, month, day) <= today
