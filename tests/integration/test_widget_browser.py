"""The widget in a real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.support.live_server import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("LOTSE_TEST_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser: Browser) -> Iterator[object]:
    contexts = []

    def open_page(locale: str) -> Page:
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        return page

    console: list[str] = []
    yield open_page
    for context in contexts:
        context.close()
    violations = [line for line in console if "Content Security Policy" in line]
    assert violations == []


def open_chat(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/")
    page.locator("[data-testid=launcher]").click()
    expect(page.locator("lotse-chat")).to_have_attribute("data-state", "open", timeout=20_000)


def send(page: Page, text: str) -> None:
    page.locator("[data-testid=input]").fill(text)
    page.keyboard.press("Enter")


def bot_message(page: Page, containing: str) -> object:
    return page.locator("[data-testid=message][data-role=bot]").filter(has_text=containing)


def test_german_chat_with_quick_replies_survives_a_reload(
    page_for: object, live_server: LiveServer
) -> None:
    page: Page = page_for("de-DE")  # type: ignore[operator]
    open_chat(page, live_server)
    expect(page.locator("[data-testid=input]")).to_be_focused()

    send(page, "Hallo, ich habe mein Passwort vergessen")

    expect(bot_message(page, "Passwort selbst zurück")).to_have_count(1, timeout=20_000)
    quick_replies = page.locator("[data-testid=quick-reply]")
    expect(quick_replies).to_have_count(3)
    expect(quick_replies.first).to_have_text("Ja, es funktioniert")
    conversation_id = page.locator("lotse-chat").get_attribute("data-conversation-id")
    count_before = page.locator("[data-testid=message]").count()

    page.reload()
    page.locator("[data-testid=launcher]").click()

    expect(page.locator("lotse-chat")).to_have_attribute(
        "data-conversation-id", conversation_id or ""
    )
    expect(page.locator("[data-testid=message]")).to_have_count(count_before, timeout=20_000)

    quick_replies.first.click()
    expect(bot_message(page, "freut mich")).to_have_count(1, timeout=20_000)


def test_english_chat_in_an_english_browser(page_for: object, live_server: LiveServer) -> None:
    page: Page = page_for("en-US")  # type: ignore[operator]
    open_chat(page, live_server)
    expect(page.locator("[data-testid=input]")).to_have_attribute("placeholder", "Type a message…")

    send(page, "hi, my vpn keeps dropping")

    expect(bot_message(page, "works without the VPN")).to_have_count(1, timeout=20_000)
    user_message = page.locator("[data-testid=message][data-role=user]").first
    expect(user_message).to_have_attribute("data-seq", "1")


def test_a_dropped_connection_reconnects_and_resyncs(
    page_for: object, live_server: LiveServer
) -> None:
    page: Page = page_for("en-GB")  # type: ignore[operator]
    open_chat(page, live_server)
    send(page, "hello")
    expect(page.locator("[data-testid=message][data-role=bot]")).not_to_have_count(
        0, timeout=20_000
    )

    # Drop the socket and, while the widget is away, add a turn through the HTTP API.
    page.evaluate(
        """async () => {
            const chat = document.querySelector("lotse-chat");
            chat._sock.ws.close(4000);
            const stored = Object.keys(localStorage).find((key) => key.startsWith("lotse:v1:"));
            const { conversation_id, token } = JSON.parse(localStorage.getItem(stored));
            await fetch(`/api/v1/chat/conversations/${conversation_id}/messages`, {
                method: "POST",
                headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" },
                body: JSON.stringify({ text: "my vpn keeps dropping" }),
            });
        }"""
    )

    expect(bot_message(page, "works without the VPN")).to_have_count(1, timeout=20_000)
    expect(page.locator("lotse-chat")).to_have_attribute("data-state", "open", timeout=20_000)
    seqs = [
        int(s)
        for s in page.locator("[data-testid=message][data-seq]").evaluate_all(
            "elements => elements.map(e => e.dataset.seq)"
        )
    ]
    assert seqs == sorted(set(seqs))  # no duplicates, in order


def test_a_message_over_the_limit_is_refused_in_the_widget(
    page_for: object, live_server: LiveServer
) -> None:
    page: Page = page_for("de-DE")  # type: ignore[operator]
    open_chat(page, live_server)

    send(page, "x" * 2001)

    expect(page.locator("[data-testid=error]")).to_be_visible()
    expect(page.locator("[data-testid=message][data-role=user]")).to_have_count(0)
