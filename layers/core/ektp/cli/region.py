"""`ektp region lookup CODE` and `ektp region children [CODE]`: Kemendagri region codes."""

from __future__ import annotations

import argparse
from typing import Any

from ektp.cli import UsageError
from ektp.domain.region import parse_code, regions


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("region", help="look up Kemendagri region codes")
    commands = parser.add_subparsers(dest="region_command", required=True, metavar="ACTION")

    lookup = commands.add_parser("lookup", help="names of a code and its parents (31.71.01 or 317101)")
    lookup.add_argument("code")
    lookup.set_defaults(func=run_lookup)

    children = commands.add_parser("children", help="the codes one level below CODE (provinces if none)")
    children.add_argument("code", nargs="?", default=None)
    children.set_defaults(func=run_children)


def _dotted(code: str) -> str:
    try:
        dotted: str = parse_code(code)
    except ValueError as exc:
        raise UsageError(
            f"{code!r} is not a region code (use 31, 31.71, 31.71.01, 31.71.01.1001 or the digits alone)"
        ) from exc
    return dotted


def run_lookup(args: argparse.Namespace) -> dict[str, Any]:
    idx = regions()
    code = _dotted(args.code)
    level = idx.level(code)
    result: dict[str, Any] = {
        "code": code,
        "level": level,
        "found": idx.exists(code),
        "name": idx.name(code),
        "parent": idx.parent(code),
        "names": dict(idx.chain(code)),
    }
    if level == "district":
        result["nik_prefix"] = code.replace(".", "")
        archived = idx.archived_district(code)
        if archived is not None and not result["found"]:
            result["archived"] = {
                "edition": archived[0],
                "name": archived[1],
                "names": dict(idx.archived_chain(code)),
            }
    if level == "village":
        result["postal_codes"] = idx.postal_codes(code)
    return result


def run_children(args: argparse.Namespace) -> dict[str, Any]:
    idx = regions()
    code = _dotted(args.code) if args.code else None
    return {
        "code": code,
        "found": code is None or idx.exists(code),
        "children": [{"code": c, "name": n} for c, n in idx.children(code)],
    }
