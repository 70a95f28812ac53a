"""Lines, cells and value normalisation over OCR words (pure functions, engine-independent)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from rapidfuzz import fuzz, process

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
    found = dates.parse_date(text)
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


def choice(text: str, options: tuple[str, ...]) -> str | None:
    """One of a form's printed choices: `4. Antar Kab/Kota` -> ANTAR KABUPATEN/KOTA, `6` -> the sixth option."""
    up = text.upper().strip()
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
