"""The population registry (Dukcapil's SIAK in production): what the verification stages compare against.

`ektp.ports.PopulationRegistry` is the port; `adapters/registry_dynamodb.py` implements it on a DynamoDB table (for the
local default and as a read replica); a SIAK adapter is a new implementation of the same three lookups.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class RegistryPerson(BaseModel):
    # hide_input_in_errors: a validation error must never quote a resident's data into a log or a history.
    model_config = ConfigDict(extra="ignore", frozen=True, hide_input_in_errors=True)

    nik: str
    kk_number: str
    full_name: str
    place_of_birth: str
    birth_date: date
    sex: str
    religion: str
    marital_status: str
    occupation: str
    blood_type: str = "TIDAK TAHU"
    relationship: str = ""  # in the family (KEPALA KELUARGA, ISTRI, ANAK, ...)
    father_name: str = ""
    mother_name: str = ""
    address: str = ""
    rt: str = ""
    rw: str = ""
    province_code: str
    regency_code: str
    district_code: str
    village_code: str
    postal_code: str = ""
    status: str = "ACTIVE"  # ACTIVE, DECEASED, MOVED_ABROAD


class BirthDateCandidate(BaseModel):
    """What the birth-date index holds: enough to find the same person under another NIK."""

    model_config = ConfigDict(extra="ignore", frozen=True, hide_input_in_errors=True)

    nik: str
    full_name: str
    mother_name: str = ""
    birth_date: date
    status: str = "ACTIVE"
