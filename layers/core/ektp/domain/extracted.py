"""What OCR read from a paper document, as its document record keeps it for the verification stages.

Pure: the OCR engine (ektp.ocr) builds its results from these field values, and the domain reads them without
importing the engine. A record stored before this model (a plain dict of the same keys) loads as it is; the
record stores only the keys that were set, so what DynamoDB holds keeps its shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ReadField(BaseModel):
    """One value as printed on the page (normalised), with the engine's confidence (0..1)."""

    model_config = ConfigDict(frozen=True)

    value: str
    confidence: float


class Extracted(BaseModel):
    """A document's OCR reading: the fields of its form, a KK's member rows, and the page's lines."""

    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True)

    document_type: str | None = None  # the form it was read as (an ektp.ocr DocumentKind); None: not one
    fields: dict[str, ReadField] = Field(default_factory=dict)
    members: list[dict[str, ReadField]] = Field(default_factory=list)
    # The page's text, line by line in reading order, for the claim checks (ektp.domain.claims). Personal data.
    text: list[str] = Field(default_factory=list)
    pages: int = 0
    engine: str = ""

    def stored(self) -> dict[str, Any]:
        """The keys that were set, as JSON values: the shape the document record has always stored."""
        return self.model_dump(mode="json", exclude_unset=True)

    @property
    def empty(self) -> bool:
        return not self.model_fields_set


def read_value(fields: Mapping[str, Any] | None, name: str) -> tuple[str | None, float]:
    """(value, confidence) of one field: a ReadField, its stored {value, confidence}, or a bare value (sure)."""
    found = (fields or {}).get(name)
    if not found:
        return None, 0.0
    if isinstance(found, ReadField):
        return found.value or None, found.confidence
    if isinstance(found, Mapping):
        return (str(found.get("value") or "") or None), float(found.get("confidence", 1.0))
    return str(found), 1.0
