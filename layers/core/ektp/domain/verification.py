"""The verification stages' checks, as pure functions: form vs registry vs documents.

Each check returns the comparisons it made (for the officer's evidence page) and the reasons it found.
Severity follows what the resident can do about it: a conflict the resident can fix is an error (REJECT
with the reason); a small difference (a typo, an old spelling the normaliser did not resolve) is a warning
that sends the case to an officer; a missing source (no registry record, a field OCR could not read) is a
warning too, never a silent pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from ektp.domain.application import Applicant, ApplicationType
from ektp.domain.claims import listed_as_mover, value_or_claim
from ektp.domain.extracted import read_value
from ektp.domain.names import compare_names, name_titles, normalize_name
from ektp.domain.reasons import Reason, reason
from ektp.domain.region import regions
from ektp.domain.registry import BirthDateCandidate, RegistryPerson

Outcome = Literal["match", "minor_difference", "conflict", "missing"]
Source = Literal["registry", "kk", "akta", "skpwni", "ktp"]
# The only registry status under which a card may be issued without an officer: a deceased person, someone who
# moved abroad, a record marked inactive or flagged as a duplicate must never get a card automatically.
ISSUABLE_REGISTRY_STATUS = "ACTIVE"
# Below this OCR confidence a disagreement is not trusted enough to reject: an officer looks instead.
MIN_OCR_CONFIDENCE = 0.6


class Comparison(BaseModel):
    field: str
    source: Source
    form_value: str | None
    other_value: str | None
    outcome: Outcome
    score: float


class CheckResult(BaseModel):
    comparisons: list[Comparison] = []
    reasons: list[Reason] = []

    def add(self, comparison: Comparison, code: str) -> None:
        self.comparisons.append(comparison)
        if comparison.outcome == "conflict":
            self.reasons.append(
                reason(
                    code, field=f"{comparison.source}.{comparison.field}", measured=round(comparison.score, 3)
                )
            )
        elif comparison.outcome in ("minor_difference", "missing"):
            self.reasons.append(
                reason(
                    code,
                    severity="warning",
                    field=f"{comparison.source}.{comparison.field}",
                    measured=round(comparison.score, 3),
                )
            )


_value = read_value  # (value, confidence) of an extracted field, typed or as stored


def _compare_name(
    field: str, source: Source, form: str | None, other: str | None, confidence: float = 1.0
) -> Comparison:
    if not form or not other:
        return Comparison(
            field=field, source=source, form_value=form, other_value=other, outcome="missing", score=0.0
        )
    result = compare_names(form, other)
    outcome: Outcome = result.outcome
    if outcome == "conflict" and confidence < MIN_OCR_CONFIDENCE:
        outcome = "minor_difference"  # a poorly read name is a question for an officer, not a rejection
    return Comparison(
        field=field, source=source, form_value=form, other_value=other, outcome=outcome, score=result.score
    )


def _printed(comparison: Comparison) -> Comparison:
    """A field the card prints as the form gives it, against the registry (typed data, not a scan): a match
    only when equal once normalised (case, accents, titles, old spellings, word order); a respelling that
    Jaro-Winkler forgives (RIZKY for RIZKI, 0.97) is for an officer, or the card would carry it unasked."""
    if comparison.outcome == "match" and comparison.score < 1.0:
        return comparison.model_copy(update={"outcome": "minor_difference"})
    return comparison


def _normalise_text(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", value.upper())


def _compare_exact(
    field: str, source: Source, form: str | None, other: str | None, confidence: float = 1.0
) -> Comparison:
    if not form or not other:
        return Comparison(
            field=field, source=source, form_value=form, other_value=other, outcome="missing", score=0.0
        )
    same = _normalise_text(form) == _normalise_text(other)
    outcome: Outcome = (
        "match" if same else ("conflict" if confidence >= MIN_OCR_CONFIDENCE else "minor_difference")
    )
    return Comparison(
        field=field,
        source=source,
        form_value=form,
        other_value=other,
        outcome=outcome,
        score=1.0 if same else 0.0,
    )


def _compare_printed_extras(result: CheckResult, form: Applicant, registry: RegistryPerson) -> None:
    """The occupation and the blood type, printed on the card as the form gives them: one the registry holds
    and the form changes is for an officer (an ANGGOTA POLRI or a DOKTER the registry never knew of; a data
    change may be legitimate). A value the registry lacks (none, TIDAK TAHU) raises no doubt."""
    known_blood = registry.blood_type if registry.blood_type.upper() != "TIDAK TAHU" else ""
    pairs = (
        ("occupation", form.occupation, registry.occupation),
        ("blood_type", _rhesus_spelled(str(form.blood_type)), _rhesus_spelled(known_blood)),
    )
    for field, ours, theirs in pairs:
        comparison = _compare_exact(field, "registry", ours, theirs)
        if comparison.outcome == "missing":
            continue
        if comparison.outcome == "conflict":
            comparison = comparison.model_copy(update={"outcome": "minor_difference"})
        result.add(comparison, "DATA_DIFFERS_FROM_REGISTRY")


def _compare_neighbourhood(result: CheckResult, form: Applicant, registry: RegistryPerson) -> None:
    """The RT and RW the registry holds (the KK's are the applicant's upload): another one printed on the card is
    a domicile doubt a visit settles, as the village's is."""
    for field in ("rt", "rw"):
        theirs = str(getattr(registry, field)).strip()
        if not theirs.isascii() or not theirs.isdigit():
            continue  # none held (or not a number): nothing to compare
        ours = str(getattr(form, field))
        same = int(ours) == int(theirs)
        result.add(
            Comparison(
                field=field,
                source="registry",
                form_value=ours,
                other_value=theirs,
                outcome="match" if same else "minor_difference",
                score=1.0 if same else 0.0,
            ),
            "ADDRESS_MISMATCH",
        )


def _rhesus_spelled(blood_type: str) -> str:
    # The exact comparison keeps letters and digits only: A+ and A- would be the same group.
    return blood_type.replace("+", " POS").replace("-", " NEG")


def _sex_text(value: str | None) -> str | None:
    if not value:
        return None
    text = value.upper().replace(" ", "").replace("-", "")
    return {
        "M": "M",
        "L": "M",
        "LAKILAKI": "M",
        "PRIA": "M",
        "F": "F",
        "P": "F",
        "PEREMPUAN": "F",
        "WANITA": "F",
    }.get(text, text)


# --- stage 2: personal data -------------------------------------------------------------------------
def check_personal_data(
    form: Applicant,
    registry: RegistryPerson | None,
    akta: Mapping[str, Any] | None,
    kk_member: Mapping[str, Any] | None,
    old_ktp: Mapping[str, Any] | None = None,
) -> CheckResult:
    result = CheckResult()
    if registry is None:
        result.reasons.append(reason("REGISTRY_NOT_FOUND", severity="warning", field="registry.nik"))
    else:
        if registry.status != ISSUABLE_REGISTRY_STATUS:
            # The status itself goes to the officer's comparisons, never into a resident-facing reason.
            result.comparisons.append(
                Comparison(
                    field="status",
                    source="registry",
                    form_value=ISSUABLE_REGISTRY_STATUS,
                    other_value=registry.status,
                    outcome="conflict",
                    score=0.0,
                )
            )
            result.reasons.append(reason("REGISTRY_STATUS_BLOCKED", field="registry.status"))
        result.add(
            _printed(_compare_name("full_name", "registry", form.full_name, registry.full_name)),
            "NAME_MISMATCH",
        )
        # Names are compared without titles, and the card prints the form's: a title goes on it only with the
        # registry's record of it, or an officer who saw the diploma (a self-awarded DR. matched at 1.0).
        if name_titles(form.full_name) - name_titles(registry.full_name):
            result.reasons.append(
                reason("NAME_TITLE_UNVERIFIED", severity="warning", field="registry.full_name")
            )
        result.add(
            _compare_exact(
                "birth_date", "registry", form.birth_date.isoformat(), registry.birth_date.isoformat()
            ),
            "BIRTH_DATA_MISMATCH",
        )
        result.add(
            _printed(
                _compare_name("place_of_birth", "registry", form.place_of_birth, registry.place_of_birth)
            ),
            "BIRTH_DATA_MISMATCH",
        )
        result.add(_compare_exact("sex", "registry", form.sex, _sex_text(registry.sex)), "SEX_MISMATCH")
        if form.mother_name or registry.mother_name:
            result.add(
                _compare_name("mother_name", "registry", form.mother_name, registry.mother_name),
                "PARENT_NAME_MISMATCH",
            )
        if form.father_name and registry.father_name:
            result.add(
                _compare_name("father_name", "registry", form.father_name, registry.father_name),
                "PARENT_NAME_MISMATCH",
            )
        # Another family's KK (or an edited one) that lists the NIK passes every document check: the registry
        # knows which KK the NIK belongs to. A new KK after a move or a marriage can lag in the replica, so a
        # difference goes to an officer rather than rejecting.
        kk = _compare_exact("kk_number", "registry", form.kk_number, registry.kk_number)
        if kk.outcome == "conflict":
            kk = kk.model_copy(update={"outcome": "minor_difference"})
        result.add(kk, "KK_NUMBER_MISMATCH")
        for field in ("religion", "marital_status"):
            ours, theirs = str(getattr(form, field)), getattr(registry, field)
            # A data change may legitimately change these: a difference is for an officer to confirm.
            comparison = _compare_exact(field, "registry", ours, theirs)
            if comparison.outcome == "conflict":
                comparison = comparison.model_copy(update={"outcome": "minor_difference"})
            result.add(comparison, "DATA_DIFFERS_FROM_REGISTRY")
        _compare_printed_extras(result, form, registry)
    _compare_printed_niks(result, form.nik, {"akta": akta, "ktp": old_ktp})
    for source, fields in (("akta", akta), ("kk", kk_member)):
        if not fields:
            continue
        src: Source = source  # type: ignore[assignment]
        # A field no label gave (a layout never seen) is looked for as declared in the page's text (claims).
        name, confidence = value_or_claim(fields, "name", form.full_name)
        result.add(_compare_name("full_name", src, form.full_name, name, confidence), "NAME_MISMATCH")
        dob, confidence = value_or_claim(fields, "birth_date", form.birth_date.isoformat())
        result.add(
            _compare_exact("birth_date", src, form.birth_date.isoformat(), dob, confidence),
            "BIRTH_DATA_MISMATCH",
        )
        sex, confidence = value_or_claim(fields, "sex", "LAKI-LAKI" if form.sex == "M" else "PEREMPUAN")
        if sex:
            result.add(_compare_exact("sex", src, form.sex, _sex_text(sex), confidence), "SEX_MISMATCH")
        mother, confidence = value_or_claim(fields, "mother_name", form.mother_name)
        if mother and form.mother_name:
            result.add(
                _compare_name("mother_name", src, form.mother_name, mother, confidence),
                "PARENT_NAME_MISMATCH",
            )
    return _doubt_lone_ocr_conflicts(result)


def _compare_printed_niks(
    result: CheckResult, nik: str, documents: Mapping[Source, Mapping[str, Any] | None]
) -> None:
    """The NIK printed on the akta (newer forms) and on the old card must be the one applied for: another
    person's akta or card is the classic way to borrow an identity. A disagreement goes to an officer."""
    for source, fields in documents.items():
        printed, confidence = value_or_claim(fields, "nik", nik)
        if printed:
            result.add(_compare_exact("nik", source, nik, printed, confidence), "NIK_DOCUMENT_MISMATCH")


def _doubt_lone_ocr_conflicts(result: CheckResult) -> CheckResult:
    """A document read by OCR that disagrees while another source agrees with the form is more likely a misread
    (a 3 for an 8) than a false form: the resident is not rejected for it; an officer looks instead."""
    agreed = {c.field for c in result.comparisons if c.outcome == "match"}
    doubted = {
        f"{c.source}.{c.field}"
        for c in result.comparisons
        if c.outcome == "conflict" and c.source in ("akta", "kk") and c.field in agreed
    }
    if not doubted:
        return result
    comparisons = [
        c.model_copy(update={"outcome": "minor_difference"}) if f"{c.source}.{c.field}" in doubted else c
        for c in result.comparisons
    ]
    reasons = [
        r.model_copy(update={"severity": "warning"}) if r.field in doubted else r for r in result.reasons
    ]
    return CheckResult(comparisons=comparisons, reasons=reasons)


# --- stage 3: domicile -------------------------------------------------------------------------------
def _region_name_matches(code: str, printed: str | None) -> tuple[Outcome, float]:
    if not printed:
        return "missing", 0.0
    official = regions().name(code) or ""
    strip = re.compile(r"^(KABUPATEN|KAB\.?|KOTA ADM\.?|KOTA ADMINISTRASI|KOTA|PROVINSI)\s+")
    a = strip.sub("", official.upper()).strip()
    b = strip.sub("", printed.upper()).strip()
    comparison = compare_names(a, b) if a and b else None
    if comparison is None:
        return "missing", 0.0
    return comparison.outcome, comparison.score


def check_domicile(
    form: Applicant,
    application_type: ApplicationType,
    registry: RegistryPerson | None,
    kk: Mapping[str, Any] | None,
    skpwni: Mapping[str, Any] | None,
) -> CheckResult:
    result = CheckResult()
    result.reasons += [
        r.model_copy(update={"field": f"applicant.{r.field}"})
        for r in regions().validate_hierarchy(
            form.province_code,
            form.regency_code,
            form.district_code,
            form.village_code,
            postal_code=form.postal_code,
        )
    ]
    if kk:
        for field, code in (
            ("village", form.village_code),
            ("district", form.district_code),
            ("regency", form.regency_code),
            ("province", form.province_code),
        ):
            # A field no label gave (a layout never seen) is looked for as declared in the page's text (claims).
            printed, confidence = value_or_claim(kk, field, (regions().name(code) or "").upper())
            outcome, score = _region_name_matches(code, printed)
            if outcome == "conflict" and confidence < MIN_OCR_CONFIDENCE:
                outcome = "minor_difference"
            official = regions().name(code)
            result.add(
                Comparison(
                    field=field,
                    source="kk",
                    form_value=official,
                    other_value=printed,
                    outcome=outcome,
                    score=score,
                ),
                "ADDRESS_MISMATCH",
            )
        for field in ("rt", "rw"):
            printed, confidence = _value(kk, field)
            if printed:
                ours = str(int(getattr(form, field)))
                theirs = str(int(printed)) if printed.isdigit() else printed
                result.add(_compare_exact(field, "kk", ours, theirs, confidence), "ADDRESS_MISMATCH")
    # The registry holds the previous address for a move; otherwise it must agree with the form.
    if registry is not None and application_type is not ApplicationType.MOVE:
        same = registry.village_code == form.village_code
        result.add(
            Comparison(
                field="village_code",
                source="registry",
                form_value=form.village_code,
                other_value=registry.village_code,
                outcome="match" if same else "minor_difference",
                score=1.0 if same else 0.0,
            ),
            "ADDRESS_MISMATCH",
        )
        _compare_neighbourhood(result, form, registry)
    if application_type is ApplicationType.MOVE:
        if not skpwni:
            result.reasons.append(reason("SKPWNI_MISMATCH", field="skpwni"))
        else:
            nik, confidence = value_or_claim(skpwni, "nik", form.nik)
            if nik != form.nik and _moves_with(form, registry, skpwni):
                nik = form.nik  # a member of the family who moves, listed as a row of the certificate
            result.add(_compare_exact("nik", "skpwni", form.nik, nik, confidence), "SKPWNI_MISMATCH")
            printed, confidence = value_or_claim(
                skpwni, "destination_village", (regions().name(form.village_code) or "").upper()
            )
            outcome, score = _region_name_matches(form.village_code, printed)
            result.add(
                Comparison(
                    field="destination_village",
                    source="skpwni",
                    form_value=regions().name(form.village_code),
                    other_value=printed,
                    outcome=outcome,
                    score=score,
                ),
                "SKPWNI_MISMATCH",
            )
    return result


def _moves_with(form: Applicant, registry: RegistryPerson | None, skpwni: Mapping[str, Any]) -> bool:
    """A member of the family who moves with the certificate's applicant: listed as a row of it (their NIK and
    name on one line, not labelled as the head's or the applicant's), on the certificate of their own family (its
    KK number the resident's, the registry's when it knows them). The destination family's head is on another
    KK; a head who stays behind is printed as the head, no mover's row."""
    own_kk = registry.kk_number if registry is not None else form.kk_number
    kk_number, _ = value_or_claim(skpwni, "kk_number", own_kk)
    return kk_number == own_kk and listed_as_mover(skpwni, form.nik, form.full_name)


# --- stage 4: supporting documents -------------------------------------------------------------------
def kk_member_for(nik: str, members: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    for row in members:
        value, _ = _value(row, "nik")
        if value == nik:
            return row
    return None


def check_documents(
    form: Applicant, kk: Mapping[str, Any] | None, kk_members: Sequence[Mapping[str, Any]]
) -> CheckResult:
    result = CheckResult()
    if kk is None:
        result.reasons.append(reason("DOCUMENT_UNREADABLE", severity="warning", field="documents.KK"))
        return result
    number, confidence = value_or_claim(kk, "number", form.kk_number)
    result.add(_compare_exact("kk_number", "kk", form.kk_number, number, confidence), "KK_NUMBER_MISMATCH")
    if kk_members and kk_member_for(form.nik, kk_members) is None:
        result.reasons.append(reason("NOT_IN_KK", field="documents.KK", measured=len(kk_members)))
    elif not kk_members:
        result.reasons.append(reason("NOT_IN_KK", severity="warning", field="documents.KK", measured=0))
    return result


# --- stage 5: demographic duplicates -----------------------------------------------------------------
def check_duplicates(
    form: Applicant, candidates: list[BirthDateCandidate], live: list[tuple[str, Applicant]] | None = None
) -> CheckResult:
    """Someone else (another NIK) with the same name, birth date and mother's name: possibly one person with
    two identities. Candidates are already blocked on the birth date. Another open application (`live`) on
    this very NIK is reported too: two people claim it, or one applies twice; an officer sees which. The
    registry's own record of the NIK is the applicant's, never a duplicate."""
    result = CheckResult()
    for application_id, other in live or []:
        if other.nik == form.nik:
            result.comparisons.append(
                Comparison(
                    field="identity",
                    source="registry",  # the live applications, as for the duplicates below
                    form_value=form.nik,
                    other_value=application_id,  # for the officer: which application claims it too
                    outcome="conflict",
                    score=1.0,
                )
            )
            result.reasons.append(
                reason("NIK_APPLICATION_IN_PROGRESS", severity="warning", field="applicant.nik")
            )
    me = normalize_name(form.full_name)
    people: list[tuple[str, str, str, date]] = [
        (c.nik, c.full_name, c.mother_name, c.birth_date) for c in candidates if c.status == "ACTIVE"
    ]
    people += [(a.nik, a.full_name, a.mother_name or "", a.birth_date) for _, a in live or []]
    for nik, name, mother, born in people:
        if nik == form.nik or born != form.birth_date or not me:
            continue
        same_name = compare_names(form.full_name, name)
        same_mother = compare_names(form.mother_name or "", mother) if form.mother_name and mother else None
        if same_name.outcome == "match" and (same_mother is None or same_mother.outcome != "conflict"):
            # The other NIK is never shown to the resident; the officer sees it in the stage details.
            result.comparisons.append(
                Comparison(
                    field="identity",
                    source="registry",
                    form_value=form.nik,
                    other_value=nik,
                    outcome="conflict",
                    score=same_name.score,
                )
            )
            result.reasons.append(
                reason(
                    "POSSIBLE_DUPLICATE",
                    severity="warning",
                    field="registry.identity",
                    measured=round(same_name.score, 3),
                )
            )
    return result
