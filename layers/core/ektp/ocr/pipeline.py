"""extract_document: bytes in, OcrResult out. Bad input yields reasons, never an exception.

Only an engine failure (binary missing, Textract error) raises OcrEngineError: that is infrastructure, worth
a retry; a bad document is not, so it is answered once, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from statistics import fmean

import numpy as np

from ektp.domain.filetypes import jpeg_frame, sniff_content_type
from ektp.domain.nik import validate_nik
from ektp.domain.reasons import Reason, reason
from ektp.ocr import extract as ex
from ektp.ocr.bars import read_bars
from ektp.ocr.classify import classify, looks_like_letter
from ektp.ocr.engine import GreyImage, OcrEngine, OcrEngineError, OcrPage
from ektp.ocr.gloss import drop_glosses, labelled_in_english
from ektp.ocr.kk_table import head_from_members, member_digits
from ektp.ocr.member_blocks import members_from_blocks
from ektp.ocr.member_columns import members_from_columns
from ektp.ocr.member_decks import members_from_decks
from ektp.ocr.member_prose import members_from_prose
from ektp.ocr.models import DocumentKind, Field, OcrResult
from ektp.ocr.orientation import runs_sideways
from ektp.ocr.panels import joined_page
from ektp.ocr.pdf import PdfProblem, rasterise
from ektp.ocr.preprocess import (
    Preprocessed,
    UnreadableImage,
    VerticalRule,
    decode_colour,
    decode_image,
    preprocess,
)
from ektp.ocr.prose import strokes_as_i, struck_letter
from ektp.ocr.reread import improve_words
from ektp.ocr.screen import SCREEN_PEAK_RATIO, light_print_on_dark, screen_evidence
from ektp.ocr.settings import OcrSettings
from ektp.ocr.sides import documents_beside, same_document
from ektp.ocr.text import Line, page_lines, without_flat_marks
from ektp.ocr.validate import check_nik

IMAGE_TYPES = ("image/jpeg", "image/png")


def get_engine(name: str = "tesseract", settings: OcrSettings | None = None) -> OcrEngine:
    if name == "tesseract":
        from ektp.ocr.tesseract import TesseractEngine

        settings = (
            settings or OcrSettings.load()
        )  # OCR_LANGUAGE, OCR_TESSERACT_TIMEOUT_S as the operator set them
        return TesseractEngine(language=settings.language, timeout_s=settings.tesseract_timeout_s)
    if name == "textract":
        from ektp.ocr.textract import TextractEngine

        return TextractEngine(region=(settings or OcrSettings.load()).textract_region)
    if name == "rapidocr":
        return _rapid_engine()
    raise ValueError(f"unknown OCR engine {name!r} (tesseract, textract, rapidocr)")


@cache
def _rapid_engine() -> OcrEngine:
    """One per process: its models load once (checked, ~0.5 s) and serve every later page."""
    from ektp.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine()


def _fail(
    code: str,
    engine: str,
    pages: int = 0,
    declared: DocumentKind | None = None,
    **kw: int | str,
) -> OcrResult:
    return OcrResult(
        document_type=None,
        declared_type_matches=None if declared is None else False,
        reasons=[reason(code, **kw)],  # type: ignore[arg-type]
        pages=pages,
        engine=engine,
    )


def _noted(result: OcrResult, notes: list[str]) -> OcrResult:
    result.preprocess = notes
    return result


@dataclass
class _Page:
    grey: GreyImage
    colour: np.ndarray | None = None  # a photo's colours (finding a tinted card on a table)


def _load_pages(
    data: bytes, settings: OcrSettings
) -> tuple[list[_Page], int] | tuple[str, int, dict[str, int]]:
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
        return [_Page(image) for image in pdf.images], pdf.count
    if kind in IMAGE_TYPES:
        try:
            grey = decode_image(data, settings)
            return [_Page(grey, None if stored_grey(data) else decode_colour(data))], 1
        except UnreadableImage as problem:
            pixels = (
                {"measured": problem.pixels, "threshold": settings.max_image_pixels} if problem.pixels else {}
            )
            return problem.code, 0, pixels
    return "UPLOAD_TYPE_MISMATCH", 0, {}


def _dark_print_on_light(page: _Page) -> _Page:
    """A dark theme's light print on a dark ground, inverted: the binariser and the engines read dark on light."""
    if not light_print_on_dark(page.grey):
        return page
    colour = None if page.colour is None else np.asarray(255 - page.colour, dtype=np.uint8)
    return _Page(np.asarray(255 - page.grey, dtype=np.uint8), colour)


PNG_GREY_TYPES = (0, 4)  # IHDR colour types: grey, grey with alpha


def stored_grey(data: bytes) -> bool:
    """The file says it holds one grey channel (a PNG of a grey colour type, a JPEG of one component): a
    scan's usual form, with no colours to find a card by, so it is not decoded a second time in colour
    (a second full decode, 20-25 ms a page). Anything not plainly said (a palette, a header not parsed
    here) is decoded in colour as before, which answers for itself."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return len(data) > 25 and data[12:16] == b"IHDR" and data[25] in PNG_GREY_TYPES
    if not data.startswith(b"\xff\xd8"):
        return False
    frame = jpeg_frame(data)
    return frame is not None and frame[2] == 1  # one component


def extract_document(
    data: bytes,
    declared_type: DocumentKind | None = None,
    engine: OcrEngine | None = None,
    settings: OcrSettings | None = None,
    second: OcrEngine | None = None,
) -> OcrResult:
    """`engine` reads every page (Tesseract by default); `second` (rapidocr by default, per the settings)
    reads a photographed card and any page the first read poorly, and the better-validated reading wins."""
    settings = settings or OcrSettings.load()
    engine = engine or get_engine(settings.engine, settings)
    if second is None and settings.second_engine and settings.second_engine != engine.name:
        second = get_engine(settings.second_engine, settings)
    if not data:
        return _fail("UPLOAD_EMPTY", engine.name, declared=declared_type)
    loaded = _load_pages(data, settings)
    if isinstance(loaded[0], str):
        code, pages, extra = loaded
        return _fail(code, engine.name, pages, declared_type, **extra)
    images, page_count = loaded

    ran: list[str] = []  # the engines that read any page (what the document cost)
    blank_pages = 0
    unrecognised = 0  # pages with enough text, but of no form we know
    letters = 0  # of those, pages that read as a letter
    for stored in images:
        screen = screen_evidence(stored.grey)  # at the photo's own pixels, before any resampling
        if screen.is_screen:
            return _fail(
                "DOCUMENT_SCREEN_PHOTO",
                engine.name,
                page_count,
                declared_type,
                measured=round(screen.peak_ratio),
                threshold=round(SCREEN_PEAK_RATIO),
            )
        page_image = _dark_print_on_light(stored)
        # Only a KTP is a card: a page declared as another document is never cropped to one. Nor is a dark
        # theme's screen (a screenshot, whose panels are no card: a photo of a screen was refused above).
        cards = declared_type in (None, "ktp") and page_image is stored
        prepared = preprocess(page_image.grey, settings, page_image.colour, cards=cards)
        # Photographed (sheets, a page or a card found in it): perhaps a collage of two photos of one page.
        photographed = any(n.startswith(("sheets:", "page-warped", "card-warped")) for n in prepared.notes)
        joined = joined_page(page_image.grey) if photographed else None
        if joined is not None:
            prepared = preprocess(joined, settings, cards=False)
            prepared.notes.insert(0, "collage:2")
        if prepared.blank:
            blank_pages += 1
            continue
        level = _level_lines(page_image, prepared, settings, cards)
        best = _best_reading(engine, second, level, settings, ran)
        if level is not prepared and _read_short(best):
            # The turn was perhaps wrong (a long screenshot's rows blur at the measure's scale and its
            # left-aligned columns read as rows down the frame): read as it lay too, the better kept.
            best = _better(best, _best_reading(engine, second, prepared, settings, ran))
        if level.levelled is not None:
            # Its rows bend (a fold): read levelled too, keep the better. At most one more reading of the page
            # (two with the second engine), on every bent page: pages that read whole as they lay gained from
            # it too (measured), so it is not saved for the pages that read short.
            best = _better(best, _best_reading(engine, second, level.levelled, settings, ran))
        if best is None:
            continue
        if best.read.detected is None:
            unrecognised += 1  # text, but no form we know (a covering letter?): try the next page first
            letters += looks_like_letter(" ".join(ln.text for ln in best.read.lines))
            continue
        return _result(best, page_count, declared_type, settings)

    notes = ["engines:" + ",".join(dict.fromkeys(ran))] if ran else []
    if blank_pages == len(images):
        return _fail("DOCUMENT_BLANK", engine.name, page_count, declared_type)
    if letters and letters == unrecognised:
        return _noted(_fail("DOCUMENT_IS_LETTER", engine.name, page_count, declared_type), notes)
    if unrecognised and declared_type is not None:
        wrong = _fail(
            "DOCUMENT_WRONG_TYPE",
            engine.name,
            page_count,
            declared_type,
            measured="unknown",
            threshold=declared_type,
        )
        return _noted(wrong, notes)
    code = "DOCUMENT_NOT_RECOGNISED" if unrecognised else "DOCUMENT_UNREADABLE"
    return _noted(_fail(code, engine.name, page_count, declared_type), notes)


@dataclass
class _Read:
    prepared: Preprocessed
    page: OcrPage
    lines: list[Line]
    detected: DocumentKind | None
    enough: bool  # enough confident words to call the page readable
    engine: OcrEngine
    image: GreyImage  # what the engine read (the binarised page, or the grey one for a neural engine)
    confidence: float = 0.0  # mean confidence of the page's words of two characters or more


@dataclass
class _Reading:
    """One engine's reading of a page, parsed: fields, members and how much the validators confirm."""

    read: _Read
    fields: dict[str, Field] = field(default_factory=dict)
    members: list[dict[str, Field]] = field(default_factory=list)
    score: float = 0.0
    notes: list[str] = field(default_factory=list)


def _best_reading(
    engine: OcrEngine,
    second: OcrEngine | None,
    prepared: Preprocessed,
    settings: OcrSettings,
    ran: list[str],
) -> _Reading | None:
    """The page read by the first engine (turned half a circle if it reads as nothing upright) and, where
    that reading is weak or the page is a photographed card, by the second; the better-validated reading, or
    None when neither engine found enough text. `ran` gets the names of the engines that read the page."""
    first, turned = _read_upright(engine, prepared, settings)
    readings = [first] if first is not None else []
    ran.append(engine.name)
    if second is not None and _wants_second(first, prepared, settings):
        ran.append(second.name)
        try:
            again, _ = _read_upright(second, prepared, settings, turned)
        except OcrEngineError:
            again = None  # the second engine is an improvement, not a requirement: keep the first's reading
        if again is not None:
            readings.append(again)
    if not readings:
        return None
    for reading in readings:
        reading.notes.append("engines:" + ",".join(dict.fromkeys(ran)))  # which engines read (the cost)
    for reading in readings:
        if reading.read.detected is not None:
            _parse_reading(reading, settings)
    best = max(readings, key=lambda r: (r.read.detected is not None, r.score))
    _restore_spaces(best, [r for r in readings if r is not best and r.read.detected == best.read.detected])
    best.fields = strokes_as_i(best.fields)
    return best


# Fields (of the document and its members) a reading of a page turned a quarter finds at least to be kept
# without reading the page as it lay: any document's reading the right way up finds more.
TURNED_READS_AT_LEAST = 4


def _read_short(reading: _Reading | None) -> bool:
    if reading is None or reading.read.detected is None:
        return True
    return len(reading.fields) + sum(len(row) for row in reading.members) < TURNED_READS_AT_LEAST


def _better(first: _Reading | None, other: _Reading | None) -> _Reading | None:
    """The reading that found the form and whose fields the validators confirm more; the first on a tie, and
    the first when the other took the page for another type (a page is one document, not the likelier of
    two)."""
    if first is not None and other is not None and first.read.detected not in (None, other.read.detected):
        return first
    readings = [r for r in (first, other) if r is not None]
    return max(readings, key=lambda r: (r.read.detected is not None, r.score)) if readings else None


def _restore_spaces(best: _Reading, others: list[_Reading]) -> None:
    """A value another engine read with the same characters and more word breaks takes those breaks: a
    recogniser drops a narrow space (`FITRINURHAYATI`), it does not invent letters in one; the characters,
    and so the choice of reading, stay the winner's."""
    for name, f in list(best.fields.items()):
        for other in others:
            alt = other.fields.get(name)
            if (
                alt is not None
                and alt.value.replace(" ", "") == f.value.replace(" ", "")
                and alt.value.count(" ") > f.value.count(" ")
            ):
                best.fields[name] = Field(value=alt.value, confidence=f.confidence)


def _level_lines(page: _Page, prepared: Preprocessed, settings: OcrSettings, cards: bool) -> Preprocessed:
    """The page prepared again turned a quarter (clockwise) when its text lines run down the frame: a
    landscape form photographed with the phone upright and no EXIF tag to turn it. Whether the quarter was
    the right one is the reading's to find: upside down, it reads as nothing and `_read_upright` turns it
    half a circle. Upright pages (nearly all uploads) cost only the measure on the small page."""
    if not runs_sideways(prepared.image):
        return prepared
    grey = np.ascontiguousarray(np.rot90(page.grey, -1))
    colour = None if page.colour is None else np.ascontiguousarray(np.rot90(page.colour, -1))
    turned = preprocess(grey, settings, colour, cards=cards)
    if turned.blank:
        return prepared
    turned.notes.insert(0, "rotated:90")
    return turned


def _read_upright(
    engine: OcrEngine, prepared: Preprocessed, settings: OcrSettings, turned: bool | None = None
) -> tuple[_Reading | None, bool | None]:
    """The page read the right way up, and whether it is upside down (None: not known). `turned` is what an
    earlier engine found: then only that way is read."""
    # A neural engine reads the grey page, once; Tesseract the binarised one, its weak words read again.
    reread = not getattr(engine, "reads_grey", False)
    notes = list(prepared.notes)
    if turned:
        read = _recognise(engine, _turn(prepared), settings, reread=reread)
        notes.append("rotated:180")
    else:
        read = _recognise(engine, prepared, settings, reread=reread)
        if turned is None and read.detected is None and not _upright(read, reread, settings):
            # Upside down (a page scanned or photographed the wrong way round): read turned, keep what reads.
            # An upright page reads with confidence even when it is no form we know: no need to turn it.
            again = _recognise(engine, _turn(prepared), settings, reread=reread)
            if again.detected is not None:
                read, notes, turned = again, [*notes, "rotated:180"], True
    if turned is None and (read.detected is not None or _upright(read, reread, settings)):
        turned = False
    if not read.enough:
        return None, turned
    return _Reading(read, notes=[*notes, f"engine:{engine.name}"]), turned


def _upright(read: _Read, measured: bool, settings: OcrSettings) -> bool:
    """A reading confident enough to be the right way up; only for Tesseract (`measured`), whose confidences
    on pages turned and not were measured (0.3-0.4 against 0.85-0.95)."""
    return measured and read.enough and read.confidence >= settings.upright_above


def _wants_second(first: _Reading | None, prepared: Preprocessed, settings: OcrSettings) -> bool:
    """A photographed card (guilloche, glare: Tesseract's weak ground), a page the first engine could not
    read or classify, a low mean word confidence, a NIK that fails its validators, or a name with a letter
    read as a mark."""
    if prepared.card or first is None or first.read.detected is None:
        return True
    if first.read.confidence < settings.second_below:
        return True
    _parse_reading(first, settings)
    if struck_letter(first.fields):
        return True  # `SITUMO,ANG`: a letter struck half or specked, which the second engine may read whole
    if any(key not in first.fields for key in KEY_FIELDS.get(first.read.detected, ())):
        return True  # lines the first engine lost whole (a stain, a fold), read confidently where it did read
    return _has_nik(first.read.detected) and _valid_niks(first) == 0


# The fields every page of a type prints, whose absence says the reading lost part of the page.
KEY_FIELDS: dict[DocumentKind, tuple[str, ...]] = {
    "ktp": ("nik", "name"),
    "kk": ("number", "head_of_family"),
    "akta": ("name", "birth_date"),
    "skpwni": ("nik", "name"),
}


def _recognise(engine: OcrEngine, prepared: Preprocessed, settings: OcrSettings, *, reread: bool) -> _Read:
    image = prepared.image if reread or prepared.grey is None else prepared.grey
    page = engine.recognize(image)
    if reread:
        page.words = improve_words(engine, image, page.words, settings.reread_below)
    confident = [w for w in page.words if w.confidence >= settings.min_word_confidence and len(w.text) > 1]
    enough = len(confident) >= settings.min_words
    lines = page_lines(page) if enough else []
    detected = classify(" ".join(ln.text for ln in lines), settings.classify_min_score)[0] if enough else None
    words = [w.confidence for w in page.words if len(w.text) > 1]
    return _Read(prepared, page, lines, detected, enough, engine, image, fmean(words) if words else 0.0)


def _turn(prepared: Preprocessed) -> Preprocessed:
    """The page turned half a circle, its table rules with it."""
    h, w = prepared.image.shape
    rules = [VerticalRule(x=w - 1 - r.x, top=h - 1 - r.bottom, bottom=h - 1 - r.top) for r in prepared.rules]
    image = np.ascontiguousarray(np.rot90(prepared.image, 2))
    grey = None if prepared.grey is None else np.ascontiguousarray(np.rot90(prepared.grey, 2))
    return Preprocessed(
        image=image, blank=False, notes=prepared.notes, rules=rules, grey=grey, card=prepared.card
    )


def _parse_reading(reading: _Reading, settings: OcrSettings) -> None:
    """Fields and members of a classified reading (once), and its score: each field counts its confidence,
    each NIK that passes its structure and agrees with the birth date and sex beside it counts five more
    (the field everything keys on; a misread digit almost never passes)."""
    read = reading.read
    if reading.fields or reading.members or read.detected is None:
        return
    reading.fields, reading.members = _parse(
        read.detected, read.lines, read.page, read.prepared.rules, read.image, read.engine, read.prepared.grey
    )
    reading.score = _score(reading)
    _read_one_document(reading, read.detected, settings)


def _read_one_document(reading: _Reading, kind: DocumentKind, settings: OcrSettings) -> None:
    """A page of two documents side by side (`sides`) read as the one the page was read as, alone: the side
    titled as it, when it reads at least as well alone as the page whole; or, of two copies of one document
    whose every field both sides read agrees, the better read (the whole page's reading of them is each line
    run into the other copy's). Unchanged for a page of one document, or of two that differ."""
    read = reading.read
    beside = documents_beside(kind, read.page, settings.classify_min_score)
    if beside is None:
        return
    if beside.side is not None:
        alone = _parse_side(read, kind, beside.side)
        if alone.score >= reading.score:
            reading.fields, reading.members, reading.score = alone.fields, alone.members, alone.score
        return
    if beside.copies is None:
        return
    left, right = (_parse_side(read, kind, side) for side in beside.copies)
    if not same_document(left.fields, right.fields):
        return  # two documents of one kind (two people's cards, an old card beside a changed copy)
    best = max((left, right), key=lambda r: r.score)
    reading.fields, reading.members, reading.score = best.fields, best.members, best.score


def _parse_side(read: _Read, kind: DocumentKind, side: OcrPage) -> _Reading:
    """One side of the page parsed alone, with the table rules that stand on it."""
    x0, x1 = min(w.left for w in side.words), max(w.right for w in side.words)
    rules = [r for r in read.prepared.rules if x0 <= r.x <= x1]
    alone = _Reading(read)
    alone.fields, alone.members = _parse(
        kind, page_lines(side), side, rules, read.image, read.engine, read.prepared.grey
    )
    alone.score = _score(alone)
    return alone


def _score(reading: _Reading) -> float:
    found = sum(f.confidence for f in reading.fields.values())
    found += sum(f.confidence for row in reading.members for f in row.values())
    return found + 5.0 * _valid_niks(reading)


def _has_nik(kind: DocumentKind | None) -> bool:
    return kind in ("ktp", "kk", "akta")


def _valid_niks(reading: _Reading) -> int:
    return sum(_nik_checks(row) for row in [reading.fields, *reading.members])


def _nik_checks(fields: dict[str, Field]) -> bool:
    nik = fields.get("nik")
    if nik is None:
        return False
    birth = fields.get("birth_date")
    sex = fields.get("sex")
    try:
        born = date.fromisoformat(birth.value) if birth else None
    except ValueError:
        born = None
    check = validate_nik(
        nik.value,
        birth_date=born,
        sex=None if sex is None else ("M" if sex.value == "LAKI-LAKI" else "F"),
    )
    return check.valid and not any(w.code in ("NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH") for w in check.warnings)


SIDE_FIELDS = 3  # fields the declared document's side reads at least to be taken for it (not a stray column)


def _result(
    best: _Reading, page_count: int, declared_type: DocumentKind | None, settings: OcrSettings
) -> OcrResult:
    detected = best.read.detected
    assert detected is not None
    lines = best.read.lines
    if declared_type is not None and detected != declared_type:
        # Two documents side by side (an open folder: the parents' marriage Kutipan beside the birth one), the
        # page read as the other: the side titled as the document declared is that document.
        beside = documents_beside(declared_type, best.read.page, settings.classify_min_score)
        titled = beside.side if beside is not None else None
        side = _parse_side(best.read, declared_type, titled) if titled is not None else None
        if titled is not None and side is not None and len(side.fields) >= SIDE_FIELDS:
            side.notes = [*best.notes, "side:declared"]
            best, detected, lines = side, declared_type, page_lines(titled)
    result = OcrResult(
        document_type=detected,
        pages=page_count,
        engine=best.read.engine.name,
        preprocess=best.notes,
        text=[ln.text for ln in lines],
    )
    if declared_type is not None:
        result.declared_type_matches = detected == declared_type
        if detected != declared_type:
            result.reasons.append(
                reason("DOCUMENT_WRONG_TYPE", measured=detected or "unknown", threshold=declared_type)
            )
            return result
    if detected == "skpwni" and ex.lists_certificates(lines):
        # Several people's moves on one page: none of its values is the applicant's to check a claim on.
        result.text = []
        result.reasons.append(reason("DOCUMENT_LISTS_SEVERAL"))
        return result
    if detected == "ktp" and ex.lists_people(lines):
        # A card read with other people's values about it (lying on the family's KK, beside a second card, in a
        # letter naming others): its fields may be any of theirs.
        card = _card_among_people(best, lines)
        if card is None:
            result.text = []
            result.reasons.append(reason("DOCUMENT_SEVERAL_PEOPLE"))
            return result
        # The card's values only: the page's other lines are other people's (a claim found there is theirs).
        best, result.preprocess, result.text = card, card.notes, []
    result.fields = dict(best.fields)
    result.members = best.members
    # Named by the members' table only once the reading is chosen: a page whose header line was lost still
    # asks for the second engine (the head is one of the fields that decides it).
    if detected == "kk" and "head_of_family" not in result.fields:
        head = head_from_members(best.members)
        if head is not None:
            result.fields["head_of_family"] = head
    result.reasons.extend(_missing(detected, best.fields, best.members))
    return result


def _card_among_people(best: _Reading, lines: list[Line]) -> _Reading | None:
    """A card's reading on a page listing people, from the card's lines alone (of `lines`, the page or the
    side of it read; the table's set aside), kept only if it proves itself the card's: its NIK labelled and
    agreeing with its birth date and sex, its name on no KK head's line. Else None: no value on the page is
    shown to be the card holder's."""
    kept = ex.without_people(lines)
    if kept is None:
        return None
    read = best.read
    page = OcrPage(width=read.page.width, height=read.page.height, words=[w for ln in kept for w in ln.words])
    alone = _Reading(read, notes=[*best.notes, "people-set-aside"])
    own = page_lines(page)
    alone.fields, _ = _parse(
        "ktp", own, page, read.prepared.rules, read.image, read.engine, read.prepared.grey
    )
    fields = alone.fields
    if "birth_date" not in fields or "sex" not in fields or not _nik_checks(fields):
        return None
    if "name" in fields and not ex.named_on_its_line(fields["name"].value, own):
        return None
    return alone


def _parse(
    kind: DocumentKind,
    lines: list[Line],
    page: OcrPage,
    rules: list[VerticalRule],
    image: GreyImage,
    engine: OcrEngine,
    grey: GreyImage | None = None,
) -> tuple[dict[str, Field], list[dict[str, Field]]]:
    """`grey`: the page before thresholding, where a KK's print is told from a stamp's lighter ink."""
    unbarred, bar_rules = read_bars(page)  # a table drawn with characters: its bars out of the words
    if unbarred is not page:
        page, lines, rules = unbarred, page_lines(unbarred), [*rules, *bar_rules]
    # A bilingual akta's or register's English glosses out before any parser; a card's report labelled in
    # English alone keeps its labels.
    if not (kind == "ktp" and labelled_in_english(lines)):
        lines = drop_glosses(lines)
    lines = without_flat_marks(lines)  # a leader's dots read as letters, a colon read as `1`
    if kind == "kk":
        # Members in two-deck rows (a title band of two lines) read by their titles; else the KK's tables.
        decks = members_from_decks(lines) or members_from_columns(lines)  # two-deck rows; members as columns
        if decks:
            members = [m.as_dict() for m in decks]
        else:
            members = [m.as_dict() for m in ex.parse_kk_members(page, rules, image, engine, grey)]
        if not members:  # no member table: perhaps the members printed as blocks of labelled lines
            members = [m.as_dict() for m in members_from_blocks(lines)]
        if not members:  # ... or quoted in a letter as numbered paragraphs
            members = [m.as_dict() for m in members_from_prose(lines)]
        fields = ex.parse_kk(lines, image, engine, grey).as_dict()
        for row in members:
            member_digits(row, fields["number"].value if "number" in fields else None)
            check_nik(row)  # each member's NIK against the birth date and sex on its own row
        niks = {m["nik"].value for m in members if "nik" in m}
        if "number" in fields and fields["number"].value in niks:
            del fields["number"]  # a member's NIK taken for the family's number (its own line lost): none
        return fields, members
    if kind == "akta":
        return ex.parse_akta(lines, image, engine, grey).as_dict(), []
    if kind == "ktp":
        return ex.parse_ktp(lines, page, image, engine, grey).as_dict(), []
    if kind == "skpwni":
        return ex.parse_skpwni(lines, image, engine, grey).as_dict(), []
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
