"""The Lambda functions, their layers, and what each may touch (grants are the only permissions)."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.settings import LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME, DeploymentSettings
from infra.storage import Storage

ROOT = Path(__file__).resolve().parents[1]
LAYER_BUILD = ROOT / "build" / "layers"
SOURCE_METADATA = "ektp:source"


def encrypted_queue(scope: Construct, construct_id: str, storage: Storage, **kwargs: object) -> sqs.Queue:
    return sqs.Queue(
        scope,
        construct_id,
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=storage.key,
        enforce_ssl=True,
        retention_period=Duration.days(14),
        **kwargs,  # type: ignore[arg-type]
    )


def consumer_visibility(function_timeout: Duration, batching_window: Duration | None = None) -> Duration:
    """A queue's visibility timeout for its Lambda consumer, as Lambda's SQS guidance sets it: six function
    timeouts (retries while the function is throttled) plus the batching window (a message received when the
    window opens stays hidden while the batch gathers): shorter, a message is received again mid-batch."""
    window = batching_window.to_seconds() if batching_window else 0
    return Duration.seconds(6 * function_timeout.to_seconds() + window)


def queue_with_dlq(
    scope: Construct, construct_id: str, storage: Storage, *, visibility: Duration, max_receives: int = 3
) -> tuple[sqs.Queue, sqs.Queue]:
    """A work queue and its dead-letter queue: a message failing `max_receives` times waits for a redrive."""
    dlq = encrypted_queue(scope, f"{construct_id}DLQ", storage)
    queue = encrypted_queue(
        scope,
        f"{construct_id}Queue",
        storage,
        visibility_timeout=visibility,
        dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=max_receives, queue=dlq),
    )
    return queue, dlq


class Compute(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, storage: Storage, settings: DeploymentSettings
    ) -> None:
        super().__init__(scope, construct_id)
        self._storage = storage
        self._settings = settings

        def layer(name: str, description: str) -> _lambda.LayerVersion:
            path = LAYER_BUILD / name
            if not path.exists():
                if not self.node.try_get_context("local_placeholder_layers"):
                    raise FileNotFoundError(f"{path} is missing: run `make layers` first")
                # The local runtime runs handlers from source with the dev venv: layer contents are not used.
                path = ROOT / "build" / "placeholder-layers" / name
                (path / "python").mkdir(parents=True, exist_ok=True)
            return _lambda.LayerVersion(
                self,
                f"{name.capitalize()}Layer",
                code=_lambda.Code.from_asset(str(path)),
                compatible_runtimes=[LAMBDA_RUNTIME],
                compatible_architectures=[LAMBDA_ARCHITECTURE],
                description=description,
            )

        self.core_layer = layer("core", "ektp shared code")
        self.deps_layer = layer("deps", "Powertools, pydantic, rapidfuzz")
        self.vision_layer = layer("vision", "OpenCV headless 4.x and numpy")

        # Asynchronous invocations (S3 -> intake) that fail after Lambda's retries land here.
        self.async_dlq = encrypted_queue(self, "AsyncDLQ", storage)

    def _role_and_logs(self, construct_id: str, folder: str) -> tuple[iam.Role, logs.LogGroup]:
        log_group = logs.LogGroup(
            self,
            f"{construct_id}Logs",
            encryption_key=self._storage.key,
            retention=logs.RetentionDays[self._settings.log_retention],
            removal_policy=RemovalPolicy.DESTROY,
        )
        # Its own role with only its own log group: no AWS managed policy (its logs:* would reach every group).
        role = iam.Role(
            self,
            f"{construct_id}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"ektp {folder} function",
        )
        log_group.grant_write(role)
        return role, log_group

    def _environment(self, folder: str, environment: dict[str, str]) -> dict[str, str]:
        return {
            "POWERTOOLS_SERVICE_NAME": f"ektp-{folder}",
            "POWERTOOLS_METRICS_NAMESPACE": "ektp",
            "LOG_LEVEL": "INFO",
            # No pydantic plugins are installed: skip their discovery (an entry-point scan of every
            # installed distribution) when the first model is built at cold start.
            "PYDANTIC_DISABLE_PLUGINS": "__all__",
            **environment,
        }

    def container_function(
        self,
        construct_id: str,
        folder: str,
        *,
        environment: dict[str, str],
        memory_mb: int,
        timeout: Duration,
        architecture: _lambda.Architecture = LAMBDA_ARCHITECTURE,
    ) -> _lambda.DockerImageFunction:
        """A container-image function: its Dockerfile in functions/<folder>, built from the repo root at deploy
        (`cdk synth` only stages the files the image needs)."""
        role, log_group = self._role_and_logs(construct_id, folder)
        function = _lambda.DockerImageFunction(
            self,
            construct_id,
            code=_lambda.DockerImageCode.from_image_asset(
                str(ROOT),
                file=f"functions/{folder}/Dockerfile",
                exclude=[
                    "*",
                    "!layers",
                    "!layers/core",
                    "!layers/core/**",
                    f"!functions/{folder}",
                    f"!functions/{folder}/**",
                    "**/__pycache__",
                ],
                platform=ecr_assets.Platform.LINUX_ARM64
                if architecture == _lambda.Architecture.ARM_64
                else ecr_assets.Platform.LINUX_AMD64,
            ),
            role=role,
            architecture=architecture,
            memory_size=memory_mb,
            timeout=timeout,
            environment=self._environment(folder, environment),
            environment_encryption=self._storage.key,
            tracing=_lambda.Tracing.ACTIVE,
            log_group=log_group,
        )
        function.node.default_child.add_metadata(SOURCE_METADATA, f"functions/{folder}")  # type: ignore[union-attr]
        return function

    def function(
        self,
        construct_id: str,
        folder: str,
        *,
        environment: dict[str, str],
        memory_mb: int = 512,
        timeout: Duration | None = None,
        extra_layers: tuple[_lambda.ILayerVersion, ...] = (),
        asynchronous: bool = False,
    ) -> _lambda.Function:
        role, log_group = self._role_and_logs(construct_id, folder)
        function = _lambda.Function(
            self,
            construct_id,
            role=role,
            runtime=LAMBDA_RUNTIME,
            architecture=LAMBDA_ARCHITECTURE,
            handler="handler.handler",
            code=_lambda.Code.from_asset(str(ROOT / "functions" / folder), exclude=["__pycache__", "*.pyc"]),
            layers=[self.core_layer, self.deps_layer, *extra_layers],
            memory_size=memory_mb,
            timeout=timeout or Duration.seconds(30),
            environment=self._environment(folder, environment),
            environment_encryption=self._storage.key,
            tracing=_lambda.Tracing.ACTIVE,
            log_group=log_group,
            dead_letter_queue=self.async_dlq if asynchronous else None,
            retry_attempts=2 if asynchronous else None,
        )
        # Lets the local runtime find the handler's source for this function in the synthesized template.
        function.node.default_child.add_metadata(SOURCE_METADATA, f"functions/{folder}")  # type: ignore[union-attr]
        return function
