"""Hostile files through every upload path, on the local stack: each ends REJECTED with its own reason code
(or the upload is refused), never a crash, never a failed function invocation, never ACCEPTED.

Every document type the API issues upload tickets for is covered (ektp.domain.application.DocumentType: the
photo, the selfie, KK, akta, the old KTP, SKPWNI, the marriage certificate, the police report; there is no
upload type for fingerprints). The corpus is built by code in tests/support/hostile_files.py.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from ektp.domain.application import DocumentType, allowed_content_types, max_upload_bytes
from local_runtime import LocalStack
from local_runtime.api_gateway import ApiResponse
from local_runtime.stack import User
from tests.support.applicants import request_data
from tests.support.hostile_files import CLEAN, CORPUS, JPEG, PDF, HostileFile, oversized
from tests.support.wait import wait_until

# The reason each file must be rejected with, on a path whose checker reads its format.
REASON: dict[str, str] = {
    "png_bomb": "IMAGE_TOO_MANY_PIXELS",
    "jpeg_bomb": "IMAGE_TOO_MANY_PIXELS",
    "jpeg_zip_polyglot": "IMAGE_UNREADABLE",
    "png_html_polyglot": "IMAGE_UNREADABLE",
    "pdf_html_polyglot": "PDF_CORRUPT",
    "jpeg_truncated": "IMAGE_UNREADABLE",
    "png_truncated": "IMAGE_UNREADABLE",
    "pdf_truncated": "PDF_CORRUPT",
    "zip_as_jpeg": "UPLOAD_TYPE_MISMATCH",
    "exe_as_pdf": "UPLOAD_TYPE_MISMATCH",
    "html_as_pdf": "UPLOAD_TYPE_MISMATCH",
    "svg_script_as_png": "UPLOAD_TYPE_MISMATCH",
    "pdf_encrypted": "PDF_ENCRYPTED",
    "pdf_200_pages": "PDF_TOO_MANY_PAGES",
    "empty": "UPLOAD_EMPTY",
}
# The application type that allows each document.
APPLICATION_TYPE = {
    DocumentType.SKPWNI: "MOVE",
    DocumentType.POLICE_REPORT: "REPLACEMENT_LOST",
    DocumentType.OLD_KTP: "REPLACEMENT_DAMAGED",
}
REFUSED_CONTENT_TYPES = (
    "image/svg+xml",
    "text/html",
    "application/zip",
    "application/x-msdownload",
    "image/gif",
)
SETTLED = {"ACCEPTED", "REJECTED"}


def expected_reason(doc_type: DocumentType, hostile: HostileFile) -> str:
    if doc_type.is_image_only and hostile.declared == PDF and hostile.data:
        return "UPLOAD_TYPE_MISMATCH"  # a PDF, whatever it hides, is no photo or fingerprint capture
    return REASON[hostile.name]


def _cases() -> Iterator[Any]:
    for doc_type in DocumentType:
        for hostile in CORPUS:
            yield pytest.param(doc_type, hostile, id=f"{doc_type}-{hostile.name}")


CHECKERS = ("functions/intake", "functions/photo_check", "functions/ocr")


@dataclass
class Uploads:
    """The residents' side of an upload: one resident and application per document type (each takes ~16
    uploads of its budget of 60; an account may register only a few applications a month), a ticket, the POST
    to S3, and the document as it settles."""

    stack: LocalStack
    tag: str
    applications: dict[DocumentType, tuple[User, str]] = field(default_factory=dict)

    def application(self, doc_type: DocumentType) -> tuple[User, str]:
        if doc_type not in self.applications:
            resident = self.stack.user(f"hostile-{self.tag}-{doc_type}")
            body = request_data(APPLICATION_TYPE.get(doc_type, "NEW"))
            created = self.stack.call("POST", "/applications", resident, body)
            assert created.status == 201, created.body
            self.applications[doc_type] = (resident, str(created.json()["registration_number"]))
        return self.applications[doc_type]

    def ticket(self, doc_type: DocumentType, content_type: str) -> ApiResponse:
        resident, app_id = self.application(doc_type)
        path = f"/applications/{app_id}/documents/{doc_type}"
        return self.stack.call("POST", path, resident, {"content_type": content_type})

    def upload(self, doc_type: DocumentType, content_type: str, data: bytes) -> dict[str, Any] | None:
        """The document as it settles, or None if the presigned POST refused the file (AWS enforces the
        policy; moto does not, so locally the intake's own checks answer). None of the intake and checker
        invocations meanwhile may fail (a failure is what SQS would retry)."""
        response = self.ticket(doc_type, content_type)
        assert response.status == 201, response.body
        ticket = response.json()
        functions = {
            spec.logical_id for spec in self.stack.resources.functions.values() if spec.source in CHECKERS
        }
        before = len(self.stack.dispatcher.invocations)
        posted = self.stack.upload(ticket, data)
        if 400 <= posted.status_code < 500:
            return None
        assert posted.status_code in (200, 204), posted.text
        document = self._settled(doc_type, ticket["upload_id"])
        failed = [
            i for i in self.stack.dispatcher.invocations[before:] if i.function in functions and not i.ok
        ]
        assert failed == [], "a function failed: SQS would retry it"
        document["policy"] = json.loads(base64.b64decode(ticket["fields"]["policy"]))
        return document

    def _settled(self, doc_type: DocumentType, upload_id: str, timeout: float = 60) -> dict[str, Any]:
        resident, app_id = self.application(doc_type)
        path = f"/applications/{app_id}"

        def document() -> dict[str, Any]:
            documents = self.stack.call("GET", path, resident).json()["documents"]
            return dict(next(d for d in documents if d["document_type"] == doc_type))

        return wait_until(
            document,
            lambda d: d["upload_id"] == upload_id and d["status"] in SETTLED,
            timeout=timeout,
            interval=0.05,
            what=f"the {doc_type} upload",
        )


@pytest.fixture(scope="module")
def uploads(stack: LocalStack) -> Uploads:
    return Uploads(stack, uuid.uuid4().hex[:8])


@pytest.mark.parametrize(("doc_type", "hostile"), list(_cases()))
def test_a_hostile_file_is_rejected_with_its_reason(
    uploads: Uploads, doc_type: DocumentType, hostile: HostileFile
) -> None:
    # The client claims what the file pretends to be; for a photo, a PDF pretends to be a JPEG.
    declared = hostile.declared if hostile.declared in allowed_content_types(doc_type) else JPEG
    document = uploads.upload(doc_type, declared, hostile.data)
    if document is None:
        assert hostile.name == "empty"  # the policy's content-length-range starts at 1 byte
        return
    assert document["status"] == "REJECTED", document
    codes = [r["code"] for r in document["reasons"]]
    assert codes == [expected_reason(doc_type, hostile)], document["reasons"]


@pytest.mark.parametrize(
    ("doc_type", "clean"),
    [(DocumentType.KK, c) for c in CLEAN] + [(DocumentType.PHOTO, c) for c in CLEAN if c.declared != PDF],
    ids=lambda v: str(getattr(v, "name", v)),
)
def test_the_same_page_without_the_hostile_part_passes_the_structural_checks(
    uploads: Uploads, doc_type: DocumentType, clean: HostileFile
) -> None:
    """A control: the rejections above are for the hostile part, not for the page around it."""
    document = uploads.upload(doc_type, clean.declared, clean.data)
    assert document is not None
    assert not set(REASON.values()) & {r["code"] for r in document["reasons"]}, document["reasons"]


@pytest.mark.parametrize("doc_type", list(DocumentType), ids=str)
def test_a_file_over_the_limit_is_refused_or_rejected(uploads: Uploads, doc_type: DocumentType) -> None:
    declared, limit = allowed_content_types(doc_type)[0], max_upload_bytes(doc_type)
    document = uploads.upload(doc_type, declared, oversized(limit, declared))
    if document is not None:  # moto does not enforce the policy: intake does, from the object's size
        assert ["content-length-range", 1, limit] in document["policy"]["conditions"]  # what S3 enforces
        assert document["status"] == "REJECTED"
        assert [(r["code"], r["measured"]) for r in document["reasons"]] == [("UPLOAD_TOO_LARGE", limit + 1)]


@pytest.mark.parametrize("doc_type", list(DocumentType), ids=str)
def test_a_ticket_for_another_format_is_refused(uploads: Uploads, doc_type: DocumentType) -> None:
    for content_type in [*REFUSED_CONTENT_TYPES, *([PDF] if doc_type.is_image_only else [])]:
        response = uploads.ticket(doc_type, content_type)
        assert response.status == 422, (content_type, response.body)
        assert response.json()["error"]["code"] == "CONTENT_TYPE_NOT_ALLOWED"
