/**
 * The detail pane of the selected handoff: head (status, claim), transcript, reply box, triage
 * card, actions (transfer, resolve, hand back) and internal notes.
 *
 * The transcript, the reply box and the notes persist while the same handoff stays selected, so
 * a live update (a frame about this handoff) never eats the agent's typing or scroll position;
 * only the head, the triage card and the actions are rebuilt, and those only when they differ.
 */

import { claim, release, resolve, transfer } from "./actions.js";
import { fillCanned, notesPanel, replyComposer } from "./composer.js";
import { loadTranscript, transcriptOf } from "./conversations.js";
import { h, keepFocus } from "./dom.js";
import { clearSelection } from "./handoffs.js";
import { currentLanguage, label, t } from "./i18n.js";
import { OPEN_STATUSES, canManageAll, categoryOf, isMine, isMyActive, queueLabel, state } from "./state.js";
import { addMessage, renderTranscript, transcriptView, updateTranscriptStatus } from "./transcript.js";
import { triageCard } from "./triage.js";
import { languageBadge, priorityBadge, statusBadge } from "./ui.js";

const RESOLUTION_CODES = ["solved", "workaround", "referred", "duplicate", "no_response", "other"];

let root = null;
let view = null; // the parts of the shown handoff's pane

export function detailRoot() {
  root = h("section", { class: "detail", id: "detail", "data-testid": "detail", "aria-label": t("detail.region"), tabindex: "-1" });
  rebuildDetail();
  return root;
}

/** Build the pane for state.selected from scratch. */
export function rebuildDetail() {
  if (!root) return;
  const handoff = state.selected;
  view = null;
  if (!handoff) {
    root.replaceChildren(
      h("div", { class: "detail-empty", "data-testid": "detail-empty" }, [
        h("h2", { text: t("detail.empty_title") }),
        h("p", { text: t("detail.empty_text") }),
      ]),
    );
    return;
  }
  const transcript = transcriptView(() => retryTranscript(handoff.conversation_id));
  const notes = notesPanel(handoff);
  view = {
    handoffId: handoff.id,
    conversationId: handoff.conversation_id,
    head: h("div", { class: "detail-head-slot" }),
    triage: h("div", { class: "triage-slot" }),
    actions: h("div", { class: "actions-slot" }),
    composerSlot: h("div", { class: "composer-slot" }),
    transcript,
    composer: null,
    notes,
    signature: { head: null, triage: null, actions: null, composer: null },
  };
  root.replaceChildren(
    view.head,
    h("div", { class: "detail-body" }, [
      h("div", { class: "conversation-column" }, [transcript.status, transcript.log, view.composerSlot]),
      h("div", { class: "side-column" }, [view.triage, view.actions, notes.root]),
    ]),
  );
  renderTranscript(transcript, transcriptOf(handoff.conversation_id));
  updateDetailMeta();
}

function retryTranscript(conversationId) {
  loadTranscript(conversationId)
    .catch(() => {})
    .finally(() => onTranscriptLoaded(conversationId));
}

/** Re-render what depends on the handoff's state; skip parts whose inputs did not change. */
export function updateDetailMeta() {
  const handoff = state.selected;
  if (!view || !handoff || handoff.id !== view.handoffId) return;
  const language = currentLanguage();
  const mine = isMine(handoff);
  const owner = handoff.agent ? handoff.agent.id : "";
  const headKey = [handoff.status, owner, handoff.queue, handoff.priority, handoff.position, language].join("|");
  const triageKey = JSON.stringify([handoff.triage, handoff.priority, handoff.first_response_at, handoff.sla_due_at, handoff.status, language]);
  const actionsKey = [handoff.status, mine, handoff.queue, language, canManageAll()].join("|");
  const composerKey = [isMyActive(handoff), handoff.status, owner, language].join("|");
  const signature = view.signature;

  if (signature.head !== headKey) {
    signature.head = headKey;
    keepFocus(view.head, () => view.head.replaceChildren(detailHead(handoff)));
  }
  if (signature.triage !== triageKey) {
    signature.triage = triageKey;
    view.triage.replaceChildren(triageCard(handoff));
  }
  if (signature.actions !== actionsKey) {
    signature.actions = actionsKey;
    keepFocus(view.actions, () => view.actions.replaceChildren(...[actionsCard(handoff)].filter(Boolean)));
  }
  if (signature.composer !== composerKey) {
    signature.composer = composerKey;
    updateComposer(handoff);
  }
}

function detailHead(handoff) {
  const language = currentLanguage();
  const owner = handoff.agent
    ? h("span", { class: "owner", "data-testid": "detail-owner", text: isMine(handoff) ? t("detail.owner_you") : t("detail.owner", { name: handoff.agent.display_name || "?" }) })
    : null;
  const claimButton =
    handoff.status === "waiting"
      ? h("button", {
          type: "button",
          class: "button primary",
          "data-testid": "claim",
          text: t("detail.claim"),
          onclick: async (event) => {
            const button = event.currentTarget;
            button.disabled = true;
            const claimed = await claim(handoff);
            if (!claimed) button.disabled = false;
            else focusReply();
          },
        })
      : null;
  return h("header", { class: "detail-head" }, [
    h("div", { class: "detail-title" }, [
      h("h2", { id: "detail-title", "data-testid": "detail-title", tabindex: "-1", text: label("categories", categoryOf(handoff)) }),
      h("div", { class: "detail-sub" }, [
        priorityBadge(handoff.priority),
        languageBadge(handoff.language),
        statusBadge(handoff.status),
        h("span", { class: "detail-queue", "data-testid": "detail-queue", text: queueLabel(handoff.queue, language) }),
        owner,
        Number.isInteger(handoff.position) ? h("span", { class: "position", text: t("queue.position", { position: handoff.position }) }) : null,
      ]),
    ]),
    h("div", { class: "detail-head-actions" }, [
      claimButton,
      h("button", {
        type: "button",
        class: "button quiet close-glyph",
        "data-testid": "detail-close",
        "aria-label": t("detail.close"),
        title: t("detail.close"),
        onclick: () => clearSelection(),
      }),
    ]),
  ]);
}

/** The reply box for my active chat; otherwise a line saying why there is none. */
function updateComposer(handoff) {
  if (isMyActive(handoff)) {
    if (!view.composer) view.composer = replyComposer(handoff);
    view.composerSlot.replaceChildren(view.composer.root);
    return;
  }
  let reason;
  if (handoff.status === "waiting") reason = t("detail.readonly_waiting");
  else if (handoff.status === "active") reason = t("detail.readonly_other", { name: (handoff.agent && handoff.agent.display_name) || "?" });
  else reason = t("detail.readonly_closed", { status: label("status", handoff.status) });
  const hadFocus = view.composer && view.composer.root.contains(document.activeElement);
  view.composer = null;
  view.composerSlot.replaceChildren(h("p", { class: "readonly-hint", "data-testid": "readonly-hint", text: reason }));
  if (hadFocus) focusTitle();
}

function actionsCard(handoff) {
  const mine = isMyActive(handoff);
  const canTransfer = OPEN_STATUSES.includes(handoff.status) && (mine || canManageAll());
  if (!canTransfer && !mine) return null;
  const rows = [];
  if (canTransfer) rows.push(transferRow(handoff));
  if (mine) rows.push(resolveRow(handoff), releaseRow(handoff));
  return h("section", { class: "card actions", "data-testid": "chat-actions", "aria-labelledby": "actions-heading" }, [
    h("h3", { class: "card-heading", id: "actions-heading", text: t("actions.heading") }),
    ...rows,
  ]);
}

function busy(button, work) {
  return async () => {
    button.disabled = true;
    try {
      await work();
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  };
}

function transferRow(handoff) {
  const select = h("select", { id: "transfer-target", "data-testid": "transfer-target" });
  fillTransferTargets(select, handoff);
  const button = h("button", { type: "button", class: "button", "data-testid": "transfer", text: t("actions.transfer") });
  button.addEventListener(
    "click",
    busy(button, async () => {
      const [kind, ...rest] = select.value.split(":");
      const value = rest.join(":");
      if (!value) {
        select.focus();
        return;
      }
      const targetLabel = select.selectedOptions[0] ? select.selectedOptions[0].textContent : value;
      const target = kind === "agent" ? { agent_id: value } : { queue: value };
      if (await transfer(handoff, target, targetLabel)) focusTitle();
    }),
  );
  return h("div", { class: "action-row" }, [h("label", { for: "transfer-target", text: t("actions.transfer_to") }), h("div", { class: "control" }, [select, button])]);
}

/** Queues (other than the current one) and online colleagues; keeps the agent's choice. */
function fillTransferTargets(select, handoff) {
  const previous = select.value;
  const language = currentLanguage();
  const queues = state.queues.filter((queue) => queue.name !== handoff.queue || handoff.status !== "waiting");
  const me = state.me ? state.me.id : null;
  const agents = state.agents.filter((agent) => agent.presence === "online" && agent.id !== me && !(handoff.agent && handoff.agent.id === agent.id));
  const options = [h("option", { value: "", text: t("actions.transfer_choose") })];
  if (queues.length) {
    options.push(h("optgroup", { label: t("actions.queues") }, queues.map((queue) => h("option", { value: `queue:${queue.name}`, text: queueLabel(queue.name, language) }))));
  }
  options.push(
    h(
      "optgroup",
      { label: t("actions.agents_online") },
      agents.length
        ? agents.map((agent) => {
            const languages = Array.isArray(agent.languages) && agent.languages.length ? ` (${agent.languages.map((code) => String(code).toUpperCase()).join(", ")})` : "";
            return h("option", { value: `agent:${agent.id}`, text: `${agent.display_name || agent.id}${languages}` });
          })
        : h("option", { value: "", disabled: true, text: t("actions.no_agents_online") }),
    ),
  );
  select.replaceChildren(...options);
  select.value = [...select.options].some((option) => option.value === previous && !option.disabled) ? previous : "";
}

function resolveRow(handoff) {
  const select = h(
    "select",
    { id: "resolution-code", "data-testid": "resolution-code", value: "solved" },
    RESOLUTION_CODES.map((code) => h("option", { value: code, text: label("resolution", code) })),
  );
  const button = h("button", { type: "button", class: "button", "data-testid": "resolve", text: t("actions.resolve") });
  button.addEventListener(
    "click",
    busy(button, async () => {
      if (await resolve(handoff, select.value)) focusTitle();
    }),
  );
  return h("div", { class: "action-row" }, [h("label", { for: "resolution-code", text: t("actions.resolution") }), h("div", { class: "control" }, [select, button])]);
}

function releaseRow(handoff) {
  const button = h("button", { type: "button", class: "button", "data-testid": "release", "aria-describedby": "release-hint", text: t("actions.release") });
  button.addEventListener(
    "click",
    busy(button, async () => {
      if (await release(handoff)) focusTitle();
    }),
  );
  return h("div", { class: "action-row release" }, [button, h("p", { class: "hint", id: "release-hint", text: t("actions.release_hint") })]);
}

// ---- updates from outside ------------------------------------------------------------------

export function onDetailMessage(conversationId, message) {
  if (view && view.conversationId === conversationId) addMessage(view.transcript, message);
}

export function onTranscriptLoaded(conversationId) {
  if (view && view.conversationId === conversationId) updateTranscriptStatus(view.transcript, transcriptOf(conversationId));
}

export function updateNotes() {
  if (view) view.notes.update();
}

export function updateCanned() {
  if (view && view.composer && state.selected) fillCanned(view.composer.canned, state.selected);
}

export function updateTransfers() {
  const select = root && root.querySelector("[data-testid=transfer-target]");
  if (select && state.selected) fillTransferTargets(select, state.selected);
}

export function focusReply() {
  const input = root && root.querySelector("[data-testid=reply-input]");
  if (input) input.focus();
}

function focusTitle() {
  const title = root && root.querySelector("#detail-title");
  if (title) title.focus();
}
