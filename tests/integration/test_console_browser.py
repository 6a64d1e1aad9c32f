"""The handoff to a human, end to end: the widget and the agent console in real headless Chromium.

One `lotse serve` (switchboard + real Rasa) serves the whole session (conftest.py), so every
test makes its own agent accounts (unique e-mails, with the real `lotse agent create`) and its
own conversations, and finds its handoff by conversation id among whatever else is waiting.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, WebSocketRoute, expect

from escalation.settings import PROJECT_ROOT
from tests.integration import test_widget_browser
from tests.integration.test_widget_browser import open_chat, send
from tests.support.live_server import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

PageFor = Callable[[str], Page]

# The widget tests' Chromium (Debian's, CHROMIUM_FLAGS) and their page fixture, which opens each
# page in its own context and fails the test on any Content Security Policy violation.
browser = test_widget_browser.browser
page_for = test_widget_browser.page_for

WAIT = 30_000  # ms: real Rasa turns take a few seconds on a small machine
PASSWORD = "correct horse battery staple"  # fictitious
CONSOLE_LOCALES = PROJECT_ROOT / "escalation" / "static" / "console" / "locales"

XSS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
)

SCRIPT: dict[str, dict[str, str]] = {
    "de": {
        "locale": "de-DE",
        "problem": "Mein VPN bricht ständig ab",
        "ask_human": "Ich möchte mit einem Menschen sprechen",
        "agent_reply": "Guten Tag, hier ist der IT-Support. Ist das VPN gerade verbunden?",
        "user_answer": "Nein, es zeigt immer noch keine Verbindung",
        "it_question": "Mein Passwort ist abgelaufen",
        "it_answer_word": "Passwort",
    },
    "en": {
        "locale": "en-US",
        "problem": "hi, my vpn keeps dropping",
        "ask_human": "I want to talk to a human",
        "agent_reply": "Hello, this is the IT service desk. Is the VPN connected right now?",
        "user_answer": "No, it still shows no connection",
        "it_question": "my password expired",
        "it_answer_word": "password",
    },
}


@cache
def catalogue(language: str) -> dict[str, Any]:
    """The console's own texts (locales/<language>.json), to check the UI speaks the language."""
    texts: dict[str, Any] = json.loads((CONSOLE_LOCALES / f"{language}.json").read_text())
    return texts


# ---- agents and pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Agent:
    email: str
    name: str


def create_agent(server: LiveServer, name: str) -> Agent:
    """An agent in the live server's database, made with the real CLI (same var dir)."""
    suffix = uuid.uuid4().hex[:10]
    agent = Agent(email=f"agent-{suffix}@example.org", name=f"{name} {suffix[:4]}")
    environment = {**os.environ, "LOTSE_VAR_DIR": str(server.var_dir)}
    for variable in ("LOTSE_DATABASE_URL", "LOTSE_RASA_URL"):
        environment.pop(variable, None)
    result = subprocess.run(
        [
            str(PROJECT_ROOT / ".venv" / "bin" / "lotse"),
            "agent",
            "create",
            "--email",
            agent.email,
            "--password",
            "-",
            "--name",
            agent.name,
            "--role",
            "agent",
            "--queues",
            "all",
            "--languages",
            "de,en",
        ],
        input=PASSWORD + "\n",
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"lotse agent create failed:\n{result.stdout}\n{result.stderr}"
    return agent


@dataclass
class Watch:
    """What a page must never do: raise a dialog (alert) or throw an uncaught error."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page, name: str) -> Page:
        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{name}: {dialog.type} {dialog.message!r}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: self.errors.append(f"{name}: {error}"))
        return page

    def assert_clean(self) -> None:
        assert self.dialogs == [], "a page raised a dialog"
        assert self.errors == [], "a page threw an uncaught error"


@pytest.fixture
def watch() -> Iterator[Watch]:
    watched = Watch()
    yield watched
    watched.assert_clean()


def open_user(page_for: PageFor, watch: Watch, locale: str) -> Page:
    return watch.attach(page_for(locale), f"user {locale}")


def open_console(
    page_for: PageFor,
    watch: Watch,
    server: LiveServer,
    agent: Agent,
    locale: str,
    before_login: Callable[[Page], None] | None = None,
) -> Page:
    """A logged-in console in its own browser context, its WebSocket open."""
    page = watch.attach(page_for(locale), f"console {agent.name}")
    if before_login is not None:
        before_login(page)
    page.goto(f"{server.url}/console/")
    expect(page.locator("#app")).to_have_attribute("data-view", "login", timeout=WAIT)
    page.get_by_test_id("login-email").fill(agent.email)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.locator("#app")).to_have_attribute("data-view", "console", timeout=WAIT)
    expect(page.get_by_test_id("agent-name")).to_have_text(agent.name)
    expect(page.get_by_test_id("connection-status")).to_have_attribute(
        "data-state", "open", timeout=WAIT
    )
    return page


def go_online(console: Page) -> None:
    console.get_by_test_id("presence").select_option("online")
    expect(console.locator("#presence.presence-online")).to_have_count(1, timeout=WAIT)


# ---- widget side --------------------------------------------------------------------------------


def widget(page: Page) -> Locator:
    return page.locator("lotse-chat")


def user_says(page: Page, text: str) -> int:
    """Send `text` from the widget; returns its seq once the server has stored it."""
    send(page, text)
    stored = (
        page.locator("[data-testid=message][data-role=user][data-seq]")
        .filter(has=page.get_by_test_id("message-text").get_by_text(text, exact=True))
        .last
    )
    expect(stored).to_be_visible(timeout=WAIT)
    return int(stored.get_attribute("data-seq") or 0)


def seqs(messages: Locator) -> list[int]:
    values = messages.evaluate_all("elements => elements.map(e => Number(e.dataset.seq))")
    return [int(value) for value in values]


def conversation_id(page: Page) -> str:
    expect(widget(page)).to_have_attribute("data-conversation-id", re.compile(r".+"))
    value = widget(page).get_attribute("data-conversation-id")
    assert value
    return value


def ask_for_a_human(page: Page, text: str) -> str:
    """Ask for a human and wait until the widget knows the chat waits; returns the conversation."""
    user_says(page, text)
    expect(widget(page)).to_have_attribute("data-handoff", "waiting", timeout=WAIT)
    return conversation_id(page)


# ---- console side -------------------------------------------------------------------------------


def handoff_id_for(console: Page, conversation: str) -> str:
    """The open handoff of `conversation`, asked with the agent's own session (GET /handoffs)."""
    console.wait_for_function(
        """async (conversationId) => {
            const response = await fetch("/api/v1/handoffs", { credentials: "same-origin" });
            if (!response.ok) return false;
            const list = await response.json();
            const found = list.find((handoff) => handoff.conversation_id === conversationId);
            window.__lotseTestHandoff = found ? found.id : null;
            return Boolean(found);
        }""",
        arg=conversation,
        timeout=WAIT,
        polling=500,
    )
    handoff_id: str = console.evaluate("window.__lotseTestHandoff")
    return handoff_id


def item_in(console: Page, section: str, handoff_id: str) -> Locator:
    return console.locator(
        f'[data-testid={section}] [data-testid=handoff-item][data-handoff-id="{handoff_id}"]'
    )


def transcript_messages(console: Page, role: str | None = None) -> Locator:
    selector = "[data-testid=transcript] [data-testid=message]"
    if role:
        selector += f"[data-role={role}]"
    return console.locator(selector)


def transcript_text(console: Page, role: str, text: str) -> Locator:
    return transcript_messages(console, role).filter(
        has=console.get_by_test_id("message-text").get_by_text(text, exact=True)
    )


# ---- 1. the whole handoff, German and English ---------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_agent_takes_over_a_chat_and_hands_it_back_to_the_bot(
    language: str, page_for: PageFor, watch: Watch, live_server: LiveServer
) -> None:
    script = SCRIPT[language]
    ui = catalogue(language)
    agent = create_agent(live_server, "Anna")

    # The agent is at the desk first, so the new chat must arrive live.
    console = open_console(page_for, watch, live_server, agent, script["locale"])
    go_online(console)
    expect(console.locator("html")).to_have_attribute("lang", language)
    expect(console.get_by_test_id("language-switch")).to_have_value(language)
    expect(console.get_by_test_id("take-next")).to_have_text(ui["queue"]["take_next"])
    expect(console.get_by_test_id("detail-empty")).to_contain_text(ui["detail"]["empty_title"])

    user = open_user(page_for, watch, script["locale"])
    open_chat(user, live_server)
    user_says(user, script["problem"])
    bot = user.locator("[data-testid=message][data-role=bot]")
    expect(bot.first).to_be_visible(timeout=WAIT)
    conversation = ask_for_a_human(user, script["ask_human"])

    # The waiting list shows it, with the user's own words; the triage card has them too.
    handoff_id = handoff_id_for(console, conversation)
    waiting = item_in(console, "waiting-list", handoff_id)
    expect(waiting).to_be_visible(timeout=WAIT)
    expect(waiting).to_have_attribute("data-status", "waiting")
    expect(waiting.get_by_test_id("handoff-problem")).to_contain_text(script["problem"])
    waiting.click()
    triage = console.get_by_test_id("triage-card")
    expect(triage.get_by_test_id("triage-problem")).to_contain_text(script["problem"])
    expect(triage).to_contain_text(ui["triage"]["heading"])
    expect(triage.get_by_test_id("triage-reason")).to_have_text(ui["reasons"]["user_request"])
    expect(triage.get_by_test_id("triage-category")).to_have_text(ui["categories"]["vpn_problem"])
    # The bot's first VPN step, before the user asked for a human, is on the card as tried.
    expect(triage.get_by_test_id("triage-steps").locator("li")).not_to_have_count(0)
    expect(transcript_text(console, "user", script["ask_human"])).to_have_count(1, timeout=WAIT)

    claim = console.get_by_test_id("claim")
    expect(claim).to_have_text(ui["detail"]["claim"])
    claim.click()
    expect(console.get_by_test_id("detail-owner")).to_have_text(ui["detail"]["owner_you"])
    expect(item_in(console, "my-chats", handoff_id)).to_have_attribute("data-status", "active")
    expect(item_in(console, "waiting-list", handoff_id)).to_have_count(0)
    expect(widget(user)).to_have_attribute("data-handoff", "active", timeout=WAIT)

    # Agent → user.
    expect(console.get_by_test_id("reply-send")).to_have_text(ui["composer"]["send"])
    console.get_by_test_id("reply-input").fill(script["agent_reply"])
    console.get_by_test_id("reply-send").click()
    expect(console.get_by_test_id("reply-input")).to_have_value("", timeout=WAIT)
    expect(transcript_text(console, "agent", script["agent_reply"])).to_have_count(1)
    from_agent = user.locator("[data-testid=message][data-role=agent]").filter(
        has=user.get_by_test_id("message-text").get_by_text(script["agent_reply"], exact=True)
    )
    expect(from_agent).to_have_count(1, timeout=WAIT)

    # User → agent, live in the open console (no reload).
    navigations: list[str] = []
    console.on("framenavigated", lambda frame: navigations.append(frame.url))
    user_says(user, script["user_answer"])
    expect(transcript_text(console, "user", script["user_answer"])).to_have_count(1, timeout=WAIT)
    assert navigations == []

    # Back to the bot.
    release = console.get_by_test_id("release")
    expect(release).to_have_text(ui["actions"]["release"])
    release.click()
    expect(console.get_by_test_id("notice")).to_contain_text(ui["notices"]["released"])
    expect(item_in(console, "my-chats", handoff_id)).to_have_count(0, timeout=WAIT)
    expect(console.get_by_test_id("readonly-hint")).to_contain_text(ui["status"]["released"])
    expect(widget(user)).to_have_attribute("data-handoff", "none", timeout=WAIT)

    bots_before = bot.count()
    question_seq = user_says(user, script["it_question"])
    answer = bot.nth(bots_before)
    expect(answer).to_be_visible(timeout=WAIT)
    assert seqs(answer) == [question_seq + 1]  # the bot's reply directly follows the question
    expect(answer).to_contain_text(script["it_answer_word"], ignore_case=True)

    # Off duty again: the shared server's other tests must not count on this agent.
    console.get_by_test_id("presence").select_option("offline")
    expect(console.locator("#presence.presence-offline")).to_have_count(1, timeout=WAIT)


# ---- 2. the user's text is text in the console -------------------------------------------------


def test_markup_from_the_user_is_shown_as_text_in_the_console(
    page_for: PageFor, watch: Watch, live_server: LiveServer
) -> None:
    ui = catalogue("en")
    agent = create_agent(live_server, "Carla")
    user = open_user(page_for, watch, "de-DE")
    open_chat(user, live_server)

    # Two before the handoff (the first, three "words" long, becomes the triage's problem), one
    # while it waits (the console loads it over HTTP), one while the agent has the chat open
    # (it arrives over the socket).
    for text in XSS[:2]:
        user_says(user, text)
    conversation = ask_for_a_human(user, "Ich möchte mit einem Menschen sprechen")
    user_says(user, XSS[3])

    console = open_console(page_for, watch, live_server, agent, "en-US")
    handoff_id = handoff_id_for(console, conversation)
    item = item_in(console, "waiting-list", handoff_id)
    expect(item.get_by_test_id("handoff-problem")).to_contain_text(XSS[0], timeout=WAIT)
    item.click()
    problem = console.get_by_test_id("triage-problem")
    expect(problem).to_contain_text(XSS[0])
    console.get_by_test_id("claim").click()
    expect(console.get_by_test_id("detail-owner")).to_have_text(ui["detail"]["owner_you"])

    user_says(user, XSS[2])
    for text in XSS:
        expect(transcript_text(console, "user", text)).to_have_count(1, timeout=WAIT)

    # The agent quoting it back: text for the agent's transcript and for the user's widget.
    quoted = f"You wrote {XSS[0]} and {XSS[1]}"
    console.get_by_test_id("reply-input").fill(quoted)
    console.get_by_test_id("reply-send").click()
    expect(transcript_text(console, "agent", quoted)).to_have_count(1, timeout=WAIT)
    expect(
        user.locator("[data-testid=message][data-role=agent]").filter(
            has=user.get_by_test_id("message-text").get_by_text(quoted, exact=True)
        )
    ).to_have_count(1, timeout=WAIT)

    transcript = console.get_by_test_id("transcript")
    for region in (transcript, console.get_by_test_id("triage-card"), console.locator("#queue")):
        expect(region.locator("img, script, svg, iframe, object, embed")).to_have_count(0)
    expect(console.locator("[onerror], [onload], a[href^='javascript:' i]")).to_have_count(0)
    expect(console.locator("script:not([src])")).to_have_count(0)
    # A message's text element holds text only, never an element, on both sides.
    expect(transcript.get_by_test_id("message-text").locator("*")).to_have_count(0)
    expect(user.get_by_test_id("message-text").locator("*")).to_have_count(0)
    expect(user.get_by_test_id("message").locator("img, script, iframe, object")).to_have_count(0)
    # The texts are the elements' text, character for character.
    shown = transcript_messages(console, "user").get_by_test_id("message-text").all_text_contents()
    for text in XSS:
        assert text in shown
    assert XSS[0] in (problem.text_content() or "")
    watch.assert_clean()  # no alert() ran (in the console or the widget)


# ---- 3. two agents, one chat --------------------------------------------------------------------


class FrameGate:
    """Routes the console's WebSocket through Playwright and can hold the server's frames back,
    so that the console still shows a chat as waiting after a colleague has claimed it."""

    def __init__(self) -> None:
        self.holding = False
        self.held: list[tuple[WebSocketRoute, str | bytes]] = []

    def route(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()

        def from_server(message: str | bytes) -> None:
            is_pong = isinstance(message, str) and '"pong"' in message
            if self.holding and not is_pong:
                self.held.append((ws, message))
            else:
                ws.send(message)

        server.on_message(from_server)

    def install(self, page: Page) -> None:
        page.route_web_socket(re.compile(r"/ws/v1/agent$"), self.route)

    def release(self) -> None:
        self.holding = False
        held, self.held = self.held, []
        for ws, message in held:
            ws.send(message)


def never_own(console: Page, handoff_id: str) -> None:
    """Record in the page whenever it shows `handoff_id` as this agent's own chat."""
    console.evaluate(
        """([handoffId, ownerYou]) => {
            window.__lotseShownAsMine = [];
            const check = () => {
                const inMine = document.querySelector(
                    `[data-testid=my-chats] [data-handoff-id="${handoffId}"]`);
                const owner = document.querySelector("[data-testid=detail-owner]");
                const composer = document.querySelector("[data-testid=reply-input]");
                if (inMine) window.__lotseShownAsMine.push("listed under my chats");
                if (owner && owner.textContent === ownerYou) window.__lotseShownAsMine.push("owner: you");
                if (composer) window.__lotseShownAsMine.push("reply box");
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
            check();
        }""",
        [handoff_id, catalogue("de")["detail"]["owner_you"]],
    )


@pytest.mark.parametrize(
    "claim_races_the_event",
    [
        pytest.param(True, id="second-claim-before-the-event"),
        pytest.param(False, id="event-before-the-second-claim"),
    ],
)
def test_two_agents_one_chat_only_one_owner(
    claim_races_the_event: bool, page_for: PageFor, watch: Watch, live_server: LiveServer
) -> None:
    en, de = catalogue("en"), catalogue("de")
    anna = create_agent(live_server, "Anna")
    bernd = create_agent(live_server, "Bernd")
    gate = FrameGate()

    # Anna is there before the chat (it arrives live); Bernd comes later (it is loaded).
    console_a = open_console(page_for, watch, live_server, anna, "en-US")
    user = open_user(page_for, watch, "en-US")
    open_chat(user, live_server)
    conversation = ask_for_a_human(user, "I want to talk to a human, please")
    console_b = open_console(
        page_for, watch, live_server, bernd, "de-DE", before_login=gate.install
    )

    handoff_id = handoff_id_for(console_a, conversation)
    for console in (console_a, console_b):
        item = item_in(console, "waiting-list", handoff_id)
        expect(item).to_have_attribute("data-status", "waiting", timeout=WAIT)
        item.click()
        expect(console.get_by_test_id("claim")).to_be_visible()
    never_own(console_b, handoff_id)

    gate.holding = claim_races_the_event
    console_a.get_by_test_id("claim").click()
    expect(console_a.get_by_test_id("detail-owner")).to_have_text(en["detail"]["owner_you"])
    expect(item_in(console_a, "my-chats", handoff_id)).to_have_count(1)

    taken_by = de["detail"]["owner"].replace("{name}", anna.name)
    notice_b = console_b.get_by_test_id("notice")
    if claim_races_the_event:
        # Bernd's console has not heard of the claim yet: his click reaches the server late.
        expect(item_in(console_b, "waiting-list", handoff_id)).to_have_count(1)
        console_b.get_by_test_id("claim").click()
        expect(notice_b).to_be_visible(timeout=WAIT)
        expect(notice_b).to_have_attribute("data-kind", "error")
        expect(notice_b).to_contain_text(de["errors"]["already_claimed"])
        expect(console_b.get_by_test_id("detail-owner")).to_have_text(taken_by, timeout=WAIT)
        gate.release()
    else:
        expect(console_b.get_by_test_id("claim")).to_have_count(0, timeout=WAIT)
        expect(notice_b).to_contain_text(
            de["notices"]["claimed_by"].replace("{name}", anna.name), timeout=WAIT
        )
        expect(console_b.get_by_test_id("detail-owner")).to_have_text(taken_by)

    # Bernd: not waiting, not his; in the team list as Anna's. Anna: hers, with the reply box.
    expect(item_in(console_b, "waiting-list", handoff_id)).to_have_count(0, timeout=WAIT)
    expect(item_in(console_b, "my-chats", handoff_id)).to_have_count(0)
    expect(console_b.get_by_test_id("reply-input")).to_have_count(0)
    expect(console_b.get_by_test_id("readonly-hint")).to_have_text(
        de["detail"]["readonly_other"].replace("{name}", anna.name)
    )
    console_b.get_by_test_id("tab-team").click()
    team_item = item_in(console_b, "team-chats", handoff_id)
    expect(team_item).to_have_attribute("data-status", "active")
    expect(team_item).to_contain_text(anna.name)
    expect(item_in(console_a, "my-chats", handoff_id)).to_have_attribute("data-status", "active")
    expect(console_a.get_by_test_id("reply-input")).to_be_visible()
    expect(widget(user)).to_have_attribute("data-handoff", "active", timeout=WAIT)
    assert console_b.evaluate("window.__lotseShownAsMine") == []

    # Bernd cannot write into Anna's chat through the API either.
    refused = console_b.evaluate(
        """async (conversationId) => {
            const me = await (await fetch("/api/v1/auth/me")).json();
            const response = await fetch(`/api/v1/conversations/${conversationId}/messages`, {
                method: "POST",
                headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
                body: JSON.stringify({ text: "hijack" }),
            });
            return [response.status, (await response.json()).error.code];
        }""",
        conversation,
    )
    assert refused == [409, "not_owner"]
