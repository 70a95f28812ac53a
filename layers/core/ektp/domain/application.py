"""The application form, application types and the documents each type needs.

Field names follow the KTP-el (UU 24/2013 art. 64(1)) and the KK. Region codes use the dotted Kemendagri
form: province `31`, regency `31.71`, district (kecamatan) `31.71.01`, village (kelurahan/desa) `31.71.01.1001`.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ApplicationType(StrEnum):
    NEW = "NEW"  # first card at 17 or at marriage
    REPLACEMENT_LOST = "REPLACEMENT_LOST"
    REPLACEMENT_DAMAGED = "REPLACEMENT_DAMAGED"
    DATA_CHANGE = "DATA_CHANGE"  # address, marital status, name correction, occupation
    MOVE = "MOVE"  # move of domicile, with the SKPWNI (surat keterangan pindah)


class DocumentType(StrEnum):
    KK = "KK"  # Kartu Keluarga: the family card, the base document of every application
    AKTA_KELAHIRAN = "AKTA_KELAHIRAN"  # birth certificate
    PHOTO = "PHOTO"  # the ID photo, red or blue background by birth year
    SELFIE = "SELFIE"  # a live selfie, compared with the photo
    SKPWNI = "SKPWNI"  # surat keterangan pindah WNI: the move letter
    MARRIAGE_CERTIFICATE = "MARRIAGE_CERTIFICATE"
    POLICE_REPORT = "POLICE_REPORT"  # surat kehilangan, for a lost card
    OLD_KTP = "OLD_KTP"  # the damaged card, for a replacement
    FINGERPRINT = "FINGERPRINT"  # right index finger from an office or kiosk scanner (500 dpi, greyscale)
    LIVENESS = "LIVENESS"  # the frames answering a liveness challenge, side by side in one image (3:4 each)

    @property
    def is_photo(self) -> bool:
        return self in (DocumentType.PHOTO, DocumentType.SELFIE)

    @property
    def is_image_only(self) -> bool:
        """A capture, never a scanned paper: no PDF."""
        return self.is_photo or self in (DocumentType.FINGERPRINT, DocumentType.LIVENESS)


Sex = Literal["M", "F"]  # LAKI-LAKI / PEREMPUAN


class Religion(StrEnum):
    ISLAM = "ISLAM"
    KRISTEN = "KRISTEN"
    KATHOLIK = "KATHOLIK"
    HINDU = "HINDU"
    BUDHA = "BUDHA"
    KHONGHUCU = "KHONGHUCU"
    KEPERCAYAAN = "KEPERCAYAAN TERHADAP TUHAN YME"


class BloodType(StrEnum):
    A = "A"
    B = "B"
    AB = "AB"
    O = "O"  # noqa: E741 - the blood group's own name
    A_POS = "A+"
    A_NEG = "A-"
    B_POS = "B+"
    B_NEG = "B-"
    AB_POS = "AB+"
    AB_NEG = "AB-"
    O_POS = "O+"
    O_NEG = "O-"
    UNKNOWN = "TIDAK TAHU"


class MaritalStatus(StrEnum):
    BELUM_KAWIN = "BELUM KAWIN"
    KAWIN = "KAWIN"
    CERAI_HIDUP = "CERAI HIDUP"
    CERAI_MATI = "CERAI MATI"


class Citizenship(StrEnum):
    WNI = "WNI"  # Indonesian citizen
    WNA = "WNA"  # foreigner with a permanent stay permit (ITAP)


# ASCII digits: \d in a pattern also matches other scripts' digits (Arabic-Indic ١٢, full-width ３１).
ProvinceCode = Field(pattern=r"^[0-9]{2}$", examples=["31"])
RegencyCode = Field(pattern=r"^[0-9]{2}\.[0-9]{2}$", examples=["31.71"])
DistrictCode = Field(pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$", examples=["31.71.01"])
VillageCode = Field(pattern=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$", examples=["31.71.01.1001"])


class Applicant(BaseModel):
    """The resident's personal data as on the KK. Shape only: the rules live in domain.validation."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, hide_input_in_errors=True)

    full_name: str = Field(min_length=1, max_length=60)
    nik: str = Field(min_length=1, max_length=32, description="Nomor Induk Kependudukan, 16 digits")
    kk_number: str = Field(min_length=1, max_length=32, description="Kartu Keluarga number, 16 digits")
    place_of_birth: str = Field(min_length=2, max_length=60)
    birth_date: date
    sex: Sex
    blood_type: BloodType = BloodType.UNKNOWN
    religion: Religion
    marital_status: MaritalStatus
    occupation: str = Field(min_length=2, max_length=60)
    citizenship: Citizenship = Citizenship.WNI
    address: str = Field(min_length=3, max_length=120, description="Street and house number (alamat)")
    rt: str = Field(pattern=r"^[0-9]{1,3}$", description="Rukun Tetangga (neighbourhood unit)")
    rw: str = Field(pattern=r"^[0-9]{1,3}$", description="Rukun Warga (community unit)")
    province_code: str = ProvinceCode
    regency_code: str = RegencyCode
    district_code: str = DistrictCode
    village_code: str = VillageCode
    postal_code: str = Field(pattern=r"^[0-9]{5}$")
    phone: str = Field(min_length=8, max_length=16)
    # Checked as an address where a resident enters it (domain.forms.ApplicantForm); stored records carry the
    # checked value, so reading one needs no email validator (a cold-start cost for every other function).
    email: str | None = Field(default=None, max_length=254)
    father_name: str | None = Field(default=None, max_length=60)
    mother_name: str | None = Field(default=None, max_length=60)

    @field_validator(
        "full_name", "place_of_birth", "occupation", "address", "phone", "email", "father_name", "mother_name"
    )
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        # Printed on the card and shown in officers' screens, logs and letters: a NUL, a line break or an
        # escape sequence there is never data.
        if value is not None and not is_printable_text(value):
            raise ValueError("contains a control or invisible format character")
        return value


def is_printable_text(value: str) -> bool:
    """No control, format, separator-line or unassigned characters (Unicode categories C*, Zl, Zp)."""
    return not any(
        unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in value
    )


def is_message_text(value: str) -> bool:
    """Free text a person writes (a help message): printable, with its own line breaks and tabs, and the joiner
    that makes one emoji of several (a family, a flag). Bidi overrides, zero-width spaces and control characters
    stay refused: they make a staff screen show other text."""
    layout = value.replace("\r\n", "").replace("\n", "").replace("\t", "").replace(_EMOJI_JOINER, "")
    return is_printable_text(layout)


_EMOJI_JOINER = "\u200d"  # ZERO WIDTH JOINER: format category, yet part of every emoji sequence


def message_text(value: str) -> str:
    """A pydantic AfterValidator for free text a person writes and staff read (help messages, an officer's review
    or field-visit note kept on the audit trail): the characters of is_message_text only."""
    if not is_message_text(value):
        raise ValueError("contains a control or invisible format character")
    return value


NotificationChannel = Literal["email", "sms", "whatsapp"]
NOTIFICATION_CHANNELS: tuple[NotificationChannel, ...] = ("email", "sms", "whatsapp")
_FLAG_OF: dict[NotificationChannel, str] = {
    "email": "notify_email",
    "sms": "notify_sms",
    "whatsapp": "notify_whatsapp",
}


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Literal["id", "en"] = "id"
    # The channels the resident chose (issue 20 item 9: SMS only when chosen). A registration stores them
    # resolved (`resolved`, checked by domain.validation.validate_contact). None: a record stored before the
    # choice existed, which keeps being told as before, by the notify_* flags below (e-mail and SMS unless
    # it said otherwise); old records stay readable and change nothing.
    channels: tuple[NotificationChannel, ...] | None = Field(
        default=None,
        description="Where to be told of each status change: email (needs applicant.email), sms, whatsapp "
        "(the phone). Not given: email when there is an address, else the registration is refused "
        "(NOTIFICATION_CHANNEL_REQUIRED).",
    )
    notify_email: bool = Field(default=True, description="Deprecated: use channels")
    notify_sms: bool = Field(default=True, description="Deprecated: use channels")
    # WhatsApp: sent where the deployment has a WhatsApp number. What leaves the country then: the phone
    # number and the status sentence (ektp.adapters.whatsapp).
    notify_whatsapp: bool = Field(default=False, description="Deprecated: use channels")

    @field_validator("channels")
    @classmethod
    def _one_of_each(
        cls, value: tuple[NotificationChannel, ...] | None
    ) -> tuple[NotificationChannel, ...] | None:
        # One order for one choice: the stored record and an idempotent retry's body compare equal.
        return None if value is None else tuple(c for c in NOTIFICATION_CHANNELS if c in value)

    def wants(self, channel: NotificationChannel) -> bool:
        """Whether the resident is told on `channel`: the choice, else (an old record) its flag."""
        if self.channels is not None:
            return channel in self.channels
        return bool(getattr(self, _FLAG_OF[channel]))

    def resolved(self, email: str | None) -> Contact:
        """A request's choice as stored: the channels it names, else the flags a client set to true (the
        form before `channels`), else e-mail when the resident gave an address; possibly none, which
        validate_contact refuses. The flags are written to match, for any reader of the old fields."""
        if self.channels is not None:
            chosen = set(self.channels)
        else:
            chosen = {c for c, f in _FLAG_OF.items() if f in self.model_fields_set and getattr(self, f)}
            if not chosen and email:
                chosen = {"email"}
        flags = {f: c in chosen for c, f in _FLAG_OF.items()}
        return Contact.model_validate({"language": self.language, "channels": tuple(chosen), **flags})


# Documents each type needs (Perpres 96/2018 art. 15; office practice for the akta). The photo and selfie
# are how an online application replaces the visit for the face record.
REQUIRED_DOCUMENTS: dict[ApplicationType, tuple[DocumentType, ...]] = {
    ApplicationType.NEW: (
        DocumentType.KK,
        DocumentType.AKTA_KELAHIRAN,
        DocumentType.PHOTO,
        DocumentType.SELFIE,
    ),
    ApplicationType.REPLACEMENT_LOST: (
        DocumentType.KK,
        DocumentType.POLICE_REPORT,
        DocumentType.PHOTO,
        DocumentType.SELFIE,
    ),
    ApplicationType.REPLACEMENT_DAMAGED: (
        DocumentType.KK,
        DocumentType.OLD_KTP,
        DocumentType.PHOTO,
        DocumentType.SELFIE,
    ),
    ApplicationType.DATA_CHANGE: (DocumentType.KK, DocumentType.PHOTO, DocumentType.SELFIE),
    ApplicationType.MOVE: (DocumentType.KK, DocumentType.SKPWNI, DocumentType.PHOTO, DocumentType.SELFIE),
}

# Supporting documents a resident may add to any type (e.g. a marriage certificate for a data change).
# A fingerprint comes from a Dukcapil office or kiosk scanner: checked against the enrolled one and fused
# with the face in the 1:N search when present.
OPTIONAL_DOCUMENTS: tuple[DocumentType, ...] = (
    DocumentType.MARRIAGE_CERTIFICATE,
    DocumentType.AKTA_KELAHIRAN,
    DocumentType.FINGERPRINT,
    DocumentType.LIVENESS,
)


def required_documents(
    application_type: ApplicationType, applicant: Applicant, today: date
) -> list[DocumentType]:
    """The documents this application must have before it can be submitted."""
    docs = list(REQUIRED_DOCUMENTS[application_type])
    # Under 17 the card is only possible through marriage (UU 24/2013 art. 63(1)): the certificate proves it.
    if age_on(applicant.birth_date, today) < 17 and DocumentType.MARRIAGE_CERTIFICATE not in docs:
        docs.append(DocumentType.MARRIAGE_CERTIFICATE)
    return docs


def allowed_documents(application_type: ApplicationType) -> set[DocumentType]:
    return set(REQUIRED_DOCUMENTS[application_type]) | set(OPTIONAL_DOCUMENTS)


def age_on(birth_date: date, today: date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


# What an upload may be. Photos are images only; paper documents may also be scanned to PDF.
IMAGE_TYPES = ("image/jpeg", "image/png")
DOCUMENT_CONTENT_TYPES = (*IMAGE_TYPES, "application/pdf")
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024


def allowed_content_types(document_type: DocumentType) -> tuple[str, ...]:
    return IMAGE_TYPES if document_type.is_image_only else DOCUMENT_CONTENT_TYPES


def max_upload_bytes(document_type: DocumentType) -> int:
    return MAX_PHOTO_BYTES if document_type.is_image_only else MAX_DOCUMENT_BYTES
