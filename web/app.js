/* ektp reference web client: plain JavaScript, no build step, nothing fetched from outside the two origins
   (this server's API and the storage URL an upload ticket names).

   Sign-in: the OAuth authorization-code flow with PKCE (S256) against the user pool's managed login, whose
   URL and client id come from config.json (published next to the client by cdk deploy; make serve names its
   local stand-in there). The role and an officer's district come from the ID token, never from a form.
   Residents: sign in, register an application, upload each document straight to S3 through its presigned
   POST (fields first, file last), see each check's result, submit, follow the status.
   Officers: the district's review queue, a case's evidence side by side, approve or reject with reasons. */
"use strict";

(() => {
  // The API's base URL, from <meta name="ektp-api">: "/api" on the same origin, where CloudFront routes it
  // to the API behind the WAF (make serve does the same); another origin if a deployment says so.
  const API = (document.querySelector('meta[name="ektp-api"]')?.content || "").replace(/\/$/, "");
  const SESSION_KEY = "ektp.session";
  const PENDING_KEY = "ektp.signin"; // the state and PKCE verifier of a sign-in under way
  const REFRESH_MARGIN_MS = 60_000; // refresh the ID token a minute before it expires
  const LANG_KEY = "ektp.lang";
  const ACTIVE = new Set(["SUBMITTED", "VERIFYING", "APPROVED"]); // statuses the chain moves on its own (APPROVED -> ISSUED): poll them
  const TYPES = ["NEW", "REPLACEMENT_LOST", "REPLACEMENT_DAMAGED", "DATA_CHANGE", "MOVE"];
  const RELIGIONS = ["ISLAM", "KRISTEN", "KATHOLIK", "HINDU", "BUDHA", "KHONGHUCU", "KEPERCAYAAN TERHADAP TUHAN YME"];
  const MARITAL = ["BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"];
  const BLOOD = ["TIDAK TAHU", "A", "B", "AB", "O", "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];
  // Mirrors ektp.domain.application (allowed_content_types, max_upload_bytes): checked again by the API and
  // by the upload's POST policy; here only to spare the resident a useless upload.
  const PHOTO_TYPES = ["image/jpeg", "image/png"];
  const DOC_TYPES = [...PHOTO_TYPES, "application/pdf"];
  const MAX_PHOTO = 8 * 1024 * 1024;
  const MAX_DOC = 15 * 1024 * 1024;
  const isPhoto = (type) => type === "PHOTO" || type === "SELFIE";
  // Codes an officer may give when rejecting: what a resident can act on (reasons.py's catalogue).
  const OFFICER_REJECT_CODES = [
    "PHOTO_BLURRY", "BACKGROUND_WRONG_COLOR", "FACE_NOT_FOUND", "FACE_MISMATCH", "DOCUMENT_UNREADABLE",
    "DOCUMENT_WRONG_TYPE", "NAME_MISMATCH", "BIRTH_DATA_MISMATCH", "ADDRESS_MISMATCH", "NOT_IN_KK",
    "KK_NUMBER_MISMATCH", "REGISTRY_NOT_FOUND", "POSSIBLE_DUPLICATE", "OFFICER_REJECTED",
  ];

  const state = {
    lang: localStorage.getItem(LANG_KEY) === "en" ? "en" : "id",
    session: JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null"),
    catalogue: null,
    timers: [],
    draft: null, // the form's values across a language switch
  };

  const t = (key) => (window.I18N[state.lang] || window.I18N.id)[key] ?? key;
  // A translated label when i18n.js has one ("stage_domicile"), else the raw name made readable.
  const label = (prefix, name) => {
    const key = prefix ? `${prefix}_${name}` : name;
    const found = t(key);
    return found === key ? String(name).replace(/_/g, " ") : found;
  };
  const msg = (m) => (m ? (state.lang === "en" ? m.message_en : m.message_id) : "");

  // --- DOM helpers: text is always set as text, never parsed as HTML ------------------------------------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
    return el;
  }
  const $ = (sel, root = document) => root.querySelector(sel);
  // replaceChildren that flattens lists and drops empty slots (replaceChildren would print "null").
  function fill(el, ...kids) {
    el.replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false && k !== ""));
  }

  function announce(text) {
    const live = $("#live");
    live.textContent = "";
    // A fresh text node after a tick makes screen readers announce a repeated message too.
    setTimeout(() => { live.textContent = text; }, 30);
  }

  // --- API --------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, body) {
      const err = (body && body.error) || {};
      super(err.message_en || `HTTP ${status}`);
      this.status = status;
      this.code = err.code || "NETWORK";
      this.body = err;
      this.reasons = err.reasons || [];
    }
  }

  async function api(method, path, body, headers = {}) {
    await freshSession();
    const init = { method, headers: { ...headers } };
    if (state.session) init.headers.authorization = `Bearer ${state.session.token}`;
    if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      // /local/* are the local server's stand-ins (sample data): same origin, no /api.
      response = await fetch(path.startsWith("/local/") ? path : API + path, init);
    } catch {
      throw new ApiError(0, { error: { code: "NETWORK", message_id: t("network_error"), message_en: t("network_error") } });
    }
    const data = await response.json().catch(() => null);
    if (response.status === 401) {
      signOut(false);
      throw new ApiError(401, { error: { code: "UNAUTHENTICATED", message_id: window.I18N.id.session_expired, message_en: window.I18N.en.session_expired } });
    }
    if (!response.ok && !(data && data.error)) {
      // Not the API's error shape (a proxy, a crash): say so plainly in both languages.
      const text = (lang) => window.I18N[lang].server_error.replace("{status}", response.status);
      throw new ApiError(response.status, { error: { code: "HTTP_ERROR", message_id: text("id"), message_en: text("en") } });
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  // Files published next to the client (the region tree, the reason catalogue): no token, cacheable.
  async function staticJson(path) {
    const response = await fetch(new URL(path, document.baseURI));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  async function catalogue() {
    if (!state.catalogue) state.catalogue = await staticJson("data/reasons.json").catch(() => ({}));
    return state.catalogue;
  }

  function idempotencyKey() {
    return window.crypto?.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  }

  function errorBox(err) {
    const box = h("div", { class: "alert error", role: "alert", tabindex: "-1" },
      h("p", { text: msg(err.body) || err.message }));
    const listed = err.reasons.filter((r) => msg(r) !== msg(err.body) || r.field);
    if (listed.length) box.append(reasonList(listed));
    return box;
  }

  function reasonList(reasons) {
    return h("ul", { class: "reasons" }, reasons.map((r) => {
      const extra = r.measured !== null && r.measured !== undefined && r.threshold !== null && r.threshold !== undefined
        ? ` (${t("measured")} ${r.measured}, ${t("limit")} ${r.threshold})` : "";
      // The field tells two otherwise identical reasons apart (two unreadable fields of one KK).
      const where = r.field ? label("", r.field.split(".").pop()) : "";
      return h("li", { class: r.severity === "warning" ? "warning" : "", "data-code": r.code },
        h("span", { text: msg(r) + extra }), where ? h("span", { class: "muted", text: ` [${where}]` }) : null);
    }));
  }

  // --- session: OAuth 2.0 authorization code with PKCE -------------------------------------------------
  let authConfig = null;
  async function auth() {
    if (!authConfig) authConfig = (await staticJson("config.json")).auth;
    return authConfig;
  }

  function base64url(bytes) {
    let text = "";
    for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function randomToken(size) {
    const bytes = new Uint8Array(size);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  // The one callback and sign-out URL registered for the client: the site's root, whatever page is open.
  const redirectUri = () => `${location.origin}/`;

  async function signIn() {
    const cfg = await auth();
    const verifier = randomToken(32); // 43 characters, RFC 7636's minimum
    const pending = { state: randomToken(16), verifier, hash: location.hash };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const query = new URLSearchParams({
      response_type: "code", client_id: cfg.client_id, redirect_uri: redirectUri(), scope: cfg.scopes,
      state: pending.state, code_challenge: challenge, code_challenge_method: "S256", lang: state.lang,
    });
    location.assign(`${cfg.domain}/oauth2/authorize?${query}`);
  }

  class SignInError extends ApiError {
    constructor(detail) {
      super(400, { error: { code: "SIGN_IN_FAILED", message_id: `${window.I18N.id.sign_in_failed} (${detail})`, message_en: `${window.I18N.en.sign_in_failed} (${detail})` } });
    }
  }

  async function tokenRequest(fields) {
    const cfg = await auth();
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

  // The ID token's claims, for the page only (the API checks the signature); base64url JSON in UTF-8.
  function claimsOf(token) {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part + "=".repeat((4 - (part.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function keepSession(tokens) {
    const claims = claimsOf(tokens.id_token);
    const groups = [].concat(claims["cognito:groups"] || []);
    state.session = {
      token: tokens.id_token,
      refresh: tokens.refresh_token || state.session?.refresh || null,
      expires_at: claims.exp * 1000,
      username: claims.email || claims.phone_number || claims["cognito:username"],
      role: groups.includes("officers") ? "officer" : "resident",
      district: claims["custom:district"] || null, // set by the pool's trigger from the administrators' groups
    };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(state.session));
  }

  // Back from the sign-in page: ?code=…&state=… (or ?error=…). The state must be the one this tab sent.
  async function finishSignIn() {
    const params = new URLSearchParams(location.search);
    if (!params.has("code") && !params.has("error")) return;
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null");
    sessionStorage.removeItem(PENDING_KEY);
    history.replaceState(null, "", location.pathname + (pending?.hash || ""));
    if (params.has("error")) throw new SignInError(params.get("error"));
    if (!pending || params.get("state") !== pending.state) throw new SignInError("state");
    keepSession(await tokenRequest({
      grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirectUri(), code_verifier: pending.verifier,
    }));
  }

  async function freshSession() {
    const s = state.session;
    if (!s || !s.refresh || s.expires_at - REFRESH_MARGIN_MS > Date.now()) return;
    try {
      keepSession(await tokenRequest({ grant_type: "refresh_token", refresh_token: s.refresh }));
    } catch {
      signOut(false); // the API's 401 then tells the person to sign in again
    }
  }

  async function signOut(navigate = true) {
    state.session = null;
    sessionStorage.removeItem(SESSION_KEY);
    if (!navigate) return;
    // The managed login's own session ends too, so the next person on this device is asked to sign in.
    const cfg = await auth().catch(() => null);
    if (cfg) location.assign(`${cfg.domain}/logout?${new URLSearchParams({ client_id: cfg.client_id, logout_uri: redirectUri() })}`);
    else location.hash = "#/";
  }

  // --- layout -----------------------------------------------------------------------------------------
  function renderChrome() {
    document.documentElement.lang = state.lang;
    document.title = t("app_title");
    $("#skip").textContent = t("skip");
    $("#title").textContent = t("app_title");
    const toggle = $("#lang");
    toggle.textContent = t("lang_toggle");
    toggle.setAttribute("aria-label", t("lang_toggle_label"));
    const who = $("#who");
    fill(who);
    if (state.session) {
      who.append(
        h("span", { text: `${t("signed_in_as")} ${state.session.username}` }),
        h("button", { type: "button", class: "link", onclick: () => signOut() , text: t("sign_out") }),
      );
    }
  }

  function page(title, ...content) {
    return [h("h1", { tabindex: "-1", text: title }), ...content];
  }

  async function render() {
    state.timers.forEach(clearTimeout);
    state.timers = [];
    renderChrome();
    const main = $("#main");
    const [route, arg] = location.hash.replace(/^#\/?/, "").split("/");
    let view;
    try {
      view = await route_(route || "", arg ? decodeURIComponent(arg) : "");
    } catch (err) {
      view = page(t("app_title"), err instanceof ApiError ? errorBox(err) : h("p", { text: String(err) }));
    }
    fill(main, ...view);
    const heading = $("h1", main);
    if (heading && document.activeElement !== heading && !main.contains(document.activeElement)) heading.focus();
  }

  async function route_(route, arg) {
    // The public status page (the receipt's QR opens it with ?n=<number>): no account needed.
    if (route === "status" || (!route && publicStatusNumber() !== null)) return viewPublicStatus(arg || publicStatusNumber() || "");
    const s = state.session;
    if (!s) return viewHome(state.signInError);
    if (s.role === "officer") {
      if (route === "case" && arg) return viewCase(arg);
      return viewQueue();
    }
    if (route === "new") return viewForm(arg || "NEW");
    if (route === "edit" && arg) return viewForm(null, arg);
    if (route === "app" && arg) return viewApplication(arg);
    return viewApplications();
  }

  // --- home: sign in ----------------------------------------------------------------------------------
  function viewHome(failure) {
    const button = h("button", { type: "button", class: "primary", id: "sign-in", text: t("sign_in_or_up") });
    button.addEventListener("click", async () => {
      button.disabled = true;
      button.textContent = t("signing_in");
      await signIn().catch((err) => {
        button.disabled = false;
        button.textContent = t("sign_in_or_up");
        button.after(errorBox(err instanceof ApiError ? err : new SignInError("config")));
      });
    });
    return page(t("app_title"), h("p", { class: "lead", text: t("home_intro") }),
      failure ? errorBox(failure) : null,
      h("div", { class: "card", id: "signin" },
        h("h2", { text: t("sign_in") }),
        h("p", { text: t("sign_in_intro") }),
        button,
        h("p", { class: "hint", text: t("officer_accounts") })),
      h("p", {}, h("a", { href: "#/status", id: "public-status-link", text: t("public_status_link") })));
  }

  // --- public: status by registration number and date of birth (POST /status) -----------------------
  const publicStatusNumber = () => new URLSearchParams(location.search).get("n");

  function viewPublicStatus(number) {
    const regno = h("input", { id: "status-number", name: "registration_number", value: number, autocapitalize: "characters",
      autocomplete: "off", required: true, maxlength: 32, "aria-describedby": "status-number-hint" });
    const born = h("input", { id: "status-birth-date", name: "birth_date", type: "date", required: true, autocomplete: "bday" });
    const result = h("div", { id: "status-result", "aria-live": "polite" });
    const button = h("button", { type: "submit", class: "primary", text: t("find_status") });
    const form = h("form", { class: "card", id: "public-status", onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      fill(result);
      try {
        const answer = await api("POST", "/status", { registration_number: regno.value.trim(), birth_date: born.value });
        fill(result, publicStatusCard(answer));
        announce(`${t("status")}: ${t(`st_${answer.status}`)}`);
      } catch (err) {
        fill(result, errorBox(err));
      } finally {
        button.disabled = false;
      }
    } },
    field("status-number", t("registration_number"), regno, t("registration_hint"), true),
    field("status-birth-date", t("birth_date"), born, t("public_status_birth_hint"), true),
    button);
    return page(t("public_status_title"), h("p", { class: "lead", text: t("public_status_intro") }), form, result);
  }

  function publicStatusCard(answer) {
    const next = state.lang === "en" ? answer.next_action_en : answer.next_action_id;
    return h("div", { class: "card", id: "public-status-answer" },
      h("p", { class: "regno", text: answer.registration_number }),
      h("p", {}, `${t("status")}: `, statusBadge(answer.status)),
      h("h2", { text: t("next_action") }),
      h("p", { id: "public-status-next", text: next }),
      h("p", { class: "hint", text: `${t("public_status_changed")}: ${answer.last_changed}` }));
  }

  function field(id, label, control, hint, requiredMark) {
    return h("div", { class: "field", id: `field-${id}` },
      h("label", { for: id }, label, requiredMark ? h("span", { class: "req", "aria-hidden": "true", text: " *" }) : null),
      control,
      hint ? h("p", { class: "hint", id: `${id}-hint`, text: hint }) : null,
      h("p", { class: "field-error", id: `${id}-error`, "aria-live": "polite" }));
  }

  // --- resident: applications -------------------------------------------------------------------------
  async function viewApplications() {
    const list = await api("GET", "/applications");
    const items = list.length
      ? h("ul", { class: "cards" }, list.map((a) => h("li", { class: "card row" },
        h("a", { href: `#/app/${encodeURIComponent(a.registration_number)}`, class: "regno", text: a.registration_number }),
        h("span", { text: t(`type_${a.application_type}`) }),
        statusBadge(a.status))))
      : h("p", { text: t("no_applications") });
    const typeSelect = h("select", { id: "new-type", name: "type" }, TYPES.map((ty) => h("option", { value: ty, text: t(`type_${ty}`) })));
    const lookup = h("input", { id: "lookup", name: "registration", autocapitalize: "characters", autocomplete: "off", required: true, "aria-describedby": "lookup-hint" });
    return page(t("my_applications"), items,
      h("form", { class: "card", id: "new-application", onsubmit: (e) => { e.preventDefault(); location.hash = `#/new/${typeSelect.value}`; } },
        h("h2", { text: t("new_application") }),
        field("new-type", t("application_type"), typeSelect),
        h("button", { type: "submit", class: "primary", text: t("start") })),
      h("form", { class: "card", id: "status-lookup", onsubmit: (e) => {
        e.preventDefault();
        const value = lookup.value.trim().toUpperCase().replace(/\s+/g, "");
        if (value) location.hash = `#/app/${encodeURIComponent(value)}`;
      } },
      h("h2", { text: t("find_status") }),
      field("lookup", t("registration_number"), lookup, t("registration_hint")),
      h("button", { type: "submit", text: t("open") })));
  }

  function statusBadge(status) {
    return h("span", { class: `badge st-${status}`, "data-status": status, text: t(`st_${status}`) });
  }

  // --- resident: the form -----------------------------------------------------------------------------
  const REGION_LEVELS = ["province_code", "regency_code", "district_code", "village_code"];

  async function regionOptions(select, parent) {
    fill(select, h("option", { value: "", text: t("loading") }));
    select.disabled = true;
    const rows = await staticJson(`data/regions/${encodeURIComponent(parent || "index")}.json`).catch(() => []);
    fill(select, h("option", { value: "", text: t("choose") }),
      rows.map((r) => h("option", { value: r.code, "data-postal": (r.postal_codes || []).join(","), text: `${r.name} (${r.code})` })));
    select.disabled = !rows.length;
  }

  function clearRegionsBelow(form, level) {
    for (const name of REGION_LEVELS.slice(REGION_LEVELS.indexOf(level) + 1)) {
      const s = form.elements[name];
      fill(s, h("option", { value: "", text: t("choose") }));
      s.disabled = true;
    }
  }

  // A new application (type), or corrections to an existing one (editId: PATCH while DRAFT or REJECTED).
  async function viewForm(type, editId) {
    await catalogue();
    const existing = editId ? await api("GET", `/applications/${encodeURIComponent(editId)}`) : null;
    if (existing) type = existing.application_type;
    if (!TYPES.includes(type)) type = "NEW";
    const key = idempotencyKey(); // one per form: a double click or a retry cannot register twice
    const input = (name, attrs = {}) => h("input", { id: name, name, ...attrs });
    const select = (name, values, labels) => h("select", { id: name, name },
      h("option", { value: "", text: t("choose") }), values.map((v) => h("option", { value: v, text: labels ? labels(v) : v })));
    const req = (name, control, hint) => field(name, t(name), control, hint, true);
    const opt = (name, control, hint) => field(name, t(name), control, hint, false);
    const regionSelects = Object.fromEntries(REGION_LEVELS.map((n) => [n, h("select", { id: n, name: n, disabled: true })]));
    const summary = h("div", { id: "form-summary" });

    const form = h("form", { id: "application-form", novalidate: true },
      summary,
      h("fieldset", {}, h("legend", { text: t("section_identity") }),
        req("full_name", input("full_name", { autocomplete: "name", maxlength: 60, autocapitalize: "characters" })),
        req("nik", input("nik", { inputmode: "numeric", maxlength: 16, autocomplete: "off", "aria-describedby": "nik-hint" }), t("nik_hint")),
        req("kk_number", input("kk_number", { inputmode: "numeric", maxlength: 16, autocomplete: "off" })),
        req("place_of_birth", input("place_of_birth", { maxlength: 60 })),
        req("birth_date", input("birth_date", { type: "date" })),
        req("sex", select("sex", ["M", "F"], (v) => t(`sex_${v}`))),
        opt("blood_type", select("blood_type", BLOOD)),
        req("religion", select("religion", RELIGIONS)),
        req("marital_status", select("marital_status", MARITAL)),
        req("occupation", input("occupation", { maxlength: 60 })),
        opt("father_name", input("father_name", { maxlength: 60 })),
        opt("mother_name", input("mother_name", { maxlength: 60 }))),
      h("fieldset", {}, h("legend", { text: t("section_address") }),
        req("address", input("address", { maxlength: 120, autocomplete: "street-address" })),
        h("div", { class: "grid-2" }, req("rt", input("rt", { inputmode: "numeric", maxlength: 3 })), req("rw", input("rw", { inputmode: "numeric", maxlength: 3 }))),
        REGION_LEVELS.map((n) => req(n, regionSelects[n])),
        req("postal_code", input("postal_code", { inputmode: "numeric", maxlength: 5, autocomplete: "postal-code" }))),
      h("fieldset", {}, h("legend", { text: t("section_contact") }),
        req("phone", input("phone", { type: "tel", autocomplete: "tel", "aria-describedby": "phone-hint" }), t("phone_hint")),
        opt("email", input("email", { type: "email", autocomplete: "email" }))),
      h("div", { class: "field check", id: "field-declaration" },
        h("input", { type: "checkbox", id: "declaration", name: "declaration" }),
        h("label", { for: "declaration", text: t("declaration") }),
        h("p", { class: "field-error", id: "declaration-error" })),
      h("div", { class: "actions" },
        h("button", { type: "submit", class: "primary", id: "save", text: t("save_continue") })));

    // Region pickers: each level loads the next; a village fills the postal code it belongs to.
    REGION_LEVELS.forEach((name, i) => {
      regionSelects[name].addEventListener("change", async () => {
        clearRegionsBelow(form, name);
        const value = regionSelects[name].value;
        if (name === "village_code") {
          const postal = regionSelects[name].selectedOptions[0]?.dataset.postal?.split(",")[0];
          if (postal) form.elements.postal_code.value = postal;
        } else if (value) {
          await regionOptions(regionSelects[REGION_LEVELS[i + 1]], value);
        }
      });
    });
    await regionOptions(regionSelects.province_code, "");
    if (existing) await fillForm(form, { ...existing.applicant, declaration: true });
    if (state.draft) {
      // What the resident typed before switching the language.
      const draft = state.draft;
      state.draft = null;
      await fillForm(form, draft);
    }

    const sample = h("button", { type: "button", id: "fill-sample", class: "link", text: t("fill_sample"), onclick: async () => {
      const data = await api("GET", `/local/sample-applicant?n=${Math.floor(Math.random() * 1000)}`).catch(() => null);
      if (data) await fillForm(form, data);
    } });

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const applicant = readForm(form);
      const problems = validateApplicant(applicant);
      if (!form.elements.declaration.checked) problems.push({ field: "declaration", text: t("declaration_required") });
      showFieldErrors(form, summary, problems);
      if (problems.some((p) => !p.warning)) return;
      const button = $("#save", form);
      button.disabled = true;
      try {
        if (existing) {
          await api("PATCH", `/applications/${encodeURIComponent(editId)}`, { applicant });
          location.hash = `#/app/${encodeURIComponent(editId)}`;
          return;
        }
        const created = await api("POST", "/applications",
          { application_type: type, declaration_accepted: true, applicant, contact: { language: state.lang } },
          { "idempotency-key": key });
        location.hash = `#/app/${encodeURIComponent(created.registration_number)}`;
      } catch (err) {
        button.disabled = false;
        const fieldProblems = err.reasons.filter((r) => r.field).map((r) => ({
          field: r.field.replace(/^applicant\./, "").replace(/^body\./, ""), text: msg(r), warning: r.severity === "warning" }));
        showFieldErrors(form, summary, fieldProblems, err);
      }
    });
    if (existing) $("#save", form).textContent = t("save_changes");
    return page(existing ? `${t("edit_data")} ${existing.registration_number}` : `${t("form_title")}: ${t(`type_${type}`)}`,
      h("p", { text: t("form_intro") }), existing ? null : sample, form);
  }

  async function fillForm(form, data) {
    for (const [name, value] of Object.entries(data)) {
      const el = form.elements[name];
      if (!el || REGION_LEVELS.includes(name) || value === null) continue;
      if (el.type === "checkbox") el.checked = Boolean(value);
      else el.value = value;
    }
    let parent = "";
    for (const name of REGION_LEVELS) {
      if (!data[name]) break;
      const s = form.elements[name];
      if (s.options.length <= 1 || s.disabled) await regionOptions(s, parent);
      s.value = data[name];
      parent = data[name];
    }
    if (data.postal_code) form.elements.postal_code.value = data.postal_code;
  }

  function readForm(form) {
    const get = (n) => form.elements[n].value.trim();
    const applicant = {};
    for (const n of ["full_name", "nik", "kk_number", "place_of_birth", "birth_date", "sex", "blood_type", "religion",
      "marital_status", "occupation", "address", "rt", "rw", ...REGION_LEVELS, "postal_code", "phone"]) applicant[n] = get(n);
    for (const n of ["father_name", "mother_name", "email"]) if (get(n)) applicant[n] = get(n);
    if (!applicant.blood_type) applicant.blood_type = "TIDAK TAHU";
    applicant.full_name = applicant.full_name.toUpperCase();
    return applicant;
  }

  /* The API's rules (ektp.domain.validation, nik, names) mirrored for quick feedback; the API stays the judge
     and its reasons replace these on a 422. Messages are the catalogue's (data/reasons.json). */
  function validateApplicant(a) {
    const cat = state.catalogue || {};
    const text = (code) => (cat[code] ? cat[code][state.lang] : code);
    const out = [];
    const add = (field, code, warning = false) => out.push({ field, text: text(code), warning });
    const required = ["full_name", "nik", "kk_number", "place_of_birth", "birth_date", "sex", "religion", "marital_status",
      "occupation", "address", "rt", "rw", ...REGION_LEVELS, "postal_code", "phone"];
    for (const n of required) if (!a[n]) out.push({ field: n, text: t("required_field") });
    if (a.nik && !/^[0-9]{16}$/.test(a.nik)) add("nik", "NIK_FORMAT");
    else if (a.nik) {
      const rawDay = +a.nik.slice(6, 8), month = +a.nik.slice(8, 10), yy = a.nik.slice(10, 12);
      const female = rawDay > 40, day = female ? rawDay - 40 : rawDay;
      if (!(day >= 1 && day <= 31 && (rawDay <= 31 || rawDay >= 41) && month >= 1 && month <= 12)) add("nik", "NIK_DATE_INVALID");
      if (a.nik.slice(12) === "0000") add("nik", "NIK_SERIAL_INVALID");
      if (a.sex && (female ? "F" : "M") !== a.sex) add("sex", "NIK_SEX_MISMATCH", true);
      if (a.birth_date) {
        const [y, m, d] = a.birth_date.split("-");
        if (y.slice(2) !== yy || +m !== month || +d !== day) add("birth_date", "NIK_DOB_MISMATCH", true);
      }
    }
    if (a.kk_number && !/^[0-9]{16}$/.test(a.kk_number)) add("kk_number", "KK_NUMBER_FORMAT");
    const nameOk = (s) => s.length <= 60 && /^[A-Za-z' .,-]+$/.test(s);
    if (a.full_name && !nameOk(a.full_name)) add("full_name", "NAME_INVALID");
    for (const n of ["father_name", "mother_name"]) if (a[n] && !nameOk(a[n])) add(n, "NAME_INVALID");
    if (a.rt && !/^\d{1,3}$/.test(a.rt)) out.push({ field: "rt", text: text("VALIDATION_FAILED") });
    if (a.rw && !/^\d{1,3}$/.test(a.rw)) out.push({ field: "rw", text: text("VALIDATION_FAILED") });
    if (a.postal_code && !/^\d{5}$/.test(a.postal_code)) out.push({ field: "postal_code", text: text("VALIDATION_FAILED") });
    if (a.phone && !/^(?:\+62|62|0)8\d{7,11}$/.test(a.phone.replace(/[\s-]/g, ""))) add("phone", "PHONE_INVALID");
    if (a.birth_date) {
      const born = new Date(`${a.birth_date}T00:00:00`), now = new Date();
      if (born > now) add("birth_date", "BIRTH_DATE_IN_FUTURE");
      else {
        let age = now.getFullYear() - born.getFullYear();
        if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) age -= 1;
        if (age < 17 && a.marital_status === "BELUM KAWIN") add("birth_date", "AGE_NOT_ELIGIBLE");
      }
    }
    return out;
  }

  function showFieldErrors(form, summary, problems, apiError) {
    form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    form.querySelectorAll(".field-error").forEach((el) => { el.textContent = ""; el.classList.remove("warning"); });
    fill(summary);
    const items = [];
    for (const p of problems) {
      const control = form.elements[p.field];
      const slot = $(`#${CSS.escape(p.field)}-error`, form);
      if (control && slot) {
        if (!p.warning) control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", [`${p.field}-error`, control.getAttribute("aria-describedby")].filter(Boolean).join(" "));
        slot.textContent = slot.textContent ? `${slot.textContent} ${p.text}` : p.text;
        if (p.warning && !slot.classList.contains("error")) slot.classList.add("warning");
      }
      items.push(h("li", { class: p.warning ? "warning" : "" }, control
        ? h("a", { href: `#${p.field}`, onclick: (e) => { e.preventDefault(); control.focus(); }, text: `${t(p.field)}: ${p.text}` })
        : h("span", { text: p.text })));
    }
    if (apiError && !problems.length) summary.append(errorBox(apiError));
    else if (items.length) {
      const box = h("div", { class: problems.some((p) => !p.warning) ? "alert error" : "alert warning", role: "alert", tabindex: "-1" },
        h("p", { text: apiError ? msg(apiError.body) : t("fix_fields") }), h("ul", {}, items));
      summary.append(box);
      if (problems.some((p) => !p.warning)) box.focus();
    }
  }

  // --- resident: one application: documents, submit, status -------------------------------------------
  async function viewApplication(id) {
    await catalogue();
    const detail = await api("GET", `/applications/${encodeURIComponent(id)}`);
    const header = h("section", { id: "status", "aria-labelledby": "status-h" });
    const docs = h("ul", { id: "documents", class: "cards" });
    const submitArea = h("div", { id: "submit-area" });
    const timeline = h("section", { id: "timeline", "aria-labelledby": "timeline-h" });
    const cards = new Map();
    const view = { id, detail, header, docs, submitArea, timeline, cards };
    view.liveness = livenessPanel(view);
    updateApplication(view, detail);
    return page(`${t("registration_number")} ${detail.registration_number}`,
      h("p", {}, h("a", { href: "#/apps", text: `← ${t("back")}` })),
      header,
      h("section", { "aria-labelledby": "docs-h" },
        h("h2", { id: "docs-h", text: t("documents") }), h("p", { text: t("documents_intro") }), docs),
      view.liveness, submitArea, timeline);
  }

  // --- resident: the active liveness check (optional) ---------------------------------------------------
  // The API hands out a random head-pose sequence; the front camera takes one frame per pose after a short
  // hold; the frames go side by side (each of the challenge's aspect, unmirrored as the camera sees them) into
  // one JPEG, uploaded as the LIVENESS document. The biometrics stage checks the poses and the face.
  const POSE_HOLD_MS = 2500;
  const FRAME_HEIGHT = 480;

  function livenessPanel(view) {
    const start = h("button", { type: "button", id: "liveness-start", text: t("liveness_start") });
    const stage = h("div", { id: "liveness-stage", hidden: true });
    const error = h("div", {});
    const section = h("section", { id: "liveness", "aria-labelledby": "liveness-h" },
      h("h2", { id: "liveness-h", text: t("liveness") }), h("p", { text: t("liveness_intro") }), start, stage, error);
    start.addEventListener("click", async () => {
      fill(error);
      start.disabled = true;
      let stream = null;
      try {
        const challenge = await api("POST", `/applications/${encodeURIComponent(view.id)}/liveness-challenge`);
        try {
          stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user", width: { ideal: 1280 }, height: { ideal: 960 } }, audio: false });
        } catch {
          throw new Error(t("camera_unavailable"));
        }
        const strip = await captureStrip(challenge, stream, stage);
        stage.hidden = false;
        fill(stage, h("p", { id: "liveness-instruction", text: t("liveness_sending") }));
        const progress = h("progress", { max: 100, value: 0, "aria-label": t("liveness_sending") });
        stage.append(progress);
        const doc = await uploadDocument(view, "LIVENESS", new File([strip], "liveness.jpg", { type: "image/jpeg" }), progress);
        announce(`${t("doc_LIVENESS")}: ${t(`doc_${doc.status}`)}`);
        stage.hidden = true;
      } catch (err) {
        error.append(err instanceof ApiError ? errorBox(err) : h("p", { class: "alert error", role: "alert", text: err.message || t("upload_failed") }));
        stage.hidden = true;
      } finally {
        if (stream) stream.getTracks().forEach((track) => track.stop());
        start.disabled = false;
        await refresh(view);
      }
    });
    return section;
  }

  async function captureStrip(challenge, stream, stage) {
    const [aw, ah] = String(challenge.frame_aspect || "3:4").split(":").map(Number);
    const frameWidth = Math.round((FRAME_HEIGHT * aw) / ah);
    // The preview is mirrored like a mirror (easier to follow); the frames are not (the server expects the
    // camera's own view).
    const video = h("video", { id: "liveness-video", autoplay: true, muted: true, playsinline: true, class: "mirrored" });
    video.muted = true; // the attribute alone does not satisfy every browser's autoplay rule
    video.srcObject = stream;
    const instruction = h("p", { id: "liveness-instruction", class: "pose", "aria-live": "assertive" });
    const counter = h("p", { id: "liveness-counter", class: "muted" });
    stage.hidden = false;
    fill(stage, instruction, counter, video);
    await video.play();
    if (!video.videoWidth) await new Promise((r) => video.addEventListener("loadedmetadata", r, { once: true }));
    const canvas = document.createElement("canvas");
    canvas.width = frameWidth * challenge.poses.length;
    canvas.height = FRAME_HEIGHT;
    const ctx = canvas.getContext("2d");
    for (const [i, pose] of challenge.poses.entries()) {
      instruction.textContent = t(`pose_${pose}`);
      instruction.dataset.pose = pose;
      counter.textContent = `${i + 1} / ${challenge.poses.length} · ${t("liveness_hold")}`;
      await new Promise((r) => setTimeout(r, POSE_HOLD_MS));
      // The centre of the camera frame at the challenge's aspect, scaled to FRAME_HEIGHT.
      const vw = video.videoWidth;
      const vh = video.videoHeight;
      const cropW = Math.min(vw, (vh * aw) / ah);
      const cropH = (cropW * ah) / aw;
      ctx.drawImage(video, (vw - cropW) / 2, (vh - cropH) / 2, cropW, cropH, i * frameWidth, 0, frameWidth, FRAME_HEIGHT);
    }
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t("upload_failed")))), "image/jpeg", 0.9));
  }

  function updateApplication(view, detail) {
    view.detail = detail;
    const editable = detail.status === "DRAFT" || detail.status === "REJECTED";
    fill(view.header, 
      h("h2", { id: "status-h", text: t("status") }),
      h("p", { class: "status-line" }, statusBadge(detail.status), h("span", { text: ` ${t(`type_${detail.application_type}`)}` })),
      h("div", { class: "next-action", id: "next-action" }, h("strong", { text: `${t("next_action")}: ` }), h("span", { text: msg(detail.next_action) })),
      detail.reasons.length ? h("div", { id: "app-reasons" }, h("h3", { text: t("reasons") }), reasonList(detail.reasons)) : null,
      editable ? h("p", {}, h("a", { href: `#/edit/${encodeURIComponent(detail.registration_number)}`, id: "edit-data", text: t("edit_data") })) : null);
    for (const doc of detail.documents) {
      let card = view.cards.get(doc.document_type);
      if (!card) {
        card = documentCard(view, doc.document_type);
        view.cards.set(doc.document_type, card);
        view.docs.append(card.el);
      }
      card.update(doc, editable);
    }
    if (view.liveness) view.liveness.hidden = !editable;
    const ready = detail.documents.every((d) => !d.required || d.status === "ACCEPTED");
    fill(view.submitArea);
    if (editable) {
      const button = h("button", { type: "button", class: "primary", id: "submit", disabled: !ready, text: t("submit") });
      const error = h("div", {});
      button.addEventListener("click", async () => {
        button.disabled = true;
        button.textContent = t("submitting");
        fill(error);
        try {
          await api("POST", `/applications/${encodeURIComponent(view.id)}/submit`);
          announce(t("submitted_wait"));
          await refresh(view);
        } catch (err) {
          error.append(errorBox(err));
          button.disabled = false;
          button.textContent = t("submit");
        }
      });
      view.submitArea.append(button, error);
    }
    fill(view.timeline, h("h2", { id: "timeline-h", text: t("timeline") }),
      h("ol", { class: "timeline" }, detail.timeline.map((e) => h("li", {},
        h("time", { datetime: e.at, text: new Date(e.at).toLocaleString(state.lang === "en" ? "en-GB" : "id-ID") }),
        h("span", { "data-kind": e.kind, text: ` ${t(`ev_${e.kind}`) === `ev_${e.kind}` ? e.kind : t(`ev_${e.kind}`)}${e.status ? ` → ${t(`st_${e.status}`)}` : ""}${e.detail ? ` (${e.detail})` : ""}` }),
        e.reasons && e.reasons.length ? h("span", { class: "codes", text: ` ${e.reasons.map((c) => (state.catalogue?.[c]?.[state.lang]) || c).join("; ")}` }) : null))));
    if (ACTIVE.has(detail.status)) state.timers.push(setTimeout(() => refresh(view), 800));
  }

  async function refresh(view) {
    try {
      const detail = await api("GET", `/applications/${encodeURIComponent(view.id)}`);
      const before = view.detail.status;
      updateApplication(view, detail);
      if (before !== detail.status) announce(`${t("status")}: ${t(`st_${detail.status}`)}. ${msg(detail.next_action)}`);
    } catch (err) {
      view.submitArea.append(errorBox(err));
    }
  }

  function documentCard(view, type) {
    const inputId = `file-${type}`;
    const accept = isPhoto(type) ? PHOTO_TYPES.join(",") : `${DOC_TYPES.join(",")},.pdf`;
    // capture: the phone opens its camera (front for the selfie, back for papers and the ID photo).
    const file = h("input", { type: "file", id: inputId, class: "visually-hidden", accept, capture: type === "SELFIE" ? "user" : "environment", tabindex: "-1", "aria-hidden": "true", "aria-label": t(`doc_${type}`) });
    const button = h("button", { type: "button", class: "upload", "data-doc": type, onclick: () => file.click() });
    const statusEl = h("span", { class: "doc-status" });
    const progress = h("progress", { max: 100, value: 0, hidden: true, "aria-label": `${t("uploading")} ${t(`doc_${type}`)}` });
    const reasons = h("div", { class: "doc-reasons" });
    const error = h("div", {});
    const el = h("li", { class: "card doc", id: `doc-${type}`, "data-doc": type },
      h("div", { class: "doc-head" }, h("h3", { text: t(`doc_${type}`) }), statusEl),
      reasons, progress, error, file, button);
    let busy = false;
    const card = {
      el,
      update(doc, editable) {
        el.dataset.status = doc.status || "NONE";
        fill(statusEl, h("span", { class: `badge doc-${doc.status || "NONE"}`, text: busy && doc.status !== "ACCEPTED" && doc.status !== "REJECTED" ? t("checking") : t(`doc_${doc.status}`) }),
          h("span", { class: "muted", text: ` · ${doc.required ? t("required") : t("optional")}` }));
        fill(reasons, doc.reasons.length ? reasonList(doc.reasons) : "");
        button.textContent = doc.status ? t("reupload") : t("upload");
        button.setAttribute("aria-label", `${button.textContent}: ${t(`doc_${type}`)}`);
        button.hidden = !editable;
        button.disabled = busy;
      },
    };
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      file.value = ""; // the same file can be chosen again after a failure
      if (!chosen) return;
      fill(error);
      busy = true;
      button.disabled = true;
      try {
        const doc = await uploadDocument(view, type, chosen, progress);
        busy = false;
        announce(`${t(`doc_${type}`)}: ${t(`doc_${doc.status}`)}`);
      } catch (err) {
        busy = false;
        error.append(err instanceof ApiError ? errorBox(err) : h("p", { class: "alert error", role: "alert", text: err.message || t("upload_failed") }));
        button.disabled = false;
      } finally {
        progress.hidden = true;
        await refresh(view);
      }
    });
    return card;
  }

  function contentTypeOf(file) {
    if (file.type) return file.type;
    const ext = file.name.toLowerCase().split(".").pop();
    return { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", pdf: "application/pdf" }[ext] || "application/octet-stream";
  }

  function localUploadError(code) {
    const entry = state.catalogue?.[code];
    return new ApiError(422, { error: { code, message_id: entry?.id || code, message_en: entry?.en || code } });
  }

  async function uploadDocument(view, type, file, progress) {
    const contentType = contentTypeOf(file);
    if (!(isPhoto(type) ? PHOTO_TYPES : DOC_TYPES).includes(contentType)) throw localUploadError("CONTENT_TYPE_NOT_ALLOWED");
    if (file.size > (isPhoto(type) ? MAX_PHOTO : MAX_DOC)) throw localUploadError("FILE_TOO_LARGE");
    if (file.size === 0) throw localUploadError("UPLOAD_EMPTY");
    const ticket = await api("POST", `/applications/${encodeURIComponent(view.id)}/documents/${type}`, { content_type: contentType });
    progress.hidden = false;
    progress.value = 0;
    await postToStorage(ticket, file, contentType, (fraction) => {
      progress.value = Math.round(fraction * 100);
      progress.dataset.sent = String(progress.value); // what the browser reported, for tests and support
    });
    progress.value = 100;
    // The checks run as soon as the object lands: poll until this upload has its verdict.
    const card = view.cards.get(type);
    for (let i = 0; i < 240; i += 1) {
      const detail = await api("GET", `/applications/${encodeURIComponent(view.id)}`);
      const doc = detail.documents.find((d) => d.document_type === type);
      if (doc && doc.upload_id === ticket.upload_id && (doc.status === "ACCEPTED" || doc.status === "REJECTED")) return doc;
      if (card) card.update(doc || { status: "RECEIVED", reasons: [], required: true }, true);
      await new Promise((r) => setTimeout(r, i < 10 ? 300 : 1000));
    }
    throw new Error(t("checking"));
  }

  // A presigned POST: the policy's fields first, the file last (S3 ignores fields after the file).
  function postToStorage(ticket, file, contentType, onProgress) {
    return new Promise((resolve, reject) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(ticket.fields)) body.append(k, v);
      body.append("file", new Blob([file], { type: contentType }), file.name || "upload");
      const xhr = new XMLHttpRequest();
      xhr.open("POST", ticket.url);
      xhr.upload.addEventListener("progress", (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
      xhr.addEventListener("load", () => (xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`${t("upload_failed")} (HTTP ${xhr.status})`))));
      xhr.addEventListener("error", () => reject(new Error(t("upload_failed"))));
      xhr.addEventListener("abort", () => reject(new Error(t("upload_failed"))));
      xhr.send(body);
    });
  }

  // --- officer ----------------------------------------------------------------------------------------
  async function viewQueue() {
    const [queue, cat] = await Promise.all([api("GET", "/review/queue"), catalogue()]);
    const content = queue.length
      ? h("table", { class: "table", id: "queue" },
        h("caption", { class: "visually-hidden", text: t("review_queue") }),
        h("thead", {}, h("tr", {}, [t("registration_number"), t("application_type"), t("waiting_since"), t("warnings")].map((c) => h("th", { scope: "col", text: c })))),
        h("tbody", {}, queue.map((c) => h("tr", {},
          h("td", {}, h("a", { href: `#/case/${encodeURIComponent(c.registration_number)}`, class: "regno", text: c.registration_number })),
          h("td", { text: t(`type_${c.application_type}`) }),
          h("td", {}, h("time", { datetime: c.waiting_since, text: new Date(c.waiting_since).toLocaleString(state.lang === "en" ? "en-GB" : "id-ID") })),
          h("td", { text: [...new Set(c.warnings)].map((w) => cat[w]?.[state.lang] || w).join(" ") })))))
      : h("p", { text: t("queue_empty") });
    return page(`${t("review_queue")} ${state.session.district || ""}`,
      h("p", {}, h("button", { type: "button", onclick: () => render(), text: t("refresh") })), content);
  }

  async function viewCase(id) {
    const [ev, cat] = await Promise.all([api("GET", `/review/${encodeURIComponent(id)}`), catalogue()]);
    const dl = h("dl", { class: "data" }, Object.entries(ev.applicant).filter(([, v]) => v !== null && v !== "").map(([k, v]) => [
      h("dt", { text: t(k) }), h("dd", { text: String(v) })]));
    // "gallery:<shard>" entries are the 1:N search's per-shard bookkeeping, summed up in face_duplicates.
    const stages = ev.stages.filter((s) => s.stage !== "decision" && !s.stage.includes(":")).map((s) => {
      const comparisons = s.details.comparisons || [];
      return h("section", { class: `card stage outcome-${s.outcome}`, "data-stage": s.stage },
        h("h3", {}, h("span", { text: label("stage", s.stage) }), " ", h("span", { class: `badge out-${s.outcome}`, text: label("outcome", s.outcome) })),
        s.reasons.length ? reasonList(s.reasons) : null,
        comparisons.length ? h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": `${s.stage}: ${t("stages")}` }, h("table", { class: "table compact" },
          h("thead", {}, h("tr", {}, [t("stage_field"), t("stage_declared"), t("stage_found"), t("stage_outcome")].map((c) => h("th", { scope: "col", text: c })))),
          h("tbody", {}, comparisons.map((c) => h("tr", { class: `cmp-${c.outcome}` },
            h("th", { scope: "row", text: `${label("", c.field)} (${c.source})` }),
            h("td", { text: c.form_value ?? "—" }), h("td", { text: c.other_value ?? "—" }),
            h("td", { text: t(`outcome_${c.outcome}`) })))))) : null);
    });
    const documents = h("div", { class: "evidence" }, ev.documents.map((d) => {
      const url = d.normalized_url || d.original_url;
      const isPdf = (d.original_url || "").toLowerCase().includes(".pdf") || d.measurements?.content_type === "application/pdf";
      return h("figure", { class: "card", "data-doc": d.document_type },
        url && !isPdf ? h("img", { src: url, alt: t(`doc_${d.document_type}`), loading: "lazy" }) : null,
        h("figcaption", {}, h("strong", { text: t(`doc_${d.document_type}`) }), " ", h("span", { class: `badge doc-${d.status}`, text: t(`doc_${d.status}`) }),
          d.original_url ? h("a", { href: d.original_url, target: "_blank", rel: "noopener", text: ` ${t("open_original")}` }) : null,
          d.reasons.length ? reasonList(d.reasons) : null));
    }));
    const form = decisionForm(ev.registration_number, cat);
    return page(`${t("case_title")} ${ev.registration_number}`,
      h("p", {}, h("a", { href: "#/queue", text: `← ${t("back")}` })),
      h("p", { class: "status-line" }, statusBadge(ev.status), h("span", { text: ` ${t(`type_${ev.application_type}`)}` })),
      ev.warnings.length ? h("section", { class: "alert warning", id: "case-warnings" }, h("h2", { text: t("warnings") }), reasonList(ev.warnings)) : null,
      h("div", { class: "case-grid" },
        h("section", { "aria-labelledby": "applicant-h" }, h("h2", { id: "applicant-h", text: t("applicant_data") }), dl),
        h("section", { "aria-labelledby": "evidence-h" }, h("h2", { id: "evidence-h", text: t("evidence_documents") }), documents)),
      h("section", { "aria-labelledby": "stages-h" }, h("h2", { id: "stages-h", text: t("stages") }), stages),
      candidateComparison(ev),
      form);
  }

  // The 1:N search's candidates beside the applicant's photo: each candidate's enrolled (card) photo through a
  // link valid a few minutes, with its scores and whether an officer must confirm it. Self-contained (labels
  // inline) so it can move with the officer view.
  function candidateComparison(ev) {
    if (!ev.candidates || !ev.candidates.length) return null;
    const en = state.lang === "en";
    const photo = ev.documents.find((d) => d.document_type === "PHOTO");
    const probeUrl = photo && (photo.normalized_url || photo.original_url);
    const img = (src, alt) => (src ? h("img", { src, alt, loading: "lazy", width: 160 }) : h("p", { text: en ? "No photo on file" : "Tidak ada foto" }));
    const finger = { match: en ? "fingerprint matches" : "sidik jari cocok", no_match: en ? "fingerprint differs" : "sidik jari berbeda", not_compared: en ? "no trusted fingerprint" : "tanpa sidik jari tepercaya" };
    const title = en ? "1:N candidates: compare the photos" : "Kandidat 1:N: bandingkan foto";
    return h("section", { class: "card", id: "candidates", "aria-labelledby": "candidates-h" },
      h("h2", { id: "candidates-h", text: title }),
      h("div", { class: "evidence" },
        h("figure", { class: "card", "data-candidate": "probe" }, img(probeUrl, en ? "Applicant's photo" : "Foto pemohon"),
          h("figcaption", {}, h("strong", { text: en ? "This application" : "Permohonan ini" }))),
        ev.candidates.map((c) => h("figure", { class: `card${c.officer_confirms ? " confirm" : ""}`, "data-candidate": String(c.rank) },
          img(c.photo_url, `${en ? "Enrolled photo of" : "Foto terdaftar"} ${c.nik}`),
          h("figcaption", {},
            h("strong", { text: `#${c.rank} ${c.nik}` }),
            h("span", { text: ` ${en ? "score" : "skor"} ${c.score.toFixed(2)} (${en ? "distance" : "jarak"} ${c.distance.toFixed(3)}), ${finger[c.finger] || c.finger}` }),
            c.officer_confirms ? h("span", { class: "badge out-fail", text: en ? " officer must confirm" : " wajib dikonfirmasi petugas" }) : null)))));
  }

  function decisionForm(id, cat) {
    const error = h("div", {});
    const reasonsBox = h("fieldset", { id: "reject-reasons", hidden: true },
      h("legend", { text: t("reject_reasons") }),
      OFFICER_REJECT_CODES.filter((c) => cat[c]).map((c) => h("div", { class: "check" },
        h("input", { type: "checkbox", id: `reason-${c}`, name: "reasons", value: c }),
        h("label", { for: `reason-${c}`, text: cat[c][state.lang] }))));
    const radio = (value, label) => h("div", { class: "check" },
      h("input", { type: "radio", id: `decision-${value}`, name: "decision", value, required: true,
        onchange: () => { reasonsBox.hidden = value !== "REJECT"; } }),
      h("label", { for: `decision-${value}`, text: label }));
    return h("form", { class: "card", id: "decision-form", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      fill(error);
      const decision = f.decision.value;
      const codes = [...f.querySelectorAll('input[name="reasons"]:checked')].map((i) => i.value);
      if (!decision) { error.append(h("p", { class: "alert error", role: "alert", text: t("fix_fields") })); return; }
      if (decision === "REJECT" && !codes.length) { error.append(h("p", { class: "alert error", role: "alert", text: t("choose_reason") })); return; }
      const button = f.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        const body = { decision, reasons: decision === "REJECT" ? codes : [] };
        if (f.note.value.trim()) body.note = f.note.value.trim();
        await api("POST", `/review/${encodeURIComponent(id)}/decision`, body);
        error.append(h("p", { class: "alert success", role: "status", id: "decision-done", text: t("decision_sent") }));
        announce(t("decision_sent"));
      } catch (err) {
        error.append(errorBox(err));
        button.disabled = false;
      }
    } },
    h("h2", { text: t("decision") }),
    h("fieldset", {}, h("legend", { text: t("decision") }), radio("APPROVE", t("approve")), radio("REJECT", t("reject"))),
    reasonsBox,
    field("note", t("note"), h("textarea", { id: "note", name: "note", maxlength: 500, rows: 3 })),
    error,
    h("button", { type: "submit", class: "primary", text: t("send_decision") }));
  }

  // --- start ------------------------------------------------------------------------------------------
  $("#lang").addEventListener("click", () => {
    const form = $("#application-form");
    if (form) state.draft = Object.fromEntries(new FormData(form));
    state.lang = state.lang === "id" ? "en" : "id";
    localStorage.setItem(LANG_KEY, state.lang);
    render();
  });
  window.addEventListener("hashchange", render);
  catalogue();
  finishSignIn()
    .catch((err) => { state.signInError = err; })
    .then(() => {
      // replaceState: no hashchange, so one render
      if (state.session && !location.hash) history.replaceState(null, "", state.session.role === "officer" ? "#/queue" : "#/apps");
      render();
    });
})();
