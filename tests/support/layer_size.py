"""Unzipped size of Lambda artefacts: Lambda limits a function plus all its layers to 250 MB unzipped."""

from __future__ import annotations

import os
from pathlib import Path

LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024  # bytes, for the function and its layers together


def unzipped_size(folder: Path) -> int:
    """Bytes of every regular file under `folder`, as Lambda counts an extracted zip (symlinks not followed)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total
