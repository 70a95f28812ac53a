"""Attack: print another neighbourhood (RT/RW) on the card than the population record holds.

The README promises a field visit when the registry's address differs slightly from the declared one, but the
domicile stage compared the registry's village only; the RT and RW were compared with the uploaded KK alone,
which the applicant makes. So a form with RT 003 / RW 007 against a registry holding RT 009 / RW 001 in the same
village passed, and the card carried the neighbourhood the resident chose. Now the RT and RW the registry holds
are compared too (not for a MOVE, whose registry address is the old one): a difference is ADDRESS_MISMATCH, a
domicile doubt an officer settles, by a visit. Before, the first case had no reason.
"""

from __future__ import annotations

from ektp.domain.application import ApplicationType
from ektp.domain.registry import RegistryPerson
from ektp.domain.verification import check_domicile
from tests.support.applicants import applicant


def _warnings(application_type: ApplicationType = ApplicationType.NEW, **registry: str) -> list[str | None]:
    base = {k: v for k, v in applicant().model_dump().items() if v is not None}
    person = RegistryPerson.model_validate(base | registry | {"status": "ACTIVE"})
    result = check_domicile(applicant(rt="003", rw="007"), application_type, person, None, None)
    return [r.field for r in result.reasons if r.code == "ADDRESS_MISMATCH" and r.severity == "warning"]


def test_attack_another_rt_and_rw_than_the_registrys_is_a_domicile_doubt() -> None:
    assert _warnings(rt="009", rw="001") == ["registry.rt", "registry.rw"]


def test_the_same_numbers_written_otherwise_or_none_held_pass() -> None:
    assert _warnings(rt="3", rw="07") == []
    assert _warnings(rt="", rw="") == []


def test_a_move_is_not_compared_with_the_old_address() -> None:
    assert _warnings(ApplicationType.MOVE, rt="009", rw="001") == []
