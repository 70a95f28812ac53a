// @ts-check
/* The officer's assisted registration (issue 20 item 3): at the office an officer registers an application for a
   resident present there (no smartphone, elderly, disability), scans the documents, submits, and corrects the
   data of a draft or a rejected one. The form, its rules and its errors are the resident's form's (form.js,
   validate.js, nik.js, domain-data.js); the scans go through the same upload module (upload.js: resizing,
   multipart, retry, resume) on the officer's routes. The API says who entered it (the token's officer) and keeps
   each application in the district's namespace: the list shows only the district's. */
import { api } from "../api.js";
import { catalogue } from "../data.js";
import { announce, fill, h } from "../dom.js";
import { APPLICATION_TYPES, EDITABLE_STATUSES } from "../domain-data.js";
import { ApiError } from "../errors.js";
import { msg, t, when } from "../i18n.js";
import { later, store } from "../store.js";
import {
  applicantFieldsets,
  checkedForm,
  declarationField,
  fillForm,
  newRegionSelects,
  regionPickers,
  restoreDraft,
  showFailure,
} from "./form.js";
import { failureBox, page, reasonList, statusBadge } from "./parts.js";
import { documentCard } from "./resident.js";

const ROUTE = "/assisted/applications";
const MOVING = new Set(["SUBMITTED", "VERIFYING"]);
const POLL_MS = 1000;

/**
 * @typedef {object} Entry one application of the district's list
 * @property {string} registration_number @property {string} status @property {string} application_type
 * @property {string} full_name @property {string | null} entered_by @property {string} updated_at
 */
/** @typedef {import("./resident.js").DocumentCard} DocumentCard */
/** @typedef {import("../upload.js").DocumentState} DocumentState */

const WORDS = {
  id: {
    title: "Pendaftaran dibantu petugas",
    intro:
      "Daftarkan permohonan untuk penduduk yang hadir di kantor (berdomisili di kecamatan Anda), pindai dokumennya, lalu ajukan. Penduduk memantau dengan nomor registrasi dan tanggal lahir.",
    list: "Permohonan yang didaftarkan kecamatan Anda",
    none: "Belum ada permohonan yang didaftarkan di kantor.",
    new: "Daftarkan penduduk",
    type: "Jenis permohonan",
    declaration: "Data telah dibacakan kepada penduduk dan penduduk menyatakan data ini benar.",
    register: "Daftarkan",
    entered_by: "dicatat oleh",
    open: "Buka",
    documents: "Dokumen hasil pindai",
    documents_intro: "Pindai setiap dokumen penduduk dan unggah di sini; hasil pemeriksaan muncul segera.",
    submit: "Ajukan untuk verifikasi",
    submitted: "Permohonan diajukan; verifikasi berjalan.",
    correct: "Perbaiki data",
    save: "Simpan perbaikan",
    saved: "Perbaikan tersimpan.",
    not_editable: "Data hanya dapat diperbaiki saat status Draf atau Ditolak.",
    code: "Kode",
    back: "Daftar permohonan di kantor",
    queue: "Antrean pemeriksaan",
  },
  en: {
    title: "Assisted registration",
    intro:
      "Register an application for a resident present at the office (domicile in your district), scan the documents, then submit. The resident follows it with the registration number and birth date.",
    list: "Applications your district entered",
    none: "No application entered at the office yet.",
    new: "Register a resident",
    type: "Application type",
    declaration: "The data was read out to the resident, who declares it true.",
    register: "Register",
    entered_by: "entered by",
    open: "Open",
    documents: "Scanned documents",
    documents_intro: "Scan each of the resident's documents and upload it here; the checks answer at once.",
    submit: "Submit for verification",
    submitted: "Submitted; verification is under way.",
    correct: "Correct the data",
    save: "Save the correction",
    saved: "Correction saved.",
    not_editable: "The data can be corrected only while the status is Draft or Rejected.",
    code: "Code",
    back: "Applications entered at the office",
    queue: "Review queue",
  },
};

/** @param {string} key */
const w = (key) =>
  /** @type {Record<string, string>} */ (store.lang === "en" ? WORDS.en : WORDS.id)[key] || key;

/** @param {string} number */
const casePath = (number) => `${ROUTE}/${encodeURIComponent(number)}`;

/**
 * The API's code beside its words (the officer reads it to the helpdesk): the error's own, then its reasons'.
 * @param {HTMLElement} where @param {unknown} err
 */
function showCode(where, err) {
  if (!(err instanceof ApiError)) return;
  const codes = [err.code, ...err.reasons.map((r) => r.code).filter((c) => c !== err.code)];
  const box = where.querySelector(".alert") || where;
  box.setAttribute("data-code", err.code);
  box.append(h("p", { class: "error-code", text: `${w("code")}: ${codes.join(" · ")}` }));
}

/** @param {Entry} e */
function entryRow(e) {
  return h(
    "li",
    { class: "card row", "data-number": e.registration_number, "data-status": e.status },
    h(
      "a",
      { href: `#/assisted/${encodeURIComponent(e.registration_number)}`, class: "regno" },
      e.registration_number,
    ),
    h("span", { text: ` ${e.full_name} ` }),
    statusBadge(e.status),
    h("span", {
      class: "muted",
      text: ` ${t(`type_${e.application_type}`)} · ${w("entered_by")} ${e.entered_by || "-"} · ${when(e.updated_at)}`,
    }),
  );
}

/** The registration form: the resident's form with the type and the officer's declaration. */
async function registrationForm() {
  const summary = h("div", { id: "assisted-summary" });
  const regionSelects = newRegionSelects();
  const type = h(
    "select",
    { id: "application_type", name: "application_type" },
    APPLICATION_TYPES.map((v) => h("option", { value: v, text: t(`type_${v}`) })),
  );
  const save = h("button", {
    type: "submit",
    class: "primary",
    id: "assisted-register",
    text: w("register"),
  });
  const form = h(
    "form",
    { id: "assisted-form", novalidate: true },
    summary,
    h("div", { class: "field" }, h("label", { for: "application_type", text: w("type") }), type),
    applicantFieldsets(regionSelects, true),
    declarationField(w("declaration")),
    h("div", { class: "actions" }, save),
  );
  await regionPickers(form, regionSelects);
  await restoreDraft(form, true);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const checked = checkedForm(form, summary, true);
    if (!checked) return;
    save.disabled = true;
    try {
      const body = {
        application_type: /** @type {HTMLSelectElement} */ (type).value,
        declaration_accepted: true,
        applicant: checked.applicant,
        contact: { language: store.lang, channels: checked.channels },
      };
      const created = await api("POST", ROUTE, body);
      location.hash = `#/assisted/${encodeURIComponent(created.registration_number)}`;
    } catch (err) {
      save.disabled = false;
      showFailure(form, summary, err);
      showCode(summary, err);
    }
  });
  return form;
}

/** The district's applications and the form for a new one. */
async function viewOffice() {
  await catalogue();
  /** @type {Entry[]} */
  const entered = await api("GET", ROUTE);
  const list = entered.length
    ? h("ul", { id: "assisted-list", class: "cards" }, entered.map(entryRow))
    : h("p", { id: "assisted-list", text: w("none") });
  return page(
    w("title"),
    h("p", {}, h("a", { href: "#/queue", text: `← ${w("queue")}` })),
    h("p", { class: "hint", text: w("intro") }),
    h(
      "section",
      { "aria-labelledby": "assisted-list-h" },
      h("h2", { id: "assisted-list-h", text: w("list") }),
      list,
    ),
    h(
      "section",
      { "aria-labelledby": "assisted-new-h" },
      h("h2", { id: "assisted-new-h", text: w("new") }),
      await registrationForm(),
    ),
  );
}

/**
 * The correction form, filled with the application's data (PATCH while DRAFT or REJECTED).
 * @param {string} number @param {Record<string, any>} applicant @param {() => Promise<void>} refresh
 */
async function correctionForm(number, applicant, refresh) {
  const summary = h("div", { id: "correct-summary" });
  const said = h("p", { id: "correct-said", role: "status" });
  const regionSelects = newRegionSelects();
  const save = h("button", { type: "submit", id: "assisted-save", text: w("save") });
  const form = h(
    "form",
    { id: "assisted-correct-form", novalidate: true },
    summary,
    applicantFieldsets(regionSelects, false),
    h("div", { class: "actions" }, save),
    said,
  );
  await regionPickers(form, regionSelects);
  await fillForm(form, applicant);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    said.textContent = "";
    const checked = checkedForm(form, summary, false);
    if (!checked) return;
    save.disabled = true;
    try {
      await api("PATCH", casePath(number), { applicant: checked.applicant });
      said.textContent = w("saved");
      await refresh();
    } catch (err) {
      showFailure(form, summary, err);
      showCode(summary, err);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/** One application entered at the office: status, scans, submit, correction. @param {string} number */
async function viewEntered(number) {
  await catalogue();
  const header = h("section", { id: "status", "aria-labelledby": "status-h" });
  const docs = h("ul", { id: "documents", class: "cards" });
  const submitArea = h("div", { id: "submit-area" });
  const correction = h("section", { id: "correction", "aria-labelledby": "correction-h" });
  /** @type {Map<string, DocumentCard>} */
  const cards = new Map();
  let status = "";
  // A failed refresh (after an upload) is said where the officer acts next; it never breaks the page.
  const refresh = () => draw().catch((err) => fill(submitArea, failureBox(err)));
  const host = { id: number, route: ROUTE, refresh };

  async function draw() {
    const detail = await api("GET", casePath(number));
    const editable = EDITABLE_STATUSES.includes(detail.status);
    if (status && status !== detail.status) announce(`${t("status")}: ${t(`st_${detail.status}`)}`);
    const changed = status !== detail.status;
    status = detail.status;
    fill(
      header,
      h("h2", { id: "status-h", text: t("status") }),
      h(
        "p",
        { class: "status-line" },
        statusBadge(detail.status),
        h("span", { text: ` ${detail.applicant.full_name} · ${t(`type_${detail.application_type}`)}` }),
      ),
      h("p", { class: "muted", id: "entered-by", text: `${w("entered_by")} ${detail.entered_by || "-"}` }),
      h("div", { class: "next-action", id: "next-action" }, h("span", { text: msg(detail.next_action) })),
      detail.reasons.length ? reasonList(detail.reasons) : null,
    );
    for (const doc of /** @type {DocumentState[]} */ (detail.documents)) {
      let card = cards.get(doc.document_type);
      if (!card) {
        card = documentCard(host, doc.document_type);
        cards.set(doc.document_type, card);
        docs.append(card.el);
      }
      card.update(doc, editable);
    }
    fill(submitArea, editable ? submitButton(number, detail.documents, refresh) : null);
    if (changed) {
      fill(
        correction,
        h("h2", { id: "correction-h", text: w("correct") }),
        editable
          ? await correctionForm(number, detail.applicant, refresh)
          : h("p", { class: "hint", text: w("not_editable") }),
      );
    }
    if (MOVING.has(detail.status)) later(refresh, POLL_MS); // the chain moves it on: follow
  }

  await draw();
  return page(
    `${t("registration_number")} ${number}`,
    h("p", {}, h("a", { href: "#/assisted", id: "to-assisted-list", text: `← ${w("back")}` })),
    header,
    h(
      "section",
      { "aria-labelledby": "docs-h" },
      h("h2", { id: "docs-h", text: w("documents") }),
      h("p", { text: w("documents_intro") }),
      docs,
    ),
    submitArea,
    correction,
  );
}

/**
 * Submit once every required scan is accepted. @param {string} number
 * @param {DocumentState[]} documents @param {() => Promise<void>} refresh
 */
function submitButton(number, documents, refresh) {
  const error = h("div", {});
  const button = h("button", { type: "button", class: "primary", id: "assisted-submit", text: w("submit") });
  button.disabled = !documents.every((d) => !d.required || d.status === "ACCEPTED");
  button.addEventListener("click", async () => {
    button.disabled = true;
    fill(error);
    try {
      await api("POST", `${casePath(number)}/submit`);
      announce(w("submitted"));
      await refresh();
    } catch (err) {
      error.append(failureBox(err));
      showCode(error, err);
      button.disabled = false;
    }
  });
  return [button, error];
}

/** The officer's page: the district's list and a new registration, or one application. @param {string} [number] */
export function viewAssisted(number = "") {
  return number ? viewEntered(number) : viewOffice();
}
