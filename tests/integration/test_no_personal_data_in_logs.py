"""UU PDP: no NIK, name, phone number, e-mail or image bytes in any log line of a whole application's life."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from local_runtime import LocalStack
from local_runtime.demo import application_body, documents, pick_applicants
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families


def test_a_full_application_logs_no_personal_data(
    stack: LocalStack, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # the functions run at INFO; botocore DEBUG (wire dumps) is never on in Lambda
    families = generate_families(40, seed=909)
    stack.seed_registry(registry_people(families))
    (family, person), = pick_applicants(families, date.today(), 1)
    user = stack.user("pdp-resident")
    body = application_body(family, person)
    body["applicant"]["email"] = "pdp.resident@example.com"
    body["applicant"]["phone"] = "081298765432"
    # A sex that contradicts the NIK sends it to review: the officer path is logged too.
    body["applicant"]["sex"] = "M" if person.sex == "F" else "F"
    app_id = stack.call("POST", "/applications", user, body).json()["registration_number"]
    docs = documents(family, person, "obama", "obama2")
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        data, content_type = docs[doc_type]
        ticket = stack.call("POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type})
        stack.upload(ticket.json(), data)
    bad = stack.call("POST", "/applications", user, {**body, "applicant": {**body["applicant"], "nik": "123"}})
    assert bad.status == 422
    stack.call("POST", f"/applications/{app_id}/submit", user)
    assert stack.wait_for(app_id, {"IN_REVIEW", "APPROVED", "REJECTED", "PROCESSING_ERROR"})["status"] == "IN_REVIEW"
    officer = stack.user("pdp-officer", groups=("officers",), district=family.district_code)
    stack.call("GET", f"/review/{app_id}", officer)
    stack.call("POST", f"/review/{app_id}/decision", officer, {"decision": "APPROVE"})
    stack.wait_for(app_id, {"APPROVED", "REJECTED", "PROCESSING_ERROR"})
    stack.wait_idle(app_id)

    out, err = capfd.readouterr()
    logs = "\n".join([out, err, caplog.text])
    assert "step done" in logs or "document checked" in logs, "the functions' logs were not captured"
    secrets = {
        "NIK": person.nik,
        "KK number": family.kk_number,
        "phone": "081298765432",
        "e-mail": "pdp.resident@example.com",
        "mother's name": person.mother_name,
    }
    secrets |= {f"name part {i}": part for i, part in enumerate(person.name.split()) if len(part) >= 5}
    leaked = {what: value for what, value in secrets.items() if value and value in logs}
    assert leaked == {}, f"personal data in logs: {sorted(leaked)}"
    for marker in ("/9j/", "iVBORw0KGgo", "\\xff\\xd8\\xff", "JFIF"):  # JPEG/PNG bytes, raw or base64
        assert marker not in logs
