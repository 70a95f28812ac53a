"""Function configuration from environment variables, as pydantic models (one per function kind).

In Lambda the environment is the process's. The local runtime runs every function in one process, so it sets
each invocation's environment (exactly what the synthesized template gives that function) in a context
variable; `environ()` reads that first. A function that reads a variable its template does not give it fails
locally just as it would in AWS.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, ClassVar, Self, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

_FUNCTION_ENV: ContextVar[Mapping[str, str] | None] = ContextVar("ektp_function_env", default=None)


def environ() -> Mapping[str, str]:
    env = _FUNCTION_ENV.get()
    return env if env is not None else os.environ


@contextmanager
def function_environment(env: Mapping[str, str]) -> Iterator[None]:
    token = _FUNCTION_ENV.set(dict(env))
    try:
        yield
    finally:
        _FUNCTION_ENV.reset(token)


class _Settings(BaseModel):
    """Fields from the variables of the same name (any case); with an `env_prefix`, from <PREFIX><FIELD>: the
    one loader for the functions' settings and the engines' (ektp.ocr.settings, ektp.photo.config,
    ektp.biometrics.config). A tuple, list or model field takes JSON; a model field's JSON object changes only
    the keys it names. A value out of range stops the load with the variable's name in the message."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    env_prefix: ClassVar[str] = ""

    @classmethod
    def load(cls) -> Self:
        prefix = cls.env_prefix.lower()
        variables = {k.lower(): v for k, v in environ().items()}
        values = {k[len(prefix) :]: v for k, v in variables.items() if k.startswith(prefix)}
        try:
            return cls.model_validate({k: cls._parsed(k, v) for k, v in values.items()})
        except ValidationError as exc:
            raise cls._named(exc) from None

    @classmethod
    def _parsed(cls, name: str, value: str) -> object:
        """A structured field's JSON; scalars stay strings for pydantic to convert."""
        field = cls.model_fields.get(name)
        if field is None or not _structured(field.annotation):
            return value
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            return value  # pydantic reports the field with the text as given
        if isinstance(parsed, dict) and isinstance(field.default, BaseModel):
            return {**field.default.model_dump(), **parsed}
        return parsed

    @classmethod
    def _named(cls, exc: ValidationError) -> ValidationError:
        """The same errors, each located by field and variable (OCR_MIN_SCALE), so a cold start that stops
        on a bad deployment value says which variable to fix."""
        errors = []
        for error in exc.errors():
            loc = error["loc"]
            if loc and isinstance(loc[0], str):
                loc = (f"{loc[0]} ({(cls.env_prefix + loc[0]).upper()})", *loc[1:])
            errors.append({**error, "loc": loc})
        title = f"{cls.__name__} from environment variables {cls.env_prefix or ''}<FIELD>"
        return ValidationError.from_exception_data(title, errors)  # type: ignore[arg-type]


def _structured(annotation: object) -> bool:
    """A tuple, list or model field: its variable holds JSON."""
    if get_origin(annotation) in (tuple, list):
        return True
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


EnvSettings = _Settings  # the public name, for settings defined beside their engine

# Ranges the engines' settings share: a value outside one is refused at load.
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]  # a share or a ratio of at most the whole
Degrees = Annotated[float, Field(ge=0.0, le=90.0)]
Level = Annotated[float, Field(ge=0.0, le=255.0)]  # an 8-bit grey or colour level


class ApiSettings(_Settings):
    signing_key_id: str
    table_name: str
    idempotency_table_name: str
    upload_bucket_name: str
    state_machine_arn: str
    event_bus_name: str | None = None  # a revoked card's status change goes to its holder (issue 16)
    upload_url_ttl_seconds: int = 300
    max_uploads_per_application: int = 60
    # Set in AWS (the secret CloudFront sends as ektp.domain.access.EDGE_HEADER): requests without it are
    # refused. Unset locally, where no CDN stands in front of the API.
    origin_verify_secret_arn: str | None = None
    # The digital ID (issue 16): credential lifetime and the silent refresh; where the signed revocation list is.
    credential_validity_days: int = 60
    credential_refresh_days: int = 14
    revocation_bucket_name: str | None = None
    # The web client's URL (infra/settings.py): the receipt's QR opens `<status_page_url>?n=<number>`.
    status_page_url: str
    # The uploads bucket's lifecycle rule (infra/settings.py): the data export states it to the resident.
    raw_upload_retention_days: int
    # Help requests (issue 20 item 7): the helpdesk's response-time target in working days (Monday to Friday,
    # WIB) and the public holidays that do not count, as ISO dates separated by commas.
    help_response_working_days: int = 2
    help_holidays: str = ""
    # Capture devices enrolled beyond the office table's (infra/settings.py, ektp.domain.capture_devices).
    capture_devices: str = ""


class IntakeSettings(_Settings):
    table_name: str
    idempotency_table_name: str
    upload_bucket_name: str
    photo_queue_url: str
    ocr_queue_url: str


class CheckerSettings(_Settings):
    """Photo and OCR checkers."""

    table_name: str
    upload_bucket_name: str


class MaintenanceSettings(_Settings):
    table_name: str
    upload_bucket_name: str
    state_machine_arn: str
    stuck_after_minutes: int = 60
    draft_retention_days: int = 180
    redrive_after_minutes: int = 15  # the first automatic re-drive of a PROCESSING_ERROR; doubled each time
    max_redrives: int = 3  # then an operator is alerted (metric ApplicationsNeedingOperator)


class NotifierSettings(_Settings):
    table_name: str
    email_from: str
    status_page_url: str  # as ApiSettings.status_page_url: the deployment's (infra/settings.py)
    # Where each district's helpdesk hears of a new help request: "31.71.01=a@x.go.id;*=fallback@x.go.id"
    # (ektp.services.help_notifications); empty: the helpdesks see new requests in their queue only.
    helpdesk_emails: str = ""
    # WhatsApp (issue 20 item 9) through AWS End User Messaging Social: a channel only when a phone number id
    # is configured; its region a setting of its own (Jakarta availability unconfirmed; None: the deployment's).
    whatsapp_phone_number_id: str | None = None
    whatsapp_region: str | None = None
    whatsapp_template: str = "ektp_status_update"


class BiometricSettings(_Settings):
    table_name: str
    upload_bucket_name: str
    biometrics_bucket_name: str
    registry_table_name: str


class GalleryBatchSettings(_Settings):
    """The gallery-search queue's consumer: it only stores the batch and starts its sweep."""

    biometrics_bucket_name: str
    sweep_state_machine_arn: str


class AuditSettings(_Settings):
    audit_bucket_name: str


class ChainSettings(_Settings):
    table_name: str
    upload_bucket_name: str
    registry_table_name: str
    signing_key_id: str
    event_bus_name: str | None = None
    # Application types that cannot be approved without active liveness (comma-separated; infra sets it).
    liveness_required_for: str = ""
    # Whether a NIK without trusted biometrics waits for an officer's recording; where their trust is recorded.
    biometric_recording_required: bool = False
    biometrics_bucket_name: str | None = None
    credential_validity_days: int = 60  # the digital ID issued with the card (issue 16)
    credential_refresh_days: int = 14

    @property
    def liveness_policy(self) -> frozenset[str]:
        return frozenset(t.strip() for t in self.liveness_required_for.split(",") if t.strip())


class RevocationSettings(_Settings):
    """The scheduled publication of the signed revocation list (functions/revocations)."""

    table_name: str
    signing_key_id: str
    revocation_bucket_name: str
    revocation_list_validity_hours: int = 24  # the maximum age the list states; it is published hourly
