"""`lotse agent create` and `lotse agent list`, against both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from escalation.cli import app
from escalation.db import sync_url


def agents_in(database_url: str) -> list[tuple[str, str]]:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT email, role FROM agent ORDER BY email"))
            return [(row[0], row[1]) for row in rows]
    finally:
        engine.dispose()


def run(tmp_path: Path, database_url: str, *arguments: str, stdin: str | None = None) -> object:
    environment = {"LOTSE_VAR_DIR": str(tmp_path / "var"), "LOTSE_DATABASE_URL": database_url}
    return CliRunner().invoke(app, ["agent", *arguments], input=stdin, env=environment)


def test_the_first_admin_is_created_and_can_be_listed(tmp_path: Path, database_url: str) -> None:
    result = run(
        tmp_path,
        database_url,
        "create",
        "--email",
        "Admin@Example.org",
        "--password",
        "-",
        "--name",
        "Erika Admin",
        "--role",
        "admin",
        "--queues",
        "all",
        "--languages",
        "de,en",
        stdin="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "admin@example.org" in result.output  # type: ignore[attr-defined]
    assert "secret" not in result.output  # type: ignore[attr-defined]
    assert agents_in(database_url) == [("admin@example.org", "admin")]
    listed = run(tmp_path, database_url, "list")
    assert "admin@example.org\tadmin\t*\tde,en\tErika Admin" in listed.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(["--password", "short"], "12 to 1024", id="short-password"),
        pytest.param(["--queues", "nowhere"], "no such queue", id="unknown-queue"),
        pytest.param(["--languages", "fr"], "languages", id="unknown-language"),
        pytest.param(["--languages", ""], "languages", id="no-language"),
        pytest.param(["--email", "not-an-address"], "e-mail", id="bad-email"),
        pytest.param(["--max-chats", "0"], "max chats", id="no-chats"),
        pytest.param(["--name", "   "], "display name", id="blank-name"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_stored(
    tmp_path: Path, database_url: str, arguments: list[str], message: str
) -> None:
    defaults = {
        "--email": "anna@example.org",
        "--password": "a long enough secret",
        "--name": "Anna",
        "--queues": "accounts",
        "--languages": "de",
    }
    overrides = dict(zip(arguments[::2], arguments[1::2], strict=True))
    flat = [item for pair in {**defaults, **overrides}.items() for item in pair]
    result = run(tmp_path, database_url, "create", *flat)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert message in result.output  # type: ignore[attr-defined]
    assert agents_in(database_url) == []


def test_a_duplicate_e_mail_is_refused(tmp_path: Path, database_url: str) -> None:
    common = ["--password", "a long enough secret", "--name", "Anna", "--languages", "de"]
    assert (
        run(tmp_path, database_url, "create", "--email", "anna@example.org", *common).exit_code == 0
    )  # type: ignore[attr-defined]
    again = run(tmp_path, database_url, "create", "--email", "ANNA@example.org", *common)
    assert again.exit_code == 2  # type: ignore[attr-defined]
    assert "exists already" in again.output  # type: ignore[attr-defined]
    assert agents_in(database_url) == [("anna@example.org", "agent")]


def test_an_unknown_role_is_a_usage_error(tmp_path: Path, database_url: str) -> None:
    result = run(
        tmp_path,
        database_url,
        "create",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--password",
        "a long enough secret",
        "--role",
        "god",
        "--languages",
        "de",
    )
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert agents_in(database_url) == []
