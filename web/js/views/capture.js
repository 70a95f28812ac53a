// @ts-check
/* The officer's capture station (issue 20): find an application of the district waiting for its recording by
   registration number or NIK, compare the person present with the checked photo, then send the face, the
   scanner's fingerprint images and the signature. Who captured is the signed-in officer (the API takes it from
   the token); the scanner's id is the station's setting, kept in this tab. */
import { api } from "../api.js";
import { fill, h } from "../dom.js";
import { store } from "../store.js";
import { failureBox, page, statusBadge } from "./parts.js";

/** @typedef {{ registration_number: string, status: string, full_name: string, birth_date: string, photo_url: string | null }} Arrival */

const DEVICE_KEY = "ektp.capture.device";
const FINGERS = ["RIGHT_INDEX", "LEFT_INDEX", "RIGHT_THUMB", "LEFT_THUMB"];

const WORDS = {
  id: {
    title: "Perekaman biometrik",
    intro: "Cari permohonan kecamatan Anda yang menunggu perekaman, dengan nomor registrasi atau NIK.",
    query: "Nomor registrasi atau NIK",
    search: "Cari",
    none: "Tidak ada permohonan kecamatan Anda yang menunggu perekaman dengan nomor itu.",
    photo: "Foto pada permohonan",
    device: "ID perangkat pemindai",
    confirm: "Saya telah mencocokkan orang yang hadir dengan foto",
    face: "Foto wajah",
    signature: "Tanda tangan",
    RIGHT_INDEX: "Telunjuk kanan",
    LEFT_INDEX: "Telunjuk kiri",
    RIGHT_THUMB: "Ibu jari kanan",
    LEFT_THUMB: "Ibu jari kiri",
    record: "Simpan perekaman",
    recorded: "Perekaman tersimpan; verifikasi dilanjutkan.",
    queue: "Antrean pemeriksaan",
  },
  en: {
    title: "Biometric recording",
    intro: "Find an application of your district waiting for its recording, by registration number or NIK.",
    query: "Registration number or NIK",
    search: "Search",
    none: "No application of your district is waiting for a recording under that number.",
    photo: "Photo on the application",
    device: "Scanner device id",
    confirm: "I have compared the person present with the photo",
    face: "Face photo",
    signature: "Signature",
    RIGHT_INDEX: "Right index",
    LEFT_INDEX: "Left index",
    RIGHT_THUMB: "Right thumb",
    LEFT_THUMB: "Left thumb",
    record: "Save the recording",
    recorded: "Recording saved; verification goes on.",
    queue: "Review queue",
  },
};

/** @param {string} key */
const w = (key) =>
  /** @type {Record<string, string>} */ (store.lang === "en" ? WORDS.en : WORDS.id)[key] || key;

/** A file's bytes as base64 (the API takes the images in JSON). @param {File} file @returns {Promise<string>} */
function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** @param {string} id @param {string} text @param {boolean} [required] */
function fileField(id, text, required = false) {
  const input = h("input", { type: "file", id, accept: "image/jpeg,image/png", required });
  return { input, field: h("div", { class: "field" }, h("label", { for: id, text }), input) };
}

/** The station's form for one arrival. @param {Arrival} arrival @param {HTMLElement} said */
function captureForm(arrival, said) {
  const error = h("div", {});
  const device = h("input", {
    id: "capture-device",
    required: true,
    value: sessionStorage.getItem(DEVICE_KEY) || "",
    autocomplete: "off",
  });
  const confirm = h("input", { type: "checkbox", id: "capture-confirm" });
  const face = fileField("capture-face", w("face"), true);
  const fingers = FINGERS.map((f) => ({
    finger: f,
    ...fileField(`capture-${f}`, w(f), f === "RIGHT_INDEX"),
  }));
  const signature = fileField("capture-signature", w("signature"), true);
  const submit = h("button", { type: "submit", id: "capture-submit", text: w("record") });
  const form = h(
    "form",
    { id: "capture-form" },
    h("div", { class: "field" }, h("label", { for: "capture-device", text: w("device") }), device),
    face.field,
    ...fingers.map((f) => f.field),
    signature.field,
    h("p", {}, confirm, h("label", { for: "capture-confirm", text: ` ${w("confirm")}` })),
    submit,
    error,
  );
  /** @param {HTMLInputElement} input */
  const chosen = (input) => (input.files && input.files[0]) || null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fill(error);
    submit.disabled = true;
    try {
      const deviceId = /** @type {HTMLInputElement} */ (device).value.trim();
      sessionStorage.setItem(DEVICE_KEY, deviceId);
      const faceFile = chosen(/** @type {HTMLInputElement} */ (face.input));
      const signatureFile = chosen(/** @type {HTMLInputElement} */ (signature.input));
      const prints = [];
      for (const f of fingers) {
        const file = chosen(/** @type {HTMLInputElement} */ (f.input));
        if (file) prints.push({ finger: f.finger, data_base64: await base64(file) });
      }
      const body = {
        device_id: deviceId,
        person_confirmed: /** @type {HTMLInputElement} */ (confirm).checked,
        face: { data_base64: faceFile ? await base64(faceFile) : "" },
        fingerprints: prints,
        signature: { data_base64: signatureFile ? await base64(signatureFile) : "" },
      };
      await api("POST", `/capture/${encodeURIComponent(arrival.registration_number)}`, body);
      said.textContent = w("recorded");
      fill(form, h("p", { class: "next-action", id: "capture-done", text: w("recorded") }));
    } catch (err) {
      error.append(failureBox(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** @param {Arrival} arrival @param {HTMLElement} said */
function arrivalCard(arrival, said) {
  return h(
    "li",
    { class: "card", "data-number": arrival.registration_number },
    h("h2", { text: arrival.registration_number }),
    h(
      "p",
      {},
      statusBadge(arrival.status),
      h("span", { text: ` ${arrival.full_name}, ${arrival.birth_date}` }),
    ),
    arrival.photo_url
      ? h(
          "figure",
          {},
          h("img", { src: arrival.photo_url, alt: w("photo"), id: "capture-photo", width: 180 }),
          h("figcaption", { text: w("photo") }),
        )
      : null,
    captureForm(arrival, said),
  );
}

/** The station: search, then record. @param {string} [query] a number or NIK from the URL */
export async function viewCapture(query = "") {
  const said = h("p", { id: "capture-said", role: "status" });
  const results = h("ul", { id: "capture-results", class: "cards" });
  const input = h("input", { id: "capture-query", value: query, required: true, autocomplete: "off" });
  const form = h(
    "form",
    { id: "capture-search", role: "search" },
    h("label", { for: "capture-query", text: w("query") }),
    input,
    h("button", { type: "submit", text: w("search") }),
  );
  const search = async () => {
    const q = /** @type {HTMLInputElement} */ (input).value.trim();
    try {
      /** @type {Arrival[]} */
      const found = await api("POST", "/capture/search", { q });
      fill(
        results,
        ...(found.length
          ? found.map((a) => arrivalCard(a, said))
          : [h("li", { id: "capture-none", text: w("none") })]),
      );
    } catch (err) {
      fill(results, h("li", {}, failureBox(err)));
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  if (query) await search();
  return page(
    w("title"),
    h("p", {}, h("a", { href: "#/queue", text: `← ${w("queue")}` })),
    h("p", { class: "hint", text: w("intro") }),
    form,
    said,
    results,
  );
}
