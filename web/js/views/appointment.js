// @ts-check
/* The resident's biometric-recording appointment (issue 20), on an application's page while it waits for its
   recording (AWAITING_BIOMETRIC_RECORDING): the offices of the district with their free slots, booking or moving
   a slot, cancelling it, or asking for a home visit (elderly, disability, illness: the reason only, never a
   description). The API checks the owner, the status, the office's district and each slot's places. */
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { store } from "../store.js";
import { failureBox } from "./parts.js";

/** @typedef {{ start: string, places_left: number }} Slot */
/** @typedef {{ office_id: string, name: string, address: string, utc_offset_hours: number, slots: Slot[] }} Office */
/** @typedef {{ kind: string, status: string, office_id: string | null, slot_start: string | null, home_visit_reason: string | null }} Booking */
/** @typedef {{ booking: Booking | null, offices: Office[] }} Appointment */

export const WAITING = "AWAITING_BIOMETRIC_RECORDING";

/** This view's words, in both languages (the shared table keeps the statuses). */
const WORDS = {
  id: {
    title: "Jadwal perekaman biometrik",
    intro:
      "Pilih kantor dan jam untuk perekaman sidik jari, wajah, dan tanda tangan. Bawa nomor registrasi Anda.",
    office: "Kantor",
    slot: "Jam",
    places: "tempat tersisa",
    book: "Pesan jadwal",
    move: "Pindahkan jadwal",
    cancel: "Batalkan jadwal",
    booked: "Jadwal Anda",
    cancelled: "Jadwal dibatalkan.",
    visit: "Kunjungan rumah",
    visit_intro: "Tidak dapat datang? Petugas dapat datang ke rumah Anda untuk alasan berikut.",
    reason: "Alasan",
    ELDERLY: "Lanjut usia",
    DISABILITY: "Penyandang disabilitas",
    ILLNESS: "Sakit",
    ask_visit: "Ajukan kunjungan rumah",
    visit_asked: "Kunjungan rumah diajukan; petugas akan menghubungi Anda.",
    none: "Tidak ada jadwal kosong dalam 14 hari ke depan; ajukan kunjungan rumah atau hubungi kantor.",
  },
  en: {
    title: "Biometric recording appointment",
    intro:
      "Choose an office and a time to record your fingerprints, face and signature. Bring your registration number.",
    office: "Office",
    slot: "Time",
    places: "places left",
    book: "Book this time",
    move: "Move my booking",
    cancel: "Cancel my booking",
    booked: "Your appointment",
    cancelled: "Your booking is cancelled.",
    visit: "Home visit",
    visit_intro: "Cannot come? An officer can visit you at home for one of these reasons.",
    reason: "Reason",
    ELDERLY: "Elderly",
    DISABILITY: "Disability",
    ILLNESS: "Illness",
    ask_visit: "Ask for a home visit",
    visit_asked: "Home visit requested; an officer will contact you.",
    none: "No free time in the next 14 days; ask for a home visit or contact the office.",
  },
};

/** @param {keyof WORDS["id"]} key */
const w = (key) => (store.lang === "en" ? WORDS.en : WORDS.id)[key];

/** A slot in the office's own local time (WIB, WITA or WIT). @param {string} iso @param {number} offset */
function localTime(iso, offset) {
  const shifted = new Date(new Date(iso).getTime() + offset * 3600_000);
  const zone = { 7: "WIB", 8: "WITA", 9: "WIT" }[offset] || `UTC+${offset}`;
  const text = shifted.toLocaleString(store.lang === "en" ? "en-GB" : "id-ID", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  });
  return `${text} ${zone}`;
}

/** @param {string} id */
const path = (id) => `/applications/${encodeURIComponent(id)}`;

/**
 * The appointment section of an application's page; empty unless the application waits for its recording.
 * @param {string} id the registration number @param {string} status @param {() => void} refresh the page's
 */
export function appointmentSection(id, status, refresh) {
  if (status !== WAITING) return h("section", { id: "appointment", hidden: true });
  const section = h("section", { id: "appointment", class: "card", "aria-labelledby": "appointment-h" });
  const said = h("p", { id: "appointment-said", role: "status" });
  const error = h("div", {});
  /** @param {() => Promise<void>} action */
  const run = async (action) => {
    fill(error);
    try {
      await action();
      await load();
      refresh();
    } catch (err) {
      error.append(failureBox(err));
    }
  };
  async function load() {
    /** @type {Appointment} */
    const data = await api("GET", `${path(id)}/appointment`);
    fill(
      section,
      h("h2", { id: "appointment-h", text: w("title") }),
      h("p", { class: "hint", text: w("intro") }),
      current(data),
      officeForm(data, run),
      visitForm(run),
      said,
      error,
    );
  }
  /** @param {Appointment} data */
  function current(data) {
    const b = data.booking;
    if (!b || b.status !== "ACTIVE") return null;
    const office = data.offices.find((o) => o.office_id === b.office_id);
    const text =
      b.kind === "HOME_VISIT"
        ? `${w("visit")}: ${w(/** @type {any} */ (b.home_visit_reason))}`
        : `${office ? office.name : b.office_id}, ${localTime(b.slot_start || "", office ? office.utc_offset_hours : 7)}`;
    const cancel = h("button", { type: "button", id: "appointment-cancel", text: w("cancel") });
    cancel.addEventListener("click", () =>
      run(async () => {
        await api("DELETE", `${path(id)}/appointment`);
        said.textContent = w("cancelled");
      }),
    );
    return h(
      "div",
      { id: "appointment-current", class: "next-action" },
      h("strong", { text: `${w("booked")}: ` }),
      h("span", { text }),
      " ",
      cancel,
    );
  }
  /** @param {Appointment} data @param {(a: () => Promise<void>) => Promise<void>} act */
  function officeForm(data, act) {
    const offices = data.offices.filter((o) => o.slots.length);
    if (!offices.length) return h("p", { class: "hint", id: "appointment-none", text: w("none") });
    const officeSelect = h(
      "select",
      { id: "appointment-office" },
      offices.map((o) =>
        h("option", { value: o.office_id, text: `${o.name}${o.address ? ` — ${o.address}` : ""}` }),
      ),
    );
    const slotSelect = h("select", { id: "appointment-slot" });
    const showSlots = () => {
      const office =
        offices.find((o) => o.office_id === /** @type {HTMLSelectElement} */ (officeSelect).value) ||
        offices[0];
      fill(
        slotSelect,
        ...office.slots.map((s) =>
          h("option", {
            value: s.start,
            text: `${localTime(s.start, office.utc_offset_hours)} (${s.places_left} ${w("places")})`,
          }),
        ),
      );
    };
    officeSelect.addEventListener("change", showSlots);
    showSlots();
    const active = data.booking && data.booking.status === "ACTIVE";
    const form = h(
      "form",
      { id: "appointment-form" },
      h("label", { for: "appointment-office", text: w("office") }),
      officeSelect,
      h("label", { for: "appointment-slot", text: w("slot") }),
      slotSelect,
      h("button", { type: "submit", id: "appointment-book", text: active ? w("move") : w("book") }),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(async () => {
        const body = {
          office_id: /** @type {HTMLSelectElement} */ (officeSelect).value,
          slot_start: /** @type {HTMLSelectElement} */ (slotSelect).value,
        };
        await api("POST", `${path(id)}/appointment`, body);
      });
    });
    return form;
  }
  /** @param {(a: () => Promise<void>) => Promise<void>} act */
  function visitForm(act) {
    const reason = h(
      "select",
      { id: "visit-reason" },
      ["ELDERLY", "DISABILITY", "ILLNESS"].map((r) =>
        h("option", { value: r, text: w(/** @type {any} */ (r)) }),
      ),
    );
    const form = h(
      "form",
      { id: "visit-form" },
      h("h3", { text: w("visit") }),
      h("p", { class: "hint", text: w("visit_intro") }),
      h("label", { for: "visit-reason", text: w("reason") }),
      reason,
      h("button", { type: "submit", id: "visit-ask", text: w("ask_visit") }),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(async () => {
        await api("POST", `${path(id)}/home-visit`, {
          reason: /** @type {HTMLSelectElement} */ (reason).value,
        });
        said.textContent = w("visit_asked");
      });
    });
    return form;
  }
  load().catch((err) => section.append(failureBox(err)));
  return section;
}
