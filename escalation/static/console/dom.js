/**
 * DOM helpers for the agent console.
 *
 * `h()` is the only way the console builds elements. It sets text through textContent and has
 * no way to set HTML, so user, bot and agent text can never become markup (a message like
 * `<img src=x onerror=alert(1)>` shows as those characters). The page's CSP forbids inline
 * styles and handlers anyway; listeners are attached with addEventListener.
 */

/**
 * Create an element.
 * props: `text` → textContent, `class` → className, `onX` functions → listeners,
 * `value` → the value property (set after the children, so a <select> finds its option),
 * `true` → an empty boolean attribute, `false`/null/undefined → left out, anything else → an
 * attribute with the string value.
 */
export function h(tag, props, children) {
  const el = document.createElement(tag);
  let value;
  if (props) {
    for (const [key, prop] of Object.entries(props)) {
      if (prop == null || prop === false) continue;
      if (key === "text") el.textContent = String(prop);
      else if (key === "class") el.className = prop;
      else if (key === "value") value = prop;
      else if (key.startsWith("on") && typeof prop === "function") {
        el.addEventListener(key.slice(2), prop);
      } else el.setAttribute(key, prop === true ? "" : String(prop));
    }
  }
  append(el, children);
  if (value !== undefined) el.value = value;
  return el;
}

/** Append children (nested arrays allowed), skipping empty ones; strings become text nodes. */
export function append(el, children) {
  if (children == null) return el;
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/** Set text only when it changed: the per-second ticker must not disturb screen readers. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Code points, not UTF-16 units: the server counts characters the way a person does. */
export function characterCount(text) {
  let count = 0;
  for (const _character of text) count++; // eslint-disable-line no-unused-vars
  return count;
}

/** crypto.randomUUID only exists in secure contexts; a plain-HTTP intranet needs the fallback. */
export function newClientMessageId() {
  if (globalThis.crypto && typeof crypto.randomUUID === "function") {
    try {
      return crypto.randomUUID();
    } catch (_) {
      /* not a secure context: build a version-4 UUID from random bytes below */
    }
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Run `rebuild` and put the keyboard focus back on the equivalent element afterwards, so that
 * a list re-rendered by a live event does not throw a keyboard user back to the page start.
 */
export function keepFocus(container, rebuild) {
  const active = document.activeElement;
  const inside = active && container.contains(active) ? active : null;
  const key = inside && focusKey(inside);
  const scrollTop = container.scrollTop;
  rebuild();
  container.scrollTop = scrollTop;
  if (!key || container.contains(active)) return;
  const again = container.querySelector(key);
  if (again) again.focus({ preventScroll: true });
}

function focusKey(el) {
  const id = el.getAttribute("data-handoff-id");
  const testid = el.getAttribute("data-testid");
  if (id) return `[data-handoff-id="${CSS.escape(id)}"]`;
  if (testid) return `[data-testid="${CSS.escape(testid)}"]`;
  return null;
}
