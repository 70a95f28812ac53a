"""The audit trail: the applications table's stream -> the audit Lambda -> the Object Lock bucket."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_lambda as _lambda
from aws_cdk import aws_lambda_event_sources as sources
from constructs import Construct

from infra.compute import Compute, encrypted_queue
from infra.storage import Storage


class AuditTrail(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, storage: Storage, compute: Compute) -> None:
        super().__init__(scope, construct_id)
        # A batch that keeps failing is parked here (its stream position, not its data) for a redrive.
        self.dlq = encrypted_queue(self, "AuditDLQ", storage)
        self.function = compute.function(
            "Audit",
            "audit",
            environment={"AUDIT_BUCKET_NAME": storage.audit.bucket_name},
            memory_mb=256,
            timeout=Duration.seconds(60),
        )
        storage.audit.grant_put(self.function, "audit/*")
        self.function.add_event_source(
            sources.DynamoEventSource(
                storage.table,
                starting_position=_lambda.StartingPosition.TRIM_HORIZON,
                batch_size=500,
                max_batching_window=Duration.seconds(5),
                bisect_batch_on_error=True,
                retry_attempts=10,
                on_failure=sources.SqsDlq(self.dlq),
                # Only new timeline items are activities; state items (META, stages) are not read at all.
                filters=[
                    _lambda.FilterCriteria.filter(
                        {
                            "eventName": _lambda.FilterRule.is_equal("INSERT"),
                            "dynamodb": {"Keys": {"SK": {"S": _lambda.FilterRule.begins_with("EVT#")}}},
                        }
                    )
                ],
            )
        )
