"""`ektp photo check FILE --kind id_photo|selfie [--birth-year YYYY]`: the photo Lambda's check, on a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ektp.cli import UsageError


def _check(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.photo import check_photo  # OpenCV is imported only when this command runs

    file = Path(args.file)
    if not file.is_file():
        raise UsageError(f"no such file: {args.file}")
    if args.birth_year is not None and not 1900 <= args.birth_year <= 2100:
        raise UsageError(f"birth year out of range: {args.birth_year}")
    result = check_photo(file.read_bytes(), args.kind, birth_year=args.birth_year)
    return {
        "verdict": result.verdict,
        "reasons": [
            {
                "code": r.code,
                "message_id": r.message_id,
                "message_en": r.message_en,
                "measured": r.measured,
                "threshold": r.threshold,
            }
            for r in result.reasons
        ],
        "measurements": result.measurements,
        "face_box": result.face_box.model_dump() if result.face_box else None,
    }


def register(subparsers: Any) -> None:
    photo = subparsers.add_parser("photo", help="ID photo and selfie checks")
    commands = photo.add_subparsers(dest="photo_command", required=True, metavar="ACTION")
    check = commands.add_parser("check", help="check one photo (JPEG or PNG) as the photo Lambda does")
    check.add_argument("file")
    check.add_argument("--kind", required=True, choices=["id_photo", "selfie"])
    check.add_argument(
        "--birth-year",
        type=int,
        default=None,
        help="the applicant's birth year: red background if odd, blue if even",
    )
    check.set_defaults(func=_check)
