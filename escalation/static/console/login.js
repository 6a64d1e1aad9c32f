/**
 * The sign-in screen. Errors are shown by code, never by echoing what was typed; the same
 * message for a wrong e-mail and a wrong password, as the server answers both alike.
 */

import { api } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

/**
 * options: message (a notice above the form, e.g. "session ended"), email (prefill),
 * languageSwitch (element), onLoggedIn(session)
 */
export function loginScreen({ message, email = "", languageSwitch, onLoggedIn }) {
  const emailInput = h("input", {
    id: "login-email",
    type: "email",
    name: "email",
    autocomplete: "username",
    required: true,
    "data-testid": "login-email",
    value: email,
  });
  const passwordInput = h("input", {
    id: "login-password",
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: true,
    "data-testid": "login-password",
  });
  const error = h("p", { class: "form-error", id: "login-error", "data-testid": "login-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "button primary wide", "data-testid": "login-submit", text: t("login.submit") });

  const showError = (text) => {
    error.textContent = text;
    error.hidden = !text;
    for (const input of [emailInput, passwordInput]) {
      if (text) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  };

  const form = h("form", { class: "login-form", novalidate: true, "aria-describedby": "login-error" }, [
    h("div", { class: "field" }, [h("label", { for: "login-email", text: t("login.email") }), emailInput]),
    h("div", { class: "field" }, [h("label", { for: "login-password", text: t("login.password") }), passwordInput]),
    error,
    submit,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const address = emailInput.value.trim();
    const password = passwordInput.value;
    if (!address || !password) {
      showError(t("login.missing"));
      (address ? passwordInput : emailInput).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t("login.submitting");
    showError("");
    try {
      const session = await api.login(address, password);
      passwordInput.value = "";
      onLoggedIn(session);
    } catch (failure) {
      passwordInput.value = "";
      showError(loginErrorText(failure));
      passwordInput.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t("login.submit");
    }
  });

  const screen = h("main", { class: "login", "data-testid": "login-screen" }, [
    h("div", { class: "login-card" }, [
      h("div", { class: "login-top" }, [h("span", { class: "brand-mark", "aria-hidden": "true", text: "L" }), languageSwitch]),
      h("h1", { text: t("app.title") }),
      h("p", { class: "login-intro", text: t("login.intro") }),
      message ? h("p", { class: "login-message", "data-testid": "login-message", role: "status", text: message }) : null,
      form,
    ]),
  ]);
  // Focus after the screen is in the document.
  queueMicrotask(() => (emailInput.value ? passwordInput : emailInput).focus());
  return { root: screen, email: () => emailInput.value };
}

function loginErrorText(failure) {
  if (failure.network) return t("errors.network");
  if (failure.code === "invalid_credentials" || failure.status === 401) return t("login.invalid_credentials");
  if (failure.code === "rate_limited" || failure.status === 429) {
    return failure.retryAfter != null ? t("login.rate_limited", { seconds: failure.retryAfter }) : t("login.rate_limited_later");
  }
  return t("login.generic");
}
