"""Attack: print an occupation of authority on your own identity card, approved with no officer asked.

The card prints the occupation (and the blood type) as the form gave it, and neither was compared with the
registry: a resident the registry knows as WIRASWASTA got "ANGGOTA POLRI" (or TNI, PEGAWAI NEGERI SIPIL, DOKTER)
on the KTP-el and the digital ID by the rules alone. Religion and marital status were already compared (a data
change may change them: an officer confirms); the occupation and a blood type the registry knows are now too:
a difference is DATA_DIFFERS_FROM_REGISTRY, a warning for an officer. Before, the first two cases had no reason.
"""

from __future__ import annotations

from ektp.domain.registry import RegistryPerson
from ektp.domain.verification import check_personal_data
from tests.support.applicants import applicant


def _warnings(form: dict[str, str], registry: dict[str, str]) -> list[tuple[str, str | None]]:
    base = {k: v for k, v in applicant().model_dump().items() if v is not None}
    person = RegistryPerson.model_validate(base | registry | {"status": "ACTIVE"})
    result = check_personal_data(applicant(**form), person, None, None)
    return [(r.code, r.field) for r in result.reasons if r.severity == "warning"]


def test_attack_an_occupation_the_registry_does_not_hold_goes_to_an_officer() -> None:
    warnings = _warnings({"occupation": "ANGGOTA POLRI"}, {"occupation": "WIRASWASTA"})
    assert ("DATA_DIFFERS_FROM_REGISTRY", "registry.occupation") in warnings


def test_attack_a_blood_type_the_registry_knows_otherwise_goes_to_an_officer() -> None:
    warnings = _warnings({"blood_type": "AB-"}, {"blood_type": "O+"})
    assert ("DATA_DIFFERS_FROM_REGISTRY", "registry.blood_type") in warnings


def test_the_registrys_own_values_or_an_unknown_one_pass() -> None:
    assert _warnings({"occupation": "PELAJAR / MAHASISWA"}, {"occupation": "PELAJAR/MAHASISWA"}) == []
    assert _warnings({"blood_type": "A+"}, {"blood_type": "TIDAK TAHU"}) == []  # tested since: no doubt
    assert _warnings({"occupation": "WIRASWASTA"}, {"occupation": ""}) == []  # the registry holds none


def test_the_rhesus_sign_is_part_of_the_blood_type() -> None:
    assert ("DATA_DIFFERS_FROM_REGISTRY", "registry.blood_type") in _warnings(
        {"blood_type": "A+"}, {"blood_type": "A-"}
    )
