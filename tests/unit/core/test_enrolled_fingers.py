"""The chain's view of a NIK's trusted biometrics (adapters/enrolled_s3.py) reads the record the biometric stage
writes (services/biometrics.py store_enrolled_finger), on S3 (moto)."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.enrolled_s3 import ENROLLED_CAPTURE_KEY, S3EnrolledFingers
from ektp.domain.capture import CaptureSource
from ektp.services.biometrics import enrolled_fingerprint_capture_key

BUCKET = "contract-biometrics"
NIK = "3171015403010023"


def test_the_key_is_the_one_enrolment_writes() -> None:
    assert ENROLLED_CAPTURE_KEY.format(nik=NIK) == enrolled_fingerprint_capture_key(NIK)


@pytest.fixture
def bucket(monkeypatch: pytest.MonkeyPatch) -> Iterator[S3EnrolledFingers]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        reset_clients()
        boto3.client("s3").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"}
        )
        yield S3EnrolledFingers(BUCKET)
    reset_clients()


@pytest.mark.parametrize(
    ("stored", "trusted"),
    [
        (None, False),  # nothing enrolled
        (CaptureSource(source="officer", officer_id="o-1", device_id="scanner-1").model_dump_json(), True),
        (CaptureSource(source="device", device_id="kiosk-7").model_dump_json(), True),
        (CaptureSource(source="resident").model_dump_json(), False),
        (CaptureSource(source="officer", officer_id="o-1").model_dump_json(), False),  # no scanner named
        ("not json", False),
    ],
)
def test_only_a_trusted_capture_on_file_counts(
    bucket: S3EnrolledFingers, stored: str | None, trusted: bool
) -> None:
    if stored is not None:
        boto3.client("s3").put_object(
            Bucket=BUCKET, Key=ENROLLED_CAPTURE_KEY.format(nik=NIK), Body=stored.encode()
        )
    assert bucket.trusted(NIK) is trusted
    assert S3EnrolledFingers(None).trusted(NIK) is False
