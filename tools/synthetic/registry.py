"""Registry records from synthetic families: what the population registry holds about them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ektp.domain.registry import RegistryPerson
from tools.synthetic.residents import Family


def registry_people(families: Iterable[Family]) -> Iterator[RegistryPerson]:
    for family in families:
        for person in family.members:
            yield RegistryPerson(
                nik=person.nik,
                kk_number=family.kk_number,
                full_name=person.name,
                place_of_birth=person.place_of_birth,
                birth_date=person.birth_date,
                sex=person.sex,
                religion=person.religion,
                marital_status=person.marital_status,
                occupation=person.occupation,
                blood_type=person.blood_type,
                relationship=person.relationship,
                father_name=person.father_name,
                mother_name=person.mother_name,
                address=family.address,
                rt=family.rt,
                rw=family.rw,
                province_code=family.province_code,
                regency_code=family.regency_code,
                district_code=family.district_code,
                village_code=family.village_code,
                postal_code=family.postal_code,
            )
