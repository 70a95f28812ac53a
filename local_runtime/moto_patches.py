"""Every patch the local runtime makes to moto (and Powertools), in one place, behind a version guard.

They replace moto internals, so `install()` refuses a moto other than the one they were checked on
(`TESTED_MOTO_VERSIONS`, the pin in pyproject.toml): moving the pin means re-running
tests/unit/local_runtime/test_moto_patches.py and the integration tests, then adding the version.

Where moto runs no code of ours: `LambdaFunction._invoke_lambda` (moto would start a Docker container per
function) is routed to the dispatcher's callable (local_runtime.dispatch), which runs the real handler.

Where moto is slower or racier than AWS, made to behave like AWS for the local runtime.

Two costs that grow with the data, cut without changing any answer:

1. Every DynamoDB Query, on the table or on an index, starts from `Table.all_items()`: a list of every item
   of the table, sorted with a Python key function, then filtered to the partition. Locally that makes each
   Query O(n log n) in the table's size: at 40 applications it was a tenth of the run's Python time, and
   the load test slowed from 12 to 7 applications a minute by 500 as the table grew. Here a Query hands
   `all_items` the partition's own items (the table's: the hash-key bucket; an index's: the items whose
   index key attributes equal the condition's, as moto checks them next anyway), sorted the same way.
2. moto's Step Functions engine creates a new boto3 client for every Task state (a Lambda invoke, an SQS
   send): reading the service model each time, a twentieth of the run. Clients are cached per region,
   service and endpoint, as a long-lived engine would.

And one race, to report upstream (seen on moto 5.2.5, moto/stepfunctions/parser/models.py):
`StepFunctionsParserBackend.send_task_success` and `send_task_heartbeat` loop over
`self._get_executions(ExecutionStatus.RUNNING)` (`send_task_failure` over every execution) and call
`execution.exec_worker.env.callback_pool_manager.notify(...)` (`.heartbeat(...)`) on each. Neither
attribute is guaranteed: `start_execution` appends the `Execution` to `state_machine.executions` before
`execution.start()` sets `exec_worker` (None until then), and `ExecutionWorker.env` stays None until the
worker thread reaches `_execution_logic` (backend/execution_worker.py). So while any other execution is
starting, a SendTask* call for a perfectly valid token fails with `AttributeError: 'NoneType' object has
no attribute 'env'` (or `... 'callback_pool_manager'`), answered as a 500 to every caller; here 10 times in
1,000 concurrent applications, absorbed by boto3's retries. Reproduce: StartExecution in a loop on one
thread while another answers a waitForTaskToken task with SendTaskSuccess. Expected (AWS): the waiting
execution resumes; a token nobody waits for is InvalidToken. Fix: skip executions without a worker
environment, as below: they cannot hold a task token, and the loop's final `raise InvalidToken()` then
answers as AWS does.

And one atomicity gap: moto answers a DynamoDB request in plain Python with no lock: UpdateItem copies the
item, evaluates the ConditionExpression and writes, so two threads' conditional updates of one item can both
pass a condition only one of them may pass (seen: six of twenty parallel `attempts < 5` updates succeeded),
and a read that copies an item while another thread writes it fails with "dictionary changed size during
iteration" (HTTP 500). DynamoDB applies each conditional write atomically. Here each DynamoDB request is
answered under one lock (re-entrant, for a table stream's Lambda run inside a write), as AWS's per-item
serialisation guarantees; the counters, bookings and upload slots tested on moto then mean what they say.

And one Powertools reset: Lambda flushes metrics at the end of every invocation. With metrics disabled
(the demo) Powertools never clears its class-level metric set, which then prints itself when it reaches
100 values: `forget_unflushed_metrics` clears it as a flush would, after each in-process invocation.

Installed by LocalStack.start (the speedups once per process; the Lambda route each start, released at
stop); tests/unit/local_runtime/test_moto_patches.py checks that queries answer the same with and without
them, and the guard.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import sys
import threading
from collections.abc import Callable
from typing import Any

_install_lock = threading.Lock()
_local = threading.local()
_undo: list[Callable[[], None]] = []  # non-empty while installed
_release_lambda: list[Callable[[], None]] = []  # non-empty while Lambda invocations are routed

TESTED_MOTO_VERSIONS = frozenset({"5.2.5"})  # the pin in pyproject.toml; each patch checked on these

# (function name, event) -> (payload, function error?, logs): what moto's `_invoke_lambda` returns.
LambdaInvoker = Callable[[str, Any], tuple[str, bool, str]]


def installed_moto_version() -> str:
    return importlib.metadata.version("moto")


def check_moto_version() -> None:
    """Fail fast: a patch of moto internals on another version may silently do nothing or break moto."""
    installed = installed_moto_version()
    if installed not in TESTED_MOTO_VERSIONS:
        tested = ", ".join(sorted(TESTED_MOTO_VERSIONS))
        raise RuntimeError(
            f"local_runtime.moto_patches was tested on moto {tested}, but moto {installed} is installed. "
            "Install the pinned version (`make setup`), or check each patch in local_runtime/moto_patches.py "
            "against this version (tests/unit/local_runtime/test_moto_patches.py and the integration tests) "
            "and add it to TESTED_MOTO_VERSIONS and the pin in pyproject.toml."
        )


def forget_unflushed_metrics() -> None:
    """Clear Powertools' class-level metric set as Lambda's end-of-invocation flush would (metrics disabled)."""
    from aws_lambda_powertools import Metrics
    from aws_lambda_powertools.metrics.functions import is_metrics_disabled

    if is_metrics_disabled():
        Metrics._metrics.clear()


def _route_lambda_invocations(invoke: LambdaInvoker) -> None:
    from moto.awslambda.models import LambdaFunction

    original = LambdaFunction._invoke_lambda

    def _invoke_lambda(function: LambdaFunction, event: Any = None) -> tuple[str, bool, str]:
        return invoke(function.function_name, event)

    LambdaFunction._invoke_lambda = _invoke_lambda  # type: ignore[method-assign,assignment]

    def release() -> None:
        LambdaFunction._invoke_lambda = original  # type: ignore[method-assign]

    _release_lambda.append(release)


def _partition_items(table: Any, hash_key: Any, index_name: str | None, conditions: Any) -> list[Any] | None:
    """The items a Query can return before its range and filter conditions, or None to let moto look."""
    if not index_name:
        if hash_key is None:
            return None
        bucket = table.items.get(hash_key)
        if bucket is None:
            return []
        return list(bucket.values()) if table.range_key_attr else [bucket]
    if not conditions:
        return None
    wanted = list(conditions)
    found = []
    for bucket in table.items.values():
        for item in bucket.values() if table.range_key_attr else (bucket,):
            attrs = item.attrs
            if all(
                (found_value := attrs.get(name)) is not None and found_value == value
                for name, value in wanted
            ):
                found.append(item)
    return found


def _sort_like_all_items(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)


def _speed_up_queries() -> None:
    from moto.dynamodb.models.table import Table

    original_query = Table.query
    original_all_items = Table.all_items
    signature = inspect.signature(original_query)

    def query(self: Any, *args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(self, *args, **kwargs)
        candidates = _partition_items(
            self,
            bound.arguments.get("hash_key"),
            bound.arguments.get("index_name"),
            bound.arguments.get("hash_key_conditions"),
        )
        if candidates is None:
            return original_query(self, *args, **kwargs)
        _local.candidates = (self, candidates)
        try:
            return original_query(self, *args, **kwargs)
        finally:
            _local.candidates = None

    def all_items(self: Any) -> list[Any]:
        pending = getattr(_local, "candidates", None)
        if pending is not None and pending[0] is self:
            return _sort_like_all_items(pending[1])
        return original_all_items(self)

    Table.query = query  # type: ignore[method-assign]
    Table.all_items = all_items  # type: ignore[method-assign]

    def undo() -> None:
        Table.query = original_query  # type: ignore[method-assign]
        Table.all_items = original_all_items  # type: ignore[method-assign]

    _undo.append(undo)


def _cache_engine_clients() -> None:
    from moto.core.models import botocore_stubber
    from moto.settings import moto_server_port
    from moto.stepfunctions.parser.asl.utils import boto_client

    original: Callable[..., Any] = boto_client.boto_client_for
    clients: dict[tuple[str, str, bool, int], Any] = {}
    lock = threading.Lock()

    def boto_client_for(region: str, service: str, state_credentials: Any = None) -> Any:
        if state_credentials is not None:  # a state that assumes a role gets its own client
            return original(region, service, state_credentials)
        key = (region, service, bool(botocore_stubber.enabled), int(moto_server_port()))
        with lock:  # creating clients from the default session is not thread-safe; using them is
            if key not in clients:
                clients[key] = original(region, service)
            return clients[key]

    # Modules of the engine import the function by name: replace it in those already loaded and at its
    # source for those loaded later.
    patched = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("moto.stepfunctions.parser")
        and getattr(module, "boto_client_for", None) is original
    ]
    for module in patched:
        module.boto_client_for = boto_client_for  # type: ignore[attr-defined]

    def undo() -> None:
        for module in [
            *patched,
            *(m for n, m in list(sys.modules.items()) if n.startswith("moto.stepfunctions")),
        ]:
            if getattr(module, "boto_client_for", None) is boto_client_for:
                module.boto_client_for = original  # type: ignore[attr-defined]

    _undo.append(undo)


def _skip_executions_without_a_worker() -> None:
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    original = StepFunctionsParserBackend._get_executions

    def _get_executions(self: Any, execution_status: Any = None) -> list[Any]:
        return [
            e
            for e in original(self, execution_status)
            if getattr(getattr(e, "exec_worker", None), "env", None) is not None
        ]

    StepFunctionsParserBackend._get_executions = _get_executions  # type: ignore[method-assign]

    def undo() -> None:
        StepFunctionsParserBackend._get_executions = original  # type: ignore[method-assign]

    _undo.append(undo)


def _serialize_dynamodb_requests() -> None:
    from moto.dynamodb.responses import DynamoHandler

    lock = threading.RLock()  # re-entrant: a stream's Lambda, run inside a write, may call DynamoDB again
    original = DynamoHandler.call_action

    def call_action(self: Any) -> Any:
        with lock:
            return original(self)

    DynamoHandler.call_action = call_action  # type: ignore[method-assign]

    def undo() -> None:
        DynamoHandler.call_action = original  # type: ignore[method-assign]

    _undo.append(undo)


def install(invoke: LambdaInvoker | None = None) -> None:
    """Check moto's version; the speedups and the race fix once per process (a second call keeps them);
    with `invoke`, every Lambda invocation moto receives goes to it until `release_lambda_invocations`."""
    check_moto_version()
    with _install_lock:
        if not _undo:
            _speed_up_queries()
            _cache_engine_clients()
            _skip_executions_without_a_worker()
            _serialize_dynamodb_requests()
        if invoke is not None:
            _release_lambda_locked()
            _route_lambda_invocations(invoke)


def _release_lambda_locked() -> None:
    while _release_lambda:
        _release_lambda.pop()()


def release_lambda_invocations() -> None:
    """moto's own `_invoke_lambda` again (LocalStack.stop); the speedups stay."""
    with _install_lock:
        _release_lambda_locked()


def uninstall() -> None:
    """Put moto back as it was (the speedups' own test compares both)."""
    with _install_lock:
        _release_lambda_locked()
        while _undo:
            _undo.pop()()
