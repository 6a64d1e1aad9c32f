"""`lotse pii …`: redaction as a JSON Lines tool (ARCHITECTURE.md), for batch use and evaluation."""

from __future__ import annotations

import sys
from typing import Any

import typer

from nlu.cli import run_json_lines
from nlu.language import parse_language
from pii.redactor import redact

pii_app = typer.Typer(help="Personal data: detection and redaction.", no_args_is_help=True)


def analyze_item(item: dict[str, Any]) -> dict[str, Any]:
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('each object needs a "text" string')
    language = item.get("language")
    if language is not None and parse_language(language) is None:
        raise ValueError(f"unsupported language {language!r}")
    redaction = redact(text, language=language)
    entities = [
        {"start": entity.start, "end": entity.end, "type": entity.type, "score": entity.score}
        for entity in redaction.entities
    ]
    return {**item, "entities": entities, "redacted": redaction.text}


@pii_app.command("analyze")
def analyze_command() -> None:
    """Reads {"text", "language"?} per line on stdin; writes each with "entities" (start, end,
    type, score; offsets into the text) and "redacted" added. Exit code 1 if any line was bad."""
    failures = run_json_lines(sys.stdin.buffer, sys.stdout, sys.stderr, analyze_item)
    raise typer.Exit(code=1 if failures else 0)
