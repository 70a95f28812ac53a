"""Attack (s10): an occupation of authority in letters the registry comparison does not see.

The occupation is compared with the registry by its Latin letters and digits only (everything else is dropped
before comparing), and the card prints it as typed. So "ＡＮＧＧＯＴＡ ＰＯＬＲＩ WIRASWASTA" (full-width), or the
same in mathematical or Cyrillic letters, matched the registry's WIRASWASTA: no officer was asked and the card
and the digital ID said ANGGOTA POLRI (s9's occupation check bypassed). The street address, printed on the card
and read by the officer who visits it, took any script too. Both are written as the KK writes them now: refused
at registration and correction (OCCUPATION_INVALID, ADDRESS_INVALID); before, each registered."""

from __future__ import annotations

from datetime import date

import pytest

from ektp.domain.registry import RegistryPerson
from ektp.domain.validation import validate_applicant
from ektp.domain.verification import check_personal_data
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from tests.support.applicants import applicant, application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

TODAY = date(2026, 12, 3)
AUTHORITY_BESIDE_THE_REGISTRYS_WORD = {
    "full-width": "ＡＮＧＧＯＴＡ ＰＯＬＲＩ WIRASWASTA",
    "mathematical sans": "\U0001d5a0\U0001d5ad\U0001d5a6\U0001d5a6\U0001d5ae\U0001d5b3\U0001d5a0 WIRASWASTA",
    "Cyrillic": "АНГГОТА ПОЛРИ WIRASWASTA",
    "accented": "WIRASWASTÀ",
}
ADDRESSES = {
    "Cyrillic o": "JL. MERDEKА NO. 5",  # the last A is Cyrillic
    "full-width digits": "JL. MERDEKA NO. ５",
    "Greek": "JL. ΜΕRDEKA NO. 5",
}


def _service(repository: InMemoryRepository) -> ApplicationService:
    return ApplicationService(repository, InMemoryStore(), RecordingWorkflow(), today=lambda: TODAY)


def _errors(field: str, value: str) -> list[tuple[str, str | None]]:
    repository = InMemoryRepository()
    with pytest.raises(ServiceError) as refused:
        _service(repository).register("alice", application_request(**{field: value}))
    assert refused.value.code == "VALIDATION_FAILED" and not repository.applications
    return [(r.code, r.field) for r in refused.value.reasons if r.severity == "error"]


@pytest.mark.parametrize(
    "occupation", AUTHORITY_BESIDE_THE_REGISTRYS_WORD.values(), ids=AUTHORITY_BESIDE_THE_REGISTRYS_WORD.keys()
)
def test_attack_an_occupation_in_other_letters_is_refused_at_registration(occupation: str) -> None:
    assert _errors("occupation", occupation) == [("OCCUPATION_INVALID", "applicant.occupation")]


@pytest.mark.parametrize("address", ADDRESSES.values(), ids=ADDRESSES.keys())
def test_attack_an_address_in_other_letters_is_refused_at_registration(address: str) -> None:
    assert _errors("address", address) == [("ADDRESS_INVALID", "applicant.address")]


def test_a_correction_cannot_bring_them_in_either() -> None:
    repository = InMemoryRepository()
    service = _service(repository)
    app_id = service.register("alice", application_request()).application_id
    for field, value in (
        ("occupation", "ＡＮＧＧＯＴＡ ＰＯＬＲＩ WIRASWASTA"),
        ("address", "JL. MERDEKА NO. 5"),
    ):
        with pytest.raises(ServiceError) as refused:
            service.update_applicant("alice", app_id, applicant(**{field: value}))
        assert refused.value.code == "VALIDATION_FAILED"


def test_why_the_form_must_refuse_them_the_registry_comparison_sees_only_the_latin_word() -> None:
    """Typed data (no OCR confidence involved): the registry check alone calls the full-width case a match."""
    form = applicant().model_copy(update={"occupation": AUTHORITY_BESIDE_THE_REGISTRYS_WORD["full-width"]})
    base = {k: v for k, v in applicant().model_dump().items() if v is not None}
    person = RegistryPerson.model_validate(base | {"occupation": "WIRASWASTA", "status": "ACTIVE"})
    result = check_personal_data(form, person, None, None)
    assert not [r for r in result.reasons if r.field == "registry.occupation"]


def test_the_kks_own_occupations_and_addresses_pass() -> None:
    for occupation in ("PETANI/PEKEBUN", "PEGAWAI NEGERI SIPIL (PNS)", "PELAJAR / MAHASISWA", "Wiraswasta"):
        errors, _ = validate_applicant(applicant(occupation=occupation), TODAY)
        assert errors == [], occupation
    for address in (
        "JL. H. AGUS SALIM NO. 12/B",
        "GG. HASANUDDIN IV NO. 19",
        "Komp. Griya Asri, Blok C-3 No. 7",
        "JL. JEND. SUDIRMAN KAV. 52-53",
        "DUSUN KRAJAN RT 01/RW 02",
        "PERUM. TAMAN SARI #4: JL. KENANGA & MELATI",
        'JL. "LAMA" NO. 1',
        "JL. TEUKU UMAR’S NO. 3",
    ):
        errors, _ = validate_applicant(applicant(address=address), TODAY)
        assert errors == [], address
