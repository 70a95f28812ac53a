"""The application form a synthetic resident would fill in: the KTP-el fields from their family's KK."""

from __future__ import annotations

from typing import Any

from tools.synthetic.residents import Family, Person

SAMPLE_PHONE = "081234567890"


def applicant_form(family: Family, person: Person) -> dict[str, Any]:
    """The `applicant` object of POST /applications, as JSON-ready values."""
    return {
        "full_name": person.name,
        "nik": person.nik,
        "kk_number": family.kk_number,
        "place_of_birth": person.place_of_birth,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
        "blood_type": person.blood_type,
        "religion": person.religion,
        "marital_status": person.marital_status,
        "occupation": person.occupation,
        "address": family.address,
        "rt": family.rt,
        "rw": family.rw,
        "province_code": family.province_code,
        "regency_code": family.regency_code,
        "district_code": family.district_code,
        "village_code": family.village_code,
        "postal_code": family.postal_code,
        "phone": SAMPLE_PHONE,
        "father_name": person.father_name,
        "mother_name": person.mother_name,
    }


def application_request(family: Family, person: Person, application_type: str = "NEW") -> dict[str, Any]:
    """The whole body of POST /applications."""
    return {
        "application_type": application_type,
        "declaration_accepted": True,
        "applicant": applicant_form(family, person),
        # A synthetic resident has a phone and no e-mail: told by SMS, which the resident must choose.
        "contact": {"channels": ["sms"]},
    }
