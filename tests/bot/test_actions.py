"""The bot's custom actions (bot/actions/), one at a time: run directly and through rasa-sdk's
executor with a full action call, as the switchboard runs them.

The domain here is a small hand-built one (not bot/domain/), so the tests say exactly which
steps, labels and placeholders exist. Everything a tenant knows is fictitious.
The helpers are shared with test_flows.py, which chains the actions into conversations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from bot.actions import context
from bot.actions import handoff as handoff_module
from bot.actions.context import DEFAULT_RETENTION_DAYS, ActionContext
from bot.actions.facts import FACTS, GENERIC, retention_text, service_facts
from bot.actions.fallback import ActionClarify, ActionOfferHandoff, likely_intents
from bot.actions.handoff import ActionRequestHandoff, build_handoff_request, hand_off
from bot.actions.language import ActionSetLanguage
from bot.actions.outages import ActionCheckOutages
from bot.actions.privacy import ActionPrivacy
from bot.actions.troubleshooting import (
    ANSWER_INTENTS,
    ActionAnswer,
    ActionTroubleshoot,
    announcement_list,
    step_count,
)
from escalation.config import LotseConfig, TenantConfig
from nlu.language import Language

RASA_VERSION = "3.6.21"
LANGUAGES = ("de", "en")
ACTIONS = (
    "action_set_language",
    "action_troubleshoot",
    "action_answer",
    "action_clarify",
    "action_offer_handoff",
    "action_request_handoff",
    "action_check_outages",
    "action_privacy",
)
# The keys CollectingDispatcher always records; anything else is a kwarg of the response.
MESSAGE_KEYS = frozenset(
    ("text", "buttons", "elements", "custom", "template", "response", "image", "attachment")
)


# --- the domain -----------------------------------------------------------------------------


def bilingual(de: str, en: str) -> list[dict[str, Any]]:
    """A response with one variation per language, conditioned on the slot (like core.yml)."""
    return [
        {"condition": [{"type": "slot", "name": "language", "value": "de"}], "text": de},
        {"condition": [{"type": "slot", "name": "language", "value": "en"}], "text": en},
    ]


RESPONSES: dict[str, list[dict[str, Any]]] = {
    # troubleshooting steps: three for the VPN, two for passwords, none for printers
    "utter_vpn_problem_1": bilingual(
        "Trennen Sie das VPN und verbinden Sie sich neu.",
        "Disconnect the VPN and connect again.",
    ),
    "utter_vpn_problem_2": bilingual(
        "Prüfen Sie, ob Sie ohne VPN ins Internet kommen.",
        "Check whether the internet works without the VPN.",
    ),
    "utter_vpn_problem_3": bilingual(
        "Starten Sie den Rechner neu und schauen Sie auf {status_page_url}.",
        "Restart your computer and check {status_page_url}.",
    ),
    "utter_password_reset_1": bilingual(
        "Setzen Sie Ihr Passwort über {password_portal_url} zurück.",
        "Reset your password at {password_portal_url}.",
    ),
    "utter_password_reset_2": bilingual(
        "Rufen Sie {desk_phone} an ({desk_hours}).",
        "Call {desk_phone} ({desk_hours}).",
    ),
    "utter_did_that_help": bilingual("Hat das geholfen?", "Did that help?"),
    "utter_glad_it_helped": bilingual("Prima, freut mich!", "Great, glad that worked!"),
    "utter_anything_else": bilingual("Wobei kann ich helfen?", "What can I help you with?"),
    "utter_handoff": bilingual("Ich verbinde Sie.", "I'm connecting you."),
    "utter_handoff_after_steps": bilingual(
        "Das sollte sich ein Mitarbeiter ansehen.", "An agent should take a look."
    ),
    "utter_handoff_declined": bilingual("In Ordnung.", "All right."),
    "utter_clarify": bilingual("Geht es um eines davon?", "Is it one of these?"),
    "utter_ask_rephrase": bilingual("Bitte anders formulieren.", "Please rephrase."),
    "utter_offer_handoff_not_understood": bilingual(
        "Soll ich Sie verbinden?", "Shall I connect you?"
    ),
    "utter_offer_handoff_frustration": bilingual(
        "Das tut mir leid. Soll ich Sie verbinden?", "I'm sorry. Shall I connect you?"
    ),
    "utter_offer_handoff_outage": bilingual(
        "Trotzdem mit einem Mitarbeiter sprechen?", "Talk to an agent anyway?"
    ),
    "utter_security_incident": bilingual(
        "Trennen Sie das Gerät vom Netz und kontaktieren Sie {security_phone}.",
        "Disconnect the device from the network and call {security_phone}.",
    ),
    "utter_known_outage_for_issue": bilingual(
        "Dazu ist eine Störung bekannt:\n{announcements}",
        "There is a known disruption:\n{announcements}",
    ),
    "utter_outage_known": bilingual(
        "Bekannte Störungen:\n{announcements}", "Known disruptions:\n{announcements}"
    ),
    "utter_outage_none": bilingual(
        "Mir ist keine Störung bekannt; schauen Sie auf {status_page_url}.",
        "I know of no disruption; check {status_page_url}.",
    ),
    "utter_privacy": bilingual(
        "Originale werden nach {retention} gelöscht. Kontakt: {privacy_contact}.",
        "Originals are deleted after {retention}. Contact: {privacy_contact}.",
    ),
    "utter_privacy_no_originals": bilingual(
        "Originale werden nicht aufbewahrt. Kontakt: {privacy_contact}.",
        "No originals are kept. Contact: {privacy_contact}.",
    ),
    "utter_delete_my_data": bilingual(
        "Ansprechpartner ist {privacy_contact}; Originale verschwinden nach {retention}.",
        "Contact {privacy_contact}; originals are gone after {retention}.",
    ),
    "utter_delete_my_data_no_originals": bilingual(
        "Ansprechpartner ist {privacy_contact}.", "Contact {privacy_contact}."
    ),
    # button labels ("did you mean"); email_problem has none on purpose
    "utter_label_vpn_problem": bilingual("VPN-Verbindung", "VPN connection"),
    "utter_label_password_reset": bilingual("Passwort zurücksetzen", "Reset password"),
    "utter_label_printer_problem": bilingual("Drucker", "Printer"),
    "utter_label_request_human": bilingual("Mit einem Menschen sprechen", "Talk to a person"),
    "utter_label_something_else": bilingual("Etwas anderes", "Something else"),
    # a response without language conditions
    "utter_unconditioned": [{"text": "—"}],
}
DOMAIN: dict[str, Any] = {
    "version": "3.1",
    "intents": [
        "greet",
        "affirm",
        "deny",
        "frustration",
        "request_human",
        "out_of_scope",
        "outage_check",
        "privacy_question",
        "delete_my_data",
        "password_reset",
        "vpn_problem",
        "email_problem",
        "printer_problem",
        "security_incident",
    ],
    "entities": ["application", "device", "operating_system", "error_code", "others_affected"],
    "slots": {
        name: {"type": kind, "influence_conversation": False, "mappings": [{"type": "custom"}]}
        for name, kind in (
            ("language", "text"),
            ("issue", "text"),
            ("step", "float"),
            ("steps_tried", "list"),
            ("awaiting", "text"),
            ("offer_reason", "text"),
            ("application", "text"),
            ("device", "text"),
            ("operating_system", "text"),
            ("error_code", "text"),
            ("others_affected", "text"),
        )
    },
    "actions": list(ACTIONS),
    "responses": RESPONSES,
}


# --- the service context ----------------------------------------------------------------------

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
VPN_NOW = {"de": "VPN-Wartung bis 14 Uhr.", "en": "VPN maintenance until 2 pm."}
VPN_PAST = {"de": "VPN-Störung von gestern.", "en": "Yesterday's VPN disruption."}
VPN_FUTURE = {"de": "VPN-Wartung am Wochenende.", "en": "VPN maintenance at the weekend."}
MAIL_NOW = {"de": "Der Mailserver ist gestört.", "en": "The mail server is disrupted."}
ALL_NOW = {"de": "Alle Dienste sind langsam.", "en": "All services are slow."}

CONFIG = LotseConfig.model_validate(
    {
        "tenants": {
            # nothing configured: every fact is a generic phrase
            "default": {"name": "Beispiel IT"},
            "acme": {
                "name": "ACME IT Service Desk",
                "service": {
                    "password_portal_url": "https://passwort.acme.example/reset",
                    "mfa_portal_url": "https://mfa.acme.example/methods",
                    "service_portal_url": "https://service.acme.example/portal",
                    "software_portal_url": "https://software.acme.example/catalogue",
                    "status_page_url": "https://status.acme.example/now",
                    "desk_phone": "+49 30 5550 1000",
                    "security_phone": "+49 30 5550 1999",
                    "desk_hours": {"de": "Mo–Fr 7–19 Uhr", "en": "Mon–Fri 7 am–7 pm"},
                    "privacy_contact": "datenschutz@acme.example",
                },
                "announcements": [
                    {
                        "id": "vpn-now",
                        "text": VPN_NOW,
                        "categories": ["vpn_problem"],
                        "starts_at": NOW - 2 * HOUR,
                        "ends_at": NOW + 4 * HOUR,
                    },
                    {
                        "id": "vpn-past",
                        "text": VPN_PAST,
                        "categories": ["vpn_problem"],
                        "starts_at": NOW - DAY - 8 * HOUR,
                        "ends_at": NOW - DAY,
                    },
                    {
                        "id": "vpn-future",
                        "text": VPN_FUTURE,
                        "categories": ["vpn_problem"],
                        "starts_at": NOW + DAY,
                        "ends_at": NOW + DAY + 6 * HOUR,
                    },
                    {
                        "id": "mail-now",
                        "text": MAIL_NOW,
                        "categories": ["email_problem"],
                        "starts_at": NOW - HOUR,
                    },
                ],
            },
            "globex": {
                "name": "Globex Helpdesk",
                "service": {
                    "security_phone": "+41 44 555 0199",
                    "desk_hours": {"de": "werktags 9–16 Uhr"},
                    "privacy_contact": "privacy@globex.example",
                },
                # no categories: it concerns every issue
                "announcements": [{"id": "all-now", "text": ALL_NOW}],
            },
        }
    }
)
ACME_FACTS: dict[str, dict[str, str]] = {
    language: {
        "password_portal_url": "https://passwort.acme.example/reset",
        "mfa_portal_url": "https://mfa.acme.example/methods",
        "service_portal_url": "https://service.acme.example/portal",
        "software_portal_url": "https://software.acme.example/catalogue",
        "status_page_url": "https://status.acme.example/now",
        "desk_phone": "+49 30 5550 1000",
        "security_phone": "+49 30 5550 1999",
        "desk_hours": hours,
        "privacy_contact": "datenschutz@acme.example",
    }
    for language, hours in (("de", "Mo–Fr 7–19 Uhr"), ("en", "Mon–Fri 7 am–7 pm"))
}
GENERIC_FACTS: dict[str, dict[str, str]] = {
    language: {name: phrases[language] for name, phrases in GENERIC.items()}
    for language in LANGUAGES
}


def use_context(retention_days: float = 7.0, config: LotseConfig = CONFIG) -> None:
    context.configure(ActionContext(config=config, retention_days=retention_days))


@pytest.fixture(autouse=True)
def service_context(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test configuration with a retention of 7 days at a fixed time; then the defaults."""
    use_context()
    monkeypatch.setattr(context, "now", lambda: NOW)
    yield
    context._configured.clear()


# --- trackers and action calls ----------------------------------------------------------------


def ranked(*pairs: tuple[str, float]) -> list[dict[str, Any]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def user_message(
    text: str,
    intent: str | None,
    *,
    metadata: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A latest_message as Rasa sends it."""
    message: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.97} if intent else {},
        "entities": entities or [],
        "intent_ranking": ranking or [],
    }
    if metadata is not None:
        message["metadata"] = metadata
    return message


def user_event(text: str, intent: str, *, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "event": "user",
        "timestamp": 1717000000.0,
        "text": text,
        "parse_data": user_message(text, intent, metadata=metadata),
        "input_channel": "rest",
        "metadata": metadata or {},
    }


def action_event(name: str) -> dict[str, Any]:
    return {"event": "action", "timestamp": 1717000001.0, "name": name}


def tracker_state(
    *,
    latest_message: dict[str, Any] | None,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The tracker of an action call, as Rasa 3.6 serialises it."""
    return {
        "sender_id": "c0ffee00-0000-4000-8000-000000000001",
        "slots": {name: None for name in DOMAIN["slots"]} | (slots or {}),
        "latest_message": latest_message,
        "events": events or [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }


def make_tracker(**kwargs: Any) -> Tracker:
    return Tracker.from_dict(tracker_state(**kwargs))


def action_call(
    next_action: str, tracker: dict[str, Any], domain: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "next_action": next_action,
        "sender_id": tracker["sender_id"],
        "tracker": tracker,
        "domain": DOMAIN if domain is None else domain,
        "version": RASA_VERSION,
    }


def create_executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    return executor


def run_action(
    action: Any, tracker: Tracker, domain: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events and the messages of one run."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, DOMAIN if domain is None else domain)
    return events, dispatcher.messages


# --- what the dispatcher records ------------------------------------------------------------


def response_message(name: str, /, **kwargs: Any) -> dict[str, Any]:
    """What CollectingDispatcher records for `utter_message(response=name, **kwargs)`."""
    buttons = kwargs.pop("buttons", None)
    return {
        "text": None,
        "buttons": buttons or [],
        "elements": [],
        "custom": {},
        "template": name,
        "response": name,
        "image": None,
        "attachment": None,
        **kwargs,
    }


def handoff_message(custom: dict[str, Any]) -> dict[str, Any]:
    """What CollectingDispatcher records for `utter_message(json_message=custom)`."""
    return {
        "text": None,
        "buttons": [],
        "elements": [],
        "custom": custom,
        "template": None,
        "response": None,
        "image": None,
        "attachment": None,
    }


def handoff(reason: str, **fields: Any) -> dict[str, Any]:
    return {"event": "handoff_request", "reason": reason, **fields}


def kwargs_of(message: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in message.items() if key not in MESSAGE_KEYS}


_PLACEHOLDER = re.compile(r"\{([^\n{}]+?)\}")


def render(message: dict[str, Any], language: str, domain: dict[str, Any] | None = None) -> str:
    """The text Rasa's NLG would show: the language's variation, placeholders filled from the
    message's kwargs. Fails on a placeholder the action did not fill."""
    name = message["response"]
    assert name is not None, message
    variations = [
        variation
        for variation in (DOMAIN if domain is None else domain)["responses"][name]
        if {"type": "slot", "name": "language", "value": language}
        in (variation.get("condition") or [])
    ]
    assert len(variations) == 1, (name, language)
    text: str = variations[0]["text"]
    values = kwargs_of(message)
    missing = set(_PLACEHOLDER.findall(text)) - set(values)
    assert not missing, f"{name}: {sorted(missing)} not filled"
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots the events leave behind (a later SlotSet of the same slot wins)."""
    values: dict[str, Any] = {}
    for event in events:
        assert event["event"] == "slot", event
        values[event["name"]] = event["value"]
    return values


# What every handoff and "yes, that helped" return: the flow is over, so when the agent hands
# the chat back the bot starts afresh and a later handoff carries no old category or steps.
FLOW_CLEARED = [
    SlotSet("issue", None),
    SlotSet("step", None),
    SlotSet("steps_tried", []),
    SlotSet("awaiting", None),
    SlotSet("offer_reason", None),
]
# What a declined offer and a stale question leave behind: nothing is awaited, the issue stays.
QUESTION_CLEARED = [SlotSet("awaiting", None), SlotSet("offer_reason", None)]
# What outage_check returns: a flow of its own without steps, nothing awaited.
OUTAGE_CHECKED = [
    SlotSet("issue", "outage_check"),
    SlotSet("step", None),
    SlotSet("steps_tried", []),
    SlotSet("awaiting", None),
]


# --- the context ------------------------------------------------------------------------------


def test_without_configure_the_shipped_defaults_are_used() -> None:
    context._configured.clear()
    assert context.current() is context._default_context()
    assert context.current().retention_days == DEFAULT_RETENTION_DAYS == 7.0
    assert "default" in context.current().config.tenants


def test_configure_replaces_the_context() -> None:
    use_context(retention_days=3.0)
    use_context(retention_days=0.0)
    assert context._configured == [ActionContext(config=CONFIG, retention_days=0.0)]
    assert context.current().retention_days == 0.0
    assert context.current().config is CONFIG


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        pytest.param("de", "de", id="de"),
        pytest.param("en", "en", id="en"),
        pytest.param("de-AT", "de", id="de-AT"),
        pytest.param("en_GB", "en", id="en-GB"),
        pytest.param(None, "de", id="unset-de"),
        pytest.param("fr", "de", id="unsupported-de"),
    ],
)
def test_language_of(slot: str | None, expected: str) -> None:
    tracker = make_tracker(latest_message=user_message("x", "greet"), slots={"language": slot})
    assert context.language_of(tracker) == expected


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        pytest.param({"tenant": "acme"}, "ACME IT Service Desk", id="acme"),
        pytest.param({"tenant": "globex", "language": "en"}, "Globex Helpdesk", id="globex"),
        pytest.param({"tenant": "initech"}, "Beispiel IT", id="unknown-default"),
        pytest.param({"tenant": 42}, "Beispiel IT", id="number-default"),
        pytest.param({"tenant": None}, "Beispiel IT", id="null-default"),
        pytest.param({}, "Beispiel IT", id="no-tenant-default"),
        pytest.param(None, "Beispiel IT", id="no-metadata-default"),
    ],
)
def test_tenant_of(metadata: dict[str, Any] | None, expected: str) -> None:
    tracker = make_tracker(latest_message=user_message("Hallo", "greet", metadata=metadata))
    assert context.tenant_of(tracker).name == expected


def test_tenant_of_without_latest_message() -> None:
    assert context.tenant_of(make_tracker(latest_message=None)).name == "Beispiel IT"


@pytest.mark.parametrize(
    ("latest_message", "expected"),
    [
        pytest.param(user_message("VPN geht nicht", "vpn_problem"), "vpn_problem", id="de"),
        pytest.param(user_message("forgot my password", "password_reset"), "password_reset"),
        pytest.param(user_message("", None), None, id="no-intent"),
        pytest.param({"intent": {"name": 7}}, None, id="not-a-name"),
        pytest.param(None, None, id="no-latest-message"),
    ],
)
def test_latest_intent(latest_message: dict[str, Any] | None, expected: str | None) -> None:
    assert context.latest_intent(make_tracker(latest_message=latest_message)) == expected


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        pytest.param("utter_label_vpn_problem", "de", "VPN-Verbindung", id="de"),
        pytest.param("utter_label_vpn_problem", "en", "VPN connection", id="en"),
        pytest.param("utter_label_email_problem", "de", None, id="de-missing"),
        pytest.param("utter_label_email_problem", "en", None, id="en-missing"),
        pytest.param("utter_unconditioned", "de", None, id="de-unconditioned"),
        pytest.param("utter_unconditioned", "en", None, id="en-unconditioned"),
    ],
)
def test_response_text(name: str, language: str, expected: str | None) -> None:
    assert context.response_text(DOMAIN, name, Language(language)) == expected


def test_response_text_of_an_empty_domain() -> None:
    assert context.response_text({}, "utter_label_vpn_problem", Language("de")) is None


# --- facts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("tenant", ["default", "acme", "globex"])
def test_service_facts_name_every_fact(tenant: str, language: str) -> None:
    facts = service_facts(CONFIG.tenants[tenant], Language(language))
    assert tuple(facts) == FACTS
    assert all(isinstance(value, str) and value.strip() for value in facts.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_service_facts_configured(language: str) -> None:
    assert service_facts(CONFIG.tenants["acme"], Language(language)) == (ACME_FACTS[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_service_facts_generic(language: str) -> None:
    facts = service_facts(TenantConfig(name="Leer"), Language(language))
    assert facts == GENERIC_FACTS[language]
    assert not any("{" in value or "http" in value for value in facts.values())


@pytest.mark.parametrize(
    ("language", "portal", "phone", "hours"),
    [
        pytest.param(
            "de",
            "das IT-Self-Service-Portal",
            "die Telefonnummer des IT-Service-Desks (siehe Intranet)",
            "werktags 9–16 Uhr",
            id="de",
        ),
        pytest.param(
            "en",
            "the IT self-service portal",
            "the IT service desk's phone number (see the intranet)",
            "during normal office hours",  # globex has German hours only
            id="en",
        ),
    ],
)
def test_service_facts_mixed(language: str, portal: str, phone: str, hours: str) -> None:
    facts = service_facts(CONFIG.tenants["globex"], Language(language))
    assert facts["service_portal_url"] == portal
    assert facts["desk_phone"] == phone
    assert facts["desk_hours"] == hours
    assert facts["security_phone"] == "+41 44 555 0199"
    assert facts["privacy_contact"] == "privacy@globex.example"


def test_service_facts_urls_are_plain_strings() -> None:
    tenant = TenantConfig.model_validate(
        {"name": "Initech", "service": {"status_page_url": "https://status.initech.example"}}
    )
    facts = service_facts(tenant, Language("en"))
    assert type(facts["status_page_url"]) is str
    assert facts["status_page_url"] == "https://status.initech.example/"


@pytest.mark.parametrize(
    ("days", "language", "expected"),
    [
        pytest.param(1, "de", "1 Tag", id="1-de"),
        pytest.param(1, "en", "1 day", id="1-en"),
        pytest.param(7, "de", "7 Tagen", id="7-de"),
        pytest.param(7, "en", "7 days", id="7-en"),
        pytest.param(30.0, "de", "30 Tagen", id="30-de"),
        pytest.param(30.0, "en", "30 days", id="30-en"),
        pytest.param(0.5, "de", "12 Stunden", id="half-de"),
        pytest.param(0.5, "en", "12 hours", id="half-en"),
        pytest.param(1 / 24, "de", "1 Stunde", id="hour-de"),
        pytest.param(1 / 24, "en", "1 hour", id="hour-en"),
        pytest.param(0.001, "de", "1 Stunde", id="minutes-de"),
        pytest.param(0.001, "en", "1 hour", id="minutes-en"),
    ],
)
def test_retention_text(days: float, language: str, expected: str) -> None:
    assert retention_text(days, Language(language)) == expected


# --- ActionSetLanguage ------------------------------------------------------------------------


def test_set_language_name() -> None:
    assert ActionSetLanguage().name() == "action_set_language"


@pytest.mark.parametrize(
    ("text", "metadata_language", "expected"),
    [
        pytest.param("Hallo, mein VPN geht nicht", "de", "de", id="de"),
        pytest.param("Hello, my VPN is down", "en", "en", id="en"),
        pytest.param("Servus, Drucker kaputt", "de-AT", "de", id="de-AT"),
        pytest.param("Hi, printer broken", "en-GB", "en", id="en-GB"),
        pytest.param("Grüezi", "DE_ch", "de", id="DE_ch"),
        pytest.param("Howdy", "EN", "en", id="EN"),
    ],
)
def test_set_language_from_metadata(text: str, metadata_language: str, expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "greet", metadata={"language": metadata_language})
    )
    events, messages = run_action(ActionSetLanguage(), tracker)
    assert events == [{"event": "slot", "timestamp": None, "name": "language", "value": expected}]
    assert events == [SlotSet("language", expected)]
    assert messages == []


@pytest.mark.parametrize(
    ("slot", "metadata_language"),
    [
        pytest.param("de", "de", id="de-unchanged"),
        pytest.param("en", "en", id="en-unchanged"),
        pytest.param("de", "de-AT", id="de-locale-unchanged"),
        pytest.param("en", "en-US", id="en-locale-unchanged"),
    ],
)
def test_set_language_is_silent_when_the_slot_has_the_value(
    slot: str, metadata_language: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message("ok", "affirm", metadata={"language": metadata_language}),
        slots={"language": slot},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == []


@pytest.mark.parametrize(
    ("slot", "metadata_language", "expected"),
    [
        pytest.param("de", "en", "en", id="de-to-en"),
        pytest.param("en", "de", "de", id="en-to-de"),
    ],
)
def test_set_language_switches(slot: str, metadata_language: str, expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message("ok", "affirm", metadata={"language": metadata_language}),
        slots={"language": slot},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == [SlotSet("language", expected)]


@pytest.mark.parametrize(
    "latest_message",
    [
        pytest.param(user_message("Bonjour", "greet", metadata={"language": "fr"}), id="fr"),
        pytest.param(user_message("Hallo", "greet", metadata={"language": ""}), id="empty"),
        pytest.param(user_message("Hello", "greet", metadata={"language": None}), id="null"),
        pytest.param(user_message("Hallo", "greet", metadata={"language": 49}), id="number"),
        pytest.param(user_message("Hello", "greet", metadata={}), id="no-language"),
        pytest.param(user_message("Hallo", "greet"), id="no-metadata"),
        pytest.param({**user_message("Hello", "greet"), "metadata": None}, id="null-metadata"),
        pytest.param(None, id="no-latest-message"),
        pytest.param({}, id="empty-latest-message"),
    ],
)
def test_set_language_ignores_missing_or_unsupported_languages(
    latest_message: dict[str, Any] | None,
) -> None:
    events, _ = run_action(ActionSetLanguage(), make_tracker(latest_message=latest_message))
    assert events == []


# A question the user has moved on from: action_set_language runs on every user message and
# forgets what was awaited unless the message answers it (or, for a fallback or frustration,
# is the next stage of it).


def test_answer_intents() -> None:
    assert {"affirm", "deny", "nlu_fallback", "frustration"} == ANSWER_INTENTS


@pytest.mark.parametrize("awaiting", ["troubleshooting", "clarification", "handoff_offer"])
@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        pytest.param("danke", "thank", "de", id="de-thank"),
        pytest.param("thanks", "thank", "en", id="en-thank"),
        pytest.param("Was speichert ihr über mich?", "privacy_question", "de", id="de-privacy"),
        pytest.param("What do you store about me?", "privacy_question", "en", id="en-privacy"),
        pytest.param("/privacy_question", "privacy_question", "de", id="de-privacy-button"),
        pytest.param("Hallo", "greet", "de", id="de-greet"),
        pytest.param("Is there an outage?", "outage_check", "en", id="en-outage-check"),
        pytest.param("Mein Drucker druckt nicht", "printer_problem", "de", id="de-new-issue"),
        pytest.param("/vpn_problem", "vpn_problem", "en", id="en-choice-button"),
        pytest.param("a human please", "request_human", "en", id="en-request-human"),
        pytest.param("Please delete my data", "delete_my_data", "en", id="en-delete"),
        pytest.param("Tschüss", "goodbye", "de", id="de-goodbye"),
        pytest.param("bitte auf Englisch", "change_language", "de", id="de-change-language"),
    ],
)
def test_set_language_forgets_a_question_the_user_moved_on_from(
    text: str, intent: str, language: str, awaiting: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, intent, metadata={"language": language}),
        slots={
            "language": language,
            "issue": "vpn_problem",
            "step": 1.0,
            "steps_tried": ["utter_vpn_problem_1"],
            "awaiting": awaiting,
            "offer_reason": "frustration",
        },
    )
    events, messages = run_action(ActionSetLanguage(), tracker)
    # only the question: the issue and the steps tried stay for a later handoff
    assert events == QUESTION_CLEARED
    assert messages == []


@pytest.mark.parametrize(
    ("slot", "metadata_language", "expected"),
    [
        pytest.param("de", "en", "en", id="de-to-en"),
        pytest.param("en", "de-AT", "de", id="en-to-de"),
        pytest.param(None, "en", "en", id="unset-to-en"),
    ],
)
def test_set_language_switches_then_forgets_the_question(
    slot: str | None, metadata_language: str, expected: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message(
            "Datenschutz?", "privacy_question", metadata={"language": metadata_language}
        ),
        slots={"language": slot, "awaiting": "troubleshooting"},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == [SlotSet("language", expected), *QUESTION_CLEARED]


@pytest.mark.parametrize("awaiting", ["troubleshooting", "clarification", "handoff_offer"])
@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        pytest.param("ja", "affirm", "de", id="de-yes"),
        pytest.param("no", "deny", "en", id="en-no"),
        pytest.param("/deny", "deny", "de", id="de-something-else-button"),
        pytest.param("Blumenkohl", "nlu_fallback", "de", id="de-fallback"),
        pytest.param("cauliflower", "nlu_fallback", "en", id="en-fallback"),
        pytest.param("So ein Mist!", "frustration", "de", id="de-frustration"),
        pytest.param("Useless!", "frustration", "en", id="en-frustration"),
    ],
)
def test_set_language_keeps_a_question_that_is_answered(
    text: str, intent: str, language: str, awaiting: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, intent, metadata={"language": language}),
        slots={"language": language, "awaiting": awaiting, "offer_reason": "fallback"},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == []


def test_set_language_keeps_the_question_when_it_only_switches_the_language() -> None:
    tracker = make_tracker(
        latest_message=user_message("no", "deny", metadata={"language": "en"}),
        slots={"language": "de", "awaiting": "troubleshooting"},
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == [SlotSet("language", "en")]


@pytest.mark.parametrize(
    ("latest_message", "awaiting"),
    [
        pytest.param(user_message("danke", "thank"), None, id="nothing-awaited"),
        pytest.param(user_message("danke", "thank"), "", id="empty-awaited"),
        pytest.param(user_message("", None), "troubleshooting", id="no-intent"),
        pytest.param({"intent": {"name": 7}}, "troubleshooting", id="not-a-name"),
        pytest.param(None, "handoff_offer", id="no-latest-message"),
    ],
)
def test_set_language_leaves_the_question_alone_without_a_new_intent(
    latest_message: dict[str, Any] | None, awaiting: str | None
) -> None:
    tracker = make_tracker(
        latest_message=latest_message, slots={"awaiting": awaiting, "offer_reason": "fallback"}
    )
    events, _ = run_action(ActionSetLanguage(), tracker)
    assert events == []


# --- build_handoff_request and ActionRequestHandoff -------------------------------------------


def test_build_handoff_request_without_slots() -> None:
    tracker = make_tracker(latest_message=user_message("Mitarbeiter bitte", "request_human"))
    assert build_handoff_request(tracker, "user_request") == handoff("user_request")


def test_build_handoff_request_from_slots() -> None:
    tracker = make_tracker(
        latest_message=user_message("agent please", "request_human"),
        slots={
            "issue": "vpn_problem",
            "step": 2.0,
            "steps_tried": ["utter_vpn_problem_1", "utter_vpn_problem_2"],
            "application": "GlobalProtect",
            "device": "Laptop",
            "operating_system": "Windows 11",
            "error_code": "0x80070005",
            "others_affected": "yes",
        },
    )
    assert build_handoff_request(tracker, "user_request") == handoff(
        "user_request",
        category="vpn_problem",
        steps_tried=["utter_vpn_problem_1", "utter_vpn_problem_2"],
        details={
            "application": "GlobalProtect",
            "device": "Laptop",
            "operating_system": "Windows 11",
            "error_code": "0x80070005",
            "others_affected": "yes",
        },
    )


def test_build_handoff_request_drops_empty_values_and_collapses_steps() -> None:
    tracker = make_tracker(
        latest_message=user_message("nein", "deny"),
        slots={
            "issue": "password_reset",
            "steps_tried": [
                "utter_password_reset_1",
                "utter_password_reset_2",
                "utter_password_reset_1",
                "utter_password_reset_2",
            ],
            "application": "",
            "device": None,
            "operating_system": [],
            "error_code": 404,
            "others_affected": "nein",
        },
    )
    assert build_handoff_request(tracker, "troubleshooting_failed") == handoff(
        "troubleshooting_failed",
        category="password_reset",
        steps_tried=["utter_password_reset_1", "utter_password_reset_2"],
        details={"error_code": "404", "others_affected": "nein"},
    )


def test_build_handoff_request_strips_details_and_drops_blank_ones() -> None:
    tracker = make_tracker(
        latest_message=user_message("agent please", "request_human"),
        slots={
            "application": "  GlobalProtect\n",
            "device": "   ",
            "operating_system": "\tWindows 11 ",
            "error_code": "",
            "others_affected": " \n\t ",
        },
    )
    assert build_handoff_request(tracker, "user_request") == handoff(
        "user_request",
        details={"application": "GlobalProtect", "operating_system": "Windows 11"},
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(["Outlook", "Teams"], "Outlook, Teams", id="two"),
        pytest.param(["Outlook"], "Outlook", id="one"),
        pytest.param(["Teams", "Outlook", "Teams"], "Teams, Outlook", id="duplicates-first-kept"),
        pytest.param([" Outlook ", "Outlook", "Outlook\n"], "Outlook", id="duplicates-stripped"),
        pytest.param(["  ", "Outlook", "", " Teams"], "Outlook, Teams", id="blanks-dropped"),
        pytest.param([404, "0x80070005", 404], "404, 0x80070005", id="not-strings"),
    ],
)
def test_build_handoff_request_joins_list_details(value: list[Any], expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message("Mitarbeiter bitte", "request_human"),
        slots={"application": value, "device": "Laptop"},
    )
    assert build_handoff_request(tracker, "user_request") == handoff(
        "user_request", details={"application": expected, "device": "Laptop"}
    )


@pytest.mark.parametrize(
    "value",
    [
        pytest.param([], id="empty"),
        pytest.param(["", "  ", "\n"], id="only-blanks"),
    ],
)
def test_build_handoff_request_drops_a_list_detail_without_text(value: list[Any]) -> None:
    tracker = make_tracker(
        latest_message=user_message("agent please", "request_human"),
        slots={"application": value},
    )
    assert build_handoff_request(tracker, "user_request") == handoff("user_request")


@pytest.mark.parametrize(
    "slots",
    [
        pytest.param({"issue": "", "steps_tried": []}, id="empty"),
        pytest.param({"issue": None, "steps_tried": None}, id="null"),
        pytest.param({"issue": 3, "steps_tried": "utter_vpn_problem_1"}, id="wrong-types"),
    ],
)
def test_build_handoff_request_ignores_empty_or_odd_flow_slots(slots: dict[str, Any]) -> None:
    tracker = make_tracker(latest_message=user_message("x", "request_human"), slots=slots)
    assert build_handoff_request(tracker, "fallback") == handoff("fallback")


def test_build_handoff_request_for_a_new_issue_ignores_the_old_flow() -> None:
    tracker = make_tracker(
        latest_message=user_message("Phishing-Mail geöffnet", "security_incident"),
        slots={
            "issue": "vpn_problem",
            "steps_tried": ["utter_vpn_problem_1"],
            "application": "Outlook",
        },
    )
    assert build_handoff_request(
        tracker, "security_incident", new_issue="security_incident"
    ) == handoff(
        "security_incident", category="security_incident", details={"application": "Outlook"}
    )


def test_flow_cleared_forgets_the_whole_flow() -> None:
    assert handoff_module.FLOW_CLEARED == FLOW_CLEARED
    assert slot_values(FLOW_CLEARED) == {
        "issue": None,
        "step": None,
        "steps_tried": [],
        "awaiting": None,
        "offer_reason": None,
    }


@pytest.mark.parametrize(
    ("reason", "new_issue", "expected"),
    [
        pytest.param(
            "user_request",
            None,
            handoff(
                "user_request",
                category="vpn_problem",
                steps_tried=["utter_vpn_problem_1"],
                details={"device": "Laptop"},
            ),
            id="user-request",
        ),
        pytest.param(
            "security_incident",
            "security_incident",
            handoff(
                "security_incident", category="security_incident", details={"device": "Laptop"}
            ),
            id="new-issue",
        ),
    ],
)
def test_hand_off_sends_the_request_and_clears_the_flow(
    reason: str, new_issue: str | None, expected: dict[str, Any]
) -> None:
    tracker = make_tracker(
        latest_message=user_message("x", "request_human"),
        slots={
            "issue": "vpn_problem",
            "step": 1.0,
            "steps_tried": ["utter_vpn_problem_1"],
            "awaiting": "handoff_offer",
            "offer_reason": "fallback",
            "device": "Laptop",
        },
    )
    dispatcher = CollectingDispatcher()
    events = hand_off(dispatcher, tracker, reason, new_issue=new_issue)
    assert dispatcher.messages == [handoff_message(expected)]
    # only the flow slots: the entity slots (here `device`) are left as they are
    assert events == FLOW_CLEARED


def test_request_handoff_name() -> None:
    assert ActionRequestHandoff().name() == "action_request_handoff"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("ich möchte mit einem Mitarbeiter sprechen", "de", id="de"),
        pytest.param("I want to talk to a human", "en", id="en"),
    ],
)
def test_request_handoff_on_user_request(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "request_human"),
        slots={"language": language, "awaiting": "handoff_offer", "offer_reason": "frustration"},
    )
    events, messages = run_action(ActionRequestHandoff(), tracker)
    assert events == FLOW_CLEARED
    assert messages == [handoff_message(handoff("user_request"))]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Mitarbeiter bitte, das VPN geht immer noch nicht", "de", id="de"),
        pytest.param("agent please, the VPN still fails", "en", id="en"),
    ],
)
def test_request_handoff_mid_flow_passes_the_flow_on(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "request_human"),
        slots={
            "language": language,
            "issue": "vpn_problem",
            "step": 2.0,
            "steps_tried": ["utter_vpn_problem_1", "utter_vpn_problem_2"],
            "awaiting": "troubleshooting",
            "device": "Laptop",
        },
    )
    events, messages = run_action(ActionRequestHandoff(), tracker)
    assert events == FLOW_CLEARED
    assert messages == [
        handoff_message(
            handoff(
                "user_request",
                category="vpn_problem",
                steps_tried=["utter_vpn_problem_1", "utter_vpn_problem_2"],
                details={"device": "Laptop"},
            )
        )
    ]


# --- ActionTroubleshoot -----------------------------------------------------------------------


def test_troubleshoot_name() -> None:
    assert ActionTroubleshoot().name() == "action_troubleshoot"


@pytest.mark.parametrize(
    ("issue", "expected"),
    [
        pytest.param("vpn_problem", 3, id="vpn"),
        pytest.param("password_reset", 2, id="password"),
        pytest.param("printer_problem", 0, id="printer-none"),
        pytest.param("security_incident", 0, id="security-none"),
    ],
)
def test_step_count_from_the_domain(issue: str, expected: int) -> None:
    assert step_count(DOMAIN, issue) == expected


def test_step_count_stops_at_a_gap() -> None:
    domain: dict[str, Any] = {"responses": {"utter_x_1": [], "utter_x_2": [], "utter_x_4": []}}
    assert step_count(domain, "x") == 2
    assert step_count({}, "x") == 0
    assert step_count({"responses": None}, "x") == 0


def test_announcement_list() -> None:
    assert announcement_list(["Eins.", "Zwei."]) == "• Eins.\n• Zwei."
    assert announcement_list([]) == ""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Mein VPN bricht ständig ab", "de", id="de"),
        pytest.param("My VPN keeps dropping", "en", id="en"),
    ],
)
def test_troubleshoot_shows_the_first_step(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "vpn_problem"), slots={"language": language}
    )
    events, messages = run_action(ActionTroubleshoot(), tracker)
    assert messages == [
        response_message("utter_vpn_problem_1", **GENERIC_FACTS[language]),
        response_message("utter_did_that_help"),
    ]
    assert events == [
        SlotSet("issue", "vpn_problem"),
        SlotSet("step", None),
        SlotSet("steps_tried", []),
        SlotSet("issue", "vpn_problem"),
        SlotSet("step", 1.0),
        SlotSet("steps_tried", ["utter_vpn_problem_1"]),
        SlotSet("awaiting", "troubleshooting"),
        SlotSet("offer_reason", None),
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Passwort vergessen",
            "de",
            "Setzen Sie Ihr Passwort über https://passwort.acme.example/reset zurück.",
            id="de",
        ),
        pytest.param(
            "I forgot my password",
            "en",
            "Reset your password at https://passwort.acme.example/reset.",
            id="en",
        ),
    ],
)
def test_troubleshoot_fills_the_tenants_facts_into_a_step(
    text: str, language: str, expected: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "password_reset", metadata={"tenant": "acme"}),
        slots={"language": language},
    )
    _, messages = run_action(ActionTroubleshoot(), tracker)
    assert messages[0] == response_message("utter_password_reset_1", **ACME_FACTS[language])
    assert render(messages[0], language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Das VPN geht wieder nicht", "de", id="de"),
        pytest.param("The VPN fails again", "en", id="en"),
    ],
)
def test_troubleshoot_restarts_a_flow_in_progress(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "vpn_problem"),
        slots={
            "language": language,
            "issue": "password_reset",
            "step": 2.0,
            "steps_tried": ["utter_password_reset_1", "utter_password_reset_2"],
            "awaiting": "handoff_offer",
            "offer_reason": "frustration",
        },
    )
    events, messages = run_action(ActionTroubleshoot(), tracker)
    assert [message["response"] for message in messages] == [
        "utter_vpn_problem_1",
        "utter_did_that_help",
    ]
    assert slot_values(events) == {
        "issue": "vpn_problem",
        "step": 1.0,
        "steps_tried": ["utter_vpn_problem_1"],
        "awaiting": "troubleshooting",
        "offer_reason": None,
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Der Drucker druckt nur leere Seiten", "de", id="de"),
        pytest.param("The printer prints blank pages", "en", id="en"),
    ],
)
def test_troubleshoot_without_steps_hands_off(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "printer_problem"),
        slots={
            "language": language,
            "issue": "vpn_problem",
            "steps_tried": ["utter_vpn_problem_1"],
        },
    )
    events, messages = run_action(ActionTroubleshoot(), tracker)
    assert messages == [
        response_message("utter_handoff"),
        handoff_message(handoff("no_troubleshooting", category="printer_problem")),
    ]
    assert events == [
        SlotSet("issue", "printer_problem"),
        SlotSet("step", None),
        SlotSet("steps_tried", []),
        *FLOW_CLEARED,
    ]


@pytest.mark.parametrize(
    ("text", "language", "tenant", "phone"),
    [
        pytest.param(
            "Ich habe auf einen Link in einer Phishing-Mail geklickt",
            "de",
            "acme",
            "+49 30 5550 1999",
            id="de-configured",
        ),
        pytest.param(
            "I clicked a link in a phishing mail",
            "en",
            "acme",
            "+49 30 5550 1999",
            id="en-configured",
        ),
        pytest.param(
            "Mein Rechner ist verschlüsselt worden",
            "de",
            "default",
            "den IT-Service-Desk und sagen Sie, dass es um einen Sicherheitsvorfall geht",
            id="de-generic",
        ),
        pytest.param(
            "My computer has been encrypted",
            "en",
            "default",
            "the IT service desk and say it is a security incident",
            id="en-generic",
        ),
    ],
)
def test_troubleshoot_security_incident_hands_off_at_once(
    text: str, language: str, tenant: str, phone: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "security_incident", metadata={"tenant": tenant}),
        slots={
            "language": language,
            "issue": "vpn_problem",
            "step": 1.0,
            "steps_tried": ["utter_vpn_problem_1"],
            "awaiting": "troubleshooting",
        },
    )
    events, messages = run_action(ActionTroubleshoot(), tracker)
    facts = ACME_FACTS[language] if tenant == "acme" else GENERIC_FACTS[language]
    assert messages == [
        response_message("utter_security_incident", **facts),
        handoff_message(handoff("security_incident", category="security_incident")),
    ]
    assert messages[0]["security_phone"] == phone
    assert phone in render(messages[0], language)
    assert events == [
        SlotSet("issue", "security_incident"),
        SlotSet("step", None),
        SlotSet("steps_tried", []),
        *FLOW_CLEARED,
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("VPN verbindet nicht", "de", id="de"),
        pytest.param("VPN won't connect", "en", id="en"),
    ],
)
def test_troubleshoot_tells_the_known_outage_first(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "vpn_problem", metadata={"tenant": "acme"}),
        slots={"language": language},
    )
    events, messages = run_action(ActionTroubleshoot(), tracker)
    assert messages == [
        response_message("utter_known_outage_for_issue", announcements=f"• {VPN_NOW[language]}"),
        response_message("utter_offer_handoff_outage"),
    ]
    shown = render(messages[0], language)
    for other in (VPN_PAST, VPN_FUTURE, MAIL_NOW, ALL_NOW):
        assert other["de"] not in shown
        assert other["en"] not in shown
    assert events == [
        SlotSet("issue", "vpn_problem"),
        SlotSet("step", None),
        SlotSet("steps_tried", []),
        SlotSet("awaiting", "handoff_offer"),
        SlotSet("offer_reason", "known_outage"),
    ]


@pytest.mark.parametrize(
    ("intent", "language"),
    [pytest.param("vpn_problem", "de", id="de"), pytest.param("password_reset", "en", id="en")],
)
def test_troubleshoot_uncategorised_announcement_concerns_every_issue(
    intent: str, language: str
) -> None:
    tracker = make_tracker(
        latest_message=user_message("x", intent, metadata={"tenant": "globex"}),
        slots={"language": language},
    )
    _, messages = run_action(ActionTroubleshoot(), tracker)
    assert messages[0] == response_message(
        "utter_known_outage_for_issue", announcements=f"• {ALL_NOW[language]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_troubleshoot_announcement_boundaries_and_text_fallback(language: str) -> None:
    config = LotseConfig.model_validate(
        {
            "tenants": {
                "default": {
                    "name": "Grenzfall IT",
                    "announcements": [
                        {
                            "id": "starts-now",
                            "text": {"de": "Beginnt jetzt."},  # German only
                            "categories": ["vpn_problem"],
                            "starts_at": NOW,
                        },
                        {
                            "id": "ended-now",
                            "text": {"de": "Endete eben.", "en": "Just ended."},
                            "categories": ["vpn_problem"],
                            "ends_at": NOW,
                        },
                    ],
                }
            }
        }
    )
    use_context(config=config)
    tracker = make_tracker(
        latest_message=user_message("VPN", "vpn_problem"), slots={"language": language}
    )
    _, messages = run_action(ActionTroubleshoot(), tracker)
    assert messages[0] == response_message(
        "utter_known_outage_for_issue", announcements="• Beginnt jetzt."
    )


@pytest.mark.parametrize(
    ("intent", "language"),
    [
        pytest.param("greet", "de", id="de-greet"),
        pytest.param("outage_check", "en", id="en-outage-check"),
        pytest.param(None, "de", id="de-no-intent"),
        pytest.param("nlu_fallback", "en", id="en-fallback"),
    ],
)
def test_troubleshoot_ignores_what_is_not_an_issue(intent: str | None, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message("hm", intent),
        slots={"language": language, "issue": "vpn_problem", "awaiting": "troubleshooting"},
    )
    events, messages = run_action(ActionTroubleshoot(), tracker)
    assert events == []
    assert messages == [response_message("utter_anything_else")]


# --- ActionAnswer -----------------------------------------------------------------------------


def test_answer_name() -> None:
    assert ActionAnswer().name() == "action_answer"


def answer_tracker(
    text: str, intent: str, language: str, tenant: str = "default", **slots: Any
) -> Tracker:
    return make_tracker(
        latest_message=user_message(text, intent, metadata={"tenant": tenant}),
        slots={"language": language, **slots},
    )


VPN_AT_STEP_1: dict[str, Any] = {
    "issue": "vpn_problem",
    "step": 1.0,
    "steps_tried": ["utter_vpn_problem_1"],
    "awaiting": "troubleshooting",
}
VPN_AT_STEP_3: dict[str, Any] = {
    "issue": "vpn_problem",
    "step": 3.0,
    "steps_tried": ["utter_vpn_problem_1", "utter_vpn_problem_2", "utter_vpn_problem_3"],
    "awaiting": "troubleshooting",
}


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("ja, geht wieder", "de", id="de"), pytest.param("yes, works", "en", id="en")],
)
def test_answer_yes_to_a_step(text: str, language: str) -> None:
    events, messages = run_action(
        ActionAnswer(), answer_tracker(text, "affirm", language, **VPN_AT_STEP_1)
    )
    assert messages == [response_message("utter_glad_it_helped")]
    assert events == FLOW_CLEARED


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("ja, danke", "de", id="de"), pytest.param("yes, thanks", "en", id="en")],
)
def test_answer_yes_to_a_later_step_forgets_the_whole_flow(text: str, language: str) -> None:
    tracker = answer_tracker(
        text, "affirm", language, **VPN_AT_STEP_3, offer_reason="frustration", device="Laptop"
    )
    events, messages = run_action(ActionAnswer(), tracker)
    assert messages == [response_message("utter_glad_it_helped")]
    assert events == FLOW_CLEARED


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("nein", "de", id="de"), pytest.param("no", "en", id="en")],
)
def test_answer_no_to_a_step_shows_the_next(text: str, language: str) -> None:
    events, messages = run_action(
        ActionAnswer(), answer_tracker(text, "deny", language, "acme", **VPN_AT_STEP_1)
    )
    assert messages == [
        response_message("utter_vpn_problem_2", **ACME_FACTS[language]),
        response_message("utter_did_that_help"),
    ]
    assert events == [
        SlotSet("issue", "vpn_problem"),
        SlotSet("step", 2.0),
        SlotSet("steps_tried", ["utter_vpn_problem_1", "utter_vpn_problem_2"]),
        SlotSet("awaiting", "troubleshooting"),
        SlotSet("offer_reason", None),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("nein, immer noch nicht", "de", id="de"), pytest.param("still no", "en")],
)
def test_answer_no_to_the_last_step_hands_off(text: str, language: str) -> None:
    events, messages = run_action(
        ActionAnswer(),
        answer_tracker(text, "deny", language, **VPN_AT_STEP_3, application="GlobalProtect"),
    )
    assert messages == [
        response_message("utter_handoff_after_steps"),
        handoff_message(
            handoff(
                "troubleshooting_failed",
                category="vpn_problem",
                steps_tried=VPN_AT_STEP_3["steps_tried"],
                details={"application": "GlobalProtect"},
            )
        ),
    ]
    assert events == FLOW_CLEARED


@pytest.mark.parametrize(
    ("reason", "language"),
    [
        pytest.param("known_outage", "de", id="de-outage"),
        pytest.param("known_outage", "en", id="en-outage"),
        pytest.param("fallback", "de", id="de-fallback"),
        pytest.param("frustration", "en", id="en-frustration"),
        pytest.param(None, "de", id="de-no-reason"),
        pytest.param(None, "en", id="en-no-reason"),
    ],
)
def test_answer_yes_to_a_handoff_offer(reason: str | None, language: str) -> None:
    tracker = answer_tracker(
        "ja bitte" if language == "de" else "yes please",
        "affirm",
        language,
        issue="vpn_problem",
        steps_tried=[],
        awaiting="handoff_offer",
        offer_reason=reason,
    )
    events, messages = run_action(ActionAnswer(), tracker)
    assert messages == [
        response_message("utter_handoff"),
        handoff_message(handoff(reason or "user_request", category="vpn_problem")),
    ]
    assert events == FLOW_CLEARED


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("nein danke", "de", id="de"), pytest.param("no thanks", "en", id="en")],
)
def test_answer_no_to_a_handoff_offer(text: str, language: str) -> None:
    tracker = answer_tracker(
        text, "deny", language, awaiting="handoff_offer", offer_reason="known_outage"
    )
    events, messages = run_action(ActionAnswer(), tracker)
    assert messages == [response_message("utter_handoff_declined")]
    assert events == QUESTION_CLEARED


@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        pytest.param("nein", "deny", "de", id="de-no"),
        pytest.param("no", "deny", "en", id="en-no"),
        pytest.param("ja", "affirm", "de", id="de-yes"),
        pytest.param("yes", "affirm", "en", id="en-yes"),
    ],
)
def test_answer_to_a_clarification_asks_to_rephrase(text: str, intent: str, language: str) -> None:
    tracker = answer_tracker(text, intent, language, awaiting="clarification")
    events, messages = run_action(ActionAnswer(), tracker)
    assert messages == [response_message("utter_ask_rephrase")]
    assert events == []


@pytest.mark.parametrize(
    ("text", "intent", "language", "awaiting"),
    [
        pytest.param("ja", "affirm", "de", None, id="de-yes"),
        pytest.param("no", "deny", "en", None, id="en-no"),
        pytest.param("nein", "deny", "de", "something_unknown", id="de-unknown"),
    ],
)
def test_answer_out_of_the_blue(
    text: str, intent: str, language: str, awaiting: str | None
) -> None:
    tracker = answer_tracker(text, intent, language, awaiting=awaiting)
    events, messages = run_action(ActionAnswer(), tracker)
    assert messages == [response_message("utter_anything_else")]
    assert events == []


# --- ActionClarify ----------------------------------------------------------------------------


def test_clarify_name() -> None:
    assert ActionClarify().name() == "action_clarify"


FALLBACK_RANKING = ranked(
    ("nlu_fallback", 0.7),
    ("greet", 0.12),
    ("out_of_scope", 0.1),
    ("password_reset", 0.03),  # listed before the better one: the order is by confidence
    ("vpn_problem", 0.05),
    ("affirm", 0.04),
    ("printer_problem", 0.02),
)


def test_likely_intents_skips_what_cannot_be_offered() -> None:
    tracker = make_tracker(
        latest_message=user_message("VPN Passwort?", "nlu_fallback", ranking=FALLBACK_RANKING)
    )
    assert likely_intents(tracker) == ["vpn_problem", "password_reset"]
    assert likely_intents(tracker, limit=3) == ["vpn_problem", "password_reset", "printer_problem"]
    assert likely_intents(make_tracker(latest_message=None)) == []


@pytest.mark.parametrize(
    ("text", "language", "titles"),
    [
        pytest.param(
            "VPN oder Passwort, keine Ahnung",
            "de",
            ["VPN-Verbindung", "Passwort zurücksetzen", "Etwas anderes"],
            id="de",
        ),
        pytest.param(
            "VPN or password, no idea",
            "en",
            ["VPN connection", "Reset password", "Something else"],
            id="en",
        ),
    ],
)
def test_clarify_offers_the_two_best_issues(text: str, language: str, titles: list[str]) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "nlu_fallback", ranking=FALLBACK_RANKING),
        slots={"language": language},
    )
    events, messages = run_action(ActionClarify(), tracker)
    buttons = [
        {"title": titles[0], "payload": "/vpn_problem"},
        {"title": titles[1], "payload": "/password_reset"},
        {"title": titles[2], "payload": "/deny"},
    ]
    assert messages == [response_message("utter_clarify", buttons=buttons)]
    assert events == [SlotSet("awaiting", "clarification"), SlotSet("offer_reason", None)]


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        pytest.param("de", ["Mit einem Menschen sprechen", "Etwas anderes"], id="de"),
        pytest.param("en", ["Talk to a person", "Something else"], id="en"),
    ],
)
def test_clarify_skips_an_intent_without_a_label(language: str, titles: list[str]) -> None:
    ranking = ranked(("nlu_fallback", 0.6), ("email_problem", 0.3), ("request_human", 0.1))
    tracker = make_tracker(
        latest_message=user_message("hm", "nlu_fallback", ranking=ranking),
        slots={"language": language},
    )
    _, messages = run_action(ActionClarify(), tracker)
    assert messages == [
        response_message(
            "utter_clarify",
            buttons=[
                {"title": titles[0], "payload": "/request_human"},
                {"title": titles[1], "payload": "/deny"},
            ],
        )
    ]


@pytest.mark.parametrize(
    ("text", "language", "ranking"),
    [
        pytest.param(
            "Blumenkohl",
            "de",
            ranked(("nlu_fallback", 0.7), ("greet", 0.2), ("out_of_scope", 0.1)),
            id="de-nothing-offerable",
        ),
        pytest.param("cauliflower", "en", [], id="en-no-ranking"),
        pytest.param(
            "Drucker?",
            "de",
            ranked(("nlu_fallback", 0.7), ("email_problem", 0.3)),
            id="de-no-label",
        ),
    ],
)
def test_clarify_without_choices_asks_to_rephrase(
    text: str, language: str, ranking: list[dict[str, Any]]
) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "nlu_fallback", ranking=ranking),
        slots={"language": language},
    )
    events, messages = run_action(ActionClarify(), tracker)
    assert messages == [response_message("utter_ask_rephrase")]
    assert events == [SlotSet("awaiting", "clarification"), SlotSet("offer_reason", None)]


def test_clarify_without_the_something_else_label_asks_to_rephrase() -> None:
    responses = dict(RESPONSES)
    del responses["utter_label_something_else"]
    tracker = make_tracker(
        latest_message=user_message("hm", "nlu_fallback", ranking=FALLBACK_RANKING),
        slots={"language": "de"},
    )
    _, messages = run_action(ActionClarify(), tracker, {**DOMAIN, "responses": responses})
    assert messages == [response_message("utter_ask_rephrase")]


@pytest.mark.parametrize(
    ("text", "language", "awaiting"),
    [
        pytest.param("immer noch Blumenkohl", "de", "clarification", id="de-after-clarify"),
        pytest.param("still cauliflower", "en", "clarification", id="en-after-clarify"),
        pytest.param("Blumenkohl!", "de", "handoff_offer", id="de-while-offered"),
        pytest.param("cauliflower!", "en", "handoff_offer", id="en-while-offered"),
    ],
)
def test_clarify_a_second_miss_offers_a_person(text: str, language: str, awaiting: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "nlu_fallback", ranking=FALLBACK_RANKING),
        slots={"language": language, "awaiting": awaiting, "offer_reason": "frustration"},
    )
    events, messages = run_action(ActionClarify(), tracker)
    assert messages == [response_message("utter_offer_handoff_not_understood")]
    assert events == [SlotSet("awaiting", "handoff_offer"), SlotSet("offer_reason", "fallback")]


# --- ActionOfferHandoff -----------------------------------------------------------------------


def test_offer_handoff_name() -> None:
    assert ActionOfferHandoff().name() == "action_offer_handoff"


@pytest.mark.parametrize(
    ("text", "language", "awaiting"),
    [
        pytest.param("Das ist doch Mist!", "de", None, id="de"),
        pytest.param("This is useless!", "en", "troubleshooting", id="en-mid-flow"),
    ],
)
def test_offer_handoff_on_frustration(text: str, language: str, awaiting: str | None) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "frustration"),
        slots={"language": language, "awaiting": awaiting},
    )
    events, messages = run_action(ActionOfferHandoff(), tracker)
    assert messages == [response_message("utter_offer_handoff_frustration")]
    assert events == [SlotSet("awaiting", "handoff_offer"), SlotSet("offer_reason", "frustration")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Nutzlos!!!", "de", id="de"),
        pytest.param("Useless!!!", "en", id="en"),
    ],
)
def test_offer_handoff_second_outburst_hands_off(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "frustration"),
        slots={
            "language": language,
            "awaiting": "handoff_offer",
            "offer_reason": "frustration",
            "issue": "password_reset",
            "steps_tried": ["utter_password_reset_1"],
        },
    )
    events, messages = run_action(ActionOfferHandoff(), tracker)
    assert messages == [
        response_message("utter_handoff"),
        handoff_message(
            handoff(
                "frustration", category="password_reset", steps_tried=["utter_password_reset_1"]
            )
        ),
    ]
    assert events == FLOW_CLEARED


# --- ActionCheckOutages -----------------------------------------------------------------------


def test_check_outages_name() -> None:
    assert ActionCheckOutages().name() == "action_check_outages"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Gibt es gerade eine Störung?", "de", id="de"),
        pytest.param("Is there an outage right now?", "en", id="en"),
    ],
)
def test_check_outages_lists_active_announcements(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "outage_check", metadata={"tenant": "globex"}),
        slots={"language": language, "awaiting": "troubleshooting"},
    )
    events, messages = run_action(ActionCheckOutages(), tracker)
    assert messages == [
        response_message("utter_outage_known", announcements=f"• {ALL_NOW[language]}")
    ]
    assert events == OUTAGE_CHECKED


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Gibt es gerade eine Störung?", "de", id="de"),
        pytest.param("Is there an outage right now?", "en", id="en"),
    ],
)
def test_check_outages_lists_categorised_announcements(text: str, language: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "outage_check", metadata={"tenant": "acme"}),
        slots={"language": language},
    )
    events, messages = run_action(ActionCheckOutages(), tracker)
    assert messages == [
        response_message(
            "utter_outage_known",
            announcements=f"• {VPN_NOW[language]}\n• {MAIL_NOW[language]}",
        )
    ]
    shown = render(messages[0], language)
    for other in (VPN_PAST, VPN_FUTURE, ALL_NOW):
        assert other["de"] not in shown
        assert other["en"] not in shown
    assert events == OUTAGE_CHECKED


def test_announcement_concerns_and_outage_check_asks_about_every_issue() -> None:
    acme, globex = CONFIG.tenants["acme"], CONFIG.tenants["globex"]
    vpn_now = next(item for item in acme.announcements if item.id == "vpn-now")
    assert vpn_now.concerns(None)  # outage_check asks about every issue
    assert vpn_now.concerns("vpn_problem")
    assert not vpn_now.concerns("email_problem")
    assert globex.announcements[0].concerns(None)
    assert globex.announcements[0].concerns("printer_problem")
    assert [item.id for item in acme.active_announcements(NOW)] == ["vpn-now", "mail-now"]
    assert [item.id for item in acme.active_announcements(NOW, category="vpn_problem")] == [
        "vpn-now"
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_outages_announcement_boundaries_and_text_fallback(language: str) -> None:
    config = LotseConfig.model_validate(
        {
            "tenants": {
                "default": {
                    "name": "Grenzfall IT",
                    "announcements": [
                        {
                            "id": "starts-now",
                            "text": {"de": "Beginnt jetzt."},  # German only
                            "categories": ["vpn_problem"],
                            "starts_at": NOW,
                        },
                        {
                            "id": "ended-now",
                            "text": {"de": "Endete eben.", "en": "Just ended."},
                            "categories": ["printer_problem"],
                            "ends_at": NOW,
                        },
                        {
                            "id": "open",
                            "text": {"en": "Teams is slow.", "de": "Teams ist langsam."},
                        },
                    ],
                }
            }
        }
    )
    use_context(config=config)
    tracker = make_tracker(
        latest_message=user_message("Störung?", "outage_check"), slots={"language": language}
    )
    _, messages = run_action(ActionCheckOutages(), tracker)
    teams = "Teams ist langsam." if language == "de" else "Teams is slow."
    assert messages == [
        response_message("utter_outage_known", announcements=f"• Beginnt jetzt.\n• {teams}")
    ]


@pytest.mark.parametrize(
    ("text", "language", "tenant"),
    [
        pytest.param("Gibt es eine Störung?", "de", "acme", id="de-known"),
        pytest.param("Any outage?", "en", "initech", id="en-none"),
    ],
)
def test_check_outages_mid_flow_resets_the_flow(text: str, language: str, tenant: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "outage_check", metadata={"tenant": tenant}),
        slots={
            "language": language,
            "issue": "password_reset",
            "step": 2.0,
            "steps_tried": ["utter_password_reset_1", "utter_password_reset_2"],
            "awaiting": "troubleshooting",
            "device": "Laptop",
        },
    )
    events, messages = run_action(ActionCheckOutages(), tracker)
    if tenant == "acme":
        expected = response_message(
            "utter_outage_known", announcements=f"• {VPN_NOW[language]}\n• {MAIL_NOW[language]}"
        )
    else:
        expected = response_message("utter_outage_none", **GENERIC_FACTS[language])
    assert messages == [expected]
    assert events == OUTAGE_CHECKED


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Ist etwas gestört?",
            "de",
            "Mir ist keine Störung bekannt; schauen Sie auf die IT-Statusseite im Intranet.",
            id="de",
        ),
        pytest.param(
            "Anything down?",
            "en",
            "I know of no disruption; check the IT status page on the intranet.",
            id="en",
        ),
    ],
)
def test_check_outages_none(text: str, language: str, expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "outage_check", metadata={"tenant": "initech"}),
        slots={"language": language},
    )
    events, messages = run_action(ActionCheckOutages(), tracker)
    assert messages == [response_message("utter_outage_none", **GENERIC_FACTS[language])]
    assert render(messages[0], language) == expected
    assert events == OUTAGE_CHECKED


# --- ActionPrivacy ----------------------------------------------------------------------------


def test_privacy_name() -> None:
    assert ActionPrivacy().name() == "action_privacy"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Was speichert ihr über mich?",
            "de",
            "Originale werden nach 7 Tagen gelöscht. Kontakt: datenschutz@acme.example.",
            id="de",
        ),
        pytest.param(
            "What do you store about me?",
            "en",
            "Originals are deleted after 7 days. Contact: datenschutz@acme.example.",
            id="en",
        ),
    ],
)
def test_privacy_names_the_retention(text: str, language: str, expected: str) -> None:
    tracker = make_tracker(
        latest_message=user_message(text, "privacy_question", metadata={"tenant": "acme"}),
        slots={"language": language},
    )
    events, messages = run_action(ActionPrivacy(), tracker)
    retention = "7 Tagen" if language == "de" else "7 days"
    assert messages == [
        response_message("utter_privacy", retention=retention, **ACME_FACTS[language])
    ]
    assert render(messages[0], language) == expected
    assert events == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Was speichert ihr?",
            "de",
            "Originale werden nicht aufbewahrt. Kontakt: der Datenschutzbeauftragte Ihres "
            "Unternehmens.",
            id="de",
        ),
        pytest.param(
            "What do you keep?",
            "en",
            "No originals are kept. Contact: your company's data protection officer.",
            id="en",
        ),
    ],
)
def test_privacy_without_retention(text: str, language: str, expected: str) -> None:
    use_context(retention_days=0)
    tracker = make_tracker(
        latest_message=user_message(text, "privacy_question"), slots={"language": language}
    )
    _, messages = run_action(ActionPrivacy(), tracker)
    assert [message["response"] for message in messages] == ["utter_privacy_no_originals"]
    assert kwargs_of(messages[0])["privacy_contact"] == GENERIC_FACTS[language]["privacy_contact"]
    assert render(messages[0], language) == expected


@pytest.mark.parametrize(
    ("text", "language", "days", "response", "expected"),
    [
        pytest.param(
            "Bitte löschen Sie meine Daten",
            "de",
            7,
            "utter_delete_my_data",
            "Ansprechpartner ist privacy@globex.example; Originale verschwinden nach 7 Tagen.",
            id="de",
        ),
        pytest.param(
            "Please delete my data",
            "en",
            7,
            "utter_delete_my_data",
            "Contact privacy@globex.example; originals are gone after 7 days.",
            id="en",
        ),
        pytest.param(
            "Daten löschen",
            "de",
            0.5,
            "utter_delete_my_data",
            "Ansprechpartner ist privacy@globex.example; Originale verschwinden nach 12 Stunden.",
            id="de-hours",
        ),
        pytest.param(
            "delete my data",
            "en",
            1,
            "utter_delete_my_data",
            "Contact privacy@globex.example; originals are gone after 1 day.",
            id="en-one-day",
        ),
        pytest.param(
            "Daten löschen",
            "de",
            0,
            "utter_delete_my_data_no_originals",
            "Ansprechpartner ist privacy@globex.example.",
            id="de-no-originals",
        ),
        pytest.param(
            "delete my data",
            "en",
            0,
            "utter_delete_my_data_no_originals",
            "Contact privacy@globex.example.",
            id="en-no-originals",
        ),
    ],
)
def test_privacy_delete_my_data(
    text: str, language: str, days: float, response: str, expected: str
) -> None:
    use_context(retention_days=days)
    tracker = make_tracker(
        latest_message=user_message(text, "delete_my_data", metadata={"tenant": "globex"}),
        slots={"language": language},
    )
    events, messages = run_action(ActionPrivacy(), tracker)
    assert [message["response"] for message in messages] == [response]
    assert render(messages[0], language) == expected
    assert events == []


# --- through rasa-sdk's ActionExecutor, as the switchboard runs them ----------------------


@pytest.fixture
def executor() -> ActionExecutor:
    return create_executor()


def test_executor_registers_every_action(executor: ActionExecutor) -> None:
    assert set(executor.actions) == set(ACTIONS)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Hallo, mein Drucker druckt nicht", "de", id="de"),
        pytest.param("Hello, my printer does not print", "en-GB", id="en"),
    ],
)
async def test_executor_runs_set_language(
    executor: ActionExecutor, text: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "greet", metadata={"language": language}),
        events=[action_event("action_listen"), user_event(text, "greet")],
    )
    result = await executor.run(action_call("action_set_language", tracker))
    assert result is not None
    assert result.events == [
        {"event": "slot", "timestamp": None, "name": "language", "value": language[:2]}
    ]
    assert result.responses == []


@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        pytest.param("danke", "thank", "de", id="de"),
        pytest.param("/privacy_question", "privacy_question", "en", id="en"),
    ],
)
async def test_executor_set_language_forgets_a_stale_question(
    executor: ActionExecutor, text: str, intent: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, intent, metadata={"language": language}),
        slots={"language": language, "awaiting": "clarification", "offer_reason": None},
        events=[action_event("action_listen"), user_event(text, intent)],
    )
    result = await executor.run(action_call("action_set_language", tracker))
    assert result is not None
    assert result.events == [
        {"event": "slot", "timestamp": None, "name": "awaiting", "value": None},
        {"event": "slot", "timestamp": None, "name": "offer_reason", "value": None},
    ]
    assert result.responses == []


async def test_executor_set_language_without_change(executor: ActionExecutor) -> None:
    tracker = tracker_state(
        latest_message=user_message("ok", "affirm", metadata={"language": "de"}),
        slots={"language": "de"},
    )
    result = await executor.run(action_call("action_set_language", tracker))
    assert result is not None
    assert result.events == []
    assert result.responses == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Mitarbeiter bitte", "de", id="de"),
        pytest.param("human please", "en", id="en"),
    ],
)
async def test_executor_runs_request_handoff(
    executor: ActionExecutor, text: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "request_human"),
        slots={
            "language": language,
            "issue": "password_reset",
            "steps_tried": ["utter_password_reset_1"],
            "awaiting": "troubleshooting",
        },
        events=[action_event("action_listen"), user_event(text, "request_human")],
    )
    result = await executor.run(action_call("action_request_handoff", tracker))
    assert result is not None
    assert result.events == FLOW_CLEARED
    assert result.responses == [
        handoff_message(
            handoff(
                "user_request", category="password_reset", steps_tried=["utter_password_reset_1"]
            )
        )
    ]
    assert result.model_dump() == {"events": FLOW_CLEARED, "responses": result.responses}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Passwort vergessen", "de", id="de"),
        pytest.param("forgot my password", "en", id="en"),
    ],
)
async def test_executor_runs_troubleshoot(
    executor: ActionExecutor, text: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "password_reset", metadata={"tenant": "acme"}),
        slots={"language": language},
        events=[action_event("action_listen"), user_event(text, "password_reset")],
    )
    result = await executor.run(action_call("action_troubleshoot", tracker))
    assert result is not None
    assert result.responses == [
        response_message("utter_password_reset_1", **ACME_FACTS[language]),
        response_message("utter_did_that_help"),
    ]
    assert slot_values(result.events) == {
        "issue": "password_reset",
        "step": 1.0,
        "steps_tried": ["utter_password_reset_1"],
        "awaiting": "troubleshooting",
        "offer_reason": None,
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("nein", "de", id="de"), pytest.param("no", "en", id="en")],
)
async def test_executor_runs_answer(executor: ActionExecutor, text: str, language: str) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "deny"),
        slots={"language": language, **VPN_AT_STEP_3},
    )
    result = await executor.run(action_call("action_answer", tracker))
    assert result is not None
    assert result.events == FLOW_CLEARED
    assert result.responses == [
        response_message("utter_handoff_after_steps"),
        handoff_message(
            handoff(
                "troubleshooting_failed",
                category="vpn_problem",
                steps_tried=VPN_AT_STEP_3["steps_tried"],
            )
        ),
    ]


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        pytest.param("de", ["VPN-Verbindung", "Passwort zurücksetzen", "Etwas anderes"], id="de"),
        pytest.param("en", ["VPN connection", "Reset password", "Something else"], id="en"),
    ],
)
async def test_executor_runs_clarify(
    executor: ActionExecutor, language: str, titles: list[str]
) -> None:
    tracker = tracker_state(
        latest_message=user_message("hm", "nlu_fallback", ranking=FALLBACK_RANKING),
        slots={"language": language},
    )
    result = await executor.run(action_call("action_clarify", tracker))
    assert result is not None
    assert result.events == [SlotSet("awaiting", "clarification"), SlotSet("offer_reason", None)]
    assert [button["title"] for button in result.responses[0]["buttons"]] == titles


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("So ein Mist", "de", id="de"), pytest.param("This sucks", "en", id="en")],
)
async def test_executor_runs_offer_handoff(
    executor: ActionExecutor, text: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "frustration"), slots={"language": language}
    )
    result = await executor.run(action_call("action_offer_handoff", tracker))
    assert result is not None
    assert result.events == [
        SlotSet("awaiting", "handoff_offer"),
        SlotSet("offer_reason", "frustration"),
    ]
    assert result.responses == [response_message("utter_offer_handoff_frustration")]


@pytest.mark.parametrize(
    ("text", "language"),
    [pytest.param("Störung?", "de", id="de"), pytest.param("outage?", "en", id="en")],
)
async def test_executor_runs_check_outages(
    executor: ActionExecutor, text: str, language: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "outage_check", metadata={"tenant": "globex"}),
        slots={"language": language},
    )
    result = await executor.run(action_call("action_check_outages", tracker))
    assert result is not None
    assert result.events == OUTAGE_CHECKED
    assert result.responses == [
        response_message("utter_outage_known", announcements=f"• {ALL_NOW[language]}")
    ]


@pytest.mark.parametrize(
    ("text", "language", "retention"),
    [
        pytest.param("Datenschutz?", "de", "7 Tagen", id="de"),
        pytest.param("privacy?", "en", "7 days", id="en"),
    ],
)
async def test_executor_runs_privacy(
    executor: ActionExecutor, text: str, language: str, retention: str
) -> None:
    tracker = tracker_state(
        latest_message=user_message(text, "privacy_question"), slots={"language": language}
    )
    result = await executor.run(action_call("action_privacy", tracker))
    assert result is not None
    assert result.events == []
    assert result.responses == [
        response_message("utter_privacy", retention=retention, **GENERIC_FACTS[language])
    ]
