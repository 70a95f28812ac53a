"""`ektp ocr extract FILE [--type kk|akta|ktp|skpwni|marriage] [--engine tesseract|textract]`: the OCR Lambda's read."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ektp.cli import UsageError


def _extract(args: argparse.Namespace) -> dict[str, Any]:
    from ektp.ocr import extract_document, get_engine

    file = Path(args.file)
    if not file.is_file():
        raise UsageError(f"no such file: {args.file}")
    result = extract_document(file.read_bytes(), declared_type=args.type, engine=get_engine(args.engine))
    return {
        "document_type": result.document_type,
        "declared_type_matches": result.declared_type_matches,
        "fields": {k: v.model_dump() for k, v in result.fields.items()},
        "members": [{k: v.model_dump() for k, v in m.items()} for m in result.members],
        "reasons": [r.model_dump(exclude_none=True) for r in result.reasons],
        "pages": result.pages,
        "engine": result.engine,
    }


def register(subparsers: Any) -> None:
    ocr = subparsers.add_parser("ocr", help="read civil-registry documents (OCR)")
    commands = ocr.add_subparsers(dest="ocr_command", required=True, metavar="ACTION")
    extract = commands.add_parser(
        "extract", help="classify a document and extract its fields (JPEG, PNG, PDF)"
    )
    extract.add_argument("file")
    extract.add_argument("--type", choices=["kk", "akta", "ktp", "skpwni", "marriage"], default=None)
    extract.add_argument("--engine", choices=["tesseract", "textract"], default="tesseract")
    extract.set_defaults(func=_extract)
