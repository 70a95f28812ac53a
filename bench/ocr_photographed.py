"""Stage `ocr_photographed` of `make bench`: KTP-el cards photographed by a phone, read by Tesseract alone,
rapidocr alone and the pipeline's per-page choice (issue 18). The work is bench/ocr.py's `run_photographed`.

    .venv/bin/python -m bench.ocr_photographed [--quick] [--cards N] [--workers N]
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from bench.ocr import run_photographed


def run(quick: bool = False, cards: int | None = None, workers: int | None = None) -> dict[str, Any]:
    count = cards or (4 if quick else 24)
    return run_photographed(count, workers or min(2, os.cpu_count() or 1), 1 if quick else 2)


if __name__ == "__main__":
    args = sys.argv[1:]
    n = int(args[args.index("--cards") + 1]) if "--cards" in args else None
    w = int(args[args.index("--workers") + 1]) if "--workers" in args else None
    print(json.dumps(run("--quick" in args, n, w), indent=2))
