"""The calibration bench's rate arithmetic (bench/face_calibration.py), on distributions whose answer is known."""

from __future__ import annotations

import numpy as np

from bench.face_calibration import eer, fnmr_at_fmr


def test_fnmr_at_fmr_takes_the_lowest_threshold_that_keeps_the_fmr() -> None:
    impostor = np.arange(1000, dtype=np.float64) / 1000  # 0.000 .. 0.999
    genuine = np.array([0.5, 0.9985, 0.9995, 2.0])
    at = fnmr_at_fmr(genuine, impostor, 1e-3)
    assert at["threshold"] == 0.999 and at["fmr"] == 0.001  # exactly one impostor at or above it
    assert at["fnmr"] == 0.5  # 0.5 and 0.9985 fall below
    assert at["observable"] and at["fmr_bound_95"] is None


def test_an_fmr_too_small_to_observe_puts_the_threshold_above_every_impostor() -> None:
    impostor = np.linspace(0.0, 1.0, 500)
    at = fnmr_at_fmr(np.array([1.0, 1.5]), impostor, 1e-4)
    assert not at["observable"] and at["fmr"] == 0.0
    assert at["threshold"] > 1.0 and at["fnmr"] == 0.5
    assert at["fmr_bound_95"] == round(3 / 500, 6)  # the rule of three


def test_eer_of_separated_and_of_identical_distributions() -> None:
    rng = np.random.default_rng(0)
    assert eer(rng.normal(5, 1, 2000), rng.normal(-5, 1, 2000)) == 0.0
    same = eer(rng.normal(0, 1, 4000), rng.normal(0, 1, 4000))
    assert 0.45 < same < 0.55
