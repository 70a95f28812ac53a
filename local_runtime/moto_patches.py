"""Where moto is slower or racier than AWS, made to behave like AWS for the local runtime.

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

And one race: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat look for the token's execution among
the RUNNING ones and dereference each one's worker environment, which is None for an execution that is
starting or has just ended: the call failed with a 500 (AttributeError) for every caller while any such
execution existed (10 times in 1,000 concurrent applications, absorbed by boto3's retries). Executions
without a worker cannot hold a task token, so they are skipped, and a token nobody waits for is answered
InvalidToken as in AWS.

Installed once per process by LocalStack.start; tests/unit/local_runtime/test_moto_patches.py checks that
queries answer the same with and without them.
"""

from __future__ import annotations

import inspect
import sys
import threading
from collections.abc import Callable
from typing import Any

_install_lock = threading.Lock()
_local = threading.local()
_undo: list[Callable[[], None]] = []  # non-empty while installed


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


def install() -> None:
    """Once per process (LocalStack.start); a second call does nothing."""
    with _install_lock:
        if not _undo:
            _speed_up_queries()
            _cache_engine_clients()
            _skip_executions_without_a_worker()


def uninstall() -> None:
    """Put moto back as it was (the speedups' own test compares both)."""
    with _install_lock:
        while _undo:
            _undo.pop()()
