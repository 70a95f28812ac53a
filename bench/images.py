"""The container-image functions (`make images`): each image's size and its cold start, i.e. from `docker run`
to the first answer through the Lambda Runtime API (the container starts, awslambdaric starts, the handler's
modules import, the first event is answered), then one warm answer for comparison.

    .venv/bin/python -m bench.images [--quick]

The events need no data: an SQS batch with no records for OCR, and for biometrics the face step on an
attempt that does not exist (an error answer: it still runs the runtime, the imports and the handler, and
reads DynamoDB once). The handlers talk to a moto server on 127.0.0.1. Without a Docker engine or the
images, the stage says so and measures nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from bench.harness import summarize

TARGET_MB = {"ocr": 600, "biometrics": 1500}
TARGET_COLD_S = 3.0
TABLE = "bench-applications"


def _events() -> dict[str, Any]:
    return {
        "ocr": {"Records": []},
        "biometrics": {"step": "match_faces", "application_id": "BENCH", "attempt": 1},
    }


def _environment(endpoint: str, function: str) -> dict[str, str]:
    return {
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
        "AWS_REGION": "ap-southeast-3",
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_LAMBDA_FUNCTION_NAME": f"bench-{function}",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "2048",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "POWERTOOLS_SERVICE_NAME": f"ektp-{function}",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "PYDANTIC_DISABLE_PLUGINS": "__all__",
        "TABLE_NAME": TABLE,
        "UPLOAD_BUCKET_NAME": "bench-uploads",
        "BIOMETRICS_BUCKET_NAME": "bench-biometrics",
        "REGISTRY_TABLE_NAME": "bench-registry",
    }


def _cold_start(image: str, env: dict[str, str], event: Any) -> tuple[float, float]:
    """(seconds from docker run to the first answer, milliseconds of a second, warm answer)."""
    from local_runtime.lambda_containers import LambdaContainer

    with LambdaContainer(image, env) as container:
        container.invoke(event, timeout_s=180)
        assert container.cold_start_s is not None
        started = time.perf_counter()
        container.invoke(event, timeout_s=60)
        return container.cold_start_s, (time.perf_counter() - started) * 1e3


def run(quick: bool = False) -> dict[str, Any]:
    from local_runtime.lambda_containers import docker_answers, image_exists
    from tools.images import FUNCTIONS, image_name, image_size_mb

    if not docker_answers():
        message = "skipped: no Docker engine answers (`make images` installs and starts one, then builds)"
        print(message, flush=True)
        return {"skipped": message}
    missing = [image_name(f) for f in FUNCTIONS if not image_exists(image_name(f))]
    if missing:
        message = f"skipped: image(s) {', '.join(missing)} missing: run `make images`"
        print(message, flush=True)
        return {"skipped": message}

    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"})
    boto3.client("dynamodb", endpoint_url=endpoint, region_name="ap-southeast-3").create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "PK", "AttributeType": "S"},
            {"AttributeName": "SK", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    runs = 1 if quick else 3
    out: dict[str, Any] = {}
    try:
        for function in FUNCTIONS:
            image = image_name(function)
            env = _environment(endpoint, function)
            _cold_start(image, env, _events()[function])  # warm-up: the OS file cache holds the image's files
            cold, warm = zip(
                *(_cold_start(image, env, _events()[function]) for _ in range(runs)), strict=True
            )
            out[function] = {
                "image": image,
                "size_mb": round(image_size_mb(image), 1),
                "size_target_mb": TARGET_MB[function],
                "cold_start_s": summarize(list(cold)),
                "cold_start_target_s": TARGET_COLD_S,
                "warm_answer_ms": summarize(list(warm), digits=1),
            }
            print(f"{function}: {out[function]}", flush=True)
    finally:
        server.stop()
    return {"images": out}


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
