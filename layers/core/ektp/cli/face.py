"""`ektp face compare A B`: the 1:1 face check the biometric Lambda runs, on two local images."""

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
    from ektp.biometrics.face import compare_faces, get_face_engine

    data_a, data_b = _read(args.file_a), _read(args.file_b)
    engine = get_face_engine(args.engine)
    a, b = engine.analyze(data_a), engine.analyze(data_b)
    match = compare_faces(a, b, args.threshold)
    result: dict[str, Any] = match.model_dump(mode="json")
    result["engine"] = engine.name
    # Embeddings are excluded from the dump: only counts, quality and boxes are printed.
    result["faces"] = [
        a.model_dump(mode="json", exclude={"landmarks", "reasons"}),
        b.model_dump(mode="json", exclude={"landmarks", "reasons"}),
    ]
    return result


def register(subparsers: Any) -> None:
    face = subparsers.add_parser("face", help="face biometrics")
    commands = face.add_subparsers(dest="face_command", required=True, metavar="ACTION")
    compare = commands.add_parser("compare", help="compare the largest face in two images (1:1)")
    compare.add_argument("file_a")
    compare.add_argument("file_b")
    compare.add_argument("--engine", default="dlib", choices=["dlib"])
    compare.add_argument("--threshold", type=float, default=None, help="max L2 distance for a match")
    compare.set_defaults(func=_compare)
