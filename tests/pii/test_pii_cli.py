"""`lotse pii analyze`: JSON Lines in, entities and redacted text out."""

from __future__ import annotations

import json
from pathlib import Path

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


def run_redact(*lines: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["pii", "redact"], input="\n".join(lines) + "\n")
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def test_redact_replaces_the_text_and_numbers_per_conversation() -> None:
    code, outputs = run_redact(
        json.dumps({"text": "Mail an erika.musterfrau@example.com", "conversation_id": "a"}),
        json.dumps({"text": "write to jane.roe@example.com", "conversation_id": "b"}),
        json.dumps(
            {
                "text": "nochmal: jane.roe@example.com, erika.musterfrau@example.com",
                "conversation_id": "a",
                "language": "de",
            }
        ),
        json.dumps({"text": "Passwort: Sommer2024!", "language": "de"}),
    )
    assert code == 0
    assert [output["redacted"] for output in outputs] == [
        "Mail an <EMAIL_ADDRESS_1>",
        "write to <EMAIL_ADDRESS_1>",
        "nochmal: <EMAIL_ADDRESS_2>, <EMAIL_ADDRESS_1>",
        "Passwort: <CREDENTIAL_1>",
    ]
    assert [output["credentials_removed"] for output in outputs] == [False, False, False, True]
    assert all("text" not in output for output in outputs)
    assert outputs[0]["conversation_id"] == "a"


def test_redact_refuses_bad_lines_in_place() -> None:
    code, outputs = run_redact(
        json.dumps({"text": "hallo", "conversation_id": 5}),
        json.dumps({"text": 5}),
        json.dumps({"text": "ok", "language": "en"}),
    )
    assert code == 1
    assert [output.get("line") for output in outputs] == [1, 2, None]


def test_eval_pii_prints_the_table_and_writes_json(tmp_path: Path) -> None:
    data = tmp_path / "set.jsonl"
    text = "Mail an erika.musterfrau@example.com wegen Fehler 0x80070005"
    start = text.index("erika")
    trap = text.index("0x8")
    data.write_text(
        json.dumps(
            {
                "id": "de-1",
                "language": "de",
                "text": text,
                "entities": [{"start": start, "end": start + 28, "type": "EMAIL_ADDRESS"}],
                "traps": [{"start": trap, "end": trap + 10, "kind": "error_code"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    figures = tmp_path / "figures.json"
    result = CliRunner().invoke(app, ["eval", "pii", "--data", str(data), "--json", str(figures)])
    assert result.exit_code == 0, result.output
    assert "EMAIL_ADDRESS" in result.stdout
    assert "traps untouched: 1/1" in result.stdout
    report = json.loads(figures.read_text(encoding="utf-8"))
    assert report["types"]["EMAIL_ADDRESS"]["recall"] == 1.0
    assert report["ANY_PII"]["precision"] == 1.0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "no examples"),
        ('{"text": "x", "language": "fr"}', "unsupported language"),
        (
            '{"text": "x", "language": "de", "entities": [{"start": 0, "end": 9, "type": "X"}]}',
            "outside",
        ),
        ("{broken", ":1:"),
    ],
    ids=["empty", "language", "offsets", "json"],
)
def test_eval_pii_names_the_problem_in_bad_data(tmp_path: Path, content: str, problem: str) -> None:
    data = tmp_path / "set.jsonl"
    data.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "pii", "--data", str(data)])
    assert result.exit_code == 2
    assert problem in result.output


def test_eval_pii_names_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "pii", "--data", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2
    assert "cannot read" in result.output
