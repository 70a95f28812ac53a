"""A table drawn with characters (an e-mail's or a terminal's plain text: `| No | Nama Lengkap | NIK |`): its
bars are read as glyphs, standing alone (`|`, or a letter they look like: `I`, `l`, `!`) or glued to a cell's
word (`|NIK`). Taken out of the words before any parser reads them, so that a cell's words are its value; and
each column of bars is a vertical rule of its table, as a ruled table's printed borders are.

Only a page with certain bars (`|`) enough has such a table, and a look-alike letter is a bar only where it
stands in a column of bars: a lone `I` elsewhere is a letter (`DIPLOMA IV/STRATA I`).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.preprocess import VerticalRule
from ektp.ocr.text import Line, page_lines

BAR = "|"
# A bar read as a letter, a digit or a mark, standing alone (a specked or faint bar: `'`, `i`).
LOOKALIKES = frozenset(("I", "l", "!", "]", "[", "1", "i", "j", "'", "‘", "’", "`"))
BARS_AT_LEAST = 6  # certain bars on a page of a text table (a stray `|` in a letter is none)
COLUMN_BARS = 2  # bars at one x, on lines of one table, that make a column of bars
COLUMN_REACH = 0.6  # how far (in text heights) a bar may stand from its column's x
ROWS_APART = 3  # lines without bars a table's rows may have between them (its `+----+` borders)
AGREE = 0.5  # share of a row's bars standing where the row above has bars: one table's rows
BESIDE = 1.5  # text heights within which a certain bar beside a look-alike makes the look-alike a letter
EDGE = 1.5  # text heights between a table's outermost words and its outermost column of bars: an edge unread


@dataclass
class _Row:
    line: Line
    bars: list[float]  # x of each certain bar (`|`) the row's words hold


def read_bars(page: OcrPage) -> tuple[OcrPage, list[VerticalRule]]:
    """The page with a character-drawn table's bars taken out of its words, and each table's columns of
    bars as vertical rules (its top and bottom the table's); the page itself and no rules when it has none.
    Words outside such a table keep their `|` (a `1` read as a bar: `0|2/003`, a digit the grammars mend)."""
    if sum(BAR in w.text for w in page.words) < BARS_AT_LEAST:
        return page, []
    h = median(w.height for w in page.words)
    lines = page_lines(page)
    rows = [_Row(line, _row_bars(line)) for line in lines]
    rules: list[VerticalRule] = []
    dropped: set[int] = set()  # ids of look-alike words taken for bars
    split: set[int] = set()  # ids of words whose `|` are a table's bars
    for table in _tables(rows, lines, h):
        columns = _bar_columns([x for row in table for x in row.bars], h)
        if len(columns) < 2:
            continue
        columns = _with_edges(table, columns, h)
        words = [w for row in table for w in row.line.words]
        top = round(min(w.top for w in words) - h / 2)
        bottom = round(max(w.top + w.height for w in words) + h / 2)
        rules += [VerticalRule(x=round(x), top=top, bottom=bottom) for x in columns]
        for row in table:
            for w in row.line.words:
                if BAR in w.text:
                    split.add(id(w))
                elif w.text in LOOKALIKES and _near(_centre(w), columns, h) and not _bar_beside(w, row, h):
                    dropped.add(id(w))
    kept: list[OcrWord] = []
    for w in page.words:
        if id(w) in dropped:
            continue
        kept.extend(_parts(w) if id(w) in split else [w])
    return OcrPage(width=page.width, height=page.height, words=kept), rules


def _centre(word: OcrWord) -> float:
    return word.left + word.width / 2


def _bar_beside(word: OcrWord, row: _Row, h: float) -> bool:
    """A certain bar stands next to the look-alike: the column's bar is that one, and the look-alike is a
    letter of the cell (`| I WAYAN SUDIRTA`: a Balinese name's first word)."""
    return any(0 < abs(_centre(word) - x) <= BESIDE * h for x in row.bars)


def _with_edges(table: list[_Row], columns: list[float], h: float) -> list[float]:
    """The table's outer borders where no column of certain bars stands at its edges (the first and last bars
    of a row read as `I`): the rows' outermost look-alikes, or just outside their words."""
    words = [w for row in table for w in row.line.words]
    firsts = [row.line.words[0] for row in table if row.line.words]
    lasts = [row.line.words[-1] for row in table if row.line.words]
    left = min(w.left for w in words)
    right = max(w.left + w.width for w in words)
    out = list(columns)
    if columns[0] - left > EDGE * h:
        bars = [_centre(w) for w in firsts if w.text in LOOKALIKES and w.left - left <= EDGE * h]
        out.insert(0, median(bars) if bars else left - h / 2)
    if right - columns[-1] > EDGE * h:
        bars = [_centre(w) for w in lasts if w.text in LOOKALIKES and right - (w.left + w.width) <= EDGE * h]
        out.append(median(bars) if bars else right + h / 2)
    return out


def _row_bars(line: Line) -> list[float]:
    """Where the certain bars of a line stand, each at its share of its word's width (`|NIK`: its left edge)."""
    xs: list[float] = []
    for w in line.words:
        if BAR in w.text:
            n = len(w.text)
            xs += [w.left + w.width * (i + 0.5) / n for i, c in enumerate(w.text) if c == BAR]
    return xs


def _tables(rows: list[_Row], lines: list[Line], h: float) -> list[list[_Row]]:
    """Runs of rows with certain bars whose bars stand where the previous row's do, a few lines apart at
    most; the lines between them (a border `+----+` read as `4`s) are the table's too."""
    tables: list[list[_Row]] = []
    last = -ROWS_APART - 2
    for index, row in enumerate(rows):
        if not any(BAR in w.text for w in row.line.words):
            continue
        joins = tables and index - last <= ROWS_APART + 1 and _agrees(row.bars, tables[-1][-1].bars, h)
        if joins:
            tables[-1] += rows[last + 1 : index + 1]
        else:
            tables.append([row])
        last = index
    return [table for table in tables if sum(any(BAR in w.text for w in r.line.words) for r in table) >= 2]


def _agrees(bars: list[float], above: list[float], h: float) -> bool:
    shorter, longer = sorted((bars, above), key=len)
    return bool(shorter) and sum(_near(x, longer, h) for x in shorter) >= AGREE * len(shorter)


def _near(x: float, xs: list[float], h: float) -> bool:
    return any(abs(x - other) <= COLUMN_REACH * h for other in xs)


def _bar_columns(xs: list[float], h: float) -> list[float]:
    """The x of each column of bars: bars within COLUMN_REACH of each other, COLUMN_BARS at least."""
    columns: list[list[float]] = []
    for x in sorted(xs):
        if columns and x - columns[-1][-1] <= COLUMN_REACH * h:
            columns[-1].append(x)
        else:
            columns.append([x])
    return [median(c) for c in columns if len(c) >= COLUMN_BARS]


def _parts(word: OcrWord) -> list[OcrWord]:
    """The word's text between its bars, each part a word of its own with its share of the word's box."""
    out: list[OcrWord] = []
    n = len(word.text)
    start = 0
    for end in [*(i for i, c in enumerate(word.text) if c == BAR), n]:
        text = word.text[start:end]
        if text.strip():
            left = word.left + round(word.width * start / n)
            width = max(1, round(word.width * len(text) / n))
            out.append(word.model_copy(update={"text": text, "left": left, "width": width}))
        start = end + 1
    return out
