"""What a page costs (issue 18, speed): Tesseract in process reads as the binary does, a page is read the
wrong way up only when its upright reading is weak, the second engine reads only the way the first found,
rapidocr's detector does not enlarge a strip of crops, and the result names the engines that read.

(Seconds go to `make bench`, bench/ocr_variety.py; these tests count calls and compare readings.)"""

from __future__ import annotations

import numpy as np
import pytest

from ektp.ocr import extract_document
from ektp.ocr.engine import GreyImage, OcrEngine, OcrEngineError, OcrPage
from ektp.ocr.settings import OcrSettings
from ektp.ocr.tesseract import TesseractEngine, _library
from tests.unit.ocr.test_ocr_bad_pages import _letter, _png  # text of no known form
from tools.docgen.variety import render_variety

SEED = 1818


class Counting:
    """Wraps an engine and keeps the shape of each image it was given."""

    def __init__(self, inner: OcrEngine, name: str = "tesseract") -> None:
        self.inner = inner
        self.name = name
        self.shapes: list[tuple[int, ...]] = []
        if getattr(inner, "reads_grey", False):
            self.reads_grey = True

    def recognize(self, image: GreyImage) -> OcrPage:
        self.shapes.append(image.shape)
        return self.inner.recognize(image)


class Nothing:
    """A second engine that finds no text (and counts the pages it was given)."""

    name = "rapidocr"
    reads_grey = True

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: GreyImage) -> OcrPage:
        self.calls += 1
        return OcrPage(width=image.shape[1], height=image.shape[0], words=[])


def _page_reads(engine: Counting) -> int:
    """Whole-page reads: calls given the page's shape (the first call's), not a strip of crops."""
    return sum(shape == engine.shapes[0] for shape in engine.shapes)


def test_in_process_tesseract_reads_a_page_as_the_binary_does() -> None:
    if _library() is None:
        pytest.skip("libtesseract is not installed here: the binary is the only way")
    doc = render_variety("ktp", "ktp-card-serif", 1, SEED)[0]
    grey = np.asarray(doc.image.convert("L"), dtype=np.uint8)
    in_process = TesseractEngine().recognize(grey)
    binary = TesseractEngine(binary="/usr/bin/tesseract").recognize(grey)  # another name: the binary runs
    assert in_process.words and in_process == binary


def test_in_process_tesseract_refuses_an_image_too_large_as_an_engine_error() -> None:
    if _library() is None:
        pytest.skip("libtesseract is not installed here")
    with pytest.raises(OcrEngineError):
        TesseractEngine().recognize(np.full((40, 33_000), 255, np.uint8))  # Tesseract's limit is 32767 px


def test_upright_page_of_no_known_type_is_not_read_turned() -> None:
    engine = Counting(TesseractEngine())
    settings = OcrSettings(second_engine="")
    result = extract_document(_png(_letter()), engine=engine, settings=settings)
    assert result.document_type is None
    assert _page_reads(engine) == 1  # upright only: its words read with confidence
    assert "engines:tesseract" in result.preprocess


def test_weak_upright_reading_is_still_read_turned() -> None:
    """The threshold is what decides: above every confidence, the turned reading is tried as before."""
    engine = Counting(TesseractEngine())
    settings = OcrSettings(second_engine="", upright_above=1.0)
    extract_document(_png(_letter()), engine=engine, settings=settings)
    assert _page_reads(engine) == 2


def test_second_engine_reads_only_the_way_the_first_found() -> None:
    doc = render_variety("ktp", "ktp-card-serif", 1, SEED)[0]
    second = Nothing()
    # A second reading for every page (below a confidence no reading reaches), turned by the first engine.
    settings = OcrSettings(second_below=1.0)
    result = extract_document(
        _png(doc.image.rotate(180)),
        declared_type="ktp",
        settings=settings,
        second=second,
    )
    assert "rotated:180" in result.preprocess
    assert second.calls == 1  # before: upright, then turned
    assert "engines:tesseract,rapidocr" in result.preprocess


def test_rapid_detector_does_not_enlarge_a_strip_of_crops_and_reads_a_page_smaller() -> None:
    from ektp.ocr.rapid import RapidOcrEngine, det_size

    engine = RapidOcrEngine(threads=1, det_scale=0.6)
    engine.load()
    strip = np.zeros((134, 776, 3), np.uint8)
    # rapidocr's own rule (shorter side to 736 px) made this strip 736 x 4262.
    assert engine._ocr.text_det.get_preprocess().resize(strip).shape[:2] == (288, 1600)
    assert det_size(1088, 1408, 0.6) == (832, 640)  # an A4 page, its text at 16 px
    assert det_size(600, 950, 0.6) == (1152, 736)  # a card: enlarged as rapidocr does


def test_in_process_tesseract_keeps_its_timeout() -> None:
    """The binary was killed after `timeout_s`; in process, the API's deadline stops the page and the engine
    answers with an engine error (infrastructure, retried), not a partial reading."""
    if _library() is None:
        pytest.skip("libtesseract is not installed here")
    doc = render_variety("kk", "kk-2018", 1, SEED)[0]
    grey = np.asarray(doc.image.convert("L"), dtype=np.uint8)
    with pytest.raises(OcrEngineError, match="timed out"):
        TesseractEngine(timeout_s=0.001).recognize(grey)
    assert TesseractEngine().recognize(grey[:400]).words  # the thread's engine reads on after it


def test_the_tesseract_engine_takes_the_operators_timeout_and_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OCR_TESSERACT_TIMEOUT_S was defined but never reached the engine (it always waited 30 s): a slower
    deployment could not give Tesseract longer, nor a faster one cut a stuck page sooner."""
    from ektp.ocr import get_engine

    monkeypatch.setenv("OCR_TESSERACT_TIMEOUT_S", "75")
    monkeypatch.setenv("OCR_LANGUAGE", "eng")
    engine = get_engine("tesseract")
    assert isinstance(engine, TesseractEngine)
    assert engine.timeout_s == 75.0 and engine.language == "eng"
