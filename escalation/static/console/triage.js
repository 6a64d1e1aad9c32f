/**
 * The triage card: what the bot learned before it handed the chat over, so the agent does not
 * have to ask again. All values come from the server's (redacted) triage and are shown as text.
 */

import { api } from "./api.js";
import { h } from "./dom.js";
import { formatDateTime, has, label, t } from "./i18n.js";
import { canManageAll, categoryOf, isMine, languageOf } from "./state.js";
import { errorText, priorityBadge, relative, slaCountdown } from "./ui.js";

const ENTITY_ORDER = ["application", "device", "operating_system", "error_code", "others_affected"];

export function triageCard(handoff) {
  const triage = (handoff.triage && typeof handoff.triage === "object" && handoff.triage) || {};
  const priority = triage.priority || handoff.priority;
  const language = triage.language || languageOf(handoff);
  return h("section", { class: "card triage", "data-testid": "triage-card", "aria-labelledby": "triage-heading" }, [
    h("h3", { class: "card-heading", id: "triage-heading", text: t("triage.heading") }),
    h("dl", { class: "facts" }, [
      fact(t("triage.category"), "triage-category", label("categories", triage.category || categoryOf(handoff))),
      fact(t("triage.priority"), "triage-priority", [
        priorityBadge(priority),
        triage.priority_reason ? h("span", { class: "priority-reason", text: label("priority_reasons", triage.priority_reason) }) : null,
      ]),
      fact(t("triage.language"), "triage-language", label("languages", language)),
      fact(t("triage.reason"), "triage-reason", label("reasons", triage.reason)),
      fact(t("triage.created"), "triage-created", relative(handoff.created_at)),
      fact(t("triage.first_response"), "triage-first-response", firstResponse(handoff)),
    ]),
    h("h4", { class: "subheading", text: t("triage.problem") }),
    h("p", {
      class: "problem",
      "data-testid": "triage-problem",
      lang: language || null,
      text: typeof triage.problem === "string" && triage.problem ? triage.problem : t("triage.no_problem"),
    }),
    callback(handoff, triage.callback),
    entities(triage.entities),
    steps(triage.steps_tried),
  ]);
}

/**
 * A contact the user left for a callback (an offline ticket). The card shows its placeholder;
 * the agent who owns the chat (or a supervisor) may reveal the number, which the server audits.
 */
function callback(handoff, value) {
  if (!value || typeof value !== "object" || typeof value.contact !== "string") return null;
  const shown = h("span", { class: "callback-contact", "data-testid": "callback-contact", text: value.contact });
  const error = h("span", { class: "callback-error", role: "alert", "data-testid": "callback-error" });
  const mayReveal = (handoff.status === "active" && isMine(handoff)) || canManageAll();
  const button = mayReveal
    ? h("button", { type: "button", class: "button small", "data-testid": "callback-reveal", text: t("triage.reveal") })
    : null;
  if (button) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      error.textContent = "";
      try {
        const revealed = await api.reveal(handoff.id, value.contact, "callback");
        shown.textContent = revealed.value;
        button.remove();
      } catch (failure) {
        error.textContent = errorText(failure);
        button.disabled = false;
      }
    });
  }
  return [
    h("h4", { class: "subheading", text: t("triage.callback") }),
    h("p", { class: "callback", "data-testid": "triage-callback" }, [
      shown,
      value.requested_at ? h("span", { class: "muted", text: ` · ${formatDateTime(value.requested_at)}` }) : null,
      button,
      error,
    ]),
    mayReveal ? null : h("p", { class: "muted", text: t("triage.reveal_hint") }),
  ];
}

function fact(term, testid, value) {
  const empty = value == null || value === "" || (Array.isArray(value) && !value.some(Boolean));
  return h("div", { class: "fact" }, [
    h("dt", { text: term }),
    h("dd", { "data-testid": testid }, empty ? t("triage.unknown") : value),
  ]);
}

function firstResponse(handoff) {
  if (handoff.first_response_at) {
    return h("time", { datetime: handoff.first_response_at, text: formatDateTime(handoff.first_response_at) });
  }
  const countdown = slaCountdown(handoff);
  // The list has the "sla-countdown" test id; this copy must not be counted with them.
  if (countdown) countdown.setAttribute("data-testid", "triage-sla");
  return countdown;
}

/** Known details in a fixed order, then anything newer the bot starts to send. */
function entities(values) {
  if (!values || typeof values !== "object") return null;
  const names = [...ENTITY_ORDER.filter((name) => name in values), ...Object.keys(values).filter((name) => !ENTITY_ORDER.includes(name))];
  const rows = names
    .map((name) => [name, entityText(values[name])])
    .filter(([, text]) => text)
    .map(([name, text]) =>
      h("div", { class: "fact", "data-entity": name }, [h("dt", { text: label("entities", name) }), h("dd", { text })]),
    );
  if (!rows.length) return null;
  return [
    h("h4", { class: "subheading", text: t("triage.details") }),
    h("dl", { class: "facts entities", "data-testid": "triage-entities" }, rows),
  ];
}

function entityText(value) {
  if (value == null) return "";
  if (typeof value === "boolean") return t(value ? "triage.yes" : "triage.no");
  if (Array.isArray(value)) return value.map(entityText).filter(Boolean).join(", ");
  if (typeof value === "object") return "";
  return String(value);
}

function steps(stepsTried) {
  if (!Array.isArray(stepsTried) || !stepsTried.length) return null;
  return [
    h("h4", { class: "subheading", text: t("triage.steps_tried") }),
    h(
      "ol",
      { class: "steps", "data-testid": "triage-steps" },
      stepsTried.map((step) => {
        const text = step && typeof step.text === "string" && step.text ? step.text : stepName(step);
        return h("li", { "data-step-id": step && step.id ? step.id : null, text });
      }),
    ),
  ];
}

/** A step the server could not put into words still tells the agent which advice was given. */
function stepName(step) {
  const id = step && typeof step.id === "string" ? step.id : typeof step === "string" ? step : "";
  return has(`steps.${id}`) ? t(`steps.${id}`) : id.replace(/^utter_/, "").replace(/_/g, " ");
}
