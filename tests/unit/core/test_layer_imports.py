"""Every zip function imports with only its own layers' packages, as in Lambda.

Locally every package is installed, so a handler that pulls numpy or OpenCV through a shared module imports
fine here and fails at its first cold start in AWS. Each handler is imported in a fresh interpreter with the
packages its layers lack blocked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# In no zip function's layers: the biometrics and OCR functions are container images with their own.
HEAVY = ("numpy", "cv2", "dlib", "face_recognition_models", "nbis", "pytesseract", "pypdfium2")
# What the vision layer adds for the photo check.
VISION = ("numpy", "cv2")
ENV = {
    "TABLE_NAME": "t",
    "IDEMPOTENCY_TABLE_NAME": "i",
    "UPLOAD_BUCKET_NAME": "u",
    "BIOMETRICS_BUCKET_NAME": "b",
    "REGISTRY_TABLE_NAME": "r",
    "SIGNING_KEY_ID": "k",
    "RAW_UPLOAD_RETENTION_DAYS": "90",
    "STATUS_PAGE_URL": "https://ektp.example.go.id/",
    "PHOTO_QUEUE_URL": "q",
    "OCR_QUEUE_URL": "q",
    "STATE_MACHINE_ARN": "arn:aws:states:ap-southeast-3:000000000000:stateMachine:chain",
    "SWEEP_STATE_MACHINE_ARN": "arn:aws:states:ap-southeast-3:000000000000:stateMachine:sweep",
    "EMAIL_FROM": "no-reply@example.com",
    "AWS_DEFAULT_REGION": "ap-southeast-3",
    "AUDIT_BUCKET_NAME": "a",
    "REVOCATION_BUCKET_NAME": "v",
}
ZIP_FUNCTIONS = {
    "api": (),
    "intake": (),
    "chain": (),
    "maintenance": (),
    "notifier": (),
    "gallery_batch": (),
    "audit": (),
    "token_guard": (),
    "revocations": (),
    "photo_check": VISION,
}


@pytest.mark.parametrize("function", sorted(ZIP_FUNCTIONS))
def test_a_zip_function_imports_with_only_its_layers(function: str) -> None:
    blocked = [m for m in HEAVY if m not in ZIP_FUNCTIONS[function]]
    code = f"import sys\nfor m in {blocked!r}: sys.modules[m] = None\nimport functions.{function}.handler\n"
    env = {**os.environ, **ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'layers' / 'core'}"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-1500:]
