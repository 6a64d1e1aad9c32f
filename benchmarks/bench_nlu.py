"""Bot NLU: training time, parse latency, and language detection latency, in one run.

- training: `rasa train` of the full model (NLU and rules) from scratch on this machine, the
  way `lotse train` runs it (target: 5 minutes on the 2-core machine);
- parse: the final intent of every held-out test message (tests/data/nlu) through the bot-env
  worker that `lotse nlu parse` uses, model warm; p50/p95/max. Baseline in the same run: the
  same messages through a running Rasa server's HTTP `/model/parse`, which the switchboard's
  own round trip to Rasa resembles;
- language: Lotse's detector against raw langdetect on the same messages.

    make bench     # or: .venv/bin/python benchmarks/bench_nlu.py [--skip-training]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from escalation.settings import PROJECT_ROOT
from escalation.training import bot_env_environment, ensure_model
from nlu.evaluation import load_split
from nlu.language import LanguageDetector
from nlu.language_evaluation import raw_langdetect
from nlu.parsing import BotEnvParser, Parser, ServerParser

BOT_ENV = PROJECT_ROOT / ".venv-bot"
TRAINING_TARGET_SECONDS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):8.2f} {p95:8.2f} {ordered[-1]:8.2f}"


def time_parses(parser: Parser, texts: list[str], rounds: int) -> list[float]:
    for text in texts[:20]:  # warm-up
        parser.parse(text)
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            parser.parse(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def train_from_scratch() -> float:
    """As on a clean clone: no model, and no Rasa training cache (`.rasa/cache`)."""
    with tempfile.TemporaryDirectory() as directory:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(directory) / "cache")
        started = time.perf_counter()
        ensure_model(
            bot_env=BOT_ENV, models_dir=Path(directory), log_dir=Path(directory), force=True
        )
        return time.perf_counter() - started


def rasa_server(model: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        str(BOT_ENV / "bin" / "rasa"), "run", "--enable-api", "--model", str(model),
        "--port", str(port), "-i", "127.0.0.1",
    ]  # fmt: skip
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=bot_env_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_server(parser: ServerParser, deadline_seconds: float = 180) -> None:
    started = time.monotonic()
    while time.monotonic() - started < deadline_seconds:
        try:
            parser.parse("hallo")
            return
        except Exception:
            time.sleep(1)
    raise SystemExit("Rasa server did not start")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--rounds", type=int, default=2)
    arguments.add_argument("--skip-training", action="store_true")
    options = arguments.parse_args()

    if not options.skip_training:
        seconds = train_from_scratch()
        print(
            f"training from scratch: {seconds:.0f} s "
            f"({seconds / TRAINING_TARGET_SECONDS:.2f}x the 5-minute target), "
            f"{os.cpu_count()} CPUs"
        )
    model, _ = ensure_model(
        bot_env=BOT_ENV, models_dir=PROJECT_ROOT / "models", log_dir=PROJECT_ROOT / "var" / "log"
    )
    split = load_split(PROJECT_ROOT / "tests" / "data" / "nlu")
    texts = [example.text for examples in split.values() for example in examples]

    with BotEnvParser(
        model, bot_env=BOT_ENV, project_root=PROJECT_ROOT, environment=bot_env_environment()
    ) as worker:
        worker_ms = time_parses(worker, texts, options.rounds)
    port = free_port()
    server = rasa_server(model, port)
    try:
        with ServerParser(f"http://127.0.0.1:{port}") as http:
            wait_for_server(http)
            server_ms = time_parses(http, texts, options.rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"NLU parse, {len(texts)} held-out messages x {options.rounds}:")
    print(f"{'':34}{'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(f"{'worker (lotse nlu parse)':34}{percentiles(worker_ms)}")
    print(f"{'Rasa /model/parse (baseline)':34}{percentiles(server_ms)}")
    print(
        f"ratio worker/server: p50 "
        f"{statistics.median(worker_ms) / statistics.median(server_ms):.2f}x"
    )

    detector = LanguageDetector()
    lotse_ms: list[float] = []
    raw_ms: list[float] = []
    for text in texts:
        started = time.perf_counter()
        detector.detect(text)
        lotse_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        raw_langdetect(text)
        raw_ms.append((time.perf_counter() - started) * 1000)
    print("language detection:")
    print(f"{'Lotse detector':34}{percentiles(lotse_ms)}")
    print(f"{'raw langdetect (baseline)':34}{percentiles(raw_ms)}")


if __name__ == "__main__":
    main()
