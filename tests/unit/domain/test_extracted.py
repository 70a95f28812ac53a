"""A document's OCR reading as its record keeps it: typed, loaded from the shape stored before it was typed,
written back in that shape, and read alike by the claim checks and the verification stages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ektp.domain.application import DocumentType
from ektp.domain.claims import TEXT_KEY, Claim, check_claim, value_or_claim
from ektp.domain.extracted import Extracted, ReadField, read_value
from ektp.domain.records import DocumentRecord
from ektp.domain.status import DocumentStatus
from ektp.domain.verification import kk_member_for

STORED_KK = {
    "document_type": "kk",
    "fields": {"number": {"value": "3171012345678901", "confidence": 0.93}},
    "members": [
        {"nik": {"value": "3171010101900001", "confidence": 1}, "name": {"value": "SITI", "confidence": 0.8}}
    ],
    "text": ["KARTU KELUARGA", "No. 3171012345678901"],
    "pages": 1,
    "engine": "tesseract",
}
STORED_LETTER = {"pages": 2, "engine": "tesseract"}


def _record(extracted: dict[str, Any]) -> dict[str, Any]:
    now = datetime(2026, 12, 3, tzinfo=UTC).isoformat()
    return {
        "application_id": "A",
        "document_type": str(DocumentType.KK),
        "upload_id": "u1",
        "status": str(DocumentStatus.ACCEPTED),
        "object_key": "uploads/A/KK/u1",
        "declared_content_type": "application/pdf",
        "max_bytes": 1024,
        "created_at": now,
        "updated_at": now,
        "extracted": extracted,
    }


@pytest.mark.parametrize("stored", [STORED_KK, STORED_LETTER, {}], ids=["kk", "letter", "photo"])
def test_a_stored_reading_loads_typed_and_dumps_to_the_same_shape(stored: dict[str, Any]) -> None:
    record = DocumentRecord.model_validate(_record(stored))
    assert isinstance(record.extracted, Extracted)
    assert record.model_dump(mode="json")["extracted"] == stored
    assert record.extracted.empty is (stored == {})


def test_the_fields_and_member_rows_are_typed_values_with_their_confidence() -> None:
    extracted = DocumentRecord.model_validate(_record(STORED_KK)).extracted
    assert extracted.fields["number"] == ReadField(value="3171012345678901", confidence=0.93)
    assert extracted.members[0]["nik"].confidence == 1.0
    assert extracted.document_type == "kk" and extracted.text[0] == "KARTU KELUARGA"


def test_a_malformed_reading_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError) as raised:
        DocumentRecord.model_validate(_record({"fields": {"nik": {"value": "3171010101900001"}}}))
    assert "3171010101900001" not in str(raised.value)  # personal data stays out of errors and logs


@pytest.mark.parametrize(
    "fields",
    [
        {"nik": ReadField(value="3171010101900001", confidence=0.7)},
        {"nik": {"value": "3171010101900001", "confidence": 0.7}},
    ],
    ids=["typed", "as stored"],
)
def test_a_typed_field_reads_as_the_stored_one(fields: dict[str, Any]) -> None:
    assert read_value(fields, "nik") == ("3171010101900001", 0.7)
    assert read_value(fields, "name") == (None, 0.0)
    assert read_value({"nik": "3171010101900001"}, "nik") == ("3171010101900001", 1.0)  # a bare value: sure
    # 7 declared where 1 is read: a misread would explain it, and the reading is not sure.
    check = check_claim(Claim(field="nik", kind="number", value="3171010101900007"), [], fields)
    assert check.status == "not_found" and check.document_value == "3171010101900001"  # read, but not surely


def test_the_stages_read_a_typed_record_as_they_read_the_stored_map() -> None:
    typed = DocumentRecord.model_validate(_record(STORED_KK)).extracted
    as_stored = {**typed.fields, TEXT_KEY: typed.text}
    plain = {**STORED_KK["fields"], TEXT_KEY: STORED_KK["text"]}  # type: ignore[dict-item]
    for fields in (as_stored, plain):
        assert value_or_claim(fields, "number", "3171012345678901") == ("3171012345678901", 0.93)
    member = kk_member_for("3171010101900001", [dict(row) for row in typed.members])
    assert member is not None and read_value(member, "name") == ("SITI", 0.8)
