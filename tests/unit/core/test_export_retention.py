"""The data export states the deployment's raw-upload retention (issue 21 item 6), read from the API's environment."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ektp.config import ApiSettings, function_environment
from ektp.views import retention_notice

API_ENV = {
    "SIGNING_KEY_ID": "k",
    "TABLE_NAME": "t",
    "IDEMPOTENCY_TABLE_NAME": "i",
    "UPLOAD_BUCKET_NAME": "u",
    "STATE_MACHINE_ARN": "arn:aws:states:ap-southeast-3:000000000000:stateMachine:chain",
    "STATUS_PAGE_URL": "https://ektp.example.go.id/",
}


@pytest.mark.parametrize("days", [30, 365])
def test_the_export_states_the_configured_days(days: int) -> None:
    with function_environment({**API_ENV, "RAW_UPLOAD_RETENTION_DAYS": str(days)}):
        settings = ApiSettings.load()
    notice = retention_notice(settings.raw_upload_retention_days)
    assert f"deleted {days} days after upload" in notice
    assert "90" not in notice


def test_the_api_does_not_start_without_the_deployments_retention() -> None:
    # No default to drift from the lifecycle rule: infra/api.py must pass it.
    with function_environment(API_ENV), pytest.raises(ValidationError, match="raw_upload_retention_days"):
        ApiSettings.load()
