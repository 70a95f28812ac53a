"""The engines' settings (OCR, photo, biometrics) share one loader: each field is overridable by its
<PREFIX><FIELD> variable, the defaults are the calibrated values, and nonsense is refused with the variable's
name in the message, at import (cold start) where the engine reads its settings once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from ektp.biometrics import config as biometrics_config
from ektp.biometrics.config import BiometricThresholds
from ektp.config import EnvSettings, function_environment
from ektp.ocr.settings import OcrSettings
from ektp.photo.config import DEFAULT_CONFIG, PhotoConfig


@pytest.mark.parametrize("model", [OcrSettings, PhotoConfig, BiometricThresholds])
def test_without_variables_the_defaults_load(model: type[EnvSettings]) -> None:
    with function_environment({"OCR_QUEUE_URL": "q", "PHOTO_QUEUE_URL": "q", "BIOMETRICS_BUCKET_NAME": "b"}):
        assert model.load() == model()  # another setting's variable under the same prefix is not a field


def test_the_modules_hold_the_loaded_defaults() -> None:
    assert PhotoConfig() == DEFAULT_CONFIG
    assert biometrics_config.FACE_MATCH_MAX_DISTANCE == 0.6
    assert biometrics_config.FINGERPRINT_MATCH_MIN_SCORE == 40
    assert biometrics_config.FACE_FUSED_MATCH_MIN == 3.0


@pytest.mark.parametrize(
    ("model", "variable", "value", "field", "expected"),
    [
        (OcrSettings, "OCR_MIN_WORDS", "5", "min_words", 5),
        (OcrSettings, "ocr_second_engine", "", "second_engine", ""),
        (PhotoConfig, "PHOTO_MIN_SHARPNESS", "45.5", "min_sharpness", 45.5),
        (PhotoConfig, "PHOTO_DETECT_LONG_SIDES", "[640, 800]", "detect_long_sides", (640, 800)),
        (
            BiometricThresholds,
            "BIOMETRICS_FINGERPRINT_MATCH_MIN_SCORE",
            "45",
            "fingerprint_match_min_score",
            45,
        ),
        (BiometricThresholds, "BIOMETRICS_FACE_FUSED_MATCH_MIN", "3.2", "face_fused_match_min", 3.2),
    ],
)
def test_a_variable_overrides_its_field(
    model: type[EnvSettings], variable: str, value: str, field: str, expected: object
) -> None:
    env = {variable: value}
    if field == "detect_long_sides":
        env["PHOTO_DETECT_PAD_RATIOS"] = "[0.05, 0.1]"  # one ratio a pass
    with function_environment(env):
        loaded = model.load()
    assert getattr(loaded, field) == expected
    others = {name for name in type(loaded).model_fields if getattr(loaded, name) != getattr(model(), name)}
    assert others <= {field, "detect_pad_ratios"}


def test_a_json_object_changes_only_the_limits_it_names() -> None:
    with function_environment({"PHOTO_SELFIE": '{"max_aspect": 0.95}'}):
        loaded = PhotoConfig.load()
    assert loaded.selfie.max_aspect == 0.95
    assert loaded.selfie.model_copy(update={"max_aspect": 1.0}) == PhotoConfig().selfie
    assert loaded.id_photo == PhotoConfig().id_photo


@pytest.mark.parametrize(
    ("model", "variable", "value", "named"),
    [
        (OcrSettings, "OCR_MIN_WORD_CONFIDENCE", "1.5", "OCR_MIN_WORD_CONFIDENCE"),
        (OcrSettings, "OCR_MAX_PDF_PAGES", "-1", "OCR_MAX_PDF_PAGES"),
        (OcrSettings, "OCR_ENGINE", "paddle", "OCR_ENGINE"),
        (OcrSettings, "OCR_MIN_SCALE", "4", "min_scale 4.0 is above max_scale 3.0"),
        (OcrSettings, "OCR_RAPID_THREADS", "0", "OCR_RAPID_THREADS"),
        (PhotoConfig, "PHOTO_MAX_PIXELS", "-25000000", "PHOTO_MAX_PIXELS"),
        (PhotoConfig, "PHOTO_FACE_MIN_SCORE", "60", "PHOTO_FACE_MIN_SCORE"),
        (PhotoConfig, "PHOTO_DETECT_LONG_SIDES", "[640, 800]", "one ratio for each of detect_long_sides"),
        (PhotoConfig, "PHOTO_DETECT_LONG_SIDES", "640", "PHOTO_DETECT_LONG_SIDES"),
        (PhotoConfig, "PHOTO_SELFIE", '{"min_aspect": 2}', "min_aspect 2.0 is above max_aspect 1.0"),
        (
            BiometricThresholds,
            "BIOMETRICS_FACE_MATCH_MAX_DISTANCE",
            "2.5",
            "BIOMETRICS_FACE_MATCH_MAX_DISTANCE",
        ),
        (
            BiometricThresholds,
            "BIOMETRICS_FINGERPRINT_QUALITY_MIN",
            "-3",
            "BIOMETRICS_FINGERPRINT_QUALITY_MIN",
        ),
        (BiometricThresholds, "BIOMETRICS_FUSION_FACE_WEIGHT", "abc", "BIOMETRICS_FUSION_FACE_WEIGHT"),
        (
            BiometricThresholds,
            "BIOMETRICS_FACE_DUPLICATE_MAX_DISTANCE",
            "0.7",
            "face_duplicate_max_distance 0.7 is above face_match_max_distance 0.6",
        ),
    ],
)
def test_nonsense_is_refused_naming_what_to_fix(
    model: type[EnvSettings], variable: str, value: str, named: str
) -> None:
    with function_environment({variable: value}), pytest.raises(ValidationError) as refused:
        model.load()
    assert named in str(refused.value)
    assert f"from environment variables {model.env_prefix}<FIELD>" in str(refused.value)


def _import_with(module: str, statement: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter, as a cold start: the module reads its settings at import."""
    return subprocess.run(
        [sys.executable, "-c", f"import {module}; {statement}"],
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_deployment_value_reaches_the_engines_constants_at_import() -> None:
    ran = _import_with(
        "ektp.biometrics.config as c",
        "print(c.FACE_MATCH_MAX_DISTANCE, c.LIVENESS_SAME_FACE_MAX_DISTANCE)",
        BIOMETRICS_FACE_MATCH_MAX_DISTANCE="0.55",
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["0.55", "0.55"]


@pytest.mark.parametrize(
    ("module", "variable", "value"),
    [
        ("ektp.biometrics.config", "BIOMETRICS_FACE_MATCH_MAX_DISTANCE", "-0.6"),
        ("ektp.photo", "PHOTO_JPEG_QUALITY", "920"),
    ],
)
def test_a_bad_deployment_value_stops_the_cold_start(module: str, variable: str, value: str) -> None:
    ran = _import_with(module, "print('started')", **{variable: value})
    assert ran.returncode != 0
    assert "started" not in ran.stdout
    assert variable in ran.stderr


def test_a_bad_ocr_value_stops_the_ocr_functions_cold_start() -> None:
    # The pipeline reads OCR_ settings per document; the function reads them once at import so a bad value fails
    # there, naming the variable, not on every document.
    handler = Path(__file__).resolve().parents[3] / "functions" / "ocr" / "handler.py"
    ran = _import_with("runpy", f"runpy.run_path({str(handler)!r}); print('started')", OCR_RAPID_THREADS="0")
    assert ran.returncode != 0
    assert "started" not in ran.stdout
    assert "OCR_RAPID_THREADS" in ran.stderr
