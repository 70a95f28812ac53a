// @ts-check
/* The resident's pages: the list of applications, and one application (status, documents, submit, timeline). */
import { api } from "../api.js";
import { catalogue } from "../data.js";
import { announce, field, fill, h } from "../dom.js";
import { APPLICATION_TYPES, EDITABLE_STATUSES, OPTIONAL_DOCUMENTS } from "../domain-data.js";
import { msg, reasonText, t, when } from "../i18n.js";
import { later } from "../store.js";
import { allowedTypes, imageOnly, uploadDocument } from "../upload.js";
import { documentsPanel } from "./documents.js";
import { livenessPanel } from "./liveness.js";
import { appointmentSection } from "./appointment.js";
import { failureBox, page, reasonList, statusBadge } from "./parts.js";

/** Statuses the chain moves on its own (APPROVED -> ISSUED): the page polls them. */
const ACTIVE = new Set(["SUBMITTED", "VERIFYING", "APPROVED"]);
const POLL_MS = 800;

/** @typedef {import("../upload.js").DocumentState} DocumentState */
/**
 * @typedef {object} Detail
 * @property {string} registration_number
 * @property {string} status
 * @property {string} application_type
 * @property {import("../i18n.js").Bilingual} next_action
 * @property {import("../errors.js").Reason[]} reasons
 * @property {DocumentState[]} documents
 * @property {{ at: string, kind: string, status?: string, detail?: string, reasons?: string[] }[]} timeline
 */
/**
 * @typedef {object} AppView the application page's parts, updated in place on each refresh
 * @property {string} id
 * @property {Detail} detail
 * @property {HTMLElement} header
 * @property {HTMLElement} docs
 * @property {HTMLElement} submitArea
 * @property {HTMLElement} timeline
 * @property {HTMLElement | null} liveness
 * @property {HTMLElement} mine the resident's documents: receipt, digital ID, data export
 * @property {HTMLElement} optional the picker of optional documents
 * @property {Map<string, DocumentCard>} cards
 * @property {() => Promise<void>} refresh
 */
/** @typedef {{ el: HTMLElement, update: (doc: DocumentState, editable: boolean) => void }} DocumentCard */
/**
 * @typedef {object} DocumentHost what a document card needs of its page (this one, or the officer's
 *   assisted registration, views/assisted.js, whose `route` is "/assisted/applications")
 * @property {string} id @property {() => Promise<void>} refresh @property {string} [route]
 */

export async function viewApplications() {
  /** @type {Detail[]} */
  const list = await api("GET", "/applications");
  const items = list.length
    ? h(
        "ul",
        { class: "cards" },
        list.map((a) =>
          h(
            "li",
            { class: "card row" },
            h("a", {
              href: `#/app/${encodeURIComponent(a.registration_number)}`,
              class: "regno",
              text: a.registration_number,
            }),
            h("span", { text: t(`type_${a.application_type}`) }),
            statusBadge(a.status),
          ),
        ),
      )
    : h("p", { text: t("no_applications") });
  const typeSelect = h(
    "select",
    { id: "new-type", name: "type" },
    APPLICATION_TYPES.map((ty) => h("option", { value: ty, text: t(`type_${ty}`) })),
  );
  const lookup = h("input", {
    id: "lookup",
    name: "registration",
    autocapitalize: "characters",
    autocomplete: "off",
    required: true,
    "aria-describedby": "lookup-hint",
  });
  /** @param {Event} e */
  const start = (e) => {
    e.preventDefault();
    location.hash = `#/new/${typeSelect.value}`;
  };
  /** @param {Event} e */
  const open = (e) => {
    e.preventDefault();
    const value = lookup.value.trim().toUpperCase().replace(/\s+/g, "");
    if (value) location.hash = `#/app/${encodeURIComponent(value)}`;
  };
  return page(
    t("my_applications"),
    items,
    h(
      "form",
      { class: "card", id: "new-application", onsubmit: start },
      h("h2", { text: t("new_application") }),
      field("new-type", t("application_type"), typeSelect),
      h("button", { type: "submit", class: "primary", text: t("start") }),
    ),
    h(
      "form",
      { class: "card", id: "status-lookup", onsubmit: open },
      h("h2", { text: t("find_status") }),
      field("lookup", t("registration_number"), lookup, t("registration_hint")),
      h("button", { type: "submit", text: t("open") }),
    ),
  );
}

/** @param {string} id the registration number */
export async function viewApplication(id) {
  await catalogue();
  /** @type {Detail} */
  const detail = await api("GET", `/applications/${encodeURIComponent(id)}`);
  /** @type {AppView} */
  const view = {
    id,
    detail,
    header: h("section", { id: "status", "aria-labelledby": "status-h" }),
    docs: h("ul", { id: "documents", class: "cards" }),
    submitArea: h("div", { id: "submit-area" }),
    timeline: h("section", { id: "timeline", "aria-labelledby": "timeline-h" }),
    liveness: null,
    mine: h("div", { id: "my-documents-area" }),
    optional: h("div", { id: "optional-area" }),
    cards: new Map(),
    refresh: () => refresh(view),
  };
  view.liveness = livenessPanel(id, view.refresh, (doc) => view.cards.get("LIVENESS")?.update(doc, true));
  updateApplication(view, detail);
  return page(
    `${t("registration_number")} ${detail.registration_number}`,
    h("p", {}, h("a", { href: "#/apps", text: `← ${t("back")}` })),
    view.header,
    appointmentSection(id, detail.status, view.refresh),
    h(
      "section",
      { "aria-labelledby": "docs-h" },
      h("h2", { id: "docs-h", text: t("documents") }),
      h("p", { text: t("documents_intro") }),
      view.docs,
      view.optional,
    ),
    view.liveness,
    view.submitArea,
    view.timeline,
    view.mine,
  );
}

/** @param {AppView} view */
async function refresh(view) {
  try {
    const detail = await api("GET", `/applications/${encodeURIComponent(view.id)}`);
    const before = view.detail.status;
    updateApplication(view, detail);
    if (before !== detail.status)
      announce(`${t("status")}: ${t(`st_${detail.status}`)}. ${msg(detail.next_action)}`);
  } catch (err) {
    view.submitArea.append(failureBox(err));
  }
}

/** @param {Detail} detail @param {boolean} editable */
function statusSection(detail, editable) {
  return [
    h("h2", { id: "status-h", text: t("status") }),
    h(
      "p",
      { class: "status-line" },
      statusBadge(detail.status),
      h("span", { text: ` ${t(`type_${detail.application_type}`)}` }),
    ),
    h(
      "div",
      { class: "next-action", id: "next-action" },
      h("strong", { text: `${t("next_action")}: ` }),
      h("span", { text: msg(detail.next_action) }),
    ),
    detail.reasons.length
      ? h("div", { id: "app-reasons" }, h("h3", { text: t("reasons") }), reasonList(detail.reasons))
      : null,
    editable
      ? h(
          "p",
          {},
          h("a", {
            href: `#/edit/${encodeURIComponent(detail.registration_number)}`,
            id: "edit-data",
            text: t("edit_data"),
          }),
        )
      : null,
  ];
}

/** @param {Detail["timeline"][number]} e */
function timelineEntry(e) {
  const kind = t(`ev_${e.kind}`) === `ev_${e.kind}` ? e.kind : t(`ev_${e.kind}`);
  const status = e.status ? ` → ${t(`st_${e.status}`)}` : "";
  const detail = e.detail ? ` (${e.detail})` : "";
  return h(
    "li",
    {},
    h("time", { datetime: e.at, text: when(e.at) }),
    h("span", { "data-kind": e.kind, text: ` ${kind}${status}${detail}` }),
    e.reasons && e.reasons.length
      ? h("span", { class: "codes", text: ` ${e.reasons.map(reasonText).join("; ")}` })
      : null,
  );
}

/** @param {AppView} view */
function submitButton(view) {
  const button = h("button", { type: "button", class: "primary", id: "submit", text: t("submit") });
  const error = h("div", {});
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = t("submitting");
    fill(error);
    try {
      await api("POST", `/applications/${encodeURIComponent(view.id)}/submit`);
      announce(t("submitted_wait"));
      await refresh(view);
    } catch (err) {
      error.append(failureBox(err));
      button.disabled = false;
      button.textContent = t("submit");
    }
  });
  return { button, error };
}

/** Redraw the page's parts from a fresh detail; document cards are kept (an upload may be under way). */
function updateApplication(/** @type {AppView} */ view, /** @type {Detail} */ detail) {
  view.detail = detail;
  const editable = EDITABLE_STATUSES.includes(detail.status);
  fill(view.header, statusSection(detail, editable));
  for (const doc of detail.documents) {
    let card = view.cards.get(doc.document_type);
    if (!card) {
      card = documentCard(view, doc.document_type);
      view.cards.set(doc.document_type, card);
      view.docs.append(card.el);
    }
    card.update(doc, editable);
  }
  if (view.liveness) view.liveness.hidden = !editable;
  drawOptional(view, editable);
  if (view.mine.dataset.status !== detail.status) {
    // Drawn again only when the status changes: a shown digital ID stays while the page polls.
    view.mine.dataset.status = detail.status;
    fill(view.mine, documentsPanel(detail));
  }
  fill(view.submitArea);
  if (editable) {
    const { button, error } = submitButton(view);
    button.disabled = !detail.documents.every((d) => !d.required || d.status === "ACCEPTED");
    view.submitArea.append(button, error);
  }
  fill(
    view.timeline,
    h("h2", { id: "timeline-h", text: t("timeline") }),
    h("ol", { class: "timeline" }, detail.timeline.map(timelineEntry)),
  );
  if (ACTIVE.has(detail.status)) later(() => refresh(view), POLL_MS);
}

/**
 * One document's card: its status and reasons, and the button that opens the file chooser (or the camera).
 * @param {DocumentHost} view @param {string} type @returns {DocumentCard}
 */
export function documentCard(view, type) {
  const inputId = `file-${type}`;
  const accept = imageOnly(type) ? allowedTypes(type).join(",") : `${allowedTypes(type).join(",")},.pdf`;
  // capture: the phone opens its camera (front for the selfie, back for papers and the ID photo).
  const file = h("input", {
    type: "file",
    id: inputId,
    class: "visually-hidden",
    accept,
    capture: type === "SELFIE" ? "user" : "environment",
    tabindex: "-1",
    "aria-hidden": "true",
    "aria-label": t(`doc_${type}`),
  });
  const button = h("button", {
    type: "button",
    class: "upload",
    "data-doc": type,
    onclick: () => file.click(),
  });
  const statusEl = h("span", { class: "doc-status" });
  const progress = h("progress", {
    max: 100,
    value: 0,
    hidden: true,
    "aria-label": `${t("uploading")} ${t(`doc_${type}`)}`,
  });
  const reasons = h("div", { class: "doc-reasons" });
  const error = h("div", {});
  const el = h(
    "li",
    { class: "card doc", id: `doc-${type}`, "data-doc": type },
    h("div", { class: "doc-head" }, h("h3", { text: t(`doc_${type}`) }), statusEl),
    reasons,
    progress,
    error,
    file,
    button,
  );
  let busy = false;
  /** @type {DocumentCard} */
  const card = {
    el,
    update(doc, editable) {
      el.dataset.status = doc.status || "NONE";
      const checking = busy && doc.status !== "ACCEPTED" && doc.status !== "REJECTED";
      fill(
        statusEl,
        h("span", {
          class: `badge doc-${doc.status || "NONE"}`,
          text: checking ? t("checking") : t(`doc_${doc.status}`),
        }),
        h("span", { class: "muted", text: ` · ${doc.required ? t("required") : t("optional")}` }),
      );
      fill(reasons, doc.reasons.length ? reasonList(doc.reasons) : "");
      button.textContent = doc.status ? t("reupload") : t("upload");
      button.setAttribute("aria-label", `${button.textContent}: ${t(`doc_${type}`)}`);
      button.hidden = !editable;
      button.disabled = busy;
    },
  };
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    file.value = ""; // the same file can be chosen again after a failure
    if (!chosen) return;
    fill(error);
    busy = true;
    button.disabled = true;
    try {
      const doc = await uploadDocument(
        view.id,
        type,
        chosen,
        progress,
        (pending) => card.update(pending, true),
        view.route,
      );
      busy = false;
      announce(`${t(`doc_${type}`)}: ${t(`doc_${doc.status}`)}`);
    } catch (err) {
      busy = false;
      error.append(failureBox(err));
      button.disabled = false;
    } finally {
      progress.hidden = true;
      await view.refresh();
    }
  });
  return card;
}

/** Optional document types not on the application yet (the liveness check has its own panel). @param {AppView} view */
const addableTypes = (view) =>
  OPTIONAL_DOCUMENTS.filter((type) => type !== "LIVENESS" && !view.cards.has(type));

/**
 * The picker, drawn again only when what it offers changes (a refresh keeps the resident's choice and focus).
 * @param {AppView} view @param {boolean} editable
 */
function drawOptional(view, editable) {
  const offered = editable ? addableTypes(view).join(" ") : "";
  if (view.optional.dataset.offered === offered) return;
  view.optional.dataset.offered = offered;
  fill(view.optional, offered ? optionalPicker(view) : null);
}

/**
 * Add an optional document: its card joins the list, and focus moves to its upload button.
 * @param {AppView} view
 */
function optionalPicker(view) {
  const types = addableTypes(view);
  const choice = h(
    "select",
    { id: "optional-type", name: "optional_type" },
    types.map((type) => h("option", { value: type, text: t(`doc_${type}`) })),
  );
  /** @param {Event} e */
  const add = (e) => {
    e.preventDefault();
    const type = choice.value;
    if (!type || view.cards.has(type)) return;
    const card = documentCard(view, type);
    view.cards.set(type, card);
    view.docs.append(card.el);
    card.update({ document_type: type, status: null, required: false, reasons: [] }, true);
    drawOptional(view, true);
    announce(`${t(`doc_${type}`)} ${t("document_added")}`);
    /** @type {HTMLButtonElement} */ (card.el.querySelector("button.upload")).focus();
  };
  return h(
    "form",
    { class: "card", id: "optional-documents", onsubmit: add },
    h("h3", { text: t("optional_documents") }),
    h("p", { class: "hint", text: t("optional_intro") }),
    field("optional-type", t("optional_type"), choice),
    h("button", { type: "submit", id: "add-optional", text: t("add_document") }),
  );
}
