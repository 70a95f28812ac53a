"""What the OCR path does to stay within its CPU budget (issue 18: a page's median CPU on each engine), asserted
as behaviour, never as timings: the second engine keeps its memory arena; a grey file is decoded once."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ektp.ocr import pipeline
from ektp.ocr.pipeline import stored_grey
from ektp.ocr.rapid import RapidOcrEngine
from ektp.ocr.settings import OcrSettings
from tools.docgen import RenderedDocument


def _words(engine: RapidOcrEngine, image: np.ndarray) -> list[tuple[str, float, int, int, int, int]]:
    page = engine.recognize(image)
    return [(w.text, w.confidence, w.left, w.top, w.width, w.height) for w in page.words]


def test_the_second_engine_keeps_its_memory_arena_and_reads_the_same_words(
    documents: dict[str, list[RenderedDocument]],
) -> None:
    """rapidocr turns onnxruntime's CPU memory arena off, so every operator of every page allocated and freed
    its tensors (15-20% of the engine's CPU on full pages). The engine turns it on for both sessions, and
    reads the same words, positions and confidences as an engine built without it (as rapidocr builds it)."""
    image = np.asarray(documents["ktp"][0].image.convert("L"))
    engine, without = RapidOcrEngine(threads=1), RapidOcrEngine(threads=1, arena=False)
    assert _words(engine, image) == _words(without, image)
    assert engine.session_arenas() == {"Det": True, "Rec": True}  # both loaded by the page's reading
    assert without.session_arenas() == {"Det": False, "Rec": False}


def _encoded(image: np.ndarray, ext: str, *params: int) -> bytes:
    ok, buf = cv2.imencode(ext, image, list(params))
    assert ok
    return buf.tobytes()


def test_a_file_says_whether_it_holds_one_grey_channel() -> None:
    rng = np.random.default_rng(3)
    grey = rng.integers(0, 255, (40, 60), dtype=np.uint8)
    colour = rng.integers(0, 255, (40, 60, 3), dtype=np.uint8)
    assert stored_grey(_encoded(grey, ".png"))
    assert stored_grey(_encoded(grey, ".jpg"))
    assert stored_grey(_encoded(grey, ".jpg", cv2.IMWRITE_JPEG_PROGRESSIVE, 1))  # SOF2
    assert not stored_grey(_encoded(colour, ".png"))
    assert not stored_grey(_encoded(colour, ".jpg"))
    # Grey stored as three channels is not said to be grey: decoded in colour, as before.
    assert not stored_grey(_encoded(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), ".png"))
    # A phone's EXIF segment before the frame header is stepped over.
    jpeg = _encoded(grey, ".jpg")
    exif = b"Exif\x00\x00" + b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00\x00"
    with_exif = jpeg[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + jpeg[2:]
    assert stored_grey(with_exif)
    assert not stored_grey(jpeg[:3])  # cut short: not said
    assert not stored_grey(b"GIF89a")


def test_a_grey_scan_is_decoded_once_and_a_colour_photo_keeps_its_colours(
    documents: dict[str, list[RenderedDocument]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A grey file has no colours to find a card by: it is not decoded a second time in colour (the reading
    is the same, decode_colour answered None for it). A colour photo still is."""
    decoded: list[bytes] = []
    real = pipeline.decode_colour

    def recording(data: bytes) -> np.ndarray | None:
        decoded.append(data)
        return real(data)

    monkeypatch.setattr(pipeline, "decode_colour", recording)
    page = np.asarray(documents["kk"][0].image.convert("L"))
    for data in (_encoded(page, ".png"), _encoded(page, ".jpg", cv2.IMWRITE_JPEG_QUALITY, 90)):
        loaded = pipeline._load_pages(data, OcrSettings())
        assert not isinstance(loaded[0], str)
        assert loaded[0][0].colour is None
        assert real(data) is None  # what the second decode would have answered
    assert decoded == []
    tinted = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    tinted[:, :, 0] = np.maximum(tinted[:, :, 0], 90)  # a blue cast: colours to find a card by
    data = _encoded(tinted, ".jpg")
    loaded = pipeline._load_pages(data, OcrSettings())
    assert not isinstance(loaded[0], str)
    assert loaded[0][0].colour is not None
    assert decoded == [data]


def test_the_detector_input_is_rapidocrs_own_to_the_bit_from_a_table_of_levels(
    documents: dict[str, list[RenderedDocument]],
) -> None:
    """rapidocr normalises the detector's input in float64 on every pixel of every channel; the engine looks
    each of the 256 levels up instead. The input is the same, bit for bit, on a page and on a tinted photo."""
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    engine = RapidOcrEngine(threads=1)
    engine.load()
    ours = engine._det_preprocess()
    det = engine._ocr.text_det

    class Theirs(DetPreProcess):  # rapidocr's arithmetic at the engine's detector size
        resize = type(ours).resize

    theirs = Theirs(det.limit_side_len, det.limit_type, det.mean, det.std)
    page = np.asarray(documents["kk"][0].image.convert("L"))
    tinted = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    tinted[:, :, 0] = np.maximum(tinted[:, :, 0], 90)
    for image in (cv2.cvtColor(page, cv2.COLOR_GRAY2BGR), tinted):
        mine, reference = ours(image), theirs(image)
        assert mine.dtype == reference.dtype == np.float32
        assert np.array_equal(mine, reference)
    assert ours.table is not None and ours.table.shape == (256, 3)  # looked up, not computed per pixel
