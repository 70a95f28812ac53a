"""The one place for document-OCR thresholds and limits, each overridable by OCR_<FIELD> (ektp.config's loader)."""

from __future__ import annotations

from pydantic import field_validator

from ektp.config import EnvSettings


class OcrSettings(EnvSettings):
    env_prefix = "OCR_"

    engine: str = "tesseract"  # OCR_ENGINE: "tesseract" (default) or "textract"
    textract_region: str | None = None  # OCR_TEXTRACT_REGION; None: the function's own region
    # OCR_SECOND_ENGINE: reads photographed cards and pages the first engine read poorly ("" for none).
    second_engine: str = "rapidocr"
    second_below: float = 0.80  # mean word confidence of the first reading under which the second reads too
    language: str = "ind"
    max_pdf_pages: int = 10  # more pages than this is not one civil-registry document: reject unread
    ocr_pages: int = 2  # pages rasterised and read (the second only if the first yields nothing)
    pdf_dpi: int = 200
    max_image_pixels: int = 40_000_000  # decompression-bomb guard
    target_text_height: float = 16.0  # px of median character height Tesseract is given
    min_scale: float = 0.4
    max_scale: float = 3.0
    max_width: int = 4000  # never upscale a page beyond this width (time and memory)
    blank_stddev: float = 6.0  # grey-level spread below which a page is blank
    min_words: int = 8  # fewer confident words than this: nothing readable on the page
    min_word_confidence: float = 0.30
    reread_below: float = 0.80  # words read with less confidence get a second, isolated read
    classify_min_score: float = 2.0  # keyword score a type needs to be recognised
    tesseract_timeout_s: float = 30.0
    max_skew_deg: float = 8.0

    @field_validator("textract_region", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        return value or None  # OCR_TEXTRACT_REGION="": the function's own region
