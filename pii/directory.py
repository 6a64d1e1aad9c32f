"""The organisation directory: the customer's people, the most precise evidence of a name.

The file is a CSV in UTF-8 (a byte-order mark is fine), separated by commas, semicolons or tabs
(the header decides), with a header row naming the columns, in any order and any case:

- ``first_name`` (required): given name(s), e.g. ``Anna`` or ``Anna Maria``;
- ``last_name`` (required): family name, particles included, e.g. ``van der Berg``;
- ``display_name`` (optional): how the person appears elsewhere, e.g. ``Tobi Schmidt`` or
  ``Schmidt, Anna (IT)``; words in parentheses are ignored, and its words other than the last
  name count as first names too (nicknames such as "Tobi");
- ``email``, ``username`` (optional): kept with the person for other recognizers.

Further columns are ignored. Each row needs a first or a last name; empty lines are skipped.
Fictitious example::

    first_name;last_name;display_name;email;username
    Anna;Schmidt;;anna.schmidt@example.com;aschmidt
    Mehmet;Yılmaz;Memo Yılmaz;;myilmaz

Names are matched as token sequences, case-insensitively and without diacritics (see
`pii.names.name_key`): "Anna Schmidt", "anna schmidt", "Schmidt, Anna", "Mehmet Yilmaz". A lookup
costs one set probe per candidate length, whatever the size of the directory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pii.names import PARTICLES, name_key, name_variants

REQUIRED_COLUMNS = ("first_name", "last_name")
OPTIONAL_COLUMNS = ("display_name", "email", "username")
_DELIMITERS = ",;\t"
_MAX_NAME_TOKENS = 8

# The tokens of a name as `PersonRecognizer` cuts text: words (with inner hyphens and
# apostrophes, "Hans-Peter", "O'Connor") and single punctuation characters.
TOKEN = re.compile(r"\w+(?:-\w+|['’](?![sS]\b)\w+){0,8}|\n|[^\w\s]")
_PARENTHESES = re.compile(r"\([^()]{0,200}\)")


def token_keys(text: str) -> tuple[str, ...]:
    """The lookup keys of the tokens of `text` (`name_key` of each word, punctuation as is)."""
    return tuple(name_key(match.group()) for match in TOKEN.finditer(text))


def _variants(keys: Iterable[str]) -> set[str]:
    return {variant for key in keys for variant in name_variants(key)}


def _is_word(key: str) -> bool:
    return key.replace("-", "").replace("'", "").isalpha()


@dataclass(frozen=True)
class Person:
    """One row of the directory."""

    first_name: str
    last_name: str
    display_name: str = ""
    email: str = ""
    username: str = ""


class Directory:
    """The organisation's people, indexed by the token sequences of their names."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people = tuple(people)
        sequences: set[tuple[str, ...]] = set()
        first_names: set[str] = set()
        last_names: set[str] = set()
        for person in self.people:
            first = token_keys(person.first_name)
            last = token_keys(person.last_name)
            first_names.update(_variants(key for key in first if _is_word(key)))
            last_names.update(
                _variants(key for key in last if _is_word(key) and key not in PARTICLES)
            )
            forms = [first + last, (*last, ",", *first)]
            if len(first) > 1:
                forms.append(first[:1] + last)
            display = token_keys(_PARENTHESES.sub(" ", person.display_name))
            forms.append(display)
            if len(display) > 1:  # "Memo Yılmaz": "Memo" is a first name too
                first_names.update(
                    _variants(key for key in display if _is_word(key) and key not in last)
                )
            for form in forms:
                if 2 <= len(form) <= _MAX_NAME_TOKENS:
                    # as spelt, without diacritics, with umlauts transcribed ("Yılmaz", "Yilmaz")
                    sequences.update(zip(*(name_variants(key) for key in form), strict=True))
        self._sequences = frozenset(sequences)
        self._lengths = tuple(sorted({len(form) for form in sequences}, reverse=True))
        self._starts = frozenset(form[0] for form in sequences)
        self.first_names = frozenset(first_names)
        self.last_names = frozenset(last_names)

    @classmethod
    def load(cls, path: Path) -> Directory:
        """Reads a directory CSV; `ValueError` says what is wrong with the file and where."""
        return cls(read_people(path))

    def match(self, keys: Sequence[str], start: int) -> int:
        """The number of tokens of the longest full name at `keys[start:]`, 0 if none."""
        if keys[start] not in self._starts:
            return 0
        for length in self._lengths:
            if tuple(keys[start : start + length]) in self._sequences:
                return length
        return 0

    def is_first_name(self, key: str) -> bool:
        """True when some person has the first name `key` (a `name_key`)."""
        return key in self.first_names

    def is_last_name(self, key: str) -> bool:
        """True when some person has the last name `key` (a `name_key`)."""
        return key in self.last_names


def read_people(path: Path) -> list[Person]:
    """The rows of a directory CSV (see the module docstring for the format)."""
    if not path.is_file():
        raise ValueError(f"organisation directory {path}: no such file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(
            f"organisation directory {path}: row {line} is not valid UTF-8 "
            f"(byte {error.start}); save the file as UTF-8"
        ) from error
    lines = text.splitlines()
    header_index = next((index for index, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise ValueError(f"organisation directory {path} is empty")
    header = lines[header_index]
    delimiter = max(_DELIMITERS, key=header.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns: dict[str, int] = {}
    people: list[Person] = []
    for row in reader:
        row_number = reader.line_num  # the file's line, which is what a person looks for
        if not any(cell.strip() for cell in row):
            continue
        if not columns:
            columns = {cell.strip().casefold(): index for index, cell in enumerate(row)}
            missing = [column for column in REQUIRED_COLUMNS if column not in columns]
            if missing:
                raise ValueError(
                    f"organisation directory {path}: the header (row {row_number}) lacks "
                    f"column(s) {', '.join(missing)}; found: {', '.join(columns) or 'none'}"
                )
            continue
        values = {
            column: row[index].strip() if index < len(row) else ""
            for column, index in columns.items()
            if column in REQUIRED_COLUMNS or column in OPTIONAL_COLUMNS
        }
        if not values["first_name"] and not values["last_name"]:
            raise ValueError(
                f"organisation directory {path}: row {row_number} has neither a first_name "
                "nor a last_name"
            )
        people.append(Person(**values))
    if not people:
        raise ValueError(f"organisation directory {path} has a header but no people")
    return people
