"""extract_document: bytes in, OcrResult out. Bad input yields reasons, never an exception.

Only an engine failure (binary missing, Textract error) raises OcrEngineError: that is infrastructure, worth
a retry; a bad document is not, so it is answered once, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ektp.domain.filetypes import sniff_content_type
from ektp.domain.reasons import Reason, reason
from ektp.ocr import extract as ex
from ektp.ocr.classify import classify
from ektp.ocr.engine import GreyImage, OcrEngine, OcrPage
from ektp.ocr.models import DocumentKind, Field, OcrResult
from ektp.ocr.pdf import PdfProblem, rasterise
from ektp.ocr.preprocess import Preprocessed, UnreadableImage, VerticalRule, decode_image, preprocess
from ektp.ocr.reread import improve_words
from ektp.ocr.settings import OcrSettings
from ektp.ocr.text import Line, page_lines
from ektp.ocr.validate import check_nik

IMAGE_TYPES = ("image/jpeg", "image/png")


def get_engine(name: str = "tesseract") -> OcrEngine:
    if name == "tesseract":
        from ektp.ocr.tesseract import TesseractEngine

        return TesseractEngine(language=OcrSettings().language)
    if name == "textract":
        from ektp.ocr.textract import TextractEngine

        return TextractEngine(region=OcrSettings.load().textract_region)
    raise ValueError(f"unknown OCR engine {name!r} (tesseract, textract)")


def _fail(
    code: str, engine: str, pages: int = 0, declared: DocumentKind | None = None, **kw: int | str
) -> OcrResult:
    return OcrResult(
        document_type=None,
        declared_type_matches=None if declared is None else False,
        reasons=[reason(code, **kw)],  # type: ignore[arg-type]
        pages=pages,
        engine=engine,
    )


def _load_pages(
    data: bytes, settings: OcrSettings
) -> tuple[list[GreyImage], int] | tuple[str, int, dict[str, int]]:
    kind = sniff_content_type(data[:16])
    if kind == "application/pdf":
        try:
            pdf = rasterise(
                data, max_pages=settings.max_pdf_pages, read_pages=settings.ocr_pages, dpi=settings.pdf_dpi
            )
        except PdfProblem as problem:
            extra = (
                {"measured": problem.pages, "threshold": settings.max_pdf_pages}
                if problem.code == "PDF_TOO_MANY_PAGES"
                else {}
            )
            return problem.code, problem.pages, extra
        return pdf.images, pdf.count
    if kind in IMAGE_TYPES:
        try:
            return [decode_image(data, settings)], 1
        except UnreadableImage as problem:
            pixels = (
                {"measured": problem.pixels, "threshold": settings.max_image_pixels} if problem.pixels else {}
            )
            return problem.code, 0, pixels
    return "UPLOAD_TYPE_MISMATCH", 0, {}


def extract_document(
    data: bytes,
    declared_type: DocumentKind | None = None,
    engine: OcrEngine | None = None,
    settings: OcrSettings | None = None,
) -> OcrResult:
    settings = settings or OcrSettings.load()
    engine = engine or get_engine(settings.engine)
    if not data:
        return _fail("UPLOAD_EMPTY", engine.name, declared=declared_type)
    loaded = _load_pages(data, settings)
    if isinstance(loaded[0], str):
        code, pages, extra = loaded
        return _fail(code, engine.name, pages, declared_type, **extra)
    images, page_count = loaded

    blank_pages = 0
    unrecognised = 0  # pages with enough text, but of no form we know
    notes: list[str] = []
    for image in images:
        prepared = preprocess(image, settings)
        notes = prepared.notes
        if prepared.blank:
            blank_pages += 1
            continue
        read = _recognise(engine, prepared, settings)
        if read.detected is None:
            # Upside down (a page scanned or photographed the wrong way round): read turned, keep what reads.
            turned = _recognise(engine, _turn(prepared), settings)
            if turned.detected is not None:
                read = turned
                notes = [*notes, "rotated:180"]
        if not read.enough:
            continue
        page, lines, detected, prepared = read.page, read.lines, read.detected, read.prepared
        if detected is None:
            unrecognised += 1  # text, but no form we know (a covering letter?): try the next page first
            continue
        result = OcrResult(
            document_type=detected,
            pages=page_count,
            engine=engine.name,
            preprocess=notes,
            text=[ln.text for ln in lines],
        )
        if declared_type is not None:
            result.declared_type_matches = detected == declared_type
            if detected != declared_type:
                result.reasons.append(
                    reason("DOCUMENT_WRONG_TYPE", measured=detected or "unknown", threshold=declared_type)
                )
                return result
        fields, members = _parse(detected, lines, page, prepared.rules, prepared.image, engine)
        result.fields = fields
        result.members = members
        result.reasons.extend(_missing(detected, fields, members))
        return result

    if blank_pages == len(images):
        return _fail("DOCUMENT_BLANK", engine.name, page_count, declared_type)
    if unrecognised and declared_type is not None:
        return _fail(
            "DOCUMENT_WRONG_TYPE",
            engine.name,
            page_count,
            declared_type,
            measured="unknown",
            threshold=declared_type,
        )
    code = "DOCUMENT_NOT_RECOGNISED" if unrecognised else "DOCUMENT_UNREADABLE"
    return _fail(code, engine.name, page_count, declared_type)


@dataclass
class _Read:
    prepared: Preprocessed
    page: OcrPage
    lines: list[Line]
    detected: DocumentKind | None
    enough: bool  # enough confident words to call the page readable


def _recognise(engine: OcrEngine, prepared: Preprocessed, settings: OcrSettings) -> _Read:
    page = engine.recognize(prepared.image)
    page.words = improve_words(engine, prepared.image, page.words, settings.reread_below)
    confident = [w for w in page.words if w.confidence >= settings.min_word_confidence and len(w.text) > 1]
    enough = len(confident) >= settings.min_words
    lines = page_lines(page) if enough else []
    detected = classify(" ".join(ln.text for ln in lines), settings.classify_min_score)[0] if enough else None
    return _Read(prepared, page, lines, detected, enough)


def _turn(prepared: Preprocessed) -> Preprocessed:
    """The page turned half a circle, its table rules with it."""
    h, w = prepared.image.shape
    rules = [VerticalRule(x=w - 1 - r.x, top=h - 1 - r.bottom, bottom=h - 1 - r.top) for r in prepared.rules]
    image = np.ascontiguousarray(np.rot90(prepared.image, 2))
    return Preprocessed(image=image, blank=False, notes=prepared.notes, rules=rules)


def _parse(
    kind: DocumentKind,
    lines: list[Line],
    page: OcrPage,
    rules: list[VerticalRule],
    image: GreyImage,
    engine: OcrEngine,
) -> tuple[dict[str, Field], list[dict[str, Field]]]:
    if kind == "kk":
        members = [m.as_dict() for m in ex.parse_kk_members(page, rules, image, engine)]
        for row in members:
            check_nik(row)  # each member's NIK against the birth date and sex on its own row
        return ex.parse_kk(lines).as_dict(), members
    if kind == "akta":
        return ex.parse_akta(lines).as_dict(), []
    if kind == "ktp":
        return ex.parse_ktp(lines, page, image, engine).as_dict(), []
    if kind == "skpwni":
        return ex.parse_skpwni(lines).as_dict(), []
    return ex.parse_marriage(lines).as_dict(), []


def _missing(kind: DocumentKind, fields: dict[str, Field], members: list[dict[str, Field]]) -> list[Reason]:
    """A warning per expected field that was not read: the resident (or an officer) fills it in."""
    from ektp.ocr.models import FIELD_MODELS, KkMember

    out = [
        reason("DOCUMENT_FIELD_UNREADABLE", severity="warning", field=name)
        for name in FIELD_MODELS[kind].model_fields
        if name not in fields and kind != "marriage"
    ]
    if kind == "kk":
        if not members:
            out.append(reason("DOCUMENT_FIELD_UNREADABLE", severity="warning", field="members"))
        for i, member in enumerate(members):
            out.extend(
                reason("DOCUMENT_FIELD_UNREADABLE", severity="warning", field=f"members[{i}].{name}")
                for name in KkMember.model_fields
                if name not in member
            )
    return out
