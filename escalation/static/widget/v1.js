/*!
 * Lotse chat widget, version 1.
 *
 * Embed with one tag:
 *   <script src="https://HOST/widget/v1.js" defer></script>
 *
 * Optional attributes, on that script tag or on a <lotse-chat> element placed in the page
 * (the element's attribute wins):
 *   data-locale="de"      UI language; otherwise <html lang>, then navigator.language.
 *                         "auto" skips <html lang> and uses navigator.language.
 *   data-title="…"        header title (default: from the locale catalogue)
 *   data-open-param="open"  open the panel on load when the page URL has ?open=1
 *
 * Speaks the chat protocol v1 (docs/chat-protocol.md). The API base URL is derived from
 * this script's own URL (…/widget/v1.js → …/), so it works when embedded in another origin.
 * No build step, no dependencies, no inline styles (constructable stylesheet), no innerHTML:
 * message text is only ever set through textContent.
 *
 * Test/debug surface: <lotse-chat data-state="connecting|open|fallback|closed"
 * data-conversation-id="…" data-handoff="none|waiting|active">; shadow parts / data-testid:
 * launcher, panel, messages, message (data-role, data-seq), sender, input, send, quick-reply,
 * typing, error, queue-status (data-status="pending|queued"), cancel-wait, agent-banner,
 * callback (the form), callback-contact, callback-submit, callback-error, callback-hint.
 *
 * Human handoff: the handoff state (none → waiting → active → none) is derived from the stored
 * system messages' `custom.event` in seq order (so a reload/resync rebuilds it), refined by
 * `queue` frames (WebSocket) or `GET …/handoff` polls (HTTP fallback).
 * Callback: while waiting, when the latest `handoff` message says `offline: true` and no
 * `callback_requested` message came after it, the waiting panel offers a form to leave a phone
 * number or e-mail address (`POST …/handoff/callback`).
 */
(() => {
  "use strict";

  // UI languages with a catalogue in locales/<lang>.json. Adding one needs only the file + entry.
  const AVAILABLE_LOCALES = ["de", "en"];
  const DEFAULT_LOCALE = "en";

  const TAG = "lotse-chat";
  const MAX_CHARS = 2000;
  const PING_INTERVAL_MS = 25000;
  const PONG_TIMEOUT_MS = 10000;
  const CONNECT_TIMEOUT_MS = 10000; // socket open + auth → ready
  const RESYNC_TIMEOUT_MS = 4000;
  const BACKOFF_MIN_MS = 500;
  const BACKOFF_MAX_MS = 10000;
  const WS_FAILURES_BEFORE_FALLBACK = 3;
  const POLL_INTERVAL_MS = 3000;
  const POLL_INTERVAL_HIDDEN_MS = 15000;
  const WS_RETRY_IN_FALLBACK_MS = 30000;
  const HTTP_TIMEOUT_MS = 60000;
  const TYPING_SAFETY_MS = 60000;
  const MAX_RESETS_PER_MINUTE = 3;
  const HANDOFF_POLL_MS = 10000; // HTTP fallback: queue position while waiting for an agent
  const CALLBACK_MAX_CHARS = 200; // limit of a callback contact (phone number or e-mail address)

  // custom.event of stored system messages → the handoff phase it leads to.
  const HANDOFF_EVENTS = {
    handoff: "waiting",
    transferred: "waiting",
    agent_joined: "active",
    handoff_released: "none",
    handoff_resolved: "none",
    handoff_cancelled: "none",
  };

  if (!window.customElements || customElements.get(TAG)) return;

  // ---- where we were loaded from ---------------------------------------------------------
  const currentScript =
    document.currentScript || document.querySelector('script[src*="/widget/v1.js"]');
  const SCRIPT_SRC = new URL(
    (currentScript && currentScript.src) || "/widget/v1.js",
    document.baseURI,
  ).href;
  const SCRIPT_DATA = (currentScript && currentScript.dataset) || {};
  const API_BASE = new URL("../", SCRIPT_SRC); // https://HOST/widget/v1.js → https://HOST/
  const API_ID =
    API_BASE.origin + (API_BASE.pathname === "/" ? "" : API_BASE.pathname.replace(/\/$/, ""));
  const STORAGE_KEY = `lotse:v1:${API_ID}`;

  const apiUrl = (path) => new URL(path, API_BASE);
  const wsUrl = (conversationId) => {
    const url = apiUrl(`ws/v1/chat/${encodeURIComponent(conversationId)}`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.href;
  };

  // ---- small helpers ---------------------------------------------------------------------
  const codePointLength = (s) => {
    let n = 0;
    for (const _ of s) n++; // eslint-disable-line no-unused-vars
    return n;
  };

  const uuid = () => {
    if (window.crypto && typeof crypto.randomUUID === "function") {
      try {
        return crypto.randomUUID();
      } catch (_) {
        /* insecure context: fall through */
      }
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const x = Array.from(b, (v) => v.toString(16).padStart(2, "0")).join("");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };

  const backoff = (attempt) => {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(attempt, 10));
    return Math.min(BACKOFF_MAX_MS, Math.round(base * (0.75 + Math.random() * 0.5)));
  };

  const store = {
    load() {
      try {
        const v = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
        if (v && typeof v.conversation_id === "string" && typeof v.token === "string") {
          return { conversation_id: v.conversation_id, token: v.token };
        }
      } catch (_) {
        /* storage blocked or garbage */
      }
      return null;
    },
    save(conv) {
      try {
        localStorage.setItem(
          STORAGE_KEY,
          JSON.stringify({ conversation_id: conv.conversation_id, token: conv.token }),
        );
      } catch (_) {
        /* storage blocked: the conversation lasts for this page view only */
      }
    },
    clear() {
      try {
        localStorage.removeItem(STORAGE_KEY);
      } catch (_) {
        /* ignore */
      }
    },
  };

  /** Create an element. Text goes through textContent only; there is no way to set HTML. */
  const h = (tag, props, children) => {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === "text") el.textContent = v;
        else if (k === "class") el.className = v;
        else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      }
    }
    if (children) for (const c of [].concat(children)) if (c) el.append(c);
    return el;
  };

  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    chat: [
      "M21 11.5a8.38 8.38 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.38 8.38 0 0 1-3.8-.9L3 21l1.9-5.7" +
        "a8.38 8.38 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.38 8.38 0 0 1 3.8-.9h.5a8.48 8.48 0 0 1 8 8v.5z",
    ],
    close: ["M18 6 6 18", "M6 6l12 12"],
    down: ["M6 9l6 6 6-6"],
    send: ["M22 2 11 13", "M22 2 15 22 11 13 2 9z"],
    clock: ["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z", "M12 6v6l4 2"],
    person: ["M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2", "M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z"],
  };
  const icon = (name) => {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", `icon icon-${name}`);
    for (const d of ICONS[name]) {
      const p = document.createElementNS(SVG_NS, "path");
      p.setAttribute("d", d);
      svg.append(p);
    }
    return svg;
  };

  // ---- locale ----------------------------------------------------------------------------
  function resolveLocale(explicit) {
    const tags = [];
    const want = (explicit || "").trim();
    if (want && want.toLowerCase() !== "auto") tags.push(want);
    else {
      if (!want) tags.push(document.documentElement.getAttribute("lang") || "");
      tags.push(navigator.language || "");
    }
    const tag = (tags.find((t) => t && t.trim()) || DEFAULT_LOCALE).trim().replace(/_/g, "-");
    const primary = tag.toLowerCase().split("-")[0];
    const lang = AVAILABLE_LOCALES.includes(primary) ? primary : DEFAULT_LOCALE;
    // Send the page/browser locale ("de-DE") when it is the chosen language, else the language.
    return { lang, tag: primary === lang ? tag : lang };
  }

  // Last resort if no catalogue can be fetched at all, so the widget is never blank.
  const FALLBACK_STRINGS = {
    title: "IT support",
    launcher_open: "Open chat",
    launcher_close: "Close chat",
    close: "Close chat",
    input_label: "Your message",
    send: "Send",
    connection_lost: "Connection lost – reconnecting…",
    role_agent: "IT support",
    queue_waiting: "Waiting for IT support…",
    queue_position: "You are number {position} in the queue",
    cancel_wait: "Stop waiting",
    callback_label: "Leave a phone number or e-mail address for a callback",
    callback_submit: "Request callback",
    callback_hint: "Your contact details are stored encrypted and deleted after the retention period.",
    agent_banner: "You are chatting with {name} (IT support)",
    agent_banner_unknown: "You are chatting with IT support",
    errors: { unknown: "Something went wrong. Please try again." },
  };

  const catalogues = new Map();
  function loadCatalogue(lang) {
    if (!catalogues.has(lang)) {
      const p = fetch(new URL(`locales/${lang}.json`, SCRIPT_SRC), { credentials: "omit" }).then(
        (r) => {
          if (!r.ok) throw new Error(`locale ${lang}: HTTP ${r.status}`);
          return r.json();
        },
      );
      p.catch(() => catalogues.delete(lang));
      catalogues.set(lang, p);
    }
    return catalogues.get(lang);
  }

  function makeTranslator(strings) {
    const lookup = (obj, key) =>
      key.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), obj);
    const t = (key, vars) => {
      let s = lookup(strings, key);
      if (typeof s !== "string") s = lookup(FALLBACK_STRINGS, key);
      if (typeof s !== "string") return key;
      if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
      return s;
    };
    t.has = (key) => typeof lookup(strings, key) === "string";
    return t;
  }

  // ---- styles (constructable stylesheet: allowed under style-src 'self') ---------------
  const STYLES = `
:host {
  all: initial;
  --lotse-accent: #0b5cad;
  --lotse-accent-hover: #094b8f;
  --lotse-accent-soft: #e7f0fa;
  --lotse-text: #1f2937;
  --lotse-muted: #4b5563;
  --lotse-border: #d5dbe3;
  --lotse-surface: #ffffff;
  --lotse-canvas: #f5f7fa;
  --lotse-danger: #b42318;
  --lotse-danger-soft: #fdecea;
  --lotse-warn: #7a4a00;
  --lotse-warn-soft: #fff4dc;
  --lotse-agent-soft: #e9f6ee;
  --lotse-agent-border: #b9dec8;
  position: fixed;
  right: 20px;
  bottom: 20px;
  z-index: 2147483000;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: var(--lotse-text);
  -webkit-font-smoothing: antialiased;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.icon { width: 22px; height: 22px; fill: none; stroke: currentColor; stroke-width: 2;
  stroke-linecap: round; stroke-linejoin: round; flex: none; }

.launcher {
  position: relative; width: 58px; height: 58px; border-radius: 50%; border: 0;
  background: var(--lotse-accent); color: #fff; cursor: pointer;
  display: grid; place-items: center;
  box-shadow: 0 6px 18px rgba(15, 23, 42, .28), 0 1px 3px rgba(15, 23, 42, .2);
  transition: background-color .15s ease, transform .15s ease;
}
.launcher:hover { background: var(--lotse-accent-hover); transform: translateY(-1px); }
.launcher .icon { width: 26px; height: 26px; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: var(--lotse-danger); color: #fff; border: 2px solid #fff;
  font-size: 12px; font-weight: 700; line-height: 18px; text-align: center;
}
:focus-visible { outline: 3px solid var(--lotse-accent); outline-offset: 2px; }
.launcher:focus-visible { outline-color: var(--lotse-accent); outline-offset: 3px; }

.panel {
  position: absolute; right: 0; bottom: 72px;
  width: 380px; max-width: calc(100vw - 40px);
  height: 600px; max-height: calc(100vh - 112px); max-height: calc(100dvh - 112px);
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--lotse-surface); border: 1px solid rgba(15, 23, 42, .1); border-radius: 16px;
  box-shadow: 0 18px 48px rgba(15, 23, 42, .22), 0 2px 8px rgba(15, 23, 42, .10);
  animation: lotse-in .18s ease-out;
}
@keyframes lotse-in { from { opacity: 0; transform: translateY(8px) scale(.98); } to { opacity: 1; transform: none; } }

.header {
  display: flex; align-items: center; gap: 12px; padding: 12px 10px 12px 16px;
  background: var(--lotse-accent); color: #fff; flex: none;
}
.avatar {
  width: 36px; height: 36px; border-radius: 50%; flex: none; display: grid; place-items: center;
  background: rgba(255, 255, 255, .18); color: #fff;
}
.avatar .icon { width: 20px; height: 20px; }
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.subtitle { margin: 2px 0 0; font-size: 12.5px; opacity: .92; }
.close {
  width: 38px; height: 38px; border-radius: 10px; border: 0; background: transparent; color: #fff;
  cursor: pointer; display: grid; place-items: center; flex: none;
}
.close:hover { background: rgba(255, 255, 255, .16); }
.close:focus-visible { outline: 3px solid #fff; outline-offset: -3px; }

.body { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
  background: var(--lotse-canvas); padding: 16px 14px 8px; }
.intro { margin: 6px 8px 16px; text-align: center; color: var(--lotse-muted); font-size: 14px; }
.log { display: flex; flex-direction: column; gap: 10px; }
.msg { display: flex; flex-direction: column; max-width: 86%; min-width: 0; }
.msg-user { align-self: flex-end; align-items: flex-end; }
.msg-bot, .msg-agent { align-self: flex-start; align-items: flex-start; }
.msg-system, .notice { align-self: center; align-items: center; max-width: 92%; text-align: center; }
.bubble {
  padding: 9px 13px; border-radius: 16px; border: 1px solid transparent;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; max-width: 100%;
}
.msg-user .bubble { background: var(--lotse-accent); color: #fff; border-bottom-right-radius: 5px; }
.msg-bot .bubble { background: var(--lotse-surface); border-color: var(--lotse-border);
  border-bottom-left-radius: 5px; }
.msg-agent .bubble { background: var(--lotse-agent-soft); border-color: var(--lotse-agent-border);
  border-bottom-left-radius: 5px; }
.msg-system .bubble, .notice .bubble {
  background: transparent; color: var(--lotse-muted); font-size: 13px; padding: 2px 8px;
}
.sender { font-size: 12px; font-weight: 600; color: var(--lotse-muted); margin: 0 6px 3px; }
.status { font-size: 12px; color: var(--lotse-muted); margin: 3px 6px 0; }
.msg.failed .bubble { background: var(--lotse-surface); color: var(--lotse-text);
  border: 1px dashed var(--lotse-danger); }
.msg.failed .status { color: var(--lotse-danger); font-weight: 600; }
.handoff { font-size: 12.5px; color: var(--lotse-muted); margin: 4px 6px 0; }

.agent-banner {
  display: flex; align-items: center; gap: 8px; padding: 6px 16px; flex: none;
  font-size: 13px; font-weight: 600; color: #17532f;
  background: var(--lotse-agent-soft); border-bottom: 1px solid var(--lotse-agent-border);
}
.agent-banner .icon { width: 16px; height: 16px; }
.agent-banner-text { flex: 1; min-width: 0; overflow-wrap: anywhere; }

.queue {
  display: flex; align-items: center; flex-wrap: wrap; gap: 8px 10px; flex: none;
  padding: 10px 12px 10px 14px; font-size: 13.5px;
  background: var(--lotse-accent-soft); color: var(--lotse-text); border-top: 1px solid #c9dbef;
}
.queue > .icon { width: 20px; height: 20px; color: var(--lotse-accent); }
.queue-text { flex: 1 1 170px; min-width: 0; }
.queue-main { margin: 0; font-weight: 600; }
.queue-wait { margin: 2px 0 0; color: var(--lotse-muted); }
.cancel-wait {
  flex: none; border: 1px solid var(--lotse-accent); color: var(--lotse-accent);
  background: var(--lotse-surface); border-radius: 999px; padding: 5px 13px;
  font-size: 13.5px; line-height: 1.3; cursor: pointer;
  transition: background-color .12s ease, color .12s ease;
}
.cancel-wait:hover:not([aria-disabled="true"]) { background: var(--lotse-accent); color: #fff; }
.cancel-wait[aria-disabled="true"] { cursor: progress; opacity: .7; }
.callback { flex: 1 1 100%; min-width: 0; margin: 2px 0 0; padding-top: 8px;
  border-top: 1px solid #c9dbef; }
.callback-label { display: block; margin: 0 0 6px; font-weight: 600; }
.callback-row { display: flex; gap: 8px; align-items: stretch; }
.callback-input {
  flex: 1; min-width: 0; font: inherit; font-size: 14px; line-height: 1.3;
  color: var(--lotse-text); background: var(--lotse-surface);
  border: 1px solid #b9c2ce; border-radius: 10px; padding: 6px 10px;
}
.callback-input:focus-visible { outline: 2px solid var(--lotse-accent); outline-offset: 1px;
  border-color: var(--lotse-accent); }
.callback-input[aria-invalid="true"] { border-color: var(--lotse-danger); }
.callback-submit {
  flex: none; border: 0; border-radius: 10px; padding: 6px 12px; cursor: pointer;
  background: var(--lotse-accent); color: #fff; font-size: 13.5px; line-height: 1.3;
}
.callback-submit:hover:not([aria-disabled="true"]) { background: var(--lotse-accent-hover); }
.callback-submit[aria-disabled="true"] { cursor: progress; opacity: .7; }
.callback-error { margin: 6px 0 0; color: var(--lotse-danger); font-size: 13px; font-weight: 600; }
.callback-error:empty { margin: 0; }
.callback-hint { margin: 6px 0 0; font-size: 12px; color: var(--lotse-muted); }

.quick-replies { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.quick-reply {
  border: 1px solid var(--lotse-accent); color: var(--lotse-accent); background: var(--lotse-surface);
  border-radius: 999px; padding: 6px 13px; font-size: 14px; line-height: 1.3; cursor: pointer;
  text-align: left; max-width: 100%; overflow-wrap: anywhere;
  transition: background-color .12s ease, color .12s ease;
}
.quick-reply:hover:not(:disabled) { background: var(--lotse-accent); color: #fff; }
.quick-reply:disabled { cursor: default; border-color: var(--lotse-border); color: #5b6472;
  background: #eef1f5; }
.quick-reply.chosen:disabled { border-color: var(--lotse-accent); color: var(--lotse-accent);
  background: var(--lotse-accent-soft); }

.typing { display: flex; margin-top: 10px; }
.typing .bubble { display: inline-flex; gap: 5px; align-items: center; padding: 12px 14px;
  background: var(--lotse-surface); border-color: var(--lotse-border); border-bottom-left-radius: 5px; }
.dot { width: 7px; height: 7px; border-radius: 50%; background: #7b8494;
  animation: lotse-blink 1.2s infinite ease-in-out; }
.dot:nth-child(2) { animation-delay: .15s; }
.dot:nth-child(3) { animation-delay: .3s; }
@keyframes lotse-blink { 0%, 80%, 100% { opacity: .3; transform: translateY(0); }
  40% { opacity: 1; transform: translateY(-2px); } }

.banner {
  display: flex; align-items: flex-start; gap: 8px; padding: 8px 10px 8px 14px; flex: none;
  font-size: 13.5px; background: var(--lotse-danger-soft); color: var(--lotse-danger);
  border-top: 1px solid #f3c4bf;
}
.banner.connection { background: var(--lotse-warn-soft); color: var(--lotse-warn); border-top-color: #f0d9a8; }
.banner-text { flex: 1; padding-top: 2px; }
.dismiss { border: 0; background: transparent; color: inherit; cursor: pointer; border-radius: 6px;
  width: 26px; height: 26px; display: grid; place-items: center; flex: none; }
.dismiss .icon { width: 16px; height: 16px; }
.dismiss:focus-visible { outline: 2px solid currentColor; outline-offset: 0; }

.composer { flex: none; border-top: 1px solid #e4e8ee; padding: 10px 12px 8px; background: var(--lotse-surface); }
.row { display: flex; gap: 8px; align-items: flex-end; }
textarea {
  flex: 1; min-width: 0; resize: none; font: inherit; font-size: 15px; line-height: 1.4;
  color: var(--lotse-text); background: var(--lotse-surface);
  border: 1px solid #b9c2ce; border-radius: 12px; padding: 9px 12px;
  min-height: 42px; max-height: 140px; field-sizing: content;
}
textarea::placeholder { color: #6b7280; }
textarea:focus-visible { outline: 2px solid var(--lotse-accent); outline-offset: 1px;
  border-color: var(--lotse-accent); }
.send {
  width: 42px; height: 42px; border-radius: 12px; border: 0; flex: none; cursor: pointer;
  background: var(--lotse-accent); color: #fff; display: grid; place-items: center;
}
.send:hover { background: var(--lotse-accent-hover); }
.send .icon { width: 19px; height: 19px; }
.meta { display: flex; justify-content: space-between; gap: 8px; margin-top: 6px;
  font-size: 12px; color: #5b6472; }
.counter { font-variant-numeric: tabular-nums; white-space: nowrap; }
.counter.over { color: var(--lotse-danger); font-weight: 700; }

@media (max-width: 480px) {
  :host { right: 14px; bottom: 14px; }
  .panel { position: fixed; inset: 0; width: 100%; max-width: none; height: 100%; max-height: none;
    border: 0; border-radius: 0; }
  :host([open]) .launcher { display: none; }
  textarea, .callback-input { font-size: 16px; }
  .msg { max-width: 90%; }
}
@media (prefers-reduced-motion: reduce) {
  .panel, .dot, .launcher, .cancel-wait { animation: none; transition: none; }
}
@media (forced-colors: active) {
  .bubble, .quick-reply, .launcher, .send, .close, .cancel-wait, .queue, .agent-banner,
  .callback-input, .callback-submit {
    border: 1px solid CanvasText; }
}
`;
  let sheet = null;
  const getSheet = () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
    }
    return sheet;
  };

  // ---- the element -----------------------------------------------------------------------
  class LotseChat extends HTMLElement {
    static get observedAttributes() {
      return ["open"];
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: "open" });
      this._root.adoptedStyleSheets = [getSheet()];
      this._ui = null;
      this._t = makeTranslator({});
      this._built = false;
      this._building = false;
      this._isOpen = false;
      this._syncingAttr = false;
      this._timers = {};
      this._conv = null; // {conversation_id, token}
      this._creating = false;
      this._createAttempt = 0;
      this._fatal = null; // error code that stops all traffic
      this._resets = [];
      this._mode = null; // "ws" | "fallback" | null
      this._sock = null; // {ws, authed, background, timer}
      this._wsFailures = 0;
      this._backoffAttempt = 0;
      this._resyncing = false;
      this._resyncTarget = 0;
      this._polling = false;
      this._synced = false; // first resync/poll of this conversation done
      this._typingServer = false;
      this._typingHttp = 0;
      this._unread = 0;
      this._outbox = new Map(); // client_message_id -> {id, text, payload, el, sentSock, inflight}
      this._cancelling = false; // a "stop waiting" request is in flight
      this._callbackSending = false; // a callback request is in flight
      this._callbackUnavailable = false; // the service keeps no contact data (409 callback_unavailable)
      this._handoffPolling = false;
      this._resetSeqState();
      this._onOnline = () => this._reconnectSoon();
      this._onVisible = () => {
        if (document.visibilityState === "visible") this._reconnectSoon();
      };
    }

    _resetSeqState() {
      this._seen = new Set(); // every seq received (rendered or not)
      this._rendered = new Map(); // seq -> element
      this._lastSeq = 0; // all messages 1..lastSeq are known: the `after` we ask with
      this._maxUserSeq = 0;
      this._qrGroups = []; // [{seq, group}]
      // Handoff to a human, derived from the messages in seq order (the last event wins).
      this._handoff = {
        phase: "none", // "none" | "waiting" | "active"
        seq: 0, // seq of the last message that changed the phase
        since: 0, // seq from which the current agent (or wait) applies
        agent: null, // the agent's display name while active, if known
        queue: null, // {position, estimated_wait_seconds, agents_online} while waiting, if known
        offerSeq: 0, // seq of the latest `handoff` message
        offline: false, // its `custom.offline`: nobody can answer now, a callback may be left
        callbackSeq: 0, // seq of the latest `callback_requested` message
        callbackClosed: 0, // offerSeq for which the form was closed here (sent, or not waiting)
      };
    }

    // -- lifecycle --
    connectedCallback() {
      if (!this.hasAttribute("data-state")) this._setState("closed");
      window.addEventListener("online", this._onOnline);
      document.addEventListener("visibilitychange", this._onVisible);
      if (!this._built) {
        if (!this._building) this._build();
      } else {
        this._resume();
      }
    }

    disconnectedCallback() {
      window.removeEventListener("online", this._onOnline);
      document.removeEventListener("visibilitychange", this._onVisible);
      this._teardownTransport();
      clearTimeout(this._timers.create);
      this._setState("closed");
    }

    attributeChangedCallback(name, _old, value) {
      if (name !== "open" || this._syncingAttr || !this._built) return;
      if (value !== null) this.open();
      else this.close();
    }

    _config(name) {
      const own = this.dataset[name];
      return own != null && own !== "" ? own : SCRIPT_DATA[name];
    }

    async _build() {
      this._building = true;
      const { lang, tag } = resolveLocale(this._config("locale"));
      let strings = null;
      for (const l of [lang, DEFAULT_LOCALE]) {
        try {
          strings = await loadCatalogue(l);
          break;
        } catch (_) {
          /* try the next */
        }
      }
      this._lang = lang;
      this._localeTag = tag;
      this._t = makeTranslator(strings || {});
      this._render();
      this._built = true;
      this._building = false;
      this.dataset.lang = lang;

      const param = this._config("openParam");
      const wantOpen =
        this.hasAttribute("open") ||
        (param && ["1", "true"].includes(new URLSearchParams(location.search).get(param) || ""));
      if (this.isConnected) this._resume();
      if (wantOpen && this.isConnected) this.open();
    }

    _resume() {
      if (this._fatal) return;
      if (!this._conv) {
        const saved = store.load();
        if (saved) this._adopt(saved);
      } else if (!this._mode) {
        this._startTransport();
      }
      if (!this._conv && (this._isOpen || this._outbox.size)) this._ensureConversation();
    }

    // -- DOM --
    _render() {
      const t = this._t;
      const title = this._config("title") || t("title");
      const ui = {};
      ui.launcher = h("button", {
        type: "button",
        class: "launcher",
        part: "launcher",
        "data-testid": "launcher",
        "aria-expanded": "false",
        "aria-controls": "lotse-panel",
        onclick: () => (this._isOpen ? this.close() : this.open()),
      });
      ui.launcherIcon = icon("chat");
      ui.badge = h("span", { class: "badge", "aria-hidden": "true", hidden: true });
      ui.launcher.append(ui.launcherIcon, ui.badge);

      ui.title = h("h2", { class: "title", id: "lotse-title", text: title });
      ui.close = h(
        "button",
        {
          type: "button",
          class: "close",
          part: "close",
          "data-testid": "close",
          "aria-label": t("close"),
          title: t("close"),
          onclick: () => this.close(),
        },
        icon("close"),
      );
      const header = h("div", { class: "header", part: "header" }, [
        h("div", { class: "avatar", "aria-hidden": "true" }, icon("chat")),
        h("div", { class: "heading" }, [ui.title, h("p", { class: "subtitle", text: t("subtitle") })]),
        ui.close,
      ]);

      ui.agentText = h("span", { class: "agent-banner-text" });
      ui.agentBanner = h(
        "div",
        { class: "agent-banner", part: "agent-banner", "data-testid": "agent-banner", hidden: true },
        [icon("person"), ui.agentText],
      );

      ui.intro = h("p", { class: "intro", text: t("intro") });
      ui.log = h("div", {
        class: "log",
        part: "messages",
        "data-testid": "messages",
        role: "log",
        "aria-live": "polite",
        "aria-label": t("messages_label"),
      });
      ui.typing = h(
        "div",
        { class: "typing", part: "typing", "data-testid": "typing", role: "status", hidden: true },
        h("div", { class: "bubble" }, [
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("span", { class: "dot", "aria-hidden": "true" }),
          h("span", { class: "sr-only", text: t("typing") }),
        ]),
      );
      ui.body = h("div", { class: "body" }, [ui.intro, ui.log, ui.typing]);

      ui.bannerText = h("span", { class: "banner-text" });
      ui.banner = h(
        "div",
        { class: "banner", part: "error", "data-testid": "error", role: "alert", hidden: true },
        [
          ui.bannerText,
          h(
            "button",
            {
              type: "button",
              class: "dismiss",
              "aria-label": t("dismiss"),
              title: t("dismiss"),
              onclick: () => {
                this._clearBanner();
                ui.input.focus();
              },
            },
            icon("close"),
          ),
        ],
      );

      ui.queueMain = h("p", { class: "queue-main" });
      ui.queueWait = h("p", { class: "queue-wait", hidden: true });
      ui.cancelWait = h("button", {
        type: "button",
        class: "cancel-wait",
        part: "cancel-wait",
        "data-testid": "cancel-wait",
        text: t("cancel_wait"),
        onclick: () => this._cancelWait(),
      });
      ui.callbackInput = h("input", {
        id: "lotse-callback-contact",
        type: "text",
        class: "callback-input",
        part: "callback-contact",
        "data-testid": "callback-contact",
        maxlength: String(CALLBACK_MAX_CHARS),
        "aria-describedby": "lotse-callback-hint",
        autocapitalize: "off",
        spellcheck: "false",
        enterkeyhint: "send",
      });
      ui.callbackSubmit = h("button", {
        type: "submit",
        class: "callback-submit",
        part: "callback-submit",
        "data-testid": "callback-submit",
        text: t("callback_submit"),
      });
      // Always in the tree (empty when there is no error) so that screen readers announce it.
      ui.callbackError = h("p", {
        id: "lotse-callback-error",
        class: "callback-error",
        "data-testid": "callback-error",
        role: "alert",
      });
      ui.callback = h(
        "form",
        {
          class: "callback",
          part: "callback",
          "data-testid": "callback",
          novalidate: true,
          hidden: true,
        },
        [
          h("label", {
            class: "callback-label",
            for: "lotse-callback-contact",
            text: t("callback_label"),
          }),
          h("div", { class: "callback-row" }, [ui.callbackInput, ui.callbackSubmit]),
          ui.callbackError,
          h("p", {
            id: "lotse-callback-hint",
            class: "callback-hint",
            "data-testid": "callback-hint",
            text: t("callback_hint"),
          }),
        ],
      );
      ui.callback.addEventListener("submit", (e) => {
        e.preventDefault();
        this._requestCallback();
      });
      // role=status is atomic by default; announce only the line that changed, not the
      // button or the callback form (which has its own alert line).
      ui.queue = h(
        "div",
        {
          class: "queue",
          part: "queue-status",
          "data-testid": "queue-status",
          hidden: true,
        },
        [
          icon("clock"),
          h(
            "div",
            { class: "queue-text", role: "status", "aria-live": "polite", "aria-atomic": "false" },
            [ui.queueMain, ui.queueWait],
          ),
          ui.cancelWait,
          ui.callback,
        ],
      );

      ui.input = h("textarea", {
        id: "lotse-input",
        part: "input",
        "data-testid": "input",
        rows: "1",
        placeholder: t("input_placeholder"),
        "aria-describedby": "lotse-hint lotse-counter",
        autocomplete: "off",
        enterkeyhint: "send",
      });
      ui.input.addEventListener("input", () => this._updateCounter());
      ui.input.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          this._submit();
        }
      });
      ui.send = h(
        "button",
        {
          type: "submit",
          class: "send",
          part: "send",
          "data-testid": "send",
          "aria-label": t("send"),
          title: t("send"),
        },
        icon("send"),
      );
      ui.counter = h("span", { class: "counter", id: "lotse-counter" });
      ui.form = h("form", { class: "composer", novalidate: true }, [
        h("label", { class: "sr-only", for: "lotse-input", text: t("input_label") }),
        h("div", { class: "row" }, [ui.input, ui.send]),
        h("div", { class: "meta" }, [h("span", { id: "lotse-hint", text: t("input_hint") }), ui.counter]),
      ]);
      ui.form.addEventListener("submit", (e) => {
        e.preventDefault();
        this._submit();
      });

      ui.panel = h(
        "div",
        {
          id: "lotse-panel",
          class: "panel",
          part: "panel",
          "data-testid": "panel",
          role: "dialog",
          "aria-labelledby": "lotse-title",
          lang: this._lang,
          hidden: true,
        },
        [header, ui.agentBanner, ui.body, ui.queue, ui.banner, ui.form],
      );
      ui.panel.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && !e.isComposing) {
          e.preventDefault();
          this.close();
        }
      });

      ui.root = h("div", { class: "root", lang: this._lang }, [ui.panel, ui.launcher]);
      this._root.replaceChildren(ui.root);
      this._ui = ui;
      this._updateLauncher();
      this._updateCounter();
      this._renderHandoff();
    }

    _updateLauncher() {
      const { launcher, badge } = this._ui;
      const t = this._t;
      launcher.setAttribute("aria-expanded", String(this._isOpen));
      let label = this._isOpen ? t("launcher_close") : t("launcher_open");
      if (!this._isOpen && this._unread > 0) label += ` (${t("unread", { count: this._unread })})`;
      launcher.setAttribute("aria-label", label);
      launcher.title = label;
      const name = this._isOpen ? "down" : "chat";
      if (!launcher.querySelector(`.icon-${name}`)) {
        const next = icon(name);
        launcher.querySelector(".icon").replaceWith(next);
      }
      badge.hidden = this._isOpen || this._unread === 0;
      badge.textContent = this._unread > 9 ? "9+" : String(this._unread);
    }

    _updateCounter() {
      const n = codePointLength(this._ui.input.value.trim());
      this._ui.counter.textContent = this._t("counter", { count: n, max: MAX_CHARS });
      this._ui.counter.classList.toggle("over", n > MAX_CHARS);
    }

    _nearBottom() {
      const b = this._ui.body;
      return b.scrollHeight - b.scrollTop - b.clientHeight < 96;
    }

    _scrollToBottom() {
      const b = this._ui.body;
      b.scrollTop = b.scrollHeight;
    }

    _insert(el, order) {
      el.__lotseOrder = order;
      const log = this._ui.log;
      let ref = log.lastElementChild;
      while (ref && ref.__lotseOrder > order) ref = ref.previousElementSibling;
      log.insertBefore(el, ref ? ref.nextElementSibling : log.firstElementChild);
      this._ui.intro.hidden = log.childElementCount > 0;
    }

    _notice(text) {
      const near = this._nearBottom();
      const el = h("div", { class: "notice", "data-testid": "notice" }, h("div", { class: "bubble", text }));
      this._insert(el, this._lastSeq + 0.5);
      if (near) this._scrollToBottom();
    }

    _renderMessage(m) {
      const t = this._t;
      const role = ["user", "bot", "system", "agent"].includes(m.role) ? m.role : "system";
      const text = typeof m.text === "string" ? m.text : "";
      const buttons = Array.isArray(m.buttons)
        ? m.buttons.filter((b) => b && typeof b.title === "string" && b.title.trim())
        : [];
      const handoff = m.custom && typeof m.custom === "object" && m.custom.event === "handoff";
      if (!text && !buttons.length && !handoff) return null;

      const el = h("div", {
        class: `msg msg-${role}`,
        part: "message",
        "data-testid": "message",
        "data-role": role,
        "data-seq": String(m.seq),
      });
      if (role === "agent") {
        const name = this._handoff.agent;
        el.append(
          h("div", {
            class: "sender",
            "data-testid": "sender",
            "data-fallback": name ? null : true,
            text: name || t("role_agent"),
          }),
        );
      }
      else el.append(h("span", { class: "sr-only", text: `${t(`role_${role}`)}: ` }));
      if (text) {
        el.append(
          h("div", {
            class: "bubble",
            "data-testid": "message-text",
            lang: typeof m.language === "string" && m.language ? m.language : null,
            text,
          }),
        );
      } else if (handoff) {
        el.classList.replace(`msg-${role}`, "msg-system");
      }
      // The server's notice says what happens; the widget's own line is for a notice without text.
      if (handoff && !text) el.append(h("div", { class: "handoff", text: t("handoff") }));
      if (buttons.length) {
        const group = h("div", {
          class: "quick-replies",
          role: "group",
          "aria-label": t("quick_replies"),
        });
        for (const b of buttons) {
          const btn = h("button", {
            type: "button",
            class: "quick-reply",
            part: "quick-reply",
            "data-testid": "quick-reply",
            text: b.title,
          });
          btn.addEventListener("click", () => {
            if (btn.disabled) return;
            this._disableGroup(group);
            btn.classList.add("chosen");
            btn.setAttribute("aria-pressed", "true");
            this._enqueue(b.title, typeof b.payload === "string" ? b.payload : null);
            this._ui.input.focus();
          });
          group.append(btn);
        }
        el.append(group);
        if (this._maxUserSeq > m.seq) this._disableGroup(group);
        else this._qrGroups.push({ seq: m.seq, group });
      }
      return el;
    }

    _disableGroup(group) {
      for (const b of group.querySelectorAll("button")) b.disabled = true;
    }

    _renderPending(item) {
      const el = h(
        "div",
        {
          class: "msg msg-user pending",
          part: "message",
          "data-testid": "message",
          "data-role": "user",
          "data-pending": "true",
          "data-client-message-id": item.id,
        },
        [
          h("span", { class: "sr-only", text: `${this._t("role_user")}: ` }),
          h("div", { class: "bubble", "data-testid": "message-text", text: item.text }),
          h("div", { class: "status", "aria-hidden": "true", text: this._t("sending") }),
        ],
      );
      this._insert(el, Infinity);
      this._scrollToBottom();
      return el;
    }

    _markFailed(item) {
      const el = item.el;
      el.classList.remove("pending");
      el.classList.add("failed");
      el.removeAttribute("data-pending");
      el.dataset.failed = "true";
      const status = el.querySelector(".status");
      status.textContent = this._t("not_sent");
      status.removeAttribute("aria-hidden");
      // Give the text back so it can be corrected, unless the user is already typing.
      if (!item.payload && this._ui && !this._ui.input.value) {
        this._ui.input.value = item.text;
        this._updateCounter();
      }
    }

    _showBanner(text, kind) {
      const ui = this._ui;
      if (!ui) return;
      clearTimeout(this._timers.banner);
      ui.banner.classList.toggle("connection", kind === "connection");
      ui.banner.dataset.kind = kind;
      if (ui.bannerText.textContent !== text || ui.banner.hidden) ui.bannerText.textContent = text;
      ui.banner.hidden = false;
      if (kind === "error") {
        this._timers.banner = setTimeout(() => this._clearBanner("error"), 12000);
      }
    }

    _clearBanner(kind) {
      const ui = this._ui;
      if (!ui || ui.banner.hidden) return;
      if (kind && ui.banner.dataset.kind !== kind) return;
      if (ui.banner.dataset.kind === "fatal" && kind) return;
      ui.banner.hidden = true;
      ui.bannerText.textContent = "";
      delete ui.banner.dataset.kind;
    }

    _errorText(code, serverMessage) {
      const t = this._t;
      if (code && t.has(`errors.${code}`)) return t(`errors.${code}`, { max: MAX_CHARS });
      if (serverMessage && typeof serverMessage === "string") return serverMessage;
      return t("errors.unknown");
    }

    _setTyping() {
      if (!this._ui) return;
      const on = this._typingServer || this._typingHttp > 0;
      const was = !this._ui.typing.hidden;
      if (on === was) return;
      const near = this._nearBottom();
      this._ui.typing.hidden = !on;
      if (on && near) this._scrollToBottom();
    }

    _setServerTyping(active) {
      clearTimeout(this._timers.typing);
      this._typingServer = active;
      if (active) {
        this._timers.typing = setTimeout(() => this._setServerTyping(false), TYPING_SAFETY_MS);
      }
      this._setTyping();
    }

    _setState(state) {
      if (this.getAttribute("data-state") !== state) this.setAttribute("data-state", state);
    }

    // -- public API --
    open() {
      if (!this._built) {
        this.setAttribute("open", "");
        return;
      }
      if (!this._isOpen) {
        this._isOpen = true;
        this._unread = 0;
        this._ui.panel.hidden = false;
        this._syncAttr(true);
        this._updateLauncher();
        this._scrollToBottom();
        if (!this._conv) this._ensureConversation();
        else if (!this._mode && !this._fatal) this._startTransport();
      }
      requestAnimationFrame(() => this._ui.input.focus());
    }

    close() {
      if (!this._built || !this._isOpen) {
        if (!this._built) this.removeAttribute("open");
        return;
      }
      this._isOpen = false;
      this._ui.panel.hidden = true;
      this._syncAttr(false);
      this._updateLauncher();
      this._ui.launcher.focus();
    }

    toggle() {
      if (this._isOpen) this.close();
      else this.open();
    }

    _syncAttr(on) {
      this._syncingAttr = true;
      this.toggleAttribute("open", on);
      this._syncingAttr = false;
    }

    // -- sending --
    _submit() {
      const ui = this._ui;
      const text = ui.input.value.trim();
      if (!text) {
        ui.input.focus();
        return;
      }
      if (codePointLength(text) > MAX_CHARS) {
        this._showBanner(this._t("errors.message_too_long", { max: MAX_CHARS }), "error");
        ui.input.focus();
        return;
      }
      ui.input.value = "";
      this._updateCounter();
      this._enqueue(text, null);
    }

    _enqueue(text, payload) {
      this._clearBanner("error");
      const item = { id: uuid(), text, payload, el: null, sentSock: null, inflight: false };
      item.el = this._renderPending(item);
      if (this._fatal) {
        this._markFailed(item);
        this._showBanner(this._errorText(this._fatal), "fatal");
        return;
      }
      this._outbox.set(item.id, item);
      this._flush();
    }

    _flush() {
      if (this._fatal || !this._outbox.size) return;
      if (!this._conv) {
        this._ensureConversation();
        return;
      }
      const sock = this._sock;
      if (this._mode === "ws" && sock && sock.authed && !this._resyncing) {
        for (const item of this._outbox.values()) {
          if (item.sentSock === sock || item.inflight) continue;
          const frame = { type: "message", text: item.text, client_message_id: item.id };
          if (item.payload) frame.payload = item.payload;
          try {
            sock.ws.send(JSON.stringify(frame));
            item.sentSock = sock;
          } catch (_) {
            break; // socket died; resent after the next `ready`
          }
        }
      } else if (this._mode === "fallback" && this._state() === "fallback") {
        for (const item of this._outbox.values()) {
          if (item.inflight) return; // one POST at a time keeps the order
          this._postItem(item);
          return;
        }
      }
    }

    _state() {
      return this.getAttribute("data-state");
    }

    async _postItem(item) {
      const conv = this._conv;
      item.inflight = true;
      this._typingHttp++;
      this._setTyping();
      let ok = false;
      try {
        const body = { text: item.text, client_message_id: item.id };
        if (item.payload) body.payload = item.payload;
        const data = await this._api("POST", this._convPath("messages"), body, conv);
        if (conv !== this._conv) return;
        for (const m of (data && data.messages) || []) this._ingest(m);
        if (this._outbox.get(item.id) === item) {
          // Stored (200) even if the echo was not tagged: drop the placeholder.
          this._outbox.delete(item.id);
          item.el.remove();
        }
        ok = true;
      } catch (e) {
        if (conv !== this._conv) return;
        if (e.network) this._showBanner(this._t("connection_lost"), "connection");
        else if (!this._handleHttpAuthError(e)) this._refuse(item, e.code, e.serverMessage);
      } finally {
        item.inflight = false;
        this._typingHttp = Math.max(0, this._typingHttp - 1);
        this._setTyping();
        // On a network error the next poll tick retries; flushing now would spin.
        if (ok && conv === this._conv) this._flush();
      }
    }

    _refuse(item, code, serverMessage) {
      if (this._outbox.get(item.id) === item) this._outbox.delete(item.id);
      this._markFailed(item);
      this._showBanner(this._errorText(code, serverMessage), "error");
    }

    // -- receiving --
    _ingest(m) {
      if (!m || typeof m !== "object" || !Number.isInteger(m.seq) || m.seq < 1) return;
      if (this._seen.has(m.seq)) return;
      this._seen.add(m.seq);
      while (this._seen.has(this._lastSeq + 1)) this._lastSeq++;

      const cmid = typeof m.client_message_id === "string" ? m.client_message_id : null;
      if (cmid) {
        const item = this._outbox.get(cmid);
        if (item) {
          this._outbox.delete(cmid);
          item.el.remove();
        } else {
          const stale = this._ui.log.querySelector(`[data-client-message-id="${CSS.escape(cmid)}"]`);
          if (stale) stale.remove();
        }
      }
      if (m.role === "user") {
        this._maxUserSeq = Math.max(this._maxUserSeq, m.seq);
        this._qrGroups = this._qrGroups.filter(({ seq, group }) => {
          if (seq < m.seq) this._disableGroup(group);
          return seq >= m.seq;
        });
      }
      this._trackHandoff(m);
      const near = this._nearBottom();
      const el = this._renderMessage(m);
      if (el) {
        this._insert(el, m.seq);
        this._rendered.set(m.seq, el);
        if (near || m.role === "user") this._scrollToBottom();
        if (this._synced && !this._isOpen && (m.role === "bot" || m.role === "agent")) {
          this._unread++;
          this._updateLauncher();
        }
      }
    }

    _onFrame(sock, raw) {
      let f;
      try {
        f = JSON.parse(raw);
      } catch (_) {
        return;
      }
      if (!f || typeof f !== "object") return;
      switch (f.type) {
        case "ready":
          this._onReady(sock, f);
          break;
        case "message":
          this._ingest(f.message);
          if (this._resyncing && f.message && f.message.seq >= this._resyncTarget) {
            this._finishResync(true);
          }
          break;
        case "typing":
          this._setServerTyping(!!f.active);
          break;
        case "queue":
          this._applyQueueStatus(f);
          break;
        case "error":
          this._onServerError(f.code, f.message, f.client_message_id);
          break;
        case "pong":
          clearTimeout(this._timers.pong);
          break;
        default:
          break; // unknown frame types are ignored (forward compatible)
      }
    }

    _onServerError(code, message, cmid) {
      const item = cmid ? this._outbox.get(cmid) : null;
      if (item) this._refuse(item, code, message);
      else this._showBanner(this._errorText(code, message), "error");
    }

    // -- handoff to a human --
    /** Follows the handoff through a stored message; messages arrive (mostly) in seq order. */
    _trackHandoff(m) {
      const custom = m.custom && typeof m.custom === "object" ? m.custom : null;
      const event = custom && typeof custom.event === "string" ? custom.event : null;
      const offerChanged = this._trackCallbackOffer(m.seq, event, custom);
      if (!this._trackPhase(m, custom, event) && offerChanged) this._renderHandoff();
    }

    /** Whether the callback offer changed: the latest `handoff` message decides if nobody can
     * answer now (`offline`); a later `callback_requested` message means a contact was left. */
    _trackCallbackOffer(seq, event, custom) {
      const hs = this._handoff;
      if (event === "handoff" && seq > hs.offerSeq) {
        hs.offerSeq = seq;
        hs.offline = custom.offline === true;
        return true;
      }
      if (event === "callback_requested" && seq > hs.callbackSeq) {
        hs.callbackSeq = seq;
        return true;
      }
      return false;
    }

    /** The phase part of _trackHandoff; true when it re-rendered the handoff state. */
    _trackPhase(m, custom, event) {
      const hs = this._handoff;
      if (m.seq <= hs.seq) return false; // an older event than the one already applied
      let next =
        event && Object.prototype.hasOwnProperty.call(HANDOFF_EVENTS, event)
          ? HANDOFF_EVENTS[event]
          : null;
      if (!next && m.role === "agent" && hs.phase !== "active") {
        next = "active"; // only an agent who has the chat can write (e.g. after a transfer to them)
      }
      if (!next) return false;
      if (event === "handoff" && hs.phase !== "none") {
        // A handoff notice while one is open means the open one is kept (same agent or queue).
        hs.seq = m.seq;
        return false;
      }
      const changes = { phase: next, seq: m.seq, queue: null };
      if (event) changes.since = m.seq; // who is in charge changes (not when merely inferred)
      if (event === "agent_joined") {
        const name = typeof custom.display_name === "string" ? custom.display_name.trim() : "";
        changes.agent = name || null;
      } else if (next !== "active") {
        changes.agent = null; // waiting again (transferred) or back to the bot
      }
      this._setHandoff(changes);
      return true;
    }

    /**
     * A snapshot or update of the wait: a `queue` frame ({status?, position,
     * estimated_wait_seconds, agents_online, agent?}) or the `GET …/handoff` answer (status
     * "none" | "waiting" | "active"). Without `status` it is a live update for a waiting user.
     */
    _applyQueueStatus(f) {
      if (!f || typeof f !== "object") return;
      const hs = this._handoff;
      const status = typeof f.status === "string" ? f.status : null;
      if (status === "none") {
        if (hs.phase !== "none") this._setHandoff({ phase: "none", agent: null, queue: null });
        return;
      }
      if (status === "active") {
        const name = typeof f.agent === "string" && f.agent.trim() ? f.agent.trim() : null;
        const known = hs.phase === "active" ? hs.agent : null;
        this._setHandoff({ phase: "active", queue: null, agent: name || known });
        return;
      }
      if (status !== null && status !== "waiting") return; // unknown: ignore (forward compatible)
      // A live update only refines a wait we know of; when not waiting it is stale.
      if (status === null && hs.phase !== "waiting") return;
      const int = (v) => (Number.isFinite(v) ? Math.max(0, Math.round(v)) : null);
      this._setHandoff({
        phase: "waiting",
        agent: null,
        queue: {
          position: int(f.position),
          estimated_wait_seconds: int(f.estimated_wait_seconds),
          agents_online: int(f.agents_online),
        },
      });
    }

    _setHandoff(changes) {
      const hs = this._handoff;
      const before = hs.phase;
      Object.assign(hs, changes);
      if (hs.phase === "active" && hs.agent) {
        // Name the agent's messages that were shown before the name was known.
        for (const [seq, el] of this._rendered) {
          if (seq <= hs.since || el.dataset.role !== "agent") continue;
          const sender = el.querySelector(".sender[data-fallback]");
          if (sender) {
            sender.textContent = hs.agent;
            sender.removeAttribute("data-fallback");
          }
        }
      }
      if (before === "waiting" && hs.phase !== "waiting" && this._ui) {
        // The "stop waiting" button goes away: keep the keyboard user in the chat.
        const focused = this._root.activeElement;
        if (focused && this._ui.queue.contains(focused)) this._ui.input.focus();
      }
      this._renderHandoff();
      this._syncHandoffPoll();
    }

    _renderHandoff() {
      const ui = this._ui;
      if (!ui) return;
      const t = this._t;
      const { phase, agent, queue } = this._handoff;
      if (this.getAttribute("data-handoff") !== phase) this.setAttribute("data-handoff", phase);
      const near = this._nearBottom();
      const setText = (el, text) => {
        if (el.textContent !== text) el.textContent = text; // unchanged text is not re-announced
      };

      ui.agentBanner.hidden = phase !== "active";
      if (phase === "active") {
        setText(ui.agentText, agent ? t("agent_banner", { name: agent }) : t("agent_banner_unknown"));
      }

      ui.queue.hidden = phase !== "waiting";
      if (phase === "waiting") {
        ui.queue.dataset.status = queue ? "queued" : "pending";
        const position = queue && queue.position >= 1 ? queue.position : null;
        setText(ui.queueMain, position ? t("queue_position", { position }) : t("queue_waiting"));
        let wait = "";
        if (queue) {
          const seconds = queue.estimated_wait_seconds;
          if (seconds !== null) {
            wait =
              seconds < 60
                ? t("queue_estimate_soon")
                : t("queue_estimate", { minutes: Math.max(1, Math.round(seconds / 60)) });
          } else if (queue.agents_online === 0) {
            wait = t("queue_no_agent");
          }
        }
        setText(ui.queueWait, wait);
        ui.queueWait.hidden = !wait;
      } else {
        ui.cancelWait.removeAttribute("aria-disabled");
      }
      const offer = phase === "waiting" && this._callbackOffered();
      if (ui.callback.hidden === offer) {
        if (offer) ui.callback.hidden = false;
        else {
          const focused = this._root.activeElement;
          const hadFocus = !!focused && ui.callback.contains(focused);
          ui.callback.hidden = true;
          ui.callbackInput.value = ""; // the contact is not kept around in the page
          this._setCallbackError("");
          if (hadFocus) ui.input.focus(); // keep the keyboard user in the chat
        }
      }
      if (near) this._scrollToBottom();
    }

    _callbackOffered() {
      const hs = this._handoff;
      return (
        hs.offline &&
        hs.callbackSeq < hs.offerSeq &&
        hs.callbackClosed !== hs.offerSeq &&
        !this._callbackUnavailable
      );
    }

    _setCallbackError(text) {
      const ui = this._ui;
      if (!ui) return;
      if (ui.callbackError.textContent !== text) ui.callbackError.textContent = text;
      if (text) {
        ui.callbackInput.setAttribute("aria-invalid", "true");
        ui.callbackInput.setAttribute("aria-describedby", "lotse-callback-error lotse-callback-hint");
      } else {
        ui.callbackInput.removeAttribute("aria-invalid");
        ui.callbackInput.setAttribute("aria-describedby", "lotse-callback-hint");
      }
    }

    _callbackErrorText(code, serverMessage) {
      if (code === "message_too_long") {
        return this._t("errors.message_too_long", { max: CALLBACK_MAX_CHARS });
      }
      return this._errorText(code, serverMessage);
    }

    /** Leave a phone number or e-mail address for a callback while nobody can answer. */
    async _requestCallback() {
      const ui = this._ui;
      if (this._callbackSending || ui.callback.hidden) return;
      const contact = ui.callbackInput.value.trim();
      const refuse = (text) => {
        this._setCallbackError(text);
        ui.callbackInput.focus();
      };
      if (!contact) return refuse(this._callbackErrorText("invalid_contact"));
      if (codePointLength(contact) > CALLBACK_MAX_CHARS) {
        return refuse(this._callbackErrorText("message_too_long"));
      }
      if (this._fatal) return refuse(this._errorText(this._fatal));
      if (!this._conv) return refuse(this._errorText("unknown"));
      const conv = this._conv;
      const { offerSeq, seq } = this._handoff;
      this._callbackSending = true;
      ui.callbackSubmit.setAttribute("aria-disabled", "true"); // not `disabled`: keeps the focus
      this._setCallbackError("");
      try {
        const data = await this._api("POST", this._convPath("handoff/callback"), { contact }, conv);
        if (conv !== this._conv) return;
        // The `callback_requested` message follows (or came already); until then, and after
        // a reload, the form stays hidden for this handoff.
        this._closeCallback(offerSeq);
        ui.input.focus();
        if (seq === this._handoff.seq) this._applyQueueStatus(data);
      } catch (e) {
        if (conv !== this._conv) return;
        if (e.status === 409 && e.code === "not_waiting") {
          this._closeCallback(offerSeq);
          this._refreshHandoff();
        } else if (e.status === 409 && e.code === "callback_unavailable") {
          // Nothing the user can change: drop the offer, say so where the chat goes on.
          this._callbackUnavailable = true;
          this._renderHandoff();
          this._showBanner(this._callbackErrorText(e.code, e.serverMessage), "error");
        } else if (e.network) {
          refuse(this._errorText("unknown"));
        } else {
          refuse(this._callbackErrorText(e.code, e.serverMessage));
        }
      } finally {
        this._callbackSending = false;
        ui.callbackSubmit.removeAttribute("aria-disabled");
      }
    }

    _closeCallback(offerSeq) {
      const hs = this._handoff;
      if (hs.offerSeq !== offerSeq) return; // a newer handoff notice decides afresh
      hs.callbackClosed = offerSeq;
      this._renderHandoff();
    }

    /** After a refused callback (not waiting): ask where the handoff stands now. */
    async _refreshHandoff() {
      const conv = this._conv;
      const seq = this._handoff.seq;
      try {
        const data = await this._api("GET", this._convPath("handoff"), undefined, conv);
        // A message that changed the handoff meanwhile is newer than this answer.
        if (conv === this._conv && seq === this._handoff.seq) this._applyQueueStatus(data);
      } catch (_) {
        /* the stored messages bring the state anyway */
      }
    }

    async _cancelWait() {
      if (this._cancelling || !this._conv || this._fatal) return;
      const conv = this._conv;
      const button = this._ui.cancelWait;
      this._cancelling = true;
      button.setAttribute("aria-disabled", "true"); // not `disabled`: that would drop the focus
      this._clearBanner("error");
      try {
        await this._api("POST", this._convPath("handoff/cancel"), undefined, conv);
        if (conv === this._conv) this._stopWaiting();
      } catch (e) {
        if (conv !== this._conv) return;
        if (e.status === 409 && e.code === "not_waiting") this._stopWaiting();
        else {
          const text = e.network ? this._errorText("unknown") : this._errorText(e.code, e.serverMessage);
          this._showBanner(text, "error");
        }
      } finally {
        this._cancelling = false;
        button.removeAttribute("aria-disabled");
      }
    }

    /** The wait is over from the server's view; the stored messages tell what comes next. */
    _stopWaiting() {
      if (this._handoff.phase === "waiting") {
        this._setHandoff({ phase: "none", agent: null, queue: null });
      }
    }

    _wantHandoffPoll() {
      return (
        this._mode === "fallback" && !!this._conv && !this._fatal && this._handoff.phase === "waiting"
      );
    }

    /** HTTP fallback: while waiting, ask for the place in the queue (there are no queue frames). */
    _syncHandoffPoll() {
      if (!this._wantHandoffPoll()) {
        clearTimeout(this._timers.handoff);
        this._timers.handoff = null;
        return;
      }
      if (this._timers.handoff || this._handoffPolling) return;
      const delay = this._handoff.queue ? HANDOFF_POLL_MS : 0; // first answer at once
      this._timers.handoff = setTimeout(() => this._pollHandoff(), delay);
    }

    async _pollHandoff() {
      this._timers.handoff = null;
      if (!this._wantHandoffPoll() || this._handoffPolling) return;
      const conv = this._conv;
      const seq = this._handoff.seq;
      this._handoffPolling = true;
      try {
        const data = await this._api("GET", this._convPath("handoff"), undefined, conv);
        // A message that changed the handoff meanwhile is newer than this answer.
        if (conv === this._conv && this._mode === "fallback" && seq === this._handoff.seq) {
          this._applyQueueStatus(data);
        }
      } catch (_) {
        /* the message poll reports connection and token problems */
      } finally {
        this._handoffPolling = false;
        clearTimeout(this._timers.handoff);
        this._timers.handoff = this._wantHandoffPoll()
          ? setTimeout(() => this._pollHandoff(), HANDOFF_POLL_MS)
          : null;
      }
    }

    // -- conversation --
    _adopt(conv) {
      this._conv = conv;
      this.setAttribute("data-conversation-id", conv.conversation_id);
      this._startTransport();
    }

    _convPath(suffix) {
      return `api/v1/chat/conversations/${encodeURIComponent(this._conv.conversation_id)}/${suffix}`;
    }

    _ensureConversation() {
      if (this._conv || this._creating || this._fatal || !this._built) return;
      clearTimeout(this._timers.create);
      this._creating = true;
      this._setState("connecting");
      (async () => {
        try {
          const data = await this._api("POST", "api/v1/chat/conversations", {
            locale: this._localeTag,
          });
          if (!data || typeof data.conversation_id !== "string" || typeof data.token !== "string") {
            throw Object.assign(new Error("bad response"), { code: "invalid_response" });
          }
          this._createAttempt = 0;
          const conv = { conversation_id: data.conversation_id, token: data.token };
          store.save(conv);
          this._creating = false;
          if (!this.isConnected) {
            this._conv = conv;
            this.setAttribute("data-conversation-id", conv.conversation_id);
            return;
          }
          this._adopt(conv);
        } catch (e) {
          this._creating = false;
          if (e.code === "origin_not_allowed") {
            this._stop("origin_not_allowed");
            return;
          }
          this._showBanner(
            e.network ? this._t("connection_lost") : this._errorText(e.code, e.serverMessage),
            e.network ? "connection" : "error",
          );
          this._setState("closed");
          if (this.isConnected && (this._isOpen || this._outbox.size)) {
            this._setState("connecting");
            this._timers.create = setTimeout(
              () => this._ensureConversation(),
              Math.max(backoff(this._createAttempt++), e.code === "rate_limited" ? 5000 : 0),
            );
          }
        }
      })();
    }

    /** The server no longer knows our conversation/token: forget it and start a new one. */
    _resetConversation() {
      const now = Date.now();
      this._resets = this._resets.filter((t) => now - t < 60000);
      this._resets.push(now);
      store.clear();
      this._teardownTransport();
      const hadMessages = this._rendered.size > 0;
      this._conv = null;
      this.removeAttribute("data-conversation-id");
      for (const child of [...this._ui.log.children]) if (child.__lotseOrder !== Infinity) child.remove();
      this._resetSeqState();
      this._renderHandoff();
      this._synced = false;
      for (const item of this._outbox.values()) item.sentSock = null;
      if (hadMessages) this._notice(this._t("new_conversation"));
      this._ui.intro.hidden = this._ui.log.childElementCount > 0;
      if (this._resets.length > MAX_RESETS_PER_MINUTE) {
        this._stop("forbidden");
        return;
      }
      this._ensureConversation();
    }

    /** Stop all traffic for good (e.g. origin not allowed). */
    _stop(code) {
      this._fatal = code;
      this._teardownTransport();
      this._setState("closed");
      this._showBanner(this._errorText(code), "fatal");
      for (const item of [...this._outbox.values()]) this._markFailed(item);
      this._outbox.clear();
    }

    _handleHttpAuthError(e) {
      if (e.code === "origin_not_allowed") {
        this._stop("origin_not_allowed");
        return true;
      }
      if (e.status === 401 || e.status === 403 || e.status === 404) {
        this._resetConversation();
        return true;
      }
      return false;
    }

    async _api(method, path, body, conv) {
      const headers = { Accept: "application/json" };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      if (conv) headers.Authorization = `Bearer ${conv.token}`;
      const ctrl = typeof AbortController === "function" ? new AbortController() : null;
      const timer = ctrl ? setTimeout(() => ctrl.abort(), HTTP_TIMEOUT_MS) : null;
      let res;
      try {
        res = await fetch(apiUrl(path), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          credentials: "omit",
          cache: "no-store",
          signal: ctrl ? ctrl.signal : undefined,
        });
      } catch (err) {
        throw Object.assign(new Error("network"), { network: true, cause: err });
      } finally {
        clearTimeout(timer);
      }
      let data = null;
      try {
        data = await res.json();
      } catch (_) {
        data = null;
      }
      if (!res.ok) {
        const error = (data && data.error) || {};
        throw Object.assign(new Error(`HTTP ${res.status}`), {
          status: res.status,
          code: typeof error.code === "string" ? error.code : res.status === 429 ? "rate_limited" : null,
          serverMessage: typeof error.message === "string" ? error.message : null,
        });
      }
      return data;
    }

    // -- transport --
    _startTransport() {
      if (!this._conv || this._fatal) return;
      this._teardownTransport();
      this._mode = "ws";
      this._wsFailures = 0;
      this._backoffAttempt = 0;
      this._connectWs(false);
    }

    _teardownTransport() {
      for (const k of ["reconnect", "ping", "pong", "poll", "bgws", "resync", "typing", "handoff"]) {
        clearTimeout(this._timers[k]);
        clearInterval(this._timers[k]);
      }
      this._timers.handoff = null;
      this._dropSocket();
      this._mode = null;
      this._resyncing = false;
      this._typingServer = false;
      this._setTyping();
    }

    _dropSocket() {
      const sock = this._sock;
      this._sock = null;
      if (!sock) return;
      clearTimeout(sock.timer);
      clearInterval(this._timers.ping);
      clearTimeout(this._timers.pong);
      try {
        if (sock.ws) sock.ws.close(1000);
      } catch (_) {
        /* already closed */
      }
    }

    _connectWs(background) {
      if (!this._conv || this._fatal || !this.isConnected) return;
      clearTimeout(this._timers.reconnect);
      this._dropSocket();
      if (!background) this._setState("connecting");
      const conv = this._conv;
      const sock = { ws: null, authed: false, background, timer: null };
      this._sock = sock;
      try {
        sock.ws = new WebSocket(wsUrl(conv.conversation_id));
      } catch (_) {
        setTimeout(() => this._onSocketEnd(sock, 0), 0);
        return;
      }
      sock.timer = setTimeout(() => this._onSocketEnd(sock, 0), CONNECT_TIMEOUT_MS);
      sock.ws.addEventListener("open", () => {
        if (this._sock !== sock) return;
        sock.ws.send(JSON.stringify({ type: "auth", token: conv.token, after: this._lastSeq }));
      });
      sock.ws.addEventListener("message", (ev) => {
        if (this._sock === sock && typeof ev.data === "string") this._onFrame(sock, ev.data);
      });
      sock.ws.addEventListener("close", (ev) => this._onSocketEnd(sock, ev.code));
    }

    _onReady(sock, f) {
      if (this._sock !== sock || sock.authed) return;
      sock.authed = true;
      clearTimeout(sock.timer);
      this._wsFailures = 0;
      this._backoffAttempt = 0;
      if (this._mode === "fallback") {
        clearTimeout(this._timers.poll);
        clearTimeout(this._timers.bgws);
        this._mode = "ws";
        this._syncHandoffPoll();
      }
      this._startPing(sock);
      this._resyncing = true;
      this._resyncTarget = Number.isInteger(f.last_seq) ? f.last_seq : 0;
      this._ui.log.setAttribute("aria-busy", "true");
      if (this._resyncTarget <= this._lastSeq) this._finishResync(true);
      else this._timers.resync = setTimeout(() => this._finishResync(false), RESYNC_TIMEOUT_MS);
    }

    _finishResync(complete) {
      if (!this._resyncing) return;
      clearTimeout(this._timers.resync);
      this._resyncing = false;
      this._ui.log.removeAttribute("aria-busy");
      if (complete && this._resyncTarget > this._lastSeq) {
        // The server sent everything up to last_seq; anything missing below it is gone for good.
        this._lastSeq = this._resyncTarget;
        while (this._seen.has(this._lastSeq + 1)) this._lastSeq++;
      }
      this._synced = true;
      this._setState("open");
      this._clearBanner("connection");
      this._flush();
    }

    _startPing(sock) {
      clearInterval(this._timers.ping);
      this._timers.ping = setInterval(() => {
        if (this._sock !== sock) return;
        try {
          sock.ws.send(JSON.stringify({ type: "ping" }));
        } catch (_) {
          return;
        }
        clearTimeout(this._timers.pong);
        this._timers.pong = setTimeout(() => this._onSocketEnd(sock, 0), PONG_TIMEOUT_MS);
      }, PING_INTERVAL_MS);
    }

    _onSocketEnd(sock, code) {
      if (this._sock !== sock) return; // superseded or already handled
      this._dropSocket();
      const wasAuthed = sock.authed;
      if (this._resyncing) {
        this._resyncing = false;
        clearTimeout(this._timers.resync);
        this._ui.log.removeAttribute("aria-busy");
      }
      this._setServerTyping(false);

      if (code === 4401 || code === 4404) {
        this._resetConversation();
        return;
      }
      if (code === 4403) {
        this._stop("origin_not_allowed");
        return;
      }
      if (sock.background || this._mode === "fallback") {
        this._scheduleBackgroundWs();
        return;
      }
      if (!this.isConnected || !this._conv) return;
      if (!wasAuthed) this._wsFailures++;
      if (this._wsFailures >= WS_FAILURES_BEFORE_FALLBACK) {
        this._enterFallback();
        return;
      }
      this._showBanner(this._t("connection_lost"), "connection");
      this._setState("connecting");
      this._timers.reconnect = setTimeout(
        () => this._connectWs(false),
        backoff(this._backoffAttempt++),
      );
    }

    _reconnectSoon() {
      if (!this._conv || this._fatal || !this.isConnected) return;
      if (this._mode === "ws" && !this._sock) {
        clearTimeout(this._timers.reconnect);
        this._connectWs(false);
      } else if (this._mode === "fallback") {
        this._poll();
      }
    }

    // -- HTTP fallback --
    _enterFallback() {
      this._mode = "fallback";
      this._showBanner(this._t("connection_lost"), "connection");
      this._poll();
      this._scheduleBackgroundWs();
      this._syncHandoffPoll();
    }

    _scheduleBackgroundWs() {
      clearTimeout(this._timers.bgws);
      if (this._mode !== "fallback") return;
      const delay = WS_RETRY_IN_FALLBACK_MS * (0.8 + Math.random() * 0.4);
      this._timers.bgws = setTimeout(() => {
        if (this._mode === "fallback" && !this._sock) this._connectWs(true);
      }, delay);
    }

    async _poll() {
      clearTimeout(this._timers.poll);
      if (this._mode !== "fallback" || !this._conv || this._polling) return;
      const conv = this._conv;
      this._polling = true;
      try {
        const data = await this._api("GET", `${this._convPath("messages")}?after=${this._lastSeq}`, undefined, conv);
        if (conv !== this._conv || this._mode !== "fallback") return;
        for (const m of (data && data.messages) || []) this._ingest(m);
        if (data && Number.isInteger(data.last_seq) && data.last_seq > this._lastSeq) {
          this._lastSeq = data.last_seq;
          while (this._seen.has(this._lastSeq + 1)) this._lastSeq++;
        }
        this._synced = true;
        this._setState("fallback");
        this._clearBanner("connection");
        this._flush();
      } catch (e) {
        if (conv !== this._conv) return;
        if (e.network || !this._handleHttpAuthError(e)) {
          this._showBanner(
            e.network ? this._t("connection_lost") : this._errorText(e.code, e.serverMessage),
            e.network ? "connection" : "error",
          );
        }
      } finally {
        this._polling = false;
        if (this._mode === "fallback" && conv === this._conv) {
          const next = document.visibilityState === "hidden" ? POLL_INTERVAL_HIDDEN_MS : POLL_INTERVAL_MS;
          this._timers.poll = setTimeout(() => this._poll(), next);
        }
      }
    }
  }

  customElements.define(TAG, LotseChat);

  const mount = () => {
    if (!document.querySelector(TAG) && document.body) document.body.append(document.createElement(TAG));
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount, { once: true });
  else mount();
})();
