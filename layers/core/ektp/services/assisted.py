"""Officer-assisted registration (issue 20 item 3): an officer registers an application at the office for a
resident present there (no smartphone, elderly, disability), uploads the scanned documents and submits it, through
the same checks and chain as any application.

The application belongs to no account: its owner is the officer's district's assisted namespace
(`assisted:<district>`), a name no identity provider issues as a subject, so no resident ever owns it through the
resident routes. The resident follows it with the registration number and birth date (POST /status). Only an
officer of that district reaches it here; the record says who entered it (`entered_by`, from the token)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ektp.domain.access import Principal
from ektp.domain.application import Applicant
from ektp.domain.duties import OWN_CASE, own_case_refusal
from ektp.domain.forms import ApplicationRequest
from ektp.domain.reasons import reason
from ektp.domain.records import ApplicationRecord
from ektp.domain.registration_number import parse_registration_number
from ektp.errors import ServiceError
from ektp.ports import ApplicationRepository, ApplicationView
from ektp.services.applications import ApplicationService, UploadGrant
from ektp.services.clock import utcnow
from ektp.services.staff_reads import record_staff_reads

ASSISTED_PREFIX = "assisted:"


def assisted_owner(district: str) -> str:
    return f"{ASSISTED_PREFIX}{district}"


def _district(officer: Principal) -> str:
    """The officer's district; an account with none (or not an officer: an operator) enters nothing."""
    if not officer.has("officer") or not officer.district:
        raise ServiceError("FORBIDDEN")
    return officer.district


def _check_domicile(applicant: Applicant, district: str) -> None:
    # The domicile decides which district's officers handle the case: one enters only their own district's.
    # The reason names the field and both districts, so the officer's form says which rule refused it.
    if applicant.district_code != district:
        outside = reason(
            "ASSISTED_DOMICILE_OUTSIDE_DISTRICT",
            field="applicant.district_code",
            measured=applicant.district_code,
            threshold=district,
        )
        raise ServiceError("FORBIDDEN", [outside])


class AssistedService:
    def __init__(
        self,
        applications: ApplicationService,
        repository: ApplicationRepository,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._applications = applications
        self._repo = repository
        self._clock = clock

    def _read(self, officer: Principal, records: list[ApplicationRecord], kind: str) -> None:
        """Every application shown to the officer leaves its audit record (services/staff_reads.py)."""
        record_staff_reads(self._repo, officer, [r.application_id for r in records], kind, self._clock())

    def register(self, officer: Principal, request: ApplicationRequest) -> ApplicationRecord:
        district = _district(officer)
        _check_domicile(request.applicant, district)
        if officer.nik and request.applicant.nik == officer.nik:
            raise ServiceError(OWN_CASE)  # entered for themselves at their own desk (domain/duties.py)
        return self._applications.register(assisted_owner(district), request, entered_by=officer.subject)

    def entered(self, officer: Principal) -> list[ApplicationRecord]:
        """The applications the officer's district entered at the office (its namespace: no one else's); each
        listed name is a read of that resident's data, on their audit trail."""
        records = self._repo.list_by_owner(assisted_owner(_district(officer)))
        self._read(officer, records, "ASSISTED_CASE_LISTED")
        return records

    def case(self, officer: Principal, application_id: str) -> ApplicationRecord:
        """An ASSISTED application of the officer's district; anything else answers as missing."""
        district = _district(officer)
        canonical = parse_registration_number(application_id)
        record = self._repo.get(canonical) if canonical else None
        if (
            record is None
            or record.channel != "ASSISTED"
            or record.owner != assisted_owner(district)
            or record.district_code != district
        ):
            raise ServiceError("APPLICATION_NOT_FOUND")
        refusal = own_case_refusal(officer.nik, record, self._repo.list_documents(record.application_id))
        if refusal is not None:
            raise ServiceError(refusal)
        return record

    def view(self, officer: Principal, application_id: str) -> ApplicationView:
        record = self.case(officer, application_id)
        self._read(officer, [record], "ASSISTED_CASE_VIEWED")  # before the answer: no read without its record
        return self._applications.view(record.owner, record.application_id)

    def correct(self, officer: Principal, application_id: str, applicant: Applicant) -> ApplicationRecord:
        """The officer corrects the data (a draft, or after a rejection): the domicile stays in their district,
        else the case would leave the namespace its district's officers answer for; nor does it become theirs."""
        record = self.case(officer, application_id)
        _check_domicile(applicant, record.district_code)
        if officer.nik and applicant.nik == officer.nik:
            raise ServiceError(OWN_CASE)
        return self._applications.update_applicant(
            record.owner, record.application_id, applicant, staff_id=officer.subject
        )

    def request_upload(
        self, officer: Principal, application_id: str, document_type: str, content_type: str
    ) -> UploadGrant:
        record = self.case(officer, application_id)
        return self._applications.request_upload(
            record.owner, record.application_id, document_type, content_type, staff_id=officer.subject
        )

    def submit(self, officer: Principal, application_id: str) -> ApplicationRecord:
        record = self.case(officer, application_id)
        return self._applications.submit(record.owner, record.application_id, staff_id=officer.subject)
