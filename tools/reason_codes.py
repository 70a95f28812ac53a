"""Generate docs/reason-codes.md from the one catalogue (`--write`), or print it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ektp.domain.reasons import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "docs" / "reason-codes.md"


def generate() -> str:
    lines = [
        "# Reason and error codes",
        "",
        "One vocabulary for the API, the document checks, the verification stages and the `ektp` CLI",
        "(generated from `layers/core/ektp/domain/reasons.py` by `python -m tools.reason_codes --write`;",
        "a test fails when this file is stale). HTTP is the status when the code is returned as an API error.",
        "",
        "| code | HTTP | Bahasa Indonesia | English |",
        "|---|---|---|---|",
    ]
    for code, entry in CATALOGUE.items():
        lines.append(f"| `{code}` | {entry.http_status} | {entry.message_id} | {entry.message_en} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.write:
        DOCUMENT.write_text(generate())
        print(f"wrote {DOCUMENT.relative_to(ROOT)}")
    else:
        sys.stdout.write(generate())
    return 0


if __name__ == "__main__":
    sys.exit(main())
