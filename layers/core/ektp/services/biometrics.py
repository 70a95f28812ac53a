"""The biometric stage of the chain: face 1:1 and enrolment (the 1:N search is services.gallery_search).

Templates never travel through Step Functions (its history is readable by operators): every step reads
and writes them in the biometrics bucket (SSE-KMS with the customer-managed key) and passes ids and counts
only. Candidates of the 1:N search (other residents' NIKs) go to the application's stage records, which only
officers see, never to the resident.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ektp.biometrics.face import (
    FaceAnalysis,
    FaceEngine,
    FaceMatch,
    compare_faces,
    embedding_from_bytes,
)
from ektp.biometrics.fingerprint import FingerprintEngine, FingerprintError, template_from_bytes
from ektp.biometrics.gallery import enrol, holds
from ektp.biometrics.liveness import verify_liveness
from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.capture import RESIDENT_UPLOAD, CaptureSource, capture_of
from ektp.domain.duties import same_holder_account
from ektp.domain.liveness import challenge_expired
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import ApplicationRecord, StageResult, TimelineEvent, latest_documents, stage_outcome
from ektp.domain.stages import Stage
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.ports import (
    ApplicationRepository,
    CardHolders,
    ConflictError,
    DocumentStore,
    HeldCard,
    ManifestStore,
)
from ektp.services.chain import StaleAttempt
from ektp.services.clock import utcnow
from ektp.services.step_results import Enrolled, FacesMatched
from ektp.services.stored_documents import read_for_matching, read_original

GALLERY_PREFIX = "gallery"
# Types whose applicant says they hold a card: with no enrolled face to compare with, an officer must look.
# (Every type is compared with the enrolled face and finger when the NIK has them: see _against_record.)
_CARD_HOLDER_TYPES = frozenset(
    {ApplicationType.REPLACEMENT_LOST, ApplicationType.REPLACEMENT_DAMAGED, ApplicationType.DATA_CHANGE}
)


# Types whose card does not replace one: for a NIK that holds a card, issuance revokes it only on an officer's
# approval (services/issuance.py), so an officer looks first (NIK_ALREADY_HOLDS_CARD).
_NOT_REPLACING_TYPES = frozenset({ApplicationType.NEW, ApplicationType.MOVE})


class EnrolmentRefused(Exception):
    """Enrolment would put another face on a NIK that has one on record, and no officer approved it."""


def template_key(application_id: str, attempt: int) -> str:
    return f"templates/applications/{application_id}/a{attempt}.bin"


def enrolled_key(nik: str) -> str:
    return f"templates/enrolled/{nik}.bin"


# The second face model's template sits beside the dlib one (an additive record: faces enrolled before SFace
# have only the .bin, and are compared on dlib alone).
def sface_template_key(application_id: str, attempt: int) -> str:
    return f"templates/applications/{application_id}/a{attempt}.sface.bin"


def enrolled_sface_key(nik: str) -> str:
    return f"templates/enrolled/{nik}.sface.bin"


def match_details(match: FaceMatch) -> dict[str, Any]:
    """What a stage record keeps of a 1:1 comparison (scores only, never a template)."""
    return {
        "distance": match.distance,
        "sface_similarity": match.sface_similarity,
        "fused": match.fused,
        "basis": match.basis,
        "threshold": match.threshold,
        "decision": match.decision,
    }


def fingerprint_key(application_id: str, attempt: int) -> str:
    return f"templates/applications/{application_id}/a{attempt}.fmr"  # ISO 19794-2 record


def enrolled_fingerprint_key(nik: str) -> str:
    return f"templates/enrolled/{nik}.fmr"


def fingerprint_capture_key(application_id: str, attempt: int) -> str:
    return f"templates/applications/{application_id}/a{attempt}.capture.json"  # who captured the .fmr


def enrolled_fingerprint_capture_key(nik: str) -> str:
    return f"templates/enrolled/{nik}.capture.json"


def _trusted_at(vault: DocumentStore, key: str) -> bool:
    if vault.head(key) is None:
        return False  # a template with no capture source (or from before sources were kept): no evidence
    try:
        return CaptureSource.model_validate_json(vault.read(key)).trusted
    except ValueError:
        return False


def probe_finger_trusted(vault: DocumentStore, application_id: str, attempt: int) -> bool:
    """The application's fingerprint template came from an officer's or a registered device's capture."""
    return _trusted_at(vault, fingerprint_capture_key(application_id, attempt))


def enrolled_finger_trusted(vault: DocumentStore, nik: str) -> bool:
    """The NIK has an enrolled finger, and it came from a trusted capture."""
    return vault.head(enrolled_fingerprint_key(nik)) is not None and _trusted_at(
        vault, enrolled_fingerprint_capture_key(nik)
    )


class BiometricService:
    def __init__(
        self,
        repository: ApplicationRepository,
        uploads: DocumentStore,
        vault: DocumentStore,
        manifests: ManifestStore,
        engine: Callable[[], FaceEngine],
        *,
        fingerprints: Callable[[], FingerprintEngine] | None = None,
        cards: CardHolders | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
        self._cards = cards
        self._uploads = uploads
        self._vault = vault  # the biometrics bucket
        self._manifests = manifests
        self._engine = engine
        self._fingerprints = fingerprints
        self._clock = clock

    def _current(self, application_id: str, attempt: int) -> ApplicationRecord:
        record = self._repo.get(application_id)
        if record is None or record.attempt != attempt:
            raise StaleAttempt(f"attempt {attempt} is not current")
        return record

    def _save(
        self, record: ApplicationRecord, stage: str, reasons: list[Reason], **details: Any
    ) -> StageResult:
        result = StageResult(
            stage=stage,
            attempt=record.attempt,
            outcome=stage_outcome(reasons),
            reasons=reasons,
            details=details,
            at=self._clock(),
        )
        self._repo.save_stage(record.application_id, result)
        return result

    def _image(self, application_id: str, document_type: DocumentType) -> bytes | None:
        docs = latest_documents(self._repo.list_documents(application_id))
        doc = docs.get(document_type)
        if doc is None or doc.status is not DocumentStatus.ACCEPTED:
            return None
        return read_for_matching(self._uploads, doc)  # the pinned, checked version (its sha256 verified)

    # --- 1:1 --------------------------------------------------------------------------------------------
    def match_faces(self, application_id: str, attempt: int) -> FacesMatched:
        """Selfie against the ID photo; both against the NIK's enrolled face when it has one, whatever the type."""
        record = self._current(application_id, attempt)
        engine = self._engine()
        photo_bytes = self._image(application_id, DocumentType.PHOTO)
        selfie_bytes = self._image(application_id, DocumentType.SELFIE)
        photo = engine.analyze(photo_bytes) if photo_bytes else FaceAnalysis(faces_found=0)
        selfie = engine.analyze(selfie_bytes) if selfie_bytes else FaceAnalysis(faces_found=0)
        match = compare_faces(selfie, photo)
        reasons = list(match.reasons)
        if match.decision == "no_match":
            reasons = [r.model_copy(update={"field": "documents.SELFIE"}) for r in reasons]
        details: dict[str, Any] = {
            "selfie_vs_photo": match_details(match),
            "photo_quality": photo.quality,
            "selfie_quality": selfie.quality,
        }
        reasons += self._against_record(record, photo, selfie, details)
        if photo.embedding is not None:
            self._vault.put(
                template_key(application_id, attempt), photo.embedding, "application/octet-stream"
            )
            if photo.sface_embedding is not None:
                self._vault.put(
                    sface_template_key(application_id, attempt),
                    photo.sface_embedding,
                    "application/octet-stream",
                )
        self._save(record, Stage.FACE_MATCH, reasons, **details)
        self._check_liveness(record, engine, selfie)
        fingerprint = self._match_fingerprint(record)
        return FacesMatched(probe=photo.embedding is not None, fingerprint=fingerprint)

    def _against_record(
        self, record: ApplicationRecord, photo: FaceAnalysis, selfie: FaceAnalysis, details: dict[str, Any]
    ) -> list[Reason]:
        """A NIK with an enrolled face or an issued card belongs to that person, whatever the application's type.

        Without this, a NEW or MOVE application on someone else's NIK (their data is on every KK copy) with the
        applicant's own face would take the NIK over. A face that does not match the one on record, a first card
        asked for a NIK that holds one, or a card holder with no enrolled face to compare with: an officer decides.
        """
        nik = record.applicant.nik
        current = self._cards.current_for_nik(nik) if self._cards is not None else None
        holds_card = current is not None
        details["holds_card"] = holds_card  # the decision then requires active liveness, whatever the type
        reasons: list[Reason] = []
        if holds_card and record.application_type in _NOT_REPLACING_TYPES:
            reasons.append(reason("NIK_ALREADY_HOLDS_CARD", severity="warning", field="applicant.nik"))
        if current is not None and not self._from_holders_account(record, current[0]):
            reasons.append(reason("CARD_HOLDER_ACCOUNT_DIFFERS", severity="warning", field="applicant.nik"))
        if self._vault.head(enrolled_key(nik)) is None:
            if holds_card or record.application_type in _CARD_HOLDER_TYPES:
                reasons.append(reason("ENROLLED_TEMPLATE_MISSING", severity="warning", field="registry.face"))
            return reasons
        enrolled = FaceAnalysis.from_template(
            self._vault.read(enrolled_key(nik)), self._optional(enrolled_sface_key(nik))
        )
        for document_type, face in ((DocumentType.PHOTO, photo), (DocumentType.SELFIE, selfie)):
            match = compare_faces(face, enrolled)
            details[f"{str(document_type).lower()}_vs_enrolled"] = match_details(match)
            if match.decision == "no_match":  # no face at all is the photo stage's own reason
                reasons.append(
                    reason("ENROLLED_FACE_MISMATCH", severity="warning", field=f"documents.{document_type}")
                )
        return reasons

    def _optional(self, key: str) -> bytes | None:
        return None if self._vault.head(key) is None else self._vault.read(key)

    def _from_holders_account(self, record: ApplicationRecord, card: HeldCard) -> bool:
        """The application comes from the account that owns the application the NIK's card was issued for.

        A still photo of the holder (anyone's to take) matches the enrolled face, so the face alone cannot tell
        the holder from someone else replacing their card. A card whose application is unknown (issued before
        the online service) vouches for no account.
        """
        return same_holder_account(self._repo.get(card.application_id), record)  # never an assisted: owner

    def _check_liveness(self, record: ApplicationRecord, engine: FaceEngine, selfie: FaceAnalysis) -> None:
        """The frames must answer the last challenge handed out, in time, and show the selfie's face."""
        doc = latest_documents(self._repo.list_documents(record.application_id)).get(DocumentType.LIVENESS)
        if doc is None or doc.status is not DocumentStatus.ACCEPTED:
            return
        field = f"documents.{DocumentType.LIVENESS}"
        if challenge_expired(record.liveness_challenge_at, doc.created_at) or not record.liveness_challenge:
            self._save(
                record, Stage.LIVENESS, [reason("LIVENESS_FAILED", field=field, measured="challenge_expired")]
            )
            return
        if selfie.vector is None:
            return  # the face stage already says the selfie has no usable face
        from ektp.photo.liveness_strip import frames_as_jpeg, split_strip  # OpenCV: biometrics image only

        strip = split_strip(read_original(self._uploads, doc))  # the version the liveness check accepted
        result = verify_liveness(
            record.liveness_challenge, frames_as_jpeg(strip.frames), selfie.vector, engine
        )
        reasons = [r.model_copy(update={"field": f"{field}.{r.field}"}) for r in result.reasons]
        self._save(
            record,
            Stage.LIVENESS,
            reasons,
            challenge=[str(p) for p in result.challenge],
            matched_frames=result.matched_frames,
            frames=len(result.frames),
        )

    def _finger_capture(self, application_id: str) -> tuple[str, CaptureSource] | None:
        doc = latest_documents(self._repo.list_documents(application_id)).get(DocumentType.FINGERPRINT)
        return None if doc is None else (doc.upload_id, capture_of(doc.captured_by))

    def _match_fingerprint(self, record: ApplicationRecord) -> bool:
        """The scanned finger: its quality and the NIK's enrolled finger. False when none.

        Who captured it is kept beside the template: a resident's upload can add suspicion (a mismatch with the
        enrolled finger goes to an officer) but is never fused into the 1:N nor enrolled (domain/capture.py).
        """
        before = self._finger_capture(record.application_id)
        data = self._image(record.application_id, DocumentType.FINGERPRINT)
        if data is None or self._fingerprints is None:
            return False
        after = self._finger_capture(record.application_id)
        # Another upload landed between the two reads: the bytes may be either one's, so trust neither.
        capture = after[1] if after is not None and before == after else RESIDENT_UPLOAD
        engine = self._fingerprints()
        field = f"documents.{DocumentType.FINGERPRINT}"
        try:
            template = engine.extract(data)
        except FingerprintError as exc:
            self._save(
                record,
                Stage.FINGERPRINT_MATCH,
                [reason("FINGERPRINT_QUALITY_LOW", field=field, measured=exc.code)],
            )
            return False
        reasons = [r.model_copy(update={"field": field}) for r in template.reasons]
        details: dict[str, Any] = {"quality": template.quality, "minutiae": template.minutiae_count}
        if template.usable:
            self._vault.put(
                fingerprint_key(record.application_id, record.attempt),
                template.iso_bytes,
                "application/octet-stream",
            )
            self._vault.put(
                fingerprint_capture_key(record.application_id, record.attempt),
                capture.model_dump_json().encode(),
                "application/json",
            )
            details["capture"] = capture.source
            enrolled = enrolled_fingerprint_key(record.applicant.nik)
            if self._vault.head(enrolled) is not None:
                match = engine.match(template, template_from_bytes(self._vault.read(enrolled)))
                trusted = capture.trusted and enrolled_finger_trusted(self._vault, record.applicant.nik)
                details["vs_enrolled"] = {
                    "score": match.score,
                    "threshold": match.threshold,
                    "decision": match.decision,
                    "trusted": trusted,
                }
                reasons += [r.model_copy(update={"field": "registry.fingerprint"}) for r in match.reasons]
        self._save(record, Stage.FINGERPRINT_MATCH, reasons, **details)
        return template.usable

    # --- enrolment on approval ----------------------------------------------------------------------------
    def enrol_template(self, application_id: str, attempt: int, retries: int = 5) -> Enrolled:
        """Append the approved applicant's template to the gallery (a new shard version, never an overwrite).

        The NIK's enrolled face is replaced only by a face that matches it, or after an officer approved this
        application; either way the replacement is on the timeline (and so in the audit trail). Otherwise the
        step refuses (EnrolmentRefused: the chain records a failure, no card is issued).
        """
        record = self._current(application_id, attempt)
        key = template_key(application_id, attempt)
        if self._vault.head(key) is None:
            return Enrolled(enrolled=False)
        embedding = self._vault.read(key)
        vector = embedding_from_bytes(embedding)
        change = self._face_change(record, embedding)
        for _ in range(retries):
            manifest, version = self._manifests.load()
            if manifest.shards and holds(
                self._vault.read(manifest.shards[-1].key), record.applicant.nik, vector
            ):
                break  # a retried step: this face is in the gallery already
            tail = self._vault.read(manifest.shards[-1].key) if manifest.shards else None
            writes = enrol(manifest, tail, [record.applicant.nik], [vector])
            for write in writes:
                self._vault.put(write.shard_key, write.shard_bytes, "application/octet-stream")
            try:
                self._manifests.save(writes[-1].manifest, version)
            except ConflictError:
                continue  # another approval enrolled first: rebuild on the new tail
            break
        else:
            raise ConflictError("gallery manifest kept changing")
        if change is not None:
            self._repo.add_event(
                application_id,
                TimelineEvent(
                    at=self._clock(),
                    kind="ENROLLED_TEMPLATE_REPLACED",
                    actor="system",
                    status=record.status,
                    detail=change,
                ),
            )
        self._enrol_face(record, embedding)
        self._enrol_fingerprint(record)
        return Enrolled(enrolled=True)

    def _enrol_face(self, record: ApplicationRecord, embedding: bytes) -> None:
        """The NIK's enrolled templates become the application's. The old SFace template goes first, so the pair
        on file is never a new dlib template with another face's SFace one, whichever write fails."""
        nik = record.applicant.nik
        sface = self._optional(sface_template_key(record.application_id, record.attempt))
        if self._vault.head(enrolled_sface_key(nik)) is not None:
            self._vault.delete(enrolled_sface_key(nik))
        self._vault.put(enrolled_key(nik), embedding, "application/octet-stream")
        if sface is not None:
            self._vault.put(enrolled_sface_key(nik), sface, "application/octet-stream")

    def _face_change(self, record: ApplicationRecord, embedding: bytes) -> str | None:
        """None for a first enrolment (or a retried one); what replaces the face on record; or refuse."""
        nik = record.applicant.nik
        existing = enrolled_key(nik)
        if self._vault.head(existing) is None:
            return None
        on_file = self._vault.read(existing)
        if on_file == embedding:
            return None  # a retried step: this face is the one on file already
        probe = FaceAnalysis.from_template(
            embedding, self._optional(sface_template_key(record.application_id, record.attempt))
        )
        enrolled = FaceAnalysis.from_template(on_file, self._optional(enrolled_sface_key(nik)))
        if compare_faces(probe, enrolled).decision == "match":  # both models when both sides have both
            return "same-face"
        if self._officer_approved(record):
            return "face-changed-after-officer-review"
        self._repo.add_event(
            record.application_id,
            TimelineEvent(
                at=self._clock(),
                kind="ENROLMENT_REFUSED",
                actor="system",
                status=record.status,
                reasons=["ENROLLED_FACE_MISMATCH"],
            ),
        )
        raise EnrolmentRefused("another face is on record for this NIK and no officer approved the change")

    def _officer_approved(self, record: ApplicationRecord) -> bool:
        """An officer's APPROVE for this submission is on the timeline (the chain's RecordReviewDecision)."""
        view = self._repo.view(record.application_id)
        events = view.events if view else []
        submitted = max((i for i, e in enumerate(events) if e.kind == "SUBMITTED"), default=-1)
        return any(
            e.kind == "REVIEW_DECIDED" and e.actor == "officer" and e.status is ApplicationStatus.APPROVED
            for e in events[submitted + 1 :]
        )

    def store_enrolled_finger(self, nik: str, iso_bytes: bytes, capture: CaptureSource) -> None:
        """Make a capture the NIK's enrolled finger: only a trusted one (an officer's or a registered device's)."""
        if not capture.trusted:
            raise ValueError("only a trusted capture is enrolled as a NIK's finger")
        # Template first: if the source write fails, the old source (or none: untrusted) stays with it.
        self._vault.put(enrolled_fingerprint_key(nik), iso_bytes, "application/octet-stream")
        self._vault.put(
            enrolled_fingerprint_capture_key(nik), capture.model_dump_json().encode(), "application/json"
        )

    def _enrol_fingerprint(self, record: ApplicationRecord) -> None:
        """One template a NIK: a new trusted capture replaces the enrolled one; a resident's upload never does."""
        key = fingerprint_key(record.application_id, record.attempt)
        if self._vault.head(key) is None or not probe_finger_trusted(
            self._vault, record.application_id, record.attempt
        ):
            return
        capture = CaptureSource.model_validate_json(
            self._vault.read(fingerprint_capture_key(record.application_id, record.attempt))
        )
        self.store_enrolled_finger(record.applicant.nik, self._vault.read(key), capture)
