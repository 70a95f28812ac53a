// @ts-check
/* The client's state in one place (the todomvc "store"): the language, the signed-in session, the reason
   catalogue once loaded, the timers of the page on screen and the form's values across a language switch.
   The language lives in localStorage (a preference), the session in sessionStorage (this tab only). */

const SESSION_KEY = "ektp.session";
const LANG_KEY = "ektp.lang";

/**
 * @typedef {object} Session
 * @property {string} token the ID token, sent as the bearer
 * @property {string | null} refresh
 * @property {number} expires_at milliseconds since the epoch
 * @property {string} username
 * @property {"officer" | "helpdesk" | "resident"} role from the token's groups, never from a form
 * @property {string | null} district an officer's district, set by the pool's trigger
 */
/** @typedef {Record<string, { id: string, en: string }>} Catalogue */

/** @param {string} key */
function storedSession(key) {
  try {
    return /** @type {Session | null} */ (JSON.parse(sessionStorage.getItem(key) || "null"));
  } catch {
    return null; // a damaged entry: signed out
  }
}

export const store = {
  /** @type {"id" | "en"} */
  lang: localStorage.getItem(LANG_KEY) === "en" ? "en" : "id",
  /** @type {Session | null} */
  session: storedSession(SESSION_KEY),
  /** @type {Catalogue | null} */
  catalogue: null,
  /** @type {ReturnType<typeof setTimeout>[]} */
  timers: [],
  /** @type {Record<string, unknown> | null} */
  draft: null,
  /** @type {Error | null} */
  signInError: null,
};

/** @param {"id" | "en"} lang */
export function setLang(lang) {
  store.lang = lang;
  localStorage.setItem(LANG_KEY, lang);
}

/** @param {Session | null} session */
export function setSession(session) {
  store.session = session;
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Run fn after ms, unless the page changes first (router.render clears the timers). */
export function later(/** @type {() => void} */ fn, /** @type {number} */ ms) {
  store.timers.push(setTimeout(fn, ms));
}

export function clearTimers() {
  store.timers.forEach(clearTimeout);
  store.timers = [];
}
