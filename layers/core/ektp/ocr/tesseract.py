"""Default OCR adapter: Tesseract (Debian's tesseract-ocr + tesseract-ocr-ind), TSV output.

In process through libtesseract's C API where the library loads (the image and the dev machine have it with
the binary): one engine per thread, its model loaded once, instead of a process per page and per crop, which
cost 0.07 s of CPU each before reading anything (two to four calls a page). Elsewhere, or with another binary
named, the binary reads a PNG on stdin. Both give the same TSV for the same pixels and options.

One thread (OMP_THREAD_LIMIT=1): OpenMP on two cores was measured 2x slower, and Lambda bills per core.
Page segmentation mode 4 (one column of text of variable sizes) keeps each printed line, including the KK table
rows, as one line (mode 6 dropped large headings); the parsers split lines into cells by the gaps between words.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import ctypes
import io
import os
import subprocess
import threading
import time
from functools import cache

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrEngineError, OcrPage, OcrWord

DPI = 300
# Names and codes are not dictionary words: the word lists only push readings towards Indonesian prose.
INIT_VARIABLES = {"load_system_dawg": "0", "load_freq_dawg": "0"}
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
LIBRARY = "libtesseract.so.5"
# Loaded by libtesseract already: Debian 12's name, then Debian 13's (the OCR image's base).
LEPTONICA = ("liblept.so.5", "libleptonica.so.6")
DEFAULT_BINARY = "tesseract"


class TesseractEngine:
    name = "tesseract"

    def __init__(
        self,
        language: str = "ind",
        psm: int = 4,
        timeout_s: float = 30.0,
        binary: str = DEFAULT_BINARY,
    ):
        self.language = language
        self.psm = psm
        self.timeout_s = timeout_s
        self.binary = binary

    def recognize(self, image: GreyImage) -> OcrPage:
        lib = _library() if self.binary == DEFAULT_BINARY else None
        if lib is not None:
            tsv = _InProcess.for_thread(lib, self.language).read(image, self.psm, self.timeout_s)
        else:
            tsv = self._run_binary(image)
        return parse_tsv(tsv, image.shape[1], image.shape[0])

    def _run_binary(self, image: GreyImage) -> str:
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise OcrEngineError("could not encode the page for tesseract")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        cmd = [self.binary, "stdin", "stdout", "-l", self.language, "--psm", str(self.psm), "--dpi", str(DPI)]
        for key, value in INIT_VARIABLES.items():
            cmd += ["-c", f"{key}={value}"]
        cmd += ["tsv"]
        try:
            proc = subprocess.run(
                cmd, input=png.tobytes(), capture_output=True, timeout=self.timeout_s, env=env, check=False
            )
        except FileNotFoundError as exc:
            raise OcrEngineError(f"tesseract binary not found: {self.binary}") from exc
        except subprocess.TimeoutExpired as exc:
            raise OcrEngineError(f"tesseract timed out after {self.timeout_s} s") from exc
        if proc.returncode != 0:
            raise OcrEngineError(f"tesseract failed: {proc.stderr.decode(errors='replace')[-300:]}")
        return proc.stdout.decode("utf-8", errors="replace")


@cache
def _library() -> ctypes.CDLL | None:
    """libtesseract with the C API's signatures declared, or None where it does not load (the binary then)."""
    # OpenMP reads its thread limit when the library's runtime starts: one thread, as for the binary.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        lib = ctypes.CDLL(LIBRARY)
    except OSError:
        return None
    p, c, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures: dict[str, tuple[list[type], type | None]] = {
        "TessBaseAPICreate": ([], p),
        "TessBaseAPIInit4": (
            [p, c, c, i, ctypes.POINTER(c), i, ctypes.POINTER(c), ctypes.POINTER(c), ctypes.c_size_t, i],
            i,
        ),
        "TessBaseAPISetPageSegMode": ([p, i], None),
        "TessBaseAPISetVariable": ([p, c, c], i),
        "TessBaseAPISetImage": ([p, c, i, i, i, i], None),
        "TessBaseAPISetSourceResolution": ([p, i], None),
        "TessBaseAPIRecognize": ([p, p], i),
        "TessBaseAPIGetTsvText": ([p, i], ctypes.POINTER(ctypes.c_char)),
        "TessDeleteText": ([ctypes.POINTER(ctypes.c_char)], None),
        "TessBaseAPIClear": ([p], None),
        "TessBaseAPIEnd": ([p], None),
        "TessBaseAPIDelete": ([p], None),
        "TessMonitorCreate": ([], p),
        "TessMonitorSetDeadlineMSecs": ([p, i], None),
        "TessMonitorDelete": ([p], None),
    }
    for name, (args, result) in signatures.items():
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = args, result
    _quiet_leptonica()
    return lib


def _quiet_leptonica() -> None:
    """Leptonica's messages ("Error in boxClipToRectangle") went to the binary's captured stderr; in process
    they would reach the function's log: none (severity 6, L_SEVERITY_NONE)."""
    for name in LEPTONICA:
        with contextlib.suppress(OSError, AttributeError):  # not this name: try the next
            ctypes.CDLL(name).setMsgSeverity(6)
            return


class _InProcess:
    """One TessBaseAPI per thread and language (the API is not thread-safe), initialised once."""

    _local = threading.local()

    def __init__(self, lib: ctypes.CDLL, language: str) -> None:
        self.lib = lib
        self.handle = lib.TessBaseAPICreate()
        atexit.register(self._end)  # freed before the library's own exit checks, which report it as a leak
        keys = (ctypes.c_char_p * len(INIT_VARIABLES))(*(k.encode() for k in INIT_VARIABLES))
        values = (ctypes.c_char_p * len(INIT_VARIABLES))(*(v.encode() for v in INIT_VARIABLES.values()))
        if lib.TessBaseAPIInit4(self.handle, None, language.encode(), 3, None, 0, keys, values, len(keys), 0):
            raise OcrEngineError(f"tesseract could not load the {language!r} model")
        lib.TessBaseAPISetVariable(self.handle, b"user_defined_dpi", str(DPI).encode())
        # Its diagnostics ("Empty page!!") went to the binary's captured stderr; in process, nowhere.
        lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())

    @classmethod
    def for_thread(cls, lib: ctypes.CDLL, language: str) -> _InProcess:
        engines: dict[str, _InProcess] = cls._local.__dict__.setdefault("engines", {})
        if language not in engines:
            engines[language] = cls(lib, language)
        return engines[language]

    def _end(self) -> None:
        self.lib.TessBaseAPIEnd(self.handle)
        self.lib.TessBaseAPIDelete(self.handle)

    def read(self, image: GreyImage, psm: int, timeout_s: float) -> str:
        pixels = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = pixels.shape
        lib, handle = self.lib, self.handle
        lib.TessBaseAPISetPageSegMode(handle, psm)
        lib.TessBaseAPISetImage(handle, pixels.ctypes.data_as(ctypes.c_char_p), w, h, 1, w)
        lib.TessBaseAPISetSourceResolution(handle, DPI)
        monitor = lib.TessMonitorCreate()
        lib.TessMonitorSetDeadlineMSecs(monitor, int(timeout_s * 1000))
        started = time.monotonic()
        try:
            failed = lib.TessBaseAPIRecognize(handle, monitor)
            if time.monotonic() - started >= timeout_s:
                raise OcrEngineError(f"tesseract timed out after {timeout_s} s")
            if failed:
                raise OcrEngineError("tesseract failed to recognise the page")
            text = lib.TessBaseAPIGetTsvText(handle, 0)
            try:
                body = ctypes.string_at(text).decode("utf-8", errors="replace") if text else ""
            finally:
                if text:
                    lib.TessDeleteText(text)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(handle)
        return TSV_HEADER + body


def parse_tsv(tsv: str, width: int, height: int) -> OcrPage:
    words: list[OcrWord] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        line_key = int(row["block_num"]) * 1_000_000 + int(row["par_num"]) * 1000 + int(row["line_num"])
        words.append(
            OcrWord(
                text=text,
                confidence=max(0.0, float(row["conf"])) / 100.0,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                line=line_key,
            )
        )
    return OcrPage(width=width, height=height, words=words)
