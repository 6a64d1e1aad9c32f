/**
 * What an agent does to a chat: claim, take next, reply, note, transfer, resolve, hand back.
 * Each action applies the server's answer (the new handoff) at once instead of waiting for the
 * socket's frame, so the console also works while the socket reconnects.
 *
 * The functions return true on success; failures are shown as a notice (or, for replies and
 * notes, thrown to the form that shows them next to the input).
 */

import { api } from "./api.js";
import { ingest } from "./conversations.js";
import {
  addNote,
  applyHandoff,
  beginOwnRequest,
  endOwnRequest,
  refreshSelected,
  reloadHandoffs,
  selectHandoff,
} from "./handoffs.js";
import { t } from "./i18n.js";
import { state } from "./state.js";
import { errorText, notice, refresh } from "./ui.js";

/** A 409 or 404 means our picture of the chat is stale: say why, then fetch the truth. */
async function showConflict(error) {
  const capacity = state.me && state.me.max_chats;
  notice(errorText(error, { max_chats: capacity ?? "?" }), "error");
  if (error.status === 409 || error.status === 404) {
    if (error.code !== "at_capacity") {
      await reloadHandoffs();
      await refreshSelected();
    }
  }
}

export async function claim(handoff) {
  beginOwnRequest();
  try {
    const claimed = await api.claim(handoff.id);
    applyHandoff(claimed, { announce: false });
    selectHandoff(claimed);
    return true;
  } catch (error) {
    if (error.status !== 401) await showConflict(error);
    return false;
  } finally {
    endOwnRequest();
  }
}

export async function takeNext() {
  beginOwnRequest();
  try {
    const handoff = await api.takeNext();
    if (!handoff) {
      notice(t("notices.none_waiting"), "info");
      return false;
    }
    applyHandoff(handoff, { announce: false });
    selectHandoff(handoff);
    return true;
  } catch (error) {
    if (error.status !== 401) await showConflict(error);
    return false;
  } finally {
    endOwnRequest();
  }
}

/** target: {queue: name} or {agent_id: id}; targetLabel names it in the confirmation. */
export async function transfer(handoff, target, targetLabel) {
  try {
    const updated = await api.transfer(handoff.id, target);
    state.drafts.delete(handoff.id);
    applyHandoff(updated, { announce: false });
    notice(t("notices.transferred", { target: targetLabel }), "success");
    return true;
  } catch (error) {
    if (error.status !== 401) await showConflict(error);
    return false;
  }
}

export async function resolve(handoff, resolutionCode) {
  try {
    const updated = await api.resolve(handoff.id, resolutionCode);
    state.drafts.delete(handoff.id);
    applyHandoff(updated, { announce: false });
    notice(t("notices.resolved"), "success");
    return true;
  } catch (error) {
    if (error.status !== 401) await showConflict(error);
    return false;
  }
}

export async function release(handoff) {
  try {
    const updated = await api.release(handoff.id);
    state.drafts.delete(handoff.id);
    applyHandoff(updated, { announce: false });
    notice(t("notices.released"), "success");
    return true;
  } catch (error) {
    if (error.status !== 401) await showConflict(error);
    return false;
  }
}

/**
 * Send a reply. The same client_message_id is used for a retry of the same text, so a reply
 * whose answer got lost is not stored twice. Throws the ApiError for the form to show.
 */
export async function sendReply(handoff, text, clientMessageId) {
  try {
    const message = await api.sendMessage(handoff.conversation_id, text, clientMessageId);
    ingest(handoff.conversation_id, message, { live: false });
    markFirstResponse(handoff, message);
    return message;
  } catch (error) {
    if (error.code === "not_owner") {
      reloadHandoffs();
      refreshSelected();
    }
    throw error;
  }
}

/**
 * The server sends no frame for the first response, but the SLA countdown must stop with it.
 * The next reload brings the server's own timestamp.
 */
function markFirstResponse(handoff, message) {
  const current = state.handoffs.get(handoff.id);
  if (!current || current.first_response_at) return;
  const updated = { ...current, first_response_at: (message && message.created_at) || new Date().toISOString() };
  state.handoffs.set(updated.id, updated);
  if (state.selected && state.selected.id === updated.id) state.selected = updated;
  refresh.sidebar();
  refresh.detailMeta();
}

/** Throws the ApiError for the form to show. */
export async function postNote(handoff, text) {
  const note = await api.addNote(handoff.id, text);
  addNote(handoff.id, note);
  return note;
}

export async function setPresence(presence) {
  try {
    const agent = await api.setPresence(presence);
    if (agent && typeof agent === "object") state.me = { ...state.me, ...agent };
    else state.me = { ...state.me, presence };
    return true;
  } catch (error) {
    if (error.status !== 401) notice(errorText(error), "error");
    return false;
  } finally {
    refresh.header();
  }
}
