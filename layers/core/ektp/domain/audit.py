"""The record of processing activities (UU PDP 27/2022 art. 31): who did what to whose data, when and why.

Every timeline event of an application is one processing activity. Timeline events never carry personal
data (codes, stage names and officer ids only), so neither does the audit record; the application id links
it to the person for the supervisory authority and the resident's own export.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from ektp.domain.records import Actor, TimelineEvent

# Staff reads of a resident's personal data outside a review's evidence (EVIDENCE_VIEWED): each route that shows
# an officer a name, birth date, address or photo writes one of these on every application it shows, so a curious
# officer's reading leaves a trace (who, whose, when to READ_RECORD_WINDOW, through which route). A read takes no part in the case
# (domain/duties.py): reading is not acting.
STAFF_READS: dict[str, str] = {
    "ASSISTED_CASE_VIEWED": "assisted registration at the office: the application opened by an officer",
    "ASSISTED_CASE_LISTED": "assisted registration at the office: the district's list of entered applications",
    "RECORDING_LOOKUP": "biometric recording at the office: the applicant found by registration number or NIK",
    "FIELD_VISIT_LISTED": "field verification of the domicile: the district's list of open visits",
}

# A polling page reads one case every second: one record per officer, application and kind in this window.
READ_RECORD_WINDOW = timedelta(minutes=15)

# Why each activity happens: the lawful basis is the public task of population administration (UU 24/2013).
PURPOSES: dict[str, str] = {
    **STAFF_READS,
    "CREATED": "registration of an e-KTP application",
    "DATA_CORRECTED": "correction requested by the resident",
    "SUBMITTED": "verification requested by the resident",
    "VERIFICATION_STARTED": "verification against the population registry and documents",
    "DECIDED": "automatic decision by the verification rules",
    "REVIEW_REQUESTED": "officer review of a case the rules cannot decide",
    "REVIEW_ESCALATED": "escalation of an officer review past its deadline",
    "EVIDENCE_VIEWED": "officer review",
    "REVIEW_DECIDED": "officer decision",
    "PROCESSING_FAILED": "system fault handling",
    "DATA_EXPORTED": "access request by the resident",
    "LIVENESS_CHALLENGE_ISSUED": "active liveness check requested by the resident",
    "CARD_REVOKED": "revocation of a card reported lost or replaced, and of its digital ID",
    "PREVIOUS_CARD_REVOKED": "revocation of the card this application's card replaces",
    # Help requests (domain/help_requests.py): their records name the request (HELP#<id>), not an application.
    "HELP_OPENED": "help request by the resident",
    "HELP_FOLLOWED_UP": "help request by the resident",
    "HELP_VIEWED": "helpdesk answer to a help request",
    "HELP_ANSWERED": "helpdesk answer to a help request",
    "HELP_CLOSED": "closing of a help request",
}


def staff_read(kind: str, staff_id: str, role: str, at: datetime) -> TimelineEvent:
    """The timeline event of one staff read (`kind` one of STAFF_READS): the account on the audit trail, the role
    and office on the resident's timeline."""
    if kind not in STAFF_READS:
        raise ValueError(f"not a staff read: {kind}")
    return TimelineEvent(at=at, kind=kind, actor="officer", detail=role, staff_id=staff_id)


def purpose_of(kind: str) -> str:
    if kind in PURPOSES:
        return PURPOSES[kind]
    return "check of an uploaded document" if kind.startswith("DOCUMENT_") else "population administration"


class AuditRecord(BaseModel):
    """One processing activity, as kept in the append-only audit store."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    application_id: str
    activity: str
    actor: Actor
    actor_id: str | None = None  # an officer's or operator's user id; residents act on their own application
    note: str | None = None  # an officer's internal note on a decision
    purpose: str
    status: str | None = None
    reasons: list[str] = []
    source: str  # where the record came from (the table's stream record id): traceable, deduplicable


def audit_record(application_id: str, event: TimelineEvent, source: str) -> AuditRecord:
    staff = event.actor in ("officer", "operator")
    return AuditRecord(
        at=event.at,
        application_id=application_id,
        activity=event.kind,
        actor=event.actor,
        actor_id=(event.staff_id or event.detail)
        if staff
        else None,  # events before staff_id kept it in detail
        note=event.note,
        purpose=purpose_of(event.kind),
        status=str(event.status) if event.status else None,
        reasons=list(event.reasons),
        source=source,
    )


def audit_records(items: list[tuple[str, Mapping[str, Any], str]]) -> list[AuditRecord]:
    """(application id, timeline event attributes, source id) triples to audit records, in order."""
    return [
        audit_record(app_id, TimelineEvent.model_validate(attrs), source) for app_id, attrs, source in items
    ]
