/**
 * Getting an agent's attention for a new chat: a count in the tab title while the tab is
 * hidden ("(3) Lotse Console"), a short beep made with WebAudio (no audio file: the CSP allows
 * none) and a desktop notification when the browser already allows them.
 *
 * Browsers only let a page make sound after the user interacted with it, and asking for
 * notification permission on load is hostile; so the beep waits for a first click or key press
 * and permission is only ever requested from an explicit button.
 */

const SOUND_KEY = "lotse.console.sound";

let baseTitle = document.title;
let unseen = 0;
let audio = null;
let interacted = false;

export function initNotifications() {
  const markInteracted = () => {
    interacted = true;
  };
  window.addEventListener("pointerdown", markInteracted, { capture: true, passive: true });
  window.addEventListener("keydown", markInteracted, { capture: true, passive: true });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) resetBadge();
  });
}

export function setBaseTitle(title) {
  baseTitle = title;
  renderTitle();
}

export function resetBadge() {
  unseen = 0;
  renderTitle();
}

function renderTitle() {
  document.title = unseen > 0 ? `(${unseen}) ${baseTitle}` : baseTitle;
}

export function soundEnabled() {
  try {
    return localStorage.getItem(SOUND_KEY) !== "off";
  } catch (_) {
    return true;
  }
}

export function setSoundEnabled(enabled) {
  try {
    localStorage.setItem(SOUND_KEY, enabled ? "on" : "off");
  } catch (_) {
    /* the choice then lasts for this page view only */
  }
}

export function notificationsAvailable() {
  return typeof Notification === "function";
}

export function notificationPermission() {
  return notificationsAvailable() ? Notification.permission : "denied";
}

/** Only from a user's click: browsers ignore (or punish) requests without a gesture. */
export async function requestNotificationPermission() {
  if (!notificationsAvailable() || Notification.permission !== "default") return notificationPermission();
  try {
    return await Notification.requestPermission();
  } catch (_) {
    return notificationPermission();
  }
}

/**
 * Something new needs the agent. `tag` de-duplicates desktop notifications (one per handoff).
 * `onClick` brings the agent to it.
 */
export function alertAgent({ title, body, tag, onClick }) {
  if (document.hidden) {
    unseen += 1;
    renderTitle();
    if (notificationPermission() === "granted") showDesktopNotification(title, body, tag, onClick);
  }
  if (interacted && soundEnabled()) beep();
}

function showDesktopNotification(title, body, tag, onClick) {
  try {
    const notification = new Notification(title, { body, tag, lang: document.documentElement.lang });
    notification.addEventListener("click", () => {
      window.focus();
      notification.close();
      if (onClick) onClick();
    });
  } catch (_) {
    /* some platforms only allow notifications from a service worker; the title badge remains */
  }
}

/** Two short tones, quiet enough for an open-plan office. */
function beep() {
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  if (!AudioContextClass) return;
  try {
    audio = audio || new AudioContextClass();
    if (audio.state === "suspended") audio.resume().catch(() => {});
    const start = audio.currentTime + 0.01;
    tone(start, 880);
    tone(start + 0.18, 660);
  } catch (_) {
    /* no audio device: the badge and the list still show the chat */
  }
}

function tone(at, frequency) {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = "sine";
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + 0.16);
}
