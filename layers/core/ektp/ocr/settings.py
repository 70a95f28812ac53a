"""The one place for document-OCR thresholds and limits, each overridable by OCR_<FIELD> (ektp.config's loader).

Loaded per document by `extract_document`; a value out of range is refused there, naming the variable."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from ektp.config import EnvSettings
from ektp.domain.filetypes import MAX_IMAGE_SIDE

EngineName = Literal["tesseract", "textract", "rapidocr"]


class OcrSettings(EnvSettings):
    env_prefix = "OCR_"

    engine: EngineName = "tesseract"  # OCR_ENGINE
    textract_region: str | None = None  # OCR_TEXTRACT_REGION; None: the function's own region
    # OCR_SECOND_ENGINE: reads photographed cards and pages the first engine read poorly ("" for none).
    second_engine: EngineName | Literal[""] = "rapidocr"
    # Mean word confidence of the first reading under which the second reads too.
    second_below: float = Field(default=0.80, ge=0.0, le=1.0)
    # Mean word confidence of a reading above which the page is upright (read upside down, Tesseract's words
    # score 0.3-0.4; the right way up 0.85-0.95, even on a page of no known type): no half turn is tried.
    upright_above: float = Field(default=0.60, ge=0.0, le=1.0)
    language: str = Field(default="ind", min_length=1)
    # More pages than this is not one civil-registry document: reject unread.
    max_pdf_pages: int = Field(default=10, ge=1)
    ocr_pages: int = Field(
        default=2, ge=1
    )  # pages rasterised and read (the second only if the first yields nothing)
    pdf_dpi: int = Field(default=200, ge=72, le=600)
    max_image_pixels: int = Field(default=40_000_000, gt=0)  # decompression-bomb guard
    # Longest side read: an A4 page at 600 dpi is 7,016 px; OpenCV's warps refuse sides past 32,767 (a long
    # strip of 800 x 33,000 px raised inside the pipeline after a minute's work).
    max_image_side: int = Field(default=MAX_IMAGE_SIDE, gt=0, le=32_000)
    target_text_height: float = Field(default=16.0, gt=0)  # px of median character height Tesseract is given
    min_scale: float = Field(default=0.4, gt=0)
    max_scale: float = Field(default=3.0, gt=0)
    max_width: int = Field(default=4000, gt=0)  # never upscale a page beyond this width (time and memory)
    blank_stddev: float = Field(default=6.0, ge=0)  # grey-level spread below which a page is blank
    min_words: int = Field(default=8, ge=0)  # fewer confident words than this: nothing readable on the page
    min_word_confidence: float = Field(default=0.30, ge=0.0, le=1.0)
    # Words read with less confidence get a second, isolated read.
    reread_below: float = Field(default=0.80, ge=0.0, le=1.0)
    classify_min_score: float = Field(default=2.0, ge=0)  # keyword score a type needs to be recognised
    tesseract_timeout_s: float = Field(default=30.0, gt=0)
    max_skew_deg: float = Field(default=15.0, ge=0, le=45)
    # onnxruntime intra-op threads of the second engine: one, as the function has about one vCPU per page.
    rapid_threads: int = Field(default=1, ge=1, le=16)
    # The second engine's text detector reads a page at this scale (its recogniser at full resolution): 0.8
    # read the variety set as 1.0 did, 15% cheaper; 0.6 lost fields of a KTP scanned on an A4 sheet.
    rapid_det_scale: float = Field(default=0.8, gt=0.2, le=2.0)

    @field_validator("textract_region", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        return value or None  # OCR_TEXTRACT_REGION="": the function's own region

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.min_scale > self.max_scale:
            raise ValueError(f"min_scale {self.min_scale} is above max_scale {self.max_scale}")
        if self.ocr_pages > self.max_pdf_pages:
            raise ValueError(f"ocr_pages {self.ocr_pages} is above max_pdf_pages {self.max_pdf_pages}")
        return self
