"""A family's members printed as columns, one column a member, the fields as rows down a label column.

Some prints turn the KK's member table on its side: a heading row `Anggota ke-1  Anggota ke-2 ...` over rows
`1. NIK  3525...  1606...`, `2. Nama  BAYU ...  YULI ...`. Each row's label names the field (the member labels
of the blocks' reader); each value belongs to the member whose heading it stands under. A value wrapped onto
the next line (`MENGURUS RUMAH` over `TANGGA`) goes on in its column.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import BIRTH_LABELS, split_birth
from ektp.ocr.forms import Labels, at_borders, split_label, words_text
from ektp.ocr.kk_table import cell_value, finish_row
from ektp.ocr.member_blocks import KEPT, MEMBER_FIELDS_AT_LEAST, MEMBER_LABELS
from ektp.ocr.models import Field, KkMember
from ektp.ocr.text import Line, Segment

# `Anggota ke-1`, `ANGGOTA KELUARGA KE 2`, `Anggota 3` (compacted); a 1 read as I or l.
_HEADING_WORDS = r"^ANGGOTA(?:KELUARGA)?(?:KE)?"
_MEMBER_HEADING = re.compile(_HEADING_WORDS + r"[0-9IL]{1,2}$")
_MEMBER_NUMBER = re.compile(r"\(?[0-9]{1,2}\)")  # `(1)`, `2)`: a member's number over its column
HEADINGS_AT_LEAST = 2  # members' headings on one line: fewer is no table turned on its side
WRAP_GAP = 1.8  # text heights from a row to a line of its wrapped values, at most


def members_from_columns(lines: list[Line]) -> list[KkMember] | None:
    """The members of a page that prints them as columns, in the order of their columns (a family too many
    for one row of columns goes on under another row of headings, perhaps of one member); None when the page
    has no row of members' headings, or its columns hold labels of their own (members as blocks side by side,
    `NIK : ...` in each: the blocks' reader's)."""
    found = _heading_row(lines, 0, None)
    if found is None:
        return None
    members: list[KkMember] = []
    while found is not None:
        at, heads = found
        block = _field_rows(lines, at + 1, _last_number(heads))
        if any(_labelled(seg) for _, values in block.rows for seg in values):
            return None
        values_by_row = [values for _, values in block.rows]
        starts = _column_starts(values_by_row, len(heads))
        edge = min(starts) - _slack(values_by_row) if starts else block.label_edge
        cells: list[dict[str, list[OcrWord]]] = [{} for _ in heads]
        for key, values in block.rows:
            # `DIPLOMA IV/STRATA I — TAMAT SD/SEDERAJAT`: two cells read as one phrase, the border between.
            for part in (part for seg in values for part in at_borders(seg)):
                kept = [w for w in part.words if w.left >= edge]  # the label column's words are no member's
                if kept:
                    for member, words in _by_member(Segment(kept), heads, starts):
                        cells[member].setdefault(key, []).extend(words)
        members += [KkMember(**row) for row in map(_member, cells) if _is_member(row)]
        found = _heading_row(lines, block.end, _last_number(heads))
    return members


@dataclass
class _Block:
    end: int  # the first line past the block's rows
    rows: list[tuple[str, list[Segment]]] = field(default_factory=list)  # (field, its value phrases)
    label_edge: float = 0.0  # the label column's right edge


def _field_rows(lines: list[Line], first: int, counted_to: int | None) -> _Block:
    """The field rows from `first` on, each (field, its value phrases); a line of values wrapped in their
    cells joins the row it stands closer to (a cell set in the middle of its row wraps above it too). The
    rows end at a line of no label that is no wrapped line, or at the next row of members' headings (counting
    on from `counted_to`)."""
    block = _Block(end=len(lines))
    labelled: list[int] = []  # the lines of the rows read
    keys: list[str | None] = []  # their fields (None: a field of no member)
    loose: list[int] = []  # lines of wrapped values not yet given to a row
    unknown = False  # the line before was in the label column but no label read
    for index in range(first, len(lines)):
        line = lines[index]
        segments = line.segments()
        split, n = _row_label(segments)
        if split is None and _heading_row(lines[index : index + 1], 0, counted_to) is not None:
            block.end = index
            break
        if split is not None:
            key = split[0] if split[0] in KEPT or split[0] == "birth" else None
            if key is not None and key in keys:
                key = None  # labelled again (`Nama Lengkap Ibu` read as `Nama`): the first row's is the field
            label_words = [w for seg in segments[:n] for w in seg.words if w not in split[2]]
            block.label_edge = max([block.label_edge, *(w.right for w in label_words)])
            for k in loose:  # wrapped lines between two rows: each to the row it stands closer to
                before = lines[labelled[-1]].cy if labelled else float("-inf")
                to = key if line.cy - lines[k].cy < lines[k].cy - before else (keys[-1] if keys else None)
                if to is not None:
                    block.rows.append((to, lines[k].segments()))
            loose, unknown = [], False
            labelled.append(index)
            keys.append(key)
            if key is not None:
                block.rows.append((key, ([Segment(split[2])] if split[2] else []) + segments[n:]))
        elif labelled and line.words[0].left <= block.label_edge:
            # In the label column: a label wrapped onto a second line (`Nama` over `Lengkap`), or a row whose
            # label was misread: its values are no one's, and the rows go on (one such line at a time).
            if unknown:
                block.end = index
                break
            unknown = True
            continue
        elif labelled and _wraps(lines, index, labelled, loose):
            loose.append(index)
        else:
            block.end = index
            break
    for k in loose:  # wrapped under the last row
        if keys and keys[-1] is not None:
            block.rows.append((keys[-1], lines[k].segments()))
    return block


def _labelled(seg: Segment) -> bool:
    """A value cell that opens with a member's label (`NIK : 1504...`, `NIK`): a block's line, each member's
    fields labelled in its own column."""
    split = split_label(seg.words, MEMBER_LABELS)
    return split is not None and split[0] in KEPT


def _slack(rows: list[list[Segment]]) -> float:
    """A text height of the rows' values: how far apart two left edges of one column may read."""
    return float(max(median(w.height for values in rows for seg in values for w in seg.words), 1))


def _column_starts(rows: list[list[Segment]], members: int) -> list[int] | None:
    """Where each member's column starts: the left edges the rows' values share (a value is set left in its
    cell), one per member; None when the rows do not show as many."""
    lefts = sorted(seg.left for values in rows for seg in values)
    if not lefts:
        return None
    tolerance = _slack(rows)
    clusters: list[list[int]] = []
    for x in lefts:
        if clusters and x - clusters[-1][-1] <= tolerance:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    starts = [min(c) for c in clusters if len(c) >= COLUMN_ROWS]
    return starts if len(starts) == members else None


COLUMN_ROWS = 3  # rows whose values start at one left edge, at least, to make it a column's


def _by_member(
    part: Segment, heads: list[Segment], starts: list[int] | None
) -> list[tuple[int, list[OcrWord]]]:
    """The phrase's words by member: by the column each word starts in (two cells read together without a
    border between, `SUKARNO BUDI NUGROHO TRI SANTOSO`), else the heading the phrase stands under."""
    if starts is None:
        return [(t.under_which(heads, part), part.words)]
    slack = max(median(w.height for w in part.words), 1)
    out: list[tuple[int, list[OcrWord]]] = []
    for word in part.words:
        member = max((k for k, x in enumerate(starts) if x - slack <= word.left), default=0)
        if out and out[-1][0] == member:
            out[-1][1].append(word)
        else:
            out.append((member, [word]))
    return out


def _row_label(segments: list[Segment]) -> tuple[tuple[str, str, list[OcrWord]] | None, int]:
    """The row's label and how many phrases it takes: its first, or its first two or three (`14.  Nomor
    Paspor` read as phrases apart). `Tempat/Tgl. Lahir` names both the place and the date of birth."""
    for n in range(1, min(3, len(segments)) + 1):
        words = [w for seg in segments[:n] for w in seg.words]
        split = split_label(words, _BIRTH) or split_label(words, MEMBER_LABELS)
        if split is not None:
            return split, n
    return None, 1


_BIRTH = Labels({"birth": BIRTH_LABELS["birth"]})


def _heading_row(lines: list[Line], first: int, counted_to: int | None) -> tuple[int, list[Segment]] | None:
    """The first row of members' headings from `first` on: `Anggota ke-1 ...`, or the members' numbers `(1) (2)
    (3)` counting on, after at most a heading of the label column (`Uraian`). Under a first row (`counted_to`:
    its last member's number), one heading goes on with the count (`Uraian (3)`: the last member alone)."""
    least = HEADINGS_AT_LEAST if counted_to is None else 1
    for index in range(first, len(lines)):
        segments = lines[index].segments()
        heads = [seg for seg in segments if _MEMBER_HEADING.match(t.compact(seg.text))]
        if len(heads) >= least and (counted_to is None or _numbers(heads)[:1] == [counted_to + 1]):
            return index, heads
        numbers = [seg for seg in segments if _MEMBER_NUMBER.fullmatch(seg.text)]
        count = _numbers(numbers)
        counted = _consecutive(count) and (counted_to is None or count[0] == counted_to + 1)
        others = [seg for seg in segments if seg not in numbers]
        if (
            len(numbers) >= least
            and counted
            and len(others) <= 1
            and not any(c.isdigit() for seg in others for c in seg.text)
        ):
            return index, numbers
    return None


def _numbers(heads: list[Segment]) -> list[int]:
    """The members' numbers the headings read (`Anggota ke-2`: 2; a 1 read as I or l)."""
    out: list[int] = []
    for seg in heads:
        digits = re.sub(r"[IL]", "1", re.sub(_HEADING_WORDS, "", t.compact(seg.text)))
        if digits.isdigit():
            out.append(int(digits))
    return out


def _last_number(heads: list[Segment]) -> int | None:
    numbers = _numbers(heads)
    return numbers[-1] if numbers and len(numbers) == len(heads) else None


def _consecutive(numbers: list[int]) -> bool:
    """`1 2 3`, or `4 5 6` under a second row of headings: each one more than the one before."""
    return bool(numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _wraps(lines: list[Line], index: int, labelled: list[int], loose: list[int]) -> bool:
    """The line holds values wrapped in their cells: close under the row above (within WRAP_GAP text heights
    and closer than WRAPPED_STEP of the table's step from row to row), and at most one such line between
    two rows (a footer or the next heading after the table is no value's)."""
    if len(loose) >= 1:
        return False
    row = lines[labelled[-1]]
    height = max(median(w.height for w in row.words), 1)
    steps = [lines[b].cy - lines[a].cy for a, b in itertools.pairwise(labelled)]
    step = median(steps) if steps else 2.0 * WRAP_GAP * height
    gap = lines[index].cy - row.cy
    return gap <= WRAP_GAP * height and gap < WRAPPED_STEP * step


WRAPPED_STEP = 0.8  # of the table's row step: a wrapped line stands closer to its row than the next row does


def _member(cells: dict[str, list[OcrWord]]) -> dict[str, Field]:
    row = {
        key: f
        for key, words in cells.items()
        if key != "birth" and (f := cell_value(key, words_text(words), words)) is not None
    }
    if "birth" in cells:  # `BATANGHARI, 07 AGUSTUS 1998`: the place, then the date
        words = cells["birth"]
        place, when = split_birth(words_text(words))
        for key, text in (("place_of_birth", place), ("birth_date", when)):
            if key not in row and (f := cell_value(key, text, words)) is not None:
                row[key] = f
    finish_row(row)
    return row


def _is_member(row: dict[str, Field]) -> bool:
    return "nik" in row and "name" in row and len(row) >= MEMBER_FIELDS_AT_LEAST
