"""`lotse pii …` and `lotse eval pii`: redaction as JSON Lines tools (ARCHITECTURE.md), for
batch use and evaluation."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from nlu.cli import run_json_lines
from nlu.language import Language, parse_language
from pii.engine import EngineOptions, shared_analyzer
from pii.evaluation import EvaluationDataError, evaluate, format_report, load_examples
from pii.redactor import LocalNumbering, Redactor, language_of

pii_app = typer.Typer(help="Personal data: detection and redaction.", no_args_is_help=True)

DirectoryOption = Annotated[
    Path | None,
    typer.Option(help="CSV of the organisation's people (see docs/pii.md).", dir_okay=False),
]
EmployeeIdOption = Annotated[
    str | None, typer.Option(help="Regular expression of the organisation's employee ids.")
]


def _redactor(directory: Path | None, employee_id_pattern: str | None) -> Redactor:
    options = EngineOptions(directory_file=directory, employee_id_pattern=employee_id_pattern)
    try:
        return Redactor(shared_analyzer(options))
    except (OSError, ValueError) as error:
        typer.echo(f"Configuration error: {error}", err=True)
        raise typer.Exit(code=2) from error


def _text_and_language(item: dict[str, Any]) -> tuple[str, Language]:
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('each object needs a "text" string')
    language = item.get("language")
    parsed = parse_language(language)
    if language is not None and parsed is None:
        raise ValueError(f"unsupported language {language!r}")
    return text, language_of(text, parsed)


def analyze_item(redactor: Redactor, item: dict[str, Any]) -> dict[str, Any]:
    text, language = _text_and_language(item)
    redaction = redactor.redact(text, language=language)
    entities = [
        {"start": entity.start, "end": entity.end, "type": entity.type, "score": entity.score}
        for entity in redaction.entities
    ]
    return {**item, "entities": entities, "redacted": redaction.text}


def redact_item(
    redactor: Redactor, numberings: dict[str, LocalNumbering], item: dict[str, Any]
) -> dict[str, Any]:
    text, language = _text_and_language(item)
    conversation_id = item.get("conversation_id")
    if conversation_id is not None and not isinstance(conversation_id, str):
        raise ValueError('"conversation_id" must be a string')
    numbering = (
        numberings.setdefault(conversation_id, LocalNumbering()) if conversation_id else None
    )
    redaction = redactor.redact(text, language=language, numbering=numbering)
    return {
        **{key: value for key, value in item.items() if key != "text"},
        "redacted": redaction.text,
        "credentials_removed": redaction.removed_credentials,
    }


def _run(handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    failures = run_json_lines(sys.stdin.buffer, sys.stdout, sys.stderr, handle)
    raise typer.Exit(code=1 if failures else 0)


@pii_app.command("analyze")
def analyze_command(
    directory: DirectoryOption = None, employee_id_pattern: EmployeeIdOption = None
) -> None:
    """Reads {"text", "language"?} per line on stdin; writes each with "entities" (start, end,
    type, score; offsets into the text) and "redacted" added. Exit code 1 if any line was bad."""
    redactor = _redactor(directory, employee_id_pattern)
    _run(lambda item: analyze_item(redactor, item))


@pii_app.command("redact")
def redact_command(
    directory: DirectoryOption = None, employee_id_pattern: EmployeeIdOption = None
) -> None:
    """Reads {"text", "language"?, "conversation_id"?} per line on stdin; writes each with the
    text replaced by "redacted" and "credentials_removed" added. Lines with the same
    "conversation_id" share placeholder numbers. Exit code 1 if any line was bad."""
    redactor = _redactor(directory, employee_id_pattern)
    numberings: dict[str, LocalNumbering] = {}
    _run(lambda item: redact_item(redactor, numberings, item))


def eval_command(
    data: Annotated[
        Path, typer.Option(help="Labelled JSON Lines (tests/data/pii/dev.jsonl).", dir_okay=False)
    ],
    json_output: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON here.")
    ] = None,
    show_errors: Annotated[
        bool, typer.Option(help="List misses and false alarms (prints the labelled values).")
    ] = False,
    directory: DirectoryOption = None,
    employee_id_pattern: EmployeeIdOption = None,
) -> None:
    """Per-type precision, recall and F2 of the redactor on a labelled set, entity-level with
    overlap matching, and how many traps (non-personal look-alikes) survived."""
    try:
        examples = load_examples(data)
    except EvaluationDataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(code=2) from error
    report = evaluate(_redactor(directory, employee_id_pattern), examples)
    typer.echo(format_report(report))
    if show_errors:
        for title, items in (("misses", report.misses), ("false alarms", report.false_alarms)):
            typer.echo(f"\n{title}:")
            for item in items:
                typer.echo(json.dumps(item, ensure_ascii=False))
    if json_output is not None:
        json_output.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
