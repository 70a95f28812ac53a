"""Default OCR adapter: the Tesseract binary (Debian's tesseract-ocr + tesseract-ocr-ind), TSV output.

One thread (OMP_THREAD_LIMIT=1): OpenMP on two cores was measured 2x slower, and Lambda bills per core.
Page segmentation mode 4 (one column of text of variable sizes) keeps each printed line, including the KK table
rows, as one line (mode 6 dropped large headings); the parsers split lines into cells by the gaps between words.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess

import cv2

from ektp.ocr.engine import GreyImage, OcrEngineError, OcrPage, OcrWord


class TesseractEngine:
    name = "tesseract"

    def __init__(
        self, language: str = "ind", psm: int = 4, timeout_s: float = 30.0, binary: str = "tesseract"
    ):
        self.language = language
        self.psm = psm
        self.timeout_s = timeout_s
        self.binary = binary

    def recognize(self, image: GreyImage) -> OcrPage:
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise OcrEngineError("could not encode the page for tesseract")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        cmd = [self.binary, "stdin", "stdout", "-l", self.language, "--psm", str(self.psm), "--dpi", "300"]
        # Names and codes are not dictionary words: the word lists only push readings towards Indonesian prose.
        cmd += ["-c", "load_system_dawg=0", "-c", "load_freq_dawg=0", "tsv"]
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
        return parse_tsv(proc.stdout.decode("utf-8", errors="replace"), image.shape[1], image.shape[0])


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
