// @ts-check
/* The officer's pages: the district's review queue, and one case (the evidence side by side, the stages'
   results, approve or reject with reasons the resident reads). */
import { api } from "../api.js";
import { catalogue } from "../data.js";
import { announce, field, fill, h } from "../dom.js";
import { OFFICER_REJECT_CODES } from "../domain-data.js";
import { label, reasonText, t, when } from "../i18n.js";
import { render } from "../router.js";
import { store } from "../store.js";
import { failureBox, page, reasonList, statusBadge } from "./parts.js";

/** @typedef {import("../errors.js").Reason} Reason */
/** @typedef {{ registration_number: string, application_type: string, waiting_since: string, warnings: string[] }} QueueEntry */
/** @typedef {{ field: string, source: string, form_value?: string, other_value?: string, outcome: string }} Comparison */
/** @typedef {{ stage: string, outcome: string, reasons: Reason[], details: { comparisons?: Comparison[] } }} StageResult */
/**
 * @typedef {object} EvidenceDocument
 * @property {string} document_type
 * @property {string} status
 * @property {string | null} [normalized_url]
 * @property {string | null} [original_url]
 * @property {Record<string, unknown>} [measurements]
 * @property {Reason[]} reasons
 */

/** @param {QueueEntry} c */
function queueRow(c) {
  return h(
    "tr",
    {},
    h(
      "td",
      {},
      h("a", {
        href: `#/case/${encodeURIComponent(c.registration_number)}`,
        class: "regno",
        text: c.registration_number,
      }),
    ),
    h("td", { text: t(`type_${c.application_type}`) }),
    h("td", {}, h("time", { datetime: c.waiting_since, text: when(c.waiting_since) })),
    h("td", { text: [...new Set(c.warnings)].map(reasonText).join(" ") }),
  );
}

export async function viewQueue() {
  /** @type {[QueueEntry[], unknown]} */
  const [queue] = await Promise.all([api("GET", "/review/queue"), catalogue()]);
  const columns = [t("registration_number"), t("application_type"), t("waiting_since"), t("warnings")];
  const content = queue.length
    ? h(
        "table",
        { class: "table", id: "queue" },
        h("caption", { class: "visually-hidden", text: t("review_queue") }),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            columns.map((c) => h("th", { scope: "col", text: c })),
          ),
        ),
        h("tbody", {}, queue.map(queueRow)),
      )
    : h("p", { text: t("queue_empty") });
  return page(
    `${t("review_queue")} ${store.session?.district || ""}`,
    h(
      "p",
      {},
      h("button", { type: "button", onclick: () => render(), text: t("refresh") }),
      " ",
      h("a", { href: "#/capture", id: "to-capture", text: t("capture_station") }),
      " ",
      h("a", { href: "#/field-visits", id: "to-field-visits", text: t("field_visits") }),
      " ",
      h("a", { href: "#/assisted", id: "to-assisted", text: t("assisted_registration") }),
    ),
    content,
  );
}

/** The field-by-field comparison of a stage (form value against a record or a document). @param {StageResult} s */
function comparisonTable(s) {
  const comparisons = s.details.comparisons || [];
  if (!comparisons.length) return null;
  const columns = [t("stage_field"), t("stage_declared"), t("stage_found"), t("stage_outcome")];
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": `${s.stage}: ${t("stages")}` },
    h(
      "table",
      { class: "table compact" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((c) => h("th", { scope: "col", text: c })),
        ),
      ),
      h(
        "tbody",
        {},
        comparisons.map((c) =>
          h(
            "tr",
            { class: `cmp-${c.outcome}` },
            h("th", { scope: "row", text: `${label("", c.field)} (${c.source})` }),
            h("td", { text: c.form_value ?? "—" }),
            h("td", { text: c.other_value ?? "—" }),
            h("td", { text: t(`outcome_${c.outcome}`) }),
          ),
        ),
      ),
    ),
  );
}

/** @param {StageResult} s */
function stageCard(s) {
  return h(
    "section",
    { class: `card stage outcome-${s.outcome}`, "data-stage": s.stage },
    h(
      "h3",
      {},
      h("span", { text: label("stage", s.stage) }),
      " ",
      h("span", { class: `badge out-${s.outcome}`, text: label("outcome", s.outcome) }),
    ),
    s.reasons.length ? reasonList(s.reasons) : null,
    comparisonTable(s),
  );
}

/** One piece of evidence: the image (PDFs open as the original), its status and reasons. @param {EvidenceDocument} d */
function evidenceFigure(d) {
  const url = d.normalized_url || d.original_url;
  const isPdf =
    (d.original_url || "").toLowerCase().includes(".pdf") ||
    d.measurements?.content_type === "application/pdf";
  return h(
    "figure",
    { class: "card", "data-doc": d.document_type },
    url && !isPdf ? h("img", { src: url, alt: t(`doc_${d.document_type}`), loading: "lazy" }) : null,
    h(
      "figcaption",
      {},
      h("strong", { text: t(`doc_${d.document_type}`) }),
      " ",
      h("span", { class: `badge doc-${d.status}`, text: t(`doc_${d.status}`) }),
      d.original_url
        ? h("a", { href: d.original_url, target: "_blank", rel: "noopener", text: ` ${t("open_original")}` })
        : null,
      d.reasons.length ? reasonList(d.reasons) : null,
    ),
  );
}

/**
 * @typedef {object} Candidate a 1:N search hit
 * @property {number} rank
 * @property {string} nik
 * @property {string | null} [photo_url] the enrolled (card) photo, a link valid a few minutes
 * @property {number} score
 * @property {number} distance
 * @property {string} [basis] "fused" (dlib + SFace) or "dlib" (no SFace template on one side)
 * @property {number | null} [sface_cosine]
 * @property {number | null} [face_fused]
 * @property {string} finger match, no_match or not_compared
 * @property {boolean} officer_confirms
 */

/**
 * Loaded at once, not lazily: the links expire after a few minutes, and the photos sit below the stages,
 * where a lazy image would wait for a scroll that may come after its link died.
 * @param {string | null | undefined} src @param {string} alt
 */
const candidatePhoto = (src, alt) =>
  src ? h("img", { src, alt, width: 160 }) : h("p", { text: t("cand_no_photo") });

/** @param {Candidate} c */
function candidateFigure(c) {
  const finger =
    t(`cand_finger_${c.finger}`) === `cand_finger_${c.finger}` ? c.finger : t(`cand_finger_${c.finger}`);
  const sface =
    c.basis === "fused" && typeof c.sface_cosine === "number" && typeof c.face_fused === "number"
      ? `, SFace ${c.sface_cosine.toFixed(2)}, ${t("cand_fused")} ${c.face_fused.toFixed(2)}`
      : `, ${t("cand_dlib_only")}`;
  return h(
    "figure",
    { class: `card${c.officer_confirms ? " confirm" : ""}`, "data-candidate": String(c.rank) },
    candidatePhoto(c.photo_url, `${t("cand_enrolled_photo")} ${c.nik}`),
    h(
      "figcaption",
      {},
      h("strong", { text: `#${c.rank} ${c.nik}` }),
      h("span", {
        text: ` ${t("cand_score")} ${c.score.toFixed(2)} (${t("cand_distance")} ${c.distance.toFixed(3)})${sface}, ${finger}`,
      }),
      c.officer_confirms ? h("span", { class: "badge out-fail", text: ` ${t("cand_must_confirm")}` }) : null,
    ),
  );
}

/**
 * The 1:N search's candidates beside the applicant's photo, with their scores and whether an officer must
 * confirm each. @param {{ candidates?: Candidate[], documents: EvidenceDocument[] }} ev
 */
function candidateComparison(ev) {
  if (!ev.candidates || !ev.candidates.length) return null;
  const photo = ev.documents.find((d) => d.document_type === "PHOTO");
  const probeUrl = photo && (photo.normalized_url || photo.original_url);
  return h(
    "section",
    { class: "card", id: "candidates", "aria-labelledby": "candidates-h" },
    h("h2", { id: "candidates-h", text: t("cand_title") }),
    h(
      "div",
      { class: "evidence" },
      h(
        "figure",
        { class: "card", "data-candidate": "probe" },
        candidatePhoto(probeUrl, t("cand_applicant_photo")),
        h("figcaption", {}, h("strong", { text: t("cand_this_application") })),
      ),
      ev.candidates.map(candidateFigure),
    ),
  );
}

/** @param {string} id the registration number */
export async function viewCase(id) {
  const [ev] = await Promise.all([api("GET", `/review/${encodeURIComponent(id)}`), catalogue()]);
  const dl = h(
    "dl",
    { class: "data" },
    Object.entries(ev.applicant)
      .filter(([, v]) => v !== null && v !== "")
      .map(([k, v]) => [h("dt", { text: t(k) }), h("dd", { text: String(v) })]),
  );
  // "gallery:<shard>" entries are the 1:N search's per-shard bookkeeping, summed up in face_duplicates.
  const stages = /** @type {StageResult[]} */ (ev.stages)
    .filter((s) => s.stage !== "decision" && !s.stage.includes(":"))
    .map(stageCard);
  const documents = h(
    "div",
    { class: "evidence" },
    /** @type {EvidenceDocument[]} */ (ev.documents).map(evidenceFigure),
  );
  return page(
    `${t("case_title")} ${ev.registration_number}`,
    h("p", {}, h("a", { href: "#/queue", text: `← ${t("back")}` })),
    h(
      "p",
      { class: "status-line" },
      statusBadge(ev.status),
      h("span", { text: ` ${t(`type_${ev.application_type}`)}` }),
    ),
    ev.warnings.length
      ? h(
          "section",
          { class: "alert warning", id: "case-warnings" },
          h("h2", { text: t("warnings") }),
          reasonList(ev.warnings),
        )
      : null,
    h(
      "div",
      { class: "case-grid" },
      h(
        "section",
        { "aria-labelledby": "applicant-h" },
        h("h2", { id: "applicant-h", text: t("applicant_data") }),
        dl,
      ),
      h(
        "section",
        { "aria-labelledby": "evidence-h" },
        h("h2", { id: "evidence-h", text: t("evidence_documents") }),
        documents,
      ),
    ),
    h("section", { "aria-labelledby": "stages-h" }, h("h2", { id: "stages-h", text: t("stages") }), stages),
    candidateComparison(ev),
    decisionForm(ev.registration_number),
  );
}

/** The reasons an officer may give, in the catalogue's words (hidden until REJECT is chosen). */
function rejectReasons() {
  return h(
    "fieldset",
    { id: "reject-reasons", hidden: true },
    h("legend", { text: t("reject_reasons") }),
    OFFICER_REJECT_CODES.filter((c) => store.catalogue?.[c]).map((c) =>
      h(
        "div",
        { class: "check" },
        h("input", { type: "checkbox", id: `reason-${c}`, name: "reasons", value: c }),
        h("label", { for: `reason-${c}`, text: reasonText(c) }),
      ),
    ),
  );
}

/** @param {string} id */
function decisionForm(id) {
  const error = h("div", {});
  const reasonsBox = rejectReasons();
  /** @param {string} value @param {string} text */
  const radio = (value, text) =>
    h(
      "div",
      { class: "check" },
      h("input", {
        type: "radio",
        id: `decision-${value}`,
        name: "decision",
        value,
        required: true,
        onchange: () => {
          reasonsBox.hidden = value !== "REJECT";
        },
      }),
      h("label", { for: `decision-${value}`, text }),
    );
  /** @param {string} text */
  const refuse = (text) => error.append(h("p", { class: "alert error", role: "alert", text }));
  /** @param {SubmitEvent} e */
  const send = async (e) => {
    e.preventDefault();
    const f = /** @type {HTMLFormElement} */ (e.currentTarget);
    fill(error);
    const decision = /** @type {RadioNodeList} */ (f.elements.namedItem("decision")).value;
    const codes = [...f.querySelectorAll('input[name="reasons"]:checked')].map(
      (i) => /** @type {HTMLInputElement} */ (i).value,
    );
    if (!decision) return refuse(t("fix_fields"));
    if (decision === "REJECT" && !codes.length) return refuse(t("choose_reason"));
    const button = /** @type {HTMLButtonElement} */ (f.querySelector('button[type="submit"]'));
    button.disabled = true;
    try {
      /** @type {{ decision: string, reasons: string[], note?: string }} */
      const body = { decision, reasons: decision === "REJECT" ? codes : [] };
      const note = /** @type {HTMLTextAreaElement} */ (f.elements.namedItem("note")).value.trim();
      if (note) body.note = note;
      await api("POST", `/review/${encodeURIComponent(id)}/decision`, body);
      error.append(
        h("p", { class: "alert success", role: "status", id: "decision-done", text: t("decision_sent") }),
      );
      announce(t("decision_sent"));
    } catch (err) {
      error.append(failureBox(err));
      button.disabled = false;
    }
  };
  return h(
    "form",
    { class: "card", id: "decision-form", novalidate: true, onsubmit: send },
    h("h2", { text: t("decision") }),
    h(
      "fieldset",
      {},
      h("legend", { text: t("decision") }),
      radio("APPROVE", t("approve")),
      radio("REJECT", t("reject")),
      radio("FIELD_VISIT", t("field_visit_decision")), // an officer of the district visits the domicile first
    ),
    reasonsBox,
    field("note", t("note"), h("textarea", { id: "note", name: "note", maxlength: 500, rows: 3 })),
    error,
    h("button", { type: "submit", class: "primary", text: t("send_decision") }),
  );
}
