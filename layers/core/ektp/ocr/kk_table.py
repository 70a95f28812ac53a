"""The KK's two member tables: columns from the printed vertical rules, rows from the words' heights.

Cells the page read left empty (a lone `-` or blood type) are cropped and read again in one engine call.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ektp.ocr import text as t
from ektp.ocr.engine import GreyImage, OcrEngine, OcrPage, OcrWord
from ektp.ocr.models import Field, KkMember
from ektp.ocr.normalise import normalise
from ektp.ocr.preprocess import VerticalRule
from ektp.ocr.reread import Box, reread


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


def _tables(rules: list[VerticalRule]) -> list[tuple[int, int, list[int]]]:
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


# Words of each column's printed header (compacted), to find the columns of a form that orders them otherwise.
_HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "name": ("NAMALENGKAP",), "nik": ("NIK",), "sex": ("KELAMIN",), "place_of_birth": ("TEMPATLAHIR",),
    "birth_date": ("TANGGALLAHIR", "TGLLAHIR"), "religion": ("AGAMA",), "education": ("PENDIDIKAN",),
    "occupation": ("PEKERJAAN",), "blood_type": ("DARAH",), "marital_status": ("STATUSPERKAWINAN", "STATUSKAWIN"),
    "marriage_date": ("TANGGALPERKAWINAN", "TGLPERKAWINAN"), "relationship": ("HUB",),
    "citizenship": ("KEWARGANEGARAAN",), "passport_number": ("PASPOR",), "kitap_number": ("KITAP",),
    "father_name": ("AYAH",), "mother_name": ("IBU",),
}  # fmt: skip


def _columns_by_header(heads: list[str], default: tuple[str, ...]) -> tuple[str, ...]:
    """The table's columns as its headers name them (a copy of an older print puts the marriage date last),
    when every column's header names exactly one of the table's fields and no two the same; else the form's
    usual order."""
    named: list[str] = []
    for head in heads[1:]:
        keys = [k for k in default[1:] if any(word in head for word in _HEADER_KEYS[k])]
        if len(keys) != 1:
            return default
        named.append(keys[0])
    return (default[0], *named) if len(set(named)) == len(named) else default


def _under_header(inner: list[VerticalRule], table: list[VerticalRule]) -> bool:
    """The rules of `inner` end where `table`'s do and start inside it, below its top."""
    top, bottom = min(r.top for r in table), max(r.bottom for r in table)
    return all(abs(r.bottom - bottom) < 25 and top + 25 <= r.top < bottom for r in inner)


def _table_rows(page: OcrPage, top: int, bottom: int, xs: list[int]) -> list[list[list[OcrWord]]]:
    words = sorted(
        (w for w in page.words if top < w.cy < bottom and xs[0] < w.cx < xs[-1]), key=lambda w: w.cy
    )
    rows: list[list[OcrWord]] = []
    for w in words:
        if rows and abs(w.cy - sum(v.cy for v in rows[-1]) / len(rows[-1])) < 0.6 * max(w.height, 12):
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        cells: list[list[OcrWord]] = [[] for _ in range(len(xs) - 1)]
        for w in sorted(row, key=lambda v: v.left):
            col = next((i for i in range(len(xs) - 1) if xs[i] <= w.cx < xs[i + 1]), None)
            if col is not None:
                cells[col].append(w)
        out.append(cells)
    return out


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


CELL_GLYPH_HEIGHT = 48  # px: the ink height a short cell (`O`, `AB+`) is read again at


def _context_words(words: list[OcrWord], count: int = 2) -> list[Box]:
    """The most confident words of four to eight letters among cells read well: read again beside lone
    glyphs, they give the engine a line of text in the same print (see `reread`)."""
    fit = sorted(
        (w for w in words if w.text.isalpha() and 4 <= len(w.text) <= 8), key=lambda w: -w.confidence
    )
    return [(w.left - 4, w.top - 4, w.right + 4, w.top + w.height + 4) for w in fit[:count]]


def parse_kk_members(
    page: OcrPage, rules: list[VerticalRule], image: GreyImage | None = None, engine: OcrEngine | None = None
) -> list[KkMember]:
    """Member rows of both tables, joined by their order (the printed row number is too small to trust).

    Cells the page read left empty (a lone `-` or blood type) are cropped and read again in one call."""
    tables = _tables(rules)
    by_row: dict[int, dict[str, Field]] = {}
    pending: list[tuple[int, str, tuple[int, int, int, int]]] = []
    read_well: list[OcrWord] = []  # words of body cells whose reading made a valid value
    layouts = [tb for tb in tables if len(tb[2]) - 1 in (len(KK_TABLE1), len(KK_TABLE2))]
    for top, bottom, xs in layouts:
        columns: tuple[str, ...] = KK_TABLE1 if len(xs) - 1 == len(KK_TABLE1) else KK_TABLE2
        index = 0
        heads: list[str] = [""] * (len(xs) - 1)  # each column's header text, over every header row
        for cells in _table_rows(page, top, bottom, xs):
            flat = t.compact(" ".join(_words_text(c) for c in cells))
            if not any(cells[1:]) or is_header_row(flat):
                heads = [h + t.compact(_words_text(c)) for h, c in zip(heads, cells, strict=True)]
                continue  # the header row, or a speck in the row-number column
            if index == 0:
                columns = _columns_by_header(heads, columns)
            row = by_row.setdefault(index, {})
            row_words = [w for c in cells for w in c]
            y0 = min(w.top for w in row_words)
            y1 = max(w.top + w.height for w in row_words)
            pad = max(4, (y1 - y0) // 3)
            for col, (key, words) in enumerate(zip(columns[1:], cells[1:], strict=True), start=1):
                if words:
                    f = normalise(key, _words_text(words), words, kk=True)
                    if f is not None:
                        row.setdefault(key, f)
                        read_well.extend(words)
                        continue
                pending.append((index, key, (xs[col] + 6, y0 - pad, xs[col + 1] - 6, y1 + pad)))
            index += 1
    if pending and image is not None and engine is not None:
        again_all = reread(
            engine,
            image,
            [b for _, _, b in pending],
            glyph_height=CELL_GLYPH_HEIGHT,
            context=_context_words(read_well),
        )
        for (index, key, box), again in zip(pending, again_all, strict=True):
            if again is None and key in NONE_WHEN_BLANK and _blank(image, box):
                # The post-2018 form leaves the cell empty for a resident with no passport or KITAP.
                by_row[index].setdefault(key, Field(value="-", confidence=BLANK_TRUST))
            if again is not None:
                word = OcrWord(text=again[0], confidence=again[1], left=0, top=0, width=0, height=0, line=0)
                f = normalise(key, again[0], [word], kk=True)
                if f is not None:
                    by_row[index].setdefault(key, f)
    for row in by_row.values():
        _unmarried_no_marriage_date(row)
    return [KkMember(**by_row[n]) for n in sorted(by_row)]


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
