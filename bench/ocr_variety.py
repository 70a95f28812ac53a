"""The variety set (issue 18), per document type and layout: exact fields clean and degraded, the claim checks'
false-mismatch and false-match rates, seconds per page.

    .venv/bin/python -m bench.ocr_variety [--quick] [--per-layout N] [--workers N] [--markdown] [--layouts a,b]
        [--keep FILE]           # also write each page's truth and reading (JSON lines) to FILE
        [--declared]            # each page uploaded as its type, as the upload API reads it (default: blind)
    .venv/bin/python -m bench.ocr_variety --claims-from FILE
                                # the claim rates again from kept readings, without reading a page

Pages come from `tools.docgen.variety` (layouts the extractor was not written for) with a fixed seed; each is
read clean (PNG) and degraded (`tools.docgen.degrade`). For every page, every truth field is declared as it
is (a correct declaration: `mismatch` is a false mismatch) and declared wrong in the ways residents get it
wrong (`wrong_declarations`: one letter of a name changed, day and month swapped, a day or a year off, the
neighbouring NIK or KK number, another village of the same district, another house number or RT, another
choice of a closed list): `match` for any of those is a false match. Seconds per page are end to end
(decode, preprocess, OCR, parse), one Tesseract thread per worker; CPU seconds per page add the worker's own
CPU time and its Tesseract child processes' (resource.RUSAGE_CHILDREN), which a loaded machine does not inflate.
The Tesseract path is the pages only Tesseract read; the second-engine path those rapidocr read as well.
Blind (no type declared) by default, the harder case; `--declared` reads each page as the upload API does, with
the document type the resident uploaded it as (then only a KTP is looked for as a card in its photo).
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from ektp.ocr.models import DocumentKind

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KINDS = ("kk", "akta", "ktp", "skpwni")
SEED = 20261203
VARIANTS = ("clean", "degraded")

# --- wrong declarations ------------------------------------------------------------------------------------

_NAME_FIELDS = ("name", "father_name", "mother_name", "head_of_family")
_REGION_LEVELS = ("village", "district", "regency", "province")
_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "sex": ("LAKI-LAKI", "PEREMPUAN"),
    "religion": ("ISLAM", "KRISTEN", "KATOLIK", "HINDU", "BUDDHA", "KONGHUCU"),
    "marital_status": ("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"),
    "blood_type": ("A", "B", "AB", "O", "A+", "B-", "O+", "-"),
    "citizenship": ("WNI", "WNA"),
    "move_reason": ("PEKERJAAN", "PENDIDIKAN", "KEAMANAN", "KESEHATAN", "PERUMAHAN", "KELUARGA", "LAINNYA"),
    "move_classification": (
        "DALAM SATU DESA/KELURAHAN", "ANTAR DESA/KELURAHAN", "ANTAR KECAMATAN", "ANTAR KABUPATEN/KOTA",
        "ANTAR PROVINSI",
    ),
    "move_type": (
        "KEPALA KELUARGA", "KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA",
        "KEPALA KELUARGA DAN SEBAGIAN ANGGOTA KELUARGA", "ANGGOTA KELUARGA",
    ),
    "valid_until": ("SEUMUR HIDUP", "2031-01-01"),
}  # fmt: skip


def _base(field: str) -> str:
    return field.removeprefix("origin_").removeprefix("destination_")


def _one_letter(name: str, rng: random.Random) -> str:
    """One letter of the name changed: the typo or the sibling's name a resident declares."""
    spots = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(spots)
    vowels = "AEIOU"
    pool = vowels if name[i] in vowels else "BCDFGHJKLMNPRSTWY"
    return name[:i] + rng.choice([c for c in pool if c != name[i]]) + name[i + 1 :]


def _digit_changed(value: str, index: int) -> str:
    """The digit at `index` one up (9 becomes 8): the neighbouring NIK, KK number or serial."""
    d = value[index]
    return value[:index] + (str(int(d) + 1) if d != "9" else "8") + value[index + 1 :]


def _dates(value: str) -> Iterator[tuple[str, str]]:
    d = date.fromisoformat(value)
    if d.day != d.month and d.day <= 12:
        yield "day and month swapped", date(d.year, d.day, d.month).isoformat()
    yield "next day", (d + timedelta(days=1)).isoformat()
    try:
        yield "next year", d.replace(year=d.year + 1).isoformat()
    except ValueError:  # 29 February
        yield "next year", (d + timedelta(days=365)).isoformat()


@cache
def _region_codes() -> dict[tuple[str, str], list[str]]:
    """(level, upper-case name) -> codes: where a truth region name sits, to name its neighbours."""
    from ektp.domain.region import regions

    idx = regions()
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for level in _REGION_LEVELS:
        for code in idx.codes(level):  # type: ignore[arg-type]
            out[(level, (idx.name(code) or "").upper())].append(code)
    return out


def _sibling_region(level: str, name: str, rng: random.Random) -> str | None:
    """Another region of the same level under the same parent (the next village, the district next door)."""
    from ektp.domain.region import regions

    codes = _region_codes().get((level, name.upper()))
    if not codes:
        return None
    idx = regions()
    parent = idx.parent(codes[0])
    siblings = [n.upper() for c, n in idx.children(parent) if n.upper() != name.upper()]
    return rng.choice(siblings) if siblings else None


def wrong_declarations(field: str, value: str, rng: random.Random) -> list[tuple[str, str]]:
    """(how, value) of realistic declarations of `field` that differ from the document's `value`."""
    base = _base(field)
    out: list[tuple[str, str]] = []
    if base in _NAME_FIELDS:
        out.append(("name one letter", _one_letter(value, rng)))
        parts = value.split()
        if len(parts) > 1:
            out.append(("name one word less", " ".join(parts[:-1])))
    elif base in ("nik", "kk_number") or (base == "number" and value.isdigit()):
        out.append(("neighbouring number", _digit_changed(value, len(value) - 1)))
        out.append(("one digit in the middle", _digit_changed(value, len(value) // 2)))
    elif base == "number":
        digits_at = [i for i, c in enumerate(value) if c.isdigit()]
        out.append(("certificate serial", _digit_changed(value, digits_at[-1])))
    elif base.endswith("date"):
        out += list(_dates(value))
    elif base in _REGION_LEVELS:
        other = _sibling_region(base, value, rng)
        if other:
            out.append((f"another {base} next door", other))
    elif base == "place_of_birth":
        other = _sibling_region("regency", "KABUPATEN " + value, rng) or _sibling_region(
            "regency", value, rng
        )
        if other:
            out.append(("another birthplace", re.sub(r"^(KABUPATEN|KOTA)\s+", "", other)))
    elif base == "address":
        m = re.search(r"\d+", value)
        if m:
            out.append(("house number", value[: m.start()] + str(int(m[0]) + 1) + value[m.end() :]))
    elif base in ("rt", "rw"):
        out.append((f"{base} next", f"{int(value) % 999 + 1:03d}"))
    elif base == "postal_code":
        out.append(("postal code next", _digit_changed(value, 4)))
    elif base in _VOCABULARIES:
        others = [v for v in _VOCABULARIES[base] if v != value]
        out.append((f"another {base}", rng.choice(others)))
    elif base in ("issue_place",):
        out.append(("another place", _one_letter(value, rng)))
    return [(how, v) for how, v in out if v and v != value]


# --- the run -----------------------------------------------------------------------------------------------

Job = tuple[str, str, int]  # (kind, layout, pages)


def _warm() -> None:
    from ektp.ocr import extract_document
    from tools.docgen.variety import render_variety

    buf = io.BytesIO()
    render_variety("ktp", "ktp-card-serif", 1, SEED + 7)[0].image.save(buf, format="PNG")
    extract_document(buf.getvalue())


def _claim_counts(
    truth: dict[str, Any], text: list[str], fields: dict[str, Any], rng: random.Random
) -> dict[str, int]:
    from ektp.domain.claims import check_claims

    counts: dict[str, int] = defaultdict(int)
    for name, check in check_claims(truth, text, fields).items():
        counts[f"right_{check.status}"] += 1
        if check.status == "mismatch":
            counts[f"false_mismatch:{name}"] += 1
    for name, value in truth.items():
        for how, wrong in wrong_declarations(name, value, rng):
            check = check_claims({name: wrong}, text, fields)[name]
            counts[f"wrong_{check.status}"] += 1
            if check.status == "match":
                counts[f"false_match:{how}"] += 1
    return dict(counts)


def _work(job: Job) -> list[dict[str, Any]]:
    import cv2

    from ektp.ocr import extract_document
    from tools.docgen import degrade
    from tools.docgen.score import field_matches
    from tools.docgen.variety import render_variety

    cv2.setNumThreads(1)
    kind, layout, count = job
    declared = cast("DocumentKind", kind) if os.environ.get(DECLARED_ENV) else None
    rng = random.Random(f"{SEED}-{layout}-claims")
    rows: list[dict[str, Any]] = []
    for i, doc in enumerate(render_variety(kind, layout, count, SEED)):
        buf = io.BytesIO()
        doc.image.save(buf, format="PNG")
        clean = doc.upload or buf.getvalue()  # a layout's own file when it has one (a phone's EXIF JPEG)
        for variant, data in (("clean", clean), ("degraded", degrade(doc.image, SEED + i))):
            started, cpu = time.perf_counter(), _cpu_now()
            result = extract_document(data, declared_type=declared)
            seconds, cpu_seconds = time.perf_counter() - started, _cpu_now() - cpu
            matches = field_matches(doc, result)
            _keep(kind, layout, variant, doc, result, cpu_seconds)
            rows.append(
                {
                    "kind": kind,
                    "layout": layout,
                    "variant": variant,
                    "seconds": seconds,
                    "cpu_seconds": cpu_seconds,
                    "engines": _engines(result.preprocess),
                    "classified": result.document_type == kind,
                    "exact": sum(matches.values()),
                    "fields": len(matches),
                    "missed": [k.split("].", 1)[-1] for k, ok in matches.items() if not ok],
                    "claims": _claim_counts(
                        doc.fields, result.text, {k: f.model_dump() for k, f in result.fields.items()}, rng
                    ),
                }
            )
    return rows


DECLARED_ENV = "EKTP_BENCH_DECLARED"  # set: each page is read as the type it was uploaded as


def _cpu_now() -> float:
    """CPU seconds of this process (all its threads, rapidocr's too) and of its finished children (Tesseract)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _engines(notes: list[str]) -> str:
    """The engines that read the page (the pipeline's `engines:` note), `tesseract` when it says none."""
    return next((n.split(":", 1)[1] for n in notes if n.startswith("engines:")), "tesseract")


def _speed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Median wall and CPU seconds per page on each path: Tesseract alone, and with the second engine."""
    out: dict[str, Any] = {}
    for path, sel in (
        ("tesseract", [r for r in rows if "," not in r.get("engines", "tesseract")]),
        ("second_engine", [r for r in rows if "," in r.get("engines", "tesseract")]),
    ):
        out[f"{path}_pages"] = len(sel)
        for key in ("seconds", "cpu_seconds"):
            out[f"{path}_{key}"] = round(statistics.median(r[key] for r in sel), 3) if sel else None
    return out


def _keep(kind: str, layout: str, variant: str, doc: Any, result: Any, cpu_seconds: float = 0.0) -> None:
    """Append the page's truth and what was read to the file named by EKTP_BENCH_KEEP (a worker process
    inherits it), so claim rules can be re-scored on the same readings (`--claims-from`)."""
    path = os.environ.get("EKTP_BENCH_KEEP")
    if not path:
        return
    kept = {
        "kind": kind,
        "layout": layout,
        "variant": variant,
        "truth": doc.fields,
        "text": result.text,
        "fields": {k: f.model_dump() for k, f in result.fields.items()},
        # A KK's member rows too: a change to how the table is read is compared cell by cell.
        "members": [{k: f.model_dump() for k, f in row.items()} for row in result.members],
        # The page's CPU seconds and engines: two runs compared page by page, which a loaded machine's
        # drift between runs affects less than their medians.
        "cpu_seconds": round(cpu_seconds, 4),
        "engines": _engines(result.preprocess),
    }
    # One write() on an O_APPEND descriptor: two workers' lines never interleave.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (json.dumps(kept, default=str) + "\n").encode())
    finally:
        os.close(fd)


def claims_from(path: str) -> dict[str, Any]:
    """The claim rates from kept readings: the same declarations (same seed per layout, pages in order)."""
    rows: list[dict[str, Any]] = []
    rngs: dict[str, random.Random] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        rng = rngs.setdefault(page["layout"], random.Random(f"{SEED}-{page['layout']}-claims"))
        counts = _claim_counts(page["truth"], page["text"], page["fields"], rng)
        rows.append(
            {
                **page,
                "seconds": 0.0,
                "cpu_seconds": 0.0,
                "classified": True,
                "exact": 0,
                "fields": 0,
                "missed": [],
            }
        )
        rows[-1]["claims"] = counts
    claims: dict[str, Any] = _rates(rows)["claims"]
    return claims


def _rates(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Exact-field accuracy per variant, claim rates over both variants, median seconds per page."""
    out: dict[str, Any] = {"pages": len(rows)}
    for variant in VARIANTS:
        sel = [r for r in rows if r["variant"] == variant]
        total = sum(r["fields"] for r in sel)
        out[variant] = round(sum(r["exact"] for r in sel) / total, 4) if total else None
        out[f"seconds_{variant}"] = round(statistics.median(r["seconds"] for r in sel), 3) if sel else None
        out[f"classified_{variant}"] = round(sum(r["classified"] for r in sel) / len(sel), 4) if sel else None
    claims: dict[str, int] = defaultdict(int)
    for r in rows:
        for key, n in r["claims"].items():
            claims[key] += n
    right = sum(n for k, n in claims.items() if k.startswith("right_"))
    wrong = sum(n for k, n in claims.items() if k.startswith("wrong_"))
    out["claims"] = {
        "declared_correct": right,
        "declared_wrong": wrong,
        "false_mismatch": round(claims["right_mismatch"] / right, 4) if right else None,
        "correct_not_found": round(claims["right_not_found"] / right, 4) if right else None,
        "false_match": round(claims["wrong_match"] / wrong, 4) if wrong else None,
        "wrong_caught_as_mismatch": round(claims["wrong_mismatch"] / wrong, 4) if wrong else None,
        "false_matches_by_kind": {
            k.split(":", 1)[1]: n for k, n in claims.items() if k.startswith("false_match:")
        },
        "false_mismatches_by_field": {
            k.split(":", 1)[1]: n for k, n in claims.items() if k.startswith("false_mismatch:")
        },
    }
    missed: dict[str, int] = defaultdict(int)
    for r in rows:
        for name in r["missed"]:
            missed[name] += 1
    out["missed_most"] = dict(sorted(missed.items(), key=lambda kv: -kv[1])[:6])
    out["speed"] = _speed(rows)
    return out


def run(
    quick: bool = False,
    per_layout: int | None = None,
    workers: int | None = None,
    only: tuple[str, ...] = (),
) -> dict[str, Any]:
    """`only`: the layouts to read (all when empty), to measure one round of layouts alone."""
    from tools.docgen.variety import LAYOUTS

    chosen = {k: tuple(x for x in v if not only or x in only) for k, v in LAYOUTS.items()}
    per_layout = per_layout or (1 if quick else 8)
    workers = workers or min(2, os.cpu_count() or 1)
    jobs: list[Job] = [(kind, layout, per_layout) for kind in KINDS for layout in chosen[kind]]
    rows: list[dict[str, Any]] = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
    ) as pool:
        for part in pool.map(_work, jobs):
            rows.extend(part)
    report: dict[str, Any] = {
        "seed": SEED,
        "pages_per_layout": per_layout,
        "workers": workers,
        "declared_type": bool(os.environ.get(DECLARED_ENV)),
    }
    report["all"] = _rates(rows)
    report["types"] = {
        kind: {
            **_rates([r for r in rows if r["kind"] == kind]),
            "layouts": {
                layout: _rates([r for r in rows if r["layout"] == layout]) for layout in chosen[kind]
            },
        }
        for kind in KINDS
        if chosen[kind]
    }
    return report


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _pct2(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def markdown(report: dict[str, Any]) -> str:
    """The per-type and per-layout table for docs/benchmarks.md."""
    lines = [
        "| type | layout | exact clean | exact degraded | claim false mismatch | claim false match | s/page clean | s/page degraded |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    def row(kind: str, layout: str, r: dict[str, Any], bold: bool = False) -> str:
        cells = [
            _pct(r["clean"]),
            _pct(r["degraded"]),
            _pct2(r["claims"]["false_mismatch"]),
            _pct2(r["claims"]["false_match"]),
            f"{r['seconds_clean']:.2f}",
            f"{r['seconds_degraded']:.2f}",
        ]
        if bold:
            cells = [f"**{c}**" for c in cells]
        return f"| {kind} | {layout} | " + " | ".join(cells) + " |"

    for kind, entry in report["types"].items():
        for layout, r in entry["layouts"].items():
            lines.append(row(kind, layout, r))
        lines.append(row(kind, "all layouts", entry, bold=True))
    lines.append(row("all", "", report["all"], bold=True))
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--claims-from" in args:
        print(json.dumps(claims_from(args[args.index("--claims-from") + 1]), indent=2))
        sys.exit(0)
    if "--keep" in args:
        os.environ["EKTP_BENCH_KEEP"] = args[args.index("--keep") + 1]
        Path(os.environ["EKTP_BENCH_KEEP"]).unlink(missing_ok=True)
    if "--declared" in args:
        os.environ[DECLARED_ENV] = "1"  # the spawned workers inherit it
    per = int(args[args.index("--per-layout") + 1]) if "--per-layout" in args else None
    n = int(args[args.index("--workers") + 1]) if "--workers" in args else None
    only = tuple(args[args.index("--layouts") + 1].split(",")) if "--layouts" in args else ()
    result = run("--quick" in args, per, n, only)
    print(markdown(result) if "--markdown" in args else json.dumps(result, indent=2))
