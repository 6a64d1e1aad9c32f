"""PII engine: start-up, latency per chat message and the switchboard's memory, in one run.

- start-up: building the analyzer (offline NLP engine, lexicons, name lists, recognizers) in a
  fresh interpreter, after the imports, and with them;
- latency: `Redactor.detect()` on every message of up to 300 characters of the labelled set
  (tests/data/pii/dev.jsonl), engine warm; p50/p95/max. Baseline in the same run: Presidio's
  stock recognizers for the same language on the same offline NLP engine;
- hostile input: 2,000-character messages (digits, one repeated character, separators);
- memory: peak RSS of a process that builds the switchboard app (engine included), against the
  same process importing it without building.

    make bench     # or: .venv/bin/python benchmarks/bench_pii.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer import predefined_recognizers as predefined

from escalation.settings import PROJECT_ROOT
from pii.engine import EngineOptions, build_analyzer
from pii.redactor import Redactor

DEV_SET = PROJECT_ROOT / "tests" / "data" / "pii" / "dev.jsonl"
MAX_CHARS = 300
HOSTILE = {
    "digits": "1234567890" * 200,
    "one character": "a" * 2000,
    "dotted numbers": "1." * 1000,
    "at signs": "a@" * 1000,
    "colons": ":" * 2000,
    "hex runs": "deadbeef" * 250,
    "capitalised words": "Anna " * 400,
    "keywords": "Passwort: " * 200,
}

_STARTUP = """
import time, resource
started = time.perf_counter()
import pii.engine
imported = time.perf_counter()
pii.engine.build_analyzer()
built = time.perf_counter()
print(imported - started, built - imported)
"""

_MEMORY = """
import sys, tempfile
from pathlib import Path
from escalation.app import create_app
from escalation.settings import load_settings
build = sys.argv[1] == "build"
if build:
    with tempfile.TemporaryDirectory() as directory:
        settings = load_settings(var_dir=Path(directory), rasa_url="http://127.0.0.1:9")
        create_app(settings)
for line in open("/proc/self/status"):
    if line.startswith("VmHWM"):
        print(int(line.split()[1]) // 1024)
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def messages() -> list[tuple[str, str]]:
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    return [(item["text"], item["language"]) for item in items if len(item["text"]) <= MAX_CHARS]


def time_calls(analyze: object, corpus: list[tuple[str, str]], rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for text, language in corpus:
            started = time.perf_counter()
            analyze(text, language)  # type: ignore[operator]
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def stock_presidio() -> AnalyzerEngine:
    """Presidio's own pattern recognizers for the same entity kinds, same offline NLP engine."""
    analyzer = build_analyzer(EngineOptions())
    nlp_engine = analyzer._engine.nlp_engine
    registry = RecognizerRegistry(supported_languages=["de", "en"])
    for language in ("de", "en"):
        for recognizer in (
            predefined.CreditCardRecognizer,
            predefined.EmailRecognizer,
            predefined.IbanRecognizer,
            predefined.IpRecognizer,
            predefined.MacAddressRecognizer,
            predefined.PhoneRecognizer,
            predefined.DateRecognizer,
            predefined.UrlRecognizer,
            predefined.DeTaxIdRecognizer,
            predefined.DeSocialSecurityRecognizer,
            predefined.DeIdCardRecognizer,
            predefined.DePassportRecognizer,
        ):
            registry.add_recognizer(recognizer(supported_language=language))
    return AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, supported_languages=["de", "en"]
    )


def run_python(code: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    startups = [tuple(map(float, run_python(_STARTUP).split())) for _ in range(3)]
    imports = statistics.median(s[0] for s in startups)
    builds = statistics.median(s[1] for s in startups)
    print(f"engine start-up: build {builds:.2f} s after imports of {imports:.2f} s (median of 3)")

    corpus = messages()
    redactor = Redactor(build_analyzer(EngineOptions()))
    stock = stock_presidio()
    for text, language in corpus[:20]:  # warm both
        redactor.detect(text, language=language)  # type: ignore[arg-type]
        stock.analyze(text=text, language=language)
    lotse: list[float] = []
    baseline: list[float] = []
    for _ in range(arguments.rounds):  # alternate, so that load drift hits both alike
        lotse += time_calls(lambda t, lang: redactor.detect(t, language=lang), corpus, 1)
        baseline += time_calls(lambda t, lang: stock.analyze(text=t, language=lang), corpus, 1)
    print(f"\nper message (<= {MAX_CHARS} chars, {len(corpus)} messages x {arguments.rounds}):")
    print(f"{'':24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in (("Lotse redactor", lotse), ("stock Presidio (baseline)", baseline)):
        print(
            f"{name:24} {percentile(values, 0.5):8.2f} {percentile(values, 0.95):8.2f} "
            f"{max(values):8.2f}"
        )
    print(
        f"ratio Lotse/stock: p50 {percentile(lotse, 0.5) / percentile(baseline, 0.5):.2f}x, "
        f"p95 {percentile(lotse, 0.95) / percentile(baseline, 0.95):.2f}x"
    )

    print("\nhostile 2,000-character messages (ms, de/en):")
    for name, text in HOSTILE.items():
        timings = [
            time_calls(lambda t, lang: redactor.detect(t, language=lang), [(text, language)], 1)[0]
            for language in ("de", "en")
        ]
        print(f"  {name:20} {timings[0]:8.1f} {timings[1]:8.1f}")

    without = int(run_python(_MEMORY, "import"))
    with_engine = int(run_python(_MEMORY, "build"))
    print(
        f"\nswitchboard peak RSS: {with_engine} MB with the engine built, {without} MB "
        f"importing only (ratio {with_engine / without:.2f}x)"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
