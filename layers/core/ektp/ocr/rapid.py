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
import itertools
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
            out = self._ocr(bgr, use_cls=False, return_word_box=True, return_single_char_box=True)
        except Exception as exc:  # onnxruntime errors have no common base: the engine failed, not the page
            raise OcrEngineError(f"rapidocr failed: {type(exc).__name__}") from exc
        grey = image if image.ndim == 2 else np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)
        return to_page(spaced_lines(out, grey), image.shape[1], image.shape[0])


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


# --- word breaks the recogniser lost -----------------------------------------------------------------------

# A space the recogniser lost, as (share, gap, step): a run of columns each within `share` of the way from the
# paper's grey to the print's, `gap` of the box's height wide or wider (letters of one word stand a tenth of it
# apart or touch), across which the letters' centres stand `step` times the word's pitch apart at least (a
# space adds a third to a half of a letter's width; a typewriter's narrow letter sits in a full cell). A looser
# tier for blurred photos (paper mostly, a third further apart) split names at letters faded by glare
# (`ROM AULI`) on the variety set: not used.
SPACE_TIERS = ((0.1, 0.25, 1.2),)
SPACED_MIN_CHARS = 5  # a word read this long or longer is looked at for a space the recogniser lost


class _Lines:
    """rapidocr's output as `to_page` reads it: boxes, texts, scores and per-line word boxes."""

    def __init__(self, boxes: Any, txts: Any, scores: Any, word_results: Any) -> None:
        self.boxes, self.txts, self.scores, self.word_results = boxes, txts, scores, word_results


def spaced_lines(out: Any, grey: GreyImage) -> Any:
    """The output with each line's words boxed from its characters' boxes, and a word the recogniser read
    without a space (`NIASSELATAN`, `YULISRIWIDODO`: a narrow space in a phone photo) split where its print
    has a blank as wide as a space between two letters and no character of the reading falls in that blank
    (a letter faded by glare is a blank with a character read in it). The output as it is when it holds no
    character boxes."""
    if out is None or out.boxes is None or not getattr(out, "word_results", None):
        return out
    txts: list[str] = []
    words: list[tuple[tuple[str, float, Any], ...]] = []
    for index, raw in enumerate(out.txts or ()):
        chars = out.word_results[index] if index < len(out.word_results) else ()
        line = _words_of_chars(_text(raw), chars, grey)
        if line is None:
            txts.append(raw)
            words.append(())
            continue
        txts.append(" ".join(text for text, _, _ in line))
        words.append(tuple(line))
    return _Lines(out.boxes, txts, out.scores, tuple(words))


Char = tuple[str, float, tuple[float, float, float, float]]  # text, confidence, (left, top, right, bottom)


def _words_of_chars(line_text: str, chars: Any, grey: GreyImage) -> list[tuple[str, float, Any]] | None:
    """The line's words (text, confidence, box polygon), each split where `_space_at` finds a lost space;
    None when the characters do not spell the line."""
    placed: list[Char] = []
    for item in chars or ():
        if len(item) != 3 or item[2] is None:
            return None
        left, top, w, h = _box(item[2])
        placed.append((_text(item[0]), float(item[1]), (left, top, left + w, top + h)))
    if "".join(c[0] for c in placed) != "".join(line_text.split()):
        return None
    out: list[tuple[str, float, Any]] = []
    pos = 0
    for word in line_text.split():
        group: list[Char] = []
        while len("".join(c[0] for c in group)) < len(word):
            group.append(placed[pos])
            pos += 1
        for part in _split_at_spaces(group, grey):
            out.append(_word(part))
    return out


def _word(chars: list[Char]) -> tuple[str, float, Any]:
    left, top = min(c[2][0] for c in chars), min(c[2][1] for c in chars)
    right, bottom = max(c[2][2] for c in chars), max(c[2][3] for c in chars)
    text = "".join(c[0] for c in chars)
    confidence = sum(c[1] for c in chars) / len(chars)
    return text, confidence, [[left, top], [right, top], [right, bottom], [left, bottom]]


def _split_at_spaces(chars: list[Char], grey: GreyImage) -> list[list[Char]]:
    if len(chars) < SPACED_MIN_CHARS:
        return [chars]
    at = _space_at(chars, grey)
    if at is None:
        return [chars]
    return [*_split_at_spaces(chars[:at], grey), *_split_at_spaces(chars[at:], grey)]


def _space_at(chars: list[Char], grey: GreyImage) -> int | None:
    """Where a space belongs in a word read without one: the index of the first character after the widest
    run of paper across the word's box (each column's third darkest pixel: the paper's grain is a pixel or two,
    a letter faded by glare still holds ink) of the first of SPACE_TIERS that finds one, with print on both
    sides, no character's centre in it and two letters on either side (a space is between words; a date's
    digits or an initial's stop set apart are no word break)."""
    left = max(0, int(min(c[2][0] for c in chars)))
    top, right = max(0, int(min(c[2][1] for c in chars))), max(0, int(max(c[2][2] for c in chars)))
    bottom = max(0, int(max(c[2][3] for c in chars)))
    crop = grey[top:bottom, left:right]
    if crop.shape[0] < 4 or crop.shape[1] < 4:
        return None
    paper, ink = (float(v) for v in np.percentile(crop, (90, 5)))
    if paper - ink < 40:
        return None
    darkest = np.partition(crop, 2, axis=0)[2]
    centres = [(c[2][0] + c[2][2]) / 2 - left for c in chars]
    letters = "".join(c[0] for c in chars)
    pitch = float(np.median(np.diff(centres)))
    best: tuple[int, int] | None = None  # (width, index)
    for share, gap, step in SPACE_TIERS:
        clear = darkest >= paper - share * (paper - ink)
        edges = np.flatnonzero(np.diff(clear.astype(np.int8)))  # where paper starts and ends
        for a, b in itertools.pairwise(edges):  # a run from a + 1 to b, between print on both sides
            width = int(b - a)
            if not clear[a + 1] or width < gap * crop.shape[0] or any(a < x <= b for x in centres):
                continue  # a run of print, or too narrow, or a letter read in it
            index = sum(1 for x in centres if x <= a)
            if index < 2 or len(chars) - index < 2 or not letters[index - 2 : index + 2].isalpha():
                continue
            if centres[index] - centres[index - 1] < step * pitch:
                continue  # letters a pitch apart: the paper beside a narrow one (`I` in a typewriter's cell)
            if best is None or width > best[0]:
                best = (width, index)
        if best is not None:
            break
    return best[1] if best is not None else None
