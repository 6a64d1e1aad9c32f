"""`lotse eval nlu`: intent accuracy, macro-F1 and out-of-scope detection per language.

The held-out split (`tests/data/nlu/<language>.yml`) is never trained on. Definitions:

- **intent accuracy**: the share of examples whose final intent (after the fallback rule) is
  right, where `nlu_fallback` is right for an out-of-scope example — the bot then declines
  to act on it, which is what out-of-scope means — and wrong for every other example;
- **macro-F1**: the mean F1 over the test split's intents, with the same rule;
- **out-of-scope recall**: out-of-scope examples answered `out_of_scope` or `nlu_fallback`;
- **in-scope accuracy**: the accuracy over the other examples (a fallback counts as wrong).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nlu.parsing import FALLBACK_INTENT, Parser
from nlu.training_data import Example, read_examples

OUT_OF_SCOPE = "out_of_scope"
METRICS = ("accuracy", "macro_f1", "oos_recall", "in_scope_accuracy")


@dataclass(frozen=True)
class Prediction:
    text: str
    expected: str
    predicted: str
    confidence: float

    @property
    def scored_as(self) -> str:
        """The prediction as scored: a fallback on an out-of-scope example is right."""
        if self.predicted == FALLBACK_INTENT and self.expected == OUT_OF_SCOPE:
            return OUT_OF_SCOPE
        return self.predicted

    @property
    def correct(self) -> bool:
        return self.scored_as == self.expected


@dataclass(frozen=True)
class IntentScore:
    intent: str
    support: int
    precision: float
    recall: float
    f1: float


@dataclass
class LanguageReport:
    language: str
    examples: int
    accuracy: float
    macro_f1: float
    oos_recall: float
    in_scope_accuracy: float
    fallback_rate: float
    intents: list[IntentScore] = field(default_factory=list)
    errors: list[Prediction] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in METRICS}


def predict(parser: Parser, examples: Iterable[Example]) -> list[Prediction]:
    predictions = []
    for example in examples:
        understanding = parser.parse(example.text)
        predictions.append(
            Prediction(example.text, example.intent, understanding.intent, understanding.confidence)
        )
    return predictions


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def intent_scores(predictions: Sequence[Prediction]) -> list[IntentScore]:
    expected = Counter(p.expected for p in predictions)
    predicted = Counter(p.scored_as for p in predictions)
    right = Counter(p.expected for p in predictions if p.correct)
    scores = []
    for intent in sorted(expected):
        precision = right[intent] / predicted[intent] if predicted[intent] else 0.0
        recall = right[intent] / expected[intent]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(
            IntentScore(
                intent, expected[intent], round(precision, 4), round(recall, 4), round(f1, 4)
            )
        )
    return scores


def score(language: str, predictions: Sequence[Prediction]) -> LanguageReport:
    scores = intent_scores(predictions)
    out_of_scope = [p for p in predictions if p.expected == OUT_OF_SCOPE]
    in_scope = [p for p in predictions if p.expected != OUT_OF_SCOPE]
    return LanguageReport(
        language=language,
        examples=len(predictions),
        accuracy=_ratio(sum(p.correct for p in predictions), len(predictions)),
        macro_f1=round(sum(s.f1 for s in scores) / len(scores), 4) if scores else 0.0,
        oos_recall=_ratio(sum(p.correct for p in out_of_scope), len(out_of_scope)),
        in_scope_accuracy=_ratio(sum(p.correct for p in in_scope), len(in_scope)),
        fallback_rate=_ratio(
            sum(p.predicted == FALLBACK_INTENT for p in predictions), len(predictions)
        ),
        intents=scores,
        errors=[p for p in predictions if not p.correct],
    )


def load_split(directory: Path) -> dict[str, list[Example]]:
    """`<language>.yml` files of the held-out split, by language."""
    split = {path.stem: read_examples(path) for path in sorted(directory.glob("*.yml"))}
    if not split:
        raise FileNotFoundError(f"no <language>.yml test files in {directory}")
    return split


def regressions(
    reports: Sequence[LanguageReport], recorded: dict[str, dict[str, float]], tolerance: float
) -> list[str]:
    """Metrics more than `tolerance` below the recorded figures, as readable lines."""
    problems = []
    for report in reports:
        for name, value in report.metrics().items():
            baseline = recorded.get(report.language, {}).get(name)
            if baseline is not None and value < baseline - tolerance:
                problems.append(
                    f"{report.language} {name}: {value:.3f} < recorded {baseline:.3f} "
                    f"- {tolerance:.3f}"
                )
    return problems


def summary(reports: Sequence[LanguageReport]) -> dict[str, dict[str, float]]:
    return {report.language: report.metrics() for report in reports}


def write_json(reports: Sequence[LanguageReport], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps([asdict(report) for report in reports], ensure_ascii=False, indent=2),
        encoding="utf-8",
    )


def table(reports: Sequence[LanguageReport]) -> str:
    lines = [
        f"{'language':<9}{'examples':>9}{'accuracy':>10}{'macro-F1':>10}"
        f"{'OOS recall':>12}{'in-scope acc':>14}{'fallback':>10}"
    ]
    for r in reports:
        lines.append(
            f"{r.language:<9}{r.examples:>9}{r.accuracy:>10.3f}{r.macro_f1:>10.3f}"
            f"{r.oos_recall:>12.3f}{r.in_scope_accuracy:>14.3f}{r.fallback_rate:>10.3f}"
        )
    return "\n".join(lines)
