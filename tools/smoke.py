"""Post-deploy smoke test (docs/deploy.md): one synthetic test resident through the deployed API.

    python -m tools.smoke --api https://<distribution>/api --token <the test resident's ID token>

It registers an application with a synthetic resident (real region codes, a consistent NIK; nobody real),
uploads its documents through the presigned POSTs (photo and selfie from a public test photo, the KK and the
akta rendered from the same record), films the live face check from the selfie, waits until every document
is checked (the photo check, and OCR in its container image), submits, and waits until the verification
chain decides (biometrics in its container image). Exit 0 when every document was checked and the chain
reached a decision (APPROVED, ISSUED, IN_REVIEW or REJECTED: a synthetic resident is not in the population
registry, so review or rejection is expected); 1 otherwise, with the step that failed.

The token: sign in as a test resident on the deployed web client (managed login) and copy its ID token, or
pass it in EKTP_SMOKE_TOKEN. Use a dedicated test account: the application stays as a DRAFT-or-later record
of that account (drafts are purged after `draft_retention_days`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# (method, path, headers, JSON body or None) -> (HTTP status, parsed JSON body or None)
Transport = Callable[[str, str, dict[str, str], Any], tuple[int, Any]]
# (presigned POST ticket, file bytes) -> HTTP status of the upload
Uploader = Callable[[dict[str, Any], bytes], int]

DOCUMENTS = ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN")
CHECKED = {"ACCEPTED", "REJECTED"}
DECIDED = {"APPROVED", "ISSUED", "IN_REVIEW", "REJECTED"}
ENDED = DECIDED | {"PROCESSING_ERROR"}


class SmokeFailed(RuntimeError):
    pass


@dataclass
class SmokeReport:
    registration_number: str = ""
    documents: dict[str, str] = field(default_factory=dict)  # type -> status
    status: str = ""
    steps: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            all(s in CHECKED for s in self.documents.values())
            and len(self.documents) >= len(DOCUMENTS)
            and self.status in DECIDED
        )


def http_transport(api_url: str, token: str, timeout_s: float = 30.0) -> Transport:
    import requests

    base = api_url.rstrip("/")

    def call(method: str, path: str, headers: dict[str, str], body: Any) -> tuple[int, Any]:
        response = requests.request(
            method,
            base + path,
            headers={"authorization": f"Bearer {token}", **headers},
            json=body,
            timeout=timeout_s,
        )
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, None

    return call


def http_uploader(timeout_s: float = 120.0) -> Uploader:
    import requests

    def upload(ticket: dict[str, Any], data: bytes) -> int:
        files = {"file": ("document", data, ticket["content_type"])}
        return requests.post(ticket["url"], data=ticket["fields"], files=files, timeout=timeout_s).status_code

    return upload


def smoke_resident(seed: int) -> tuple[Any, Any]:
    """A synthetic first-card applicant (17-30, unmarried) from the resident generator."""
    from tools.synthetic.residents import generate_families

    for family in generate_families(40, seed=seed):
        for person in family.members:
            if 17 <= person.age_on(date.today()) <= 30 and person.marital_status == "BELUM KAWIN":
                return family, person
    raise SmokeFailed("no suitable synthetic resident for this seed")


def smoke_documents(family: Any, person: Any) -> dict[str, tuple[bytes, str]]:
    """The four documents of a first application, rendered or derived from public test photos."""
    from local_runtime.demo import documents

    docs = documents(family, person, "obama", "obama2")
    return {name: docs[name] for name in DOCUMENTS}


def registration_body(family: Any, person: Any) -> dict[str, Any]:
    from tools.synthetic.applications import application_request

    return application_request(family, person)


class Smoke:
    def __init__(
        self,
        call: Transport,
        upload: Uploader,
        *,
        poll_s: float = 2.0,
        checks_timeout_s: float = 300.0,
        chain_timeout_s: float = 900.0,
        say: Callable[[str], None] = print,
    ) -> None:
        self._call, self._upload, self._say = call, upload, say
        self._poll_s, self._checks_timeout_s, self._chain_timeout_s = (
            poll_s,
            checks_timeout_s,
            chain_timeout_s,
        )
        self.report = SmokeReport()

    def _expect(self, step: str, status: int, body: Any, wanted: Iterable[int]) -> Any:
        if status not in set(wanted):
            raise SmokeFailed(f"{step}: HTTP {status} {json.dumps(body)[:300]}")
        self.report.steps.append(step)
        self._say(f"  ok  {step}")
        return body

    def run(self, family: Any, person: Any, documents: dict[str, tuple[bytes, str]]) -> SmokeReport:
        status, body = self._call("GET", "/public-key", {}, None)
        self._expect("public key", status, body, (200,))
        status, body = self._call(
            "POST",
            "/applications",
            {"idempotency-key": f"smoke-{uuid.uuid4()}"},
            registration_body(family, person),
        )
        app_id = self._expect("register", status, body, (201,))["registration_number"]
        self.report.registration_number = app_id
        for doc_type, (data, content_type) in documents.items():
            self._upload_one(app_id, doc_type, data, content_type)
        self._liveness(app_id, documents["SELFIE"][0])
        self._wait_checked(app_id, {*documents, "LIVENESS"})
        status, body = self._call("POST", f"/applications/{app_id}/submit", {}, None)
        self._expect("submit", status, body, (200,))
        self.report.status = self._wait_status(app_id)
        self._say(f"  the chain ended in {self.report.status}")
        return self.report

    def _upload_one(self, app_id: str, doc_type: str, data: bytes, content_type: str) -> None:
        status, ticket = self._call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", {}, {"content_type": content_type}
        )
        self._expect(f"upload ticket {doc_type}", status, ticket, (201,))
        uploaded = self._upload(ticket, data)
        self._expect(f"upload {doc_type} ({len(data) // 1024} KB)", uploaded, None, (200, 201, 204))

    def _liveness(self, app_id: str, selfie: bytes) -> None:
        from local_runtime.liveness_frames import liveness_strip

        status, body = self._call("POST", f"/applications/{app_id}/liveness-challenge", {}, None)
        poses = self._expect("liveness challenge", status, body, (201,))["poses"]
        self._upload_one(app_id, "LIVENESS", liveness_strip(selfie, poses), "image/jpeg")

    def _detail(self, app_id: str) -> dict[str, Any]:
        status, body = self._call("GET", f"/applications/{app_id}", {}, None)
        if status != 200:
            raise SmokeFailed(f"status: HTTP {status}")
        return dict(body)

    def _wait_checked(self, app_id: str, types: set[str]) -> None:
        deadline = time.monotonic() + self._checks_timeout_s
        while True:
            docs = {d["document_type"]: d["status"] for d in self._detail(app_id)["documents"]}
            self.report.documents = {t: docs.get(t, "MISSING") for t in sorted(types)}
            if all(s in CHECKED for s in self.report.documents.values()):
                self._say(f"  ok  documents checked: {self.report.documents}")
                return
            if time.monotonic() > deadline:
                raise SmokeFailed(
                    f"documents not checked in {self._checks_timeout_s:.0f} s: {self.report.documents}"
                )
            time.sleep(self._poll_s)

    def _wait_status(self, app_id: str) -> str:
        deadline = time.monotonic() + self._chain_timeout_s
        while True:
            status = str(self._detail(app_id)["status"])
            if status in ENDED:
                return status
            if time.monotonic() > deadline:
                raise SmokeFailed(f"the chain did not end in {self._chain_timeout_s:.0f} s (still {status})")
            time.sleep(self._poll_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.smoke", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--api", required=True, help="the API base URL: the EdgeApiUrl output (https://.../api)"
    )
    parser.add_argument(
        "--token", default=os.environ.get("EKTP_SMOKE_TOKEN"), help="a test resident's ID token"
    )
    parser.add_argument(
        "--seed", type=int, default=int(time.time()) % 100_000, help="picks the synthetic resident"
    )
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("--token (or EKTP_SMOKE_TOKEN) is required")
    family, person = smoke_resident(args.seed)
    smoke = Smoke(http_transport(args.api, args.token), http_uploader())
    try:
        report = smoke.run(family, person, smoke_documents(family, person))
    except SmokeFailed as exc:
        print(f"SMOKE FAILED at {exc}", file=sys.stderr)
        return 1
    print(
        json.dumps(
            {
                "ok": report.ok,
                "registration_number": report.registration_number,
                "documents": report.documents,
                "status": report.status,
            }
        )
    )
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
