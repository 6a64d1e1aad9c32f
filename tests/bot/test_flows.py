"""Whole conversations: the actions chained turn by turn, as Rasa 3.6 would run them.

Each user turn runs what Rasa runs: the slots from entities and `action_set_language` (the
slot's custom mapping, which also forgets a question the message does not answer), then the
actions data/rules.yml maps the intent to, every custom action through rasa-sdk's
`ActionExecutor` with a full action call. The slots the actions set are
carried into the next turn's tracker, so the dialogue state lives where it lives in production.
The domain is the hand-built one of test_actions.py; all data is fictitious.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

from bot.actions import context
from tests.bot.test_actions import (
    ALL_NOW,
    DOMAIN,
    MAIL_NOW,
    NOW,
    RESPONSES,
    VPN_FUTURE,
    VPN_NOW,
    VPN_PAST,
    action_call,
    action_event,
    bilingual,
    create_executor,
    handoff,
    ranked,
    render,
    response_message,
    tracker_state,
    use_context,
    user_event,
    user_message,
)

RULES_FILE = Path(__file__).resolve().parents[2] / "data" / "rules.yml"
VPN_STEPS = ["utter_vpn_problem_1", "utter_vpn_problem_2", "utter_vpn_problem_3"]
PASSWORD_STEPS = ["utter_password_reset_1", "utter_password_reset_2"]
# The flow slots after a handoff or "yes, that helped": the bot starts afresh.
NO_FLOW: dict[str, Any] = {
    "issue": None,
    "step": None,
    "steps_tried": [],
    "awaiting": None,
    "offer_reason": None,
}


def load_rule_actions() -> dict[str, list[str]]:
    """intent → the actions its rule runs (each rule is one intent, then actions)."""
    mapping: dict[str, list[str]] = {}
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))["rules"]
    for rule in rules:
        first, *rest = rule["steps"]
        assert set(first) == {"intent"}, rule
        assert all(set(step) == {"action"} for step in rest), rule
        assert first["intent"] not in mapping, rule
        mapping[first["intent"]] = [step["action"] for step in rest]
    return mapping


RULE_ACTIONS = load_rule_actions()


@pytest.fixture(autouse=True)
def service_context(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test configuration with a retention of 7 days at a fixed time; then the defaults."""
    use_context()
    monkeypatch.setattr(context, "now", lambda: NOW)
    yield
    context._configured.clear()


@pytest.fixture
def executor() -> ActionExecutor:
    return create_executor()


@dataclass
class Turn:
    """What the bot sent in one turn, and in which language."""

    messages: list[dict[str, Any]]
    language: str
    domain: dict[str, Any]

    @property
    def responses(self) -> list[str | None]:
        return [message["response"] for message in self.messages]

    @property
    def texts(self) -> list[str]:
        """The rendered responses (handoff requests left out)."""
        return [
            render(message, self.language, self.domain)
            for message in self.messages
            if message["response"] is not None
        ]

    @property
    def handoffs(self) -> list[dict[str, Any]]:
        return [message["custom"] for message in self.messages if message["custom"]]

    @property
    def buttons(self) -> list[tuple[str, str]]:
        return [
            (button["title"], button["payload"])
            for message in self.messages
            for button in message["buttons"]
        ]


class Conversation:
    """One user talking to the bot; the slots carry over from turn to turn."""

    def __init__(
        self,
        executor: ActionExecutor,
        language: str,
        *,
        tenant: str | None = None,
        domain: dict[str, Any] | None = None,
    ) -> None:
        self.executor = executor
        self.language = language
        self.tenant = tenant
        self.domain = DOMAIN if domain is None else domain
        self.slots: dict[str, Any] = {name: None for name in self.domain["slots"]}
        self.events: list[dict[str, Any]] = [
            action_event("action_session_start"),
            action_event("action_listen"),
        ]
        self.actions_run: list[str] = []

    async def say(
        self,
        text: str,
        intent: str,
        *,
        ranking: list[dict[str, Any]] | None = None,
        entities: dict[str, str] | None = None,
        language: str | None = None,
    ) -> Turn:
        if language is not None:
            self.language = language
        metadata: dict[str, Any] = {"language": self.language}
        if self.tenant is not None:
            metadata["tenant"] = self.tenant
        entity_list = [
            {"entity": name, "value": value, "start": 0, "end": 1, "extractor": "Regex"}
            for name, value in (entities or {}).items()
        ]
        message = user_message(
            text, intent, metadata=metadata, ranking=ranking, entities=entity_list
        )
        event = user_event(text, intent, metadata=metadata)
        event["parse_data"] = message
        self.events.append(event)
        # action_extract_slots: from_entity mappings, then the custom mapping of `language`
        for name, value in (entities or {}).items():
            self._set(name, value)
        assert await self._run("action_set_language", message) == []
        messages: list[dict[str, Any]] = []
        for action in RULE_ACTIONS[intent]:
            if action.startswith("utter_"):
                messages.append(response_message(action))
                self.events.append(action_event(action))
            else:
                messages.extend(await self._run(action, message))
        self.events.append(action_event("action_listen"))
        return Turn(messages, str(self.slots["language"]), self.domain)

    async def _run(self, action: str, message: dict[str, Any]) -> list[dict[str, Any]]:
        tracker = tracker_state(
            latest_message=message, slots=dict(self.slots), events=list(self.events)
        )
        result = await self.executor.run(action_call(action, tracker, self.domain))
        assert result is not None
        self.actions_run.append(action)
        self.events.append(action_event(action))
        for event in result.events:
            assert event["event"] == "slot", event
            self._set(event["name"], event["value"])
        responses: list[dict[str, Any]] = result.responses
        return responses

    def _set(self, name: str, value: Any) -> None:
        assert name in self.slots, name
        self.slots[name] = value
        self.events.append({"event": "slot", "timestamp": None, "name": name, "value": value})

    def flow_slots(self) -> dict[str, Any]:
        return {
            name: self.slots[name]
            for name in ("issue", "step", "steps_tried", "awaiting", "offer_reason")
        }


def test_the_rules_map_the_intents_to_the_actions() -> None:
    """The simulated conversations rely on these rules (data/rules.yml)."""
    assert RULE_ACTIONS["vpn_problem"] == ["action_troubleshoot"]
    assert RULE_ACTIONS["security_incident"] == ["action_troubleshoot"]
    assert RULE_ACTIONS["affirm"] == RULE_ACTIONS["deny"] == ["action_answer"]
    assert RULE_ACTIONS["nlu_fallback"] == ["action_clarify"]
    assert RULE_ACTIONS["frustration"] == ["action_offer_handoff"]
    assert RULE_ACTIONS["request_human"] == ["utter_handoff", "action_request_handoff"]
    assert RULE_ACTIONS["outage_check"] == ["action_check_outages"]
    assert RULE_ACTIONS["privacy_question"] == RULE_ACTIONS["delete_my_data"] == ["action_privacy"]
    assert RULE_ACTIONS["thank"] == ["utter_you_are_welcome"]
    assert RULE_ACTIONS["greet"] == ["utter_greet"]


# --- troubleshooting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "problem", "no", "again", "expected"),
    [
        pytest.param(
            "de",
            "Mein VPN mit GlobalProtect bricht ständig ab",
            "nein",
            "nein, immer noch nicht",
            [
                "Trennen Sie das VPN und verbinden Sie sich neu.",
                "Prüfen Sie, ob Sie ohne VPN ins Internet kommen.",
                "Starten Sie den Rechner neu und schauen Sie auf die IT-Statusseite im Intranet.",
            ],
            id="de",
        ),
        pytest.param(
            "en",
            "My GlobalProtect VPN keeps dropping",
            "no",
            "no, still broken",
            [
                "Disconnect the VPN and connect again.",
                "Check whether the internet works without the VPN.",
                "Restart your computer and check the IT status page on the intranet.",
            ],
            id="en",
        ),
    ],
)
async def test_every_step_fails_then_a_person_takes_over(
    executor: ActionExecutor,
    language: str,
    problem: str,
    no: str,
    again: str,
    expected: list[str],
) -> None:
    chat = Conversation(executor, language)
    did_that_help = "Hat das geholfen?" if language == "de" else "Did that help?"

    turn = await chat.say(problem, "vpn_problem", entities={"application": "GlobalProtect"})
    assert turn.responses == ["utter_vpn_problem_1", "utter_did_that_help"]
    assert turn.texts == [expected[0], did_that_help]
    turn = await chat.say(no, "deny")
    assert turn.texts == [expected[1], did_that_help]
    turn = await chat.say(again, "deny")
    assert turn.texts == [expected[2], did_that_help]
    assert chat.flow_slots() == {
        "issue": "vpn_problem",
        "step": 3.0,
        "steps_tried": VPN_STEPS,
        "awaiting": "troubleshooting",
        "offer_reason": None,
    }

    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_handoff_after_steps", None]
    assert turn.handoffs == [
        handoff(
            "troubleshooting_failed",
            category="vpn_problem",
            steps_tried=VPN_STEPS,
            details={"application": "GlobalProtect"},
        )
    ]
    assert chat.flow_slots() == NO_FLOW

    # the flow is over: another "no" answers nothing
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]
    assert turn.handoffs == []


@pytest.mark.parametrize(
    ("language", "problem", "yes", "step", "glad"),
    [
        pytest.param(
            "de",
            "Ich habe mein Passwort vergessen",
            "ja, hat geklappt",
            "Setzen Sie Ihr Passwort über https://passwort.acme.example/reset zurück.",
            "Prima, freut mich!",
            id="de",
        ),
        pytest.param(
            "en",
            "I forgot my password",
            "yes, that worked",
            "Reset your password at https://passwort.acme.example/reset.",
            "Great, glad that worked!",
            id="en",
        ),
    ],
)
async def test_a_step_helps(
    executor: ActionExecutor, language: str, problem: str, yes: str, step: str, glad: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    turn = await chat.say(problem, "password_reset")
    assert turn.texts[0] == step
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_glad_it_helped"]
    assert turn.texts == [glad]
    assert turn.handoffs == []
    assert chat.flow_slots() == NO_FLOW

    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_anything_else"]


@pytest.mark.parametrize(
    ("language", "vpn", "no", "password"),
    [
        pytest.param("de", "VPN geht nicht", "nein", "und mein Passwort ist abgelaufen", id="de"),
        pytest.param("en", "VPN is down", "no", "and my password expired", id="en"),
    ],
)
async def test_a_new_issue_mid_flow_starts_over(
    executor: ActionExecutor, language: str, vpn: str, no: str, password: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    turn = await chat.say(no, "deny")
    assert turn.responses[0] == "utter_vpn_problem_2"
    assert chat.slots["steps_tried"] == VPN_STEPS[:2]

    turn = await chat.say(password, "password_reset")
    assert turn.responses == ["utter_password_reset_1", "utter_did_that_help"]
    assert chat.flow_slots() == {
        "issue": "password_reset",
        "step": 1.0,
        "steps_tried": ["utter_password_reset_1"],
        "awaiting": "troubleshooting",
        "offer_reason": None,
    }
    turn = await chat.say(no, "deny")
    assert turn.responses[0] == "utter_password_reset_2"
    turn = await chat.say(no, "deny")
    assert turn.handoffs == [
        handoff("troubleshooting_failed", category="password_reset", steps_tried=PASSWORD_STEPS)
    ]


@pytest.mark.parametrize(
    ("language", "vpn", "no"),
    [
        pytest.param("de", "VPN geht nicht", "nein", id="de"),
        pytest.param("en", "VPN is down", "no", id="en"),
    ],
)
async def test_the_same_issue_again_starts_at_the_first_step(
    executor: ActionExecutor, language: str, vpn: str, no: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    await chat.say(no, "deny")
    turn = await chat.say(vpn, "vpn_problem")
    assert turn.responses[0] == "utter_vpn_problem_1"
    for _ in range(2):
        await chat.say(no, "deny")
    turn = await chat.say(no, "deny")
    assert turn.handoffs == [
        handoff("troubleshooting_failed", category="vpn_problem", steps_tried=VPN_STEPS)
    ]


@pytest.mark.parametrize(
    ("language", "problem", "no"),
    [
        pytest.param("de", "VPN verbindet nicht", "nein", id="de"),
        pytest.param("en", "VPN won't connect", "no", id="en"),
    ],
)
async def test_the_number_of_steps_comes_from_the_domain(
    executor: ActionExecutor, language: str, problem: str, no: str
) -> None:
    responses = {name: value for name, value in RESPONSES.items() if name not in VPN_STEPS[1:]}
    chat = Conversation(executor, language, domain={**DOMAIN, "responses": responses})
    turn = await chat.say(problem, "vpn_problem")
    assert turn.responses == ["utter_vpn_problem_1", "utter_did_that_help"]
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_handoff_after_steps", None]
    assert turn.handoffs == [
        handoff("troubleshooting_failed", category="vpn_problem", steps_tried=VPN_STEPS[:1])
    ]


@pytest.mark.parametrize(
    ("language", "problem", "no", "connecting"),
    [
        pytest.param(
            "de", "Der Drucker im 2. OG druckt nicht", "nein", "Ich verbinde Sie.", id="de"
        ),
        pytest.param(
            "en", "The printer on floor 2 won't print", "no", "I'm connecting you.", id="en"
        ),
    ],
)
async def test_an_issue_without_steps_goes_to_a_person(
    executor: ActionExecutor, language: str, problem: str, no: str, connecting: str
) -> None:
    chat = Conversation(executor, language)
    turn = await chat.say(problem, "printer_problem", entities={"device": "Drucker 2. OG"})
    assert turn.responses == ["utter_handoff", None]
    assert turn.texts == [connecting]
    assert turn.handoffs == [
        handoff(
            "no_troubleshooting", category="printer_problem", details={"device": "Drucker 2. OG"}
        )
    ]
    assert chat.flow_slots() == NO_FLOW
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]


@pytest.mark.parametrize(
    ("first", "problem", "then", "no", "before", "after"),
    [
        pytest.param(
            "de",
            "VPN geht nicht",
            "en",
            "No, sorry",
            ["Trennen Sie das VPN und verbinden Sie sich neu.", "Hat das geholfen?"],
            ["Check whether the internet works without the VPN.", "Did that help?"],
            id="de-to-en",
        ),
        pytest.param(
            "en",
            "VPN is down",
            "de",
            "Nein, leider nicht",
            ["Disconnect the VPN and connect again.", "Did that help?"],
            ["Prüfen Sie, ob Sie ohne VPN ins Internet kommen.", "Hat das geholfen?"],
            id="en-to-de",
        ),
    ],
)
async def test_the_steps_follow_the_language(
    executor: ActionExecutor,
    first: str,
    problem: str,
    then: str,
    no: str,
    before: list[str],
    after: list[str],
) -> None:
    chat = Conversation(executor, first)
    turn = await chat.say(problem, "vpn_problem")
    assert turn.language == first
    assert turn.texts == before
    turn = await chat.say(no, "deny", language=then)
    assert chat.slots["language"] == then
    assert turn.texts == after


# --- security incidents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "tenant", "text", "expected"),
    [
        pytest.param(
            "de",
            "acme",
            "Ich habe meine Zugangsdaten auf einer Phishing-Seite eingegeben",
            "Trennen Sie das Gerät vom Netz und kontaktieren Sie +49 30 5550 1999.",
            id="de-configured",
        ),
        pytest.param(
            "en",
            "acme",
            "I entered my credentials on a phishing page",
            "Disconnect the device from the network and call +49 30 5550 1999.",
            id="en-configured",
        ),
        pytest.param(
            "de",
            None,
            "Auf meinem Bildschirm steht eine Lösegeldforderung",
            "Trennen Sie das Gerät vom Netz und kontaktieren Sie den IT-Service-Desk und sagen "
            "Sie, dass es um einen Sicherheitsvorfall geht.",
            id="de-generic",
        ),
        pytest.param(
            "en",
            None,
            "There is a ransom note on my screen",
            "Disconnect the device from the network and call the IT service desk and say it "
            "is a security incident.",
            id="en-generic",
        ),
    ],
)
async def test_a_security_incident_mid_flow_goes_to_a_person_at_once(
    executor: ActionExecutor, language: str, tenant: str | None, text: str, expected: str
) -> None:
    chat = Conversation(executor, language, tenant=tenant)
    await chat.say(
        "Passwort vergessen" if language == "de" else "forgot password", "password_reset"
    )
    turn = await chat.say(text, "security_incident")
    assert turn.responses == ["utter_security_incident", None]
    assert turn.texts == [expected]
    assert turn.handoffs == [handoff("security_incident", category="security_incident")]
    assert chat.flow_slots() == NO_FLOW
    # no step was shown, so a yes answers nothing
    turn = await chat.say("ja" if language == "de" else "yes", "affirm")
    assert turn.responses == ["utter_anything_else"]


# --- known outages and tenants ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "yes", "expected"),
    [
        pytest.param(
            "de",
            "Ich komme nicht ins VPN",
            "ja, bitte",
            "Dazu ist eine Störung bekannt:\n• VPN-Wartung bis 14 Uhr.",
            id="de",
        ),
        pytest.param(
            "en",
            "I can't get onto the VPN",
            "yes, please",
            "There is a known disruption:\n• VPN maintenance until 2 pm.",
            id="en",
        ),
    ],
)
async def test_a_known_outage_is_told_and_a_person_offered(
    executor: ActionExecutor, language: str, text: str, yes: str, expected: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    turn = await chat.say(text, "vpn_problem")
    assert turn.responses == ["utter_known_outage_for_issue", "utter_offer_handoff_outage"]
    assert turn.texts[0] == expected
    for other in (VPN_PAST, VPN_FUTURE, MAIL_NOW):
        assert other[language] not in turn.texts[0]
    assert chat.flow_slots() == {
        "issue": "vpn_problem",
        "step": None,
        "steps_tried": [],
        "awaiting": "handoff_offer",
        "offer_reason": "known_outage",
    }
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_handoff", None]
    assert turn.handoffs == [handoff("known_outage", category="vpn_problem")]
    assert chat.flow_slots() == NO_FLOW


@pytest.mark.parametrize(
    ("language", "text", "no", "declined"),
    [
        pytest.param("de", "VPN?", "nein, danke", "In Ordnung.", id="de"),
        pytest.param("en", "VPN?", "no, thanks", "All right.", id="en"),
    ],
)
async def test_a_known_outage_and_no_person(
    executor: ActionExecutor, language: str, text: str, no: str, declined: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    await chat.say(text, "vpn_problem")
    turn = await chat.say(no, "deny")
    assert turn.texts == [declined]
    assert turn.handoffs == []
    assert chat.slots["awaiting"] is None
    assert chat.slots["offer_reason"] is None
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        pytest.param(
            "de",
            "Outlook bekommt keine Mails",
            "Dazu ist eine Störung bekannt:\n• Der Mailserver ist gestört.",
            id="de",
        ),
        pytest.param(
            "en",
            "Outlook gets no mail",
            "There is a known disruption:\n• The mail server is disrupted.",
            id="en",
        ),
    ],
)
async def test_an_outage_of_another_category_is_told_for_its_issue(
    executor: ActionExecutor, language: str, text: str, expected: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    turn = await chat.say(text, "email_problem")
    assert turn.texts[0] == expected
    # and a password problem of the same tenant has no disruption: the steps start
    turn = await chat.say(text, "password_reset")
    assert turn.responses == ["utter_password_reset_1", "utter_did_that_help"]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("tenant", "outage"),
    [
        pytest.param("acme", VPN_NOW, id="acme"),
        pytest.param("globex", ALL_NOW, id="globex"),
        pytest.param("default", None, id="default"),
        pytest.param("initech", None, id="unknown-is-default"),
        pytest.param(None, None, id="none-is-default"),
    ],
)
async def test_the_tenant_comes_from_the_metadata(
    executor: ActionExecutor, language: str, tenant: str | None, outage: dict[str, str] | None
) -> None:
    chat = Conversation(executor, language, tenant=tenant)
    turn = await chat.say("VPN", "vpn_problem")
    if outage is None:
        assert turn.responses == ["utter_vpn_problem_1", "utter_did_that_help"]
    else:
        assert turn.responses == ["utter_known_outage_for_issue", "utter_offer_handoff_outage"]
        assert turn.messages[0]["announcements"] == f"• {outage[language]}"


@pytest.mark.parametrize(
    ("language", "tenant", "expected"),
    [
        pytest.param("de", "globex", "Bekannte Störungen:\n• Alle Dienste sind langsam.", id="de"),
        pytest.param("en", "globex", "Known disruptions:\n• All services are slow.", id="en"),
        pytest.param(
            "de",
            "acme",
            "Bekannte Störungen:\n• VPN-Wartung bis 14 Uhr.\n• Der Mailserver ist gestört.",
            id="de-categorised",
        ),
        pytest.param(
            "en",
            "acme",
            "Known disruptions:\n• VPN maintenance until 2 pm.\n• The mail server is disrupted.",
            id="en-categorised",
        ),
        pytest.param(
            "de",
            "initech",
            "Mir ist keine Störung bekannt; schauen Sie auf die IT-Statusseite im Intranet.",
            id="de-none",
        ),
        pytest.param(
            "en",
            "initech",
            "I know of no disruption; check the IT status page on the intranet.",
            id="en-none",
        ),
    ],
)
async def test_asking_for_outages(
    executor: ActionExecutor, language: str, tenant: str, expected: str
) -> None:
    chat = Conversation(executor, language, tenant=tenant)
    turn = await chat.say(
        "Gibt es eine Störung?" if language == "de" else "Any outage?", "outage_check"
    )
    assert turn.texts == [expected]
    assert chat.flow_slots() == {
        "issue": "outage_check",
        "step": None,
        "steps_tried": [],
        "awaiting": None,
        "offer_reason": None,
    }


@pytest.mark.parametrize(
    ("language", "outage", "no"),
    [
        pytest.param("de", "Gibt es gerade eine Störung?", "nein", id="de"),
        pytest.param("en", "Is anything down right now?", "no", id="en"),
    ],
)
async def test_asking_for_outages_mid_flow_ends_the_flow(
    executor: ActionExecutor, language: str, outage: str, no: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    await chat.say("Passwort" if language == "de" else "password", "password_reset")
    await chat.say(no, "deny")
    assert chat.slots["steps_tried"] == PASSWORD_STEPS
    turn = await chat.say(outage, "outage_check")
    assert turn.responses == ["utter_outage_known"]
    assert chat.flow_slots() == {
        "issue": "outage_check",
        "step": None,
        "steps_tried": [],
        "awaiting": None,
        "offer_reason": None,
    }
    # "Did that help?" is no longer the question
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]
    # a person asked for now hears about the outage question, not the old steps
    turn = await chat.say("Mitarbeiter" if language == "de" else "agent", "request_human")
    assert turn.handoffs == [handoff("user_request", category="outage_check")]
    assert chat.flow_slots() == NO_FLOW


@pytest.mark.parametrize(
    ("language", "vpn", "outage", "yes"),
    [
        pytest.param("de", "VPN geht nicht", "Welche Störungen gibt es?", "ja", id="de"),
        pytest.param("en", "VPN is down", "Which outages are there?", "yes", id="en"),
    ],
)
async def test_asking_for_outages_while_a_person_is_offered_withdraws_the_offer(
    executor: ActionExecutor, language: str, vpn: str, outage: str, yes: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    turn = await chat.say(vpn, "vpn_problem")
    assert turn.responses == ["utter_known_outage_for_issue", "utter_offer_handoff_outage"]
    turn = await chat.say(outage, "outage_check")
    assert turn.messages == [
        response_message(
            "utter_outage_known",
            announcements=f"• {VPN_NOW[language]}\n• {MAIL_NOW[language]}",
        )
    ]
    assert chat.slots["awaiting"] is None
    assert chat.slots["offer_reason"] is None
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_anything_else"]
    assert turn.handoffs == []


# --- did you mean, and a person after two misses ----------------------------------------------

RANKING = ranked(
    ("nlu_fallback", 0.62),
    ("out_of_scope", 0.14),
    ("vpn_problem", 0.09),
    ("greet", 0.06),
    ("password_reset", 0.05),
    ("thank", 0.02),
    ("printer_problem", 0.02),
)
NOTHING_OFFERABLE = ranked(("nlu_fallback", 0.8), ("greet", 0.1), ("out_of_scope", 0.1))
CHOICES = {
    "de": [
        ("VPN-Verbindung", "/vpn_problem"),
        ("Passwort zurücksetzen", "/password_reset"),
        ("Etwas anderes", "/deny"),
    ],
    "en": [
        ("VPN connection", "/vpn_problem"),
        ("Reset password", "/password_reset"),
        ("Something else", "/deny"),
    ],
}


@pytest.mark.parametrize(
    ("language", "unclear"),
    [
        pytest.param("de", "das Ding mit dem Tunnel geht nicht", id="de"),
        pytest.param("en", "the tunnel thing is broken", id="en"),
    ],
)
async def test_a_choice_starts_its_flow(
    executor: ActionExecutor, language: str, unclear: str
) -> None:
    chat = Conversation(executor, language)
    turn = await chat.say(unclear, "nlu_fallback", ranking=RANKING)
    assert turn.responses == ["utter_clarify"]
    assert turn.buttons == CHOICES[language]
    assert chat.slots["awaiting"] == "clarification"

    turn = await chat.say("/vpn_problem", "vpn_problem")
    assert turn.responses == ["utter_vpn_problem_1", "utter_did_that_help"]
    assert chat.slots["awaiting"] == "troubleshooting"


@pytest.mark.parametrize(
    ("language", "unclear", "again", "yes"),
    [
        pytest.param("de", "Blumenkohl", "immer noch Blumenkohl", "ja", id="de"),
        pytest.param("en", "cauliflower", "still cauliflower", "yes", id="en"),
    ],
)
async def test_something_else_then_another_miss_offers_a_person(
    executor: ActionExecutor, language: str, unclear: str, again: str, yes: str
) -> None:
    chat = Conversation(executor, language)
    turn = await chat.say(unclear, "nlu_fallback", ranking=RANKING)
    assert turn.buttons[-1] == CHOICES[language][-1]
    turn = await chat.say("/deny", "deny")  # "Something else"
    assert turn.responses == ["utter_ask_rephrase"]
    turn = await chat.say(again, "nlu_fallback", ranking=RANKING)
    assert turn.responses == ["utter_offer_handoff_not_understood"]
    assert turn.buttons == []
    assert chat.flow_slots() == {
        "issue": None,
        "step": None,
        "steps_tried": None,
        "awaiting": "handoff_offer",
        "offer_reason": "fallback",
    }
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_handoff", None]
    assert turn.handoffs == [handoff("fallback")]
    assert chat.flow_slots() == NO_FLOW


@pytest.mark.parametrize(
    ("language", "no", "declined"),
    [
        pytest.param("de", "nein", "In Ordnung.", id="de"),
        pytest.param("en", "no", "All right.", id="en"),
    ],
)
async def test_two_misses_and_no_person_starts_over(
    executor: ActionExecutor, language: str, no: str, declined: str
) -> None:
    chat = Conversation(executor, language)
    turn = await chat.say("???", "nlu_fallback", ranking=NOTHING_OFFERABLE)
    assert turn.responses == ["utter_ask_rephrase"]  # nothing to offer as a choice
    turn = await chat.say("!!!", "nlu_fallback", ranking=NOTHING_OFFERABLE)
    assert turn.responses == ["utter_offer_handoff_not_understood"]
    turn = await chat.say(no, "deny")
    assert turn.texts == [declined]
    assert turn.handoffs == []
    # the count starts again: the next miss is a first miss
    turn = await chat.say("???", "nlu_fallback", ranking=RANKING)
    assert turn.responses == ["utter_clarify"]
    assert turn.buttons == CHOICES[language]


@pytest.mark.parametrize(
    ("language", "vpn", "unclear", "yes"),
    [
        pytest.param("de", "VPN geht nicht", "hä?", "ja", id="de"),
        pytest.param("en", "VPN is down", "huh?", "yes", id="en"),
    ],
)
async def test_misses_mid_flow_hand_off_with_the_steps_tried(
    executor: ActionExecutor, language: str, vpn: str, unclear: str, yes: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    await chat.say(unclear, "nlu_fallback", ranking=RANKING)
    await chat.say(unclear, "nlu_fallback", ranking=RANKING)
    turn = await chat.say(yes, "affirm")
    assert turn.handoffs == [handoff("fallback", category="vpn_problem", steps_tried=VPN_STEPS[:1])]
    assert chat.flow_slots() == NO_FLOW


@pytest.mark.parametrize(
    ("language", "vpn", "unclear", "yes"),
    [
        pytest.param("de", "VPN geht nicht", "hä?", "ja", id="de"),
        pytest.param("en", "VPN is down", "huh?", "yes", id="en"),
    ],
)
async def test_a_miss_while_a_person_is_offered_still_sees_the_offer(
    executor: ActionExecutor, language: str, vpn: str, unclear: str, yes: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    await chat.say(vpn, "vpn_problem")  # a known outage: a person is offered
    assert chat.slots["awaiting"] == "handoff_offer"
    turn = await chat.say(unclear, "nlu_fallback", ranking=RANKING)
    assert turn.responses == ["utter_offer_handoff_not_understood"]
    assert chat.slots["awaiting"] == "handoff_offer"
    assert chat.slots["offer_reason"] == "fallback"
    turn = await chat.say(yes, "affirm")
    assert turn.handoffs == [handoff("fallback", category="vpn_problem")]
    assert chat.flow_slots() == NO_FLOW


PRIVACY_RANKING = ranked(
    ("nlu_fallback", 0.55),
    ("privacy_question", 0.25),
    ("vpn_problem", 0.1),
    ("greet", 0.1),
)
PRIVACY_CHOICES = {
    "de": [("Datenschutz", "/privacy_question"), ("VPN-Verbindung", "/vpn_problem")],
    "en": [("Privacy", "/privacy_question"), ("VPN connection", "/vpn_problem")],
}


@pytest.mark.parametrize(
    ("language", "unclear", "no"),
    [
        pytest.param("de", "was passiert mit dem was ich tippe", "nein", id="de"),
        pytest.param("en", "what happens to what I type", "no", id="en"),
    ],
)
async def test_a_privacy_choice_after_did_you_mean_clears_the_question(
    executor: ActionExecutor, language: str, unclear: str, no: str
) -> None:
    responses = {**RESPONSES, "utter_label_privacy_question": bilingual("Datenschutz", "Privacy")}
    chat = Conversation(executor, language, domain={**DOMAIN, "responses": responses})
    turn = await chat.say(unclear, "nlu_fallback", ranking=PRIVACY_RANKING)
    assert turn.buttons == [*PRIVACY_CHOICES[language], CHOICES[language][-1]]
    assert chat.slots["awaiting"] == "clarification"

    turn = await chat.say("/privacy_question", "privacy_question")
    assert turn.responses == ["utter_privacy"]
    assert chat.flow_slots() == {
        "issue": None,
        "step": None,
        "steps_tried": None,
        "awaiting": None,
        "offer_reason": None,
    }
    # the choice is made: a "no" is no "something else", and the next miss is a first miss
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]
    turn = await chat.say(unclear, "nlu_fallback", ranking=PRIVACY_RANKING)
    assert turn.responses == ["utter_clarify"]
    assert turn.handoffs == []


# --- frustration, and asking for a person -----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "angry", "angrier", "offer"),
    [
        pytest.param(
            "de",
            "Das ist doch Mist!",
            "Nutzloser Bot!!!",
            "Das tut mir leid. Soll ich Sie verbinden?",
            id="de",
        ),
        pytest.param(
            "en", "This is rubbish!", "Useless bot!!!", "I'm sorry. Shall I connect you?", id="en"
        ),
    ],
)
async def test_frustration_twice_hands_off(
    executor: ActionExecutor, language: str, angry: str, angrier: str, offer: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say("VPN", "vpn_problem")
    turn = await chat.say(angry, "frustration")
    assert turn.texts == [offer]
    assert chat.slots["awaiting"] == "handoff_offer"
    assert chat.slots["offer_reason"] == "frustration"
    turn = await chat.say(angrier, "frustration")
    assert turn.responses == ["utter_handoff", None]
    assert turn.handoffs == [
        handoff("frustration", category="vpn_problem", steps_tried=VPN_STEPS[:1])
    ]
    assert chat.flow_slots() == NO_FLOW


@pytest.mark.parametrize(
    ("language", "angry", "yes"),
    [
        pytest.param("de", "Mir reicht's", "ja", id="de"),
        pytest.param("en", "I've had enough", "yes", id="en"),
    ],
)
async def test_frustration_and_yes_hands_off(
    executor: ActionExecutor, language: str, angry: str, yes: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(angry, "frustration")
    turn = await chat.say(yes, "affirm")
    assert turn.handoffs == [handoff("frustration")]
    assert chat.flow_slots() == NO_FLOW


@pytest.mark.parametrize(
    ("language", "ask", "connecting"),
    [
        pytest.param("de", "Ich will mit einem Menschen sprechen", "Ich verbinde Sie.", id="de"),
        pytest.param("en", "I want to talk to a human", "I'm connecting you.", id="en"),
    ],
)
async def test_asking_for_a_person_mid_flow(
    executor: ActionExecutor, language: str, ask: str, connecting: str
) -> None:
    chat = Conversation(executor, language, tenant="acme")
    await chat.say("Passwort" if language == "de" else "password", "password_reset")
    await chat.say("nein" if language == "de" else "no", "deny", entities={"device": "Laptop"})
    turn = await chat.say(ask, "request_human")
    assert turn.responses == ["utter_handoff", None]
    assert turn.texts == [connecting]
    assert turn.handoffs == [
        handoff(
            "user_request",
            category="password_reset",
            steps_tried=PASSWORD_STEPS,
            details={"device": "Laptop"},
        )
    ]
    assert chat.flow_slots() == NO_FLOW


# --- privacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "question", "days", "expected"),
    [
        pytest.param(
            "de",
            "Was speichert ihr über mich?",
            7,
            "Originale werden nach 7 Tagen gelöscht. Kontakt: datenschutz@acme.example.",
            id="de-7",
        ),
        pytest.param(
            "en",
            "What do you store about me?",
            7,
            "Originals are deleted after 7 days. Contact: datenschutz@acme.example.",
            id="en-7",
        ),
        pytest.param(
            "de",
            "Was speichert ihr über mich?",
            0,
            "Originale werden nicht aufbewahrt. Kontakt: datenschutz@acme.example.",
            id="de-0",
        ),
        pytest.param(
            "en",
            "What do you store about me?",
            0,
            "No originals are kept. Contact: datenschutz@acme.example.",
            id="en-0",
        ),
    ],
)
async def test_a_privacy_question_mid_flow_forgets_the_question(
    executor: ActionExecutor, language: str, question: str, days: float, expected: str
) -> None:
    use_context(retention_days=days)
    chat = Conversation(executor, language, tenant="acme")
    await chat.say("Passwort" if language == "de" else "password", "password_reset")
    turn = await chat.say(question, "privacy_question")
    assert turn.texts == [expected]
    assert turn.responses == ["utter_privacy" if days else "utter_privacy_no_originals"]
    # "Did that help?" is no longer the question: the issue and the step tried stay
    assert chat.flow_slots() == {
        "issue": "password_reset",
        "step": 1.0,
        "steps_tried": PASSWORD_STEPS[:1],
        "awaiting": None,
        "offer_reason": None,
    }
    turn = await chat.say("nein" if language == "de" else "no", "deny")
    assert turn.responses == ["utter_anything_else"]
    assert turn.handoffs == []
    # …and a person asked for later still learns what was tried
    turn = await chat.say("Mitarbeiter" if language == "de" else "agent", "request_human")
    assert turn.handoffs == [
        handoff("user_request", category="password_reset", steps_tried=PASSWORD_STEPS[:1])
    ]


@pytest.mark.parametrize(
    ("language", "wish", "tenant", "expected"),
    [
        pytest.param(
            "de",
            "Löschen Sie bitte meine Daten",
            "globex",
            "Ansprechpartner ist privacy@globex.example; Originale verschwinden nach 7 Tagen.",
            id="de-configured",
        ),
        pytest.param(
            "en",
            "Please delete my data",
            "globex",
            "Contact privacy@globex.example; originals are gone after 7 days.",
            id="en-configured",
        ),
        pytest.param(
            "de",
            "Löschen Sie bitte meine Daten",
            None,
            "Ansprechpartner ist der Datenschutzbeauftragte Ihres Unternehmens; Originale "
            "verschwinden nach 7 Tagen.",
            id="de-generic",
        ),
        pytest.param(
            "en",
            "Please delete my data",
            None,
            "Contact your company's data protection officer; originals are gone after 7 days.",
            id="en-generic",
        ),
    ],
)
async def test_delete_my_data(
    executor: ActionExecutor, language: str, wish: str, tenant: str | None, expected: str
) -> None:
    chat = Conversation(executor, language, tenant=tenant)
    turn = await chat.say(wish, "delete_my_data")
    assert turn.responses == ["utter_delete_my_data"]
    assert turn.texts == [expected]


# --- a question the user moved on from --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "vpn", "thanks", "no"),
    [
        pytest.param("de", "VPN geht nicht", "danke", "nein", id="de"),
        pytest.param("en", "VPN is down", "thanks", "no", id="en"),
    ],
)
async def test_thanks_mid_flow_then_no_answers_nothing(
    executor: ActionExecutor, language: str, vpn: str, thanks: str, no: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    turn = await chat.say(thanks, "thank")
    assert turn.responses == ["utter_you_are_welcome"]
    assert chat.flow_slots() == {
        "issue": "vpn_problem",
        "step": 1.0,
        "steps_tried": VPN_STEPS[:1],
        "awaiting": None,
        "offer_reason": None,
    }
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]
    assert turn.handoffs == []
    assert chat.slots["step"] == 1.0  # no next step was shown


@pytest.mark.parametrize(
    ("language", "hello", "yes"),
    [
        pytest.param("de", "Hallo?", "ja", id="de"),
        pytest.param("en", "Hello?", "yes", id="en"),
    ],
)
async def test_a_greeting_mid_flow_then_yes_answers_nothing(
    executor: ActionExecutor, language: str, hello: str, yes: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say("Passwort" if language == "de" else "password", "password_reset")
    turn = await chat.say(hello, "greet")
    assert turn.responses == ["utter_greet"]
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_anything_else"]
    assert chat.slots["issue"] == "password_reset"  # only "yes, that helped" ends the flow


@pytest.mark.parametrize(
    ("language", "angry", "thanks", "yes"),
    [
        pytest.param("de", "So ein Mist!", "schon gut, danke", "ja", id="de"),
        pytest.param("en", "This is rubbish!", "never mind, thanks", "yes", id="en"),
    ],
)
async def test_thanks_while_a_person_is_offered_withdraws_the_offer(
    executor: ActionExecutor, language: str, angry: str, thanks: str, yes: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(angry, "frustration")
    assert chat.slots["awaiting"] == "handoff_offer"
    turn = await chat.say(thanks, "thank")
    assert turn.responses == ["utter_you_are_welcome"]
    assert chat.slots["awaiting"] is None
    assert chat.slots["offer_reason"] is None
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_anything_else"]
    assert turn.handoffs == []
    # a new outburst is a first one again: an offer, not a handoff
    turn = await chat.say(angry, "frustration")
    assert turn.responses == ["utter_offer_handoff_frustration"]
    assert turn.handoffs == []


@pytest.mark.parametrize(
    ("language", "vpn", "unclear", "angry", "angrier"),
    [
        pytest.param("de", "VPN geht nicht", "hä?", "Mist!", "Nutzlos!!!", id="de"),
        pytest.param("en", "VPN is down", "huh?", "Rubbish!", "Useless!!!", id="en"),
    ],
)
async def test_a_miss_and_frustration_mid_flow_keep_the_flow(
    executor: ActionExecutor, language: str, vpn: str, unclear: str, angry: str, angrier: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    turn = await chat.say(unclear, "nlu_fallback", ranking=RANKING)
    assert turn.responses == ["utter_clarify"]
    turn = await chat.say(angry, "frustration")
    assert turn.responses == ["utter_offer_handoff_frustration"]
    assert chat.slots["awaiting"] == "handoff_offer"
    turn = await chat.say(angrier, "frustration")
    assert turn.handoffs == [
        handoff("frustration", category="vpn_problem", steps_tried=VPN_STEPS[:1])
    ]
    assert chat.flow_slots() == NO_FLOW


# --- after a handoff: the agent hands the chat back and the bot starts afresh -----------------


@pytest.mark.parametrize(
    ("language", "vpn", "no", "ask"),
    [
        pytest.param("de", "VPN geht nicht", "nein", "Mitarbeiter bitte", id="de"),
        pytest.param("en", "VPN is down", "no", "agent please", id="en"),
    ],
)
async def test_a_second_handoff_after_hand_back_carries_no_old_steps(
    executor: ActionExecutor, language: str, vpn: str, no: str, ask: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    await chat.say(no, "deny")
    turn = await chat.say(ask, "request_human")
    assert turn.handoffs == [
        handoff("user_request", category="vpn_problem", steps_tried=VPN_STEPS[:2])
    ]
    assert chat.flow_slots() == NO_FLOW
    # the agent hands the chat back: an old "no" answers nothing
    turn = await chat.say(no, "deny")
    assert turn.responses == ["utter_anything_else"]
    turn = await chat.say(ask, "request_human")
    assert turn.responses == ["utter_handoff", None]
    assert turn.handoffs == [handoff("user_request")]


@pytest.mark.parametrize(
    ("language", "vpn", "password", "no"),
    [
        pytest.param("de", "VPN geht nicht", "Passwort abgelaufen", "nein", id="de"),
        pytest.param("en", "VPN is down", "password expired", "no", id="en"),
    ],
)
async def test_a_new_issue_after_hand_back_hands_off_with_its_own_steps(
    executor: ActionExecutor, language: str, vpn: str, password: str, no: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem")
    for _ in VPN_STEPS:
        turn = await chat.say(no, "deny")
    assert turn.handoffs == [
        handoff("troubleshooting_failed", category="vpn_problem", steps_tried=VPN_STEPS)
    ]
    turn = await chat.say(password, "password_reset")
    assert turn.responses == ["utter_password_reset_1", "utter_did_that_help"]
    await chat.say(no, "deny")
    turn = await chat.say(no, "deny")
    assert turn.handoffs == [
        handoff("troubleshooting_failed", category="password_reset", steps_tried=PASSWORD_STEPS)
    ]


@pytest.mark.parametrize(
    ("language", "incident", "ask"),
    [
        pytest.param("de", "Phishing-Link geklickt", "Mitarbeiter bitte", id="de"),
        pytest.param("en", "I clicked a phishing link", "agent please", id="en"),
    ],
)
async def test_after_a_security_incident_a_new_request_has_no_category(
    executor: ActionExecutor, language: str, incident: str, ask: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say("VPN", "vpn_problem")
    turn = await chat.say(incident, "security_incident")
    assert turn.handoffs == [handoff("security_incident", category="security_incident")]
    turn = await chat.say(ask, "request_human")
    assert turn.handoffs == [handoff("user_request")]


@pytest.mark.parametrize(
    ("language", "angry", "angrier"),
    [
        pytest.param("de", "Mist!", "Nutzlos!!!", id="de"),
        pytest.param("en", "Rubbish!", "Useless!!!", id="en"),
    ],
)
async def test_after_a_handoff_frustration_is_offered_a_person_again(
    executor: ActionExecutor, language: str, angry: str, angrier: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(angry, "frustration")
    turn = await chat.say(angrier, "frustration")
    assert turn.handoffs == [handoff("frustration")]
    # handed back: the next outburst is a first one
    turn = await chat.say(angrier, "frustration")
    assert turn.responses == ["utter_offer_handoff_frustration"]
    assert turn.handoffs == []


@pytest.mark.parametrize(
    ("language", "yes", "angry", "ask"),
    [
        pytest.param("de", "ja, danke", "Mist!", "Mitarbeiter bitte", id="de"),
        pytest.param("en", "yes, thanks", "Rubbish!", "agent please", id="en"),
    ],
)
async def test_after_yes_that_helped_a_new_request_has_no_old_flow(
    executor: ActionExecutor, language: str, yes: str, angry: str, ask: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say("VPN", "vpn_problem")
    await chat.say("nein" if language == "de" else "no", "deny")
    turn = await chat.say(yes, "affirm")
    assert turn.responses == ["utter_glad_it_helped"]
    assert chat.flow_slots() == NO_FLOW
    turn = await chat.say(angry, "frustration")
    assert turn.responses == ["utter_offer_handoff_frustration"]
    turn = await chat.say(ask, "request_human")
    assert turn.handoffs == [handoff("user_request")]


@pytest.mark.parametrize(
    ("language", "vpn", "ask"),
    [
        pytest.param("de", "GlobalProtect geht nicht", "Mitarbeiter bitte", id="de"),
        pytest.param("en", "GlobalProtect is down", "agent please", id="en"),
    ],
)
async def test_the_details_outlive_a_handoff(
    executor: ActionExecutor, language: str, vpn: str, ask: str
) -> None:
    """Only the flow is cleared: the entity slots (what the user said about their setup) stay
    and go with a later handoff too."""
    chat = Conversation(executor, language)
    await chat.say(vpn, "vpn_problem", entities={"application": "GlobalProtect"})
    turn = await chat.say(ask, "request_human")
    assert turn.handoffs == [
        handoff(
            "user_request",
            category="vpn_problem",
            steps_tried=VPN_STEPS[:1],
            details={"application": "GlobalProtect"},
        )
    ]
    turn = await chat.say(ask, "request_human")
    assert turn.handoffs == [handoff("user_request", details={"application": "GlobalProtect"})]


@pytest.mark.parametrize(
    ("language", "vpn", "ask"),
    [
        pytest.param("de", "VPN geht nicht", "Mitarbeiter bitte", id="de"),
        pytest.param("en", "VPN is down", "agent please", id="en"),
    ],
)
async def test_the_handoff_details_are_cleaned_up(
    executor: ActionExecutor, language: str, vpn: str, ask: str
) -> None:
    chat = Conversation(executor, language)
    await chat.say(
        vpn,
        "vpn_problem",
        entities={"application": "  GlobalProtect ", "device": "   ", "error_code": "\t809\n"},
    )
    turn = await chat.say(ask, "request_human")
    assert turn.handoffs == [
        handoff(
            "user_request",
            category="vpn_problem",
            steps_tried=VPN_STEPS[:1],
            details={"application": "GlobalProtect", "error_code": "809"},
        )
    ]


# --- every action ran -------------------------------------------------------------------------


async def test_one_conversation_runs_every_action(executor: ActionExecutor) -> None:
    chat = Conversation(executor, "de", tenant="globex")
    await chat.say("hm", "nlu_fallback", ranking=RANKING)
    await chat.say("Passwort", "password_reset")
    await chat.say("nein", "deny")
    await chat.say("Mist!", "frustration")
    await chat.say("Störung?", "outage_check")
    await chat.say("Datenschutz?", "privacy_question")
    await chat.say("Mitarbeiter", "request_human")
    assert set(chat.actions_run) == set(DOMAIN["actions"])
    assert set(chat.actions_run) == set(executor.actions)
