/**
 * Writing in a chat: the reply box (with canned responses) and the internal notes.
 *
 * Enter sends and Shift+Enter makes a new line, as in the user's widget. The draft is kept per
 * handoff in state.drafts, so switching chats or the UI language loses nothing.
 */

import { postNote, sendReply } from "./actions.js";
import { characterCount, h, newClientMessageId } from "./dom.js";
import { formatDateTime, formatTime, label, t } from "./i18n.js";
import { languageOf, state } from "./state.js";
import { MAX_REPLY_CHARS, errorText } from "./ui.js";

/** Enter without Shift (and not while an IME composes a character) submits. */
function submitsOnEnter(event) {
  return event.key === "Enter" && !event.shiftKey && !event.altKey && !event.isComposing && event.keyCode !== 229;
}

// ---- reply -----------------------------------------------------------------------------------

export function replyComposer(handoff) {
  let pending = null; // {text, id}: a retry of the same text reuses its client_message_id
  let sending = false;

  const input = h("textarea", {
    id: "reply-input",
    class: "reply-input",
    "data-testid": "reply-input",
    rows: "3",
    placeholder: t("composer.placeholder"),
    "aria-describedby": "reply-hint reply-counter",
    autocomplete: "off",
    spellcheck: "true",
    lang: languageOf(handoff) || null,
    value: state.drafts.get(handoff.id) || "",
  });
  const counter = h("span", { class: "counter", id: "reply-counter", "data-testid": "reply-counter" });
  const error = h("p", { class: "form-error", "data-testid": "reply-error", role: "alert", hidden: true });
  const send = h("button", { type: "submit", class: "button primary", "data-testid": "reply-send", text: t("composer.send") });
  const canned = h("select", {
    class: "canned",
    id: "canned",
    "data-testid": "canned",
    "aria-label": t("composer.canned_label"),
  });
  fillCanned(canned, handoff);

  const showError = (text) => {
    error.textContent = text;
    error.hidden = !text;
  };
  const update = () => {
    const count = characterCount(input.value.trim());
    counter.textContent = t("composer.counter", { count, max: MAX_REPLY_CHARS });
    counter.classList.toggle("over", count > MAX_REPLY_CHARS);
    if (input.value) state.drafts.set(handoff.id, input.value);
    else state.drafts.delete(handoff.id);
  };

  const submit = async () => {
    if (sending) return;
    const text = input.value.trim();
    if (!text) return showError(t("errors.empty_message"));
    if (characterCount(text) > MAX_REPLY_CHARS) return showError(t("errors.message_too_long", { max: MAX_REPLY_CHARS }));
    if (!pending || pending.text !== text) pending = { text, id: newClientMessageId() };
    sending = true;
    send.disabled = true;
    form.setAttribute("aria-busy", "true");
    showError("");
    try {
      await sendReply(handoff, text, pending.id);
      pending = null;
      // Only clear what was sent: the agent may have typed on while it was on its way.
      if (input.value.trim() === text) input.value = "";
      update();
    } catch (failure) {
      if (failure.status !== 401) showError(errorText(failure));
    } finally {
      sending = false;
      send.disabled = false;
      form.removeAttribute("aria-busy");
    }
  };

  input.addEventListener("input", () => {
    update();
    if (!error.hidden) showError("");
  });
  input.addEventListener("keydown", (event) => {
    if (!submitsOnEnter(event)) return;
    event.preventDefault();
    submit();
  });
  canned.addEventListener("change", () => {
    const response = state.canned.find((candidate) => String(candidate.id) === canned.value);
    canned.value = "";
    if (!response) return;
    insertAtCursor(input, String(response.text || ""));
    update();
    input.focus();
  });

  const form = h("form", { class: "composer", "data-testid": "composer", novalidate: true, "aria-label": t("composer.label") }, [
    h("div", { class: "composer-tools" }, [canned]),
    h("label", { class: "sr-only", for: "reply-input", text: t("composer.label") }),
    input,
    h("div", { class: "composer-meta" }, [h("span", { id: "reply-hint", class: "hint", text: t("composer.hint") }), counter]),
    error,
    h("div", { class: "composer-actions" }, [send]),
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  update();
  return { root: form, input, canned };
}

/** Insert at the caret (replacing a selection), with a space where words would run together. */
function insertAtCursor(input, text) {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const before = input.value.slice(0, start);
  const gap = before && !/\s$/.test(before) ? " " : "";
  input.setRangeText(gap + text, start, end, "end");
}

/** The chat's language first: that is what the agent will almost always want. */
export function fillCanned(select, handoff) {
  const language = languageOf(handoff);
  const responses = state.canned.filter((response) => response && response.text);
  const own = responses.filter((response) => response.language === language);
  const other = responses.filter((response) => response.language !== language);
  const option = (response) =>
    h("option", {
      value: String(response.id),
      title: String(response.text),
      text: other.includes(response) && response.language ? `${response.title} (${String(response.language).toUpperCase()})` : response.title,
    });
  const groups = [h("option", { value: "", text: responses.length ? t("composer.canned_placeholder") : t("composer.canned_none") })];
  if (own.length) groups.push(h("optgroup", { label: t("composer.canned_chat_language", { language: label("languages", language) }) }, own.map(option)));
  if (other.length) groups.push(h("optgroup", { label: t("composer.canned_other") }, other.map(option)));
  select.replaceChildren(...groups);
  select.value = "";
  select.disabled = !responses.length;
}

// ---- internal notes --------------------------------------------------------------------------

export function notesPanel(handoff) {
  const list = h("ol", { class: "notes-list", "data-testid": "notes" });
  const input = h("textarea", {
    id: "note-input",
    class: "note-input",
    "data-testid": "note-input",
    rows: "2",
    placeholder: t("notes.placeholder"),
    autocomplete: "off",
  });
  const add = h("button", { type: "submit", class: "button", "data-testid": "note-add", text: t("notes.add") });
  const error = h("p", { class: "form-error", "data-testid": "note-error", role: "alert", hidden: true });
  let busy = false;

  const submit = async () => {
    const text = input.value.trim();
    if (busy) return;
    if (!text) {
      error.textContent = t("errors.empty_note");
      error.hidden = false;
      return;
    }
    busy = true;
    add.disabled = true;
    error.hidden = true;
    try {
      await postNote(handoff, text);
      if (input.value.trim() === text) input.value = "";
    } catch (failure) {
      if (failure.status !== 401) {
        error.textContent = errorText(failure);
        error.hidden = false;
      }
    } finally {
      busy = false;
      add.disabled = false;
    }
  };
  input.addEventListener("keydown", (event) => {
    if (!submitsOnEnter(event)) return;
    event.preventDefault();
    submit();
  });
  const form = h("form", { class: "note-form", novalidate: true }, [
    h("label", { class: "sr-only", for: "note-input", text: t("notes.input_label") }),
    input,
    error,
    add,
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  const root = h("section", { class: "card notes", "data-testid": "notes-panel", "aria-labelledby": "notes-heading" }, [
    h("h3", { class: "card-heading", id: "notes-heading" }, [t("notes.heading"), h("span", { class: "internal-tag", text: t("notes.internal") })]),
    h("p", { class: "hint", text: t("notes.hint") }),
    list,
    form,
  ]);
  const update = () => renderNotes(list, state.notes.get(handoff.id));
  update();
  return { root, update };
}

function renderNotes(list, notes) {
  if (!notes) {
    list.replaceChildren(h("li", { class: "empty-list", text: t("notes.loading") }));
    return;
  }
  if (!notes.length) {
    list.replaceChildren(h("li", { class: "empty-list", text: t("notes.empty") }));
    return;
  }
  list.replaceChildren(
    ...notes.map((note) =>
      h("li", { class: "note", "data-testid": "note", "data-note-id": note.id }, [
        h("div", { class: "note-head" }, [
          h("span", { class: "note-author", text: (note.agent && note.agent.display_name) || t("notes.unknown_author") }),
          note.created_at
            ? h("time", { datetime: note.created_at, title: formatDateTime(note.created_at), text: formatTime(note.created_at) })
            : null,
        ]),
        h("p", { class: "note-text", text: typeof note.text === "string" ? note.text : "" }),
      ]),
    ),
  );
}
