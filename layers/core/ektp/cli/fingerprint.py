"""`ektp fingerprint compare A B`: minutiae extraction (NFIQ 2 quality) and Minutia Cylinder-Code matching."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ektp.cli import UsageError


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"no such file: {path}")
    return file.read_bytes()


def _compare(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.biometrics import config
    from ektp.biometrics.fingerprint import FingerprintError, get_fingerprint_engine
    from ektp.domain.reasons import reason

    data_a, data_b = _read(args.file_a), _read(args.file_b)
    engine = get_fingerprint_engine()
    try:
        a, b = engine.extract(data_a), engine.extract(data_b)
    except FingerprintError as exc:
        return {
            "score": None,
            "threshold": config.FINGERPRINT_MATCH_MIN_SCORE,
            "decision": "undetermined",
            "reasons": [reason(exc.code).model_dump(mode="json")],
        }
    result: dict[str, Any] = engine.match(a, b).model_dump(mode="json")
    result["prints"] = [
        a.model_dump(mode="json", exclude={"reasons"}),
        b.model_dump(mode="json", exclude={"reasons"}),
    ]
    return result


def register(subparsers: Any) -> None:
    fp = subparsers.add_parser("fingerprint", help="fingerprint biometrics")
    commands = fp.add_subparsers(dest="fingerprint_command", required=True, metavar="ACTION")
    compare = commands.add_parser("compare", help="extract minutiae from two images and match them (1:1)")
    compare.add_argument("file_a")
    compare.add_argument("file_b")
    compare.set_defaults(func=_compare)
