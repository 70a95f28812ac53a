// @ts-check
/* The API: JSON in and out with the session's bearer token; every failure becomes an ApiError carrying the
   API's own words (message_id / message_en) or, when the answer is not the API's, the client's. */
import { freshSession, signOut } from "./auth.js";
import { ApiError, clientError } from "./errors.js";
import { both } from "./i18n.js";
import { store } from "./store.js";

// The API's base URL, from <meta name="ektp-api">: "/api" on the same origin, where CloudFront routes it
// to the API behind the WAF (make serve does the same); another origin if a deployment says so.
const API = (document.querySelector('meta[name="ektp-api"]')?.getAttribute("content") || "").replace(
  /\/$/,
  "",
);

/** Where path answers: /local/* are the local server's stand-ins (sample data), same origin, no /api. */
export const apiUrl = (/** @type {string} */ path) => (path.startsWith("/local/") ? path : API + path);

/** @param {string} method @param {string} path @param {unknown} [body] @param {Record<string, string>} [headers] */
async function send(method, path, body, headers = {}) {
  await freshSession();
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = { method, headers: { ...headers } };
  if (store.session) init.headers.authorization = `Bearer ${store.session.token}`;
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  try {
    return await fetch(apiUrl(path), init);
  } catch {
    throw clientError(0, "NETWORK", both("network_error"));
  }
}

/** An error for a response that is not OK. @param {Response} response @param {any} data */
function failure(response, data) {
  if (response.status === 401) {
    signOut(false);
    return clientError(401, "UNAUTHENTICATED", both("session_expired"));
  }
  if (!(data && data.error)) {
    // Not the API's error shape (a proxy, a crash): say so plainly in both languages.
    return clientError(
      response.status,
      "HTTP_ERROR",
      both("server_error", (s) => s.replace("{status}", String(response.status))),
    );
  }
  return new ApiError(response.status, data);
}

/**
 * A JSON call; resolves to the parsed answer.
 * @param {string} method @param {string} path @param {unknown} [body] @param {Record<string, string>} [headers]
 * @returns {Promise<any>}
 */
export async function api(method, path, body, headers = {}) {
  const response = await send(method, path, body, headers);
  const data = await response.json().catch(() => null);
  if (!response.ok) throw failure(response, data);
  return data;
}

/**
 * A file from the API (a PDF, a PNG), with its name from Content-Disposition when the API gives one.
 * @param {string} path @returns {Promise<{ blob: Blob, name: string | null }>}
 */
export async function apiFile(path) {
  const response = await send("GET", path);
  if (!response.ok) throw failure(response, await response.json().catch(() => null));
  const disposition = response.headers.get("content-disposition") || "";
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] || null;
  return { blob: await response.blob(), name };
}

/** One per form: a double click or a retry cannot register twice. */
export function idempotencyKey() {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
