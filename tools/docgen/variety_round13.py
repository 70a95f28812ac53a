"""A thirteenth round of variety layouts (issue 18), written blind (before and without looking at the
extractor), two per type. Like rounds 10-12 it is a HELD-OUT SET of TYPESET pages (a clean page image, to be
degraded by `degrade.degrade` like any page) whose STRUCTURE (how a label and its value sit on the page) no
older layout has, so that it estimates how the extractor does on forms it was never shown. Each layout is a
family of pages: field order, label wording, date form, face, sizes and margins are drawn from the rng.

- KK, `kk-lajur-anggota`: the members TRANSPOSED, as the biodata forms of the family (F-1.01) lay them out:
  ONE COLUMN PER MEMBER ("Anggota ke-1", "(2)", "No. 3" ...) and the seventeen items as ROWS down a label
  column on the left (numbered or not, the NIK or the name first, "Tempat, Tanggal Lahir" in one row on some
  prints), long cells wrapped inside their column; a family too large for one sheet's width in TWO OR THREE
  STACKED BLOCKS of columns; the header as a ruled grid of PAIRS (a shaded label cell, the value cell beside
  it, two pairs to a row, Alamat across a whole row on some), portrait folio or landscape.
- KK, `kk-tiga-tabel`: the header as two columns of labels with DOTTED LEADERS running to the colon
  ("Kecamatan ........ : DEPOK"), and the member data in THREE NARROWER TABLES (the person; education, work
  and marriage; family status, documents and parents), each with its own title and the row number, the
  second and third SIDE BY SIDE under the first, or all three stacked each only as wide as it needs; the
  form's column numbers running on through the three tables on some prints.
- Akta kelahiran, `akta-keterangan-bawah`: a certificate whose every value stands CENTRED ON A RULE with its
  LABEL AS A SMALL CAPTION UNDER THE RULE ("SLEMAN" over a line, "tempat lahir" under it), in italics or
  not, in brackets or not, with the English gloss in the caption on some ("nama ayah / father's name"); two
  captioned slots SHARING A LINE (place and date of birth, sex and birth order, father and mother) or each on
  its own; the issue place and date in the same captioned slots; the date of birth in words, digits, both, or
  digits with the day's name ("Senin, 07-11-2011").
- Akta kelahiran, `akta-kolom-orang`: the entry as a MATRIX WHOSE COLUMNS ARE THE PERSONS (Anak, Ayah, Ibu)
  and whose ROWS ARE THE ATTRIBUTES (NIK, Nama, Tempat Lahir, Tanggal Lahir, Jenis Kelamin,
  Kewarganegaraan, Anak Ke): the child's column filled, the parents' columns with their names and, where
  the family card knows them, their NIKs, places and dates of birth ("-" where not); the columns in the
  order child, father, mother or child, mother, father; the certificate's number under the title, in the
  corner or on a label line over the matrix.
- KTP-el, `ktp-struk-termal`: a THERMAL RECEIPT from a card-reading terminal (58 or 80 mm roll, 32 to 48
  characters a line, a monospaced face): the merchant's head, terminal and transaction lines, "HASIL BACA
  KTP-EL" between rules of dashes or equals signs, then the card's data with the VALUE FLUSH RIGHT at the
  line's end ("NAMA          BUDI SANTOSO", a long value on the lines under its label, right-aligned), or
  after a colon column with hanging continuation lines, or under its label; abbreviated labels on the narrow
  roll; a QR code and "SIMPAN STRUK INI". No issue place or date (the chip's data print none).
- KTP-el, `ktp-kunci-nilai`: a PRINTOUT OF A DATA-ACCESS RESPONSE for one NIK: the fields under DATABASE
  FIELD NAMES as keys (NAMA_LGKP, TMPT_LHR, TGL_LHR, JENIS_KLMIN, NO_RT, KEL_NAME, KAB_NAME, PROP_NAME ...)
  in a monospaced block: as JSON ("content": [{ "NIK": "...", ... }]), as "KEY = value" lines with the equals
  signs aligned, as a database client's vertical record (keys right-aligned against the colon), or as an
  ASCII-ruled two-column table; keys in the system's order or sorted alphabetically, with fields a card has
  not (NO_KK, PDDK_AKH, STAT_HBKEL, the parents' names, the region code numbers); the birth date as the
  system stores it ("1985-05-07", "1985-05-07 00:00:00.0", "07-05-1985"). No valid-until, no issue place or
  date.
- SKPWNI, `skpwni-label-tengah`: origin and destination MIRRORED ABOUT A LABEL COLUMN IN THE MIDDLE of the
  page: the origin's values on the left FLUSH AGAINST THE LABEL column (or centred, or flush to the outer
  margin), the labels in a shaded middle column, the destination's values on the right ("DAERAH ASAL |
  URAIAN | DAERAH TUJUAN"; the destination on the left on some), ruled in full, by rows only or not at
  all; the applicant's lines above, the move's details above or below, the members moving under them.
- SKPWNI, `skpwni-baris-padat`: every section a PARAGRAPH OF RUN-ON "label: value" PAIRS (no columns:
  "Alamat: JL. ANGGREK NO. 11 | RT: 003 | RW: 012 | Desa/Kel.: ... | Kec.: ..."), the pairs separated by
  bars, semicolons or wide spaces and wrapping where the line ends, the section's title on a line of its
  own or RUN IN at the paragraph's head ("DAERAH TUJUAN: Alamat: ..."); the members moving as a run-on
  list ("1. NAMA (NIK ..., ANAK)") or a table.

Faces: round 8-12's PDF sheets drawn by pdfium (Times, Helvetica, Helvetica Narrow and Light, Courier,
Bookman, New Century Schoolbook, Palatino, Utopia, Avant Garde and their italics); stamps and signatures as
`variety.Page` draws them. Names on the akta and the KTP pages sometimes carry an apostrophe ("MA'RUF",
"NUR'AINI"); the akta prints names without academic titles. Every page is an 8-bit grey image (`upload`
None). Ground truths are normalised as the older layouts' are (the same keys per type, built by the same
helpers); a key a page does not print is left out. These layouts exist to measure: nothing that reads the
documents may be tuned to them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PIL import Image, ImageDraw

from tools.docgen.render import RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _kk_truth,
    _ktp_truth,
    _move,
    _skpwni_truth,
    move_class,
    number_words,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round4 import _DAYS
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round7 import _members
from tools.docgen.variety_round8 import PdfSheet, _page_of, _token
from tools.docgen.variety_round9 import _prose
from tools.docgen.variety_round10 import (
    _GLOSS_FACES,
    Cells,
    Faces,
    _apostrophe,
    _cells,
    _choice_text,
    _date,
    _emblem,
    _kop,
    _members_table,
    _paper,
    _split,
)
from tools.docgen.variety_round11 import _TTE, _date11, _grid, _label_lines, _plain, _untitled
from tools.docgen.variety_round12 import _centre_grey, _signature_block
from tools.synthetic.residents import Family, Person

# --- small helpers ----------------------------------------------------------------------------------------

_LAST_DAY = date(2026, 10, 30)  # nothing is printed after the bench's "today"


def _after(day: date, rng: random.Random, lo: int, hi: int) -> date:
    """A day `lo`-`hi` days after `day`, never after the bench's today."""
    return min(day + timedelta(days=rng.randint(lo, hi)), _LAST_DAY)


def _flush_right(s: PdfSheet, xr: float, y: float, text: str, size: float, face: str, room: float) -> None:
    """`text` ending at xr, squeezed into `room` when wider."""
    w = s.width(text, size, face)
    s.text(xr - min(w, room), y, text, size, face, max_w=room)


def _fitted_size(
    draw: Callable[[PdfSheet, float], float], w: float, h: float, size: float, room: float
) -> float:
    """The largest size (from `size` down, in quarter points, not under 5.6) at which `draw` on a scratch
    sheet ends within `room` points of where it starts (`draw` starts at 0 and returns its end)."""
    while size > 5.6 and draw(PdfSheet(w, h), size) > room:
        size -= 0.25
    return size


def _natural_width(
    s: PdfSheet, titles: Sequence[str], rows: Sequence[Sequence[str]], size: float, faces: Faces
) -> float:
    """How wide `_grid` would like a table: each column its widest cell or title word, padded."""
    face, bold = faces
    total = 0.0
    for i, title in enumerate(titles):
        cells = [s.width(r[i], size, face) for r in rows]
        words = [s.width(w, size - 0.3, bold) for w in title.split()]
        total += max(cells + words) + 4.8
    return total


def _dinas_ink(pg: Page, k: float, x: float, y: float, place: str, rng: random.Random) -> None:
    """The wet signature and the Dinas's round stamp over a signature block at (x, y) (pt)."""
    pg.signature((x + 20) * k, y * k, 110 * k, 32 * k)
    pg.stamp((x + rng.uniform(-8, 20)) * k, (y + rng.uniform(8, 18)) * k, 40 * k, "DISDUKCAPIL|" + place[:13])


# --- KK: the header as a grid of label/value pairs, the members transposed (a column per member) ----------

_LAJUR_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("Nama Lengkap", "Nama")),
    ("nik", ("NIK", "Nomor Induk Kependudukan")),
    ("sex", ("Jenis Kelamin",)),
    ("place_of_birth", ("Tempat Lahir",)),
    ("birth_date", ("Tanggal Lahir", "Tgl. Lahir")),
    ("religion", ("Agama",)),
    ("education", ("Pendidikan", "Pendidikan Terakhir")),
    ("occupation", ("Jenis Pekerjaan", "Pekerjaan")),
    ("blood_type", ("Golongan Darah", "Gol. Darah")),
    ("marital_status", ("Status Perkawinan",)),
    ("marriage_date", ("Tanggal Perkawinan", "Tgl. Perkawinan")),
    ("relationship", ("Status Hubungan Dalam Keluarga", "Hubungan Keluarga", "SHDK")),
    ("citizenship", ("Kewarganegaraan",)),
    ("passport_number", ("No. Paspor", "Nomor Paspor")),
    ("kitap_number", ("No. KITAP", "No. KITAS/KITAP")),
    ("father_name", ("Nama Ayah",)),
    ("mother_name", ("Nama Ibu",)),
)


def _pair_grid(
    s: PdfSheet,
    x0: float,
    x1: float,
    y: float,
    pairs: Sequence[tuple[str, str, int]],
    size: float,
    faces: Faces,
    vface: str,
    shade: float,
) -> float:
    """A ruled grid of (label, value) pairs two to a row, each label in a shaded cell with its value in the
    cell beside it; a pair of span 2 takes a whole row, a lone pair at a row's end stretches. The y under
    it."""
    face, _ = faces
    lw = max(s.width(label, size, face) for label, _, _ in pairs) + 10
    half = (x1 - x0) / 2
    row_h = size + 8
    rows: list[list[tuple[str, str]]] = [[]]
    for label, value, span in pairs:
        if span == 2:
            rows += [[(label, value)], []]
            continue
        if len(rows[-1]) == 2:
            rows.append([])
        rows[-1].append((label, value))
    rows = [r for r in rows if r]
    top = y
    for row in rows:
        for j, (label, value) in enumerate(row):
            cx = x0 + j * half
            cw = half if len(row) == 2 else x1 - cx
            if shade < 1:
                s.box(cx, y, lw, row_h, shade)
            s.text(cx + 4, y + 4.2, label, size, face, max_w=lw - 7)
            s.text(cx + lw + 5, y + 4.2, value, size, vface, max_w=cw - lw - 10)
            s.line(cx, y, cx, y + row_h, 0.6)
            s.line(cx + lw, y, cx + lw, y + row_h, 0.45)
        s.line(x0, y, x1, y, 0.6)
        y += row_h
    s.line(x0, y, x1, y, 0.8)
    s.line(x1, top, x1, y, 0.6)
    return y


def _transposed(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    labels: Sequence[str],
    columns: Sequence[Sequence[str]],
    heads: Sequence[str],
    corner: str,
    size: float,
    faces: Faces,
    *,
    label_w: float,
    shade: float,
    zebra: bool,
) -> float:
    """A ruled table whose rows are the items (labels in the left column) and whose columns are the members,
    each cell wrapped inside its column. The y under it."""
    face, bold = faces
    pad, lead = 2.6, size + 1.8
    colw = (x1 - x0 - label_w) / max(1, len(columns))
    head_h = size + 8
    if shade < 1:
        s.box(x0, y0, x1 - x0, head_h, shade)
    if corner:
        s.centre(y0 + 4, corner, size, bold, x0, x0 + label_w)
    for j, head in enumerate(heads):
        s.centre(y0 + 4, head, size, bold, x0 + label_w + j * colw, x0 + label_w + (j + 1) * colw)
    y = y0 + head_h
    s.line(x0, y0, x1, y0, 0.9)
    s.line(x0, y, x1, y, 0.8)
    for i, label in enumerate(labels):
        cells = [_split(s, col[i], size, face, colw - 2 * pad) for col in columns]
        lab = _split(s, label, size, face, label_w - 2 * pad)
        h = max(len(lines) for lines in [*cells, lab]) * lead + 4
        if zebra and i % 2 == 1:
            s.box(x0, y, x1 - x0, h, 0.94)
        for k, line in enumerate(lab):
            s.text(x0 + pad, y + 2.8 + k * lead, line, size, face, max_w=label_w - 2 * pad)
        for j, lines in enumerate(cells):
            cx = x0 + label_w + j * colw
            for k, line in enumerate(lines):
                s.text(cx + pad, y + 2.8 + k * lead, line, size, face, max_w=colw - 2 * pad)
        y += h
        s.line(x0, y, x1, y, 0.35 if i < len(labels) - 1 else 0.9)
    for j in range(len(columns) + 1):
        s.line(x0 + label_w + j * colw, y0, x0 + label_w + j * colw, y, 0.5)
    s.line(x0, y0, x0, y, 0.7)
    return y


def _kk_foot(
    s: PdfSheet,
    family: Family,
    faces: Faces,
    y: float,
    x_left: float,
    bx: tuple[float, float],
    issued: str | None,
    rng: random.Random,
) -> Callable[[Page, float], None]:
    """The KK's foot from y: "Dikeluarkan Tanggal" (when `issued`), the head of family's and the Dinas's
    blocks (a wet or an electronic signature). Returns what to ink on the rendered page (its scale)."""
    face, bold = faces
    fsize = 8.8
    if issued:
        s.text(
            x_left,
            y,
            rng.choice(("Dikeluarkan Tanggal", "Tanggal Dikeluarkan")) + " : " + issued,
            fsize,
            face,
        )
    s.centre(y + 16, "KEPALA KELUARGA", fsize, face, x_left, x_left + 190)
    s.centre(y + 74, family.head.name, fsize, bold, x_left, x_left + 190)
    sign_y, tte = _signature_block(s, bx[0], bx[1], y + 16, _region(family.regency_code), faces, fsize, rng)
    if tte:  # the TTE sentence under the blocks, across the sheet
        s.text(x_left - 10, y + 4 * fsize + 84, rng.choice(_TTE), 6.6, face, max_w=s.w - 2 * x_left)
    place = _issue_place(family)
    shift = rng.uniform(30, 60)

    def ink(pg: Page, k: float) -> None:
        pg.signature((x_left + 50) * k, (y + 32) * k, 90 * k, 28 * k)
        if not tte:
            cx = (bx[0] + bx[1]) / 2
            pg.signature((cx - 50) * k, sign_y * k, 110 * k, 34 * k)
            pg.stamp((cx - shift) * k, (sign_y + 18) * k, 40 * k, "DISDUKCAPIL|" + place[:13])

    return ink


def kk_lajur_anggota(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK whose members are columns (the items as rows down a label column), the header a grid of
    label/value pairs."""
    n = len(family.members)
    portrait = n > 5 or rng.random() < 0.45
    w, h = (609.4, 935.4) if portrait else rng.choice(((842.0, 595.0), (935.4, 609.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"), ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.55 else face
    m = rng.uniform(24, 32)
    x0, x1 = m, w - m
    y = m + rng.uniform(0, 6)
    s.centre(y, "KARTU KELUARGA", rng.uniform(15, 17.5), bold)
    s.centre(y + 21, rng.choice(("No. ", "NO. ", "Nomor : ")) + family.kk_number, rng.uniform(11, 12.5), bold)
    y += 44
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash", "long-title", "long")))
    wide_address = rng.random() < 0.5
    pairs: list[tuple[str, str, int]] = [
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), family.head.name, 1),
        (rng.choice(("Alamat", "Alamat Rumah")), family.address, 2 if wide_address else 1),
    ]
    pairs += (
        [("RT/RW", f"{family.rt}/{family.rw}", 1)]
        if rng.random() < 0.5
        else [("RT", family.rt, 1), ("RW", family.rw, 1)]
    )
    pairs += [
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa", "Desa/Kel")), _region(family.village_code), 1),
        ("Kecamatan", _region(family.district_code), 1),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code), 1),
        ("Provinsi", _region(family.province_code), 1),
        ("Kode Pos", family.postal_code, 1),
    ]
    issue_in_head = rng.random() < 0.35
    if issue_in_head:
        pairs.append((rng.choice(("Tanggal Dikeluarkan", "Tgl. Dikeluarkan")), issued, 1))
    hsize = rng.uniform(8.4, 9.2)
    y = _pair_grid(s, x0, x1, y, pairs, hsize, faces, vface, rng.choice((0.88, 0.92, 1.0))) + rng.uniform(
        10, 16
    )
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dash", "long"))
    rows = [_cells(p, style) for p in family.members]
    items = [(key, rng.choice(titles)) for key, titles in _LAJUR_ROWS]
    if rng.random() < 0.4:  # the NIK first
        items[0], items[1] = items[1], items[0]
    merged = rng.random() < 0.3  # place and date of birth in one row
    keyed: list[tuple[str, str]] = []
    for key, title in items:
        if merged and key == "place_of_birth":
            keyed.append(("born", rng.choice(("Tempat, Tanggal Lahir", "Tempat/Tgl. Lahir"))))
        elif not (merged and key == "birth_date"):
            keyed.append((key, title))
    numbered = rng.random() < 0.5
    labels = [f"{i + 1}. {t}" if numbered else t for i, (_, t) in enumerate(keyed)]

    def cell(c: Cells, key: str) -> str:
        return f"{c['place_of_birth'][0]}, {c['birth_date'][0]}" if key == "born" else c[key][0]

    head_style = rng.choice(("Anggota ke-{}", "{}", "No. {}", "({})", "Anggota {}"))
    corner = rng.choice(("Uraian", "Keterangan", "Data Anggota", ""))
    per_block = (4 if portrait else 5) if n > (4 if portrait else 5) else n
    blocks = [list(range(i, min(n, i + per_block))) for i in range(0, n, per_block)]
    if len(blocks) > 1 and len(blocks[-1]) < per_block:  # even blocks: 7 as 4 + 3, 5 as 3 + 2
        per_block = -(-n // len(blocks))
        blocks = [list(range(i, min(n, i + per_block))) for i in range(0, n, per_block)]
    shade = rng.choice((1.0, 0.9, 0.86))
    zebra = rng.random() < 0.3
    titled = rng.random() < 0.6
    gap = rng.uniform(10, 14)

    def draw(sheet: PdfSheet, size: float, top: float = 0.0) -> float:
        yy = top
        label_w = max(sheet.width(t, size, face) for t in labels) + 8
        label_w = min(label_w, (x1 - x0) * 0.3)
        for b, block in enumerate(blocks):
            if b:
                yy += gap
            yy = _transposed(
                sheet, x0, x1, yy, labels, [[cell(rows[i], k) for k, _ in keyed] for i in block],
                [head_style.format(i + 1) for i in block], corner, size, faces,
                label_w=label_w, shade=shade, zebra=zebra,
            )  # fmt: skip
        return yy

    if titled:
        s.text(
            x0,
            y,
            rng.choice(("DAFTAR ANGGOTA KELUARGA", "ANGGOTA KELUARGA", "Data Anggota Keluarga")),
            9.5,
            bold,
        )
        y += 16
    size = _fitted_size(draw, w, h, rng.uniform(7.6, 8.4), h - m - 136 - y)
    y = draw(s, size, y) + rng.uniform(10, 14)
    ink = _kk_foot(s, family, faces, y, x0 + 10, (w * 0.58, x1), None if issue_in_head else issued, rng)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    ink(pg, k)
    page = _paper(pg.img, rng.randint(244, 253))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-lajur-anggota")


# --- KK: the header with dotted leaders, the members in three narrower tables ---------------------------------

_TABLE_A: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nik", ("NIK",)),
    ("name", ("Nama Lengkap",)),
    ("sex", ("Jenis Kelamin", "L/P")),
    ("place_of_birth", ("Tempat Lahir",)),
    ("birth_date", ("Tanggal Lahir",)),
    ("religion", ("Agama",)),
)
_TABLE_B: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("education", ("Pendidikan", "Pendidikan Terakhir")),
    ("occupation", ("Jenis Pekerjaan", "Pekerjaan")),
    ("blood_type", ("Gol. Darah", "Golongan Darah")),
    ("marital_status", ("Status Perkawinan", "Status Kawin")),
    ("marriage_date", ("Tanggal Perkawinan", "Tgl. Kawin")),
)
_TABLE_C: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("relationship", ("Status Hubungan Dalam Keluarga", "Hubungan Keluarga", "SHDK")),
    ("citizenship", ("Kewarganegaraan", "Warga Negara")),
    ("passport_number", ("No. Paspor",)),
    ("kitap_number", ("No. KITAP",)),
    ("father_name", ("Nama Ayah",)),
    ("mother_name", ("Nama Ibu",)),
)
_TABLE_TITLES = (
    ("A. IDENTITAS", "B. PENDIDIKAN, PEKERJAAN DAN PERKAWINAN", "C. HUBUNGAN KELUARGA DAN ORANG TUA"),
    ("Tabel 1", "Tabel 2", "Tabel 3"),
    ("I. DATA DIRI", "II. DATA PENDIDIKAN DAN STATUS", "III. DATA KELUARGA DAN DOKUMEN"),
)


def _leader_lines(
    s: PdfSheet,
    x: float,
    y: float,
    items: Sequence[tuple[str, str]],
    size: float,
    face: str,
    vface: str,
    colon: float,
    right: float,
    step: float,
    dash: str,
) -> float:
    """`label ....... : value` lines, the dots running from the label to the colon. The y under them."""
    for label, value in items:
        end = s.text(x, y, label, size, face, max_w=colon - x - 8)
        base = y + size * 0.7
        s.line(end + 2.5, base, colon - 3, base, 0.6, 0.15, dash=dash)
        s.text(colon, y, ":", size, face)
        s.text(colon + 6, y, value, size, vface, max_w=right - colon - 6)
        y += step
    return y


def kk_tiga_tabel(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK whose header has dotted leaders to its colons and whose members stand in three narrower
    tables (the second and third side by side, or all three stacked)."""
    w, h = rng.choice(((842.0, 595.0), (935.4, 609.4)))
    s = PdfSheet(w, h)
    face, italic, bold = rng.choice(_GLOSS_FACES)
    faces: Faces = (face, bold)
    vface = bold if rng.random() < 0.5 else face
    m = rng.uniform(22, 30)
    x0, x1 = m, w - m
    y = m + rng.uniform(0, 4)
    s.centre(y, "KARTU KELUARGA", rng.uniform(15, 17), bold)
    s.centre(y + 20, rng.choice(("No. ", "NO. ", "Nomor ")) + family.kk_number, rng.uniform(11, 12.5), bold)
    y += 40
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash", "long-title")))
    rtrw = rng.random() < 0.6
    left: list[tuple[str, str]] = [
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), family.head.name),
        ("Alamat", family.address),
    ]
    left += [("RT/RW", f"{family.rt}/{family.rw}")] if rtrw else [("RT", family.rt), ("RW", family.rw)]
    left.append(("Kode Pos", family.postal_code))
    right: list[tuple[str, str]] = [
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")), _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code)),
        ("Provinsi", _region(family.province_code)),
    ]
    if rng.random() < 0.5:  # the postal code at the right column's foot
        right.append(left.pop())
    issue_in_head = rng.random() < 0.4
    if issue_in_head:
        right.append((rng.choice(("Tanggal Dikeluarkan", "Dikeluarkan Tanggal")), issued))
    hsize = rng.uniform(8.6, 9.4)
    step = hsize + rng.uniform(4, 5.5)
    dash = rng.choice(("0.6 2", "0.5 1.6", "1 2"))
    mid = (x0 + x1) / 2 + rng.uniform(-10, 30)
    cl = x0 + 10 + max(s.width(lb, hsize, face) for lb, _ in left) + rng.uniform(22, 50)
    cr = mid + max(s.width(lb, hsize, face) for lb, _ in right) + rng.uniform(22, 50)
    end_l = _leader_lines(s, x0 + 10, y, left, hsize, face, vface, cl, mid - 14, step, dash)
    end_r = _leader_lines(s, mid, y, right, hsize, face, vface, cr, x1 - 4, step, dash)
    y = max(end_l, end_r) + rng.uniform(6, 10)
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dash"))
    rows = [_cells(p, style) for p in family.members]
    t_a = [(key, rng.choice(titles)) for key, titles in _TABLE_A]
    if rng.random() < 0.5:  # the name first
        t_a[0], t_a[1] = t_a[1], t_a[0]
    t_b = [(key, rng.choice(titles)) for key, titles in _TABLE_B]
    t_c = [(key, rng.choice(titles)) for key, titles in _TABLE_C]
    side = len(rows) > 4 or rng.random() < 0.6
    names = rng.choice(_TABLE_TITLES)
    numbered = rng.random() < 0.4
    key_col = rng.random() < 0.3  # the member's name again beside the number in tables B and C
    tface = rng.choice((bold, italic))
    shade = rng.choice((1.0, 0.9))
    tables: list[tuple[list[str], list[list[str]]]] = []
    for n_t, table in enumerate((t_a, t_b, t_c)):
        titles = ["No", *(["Nama"] if key_col and n_t else []), *[t for _, t in table]]
        body = [
            [str(i + 1), *([c["name"][0]] if key_col and n_t else []), *[c[k][0] for k, _ in table]]
            for i, c in enumerate(rows)
        ]
        tables.append((titles, body))

    def numbers(count: int, first: int) -> list[str] | None:
        return [f"({first + i})" for i in range(count)] if numbered else None

    def draw(sheet: PdfSheet, size: float, top: float = 0.0) -> float:
        if side:
            nb = _natural_width(sheet, *tables[1], size, faces)
            nc = _natural_width(sheet, *tables[2], size, faces)
            split = x0 + (x1 - x0 - 16) * nb / (nb + nc)
            spans = [(x0, x1), (x0, split), (split + 16, x1)]
        else:
            spans = [
                (x0, x0 + min(x1 - x0, _natural_width(sheet, titles, body, size, faces) * 1.12 + 20))
                for titles, body in tables
            ]
        first, yy, end = 1, top, top
        for t, ((titles, body), (a, b)) in enumerate(zip(tables, spans, strict=True)):
            sheet.text(a, yy, names[t], size + 1, tface, max_w=b - a)
            end = max(
                end,
                _grid(
                    sheet, a, b, yy + size + 6, titles, body, size, faces,
                    numbers=numbers(len(titles), first), shade=shade,
                ),
            )  # fmt: skip
            first += len(titles)
            if not side or t == 0:
                yy = end + 10
        return end

    size = _fitted_size(draw, w, h, rng.uniform(7.2, 8.0), h - m - 136 - y)
    y = draw(s, size, y) + rng.uniform(10, 14)
    ink = _kk_foot(s, family, faces, y, x0 + 10, (w * 0.6, x1), None if issue_in_head else issued, rng)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    ink(pg, k)
    page = _paper(pg.img, rng.randint(244, 253))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-tiga-tabel")


# --- akta kelahiran: every value on a rule, its label a caption under it -------------------------------------

_CAPTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "number": (("nomor akta kelahiran", "nomor akta", "nomor register akta kelahiran"), "certificate number"),
    "nik": (("nomor induk kependudukan", "NIK"), "personal identification number"),
    "name": (("nama anak", "nama lengkap", "nama"), "name"),
    "place": (("tempat lahir", "tempat kelahiran"), "place of birth"),
    "date": (("tanggal lahir", "hari dan tanggal lahir"), "date of birth"),
    "sex": (("jenis kelamin",), "sex"),
    "order": (("anak ke", "kelahiran ke"), "birth order"),
    "father": (("nama ayah",), "father's name"),
    "mother": (("nama ibu",), "mother's name"),
    "issue_place": (("dikeluarkan di", "tempat dikeluarkan"), "issued at"),
    "issue_date": (("pada tanggal", "tanggal dikeluarkan"), "date of issue"),
}


def _slot(
    s: PdfSheet,
    x0: float,
    x1: float,
    y: float,
    value: str,
    caption: str,
    vsize: float,
    vface: str,
    csize: float,
    cface: str,
    rule: str,
) -> float:
    """`value` centred on a rule over [x0, x1], `caption` centred under the rule; the y under the caption."""
    size = s.fit(value, vsize, vface, x1 - x0 - 8)
    s.text((x0 + x1 - s.width(value, size, vface)) / 2, y, value, size, vface)
    ry = y + vsize * 0.72 + 4.5
    if rule == "dots":
        s.line(x0, ry, x1, ry, 0.7, 0.1, dash="0.6 1.8")
    elif rule == "dash":
        s.line(x0, ry, x1, ry, 0.5, 0.2, dash="3 2")
    else:
        s.line(x0, ry, x1, ry, 0.55, 0.15)
    _centre_grey(s, ry + 3.2, caption, csize, cface, x0, x1, 0.2)
    return ry + 3.2 + csize


def akta_keterangan_bawah(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan whose values stand centred on rules, each label a small caption under its rule; two slots
    share a line on some."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    face, italic, bold = rng.choice(_GLOSS_FACES)
    vface = bold if rng.random() < 0.8 else face
    cface = italic if rng.random() < 0.65 else face
    regency = _region(family.regency_code)
    m = rng.uniform(50, 62)
    if rng.random() < 0.7:
        s.rect(m - 24, m - 24, w - 2 * (m - 24), h - 2 * (m - 24), 1.6)
        if rng.random() < 0.5:
            s.rect(m - 19, m - 19, w - 2 * (m - 19), h - 2 * (m - 19), 0.5)
    number = akta_number(family, p, serial)
    y = m + 58
    s.centre(y, "REPUBLIK INDONESIA", 12.5, bold)
    if rng.random() < 0.55:
        s.centre(y + 16, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 10.5, face)
        s.centre(y + 29, regency, 10.5, face)
        y += 29
    else:
        s.centre(y + 16, "PENCATATAN SIPIL", 11, face)
        y += 16
    y += 26
    s.centre(y, rng.choice(("KUTIPAN AKTA KELAHIRAN", "AKTA KELAHIRAN")), 17, bold)
    y += 26
    number_slot = rng.random() < 0.7
    if not number_slot:
        s.centre(y, "No. " + number, 11, face)
        y += 28
    english = rng.random() < 0.35
    case = rng.choice(("lower", "title", "lower", "upper"))
    brackets = rng.random() < 0.3
    rule = rng.choice(("solid", "dots", "dash", "solid"))
    csize = rng.uniform(7.2, 8.2)
    vsize = rng.uniform(10.8, 12.2)

    def caption(key: str) -> str:
        words, en = _CAPTIONS[key]
        text = rng.choice(words)
        if text != "NIK":
            text = {"lower": text, "title": text.title(), "upper": text.upper()}[case]
        if english:
            text = f"{text} / {en}"
        return f"({text})" if brackets else text

    if rng.random() < 0.5:
        y = _prose(
            s, m, y, w - 2 * m,
            [(rng.choice(("Menurut Register Akta Kelahiran telah dicatat kelahiran sebagai berikut:",
                          "Berdasarkan Register Akta Kelahiran, dengan ini diterangkan:")), face)],
            10, 14,
        ) + 6  # fmt: skip
    with_nik = rng.random() < 0.7
    order = rng.randint(1, 5)
    born_style = rng.choice(
        ("words", "long", "long-title", "dmy-dash", "digits-words", "weekday", "day-digits")
    )
    born = (
        f"{_DAYS[p.birth_date.weekday()]}, {p.birth_date:%d-%m-%Y}"
        if born_style == "day-digits"
        else _date11(p.birth_date, born_style)
    )
    line_gap = rng.uniform(12, 18) + (h - 842) * 0.04
    x_in0, x_in1 = m, w - m
    single = rng.uniform(0.6, 0.85) * (x_in1 - x_in0)
    cx = (x_in0 + x_in1) / 2
    lines: list[list[tuple[str, str, float]]] = []  # slots on one line: (value, caption, size)
    if number_slot:
        lines.append([(number, caption("number"), vsize - 0.5)])
    if with_nik:
        lines.append([(p.nik, caption("nik"), vsize)])
    lines.append([(p.name, caption("name"), vsize + 3)])
    place = (p.place_of_birth, caption("place"), vsize)
    when = (born, caption("date"), vsize)
    birth_lines = [[place, when]] if len(born) <= 26 and rng.random() < 0.7 else [[place], [when]]
    ordinal = rng.choice((str(order), number_words(order), f"{order} ({number_words(order).lower()})"))
    sex = (_sex(p), caption("sex"), vsize)
    sex_lines = [[sex, (ordinal, caption("order"), vsize)]] if rng.random() < 0.6 else [[sex]]
    parents = [(p.father_name, caption("father"), vsize), (p.mother_name, caption("mother"), vsize)]
    parent_lines = [parents] if rng.random() < 0.5 else [[parents[0]], [parents[1]]]
    body = [*birth_lines, *sex_lines] if rng.random() < 0.6 else [*sex_lines, *birth_lines]
    lines += [*body, *parent_lines]
    for slots in lines:
        if len(slots) == 1:
            value, cap, size = slots[0]
            end = _slot(s, cx - single / 2, cx + single / 2, y, value, cap, size, vface, csize, cface, rule)
        else:
            gap = 24.0
            half = (x_in1 - x_in0 - gap) / 2
            end = y
            for i, (value, cap, size) in enumerate(slots):
                a = x_in0 + i * (half + gap)
                end = max(end, _slot(s, a, a + half, y, value, cap, size, vface, csize, cface, rule))
        y = end + line_gap
    y = max(y + 8, h * 0.62)
    place_name = _issue_place(family).title()
    registered = max(family.issue_date, p.birth_date + timedelta(days=rng.randint(5, 120)))
    issued = _date(registered, rng.choice(("long-title", "long", "dmy-dash", "long-pad")))
    bx0, bx1 = w * 0.5, w - m
    for value, key in ((place_name, "issue_place"), (issued, "issue_date")):
        y = _slot(s, bx0, bx1, y, value, caption(key), 10, face, csize, cface, rule) + 8
    title_y = y + 4
    if rng.random() < 0.5:
        s.centre(title_y, "Pejabat Pencatatan Sipil,", 10, bold, bx0, bx1)
    else:
        s.centre(title_y, "KEPALA DINAS KEPENDUDUKAN DAN", 9.5, bold, bx0, bx1)
        s.centre(title_y + 12, "PENCATATAN SIPIL " + regency, 9.5, bold, bx0, bx1)
    tte = rng.random() < 0.3
    if tte:
        s.qr(m, title_y - 4, 60, f"https://e-akta.dukcapil.go.id/v/{_token(rng, 20)}")
        s.text(m, title_y + 62, "Ditandatangani secara elektronik", 7, face)
    s.centre(title_y + 76, rng.choice(_OFFICIALS), 10, bold, bx0, bx1)
    s.centre(title_y + 88, "NIP. " + _nip(rng), 8.5, face, bx0, bx1)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), w / 2 * k, (m + 26) * k, 24 * k, 90)
    pg = _page_of(img, rng)
    if not tte:
        _dinas_ink(pg, k, (bx0 + bx1) / 2 - 60, title_y + 34, _issue_place(family), rng)
    page = _paper(pg.img, rng.randint(240, 252))
    truth = _akta_truth(number, p, nik=with_nik)
    return RenderedDocument("akta", page, truth, layout="akta-keterangan-bawah")


# --- akta kelahiran: a matrix whose columns are the child, the father and the mother ------------------------


def _relative(family: Family, name: str) -> Person | None:
    """The family member a parent's name names (titles aside), if the family card has them."""
    return next((mem for mem in family.members if _plain(mem.name) == name), None)


def akta_kolom_orang(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The entry as a matrix: the persons (child, father, mother) as columns, the attributes as rows."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    father, mother = _relative(family, p.father_name), _relative(family, p.mother_name)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"),
         ("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("utopia", "utopia-bold"),
         ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    regency = _region(family.regency_code)
    m = rng.uniform(44, 56)
    x0, x1 = m, w - m
    number = akta_number(family, p, serial)
    where = rng.choice(("title", "corner", "line"))
    if where == "corner":
        s.right(x1, m - 10, "No. " + number, 9.5, face)
    y = m + 56
    s.centre(y, "REPUBLIK INDONESIA", 12.5, bold)
    s.centre(y + 16, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 11, face)
    s.centre(y + 30, regency, 11, face)
    y += 58
    title, what = rng.choice(
        (("KUTIPAN AKTA KELAHIRAN", "Kutipan"), ("PETIKAN REGISTER AKTA KELAHIRAN", "Petikan"),
         ("DATA AKTA KELAHIRAN", "Data"))
    )  # fmt: skip
    s.centre(y, title, 15.5, bold)
    y += 22
    if where == "title":
        s.centre(y, "Nomor : " + number, 11, face)
        y += 18
    y += 12
    size = rng.uniform(9.6, 10.6)
    if rng.random() < 0.6:
        y = _prose(
            s, x0, y, x1 - x0,
            [(rng.choice(("Berdasarkan Register Akta Kelahiran telah dicatat kelahiran dengan data sebagai "
                          "berikut:", "Dengan ini diterangkan bahwa dalam Register Akta Kelahiran tercatat:")),
              face)],
            size, size + 5,
        ) + 6  # fmt: skip
    if where == "line":
        s.text(x0, y, rng.choice(("Nomor Akta Kelahiran", "No. Akta")), size, face)
        s.text(x0 + 120, y, ": " + number, size, bold)
        y += size + 12
    style = rng.choice(("dmy-dash", "long", "long-title", "dmy-slash", "digits-words"))

    def dob(who: Person | None) -> str:
        return _date11(who.birth_date, style) if who else "-"

    with_nik = rng.random() < 0.75
    order = rng.randint(1, 5)
    rows: list[tuple[str, str, str, str]] = []  # (label, child, father, mother)
    if with_nik:
        rows.append(
            (rng.choice(("NIK", "Nomor Induk Kependudukan")), p.nik,
             father.nik if father else "-", mother.nik if mother else "-")
        )  # fmt: skip
    rows.append((rng.choice(("Nama", "Nama Lengkap")), p.name, p.father_name, p.mother_name))
    if rng.random() < 0.4:  # the name first
        rows.reverse()
    if rng.random() < 0.3:
        rows.append(
            (rng.choice(("Tempat, Tanggal Lahir", "Tempat/Tgl. Lahir")),
             f"{p.place_of_birth}, {dob(p)}",
             f"{father.place_of_birth}, {dob(father)}" if father else "-",
             f"{mother.place_of_birth}, {dob(mother)}" if mother else "-")
        )  # fmt: skip
    else:
        rows += [
            ("Tempat Lahir", p.place_of_birth, father.place_of_birth if father else "-",
             mother.place_of_birth if mother else "-"),
            ("Tanggal Lahir", dob(p), dob(father), dob(mother)),
        ]  # fmt: skip
    sex_row = ("Jenis Kelamin", _sex(p), "LAKI-LAKI", "PEREMPUAN")
    if rng.random() < 0.5:
        rows.insert(len(rows) - (1 if len(rows) > 3 else 0), sex_row)
    else:
        rows.append(sex_row)
    if rng.random() < 0.7:
        rows.append(
            ("Kewarganegaraan", p.citizenship, father.citizenship if father else "WNI",
             mother.citizenship if mother else "WNI")
        )  # fmt: skip
    blank = rng.choice(("-", ""))
    rows.append(("Anak Ke", rng.choice((str(order), f"{order} ({number_words(order)})")), blank, blank))
    heads = rng.choice(
        (("ANAK", "AYAH", "IBU"), ("DATA ANAK", "DATA AYAH", "DATA IBU"), ("Anak", "Ayah Kandung", "Ibu Kandung"),
         ("BAYI/ANAK", "AYAH", "IBU"))
    )  # fmt: skip
    mother_first = rng.random() < 0.25
    corner = rng.choice(("URAIAN", "KETERANGAN", "Data", "No. / Uraian"))
    numbered = rng.random() < 0.4
    titles = [corner, heads[0], *((heads[2], heads[1]) if mother_first else (heads[1], heads[2]))]
    body = [
        [f"{i + 1}. {label}" if numbered else label, c, *((mo, fa) if mother_first else (fa, mo))]
        for i, (label, c, fa, mo) in enumerate(rows)
    ]
    y = _grid(
        s, x0, x1, y, titles, body, size - 0.6, faces,
        shares=(0.22, 0.27, 0.255, 0.255), shade=rng.choice((1.0, 0.9, 0.85)),
    ) + 14  # fmt: skip
    y = _prose(
        s, x0, y, x1 - x0, [(f"{what} ini dikeluarkan sesuai dengan data dalam Register Akta Kelahiran.", face)],
        size - 0.8, size + 4,
    ) + 16  # fmt: skip
    y = max(y, h * 0.6)
    bx = w * rng.uniform(0.5, 0.56)
    place_name = _issue_place(family).title()
    registered = max(family.issue_date, p.birth_date + timedelta(days=rng.randint(5, 120)))
    issued = _date(registered, rng.choice(("long-title", "long", "dmy-dash")))
    for i, (label, value) in enumerate((("Dikeluarkan di", place_name), ("Pada tanggal", issued))):
        s.text(bx, y + i * 14, label, 9.5, face)
        s.text(bx + 74, y + i * 14, ": " + value, 9.5, face, max_w=x1 - bx - 74)
    y += 34
    s.text(bx, y, "KEPALA DINAS KEPENDUDUKAN DAN", 9.5, bold)
    s.text(bx, y + 12, "PENCATATAN SIPIL " + regency, 9, bold, max_w=x1 - bx)
    tte = rng.random() < 0.35
    if tte:
        s.qr(x0, y - 8, 62, f"https://e-akta.dukcapil.go.id/v/{_token(rng, 20)}")
        s.text(x0, y + 58, "Dokumen ini ditandatangani secara elektronik", 7, face)
    s.text(bx, y + 76, rng.choice(_OFFICIALS), 9.5, bold, max_w=x1 - bx)
    s.text(bx, y + 88, "NIP. " + _nip(rng), 8.5, face)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), w / 2 * k, (m + 24) * k, 24 * k, 90)
    pg = _page_of(img, rng)
    if not tte:
        _dinas_ink(pg, k, bx, y + 34, _issue_place(family), rng)
    page = _paper(pg.img, rng.randint(240, 252))
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-kolom-orang")


# --- KTP-el: a card-reading terminal's thermal receipt -----------------------------------------------------

_MERCHANTS = (
    "KANTOR POS {}", "KOPERASI SIMPAN PINJAM {}", "AGEN LAYANAN KEUANGAN", "BPR ARTHA {}", "RSUD {}",
    "PEGADAIAN CABANG {}", "KSP SEJAHTERA {}", "LOKET PELAYANAN TERPADU",
)  # fmt: skip
_RECEIPT_LABELS: tuple[tuple[str, str, str], ...] = (  # (key, narrow roll, wide roll)
    ("nik", "NIK", "NIK"),
    ("name", "NAMA", "NAMA LENGKAP"),
    ("place", "TMP LAHIR", "TEMPAT LAHIR"),
    ("born", "TGL LAHIR", "TANGGAL LAHIR"),
    ("sex", "JNS KELAMIN", "JENIS KELAMIN"),
    ("blood", "GOL DARAH", "GOL. DARAH"),
    ("address", "ALAMAT", "ALAMAT"),
    ("rtrw", "RT/RW", "RT/RW"),
    ("village", "KEL/DESA", "KELURAHAN/DESA"),
    ("district", "KECAMATAN", "KECAMATAN"),
    ("regency", "KAB/KOTA", "KABUPATEN/KOTA"),
    ("province", "PROVINSI", "PROVINSI"),
    ("religion", "AGAMA", "AGAMA"),
    ("marital", "STS KAWIN", "STATUS PERKAWINAN"),
    ("occupation", "PEKERJAAN", "PEKERJAAN"),
    ("citizenship", "WARGANEGARA", "KEWARGANEGARAAN"),
    ("valid", "BERLAKU", "BERLAKU HINGGA"),
)


def _wrap_chars(text: str, room: int) -> list[str]:
    """`text` broken at spaces into lines of at most `room` characters (a longer word cut at a slash, or
    at `room`)."""
    words: list[str] = []
    for whole in text.split():
        word = whole
        while len(word) > room:
            cut = word.rfind("/", 0, room) + 1 or room
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    lines: list[str] = []
    cur = ""
    for word in words:
        if cur and len(cur) + 1 + len(word) > room:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return [*lines, cur] if cur else [""]


def _receipt_pair(label: str, value: str, width: int, mode: str, colon: int) -> list[str]:
    """One field on a `width`-character receipt: the value flush right ("right"), after a colon column with
    hanging lines ("colon"), or under its label ("below")."""
    if mode == "right":
        if len(label) + 2 + len(value) <= width:
            return [label + " " * (width - len(label) - len(value)) + value]
        return [label] + [line.rjust(width) for line in _wrap_chars(value, width - 2)]
    if mode == "colon":
        lines = _wrap_chars(value, width - colon - 2)
        return [label.ljust(colon) + ": " + lines[0]] + [" " * (colon + 2) + line for line in lines[1:]]
    return [label + ":"] + ["  " + line for line in _wrap_chars(value, width - 2)]


def ktp_struk_termal(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A card-reading terminal's thermal receipt: monospaced lines, the values flush right at the line's end
    (or after a colon column, or under their labels)."""
    p = _apostrophe(p, rng, 0.15)
    wide = rng.random() < 0.5
    width = rng.choice((42, 48)) if wide else 32
    paper_mm = 80 if wide else 58
    mode = (
        rng.choice(("right", "right", "colon", "below"))
        if width > 32
        else rng.choice(("right", "colon", "below"))
    )
    labels = {key: (w_ if wide else n_) for key, n_, w_ in _RECEIPT_LABELS}
    if rng.random() < 0.3:
        labels = {key: label.title() if len(label) > 4 else label for key, label in labels.items()}
    colon = max(len(v) for v in labels.values()) + 1 if width > 32 else 11
    born = _date(p.birth_date, rng.choice(("dmy-dash", "dmy-slash", "long")))
    province, regency = _region(family.province_code), _region(family.regency_code)
    values = {
        "nik": p.nik, "name": p.name, "place": p.place_of_birth, "born": born, "sex": _sex(p),
        "blood": _blood(p), "address": family.address, "rtrw": f"{family.rt}/{family.rw}",
        "village": _region(family.village_code), "district": _region(family.district_code),
        "regency": regency, "province": province, "religion": p.religion, "marital": p.marital_status,
        "occupation": p.occupation, "citizenship": p.citizenship, "valid": "SEUMUR HIDUP",
    }  # fmt: skip
    order = [key for key, _, _ in _RECEIPT_LABELS]
    if rng.random() < 0.35:  # the address block after the person's status, as some readers list it
        order = [*order[:6], *order[12:16], *order[6:12], "valid"]
    with_valid = rng.random() < 0.7
    if not with_valid:
        order.remove("valid")
    place = _issue_place(family)
    read_on = _after(family.issue_date, rng, 30, 900)
    rule_char = rng.choice(("-", "=", "-"))
    rule = rule_char * width
    merchant = rng.choice(_MERCHANTS).format(place)[:width]
    lines: list[tuple[str, str]] = [  # (text, style): "c" centred, "b" bold centred, "" as it is
        (merchant, "b"),
        (f"JL. {rng.choice(('MERDEKA', 'SUDIRMAN', 'AHMAD YANI', 'PAHLAWAN', 'DIPONEGORO'))} NO. "
         f"{rng.randint(1, 200)}"[:width], "c"),
        (place, "c"),
        (rule, ""),
    ]  # fmt: skip
    clock = f"{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    day = f"{read_on:%d/%m/%Y}"
    lines += [
        *[(x, "") for x in _receipt_pair("TANGGAL", day, width, "right", colon)],
        *[(x, "") for x in _receipt_pair("JAM", clock, width, "right", colon)],
        *[(x, "") for x in _receipt_pair("TID", f"{rng.randint(10**7, 10**8 - 1)}", width, "right", colon)],
        *[(x, "") for x in _receipt_pair("NO. TRX", f"{rng.randint(1, 999999):06d}", width, "right", colon)],
        (rule, ""),
        (rng.choice(("HASIL BACA KTP-EL", "VERIFIKASI KTP-EL", "DATA KTP-EL")), "b"),
        (rule, ""),
    ]
    for key in order:
        lines += [(x, "") for x in _receipt_pair(labels[key], values[key], width, mode, colon)]
        if mode == "below":
            lines.append(("", ""))
    status = rng.choice(("KARTU VALID", "SIDIK JARI COCOK", "VERIFIKASI BERHASIL"))
    lines += [
        (rule, ""),
        (status, "b"),
        (rule, ""),
        ("SIMPAN STRUK INI", "c"),
        ("SEBAGAI BUKTI TRANSAKSI", "c"),
        ("*** TERIMA KASIH ***", "c"),
    ]
    face = rng.choice(("courier", "courier-bold"))
    bface = "courier-bold"
    margin = paper_mm * 72 / 25.4 * rng.uniform(0.05, 0.08)
    pw = paper_mm * 72 / 25.4
    size = (pw - 2 * margin) / (width * 0.6)
    lead = size * rng.uniform(1.18, 1.32)
    qr = rng.random() < 0.5
    top = rng.uniform(14, 24)
    ph = top + len(lines) * lead + (pw * 0.45 if qr else 0) + rng.uniform(24, 40)
    s = PdfSheet(pw, ph)
    y = top
    for text, style in lines:
        if style == "b":
            s.centre(y, text, size, bface, margin, pw - margin)
        elif style == "c":
            s.centre(y, text, size, face, margin, pw - margin)
        elif text:
            s.text(margin, y, text, size, face, max_w=pw - 2 * margin)
        y += lead
    if qr:
        q = pw * 0.38
        s.qr((pw - q) / 2, y + 6, q, f"TRX{_token(rng, 16)}")
    dpi = rng.uniform(240, 300)
    k = dpi / 72
    strip = s.render(dpi)
    strip = strip.point(lambda v: 30 + v * 220 // 255)  # thermal black is a dark grey, the paper near white
    bed_m = (round(rng.uniform(0.06, 0.14) * strip.width), round(rng.uniform(0.02, 0.04) * strip.height))
    bed = Image.new("L", (strip.width + 2 * bed_m[0], strip.height + 2 * bed_m[1]), rng.randint(228, 246))
    mask = Image.new("L", strip.size, 255)
    d = ImageDraw.Draw(mask)
    tooth = max(6, round(3.2 * k))
    for edge_y, sign in ((0, 1), (strip.height - 1, -1)):  # torn (serrated) top and foot
        pts = [(0.0, float(edge_y))]
        for i, x in enumerate(range(0, strip.width + tooth, tooth)):
            pts.append((float(x), float(edge_y + sign * (tooth * 0.7 if i % 2 else 0))))
        pts.append((float(strip.width), float(edge_y)))
        d.polygon(pts, fill=0)
    bed.paste(strip, bed_m, mask)
    truth = _ktp_truth(family, p, province=province, regency=regency)
    if with_valid:
        truth["valid_until"] = "SEUMUR HIDUP"
    return RenderedDocument("ktp", bed, truth, layout="ktp-struk-termal")


# --- KTP-el: a data-access response printed, the fields under database field names ---------------------------

_INSTANSI = (
    "RSUD {}", "BANK PERKREDITAN RAKYAT {}", "KANTOR PERTANAHAN {}", "DINAS SOSIAL {}", "KPU {}",
    "BPJS KESEHATAN CABANG {}", "PT ASURANSI JIWA NUSANTARA",
)  # fmt: skip


def ktp_kunci_nilai(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A printed data-access response for one NIK: database field names as keys, in a monospaced block (JSON,
    KEY = value, a vertical record, or an ASCII table)."""
    p = _apostrophe(p, rng, 0.15)
    w, h = 595.0, 842.0
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("times", "times-bold"), ("narrow", "narrow-bold"),
         ("avantgarde", "avantgarde-demi"))
    )  # fmt: skip
    face, bold = faces
    mono = rng.choice(("courier", "courier-bold", "courier"))
    province, regency = _region(family.province_code), _region(family.regency_code)
    village, district = _region(family.village_code), _region(family.district_code)
    born = rng.choice(
        (p.birth_date.isoformat(), f"{p.birth_date.isoformat()} 00:00:00.0", f"{p.birth_date:%d-%m-%Y}")
    )
    codes = family.village_code.split(".")
    fields: list[tuple[str, str]] = [
        ("NIK", p.nik), ("NO_KK", family.kk_number), ("NAMA_LGKP", p.name), ("TMPT_LHR", p.place_of_birth),
        ("TGL_LHR", born), ("JENIS_KLMIN", _sex(p)), ("GOL_DARAH", _blood(p)), ("AGAMA", p.religion),
        ("STATUS_KAWIN", p.marital_status), ("STAT_HBKEL", p.relationship), ("PDDK_AKH", p.education),
        ("JENIS_PKRJN", p.occupation), ("KEWARGANEGARAAN", p.citizenship), ("ALAMAT", family.address),
        ("NO_RT", family.rt), ("NO_RW", family.rw), ("NO_PROP", codes[0]), ("PROP_NAME", province),
        ("NO_KAB", codes[1]), ("KAB_NAME", regency), ("NO_KEC", codes[2]), ("KEC_NAME", district),
        ("NO_KEL", codes[3]), ("KEL_NAME", village), ("NAMA_LGKP_AYAH", p.father_name),
        ("NAMA_LGKP_IBU", p.mother_name),
    ]  # fmt: skip
    optional = {"NO_KK", "STAT_HBKEL", "PDDK_AKH", "NO_PROP", "NO_KAB", "NO_KEC", "NO_KEL", "NAMA_LGKP_AYAH",
                "NAMA_LGKP_IBU"}  # fmt: skip
    fields = [(k_, v) for k_, v in fields if k_ not in optional or rng.random() < 0.7]
    if rng.random() < 0.3:  # a tool that sorts the keys
        fields.sort()
    fmt = rng.choice(("json", "kv", "vertical", "table"))
    kw = max(len(k_) for k_, _ in fields)
    block: list[str] = []
    if fmt == "json":
        if rng.random() < 0.35:
            block += ["HTTP/1.1 200 OK", "Content-Type: application/json", ""]
        block += ["{", '  "content": [', "    {"]
        for i, (key, value) in enumerate(fields):
            block.append(f'      "{key}": "{value}"' + ("," if i < len(fields) - 1 else ""))
        block += [
            "    }",
            "  ],",
            '  "lastPage": true,',
            '  "numberOfElements": 1,',
            '  "totalElements": 1',
            "}",
        ]
    elif fmt == "kv":
        block += [f"{key.ljust(kw)} = {value}" for key, value in fields]
    elif fmt == "vertical":
        block.append("*" * 27 + " 1. row " + "*" * 27)
        block += [f"{key.rjust(kw)}: {value}" for key, value in fields]
        block.append("1 row in set")
    else:
        vw = max(len(v) for _, v in fields)
        edge = "+" + "-" * (kw + 2) + "+" + "-" * (vw + 2) + "+"
        block += [edge, f"| {'FIELD'.ljust(kw)} | {'VALUE'.ljust(vw)} |", edge]
        block += [f"| {key.ljust(kw)} | {value.ljust(vw)} |" for key, value in fields]
        block.append(edge)
    m = rng.uniform(46, 60)
    x0, x1 = m, w - m
    y = m
    instansi = rng.choice(_INSTANSI).format(_issue_place(family))
    s.text(x0, y, instansi, 11, bold, max_w=x1 - x0)
    y += 16
    s.text(
        x0, y,
        rng.choice(("Hasil Pencarian Data Kependudukan Berdasarkan NIK", "Respons Layanan Hak Akses Data "
                    "Kependudukan", "Log Verifikasi Data Penduduk (Web Service Dukcapil)")),
        10, face, max_w=x1 - x0,
    )  # fmt: skip
    y += 14
    s.line(x0, y, x1, y, 0.8)
    y += 10
    accessed = _after(family.issue_date, rng, 60, 900)
    meta = [
        ("Waktu Akses", f"{accessed.isoformat()} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}:"
                        f"{rng.randint(0, 59):02d}"),
        ("ID Pengguna", rng.choice(("opr_loket01", "verif.cs02", "admin_rm", "petugas3"))),
        ("ID Transaksi", _token(rng, 20)),
        ("Parameter", rng.choice(("NIK", "NIK + NAMA_LGKP", "NIK, TGL_LHR"))),
        ("Status", rng.choice(("200 - Data ditemukan", "SUKSES", "OK (1 record)"))),
    ]  # fmt: skip
    y = _label_lines(s, x0, y, meta, 8.6, faces, x0 + 76, x1, 12.5) + 8
    msize = rng.uniform(8.4, 9.6)
    longest = max(len(line) for line in block)
    msize = min(msize, (x1 - x0 - 12) / (longest * 0.6))
    lead = msize * rng.uniform(1.22, 1.4)
    if rng.random() < 0.5:  # a shaded code box
        s.box(x0 - 4, y - 4, x1 - x0 + 8, len(block) * lead + 8, 0.94)
    for line in block:
        s.text(x0 + 4, y, line, msize, mono)
        y += lead
    y += 16
    printed = _after(accessed, rng, 0, 2)
    s.text(x0, y, f"Dicetak: {printed:%d-%m-%Y}  oleh {meta[1][1]}", 8, face)
    s.text(x0, y + 11, rng.choice(("Data bersifat rahasia, hanya untuk keperluan verifikasi.",
                                   "Dokumen ini dicetak dari sistem dan sah tanpa tanda tangan.",
                                   "Penggunaan data tunduk pada perjanjian kerja sama hak akses.")), 7.5, face)  # fmt: skip
    signed = rng.random() < 0.4
    if signed:
        s.centre(y + 30, "Petugas Verifikasi,", 9, face, w * 0.58, x1)
        s.centre(y + 86, rng.choice(("SITI AMINAH", "RUDI HARTONO", "DEWI LESTARI", "AGUS PRASETYO")), 9, bold,
                 w * 0.58, x1)  # fmt: skip
    s.right(x1, h - 24, "Halaman 1 dari 1", 7.5, face)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    if signed:
        pg.signature((w * 0.58 + 50) * k, (y + 46) * k, 90 * k, 28 * k)
    page = _paper(pg.img, rng.randint(244, 253))
    truth = _ktp_truth(family, p, province=province, regency=regency)
    return RenderedDocument("ktp", page, truth, layout="ktp-kunci-nilai")


# --- SKPWNI: origin and destination mirrored about a middle label column ------------------------------------


def _mirror_table(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    heads: tuple[str, str, str],
    rows: Sequence[tuple[str, str, str]],
    size: float,
    faces: Faces,
    vface: str,
    *,
    mid_w: float,
    shade: float,
    align: str,
    rules: str,
) -> float:
    """Three columns: the left side's values, the labels in the middle (shaded), the right side's values;
    the values flush against the labels ("inner"), centred, or flush to the margins ("outer"). The y under
    it."""
    face, bold = faces
    pad, lead = 5.0, size + 2.2
    xm0 = (x0 + x1 - mid_w) / 2
    xm1 = xm0 + mid_w
    room = xm0 - x0 - 2 * pad
    head_h = size + 9
    s.box(x0, y0, x1 - x0, head_h, 0.82)
    for text, a, b in zip(heads, (x0, xm0, xm1), (xm0, xm1, x1), strict=True):
        s.centre(y0 + 4.5, text, size, bold, a, b)
    y = y0 + head_h
    for r, (label, left, right) in enumerate(rows):
        lsplit = _split(s, left, size, vface, room)
        rsplit = _split(s, right, size, vface, room)
        mlines = _split(s, label, size, face, mid_w - 8)
        hh = max(len(lsplit), len(rsplit), len(mlines)) * lead + 6
        if shade < 1:
            s.box(xm0, y, mid_w, hh, shade)
        for i, line in enumerate(mlines):
            s.centre(y + 3.5 + i * lead, line, size, face, xm0, xm1)
        for i, line in enumerate(lsplit):
            ly = y + 3.5 + i * lead
            if align == "inner":
                _flush_right(s, xm0 - pad, ly, line, size, vface, room)
            elif align == "outer":
                s.text(x0 + pad, ly, line, size, vface, max_w=room)
            else:
                s.centre(ly, line, size, vface, x0, xm0)
        for i, line in enumerate(rsplit):
            ry = y + 3.5 + i * lead
            if align == "inner":
                s.text(xm1 + pad, ry, line, size, vface, max_w=room)
            elif align == "outer":
                _flush_right(s, x1 - pad, ry, line, size, vface, room)
            else:
                s.centre(ry, line, size, vface, xm1, x1)
        y += hh
        if rules != "none" or r == len(rows) - 1:
            s.line(x0, y, x1, y, 0.4 if r < len(rows) - 1 else 0.9)
    if rules == "grid":
        for x in (x0, xm0, xm1, x1):
            s.line(x, y0, x, y, 0.6)
    return y


def skpwni_label_tengah(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Origin and destination mirrored about a middle column of labels."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    w, h = (609.4, 935.4) if len(movers) > 3 or rng.random() < 0.4 else (595.0, 842.0)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"), ("utopia", "utopia-bold"),
         ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.55 else face
    number = _skpwni_number(origin, serial)
    regency = _region(origin.regency_code)
    m = rng.uniform(32, 42)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 50, x1, m - 10)
    s.centre(y, rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH")), 13, bold)
    s.centre(y + 16, "Nomor : " + number, 10, face)
    y += 38
    size = rng.uniform(9.2, 10)
    step = size + rng.uniform(5, 7)
    person = [
        (rng.choice(("NIK Pemohon", "NIK")), p.nik),
        (rng.choice(("Nama Lengkap", "Nama Pemohon")), p.name),
        (rng.choice(("Nomor Kartu Keluarga", "No. KK")), origin.kk_number),
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), origin.head.name),
    ]
    colon = x0 + max(s.width(lb, size, face) for lb, _ in person) + 12
    y = _label_lines(s, x0, y, person, size, faces, colon, x1, step, bold_values=vface == bold) + 6
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    move = [
        ("Alasan Pindah", _choice_text("reason", mv.reason, rng)),
        ("Klasifikasi Pindah", _choice_text("class", cls, rng)),
        ("Jenis Kepindahan", _choice_text("type", mv.kind, rng)),
        (rng.choice(("Rencana Tanggal Pindah", "Tanggal Pindah")),
         _date(mv.day, rng.choice(("dmy-dash", "long-title", "long", "dmy-slash")))),
    ]  # fmt: skip
    move_title = rng.choice(("DATA KEPINDAHAN", "KETERANGAN KEPINDAHAN"))

    def move_block(yy: float) -> float:
        s.text(x0, yy, move_title, size + 0.3, bold)
        c = x0 + max(s.width(lb, size, face) for lb, _ in move) + 12
        return _label_lines(s, x0, yy + step, move, size, faces, c, x1, step, bold_values=vface == bold) + 8

    move_first = rng.random() < 0.4
    if move_first:
        y = move_block(y)
    split_rtrw = rng.random() < 0.5
    dest_left = rng.random() < 0.2

    def sides(o: str, d: str) -> tuple[str, str]:
        return (d, o) if dest_left else (o, d)

    raw: list[tuple[str, str, str]] = [(rng.choice(("Alamat", "Jalan/Alamat")), origin.address, dest.address)]
    raw += (
        [("RT", origin.rt, dest.rt), ("RW", origin.rw, dest.rw)]
        if split_rtrw
        else [("RT / RW", f"{origin.rt} / {origin.rw}", f"{dest.rt} / {dest.rw}")]
    )
    raw += [
        (
            rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")),
            _region(origin.village_code),
            _region(dest.village_code),
        ),
        ("Kecamatan", _region(origin.district_code), _region(dest.district_code)),
        (
            rng.choice(("Kabupaten/Kota", "Kab/Kota")),
            _region(origin.regency_code),
            _region(dest.regency_code),
        ),
        ("Provinsi", _region(origin.province_code), _region(dest.province_code)),
        ("Kode Pos", origin.postal_code, dest.postal_code),
    ]
    rows = [(label, *sides(o, d)) for label, o, d in raw]
    names = rng.choice(
        (("DAERAH ASAL", "DAERAH TUJUAN"), ("ASAL", "TUJUAN"), ("ALAMAT ASAL", "ALAMAT TUJUAN"))
    )
    middle = rng.choice(("URAIAN", "KETERANGAN", "DATA", ""))
    left_h, right_h = sides(*names)
    y = _mirror_table(
        s, x0, x1, y, (left_h, middle, right_h), rows, size, faces, vface,
        mid_w=rng.uniform(96, 120), shade=rng.choice((0.9, 0.86, 0.93)),
        align=rng.choice(("inner", "inner", "centre", "outer")), rules=rng.choice(("grid", "rows", "none")),
    ) + 14  # fmt: skip
    if not move_first:
        y = move_block(y)
    s.text(x0, y, rng.choice(("ANGGOTA KELUARGA YANG PINDAH", "Keluarga Yang Pindah")), size + 0.3, bold)
    y = _members_table(s, x0, x1, y + size + 7, movers, faces, size - 0.5) + 14
    bx = w * 0.56
    place_name = _issue_place(origin).title()
    issued = _date(origin.issue_date, rng.choice(("long-title", "dmy-dash", "long")))
    s.text(bx, y, f"{place_name}, {issued}", size, face, max_w=x1 - bx)
    s.text(bx, y + step, rng.choice(("KEPALA DINAS", "a.n. KEPALA DINAS")), size, bold)
    s.text(bx, y + 2 * step, "KEPENDUDUKAN DAN PENCATATAN SIPIL", size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 2 * step + 58, rng.choice(_OFFICIALS), size, bold, max_w=x1 - bx)
    s.text(bx, y + 3 * step + 56, "NIP. " + _nip(rng), size - 1, face)
    dpi = rng.uniform(205, 230)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 24) * k, (m + 14) * k, 22 * k, 80)
    pg = _page_of(img, rng)
    _dinas_ink(pg, k, bx, y + 2 * step + 16, _issue_place(origin), rng)
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-label-tengah")


# --- SKPWNI: each section a paragraph of run-on "label: value" pairs -----------------------------------------


def _run_on(
    s: PdfSheet,
    x0: float,
    x1: float,
    y: float,
    pairs: Sequence[tuple[str, str]],
    size: float,
    lface: str,
    vface: str,
    sep: str,
    lead: float,
    head: tuple[str, str] | None = None,
) -> float:
    """`label: value` pairs run on one after another, separated by `sep`, a pair moved whole to the next line
    when it does not fit (a value too long for any line flowed word by word); `head` (text, face) run in
    first. The y under the paragraph."""
    x = x0
    space = s.width(" ", size, vface)
    if head:
        x = s.text(x, y, head[0], size, head[1]) + space * 2
    for i, (label, value) in enumerate(pairs):
        lw = s.width(label + " ", size, lface)
        vw = s.width(value, size, vface)
        sw = s.width(sep, size, lface) if i else 0.0
        if x > x0 and x + sw + lw + vw > x1:
            x, y = x0, y + lead
            sw = 0.0
        if sw:
            x = s.text(x, y, sep, size, lface)
        x = s.text(x, y, label + " ", size, lface)
        if x + vw <= x1:
            x = s.text(x, y, value, size, vface)
            continue
        for word in value.split():
            ww = s.width(word, size, vface)
            if x + ww > x1 and x > x0:
                x, y = x0, y + lead
            x = s.text(x, y, word, size, vface, max_w=x1 - x) + space
        x -= space
    return y + lead


def skpwni_baris_padat(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Every section a paragraph of run-on label: value pairs; the title on its own line or run in."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    w, h = (609.4, 935.4) if len(movers) > 4 or rng.random() < 0.3 else (595.0, 842.0)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"), ("courier", "courier-bold"),
         ("avantgarde", "avantgarde-demi"))
    )  # fmt: skip
    face, bold = faces
    bold_labels = rng.random() < 0.4
    lface, vface = (bold, face) if bold_labels else (face, bold if rng.random() < 0.6 else face)
    number = _skpwni_number(origin, serial)
    regency = _region(origin.regency_code)
    m = rng.uniform(34, 46)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 50, x1, m - 10)
    s.centre(y, rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH")), 13, bold)
    s.centre(y + 16, "Nomor : " + number, 10, face)
    y += 40
    size = rng.uniform(9.4, 10.4)
    lead = size + rng.uniform(4.5, 6.5)
    sep = rng.choice(("  |  ", ";  ", "     "))
    colon = rng.choice((":", ":", ""))
    short = rng.random() < 0.5

    def lab(long: str, abbr: str) -> str:
        return (abbr if short else long) + colon

    def place(fam: Family) -> list[tuple[str, str]]:
        out = [(lab("Alamat", "Alamat"), fam.address)]
        out += (
            [(lab("RT", "RT"), fam.rt), (lab("RW", "RW"), fam.rw)]
            if rng.random() < 0.6
            else [(lab("RT/RW", "RT/RW"), f"{fam.rt}/{fam.rw}")]
        )
        return [
            *out,
            (lab("Desa/Kelurahan", "Desa/Kel."), _region(fam.village_code)),
            (lab("Kecamatan", "Kec."), _region(fam.district_code)),
            (lab("Kabupaten/Kota", "Kab/Kota"), _region(fam.regency_code)),
            (lab("Provinsi", "Prov."), _region(fam.province_code)),
            (lab("Kode Pos", "Kode Pos"), fam.postal_code),
        ]

    cls = MOVE_CLASSES.index(move_class(origin, dest))
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (rng.choice(("DATA PEMOHON", "PEMOHON")), [
            (lab("NIK", "NIK"), p.nik),
            (lab("Nama Lengkap", "Nama"), p.name),
            (lab("Nomor KK", "No. KK"), origin.kk_number),
            (lab("Kepala Keluarga", "Kep. Keluarga"), origin.head.name),
        ]),
        (rng.choice(("DAERAH ASAL", "ALAMAT ASAL")), place(origin)),
        (rng.choice(("KEPINDAHAN", "DATA KEPINDAHAN")), [
            (lab("Alasan Pindah", "Alasan"), _choice_text("reason", mv.reason, rng)),
            (lab("Klasifikasi Pindah", "Klasifikasi"), _choice_text("class", cls, rng)),
            (lab("Jenis Kepindahan", "Jenis"), _choice_text("type", mv.kind, rng)),
            (lab("Rencana Tanggal Pindah", "Tgl. Pindah"),
             _date(mv.day, rng.choice(("dmy-dash", "long-title", "long", "dmy-slash")))),
        ]),
        (rng.choice(("DAERAH TUJUAN", "ALAMAT TUJUAN")), place(dest)),
    ]  # fmt: skip
    if rng.random() < 0.35:  # the destination before the move's details
        sections[2], sections[3] = sections[3], sections[2]
    run_in = rng.random() < 0.5
    numbered = rng.random() < 0.5
    indent = rng.choice((0.0, 0.0, 14.0))
    for i, (title, pairs) in enumerate(sections):
        heading = f"{('I', 'II', 'III', 'IV')[i]}. {title}" if numbered else title
        if run_in:
            y = _run_on(s, x0, x1, y, pairs, size, lface, vface, sep, lead, (heading + ":", bold))
        else:
            s.text(x0, y, heading, size + 0.4, bold)
            y = _run_on(s, x0 + indent, x1, y + lead, pairs, size, lface, vface, sep, lead)
        y += rng.uniform(5, 9)
    y += 4
    members_title = rng.choice(
        ("Anggota keluarga yang pindah", "ANGGOTA KELUARGA YANG PINDAH", "Yang pindah")
    )
    if rng.random() < 0.5:
        listing = [
            (f"{i + 1}.", f"{mv_p.name} (NIK {mv_p.nik}, {mv_p.relationship})")
            for i, mv_p in enumerate(movers)
        ]
        y = _run_on(s, x0, x1, y, listing, size, face, face, sep if sep.strip() else ";  ", lead,
                    (members_title + ":", bold))  # fmt: skip
    else:
        s.text(x0, y, members_title, size + 0.3, bold)
        y = _members_table(s, x0, x1, y + size + 7, movers, faces, size - 0.6)
    y += 16
    bx = w * 0.56
    place_name = _issue_place(origin).title()
    issued = _date(origin.issue_date, rng.choice(("long-title", "dmy-dash", "long")))
    step = size + 6
    s.text(bx, y, f"{place_name}, {issued}", size, face, max_w=x1 - bx)
    s.text(bx, y + step, rng.choice(("KEPALA DINAS", "a.n. KEPALA DINAS")), size, bold)
    s.text(bx, y + 2 * step, "KEPENDUDUKAN DAN PENCATATAN SIPIL", size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 2 * step + 58, rng.choice(_OFFICIALS), size, bold, max_w=x1 - bx)
    s.text(bx, y + 3 * step + 56, "NIP. " + _nip(rng), size - 1, face)
    dpi = rng.uniform(205, 230)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 24) * k, (m + 14) * k, 22 * k, 80)
    pg = _page_of(img, rng)
    _dinas_ink(pg, k, bx, y + 2 * step + 16, _issue_place(origin), rng)
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-baris-padat")
