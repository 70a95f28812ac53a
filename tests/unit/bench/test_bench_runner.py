"""`python -m bench`: the runner writes the results file and the report, and reports a failing stage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import __main__ as runner
from bench.chain import attribute_size, item_size, read_units, write_units
from bench.report import markdown, rows, summary_table

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_quick_matching_and_cost_write_json_and_markdown(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--only",
            "matching,cost",
            "--out",
            str(tmp_path),
            "--publish",
            str(tmp_path / "published" / "summary.md"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["quick"] is True and results["stages_run"] == ["matching", "cost"]
    assert results["stages"]["matching"]["ok"] and results["stages"]["cost"]["ok"]
    assert results["stages"]["matching"]["result"]["per_application_ms"]["n"] > 0
    assert {"cpu", "cores", "memory_gb", "python", "date"} <= set(results["machine"])
    report = (tmp_path / "report.md").read_text()
    assert "checks + decision per application" in report and "Cost per application" in report
    assert results["machine"]["cpu"] in report
    assert (tmp_path / "cost_per_application.png").stat().st_size > 1000
    published = (tmp_path / "published" / "summary.md").read_text()
    assert results["machine"]["cpu"] in published and "![" not in published
    assert "matching" in proc.stdout and "median" in proc.stdout  # the summary table is printed


def test_unknown_stage_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        runner.main(["--only", "matching,nonsense"])
    assert exc.value.code == 2
    assert "nonsense" in capsys.readouterr().err


def test_a_failing_stage_is_reported_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = runner.Stage("broken", "bench.does_not_exist", "a stage that cannot import", 30, 30)
    (tmp_path / "logs").mkdir()
    payload = runner.run_stage(broken, True, tmp_path, tmp_path / "partial.json")
    assert payload["ok"] is False
    assert "ModuleNotFoundError" in payload["error"]


def test_report_lists_failed_and_carried_over_stages() -> None:
    results = {
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gb": 1, "python": "3.11", "date": "2026-11-28"},
        "quick": True,
        "seconds": 1,
        "stages": {
            "matching": {
                "ok": True,
                "result": {"per_application_ms": {"median": 1.0, "p95": 2.0, "min": 0.5, "max": 3.0}},
            },
            "ocr": {"ok": False, "error": "timed out after 90 s"},
            "photo": {
                "ok": True,
                "carried_over": {"date": "2026-11-27", "quick": False},
                "result": {"check": {"total_ms": {"median": 30, "p95": 35, "min": 28, "max": 40}}},
            },
        },
    }
    table = summary_table(results)
    assert "ocr: FAILED: timed out after 90 s" in table
    text = markdown(results, [])
    assert "carried over from 2026-11-27" in text and "Test CPU" in text
    figures = {(r.stage, r.figure): r for r in rows(results)}
    assert figures[("photo", "check per photo (1200x1600)")].median == 30


def test_dynamodb_units_follow_item_size() -> None:
    assert attribute_size({"S": "abc"}) == 3
    assert attribute_size({"N": "12345"}) == 4
    assert attribute_size({"M": {"a": {"S": "xy"}}}) == 3 + 1 + 2 + 1
    assert item_size({"PK": {"S": "APP#1"}, "n": {"BOOL": True}}) == 2 + 5 + 1 + 1
    assert write_units(1) == 1 and write_units(1025) == 2
    assert read_units(4096, consistent=True) == 1 and read_units(4097, consistent=True) == 2
    assert read_units(100, consistent=False) == 0.5
