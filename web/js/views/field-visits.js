// @ts-check
/* The district's field visits (verifikasi lapangan, issue 20 item 4), on the officer's phone: the open visits of the
   district (whom to ask for and where: name, address, RT/RW, kelurahan/desa, kecamatan; no NIK), then what the visit
   found, with a note and a photo. The photo goes straight to storage through its presigned POST; the answer names
   it. Who visited is the signed-in officer (the API takes it from the token). */
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { store } from "../store.js";
import { failureBox, page } from "./parts.js";

/** @typedef {{ registration_number: string, visit_round: number, requested_at: string, overdue: boolean,
 *   full_name: string, address: string, rt: string, rw: string, village: string, district: string }} Visit */

const OUTCOMES = ["CONFIRMED", "NOT_FOUND", "LIVES_ELSEWHERE", "UNREACHABLE"];

const WORDS = {
  id: {
    title: "Verifikasi lapangan",
    intro:
      "Kunjungan ke alamat domisili yang menunggu di kecamatan Anda, yang paling lama menunggu lebih dulu.",
    none: "Tidak ada kunjungan yang menunggu di kecamatan Anda.",
    round: "Kunjungan ke-",
    overdue: "Terlambat",
    outcome: "Hasil kunjungan",
    CONFIRMED: "Pemohon tinggal di alamat ini",
    NOT_FOUND: "Alamat tidak ditemukan",
    LIVES_ELSEWHERE: "Pemohon tinggal di tempat lain",
    UNREACHABLE: "Pemohon tidak dapat ditemui",
    note: "Catatan petugas (10-500 karakter)",
    photo: "Foto lokasi (wajib untuk tinggal di sini / tinggal di tempat lain)",
    save: "Simpan hasil",
    saved: "Hasil kunjungan tersimpan; permohonan dilanjutkan.",
    queue: "Antrean pemeriksaan",
    upload_failed: "Foto gagal diunggah; coba lagi.",
  },
  en: {
    title: "Field verification",
    intro: "Visits to a declared domicile waiting in your district, the longest waiting first.",
    none: "No visit is waiting in your district.",
    round: "Visit no. ",
    overdue: "Overdue",
    outcome: "What the visit found",
    CONFIRMED: "The applicant lives at this address",
    NOT_FOUND: "The address was not found",
    LIVES_ELSEWHERE: "The applicant lives elsewhere",
    UNREACHABLE: "The applicant could not be met",
    note: "Officer's note (10-500 characters)",
    photo: "Photo of the place (required for lives here / lives elsewhere)",
    save: "Save the outcome",
    saved: "Visit outcome saved; the application goes on.",
    queue: "Review queue",
    upload_failed: "The photo could not be uploaded; try again.",
  },
};

/** @param {string} key */
const w = (key) =>
  /** @type {Record<string, string>} */ (store.lang === "en" ? WORDS.en : WORDS.id)[key] || key;

/** The photo to its presigned POST (fields first, the file last); resolves to the key the answer names.
 * @param {string} number @param {File} file @returns {Promise<string>} */
async function uploadPhoto(number, file) {
  const contentType = file.type === "image/png" ? "image/png" : "image/jpeg";
  const ticket = await api("POST", `/field-visits/${encodeURIComponent(number)}/photo`, {
    content_type: contentType,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, String(value));
  form.append("file", file);
  const response = await fetch(ticket.url, { method: "POST", body: form });
  if (!response.ok) throw new Error(`${w("upload_failed")} (HTTP ${response.status})`);
  return String(ticket.photo_key);
}

/** What the visit found, for one visit. @param {Visit} visit @param {HTMLElement} card */
function outcomeForm(visit, card) {
  const number = visit.registration_number;
  const error = h("div", {});
  const choices = OUTCOMES.map((o) =>
    h(
      "p",
      {},
      h("input", { type: "radio", name: "outcome", value: o, id: `visit-${o}`, required: true }),
      h("label", { for: `visit-${o}`, text: ` ${w(o)}` }),
    ),
  );
  const note = h("textarea", { id: "visit-note", required: true, minlength: 10, maxlength: 500, rows: 3 });
  const photo = h("input", {
    type: "file",
    id: "visit-photo",
    accept: "image/jpeg,image/png",
    capture: "environment",
  });
  const submit = h("button", { type: "submit", id: "visit-save", text: w("save") });
  const form = h(
    "form",
    { class: "visit-form" },
    h("fieldset", {}, h("legend", { text: w("outcome") }), ...choices),
    h("div", { class: "field" }, h("label", { for: "visit-note", text: w("note") }), note),
    h("div", { class: "field" }, h("label", { for: "visit-photo", text: w("photo") }), photo),
    submit,
    error,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fill(error);
    submit.disabled = true;
    try {
      const outcome = String(new FormData(form).get("outcome") || "");
      const file = /** @type {HTMLInputElement} */ (photo).files?.[0] || null;
      // Without the photo the outcome needs, the API answers FIELD_VISIT_PHOTO_REQUIRED, shown below the form.
      const photoKey = file ? await uploadPhoto(number, file) : null;
      const body = { outcome, note: /** @type {HTMLTextAreaElement} */ (note).value, photo_key: photoKey };
      await api("POST", `/field-visits/${encodeURIComponent(number)}/outcome`, body);
      fill(form, h("p", { class: "next-action", id: "visit-done", text: w("saved") }));
      card.classList.add("done");
    } catch (err) {
      error.append(failureBox(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** One visit: whom and where, then its form. @param {Visit} visit */
function visitCard(visit) {
  const card = h("li", { class: "card", "data-number": visit.registration_number });
  const overdue = visit.overdue
    ? [h("p", {}, h("span", { class: "badge warning", text: w("overdue") }))]
    : [];
  card.append(
    h("h2", { text: visit.full_name }),
    h("p", { class: "muted", text: `${visit.registration_number} · ${w("round")}${visit.visit_round}` }),
    ...overdue,
    h(
      "address",
      {},
      h("span", { text: visit.address }),
      h("br", {}),
      h("span", { text: `RT ${visit.rt} / RW ${visit.rw}` }),
      h("br", {}),
      h("span", { text: `${visit.village}, ${visit.district}` }),
    ),
    outcomeForm(visit, card),
  );
  return card;
}

/** The district's open visits. */
export async function viewFieldVisits() {
  const list = h("ul", { id: "visits", class: "cards" });
  try {
    /** @type {Visit[]} */
    const visits = await api("GET", "/field-visits");
    fill(
      list,
      ...(visits.length ? visits.map(visitCard) : [h("li", { id: "visits-none", text: w("none") })]),
    );
  } catch (err) {
    fill(list, h("li", {}, failureBox(err)));
  }
  return page(
    w("title"),
    h("p", {}, h("a", { href: "#/queue", text: `← ${w("queue")}` })),
    h("p", { class: "hint", text: w("intro") }),
    list,
  );
}
