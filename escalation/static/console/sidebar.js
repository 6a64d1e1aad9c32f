/**
 * The left column: "take next", the tabs (queue / team / resolved) and the handoff lists.
 *
 * Only the chosen tab's list is in the DOM, so a handoff appears exactly once on the page.
 * Lists are rebuilt on every change (they are short); keepFocus() puts the keyboard focus
 * back on the same handoff afterwards.
 */

import { takeNext } from "./actions.js";
import { h, keepFocus } from "./dom.js";
import { loadResolved, selectHandoff } from "./handoffs.js";
import { currentLanguage, label, t } from "./i18n.js";
import { categoryOf, isMine, languageOf, myChats, problemText, queueLabel, state, teamChats, waitingByQueue, waitingHandoffs } from "./state.js";
import { elapsed, languageBadge, priorityBadge, relative, slaCountdown } from "./ui.js";

const TABS = ["queue", "team", "resolved"];
const PROBLEM_PREVIEW_CHARS = 110;

let view = null; // {root, takeNext, tabs: {name: button}, panel, total}

export function renderSidebar() {
  const takeNextButton = h("button", {
    type: "button",
    class: "button primary take-next",
    "data-testid": "take-next",
    text: t("queue.take_next"),
    onclick: async () => {
      takeNextButton.disabled = true;
      try {
        await takeNext();
      } finally {
        takeNextButton.disabled = false;
      }
    },
  });
  const total = h("span", { class: "waiting-total", "data-testid": "waiting-total", "aria-live": "polite" });
  const tabs = {};
  const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": t("queue.lists") });
  for (const name of TABS) {
    tabs[name] = h("button", {
      type: "button",
      role: "tab",
      id: `tab-${name}`,
      class: "tab",
      "data-testid": `tab-${name}`,
      "aria-controls": "list-panel",
      onclick: () => chooseTab(name),
    });
    tablist.append(tabs[name]);
  }
  tablist.addEventListener("keydown", onTabKey);
  const panel = h("div", { class: "list-panel", id: "list-panel", role: "tabpanel", tabindex: "-1" });
  panel.addEventListener("keydown", onListKey);
  const root = h("aside", { class: "sidebar", id: "queue", "aria-label": t("queue.region"), tabindex: "-1" }, [
    h("div", { class: "sidebar-top" }, [takeNextButton, total]),
    tablist,
    panel,
  ]);
  view = { root, takeNext: takeNextButton, tabs, panel, total };
  updateSidebar();
  return root;
}

function chooseTab(name) {
  state.tab = name;
  if (name === "resolved" && !state.resolvedLoaded) loadResolved();
  updateSidebar();
}

/** Arrow keys move between tabs (the WAI-ARIA tabs pattern): one tab stop for the whole row. */
function onTabKey(event) {
  const index = TABS.indexOf(state.tab);
  let next = null;
  if (event.key === "ArrowRight") next = TABS[(index + 1) % TABS.length];
  else if (event.key === "ArrowLeft") next = TABS[(index + TABS.length - 1) % TABS.length];
  else if (event.key === "Home") next = TABS[0];
  else if (event.key === "End") next = TABS[TABS.length - 1];
  if (!next) return;
  event.preventDefault();
  chooseTab(next);
  view.tabs[next].focus();
}

/** Up/down walk the handoff items, so a long queue needs no Tab marathon. */
function onListKey(event) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const items = [...view.panel.querySelectorAll("[data-testid=handoff-item]")];
  const index = items.indexOf(document.activeElement);
  if (index === -1) return;
  event.preventDefault();
  const next = items[index + (event.key === "ArrowDown" ? 1 : -1)];
  if (next) next.focus();
}

export function updateSidebar() {
  if (!view) return;
  const waiting = waitingHandoffs().length;
  view.total.textContent = t("queue.waiting_total", { count: waiting });
  for (const name of TABS) {
    const selected = state.tab === name;
    const tab = view.tabs[name];
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    tab.textContent = tabLabel(name);
  }
  view.panel.setAttribute("aria-labelledby", `tab-${state.tab}`);
  keepFocus(view.panel, () => view.panel.replaceChildren(...panelContent()));
}

function tabLabel(name) {
  if (name === "queue") return t("queue.tab_queue", { count: myChats().length + waitingHandoffs().length });
  if (name === "team") return t("queue.tab_team", { count: teamChats().length });
  return t("queue.tab_resolved");
}

function panelContent() {
  if (state.tab === "team") return [teamSection()];
  if (state.tab === "resolved") return [resolvedSection()];
  return [myChatsSection(), waitingSection()];
}

function section(testid, title, count, content) {
  const headingId = `heading-${testid}`;
  return h("section", { class: "list-section", "data-testid": testid, "aria-labelledby": headingId }, [
    h("h2", { class: "list-heading", id: headingId }, [
      title,
      count == null ? null : h("span", { class: "count", text: String(count) }),
    ]),
    ...[].concat(content),
  ]);
}

function list(handoffs, emptyText) {
  if (!handoffs.length) return h("p", { class: "empty-list", text: emptyText });
  return h("ul", { class: "handoff-list" }, handoffs.map((handoff) => h("li", null, handoffItem(handoff))));
}

function myChatsSection() {
  const mine = myChats();
  const max = state.me && state.me.max_chats;
  const count = max ? `${mine.length}/${max}` : mine.length;
  return section("my-chats", t("queue.my_chats"), count, list(mine, t("queue.no_my_chats")));
}

function waitingSection() {
  const language = currentLanguage();
  const groups = waitingByQueue().map(({ queue, handoffs }) =>
    h("section", { class: "queue-group", "data-testid": "queue-group", "data-queue": queue }, [
      h("h3", { class: "queue-heading" }, [
        queueLabel(queue, language),
        h("span", { class: "count", text: String(handoffs.length) }),
      ]),
      list(handoffs, t("queue.queue_empty")),
    ]),
  );
  return section("waiting-list", t("queue.waiting"), null, groups.length ? groups : h("p", { class: "empty-list", text: t("queue.no_queues") }));
}

function teamSection() {
  const team = teamChats();
  return section("team-chats", t("queue.team"), team.length, list(team, t("queue.no_team")));
}

function resolvedSection() {
  const refreshButton = h("button", {
    type: "button",
    class: "button small",
    "data-testid": "resolved-refresh",
    text: t("queue.refresh"),
    onclick: () => loadResolved(),
  });
  const content = state.resolvedLoaded
    ? list(state.resolved, t("queue.no_resolved"))
    : h("p", { class: "empty-list", text: t("queue.loading") });
  return section("resolved-list", t("queue.resolved"), null, [h("div", { class: "section-tools" }, refreshButton), content]);
}

function preview(text) {
  const chars = [...text];
  return chars.length > PROBLEM_PREVIEW_CHARS ? `${chars.slice(0, PROBLEM_PREVIEW_CHARS).join("").trimEnd()}…` : text;
}

function handoffItem(handoff) {
  const selected = state.selected && state.selected.id === handoff.id;
  const unread = state.unread.get(handoff.id) || 0;
  const problem = problemText(handoff);
  const top = h("span", { class: "item-top" }, [
    priorityBadge(handoff.priority),
    languageBadge(languageOf(handoff)),
    h("span", { class: "item-category", "data-testid": "handoff-category", text: label("categories", categoryOf(handoff)) }),
    unread
      ? h("span", { class: "unread", "data-testid": "handoff-unread", title: t("queue.unread", { count: unread }), text: String(unread) })
      : null,
  ]);
  const meta = h("span", { class: "item-meta" }, itemMeta(handoff));
  return h(
    "button",
    {
      type: "button",
      class: `handoff-item${selected ? " selected" : ""}`,
      "data-testid": "handoff-item",
      "data-handoff-id": handoff.id,
      "data-status": handoff.status,
      "data-priority": handoff.priority,
      "aria-current": selected ? "true" : null,
      onclick: () => selectHandoff(handoff),
    },
    [
      top,
      h("span", { class: "item-problem", "data-testid": "handoff-problem", text: problem ? preview(problem) : t("queue.no_problem") }),
      meta,
    ],
  );
}

function itemMeta(handoff) {
  if (handoff.status === "waiting") {
    return [elapsed("queue.waiting_for", handoff.created_at), positionText(handoff), slaCountdown(handoff)];
  }
  if (handoff.status === "active") {
    const owner = isMine(handoff) ? null : h("span", { class: "owner", text: (handoff.agent && handoff.agent.display_name) || "" });
    return [owner, elapsed("queue.active_for", handoff.claimed_at || handoff.created_at), slaCountdown(handoff)];
  }
  return [
    h("span", { class: "resolution", text: closedText(handoff) }),
    relative(handoff.closed_at),
  ];
}

function positionText(handoff) {
  if (!Number.isInteger(handoff.position)) return null;
  return h("span", { class: "position", text: t("queue.position", { position: handoff.position }) });
}

function closedText(handoff) {
  const status = label("status", handoff.status);
  return handoff.resolution_code ? `${status} · ${label("resolution", handoff.resolution_code)}` : status;
}

/** Focus the list (skip link target and after closing a chat). */
export function focusSidebar() {
  if (view) view.root.focus();
}
