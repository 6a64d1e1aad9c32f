"""The NLU evaluation's files: a confusion matrix per language (PNG) and an HTML report."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from nlu.evaluation import LanguageReport, Prediction
from nlu.language_evaluation import LanguageScore
from nlu.parsing import FALLBACK_INTENT


def confusion_matrix(
    predictions: Sequence[Prediction],
) -> tuple[list[str], list[list[int]]]:
    """Rows: expected intents; columns: the same plus `nlu_fallback` (as predicted)."""
    expected = sorted({p.expected for p in predictions})
    columns = [*expected, *sorted({p.predicted for p in predictions} - set(expected))]
    if FALLBACK_INTENT in columns:
        columns.remove(FALLBACK_INTENT)
        columns.append(FALLBACK_INTENT)
    counts = Counter((p.expected, p.predicted) for p in predictions)
    return columns, [[counts[(row, column)] for column in columns] for row in expected]


def write_confusion_png(language: str, predictions: Sequence[Prediction], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns, matrix = confusion_matrix(predictions)
    rows = sorted({p.expected for p in predictions})
    size = max(6.0, 0.32 * len(columns) + 2)
    figure, axes = plt.subplots(figsize=(size, size * len(rows) / len(columns) + 1))
    axes.imshow(
        [[value / max(1, sum(row)) for value in row] for row in matrix], cmap="Blues", vmin=0
    )
    axes.set_xticks(range(len(columns)), labels=columns, rotation=90, fontsize=7)
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=7)
    axes.set_xlabel("predicted")
    axes.set_ylabel("expected")
    axes.set_title(f"NLU confusion matrix ({language})")
    for y, row in enumerate(matrix):
        for x, value in enumerate(row):
            if value:
                colour = "white" if value > 0.6 * max(1, sum(row)) else "black"
                axes.text(x, y, str(value), ha="center", va="center", fontsize=6, color=colour)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _row(cells: Sequence[object], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(str(cell))}</{tag}>" for cell in cells) + "</tr>"


def write_html(
    reports: Sequence[LanguageReport],
    languages: Sequence[LanguageScore],
    path: Path,
    *,
    model_id: str,
) -> None:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Lotse NLU evaluation</title><style>body{font-family:sans-serif;margin:2em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        "padding:2px 8px;text-align:left}img{max-width:100%}</style></head><body>",
        f"<h1>NLU evaluation</h1><p>Model {html.escape(model_id)}; held-out split "
        "<code>tests/data/nlu/</code>. A fallback on an out-of-scope example counts as right.</p>",
        "<table>",
        _row(["language", "examples", "accuracy", "macro-F1", "OOS recall", "in-scope accuracy",
              "fallback rate"], "th"),
    ]  # fmt: skip
    for r in reports:
        parts.append(
            _row([r.language, r.examples, r.accuracy, r.macro_f1, r.oos_recall,
                  r.in_scope_accuracy, r.fallback_rate])
        )  # fmt: skip
    parts.append("</table><h2>Language identification</h2><table>")
    parts.append(_row(["messages", "cases", "Lotse", "raw langdetect"], "th"))
    for item in languages:
        parts.append(_row([item.name, item.cases, item.accuracy, item.baseline_accuracy]))
    parts.append("</table>")
    for r in reports:
        parts.append(f"<h2>{html.escape(r.language)}</h2>")
        parts.append(f"<img src='confusion-{html.escape(r.language)}.png' alt='confusion matrix'>")
        parts.append("<table>" + _row(["intent", "support", "precision", "recall", "F1"], "th"))
        parts.extend(_row([s.intent, s.support, s.precision, s.recall, s.f1]) for s in r.intents)
        parts.append("</table><h3>Errors</h3><table>")
        parts.append(_row(["text", "expected", "predicted", "confidence"], "th"))
        parts.extend(_row([e.text, e.expected, e.predicted, e.confidence]) for e in r.errors)
        parts.append("</table>")
    parts.append("</body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
