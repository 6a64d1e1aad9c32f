"""The issue-3 targets on the labelled development set (tests/data/pii/dev.jsonl).

A regression guard: a recognizer change that loses recall or precision fails here, with the
table in the message. The figures themselves are reported by `lotse eval pii` in CI.
"""

from __future__ import annotations

from functools import cache

from escalation.settings import PROJECT_ROOT
from pii.evaluation import Counts, Report, evaluate, format_report, load_examples
from pii.redactor import default_redactor

DEV_SET = PROJECT_ROOT / "tests" / "data" / "pii" / "dev.jsonl"
STRUCTURED = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "MAC_ADDRESS",
    "DE_TAX_ID",
    "DE_SOCIAL_SECURITY",
)


@cache
def report() -> Report:
    return evaluate(default_redactor(), load_examples(DEV_SET))


def test_all_types_together() -> None:
    overall = report().overall
    assert overall.recall >= 0.95, format_report(report())
    assert overall.precision >= 0.90, format_report(report())


def test_person() -> None:
    person = report().by_type["PERSON"]
    assert person.recall >= 0.90, format_report(report())
    assert person.precision >= 0.85, format_report(report())


def test_credentials() -> None:
    assert report().by_type["CREDENTIAL"].recall >= 0.97, format_report(report())


def test_structured_types_together() -> None:
    together = Counts()
    for name in STRUCTURED:
        counts = report().by_type[name]
        together.labelled += counts.labelled
        together.found += counts.found
    assert together.recall >= 0.98, format_report(report())


def test_negative_traps_survive() -> None:
    assert report().trap_survival >= 0.95, format_report(report())
