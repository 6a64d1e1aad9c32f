"""`lotse train`: the model is named by its content and trained only when that changed."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from escalation.training import TrainingFailed, TrainingInputs, ensure_model, fingerprint

REPO = Path(__file__).resolve().parents[2]

FAKE_RASA = """#!/bin/sh
# Stands in for `rasa train`: writes the model file named by --out and --fixed-model-name.
echo "$@" >> "$(dirname "$0")/calls.log"
[ -e "$(dirname "$0")/fail" ] && { echo "training exploded" >&2; exit 3; }
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift ;;
    --fixed-model-name) name="$2"; shift ;;
  esac
  shift
done
mkdir -p "$out" && echo model > "$out/$name.tar.gz"
"""


@pytest.fixture
def inputs(tmp_path: Path) -> TrainingInputs:
    project = tmp_path / "project"
    shutil.copytree(REPO / "bot", project / "bot", ignore=shutil.ignore_patterns("actions"))
    shutil.copytree(REPO / "data", project / "data")
    return TrainingInputs(
        config=project / "bot" / "config.yml",
        domain=project / "bot" / "domain",
        data=project / "data",
        lock_file=project / "bot" / "requirements.lock",
    )


@pytest.fixture
def bot_env(tmp_path: Path) -> Path:
    rasa = tmp_path / "bot-env" / "bin" / "rasa"
    rasa.parent.mkdir(parents=True)
    rasa.write_text(FAKE_RASA)
    rasa.chmod(rasa.stat().st_mode | stat.S_IXUSR)
    return tmp_path / "bot-env"


def calls(bot_env: Path) -> list[str]:
    log = bot_env / "bin" / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_trains_once_then_reuses_the_model(
    inputs: TrainingInputs, bot_env: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"

    first, trained_first = ensure_model(
        bot_env=bot_env, models_dir=models, log_dir=tmp_path / "log", inputs=inputs
    )
    second, trained_second = ensure_model(
        bot_env=bot_env, models_dir=models, log_dir=tmp_path / "log", inputs=inputs
    )

    assert (trained_first, trained_second) == (True, False)
    assert first == second == models / f"lotse-{fingerprint(inputs)}.tar.gz"
    assert len(calls(bot_env)) == 1
    assert "--fixed-model-name" in calls(bot_env)[0]


def test_changed_training_data_trains_a_new_model(
    inputs: TrainingInputs, bot_env: Path, tmp_path: Path
) -> None:
    before = fingerprint(inputs)
    ensure_model(bot_env=bot_env, models_dir=tmp_path / "m", log_dir=tmp_path, inputs=inputs)
    path = inputs.data / "nlu" / "en" / "smalltalk.yml"
    path.write_text(path.read_text() + "      - hiya there\n")

    model, trained = ensure_model(
        bot_env=bot_env, models_dir=tmp_path / "m", log_dir=tmp_path, inputs=inputs
    )

    assert trained
    assert fingerprint(inputs) != before
    assert model.name == f"lotse-{fingerprint(inputs)}.tar.gz"


def test_the_fingerprint_ignores_files_that_do_not_shape_the_model(
    inputs: TrainingInputs,
) -> None:
    before = fingerprint(inputs)
    (inputs.data / "README.md").write_text("notes")
    (inputs.config.parent / "endpoints.yml").write_text("# changed\n")
    assert fingerprint(inputs) == before


def test_a_failed_training_raises_with_the_log_path(
    inputs: TrainingInputs, bot_env: Path, tmp_path: Path
) -> None:
    (bot_env / "bin" / "fail").touch()
    with pytest.raises(TrainingFailed, match="exit code 3") as failure:
        ensure_model(bot_env=bot_env, models_dir=tmp_path / "m", log_dir=tmp_path, inputs=inputs)
    assert str(tmp_path / "train.log") in str(failure.value)
    assert "training exploded" in (tmp_path / "train.log").read_text()
    assert not list((tmp_path / "m").glob("*.tar.gz"))


def test_a_missing_bot_env_says_what_to_do(inputs: TrainingInputs, tmp_path: Path) -> None:
    with pytest.raises(TrainingFailed, match="make install"):
        ensure_model(
            bot_env=tmp_path / "nothing", models_dir=tmp_path / "m", log_dir=tmp_path, inputs=inputs
        )


def test_bot_env_processes_inherit_no_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    from escalation.training import bot_env_environment

    monkeypatch.setenv("LOTSE_SECRET_KEY", "do-not-pass-this")
    monkeypatch.setenv("LOTSE_DATABASE_URL", "postgresql://lotse:pw@db/lotse")
    environment = bot_env_environment({"LOTSE_ACTION_TOKEN": "only-this"})
    assert "LOTSE_SECRET_KEY" not in environment
    assert "LOTSE_DATABASE_URL" not in environment
    assert environment["LOTSE_ACTION_TOKEN"] == "only-this"
    assert environment["RASA_TELEMETRY_ENABLED"] == "false"
