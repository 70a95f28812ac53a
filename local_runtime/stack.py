"""LocalStack: start moto in-process, provision the synthesized stack, dispatch functions, sign users in."""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import boto3
import requests
from moto.server import ThreadedMotoServer

from ektp.adapters.aws import reset_clients
from ektp.domain.access import EDGE_HEADER
from ektp.domain.registry import RegistryPerson
from ektp.wiring import reset_services
from local_runtime.api_gateway import ApiResponse, LocalHttpApi
from local_runtime.dispatch import Dispatcher
from local_runtime.provision import Provisioned, provision
from local_runtime.template import synthesize

REGION = "ap-southeast-3"
# The history event after which an execution only waits: a `.waitForTaskToken` task handed its token out.
_PARKED_EVENT = "TaskSubmitted"


@dataclass
class User:
    username: str
    sub: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}


# Context for stacks whose synthetic applicants do not film a live face check (the shared test stack, the
# benchmarks): liveness is then not required for any type. `make demo` and `make serve` keep the policy.
WITHOUT_LIVENESS_POLICY: dict[str, str] = {"liveness_required_for": ""}
# Local stacks skip the biometric-recording wait unless asked (`{"biometric_recording_required": True}`: `make
# demo`, tests/integration/test_recording_journey.py): their synthetic applicants meet no officer at a station.
# Their synthetic residents live in any district, which has no enrolled scanner in the office table: one device id
# is enrolled for every district (ektp.domain.capture_devices), the one the demo's and the tests' stations name.
LOCAL_CAPTURE_DEVICE = "scanner-local-01"
LOCAL_DEFAULTS: dict[str, Any] = {
    "biometric_recording_required": False,
    "capture_devices": f"*={LOCAL_CAPTURE_DEVICE}",
}


class LocalStack:
    def __init__(self, context: dict[str, Any] | None = None, *, port: int = 0, quiet: bool = True) -> None:
        self._context = {**LOCAL_DEFAULTS, **(context or {})}
        self._port = port
        self._quiet = quiet
        self._server: ThreadedMotoServer | None = None
        self.resources: Provisioned
        self.dispatcher: Dispatcher
        self.api: LocalHttpApi
        self.endpoint = ""

    # --- lifecycle ---------------------------------------------------------------------------------
    _active: LocalStack | None = None  # one per process: function clients and caches are process-wide

    def start(self) -> LocalStack:
        if LocalStack._active is not None:
            raise RuntimeError("a LocalStack is already running in this process; stop it or share it")
        if self._quiet:
            logging.getLogger("werkzeug").setLevel(logging.ERROR)
            # moto's ASL engine logs every failed state with its full input; ours are reported by the
            # dispatcher (local_runtime.dispatch) and in the application's timeline.
            logging.getLogger("moto").setLevel(logging.CRITICAL)
        template = synthesize(self._context)
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self._port, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        os.environ.update(
            {
                "AWS_ACCESS_KEY_ID": "local",
                "AWS_SECRET_ACCESS_KEY": "local",
                "AWS_DEFAULT_REGION": REGION,
                "AWS_REGION": REGION,
                "AWS_ENDPOINT_URL": self.endpoint,
                "MOTO_PORT": str(port),
                "POWERTOOLS_TRACE_DISABLED": "true",
                "POWERTOOLS_METRICS_NAMESPACE": "ektp",
                "POWERTOOLS_DEV": "false",
            }
        )
        reset_clients()
        reset_services()
        requests.post(
            f"{self.endpoint}/moto-api/config",
            json={"stepfunctions": {"execute_state_machine": True}},
            timeout=5,
        )
        self.resources = provision(template, self.endpoint, REGION)
        self.dispatcher = Dispatcher(self.resources.functions)
        self.dispatcher.install()
        self.api = LocalHttpApi(
            self.resources.routes,
            self.endpoint,
            REGION,
            self.resources.user_pool_id,
            edge_headers=self._edge_headers(),
        )
        LocalStack._active = self
        return self

    def _edge_headers(self) -> dict[str, str]:
        """The origin header CloudFront sends to the API (infra/web.py), from the secret the API checks."""
        arns = {
            spec.environment["ORIGIN_VERIFY_SECRET_ARN"]
            for spec in self.resources.functions.values()
            if "ORIGIN_VERIFY_SECRET_ARN" in spec.environment
        }
        if not arns:
            return {}
        manager = boto3.client("secretsmanager", endpoint_url=self.endpoint, region_name=REGION)
        (arn,) = arns
        return {EDGE_HEADER: manager.get_secret_value(SecretId=arn)["SecretString"]}

    def stop(self) -> None:
        self.dispatcher.uninstall()
        if self._server is not None:
            self._server.stop()
            self._server = None
            # moto's backends are process-wide: the next stack of this process (tests/timeout runs several,
            # one after another) would find this one's buckets and tables.
            from moto.moto_api._internal.models import moto_api_backend

            moto_api_backend.reset()
        reset_clients()
        reset_services()
        LocalStack._active = None

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- convenience for the demo and tests ---------------------------------------------------------
    def client(self, service: Any) -> Any:
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION)

    @property
    def table_name(self) -> str:
        return next(name for logical, name in self.resources.tables.items() if "Applications" in logical)

    @property
    def upload_bucket(self) -> str:
        return next(name for logical, name in self.resources.buckets.items() if "Uploads" in logical)

    @property
    def registry_table(self) -> str:
        return next(name for logical, name in self.resources.tables.items() if "Registry" in logical)

    def seed_registry(self, people: Iterable[RegistryPerson]) -> int:
        """Load population-registry records (the seeder's synthetic residents) into the local registry."""
        from ektp.adapters.registry_dynamodb import DynamoPopulationRegistry

        return DynamoPopulationRegistry(self.registry_table).put_many(people)

    @property
    def state_machine_arn(self) -> str:
        """The verification chain (the other machine is the batched 1:N sweep)."""
        return next(
            arn for logical, arn in self.resources.state_machines.items() if "VerificationChain" in logical
        )

    @property
    def sweep_state_machine_arn(self) -> str:
        return next(
            arn for logical, arn in self.resources.state_machines.items() if "GallerySweep" in logical
        )

    def user(
        self, username: str, *, groups: Iterable[str] = ("residents",), district: str | None = None
    ) -> User:
        """Create a user in the local user pool and sign it in; the ID token is a real RS256 JWT."""
        cognito = self.client("cognito-idp")
        pool, client_id = self.resources.user_pool_id, self.resources.user_pool_client_id
        password = "Aa1!" + secrets.token_urlsafe(12)
        attributes = [{"Name": "email", "Value": f"{username}@example.invalid"}]
        if district:
            attributes.append({"Name": "custom:district", "Value": district})
        try:
            created = cognito.admin_create_user(
                UserPoolId=pool, Username=username, UserAttributes=attributes
            )["User"]
        except cognito.exceptions.UsernameExistsException:
            created = cognito.admin_get_user(
                UserPoolId=pool, Username=username
            )  # sign the same user in again
            created["Attributes"] = created.pop("UserAttributes")
        cognito.admin_set_user_password(UserPoolId=pool, Username=username, Password=password, Permanent=True)
        for group in groups:
            cognito.admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName=group)
        auth = cognito.admin_initiate_auth(
            UserPoolId=pool,
            ClientId=client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
        sub = next(a["Value"] for a in created["Attributes"] if a["Name"] == "sub")
        return User(username=username, sub=sub, token=auth["AuthenticationResult"]["IdToken"])

    def call(
        self, method: str, path: str, user: User | None = None, body: Any = None, **headers: str
    ) -> ApiResponse:
        """Through CloudFront, as every client does."""
        return self._call(method, path, user, body, headers, direct=False)

    def call_direct(
        self, method: str, path: str, user: User | None = None, body: Any = None, **headers: str
    ) -> ApiResponse:
        """To the API's execute-api URL, around CloudFront and its WAF."""
        return self._call(method, path, user, body, headers, direct=True)

    def _call(
        self, method: str, path: str, user: User | None, body: Any, headers: dict[str, str], *, direct: bool
    ) -> ApiResponse:
        all_headers = {"content-type": "application/json", **(user.headers if user else {}), **headers}
        raw = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        path, _, query = path.partition("?")
        return self.api.request(method, path, headers=all_headers, body=raw, query=query, direct=direct)

    @staticmethod
    def upload(ticket: dict[str, Any], data: bytes, filename: str = "file") -> requests.Response:
        """POST the file to its presigned URL as a browser would (multipart, the file field last)."""
        return requests.post(
            ticket["url"],
            data=ticket["fields"],
            files={"file": (filename, data, ticket["content_type"])},
            timeout=120,
        )

    def wait_idle(self, application_id: str | None = None, timeout: float = 60.0) -> None:
        """Wait until no execution (of one application, if given) is running: e.g. an approval's enrolment
        and issuance steps after the status is already final."""
        sfn = self.client("stepfunctions")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            running = sfn.list_executions(stateMachineArn=self.state_machine_arn, statusFilter="RUNNING")[
                "executions"
            ]
            if not [
                e for e in running if application_id is None or e["name"].startswith(f"{application_id}-a")
            ]:
                return
            time.sleep(0.1)
        raise TimeoutError("executions still running")

    def wait_settled(self, timeout: float = 180.0, poll: float = 0.2) -> None:
        """Wait until no execution of any state machine is between steps: each running one waits on a task token
        (an officer's decision, a field visit, a recording, the 1:N sweep's answer), or has ended.

        The stack is shared by a worker's tests, and a test may end while its chain still runs (it waited for
        APPROVED, not for the enrolment and the card after it). A test that resets shared state (the gallery)
        settles first, so another test's chain cannot write into it afterwards. Seen twice in a row, the same
        snapshot: a token answered between two reads shows as a step on the next one."""
        sfn = self.client("stepfunctions")
        deadline = time.monotonic() + timeout
        before: dict[str, int] | None = None
        while True:
            running = self._running_executions(sfn)
            moving = sorted(name for name, (parked, _) in running.items() if not parked)
            snapshot = {name: last for name, (_, last) in running.items()}
            if not moving and snapshot == before:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"executions still between steps: {moving or sorted(snapshot)}")
            before = None if moving else snapshot
            time.sleep(poll)

    @staticmethod
    def _running_executions(sfn: Any) -> dict[str, tuple[bool, int]]:
        """Every running execution's name: (waits on a task token?, its last history event's id)."""
        found: dict[str, tuple[bool, int]] = {}
        for machine in sfn.get_paginator("list_state_machines").paginate():
            for state_machine in machine["stateMachines"]:
                pages = sfn.get_paginator("list_executions").paginate(
                    stateMachineArn=state_machine["stateMachineArn"], statusFilter="RUNNING"
                )
                for execution in (e for page in pages for e in page["executions"]):
                    # moto answers the whole history in one page; the last event by id, whatever the order.
                    events = sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
                    last = max(events, key=lambda event: event["id"], default=None)
                    found[execution["name"]] = (
                        last is not None and last["type"] == _PARKED_EVENT,
                        last["id"] if last else 0,
                    )
        return found

    def wait_for(self, application_id: str, statuses: set[str], timeout: float = 60.0) -> dict[str, Any]:
        """Poll the stored application until it reaches one of `statuses` (executions run in threads)."""
        ddb = self.client("dynamodb")
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            item = ddb.get_item(
                TableName=self.table_name, Key={"PK": {"S": f"APP#{application_id}"}, "SK": {"S": "META"}}
            ).get("Item")
            status = item["status"]["S"] if item else None
            if status in statuses:
                return {"status": status}
            time.sleep(0.05)
        raise TimeoutError(f"{application_id} stayed {status}, expected one of {sorted(statuses)}")
