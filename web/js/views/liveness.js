// @ts-check
/* The active liveness check (optional): the API hands out a random head-pose sequence; the front camera takes
   one frame per pose after a short hold; the frames go side by side (each of the challenge's aspect, unmirrored
   as the camera sees them) into one JPEG, uploaded as the LIVENESS document. The biometrics stage checks the
   poses and the face. */
import { api } from "../api.js";
import { announce, fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { uploadDocument } from "../upload.js";
import { failureBox } from "./parts.js";

const POSE_HOLD_MS = 2500;
const FRAME_HEIGHT = 480;

/** @typedef {{ poses: string[], frame_aspect?: string }} Challenge */

/** @param {number} ms */
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The frames of the challenge, one per pose, as one JPEG strip.
 * @param {Challenge} challenge @param {MediaStream} stream @param {HTMLElement} stage @returns {Promise<Blob>}
 */
async function captureStrip(challenge, stream, stage) {
  const [aw, ah] = String(challenge.frame_aspect || "3:4")
    .split(":")
    .map(Number);
  const frameWidth = Math.round((FRAME_HEIGHT * aw) / ah);
  // The preview is mirrored like a mirror (easier to follow); the frames are not (the server expects the
  // camera's own view).
  const video = h("video", {
    id: "liveness-video",
    autoplay: true,
    muted: true,
    playsinline: true,
    class: "mirrored",
  });
  video.muted = true; // the attribute alone does not satisfy every browser's autoplay rule
  video.srcObject = stream;
  const instruction = h("p", { id: "liveness-instruction", class: "pose", "aria-live": "assertive" });
  const counter = h("p", { id: "liveness-counter", class: "muted" });
  stage.hidden = false;
  fill(stage, instruction, counter, video);
  await video.play();
  if (!video.videoWidth)
    await new Promise((r) => video.addEventListener("loadedmetadata", r, { once: true }));
  const canvas = document.createElement("canvas");
  canvas.width = frameWidth * challenge.poses.length;
  canvas.height = FRAME_HEIGHT;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  for (const [i, pose] of challenge.poses.entries()) {
    instruction.textContent = t(`pose_${pose}`);
    instruction.dataset.pose = pose;
    counter.textContent = `${i + 1} / ${challenge.poses.length} · ${t("liveness_hold")}`;
    await pause(POSE_HOLD_MS);
    // The centre of the camera frame at the challenge's aspect, scaled to FRAME_HEIGHT.
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    const cropW = Math.min(vw, (vh * aw) / ah);
    const cropH = (cropW * ah) / aw;
    ctx.drawImage(
      video,
      (vw - cropW) / 2,
      (vh - cropH) / 2,
      cropW,
      cropH,
      i * frameWidth,
      0,
      frameWidth,
      FRAME_HEIGHT,
    );
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error(t("upload_failed")))),
      "image/jpeg",
      0.9,
    ),
  );
}

async function openFrontCamera() {
  try {
    const video = { facingMode: "user", width: { ideal: 1280 }, height: { ideal: 960 } };
    return await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch {
    throw new Error(t("camera_unavailable"));
  }
}

/**
 * The panel on an application's page. @param {string} id the registration number
 * @param {() => Promise<void>} refresh the page's, after the check
 * @param {(doc: import("../upload.js").DocumentState) => void} onPending the page's, while the checks run
 */
export function livenessPanel(id, refresh, onPending) {
  const start = h("button", { type: "button", id: "liveness-start", text: t("liveness_start") });
  const stage = h("div", { id: "liveness-stage", hidden: true });
  const error = h("div", {});
  const section = h(
    "section",
    { id: "liveness", "aria-labelledby": "liveness-h" },
    h("h2", { id: "liveness-h", text: t("liveness") }),
    h("p", { text: t("liveness_intro") }),
    start,
    stage,
    error,
  );
  start.addEventListener("click", async () => {
    fill(error);
    start.disabled = true;
    /** @type {MediaStream | null} */
    let stream = null;
    try {
      const challenge = await api("POST", `/applications/${encodeURIComponent(id)}/liveness-challenge`);
      stream = await openFrontCamera();
      const strip = await captureStrip(challenge, stream, stage);
      stage.hidden = false;
      fill(stage, h("p", { id: "liveness-instruction", text: t("liveness_sending") }));
      const progress = h("progress", { max: 100, value: 0, "aria-label": t("liveness_sending") });
      stage.append(progress);
      const file = new File([strip], "liveness.jpg", { type: "image/jpeg" });
      const doc = await uploadDocument(id, "LIVENESS", file, progress, onPending);
      announce(`${t("doc_LIVENESS")}: ${t(`doc_${doc.status}`)}`);
      stage.hidden = true;
    } catch (err) {
      error.append(failureBox(err));
      stage.hidden = true;
    } finally {
      if (stream) stream.getTracks().forEach((track) => track.stop());
      start.disabled = false;
      await refresh();
    }
  });
  return section;
}
