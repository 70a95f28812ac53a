"""What the OCR path does to stay within its CPU budget (issue 18: a page's median CPU on each engine), asserted
as behaviour, never as timings."""

from __future__ import annotations

import numpy as np

from ektp.ocr.rapid import RapidOcrEngine
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
