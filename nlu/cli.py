"""`lotse lang …`: language detection as a JSON Lines tool (ARCHITECTURE.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

import typer

from nlu.language import LanguageDetector, parse_language

lang_app = typer.Typer(help="Language detection.", no_args_is_help=True)


def run_json_lines(
    lines: Iterable[str | bytes],
    output: TextIO,
    errors: TextIO,
    handle: Callable[[dict[str, Any]], dict[str, Any]],
) -> int:
    """Applies `handle` to each JSON object, one per line; returns the number of bad lines.

    Every non-blank input line gives exactly one output line, so outputs stay aligned with
    inputs: a bad line gives `{"error": "...", "line": N}` (and a note on stderr).
    """
    failures = 0
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8") if isinstance(line, bytes) else line
            if not text.strip():
                continue
            item = json.loads(text)
            if not isinstance(item, dict):
                raise ValueError("each line must be a JSON object")
            result = json.dumps(handle(item), ensure_ascii=False)
            result.encode("utf-8")  # lone surrogates ("\\ud800") cannot be written out
        except UnicodeError:
            reason = "the line is not valid UTF-8 or holds invalid Unicode (lone surrogates)"
        except json.JSONDecodeError as error:
            reason = f"invalid JSON: {error.msg}"
        except ValueError as error:
            reason = str(error)
        else:
            output.write(result + "\n")
            output.flush()
            continue
        failures += 1
        output.write(json.dumps({"error": reason, "line": number}) + "\n")
        errors.write(f"line {number}: {reason}\n")
    return failures


def detect_item(detector: LanguageDetector, item: dict[str, Any]) -> dict[str, Any]:
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('each object needs a "text" string')
    previous = item.get("previous_language")
    previous_language = parse_language(previous)
    if previous is not None and previous_language is None:
        raise ValueError(f"unsupported previous_language {previous!r}")
    locale = item.get("locale")
    detection = detector.detect(
        text,
        previous_language=previous_language,
        locale=locale if isinstance(locale, str) else None,
    )
    return {**item, "language": detection.language, "confidence": detection.confidence}


@lang_app.command("detect")
def detect_command() -> None:
    """Reads {"text", "previous_language"?, "locale"?} per line on stdin; writes each with
    "language" and "confidence" added. Exit code 1 if any line was bad."""
    detector = LanguageDetector()
    failures = run_json_lines(
        sys.stdin.buffer, sys.stdout, sys.stderr, lambda item: detect_item(detector, item)
    )
    raise typer.Exit(code=1 if failures else 0)
