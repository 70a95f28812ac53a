"""Whether a NIK has trusted biometrics on file, read from the biometrics bucket without reading a template.

Enrolment (services/biometrics.py store_enrolled_finger) keeps beside the NIK's enrolled finger the record of who
captured it, and writes that record only for a trusted capture (an officer's or a registered device's), after the
template and after the NIK's face. So that record alone answers the question, and the chain may read nothing else
in the bucket: infra/pipeline.py grants it s3:GetObject on `templates/enrolled/*.capture.json` and no listing
(key names there are NIKs). Without s3:ListBucket a missing object answers AccessDenied rather than NoSuchKey:
both mean "no trusted capture on file", which sends the applicant to a recording, the safe side.
"""

from __future__ import annotations

from botocore.exceptions import ClientError

from ektp.adapters.aws import client
from ektp.domain.capture import CaptureSource

# services/biometrics.py enrolled_fingerprint_capture_key (that module needs numpy; this one runs in zip functions);
# tests/unit/core/test_enrolled_fingers.py keeps the two equal.
ENROLLED_CAPTURE_KEY = "templates/enrolled/{nik}.capture.json"
_ABSENT = frozenset({"NoSuchKey", "404", "NotFound", "AccessDenied", "403"})


class S3EnrolledFingers:
    def __init__(self, bucket: str | None) -> None:
        self._bucket = bucket

    def trusted(self, nik: str) -> bool:
        if not self._bucket:
            return False
        try:
            body = client("s3").get_object(Bucket=self._bucket, Key=ENROLLED_CAPTURE_KEY.format(nik=nik))[
                "Body"
            ]
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _ABSENT:
                return False
            raise
        try:
            return CaptureSource.model_validate_json(body.read()).trusted
        except ValueError:
            return False
