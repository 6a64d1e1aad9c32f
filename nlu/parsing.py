"""Parsing messages with the trained Rasa model from the app env.

`nlu/` cannot import Rasa (ARCHITECTURE.md), so `BotEnvParser` runs `bot.nlu_worker` in the
bot env and exchanges JSON Lines with it; `ServerParser` asks a running Rasa server's
`/model/parse` instead. Both return what the bot itself would make of the text: the
`FallbackClassifier` of the pipeline already turns an untrusted top intent into
`nlu_fallback`.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol, Self

import httpx

FALLBACK_INTENT = "nlu_fallback"
WORKER_MODULE = "bot.nlu_worker"


class ParserError(RuntimeError):
    """The parser could not start or answer; the message says why."""


@dataclass(frozen=True)
class Understanding:
    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...] = ()
    entities: tuple[dict[str, Any], ...] = field(default=())

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Understanding:
        intent = data.get("intent")
        name = intent.get("name") if isinstance(intent, Mapping) else intent
        confidence = (
            intent.get("confidence") if isinstance(intent, Mapping) else data.get("confidence")
        )
        return cls(
            intent=str(name or FALLBACK_INTENT),
            confidence=float(confidence or 0.0),
            ranking=tuple(
                (str(item.get("name")), float(item.get("confidence") or 0.0))
                for item in data.get("intent_ranking") or []
            ),
            entities=tuple(
                {key: entity.get(key) for key in ("entity", "value", "start", "end")}
                for entity in data.get("entities") or []
            ),
        )


class Parser(Protocol):
    def parse(self, text: str) -> Understanding: ...

    def close(self) -> None: ...


class BotEnvParser:
    """A `bot.nlu_worker` process with the model loaded; one request at a time."""

    def __init__(
        self,
        model: Path,
        *,
        bot_env: Path,
        project_root: Path,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        python = bot_env / "bin" / "python"
        if not python.exists():
            raise ParserError(f"{python} does not exist: run 'make install' first")
        if not model.exists():
            raise ParserError(f"no model at {model}: run 'make train' first")
        env = dict(environment if environment is not None else os.environ)
        env.setdefault("PYTHONPATH", str(project_root))
        env["RASA_TELEMETRY_ENABLED"] = "false"
        self._process = subprocess.Popen(  # noqa: S603 (our bot env, fixed arguments)
            [str(python), "-m", WORKER_MODULE, str(model)],
            cwd=project_root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        ready = self._read()
        if not ready.get("ready"):
            self.close()
            raise ParserError(f"the NLU worker did not start: {ready}")
        self.model_id = str(ready.get("model_id"))

    def _read(self) -> dict[str, Any]:
        stdout: IO[str] | None = self._process.stdout
        line = stdout.readline() if stdout is not None else ""
        if not line:
            code = self._process.poll()
            raise ParserError(f"the NLU worker stopped (exit code {code})")
        data: dict[str, Any] = json.loads(line)
        return data

    def parse(self, text: str) -> Understanding:
        stdin = self._process.stdin
        if stdin is None:
            raise ParserError("the NLU worker is closed")
        try:
            stdin.write(json.dumps({"text": text}) + "\n")
            stdin.flush()
        except BrokenPipeError as error:
            raise ParserError("the NLU worker stopped") from error
        answer = self._read()
        if "error" in answer:
            raise ParserError(str(answer["error"]))
        return Understanding.from_json(answer)

    def close(self) -> None:
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class ServerParser:
    """A running Rasa server's `POST /model/parse` (loopback only, like every Rasa server)."""

    def __init__(self, url: str, *, timeout_seconds: float = 10.0) -> None:
        self._client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout_seconds)

    def parse(self, text: str) -> Understanding:
        if text.startswith("/"):
            text = "\u2215" + text[1:]
        try:
            response = self._client.post("/model/parse", json={"text": text})
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise ParserError(f"Rasa did not answer /model/parse: {error}") from error
        return Understanding.from_json(response.json())

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
