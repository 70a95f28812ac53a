"""The verification stages consume claim checks: a field no label gave is looked for, as declared, in the
document's text (ektp.domain.claims.value_or_claim via the `_text` the chain adds from the OCR result)."""

from __future__ import annotations

from ektp.domain.application import Applicant, ApplicationType
from ektp.domain.claims import TEXT_KEY
from ektp.domain.region import regions
from ektp.domain.verification import check_documents, check_domicile, check_personal_data
from tests.unit.core.test_verification import _adult


def _applicant() -> tuple[object, Applicant]:
    return _adult()  # a registry person of the synthetic set and the form they would fill in


def _prose(form: Applicant, name: str, mother: str) -> list[str]:
    """A Kutipan akta as read: one sentence, nothing labelled but the number."""
    sex = "LAKI-LAKI" if form.sex == "M" else "PEREMPUAN"
    return [
        "KUTIPAN AKTA KELAHIRAN",
        "Nomor : 3171-LT-01012000-0001",
        f"Bahwa di {form.place_of_birth} pada tanggal {form.birth_date.strftime('%d-%m-%Y')} telah lahir",
        f"{name}, anak ke-1, {sex}, dari ayah SUPARMAN dan ibu {mother}.",
    ]


def test_prose_akta_with_no_fields_read_is_matched_from_its_text() -> None:
    person, form = _applicant()
    akta = {"number": {"value": "3171-LT-01012000-0001", "confidence": 0.9}}
    akta[TEXT_KEY] = _prose(form, form.full_name, form.mother_name or "")  # type: ignore[assignment]
    result = check_personal_data(form, None, akta, None)
    by_field = {c.field: c.outcome for c in result.comparisons if c.source == "akta"}
    assert by_field == {"full_name": "match", "birth_date": "match", "sex": "match", "mother_name": "match"}
    # Without the text the same document only has missing fields (a warning each, for an officer).
    bare = check_personal_data(form, None, {"number": akta["number"]}, None)
    assert {c.outcome for c in bare.comparisons if c.source == "akta"} == {"missing"}


def test_another_persons_akta_is_not_matched_by_its_text() -> None:
    person, form = _applicant()
    akta = {"number": {"value": "3171-LT-01012000-0001", "confidence": 0.9}}
    akta[TEXT_KEY] = _prose(form, "BAMBANG SUTRISNO WIBOWO", "SITI AMINAH")  # type: ignore[assignment]
    result = check_personal_data(form, None, akta, None)
    by_field = {c.field: c.outcome for c in result.comparisons if c.source == "akta"}
    assert by_field["full_name"] == "missing" and by_field.get("mother_name") != "match"


def test_skpwni_destination_in_a_table_of_both_sides_nothing_read_is_left_to_an_officer() -> None:
    # Session 18: a line that prints both sides' villages with neither read tells no side: the origin's village
    # declared as the destination's would match it too (round 11's false match). It is missing, never a match;
    # a line that names the side (`Desa/Kelurahan Tujuan ...`, below) still answers.
    person, form = _applicant()
    village = (regions().name(form.village_code) or "").upper()
    skpwni = {
        "nik": {"value": form.nik, "confidence": 0.95},
        TEXT_KEY: ["URAIAN DAERAH ASAL DAERAH TUJUAN", f"Desa/Kelurahan SUKAMAJU {village}"],
    }
    result = check_domicile(form, ApplicationType.MOVE, None, None, skpwni)
    assert [c.outcome for c in result.comparisons if c.field == "destination_village"] == ["missing"]


def _kk_text(form: Applicant, number: str, village: str) -> list[str]:
    """A KK header as read from a layout whose labels nothing matched: values beside words the form prints."""
    name = regions().name
    return [
        "KARTU KELUARGA",
        f"Nomor Kartu Keluarga {number}",
        f"Desa Kelurahan {village} Kabupaten Kota {(name(form.regency_code) or '').upper()}",
        f"Kec {(name(form.district_code) or '').upper()} Prov {(name(form.province_code) or '').upper()}",
    ]


def test_domicile_reads_the_kk_regions_from_its_text_when_no_field_was_read() -> None:
    person, form = _applicant()
    village = (regions().name(form.village_code) or "").upper()
    kk = {TEXT_KEY: _kk_text(form, form.kk_number, village)}
    result = check_domicile(form, ApplicationType.NEW, None, kk, None)
    by_field = {c.field: c.outcome for c in result.comparisons if c.source == "kk"}
    assert {by_field[f] for f in ("village", "district", "regency", "province")} == {"match"}
    # Another village's KK: its village is not found as declared, so it is missing (an officer looks), never a match.
    other = {TEXT_KEY: _kk_text(form, form.kk_number, "SUKAMAJU KIDUL")}
    moved = check_domicile(form, ApplicationType.NEW, None, other, None)
    assert [c.outcome for c in moved.comparisons if c.field == "village"] == ["missing"]


def test_supporting_documents_find_the_kk_number_in_the_text() -> None:
    person, form = _applicant()
    village = (regions().name(form.village_code) or "").upper()
    kk = {TEXT_KEY: _kk_text(form, form.kk_number, village)}
    found = check_documents(form, kk, [])
    assert [c.outcome for c in found.comparisons if c.field == "kk_number"] == ["match"]
    neighbour = form.kk_number[:-1] + str((int(form.kk_number[-1]) + 1) % 10)
    other = {TEXT_KEY: _kk_text(form, neighbour, village)}
    missing = check_documents(form, other, [])
    assert [c.outcome for c in missing.comparisons if c.field == "kk_number"] == ["missing"]


def test_skpwni_nik_found_in_its_text() -> None:
    person, form = _applicant()
    village = (regions().name(form.village_code) or "").upper()
    skpwni = {TEXT_KEY: [f"NIK Pemohon {form.nik}", f"Desa/Kelurahan Tujuan {village}"]}
    result = check_domicile(form, ApplicationType.MOVE, None, None, skpwni)
    by_field = {c.field: c.outcome for c in result.comparisons if c.source == "skpwni"}
    assert by_field == {"nik": "match", "destination_village": "match"}
