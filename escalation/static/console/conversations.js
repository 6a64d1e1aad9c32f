/**
 * Transcripts and which conversations the WebSocket watches.
 *
 * A transcript is loaded over HTTP (GET …/messages?after=N) and then kept current with
 * `watch` frames, which ask for everything after the last `seq` we hold. Messages are keyed by
 * `seq`, so the HTTP answer, the watch resync and live frames can overlap without duplicates,
 * and a reconnect simply re-watches from the last `seq`.
 *
 * We watch the selected conversation and all of the agent's own active chats (so a user's new
 * message in a background chat can be counted and announced).
 */

import { api } from "./api.js";

const MAX_PAGES = 20; // 20 × 500 messages: more is not a chat, and must not loop for ever
const PAGE_SIZE_HINT = 500; // the server's page size (docs/chat-protocol.md)

const transcripts = new Map();
const watched = new Set();
let socket = null;
let onMessage = () => {};

/** socket: AgentSocket; onMessageHandler(conversationId, message, {live}) for every new message. */
export function initConversations(agentSocket, onMessageHandler) {
  socket = agentSocket;
  onMessage = onMessageHandler;
}

export function resetConversations() {
  transcripts.clear();
  watched.clear();
}

export function transcriptOf(conversationId) {
  if (!transcripts.has(conversationId)) {
    transcripts.set(conversationId, {
      conversationId,
      messages: new Map(), // seq → message
      lastSeq: 0, // every seq up to here is held: the `after` for the next watch
      loaded: false,
      loading: null,
      failed: null, // the error of the last load, for the view
      gapTimer: null,
    });
  }
  return transcripts.get(conversationId);
}

export function sortedMessages(transcript) {
  return [...transcript.messages.values()].sort((a, b) => a.seq - b.seq);
}

/** Load what we do not have yet; concurrent callers share one request. */
export function loadTranscript(conversationId) {
  const transcript = transcriptOf(conversationId);
  if (transcript.loading) return transcript.loading;
  transcript.loading = (async () => {
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const data = await api.messages(conversationId, transcript.lastSeq);
        const messages = Array.isArray(data && data.messages) ? data.messages : [];
        for (const message of messages) ingest(conversationId, message, { live: false });
        if (messages.length < PAGE_SIZE_HINT) break;
      }
      transcript.loaded = true;
      transcript.failed = null;
      if (watched.has(conversationId)) sendWatch(transcript);
    } catch (error) {
      transcript.failed = error;
      throw error;
    } finally {
      transcript.loading = null;
    }
    return transcript;
  })();
  return transcript.loading;
}

/**
 * Add a message unless we have its seq. Returns true when it was new.
 * `live`: it arrived over the socket (so it may deserve an alert), not from a page load.
 */
export function ingest(conversationId, message, { live }) {
  if (!message || typeof message !== "object" || !Number.isInteger(message.seq) || message.seq < 1) return false;
  const transcript = transcripts.get(conversationId);
  if (!transcript) return false; // not (or no longer) watched: a late frame
  if (transcript.messages.has(message.seq)) return false;
  transcript.messages.set(message.seq, message);
  advance(transcript);
  if (live && message.seq > transcript.lastSeq) scheduleGapFill(transcript);
  onMessage(conversationId, message, { live });
  return true;
}

function advance(transcript) {
  while (transcript.messages.has(transcript.lastSeq + 1)) transcript.lastSeq++;
}

/**
 * Frames come exactly once and in order, so a hole means something was lost (a reconnect race):
 * ask again once; if the hole is still there, the server has nothing to fill it with.
 */
function scheduleGapFill(transcript) {
  if (transcript.gapTimer) return;
  transcript.gapTimer = setTimeout(async () => {
    transcript.gapTimer = null;
    try {
      await loadTranscript(transcript.conversationId);
    } catch (_) {
      return; // the next reconnect re-watches from lastSeq anyway
    }
    const highest = Math.max(0, ...transcript.messages.keys());
    if (highest > transcript.lastSeq) transcript.lastSeq = highest;
  }, 1500);
}

function sendWatch(transcript) {
  if (!socket) return;
  socket.send({ type: "watch", conversation_id: transcript.conversationId, after: transcript.lastSeq });
}

/**
 * Make the watched set exactly `conversationIds`: new ones are loaded then watched, dropped ones
 * unwatched and forgotten (they are reloaded if the agent comes back to them). `keep` names a
 * transcript to hold without watching it (a closed chat being read).
 */
export function setWatched(conversationIds, keep = null) {
  const wanted = new Set(conversationIds.filter(Boolean));
  for (const conversationId of [...transcripts.keys()]) {
    if (!wanted.has(conversationId) && !watched.has(conversationId) && conversationId !== keep) {
      transcripts.delete(conversationId);
    }
  }
  for (const conversationId of [...watched]) {
    if (wanted.has(conversationId)) continue;
    watched.delete(conversationId);
    socket && socket.send({ type: "unwatch", conversation_id: conversationId });
    const transcript = transcripts.get(conversationId);
    if (transcript) clearTimeout(transcript.gapTimer);
    if (conversationId !== keep) transcripts.delete(conversationId);
  }
  for (const conversationId of wanted) {
    if (watched.has(conversationId)) continue;
    watched.add(conversationId);
    const transcript = transcriptOf(conversationId);
    if (transcript.loaded) sendWatch(transcript);
    else loadTranscript(conversationId).catch(() => {}); // the view shows transcript.failed
  }
}

/** After the socket's (re)connect: watch everything again from the last seq we hold. */
export function rewatchAll() {
  for (const conversationId of watched) {
    const transcript = transcriptOf(conversationId);
    if (transcript.loaded) sendWatch(transcript);
    else if (!transcript.loading) loadTranscript(conversationId).catch(() => {});
  }
}

export function isWatched(conversationId) {
  return watched.has(conversationId);
}

/** While the socket is down, fetch what the watched conversations got meanwhile. */
export function pollWatched() {
  for (const conversationId of watched) loadTranscript(conversationId).catch(() => {});
}
