"""NIK (Nomor Induk Kependudukan) and KK number checks, written from the rules in DOMAIN.md.

NIK = district code of first registration (6) + birth date DDMMYY, women +40 on the day (6) + serial (4).
Existing validators get this wrong (python-stdnum rejects Papua 92/96, accepts day 81-91 and serial 0000,
maps YY=05 to 1905), hence our own. What the NIK cannot prove is a warning carried to review, not an
error: the NIK never changes when a person moves or when a birth date is corrected (UU 24/2013), and
region codes change when regions split.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ektp.domain.reasons import Reason, reason
from ektp.domain.region import RegionIndex, district_to_nik_prefix, nik_prefix_to_district, regions

Sex = Literal["M", "F"]
RegionStatus = Literal["current", "archived", "unknown"]

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40  # women: day of birth + 40 (41-71)
_DIGITS16 = re.compile(r"[0-9]{16}")  # ASCII only: str.isdigit() would accept other scripts' digits


class ParsedNik(BaseModel):
    """What the 16 digits say, whether or not each part is valid."""

    model_config = ConfigDict(frozen=True)

    district_code: str  # dotted, e.g. 31.71.01
    region_status: RegionStatus
    region: dict[str, str]  # level -> name, province down to district (archived: as its edition named them)
    archived_edition: int | None = None
    birth_day: int  # the day with the +40 removed
    birth_month: int
    birth_year_2d: int
    birth_date: date | None = None  # only when a declared date gives the century
    sex: Sex | None = None  # from the +40 rule; None when the day is out of both ranges
    serial: str


class NikCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    valid: bool
    errors: list[Reason]
    warnings: list[Reason]
    parsed: ParsedNik | None


def _resolve_year(yy: int, declared: date) -> int:
    """The full year ending in `yy` nearest to the declared year.

    DOMAIN.md: take the century from the declared date. Taking the nearest year instead of blindly reusing
    the declared century gives the same answer except across a century boundary, where a corrected date
    (declared 2000-01-01, NIK 31-12-99) must resolve to 1999, not 2099.
    """
    base = declared.year - declared.year % 100 + yy
    # Only years the calendar holds: a declared 9999-12-31 would otherwise resolve to 10001 and crash.
    candidates = [y for y in (base - 100, base, base + 100) if date.min.year <= y <= date.max.year]
    return min(candidates, key=lambda y: (abs(y - declared.year), y))


def _date_ok(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


class _RegionPart(BaseModel):
    """Digits 1-6 read against the region data."""

    model_config = ConfigDict(frozen=True)

    district: str
    status: RegionStatus
    names: dict[str, str]
    archived_edition: int | None = None


class _DatePart(BaseModel):
    """Digits 7-12 (DDMMYY, +40 on the day for women) read with the declared date's century."""

    model_config = ConfigDict(frozen=True)

    day: int
    month: int
    yy: int
    sex: Sex | None
    valid: bool
    resolved: date | None


def validate_nik(
    nik: str,
    *,
    sex: Sex | None = None,
    birth_date: date | None = None,
    index: RegionIndex | None = None,
) -> NikCheck:
    """Check a NIK's structure, region and date, and compare it with the declared sex and birth date."""
    text = nik.strip()
    if not _DIGITS16.fullmatch(text):
        error = reason("NIK_FORMAT", field="nik", measured=len(text), threshold=NIK_LENGTH)
        return NikCheck(valid=False, errors=[error], warnings=[], parsed=None)
    region = _read_region(text, index or regions())
    born = _read_birth_date(text, birth_date)
    serial = text[12:]
    errors = [*_region_errors(text, region), *_date_errors(text, born), *_serial_errors(serial)]
    warnings = [*_region_warnings(text, region), *_declared_mismatches(text, born, sex, birth_date)]
    parsed = ParsedNik(
        district_code=region.district,
        region_status=region.status,
        region=region.names,
        archived_edition=region.archived_edition,
        birth_day=born.day,
        birth_month=born.month,
        birth_year_2d=born.yy,
        birth_date=born.resolved,
        sex=born.sex,
        serial=serial,
    )
    return NikCheck(valid=not errors, errors=errors, warnings=warnings, parsed=parsed)


def _read_region(text: str, idx: RegionIndex) -> _RegionPart:
    """Digits 1-6: district of first registration; a code known only in an older edition keeps that edition's names."""
    district = nik_prefix_to_district(text[:6])
    if idx.exists(district):
        names = {str(k): v for k, v in idx.chain(district).items()}
        return _RegionPart(district=district, status="current", names=names)
    archived = idx.archived_district(district)
    if archived is not None:
        # The parents' names as that edition had them: today's 91.01 may be another regency or none.
        names = {str(k): v for k, v in idx.archived_chain(district).items()}
        return _RegionPart(district=district, status="archived", names=names, archived_edition=archived[0])
    names = {str(k): v for k, v in idx.chain(district).items()}
    return _RegionPart(district=district, status="unknown", names=names)


def _region_errors(text: str, region: _RegionPart) -> list[Reason]:
    if region.status == "unknown":
        return [reason("NIK_REGION_UNKNOWN", field="nik", measured=text[:6])]
    return []


def _region_warnings(text: str, region: _RegionPart) -> list[Reason]:
    if region.status != "archived":
        return []
    return [
        reason(
            "NIK_REGION_ARCHIVED",
            severity="warning",
            field="nik",
            measured=text[:6],
            threshold=region.archived_edition,
        )
    ]


def _read_birth_date(text: str, declared: date | None) -> _DatePart:
    """Digits 7-12: DDMMYY, +40 on the day for women."""
    raw_day, month, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    nik_sex: Sex | None
    if 1 <= raw_day <= 31:
        nik_sex, day = "M", raw_day
    elif 1 + FEMALE_DAY_OFFSET <= raw_day <= 31 + FEMALE_DAY_OFFSET:
        nik_sex, day = "F", raw_day - FEMALE_DAY_OFFSET
    else:
        nik_sex, day = None, raw_day
    resolved: date | None = None
    if nik_sex is None or not 1 <= month <= 12:
        valid = False
    elif declared is not None:
        year = _resolve_year(yy, declared)
        valid = _date_ok(year, month, day)
        resolved = date(year, month, day) if valid else None
    else:
        # Unknown century: 29 Feb is valid if either 19YY or 20YY makes it so (00 is leap only as 2000).
        valid = _date_ok(1900 + yy, month, day) or _date_ok(2000 + yy, month, day)
    return _DatePart(day=day, month=month, yy=yy, sex=nik_sex, valid=valid, resolved=resolved)


def _date_errors(text: str, born: _DatePart) -> list[Reason]:
    return [] if born.valid else [reason("NIK_DATE_INVALID", field="nik", measured=text[6:12])]


def _serial_errors(serial: str) -> list[Reason]:
    """Digits 13-16: a serial from 0001."""
    return [reason("NIK_SERIAL_INVALID", field="nik", measured=serial)] if serial == "0000" else []


def _declared_mismatches(
    text: str, born: _DatePart, sex: Sex | None, birth_date: date | None
) -> list[Reason]:
    """Warnings, not errors: a corrected record keeps its NIK, so a mismatch can be legitimate."""
    warnings: list[Reason] = []
    if sex is not None and born.sex is not None and sex != born.sex:
        warnings.append(
            reason("NIK_SEX_MISMATCH", severity="warning", field="sex", measured=sex, threshold=born.sex)
        )
    if (
        birth_date is not None
        and born.valid
        and (birth_date.day, birth_date.month, birth_date.year % 100)
        != (
            born.day,
            born.month,
            born.yy,
        )
    ):
        warnings.append(
            reason(
                "NIK_DOB_MISMATCH",
                severity="warning",
                field="birth_date",
                measured=birth_date.isoformat(),
                threshold=born.resolved.isoformat() if born.resolved else text[6:12],
            )
        )
    return warnings


# Digits an OCR engine reads for one another in print (`6` read `5`, `8` read `3`): two NIKs that differ only in
# one or two of these may be one number misread; any other difference is two numbers (twins' NIKs differ in the
# serial's last digit, `1` and `2`).
OCR_DIGIT_CONFUSIONS = {
    "0": "689",
    "1": "47",
    "3": "8",
    "4": "1",
    "5": "6",
    "6": "058",
    "7": "1",
    "8": "036",
    "9": "0",
}
ONE_NUMBER_MISREAD = 2  # digits at most a number read twice, or read once wrongly, differs in


def could_be_misread(a: str, b: str) -> bool:
    """Whether two 16-digit numbers may be one read twice: the same but for a digit or two the engine confuses."""
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) <= ONE_NUMBER_MISREAD and all(digits_confused(x, y) for x, y in differ)


def digits_confused(x: str, y: str) -> bool:
    """Whether the engine reads one of the two digits for the other (`OCR_DIGIT_CONFUSIONS`)."""
    return y in OCR_DIGIT_CONFUSIONS.get(x, "") or x in OCR_DIGIT_CONFUSIONS.get(y, "")


def make_nik(district_code: str, birth_date: date, sex: Sex, serial: int | str) -> str:
    """Compose a NIK (for generators and tests). Raises ValueError on a bad district code or serial."""
    prefix = district_to_nik_prefix(district_code)
    number = int(serial)
    if not 1 <= number <= 9999:
        raise ValueError(f"serial must be 1..9999: {serial!r}")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "F" else 0)
    return f"{prefix}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{number:04d}"


def validate_kk_number(kk: str, *, index: RegionIndex | None = None) -> list[Reason]:
    """KK number: 16 digits whose first 6 are a district code known now or in an older edition.

    Digits 7-16 (a date and a serial) are not verified from a primary source (DOMAIN.md): not checked.
    """
    text = kk.strip()
    if not _DIGITS16.fullmatch(text):
        return [reason("KK_NUMBER_FORMAT", field="kk_number", measured=len(text), threshold=NIK_LENGTH)]
    idx = index or regions()
    district = nik_prefix_to_district(text[:6])
    if idx.exists(district) or idx.archived_district(district) is not None:
        return []
    return [reason("KK_REGION_UNKNOWN", field="kk_number", measured=text[:6])]
