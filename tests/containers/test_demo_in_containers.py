"""`EKTP_CONTAINERS=1 make demo`: the demo's story with OCR and biometrics in their images reaches ISSUED for
the first applicant and rejects the second identity (the demo exits 0 only then)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tools.images import image_name

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.slow
def test_the_demo_reaches_issued_with_the_container_functions(built_images: None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "local_runtime.demo"],
        cwd=ROOT,
        env={**os.environ, "EKTP_CONTAINERS": "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    story = "\n".join(line for line in done.stdout.splitlines() if not line.startswith("{"))
    assert done.returncode == 0, story[-3000:] + done.stderr[-3000:]
    assert "status now ISSUED" in story
    for function in ("ocr", "biometrics"):
        assert f"(functions/{function} runs in its image {image_name(function)}:" in story
