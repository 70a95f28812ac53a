"""Second OCR adapter: rapidocr (PP-OCRv6 small detection and recognition, ONNX, run by onnxruntime).

Where Tesseract is weak, on phone photos of cards (guilloche behind the text, glare, blur) and on pages it reads
with low confidence, a neural detector and recogniser read far better (issue 18). Only the two models bundled
in the rapidocr wheel are used, each file's sha256 checked before it is loaded: rapidocr downloads any other
model at run time, which a Lambda without internet cannot and a service handling personal data must not.
The angle classifier is not used: the pipeline turns an upside-down page itself.

onnxruntime's thread pools are set explicitly (one intra-op thread by default, as Tesseract's one OpenMP
thread): Lambda bills per core, and the default (one thread per visible core) contends with the other page.
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrEngineError, OcrPage, OcrWord
from ektp.ocr.settings import OcrSettings

# The wheel's bundled files (rapidocr 3.10.0) and their sha256: a changed file is refused, not loaded.
MODELS: dict[str, tuple[str, str]] = {
    "Det": ("PP-OCRv6_det_small.onnx", "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f"),
    "Rec": ("PP-OCRv6_rec_small.onnx", "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884"),
}
RAPIDOCR_VERSION = "3.10.0"


class ModelIntegrityError(OcrEngineError):
    """A bundled model file is missing or is not the file pinned here."""


def models_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verified_models(directory: Path | None = None) -> dict[str, Path]:
    """The pinned model files, each checked against its sha256; ModelIntegrityError otherwise."""
    directory = directory or models_dir()
    out: dict[str, Path] = {}
    for task, (name, expected) in MODELS.items():
        path = directory / name
        if not path.is_file():
            raise ModelIntegrityError(f"rapidocr model {name} is missing from {directory}")
        actual = sha256_of(path)
        if actual != expected:
            raise ModelIntegrityError(f"rapidocr model {name} sha256 {actual[:12]}... is not the pinned file")
        out[task] = path
    return out


class RapidOcrEngine:
    name = "rapidocr"
    reads_grey = True  # the pipeline gives it the grey page, not Tesseract's binarised one, and no reread

    def __init__(
        self,
        threads: int | None = None,
        models: Path | None = None,
        det_scale: float | None = None,
        arena: bool = True,
    ) -> None:
        settings = OcrSettings.load()
        self.threads = threads or settings.rapid_threads  # OCR_RAPID_THREADS
        self.det_scale = det_scale or settings.rapid_det_scale  # OCR_RAPID_DET_SCALE
        self._models_dir = models
        # onnxruntime's CPU memory arena: rapidocr turns it off, so every operator of every page allocates and
        # frees its tensors (each page and line strip has its own shape): 15-20% of the engine's CPU on full
        # pages. The same words come out either way; off only to compare.
        self.arena = arena
        self._ocr: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Check the model files and build the sessions (once; the first page pays it, ~0.5 s)."""
        with self._lock:
            if self._ocr is not None:
                return
            paths = verified_models(self._models_dir)
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:  # the image or venv lacks the package: infrastructure
                raise OcrEngineError("rapidocr is not installed") from exc
            ort = "EngineConfig.onnxruntime."
            self._ocr = RapidOCR(
                params={
                    "Global.log_level": "error",
                    "Global.use_cls": False,
                    "Det.model_path": str(paths["Det"]),
                    "Rec.model_path": str(paths["Rec"]),
                    f"{ort}intra_op_num_threads": self.threads,
                    f"{ort}inter_op_num_threads": 1,
                    f"{ort}enable_cpu_mem_arena": self.arena,
                }
            )
            self._ocr._load_det_model().get_preprocess = self._det_preprocess

    def _det_preprocess(self) -> Any:
        """The detector's input (`det_size`). rapidocr's own rule enlarges the shorter side to 736 px: a 134
        px strip of crops became 736 x 4262 and cost 2.5 s of CPU. A page is read at `det_scale` (the
        detector's cost goes with its pixels); the recogniser still reads the lines at full resolution."""
        from rapidocr.ch_ppocr_det.utils import DetPreProcess

        det = self._ocr.text_det
        scale = self.det_scale

        class Scaled(DetPreProcess):
            def resize(self, img: np.ndarray) -> np.ndarray:
                return np.asarray(cv2.resize(img, det_size(img.shape[0], img.shape[1], scale)))

            table: np.ndarray | None = None  # (256, channels): what normalize makes of each level

            def normalize(self, img: np.ndarray) -> np.ndarray:
                """rapidocr's own arithmetic (float64, on every pixel of every channel: a tenth of a second
                on a page) done once for each of the 256 levels and looked up per pixel: the same values,
                as float32, which the detector's input is cast to next anyway."""
                if img.dtype != np.uint8 or img.ndim != 3:
                    return np.asarray(super().normalize(img))
                channels = img.shape[2]
                if self.table is None or self.table.shape[1] != channels:
                    levels = np.repeat(np.arange(256, dtype=np.uint8).reshape(256, 1, 1), channels, axis=2)
                    self.table = np.asarray(super().normalize(levels)[:, 0, :], dtype=np.float32)
                return np.asarray(self.table[img, np.arange(channels)])

        return Scaled(det.limit_side_len, det.limit_type, det.mean, det.std)

    def session_arenas(self) -> dict[str, bool]:
        """Whether each loaded onnxruntime session keeps its CPU memory arena (what `load` asked for, checked)."""
        return {
            task: bool(session.get_session_options().enable_cpu_mem_arena)
            for task, session in self._sessions().items()
        }

    def _sessions(self) -> dict[str, Any]:
        """The loaded onnxruntime sessions by task (none before `load`)."""
        out: dict[str, Any] = {}
        for task, model in (
            ("Det", self._ocr and self._ocr.text_det),
            ("Rec", self._ocr and self._ocr.text_rec),
        ):
            session = getattr(getattr(model, "session", None), "session", None)
            if session is not None:
                out[task] = session
        return out

    def session_threads(self) -> dict[str, int]:
        """Intra-op threads of each loaded onnxruntime session (what the settings asked for, checked)."""
        return {
            task: int(session.get_session_options().intra_op_num_threads)
            for task, session in self._sessions().items()
        }

    def recognize(self, image: GreyImage) -> OcrPage:
        self.load()
        bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
        try:
            out = self._ocr(bgr, use_cls=False, return_word_box=True)
        except Exception as exc:  # onnxruntime errors have no common base: the engine failed, not the page
            raise OcrEngineError(f"rapidocr failed: {type(exc).__name__}") from exc
        return to_page(out, image.shape[1], image.shape[0])


# rapidocr's own rule enlarges an image whose shorter side is under 736 px to that: a photographed card reads
# better for it. A strip of crops is enlarged so its longer side stays within 1600 px at most.
DET_SHORT_SIDE = 736
DET_STRIP_LONG = 1600


def det_size(height: int, width: int, scale: float) -> tuple[int, int]:
    """(width, height) of the detector's input, each side a multiple of 32 (the network's stride): a page
    (shorter side 736 px or more) at `scale`, a card or a strip enlarged as rapidocr does, within limits."""
    short, long = min(height, width), max(height, width)
    enlarged = min(DET_SHORT_SIDE / short, max(1.0, DET_STRIP_LONG / long))
    ratio = scale if short >= DET_SHORT_SIDE else enlarged
    return (
        max(32, round(int(width * ratio) / 32) * 32),
        max(32, round(int(height * ratio) / 32) * 32),
    )


def _box(points: Any) -> tuple[int, int, int, int]:
    """(left, top, width, height) of a polygon's bounding box."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    left, top = np.floor(pts.min(axis=0))
    right, bottom = np.ceil(pts.max(axis=0))
    return int(left), int(top), max(1, int(right - left)), max(1, int(bottom - top))


def _text(raw: str) -> str:
    # The recogniser also knows CJK: its full-width colon and brackets are the Latin ones on these documents.
    return unicodedata.normalize("NFKC", raw).strip()


def to_page(out: Any, width: int, height: int) -> OcrPage:
    """rapidocr's lines (each a box, its text and score) as positioned words; one engine line per detected
    box. The line's text is the reading: its word boxes are estimated from the recogniser's time steps and
    split words at wide letters (`SUMBAW A`), so they place the words only when they spell the same text."""
    words: list[OcrWord] = []
    boxes = [] if out is None or out.boxes is None else out.boxes
    word_results = getattr(out, "word_results", None) or ()
    for index, (box, raw, score) in enumerate(zip(boxes, out.txts or (), out.scores or (), strict=False)):
        line_text = _text(raw)
        parts = word_results[index] if index < len(word_results) and word_results[index] else ()
        placed = [(_text(t), b) for t, _, b in parts if b is not None and _text(t)]
        if placed and " ".join(t for t, _ in placed) == " ".join(line_text.split()):
            for text, wbox in placed:
                left, top, w, h = _box(wbox)
                words.extend(_split(text, float(score), left, top, w, h, index))
            continue
        left, top, w, h = _box(box)
        words.extend(_split(line_text, float(score), left, top, w, h, index))
    return OcrPage(width=width, height=height, words=words)


def _split(text: str, conf: float, left: int, top: int, width: int, height: int, line: int) -> list[OcrWord]:
    """A reading with spaces in it as words, each with a slice of the box in proportion to its length."""
    parts = text.split()
    total = max(1, len(text))
    out: list[OcrWord] = []
    x = float(left)
    for part in parts:
        w = width * len(part) / total
        out.append(
            OcrWord(
                text=part,
                confidence=conf,
                left=int(x),
                top=top,
                width=max(1, round(w)),
                height=height,
                line=line,
            )
        )
        x += w + width / total  # and the space after it
    return out
