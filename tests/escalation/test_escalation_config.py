"""Queues, routing, priorities, SLAs and business hours in the configuration file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from escalation.business_time import add_business_time
from escalation.config import ConfigError, load_config
from tests.escalation.test_config import write


def test_the_shipped_escalation_defaults() -> None:
    escalation = load_config().tenant("default").escalation
    assert set(escalation.queues) == {"accounts", "network", "workplace", "security", "general"}
    assert escalation.queue_for("password_reset", "de") == "accounts"
    assert escalation.queue_for("vpn_problem", "en") == "network"
    assert escalation.queue_for("printer_problem", "de") == "workplace"
    assert escalation.queue_for("security_incident", "de") == "security"
    assert escalation.queue_for("greet", "de") == "general"
    assert escalation.queue_for(None, "en") == "general"
    minutes = {p: escalation.first_response_time(p)[0] for p in ("P1", "P2", "P3", "P4")}
    assert minutes == {
        "P1": timedelta(minutes=15),
        "P2": timedelta(hours=1),
        "P3": timedelta(hours=4),
        "P4": timedelta(hours=10),  # one business day of 08:00-18:00
    }


def test_a_p4_request_on_thursday_is_due_on_friday_at_the_same_time() -> None:
    escalation = load_config().tenant("default").escalation
    target, calendar = escalation.first_response_time("P4")
    thursday = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
    assert add_business_time(thursday, target, calendar) == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_a_tenant_replaces_single_escalation_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
tenants:
  acme:
    name: ACME
    escalation:
      business_hours:
        timezone: America/New_York
        week: {mon: ["09:00-12:00", "13:00-17:00"]}
        holidays: [2026-12-25]
      priorities:
        P1: {first_response_minutes: 5, around_the_clock: true}
        P2: {first_response_minutes: 30}
        P3: {first_response_minutes: 120}
        P4: {first_response_business_days: 2}
""",
    )
    config = load_config(path)
    acme = config.tenant("acme").escalation
    assert acme.business_hours.timezone == "America/New_York"
    assert set(acme.queues) == set(config.tenant("default").escalation.queues)  # inherited
    target, calendar = acme.first_response_time("P1")
    night = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    assert add_business_time(night, target, calendar) == night + timedelta(minutes=5)
    assert acme.first_response_time("P4")[0] == timedelta(hours=14)  # 2 x 7 h
    assert config.tenant("default").escalation.business_hours.timezone == "Europe/Berlin"


def test_a_queue_without_the_language_falls_back_to_the_default_queue(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
escalation:
  queues:
    network: {label: {de: Netz, en: Network}, languages: [de]}
    general: {label: {de: Allgemein, en: General}, languages: [de, en]}
  routing: {vpn_problem: network}
  default_queue: general
""",
    )
    escalation = load_config(path).tenant("default").escalation
    assert escalation.queue_for("vpn_problem", "de") == "network"
    assert escalation.queue_for("vpn_problem", "en") == "general"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "escalation: {routing: {vpn_problem: nowhere}}", "unknown queues", id="routing-queue"
        ),
        pytest.param("escalation: {default_queue: nowhere}", "default_queue", id="default-queue"),
        pytest.param(
            "escalation: {business_hours: {timezone: Mars/Olympus}}", "time zone", id="timezone"
        ),
        pytest.param(
            "escalation: {business_hours: {week: {monday: ['08:00-18:00']}}}",
            "weekdays",
            id="weekday",
        ),
        pytest.param(
            "escalation: {business_hours: {week: {mon: ['8-18']}}}", "HH:MM-HH:MM", id="interval"
        ),
        pytest.param(
            "escalation: {business_hours: {week: {mon: ['18:00-08:00']}}}",
            "business_hours",
            id="backwards",
        ),
        pytest.param(
            "escalation: {business_hours: {week: {mon: ['08:00-12:00', '11:00-13:00']}}}",
            "business_hours",
            id="overlap",
        ),
        pytest.param(
            "tenants: {acme: {name: A, escalation: {priorities: {P1: {first_response_minutes: 15}}}}}",
            "priorities lack",
            id="missing-priorities",
        ),
        pytest.param(
            "escalation: {priorities: {P1: {}, P2: {first_response_minutes: 1},"
            " P3: {first_response_minutes: 1}, P4: {first_response_minutes: 1}}}",
            "first_response",
            id="no-target",
        ),
        pytest.param(
            "escalation: {queues: {extra: {label: {de: A}, languages: [de]}}}",
            "missing languages",
            id="label-language",
        ),
        pytest.param(
            "escalation: {queues: {general: {label: {de: A, en: B}, languages: [fr]}}}",
            "supported languages",
            id="queue-language",
        ),
        pytest.param(
            "escalation: {priority_rules: {default: P9}}", "priority_rules", id="bad-priority"
        ),
        pytest.param(
            "escalation: {canned_responses: [{id: a, title: {de: T}, text: {de: X}},"
            " {id: a, title: {de: T}, text: {de: Y}}]}",
            "unique",
            id="duplicate-canned",
        ),
        pytest.param("tenants: {acme: {name: A, escalation: 5}}", "escalation", id="not-a-map"),
    ],
)
def test_bad_escalation_settings_are_refused_with_a_clear_message(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))
