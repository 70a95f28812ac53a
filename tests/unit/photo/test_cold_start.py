"""What a cold photo-check Lambda pays before and during its first event: only what it uses.

The handler's import plus its first check is the first resident's wait. The measurements that avoid OpenCV's
Lab tables and numpy.ma (both built on first use) must agree with what OpenCV and numpy give.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from bench.coldstart import dummy_environment
from ektp.photo.checks import _lab, _percentile_u8
from tests.support import photo_defects as d

ROOT = Path(__file__).resolve().parents[3]

_CHILD = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("handler", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
imported = set(sys.modules)
from ektp.photo import check_photo
result = check_photo(open(sys.argv[2], "rb").read(), "id_photo", birth_year=1991)
assert result.verdict == "ACCEPTED", result.reasons
print(" ".join(sorted(imported)))
print(" ".join(sorted(set(sys.modules) - imported)))
"""

# Loaded by a dependency's first use, never needed by the photo check: each adds to every cold start.
UNUSED = (
    "aws_lambda_powertools.utilities.batch",
    "aws_lambda_powertools.utilities.parser",
    "asyncio",
    "numpy.ma",
)


def test_the_handler_import_and_first_check_load_nothing_unused(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(d.jpeg(d.good_id_photo("obama", "red")))
    # Every setting at a dummy value, as bench.coldstart measures the handlers; no AWS call is made.
    env = {**os.environ, **dummy_environment(), "PYTHONPATH": f"{ROOT / 'layers' / 'core'}{os.pathsep}{ROOT}"}
    handler = ROOT / "functions" / "photo_check" / "handler.py"
    child = [sys.executable, "-c", _CHILD, str(handler), str(photo)]
    out = subprocess.check_output(child, text=True, env=env, cwd=tmp_path, timeout=120).splitlines()
    at_import, at_first_check = set(out[0].split()), set(out[1].split())
    assert {"cv2", "boto3", "ektp.photo.checks"} <= at_import  # detectors and clients are ready at init
    loaded = sorted(
        m for m in at_import | at_first_check if m in UNUSED or m.startswith(tuple(f"{u}." for u in UNUSED))
    )
    assert loaded == []


def test_the_lab_conversion_matches_opencv_within_rounding() -> None:
    rng = np.random.default_rng(3)
    pixels = np.concatenate(
        [rng.integers(0, 256, (200_000, 3), dtype=np.uint8), np.array([[0, 0, 0], [255] * 3], np.uint8)]
    )
    lab = _lab(pixels)
    ours = lab.astype(int)
    theirs = cv2.cvtColor(pixels.reshape(-1, 1, 3), cv2.COLOR_BGR2LAB).reshape(-1, 3).astype(int)
    off = np.abs(ours - theirs).max(axis=1)
    assert lab.dtype == np.uint8 and off.max() <= 3
    assert (off <= 1).mean() > 0.999


@pytest.mark.parametrize("size", [1, 2, 99, 100, 101, 40_000, 40_401])
def test_the_histogram_percentile_is_numpys(size: int) -> None:
    rng = np.random.default_rng(size)
    for values in (rng.integers(0, 256, size, dtype=np.uint8), np.full(size, 7, np.uint8)):
        for q in (0, 1, 50, 95, 99, 100):
            assert _percentile_u8(values.reshape(1, -1), q) == pytest.approx(
                np.percentile(values, q), abs=1e-9
            )
