"""The variety bench's wrong declarations and its per-type/per-layout rates (bench.ocr_variety), no OCR."""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bench.ocr_variety import _keep, _rates, claims_from, markdown, wrong_declarations
from ektp.domain.region import regions


def _kinds(field: str, value: str) -> dict[str, str]:
    return dict(wrong_declarations(field, value, random.Random(7)))


def test_wrong_declarations_differ_the_ways_residents_get_them_wrong() -> None:
    name = _kinds("name", "ARIF SAPUTRA")
    one = name["name one letter"]
    assert one != "ARIF SAPUTRA" and len(one) == len("ARIF SAPUTRA")
    assert sum(a != b for a, b in zip(one, "ARIF SAPUTRA", strict=True)) == 1
    assert name["name one word less"] == "ARIF"
    assert _kinds("birth_date", "1998-03-07")["day and month swapped"] == "1998-07-03"
    assert "day and month swapped" not in _kinds("birth_date", "1998-03-28")  # no 28th month
    assert _kinds("nik", "3507142803980030")["neighbouring number"] == "3507142803980031"
    assert _kinds("number", "3507-LT-28031998-0409")["certificate serial"] == "3507-LT-28031998-0408"
    assert _kinds("rt", "009")["rt next"] == "010"
    assert _kinds("sex", "PEREMPUAN")["another sex"] == "LAKI-LAKI"


def test_another_village_is_a_real_one_of_the_same_district() -> None:
    idx = regions()
    district = idx.codes("district")[0]
    (code, name), *_ = idx.children(district)
    other = _kinds("destination_village", name.upper())["another village next door"]
    assert other != name.upper()
    assert other in {n.upper() for _, n in idx.children(district)}


def _row(layout: str, variant: str, exact: int, claims: dict[str, int]) -> dict[str, Any]:
    return {
        "kind": "ktp",
        "layout": layout,
        "variant": variant,
        "seconds": 1.0,
        "cpu_seconds": 0.5 if variant == "clean" else 2.0,
        "engines": "tesseract" if variant == "clean" else "tesseract,rapidocr",
        "classified": True,
        "exact": exact,
        "fields": 10,
        "missed": ["nik"] * (10 - exact),
        "claims": claims,
    }


def test_rates_and_the_table() -> None:
    rows = [
        _row(
            "ktp-a",
            "clean",
            10,
            {"right_match": 19, "right_mismatch": 1, "wrong_match": 1, "wrong_mismatch": 9},
        ),
        _row("ktp-a", "degraded", 9, {"right_match": 20, "wrong_not_found": 10}),
    ]
    rates = _rates(rows)
    assert rates["clean"] == 1.0 and rates["degraded"] == 0.9
    assert rates["claims"]["false_mismatch"] == 0.025 and rates["claims"]["false_match"] == 0.05
    # The degraded page was read by the second engine too: each path's own CPU median.
    assert rates["speed"]["tesseract_pages"] == 1 and rates["speed"]["tesseract_cpu_seconds"] == 0.5
    assert rates["speed"]["second_engine_pages"] == 1 and rates["speed"]["second_engine_cpu_seconds"] == 2.0
    report = {"types": {"ktp": {**rates, "layouts": {"ktp-a": rates}}}, "all": rates}
    table = markdown(report)
    assert "| ktp | ktp-a | 100.0% | 90.0% | 2.50% | 5.00% | 1.00 | 1.00 |" in table


def test_kept_readings_are_scored_again_without_reading_a_page(tmp_path: Path, monkeypatch: Any) -> None:
    """`--keep` writes what each page read; `--claims-from` answers the same declarations from it: a correct
    one found, a wrong one not matched, and a label holding a closed value's words is no evidence of it."""
    kept = tmp_path / "kept.jsonl"
    monkeypatch.setenv("EKTP_BENCH_KEEP", str(kept))
    page = SimpleNamespace(fields={"name": "ARIF SAPUTRA", "move_type": "ANGGOTA KELUARGA"})
    text = ["Nama Kepala Keluarga : ARIF SAPUTRA", "Jenis Kepindahan : ANGGOTA KELUARGA"]
    read = SimpleNamespace(text=text, fields={}, members=[], preprocess=["engines:tesseract"])
    _keep("skpwni", "skpwni-x", "clean", page, read)
    _keep("skpwni", "skpwni-x", "degraded", page, read)
    assert len(kept.read_text().splitlines()) == 2
    assert json.loads(kept.read_text().splitlines()[0])["engines"] == "tesseract"  # per page, to compare runs
    claims = claims_from(str(kept))
    assert claims["declared_correct"] == 4 and claims["false_mismatch"] == 0.0
    assert claims["declared_wrong"] > 0 and claims["false_match"] == 0.0, claims


def test_declared_reads_each_page_as_the_type_it_was_uploaded_as(monkeypatch: Any) -> None:
    """`--declared` measures the upload API's call (the resident names the document); blind by default."""
    import ektp.ocr
    from bench import ocr_variety
    from ektp.ocr.models import OcrResult

    declared: list[object] = []

    def extract(data: bytes, declared_type: object = None, **_: object) -> OcrResult:
        declared.append(declared_type)
        return OcrResult(document_type=None, engine="fake")

    monkeypatch.setattr(ektp.ocr, "extract_document", extract)
    monkeypatch.delenv("EKTP_BENCH_KEEP", raising=False)
    monkeypatch.delenv(ocr_variety.DECLARED_ENV, raising=False)
    ocr_variety._work(("akta", "akta-kutipan", 1))
    monkeypatch.setenv(ocr_variety.DECLARED_ENV, "1")
    ocr_variety._work(("akta", "akta-kutipan", 1))
    assert declared == [None, None, "akta", "akta"]  # clean and degraded, blind then declared
