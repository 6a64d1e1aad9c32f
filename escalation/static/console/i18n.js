/**
 * UI language, text catalogues (locales/<language>.json) and Intl formatting for the console.
 *
 * The language is chosen once (localStorage `lotse.console.language`, else the browser's) and can
 * be switched live; everything that renders text calls `t()` at render time, so a switch only
 * needs a re-render. A third language needs only its catalogue and an entry in LANGUAGES.
 */

export const LANGUAGES = ["de", "en"];
const DEFAULT_LANGUAGE = "en";
const STORAGE_KEY = "lotse.console.language";

let language = DEFAULT_LANGUAGE;
let strings = {};
const catalogues = new Map();
let formatters = null;

export function currentLanguage() {
  return language;
}

export function initialLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch (_) {
    /* storage blocked: fall back to the browser's language */
  }
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || "").toLowerCase();
  return browser.startsWith("de") ? "de" : DEFAULT_LANGUAGE;
}

function loadCatalogue(lang) {
  if (!catalogues.has(lang)) {
    const request = fetch(`/console/locales/${lang}.json`, { credentials: "same-origin" }).then(
      (response) => {
        if (!response.ok) throw new Error(`locale ${lang}: HTTP ${response.status}`);
        return response.json();
      },
    );
    // A failed load must not stay cached, or a flaky start would break the language for good.
    request.catch(() => catalogues.delete(lang));
    catalogues.set(lang, request);
  }
  return catalogues.get(lang);
}

/** Switch the UI language; `remember` stores the choice (the switcher does, the start does not). */
export async function setLanguage(lang, { remember = false } = {}) {
  const wanted = LANGUAGES.includes(lang) ? lang : DEFAULT_LANGUAGE;
  let loaded = null;
  for (const candidate of [wanted, DEFAULT_LANGUAGE]) {
    try {
      loaded = await loadCatalogue(candidate);
      break;
    } catch (_) {
      /* try the default language next */
    }
  }
  language = wanted;
  strings = loaded || {};
  formatters = makeFormatters(wanted);
  document.documentElement.lang = wanted;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, wanted);
    } catch (_) {
      /* the choice then lasts for this page view only */
    }
  }
}

function lookup(key) {
  return key
    .split(".")
    .reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), strings);
}

/** The text for `key` with `{name}` placeholders filled in; the key itself when it is missing. */
export function t(key, vars) {
  let text = lookup(key);
  if (typeof text !== "string") return key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
  return text;
}

export function has(key) {
  return typeof lookup(key) === "string";
}

/**
 * A localized label for a data value (category, reason, entity, …), or the value made readable
 * when the catalogue does not know it: new values from the server must not break the console.
 */
export function label(group, value) {
  if (value == null || value === "") return "";
  const key = `${group}.${value}`;
  return has(key) ? t(key) : String(value).replace(/_/g, " ");
}

// ---- Intl ------------------------------------------------------------------------------------

function makeFormatters(lang) {
  const unit = (name) => new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "short" });
  return {
    time: new Intl.DateTimeFormat(lang, { timeStyle: "short" }),
    dateTime: new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }),
    relative: new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "long" }),
    units: { day: unit("day"), hour: unit("hour"), minute: unit("minute"), second: unit("second") },
    list: new Intl.ListFormat(lang, { style: "narrow", type: "unit" }),
  };
}

export function parseTime(value) {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Local clock time for today's timestamps, date and time for older ones. */
export function formatTime(value) {
  const ms = parseTime(value);
  if (ms == null) return "";
  const date = new Date(ms);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return (sameDay ? formatters.time : formatters.dateTime).format(date);
}

export function formatDateTime(value) {
  const ms = parseTime(value);
  return ms == null ? "" : formatters.dateTime.format(new Date(ms));
}

/** "3 hours ago" / "vor 3 Stunden". */
export function formatRelative(value, now = Date.now()) {
  const ms = parseTime(value);
  if (ms == null) return "";
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return formatters.relative.format(0, "second");
  if (abs < 3600) return formatters.relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return formatters.relative.format(Math.round(seconds / 3600), "hour");
  return formatters.relative.format(Math.round(seconds / 86400), "day");
}

/** A duration in its two largest units: "2 hr 5 min", "12 min", "40 sec". */
export function formatDuration(ms) {
  let seconds = Math.max(0, Math.floor(ms / 1000));
  const parts = [];
  for (const [name, size] of [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]]) {
    const amount = Math.floor(seconds / size);
    if (amount > 0 || (name === "second" && parts.length === 0)) parts.push([name, amount]);
    seconds -= amount * size;
  }
  // Seconds only matter under a minute; above that they would just flicker.
  const shown = parts.length > 1 ? parts.filter(([name]) => name !== "second") : parts;
  return formatters.list.format(shown.slice(0, 2).map(([name, amount]) => formatters.units[name].format(amount)));
}

/** A countdown clock for the last hour: "14:05". */
export function formatClock(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
