"""The benchmark harness's statistics: known samples give known figures; bad input is refused."""

from __future__ import annotations

import math

import pytest

from bench.harness import machine, measure, percentile, rate, summarize


def test_summarize_known_samples() -> None:
    stats = summarize([5.0, 1.0, 3.0, 2.0, 4.0])
    assert stats == {"median": 3.0, "p95": 4.8, "min": 1.0, "max": 5.0, "mean": 3.0, "n": 5}


def test_summarize_even_count_median_is_the_midpoint() -> None:
    assert summarize([1.0, 2.0, 3.0, 10.0])["median"] == 2.5


def test_percentile_interpolates_like_numpy() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 100.0
    assert percentile([7.0], 95) == 7.0


@pytest.mark.parametrize("bad", [[], [1.0, math.nan]])
def test_summarize_refuses_empty_or_nan(bad: list[float]) -> None:
    with pytest.raises(ValueError):
        summarize(bad)


def test_percentile_refuses_out_of_range() -> None:
    with pytest.raises(ValueError):
        percentile([1.0, 2.0], 101)
    with pytest.raises(ValueError):
        percentile([], 50)


def test_measure_warms_up_then_times_each_repeat() -> None:
    calls: list[int] = []
    stats = measure(lambda: calls.append(1), repeats=5, warmup=3)
    assert len(calls) == 8
    assert stats["n"] == 5
    assert 0 <= stats["min"] <= stats["median"] <= stats["max"]
    with pytest.raises(ValueError):
        measure(lambda: None, repeats=0)


def test_rate_is_items_per_second() -> None:
    assert rate(100, [0.5, 1.0, 2.0])["median"] == 100.0
    with pytest.raises(ValueError):
        rate(10, [0.0])


def test_machine_records_what_the_report_needs() -> None:
    info = machine()
    assert {"cpu", "cores", "memory_gb", "python", "date"} <= set(info)
    assert info["cores"] >= 1
