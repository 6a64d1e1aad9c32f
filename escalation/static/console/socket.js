/**
 * The console's WebSocket (/ws/v1/agent, docs/agent-api.md).
 *
 * The session cookie authenticates the upgrade, so no token travels in the URL or a frame.
 * The socket keeps itself alive (ping every 25 s, a missing pong counts as a dead connection)
 * and reconnects with exponential back-off up to 10 s. It knows nothing about handoffs: the
 * console gets `onReady(reconnected)` and re-sends its watches and reloads its lists there.
 */

const PING_INTERVAL_MS = 25000;
const PONG_TIMEOUT_MS = 10000;
const OPEN_TIMEOUT_MS = 15000; // socket open + the server's "ready"
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10000;

export const CLOSE_NOT_LOGGED_IN = 4401;
export const CLOSE_ORIGIN_NOT_ALLOWED = 4403;

function backoff(attempt) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(attempt, 10));
  // Jitter keeps a desk full of consoles from reconnecting in lock-step after a restart.
  return Math.min(BACKOFF_MAX_MS, Math.round(base * (0.75 + Math.random() * 0.5)));
}

export class AgentSocket {
  /**
   * handlers: onFrame(frame), onReady(reconnected: boolean), onState("connecting" | "open" |
   * "reconnecting" | "stopped"), onUnauthorized(), onForbidden()
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.ws = null;
    this.ready = false;
    this.everReady = false;
    this.stopped = true;
    this.attempt = 0;
    this.timers = {};
    this.onWake = () => this.reconnectNow();
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener("online", this.onWake);
    document.addEventListener("visibilitychange", this.onWake);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener("online", this.onWake);
    document.removeEventListener("visibilitychange", this.onWake);
    this.clearTimers();
    this.drop();
    this.handlers.onState("stopped");
  }

  /** Send a frame if the connection is ready; the caller re-sends what matters on the next ready. */
  send(frame) {
    if (!this.ready || !this.ws) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch (_) {
      return false;
    }
  }

  url() {
    return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws/v1/agent`;
  }

  connect() {
    if (this.stopped) return;
    this.clearTimers();
    this.drop();
    this.handlers.onState(this.everReady ? "reconnecting" : "connecting");
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch (_) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.timers.open = setTimeout(() => this.onEnd(ws, 0), OPEN_TIMEOUT_MS);
    ws.addEventListener("message", (event) => {
      if (this.ws === ws && typeof event.data === "string") this.onMessage(event.data);
    });
    ws.addEventListener("close", (event) => this.onEnd(ws, event.code));
    // "error" is always followed by "close"; nothing to do here.
  }

  onMessage(raw) {
    let frame;
    try {
      frame = JSON.parse(raw);
    } catch (_) {
      return;
    }
    if (!frame || typeof frame !== "object") return;
    if (frame.type === "ready") {
      clearTimeout(this.timers.open);
      const reconnected = this.everReady;
      this.ready = true;
      this.everReady = true;
      this.attempt = 0;
      this.startPing();
      this.handlers.onState("open");
      this.handlers.onReady(reconnected, frame);
      return;
    }
    if (frame.type === "pong") {
      clearTimeout(this.timers.pong);
      return;
    }
    this.handlers.onFrame(frame);
  }

  startPing() {
    clearInterval(this.timers.ping);
    this.timers.ping = setInterval(() => {
      if (!this.send({ type: "ping" })) return;
      clearTimeout(this.timers.pong);
      const ws = this.ws;
      this.timers.pong = setTimeout(() => this.onEnd(ws, 0), PONG_TIMEOUT_MS);
    }, PING_INTERVAL_MS);
  }

  onEnd(ws, code) {
    if (this.ws !== ws || this.stopped) return; // superseded or already handled
    this.clearTimers();
    this.drop();
    if (code === CLOSE_NOT_LOGGED_IN) {
      this.stop();
      this.handlers.onUnauthorized();
      return;
    }
    if (code === CLOSE_ORIGIN_NOT_ALLOWED) {
      // A configuration problem: retrying fast would only hammer the server.
      this.handlers.onForbidden();
      this.handlers.onState("reconnecting");
      this.timers.reconnect = setTimeout(() => this.connect(), BACKOFF_MAX_MS * 6);
      return;
    }
    this.handlers.onState("reconnecting");
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    clearTimeout(this.timers.reconnect);
    this.timers.reconnect = setTimeout(() => this.connect(), backoff(this.attempt++));
  }

  /** The network came back or the tab became visible: do not sit out the back-off. */
  reconnectNow() {
    if (this.stopped || this.ws || document.visibilityState === "hidden") return;
    this.attempt = 0;
    this.connect();
  }

  drop() {
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (!ws) return;
    try {
      ws.close(1000);
    } catch (_) {
      /* already closed */
    }
  }

  clearTimers() {
    for (const name of ["open", "ping", "pong", "reconnect"]) {
      clearTimeout(this.timers[name]);
      clearInterval(this.timers[name]);
    }
  }
}
