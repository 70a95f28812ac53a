"""Shared OCR fixtures: a few fixed-seed generated documents per type, rendered once per session, in memory."""

from __future__ import annotations

import io

import pytest

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
