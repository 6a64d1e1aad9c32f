"""A JSON Lines NLU parser that runs in the bot env: `python -m bot.nlu_worker MODEL`.

The app env cannot import Rasa (ARCHITECTURE.md), so `lotse nlu parse` and `lotse eval nlu`
start this worker and talk to it over stdin/stdout. It loads the model once, prints
`{"ready": true, "model_id": ...}`, then answers each `{"text"}` line with one line:
`{"intent", "confidence", "intent_ranking", "entities"}` (or `{"error"}`), in order.
Text starting with "/" is parsed as text, never as an intent payload.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from typing import Any

RANKING_LENGTH = 10
# Rasa reads a leading "/" as an intent payload; users' text never is one (escalation/chat.py
# does the same before sending to Rasa).
LOOKALIKE_SLASH = "\u2215"


def _quiet() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.disable(logging.WARNING)


def summarise(parsed: dict[str, Any]) -> dict[str, Any]:
    intent = parsed.get("intent") or {}
    return {
        "intent": intent.get("name"),
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
        "intent_ranking": [
            {"name": item.get("name"), "confidence": round(float(item["confidence"]), 4)}
            for item in (parsed.get("intent_ranking") or [])[:RANKING_LENGTH]
        ],
        "entities": [
            {
                "entity": entity.get("entity"),
                "value": entity.get("value"),
                "start": entity.get("start"),
                "end": entity.get("end"),
            }
            for entity in parsed.get("entities") or []
        ],
    }


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python -m bot.nlu_worker MODEL.tar.gz", file=sys.stderr)
        return 2
    _quiet()
    # Only protocol lines may reach stdout: whatever Rasa or TensorFlow prints (Python or C
    # level, including Rasa's structlog lines, which name the message text) goes to stderr.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    from rasa.core.agent import Agent

    agent = Agent.load(sys.argv[1])
    loop = asyncio.new_event_loop()
    print(json.dumps({"ready": True, "model_id": agent.model_id}), file=protocol, flush=True)
    for line in sys.stdin:
        try:
            request = json.loads(line)
            text = request["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
        except (ValueError, KeyError, TypeError) as error:
            print(json.dumps({"error": f"bad request: {error}"}), file=protocol, flush=True)
            continue
        if text.startswith("/"):
            text = LOOKALIKE_SLASH + text[1:]
        parsed = loop.run_until_complete(agent.parse_message(text))
        print(json.dumps(summarise(parsed), ensure_ascii=False), file=protocol, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
