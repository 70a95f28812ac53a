"""The N x FMR simulation's parts (bench/scale_sim.py): counts, planted mates and thresholds, on small inputs."""

from __future__ import annotations

import numpy as np

from bench import scale_sim
from ektp.biometrics.gallery import build_shard, load_shard


def test_every_row_within_a_limit_is_counted_as_a_brute_force_count_would() -> None:
    model = scale_sim.FaceModel(seed=4)
    rng = np.random.default_rng(4)
    gallery, probes = model.identities(3000, rng), model.identities(7, rng)
    shard = load_shard(build_shard([f"{i:016d}" for i in range(3000)], gallery))
    limits = {"a": 0.6, "b": 0.75}
    counts = scale_sim.count_within(shard, probes, limits, rows=512)
    deq = shard.dequantised()
    dist = np.linalg.norm(deq[None, :, :] - probes[:, None, :], axis=2)
    for label, t in limits.items():
        # float32 rounding may move a row sitting exactly on a limit: allow that and nothing more
        assert np.abs(counts[label] - (dist <= t).sum(axis=1)).max() <= 1, label
    assert (counts["b"] >= counts["a"]).all() and counts["b"].sum() > 0


def test_a_planted_mate_is_the_genuine_distance_away_on_the_same_shell() -> None:
    rng = np.random.default_rng(5)
    x = scale_sim.FaceModel().identities(50, rng)
    mate = scale_sim.mate_of(x, rng)
    assert np.allclose(np.linalg.norm(mate - x, axis=1), scale_sim.GENUINE_DISTANCE, atol=1e-4)
    assert np.linalg.norm(mate, axis=1).min() >= scale_sim.NORM  # pushed sideways, never towards the centre


def test_thresholds_are_read_where_the_impostor_distances_give_each_fmr() -> None:
    distances = np.linspace(0.0, 1.0, 1_000_001, dtype=np.float32)[1:]  # uniform: FMR(t) = t
    table = scale_sim.thresholds(distances)
    for label, row in table["at_fmr"].items():
        assert abs(row["threshold"] - float(label)) <= 5e-5  # rounded to 4 decimals in the report
        assert row["events"] == round(float(label) * distances.size)
    assert abs(table["fmr_at_deployed_threshold"]["fmr"] - 0.5) < 1e-5
