"""The embedded default: the whole synthesized stack on moto, in this process, with no AWS account.

`LocalStack` synthesizes the CDK app (cached by the infra sources' hash), provisions the template's buckets,
tables, queues, functions, notifications, state machine and user pool in an in-process moto server, runs the
real synthesized state-machine definition on moto's ASL engine, and dispatches every Lambda invocation to the
real handler in-process with that function's environment from the template.
"""

from local_runtime.stack import WITHOUT_LIVENESS_POLICY, LocalStack

__all__ = ["WITHOUT_LIVENESS_POLICY", "LocalStack"]
