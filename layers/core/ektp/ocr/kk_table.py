"""The KK's two member tables: columns from the printed vertical rules, rows from the words' heights (and
from the horizontal rules between rows, where the table prints them).

Cells the page read left empty (a lone `-` or blood type) or unsurely (a stamp over them) are cropped and
read again in one engine call.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect
from datetime import date
from statistics import median
from typing import NamedTuple

import cv2
import numpy as np
from rapidfuzz import fuzz

from ektp.domain.nik import Sex, validate_nik
from ektp.domain.region import nik_prefix_to_district, regions
from ektp.ocr import text as t
from ektp.ocr.engine import GreyImage, OcrEngine, OcrPage, OcrWord
from ektp.ocr.models import Field, KkMember
from ektp.ocr.normalise import normalise
from ektp.ocr.preprocess import VerticalRule
from ektp.ocr.print_ink import Crop, reread_print
from ektp.ocr.reread import Box
from ektp.ocr.validate import place_names, small_serial


def _words_text(words: list[OcrWord]) -> str:
    return " ".join(w.text for w in words)


# The two member tables of the KK form, column by column (the first column is the row number).
KK_TABLE1 = (
    "no",
    "name",
    "nik",
    "sex",
    "place_of_birth",
    "birth_date",
    "religion",
    "education",
    "occupation",
    "blood_type",
)
KK_TABLE2 = ("no", "marital_status", "marriage_date", "relationship", "citizenship", "passport_number", "kitap_number", "father_name", "mother_name")  # fmt: skip
# Every member field either table may print (a web view's second table repeats the member's name beside them).
MEMBER_FIELDS = (*KK_TABLE1, *KK_TABLE2[1:])
FORMS = (KK_TABLE1, KK_TABLE2)
UNNAMED = ""  # a column of a table of another count that no title names: read as no field


Table = tuple[int, int, list[int]]  # top, bottom, column borders


def _tables(rules: list[VerticalRule]) -> list[Table]:
    """Tables as (top, bottom, column borders x), from vertical rules that share their top and bottom."""
    groups: list[list[VerticalRule]] = []
    for rule in sorted(rules, key=lambda r: r.top):
        for g in groups:
            if abs(g[0].top - rule.top) < 25 and abs(g[0].bottom - rule.bottom) < 25:
                g.append(rule)
                break
        else:
            groups.append([rule])
    tables = []
    for g in groups:
        top, bottom = min(r.top for r in g), max(r.bottom for r in g)
        if any(_under_header(g, other) for other in groups if other is not g):
            continue  # the sub-columns of a grouped header: part of the table above them, not a table
        # Columns under a grouped header (`DOKUMEN IMIGRASI`: No. Paspor | No. KITAP; `NAMA ORANG TUA`: Ayah |
        # Ibu) are ruled from the sub-header row down: they end with the table but start inside it.
        inner = [r for other in groups if other is not g and _under_header(other, g) for r in other]
        xs: list[int] = []
        for x in sorted(r.x for r in [*g, *inner]):
            if not xs or x - xs[-1] > 15:
                xs.append(x)
        if len(xs) >= 4:
            tables.append((top, bottom, xs))
    return sorted(tables)


# A title row's column gap, in text heights: wider than the space between a title's words (`Nama Lengkap`).
TITLE_COLUMN_GAP = 0.9
TITLES_NAMED = 3  # of its phrases at least, naming a field of the table their number says (a wrapped title's
# first line, `Jenis` over `Kelamin`, names none alone)


def tables_from_titles(page: OcrPage) -> list[Table]:
    """The member tables where no vertical rules were found (a table printed without them, or a photo whose
    faint rules the thresholding lost): each row of column titles whose phrases, split at gaps wider than
    TITLE_COLUMN_GAP, number a member table's columns and name some of its fields gives the borders midway
    between them; the table runs
    down over the lines below that hold a member (`_member_in_columns`), past the titles' wrapped
    second line, the second table over as many as the first (the same members again: the issue line under
    it, a date and `KEPALA ...`, is no member)."""
    lines = t.page_lines(page)
    tables = []
    first_members = 0  # member rows of the first table found
    for i, line in enumerate(lines):
        flat = t.compact(line.text)
        if not is_header_row(flat) or sum(_is_title_word(t.compact(w.text)) for w in line.words) < 4:
            continue
        titles = line.segments(TITLE_COLUMN_GAP)
        form = _titled_form(titles)
        first_rows = lines[i + 1 : i + 1 + ALIGN_LINES]
        by_word = _words_named(titles) if form is None else []
        if by_word and _left_aligned(by_word, first_rows, median(w.height for w in line.words), share=1.0):
            # A fixed-width face's titles, joined word by word: taken only when every title but the row
            # number's starts where values under it start (no two titles read as one are guessed apart).
            form = _titled_form(by_word)
            titles = by_word if form is not None else titles
        under = [lines[i + 1].words] if i + 1 < len(lines) else None
        if form is None and under and (_is_title_line(under) or _title_second_line(under)):
            titles = _stacked_titles(line, lines[i + 1])  # one-line titles read on the second line
            form = _titled_form(titles)
        if form is None:
            continue  # phrases run together or split: their number is no table's count of columns
        h = median(w.height for w in line.words)
        xs = [round(_left(titles[0]) - h)]
        if _left_aligned(titles, first_rows, h):
            xs += [round(_left(b) - ALIGN_SLACK * h) for b in titles[1:]]  # a value may run past its title
        else:
            xs += [round((a.right + _left(b)) / 2) for a, b in itertools.pairwise(titles)]
        xs.append(page.width)
        top = round(min(w.top for w in line.words) - h / 2)
        bottom, members = None, 0
        # The second table lists the first's members again, in the same order: no more rows than it had.
        second = _form_of(form) is KK_TABLE2
        most = first_members if second and first_members else len(lines)
        rest = lines[i + 1 :]
        for k, below in enumerate(rest):
            cells = _cells(below.words, xs)
            if _member_in_columns(cells, form) and members < most:
                bottom, members = round(max(w.top + w.height for w in below.words) + h / 2), members + 1
            elif (
                bottom is not None and k + 1 < len(rest) and _wrapped_value_line(cells, rest[k + 1], xs, form)
            ):
                continue  # a value wrapped onto a line of its own (`TANGGA` of `MENGURUS RUMAH TANGGA`)
            elif bottom is not None or not (_is_title_line(cells) or (k == 0 and _title_second_line(cells))):
                break  # the table's end, or (before any member) no table under these titles
        if bottom is not None:
            tables.append((top, bottom, xs))
            first_members = first_members if second else members
    return tables


# Lines under the titles looked at, how near a value's left edge must stand to its title's, and for how many
# titles: a table whose values start where their titles start (a text report, a left-aligned web table) ends
# each column where the next title starts; one whose titles are centred, midway between two titles.
ALIGN_LINES = 3
ALIGN_SLACK = 0.5
ALIGNED_SHARE = 0.7


def _left_aligned(
    titles: list[t.Segment], below: list[t.Line], h: float, share: float = ALIGNED_SHARE
) -> bool:
    """Whether values under the titles start where the titles start: `share` of the titles after the row
    number's have a value starting under them, or (a column whose cells read nothing, dashes lost) none at all
    before the next title."""
    if len(titles) < 2:
        return False
    lefts = [w.left for line in below for w in line.words]
    aligned = 0
    for title, after in zip(titles[1:], [*titles[2:], None], strict=True):
        end = _left(after) if after is not None else float("inf")
        under = [x for x in lefts if _left(title) - ALIGN_SLACK * h <= x < end]
        aligned += any(abs(x - _left(title)) <= ALIGN_SLACK * h for x in under) or (
            share >= 1.0 and not under
        )
    return aligned >= share * (len(titles) - 1)


WRAPPED_LINE_CELLS = 2  # cells at most a member's wrapped line fills (a long occupation, an education's `I`)


def _wrapped_value_line(
    cells: list[list[OcrWord]], after: t.Line, xs: list[int], form: tuple[str, ...]
) -> bool:
    """A line of a value or two wrapped under a member's row, with another member's row after it: a table
    printed without row rules (a SIAK text report) sets a long value's last word on a line of its own."""
    filled = [c for c in cells if c]
    return 0 < len(filled) <= WRAPPED_LINE_CELLS and _member_in_columns(_cells(after.words, xs), form)


# Words a two-word title begins with (`TMP LAHIR`, `NAMA IBU`, `NO. KITAP`): the next word is its own.
_TITLE_STARTS = frozenset(
    (
        "NO", "NOMOR", "NAMA", "TMP", "TMPT", "TEMPAT", "TGL", "TANGGAL", "STS", "STATUS", "JENIS", "JNS", "GOL",
        "GOLONGAN", "HUB",
    )
)  # fmt: skip


def _names_a_field(words: list[OcrWord]) -> bool:
    return bool(_header_keys(t.compact(_words_text(words)), MEMBER_FIELDS))


def _words_named(titles: list[t.Segment]) -> list[t.Segment]:
    """Titles set in a fixed-width face (a SIAK text report: `NO NIK NAMA L/P TMP LAHIR TGL LAHIR`), a space
    within a title as wide as one between two: its words joined into titles, a title's first word with the next
    when the two name a field (`TMP LAHIR`, `NAMA IBU`), a word naming none to the title before it (`PDDK
    AKHIR`, `HUB. KELUARGA`). The first title is the row number's, alone."""
    words = [w for s in titles for w in s.words]
    out: list[list[OcrWord]] = [words[:1]]
    for word in words[1:]:
        prev = out[-1]
        starts = len(prev) == 1 and t.compact(prev[0].text) in _TITLE_STARTS
        if len(out) > 1 and starts and _names_a_field([*prev, word]):
            prev.append(word)
        elif _names_a_field([word]) or t.compact(word.text) in _TITLE_STARTS:
            out.append([word])
        else:
            prev.append(word)
    return [t.Segment(ws) for ws in out if ws]


def _titled_form(titles: list[t.Segment]) -> tuple[str, ...] | None:
    """The member table whose columns these title phrases are: as many, and enough of them naming its fields;
    else, as many as one table's, the columns the titles name one by one (`_named_columns`: SIAK's second table
    has the first's count, the name printed again beside its own fields)."""
    form = next((f for f in (KK_TABLE1, KK_TABLE2) if len(f) == len(titles)), None)
    if form is None:
        return None
    if sum(bool(_header_keys(t.compact(s.text), form)) for s in titles) < TITLES_NAMED:
        return _named_columns([t.compact(s.text) for s in titles])
    return form


def _named_columns(heads: list[str], whole: bool = True) -> tuple[str, ...] | None:
    """The columns a table's headers name, each one member field of either table and no two the same (SIAK's
    web view prints the name again in the second table: `No | Nama Lengkap | Status Perkawinan | ...`); None
    unless every header after the row number names one and, `whole`, every field of the table is among them
    (else TITLES_NAMED fields at least and half its columns, the rest UNNAMED: a table of another count, the
    members' fields split otherwise)."""
    named = [_header_key(head, MEMBER_FIELDS) for head in heads[1:]]
    keys = [k for k in named if k is not None]
    if len(set(keys)) != len(keys):
        return None
    if not whole:
        # A column no title names (`Keterangan`, or two titles read as one) is passed over.
        enough = len(keys) >= TITLES_NAMED and 2 * len(keys) >= len(named)
        return ("no", *(k or UNNAMED for k in named)) if enough else None
    if len(keys) != len(named):
        return None
    columns = ("no", *keys)
    # Every field of its table, besides: two titles read as one (`Nama Lengkap NIK`) name no table.
    return columns if set(_form_of(columns)) <= set(columns) else None


def _form_of(columns: tuple[str, ...]) -> tuple[str, ...]:
    """Which of the form's two tables a table of these columns is: the one whose fields it holds more of (the
    row counts and the order members are joined by are each table's)."""
    second = sum(k in KK_TABLE2[1:] for k in columns)
    return KK_TABLE2 if second > sum(k in KK_TABLE1[1:] for k in columns) else KK_TABLE1


def _stacked_titles(line: t.Line, under: t.Line) -> list[t.Segment]:
    """The column titles of a header set on two lines: two-line titles (`Jenis` over `Kelamin`) beside
    one-line ones centred between them (`Agama`), which the engine reads on either line. The words of both
    lines, joined into one title where they overlap or stand closer than a column gap, each title's words in
    reading order (its first line, then its second)."""
    h = median(w.height for w in line.words + under.words)
    first = {id(w) for w in line.words}
    columns: list[list[OcrWord]] = []
    for word in sorted(line.words + under.words, key=lambda w: w.left):
        if columns and word.left - max(w.right for w in columns[-1]) <= TITLE_COLUMN_GAP * h:
            columns[-1].append(word)
        else:
            columns.append([word])
    return [t.Segment(sorted(c, key=lambda w: (id(w) not in first, w.left))) for c in columns]


def _left(segment: t.Segment) -> int:
    return min(w.left for w in segment.words)


MEMBER_CELLS = 2  # cells of a row, at least, reading as their own column's field


def _member_in_columns(cells: list[list[OcrWord]], form: tuple[str, ...]) -> bool:
    """A member's row of the table: MEMBER_CELLS or more of its cells read as the field of their own column
    (a NIK under NIK, a sex under Jenis Kelamin, a marital status, a date, a citizenship), which a line of
    the page's foot (`Dikeluarkan Tanggal : 04-11-2024`, one date in some column) is not."""
    found = 0
    for key, cell in zip(form, cells, strict=True):
        words = _value_words(key, cell) if key in MEMBER_EVIDENCE and cell else []
        found += bool(words) and cell_value(key, _words_text(words), words) is not None
    return found >= MEMBER_CELLS


def _cells(words: list[OcrWord], xs: list[int]) -> list[list[OcrWord]]:
    cells: list[list[OcrWord]] = [[] for _ in range(len(xs) - 1)]
    for w in sorted(words, key=lambda v: v.left):
        col = next((i for i in range(len(xs) - 1) if xs[i] <= w.cx < xs[i + 1]), None)
        if col is not None:
            cells[col].append(w)
    return cells


# Words of each column's printed header (compacted), to find the columns of a form that orders them otherwise.
_HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "name": ("NAMALENGKAP",), "nik": ("NIK",), "sex": ("KELAMIN",), "place_of_birth": ("TEMPATLAHIR",),
    "birth_date": ("TANGGALLAHIR", "TGLLAHIR"), "religion": ("AGAMA",), "education": ("PENDIDIKAN",),
    "occupation": ("PEKERJAAN",), "blood_type": ("DARAH",), "marital_status": ("STATUSPERKAWINAN", "STATUSKAWIN"),
    "marriage_date": ("TANGGALPERKAWINAN", "TGLPERKAWINAN", "TANGGALKAWIN", "TGLKAWIN"),
    "relationship": ("HUB", "SHDK"), "citizenship": ("KEWARGANEGARAAN", "WARGANEGARA"), "passport_number": ("PASPOR",), "kitap_number": ("KITAP",),
    "father_name": ("AYAH",), "mother_name": ("IBU",),
}  # fmt: skip
# The short forms a SIAK text report heads its columns with (`TMP LAHIR`, `PDDK AKHIR`, `STS KAWIN`, `TGL
# PERKAW`, `WNI/WNA`): found only as printed, never by likeness (`STSKAWIN` is like a misread `Tgi. Kawin`).
_SHORT_HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "sex": ("JNSKEL",), "place_of_birth": ("TMPLAHIR", "TMPTLAHIR", "TMPLHR", "TMPTLHR", "TEMPATLHR"),
    "birth_date": ("TGLLHR", "TANGGALLHR"), "education": ("PDDK",), "marital_status": ("STSKAWIN",),
    "marriage_date": ("TGLPERKAW",), "citizenship": ("WNIWNA", "KWN"),
}  # fmt: skip


# Words of the family's header fields: a table whose titles are these is the header, not the members.
_ADDRESS_HEADS = ("ALAMAT", "RT", "RW", "DESA", "KELURAHAN", "KECAMATAN", "KAB", "KOTA", "PROVINSI", "KODEPOS")  # fmt: skip
FAMILY_HEADS = 3


def _family_header(heads: list[str]) -> bool:
    """Titles naming the address's parts (`Alamat`, `RT`, `Kecamatan`, `Provinsi`) and no member's field: the
    family's header set as one ruled row of headings over one row of values."""
    if any(word in head for head in heads for words in _HEADER_KEYS.values() for word in words):
        return False
    return sum(any(head.startswith(w) for w in _ADDRESS_HEADS) for head in heads) >= FAMILY_HEADS


def _columns_by_header(heads: list[str], default: tuple[str, ...]) -> tuple[str, ...]:
    """The table's columns as its headers name them (a copy of an older print puts the marriage date last),
    when every column's header names exactly one of the table's fields and no two the same; else the form's
    usual order."""
    named: list[str] = []
    for head in heads[1:]:
        key = _header_key(head, default)
        if key is None:
            return default
        named.append(key)
    return (default[0], *named) if len(set(named)) == len(named) else default


# Headers too short to be looked for inside another's (`LP` is in `TGLPERKAWINAN`): each only as the whole header.
_WHOLE_HEADERS = {
    "LP": "sex", "JK": "sex", "SEX": "sex", "GD": "blood_type", "GOLDR": "blood_type", "NAMA": "name",
}  # fmt: skip


def _header_keys(head: str, default: tuple[str, ...]) -> list[str]:
    whole = _WHOLE_HEADERS.get(head)
    if whole is not None and whole in default:
        return [whole]
    return [
        k
        for k in default[1:]
        if any(word in head for word in (*_HEADER_KEYS[k], *_SHORT_HEADER_KEYS.get(k, ())))
    ]


# A header word this long is also found misread (`STATUSPORKMDINAN`, `KOWARGANEGARAAN`: a copy's bold small
# print), by this similarity at least and this far ahead of any other field's header word.
FUZZY_HEADER_WORD = 7
HEADER_SCORE = 75
HEADER_MARGIN = 8


def _header_key(head: str, default: tuple[str, ...]) -> str | None:
    """The one field a column's header names: as printed, else the field whose long header word the text
    is most like, well ahead of the next; None when neither tells one field."""
    exact = _header_keys(head, default)
    if len(exact) == 1:
        return exact[0]
    if not head:
        return None
    scores = sorted(
        (
            (
                max(
                    (fuzz.partial_ratio(w, head) for w in _HEADER_KEYS[k] if len(w) >= FUZZY_HEADER_WORD),
                    default=0,
                ),
                k,
            )
            for k in default[1:]
        ),
        reverse=True,
    )
    (best, key), (second, _) = scores[0], scores[1]
    return key if best >= HEADER_SCORE and best - second >= HEADER_MARGIN else None


def _heads_again(
    heads: list[str],
    default: tuple[str, ...],
    head_words: list[OcrWord],
    xs: list[int],
    image: GreyImage,
    engine: OcrEngine,
    grey: GreyImage | None,
) -> list[str]:
    """Column headers the page read as no one field's (`Hama Ayah`, or nothing: a copy's bold small print)
    read again from their cells in the header rows, so a table in another order is still read by its
    headers; each reading is added to the header's text."""
    unnamed = [i for i in range(1, len(heads)) if _header_key(heads[i], default) is None]
    if not unnamed:
        return heads
    top = min(w.top for w in head_words)
    bottom = max(w.top + w.height for w in head_words)
    h = float(median(w.height for w in head_words))
    pad = max(4, int(h // 3))
    crops = [Crop((xs[i] + 6, top - pad, xs[i + 1] - 6, bottom + pad), h) for i in unnamed]
    reference = [(w.left, w.top, w.right, w.top + w.height) for w in head_words if w.confidence >= DOUBTFUL]
    out = list(heads)
    for i, found in zip(unnamed, reread_print(engine, image, grey, crops, reference), strict=True):
        out[i] += "".join(t.compact(text) for text, _ in found)
    return out


def _under_header(inner: list[VerticalRule], table: list[VerticalRule]) -> bool:
    """The rules of `inner` end where `table`'s do and start inside it, below its top."""
    top, bottom = min(r.top for r in table), max(r.bottom for r in table)
    return all(abs(r.bottom - bottom) < 25 and top + 25 <= r.top < bottom for r in inner)


def _table_rows(
    page: OcrPage, top: int, bottom: int, xs: list[int], rules: list[int] | None = None
) -> list[list[list[OcrWord]]]:
    words = sorted(
        (w for w in page.words if top < w.cy < bottom and xs[0] < w.cx < xs[-1]), key=lambda w: w.cy
    )
    rows: list[list[OcrWord]] = []
    for w in words:
        if rows and abs(w.cy - sum(v.cy for v in rows[-1]) / len(rows[-1])) < 0.6 * max(w.height, 12):
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = [_cells(row, xs) for row in rows]
    return _wrapped_lines_joined(_ruled_rows_joined(lines, rules or []))


# A wrapped cell's line between the same rules as its row is known to be the row's: it is read as print at a
# lower confidence than a line placed by its distance alone (`Tercatat` under `KAWIN` at 0.66 on a copy).
RULED_MIN_CONFIDENCE = 0.5
# Of the table's width, at least: a row's border runs across it (an underline or a stamp's stroke does not).
ROW_RULE_SPAN = 0.8


def row_rules(grey: GreyImage | None, top: int, bottom: int, xs: list[int]) -> list[int]:
    """The heights of the horizontal rules that run across a table between its top and bottom (a ruled form
    draws one under every row), from the page before thresholding (the thresholded page has its rules
    erased). None found on a table ruled only at its top and bottom, or on a page too bent for a straight run."""
    if grey is None:
        return []
    x0, x1 = max(0, xs[0]), min(grey.shape[1], xs[-1])
    y0, y1 = max(0, top - 4), min(grey.shape[0], bottom + 4)
    if x1 - x0 < 100 or y1 - y0 < 10:
        return []
    _, ink = cv2.threshold(grey[y0:y1, x0:x1], 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    runs = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, ((x1 - x0) // 10, 1))
    )
    across = np.nonzero(np.count_nonzero(runs, axis=1) >= ROW_RULE_SPAN * (x1 - x0))[0]
    found: list[list[int]] = []
    for y in across.tolist():
        if found and y - found[-1][-1] <= 2:
            found[-1].append(y)
        else:
            found.append([y])
    return [y0 + (g[0] + g[-1]) // 2 for g in found]


def _ruled_rows_joined(lines: list[list[list[OcrWord]]], rules: list[int]) -> list[list[list[OcrWord]]]:
    """Lines between the same two rules are one row when exactly one of them holds the row's number or fills
    the row (text in half its columns or more): a cell wrapped over two or three lines beside others of one, however it stands against
    the row's middle. Of the other lines, the cells that read as print (`_reads_as_print`) join the row's;
    the rest (a stamp's specks, a wrapped word read as noise) are dropped, as they would otherwise be a row
    of their own. Two full lines between two rules (a table ruled only now and then) stay two rows."""
    if len(rules) < 2:
        return lines
    bands: dict[int, list[int]] = {}
    for i, cells in enumerate(lines):
        bands.setdefault(bisect(rules, _middle(cells)), []).append(i)
    joined: dict[int, list[int]] = {}  # the full line -> the band's lines, in reading order
    for band, members in bands.items():
        height = rules[band] - rules[band - 1] if 0 < band < len(rules) else None
        # The row's own line is the one with its number (a narrow table's wrapped cells fill half its
        # columns on their line too) when every other line is a wrapped one's, of fewer cells; else the one
        # filling the row (two full lines stay two rows: a member's number unread).
        numbered = [i for i in members if _own_row(lines[i])]
        wrapped = len(numbered) == 1 and all(
            _wrapped_beside(lines[i], lines[numbered[0]], height) for i in members if i not in numbered
        )
        full = numbered if wrapped else [i for i in members if _fills_row(lines[i])]
        others = [lines[i] for i in members if i not in full]
        # A line with its own row number or a NIK is a member of its own whose rule above was not found (too
        # faint, or cut by a stamp): the band is left as read.
        if len(full) == 1 and others and not any(_own_row(cells) for cells in others):
            joined[full[0]] = sorted(members, key=lambda i: _middle(lines[i]))
    taken = {i for band in joined.values() for i in band if i not in joined}
    out = []
    for j, cells in enumerate(lines):
        if j in taken:
            continue
        if j in joined:
            cells = [  # noqa: PLW2901  (the row with its band's lines)
                [
                    w
                    for k in joined[j]
                    if k == j or _reads_as_print(lines[k][col], RULED_MIN_CONFIDENCE)
                    for w in lines[k][col]
                ]
                for col in range(len(cells))
            ]
        out.append(cells)
    return out


WRAPPED_FEWER = 2  # cells, at least, a wrapped cell's line fills fewer than its row's line (with its number)


def _wrapped_beside(line: list[list[OcrWord]], row: list[list[OcrWord]], band: int | None) -> bool:
    """A line beside the row's numbered line, between the same two rules, is a wrapped cell's: it stands
    within a wrapped cell's reach of it, a share of the band's height (a cell wrapped over three lines, the
    row's other cells centred and wrapped too, fills as many cells as the numbered line); or it fills fewer
    cells and holds no member's value (a NIK, date, sex, religion, marital status or citizenship). A member's
    own row whose rule was not found stands half the band away, and holds such values (an engine's tall boxes
    or a tight print measure nothing here: the rules do)."""
    if band is not None and abs(_middle(line) - _middle(row)) <= WRAP_IN_BAND * band:
        return True
    return _filled(line) <= _filled(row) - WRAPPED_FEWER and not _holds_member_value(line)


# Of the band's height between its two rules, at most, a wrapped line stands from the row's numbered line (three
# lines in a band: a third of it apart; two rows in a band whose rule between was lost: half).
WRAP_IN_BAND = 0.4


def _filled(cells: list[list[OcrWord]]) -> int:
    return sum(_has_text(c) for c in cells[1:])


def _own_row(cells: list[list[OcrWord]]) -> bool:
    return _has_text(cells[0]) or any(len(t.digits(w.text)) >= 16 for c in cells for w in c)


def _fills_row(cells: list[list[OcrWord]]) -> bool:
    return sum(_has_text(c) for c in cells) * 2 >= len(cells)


# A line of a few cells is a wrapped cell's other line when its row's middle is this many of its text heights
# away or nearer (a cell wrapped over three lines, the row's other cells centred beside it: its first and last
# lines stand about a line above and below the row's).
WRAP_REACH = 1.6
WRAP_MIN_CONFIDENCE = 0.7  # the median word confidence of a wrapped line (print read well)
WRAP_MIN_LETTERS = 3  # its words' median length: words of a value, not a mark's remnants (`au ui rRi`)


def _wrapped_lines_joined(rows: list[list[list[OcrWord]]]) -> list[list[list[OcrWord]]]:
    """A narrow column's cells wrapped over two or three lines (`TAMAT` over `SD/SEDERAJAT`, `BURUH HARIAN`
    over `LEPAS`), the row's other cells centred beside them, read as lines of their own: a line with nothing
    in the number column and text in under half the columns is joined, cell by cell in reading order, to the
    row beside it that holds a member (text in half the columns or more) when that row is the nearer of its
    two neighbours and the line reads as its print (`_wraps_into`). A line nearer the column titles (a title
    wrapped) or of a whole row stays as it was."""
    full = [_fills_row(cells) for cells in rows]
    middle = [_middle(cells) for cells in rows]
    joined: dict[int, list[int]] = {}  # the member row -> its wrapped lines
    for i, cells in enumerate(rows):
        if full[i] or _has_text(cells[0]) or not any(_has_text(c) for c in cells):
            continue
        if _is_title_line(
            cells
        ):  # (no `is_header_row`: a short line, `TANGGA`, is inside a long header word)
            continue
        near = sorted((abs(middle[j] - middle[i]), j) for j in (i - 1, i + 1) if 0 <= j < len(rows))
        if not near:
            continue
        distance, j = near[0]
        if full[j] and not _is_titles_row(rows[j]) and _wraps_into(cells, rows[j], distance):
            joined.setdefault(j, []).append(i)
    if not joined:
        return rows
    taken = {i for lines in joined.values() for i in lines}
    out = []
    for j, cells in enumerate(rows):
        if j in taken:
            continue
        order = sorted([j, *joined.get(j, [])], key=lambda k: middle[k])
        out.append([[w for k in order for w in rows[k][col]] for col in range(len(cells))])
    return out


def _wraps_into(line: list[list[OcrWord]], row: list[list[OcrWord]], distance: float) -> bool:
    """Whether a line of a few cells reads as the row's print wrapped: near it (WRAP_REACH of its text
    heights), read as surely as print, in words (a stamp's or signature's remnant beside a row reads as
    short unsure specks). (The row's own word heights are no measure: the engine's boxes of a row beside
    wrapped cells often span its lines.)"""
    words = [w for c in line for w in c]
    return distance <= WRAP_REACH * median(w.height for w in words) and _reads_as_print(words)


def _reads_as_print(words: list[OcrWord], confidence: float = WRAP_MIN_CONFIDENCE) -> bool:
    return bool(words) and (
        median(w.confidence for w in words) >= confidence
        and median(len(t.compact(w.text)) for w in words) >= WRAP_MIN_LETTERS
    )


def _is_titles_row(cells: list[list[OcrWord]]) -> bool:
    return is_header_row(t.compact(" ".join(_words_text(c) for c in cells))) or _is_title_line(cells)


def _middle(cells: list[list[OcrWord]]) -> float:
    ys = [w.cy for c in cells for w in c]
    return sum(ys) / len(ys) if ys else 0.0


_HEADER_WORDS = (
    "NAMALENGKAP",
    "JENISKELAMIN",
    "STATUSPERKAWINAN",
    "KEWARGANEGARAAN",
    "TANGGALLAHIR",
    "NAMAAYAH",
    # The post-2018 form's grouped headers, in a row of their own above the sub-headers under them.
    "DOKUMENIMIGRASI",
    "NAMAORANGTUA",
    "NOPASPOR",
    "NOKITAP",
    # A SIAK text report's short titles.
    "TMPLAHIR",
    "TGLLAHIR",
    "STSKAWIN",
    "HUBKELUARGA",
    "TGLLHR",
    "TGLPERKAW",
)
# A header word this long is found with a misread glyph or two; a shorter one only as printed: one letter off
# `NOKITAP` is `NOVITAP`, inside a member's name (SITI NOVITA PRATAMA), and that row was dropped as a header.
FUZZY_HEADER_LENGTH = 11


def is_header_row(flat: str) -> bool:
    """A row (its text compacted) that prints the table's column headers, not a member."""
    return any(
        fuzz.partial_ratio(h, flat) >= 85 if len(h) >= FUZZY_HEADER_LENGTH else h in flat
        for h in _HEADER_WORDS
    )


# Every word the KK's column titles are printed with (either form, either table), to know a title wrapped onto
# two lines (`Jenis | Tempat | Tanggal` over `Kelamin | Lahir | Lahir`), whose lines alone name no column.
_TITLE_WORDS = frozenset(
    (
        "NO", "NAMA", "LENGKAP", "NIK", "JENIS", "KELAMIN", "TEMPAT", "LAHIR", "TANGGAL", "TGL", "AGAMA",
        "PENDIDIKAN", "PEKERJAAN", "GOLONGAN", "GOL", "DARAH", "STATUS", "PERKAWINAN", "KAWIN", "HUBUNGAN",
        "HUB", "DALAM", "KELUARGA", "KEWARGA", "NEGARAAN", "KEWARGANEGARAAN", "DOKUMEN", "IMIGRASI", "PASPOR",
        "KITAP", "KITAS", "ORANG", "TUA", "AYAH", "IBU", "SHDK", "KK", "KWN", "TMP", "TMPT", "PDDK", "AKHIR",
        "STS", "PERKAW", "LP", "GD", "WNIWNA", "LHR", "JNS", "KEL",
    )
)  # fmt: skip
FUZZY_TITLE_WORD = 7  # a title word this long is also known read with a glyph or two wrong
# The title words no member's value holds (`KAWIN` and `KELUARGA` are values' too: `BELUM KAWIN`, `KEPALA KELUARGA`).
_TITLE_ONLY_WORDS = _TITLE_WORDS - {"KAWIN", "KELUARGA", "KK"}


def _is_title_word(word: str) -> bool:
    if word in _TITLE_WORDS:
        return True
    return len(word) >= FUZZY_TITLE_WORD and any(
        len(k) >= FUZZY_TITLE_WORD and fuzz.ratio(k, word) >= 85 for k in _TITLE_WORDS
    )


def _is_title_line(cells: list[list[OcrWord]]) -> bool:
    """A row of two or more title words and no other word of three letters or more: one line of titles
    wrapped over two (a member's row always holds a name, a number or a date, which no title is; a speck
    read as `25` beside the titles is no word)."""
    words = [t.compact(w.text) for c in cells for w in c]
    titles = [w for w in words if _is_title_word(w)]
    return len(titles) >= 2 and all(w in titles or len(w) < 3 for w in words)


# Letters, at least, of a title's second line standing alone (`KAWIN`, a value, has five).
SECOND_LINE_WORD = 6


def _title_second_line(cells: list[list[OcrWord]]) -> bool:
    """Right under a row of titles, a title's second line alone (`Perkawinan` under `Status`): title words
    only, each too long to be a member's value read alone from a damaged row (`1 KAWIN`)."""
    words = [t.compact(w.text) for c in cells for w in c]
    long = [w for w in words if len(w) >= 3]
    return bool(long) and all(_is_title_word(w) and len(w) >= SECOND_LINE_WORD for w in long)


COLUMN_NUMBER_CHARS = 4  # `(10)`: the longest a column's number prints


def _is_column_numbers(cells: list[list[OcrWord]]) -> bool:
    """The row of column numbers under the titles (`(1) (2) ... (10)`, in print so small a bracket and digit
    read `ta)`, `mn`, `@`): three or more cells read, none longer than a bracketed number. A member's row
    holds names and long numbers, never that."""
    read = [_words_text(c).replace(" ", "") for c in cells if _has_text(c)]
    return len(read) >= 3 and all(len(cell) <= COLUMN_NUMBER_CHARS for cell in read)


# Fields whose grammar no column title or misread title passes (a NIK, a date, a closed list of words).
MEMBER_EVIDENCE = ("nik", "birth_date", "marriage_date", "sex", "religion", "marital_status", "citizenship")


def _holds_member_value(cells: list[list[OcrWord]]) -> bool:
    """A cell, in whatever column, reads as a member's NIK, date, sex, religion, marital status or
    citizenship: the row is a member's. Above the table's first such row, a row without one is its titles
    read garbled (a copy's small bold print: `yamaLangkan` for Nama Lengkap)."""
    for cell in cells[1:]:
        words = _value_words("nik", cell)
        text = _words_text(words)
        if any(t.compact(w.text) in _TITLE_ONLY_WORDS for w in words):
            continue  # `Status Kawin`: a title that holds a value's word is still a title
        if words and any(_evidence(normalise(key, text, words, kk=True)) for key in MEMBER_EVIDENCE):
            return True
    return False


def _evidence(f: Field | None) -> bool:
    """A value read, other than the dash of an empty cell (a speck under the titles reads as one too)."""
    return f is not None and f.value != "-"


CELL_GLYPH_HEIGHT = 48  # px: the ink height a short cell (`O`, `AB+`) is read again at


def _context_words(words: list[OcrWord], count: int = 2) -> list[Box]:
    """The most confident words of four to eight letters among cells read well: read again beside lone
    glyphs, they give the engine a line of text in the same print (see `reread`)."""
    fit = sorted(
        (w for w in words if w.text.isalpha() and 4 <= len(w.text) <= 8), key=lambda w: -w.confidence
    )
    return [(w.left - 4, w.top - 4, w.right + 4, w.top + w.height + 4) for w in fit[:count]]


# A cell read less surely than this, or with marks beside its words (a stamp's edge read as `———`), is read
# again as well; the page's reading is one vote among those readings (`_vote`).
DOUBTFUL = 0.8


class _Cell(NamedTuple):
    row: int  # the member's
    key: str
    box: Box
    text_height: float


def parse_kk_members(
    page: OcrPage,
    rules: list[VerticalRule],
    image: GreyImage | None = None,
    engine: OcrEngine | None = None,
    grey: GreyImage | None = None,
) -> list[KkMember]:
    """Member rows of every member table, joined by their order (the printed row number is too small to
    trust), or by the member's name where a later table prints it again.

    The form's two tables are known by their count of columns; a table of another count (the members' fields
    in three tables, two of them side by side) is read when its titles name its columns (`_named_columns`).
    Cells the page read left empty (a lone `-` or blood type), or read unsurely, are cropped and read again
    in one call: with the `grey` page as print alone (a copy's stamp over a cell is lighter than its print;
    see `print_ink`), else as the page image has them."""
    layouts = _member_tables(_tables(rules), tables_from_titles(page))
    by_row: dict[int, dict[str, Field]] = {}
    wanted: list[_Cell] = []
    read_well: list[OcrWord] = []  # words of body cells whose reading made a valid value
    # A table broken at a sheet's foot goes on under its repeated titles: its rows are the next members, in
    # the columns the table had (when the titles over the rest are not read). Counted per table: the form's
    # two by their count, any other by its columns.
    next_index: dict[tuple[str, ...], int] = {KK_TABLE1: 0, KK_TABLE2: 0}
    table_columns: dict[tuple[str, ...], tuple[str, ...]] = {}
    for top, bottom, full_xs in layouts:
        for xs, rows, split in _side_by_side(page, (top, bottom, full_xs), grey):
            form: tuple[str, ...] | None = (
                None if split else next((f for f in FORMS if len(f) == len(xs) - 1), None)
            )
            columns = table_columns.get(form, form) if form is not None else None
            start = index = next_index[form] if form is not None else 0
            earlier = set(by_row)  # members read by the tables before this one
            heads: list[str] = [""] * (len(xs) - 1)  # each column's header text, over every header row
            head_words: list[OcrWord] = []
            for cells in rows:
                if _is_column_numbers(cells):
                    continue  # the row numbering the columns under their titles: no member
                if _is_titles(cells, first=index == start):
                    heads = [h + t.compact(_words_text(c)) for h, c in zip(heads, cells, strict=True)]
                    head_words += [w for c in cells for w in c]
                    continue  # the header row, or a speck in the row-number column
                if sum(_has_text(c) for c in cells[1:]) < 2:
                    continue  # a stamp's stroke or its words between two rows: every member fills several cells
                if index == start and _family_header(heads):
                    # The family's header ruled as a table (of its own, or above the members under the same
                    # rules): its row of values is no member; the members' titles may follow.
                    heads, head_words = [""] * (len(xs) - 1), []
                    continue
                if index == start:
                    if image is not None and engine is not None and head_words:
                        heads = _heads_again(
                            heads, columns or MEMBER_FIELDS, head_words, xs, image, engine, grey
                        )
                    by_names = _named_columns(heads, whole=form is not None)
                    if form is None:
                        if by_names is None:
                            break  # a table of another count whose titles name no member's fields
                        form = columns = by_names
                        start = index = next_index.get(form, 0)
                    else:
                        columns = _columns_by_header(heads, columns or form)
                        if by_names is None and columns == form:
                            columns = _reordered(heads, form)
                        if by_names is not None and _form_of(by_names) is not form:
                            # Headers of the other table's fields at this table's count: it is the other table.
                            form, columns = _form_of(by_names), by_names
                            start = index = next_index[form]
                    table_columns[form] = columns
                assert columns is not None and form is not None  # set at the first member's row
                if _printed_before(cells, columns, by_row, start):
                    continue  # a row the sheet's foot printed and the next sheet's head again: one member
                member = index
                known = _joined_by(cells, columns, {i: by_row[i] for i in earlier}, start)
                if known is not None:
                    # A later table prints the NIK or the name again: its row is that member's, whatever rows
                    # were lost; a row naming no member read before is joined to no one by order.
                    if known < 0:
                        index += 1
                        continue
                    member = known
                row = by_row.setdefault(member, {})
                y0, y1 = _row_extent([w for c in cells for w in c])
                pad = max(4, (y1 - y0) // 3)
                for col, (key, cell) in enumerate(zip(columns[1:], cells[1:], strict=True), start=1):
                    if key == UNNAMED:
                        continue
                    words = _value_words(key, cell)
                    f = cell_value(key, _words_text(words), words) if words else None
                    if f is not None:
                        row.setdefault(key, f)
                        read_well.extend(words)
                        if f.confidence >= DOUBTFUL and len(words) == len(cell):
                            continue
                    box = (xs[col] + 6, y0 - pad, xs[col + 1] - 6, y1 + pad)
                    wanted.append(_Cell(member, key, box, float(y1 - y0)))
                index += 1
            if form is not None:
                next_index[form] = index
    if wanted and image is not None and engine is not None:
        _read_again(wanted, by_row, read_well, image, engine, grey)
    for row in by_row.values():
        finish_row(row)
    return [KkMember(**by_row[n]) for n in sorted(by_row)]


def _side_by_side(
    page: OcrPage, table: Table, grey: GreyImage | None
) -> list[tuple[list[int], list[list[list[OcrWord]]], bool]]:
    """The tables of one ruled band, each with its rows: two printed side by side with the same top and
    bottom (`B. PENDIDIKAN` beside `C. HUBUNGAN KELUARGA`) are found as one. The next starts at a column
    numbering the rows as the first column does (`1`, `2`: its own `No`, whose title a small print reads
    `Na`); an empty column before it is the gap between them, no one's. Each table's rows are its own (its
    cells may wrap where the other's do not); each part is flagged as split (then read by its titles only,
    whatever its count)."""
    top, bottom, xs = table
    rows = _table_rows(page, top, bottom, xs, row_rules(grey, top, bottom, xs))
    starts = [j for j in range(1, len(xs) - 1) if _numbers_rows(rows, j)]
    if not starts:
        return [(xs, rows, False)]
    parts = []
    for a, end in itertools.pairwise([0, *starts, len(xs) - 1]):
        b = end
        while b - 1 > a and not any(_has_text(cells[b - 1]) for cells in rows):
            b -= 1
        part = xs[a : b + 1]
        parts.append((part, _table_rows(page, top, bottom, part, row_rules(grey, top, bottom, part)), True))
    return parts


def _numbers_rows(rows: list[list[list[OcrWord]]], col: int) -> bool:
    """The column numbers the rows as the first does (1, 2, 3 down the table, its rows maybe not level with
    the first's) and holds nothing longer beside the first column's numbers: another table's `No`."""
    body = [cells for cells in rows if not _is_column_numbers(cells)]
    first = [n for cells in body if (n := _row_number(cells[0])) is not None]
    here = [n for cells in body if (n := _row_number(cells[col])) is not None]
    longer = any(
        len(t.compact(_words_text(cells[col]))) > ROW_NUMBER_DIGITS
        for cells in body
        if _row_number(cells[0]) is not None
    )
    # Two rows numbered at least: one member's lone `1` is also an empty cell's dash read as a digit.
    return len(here) >= SPLIT_ROWS and not longer and (here == first or _one_unread(here, first))


SPLIT_ROWS = 2


def _one_unread(a: list[int], b: list[int]) -> bool:
    """Two columns' row numbers, one of them read one number short (a faint digit)."""
    short, full = sorted((a, b), key=len)
    return len(short) >= 2 and len(full) == len(short) + 1 and set(short) <= set(full)


ROW_NUMBER_DIGITS = 2  # a KK lists at most a few dozen members


def _row_number(cell: list[OcrWord]) -> int | None:
    number = re.fullmatch(rf"([0-9]{{1,{ROW_NUMBER_DIGITS}}})\.?", _words_text(cell).strip())
    return int(number[1]) if number else None


def finish_row(row: dict[str, Field]) -> None:
    """A member's fields as read, made whole by what the KK's print conventions say of them together."""
    _unmarried_no_marriage_date(row)
    _place_without_specks(row)
    _slash_joins(row)
    _travel_document_numbers(row)


HEAD_FROM_MEMBERS = 0.9  # confidence kept when the head's name is read from the members' table alone


def head_from_members(members: list[dict[str, Field]]) -> Field | None:
    """The head of the family named by the members' table where the header's own line was not read: the one
    member whose relationship is KEPALA KELUARGA (none, or two, name no one)."""
    heads = [m for m in members if (r := m.get("relationship")) is not None and r.value == "KEPALA KELUARGA"]
    name = heads[0].get("name") if len(heads) == 1 else None
    if name is None:
        return None
    confidence = min(name.confidence, heads[0]["relationship"].confidence) * HEAD_FROM_MEMBERS
    return Field(value=name.value, confidence=confidence)


NAME_AGREES = 90  # similarity (0-100) of two readings of one member's name in the two tables


def _joined_by(
    cells: list[list[OcrWord]], columns: tuple[str, ...], earlier: dict[int, dict[str, Field]], start: int
) -> int | None:
    """The member a later table's row is, by what it prints again: its NIK (a table of another count that
    repeats it: a NIK is one resident's), else its name (SIAK's second table, one without the NIK); -1 when
    it names no member read by an earlier table; None to join by order (the first table, or one that
    prints neither). A table going on from a sheet before (`start` past its first row) lists new NIKs."""
    if start == 0 and "nik" in columns and any("nik" in r for r in earlier.values()):
        words = _value_words("nik", cells[columns.index("nik")])
        nik = normalise("nik", _words_text(words), words, kk=True) if words else None
        same = [
            i for i, r in earlier.items() if nik is not None and (n := r.get("nik")) and n.value == nik.value
        ]
        return same[0] if same else -1
    if "name" in columns and "nik" not in columns and any("name" in r for r in earlier.values()):
        named = _member_named(cells[columns.index("name")], earlier)
        return -1 if named is None else named
    return None


def _reordered(heads: list[str], form: tuple[str, ...]) -> tuple[str, ...]:
    """A table of the form's count whose titles name the form's fields in another order, with a column no
    title names (`Keterangan`, so the count matches by chance): the titles' order, that column passed over;
    else the form's (titles read garbled name no order)."""
    named = [_header_key(head, form) for head in heads[1:]]
    keys = [k for k in named if k is not None]
    if len(set(keys)) != len(keys) or 2 * len(keys) < len(named):
        return form
    if all(k is None or k == f for k, f in zip(named, form[1:], strict=True)):
        return form
    return (form[0], *(k or UNNAMED for k in named))


def _member_named(cell: list[OcrWord], by_row: dict[int, dict[str, Field]]) -> int | None:
    """The member read before (its row index) whose name a later table's name cell reads, the one most like
    it and alike enough; None when the cell reads no name or names no member."""
    words = _value_words("name", cell) if cell else []
    read = cell_value("name", _words_text(words), words) if words else None
    if read is None:
        return None
    scores = [
        (fuzz.ratio(t.compact(read.value), t.compact(f.value)), i)
        for i, row in by_row.items()
        if (f := row.get("name")) is not None
    ]
    best = max(scores, default=(0.0, None))
    return best[1] if best[0] >= NAME_AGREES else None


def _member_tables(ruled: list[Table], titled: list[Table]) -> list[Table]:
    """The member tables, top to bottom: each as its printed rules make it (of any count: one of another count
    than the form's two is read only if its titles name its columns); where its titles make a table of
    another count over the same rows, the titles' (a rule not found whole, a photo's, leaves one column
    fewer: the first table's ten read as the second's nine); and a table only its titles show (no rules
    found) as they make it."""
    kept = list(ruled)
    for titles in titled:
        # Over the same rows: most of the shorter one's height (the next table's titles may touch its foot).
        over = [
            tb
            for tb in ruled
            if min(tb[1], titles[1]) - max(tb[0], titles[0])
            > SAME_ROWS * min(tb[1] - tb[0], titles[1] - titles[0])
        ]
        if any(len(tb[2]) == len(titles[2]) for tb in over):
            continue  # ruled as its titles say: the rules place the columns better
        kept = [tb for tb in kept if tb not in over] + [titles]
    return sorted(kept, key=lambda tb: tb[0])


SAME_ROWS = 0.5


def _is_titles(cells: list[list[OcrWord]], first: bool) -> bool:
    """A row of the table's column titles (or a speck in the row-number column); `first`: no member read
    yet, where a row of two cells or more with no member's value is the titles read garbled, and a row
    whose cells name TITLES_NAMED fields and hold no NIK or date is titles with a value's word in one
    (`Tgi. Kawin`: `KAWIN` with a title word misread)."""
    flat = t.compact(" ".join(_words_text(c) for c in cells))
    if not any(cells[1:]) or is_header_row(flat) or _is_title_line(cells):
        return True
    if not first or sum(_has_text(c) for c in cells[1:]) < 2:
        return False
    return not _holds_member_value(cells) or _names_fields(cells)


def _names_fields(cells: list[list[OcrWord]]) -> bool:
    """TITLES_NAMED cells or more holding a word only titles print (`PENDIDIKAN`, `STATUS`, `DARAH`: no
    member's value, unlike a name's `HIDAYAH`, which holds `AYAH`), and no NIK or date."""
    named = sum(any(t.compact(w.text) in _TITLE_ONLY_WORDS for w in c) for c in cells[1:])
    return named >= TITLES_NAMED and not any(
        normalise(key, _words_text(c), c, kk=True) is not None
        for c in cells[1:]
        if c
        for key in ("nik", "birth_date")
    )


def _printed_before(
    cells: list[list[OcrWord]],
    columns: tuple[str, ...],
    by_row: dict[int, dict[str, Field]],
    start: int,
) -> bool:
    """A row whose NIK a member read from an earlier part of the same table already has (a print driver may
    repeat the broken row on the next sheet): a NIK is one resident's alone."""
    if "nik" not in columns:
        return False
    words = _value_words("nik", cells[columns.index("nik")])
    nik = normalise("nik", _words_text(words), words, kk=True) if words else None
    return nik is not None and any(
        (n := by_row.get(i, {}).get("nik")) is not None and n.value == nik.value for i in range(start)
    )


SLASHED = ("education", "occupation")


def _slash_joins(row: dict[str, Field]) -> None:
    """`PETANI/ PEKEBUN`, `TAMAT SD /SEDERAJAT`: the form joins alternatives with a slash and no space; a
    space beside it is the print's wide monospaced slash read as a gap."""
    for key in SLASHED:
        f = row.get(key)
        if f is not None and re.search(r"\s/|/\s", f.value):
            row[key] = Field(value=re.sub(r"\s*/\s*", "/", f.value), confidence=f.confidence)


def _place_without_specks(row: dict[str, Field]) -> None:
    """A birthplace read with a mark no place name has (`NIAS. SELATAN`: a copier's speck after a word read
    as a full stop) whose letters are exactly a regency's or city's name is that name."""
    f = row.get("place_of_birth")
    if f is None or re.fullmatch(r"[A-Z ]+", f.value):
        return
    name = place_names().get(t.compact(f.value))
    if name is not None:
        row["place_of_birth"] = Field(value=name, confidence=f.confidence)


# A passport or stay-permit number: six characters or more, a digit among them (Indonesia's `A1234567`, other
# states' nine digits or letters and digits, a KITAP's `2C21JD1234-AB`); a name's word has none.
TRAVEL_DOCUMENT_NUMBER = re.compile(r"(?=\D*\d)[A-Za-z0-9][A-Za-z0-9./ -]{4,}[A-Za-z0-9]")
DASH_READ_AS = 3  # at most this many letters or digits where the form printed `-`: `(6)`, `1N)`, `111`


def _travel_document_numbers(row: dict[str, Field]) -> None:
    """The passport and KITAP cells hold a document's number or the form's `-`. A KITAP (a foreigner's
    permanent stay permit) is never a citizen's: in a WNI row the cell is `-`, whatever its specks read as
    and when nothing was read in it.
    Elsewhere a reading of three characters or fewer is a dash with a speck beside it (no such number is that
    short); a longer one that is no number (a name's word pulled in from the next column) is dropped."""
    citizen = row.get("citizenship")
    for key in ("passport_number", "kitap_number"):
        f = row.get(key)
        if f is not None and (f.value == "-" or TRAVEL_DOCUMENT_NUMBER.fullmatch(f.value)):
            continue
        if key == "kitap_number" and citizen is not None and citizen.value == "WNI":
            row[key] = Field(value="-", confidence=round(0.9 * citizen.confidence, 3))
        elif f is None:
            continue
        elif sum(c.isalnum() for c in f.value) <= DASH_READ_AS:
            row[key] = Field(value="-", confidence=round(0.6 * f.confidence, 3))
        else:
            del row[key]


def _row_extent(words: list[OcrWord]) -> tuple[int, int]:
    """Top and bottom of the row's print: of its words of a text's height (a stamp's stroke or word the
    row took in is taller or shorter, and would stretch the row over its neighbours)."""
    h = median(w.height for w in words)
    typical = [w for w in words if 0.6 * h <= w.height <= 1.4 * h] or words
    return min(w.top for w in typical), max(w.top + w.height for w in typical)


def _has_text(words: list[OcrWord]) -> bool:
    return any(c.isalnum() for w in words for c in w.text)


NAME_KEYS = frozenset(("name", "father_name", "mother_name"))


def _value_words(key: str, words: list[OcrWord]) -> list[OcrWord]:
    """The cell's words less marks beside them (`BONAR SITUMORANG ———`: a stamp's edge, a pen stroke; in a
    name, a word with a digit, a stamp's letters read as `0.`); a cell of marks alone (`-`) as read."""
    letters = [w for w in words if any(c.isalnum() for c in w.text)]
    if key in NAME_KEYS:
        letters = [w for w in letters if not any(c.isdigit() for c in w.text)]
    return letters or words


REFERENCE_WORDS = 40  # words read well that the print's ink is measured on (enough, and quick)


def _read_again(
    wanted: list[_Cell],
    by_row: dict[int, dict[str, Field]],
    read_well: list[OcrWord],
    image: GreyImage,
    engine: OcrEngine,
    grey: GreyImage | None,
) -> None:
    """The wanted cells read again, each value chosen by `_vote` among the page's reading and these. A cell
    with no ink where the form may leave it empty is `-`."""
    reference = [
        (w.left, w.top, w.right, w.top + w.height)
        for w in sorted(read_well, key=lambda w: -w.confidence)[:REFERENCE_WORDS]
    ]
    readings = reread_print(
        engine,
        image,
        grey,
        [Crop(c.box, c.text_height) for c in wanted],
        reference,
        glyph_height=CELL_GLYPH_HEIGHT,
        context=_context_words(read_well),
    )
    for cell, found in zip(wanted, readings, strict=True):
        row = by_row[cell.row]
        chosen = _vote(cell.key, row.get(cell.key), found)
        if chosen is not None:
            row[cell.key] = chosen
        elif not found and cell.key in NONE_WHEN_BLANK and _blank(image, cell.box):
            # The post-2018 form leaves the cell empty for a resident with no passport or KITAP.
            row.setdefault(cell.key, Field(value="-", confidence=BLANK_TRUST))


# A reading less sure than this is no evidence beside a surer one (`. Ta aa |` for a dash under a stamp);
# when none is surer, they are all there is.
UNSURE_READING = 0.5


def _vote(key: str, page: Field | None, found: list[tuple[str, float]]) -> Field | None:
    """The cell's value: of the page's reading and the readings again that the field's grammar accepts
    (entries of its closed list only, when any is one), less those read in part, the value with the most
    confidence summed over the readings that give it (two crops of one cell read alike outweigh one read
    otherwise, however sure); its confidence the surest."""
    fields = [f for f in (_field(key, text, confidence) for text, confidence in found) if f is not None]
    if page is not None:
        fields.append(page)
    if not fields:
        return None
    fields = [f for f in fields if f.confidence >= UNSURE_READING] or fields
    vocabulary = _CELL_VOCABULARIES.get(key, ())
    fields = [
        f for f in fields if f.value in vocabulary
    ] or fields  # a closed list's entry outweighs a non-entry
    typical = median(_length(f) for f in fields)
    whole = [f for f in fields if _length(f) >= PART_READ * typical]
    votes: dict[str, float] = {}
    for f in whole:
        votes[f.value] = votes.get(f.value, 0.0) + f.confidence
    value = max(votes, key=lambda v: votes[v])
    if page is not None and page.value == value:
        return page
    return max((f for f in whole if f.value == value), key=lambda f: f.confidence)


# A reading shorter than this share of the cell's typical reading was read in part (`M AGA` of `MARIA BR
# SINAGA`, the rest lost to a stamp): however sure, it is no candidate.
PART_READ = 0.75


def _length(f: Field) -> int:
    return len(t.compact(f.value))


def _field(key: str, text: str, confidence: float) -> Field | None:
    """A reading again as the field's value, less marks beside its words (see `_value_words`)."""
    word = OcrWord(text=text, confidence=confidence, left=0, top=0, width=0, height=0, line=0)
    parts = [word.model_copy(update={"text": part}) for part in text.split()]
    kept = _value_words(key, parts)
    return cell_value(key, _words_text(kept), [word]) if kept else None


# The sex as old forms and SIAK printouts abbreviate it (`LK`/`PR`, `L`/`P`): a cell of a few glyphs whose
# first is the abbreviation's letter (the rest misread: `LIK`, `PA`, `PH`).
_SEX_LETTERS = {"L": "LAKI-LAKI", "P": "PEREMPUAN"}
_SEX_ABBREVIATED = 3
# The relationship old forms print as `KK` (kepala keluarga) or `KEP. KELUARGA`; one K of the two read as
# a stem (`|K`, `IK`) or an N (`KN`): no other relationship is printed in two glyphs.
_HEAD_ABBREVIATED = re.compile(r"[K|I1l]K|K[NX]|KEP\.?\s*KELUARGA")
# The citizenship cell prints WNI or WNA: a short reading (`NI`, `MI`, `HI`: the W's strokes lost or read
# as M or H) is told by its last letter, which no confusion here turns into the other's.
_CITIZEN_ENDINGS = {"I": "WNI", "A": "WNA"}
_CITIZEN_SHORT = 3
# Closed vocabularies of the member cells, matched letter for letter less a print's confused letters.
_CELL_VOCABULARIES = {
    "religion": t.RELIGIONS,
    "education": t.EDUCATION,
    "relationship": t.RELATIONSHIPS,
    "marital_status": t.MARITAL_KK,
    "occupation": t.OCCUPATIONS,
}
_DATES = ("birth_date", "marriage_date")
BEGUN_TRUST = 0.8  # an entry named by its first words only: the rest of the cell was not read


def cell_value(key: str, text: str, words: list[OcrWord]) -> Field | None:
    """A member cell's reading as its value: as `normalise` reads it, with the KK's own print conventions
    first (abbreviated sex and head of family), a closed vocabulary's entry read with a print's confused
    letters, and a date after today read with zeros as other digits (`2092` for 2002)."""
    compact = t.compact(text)
    if key == "sex" and 0 < len(compact) <= _SEX_ABBREVIATED and compact[0] in _SEX_LETTERS:
        return t.make_field(words, _SEX_LETTERS[compact[0]])
    if key == "relationship" and _HEAD_ABBREVIATED.fullmatch(text.strip().upper()):
        return t.make_field(words, "KEPALA KELUARGA")
    if key == "citizenship" and 0 < len(compact) <= _CITIZEN_SHORT and compact[-1] in _CITIZEN_ENDINGS:
        return t.make_field(words, _CITIZEN_ENDINGS[compact[-1]])
    vocabulary = _CELL_VOCABULARIES.get(key)
    if vocabulary is not None and t.compact(text) not in {t.compact(v) for v in vocabulary}:
        entry = t.confusable_entry(text, vocabulary)
        if entry is not None:
            return t.make_field(words, entry)
        begun = t.entry_begun(text, vocabulary)
        if begun is not None:
            f = t.make_field(words, begun)
            return Field(value=f.value, confidence=round(BEGUN_TRUST * f.confidence, 3)) if f else None
    f = normalise(key, text, words, kk=True)
    if f is not None and key in _DATES:
        return _date_not_ahead(f)
    return f


def _date_not_ahead(f: Field) -> Field | None:
    """A birth or marriage date after today was misread: the one date, fewest zeros put back
    (`ZERO_READS`), that is not; None when none or two are (nothing is guessed)."""
    if t.not_ahead(f.value):
        return f
    found = t.date_with_zeros_back(f.value, as_read=False)
    return Field(value=found, confidence=round(0.8 * f.confidence, 3)) if found else None


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


NONE_WHEN_BLANK = frozenset(("passport_number", "kitap_number"))
BLANK_TRUST = 0.7  # an empty cell says "none" only by the form's convention


def _blank(image: GreyImage, box: Box) -> bool:
    """No ink in the cell (a speck or two of noise at most)."""
    left, top, right, bottom = (max(0, v) for v in box)
    cell = image[top:bottom, left:right]
    return cell.size > 0 and int((cell < 128).sum()) <= 0.002 * cell.size


UNMARRIED = "BELUM KAWIN"


def _unmarried_no_marriage_date(row: dict[str, Field]) -> None:
    """A member never married has no marriage date: the KK prints `-` in the cell (a lone dash the page and
    the crop may both lose, under a stamp or on a faint scan). Held as sure as the status that says so."""
    status = row.get("marital_status")
    if "marriage_date" not in row and status is not None and status.value == UNMARRIED:
        row["marriage_date"] = Field(value="-", confidence=round(0.9 * status.confidence, 3))


def member_digits(row: dict[str, Field], family: str | None) -> None:
    """A member's NIK and birth date printed with zeros a dot-matrix head or a worn ribbon leaves as rings
    read 6, 8 or 9 (`1564646708986028`, `87-08-1998`), decided with what a NIK must be: its first six digits
    a district that exists, the family's (`family`: the KK number, issued by the district) when that is
    one of them; its date part the member's birth date (the day plus 40 for a woman, as the sex cell says).
    Each is the reading with the fewest zeros put back that agrees, and only when one does (nothing is
    guessed); both then held less sure. A NIK that already agrees with its row is left as read."""
    nik, born = row.get("nik"), row.get("birth_date")
    if nik is None or not re.fullmatch(r"\d{16}", nik.value):
        return
    sex = _sex_code(row.get("sex"))
    birth = _iso_date(born.value) if born is not None else None
    check = validate_nik(nik.value, sex=sex, birth_date=birth)
    if check.valid and not check.warnings:
        return
    region = _district_back(nik.value[:6], family) or nik.value[:6]
    read_born = born.value if born is not None else None
    part, when = _date_part_back(nik.value[6:12], read_born, sex) or (nik.value[6:12], read_born)
    fixed = region + part + nik.value[12:]
    if fixed != nik.value and validate_nik(fixed).valid:
        row["nik"] = Field(value=fixed, confidence=round(0.8 * nik.confidence, 3))
        small_serial(row)
    if born is not None and when is not None and when != born.value:
        row["birth_date"] = Field(value=when, confidence=round(0.8 * born.confidence, 3))


def _sex_code(f: Field | None) -> Sex | None:
    if f is None or f.value not in t.SEXES:
        return None
    return "M" if f.value == "LAKI-LAKI" else "F"


def _district_back(read: str, family: str | None) -> str | None:
    """The NIK's district with fewest zeros put back that exists; the family's first when it is one of them."""
    found: dict[int, set[str]] = {}
    for changes, code in t.zeros_back(read):
        district = nik_prefix_to_district(code)
        if regions().exists(district) or regions().archived_district(district) is not None:
            found.setdefault(changes, set()).add(code)
    if family is not None and any(family[:6] in codes for codes in found.values()):
        return family[:6]
    nearest = found[min(found)] if found else set()
    return nearest.pop() if len(nearest) == 1 else None


def _date_part_back(read: str, born: str | None, sex: Sex | None) -> tuple[str, str | None] | None:
    """(date part, ISO birth date) agreeing, with fewest zeros put back in both; None if none or several.
    A date part that reads as a date of the member's sex is kept as read: a ring of dots and a 6 are
    confused both ways (`26` read `20` in the birth date's cell, `1998` read `1908`), and a NIK that is a
    NIK is not bent to another cell's misreading. With no birth date read, the date part alone."""
    parts = [(0, read)] if _date_part_reads(read, sex) else t.zeros_back(read)
    births: list[tuple[int, str | None]] = [*t.zeros_back(born)] if born is not None else [(0, None)]
    found: dict[int, set[tuple[str, str | None]]] = {}
    for changes, part in parts:
        if not _date_part_reads(part, sex):
            continue
        for more, iso in births:
            if iso is None or _same_day(part, iso):
                found.setdefault(changes + more, set()).add((part, iso))
    nearest = found[min(found)] if found else set()
    return nearest.pop() if len(nearest) == 1 else None


def _same_day(part: str, iso: str) -> bool:
    """The NIK's date part encodes the birth date, a date not after today."""
    when = _iso_date(iso)
    encoded = (int(part[:2]) % 40, int(part[2:4]), int(part[4:]))
    return when is not None and t.not_ahead(iso) and (when.day, when.month, when.year % 100) == encoded


def _date_part_reads(part: str, sex: Sex | None) -> bool:
    """A NIK's digits 7-12 as a date of the sex's form: a woman's day plus 40, a man's as it is."""
    day, month = int(part[:2]), int(part[2:4])
    woman = day > 40
    return 1 <= day % 40 <= 31 and 1 <= month <= 12 and day <= 71 and (sex is None or woman == (sex == "F"))
