"""Attack: award yourself titles on the national ID card, approved with no officer asked.

Names are compared with the registry without their titles (a KK may print H., DR., S.H.; the civil-registry
certificates do not), and the card prints the name as the form gave it. So a form name "PROF. DR. IR. H. BUDI
SANTOSO, S.H., M.M." against the registry's "BUDI SANTOSO" was a match (score 1.0, no reason): the rules approved
and the card, the printed record and the digital ID carried four degrees and a professorship the registry never
held. A title is printed only with its evidence (a diploma, the registry's record of it): a title on the form that
the registry's name does not carry is NAME_TITLE_UNVERIFIED, a review code (an officer sees the diploma; the
resident's view does not say what the registry holds). Before, the first case below had no reason.
"""

from __future__ import annotations

from ektp.domain.decision import REVIEW_CODES
from ektp.domain.names import name_titles
from ektp.domain.registry import RegistryPerson
from ektp.domain.verification import check_personal_data
from tests.support.applicants import applicant


def _registry(full_name: str) -> RegistryPerson:
    form = applicant()
    data = {k: v for k, v in form.model_dump().items() if v is not None}
    return RegistryPerson.model_validate(data | {"full_name": full_name, "status": "ACTIVE"})


def _codes(form_name: str, registry_name: str) -> list[str]:
    result = check_personal_data(applicant(full_name=form_name), _registry(registry_name), None, None)
    return [r.code for r in result.reasons]


def test_attack_titles_the_registry_does_not_hold_go_to_an_officer() -> None:
    codes = _codes("PROF. DR. IR. H. SITI AMINAH, S.H., M.M.", "SITI AMINAH")
    assert "NAME_TITLE_UNVERIFIED" in codes
    assert "NAME_TITLE_UNVERIFIED" in REVIEW_CODES  # never approved by the rules, never shown to the resident
    assert "NAME_MISMATCH" not in codes  # the name itself is the registry's


def test_another_degree_than_the_registrys_goes_to_an_officer_too() -> None:
    assert "NAME_TITLE_UNVERIFIED" in _codes("DR. SITI AMINAH", "DRS. SITI AMINAH")


def test_the_registrys_own_titles_or_none_pass() -> None:
    assert "NAME_TITLE_UNVERIFIED" not in _codes("HJ. SITI AMINAH, S.PD.", "Hj Siti Aminah, S.Pd")
    assert "NAME_TITLE_UNVERIFIED" not in _codes("SITI AMINAH", "HJ. SITI AMINAH, S.PD.")  # left out: fine
    assert "NAME_TITLE_UNVERIFIED" not in _codes("SITI AMINAH", "SITI AMINAH")


def test_titles_are_compared_without_their_dots_and_case() -> None:
    assert name_titles("Prof. Dr. Ir. H. Budi Santoso, S.H., M.M.") == {"PROF", "DR", "IR", "H", "SH", "MM"}
    assert name_titles("M. RIZKI PRATAMA") == frozenset()  # an abbreviated Muhammad is no title
