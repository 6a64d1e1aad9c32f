/**
 * The console's state and the rules for reading it: which handoffs are waiting where, which are
 * mine, how they sort. Rendering modules read this; only console.js and the action handlers
 * change it.
 */

export const OPEN_STATUSES = ["waiting", "active"];
export const PRIORITIES = ["P1", "P2", "P3", "P4"];

export const state = {
  me: null, // the agent
  queues: [], // [{name, label: {de, en}, languages, waiting}]
  agents: [], // colleagues for transfers
  canned: [], // canned responses
  handoffs: new Map(), // id → handoff; waiting and active ones only
  resolved: [], // closed handoffs (the resolved tab), newest first
  resolvedLoaded: false,
  selected: null, // the handoff shown in the detail pane (may be closed)
  tab: "queue", // "queue" | "team" | "resolved"
  transcripts: new Map(), // conversation_id → transcript (see transcript.js)
  notes: new Map(), // handoff id → [note]
  drafts: new Map(), // handoff id → reply text not yet sent
  unread: new Map(), // handoff id → new user messages not yet seen
  connection: "idle",
};

export function resetState() {
  Object.assign(state, {
    me: null,
    queues: [],
    agents: [],
    canned: [],
    handoffs: new Map(),
    resolved: [],
    resolvedLoaded: false,
    selected: null,
    tab: "queue",
    transcripts: new Map(),
    notes: new Map(),
    drafts: new Map(),
    unread: new Map(),
    connection: "idle",
  });
}

export function isMine(handoff) {
  return Boolean(state.me && handoff && handoff.agent && handoff.agent.id === state.me.id);
}

export function isMyActive(handoff) {
  return handoff.status === "active" && isMine(handoff);
}

/** Supervisors and admins may transfer every queue's chats (docs/agent-api.md, roles). */
export function canManageAll() {
  return Boolean(state.me && ["supervisor", "admin"].includes(state.me.role));
}

export function isVisibleQueue(name) {
  // Until the queues are loaded, trust the server: it only sends what we may see.
  return state.queues.length === 0 || state.queues.some((queue) => queue.name === name);
}

/** The agent's own queues (for alerts); the visible ones when the agent record has none. */
export function isMyQueue(name) {
  const own = state.me && Array.isArray(state.me.queues) ? state.me.queues : null;
  return own && own.length ? own.includes(name) : isVisibleQueue(name);
}

export function queueLabel(name, language) {
  const queue = state.queues.find((candidate) => candidate.name === name);
  const labels = queue && queue.label && typeof queue.label === "object" ? queue.label : {};
  return labels[language] || labels.en || labels.de || name || "";
}

function priorityRank(priority) {
  const index = PRIORITIES.indexOf(priority);
  return index === -1 ? PRIORITIES.length : index;
}

/** Highest priority first, then oldest: the order the server hands chats out in. */
export function byPriorityThenAge(a, b) {
  return priorityRank(a.priority) - priorityRank(b.priority) || String(a.created_at).localeCompare(String(b.created_at));
}

export function waitingHandoffs() {
  return [...state.handoffs.values()].filter((handoff) => handoff.status === "waiting").sort(byPriorityThenAge);
}

/** [{queue: name, handoffs}] in the order of GET /queues, then any queue we only know from a handoff. */
export function waitingByQueue() {
  const groups = new Map(state.queues.map((queue) => [queue.name, []]));
  for (const handoff of waitingHandoffs()) {
    if (!groups.has(handoff.queue)) groups.set(handoff.queue, []);
    groups.get(handoff.queue).push(handoff);
  }
  return [...groups].map(([queue, handoffs]) => ({ queue, handoffs }));
}

export function myChats() {
  return [...state.handoffs.values()].filter(isMyActive).sort((a, b) => String(a.claimed_at).localeCompare(String(b.claimed_at)));
}

export function teamChats() {
  return [...state.handoffs.values()]
    .filter((handoff) => handoff.status === "active" && !isMine(handoff))
    .sort(byPriorityThenAge);
}

/**
 * Put a handoff the server sent into the lists. Returns the version we had before (or null).
 * Closed handoffs leave the open list and join the resolved list when that is loaded.
 */
export function storeHandoff(handoff) {
  const previous = state.handoffs.get(handoff.id) || null;
  const open = OPEN_STATUSES.includes(handoff.status);
  // A chat transferred to a queue we cannot see is none of our business any more.
  const visible = handoff.status !== "waiting" || isVisibleQueue(handoff.queue);
  if (open && visible) state.handoffs.set(handoff.id, handoff);
  else state.handoffs.delete(handoff.id);
  if (!open && state.resolvedLoaded) {
    state.resolved = [handoff, ...state.resolved.filter((other) => other.id !== handoff.id)];
  }
  if (state.selected && state.selected.id === handoff.id) state.selected = handoff;
  return previous;
}

/** The handoffs' problem text (redacted) or "". */
export function problemText(handoff) {
  const triage = handoff && handoff.triage;
  return triage && typeof triage.problem === "string" ? triage.problem : "";
}

export function categoryOf(handoff) {
  return (handoff.triage && handoff.triage.category) || "other";
}

export function languageOf(handoff) {
  return handoff.language || (handoff.triage && handoff.triage.language) || "";
}
