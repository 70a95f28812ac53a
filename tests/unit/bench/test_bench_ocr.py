"""The OCR bench's variety figures: per-layout accuracy and claim-check rates computed from page rows."""

from __future__ import annotations

from bench.ocr import _claim_rates, _variety_report
from tools.docgen.variety import LAYOUTS


def _row(kind: str, layout: str, variant: str, hits: int, claims: dict[str, int]) -> dict[str, object]:
    return {
        "kind": kind,
        "layout": layout,
        "variant": variant,
        "seconds": 0.5,
        "detected": kind,
        "matches": {f"f{i}": i < hits for i in range(4)},
        "claims": claims,
    }


def test_claim_rates_count_false_mismatch_and_false_match() -> None:
    rows = [
        _row("ktp", "ktp-digital", "clean", 4, {"right_match": 9, "right_mismatch": 1, "wrong_not_found": 3}),
        _row("ktp", "ktp-digital", "degraded", 4, {"right_match": 10, "wrong_match": 1, "wrong_mismatch": 4}),
    ]
    rates = _claim_rates(rows)
    assert rates["declared_correct"] == 20 and rates["declared_different"] == 8
    assert rates["false_mismatch"] == 0.05 and rates["false_match"] == 0.125 and rates["caught"] == 0.875


def test_variety_report_per_type_and_layout() -> None:
    rows = [
        _row(kind, layout, variant, 3 if variant == "degraded" else 4, {"right_match": 1})
        for kind, layouts in LAYOUTS.items()
        for layout in layouts
        for variant in ("clean", "degraded")
    ]
    report = _variety_report(rows, per_layout=1)
    assert report["accuracy_clean"] == 1.0 and report["accuracy_degraded"] == 0.75
    for kind, layouts in LAYOUTS.items():
        entry = report["types"][kind]
        assert set(entry["layouts"]) == set(layouts)
        assert entry["layouts"][layouts[0]]["degraded"] == 0.75
        assert entry["claims"]["false_mismatch"] == 0.0
