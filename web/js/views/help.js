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

/** This page's words, Indonesian first (the rest of the client's come from i18n.js). */
export const HELP_STRINGS = {
  id: {
    help_nav: "Bantuan",
    help_title: "Bantuan",
    help_intro:
      "Tanyakan kepada petugas layanan (helpdesk) kecamatan Anda. Jawaban ditargetkan sebelum batas waktu yang tertera.",
    help_new: "Ajukan pertanyaan",
    help_topic: "Topik",
    help_about: "Tentang permohonan",
    help_about_none: "Bukan tentang permohonan tertentu",
    help_district: "Kode kecamatan Anda",
    help_district_hint: "Contoh: 31.71.01. Diperlukan bila pertanyaan tidak tentang permohonan.",
    help_message: "Pesan",
    help_message_hint: "Paling banyak 2000 karakter. Jangan menulis kata sandi atau kode MFA.",
    help_send: "Kirim",
    help_sending: "Mengirim…",
    help_sent: "Pertanyaan terkirim.",
    help_mine: "Pertanyaan saya",
    help_none: "Belum ada pertanyaan.",
    help_due: "Batas jawaban",
    help_overdue: "Lewat batas waktu",
    help_opened: "Dibuka",
    help_thread: "Percakapan",
    help_from_resident: "Anda",
    help_from_helpdesk: "Helpdesk",
    help_from_resident_desk: "Warga",
    help_reply: "Balas",
    help_replied: "Balasan terkirim.",
    help_close: "Tutup pertanyaan",
    help_closed: "Pertanyaan ditutup.",
    help_back: "Kembali ke daftar",
    help_request: "Pertanyaan",
    help_queue_title: "Antrean bantuan kecamatan",
    help_queue_none: "Tidak ada pertanyaan terbuka.",
    help_answer: "Jawaban",
    help_answer_send: "Kirim jawaban",
    help_answered: "Jawaban terkirim.",
    help_state_OPEN: "Menunggu helpdesk",
    help_state_ANSWERED: "Dijawab",
    help_state_CLOSED: "Ditutup",
    help_topic_APPLICATION: "Permohonan",
    help_topic_DOCUMENTS: "Dokumen",
    help_topic_BIOMETRICS: "Perekaman biometrik",
    help_topic_CARD: "Kartu KTP-el",
    help_topic_ACCOUNT: "Akun",
    help_topic_OTHER: "Lainnya",
    help_required: "Wajib diisi.",
    help_district_invalid: "Isi kode kecamatan seperti 31.71.01.",
  },
  en: {
    help_nav: "Help",
    help_title: "Help",
    help_intro: "Ask your district's helpdesk. An answer is due by the time shown with each request.",
    help_new: "Ask a question",
    help_topic: "Topic",
    help_about: "About application",
    help_about_none: "Not about a particular application",
    help_district: "Your district code",
    help_district_hint: "For example 31.71.01. Needed when the question is not about an application.",
    help_message: "Message",
    help_message_hint: "At most 2000 characters. Never write a password or an MFA code.",
    help_send: "Send",
    help_sending: "Sending…",
    help_sent: "Question sent.",
    help_mine: "My questions",
    help_none: "No questions yet.",
    help_due: "Answer due",
    help_overdue: "Overdue",
    help_opened: "Opened",
    help_thread: "Conversation",
    help_from_resident: "You",
    help_from_helpdesk: "Helpdesk",
    help_from_resident_desk: "Resident",
    help_reply: "Reply",
    help_replied: "Reply sent.",
    help_close: "Close the question",
    help_closed: "Question closed.",
    help_back: "Back to the list",
    help_request: "Question",
    help_queue_title: "District help queue",
    help_queue_none: "No open questions.",
    help_answer: "Answer",
    help_answer_send: "Send the answer",
    help_answered: "Answer sent.",
    help_state_OPEN: "Waiting for the helpdesk",
    help_state_ANSWERED: "Answered",
    help_state_CLOSED: "Closed",
    help_topic_APPLICATION: "Application",
    help_topic_DOCUMENTS: "Documents",
    help_topic_BIOMETRICS: "Biometric recording",
    help_topic_CARD: "KTP-el card",
    help_topic_ACCOUNT: "Account",
    help_topic_OTHER: "Other",
    help_required: "Required.",
    help_district_invalid: "Enter a district code like 31.71.01.",
  },
};

/** A word of this page in the current language. @param {string} key */
export function ht(key) {
  /** @type {Record<string, string>} */
  const words = HELP_STRINGS[store.lang] || HELP_STRINGS.id;
  return words[key] ?? t(key);
}

/** @param {HelpState} state */
function stateBadge(state) {
  return h("span", {
    class: `badge help-${state}`,
    "data-state": state,
    text: ht(`help_state_${state}`),
  });
}

/** The state, the due time (while it waits for the helpdesk) and the overdue flag. @param {HelpSummary} r */
function facts(r) {
  return h(
    "p",
    { class: "help-facts" },
    stateBadge(r.state),
    r.overdue
      ? h("span", { class: "badge help-overdue", "data-overdue": "true", text: ht("help_overdue") })
      : null,
    r.due_at && r.state === "OPEN"
      ? h("span", { class: "muted", text: ` ${ht("help_due")}: ${when(r.due_at)}` })
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
      text: `${ht(`help_topic_${r.topic}`)} · ${r.request_id}`,
    }),
    r.registration_number ? h("span", { class: "muted", text: r.registration_number }) : null,
    h("span", { class: "muted", text: `${ht("help_opened")}: ${when(r.opened_at)}` }),
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
    : h("p", { id, text: ht(noneKey) });
}

/** The thread, oldest first; `mine` names who "you" are. @param {HelpDetail} r @param {"resident" | "helpdesk"} mine */
function thread(r, mine) {
  const who = (/** @type {string} */ author) =>
    author === mine
      ? ht(mine === "resident" ? "help_from_resident" : "help_from_helpdesk")
      : ht(author === "helpdesk" ? "help_from_helpdesk" : "help_from_resident_desk");
  return h(
    "section",
    { "aria-labelledby": "help-thread-h" },
    h("h2", { id: "help-thread-h", text: ht("help_thread") }),
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
  return { box, el: field(id, ht(labelKey), box, ht("help_message_hint"), true) };
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
    button.textContent = ht("help_sending");
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
  if (error) error.textContent = ht("help_required");
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
    TOPICS.map((k) => h("option", { value: k, text: ht(`help_topic_${k}`) })),
  );
  const about = h(
    "select",
    { id: "help-about", name: "registration_number" },
    h("option", { value: "", text: ht("help_about_none") }),
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
  const districtField = field("help-district", ht("help_district"), district, ht("help_district_hint"));
  const showDistrict = () => {
    districtField.hidden = about.value !== "";
  };
  about.addEventListener("change", showDistrict);
  showDistrict();
  const message = messageField("help-message", "help_message");
  const button = h("button", { type: "submit", class: "primary", text: ht("help_send") });
  const slot = h("div", { id: "help-open-error" });
  const form = h(
    "form",
    { id: "help-open", class: "card", novalidate: true, "aria-labelledby": "help-new-h" },
    h("h2", { id: "help-new-h", text: ht("help_new") }),
    field("help-topic", ht("help_topic"), topic),
    apps.length ? field("help-about", ht("help_about"), about) : null,
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
      if (error) error.textContent = ht("help_district_invalid");
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
    announce(ht("help_sent"));
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
    ht("help_title"),
    h("p", { class: "lead", text: ht("help_intro") }),
    openForm(apps),
    h(
      "section",
      { "aria-labelledby": "help-mine-h" },
      h("h2", { id: "help-mine-h", text: ht("help_mine") }),
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
      `${ht(`help_topic_${r.topic}`)} · ${r.request_id}`,
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
  const button = h("button", { type: "submit", class: "primary", text: ht(sendKey) });
  const slot = h("div", {});
  const form = h("form", { id: formId, class: "card", novalidate: true }, message.el, slot, button);
  guard(form, button, slot, async () => {
    if (missing(message.box)) return;
    await api("POST", path, { message: message.box.value.trim() });
    announce(ht(done));
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

/** One of my requests: the thread, a reply, closing it. @param {string} id */
async function viewMine(id) {
  const path = `/help-requests/${encodeURIComponent(id)}`;
  /** @type {HelpDetail} */
  const r = await api("GET", path);
  const close = h("button", { type: "button", id: "help-close", text: ht("help_close") });
  close.addEventListener("click", async () => {
    close.disabled = true;
    try {
      await api("POST", `${path}/close`);
      announce(ht("help_closed"));
      await reload();
    } catch (err) {
      close.disabled = false;
      close.after(failureBox(err, "server_error"));
    }
  });
  return page(
    ht("help_request"),
    h("p", {}, h("a", { href: "#/help", text: ht("help_back") })),
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

/** The helpdesk's queue of open requests; with `id`, that request and the answer form. @param {string} id */
export async function viewHelpdesk(id) {
  if (id) return viewDeskRequest(id);
  /** @type {HelpSummary[]} */
  const list = queueOrder(await api("GET", "/helpdesk/requests?state=OPEN"));
  const district = store.session?.district || "";
  return page(
    `${ht("help_queue_title")} ${district}`,
    requestList("help-queue", list, "helpdesk", "help_queue_none"),
  );
}

/** One request of the district: the thread and the answer (the reading is audited by the API). @param {string} id */
async function viewDeskRequest(id) {
  const path = `/helpdesk/requests/${encodeURIComponent(id)}`;
  /** @type {HelpDetail} */
  const r = await api("GET", path);
  return page(
    ht("help_request"),
    h("p", {}, h("a", { href: "#/helpdesk", text: ht("help_back") })),
    head(r),
    thread(r, "helpdesk"),
    r.state !== "CLOSED"
      ? writeForm("help-answer", "help_answer", "help_answer_send", `${path}/answer`, "help_answered")
      : null,
  );
}
