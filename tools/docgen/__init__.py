"""Synthetic civil-registry documents (KK, akta kelahiran, KTP, SKPWNI) rendered from synthetic residents.

`render.py` draws clean pages with Pillow and returns the ground truth in the OCR output's normalised form;
`degrade.py` turns a clean page into a phone photo or a poor scan. Nothing here is a real document or person.
"""

from tools.docgen.degrade import degrade
from tools.docgen.render import (
    RenderedDocument,
    generate_documents,
    render_akta,
    render_kk,
    render_ktp,
    render_skpwni,
)

__all__ = [
    "RenderedDocument",
    "degrade",
    "generate_documents",
    "render_akta",
    "render_kk",
    "render_ktp",
    "render_skpwni",
]
