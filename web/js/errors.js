// @ts-check
/* The API's error shape, for errors the API sends and those the client makes itself (shown the same way). */
import { STRINGS } from "./i18n.js";

/**
 * @typedef {object} Reason
 * @property {string} code
 * @property {string} message_id
 * @property {string} message_en
 * @property {"error" | "warning"} [severity]
 * @property {string | null} [field]
 * @property {number | string | null} [measured]
 * @property {number | string | null} [threshold]
 */
/** @typedef {{ code?: string, message_id?: string, message_en?: string, reasons?: Reason[] }} ErrorBody */

export class ApiError extends Error {
  /** @param {number} status @param {{ error?: ErrorBody } | null} body */
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message_en || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || "NETWORK";
    /** @type {import("./i18n.js").Bilingual} */
    this.body = { message_id: err.message_id || this.message, message_en: err.message_en || this.message };
    /** @type {Reason[]} */
    this.reasons = err.reasons || [];
  }
}

/** An ApiError with code and message, made here. @param {number} status @param {string} code */
export function clientError(status, code, /** @type {import("./i18n.js").Bilingual} */ words) {
  return new ApiError(status, { error: { code, ...words } });
}

export class SignInError extends ApiError {
  /** @param {string} detail what went wrong, shown in brackets */
  constructor(detail) {
    super(400, {
      error: {
        code: "SIGN_IN_FAILED",
        message_id: `${STRINGS.id.sign_in_failed} (${detail})`,
        message_en: `${STRINGS.en.sign_in_failed} (${detail})`,
      },
    });
  }
}
