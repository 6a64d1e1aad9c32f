/**
 * The transcript of the shown chat: every message as text (textContent only), in `seq` order,
 * one element per `seq`. Quick replies the bot offered are shown as chips the agent cannot
 * click: they document what the user saw, they are not the agent's to press.
 */

import { h } from "./dom.js";
import { currentLanguage, formatDateTime, formatTime, has, t } from "./i18n.js";
import { sortedMessages } from "./conversations.js";
import { queueLabel } from "./state.js";

const ROLES = ["user", "bot", "agent", "system"];
const NEAR_BOTTOM_PX = 120;

/** The scrolling log plus a status line (loading / failed with retry / empty). */
export function transcriptView(onRetry) {
  const log = h("div", {
    class: "transcript",
    "data-testid": "transcript",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-label": t("transcript.label"),
    tabindex: "0",
  });
  const statusText = h("span", { class: "transcript-status-text" });
  const retry = h("button", { type: "button", class: "button small", text: t("transcript.retry"), hidden: true, onclick: onRetry });
  const status = h("div", { class: "transcript-status", "data-testid": "transcript-status", hidden: true }, [statusText, retry]);
  return { log, status, statusText, retry, rendered: new Map() };
}

/** Render the whole transcript (a new chat was chosen, the language changed). */
export function renderTranscript(view, transcript) {
  view.log.setAttribute("aria-busy", "true");
  view.rendered.clear();
  const elements = [];
  for (const message of sortedMessages(transcript)) {
    const element = messageElement(message);
    if (!element) continue;
    view.rendered.set(message.seq, element);
    elements.push(element);
  }
  view.log.replaceChildren(...elements);
  view.log.removeAttribute("aria-busy");
  updateTranscriptStatus(view, transcript);
  scrollToEnd(view);
}

export function updateTranscriptStatus(view, transcript) {
  let text = "";
  if (transcript.failed && !transcript.messages.size) text = t("transcript.failed");
  else if (!transcript.loaded && !transcript.messages.size) text = t("transcript.loading");
  else if (transcript.loaded && !view.rendered.size) text = t("transcript.empty");
  view.statusText.textContent = text;
  view.retry.hidden = !(transcript.failed && !transcript.messages.size);
  view.status.hidden = !text;
}

/** Insert one message at its place by seq; a seq already shown is ignored. */
export function addMessage(view, message) {
  if (view.rendered.has(message.seq)) return;
  const element = messageElement(message);
  if (!element) return;
  const near = isNearBottom(view);
  view.rendered.set(message.seq, element);
  let after = view.log.lastElementChild;
  while (after && Number(after.dataset.seq) > message.seq) after = after.previousElementSibling;
  view.log.insertBefore(element, after ? after.nextElementSibling : view.log.firstElementChild);
  view.status.hidden = true;
  if (near) scrollToEnd(view);
}

function isNearBottom(view) {
  const log = view.log;
  return log.scrollHeight - log.scrollTop - log.clientHeight < NEAR_BOTTOM_PX;
}

export function scrollToEnd(view) {
  view.log.scrollTop = view.log.scrollHeight;
}

function messageElement(message) {
  const role = ROLES.includes(message.role) ? message.role : "system";
  const text = typeof message.text === "string" ? message.text : "";
  const buttons = Array.isArray(message.buttons)
    ? message.buttons.filter((button) => button && typeof button.title === "string" && button.title.trim())
    : [];
  const event = handoffEvent(message.custom);
  if (!text && !buttons.length && !event) return null; // a payload-only message with nothing to read

  return h("div", { class: `msg msg-${role}`, "data-testid": "message", "data-role": role, "data-seq": String(message.seq) }, [
    h("div", { class: "msg-head" }, [
      h("span", { class: "msg-role", text: t(`roles.${role}`) }),
      message.created_at
        ? h("time", { class: "msg-time", datetime: message.created_at, title: formatDateTime(message.created_at), text: formatTime(message.created_at) })
        : null,
    ]),
    text
      ? h("div", {
          class: "msg-text",
          "data-testid": "message-text",
          lang: typeof message.language === "string" && message.language ? message.language : null,
          text,
        })
      : null,
    buttons.length
      ? h(
          "ul",
          { class: "chips", "aria-label": t("transcript.quick_replies") },
          buttons.map((button) => h("li", { class: "chip", "data-testid": "quick-reply-chip", text: button.title })),
        )
      : null,
    event ? h("div", { class: "msg-event", "data-testid": "message-event", text: event }) : null,
  ]);
}

/** The bot's handover marker: where the chat went, in words. */
function handoffEvent(custom) {
  if (!custom || typeof custom !== "object" || custom.event !== "handoff") return "";
  const queue = typeof custom.queue === "string" ? queueLabel(custom.queue, currentLanguage()) : "";
  const priority = typeof custom.priority === "string" ? custom.priority : "";
  return has("transcript.handoff") ? t("transcript.handoff", { queue, priority }) : "handoff";
}
