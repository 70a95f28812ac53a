"""Valid applicants built from the real region data and the NIK rules, for any birth date and sex."""

from __future__ import annotations

from datetime import date
from typing import Any

from ektp.domain.application import Applicant, ApplicationType
from ektp.domain.forms import ApplicationRequest
from ektp.domain.nik import make_nik


def applicant_data(
    *,
    birth_date: date = date(2001, 3, 14),
    sex: str = "F",
    district: str = "31.71.01",
    village: str = "31.71.01.1001",
    postal_code: str = "10110",
    serial: int = 23,
    **overrides: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": "SITI AMINAH" if sex == "F" else "BUDI SANTOSO",
        "nik": make_nik(district, birth_date, sex, serial),  # type: ignore[arg-type]
        "kk_number": district.replace(".", "") + "2001190003",
        "place_of_birth": "JAKARTA",
        "birth_date": birth_date.isoformat(),
        "sex": sex,
        "religion": "ISLAM",
        "marital_status": "BELUM KAWIN",
        "occupation": "PELAJAR/MAHASISWA",
        "address": "JL. KEBON SIRIH NO. 5",
        "rt": "003",
        "rw": "007",
        "province_code": district[:2],
        "regency_code": district[:5],
        "district_code": district,
        "village_code": village,
        "postal_code": postal_code,
        "phone": "081234567890",
        "email": "resident@example.com",
        "mother_name": "NUR HAYATI",
    }
    data.update(overrides)
    return data


def request_data(application_type: str = "NEW", **overrides: Any) -> dict[str, Any]:
    return {
        "application_type": application_type,
        "declaration_accepted": True,
        "applicant": applicant_data(**overrides),
    }


def application_request(
    application_type: ApplicationType = ApplicationType.NEW, **overrides: Any
) -> ApplicationRequest:
    return ApplicationRequest.model_validate(request_data(str(application_type), **overrides))


def applicant(**overrides: Any) -> Applicant:
    return Applicant.model_validate(applicant_data(**overrides))
