"""Attack: change the spelling of your name or birthplace on the card, approved with no officer asked.

The card prints the name and the place of birth as the form gave them, and the form was compared with the
registry by Jaro-Winkler at 0.93: "MUHAMMAD RIZKY PRATAMA" against the registry's "MUHAMMAD RIZKI PRATAMA"
(0.973), "SITI AMMINAH" against "SITI AMINAH" (0.981), "JAKARTAA" against "JAKARTA" (0.975) were matches, so the
rules approved a card whose name differs from the population record: a name change without the court order
or the data-change route (and a resident's typo printed for life). The registry is typed data, not a scan: a
printed field must equal it once normalised (case, accents, titles, old spellings, word order still forgiven);
any other difference goes to an officer (a warning, REVIEW). Before, each case below had no reason.
"""

from __future__ import annotations

import pytest

from ektp.domain.registry import RegistryPerson
from ektp.domain.verification import check_personal_data
from tests.support.applicants import applicant


def _registry(**fields: str) -> RegistryPerson:
    form = applicant()
    data = {k: v for k, v in form.model_dump().items() if v is not None}
    return RegistryPerson.model_validate(data | fields | {"status": "ACTIVE"})


def _warnings(form: dict[str, str], registry: dict[str, str]) -> list[tuple[str, str | None]]:
    result = check_personal_data(applicant(**form), _registry(**registry), None, None)
    return [(r.code, r.field) for r in result.reasons if r.severity == "warning"]


@pytest.mark.parametrize(
    ("form_name", "registry_name"),
    [("MUHAMMAD RIZKY PRATAMA", "MUHAMMAD RIZKI PRATAMA"), ("SITI AMMINAH", "SITI AMINAH")],
)
def test_attack_a_respelled_name_goes_to_an_officer(form_name: str, registry_name: str) -> None:
    warnings = _warnings({"full_name": form_name}, {"full_name": registry_name})
    assert ("NAME_MISMATCH", "registry.full_name") in warnings


def test_attack_a_respelled_place_of_birth_goes_to_an_officer() -> None:
    warnings = _warnings({"place_of_birth": "JAKARTAA"}, {"place_of_birth": "JAKARTA"})
    assert ("BIRTH_DATA_MISMATCH", "registry.place_of_birth") in warnings


@pytest.mark.parametrize(
    ("form_name", "registry_name"),
    [
        ("Siti Aminah", "SITI AMINAH"),  # case
        ("MOCH. DJOKO SOESILO", "MUHAMMAD JOKO SUSILO"),  # old spelling and the Muhammad abbreviation
        ("AMINAH SITI", "SITI AMINAH"),  # word order
        ("SUJONO HADI", "SUYONO HADI"),  # an unmarked old j
    ],
)
def test_the_same_name_written_another_way_still_matches(form_name: str, registry_name: str) -> None:
    assert _warnings({"full_name": form_name}, {"full_name": registry_name}) == []
