"""Training the Rasa model in the bot env, skipped when the current content is trained.

A model is named by a fingerprint of everything that shapes it: the Rasa config and domain,
the training data, and the bot env's lock file (a different Rasa would train a different
model). `models/lotse-<fingerprint>.tar.gz` existing means there is nothing to do.

The conversation tests in `data/tests/` are not training data: Rasa would otherwise learn
their user messages (end-to-end stories feed the NLU training data), so they are left out of
both the training call and the fingerprint.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from escalation.logging import log_event
from escalation.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)

BOT_DIR = PROJECT_ROOT / "bot"
DATA_DIR = PROJECT_ROOT / "data"
CONVERSATION_TESTS = "tests"
MODEL_PREFIX = "lotse-"
FINGERPRINT_LENGTH = 16


class TrainingFailed(RuntimeError):
    """Rasa training exited with an error; the log file says why."""


@dataclass(frozen=True)
class TrainingInputs:
    config: Path
    domain: Path
    data: Path
    lock_file: Path

    @classmethod
    def default(cls) -> TrainingInputs:
        return cls(
            config=BOT_DIR / "config.yml",
            domain=BOT_DIR / "domain",
            data=DATA_DIR,
            lock_file=BOT_DIR / "requirements.lock",
        )

    def data_paths(self) -> list[Path]:
        """What `rasa train --data` reads: everything in `data/` but the conversation tests."""
        return sorted(path for path in self.data.iterdir() if path.name != CONVERSATION_TESTS)

    def domain_files(self) -> list[Path]:
        return _yaml_files(self.domain) if self.domain.is_dir() else [self.domain]

    def files(self) -> list[Path]:
        data_files = [file for path in self.data_paths() for file in _yaml_files(path)]
        return [self.config, *self.domain_files(), self.lock_file, *data_files]


def _yaml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if path.suffix in (".yml", ".yaml") else []
    return sorted(
        file for file in path.rglob("*") if file.is_file() and file.suffix in (".yml", ".yaml")
    )


def fingerprint(inputs: TrainingInputs) -> str:
    digest = hashlib.sha256()
    root = inputs.config.parent.parent
    for path in inputs.files():
        name = path.relative_to(root) if path.is_relative_to(root) else path
        digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def model_path(models_dir: Path, inputs: TrainingInputs) -> Path:
    return models_dir / f"{MODEL_PREFIX}{fingerprint(inputs)}.tar.gz"


# What bot-env processes inherit from the switchboard's environment: nothing secret. The old,
# unpatched bot env gets only what Rasa needs (ARCHITECTURE.md, security baseline).
INHERITED_VARIABLES = (
    "PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "USER",
    "RASA_CACHE_DIRECTORY", "RASA_MAX_CACHE_SIZE",
)  # fmt: skip


def bot_env_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for bot-env processes: no secrets, no telemetry, `bot` importable."""
    environment = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
    environment.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "PYTHONPATH": str(PROJECT_ROOT),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONUNBUFFERED": "1",
        }
    )
    environment.update(extra or {})
    return environment


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def ensure_model(
    *,
    bot_env: Path,
    models_dir: Path,
    log_dir: Path,
    inputs: TrainingInputs | None = None,
    force: bool = False,
) -> tuple[Path, bool]:
    """Returns the model for the current content and whether it was trained just now.

    Concurrent callers wait for each other (a file lock), so one model is trained once.
    """
    inputs = inputs or TrainingInputs.default()
    target = model_path(models_dir, inputs)
    with _exclusive(models_dir / ".training.lock"):
        if target.exists() and not force:
            return target, False
        rasa = bot_env / "bin" / "rasa"
        if not rasa.exists():
            raise TrainingFailed(f"{rasa} does not exist: run 'make install' first")
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / "train.log"
        fixed_name = target.name.removesuffix(".tar.gz")
        command = [
            str(rasa), "train",
            "--config", str(inputs.config),
            "--domain", str(inputs.domain),
            "--data", *(str(path) for path in inputs.data_paths()),
            "--out", str(models_dir),
            "--fixed-model-name", fixed_name,
        ]  # fmt: skip
        log_event(logger, "training.started", model=target.name, log=str(log_path))
        started = time.perf_counter()
        with log_path.open("w") as log_file:
            completed = subprocess.run(  # noqa: S603 (our own bot env, fixed arguments)
                command,
                cwd=PROJECT_ROOT,
                env=bot_env_environment(),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if completed.returncode != 0 or not target.exists():
            raise TrainingFailed(
                f"Rasa training failed (exit code {completed.returncode}); see {log_path}"
            )
        log_event(
            logger,
            "training.finished",
            model=target.name,
            seconds=round(time.perf_counter() - started, 1),
        )
        return target, True
