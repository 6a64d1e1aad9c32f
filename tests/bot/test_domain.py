"""The bot's domain and rules: complete, bilingual, and consistent with the actions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.actions.facts import FACTS
from bot.actions.fallback import OFFERABLE_INTENTS
from bot.actions.troubleshooting import TROUBLESHOOTING_INTENTS
from escalation.routes.actions import create_executor
from nlu.language import supported_languages

REPO = Path(__file__).resolve().parents[2]
DOMAIN_DIR = REPO / "bot" / "domain"
ARCHITECTURE_INTENTS = (
    "password_reset account_locked mfa_problem access_request vpn_problem network_problem "
    "email_problem printer_problem software_install software_problem hardware_problem "
    "slow_computer security_incident file_recovery outage_check ticket_status greet goodbye "
    "thank affirm deny bot_challenge request_human privacy_question delete_my_data out_of_scope"
).split()
# Filled by actions besides the service facts.
ACTION_PLACEHOLDERS = {"retention", "announcements"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def load_domain() -> dict[str, Any]:
    merged: dict[str, Any] = {
        "intents": [],
        "entities": [],
        "slots": {},
        "actions": [],
        "responses": {},
    }
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("intents", "entities", "actions"):
            merged[key].extend(part.get(key) or [])
        for key in ("slots", "responses"):
            duplicated = set(merged[key]) & set(part.get(key) or {})
            assert not duplicated, f"{path.name} repeats {sorted(duplicated)}"
            merged[key].update(part.get(key) or {})
    return merged


def load_rules() -> list[dict[str, Any]]:
    return yaml.safe_load((REPO / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]


DOMAIN = load_domain()
RESPONSES: dict[str, list[dict[str, Any]]] = DOMAIN["responses"]


def variation_language(variation: dict[str, Any]) -> str | None:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return None


def test_every_intent_of_the_architecture_is_in_the_domain() -> None:
    assert set(ARCHITECTURE_INTENTS) <= set(DOMAIN["intents"])


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_has_one_variation_per_language(name: str) -> None:
    languages = [variation_language(variation) for variation in RESPONSES[name]]
    assert sorted(languages) == sorted(supported_languages()), name
    for variation in RESPONSES[name]:
        assert str(variation.get("text") or "").strip(), name


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_variations_have_the_same_buttons_and_placeholders(name: str) -> None:
    shapes = {
        (
            tuple(button["payload"] for button in variation.get("buttons") or []),
            tuple(sorted(_PLACEHOLDER.findall(variation["text"]))),
        )
        for variation in RESPONSES[name]
    }
    assert len(shapes) == 1, f"{name}: languages differ in buttons or placeholders: {shapes}"


def test_placeholders_are_facts_the_actions_fill() -> None:
    known = set(FACTS) | ACTION_PLACEHOLDERS
    for name, variations in RESPONSES.items():
        for variation in variations:
            unknown = set(_PLACEHOLDER.findall(variation["text"])) - known
            assert not unknown, f"{name} uses {unknown}"


def rule_actions() -> set[str]:
    return {step["action"] for rule in load_rules() for step in rule["steps"] if "action" in step}


def test_responses_with_placeholders_are_only_uttered_by_actions() -> None:
    """A rule uttering one directly would show a raw "{password_portal_url}"."""
    for name in rule_actions():
        for variation in RESPONSES.get(name, []):
            assert not _PLACEHOLDER.search(variation["text"]), name


def test_every_action_in_the_rules_exists() -> None:
    registered = set(create_executor().actions)
    for name in rule_actions():
        assert name in RESPONSES or name in registered, name
    assert set(DOMAIN["actions"]) <= registered


def test_every_intent_has_a_rule() -> None:
    ruled = {step["intent"] for rule in load_rules() for step in rule["steps"] if "intent" in step}
    assert set(DOMAIN["intents"]) <= ruled


def test_button_payloads_name_domain_intents() -> None:
    for name, variations in RESPONSES.items():
        for variation in variations:
            for button in variation.get("buttons") or []:
                assert button["payload"].removeprefix("/") in DOMAIN["intents"], name


@pytest.mark.parametrize("intent", TROUBLESHOOTING_INTENTS)
def test_every_troubleshooting_intent_has_steps(intent: str) -> None:
    steps = [name for name in RESPONSES if re.fullmatch(rf"utter_{intent}_\d+", name)]
    assert steps, f"{intent} has no steps"
    assert sorted(steps) == [f"utter_{intent}_{n}" for n in range(1, len(steps) + 1)]


def test_security_and_outages_have_their_responses() -> None:
    for name in (
        "utter_security_incident",
        "utter_outage_none",
        "utter_outage_known",
        "utter_known_outage_for_issue",
    ):
        assert name in RESPONSES


@pytest.mark.parametrize("intent", sorted(OFFERABLE_INTENTS))
def test_every_offerable_intent_has_a_button_label(intent: str) -> None:
    assert f"utter_label_{intent}" in RESPONSES
    for variation in RESPONSES[f"utter_label_{intent}"]:
        assert len(variation["text"]) <= 40
