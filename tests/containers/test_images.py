"""The two container images (`make images`), invoked as Lambda invokes them: the local stack runs with
EKTP_CONTAINERS=1, so its moto server's Lambda calls go through the Runtime API emulator
(local_runtime.lambda_containers) to the image's own entry point (awslambdaric), on the host network, and the
handler in the image talks to the moto server on 127.0.0.1.

`make test` builds the images first and sets EKTP_REQUIRE_IMAGES=1: there a missing engine or image fails.
Elsewhere (a bare `pytest`) these tests skip with the reason.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from ektp.adapters.dynamodb import DynamoApplicationRepository
from infra.settings import LAMBDA_RUNTIME
from local_runtime import WITHOUT_LIVENESS_POLICY, LocalStack
from local_runtime.dispatch import container_image
from tests.containers.conftest import IMAGES
from tests.support.wait import wait_until
from tools import images

pytestmark = pytest.mark.usefixtures("built_images")


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    os.environ["EKTP_CONTAINERS"] = "1"
    try:
        with LocalStack(WITHOUT_LIVENESS_POLICY) as local:
            yield local
    finally:
        os.environ.pop("EKTP_CONTAINERS", None)


@pytest.fixture(scope="module")
def applicant() -> tuple[Any, Any]:
    from local_runtime.demo import pick_applicants
    from tools.synthetic.residents import generate_families

    return pick_applicants(generate_families(40, seed=1717), date.today(), 1)[0]


def _function_name(stack: LocalStack, image: str) -> str:
    return next(name for name, spec in stack.resources.functions.items() if container_image(spec) == image)


def _register(stack: LocalStack, username: str, family: Any, person: Any) -> tuple[Any, str]:
    from local_runtime.demo import application_body

    resident = stack.user(username)
    created = stack.call("POST", "/applications", resident, application_body(family, person))
    assert created.status == 201, created.body
    return resident, str(created.json()["registration_number"])


def _upload(
    stack: LocalStack, resident: Any, app_id: str, doc_type: str, data: bytes, content_type: str
) -> None:
    ticket = stack.call(
        "POST", f"/applications/{app_id}/documents/{doc_type}", resident, {"content_type": content_type}
    )
    assert ticket.status == 201, ticket.body
    assert stack.upload(ticket.json(), data).status_code in (200, 204)


def _wait_checked(stack: LocalStack, app_id: str, doc_type: str, timeout_s: float = 300.0) -> Any:
    repo = DynamoApplicationRepository(stack.table_name)

    def document() -> Any:
        view = repo.view(app_id)
        assert view is not None
        return next((d for d in view.documents if str(d.document_type) == doc_type), None)

    return wait_until(
        document,
        lambda d: d is not None and str(d.status) in ("ACCEPTED", "REJECTED"),
        timeout=timeout_s,
        interval=0.5,
        what=f"the {doc_type} of {app_id}",
    )


def test_each_image_runs_the_zip_functions_python(built_images: None) -> None:
    """One Python minor version across zip functions and images (infra.settings.LAMBDA_RUNTIME)."""
    wanted = LAMBDA_RUNTIME.name.removeprefix("python")  # e.g. 3.13
    for image in IMAGES.values():
        done = subprocess.run(
            ["docker", "run", "--rm", "--network", "host", "--entrypoint", "python3", image, "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert re.match(rf"Python {re.escape(wanted)}\.\d+$", done.stdout.strip()), (image, done.stdout)


def test_the_ocr_image_reads_a_rendered_kk(stack: LocalStack, applicant: tuple[Any, Any]) -> None:
    from tools.docgen.render import render_kk

    family, person = applicant
    resident, app_id = _register(stack, "kontainer-ocr", family, person)
    before = len(stack.dispatcher.invocations)
    image = render_kk(family).image
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    _upload(stack, resident, app_id, "KK", buffer.getvalue(), "image/png")  # intake -> SQS -> the OCR image

    doc = _wait_checked(stack, app_id, "KK")
    ran = [i for i in stack.dispatcher.invocations[before:] if i.container == IMAGES["ocr"]]
    assert ran and all(i.ok for i in ran), ran
    assert str(doc.status) == "ACCEPTED", doc.reasons
    assert doc.extracted.fields["number"].value == family.kk_number
    read_niks = {row["nik"].value for row in doc.extracted.members if "nik" in row}
    assert person.nik in read_niks
    assert doc.extracted.engine == "tesseract"


@pytest.mark.parametrize(
    ("selfie", "decision"),
    [("obama2", "match"), ("biden", "no_match")],
    ids=["same-person", "another-person"],
)
def test_the_biometrics_image_matches_two_fixture_photos(
    stack: LocalStack, applicant: tuple[Any, Any], selfie: str, decision: str
) -> None:
    from local_runtime.demo import documents

    family, person = applicant
    resident, app_id = _register(stack, f"kontainer-face-{selfie}", family, person)
    docs = documents(family, person, "obama", selfie)
    for doc_type in ("PHOTO", "SELFIE"):
        _upload(stack, resident, app_id, doc_type, *docs[doc_type])
        assert str(_wait_checked(stack, app_id, doc_type).status) == "ACCEPTED"
    repo = DynamoApplicationRepository(stack.table_name)
    record = repo.get(app_id)
    assert record is not None
    before = len(stack.dispatcher.invocations)

    # The chain's Task event for the face stage, handed to the image through the Runtime API.
    answer, failed, _ = stack.dispatcher.invoke(
        _function_name(stack, IMAGES["biometrics"]),
        {"step": "match_faces", "application_id": app_id, "attempt": record.attempt},
    )

    assert not failed, answer
    ran = stack.dispatcher.invocations[before:]
    assert [i.container for i in ran if i.container] == [IMAGES["biometrics"]]  # others: zip functions
    assert '"probe": true' in answer  # the photo's embedding was stored for the 1:N search
    view = repo.view(app_id)
    assert view is not None
    stage = next(s for s in view.stages if s.stage == "face_match")
    compared = stage.details["selfie_vs_photo"]
    assert compared["decision"] == decision
    assert compared["basis"] == "fused"  # both face models (dlib and SFace) ran in the image
    assert (compared["fused"] >= compared["threshold"]) == (decision == "match")


def test_an_error_comes_back_with_the_type_the_chains_catch_matches(stack: LocalStack) -> None:
    """An attempt that is not current: the chain's Catch matches the error by its type name, which only
    survives the trip if the runtime reports it as Lambda does."""
    answer, failed, _ = stack.dispatcher.invoke(
        _function_name(stack, IMAGES["biometrics"]),
        {"step": "match_faces", "application_id": "NOPE", "attempt": 1},
    )
    assert failed
    assert json.loads(answer)["errorType"] == "StaleAttempt"


@pytest.mark.parametrize("function", images.FUNCTIONS)
def test_the_build_fails_when_the_handler_does_not_import(built_images: None, function: str) -> None:
    """The image's last build step imports the handler: a missing package fails `make images`, not the first
    invocation in AWS. Built on the cached layers, with a handler that needs a package the image lacks."""
    broken = images.context_tar(
        function, {f"functions/{function}/handler.py": b"import a_package_the_image_lacks\nhandler = None\n"}
    )
    tag = f"ektp-{function}:import-check"
    result = images.build(function, images.BASE_IMAGE, tag=tag, context=broken)
    # The layers this build committed before it failed (newest first; `rmi` without -f keeps shared ones).
    made = re.findall(r"---> ([0-9a-f]{12})\b", result.stdout)[::-1]
    subprocess.run(["docker", "rmi", *made], capture_output=True, check=False)
    assert result.returncode != 0
    assert "No module named 'a_package_the_image_lacks'" in result.stdout
