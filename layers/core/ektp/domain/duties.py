"""Separation of duties (four eyes): the officer who approves an application took no part in it.

An officer's approval is the authority that lets issuance revoke the NIK's current card (services/issuance.py)
and that settles what the rules sent to a person. If the same account could also enter the data (an ASSISTED
application), record the biometrics at the station or answer the field visit, one rogue or stolen officer
account could put its own face on someone else's NIK and approve it alone. So the approver must be a second
officer: not the one who entered or corrected the application (record.entered_by and the officer-attributed
data events), uploaded any of its documents at the office (DocumentRecord.requested_by), captured its biometrics
(the capture's officer, on the captured documents and the BIOMETRICS_RECORDED event) or recorded its field visit
(FIELD_VISIT_RECORDED).

Fail closed: every officer-attributed event counts as taking part except the reviewing ones (opening the
evidence, a review note, a review decision), and an approval that names no officer is nobody's independent one.
Pure Python: review (services/review.py) and issuance apply the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from ektp.domain.application import DocumentType
from ektp.domain.audit import STAFF_READS
from ektp.domain.records import ApplicationRecord, DocumentRecord, TimelineEvent
from ektp.domain.status import DocumentStatus

REFUSAL = "APPROVER_TOOK_PART"
# What a reviewer does without taking part in the case: these never disqualify the officer who decides it.
REVIEWING_KINDS = frozenset({"EVIDENCE_VIEWED", "REVIEW_NOTE", "REVIEW_DECIDED"})


def participants(
    record: ApplicationRecord,
    events: Iterable[TimelineEvent],
    documents: Iterable[DocumentRecord],
    visit_officers: Iterable[str] = (),
) -> frozenset[str]:
    """The staff ids of everyone who entered, corrected, captured or visited for this application (any attempt)."""
    found = {record.entered_by} if record.entered_by else set()
    found.update(
        e.staff_id
        for e in events
        if e.staff_id and e.kind not in REVIEWING_KINDS and e.kind not in STAFF_READS
    )
    found.update(d.captured_by.officer_id for d in documents if d.captured_by and d.captured_by.officer_id)
    found.update(d.requested_by for d in documents if d.requested_by)  # uploaded a scan at the office
    found.update(v for v in visit_officers if v)
    return frozenset(found)


def approval_refusal(approver: str | None, took_part: frozenset[str]) -> str | None:
    """Why this officer may not approve (a reason code), or None when the approval is independent."""
    if not approver or approver in took_part:
        return REFUSAL
    return None


# The owner of every ASSISTED application of a district (services/assisted.py ASSISTED_PREFIX + district): a
# namespace that every officer of the district acts in, not a person's account.
ASSISTED_OWNER_PREFIX = "assisted:"


def _shared_owner(record: ApplicationRecord) -> bool:
    return record.channel == "ASSISTED" or record.owner.startswith(ASSISTED_OWNER_PREFIX)


def same_holder_account(holder: ApplicationRecord | None, record: ApplicationRecord) -> bool:
    """The application comes from the account that owns the card holder's application: a person's own account.

    An ASSISTED application (on either side) never is: its owner is shared by the whole district, so "same owner"
    says only "entered at the same office", and such a replacement goes to an officer like one from another
    account (CARD_HOLDER_ACCOUNT_DIFFERS). An unknown holder application (a card from before the online service)
    vouches for no account.
    """
    if holder is None or _shared_owner(holder) or _shared_owner(record):
        return False
    return holder.owner == record.owner


# --- no officer handles their own or their family's case ------------------------------------------------------
# An officer is also a resident: with their own account they apply, and at work the case may reach them (their
# district is often their domicile). Approving it, answering its field visit, recording its biometrics or
# entering it for them is self-dealing (a second identity, a title or an occupation the registry does not hold,
# a face candidate waved through), and so is doing it for someone in their family card (KK). The staff account
# carries the officer's own NIK as an administrator recorded it (domain/staff.py); an account without one is
# not checked here (the four-eyes rule above still holds).
OWN_CASE = "OFFICER_OWN_CASE"


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())


def _nik_on_family_card(nik: str, documents: Iterable[DocumentRecord]) -> bool:
    """Whether the NIK is printed on a KK the application carries: a member row, a field or a line of the page
    as read (spaces and separators inside a read number ignored)."""
    for document in documents:
        if document.document_type is not DocumentType.KK or document.status is DocumentStatus.CANCELLED:
            continue
        read = document.extracted
        values = [f.value for row in read.members for f in row.values()]
        values += [f.value for f in read.fields.values()]
        values += list(read.text)
        if any(nik in _digits(v) for v in values):
            return True
    return False


def own_case_refusal(
    officer_nik: str | None, record: ApplicationRecord, documents: Iterable[DocumentRecord] = ()
) -> str | None:
    """OFFICER_OWN_CASE when the application is for the officer's own NIK or its KK lists the officer."""
    if not officer_nik:
        return None
    if record.applicant.nik == officer_nik or _nik_on_family_card(officer_nik, documents):
        return OWN_CASE
    return None
