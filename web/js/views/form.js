// @ts-check
/* The application form: a new application of a type, or corrections to one (PATCH while DRAFT or REJECTED).
   The client's rules (validate.js) answer first; the API's reasons land under the fields they name. */
import { api, idempotencyKey } from "../api.js";
import { catalogue, regionsUnder } from "../data.js";
import { field, fill, h } from "../dom.js";
import {
  APPLICATION_TYPES,
  BLOOD_TYPES,
  FIELD_LIMITS,
  MARITAL_STATUSES,
  NIK_LENGTH,
  NOTIFICATION_CHANNELS,
  RELIGIONS,
  SEXES,
} from "../domain-data.js";
import { ApiError } from "../errors.js";
import { msg, reasonText, t } from "../i18n.js";
import { store } from "../store.js";
import {
  OPTIONAL_FIELDS,
  REGION_LEVELS,
  REQUIRED,
  REQUIRED_FIELDS,
  validateApplicant,
  validateChannels,
} from "../validate.js";
import { errorBox, failureBox, page } from "./parts.js";

/** @typedef {import("../validate.js").Problem} Problem */
/** @typedef {{ field: string, text: string, warning: boolean }} ShownProblem */

/** A control of the form by name. @param {HTMLFormElement} form @param {string} name */
const control = (form, name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
/** A region picker of the form. @param {HTMLFormElement} form @param {string} name */
const picker = (form, name) => /** @type {HTMLSelectElement} */ (form.elements.namedItem(name));

/** The API's maxlength for a field (FIELD_LIMITS), for the input's own limit. @param {string} name */
const maxLength = (name) => FIELD_LIMITS[name]?.maxLength;

/** @param {HTMLSelectElement} select @param {string} parent */
async function regionOptions(select, parent) {
  fill(select, h("option", { value: "", text: t("loading") }));
  select.disabled = true;
  const rows = await regionsUnder(parent);
  fill(
    select,
    h("option", { value: "", text: t("choose") }),
    rows.map((r) =>
      h("option", {
        value: r.code,
        "data-postal": (r.postal_codes || []).join(","),
        text: `${r.name} (${r.code})`,
      }),
    ),
  );
  select.disabled = !rows.length;
}

/** @param {HTMLFormElement} form @param {string} level */
function clearRegionsBelow(form, level) {
  for (const name of REGION_LEVELS.slice(REGION_LEVELS.indexOf(level) + 1)) {
    const s = picker(form, name);
    fill(s, h("option", { value: "", text: t("choose") }));
    s.disabled = true;
  }
}

/** @param {string} name @param {Record<string, unknown>} [attrs] */
const input = (name, attrs = {}) => h("input", { id: name, name, maxlength: maxLength(name), ...attrs });

/** @param {string} name @param {readonly string[]} values @param {(v: string) => string} [labels] */
const select = (name, values, labels) =>
  h(
    "select",
    { id: name, name },
    h("option", { value: "", text: t("choose") }),
    values.map((v) => h("option", { value: v, text: labels ? labels(v) : v })),
  );

/** @param {string} name @param {HTMLElement} el @param {string} [hint] */
const req = (name, el, hint) => field(name, t(name), el, hint, true);
/** @param {string} name @param {HTMLElement} el @param {string} [hint] */
const opt = (name, el, hint) => field(name, t(name), el, hint, false);

function identityFields() {
  return h(
    "fieldset",
    {},
    h("legend", { text: t("section_identity") }),
    req("full_name", input("full_name", { autocomplete: "name", autocapitalize: "characters" })),
    req(
      "nik",
      input("nik", {
        inputmode: "numeric",
        maxlength: NIK_LENGTH,
        autocomplete: "off",
        "aria-describedby": "nik-hint",
      }),
      t("nik_hint"),
    ),
    req(
      "kk_number",
      input("kk_number", { inputmode: "numeric", maxlength: NIK_LENGTH, autocomplete: "off" }),
    ),
    req("place_of_birth", input("place_of_birth")),
    req("birth_date", input("birth_date", { type: "date" })),
    req(
      "sex",
      select("sex", SEXES, (v) => t(`sex_${v}`)),
    ),
    opt("blood_type", select("blood_type", BLOOD_TYPES)),
    req("religion", select("religion", RELIGIONS)),
    req("marital_status", select("marital_status", MARITAL_STATUSES)),
    req("occupation", input("occupation")),
    opt("father_name", input("father_name")),
    opt("mother_name", input("mother_name")),
  );
}

/** @param {Record<string, HTMLSelectElement>} regionSelects */
function addressFields(regionSelects) {
  return h(
    "fieldset",
    {},
    h("legend", { text: t("section_address") }),
    req("address", input("address", { autocomplete: "street-address" })),
    h(
      "div",
      { class: "grid-2" },
      req("rt", input("rt", { inputmode: "numeric", maxlength: 3 })),
      req("rw", input("rw", { inputmode: "numeric", maxlength: 3 })),
    ),
    REGION_LEVELS.map((n) => req(n, regionSelects[n])),
    req(
      "postal_code",
      input("postal_code", { inputmode: "numeric", maxlength: 5, autocomplete: "postal-code" }),
    ),
  );
}

/** The channels to be told on (issue 20 item 9: SMS only when chosen); e-mail ticked to begin with. */
function channelFields() {
  return h(
    "fieldset",
    { id: "channels", name: "channels", tabindex: "-1", "aria-describedby": "channels-hint" },
    h("legend", { text: t("channels") }),
    h("p", { class: "hint", id: "channels-hint", text: t("channels_hint") }),
    NOTIFICATION_CHANNELS.map((c) =>
      h(
        "div",
        { class: "field check" },
        h("input", { type: "checkbox", id: `channel_${c}`, name: `channel_${c}`, checked: c === "email" }),
        h("label", { for: `channel_${c}`, text: t(`channel_${c}`) }),
      ),
    ),
    h("p", { class: "field-error", id: "channels-error", "aria-live": "polite" }),
  );
}

/** @param {boolean} withChannels only when registering: a correction (PATCH) carries the applicant only */
function contactFields(withChannels) {
  return h(
    "fieldset",
    {},
    h("legend", { text: t("section_contact") }),
    req(
      "phone",
      input("phone", { type: "tel", autocomplete: "tel", "aria-describedby": "phone-hint" }),
      t("phone_hint"),
    ),
    opt("email", input("email", { type: "email", autocomplete: "email" })),
    withChannels ? channelFields() : null,
  );
}

/**
 * The resident's data as on the KK (identity, address, contact), for this form and the officer's assisted
 * registration (views/assisted.js). @param {Record<string, HTMLSelectElement>} regionSelects
 * @param {boolean} withChannels
 */
export const applicantFieldsets = (regionSelects, withChannels) => [
  identityFields(),
  addressFields(regionSelects),
  contactFields(withChannels),
];

/** Region pickers for `applicantFieldsets`, the provinces loading. @param {HTMLFormElement} form */
export async function regionPickers(form, /** @type {Record<string, HTMLSelectElement>} */ selects) {
  wireRegions(form, selects);
  await regionOptions(selects.province_code, "");
}

/** One empty picker per region level. @returns {Record<string, HTMLSelectElement>} */
export const newRegionSelects = () =>
  Object.fromEntries(REGION_LEVELS.map((n) => [n, h("select", { id: n, name: n, disabled: true })]));

/** The channels ticked, in the domain's order. @param {HTMLFormElement} form @returns {string[]} */
export const readChannels = (form) =>
  NOTIFICATION_CHANNELS.filter((c) => control(form, `channel_${c}`)?.checked);

/** Region pickers: each level loads the next; a village fills the postal code it belongs to. */
function wireRegions(
  /** @type {HTMLFormElement} */ form,
  /** @type {Record<string, HTMLSelectElement>} */ regionSelects,
) {
  REGION_LEVELS.forEach((name, i) => {
    regionSelects[name].addEventListener("change", async () => {
      clearRegionsBelow(form, name);
      const value = regionSelects[name].value;
      if (name === "village_code") {
        const postal = regionSelects[name].selectedOptions[0]?.dataset.postal?.split(",")[0];
        if (postal) control(form, "postal_code").value = postal;
      } else if (value) {
        await regionOptions(regionSelects[REGION_LEVELS[i + 1]], value);
      }
    });
  });
}

/** Put data into the form; the region pickers load level by level. @param {HTMLFormElement} form @param {Record<string, any>} data */
export async function fillForm(form, data) {
  for (const [name, value] of Object.entries(data)) {
    const el = control(form, name);
    if (!el || REGION_LEVELS.includes(name) || value === null) continue;
    if (el.type === "checkbox") el.checked = Boolean(value);
    else el.value = value;
  }
  let parent = "";
  for (const name of REGION_LEVELS) {
    if (!data[name]) break;
    const s = picker(form, name);
    if (s.options.length <= 1 || s.disabled) await regionOptions(s, parent);
    s.value = data[name];
    parent = data[name];
  }
  if (data.postal_code) control(form, "postal_code").value = data.postal_code;
}

/** The applicant as the API takes it. @param {HTMLFormElement} form @returns {Record<string, string>} */
export function readForm(form) {
  const get = (/** @type {string} */ n) => control(form, n).value.trim();
  /** @type {Record<string, string>} */
  const applicant = {};
  for (const n of [...REQUIRED_FIELDS, "blood_type"]) applicant[n] = get(n);
  for (const n of OPTIONAL_FIELDS) if (get(n)) applicant[n] = get(n);
  if (!applicant.blood_type) applicant.blood_type = "TIDAK TAHU";
  applicant.full_name = applicant.full_name.toUpperCase();
  return applicant;
}

/** A problem in words: the catalogue's, or "required". @param {Problem} p @returns {ShownProblem} */
export const worded = (p) => ({
  field: p.field,
  warning: p.warning,
  text: p.code === REQUIRED ? t("required_field") : reasonText(p.code),
});

/** @param {HTMLFormElement} form */
function clearFieldErrors(form) {
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  form.querySelectorAll(".field-error").forEach((el) => {
    el.textContent = "";
    el.classList.remove("warning");
  });
}

/** Mark one field and return its line for the summary. @param {HTMLFormElement} form @param {ShownProblem} p */
function markField(form, p) {
  const el = control(form, p.field);
  const slot = form.querySelector(`#${CSS.escape(p.field)}-error`);
  if (el && slot) {
    if (!p.warning) el.setAttribute("aria-invalid", "true");
    const described = [`${p.field}-error`, el.getAttribute("aria-describedby")].filter(Boolean).join(" ");
    el.setAttribute("aria-describedby", described);
    slot.textContent = slot.textContent ? `${slot.textContent} ${p.text}` : p.text;
    if (p.warning && !slot.classList.contains("error")) slot.classList.add("warning");
  }
  /** @param {Event} e */
  const jump = (e) => {
    e.preventDefault();
    el.focus();
  };
  return h(
    "li",
    { class: p.warning ? "warning" : "" },
    el
      ? h("a", { href: `#${p.field}`, onclick: jump, text: `${t(p.field)}: ${p.text}` })
      : h("span", { text: p.text }),
  );
}

/**
 * Each problem under its field, and a summary at the top linking to them (focused when something blocks).
 * @param {HTMLFormElement} form @param {HTMLElement} summary @param {ShownProblem[]} problems
 * @param {ApiError} [apiError]
 */
export function showFieldErrors(form, summary, problems, apiError) {
  clearFieldErrors(form);
  fill(summary);
  const items = problems.map((p) => markField(form, p));
  const blocking = problems.some((p) => !p.warning);
  if (apiError && !problems.length) summary.append(errorBox(apiError));
  else if (items.length) {
    const box = h(
      "div",
      { class: blocking ? "alert error" : "alert warning", role: "alert", tabindex: "-1" },
      h("p", { text: apiError ? msg(apiError.body) : t("fix_fields") }),
      h("ul", {}, items),
    );
    summary.append(box);
    if (blocking) box.focus();
  }
}

/** The API's reasons with a field, as the form names its fields. @param {ApiError} err */
export const apiProblems = (err) =>
  err.reasons
    .filter((r) => r.field)
    .map((r) => ({
      field: String(r.field)
        .replace(/^applicant\./, "")
        .replace(/^body\./, "")
        .replace(/^contact\./, ""),
      text: msg(r),
      warning: r.severity === "warning",
    }));

/**
 * What was typed before the language switched (main.js keeps it as the draft), back in the form, once.
 * @param {HTMLFormElement} form @param {boolean} withChannels
 */
export async function restoreDraft(form, withChannels) {
  const draft = store.draft;
  if (!draft) return;
  store.draft = null;
  // An unticked box is absent from the draft: the channels are exactly the ones it names.
  for (const c of withChannels ? NOTIFICATION_CHANNELS : [])
    control(form, `channel_${c}`).checked = Boolean(draft[`channel_${c}`]);
  await fillForm(form, draft);
}

/** The declaration's checkbox: the resident (or, at the office, the officer for them) confirms the data. */
export const declarationField = (/** @type {string} */ text = t("declaration")) =>
  h(
    "div",
    { class: "field check", id: "field-declaration" },
    h("input", { type: "checkbox", id: "declaration", name: "declaration" }),
    h("label", { for: "declaration", text }),
    h("p", { class: "field-error", id: "declaration-error" }),
  );

/**
 * The form's data when the client's rules let it go, else null; every problem is shown either way.
 * @param {HTMLFormElement} form @param {HTMLElement} summary @param {boolean} withChannels
 * @returns {{ applicant: Record<string, string>, channels: string[] } | null}
 */
export function checkedForm(form, summary, withChannels) {
  const applicant = readForm(form);
  const channels = withChannels ? readChannels(form) : [];
  const problems = [
    ...validateApplicant(applicant),
    ...(withChannels ? validateChannels(channels, applicant) : []),
  ].map(worded);
  const declaration = control(form, "declaration");
  if (declaration && !declaration.checked)
    problems.push({ field: "declaration", text: t("declaration_required"), warning: false });
  showFieldErrors(form, summary, problems);
  return problems.some((p) => !p.warning) ? null : { applicant, channels };
}

/** The API's refusal under the fields it names, or any other failure. @param {HTMLFormElement} form @param {HTMLElement} summary */
export function showFailure(form, summary, /** @type {unknown} */ err) {
  if (err instanceof ApiError) showFieldErrors(form, summary, apiProblems(err), err);
  else fill(summary, failureBox(err));
}

/**
 * A new application (type), or corrections to an existing one (editId).
 * @param {string | null} type @param {string} [editId]
 */
export async function viewForm(type, editId) {
  await catalogue();
  const existing = editId ? await api("GET", `/applications/${encodeURIComponent(editId)}`) : null;
  const kind = existing ? existing.application_type : APPLICATION_TYPES.includes(type || "") ? type : "NEW";
  const key = idempotencyKey(); // one per form: a double click or a retry cannot register twice
  const regionSelects = newRegionSelects();
  const summary = h("div", { id: "form-summary" });
  const save = h("button", {
    type: "submit",
    class: "primary",
    id: "save",
    text: t(existing ? "save_changes" : "save_continue"),
  });
  const form = h(
    "form",
    { id: "application-form", novalidate: true },
    summary,
    applicantFieldsets(regionSelects, !existing),
    declarationField(),
    h("div", { class: "actions" }, save),
  );
  await regionPickers(form, regionSelects);
  if (existing) await fillForm(form, { ...existing.applicant, declaration: true });
  await restoreDraft(form, !existing);
  const sample = h("button", {
    type: "button",
    id: "fill-sample",
    class: "link",
    text: t("fill_sample"),
    onclick: async () => {
      const data = await api("GET", `/local/sample-applicant?n=${Math.floor(Math.random() * 1000)}`).catch(
        () => null,
      );
      if (data) await fillForm(form, data);
    },
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const checked = checkedForm(form, summary, !existing);
    if (!checked) return;
    const { applicant, channels } = checked;
    save.disabled = true;
    try {
      if (existing && editId) {
        await api("PATCH", `/applications/${encodeURIComponent(editId)}`, { applicant });
        location.hash = `#/app/${encodeURIComponent(editId)}`;
        return;
      }
      const body = {
        application_type: kind,
        declaration_accepted: true,
        applicant,
        contact: { language: store.lang, channels },
      };
      const created = await api("POST", "/applications", body, { "idempotency-key": key });
      location.hash = `#/app/${encodeURIComponent(created.registration_number)}`;
    } catch (err) {
      save.disabled = false;
      showFailure(form, summary, err);
    }
  });
  const title = existing
    ? `${t("edit_data")} ${existing.registration_number}`
    : `${t("form_title")}: ${t(`type_${kind}`)}`;
  return page(title, h("p", { text: t("form_intro") }), existing ? null : sample, form);
}
