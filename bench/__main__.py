"""`make bench`: every stage benchmark, each in a fresh interpreter, then the results file, report and plots.

    python -m bench [--quick] [--only a,b,c] [--out bench-results]

Each stage runs in its own subprocess so one stage's imports and memory do not skew another's figures, and a
stage that fails or overruns its time limit is reported as such, not fatal. Stages run in order and the cost
model runs last: it prices the durations measured by the stages before it. With --only, the other stages'
figures are carried over from the previous results file (marked so in the report), so `--only cost` reprices
the last full run.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness import ROOT, machine

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Stage:
    name: str
    module: str
    what: str
    timeout_s: int  # full mode; a stage past it is stopped and reported as timed out
    quick_timeout_s: int


# Order matters: cost reads what ran before it. The limits are safety caps for a stuck stage, set well above
# each stage's time on an idle 2-core machine (the whole set: < 15 min full, < 2 min quick); a loaded machine
# needs more, and a stage past its cap is reported as timed out, not waited for.
STAGES: tuple[Stage, ...] = (
    Stage("region", "bench.region", "region index load, NIK validations", 120, 30),
    Stage("photo", "bench.photo", "photo check per upload (OpenCV)", 180, 40),
    Stage("ocr", "bench.ocr", "document OCR per page (Tesseract)", 660, 150),
    # Issue 18: per type and layout of the variety set, exact fields, claim false-mismatch and false-match rates.
    Stage("ocr_variety", "bench.ocr_variety", "variety set per type and layout, claim checks", 900, 200),
    # Issue 18: phone photos of KTP-el cards, Tesseract / rapidocr / per-page choice, seconds per engine.
    Stage("ocr_photographed", "bench.ocr_photographed", "photographed cards per engine, s/page", 900, 200),
    Stage("biometrics", "bench.biometrics", "face 1:1, face 1:N by gallery size, fingerprint", 300, 120),
    # Issue 19: false candidates per 1:N search against N x FMR on synthetic galleries (10k-100k; the 1M run is
    # `python -m bench.scale_sim`).
    Stage("scale_sim", "bench.scale_sim", "false candidates per 1:N search vs N x FMR", 120, 60),
    # Issue 19: dlib, SFace and fused FNMR at FMR 1e-3/1e-4 on real labelled photos and their variants.
    Stage(
        "face_calibration", "bench.face_calibration", "face models' FNMR at fixed FMR, 1:1 time", 1500, 600
    ),
    Stage("matching", "bench.matching", "verification checks + decision per application", 60, 20),
    Stage("chain", "bench.chain", "whole chain on the local stack", 300, 120),
    # 30 applications at once (4 quick) and the lost/duplicated checks; the 1,000-application run is `make load`
    Stage("load", "bench.load", "applications at once on the local stack, none lost or duplicated", 600, 150),
    Stage("coldstart", "bench.coldstart", "handler cold import and init times", 240, 60),
    Stage("sizes", "bench.sizes", "unzipped function + layer sizes, image dependency sizes", 600, 300),
    # The built container images (`make images`): skipped with its reason when no Docker engine answers.
    Stage("images", "bench.images", "container images: size, cold start to first answer", 400, 150),
    Stage("cost", "bench.cost", "AWS cost per application", 30, 15),
)
STAGE_NAMES = tuple(s.name for s in STAGES)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small runs (the whole set in under 2 minutes)")
    parser.add_argument("--only", default="", help=f"comma-separated stages among: {', '.join(STAGE_NAMES)}")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="output folder")
    parser.add_argument(
        "--publish",
        type=Path,
        default=None,
        help="also write the report's text (machine, summary, cost; no plots) to this file, for the README to link",
    )
    args = parser.parse_args(argv)
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(STAGE_NAMES))
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGE_NAMES)}")
    args.selected = [s for s in STAGES if not wanted or s.name in wanted]
    return args


def _previous(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA_VERSION else {}


def run_stage(stage: Stage, quick: bool, out: Path, partial: Path) -> dict[str, Any]:
    """One stage in a fresh interpreter; its output goes to out/logs/<name>.log."""
    result_file = out / "logs" / f"{stage.name}.json"
    log_file = out / "logs" / f"{stage.name}.log"
    result_file.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.harness", "--stage", stage.module, "--out", str(result_file)]
    if quick:
        command.append("--quick")
    env = dict(
        os.environ,
        BENCH_PARTIAL=str(partial),
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    timeout = stage.quick_timeout_s if quick else stage.timeout_s
    started = time.perf_counter()
    with log_file.open("w") as log:
        # Its own process group: a stage past its limit is stopped with the workers it started (OCR's pool).
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return {
                "ok": False,
                "error": f"timed out after {timeout} s",
                "seconds": round(time.perf_counter() - started, 1),
            }
    if result_file.exists():
        payload: dict[str, Any] = json.loads(result_file.read_text())
    else:
        tail = log_file.read_text().strip().splitlines()[-1:] or ["no output"]
        payload = {"ok": False, "error": f"exit code {proc.returncode}: {tail[0][:300]}"}
    payload.setdefault("seconds", round(time.perf_counter() - started, 1))
    payload["wall_seconds"] = round(time.perf_counter() - started, 1)
    return payload


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    out: Path = args.out
    (out / "logs").mkdir(parents=True, exist_ok=True)
    results_path = out / "results.json"
    previous = _previous(results_path)
    selected = {s.name for s in args.selected}
    results: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "machine": machine(),
        "quick": args.quick,
        "stages_run": [s.name for s in args.selected],
        "stages": {},
    }
    # Carried-over figures keep their own machine and date: the report shows where each came from.
    for name, payload in (previous.get("stages") or {}).items():
        if name not in selected and name in STAGE_NAMES:
            results["stages"][name] = {
                **payload,
                "carried_over": payload.get("carried_over")
                or {"date": previous["machine"].get("date"), "quick": previous.get("quick")},
            }
    partial = out / "logs" / "partial.json"
    started = time.perf_counter()
    for stage in args.selected:
        print(f"[bench] {stage.name}: {stage.what} ...", flush=True)
        partial.write_text(json.dumps(results, default=str))
        payload = run_stage(stage, args.quick, out, partial)
        results["stages"][stage.name] = payload
        state = "ok" if payload.get("ok") else f"FAILED ({payload.get('error')})"
        print(
            f"[bench] {stage.name}: {state} in {payload.get('wall_seconds', payload.get('seconds'))} s",
            flush=True,
        )
    results["seconds"] = round(time.perf_counter() - started, 1)
    results_path.write_text(json.dumps(results, indent=2, default=str))

    from bench.report import summary_table, write_report

    written = write_report(results, out)
    if args.publish is not None:
        from bench.report import markdown

        args.publish.parent.mkdir(parents=True, exist_ok=True)
        args.publish.write_text(markdown(results, []))
        written.append(args.publish)
    print()
    print(summary_table(results))
    print(
        f"\n[bench] {results['seconds']} s in all; wrote {results_path} and {', '.join(p.name for p in written)}"
    )
    return 0 if all(results["stages"][s.name].get("ok") for s in args.selected) else 1


if __name__ == "__main__":
    sys.exit(main())
