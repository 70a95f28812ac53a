"""Shared OCR fixtures: a few fixed-seed generated documents per type, rendered once per session, in memory."""

from __future__ import annotations

import io

import pytest

from ektp.ocr.engine import OcrWord
from ektp.ocr.text import Line
from tools.docgen import RenderedDocument, degrade, generate_documents

SEED = 4242


def png_bytes(doc: RenderedDocument) -> bytes:
    buf = io.BytesIO()
    doc.image.save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="session")
def documents() -> dict[str, list[RenderedDocument]]:
    return {kind: generate_documents(kind, 2, SEED) for kind in ("kk", "akta", "ktp", "skpwni")}


@pytest.fixture(scope="session")
def degraded(documents: dict[str, list[RenderedDocument]]) -> dict[str, bytes]:
    """One degraded page per type: even index a phone photo in perspective, odd a flatbed scan."""
    return {
        kind: degrade(docs[0].image, SEED + i, photo=i % 2 == 0)
        for i, (kind, docs) in enumerate(documents.items())
    }


def ocr_line(y: int, *phrases: str, x: int = 0) -> Line:
    """Words of one printed line as an engine reports them; phrases are set apart by a column gap."""
    words: list[OcrWord] = []
    for phrase in phrases:
        for text in phrase.split():
            words.append(
                OcrWord(text=text, confidence=0.9, left=x, top=y, width=12 * len(text), height=20, line=y)
            )
            x += 12 * len(text) + 8
        x += 200
    return Line(words)


def ocr_cells(y: int, *cells: tuple[int, str], height: int = 20) -> Line:
    """Words of one printed line as an engine reports them, each (x, phrase) set where the page puts it."""
    words: list[OcrWord] = []
    for start, phrase in cells:
        x = start
        for text in phrase.split():
            words.append(
                OcrWord(text=text, confidence=0.9, left=x, top=y, width=12 * len(text), height=height, line=y)
            )
            x += 12 * len(text) + 8
    return Line(words)
