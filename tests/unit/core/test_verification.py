"""The verification checks on generated residents: pass, small difference, conflict, for each stage."""

from __future__ import annotations

from datetime import date

import pytest

from ektp.domain.application import Applicant, ApplicationType
from ektp.domain.region import regions
from ektp.domain.registry import BirthDateCandidate, RegistryPerson
from ektp.domain.verification import check_documents, check_domicile, check_duplicates, check_personal_data
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families

FAMILIES = generate_families(60, seed=11)


def _adult() -> tuple[RegistryPerson, Applicant]:
    people = list(registry_people(FAMILIES))
    person = next(p for p in people if p.birth_date.year < 2000 and p.mother_name)
    form = Applicant(
        full_name=person.full_name,
        nik=person.nik,
        kk_number=person.kk_number,
        place_of_birth=person.place_of_birth,
        birth_date=person.birth_date,
        sex=person.sex,  # type: ignore[arg-type]
        religion=person.religion,  # type: ignore[arg-type]
        marital_status=person.marital_status,  # type: ignore[arg-type]
        occupation=person.occupation,
        address=person.address,
        rt=person.rt,
        rw=person.rw,
        province_code=person.province_code,
        regency_code=person.regency_code,
        district_code=person.district_code,
        village_code=person.village_code,
        postal_code=person.postal_code,
        phone="081234567890",
        mother_name=person.mother_name,
        father_name=person.father_name or None,
    )
    return person, form


def _field(value: str, confidence: float = 0.95) -> dict[str, object]:
    return {"value": value, "confidence": confidence}


def _codes(result: object) -> dict[str, str]:
    return {r.code: r.severity for r in result.reasons}  # type: ignore[attr-defined]


def test_personal_data_that_agrees_everywhere_passes() -> None:
    person, form = _adult()
    akta = {
        "name": _field(person.full_name),
        "birth_date": _field(person.birth_date.isoformat()),
        "mother_name": _field(person.mother_name),
    }
    result = check_personal_data(form, person, akta, None)
    assert result.reasons == []
    assert all(c.outcome == "match" for c in result.comparisons)


def test_a_typo_in_the_name_is_a_warning_and_another_name_is_a_conflict() -> None:
    person, form = _adult()
    typo = form.full_name[:-1] + ("A" if form.full_name[-1] != "A" else "E")
    assert _codes(check_personal_data(form.model_copy(update={"full_name": typo}), person, None, None)).get(
        "NAME_MISMATCH"
    ) in ("warning", None)
    other = check_personal_data(
        form.model_copy(update={"full_name": "BAMBANG SUTRISNO WIBOWO"}), person, None, None
    )
    assert _codes(other)["NAME_MISMATCH"] == "error"


def test_a_different_birth_date_conflicts_and_a_missing_registry_record_is_for_review() -> None:
    person, form = _adult()
    moved = form.model_copy(
        update={
            "birth_date": date(person.birth_date.year, 1, 1)
            if person.birth_date.month != 1
            else date(person.birth_date.year, 2, 1)
        }
    )
    assert _codes(check_personal_data(moved, person, None, None))["BIRTH_DATA_MISMATCH"] == "error"
    assert _codes(check_personal_data(form, None, None, None)) == {"REGISTRY_NOT_FOUND": "warning"}


def test_a_poorly_read_document_never_rejects_on_its_own() -> None:
    person, form = _adult()
    akta = {"name": _field("XQZ WRTP", confidence=0.3)}
    assert _codes(check_personal_data(form, person, akta, None))["NAME_MISMATCH"] == "warning"


def test_domicile_matches_the_kk_address_by_region_names() -> None:
    person, form = _adult()
    index = regions()
    kk = {
        "village": _field(index.name(form.village_code) or ""),
        "district": _field(index.name(form.district_code) or ""),
        "regency": _field(index.name(form.regency_code) or ""),
        "province": _field(index.name(form.province_code) or ""),
        "rt": _field(form.rt),
        "rw": _field(form.rw),
    }
    assert check_domicile(form, ApplicationType.NEW, person, kk, None).reasons == []
    other_village = next(code for code, _ in index.children(form.district_code) if code != form.village_code)
    elsewhere = {**kk, "village": _field(index.name(other_village) or "")}
    assert "ADDRESS_MISMATCH" in _codes(check_domicile(form, ApplicationType.NEW, person, elsewhere, None))


def test_a_move_needs_a_matching_skpwni() -> None:
    person, form = _adult()
    assert (
        _codes(check_domicile(form, ApplicationType.MOVE, person, None, None))["SKPWNI_MISMATCH"] == "error"
    )
    skpwni = {"nik": _field(form.nik), "destination_village": _field(regions().name(form.village_code) or "")}
    assert check_domicile(form, ApplicationType.MOVE, person, None, skpwni).reasons == []
    wrong = {**skpwni, "nik": _field("3171010101900001")}
    assert (
        _codes(check_domicile(form, ApplicationType.MOVE, person, None, wrong))["SKPWNI_MISMATCH"] == "error"
    )


def test_a_member_moving_with_the_family_names_the_applicants_skpwni() -> None:
    """An SKPWNI is the applicant's (its NIK field) and lists the family members who move with them, each a row
    of NIK, name and relationship: a member applying for the card with it was refused SKPWNI_MISMATCH before."""
    person, form = _adult()
    village = regions().name(form.village_code) or ""
    nik = form.nik
    row = f"1 {nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]} {form.full_name} ANAK"
    listed = ["4. NIK Pemohon : 3171010101900001", "Anggota Keluarga yang Pindah", row]
    skpwni = {
        "nik": _field("3171010101900001"),
        "kk_number": _field(person.kk_number),
        "destination_village": _field(village),
        "_text": listed,
    }
    assert check_domicile(form, ApplicationType.MOVE, person, None, skpwni).reasons == []

    def refused(**changes: object) -> bool:
        other = {**skpwni, **changes}
        return (
            _codes(check_domicile(form, ApplicationType.MOVE, person, None, other))["SKPWNI_MISMATCH"]
            == "error"
        )

    misread = nik[12:15] + str((int(nik[15]) + 1) % 10)
    assert refused(_text=listed[:2])  # not listed
    assert refused(_text=[*listed[:2], row.replace(nik[12:], misread)])  # a digit off: another person's
    assert refused(_text=[*listed[:2], f"1 {nik} ANAK"])  # no name on the row
    assert refused(
        _text=[*listed[:2], f"NIK Kepala Keluarga : {nik} {form.full_name}"]
    )  # the head's, staying
    assert refused(_text=[*listed[:2], f"1 {nik}9 {form.full_name} ANAK"])  # a longer number's digits
    grouped = f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"
    assert refused(_text=[*listed[:2], f"Rek 1234 {grouped} {form.full_name}"])  # a longer number's groups
    assert refused(kk_number=_field("3171010101900099"))  # another family's certificate (the destination's)


def test_the_applicant_must_be_a_member_of_the_kk() -> None:
    person, form = _adult()
    kk = {"number": _field(form.kk_number)}
    members = [{"nik": _field(form.nik), "name": _field(form.full_name)}]
    assert check_documents(form, kk, members).reasons == []
    assert _codes(check_documents(form, kk, [{"nik": _field("3171010101900001")}]))["NOT_IN_KK"] == "error"
    assert (
        _codes(check_documents(form, {"number": _field("3171010101900001")}, members))["KK_NUMBER_MISMATCH"]
        == "error"
    )


@pytest.mark.parametrize("mother_matches", [True, False])
def test_the_same_person_under_another_nik_is_flagged(mother_matches: bool) -> None:
    person, form = _adult()
    twin = BirthDateCandidate(
        nik=form.nik[:-4] + "9999",
        full_name=person.full_name,
        mother_name=person.mother_name if mother_matches else "SUPARMI WIDYASTUTI",
        birth_date=person.birth_date,
    )
    flagged = "POSSIBLE_DUPLICATE" in _codes(check_duplicates(form, [twin]))
    assert flagged is mother_matches
    me = BirthDateCandidate(nik=form.nik, full_name=person.full_name, birth_date=person.birth_date)
    assert check_duplicates(form, [me]).reasons == []


def test_a_lone_ocr_misread_is_for_an_officer_but_two_documents_that_disagree_reject() -> None:
    person, form = _adult()
    misread = {"name": _field(person.full_name), "birth_date": _field("1901-01-01")}
    agreeing_kk_row = {"name": _field(person.full_name), "birth_date": _field(person.birth_date.isoformat())}
    # The registry and the KK row agree with the form; only the akta's OCR disagrees: a misread, for review.
    assert (
        _codes(check_personal_data(form, person, misread, agreeing_kk_row))["BIRTH_DATA_MISMATCH"]
        == "warning"
    )
    # Every source contradicts the form: the form is wrong, the resident must fix it.
    wrong = form.model_copy(update={"birth_date": date(1901, 1, 1)})
    assert _codes(check_personal_data(wrong, person, None, agreeing_kk_row))["BIRTH_DATA_MISMATCH"] == "error"
