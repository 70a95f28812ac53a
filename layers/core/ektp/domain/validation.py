"""Rules on the application form as a whole: NIK, KK, region hierarchy, name, age, contact.

Errors stop a registration (HTTP 422); warnings are legitimate-but-unusual facts (an archived NIK region, a NIK
whose date differs after a birth-date correction) carried to an officer's review instead of rejected.
"""

from __future__ import annotations

import re
from datetime import date

from ektp.domain.application import Applicant, Contact, MaritalStatus, age_on
from ektp.domain.names import validate_name
from ektp.domain.nik import validate_kk_number, validate_nik
from ektp.domain.reasons import Reason, reason
from ektp.domain.region import regions

_PHONE = re.compile(r"^(?:\+62|62|0)8[0-9]{7,11}$")  # ASCII digits: \d takes any script's
# As the KK and the registry write a place: compared with the registry as a name is (NFKD-folded, accents
# dropped), so any other letter would match there and reach the card as typed (full-width, superscript,
# accented, combining strokes). The typographic apostrophe is in the region data's own names.
_PLACE = re.compile(r"[A-Za-z0-9 .,'\u2019()/-]+")
# The occupation is compared with the registry by its Latin letters and digits only (verification._normalise_text
# drops everything else), so letters of another alphabet or form (full-width, mathematical, Cyrillic) were free
# text beside a matching word: "ＡＮＧＧＯＴＡ ＰＯＬＲＩ WIRASWASTA" matched the registry's WIRASWASTA and reached
# the card as typed. Like the place of birth, it is written as the KK and Dukcapil's list write it.
_OCCUPATION = _PLACE
# The street address is printed on the card and read by the officer who visits it: the KK's alphabet, with the
# marks Indonesian addresses use (No. 5, Blok C-3, Gg. II, RT 01/RW 02, Kav. 52-53, #, :, &, ").
_ADDRESS = re.compile(r"[A-Za-z0-9 .,'\u2019()/#:&\"-]+")
MINIMUM_AGE = 17  # UU 24/2013 art. 63(1)


def _with_field(items: list[Reason], field: str) -> list[Reason]:
    """Name each reason's field by its path in the request body (the rule modules say `nik`, `village_code`)."""
    return [r.model_copy(update={"field": f"applicant.{r.field}" if r.field else field}) for r in items]


def validate_applicant(applicant: Applicant, today: date) -> tuple[list[Reason], list[Reason]]:
    """(errors, warnings) for the form. Every rule runs, so the resident sees all problems at once."""
    found: list[Reason] = []
    nik = validate_nik(applicant.nik, sex=applicant.sex, birth_date=applicant.birth_date)
    found += _with_field(nik.errors + nik.warnings, "applicant.nik")
    found += _with_field(validate_kk_number(applicant.kk_number), "applicant.kk_number")
    found += _with_field(
        regions().validate_hierarchy(
            applicant.province_code,
            applicant.regency_code,
            applicant.district_code,
            applicant.village_code,
            postal_code=applicant.postal_code,
        ),
        "applicant.village_code",
    )
    found += _with_field(validate_name(applicant.full_name), "applicant.full_name")
    if not _PLACE.fullmatch(applicant.place_of_birth):
        found.append(reason("PLACE_OF_BIRTH_INVALID", field="applicant.place_of_birth"))
    if not _OCCUPATION.fullmatch(applicant.occupation):
        found.append(reason("OCCUPATION_INVALID", field="applicant.occupation"))
    if not _ADDRESS.fullmatch(applicant.address):
        found.append(reason("ADDRESS_INVALID", field="applicant.address"))
    for parent_field in ("father_name", "mother_name"):
        value = getattr(applicant, parent_field)
        if value:
            # Parents' names come from older records too: only the character rules are errors here.
            found += [
                r.model_copy(update={"field": f"applicant.{parent_field}"}) for r in validate_name(value)
            ]

    if applicant.birth_date > today:
        found.append(reason("BIRTH_DATE_IN_FUTURE", field="applicant.birth_date"))
    elif (
        age_on(applicant.birth_date, today) < MINIMUM_AGE
        and applicant.marital_status is MaritalStatus.BELUM_KAWIN
    ):
        found.append(
            reason(
                "AGE_NOT_ELIGIBLE",
                field="applicant.birth_date",
                measured=age_on(applicant.birth_date, today),
                threshold=MINIMUM_AGE,
            )
        )
    phone = re.sub(r"[\s-]", "", applicant.phone)
    if not _PHONE.match(phone):
        found.append(reason("PHONE_INVALID", field="applicant.phone"))

    errors = [r for r in found if r.severity == "error"]
    warnings = [r for r in found if r.severity == "warning"]
    return errors, warnings


def validate_contact(contact: Contact, applicant: Applicant) -> list[Reason]:
    """The channels a registration chose (Contact.resolved): at least one, each with its address. A record
    stored before the choice existed (channels None) is not judged: it is told as it always was."""
    if contact.channels is None:
        return []
    if not contact.channels:
        return [reason("NOTIFICATION_CHANNEL_REQUIRED", field="contact.channels")]
    address = {"email": applicant.email, "sms": applicant.phone, "whatsapp": applicant.phone}
    return [
        reason("NOTIFICATION_CHANNEL_UNREACHABLE", field="contact.channels", measured=channel)
        for channel in contact.channels
        if not address[channel]
    ]
