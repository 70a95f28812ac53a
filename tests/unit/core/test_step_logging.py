"""Parallel checks of the verification chain (the Verify Parallel state's branches, run at once by the same
Lambda code, as the local runtime does in one process) log through one Powertools logger: each log line must
name the step, application and attempt of the check that wrote it, not of whichever check started last."""

from __future__ import annotations

import io
import json
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aws_lambda_powertools import Logger

from ektp.step_handler import StepFailed, run_step

CHECKS = ("CheckPersonalData", "CheckDomicile", "CheckSupportingDocuments", "CheckDemographicDuplicates")


def _logger(stream: io.StringIO) -> Logger:
    # A service name of its own: Powertools loggers of one service share their handler (and its stream).
    return Logger(service=f"chain-test-{uuid.uuid4().hex}", stream=stream)


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def _run_together(
    logger: Logger, step: Callable[[object, dict[str, Any]], dict[str, Any]]
) -> list[BaseException | None]:
    """Every check's run_step at once, on its own thread (as moto's Parallel state runs its branches)."""
    steps = dict.fromkeys(CHECKS, step)

    def run(index: int) -> BaseException | None:
        event = {"step": CHECKS[index], "application_id": f"APP-{index}", "attempt": index + 1}
        try:
            run_step(logger, steps, object(), event)
        except StepFailed as exc:
            return exc
        return None

    with ThreadPoolExecutor(max_workers=len(CHECKS)) as pool:
        return list(pool.map(run, range(len(CHECKS))))


def _each_line_names_its_own_check(lines: list[dict[str, Any]], message: str) -> None:
    written = [line for line in lines if line["message"] == message]
    assert sorted(line["step"] for line in written) == sorted(CHECKS)  # each check once, none twice
    for line in written:
        index = CHECKS.index(line["step"])  # the step the line names ...
        assert line["application_id"] == f"APP-{index}"  # ... is the one this check ran for
        assert line["attempt"] == index + 1
        assert line["result" if message == "step done" else "error"] == (
            {"check": line["step"]} if message == "step done" else "RuntimeError"
        )


def test_concurrent_checks_each_log_their_own_step() -> None:
    stream = io.StringIO()
    logger = _logger(stream)
    everyone_started = threading.Barrier(len(CHECKS), timeout=5)
    names = threading.local()

    def check(_: object, event: dict[str, Any]) -> dict[str, Any]:
        names.step = event["step"]
        everyone_started.wait()  # every check has begun (and set its keys) before any logs
        return {"check": names.step}

    assert _run_together(logger, check) == [None] * len(CHECKS)
    _each_line_names_its_own_check(_lines(stream), "step done")


def test_concurrent_failures_each_log_their_own_step() -> None:
    stream = io.StringIO()
    logger = _logger(stream)
    everyone_started = threading.Barrier(len(CHECKS), timeout=5)

    def check(_: object, event: dict[str, Any]) -> dict[str, Any]:
        everyone_started.wait()
        raise RuntimeError(event["application_id"])

    assert all(isinstance(outcome, StepFailed) for outcome in _run_together(logger, check))
    _each_line_names_its_own_check(_lines(stream), "step failed")


def test_a_step_keys_do_not_outlive_it_on_its_thread() -> None:
    stream = io.StringIO()
    logger = _logger(stream)
    run_step(
        logger,
        {"Decide": lambda _, __: {}},
        object(),
        {"step": "Decide", "application_id": "A", "attempt": 1},
    )
    logger.info("between invocations")
    later = _lines(stream)[-1]
    assert later["message"] == "between invocations"
    assert "step" not in later and "application_id" not in later
