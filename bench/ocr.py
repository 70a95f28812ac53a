"""Document OCR benchmark: per-page latency and exact-match field accuracy, clean versus degraded pages.

    .venv/bin/python bench/ocr.py [--quick] [--workers N]

Documents come from tools.docgen with fixed seeds (100 per type, 5 with --quick); each is read clean
(PNG) and degraded (JPEG: 150 dpi, rotation, blur, uneven light, half of them phone photos in perspective).
Latency is per page, end to end (decode, preprocess, Tesseract one thread, parse), after one warm-up page;
with --workers N (default 1, the one-core figure) pages run in N processes: faster, but latency then includes contention.

The variety set (tools.docgen.variety: three layouts per type the extractor was not written for; 8 pages per
layout, 1 with --quick, clean and degraded) is reported per type and layout under "variety", with the claim
checks' rates; `--variety-only [--per-layout N]` measures only that set.

The photographed set (tools.docgen.photographed: KTP-el cards photographed by a phone on a table; 24 cards, 4
with --quick, `--cards N`) is read three ways, Tesseract alone, rapidocr alone and the pipeline's per-page
choice: exact fields, NIK exact, seconds per page (median, p95) and which engine's reading the choice kept;
"engine_seconds" is each engine's own recognise time per page on the photographed cards and on a sample of
generated A4 pages. It is its own stage: `python -m bench.ocr_photographed [--quick] [--cards N]`.
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
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KINDS = ("kk", "akta", "ktp", "skpwni")
SEED = 20261128
VARIETY_SEED = 20261203
PHOTO_SEED = 20261205
PHOTO_CHUNK = 4


def _warm() -> None:
    """Per worker, before any timed page: imports, region tables, Tesseract's model in the page cache,
    rapidocr's sessions (loaded once per process, as in one Lambda environment)."""
    from ektp.ocr import extract_document, get_engine
    from tools.docgen import generate_documents

    buf = io.BytesIO()
    generate_documents("ktp", 1, SEED + 1)[0].image.save(buf, format="PNG")
    extract_document(buf.getvalue())
    get_engine("rapidocr").recognize(np.asarray(generate_documents("ktp", 1, SEED + 1)[0].image.convert("L")))


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


def _photo_work(job: tuple[int, int]) -> list[dict[str, Any]]:
    """Each photographed card of the slice read by Tesseract alone, rapidocr alone and the pipeline's choice;
    and each engine's own recognise time on the preprocessed card."""
    import cv2

    from ektp.ocr import extract_document, get_engine
    from ektp.ocr.preprocess import decode_colour, decode_image, preprocess
    from ektp.ocr.settings import OcrSettings
    from tools.docgen.photographed import photographed_cards
    from tools.docgen.score import field_matches

    cv2.setNumThreads(1)
    start, count = job
    alone = OcrSettings(second_engine="")
    ways: dict[str, Callable[[bytes], Any]] = {
        "tesseract": partial(extract_document, engine=get_engine("tesseract"), settings=alone),
        "rapidocr": partial(extract_document, engine=get_engine("rapidocr"), settings=alone),
        "chosen": extract_document,
    }
    out: list[dict[str, Any]] = []
    for card in photographed_cards(start + count, PHOTO_SEED, start=start):
        row: dict[str, Any] = {"layout": card.doc.layout, "params": card.params.blur}
        for way, read in ways.items():
            t0, c0 = time.perf_counter(), _cpu()
            result = read(card.data)
            matches = field_matches(card.doc, result)
            row[way] = {
                "seconds": time.perf_counter() - t0,
                "cpu_seconds": _cpu() - c0,
                "readable": result.document_type == "ktp",
                "nik": matches.get("nik", False),
                "exact": sum(matches.values()),
                "fields": len(matches),
                "engine": result.engine,
            }
        row["engine_seconds"] = _engine_seconds(card.data, decode_image, decode_colour, preprocess)
        out.append(row)
    return out


def _engine_seconds(data: bytes, decode_image: Any, decode_colour: Any, preprocess: Any) -> dict[str, float]:
    """Each engine's recognise call alone on the page as the pipeline prepares it for that engine."""
    from ektp.ocr import get_engine
    from ektp.ocr.settings import OcrSettings

    settings = OcrSettings()
    prepared = preprocess(decode_image(data, settings), settings, decode_colour(data))
    out: dict[str, float] = {}
    for name, image in (("tesseract", prepared.image), ("rapidocr", prepared.grey)):
        engine = get_engine(name)
        t0, c0 = time.perf_counter(), _cpu()
        engine.recognize(image)
        out[name] = time.perf_counter() - t0
        out[f"{name}_cpu"] = _cpu() - c0
    return out


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as one): on a machine shared
    with other work, wall time measures the load, CPU time the engine."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _page_engine_seconds(job: tuple[str, int]) -> list[dict[str, float]]:
    """Engine times on generated A4 pages (clean PNG and degraded), for the per-engine figures."""
    from ektp.ocr.preprocess import decode_colour, decode_image, preprocess
    from tools.docgen import degrade, generate_documents

    kind, count = job
    out = []
    for i, doc in enumerate(generate_documents(kind, count, SEED + 7)):
        buf = io.BytesIO()
        doc.image.save(buf, format="PNG")
        for data in (buf.getvalue(), degrade(doc.image, SEED + i)):
            out.append(_engine_seconds(data, decode_image, decode_colour, preprocess))
    return out


def _photographed_report(rows: list[dict[str, Any]], pages: list[dict[str, float]]) -> dict[str, Any]:
    out: dict[str, Any] = {"cards": len(rows), "seed": PHOTO_SEED}
    for way in ("tesseract", "rapidocr", "chosen"):
        sel = [r[way] for r in rows]
        readable = [r for r in sel if r["readable"]]
        exact = sum(r["exact"] for r in sel)
        total = sum(r["fields"] for r in sel)
        entry: dict[str, Any] = {
            "accuracy": round(exact / total, 4) if total else 0.0,
            "nik_exact": sum(r["nik"] for r in sel),
            "readable": len(readable),
            "nik_exact_of_readable": f"{sum(r['nik'] for r in readable)}/{len(readable)}",
            "seconds": _figures([r["seconds"] for r in sel]),
            "cpu_seconds": _figures([r["cpu_seconds"] for r in sel]),
        }
        if way == "chosen":
            kept: dict[str, int] = defaultdict(int)
            for r in sel:
                kept[r["engine"]] += 1
            entry["kept"] = dict(kept)
        out[way] = entry
    engines = ("tesseract", "rapidocr", "tesseract_cpu", "rapidocr_cpu")
    out["engine_seconds"] = {
        "cards": {e: _figures([r["engine_seconds"][e] for r in rows]) for e in engines},
        "a4_pages": {e: _figures([p[e] for p in pages]) for e in engines} if pages else {},
    }
    out["load_average"] = os.getloadavg()[0]  # above the core count, wall times measure the machine's load
    return out


def _pool(workers: int) -> ProcessPoolExecutor:
    """Fresh interpreters (spawn), each warmed before its first timed page."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
    )


def run_photographed(cards: int, workers: int, pages_per_kind: int) -> dict[str, Any]:
    jobs = [(s, min(PHOTO_CHUNK, cards - s)) for s in range(0, cards, PHOTO_CHUNK)]
    rows: list[dict[str, Any]] = []
    pages: list[dict[str, float]] = []
    with _pool(workers) as pool:
        for part in pool.map(_photo_work, jobs):
            rows.extend(part)
        if pages_per_kind:
            for page_part in pool.map(_page_engine_seconds, [(k, pages_per_kind) for k in KINDS]):
                pages.extend(page_part)
    return _photographed_report(rows, pages)


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
    quick: bool = False,
    workers: int | None = None,
    variety_only: bool = False,
    per_layout: int | None = None,
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
    with _pool(workers) as pool:
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
