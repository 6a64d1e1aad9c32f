/**
 * Keeping the handoff lists true: loading them, applying the server's `handoff` frames,
 * choosing which conversations to watch, and telling the agent when a new chat needs them.
 */

import { api } from "./api.js";
import { loadTranscript, setWatched, transcriptOf } from "./conversations.js";
import { currentLanguage, label, t } from "./i18n.js";
import { alertAgent } from "./notify.js";
import {
  OPEN_STATUSES,
  categoryOf,
  isMine,
  isMyQueue,
  myChats,
  state,
  storeHandoff,
} from "./state.js";
import { errorText, notice, refresh } from "./ui.js";

const AGENTS_MAX_AGE_MS = 30000;

let reload = null; // the reload in flight
let reloadAgain = false; // asked for while one was in flight: its answer may predate the ask
let framesDuringReload = null; // frames that must win over the (older) reload answer
let ownRequests = 0; // claims / take-next in flight: their frames are not "assigned to you" news
let agentsLoadedAt = 0;

export function beginOwnRequest() {
  ownRequests++;
}

export function endOwnRequest() {
  ownRequests = Math.max(0, ownRequests - 1);
}

/** GET /handoffs (waiting + active). `announce`: alert for chats that appeared meanwhile. */
export function reloadHandoffs({ announce = false } = {}) {
  if (reload) {
    reloadAgain = true;
    return reload;
  }
  framesDuringReload = [];
  reload = (async () => {
    try {
      const list = await api.handoffs();
      const before = state.handoffs;
      state.handoffs = new Map();
      for (const handoff of Array.isArray(list) ? list : []) {
        const previous = before.get(handoff.id) || null;
        storeHandoff(handoff);
        if (announce) announceIfNew(previous, handoff);
      }
      for (const handoff of framesDuringReload) storeHandoff(handoff);
      await refreshSelectedIfGone(before);
    } catch (error) {
      if (error.status !== 401) notice(errorText(error), "error");
    } finally {
      reload = null;
      framesDuringReload = null;
      syncWatches();
      refresh.sidebar();
      refresh.detailMeta();
    }
    if (reloadAgain) {
      reloadAgain = false;
      await reloadHandoffs({ announce });
    }
  })();
  return reload;
}

/** The shown chat was open and is not in the new list: it changed while we were away. */
async function refreshSelectedIfGone(before) {
  const selected = state.selected;
  if (!selected || state.handoffs.has(selected.id) || !before.has(selected.id)) return;
  await refreshSelected();
}

export async function refreshSelected() {
  const selected = state.selected;
  if (!selected) return;
  try {
    const handoff = await api.handoff(selected.id);
    if (handoff) storeHandoff(handoff);
  } catch (error) {
    if (error.status === 404 && state.selected && state.selected.id === selected.id) {
      notice(t("notices.handoff_gone"), "info");
    }
  }
  refresh.detailMeta();
  refresh.sidebar();
}

/** A handoff from the server (a frame or an action's answer). */
export function applyHandoff(handoff, { announce = true } = {}) {
  if (!handoff || typeof handoff !== "object" || typeof handoff.id !== "string") return;
  if (framesDuringReload) framesDuringReload.push(handoff);
  const previous = storeHandoff(handoff);
  if (announce) {
    announceIfNew(previous, handoff);
    explainChangeOfShown(previous, handoff);
  }
  syncWatches();
  refresh.sidebar();
  if (state.selected && state.selected.id === handoff.id) refresh.detailMeta();
}

function announceIfNew(previous, handoff) {
  if (!state.me || state.me.presence === "offline") return;
  const newlyWaiting =
    handoff.status === "waiting" &&
    isMyQueue(handoff.queue) &&
    (!previous || previous.status !== "waiting" || previous.queue !== handoff.queue);
  const newlyMine =
    handoff.status === "active" && isMine(handoff) && ownRequests === 0 && !(previous && isMine(previous));
  if (!newlyWaiting && !newlyMine) return;
  const language = currentLanguage();
  alertAgent({
    title: newlyMine ? t("alerts.assigned_title") : t("alerts.waiting_title", { queue: queueName(handoff, language) }),
    body: `${handoff.priority || ""} · ${label("categories", categoryOf(handoff))}`,
    tag: `handoff-${handoff.id}`,
    onClick: () => selectHandoff(handoff),
  });
}

function queueName(handoff, language) {
  const queue = state.queues.find((candidate) => candidate.name === handoff.queue);
  return (queue && queue.label && (queue.label[language] || queue.label.en)) || handoff.queue;
}

/** Someone else changed the chat on screen: say so, since the buttons change under the agent. */
function explainChangeOfShown(previous, handoff) {
  if (!previous || !state.selected || state.selected.id !== handoff.id) return;
  if (previous.status === handoff.status && isMine(previous) === isMine(handoff)) return;
  if (handoff.status === "cancelled") notice(t("notices.cancelled"), "info");
  else if (handoff.status === "active" && !isMine(handoff) && handoff.agent) {
    notice(t("notices.claimed_by", { name: handoff.agent.display_name || "?" }), "info");
  } else if (isMine(previous) && !isMine(handoff)) notice(t("notices.taken_away"), "info");
}

/** Watch my active chats and the shown one; hold (without watching) a closed one being read. */
export function syncWatches() {
  const conversationIds = myChats().map((handoff) => handoff.conversation_id);
  const selected = state.selected;
  if (selected && OPEN_STATUSES.includes(selected.status)) conversationIds.push(selected.conversation_id);
  setWatched(conversationIds, selected ? selected.conversation_id : null);
}

export function selectHandoff(handoff) {
  const current = state.handoffs.get(handoff.id) || handoff;
  const changed = !state.selected || state.selected.id !== current.id;
  state.selected = current;
  state.unread.delete(current.id);
  syncWatches();
  if (changed) refresh.detail();
  else refresh.detailMeta();
  refresh.sidebar();
  const conversationId = current.conversation_id;
  const transcript = transcriptOf(conversationId);
  if (!transcript.loaded) {
    loadTranscript(conversationId)
      .catch(() => {})
      .finally(() => refresh.transcript(conversationId));
  }
  loadNotes(current.id);
  refreshAgents();
}

export function clearSelection() {
  state.selected = null;
  syncWatches();
  refresh.detail();
  refresh.sidebar();
}

/** A new message in a watched conversation (from the page load or live). */
export function onConversationMessage(conversationId, message, { live }) {
  refresh.message(conversationId, message);
  if (!live || message.role !== "user") return;
  const handoff = myChats().find((candidate) => candidate.conversation_id === conversationId);
  if (!handoff) return;
  const shown = state.selected && state.selected.conversation_id === conversationId;
  if (!shown) {
    state.unread.set(handoff.id, (state.unread.get(handoff.id) || 0) + 1);
    refresh.sidebar();
  }
  if (!shown || document.hidden) {
    alertAgent({
      title: t("alerts.message_title"),
      body: label("categories", categoryOf(handoff)),
      tag: `message-${handoff.id}`,
      onClick: () => selectHandoff(handoff),
    });
  }
}

// ---- notes -----------------------------------------------------------------------------------

export async function loadNotes(handoffId) {
  try {
    const list = await api.notes(handoffId);
    const live = state.notes.get(handoffId) || [];
    state.notes.set(handoffId, mergeNotes(Array.isArray(list) ? list : [], live));
  } catch (error) {
    if (error.status !== 401 && state.selected && state.selected.id === handoffId) {
      state.notes.set(handoffId, state.notes.get(handoffId) || []);
    }
  }
  refresh.notes();
}

/** A note from a frame or our own POST; the other copy of it is skipped by id. */
export function addNote(handoffId, note) {
  if (!note || typeof note !== "object") return;
  if (!state.notes.has(handoffId)) return; // not loaded: the next load brings it
  state.notes.set(handoffId, mergeNotes(state.notes.get(handoffId), [note]));
  refresh.notes();
}

function mergeNotes(first, second) {
  const byId = new Map();
  for (const note of [...first, ...second]) byId.set(note.id, note);
  return [...byId.values()].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
}

// ---- reference data --------------------------------------------------------------------------

export async function loadQueues() {
  try {
    const queues = await api.queues();
    state.queues = Array.isArray(queues) ? queues : [];
  } catch (error) {
    if (error.status !== 401) notice(errorText(error), "error");
  }
  refresh.sidebar();
  refresh.transfers();
}

export async function loadCanned() {
  try {
    const canned = await api.cannedResponses();
    state.canned = Array.isArray(canned) ? canned : [];
  } catch (_) {
    state.canned = []; // replying still works without them
  }
  refresh.canned();
}

/** Colleagues' presence changes without frames; reload when a transfer may be near. */
export async function refreshAgents({ force = false } = {}) {
  if (!force && Date.now() - agentsLoadedAt < AGENTS_MAX_AGE_MS) return;
  agentsLoadedAt = Date.now();
  try {
    const agents = await api.agents();
    state.agents = Array.isArray(agents) ? agents : [];
  } catch (_) {
    agentsLoadedAt = 0; // try again next time
  }
  refresh.transfers();
}

export async function loadResolved() {
  try {
    const list = await api.handoffs("resolved");
    state.resolved = Array.isArray(list) ? list : [];
    state.resolvedLoaded = true;
  } catch (error) {
    if (error.status !== 401) notice(errorText(error), "error");
  }
  refresh.sidebar();
}

export function resetHandoffTracking() {
  agentsLoadedAt = 0;
  reloadAgain = false;
  ownRequests = 0;
}
