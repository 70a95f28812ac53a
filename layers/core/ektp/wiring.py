"""The composition root: builds every use case from its settings with the AWS adapters, the one place where
ports meet adapters. Handlers call a factory here and keep only parsing the event, calling the use case and
shaping the response.

Each factory imports what it builds: a function pays at cold start only for its own use case (the photo
check does not load the chain, the zip functions do not load numpy or OpenCV, which only the container
images have). Each is cached per settings, one instance per process as in one Lambda sandbox;
`reset_services()` forgets them.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ektp.adapters.cognito import CognitoDirectory
    from ektp.config import (
        ApiSettings,
        AuditSettings,
        BiometricSettings,
        ChainSettings,
        CheckerSettings,
        GalleryBatchSettings,
        IntakeSettings,
        MaintenanceSettings,
        NotifierSettings,
        RevocationSettings,
    )
    from ektp.issuance.notifications import Notifier
    from ektp.ports import DocumentChecker
    from ektp.services.applications import ApplicationService
    from ektp.services.audit import AuditService
    from ektp.services.biometrics import BiometricService
    from ektp.services.chain import ChainService
    from ektp.services.document_checks import DocumentCheckService
    from ektp.services.gallery_batching import GallerySearchBatcher
    from ektp.services.gallery_search import GallerySearchService
    from ektp.services.help_notifications import HelpNoticeService
    from ektp.services.intake import IntakeService
    from ektp.services.issuance import IssuanceService
    from ektp.services.maintenance import MaintenanceService
    from ektp.services.notifications import NotificationService
    from ektp.services.review import ReviewService
    from ektp.services.revocations import RevocationPublisher
    from ektp.services.status_lookup import StatusLookupService


class _NoWorkflow:
    """The chain's own steps never start executions."""

    def start(self, name: str, payload: object) -> str:
        raise RuntimeError("not available here")

    def send_task_success(self, token: str, output: object) -> None:
        raise RuntimeError("not available here")

    def send_task_failure(self, token: str, error: str, cause: str) -> None:
        raise RuntimeError("not available here")


@lru_cache(maxsize=8)
def application_service(settings: ApiSettings) -> ApplicationService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.services.applications import ApplicationService

    return ApplicationService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        StepFunctionsWorkflow(settings.state_machine_arn),
        upload_url_ttl_seconds=settings.upload_url_ttl_seconds,
        max_uploads_per_application=settings.max_uploads_per_application,
    )


@lru_cache(maxsize=8)
def status_lookup_service(settings: ApiSettings) -> StatusLookupService:
    from ektp.adapters.attempts_dynamodb import DynamoAttemptCounter
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.services.status_lookup import StatusLookupService

    table = settings.table_name
    return StatusLookupService(DynamoApplicationRepository(table), DynamoAttemptCounter(table))


@lru_cache(maxsize=8)
def review_service(settings: ApiSettings) -> ReviewService:
    from ektp.adapters.cards_dynamodb import DynamoCardStore
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.services.review import ReviewService

    return ReviewService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        StepFunctionsWorkflow(settings.state_machine_arn),
        cards=DynamoCardStore(settings.table_name),  # the 1:N candidates' enrolled (card) photos
    )


@lru_cache(maxsize=8)
def intake_service(settings: IntakeSettings) -> IntakeService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.sqs import SqsWorkQueue
    from ektp.services.intake import IntakeService

    return IntakeService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        SqsWorkQueue(),
        photo_queue=settings.photo_queue_url,
        ocr_queue=settings.ocr_queue_url,
    )


def document_check_service(settings: CheckerSettings, checker: DocumentChecker) -> DocumentCheckService:
    """The photo and OCR checkers: one service shape, the checker is the function's own (built once, when
    the function builds its handler)."""
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.services.document_checks import DocumentCheckService

    return DocumentCheckService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        checker,
    )


@lru_cache(maxsize=8)
def maintenance_service(settings: MaintenanceSettings) -> MaintenanceService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.services.applications import ApplicationService
    from ektp.services.maintenance import MaintenanceService

    repository = DynamoApplicationRepository(settings.table_name)
    store = S3DocumentStore(settings.upload_bucket_name)
    return MaintenanceService(
        repository,
        ApplicationService(repository, store, StepFunctionsWorkflow(settings.state_machine_arn)),
        store,
        stuck_after=timedelta(minutes=settings.stuck_after_minutes),
        draft_retention=timedelta(days=settings.draft_retention_days),
        redrive_after=timedelta(minutes=settings.redrive_after_minutes),
        max_redrives=settings.max_redrives,
    )


@lru_cache(maxsize=8)
def notifier(settings: NotifierSettings) -> Notifier:
    """One sender and one retry policy for status and help notices; WhatsApp where a number is configured
    (its client has its own region: the channel's Jakarta availability is unconfirmed)."""
    from ektp.adapters.aws import client
    from ektp.adapters.whatsapp import whatsapp_sender
    from ektp.domain.status_lookup import status_link
    from ektp.issuance.aws import SesSnsSender
    from ektp.issuance.notifications import Notifier

    whatsapp = None
    if settings.whatsapp_phone_number_id:
        whatsapp = whatsapp_sender(
            settings.whatsapp_phone_number_id, settings.whatsapp_template, settings.whatsapp_region
        )
    return Notifier(
        SesSnsSender(client("ses"), client("sns"), settings.email_from),
        whatsapp=whatsapp,
        status_url=lambda number: status_link(settings.status_page_url, number),
    )


@lru_cache(maxsize=8)
def notification_service(settings: NotifierSettings) -> NotificationService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.services.notifications import NotificationService

    return NotificationService(DynamoApplicationRepository(settings.table_name), notifier(settings))


@lru_cache(maxsize=8)
def help_notice_service(settings: NotifierSettings) -> HelpNoticeService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
    from ektp.services.help_notifications import HelpNoticeService, parse_helpdesk_addresses

    return HelpNoticeService(
        DynamoHelpRequestStore(settings.table_name),
        DynamoApplicationRepository(settings.table_name),
        notifier(settings),
        parse_helpdesk_addresses(settings.helpdesk_emails),
        app_url=settings.status_page_url,
    )


def staff_directory(user_pool_id: str) -> CognitoDirectory:
    """The token guard's view of the user pool that fired the trigger (the pool id comes with the event)."""
    from ektp.adapters.cognito import CognitoDirectory

    return CognitoDirectory(user_pool_id)


@lru_cache(maxsize=8)
def biometric_service(settings: BiometricSettings) -> BiometricService:
    from ektp.adapters.cards_dynamodb import DynamoCardStore
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.gallery_dynamodb import DynamoManifestStore
    from ektp.adapters.nbis import nbis_fingerprint_engine
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.biometrics.face import get_face_engine
    from ektp.services.biometrics import BiometricService

    return BiometricService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        S3DocumentStore(settings.biometrics_bucket_name),
        DynamoManifestStore(settings.registry_table_name),
        lambda: get_face_engine("dlib+sface"),  # both face models: both templates stored
        fingerprints=nbis_fingerprint_engine,  # the engine reading minutiae with NBIS
        cards=DynamoCardStore(
            settings.table_name
        ),  # does the NIK hold a card? (the cards live in that table)
    )


@lru_cache(maxsize=8)
def gallery_search_service(settings: BiometricSettings) -> GallerySearchService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.gallery_dynamodb import DynamoManifestStore
    from ektp.adapters.nbis import nbis_fingerprint_engine
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.services.gallery_search import GallerySearchService

    return GallerySearchService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.biometrics_bucket_name),
        DynamoManifestStore(settings.registry_table_name),
        StepFunctionsWorkflow(),  # answers the waiting chains' task tokens
        fingerprints=nbis_fingerprint_engine,  # the engine reading minutiae with NBIS
    )


@lru_cache(maxsize=8)
def gallery_search_batcher(settings: GalleryBatchSettings) -> GallerySearchBatcher:
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.services.gallery_batching import GallerySearchBatcher  # numpy-free: a small zip function

    return GallerySearchBatcher(
        S3DocumentStore(settings.biometrics_bucket_name),
        StepFunctionsWorkflow(settings.sweep_state_machine_arn),
    )


@lru_cache(maxsize=8)
def audit_service(settings: AuditSettings) -> AuditService:
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.services.audit import AuditService

    return AuditService(S3DocumentStore(settings.audit_bucket_name))


@lru_cache(maxsize=8)
def issuance_service(settings: ApiSettings | ChainSettings) -> IssuanceService:
    from ektp.adapters.aws import client
    from ektp.adapters.cards_dynamodb import DynamoCardStore
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.events import EventBridgePublisher
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.config import ChainSettings
    from ektp.issuance.signing import KmsSigner
    from ektp.services.issuance import IssuanceService

    signer = KmsSigner(client("kms"), settings.signing_key_id)  # one per process: the public key is cached
    chain = chain_service(settings) if isinstance(settings, ChainSettings) else None
    return IssuanceService(
        DynamoApplicationRepository(settings.table_name),
        DynamoCardStore(settings.table_name),
        lambda: signer,
        S3DocumentStore(settings.upload_bucket_name),
        chain,
        credential_validity=timedelta(days=settings.credential_validity_days),
        refresh_before=timedelta(days=settings.credential_refresh_days),
        publish=EventBridgePublisher(settings.event_bus_name)
        if settings.event_bus_name
        else None,  # card revoked
    )


@lru_cache(maxsize=8)
def chain_service(settings: ChainSettings) -> ChainService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.events import EventBridgePublisher
    from ektp.adapters.registry_dynamodb import DynamoPopulationRegistry
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.services.applications import ApplicationService
    from ektp.services.chain import ChainService

    repository = DynamoApplicationRepository(settings.table_name)
    applications = ApplicationService(repository, S3DocumentStore(settings.upload_bucket_name), _NoWorkflow())
    registry = DynamoPopulationRegistry(settings.registry_table_name)
    publish = EventBridgePublisher(settings.event_bus_name) if settings.event_bus_name else None
    # The biometric-recording wait: bookings and captures in the table, the NIK's trust read from the
    # capture-source records in the biometrics bucket, the workflow a capture made between two waits resumes.
    from ektp.adapters.enrolled_s3 import S3EnrolledFingers
    from ektp.adapters.recordings_dynamodb import DynamoRecordingStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow as Workflow
    from ektp.services.chain import RecordingSetup

    enrolled = S3EnrolledFingers(settings.biometrics_bucket_name)
    recording = RecordingSetup(
        store=DynamoRecordingStore(settings.table_name),
        trusted_on_file=enrolled.trusted,
        workflow=Workflow(),
        required=settings.biometric_recording_required,
    )
    from ektp.adapters.field_visits_dynamodb import DynamoFieldVisitStore
    from ektp.services.chain import FieldVisitSetup

    return ChainService.for_applications(
        repository,
        applications,
        registry,
        publish,
        liveness_required_for=settings.liveness_policy,
        recording=recording,
        field_visits=FieldVisitSetup(store=DynamoFieldVisitStore(settings.table_name), workflow=Workflow()),
    )


@lru_cache(maxsize=8)
def revocation_publisher(settings: RevocationSettings) -> RevocationPublisher:
    from ektp.adapters.aws import client
    from ektp.adapters.cards_dynamodb import DynamoCardStore
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.issuance.signing import KmsSigner
    from ektp.services.revocations import RevocationPublisher

    signer = KmsSigner(client("kms"), settings.signing_key_id)  # one per process: the public key is cached
    return RevocationPublisher(
        DynamoCardStore(settings.table_name),
        lambda: signer,
        S3DocumentStore(settings.revocation_bucket_name),
        list_validity=timedelta(hours=settings.revocation_list_validity_hours),
    )


def reset_services() -> None:
    """Forget the cached use cases (the local runtime, when it starts a new moto server)."""
    for factory in (
        application_service,
        status_lookup_service,
        review_service,
        intake_service,
        maintenance_service,
        notifier,
        notification_service,
        help_notice_service,
        biometric_service,
        gallery_search_service,
        gallery_search_batcher,
        audit_service,
        issuance_service,
        chain_service,
        revocation_publisher,
    ):
        factory.cache_clear()


# --- biometric recording (issue 20): the resident's appointment and the officer's capture station -------------
# Not cached: two small objects over the process-wide clients (ektp.adapters.aws), so reset_services needs nothing.
if TYPE_CHECKING:
    from ektp.services.appointments import AppointmentService
    from ektp.services.capture import CaptureService


def appointment_service(settings: ApiSettings) -> AppointmentService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.events import EventBridgePublisher
    from ektp.adapters.recordings_dynamodb import DynamoRecordingStore
    from ektp.services.appointments import AppointmentService

    return AppointmentService(
        DynamoApplicationRepository(settings.table_name),
        DynamoRecordingStore(settings.table_name),
        publish=EventBridgePublisher(settings.event_bus_name) if settings.event_bus_name else None,
    )


def capture_service(settings: ApiSettings) -> CaptureService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.recordings_dynamodb import DynamoRecordingStore
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.domain.capture_devices import parse_enrolments
    from ektp.services.capture import CaptureService

    return CaptureService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        DynamoRecordingStore(settings.table_name),
        StepFunctionsWorkflow(settings.state_machine_arn),
        devices=parse_enrolments(settings.capture_devices),
    )


# --- field verification of domicile (issue 20 item 4): the district's visits, not cached (as the capture station) ---
if TYPE_CHECKING:
    from ektp.services.field_visits import FieldVisitService


def field_visit_service(settings: ApiSettings) -> FieldVisitService:
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.field_visits_dynamodb import DynamoFieldVisitStore
    from ektp.adapters.s3 import S3DocumentStore
    from ektp.adapters.stepfunctions import StepFunctionsWorkflow
    from ektp.services.field_visits import FieldVisitService

    return FieldVisitService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        DynamoFieldVisitStore(settings.table_name),
        StepFunctionsWorkflow(settings.state_machine_arn),
    )


if TYPE_CHECKING:
    from ektp.services.help_requests import HelpRequestService


def help_request_service(settings: ApiSettings) -> HelpRequestService:
    """Not cached: it holds only adapters over the process's cached clients (ektp.adapters.aws), so a new
    moto server (reset_clients) is followed without a reset here."""
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.help_events import EventBridgeHelpNotices, NoHelpNotices
    from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
    from ektp.domain.help_requests import parse_holidays
    from ektp.services.help_requests import HelpRequestService

    notices = EventBridgeHelpNotices(settings.event_bus_name) if settings.event_bus_name else NoHelpNotices()
    return HelpRequestService(
        DynamoHelpRequestStore(settings.table_name),
        DynamoApplicationRepository(settings.table_name),
        notices,
        response_working_days=settings.help_response_working_days,
        holidays=parse_holidays(settings.help_holidays),
    )


def help_overdue_watch(settings: MaintenanceSettings) -> HelpRequestService:
    """The maintenance sweep's view of the help desks: it only asks `overdue()`, so it tells no one."""
    from ektp.adapters.dynamodb import DynamoApplicationRepository
    from ektp.adapters.help_events import NoHelpNotices
    from ektp.adapters.help_requests_dynamodb import DynamoHelpRequestStore
    from ektp.services.help_requests import HelpRequestService

    table = settings.table_name
    return HelpRequestService(
        DynamoHelpRequestStore(table), DynamoApplicationRepository(table), NoHelpNotices()
    )
