// @ts-check
/* A document upload: checked here first against the domain's limits (only to spare a useless upload; the API
   and the upload's POST policy check again), then a ticket from the API, then the file straight to storage
   through the presigned POST, then the checks' verdict polled. */
import { api } from "./api.js";
import { clientError } from "./errors.js";
import {
  DOCUMENT_CONTENT_TYPES,
  IMAGE_ONLY_DOCUMENTS,
  IMAGE_TYPES,
  MAX_DOCUMENT_BYTES,
  MAX_PHOTO_BYTES,
} from "./domain-data.js";
import { t } from "./i18n.js";
import { store } from "./store.js";

/** @typedef {{ url: string, fields: Record<string, string>, upload_id: string }} Ticket */
/**
 * @typedef {object} DocumentState
 * @property {string} document_type
 * @property {string | null} status
 * @property {boolean} required
 * @property {string} [upload_id]
 * @property {import("./errors.js").Reason[]} reasons
 */

/** @param {string} type */
export const imageOnly = (type) => IMAGE_ONLY_DOCUMENTS.includes(type);
/** @param {string} type */
export const allowedTypes = (type) => (imageOnly(type) ? IMAGE_TYPES : DOCUMENT_CONTENT_TYPES);
/** @param {string} type */
export const maxBytes = (type) => (imageOnly(type) ? MAX_PHOTO_BYTES : MAX_DOCUMENT_BYTES);

/** @param {File} file */
function contentTypeOf(file) {
  if (file.type) return file.type;
  const ext = file.name.toLowerCase().split(".").pop() || "";
  return (
    { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", pdf: "application/pdf" }[ext] ||
    "application/octet-stream"
  );
}

/** @param {string} code */
function localError(code) {
  const entry = store.catalogue?.[code];
  return clientError(422, code, { message_id: entry?.id || code, message_en: entry?.en || code });
}

/** The checks run as soon as the object lands: poll until this upload has its verdict. */
async function verdict(
  /** @type {string} */ id,
  /** @type {string} */ type,
  /** @type {string} */ uploadId,
  /** @type {(doc: DocumentState) => void} */ onPending,
) {
  for (let i = 0; i < 240; i += 1) {
    const detail = await api("GET", `/applications/${encodeURIComponent(id)}`);
    /** @type {DocumentState | undefined} */
    const doc = detail.documents.find((/** @type {DocumentState} */ d) => d.document_type === type);
    if (doc && doc.upload_id === uploadId && (doc.status === "ACCEPTED" || doc.status === "REJECTED"))
      return doc;
    onPending(doc || { document_type: type, status: "RECEIVED", reasons: [], required: true });
    await new Promise((r) => setTimeout(r, i < 10 ? 300 : 1000));
  }
  throw new Error(t("checking"));
}

/**
 * Upload `file` as document `type` of application `id`; resolves to the document once checked.
 * @param {string} id @param {string} type @param {File} file @param {HTMLProgressElement} progress
 * @param {(doc: DocumentState) => void} [onPending] shown while the checks run
 * @returns {Promise<DocumentState>}
 */
export async function uploadDocument(id, type, file, progress, onPending = () => {}) {
  const contentType = contentTypeOf(file);
  if (!allowedTypes(type).includes(contentType)) throw localError("CONTENT_TYPE_NOT_ALLOWED");
  if (file.size > maxBytes(type)) throw localError("FILE_TOO_LARGE");
  if (file.size === 0) throw localError("UPLOAD_EMPTY");
  /** @type {Ticket} */
  const ticket = await api("POST", `/applications/${encodeURIComponent(id)}/documents/${type}`, {
    content_type: contentType,
  });
  progress.hidden = false;
  progress.value = 0;
  await postToStorage(ticket, file, contentType, (fraction) => {
    progress.value = Math.round(fraction * 100);
    progress.dataset.sent = String(progress.value); // what the browser reported, for tests and support
  });
  progress.value = 100;
  return verdict(id, type, ticket.upload_id, onPending);
}

/**
 * A presigned POST: the policy's fields first, the file last (S3 ignores fields after the file).
 * @param {Ticket} ticket @param {File} file @param {string} contentType @param {(fraction: number) => void} onProgress
 * @returns {Promise<void>}
 */
function postToStorage(ticket, file, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(ticket.fields)) body.append(k, v);
    body.append("file", new Blob([file], { type: contentType }), file.name || "upload");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", ticket.url);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`${t("upload_failed")} (HTTP ${xhr.status})`)),
    );
    xhr.addEventListener("error", () => reject(new Error(t("upload_failed"))));
    xhr.addEventListener("abort", () => reject(new Error(t("upload_failed"))));
    xhr.send(body);
  });
}
