"""The biometric stage of the chain: face 1:1 and enrolment (the 1:N search is services.gallery_search).

Templates never travel through Step Functions (its history is readable by operators): every step reads
and writes them in the biometrics bucket (SSE-KMS with the customer-managed key) and passes ids and counts
only. Candidates of the 1:N search (other residents' NIKs) go to the application's stage records, which only
officers see, never to the resident.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from ektp.biometrics.face import FaceAnalysis, FaceEngine, compare_faces, embedding_from_bytes
from ektp.biometrics.fingerprint import FingerprintEngine, FingerprintError, template_from_bytes
from ektp.biometrics.gallery import GalleryManifest, enrol
from ektp.biometrics.liveness import verify_liveness
from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.liveness import challenge_expired
from ektp.domain.reasons import Reason, reason
from ektp.domain.records import ApplicationRecord, StageResult, latest_documents, stage_outcome
from ektp.domain.status import DocumentStatus
from ektp.ports import ApplicationRepository, ConflictError, DocumentStore
from ektp.services.chain import StaleAttempt
from ektp.services.clock import utcnow

GALLERY_PREFIX = "gallery"
# Applicants who already hold a card: their selfie and finger are also checked against what was enrolled.
_CARD_HOLDER_TYPES = frozenset(
    {ApplicationType.REPLACEMENT_LOST, ApplicationType.REPLACEMENT_DAMAGED, ApplicationType.DATA_CHANGE}
)


class ManifestStore(Protocol):
    def load(self) -> tuple[GalleryManifest, int]:
        """The current manifest and its stored version (0 when the gallery is empty)."""

    def save(self, manifest: GalleryManifest, expected_version: int) -> None:
        """Conditional on the stored version: ConflictError when another enrolment won."""


def template_key(application_id: str, attempt: int) -> str:
    return f"templates/applications/{application_id}/a{attempt}.bin"


def enrolled_key(nik: str) -> str:
    return f"templates/enrolled/{nik}.bin"


def fingerprint_key(application_id: str, attempt: int) -> str:
    return f"templates/applications/{application_id}/a{attempt}.fmr"  # ISO 19794-2 record


def enrolled_fingerprint_key(nik: str) -> str:
    return f"templates/enrolled/{nik}.fmr"


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
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repo = repository
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

    def _save(self, record: ApplicationRecord, stage: str, reasons: list[Reason], **details: Any) -> StageResult:
        result = StageResult(
            stage=stage, attempt=record.attempt, outcome=stage_outcome(reasons), reasons=reasons, details=details, at=self._clock()
        )
        self._repo.save_stage(record.application_id, result)
        return result

    def _image(self, application_id: str, document_type: DocumentType) -> bytes | None:
        docs = latest_documents(self._repo.list_documents(application_id))
        doc = docs.get(document_type)
        if doc is None or doc.status is not DocumentStatus.ACCEPTED:
            return None
        return self._uploads.read(doc.processed_key or doc.object_key)

    # --- 1:1 --------------------------------------------------------------------------------------------
    def match_faces(self, application_id: str, attempt: int) -> dict[str, Any]:
        """Selfie against the ID photo; for an existing card holder, also against the enrolled template."""
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
            "selfie_vs_photo": {"distance": match.distance, "threshold": match.threshold, "decision": match.decision},
            "photo_quality": photo.quality,
            "selfie_quality": selfie.quality,
        }
        if record.application_type in _CARD_HOLDER_TYPES:
            enrolled = self._vault.head(enrolled_key(record.applicant.nik))
            if enrolled is not None:
                against = compare_faces(selfie, FaceAnalysis.from_template(self._vault.read(enrolled_key(record.applicant.nik))))
                details["selfie_vs_enrolled"] = {"distance": against.distance, "decision": against.decision}
                reasons += [r.model_copy(update={"field": "registry.face"}) for r in against.reasons]
        if photo.embedding is not None:
            self._vault.put(template_key(application_id, attempt), photo.embedding, "application/octet-stream")
        self._save(record, "face_match", reasons, **details)
        self._check_liveness(record, engine, selfie)
        fingerprint = self._match_fingerprint(record)
        return {"probe": photo.embedding is not None, "fingerprint": fingerprint}

    def _check_liveness(self, record: ApplicationRecord, engine: FaceEngine, selfie: FaceAnalysis) -> None:
        """The frames must answer the last challenge handed out, in time, and show the selfie's face."""
        doc = latest_documents(self._repo.list_documents(record.application_id)).get(DocumentType.LIVENESS)
        if doc is None or doc.status is not DocumentStatus.ACCEPTED:
            return
        field = f"documents.{DocumentType.LIVENESS}"
        if challenge_expired(record.liveness_challenge_at, doc.created_at) or not record.liveness_challenge:
            self._save(record, "liveness", [reason("LIVENESS_FAILED", field=field, measured="challenge_expired")])
            return
        if selfie.vector is None:
            return  # the face stage already says the selfie has no usable face
        from ektp.photo.liveness_strip import frames_as_jpeg, split_strip  # OpenCV: biometrics image only

        strip = split_strip(self._uploads.read(doc.object_key))
        result = verify_liveness(record.liveness_challenge, frames_as_jpeg(strip.frames), selfie.vector, engine)
        reasons = [r.model_copy(update={"field": f"{field}.{r.field}"}) for r in result.reasons]
        self._save(record, "liveness", reasons, challenge=[str(p) for p in result.challenge],
                   matched_frames=result.matched_frames, frames=len(result.frames))

    def _match_fingerprint(self, record: ApplicationRecord) -> bool:
        """The scanned finger: its quality, and for a card holder, the enrolled finger. False when none."""
        data = self._image(record.application_id, DocumentType.FINGERPRINT)
        if data is None or self._fingerprints is None:
            return False
        engine = self._fingerprints()
        field = f"documents.{DocumentType.FINGERPRINT}"
        try:
            template = engine.extract(data)
        except FingerprintError as exc:
            self._save(record, "fingerprint_match", [reason("FINGERPRINT_QUALITY_LOW", field=field, measured=exc.code)])
            return False
        reasons = [r.model_copy(update={"field": field}) for r in template.reasons]
        details: dict[str, Any] = {"quality": template.quality, "minutiae": template.minutiae_count}
        if template.usable:
            self._vault.put(fingerprint_key(record.application_id, record.attempt), template.iso_bytes,
                            "application/octet-stream")
            enrolled = enrolled_fingerprint_key(record.applicant.nik)
            if record.application_type in _CARD_HOLDER_TYPES and self._vault.head(enrolled) is not None:
                match = engine.match(template, template_from_bytes(self._vault.read(enrolled)))
                details["vs_enrolled"] = {"score": match.score, "threshold": match.threshold,
                                          "decision": match.decision}
                reasons += [r.model_copy(update={"field": "registry.fingerprint"}) for r in match.reasons]
        self._save(record, "fingerprint_match", reasons, **details)
        return template.usable

    # --- enrolment on approval ----------------------------------------------------------------------------
    def enrol_template(self, application_id: str, attempt: int, retries: int = 5) -> dict[str, Any]:
        """Append the approved applicant's template to the gallery (a new shard version, never an overwrite)."""
        record = self._current(application_id, attempt)
        key = template_key(application_id, attempt)
        if self._vault.head(key) is None:
            return {"enrolled": False}
        embedding = self._vault.read(key)
        vector = embedding_from_bytes(embedding)
        for _ in range(retries):
            manifest, version = self._manifests.load()
            if manifest.shards and self._already_enrolled(manifest, record.applicant.nik):
                return {"enrolled": True}  # a retried step
            tail = self._vault.read(manifest.shards[-1].key) if manifest.shards else None
            writes = enrol(manifest, tail, [record.applicant.nik], [vector])
            for write in writes:
                self._vault.put(write.shard_key, write.shard_bytes, "application/octet-stream")
            try:
                self._manifests.save(writes[-1].manifest, version)
            except ConflictError:
                continue  # another approval enrolled first: rebuild on the new tail
            self._vault.put(enrolled_key(record.applicant.nik), embedding, "application/octet-stream")
            self._enrol_fingerprint(record)
            return {"enrolled": True}
        raise ConflictError("gallery manifest kept changing")

    def _enrol_fingerprint(self, record: ApplicationRecord) -> None:
        key = fingerprint_key(record.application_id, record.attempt)
        if self._vault.head(key) is not None:  # one template a NIK: a new capture replaces the enrolled one
            self._vault.put(enrolled_fingerprint_key(record.applicant.nik), self._vault.read(key),
                            "application/octet-stream")

    def _already_enrolled(self, manifest: GalleryManifest, nik: str) -> bool:
        from ektp.biometrics.gallery import load_shard

        tail = load_shard(self._vault.read(manifest.shards[-1].key))
        return any(bytes(i).decode("ascii") == nik for i in tail.ids)
