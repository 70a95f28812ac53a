"""UU PDP: no NIK, name, phone number (any form), e-mail, birth date, place of birth, address or image bytes in
any log line of a whole application's life, its error paths included, nor in the Step Functions execution
history (readable by operators)."""

from __future__ import annotations

import json
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
    caplog.set_level(
        logging.INFO
    )  # the functions run at INFO; botocore DEBUG (wire dumps) is never on in Lambda
    families = generate_families(40, seed=909)
    stack.seed_registry(registry_people(families))
    ((family, person),) = pick_applicants(families, date.today(), 1)
    user = stack.user("pdp-resident")
    body = application_body(family, person)
    body["applicant"]["email"] = "pdp.resident@example.com"
    body["applicant"]["phone"] = "+6281298765432"  # the international form residents often type
    # A sex that contradicts the NIK sends it to review: the officer path is logged too.
    body["applicant"]["sex"] = "M" if person.sex == "F" else "F"
    app_id = stack.call("POST", "/applications", user, body).json()["registration_number"]
    # Error paths: invalid values next to personal data, a body that is not JSON, a hostile upload, an
    # incomplete submit, a correction with a broken birth date that quotes the real one.
    wrong_mail = {**body["applicant"], "email": f"{person.name.split()[0].lower()}@@example"}
    assert stack.call("POST", "/applications", user, {**body, "applicant": wrong_mail}).status == 422
    broken = {**body["applicant"], "birth_date": f"{person.birth_date.isoformat()}T99"}
    assert stack.call("PATCH", f"/applications/{app_id}", user, {"applicant": broken}).status == 422
    assert stack.call("POST", f"/applications/{app_id}/submit", user).status == 409  # nothing uploaded yet
    hostile = stack.call("POST", f"/applications/{app_id}/documents/KK", user, {"content_type": "image/png"})
    stack.upload(hostile.json(), b"\x89PNG\r\n\x1a\n" + f"{person.nik} {person.name}".encode() * 40)
    docs = documents(family, person, "obama", "obama2")
    for doc_type in ("PHOTO", "SELFIE", "KK", "AKTA_KELAHIRAN"):
        data, content_type = docs[doc_type]
        ticket = stack.call(
            "POST", f"/applications/{app_id}/documents/{doc_type}", user, {"content_type": content_type}
        )
        stack.upload(ticket.json(), data)
    bad = stack.call(
        "POST", "/applications", user, {**body, "applicant": {**body["applicant"], "nik": "123"}}
    )
    assert bad.status == 422
    stack.call("POST", f"/applications/{app_id}/submit", user)
    assert (
        stack.wait_for(app_id, {"IN_REVIEW", "APPROVED", "REJECTED", "PROCESSING_ERROR"})["status"]
        == "IN_REVIEW"
    )
    officer = stack.user("pdp-officer", groups=("officers",), district=family.district_code)
    stack.call("GET", f"/review/{app_id}", officer)
    # The officer's note quotes the resident's phone: it belongs on the record, not in the execution history.
    note = {"decision": "APPROVE", "note": "called the resident on +6281298765432"}
    assert stack.call("POST", f"/review/{app_id}/decision", officer, note).status == 200
    stack.wait_for(app_id, {"APPROVED", "REJECTED", "PROCESSING_ERROR"})
    stack.wait_idle(app_id)

    out, err = capfd.readouterr()
    logs = "\n".join([out, err, caplog.text])
    assert "step done" in logs or "document checked" in logs, "the functions' logs were not captured"
    born = person.birth_date
    secrets = {
        "NIK": person.nik,
        "KK number": family.kk_number,
        "phone": "+6281298765432",
        "phone digits": "81298765432",
        "e-mail": "pdp.resident@example.com",
        "mother's name": person.mother_name,
        "birth date": born.isoformat(),
        "birth date (dd-mm-yyyy)": born.strftime("%d-%m-%Y"),
        "place of birth": person.place_of_birth if len(person.place_of_birth) >= 5 else "",
        "address": family.address,
    }
    secrets |= {f"name part {i}": part for i, part in enumerate(person.name.split()) if len(part) >= 5}
    leaked = {what: value for what, value in secrets.items() if value and value in logs}
    assert leaked == {}, f"personal data in logs: {sorted(leaked)}"
    for marker in ("/9j/", "iVBORw0KGgo", "\\xff\\xd8\\xff", "JFIF"):  # JPEG/PNG bytes, raw or base64
        assert marker not in logs

    # The execution history of every chain the application ran: ids only.
    sfn = stack.client("stepfunctions")
    executions = sfn.list_executions(stateMachineArn=stack.state_machine_arn)["executions"]
    mine = [e["executionArn"] for e in executions if app_id.replace("-", "") in e["name"].replace("-", "")]
    assert mine, "the chain's executions were not found"
    history = json.dumps([sfn.get_execution_history(executionArn=arn)["events"] for arn in mine], default=str)
    assert app_id in history or app_id.replace("-", "") in history  # the history was really read
    in_history = {what: value for what, value in secrets.items() if value and value in history}
    assert in_history == {}, f"personal data in the execution history: {sorted(in_history)}"
