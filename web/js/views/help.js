// @ts-check
/* Help requests (issue 20 item 7). Residents: "Bantuan / Help" — ask about one of my applications or not,
   my requests with their state and due time, one request's thread (answer, reply, close). The district's
   helpdesk: its open requests (overdue, then the longest waiting first), one request, the answer.
   Who sees what is the API's decision (functions/api/routes/help.py); these pages only draw it. */
import { api } from "../api.js";
import { announce, field, h } from "../dom.js";
import { t, when } from "../i18n.js";
import { render } from "../router.js";
import { store } from "../store.js";
import { failureBox, page } from "./parts.js";

/** @typedef {"OPEN" | "ANSWERED" | "CLOSED"} HelpState */
/**
 * @typedef {object} HelpSummary
 * @property {string} request_id
 * @property {string} topic
 * @property {HelpState} state
 * @property {string | null} registration_number
 * @property {string} district_code
 * @property {string} opened_at
 * @property {string} updated_at
 * @property {string | null} due_at
 * @property {boolean} overdue
 * @property {number} messages
 */
/** @typedef {HelpSummary & { thread: { at: string, author: "resident" | "helpdesk", message: string }[] }} HelpDetail */

export const TOPICS = ["APPLICATION", "DOCUMENTS", "BIOMETRICS", "CARD", "ACCOUNT", "OTHER"];
const MAX_CHARS = 2000; // ektp.domain.help_requests.MAX_BODY_CHARS

/** @param {HelpState} state */
function stateBadge(state) {
  return h("span", {
    class: `badge help-${state}`,
    "data-state": state,
    text: t(`help_state_${state}`),
  });
}

/** The state, the due time (while it waits for the helpdesk) and the overdue flag. @param {HelpSummary} r */
function facts(r) {
  return h(
    "p",
    { class: "help-facts" },
    stateBadge(r.state),
    r.overdue
      ? h("span", { class: "badge help-overdue", "data-overdue": "true", text: t("help_overdue") })
      : null,
    r.due_at && r.state === "OPEN"
      ? h("span", { class: "muted", text: ` ${t("help_due")}: ${when(r.due_at)}` })
      : null,
  );
}

/** One request in a list, linking to its page. @param {HelpSummary} r @param {string} base "help" or "helpdesk" */
function summaryItem(r, base) {
  return h(
    "li",
    { class: "card help-item", "data-request": r.request_id },
    h("a", {
      href: `#/${base}/${encodeURIComponent(r.request_id)}`,
      class: "regno",
      text: `${t(`help_topic_${r.topic}`)} · ${r.request_id}`,
    }),
    r.registration_number ? h("span", { class: "muted", text: r.registration_number }) : null,
    h("span", { class: "muted", text: `${t("help_opened")}: ${when(r.opened_at)}` }),
    facts(r),
  );
}

/**
 * The requests as cards, or the words for none; `id` names either.
 * @param {string} id @param {HelpSummary[]} list @param {string} base @param {string} noneKey
 */
function requestList(id, list, base, noneKey) {
  return list.length
    ? h(
        "ul",
        { class: "cards", id },
        list.map((r) => summaryItem(r, base)),
      )
    : h("p", { id, text: t(noneKey) });
}

/** The thread, oldest first; `mine` names who "you" are. @param {HelpDetail} r @param {"resident" | "helpdesk"} mine */
function thread(r, mine) {
  const who = (/** @type {string} */ author) =>
    author === mine
      ? t(mine === "resident" ? "help_from_resident" : "help_from_helpdesk")
      : t(author === "helpdesk" ? "help_from_helpdesk" : "help_from_resident_desk");
  return h(
    "section",
    { "aria-labelledby": "help-thread-h" },
    h("h2", { id: "help-thread-h", text: t("help_thread") }),
    h(
      "ol",
      { class: "help-thread", id: "help-thread" },
      r.thread.map((m) =>
        h(
          "li",
          { class: `help-msg from-${m.author}`, "data-author": m.author },
          h("p", { class: "muted", text: `${who(m.author)} · ${when(m.at)}` }),
          h("p", { class: "help-text", text: m.message }),
        ),
      ),
    ),
  );
}

/** A message box with its label, hint and error slot. @param {string} id @param {string} labelKey */
function messageField(id, labelKey) {
  const box = h("textarea", {
    id,
    name: "message",
    rows: "4",
    maxlength: String(MAX_CHARS),
    required: true,
    "aria-describedby": `${id}-hint ${id}-error`,
  });
  return { box, el: field(id, t(labelKey), box, t("help_message_hint"), true) };
}

/**
 * A form that posts once at a time: `send` does the work; failures show in `slot` as an alert that takes focus.
 * @param {HTMLFormElement} form @param {HTMLButtonElement} button @param {HTMLElement} slot
 * @param {() => Promise<void>} send
 */
function guard(form, button, slot, send) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const label = button.textContent;
    button.disabled = true;
    button.textContent = t("help_sending");
    slot.replaceChildren();
    try {
      await send();
    } catch (err) {
      const box = failureBox(err, "server_error");
      slot.replaceChildren(box);
      box.focus();
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
}

/** An empty required message: say so next to the box and move focus there. @param {HTMLTextAreaElement} box */
function missing(box) {
  if (box.value.trim()) return false;
  const error = document.getElementById(`${box.id}-error`);
  if (error) error.textContent = t("help_required");
  box.setAttribute("aria-invalid", "true");
  box.focus();
  return true;
}

// --- residents ------------------------------------------------------------------------------------------

/** The resident's form: topic, about which application (or none, then the district), the message. */
function openForm(/** @type {{ registration_number: string }[]} */ apps) {
  const topic = h(
    "select",
    { id: "help-topic", name: "topic" },
    TOPICS.map((k) => h("option", { value: k, text: t(`help_topic_${k}`) })),
  );
  const about = h(
    "select",
    { id: "help-about", name: "registration_number" },
    h("option", { value: "", text: t("help_about_none") }),
    apps.map((a) => h("option", { value: a.registration_number, text: a.registration_number })),
  );
  if (apps.length) about.value = apps[0].registration_number;
  const district = h("input", {
    id: "help-district",
    name: "district_code",
    inputmode: "decimal",
    autocomplete: "off",
    pattern: "[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}",
    "aria-describedby": "help-district-hint help-district-error",
  });
  const districtField = field("help-district", t("help_district"), district, t("help_district_hint"));
  const showDistrict = () => {
    districtField.hidden = about.value !== "";
  };
  about.addEventListener("change", showDistrict);
  showDistrict();
  const message = messageField("help-message", "help_message");
  const button = h("button", { type: "submit", class: "primary", text: t("help_send") });
  const slot = h("div", { id: "help-open-error" });
  const form = h(
    "form",
    { id: "help-open", class: "card", novalidate: true, "aria-labelledby": "help-new-h" },
    h("h2", { id: "help-new-h", text: t("help_new") }),
    field("help-topic", t("help_topic"), topic),
    apps.length ? field("help-about", t("help_about"), about) : null,
    districtField,
    message.el,
    slot,
    button,
  );
  guard(form, button, slot, async () => {
    if (missing(message.box)) return;
    const code = district.value.trim();
    if (!about.value && !/^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$/.test(code)) {
      const error = document.getElementById("help-district-error");
      if (error) error.textContent = t("help_district_invalid");
      district.setAttribute("aria-invalid", "true");
      district.focus();
      return;
    }
    /** @type {HelpDetail} */
    const opened = await api("POST", "/help-requests", {
      topic: topic.value,
      message: message.box.value.trim(),
      registration_number: about.value || null,
      district_code: about.value ? null : code,
    });
    announce(t("help_sent"));
    location.hash = `#/help/${encodeURIComponent(opened.request_id)}`;
  });
  return form;
}

/** "Bantuan / Help": my requests and a form to open one; with `id`, that one request. @param {string} id */
export async function viewHelp(id) {
  if (id) return viewMine(id);
  // One after the other: the local server answers concurrent requests with one app object, whose request
  // context (the admitted caller) they would share; in Lambda each process takes one request at a time.
  /** @type {HelpSummary[]} */
  const mine = await api("GET", "/help-requests");
  const apps = await api("GET", "/applications").catch(() => []);
  return page(
    t("help_title"),
    h("p", { class: "lead", text: t("help_intro") }),
    openForm(apps),
    h(
      "section",
      { "aria-labelledby": "help-mine-h" },
      h("h2", { id: "help-mine-h", text: t("help_mine") }),
      requestList("help-mine", mine, "help", "help_none"),
    ),
  );
}

/** The heading and facts of one request. @param {HelpDetail} r */
function head(r) {
  return [
    h(
      "p",
      { class: "muted" },
      `${t(`help_topic_${r.topic}`)} · ${r.request_id}`,
      r.registration_number ? ` · ${r.registration_number}` : "",
    ),
    h("div", { id: "help-facts", "aria-live": "polite" }, facts(r)),
  ];
}

/** A reply form (resident) or an answer form (helpdesk) that posts `path` and reloads the page. */
function writeForm(
  /** @type {string} */ formId,
  /** @type {string} */ labelKey,
  /** @type {string} */ sendKey,
  /** @type {string} */ path,
  /** @type {string} */ done,
) {
  const message = messageField(`${formId}-message`, labelKey);
  const button = h("button", { type: "submit", class: "primary", text: t(sendKey) });
  const slot = h("div", {});
  const form = h("form", { id: formId, class: "card", novalidate: true }, message.el, slot, button);
  guard(form, button, slot, async () => {
    if (missing(message.box)) return;
    await api("POST", path, { message: message.box.value.trim() });
    announce(t(done));
    await reload();
  });
  return form;
}

/** Draw the current route again, then put focus on the status line (the page's news). */
async function reload() {
  await render();
  document.getElementById("help-facts")?.setAttribute("tabindex", "-1");
  document.getElementById("help-facts")?.focus();
}

/** Closing the request at `path` (the resident's or the desk's), then the page again. @param {string} path */
function closeButton(path) {
  const close = h("button", { type: "button", id: "help-close", text: t("help_close") });
  close.addEventListener("click", async () => {
    close.disabled = true;
    try {
      await api("POST", `${path}/close`);
      announce(t("help_closed"));
      await reload();
    } catch (err) {
      close.disabled = false;
      close.after(failureBox(err, "server_error"));
    }
  });
  return close;
}

/** One of my requests: the thread, a reply, closing it. @param {string} id */
async function viewMine(id) {
  const path = `/help-requests/${encodeURIComponent(id)}`;
  /** @type {HelpDetail} */
  const r = await api("GET", path);
  const close = closeButton(path);
  return page(
    t("help_request"),
    h("p", {}, h("a", { href: "#/help", text: t("help_back") })),
    head(r),
    thread(r, "resident"),
    r.state !== "CLOSED"
      ? [writeForm("help-reply", "help_reply", "help_reply", `${path}/messages`, "help_replied"), close]
      : null,
  );
}

// --- the district's helpdesk ----------------------------------------------------------------------------

/** Overdue first, then the longest waiting (the API's order is the longest waiting first). @param {HelpSummary[]} list */
export function queueOrder(list) {
  return [...list].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.opened_at.localeCompare(b.opened_at),
  );
}

/** The state the helpdesk's queue shows (open by default; kept while this tab lives). @type {HelpState} */
let deskState = "OPEN";

/** The queue's state picker: a change draws the queue again and keeps focus on the picker. */
function statePicker() {
  const select = h(
    "select",
    { id: "help-state", name: "state" },
    ["OPEN", "ANSWERED", "CLOSED"].map((s) => h("option", { value: s, text: t(`help_state_${s}`) })),
  );
  select.value = deskState;
  select.addEventListener("change", async () => {
    deskState = /** @type {HelpState} */ (select.value);
    await render();
    document.getElementById("help-state")?.focus();
  });
  return field("help-state", t("help_show"), select);
}

/** The helpdesk's queue (open requests first); with `id`, that request and the answer form. @param {string} id */
export async function viewHelpdesk(id) {
  if (id) return viewDeskRequest(id);
  /** @type {HelpSummary[]} */
  const list = queueOrder(await api("GET", `/helpdesk/requests?state=${deskState}`));
  const district = store.session?.district || "";
  return page(
    `${t("help_queue_title")} ${district}`,
    statePicker(),
    requestList(
      "help-queue",
      list,
      "helpdesk",
      deskState === "OPEN" ? "help_queue_none" : "help_queue_empty",
    ),
  );
}

/** One request of the district: the thread and the answer (the reading is audited by the API). @param {string} id */
async function viewDeskRequest(id) {
  const path = `/helpdesk/requests/${encodeURIComponent(id)}`;
  /** @type {HelpDetail} */
  const r = await api("GET", path);
  return page(
    t("help_request"),
    h("p", {}, h("a", { href: "#/helpdesk", text: t("help_back") })),
    head(r),
    thread(r, "helpdesk"),
    r.state !== "CLOSED"
      ? [
          writeForm("help-answer", "help_answer", "help_answer_send", `${path}/answer`, "help_answered"),
          closeButton(path),
        ]
      : null,
  );
}
