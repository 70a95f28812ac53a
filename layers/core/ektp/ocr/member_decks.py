"""A family's members in one table of two-deck rows: each member on two printed lines, not in two tables.

A register-style report too wide for its sheet stacks each row in two decks: the first the person (Nama
Lengkap, NIK, L/P, Tempat Lahir, ...), the second under it the status (Status Perkawinan, SHDK,
Kewarganegaraan, Nama Ayah, ...), each deck in columns of its own widths, under a title band of two lines
that names them. The decks' columns are found from the titles; a body line is the deck whose columns read
more of its phrases as valid values, and a first deck starts the next member.
"""

from __future__ import annotations

from dataclasses import dataclass

from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.forms import words_text
from ektp.ocr.kk_table import cell_value, finish_row
from ektp.ocr.member_blocks import MEMBER_LABELS
from ektp.ocr.models import Field, KkMember
from ektp.ocr.text import Line

PERSON = frozenset(("name", "nik", "sex", "place_of_birth", "birth_date", "religion", "education", "occupation",
                    "blood_type"))  # fmt: skip
STATUS = frozenset(("marital_status", "marriage_date", "relationship", "citizenship", "passport_number",
                    "kitap_number", "father_name", "mother_name"))  # fmt: skip
DECK_TITLES_AT_LEAST = 4  # of a deck's fields its title line names: a line naming fewer is no title band
VALUES_AT_LEAST = 2  # valid values a body line reads in its deck's columns: fewer is no member's line
TITLE_WORDS = 5  # words a column's title is printed in at most
BAND_GAP = 2.5  # text heights between the band's two title lines at most


@dataclass(frozen=True)
class Column:
    key: str
    left: int
    right: int


def members_from_decks(lines: list[Line]) -> list[KkMember] | None:
    """The members of a page whose member table stacks each row in two decks, in the order printed; None
    when the page has no such title band (its members are read as tables or blocks)."""
    band = _title_band(lines)
    if band is None:
        return None
    at, person, status = band
    members: list[dict[str, Field]] = []
    waiting = False  # the last member still lacks its second deck
    for line in lines[at + 1 :]:
        read_person, read_status = _read(line, person), _read(line, status)
        if max(len(read_person), len(read_status)) < VALUES_AT_LEAST:
            if members and not _row_number_only(line):
                break  # the table's foot: the signatures, the issue date
            continue
        if len(read_person) >= len(read_status):
            members.append(read_person)
            waiting = True
        elif waiting:
            members[-1].update(read_status)
            waiting = False
        else:
            members.append(read_status)  # its first deck lost: the member's status alone
    for row in members:
        finish_row(row)
    return [KkMember(**row) for row in members]


def _title_band(lines: list[Line]) -> tuple[int, list[Column], list[Column]] | None:
    """(index of the band's last line, the first deck's columns, the second's): a line naming the person's
    columns with, right under it, a line naming the status's (a line of the row number's title `No`, set
    between them, passed over)."""
    for i in range(len(lines) - 1):
        first = _titles(lines[i])
        if not _names(first, PERSON):
            continue
        height = max(1.0, min(w.height for w in lines[i].words))
        for j in range(i + 1, min(len(lines), i + 3)):
            if lines[j].cy - lines[i].cy > BAND_GAP * height:
                break
            second = _titles(lines[j])
            if _names(second, STATUS):
                return j, _deck(first, PERSON), _deck(second, STATUS)
            if any(c.key for c in second) or len(lines[j].words) > 2:
                break
    return None


def _deck(columns: list[Column], deck: frozenset[str]) -> list[Column]:
    """The deck's columns: its fields' and the unknown titles' (another deck's field is a misreading)."""
    return [c if c.key in deck else Column("", c.left, c.right) for c in columns]


def _names(columns: list[Column], deck: frozenset[str]) -> bool:
    return len({c.key for c in columns if c.key in deck}) >= DECK_TITLES_AT_LEAST


def _titles(line: Line) -> list[Column]:
    """The line's words read as a run of column titles, each the longest label its next words make (a title's
    words and the next title's may be read as one phrase: `No. KITAP Nama` | `Ayah`). Words of no field's
    title are a column too (key ""), so that their column's values go to no neighbour."""
    words = [w for w in line.words if t.compact(w.text)]  # the cells' borders read as `|` out
    out: list[Column] = []
    unknown: list[OcrWord] = []
    i = 0
    while i < len(words):
        found = MEMBER_LABELS.best_prefix(words[i:], TITLE_WORDS)
        if (
            i == 0
            and found is not None
            and t.compact(words[0].text) == "NO"
            and _same_title(words[1:], found[0])
        ):
            found = None  # the row number's column `No` read into the next title (`No Nama Lengkap`)
        if found is None:
            found = _swapped(words[i : i + 2])
        if found is None:
            if unknown and words[i].left - unknown[-1].right > words[i].height:
                out.append(_column("", unknown))
                unknown = []
            unknown.append(words[i])
            i += 1
            continue
        if unknown:
            out.append(_column("", unknown))
            unknown = []
        key, n = found
        out.append(_column(key, words[i : i + n]))
        i += n
    if unknown:
        out.append(_column("", unknown))
    return out


def _swapped(words: list[OcrWord]) -> tuple[str, int] | None:
    """A title printed on two lines (`Tanggal` over `Perkawinan`) that the engine read bottom line first."""
    if len(words) < 2:
        return None
    found = MEMBER_LABELS.best_prefix(words[::-1], 2)
    return found if found is not None and found[1] == 2 else None


def _column(key: str, title: list[OcrWord]) -> Column:
    return Column(key, title[0].left, title[-1].right)


def _same_title(words: list[OcrWord], key: str) -> bool:
    found = MEMBER_LABELS.best_prefix(words, TITLE_WORDS)
    return found is not None and found[0] == key


def _read(line: Line, columns: list[Column]) -> dict[str, Field]:
    """The line's phrases as the deck's values: each phrase in the column it starts in. A cell's text is
    printed from its left edge and a title centred over it, so a phrase belongs to the first column whose
    title ends after the phrase begins; a phrase left of every title's column is the row's number."""
    cells: dict[str, list[OcrWord]] = {}
    for seg in line.segments():
        printed = _unbordered(seg.words)
        for key, words in _cells_of(printed, columns) if printed else []:
            cells.setdefault(key, []).extend(words)
    out: dict[str, Field] = {}
    for key, cell in cells.items():
        if not key:
            continue  # under a title of no field (the row number's `No`)
        words = _without_row_number(cell, columns)
        f = cell_value(key, words_text(words), words) if words else None
        if f is not None:
            out[key] = f
    return out


# A cell's border read as a mark beside a word (`[ISTRI`, `| PROF.`): no part of the value.
_BORDERS = "|[]()"


def _unbordered(words: list[OcrWord]) -> list[OcrWord]:
    out = [w.model_copy(update={"text": w.text.strip(_BORDERS)}) for w in words]
    return [w for w in out if w.text]  # a lone `-` (an empty cell's dash) stays


def _column_at(word: OcrWord, columns: list[Column]) -> int | None:
    return next((i for i, c in enumerate(columns) if word.left < c.right), None)


def _cells_of(words: list[OcrWord], columns: list[Column]) -> list[tuple[str, list[OcrWord]]]:
    """A phrase's words by column. A phrase whose later words start past its column's title may be two cells
    or more read as one (`ISLAM DIPLOMA IV/STRATA I`: narrow cells): it is parted before such a word where
    both parts read as their columns' values, at the widest such gap (a long name running past its title
    stays whole: its tail is no NIK). A phrase reaching past the next column's title is parted at the widest
    gap whatever it reads: a value in its own cell ends before the next title begins. Each suffix of the
    phrase is parted once (memoised), so a long phrase under many titles costs no more than its splits."""
    parted: dict[int, list[tuple[str, list[OcrWord]]]] = {}

    def from_word(i: int) -> list[tuple[str, list[OcrWord]]]:
        if i in parted:
            return parted[i]
        rest = words[i:]
        at = _column_at(rest[0], columns)
        if at is None:
            parted[i] = []
            return []
        splits = [k for k in range(1, len(rest)) if (_column_at(rest[k], columns) or at) > at]
        valid = [k for k in splits if _reads(columns[at].key, rest[:k]) and _first_reads(from_word(i + k))]
        reaches = at + 1 < len(columns) and rest[-1].right > columns[at + 1].left
        if not valid and not (reaches and splits):
            parted[i] = [(columns[at].key, rest)]
        else:
            k = max(valid or splits, key=lambda k: rest[k].left - rest[k - 1].right)
            parted[i] = [(columns[at].key, rest[:k]), *from_word(i + k)]
        return parted[i]

    return from_word(0)


def _reads(key: str, words: list[OcrWord]) -> bool:
    """The words read as a value of the column (a column of no field's title takes anything)."""
    return not key or cell_value(key, words_text(words), words) is not None


def _first_reads(cells: list[tuple[str, list[OcrWord]]]) -> bool:
    return bool(cells) and _reads(*cells[0])


def _without_row_number(words: list[OcrWord], columns: list[Column]) -> list[OcrWord]:
    """A row's number (printed in its own column, left of the first deck's and spanning both) read as one
    phrase with the first cell (`1 KAWIN TERCATAT`): dropped."""
    first = words[0]
    if len(words) > 1 and first.text.isdigit() and len(first.text) <= 2 and first.left < columns[0].left:
        return words[1:]
    return words


def _row_number_only(line: Line) -> bool:
    return all(w.text.strip(".").isdigit() and len(w.text) <= 3 for w in line.words)
