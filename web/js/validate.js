// @ts-check
/* The application form's rules (ektp.domain.validation, nik, names) for quick feedback: the API stays the
   judge and its reasons replace these on a 422. Pure: problems carry catalogue codes, the view words them. */
import { FIELD_LIMITS, MINIMUM_AGE, NAME_MAX_LENGTH, PHONE_PATTERN } from "./domain-data.js";
import { checkKkNumber, checkNik } from "./nik.js";

export const REGION_LEVELS = ["province_code", "regency_code", "district_code", "village_code"];
export const REQUIRED_FIELDS = [
  "full_name",
  "nik",
  "kk_number",
  "place_of_birth",
  "birth_date",
  "sex",
  "religion",
  "marital_status",
  "occupation",
  "address",
  "rt",
  "rw",
  ...REGION_LEVELS,
  "postal_code",
  "phone",
];
export const OPTIONAL_FIELDS = ["father_name", "mother_name", "email"];
/** The code of a problem the catalogue has no entry for: a required field left empty. */
export const REQUIRED = "REQUIRED";

/** @typedef {{ field: string, code: string, warning: boolean }} Problem */
/** @typedef {Record<string, string>} ApplicantInput */

const PHONE = new RegExp(PHONE_PATTERN);
const NAME_CHARACTERS = /^[A-Za-z' .,-]+$/; // letters, spaces, the apostrophe; dots and commas of titles
const nameOk = (/** @type {string} */ s) => s.length <= NAME_MAX_LENGTH && NAME_CHARACTERS.test(s);

/** Whole years from born to today. @param {Date} born @param {Date} today */
function ageOn(born, today) {
  const before =
    today.getMonth() < born.getMonth() ||
    (today.getMonth() === born.getMonth() && today.getDate() < born.getDate());
  return today.getFullYear() - born.getFullYear() - (before ? 1 : 0);
}

/** @param {ApplicantInput} a @param {(p: Problem) => void} add */
function identityRules(a, add) {
  if (a.nik) {
    const nik = checkNik(a.nik, { sex: a.sex, birthDate: a.birth_date });
    nik.errors.forEach((code) => add({ field: "nik", code, warning: false }));
    // The NIK's own fields name where a mismatch shows: the declared sex or date.
    for (const code of nik.warnings) {
      add({ field: code === "NIK_SEX_MISMATCH" ? "sex" : "birth_date", code, warning: true });
    }
  }
  if (a.kk_number)
    checkKkNumber(a.kk_number).forEach((code) => add({ field: "kk_number", code, warning: false }));
  for (const n of ["full_name", "father_name", "mother_name"]) {
    if (a[n] && !nameOk(a[n])) add({ field: n, code: "NAME_INVALID", warning: false });
  }
}

// Control, format and line-separator characters (ektp.domain.application.is_printable_text): never data on a card.
const UNPRINTABLE = /[\p{C}\u2028\u2029]/u;
const FREE_TEXT = ["full_name", "place_of_birth", "occupation", "address", "father_name", "mother_name"];

/** @param {ApplicantInput} a @param {(p: Problem) => void} add */
function shapeRules(a, add) {
  for (const n of FREE_TEXT) {
    const value = a[n];
    if (value && UNPRINTABLE.test(value)) add({ field: n, code: "VALIDATION_FAILED", warning: false });
  }
  for (const n of ["rt", "rw", "postal_code"]) {
    const pattern = FIELD_LIMITS[n]?.pattern;
    if (a[n] && pattern && !new RegExp(pattern).test(a[n]))
      add({ field: n, code: "VALIDATION_FAILED", warning: false });
  }
  if (a.phone && !PHONE.test(a.phone.replace(/[\s-]/g, "")))
    add({ field: "phone", code: "PHONE_INVALID", warning: false });
}

/** @param {ApplicantInput} a @param {Date} today @param {(p: Problem) => void} add */
function ageRules(a, today, add) {
  if (!a.birth_date) return;
  const born = new Date(`${a.birth_date}T00:00:00`);
  if (born > today) add({ field: "birth_date", code: "BIRTH_DATE_IN_FUTURE", warning: false });
  else if (ageOn(born, today) < MINIMUM_AGE && a.marital_status === "BELUM KAWIN") {
    add({ field: "birth_date", code: "AGE_NOT_ELIGIBLE", warning: false });
  }
}

/**
 * Every problem of the form at once (the resident fixes them in one round).
 * @param {ApplicantInput} a @param {Date} [today] @returns {Problem[]}
 */
export function validateApplicant(a, today = new Date()) {
  /** @type {Problem[]} */
  const out = [];
  const add = (/** @type {Problem} */ p) => out.push(p);
  for (const n of REQUIRED_FIELDS) if (!a[n]) add({ field: n, code: REQUIRED, warning: false });
  identityRules(a, add);
  shapeRules(a, add);
  ageRules(a, today, add);
  return out;
}

/**
 * The notification channels chosen (ektp.domain.validation.validate_contact): at least one, and an address
 * for each (the e-mail for e-mail; the phone for SMS and WhatsApp).
 * @param {string[]} channels @param {ApplicantInput} a @returns {Problem[]}
 */
export function validateChannels(channels, a) {
  if (!channels.length) return [{ field: "channels", code: "NOTIFICATION_CHANNEL_REQUIRED", warning: false }];
  /** @type {Record<string, string | undefined>} */
  const address = { email: a.email, sms: a.phone, whatsapp: a.phone };
  return channels.some((c) => !address[c])
    ? [{ field: "channels", code: "NOTIFICATION_CHANNEL_UNREACHABLE", warning: false }]
    : [];
}
