"""Document OCR benchmark: per-page latency and exact-match field accuracy, clean versus degraded pages.

    .venv/bin/python bench/ocr.py [--quick] [--workers N]

Documents come from tools.docgen with fixed seeds (100 per type, 5 with --quick); each is read clean
(PNG) and degraded (JPEG: 150 dpi, rotation, blur, uneven light, half of them phone photos in perspective).
Latency is per page, end to end (decode, preprocess, Tesseract one thread, parse), after one warm-up page;
with --workers N (default 1, the one-core figure) pages run in N processes: faster, but latency then includes contention.

The variety set (tools.docgen.variety: three layouts per type the extractor was not written for; 8 pages per
layout, 1 with --quick, clean and degraded) is reported per type and layout under "variety", with the claim
checks' rates; `--variety-only [--per-layout N]` measures only that set.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KINDS = ("kk", "akta", "ktp", "skpwni")
SEED = 20261128
VARIETY_SEED = 20261203


def _warm() -> None:
    """Per worker, before any timed page: imports, region tables, Tesseract's model in the page cache."""
    from ektp.ocr import extract_document
    from tools.docgen import generate_documents

    buf = io.BytesIO()
    generate_documents("ktp", 1, SEED + 1)[0].image.save(buf, format="PNG")
    extract_document(buf.getvalue())


Job = tuple[str, str, int, int]  # (kind, layout or "standard", first document, count)


def _documents(job: Job) -> list[Any]:
    from tools.docgen import generate_documents
    from tools.docgen.variety import render_variety

    kind, layout, start, count = job
    if layout == "standard":
        return generate_documents(kind, start + count, SEED)[start:]
    return render_variety(kind, layout, start + count, VARIETY_SEED)[start:]


def _work(job: Job) -> list[dict[str, Any]]:
    import cv2

    from ektp.ocr import extract_document
    from tools.docgen import degrade
    from tools.docgen.score import field_matches

    cv2.setNumThreads(1)
    kind, layout, start, _ = job
    seed = SEED if layout == "standard" else VARIETY_SEED
    out: list[dict[str, Any]] = []
    # Another page of the same layout, for declared values that differ from the document (claim checks).
    others = _documents((kind, layout, start + 1, job[3])) if layout != "standard" else []
    for i, doc in enumerate(_documents(job)):
        buf = io.BytesIO()
        doc.image.save(buf, format="PNG")
        for variant, data in (("clean", buf.getvalue()), ("degraded", degrade(doc.image, seed + start + i))):
            t0 = time.perf_counter()
            result = extract_document(data)
            elapsed = time.perf_counter() - t0
            out.append(
                {
                    "kind": kind,
                    "layout": layout,
                    "variant": variant,
                    "seconds": elapsed,
                    "detected": result.document_type,
                    "matches": field_matches(doc, result),
                    "claims": _claims(doc, others[i], result) if others else {},
                }
            )
    return out


def _claims(doc: Any, other: Any, result: Any) -> dict[str, int]:
    """Counts of claim-check answers: the page's own values declared (should match) and another page's
    values declared (should not)."""
    from ektp.domain.claims import check_claims

    fields = {k: f.model_dump() for k, f in result.fields.items()}
    right = check_claims(doc.fields, result.text, fields)
    wrong = check_claims(
        {k: v for k, v in other.fields.items() if doc.fields.get(k) not in (None, v)}, result.text, fields
    )
    counts: dict[str, int] = defaultdict(int)
    for check in right.values():
        counts[f"right_{check.status}"] += 1
    for check in wrong.values():
        counts[f"wrong_{check.status}"] += 1
    return dict(counts)


def _accuracy(rows: list[dict[str, Any]]) -> float:
    total = sum(len(r["matches"]) for r in rows)
    return round(sum(sum(r["matches"].values()) for r in rows) / total, 4) if total else 0.0


def _claim_rates(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """False mismatch: a correct declaration answered `mismatch`; caught: a differing declaration answered
    anything but `match` (so 1 - caught is the false-match rate)."""
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        for key, n in r["claims"].items():
            totals[key] += n
    right = sum(n for k, n in totals.items() if k.startswith("right_"))
    wrong = sum(n for k, n in totals.items() if k.startswith("wrong_"))
    return {
        "declared_correct": right,
        "declared_different": wrong,
        "false_mismatch": round(totals["right_mismatch"] / right, 4) if right else None,
        "correct_not_found": round(totals["right_not_found"] / right, 4) if right else None,
        "caught": round(1 - totals["wrong_match"] / wrong, 4) if wrong else None,
        "false_match": round(totals["wrong_match"] / wrong, 4) if wrong else None,
    }


def _variety_report(rows: list[dict[str, Any]], per_layout: int) -> dict[str, Any]:
    """Exact-field accuracy and seconds per page, per type and layout, clean and degraded; the fields missed
    most often, for the next round of work."""
    from tools.docgen.variety import LAYOUTS

    out: dict[str, Any] = {"documents_per_layout": per_layout, "types": {}, "claims": _claim_rates(rows)}
    for variant in ("clean", "degraded"):
        sel = [r for r in rows if r["variant"] == variant]
        out[f"accuracy_{variant}"] = _accuracy(sel)
        out[f"latency_{variant}"] = _figures([r["seconds"] for r in sel])
    for kind in KINDS:
        layouts: dict[str, Any] = {}
        for layout in LAYOUTS[kind]:
            entry: dict[str, Any] = {}
            for variant in ("clean", "degraded"):
                sel = [r for r in rows if r["layout"] == layout and r["variant"] == variant]
                entry[variant] = _accuracy(sel)
                entry[f"seconds_{variant}"] = round(statistics.median(r["seconds"] for r in sel), 3)
                entry[f"classified_{variant}"] = round(sum(r["detected"] == kind for r in sel) / len(sel), 4)
            layouts[layout] = entry
        of_kind = [r for r in rows if r["kind"] == kind]
        misses: dict[str, int] = defaultdict(int)
        for r in of_kind:
            for name, ok in r["matches"].items():
                if not ok:
                    misses[name.split("].", 1)[-1]] += 1
        out["types"][kind] = {
            "accuracy_clean": _accuracy([r for r in of_kind if r["variant"] == "clean"]),
            "accuracy_degraded": _accuracy([r for r in of_kind if r["variant"] == "degraded"]),
            "layouts": layouts,
            "claims": _claim_rates(of_kind),
            "missed_most": dict(sorted(misses.items(), key=lambda kv: -kv[1])[:6]),
        }
    return out


def _figures(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 3),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        "min": round(ordered[0], 3),
        "max": round(ordered[-1], 3),
        "n": len(ordered),
    }


def run(
    quick: bool = False, workers: int | None = None, variety_only: bool = False, per_layout: int | None = None
) -> dict[str, Any]:
    from tools.docgen.variety import LAYOUTS

    # One Tesseract thread per worker and one worker per core: per-page latency stays a one-core figure, and
    # the 800 pages of the full set fit the benchmark's time budget.
    workers = workers or min(2, os.cpu_count() or 1)
    per_kind = 5 if quick else 100
    chunk = 5 if quick else 10
    per_layout = per_layout or (1 if quick else 8)
    jobs: list[Job] = [
        (k, "standard", s, min(chunk, per_kind - s))
        for k in KINDS
        for s in range(0, per_kind, chunk)
        if not variety_only
    ]
    jobs += [(k, layout, 0, per_layout) for k in KINDS for layout in LAYOUTS[k]]
    rows: list[dict[str, Any]] = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
    ) as pool:
        for part in pool.map(_work, jobs):
            rows.extend(part)

    variety = [r for r in rows if r["layout"] != "standard"]
    rows = [r for r in rows if r["layout"] == "standard"]
    report: dict[str, Any] = {"documents_per_type": per_kind, "workers": workers, "types": {}}
    report["variety"] = _variety_report(variety, per_layout)
    if variety_only:
        return report
    for variant in ("clean", "degraded"):
        sel = [r for r in rows if r["variant"] == variant]
        report[f"latency_{variant}"] = _figures([r["seconds"] for r in sel])
        report[f"accuracy_{variant}"] = _accuracy(sel)
    for kind in KINDS:
        entry: dict[str, Any] = {}
        for variant in ("clean", "degraded"):
            sel = [r for r in rows if r["kind"] == kind and r["variant"] == variant]
            per_field: dict[str, list[bool]] = defaultdict(list)
            for r in sel:
                for name, ok in r["matches"].items():
                    base = name.split("].", 1)[1] if name.startswith("members[") else name
                    per_field[("members." if name.startswith("members[") else "") + base].append(ok)
            total = sum(len(v) for v in per_field.values())
            exact = sum(sum(v) for v in per_field.values())
            entry[variant] = {
                "accuracy": round(exact / total, 4) if total else 0.0,
                "classified": round(sum(r["detected"] == kind for r in sel) / len(sel), 4),
                "latency": _figures([r["seconds"] for r in sel]),
                "fields": {k: round(sum(v) / len(v), 4) for k, v in sorted(per_field.items())},
            }
        report["types"][kind] = entry
    return report


if __name__ == "__main__":
    args = sys.argv[1:]
    n = int(args[args.index("--workers") + 1]) if "--workers" in args else None
    per = int(args[args.index("--per-layout") + 1]) if "--per-layout" in args else None
    print(json.dumps(run("--quick" in args, n, "--variety-only" in args, per), indent=2))
