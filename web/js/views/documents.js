// @ts-check
/* The resident's own documents on an application's page: the proof of registration (PDF), the data export
   (UU PDP access right, JSON), and once issued the digital ID (the card with its QR code, as PNG or PDF) and
   the report of a lost card, which revokes the card and its digital ID at once. Each action says what it did
   through the section's live region; failures are alerts with the API's words. */
import { api, apiFile } from "../api.js";
import { fill, h } from "../dom.js";
import { t, when } from "../i18n.js";
import { failureBox } from "./parts.js";

/** @typedef {{ registration_number: string, status: string }} AppSummary */
/** @typedef {{ card_id: string, card_status: string, credential: string }} DigitalId */

/** Hand a file to the browser's downloads. @param {Blob} blob @param {string} name */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has its own copy by then
}

/**
 * A button that runs `action` once at a time: busy while it runs, its outcome in `said`, failures in `error`.
 * @param {string} id @param {string} text @param {HTMLElement} said @param {HTMLElement} error
 * @param {() => Promise<string>} action resolves to what to tell the resident
 */
function actionButton(id, text, said, error, action) {
  const button = h("button", { type: "button", id, text });
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    fill(error);
    try {
      said.textContent = await action(); // a status region: read out, and shown
    } catch (err) {
      error.append(failureBox(err, "download_failed"));
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });
  return button;
}

/** @param {string} id @param {string} title @param {string} intro @param {...import("../dom.js").Child} content */
const card = (id, title, intro, ...content) =>
  h(
    "section",
    { class: "card", id, "aria-labelledby": `${id}-h` },
    h("h3", { id: `${id}-h`, text: title }),
    h("p", { class: "hint", text: intro }),
    ...content,
  );

/** The file name a download gets: the kind and the registration number. @param {string} kind @param {string} number */
const fileName = (kind, number) => `${kind}-${number}`;

/** @param {string} path @param {string} id */
const appPath = (path, id) => `/applications/${encodeURIComponent(id)}${path}`;

/** @param {string} id @param {HTMLElement} said */
function receiptCard(id, said) {
  const error = h("div", {});
  const download = actionButton("download-receipt", t("download_receipt"), said, error, async () => {
    const { blob } = await apiFile(appPath("/receipt", id));
    save(blob, `${fileName(t("file_receipt"), id)}.pdf`);
    return t("receipt_downloaded");
  });
  return card("receipt", t("receipt"), t("receipt_intro"), download, error);
}

/** @param {string} id @param {HTMLElement} said */
function exportCard(id, said) {
  const error = h("div", {});
  const details = h("p", { id: "export-details", class: "hint" });
  const download = actionButton("download-export", t("download_export"), said, error, async () => {
    const data = await api("GET", appPath("/export", id));
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    save(blob, `${fileName(t("file_export"), id)}.json`);
    details.textContent = `${t("export_made")} ${when(data.exported_at)}. ${data.retention}`;
    return t("export_downloaded");
  });
  return card("data-export", t("export"), t("export_intro"), download, details, error);
}

/** The card image (its QR code the credential), the card's status and the downloads. @param {string} id @param {HTMLElement} said */
function digitalIdCard(id, said) {
  const error = h("div", {});
  const shown = h("div", { id: "digital-id-shown" });
  const show = actionButton("show-digital-id", t("show_digital_id"), said, error, async () => {
    /** @type {DigitalId} */
    const credential = await api("GET", appPath("/digital-id", id));
    const { blob } = await apiFile(appPath("/digital-id?format=png", id));
    const old = shown.querySelector("img");
    if (old) URL.revokeObjectURL(old.src);
    fill(shown, digitalIdView(id, credential, blob, said, error));
    return `${t("digital_id_shown")} ${t("card_status")}: ${cardStatus(credential.card_status)}.`;
  });
  return card("digital-id", t("digital_id"), t("digital_id_intro"), show, shown, error);
}

/** @param {string} status */
const cardStatus = (status) => (t(`card_${status}`) === `card_${status}` ? status : t(`card_${status}`));

/**
 * @param {string} id @param {DigitalId} credential @param {Blob} png @param {HTMLElement} said
 * @param {HTMLElement} error
 */
function digitalIdView(id, credential, png, said, error) {
  const revoked = credential.card_status === "REVOKED";
  const download = (/** @type {"png" | "pdf"} */ format) =>
    actionButton(`download-id-${format}`, t(`download_id_${format}`), said, error, async () => {
      const { blob } = await apiFile(appPath(`/digital-id?format=${format}`, id));
      save(blob, `${fileName(t("file_digital_id"), id)}.${format}`);
      return t("digital_id_downloaded");
    });
  return [
    h(
      "figure",
      { class: "digital-id" },
      h("img", {
        id: "digital-id-image",
        src: URL.createObjectURL(png),
        alt: `${t("digital_id_alt")} ${credential.card_id}`,
      }),
      h(
        "figcaption",
        {},
        `${t("card_status")}: `,
        h("strong", {
          id: "card-status",
          "data-status": credential.card_status,
          text: cardStatus(credential.card_status),
        }),
      ),
    ),
    h("div", { class: "actions row" }, download("png"), download("pdf")),
    revoked ? h("p", { class: "alert warning", text: t("card_revoked_note") }) : reportLost(id, said),
  ];
}

/** Show the new card status wherever the card is on screen. @param {string} status */
function showCardStatus(status) {
  const shown = document.getElementById("card-status");
  if (!shown) return;
  shown.dataset.status = status;
  shown.textContent = cardStatus(status);
}

/**
 * The question asked before revoking: what it does, then confirm or cancel.
 * @param {HTMLButtonElement} confirm @param {HTMLButtonElement} cancel
 */
const lostQuestion = (confirm, cancel) =>
  h(
    "div",
    {
      id: "report-lost-question",
      class: "alert warning",
      role: "group",
      "aria-labelledby": "report-lost-warning",
      hidden: true,
    },
    h("p", { id: "report-lost-warning", text: t("report_lost_warning") }),
    h("div", { class: "actions row" }, confirm, cancel),
  );

/** Report the card lost: a second, explicit confirmation first (revocation cannot be undone). @param {string} id @param {HTMLElement} said */
function reportLost(id, said) {
  const error = h("div", {});
  const start = h("button", { type: "button", id: "report-lost", class: "danger", text: t("report_lost") });
  const confirm = h("button", {
    type: "button",
    id: "report-lost-confirm",
    class: "danger",
    text: t("report_lost_confirm"),
  });
  const cancel = h("button", { type: "button", id: "report-lost-cancel", text: t("cancel") });
  const question = lostQuestion(confirm, cancel);
  const section = h(
    "div",
    { id: "report-lost-area" },
    h("h4", { text: t("report_lost") }),
    start,
    question,
    error,
  );
  /** @param {boolean} asking */
  const ask = (asking) => {
    question.hidden = !asking;
    start.hidden = asking;
    (asking ? confirm : start).focus();
  };
  start.addEventListener("click", () => ask(true));
  cancel.addEventListener("click", () => ask(false));
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    fill(error);
    try {
      const card = await api("POST", appPath("/digital-id/report-lost", id));
      const done = `${t("report_lost_done")} ${t("card_status")}: ${cardStatus(card.status)}.`;
      const note = h("p", { class: "alert success", id: "report-lost-done", tabindex: "-1", text: done });
      fill(section, note);
      showCardStatus(card.status);
      said.textContent = done; // the status region reads it out
      note.focus();
    } catch (err) {
      confirm.disabled = false;
      error.append(failureBox(err));
    }
  });
  return section;
}

/**
 * The "my documents" section of an application's page.
 * @param {AppSummary} detail
 */
export function documentsPanel(detail) {
  const id = detail.registration_number;
  const said = h("p", { id: "my-documents-said", class: "hint", role: "status" });
  const issued = detail.status === "ISSUED";
  return h(
    "section",
    { id: "my-documents", "aria-labelledby": "my-documents-h" },
    h("h2", { id: "my-documents-h", text: t("my_documents") }),
    said,
    receiptCard(id, said),
    issued
      ? digitalIdCard(id, said)
      : h("p", { id: "digital-id-later", class: "hint", text: t("digital_id_later") }),
    exportCard(id, said),
  );
}
