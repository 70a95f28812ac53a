// @ts-check
/* Sign-in: the OAuth 2.0 authorization-code flow with PKCE (S256) against the user pool's managed login, whose
   URL and client id come from config.json (published next to the client by cdk deploy; make serve names its
   local stand-in there). The role and an officer's district come from the ID token, never from a form. */
import { staticJson } from "./data.js";
import { SignInError } from "./errors.js";
import { setSession, store } from "./store.js";

const PENDING_KEY = "ektp.signin"; // the state and PKCE verifier of a sign-in under way
const REFRESH_MARGIN_MS = 60_000; // refresh the ID token a minute before it expires

/** @typedef {{ domain: string, client_id: string, scopes: string }} AuthConfig */
/** @type {AuthConfig | null} */
let authConfig = null;

async function config() {
  if (!authConfig) authConfig = /** @type {AuthConfig} */ ((await staticJson("config.json")).auth);
  return authConfig;
}

/** @param {ArrayBuffer | Uint8Array} bytes */
function base64url(bytes) {
  let text = "";
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {number} size */
function randomToken(size) {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

// The one callback and sign-out URL registered for the client: the site's root, whatever page is open.
const redirectUri = () => `${location.origin}/`;

/** Off to the managed login page; back at finishSignIn. */
export async function signIn() {
  const cfg = await config();
  const verifier = randomToken(32); // 43 characters, RFC 7636's minimum
  const pending = { state: randomToken(16), verifier, hash: location.hash };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: cfg.client_id,
    redirect_uri: redirectUri(),
    scope: cfg.scopes,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    lang: store.lang,
  });
  location.assign(`${cfg.domain}/oauth2/authorize?${query}`);
}

/** @param {Record<string, string>} fields @returns {Promise<{ id_token: string, refresh_token?: string }>} */
async function tokenRequest(fields) {
  const cfg = await config();
  let response;
  try {
    response = await fetch(`${cfg.domain}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: cfg.client_id, ...fields }),
    });
  } catch {
    throw new SignInError("network");
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok || !data.id_token) throw new SignInError(data.error || `HTTP ${response.status}`);
  return data;
}

/** The ID token's claims, for the page only (the API checks the signature); base64url JSON in UTF-8. */
function claimsOf(/** @type {string} */ token) {
  const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(part + "=".repeat((4 - (part.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** @param {{ id_token: string, refresh_token?: string }} tokens */
function keepSession(tokens) {
  const claims = claimsOf(tokens.id_token);
  const groups = [claims["cognito:groups"] || []].flat();
  setSession({
    token: tokens.id_token,
    refresh: tokens.refresh_token || store.session?.refresh || null,
    expires_at: claims.exp * 1000,
    username: claims.email || claims.phone_number || claims["cognito:username"],
    role: groups.includes("officers") ? "officer" : groups.includes("helpdesk") ? "helpdesk" : "resident",
    district: claims["custom:district"] || null, // set by the pool's trigger from the administrators' groups
  });
}

/** Back from the sign-in page: ?code=…&state=… (or ?error=…). The state must be the one this tab sent. */
export async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null");
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, "", location.pathname + (pending?.hash || ""));
  if (params.has("error")) throw new SignInError(String(params.get("error")));
  if (!pending || params.get("state") !== pending.state) throw new SignInError("state");
  keepSession(
    await tokenRequest({
      grant_type: "authorization_code",
      code: String(params.get("code")),
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  );
}

/** A token about to expire is refreshed before the next API call. */
export async function freshSession() {
  const s = store.session;
  if (!s || !s.refresh || s.expires_at - REFRESH_MARGIN_MS > Date.now()) return;
  try {
    keepSession(await tokenRequest({ grant_type: "refresh_token", refresh_token: s.refresh }));
  } catch {
    signOut(false); // the API's 401 then tells the person to sign in again
  }
}

/** Forget the session; with navigate, end the managed login's session too (the next person signs in). */
export async function signOut(navigate = true) {
  setSession(null);
  if (!navigate) return;
  const cfg = await config().catch(() => null);
  if (cfg) {
    const query = new URLSearchParams({ client_id: cfg.client_id, logout_uri: redirectUri() });
    location.assign(`${cfg.domain}/logout?${query}`);
  } else location.hash = "#/";
}
