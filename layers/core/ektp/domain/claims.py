"""Claim-guided document checks: a value the resident declared, looked for in what the document says.

Blind extraction must know where a field sits on the page; a claim check needs only the document's text, so it
works on a layout nobody has seen. For each declared value the answer is

- `match`: the document shows the declared value (within the tolerance of its kind);
- `mismatch`: the document shows another value for that field (the extracted field says so, read with
  confidence), and the declared value appears nowhere else it could be; `document_value` is what it shows;
- `not_found`: the document shows neither (the field is not on this document, or not legible), or what it
  shows is so close to the declared value that a misread explains the difference and the reading is not sure
  enough to tell (an officer looks: a misread glyph must not reject, a one-letter change must not pass).

Tolerances by kind: names are normalised (case, titles, old spellings: `domain.names`) and must then be the
same, glyphs the engine confuses (I/L, O/D/Q, U/V) counted equal, over every window of the text of about the
claim's length: a name with one letter changed is another name; numbers (NIK, KK number, certificate numbers)
must appear digit for digit, letters OCR confuses with digits mapped; dates must be the same day in any printed
form (numeric, month names, words); addresses need their tokens present (a token-set score) and the same
numbers; region names the same name after normalisation, the confused glyphs counted equal; closed values
(sex, religion, blood type with its rhesus sign, ...) the same phrase.

Pure functions: the verification stages call them with the stored OCR text and fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel
from rapidfuzz import fuzz

from ektp.domain import written_dates
from ektp.domain.extracted import read_value
from ektp.domain.names import name_similarity, normalize_name
from ektp.domain.nik import could_be_misread, digits_confused, validate_nik

ClaimKind = Literal["name", "number", "date", "address", "region", "text"]
ClaimStatus = Literal["match", "mismatch", "not_found"]

# Below this OCR confidence an extracted value that differs is not enough to call a mismatch on its own.
MIN_CONFIDENCE = 0.6
# A reading this close to the declared value (a misread would explain the difference) is a mismatch only when
# read at least this surely (a validator-confirmed field reaches it: `ektp.ocr.validate.confirmed`).
SURE_CONFIDENCE = 0.9
ADDRESS_SCORE = 90.0  # token-set score an address needs (the house number and street must be there)
CLOSE_SCORE = 0.85
OTHER_SCORE = 0.93  # a place this like another field's value is that value read (the father's name)  # similarity at which a differing reading could still be a misread of the declared value
# Letters the engine reads for one another in names and region names: counted equal, as the same glyph.
_GLYPH_CLASSES = str.maketrans({"L": "I", "D": "O", "Q": "O", "V": "U"})
_DIGIT_FIX = str.maketrans({"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "|": "1", "S": "5", "B": "8", "Z": "2"})  # fmt: skip


class Claim(BaseModel):
    field: str
    kind: ClaimKind
    value: str


class ClaimCheck(BaseModel):
    field: str
    kind: ClaimKind
    declared: str
    status: ClaimStatus
    document_value: str | None = None  # what the document shows (for a mismatch: the other value)
    score: float = 0.0  # similarity of the best place found, 0..1


_field = read_value  # (value, confidence) of an extracted field, typed or as stored


# --- per kind: does one value agree with another, and where in the text is a value ------------------------


def _tokens(text: str) -> list[str]:
    return re.findall(r"[A-Z0-9'./+-]+", text.upper())


def _compact(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.upper().translate(_DIGIT_FIX))


def _iso(text: str) -> str | None:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return written_dates.parse_date(text)


def same(kind: ClaimKind, declared: str, other: str) -> bool:
    """Does `other` (a value read from the document) show the declared value, within the kind's tolerance?"""
    if kind == "name":
        key = _name_key(declared)
        return name_similarity(declared, other) >= 1.0 or (bool(key) and key == _name_key(other))
    if kind == "region":
        return _glyphs(_compact(declared)) == _glyphs(_compact(other))
    if kind == "address":
        return _address_score(declared, other) >= ADDRESS_SCORE / 100
    if kind == "text":
        return _closed_key(declared) == _closed_key(other)
    return agree(kind, declared, other) >= 1.0


# A stroke read for a letter inside a word of a name (`MAR/A`: a hand's I, slanted, read as a slash): a name
# holds letters only, and the one glyph a lone stroke is, is I (L counted equal to it).
_STROKE = re.compile(r"(?<=[A-Za-z])[/|\\](?=[A-Za-z])")


def _name_key(text: str) -> str:
    """A name's comparable letters: normalised (`domain.names`: titles, old spellings, Muhammad's variants), a
    stroke inside a word as I, the confused glyphs counted equal, and the spaces out: where a word is split
    or joined (`SITOM PUL`, `NURAINI` / `NUR AINI`) the letters are the same name's; a word more or less is
    not (its letters are more or less)."""
    return _glyphs(re.sub(r"[^A-Z]", "", normalize_name(_STROKE.sub("I", text))))


def _glyphs(text: str) -> str:
    return text.upper().translate(_GLYPH_CLASSES)


def _closed_key(text: str) -> str:
    """A closed value's comparable form: letters and digits, and the rhesus sign of a blood type (`A+`,
    `AB-`: a trailing sign is part of the value, a hyphen inside `LAKI-LAKI` is not)."""
    up = re.sub(r"\s+", "", text.upper())
    sign = up[-1] if up[-1:] in "+-" and len(_compact(up)) <= 2 else ""
    return _compact(up) + sign


def close(kind: ClaimKind, declared: str, other: str) -> bool:
    """Could `other` be a misread of the declared value (a glyph or two off)? Then only a sure reading of it
    is a mismatch; a less sure one is `not_found`. A digit for a digit only where the engine reads one for the
    other (`3` for `8`, `1` for `7`): a `2` read where `1` is printed is no misread but another value, and
    the RT `002` declared where the page reads `001` (read at MIN_CONFIDENCE or more) is a mismatch."""
    if kind in ("number", "date", "text"):
        a = _number_key(declared) if kind != "date" else (_iso(declared) or declared)
        b = _number_key(other) if kind != "date" else (_iso(other) or other)
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y] if len(a) == len(b) else None
        swapped = differ is not None and len(differ) <= 2 and all(_glyphs_confused(x, y) for x, y in differ)
        return swapped or _digit_lost(a, b)
    return agree(kind, declared, other) >= CLOSE_SCORE


def _glyphs_confused(x: str, y: str) -> bool:
    """Two glyphs a misread could swap: two digits only as the engine confuses them (`digits_confused`);
    letters are left to the reading's confidence (under wear and blur the engine reads many letters for
    others: M for N, R for A)."""
    return not (x.isdigit() and y.isdigit()) or digits_confused(x, y)


def _digit_lost(a: str, b: str) -> bool:
    """One value is the other with a digit lost (a thin `1` in a box, joined to its label: `Tg1 1` for the
    day `11`; the RT `015` read `05`), in one of its parts (a date's day, month, year), zeros in front not
    counted (the reading is padded back: `005`). Numbers only: a blood type `A` for `AB` is another value."""
    parts_a, parts_b = a.split("-"), b.split("-")
    if len(parts_a) != len(parts_b) or not all(x.isdigit() for x in (*parts_a, *parts_b)):
        return False
    differ = [(x.lstrip("0"), y.lstrip("0")) for x, y in zip(parts_a, parts_b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    longer, shorter = sorted(differ[0], key=len, reverse=True)
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )


def agree(kind: ClaimKind, declared: str, other: str) -> float:
    """How well `other` (a value read from the document) stands for `declared`, 0..1, for the kind."""
    if kind == "name":
        return name_similarity(declared, other)
    if kind == "number":
        return 1.0 if _number_key(declared) == _number_key(other) else 0.0
    if kind == "date":
        return 1.0 if (d := _iso(declared)) is not None and d == _iso(other) else 0.0
    if kind == "address":
        return _address_score(declared, other)
    if kind == "region":
        return fuzz.ratio(_compact(declared), _compact(other)) / 100.0
    return 1.0 if _compact(declared) == _compact(other) else 0.0


def _address_score(declared: str, other: str) -> float:
    """Words in any order, one or two misread letters; the numbers (house, block, RT) exactly the same. Or
    the same letters and digits in the same order, however spaced and stopped (`JL·GAJAHMADANO·119`: a form
    of boxes, one letter each, read without its spaces; `NO· 11 9`: a number's digits read apart)."""
    if _compact(declared) and _compact(declared) == _compact(other):
        return 1.0
    a, b = re.findall(r"[A-Z0-9]+", declared.upper()), re.findall(r"[A-Z0-9]+", other.upper())
    if sorted(w for w in a if w.isdigit()) != sorted(w for w in b if w.isdigit()):
        return 0.0
    return fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100.0


def _number_key(text: str) -> str:
    """A number's comparable form: digits only when it is mostly digits (NIK, KK), else letters and digits."""
    compact = _compact(text)
    digits = _digits(text)
    return digits if len(digits) >= 0.8 * max(1, len(compact)) else compact


def _normal(text: str) -> str:
    return " ".join(_tokens(text.replace(",", " ")))


# Between a number's digits: nothing, a space (groups of four, one digit to a box), a speck read as a stop, or
# a group's dash or slash with its spaces (`3171 - 0101`, `3171/0101`).
_IN_NUMBER = r" ?[.,'/-]? ?"
_SEPARATOR_MARKS = " .,'/-"
# Not another number's digits: a table row's number (`1`, `12.`) opening the line, or a label's colon read as
# a 1 (`NIK 1 <NIK>`, `NIK Pemohon 1 <NIK>`).
_ROW_NUMBER = re.compile(r"^\W*[0-9]{1,2}$|[A-Za-z]\W*\b1$")
# What may follow a number without making it longer: the next column's date (`01-01-1990`, `1990-01-01`,
# `01 01 1990`), an RT/RW (`003/012`), a glyph's `1A`.
_DIGITS_AFTER = re.compile(
    r"(?![0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2} [0-9]{2} [0-9]{4}\b"
    r"|[0-9]{1,3}/[0-9]{1,3}\b)[0-9]+(?![A-Za-z])"
)
_UNIFORM = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\t": " "}
)  # en and em dash, minus, tab
MAX_NUMBER_LINE = 1000  # characters of a line searched for a number (OCR lines are far shorter)


def _printed_number(digits: str, line: str) -> bool:
    """The line prints the declared number whole: its digits in order (a glyph the engine reads for a digit
    counted as it, `_DIGIT_FIX`), spaced, grouped or not, with no digit of another number run into it:
    `Telp 0812<NIK>99`, `Rek 1234 <NIK>` contain the declared digits and are never evidence of them. Allowed
    beside it: a table row's number of a digit or two opening the line (`1 <NIK> BUDI`), a label's colon
    read as a 1 (`NIK 1 <NIK>`), and a date or an RT/RW in the next column."""
    line = " ".join(unicodedata.normalize("NFKC", line[:MAX_NUMBER_LINE]).translate(_UNIFORM).upper().split())
    fixed = line.translate(_DIGIT_FIX)  # the same length: positions in one are positions in the other
    pattern = _IN_NUMBER.join(re.escape(d) for d in digits)
    for m in re.finditer(f"(?=({pattern}))", fixed):
        start, end = m.start(1), m.end(1)
        if _glyph_of_a_word(line, start, end):
            continue  # `... 190001 BUDI`: the B of the name after it read as the number's 8
        before, after = line[:start].rstrip(_SEPARATOR_MARKS), line[end:].lstrip(_SEPARATOR_MARKS)
        longer_before = bool(before) and before[-1] in "0123456789" and not _ROW_NUMBER.search(before)
        longer_after = fixed[end : end + 1].isdigit() or bool(_DIGITS_AFTER.match(after))  # glued: longer
        if not longer_before and not longer_after:
            return True
    return False


def _glyph_of_a_word(line: str, start: int, end: int) -> bool:
    """The number's first or last glyph a letter of a word it stands against (`8` from `BUDI`, `1` from `NIK`)."""
    first, last = line[start], line[end - 1]
    glued_before = not first.isdigit() and start > 0 and line[start - 1].isalpha()
    glued_after = not last.isdigit() and end < len(line) and line[end].isalpha()
    return glued_before or glued_after


_WORD = re.compile(r"[A-Za-z0-9'./+-]+")
_SEPARATOR = re.compile(r"[:;,|]")


def _line_tokens(line: str) -> list[tuple[str, bool]]:
    """The line's words, each with whether a separator (colon, comma, ...) stands between it and the word
    before: `LABEL : VALUE` keeps the colon that ends the label, which the words alone lose."""
    out: list[tuple[str, bool]] = []
    end = 0
    for m in _WORD.finditer(line):
        out.append((m.group(), bool(_SEPARATOR.search(line, end, m.start()))))
        end = m.end()
    return out


def _windows(text: Sequence[str], size: int, kind: ClaimKind) -> Iterator[tuple[str, bool]]:
    """Every run of about `size` consecutive words of each line, and across each pair of adjacent lines (a
    value wrapped onto the next line); with it, whether the run stands whole (`_whole`): for a closed value
    the line's end ends it (the next line starts the next label, in capitals on many forms)."""
    lines = [_line_tokens(line) for line in text]
    for i, tokens in enumerate(lines):
        joined = tokens + (lines[i + 1] if i + 1 < len(lines) else [])
        for start in range(len(tokens)):
            for n in {max(1, size - 1), size, size + 1}:
                if start + n <= len(joined):
                    run = joined[start : start + n]
                    words = [w for w, _ in run]
                    before = joined[start - 1][0] if start and not run[0][1] else ""
                    after = joined[start + n] if start + n < len(joined) else ("", True)
                    wraps = start + n >= len(tokens)  # the word after is the next line's first
                    if kind == "text" and wraps:
                        after = ("", True)  # a closed value ends with its line; a name can wrap onto the next
                    yield (
                        " ".join(words).upper(),
                        _whole(kind, words, before, "" if after[1] else after[0], wraps=wraps),
                    )


def _name_word(token: str) -> bool:
    """A word of a printed name: capitals (values are printed in capitals; labels and prose words are not),
    or capitals with a letter or two read as marks (`PA..JAITAN`, `SITUMO.ANG`: a half-struck or specked
    letter), which still continue the name; a title's few letters with stops (`S.PD.`) do not."""
    letters = token.strip(".,;:'")
    if len(letters) >= 2 and letters.isalpha() and letters.isupper():
        return True
    capitals = re.sub(r"[^A-Z]", "", letters)
    return (
        len(capitals) >= 4
        and len(capitals) >= 0.75 * len(letters)
        and not re.search(r"[a-z0-9]", letters)
        and bool(re.fullmatch(r"[A-Z][A-Z.'|-]*[A-Z]", letters))
    )


# Words of a form's labels printed in title case beside a value (`Nama Ayah Ahmad Kurniawan`): they do not
# continue a name written in title case. And the particles a name holds in lower case (`Ahmad bin Yusuf`,
# `Romauli br Sitompul`): they do.
_LABEL_WORDS = frozenset(
    (
        "NAMA", "LENGKAP", "AYAH", "IBU", "ANAK", "KANDUNG", "KEPALA", "KELUARGA", "SUAMI", "ISTRI", "PEMOHON",
        "SAKSI", "PELAPOR", "JENIS", "KELAMIN", "TEMPAT", "TANGGAL", "LAHIR", "NIK", "NOMOR", "ALAMAT", "AGAMA",
        "PEKERJAAN",
    )
)  # fmt: skip
_NAME_PARTICLES = frozenset(("BIN", "BINTI", "BR", "BORU", "AL", "VAN"))


def _title_word(token: str) -> bool:
    """A word written in title case (`Saputra`, `Ma'ruf`): a capital, then small letters."""
    letters = token.strip(".,;:'")
    return len(letters) >= 2 and letters[0].isupper() and bool(re.fullmatch(r"[A-Za-z][a-z'-]+", letters))


def _name_continues(run: list[str], word: str, wraps: bool) -> bool:
    """Would `word` continue the name the run begins? A capitals word always (`_name_word`, across a line's
    end too: a name wraps). A name written in title case (`Budi Santoso`) continues with a title-case word or
    a particle on its own line (the next line's first word opens the next row's label, in title case too),
    unless the word is a label's."""
    if _name_word(word):
        return True
    titled = all(_title_word(w) for w in run if re.search("[A-Za-z]", w))
    bare = word.strip(".,;:'").upper()
    if wraps or not titled or bare in _LABEL_WORDS:
        return False
    return _title_word(word) or bare in _NAME_PARTICLES


def _continues(kind: ClaimKind, run: list[str], word: str, wraps: bool = False) -> bool:
    """Would `word`, beside the run with no separator, be part of the same value? For a name, a word written
    as the name is (`_name_continues`). For a closed value, a word written like the run (capitals beside
    capitals; a capitalised word beside a capitalised run: `Nama Kepala Keluarga` is a label, not the value
    `Kepala Keluarga`); lower-case prose words never are (`seorang anak PEREMPUAN bernama`). `wraps`: the
    word is the next line's first."""
    if kind == "name":
        return _name_continues(run, word, wraps)
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) < 2 or not letters[0].isupper():
        return False
    capitals = all(re.sub(r"[^A-Za-z]", "", w).isupper() for w in run if re.search("[A-Za-z]", w))
    return letters.isupper() or not capitals


def _whole(kind: ClaimKind, run: list[str], before: str, after: str, wraps: bool = False) -> bool:
    """The run is a whole value, not part of a longer one: no word that continues it (`_continues`) runs on
    into it from either side (`ARIF` in `ARIF SAPUTRA` is part of a name, `KAWIN` in `BELUM KAWIN` of another
    status); a separator, a comma or a title's full stop ends one. `before`/`after` are empty where a
    separator or the line's end stands; `wraps`: `after` is the next line's first word. A full stop after a
    name's last word does not end it (`AHMAD. KURNIAWAN`: a speck of a dotted writing line read as a stop,
    where `AHMAD` declared is another name); a title's stop before it does (`H. AHMAD`)."""
    ends = (",", ";") if kind == "name" else (",", ";", ".")
    runs_on = bool(after) and _continues(kind, run, after, wraps) and not run[-1].endswith(ends)
    runs_in = bool(before) and _continues(kind, run, before) and not before.endswith((",", ";", ".", ":"))
    return not (runs_on or runs_in)


def find(kind: ClaimKind, declared: str, text: Sequence[str], field: str = "") -> tuple[float, str | None]:
    """(best score, the text there) of the declared value anywhere in the document's text: a score of 1 is
    a place that shows it (`same`), below 1 the closest place that does not. A value with no letter or digit
    (a dash for an unknown blood type) or a closed value of one or two glyphs (a blood type) is not looked for:
    dashes and lone capitals are everywhere (a stamp's, a photo's, a speck's); its read field answers for it."""
    if not _compact(declared) or (kind == "text" and len(_compact(declared)) <= 2):
        return 0.0, None  # a dash, or a value of a glyph or two (`A`, `O+`): stray glyphs read so abound
    if kind == "number":
        key = _number_key(declared)
        for line in text:
            # A number of digits only is found printed whole; one with letters (`1504-LT-07081998-6383`) by
            # its digits anywhere in the line's (the letter code read in many ways), as before.
            if _compact(declared).isdigit():
                found = _printed_number(key, line)
            else:
                found = key in (_digits(line) if key.isdigit() else _compact(line))
            if key and found:
                return 1.0, declared
        return 0.0, None
    if kind == "date":
        want = _iso(declared)
        pairs = [f"{a} {b}" for a, b in pairwise(text)]  # a date in words wraps
        for line in [*text, *pairs]:
            pieces = list(_date_pieces(line))
            # The line whole only when no stretch of it is a date by itself (a date in words): its stretches
            # say where each date stands, which the label before it is judged by.
            for piece in pieces[1:] or pieces:
                found = want is not None and written_dates.parse_date(piece) == want
                if found and not _anothers_date(field, line, piece):
                    return 1.0, piece
        return 0.0, None
    if kind == "text":
        text = [line for line in text if not printed_options(line)]
    best: tuple[float, str | None] = (0.0, None)
    size = len(_tokens(declared))
    for window, whole in _windows(text, size, kind):
        if kind == "name" and _NOT_A_NAME.search(window):
            continue  # `zahra82@gmail.com`: a handle's letters are no printed name
        if same(kind, declared, window) and (whole or kind not in ("name", "text")):
            return 1.0, window
        score = min(agree(kind, declared, window), 0.999)
        if score > best[0]:
            best = (score, window)
    return best


# Words that say whose date follows them on a line (`Tgl Lahir`, `Dikeluarkan tanggal`, `Tgl Cetak`): a date
# after another field's word, or after a print's or a download's own (no field's), is no evidence of the date
# declared (a KK printed the day after it was issued shows both dates; a card's birth and issue dates).
_DATE_OWNERS: dict[str, tuple[str, ...]] = {
    "birth_date": ("LAHIR", "KELAHIRAN"),
    "issue_date": ("DIKELUARKAN", "DITERBITKAN", "TERBIT"),
    "move_date": ("PINDAH", "KEPINDAHAN"),
    "marriage_date": ("PERKAWINAN", "PERKAW", "NIKAH"),  # (not `KAWIN`: a marital status's value too)
    "valid_until": ("BERLAKU",),
    "": ("CETAK", "DICETAK", "UNDUH", "DIUNDUH", "DIAKSES", "UPDATE", "DIPERBARUI"),
}
# Found inside a word too: a label read with its space lost (`TglLahir`, `TGLCETAK`).
_DATE_OWNER_WORD = re.compile(
    "("
    + "|".join(sorted((w for words in _DATE_OWNERS.values() for w in words), key=len, reverse=True))
    + ")",
    re.IGNORECASE,
)


# A place before the date, its comma read as a stop or lost (`GRESIK, 12-12-1984`, `GRESIK. 12-12-1984`).
_PLACE_BEFORE_DATE = re.compile(r"(?:\bDI\b)?[A-Za-z .'-]*[,.]\s*$", re.IGNORECASE)
# `Tempat/Tgl Lahir : GRESIK 12-12-1984`: a place-and-date label's place, its comma lost.
_PLACE_BEFORE_BIRTH = re.compile(r"[A-Za-z .'-]*[,.]?\s*$")
_A_DATE = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}")
# Words a label sets between its owner word and the date (`Dikeluarkan tanggal :`, `Berlaku s/d`).
_DATE_GLUE = frozenset(("TANGGAL", "TGL", "PADA", "HINGGA", "SAMPAI", "JAM"))


def _anothers_date(field: str, line: str, piece: str) -> bool:
    """Whether the date `piece` on `line` is labelled another date than `field`'s: its owner word right before it,
    only a label's glue between (a value between, `Status Perkawinan : KAWIN 03-05-2013`, owns the date to no
    label: a card's issue date run into the line)."""
    start = line.find(piece)
    owners = list(_DATE_OWNER_WORD.finditer(line[: max(start, 0)]))
    if not owners:
        return False
    gap = line[owners[-1].end() : start]
    if _A_DATE.search(gap):
        return False  # `Berlaku Hingga : 12-12-2022 12-12-2017`: the label owns the first date only
    # `Tempat/Tgl Lahir : GRESIK, 12-12-1984`, `diterbitkan di Gresik, 3 Mei 2013`: a place and its comma is
    # the label's place-and-date value.
    word = owners[-1].group(1).upper()
    owner = next(name for name, words in _DATE_OWNERS.items() if word in words)
    place = _PLACE_BEFORE_BIRTH if owner == "birth_date" else _PLACE_BEFORE_DATE
    between = re.findall(r"[A-Za-z]{3,}", place.sub("", gap))
    if any(w.upper() not in _DATE_GLUE for w in between):
        return False
    return owner != field.removeprefix("origin_").removeprefix("destination_")


# A name holds letters only: a word of letters run into digits or an at sign (an e-mail address, a user name on
# a screenshot) is not one, though its letters alone may spell the declared name.
_NOT_A_NAME = re.compile(r"[A-Za-z][0-9@]|[0-9@][A-Za-z]")


# An option's number before its words (`4. Anggota Keluarga`), its stop lost on a hand-ticked form (`3 Kepala`).
_NUMBERED_ENTRY = re.compile(r"(?<![0-9])[0-9]{1,2}(?:\s*[.)]\s*[A-Za-z]|\s+[A-Z][a-z])")


_ALTERNATIVES = re.compile(r"\S\s+atau\s+\S", re.IGNORECASE)


def printed_options(line: str) -> bool:
    """A line that prints a form's list of options (`1. PEKERJAAN 2. PENDIDIKAN 3. KEAMANAN`) or names
    alternatives (`Antar Kabupaten/Kota atau Antar Provinsi`: "atau" is "or"): every option is on it whichever
    was chosen, so a closed value found there is no evidence of the choice."""
    return len(_NUMBERED_ENTRY.findall(line)) >= 2 or bool(_ALTERNATIVES.search(line))


def _date_pieces(line: str) -> Iterator[str]:
    """The line, and each stretch of it that could be one date (a line can hold a place and a date)."""
    yield line
    yield from re.findall(r"\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}", line)
    yield from re.findall(r"\d{1,2}\s+[A-Za-z]{3,}\.?\s+\d{4}", line)


# --- the check ------------------------------------------------------------------------------------------


def check_claim(
    claim: Claim,
    text: Sequence[str],
    fields: Mapping[str, Any] | None = None,
    others: Sequence[str] = (),
) -> ClaimCheck:
    """One declared value against the document: its extracted field first (when read with confidence),
    then the whole text. `others` are values of other fields on the same document (a father's name when a
    child's is claimed): the claim found only as one of them is no match."""
    extracted, confidence = _field(fields, claim.field)
    # A worded choice read unsurely does not pass a claim on its own: a misread choice lands on another of a few
    # options (for a wrong declaration, the declared one); the text is searched instead. A name, number, date,
    # RT or a glyph-sized value (a blood type, a dash read from its shape) misread into exactly the declared
    # value is too unlikely to ask that of them.
    unsure_choice = claim.kind == "text" and confidence < MIN_CONFIDENCE and _worded(claim.value)
    if extracted is not None and not unsure_choice and same(claim.kind, claim.value, extracted):
        return _result(claim, "match", extracted, 1.0)
    short = bool(_SHORT_NUMBER.fullmatch(claim.value.strip()))
    if extracted is not None and confidence >= SURE_CONFIDENCE and short:
        # An RT or RW (a digit to three) read surely answers for itself: the same digits stand anywhere on a
        # page (an officer's NIP, a page number, an item's number), so a text hit elsewhere is no evidence.
        return _result(claim, "mismatch", extracted, agree(claim.kind, claim.value, extracted))
    if extracted is not None and confidence >= SURE_CONFIDENCE and _nik_answers_for_itself(claim, extracted):
        return _result(claim, "mismatch", extracted, agree(claim.kind, claim.value, extracted))
    if extracted is not None and confidence >= SURE_CONFIDENCE and claim.kind == "text":
        # A closed choice read surely answers for itself too: another option's words stand elsewhere on many
        # pages (a heading `Anggota Keluarga yang Pindah`, a member's `Kepala Keluarga` beside the move's type).
        return _result(claim, "mismatch", extracted, agree(claim.kind, claim.value, extracted))
    score, where = (
        labelled_short_number(claim, text) if short else find(claim.kind, claim.value, text, claim.field)
    )
    trusted = extracted if extracted is not None and confidence >= MIN_CONFIDENCE else None
    shown = [*others, *([trusted] if trusted else [])]
    # Read less surely, the short number's field still outweighs the same digits elsewhere: a misread of it
    # is answered `not_found` below, never a match found in a NIP.
    if score >= 1.0 and not _only_as_other(claim, where, shown) and not (short and trusted is not None):
        return _result(claim, "match", where, score)
    if trusted is not None:
        differs = agree(claim.kind, claim.value, trusted)
        if confidence < SURE_CONFIDENCE and close(claim.kind, claim.value, trusted):
            return _result(claim, "not_found", trusted, differs)  # a misread would explain it: not sure
        return _result(claim, "mismatch", trusted, differs)
    return _result(claim, "not_found", extracted, score)


def _nik_answers_for_itself(claim: Claim, extracted: str) -> bool:
    """A NIK read surely, valid, answers for itself: another 16 digits on the page (a family member's row, a
    second card, a number labelled as the KK's) are another person's, never the document's holder; unless a
    misread glyph or two would explain the difference (the text may hold the number printed again)."""
    if claim.field != "nik" or not validate_nik(extracted).valid:
        return False
    return not could_be_misread(claim.value, extracted)


_SHORT_NUMBER = re.compile(r"[0-9]{1,3}")

# An RT or RW label (rukun tetangga and rukun warga: the neighbourhood and the ward it belongs to, numbered
# within the village), alone or both in one (`RT/RW`, `Rt/Rw`, `R T / R W`).
_RT_RW_LABEL = re.compile(r"\b(R\s?[TW])\b(?:\s*[/.]\s*(R\s?[TW])\b)?", re.IGNORECASE)
_BOXED_DIGITS = re.compile(r"\b[0-9](?:\s+[0-9]\b){2,}")  # `0 0 3`: one digit to a box, three boxes


def labelled_rt_rw(line: str) -> dict[str, list[int]]:
    """The RT and RW numbers a line prints beside their labels: `RT 003 RW 012`, `RT/RW : 003/012` (the
    first number the RT's, the second the RW's), `R T / R W : 0 0 3 / 0 1 2`. A number stops at the next
    word (the next label)."""
    out: dict[str, list[int]] = {"RT": [], "RW": []}
    labels = list(_RT_RW_LABEL.finditer(line))
    names: list[str] = []  # labels waiting for their numbers: `RT | RW : 003/012` is one label of two
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(line)
        numbers = re.split(r"[A-Za-z]{2,}", line[label.end() : end], maxsplit=1)[0]
        numbers = _BOXED_DIGITS.sub(lambda m: re.sub(r"\s+", "", m.group()), numbers)
        names += [re.sub(r"\s", "", g).upper() for g in label.groups() if g]
        found = re.findall(r"[0-9]+", numbers)
        if not found and i + 1 < len(labels):
            continue
        for name, number in zip(names, found, strict=False):
            if len(number) <= 3:
                out[name].append(int(number))
        names = []
    return out


def labelled_short_number(claim: Claim, text: Sequence[str]) -> tuple[float, str | None]:
    """(1, the value) where the page prints the declared RT or RW beside its label, else (0, None). A number
    of a digit to three anywhere else (an officer's NIP ends in `2 011`, a page or an item number) is no
    evidence of it, nor is any short number of another field, nor an RT of one side of a move (the other
    side's is labelled the same)."""
    label = claim.field.upper()
    if label not in ("RT", "RW"):
        return 0.0, None  # another field's, or one side's of a move (both sides print an RT and an RW)
    wanted = int(claim.value)
    for line in text:
        if wanted in labelled_rt_rw(line)[label]:
            return 1.0, claim.value
    return 0.0, None


def _worded(value: str) -> bool:
    """A closed value in words (`ANTAR KECAMATAN`, `KAWIN`), not a number or a glyph or two."""
    return len(re.sub(r"[^A-Z]", "", value.upper())) > 2


def _only_as_other(claim: Claim, where: str | None, shown: Sequence[str]) -> bool:
    """The text found is, or is inside, a value the document shows for another field (the claimed child's
    name is the father's) or for this one read otherwise (`KAWIN` inside `BELUM KAWIN`)."""
    if where is None:
        return False
    inside = f" {_normal(where)} "
    return any(
        same(claim.kind, value, where)
        or agree(claim.kind, value, where) >= OTHER_SCORE
        or inside in f" {_normal(value)} "
        for value in shown
        if value
    )


def _result(claim: Claim, status: ClaimStatus, value: str | None, score: float) -> ClaimCheck:
    return ClaimCheck(
        field=claim.field,
        kind=claim.kind,
        declared=claim.value,
        status=status,
        document_value=value,
        score=round(score, 3),
    )


# Which kind each field of the document models is (fields not listed are compared as exact phrases).
FIELD_KINDS: dict[str, ClaimKind] = {
    "name": "name",
    "father_name": "name",
    "mother_name": "name",
    "head_of_family": "name",
    "nik": "number",
    "kk_number": "number",
    "number": "number",
    "birth_date": "date",
    "issue_date": "date",
    "move_date": "date",
    "address": "address",
    "place_of_birth": "region",
    "village": "region",
    "district": "region",
    "regency": "region",
    "province": "region",
}


def kind_of(field: str) -> ClaimKind:
    base = field.removeprefix("origin_").removeprefix("destination_")
    return FIELD_KINDS.get(base, "text")


def check_claims(
    declared: Mapping[str, str | None],
    text: Sequence[str],
    fields: Mapping[str, Any] | None = None,
) -> dict[str, ClaimCheck]:
    """Each declared field (document field name -> declared value; None or "" skipped) against the document."""
    out: dict[str, ClaimCheck] = {}
    for name, value in declared.items():
        if not value:
            continue
        kind = kind_of(name)
        # Values of the document's other fields of this kind: the claim found only as one of them (the
        # father's name for the child's, the destination's village for the origin's) is no match.
        others = [
            v
            for other in (fields or {})
            if other != name and kind_of(other) == kind and (v := _field(fields, other)[0])
        ]
        evidence = _own_sides_lines(name, text) if _other_side_unread(name, fields) else text
        out[name] = check_claim(Claim(field=name, kind=kind, value=value), evidence, fields, others)
    return out


_SIDE_WORDS = {"origin_": ("ASAL", "TUJUAN"), "destination_": ("TUJUAN", "ASAL")}


def _own_sides_lines(name: str, text: Sequence[str]) -> list[str]:
    """The lines that name the claim's side and not the other (`Desa/Kelurahan Tujuan HILIKANA`): where one
    side's value can be told from the other's without either field read."""
    side = next(s for s in _SIDE_WORDS if name.startswith(s))
    own, other = _SIDE_WORDS[side]
    return [
        ln
        for ln in text
        if re.search(rf"\b{own}\b", ln.upper()) and not re.search(rf"\b{other}\b", ln.upper())
    ]


def _other_side_unread(name: str, fields: Mapping[str, Any] | None) -> bool:
    """A claim of one side of a move (`origin_province`) whose counterpart on the other side was not read
    either, or read unsurely: the page prints both sides' values of that kind, and a text hit may be the other side's (the
    destination's province declared as the origin's), which `others` cannot exclude unread. Its evidence is
    its own field, and the lines that name its side only (`_own_sides_lines`)."""
    for side, other in (("origin_", "destination_"), ("destination_", "origin_")):
        if name.startswith(side):
            value, confidence = _field(fields, other + name.removeprefix(side))
            return value is None or confidence < MIN_CONFIDENCE  # read unsurely: perhaps not as printed
    return False


# --- for the verification stages ------------------------------------------------------------------------

# The key under which the stages' view of a document's fields carries the page's text (services.chain puts it
# there from the stored OCR result): claim checks search it when a field was not read on its own.
TEXT_KEY = "_text"


def value_or_claim(
    fields: Mapping[str, Any] | None, name: str, declared: str | None
) -> tuple[str | None, float]:
    """(value, confidence) of a document field for a comparison: the extracted field when it was read; else,
    when the declared value is found in the page's text (a layout whose field nothing could label), what the
    page shows there, with the match's score as its confidence; else (None, 0)."""
    extracted, confidence = _field(fields, name)
    text = (fields or {}).get(TEXT_KEY)
    if extracted is not None or not declared or not isinstance(text, Sequence) or isinstance(text, str):
        return extracted, confidence
    if _other_side_unread(name, fields):  # neither side read: only the lines that name this side
        text = _own_sides_lines(name, [str(t) for t in text])
    kind = kind_of(name)
    others = [
        v for other in fields or {} if other not in (name, TEXT_KEY) and (v := _field(fields, other)[0])
    ]
    check = check_claim(Claim(field=name, kind=kind, value=declared), [str(t) for t in text], fields, others)
    if check.status != "match":
        return None, 0.0
    shown = declared if kind in ("date", "number", "text") else check.document_value
    return shown, check.score


# Sixteen digits as a page prints a NIK: in a row, or in four groups of four; no digit beside it, glued or a
# space away (a longer number's digits, or two numbers side by side, are no NIK).
# A row's number may stand before it (`1 3171 ...`), a group of a longer number may not (`1234 3171 ...`).
_PRINTED_NIK = re.compile(r"(?<!\d)(?<!\d\d )(?:\d{16}|\d{4} \d{4} \d{4} \d{4})(?!\d)(?! \d)")
# A line that labels a NIK as the family head's, the certificate's applicant's or the KK's: not a mover's row.
_NOT_A_MOVERS_ROW = re.compile(r"KEPALA\s*KELUARGA|PEMOHON|KARTU\s*KELUARGA|\bKK\b|\bNO\.?\s*KK")


def listed_as_mover(fields: Mapping[str, Any] | None, nik: str, name: str) -> bool:
    """Whether the page lists this person as a row of its own: their NIK printed whole and their name, every word
    as printed, on the same line, on no line labelled as the head's, the applicant's or the KK's number. An SKPWNI
    lists every member of the family who moves with the certificate's applicant so (NIK, name, relationship); a
    member applying for the card names the applicant's certificate. A misread digit or name makes the row another
    person's: the member is then not found, not matched."""
    text = (fields or {}).get(TEXT_KEY)
    if len(nik) != 16 or not nik.isdigit() or not isinstance(text, Sequence) or isinstance(text, str):
        return False
    for line in map(str, text):
        numbers = [m for m in _PRINTED_NIK.finditer(line) if m.group().replace(" ", "") == nik]
        if not numbers or _NOT_A_MOVERS_ROW.search(line.upper()):
            continue
        if _names_on(line, name):
            return True
    return False


def _names_on(line: str, name: str) -> bool:
    """The name's words, all of them in order and as printed, on the line (a row's other cells around them)."""
    words, wanted = _ROW_WORD.findall(line.upper()), _ROW_WORD.findall(name.upper())
    return bool(wanted) and any(words[i : i + len(wanted)] == wanted for i in range(len(words)))


_ROW_WORD = re.compile(r"[A-Z']+")
