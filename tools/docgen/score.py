"""Exact-match scoring of an OCR result against a rendered document's ground truth."""

from __future__ import annotations

from ektp.ocr.models import OcrResult
from tools.docgen.render import RenderedDocument


def field_matches(doc: RenderedDocument, result: OcrResult) -> dict[str, bool]:
    """Each expected field (KK member fields as `members.<name>`, one entry per row) -> read exactly?"""
    out: dict[str, bool] = {}
    for name, expected in doc.fields.items():
        got = result.fields.get(name)
        out[name] = got is not None and got.value == expected
    for i, member in enumerate(doc.members):
        row = result.members[i] if i < len(result.members) else {}
        for name, expected in member.items():
            got = row.get(name)
            out[f"members[{i}].{name}"] = got is not None and got.value == expected
    return out
