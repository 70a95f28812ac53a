"""A twelfth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type. Like rounds 10 and 11 it is a HELD-OUT SET of TYPESET pages (a clean page image, to be degraded
by `degrade.degrade` like any page) whose STRUCTURE (how a label and its value sit on the page) no older
layout has, so that it estimates how the extractor does on forms it was never shown. Each layout is a family
of pages: field order, label wording, date form, face, sizes and margins are drawn from the rng.

- KK, `kk-kepala-tabel`: the family's header printed as ONE ROW OF A RULED TABLE across the landscape sheet,
  the address elements as its COLUMNS (Nama Kepala Keluarga, Alamat, RT and RW or RT/RW, Desa/Kelurahan,
  Kecamatan, Kabupaten/Kota, Provinsi, Kode Pos; the levels from the village up or from the province down;
  on some prints "Tanggal Dikeluarkan" as its last column), as report engines print a master record over its
  detail rows; then the two member tables whose NARROW COLUMNS have their titles TURNED UPRIGHT (reading
  upwards: "Jenis Kelamin", "Agama", "Golongan Darah", "Kewarganegaraan", "No. Paspor" ...), as register
  books title narrow columns; the form's column numbers under them on some prints; a wet or an electronic
  (QR, TTE) signature.
- KK, `kk-baris-ganda`: the header as a GRID OF BOXED CELLS, each holding a SMALL LABEL IN ITS TOP LEFT
  CORNER and the value under it (3 or 4 cells to a row, Alamat and the head of family spanning two, RT and
  RW in cells of their own, the KK number in a cell or under the title, "Tanggal Dikeluarkan" in a cell or
  at the foot); the members in ONE TABLE OF TWO-DECK ROWS: each member takes two ruled lines, the first deck
  the person (Nama, NIK, Jenis Kelamin, Tempat and Tanggal Lahir, Agama, Pendidikan, Pekerjaan, Golongan
  Darah), the second deck under it the status (Status Perkawinan, Tanggal Perkawinan, SHDK,
  Kewarganegaraan, Paspor, KITAP, Ayah, Ibu) in columns of ITS OWN WIDTHS, the row number spanning both, a
  two-deck title band over it, as register-style reports stack a row too long for the sheet.
- Akta kelahiran, `akta-nama-di-depan`: a Kutipan whose sentence STARTS WITH THE CHILD'S NAME ("ZAHRA
  SAPUTRA, anak ke-2, PEREMPUAN, lahir di SLEMAN pada tanggal ..., dari ayah ... dan ibu ...", the birth
  before or after the parents), or puts the name on a line of its own in large capitals and goes on "adalah
  anak ke-dua ... putri dari ... dan ..."; the NIK after the name or on its own line or not at all; the
  certificate's number under the title, in the top right corner or only at the END of the text ("... telah
  dicatat dalam Register Akta Kelahiran Nomor ..."); the date in words, digits or both.
- Akta kelahiran, `akta-dwibahasa-sejajar`: a bilingual Kutipan with Indonesian and English SIDE BY SIDE:
  each row the Indonesian label on the left, the value ONCE in the middle column and the English label
  right-aligned at the right margin in italics ("Nama Ayah   BUDI SANTOSO   Father's Name"), the title and the
  roman-numeral sections split the same way ("I. DATA ANAK ... I. PARTICULARS OF THE CHILD"), rows ruled,
  dotted or bare, the issue block in the same three columns.
- KTP-el, `ktp-pembaca-chip`: a SCREENSHOT of a KTP-el CARD-READER application (the kind offices and banks
  use to read the card's chip: a desktop window at 150-175 % scaling): title bar, menu and tool buttons, the
  chip's PHOTO AND SIGNATURE ON THE LEFT with the fingerprint check, the data as READ-ONLY TEXT BOXES with
  their labels RIGHT-ALIGNED against the boxes or flush left, in a second face (on some in SMALL CAPITALS),
  one field to a row or two ("RT [003]  RW [012]"), a status bar. The truth has no issue place or date (the
  chip's data screen shows none).
- KTP-el, `ktp-suket-desa`: a VILLAGE OR KELURAHAN OFFICE'S "Surat Keterangan Penduduk" as village
  information systems print it (kop of the desa with its own postal code, "Nomor : 470/...", "Yang bertanda
  tangan di bawah ini Kepala Desa ... menerangkan dengan sebenarnya bahwa:"), the person's data as label
  lines with the values IN MIXED CASE ("Tuban, 11-09-1953", "Laki-laki", "Islam", "Petani/Pekebun", the name
  in capitals or not), "Umur : 41 Tahun", the NIK on its own line or in a "Bukti Diri" line beside the KK
  number, the ADDRESS RUN TOGETHER in one value ("Jl. Anggrek No. 11 RT 002 RW 003 Desa Ajijulu Kecamatan
  Tigapanah Kabupaten Karo Provinsi Sumatera Utara") or broken into lines, "Keperluan", the village head's
  signature and stamp. The truth (upper case, as the extractor normalises) has no blood type, valid-until or
  issue place and date (a village letter prints none).
- SKPWNI, `skpwni-tanya-jawab`: every item NUMBERED with its label (ending in a colon on most: "17. Alamat
  tujuan pindah:") and its ANSWER ON THE NEXT LINE, indented, on a ruled or dotted answer line or none, as a
  filled-in questionnaire; the items FLOW IN TWO COLUMNS (the column break wherever half the items end) under
  roman-numeral sections, the destination before or after the move's details, RT and RW as one item or two;
  the members moving in a table under the columns.
- SKPWNI, `skpwni-panel-samping`: origin, move and destination as STACKED BOXED PANELS each titled only by
  a SIDE LABEL in a shaded strip on its left ("ASAL" / "TUJUAN" turned upright or its letters stacked one
  over the other), the panels' labels without "asal"/"tujuan"; inside, RT and RW as SEPARATE LABELLED BOXES,
  the postal code in a FIVE-DIGIT COMB, the region levels in a two-by-two grid (label and colon, or a small
  label over the value); the applicant's block over the panels, the members moving and the signature under.

Faces: round 8-11's PDF sheets drawn by pdfium (Times, Helvetica and Helvetica Light, Helvetica Narrow,
Courier, Bookman, New Century Schoolbook, Palatino, Utopia, Avant Garde, their italics for the English
labels), small capitals set from two sizes of a face; stamps and signatures as `variety.Page` draws them.
Names on the akta and the KTP pages sometimes carry an apostrophe ("MA'RUF", "NUR'AINI"), as real ones do;
the akta prints names without academic titles. Every page is an 8-bit grey image (`upload` None). Ground
truths are normalised as the older layouts' are (the same keys per type, built by the same helpers); a key
a page does not print is left out. Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date, timedelta

from tools.docgen.render import RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
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
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round7 import _members
from tools.docgen.variety_round8 import PdfSheet, _metrics, _page_of, _token
from tools.docgen.variety_round9 import _prose
from tools.docgen.variety_round10 import (
    _GLOSS_FACES,
    Cells,
    Faces,
    _apostrophe,
    _boxes,
    _cells,
    _choice_text,
    _date,
    _emblem,
    _kop,
    _members_table,
    _paper,
    _slanted,
    _split,
)
from tools.docgen.variety_round11 import _TTE, _date11, _grid, _label_lines, _rounded, _untitled
from tools.synthetic.residents import Family, Person

# --- small helpers ----------------------------------------------------------------------------------------

_KEEP_CASE = frozenset(
    ("RT", "RW", "WNI", "WNA", "DKI", "DI", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI")
)


def _mixed(text: str) -> str:
    """A value in the mixed case a village office's template prints ("Jl. Anggrek No. 11", "Petani/Pekebun",
    "Ma'ruf"): each part of a word after a space, dot, slash or hyphen capitalised, abbreviations kept. Its
    upper case is the value again."""

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        return w if w.upper() in _KEEP_CASE else w[0].upper() + w[1:].lower()

    return re.sub(r"[A-Za-z]+(?:'[A-Za-z]+)*", word, text)


def _small_caps(
    s: PdfSheet, x: float, y: float, text: str, size: float, face: str, grey: float = 0.0, ratio: float = 0.78
) -> float:
    """`text` in small capitals: its capitals at `size`, its lower-case letters as capitals at `ratio` of it
    on the same baseline (y: the capitals' top). The x after it."""
    cap = _metrics(face).cap / 1000
    for run in re.findall(r"[a-z]+|[^a-z]+", text):
        if run.islower():
            x = s.text(x, y + cap * size * (1 - ratio), run.upper(), size * ratio, face, grey=grey)
        else:
            x = s.text(x, y, run, size, face, grey=grey)
    return x


def _small_caps_width(s: PdfSheet, text: str, size: float, face: str, ratio: float = 0.78) -> float:
    return sum(
        s.width(run.upper(), size * ratio, face) if run.islower() else s.width(run, size, face)
        for run in re.findall(r"[a-z]+|[^a-z]+", text)
    )


def _upright(s: PdfSheet, xc: float, yc: float, text: str, size: float, face: str, grey: float = 0.0) -> None:
    """`text` turned a quarter to the left (reading upwards), centred on (xc, yc)."""
    _slanted(s, xc + _metrics(face).cap * size / 2000, yc, text, size, face, 90.0, grey)


def _centre_grey(
    s: PdfSheet, y: float, text: str, size: float, face: str, x0: float, x1: float, grey: float
) -> None:
    """`text` centred over [x0, x1] in a grey (1.0: white, on a dark ground)."""
    s.text((x0 + x1 - s.width(text, size, face)) / 2, y, text, size, face, grey=grey)


def _is_kelurahan(fam: Family) -> bool:
    """Village codes 1xxx are kelurahan, 2xxx desa, 3xxx desa adat (DOMAIN.md)."""
    return fam.village_code.rsplit(".", 1)[-1].startswith("1")


def _signature_block(
    s: PdfSheet, x0: float, x1: float, y: float, regency: str, faces: Faces, size: float, rng: random.Random
) -> tuple[float, bool]:
    """The Dinas's signature block over [x0, x1] at y: the office, then either room for a wet signature or a
    QR code with the TTE sentence; the official's name and NIP. (The y to sign at, whether it is electronic.)"""
    face, bold = faces
    s.centre(y, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", size - 0.4, face, x0, x1)
    s.centre(y + size + 2, regency, size - 0.4, face, x0, x1)
    official = rng.choice(_OFFICIALS)
    tte = rng.random() < 0.4
    if tte:
        s.qr(
            (x0 + x1) / 2 - 22, y + 2 * size + 8, 44, f"https://tte.kominfo.go.id/verifyPDF/{_token(rng, 22)}"
        )
    s.centre(y + 2 * size + 60, official, size, bold, x0, x1)
    s.centre(y + 3 * size + 61, "NIP. " + _nip(rng), size - 1, face, x0, x1)
    return y + 2 * size + 14, tte


# --- KK: the header as one row of a table, narrow column titles turned upright ----------------------------


def _table_upright(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: float,
    faces: Faces,
    upright: Sequence[bool],
    *,
    numbers: Sequence[str] | None = None,
    shade: float = 1.0,
) -> float:
    """A ruled table whose flagged columns have their titles turned upright (the column only as wide as its
    cells), the others' titles wrapped across; cells squeezed into their column. The y under it."""
    face, bold = faces
    pad, hs = 2.4, size - 0.3
    need = []
    for i, title in enumerate(titles):
        widths = [s.width(r[i], size, face) for r in rows]
        if upright[i]:
            need.append(max([*widths, hs * 1.4]) + 2 * pad)
        else:
            need.append(max(widths + [s.width(w, hs, bold) for w in title.split()]) + 2 * pad)
    total = sum(need)
    xs = [x0]
    for n in need:
        xs.append(xs[-1] + (x1 - x0) * n / total)
    tlines = [
        [] if upright[i] else _split(s, t, hs, bold, xs[i + 1] - xs[i] - 6) for i, t in enumerate(titles)
    ]
    flat_h = max(len(lines) for lines in tlines) * (hs + 1.5) + 6
    up_h = max([s.width(t, hs, bold) + 10 for i, t in enumerate(titles) if upright[i]] or [0.0])
    head_h = max(flat_h, up_h)
    if shade < 1:
        s.box(x0, y0, x1 - x0, head_h, shade)
    for i, title in enumerate(titles):
        if upright[i]:
            _upright(s, (xs[i] + xs[i + 1]) / 2, y0 + head_h / 2, title, hs, bold)
        else:
            lines = tlines[i]
            t0 = y0 + (head_h - len(lines) * (hs + 1.5)) / 2 + 0.8
            for j, line in enumerate(lines):
                s.centre(t0 + j * (hs + 1.5), line, hs, bold, xs[i], xs[i + 1])
    y = y0 + head_h
    s.line(x0, y0, x1, y0, 0.9)
    s.line(x0, y, x1, y, 0.8)
    if numbers:
        for i, text in enumerate(numbers):
            s.centre(y + 2.4, text, size - 1, face, xs[i], xs[i + 1])
        y += size + 4
        s.line(x0, y, x1, y, 0.8)
    row_h = size + 6
    for r, cells in enumerate(rows):
        for i, text in enumerate(cells):
            s.text(xs[i] + pad, y + 3.2, text, size, face, max_w=xs[i + 1] - xs[i] - 2 * pad)
        y += row_h
        s.line(x0, y, x1, y, 0.35 if r < len(rows) - 1 else 0.9)
    for x in xs:
        s.line(x, y0, x, y, 0.6)
    return y


_UP_T1: tuple[tuple[str, tuple[str, ...], bool], ...] = (  # (key, titles, upright)
    ("name", ("Nama Lengkap",), False),
    ("nik", ("NIK", "Nomor Induk Kependudukan"), False),
    ("sex", ("Jenis Kelamin",), True),
    ("place_of_birth", ("Tempat Lahir",), False),
    ("birth_date", ("Tanggal Lahir",), False),
    ("religion", ("Agama",), True),
    ("education", ("Pendidikan",), False),
    ("occupation", ("Jenis Pekerjaan",), False),
    ("blood_type", ("Golongan Darah", "Gol. Darah"), True),
)
_UP_T2: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("marital_status", ("Status Perkawinan",), False),
    ("marriage_date", ("Tanggal Perkawinan",), False),
    ("relationship", ("Status Hubungan Dalam Keluarga",), False),
    ("citizenship", ("Kewarganegaraan",), True),
    ("passport_number", ("No. Paspor", "Nomor Paspor"), True),
    ("kitap_number", ("No. KITAP", "No. KITAS/KITAP"), True),
    ("father_name", ("Nama Ayah",), False),
    ("mother_name", ("Nama Ibu",), False),
)


def kk_kepala_tabel(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK whose header is one row of a ruled table (the address elements as columns), the members'
    narrow column titles turned upright."""
    w, h = rng.choice(((842.0, 595.0), (935.4, 609.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("bookman", "bookman-demi"), ("utopia", "utopia-bold"), ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    m = rng.uniform(24, 34)
    y = m + rng.uniform(0, 6)
    s.centre(y, "KARTU KELUARGA", rng.uniform(15, 17.5), bold)
    s.centre(
        y + 21,
        rng.choice(("No. ", "No. ", "NO. ", "Nomor : ")) + family.kk_number,
        rng.uniform(11, 12.5),
        bold,
    )
    y += 44
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-dash", "dmy-slash", "long-title")))
    rtrw = rng.random() < 0.45
    levels: list[tuple[str, str]] = [
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa", "Desa/Kel")), _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code)),
        ("Provinsi", _region(family.province_code)),
    ]
    if rng.random() < 0.35:  # from the province down
        levels.reverse()
    cols: list[tuple[str, str]] = [
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), family.head.name),
        (rng.choice(("Alamat", "Alamat (Jalan/Dusun)", "Alamat Rumah")), family.address),
    ]
    cols += [("RT/RW", f"{family.rt}/{family.rw}")] if rtrw else [("RT", family.rt), ("RW", family.rw)]
    postal = ("Kode Pos", family.postal_code)
    cols += [*levels, postal] if rng.random() < 0.7 else [postal, *levels]
    issue_in_head = rng.random() < 0.35
    if issue_in_head:
        cols.append((rng.choice(("Tanggal Dikeluarkan", "Dikeluarkan Tanggal", "Tgl. Dikeluarkan")), issued))
    hsize = rng.uniform(8.2, 9.0)
    numbered = rng.random() < 0.5
    number_style = rng.choice(("({})", "{}"))

    def numbers(n: int, start: int = 1) -> list[str] | None:
        return [number_style.format(start + i) for i in range(n)] if numbered else None

    y = _grid(
        s,
        m,
        w - m,
        y,
        [t for t, _ in cols],
        [[v for _, v in cols]],
        hsize,
        faces,
        shade=rng.choice((1.0, 0.9)),
    )
    y += rng.uniform(12, 18)
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash", "dmy-dot"))
    rows = [_cells(p, style) for p in family.members]
    tsize = rng.uniform(7.4, 8.0) if len(rows) < 6 else rng.uniform(7.0, 7.4)
    turn = rng.random() < 0.75  # on some prints only the titles that do not fit turn
    shade = rng.choice((1.0, 0.9))
    t1 = [(key, rng.choice(titles), up) for key, titles, up in _UP_T1]
    t2 = [(key, rng.choice(titles), up) for key, titles, up in _UP_T2]
    end = y
    for n, table in enumerate((t1, t2)):
        titles = ["No", *[t for _, t, _ in table]]
        flags = [False, *[up and (turn or len(t) > 10) for _, t, up in table]]
        body = [[str(i + 1), *[c[k][0] for k, _, _ in table]] for i, c in enumerate(rows)]
        start = 1 if n == 0 else len(t1) + 2
        end = _table_upright(
            s, m, w - m, end + (rng.uniform(8, 14) if n else 0), titles, body, tsize, faces, flags,
            numbers=numbers(len(titles), start), shade=shade,
        )  # fmt: skip
    y = end + rng.uniform(10, 16)
    fsize = 8.8
    x_left = m + 10
    if not issue_in_head:
        s.text(
            x_left,
            y,
            rng.choice(("Dikeluarkan Tanggal", "Dikeluarkan tanggal")) + " : " + issued,
            fsize,
            face,
        )
    s.centre(y + 16, "KEPALA KELUARGA", fsize, face, x_left, x_left + 190)
    s.centre(y + 74, family.head.name, fsize, bold, x_left, x_left + 190)
    regency = _region(family.regency_code)
    bx0, bx1 = w * 0.6, w - m
    sign_y, tte = _signature_block(s, bx0, bx1, y + 16, regency, faces, fsize, rng)
    if tte:
        s.text(m, h - m + 6, rng.choice(_TTE), 6.6, face, max_w=w - 2 * m)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.signature((x_left + 50) * k, (y + 32) * k, 90 * k, 28 * k)
    if not tte:
        cx = (bx0 + bx1) / 2
        pg.signature((cx - 50) * k, sign_y * k, 110 * k, 34 * k)
        pg.stamp(
            (cx - rng.uniform(30, 60)) * k,
            (sign_y + 18) * k,
            40 * k,
            "DISDUKCAPIL|" + _issue_place(family)[:13],
        )
    page = _paper(pg.img, rng.randint(244, 253))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-kepala-tabel")


# --- KK: a grid of labelled cells over one table of two-deck member rows ----------------------------------


def _cell_grid(
    s: PdfSheet,
    x0: float,
    x1: float,
    y: float,
    cells: Sequence[tuple[str, str, int]],
    per_row: int,
    lsize: float,
    vsize: float,
    faces: Faces,
    vface: str,
    *,
    label_strip: float = 1.0,
) -> float:
    """Boxed cells `per_row` to a row, each a small label in its top left corner and its value under it; a
    cell spans `span` columns, the last of a row stretched to its end. The y under the grid."""
    face, _ = faces
    colw = (x1 - x0) / per_row
    lines: list[list[tuple[str, str, int]]] = []
    cur: list[tuple[str, str, int]] = []
    used = 0
    for label, value, wide in cells:
        span = min(wide, per_row)
        if used + span > per_row:
            lines.append([*cur[:-1], (*cur[-1][:2], cur[-1][2] + per_row - used)])
            cur, used = [], 0
        cur.append((label, value, span))
        used += span
    if cur:
        lines.append([*cur[:-1], (*cur[-1][:2], cur[-1][2] + per_row - used)])
    cell_h = lsize + vsize + 12
    for line in lines:
        x = x0
        for label, value, span in line:
            cw = colw * span
            if label_strip < 1:
                s.box(x, y, cw, lsize + 4, label_strip)
            s.rect(x, y, cw, cell_h, 0.6)
            s.text(x + 3, y + 2.2, label, lsize, face, grey=0.25, max_w=cw - 6)
            s.text(x + 5, y + lsize + 6.5, value, vsize, vface, max_w=cw - 10)
            x += cw
        y += cell_h
    s.rect(x0, y - cell_h * len(lines), x1 - x0, cell_h * len(lines), 1.0)
    return y


_DECK1: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("Nama Lengkap", "Nama")),
    ("nik", ("NIK",)),
    ("sex", ("Jenis Kelamin", "L/P")),
    ("place_of_birth", ("Tempat Lahir",)),
    ("birth_date", ("Tanggal Lahir", "Tgl. Lahir")),
    ("religion", ("Agama",)),
    ("education", ("Pendidikan",)),
    ("occupation", ("Jenis Pekerjaan", "Pekerjaan")),
    ("blood_type", ("Gol. Darah", "Golongan Darah")),
)
_DECK2: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("marital_status", ("Status Perkawinan",)),
    ("marriage_date", ("Tanggal Perkawinan", "Tgl. Perkawinan")),
    ("relationship", ("Status Hubungan Dalam Keluarga", "Hubungan Keluarga", "SHDK")),
    ("citizenship", ("Kewarganegaraan",)),
    ("passport_number", ("No. Paspor",)),
    ("kitap_number", ("No. KITAP",)),
    ("father_name", ("Nama Ayah",)),
    ("mother_name", ("Nama Ibu",)),
)


def _two_decks(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    decks: Sequence[Sequence[tuple[str, str]]],
    rows: Sequence[Cells],
    size: float,
    faces: Faces,
    *,
    shade: float,
    italic_second: str,
) -> float:
    """One ruled table whose rows are two decks: the row number spanning both, each deck its own columns
    (as wide as their cells), a two-deck title band. The y under it."""
    face, bold = faces
    pad, hs = 2.2, size - 0.4
    no_w = s.width("No", hs, bold) + 8
    xs: list[list[float]] = []
    for deck in decks:
        need = [
            max([s.width(r[k][0], size, face) for r in rows] + [s.width(w, hs, bold) for w in t.split()])
            + 2 * pad
            for k, t in deck
        ]
        scale = (x1 - x0 - no_w) / sum(need)
        edges = [x0 + no_w]
        for n in need:
            edges.append(edges[-1] + n * scale)
        xs.append(edges)
    title_faces = (bold, italic_second)
    band: list[float] = []
    y = y0
    for d, deck in enumerate(decks):
        lines = [
            _split(s, t, hs, title_faces[d], xs[d][i + 1] - xs[d][i] - 4) for i, (_, t) in enumerate(deck)
        ]
        th = max(len(ls) for ls in lines) * (hs + 1.4) + 5
        if shade < 1:
            s.box(x0 + no_w, y, x1 - x0 - no_w, th, shade if d == 0 else min(1.0, shade + 0.05))
        for i, ls in enumerate(lines):
            t0 = y + (th - len(ls) * (hs + 1.4)) / 2 + 0.8
            for j, line in enumerate(ls):
                s.centre(t0 + j * (hs + 1.4), line, hs, title_faces[d], xs[d][i], xs[d][i + 1])
        band.append(y)
        y += th
        s.line(x0 + no_w, y, x1, y, 0.5 if d == 0 else 0.9)
    if shade < 1:
        s.box(x0, y0, no_w, y - y0, shade)
    s.centre(y0 + (y - y0) / 2 - hs / 2, "No", hs, bold, x0, x0 + no_w)
    s.line(x0, y, x0 + no_w, y, 0.9)
    head_end = y
    for d in range(2):
        bottom = band[1] if d == 0 else head_end
        for x in xs[d][1:-1]:
            s.line(x, band[d], x, bottom, 0.5)
    row_h = size + 5.5
    for r, cells in enumerate(rows):
        top = y
        for d, deck in enumerate(decks):
            for i, (key, _) in enumerate(deck):
                s.text(
                    xs[d][i] + pad,
                    y + 2.8,
                    cells[key][0],
                    size,
                    face,
                    max_w=xs[d][i + 1] - xs[d][i] - 2 * pad,
                )
            for x in xs[d][1:-1]:
                s.line(x, y, x, y + row_h, 0.4)
            y += row_h
            if d == 0:
                s.line(x0 + no_w, y, x1, y, 0.3, 0.35, dash="1 1.5")
        s.centre(top + row_h - size / 2, str(r + 1), size, face, x0, x0 + no_w)
        s.line(x0, y, x1, y, 0.8 if r < len(rows) - 1 else 1.0)
    s.line(x0, y0, x1, y0, 1.0)
    for x in (x0, x0 + no_w, x1):
        s.line(x, y0, x, y, 0.7)
    return y


def kk_baris_ganda(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK as a grid of labelled cells over one table whose member rows are two decks."""
    w, h = rng.choice(((842.0, 595.0), (935.4, 609.4)))
    s = PdfSheet(w, h)
    face, italic, bold = rng.choice(_GLOSS_FACES)
    faces: Faces = (face, bold)
    m = rng.uniform(24, 34)
    y = m + rng.uniform(0, 6)
    s.centre(y, "KARTU KELUARGA", rng.uniform(15, 17.5), bold)
    number_cell = rng.random() < 0.5
    if not number_cell:
        s.centre(y + 21, rng.choice(("No. ", "NO. ")) + family.kk_number, rng.uniform(11, 12.5), bold)
        y += 44
    else:
        y += 28
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash", "long-title", "long")))
    rtrw = rng.random() < 0.3
    cells: list[tuple[str, str, int]] = []
    if number_cell:
        cells.append((rng.choice(("Nomor KK", "Nomor Kartu Keluarga", "No. KK")), family.kk_number, 1))
    cells += [
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), family.head.name, 2),
        ("Alamat", family.address, 2),
    ]
    cells += (
        [("RT/RW", f"{family.rt}/{family.rw}", 1)] if rtrw else [("RT", family.rt, 1), ("RW", family.rw, 1)]
    )
    region_cells = [
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")), _region(family.village_code), 1),
        ("Kecamatan", _region(family.district_code), 1),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code), 1),
        ("Provinsi", _region(family.province_code), 1),
    ]
    cells += region_cells
    cells.append(("Kode Pos", family.postal_code, 1))
    issue_cell = rng.random() < 0.5
    if issue_cell:
        cells.append((rng.choice(("Tanggal Dikeluarkan", "Dikeluarkan Tanggal")), issued, 1))
    if rng.random() < 0.3:  # the cells numbered as on a form
        cells = [(f"{i + 1}. {label}", value, span) for i, (label, value, span) in enumerate(cells)]
    per_row = rng.choice((3, 4, 4))
    lsize, vsize = rng.uniform(6.4, 7.2), rng.uniform(9.0, 10.0)
    vface = bold if rng.random() < 0.6 else face
    y = _cell_grid(
        s, m, w - m, y, cells, per_row, lsize, vsize, faces, vface, label_strip=rng.choice((1.0, 0.92))
    ) + rng.uniform(10, 16)
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dash"))
    rows = [_cells(p, style) for p in family.members]
    deck1 = [(k, rng.choice(t)) for k, t in _DECK1]
    deck2 = [(k, rng.choice(t)) for k, t in _DECK2]
    if rng.random() < 0.4:  # the NIK first
        deck1[0], deck1[1] = deck1[1], deck1[0]
    tsize = rng.uniform(7.6, 8.2) if len(rows) < 6 else rng.uniform(7.0, 7.6)
    y = _two_decks(
        s, m, w - m, y, [deck1, deck2], rows, tsize, faces,
        shade=rng.choice((1.0, 0.9, 0.86)), italic_second=rng.choice((italic, bold)),
    )  # fmt: skip
    y += rng.uniform(10, 14)
    fsize = 8.8
    x_left = m + 10
    if not issue_cell:
        s.text(
            x_left,
            y,
            rng.choice(("Dikeluarkan Tanggal", "Tanggal Dikeluarkan")) + " : " + issued,
            fsize,
            face,
        )
    s.centre(y + 16, "KEPALA KELUARGA", fsize, face, x_left, x_left + 190)
    s.centre(y + 74, family.head.name, fsize, bold, x_left, x_left + 190)
    regency = _region(family.regency_code)
    bx0, bx1 = w * 0.6, w - m
    sign_y, tte = _signature_block(s, bx0, bx1, y + 16, regency, faces, fsize, rng)
    if tte:
        s.text(m, h - m + 6, rng.choice(_TTE), 6.6, face, max_w=w - 2 * m)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.signature((x_left + 50) * k, (y + 32) * k, 90 * k, 28 * k)
    if not tte:
        cx = (bx0 + bx1) / 2
        pg.signature((cx - 50) * k, sign_y * k, 110 * k, 34 * k)
        pg.stamp(
            (cx - rng.uniform(30, 60)) * k,
            (sign_y + 18) * k,
            40 * k,
            "DISDUKCAPIL|" + _issue_place(family)[:13],
        )
    page = _paper(pg.img, rng.randint(244, 253))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-baris-ganda")


# --- akta kelahiran: the sentence starts with the child's name ---------------------------------------------


def akta_nama_di_depan(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan whose sentence opens with the child's name (or sets it alone above the sentence), the
    number under the title, in the corner or only at the end of the text."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"),
         ("palatino", "palatino-bold"), ("helvetica", "helvetica-bold"), ("utopia", "utopia-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.8 else face
    regency = _region(family.regency_code)
    m = rng.uniform(52, 66)
    if rng.random() < 0.6:
        s.rect(m - 22, m - 22, w - 2 * (m - 22), h - 2 * (m - 22), 1.4)
        if rng.random() < 0.5:
            s.rect(m - 18, m - 18, w - 2 * (m - 18), h - 2 * (m - 18), 0.5)
    number = akta_number(family, p, serial)
    where = rng.choice(("title", "corner", "end"))
    if where == "corner":
        s.right(w - m, m - 8, f"No. {number}", 9.5, face)
    y = m + 62
    s.centre(y, "REPUBLIK INDONESIA", 12.5, bold)
    if rng.random() < 0.6:
        s.centre(y + 16, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 11, face)
        s.centre(y + 30, regency, 11, face)
        y += 30
    y += 30
    s.centre(y, rng.choice(("KUTIPAN AKTA KELAHIRAN", "AKTA KELAHIRAN", "KUTIPAN AKTA KELAHIRAN")), 17, bold)
    y += 26
    if where == "title":
        s.centre(y, "Nomor : " + number, 11, face)
        y += 18
    nik_at = rng.choice(("line", "sentence", "none", "sentence"))
    if nik_at == "line":
        s.centre(y, "NIK : " + p.nik, 10.5, face)
        y += 16
    y += 24
    size = rng.uniform(11, 12.2)
    lead = size + rng.uniform(6, 8)
    x0, width = m, w - 2 * m
    order = rng.randint(1, 5)
    ordinal = rng.choice(
        (f"ke-{order}", f"ke-{number_words(order).lower()}", f"ke-{order} ({number_words(order).lower()})")
    )
    born = _date11(
        p.birth_date,
        rng.choice(("words", "words-title", "words-lower", "long-title", "long", "digits-words")),
    )
    display = rng.random() < 0.4  # the name alone on a line, large
    birth = [("yang lahir di" if display else "lahir di", face), (p.place_of_birth, vface), ("pada tanggal", face),
             (born, vface)]  # fmt: skip
    daughter = p.sex == "F"
    parents_style = rng.choice(("ayah-ibu", "putra", "pasangan"))
    if parents_style == "ayah-ibu":
        parents = [("dari ayah", face), (p.father_name, vface), ("dan ibu", face), (p.mother_name, vface)]
    elif parents_style == "putra":
        parents = [
            ("putri dari" if daughter else "putra dari", face),
            (p.father_name, vface),
            ("dan", face),
            (p.mother_name, vface),
        ]
    else:
        parents = [
            ("anak dari pasangan", face),
            (p.father_name, vface),
            ("dengan", face),
            (p.mother_name, vface),
        ]
    birth_first = rng.random() < 0.5
    runs: list[tuple[str, str]] = []
    if display:
        s.centre(y, p.name, size + 5, bold)
        y += size + 5 + lead
        runs.append(("adalah", face))
        if nik_at == "sentence":
            runs += [("pemilik NIK", face), (p.nik + ",", vface)]
        runs += [(f"anak {ordinal},", face), (_sex(p) + ",", vface)]
    else:
        runs.append((p.name + ",", bold))
        if nik_at == "sentence":
            runs += [("NIK", face), (p.nik + ",", vface)]
        runs += [(f"anak {ordinal},", face), (_sex(p) + ",", vface)]
    first, second = (birth, parents) if birth_first else (parents, birth)
    runs += [
        *first[:-1],
        (first[-1][0] + ",", first[-1][1]),
        *second[:-1],
        (second[-1][0] + ".", second[-1][1]),
    ]
    y = _prose(s, x0, y, width, runs, size, lead) + 6
    registered = max(family.issue_date, p.birth_date + timedelta(days=rng.randint(5, 120)))
    if where == "end":
        tail = [
            ("Kelahiran tersebut telah dicatat dalam Register Akta Kelahiran", face),
            ("Nomor", face),
            (number + ".", vface),
        ]
    else:
        tail = [
            ("Kelahiran tersebut telah dicatat dalam Register Akta Kelahiran pada Dinas Kependudukan dan "
             f"Pencatatan Sipil {regency.title()}.", face)
        ]  # fmt: skip
    y = _prose(s, x0, y, width, tail, size, lead) + 4
    y = _prose(
        s, x0, y, width, [("Kutipan ini dikeluarkan sesuai dengan aslinya.", face)], size - 1, lead - 2
    )
    y = max(y + 30, h * 0.55)
    bx = w * rng.uniform(0.48, 0.54)
    place = _issue_place(family)
    issued = _date(registered, rng.choice(("long-title", "long", "dmy-dash", "long-pad")))
    if rng.random() < 0.5:
        s.text(bx, y, f"{place.title()}, {issued}", size - 1, face, max_w=w - m - bx)
        y += lead
    else:
        for i, (label, value) in enumerate((("Dikeluarkan di", place.title()), ("Pada tanggal", issued))):
            s.text(bx, y + i * lead, label, size - 1, face)
            s.text(bx + 78, y + i * lead, ": " + value, size - 1, face, max_w=w - m - bx - 78)
        y += 2 * lead
    if rng.random() < 0.4:
        s.text(bx, y, "Pejabat Pencatatan Sipil,", size - 1, bold)
    else:
        s.text(bx, y, "KEPALA DINAS KEPENDUDUKAN DAN", size - 1, bold)
        s.text(bx, y + lead - 3, "PENCATATAN SIPIL " + regency, size - 1.5, bold, max_w=w - m - bx)
    official = rng.choice(_OFFICIALS)
    tte = rng.random() < 0.35
    if tte:
        s.qr(m, y - 10, 62, f"https://e-akta.dukcapil.go.id/v/{_token(rng, 20)}")
        s.text(m, y + 56, "Dokumen ini ditandatangani secara elektronik", 7, face)
    s.text(bx, y + 2 * lead + 50, official, size - 1, bold, max_w=w - m - bx)
    s.text(bx, y + 3 * lead + 48, "NIP. " + _nip(rng), size - 2, face)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), w / 2 * k, (m + 28) * k, 26 * k, 90)
    pg = _page_of(img, rng)
    if not tte:
        pg.signature((bx + 20) * k, (y + 2 * lead + 10) * k, 120 * k, 34 * k)
        pg.stamp(
            (bx + rng.uniform(-10, 20)) * k, (y + 2 * lead + 24) * k, 42 * k, "DISDUKCAPIL|" + place[:13]
        )
    page = _paper(pg.img, rng.randint(240, 252))
    truth = _akta_truth(number, p, nik=nik_at != "none")
    return RenderedDocument("akta", page, truth, layout="akta-nama-di-depan")


# --- akta kelahiran: Indonesian and English side by side, the value once in the middle -----------------------


def akta_dwibahasa_sejajar(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A bilingual Kutipan: the Indonesian label left, the value in the middle, the English label right."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    face, italic, bold = rng.choice(_GLOSS_FACES)
    m = rng.uniform(36, 48)
    if rng.random() < 0.6:
        s.rect(m - 14, m - 14, w - 2 * (m - 14), h - 2 * (m - 14), 1.2)
    number = akta_number(family, p, serial)
    x0, x1 = m, w - m
    y = m + 64

    def pair(yy: float, left: str, right: str, size: float, lface: str = bold) -> None:
        s.text(x0, yy, left, size, lface, max_w=(x1 - x0) / 2 - 8)
        s.right(x1, yy, right, size * 0.92, italic)

    pair(y, "REPUBLIK INDONESIA", "REPUBLIC OF INDONESIA", 11.5)
    pair(y + 16, "PENCATATAN SIPIL", rng.choice(("CIVIL REGISTRY", "CIVIL REGISTRATION")), 11)
    y += 40
    s.line(x0, y, x1, y, 0.8)
    y += 10
    pair(
        y,
        "KUTIPAN AKTA KELAHIRAN",
        rng.choice(("EXCERPT OF BIRTH CERTIFICATE", "EXTRACT OF BIRTH REGISTER")),
        14,
    )
    y += 22
    s.line(x0, y, x1, y, 0.8)
    y += 22
    lsize, esize, vsize = rng.uniform(9.8, 10.6), rng.uniform(8.6, 9.4), rng.uniform(10.4, 11.4)
    mid0 = x0 + rng.uniform(140, 165)  # the value column
    mid1 = x1 - rng.uniform(120, 140)
    centred = rng.random() < 0.4
    rule = rng.choice(("line", "dots", "none"))
    colons = rng.random() < 0.6
    sections = rng.random() < 0.5
    with_nik = rng.random() < 0.75
    born = _date11(
        p.birth_date, rng.choice(("long", "long-title", "dmy-dash", "digits-words", "words", "long-pad"))
    )
    order = rng.randint(1, 5)
    child: list[tuple[str, str, str]] = [(rng.choice(("Nomor Akta", "Nomor Akta Kelahiran")), number,
                                          rng.choice(("Certificate No.", "Birth Certificate Number")))]  # fmt: skip
    if rng.random() < 0.3:  # the number by the title instead
        s.centre(y - 16, "No. " + number, 10.5, bold)
        y += 4
        child = []
    if with_nik:
        child.append(
            (rng.choice(("NIK", "Nomor Induk Kependudukan")), p.nik, "Personal Identification Number")
        )
    child.append(
        (rng.choice(("Nama", "Nama Lengkap", "Nama Anak")), p.name, rng.choice(("Name", "Full Name")))
    )
    birth = [("Tempat Lahir", p.place_of_birth, "Place of Birth"), ("Tanggal Lahir", born, "Date of Birth")]
    sex = ("Jenis Kelamin", _sex(p), "Sex")
    child += [sex, *birth] if rng.random() < 0.5 else [*birth, sex]
    child.append(("Anak Ke", rng.choice((str(order), f"{order} ({number_words(order)})")), "Birth Order"))
    parents = [
        (rng.choice(("Nama Ayah", "Ayah")), p.father_name, rng.choice(("Father's Name", "Father"))),
        (rng.choice(("Nama Ibu", "Ibu")), p.mother_name, rng.choice(("Mother's Name", "Mother"))),
    ]
    groups = [
        (("I. DATA ANAK", "I. PARTICULARS OF THE CHILD"), child),
        (("II. DATA ORANG TUA", "II. PARTICULARS OF THE PARENTS"), parents),
    ]
    if not sections:
        groups = [(("", ""), child + parents)]
    lead = vsize + 3
    gap = rng.uniform(8, 13) + (h - 842) * 0.05
    for (left, right), rows in groups:
        if left:
            pair(y, left, right, lsize, bold)
            y += lsize + gap + 4
        for label, value, english in rows:
            s.text(x0 + (12 if left else 0), y, label, lsize, face, max_w=mid0 - x0 - 14)
            if colons:
                s.text(mid0 - 8, y, ":", lsize, face)
            lines = _split(s, value, vsize, bold, mid1 - mid0 - 8)
            for i, line in enumerate(lines):
                if centred:
                    s.centre(y - 0.3 + i * lead, line, vsize, bold, mid0, mid1)
                else:
                    s.text(mid0 + 2, y - 0.3 + i * lead, line, vsize, bold, max_w=mid1 - mid0 - 8)
            s.right(x1, y + 0.5, english, esize, italic)
            y += len(lines) * lead + gap
            if rule == "line":
                s.line(x0, y - gap / 2 - 1, x1, y - gap / 2 - 1, 0.3, 0.55)
            elif rule == "dots":
                s.line(mid0, y - gap / 2 - 1, mid1, y - gap / 2 - 1, 0.5, 0.3, dash="0.6 2")
        y += 8
    y = max(y + 10, h * 0.56)
    s.text(x0, y, "Kutipan ini dikeluarkan sesuai dengan data dalam Register Akta Kelahiran.", 9, face)
    s.text(
        x0,
        y + 12,
        "This excerpt is issued in accordance with the data in the Register of Births.",
        8.2,
        italic,
    )
    y += 34
    place = _issue_place(family)
    issued = _date(family.issue_date, rng.choice(("long", "long-title", "dmy-dash")))
    for label, value, english in (
        ("Dikeluarkan di", place.title(), "Issued at"),
        ("Pada tanggal", issued, "On"),
    ):
        s.text(x0, y, label, 9.5, face)
        if centred:
            s.centre(y, value, 9.5, face, mid0, mid1)
        else:
            s.text(mid0 + 2, y, value, 9.5, face)
        s.right(x1, y + 0.5, english, 8.4, italic)
        y += 15
    y += 8
    bx = w * 0.5
    s.text(bx, y, "Pejabat Pencatatan Sipil", 9.5, bold)
    s.right(x1, y + 12, "Civil Registrar", 8.4, italic)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 80, official, 9.5, bold, max_w=x1 - bx)
    s.text(bx, y + 92, "NIP. " + _nip(rng), 8.5, face)
    dpi = rng.uniform(200, 228)
    k = dpi / 72
    img = _emblem(s.render(dpi), w / 2 * k, (m + 28) * k, 24 * k, 100)
    pg = _page_of(img, rng)
    pg.signature((bx + 10) * k, (y + 36) * k, 120 * k, 34 * k)
    pg.stamp(
        (bx + rng.uniform(-10, 25)) * k, (y + rng.uniform(36, 50)) * k, 42 * k, "DISDUKCAPIL|" + place[:13]
    )
    page = _paper(pg.img, rng.randint(240, 252))
    return RenderedDocument(
        "akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-dwibahasa-sejajar"
    )


# --- KTP-el: a card-reader application's window, the chip's photo on the left, text boxes ----------------------

_READER_APPS = ("KTP-el Reader", "Aplikasi Pembaca KTP-el", "Card Reader KTP-el", "e-KTP Verifikasi")
_READER_DEVICES = ("ACS ACR1281U", "ACS ACR39U", "HID OMNIKEY 5422", "Identiv uTrust 3700F", "FEITIAN R502")


def ktp_pembaca_chip(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A screenshot of a card-reader application: the chip's photo and signature left, the data in
    read-only text boxes, labels right-aligned against them (or flush left), one or two to a row."""
    p = _apostrophe(p, rng, 0.15)
    w = rng.choice((780.0, 840.0, 900.0))
    lface, vface = rng.choice(
        (("narrow", "courier-bold"), ("avantgarde", "helvetica-bold"), ("helvetica", "courier"),
         ("narrow", "helvetica"), ("utopia", "helvetica-bold"), ("helvetica-light", "narrow-bold"),
         ("times", "helvetica"))
    )  # fmt: skip
    ui = "helvetica"
    caps = rng.random() < 0.4
    lsize, vsize = rng.uniform(8.6, 9.6), rng.uniform(9.2, 10.2)
    born = _date(p.birth_date, rng.choice(("dmy-dash", "dmy-dash", "dmy-slash")))
    rows: list[list[tuple[str, str]]] = [
        [("NIK", p.nik)],
        [(rng.choice(("Nama", "Nama Lengkap")), p.name)],
        [("Tempat Lahir", p.place_of_birth), ("Tanggal Lahir", born)],
        [("Jenis Kelamin", _sex(p)), (rng.choice(("Gol. Darah", "Golongan Darah")), _blood(p))],
        [("Alamat", family.address)],
        [("RT", family.rt), ("RW", family.rw)],
        [(rng.choice(("Kel/Desa", "Kelurahan/Desa")), _region(family.village_code)), ("Kecamatan", _region(family.district_code))],
        [(rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code)), ("Provinsi", _region(family.province_code))],
        [("Agama", p.religion), ("Status Perkawinan", p.marital_status)],
        [("Pekerjaan", p.occupation), ("Kewarganegaraan", p.citizenship)],
        [("Berlaku Hingga", "SEUMUR HIDUP")],
    ]  # fmt: skip
    if rng.random() < 0.4:  # the address block before the person's
        rows = rows[:2] + rows[4:8] + rows[2:4] + rows[8:]
    if rng.random() < 0.35:  # one field to a row
        rows = [[cell] for row in rows for cell in row]
    bh = vsize + 8
    row_step = bh + rng.uniform(5, 8)
    pane_w = rng.uniform(160, 180)
    title_h, menu_h, tool_h, status_h = 24.0, 16.0, 32.0, 18.0
    top = title_h + menu_h + tool_h + 12
    body_h = max(len(rows) * row_step + 34, 360.0)
    h = top + body_h + status_h + 14
    s = PdfSheet(w, h)
    s.box(0, 0, w, h, 0.94)
    dark = rng.random() < 0.5
    s.box(0, 0, w, title_h, 0.22 if dark else 1.0)
    ink = 1.0 if dark else 0.0
    app = rng.choice(_READER_APPS)
    s.text(30, 8, f"{app} v{rng.randint(1, 4)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}", 9, ui, grey=ink)
    s.rect(10, 7, 11, 11, 0.8, ink)
    for i, glyph in enumerate(("_", "[ ]", "X")):
        _centre_grey(s, 8, glyph, 9, ui, w - 108 + i * 36, w - 72 + i * 36, ink)
    y = title_h
    s.box(0, y, w, menu_h, 0.97)
    x = 10.0
    for item in ("File", "Perangkat", "Verifikasi", "Laporan", "Bantuan"):
        x = s.text(x, y + 4, item, 8.5, ui) + 16
    y += menu_h
    s.line(0, y, w, y, 0.4, 0.7)
    x = 10.0
    for label in ("Baca Kartu", "Verifikasi Sidik Jari", "Simpan", "Cetak", "Bersihkan"):
        bw = s.width(label, 8.5, ui) + 22
        _rounded(s, x, y + 6, bw, 20, 3, 0.7)
        _rounded(s, x + 0.6, y + 6.6, bw - 1.2, 18.8, 2.6, 0.985)
        s.text(x + 11, y + 12.4, label, 8.5, ui)
        x += bw + 8
    y += tool_h
    s.line(0, y, w, y, 0.4, 0.7)
    y += 12

    def group(gx: float, gy: float, gw: float, gh: float, title: str) -> None:
        s.rect(gx, gy, gw, gh, 0.5, 0.6)
        tw = s.width(title, 8.5, ui)
        s.box(gx + 8, gy - 5, tw + 8, 10, 0.94)
        s.text(gx + 12, gy - 3, title, 8.5, ui)

    px0 = 12.0
    photo_w = pane_w - 40
    photo = (px0 + 20, y + 14, px0 + 20 + photo_w, y + 14 + photo_w * 4 / 3)
    group(px0, y + 4, pane_w, photo[3] - y + 4, "Foto")
    sy = photo[3] + 22
    group(px0, sy, pane_w, 62, rng.choice(("Tanda Tangan", "Tanda Tangan Pemilik")))
    s.box(px0 + 10, sy + 10, pane_w - 20, 44, 1.0)
    fy = sy + 76
    group(px0, fy, pane_w, 58, "Sidik Jari")
    finger = rng.choice(("Telunjuk Kanan", "Ibu Jari Kanan", "Telunjuk Kiri"))
    s.text(px0 + 10, fy + 12, f"Jari : {finger}", 8, ui)
    s.text(px0 + 10, fy + 25, "Hasil : " + rng.choice(("COCOK", "Cocok", "MATCH")), 8, "helvetica-bold")
    s.text(px0 + 10, fy + 38, f"Skor : {rng.uniform(0.78, 0.99):.2f}", 8, ui)
    gx0 = px0 + pane_w + 14
    gx1 = w - 12
    group(
        gx0,
        y + 4,
        gx1 - gx0,
        len(rows) * row_step + 20,
        rng.choice(("Data Kependudukan", "Data KTP-el", "Data Chip")),
    )
    right_labels = rng.random() < 0.6
    two = any(len(r) == 2 for r in rows)
    inner0, inner1 = gx0 + 10, gx1 - 10
    half = (inner1 - inner0 - 14) / 2 if two else inner1 - inner0

    def label_w(text: str) -> float:
        return _small_caps_width(s, text, lsize, lface) if caps else s.width(text, lsize, lface)

    col_labels: list[list[str]] = [[], []]
    for row in rows:
        for i, (label, _) in enumerate(row):
            col_labels[i].append(label)
    lw = [max(label_w(t) for t in labels) + 10 if labels else 0.0 for labels in col_labels]
    yy = y + 18
    for row in rows:
        for i, (label, value) in enumerate(row):
            cx = inner0 + i * (half + 14)
            bx0 = cx + lw[i]
            bx1 = inner1 if len(row) == 1 else cx + half
            ly = yy + (bh - lsize * 0.72) / 2
            lx = bx0 - 6 - label_w(label) if right_labels else cx
            if caps:
                _small_caps(s, lx, ly, label, lsize, lface)
            else:
                s.text(lx, ly, label, lsize, lface)
            s.box(bx0, yy, bx1 - bx0, bh, 1.0)
            s.line(bx0, yy, bx1, yy, 0.7, 0.45)
            s.line(bx0, yy, bx0, yy + bh, 0.7, 0.45)
            s.line(bx0, yy + bh, bx1, yy + bh, 0.7, 0.82)
            s.line(bx1, yy, bx1, yy + bh, 0.7, 0.82)
            s.text(bx0 + 4, yy + (bh - vsize * 0.72) / 2, value, vsize, vface, max_w=bx1 - bx0 - 8)
        yy += row_step
    s.box(0, h - status_h, w, status_h, 0.9)
    s.line(0, h - status_h, w, h - status_h, 0.4, 0.7)
    clock = f"{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    read_on = min(family.issue_date + timedelta(days=rng.randint(30, 2000)), date(2026, 10, 30))
    s.text(8, h - status_h + 5, rng.choice(("Kartu terbaca", "Status: Kartu berhasil dibaca", "Siap")), 8, ui)
    s.text(w * 0.35, h - status_h + 5, f"Reader: {rng.choice(_READER_DEVICES)}", 8, ui)
    s.right(w - 10, h - status_h + 5, f"{read_on:%d/%m/%Y} {clock}", 8, ui)
    dpi = rng.uniform(140, 170)  # a 150-175 % scaled screen
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.photo_box(*(round(v * k) for v in photo))
    pg.signature((px0 + 24) * k, (sy + 16) * k, (pane_w - 48) * k, 30 * k)
    truth = _ktp_truth(
        family,
        p,
        province=_region(family.province_code),
        regency=_region(family.regency_code),
        valid_until="SEUMUR HIDUP",
    )
    return RenderedDocument("ktp", pg.img, truth, layout="ktp-pembaca-chip")


# --- KTP-el: a village office's Surat Keterangan Penduduk, the values in mixed case -------------------------

_KADES = (
    "SUPRIYANTO", "H. ABDUL ROHMAN", "SUTRISNO, S.Sos", "WAYAN SUARDANA", "YOHANIS LAKA", "MARIYATI, S.E.",
    "ASEP SAEPULOH", "HERMAN SIREGAR", "AHMAD MUZAKKI", "NURHAYATI", "RUSLAN EFENDI, S.IP",
)  # fmt: skip
_PURPOSES = (
    "Persyaratan pengurusan KTP-el",
    "Pembuatan KTP-el",
    "Persyaratan administrasi kependudukan",
    "Pengganti KTP-el yang hilang",
    "Melengkapi persyaratan perekaman KTP-el",
)


def ktp_suket_desa(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A village or kelurahan office's Surat Keterangan Penduduk: label lines with mixed-case values, the
    address run together or broken up, the village head's signature and stamp."""
    p = _apostrophe(p, rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("helvetica", "helvetica-bold"),
         ("schoolbook", "schoolbook-bold"), ("palatino", "palatino-bold"), ("utopia", "utopia-bold"),
         ("narrow", "narrow-bold"))
    )  # fmt: skip
    face, bold = faces
    kel = _is_kelurahan(family)
    unit = "KELURAHAN" if kel else "DESA"
    head_title = "Lurah" if kel else "Kepala Desa"
    village, district = _region(family.village_code), _region(family.district_code)
    regency, province = _region(family.regency_code), _region(family.province_code)
    m = rng.uniform(46, 58)
    x0, x1 = m, w - m
    top = m - 14
    kx0 = x0 + 50
    s.centre(top, "PEMERINTAH " + regency, 12.5, bold, kx0, x1)
    s.centre(top + 15, "KECAMATAN " + district, 12.5, bold, kx0, x1)
    s.centre(top + 31, f"{unit} {village}", 15, bold, kx0, x1)
    street = rng.choice(("Jl. Raya", "Jl. Balai Desa", "Jl. Pemuda", "Jl. Kantor Desa", "Jl. Poros"))
    s.centre(
        top + 50,
        f"Alamat : {street} No. {rng.randint(1, 99)}  Kode Pos {family.postal_code}",
        8.5,
        face,
        kx0,
        x1,
    )
    s.line(x0, top + 62, x1, top + 62, 2.0)
    s.line(x0, top + 65.5, x1, top + 65.5, 0.6)
    y = top + 84
    title = rng.choice(("SURAT KETERANGAN PENDUDUK", "SURAT KETERANGAN KEPENDUDUKAN", "SURAT KETERANGAN"))
    s.centre(y, title, 13, bold)
    tw = s.width(title, 13, bold)
    s.line((w - tw) / 2, y + 14, (w + tw) / 2, y + 14, 0.8)
    letter_day = min(
        family.issue_date + timedelta(days=rng.randint(30, 1500)),
        date(2026, 10, 30) - timedelta(days=rng.randint(0, 240)),
    )
    code = rng.choice((family.village_code, "Kel" if kel else "Ds", "PEM", "KEL" if kel else "DS"))
    month = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[letter_day.month - 1]
    s.centre(y + 19, f"Nomor : 470/{rng.randint(12, 480):03d}/{code}/{month}/{letter_day.year}", 10, face)
    y += 46
    size = rng.uniform(10.4, 11.2)
    lead = size + rng.uniform(5, 6.5)
    title_case = village.title() if rng.random() < 0.7 else village
    y = _prose(
        s,
        x0,
        y,
        x1 - x0,
        [
            (
                f"Yang bertanda tangan di bawah ini, {head_title} {title_case}, Kecamatan {_mixed(district)},",
                face,
            ),
            (f"{_mixed(regency)}, menerangkan dengan sebenarnya bahwa:", face),
        ],
        size,
        lead,
    )
    y += 6
    name = p.name if rng.random() < 0.7 else _mixed(p.name)
    born = _date(p.birth_date, rng.choice(("dmy-dash", "long-title", "long-pad", "dmy-slash")))
    age = (letter_day - p.birth_date).days // 365
    sex = "Laki-laki" if p.sex == "M" else "Perempuan"
    proof = rng.random() < 0.4  # the NIK in a "Bukti Diri" line beside the KK number
    items: list[tuple[str, str]] = [(rng.choice(("Nama", "Nama Lengkap")), name)]
    if not proof:
        items.append((rng.choice(("NIK", "Nomor NIK", "No. KTP/NIK")), p.nik))
    if rng.random() < 0.6:
        items.append((rng.choice(("Tempat/Tgl. Lahir", "Tempat, Tanggal Lahir", "Tempat / Tgl Lahir")),
                      f"{_mixed(p.place_of_birth)}, {born}"))  # fmt: skip
    else:
        items += [("Tempat Lahir", _mixed(p.place_of_birth)), ("Tanggal Lahir", born)]
    if rng.random() < 0.6:
        items.append(("Umur", f"{age} Tahun"))
    items += [
        ("Jenis Kelamin", sex),
        ("Agama", _mixed(p.religion)),
        (rng.choice(("Status Perkawinan", "Status")), _mixed(p.marital_status)),
        ("Pekerjaan", _mixed(p.occupation)),
        (rng.choice(("Kewarganegaraan", "Warga Negara")), p.citizenship),
    ]
    if rng.random() < 0.4:  # citizenship right after the name's lines, as some templates have it
        items.insert(3, items.pop())
    run_on = rng.random() < 0.55
    unit_word = "Kelurahan" if kel else "Desa"
    if run_on:
        address = (
            f"{_mixed(family.address)} RT {family.rt} RW {family.rw} {unit_word} {_mixed(village)} "
            f"Kecamatan {_mixed(district)} {_mixed(regency)} Provinsi {_mixed(province)}"
        )
        items.append((rng.choice(("Alamat", "Alamat/Tempat Tinggal", "Tempat Tinggal")), address))
    else:
        items += [
            (rng.choice(("Alamat", "Alamat/Tempat Tinggal")), _mixed(family.address)),
            ("RT/RW", f"{family.rt}/{family.rw}"),
            (rng.choice(("Desa/Kelurahan", unit_word)), _mixed(village)),
            ("Kecamatan", _mixed(district)),
            (rng.choice(("Kabupaten/Kota", "Kabupaten")), _mixed(regency)),
            ("Provinsi", _mixed(province)),
        ]
    if proof:
        items.append(
            (rng.choice(("Bukti Diri", "Surat Bukti Diri")), f"KTP/NIK : {p.nik}   KK : {family.kk_number}")
        )
    items.append(("Keperluan", rng.choice(_PURPOSES)))
    numbered = rng.random() < 0.5
    lx = x0 + rng.uniform(14, 30)
    labels = [f"{i + 1}. {label}" if numbered else label for i, (label, _) in enumerate(items)]
    colon = lx + max(s.width(t, size, face) for t in labels) + rng.uniform(8, 20)
    y = _label_lines(
        s, lx, y, list(zip(labels, (v for _, v in items), strict=True)), size, faces, colon, x1, lead,
        bold_values=rng.random() < 0.25,
    )  # fmt: skip
    y += 8
    body = (
        f"Orang tersebut di atas adalah benar-benar penduduk {unit_word} {_mixed(village)} yang berdomisili "
        "di alamat tersebut. Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan "
        "sebagaimana mestinya."
    )
    y = _prose(s, x0, y, x1 - x0, [(body, face)], size, lead) + 16
    bx = w * rng.uniform(0.54, 0.6)
    s.text(
        bx,
        y,
        f"{_mixed(village)}, {_date(letter_day, rng.choice(('long-title', 'long-pad', 'dmy-dash')))}",
        size,
        face,
        max_w=x1 - bx,
    )
    an = rng.random() < 0.3
    s.text(
        bx, y + lead, ("a.n. " if an else "") + f"{head_title} {_mixed(village)}", size, bold, max_w=x1 - bx
    )
    if an:
        s.text(bx, y + 2 * lead, "Sekretaris " + ("Kelurahan" if kel else "Desa"), size, face)
    official = rng.choice(_KADES)
    s.text(bx, y + 2 * lead + 58, official, size, bold, max_w=x1 - bx)
    s.line(bx, y + 2 * lead + 59 + size, bx + s.width(official, size, bold), y + 2 * lead + 59 + size, 0.6)
    applicant = rng.random() < 0.4
    if applicant:
        s.centre(y + lead, "Pemohon,", size, face, x0, x0 + 190)
        s.centre(y + 2 * lead + 58, name, size, face, x0, x0 + 190)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 24) * k, (top + 28) * k, 24 * k, 80)
    pg = _page_of(img, rng)
    sign_y = y + 2 * lead + 14
    pg.signature((bx + 20) * k, sign_y * k, 110 * k, 32 * k)
    pg.stamp((bx + rng.uniform(-10, 15)) * k, (sign_y + 16) * k, 40 * k, f"PEMERINTAH {unit}|{village[:13]}")
    if applicant:
        pg.signature((x0 + 60) * k, sign_y * k, 70 * k, 26 * k)
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _ktp_truth(family, p, province=province, regency=regency)
    del truth["blood_type"]
    return RenderedDocument("ktp", page, truth, layout="ktp-suket-desa")


# --- SKPWNI: numbered items, each answer on the line under its label, in two columns ---------------------------


def skpwni_tanya_jawab(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Numbered items whose answers stand on the line under them, flowing in two columns under roman
    sections; the members moving under the columns."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    w, h = (609.4, 935.4) if len(movers) > 3 or rng.random() < 0.4 else (595.0, 842.0)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"), ("courier", "courier-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.6 else face
    number = _skpwni_number(origin, serial)
    regency = _region(origin.regency_code)
    m = rng.uniform(32, 42)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 50, x1, m - 10)
    s.centre(
        y,
        rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA")),
        12.5,
        bold,
    )
    s.centre(y + 15, "Nomor : " + number, 10, face)
    y += 36
    split_rtrw = rng.random() < 0.5
    asal = rng.random() < 0.6  # "... asal" / "... tujuan" in the labels

    def place(fam: Family, side: str) -> list[tuple[str, str]]:
        tail = f" {side}" if asal else ""
        out = [(rng.choice(("Alamat", "Alamat (jalan/dusun)")) + tail, fam.address)]
        out += (
            [("RT" + tail, fam.rt), ("RW" + tail, fam.rw)]
            if split_rtrw
            else [("RT / RW" + tail, f"{fam.rt} / {fam.rw}")]
        )
        out += [
            ("Desa/kelurahan" + tail, _region(fam.village_code)),
            ("Kecamatan" + tail, _region(fam.district_code)),
            ("Kabupaten/kota" + tail, _region(fam.regency_code)),
            ("Provinsi" + tail, _region(fam.province_code)),
            ("Kode pos" + tail, fam.postal_code),
        ]
        return out

    cls = MOVE_CLASSES.index(move_class(origin, dest))
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (rng.choice(("DATA PEMOHON", "KETERANGAN PEMOHON")), [
            ("Nomor Induk Kependudukan (NIK)", p.nik),
            ("Nama lengkap", p.name),
            ("Nomor Kartu Keluarga", origin.kk_number),
            ("Nama kepala keluarga", origin.head.name),
        ]),
        (rng.choice(("DAERAH ASAL", "DATA DAERAH ASAL")), place(origin, "asal")),
        (rng.choice(("KEPINDAHAN", "DATA KEPINDAHAN")), [
            ("Alasan pindah", _choice_text("reason", mv.reason, rng)),
            ("Klasifikasi pindah", _choice_text("class", cls, rng)),
            ("Jenis kepindahan", _choice_text("type", mv.kind, rng)),
            ("Rencana tanggal pindah", _date(mv.day, rng.choice(("dmy-dash", "long-title", "long", "dmy-slash")))),
        ]),
        (rng.choice(("DAERAH TUJUAN", "DATA DAERAH TUJUAN")), place(dest, "tujuan")),
    ]  # fmt: skip
    if rng.random() < 0.4:  # the destination before the move's details
        sections[2], sections[3] = sections[3], sections[2]
    size = rng.uniform(9.0, 9.8)
    gutter = 22.0
    colw = (x1 - x0 - gutter) / 2
    indent = rng.uniform(12, 22)
    answer_rule = rng.choice(("line", "dots", "none"))
    colon = rng.random() < 0.75
    roman = ("I", "II", "III", "IV", "V")
    entries: list[tuple[str, str, list[str]]] = []  # (kind, text, answer lines)
    n = 0
    for i, (title, items) in enumerate(sections):
        entries.append(("section", f"{roman[i]}. {title}", []))
        for label, value in items:
            n += 1
            entries.append(
                (
                    "item",
                    f"{n}. {label}" + (":" if colon else ""),
                    _split(s, value, size, vface, colw - indent - 4),
                )
            )
    lead = size + 3
    gap = rng.uniform(4, 6)

    def height(entry: tuple[str, str, list[str]]) -> float:
        kind, _, lines = entry
        return size + 10 if kind == "section" else lead * (1 + len(lines)) + gap

    total = sum(height(e) for e in entries)
    acc, cut = 0.0, len(entries)
    for i, e in enumerate(entries):
        if acc + height(e) / 2 > total / 2:
            cut = i
            break
        acc += height(e)
    if entries[cut - 1][0] == "section":  # no heading left alone at a column's foot
        cut -= 1
    top = y
    bottom = y
    for col, part in enumerate((entries[:cut], entries[cut:])):
        cx = x0 + col * (colw + gutter)
        yy = top
        for kind, text, lines in part:
            if kind == "section":
                s.text(cx, yy + 2, text, size + 0.4, bold, max_w=colw)
                yy += size + 10
                continue
            s.text(cx, yy, text, size, face, max_w=colw)
            for j, line in enumerate(lines):
                ay = yy + lead * (j + 1)
                s.text(cx + indent, ay, line, size, vface, max_w=colw - indent - 4)
                if answer_rule == "line":
                    s.line(cx + indent - 2, ay + size + 1.6, cx + colw, ay + size + 1.6, 0.35, 0.5)
                elif answer_rule == "dots":
                    s.line(
                        cx + indent - 2, ay + size + 1.6, cx + colw, ay + size + 1.6, 0.5, 0.3, dash="0.6 1.8"
                    )
            yy += lead * (1 + len(lines)) + gap
        bottom = max(bottom, yy)
    if rng.random() < 0.5:
        s.line(x0 + colw + gutter / 2, top, x0 + colw + gutter / 2, bottom - gap, 0.5, 0.4)
    y = bottom + 8
    s.text(x0, y, f"{roman[4]}. ANGGOTA KELUARGA YANG PINDAH", size + 0.4, bold)
    y = _members_table(s, x0, x1, y + size + 8, movers, faces, size - 0.5) + 16
    place_name = _issue_place(origin).title()
    issued = _date(origin.issue_date, rng.choice(("long-title", "dmy-dash", "long")))
    bx = w * 0.56
    s.text(bx, y, f"{place_name}, {issued}", size + 0.5, face, max_w=x1 - bx)
    s.centre(y + 14, "Pemohon,", size + 0.5, face, x0, w * 0.45)
    s.text(
        bx,
        y + 14,
        rng.choice(("a.n. KEPALA DINAS KEPENDUDUKAN", "KEPALA DINAS KEPENDUDUKAN")),
        size,
        bold,
        max_w=x1 - bx,
    )
    s.text(bx, y + 26, "DAN PENCATATAN SIPIL", size, bold)
    s.centre(y + 82, p.name, size + 0.5, face, x0, w * 0.45)
    s.text(bx, y + 82, rng.choice(_OFFICIALS), size + 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 94, "NIP. " + _nip(rng), size, face)
    dpi = rng.uniform(205, 230)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 24) * k, (m + 14) * k, 22 * k, 80)
    pg = _page_of(img, rng)
    pg.signature((bx + 20) * k, (y + 42) * k, 110 * k, 32 * k)
    pg.signature((w * 0.22 - 40) * k, (y + 44) * k, 80 * k, 26 * k)
    pg.stamp((bx + rng.uniform(-5, 20)) * k, (y + 50) * k, 40 * k, "DUKCAPIL|" + _issue_place(origin)[:12])
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-tanya-jawab")


# --- SKPWNI: boxed panels titled only by a side label, RT/RW boxes and a postal-code comb ---------------------


def skpwni_panel_samping(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Origin, move and destination as stacked boxed panels titled by a side label in a shaded strip; RT
    and RW in boxes of their own, the postal code in a five-digit comb."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    w, h = (609.4, 935.4) if len(movers) > 4 or rng.random() < 0.4 else (595.0, 842.0)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("avantgarde", "avantgarde-demi"), ("schoolbook", "schoolbook-bold"), ("utopia", "utopia-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.5 else face
    number = _skpwni_number(origin, serial)
    regency = _region(origin.regency_code)
    m = rng.uniform(30, 40)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 50, x1, m - 10)
    s.centre(y, rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH")), 13, bold)
    s.centre(y + 16, "Nomor : " + number, 10, face)
    y += 36
    size = rng.uniform(9.2, 10)
    step = size + rng.uniform(6, 8)
    person = [
        (rng.choice(("NIK", "NIK Pemohon")), p.nik),
        (rng.choice(("Nama Lengkap", "Nama")), p.name),
        (rng.choice(("Nomor KK", "No. Kartu Keluarga")), origin.kk_number),
        ("Kepala Keluarga", origin.head.name),
    ]
    mid = (x0 + x1) / 2
    ends = []
    for col, part in enumerate((person[:2], person[2:])):
        cx = x0 + 4 + col * (mid - x0)
        colon = cx + max(s.width(lb, size, face) for lb, _ in part) + 8
        right = cx + (mid - x0) - 10
        ends.append(_label_lines(s, cx, y, part, size, faces, colon, right, step, bold_values=vface == bold))
    y = max(ends) + 2
    strip = rng.uniform(20, 26)
    dark = rng.random() < 0.4
    stacked = rng.random() < 0.35  # the side label's letters one over another
    side_size = size + 1.5
    over = rng.random() < 0.5  # a small label over each region value instead of label : value
    names = rng.choice((("ASAL", "PINDAH", "TUJUAN"), ("DAERAH ASAL", "KEPINDAHAN", "DAERAH TUJUAN")))
    if stacked:
        names = ("ASAL", "PINDAH", "TUJUAN")
    bx0 = x0 + strip + 10
    bw_digit = size + 3
    postal_x = bx0 + (x1 - bx0) * rng.uniform(0.42, 0.55)

    def panel(top: float, bottom: float, title: str) -> float:
        if stacked:  # the panel at least as tall as its side label's letters
            bottom = max(bottom, top + len(title) * (side_size + 2) + 10)
        s.box(x0, top, strip, bottom - top, 0.3 if dark else 0.86)
        ink = 1.0 if dark else 0.0
        if stacked:
            n = len(title)
            step_c = min(side_size + 3, (bottom - top - 8) / n)
            y0 = top + (bottom - top - n * step_c) / 2 + 1.5
            for i, ch in enumerate(title):
                _centre_grey(s, y0 + i * step_c, ch, side_size, bold, x0, x0 + strip, ink)
        else:
            fit = s.fit(title, side_size, bold, bottom - top - 10)
            _upright(s, x0 + strip / 2, (top + bottom) / 2, title, fit, bold, ink)
        s.rect(x0, top, x1 - x0, bottom - top, 0.9)
        s.line(x0 + strip, top, x0 + strip, bottom, 0.7)
        return bottom

    def address_panel(top: float, fam: Family, title: str) -> float:
        yy = top + 8
        colon = bx0 + s.width("Alamat", size, face) + 10
        lines = _split(s, fam.address, size, vface, x1 - colon - 16)
        s.text(bx0, yy, "Alamat", size, face)
        s.text(colon, yy, ":", size, face)
        for i, line in enumerate(lines):
            s.text(colon + 7, yy + i * (size + 3), line, size, vface)
        yy += step + (len(lines) - 1) * (size + 3) + 2
        x = bx0
        bh = size + 6
        for label, value in (("RT", fam.rt), ("RW", fam.rw)):
            x = s.text(x, yy + 3, label, size, face) + 6
            s.rect(x, yy, s.width("0000", size, vface) + 8, bh, 0.7)
            s.text(x + 4, yy + 3, value, size, vface)
            x += s.width("0000", size, vface) + 22
        x = max(x + 10, postal_x)
        x = s.text(x, yy + 3, "Kode Pos", size, face) + 8
        _boxes(s, x, yy + 0.5, fam.postal_code, size, vface, bw_digit)
        yy += bh + 8
        grid = [
            (rng.choice(("Desa/Kelurahan", "Kel/Desa")), _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
        ]
        gmid = bx0 + (x1 - bx0) / 2
        for r in range(2):
            for c in range(2):
                label, value = grid[2 * r + c]
                gx = bx0 + c * (gmid - bx0)
                room = (gmid - bx0) - 14
                if over:
                    s.text(gx, yy, label, size - 2.2, face, grey=0.3)
                    s.text(gx, yy + size - 0.5, value, size, vface, max_w=room)
                else:
                    gc = gx + s.width("Kabupaten/Kota", size, face) + 6
                    s.text(gx, yy, label, size, face)
                    s.text(gc, yy, ":", size, face)
                    s.text(gc + 6, yy, value, size, vface, max_w=gx + room - gc - 6)
            yy += (2 * size + 4) if over else step
        bottom = yy + 2
        return panel(top, bottom, title)

    def move_panel(top: float, title: str) -> float:
        cls = MOVE_CLASSES.index(move_class(origin, dest))
        items = [
            ("Alasan Pindah", _choice_text("reason", mv.reason, rng)),
            ("Klasifikasi Pindah", _choice_text("class", cls, rng)),
            ("Jenis Kepindahan", _choice_text("type", mv.kind, rng)),
            (rng.choice(("Rencana Tanggal Pindah", "Tanggal Pindah")),
             _date(mv.day, rng.choice(("dmy-dash", "long-title", "long", "dmy-slash")))),
        ]  # fmt: skip
        colon = bx0 + max(s.width(lb, size, face) for lb, _ in items) + 8
        bottom = _label_lines(
            s, bx0, top + 8, items, size, faces, colon, x1 - 8, step, bold_values=vface == bold
        )
        return panel(top, bottom, title)

    order = ("asal", "pindah", "tujuan") if rng.random() < 0.6 else ("asal", "tujuan", "pindah")
    panel_gap = rng.uniform(6, 12)
    for key in order:
        if key == "asal":
            y = address_panel(y, origin, names[0]) + panel_gap
        elif key == "tujuan":
            y = address_panel(y, dest, names[2]) + panel_gap
        else:
            y = move_panel(y, names[1]) + panel_gap
    y += 6
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
    pg.signature((bx + 20) * k, (y + 2 * step + 16) * k, 110 * k, 32 * k)
    pg.stamp(
        (bx + rng.uniform(-8, 20)) * k,
        (y + 2 * step + 26) * k,
        40 * k,
        "DUKCAPIL|" + _issue_place(origin)[:12],
    )
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-panel-samping")
