"""Per-type field extraction from OCR lines, whatever the layout.

Labelled values come from `forms` (label wordings per field, values beside or under their label); the akta's
birth sentence from `prose`; the SKPWNI's origin and destination from its section headings, from labels that
say which address they are (`Alamat Tujuan`), or from a table's column headings; the KK's members from
`kk_table`. Every reading is a candidate: validators (`validate`) pick the one that passes and correct region
names and postal codes against the code list.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from statistics import median

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ektp.domain.nik import could_be_misread
from ektp.ocr import grammar, prose
from ektp.ocr import text as t
from ektp.ocr import validate as v
from ektp.ocr.engine import GreyImage, OcrEngine, OcrPage, OcrWord
from ektp.ocr.forms import (
    CODE_AND_NAME,
    COLONS,
    Hit,
    Labels,
    _drop_colon,
    cell_border,
    find_label,
    join_wrapped_labels,
    qualifier_side,
    read_labelled,
    split_label,
    strip_enumeration,
    words_text,
)
from ektp.ocr.kk_table import (
    CELL_GLYPH_HEIGHT,
    KK_TABLE1,
    KK_TABLE2,
    UNSURE_READING,
    _context_words,
    parse_kk_members,
)
from ektp.ocr.member_prose import opens_a_member
from ektp.ocr.models import AktaFields, Field, KkFields, KtpFields, MarriageFields, SkpwniFields
from ektp.ocr.normalise import fold_accents, normalise, rt_rw
from ektp.ocr.print_ink import PRINT_LEVELS, Crop, ink_levels, print_only, reread_print
from ektp.ocr.print_ink import strip as print_strip
from ektp.ocr.reread import DASH, Box, _split_word, reread
from ektp.ocr.text import Line, Segment, make_field, overlap, under_which
from ektp.ocr.ticks import printed_options, read_ticks

__all__ = [
    "CELL_GLYPH_HEIGHT",
    "KK_TABLE1",
    "KK_TABLE2",
    "_context_words",
    "normalise",
    "parse_akta",
    "parse_kk",
    "parse_kk_members",
    "parse_ktp",
    "parse_marriage",
    "parse_skpwni",
]

Candidates = dict[str, list[Field]]

# Wordings shared by the forms' address blocks.
ADDRESS_LABELS: dict[str, tuple[str, ...]] = {
    "address": ("Alamat", "Alamat Lengkap", "Alamat Rumah", "Jalan/Dusun", "Almt"),  # `Almt`: a report's short form
    "rt_rw": ("RT/RW", "RT / RW", "RT RW"),
    "rt": ("RT",),
    "rw": ("RW",),
    "village": (
        "Kel/Desa", "Kelurahan/Desa", "Desa/Kelurahan", "Desa/Kel", "Kelurahan", "Desa", "Kel. Desa",
    ),
    "district": ("Kecamatan", "Kec."),
    "regency": ("Kabupaten/Kota", "Kab/Kota", "Kab./Kota", "Kota/Kabupaten"),
    "province": ("Provinsi", "Propinsi", "Prov.", "Prop."),
    "postal_code": ("Kode Pos", "Kodepos", "Kd. Pos", "Kd Pos"),  # `Kd. Pos`: a cramped form's abbreviation
}  # fmt: skip
BIRTH_LABELS: dict[str, tuple[str, ...]] = {
    "birth": (
        "Tempat/Tgl Lahir", "Tempat Tgl Lahir", "Tempat/Tanggal Lahir", "Tempat dan Tanggal Lahir",
        "Tempat, Tanggal Lahir", "Tempat & Tgl Lahir", "TTL",
    ),
    # `Tmp`: the receipts' and registers' short form of `Tempat`.
    "place_of_birth": ("Tempat Lahir", "Tmp Lahir", "Tmp. Lahir"),
    "birth_date": ("Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir"),
}  # fmt: skip


def _collect(hits: list[Hit], prefix_of: Callable[[Hit], str] = lambda h: "") -> Candidates:
    """Each hit normalised into candidates per field (a `Tempat/Tgl Lahir` or `RT/RW` value into two)."""
    out: Candidates = {}

    def add(key: str, f: Field | None) -> None:
        if f is not None:
            out.setdefault(key, []).append(f)

    for hit in hits:
        prefix = prefix_of(hit)
        raw = words_text(hit.words)
        if hit.key == "birth" or (hit.key == "place_of_birth" and _date_after_place(raw)):
            place, when = split_birth(raw)
            add("place_of_birth", normalise("place_of_birth", place, hit.words))
            add("birth_date", normalise("birth_date", when, hit.words))
        elif hit.key.endswith("rt_rw"):
            side = hit.key.removesuffix("rt_rw")
            pair = rt_rw(raw)
            if pair is not None:
                for sub, value in zip(("rt", "rw"), pair, strict=True):
                    add(prefix + side + sub, make_field(hit.words, value))
        elif hit.key.endswith("rt") and (both := _rt_then_rw(hit.words)) is not None:
            side = hit.key.removesuffix("rt")
            for sub, words in zip(("rt", "rw"), both, strict=True):
                add(prefix + side + sub, normalise(prefix + side + sub, words_text(words), words))
        elif hit.key == "akta_number":
            words = _register_number_word(hit.words)
            number = grammar.akta_number(words_text(words))
            add("number", make_field(words, number) if number and not _sentence_words(words) else None)
        elif hit.key in _CHOICES:
            # The whole row: a form may print every option after the chosen number, in columns.
            row = [*hit.words, *(w for other in hit.alternates for w in other)]
            add(prefix + hit.key, normalise(hit.key, words_text(row), row))  # `1.` is an option, no colon
        else:
            if hit.label.startswith(CODE_AND_NAME):
                hit.words = _past_the_code(hit.words)  # `Kode - Nama Kecamatan : 0 7 UJUNGPANGKAH`
                raw = words_text(hit.words)
            found = _normalise(prefix + hit.key, raw, hit.words)
            for other in hit.alternates if found is None else []:
                found = found or _normalise(prefix + hit.key, words_text(other), other)
            if found is None and hit.key.endswith("date") and hit.alternates:
                # `Tgl [0|1]   Bln [1|0]   Thn [2|0|2|6]`: a date's parts spaced apart read as phrases apart.
                row = [*hit.words, *(w for other in hit.alternates for w in other)]
                found = _normalise(prefix + hit.key, words_text(row), row)
            add(prefix + hit.key, found)
    return out


def _past_the_code(words: list[OcrWord]) -> list[OcrWord]:
    """The region's name after its code, on a form whose label says it prints both: one code, a word of digits
    (`2006 BANYUURIP`, `35.25.07 UJUNGPANGKAH`) or a run of boxes of a digit each (`0 7 UJUNGPANGKAH`); a number
    after it is the name's own (Palembang's `1005 16 ILIR`). The code alone stays (the name may be the next
    phrase, tried as an alternate)."""
    if words and re.fullmatch(r"\d[\d.]+", words[0].text):
        return words[1:] or words
    n = 0
    while n < len(words) and re.fullmatch(r"\d", words[n].text):
        n += 1
    return (words[n:] or words) if n >= 2 else words


_COLON_LIKE = "1lI|i!:;"
_CHOICES = frozenset(("move_reason", "move_classification", "move_type"))
_RW_READINGS = frozenset(("RW", "RVV", "RVI", "RWL"))


def _rt_then_rw(words: list[OcrWord]) -> tuple[list[OcrWord], list[OcrWord]] | None:
    """`RT [001] RW [003]`: forms that box each number print both labels on one line with no colon, so the
    RT's value runs on into the RW label: split there (an RT value is a number, never a word `RW`)."""
    for i, w in enumerate(words):
        if t.compact(w.text) in _RW_READINGS and i + 1 < len(words):
            return words[:i], _drop_colon(words[i + 1 :])
    return None


def _normalise(key: str, raw: str, words: list[OcrWord]) -> Field | None:
    """A value no grammar accepts is tried once more without a leading colon-like glyph (`1015` for RT
    `015`: the colon printed close before the value and read as part of it)."""
    found = normalise(key, raw, words)
    stripped = raw.lstrip()
    if found is None and stripped[:1] in _COLON_LIKE:
        found = normalise(key, stripped[1:], words)
    return found


def _date_after_place(raw: str) -> bool:
    """A place's value that runs on into a date (`GRESIK. 12/12/1984`): its label was `Tempat/Tgl Lahir` read
    with the `Tgl` lost (`Tempat/1gi Lahir`), so the value is the place and the date, not a place alone."""
    place, when = split_birth(raw)
    return bool(re.search(r"[A-Za-z]{2}", place)) and normalise("birth_date", when, []) is not None


def split_birth(raw: str) -> tuple[str, str]:
    # At the first comma before a digit: a date's own dot read as a comma (`26.11, 2002`) stays in the date.
    m = re.search(r",\s*(?=\d)", raw)
    if m:
        return raw[: m.start()], raw[m.end() :]
    place, _, when = raw.rpartition(",")
    if place:
        return place, when
    m = re.search(r"\d", raw)
    return (raw[: m.start()], raw[m.start() :]) if m else (raw, "")


def _choose(
    candidates: Candidates, prefer: dict[str, Callable[[str], bool]] | None = None
) -> dict[str, Field]:
    """Per field the first candidate its validator accepts, else the first read."""
    prefer = prefer or {}
    out: dict[str, Field] = {}
    for key, found in candidates.items():
        check = prefer.get(key)
        good = [f for f in found if check(f.value)] if check else []
        out[key] = (good or found)[0]
    return out


def _consumed(hits: list[Hit]) -> set[int]:
    return {id(w) for h in hits for w in h.words}


# --- KTP -----------------------------------------------------------------------------------------------

# The card's fields as an English report or a translation labels them (an e-KYC vendor's verification report).
ENGLISH_KTP_LABELS: dict[str, tuple[str, ...]] = {
    "nik": ("ID Number", "ID Number (NIK)", "Identity Number", "NIK Number"),
    "name": ("Full Name",),
    "birth": ("Place/Date of Birth", "Place and Date of Birth", "Place, Date of Birth"),
    "place_of_birth": ("Place of Birth", "Birthplace"),
    "birth_date": ("Date of Birth", "Birth Date"),
    "sex": ("Gender",),
    "blood_type": ("Blood Type", "Blood Group"),
    "address": ("Address",),
    "village": ("Village", "Village/Kelurahan"),
    "district": ("District", "Sub-district", "Subdistrict"),
    "regency": ("City/Regency", "Regency/City"),
    "province": ("Province",),
    "religion": ("Religion",),
    "marital_status": ("Marital Status",),
    "occupation": ("Occupation",),
    "citizenship": ("Nationality", "Citizenship"),
    "valid_until": ("Valid Until", "Expiry Date"),
}  # fmt: skip


def _with_english(labels: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {k: (*v, *ENGLISH_KTP_LABELS.get(k, ())) for k, v in labels.items()}


KTP_LABELS = Labels(
    _with_english(
        {
            "nik": ("NIK", "N I K", "Nomor Induk Kependudukan"),
            "name": ("Nama", "Nama Lengkap"),
            **BIRTH_LABELS,
            "sex": ("Jenis Kelamin", "Kelamin", "Jns Kelamin", "Jns. Kelamin", "Jenis Kel."),
            "blood_type": ("Gol. Darah", "Gol Darah", "Golongan Darah", "Gol. Drh", "Gol Drh"),
            **{k: v for k, v in ADDRESS_LABELS.items() if k != "postal_code"},
            "religion": ("Agama",),
            "marital_status": (
                "Status Perkawinan",
                "Status Kawin",
                "Perkawinan",
                "Status Pernikahan",
                "Sts Kawin",
                "Sts. Kawin",
                "Sts Perkawinan",
            ),
            "occupation": ("Pekerjaan", "Jenis Pekerjaan"),
            "citizenship": ("Kewarganegaraan", "Warga Negara", "Kewarganegaraan/Nationality"),
            "valid_until": ("Berlaku Hingga", "Berlaku S/D", "Masa Berlaku", "Berlaku Sampai"),
            # The card prints its place and date of issue without labels; a digital ID (IKD) and a card's
            # record printed out label them like any field, often as a row of labels over their values.
            "issue_place": ("Dikeluarkan di", "Tempat Dikeluarkan", "Diterbitkan di"),
            "issue_date": (
                "Tanggal Dikeluarkan",
                "Dikeluarkan Tanggal",
                "Tgl Dikeluarkan",
                "Tgl. Dikeluarkan",
            ),
        }
    )
)


def parse_ktp(
    lines: list[Line],
    page: OcrPage,
    image: GreyImage | None = None,
    engine: OcrEngine | None = None,
    grey: GreyImage | None = None,
) -> KtpFields:
    """`grey`: the page before thresholding, where a small bold glyph keeps its counters (a `B` the
    thresholded page fills in is read `BR`): a closed value the thresholded page did not give is read there."""
    hits = read_labelled(lines, KTP_LABELS)
    fields = _choose(_collect(hits), {"nik": v.nik_is_plausible, "birth_date": bool})
    for closed in ("blood_type", "valid_until"):  # closed values: one glyph, or `SEUMUR HIDUP`
        for page_image in (image, None if grey is image else grey):
            if closed not in fields and page_image is not None and engine is not None:
                _reread_short_value(lines, page_image, engine, fields, closed, hits)
    if image is not None and engine is not None:
        _reread_nik(hits, fields, image, engine)
    if "nik" not in fields and not any(h.key == "nik" for h in hits):
        _ktp_nik_alone(lines, fields)  # (a NIK label read with a bad value: no other number stands in)
    if "birth_date" not in fields:
        _birth_date_from_nik(hits, fields)
    consumed = _consumed(hits)
    _ktp_values_in_order(lines, hits, fields)
    top = _card_heading_start(lines)
    if "province" not in fields:
        _ktp_province_heading(lines[top : top + 3], fields)
    if "regency" not in fields:
        _ktp_regency_heading(lines[top : top + 5], fields, consumed)
    _ktp_issue(lines, fields, consumed)
    _issue_date_not_ahead(hits, fields)
    if "issue_date" in fields and not t.not_ahead(fields["issue_date"].value):
        del fields[
            "issue_date"
        ]  # (`03-05-2033` for 2013): no card is issued in the future; not read, not wrong
    _occupation_entry(fields)
    _places_by_the_heading(fields)
    v.check_nik(fields)
    v.resolve_regions(fields, "", fields["nik"].value if "nik" in fields else None)
    return KtpFields(**fields)


def _ktp_nik_alone(lines: list[Line], fields: dict[str, Field]) -> None:
    """No NIK labelled: the digital ID's card panel prints it alone on its line, under the title and over the
    name. A line that is one number of sixteen digits, a NIK by its structure, the only such number on the
    page (a letter that prints a KK number alone as well names neither)."""
    found = {
        number: line.words
        for line in lines
        if (number := t.number16(line.text)) is not None
        and len(line.words) <= 2
        and sum(c.isdigit() for c in line.text) == 16
        and v.nik_is_plausible(number)
    }
    if len(found) == 1:
        ((number, words),) = found.items()
        f = make_field(words, number)
        # Its birth date and sex agree with the card's (a KK number alone on a copy is a NIK by its structure,
        # of someone born the day the KK was issued).
        if f is not None and v.nik_agrees_with_page(number, fields):
            fields["nik"] = Field(value=f.value, confidence=round(UNLABELLED_TRUST * f.confidence, 3))


def _occupation_entry(fields: dict[str, Field]) -> None:
    """The card prints an occupation from the registry's list: a reading that is no entry is the entry it is
    with a print's confused letters, the one entry a letter from it, or the one entry it begins (its last word
    lost); as read otherwise."""
    f = fields.get("occupation")
    if f is None or f.value in t.OCCUPATIONS:
        return
    entry = (
        t.confusable_entry(f.value, t.OCCUPATIONS)
        or t.one_edit_entry(f.value, t.OCCUPATIONS)
        or t.entry_begun(f.value, t.OCCUPATIONS)
    )
    if entry is not None:
        fields["occupation"] = Field(value=entry, confidence=round(CLOSED_FIX_TRUST * f.confidence, 3))


CLOSED_FIX_TRUST = 0.9  # a value set right from the list or the heading: a letter or two of it was not read
PLACE_EDITS = 4  # letters of a place's name per letter a reading may have wrong and still be that place


def _places_by_the_heading(fields: dict[str, Field]) -> None:
    """The place of issue is the regency that issued the card, printed in its heading; most residents were
    born there too. A place read a letter or two from the heading's name (`BATANGNAR`, `BATANGHAR`), and no
    region's name itself (SABANG, a city, beside SUBANG; KAMPA, a district of Kampar), is the heading's name."""
    regency = fields.get("regency")
    if regency is None:
        return
    bare = v.bare_place(regency.value)
    name = t.compact(bare)
    for key in ("issue_place", "place_of_birth"):
        f = fields.get(key)
        reading = t.compact(f.value) if f is not None else ""
        if f is None or reading == name or len(name) < 5:
            continue
        # The distance first: the country's place names are looked up only for a reading it would correct.
        if Levenshtein.distance(reading, name) <= max(1, len(name) // PLACE_EDITS) and not v.is_a_place(
            f.value
        ):
            fields[key] = Field(value=bare, confidence=round(CLOSED_FIX_TRUST * f.confidence, 3))


# The KTP-el prints its fields in one order, set by regulation, whatever its size or print; `birth` and
# `rt_rw` are one row each (place and date, RT and RW). Closed or patterned values say which row they are;
# free text (a name, a village) only where it stands between them.
KTP_ROW_ORDER = (
    "name", "birth", "sex", "address", "rt_rw", "village", "district", "religion", "marital_status",
    "occupation", "citizenship", "valid_until",
)  # fmt: skip
_KTP_FREE_ROWS = frozenset(("name", "address", "village", "district", "occupation"))
_ROW_OF = {"place_of_birth": "birth", "birth_date": "birth", "rt": "rt_rw", "rw": "rt_rw"}
# How far a row's value may start left of the NIK's value, in text heights (a value's first glyph lost).
_VALUE_COLUMN_SLACK = 2.0
# Lines in a row that fit no row the order allows before the reading stops (the order is lost).
ORDER_UNFIT_LINES = 1
# A row read without its label is worth this much of its OCR confidence: its place, not its label, names it;
# a free-text row's (a name, an address: nothing checks its reading) less than a closed row's. Read less than
# surely, a free value so placed is then too unsure to call a declared value a mismatch on its own.
ORDER_CONFIDENCE = (0.85, 0.7)  # (closed, free)


def _ktp_values_in_order(lines: list[Line], hits: list[Hit], fields: dict[str, Field]) -> None:
    """The card's values whose labels were not read, named by the rows' printed order: each line under the
    NIK's, from the NIK value's column on, is the next row its value can be (a closed value its own row, a
    value that fits no closed row the next free-text row, a line that fits nothing after the address the
    rest of it wrapped); a line read by its label says where the order stands. Only fields still missing
    are set; one line that fits no row is taken as the closed row expected there, misread past knowing; two
    in a row stop the reading (the order lost: nothing more is guessed)."""
    nik = next((h for h in hits if h.key == "nik" and h.words), None)
    if nik is None:
        return
    nik_value = fields["nik"].value if "nik" in fields else None
    h = median(w.height for w in nik.words)
    column = min(w.left for w in nik.words) - _VALUE_COLUMN_SLACK * h
    by_line = {hit.line: _ROW_OF.get(hit.key, hit.key) for hit in hits}
    rows: dict[str, list[OcrWord]] = {}
    at, last, unfit = 0, "", 0
    for i in range(nik.line + 1, len(lines)):
        if by_line.get(i) in KTP_ROW_ORDER:
            at, last = KTP_ROW_ORDER.index(by_line[i]) + 1, ""
            continue
        value = _in_value_column(lines[i], column)
        if not value:
            continue
        row = _row_of_value(value, at, nik_value)
        if row is not None:
            rows[row] = list(value)
            at, last, unfit = KTP_ROW_ORDER.index(row) + 1, row, 0
        elif last == "address":
            rows[last].extend(value)  # a long address wraps onto a second line (no other row does)
        elif unfit < ORDER_UNFIT_LINES:
            # A closed row misread past knowing (`W` for WNI): the line is that row, the next is the next.
            at, last, unfit = at + 1, "", unfit + 1
        else:
            break
    found: dict[str, Field | None] = {
        key: read[0] for key, read in _collect([Hit(r, "", w, -1) for r, w in rows.items()]).items()
    }
    read = found.get("birth_date")
    if "birth" in rows and (read is None or v.nik_disowns_date(read.value, nik_value)):
        # A digit of the date misread (`07.00-1998`, `1904` for 1984): the one reading the NIK confirms.
        when = v.birth_date_from_nik(split_birth(words_text(rows["birth"]))[1], nik_value)
        found["birth_date"] = (
            Field(value=when, confidence=0.8 * median(w.confidence for w in rows["birth"])) if when else read
        )
    free = {key for key in found if key in _KTP_FREE_ROWS}
    for key, f in found.items():
        if key not in fields and f is not None:
            worth = ORDER_CONFIDENCE[key in free]
            fields[key] = Field(value=f.value, confidence=round(f.confidence * worth, 3))


def _in_value_column(line: Line, column: float) -> list[OcrWord]:
    """The line's first phrase from the value column on (a garbled label left of it, the photo's column or a
    label beside it past a wide gap are no part of it)."""
    words = [w for w in line.words if w.left >= column]
    return Line(words).segments()[0].words if words else []


def _row_of_value(words: list[OcrWord], at: int, nik: str | None) -> str | None:
    """The row from `at` on that the value can be: the first closed row it reads as, within two rows (a row
    lost between), else the free-text row at `at` when it reads as no closed row at all."""
    raw = words_text(words)
    closed = [
        r for r in KTP_ROW_ORDER[at : at + 3] if r not in _KTP_FREE_ROWS and _fits_row(r, raw, words, nik)
    ]
    if closed:
        return closed[0]
    free = at < len(KTP_ROW_ORDER) and KTP_ROW_ORDER[at] in _KTP_FREE_ROWS
    if free and not any(_fits_row(r, raw, words, nik) for r in KTP_ROW_ORDER if r not in _KTP_FREE_ROWS):
        return KTP_ROW_ORDER[at]
    return None


def _fits_row(row: str, raw: str, words: list[OcrWord], nik: str | None) -> bool:
    """Whether a value read reads as the closed or patterned row: a place and a date (or a date the NIK
    confirms but for a digit), RT/RW, a closed list."""
    if row == "birth":
        place, when = split_birth(raw)
        dated = (
            normalise("birth_date", when, words) is not None or v.birth_date_from_nik(when, nik) is not None
        )
        return bool(t.compact(place)) and dated
    if row == "rt_rw":
        return rt_rw(raw) is not None and not re.search(r"[A-Za-z]{2}", raw)
    return normalise(row, raw, words) is not None


# How far past its column a closed value reaches, in text heights: a blood type is a glyph or two, a card's
# validity `SEUMUR HIDUP` a dozen letters.
_VALUE_REACH = {"blood_type": 3, "valid_until": 10}


def _reread_short_value(
    lines: list[Line],
    image: GreyImage,
    engine: OcrEngine,
    fields: dict[str, Field],
    key: str,
    hits: list[Hit] = (),  # type: ignore[assignment]
) -> None:
    """A closed value (`O`, `B`, `-`, `SEUMUR HIDUP`) the page read left out: the space beside its label (to where the
    values of the labels around it start, when they stand in a column of their own), and under it (label
    above value), read again at a glyph's size."""
    found = find_label(lines, KTP_LABELS, key)
    if found is None:
        return
    index, label = found
    h = max(w.height for w in label)
    top, bottom = min(w.top for w in label), max(w.top + w.height for w in label)
    left, right = label[0].left, label[-1].right
    near = sorted(hit.words[0].left for hit in hits if hit.words and 0 < abs(hit.line - index) <= 4)
    column = near[len(near) // 2] if near else right
    reach = _VALUE_REACH.get(key, 3) * h
    end = max(right + 8 * h, column + reach) if column < right + 20 * h else right + 8 * h
    beside = (right + h // 3, top - h // 3, end, bottom + h // 3)
    boxes = [_after_colon(image, beside, h, dash_value=True)]
    page_image = image  # as the page has it: the cleared copy below may have lost print under an overprint
    cleared = _past_the_colon(image, beside, h)
    if cleared is not None:
        image, past = cleared
        boxes.insert(0, past)
    if index + 1 < len(lines):
        boxes += _under_the_label(lines[index + 1].words, left, bottom, h)
    words = [w for ln in lines for w in ln.words]
    context = _context_words(words)
    for again in reread(engine, image, boxes, glyph_height=CELL_GLYPH_HEIGHT, context=context):
        value = normalise(key, again[0], []) if again else None
        if again is not None and value is not None:
            fields[key] = Field(value=value.value, confidence=round(again[1], 3))
            return
    _closed_value_as_print(engine, page_image, boxes, label, key, fields)


def _under_the_label(below: list[OcrWord], left: int, bottom: int, h: int) -> list[Box]:
    """Where a closed value under its label stands (label over value, a digital ID's rows): the blank between
    the label and the next line read, when that is far enough down to hold a line of its own; or, when the next
    line read is the row of values under a row of labels and none of its words stands under this label (the
    dash alone lost), that row's height under the label."""
    top_below = min(w.top for w in below)
    x0, x1 = left - h // 3, left + 8 * h
    if top_below - bottom > h:
        return [(x0, bottom + h // 4, x1, top_below - h // 4)]
    values_only = all(split_label(seg.words, KTP_LABELS) is None for seg in Line(below).segments())
    if top_below - bottom <= 2 * h and values_only and not any(w.right > x0 and w.left < x1 for w in below):
        return [(x0, bottom + h // 4, x1, max(w.top + w.height for w in below) + h // 3)]
    return []


def _closed_value_as_print(
    engine: OcrEngine,
    image: GreyImage,
    boxes: list[Box],
    label: list[OcrWord],
    key: str,
    fields: dict[str, Field],
) -> None:
    """The boxes read again as print alone (`print_ink`, cut at the label's own ink), each past a colon and
    up to the first wide gap in its print: a card's guilloche curve or a copy's grey overprint through the
    space beside the label leaves ink darker than paper in which a lone value (a dash, `O`) is lost, and the
    print's ink is darker than either; what stands a column away (the photo's frame) is no part of a closed
    value. A lone mark is a dash only when shaped and placed as one (what the cut leaves of two curves
    crossing is a speck anywhere); the engine reads the rest."""
    reference = [(w.left, w.top, w.right, w.top + w.height) for w in label]
    levels = ink_levels(image, reference)
    if levels is None:
        return
    h = float(max(w.height for w in label))
    label_mid = (min(w.top for w in label) + max(w.top + w.height for w in label)) / 2
    gap = _VALUE_GAP.get(key)
    answers: list[tuple[str, float] | None] = []
    ask: list[tuple[int, GreyImage]] = []
    for box in boxes:
        # Beside the label the value's middle is the label's; under it (label over value), the box's.
        middle = (label_mid if box[1] < label_mid else (box[1] + box[3]) / 2) - max(0, box[1])
        for level in PRINT_LEVELS:
            ink = _past_a_colon(print_only(image, box, levels, level, h), h)
            ink = _first_run(ink, gap * h) if gap else ink
            marks = _marks(ink)
            answers.append(DASH if len(marks) == 1 and _is_dash(marks[0], h, middle) else None)
            if len(marks) > 1:
                ask.append((len(answers) - 1, ink))
    if ask:
        sheet, placed = print_strip([ink for _, ink in ask])
        for (i, _), again in zip(
            ask, reread(engine, sheet, placed, glyph_height=CELL_GLYPH_HEIGHT), strict=True
        ):
            answers[i] = again if again != DASH else None  # reread's own guess of a dash: a dash is one mark
    for again in answers:
        value = normalise(key, again[0], []) if again else None
        if again is not None and value is not None:
            fields[key] = Field(value=value.value, confidence=round(again[1], 3))
            return


def _marks(ink: GreyImage) -> list[tuple[int, int, int, int]]:
    """(left, top, width, height) of each mark of a crop's ink (print black on white)."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(np.asarray(ink < 128, np.uint8), connectivity=8)
    return [(int(s[0]), int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count]]


def _is_dash(mark: tuple[int, int, int, int], h: float, middle: float) -> bool:
    """A printed dash: a bar wider than tall (a blurred photo's dash shrinks to a few pixels, 4 by 3), no
    taller than a stroke is thick, at the text's mid-height (within a third of a text height of `middle`);
    `h` is the label's box height, which an engine pads beyond its letters."""
    _, top, width, height = mark
    return (
        width >= DASH_MIN_WIDTH * h
        and width >= DASH_FLAT * height
        and height <= 0.25 * h
        and abs(top + height / 2 - middle) <= h / 3
    )


DASH_MIN_WIDTH = 0.08  # of the label's box height
DASH_FLAT = 1.3  # a dash's width over its height, at the least (a speck where two curves cross is as tall)


# Blank print, in text heights, that ends a one-word value (a word gap is a third of one): what stands past
# it is another column's. A two-word value (`SEUMUR HIDUP`) is read whole.
_VALUE_GAP = {"blood_type": 1.5}


def _past_a_colon(ink: GreyImage, h: float) -> GreyImage:
    """The crop (print black on white) past a colon at its start: a first column of ink no wider than a
    colon holding two marks one over the other (a dash or a letter is one mark), with ink after it."""
    import cv2

    cols = np.flatnonzero((ink < 128).any(axis=0))
    if cols.size == 0:
        return ink
    breaks = np.flatnonzero(np.diff(cols) > 1)
    if breaks.size == 0:
        return ink  # one run of ink: nothing after a colon
    first = ink[:, cols[0] : cols[breaks[0]] + 1] < 128
    if first.shape[1] > 0.4 * h:
        return ink
    count, _, stats, _ = cv2.connectedComponentsWithStats(first.astype(np.uint8), connectivity=8)
    dots = sorted(stats[1:count], key=lambda s: int(s[1]))
    stacked = len(dots) == 2 and dots[1][1] >= dots[0][1] + dots[0][3]
    return np.ascontiguousarray(ink[:, cols[breaks[0]] + 1 :]) if stacked else ink


def _first_run(ink: GreyImage, gap: float) -> GreyImage:
    """The crop (print black on white) from its left edge to the first blank run wider than `gap` px after
    its first ink."""
    cols = np.flatnonzero((ink < 128).any(axis=0))
    if cols.size == 0:
        return ink
    gaps = np.flatnonzero(np.diff(cols) > gap)
    end = int(cols[gaps[0]]) + 1 if gaps.size else ink.shape[1]
    return np.ascontiguousarray(ink[:, : end + max(1, int(gap // 3))])


def _past_the_colon(image: GreyImage, box: Box, h: int) -> tuple[GreyImage, Box] | None:
    """The box from a colon found as what it is, two like dots one over the other (a card's guilloche line
    or a copy's speck before it is no colon), to the first upright rule after it (a photo's frame, read as
    `1`); with the guilloche's dots and thin lines in it whitened on a copy of the image (a closed value's
    glyphs are solid print). None without a colon."""
    import cv2

    left, top, right, bottom = (max(0, c) for c in box)
    crop = np.ascontiguousarray(image[top:bottom, left:right])
    if crop.size == 0:
        return None
    count, labels, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8), connectivity=8)
    dots = [s for s in stats[1:] if 0.12 * h <= min(s[2], s[3]) and max(s[2], s[3]) <= 0.4 * h]
    ends = [
        max(a[0] + a[2], b[0] + b[2])
        for a in dots
        for b in dots
        if 0 < b[1] - (a[1] + a[3]) <= 0.6 * h
        and abs((2 * a[0] + a[2]) - (2 * b[0] + b[2])) <= 0.4 * h
        and abs(a[2] - b[2]) <= 0.15 * h + 1
    ]
    if not ends:
        return None
    colon = min(ends)
    rules = [s[0] for s in stats[1:] if s[0] > colon and s[3] >= 1.5 * h and s[2] <= 0.5 * h]
    end = min(rules) - 2 if rules else crop.shape[1]
    cleaned = image.copy()
    region = cleaned[top:bottom, left:right]
    for i in range(1, count):
        x, _, w, hh, area = stats[i]
        if x < colon or (hh < 0.5 * h and w < 2 * hh) or area < 0.25 * w * hh:
            region[labels == i] = 255  # the colon itself, specks, a thin line's sparse dots
    return cleaned, (int(left + colon + 2), top, int(left + end), bottom)


def _birth_date_from_nik(hits: list[Hit], fields: dict[str, Field]) -> None:
    """A birth date read with a glyph too many or one misread digit: the reading the page's NIK confirms."""
    nik = fields.get("nik")
    for hit in hits:
        if hit.key not in ("birth", "birth_date"):
            continue
        raw = words_text(hit.words)
        when = v.birth_date_from_nik(
            split_birth(raw)[1] if hit.key == "birth" else raw, nik.value if nik else None
        )
        if when is not None:
            f = make_field(hit.words, when)
            if f is not None:
                fields["birth_date"] = Field(value=when, confidence=round(f.confidence * 0.8, 3))
            return


# Ink heights (px) a NIK is read again at, largest first, when it fails its checks or was read unsurely: bold
# digits at card size are misread (`8` as `3`) that the engine reads right once they are larger.
NIK_INK_HEIGHTS = (64, 48, 40)
NIK_SURE = 0.85  # a NIK read at least this surely, and passing its checks, is not read again


def _reread_nik(hits: list[Hit], fields: dict[str, Field], image: GreyImage, engine: OcrEngine) -> None:
    """A NIK that fails its checks (structure; the birth date and sex on the page), or was read unsurely, read
    again alone at larger sizes: the largest reading that passes the checks replaces a failing one, else the
    largest one confusable digit from passing them, else the first reading stays (for `check_nik`).

    A NIK that passes but was read unsurely is put to a vote: the page's reading and each larger one that
    passes count, and the NIK most of them read stands (a tie: the surest). Where no birth date decides (a
    SKPWNI prints none), two valid NIKs a digit apart are both `passing`: one larger reading alone, misread
    (`1214045104020014` at 0.29 against the page's `1214046104020014` at 0.80), must not outvote the page."""
    f = fields.get("nik")
    words = next((h.words for h in hits if h.key == "nik" and h.words), None)
    if f is None or words is None or (f.confidence >= NIK_SURE and v.nik_agrees_with_page(f.value, fields)):
        return
    digits = [w for w in words if sum(c.isdigit() for c in w.text) >= 3] or words
    h = max(w.height for w in digits)
    box = (
        min(w.left for w in digits) - h // 2,
        min(w.top for w in digits) - h // 3,
        max(w.right for w in digits) + h // 2,
        max(w.top + w.height for w in digits) + h // 3,
    )
    passes = v.nik_agrees_with_page(f.value, fields)
    votes: dict[str, list[float]] = {f.value: [f.confidence]} if passes else {}
    repaired: Field | None = None
    for height in NIK_INK_HEIGHTS:
        page = engine.recognize(_scaled_crop(image, box, height))
        number = t.number16(" ".join(w.text for w in page.words))
        if not number:
            continue
        conf = round(sum(w.confidence for w in page.words) / len(page.words), 3)
        if v.nik_agrees_with_page(number, fields):
            if not passes:
                fields["nik"] = Field(value=number, confidence=conf)
                return
            votes.setdefault(number, []).append(conf)
            if len(votes[number]) >= 2:
                break  # two readings agree: enough (another size costs another call)
            continue
        fixed = v.repair_nik_on_page(number, fields)
        if fixed and repaired is None:
            repaired = Field(value=fixed, confidence=round(0.8 * conf, 3))
    if votes:
        best = max(votes, key=lambda n: (len(votes[n]), max(votes[n])))
        if best != f.value:
            fields["nik"] = Field(value=best, confidence=max(votes[best]))
        return
    if repaired is not None:
        fields["nik"] = repaired


def _scaled_crop(image: GreyImage, box: Box, ink_height: int) -> GreyImage:
    """The box, scaled so its ink is `ink_height` tall, on a white margin."""
    import cv2

    left, top, right, bottom = box
    crop = image[max(0, top) : max(0, bottom), max(0, left) : max(0, right)]
    ys = np.nonzero((crop < 128).any(axis=1))[0]
    ink = int(ys.max() - ys.min() + 1) if ys.size else crop.shape[0]
    scale = min(4.0, max(0.5, ink_height / max(ink, 1)))
    resized = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(cv2.copyMakeBorder(resized, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255))


def _after_colon(image: GreyImage, box: Box, h: int, *, dash_value: bool = False) -> Box:
    """The box from the first ink after a colon (a narrow first mark with ink after it): a colon beside a
    lone glyph would make it a phrase for the engine, and a lone dash is read only alone. With `dash_value` (a
    closed value, which may be a dash), a first mark shaped as a dash is the value, not a colon."""
    left, top, right, bottom = box
    crop = image[max(0, top) : max(0, bottom), max(0, left) : max(0, right)]
    if crop.size == 0:
        return box
    columns = [bool(v) for v in np.asarray(crop < 128).any(axis=0).ravel()]
    runs: list[tuple[int, int]] = []
    for x, ink in enumerate(columns):
        if ink and (not runs or runs[-1][1] < x - 1):
            runs.append((x, x))
        elif ink:
            runs[-1] = (runs[-1][0], x)
    if dash_value and runs and _dash_shaped(crop[:, runs[0][0] : runs[0][1] + 1], h):
        # The colon too faint to threshold (a photographed card's print): the first mark is the value, a dash.
        # Ink more than a text height past it (a photo's edge, the next column) is none of the value.
        end = runs[1][0] - 2 if len(runs) >= 2 and runs[1][0] - runs[0][1] > h else right - left
        return (left + runs[0][0] - 2, top, left + end, bottom)
    if len(runs) >= 2 and runs[0][1] - runs[0][0] <= 0.35 * h:
        return (left + runs[1][0] - 2, top, right, bottom)
    return box


def _dash_shaped(run: GreyImage, h: int) -> bool:
    """Ink flat (DASH_FLAT times wider than tall), DASH_LEAST of a text height long or more, its centre about
    the middle of the row (the box spans the label's height and as much again above as below): a dash; not a
    colon (two dots over each other, or one of them left: as tall as wide), nor a mark over or under the line."""
    ys, xs = np.nonzero(run < 128)
    if ys.size == 0:
        return False
    width, height = int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1
    centre = (int(ys.max()) + int(ys.min())) / 2
    level = abs(centre - (run.shape[0] - 1) / 2) <= DASH_OFF_MIDDLE * h
    return width >= DASH_FLAT * height and width >= DASH_LEAST * h and level


# A dash after a label's colon (a blood type `-`): at least this long, in text heights (8-12 px on cards
# photographed at 27-30 px text, of which the part the threshold keeps 4-6), DASH_FLAT times wider than tall
# as `_is_dash` asks (4 x 3 px left of a 15 px row's dash; a colon's dot as tall as wide), and its centre at most
# this far from the row's middle (a dash stands a little under it, at the middle of the lower-case letters).
DASH_LEAST = 0.12
DASH_OFF_MIDDLE = 0.3


_PROVINCE_WORDS = ("PROVINSI", "PROPINSI")


# The heading word's last letter as a copy's dither or a tight print reads it (`PROVINSLJAMBI`, `PROVINS1...`).
_I_LIKE = "IL1|!lT"


HEADING_SEARCH = 8  # lines above the card's heading at most: a page's own title, an app's bars over its photo


def _card_heading_start(lines: list[Line]) -> int:
    """Where the card's print begins: its province heading's line when a page prints lines above the card (a
    web form's title and steps over the uploaded photo), else the first line."""
    for i, line in enumerate(lines[:HEADING_SEARCH]):
        flat = t.compact(fold_accents(words_text(_past_stray_glyphs(line.words))))
        if flat.startswith(_PROVINCE_WORDS) and len(flat) > len(_PROVINCE_WORDS[0]):
            return i
    return 0


def _ktp_province_heading(lines: list[Line], fields: dict[str, Field]) -> None:
    """The card's first heading read as one word (`PROVINSIJAMBI`: a copy's dither or a tight print closes the
    space; `PROVINSLJAMBI`: its `I` read as a like glyph too): split after the heading word when what follows
    is a province in the region data."""
    for line in lines:
        flat = t.compact(fold_accents(words_text(_past_stray_glyphs(line.words))))
        stem = next((w[:-1] for w in _PROVINCE_WORDS if flat.startswith(w[:-1]) and len(flat) > len(w)), None)
        if stem is None:
            continue
        rest = _province_after(flat[len(stem) :])
        if rest is not None:
            f = make_field(line.words, rest)
            if f is not None:
                fields["province"] = f
        return


def _province_after(tail: str) -> str | None:
    """What follows the heading word's stem (`PROVINS`): past its last letter (read as itself or a like
    glyph) or, that letter lost, all of it; the reading that is a province in the region data (the closer
    if both are)."""
    provinces = v._level_names(None, "province")
    readings = [tail[1:]] if tail[:1] in _I_LIKE else []
    scored = [(found[2], r) for r in [*readings, tail] if (found := v.match_region(r, provinces)) is not None]
    return max(scored)[1] if scored else None


def _past_stray_glyphs(words: list[OcrWord]) -> list[OcrWord]:
    """A heading's words without the lone glyphs before it (`I KABUPATEN ...`, `1 PROVINSI ...`): a copy's
    speck or the card's edge read as a letter of its own; no heading opens with a one-letter word."""
    i = 0
    while i < len(words) - 1 and len(t.compact(words[i].text)) <= 1:
        i += 1
    return words[i:]


def _ktp_regency_heading(lines: list[Line], fields: dict[str, Field], consumed: set[int]) -> None:
    """The card's second heading (`KABUPATEN BOGOR`, `KOTA ...`, `JAKARTA SELATAN`) under the province."""
    for line in lines:
        if any(id(w) in consumed for w in line.words):
            continue
        words = _past_stray_glyphs(line.words)
        if t.compact(words_text(words)).startswith(("KABUPATEN", "KOTA")):
            f = normalise("regency", words_text(words), words)
            if f is not None:
                fields["regency"] = f
            return


ISSUE_PLACE_LEFT = 0.45  # of the card's print across: the place and date of issue stand right of the values


def _ktp_issue(lines: list[Line], fields: dict[str, Field], consumed: set[int]) -> None:
    """Place and date of issue: printed without labels under the photo, right of the form: the one date on
    the card no label owns, and the place on the line above it."""
    free: list[tuple[int, Segment]] = [
        (i, s)
        for i, ln in enumerate(lines)
        for s in ln.segments()
        if not any(id(w) in consumed for w in s.words) and split_label(s.words, KTP_LABELS) is None
    ]
    right_of = _right_part(lines)
    for i, seg in free:
        if len(seg.words) > 4 or seg.left < right_of:
            continue
        when = t.parse_date(seg.text)
        if when is None:
            continue
        issued = make_field(seg.words, when)
        if issued is not None:
            fields.setdefault("issue_date", issued)
        # The place: the words above the date (a label's value may run into them on a merged line).
        h = max(w.height for w in seg.words)
        above = [
            w
            for ln in lines[max(0, i - 2) : i]
            for w in ln.words
            if w.left < seg.right and w.right > seg.left and 0 < seg.cy - w.cy <= 3.5 * h
        ]
        where = _issue_place(above, fields.get("regency")) if not _is_label(above) else None
        if where is not None:
            fields.setdefault("issue_place", where)
        return
    _issue_place_alone(free, right_of, fields)


ISSUE_PLACE_WORDS = 3  # a regency's or city's name, at most (`TANJUNG JABUNG BARAT`)


def _right_part(lines: list[Line]) -> float:
    """Where the card's right part begins, across its print (a card copied small on an A4 sheet, or filling
    a photo, alike)."""
    words = [w for ln in lines for w in ln.words]
    if not words:
        return 0.0
    left, right = min(w.left for w in words), max(w.right for w in words)
    return left + ISSUE_PLACE_LEFT * (right - left)


def _issue_place_alone(free: list[tuple[int, Segment]], right_of: float, fields: dict[str, Field]) -> None:
    """The date of issue unread (a signature over it): the place still reads under the photo, a phrase of
    letters right of the form that is the card's own regency's name (as the date's place is checked). A place
    of another name is not guessed without its date."""
    regency = fields.get("regency")
    if regency is None or "issue_place" in fields:
        return
    bare = v.bare_place(regency.value)
    for _, seg in free:
        if seg.left < right_of or len(seg.words) > ISSUE_PLACE_WORDS:
            continue
        if not t.compact(seg.text).isalpha() or v.match_region(seg.text, (("", bare),)) is None:
            continue
        place = make_field(seg.words, bare)
        if place is not None:
            fields["issue_place"] = place
            return


def _is_label(words: list[OcrWord]) -> bool:
    """Words that read as a KTP label with nothing after it (`Tanggal Dikeluarkan` over its date): the
    label of the value under it, no place of issue."""
    split = split_label(words, KTP_LABELS) if words else None
    return split is not None and not split[2]


def _issue_place(words: list[OcrWord], regency: Field | None) -> Field | None:
    """The place of issue as read when it is a word or two of letters; a reading the card's regency name
    explains (`4INAHASA ' TENGGARA`: a glyph lost to the photo's edge) is that name."""
    read = normalise("issue_place", " ".join(w.text for w in words), words)
    reading = read.value if read is not None else ""
    if not t.compact(reading):
        return None
    if regency is not None:
        bare = v.bare_place(regency.value)
        found = v.match_region(reading, (("", bare),))
        if found is not None:
            return make_field(words, bare)
    return make_field(words, reading) if t.compact(reading).isalpha() else None


# --- akta kelahiran ------------------------------------------------------------------------------------


# A Kutipan's parents' rows labelled by the one word (`Ayah : BUDI SANTOSO`, `Ibu : SITI`). So short a label
# is a word of the sentence too (`dari ayah BUDI dan ibu SITI`): only with its colon is it a label.
_PARENT_WORDS = {"AYAH": "father_name", "IBU": "mother_name"}


def _parents_by_word(lines: list[Line], fields: dict[str, Field]) -> None:
    """`Ayah : NAME` and `Ibu : NAME` opening a line: the value is the phrase after the colon (an English
    gloss beside it, `Father's Name`, is a phrase of its own)."""
    for line in lines:
        segments = line.segments()
        words = [w for seg in segments for w in seg.words]
        if len(words) < 2:
            continue
        key = _PARENT_WORDS.get(t.compact(words[0].text))
        glued = words[0].text.endswith(tuple(COLONS))
        if key is None or key in fields or not (glued or words[1].text in COLONS):
            continue
        after = words[1:] if glued else words[2:]
        value = next((seg.words for seg in segments if after and after[0] in seg.words), [])
        value = value[value.index(after[0]) :] if value else []
        f = normalise(key, words_text(value), value) if value else None
        if f is not None:
            fields[key] = f


# Column headings naming a parent on a certificate that sets the child, the father and the mother side by side.
_PARENT_HEADINGS = {
    "AYAH": "father_name", "AYAHKANDUNG": "father_name", "BAPAK": "father_name",
    "IBU": "mother_name", "IBUKANDUNG": "mother_name",
    "ANAK": "name", "BAYI": "name",  # the child's column: its name's row may wrap as the parents' do
}  # fmt: skip
PERSON_ROWS = 10  # rows under the persons' headings searched for the names' row, at most


def _parents_by_column(lines: list[Line], fields: dict[str, Field]) -> None:
    """The child, the father and the mother as columns (`KETERANGAN | ANAK | AYAH | IBU` over rows `Nama
    Lengkap | ZAHRA | AHMAD | NUR`): in the name's row, the value under each parent's heading is that parent's
    name. Only a heading row that names both parents, and only names no label gave."""
    for index, line in enumerate(lines):
        heads = [seg for seg in line.segments() if t.compact(seg.text)]
        # `DATA AYAH`, `DATA IBU`: each column's heading may name its data.
        keys = [_PARENT_HEADINGS.get(t.compact(seg.text).removeprefix("DATA"), "") for seg in heads]
        if {"father_name", "mother_name"} - set(keys):
            continue
        for r in range(index + 1, min(index + 1 + PERSON_ROWS, len(lines))):
            cells = lines[r].segments()
            split = split_label(cells[0].words, AKTA_LABELS) if cells else None
            if split is None or split[0] != "name":
                continue
            if any(split_label(cell.words, AKTA_LABELS) is not None for cell in cells[1:]):
                return  # each person's block with its own labels (`AYAH | IBU` side by side): no columns
            # The label's phrase may hold the child's value too (`Nama Lengkap  AGUS`, the gap read small).
            for cell in ([Segment(split[2])] if split[2] else []) + cells[1:]:
                if sum(overlap(head, cell) > 0 for head in heads[1:]) > 1:
                    continue  # under two persons' headings: two cells read as one phrase, neither whole
                key = keys[under_which(heads, cell)]
                words = _cell_wrapped(lines, r, index, cell)
                f = normalise(key, words_text(words), words) if key else None
                if f is not None and (key not in fields or _part_of(fields[key].value, f.value)):
                    fields[key] = f
            return


def _cell_wrapped(lines: list[Line], row: int, heading: int, cell: Segment) -> list[OcrWord]:
    """The cell's words with those of its value wrapped onto the lines just above and below it (a cell set in
    the middle of its row: `DEWI AISYAH` over the row's `HANDAYANI`): phrases of no label in its column, each
    line closer than a line's height, and not the heading's."""
    height = median(w.height for w in lines[row].words)
    words = list(cell.words)
    for k in (row - 1, row + 1):
        if k <= heading or k >= len(lines) or abs(lines[k].cy - lines[row].cy) > height:
            continue
        segments = lines[k].segments()
        if split_label(segments[0].words, AKTA_LABELS) is not None:
            continue
        piece = [w for seg in segments if overlap(seg, cell) > 0 for w in seg.words]
        words = [*piece, *words] if k < row else [*words, *piece]
    return words


def _part_of(read: str, whole: str) -> bool:
    """A name read as some of the words of the column's wrapped cell (`RONDONUWU` of `ARNOLDUS YAKOBUS
    RONDONUWU`): the label's reading lost the cell's other line."""
    return read != whole and set(read.split()) < set(whole.split())


SENTENCE_WORDS = 3  # words of letters only a number's reading holds fewer of (`AL. 5000. 0012345`: one)


def _sentence_words(words: list[OcrWord]) -> bool:
    """Words read after a `Nomor` that are a sentence, not a number (the line under a title read as `Nomor Akta
    Kelahiran`: `DADANG KUSNADI, anak ke-dua, ... 06-12-1997`): several words of letters alone. A number in
    any office's format (`3525-LT-07112011-0148`, `45/KLHR/DKCS/1999`, `474.1 / 1234 / 2001`) has at most a
    word or two without a digit."""
    return (
        sum(1 for w in words if not any(c.isdigit() for c in w.text) and t.compact(w.text)) >= SENTENCE_WORDS
    )


AKTA_LABELS = Labels(
    {
        "akta_number": (
            "Nomor Akta Kelahiran", "Nomor Akta", "No. Akta", "No Akta", "No. Akta Kelahiran", "Nomor", "No.",
            "Nomor Register Akta", "No. Register Akta", "Nomor Register",  # the register's number is the akta's
            # A school's or a service's form asking for the certificate's registration number.
            "No. Reg. Akta Kelahiran", "Nomor Registrasi Akta Kelahiran", "No. Registrasi Akta Lahir",
            "No. Reg. Akta Lahir",
        ),
        "nik": ("Nomor Induk Kependudukan", "NIK"),
        "name": ("Nama Lengkap", "Nama", "Nama Anak", "Nama Bayi"),  # `Bayi`: the newborn, on older blanko
        **BIRTH_LABELS,
        # `Kelahiran` ("birth") for `Lahir`: the wording of many registries' Kutipan rows.
        "place_of_birth": (*BIRTH_LABELS["place_of_birth"], "Tempat Kelahiran"),
        # `Hari dan Tanggal Lahir`: the day of the week is named with the date on many certificates.
        "birth_date": (
            *BIRTH_LABELS["birth_date"], "Tanggal Kelahiran", "Tgl. Kelahiran", "Hari dan Tanggal Lahir",
            "Hari/Tanggal Lahir", "Hari, Tanggal Lahir",
        ),
        "sex": ("Jenis Kelamin",),
        "father_name": ("Nama Ayah", "Nama Ayah Kandung"),
        "mother_name": ("Nama Ibu", "Nama Ibu Kandung"),
    }
)  # fmt: skip
# `Nomor` (or `No.`, its stop kept, or read as a comma) then the number, a colon or a leader between them
# (`—`: a dotted or blank line read as a dash).
_NUMBER_IN_TEXT = re.compile(r"\b(?:NOMOR|NO[.,])\s*[:;.,]?[\s.\-—–_~]*([0-9A-Z][0-9A-Z./\-]{7,})")


def parse_akta(
    lines: list[Line],
    image: GreyImage | None = None,
    engine: OcrEngine | None = None,
    grey: GreyImage | None = None,
) -> AktaFields:
    """`image` and `engine`: the page as read, for a NIK read unsurely to be read again larger; `grey`: the
    page before thresholding, a tick box's walls as printed."""
    lines = _rejoin_split_rows([_colons_with_specks(ln) for ln in lines])
    lines = join_wrapped_labels(lines, AKTA_LABELS)
    hits = _not_of_others(lines, read_labelled(lines, AKTA_LABELS))
    for hit in hits:
        _past_colon_column(hit)
        hit.words = _past_colon_misread(hit.key, hit.words)
    candidates = _collect(hits)
    fields = _choose(candidates, {"nik": v.nik_is_plausible, "number": lambda s: any(c.isdigit() for c in s)})
    # Of several numbers (a court ruling's cited before it), the one a registration's structure confirms.
    registered = [f for f in candidates.get("number", []) if v.is_registration_number(f.value)]
    if registered:
        fields["number"] = registered[0]
    if "number" in fields and not any(c.isdigit() for c in fields["number"].value):
        del fields["number"]  # words read after a `Nomor` (`BERDASARKANAKTAKELAHIRANNOMOR`): no number
    _number_past_its_no(fields)
    for key, f in prose.parse_birth_sentence(lines).items():
        fields.setdefault(key, f)
    _parents_by_word(lines, fields)
    _parents_by_column(lines, fields)
    _akta_struck_names_unsure(fields)
    if "number" not in fields:
        _akta_number_in_text(lines, fields)
    date_confirmed = _akta_birth_date_in_words(lines, hits, fields)
    _both_options_printed(hits, fields)
    if (page := grey if grey is not None else image) is not None:
        _ticked_choices(hits, lines, fields, page)
    if image is not None and engine is not None:
        _reread_nik(hits, fields, image, engine)
    v.check_nik(fields, date_confirmed=date_confirmed)
    v.small_serial(fields)
    v.check_akta_number(fields)
    v.check_place_of_birth(fields)
    return AktaFields(**fields)


# A heading over another person's data in a register's entry: the reporter's and the witnesses'.
_OTHERS_HEADING = re.compile(
    r"^(?:DATA|IDENTITAS|KETERANGAN)?(?:PELAPOR|SAKSI(?:I{1,3}|[12]|PERTAMA|KEDUA)?)$"
)
# A form's section over a parent's own data (a school's enrolment form: `B. DATA AYAH KANDUNG`, then the
# father's name, NIK, year of birth, occupation), its enumeration read with it. Compacted.
_PARENT_HEADING = re.compile(
    r"^(?:[A-H]|\d{1,2}|[IVX]{1,4})?(?:DATA|IDENTITAS|KETERANGAN)(AYAH|IBU)(?:KANDUNG)?$"
)
_PARENT_NAME = {"AYAH": "father_name", "IBU": "mother_name"}


def _not_of_others(lines: list[Line], hits: list[Hit]) -> list[Hit]:
    """A register's entry lists the reporter and two witnesses under their headings (`Saksi I` over `Nama :
    DEDI KURNIAWAN`, `Umur : 48 tahun`): the labelled lines under such a heading, up to the first line with
    no label, are that person's, never the child's. Under a parent's heading the same holds, but for the
    parent's name, which is the certificate's (`Nama` there is the father's)."""
    by_line: dict[int, list[Hit]] = {}
    for hit in hits:
        by_line.setdefault(hit.line, []).append(hit)
    others: dict[int, str | None] = {}  # line -> the parent's name field it holds, or None (nobody's)
    for i, line in enumerate(lines):
        heading = t.compact(line.text) if len(line.words) <= 5 else ""
        parent = _PARENT_HEADING.match(heading)
        if parent is None and not (len(line.words) <= 3 and _OTHERS_HEADING.match(heading)):
            continue
        j = i + 1
        while j in by_line:
            others[j] = _PARENT_NAME[parent[1]] if parent else None
            j += 1
    kept: list[Hit] = []
    for hit in hits:
        if hit.line not in others:
            kept.append(hit)
        elif (parent_name := others[hit.line]) is not None and hit.key in ("name", parent_name):
            kept.append(Hit(parent_name, hit.label, hit.words, hit.line, hit.alternates))
    return kept


AKTA_STRUCK_CONFIDENCE = 0.5  # a name read with a mark for a letter is wrong by that letter at least


def _akta_struck_names_unsure(fields: dict[str, Field]) -> None:
    """A name read with a mark for a letter (`SITUMO,ANG`: a typewriter's letter struck half) is known short
    of that letter: its confidence is halved, so a reading of the glyph whole (the second engine's) wins the
    page, and a claim is not matched on it as read surely."""
    for key, f in list(fields.items()):
        if prose.struck_letter({key: f}):
            fields[key] = Field(value=f.value, confidence=round(f.confidence * AKTA_STRUCK_CONFIDENCE, 3))


_NO_GLUED = re.compile(r"^(?:NO|NOMOR)[.:;]?\s*(?=\d)")


def _number_past_its_no(fields: dict[str, Field]) -> None:
    """`No.1504-LT-...`: a typewriter sets the label flush against the number, read as one word; the number
    starts at its first digit (a registration number opens with its regency code)."""
    f = fields.get("number")
    if f is not None and _NO_GLUED.match(f.value):
        fields["number"] = Field(value=_NO_GLUED.sub("", f.value), confidence=f.confidence)


def _colons_with_specks(line: Line) -> Line:
    """A colon read with a speck or a quote beside it (`':`, `:.`) as a word of marks alone is the colon."""
    return Line(
        [
            w.model_copy(update={"text": ":"})
            if ":" in w.text and not any(c.isalnum() for c in w.text)
            else w
            for w in line.words
        ]
    )


_NAME_KEYS = frozenset(("name", "father_name", "mother_name"))
_LETTER_KEYS = _NAME_KEYS | {"place_of_birth"}  # a place's name holds no digit either
# A colon as an engine misreads it, in a column of its own between the labels and the values (`»`, `2»`,
# `1:`, `2.`): a glyph or two of marks and the digits a colon's two dots make.
_COLON_MISREAD = re.compile(r"^[:;.,'\"»«>|!12Il]{1,3}$")


def _past_colon_column(hit: Hit) -> None:
    """A form that sets its colons in a column of their own: a colon misread as a glyph (`»`, `2`) is taken
    for the value, and the value, the next phrase on the row, for an alternate. The value is that phrase."""
    if hit.alternates and len(hit.words) == 1 and _COLON_MISREAD.match(hit.words[0].text):
        hit.words, hit.alternates = hit.alternates[0], hit.alternates[1:]


def _colon_glyph(text: str) -> bool:
    """A colon misread, not a day's two digits (`12`)."""
    return bool(_COLON_MISREAD.match(text)) and (len(text) == 1 or not text.isdigit())


def _past_colon_misread(key: str, words: list[OcrWord]) -> list[OcrWord]:
    """A value without the words before it that are a colon misread: marks alone (`':`, `?`), and before a
    name or a place a digit too (`2 TIURMA`, `2» BATANGHARI`): a name holds letters only (Permendagri
    73/2022); before a date, a colon's glyph (`2 24 NOVEMBER 2002`) when the rest is the date, or glued to
    the day (`226 NOVEMBER 2002`: no day has three digits) when the day without it makes the date."""
    if key == "birth_date" and len(words) > 1 and _colon_glyph(words[0].text):
        rest = words[1:]
        if normalise(key, words_text(rest), rest) is not None:
            return rest
    if key == "birth_date" and len(words) > 1 and re.fullmatch(r"[12][0-9]{2}", words[0].text):
        day = words[0].model_copy(update={"text": words[0].text[1:]})
        if normalise(key, words_text([day, *words[1:]]), words) is not None:
            return [day, *words[1:]]
    keep = str.isalpha if key in _LETTER_KEYS else str.isalnum
    i = 0
    while i < len(words) - 1 and not any(keep(c) for c in words[i].text):
        i += 1
    return words[i:]


SPLIT_ROW_REACH = 0.8  # a row's halves sit within this many text heights of each other


def _rejoin_split_rows(lines: list[Line]) -> list[Line]:
    """A form's row that a photo's slant split in two: its value, led by its colon, grouped as a line of its
    own (or opening the next row's line) beside a label that ends the neighbouring line with nothing after
    it. The value goes back to its label's line; a label printed above its value, a line apart, is too far."""
    out = [Line(list(ln.words)) for ln in lines]
    for i, line in enumerate(out):
        segs = line.segments()
        if not segs or segs[0].words[0].text[:1] not in ":;":
            continue
        value = segs[0].words
        near = [
            (d, j)
            for j in (i - 1, i + 1)
            if 0 <= j < len(out) and (d := _label_left_of(out[j], value)) is not None
        ]
        if near:
            j = min(near)[1]
            out[j] = Line([*out[j].words, *value])
            out[i] = Line([w for w in line.words if w not in value])
    return [ln for ln in out if ln.words]


def _label_left_of(line: Line, value: list[OcrWord]) -> float | None:
    """How far (in text heights) the line's end is from the value when it ends, left of the value and at its
    height, with a label and nothing after it; None otherwise."""
    segs = line.segments()
    if not segs or segs[-1].words[-1].right >= value[0].left:
        return None
    found = split_label(segs[-1].words, AKTA_LABELS)
    if found is None or found[2]:
        return None
    label = segs[-1].words
    height = max(*(w.height for w in label), median(w.height for w in value))
    apart = abs(Line(label).cy - Line(value).cy) / height
    return apart if apart <= SPLIT_ROW_REACH else None


def _akta_birth_date_in_words(lines: list[Line], hits: list[Hit], fields: dict[str, Field]) -> bool:
    """The birth date printed again in words, in brackets after its digits or on the lines under them: the
    two printings decide the date (`validate.decide_birth_date`); True when they agree."""
    hit = next((h for h in hits if h.key in ("birth_date", "birth")), None)
    if hit is None:
        return False
    after = []
    for line in lines[hit.line + 1 : hit.line + 3]:
        if any(split_label(seg.words, AKTA_LABELS) is not None for seg in line.segments()):
            break  # the next row's label: the words, if any, were all on the rows above
        after.append(line)
    nik = fields.get("nik")
    words = prose.date_in_words([Line(hit.words), *after])
    decided, agreed = v.decide_birth_date(fields.get("birth_date"), words, nik.value if nik else None)
    if decided is not None:
        fields["birth_date"] = decided
    return agreed


def _register_number_word(words: list[OcrWord]) -> list[OcrWord]:
    """The one word of a value shaped as a register number (`3525-LT-07112011-7500`: segments joined by
    dashes), when the value runs on into the sentence it sits in; else the value as read."""
    shaped = [w for w in words if w.text.count("-") >= 3 and sum(c.isdigit() for c in w.text) >= 10]
    return shaped[:1] if len(shaped) == 1 and len(words) > 1 else words


def _akta_number_in_text(lines: list[Line], fields: dict[str, Field]) -> None:
    """`Nomor 3204-LT-...` in a line or a sentence: the word `Nomor` may end one line and the number open the
    next (the Kutipan's sentence wraps anywhere)."""
    for i, line in enumerate(lines):
        pair = lines[i : i + 2]
        for words in (line.words, [w for ln in pair for w in ln.words]):
            m = _NUMBER_IN_TEXT.search(words_text(words).upper())
            if m is None:
                continue
            value = grammar.akta_number(m[1])
            # After `No.` only a registration's number: `JL. GAJAH MADA NO. 119` is a house's.
            if value and (m[0].startswith("NOMOR") or v.is_registration_number(value)):
                fields["number"] = make_field(words, value)  # type: ignore[assignment]
                return


# --- SKPWNI --------------------------------------------------------------------------------------------

SKPWNI_LABELS_TABLE: dict[str, tuple[str, ...]] = {
    "document_number": ("Nomor", "No.", "Nomor Surat", "Nomor SKPWNI", "No. SKPWNI"),
    "kk_number": ("Nomor Kartu Keluarga", "Nomor KK", "No. KK", "No KK", "No. Kartu Keluarga"),
    "head_of_family": ("Nama Kepala Keluarga",),
    "nik": ("NIK", "NIK Pemohon", "Nomor Induk Kependudukan"),
    "name": ("Nama Lengkap", "Nama", "Nama Pemohon"),
    **ADDRESS_LABELS,
    "destination_address": ("Alamat Tujuan", "Alamat Tujuan Pindah", "Alamat Yang Dituju"),
    "origin_address": ("Alamat Asal",),
    # Under a `KEPINDAHAN` block a cramped form drops the word it repeats (`Alasan`, `Klasifikasi`, `Jenis`):
    # a choice's value is held to its closed list, so the bare word takes nothing else.
    "move_reason": ("Alasan Pindah", "Alasan Kepindahan", "Alasan"),
    "move_classification": ("Klasifikasi Pindah", "Klasifikasi Kepindahan", "Klasifikasi"),
    "move_type": ("Jenis Kepindahan", "Jenis Pindah", "Jenis"),
    "move_date": (
        "Rencana Tanggal Pindah",
        "Tanggal Pindah",
        "Tgl. Pindah",
        "Tanggal Kepindahan",
        "Rencana Tgl. Pindah",
        "Tgl Pindah",
        # The destination's letter of arrival (F-1.08) dates the move by the day the family arrived.
        "Tanggal Kedatangan",
        "Tgl. Kedatangan",
        "Tgl Kedatangan",
        "Rencana Tanggal Kedatangan",
    ),
}
SKPWNI_LABELS = Labels(SKPWNI_LABELS_TABLE)
ADDRESS_KEYS = frozenset(ADDRESS_LABELS)


def _same_part(key: str) -> tuple[str, ...]:
    """The keys that read the same part of an address as `key`: an RT/RW pair holds an RT and an RW, so one side's
    `RT/RW` label after the other's `RW` (an `RT/RW` read as `RW` only) is the next side's, while `RT` then `RW`
    are one side's two numbers."""
    return {"rt": ("rt", "rt_rw"), "rw": ("rw", "rt_rw"), "rt_rw": ("rt", "rw", "rt_rw")}.get(key, (key,))


# A heading's words that say the destination (`DAERAH TUJUAN`; `Pindah ke:`, "moving to") or the origin, and
# the words of the certificate's other sections' headings.
_TO_HEADING = ("TUJUAN", "PINDAHKE")
_FROM_HEADING = ("ASAL", "PINDAHDARI")
_HEADING_WORDS = (*_TO_HEADING, *_FROM_HEADING, "KEPINDAHAN", "PEMOHON", "IDENTITAS", "KETERANGAN")


def _sections_named(text: str) -> int:
    """How many of a form's sections a phrase names (`Data Asal Data Kepindahan`: two, a heading names one)."""
    flat = t.compact(text)
    return sum(word in flat for word in _HEADING_WORDS)


def _heading(line: Line) -> str | None:
    """The address a section heading introduces (`origin_`, `destination_`, "" for another section), or None
    when the line is no heading (it has a value, or none of the headings' words). A colon may end a heading
    (`Pindah ke:`), never stand inside one: a label's colon has its value after it."""
    text = line.text.rstrip().removesuffix(":")
    if len(line.words) > 5 or any(c in text for c in ":;") or len(line.segments()) > 1:
        return None
    if any(sum(c.isdigit() for c in w.text) >= 3 for w in line.words):
        return None
    if line.words[0].text[:1].islower():
        return None  # a sentence's last line (`dan jenis kepindahan ANGGOTA KELUARGA.`), no heading
    flat = t.compact(line.text)
    if flat.startswith("SURAT"):
        return None  # the title (`SURAT KETERANGAN PINDAH WNI`), above every section, is none of them
    if not any(word in flat for word in _HEADING_WORDS):
        return None
    to, source = any(word in flat for word in _TO_HEADING), any(word in flat for word in _FROM_HEADING)
    if to and source:
        return (
            ""  # an application's tabs read as one line (`Data Asal  Data Kepindahan  Data Tujuan`): no side
        )
    if to:
        return "destination_"
    return "origin_" if source else ""


def _label_over_value(lines: list[Line], index: int) -> bool:
    """`Alamat Asal` alone over `JL. GAJAH MADA NO. 119`: a cell's label over its value, worded like the
    section's heading above it (`ALAMAT ASAL`, over the labels) but no heading: nothing but a value follows."""
    split = split_label(lines[index].words, SKPWNI_LABELS)
    if split is None or split[2] or index + 1 >= len(lines):
        return False
    nxt = lines[index + 1]
    return _heading(nxt) is None and all(split_label(s.words, SKPWNI_LABELS) is None for s in nxt.segments())


def _columns(lines: list[Line]) -> tuple[dict[int, list[Hit]], list[tuple[str, float]]]:
    """An address table with a column for the origin and one for the destination: hits per claimed line."""
    claimed: dict[int, list[Hit]] = {}
    for index, line in enumerate(lines):
        segments = line.segments()
        cols = [
            ("destination_" if "TUJUAN" in t.compact(s.text) else "origin_", (s.left + s.right) / 2)
            for s in segments
            if "TUJUAN" in t.compact(s.text) or "ASAL" in t.compact(s.text)
        ]
        if len(segments) < 2 or {c for c, _ in cols} != {"origin_", "destination_"}:
            continue
        if any(_sections_named(s.text) > 1 for s in segments):
            continue  # `Data Asal  Data Kepindahan | Data Tujuan`: an application's tabs, no two columns
        last = index  # the table's last row read
        for row_index in range(index + 1, len(lines)):
            hits = _column_row(lines[row_index], row_index, cols)
            if hits is not None:
                claimed[row_index], last = hits, row_index
            elif last > index and _wrapped_cell(lines, row_index, last, claimed):
                # `KABUPATEN PADANG LAWAS` over `UTARA`: a value wrapped in its column, the rest of its cell.
                claimed[row_index] = []
                _cell_goes_on(claimed[last], lines[row_index], cols)
            elif last > index and row_index + 1 < len(lines) and _column_row(lines[row_index + 1], 0, cols):
                claimed[row_index] = []  # a row read garbled, between two of the table's: no value of it
            else:
                break
        if not claimed:
            return {}, []
        claimed[index] = []
        return claimed, cols
    return claimed, []


def _column_row(line: Line, index: int, cols: list[tuple[str, float]]) -> list[Hit] | None:
    """A row of the two sides' table: its address label's value in each side's column, or None."""
    # A rule read as `|`, a row's number (`1.`): no side's value.
    row = [seg for seg in line.segments() if not cell_border(seg) and not _ROW_ORDINAL.fullmatch(seg.text)]
    at = _address_label_cell(row)
    if at is None or len(row) < 2:
        return None
    middle = (row[at].left + row[at].right) / 2
    if at > 0 and not min(c for _, c in cols) < middle < max(c for _, c in cols):
        return None  # a label in the middle stands between the two sides' headings
    split = split_label(row[at].words, SKPWNI_LABELS)
    assert split is not None
    # `Kelurahan/Desa — HARAPAN JAYA`: the middle label read as one phrase with the right side's value.
    values = [cell for k, cell in enumerate(row) if k != at] + ([Segment(split[2])] if split[2] else [])
    if at == 0 and any(split_label(cell.words, SKPWNI_LABELS) is not None for cell in values):
        return None  # a label in each column, each with its value: columns side by side, not this table
    return [Hit(_nearest_side(cell, cols) + split[0], split[1], cell.words, index) for cell in values]


_ROW_ORDINAL = re.compile(r"\(?\d{1,2}[.)]")  # `1.`, `(2)`: a row's number, with its stop or bracket


def _nearest_side(cell: Segment, cols: list[tuple[str, float]]) -> str:
    centre = (cell.left + cell.right) / 2
    return min(cols, key=lambda c: abs(c[1] - centre))[0]


def _wrapped_cell(lines: list[Line], index: int, above: int, claimed: dict[int, list[Hit]]) -> bool:
    """One phrase of no label under one of the row above's values, closer than the table's rows stand apart:
    its cell's value wrapped onto a line of its own (a heading after the table is no value's)."""
    row = lines[index].segments()
    rows = sorted(r for r, hits in claimed.items() if hits)
    steps = [lines[b].cy - lines[a].cy for a, b in itertools.pairwise(rows) if b == a + 1]
    step = median(steps) if steps else 2.0 * median(w.height for w in lines[above].words)
    if len(row) != 1 or split_label(row[0].words, SKPWNI_LABELS) is not None:
        return False
    values = [Segment(h.words) for h in claimed.get(above, []) if h.words]
    return lines[index].cy - lines[above].cy < WRAPPED_STEP * step and any(
        overlap(row[0], value) > 0 for value in values
    )


WRAPPED_STEP = 0.8  # of the table's row step: a wrapped line stands closer under its row than the next row


def _cell_goes_on(row: list[Hit], line: Line, cols: list[tuple[str, float]]) -> None:
    """The wrapped words join the row's value in their side's column."""
    side = _nearest_side(line.segments()[0], cols)
    hit = next((h for h in row if h.key.startswith(side)), None)
    if hit is not None:
        hit.words = [*hit.words, *line.words]


def _address_label_cell(row: list[Segment]) -> int | None:
    """Where the row's one address label alone stands: first (`Alamat | JL. X | JL. Y`), or between the two
    sides' values (`DUSUN KARANGANYAR | Alamat | DUSUN TANJUNG`, a label column in the middle). None when no
    cell, or more than one, is such a label."""
    splits = [split_label(cell.words, SKPWNI_LABELS) for cell in row]
    labels = [k for k, split in enumerate(splits) if split is not None and split[0] in ADDRESS_KEYS]
    alone = [k for k in labels if not splits[k][2]]  # type: ignore[index]
    if len(alone) == 1:
        return alone[0] if alone[0] == 0 or alone[0] < len(row) - 1 else None
    # None alone: the middle label read together with the right side's value, a value on its left.
    return labels[0] if not alone and len(labels) == 1 and 0 < labels[0] == len(row) - 1 else None


def parse_skpwni(
    lines: list[Line],
    image: GreyImage | None = None,
    engine: OcrEngine | None = None,
    grey: GreyImage | None = None,
) -> SkpwniFields:
    """With the page image and engine, values the page reading lost in a form's boxes are read again, and
    small labels the reading garbled are read again from `grey` (the page before thresholding) if given."""
    lines = t.strip_leaders(lines)
    page = grey if grey is not None else image
    if engine is not None and page is not None:
        lines = _small_labels_again(lines, page, engine)
    lines = _with_boxes(list(map(_unglued_rt_rw, lines)))
    table, _ = _columns(lines)
    table = table or _side_by_side(lines)
    headings = {
        i: h
        for i, ln in enumerate(lines)
        if i not in table and (h := _heading(ln)) is not None and not _label_over_value(lines, i)
    }
    sentences = _address_sentences(lines, set(table) | set(headings))
    skip = set(table) | set(headings) | {h.line for h in sentences} | _letterhead(lines)
    hits = read_labelled(lines, SKPWNI_LABELS, skip=skip)
    hits = sorted([*hits, *_numbered_rows(lines, hits, skip)], key=lambda h: h.line)
    _wrapped_choices(hits, lines, skip)
    section: str | None = None
    seen: dict[str, int] = {}
    placed: list[Hit] = [h for row in table.values() for h in row] + sentences
    first_heading = min(headings, default=len(lines))
    # `Alamat Tujuan : JL. X   RT 015 RW 007`: a side's own label opens its block where it stands, so what
    # follows it on its line is that side's (the section above may be the other's); what stands before it
    # keeps the section's.
    opened = [
        (h.line, h.words[0].left, h.key.split("_", 1)[0] + "_")
        for h in hits
        if h.words and h.key.startswith(("origin_", "destination_"))
    ]
    for hit in sorted(hits, key=lambda h: h.line):
        section = next((headings[i] for i in sorted(headings, reverse=True) if i < hit.line), None)
        start = hit.words[0].left if hit.words else 0
        on_line = [(left, side) for line, left, side in opened if line == hit.line and left < start]
        section = max(on_line)[1] if on_line else section
        if hit.key == "document_number":
            # A letter's number has digits: a table's `No` column heading (`No  NIK  Nama`) is no number. It
            # stands above the sections, unless its label names the certificate (`Nomor SKPWNI` in an
            # application's tab of the move, under the tabs' headings).
            named = "SKPWNI" in hit.label
            if (hit.line <= first_heading or named) and sum(c.isdigit() for c in words_text(hit.words)) >= 3:
                placed.append(hit)
            continue
        if hit.key.startswith(("origin_", "destination_")):
            placed.append(hit)
            _set_section(headings, hit)
            continue
        if hit.key not in ADDRESS_KEYS:
            placed.append(hit)
            continue
        prefix = _label_side(hit.label) or section
        if not prefix:
            # No heading says which address: the first block read is the origin, the next the destination.
            prefix = "destination_" if any(seen.get(k, 0) for k in _same_part(hit.key)) else "origin_"
        seen[hit.key] = seen.get(hit.key, 0) + 1
        placed.append(Hit(prefix + hit.key, hit.label, hit.words, hit.line, hit.alternates))
    candidates = _collect([h for h in placed if h.key != "document_number"])
    numbers = [_letter_number(h.words) for h in placed if h.key == "document_number"]
    if any(numbers):
        candidates["number"] = [f for f in numbers if f is not None]
    fields = _choose(candidates, {"nik": v.nik_is_plausible, "kk_number": v.kk_is_plausible})
    if "number" not in fields:
        _skpwni_number(lines[:8], fields)
    if "move_date" not in fields:
        _move_date_in_parts(placed, fields)
    if "kk_number" not in fields:
        _kk_number_alone(lines, table, fields)
    if "nik" not in fields:
        _nik_from_members(lines, fields)
    else:
        _nik_one_glyph_over(hits, lines, fields)
    if page is not None:
        _ticked_choices(
            placed, lines, fields, page
        )  # the boxes' walls as printed (the reading's page has none)
    if image is not None and engine is not None:
        _reread_boxed(lines, headings, fields, image, engine, grey)
        _reread_nik(hits, fields, image, engine)
    v.check_nik(fields)
    v.check_kk_number(fields, "kk_number")
    for side in ("origin_", "destination_"):
        village = v.resolve_regions(fields, side)
        v.check_postal_code(fields, side + "postal_code", village)
    return SkpwniFields(**fields)


_GLUED_RT_RW = re.compile(r"(RT|RW)[:.]?([0-9OD]{3})")


def _unglued_rt_rw(line: Line) -> Line:
    """`RTO10`: the small `RT` printed close before its box, read with the box's number as one word once the
    box's walls are gone (its zero read as O). Split into the label and the number: no word of a form is
    RT or RW and three digits otherwise."""
    if not any(_GLUED_RT_RW.fullmatch(w.text) for w in line.words):
        return line
    words: list[OcrWord] = []
    for w in line.words:
        m = _GLUED_RT_RW.fullmatch(w.text)
        words += (
            _split_word(w, f"{m[1]} {m[2].replace('O', '0').replace('D', '0')}", w.confidence) if m else [w]
        )
    return Line(words)


# Values typed into character boxes (one box per letter, F-1 forms): a word's letters stand a box apart, at
# least this many text heights a letter (print sets them about 0.6 apart), and a space is an empty box.
BOXED_PITCH = 1.1
BOXED_WORD_GAP = 2.6  # letter pitches: the widest gap between two words of one boxed value (an empty box)


def _letter_pitch(word: OcrWord) -> float:
    """Pixels a letter of the word takes, the gap after it included."""
    n = len(word.text)
    return word.width / (n - 0.5) if n >= 2 else 0.0


def _boxed_pitch(words: list[OcrWord]) -> float:
    """The letter pitch of the line's words typed one letter a box (the median of those words of two
    letters or more whose letters stand a box apart), 0 when the line has none."""
    boxed = [
        _letter_pitch(w) for w in words if len(w.text) >= 2 and _letter_pitch(w) >= BOXED_PITCH * w.height
    ]
    return median(boxed) if boxed else 0.0


class _BoxedLine(Line):
    """A line with values typed into character boxes: an empty box between two words is a gap wider than the
    one that splits a line into phrases (a label column from its values), so such a value reads as one
    phrase per word (`JL.`, `GAJAH`, `MADA`). Here phrases of boxed words a box or two apart join again."""

    def segments(self, gap_factor: float = 1.6) -> list[Segment]:
        out: list[Segment] = []
        for seg in super().segments(gap_factor):
            if out and _boxed_gap(out[-1].words[-1], seg.words[0]):
                out[-1].words.extend(seg.words)
            else:
                out.append(seg)
        return out


def _with_boxes(lines: list[Line]) -> list[Line]:
    """The lines, those with values typed into character boxes read as `_BoxedLine`s."""
    return [_BoxedLine(ln.words) if _boxed_pitch(ln.words) else ln for ln in lines]


def _boxed_gap(before: OcrWord, after: OcrWord) -> bool:
    """Two words of one boxed value: either typed a box a letter (the other one letter, or boxed too), and
    no more than an empty box or two between them."""
    words = [w for w in (before, after) if len(w.text) >= 2]
    pitches = [_letter_pitch(w) for w in words]
    if not words or any(p < BOXED_PITCH * w.height for p, w in zip(pitches, words, strict=True)):
        return False
    return after.left - before.right <= BOXED_WORD_GAP * max(pitches)


# A table of numbered rows (`No | Uraian | Keterangan`: 1 NIK ..., 2 Nama Lengkap ...): at least this many rows,
# numbered in order.
NUMBERED_ROWS_MIN = 4
# Three digits: a row's number with a cell wall or speck read as a digit (`110` for `10`); such a row is out of
# order, so it counts toward no table, but a table's row it stays.
_ROW_NUMBER = re.compile(r"(\d{1,3})[.|!:]?")


def _numbered_rows(lines: list[Line], hits: list[Hit], skip: set[int]) -> list[Hit]:
    """The rows of a numbered table the labels' reading left (`12  Atamat  JL. HASANUDDIN NO. 129`: its
    small print garbled past a bare label's score). A row's number, its label's phrase and its value's set
    apart by the columns' gaps say `label` as a colon would: the phrase after the number is held to a
    colon's score. Only in a table: rows numbered in order, enough of them."""
    rows: dict[int, tuple[int, list[Segment]]] = {}
    for index, line in enumerate(lines):
        words = [w for w in line.words if t.compact(w.text)]  # a cell's wall read as `|` or `!` is no word
        m = _ROW_NUMBER.fullmatch(words[0].text) if words else None
        if m is None or index in skip:
            continue
        segments = Line(words[1:]).segments() if len(words) > 2 else []
        if len(segments) >= 2:
            rows[index] = (int(m[1]), segments)
    numbers = [n for n, _ in rows.values()]
    ordered = sum(b == a + 1 for a, b in itertools.pairwise(numbers))
    if ordered + 1 < NUMBERED_ROWS_MIN:
        return []
    read = {h.line for h in hits}
    out: list[Hit] = []
    for index, (_, segments) in rows.items():
        if index in read:
            continue
        value = _drop_colon([w for seg in segments[1:] for w in seg.words])
        key = SKPWNI_LABELS.match(segments[0].text) or _key_by_value(value)
        if key is not None:
            out.append(Hit(key, t.compact(segments[0].text), value, index))
    return out


def _key_by_value(value: list[OcrWord]) -> str | None:
    """A table row whose label a scan garbled past reading (`Ainsan Pindoh`, `Prounsi`) named by its value
    alone, where only one field holds such a value: one of the closed list of move reasons, or a province's
    name as the code list spells it (the row's section says whose)."""
    text = t.compact(words_text(value))
    if text in t.MOVE_REASONS:
        return "move_reason"
    if text and text in {t.compact(name) for _, name in v._level_names(None, "province")}:
        return "province"
    return None


_CHOICE_OPTIONS = {
    "move_reason": t.MOVE_REASONS,
    "move_classification": t.MOVE_CLASSIFICATIONS,
    "move_type": t.MOVE_TYPES,
    "sex": t.SEXES,  # a school's or a registry's form: `[ ] Laki-laki  [x] Perempuan`
}


def _choice_words(hit: Hit) -> list[OcrWord]:
    return [*hit.words, *(w for other in hit.alternates for w in other)]  # options a column apart too


def _options_once(words: list[OcrWord], options: tuple[str, ...]) -> list[str]:
    """The options the words print, in order; empty when one is printed twice: values in columns (the child's,
    the father's and the mother's sex), no tick list, which prints each option once."""
    printed = [o.value for o in printed_options(words, options)]
    return printed if len(set(printed)) == len(printed) else []


def _both_options_printed(hits: list[Hit], fields: dict[str, Field]) -> None:
    """`Jenis Kelamin  Laki-laki  Perempuan`: a closed choice whose value prints every option (a tick list
    whose ticks the text does not hold) names none of them; its first option was read. The boxes' ink may
    still say which (`_ticked_choices`)."""
    for hit in hits:
        options = _CHOICE_OPTIONS.get(hit.key)
        if options is not None and hit.key in fields and len(_options_once(_choice_words(hit), options)) >= 2:
            del fields[hit.key]


TICK_LIST_LINES = 3  # lines under a choice's label its options may wrap onto (seven reasons, three a line)


def _ticked_choices(hits: list[Hit], lines: list[Line], fields: dict[str, Field], image: GreyImage) -> None:
    """A choice printed as a list of options, each after its own box, one ticked by hand (`ticks`): the ticked
    box says the choice, whatever the text read; a tick list where no box stands out says none (the text's
    reading of such a list is any option's words)."""
    labelled = {h.line for h in hits}
    for hit in hits:
        options = _CHOICE_OPTIONS.get(hit.key)
        if options is None or not hit.words:
            continue
        words = _choice_words(hit)
        for index in range(hit.line + 1, min(len(lines), hit.line + 1 + TICK_LIST_LINES)):
            if index in labelled or not printed_options(lines[index].words, options):
                break
            words += lines[index].words
        if not _options_once(words, options):
            continue
        ticks = read_ticks(image, words, options)
        if ticks.choice is not None:
            # A tick standing far above the empty boxes is as sure as a clear print (the claims then take the
            # choice's own reading over the options' words printed beside it).
            sure = ticks.contrast >= SURE_TICK
            fields[hit.key] = Field(value=ticks.choice, confidence=SURE_TICK_TRUST if sure else TICK_TRUST)
        elif ticks.is_tick_list:
            fields.pop(hit.key, None)


TICK_TRUST = 0.8  # a choice read from the box's ink, not from its words ...
SURE_TICK, SURE_TICK_TRUST = 2.0, 0.9  # ... its box twice as inked as the others' median: a sure reading


def _wrapped_choices(hits: list[Hit], lines: list[Line], skip: set[int]) -> None:
    """A choice printed long wraps onto the line under it (`KEPALA KELUARGA DAN SEBAGIAN` over `ANGGOTA
    KELUARGA`): a choice's value that names no option takes the next line when that line holds no label,
    starts under the value (within a text height and a half) and the two together name one."""
    labelled = {h.line for h in hits}
    for hit in hits:
        nxt = hit.line + 1
        if hit.key not in _CHOICES or not hit.words or nxt >= len(lines) or nxt in labelled | skip:
            continue
        if normalise(hit.key, hit.text, hit.words) is not None:
            continue
        under = lines[nxt].words
        h = median(w.height for w in hit.words)
        if abs(under[0].left - hit.words[0].left) > 1.5 * h or split_label(under, SKPWNI_LABELS) is not None:
            continue
        joined = [*hit.words, *under]
        if normalise(hit.key, words_text(joined), joined) is not None:
            hit.words = joined


def _move_date_in_parts(hits: list[Hit], fields: dict[str, Field]) -> None:
    """`Tanggal Pindah  Tgl [1|7] Bln [1|1] Thn [2|0|2|4]`: the move's date typed in parts, each in boxes
    after a short label of its own, which no date format reads (the parts' labels between the digits)."""
    for hit in hits:
        if hit.key != "move_date":
            continue
        words = [*hit.words, *(w for alt in hit.alternates for w in alt)]
        found = grammar.date_in_parts(words_text(words))
        f = make_field(words, found) if found else None
        if f is not None:
            fields["move_date"] = f
            return


SMALL_PRINT = 0.8  # a line of print at most this tall against the line under it: a cell's small label
MAX_SMALL_LABELS = 40  # phrases read again per page (bounds the extra time)
# A phrase whose every word the page read at least this surely is read as printed (a value, a sentence of a
# letter): a small label thresholding garbled reads unsure (`Lavamat asa!` at 0.34, a leader's `ooka` 0.00).
SURELY_READ = 0.8


def _small_labels_again(lines: list[Line], image: GreyImage, engine: OcrEngine) -> list[Line]:
    """Labels printed small (and often grey) at the top of a form's cells, over their values in bold: at
    that size thresholding breaks their strokes and the page reading garbles them (`Lavamat asa!` for
    `Alamat Asal`). Each phrase of such a line that does not read as a label is read again, scaled up from
    the page before thresholding; the new reading replaces it only when it reads as a label."""
    todo: list[tuple[int, int, Segment]] = []
    for index, line in enumerate(lines[:-1]):
        below = lines[index + 1]
        # The label's smallest word: its letters without descenders (`Tujuan`'s j makes a word taller).
        height = min((w.height for w in line.words if len(w.text) >= 3), default=0)
        under = median(w.height for w in below.words)
        if not height or height > SMALL_PRINT * under or below.cy - line.cy > 3.5 * under:
            continue
        for n, seg in enumerate(line.segments()):
            if min(w.confidence for w in seg.words) >= SURELY_READ:
                continue  # read well: no garbled label to read again (a letter's sentences cost 0.09 s)
            split = split_label(seg.words, SKPWNI_LABELS)
            if split is None or split[2]:
                todo.append((index, n, seg))
    todo = todo[:MAX_SMALL_LABELS]
    if not todo:
        return lines
    boxes = [_segment_box(seg) for _, _, seg in todo]
    again = reread(engine, image, boxes)
    fixed: dict[tuple[int, int], list[OcrWord]] = {}
    for (index, n, seg), read in zip(todo, again, strict=True):
        if read is None:
            continue
        whole = seg.words[0].model_copy(
            update={"width": seg.right - seg.left, "confidence": read[1], "text": read[0]}
        )
        words = _split_word(whole, read[0], read[1])
        split = split_label(words, SKPWNI_LABELS)
        if split is not None and not split[2]:
            fixed[(index, n)] = words
    out = list(lines)
    for index in sorted({i for i, _ in fixed}):
        segments = lines[index].segments()
        out[index] = Line([w for n, seg in enumerate(segments) for w in fixed.get((index, n), seg.words)])
    return out


def _segment_box(seg: Segment) -> Box:
    top = min(w.top for w in seg.words)
    bottom = max(w.top + w.height for w in seg.words)
    pad = max(3, (bottom - top) // 3)
    return (seg.left - pad, top - pad, seg.right + pad, bottom + pad)


# Values a hand-filled form prints in boxes (one box, or one box per character), by their label's key.
BOXED_KEYS = frozenset(
    ("rt", "rw", "rt_rw", "postal_code", "move_reason", "move_classification", "move_type", "move_date")
)
REGION_LEVELS = ("village", "district", "regency", "province")
SIDED_KEYS = frozenset(("rt", "rw", "postal_code", "rt_rw", *REGION_LEVELS))  # each address has its own
_OPTION_WORD = re.compile(r"^\d[.)]$")
BOXED_TRUST = 0.8


def _reread_boxed(
    lines: list[Line],
    headings: dict[int, str],
    fields: dict[str, Field],
    image: GreyImage,
    engine: OcrEngine,
    grey: GreyImage | None = None,
) -> None:
    """Boxed values the page reading lost: the box's sides read as bars or swallowed the digits (`RT (o1o|
    Rw`, `Alasan Pindah : 1. Pekerjaan ...` with the chosen number gone). Each is cropped from after its label
    to the next label or the printed options, its boxes' sides erased, and read again; all in one call. With
    the page before thresholding (`grey`), read from it too and the surer reading kept: thresholding a
    recompressed copy's small digits closes the zeros (`009 / 004` read `909 / 094`)."""
    wanted: list[tuple[str, Box]] = []
    labels: list[list[OcrWord]] = []
    for index, line in enumerate(lines):
        heading = next((headings[i] for i in sorted(headings, reverse=True) if i <= index), "") or ""
        on_line = _labels_on(line)
        for n, (key, label, after) in enumerate(on_line):
            side = _row_side([k for k, _, _ in on_line], n) or heading
            full = (side if key in SIDED_KEYS else "") + key
            lost = full not in fields if key != "rt_rw" else not {side + "rt", side + "rw"} <= set(fields)
            region = key in REGION_LEVELS and side != ""  # a region's name of a known address
            if (key in BOXED_KEYS or region) and lost and full not in (k for k, _ in wanted):
                until = on_line[n + 1][1][0].left if n + 1 < len(on_line) else None
                box = _value_box(label, after, image.shape[1], wide=key == "move_date" or region, until=until)
                h = max(w.height for w in label)
                wanted.append((full, _after_colon(image, box, h)))
                labels.append(label)
    if not wanted:
        return
    words = [w for ln in lines for w in ln.words]
    pages = [image, *([grey] if grey is not None and grey.shape == image.shape else [])]
    readings: list[list[tuple[str, float] | None]] = []
    for page in pages:
        cleaned = page.copy()
        for _, box in wanted:
            _erase_boxes(cleaned, box)
        boxes = [b for _, b in wanted]
        readings.append(
            reread(engine, cleaned, boxes, glyph_height=CELL_GLYPH_HEIGHT, context=_context_words(words))
        )
    printed = _print_alone(wanted, labels, image, grey, engine)
    for (key, _), *read_as in zip(wanted, *readings, printed, strict=True):
        found_as = [r for r in read_as if r is not None]
        if key.endswith("rt_rw"):
            if found_as:
                _rt_rw_again(fields, key.removesuffix("rt_rw"), max(found_as, key=lambda r: r[1]))
            continue
        found = _value_again(key, found_as)
        if found is not None:
            # Read alone from a crop, without the page around it: held less sure than the page's own words.
            fields[key] = Field(value=found.value, confidence=round(BOXED_TRUST * found.confidence, 3))


def _print_alone(
    wanted: list[tuple[str, Box]],
    labels: list[list[OcrWord]],
    image: GreyImage,
    grey: GreyImage | None,
    engine: OcrEngine,
) -> list[tuple[str, float] | None]:
    """Each box read as print alone (`print_ink`: the print's ink measured on the labels, a stamp's lighter
    ink over the value dropped), the surer of its two cuts; None each without the page before thresholding."""
    if grey is None or grey.shape != image.shape:
        return [None] * len(wanted)
    crops = [
        Crop(box, float(max(w.height for w in label))) for (_, box), label in zip(wanted, labels, strict=True)
    ]
    reference = [(w.left, w.top, w.right, w.top + w.height) for label in labels for w in label]
    return [_surer(tuple(found)) for found in reread_print(engine, image, grey, crops, reference)]


def _value_again(key: str, readings: list[tuple[str, float]]) -> Field | None:
    """The surest of a box's readings that is a value of its kind: a box's number, an RT/RW pair, a date;
    a region's name only when it is one (a stamp's letters read as a word are no name)."""
    level = key.removeprefix("origin_").removeprefix("destination_")
    for text, confidence in sorted(readings, key=lambda r: -r[1]):
        word = OcrWord(text=text, confidence=confidence, left=0, top=0, width=0, height=0, line=0)
        if level in REGION_LEVELS:
            name = v.region_name(text, level)
            if name is not None:
                return Field(value=name, confidence=confidence)
            continue
        if not _holds_a_box(key, text):
            continue
        found = normalise(key, text, [word]) or _date_in_parts_read(key, (text, confidence))
        if found is not None:
            return Field(value=found.value, confidence=found.confidence)
    return None


def _date_in_parts_read(key: str, read: tuple[str, float]) -> Field | None:
    """A move's date read again from its boxes in parts (`Tel 21 Bin 06 Tm 2013`: day, month and year each
    after a short label), which no date format reads."""
    found = grammar.date_in_parts(read[0]) if key == "move_date" else None
    return Field(value=found, confidence=read[1]) if found else None


def _surer(readings: tuple[tuple[str, float] | None, ...]) -> tuple[str, float] | None:
    return max((r for r in readings if r is not None), key=lambda r: r[1], default=None)


def _row_side(keys: list[str], n: int) -> str | None:
    """A row that prints one label twice prints it for both addresses side by side: the first (left) is the
    origin's, the second the destination's. None for a label printed once."""
    if keys.count(keys[n]) != 2:
        return None
    return "origin_" if keys.index(keys[n]) == n else "destination_"


def _holds_a_box(key: str, text: str) -> bool:
    """A choice's crop read again holds the box's number, not a word: a word means the crop ran on into the
    printed options (their first number misread, `|.`, so not seen as where the options start)."""
    return key not in _CHOICES or re.search(r"[A-Za-z]{3,}", text) is None


def _rt_rw_again(fields: dict[str, Field], side: str, read: tuple[str, float]) -> None:
    """`RT/RW : 010/001` read again: both numbers, held as sure as any value read alone from a crop."""
    pair = rt_rw(read[0])
    for sub, value in zip(("rt", "rw"), pair or (), strict=False):
        fields.setdefault(side + sub, Field(value=value, confidence=round(BOXED_TRUST * read[1], 3)))


def _labels_on(line: Line) -> list[tuple[str, list[OcrWord], list[OcrWord]]]:
    """(key, label words, words after the label on the line) of each label on the line, in order."""
    out: list[tuple[str, list[OcrWord], list[OcrWord]]] = []
    words = line.words
    for i in range(len(words)):
        prefix = SKPWNI_LABELS.best_prefix(strip_enumeration(words[i:], SKPWNI_LABELS))
        if prefix is None or (out and words[i] in out[-1][1]):
            continue
        start = len(words) - len(strip_enumeration(words[i:], SKPWNI_LABELS))
        label = words[start : start + prefix[1]]
        out.append((prefix[0], label, words[start + prefix[1] :]))
    return out


def _value_box(
    label: list[OcrWord], after: list[OcrWord], page_width: int, wide: bool = False, until: int | None = None
) -> Box:
    """From after the label to the next label word or the first printed option, and never past `until` (where
    the row's next label starts); `wide`: a value of several boxed parts, `Tgl [..] Bln [..] Thn [....]`, to
    the line's end."""
    h = max(w.height for w in label)
    left = label[-1].right + h // 3
    stop = next(
        (
            w.left
            for w in after
            if _OPTION_WORD.match(w.text)
            or SKPWNI_LABELS.match(w.text, 100.0) in ("rw", "postal_code")
            or t.compact(w.text) in ("RW", "TELEPON")
        ),
        None,
    )
    # With no stop, at least to the end of the words read after the label (a value set in a far column).
    reach = max([left + (40 if wide else 14) * h, *(w.right + h for w in after)])
    if until is not None and until > left and (stop is None or until < stop):
        stop = until
    right = stop - h // 4 if stop is not None and stop > left else min(page_width, reach)
    top, bottom = min(w.top for w in label), max(w.top + w.height for w in label)
    return (left, top - h // 2, right, bottom + h // 2)


def _erase_boxes(image: GreyImage, box: Box) -> None:
    """Erase the sides of boxes drawn around characters: straight strokes longer than a glyph is tall (a
    box's side) or wide (its top and bottom); the glyphs inside stay."""
    import cv2

    left, top, right, bottom = (max(0, v) for v in box)
    crop = image[top:bottom, left:right]
    if crop.size == 0:
        return
    ink = np.asarray(crop < 128, np.uint8)
    glyph = max(8, (bottom - top) // 2)  # the box is cut two glyph heights tall
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((int(1.3 * glyph), 1), np.uint8))
    ink[cv2.dilate(vertical, np.ones((3, 3), np.uint8)) > 0] = 0
    crop[cv2.dilate(vertical, np.ones((3, 3), np.uint8)) > 0] = 255
    # The tops and bottoms left once the sides are gone: flat marks of their own, not part of a glyph.
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    for i in range(1, count):
        _, _, w, hh, _ = (int(v) for v in stats[i])
        if hh <= max(3, glyph // 6) and w >= 3 * hh and w >= glyph // 2:
            crop[labels == i] = 255


def _side_by_side(lines: list[Line]) -> dict[int, list[Hit]]:
    """Origin and destination printed side by side, each column its own labels and values, under column
    headings that say which (`DAERAH ASAL   DAERAH TUJUAN`): each row's words split where the right heading
    starts, each half read as a labelled line. Hits per claimed line (the heading's line claims none)."""
    for index, line in enumerate(lines):
        segments, last = _side_headings(lines, index)
        if not segments:
            continue
        h = median(w.height for w in line.words)
        split = segments[1].left - h
        if last > index:
            return _flowing_columns(lines, last, split)
        claimed: dict[int, list[Hit]] = {index: []}
        starts: dict[str, list[int]] = {"origin_": [], "destination_": []}  # where each column's labels start
        skipped = 0
        for row_index in range(index + 1, len(lines)):
            halves = (
                ("origin_", [w for w in lines[row_index].words if w.left < split]),
                ("destination_", [w for w in lines[row_index].words if w.left >= split]),
            )
            found = {prefix: _half_hits(words, starts[prefix], h) for prefix, words in halves if words}
            if not any(found.values()):
                # A row of a field not read in both columns (`Dusun/Dukuh/Kampung`, `Telepon`): the columns go
                # on under it. A label of another field (`Alasan Pindah`) or a row of one half ends them.
                if skipped >= MAX_ROWS_SKIPPED or not all(w for _, w in halves) or _other_field(halves):
                    break
                skipped += 1
                continue
            skipped = 0
            for prefix, words in halves:
                if found.get(prefix):
                    starts[prefix].append(words[0].left)
            row = [
                Hit(p + h.key, h.label, h.words, row_index, h.alternates)
                for p, hits in found.items()
                for h in hits
            ]
            row += _parallel_value(halves, found, row_index, starts, h)
            claimed[row_index] = row
        return claimed
    return {}


MAX_ROWS_SKIPPED = 2  # rows of fields not read the side-by-side columns go on under, in a row


def _flowing_columns(lines: list[Line], last: int, split: float) -> dict[int, list[Hit]]:
    """The two columns under headings on lines of their own, the right column half a line lower than the
    left: its rows are not the left's, so each column is read as lines of its own (a label over its value
    or beside it), down to a section heading or a line of another field's labels (the members' table)."""
    rows: list[int] = []
    for r in range(last + 1, len(lines)):
        if _heading(lines[r]) is not None or _other_field((("", lines[r].words),), ADDRESS_KEYS):
            break
        rows.append(r)
    claimed: dict[int, list[Hit]] = {r: [] for r in range(last - 1, rows[-1] + 1 if rows else last + 1)}
    for prefix, right in (("origin_", False), ("destination_", True)):
        column = [
            (r, Line(words))
            for r in rows
            if (words := [w for w in lines[r].words if (w.left >= split) == right])
        ]
        for hit in read_labelled([ln for _, ln in column], SKPWNI_LABELS):
            if hit.key in ADDRESS_KEYS:
                row = column[hit.line][0]
                claimed[row].append(Hit(prefix + hit.key, hit.label, hit.words, row, hit.alternates))
    return claimed


def _side_headings(lines: list[Line], index: int) -> tuple[list[Segment], int]:
    """The two columns' headings (`DAERAH ASAL   DAERAH TUJUAN`) on line `index`, origin left: as one line's
    two phrases, or the right column's on the next line (its column flows half a line lower); with the index
    of the headings' last line. ([], index) when the line opens no such columns."""
    segments = lines[index].segments()
    if len(segments) == 1 and index + 1 < len(lines) and len(nxt := lines[index + 1].segments()) == 1:
        if nxt[0].left > segments[0].right and _heading(Line(nxt[0].words)) is not None:
            pair, last = [segments[0], nxt[0]], index + 1
        else:
            return [], index
    else:
        pair, last = segments, index
    sides = [_label_side(t.compact(s.text)) for s in pair]
    if len(pair) != 2 or sides != ["origin_", "destination_"] or _heading(Line(pair[0].words)) is None:
        return [], index
    if any(_sections_named(s.text) > 1 for s in pair):
        return [], index  # `Data Asal  Data Kepindahan | Data Tujuan`: an application's tabs, no two columns
    return pair, last


def _half_hits(words: list[OcrWord], starts: list[int], h: float) -> list[Hit]:
    """The address labels of one column's half of a row. A first phrase standing where the column's labels
    start, with a value phrase after it, is a label by its place, as a colon would say: its wording is held
    to a colon's score (`Proansi  JAMBI`, the colon lost and the label garbled by a recompressed copy)."""
    hits = [hit for hit in read_labelled([Line(words)], SKPWNI_LABELS) if hit.key in ADDRESS_KEYS]
    segments = Line(words).segments()
    if hits or len(segments) < 2 or not _at_label_column(segments[0], starts, h):
        return hits
    key = SKPWNI_LABELS.match(segments[0].text)
    if key not in ADDRESS_KEYS:
        return []
    rest = [seg.words for seg in segments[2:]]
    return [Hit(key, t.compact(segments[0].text), _drop_colon(segments[1].words), -1, rest)]


def _other_field(halves: tuple[tuple[str, list[OcrWord]], ...], but: frozenset[str] = frozenset()) -> bool:
    """A half holds a label of a field (other than those `but` names)."""
    return any(
        hit.key not in but
        for _, words in halves
        if words
        for hit in read_labelled([Line(words)], SKPWNI_LABELS)
    )


def _parallel_value(
    halves: tuple[tuple[str, list[OcrWord]], ...],
    found: dict[str, list[Hit]],
    row_index: int,
    starts: dict[str, list[int]],
    h: float,
) -> list[Hit]:
    """Side by side, each row prints the same field in both columns: a half whose label was lost (`.20776`
    alone) is the field its other half's label names."""
    named = [hits[0] for hits in found.values() if len(hits) == 1]
    out = []
    for prefix, words in halves:
        if words and not found.get(prefix) and named:
            out.append(
                Hit(prefix + named[0].key, "", _past_garbled_label(words, starts[prefix], h), row_index)
            )
    return out


def _past_garbled_label(words: list[OcrWord], starts: list[int], h: float) -> list[OcrWord]:
    """The value of a half whose label was garbled past reading (`Pronaras  JAWA TIMUR`): the phrases after
    the first when that one stands where the column's labels start; else the half as read."""
    segments = Line(words).segments()
    if len(segments) >= 2 and _at_label_column(segments[0], starts, h):
        return _drop_colon([w for seg in segments[1:] for w in seg.words])
    return _drop_colon(words)


def _at_label_column(segment: Segment, starts: list[int], h: float) -> bool:
    """The phrase starts where the column's labels read on the rows above start (within a text height and
    a half: a label column is set flush left)."""
    return bool(starts) and abs(segment.left - median(starts)) <= 1.5 * h


def _letterhead(lines: list[Line]) -> set[int]:
    """The lines above the title (`SURAT KETERANGAN PINDAH ...`): the issuing office's letterhead, whose
    address and postal code are the office's own, no resident's."""
    for index, line in enumerate(lines[:12]):
        if "KETERANGANPINDAH" in t.compact(line.text):
            return set(range(index))
    return set()


# Words of a letter's sentences that say a place is an address (`adalah penduduk yang beralamat di JL. ...`),
# and how a letter names the move's facts in a clause (`dengan alasan KESEHATAN`).
SENTENCE_LABELS = Labels(
    {
        **{k: SKPWNI_LABELS_TABLE[k] for k in ADDRESS_LABELS},
        # `akan pindah ke JL. HASANUDDIN NO. 129, RT 015 ...`: the street after the verb is the destination's.
        "address": (
            "beralamat di",
            "bertempat tinggal di",
            "berdomisili di",
            "Alamat",
            "alamat di",
            "pindah ke",
            "pindah ke alamat",
        ),
        "village": (
            *SKPWNI_LABELS_TABLE["village"],
            "Kel.",
            "Kelurahan/Desa",
        ),  # `Kel. HILIKANA` in a sentence
        # Who moves, as a village office's letter names them (`bahwa Saudara/i BUDI, Nomor Induk Kependudukan
        # 3201..., anggota keluarga dalam Kartu Keluarga Nomor 3201...`).
        "name": ("Saudara/i", "Saudara", "Saudari", "Sdr.", "Sdri.", "Sdr/i", "atas nama"),
        "nik": ("Nomor Induk Kependudukan", "NIK"),
        "kk_number": ("Kartu Keluarga Nomor", "Nomor Kartu Keluarga", "Nomor KK", "No. KK"),
        "move_reason": ("alasan", "Alasan Pindah", "Alasan Kepindahan"),
        "move_classification": SKPWNI_LABELS_TABLE["move_classification"],
        "move_type": SKPWNI_LABELS_TABLE["move_type"],
        "move_date": SKPWNI_LABELS_TABLE["move_date"],
    }
)
_TO = frozenset(("KE", "TUJUAN"))  # `pindah ke ...`: the places after it are the destination's
_FROM = frozenset(("DARI", "ASAL"))


def _is_sentence(line: Line) -> bool:
    """Running text, not a form's row: one phrase, no colon before its end, and words of a sentence (four
    lower-case words in a row, two of them all in small letters: a sentence's `di`, `dan`, `yang`; a form's
    row in title case, `Jenis Kepindahan 3. Kep. Keluarga dan Sbgn. Angg. Keluarga`, has one at most) or a
    run of places set apart by commas."""
    text = line.text.rstrip(": ")
    if (len(line.segments()) > 1 and not _justified(line)) or any(c in text for c in ":;"):
        return False
    run = best = 0
    for w in line.words:
        run = run + 1 if any(c.islower() for c in w.text) else 0
        best = max(best, run)
    small = sum(1 for w in line.words if (letters := w.text.strip(".,")).isalpha() and letters.islower())
    return (best >= 4 and small >= SENTENCE_SMALL_WORDS) or text.count(",") >= 2


SENTENCE_SMALL_WORDS = 2


def _in_paragraph(lines: list[Line], index: int) -> bool:
    """A sentence's line, or a line after one that runs on in the same sentences: one phrase (or justified),
    no colon, with a word in lower case or ending a clause (`Kartu Keluarga Nomor 1504... dengan kepala
    keluarga ARIF SAPUTRA,`: a number and a name leave fewer than four lower-case words in a row; `Provinsi
    JAWA TIMUR, Kode Pos 61271.`). Asked only of the lines after a paragraph's first: a signature's place and
    date or a name under it is none."""
    line = lines[index]
    if _is_sentence(line):
        return True
    if (len(line.segments()) > 1 and not _justified(line)) or any(c in line.text.rstrip(": ") for c in ":;"):
        return False
    return (
        line.text.rstrip().endswith((",", "."))
        or any(w.text.isalpha() and w.text.islower() for w in line.words)
        or _runs_on(lines, index)
    )


def _runs_on(lines: list[Line], index: int) -> bool:
    """The line above broke off inside a clause (its last word a value's, no stop or comma after it: `... di
    JL. GAJAH` over `MADA NO. 119 RT 010 RW 001 Desa HAJRAN ...`): it ran to the paragraph's right edge (a
    short line ended its paragraph, the signature under it is none of it), this line starts at its margin and
    follows it closely."""
    above, line = lines[index - 1], lines[index]
    if index < 2 or not above.words or not line.words:
        return False
    h = max(above.words[0].height, 1)
    edge = max(w.right for ln in lines[max(0, index - 4) : index] for w in ln.words)
    return (
        above.words[-1].text[-1:].isalnum()
        and above.words[-1].right >= edge - 3 * h
        and abs(line.words[0].left - above.words[0].left) <= 2 * h
        and line.cy - above.cy <= 2.2 * h
    )


def _address_sentences(lines: list[Line], skip: set[int]) -> list[Hit]:
    """A letter's sentences that state an address and the move (`beralamat di JL. X NO. 1, RT 010 RW 001,
    Desa/Kelurahan Y, Kecamatan Z, KABUPATEN W, Provinsi V, Kode Pos 12345, yang akan pindah ke ...`): clauses
    between commas, each a label and its value; the address before `pindah ke` is the origin, after it the
    destination. A clause without a label that names a regency (`KABUPATEN W`) is the regency."""
    out: list[Hit] = []
    index = 0
    while index < len(lines):
        if index in skip or not _is_sentence(lines[index]):
            index += 1
            continue
        start = index
        while index < len(lines) and index not in skip and _in_paragraph(lines, index):
            index += 1
        found = _clauses(lines, range(start, index))
        out.extend(found)
    return out


# Justified prose: a line's spaces are widened alike, so its widest gap stays within this factor of its
# narrowest; a form row's label stands apart from its value by a gap many times its word spaces.
JUSTIFIED_GAP_SPREAD = 1.6
JUSTIFIED_MIN_GAPS = 4


def _justified(line: Line) -> bool:
    """A justified line of a letter (every space widened to fill the line), which the phrase split cuts
    wherever a space grew past a phrase gap: even spaces, enough of them, say running text."""
    gaps = [b.left - a.right for a, b in itertools.pairwise(line.words)]
    if len(gaps) < JUSTIFIED_MIN_GAPS or min(gaps) <= 0:
        return False
    return max(gaps) <= JUSTIFIED_GAP_SPREAD * min(gaps)


# An academic or religious title after a name's comma (`BUDI SANTOSO, S.E.`, `SITI AMINAH, S.Pd.`,
# `RUDI, M.Kom.`): part of the name, not a new clause of the sentence.
_DEGREE = re.compile(r"(?:[A-Z][A-Za-z]{0,3}\.){1,3},?")


def _degree_follows(words: list[OcrWord], i: int) -> bool:
    return (
        i + 1 < len(words)
        and _DEGREE.fullmatch(words[i + 1].text) is not None
        and t.compact(words[i + 1].text) not in _PLACE_ABBREVIATIONS
    )


# A region's label abbreviated (`RW 007, Kel. HILIKANA`, `Kec. HIBALA`) is no title after a name.
_PLACE_ABBREVIATIONS = frozenset(("KEL", "KEC", "KAB", "PROV", "PROP", "DS", "JL", "NO", "GG"))


def _clauses(lines: list[Line], span: range) -> list[Hit]:
    clauses: list[list[tuple[int, OcrWord]]] = [[]]
    flat = [(i, w) for i in span for w in lines[i].words]
    words_only = [w for _, w in flat]
    for n, (i, w) in enumerate(flat):
        if w.text.endswith(",") and _degree_follows(words_only, n):
            clauses[-1].append((i, w))  # the name goes on with its title: its comma is the name's
            continue
        text = w.text.rstrip(",")
        if text:
            clauses[-1].append((i, w.model_copy(update={"text": text}) if text != w.text else w))
        if w.text.endswith(","):
            clauses.append([])
    out: list[Hit] = []
    side = "origin_"
    for clause in clauses:
        words = [w for _, w in clause]
        start = 0
        for key, label, (begin, end) in _clause_hits(words):
            value = words[begin:end]
            # `pindah ke`, `dari`: the words before the value (the label's too) say whose address.
            lead = {t.compact(w.text) for w in words[start:begin]}
            side = "destination_" if lead & _TO else "origin_" if lead & _FROM else side
            start = end
            line = next(i for i, w in clause if w is value[0])
            for part_key, part_label, part in _address_and_rt_rw(key, label, value):
                out.append(Hit((side if part_key in ADDRESS_KEYS else "") + part_key, part_label, part, line))
        lead = {t.compact(w.text) for w in words[start:]}
        side = "destination_" if lead & _TO else "origin_" if lead & _FROM else side
    return out


def _region_and_regency(key: str, label: str, value: list[OcrWord]) -> list[tuple[str, str, list[OcrWord]]]:
    """The value split where a regency's name begins (`KABUPATEN`, `KOTA` with a name after it), when what
    stands before is a region's name of the value's level and what follows a regency's: `BATAM KOTA` (a
    district) and `TANJUNGBALAI KOTA I` (a village) stay whole."""
    for i, w in enumerate(value[1:-1], start=1):
        if t.compact(w.text) not in ("KABUPATEN", "KAB", "KOTA"):
            continue
        if v.region_name(words_text(value[:i]), key) and v.region_name(words_text(value[i:]), "regency"):
            return [(key, label, value[:i]), ("regency", "", value[i:])]
    return [(key, label, value)]


def _address_and_rt_rw(key: str, label: str, value: list[OcrWord]) -> list[tuple[str, str, list[OcrWord]]]:
    """`di DUSUN KARANGANYAR RT 015 RW 011, Desa ...`: a sentence's address with its RT and RW in one clause
    (no comma between): the street or hamlet before `RT`, and the number after each of RT and RW; `RT 015 RW
    007` (`RT 010/RW 001`) after the street's comma: the RT's number and the RW's. A district
    or village run on into the regency (`Kecamatan BATIN XXIV KABUPATEN BATANGHARI`, the comma lost): each."""
    if key in ("village", "district"):
        return _region_and_regency(key, label, value)
    value = [part for w in value for part in _rt_slash_rw(w)]
    marks = [i for i, w in enumerate(value) if t.compact(w.text) in ("RT", "RW")]
    if key == "rt" and marks and marks[0] > 0:
        marks = [-1, *marks]  # `RT 015 RW 007`: the RT's number, then the RW's label and number
    elif key != "address" or not marks or marks[0] == 0:
        return [(key, label, value)]
    out = [(key, label, value[: marks[0]])] if key == "address" else []
    for i in marks:
        if i + 1 < len(value):
            part = "rt" if i < 0 else t.compact(value[i].text).lower()
            out.append((part, label if i < 0 else value[i].text, value[i + 1 : i + 2]))
    return out


_NUMBER_SLASH_RW = re.compile(r"^(\d{1,3})/(RW)$", re.IGNORECASE)


def _rt_slash_rw(word: OcrWord) -> list[OcrWord]:
    """`RT 010/RW 001`: the RT's number and the RW's label printed as one word, read apart."""
    m = _NUMBER_SLASH_RW.match(word.text)
    if m is None:
        return [word]
    return [word.model_copy(update={"text": m[1]}), word.model_copy(update={"text": m[2]})]


def _clause_hits(words: list[OcrWord]) -> list[tuple[str, str, tuple[int, int]]]:
    """(key, label, where its value begins and ends in the clause) of each label in the clause and the value
    after it, up to the first word in lower case (the sentence goes on: `2024. Adapun anggota ...`), and of a
    move's date the sentence tells (`pada tanggal 7 Desember 2024 pindah ke alamat JL. ...`): a clause may
    name several. A regency named alone (`ke KABUPATEN NIAS SELATAN`) when no other place is."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    i = 0
    while i < len(words):
        moved = _move_date_told(words, i)
        if moved is not None:
            found.append(("move_date", t.compact(words[i].text), moved))
            i = moved[1]
            continue
        prefix = SENTENCE_LABELS.best_prefix(words[i:])
        value = _capitals(words[i + prefix[1] :]) if prefix is not None else []
        if prefix is None or not value or _moves_to_a_region(words[i : i + prefix[1]], value):
            i += 1
            continue
        begin = i + prefix[1] + _colon_words(words[i + prefix[1] :])
        found.append(
            (prefix[0], t.compact(words_text(words[i : i + prefix[1]])), (begin, begin + len(value)))
        )
        i = begin + len(value)
    if not any(key in ADDRESS_KEYS for key, _, _ in found):
        alone = _clause_hit(words)
        if alone is not None:
            found.append(alone)
    return found


def _moves_to_a_region(label: list[OcrWord], value: list[OcrWord]) -> bool:
    """`pindah ke KABUPATEN NIAS SELATAN`: the verb names a region, not a street (`_clause_hit` reads it)."""
    return t.compact(words_text(label)).startswith("PINDAHKE") and t.compact(value[0].text) in _REGION_WORDS


_REGION_WORDS = frozenset(
    ("KABUPATEN", "KAB", "KOTA", "PROVINSI", "PROV", "KECAMATAN", "KEC", "DESA", "DS", "KELURAHAN", "KEL")
)


def _colon_words(words: list[OcrWord]) -> int:
    """How many leading words `_capitals` passed over as a colon before the value."""
    return len(words) - len(_drop_colon(words)) if words else 0


# `pada tanggal 7 Desember 2024 pindah`, `pindah pada tanggal 07-12-2024`: the date the sentence says the move is.
_DATE_WORDS = 4  # at most: day, month, `tahun`, year
# Words of a document referred to before its date (`Surat Pengantar Pindah tanggal 3 Desember 2024`): that date is
# the letter's, not the move's.
_LETTER_WORDS = frozenset(("SURAT", "PENGANTAR", "NOMOR", "NO", "KETERANGAN"))


def _move_date_told(words: list[OcrWord], i: int) -> tuple[int, int] | None:
    """At `tanggal` (or `tgl.`): where the date that follows begins and ends, when the sentence ties it to the
    move (`pindah` right after it, or just before `tanggal` with no letter named there)."""
    if t.compact(words[i].text) not in ("TANGGAL", "TGL"):
        return None
    before = [t.compact(w.text) for w in words[max(0, i - 3) : i]]
    if _LETTER_WORDS & set(before):
        return None
    for n in range(1, _DATE_WORDS + 1):  # the shortest that is a date: `pindah` after it is no part of it
        date_words = words[i + 1 : i + 1 + n]
        if len(date_words) < n or t.parse_date(words_text(date_words).rstrip(",.")) is None:
            continue
        after = t.compact(words[i + 1 + n].text) if i + 1 + n < len(words) else ""
        # `... pindah ke X, terhitung mulai tanggal 28 DESEMBER 2024`: the day the move takes effect.
        # (`Surat keterangan ini berlaku terhitung mulai tanggal ...`: the letter's validity, not the move.)
        started = bool({"MULAI", "TERHITUNG"} & set(before[-2:])) and "BERLAKU" not in before
        if after in ("PINDAH", "AKAN") or "PINDAH" in before[-2:] or started:
            return i + 1, i + 1 + n
        return None
    return None


def _clause_hit(words: list[OcrWord]) -> tuple[str, str, tuple[int, int]] | None:
    """(key, label, where the value begins and ends) of a regency named without a label (`KABUPATEN NIAS
    SELATAN`)."""
    for i in range(len(words)):
        value = _capitals(words[i:])
        if value and t.compact(value[0].text) in ("KABUPATEN", "KOTA", "KAB"):
            begin = i + _colon_words(words[i:])
            return "regency", "", (begin, begin + len(value))
    return None


def _capitals(words: list[OcrWord]) -> list[OcrWord]:
    words = _drop_colon(words) if words else []
    out: list[OcrWord] = []
    for w in words:
        # A title after a name (`S.Pd.`) and the number after RT or RW (`Oli`: 011 misread) go on the value.
        after_rt_rw = bool(out) and t.compact(out[-1].text) in ("RT", "RW")
        if any(c.islower() for c in w.text) and not (out and _DEGREE.fullmatch(w.text)) and not after_rt_rw:
            break
        out.append(w)
    return out


def _label_side(label: str) -> str | None:
    return qualifier_side(label)


def _set_section(headings: dict[int, str], hit: Hit) -> None:
    """`Alamat Tujuan Pindah` opens the destination's block: the rows under it (RT, desa, ...) are its."""
    side = "destination_" if hit.key.startswith("destination_") else "origin_"
    headings[hit.line] = side


# A value read with no label beside it is held less sure than a labelled one.
UNLABELLED_TRUST = 0.7


def _kk_number_alone(lines: list[Line], table: dict[int, list[Hit]], fields: dict[str, Field]) -> None:
    """The KK number whose label the reading lost: a 16-digit number alone on its line, above the address
    block, that is not the applicant's NIK (read: with no NIK, the number alone may be the NIK) and has a KK
    number's form (a members table's NIKs stand beside names, never alone)."""
    nik = fields["nik"].value if "nik" in fields else None
    if nik is None:
        return
    for line in lines[: min(table, default=len(lines))]:
        number = t.number16(line.text) if len(line.words) == 1 else None
        if number and number != nik and v.kk_is_plausible(number):
            f = make_field(line.words, number)
            if f is not None:
                fields["kk_number"] = Field(
                    value=number, confidence=round(UNLABELLED_TRUST * f.confidence, 3)
                )
            return


def _nik_from_members(lines: list[Line], fields: dict[str, Field]) -> None:
    """No NIK labelled: the applicant's from the table of who moves (`No  NIK  Nama  SHDK`), the row of the
    applicant's name when one was read, else the table's only row (with several and no name, none is)."""
    row = _applicant_row(lines, fields)
    f = make_field(row[1], row[0]) if row is not None else None
    if f is not None:
        fields["nik"] = Field(value=f.value, confidence=round(UNLABELLED_TRUST * f.confidence, 3))


def _applicant_row(lines: list[Line], fields: dict[str, Field]) -> tuple[str, list[OcrWord]] | None:
    """(NIK, its words) of the applicant's row in the table of who moves, as _nik_from_members says."""
    header = next((i for i, ln in enumerate(lines) if {"NIK", "NAMA"} <= _header_words(ln)), None)
    if header is None:
        return None
    rows: list[tuple[str, str, list[OcrWord]]] = []
    for line in lines[header + 1 :]:
        numbers = [
            w for w in line.words if t.number16(w.text) and v.nik_is_plausible(t.number16(w.text) or "")
        ]
        if not numbers:
            break
        rest = [w for w in line.words if not any(c.isdigit() for c in w.text)]
        rows.append((t.number16(numbers[0].text) or "", t.compact(words_text(rest)), numbers))
    name = t.compact(fields["name"].value) if "name" in fields else None
    chosen = [r for r in rows if name and name in r[1]] if name else rows
    return (chosen[0][0], chosen[0][2]) if len(chosen) == 1 else None


def _nik_one_glyph_over(hits: list[Hit], lines: list[Line], fields: dict[str, Field]) -> None:
    """A labelled NIK read with a glyph too many (`1214046 1104020014`, 17 digits: a speck or a cell's wall
    read as a digit) is one of its 16-digit windows, a guess. When the applicant's row in the table of who
    moves holds the reading less one digit, that NIK is the one printed: the two readings agree on it."""
    row = _applicant_row(lines, fields)
    if row is None or fields["nik"].value == row[0]:
        return
    for hit in hits:
        read = re.sub(r"\D", "", hit.text) if hit.key == "nik" else ""
        if len(read) == 17 and any(read[:i] + read[i + 1 :] == row[0] for i in range(17)):
            f = make_field(row[1], row[0])
            if f is not None:
                fields["nik"] = Field(value=f.value, confidence=round(UNLABELLED_TRUST * f.confidence, 3))
            return


def _header_words(line: Line) -> set[str]:
    return {t.compact(w.text) for w in line.words}


def _skpwni_number(lines: list[Line], fields: dict[str, Field]) -> None:
    for line in lines:
        # `Nornor`: m read as rn; `No.SKPWNI/...`, `NOMORSKPWNI/...`: the label glued to the number (a
        # phone's blur or a messenger's compression closes the space before a word with slashes).
        m = re.search(r"\bNO(?:(?:M|RN)OR)?(?:\b\.?\s*[:;]?\s*|(?=[A-Z0-9.]+/))(\S+)", line.text.upper())
        if m and len(t.compact(m[1])) >= 8 and sum(c.isdigit() for c in m[1]) >= 3:
            words = [w for w in line.words if t.compact(m[1])[:6] in t.compact(w.text)] or line.words
            f = _letter_number(words, m[1])
            if f is not None:
                fields["number"] = f
            return
    for line in lines:
        # The `Nomor` label lost (faint, or a copy's speck over it): the number is still the one word under
        # the title shaped as a letter's number, segments set apart by slashes and most of its glyphs digits.
        shaped = [w for w in line.words if _shaped_as_letter_number(w.text)]
        if len(shaped) == 1:
            fields["number"] = Field(
                value=grammar.letter_number(shaped[0].text),
                confidence=round(UNLABELLED_TRUST * shaped[0].confidence, 3),
            )
            return


# Rows, each a certificate's number and a NIK, that make a page a list of certificates.
CERTIFICATES_LISTED = 3


def lists_certificates(lines: list[Line]) -> bool:
    """A village's monthly report of moves, a Dinas's register: one row per certificate issued, each with its
    number and its holder's NIK. No row is the applicant's certificate by itself (a highlighter's mark does
    not survive a grey scan), and any row's values would be read as the applicant's."""
    numbers = {
        w.text
        for line in lines
        if any(t.number16(w.text) is not None for w in line.words)
        for w in line.words
        if _shaped_as_letter_number(w.text)
    }
    return len(numbers) >= CERTIFICATES_LISTED


# A table of people's column titles (compacted): a KK's member tables in any of their forms, a family list.
PEOPLE_TABLE_TITLES = (
    "NAMALENGKAP", "NIK", "JENISKELAMIN", "TEMPATLAHIR", "TANGGALLAHIR", "TGLLAHIR", "AGAMA", "PENDIDIKAN",
    "JENISPEKERJAAN", "STATUSPERKAWINAN", "STATUSHUBUNGAN", "KEWARGANEGARAAN", "NAMAAYAH", "NAMAIBU",
    "GOLONGANDARAH",
)  # fmt: skip
# Titles on one row that make it a table's header: a card prints one label a row (two on the sex row: `Jenis
# Kelamin : ... Gol. Darah : ...`), a KK's member table six or more.
PEOPLE_TITLES_ON_A_ROW = 4
FUZZY_TITLE = 11  # a title this long is also known read with a glyph or two wrong
# Sixteen digits in a row, in groups as a card's copy or a form may print them (`3515 1007 1273 0019`).
_SIXTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9](?:[ .]?[0-9]){15}(?![0-9])")


def lists_people(lines: list[Line]) -> bool:
    """A page holding several people's identities: two NIKs or more of different people, labelled `NIK` (two
    cards in one photo) or not labelled as a KK's number (a second card's NIK, its label read on another
    line; `NIK Kepala Keluarga : ...`), or a table of people on the page (a header row of their titles) and
    two people's NIKs anywhere. A card photographed lying on the family's KK reads so: its reading would mix
    the card's values with the KK's rows (a member's NIK and birth date beside the card's name), and any claim
    could match either person."""
    numbers = [
        (index, before, n)
        for index, line in enumerate(lines)
        for before, n in _numbers16(line)
        if v.nik_is_plausible(n)
    ]
    if _two_people([n for index, before, n in numbers if not _kk_number_labelled(lines, index, before)]):
        return True
    titled = any(_people_titles(t.compact(line.text)) >= PEOPLE_TITLES_ON_A_ROW for line in lines)
    return titled and _two_people([n for _, _, n in numbers])


def without_people(lines: list[Line]) -> list[Line] | None:
    """A page listing people (`lists_people`) without its table: the header rows and every line holding a
    16-digit number no bare `NIK` label stands before (a member's row, the KK's number, `NIK Ayah : ...`) set
    aside, what a card lying on it prints kept. None when two labelled NIKs are two people's (two cards)."""
    labelled = [
        n
        for index, line in enumerate(lines)
        for before, n in _numbers16(line)
        if v.nik_is_plausible(n) and _nik_labelled(lines, index, before)
    ]
    if _two_people(labelled):
        return None
    kept: list[Line] = []
    for index, line in enumerate(lines):
        if _people_titles(t.compact(line.text)) >= PEOPLE_TITLES_ON_A_ROW:
            continue
        if all(_nik_labelled(lines, index, before) for before, _ in _numbers16(line)):
            kept.append(line)
    return kept


def _numbers16(line: Line) -> list[tuple[str, str]]:
    """Each 16-digit number the line prints (in one word or in groups): the line's text before it, its digits."""
    text = line.text
    return [(text[: m.start()], re.sub(r"[^0-9]", "", m[0])) for m in _SIXTEEN_DIGITS.finditer(text)]


# How a KK's number is labelled, compacted (`No. KK`, `Nomor KK`, `Nomor Kartu Keluarga`): a family's number,
# printed beside a NIK on a digital ID's record or a Dinas's letter, is no second person (its form is a NIK's).
KK_NUMBER_LABELS = ("NOKK", "NOMORKK", "KARTUKELUARGA")


def _kk_number_labelled(lines: list[Line], index: int, before: str) -> bool:
    """A KK's label ends the text before the number, or ends the line above it (`No. KK` over the number)."""
    if t.compact(before).endswith(KK_NUMBER_LABELS):
        return True
    return index > 0 and t.compact(lines[index - 1].text).endswith(KK_NUMBER_LABELS)


def _two_people(niks: list[str]) -> bool:
    """Whether the NIKs are two people's or more: two that are not one number read twice."""
    return any(not could_be_misread(a, b) for a, b in itertools.combinations(niks, 2))


# A table's title words a `Nama` label may be read with (`NAMA AYAH`, `NAMA IBU`): no one's name.
TITLE_WORDS_NAMED = frozenset(("NAMA", "LENGKAP", "AYAH", "IBU", "ORANG", "TUA", "KEPALA", "KELUARGA", "NIK"))


def named_on_its_line(name: str, lines: list[Line]) -> bool:
    """Whether a line prints `name` other than right after `... KELUARGA` (a KK's head, `Nama Kepala
    Keluarga : X`, its label perhaps cut short by the card lying on it), and the name is no table's titles.
    No `Nama` label is asked: a rotated card's label may be read after its value (`DEWI RAMADHAN Nama`)."""
    if all(t.compact(word) in TITLE_WORDS_NAMED for word in name.split()):
        return False
    value = t.compact(name)
    for line in lines:
        flat = t.compact(line.text)
        at = flat.find(value)
        if at >= 0 and not flat[:at].endswith("KELUARGA"):
            return True
    return False


# The text before a NIK its bare label ends (`NIK :`, a speck after it): `NIK Ayah :`, `NIK Lama :`, `NIK
# Kepala Keluarga :` are other people's or another number's.
_NIK_LABEL_BEFORE = re.compile(r"NIK[A-Z0-9]?$")


def _nik_labelled(lines: list[Line], index: int, before: str) -> bool:
    """`NIK` stands just before the number on its line, or alone on the line above or below it (a rotated
    card's label read as a line of its own)."""
    if _NIK_LABEL_BEFORE.search(t.compact(before)):
        return True
    return any(t.compact(lines[j].text) == "NIK" for j in (index - 1, index + 1) if 0 <= j < len(lines))


def _people_titles(flat: str) -> int:
    return sum(
        title in flat or (len(title) >= FUZZY_TITLE and fuzz.partial_ratio(title, flat, score_cutoff=88) > 0)
        for title in PEOPLE_TABLE_TITLES
    )


def _shaped_as_letter_number(text: str) -> bool:
    """Segments set apart by slashes, most of its glyphs digits: a letter's or a certificate's number."""
    return text.count("/") >= 2 and _mostly_digits(text)


def _mostly_digits(text: str) -> bool:
    """A number's glyphs, no date's (`16/02/2010` is the letter's date, set apart by slashes too)."""
    glyphs = text.replace("/", "")
    return len(glyphs) >= 12 and sum(c.isdigit() for c in glyphs) * 2 > len(glyphs) and not t.parse_date(text)


def _letter_number(words: list[OcrWord], text: str | None = None) -> Field | None:
    """The letter's number by its grammar, from the words as read (their spaces say where a slash was lost)."""
    return make_field(words, grammar.letter_number(text if text is not None else words_text(words)))


# --- KK ------------------------------------------------------------------------------------------------

KK_LABELS = Labels(
    {
        "kk_number": (
            "No.",
            "No",
            "Nomor",
            "Nomor KK",
            "No. KK",
            "Nomor Kartu Keluarga",
            "No. Kartu Keluarga",
        ),
        # `Nama KK`: a SIAK text report's short label (its other labels: `Almt`, `Kd. Pos`, `Propinsi`).
        "head_of_family": ("Nama Kepala Keluarga", "Nama KK"),
        **ADDRESS_LABELS,
        "issue_date": (
            "Dikeluarkan Tanggal",
            "Tanggal Dikeluarkan",
            "Dikeluarkan Tgl",
            "Tanggal Terbit",
            "Tanggal Terbit KK",
            "Tgl. Terbit",
            "Tgl. Terbit KK",
            "Tgl. Dikeluarkan",
            "Diterbitkan Tanggal",
            "Tanggal Penerbitan",
            "Tgl. Penerbitan",
            "Tanggal Penerbitan KK",
        ),
    },
    # A header printed as one row of headings over one row of values names the head `Kepala Keluarga`; its
    # `Kode Pos` heading wraps in a narrow cell, and `Pos` under it may be lost to the cell's rule.
    headings={"head_of_family": ("Kepala Keluarga",), "postal_code": ("Kode",)},
)


def parse_kk(
    lines: list[Line],
    image: GreyImage | None = None,
    engine: OcrEngine | None = None,
    grey: GreyImage | None = None,
) -> KkFields:
    """With the page image and engine, an issue date the page reading lost is read again (see
    `_kk_issue_date_again`); `grey`, the page before thresholding, lets that reading drop a stamp's ink."""
    lines = _with_boxes(lines)  # the family's biodata form (F-1.01) boxes each letter
    letterhead = _letter_head(lines)
    first_member = next((i for i, ln in enumerate(lines) if opens_a_member(ln)), len(lines))
    sentences = _kk_sentences(lines, letterhead | set(range(first_member, len(lines))))  # not its members'
    hits = _with_sentences(read_labelled(lines, KK_LABELS, skip=letterhead), sentences)
    candidates = _collect(hits)
    fields = _choose(candidates, {"kk_number": v.kk_is_plausible})
    _issue_date_not_ahead(hits, fields)
    if "issue_date" not in fields and image is not None and engine is not None:
        _kk_issue_date_again(lines, fields, image, engine, grey)
    if "kk_number" not in fields:
        _kk_number_unlabelled(lines[:8], fields)
    if "kk_number" in fields:
        fields["number"] = fields.pop("kk_number")
        v.check_kk_number(fields, "number")
    nik = fields["number"].value if "number" in fields else None
    village = v.resolve_regions(fields, "", nik)
    v.check_postal_code(fields, "postal_code", village)
    _kk_number_in_district(fields, village)
    return KkFields(**fields)


def _letter_head(lines: list[Line]) -> set[int]:
    """The lines above a letter's title (`SURAT KETERANGAN SUSUNAN KELUARGA`, a village's letter quoting the
    KK): the office's letterhead, whose address and postal code are the office's, no family's."""
    for index, line in enumerate(lines[:12]):
        letters = [c for c in line.text if c.isalpha()]
        capitals = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        if t.compact(line.text).startswith("SURATKETERANGAN") and capitals and len(line.segments()) == 1:
            return set(range(index))  # (an app's menu item `Surat Keterangan Pindah` is no letter's title)
    return set()


def _kk_sentences(lines: list[Line], skip: set[int]) -> list[Hit]:
    """The family's number and address as a letter's sentences state them (`Kepala Keluarga pada Kartu
    Keluarga Nomor 1504... , bertempat tinggal di JL. ... RT 010 RW 001 Desa ...`)."""
    return [
        Hit(key, hit.label, hit.words, hit.line)
        for hit in _address_sentences(lines, skip)
        if (key := hit.key.removeprefix("origin_")) in ("kk_number", *ADDRESS_KEYS)
        and not hit.key.startswith("destination_")
    ]


def _with_sentences(hits: list[Hit], sentences: list[Hit]) -> list[Hit]:
    """The labels' hits and the sentences': on a sentence's line a clause's reading of a field stands for the
    label's (`Provinsi JAMBI, Kode Pos 36656 mempunyai ...` is the province and no more); elsewhere a label's
    reading comes first. A number read by a label may be the letter's own (`Nomor : 470/120/Ds/2026`): the
    sentence's stands beside it, and the KK number's form chooses."""
    stated = {(h.key, h.line) for h in sentences}
    kept = [h for h in hits if (h.key, h.line) not in stated]
    read = {h.key for h in kept}
    return kept + [h for h in sentences if h.key == "kk_number" or h.key not in read]


def _issue_date_not_ahead(hits: list[Hit], fields: dict[str, Field]) -> None:
    """An issue date after today, or printed and no date at all (`84-11-2824`, `85-88-2817`: a dot-matrix or
    worn ribbon's zeros read as 8, 6 or 9): the one date not after today that the fewest zeros put back
    make of the printed value; when none or two do, the reading stands (nothing is guessed)."""
    f = fields.get("issue_date")
    if f is not None and t.not_ahead(f.value):
        return
    hit = next((h for h in hits if h.key == "issue_date"), None)
    raw = words_text(hit.words) if hit is not None else f.value if f is not None else ""
    found = t.date_with_zeros_back(raw, as_read=f is None) if raw else None
    if found is not None:
        confidence = (
            f.confidence if f is not None else median(w.confidence for w in hit.words) if hit else 0.5
        )
        fields["issue_date"] = Field(value=found, confidence=round(0.8 * confidence, 3))


def _kk_number_in_district(fields: dict[str, Field], village: str | None) -> None:
    """A KK number whose first six digits are no district (a pen's ring around it, a digit misread) is
    repaired when one confusable digit makes them the district the page's address resolved to: the number
    is the issuing district's, and the address is the family's in it. Held as unsure as the number was."""
    f = fields.get("number")
    if f is None or village is None or v.kk_is_plausible(f.value):
        return
    district, read = village.replace(".", "")[:6], f.value[:6]
    if len(district) != 6 or len(read) != 6:
        return  # the address resolved above its district only
    wrong = [(a, b) for a, b in zip(read, district, strict=True) if a != b]
    if len(wrong) == 1 and (
        wrong[0][1] in v.DIGIT_CONFUSIONS.get(wrong[0][0], "")
        or wrong[0][0] in v.DIGIT_CONFUSIONS.get(wrong[0][1], "")
    ):
        fields["number"] = Field(value=district + f.value[6:], confidence=f.confidence)


_GLUED_NUMBER_LABEL = re.compile(r"^(?:NO|NOMOR)\s*[.:]*\s*(?=\d)", re.IGNORECASE)


def _kk_number_unlabelled(lines: list[Line], fields: dict[str, Field]) -> None:
    """The number printed under the title without a label: the one 16-digit run of the heading lines."""
    for line in lines:
        for seg in line.segments():
            words = [w for w in seg.words if sum(c.isdigit() for c in w.text) >= 3]
            # `No.7107020508170053`: the label's full stop with the narrow space after it lost.
            number = t.number16(_GLUED_NUMBER_LABEL.sub("", words_text(words))) if words else None
            if number and v.kk_is_plausible(number):
                fields["kk_number"] = make_field(words, number)  # type: ignore[assignment]
                return


# How far right of its label an issue date is looked for, in the label's text heights: a colon set in a
# column of its own and a date of ten characters (`04/11/2024`) fit.
KK_DATE_REACH = 16
# A gap this many text heights wide after the value opens another column (the signer's title).
KK_COLUMN_GAP = 4


def _kk_issue_date_again(
    lines: list[Line], fields: dict[str, Field], image: GreyImage, engine: OcrEngine, grey: GreyImage | None
) -> None:
    """`Dikeluarkan Tanggal` found but no date read after it: the office's round stamp is put over the date
    (its ring and words in the page's reading make it no date). The value's box is read again as print
    alone (stamp ink is lighter than the print, whose ink is measured on the label; `print_ink`), or as the
    page image has it with no grey page; the surest reading that is a date is taken, held as sure as a
    value read alone from a crop."""
    found = find_label(lines, KK_LABELS, "issue_date")
    if found is None:
        return
    index, label = found
    label = _whole_label(lines[index].words, label, "issue_date")
    h = max(w.height for w in label)
    top, bottom = min(w.top for w in label), max(w.top + w.height for w in label)
    right = label[-1].right
    end = _kk_value_end(lines[index].words, right, h)
    box = _after_colon(image, (right + h // 3, top - h // 2, end, bottom + h // 2), h)
    reference = [(w.left, w.top, w.right, w.top + w.height) for w in label]
    dates = []
    for text, confidence in reread_print(engine, image, grey, [Crop(box, float(h))], reference)[0]:
        when = t.parse_date(text) if confidence >= UNSURE_READING else None
        if when is not None:
            dates.append(Field(value=when, confidence=round(BOXED_TRUST * confidence, 3)))
    if dates:
        fields["issue_date"] = max(dates, key=lambda f: f.confidence)


def _whole_label(words: list[OcrWord], label: list[OcrWord], key: str) -> list[OcrWord]:
    """The label with the words right after it that still make the same label (`Dikeluarkan` alone already
    names the issue date; `Tanggal` after it is the label's, not the value's; a word a column away is not)."""
    start = next(i for i, w in enumerate(words) if w is label[0])
    n = len(label)
    h = max(w.height for w in label)
    while start + n < len(words) and words[start + n].left - words[start + n - 1].right <= 1.5 * h:
        text = " ".join(w.text for w in words[start : start + n + 1]).rstrip(":;")
        if KK_LABELS.match(text) != key:
            break
        n += 1
    return words[start : start + n]


def _kk_value_end(words: list[OcrWord], right: int, h: int) -> int:
    """Where the value after a label ends: KK_DATE_REACH text heights on, or sooner where a wide gap after
    the words read there opens another column."""
    end = right + KK_DATE_REACH * h
    last = right
    for w in sorted((w for w in words if w.left >= right), key=lambda w: w.left):
        if w.left - last > KK_COLUMN_GAP * h and last > right:
            return min(end, w.left - h)
        last = max(last, w.right)
    return end


MARRIAGE_LABELS = Labels({"number": ("Nomor Akta Perkawinan", "Nomor Akta Nikah", "Nomor")})


def parse_marriage(lines: list[Line]) -> MarriageFields:
    for hit in read_labelled(lines, MARRIAGE_LABELS):
        value = re.sub(r"\s+", "", t.clean_text(words_text(hit.words)))
        if hit.key == "number" and value:
            return MarriageFields(number=make_field(hit.words, value))
    return MarriageFields()
