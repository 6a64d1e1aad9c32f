"""/healthz and /readyz (ARCHITECTURE.md: ready while the database is; the bot reported apart)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.rasa_client import RasaClient
from escalation.settings import Settings, load_settings
from tests.support.fake_rasa import FakeRasa


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_ready_with_the_bot_ready(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "bot": "ready"}


def test_still_ready_when_the_bot_is_down(settings: Settings) -> None:
    fake = FakeRasa(mode="down")
    rasa = RasaClient("http://rasa.test", timeout_seconds=0.5, transport=fake.transport())
    with TestClient(create_app(settings, rasa=rasa)) as client:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "bot": "unavailable"}


def test_not_ready_without_a_database(tmp_path: Path) -> None:
    settings = load_settings(
        var_dir=tmp_path / "var",
        database_url="postgresql://nobody@127.0.0.1:1/none",
        rasa_url="http://rasa.test",
    )
    rasa = RasaClient("http://rasa.test", timeout_seconds=0.5, transport=FakeRasa().transport())
    with TestClient(create_app(settings, rasa=rasa)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/")
    widget = client.get("/widget/v1.js")
    assert page.status_code == 200
    assert '<script src="/widget/v1.js"' in page.text
    assert widget.status_code == 200
    assert "javascript" in widget.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_an_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    response = client.post(
        "/api/v1/chat/conversations",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": str(5 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
