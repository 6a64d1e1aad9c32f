"""Switchboard vs bare Rasa: latency of the same conversation turns, in one run.

Starts `lotse serve` (switchboard + supervised Rasa, trained model required) on free loopback
ports, then sends identical conversations (a) through the switchboard's Rasa-compatible REST
channel — language detection, redaction, storage, bot turn, storage of the replies — and (b)
straight to the Rasa server's REST channel with the same metadata. Rounds of the two paths
alternate so that load drift hits both alike. Reports p50/p95 per path and the ratios,
sequentially and with 20 concurrent conversations, plus the cold start to a ready bot.

    make bench            # or: .venv/bin/python benchmarks/bench_switchboard.py --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from escalation.settings import PROJECT_ROOT
from escalation.training import ensure_model
from tests.support.live_server import LiveServer, start_live_server

CONVERSATIONS = {
    "de": [
        "Hallo",
        "ich habe mein Passwort vergessen",
        "ja, hat geklappt",
        "danke dir",
        "mein VPN bricht ständig ab",
        "ja",
        "tschüss",
    ],
    "en": [
        "hi there",
        "i forgot my password",
        "yes that worked",
        "thanks",
        "my vpn keeps dropping",
        "yes",
        "bye",
    ],
}


@dataclass
class Series:
    name: str
    seconds: list[float] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        index = min(len(ordered) - 1, round(share * (len(ordered) - 1)))
        return ordered[index] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95(self) -> float:
        return self.percentile(0.95)


async def run_conversation(
    http: httpx.AsyncClient, server: LiveServer, *, direct: bool, language: str, series: Series
) -> None:
    sender = f"bench-{uuid.uuid4()}"
    for text in CONVERSATIONS[language]:
        if direct:
            url = f"{server.rasa_url}/webhooks/rest/webhook"
            body = {"sender": sender, "message": text, "metadata": {"language": language}}
            headers = {}
        else:
            url = f"{server.url}/webhooks/rest/webhook"
            body = {"sender": sender, "message": text, "metadata": {"locale": language}}
            headers = {"Authorization": f"Bearer {server.channel_token}"}
        started = time.perf_counter()
        response = await http.post(url, json=body, headers=headers)
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        if not response.json():
            raise RuntimeError(f"empty answer from {'rasa' if direct else 'switchboard'}")
        series.seconds.append(elapsed)


async def measure(server: LiveServer, *, rounds: int, concurrency: int) -> tuple[Series, Series]:
    switchboard, rasa = Series("switchboard"), Series("bare Rasa")
    limits = httpx.Limits(max_connections=concurrency * 2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        for warmup in (True, False):
            for _ in range(1 if warmup else rounds):
                for direct, series in ((False, switchboard), (True, rasa)):
                    target = Series("warm-up") if warmup else series
                    await asyncio.gather(
                        *(
                            run_conversation(
                                http,
                                server,
                                direct=direct,
                                language=("de", "en")[index % 2],
                                series=target,
                            )
                            for index in range(concurrency)
                        )
                    )
    return switchboard, rasa


def report(title: str, switchboard: Series, rasa: Series) -> dict[str, float]:
    ratio_p50 = switchboard.p50 / rasa.p50
    ratio_p95 = switchboard.p95 / rasa.p95
    print(f"\n{title} ({len(switchboard.seconds)} turns per path)")
    print(f"  {'path':<12} {'p50 ms':>8} {'p95 ms':>8}")
    for series in (switchboard, rasa):
        print(f"  {series.name:<12} {series.p50:8.1f} {series.p95:8.1f}")
    print(f"  {'ratio':<12} {ratio_p50:8.2f}x {ratio_p95:7.2f}x   (target ≤ 1.30x)")
    return {
        "switchboard_p50_ms": switchboard.p50,
        "switchboard_p95_ms": switchboard.p95,
        "rasa_p50_ms": rasa.p50,
        "rasa_p95_ms": rasa.p95,
        "ratio_p50": ratio_p50,
        "ratio_p95": ratio_p95,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per scenario")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "bench-results")
    arguments = parser.parse_args()

    ensure_model(
        bot_env=PROJECT_ROOT / ".venv-bot",
        models_dir=PROJECT_ROOT / "models",
        log_dir=PROJECT_ROOT / "var" / "log",
    )
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as directory:
        started = time.monotonic()
        server = start_live_server(Path(directory) / "var")
        try:
            server.wait_for_bot("ready")
            cold_start = time.monotonic() - started
            print(f"cold start to a ready bot (trained model): {cold_start:.1f} s (target < 60 s)")
            results: dict[str, object] = {"cold_start_seconds": cold_start}
            sequential = asyncio.run(measure(server, rounds=arguments.rounds * 5, concurrency=1))
            results["sequential"] = report("sequential, 1 conversation at a time", *sequential)
            concurrent = asyncio.run(
                measure(server, rounds=arguments.rounds, concurrency=arguments.concurrency)
            )
            results["concurrent"] = report(
                f"{arguments.concurrency} concurrent conversations", *concurrent
            )
        finally:
            server.stop()
    arguments.output.mkdir(exist_ok=True)
    path = arguments.output / f"switchboard-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
