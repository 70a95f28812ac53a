// @ts-check
/* Pieces every view uses: the page heading, error boxes, reason lists, status badges. */
import { h } from "../dom.js";
import { ApiError } from "../errors.js";
import { label, msg, t } from "../i18n.js";

/** @typedef {import("../dom.js").Child} Child */
/** @typedef {import("../errors.js").Reason} Reason */

/** A page: its heading (focused after navigation) and content. @param {string} title @param {...Child} content */
export function page(title, ...content) {
  return [h("h1", { tabindex: "-1", text: title }), ...content];
}

/** @param {Reason} r */
function reasonItem(r) {
  const known = (/** @type {unknown} */ v) => v !== null && v !== undefined;
  const extra =
    known(r.measured) && known(r.threshold)
      ? ` (${t("measured")} ${r.measured}, ${t("limit")} ${r.threshold})`
      : "";
  // The field tells two otherwise identical reasons apart (two unreadable fields of one KK).
  const where = r.field ? label("", r.field.split(".").pop() || "") : "";
  return h(
    "li",
    { class: r.severity === "warning" ? "warning" : "", "data-code": r.code },
    h("span", { text: msg(r) + extra }),
    where ? h("span", { class: "muted", text: ` [${where}]` }) : null,
  );
}

/** @param {Reason[]} reasons */
export function reasonList(reasons) {
  return h("ul", { class: "reasons" }, reasons.map(reasonItem));
}

/** The API's words for a failure, with its reasons, as an alert. @param {ApiError} err */
export function errorBox(err) {
  const box = h(
    "div",
    { class: "alert error", role: "alert", tabindex: "-1" },
    h("p", { text: msg(err.body) || err.message }),
  );
  const listed = err.reasons.filter((r) => msg(r) !== msg(err.body) || r.field);
  if (listed.length) box.append(reasonList(listed));
  return box;
}

/** Any failure as an alert: the API's words when it is an ApiError, else its message or `fallback`'s. */
export function failureBox(/** @type {unknown} */ err, fallback = "upload_failed") {
  if (err instanceof ApiError) return errorBox(err);
  const text = err instanceof Error && err.message ? err.message : t(fallback);
  return h("p", { class: "alert error", role: "alert", text });
}

/** @param {string} status */
export function statusBadge(status) {
  return h("span", { class: `badge st-${status}`, "data-status": status, text: t(`st_${status}`) });
}
