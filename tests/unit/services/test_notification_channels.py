"""The resident's choice of notification channel (issue 20 item 9): e-mail, SMS, WhatsApp, each only when
chosen and reachable; SMS only when chosen. Bad paths first: a registration with no channel it can reach is
refused with its own code; a resident who did not choose SMS gets none. Records stored before the choice
existed (no `channels`) are told as they always were."""

from __future__ import annotations

from typing import Any

import pytest

from ektp.domain.application import Contact
from ektp.domain.reasons import CATALOGUE
from ektp.domain.records import ApplicationRecord
from ektp.errors import ServiceError
from ektp.issuance.notifications import InMemorySender, Notifier, StatusChangedDetail
from ektp.services.notifications import NotificationService
from tests.support.applicants import applicant_data, application_request
from tests.support.fakes import InMemoryRepository

from .test_applications import make_service


def _register(contact: dict[str, Any] | None = None, **applicant: Any) -> tuple[ApplicationRecord, Any]:
    service, repo = make_service()
    request = application_request(**applicant)
    if contact is not None:
        request = request.model_copy(update={"contact": Contact.model_validate(contact)})
    return service.register("alice", request), repo


def _refusal(contact: dict[str, Any] | None = None, **applicant: Any) -> ServiceError:
    with pytest.raises(ServiceError) as err:
        _register(contact, **applicant)
    return err.value


def _deliver(repo: InMemoryRepository, record: ApplicationRecord) -> InMemorySender:
    sender = InMemorySender()
    notifier = Notifier(sender, whatsapp=sender, sleep=lambda _: None)
    detail = StatusChangedDetail(
        registration_number=record.application_id, status="APPROVED", at=record.created_at, attempt=1
    )
    NotificationService(repo, notifier).deliver(detail)
    return sender


# --- Bad paths ------------------------------------------------------------------------------------------


def test_no_email_and_no_channel_chosen_is_refused_with_its_code() -> None:
    err = _refusal(email=None)
    assert err.code == "VALIDATION_FAILED" and CATALOGUE[err.code].http_status == 422
    assert [(r.code, r.field) for r in err.reasons] == [("NOTIFICATION_CHANNEL_REQUIRED", "contact.channels")]


def test_an_empty_choice_is_refused_even_with_an_email() -> None:
    err = _refusal({"channels": []})
    assert [r.code for r in err.reasons] == ["NOTIFICATION_CHANNEL_REQUIRED"]


def test_email_chosen_without_an_address_is_refused_and_nothing_is_stored() -> None:
    service, repo = make_service()
    request = application_request(email=None).model_copy(
        update={"contact": Contact(channels=("email", "sms"))}
    )
    with pytest.raises(ServiceError) as err:
        service.register("alice", request)
    assert [(r.code, r.measured) for r in err.value.reasons] == [
        ("NOTIFICATION_CHANNEL_UNREACHABLE", "email")
    ]
    assert repo.applications == {}


def test_an_unknown_channel_is_not_accepted() -> None:
    with pytest.raises(ValueError):
        Contact.model_validate({"channels": ["telegram"]})


def test_a_correction_that_removes_the_only_channels_address_is_refused() -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())  # e-mail only, by default
    without_email = record.applicant.model_copy(update={"email": None})
    with pytest.raises(ServiceError) as err:
        service.update_applicant("alice", record.application_id, without_email)
    assert "NOTIFICATION_CHANNEL_UNREACHABLE" in {r.code for r in err.value.reasons}
    assert repo.get(record.application_id) == record


def test_a_resident_who_did_not_choose_sms_gets_no_sms() -> None:
    record, repo = _register({"channels": ["email"]})
    sender = _deliver(repo, record)
    assert sender.sms == [] and sender.whatsapp == []
    assert [to for to, _, _ in sender.emails] == ["resident@example.com"]
    kinds = [e.detail for e in repo.events[record.application_id] if e.kind.startswith("NOTIFICATION_")]
    assert "sms:APPROVED:OPTED_OUT" in kinds  # recorded as skipped, never sent


def test_the_default_is_email_only_when_there_is_an_address() -> None:
    record, repo = _register()
    assert record.contact.channels == ("email",)
    assert (record.contact.notify_sms, record.contact.notify_whatsapp) == (False, False)
    assert _deliver(repo, record).sms == []


# --- Good paths -----------------------------------------------------------------------------------------


def test_whatsapp_chosen_is_sent_on_whatsapp_and_not_by_sms() -> None:
    record, repo = _register({"channels": ["whatsapp"]}, email=None)
    sender = _deliver(repo, record)
    assert [to for to, _, _ in sender.whatsapp] == ["+6281234567890"]
    assert sender.sms == [] and sender.emails == []


def test_sms_when_chosen_reaches_a_resident_without_email() -> None:
    record, repo = _register({"channels": ["sms", "sms"]}, email=None)
    assert record.contact.channels == ("sms",)
    sender = _deliver(repo, record)
    assert [to for to, _ in sender.sms] == ["+6281234567890"] and sender.emails == []


def test_the_old_flags_in_a_request_still_choose() -> None:
    record, repo = _register({"notify_whatsapp": True})
    assert record.contact.channels == ("whatsapp",)
    assert _deliver(repo, record).sms == []


def test_an_old_record_without_channels_is_told_as_before() -> None:
    """Records stored before the choice existed have no `channels`: they read as they are and keep e-mail
    and SMS (the old defaults) or whatever their flags say."""
    record, repo = _register()
    stored = record.model_dump(mode="json")
    stored["contact"] = {"language": "id", "notify_email": True, "notify_sms": True}  # as stored then
    old = ApplicationRecord.model_validate(stored)
    assert old.contact.channels is None
    repo.applications[old.application_id] = old
    sender = _deliver(repo, old)
    assert len(sender.emails) == 1 and len(sender.sms) == 1 and sender.whatsapp == []

    stored["contact"] = {"notify_email": False, "notify_sms": False, "notify_whatsapp": True}
    quiet = ApplicationRecord.model_validate(stored)
    repo.applications[quiet.application_id] = quiet
    sender = _deliver(repo, quiet)
    assert sender.emails == [] and sender.sms == [] and len(sender.whatsapp) == 1


def test_an_old_record_without_channels_can_still_be_corrected() -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())
    legacy = record.model_copy(update={"contact": Contact()})
    repo.applications[record.application_id] = legacy
    data = applicant_data(email=None)
    corrected = service.update_applicant(
        "alice", record.application_id, record.applicant.model_validate(data)
    )
    assert corrected.contact.channels is None and corrected.applicant.email is None
