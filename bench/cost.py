"""Cost model: the AWS bill of one e-KTP application, with our own engines and with managed services.

    .venv/bin/python -m bench.cost

Formulas and assumptions are documented in docs/cost-model.md. Inputs, best first:
1. the per-application operation counts and Lambda durations measured by the chain benchmark in this run
   (`python -m bench` passes the results so far in $BENCH_PARTIAL) or, failing that, the last results file;
2. the OCR and biometrics benchmarks' per-page and per-comparison times for the heavy engines;
3. otherwise the design itself: the state machine's path counted from the synthesized template, the memory
   sizes from the template, and the documented assumptions below. Every input records where it came from.

PRICES: none of these was read live (no internet where this was written). They are ap-southeast-3 (Jakarta)
list prices as known to the author in 2026-11; each constant says where to verify it. Rekognition and Textract
are, to the author's knowledge, not offered in ap-southeast-3: their prices are ap-southeast-1 (Singapore), and
using them would move residents' biometric data and documents out of Indonesia (UU PDP 27/2022).
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ROOT = Path(__file__).resolve().parents[1]
PRICES_AS_OF = "2026-11"
PRICE_NOTE = "list price as known to the author, 2026-11; not read live: verify before relying on it"

# --- list prices, USD (ap-southeast-3 unless said otherwise) -----------------------------------------------
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/lambda/pricing/ before relying on it
LAMBDA_GB_SECOND = {"arm64": 0.0000133334, "x86_64": 0.0000166667}
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/lambda/pricing/ before relying on it
LAMBDA_PER_MILLION_REQUESTS = 0.20
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/step-functions/pricing/ before relying on it
SFN_STANDARD_PER_1000_TRANSITIONS = 0.025
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/dynamodb/pricing/on-demand/ before relying on it
DYNAMODB_PER_MILLION_WRU = 0.7125
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/dynamodb/pricing/on-demand/ before relying on it
DYNAMODB_PER_MILLION_RRU = 0.1425
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/dynamodb/pricing/on-demand/ before relying on it
DYNAMODB_PER_GB_MONTH = 0.285
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/s3/pricing/ before relying on it
S3_STANDARD_PER_GB_MONTH = 0.025
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/s3/pricing/ before relying on it
S3_PER_1000_PUT = 0.0055  # PUT, COPY, POST, LIST
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/s3/pricing/ before relying on it
S3_PER_1000_GET = 0.00044  # GET, HEAD and the rest
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/kms/pricing/ before relying on it
KMS_PER_10000_REQUESTS = 0.03
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/api-gateway/pricing/ before relying on it
API_GATEWAY_HTTP_PER_MILLION = 1.20
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/eventbridge/pricing/ before relying on it
EVENTBRIDGE_PER_MILLION_EVENTS = 1.00
# list price as known to the author, 2026-11; verify at https://aws.amazon.com/ses/pricing/ before relying on it
SES_PER_1000_EMAILS = 0.10
# list price as known to the author, 2026-11 (least certain of all: carrier fees change often);
# verify at https://aws.amazon.com/end-user-messaging/pricing/ (SMS, Indonesia) before relying on it
SNS_SMS_INDONESIA_PER_MESSAGE = 0.35
# WhatsApp (issue 20 item 9): Meta bills each delivered template message by category and the recipient's
# country (per message since 1 July 2025; the rate card: https://developers.facebook.com/documentation/
# business-messaging/whatsapp/pricing). A status notice is a utility template. Indonesia's utility rate as
# known to the author, 2026-11 (the `search` tool found the card's structure, not Indonesia's row): verify
# before relying on it. AWS End User Messaging Social adds its own fee per message (as known to the author;
# verify at https://aws.amazon.com/end-user-messaging/pricing/).
WHATSAPP_UTILITY_INDONESIA_PER_MESSAGE = 0.0250
SOCIAL_MESSAGING_FEE_PER_MESSAGE = 0.005
# list price as known to the author, 2026-11, ap-southeast-1 (no Rekognition in Jakarta as far as known);
# verify at https://aws.amazon.com/rekognition/pricing/ before relying on it. First 1M images a month.
REKOGNITION_PER_IMAGE = 0.0013
# list price as known to the author, 2026-11, ap-southeast-1; verify at https://aws.amazon.com/rekognition/pricing/
REKOGNITION_FACE_STORAGE_PER_FACE_MONTH = 0.00001
# list price as known to the author, 2026-11, ap-southeast-1 (no Textract in Jakarta as far as known);
# verify at https://aws.amazon.com/textract/pricing/ before relying on it. DetectDocumentText, first 1M pages.
TEXTRACT_DETECT_TEXT_PER_PAGE = 0.0015
# list price as known to the author, 2026-11, ap-southeast-1; AnalyzeDocument with FORMS (key-value pairs)
TEXTRACT_ANALYZE_FORMS_PER_PAGE = 0.05

TARGET_USD = 0.003  # issue 9: at most this per application with our own engines
# Lambda gives a function one full vCPU at 1,769 MB and CPU in proportion below that: single-threaded,
# CPU-bound work measured on a full local core runs 1769/memory times longer on a smaller function.
LAMBDA_FULL_VCPU_MB = 1769


# --- the model ---------------------------------------------------------------------------------------------
Architecture = Literal["arm64", "x86_64"]


class LambdaUse(BaseModel):
    model_config = ConfigDict(frozen=True)

    function: str
    memory_mb: int = Field(gt=0)
    architecture: Architecture = "arm64"
    invocations: float = Field(ge=0)  # per application (may be fractional: an average)
    seconds: float = Field(ge=0)  # billed duration of one invocation
    source: str = ""


class Usage(BaseModel):
    """What one application consumes. Counts are averages per application."""

    lambdas: list[LambdaUse]
    sfn_transitions: float = Field(ge=0)
    s3_put: float = Field(ge=0)
    s3_get: float = Field(ge=0)
    s3_gb_months: float = Field(ge=0)  # stored bytes x retention
    dynamodb_wru: float = Field(ge=0)
    dynamodb_rru: float = Field(ge=0)
    dynamodb_gb_months: float = Field(ge=0)
    kms_requests: float = Field(ge=0)
    api_requests: float = Field(ge=0)
    eventbridge_events: float = Field(ge=0)
    emails: float = Field(ge=0)
    sms: float = Field(ge=0)
    rekognition_images: float = Field(default=0, ge=0)
    rekognition_face_months: float = Field(default=0, ge=0)
    textract_pages: float = Field(default=0, ge=0)
    sources: dict[str, str] = {}


def lambda_cost(use: LambdaUse) -> float:
    """GB-seconds by architecture (duration billed per 1 ms, rounded up) plus the request charge."""
    billed_s = math.ceil(use.seconds * 1000 - 1e-9) / 1000
    gb_seconds = use.memory_mb / 1024 * billed_s * use.invocations
    return (
        gb_seconds * LAMBDA_GB_SECOND[use.architecture] + use.invocations * LAMBDA_PER_MILLION_REQUESTS / 1e6
    )


def cost_lines(usage: Usage, *, with_sms: bool = True) -> dict[str, float]:
    """USD per application, one line per priced item."""
    lines: dict[str, float] = {}
    for use in usage.lambdas:
        lines[f"lambda:{use.function}"] = lambda_cost(use)
    lines["step_functions"] = usage.sfn_transitions * SFN_STANDARD_PER_1000_TRANSITIONS / 1000
    lines["s3_requests"] = usage.s3_put * S3_PER_1000_PUT / 1000 + usage.s3_get * S3_PER_1000_GET / 1000
    lines["s3_storage"] = usage.s3_gb_months * S3_STANDARD_PER_GB_MONTH
    lines["dynamodb_requests"] = (
        usage.dynamodb_wru * DYNAMODB_PER_MILLION_WRU + usage.dynamodb_rru * DYNAMODB_PER_MILLION_RRU
    ) / 1e6
    lines["dynamodb_storage"] = usage.dynamodb_gb_months * DYNAMODB_PER_GB_MONTH
    lines["kms"] = usage.kms_requests * KMS_PER_10000_REQUESTS / 10_000
    lines["api_gateway"] = usage.api_requests * API_GATEWAY_HTTP_PER_MILLION / 1e6
    lines["eventbridge"] = usage.eventbridge_events * EVENTBRIDGE_PER_MILLION_EVENTS / 1e6
    lines["ses"] = usage.emails * SES_PER_1000_EMAILS / 1000
    lines["sms"] = usage.sms * SNS_SMS_INDONESIA_PER_MESSAGE if with_sms else 0.0
    if usage.rekognition_images or usage.rekognition_face_months:
        lines["rekognition"] = (
            usage.rekognition_images * REKOGNITION_PER_IMAGE
            + usage.rekognition_face_months * REKOGNITION_FACE_STORAGE_PER_FACE_MONTH
        )
    if usage.textract_pages:
        lines["textract"] = usage.textract_pages * TEXTRACT_DETECT_TEXT_PER_PAGE
    return lines


def total(usage: Usage, *, with_sms: bool = True) -> float:
    return sum(cost_lines(usage, with_sms=with_sms).values())


def channel_prices() -> dict[str, float]:
    """USD per notification message by channel (Indonesia): what the resident's choice costs."""
    return {
        "email": SES_PER_1000_EMAILS / 1000,
        "sms": SNS_SMS_INDONESIA_PER_MESSAGE,
        "whatsapp": WHATSAPP_UTILITY_INDONESIA_PER_MESSAGE + SOCIAL_MESSAGING_FEE_PER_MESSAGE,
    }


def channel_costs(notifications: int) -> dict[str, dict[str, float]]:
    """Per message and per application (`notifications` notices each), by channel."""
    return {
        channel: {"usd_per_message": round(price, 6), "usd_per_application": round(price * notifications, 6)}
        for channel, price in channel_prices().items()
    }


# --- design inputs (used where no measurement exists) -------------------------------------------------------
class Assumptions(BaseModel):
    """Per-application figures the local run cannot measure; each is argued in docs/cost-model.md."""

    uploads: int = 4  # KK, akta kelahiran, photo, selfie (a NEW application)
    photo_uploads: int = 2  # photo and selfie go to the photo check
    document_pages: int = 2  # KK and akta: one page each
    raw_retention_days: int = 90  # infra.settings.raw_upload_retention_days (S3 lifecycle on uploads/)
    processed_retention_days: int = 365  # processed/ has no lifecycle rule yet: one year assumed
    record_retention_months: int = 12  # DynamoDB records: the first year is priced
    status_polls: int = 3  # the resident's app reads the status a few times after submitting
    notifications: int = 2  # "submitted" and "decided"
    # KMS: the bucket key, SQS data-key reuse (5 min) and DynamoDB's table key cache make KMS calls per
    # burst, not per request; cold starts decrypt the environment once. A generous average:
    kms_requests: float = 1.0
    eventbridge_events: float = 0.0  # the design publishes no custom events yet
    # Biometrics container (not in the template yet): memory assumed; face 1:1 + 1:N on one invocation.
    biometrics_memory_mb: int = 2048
    biometrics_architecture: Literal["arm64", "x86_64"] = "x86_64"  # the pinned nbis-py wheel is x86_64 only
    fallback_seconds: dict[str, float] = {  # used only when nothing was measured
        "api": 0.05,
        "intake": 0.08,
        "photo_check": 0.06,
        "chain": 0.05,
        "ocr": 0.7,
        "biometrics": 0.6,
    }
    # National 1:N (infra/pipeline.py, the GallerySweep machine): the gallery is searched shard by shard, one
    # Lambda invocation and one Map iteration per shard of 1M templates, each reading its shard from S3, once
    # per batch of waiting applications. The local chain's gallery is tiny: these scale it up.
    national_gallery_templates: int = 280_000_000  # about every resident of Indonesia
    shard_templates: int = 1_000_000
    template_bytes: int = 128  # int8 x 128 dimensions
    s3_read_mb_per_s: float = 90.0  # one GET stream from Lambda; an assumption, not measured here
    # Applications whose probes one sweep searches together. The SQS consumer takes up to 500 within a 5-minute
    # window (infra.settings gallery_batch_size / gallery_batch_window_seconds), so the batch is the arrivals
    # of 5 minutes at the national rate: ~10M applications a year (4-5M new 17-year-olds, replacements, data
    # changes; an assumption) is ~95 per window. None: derive it from these; a number: that batch size.
    applications_per_year: int = 10_000_000
    batch_window_seconds: int = 300
    batch_max_applications: int = 500
    search_batch_applications: int | None = Field(default=None, ge=1)
    sweep_overhead_transitions: int = 4  # PlanSweep, the Map state, FinishSweep, the end

    @property
    def batch_size(self) -> int:
        if self.search_batch_applications is not None:
            return self.search_batch_applications
        arrivals = self.applications_per_year / (365 * 24 * 3600) * self.batch_window_seconds
        return max(1, min(self.batch_max_applications, math.floor(arrivals)))

    rekognition_collection_max_faces: int = 20_000_000  # one SearchFacesByImage per collection
    managed_glue_seconds: float = 0.3  # a small Lambda that calls Rekognition/Textract and parses the result
    managed_glue_memory_mb: int = 256


def _template() -> dict[str, Any] | None:
    """The newest synthesized template: the local runtime's synth cache or cdk.out, whichever is fresher."""
    candidates = [
        *(ROOT / ".cache" / "synth").glob("*/*.template.json"),
        *(ROOT / "cdk.out").glob("*.template.json"),
    ]
    for path in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            return dict(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue
    return None


def template_functions(template: Mapping[str, Any]) -> dict[str, tuple[int, Architecture]]:
    """{folder name: (memory MB, architecture)} of every function the template declares with our source."""
    found: dict[str, tuple[int, Architecture]] = {}
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") != "AWS::Lambda::Function":
            continue
        source = (resource.get("Metadata") or {}).get("ektp:source")
        if not source:
            continue
        props = resource.get("Properties", {})
        arch: Architecture = "arm64" if (props.get("Architectures") or ["x86_64"])[0] == "arm64" else "x86_64"
        found[source.rsplit("/", 1)[-1]] = (int(props.get("MemorySize", 128)), arch)
    return found


def _definition(template: Mapping[str, Any]) -> dict[str, Any] | None:
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::StepFunctions::StateMachine":
            raw = resource["Properties"]["DefinitionString"]
            if isinstance(raw, dict) and "Fn::Join" in raw:
                # Intrinsics only ever sit inside JSON strings (ARNs): a placeholder keeps the JSON valid.
                raw = "".join(p if isinstance(p, str) else "X" for p in raw["Fn::Join"][1])
            return dict(json.loads(raw))
    return None


def happy_path_transitions(definition: Mapping[str, Any]) -> int:
    """States entered by an application that passes straight through: from StartAt along Next, a Choice's
    Default, every branch of a Parallel; Succeed/Fail end it. Standard workflows bill each one."""
    states = definition["States"]
    count, name, seen = 0, definition["StartAt"], set()
    while name and name not in seen:
        seen.add(name)
        state = states[name]
        count += 1
        if state["Type"] == "Parallel":
            count += sum(happy_path_transitions(branch) for branch in state["Branches"])
        if state.get("End") or state["Type"] in ("Succeed", "Fail"):
            break
        name = state.get("Default") if state["Type"] == "Choice" else state.get("Next")
    return count


def _stage(results: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    stage = (results.get("stages") or {}).get(name)
    return stage["result"] if stage and stage.get("ok") and isinstance(stage.get("result"), dict) else None


def _median(node: Any, *keys: str) -> float | None:
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if isinstance(node, dict):
        node = node.get("median", node.get("median_ms"))
    return float(node) if isinstance(node, (int, float)) else None


def cpu_scaled(seconds: float, memory_mb: int) -> float:
    """A single-core local time as Lambda would bill it at `memory_mb` (CPU share grows with memory)."""
    return seconds * max(1.0, LAMBDA_FULL_VCPU_MB / memory_mb)


def build_usage(results: Mapping[str, Any], assumptions: Assumptions | None = None) -> tuple[Usage, Usage]:
    """(own engines, managed services) usage per application from the benchmark results so far."""
    a = assumptions or Assumptions()
    template = _template() or {}
    memory = template_functions(template)
    sources: dict[str, str] = {}
    chain = _stage(results, "chain")
    per_app: dict[str, Any] = (chain or {}).get("per_application") or {}
    measured_fn: dict[str, Any] = per_app.get("lambda") or {}

    def fn_use(
        name: str, invocations: float, seconds: float | None, source: str, *, scale: bool = False
    ) -> LambdaUse:
        mem, arch = memory.get(name, (512, "arm64"))
        if seconds is None:
            seconds, source = a.fallback_seconds[name], "assumed (nothing measured)"
        elif scale:
            seconds = cpu_scaled(seconds, mem)
            source += f", scaled x{max(1.0, LAMBDA_FULL_VCPU_MB / mem):.2f} for {mem} MB of CPU"
        return LambdaUse(
            function=name,
            memory_mb=mem,
            architecture=arch,
            invocations=invocations,
            seconds=seconds,
            source=source,
        )

    def chain_fn(name: str, default_invocations: float) -> LambdaUse:
        m = measured_fn.get(name)
        if m:
            return fn_use(
                name,
                float(m["invocations"]),
                float(m.get("mean_s", m["median_s"])),  # billing adds durations up: the mean, not the median
                "mean measured on the local chain (moto in-process)",
                scale=True,
            )
        return fn_use(name, default_invocations, None, "")

    api_requests = float(per_app.get("api_requests") or 1 + a.uploads + 1 + a.uploads + a.status_polls)
    sources["api_requests"] = (
        "counted on the local chain"
        if per_app.get("api_requests")
        else "design: create, tickets, submit, status reads"
    )
    lambdas = [
        fn_use(
            "api",
            api_requests,
            (measured_fn.get("api") or {}).get("mean_s") or _median(measured_fn, "api", "median_s"),
            "mean measured on the local chain",
            scale=True,
        ),
        chain_fn("intake", a.uploads),
        chain_fn("photo_check", a.photo_uploads),
        chain_fn("chain", 8),
    ]
    # OCR: the OCR benchmark's per-page time (degraded pages: phone photos) is the better figure when present.
    ocr = _stage(results, "ocr")
    ocr_s = _median(ocr, "latency_degraded") if ocr else None
    if ocr_s is not None:
        mem, arch = memory.get("ocr", (2048, "arm64"))
        lambdas.append(
            LambdaUse(
                function="ocr",
                memory_mb=mem,
                architecture=arch,
                invocations=a.document_pages,
                seconds=cpu_scaled(ocr_s, mem),
                source="bench.ocr median per degraded page",
            )
        )
    else:
        lambdas.append(chain_fn("ocr", a.document_pages))
    bio = _stage(results, "biometrics")
    bio_mem, bio_arch = memory.get("biometrics", (a.biometrics_memory_mb, a.biometrics_architecture))
    if "biometrics" in measured_fn:
        lambdas.append(chain_fn("biometrics", 4))
    else:  # the chain did not run the biometric steps: face 1:1 from the biometrics benchmark, one invocation
        face_ms = _median(bio, "face_1to1_ms") if bio else None
        lambdas.append(
            LambdaUse(
                function="biometrics",
                memory_mb=bio_mem,
                architecture=bio_arch,
                invocations=1,
                seconds=cpu_scaled(face_ms / 1000, bio_mem)
                if face_ms is not None
                else a.fallback_seconds["biometrics"],
                source="bench.biometrics face 1:1 median"
                if face_ms is not None
                else "assumed (nothing measured)",
            )
        )
    # National-scale 1:N: the shards the local gallery did not have, each read from S3 and searched.
    shards = math.ceil(a.national_gallery_templates / a.shard_templates)
    steps: dict[str, Any] = per_app.get("steps") or {}
    local_shards = float((steps.get("biometrics:search_sweep_shard") or {}).get("invocations", 0.0))
    extra_shards = max(0.0, shards - local_shards)
    search_1m_ms = _median(bio, "search_1000000") if bio else None
    search_source = "bench.biometrics 1:N median at 1M"
    # A sweep searches its batch in one GEMM pass: the measured per-probe share of a 100-probe pass.
    per_probe_ms = (bio or {}).get("search_1000000", {}).get("batch", {}).get("per_probe_ms")
    if isinstance(per_probe_ms, (int, float)) and a.batch_size > 1:
        search_1m_ms, search_source = float(per_probe_ms), "bench.biometrics 1:N at 1M, 100 probes per pass"
    if search_1m_ms is None and bio and _median(bio, "search_100000") is not None:
        search_1m_ms = 10 * (_median(bio, "search_100000") or 0.0)  # linear in the gallery (exhaustive scan)
        search_source = "bench.biometrics 1:N median at 100k, x10"
    if search_1m_ms is None:
        search_1m_ms, search_source = 25.0, "assumed (nothing measured)"
    shard_mb = a.shard_templates * a.template_bytes / 2**20
    batch = a.batch_size
    # Per application: 1/batch of each shard invocation, which reads the shard once and searches `batch` probes.
    extra_shards /= batch
    sweep_transitions = a.sweep_overhead_transitions / batch
    shard_s = shard_mb / a.s3_read_mb_per_s + batch * cpu_scaled(search_1m_ms / 1000, bio_mem)
    lambdas.append(
        LambdaUse(
            function="biometrics:search_shard@national",
            memory_mb=bio_mem,
            architecture=bio_arch,
            invocations=extra_shards,
            seconds=shard_s,
            source=f"{shards} shards of {a.shard_templates:,}: {shard_mb:.0f} MB S3 read at "
            f"{a.s3_read_mb_per_s:.0f} MB/s (assumed) + {search_source}; {batch} application(s) per pass",
        )
    )
    sources["national_1n"] = (
        f"{a.national_gallery_templates:,} templates in {shards} shards; the local run searched {local_shards:g}"
    )

    definition = _definition(template)
    static_transitions = happy_path_transitions(definition) if definition else 11
    # The local sweeps' own transitions are not in the chain's count: the national sweep is modelled instead.
    transitions = (
        float(per_app.get("sfn_transitions") or static_transitions) + extra_shards + sweep_transitions
    )
    sources["sfn_transitions"] = (
        "counted in the local executions' history"
        if per_app.get("sfn_transitions")
        else "happy path of the synthesized state machine"
    )

    s3 = per_app.get("s3") or {}
    stored_bytes = float(per_app.get("uploaded_bytes") or 4 * 400_000)
    processed_bytes = float(per_app.get("processed_bytes") or 150_000)
    s3_gb_months = (
        (stored_bytes * a.raw_retention_days + processed_bytes * a.processed_retention_days) / 30.4 / 1e9
    )
    ddb = per_app.get("dynamodb") or {}
    usage = Usage(
        lambdas=lambdas,
        sfn_transitions=transitions,
        s3_put=float(s3.get("put", a.uploads + 1)),
        s3_get=float(s3.get("get", a.uploads * 2)) + extra_shards,
        s3_gb_months=s3_gb_months,
        dynamodb_wru=float(ddb.get("wru", 40)),
        dynamodb_rru=float(ddb.get("rru", 60)),
        dynamodb_gb_months=float(ddb.get("stored_bytes", 60_000)) / 1e9 * a.record_retention_months,
        kms_requests=a.kms_requests,
        api_requests=api_requests,
        eventbridge_events=a.eventbridge_events,
        emails=a.notifications,
        sms=a.notifications,
        sources={
            **sources,
            "s3": "counted on the local chain" if s3 else "design estimate",
            "dynamodb": "counted on the local chain (units from item sizes)" if ddb else "design estimate",
        },
    )
    # Managed: Rekognition for the photo check (DetectFaces per photo), 1:1 (CompareFaces), 1:N (IndexFaces +
    # SearchFacesByImage, a face kept in the collection), Textract per page; small glue Lambdas instead.
    glue = [
        LambdaUse(
            function=f"{name}_glue",
            memory_mb=a.managed_glue_memory_mb,
            invocations=n,
            seconds=a.managed_glue_seconds,
            source="assumed glue around the managed call",
        )
        for name, n in (("photo_check", a.photo_uploads), ("ocr", a.document_pages), ("biometrics", 1))
    ]
    collections = math.ceil(a.national_gallery_templates / a.rekognition_collection_max_faces)
    managed = usage.model_copy(
        update={
            "lambdas": [
                u for u in lambdas if u.function.split(":")[0] not in ("photo_check", "ocr", "biometrics")
            ]
            + glue,
            # DetectFaces per photo, CompareFaces, IndexFaces, one SearchFacesByImage per collection
            "rekognition_images": a.photo_uploads + 1 + 1 + collections,
            # no shard fan-out: one search call per collection from the glue function
            "sfn_transitions": transitions - extra_shards,
            "s3_get": usage.s3_get - extra_shards,
            "rekognition_face_months": a.record_retention_months,
            "textract_pages": a.document_pages,
        }
    )
    return usage, managed


def _load_results() -> dict[str, Any]:
    for candidate in (os.environ.get("BENCH_PARTIAL"), str(ROOT / "bench-results" / "results.json")):
        if candidate and Path(candidate).is_file():
            try:
                return dict(json.loads(Path(candidate).read_text()))
            except ValueError:
                continue
    return {}


def _summary(usage: Usage) -> dict[str, Any]:
    lines = cost_lines(usage)
    with_sms, without_sms = total(usage), total(usage, with_sms=False)
    return {
        "usd_per_application": round(with_sms, 6),
        "usd_per_application_without_sms": round(without_sms, 6),
        "usd_per_million_applications_without_sms": round(without_sms * 1e6, 0),
        "lines_usd": {k: round(v, 8) for k, v in sorted(lines.items(), key=lambda kv: -kv[1])},
        "usage": usage.model_dump(mode="json"),
    }


def run(quick: bool = False, results: Mapping[str, Any] | None = None) -> dict[str, Any]:
    del quick  # the model is arithmetic: the same in both modes
    data = dict(results) if results is not None else _load_results()
    own, managed = build_usage(data)
    own_summary, managed_summary = _summary(own), _summary(managed)
    unbatched, _ = build_usage(data, Assumptions(search_batch_applications=1))
    small = own.model_copy(update={"lambdas": [u for u in own.lambdas if "@national" not in u.function]})
    extra = next((u.invocations for u in own.lambdas if "@national" in u.function), 0.0)
    small = small.model_copy(
        update={"sfn_transitions": own.sfn_transitions - extra, "s3_get": own.s3_get - extra}
    )
    return {
        "prices_as_of": PRICES_AS_OF,
        "price_note": PRICE_NOTE,
        "region": "ap-southeast-3 (Rekognition/Textract: ap-southeast-1 prices)",
        "target_usd": TARGET_USD,
        "own_engines": own_summary,
        "managed_services": managed_summary,
        # Without SMS, USD per application: where the national 1:N search puts the design. "as built": one
        # sweep over every shard per batch (Assumptions.batch_size); "unbatched": one sweep per application;
        # "small gallery": no fan-out beyond what the local run searched; managed: Singapore prices.
        "scenarios_without_sms": {
            f"own engines, national 1:N as built (batches of {Assumptions().batch_size})": round(
                total(own, with_sms=False), 6
            ),
            "own engines, national 1:N unbatched (one sweep per application)": round(
                total(unbatched, with_sms=False), 6
            ),
            "own engines, small gallery (no fan-out)": round(total(small, with_sms=False), 6),
            "managed (Rekognition + Textract)": round(total(managed, with_sms=False), 6),
        },
        "meets_target_without_sms": own_summary["usd_per_application_without_sms"] <= TARGET_USD,
        # The resident chooses the channel (SMS only when chosen): each channel's price for the notices of
        # one application; e-mail is the default, WhatsApp costs about a tenth of an SMS.
        "notification_channels": channel_costs(Assumptions().notifications),
        "inputs_from": "this run"
        if os.environ.get("BENCH_PARTIAL")
        else ("last results file" if data else "design only"),
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
