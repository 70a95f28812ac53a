"""The cost model's formulas on known inputs, and the usage it derives from benchmark results."""

from __future__ import annotations

import pytest

from bench import cost
from bench.cost import (
    Assumptions,
    LambdaUse,
    Usage,
    build_usage,
    cost_lines,
    happy_path_transitions,
    lambda_cost,
    total,
)


def _usage(**overrides: object) -> Usage:
    base: dict[str, object] = {
        "lambdas": [],
        "sfn_transitions": 0,
        "s3_put": 0,
        "s3_get": 0,
        "s3_gb_months": 0,
        "dynamodb_wru": 0,
        "dynamodb_rru": 0,
        "dynamodb_gb_months": 0,
        "kms_requests": 0,
        "api_requests": 0,
        "eventbridge_events": 0,
        "emails": 0,
        "sms": 0,
    }
    return Usage.model_validate(base | overrides)


def test_lambda_cost_is_gb_seconds_plus_requests() -> None:
    use = LambdaUse(function="f", memory_mb=1024, architecture="arm64", invocations=2, seconds=0.5)
    # 1 GB x 0.5 s x 2 = 1 GB-s
    assert lambda_cost(use) == pytest.approx(
        cost.LAMBDA_GB_SECOND["arm64"] + 2 * cost.LAMBDA_PER_MILLION_REQUESTS / 1e6
    )


def test_lambda_duration_is_billed_per_millisecond_rounded_up() -> None:
    exact = LambdaUse(function="f", memory_mb=1024, invocations=1, seconds=0.001)
    partial = LambdaUse(function="f", memory_mb=1024, invocations=1, seconds=0.0001)
    assert lambda_cost(partial) == pytest.approx(lambda_cost(exact))


def test_x86_costs_more_than_arm64_for_the_same_work() -> None:
    arm = LambdaUse(function="f", memory_mb=2048, architecture="arm64", invocations=1, seconds=1)
    x86 = arm.model_copy(update={"architecture": "x86_64"})
    assert lambda_cost(x86) > lambda_cost(arm)


def test_each_line_uses_its_price_unit() -> None:
    lines = cost_lines(
        _usage(
            sfn_transitions=1000,
            s3_put=1000,
            s3_get=1000,
            dynamodb_wru=1e6,
            dynamodb_rru=1e6,
            kms_requests=10_000,
            api_requests=1e6,
            eventbridge_events=1e6,
            emails=1000,
            sms=1,
            s3_gb_months=1,
            dynamodb_gb_months=1,
        )
    )
    assert lines["step_functions"] == pytest.approx(cost.SFN_STANDARD_PER_1000_TRANSITIONS)
    assert lines["s3_requests"] == pytest.approx(cost.S3_PER_1000_PUT + cost.S3_PER_1000_GET)
    assert lines["dynamodb_requests"] == pytest.approx(
        cost.DYNAMODB_PER_MILLION_WRU + cost.DYNAMODB_PER_MILLION_RRU
    )
    assert lines["kms"] == pytest.approx(cost.KMS_PER_10000_REQUESTS)
    assert lines["api_gateway"] == pytest.approx(cost.API_GATEWAY_HTTP_PER_MILLION)
    assert lines["eventbridge"] == pytest.approx(cost.EVENTBRIDGE_PER_MILLION_EVENTS)
    assert lines["ses"] == pytest.approx(cost.SES_PER_1000_EMAILS)
    assert lines["sms"] == pytest.approx(cost.SNS_SMS_INDONESIA_PER_MESSAGE)
    assert lines["s3_storage"] == pytest.approx(cost.S3_STANDARD_PER_GB_MONTH)
    assert lines["dynamodb_storage"] == pytest.approx(cost.DYNAMODB_PER_GB_MONTH)
    assert "rekognition" not in lines and "textract" not in lines


def test_sms_is_optional() -> None:
    usage = _usage(sms=2, emails=2)
    assert total(usage) - total(usage, with_sms=False) == pytest.approx(
        2 * cost.SNS_SMS_INDONESIA_PER_MESSAGE
    )


def test_managed_lines_price_images_pages_and_stored_faces() -> None:
    lines = cost_lines(_usage(rekognition_images=5, rekognition_face_months=12, textract_pages=2))
    assert lines["rekognition"] == pytest.approx(
        5 * cost.REKOGNITION_PER_IMAGE + 12 * cost.REKOGNITION_FACE_STORAGE_PER_FACE_MONTH
    )
    assert lines["textract"] == pytest.approx(2 * cost.TEXTRACT_DETECT_TEXT_PER_PAGE)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        _usage(s3_put=-1)
    with pytest.raises(ValueError):
        LambdaUse(function="f", memory_mb=0, invocations=1, seconds=1)


def test_cpu_scaling_follows_lambda_cpu_share() -> None:
    assert cost.cpu_scaled(1.0, 1769) == pytest.approx(1.0)
    assert cost.cpu_scaled(1.0, 3008) == pytest.approx(1.0)  # more than one vCPU does not speed up one thread
    assert cost.cpu_scaled(1.0, 512) == pytest.approx(1769 / 512)


def test_happy_path_counts_parallel_branches_and_choice_default() -> None:
    definition = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Task", "Next": "P"},
            "P": {
                "Type": "Parallel",
                "Next": "C",
                "Branches": [
                    {"StartAt": "B1", "States": {"B1": {"Type": "Task", "End": True}}},
                    {
                        "StartAt": "B2",
                        "States": {"B2": {"Type": "Task", "Next": "B3"}, "B3": {"Type": "Pass", "End": True}},
                    },
                ],
            },
            "C": {"Type": "Choice", "Choices": [{"Next": "Review"}], "Default": "D"},
            "Review": {"Type": "Task", "Next": "Done"},
            "D": {"Type": "Task", "Next": "Done"},
            "Done": {"Type": "Succeed"},
        },
    }
    # A, P (+ B1, B2, B3), C, D, Done
    assert happy_path_transitions(definition) == 8


def test_measured_chain_figures_drive_the_usage() -> None:
    results = {
        "stages": {
            "chain": {
                "ok": True,
                "result": {
                    "per_application": {
                        "lambda": {
                            "intake": {"invocations": 4, "median_s": 0.1},
                            "chain": {"invocations": 8, "median_s": 0.05},
                        },
                        "api_requests": 11,
                        "sfn_transitions": 12,
                        "dynamodb": {"wru": 90, "rru": 60, "stored_bytes": 15000},
                        "s3": {"put": 6, "get": 12},
                        "uploaded_bytes": 400_000,
                        "processed_bytes": 100_000,
                        # the local run searched the one shard of this test's national gallery
                        "steps": {"biometrics:search_sweep_shard": {"invocations": 1}},
                    }
                },
            }
        }
    }
    own, managed = build_usage(results, Assumptions(national_gallery_templates=1_000_000))
    assert (
        own.sfn_transitions == pytest.approx(12 + 4 / 95) and own.api_requests == 11
    )  # + its share of a sweep
    assert own.dynamodb_wru == 90 and own.s3_put == 6
    intake = next(u for u in own.lambdas if u.function == "intake")
    assert intake.invocations == 4 and intake.seconds >= 0.1
    assert "measured" in intake.source
    assert {u.function for u in managed.lambdas}.isdisjoint({"ocr", "photo_check", "biometrics"})
    assert managed.rekognition_images > 0 and managed.textract_pages == 2
    assert total(managed, with_sms=False) > total(own, with_sms=False)


def test_without_measurements_the_model_says_it_assumed() -> None:
    own, _ = build_usage({}, Assumptions())
    assert all("assumed" in u.source for u in own.lambdas if u.function in ("intake", "chain"))
    result = cost.run(results={})
    assert result["inputs_from"] in ("design only", "this run")
    assert (
        result["own_engines"]["usd_per_application"]
        > result["own_engines"]["usd_per_application_without_sms"]
    )


def test_national_gallery_fans_out_one_search_per_shard_and_batching_amortises_it() -> None:
    search = {"median_ms": 20.0, "batch": {"median_ms": 500.0, "per_probe_ms": 5.0}}
    results = {
        "stages": {
            "biometrics": {
                "ok": True,
                "result": {"face_1to1_ms": {"median_ms": 500.0}, "search_1000000": search},
            }
        }
    }
    a = Assumptions(
        national_gallery_templates=10_000_000, shard_templates=1_000_000, search_batch_applications=1
    )
    own, managed = build_usage(results, a)
    shard = next(u for u in own.lambdas if "@national" in u.function)
    assert shard.invocations == 10  # one sweep per application: every shard read for it alone
    expected_s = 1_000_000 * 128 / 2**20 / a.s3_read_mb_per_s + 0.020
    assert shard.seconds == pytest.approx(expected_s)
    batched, _ = build_usage(results, a.model_copy(update={"search_batch_applications": 10}))
    batched_shard = next(u for u in batched.lambdas if "@national" in u.function)
    assert batched_shard.invocations == 1
    # One shard read for ten probes, searched at the measured per-probe share of a batched pass.
    assert batched_shard.seconds == pytest.approx(expected_s - 0.020 + 10 * 0.005)
    assert total(batched, with_sms=False) < total(own, with_sms=False)
    # (10 shards + 4 sweep states) per sweep: 14 per application alone, 1.4 in a batch of ten.
    assert own.sfn_transitions - batched.sfn_transitions == pytest.approx(12.6)
    # Managed: one SearchFacesByImage per 20M-face collection, no shard fan-out.
    assert not any("@national" in u.function for u in managed.lambdas)
    assert managed.rekognition_images == a.photo_uploads + 2 + 1


def test_the_batch_is_what_arrives_in_one_window_at_the_national_rate() -> None:
    assert Assumptions().batch_size == 95  # 10M a year over a 5-minute window
    assert Assumptions(applications_per_year=100_000_000).batch_size == 500  # the consumer's cap
    assert Assumptions(applications_per_year=1_000).batch_size == 1
    assert Assumptions(search_batch_applications=7).batch_size == 7


def test_run_reports_the_scenarios() -> None:
    result = cost.run(results={})
    scenarios = result["scenarios_without_sms"]
    assert len(scenarios) == 4
    as_built, unbatched, small, _managed = scenarios.values()
    assert unbatched > as_built > small > 0
