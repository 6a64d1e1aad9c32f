"""A stand-in Rasa server process for supervisor tests: `python fake_rasa_server.py PORT [DELAY]`.

Waits DELAY seconds (like Rasa loading its model), then answers GET / and echoes the REST
channel; a message containing "human" gets a handoff request. Standard library only.
"""

from __future__ import annotations

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self._reply(200, b"Hello from Rasa: fake")

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        replies = [{"recipient_id": body["sender"], "text": f"echo {body['message']}"}]
        if "human" in body["message"]:
            replies.append(
                {
                    "recipient_id": body["sender"],
                    "custom": {"event": "handoff_request", "reason": "user_request"},
                }
            )
        self._reply(200, json.dumps(replies).encode())

    def _reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


if __name__ == "__main__":
    port = int(sys.argv[1])
    time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
