"""End to end on generated documents: type detection, field values, and an accuracy floor for CI."""

from __future__ import annotations

import pytest

from ektp.ocr import extract_document
from tests.unit.ocr.conftest import png_bytes
from tools.docgen import RenderedDocument, generate_documents
from tools.docgen.score import field_matches

# Floors for this small fixed-seed set (bench/ocr.py measures 100 documents per type against the targets);
# a regression in preprocessing or parsing drops well below them.
CLEAN_FLOOR = 0.95
DEGRADED_FLOOR = 0.85


@pytest.mark.slow
def test_accuracy_floor_clean_and_degraded(
    documents: dict[str, list[RenderedDocument]], degraded: dict[str, bytes]
) -> None:
    clean_hits = clean_total = 0
    for kind, docs in documents.items():
        for doc in docs:
            result = extract_document(png_bytes(doc))
            assert result.document_type == kind
            matches = field_matches(doc, result)
            clean_hits += sum(matches.values())
            clean_total += len(matches)
    deg_hits = deg_total = 0
    for kind, data in degraded.items():
        result = extract_document(data)
        assert result.document_type == kind
        matches = field_matches(documents[kind][0], result)
        deg_hits += sum(matches.values())
        deg_total += len(matches)
    assert clean_hits / clean_total >= CLEAN_FLOOR, (clean_hits, clean_total)
    assert deg_hits / deg_total >= DEGRADED_FLOOR, (deg_hits, deg_total)


def test_ktp_fields_and_confidences(documents: dict[str, list[RenderedDocument]]) -> None:
    doc = documents["ktp"][1]
    result = extract_document(png_bytes(doc), declared_type="ktp")
    assert result.declared_type_matches is True and result.engine == "tesseract" and result.pages == 1
    for key in ("nik", "name", "birth_date", "religion", "village"):
        assert result.fields[key].value == doc.fields[key]
        assert 0.0 < result.fields[key].confidence <= 1.0
    assert len(result.fields["nik"].value) == 16


def test_kk_members_in_order(documents: dict[str, list[RenderedDocument]]) -> None:
    doc = documents["kk"][1]
    result = extract_document(png_bytes(doc))
    assert result.document_type == "kk"
    assert len(result.members) == len(doc.members)
    for got, want in zip(result.members, doc.members, strict=True):
        assert len(got["nik"].value) == 16 and got["nik"].value.isdigit()
        assert got["relationship"].value == want["relationship"]
        assert got["birth_date"].value == want["birth_date"]
    # One misread digit in a table of small print happens (the benchmark measures how often); more is a bug.
    exact = sum(g["nik"].value == w["nik"] for g, w in zip(result.members, doc.members, strict=True))
    assert exact >= len(doc.members) - 1
    number = result.fields["number"].value
    assert len(number) == 16 and sum(a == b for a, b in zip(number, doc.fields["number"], strict=True)) >= 15


def test_kk_uploaded_as_akta_is_caught(documents: dict[str, list[RenderedDocument]]) -> None:
    result = extract_document(png_bytes(documents["kk"][0]), declared_type="akta")
    assert result.document_type == "kk"
    assert result.declared_type_matches is False
    assert [r.code for r in result.reasons] == ["DOCUMENT_WRONG_TYPE"]
    assert result.fields == {}  # a wrong document is not parsed as the declared one


# Pages from the benchmark's seed that were misread before the field grammars and the glyph reread.
BENCH_SEED = 20261128


def test_kk_blood_types_read_from_lone_glyphs_and_rhesus_signs() -> None:
    # A lone `O` read as `fe)` on the page and as nothing alone; `O+` read as `Ot`.
    doc = generate_documents("kk", 4, BENCH_SEED)[3]
    result = extract_document(png_bytes(doc))
    assert [m["blood_type"].value for m in result.members] == [m["blood_type"] for m in doc.members]
    assert [m["blood_type"] for m in doc.members] == [
        "TIDAK TAHU",
        "TIDAK TAHU",
        "O+",
        "O",
        "TIDAK TAHU",
        "A",
    ]


def test_akta_number_letter_code_read_through_the_kerned_lt() -> None:
    doc = generate_documents("akta", 2, BENCH_SEED)[1]  # read `3205-4T-16121998-3543` before
    result = extract_document(png_bytes(doc))
    assert result.fields["number"].value == doc.fields["number"] == "3205-LT-16121998-3543"
