"""Results of document OCR: one pydantic model per document type, and the common OcrResult.

Every extracted value is a `Field` with the engine's confidence (0..1, the mean word confidence). Values are
normalised: dates ISO `YYYY-MM-DD`, NIK and KK numbers 16 digits, names and places upper case as printed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ektp.domain.extracted import ReadField
from ektp.domain.reasons import Reason

DocumentKind = Literal["kk", "akta", "ktp", "skpwni", "marriage"]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("kk", "akta", "ktp", "skpwni", "marriage")

# One field type from the engine to the document record: the domain reads it without importing the engine.
Field = ReadField


class _Fields(BaseModel):
    """Base of the per-type models: every field optional (None when it was not found on the page)."""

    model_config = ConfigDict(frozen=True)

    def as_dict(self) -> dict[str, Field]:
        return {name: value for name, value in self if isinstance(value, Field)}


class KkMember(_Fields):
    """One row of the KK member tables (the two tables joined on the row number)."""

    name: Field | None = None
    nik: Field | None = None
    sex: Field | None = None
    place_of_birth: Field | None = None
    birth_date: Field | None = None
    religion: Field | None = None
    education: Field | None = None
    occupation: Field | None = None
    blood_type: Field | None = None
    marital_status: Field | None = None
    marriage_date: Field | None = None
    relationship: Field | None = None
    citizenship: Field | None = None
    passport_number: Field | None = None
    kitap_number: Field | None = None
    father_name: Field | None = None
    mother_name: Field | None = None


class KkFields(_Fields):
    number: Field | None = None
    head_of_family: Field | None = None
    address: Field | None = None
    rt: Field | None = None
    rw: Field | None = None
    village: Field | None = None
    district: Field | None = None
    regency: Field | None = None
    province: Field | None = None
    postal_code: Field | None = None
    issue_date: Field | None = None


class AktaFields(_Fields):
    number: Field | None = None
    nik: Field | None = None
    name: Field | None = None
    place_of_birth: Field | None = None
    birth_date: Field | None = None
    sex: Field | None = None
    father_name: Field | None = None
    mother_name: Field | None = None


class KtpFields(_Fields):
    province: Field | None = None
    regency: Field | None = None
    nik: Field | None = None
    name: Field | None = None
    place_of_birth: Field | None = None
    birth_date: Field | None = None
    sex: Field | None = None
    blood_type: Field | None = None
    address: Field | None = None
    rt: Field | None = None
    rw: Field | None = None
    village: Field | None = None
    district: Field | None = None
    religion: Field | None = None
    marital_status: Field | None = None
    occupation: Field | None = None
    citizenship: Field | None = None
    valid_until: Field | None = None
    issue_place: Field | None = None
    issue_date: Field | None = None


class SkpwniFields(_Fields):
    number: Field | None = None
    nik: Field | None = None
    name: Field | None = None
    kk_number: Field | None = None
    origin_address: Field | None = None
    origin_rt: Field | None = None
    origin_rw: Field | None = None
    origin_village: Field | None = None
    origin_district: Field | None = None
    origin_regency: Field | None = None
    origin_province: Field | None = None
    destination_address: Field | None = None
    destination_rt: Field | None = None
    destination_rw: Field | None = None
    destination_village: Field | None = None
    destination_district: Field | None = None
    destination_regency: Field | None = None
    destination_province: Field | None = None
    origin_postal_code: Field | None = None
    destination_postal_code: Field | None = None
    move_reason: Field | None = None  # ALASAN PINDAH: PEKERJAAN, PENDIDIKAN, ... (form F-1.03's choices)
    move_classification: Field | None = None  # ANTAR DESA/KELURAHAN ... ANTAR PROVINSI
    move_type: Field | None = None  # JENIS KEPINDAHAN: KEPALA KELUARGA, ... ANGGOTA KELUARGA
    move_date: Field | None = None  # the (planned) date of the move


class MarriageFields(_Fields):
    """Marriage certificates are classified only; the number is the one field read (layouts vary widely)."""

    number: Field | None = None


FIELD_MODELS: dict[DocumentKind, type[_Fields]] = {
    "kk": KkFields,
    "akta": AktaFields,
    "ktp": KtpFields,
    "skpwni": SkpwniFields,
    "marriage": MarriageFields,
}


class OcrResult(BaseModel):
    document_type: DocumentKind | None
    declared_type_matches: bool | None = None
    fields: dict[str, Field] = {}
    members: list[dict[str, Field]] = []
    reasons: list[Reason] = []
    pages: int = 0
    engine: str = ""
    preprocess: list[str] = []  # what preprocessing did (deskew angle, page found, ...), for diagnosis
    # The page's text, line by line in reading order: what claim checks (ektp.domain.claims) search, whatever
    # the layout. Personal data, like the fields: stored only where the fields are.
    text: list[str] = []

    @property
    def ok(self) -> bool:
        return not any(r.severity == "error" for r in self.reasons)
