"""Attack (s10): an officer handles their own case, or their family's. An officer is also a resident: with their
own account they apply (a second identity, an occupation or a title the registry does not hold, a face candidate
to wave through), and the case reaches their own desk, since their district is often their domicile. Staff
accounts carried no NIK, so nothing could tell: the officer opened the evidence and approved it, recorded their
own "trusted" biometrics, confirmed their own domicile at the field visit, entered it for themselves at the
office. Now the administrator records the officer's NIK on the staff account (custom:staff_nik, which the app
client can neither read nor write), the sign-in trigger carries it into staff tokens only, and each of those
acts refuses OFFICER_OWN_CASE (403) for the officer's own NIK or a KK that lists it; a colleague goes on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ektp.domain.access import Principal, principal_from_claims
from ektp.domain.application import DocumentType
from ektp.domain.extracted import Extracted, ReadField
from ektp.domain.reasons import CATALOGUE
from ektp.domain.records import DocumentRecord
from ektp.domain.staff import staff_claims
from ektp.domain.status import DocumentStatus
from ektp.errors import ServiceError
from tests.support.applicants import applicant, application_request
from tests.unit.services import test_field_visits as fv
from tests.unit.services.recording_world import DISTRICT, world
from tests.unit.services.test_assisted_registration import World as AssistedWorld
from tests.unit.services.test_attack_officer_duties import CLOCK, _review, _to_review
from tests.unit.services.test_capture_station import station_files

APPLICANT_NIK = applicant().nik  # the NIK every test application is for
RELATIVE_NIK = APPLICANT_NIK[:-4] + ("0001" if APPLICANT_NIK[-4:] != "0001" else "0002")
OFFICER_HIMSELF = Principal("officer-5", frozenset({"officer"}), DISTRICT, nik=APPLICANT_NIK)
OFFICER_RELATIVE = Principal("officer-6", frozenset({"officer"}), DISTRICT, nik=RELATIVE_NIK)
COLLEAGUE = Principal("officer-7", frozenset({"officer"}), DISTRICT, nik="3171011111900001")
UNRECORDED = Principal("officer-8", frozenset({"officer"}), DISTRICT)  # no NIK on the account: not checked


def _refusal(act: object) -> str:
    with pytest.raises(ServiceError) as refused:
        act()  # type: ignore[operator]
    return refused.value.code


def _family_card(app_id: str, *member_niks: str) -> DocumentRecord:
    """The KK the application carries, as OCR read it: one row per member (a NIK read with a space in it too)."""
    rows = [{"nik": ReadField(value=n, confidence=0.9)} for n in member_niks]
    return DocumentRecord(
        application_id=app_id,
        document_type=DocumentType.KK,
        upload_id="0009",
        status=DocumentStatus.ACCEPTED,
        object_key=f"uploads/{app_id}/KK/0009",
        declared_content_type="application/pdf",
        max_bytes=1 << 20,
        created_at=CLOCK,
        updated_at=CLOCK,
        extracted=Extracted(document_type="KK", members=rows, text=["No. KK 3171010101010001"]),
    )


def _own_case_in_review(*kk_members: str) -> tuple[AssistedWorld, str]:
    a = AssistedWorld()
    app_id = a.applications.register("officers-own-resident-account", application_request()).application_id
    if kk_members:
        a.repo.documents[(app_id, DocumentType.KK, "0009")] = _family_card(app_id, *kk_members)
    _to_review(a.repo, app_id)
    return a, app_id


def test_attack_an_officer_cannot_open_or_approve_their_own_application() -> None:
    a, app_id = _own_case_in_review()
    review, workflow = _review(a.repo)
    assert _refusal(lambda: review.evidence(OFFICER_HIMSELF, app_id)) == "OFFICER_OWN_CASE"
    for decision in ("APPROVE", "REJECT", "FIELD_VISIT"):
        reasons = ["FACE_MISMATCH"] if decision == "REJECT" else []
        assert _refusal(lambda d=decision, r=reasons: review.decide(OFFICER_HIMSELF, app_id, d, r)) == (
            "OFFICER_OWN_CASE"
        )
    assert workflow.started == {}
    review.decide(COLLEAGUE, app_id, "APPROVE", [])  # a colleague decides it
    assert workflow.started["token:review-tok"]["officer"] == COLLEAGUE.subject


def test_attack_an_officer_cannot_approve_a_relatives_application_their_kk_lists_them_on() -> None:
    spaced = RELATIVE_NIK[:6] + " " + RELATIVE_NIK[6:]  # as a KK row is often read
    a, app_id = _own_case_in_review(APPLICANT_NIK, spaced)
    review, workflow = _review(a.repo)
    assert _refusal(lambda: review.decide(OFFICER_RELATIVE, app_id, "APPROVE", [])) == "OFFICER_OWN_CASE"
    assert workflow.started == {}
    review.decide(COLLEAGUE, app_id, "APPROVE", [])


def test_attack_an_officer_cannot_record_their_own_biometrics() -> None:
    w = world()
    w.wait()
    capture = w.capture_service()
    refused = _refusal(
        lambda: capture.capture(
            OFFICER_HIMSELF,
            w.app_id,
            device_id="scanner-gambir-01",
            person_confirmed=True,
            files=station_files(),
        )
    )
    assert refused == "OFFICER_OWN_CASE"
    assert w.recordings.get_capture(w.app_id, w.record.attempt) is None
    capture.capture(
        COLLEAGUE, w.app_id, device_id="scanner-gambir-01", person_confirmed=True, files=station_files()
    )


def test_attack_an_officer_cannot_confirm_their_own_domicile_at_the_field_visit() -> None:
    w = fv.world_waiting()
    assert _refusal(lambda: w.answer("CONFIRMED", who=replace(fv.OFFICER, nik=APPLICANT_NIK))) == (
        "OFFICER_OWN_CASE"
    )
    assert w.answer("CONFIRMED", who=replace(fv.OFFICER, nik=COLLEAGUE.nik)) is not None


def test_attack_an_officer_cannot_enter_or_take_over_an_assisted_application_for_themselves() -> None:
    a = AssistedWorld()
    assert _refusal(lambda: a.assisted.register(OFFICER_HIMSELF, application_request())) == "OFFICER_OWN_CASE"
    # Entered by a colleague: the officer can neither handle it nor correct another's into their own NIK.
    app_id = a.assisted.register(COLLEAGUE, application_request()).application_id
    assert _refusal(lambda: a.assisted.view(OFFICER_HIMSELF, app_id)) == "OFFICER_OWN_CASE"
    other = a.assisted.register(COLLEAGUE, application_request(nik="3171016502900003")).application_id
    own = applicant()
    assert _refusal(lambda: a.assisted.correct(OFFICER_HIMSELF, other, own)) == "OFFICER_OWN_CASE"


def test_an_officer_without_a_recorded_nik_and_an_unrelated_colleague_work_as_before() -> None:
    a, app_id = _own_case_in_review(APPLICANT_NIK)
    review, workflow = _review(a.repo)
    review.evidence(COLLEAGUE, app_id)
    review.decide(UNRECORDED, app_id, "APPROVE", [])
    assert workflow.started["token:review-tok"]["decision"] == "APPROVE"


def test_the_refusal_is_a_403_with_both_languages() -> None:
    entry = CATALOGUE["OFFICER_OWN_CASE"]
    assert entry.http_status == 403 and entry.message_id and entry.message_en


# --- the NIK in the token: an administrator's record, for staff only --------------------------------------------
def test_the_trigger_carries_a_staff_members_recorded_nik_and_suppresses_it_for_everyone_else() -> None:
    recorded = {"custom:staff_nik": APPLICANT_NIK}
    officer = staff_claims(["officers", f"district-{DISTRICT}"], recorded)
    assert officer == {
        "claimsToAddOrOverride": {"custom:district": DISTRICT, "custom:staff_nik": APPLICANT_NIK}
    }
    resident = staff_claims(["residents"], recorded)  # a resident who wrote the attribute (moto allows it)
    assert resident == {"claimsToSuppress": ["custom:district", "custom:staff_nik"]}
    malformed = staff_claims(["officers", f"district-{DISTRICT}"], {"custom:staff_nik": "３１７１"})
    assert malformed["claimsToSuppress"] == ["custom:staff_nik"]
    # Cognito fails the sign-in if one claim is both added and suppressed.
    for details in (officer, resident, malformed):
        assert not set(details.get("claimsToAddOrOverride", {})) & set(details.get("claimsToSuppress", []))


def test_the_api_reads_the_nik_claim_of_staff_only() -> None:
    staff = principal_from_claims(
        {"sub": "o", "cognito:groups": "[officers]", "custom:staff_nik": APPLICANT_NIK}
    )
    assert staff is not None and staff.nik == APPLICANT_NIK
    resident = principal_from_claims({"sub": "r", "custom:staff_nik": APPLICANT_NIK})
    assert resident is not None and resident.nik is None
