"""The NLU evaluation's arithmetic, report files and regression check, with a stand-in parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlu.evaluation import (
    Prediction,
    load_split,
    predict,
    regressions,
    score,
    summary,
    table,
    write_json,
)
from nlu.language import LanguageDetector
from nlu.language_evaluation import (
    LanguageCase,
    evaluate_languages,
    read_short_messages,
    score_cases,
)
from nlu.parsing import Understanding
from nlu.report import confusion_matrix, write_confusion_png, write_html
from nlu.training_data import Example, normalise, read_examples, strip_annotations


class TableParser:
    """Answers from a dict; unknown text falls back."""

    def __init__(self, answers: dict[str, tuple[str, float]]) -> None:
        self.answers = answers

    def parse(self, text: str) -> Understanding:
        intent, confidence = self.answers.get(text, ("nlu_fallback", 0.2))
        return Understanding(intent, confidence)

    def close(self) -> None:
        pass


def p(expected: str, predicted: str) -> Prediction:
    return Prediction(
        text=f"{expected}->{predicted}", expected=expected, predicted=predicted, confidence=0.9
    )


def test_a_fallback_is_right_for_out_of_scope_and_wrong_for_everything_else() -> None:
    report = score(
        "de",
        [
            p("vpn_problem", "vpn_problem"),
            p("vpn_problem", "nlu_fallback"),
            p("out_of_scope", "nlu_fallback"),
            p("out_of_scope", "out_of_scope"),
            p("out_of_scope", "printer_problem"),
            p("printer_problem", "out_of_scope"),
        ],
    )
    assert report.accuracy == pytest.approx(3 / 6, abs=1e-4)
    assert report.oos_recall == pytest.approx(2 / 3, abs=1e-4)
    assert report.in_scope_accuracy == pytest.approx(1 / 3, abs=1e-4)
    assert report.fallback_rate == pytest.approx(2 / 6, abs=1e-4)
    assert len(report.errors) == 3


def test_macro_f1_averages_the_intents_of_the_split() -> None:
    report = score("en", [p("a", "a"), p("a", "b"), p("b", "b"), p("b", "b")])
    scores = {s.intent: s for s in report.intents}
    assert scores["a"].precision == 1.0
    assert scores["a"].recall == 0.5
    assert scores["b"].precision == pytest.approx(2 / 3, abs=1e-4)
    assert scores["b"].recall == 1.0
    f1_a, f1_b = 2 / 3, 0.8
    assert report.macro_f1 == pytest.approx((f1_a + f1_b) / 2, abs=1e-4)


def test_predict_uses_the_parser() -> None:
    parser = TableParser({"drucker kaputt": ("printer_problem", 0.97)})
    predictions = predict(
        parser, [Example("drucker kaputt", "printer_problem"), Example("xyz", "out_of_scope")]
    )
    assert [(x.predicted, x.correct) for x in predictions] == [
        ("printer_problem", True),
        ("nlu_fallback", True),
    ]


def test_regressions_name_each_metric_clearly_below_the_record() -> None:
    report = score("de", [p("a", "a"), p("a", "b")])
    recorded = {"de": {"accuracy": 0.9, "macro_f1": 0.2, "oos_recall": 0.0}}
    problems = regressions([report], recorded, tolerance=0.02)
    assert len(problems) == 1
    assert problems[0].startswith("de accuracy: 0.500 < recorded 0.900")
    assert regressions([report], {"de": {"accuracy": 0.51}}, tolerance=0.02) == []
    assert regressions([report], {}, tolerance=0.02) == []


def test_report_files(tmp_path: Path) -> None:
    predictions = [p("a", "a"), p("a", "nlu_fallback"), p("out_of_scope", "a")]
    report = score("de", predictions)
    write_json([report], tmp_path / "nlu.json")
    write_confusion_png("de", predictions, tmp_path / "confusion-de.png")
    languages = [
        score_cases("x", LanguageDetector(), [LanguageCase("Hallo zusammen, wie geht's", "de")])
    ]  # type: ignore[arg-type]
    write_html([report], languages, tmp_path / "report.html", model_id="m1")

    assert json.loads((tmp_path / "nlu.json").read_text())[0]["language"] == "de"
    assert (tmp_path / "confusion-de.png").read_bytes().startswith(b"\x89PNG")
    page = (tmp_path / "report.html").read_text()
    assert "confusion-de.png" in page
    assert "m1" in page
    assert summary([report])["de"]["accuracy"] == report.accuracy
    assert "de" in table([report])


def test_report_html_escapes_message_text(tmp_path: Path) -> None:
    attack = "<img src=x onerror=alert(1)>"
    report = score("en", [Prediction(attack, "a", "b", 0.5)])
    write_html([report], [], tmp_path / "report.html", model_id="m")
    page = (tmp_path / "report.html").read_text()
    assert attack not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_confusion_matrix_puts_the_fallback_last() -> None:
    columns, matrix = confusion_matrix([p("b", "nlu_fallback"), p("a", "a"), p("a", "c")])
    assert columns == ["a", "b", "c", "nlu_fallback"]
    assert matrix == [[1, 0, 1, 0], [0, 0, 0, 1]]


def test_annotations_are_stripped_and_examples_normalised(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n  - intent: software_problem\n    examples: |\n'
        "      - [Outlook](application) stürzt ab\n      - Teams  HÄNGT\n"
        "  - lookup: application\n    examples: |\n      - Outlook\n",
        encoding="utf-8",
    )
    examples = read_examples(path)
    assert [e.text for e in examples] == ["Outlook stürzt ab", "Teams  HÄNGT"]
    assert normalise("Teams  HÄNGT") == "teams hängt"
    assert strip_annotations('[SAP]{"entity": "application"} hängt') == "SAP hängt"


def test_load_split_needs_language_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_split(tmp_path)


def test_short_messages_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "short.jsonl"
    path.write_text(
        '{"text": "ok", "previous_language": "de", "language": "de"}\n\n', encoding="utf-8"
    )
    assert read_short_messages(path) == [LanguageCase("ok", "de", "de")]  # type: ignore[arg-type]
    path.write_text(
        '{"text": "ok", "language": "fr", "previous_language": "de"}\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"short\.jsonl:1"):
        read_short_messages(path)


def test_language_evaluation_counts_each_kind_of_message() -> None:
    split = {
        "de": [
            Example("mein Drucker druckt nicht mehr", "printer_problem"),
            Example("danke", "thank"),
        ],
        "en": [Example("my printer does not print anymore", "printer_problem")],
    }
    scores = evaluate_languages(
        LanguageDetector(),
        split,
        [LanguageCase("ok", "en", "en")],  # type: ignore[arg-type]
    )
    assert [s.cases for s in scores] == [2, 2, 1]
    assert scores[0].accuracy == 1.0
    assert scores[2].accuracy == 1.0
