"""Evaluation of the redactor on a labelled set: per-type precision, recall and F2.

Entity-level with overlap matching, as presidio-research counts: a labelled entity is found
when a prediction of the same type overlaps it; a prediction is correct when it overlaps a
labelled entity of the same type. "Any PII" ignores the type (what matters for a leak: was it
redacted at all?). Traps are labelled non-personal strings (error codes, versions, hostnames)
that must survive; a trap counts as untouched when no prediction overlaps it.

Data: JSON Lines, one message per line:
`{"id", "language", "text", "entities": [{"start", "end", "type"}], "traps": [{"start", "end",
"kind"}]}` (see tests/data/pii/README.md).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlu.language import Language, parse_language
from pii.redactor import Detected, Redactor

ANY_TYPE = "ANY_PII"


class EvaluationDataError(ValueError):
    """The labelled file cannot be used; the message names the line and the problem."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str

    def overlaps(self, other: Span | Detected) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Example:
    id: str
    language: Language
    text: str
    entities: tuple[Span, ...]
    traps: tuple[Span, ...]


@dataclass
class Counts:
    labelled: int = 0
    found: int = 0  # labelled entities with an overlapping prediction of the type
    predicted: int = 0
    correct: int = 0  # predictions overlapping a labelled entity of the type

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def f2(self) -> float:
        precision, recall = self.precision, self.recall
        if precision == 0 and recall == 0:
            return 0.0
        return 5 * precision * recall / (4 * precision + recall)


@dataclass
class Report:
    messages: int = 0
    by_type: dict[str, Counts] = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)  # type-agnostic
    traps: int = 0
    traps_untouched: int = 0
    trap_kinds_touched: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def trap_survival(self) -> float:
        return self.traps_untouched / self.traps if self.traps else 1.0

    def as_dict(self) -> dict[str, Any]:
        def figures(counts: Counts) -> dict[str, Any]:
            return {
                "labelled": counts.labelled,
                "predicted": counts.predicted,
                "precision": round(counts.precision, 4),
                "recall": round(counts.recall, 4),
                "f2": round(counts.f2, 4),
            }

        return {
            "messages": self.messages,
            "types": {name: figures(counts) for name, counts in sorted(self.by_type.items())},
            ANY_TYPE: figures(self.overall),
            "traps": {
                "total": self.traps,
                "untouched": self.traps_untouched,
                "survival": round(self.trap_survival, 4),
                "touched_by_kind": dict(self.trap_kinds_touched),
            },
        }


def load_examples(path: Path) -> list[Example]:
    """Reads and checks a labelled file (offsets inside the text, known languages)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationDataError(f"{path}: cannot read ({error})") from error
    examples = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            examples.append(_example(json.loads(line), number))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise EvaluationDataError(f"{path}:{number}: {error}") from error
    if not examples:
        raise EvaluationDataError(f"{path}: no examples")
    return examples


def _example(item: dict[str, Any], number: int) -> Example:
    text = item["text"]
    if not isinstance(text, str):
        raise TypeError('"text" must be a string')
    language = parse_language(item.get("language"))
    if language is None:
        raise ValueError(f"unsupported language {item.get('language')!r}")

    def spans(key: str, type_key: str) -> tuple[Span, ...]:
        result = []
        for raw in item.get(key, []):
            span = Span(int(raw["start"]), int(raw["end"]), str(raw[type_key]))
            if not 0 <= span.start < span.end <= len(text):
                raise ValueError(f"{key} span {span.start}-{span.end} is outside the text")
            result.append(span)
        return tuple(result)

    return Example(
        id=str(item.get("id", number)),
        language=language,
        text=text,
        entities=spans("entities", "type"),
        traps=spans("traps", "kind"),
    )


def evaluate(redactor: Redactor, examples: Iterable[Example]) -> Report:
    report = Report()
    for example in examples:
        predicted = redactor.detect(example.text, language=example.language)
        _score(report, example, predicted)
    return report


def _score(report: Report, example: Example, predicted: Sequence[Detected]) -> None:
    report.messages += 1
    for entity in example.entities:
        counts = report.by_type.setdefault(entity.type, Counts())
        counts.labelled += 1
        report.overall.labelled += 1
        if any(entity.overlaps(p) and p.type == entity.type for p in predicted):
            counts.found += 1
        else:
            report.misses.append(_describe(example, entity.type, entity))
        if any(entity.overlaps(p) for p in predicted):
            report.overall.found += 1
    for prediction in predicted:
        counts = report.by_type.setdefault(prediction.type, Counts())
        counts.predicted += 1
        report.overall.predicted += 1
        if any(e.overlaps(prediction) and e.type == prediction.type for e in example.entities):
            counts.correct += 1
        else:
            report.false_alarms.append(_describe(example, prediction.type, prediction))
        if any(e.overlaps(prediction) for e in example.entities):
            report.overall.correct += 1
    for trap in example.traps:
        report.traps += 1
        if any(trap.overlaps(p) for p in predicted):
            report.trap_kinds_touched[trap.type] += 1
        else:
            report.traps_untouched += 1


def _describe(example: Example, entity_type: str, span: Span | Detected) -> dict[str, Any]:
    return {
        "id": example.id,
        "type": entity_type,
        "value": example.text[span.start : span.end],
    }


def format_report(report: Report) -> str:
    """A plain-text table: one row per type, then any PII and the traps."""
    rows = [
        f"{'type':<20} {'labelled':>8} {'predicted':>9} {'precision':>9} {'recall':>7} {'F2':>6}"
    ]
    for name, counts in sorted(report.by_type.items()):
        rows.append(_row(name, counts))
    rows.append(_row(ANY_TYPE, report.overall))
    rows.append(
        f"traps untouched: {report.traps_untouched}/{report.traps} "
        f"({report.trap_survival:.3f}); messages: {report.messages}"
    )
    return "\n".join(rows)


def _row(name: str, counts: Counts) -> str:
    return (
        f"{name:<20} {counts.labelled:>8} {counts.predicted:>9} {counts.precision:>9.3f} "
        f"{counts.recall:>7.3f} {counts.f2:>6.3f}"
    )
