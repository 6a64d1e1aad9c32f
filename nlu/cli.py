"""`lotse lang …`: language detection as a JSON Lines tool (ARCHITECTURE.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from nlu.evaluation import load_split, predict, regressions, score, summary, table, write_json
from nlu.language import LanguageDetector, parse_language
from nlu.language_evaluation import evaluate_languages, language_table, read_short_messages
from nlu.parsing import BotEnvParser, Parser, ParserError, ServerParser
from nlu.report import write_confusion_png, write_html

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


nlu_app = typer.Typer(help="The bot's language understanding.", no_args_is_help=True)


def _bot_env_parser(model: Path | None) -> BotEnvParser:
    """A worker with `model`, or with the model for the current bot/ and data/ (trained first
    if there is none: `lotse train`)."""
    # The switchboard owns training and settings; nlu/ uses them only from its CLI.
    from escalation.settings import PROJECT_ROOT, load_settings
    from escalation.training import bot_env_environment, ensure_model

    settings = load_settings()
    if model is None:
        typer.echo("Checking the model (training it if bot/ or data/ changed)…", err=True)
        model, _ = ensure_model(
            bot_env=settings.bot_env,
            models_dir=settings.models_dir,
            log_dir=settings.var_dir / "log",
        )
    return BotEnvParser(
        model,
        bot_env=settings.bot_env,
        project_root=PROJECT_ROOT,
        environment=bot_env_environment(),
    )


def parse_item(parser: Parser, detector: LanguageDetector, item: dict[str, Any]) -> dict[str, Any]:
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('each object needs a non-empty "text" string')
    given = item.get("language")
    language = parse_language(given)
    if given is not None and language is None:
        raise ValueError(f"unsupported language {given!r}")
    if language is None:
        language = detector.detect(text).language
    understanding = parser.parse(text)
    return {
        **item,
        "intent": understanding.intent,
        "confidence": understanding.confidence,
        "language": language,
    }


@nlu_app.command("parse")
def parse_command(
    model: Annotated[
        Path | None, typer.Option(help="A trained model (default: the current one).")
    ] = None,
    rasa_url: Annotated[
        str | None, typer.Option(help="Ask a running Rasa server's /model/parse instead.")
    ] = None,
) -> None:
    """Reads {"text", "language"?} per line on stdin; writes each with "intent",
    "confidence" and "language" added. The intent is final: `nlu_fallback` when the bot would
    not trust its top intent. Exit code 1 if any line was bad."""
    try:
        parser: BotEnvParser | ServerParser = (
            ServerParser(rasa_url) if rasa_url else _bot_env_parser(model)
        )
    except (ParserError, RuntimeError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from error
    detector = LanguageDetector()
    with parser:
        failures = run_json_lines(
            sys.stdin.buffer,
            sys.stdout,
            sys.stderr,
            lambda item: parse_item(parser, detector, item),
        )
    raise typer.Exit(code=1 if failures else 0)


def eval_command(
    data: Annotated[Path, typer.Option(help="The held-out split: <language>.yml files.")] = Path(
        "tests/data/nlu"
    ),
    short_messages: Annotated[
        Path, typer.Option(help="One- and two-word messages in conversations (JSON Lines).")
    ] = Path("tests/data/language/short_messages.jsonl"),
    out: Annotated[Path, typer.Option(help="Where the report files go.")] = Path("var/eval/nlu"),
    model: Annotated[
        Path | None, typer.Option(help="A trained model (default: train or reuse the current).")
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option(help="Fail if a metric falls clearly below the figures in this JSON file."),
    ] = None,
    tolerance: Annotated[float, typer.Option(help="How far below counts as clear.")] = 0.02,
    record: Annotated[
        Path | None, typer.Option(help="Write the figures to this JSON file (to check later).")
    ] = None,
) -> None:
    """Trains on data/ (unless the current model exists) and evaluates on the held-out split:
    intent accuracy, macro-F1, out-of-scope recall and in-scope accuracy per language, a
    confusion matrix (PNG) and an HTML report; plus language identification."""
    try:
        split = load_split(data)
        cases = read_short_messages(short_messages)
        recorded = json.loads(check.read_text(encoding="utf-8")) if check else None
    except (OSError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from error
    try:
        parser = _bot_env_parser(model)
    except (ParserError, RuntimeError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from error
    with parser:
        predictions = {language: predict(parser, split[language]) for language in split}
    reports = [score(language, items) for language, items in predictions.items()]
    languages = evaluate_languages(LanguageDetector(), split, cases)
    for language, items in predictions.items():
        write_confusion_png(language, items, out / f"confusion-{language}.png")
    write_json(reports, out / "nlu.json")
    write_html(reports, languages, out / "report.html", model_id=parser.model_id)
    typer.echo(table(reports))
    typer.echo("")
    typer.echo(language_table(languages))
    typer.echo(f"\nreport: {out / 'report.html'}")
    if record is not None:
        record.write_text(json.dumps(summary(reports), indent=2) + "\n", encoding="utf-8")
    if recorded is not None:
        problems = regressions(reports, recorded, tolerance)
        for problem in problems:
            typer.echo(f"REGRESSION {problem}", err=True)
        if problems:
            raise typer.Exit(code=1)
