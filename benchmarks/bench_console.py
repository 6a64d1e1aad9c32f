"""User message → agent console latency on one switchboard (issue 5: target p95 ≤ 50 ms).

A `lotse serve` with a stand-in Rasa (a human owns these chats, so no bot turn runs), an
agent logged in with the console's WebSocket watching every chat, and each chat's widget
WebSocket open. Each round a user sends a message over HTTP; we time until the agent's
console receives it, and — the baseline, measured in the same run — until the user's own
widget socket receives it (the same pipeline and fan-out, without the console).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from escalation.settings import PROJECT_ROOT
from tests.support.live_server import LiveServer, start_live_server
from tests.support.ports import free_port

PASSWORD = "benchmark password"  # noqa: S105 (fictitious, for a throwaway database)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def create_agent(server: LiveServer, email: str) -> None:
    subprocess.run(
        [str(PROJECT_ROOT / ".venv" / "bin" / "lotse"), "agent", "create", "--email", email,
         "--name", "Bench", "--password", "-", "--queues", "all", "--languages", "de,en",
         "--max-chats", "50"],
        input=PASSWORD + "\n", text=True, check=True, capture_output=True,
        env={**os.environ, "LOTSE_VAR_DIR": str(server.var_dir)},
    )  # fmt: skip


async def receive_until(socket: ClientConnection, wanted: dict[str, asyncio.Future[float]]) -> None:
    """Resolves the future of every message text in `wanted` when it arrives."""
    async for raw in socket:
        frame = json.loads(raw)
        if frame.get("type") != "message":
            continue
        text = frame["message"].get("text")
        future = wanted.pop(text, None) if isinstance(text, str) else None
        if future is not None and not future.done():
            future.set_result(time.perf_counter())


async def measure(server: LiveServer, *, chats: int, rounds: int) -> dict[str, list[float]]:
    email = f"bench-{uuid.uuid4().hex[:8]}@example.org"
    create_agent(server, email)
    ws_url = server.url.replace("http://", "ws://")
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        login = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        login.raise_for_status()
        csrf = {"X-CSRF-Token": login.json()["csrf_token"]}
        cookie = f"lotse_agent={http.cookies['lotse_agent']}"
        console = await connect(
            f"{ws_url}/ws/v1/agent", additional_headers={"Cookie": cookie}, origin=server.url
        )
        conversations: list[tuple[str, dict[str, str], ClientConnection]] = []
        for _ in range(chats):
            created = (await http.post("/api/v1/chat/conversations", json={"locale": "en"})).json()
            headers = {"Authorization": f"Bearer {created['token']}"}
            conversation_id = created["conversation_id"]
            path = f"/api/v1/chat/conversations/{conversation_id}/messages"
            (
                await http.post(path, json={"text": "a human please"}, headers=headers)
            ).raise_for_status()
            widget = await connect(f"{ws_url}/ws/v1/chat/{conversation_id}", origin=server.url)
            await widget.send(
                json.dumps({"type": "auth", "token": created["token"], "after": 10**6})
            )
            conversations.append((conversation_id, headers, widget))
        waiting = (await http.get("/api/v1/handoffs?status=waiting")).json()
        for handoff in waiting:
            (
                await http.post(f"/api/v1/handoffs/{handoff['id']}/claim", headers=csrf)
            ).raise_for_status()
        for conversation_id, _, _ in conversations:
            await console.send(
                json.dumps({"type": "watch", "conversation_id": conversation_id, "after": 10**6})
            )
        await asyncio.sleep(1.0)  # backlogs delivered; only new messages from here on

        console_waits: dict[str, asyncio.Future[float]] = {}
        widget_waits: dict[str, asyncio.Future[float]] = {}
        readers = [asyncio.create_task(receive_until(console, console_waits))]
        readers += [
            asyncio.create_task(receive_until(w, widget_waits)) for _, _, w in conversations
        ]
        results: dict[str, list[float]] = {"console": [], "widget": [], "http": []}
        loop = asyncio.get_running_loop()
        for round_number in range(rounds):
            conversation_id, headers, _ = conversations[round_number % chats]
            text = f"round {round_number} still broken {uuid.uuid4().hex[:6]}"
            console_future = console_waits[text] = loop.create_future()
            widget_future = widget_waits[text] = loop.create_future()
            started = time.perf_counter()
            response = await http.post(
                f"/api/v1/chat/conversations/{conversation_id}/messages",
                json={"text": text},
                headers=headers,
            )
            answered = time.perf_counter()
            response.raise_for_status()
            console_at = await asyncio.wait_for(console_future, 10)
            widget_at = await asyncio.wait_for(widget_future, 10)
            if round_number >= 10:  # warm-up rounds are not counted
                results["console"].append((console_at - started) * 1000)
                results["widget"].append((widget_at - started) * 1000)
                results["http"].append((answered - started) * 1000)
            await asyncio.sleep(0.02)
        for reader in readers:
            reader.cancel()
        await console.close()
        for _, _, widget in conversations:
            await widget.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=310)
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "bench-results")
    arguments = parser.parse_args()
    rasa_port = free_port()
    rasa = subprocess.Popen(
        [
            sys.executable,
            str(PROJECT_ROOT / "tests" / "support" / "fake_rasa_server.py"),
            str(rasa_port),
        ]
    )
    try:
        with tempfile.TemporaryDirectory(prefix="lotse-bench-") as directory:
            server = start_live_server(
                Path(directory) / "var", rasa_url=f"http://127.0.0.1:{rasa_port}"
            )
            try:
                server.wait_for_bot("ready", timeout=60)
                results = asyncio.run(
                    measure(server, chats=arguments.chats, rounds=arguments.rounds)
                )
            finally:
                server.stop()
    finally:
        rasa.terminate()
        rasa.wait()
    summary: dict[str, Any] = {}
    print(
        f"\nuser message → agent console ({len(results['console'])} messages, {arguments.chats} chats, one switchboard)"
    )
    print(f"{'':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, label in (
        ("console", "agent console (WebSocket)"),
        ("widget", "user's own widget (baseline)"),
        ("http", "user's HTTP send returns"),
    ):
        values = results[name]
        summary[name] = {
            "p50": statistics.median(values),
            "p95": percentile(values, 0.95),
            "max": max(values),
        }
        print(
            f"{label:32} {summary[name]['p50']:8.2f} {summary[name]['p95']:8.2f} {summary[name]['max']:8.2f}"
        )
    ratio = summary["console"]["p95"] / summary["widget"]["p95"]
    summary["ratio_p95_console_to_widget"] = ratio
    target = "met" if summary["console"]["p95"] <= 50 else "MISSED"
    print(
        f"console p95 {summary['console']['p95']:.2f} ms (target ≤ 50 ms: {target}); "
        f"ratio to the widget baseline p95 {ratio:.2f}x"
    )
    arguments.output.mkdir(exist_ok=True)
    path = arguments.output / f"console-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(summary, indent=2))
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
