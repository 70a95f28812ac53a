"""A tenth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type. Rounds 4-9 went to ever harsher photos; this round is a HELD-OUT SET of TYPESET pages: the four
document types laid out in structures and wordings no older layout has, rendered the way the first rounds
are (a clean page image, to be degraded by `degrade.degrade` like any page), so that they estimate how the
extractor does on forms it was never shown. Each layout is a family of pages: field order, label wording,
date form, face, sizes and margins are drawn from the rng.

- KK, `kk-folio-potret`: an older (pre-2018) KK on a PORTRAIT folio sheet (215 x 330 mm): the header as one
  column of labels or two ruled columns, ABBREVIATED labels ("Kel/Desa", "Kec.", "Kab/Kota", "Kd. Pos",
  "Prop.") and COLUMN TITLES ("Jns. Kel.", "Tmp. Lahir", "Tgl. Lahir", "Gol. Drh", "Sts. Kawin", "SHDK",
  "Kwn."), the two member tables stacked in fixed narrow columns whose long cells WRAP onto two or three
  lines, NIK sometimes before the name, "Kepala Dinas Kependudukan dan Catatan Sipil" (the office's old name),
  the "Lembar I-IV" footnote, a faint security print under it all.
- KK, `kk-siak-web`: the family's record in SIAK's WEB VIEW printed from the browser (its date and title
  header, the URL and "1/1" footer): the app's bar and breadcrumb, the header as READ-ONLY FORM FIELDS (label
  above or beside a boxed value, RT and RW in two boxes, "NIK Kepala Keluarga" too), the members in two web
  tables with only horizontal rules (NIK before the name, on some the name again in the second, zebra rows),
  dates as the database shows them (2011-05-07) or dd-mm-yyyy.
- Akta kelahiran, `akta-glosa-kolom`: a BILINGUAL Kutipan whose labels stand in a left column, each with its
  ENGLISH GLOSS ON THE LINE BELOW ("Tempat Lahir" over "Place of Birth"), values in bold in a right column
  that long values (the date in digits and words, the parents) WRAP in; the number, NIK, place and date in
  several orders (one row "Tempat dan Tanggal Lahir" or two), the parents sometimes grouped under "Nama Orang
  Tua / Name of Parents"; a bilingual issue block, stamp and signature over it, sometimes a QR code.
- Akta kelahiran, `akta-titik-penuntun`: a Kutipan whose items are DOTTED LEADER lines ("Nama Anak
  ........... BUDI"): leaders to the value, to a colon, or after the value to the margin (as clerks fill a
  line so nothing can be added), numbered, lettered or bare, sometimes grouped under "I. KETERANGAN ANAK" /
  "II. KETERANGAN ORANG TUA"; "Tempat/Tgl. Lahir" on one row or "Hari/Tanggal Lahir : Selasa, 07 Mei 2011";
  a DIAGONAL WATERMARK behind the text, a QR code with the TTE note or a wet signature and stamp.
- KTP-el, `ktp-pindai-datar`: the card FLAT-SCANNED at 300-400 dpi (white scanner bed around it, a little
  askew): the label column's width, the label size and case, the wordings ("Tmp/Tgl Lahir", "Jns Kelamin",
  "Desa/Kel", "Kec.", "Status Kawin"), "Gol. Darah" on the sex's row or its own, "RT/RW : 003/005" or
  "003 / 005" indented or not, all drawn per card; the emblem's pale security print behind the text, the
  holder's signature over the issue date.
- KTP-el, `ktp-suket`: the SURAT KETERANGAN the Dinas issued in place of the card while blanks ran short
  (2016-2019): letterhead with the emblem's place, "Nomor : 471.13/...", a sentence, the card's data as a
  numbered list (or under "DATA PRIBADI" / "ALAMAT"), "Tempat/Tgl. Lahir" on one row or two, "Kab/Kota" and
  "Provinsi" as rows, a 3x4 photo beside the list with the stamp over its corner, "berlaku sebagai pengganti
  KTP-el", "Dikeluarkan di / Pada tanggal", a QR code. The truth has no "valid until" (the letter prints none).
- SKPWNI, `skpwni-dua-halaman`: the two-page certificate PRINTED TWO PAGES TO A SHEET (landscape, each page
  at about 0.68, framed by the print driver): page 1 the letterhead, DATA DAERAH ASAL and DATA KEPINDAHAN,
  page 2 a running head, DATA DAERAH TUJUAN, the members moving and the signature; "Halaman 1 dari 2".
- SKPWNI, `skpwni-kode-wilayah`: the certificate as a FULLY RULED FORM of NUMBERED ROWS (numbering running
  through lettered sections "A. DATA DAERAH ASAL"...), every region as "Kode - Nama": its CODE IN BOXES beside
  its name ("[3][4] DAERAH ISTIMEWA YOGYAKARTA", the village's four digits), the KK number and NIK one digit
  to a box, RT and RW and the postal code in boxes, the choices as a boxed option number with its name, the
  move date as Tgl/Bln/Thn boxes; the levels listed from the province down or from the village up.

Faces: round 8 and 9's PDF sheets drawn by pdfium (Times, Helvetica, Helvetica Narrow and Light, Bookman,
New Century Schoolbook, Palatino, Utopia, Avant Garde, Courier, with their italics for the English glosses);
stamps and signatures as `variety.Page` draws them. Names on the letter and the certificate sometimes carry
an apostrophe ("MA'RUF", "NUR'AINI"), as real ones do. Ground truths are normalised as the older layouts' are
(the same keys per type). Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PIL import Image, ImageChops, ImageDraw

from tools.docgen.render import MONTHS, RenderedDocument, _member_cells, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_CLASSES_SHORT,
    MOVE_REASONS,
    MOVE_TYPES,
    MOVE_TYPES_SHORT,
    Move,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _ktp_truth,
    _move,
    _skpwni_truth,
    format_date,
    move_class,
    number_words,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round4 import _DAYS
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round7 import _emblem_place, _members
from tools.docgen.variety_round8 import _PDF_FACES, PdfSheet, _ascii, _page_of, _token
from tools.docgen.variety_round9 import _CARD_H, _CARD_W, _prose
from tools.synthetic.residents import Family, Person

Cells = dict[str, tuple[str, str]]
Faces = tuple[str, str]

# --- faces: round 8 and 9's PDF faces (round 9's import registers its own), and the italics glosses need -----

_PDF_FACES.update(
    {
        "helvetica-oblique": ("Helvetica-Oblique", "pdfcorefonts/Helvetica-Oblique.afm"),
        "utopia-italic": ("Utopia-Italic", "afm/putri8a.afm"),
        "avantgarde-oblique": ("AvantGarde-BookOblique", "afm/pagko8a.afm"),
    }
)

# --- dates, names and small drawing helpers ----------------------------------------------------------------


def _date(d: date, style: str) -> str:
    """`format_date`'s styles and a few more real prints have: ISO (a database's view), the month's name in
    title case with the day padded, the day of the week first, digits with the words in brackets."""
    if style == "iso":
        return d.isoformat()
    if style == "long-pad":
        return f"{d.day:02d} {MONTHS[d.month - 1].title()} {d.year}"
    if style == "weekday":
        return f"{_DAYS[d.weekday()]}, {d.day:02d} {MONTHS[d.month - 1].title()} {d.year}"
    if style == "digits-words":
        return f"{format_date(d, 'dmy-dash')} ({format_date(d, 'words')})"
    if style == "words-title":
        return format_date(d, "words").title()
    return format_date(d, style)


def _cells(p: Person, style: str) -> Cells:
    """A member's KK cells with both dates printed in `style` (the truth stays ISO)."""
    cells = dict(_member_cells(p))
    cells["birth_date"] = (_date(p.birth_date, style), cells["birth_date"][1])
    if p.marriage_date:
        cells["marriage_date"] = (_date(p.marriage_date, style), cells["marriage_date"][1])
    return cells


_APOSTROPHE_NAMES = {
    "M": ("MA'RUF", "SYAFI'I", "NU'MAN", "JUMA'IN", "MAS'UD"),
    "F": ("NUR'AINI", "MU'AWANAH", "RO'IYAH", "SA'ADAH", "MAR'ATUS"),
}


def _apostrophe(p: Person, rng: random.Random, chance: float) -> Person:
    """Now and then a person whose first name has an apostrophe, as Arabic-origin names are spelt; only for a
    name of two words or more without titles (the document prints and the truth keeps it as it is)."""
    words = p.name.split()
    if rng.random() >= chance or len(words) < 2 or any(c in p.name for c in ",."):
        return p
    return replace(p, name=" ".join([rng.choice(_APOSTROPHE_NAMES[p.sex]), *words[1:]]))


def _split(s: PdfSheet, text: str, size: float, face: str, room: float) -> list[str]:
    """`text` broken into lines of at most `room` points at spaces (and after a slash inside a word too long
    for a line, as "PETANI/" "PEKEBUN"); a line still too long is squeezed when drawn."""
    tokens: list[tuple[str, bool]] = []  # (text, a space before it)
    for word in text.split():
        if s.width(word, size, face) > room and "/" in word:
            parts = word.split("/")
            tokens += [(part + ("/" if i < len(parts) - 1 else ""), i == 0) for i, part in enumerate(parts)]
        else:
            tokens.append((word, True))
    lines: list[str] = []
    cur = ""
    for tok, spaced in tokens:
        cand = cur + (" " if spaced and cur else "") + tok
        if cur and s.width(cand, size, face) > room:
            lines.append(cur)
            cur = tok
        else:
            cur = cand
    return [*lines, cur] if cur else lines or [""]


def _slanted(
    s: PdfSheet, cx: float, cy: float, text: str, size: float, face: str, angle: float, grey: float
) -> None:
    """`text` turned `angle` degrees (counter-clockwise) about its middle at (cx, cy): a watermark."""
    if face not in s.faces:
        s.faces.append(face)
    w = s.width(text, size, face)
    c, si = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    x, y = cx - c * w / 2, (s.h - cy) - si * w / 2
    safe = _ascii(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    s.ops.append(
        f"BT {grey:.2f} g /F{s.faces.index(face)} {size:.2f} Tf {c:.4f} {si:.4f} {-si:.4f} {c:.4f} "
        f"{x:.2f} {y:.2f} Tm ({safe}) Tj ET 0 g"
    )


def _boxes(s: PdfSheet, x: float, y: float, text: str, size: float, face: str, bw: float) -> float:
    """`text` one character to a box (y: the boxes' top); the x after the last box."""
    bh = size + 5
    for ch in text:
        s.rect(x, y, bw, bh, 0.6)
        s.text(x + (bw - s.width(ch, size, face)) / 2, y + (bh - size * 0.72) / 2, ch, size, face)
        x += bw
    return x


def _security(img: Image.Image, rng: random.Random, lo: int, hi: int, passes: int = 2) -> Image.Image:
    """A faint security print (waves) under the print: the darker of the two wins."""
    pattern = Page(img.width, img.height, "sans", rng, paper=255)
    for _ in range(passes):
        pattern.guilloche(lo, hi)
    return ImageChops.darker(img, pattern.img)


def _emblem(img: Image.Image, cx: float, cy: float, r: float, shade: int) -> Image.Image:
    """The national emblem's place (an outline, never the emblem) in grey."""
    layer = Image.new("RGB", img.size, (255, 255, 255))
    _emblem_place(ImageDraw.Draw(layer), cx, cy, r, (shade, shade, shade))
    return ImageChops.darker(img, layer.convert("L"))


def _paper(img: Image.Image, tone: int) -> Image.Image:
    """White paper a little off white (the ink stays where it is)."""
    return img.point(lambda v: v * tone // 255)


def _kop(
    s: PdfSheet, regency: str, rng: random.Random, faces: Faces, x0: float, x1: float, top: float
) -> float:
    """A Dinas's letterhead centred over [x0, x1]: the government, the office, its street and telephone, a
    thick and a thin rule. The y under it."""
    face, bold = faces
    s.centre(top, "PEMERINTAH " + regency, 13, bold, x0, x1)
    s.centre(top + 16, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 13, bold, x0, x1)
    street = rng.choice(
        ("Jl. Veteran", "Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Pahlawan", "Jl. Merdeka")
    )
    s.centre(
        top + 33,
        f"{street} No. {rng.randint(1, 140)}  Telp. ({rng.randint(21, 778):04d}) {rng.randint(300000, 899999)}",
        8.5,
        face,
        x0,
        x1,
    )
    s.line(x0, top + 47, x1, top + 47, 2.0)
    s.line(x0, top + 50.5, x1, top + 50.5, 0.6)
    return top + 62


# --- KK: an older KK on a portrait folio sheet, columns narrow and abbreviated -----------------------------------

# (key, title variants, share of the table's width): the form, not the data, fixes the widths.
_FOLIO_T1: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("No", ("No", "No."), 0.035),
    ("name", ("Nama Lengkap", "Nama Lengkap"), 0.17),
    ("nik", ("NIK", "Nomor Induk Kependudukan"), 0.148),
    ("sex", ("Jenis Kelamin", "Jns. Kel.", "Jns Kelamin"), 0.083),
    ("place_of_birth", ("Tempat Lahir", "Tmp. Lahir"), 0.1),
    ("birth_date", ("Tanggal Lahir", "Tgl. Lahir"), 0.085),
    ("religion", ("Agama",), 0.075),
    ("education", ("Pendidikan", "Pendidikan Terakhir", "Pddk. Akhir"), 0.11),
    ("occupation", ("Jenis Pekerjaan", "Pekerjaan"), 0.115),
    ("blood_type", ("Gol. Darah", "Gol. Drh", "Gol Drh"), 0.055),
)
_FOLIO_T2: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("No", ("No", "No."), 0.035),
    ("marital_status", ("Status Perkawinan", "Status Kawin", "Sts. Kawin"), 0.1),
    ("marriage_date", ("Tanggal Perkawinan", "Tgl. Kawin", "Tgl. Perkawinan"), 0.09),
    ("relationship", ("Status Hubungan Dalam Keluarga", "Hub. Keluarga", "SHDK"), 0.105),
    ("citizenship", ("Kewarganegaraan", "Kwn.", "WNI/WNA"), 0.085),
    ("passport_number", ("No. Paspor", "Paspor"), 0.085),
    ("kitap_number", ("No. KITAS/KITAP", "KITAP"), 0.085),
    ("father_name", ("Nama Ayah", "Ayah"), 0.21),
    ("mother_name", ("Nama Ibu", "Ibu"), 0.205),
)


def _wrapping_table(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    columns: Sequence[tuple[str, str, float]],
    rows: list[Cells],
    size: float,
    faces: Faces,
) -> float:
    """A ruled table of fixed column shares: titles and cells wrapped inside their column, the other cells of
    a row centred beside the tallest. The y under it."""
    face, bold = faces
    pad, lead, hs = 2.0, size + 1.6, size - 0.3
    total = sum(share for _, _, share in columns)
    xs = [x0]
    for _, _, share in columns:
        xs.append(xs[-1] + (x1 - x0) * share / total)
    titles = [
        _split(s, title, hs, bold, xs[i + 1] - xs[i] - 2 * pad) for i, (title, _, _) in enumerate(columns)
    ]
    head_h = max(len(t) for t in titles) * (hs + 1.4) + 6
    for i, lines in enumerate(titles):
        top = y0 + (head_h - len(lines) * (hs + 1.4)) / 2 + 0.8
        for j, line in enumerate(lines):
            s.centre(top + j * (hs + 1.4), line, hs, bold, xs[i], xs[i + 1])
    y = y0 + head_h
    s.line(x0, y0, x1, y0, 0.9)
    s.line(x0, y, x1, y, 0.8)
    for r, cells in enumerate(rows):
        texts = [str(r + 1) if key == "No" else cells[key][0] for _, key, _ in columns]
        split = [_split(s, t, size, face, xs[i + 1] - xs[i] - 2 * pad) for i, t in enumerate(texts)]
        h = max(len(lines) for lines in split) * lead + 5
        for i, lines in enumerate(split):
            top = y + (h - len(lines) * lead) / 2 + 0.9
            for j, line in enumerate(lines):
                s.text(xs[i] + pad, top + j * lead, line, size, face, max_w=xs[i + 1] - xs[i] - 2 * pad)
        y += h
        s.line(x0, y, x1, y, 0.35 if r < len(rows) - 1 else 0.9)
    for x in xs:
        s.line(x, y0, x, y, 0.6)
    return y


def kk_folio_potret(family: Family, rng: random.Random) -> RenderedDocument:
    """An older KK on a portrait folio sheet: abbreviated labels and column titles, wrapped narrow cells."""
    w, h = 609.4, 935.4
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"),
         ("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"))
    )  # fmt: skip
    face, bold = faces
    m = rng.uniform(26, 40)
    emblem = rng.random() < 0.5
    y = m + (58 if emblem else rng.uniform(4, 12))
    s.centre(y, "KARTU KELUARGA", rng.uniform(15, 18), bold)
    y += 21
    s.centre(
        y,
        rng.choice(("No. ", "No. : ", "NOMOR : ", "Nomor KK : ")) + family.kk_number,
        rng.uniform(10.5, 12),
        bold,
    )
    y += 28
    rtrw = rng.choice((f"{family.rt}/{family.rw}", f"{family.rt} / {family.rw}"))
    head = {
        "head": (
            rng.choice(("Nama Kepala Keluarga", "Nama Kepala Kel.", "Kepala Keluarga")),
            family.head.name,
        ),
        "address": (rng.choice(("Alamat", "Alamat", "Jalan/Alamat")), family.address),
        "rtrw": (rng.choice(("RT/RW", "RT / RW", "Rt/Rw")), rtrw),
        "village": (
            rng.choice(("Desa/Kelurahan", "Kel/Desa", "Kelurahan/Desa", "Desa/Kel.")),
            _region(family.village_code),
        ),
        "district": (rng.choice(("Kecamatan", "Kec.")), _region(family.district_code)),
        "regency": (rng.choice(("Kabupaten/Kota", "Kab/Kota", "Kab./Kota")), _region(family.regency_code)),
        "postal": (rng.choice(("Kode Pos", "Kd. Pos")), family.postal_code),
        "province": (rng.choice(("Propinsi", "Provinsi", "Prop.")), _region(family.province_code)),
    }
    size = rng.uniform(9, 10.2)
    step = size + rng.uniform(4, 6)
    if rng.random() < 0.5:  # one column of labels
        order = rng.choice(
            (
                ("head", "address", "rtrw", "village", "district", "regency", "postal", "province"),
                ("head", "address", "rtrw", "postal", "village", "district", "regency", "province"),
                ("head", "address", "rtrw", "village", "district", "regency", "province", "postal"),
            )
        )
        x = m + 12
        colon = x + max(s.width(head[key][0], size, face) for key in order) + rng.uniform(8, 30)
        for key in order:
            label, value = head[key]
            s.text(x, y, label, size, face)
            s.text(colon, y, ":", size, face)
            s.text(colon + 7, y, value, size, face, max_w=w - m - colon - 14)
            y += step
    else:  # two columns, in a ruled box or not
        left, right = ("head", "address", "rtrw", "village"), ("district", "regency", "postal", "province")
        boxed = rng.random() < 0.5
        mid = w / 2 + rng.uniform(-8, 20)
        if boxed:
            s.rect(m, y - 5, w - 2 * m, 4 * step + 4, 0.8)
            s.line(mid - 8, y - 5, mid - 8, y - 1 + 4 * step, 0.6)
        hs = size - 0.5
        colon_l = m + 6 + max(s.width(head[key][0], hs, face) for key in left) + rng.uniform(5, 14)
        colon_r = mid + max(s.width(head[key][0], hs, face) for key in right) + rng.uniform(5, 14)
        for i, (lk, rk) in enumerate(zip(left, right, strict=True)):
            for key, x, colon, x1 in ((lk, m + 6, colon_l, mid - 12), (rk, mid, colon_r, w - m - 4)):
                label, value = head[key]
                s.text(x, y + i * step, label, hs, face)
                s.text(colon, y + i * step, ":", hs, face)
                s.text(colon + 6, y + i * step, value, hs, face, max_w=x1 - colon - 6)
        y += 4 * step
    y += 10
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash", "dmy-dot"))
    rows = [_cells(p, style) for p in family.members]
    t1 = [(rng.choice(titles), key, share) for key, titles, share in _FOLIO_T1]
    t2 = [(rng.choice(titles), key, share) for key, titles, share in _FOLIO_T2]
    if rng.random() < 0.3:  # the NIK before the name
        t1[1], t1[2] = t1[2], t1[1]
    table_size = rng.uniform(6.6, 7.4) if len(rows) < 6 else rng.uniform(6.3, 6.7)
    y = _wrapping_table(s, m, w - m, y, t1, rows, table_size, faces)
    y = _wrapping_table(s, m, w - m, y + rng.uniform(10, 18), t2, rows, table_size, faces)
    y = max(y + 18, h * 0.62)
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash", "long", "long-title")))
    s.text(
        m + 10, y, rng.choice(("Dikeluarkan Tanggal", "Tgl. Dikeluarkan", "Dikeluarkan tanggal")), 9.5, face
    )
    s.text(m + 112, y, ": " + issued, 9.5, face)
    regency = _region(family.regency_code)
    left_x, right_x = m + 20, w * 0.52
    s.centre(y + 22, "KEPALA KELUARGA", 9, bold, left_x, left_x + 190)
    s.centre(y + 90, family.head.name, 9, face, left_x, left_x + 190)
    s.centre(y + 22, "KEPALA DINAS KEPENDUDUKAN DAN", 9, bold, right_x, w - m)
    s.centre(y + 33, "CATATAN SIPIL " + regency, 9, bold, right_x, w - m)
    official = rng.choice(_OFFICIALS)
    s.centre(y + 90, official, 9, bold, right_x, w - m)
    s.centre(y + 101, "NIP. " + _nip(rng), 8.5, face, right_x, w - m)
    s.text(
        m + 4,
        h - m - 6,
        "Lembar I : Kepala Keluarga   II : RT   III : Desa/Kelurahan   IV : Kecamatan",
        7,
        face,
    )
    dpi = rng.uniform(200, 228)
    k = dpi / 72
    img = s.render(dpi)
    img = _security(img, rng, 226, 244)
    if emblem:
        img = _emblem(img, w / 2 * k, (m + 26) * k, 24 * k, 120)
    pg = _page_of(img, rng)
    mid_r = (right_x + w - m) / 2
    pg.signature((mid_r - 50) * k, (y + 50) * k, 100 * k, 30 * k)
    pg.signature((left_x + 50) * k, (y + 52) * k, 90 * k, 26 * k)
    pg.stamp(
        (mid_r - rng.uniform(30, 60)) * k,
        (y + rng.uniform(55, 75)) * k,
        40 * k,
        "DISDUKCAPIL|" + _issue_place(family)[:13],
    )
    page = _paper(pg.img, rng.randint(244, 252))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-folio-potret")


# --- KK: SIAK's web view of the family, printed from the browser ------------------------------------------------


def _web_table(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    columns: Sequence[tuple[str, str]],
    rows: list[Cells],
    size: float,
    faces: Faces,
    zebra: bool,
) -> float:
    """A web grid: bold titles over a rule, rows under thin rules (no vertical rules), every column as wide as
    its widest cell with the spare room shared out, a cell too long squeezed; the odd rows shaded when the
    print keeps background colours. The y under it."""
    face, bold = faces
    pad = 3.0
    need = []
    for title, key in columns:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        need.append(max([s.width(t, size, face) for t in texts] + [s.width(title, size, bold)]) + 2 * pad)
    scale = (x1 - x0) / sum(need)
    xs = [x0]
    for n in need:
        xs.append(xs[-1] + n * scale)
    head_h, row_h = size + 9, size + 7
    if zebra:
        s.box(x0, y0, x1 - x0, head_h, 0.88)
    for i, (title, _) in enumerate(columns):
        s.text(xs[i] + pad, y0 + 4.5, title, size, bold, max_w=xs[i + 1] - xs[i] - pad)
    y = y0 + head_h
    s.line(x0, y, x1, y, 1.1, 0.2)
    for r, cells in enumerate(rows):
        if zebra and r % 2 == 1:
            s.box(x0, y, x1 - x0, row_h, 0.95)
        for i, (_, key) in enumerate(columns):
            text = str(r + 1) if key == "No" else cells[key][0]
            s.text(xs[i] + pad, y + 3.5, text, size, face, max_w=xs[i + 1] - xs[i] - 2 * pad)
        y += row_h
        s.line(x0, y, x1, y, 0.4, 0.6)
    return y


def kk_siak_web(family: Family, rng: random.Random) -> RenderedDocument:
    """SIAK's web view of the family printed from the browser: form fields for the header, two web tables."""
    w, h = 842.0, 595.0
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("avantgarde", "avantgarde-demi"))
    )
    face, bold = faces
    printed = min(family.issue_date + timedelta(days=rng.randint(14, 1400)), date(2026, 10, 30))
    title = rng.choice(
        ("SIAK - Detail Keluarga", "Data Keluarga | SIAK Terpusat", "SIAK Web - Kartu Keluarga")
    )
    s.text(22, 12, f"{printed:%d/%m/%y}, {rng.randint(7, 16):02d}.{rng.randint(0, 59):02d}", 7, "helvetica")
    s.centre(12, title, 7, "helvetica")
    host = rng.choice(("http://10.32.1.15:8080", "http://172.16.20.4", "https://siak.dukcapil.local"))
    s.text(22, h - 16, f"{host}/siak/keluarga/detail/{family.kk_number}", 7, "helvetica")
    s.right(w - 22, h - 16, "1/1", 7, "helvetica")
    x0, x1 = 36.0, w - 36
    s.text(x0, 30, "SIAK", 13, bold)
    s.text(x0 + 40, 32, "Sistem Informasi Administrasi Kependudukan", 8.5, face, grey=0.3)
    user = rng.choice(("operator_kec", "admin_disduk", "petugas.kel", "opr_dafduk"))
    s.right(x1, 32, f"{user}  |  Keluar", 8, face)
    s.line(x0, 48, x1, 48, 0.8, 0.4)
    s.text(x0, 56, "Beranda  >  Pendaftaran Penduduk  >  Kartu Keluarga  >  Detail", 7.5, face, grey=0.4)
    s.text(x0, 72, rng.choice(("Detail Kartu Keluarga", "Data Keluarga", "Lihat Data Keluarga")), 12, bold)
    rt_rw_apart = rng.random() < 0.6
    fields: list[tuple[str, str, int]] = [
        (rng.choice(("No. KK", "Nomor KK", "Nomor Kartu Keluarga")), family.kk_number, 1),
        ("NIK Kepala Keluarga", family.head.nik, 1),
        ("Nama Kepala Keluarga", family.head.name, 2),
        ("Alamat", family.address, 2),
    ]
    fields += (
        [("RT", family.rt, 1), ("RW", family.rw, 1)]
        if rt_rw_apart
        else [
            ("RT/RW", f"{family.rt}/{family.rw}", 1),
            ("Kode Pos", family.postal_code, 1),
        ]
    )
    fields += [
        (rng.choice(("Kelurahan/Desa", "Kel/Desa", "Desa/Kelurahan")), _region(family.village_code), 1),
        ("Kecamatan", _region(family.district_code), 1),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code), 1),
        ("Provinsi", _region(family.province_code), 1),
    ]
    if rt_rw_apart:
        fields.append(("Kode Pos", family.postal_code, 1))
    issue_style = rng.choice(("iso", "dmy-dash", "dmy-slash"))
    fields.append(
        (
            rng.choice(("Tanggal Dikeluarkan", "Tgl. Dikeluarkan", "Tanggal Penerbitan KK")),
            _date(family.issue_date, issue_style),
            1,
        )
    )
    stacked = rng.random() < 0.5
    cols = 4
    cell = (x1 - x0) / cols
    y = 90.0
    col = 0
    fsize = rng.uniform(7.8, 8.6)
    row_h = 27.0 if stacked else 18.0
    for label, value, span in fields:
        if col + span > cols:
            col, y = 0, y + row_h
        fx = x0 + col * cell
        fw = span * cell - 10
        if stacked:
            s.text(fx, y, label, 7, face, grey=0.35)
            s.rect(fx, y + 9, fw, fsize + 6, 0.5, 0.6)
            s.text(fx + 3, y + 12, value, fsize, face, max_w=fw - 6)
        else:
            lw = 66
            s.text(fx, y + 3.5, label, 7, face, grey=0.35, max_w=lw - 4)
            s.rect(fx + lw, y, fw - lw, fsize + 6, 0.5, 0.6)
            s.text(fx + lw + 3, y + 3, value, fsize, face, max_w=fw - lw - 6)
        col += span
    y += row_h + 12
    style = rng.choice(("iso", "dmy-dash", "dmy-slash"))
    rows = [_cells(p, style) for p in family.members]
    if rng.random() < 0.3:  # the grid leaves an empty value empty
        for cells in rows:
            for key in ("passport_number", "kitap_number", "marriage_date"):
                if cells[key][1] == "-":
                    cells[key] = ("", "-")
    t1: list[tuple[str, str]] = [
        ("No", "No"),
        ("NIK", "nik"),
        ("Nama Lengkap", "name"),
        ("Jenis Kelamin", "sex"),
        ("Tempat Lahir", "place_of_birth"),
        ("Tanggal Lahir", "birth_date"),
        ("Agama", "religion"),
        ("Pendidikan", "education"),
        ("Jenis Pekerjaan", "occupation"),
        (rng.choice(("Gol. Darah", "Gol Darah")), "blood_type"),
    ]
    t2: list[tuple[str, str]] = [("No", "No")]
    if rng.random() < 0.5:
        t2.append(("Nama Lengkap", "name"))
    t2 += [
        ("Status Perkawinan", "marital_status"),
        (rng.choice(("Tgl. Perkawinan", "Tanggal Perkawinan")), "marriage_date"),
        (rng.choice(("Status Hubungan Keluarga", "SHDK", "Hubungan Keluarga")), "relationship"),
        ("Kewarganegaraan", "citizenship"),
        ("No. Paspor", "passport_number"),
        ("No. KITAS/KITAP", "kitap_number"),
        ("Nama Ayah", "father_name"),
        ("Nama Ibu", "mother_name"),
    ]
    zebra = rng.random() < 0.5
    tsize = 7.4 if len(rows) < 6 else 7.0
    s.text(x0, y, f"Anggota Keluarga ({len(rows)} orang)", 9.5, bold)
    y = _web_table(s, x0, x1, y + 14, t1, rows, tsize, faces, zebra)
    s.text(x0, y + 12, rng.choice(("Status dan Orang Tua", "Data Status Anggota Keluarga")), 9.5, bold)
    y = _web_table(s, x0, x1, y + 26, t2, rows, tsize, faces, zebra)
    for i, button in enumerate(("Cetak", "Kembali")):
        bx = x1 - 110 + i * 56
        s.rect(bx, y + 14, 50, 16, 0.6, 0.4)
        s.centre(y + 19, button, 8, face, bx, bx + 50)
    dpi = rng.uniform(200, 220)
    page = s.render(dpi)
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-siak-web")


# --- akta kelahiran: bilingual labels, the English gloss under each ----------------------------------------------

_GLOSS_FACES: tuple[tuple[str, str, str], ...] = (
    ("times", "times-italic", "times-bold"),
    ("palatino", "palatino-italic", "palatino-bold"),
    ("schoolbook", "schoolbook-italic", "schoolbook-bold"),
    ("bookman", "bookman-italic", "bookman-demi"),
    ("utopia", "utopia-italic", "utopia-bold"),
    ("helvetica", "helvetica-oblique", "helvetica-bold"),
)


def akta_glosa_kolom(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A bilingual Kutipan: a label column (each label over its English gloss), bold values wrapping in a
    narrower right column, the fields in several orders."""
    p = _apostrophe(p, rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    face, italic, bold = rng.choice(_GLOSS_FACES)
    m = rng.uniform(30, 44)
    if rng.random() < 0.6:
        s.rect(m - 12, m - 12, w - 2 * (m - 12), h - 2 * (m - 12), 1.6)
        s.rect(m - 8, m - 8, w - 2 * (m - 8), h - 2 * (m - 8), 0.5)
    number = akta_number(family, p, serial)
    y = m + 70

    def pair(yy: float, text: str, gloss: str, size: float) -> float:
        s.centre(yy, text, size, bold)
        s.centre(yy + size + 2, gloss, size * 0.72, italic)
        return yy + size * 1.9 + 6

    y = pair(y, "REPUBLIK INDONESIA", "REPUBLIC OF INDONESIA", 13)
    y = pair(y, "PENCATATAN SIPIL", rng.choice(("CIVIL REGISTRY", "CIVIL REGISTRATION")), 12)
    y = pair(
        y + 6,
        "KUTIPAN AKTA KELAHIRAN",
        rng.choice(("EXCERPT OF BIRTH CERTIFICATE", "EXTRACT OF BIRTH REGISTER")),
        17,
    )
    corner = rng.random() < 0.3  # the number printed by the title, not as a row
    if corner:
        s.centre(y, "No. " + number, 11, bold)
        y += 22
    y += 12
    lsize, gsize, vsize = rng.uniform(10, 11), rng.uniform(7.6, 8.4), rng.uniform(10.5, 11.5)
    label_x = m + rng.uniform(10, 24)
    colon = label_x + rng.uniform(150, 190)
    right = w - m - rng.choice((10.0, 60.0, 110.0))  # a narrow value column on some forms
    lead = vsize + 3
    gap = rng.uniform(0, 4) + (h - 842) * 0.05  # a folio sheet spreads its rows
    with_nik = rng.random() < 0.8
    order_words = rng.choice((number_words, lambda n: f"{n} ({number_words(n)})", lambda n: f"KE-{n}"))
    birth_order = rng.randint(1, 5)
    date_style = rng.choice(("long", "long-title", "words", "digits-words", "long-pad"))
    born = _date(p.birth_date, date_style)
    rows: list[tuple[str, str, str]] = []  # (label, gloss, value); value "" for a group's heading
    nik_row = (rng.choice(("Nomor Induk Kependudukan", "NIK")), "Personal Identification Number", p.nik)
    number_row = (rng.choice(("Nomor Akta Kelahiran", "Nomor Akta")), "Birth Certificate Number", number)
    head: list[tuple[str, str, str]] = []
    if not corner:
        head.append(number_row)
    if with_nik:
        head.insert(rng.randint(0, len(head)), nik_row)
    rows += head
    rows.append(
        (
            rng.choice(("Nama Lengkap", "Nama Anak", "Nama")),
            rng.choice(("Full Name", "Name of Child")),
            p.name,
        )
    )
    place_date = rng.random() < 0.4
    sex_row = ("Jenis Kelamin", "Sex", _sex(p))
    if place_date:
        rows += [
            ("Tempat dan Tanggal Lahir", "Place and Date of Birth", f"{p.place_of_birth}, {born}"),
            sex_row,
        ]
    else:
        birth = [
            ("Tempat Lahir", "Place of Birth", p.place_of_birth),
            ("Tanggal Lahir", "Date of Birth", born),
        ]
        rows += [sex_row, *birth] if rng.random() < 0.5 else [*birth, sex_row]
    rows.append(("Anak Ke", rng.choice(("Child No.", "Birth Order")), order_words(birth_order)))
    if rng.random() < 0.4:
        rows += [
            ("Nama Orang Tua", "Name of Parents", ""),
            ("   a. Ayah", "      Father", p.father_name),
            ("   b. Ibu", "      Mother", p.mother_name),
        ]
    else:
        rows += [("Nama Ayah", "Father's Name", p.father_name), ("Nama Ibu", "Mother's Name", p.mother_name)]
    for label, gloss, value in rows:
        s.text(label_x, y, label, lsize, face)
        s.text(label_x, y + lsize + 1.5, gloss, gsize, italic, grey=0.2)
        lines = [""]
        if value:
            s.text(colon, y, ":", lsize, face)
            lines = _split(s, value, vsize, bold, right - colon - 10)
            for i, line in enumerate(lines):
                s.text(colon + 10, y - 0.3 + i * lead, line, vsize, bold, max_w=right - colon - 10)
        y += max(lsize + gsize + 9, len(lines) * lead + 5) + gap
    y += 16
    for text in _split(
        s,
        "Kutipan ini dikeluarkan sesuai dengan data dalam Register Akta Kelahiran.",
        9.5,
        face,
        w - 2 * m - 30,
    ):
        s.text(m + 15, y, text, 9.5, face)
        y += 12
    s.text(
        m + 15, y, "This extract is issued in accordance with the data in the Register of Births.", 8, italic
    )
    y += 30
    bx = w * rng.uniform(0.48, 0.54)
    place = _issue_place(family)
    issued = _date(family.issue_date, rng.choice(("long", "long-title", "dmy-dash")))
    for label, gloss, value in (("Dikeluarkan di", "Issued in", place), ("Pada tanggal", "On", issued)):
        s.text(bx, y, label, 9.5, face)
        s.text(bx, y + 11, gloss, 7.5, italic)
        s.text(bx + 75, y, ": " + value, 9.5, face, max_w=w - m - bx - 80)
        y += 24
    s.text(bx, y + 4, "Pejabat Pencatatan Sipil", 9.5, bold)
    s.text(bx, y + 15, "Civil Registrar", 7.5, italic)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 80, official, 9.5, bold, max_w=w - m - bx)
    s.text(bx, y + 92, "NIP. " + _nip(rng), 8.5, face)
    qr = rng.random() < 0.4
    if qr:
        s.qr(m + 10, y, 58, f"https://e-akta.dukcapil.go.id/v/{_token(rng, 20)}")
        s.text(m + 10, y + 62, "Dokumen ini ditandatangani", 7, italic)
        s.text(m + 10, y + 70, "secara elektronik", 7, italic)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    img = _emblem(s.render(dpi), w / 2 * k, (m + 34) * k, 26 * k, 110)
    pg = _page_of(img, rng)
    pg.signature((bx + 10) * k, (y + 36) * k, 120 * k, 34 * k)
    pg.stamp(
        (bx + rng.uniform(-10, 25)) * k, (y + rng.uniform(30, 50)) * k, 42 * k, "DISDUKCAPIL|" + place[:13]
    )
    page = _paper(pg.img, rng.randint(240, 252))
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-glosa-kolom")


# --- akta kelahiran: items on dotted leader lines -------------------------------------------------------------


def akta_titik_penuntun(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan whose items are dotted leader lines, grouped or not, behind them a diagonal watermark."""
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    face, bold = rng.choice(
        (("courier", "courier-bold"), ("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"),
         ("bookman", "bookman-demi"), ("times", "times-bold"))
    )  # fmt: skip
    regency = _region(family.regency_code)
    mark = rng.choice(("DUKCAPIL", "KUTIPAN", _issue_place(family)))
    _slanted(
        s,
        w / 2,
        h * 0.48,
        mark,
        rng.uniform(58, 80),
        "helvetica-bold",
        rng.uniform(35, 55),
        rng.uniform(0.88, 0.92),
    )
    m = rng.uniform(42, 58)
    number = akta_number(family, p, serial)
    y = m + 64 + (h - 842) * 0.3
    s.centre(y, "REPUBLIK INDONESIA", 12, bold)
    s.centre(y + 16, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 11, bold)
    s.centre(y + 31, regency, 11, bold)
    s.centre(y + 56, "KUTIPAN AKTA KELAHIRAN", 17, bold)
    y += 80
    number_in_head = rng.random() < 0.5
    if number_in_head:
        s.centre(y, "Nomor : " + number, 11, face)
        y += 16
    y += 18
    size = rng.uniform(10, 11)
    step = size + rng.uniform(8, 11) + (h - 842) * 0.06  # a folio sheet spreads its rows
    leader = rng.choice(("to-value", "to-colon", "after-value"))
    numbering = rng.choice(("1.", "a.", ""))
    x0 = m + rng.uniform(6, 20)
    value_x = x0 + rng.uniform(150, 190)
    right = w - m
    dot = s.width(".", size, face)

    def dots(x_from: float, x_to: float, yy: float) -> None:
        n = int((x_to - x_from) / dot) - 1
        if n > 1:
            s.text(x_from + dot / 2, yy, "." * n, size, face)

    count = 0

    def item(label: str, value: str) -> None:
        nonlocal y, count
        count += 1
        no = {"1.": f"{count}.", "a.": f"{'abcdefghijklmnop'[count - 1]}.", "": ""}[numbering]
        x = x0
        if no:
            s.text(x, y, no, size, face)
            x += 20
        end = s.text(x, y, label, size, face)
        if leader == "to-value":
            dots(end + 2, value_x - 4, y)
            s.text(value_x, y, value, size, bold, max_w=right - value_x)
        elif leader == "to-colon":
            dots(end + 2, value_x - 8, y)
            s.text(value_x - 6, y, ":", size, face)
            s.text(value_x + 4, y, value, size, bold, max_w=right - value_x - 4)
        else:
            s.text(value_x - 6, y, ":", size, face)
            stop = s.text(value_x + 4, y, value, size, bold, max_w=right - value_x - 4)
            dots(stop + 3, right, y)
        y += step

    def section(text: str) -> None:
        nonlocal y, count
        y += 4
        s.text(x0, y, text, size, bold)
        y += step
        if numbering == "a.":
            count = 0

    grouped = rng.random() < 0.5
    with_nik = rng.random() < 0.75
    if grouped:
        section("I. KETERANGAN ANAK")
    if not number_in_head:
        item(rng.choice(("Nomor Akta Kelahiran", "No. Akta Kelahiran", "Nomor Register Akta")), number)
    if with_nik:
        item(rng.choice(("NIK", "Nomor Induk Kependudukan", "NIK Anak")), p.nik)
    item(rng.choice(("Nama Anak", "Nama Lengkap", "Nama")), p.name)
    item(rng.choice(("Jenis Kelamin", "Jns. Kelamin")), _sex(p))
    birth = rng.choice(("two", "one", "weekday"))
    if birth == "one":
        born = _date(p.birth_date, rng.choice(("dmy-dash", "dmy-slash", "long")))
        item(
            rng.choice(("Tempat/Tgl. Lahir", "Tempat, Tgl. Lahir", "Tmp/Tgl Lahir")),
            f"{p.place_of_birth}, {born}",
        )
    elif birth == "weekday":
        item(rng.choice(("Tempat Lahir", "Tempat Kelahiran")), p.place_of_birth)
        item("Hari/Tanggal Lahir", _date(p.birth_date, "weekday"))
    else:
        item(rng.choice(("Tempat Lahir", "Tempat Kelahiran")), p.place_of_birth)
        item("Tanggal Lahir", _date(p.birth_date, rng.choice(("long", "long-title", "dmy-dash", "words"))))
    order = rng.randint(1, 5)
    item("Anak Ke", f"{order} ({number_words(order)})")
    if grouped:
        section("II. KETERANGAN ORANG TUA")
    item(rng.choice(("Nama Ayah", "Nama Ayah Kandung", "Ayah")), p.father_name)
    item(rng.choice(("Nama Ibu", "Nama Ibu Kandung", "Ibu")), p.mother_name)
    y += 14
    for line in _split(
        s,
        "Kutipan ini dibuat sesuai dengan data yang tercantum dalam Register Akta Kelahiran dan diberikan "
        "kepada yang bersangkutan.",
        size - 0.5,
        face,
        right - x0,
    ):
        s.text(x0, y, line, size - 0.5, face)
        y += size + 3
    y += 22
    bx = w * 0.5
    place = _issue_place(family)
    issued = _date(family.issue_date, rng.choice(("long", "long-title", "dmy-dash")))
    s.text(bx, y, "Diterbitkan di", size - 0.5, face)
    s.text(bx + 80, y, ": " + place.title(), size - 0.5, face)
    s.text(bx, y + 14, "Pada tanggal", size - 0.5, face)
    s.text(bx + 80, y + 14, ": " + issued, size - 0.5, face)
    s.text(bx, y + 34, "KEPALA DINAS KEPENDUDUKAN DAN", size - 1, bold)
    s.text(bx, y + 46, "PENCATATAN SIPIL " + regency, size - 1, bold, max_w=right - bx)
    official = rng.choice(_OFFICIALS)
    tte = rng.random() < 0.5
    if tte:
        s.qr(x0, y + 4, 62, f"https://tte.kominfo.go.id/verifyPDF/{_token(rng, 22)}")
        s.text(bx, y + 62, "Ditandatangani secara elektronik oleh:", size - 2, face)
        s.text(bx, y + 76, official, size - 1, bold, max_w=right - bx)
    else:
        s.text(bx, y + 104, official, size - 1, bold, max_w=right - bx)
        s.text(bx, y + 117, "NIP. " + _nip(rng), size - 1.5, face)
    dpi = rng.uniform(200, 230)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    if not tte:
        pg.signature((bx + 20) * k, (y + 62) * k, 120 * k, 36 * k)
        pg.stamp(
            (bx + rng.uniform(-5, 20)) * k, (y + rng.uniform(60, 80)) * k, 42 * k, "DISDUKCAPIL|" + place[:13]
        )
    page = _paper(pg.img, rng.randint(242, 252))
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-titik-penuntun")


# --- KTP-el: the card flat-scanned at 300-400 dpi --------------------------------------------------------------


def ktp_pindai_datar(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card flat-scanned: its geometry, label wordings and case drawn per card, white bed around it."""
    s = PdfSheet(_CARD_W, _CARD_H)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("avantgarde", "avantgarde-demi"),
         ("helvetica-light", "helvetica-bold"))
    )  # fmt: skip
    face, bold = faces
    s.centre(6.5, "PROVINSI " + _region(family.province_code), 7.3, bold)
    s.centre(15.5, _region(family.regency_code), 7.3, bold)
    upper = rng.random() < 0.25

    def lab(text: str) -> str:
        return text.upper() if upper else text

    lx = rng.uniform(6.5, 10)
    size = rng.uniform(5.3, 6.0)
    photo = (rng.uniform(180, 186), rng.uniform(31, 36))
    px1, py1 = photo[0] + 50, photo[1] + 62
    right = photo[0] - 3
    born = format_date(p.birth_date, rng.choice(("dmy-dash", "dmy-dash", "dmy-slash")))
    sex_label = rng.choice(("Jenis kelamin", "Jenis Kelamin", "Jns Kelamin"))
    blood_label = rng.choice(("Gol. Darah", "Gol Darah"))
    blood_beside = rng.random() < 0.65
    indent = rng.choice((0.0, 5.0))
    rtrw = rng.choice((f"{family.rt}/{family.rw}", f"{family.rt} / {family.rw}"))
    rows: list[tuple[float, str, str]] = [  # (indent, label, value); label "" for a value's next line
        (0.0, "Nama", p.name),
        (0.0, rng.choice(("Tempat/Tgl Lahir", "Tmp/Tgl Lahir", "Tempat/Tgl. Lahir", "Tempat, Tgl Lahir")),
         f"{p.place_of_birth}, {born}"),
        (0.0, sex_label, _sex(p)),
    ]  # fmt: skip
    if not blood_beside:
        rows.append((0.0, blood_label, _blood(p)))
    rows += [
        (0.0, "Alamat", family.address),
        (indent, "RT/RW", rtrw),
        (indent, rng.choice(("Kel/Desa", "Desa/Kel", "Kelurahan/Desa")), _region(family.village_code)),
        (indent, rng.choice(("Kecamatan", "Kec.")), _region(family.district_code)),
        (0.0, "Agama", p.religion),
        (0.0, rng.choice(("Status Perkawinan", "Status Kawin")), p.marital_status),
        (0.0, "Pekerjaan", p.occupation),
        (0.0, "Kewarganegaraan", p.citizenship),
        (0.0, "Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    widest = max(x + s.width(lab(label), size, face) for x, label, _ in rows)
    colon = lx + max(widest + rng.uniform(2.5, 12), rng.uniform(44, 58))  # the label column's width
    nik_face = rng.choice((bold, "courier-bold"))
    s.text(lx, 27, "NIK", 8.2, bold)
    s.text(colon, 27, ":", 8.2, bold)
    s.text(colon + 4, 26.6, p.nik, 9.0, nik_face, max_w=right - colon - 4)
    address = _split(s, family.address, size, face, right - colon - 3.2)
    lines = len(rows) + len(address) - 1
    step = min(size + 2.6, (rng.uniform(133, 141) - 37.5) / (lines - 1))  # the rows fill the card

    def row(x: float, y: float, label: str, value: str, c: float = colon, r: float = right) -> None:
        if label:
            s.text(x, y, lab(label), size, face)
            s.text(c, y, ":", size, face)
        s.text(c + 3.2, y, value, size, face, max_w=r - c - 3.2)

    y = 37.5
    for x, label, value in rows:
        if label == "Alamat":
            row(lx, y, label, address[0])
            for more in address[1:]:
                y += step
                row(lx, y, "", more)
        elif label == sex_label and blood_beside:
            row(lx, y, label, _sex(p), r=colon + 48)
            gx = colon + 52
            row(gx, y, blood_label, _blood(p), c=gx + s.width(lab(blood_label), size, face) + 3)
        else:
            row(lx + x, y, label, value)
        y += step
    place = _issue_place(family)
    s.centre(py1 + 4.5, place, 5.5, face, photo[0] - 8, px1 + 8)
    s.centre(py1 + 11.5, format_date(family.issue_date, "dmy-dash"), 5.5, face, photo[0] - 8, px1 + 8)
    dpi = rng.uniform(300, 400)
    k = dpi / 72
    card = s.render(dpi)
    cw, ch = card.size
    tint = rng.randint(218, 236)
    card = card.point(lambda v: 18 + v * tint // 255)  # ink on the card's light tint
    card = _security(card, rng, 204, 228, passes=3)
    card = _emblem(card, 95 * k, 85 * k, 40 * k, 214)
    pg = _page_of(card, rng)
    pg.photo_box(round(photo[0] * k), round(photo[1] * k), round(px1 * k), round(py1 * k))
    pg.signature((photo[0] + 4) * k, (py1 + 12.5) * k, 42 * k, 10 * k)  # over the issue date's foot
    mask = Image.new("L", (cw, ch), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, cw - 1, ch - 1), radius=round(0.04 * cw), fill=255)
    margin = (round(rng.uniform(0.04, 0.12) * cw), round(rng.uniform(0.05, 0.14) * ch))
    bed = Image.new("L", (cw + 2 * margin[0], ch + 2 * margin[1]), rng.randint(246, 253))
    edge = Image.new("L", (cw, ch), 150)
    bed.paste(edge, (margin[0] + 2, margin[1] + 3), mask)  # the card's edge a little shadow on the bed
    bed.paste(pg.img, margin, mask)
    ImageDraw.Draw(bed).rounded_rectangle(
        (margin[0], margin[1], margin[0] + cw - 1, margin[1] + ch - 1),
        radius=round(0.04 * cw),
        outline=120,
        width=2,
    )
    bed = bed.rotate(rng.uniform(-1.2, 1.2), Image.Resampling.BICUBIC, expand=False, fillcolor=250)
    truth = _issued_card_truth(family, p, place)
    return RenderedDocument("ktp", bed, truth, layout="ktp-pindai-datar")


# --- KTP-el: the Dinas's Surat Keterangan in place of the card ------------------------------------------------


def ktp_suket(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The letter the Dinas issued in place of the card: the card's data as a numbered list beside a photo."""
    p = _apostrophe(p, rng, 0.15)
    w, h = 595.0, 842.0
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("helvetica", "helvetica-bold"),
         ("schoolbook", "schoolbook-bold"), ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    regency, province = _region(family.regency_code), _region(family.province_code)
    m = rng.uniform(48, 62)
    y = _kop(s, regency, rng, faces, m + 50, w - m, rng.uniform(34, 44))
    title = rng.choice(
        ("SURAT KETERANGAN", "SURAT KETERANGAN PENGGANTI KTP-EL", "SURAT KETERANGAN PEREKAMAN KTP-EL")
    )
    s.centre(y + 8, title, 13, bold)
    tw = s.width(title, 13, bold)
    s.line((w - tw) / 2, y + 22, (w + tw) / 2, y + 22, 0.8)
    year = family.issue_date.year
    s.centre(
        y + 27,
        f"Nomor : 471.13/{rng.randint(100, 9999)}/{rng.choice(('Disdukcapil', 'Dukcapil', 'DKPS'))}/{year}",
        10.5,
        face,
    )
    y += 52
    size = rng.uniform(10.2, 11)
    y = _prose(
        s,
        m,
        y,
        w - 2 * m,
        [
            ("Yang bertanda tangan di bawah ini Kepala Dinas Kependudukan dan Pencatatan Sipil", face),
            (regency.title() + ",", face),
            ("dengan ini menerangkan bahwa:", face),
        ],
        size,
        size + 4,
    )
    y += 8
    birth_one = rng.random() < 0.6
    born_style = rng.choice(("dmy-dash", "dmy-slash", "long", "long-title", "long-pad"))
    rtrw = rng.choice((f"{family.rt}/{family.rw}", f"{family.rt} / {family.rw}"))
    person: list[tuple[str, str]] = [("NIK", p.nik), (rng.choice(("Nama Lengkap", "Nama")), p.name)]
    if birth_one:
        person.append(
            (rng.choice(("Tempat/Tgl. Lahir", "Tempat, Tanggal Lahir", "Tmp/Tgl Lahir")),
             f"{p.place_of_birth}, {_date(p.birth_date, born_style)}")
        )  # fmt: skip
    else:
        person += [("Tempat Lahir", p.place_of_birth), ("Tanggal Lahir", _date(p.birth_date, born_style))]
    person += [
        (rng.choice(("Jenis Kelamin", "Jns Kelamin")), _sex(p)),
        (rng.choice(("Golongan Darah", "Gol. Darah")), _blood(p)),
    ]
    status = [
        ("Agama", p.religion),
        (rng.choice(("Status Perkawinan", "Status Kawin")), p.marital_status),
        ("Pekerjaan", p.occupation),
        ("Kewarganegaraan", p.citizenship),
    ]
    address = [
        (rng.choice(("Alamat", "Alamat/Jalan")), family.address),
        ("RT/RW", rtrw),
        (rng.choice(("Kel/Desa", "Kelurahan/Desa", "Desa/Kelurahan")), _region(family.village_code)),
        (rng.choice(("Kecamatan", "Kec.")), _region(family.district_code)),
        (rng.choice(("Kab/Kota", "Kabupaten/Kota")), regency),
        (rng.choice(("Provinsi", "Prov.")), province),
    ]
    grouped = rng.random() < 0.4
    numbered = not grouped and rng.random() < 0.7
    groups: list[tuple[str, list[tuple[str, str]]]] = (
        [("DATA PRIBADI", person + status), ("ALAMAT", address)]
        if grouped
        else [("", person + address + status if rng.random() < 0.5 else person + status + address)]
    )
    x0 = m + rng.uniform(8, 20)
    colon = x0 + rng.uniform(118, 140)
    photo_x = w - m - 80
    photo_y = y + 6
    lead = size + rng.uniform(5, 7)
    n = 0
    for heading, items in groups:
        if heading:
            s.text(x0 - 6, y, heading, size, bold)
            y += lead
        for label, value in items:
            n += 1
            x = x0
            if numbered:
                s.text(x, y, f"{n}.", size, face)
                x += 18
            s.text(x, y, label, size, face)
            s.text(colon + (18 if numbered else 0), y, ":", size, face)
            vx = colon + (18 if numbered else 0) + 8
            room = (photo_x - 10 if y < photo_y + 110 else w - m) - vx
            lines = _split(s, value, size, face, room)
            for i, line in enumerate(lines):
                s.text(vx, y + i * lead, line, size, face, max_w=room)
            y += lead * len(lines)
    y += 10
    ending = rng.choice(
        (
            "selama 6 (enam) bulan sejak tanggal diterbitkan.",
            "sampai dengan KTP-el yang bersangkutan diterbitkan.",
        )
    )
    y = _prose(
        s,
        m,
        y,
        w - 2 * m,
        [
            (
                f"Adalah benar penduduk {regency.title()} yang telah melakukan perekaman KTP-el dan datanya telah",
                face,
            ),
            (
                "tercatat dalam database kependudukan. Surat keterangan ini berlaku sebagai pengganti KTP-el",
                face,
            ),
            (ending, face),
            ("Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.", face),
        ],
        size,
        size + 4,
    )
    y += 16
    bx = w * rng.uniform(0.5, 0.56)
    place = _issue_place(family)
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "long", "long-title", "dmy-slash")))
    at, on = rng.choice((("Dikeluarkan di", "Pada tanggal"), ("Diterbitkan di", "Tanggal")))
    s.text(bx, y, at, size, face)
    s.text(bx + 82, y, ": " + place, size, face)
    s.text(bx, y + lead, on, size, face)
    s.text(bx + 82, y + lead, ": " + issued, size, face)
    s.line(bx, y + 2 * lead - 2, w - m, y + 2 * lead - 2, 0.5)
    s.text(bx, y + 2 * lead + 4, "KEPALA DINAS KEPENDUDUKAN DAN", size - 1, bold)
    s.text(bx, y + 3 * lead + 2, "PENCATATAN SIPIL " + regency, size - 1, bold, max_w=w - m - bx)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 3 * lead + 72, official, size - 1, bold, max_w=w - m - bx)
    s.text(bx, y + 4 * lead + 70, "NIP. " + _nip(rng), size - 1.5, face)
    if rng.random() < 0.6:
        s.qr(m, y + 8, 60, f"https://dukcapil.kemendagri.go.id/suket/{family.kk_number[:6]}{_token(rng, 16)}")
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), (m + 22) * k, 64 * k, 26 * k, 60)
    pg = _page_of(img, rng)
    pg.photo_box(round(photo_x * k), round(photo_y * k), round((photo_x + 72) * k), round((photo_y + 96) * k))
    pg.stamp((photo_x + rng.uniform(-2, 8)) * k, (photo_y + 90) * k, 30 * k, "DUKCAPIL|" + place[:12])
    sign_y = y + 3 * lead + 22
    pg.signature((bx + 20) * k, sign_y * k, 120 * k, 36 * k)
    pg.stamp((bx + rng.uniform(-8, 18)) * k, (sign_y + 22) * k, 42 * k, "DISDUKCAPIL|" + place[:13])
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _ktp_truth(
        family,
        p,
        province=province,
        regency=regency,
        issue_place=place,
        issue_date=family.issue_date.isoformat(),
    )
    return RenderedDocument("ktp", page, truth, layout="ktp-suket")


# --- SKPWNI: the two pages printed two to a sheet ----------------------------------------------------------------


def _choice_text(kind: str, index: int, rng: random.Random) -> str:
    """A move's choice as printed: the full wording (capitals or title case), the form's short wording, or the
    option's number before it."""
    full = {"reason": MOVE_REASONS, "class": MOVE_CLASSES, "type": MOVE_TYPES}[kind][index]
    short = {"reason": MOVE_REASONS, "class": MOVE_CLASSES_SHORT, "type": MOVE_TYPES_SHORT}[kind][index]
    return rng.choice(
        (full, full.title(), short if kind != "reason" else full.title(), f"{index + 1}. {short}")
    )


def _members_table(
    s: PdfSheet, x0: float, x1: float, y: float, movers: list[Person], faces: Faces, size: float
) -> float:
    """The members moving: No / NIK / Nama Lengkap / SHDK, ruled. The y under it."""
    face, bold = faces
    xs = (x0, x0 + 0.07 * (x1 - x0), x0 + 0.36 * (x1 - x0), x0 + 0.78 * (x1 - x0), x1)
    row_h = size + 7
    s.box(x0, y, x1 - x0, row_h, 0.9)
    for i, title in enumerate(("No", "NIK", "Nama Lengkap", "SHDK")):
        s.centre(y + 3.5, title, size, bold, xs[i], xs[i + 1])
    for r, person in enumerate(movers):
        yy = y + (r + 1) * row_h + 3.5
        for i, text in enumerate((str(r + 1), person.nik, person.name, person.relationship)):
            s.text(xs[i] + 3, yy, text, size, face, max_w=xs[i + 1] - xs[i] - 6)
    bottom = y + (len(movers) + 1) * row_h
    for r in range(len(movers) + 2):
        s.line(x0, y + r * row_h, x1, y + r * row_h, 0.5)
    for x in xs:
        s.line(x, y, x, bottom, 0.5)
    return bottom


def skpwni_dua_halaman(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The certificate's two pages printed two to a landscape sheet, each framed by the print driver."""
    sheet = PdfSheet(842.0, 595.0)
    pw, ph = 595.0, 842.0
    pages = [PdfSheet(pw, ph), PdfSheet(pw, ph)]
    for page in pages:
        page.faces = sheet.faces  # one font list: the pages' text is copied into the sheet
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("helvetica", "helvetica-bold"), ("bookman", "bookman-demi"),
         ("narrow", "narrow-bold"), ("schoolbook", "schoolbook-bold"))
    )  # fmt: skip
    face, bold = faces
    number = _skpwni_number(origin, serial)
    mv = _move(rng, origin)
    regency = _region(origin.regency_code)
    m = rng.uniform(50, 64)
    size = rng.uniform(10.8, 12)
    step = size + rng.uniform(6, 8)
    colon = m + rng.uniform(175, 205)
    roman = rng.random() < 0.5
    running = rng.random() < 0.5  # the items numbered on through the sections
    short = rng.random() < 0.5  # the abbreviated wordings
    s = pages[0]
    y = _kop(s, regency, rng, faces, m, pw - m, m)
    s.centre(
        y + 10,
        rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA")),
        14,
        bold,
    )
    s.centre(y + 28, "Nomor : " + number, 11.5, face)
    y += 62
    count = 0

    def head(sheet_: PdfSheet, text: str, roman_no: str) -> None:
        nonlocal y, count
        sheet_.text(m, y, f"{roman_no}. {text}" if roman else text, size + 0.5, bold)
        y += step + 3
        if not running:
            count = 0

    def item(sheet_: PdfSheet, label: str, value: str) -> None:
        nonlocal y, count
        count += 1
        sheet_.text(m + 12, y, f"{count}.", size, face)
        sheet_.text(m + 34, y, label, size, face)
        sheet_.text(colon, y, ":", size, face)
        lines = _split(sheet_, value, size, face, pw - m - colon - 10)
        for i, line in enumerate(lines):
            sheet_.text(colon + 9, y + i * (size + 3), line, size, face, max_w=pw - m - colon - 10)
        y += step + (len(lines) - 1) * (size + 3)

    def address(sheet_: PdfSheet, fam: Family, lead: str) -> None:
        item(sheet_, lead, fam.address)
        item(
            sheet_,
            rng.choice(("RT / RW", "RT/RW")),
            f"{fam.rt} / {fam.rw}" if rng.random() < 0.5 else f"{fam.rt}/{fam.rw}",
        )
        item(sheet_, "Kel/Desa" if short else "Desa/Kelurahan", _region(fam.village_code))
        item(sheet_, "Kec." if short else "Kecamatan", _region(fam.district_code))
        item(sheet_, "Kab/Kota" if short else "Kabupaten/Kota", _region(fam.regency_code))
        item(sheet_, "Prov." if short else "Provinsi", _region(fam.province_code))
        item(sheet_, "Kode Pos", fam.postal_code)

    head(s, "DATA DAERAH ASAL", "I")
    item(s, "No. KK" if short else "Nomor Kartu Keluarga", origin.kk_number)
    item(s, "Nama Kepala Keluarga", origin.head.name)
    address(s, origin, "Alamat Asal" if short else "Alamat")
    item(s, rng.choice(("NIK Pemohon", "NIK")), p.nik)
    item(s, rng.choice(("Nama Lengkap", "Nama Pemohon")), p.name)
    y += 8
    head(s, "DATA KEPINDAHAN", "II")
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    item(s, "Alasan Pindah", _choice_text("reason", mv.reason, rng))
    item(s, rng.choice(("Klasifikasi Pindah", "Klasifikasi Kepindahan")), _choice_text("class", cls, rng))
    item(s, "Jenis Kepindahan", _choice_text("type", mv.kind, rng))
    item(
        s,
        "Status KK Bagi Yang Tidak Pindah",
        rng.choice(("NUMPANG KK", "MEMBUAT KK BARU", "TIDAK ADA ANGGOTA KELUARGA YANG DITINGGAL")),
    )
    move_day = _date(mv.day, rng.choice(("dmy-dash", "dmy-slash", "long", "long-title")))
    item(s, rng.choice(("Tanggal Pindah", "Rencana Tgl. Pindah", "Rencana Tanggal Pindah")), move_day)
    s.text(m, ph - m - 4, "bersambung ke halaman 2", 9, face, grey=0.3)
    s.right(pw - m, ph - m - 4, "Halaman 1 dari 2", 9, face)
    s = pages[1]
    y = m
    s.text(m, y, f"Lanjutan SKPWNI Nomor : {number}", 9.5, face, grey=0.2)
    s.line(m, y + 14, pw - m, y + 14, 0.5)
    y += 32
    head(s, "DATA DAERAH TUJUAN", "III")
    address(s, dest, "Alamat Tujuan" if short else "Alamat")
    y += 10
    movers = _movers(origin, p, mv.kind)
    s.text(m, y, rng.choice(("Anggota Keluarga Yang Pindah", "Keluarga Yang Pindah")), size, bold)
    y = _members_table(s, m, pw - m, y + step, movers, faces, size - 1.5) + 30
    bx = pw * 0.52
    issued = f"{_issue_place(origin).title()}, {_date(origin.issue_date, rng.choice(('long-title', 'long', 'dmy-dash')))}"
    s.text(bx, y, issued, size, face, max_w=pw - m - bx)
    s.text(bx, y + step, rng.choice(("KEPALA DINAS", "a.n. KEPALA DINAS")), size, bold)
    s.text(bx, y + 2 * step - 2, "KEPENDUDUKAN DAN PENCATATAN SIPIL", size - 1.5, bold, max_w=pw - m - bx)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 2 * step + 70, official, size, bold, max_w=pw - m - bx)
    s.text(bx, y + 3 * step + 68, "NIP. " + _nip(rng), size - 1, face)
    if rng.random() < 0.5:
        s.qr(m, y + 4, 70, f"SKPWNI/{number}/{_token(rng, 12)}")
    s.right(pw - m, ph - m - 4, "Halaman 2 dari 2", 9, face)
    sign_y = y + 2 * step + 14
    gutter = rng.uniform(14, 26)
    k = min((421.0 - gutter) / pw, (595.0 - 2 * gutter) / ph)
    frames = rng.random() < 0.7
    origins = []
    for i, page in enumerate(pages):
        tx = (421.0 * i) + (421.0 - pw * k) / 2
        ty = (595.0 - ph * k) / 2
        origins.append((tx, 595.0 - ty - ph * k))  # the page's top-left in the sheet (top-down)
        sheet.ops.append(f"q {k:.5f} 0 0 {k:.5f} {tx:.2f} {ty:.2f} cm")
        sheet.ops.extend(page.ops)
        sheet.ops.append("Q")
        if frames:
            sheet.rect(tx, 595.0 - ty - ph * k, pw * k, ph * k, 0.6)
    dpi = rng.uniform(240, 270)
    kd = dpi / 72
    pg = _page_of(sheet.render(dpi), rng)
    ox, oy = origins[1]

    def at(x: float, yy: float) -> tuple[float, float]:
        return (ox + x * k) * kd, (oy + yy * k) * kd

    sx, sy = at(bx + 20, sign_y)
    pg.signature(sx, sy, 130 * k * kd, 40 * k * kd)
    cx, cy = at(bx + rng.uniform(-10, 20), sign_y + 30)
    pg.stamp(cx, cy, 46 * k * kd, "DUKCAPIL|" + _issue_place(origin)[:12])
    page_img = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page_img, truth, layout="skpwni-dua-halaman")


# --- SKPWNI: a fully ruled form of numbered rows, each region's code in boxes -----------------------------------


def _code(code: str) -> str:
    """A region code's own part: 34.04.12.2001 -> 2001."""
    return code.rsplit(".", 1)[-1]


def skpwni_kode_wilayah(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A ruled form of numbered rows: regions as boxed code and name, numbers one digit to a box."""
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("avantgarde", "avantgarde-demi"))
    )  # fmt: skip
    face, bold = faces
    number = _skpwni_number(origin, serial)
    mv: Move = _move(rng, origin)
    regency = _region(origin.regency_code)
    m = rng.uniform(30, 40)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0, x1, m - 6)
    s.rect(x1 - 52, m - 22, 52, 14, 0.6)
    s.centre(m - 19, "F-1.03", 8.5, bold, x1 - 52, x1)
    s.centre(y + 2, "SURAT KETERANGAN PINDAH", 13.5, bold)
    s.centre(y + 19, "Nomor : " + number, 10.5, face)
    y += 40
    size = rng.uniform(8.6, 9.4)
    movers = _movers(origin, p, mv.kind)
    room = h - m - 130 - (len(movers) + 1) * (size + 7) - 32 - y  # what the 25 rows may take
    row_h = min(size + rng.uniform(8.5, 10), room / 25)
    no_w, label_w = 22.0, rng.uniform(150, 175)
    vx = x0 + no_w + label_w + 6
    bw = size + 2.2
    count = 0
    top = y

    def section(text: str) -> None:
        nonlocal y
        s.box(x0, y, x1 - x0, row_h, 0.85)
        s.text(x0 + 5, y + (row_h - size * 0.72) / 2, text, size + 0.3, bold)
        s.rect(x0, y, x1 - x0, row_h, 0.6)
        y += row_h

    def line(label: str) -> float:
        nonlocal y, count
        count += 1
        s.text(x0 + 4, y + (row_h - size * 0.72) / 2, f"{count}.", size, face)
        s.text(x0 + no_w + 4, y + (row_h - size * 0.72) / 2, label, size, face, max_w=label_w - 6)
        s.line(x0, y + row_h, x1, y + row_h, 0.4)
        s.line(x0 + no_w, y, x0 + no_w, y + row_h, 0.4)
        s.line(x0 + no_w + label_w, y, x0 + no_w + label_w, y + row_h, 0.4)
        yy = y
        y += row_h
        return yy + (row_h - size - 5) / 2  # the boxes' top

    def text_row(label: str, value: str) -> None:
        by = line(label)
        s.text(vx, by + 2.5, value, size + 0.4, face, max_w=x1 - vx - 4)

    def boxed_row(label: str, value: str) -> None:
        _boxes(s, vx, line(label), value, size, face, bw)

    def coded_row(label: str, code: str, name: str) -> None:
        by = line(label)
        end = _boxes(s, vx, by, code, size, face, bw)
        s.text(end + 8, by + 2.5, name, size + 0.4, face, max_w=x1 - end - 12)

    def rt_rw(fam: Family) -> None:
        by = line(rng.choice(("RT / RW", "RT/RW")))
        end = _boxes(s, vx, by, fam.rt, size, face, bw)
        s.text(end + 8, by + 2.5, "RW", size, face)
        _boxes(s, end + 28, by, fam.rw, size, face, bw)

    descending = rng.random() < 0.6
    named = rng.choice(("Kode - Nama ", "Kode/Nama ", ""))

    def regions(fam: Family) -> None:
        levels = [
            (named + "Provinsi", fam.province_code),
            (named + "Kab/Kota", fam.regency_code),
            (named + "Kecamatan", fam.district_code),
            (named + "Kel/Desa", fam.village_code),
        ]
        for label, code in levels if descending else levels[::-1]:
            coded_row(label, _code(code), _region(code))
        boxed_row("Kode Pos", fam.postal_code)

    section("A. DATA DAERAH ASAL")
    boxed_row("Nomor Kartu Keluarga", origin.kk_number)
    text_row("Nama Kepala Keluarga", origin.head.name)
    text_row("Alamat", origin.address)
    rt_rw(origin)
    regions(origin)
    boxed_row("NIK Pemohon", p.nik)
    text_row("Nama Lengkap", p.name)
    section("B. DATA KEPINDAHAN")
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    for label, index, words in (
        ("Alasan Pindah", mv.reason, MOVE_REASONS[mv.reason].title()),
        (
            "Klasifikasi Pindah",
            cls,
            MOVE_CLASSES_SHORT[cls] if rng.random() < 0.5 else MOVE_CLASSES[cls].title(),
        ),
        (
            "Jenis Kepindahan",
            mv.kind,
            MOVE_TYPES_SHORT[mv.kind] if rng.random() < 0.5 else MOVE_TYPES[mv.kind].title(),
        ),
    ):
        coded_row(label, str(index + 1), words)
    if rng.random() < 0.6:
        by = line("Rencana Tanggal Pindah")
        x = vx
        for part, digits in (
            ("Tgl", f"{mv.day.day:02d}"),
            ("Bln", f"{mv.day.month:02d}"),
            ("Thn", str(mv.day.year)),
        ):
            s.text(x, by + 2.5, part, size, face)
            x = _boxes(s, x + s.width(part, size, face) + 4, by, digits, size, face, bw) + 12
    else:
        text_row("Rencana Tanggal Pindah", _date(mv.day, rng.choice(("dmy-dash", "long-title", "long"))))
    section("C. DATA DAERAH TUJUAN")
    text_row("Alamat Tujuan", dest.address)
    rt_rw(dest)
    regions(dest)
    s.rect(x0, top, x1 - x0, y - top, 0.9)
    y += 14
    s.text(x0, y, "D. ANGGOTA KELUARGA YANG PINDAH", size + 0.3, bold)
    y = _members_table(s, x0, x1, y + row_h, movers, faces, size) + 18
    place = _issue_place(origin).title()
    issued = _date(origin.issue_date, rng.choice(("long-title", "dmy-dash", "long")))
    s.text(w * 0.58, y, f"{place}, {issued}", size + 0.5, face, max_w=x1 - w * 0.58)
    s.centre(y + 14, "Pemohon,", size + 0.5, face, x0, w * 0.45)
    s.text(w * 0.58, y + 14, "a.n. KEPALA DINAS KEPENDUDUKAN", size, bold, max_w=x1 - w * 0.58)
    s.text(w * 0.58, y + 26, "DAN PENCATATAN SIPIL", size, bold)
    s.centre(y + 84, p.name, size + 0.5, face, x0, w * 0.45)
    official = rng.choice(_OFFICIALS)
    s.text(w * 0.58, y + 84, official, size + 0.5, bold, max_w=x1 - w * 0.58)
    s.text(w * 0.58, y + 96, "NIP. " + _nip(rng), size, face)
    dpi = rng.uniform(205, 235)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.signature((w * 0.58 + 20) * k, (y + 44) * k, 110 * k, 34 * k)
    pg.signature((w * 0.22 - 40) * k, (y + 46) * k, 80 * k, 26 * k)
    pg.stamp(
        (w * 0.58 + rng.uniform(-5, 20)) * k, (y + 52) * k, 40 * k, "DUKCAPIL|" + _issue_place(origin)[:12]
    )
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-kode-wilayah")
