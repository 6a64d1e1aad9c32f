/**
 * Lotse agent console: entry point (loaded by /console/ as an ES module, no build step).
 *
 * Starts the session (GET /api/v1/auth/me, else the sign-in screen), lays out the page
 * (header, queue sidebar, detail pane), runs the WebSocket and the one-second ticker, and
 * routes the socket's frames to the modules that own the data. Contract: docs/agent-api.md.
 *
 * Test surface: see the data-testid attributes; the page root carries data-view="login|console"
 * and the header's connection indicator data-state="connecting|open|reconnecting|stopped".
 */

import { api, onUnauthorized, setCsrfToken } from "./api.js";
import { setPresence } from "./actions.js";
import { ingest, initConversations, pollWatched, resetConversations, rewatchAll } from "./conversations.js";
import { detailRoot, onDetailMessage, onTranscriptLoaded, rebuildDetail, updateCanned, updateDetailMeta, updateNotes, updateTransfers } from "./detail.js";
import { h, keepFocus } from "./dom.js";
import {
  addNote,
  applyHandoff,
  loadCanned,
  loadNotes,
  loadQueues,
  loadResolved,
  onConversationMessage,
  refreshAgents,
  reloadHandoffs,
  resetHandoffTracking,
} from "./handoffs.js";
import { LANGUAGES, currentLanguage, initialLanguage, setLanguage, t } from "./i18n.js";
import { loginScreen } from "./login.js";
import {
  initNotifications,
  notificationPermission,
  requestNotificationPermission,
  resetBadge,
  setBaseTitle,
  setSoundEnabled,
  soundEnabled,
} from "./notify.js";
import { renderSidebar, updateSidebar } from "./sidebar.js";
import { AgentSocket } from "./socket.js";
import { resetState, state } from "./state.js";
import { clearNotice, errorText, mountNotice, notice, refresh, tick } from "./ui.js";

const PRESENCES = ["online", "away", "offline"];
const FALLBACK_POLL_MS = 20000; // lists and transcripts over HTTP while the socket is down

const app = document.getElementById("app");
let mode = "starting"; // "login" | "console"
let socket = null;
let ticker = null;
let fallbackPoll = null;
let header = null;
let banner = null;
let lastEmail = "";

// ---- start -----------------------------------------------------------------------------------

async function boot() {
  await setLanguage(initialLanguage());
  setBaseTitle(t("app.title"));
  initNotifications();
  onUnauthorized(() => endSession({ expired: true }));
  wireRefresh();
  try {
    startSession(await api.me());
  } catch (failure) {
    showLogin({ message: failure.status === 401 ? null : () => errorText(failure) });
  }
}

function wireRefresh() {
  refresh.header = updateHeader;
  refresh.sidebar = updateSidebar;
  refresh.detail = rebuildDetail;
  refresh.detailMeta = updateDetailMeta;
  refresh.canned = updateCanned;
  refresh.transfers = updateTransfers;
  refresh.notes = updateNotes;
  refresh.message = onDetailMessage;
  refresh.transcript = onTranscriptLoaded;
}

// ---- sessions --------------------------------------------------------------------------------

/** `message`: a function giving the text, so that a language switch can re-translate it. */
function showLogin({ message = null } = {}) {
  mode = "login";
  app.dataset.view = "login";
  const screen = loginScreen({
    message: message ? message() : null,
    email: lastEmail,
    languageSwitch: languageSwitch(() => {
      lastEmail = screen.email(); // keep what was typed across the re-render
      showLogin({ message });
    }),
    onLoggedIn: (session) => {
      lastEmail = screen.email();
      startSession(session);
    },
  });
  app.replaceChildren(screen.root);
  app.removeAttribute("aria-busy");
}

function startSession(session) {
  if (!session || !session.agent) {
    showLogin({ message: () => t("login.generic") });
    return;
  }
  resetState();
  setCsrfToken(session.csrf_token);
  state.me = session.agent;
  mode = "console";
  renderConsole();

  socket = new AgentSocket({
    onFrame,
    onReady,
    onState: showConnection,
    onUnauthorized: () => endSession({ expired: true }),
    onForbidden: () => notice(t("errors.origin_not_allowed"), "error"),
  });
  initConversations(socket, onConversationMessage);
  socket.start();

  loadQueues();
  reloadHandoffs();
  loadCanned();
  refreshAgents({ force: true });
  ticker = setInterval(() => tick(app), 1000);
  fallbackPoll = setInterval(() => {
    if (state.connection === "open") return;
    reloadHandoffs({ announce: true });
    pollWatched();
  }, FALLBACK_POLL_MS);
}

/** Back to the sign-in screen; `expired` when the server ended the session (a 401 or close 4401). */
function endSession({ expired }) {
  if (mode !== "console") return; // several requests may fail with 401 at once
  mode = "login";
  if (socket) socket.stop();
  socket = null;
  clearInterval(ticker);
  clearInterval(fallbackPoll);
  resetConversations();
  resetHandoffTracking();
  resetState();
  setCsrfToken(null);
  header = null;
  banner = null;
  resetBadge();
  clearNotice();
  showLogin({ message: () => t(expired ? "login.session_ended" : "login.logged_out") });
}

async function logout() {
  try {
    await api.logout();
  } catch (_) {
    /* the cookie may be gone already; either way the console leaves the session */
  }
  endSession({ expired: false });
}

// ---- socket ----------------------------------------------------------------------------------

function onFrame(frame) {
  switch (frame.type) {
    case "handoff":
      applyHandoff(frame.handoff);
      break;
    case "message":
      if (typeof frame.conversation_id === "string") ingest(frame.conversation_id, frame.message, { live: true });
      break;
    case "note":
      if (typeof frame.handoff_id === "string") addNote(frame.handoff_id, frame.note);
      break;
    case "handoff_gone":
      // The chat moved to a queue this agent cannot see: reloading drops it from the lists.
      reloadHandoffs({ announce: false });
      break;
    case "resync":
      // The server's event stream had a gap (a full queue, Redis lost): the database decides.
      reloadHandoffs({ announce: false });
      loadQueues();
      break;
    case "error":
      notice(errorText({ code: frame.code, serverMessage: frame.message }), "error");
      break;
    default:
      break; // unknown frame types are ignored: newer servers may send more
  }
}

/** Frames may have been missed before this point: reload the lists and watch again from lastSeq. */
function onReady(reconnected, frame) {
  if (frame.agent && typeof frame.agent === "object") state.me = { ...state.me, ...frame.agent };
  updateHeader();
  rewatchAll();
  reloadHandoffs({ announce: reconnected });
  if (reconnected) {
    loadQueues();
    if (state.resolvedLoaded) loadResolved();
    if (state.selected) loadNotes(state.selected.id);
  }
}

function showConnection(connection) {
  state.connection = connection;
  if (!header) return;
  const indicator = header.querySelector("[data-testid=connection-status]");
  if (indicator) {
    indicator.dataset.state = connection;
    indicator.querySelector(".connection-text").textContent = t(`connection.${connection}`);
  }
  if (banner) banner.hidden = connection !== "reconnecting";
}

// ---- layout ----------------------------------------------------------------------------------

function renderConsole() {
  app.dataset.view = "console";
  header = h("header", { class: "topbar" });
  updateHeader();
  banner = h("div", { class: "connection-banner", "data-testid": "connection-banner", role: "status", hidden: true }, [
    h("span", { text: t("connection.banner") }),
    h("button", { type: "button", class: "button small", "data-testid": "reconnect-now", text: t("connection.retry_now"), onclick: () => socket && socket.reconnectNow() }),
  ]);
  const noticeBox = h("div", { class: "notice", "data-testid": "notice", role: "status", hidden: true }, [
    h("span", { class: "notice-text" }),
    // The "×" is drawn by CSS so that the notice's text is only the message.
    h("button", { type: "button", class: "notice-dismiss close-glyph", "aria-label": t("notice.dismiss"), title: t("notice.dismiss"), onclick: clearNotice }),
  ]);
  mountNotice(noticeBox);
  const skipLinks = h("nav", { class: "skip-links", "aria-label": t("skip.label") }, [
    h("a", { href: "#queue", text: t("skip.queue") }),
    h("a", { href: "#detail", text: t("skip.detail") }),
  ]);
  const workspace = h("div", { class: "workspace" }, [renderSidebar(), detailRoot()]);
  app.replaceChildren(skipLinks, header, banner, noticeBox, workspace);
  app.removeAttribute("aria-busy");
  showConnection(state.connection);
}

function updateHeader() {
  if (!header || mode !== "console" || !state.me) return;
  keepFocus(header, () => header.replaceChildren(...headerContent()));
}

function headerContent() {
  const me = state.me;
  const presence = h(
    "select",
    {
      id: "presence",
      class: `presence presence-${me.presence}`,
      "data-testid": "presence",
      value: me.presence,
      onchange: (event) => setPresence(event.target.value),
    },
    PRESENCES.map((value) => h("option", { value, text: t(`presence.${value}`) })),
  );
  const sound = h("input", {
    id: "sound-toggle",
    type: "checkbox",
    "data-testid": "sound-toggle",
    checked: soundEnabled(),
    onchange: (event) => setSoundEnabled(event.target.checked),
  });
  const permission = notificationPermission();
  const enableNotifications =
    permission === "default"
      ? h("button", {
          type: "button",
          class: "button small quiet",
          "data-testid": "notifications-enable",
          text: t("header.enable_notifications"),
          onclick: async () => {
            await requestNotificationPermission();
            updateHeader();
          },
        })
      : null;
  return [
    h("div", { class: "brand" }, [h("span", { class: "brand-mark", "aria-hidden": "true", text: "L" }), h("h1", { class: "brand-name", text: t("app.title") })]),
    h("div", { class: "connection", "data-testid": "connection-status", "data-state": state.connection }, [
      h("span", { class: "connection-dot", "aria-hidden": "true" }),
      h("span", { class: "connection-text", text: t(`connection.${state.connection}`) }),
    ]),
    h("div", { class: "header-tools" }, [
      h("span", { class: "agent-name", "data-testid": "agent-name", title: me.email || null, text: me.display_name || me.email || "" }),
      h("label", { class: "inline-field", for: "presence" }, [h("span", { class: `presence-dot presence-${me.presence}`, "aria-hidden": "true" }), t("header.presence")]),
      presence,
      h("label", { class: "inline-field check", for: "sound-toggle" }, [sound, t("header.sound")]),
      enableNotifications,
      h("label", { class: "inline-field", for: "language-switch", text: t("header.language") }),
      languageSwitch(() => renderConsole()),
      h("button", { type: "button", class: "button", "data-testid": "logout", text: t("header.logout"), onclick: logout }),
    ]),
  ];
}

/** The de/en switcher; `rerender` draws the current screen again in the new language. */
function languageSwitch(rerender) {
  return h(
    "select",
    {
      id: "language-switch",
      class: "language-switch",
      "data-testid": "language-switch",
      "aria-label": t("header.language"),
      value: currentLanguage(),
      onchange: async (event) => {
        await setLanguage(event.target.value, { remember: true });
        setBaseTitle(t("app.title"));
        rerender();
        const again = document.getElementById("language-switch");
        if (again) again.focus();
      },
    },
    LANGUAGES.map((code) => h("option", { value: code, lang: code, text: t(`language_names.${code}`) })),
  );
}

boot();
