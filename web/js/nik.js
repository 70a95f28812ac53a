// @ts-check
/* The NIK and KK number rules of ektp.domain.nik, for quick feedback on the form (the API stays the judge).
   NIK = district code of first registration (6) + birth date DDMMYY, women +40 on the day (6) + serial (4).
   The region of the first six digits is not checked here (the API has the region tables); everything else is,
   with the domain's codes: tests/browser/test_client_modules.py runs this on domain/nik.py's cases.
   Pure: no DOM, so Node runs it too. */
import { FEMALE_DAY_OFFSET, NIK_LENGTH } from "./domain-data.js";

const DIGITS = new RegExp(`^[0-9]{${NIK_LENGTH}}$`); // ASCII digits only, like the domain's

/** @typedef {{ errors: string[], warnings: string[] }} NikCheck */

/** @param {number} year */
const isLeap = (year) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** @param {number} year @param {number} month @param {number} day */
function dateOk(year, month, day) {
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

/** The full year ending in yy nearest to the declared year (domain.nik._resolve_year). */
function resolveYear(/** @type {number} */ yy, /** @type {number} */ declared) {
  const base = declared - (declared % 100) + yy;
  return [base - 100, base, base + 100].reduce((best, y) =>
    Math.abs(y - declared) < Math.abs(best - declared) ? y : best,
  );
}

/** "YYYY-MM-DD" as numbers, or null. @param {string | undefined} text */
function parseDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return dateOk(year, month, day) ? { year, month, day } : null;
}

/** The sex the day says and the day without the +40; sex null when the day is out of both ranges. */
function dayAndSex(/** @type {number} */ rawDay) {
  if (rawDay >= 1 && rawDay <= 31) return { sex: "M", day: rawDay };
  if (rawDay >= 1 + FEMALE_DAY_OFFSET && rawDay <= 31 + FEMALE_DAY_OFFSET) {
    return { sex: "F", day: rawDay - FEMALE_DAY_OFFSET };
  }
  return { sex: null, day: rawDay };
}

/**
 * The domain's codes for a NIK, compared with the declared sex ("M"/"F") and birth date ("YYYY-MM-DD").
 * Errors stop the form; warnings (a corrected record keeps its NIK) go to an officer.
 * @param {string} nik
 * @param {{ sex?: string, birthDate?: string }} [declared]
 * @returns {NikCheck}
 */
export function checkNik(nik, declared = {}) {
  const text = nik.trim();
  if (!DIGITS.test(text)) return { errors: ["NIK_FORMAT"], warnings: [] };
  const errors = [];
  const warnings = [];
  const rawDay = Number(text.slice(6, 8));
  const month = Number(text.slice(8, 10));
  const yy = Number(text.slice(10, 12));
  const { sex, day } = dayAndSex(rawDay);
  const born = parseDate(declared.birthDate);
  let valid;
  if (sex === null || month < 1 || month > 12) valid = false;
  else if (born) valid = dateOk(resolveYear(yy, born.year), month, day);
  // Unknown century: 29 Feb is valid if either 19YY or 20YY makes it so (00 is leap only as 2000).
  else valid = dateOk(1900 + yy, month, day) || dateOk(2000 + yy, month, day);
  if (!valid) errors.push("NIK_DATE_INVALID");
  if (text.slice(12) === "0000") errors.push("NIK_SERIAL_INVALID");
  if (declared.sex && sex && declared.sex !== sex) warnings.push("NIK_SEX_MISMATCH");
  if (born && valid && (born.day !== day || born.month !== month || born.year % 100 !== yy)) {
    warnings.push("NIK_DOB_MISMATCH");
  }
  return { errors, warnings };
}

/** The KK number's format (its region is the API's to check). @param {string} kk @returns {string[]} */
export function checkKkNumber(kk) {
  return DIGITS.test(kk.trim()) ? [] : ["KK_NUMBER_FORMAT"];
}
