"""The trained bot itself: clean training data, conversation tests, NLU figures, `nlu parse`.

One model per session (the `trained_model` fixture); each check runs the bot env's Rasa or
the `lotse` CLI the way CI and trainers do.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from escalation.settings import PROJECT_ROOT
from escalation.training import TrainingInputs, bot_env_environment

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

RASA = PROJECT_ROOT / ".venv-bot" / "bin" / "rasa"
LOTSE = PROJECT_ROOT / ".venv" / "bin" / "lotse"
RECORDED = PROJECT_ROOT / "tests" / "data" / "nlu" / "recorded.json"


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False, **kwargs
    )


def data_arguments() -> list[str]:
    return [str(path) for path in TrainingInputs.default().data_paths()]


def test_rasa_data_validate_is_clean() -> None:
    result = run(
        [str(RASA), "data", "validate", "--fail-on-warnings",
         "--domain", "bot/domain", "--config", "bot/config.yml", "--data", *data_arguments()],
        env=bot_env_environment(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_tests_pass(trained_model: Path, tmp_path: Path) -> None:
    result = run(
        [str(RASA), "test", "core", "--model", str(trained_model),
         "--stories", "data/tests", "--out", str(tmp_path), "--fail-on-prediction-errors"],
        env=bot_env_environment(),
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else result.stdout[-4000:]
    assert result.returncode == 0, details


def test_nlu_evaluation_shows_no_regression(trained_model: Path, tmp_path: Path) -> None:
    result = run(
        [str(LOTSE), "eval", "nlu", "--model", str(trained_model), "--out", str(tmp_path),
         "--check", str(RECORDED)],
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "report.html").exists()
    assert (tmp_path / "confusion-de.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "confusion-en.png").read_bytes().startswith(b"\x89PNG")


def test_nlu_parse_gives_the_final_intent_and_an_error_line_per_bad_line(
    trained_model: Path,
) -> None:
    lines = [
        {"text": "mein VPN bricht ständig ab"},
        {"text": "my printer is offline", "language": "en"},
        "not json",
        {"text": "wie wird das wetter morgen in köln"},
        {"text": "ok", "language": "fr"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    result = run([str(LOTSE), "nlu", "parse", "--model", str(trained_model)], input=stdin)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]

    assert result.returncode == 1
    assert len(outputs) == len(lines)
    assert outputs[0]["intent"] == "vpn_problem"
    assert outputs[0]["language"] == "de"
    assert outputs[1]["intent"] == "printer_problem"
    assert outputs[1]["language"] == "en"
    assert 0 <= outputs[1]["confidence"] <= 1
    assert outputs[2]["error"].startswith("invalid JSON")
    assert outputs[3]["intent"] in ("nlu_fallback", "out_of_scope")
    assert outputs[3]["language"] == "de"
    assert "unsupported language" in outputs[4]["error"]


def test_keyboard_mashes_are_not_understood_as_issues(trained_model: Path) -> None:
    mashes = ["asdfghjk", "jjjjjjjj", "qwertzu", "sdkjfh sdkfj"]
    result = run(
        [str(LOTSE), "nlu", "parse", "--model", str(trained_model)],
        input="\n".join(json.dumps({"text": text}) for text in mashes),
    )
    intents = [json.loads(line)["intent"] for line in result.stdout.splitlines()]
    assert len(intents) == len(mashes)
    assert set(intents) <= {"nlu_fallback", "out_of_scope"}, dict(zip(mashes, intents, strict=True))
