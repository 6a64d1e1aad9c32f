"""`lotse pii analyze`: JSON Lines in, entities and redacted text out."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from escalation.cli import app


def run(*lines: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["pii", "analyze"], input="\n".join(lines) + "\n")
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("text", "language", "redacted"),
    [
        (
            "Schreiben Sie an erika.musterfrau@example.com",
            "de",
            "Schreiben Sie an <EMAIL_ADDRESS_1>",
        ),
        ("write to jane.roe@example.com", "en", "write to <EMAIL_ADDRESS_1>"),
    ],
    ids=["de", "en"],
)
def test_each_line_gets_entities_and_the_redacted_text(
    text: str, language: str, redacted: str
) -> None:
    code, (output,) = run(json.dumps({"text": text, "language": language, "id": 7}))
    assert code == 0
    assert output["redacted"] == redacted
    assert output["id"] == 7
    (entity,) = output["entities"]  # type: ignore[misc]
    assert entity["type"] == "EMAIL_ADDRESS"
    assert text[entity["start"] : entity["end"]].endswith("@example.com")
    assert 0 < entity["score"] <= 1


def test_bad_lines_give_error_lines_in_place_and_exit_1() -> None:
    code, outputs = run(
        "{broken",
        json.dumps({"text": "Passwort: Sommer2024!"}),
        json.dumps({"text": "hallo", "language": "fr"}),
        json.dumps({"language": "de"}),
    )
    assert code == 1
    assert outputs[0] == {"error": outputs[0]["error"], "line": 1}
    assert outputs[1]["redacted"] == "Passwort: <CREDENTIAL_1>"
    assert outputs[2]["line"] == 3
    assert outputs[3]["line"] == 4
