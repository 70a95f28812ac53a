"""Deployment sizes: each zip function with its layers, and each container image's Python dependencies.

    .venv/bin/python -m bench.sizes [--quick]

Zip functions: the unzipped bytes of functions/<name> plus the layers the synthesized template gives it
(build/layers/<layer>, built by `python -m tools.build_layers`), against Lambda's 250 MB limit for a function
and all its layers. Images: functions/<name>/requirements.txt installed with `pip install --target` for the
image's platform (OCR: arm64, Debian python 3.12; biometrics: x86_64, Amazon Linux 2023 python 3.12, because
the pinned nbis-py wheel is x86_64 only), cached under .cache/bench-sizes by the requirements' hash. An
image has a 10 GB limit: the figure is for the image's size and its cold-start pull, not a limit.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.harness import ROOT

LAMBDA_UNZIPPED_LIMIT_MB = 250.0
CACHE = ROOT / ".cache" / "bench-sizes"
LAYERS = ROOT / "build" / "layers"
# Which layers each zip function uses, when no synthesized template says (infra/compute.py, infra/pipeline.py).
DEFAULT_LAYERS = {
    "api": ["core", "deps"],
    "intake": ["core", "deps"],
    "chain": ["core", "deps"],
    "photo_check": ["core", "deps", "vision"],
}
IMAGE_PLATFORMS = {
    "ocr": ("3.12", ["manylinux2014_aarch64", "manylinux_2_28_aarch64", "manylinux_2_34_aarch64"]),
    "biometrics": ("3.12", ["manylinux2014_x86_64", "manylinux_2_28_x86_64", "manylinux_2_34_x86_64"]),
}
# Requirements published as source only (platform-independent data files): installed without platform flags.
SOURCE_ONLY = {"face_recognition_models"}
# What the biometrics Dockerfile keeps of face_recognition_models: the two models the engine loads.
KEPT_MODELS = {"dlib_face_recognition_resnet_model_v1.dat", "shape_predictor_5_face_landmarks.dat"}


def folder_bytes(folder: Path, *, bytecode: bool = False) -> int:
    """Bytes of every regular file under `folder`, as Lambda counts an extracted zip (no symlinks). Bytecode
    counts for the layers, which ship it (tools/build_layers); a function folder's is a local cache that
    its asset excludes."""
    total = 0
    for path in folder.rglob("*"):
        if (
            path.is_file()
            and not path.is_symlink()
            and (bytecode or "__pycache__" not in path.parts)
            and path.name != ".stamp"
        ):
            total += path.stat().st_size
    return total


def function_layers() -> dict[str, list[str]]:
    """{function folder: [layer names]} from the newest synthesized template (falls back to the design)."""
    from bench.cost import _template

    template = _template()
    if not template:
        return dict(DEFAULT_LAYERS)
    resources = template.get("Resources", {})
    found: dict[str, list[str]] = {}
    for resource in resources.values():
        source = (resource.get("Metadata") or {}).get("ektp:source")
        props = resource.get("Properties", {})
        if resource.get("Type") != "AWS::Lambda::Function" or not source or "Layers" not in props:
            continue
        names = []
        for ref in props["Layers"]:
            logical = ref.get("Ref", "") if isinstance(ref, dict) else str(ref)
            names += [n for n in ("core", "deps", "vision") if f"{n.capitalize()}Layer" in logical]
        found[source.rsplit("/", 1)[-1]] = names
    return found or dict(DEFAULT_LAYERS)


def zip_sizes() -> dict[str, Any]:
    layer_mb = (
        {
            p.name: round(folder_bytes(p, bytecode=True) / 2**20, 2)
            for p in sorted(LAYERS.iterdir())
            if p.is_dir()
        }
        if LAYERS.exists()
        else {}
    )
    out: dict[str, Any] = {"layers_mb": layer_mb, "functions": {}}
    for name, layers in sorted(function_layers().items()):
        code_mb = folder_bytes(ROOT / "functions" / name) / 2**20
        missing = [n for n in layers if n not in layer_mb]
        total = code_mb + sum(layer_mb.get(n, 0.0) for n in layers)
        out["functions"][name] = {
            "layers": layers,
            "code_mb": round(code_mb, 3),
            "total_mb": round(total, 2),
            "limit_mb": LAMBDA_UNZIPPED_LIMIT_MB,
            "headroom_mb": round(LAMBDA_UNZIPPED_LIMIT_MB - total, 2),
            **(
                {"missing_layers": missing, "note": "run `python -m tools.build_layers` first"}
                if missing
                else {}
            ),
        }
    return out


def _pip(target: Path, args: list[str]) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",
            "--target",
            str(target),
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
    )


def image_dependencies(name: str) -> dict[str, Any]:
    requirements = ROOT / "functions" / name / "requirements.txt"
    python, platforms = IMAGE_PLATFORMS[name]
    text = requirements.read_text()
    digest = hashlib.sha256((text + python + ",".join(platforms)).encode()).hexdigest()[:16]
    target = CACHE / f"{name}-{digest}"
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        lines = [ln.split("#", 1)[0].strip() for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        source_only = [ln for ln in lines if ln.split("==")[0].split("[")[0].lower() in SOURCE_ONLY]
        binary = [ln for ln in lines if ln not in source_only]
        platform_args = [a for p in platforms for a in ("--platform", p)]
        _pip(
            target,
            [
                "--implementation",
                "cp",
                "--python-version",
                python,
                "--only-binary=:all:",
                *platform_args,
                *binary,
            ],
        )
        if source_only:
            _pip(target, ["--no-deps", *source_only])
        (target / ".complete").write_text(digest)
    total = folder_bytes(target)
    packages: dict[str, int] = {}
    for child in target.iterdir():
        if child.name.endswith((".dist-info", ".data")) or child.name == ".complete":
            continue
        key = child.name if child.is_dir() else child.name.split(".")[0]  # a module file: its name
        packages[key] = packages.get(key, 0) + (
            folder_bytes(child) if child.is_dir() else child.stat().st_size
        )
    trimmed = total
    models = target / "face_recognition_models" / "models"
    if models.exists():  # the Dockerfile deletes the models the engine never loads
        trimmed -= sum(p.stat().st_size for p in models.iterdir() if p.name not in KEPT_MODELS)
    largest = sorted(packages.items(), key=lambda kv: -kv[1])[:8]
    return {
        "python": python,
        "platform": platforms[0].split("_", 1)[1],
        "installed_mb": round(total / 2**20, 1),
        "after_image_trimming_mb": round(trimmed / 2**20, 1),
        "largest_mb": {k: round(v / 2**20, 1) for k, v in largest},
    }


def run(quick: bool = False) -> dict[str, Any]:
    del quick  # sizes are measured, not sampled: the same in both modes (the install is cached)
    images: dict[str, Any] = {}
    for name in sorted(IMAGE_PLATFORMS):
        if not (ROOT / "functions" / name / "requirements.txt").exists():
            continue
        try:
            images[name] = image_dependencies(name)
        except subprocess.CalledProcessError as exc:
            images[name] = {"error": (exc.stderr or "").strip().splitlines()[-1:] or ["pip failed"]}
    return {"zip": zip_sizes(), "images": images}


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
