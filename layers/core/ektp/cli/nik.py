"""`ektp nik validate NIK [--sex M|F] [--dob YYYY-MM-DD]` and `ektp nik kk NUMBER`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ektp.cli import UsageError
from ektp.domain.nik import validate_kk_number, validate_nik


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("nik", help="check a NIK or a KK number")
    commands = parser.add_subparsers(dest="nik_command", required=True, metavar="ACTION")

    validate = commands.add_parser(
        "validate", help="check a NIK against the rules and a declared sex/birth date"
    )
    validate.add_argument("nik", help="the 16-digit NIK")
    validate.add_argument("--sex", choices=("M", "F"), help="declared sex")
    validate.add_argument("--dob", help="declared birth date, YYYY-MM-DD (gives the century)")
    validate.set_defaults(func=run_validate)

    kk = commands.add_parser("kk", help="check a KK (Kartu Keluarga) number")
    kk.add_argument("kk_number", help="the 16-digit KK number")
    kk.set_defaults(func=run_kk)


def _parse_dob(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--dob must be a date as YYYY-MM-DD, got {text!r}") from exc


def run_validate(args: argparse.Namespace) -> dict[str, Any]:
    check = validate_nik(args.nik, sex=args.sex, birth_date=_parse_dob(args.dob))
    parsed: dict[str, Any] | None = None
    if check.parsed is not None:
        p = check.parsed
        parsed = {
            "district_code": p.district_code,
            "region_status": p.region_status,
            "region": p.region,
            "archived_edition": p.archived_edition,
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
            "birth_day": p.birth_day,
            "birth_month": p.birth_month,
            "birth_year_2d": p.birth_year_2d,
            "sex": p.sex,
            "serial": p.serial,
        }
    return {
        "valid": check.valid,
        "errors": [r.code for r in check.errors],
        "warnings": [r.code for r in check.warnings],
        "parsed": parsed,
        "reasons": [r.model_dump() for r in check.errors + check.warnings],
    }


def run_kk(args: argparse.Namespace) -> dict[str, Any]:
    reasons = validate_kk_number(args.kk_number)
    return {
        "valid": not any(r.severity == "error" for r in reasons),
        "errors": [r.code for r in reasons if r.severity == "error"],
        "warnings": [r.code for r in reasons if r.severity == "warning"],
        "reasons": [r.model_dump() for r in reasons],
    }
