"""The officer's capture station: find the application at the appointment, confirm the person against the photo,
record face, fingerprints and signature as a trusted capture (the officer's id and the scanner's id, a device
enrolled for the district: domain/capture_devices.py), and let the verification chain go on.

Only an officer of the application's district, only while the application waits for its recording. The captured
images are stored by the server (never a resident's upload slot: intake and the resident's routes cannot write
them); the documents the chain reads get `captured_by` = the officer and the device, which the biometric stage
trusts (domain/capture.py). The capture is written before the chain is resumed, and the chain's own step checks
that it exists, so a replayed or forged task token resumes nothing (services/chain.py record_recording).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ektp.domain.access import Principal
from ektp.domain.application import DocumentType
from ektp.domain.appointments import (
    CapturedFile,
    CapturePart,
    CaptureRecord,
    Finger,
    Office,
    capture_problem,
    matched_finger,
)
from ektp.domain.capture import CaptureSource
from ektp.domain.capture_devices import Enrolments, device_refusal
from ektp.domain.disclosure import staff_role
from ektp.domain.duties import own_case_refusal
from ektp.domain.filetypes import sniff_content_type
from ektp.domain.reasons import reason
from ektp.domain.records import ApplicationRecord, DocumentRecord, TimelineEvent, latest_documents
from ektp.domain.registration_number import parse_registration_number
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.errors import ServiceError
from ektp.ports import (
    ApplicationRepository,
    BookingRefused,
    DocumentStore,
    RecordingStore,
    TaskGone,
    Workflow,
)
from ektp.services.clock import new_upload_id, utcnow
from ektp.services.staff_reads import record_staff_reads
from ektp.services.stored_documents import original_url

PHOTO_URL_SECONDS = 300
_DEVICE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{2,63}$")
_NIK = re.compile(r"^[0-9]{16}$")


@dataclass(frozen=True)
class CaptureFile:
    """One file as the station sends it."""

    part: CapturePart
    data: bytes
    finger: Finger | None = None


@dataclass(frozen=True)
class Arrival:
    """What the officer sees to confirm the person: the application and a short-lived link to the checked photo."""

    application: ApplicationRecord
    photo_url: str | None


def capture_key(application_id: str, attempt: int, part: str, sha256: str) -> str:
    """Outside uploads/ (intake owns that prefix) and named after the bytes: a capture is never overwritten."""
    return f"captures/{application_id}/a{attempt}/{part.lower()}-{sha256[:32]}"


class CaptureService:
    def __init__(
        self,
        repository: ApplicationRepository,
        store: DocumentStore,
        recordings: RecordingStore,
        workflow: Workflow,
        *,
        clock: Callable[[], datetime] = utcnow,
        offices: tuple[Office, ...] | None = None,  # None: the configured table (ektp/data/offices.json)
        devices: Enrolments | None = None,  # the deployment's extra enrolments (setting capture_devices)
    ) -> None:
        self._repo = repository
        self._store = store
        self._recordings = recordings
        self._workflow = workflow
        self._clock = clock
        self._offices = offices
        self._devices = devices

    # --- finding the application --------------------------------------------------------------------
    @staticmethod
    def _officer(principal: Principal) -> str:
        if not principal.has("officer") or not principal.district:
            raise ServiceError("FORBIDDEN")
        return principal.district

    def find(self, officer: Principal, query: str) -> list[Arrival]:
        """By registration number or NIK: the applications of the officer's district waiting for a recording."""
        district = self._officer(officer)
        query = query.strip().replace(" ", "")
        if _NIK.fullmatch(query):
            records = self._repo.applications_for_nik(query)
        else:
            canonical = parse_registration_number(query)
            found = self._repo.get(canonical) if canonical else None
            records = [found] if found else []
        waiting = [
            r
            for r in records
            if r.district_code == district and r.status is ApplicationStatus.AWAITING_BIOMETRIC_RECORDING
        ]
        # Name, birth date and photo shown: a read on each resident's audit trail.
        record_staff_reads(
            self._repo, officer, [r.application_id for r in waiting], "RECORDING_LOOKUP", self._clock()
        )
        return [Arrival(r, self._photo_url(r)) for r in waiting]

    def _photo_url(self, record: ApplicationRecord) -> str | None:
        photo = latest_documents(self._repo.list_documents(record.application_id)).get(DocumentType.PHOTO)
        if photo is None or photo.status is not DocumentStatus.ACCEPTED:
            return None
        return original_url(self._store, photo, PHOTO_URL_SECONDS)  # the checked version, not the latest POST

    def _waiting_case(self, officer: Principal, application_id: str) -> ApplicationRecord:
        district = self._officer(officer)
        canonical = parse_registration_number(application_id)
        record = self._repo.get(canonical) if canonical else None
        if record is None or record.district_code != district:
            raise ServiceError("APPLICATION_NOT_FOUND")  # another district's: as if missing
        if record.status is not ApplicationStatus.AWAITING_BIOMETRIC_RECORDING:
            raise ServiceError("NOT_AWAITING_RECORDING")
        # Their own biometrics, or their family's, would be an officer's "trusted" capture vouching for itself.
        refusal = own_case_refusal(officer.nik, record, self._repo.list_documents(record.application_id))
        if refusal is not None:
            raise ServiceError(refusal)
        return record

    # --- the capture ---------------------------------------------------------------------------------
    def capture(
        self,
        officer: Principal,
        application_id: str,
        *,
        device_id: str,
        person_confirmed: bool,
        files: list[CaptureFile],
    ) -> CaptureRecord:
        record = self._waiting_case(officer, application_id)
        if not person_confirmed:
            raise ServiceError("PERSON_NOT_CONFIRMED")
        if not _DEVICE_ID.fullmatch(device_id or ""):
            raise ServiceError("CAPTURE_DEVICE_REQUIRED")
        # The scanner must be one the officer's district enrolled: a made-up id would make any capture "trusted".
        refusal = device_refusal(device_id, record.district_code, self._offices, self._devices)
        if refusal is not None:
            raise ServiceError(refusal, [reason(refusal, field="device_id")])
        self._check_parts(files)
        source = CaptureSource(source="officer", officer_id=officer.subject, device_id=device_id)
        now = self._clock()
        stored = [self._put(record, item) for item in files]
        capture = CaptureRecord(
            application_id=record.application_id,
            attempt=record.attempt,
            officer_id=officer.subject,
            device_id=device_id,
            captured_at=now,
            person_confirmed=True,
            files=tuple(stored),
        )
        event = TimelineEvent(
            at=now,
            kind="BIOMETRICS_RECORDED",
            actor="officer",
            status=record.status,
            detail=staff_role(officer),  # the resident sees the office; the audit trail the officer's id
            staff_id=officer.subject,
        )
        try:
            self._recordings.record_capture(capture, self._documents(record, stored, source, now), event)
        except BookingRefused as exc:
            raise ServiceError(exc.code) from exc  # a second capture, or the chain moved on
        self._resume(record)
        return capture

    @staticmethod
    def _check_parts(files: list[CaptureFile]) -> None:
        parts = [f.part for f in files]
        fingers = [f.finger for f in files if f.part == "FINGERPRINT"]
        complete = parts.count("FACE") == 1 and parts.count("SIGNATURE") == 1 and fingers
        if not complete or None in fingers or len(set(fingers)) != len(fingers):
            raise ServiceError(
                "CAPTURE_INVALID",
                [
                    reason(
                        "CAPTURE_INVALID", field="files", measured="one face, one signature, distinct fingers"
                    )
                ],
            )
        for item in files:
            problem = capture_problem(item.data, sniff_content_type(item.data[:16]))
            if problem is not None:
                field = f"files.{item.part}" + (f".{item.finger}" if item.finger else "")
                raise ServiceError(
                    "CAPTURE_INVALID", [reason("CAPTURE_INVALID", field=field, measured=problem)]
                )

    def _put(self, record: ApplicationRecord, item: CaptureFile) -> CapturedFile:
        digest = hashlib.sha256(item.data).hexdigest()
        part = item.part if item.finger is None else f"{item.part}-{item.finger}"
        key = capture_key(record.application_id, record.attempt, part, digest)
        content_type = sniff_content_type(item.data[:16]) or "application/octet-stream"
        self._store.put(key, item.data, content_type)
        head = self._store.head(key)
        return CapturedFile(
            part=item.part,
            finger=item.finger,
            key=key,
            version_id=head.version_id if head else None,
            sha256=digest,
            content_type=content_type,
            size=len(item.data),
        )

    def _documents(
        self, record: ApplicationRecord, files: list[CapturedFile], source: CaptureSource, now: datetime
    ) -> list[DocumentRecord]:
        """The face as the live capture compared with the ID photo (SELFIE) and the matched finger (FINGERPRINT),
        as documents the chain reads, pinned to the stored version and its hash, marked as the officer's."""
        finger = matched_finger([f.finger for f in files if f.finger is not None])
        chosen = [(DocumentType.SELFIE, f) for f in files if f.part == "FACE"] + [
            (DocumentType.FINGERPRINT, f) for f in files if f.part == "FINGERPRINT" and f.finger == finger
        ]
        return [
            DocumentRecord(
                application_id=record.application_id,
                document_type=document_type,
                upload_id=new_upload_id(),  # later than every upload: the capture is the one that counts
                status=DocumentStatus.ACCEPTED,
                object_key=f.key,
                declared_content_type=f.content_type,
                max_bytes=f.size,
                created_at=now,
                updated_at=now,
                size=f.size,
                sha256=f.sha256,
                version_id=f.version_id,
                sniffed_content_type=f.content_type,
                captured_by=source,
            )
            for document_type, f in chosen
        ]

    def _resume(self, record: ApplicationRecord) -> None:
        """Complete the chain's wait. Without a token (the chain is between two waits) or with one that expired,
        the capture stays on record and the chain's next wait finds it and goes on by itself."""
        token = self._recordings.get_recording_token(record.application_id, record.attempt)
        if token is None:
            return
        try:
            self._workflow.send_task_success(token, {"captured": True})
        except TaskGone:
            return
