"""`ektp`: run any check the Lambdas run, on one file or value, with one JSON document on stdout.

Exit codes: 0 the check ran (whatever its verdict), 2 a usage error, 1 an internal failure.
Each capability lives in its own module here exposing `register(subparsers)`; the module's parsers set
`func`, a callable taking the parsed namespace and returning a JSON-serialisable dict.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

# Modules are imported only when present, so a capability that has not landed simply has no subcommand.
COMMAND_MODULES = ("nik", "region", "photo", "ocr", "face", "fingerprint", "digital_id")


class UsageError(Exception):
    """A problem with what the user asked for (bad file, bad value): exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ektp", description="Run e-KTP checks locally; prints JSON.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"ektp.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"ektp.cli.{name}":
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error, as argparse does
    func: Callable[[argparse.Namespace], dict[str, Any]] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        result = func(args)
    except UsageError as exc:
        print(f"ektp: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the check itself failed: say so plainly, exit 1
        print(f"ektp: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
