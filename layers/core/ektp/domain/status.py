"""The one status model: application and document statuses and the only transitions allowed between them."""

from __future__ import annotations

from enum import StrEnum


class ApplicationStatus(StrEnum):
    DRAFT = "DRAFT"  # registered; the resident fills in data and uploads documents
    SUBMITTED = "SUBMITTED"  # complete and handed to the verification chain
    VERIFYING = "VERIFYING"  # the chain is running
    IN_REVIEW = "IN_REVIEW"  # waiting for an officer (clarification or field verification)
    # Data and documents verified, but the NIK has no trusted biometrics: the resident books a recording
    # (perekaman) at an office of their district or asks for a home visit; an officer's capture resumes the chain.
    AWAITING_BIOMETRIC_RECORDING = "AWAITING_BIOMETRIC_RECORDING"
    # The domicile is in doubt in a way a visit settles (domain/field_visits.py), or an officer asked for one: an
    # officer of the district visits the address; their answer resumes the chain (issue 20 item 4).
    AWAITING_FIELD_VERIFICATION = "AWAITING_FIELD_VERIFICATION"
    REJECTED = "REJECTED"  # the resident can fix the reasons and resubmit
    APPROVED = "APPROVED"  # verified; the card record is being issued
    ISSUED = "ISSUED"  # the card record and the digital ID exist
    PROCESSING_ERROR = (
        "PROCESSING_ERROR"  # a system fault stopped the chain; the sweep re-drives it, then an operator
    )


# The only allowed transitions. Every status write goes through `check_transition`.
TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.DRAFT: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.SUBMITTED: frozenset({ApplicationStatus.VERIFYING, ApplicationStatus.PROCESSING_ERROR}),
    ApplicationStatus.VERIFYING: frozenset(
        {
            ApplicationStatus.APPROVED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.IN_REVIEW,
            ApplicationStatus.AWAITING_BIOMETRIC_RECORDING,
            ApplicationStatus.AWAITING_FIELD_VERIFICATION,
            ApplicationStatus.PROCESSING_ERROR,
        }
    ),
    # Captured: the chain goes on (VERIFYING); never recorded in time: REJECTED (the resident can submit again).
    ApplicationStatus.AWAITING_BIOMETRIC_RECORDING: frozenset(
        {ApplicationStatus.VERIFYING, ApplicationStatus.REJECTED, ApplicationStatus.PROCESSING_ERROR}
    ),
    # Confirmed: the chain decides again (VERIFYING); not living there: REJECTED; unreachable twice or never
    # visited in time: an officer reviews the case (IN_REVIEW).
    ApplicationStatus.AWAITING_FIELD_VERIFICATION: frozenset(
        {
            ApplicationStatus.VERIFYING,
            ApplicationStatus.REJECTED,
            ApplicationStatus.IN_REVIEW,
            ApplicationStatus.PROCESSING_ERROR,
        }
    ),
    ApplicationStatus.IN_REVIEW: frozenset(
        {
            ApplicationStatus.APPROVED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.AWAITING_FIELD_VERIFICATION,  # the officer sends the case to a visit
            ApplicationStatus.PROCESSING_ERROR,
        }
    ),
    ApplicationStatus.REJECTED: frozenset({ApplicationStatus.SUBMITTED}),  # resubmission: a new attempt
    ApplicationStatus.APPROVED: frozenset({ApplicationStatus.ISSUED, ApplicationStatus.PROCESSING_ERROR}),
    ApplicationStatus.ISSUED: frozenset(),
    ApplicationStatus.PROCESSING_ERROR: frozenset({ApplicationStatus.SUBMITTED}),  # re-drive: a new attempt
}

# Statuses in which the resident may change data and upload documents.
EDITABLE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.REJECTED})
FINAL = frozenset({ApplicationStatus.ISSUED, ApplicationStatus.REJECTED})


class InvalidTransition(Exception):
    def __init__(self, current: ApplicationStatus, target: ApplicationStatus) -> None:
        super().__init__(f"{current} -> {target} is not an allowed transition")
        self.current = current
        self.target = target


def check_transition(current: ApplicationStatus, target: ApplicationStatus) -> None:
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(current, target)


# The central system's (SIAK) vocabulary, for reports and the integration with Dukcapil.
SIAK_STATUS: dict[ApplicationStatus, str] = {
    ApplicationStatus.DRAFT: "UNREGISTERED",
    ApplicationStatus.SUBMITTED: "PROCESSING",
    ApplicationStatus.VERIFYING: "PROCESSING",
    ApplicationStatus.IN_REVIEW: "PROCESSING",
    ApplicationStatus.AWAITING_BIOMETRIC_RECORDING: "PROCESSING",
    ApplicationStatus.AWAITING_FIELD_VERIFICATION: "PROCESSING",
    ApplicationStatus.REJECTED: "ENROLL_FAILURE_AT_REGIONAL",
    ApplicationStatus.APPROVED: "PRINT_READY_RECORD",
    ApplicationStatus.ISSUED: "PRINT_READY_RECORD",  # the card's own print states follow from here
    ApplicationStatus.PROCESSING_ERROR: "PROCESSING",
}

# What the resident should do next, in both languages.
NEXT_ACTION: dict[ApplicationStatus, tuple[str, str]] = {
    ApplicationStatus.DRAFT: (
        "Lengkapi data dan unggah semua dokumen wajib, lalu ajukan permohonan.",
        "Complete your data and upload every required document, then submit.",
    ),
    ApplicationStatus.SUBMITTED: (
        "Tunggu; permohonan Anda sedang diproses.",
        "Wait; your application is being processed.",
    ),
    ApplicationStatus.VERIFYING: (
        "Tunggu; data Anda sedang diverifikasi.",
        "Wait; your data is being verified.",
    ),
    ApplicationStatus.IN_REVIEW: (
        "Tunggu; petugas Dukcapil sedang memeriksa permohonan Anda.",
        "Wait; a Dukcapil officer is reviewing your application.",
    ),
    ApplicationStatus.AWAITING_BIOMETRIC_RECORDING: (
        "Data dan dokumen Anda sudah diverifikasi. Pilih jadwal perekaman sidik jari, wajah, dan tanda tangan "
        "di kantor Dukcapil kecamatan Anda, atau ajukan kunjungan rumah bila Anda lanjut usia, penyandang "
        "disabilitas, atau sakit.",
        "Your data and documents are verified. Book a time to record your fingerprints, face and signature at a "
        "Dukcapil office of your district, or ask for a home visit if you are elderly, have a disability or "
        "are ill.",
    ),
    ApplicationStatus.AWAITING_FIELD_VERIFICATION: (
        "Tunggu; petugas Dukcapil kecamatan Anda akan berkunjung ke alamat domisili Anda untuk memastikannya.",
        "Wait; a Dukcapil officer of your district will visit your address to confirm your domicile.",
    ),
    ApplicationStatus.REJECTED: (
        "Perbaiki hal-hal yang disebutkan, unggah ulang bila perlu, lalu ajukan kembali.",
        "Fix the reasons listed, re-upload if needed, then submit again.",
    ),
    ApplicationStatus.APPROVED: (
        "Permohonan disetujui; KTP-el sedang diterbitkan.",
        "Approved; your e-KTP is being issued.",
    ),
    ApplicationStatus.ISSUED: (
        "KTP-el Anda telah terbit; unduh KTP digital Anda.",
        "Your e-KTP has been issued; download your digital ID.",
    ),
    ApplicationStatus.PROCESSING_ERROR: (
        "Terjadi gangguan sistem; permohonan Anda diproses ulang secara otomatis, atau oleh petugas bila "
        "percobaan otomatis tidak berhasil. Anda tidak perlu melakukan apa pun.",
        "A system fault occurred; your application is processed again automatically, or by an operator if "
        "the automatic retries do not succeed. You need not do anything.",
    ),
}


class DocumentStatus(StrEnum):
    PENDING_UPLOAD = "PENDING_UPLOAD"  # an upload URL was issued; nothing has arrived yet
    RECEIVED = "RECEIVED"  # arrived and passed intake; checks are running
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    # The application was submitted while this slot was still waiting: the document set is frozen, so nothing
    # that arrives in it is read (intake removes it and notes the refusal on the timeline).
    CANCELLED = "CANCELLED"
