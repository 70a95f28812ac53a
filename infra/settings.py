"""Deployment settings: one place for what an operator may change (via `cdk.json` context or -c key=value)."""

from __future__ import annotations

from aws_cdk import aws_lambda as _lambda
from constructs import Node
from pydantic import BaseModel, ConfigDict, Field

# 3.13, not 3.14: the layers ship bytecode compiled at build time by an interpreter of the same version
# (tools/build_layers; Debian 13's python3 is 3.13), so no cold start compiles them. Keep
# tools/build_layers.LAMBDA_PYTHON equal.
LAMBDA_RUNTIME = _lambda.Runtime.PYTHON_3_13
LAMBDA_ARCHITECTURE = (
    _lambda.Architecture.ARM_64
)  # cheaper per GB-second; every dependency ships arm64 wheels


class DeploymentSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str = "ap-southeast-3"  # Jakarta: public-sector data stays in Indonesia (UU PDP)
    stage: str = "dev"
    review_timeout_seconds: int = 3 * 24 * 3600  # an officer case not decided in 3 days escalates
    upload_url_ttl_seconds: int = 300
    raw_upload_retention_days: int = 90  # raw images and scans: deleted after verification's need
    log_retention: str = "THREE_MONTHS"  # a name of aws_logs.RetentionDays
    api_rate_limit: int = 200  # requests per second, per stage (route limits are derived from it)
    api_burst_limit: int = 400
    edge_requests_per_ip_per_5_minutes: int = 1000  # AWS WAF rate rule at CloudFront, per client IP
    edge_secret_generation: int = 1  # raise by one after rotating the edge secret (docs/runbooks)
    # The managed sign-in pages at https://<prefix>.auth.<region>.amazoncognito.com: unique in the region;
    # None gives ektp-<stage>-<account id>.
    auth_domain_prefix: str | None = None
    alarm_email: str | None = None
    notification_email_from: str = "no-reply@ektp.example.go.id"  # a verified SES identity in production
    # Each district's helpdesk address for new help requests, "31.71.01=a@x.go.id;*=fallback@x.go.id"
    # (ektp.services.help_notifications); empty: the helpdesks see new requests in their officer queue only.
    helpdesk_emails: str = ""
    # WhatsApp (AWS End User Messaging Social): the registered origination phone number id, the region it is
    # registered in (None: this deployment's; Jakarta availability is unconfirmed) and the approved template.
    whatsapp_phone_number_id: str | None = None
    whatsapp_region: str | None = None
    whatsapp_template: str = "ektp_status_update"
    # The web client's URL (the distribution's, or the custom domain in front of it): its page shows the public
    # status lookup when opened with ?n=<number>, which the receipt's QR does. Served at the root, as
    # CloudFront serves index.html only there.
    status_page_url: str = "https://ektp.example.go.id/"
    status_lookup_rate_limit: int = 20  # the public POST /status route: requests per second, all callers
    status_lookup_burst_limit: int = 40
    status_lookup_per_ip_per_5_minutes: int = 100  # the web ACL's rule for /api/status, per viewer IP
    stuck_after_minutes: int = 60  # SUBMITTED/VERIFYING longer than this raises the stuck-applications alarm
    draft_retention_days: int = 180  # drafts never submitted are purged after this
    audit_retention_days: int = 5 * 365  # audit records stay immutable this long (Object Lock, compliance)
    # The batched 1:N search: a sweep starts when 500 probes wait or 5 minutes passed (SQS batching window,
    # at most 300 s). Larger batches cost less per application (docs/cost-model.md).
    gallery_batch_size: int = 500
    gallery_batch_window_seconds: int = 300
    gallery_search_timeout_seconds: int = 3600  # a chain waits this long for its sweep, then queues again
    # Application types that are never approved without active liveness (comma-separated ApplicationType
    # values; empty: none). Online first applications by default: a card holder is also matched 1:1 against
    # the enrolled face. Without it such a case goes to an officer, never silently approved.
    liveness_required_for: str = "NEW"
    # Biometric recording (perekaman, issue 20): a NIK without trusted biometrics on file waits, after its data and
    # documents are verified, for an officer to record fingers, face and signature at a booked appointment or a
    # home visit. The chain waits this long, reminds the resident and waits again, then gives the district's
    # officers a task and waits once more; then the application is REJECTED (BIOMETRIC_RECORDING_MISSED).
    biometric_recording_required: bool = True
    recording_wait_seconds: int = Field(default=10 * 24 * 3600, ge=1)
    recording_reminder_wait_seconds: int = Field(default=5 * 24 * 3600, ge=1)
    recording_officer_wait_seconds: int = Field(default=14 * 24 * 3600, ge=1)
    # Capture devices enrolled beyond the office table's (ektp/data/offices.json `devices`), as
    # "31.71.01=scanner-a,scanner-b;51.71.01=kit-1" (ektp.domain.capture_devices); "*=<id>" enrols a device for
    # every district: local and test stacks only. A capture from a device not enrolled for its district is refused.
    capture_devices: str = ""
    # Field verification of domicile (issue 20 item 4): the chain waits this long for the district's visit, flags it
    # overdue for the supervisor and waits again, then an officer reviews the case.
    field_visit_wait_seconds: int = Field(default=7 * 24 * 3600, ge=1)
    field_visit_reminder_wait_seconds: int = Field(default=7 * 24 * 3600, ge=1)
    # The digital ID (issue 16): how long a credential lives (at most 90 days: the revocation list's horizon),
    # how close to its expiry a resident's fetch re-issues it, and the maximum age the signed revocation list
    # states (it is published hourly; offline verifiers refuse it past that).
    credential_validity_days: int = Field(default=60, ge=1, le=90)
    credential_refresh_days: int = Field(default=14, ge=1, le=89)
    revocation_list_validity_hours: int = Field(default=24, ge=2, le=168)

    @classmethod
    def from_context(cls, node: Node) -> DeploymentSettings:
        values = {name: node.try_get_context(name) for name in cls.model_fields}
        return cls.model_validate({k: v for k, v in values.items() if v is not None})
