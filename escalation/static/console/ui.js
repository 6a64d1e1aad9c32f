/**
 * Pieces of UI shared by the views: the notice line, badges, the live timers (waiting time and
 * SLA countdown) and the mapping of error codes to text.
 *
 * `refresh` is filled in by console.js with the functions that re-render each region, so an
 * action handler can say "the sidebar changed" without importing the views (no import cycles).
 */

import { h, setText } from "./dom.js";
import { formatClock, formatDateTime, formatDuration, formatRelative, has, parseTime, t } from "./i18n.js";

export const MAX_REPLY_CHARS = 2000;
const NOTICE_MS = 8000;
const SLA_SOON_MS = 5 * 60 * 1000;

export const refresh = {
  header() {},
  sidebar() {},
  detail() {}, // the whole pane (another handoff selected, language switch)
  detailMeta() {}, // status, triage, actions of the shown handoff
  canned() {},
  transfers() {},
  notes() {},
  message() {}, // (conversationId, message)
  transcript() {}, // (conversationId)
};

// ---- notices ---------------------------------------------------------------------------------

let noticeElement = null;
let noticeTimer = null;

export function mountNotice(element) {
  noticeElement = element;
}

/** A short message for the agent; errors stay until dismissed or replaced by the next notice. */
export function notice(text, kind = "info") {
  if (!noticeElement) return;
  clearTimeout(noticeTimer);
  noticeElement.dataset.kind = kind;
  noticeElement.setAttribute("role", kind === "error" ? "alert" : "status");
  setText(noticeElement.querySelector(".notice-text"), text);
  noticeElement.hidden = false;
  if (kind !== "error") noticeTimer = setTimeout(clearNotice, NOTICE_MS);
}

export function clearNotice() {
  if (!noticeElement) return;
  clearTimeout(noticeTimer);
  noticeElement.hidden = true;
}

/** The localized text for a failed request: our catalogue, then the server's words, then generic. */
export function errorText(error, vars = {}) {
  if (!error) return t("errors.generic");
  if (error.network) return t("errors.network");
  const code = error.code;
  if (code && has(`errors.${code}`)) {
    return t(`errors.${code}`, { max: MAX_REPLY_CHARS, seconds: error.retryAfter ?? "?", ...vars });
  }
  if (error.serverMessage) return error.serverMessage;
  return t("errors.generic");
}

// ---- badges ----------------------------------------------------------------------------------

export function priorityBadge(priority) {
  const known = ["P1", "P2", "P3", "P4"].includes(priority);
  return h("span", {
    class: `badge priority priority-${known ? priority.toLowerCase() : "unknown"}`,
    "data-testid": "priority-badge",
    title: has(`priorities.${priority}`) ? t(`priorities.${priority}`) : null,
    text: priority || "?",
  });
}

export function languageBadge(language) {
  if (!language) return null;
  return h("span", {
    class: "badge language",
    "data-testid": "language-badge",
    title: has(`languages.${language}`) ? t(`languages.${language}`) : language,
    lang: "",
    text: language.toUpperCase(),
  });
}

export function statusBadge(status) {
  return h("span", {
    class: `badge status status-${status}`,
    "data-testid": "status-badge",
    text: has(`status.${status}`) ? t(`status.${status}`) : status,
  });
}

// ---- live timers -----------------------------------------------------------------------------

/** The SLA countdown of a handoff, or null when its first response is done or it has no target. */
export function slaCountdown(handoff) {
  if (!handoff.sla_due_at || handoff.first_response_at) return null;
  if (!["waiting", "active"].includes(handoff.status)) return null;
  const element = h("span", {
    class: "sla",
    "data-testid": "sla-countdown",
    "data-sla-due": handoff.sla_due_at,
    title: t("sla.title", { time: formatDateTime(handoff.sla_due_at) }),
  });
  updateSla(element, Date.now());
  return element;
}

function updateSla(element, now) {
  const due = parseTime(element.dataset.slaDue);
  if (due == null) return;
  const left = due - now;
  const overdue = left < 0;
  let text;
  if (overdue) text = t("sla.overdue", { time: formatDuration(-left) });
  else if (left < 3600 * 1000) text = t("sla.due_in", { time: formatClock(left) });
  else text = t("sla.due_in", { time: formatDuration(left) });
  setText(element, text);
  element.classList.toggle("overdue", overdue);
  element.classList.toggle("soon", !overdue && left < SLA_SOON_MS);
  if (element.dataset.overdue !== String(overdue)) element.dataset.overdue = String(overdue);
}

/** "waiting 12 min" style text that keeps counting; `key` has a {time} placeholder. */
export function elapsed(key, since) {
  if (!since) return null;
  const element = h("span", { class: "elapsed", "data-since": since, "data-key": key, title: formatDateTime(since) });
  updateElapsed(element, Date.now());
  return element;
}

function updateElapsed(element, now) {
  const since = parseTime(element.dataset.since);
  if (since == null) return;
  setText(element, t(element.dataset.key, { time: formatDuration(now - since) }));
}

/** "3 hours ago" that stays true. */
export function relative(value) {
  if (!value) return null;
  const element = h("time", { datetime: value, "data-relative": value, title: formatDateTime(value) });
  setText(element, formatRelative(value));
  return element;
}

/** Called every second: only texts that changed are touched. */
export function tick(root) {
  const now = Date.now();
  for (const element of root.querySelectorAll("[data-sla-due]")) updateSla(element, now);
  for (const element of root.querySelectorAll("[data-since]")) updateElapsed(element, now);
  for (const element of root.querySelectorAll("[data-relative]")) {
    setText(element, formatRelative(element.dataset.relative, now));
  }
}
