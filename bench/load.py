"""Load test on the local stack (issue 8): N applications submitted at once, every one to the end of the automated
pipeline, then an inventory of the whole stack to prove that none was lost or duplicated.

    .venv/bin/python -m bench.load [--applications 1000] [--concurrency 8] [--out bench-results]
                                   [--local-runtime-as-is]

`make load` runs 1,000 applications; the `make bench` stage runs 30 (4 with --quick): on 2 cores each
application costs about 4.9 s of CPU (moto's emulation of DynamoDB, Step Functions and HTTP is half of it,
Tesseract a third), so 1,000 take about 51 minutes (19.7 a minute, measured), past the bench's 15 minutes.

One LocalStack (moto in this process, the real handlers, the synthesized state machines), the registry seeded
with synthetic residents, then a pool of `concurrency` resident threads: each takes the next applicant,
registers (POST /applications with an Idempotency-Key), uploads every required document through its presigned
POST (the same photos, KK and akta as bench/chain.py: every photo check, OCR page, face 1:1 and 1:N search
runs), waits for the checks like the web client does, and submits. The main thread waits until every
accepted application has reached the end of the automated pipeline: ISSUED, REJECTED (both final), IN_REVIEW
(parked for an officer) or PROCESSING_ERROR (a system fault, for an operator). APPROVED is on its way to
ISSUED and is waited through. One application before the clock starts warms every handler (imports, models,
region tables); it is verified with the others, not timed.

Then the inventory (a table scan, every execution of both state machines, every queue's counters) is checked
against what the residents' clients saw (`verify`, pure, unit-tested): no accepted application missing or
short of an end status, exactly one application per resident, exactly one document record per upload, exactly
one chain execution per submit attempt, nothing in a dead-letter queue or still queued, no execution failed
or still running (except a chain waiting on its officer's task token), no processing error, no client error.
A failed check fails the stage, after the figures are written.

Figures: wall time from the first registration to the last application at its end status, applications per
minute, p50/p95/max of submit-to-end (the end status's timeline event minus the client's submit time) and of
register-to-end, counts per end status with the reasons behind the reviews, and the CPU spent per
application (this process's threads plus the Tesseract subprocesses) with the machine's load average.

Two gaps of the local runtime are closed for the run, as AWS behaves (`isolated_transactions`,
`one_invocation_per_environment`; --local-runtime-as-is runs without them): without them concurrent writes
vanish and face embeddings come out wrong, which the checks report, but which cannot happen in AWS.

Every applicant shares one face (the public test photos hold one person with several pictures), so the
batched 1:N search finds each application's face in the others' and parks it for review: the realistic
outcome for that input, and every check still runs on every application.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench.chain import DOC_TYPES, _applicants, _documents, _step_of
from bench.harness import ROOT, percentile, summarize

# The end of the automated pipeline: final statuses (domain/status.py FINAL), the officer's queue, the
# operator's. Literal (this module imports nothing of ektp at import time); a unit test checks them.
FINAL_STATUSES = frozenset({"ISSUED", "REJECTED"})
WAITING_FOR_OFFICER = "IN_REVIEW"
PROCESSING_ERROR = "PROCESSING_ERROR"
END_STATUSES = FINAL_STATUSES | {WAITING_FOR_OFFICER, PROCESSING_ERROR}
FAILED_EXECUTION = frozenset({"FAILED", "TIMED_OUT", "ABORTED"})
CHECKED = frozenset({"ACCEPTED", "REJECTED"})
EXAMPLES = 5  # ids shown per failing check


# --- what the clients saw and what the stack holds -------------------------------------------------------
@dataclass
class Submission:
    """One resident's client: what the API accepted and when."""

    resident: str  # the identity provider's subject (the application's owner)
    registration_number: str | None = None
    uploads: list[tuple[str, str]] = field(default_factory=list)  # (document type, upload id) S3 took
    submits: int = 0  # submit requests the API answered 200
    registered_at: float | None = None  # epoch seconds, before POST /applications
    submitted_at: float | None = None  # epoch seconds, before POST .../submit
    error: str | None = None


@dataclass
class Inventory:
    """Everything the stack holds after the run, read with the harness's own clients."""

    applications: list[dict[str, Any]]  # every META item: id, owner, status, attempt, codes
    documents: list[tuple[str, str, str]]  # every DOC item: (application, document type, upload id)
    end_times: dict[str, float]  # application -> epoch of its first end-status timeline event
    executions: list[tuple[str, str]]  # every chain execution: (name, status)
    sweeps: list[tuple[str, str]]  # every 1:N sweep execution: (name, status)
    dead_letters: dict[str, int]  # dead-letter queue -> messages in it
    queued: dict[str, int]  # every other queue -> messages waiting or in flight


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _examples(items: Iterable[Any]) -> str:
    ordered = sorted(str(i) for i in items)
    more = f" (+{len(ordered) - EXAMPLES} more)" if len(ordered) > EXAMPLES else ""
    return ", ".join(ordered[:EXAMPLES]) + more


def _verdict(name: str, problems: Mapping[str, Sequence[Any]], fine: str) -> Check:
    bad = {label: items for label, items in problems.items() if items}
    if not bad:
        return Check(name, True, fine)
    return Check(
        name, False, "; ".join(f"{len(items)} {label}: {_examples(items)}" for label, items in bad.items())
    )


def _one_to_one(
    name: str,
    expected: Counter[Any],
    found: Counter[Any],
    labels: tuple[str, str, str],
    more: Mapping[str, Sequence[Any]],
    nouns: tuple[str, str],
) -> Check:
    """Exactly one found item per expected one: (missing, unexpected, found twice) labelled, plus `more`."""
    missing, unexpected, twice = labels
    problems = {
        missing: [k for k in expected if k not in found],
        unexpected: [k for k in found if k not in expected],
        twice: [k for k, n in found.items() if n > 1],
        **more,
    }
    return _verdict(
        name, problems, f"{sum(found.values())} {nouns[0]} for {sum(expected.values())} {nouns[1]}"
    )


def execution_name(application_id: str, attempt: int) -> str:
    """The chain's execution name (services/applications.py): one per application and attempt."""
    return f"{application_id}-a{attempt}"


def verify(submissions: Sequence[Submission], inventory: Inventory) -> list[Check]:
    """Every check of the load test, from what the clients saw and what the stack holds. Pure."""
    accepted = {s.registration_number: s for s in submissions if s.registration_number}
    metas = Counter(a["id"] for a in inventory.applications)
    by_id = {a["id"]: a for a in inventory.applications}
    status = {app: a["status"] for app, a in by_id.items()}
    checks = [
        _verdict(
            "every resident's client finished",
            {"client errors": [f"{s.resident}: {s.error}" for s in submissions if s.error]},
            f"{len(submissions)} residents registered, uploaded and submitted",
        ),
        _verdict(
            "no application lost",
            {
                "accepted but not in the table": [a for a in accepted if a not in metas],
                "not at an end status": [
                    f"{a} {status[a]}" for a in accepted if a in status and status[a] not in END_STATUSES
                ],
                "submitted, no end-status event": [
                    a
                    for a, s in accepted.items()
                    if s.submits and status.get(a) in END_STATUSES and a not in inventory.end_times
                ],
            },
            f"{len(accepted)} accepted, all in the table at an end status",
        ),
    ]
    owners = Counter(a["owner"] for a in inventory.applications)
    residents = {s.resident for s in submissions}
    checks.append(
        _verdict(
            "no application duplicated",
            {
                "ids with more than one record": [a for a, n in metas.items() if n > 1],
                "residents with more than one application": [o for o, n in owners.items() if n > 1],
                "applications no client was given": [a for a in metas if a not in accepted],
                "applications of no resident of the run": [
                    a["id"] for a in inventory.applications if a["owner"] not in residents
                ],
            },
            f"one record per resident ({len(metas)} applications)",
        )
    )
    uploads = Counter((app, doc, upload) for app, s in accepted.items() for doc, upload in s.uploads)
    checks.append(
        _one_to_one(
            "one document record per upload",
            uploads,
            Counter(inventory.documents),
            ("uploads without a record", "records without an upload", "uploads recorded more than once"),
            {"uploads made twice": [u for u, n in uploads.items() if n > 1]},
            ("records", "uploads"),
        )
    )
    attempts = Counter(
        execution_name(app, attempt)
        for app, s in accepted.items()
        if s.submits
        for attempt in range(1, int(by_id.get(app, {}).get("attempt") or 0) + 1)
    )
    checks.append(
        _one_to_one(
            "one chain execution per submit attempt",
            attempts,
            Counter(name for name, _ in inventory.executions),
            (
                "submit attempts without an execution",
                "executions without a submit attempt",
                "executions started twice",
            ),
            {
                "applications whose attempts differ from their submits": [
                    f"{app} attempt {by_id[app].get('attempt')}, {s.submits} submits"
                    for app, s in accepted.items()
                    if app in by_id and int(by_id[app].get("attempt") or 0) != s.submits
                ]
            },
            ("executions", "submit attempts"),
        )
    )
    checks.append(
        _verdict(
            "no dead letters",
            {"in a dead-letter queue": [f"{q}: {n}" for q, n in inventory.dead_letters.items() if n]},
            f"{len(inventory.dead_letters)} dead-letter queues empty",
        )
    )
    checks.append(
        _verdict(
            "every queue drained",
            {"messages left": [f"{q}: {n}" for q, n in inventory.queued.items() if n]},
            f"{len(inventory.queued)} queues empty",
        )
    )
    app_of = {name: name.rsplit("-a", 1)[0] for name, _ in inventory.executions}
    running = [n for n, s in inventory.executions if s == "RUNNING"]
    checks.append(
        _verdict(
            "no execution failed or still running",
            {
                "chain executions failed": [
                    f"{n} {s}" for n, s in inventory.executions if s in FAILED_EXECUTION
                ],
                "chain executions running, not waiting for an officer": [
                    n for n in running if status.get(app_of[n]) != WAITING_FOR_OFFICER
                ],
                "sweeps failed or running": [
                    f"{n} {s}" for n, s in inventory.sweeps if s in FAILED_EXECUTION or s == "RUNNING"
                ],
            },
            f"{len(running)} chains waiting for an officer, the rest succeeded; "
            f"{len(inventory.sweeps)} sweeps succeeded",
        )
    )
    checks.append(
        _verdict(
            "no processing error",
            {"applications in PROCESSING_ERROR": [a for a in accepted if status.get(a) == PROCESSING_ERROR]},
            "none",
        )
    )
    return checks


# --- the emulator ----------------------------------------------------------------------------------------
@contextmanager
def isolated_transactions() -> Iterator[None]:
    """Make moto's DynamoDB TransactWriteItems isolated and cheap, as DynamoDB's are, while the load runs.

    moto 5.2 snapshots every table a transaction names with `copy.deepcopy` of the whole table before it
    starts, and on any failed condition puts the snapshot back in place of the table. Under concurrency that
    (1) erases every item other clients wrote while the transaction ran: acknowledged writes vanish (on 3,000
    items, 3 threads of failing transactions erased 76 of 300 puts that had answered 200), (2) fails
    with "dictionary changed size during iteration" (HTTP 500) when a write lands during the copy, and (3)
    costs O(table) per transaction: a quarter of the CPU at 10 applications, quadratic in the run's size.
    Here a transaction holds a lock on each item it names (other items' transactions go on) and a failed
    one restores only those items. Nothing of the system under test changes; the same fix belongs in
    local_runtime (it is reported, not made there).
    """
    import copy
    import types

    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    original = models.DynamoDBBackend.transact_write_items
    real_copy = models.copy  # type: ignore[attr-defined]
    locks: dict[tuple[str, Any, Any], threading.Lock] = {}
    locks_lock = threading.Lock()
    local = threading.local()

    def deepcopy(value: Any, memo: Any = None) -> Any:
        if getattr(local, "inside", False) and isinstance(value, Table):
            return value  # the rollback below restores the items, not the table
        return copy.deepcopy(value, memo)

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        targets = [t for entry in transact_items if (t := _target(self, entry)) is not None]
        with locks_lock:  # one lock per item, taken in one order: transactions on other items go on
            held = [
                locks.setdefault((t.name, h, r), threading.Lock())
                for t, h, r in sorted(set(targets), key=lambda k: (k[0].name, str(k[1]), str(k[2])))
            ]
        for lock in held:
            lock.acquire()
        try:
            saved = [(t, h, r, copy.deepcopy(t.get_item(h, r))) for t, h, r in targets]
            local.inside = True
            try:
                original(self, transact_items)
            except Exception:
                for table, hash_key, range_key, item in reversed(saved):
                    _put_back(table, hash_key, range_key, item)
                raise
            finally:
                local.inside = False
        finally:
            for lock in reversed(held):
                lock.release()

    models.copy = types.SimpleNamespace(deepcopy=deepcopy, copy=copy.copy)  # type: ignore[attr-defined,assignment]
    models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    try:
        yield
    finally:
        models.DynamoDBBackend.transact_write_items = original  # type: ignore[method-assign]
        models.copy = real_copy  # type: ignore[attr-defined]


# What shares native models that are not thread-safe: OpenCV's CascadeClassifier (every photo check:
# concurrent detectMultiScale calls raise cv2.error or return wrong boxes) and dlib's shape predictor and
# ResNet (the match_faces step: concurrent calls return embeddings 0.65-0.77 away from the true one, past
# the match threshold, or crash the process). Function folder -> its steps that use them (None: every one).
NOT_THREAD_SAFE: dict[str, frozenset[str] | None] = {
    "photo_check": None,
    "biometrics": frozenset({"match_faces"}),
}


@contextmanager
def one_invocation_per_environment(
    stack: Any, unsafe: Mapping[str, frozenset[str] | None] = NOT_THREAD_SAFE
) -> Iterator[None]:
    """Run at most one invocation at a time of what `unsafe` names, as Lambda runs one invocation at a time
    in each execution environment. The local dispatcher runs every invocation in a thread against one copy
    of each module, so without this the load test would measure corrupted embeddings and crashes that cannot
    happen in Lambda. Only those invocations queue: a lock held by a whole function (the sweep's steps too)
    queued them past their tasks' timeouts and the 1:N lane stalled."""
    dispatcher = stack.dispatcher
    original = dispatcher.invoke
    locks: dict[str, tuple[threading.Lock, frozenset[str] | None]] = {}
    for spec in stack.resources.functions.values():
        folder = spec.source.rstrip("/").rsplit("/", 1)[-1]
        if folder in unsafe:
            locks[spec.name] = (threading.Lock(), unsafe[folder])

    def invoke(name: str, event: Any) -> Any:
        lock, steps = locks.get(name, (None, None))
        if lock is None or (steps is not None and _step_of(event) not in steps):
            return original(name, event)
        with lock:
            return original(name, event)

    dispatcher.invoke = invoke
    try:
        yield
    finally:
        dispatcher.invoke = original


def _target(backend: Any, entry: dict[str, Any]) -> tuple[Any, Any, Any] | None:
    """(table, hash key, range key) of the item one transaction entry names, or None if malformed."""
    op = next(iter(entry.values()))
    try:
        table = backend.get_table(op["TableName"])
        key = op.get("Key") or {a: op["Item"][a] for a in (table.hash_key_attr, table.range_key_attr) if a}
        hash_key, range_key = backend.get_keys_value(table, key)
    except Exception:  # the original call reports it
        return None
    return table, hash_key, range_key


def _put_back(table: Any, hash_key: Any, range_key: Any, item: Any) -> None:
    """Restore one item of a moto table as it was (None: absent) without a stream record."""
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
    elif item is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = item


# --- the run -------------------------------------------------------------------------------------------------
class _Clock:
    """The figures' epoch clock and the run's CPU (this process's threads and its waited-for children)."""

    def __init__(self) -> None:
        self.wall = time.time()
        self.cpu = os.times()

    def cpu_since(self) -> dict[str, float]:
        now = os.times()
        return {
            "process_s": round((now.user + now.system) - (self.cpu.user + self.cpu.system), 1),
            "subprocesses_s": round(
                (now.children_user + now.children_system)
                - (self.cpu.children_user + self.cpu.children_system),
                1,
            ),
        }


class _Phases:
    """Each phase's duration, printed as it ends (the stage's log shows where a slow run spent its time)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._last, 1)
        self._last = now
        print(f"[load] {name}: {self.seconds[name]} s (load average {os.getloadavg()[0]:.1f})", flush=True)


_SIGN_IN = threading.Lock()  # LocalStack.user makes boto3 clients from the default session: not thread-safe


def _apply(
    stack: Any, username: str, family: Any, person: Any, docs: dict[str, tuple[bytes, str]], key: str
) -> Submission:
    """One resident's client: sign in (ID tokens last an hour: a long run signs each resident in when their
    turn comes), register, upload every document, wait for the checks, submit."""
    from local_runtime.demo import application_body

    submission = Submission(resident=username)
    try:
        with _SIGN_IN:
            user = stack.user(username)
        submission.resident = user.sub
        submission.registered_at = time.time()
        created = stack.call(
            "POST", "/applications", user, application_body(family, person), **{"idempotency-key": key}
        )
        if created.status != 201:
            raise RuntimeError(f"register answered {created.status}: {created.body[:200]}")
        app_id = created.json()["registration_number"]
        submission.registration_number = app_id
        for doc_type in DOC_TYPES:
            data, content_type = docs[doc_type]
            ticket = stack.call(
                "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
            )
            if ticket.status != 201:
                raise RuntimeError(f"{doc_type} ticket answered {ticket.status}: {ticket.body[:200]}")
            grant = ticket.json()
            response = stack.upload(grant, data)
            if response.status_code not in (200, 204):
                raise RuntimeError(
                    f"{doc_type} upload answered {response.status_code}: {response.text[:200]}"
                )
            submission.uploads.append((doc_type, grant["upload_id"]))
        _wait_checked(stack, user, app_id)
        submission.submitted_at = time.time()
        submitted = stack.call("POST", f"/applications/{app_id}/submit", user)
        if submitted.status != 200:
            raise RuntimeError(f"submit answered {submitted.status}: {submitted.body[:200]}")
        submission.submits += 1
    except Exception as exc:  # the resident's failure is a finding, reported by the checks
        submission.error = f"{type(exc).__name__}: {str(exc)[:300]}"
    return submission


def _wait_checked(stack: Any, user: Any, app_id: str, timeout: float = 300.0) -> None:
    """Poll the application as the web client does until every document is checked; all must pass."""
    deadline = time.monotonic() + timeout
    while True:
        detail = stack.call("GET", f"/applications/{app_id}", user)
        if detail.status != 200:
            raise RuntimeError(f"status answered {detail.status}: {detail.body[:200]}")
        documents = {d["document_type"]: d for d in detail.json()["documents"]}
        states = {doc: (documents.get(doc) or {}).get("status") for doc in DOC_TYPES}
        if all(s in CHECKED for s in states.values()):
            rejected = {
                doc: [r.get("code") for r in documents[doc].get("reasons") or []]
                for doc, s in states.items()
                if s != "ACCEPTED"
            }
            if rejected:
                raise RuntimeError(f"documents rejected: {rejected} (the inputs should all pass)")
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"documents not checked after {timeout:.0f} s: {states}")
        time.sleep(0.5)


def _statuses(ddb: Any, table: str, ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(ids), 100):
        keys = [{"PK": {"S": f"APP#{a}"}, "SK": {"S": "META"}} for a in ids[start : start + 100]]
        request: dict[str, Any] = {
            table: {
                "Keys": keys,
                "ConsistentRead": True,
                "ProjectionExpression": "PK, #s",
                "ExpressionAttributeNames": {"#s": "status"},
            }
        }
        while request:
            response = ddb.batch_get_item(RequestItems=request)
            for item in response["Responses"].get(table, []):
                found[item["PK"]["S"][4:]] = item["status"]["S"]
            request = response.get("UnprocessedKeys") or {}
    return found


def _wait_for_end(stack: Any, submissions: list[Submission], timeout: float) -> None:
    """Until every submitted application is at an end status and no chain runs but those waiting for an officer."""
    ddb = stack.client("dynamodb")
    deadline = time.monotonic() + timeout
    done: set[str] = set()
    while time.monotonic() < deadline:
        waiting = [
            s.registration_number for s in submissions if s.submits and s.registration_number not in done
        ]
        statuses = _statuses(ddb, stack.table_name, [w for w in waiting if w])
        done |= {app for app, status in statuses.items() if status in END_STATUSES}
        if all(s.registration_number in done for s in submissions if s.submits):
            in_review = {
                app
                for app, status in _statuses(ddb, stack.table_name, sorted(done)).items()
                if status == WAITING_FOR_OFFICER
            }
            running = _list_executions(stack.client("stepfunctions"), stack.state_machine_arn, "RUNNING")
            sweeps = _list_executions(stack.client("stepfunctions"), stack.sweep_state_machine_arn, "RUNNING")
            if not sweeps and all(name.rsplit("-a", 1)[0] in in_review for name, _ in running):
                return
        time.sleep(1.0)
    # The checks report what is missing; waiting longer would only hide it.


def _list_executions(sfn: Any, arn: str, status: str | None = None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    kwargs: dict[str, Any] = {"stateMachineArn": arn, "maxResults": 1000}
    if status:
        kwargs["statusFilter"] = status
    while True:
        page = sfn.list_executions(**kwargs)
        out += [(e["name"], e["status"]) for e in page["executions"]]
        if not page.get("nextToken"):
            return out
        kwargs["nextToken"] = page["nextToken"]


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def take_inventory(stack: Any) -> Inventory:
    """Scan the applications table (the harness may; the system never does), list every execution, count every
    queue's messages."""
    ddb = stack.client("dynamodb")
    applications: list[dict[str, Any]] = []
    documents: list[tuple[str, str, str]] = []
    end_times: dict[str, float] = {}
    kwargs: dict[str, Any] = {
        "TableName": stack.table_name,
        "ConsistentRead": True,
        "ProjectionExpression": "PK, SK, #o, #s, attempt, reasons, warnings",
        "ExpressionAttributeNames": {"#o": "owner", "#s": "status"},
    }
    while True:
        page = ddb.scan(**kwargs)
        for item in page["Items"]:
            pk, sk = item["PK"]["S"], item["SK"]["S"]
            if not pk.startswith("APP#"):
                continue
            app = pk[4:]
            if sk == "META":
                codes = [
                    r["M"]["code"]["S"]
                    for kind in ("reasons", "warnings")
                    for r in item.get(kind, {}).get("L", [])
                    if "code" in r.get("M", {})
                ]
                applications.append(
                    {
                        "id": app,
                        "owner": item.get("owner", {}).get("S", ""),
                        "status": item.get("status", {}).get("S", ""),
                        "attempt": int(item.get("attempt", {}).get("N", "0")),
                        "codes": codes,
                    }
                )
            elif sk.startswith("DOC#"):
                _, doc_type, upload_id = sk.split("#", 2)
                documents.append((app, doc_type, upload_id))
            elif sk.startswith("EVT#") and item.get("status", {}).get("S") in END_STATUSES:
                at = _epoch(sk.split("#")[1])
                end_times[app] = min(at, end_times.get(app, at))
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    sfn = stack.client("stepfunctions")
    sqs = stack.client("sqs")
    redrive_targets: set[str] = set()
    counts: dict[str, int] = {}
    for logical, url in stack.resources.queues.items():
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        counts[logical] = sum(
            int(attributes.get(a, 0))
            for a in (
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            )
        )
        if "RedrivePolicy" in attributes:
            redrive_targets.add(
                json.loads(attributes["RedrivePolicy"])["deadLetterTargetArn"].rsplit(":", 1)[-1]
            )
    dead = {
        q
        for q, url in stack.resources.queues.items()
        if "DLQ" in q or url.rsplit("/", 1)[-1] in redrive_targets
    }
    return Inventory(
        applications=applications,
        documents=documents,
        end_times=end_times,
        executions=_list_executions(sfn, stack.state_machine_arn),
        sweeps=_list_executions(sfn, stack.sweep_state_machine_arn),
        dead_letters={q: n for q, n in counts.items() if q in dead},
        queued={q: n for q, n in counts.items() if q not in dead},
    )


_PICTURES: dict[str, bytes] = {}


def _share_pictures(pictures: dict[str, bytes]) -> None:
    _PICTURES.update(pictures)


def _render(applicant: tuple[Any, Any]) -> dict[str, tuple[bytes, str]]:
    return _documents(*applicant, _PICTURES)


def render_documents(
    applicants: list[tuple[Any, Any]], pictures: dict[str, bytes]
) -> list[dict[str, tuple[bytes, str]]]:
    """Every applicant's uploads (bench/chain.py's documents), on every core: PNG encoding of the KK and akta
    scans takes ~0.2 s each. Run before the stack starts: forking a process with moto's threads is unsafe."""
    from concurrent.futures import ProcessPoolExecutor

    _share_pictures(pictures)
    if len(applicants) < 50:
        return [_render(a) for a in applicants]
    with ProcessPoolExecutor(
        max_workers=len(os.sched_getaffinity(0)), initializer=_share_pictures, initargs=(pictures,)
    ) as pool:
        return list(pool.map(_render, applicants, chunksize=16))


def run_load(
    applications: int, concurrency: int, *, runtime_as_is: bool = False, timeout_s: float = 3600.0
) -> dict[str, Any]:
    """The whole load test. `runtime_as_is` runs the local runtime without the two fidelity fixes
    (isolated_transactions, one_invocation_per_environment): to reproduce what they fix."""
    with nullcontext() if runtime_as_is else isolated_transactions():
        result = _run_load(applications, concurrency, timeout_s, fidelity=not runtime_as_is)
    return {
        **result,
        "local_runtime": "as shipped"
        if runtime_as_is
        else "moto transactions isolated per item; photo checks and match_faces one invocation at a time",
    }


def _run_load(applications: int, concurrency: int, timeout_s: float, *, fidelity: bool) -> dict[str, Any]:
    from local_runtime.stack import WITHOUT_LIVENESS_POLICY, LocalStack
    from tests.support import photo_defects as photos
    from tools.synthetic.registry import registry_people
    from tools.synthetic.residents import generate_families

    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    started = time.perf_counter()
    phases = _Phases()
    stack_fixes = ExitStack()
    # About one family in four has an unmarried member aged 17 to 30: a first-card applicant.
    families = generate_families(max(300, applications * 4 + 200), seed=2026)
    applicants = _applicants(families, applications + 1, date.today())
    pictures = {
        "red": photos.jpeg(photos.good_id_photo("obama", "red")),
        "blue": photos.jpeg(photos.good_id_photo("obama", "blue")),
        "selfie": photos.jpeg(photos.good_selfie("obama2")),
    }
    # The residents' own work (scanning their documents, signing in) is done before the clock starts.
    docs = render_documents(applicants, pictures)
    phases.done(f"{len(applicants)} applicants and their documents")
    stack = LocalStack(WITHOUT_LIVENESS_POLICY).start()
    try:
        if fidelity:
            stack_fixes.enter_context(one_invocation_per_environment(stack))
        seeded = stack.seed_registry(registry_people(families))
        phases.done(f"stack started, registry seeded with {seeded:,} residents")
        # One application warms every handler (imports, models, region tables): verified, not timed.
        warm = _apply(stack, "warga-load-0", *applicants[0], docs[0], "load-0")
        _wait_for_end(stack, [warm], timeout=300)
        phases.done("warm-up application")
        prepared_s = time.perf_counter() - started
        stack.dispatcher.invocations.clear()
        clock = _Clock()
        load_avg_before = os.getloadavg()
        with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="resident") as pool:
            futures = [
                pool.submit(_apply, stack, f"warga-load-{i}", *applicants[i], docs[i], f"load-{i}")
                for i in range(1, len(applicants))
            ]
            submissions = []
            for future in futures:
                submissions.append(future.result())
                if len(submissions) % max(10, len(futures) // 10) == 0:
                    print(
                        f"[load]   {len(submissions)} submitted (load average {os.getloadavg()[0]:.1f})",
                        flush=True,
                    )
        phases.done(f"{len(submissions)} applications submitted by {concurrency} residents at once")
        _wait_for_end(stack, submissions, timeout=timeout_s)
        phases.done("every application at its end status")
        cpu = clock.cpu_since()
        load_avg_after = os.getloadavg()
        inventory = take_inventory(stack)
        phases.done("inventory")
        failures = Counter(f"{i.function}: {i.error}" for i in stack.dispatcher.invocations if not i.ok)
        checks = verify([warm, *submissions], inventory)
        return _figures(
            submissions,
            inventory,
            checks,
            clock,
            cpu,
            concurrency=concurrency,
            extra={
                "registry_people": seeded,
                "setup_s": round(prepared_s, 1),
                "phases_s": phases.seconds,
                "load_average": {
                    "before": [round(x, 2) for x in load_avg_before],
                    "after": [round(x, 2) for x in load_avg_after],
                },
                "function_errors": dict(failures),
                "warm_up": {"registration_number": warm.registration_number, "error": warm.error},
            },
        )
    finally:
        stack_fixes.close()
        stack.stop()


def _figures(
    submissions: list[Submission],
    inventory: Inventory,
    checks: list[Check],
    clock: _Clock,
    cpu: dict[str, float],
    *,
    concurrency: int,
    extra: dict[str, Any],
) -> dict[str, Any]:
    by_id = {a["id"]: a for a in inventory.applications}
    ours = [s for s in submissions if s.registration_number in by_id]
    ends = {
        s.registration_number: inventory.end_times[s.registration_number]
        for s in ours
        if s.registration_number in inventory.end_times
    }
    submit_to_end = [
        ends[s.registration_number] - s.submitted_at
        for s in ours
        if s.submitted_at and s.registration_number in ends
    ]
    register_to_end = [
        ends[s.registration_number] - s.registered_at
        for s in ours
        if s.registered_at and s.registration_number in ends
    ]
    last = max(ends.values(), default=time.time())
    wall = max(1e-9, last - clock.wall)
    n = len(submissions)
    statuses = Counter(by_id[s.registration_number]["status"] for s in ours)
    reasons = Counter(code for s in ours for code in set(by_id[s.registration_number]["codes"]))
    cpu_total = cpu["process_s"] + cpu["subprocesses_s"]
    cores = len(os.sched_getaffinity(0))
    return {
        "applications": n,
        "concurrency": concurrency,
        "cores": cores,
        "wall_s": round(wall, 1),
        "applications_per_minute": round(len(ends) / wall * 60, 1),
        "submit_to_end_s": _latency(submit_to_end),
        "register_to_end_s": _latency(register_to_end),
        "statuses": dict(statuses.most_common()),
        "reason_codes": dict(reasons.most_common()),
        "cpu_s": cpu,
        "cpu_s_per_application": round(cpu_total / max(1, n), 2),
        "cpu_utilisation": round(cpu_total / (wall * cores), 2),
        "checks": [asdict(c) for c in checks],
        "ok": all(c.ok for c in checks),
        **extra,
    }


def _latency(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {**summarize(values, digits=2), "p50": round(percentile(values, 50), 2)}


def markdown(result: Mapping[str, Any]) -> str:
    """The load test's own report (the figures, the statuses, the checks)."""
    lat = result.get("submit_to_end_s") or {}
    e2e = result.get("register_to_end_s") or {}
    lines = [
        f"# Load test: {result['applications']} applications, {result['concurrency']} residents at once",
        "",
        f"{result['cores']} cores; load average before {result['load_average']['before']}, after {result['load_average']['after']}.",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| wall time, first registration to last end status | {result['wall_s']} s |",
        f"| throughput | {result['applications_per_minute']} applications/min |",
        f"| submit to end status: p50 / p95 / max | {lat.get('p50')} / {lat.get('p95')} / {lat.get('max')} s |",
        f"| register to end status: p50 / p95 / max | {e2e.get('p50')} / {e2e.get('p95')} / {e2e.get('max')} s |",
        f"| CPU per application (threads + Tesseract) | {result['cpu_s_per_application']} s |",
        f"| CPU used of the cores | {round(100 * result['cpu_utilisation'])}% |",
        "",
        "| end status | applications |",
        "| --- | ---: |",
        *[f"| {status} | {count} |" for status, count in result["statuses"].items()],
        "",
        f"Reasons on the records: {', '.join(f'{c} {n}' for c, n in result['reason_codes'].items()) or 'none'}.",
        f"Function errors: {', '.join(f'{c} x{n}' for c, n in result['function_errors'].items()) or 'none'}.",
        "",
        "| check | outcome |",
        "| --- | --- |",
        *[f"| {c['name']} | {'ok' if c['ok'] else 'FAILED'}: {c['detail']} |" for c in result["checks"]],
    ]
    return "\n".join(lines) + "\n"


class LoadCheckFailed(RuntimeError):
    pass


def _out_dir() -> Path:
    partial = os.environ.get("BENCH_PARTIAL")  # set by the bench runner: <out>/logs/partial.json
    return Path(partial).parents[1] if partial else ROOT / "bench-results"


def _write(result: dict[str, Any], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"load-{result['applications']}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2))
    stem.with_suffix(".md").write_text(markdown(result))
    return stem.with_suffix(".md")


def run(quick: bool = False) -> dict[str, Any]:
    """The `make bench` stage: a small load (the 1,000-application run is `make load`)."""
    result = run_load(applications=4 if quick else 30, concurrency=4 if quick else 8)
    report = _write(result, _out_dir())
    print(markdown(result), flush=True)
    if not result["ok"]:
        failed = "; ".join(f"{c['name']}: {c['detail']}" for c in result["checks"] if not c["ok"])
        raise LoadCheckFailed(f"{failed} (figures in {report})")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8, help="residents at work at once")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument(
        "--local-runtime-as-is",
        action="store_true",
        help="without the harness's two fidelity fixes (moto transactions, one invocation per environment)",
    )
    args = parser.parse_args(argv)
    faulthandler.enable()  # a native crash in a handler thread leaves its stack in the log
    result = run_load(args.applications, args.concurrency, runtime_as_is=args.local_runtime_as_is)
    report = _write(result, args.out)
    print(markdown(result))
    print(f"wrote {report} and {report.with_suffix('.json')}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
