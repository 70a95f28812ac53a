// @ts-check
/* A document upload: checked here first against the domain's limits (only to spare a useless upload; the API
   and intake check again), a photo or scan too large recompressed on a canvas (never below the photo check's
   minimum size), then a resumable multipart upload straight to storage: parts PUT to presigned URLs, each
   retried with exponential backoff, progress remembered in localStorage (ids and part numbers only, no
   personal data) so a dropped connection or a reload resumes instead of starting again (issue 20 item 5);
   then the checks' verdict polled. */
import { api } from "./api.js";
import { ApiError, clientError } from "./errors.js";
import {
  DOCUMENT_CONTENT_TYPES,
  IMAGE_ONLY_DOCUMENTS,
  IMAGE_TYPES,
  MAX_DOCUMENT_BYTES,
  MAX_PHOTO_BYTES,
} from "./domain-data.js";
import { t } from "./i18n.js";
import { store } from "./store.js";

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
  /** @type {string} */ base,
) {
  for (let i = 0; i < 240; i += 1) {
    const detail = await api("GET", `${base}/${encodeURIComponent(id)}`);
    /** @type {DocumentState | undefined} */
    const doc = detail.documents.find((/** @type {DocumentState} */ d) => d.document_type === type);
    if (doc && doc.upload_id === uploadId && (doc.status === "ACCEPTED" || doc.status === "REJECTED"))
      return doc;
    onPending(doc || { document_type: type, status: "RECEIVED", reasons: [], required: true });
    await new Promise((r) => setTimeout(r, i < 10 ? 300 : 1000));
  }
  throw new Error(t("checking"));
}

// The photo check's minimum (ektp/photo/config.py: min_short_side, min_long_side): never shrink below it.
const MIN_SHORT_SIDE = 480;
const MIN_LONG_SIDE = 640;
const RETRIES = 6; // per part: 0.5, 1, 2, 4, 8, 8 s apart
const RESUME_PREFIX = "ektp.upload.";

/**
 * @typedef {object} Resume what survives a reload: S3's ids and the parts done, for this one file
 * @property {string} upload_id @property {string} multipart_id @property {string} document_type
 * @property {number} part_bytes @property {number} size @property {number} modified
 * @property {string} content_type @property {number[]} done
 */

/** @param {string} id @param {string} type */
const resumeKey = (id, type) => `${RESUME_PREFIX}${id}.${type}`;

/** @param {string} key @returns {Resume | null} */
function loadResume(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

/** @param {string} key @param {Resume | null} value */
function saveResume(key, value) {
  try {
    if (value) localStorage.setItem(key, JSON.stringify(value));
    else localStorage.removeItem(key);
  } catch {
    /* private mode or full: the upload still works, it just cannot resume after a reload */
  }
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves when the browser says it is online again (at once if it is). */
function online() {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((r) => window.addEventListener("online", () => r(undefined), { once: true }));
}

/**
 * A photo or scan over the limit, recompressed as JPEG on a canvas, scaled down no further than needed and
 * never below the photo check's minimum size. Anything else (a PDF, a small image) is sent as it is.
 * @param {File | Blob} file @param {string} type @param {string} contentType
 * @returns {Promise<{ blob: Blob, contentType: string }>}
 */
async function prepared(file, type, contentType) {
  if (!IMAGE_TYPES.includes(contentType) || file.size <= maxBytes(type) || !("createImageBitmap" in window))
    return { blob: file, contentType };
  const bitmap = await createImageBitmap(file);
  const short = Math.min(bitmap.width, bitmap.height);
  const long = Math.max(bitmap.width, bitmap.height);
  let scale = Math.min(1, Math.sqrt(maxBytes(type) / file.size) * 1.5);
  scale = Math.max(scale, MIN_SHORT_SIDE / short, MIN_LONG_SIDE / long);
  scale = Math.min(1, scale);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) return { blob: file, contentType };
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.9, 0.8, 0.7]) {
    /** @type {Blob | null} */
    const blob = await new Promise((r) => canvas.toBlob(r, "image/jpeg", quality));
    if (blob && blob.size <= maxBytes(type)) return { blob, contentType: "image/jpeg" };
  }
  throw localError("FILE_TOO_LARGE");
}

/**
 * Upload `file` as document `type` of application `id`; resolves to the document once checked.
 * @param {string} id @param {string} type @param {File} file @param {HTMLProgressElement} progress
 * @param {(doc: DocumentState) => void} [onPending] shown while the checks run
 * @param {string} [base] the applications' route: the resident's, or the officer's "/assisted/applications"
 * @returns {Promise<DocumentState>}
 */
export async function uploadDocument(id, type, file, progress, onPending = () => {}, base = "/applications") {
  const declared = contentTypeOf(file);
  if (!allowedTypes(type).includes(declared)) throw localError("CONTENT_TYPE_NOT_ALLOWED");
  if (file.size === 0) throw localError("UPLOAD_EMPTY");
  const { blob, contentType } = await prepared(file, type, declared);
  if (blob.size > maxBytes(type)) throw localError("FILE_TOO_LARGE");
  progress.hidden = false;
  progress.value = 0;
  const onProgress = (/** @type {number} */ fraction) => {
    progress.value = Math.round(fraction * 100);
    progress.dataset.sent = String(progress.value); // what the browser reported, for tests and support
  };
  const modified = file instanceof File ? file.lastModified : 0;
  const uploadId = await sendResumable(id, type, blob, contentType, modified, onProgress, base);
  progress.value = 100;
  return verdict(id, type, uploadId, onPending, base);
}

/**
 * The multipart upload, resumed from localStorage when this same file (size, date, type) was under way.
 * @param {string} id @param {string} type @param {Blob} blob @param {string} contentType @param {number} modified
 * @param {(fraction: number) => void} onProgress @param {string} route the applications' route (uploadDocument)
 * @returns {Promise<string>} the upload id
 */
async function sendResumable(id, type, blob, contentType, modified, onProgress, route) {
  const key = resumeKey(id, type); // registration numbers are unique across both routes
  const base = `${route}/${encodeURIComponent(id)}/documents/${type}`;
  let state = loadResume(key);
  if (!(
    state &&
    state.size === blob.size &&
    state.modified === modified &&
    state.content_type === contentType
  ))
    state = null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (!state) {
      const ticket = await api("POST", `${base}/multipart`, { content_type: contentType, size: blob.size });
      state = {
        upload_id: ticket.upload_id,
        multipart_id: ticket.multipart_id,
        document_type: type,
        part_bytes: ticket.part_bytes,
        size: blob.size,
        modified,
        content_type: contentType,
        done: [],
      };
      saveResume(key, state);
    }
    const current = state;
    try {
      await sendParts(`${base}/${current.upload_id}`, current, blob, key, onProgress);
      await withRetry(() =>
        api("POST", `${base}/${current.upload_id}/complete`, {
          multipart_id: current.multipart_id,
          part_count: partCount(current, blob),
        }),
      );
      saveResume(key, null);
      return current.upload_id;
    } catch (err) {
      // The remembered upload is gone (finished, aborted, expired): start once more from scratch.
      if (!(err instanceof ApiError && err.code === "UPLOAD_NOT_FOUND") || attempt > 0) throw err;
      saveResume(key, null);
      state = null;
    }
  }
  throw new Error(t("upload_failed"));
}

/** @param {Resume} state @param {Blob} blob */
const partCount = (state, blob) => Math.max(1, Math.ceil(blob.size / state.part_bytes));

/**
 * Every part S3 does not hold yet, each PUT to a fresh URL and retried; the parts done are remembered.
 * @param {string} path @param {Resume} state @param {Blob} blob @param {string} key
 * @param {(fraction: number) => void} onProgress
 */
async function sendParts(path, state, blob, key, onProgress) {
  const count = partCount(state, blob);
  const size = (/** @type {number} */ n) =>
    Math.min(state.part_bytes, blob.size - (n - 1) * state.part_bytes);
  const report = () => onProgress(state.done.reduce((sum, n) => sum + size(n), 0) / blob.size);
  let missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !state.done.includes(n));
  while (missing.length) {
    const batch = missing.slice(0, 10);
    const answer = await withRetry(() =>
      api("POST", `${path}/parts`, { multipart_id: state.multipart_id, part_numbers: batch }),
    );
    // What S3 already holds counts as done (a part sent just before a reload).
    for (const p of answer.uploaded) if (!state.done.includes(p.part_number)) state.done.push(p.part_number);
    report();
    for (const { part_number: n, url } of answer.urls) {
      if (state.done.includes(n)) continue;
      const start = (n - 1) * state.part_bytes;
      let fresh = url;
      await withRetry(async () => {
        // A retry after a long offline wait may outlive the URL: each retry asks for a fresh one.
        const current = fresh || (await partUrl(path, state.multipart_id, n));
        fresh = "";
        await putPart(current, blob.slice(start, start + size(n)));
      });
      state.done.push(n);
      saveResume(key, state);
      report();
    }
    missing = missing.filter((n) => !state.done.includes(n) && !batch.includes(n));
  }
}

/**
 * Retries a network failure or a server error with exponential backoff, waiting for the browser to be online;
 * the API's own refusals (4xx) are answers, not failures, and are thrown at once.
 * @template T @param {() => Promise<T>} action @returns {Promise<T>}
 */
async function withRetry(action) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await action();
    } catch (err) {
      const refused = err instanceof ApiError && err.status >= 400 && err.status < 500;
      if (refused || attempt >= RETRIES) throw err;
      await sleep(Math.min(8000, 500 * 2 ** attempt));
      await online();
    }
  }
}

/** @param {string} path @param {string} multipartId @param {number} n @returns {Promise<string>} */
async function partUrl(path, multipartId, n) {
  const answer = await api("POST", `${path}/parts`, { multipart_id: multipartId, part_numbers: [n] });
  return answer.urls[0].url;
}

/** One part to its presigned URL. @param {string} url @param {Blob} part @returns {Promise<void>} */
async function putPart(url, part) {
  const response = await fetch(url, { method: "PUT", body: part });
  if (!response.ok) throw new Error(`${t("upload_failed")} (HTTP ${response.status})`);
}
