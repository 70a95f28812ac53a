"""Upload intake, the document checkers and the verification chain (Step Functions, Standard workflow)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_stepfunctions_tasks as tasks
from constructs import Construct

from ektp.domain.stages import GALLERY_SEARCH_RESULT, Step
from infra.compute import Compute, consumer_visibility, queue_with_dlq
from infra.settings import DeploymentSettings
from infra.storage import Storage

# Errors worth retrying inside the chain: throttling and transient faults, never a bug in our code. A step's
# own faults arrive under the names ektp.step_handler gives them (TransientStepError; StepFailed is not
# retried); the others are the Lambda service's own, raised by Step Functions around the invocation
# (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html), and a sandbox that
# timed out (Sandbox.Timedout) under contention.
STEP_TRANSIENT_ERROR = "TransientStepError"  # ektp.step_handler.TransientStepError.__name__
LAMBDA_SERVICE_ERRORS = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
    "Lambda.ClientExecutionTimeoutException",
    "Sandbox.Timedout",
]
TRANSIENT_ERRORS = [STEP_TRANSIENT_ERROR, *LAMBDA_SERVICE_ERRORS]
# The SQS integration of AwaitGallerySearch: its own faults are named after the service.
SQS_TRANSIENT_ERRORS = ["SQS.SdkClientException", "SQS.AmazonSQSException"]


def retry_transient(task: sfn.TaskStateBase) -> None:
    """Throttling and transient faults: four tries with full jitter, so retries of many chains spread out."""
    task.add_retry(
        errors=TRANSIENT_ERRORS,
        interval=Duration.seconds(2),
        max_attempts=4,
        backoff_rate=2,
        jitter_strategy=sfn.JitterType.FULL,
    )


_Task = TypeVar("_Task", bound=sfn.TaskStateBase)


@dataclass(frozen=True)
class _Guard:
    """What every chain task gets: transient faults retried with jitter, anything else caught into RecordFailure."""

    record_failure: sfn.IChainable

    def __call__(self, task: _Task) -> _Task:
        retry_transient(task)
        self.catch(task)
        return task

    def catch(self, state: sfn.TaskStateBase | sfn.Parallel) -> None:
        state.add_catch(self.record_failure, errors=["States.ALL"], result_path="$.error")


@dataclass(frozen=True)
class _Review:
    """The review branch: its entry (`request`), and its route once an officer answered."""

    request: tasks.LambdaInvoke
    route: sfn.Choice
    record: tasks.LambdaInvoke

    def on_field_visit(self, field_visit: sfn.IChainable) -> None:
        """An officer reviewing the case can send it to a field visit instead of deciding it."""
        self.route.when(
            sfn.Condition.string_equals("$.review.decision", "FIELD_VISIT"), field_visit
        ).otherwise(self.record)


def _chain_timeout(settings: DeploymentSettings) -> Duration:
    """Standard: officer review can take days, and the recording wait weeks; two visit rounds, each waiting at
    most both of its waits."""
    recording = (
        settings.recording_wait_seconds
        + settings.recording_reminder_wait_seconds
        + settings.recording_officer_wait_seconds
    )
    visits = 2 * (settings.field_visit_wait_seconds + settings.field_visit_reminder_wait_seconds)
    return Duration.seconds(30 * 24 * 3600 + recording + visits)


class Pipeline(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        storage: Storage,
        compute: Compute,
        settings: DeploymentSettings,
    ) -> None:
        super().__init__(scope, construct_id)
        table_env = {
            "TABLE_NAME": storage.table.table_name,
            "UPLOAD_BUCKET_NAME": storage.uploads.bucket_name,
        }

        # --- intake: S3 -> intake -> a queue per checker ------------------------------------------
        photo_timeout, ocr_timeout = Duration.seconds(60), Duration.seconds(120)
        self.photo_queue, self.photo_dlq = queue_with_dlq(
            self, "PhotoCheck", storage, visibility=consumer_visibility(photo_timeout)
        )
        self.ocr_queue, self.ocr_dlq = queue_with_dlq(
            self, "Ocr", storage, visibility=consumer_visibility(ocr_timeout)
        )

        self.intake = compute.function(
            "Intake",
            "intake",
            environment={
                **table_env,
                "IDEMPOTENCY_TABLE_NAME": storage.idempotency.table_name,
                "PHOTO_QUEUE_URL": self.photo_queue.queue_url,
                "OCR_QUEUE_URL": self.ocr_queue.queue_url,
            },
            memory_mb=512,
            timeout=Duration.seconds(60),
            asynchronous=True,
        )
        storage.table.grant_read_write_data(self.intake)
        storage.idempotency.grant_read_write_data(self.intake)
        storage.uploads.grant_read(self.intake, "uploads/*")
        storage.uploads.grant_delete(self.intake, "uploads/*")  # objects with no issued slot are removed
        self.photo_queue.grant_send_messages(self.intake)
        self.ocr_queue.grant_send_messages(self.intake)
        storage.uploads.add_event_notification(
            s3.EventType.OBJECT_CREATED,
            s3n.LambdaDestination(self.intake),
            s3.NotificationKeyFilter(prefix="uploads/"),
        )

        self.photo_check = compute.function(
            "PhotoCheck",
            "photo_check",
            environment=table_env,
            memory_mb=1024,  # OpenCV is CPU-bound: more memory buys more CPU
            timeout=photo_timeout,
            extra_layers=(compute.vision_layer,),
        )
        storage.table.grant_read_write_data(self.photo_check)
        storage.uploads.grant_read(self.photo_check, "uploads/*")
        storage.uploads.grant_put(self.photo_check, "processed/*")
        self.photo_check.add_event_source(
            sources.SqsEventSource(self.photo_queue, batch_size=5, report_batch_item_failures=True)
        )

        self.ocr = compute.container_function(
            "Ocr",
            "ocr",
            environment=table_env,
            memory_mb=2048,  # Tesseract on one thread; memory for 300 dpi pages
            timeout=ocr_timeout,
        )
        storage.table.grant_read_write_data(self.ocr)
        storage.uploads.grant_read(self.ocr, "uploads/*")
        self.ocr.add_event_source(
            sources.SqsEventSource(
                self.ocr_queue, batch_size=1, report_batch_item_failures=True, max_concurrency=50
            )  # bounded: OCR is the heaviest step, and the queue absorbs bursts
        )

        self.biometrics = compute.container_function(
            "Biometrics",
            "biometrics",
            environment={
                **table_env,
                "BIOMETRICS_BUCKET_NAME": storage.biometrics.bucket_name,
                "REGISTRY_TABLE_NAME": storage.registry.table_name,
            },
            memory_mb=3008,  # dlib's HOG detector and ResNet are CPU-bound; a 1M-row shard is 128 MB
            timeout=Duration.seconds(60),
            # nbis-py (fingerprints) ships an x86_64 wheel only (manylinux_2_34): measured reason for x86_64.
            architecture=_lambda.Architecture.X86_64,
        )
        storage.table.grant_read_write_data(self.biometrics)
        storage.registry.grant_read_write_data(self.biometrics)  # the gallery manifest item
        storage.uploads.grant_read(self.biometrics, "uploads/*")
        storage.uploads.grant_read(self.biometrics, "processed/*")
        storage.uploads.grant_read(self.biometrics, "captures/*")  # an officer's face and finger (issue 20)
        storage.biometrics.grant_read_write(self.biometrics)

        # The batched 1:N search (ektp.services.gallery_search): chains wait on this queue; its consumer
        # starts one sweep per batch of up to 500 applications gathered over at most 5 minutes.
        gallery_batch_timeout = Duration.seconds(30)
        gallery_window = Duration.seconds(settings.gallery_batch_window_seconds)
        self.gallery_queue, self.gallery_dlq = queue_with_dlq(
            self,
            "GallerySearch",
            storage,
            visibility=consumer_visibility(gallery_batch_timeout, gallery_window),
        )
        self.sweep_state_machine = self._sweep_state_machine(storage, settings)
        self.gallery_batch = compute.function(
            "GalleryBatch",
            "gallery_batch",
            environment={
                "BIOMETRICS_BUCKET_NAME": storage.biometrics.bucket_name,
                "SWEEP_STATE_MACHINE_ARN": self.sweep_state_machine.state_machine_arn,
            },
            memory_mb=256,
            timeout=gallery_batch_timeout,
        )
        storage.biometrics.grant_put(self.gallery_batch, "sweeps/*")
        self.sweep_state_machine.grant_start_execution(self.gallery_batch)
        self.gallery_batch.add_event_source(
            sources.SqsEventSource(
                self.gallery_queue,
                batch_size=settings.gallery_batch_size,
                max_batching_window=gallery_window,
                report_batch_item_failures=True,
                max_concurrency=2,  # sweeps are wide already (a Map over every shard); few at a time
            )
        )

        # --- the verification chain ----------------------------------------------------------------
        self.chain = compute.function(
            "Chain",
            "chain",
            environment={
                **table_env,
                "REGISTRY_TABLE_NAME": storage.registry.table_name,
                "SIGNING_KEY_ID": storage.signing_key.key_id,
                "LIVENESS_REQUIRED_FOR": settings.liveness_required_for,
                "BIOMETRIC_RECORDING_REQUIRED": str(settings.biometric_recording_required).lower(),
                "BIOMETRICS_BUCKET_NAME": storage.biometrics.bucket_name,
            },
            timeout=Duration.seconds(30),
        )
        # Whether a NIK's enrolled finger came from a trusted capture: only the capture-source records (who and
        # which scanner), never a template, so the biometrics bucket's templates stay the biometric function's.
        # No listing: key names there are NIKs (adapters/enrolled_s3.py reads a missing object's AccessDenied as "none").
        self.chain.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"],
                resources=[storage.biometrics.arn_for_objects("templates/enrolled/*.capture.json")],
            )
        )
        storage.key.grant_decrypt(self.chain)
        storage.signing_key.grant(self.chain, "kms:Sign", "kms:GetPublicKey")
        storage.table.grant_read_write_data(self.chain)
        storage.registry.grant_read_data(self.chain)
        # Issuance reads the checked photo's normalized copy and gives the card its own copy (kept with the card).
        storage.uploads.grant_read(self.chain, "processed/*")
        storage.uploads.grant_put(self.chain, "cards/*")

        self.state_machine = self._state_machine(storage, settings)
        # A sweep resumes the chains it searched for. A standalone policy, not the function's default one:
        # the chain's definition names the biometrics function, which depends on its default policy.
        iam.Policy(
            self,
            "BiometricsResumeChains",
            roles=[self.biometrics.role] if self.biometrics.role else [],
            statements=[
                iam.PolicyStatement(
                    actions=["states:SendTaskSuccess", "states:SendTaskFailure"],
                    resources=[self.state_machine.state_machine_arn],
                )
            ],
        )
        # A capture that landed while no recording wait was open: the chain's next wait resumes itself.
        iam.Policy(
            self,
            "ChainResumesRecording",
            roles=[self.chain.role] if self.chain.role else [],
            statements=[
                iam.PolicyStatement(
                    actions=["states:SendTaskSuccess"], resources=[self.state_machine.state_machine_arn]
                )
            ],
        )

        # --- scheduled maintenance: stuck applications (every 15 min) and the purge of old drafts (daily) ---
        self.maintenance = compute.function(
            "Maintenance",
            "maintenance",
            environment={
                **table_env,
                "STATE_MACHINE_ARN": self.state_machine.state_machine_arn,
                "STUCK_AFTER_MINUTES": str(settings.stuck_after_minutes),
                "DRAFT_RETENTION_DAYS": str(settings.draft_retention_days),
            },
            timeout=Duration.minutes(5),
        )
        storage.table.grant_read_write_data(self.maintenance)
        storage.uploads.grant_delete(self.maintenance, "uploads/*")
        storage.uploads.grant_read(self.maintenance, "uploads/*")
        self.state_machine.grant_start_execution(self.maintenance)
        for rule_id, schedule, task in (
            ("SweepStuck", events.Schedule.rate(Duration.minutes(15)), "stuck"),
            ("PurgeDrafts", events.Schedule.cron(hour="19", minute="0"), "purge"),  # 02:00 WIB
        ):
            events.Rule(self, rule_id, schedule=schedule).add_target(
                targets.LambdaFunction(
                    self.maintenance,
                    event=events.RuleTargetInput.from_object({"task": task}),
                    dead_letter_queue=compute.async_dlq,
                    retry_attempts=2,
                )
            )

    def _step(
        self,
        name: str,
        step: Step,
        *,
        function: _lambda.IFunction | None = None,
        result_path: str | None = None,
        **extra: object,
    ) -> tasks.LambdaInvoke:
        payload = {
            "step": step.value,  # the plain string: jsii would serialise an Enum member as a jsii enum
            "application_id": sfn.JsonPath.string_at("$.application_id"),
            "attempt": sfn.JsonPath.number_at("$.attempt"),
            **extra,
        }
        return tasks.LambdaInvoke(
            self,
            name,
            lambda_function=function or self.chain,
            payload=sfn.TaskInput.from_object(payload),
            result_selector={"result.$": "$.Payload"},
            result_path=result_path or f"$.results.{step}",
            retry_on_service_exceptions=False,  # our own Retry below covers them, with jitter
        )

    def _token_wait(
        self, name: str, step: Step, timeout_seconds: int, result_path: str, **extra: object
    ) -> tasks.LambdaInvoke:
        """A chain step that hands the chain Lambda its task token and waits for someone to send it back (an
        officer's decision, an officer's capture), at most `timeout_seconds`; ids only in the payload."""
        return tasks.LambdaInvoke(
            self,
            name,
            lambda_function=self.chain,
            integration_pattern=sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
            payload=sfn.TaskInput.from_object(
                {
                    "step": step.value,
                    "application_id": sfn.JsonPath.string_at("$.application_id"),
                    "attempt": sfn.JsonPath.number_at("$.attempt"),
                    "task_token": sfn.JsonPath.task_token,
                    **extra,
                }
            ),
            result_path=result_path,
            task_timeout=sfn.Timeout.duration(Duration.seconds(timeout_seconds)),
            retry_on_service_exceptions=False,  # the chain's _Guard adds the one Retry, with jitter
        )

    def _state_machine(self, storage: Storage, settings: DeploymentSettings) -> sfn.StateMachine:
        """The verification chain, its main path top to bottom: load, completeness, the four checks side by side,
        the recording wait (when the NIK has no trusted biometrics), the faces 1:1 and the 1:N search, decide, the
        decision's route, and for an approval the enrolment and the card. The branches come from the _build_*
        methods below; every task is guarded (transient faults retried, anything else recorded, then Fail)."""
        guard = self._build_failure_guard()
        done = sfn.Succeed(self, "Done")
        decide = guard(self._step("Decide", Step.DECIDE))
        definition = (
            guard(self._step("LoadApplication", Step.LOAD))
            .next(guard(self._step("CheckCompleteness", Step.CHECK_COMPLETENESS)))
            .next(self._build_checks(guard))
            .next(self._build_recording(settings, self._build_faces(settings, decide, guard), done, guard))
        )
        approved = self._build_approval(done, guard)
        review = self._build_review(settings, approved, guard)
        field_visit = self._build_field_visit(settings, decide, review.request, done, guard)
        review.on_field_visit(field_visit)
        record_decision = guard(self._step("RecordDecision", Step.RECORD_DECISION, result_path="$.outcome"))
        record_decision.next(approved)
        decide.next(self._build_decision_route(review.request, field_visit, record_decision))
        return self._machine(
            "VerificationChain", "ChainLogs", definition, storage, settings, _chain_timeout(settings)
        )

    def _build_failure_guard(self) -> _Guard:
        """RecordFailure (retried hard: it is what tells the resident) then ChainFailed, and the guard that
        sends every chain task there."""
        record_failure = self._step(
            "RecordFailure", Step.RECORD_FAILURE, error=sfn.JsonPath.object_at("$.error")
        )
        record_failure.add_retry(
            errors=["States.ALL"], interval=Duration.seconds(2), max_attempts=6, backoff_rate=2
        )
        record_failure.next(
            sfn.Fail(self, "ChainFailed", error="VerificationFailed", cause="recorded on the application")
        )
        return _Guard(record_failure)

    def _build_checks(self, guard: _Guard) -> sfn.Parallel:
        """The independent checks run side by side; each records its own result on the application."""
        verify = sfn.Parallel(self, "Verify", result_path=sfn.JsonPath.DISCARD)
        for name, step in (
            ("CheckPersonalData", Step.CHECK_PERSONAL_DATA),
            ("CheckDomicile", Step.CHECK_DOMICILE),
            ("CheckSupportingDocuments", Step.CHECK_DOCUMENTS),
            ("CheckDemographicDuplicates", Step.CHECK_DUPLICATES),
        ):
            task = self._step(name, step)
            retry_transient(task)
            verify.branch(task)
        guard.catch(verify)
        return verify

    def _build_faces(
        self, settings: DeploymentSettings, decide: sfn.IChainable, guard: _Guard
    ) -> sfn.IChainable:
        """Biometrics: 1:1, then the national 1:N search, batched with other applications' searches
        (ektp.services.gallery_search): the chain queues its probe and waits for the sweep to answer."""
        match_faces = guard(self._step("MatchFaces", Step.MATCH_FACES, function=self.biometrics))
        await_search = tasks.SqsSendMessage(
            self,
            "AwaitGallerySearch",
            queue=self.gallery_queue,
            integration_pattern=sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
            message_body=sfn.TaskInput.from_object(
                {
                    "application_id": sfn.JsonPath.string_at("$.application_id"),
                    "attempt": sfn.JsonPath.number_at("$.attempt"),
                    "task_token": sfn.JsonPath.task_token,
                }
            ),
            result_path=f"$.results.{GALLERY_SEARCH_RESULT}",
            task_timeout=sfn.Timeout.duration(Duration.seconds(settings.gallery_search_timeout_seconds)),
        )
        # A failed or lost sweep: queue the probe again (a new sweep), then give up to RecordFailure.
        await_search.add_retry(
            errors=["GallerySearchFailed", "States.Timeout", *SQS_TRANSIENT_ERRORS],
            interval=Duration.seconds(10),
            max_attempts=2,
            backoff_rate=3,
            jitter_strategy=sfn.JitterType.FULL,
        )
        guard.catch(await_search)
        await_search.next(decide)
        has_probe = sfn.Condition.boolean_equals(f"$.results.{Step.MATCH_FACES}.result.probe", True)
        # Without a face there is nothing to search; 1:1 says why.
        return match_faces.next(sfn.Choice(self, "HasFace").when(has_probe, await_search).otherwise(decide))

    def _build_decision_route(
        self, review: sfn.IChainable, field_visit: sfn.IChainable, record_decision: sfn.IChainable
    ) -> sfn.Choice:
        def decided(kind: str) -> sfn.Condition:
            return sfn.Condition.string_equals(f"$.results.{Step.DECIDE}.result.decision", kind)

        return (
            sfn.Choice(self, "DecisionRoute")
            .when(decided("REVIEW"), review)
            .when(decided("FIELD_VISIT"), field_visit)
            .otherwise(record_decision)
        )

    def _build_approval(self, done: sfn.IChainable, guard: _Guard) -> sfn.Choice:
        """Only an approval enrols the face into the gallery (append-only: a new shard version), then the card."""
        enrol = guard(self._step("EnrolTemplate", Step.ENROL_TEMPLATE, function=self.biometrics))
        enrol.next(guard(self._step("IssueCard", Step.ISSUE))).next(done)
        return (
            sfn.Choice(self, "Approved")
            .when(sfn.Condition.string_equals("$.outcome.result.status", "APPROVED"), enrol)
            .otherwise(done)
        )

    def _build_review(self, settings: DeploymentSettings, approved: sfn.IChainable, guard: _Guard) -> _Review:
        """An officer's review: a case not decided in time is escalated (flagged, recorded, kept in the district's
        queue for the supervisor) and waits once more; a second timeout stops the chain for an operator. The
        officer's answer is recorded, unless it sends the case to a field visit (wired by on_field_visit)."""

        def review_task(name: str, escalated: bool, timeout_seconds: int) -> tasks.LambdaInvoke:
            return self._token_wait(
                name, Step.REQUEST_REVIEW, timeout_seconds, "$.review", escalated=escalated
            )

        record_review = guard(
            self._step(
                "RecordReviewDecision",
                Step.RECORD_REVIEW_OUTCOME,
                result_path="$.outcome",
                review=sfn.JsonPath.object_at("$.review"),
            )
        )
        record_review.next(approved)
        escalated_review = guard(
            review_task("RequestEscalatedReview", True, settings.review_timeout_seconds * 2)
        )
        escalate = guard(self._step("EscalateReview", Step.ESCALATE_REVIEW))
        escalate.next(escalated_review)
        officer_review = review_task("RequestOfficerReview", False, settings.review_timeout_seconds)
        officer_review.add_catch(escalate, errors=["States.Timeout"], result_path="$.error")  # before guard's
        request = guard(officer_review)
        route = sfn.Choice(self, "ReviewRoute")
        request.next(route)
        escalated_review.next(route)
        return _Review(request=request, route=route, record=record_review)

    def _build_recording(
        self,
        settings: DeploymentSettings,
        biometrics: sfn.IChainable,
        done: sfn.IChainable,
        guarded: Callable[[tasks.LambdaInvoke], tasks.LambdaInvoke],
    ) -> sfn.IChainable:
        """The biometric-recording wait (issue 20): PlanRecording decides; a NIK without trusted biometrics waits
        on a task token for an officer's capture (services/capture.py); the wait times out into a reminder and a
        second wait, then an officer task and a last wait, then RecordingMissed (REJECTED). A resumed wait goes
        on only if a capture is on record (RecordRecording): a replayed or forged token makes the chain wait again."""
        plan = guarded(self._step("PlanRecording", Step.PLAN_RECORDING))

        def wait(name: str, seconds: int) -> tasks.LambdaInvoke:
            return self._token_wait(name, Step.REQUEST_RECORDING, seconds, "$.recording")

        first = wait("AwaitBiometricRecording", settings.recording_wait_seconds)
        reminded = wait("AwaitRecordingAfterReminder", settings.recording_reminder_wait_seconds)
        last = wait("AwaitRecordingOfficerTask", settings.recording_officer_wait_seconds)
        remind = guarded(self._step("RemindRecording", Step.REMIND_RECORDING))
        officer_task = guarded(self._step("RecordingOfficerTask", Step.RECORDING_OFFICER_TASK))
        missed = guarded(self._step("RecordingMissed", Step.RECORDING_MISSED, result_path="$.recorded"))
        record = guarded(self._step("RecordRecording", Step.RECORD_RECORDING, result_path="$.recorded"))
        for waiting, on_timeout in ((first, remind), (reminded, officer_task), (last, missed)):
            waiting.add_catch(on_timeout, errors=["States.Timeout"], result_path="$.error")
            guarded(waiting).next(record)
        remind.next(reminded)
        officer_task.next(last)
        captured = sfn.Condition.boolean_equals("$.recorded.result.captured", True)
        record.next(sfn.Choice(self, "Recorded").when(captured, biometrics).otherwise(first))
        missed.next(sfn.Choice(self, "RecordedAtTheLast").when(captured, biometrics).otherwise(done))
        needed = sfn.Condition.boolean_equals(f"$.results.{Step.PLAN_RECORDING}.result.needed", True)
        return plan.next(sfn.Choice(self, "NeedsRecording").when(needed, first).otherwise(biometrics))

    def _build_field_visit(
        self,
        settings: DeploymentSettings,
        decide: sfn.IChainable,
        review: sfn.IChainable,
        done: sfn.IChainable,
        guarded: Callable[[tasks.LambdaInvoke], tasks.LambdaInvoke],
    ) -> sfn.IChainable:
        """Field verification of domicile (issue 20 item 4): the chain waits on a task token for the district's
        officer to record the visit (services/field_visits.py); the wait times out into a reminder (the visit is
        flagged overdue) and a second wait, then an officer reviews the case. A resumed wait goes on only if an
        answer is on record (RecordFieldVisit): a replayed or forged token makes the chain wait again. Confirmed:
        decide again as if the domicile passed; not living there: REJECTED; unreachable: visited once more."""

        def wait(name: str, seconds: int) -> tasks.LambdaInvoke:
            return self._token_wait(name, Step.REQUEST_FIELD_VISIT, seconds, "$.visit")

        first = wait("AwaitFieldVisit", settings.field_visit_wait_seconds)
        reminded = wait("AwaitFieldVisitAfterReminder", settings.field_visit_reminder_wait_seconds)
        remind = guarded(self._step("RemindFieldVisit", Step.REMIND_FIELD_VISIT, result_path="$.visited"))
        missed = guarded(self._step("FieldVisitMissed", Step.FIELD_VISIT_MISSED, result_path="$.visited"))
        record = guarded(self._step("RecordFieldVisit", Step.RECORD_FIELD_VISIT, result_path="$.visited"))
        for waiting, on_timeout in ((first, remind), (reminded, missed)):
            waiting.add_catch(on_timeout, errors=["States.Timeout"], result_path="$.error")
            guarded(waiting).next(record)
        remind.next(reminded)

        def goes(step: str) -> sfn.Condition:
            return sfn.Condition.string_equals("$.visited.result.next", step)

        after = (
            sfn.Choice(self, "FieldVisitOutcome")
            .when(goes("continue"), decide)
            .when(goes("reject"), done)
            .when(goes("review"), review)
            .otherwise(first)  # revisit (one more round), or no answer on record (a forged or replayed token)
        )
        record.next(after)
        missed.next(after)
        return first

    def _sweep_state_machine(self, storage: Storage, settings: DeploymentSettings) -> sfn.StateMachine:
        """Plan (probes, shards) -> search every shard for all probes (Map) -> finish (merge, resume chains)."""

        def step(
            name: str, step: Step, result_path: str | None = None, **extra: object
        ) -> tasks.LambdaInvoke:
            task = tasks.LambdaInvoke(
                self,
                name,
                lambda_function=self.biometrics,
                payload=sfn.TaskInput.from_object(
                    {"step": step.value, "batch_id": sfn.JsonPath.string_at("$.batch_id"), **extra}
                ),
                result_selector={"result.$": "$.Payload"},
                result_path=result_path or sfn.JsonPath.DISCARD,
                retry_on_service_exceptions=False,
            )
            retry_transient(task)
            return task

        fail = step("FailSweep", Step.FAIL_SWEEP)
        fail.next(
            sfn.Fail(self, "SweepFailed", error="GallerySearchFailed", cause="waiting chains were failed")
        )
        plan = step("PlanSweep", Step.PLAN_SWEEP, result_path="$.plan")
        search = sfn.Map(
            self,
            "SearchEveryShard",
            items_path="$.plan.result.shards",
            item_selector={
                "batch_id": sfn.JsonPath.string_at("$.batch_id"),
                "shard": sfn.JsonPath.object_at("$$.Map.Item.Value"),
            },
            max_concurrency=40,
            result_path=sfn.JsonPath.DISCARD,
        )
        search.item_processor(step("SearchShard", Step.SEARCH_SHARD, shard=sfn.JsonPath.object_at("$.shard")))
        finish = step("FinishSweep", Step.FINISH_SWEEP)
        for task in (plan, search, finish):
            task.add_catch(fail, errors=["States.ALL"], result_path="$.error")
        definition = plan.next(search).next(finish)
        return self._machine("GallerySweep", "SweepLogs", definition, storage, settings, Duration.hours(1))

    def _machine(
        self,
        name: str,
        logs_id: str,
        definition: sfn.IChainable,
        storage: Storage,
        settings: DeploymentSettings,
        timeout: Duration,
    ) -> sfn.StateMachine:
        """Standard, traced, encrypted with the CMK, logged without execution data (no ids beyond keys)."""
        log_group = logs.LogGroup(
            self,
            logs_id,
            # Under /aws/vendedlogs/ CloudWatch Logs adds no entry to the account's one log resource policy
            # (5,120 characters per region), which logged state machines outside it fill up.
            log_group_name=f"/aws/vendedlogs/states/ektp-{settings.stage}-{name}",
            encryption_key=storage.key,
            retention=logs.RetentionDays[settings.log_retention],
            removal_policy=RemovalPolicy.DESTROY,
        )
        return sfn.StateMachine(
            self,
            name,
            definition_body=sfn.DefinitionBody.from_chainable(definition),
            state_machine_type=sfn.StateMachineType.STANDARD,
            tracing_enabled=True,
            logs=sfn.LogOptions(destination=log_group, level=sfn.LogLevel.ALL, include_execution_data=False),
            encryption_configuration=sfn.CustomerManagedEncryptionConfiguration(storage.key),
            timeout=timeout,
        )

    @property
    def functions(self) -> list[_lambda.Function]:  # DockerImageFunction is a Function
        return [
            self.intake,
            self.photo_check,
            self.ocr,
            self.chain,
            self.biometrics,
            self.gallery_batch,
            self.maintenance,
        ]
