"""Lines, cells and value normalisation over OCR words (pure functions, engine-independent)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from statistics import median

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ektp.domain import written_dates as dates
from ektp.domain.application import Citizenship, MaritalStatus, Religion
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.models import Field

MONTHS = dates.MONTHS

# Closed vocabularies (DOMAIN.md; Dukcapil's education list): a reading close to one entry snaps to it.
RELIGIONS = tuple(r.value for r in Religion)
MARITAL_KTP = tuple(m.value for m in MaritalStatus)
MARITAL_KK = ("BELUM KAWIN", "KAWIN TERCATAT", "KAWIN BELUM TERCATAT", "CERAI HIDUP", "CERAI MATI", "KAWIN")
CITIZENSHIP = tuple(c.value for c in Citizenship)
SEXES = ("LAKI-LAKI", "PEREMPUAN")
RELATIONSHIPS = (
    "KEPALA KELUARGA", "SUAMI", "ISTRI", "ANAK", "MENANTU", "CUCU", "ORANGTUA", "MERTUA", "FAMILI LAIN",
    "PEMBANTU", "LAINNYA",
)  # fmt: skip
EDUCATION = (
    "TIDAK/BELUM SEKOLAH", "BELUM TAMAT SD/SEDERAJAT", "TAMAT SD/SEDERAJAT", "SLTP/SEDERAJAT", "SLTA/SEDERAJAT",
    "DIPLOMA I/II", "AKADEMI/DIPLOMA III/SARJANA MUDA", "DIPLOMA IV/STRATA I", "STRATA II", "STRATA III",
)  # fmt: skip
VALID_UNTIL = ("SEUMUR HIDUP",)
# The SKPWNI's choices (form F-1.03, Permendagri 108/2019), in the form's order: a value printed as its option
# number (`4.`) means the entry at that place.
MOVE_REASONS = ("PEKERJAAN", "PENDIDIKAN", "KEAMANAN", "KESEHATAN", "PERUMAHAN", "KELUARGA", "LAINNYA")
MOVE_CLASSIFICATIONS = (
    "DALAM SATU DESA/KELURAHAN", "ANTAR DESA/KELURAHAN", "ANTAR KECAMATAN", "ANTAR KABUPATEN/KOTA", "ANTAR PROVINSI",
)  # fmt: skip
MOVE_TYPES = (
    "KEPALA KELUARGA", "KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA",
    "KEPALA KELUARGA DAN SEBAGIAN ANGGOTA KELUARGA", "ANGGOTA KELUARGA",
)  # fmt: skip
# The form's abbreviations, written out before a reading is matched to a choice.
_ABBREVIATED = (
    (r"\bKEP\b\.?", "KEPALA"), (r"\bANGG?\b\.?", "ANGGOTA"), (r"\bSBGN?\b\.?", "SEBAGIAN"),
    (r"\bSEL\b\.?", "SELURUH"), (r"\bKAB\b\.?", "KABUPATEN"), (r"\bKEL\b\.?", "KELURAHAN"),
    (r"\bDLM\b\.?", "DALAM"), (r"\bKEC\b\.?", "KECAMATAN"), (r"\bPROV\b\.?", "PROVINSI"),
)  # fmt: skip


@dataclass
class Segment:
    """Words of one line close enough together to be one printed phrase (a label, a value, a cell)."""

    words: list[OcrWord]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def cy(self) -> float:
        return sum(w.cy for w in self.words) / len(self.words)


def overlap(a: Segment, b: Segment) -> float:
    """How far two phrases overlap across the page (negative: the gap between them)."""
    return min(a.right, b.right) - max(a.left, b.left)


def under_which(heads: list[Segment], phrase: Segment) -> int:
    """The heading the phrase overlaps most across the page (a value set left under its heading or centred
    under it alike); one under none, the nearest."""
    return max(range(len(heads)), key=lambda k: overlap(heads[k], phrase))


@dataclass
class Line:
    words: list[OcrWord]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def cy(self) -> float:
        return sum(w.cy for w in self.words) / len(self.words)

    def segments(self, gap_factor: float = 1.6) -> list[Segment]:
        """Split where the gap between words is wider than `gap_factor` x the line's text height."""
        height = median(w.height for w in self.words) if self.words else 0
        out: list[Segment] = []
        for word in self.words:
            if out and word.left - out[-1].right <= gap_factor * height:
                out[-1].words.append(word)
            else:
                out.append(Segment([word]))
        return out


def page_lines(page: OcrPage) -> list[Line]:
    """Words grouped into printed lines, top to bottom, each left to right.

    The engine's own lines are merged when they sit at the same height: Tesseract reads a form's label column
    and value column as separate blocks, but a label belongs with the value beside it."""
    groups: dict[int, list[OcrWord]] = {}
    for word in page.words:
        groups.setdefault(word.line, []).append(word)
    engine_lines = sorted((Line(ws) for ws in groups.values()), key=lambda ln: ln.cy)
    merged: list[Line] = []
    for line in engine_lines:
        height = median(w.height for w in line.words)
        if merged and abs(line.cy - merged[-1].cy) < 0.5 * max(
            height, median(w.height for w in merged[-1].words)
        ):
            merged[-1] = Line(merged[-1].words + line.words)
        else:
            merged.append(line)
    return [Line(sorted(ln.words, key=lambda w: w.left)) for ln in merged]


def make_field(words: list[OcrWord], value: str) -> Field | None:
    if not value:
        return None
    conf = sum(w.confidence for w in words) / len(words) if words else 0.0
    return Field(value=value, confidence=round(conf, 3))


def compact(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def clean_text(text: str) -> str:
    """Upper case, single spaces, stray leading/trailing marks dropped (colons, bars, quotes)."""
    text = text.upper().replace("|", " ").replace("“", " ").replace("”", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=[A-Z])!|!(?=[A-Z])", "I", text)  # `DED!`: an I read as `!` inside a word
    text = re.sub(r"^[\s:;.,_'\"~-]+", "", text) if not text.startswith("-") or len(text) > 1 else text
    text = re.sub(r"[\s:;,_'\"~]+$", "", text)
    return re.sub(r"\s+([,./])", r"\1", text).strip()


_DIGIT_FIX = str.maketrans(
    {
        "O": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "L": "1",
        "|": "1",
        "!": "1",
        "S": "5",
        "B": "8",
        "Z": "2",
        "G": "6",
        "T": "7",
        "?": "7",
        "$": "5",
    }
)


def digits(text: str) -> str:
    """The digits of a number field, mapping the letters OCR confuses with digits."""
    return re.sub(r"\D", "", text.upper().translate(_DIGIT_FIX))


def number16(text: str) -> str | None:
    d = digits(text)
    return d if len(d) == 16 else None


# Digits the engine reads for one another in a printed date (`04` read `94`, `0` read `6` or `8`).
_DATE_DIGIT_CONFUSIONS = {"0": "689", "1": "7", "3": "8", "4": "1", "5": "6", "6": "05", "7": "1", "8": "036", "9": "04"}  # fmt: skip
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})(\s*[-/.]\s*)(\d{1,2})(\s*[-/.]\s*)(\d{4})\s*$")


def parse_date(text: str) -> str | None:
    """`28-04-2024`, `28/04/2024`, `28 APRIL 2024`, `TUJUH MEI DUA RIBU SEBELAS` -> ISO; None if not a real date.

    A numeric date that is no calendar date (`94-11-2024`) and one confusable digit of its day or month from
    exactly one real date is read as that date; two or more candidates: None, nothing is guessed."""
    # `DUA PULUH JUNI TAHUN DUA RIBU DUA BELAS`, `20 Juni Tahun 2012`: the word `tahun` says a year follows.
    text = re.sub(r"\bTAHUN\b", " ", text, flags=re.IGNORECASE)
    found = dates.parse_date(_day_month_year_boxes(text) or text)
    if found is None and (joined := _lost_separators(text)) is not None:
        found = dates.parse_date(joined)
    if found is not None:
        return found
    m = _NUMERIC_DATE.match(text)
    if m is None:
        return None
    day_month = m[1] + "/" + m[3]
    candidates = {
        iso
        for i, digit in enumerate(day_month)
        for alt in _DATE_DIGIT_CONFUSIONS.get(digit, "")
        if (iso := dates.parse_date(f"{day_month[:i]}{alt}{day_month[i + 1 :]}/{m[5]}")) is not None
    }
    return candidates.pop() if len(candidates) == 1 else None


# A hand-filled form's date: `Tgl [0|9] Bln [1|2] Thn [2|0|2|4]`, each part in its boxes (a digit per box).
def _lost_separators(text: str) -> str | None:
    """`1705:2024`, `17052024`, `17.05 2024`: a printed dd-mm-yyyy whose dashes were lost or read as other
    marks: eight digits and nothing but such marks between them (Indonesian documents print day first)."""
    if not re.fullmatch(r"[\d\s:;.,\-/]+", text.strip()):
        return None
    d = re.sub(r"\D", "", text)
    return f"{d[:2]}-{d[2:4]}-{d[4:]}" if len(d) == 8 else None


# `Tgl`, `Bln`, `Thn` as the small print is read (`Tl`, `TIl`, `Bh`, `Bin`, `Tbn`), each part's digits in its
# boxes; `Tgl` glued to the day's first box (`TLO1`) or lost before it (`: 08 Bin 11 Thn 2026`: the month's and
# the year's words still say which part is which).
_PART = r"([\dOoIl|\[\]\s]{1,9}?)"
_DATE_BOXES = re.compile(
    rf"(?:\bT[GIL1|]{{1,2}}\.?|^[\s:;.]*)\s*:?\s*{_PART}"
    rf"\s*\bB[A-Z]{{1,2}}(?![A-Z])\.?\s*:?\s*{_PART}"  # `Bn12`: the month's word glued to its boxes
    r"\s*\bT[A-Z]{1,2}(?![A-Z])\.?\s*:?\s*([\dOoIl|\[\]\s]{4,16})",
    re.IGNORECASE,
)


def _day_month_year_boxes(text: str) -> str | None:
    """`Tgl 09 Bln 12 Thn 2024` (box sides read as `|`, `[`, `]` between the digits; `o9`) -> `09-12-2024`."""
    m = _DATE_BOXES.search(text)
    if m is None:
        return None
    day, month, year = (digits(re.sub(r"[|\[\]\s]", "", part)) for part in m.groups())
    if not (1 <= len(day) <= 2 and 1 <= len(month) <= 2 and len(year) == 4):
        return None
    return f"{day}-{month}-{year}"


def snap(text: str, vocabulary: tuple[str, ...], cutoff: float = 75.0) -> str | None:
    """The vocabulary entry the reading matches best, if close enough (closed lists only)."""
    if not text:
        return None
    spaced = re.sub(r"\s+", " ", text.upper()).strip(" :;,.")
    if spaced in vocabulary:
        return spaced  # exact first: `A` and `A-` compact to the same key
    key = compact(text)
    choices: dict[str, str] = {}
    for v in vocabulary:
        choices.setdefault(compact(v), v)
    if key in choices:
        return choices[key]
    best = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return choices[best[0]] if best is not None else None


def small_number(text: str, width: int) -> str | None:
    d = digits(text)
    return d.zfill(width) if 0 < len(d) <= width else None


# An option of a printed list: its number, a full stop or bracket (or the full stop read as a comma: `6,
# Keluarga`), and its words up to the next option.
_OPTION = re.compile(r"(?<![\d/])(\d)\s*[.),]\s*([A-Z][A-Z/ .]*?)(?=\s*(?<![\d/])\d\s*[.),]|$)")
# What stands before a printed list's first option: the colon and the box with the chosen number in it.
_FIRST_OPTION_TEXT = re.compile(r"[A-Z]{3,}")
# The list's own first number (`1.`, `1`, `l`, `L`, `|.`: the full stop lost or the 1 read as a letter).
_FIRST_OPTION_NUMBER = re.compile(r"[1lIL|!][.,)]?\s*$")
# The chosen digit, after at most one glyph the colon before the box is read as (`1:`, `1.`, `2`, `z`, `$.`,
# `»`), with the box's sides read as brackets or bars around it.
_CHOSEN = re.compile(r"[^\dA-Z]*(?:[12ZLI$][^\dA-Z]*)?(\d)[^\dA-Z]*")


def _boxed_number(up: str) -> int | None:
    """The chosen number of a form that prints a box for it before the list of options: `: [4] 1. Pekerjaan`
    as read (`24 1. Pekerjaan`, `1: 3 1. Pekerjaan`, `141 Pekerjaan`, `12 1 Kep.`, `2 L Kep.`): what stands
    before the first option's text, less that option's number (1, the list's first) and the colon's glyph;
    one digit must remain, else None (nothing is guessed)."""
    first = _FIRST_OPTION_TEXT.search(up)
    if first is None:
        return None
    head = _FIRST_OPTION_NUMBER.sub("", up[: first.start()].rstrip())
    m = _CHOSEN.fullmatch(head)
    return int(m[1]) if m else None


def _printed_options(up: str, options: tuple[str, ...]) -> bool:
    """The reading is the form's printed list of options (two or more numbered entries that are options),
    not a chosen one: `1. Pekerjaan 3. Keamanan 5. Perumahan`."""
    entries = [(number, words) for number, words in _OPTION.findall(up) if len(compact(words)) >= 3]
    named = {snap(words, options, cutoff=80.0) for _, words in entries} - {None}
    # Two numbered entries, one of them an option: a list whose other entries were misread is still a list.
    if len({number for number, _ in entries}) >= 2 and len(named) >= 1:
        return True
    # ... and so are two options where one's number was misread (`l, Kep. Keluarga 3. Kep. Keluarga dan ...`).
    pieces = [_drop_short_words(piece) for piece in re.split(r"(?<![\d/])\d\s*[.),]", up)]
    return len({snap(piece, options, cutoff=80.0) for piece in pieces if piece} - {None}) >= 2


def _drop_short_words(text: str) -> str:
    """The words of a piece of a list less the glyphs of a misread option number before them (`l,`, `I.`)."""
    words = text.split()
    while words and len(compact(words[0])) <= 1:
        words = words[1:]
    return " ".join(words)


def choice(text: str, options: tuple[str, ...]) -> str | None:
    """One of a form's printed choices: `4. Antar Kab/Kota` -> ANTAR KABUPATEN/KOTA, `6` -> the sixth option.

    A form that prints every option after a box for the chosen number (`[4] 1. Pekerjaan 3. Keamanan ...`)
    is read by the number in the box; with no number read, the list says nothing and None is returned."""
    up = text.upper().strip()
    if len(up) == 1 and digits(up):
        up = digits(up)  # a lone boxed digit misread as its look-alike (`$` for 5, `S`, `B`)
    expanded = up
    for pattern, full in _ABBREVIATED:
        expanded = re.sub(pattern, full, expanded)
    if _printed_options(expanded, options):
        chosen = _boxed_number(up)
        return options[chosen - 1] if chosen is not None and 1 <= chosen <= len(options) else None
    m = re.match(r"^\(?(\d)\s*[.)]?\s*", up)
    number = int(m[1]) if m else None
    rest = up[m.end() :] if m else up
    for pattern, full in _ABBREVIATED:
        rest = re.sub(pattern, full, rest)
    rest = re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", rest)).strip(" .:;,")
    if compact(rest):
        found = snap(rest, options, cutoff=80.0)
        if found is not None:
            return found
    if number is not None and 1 <= number <= len(options) and len(compact(rest)) <= 2:
        return options[number - 1]
    return None


# A leader: the dots a print sets between a label and a value flush right (`Alamat ....... JL. X`), read as
# words of dots or ellipses, or glued to the label's end (`Kecamatan..`) or the value's start (`.010`).
# A dotted line written on by hand is read on past the handwriting as `........oooooooo` (its dots blurred
# into rings): dots, then dots and rings, are a leader too; rings alone are no word of a value.
_LEADER = re.compile(r"^(?:[.…·]+|(?=(?:[^.…·]*[.…·]){2}|[^oO]*(?:[oO][^oO]*){4})[.…·oO]+)$")
_LEADER_END = re.compile(r"(?<=[^.…·])[.…·]{2,}[.…·oO]*$")
_LEADER_START = re.compile(r"^[.…·]+(?=[A-Za-z0-9])")


def strip_leaders(lines: list[Line]) -> list[Line]:
    """The lines without leader dots: words of dots dropped, runs of dots cut from a word's ends (one full
    stop after a word stays: `No.`, `JL.` are abbreviations)."""
    out: list[Line] = []
    for line in lines:
        words = []
        for w in line.words:
            if _LEADER.match(w.text):
                continue
            text = _LEADER_START.sub("", _LEADER_END.sub("", w.text))
            words.append(w if text == w.text else w.model_copy(update={"text": text}))
        if words:
            out.append(Line(words))
    return out


# A word this flat against its line's words (in their median height), and flatter than half its letters'
# width, is no print's letters: a leader's dots the engine read as letters (`La`, `kata` 2 px tall, 15 px a
# letter, beside a value 19 px tall). A letter stands taller than it is wide.
FLAT_MARK = 0.35
FLAT_ASPECT = 0.5
# Letters of such a reading, at most: a leader's dots read as a short word or two; a longer word boxed flat
# is the engine's box gone wrong around a real word (`Pindah:` 3 px tall), kept.
FLAT_MAX_LETTERS = 4
# A lone `1` (or `l`, `|`) at most this tall against its line's words is a colon, its two dots read as one
# stroke (a digit stands as tall as the capitals beside it).
COLON_HEIGHT = 0.75
# A tick after a value: its readings, how much taller than the value's last word it is at least and how far its
# top rises above that word's, in the line's heights (measured 1.17-1.45 and 0.2-0.35 on round 18's checked
# Kutipan; print of one size: 1.0 and 0).
_TICK_READINGS = re.compile(r"[VvYy√✓\\/'’`“”]{1,3}")
TICK_TALLER = 1.15
TICK_RISE = 0.12
_COLON_READINGS = re.compile(r"[1lI|!:;]{1,2}")


def without_flat_marks(lines: list[Line]) -> list[Line]:
    """The lines without marks read as text: short words of letters or digits far flatter than the line's
    words and than their own letters are wide dropped, and a short stroke read as `1` after a label, right
    before its value, made the colon it is (a row's number, first on its line, stays). A dash (`-`, an empty
    cell's) keeps its place: it has no letter."""
    out: list[Line] = []
    for line in lines:
        h = median(w.height for w in line.words)
        tick = _tick_at(line.words, h)
        words = []
        for i, w in enumerate(line.words):
            if _flat(w, h) or (tick is not None and i >= tick):
                continue
            if 0 < i < len(line.words) - 1 and _colon_read_as_stroke(w, line.words[i + 1], h):
                w = w.model_copy(update={"text": ":"})  # noqa: PLW2901
            words.append(w)
        if words:
            out.append(Line(words))
    return out


def _colon_read_as_stroke(word: OcrWord, following: OcrWord, line_height: float) -> bool:
    """A short stroke read `1` with its value right after it (a space away, not a column's gap away): a
    colon. An empty cell's dash read `1` has the next column's label far beyond it, or nothing."""
    return (
        word.height <= COLON_HEIGHT * line_height
        and bool(_COLON_READINGS.fullmatch(word.text))
        and following.left - word.right <= line_height
    )


_STRAY_AFTER_TICK = re.compile(r"[.,'’`|]{1,2}")  # a tick's tail or a speck read after it


def _tick_at(words: list[OcrWord], line_height: float) -> int | None:
    """Where a checker's tick ends the line (`_tick_after`), a stray stop, quote or bar after it taken with
    it (`YOGA SETIAWAN V .`); None if none does."""
    last = len(words) - 1
    if last > 0 and _tick_after(words[last], words[last - 1], line_height):
        return last  # the tick itself last (read `'` or `’` too, which a speck after one is also read as)
    end = len(words)
    while end > 1 and _STRAY_AFTER_TICK.fullmatch(words[end - 1].text):
        end -= 1
    at = end - 1
    return at if at > 0 and _tick_after(words[at], words[at - 1], line_height) else None


def _tick_after(word: OcrWord, before: OcrWord, line_height: float) -> bool:
    """A checker's tick after the value ending its line, read as a letter or two (`V`, `V'`, `Y`, `vV`):
    taller than the value's last word and rising above it. A `V` or `Y` ending a name is the
    print's height and stands on the line as its letters do."""
    return (
        bool(_TICK_READINGS.fullmatch(word.text))
        # after a value's capitals or digits: after a colon, a dash or a lowercase word (`Blok : V`, `no V`)
        # a capital rises above the word before it and is the value
        and any(c.isupper() or c.isdigit() for c in before.text)
        and word.height >= TICK_TALLER * before.height
        and word.top <= before.top - TICK_RISE * line_height
    )


def _flat(word: OcrWord, line_height: float) -> bool:
    letters = sum(c.isalnum() for c in word.text)
    return (
        0 < letters <= FLAT_MAX_LETTERS
        and word.height < FLAT_MARK * line_height
        and word.height * letters < FLAT_ASPECT * word.width
    )


# Dukcapil's list of occupations (SIAK; the KK and KTP-el print one of these): a closed vocabulary, though an
# old card may print another word, kept as read when no entry is near (`confusable_entry`).
OCCUPATIONS = (
    "BELUM/TIDAK BEKERJA", "MENGURUS RUMAH TANGGA", "PELAJAR/MAHASISWA", "PENSIUNAN", "PEGAWAI NEGERI SIPIL",
    "TENTARA NASIONAL INDONESIA", "KEPOLISIAN RI", "PERDAGANGAN", "PETANI/PEKEBUN", "PETERNAK",
    "NELAYAN/PERIKANAN", "INDUSTRI", "KONSTRUKSI", "TRANSPORTASI", "KARYAWAN SWASTA", "KARYAWAN BUMN",
    "KARYAWAN BUMD", "KARYAWAN HONORER", "BURUH HARIAN LEPAS", "BURUH TANI/PERKEBUNAN", "BURUH NELAYAN/PERIKANAN",
    "BURUH PETERNAKAN", "PEMBANTU RUMAH TANGGA", "TUKANG CUKUR", "TUKANG LISTRIK", "TUKANG BATU", "TUKANG KAYU",
    "TUKANG SOL SEPATU", "TUKANG LAS/PANDAI BESI", "TUKANG JAHIT", "TUKANG GIGI", "PENATA RIAS", "PENATA BUSANA",
    "PENATA RAMBUT", "MEKANIK", "SENIMAN", "TABIB", "PARAJI", "PERANCANG BUSANA", "PENTERJEMAH", "IMAM MASJID",
    "PENDETA", "PASTOR", "WARTAWAN", "USTADZ/MUBALIGH", "JURU MASAK", "PROMOTOR ACARA", "ANGGOTA DPR-RI",
    "ANGGOTA DPD", "ANGGOTA BPK", "PRESIDEN", "WAKIL PRESIDEN", "ANGGOTA MAHKAMAH KONSTITUSI",
    "ANGGOTA KABINET/KEMENTERIAN", "DUTA BESAR", "GUBERNUR", "WAKIL GUBERNUR", "BUPATI", "WAKIL BUPATI", "WALIKOTA",
    "WAKIL WALIKOTA", "ANGGOTA DPRD PROVINSI", "ANGGOTA DPRD KABUPATEN/KOTA", "DOSEN", "GURU", "PILOT", "PENGACARA",
    "NOTARIS", "ARSITEK", "AKUNTAN", "KONSULTAN", "DOKTER", "BIDAN", "PERAWAT", "APOTEKER", "PSIKIATER/PSIKOLOG",
    "PENYIAR TELEVISI", "PENYIAR RADIO", "PELAUT", "PENELITI", "SOPIR", "PIALANG", "PARANORMAL", "PEDAGANG",
    "PERANGKAT DESA", "KEPALA DESA", "BIARAWATI", "WIRASWASTA", "LAINNYA",
)  # fmt: skip

# Letters a worn ribbon or a dot-matrix head's missing pins print alike (R's leg lost reads A, M's middle
# strokes faint read H or N), and the digit-letter twins of any print.
_LETTER_TWINS = ("MHNW", "RA", "ODQ0", "IL1J|!", "UV", "B8E", "S5", "G6C", "Z2", "EF", "KX")


def _letter_twins(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _LETTER_TWINS)


def confusable_entry(text: str, vocabulary: tuple[str, ...]) -> str | None:
    """The one vocabulary entry the reading is, letter for letter, but for letters a print confuses
    (`HENGURUS AUMAH TANGGA`, `KEPDLISIAN RI`, `SOPIA`), at most one in four of its letters; None when none
    is, or two are equally near (nothing is guessed)."""
    key = compact(text)
    if not key:
        return None
    best: dict[int, set[str]] = {}
    for entry in vocabulary:
        other = compact(entry)
        if len(other) != len(key):
            continue
        wrong = [(a, b) for a, b in zip(key, other, strict=True) if a != b]
        if len(wrong) <= max(1, len(key) // 4) and all(_letter_twins(a, b) for a, b in wrong):
            best.setdefault(len(wrong), set()).add(entry)
    if not best:
        return None
    nearest = best[min(best)]
    return next(iter(nearest)) if len(nearest) == 1 else None


ONE_EDIT_SHORTEST = 8  # letters an entry needs before one letter off says which entry it is


def one_edit_entry(text: str, vocabulary: tuple[str, ...]) -> str | None:
    """The one vocabulary entry the reading is but for one letter added, lost or changed (a blurred photo's
    `BURLH HARIAN LEPAS`), for entries of ONE_EDIT_SHORTEST letters or more; None when none is or two are."""
    key = compact(text)
    if len(key) < ONE_EDIT_SHORTEST:
        return None
    near = {e for e in vocabulary if Levenshtein.distance(key, compact(e), score_cutoff=1) <= 1}
    return next(iter(near)) if len(near) == 1 else None


def entry_begun(text: str, vocabulary: tuple[str, ...]) -> str | None:
    """The one vocabulary entry the reading begins, word for word, when it is no entry itself: a narrow
    cell's wrapped value whose last line was lost (`MENGURUS RUMAH` for MENGURUS RUMAH TANGGA). Two words at
    least; None when it begins two entries (`KARYAWAN`) or none."""
    words = re.sub(r"\s+", " ", text.upper()).strip(" .,:;").split(" ")
    if len(words) < 2 or " ".join(words) in vocabulary:
        return None
    begun = [e for e in vocabulary if e.split(" ")[: len(words)] == words and len(e.split(" ")) > len(words)]
    return begun[0] if len(begun) == 1 else None


# A dot-matrix or worn ribbon's zero (a ring of dots, a slashed or dotted oval) reads as these digits.
ZERO_READS = "689"


def zeros_back(text: str, most: int = 10) -> list[tuple[int, str]]:
    """Readings of `text` with some of its ZERO_READS digits back to 0, as (digits changed, reading), fewest
    changes first; the reading itself first of all. Only the first `most` such digits are tried (2**most)."""
    spots = [i for i, c in enumerate(text) if c in ZERO_READS][:most]
    out: list[tuple[int, str]] = []
    for mask in range(1 << len(spots)):
        chars = list(text)
        for bit, i in enumerate(spots):
            if mask >> bit & 1:
                chars[i] = "0"
        out.append((bin(mask).count("1"), "".join(chars)))
    return sorted(out)


def not_ahead(iso: str) -> bool:
    """An ISO date not after today (no document is issued, no one born or married, in the future)."""
    return iso <= date.today().isoformat()


def date_with_zeros_back(raw: str, *, as_read: bool = True) -> str | None:
    """The one date not after today that putting the fewest zeros back in `raw` makes (`zeros_back`):
    `84-11-2824` -> 2024-11-04; None when none or two do (nothing is guessed). `as_read=False`: the
    reading itself is no candidate (it was already judged wrong)."""
    found: dict[int, set[str]] = {}
    for changes, variant in zeros_back(raw)[0 if as_read else 1 :]:
        when = parse_date(variant)
        if when is not None and not_ahead(when):
            found.setdefault(changes, set()).add(when)
    nearest = found[min(found)] if found else set()
    return nearest.pop() if len(nearest) == 1 else None
