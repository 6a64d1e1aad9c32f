/**
 * The agent API (docs/agent-api.md) over fetch.
 *
 * The session lives in the HttpOnly cookie `lotse_agent`; this module only holds the CSRF token
 * in memory (never in storage, where an injected script could read it) and sends it on every
 * state-changing request. A 401 on any call except the session probes ends the session in the
 * UI through the handler the console registers.
 */

const TIMEOUT_MS = 30000;

let csrfToken = null;
let unauthorizedHandler = () => {};

export function setCsrfToken(token) {
  csrfToken = typeof token === "string" && token ? token : null;
}

export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** An HTTP or network failure. `code` is the server's error code when it sent one. */
export class ApiError extends Error {
  constructor({ status = 0, code = null, serverMessage = null, retryAfter = null, network = false }) {
    super(network ? "network error" : `HTTP ${status}${code ? ` ${code}` : ""}`);
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.retryAfter = retryAfter;
    this.network = network;
  }
}

/**
 * One request. Resolves to the parsed JSON body, or null for 204.
 * options.body: sent as JSON; options.probe: a 401 is the caller's business (login, /me),
 * not a reason to leave the console.
 */
export async function request(method, path, { body, probe = false, csrfRetried = false } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal: controller.signal,
    });
  } catch (_) {
    throw new ApiError({ network: true });
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = null; // an empty or non-JSON body (a proxy's error page): the status still tells
  }
  if (response.ok) return data;

  const error = (data && data.error) || {};
  const failure = new ApiError({
    status: response.status,
    code: typeof error.code === "string" ? error.code : response.status === 429 ? "rate_limited" : null,
    serverMessage: typeof error.message === "string" ? error.message : null,
    retryAfter: retryAfterSeconds(response.headers.get("Retry-After")),
  });
  if (failure.status === 401 && !probe) {
    unauthorizedHandler();
  } else if (failure.status === 403 && failure.code === "csrf_failed" && !csrfRetried && !probe) {
    // The token can be stale after the server rotated the session; fetch it again once.
    const session = await request("GET", "/api/v1/auth/me");
    setCsrfToken(session && session.csrf_token);
    return request(method, path, { body, probe, csrfRetried: true });
  }
  throw failure;
}

function retryAfterSeconds(header) {
  if (!header) return null;
  const seconds = Number.parseInt(header, 10);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header); // the HTTP-date form
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const segment = encodeURIComponent;

/** The endpoints, named after what they do. */
export const api = {
  me: () => request("GET", "/api/v1/auth/me", { probe: true }),
  login: (email, password) => request("POST", "/api/v1/auth/login", { body: { email, password }, probe: true }),
  logout: () => request("POST", "/api/v1/auth/logout", { probe: true }),

  setPresence: (presence) => request("POST", "/api/v1/agents/me/presence", { body: { presence } }),
  agents: () => request("GET", "/api/v1/agents"),
  queues: () => request("GET", "/api/v1/queues"),
  cannedResponses: () => request("GET", "/api/v1/canned-responses"),

  handoffs: (status) => request("GET", `/api/v1/handoffs${status ? `?status=${segment(status)}` : ""}`),
  handoff: (handoffId) => request("GET", `/api/v1/handoffs/${segment(handoffId)}`),
  claim: (handoffId) => request("POST", `/api/v1/handoffs/${segment(handoffId)}/claim`),
  takeNext: () => request("POST", "/api/v1/handoffs/next"),
  transfer: (handoffId, target) => request("POST", `/api/v1/handoffs/${segment(handoffId)}/transfer`, { body: target }),
  resolve: (handoffId, resolutionCode) =>
    request("POST", `/api/v1/handoffs/${segment(handoffId)}/resolve`, { body: { resolution_code: resolutionCode } }),
  release: (handoffId) => request("POST", `/api/v1/handoffs/${segment(handoffId)}/release`),
  reveal: (handoffId, placeholder, reason) =>
    request("POST", `/api/v1/handoffs/${segment(handoffId)}/reveal`, { body: { placeholder, reason } }),
  notes: (handoffId) => request("GET", `/api/v1/handoffs/${segment(handoffId)}/notes`),
  addNote: (handoffId, text) => request("POST", `/api/v1/handoffs/${segment(handoffId)}/notes`, { body: { text } }),

  messages: (conversationId, after) =>
    request("GET", `/api/v1/conversations/${segment(conversationId)}/messages?after=${after}`),
  sendMessage: (conversationId, text, clientMessageId) =>
    request("POST", `/api/v1/conversations/${segment(conversationId)}/messages`, {
      body: { text, client_message_id: clientMessageId },
    }),
};
