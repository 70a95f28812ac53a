"""Lambda's 250 MB unzipped limit for the photo function with all its layers, on the built artefacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.layer_size import LAMBDA_UNZIPPED_LIMIT, unzipped_size

ROOT = Path(__file__).resolve().parents[3]
BUILD_LAYERS = ROOT / "build" / "layers"


def test_unzipped_size_counts_every_file(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "a.py").write_bytes(b"x" * 1000)
    (tmp_path / "pkg" / "sub" / "b.so").write_bytes(b"y" * 2500)
    (tmp_path / "link").symlink_to(tmp_path / "pkg" / "a.py")  # a zip stores the target once
    assert unzipped_size(tmp_path) == 3500
    assert unzipped_size(tmp_path / "missing") == 0


@pytest.mark.skipif(not BUILD_LAYERS.is_dir(), reason="layers not built (make layers)")
def test_photo_function_and_its_layers_fit_lambda() -> None:
    layers = [p for p in BUILD_LAYERS.iterdir() if p.is_dir()]
    if not any((BUILD_LAYERS / "vision").rglob("cv2")):
        pytest.skip("build/layers/vision has no OpenCV yet: rebuild the layers (make layers)")
    total = sum(unzipped_size(p) for p in layers) + unzipped_size(ROOT / "functions" / "photo_check")
    assert total < LAMBDA_UNZIPPED_LIMIT, f"{total / 2**20:.1f} MB unzipped"
