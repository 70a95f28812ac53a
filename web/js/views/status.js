// @ts-check
/* The public status page (POST /status): registration number and date of birth, no account. The receipt's
   QR opens it with ?n=<number>. */
import { api } from "../api.js";
import { announce, field, fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { store } from "../store.js";
import { failureBox, page, statusBadge } from "./parts.js";

/** The number a receipt's QR link carries (?n=), or null. */
export const publicStatusNumber = () => new URLSearchParams(location.search).get("n");

/** @param {{ registration_number: string, status: string, next_action_id: string, next_action_en: string, last_changed: string }} answer */
function answerCard(answer) {
  const next = store.lang === "en" ? answer.next_action_en : answer.next_action_id;
  return h(
    "div",
    { class: "card", id: "public-status-answer" },
    h("p", { class: "regno", text: answer.registration_number }),
    h("p", {}, `${t("status")}: `, statusBadge(answer.status)),
    h("h2", { text: t("next_action") }),
    h("p", { id: "public-status-next", text: next }),
    h("p", { class: "hint", text: `${t("public_status_changed")}: ${answer.last_changed}` }),
  );
}

/** @param {string} number prefilled */
export function viewPublicStatus(number) {
  const regno = h("input", {
    id: "status-number",
    name: "registration_number",
    value: number,
    autocapitalize: "characters",
    autocomplete: "off",
    required: true,
    maxlength: 32,
    "aria-describedby": "status-number-hint",
  });
  const born = h("input", {
    id: "status-birth-date",
    name: "birth_date",
    type: "date",
    required: true,
    autocomplete: "bday",
  });
  const result = h("div", { id: "status-result", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "primary", text: t("find_status") });
  /** @param {Event} e */
  const ask = async (e) => {
    e.preventDefault();
    button.disabled = true;
    fill(result);
    try {
      const answer = await api("POST", "/status", {
        registration_number: regno.value.trim(),
        birth_date: born.value,
      });
      fill(result, answerCard(answer));
      announce(`${t("status")}: ${t(`st_${answer.status}`)}`);
    } catch (err) {
      fill(result, failureBox(err));
    } finally {
      button.disabled = false;
    }
  };
  const form = h(
    "form",
    { class: "card", id: "public-status", onsubmit: ask },
    field("status-number", t("registration_number"), regno, t("registration_hint"), true),
    field("status-birth-date", t("birth_date"), born, t("public_status_birth_hint"), true),
    button,
  );
  return page(
    t("public_status_title"),
    h("p", { class: "lead", text: t("public_status_intro") }),
    form,
    result,
  );
}
