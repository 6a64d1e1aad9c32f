"""`lotse lang detect`: language detection as a JSON Lines filter (nlu/cli.py)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from escalation.cli import app
from nlu.cli import detect_item, run_json_lines
from nlu.language import LanguageDetector


def invoke(*lines: str | bytes) -> tuple[int, list[dict[str, Any]], str]:
    """Runs `lotse lang detect` on the lines; returns exit code, output objects and stderr."""
    if any(isinstance(line, bytes) for line in lines):
        stdin: str | bytes = b"\n".join(
            line if isinstance(line, bytes) else line.encode() for line in lines
        )
        stdin += b"\n"
    else:
        stdin = "\n".join(str(line) for line in lines) + "\n"
    result = CliRunner().invoke(app, ["lang", "detect"], input=stdin)
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, outputs, result.stderr


def as_line(item: object) -> str:
    return json.dumps(item, ensure_ascii=False)


@pytest.mark.parametrize(
    ("item", "expected_language"),
    [
        pytest.param({"text": "ich habe mein Passwort vergessen"}, "de", id="de"),
        pytest.param({"text": "i forgot my password"}, "en", id="en"),
        pytest.param({"text": "ok", "previous_language": "de"}, "de", id="de-neutral"),
        pytest.param({"text": "ok", "previous_language": "en"}, "en", id="en-neutral"),
        pytest.param({"text": "VPN", "locale": "de-AT"}, "de", id="de-locale"),
        pytest.param({"text": "VPN", "locale": "en-US"}, "en", id="en-locale"),
    ],
)
def test_good_line_gets_language_and_confidence(
    item: dict[str, Any], expected_language: str
) -> None:
    exit_code, outputs, stderr = invoke(as_line(item))
    assert exit_code == 0
    assert stderr == ""
    assert len(outputs) == 1
    [output] = outputs
    assert output["language"] == expected_language
    assert 0.5 <= output["confidence"] <= 1.0
    assert {key: value for key, value in output.items() if key not in item} == {
        "language": expected_language,
        "confidence": output["confidence"],
    }


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(
            {"id": 7, "text": "Drucker im 3. Stock geht nicht", "user": "Erika Musterfrau"}, id="de"
        ),
        pytest.param(
            {"id": 8, "text": "printer on the 3rd floor is broken", "user": "Jane Roe"}, id="en"
        ),
    ],
)
def test_other_keys_are_kept(item: dict[str, Any]) -> None:
    _, [output], _ = invoke(as_line(item))
    assert {key: output[key] for key in item} == item
    assert list(output)[: len(item)] == list(item)


def test_outputs_align_with_non_blank_inputs() -> None:
    exit_code, outputs, _ = invoke(
        as_line({"n": 1, "text": "hallo"}),
        "",
        "   ",
        as_line({"n": 2, "text": "hello there"}),
        "\t",
        as_line({"n": 3, "text": "danke"}),
    )
    assert exit_code == 0
    assert [output["n"] for output in outputs] == [1, 2, 3]


def test_invalid_json_gives_an_error_line_in_place_and_processing_continues() -> None:
    exit_code, outputs, stderr = invoke(
        as_line({"text": "mein Laptop startet nicht"}),
        "{not json",
        as_line({"text": "my laptop does not start"}),
    )
    assert exit_code == 1
    assert len(outputs) == 3
    assert outputs[0]["language"] == "de"
    assert outputs[1] == {
        "error": "invalid JSON: Expecting property name enclosed in double quotes",
        "line": 2,
    }
    assert outputs[2]["language"] == "en"
    assert stderr == "line 2: invalid JSON: Expecting property name enclosed in double quotes\n"


def test_error_line_numbers_count_blank_lines() -> None:
    exit_code, outputs, _ = invoke(as_line({"text": "hallo"}), "", "{")
    assert exit_code == 1
    assert outputs[1]["line"] == 3


@pytest.mark.parametrize(
    ("line", "error"),
    [
        pytest.param('["hallo", "hello"]', "each line must be a JSON object", id="array"),
        pytest.param('"hallo"', "each line must be a JSON object", id="string"),
        pytest.param("null", "each line must be a JSON object", id="null"),
        pytest.param('{"message": "hallo"}', 'each object needs a "text" string', id="no-text"),
        pytest.param('{"text": 42}', 'each object needs a "text" string', id="number-text"),
        pytest.param('{"text": null}', 'each object needs a "text" string', id="null-text"),
        pytest.param('{"text": ["hello"]}', 'each object needs a "text" string', id="list-text"),
        pytest.param(
            '{"text": "bonjour", "previous_language": "fr"}',
            "unsupported previous_language 'fr'",
            id="previous-fr",
        ),
        pytest.param(
            '{"text": "hallo", "previous_language": 1}',
            "unsupported previous_language 1",
            id="previous-number",
        ),
    ],
)
def test_bad_line_gives_an_error_line(line: str, error: str) -> None:
    exit_code, outputs, stderr = invoke(
        as_line({"text": "Guten Morgen, mein Zugang ist gesperrt"}),
        line,
        as_line({"text": "Good morning, my access is locked"}),
    )
    assert exit_code == 1
    assert outputs[0]["language"] == "de"
    assert outputs[1] == {"error": error, "line": 2}
    assert outputs[2]["language"] == "en"
    assert stderr == f"line 2: {error}\n"


def test_all_good_input_exits_zero() -> None:
    exit_code, outputs, stderr = invoke(
        as_line({"text": "Outlook stürzt ständig ab", "previous_language": "de"}),
        as_line({"text": "Outlook keeps crashing", "previous_language": "en"}),
        as_line({"text": "ok", "previous_language": None, "locale": "de-AT"}),
        as_line({"text": "ok", "locale": "en-GB"}),
    )
    assert exit_code == 0
    assert stderr == ""
    assert [output["language"] for output in outputs] == ["de", "en", "de", "en"]


def test_empty_input_exits_zero() -> None:
    result = CliRunner().invoke(app, ["lang", "detect"], input="")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_non_string_locale_is_ignored() -> None:
    exit_code, [output], _ = invoke(as_line({"text": "ok", "locale": 42}))
    assert exit_code == 0
    assert output["language"] == "de"  # the default language


def test_non_ascii_text_is_written_as_is() -> None:
    result = CliRunner().invoke(
        app, ["lang", "detect"], input=as_line({"text": "Passwort für Büro vergessen"}) + "\n"
    )
    assert '"Passwort für Büro vergessen"' in result.stdout


def test_lone_surrogate_does_not_stop_processing() -> None:
    exit_code, outputs, _ = invoke('{"text": "hallo \\ud800"}', as_line({"text": "hello there"}))
    assert len(outputs) == 2
    assert outputs[1]["language"] == "en"
    assert exit_code in (0, 1)


def test_invalid_utf8_line_gives_an_error_line() -> None:
    exit_code, outputs, _ = invoke(b'{"text": "Gr\xfc\xdfe"}', as_line({"text": "hello there"}))
    assert exit_code == 1
    assert outputs[0]["line"] == 1
    assert outputs[1]["language"] == "en"


def test_run_json_lines_directly() -> None:
    lines = io.StringIO(
        '{"text": "ich bin gesperrt"}\n\n[1]\n{"text": "i am locked out", "ticket": "INC0012345"}\n'
    )
    output = io.StringIO()
    errors = io.StringIO()
    detector = LanguageDetector()

    failures = run_json_lines(lines, output, errors, lambda item: detect_item(detector, item))

    assert failures == 1
    results = [json.loads(line) for line in output.getvalue().splitlines()]
    assert [result.get("language") for result in results] == ["de", None, "en"]
    assert results[1] == {"error": "each line must be a JSON object", "line": 3}
    assert results[2]["ticket"] == "INC0012345"
    assert errors.getvalue() == "line 3: each line must be a JSON object\n"


def test_run_json_lines_with_any_handler() -> None:
    output = io.StringIO()
    errors = io.StringIO()

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        if item.get("fail"):
            raise ValueError("refused")
        return {"seen": item["n"]}

    failures = run_json_lines(
        ['{"n": 1}', '{"n": 2, "fail": true}', "", '{"n": 3}'], output, errors, handle
    )

    assert failures == 1
    assert output.getvalue().splitlines() == [
        '{"seen": 1}',
        '{"error": "refused", "line": 2}',
        '{"seen": 3}',
    ]
    assert errors.getvalue() == "line 2: refused\n"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(
            {"text": "ok", "previous_language": "de-AT"},
            {"text": "ok", "previous_language": "de-AT", "language": "de", "confidence": 0.9},
            id="de-locale-code",
        ),
        pytest.param(
            {"text": "ok", "previous_language": "en_GB"},
            {"text": "ok", "previous_language": "en_GB", "language": "en", "confidence": 0.9},
            id="en-locale-code",
        ),
    ],
)
def test_detect_item_accepts_locale_codes_as_previous_language(
    item: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert detect_item(LanguageDetector(), item) == expected
