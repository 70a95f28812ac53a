"""Build the Lambda layers into build/layers/<name>/python for the Lambda platform.

Third-party layers are installed with `pip --platform manylinux2014_aarch64 --only-binary=:all:` so the
result runs on Lambda's arm64 Python whatever machine builds it; no Docker. A layer is rebuilt only when its
requirements (or, for `core`, its sources) change: a stamp file keeps the hash of what was built.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "layers"
LAMBDA_PYTHON = "3.14"  # keep equal to infra.settings.LAMBDA_RUNTIME
PLATFORMS = ("manylinux2014_aarch64", "manylinux_2_28_aarch64")
# Never needed at run time; trimmed to stay far below Lambda's 250 MB unzipped limit.
PRUNE_DIRS = {"__pycache__", "tests", "test"}
PRUNE_SUFFIXES = {".pyi", ".pyc"}


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256(LAMBDA_PYTHON.encode())
    for path in sorted(paths):
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _prune(target: Path) -> None:
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_dir() and path.name in PRUNE_DIRS:
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() and path.suffix in PRUNE_SUFFIXES:
            path.unlink()


def _fresh(layer: Path, digest: str) -> bool:
    stamp = layer / ".stamp"
    return stamp.exists() and stamp.read_text() == digest


def build_core() -> Path:
    source = ROOT / "layers" / "core" / "ektp"
    files = [p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    layer = BUILD / "core"
    digest = _digest(files)
    if not _fresh(layer, digest):
        shutil.rmtree(layer, ignore_errors=True)
        target = layer / "python" / "ektp"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "cli"))
        (layer / ".stamp").write_text(digest)
    return layer


def build_requirements(name: str) -> Path:
    requirements = ROOT / "layers" / name / "requirements.txt"
    layer = BUILD / name
    digest = _digest([requirements])
    if not _fresh(layer, digest):
        shutil.rmtree(layer, ignore_errors=True)
        target = layer / "python"
        platform_args = [arg for p in PLATFORMS for arg in ("--platform", p)]
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(target),
                "--implementation",
                "cp",
                "--python-version",
                LAMBDA_PYTHON,
                "--only-binary=:all:",
                *platform_args,
                "-r",
                str(requirements),
            ],
            check=True,
        )
        _prune(target)
        (layer / ".stamp").write_text(digest)
    return layer


def layer_names() -> list[str]:
    return ["core", *sorted(p.parent.name for p in (ROOT / "layers").glob("*/requirements.txt"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="layers to build (default: all)")
    args = parser.parse_args()
    for name in args.names or layer_names():
        path = build_core() if name == "core" else build_requirements(name)
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        print(f"layer {name}: {size / 1e6:.1f} MB unzipped at {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
