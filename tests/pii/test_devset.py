"""The labelled PII development set (tests/data/pii/dev.jsonl) is well-formed and plausible.

Standard library and pytest only: this module must run before the project environment exists.
All personal data in the set is fictitious; the checksums of structured numbers are valid so
that a redactor which validates them can be measured on the set.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

DEVSET = Path(__file__).resolve().parents[1] / "data" / "pii" / "dev.jsonl"

ENTITY_TYPES = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "IBAN_CODE",
        "CREDIT_CARD",
        "IP_ADDRESS",
        "MAC_ADDRESS",
        "CREDENTIAL",
        "USERNAME",
        "STREET_ADDRESS",
        "DE_TAX_ID",
        "DE_SOCIAL_SECURITY",
        "ID_DOCUMENT",
        "DATE_OF_BIRTH",
        "EMPLOYEE_ID",
    }
)
TRAP_KINDS = frozenset(
    {
        "error_code",
        "version",
        "ticket_id",
        "kb_number",
        "printer_model",
        "hostname",
        "room",
        "product",
        "date",
        "number",
        "other",
    }
)
LANGUAGES = ("de", "en")

# Minimum number of messages that contain at least one entity of the type.
MIN_MESSAGES_PER_TYPE = {
    "PERSON": 70,
    "CREDENTIAL": 45,
    "EMAIL_ADDRESS": 12,
    "PHONE_NUMBER": 12,
    "IBAN_CODE": 12,
    "CREDIT_CARD": 12,
    "IP_ADDRESS": 12,
    "MAC_ADDRESS": 12,
    "USERNAME": 15,
    "STREET_ADDRESS": 12,
    "DATE_OF_BIRTH": 8,
    "EMPLOYEE_ID": 8,
    "DE_TAX_ID": 6,
    "DE_SOCIAL_SECURITY": 5,
    "ID_DOCUMENT": 5,
}

# E-mail domains must be fictitious: reserved names (RFC 2606/6761) or internal pseudo-TLDs.
FICTITIOUS_DOMAINS = ("example.com", "example.org", "example.net", "example.de")
FICTITIOUS_TLDS = (".example", ".local", ".intern", ".test", ".invalid", ".localhost")


# --- checksums ------------------------------------------------------------------------------


def compact(value: str) -> str:
    """The value without spaces, hyphens, dots and slashes, upper-cased."""
    return re.sub(r"[\s\-./]", "", value).upper()


def iban_is_valid(value: str) -> bool:
    """ISO 13616: the rearranged IBAN, letters as 10..35, is 1 modulo 97."""
    iban = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def luhn_is_valid(value: str) -> bool:
    """Luhn check over all digits of a card number (spaces and hyphens allowed)."""
    if not re.fullmatch(r"\d[\d \-]*\d", value):
        return False
    digits = [int(char) for char in value if char.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def tax_id_is_valid(value: str) -> bool:
    """German Steuer-Identifikationsnummer (§ 139b AO).

    11 digits, the first not 0. In the first ten digits exactly one digit occurs twice or three
    times (so one or two of the digits 0-9 are missing) and no digit occurs three times in a
    row. The eleventh digit is the ISO 7064 MOD 11,10 check digit over the first ten.
    """
    tax_id = compact(value)
    if not re.fullmatch(r"[1-9]\d{10}", tax_id):
        return False
    head = tax_id[:10]
    counts = Counter(head)
    repeated = [digit for digit, count in counts.items() if count > 1]
    if len(repeated) != 1 or counts[repeated[0]] not in (2, 3):
        return False
    if 10 - len(counts) not in (1, 2) or re.search(r"(\d)\1\1", head):
        return False
    product = 10
    for char in head:
        total = (int(char) + product) % 10 or 10
        product = (total * 2) % 11
    check = 11 - product
    return (0 if check == 10 else check) == int(tax_id[10])


def social_security_is_valid(value: str) -> bool:
    """German Rentenversicherungsnummer: area (2), birth date DDMMYY, letter, serial (2), check.

    The letter becomes its two-digit position in the alphabet; the twelve digits are weighted
    2,1,2,5,7,1,2,1,2,1,2,1, the cross sums of the products are added, modulo 10.
    """
    number = compact(value)
    match = re.fullmatch(r"(\d{2})(\d{2})(\d{2})(\d{2})([A-Z])(\d{2})(\d)", number)
    if not match:
        return False
    area, day, month, year, letter, serial, check = match.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return False
    digits = area + day + month + year + f"{ord(letter) - ord('A') + 1:02d}" + serial
    weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
    total = sum(
        sum(divmod(int(digit) * weight, 10)) for digit, weight in zip(digits, weights, strict=True)
    )
    return total % 10 == int(check)


def id_document_is_valid(value: str) -> bool:
    """German Personalausweis / Reisepass serial number with its check digit.

    Nine characters from the alphabet the Bundesdruckerei uses, then a check digit: weights
    7, 3, 1 repeating, letters A=10 ... Z=35, sum modulo 10.
    """
    number = compact(value)
    if not re.fullmatch(r"[CFGHJKLMNPRTVWXYZ0-9]{9}\d", number):
        return False
    weights = (7, 3, 1)
    total = sum(int(char, 36) * weights[i % 3] for i, char in enumerate(number[:9]))
    return total % 10 == int(number[9])


CHECKSUMS = {
    "IBAN_CODE": iban_is_valid,
    "CREDIT_CARD": luhn_is_valid,
    "DE_TAX_ID": tax_id_is_valid,
    "DE_SOCIAL_SECURITY": social_security_is_valid,
    "ID_DOCUMENT": id_document_is_valid,
}


def email_domain_is_fictitious(address: str) -> bool:
    domain = address.rpartition("@")[2].lower()
    return domain.endswith(FICTITIOUS_TLDS) or any(
        domain == allowed or domain.endswith("." + allowed) for allowed in FICTITIOUS_DOMAINS
    )


# --- record validation ----------------------------------------------------------------------


def record_problems(record: Any) -> list[str]:
    """Everything wrong with one record of the set (empty when it is well-formed)."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    keys = {"id", "language", "text", "entities", "traps"}
    if set(record) != keys:
        return [f"keys {sorted(record)} instead of {sorted(keys)}"]
    problems = []
    text, language, record_id = record["text"], record["language"], record["id"]
    if language not in LANGUAGES:
        problems.append(f"language {language!r}")
    if not isinstance(record_id, str) or not re.fullmatch(rf"{language}-\d{{3}}", record_id):
        problems.append(f"id {record_id!r} does not match the language")
    if not isinstance(text, str) or not text.strip():
        return [*problems, "empty text"]
    spans: list[tuple[int, int]] = []
    for field, label, allowed in (
        ("entities", "type", ENTITY_TYPES),
        ("traps", "kind", TRAP_KINDS),
    ):
        if not isinstance(record[field], list):
            problems.append(f"{field} is not a list")
            continue
        for span in record[field]:
            if not isinstance(span, dict) or set(span) != {"start", "end", label, "value"}:
                problems.append(f"malformed {field} item {span!r}")
                continue
            start, end, value = span["start"], span["end"], span["value"]
            if span[label] not in allowed:
                problems.append(f"unknown {label} {span[label]!r}")
            if not (
                isinstance(start, int)
                and isinstance(end, int)
                and not isinstance(start, bool)
                and 0 <= start < end <= len(text)
            ):
                problems.append(f"bad offsets {start!r}..{end!r}")
                continue
            if text[start:end] != value:
                problems.append(f"value {value!r} != text[{start}:{end}] {text[start:end]!r}")
            elif value != value.strip():
                problems.append(f"span {value!r} has surrounding whitespace")
            spans.append((start, end))
    spans.sort()
    for (_, first_end), (second_start, _) in pairwise(spans):
        if second_start < first_end:
            problems.append(f"overlapping spans at {second_start}")
    return problems


@cache
def load() -> tuple[dict[str, Any], ...]:
    records = []
    raw = DEVSET.read_bytes().decode("utf-8")
    for number, line in enumerate(raw.splitlines(), start=1):
        assert line.strip(), f"line {number} is empty"
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            pytest.fail(f"line {number} is not JSON: {error}")
    return tuple(records)


def entities(type_: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    return [
        (record["id"], entity)
        for record in load()
        for entity in record["entities"]
        if type_ is None or entity["type"] == type_
    ]


# --- tests ----------------------------------------------------------------------------------


def test_every_line_is_a_well_formed_record() -> None:
    problems = {
        record.get("id", f"line {number}") if isinstance(record, dict) else f"line {number}": found
        for number, record in enumerate(load(), start=1)
        if (found := record_problems(record))
    }
    assert not problems


def test_file_is_written_the_agreed_way() -> None:
    """UTF-8 without escapes for non-ASCII text, one object per line, trailing newline."""
    raw = DEVSET.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    assert "\\u00" not in raw, "write with ensure_ascii=False"
    assert "\r" not in raw


def test_ids_are_unique() -> None:
    counts = Counter(record["id"] for record in load())
    assert [record_id for record_id, count in counts.items() if count > 1] == []


def test_texts_are_unique() -> None:
    counts = Counter(record["text"] for record in load())
    assert [text for text, count in counts.items() if count > 1] == []


def test_size_and_language_balance() -> None:
    languages = Counter(record["language"] for record in load())
    assert sum(languages.values()) >= 300
    assert set(languages) == set(LANGUAGES)
    assert all(languages[language] >= 140 for language in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entity_type_occurs_in_each_language(language: str) -> None:
    present = {
        entity["type"]
        for record in load()
        if record["language"] == language
        for entity in record["entities"]
    }
    assert sorted(ENTITY_TYPES - present) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_trap_kind_occurs_in_each_language(language: str) -> None:
    present = {
        trap["kind"]
        for record in load()
        if record["language"] == language
        for trap in record["traps"]
    }
    assert sorted(TRAP_KINDS - present) == []


def test_composition() -> None:
    records = load()
    messages_per_type = Counter(
        type_ for record in records for type_ in {entity["type"] for entity in record["entities"]}
    )
    too_few = {
        type_: messages_per_type[type_]
        for type_, minimum in MIN_MESSAGES_PER_TYPE.items()
        if messages_per_type[type_] < minimum
    }
    assert too_few == {}
    assert sum(len(record["traps"]) for record in records) >= 200
    assert sum(not record["entities"] for record in records) >= 60, "messages without PII"
    with_entities = sum(bool(record["entities"]) for record in records) / len(records)
    assert 0.55 <= with_entities <= 0.8


@pytest.mark.parametrize("type_", sorted(CHECKSUMS))
def test_checksums_are_valid(type_: str) -> None:
    values = entities(type_)
    assert values, f"no {type_} in the set"
    invalid = [
        (record_id, entity["value"])
        for record_id, entity in values
        if not CHECKSUMS[type_](entity["value"])
    ]
    assert invalid == []


def test_email_domains_are_fictitious() -> None:
    real_looking = [
        (record_id, entity["value"])
        for record_id, entity in entities("EMAIL_ADDRESS")
        if not email_domain_is_fictitious(entity["value"])
    ]
    assert real_looking == []


def test_structured_values_look_like_their_type() -> None:
    """Cheap shape checks for types without a checksum, to catch swapped labels."""
    shapes = {
        "EMAIL_ADDRESS": r"[^@\s]+@[^@\s]+\.[a-z]+",
        "IP_ADDRESS": r"(\d{1,3}(\.\d{1,3}){3})|([0-9a-f:]*:[0-9a-f:]+)",
        "MAC_ADDRESS": r"([0-9a-f]{2}([:-])[0-9a-f]{2}(\2[0-9a-f]{2}){4})|([0-9a-f]{4}(\.[0-9a-f]{4}){2})",
        "PHONE_NUMBER": r"[+(]?\d[\d ()/\-]*\d",
    }
    wrong = [
        (record_id, entity["value"])
        for type_, shape in shapes.items()
        for record_id, entity in entities(type_)
        if not re.fullmatch(shape, entity["value"], re.IGNORECASE)
    ]
    assert wrong == []
    octets = [
        (record_id, entity["value"])
        for record_id, entity in entities("IP_ADDRESS")
        if "." in entity["value"] and any(int(part) > 255 for part in entity["value"].split("."))
    ]
    assert octets == []


# --- the validators themselves --------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "valid", "invalid"),
    [
        pytest.param(
            iban_is_valid, "DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 01", id="iban"
        ),
        pytest.param(
            iban_is_valid, "GB82WEST12345698765432", "GB82WEST12345698765423", id="iban-gb"
        ),
        pytest.param(luhn_is_valid, "4111 1111 1111 1111", "4111 1111 1111 1112", id="luhn"),
        pytest.param(luhn_is_valid, "3782-822463-10005", "3782-822463-10006", id="luhn-amex"),
        pytest.param(tax_id_is_valid, "86095742719", "86095742718", id="tax-id-check-digit"),
        pytest.param(tax_id_is_valid, "86095742719", "01234567899", id="tax-id-leading-zero"),
        pytest.param(tax_id_is_valid, "86095742719", "12345678903", id="tax-id-no-repetition"),
        pytest.param(
            social_security_is_valid, "65 170839 J 003", "65 170839 J 004", id="sv-number"
        ),
        pytest.param(social_security_is_valid, "65170839J003", "65173839J003", id="sv-number-date"),
        pytest.param(id_document_is_valid, "T220001293", "T220001294", id="id-card"),
        pytest.param(id_document_is_valid, "T220001293", "A220001293", id="id-card-alphabet"),
    ],
)
def test_checksum_helpers(check: Any, valid: str, invalid: str) -> None:
    assert check(valid)
    assert not check(invalid)


def test_record_validation_catches_corruption() -> None:
    good = {
        "id": "de-001",
        "language": "de",
        "text": "Hallo, ich bin Tobias Brandt, Fehler 0x80070005",
        "entities": [{"start": 15, "end": 28, "type": "PERSON", "value": "Tobias Brandt"}],
        "traps": [{"start": 37, "end": 47, "kind": "error_code", "value": "0x80070005"}],
    }
    assert record_problems(good) == []
    shifted = json.loads(json.dumps(good))
    shifted["entities"][0]["start"] += 1
    overlapping = json.loads(json.dumps(good))
    overlapping["traps"][0].update(start=20, end=30, value=good["text"][20:30])
    unknown = json.loads(json.dumps(good))
    unknown["entities"][0]["type"] = "NAME"
    wrong_language = dict(good, language="fr")
    for corrupted in (shifted, overlapping, unknown, wrong_language, dict(good, traps=None)):
        assert record_problems(corrupted), corrupted
    assert email_domain_is_fictitious("j.doe@corp.local")
    assert email_domain_is_fictitious("a@mueller-logistik.example")
    assert not email_domain_is_fictitious("someone@gmail.com")
