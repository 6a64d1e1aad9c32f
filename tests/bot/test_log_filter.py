"""The Rasa server's log filter that drops conversation text (bot/log_filter.py, logging.yml)."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.log_filter import DROPPED, TEXT_KEYS, DropMessageText, scrub

REPO = Path(__file__).resolve().parents[2]
LOGGING_CONFIG = REPO / "bot" / "logging.yml"


def record(
    msg: str,
    args: Any = None,
    *,
    exc_info: Any = None,
    level: int = logging.ERROR,
) -> logging.LogRecord:
    return logging.LogRecord("rasa.core.processor", level, __file__, 1, msg, args, exc_info)


def filtered(log_record: logging.LogRecord) -> logging.LogRecord:
    assert DropMessageText().filter(log_record) is True
    return log_record


# --- structlog JSON events ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        pytest.param(
            {"event": "rest.message.received.failure", "text": "mein Passwort ist geheim"},
            {"event": "rest.message.received.failure", "text": DROPPED},
            id="de-text",
        ),
        pytest.param(
            {"event": "rest.message.received.failure", "text": "my password is hunter2"},
            {"event": "rest.message.received.failure", "text": DROPPED},
            id="en-text",
        ),
        pytest.param(
            {
                "event": "processor.message.parse",
                "parse_data_text": "Ich heiße Erika Musterfrau",
                "parse_data_intent": {"name": "greet", "confidence": 0.98},
                "parse_data_entities": [{"entity": "name", "value": "Erika Musterfrau"}],
                "level": "debug",
            },
            {
                "event": "processor.message.parse",
                "parse_data_text": DROPPED,
                "parse_data_intent": {"name": "greet", "confidence": 0.98},
                "parse_data_entities": DROPPED,
                "level": "debug",
            },
            id="de-parse",
        ),
        pytest.param(
            {
                "event": "processor.slots.log",
                "slot_values": "name: Jane Roe",
                "sender_id": "c0ffee00",
                "nested": {"text": "stays", "user_text": "stays"},
            },
            {
                "event": "processor.slots.log",
                "slot_values": DROPPED,
                "sender_id": "c0ffee00",
                "nested": {"text": DROPPED, "user_text": DROPPED},
            },
            id="en-slots-nested-too",
        ),
        pytest.param(
            {"event": "action.ran", "action": "action_set_language", "count": 3},
            {"event": "action.ran", "action": "action_set_language", "count": 3},
            id="no-text",
        ),
    ],
)
def test_structlog_event_text_is_dropped(event: dict[str, Any], expected: dict[str, Any]) -> None:
    message = json.dumps(event, ensure_ascii=False)
    assert json.loads(scrub(message)) == expected
    assert json.loads(filtered(record(message)).getMessage()) == expected


@pytest.mark.parametrize("key", sorted(TEXT_KEYS))
def test_every_text_key_is_dropped(key: str) -> None:
    message = json.dumps({"event": "x", key: {"text": "Erika Musterfrau"}})
    assert json.loads(scrub(message)) == {"event": "x", key: DROPPED}


def test_rasa_anonymizable_keys_are_text_keys() -> None:
    # Rasa lists the structlog keys that carry text in rasa/utils/log_utils.py; read the list
    # from the installed bot env, so that a Rasa upgrade with new keys fails here.
    sources = list(
        (Path(__file__).resolve().parents[2] / ".venv-bot").glob(
            "lib/python3.*/site-packages/rasa/utils/log_utils.py"
        )
    )
    assert sources, "the bot env is not installed (make install)"
    listed = re.search(r"anonymizable_keys = \[(.*?)\]", sources[0].read_text(), re.S)
    assert listed is not None
    rasa_keys = set(re.findall(r'"(\w+)"', listed.group(1)))
    assert len(rasa_keys) > 20
    assert rasa_keys <= TEXT_KEYS


@pytest.mark.parametrize(
    "message",
    [
        pytest.param('  {"event": "x", "text": "Hallo"}\n', id="padded"),
        pytest.param('{"event": "x", "text": "Grüße"}', id="non-ascii"),
    ],
)
def test_json_with_padding_or_non_ascii(message: str) -> None:
    assert json.loads(scrub(message)) == {"event": "x", "text": DROPPED}


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("[1, 2, 3]", id="json-array"),
        pytest.param("{kein JSON}", id="de-brace-not-json"),
        pytest.param("{not json either", id="en-brace-not-json"),
        pytest.param("Starting Rasa server on http://0.0.0.0:5005", id="plain"),
    ],
)
def test_other_messages_pass_unchanged(message: str) -> None:
    assert scrub(message) == message


# --- plain (f-string) messages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "Received user message 'my mail is a@b.example' with intent 'x'",
            "Received user message '[dropped]' with intent 'x'",
            id="en-received",
        ),
        pytest.param(
            "Received user message 'meine Mail ist erika@example.com' with intent 'greet'",
            "Received user message '[dropped]' with intent 'greet'",
            id="de-received",
        ),
        pytest.param(
            'Received user message "mein Passwort ist geheim" with intent "x"',
            "Received user message '[dropped]' with intent \"x\"",
            id="de-double-quotes",
        ),
        pytest.param(
            "Parsed text: 'my password is hunter2'",
            "Parsed text: '[dropped]'",
            id="en-text-colon",
        ),
        pytest.param(
            "slot value = 'Erika Musterfrau'",
            "slot value = '[dropped]'",
            id="de-value-equals",
        ),
        pytest.param(
            "input='Jane Roe' utterance 'call me'",
            "input='[dropped]'",  # everything after the first quote goes
            id="en-input-and-utterance",
        ),
    ],
)
def test_quoted_text_in_plain_messages_is_dropped(message: str, expected: str) -> None:
    assert scrub(message) == expected


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        pytest.param(
            "Received user message 'geht's noch? mein Passwort ist Sommer2024' with intent 'x'",
            "Sommer2024",
            id="de-apostrophe",
        ),
        pytest.param(
            "Received user message 'I can't log in, my password is hunter2' with intent 'x'",
            "hunter2",
            id="en-apostrophe",
        ),
        pytest.param(
            "Received user message 'Hallo\nmein Passwort ist Sommer2024' with intent 'x'",
            "Sommer2024",
            id="de-newline",
        ),
        pytest.param(
            "Received user message 'hi\nmy password is hunter2' with intent 'x'",
            "hunter2",
            id="en-newline",
        ),
    ],
)
def test_quoted_text_with_apostrophe_or_newline_is_dropped(message: str, secret: str) -> None:
    assert secret not in scrub(message)


# --- log records ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msg", "args", "expected"),
    [
        pytest.param(
            "Received user message '%s' with intent '%s'",
            ("mein Passwort ist geheim", "greet"),
            "Received user message '[dropped]' with intent 'greet'",
            id="de-tuple-args",
        ),
        pytest.param(
            "Received user message %r with intent %r",
            ("my password is hunter2", "greet"),
            "Received user message '[dropped]' with intent 'greet'",
            id="en-repr-args",
        ),
        pytest.param(
            "Received user message '%(text)s'",
            ({"text": "mein Passwort ist geheim"},),
            "Received user message '[dropped]'",
            id="de-mapping-args",
        ),
        pytest.param(
            "%s",
            (json.dumps({"event": "x", "text": "my password is hunter2"}),),
            json.dumps({"event": "x", "text": DROPPED}),
            id="en-json-as-arg",
        ),
    ],
)
def test_args_are_rendered_then_scrubbed(msg: str, args: Any, expected: str) -> None:
    log_record = filtered(record(msg, args))
    assert log_record.args is None
    assert log_record.msg == expected
    assert log_record.getMessage() == expected


def test_record_with_bad_args_keeps_the_format_string() -> None:
    log_record = filtered(record("Received user message '%s' %d", ("nur ein Argument",)))
    assert log_record.args is None
    # No known continuation after the quote: everything from it on is dropped.
    assert log_record.getMessage() == "Received user message '[dropped]'"


def raised(error: BaseException) -> Any:
    try:
        raise error
    except BaseException:
        return sys.exc_info()


@pytest.mark.parametrize(
    ("error", "type_name"),
    [
        pytest.param(
            ValueError("could not parse 'mein Passwort ist geheim'"), "ValueError", id="de"
        ),
        pytest.param(KeyError("my password is hunter2"), "KeyError", id="en"),
    ],
)
def test_exception_keeps_only_its_type(error: BaseException, type_name: str) -> None:
    log_record = record("Message handling failed", exc_info=raised(error))
    log_record.exc_text = "cached traceback with the text"
    filtered(log_record)
    assert log_record.getMessage() == f"Message handling failed [{type_name}]"
    assert log_record.exc_info is None
    assert log_record.exc_text is None


def test_record_without_exception_keeps_no_marker() -> None:
    log_record = filtered(record("Rasa server is up", exc_info=(None, None, None)))
    assert log_record.getMessage() == "Rasa server is up"


@pytest.fixture
def captured_logger() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A real logger whose only handler writes to a StringIO through the filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(DropMessageText())
    logger = logging.getLogger("tests.bot.rasa")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True
    logger.setLevel(logging.NOTSET)


@pytest.mark.parametrize(
    "secret",
    [
        pytest.param("mein Passwort ist Sommer2024", id="de"),
        pytest.param("my password is hunter2", id="en"),
    ],
)
def test_secret_never_reaches_the_handler(
    captured_logger: tuple[logging.Logger, io.StringIO], secret: str
) -> None:
    logger, stream = captured_logger
    logger.error(json.dumps({"event": "rest.message.received.failure", "text": secret}))
    logger.debug(f"Received user message '{secret}' with intent 'greet'")
    logger.info("Received user message '%s' with intent '%s'", secret, "greet")
    try:
        raise ValueError(f"could not handle {secret!r}")
    except ValueError:
        logger.exception("Message handling failed")

    output = stream.getvalue()
    assert secret not in output
    assert "Sommer2024" not in output
    assert "hunter2" not in output
    assert output.splitlines() == [
        'ERROR tests.bot.rasa {"event": "rest.message.received.failure", "text": "[dropped]"}',
        "DEBUG tests.bot.rasa Received user message '[dropped]' with intent 'greet'",
        "INFO tests.bot.rasa Received user message '[dropped]' with intent 'greet'",
        "ERROR tests.bot.rasa Message handling failed [ValueError]",
    ]


# --- bot/logging.yml --------------------------------------------------------------------


def test_logging_config_attaches_the_filter_to_its_handler() -> None:
    config = yaml.safe_load(LOGGING_CONFIG.read_text(encoding="utf-8"))
    assert config["version"] == 1
    assert config["disable_existing_loggers"] is False
    assert config["root"]["handlers"] == ["console"]
    for handler in config["handlers"].values():
        assert handler["filters"] == ["drop_message_text"]
    configurator = logging.config.DictConfigurator(config)
    assert isinstance(
        configurator.configure_filter(config["filters"]["drop_message_text"]), DropMessageText
    )


_LOAD_AND_LOG = """
import json, logging, logging.config, sys, yaml
from bot.log_filter import DropMessageText
logging.config.dictConfig(yaml.safe_load(open(sys.argv[1], encoding="utf-8")))
[handler] = logging.getLogger().handlers
assert any(isinstance(f, DropMessageText) for f in handler.filters), handler.filters
rest = logging.getLogger("rasa.core.channels.rest")
rest.error(json.dumps({"event": "rest.message.received.failure", "text": sys.argv[2]}))
logging.getLogger("rasa.core.processor").info("Received user message '%s' with intent 'x'", sys.argv[2])
try:
    raise ValueError(sys.argv[2])
except ValueError:
    rest.exception("Message handling failed")
"""


@pytest.mark.parametrize(
    "secret",
    [
        pytest.param("mein Passwort ist Sommer2024", id="de"),
        pytest.param("my password is hunter2", id="en"),
    ],
)
def test_logging_config_loads_and_drops_text(secret: str) -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    completed = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_LOG, str(LOGGING_CONFIG), secret],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert secret not in completed.stdout
    assert secret not in completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith(
        'ERROR rasa.core.channels.rest {"event": "rest.message.received.failure", "text": "[dropped]"}'
    )
    assert lines[1].endswith(
        "INFO rasa.core.processor Received user message '[dropped]' with intent 'x'"
    )
    assert lines[2].endswith("ERROR rasa.core.channels.rest Message handling failed [ValueError]")


@pytest.mark.parametrize(
    "secret", ["mein Name ist Erika Musterfrau", "my name is Jane Roe"], ids=["de", "en"]
)
def test_structlog_tracebacks_keep_only_exception_types(secret: str) -> None:
    # Rasa's dict_tracebacks records every frame's local variables, the text among them.
    event = {
        "event": "rest.message.received.failure",
        "exception": [
            {
                "exc_type": "KeyError",
                "exc_value": f"'{secret}'",
                "frames": [{"filename": "processor.py", "locals": {"message": secret}}],
            }
        ],
    }
    scrubbed = scrub(json.dumps(event))
    assert secret not in scrubbed
    assert json.loads(scrubbed)["exception"] == ["KeyError"]


def test_python_warnings_pass_through_the_filter() -> None:
    import warnings

    # pytest swaps warnings.showwarning per test; start from a clean capture state.
    logging.captureWarnings(False)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(DropMessageText())
    py_warnings = logging.getLogger("py.warnings")
    py_warnings.disabled = False  # other tests apply logging configurations
    py_warnings.setLevel(logging.WARNING)
    py_warnings.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            DropMessageText()  # turns the capture on, as in the Rasa process
            warnings.warn(
                "Failed to parse arguments in line '/x my password is hunter2'",
                UserWarning,
                stacklevel=1,
            )
    finally:
        py_warnings.removeHandler(handler)
        logging.captureWarnings(False)
    assert "hunter2" not in stream.getvalue()
    assert "Failed to parse arguments" in stream.getvalue()
