"""An eleventh round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type. Like round 10 it is a HELD-OUT SET of TYPESET pages (a clean page image, to be degraded by
`degrade.degrade` like any page) in structures and wordings no older layout has, so that it estimates how the
extractor does on forms it was never shown. Each layout is a family of pages: field order, label wording,
date form, face, sizes and margins are drawn from the rng.

- KK, `kk-ttd-elektronik`: the KK as printed since the 2021 electronic signature (A4 landscape, no wet
  signature, no stamp): the header in two columns where SOME PAIRS SHARE A LINE ("RT/RW : 001/002   Kode Pos :
  55281", "RT : 001  RW : 002", "Desa/Kelurahan : X   Kode Pos : ..."), both member tables with the form's
  COLUMN NUMBERS under the titles ("(1) (2) ..." and on through the second table, or restarting), the columns
  in other orders (Agama before Jenis Kelamin, Golongan Darah before Pendidikan and Jenis Pekerjaan, the NIK
  first; Status Hubungan before Status Perkawinan), "Dikeluarkan Tanggal : 07-05-2021", the head of family's
  printed name without a signature, a QR code in the Dinas's block or in the bottom right corner and the TTE
  sentence ("... ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan BSrE").
- KK, `kk-biodata-anggota`: SIAK's BIODATA KELUARGA print: the family's header as label lines, then ONE BLOCK
  PER MEMBER ("ANGGOTA KELUARGA KE-1", "Anggota ke-2") of label : value lines instead of the member tables,
  two blocks side by side or one full-width block in two sub-columns, a shaded or ruled block title; "Tempat
  / Tgl. Lahir" on one line on some prints; a long family runs onto a SECOND SHEET ("Halaman 2 dari 2", a
  running head with the KK number), the sheets scanned one above the other; the print's own date and user
  ("Dicetak oleh", "Tanggal Cetak") besides the KK's issue date; the Dinas's signature and stamp.
- Akta kelahiran, `akta-register-salinan`: a PETIKAN / SALINAN FROM THE BIRTH REGISTER on a landscape sheet:
  the register's COLUMNS ACROSS THE PAGE (No. Urut, Nomor Akta, NIK, Nama Anak, Jenis Kelamin, Tempat and
  Tanggal Lahir or one merged column, Anak Ke, Nama Orang Tua over Ayah / Ibu or two plain columns, Tanggal
  Pencatatan, Keterangan) with the column numbers under them, the child's ONE ROW and the register's empty
  ruled rows under it, the certifying sentence under the table, the Dinas's letterhead, stamp and signature.
- Akta kelahiran, `akta-pelapor-saksi`: the FULL REGISTER ENTRY (Salinan Akta Kelahiran), not the Kutipan:
  "Pada hari ini Senin, tanggal ... telah menghadap kepada saya ..., Pejabat Pencatatan Sipil", the REPORTER
  (PELAPOR) with NIK, age, occupation and address, the birth in a sentence (the day of the week, sometimes the
  hour, the date in words in capitals, title case or lower case, or in digits), the child's name on its own
  line, "anak ke-2 dari seorang ayah bernama ... dan seorang ibu bernama ...", TWO WITNESSES (Saksi I / II)
  as label blocks or a sentence, the closing formula, four signature places (pelapor, saksi I, saksi II,
  pejabat), "Salinan ini sesuai dengan aslinya". So: many other names, ages and dates beside the child's.
- KTP-el, `ktp-ikd-layar`: a LIGHT-THEME SCREENSHOT of the IKD app (a phone's 1080 x 2340 screen, scaled to
  650-970 px wide, a scrolling capture when the data runs long): status bar, the app bar, a CARD PANEL (pale
  or dark, the photo's place, NIK and name on it), then the data in a TWO-COLUMN GRID of small grey labels
  over bold values ("Tempat Lahir | Tanggal Lahir", "RT | RW", "Kabupaten/Kota | Provinsi"), section titles,
  the bottom navigation bar. The truth has no issue place or date (the app prints none).
- KTP-el, `ktp-biodata-siak`: SIAK's BIODATA PENDUDUK WNI print for one person: numbered rows or a two-column
  grid under section titles (DATA KELUARGA, DATA INDIVIDU, DATA ORANG TUA, DATA ALAMAT) in several orders,
  with fields a card has not (Nomor KK and Nama Kepala Keluarga before the person, Nomor Akta Kelahiran,
  Status Hubungan Dalam Keluarga, Pendidikan Terakhir, Kelainan Fisik dan Mental, the parents' NIKs and
  names), RT and RW as two rows or one, "Dikeluarkan di / Pada tanggal", a print timestamp. No valid-until.
- SKPWNI, `skpwni-tabel-mendatar`: a landscape certificate whose addresses are ONE ROW EACH of a table with the
  address elements as COLUMNS (Alamat, RT, RW or RT/RW, Desa/Kelurahan, Kecamatan, Kabupaten/Kota, Provinsi,
  Kode Pos; rows "Daerah Asal" and "Daerah Tujuan"), as village registers of moves (Buku Mutasi Penduduk)
  set them, column numbers under the titles; the move's details as a second one-row table (Alasan,
  Klasifikasi, Jenis, Rencana Tanggal, Status KK), the members moving in a third, the signature beside it.
- SKPWNI, `skpwni-surat-dinas`: the certificate as an OFFICIAL LETTER in the government's letter format (tata
  naskah dinas): the place and date top right, "Nomor / Sifat / Lampiran / Hal : Surat Keterangan Pindah" on
  the left, "Kepada Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil <destination> di <place>", the data in
  RUNNING PROSE ("... yang beralamat di ... RT 003 RW 012 Kelurahan ... akan pindah ke ..."), a short table of
  the family members moving, the closing formula, the signature block and a "Tembusan" list naming the
  origin's camat and lurah/kepala desa.

Faces: round 8-10's PDF sheets drawn by pdfium (Times, Helvetica, Helvetica Narrow, Courier, Bookman, New
Century Schoolbook, Palatino, Utopia, Avant Garde); stamps and signatures as `variety.Page` draws them.
Names on the akta and the KTP pages sometimes carry an apostrophe ("MA'RUF", "NUR'AINI"), as real ones do;
academic titles stay where the synthetic KK has them. Every page is an 8-bit grey image (`upload` None).
Ground truths are normalised as the older layouts' are (the same keys per type, built by the same helpers);
a key a page does not print is left out. Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PIL import Image

from tools.docgen.render import MONTHS, RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_REASONS,
    MOVE_TYPES,
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
from tools.synthetic.residents import OCCUPATIONS_ADULT, Family, Person

# --- small helpers ----------------------------------------------------------------------------------------

_KAPPA = 0.5523


def _rounded(s: PdfSheet, x: float, y: float, w: float, h: float, r: float, grey: float) -> None:
    """A filled box with rounded corners (y: its top)."""
    k = _KAPPA * r
    b, t = s.h - y - h, s.h - y
    path = (
        f"{x + r:.2f} {b:.2f} m {x + w - r:.2f} {b:.2f} l "
        f"{x + w - r + k:.2f} {b:.2f} {x + w:.2f} {b + r - k:.2f} {x + w:.2f} {b + r:.2f} c "
        f"{x + w:.2f} {t - r:.2f} l {x + w:.2f} {t - r + k:.2f} {x + w - r + k:.2f} {t:.2f} {x + w - r:.2f} {t:.2f} c "
        f"{x + r:.2f} {t:.2f} l {x + r - k:.2f} {t:.2f} {x:.2f} {t - r + k:.2f} {x:.2f} {t - r:.2f} c "
        f"{x:.2f} {b + r:.2f} l {x:.2f} {b + r - k:.2f} {x + r - k:.2f} {b:.2f} {x + r:.2f} {b:.2f} c h f"
    )
    s.ops.append(f"{grey:.2f} g {path} 0 g")


_TITLE_WORDS = frozenset(("H.", "HJ.", "DR.", "IR.", "DRS.", "DRA.", "PROF."))


def _plain(name: str) -> str:
    """A name without academic or religious titles ("PROF. DR. BUDI, S.PD." -> "BUDI"): a civil-registry
    certificate prints none (DOMAIN.md), so the akta pages print and expect the name without them."""
    words = name.split(", ", 1)[0].split()
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _untitled(p: Person) -> Person:
    return replace(
        p, name=_plain(p.name), father_name=_plain(p.father_name), mother_name=_plain(p.mother_name)
    )


def _words_lower(d: date) -> str:
    """The date in words as a typist or a clerk writes it in a sentence: "tujuh Mei dua ribu sebelas"."""
    return f"{number_words(d.day).lower()} {MONTHS[d.month - 1].title()} {number_words(d.year).lower()}"


def _date11(d: date, style: str) -> str:
    """Round 10's date styles and the lower-case words."""
    return _words_lower(d) if style == "words-lower" else _date(d, style)


def _grid(
    s: PdfSheet,
    x0: float,
    x1: float,
    y0: float,
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: float,
    faces: Faces,
    *,
    shares: Sequence[float] | None = None,
    numbers: Sequence[str] | None = None,
    groups: Sequence[tuple[int, int, str]] = (),
    shade: float = 1.0,
    wrap: bool = True,
    empty_rows: int = 0,
) -> float:
    """A ruled table: titles wrapped in bold inside their column (a group's title over its columns), the
    form's column numbers under them, the cells wrapped (or squeezed) inside their column, the other cells of
    a row centred beside the tallest; `empty_rows` ruled rows left blank under the data. Column widths are
    the given shares, or each column's widest text with the spare room shared out. The y under it."""
    face, bold = faces
    pad, hs, lead = 2.4, size - 0.3, size + 1.8
    if shares is None:
        need = []
        for i, title in enumerate(titles):
            widths = [s.width(r[i], size, face) for r in rows]
            words = [s.width(w, hs, bold) for w in title.split()]
            need.append(max(widths + words) + 2 * pad)
        shares = need
    total = sum(shares)
    xs = [x0]
    for share in shares:
        xs.append(xs[-1] + (x1 - x0) * share / total)
    tlines = [_split(s, t, hs, bold, xs[i + 1] - xs[i] - 9) for i, t in enumerate(titles)]
    grouped = {i for a, b, _ in groups for i in range(a, b + 1)}
    title_h = max(len(lines) for lines in tlines) * (hs + 1.5) + 6
    group_h = hs + 7 if groups else 0.0
    head_h = group_h + title_h
    if shade < 1:
        s.box(x0, y0, x1 - x0, head_h, shade)
    for a, b, text in groups:
        s.centre(y0 + 3.6, text, hs, bold, xs[a], xs[b + 1])
        s.line(xs[a], y0 + group_h, xs[b + 1], y0 + group_h, 0.5)
    for i, lines in enumerate(tlines):
        top, room = (y0 + group_h, title_h) if i in grouped else (y0, head_h)
        t0 = top + (room - len(lines) * (hs + 1.5)) / 2 + 0.8
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
    for r, cells in enumerate(rows):
        rooms = [xs[i + 1] - xs[i] - 2 * pad for i in range(len(cells))]
        split = [_split(s, c, size, face, rooms[i]) if wrap else [c] for i, c in enumerate(cells)]
        h = max(len(lines) for lines in split) * lead + 5
        for i, lines in enumerate(split):
            top = y + (h - len(lines) * lead) / 2 + 0.9
            for j, line in enumerate(lines):
                s.text(xs[i] + pad, top + j * lead, line, size, face, max_w=rooms[i])
        y += h
        if r < len(rows) - 1 or empty_rows:
            s.line(x0, y, x1, y, 0.35)
    for e in range(empty_rows):
        y += lead + 5
        if e < empty_rows - 1:
            s.line(x0, y, x1, y, 0.35)
    s.line(x0, y, x1, y, 0.9)
    for k, x in enumerate(xs):
        inner = 0 < k < len(xs) - 1 and k - 1 in grouped and k in grouped
        inner = inner and any(a <= k - 1 and k <= b for a, b, _ in groups)
        s.line(x, y0 + group_h if inner else y0, x, y, 0.6)
    return y


def _label_lines(
    s: PdfSheet,
    x: float,
    y: float,
    items: Sequence[tuple[str, str]],
    size: float,
    faces: Faces,
    colon: float,
    right: float,
    step: float,
    *,
    bold_values: bool = False,
) -> float:
    """`label : value` lines, values wrapped under themselves; the y under the last."""
    face, bold = faces
    for label, value in items:
        s.text(x, y, label, size, face, max_w=colon - x - 3)
        s.text(colon, y, ":", size, face)
        vface = bold if bold_values else face
        lines = _split(s, value, size, vface, right - colon - 7)
        for i, line in enumerate(lines):
            s.text(colon + 7, y + i * (size + 2), line, size, vface, max_w=right - colon - 7)
        y += step + (len(lines) - 1) * (size + 2)
    return y


def _stack(pages: Sequence[Image.Image], gap: int, fill: int) -> Image.Image:
    """Sheets scanned one above the other into one image."""
    w = max(p.width for p in pages)
    out = Image.new("L", (w, sum(p.height for p in pages) + gap * (len(pages) - 1)), fill)
    y = 0
    for p in pages:
        out.paste(p, ((w - p.width) // 2, y))
        y += p.height + gap
    return out


_TTE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan BSrE",
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
    "Balai Sertifikasi Elektronik (BSrE), BSSN",
)

# --- KK: the electronically signed KK, header pairs sharing lines, numbered columns in other orders ---------

_EKK_TITLES: dict[str, tuple[str, ...]] = {
    "name": ("Nama Lengkap",),
    "nik": ("NIK",),
    "sex": ("Jenis Kelamin",),
    "place_of_birth": ("Tempat Lahir",),
    "birth_date": ("Tanggal Lahir",),
    "religion": ("Agama",),
    "education": ("Pendidikan",),
    "occupation": ("Jenis Pekerjaan",),
    "blood_type": ("Golongan Darah", "Gol. Darah"),
    "marital_status": ("Status Perkawinan",),
    "marriage_date": ("Tanggal Perkawinan",),
    "relationship": ("Status Hubungan Dalam Keluarga", "Status Hubungan Keluarga"),
    "citizenship": ("Kewarganegaraan",),
    "passport_number": ("No. Paspor",),
    "kitap_number": ("No. KITAP", "No. KITAS/KITAP"),
    "father_name": ("Ayah",),
    "mother_name": ("Ibu",),
}
_EKK_T1_ORDERS = (
    (
        "name",
        "nik",
        "religion",
        "sex",
        "place_of_birth",
        "birth_date",
        "blood_type",
        "education",
        "occupation",
    ),
    (
        "nik",
        "name",
        "sex",
        "place_of_birth",
        "birth_date",
        "religion",
        "blood_type",
        "education",
        "occupation",
    ),
    (
        "name",
        "nik",
        "sex",
        "religion",
        "place_of_birth",
        "birth_date",
        "education",
        "occupation",
        "blood_type",
    ),
)
_EKK_T2_ORDERS = (
    ("relationship", "marital_status", "marriage_date", "citizenship", "passport_number", "kitap_number",
     "father_name", "mother_name"),
    ("marital_status", "marriage_date", "relationship", "citizenship", "passport_number", "kitap_number",
     "father_name", "mother_name"),
    ("relationship", "citizenship", "marital_status", "marriage_date", "passport_number", "kitap_number",
     "father_name", "mother_name"),
)  # fmt: skip


def kk_ttd_elektronik(family: Family, rng: random.Random) -> RenderedDocument:
    """The electronically signed KK: header pairs sharing lines, numbered member columns in other orders,
    the QR code and the TTE sentence instead of a signature."""
    w, h = 842.0, 595.0
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("schoolbook", "schoolbook-bold"), ("utopia", "utopia-bold"), ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    m = rng.uniform(24, 34)
    y = m + rng.uniform(0, 6)
    s.centre(y, "KARTU KELUARGA", rng.uniform(15, 17.5), bold)
    s.centre(y + 21, rng.choice(("No. ", "No. ", "NO. ")) + family.kk_number, rng.uniform(11, 12.5), bold)
    y += 46
    items = {
        "head": (rng.choice(("Nama Kepala Keluarga", "Nama Kepala Keluarga", "Kepala Keluarga")), family.head.name),
        "address": ("Alamat", family.address),
        "rtrw": (rng.choice(("RT/RW", "RT / RW")), rng.choice((f"{family.rt}/{family.rw}", f"{family.rt} / {family.rw}"))),
        "rt": ("RT", family.rt),
        "rw": ("RW", family.rw),
        "postal": ("Kode Pos", family.postal_code),
        "village": (rng.choice(("Desa/Kelurahan", "Desa/Kel", "Kelurahan/Desa")), _region(family.village_code)),
        "district": ("Kecamatan", _region(family.district_code)),
        "regency": (rng.choice(("Kabupaten/Kota", "Kab/Kota")), _region(family.regency_code)),
        "province": ("Provinsi", _region(family.province_code)),
    }  # fmt: skip
    left, right = rng.choice(
        (
            ([["head"], ["address"], ["rtrw", "postal"], ["village"]], [["district"], ["regency"], ["province"]]),
            ([["head"], ["address"], ["rt", "rw", "postal"]], [["village"], ["district"], ["regency"], ["province"]]),
            ([["head"], ["address"], ["rt", "rw"], ["village", "postal"]], [["district"], ["regency"], ["province"]]),
            ([["head"], ["address"], ["rtrw"]], [["village", "postal"], ["district"], ["regency"], ["province"]]),
        )
    )  # fmt: skip
    size = rng.uniform(9, 10)
    step = size + rng.uniform(4, 5.5)
    mid = w * rng.uniform(0.5, 0.56)
    for lines, x, x_end in ((left, m + 8, mid - 16), (right, mid, w - m - 4)):
        colon = x + max(s.width(items[line[0]][0], size, face) for line in lines) + rng.uniform(8, 18)
        for i, line in enumerate(lines):
            yy = y + i * step
            label, value = items[line[0]]
            s.text(x, yy, label, size, face)
            s.text(colon, yy, ":", size, face)
            if len(line) == 1:
                s.text(colon + 6, yy, value, size, face, max_w=x_end - colon - 6)
                continue
            cx = s.text(colon + 6, yy, value, size, face) + rng.uniform(14, 26)
            for key in line[1:]:
                label, value = items[key]
                cx = s.text(cx, yy, label, size, face)
                cx = s.text(cx + 3, yy, ":", size, face)
                cx = s.text(cx + 4, yy, value, size, face, max_w=max(20.0, x_end - cx - 4)) + rng.uniform(
                    14, 22
                )
    y += max(len(left), len(right)) * step + 6
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash"))
    rows = [_cells(p, style) for p in family.members]
    if rng.random() < 0.3:  # the report leaves an empty value empty
        for cells in rows:
            for key in ("passport_number", "kitap_number", "marriage_date"):
                if cells[key][1] == "-":
                    cells[key] = ("", "-")
    t1 = list(rng.choice(_EKK_T1_ORDERS))
    t2 = list(rng.choice(_EKK_T2_ORDERS))
    parents_grouped = rng.random() < 0.6
    tsize = rng.uniform(7.4, 8.0) if len(rows) < 6 else rng.uniform(7.0, 7.4)
    number_style = rng.choice(("({})", "{}"))
    running = rng.random() < 0.6

    def numbers(n: int, start: int) -> list[str]:
        return [number_style.format(start + i) for i in range(n)]

    def title(key: str) -> str:
        return rng.choice(_EKK_TITLES[key])

    titles1 = ["No", *[title(k) for k in t1]]
    body1 = [[str(i + 1), *[c[k][0] for k in t1]] for i, c in enumerate(rows)]
    y = _grid(
        s, m, w - m, y, titles1, body1, tsize, faces, numbers=numbers(len(titles1), 1), shade=0.9, wrap=False
    )
    titles2 = ["No", *[title(k) for k in t2]]
    if not parents_grouped:
        titles2 = [t if t not in ("Ayah", "Ibu") else f"Nama {t}" for t in titles2]
    body2 = [[str(i + 1), *[c[k][0] for k in t2]] for i, c in enumerate(rows)]
    groups = [(len(titles2) - 2, len(titles2) - 1, "Nama Orang Tua")] if parents_grouped else []
    y = _grid(
        s,
        m,
        w - m,
        y + rng.uniform(8, 14),
        titles2,
        body2,
        tsize,
        faces,
        numbers=numbers(len(titles2), len(titles1) + 1 if running else 1),
        groups=groups,
        shade=0.9,
        wrap=False,
    )
    y += rng.uniform(10, 16)
    fsize = 8.6
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-dash", "long-title")))
    x_left = m + 10
    s.text(
        x_left, y, rng.choice(("Dikeluarkan Tanggal", "Dikeluarkan tanggal")) + " : " + issued, fsize, face
    )
    s.centre(y + 16, "KEPALA KELUARGA", fsize, face, x_left, x_left + 190)
    s.centre(y + 74, family.head.name, fsize, bold, x_left, x_left + 190)
    regency = _region(family.regency_code)
    bx0, bx1 = w * 0.6, w - m
    s.centre(y + 16, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", fsize - 0.4, face, bx0, bx1)
    s.centre(y + 27, regency, fsize - 0.4, face, bx0, bx1)
    official = rng.choice(_OFFICIALS)
    payload = f"https://kk.dukcapil.kemendagri.go.id/v/{family.kk_number}/{_token(rng, 16)}"
    in_block = rng.random() < 0.6
    qr = 44.0
    if in_block:
        s.qr((bx0 + bx1 - qr) / 2, y + 36, qr, payload)
        s.centre(y + 84, official, fsize, bold, bx0, bx1)
        s.centre(y + 95, "NIP. " + _nip(rng), fsize - 1, face, bx0, bx1)
    else:
        s.centre(y + 74, official, fsize, bold, bx0, bx1 - qr - 6)
        s.centre(y + 85, "NIP. " + _nip(rng), fsize - 1, face, bx0, bx1 - qr - 6)
        s.qr(w - m - qr, y + 44, qr, payload)
    note = rng.choice(_TTE)
    s.text(m, h - m + 4, note, 6.6, face, max_w=w - 2 * m - (0 if in_block else qr + 8))
    dpi = rng.uniform(200, 230)
    page = _paper(s.render(dpi), rng.randint(244, 253))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-ttd-elektronik")


# --- KK: SIAK's family biodata print, one block per member ---------------------------------------------------

_BLOCK_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nik", ("NIK", "Nomor Induk Kependudukan")),
    ("name", ("Nama Lengkap", "Nama")),
    ("sex", ("Jenis Kelamin",)),
    ("place_of_birth", ("Tempat Lahir",)),
    ("birth_date", ("Tanggal Lahir",)),
    ("religion", ("Agama",)),
    ("education", ("Pendidikan", "Pendidikan Terakhir")),
    ("occupation", ("Jenis Pekerjaan", "Pekerjaan")),
    ("blood_type", ("Golongan Darah", "Gol. Darah")),
    ("marital_status", ("Status Perkawinan",)),
    ("marriage_date", ("Tanggal Perkawinan", "Tgl. Perkawinan")),
    ("relationship", ("Status Hubungan Dalam Keluarga", "Hubungan Keluarga", "SHDK")),
    ("citizenship", ("Kewarganegaraan",)),
    ("passport_number", ("No. Paspor",)),
    ("kitap_number", ("No. KITAS/KITAP",)),
    ("father_name", ("Nama Ayah",)),
    ("mother_name", ("Nama Ibu",)),
)


def kk_biodata_anggota(family: Family, rng: random.Random) -> RenderedDocument:
    """SIAK's Biodata Keluarga: the header as lines, one label block per member, onto a second sheet when
    the family is long."""
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("courier", "courier-bold"), ("schoolbook", "schoolbook-bold"), ("bookman", "bookman-demi"))
    )  # fmt: skip
    face, bold = faces
    m = rng.uniform(30, 42)
    regency = _region(family.regency_code)
    printed = min(family.issue_date + timedelta(days=rng.randint(20, 1500)), date(2026, 10, 30))
    sheets = [PdfSheet(w, h)]
    s = sheets[0]
    kop = rng.random() < 0.5
    if kop:
        y = _kop(s, regency, rng, faces, m + 40, w - m, m - 8)
    else:
        s.text(m, m - 6, "PROVINSI " + _region(family.province_code), 8, face)
        s.text(m, m + 4, regency, 8, face)
        s.right(w - m, m - 6, "SIAK", 8, bold)
        y = m + 26
    s.centre(y, rng.choice(("BIODATA KELUARGA", "BIODATA KELUARGA WNI", "DATA KELUARGA")), 14, bold)
    y += 26
    size = rng.uniform(8.6, 9.4)
    step = size + rng.uniform(3.5, 5)
    rtrw = rng.random() < 0.6
    head: list[tuple[str, str]] = [
        (rng.choice(("Nomor KK", "No. Kartu Keluarga", "Nomor Kartu Keluarga")), family.kk_number),
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
    ]
    head += [("RT/RW", f"{family.rt}/{family.rw}")] if rtrw else [("RT", family.rt), ("RW", family.rw)]
    head += [
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")), _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), regency),
        ("Provinsi", _region(family.province_code)),
        ("Kode Pos", family.postal_code),
        (
            rng.choice(("Tanggal Penerbitan KK", "Tgl. Dikeluarkan KK", "Tanggal Dikeluarkan")),
            _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash", "long-title"))),
        ),
    ]
    x0, x1 = m, w - m
    if rng.random() < 0.5:  # two columns of header lines
        half = (len(head) + 1) // 2
        mid = (x0 + x1) / 2 + 6
        c1 = x0 + 6 + max(s.width(label, size, face) for label, _ in head[:half]) + 8
        c2 = mid + max(s.width(label, size, face) for label, _ in head[half:]) + 8
        y1 = _label_lines(s, x0 + 6, y, head[:half], size, faces, c1, mid - 10, step)
        y2 = _label_lines(s, mid, y, head[half:], size, faces, c2, x1, step)
        y = max(y1, y2)
    else:
        colon = x0 + 6 + max(s.width(label, size, face) for label, _ in head) + rng.uniform(10, 30)
        y = _label_lines(s, x0 + 6, y, head, size, faces, colon, x1, step)
    y += 8
    s.line(x0, y, x1, y, 0.8)
    y += 10
    style = rng.choice(("dmy-dash", "dmy-slash", "long-title", "long-pad"))
    rows = [_cells(p, style) for p in family.members]
    labels = [(key, rng.choice(titles)) for key, titles in _BLOCK_LABELS]
    one_birth = rng.random() < 0.35  # "Tempat / Tgl. Lahir : PLACE, DATE" on one line
    two_up = rng.random() < 0.6
    heading = rng.choice(("ANGGOTA KELUARGA KE-{}", "Anggota ke-{}", "DATA ANGGOTA KELUARGA KE-{}"))
    shaded = rng.random() < 0.6
    bsize = rng.uniform(7.6, 8.2) if two_up else rng.uniform(8.0, 8.6)
    bstep = bsize + rng.uniform(2.2, 3.0)
    gap = 12.0

    def block_lines(cells: Cells) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for key, label in labels:
            if one_birth and key == "place_of_birth":
                out.append(("Tempat / Tgl. Lahir", f"{cells['place_of_birth'][0]}, {cells['birth_date'][0]}"))
            elif not (one_birth and key == "birth_date"):
                out.append((label, cells[key][0]))
        return out

    def block_height(cells: Cells) -> float:
        n = len(block_lines(cells))
        lines = n if two_up else (n + 1) // 2
        return bsize + 10 + lines * bstep + 6

    def draw_block(sh: PdfSheet, bx0: float, bx1: float, by: float, i: int, cells: Cells) -> None:
        title_h = bsize + 7
        if shaded:
            sh.box(bx0, by, bx1 - bx0, title_h, 0.86)
        else:
            sh.line(bx0, by + title_h, bx1, by + title_h, 0.6)
        sh.text(bx0 + 4, by + 3.4, heading.format(i + 1), bsize, bold)
        lines = block_lines(cells)
        top = by + title_h + 5
        cols = [lines] if two_up else [lines[: (len(lines) + 1) // 2], lines[(len(lines) + 1) // 2 :]]
        cw = (bx1 - bx0) / len(cols)
        for c, col in enumerate(cols):
            cx = bx0 + 4 + c * cw
            colon = cx + max(sh.width(label, bsize, face) for label, _ in col) + 5
            colon = min(colon, cx + cw * 0.48)
            for j, (label, value) in enumerate(col):
                yy = top + j * bstep
                sh.text(cx, yy, label, bsize, face, max_w=colon - cx - 2)
                sh.text(colon, yy, ":", bsize, face)
                sh.text(colon + 5, yy, value, bsize, face, max_w=cx + cw - colon - 12)
        if not shaded:
            sh.rect(bx0, by, bx1 - bx0, block_height(cells) - 4, 0.5)

    footer_h = 118.0
    per_row = 2 if two_up else 1
    bw = (x1 - x0 - (gap if two_up else 0)) / per_row
    page_no = [1]
    for start in range(0, len(rows), per_row):
        chunk = rows[start : start + per_row]
        rh = max(block_height(c) for c in chunk)
        last = start + per_row >= len(rows)
        if y + rh + (footer_h if last else 0) > h - m - 10:
            s = PdfSheet(w, h)
            sheets.append(s)
            page_no.append(len(sheets))
            s.text(x0, m - 6, f"BIODATA KELUARGA  No. KK : {family.kk_number}", 8, face, grey=0.2)
            s.line(x0, m + 6, x1, m + 6, 0.5)
            y = m + 16
        for j, cells in enumerate(chunk):
            bx0 = x0 + j * (bw + gap)
            draw_block(s, bx0, bx0 + bw, y, start + j, cells)
        y += rh + 6
    if y + footer_h > h - m - 10:
        s = PdfSheet(w, h)
        sheets.append(s)
        s.text(x0, m - 6, f"BIODATA KELUARGA  No. KK : {family.kk_number}", 8, face, grey=0.2)
        y = m + 16
    y += 8
    user = rng.choice(("operator_dafduk", "petugas.kec", "admin_siak", "opr.kelurahan"))
    s.text(x0, y, f"Dicetak oleh : {user}", 7.5, face, grey=0.2)
    s.text(
        x0,
        y + 10,
        f"Tanggal Cetak : {printed:%d-%m-%Y} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}",
        7.5,
        face,
        grey=0.2,
    )
    bx = w * 0.55
    place = _issue_place(family)
    s.text(bx, y, f"{place.title()}, {_date(printed, rng.choice(('long-title', 'dmy-dash')))}", size, face)
    s.text(bx, y + step, "KEPALA DINAS KEPENDUDUKAN DAN", size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 2 * step, "PENCATATAN SIPIL " + regency, size - 0.5, bold, max_w=x1 - bx)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 2 * step + 58, official, size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 3 * step + 56, "NIP. " + _nip(rng), size - 1, face)
    sign_y = y + 2 * step + 14
    for i, sh in enumerate(sheets):
        sh.right(x1, h - m + 8, f"Halaman {i + 1} dari {len(sheets)}", 7.5, face)
    dpi = rng.uniform(200, 220)
    k = dpi / 72
    images = [sh.render(dpi) for sh in sheets]
    if kop:
        images[0] = _emblem(images[0], (m + 18) * k, (m + 16) * k, 22 * k, 90)
    pg = _page_of(images[-1], rng)
    pg.signature((bx + 20) * k, (sign_y + 10) * k, 110 * k, 32 * k)
    pg.stamp((bx + rng.uniform(-8, 20)) * k, (sign_y + 24) * k, 40 * k, "DISDUKCAPIL|" + place[:13])
    images[-1] = pg.img
    page = _stack([_paper(img, rng.randint(244, 252)) for img in images], round(10 * k), 150)
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-biodata-anggota")


# --- akta kelahiran: a petikan of the birth register, its columns across a landscape sheet ------------------


def akta_register_salinan(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The child's row of the birth register under the register's numbered columns, on a landscape sheet."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    w, h = rng.choice(((842.0, 595.0), (935.4, 609.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("helvetica", "helvetica-bold"),
         ("narrow", "narrow-bold"), ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    regency = _region(family.regency_code)
    m = rng.uniform(30, 40)
    y = _kop(s, regency, rng, faces, m + 50, w - m, m - 6)
    number = akta_number(family, p, serial)
    registered = p.birth_date + timedelta(days=rng.randint(3, 240))
    s.centre(
        y,
        rng.choice(
            (
                "PETIKAN REGISTER AKTA KELAHIRAN",
                "SALINAN DARI REGISTER AKTA KELAHIRAN",
                "KUTIPAN DARI BUKU REGISTER AKTA KELAHIRAN",
            )
        ),
        13.5,
        bold,
    )
    s.centre(y + 17, f"TAHUN {registered.year}", 10.5, face)
    y += 40
    with_nik = rng.random() < 0.7
    merged = rng.random() < 0.35  # "Tempat dan Tanggal Lahir" in one column
    grouped = rng.random() < 0.6
    born = _date11(p.birth_date, rng.choice(("dmy-dash", "long", "long-title", "dmy-slash", "words")))
    order = rng.randint(1, 5)
    cols: list[tuple[str, str, float]] = [  # (title, text, share)
        (rng.choice(("No. Urut", "No.")), str(serial), 0.05),
        (rng.choice(("Nomor Akta", "Nomor Akta Kelahiran", "No. Akta")), number, 0.15),
    ]
    if with_nik:
        cols.append(("NIK", p.nik, 0.12))
    cols += [
        (rng.choice(("Nama Anak", "Nama Lengkap")), p.name, 0.14),
        ("Jenis Kelamin", _sex(p), 0.075),
    ]
    if merged:
        cols.append(("Tempat dan Tanggal Lahir", f"{p.place_of_birth}, {born}", 0.16))
    else:
        cols += [("Tempat Lahir", p.place_of_birth, 0.09), ("Tanggal Lahir", born, 0.09)]
    cols.append(("Anak Ke", rng.choice((str(order), f"{order} ({number_words(order).lower()})")), 0.05))
    parents_at = len(cols)
    cols += [
        ("Ayah" if grouped else "Nama Ayah", p.father_name, 0.13),
        ("Ibu" if grouped else "Nama Ibu", p.mother_name, 0.13),
    ]
    if rng.random() < 0.6:
        cols.append(("Tanggal Pencatatan", _date(registered, rng.choice(("dmy-dash", "dmy-slash"))), 0.08))
    cols.append((rng.choice(("Keterangan", "Ket.")), rng.choice(("-", "", "UMUM")), 0.06))
    size = rng.uniform(9.0, 9.8) if w < 900 else rng.uniform(9.6, 10.4)
    number_style = rng.choice(("{}", "({})"))
    numbers = [number_style.format(i + 1) for i in range(len(cols))]
    y = _grid(
        s,
        m,
        w - m,
        y,
        [t for t, _, _ in cols],
        [[v for _, v, _ in cols]],
        size,
        faces,
        shares=[sh for _, _, sh in cols],
        numbers=numbers,
        groups=[(parents_at, parents_at + 1, "Nama Orang Tua")] if grouped else [],
        shade=rng.choice((1.0, 0.9)),
        empty_rows=rng.randint(0, 3),
    )
    y += 16
    office = f"Dinas Kependudukan dan Pencatatan Sipil {regency.title()}"
    sentence = rng.choice(
        (
            f"Petikan ini dibuat sesuai dengan data yang tercantum dalam Register Akta Kelahiran Tahun "
            f"{registered.year} yang disimpan pada {office}.",
            f"Salinan ini sesuai dengan Buku Register Akta Kelahiran yang ada pada {office}, dan diberikan "
            "kepada yang berkepentingan untuk dipergunakan sebagaimana mestinya.",
        )
    )
    y = _prose(s, m + 6, y, w - 2 * m - 12, [(sentence, face)], 9.5, 13)
    y += 10
    bx = w * 0.6
    place = _issue_place(family)
    issued = _date(max(family.issue_date, registered), rng.choice(("long-title", "long", "dmy-dash")))
    s.text(bx, y, "Dikeluarkan di", 9.5, face)
    cx = bx + max(s.width(t, 9.5, face) for t in ("Dikeluarkan di", "Pada tanggal")) + 8
    s.text(cx, y, ": " + place.title(), 9.5, face)
    s.text(bx, y + 13, "Pada tanggal", 9.5, face)
    s.text(cx, y + 13, ": " + issued, 9.5, face)
    s.text(bx, y + 32, "KEPALA DINAS KEPENDUDUKAN DAN", 9, bold)
    s.text(bx, y + 43, "PENCATATAN SIPIL " + regency, 9, bold, max_w=w - m - bx)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 100, official, 9, bold, max_w=w - m - bx)
    s.text(bx, y + 111, "NIP. " + _nip(rng), 8.5, face)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), (m + 26) * k, (m + 16) * k, 24 * k, 80)
    pg = _page_of(img, rng)
    pg.signature((bx + 20) * k, (y + 60) * k, 120 * k, 32 * k)
    pg.stamp((bx + rng.uniform(-10, 20)) * k, (y + 70) * k, 40 * k, "DISDUKCAPIL|" + place[:13])
    page = _paper(pg.img, rng.randint(242, 252))
    truth = _akta_truth(number, p, nik=with_nik)
    return RenderedDocument("akta", page, truth, layout="akta-register-salinan")


# --- akta kelahiran: the full register entry, reporter and witnesses ----------------------------------------

_WITNESSES = (
    "SUPARMAN", "AHMAD FAUZI", "SRI WAHYUNINGSIH", "BAMBANG HERMANTO", "NUR HIDAYAT", "SITI ROMLAH",
    "YOHANES KRISTIANTO", "I WAYAN SUDARSANA", "HENDRA GUNAWAN", "RATNA SARI DEWI", "MUHAMMAD SYAFI'I",
    "DEDI KURNIAWAN", "SUWARNI", "ABDUL MALIK", "LUSIANA SIMANJUNTAK",
)  # fmt: skip


def akta_pelapor_saksi(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The full register entry: the officer, the reporter and two witnesses around the child's birth."""
    father = next((q for q in family.members if q.name == p.father_name), None)
    p = _apostrophe(_untitled(p), rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"),
         ("palatino", "palatino-bold"), ("courier", "courier-bold"), ("helvetica", "helvetica-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.7 else face  # the values in bold on most prints
    regency = _region(family.regency_code)
    m = rng.uniform(48, 62)
    number = akta_number(family, p, serial)
    registered = p.birth_date + timedelta(days=rng.randint(3, 90))
    official = rng.choice(_OFFICIALS)
    y = m + rng.uniform(0, 10)
    if rng.random() < 0.6:
        s.rect(m - 18, m - 18, w - 2 * (m - 18), h - 2 * (m - 18), 1.2)
    s.centre(y, "REPUBLIK INDONESIA", 12, bold)
    s.centre(
        y + 22,
        rng.choice(("SALINAN AKTA KELAHIRAN", "AKTA KELAHIRAN", "SALINAN REGISTER AKTA KELAHIRAN")),
        16,
        bold,
    )
    y += 48
    with_nik = rng.random() < 0.6
    s.centre(y, "Nomor : " + number, 11, face)
    y += 16
    if with_nik:
        s.centre(y, "NIK : " + p.nik, 10.5, face)
        y += 16
    y += 14
    size = rng.uniform(10.2, 11)
    lead = size + rng.uniform(4.5, 6)
    x0, width = m, w - 2 * m
    reg_day = _DAYS[registered.weekday()]
    reg_date = _date11(registered, rng.choice(("long-title", "words-title", "words-lower", "long")))
    y = _prose(
        s,
        x0,
        y,
        width,
        [
            (f"Pada hari ini {reg_day}, tanggal {reg_date}, telah menghadap kepada saya", face),
            (official + ",", vface),
            (
                f"Pejabat Pencatatan Sipil pada Dinas Kependudukan dan Pencatatan Sipil {regency.title()}:",
                face,
            ),
        ],
        size,
        lead,
    )
    if rng.random() < 0.7:
        reporter, role = p.father_name, rng.choice(("ayah kandung", "ayah"))
        age = (registered - father.birth_date).days // 365 if father else rng.randint(24, 45)
        reporter_nik = father.nik if father else ""
        job = father.occupation if father else rng.choice(OCCUPATIONS_ADULT)
    else:
        reporter, role = rng.choice(_WITNESSES), rng.choice(("kakek", "paman", "bidan yang menolong"))
        age, reporter_nik, job = rng.randint(28, 66), "", rng.choice(OCCUPATIONS_ADULT)
    address = f"{family.address} RT {family.rt} RW {family.rw}, {_region(family.village_code)}"
    y += 4
    colon = x0 + 24 + rng.uniform(90, 110)
    y = _label_lines(
        s,
        x0 + 24,
        y,
        [("Nama Pelapor", reporter), *([("NIK", reporter_nik)] if reporter_nik else []), ("Umur", f"{age} tahun"),
         ("Pekerjaan", job), ("Alamat", address), ("Hubungan", role)],
        size,
        faces,
        colon,
        w - m,
        lead,
        bold_values=vface == bold,
    )  # fmt: skip
    y += 4
    style = rng.choice(("words", "words-title", "words-lower", "long-title", "long", "digits-words"))
    born_day = _DAYS[p.birth_date.weekday()]
    hour = rng.random() < 0.5
    runs = [
        (f"yang menerangkan bahwa pada hari {born_day}, tanggal", face),
        (_date11(p.birth_date, style) + ",", vface),
    ]
    if hour:
        runs.append((f"pukul {rng.randint(0, 23):02d}.{rng.randint(0, 59):02d} WIB,", face))
    runs += [("di", face), (p.place_of_birth, vface), ("telah lahir seorang anak", face), (_sex(p), vface)]
    runs.append(("yang diberi nama:", face))
    y = _prose(s, x0, y, width, runs, size, lead)
    s.centre(y + 2, p.name, size + 3, bold)
    y += size + 14
    order = rng.randint(1, 5)
    ordinal = rng.choice(
        (f"ke-{order}", f"ke-{number_words(order).lower()}", f"ke {order} ({number_words(order).lower()})")
    )
    if rng.random() < 0.5:
        parents = [
            (f"anak {ordinal} dari seorang ayah bernama", face),
            (p.father_name, vface),
            ("dan seorang ibu bernama", face),
            (p.mother_name + ".", vface),
        ]
    else:
        parents = [
            (f"anak {ordinal} dari perkawinan", face),
            (p.father_name, vface),
            ("dengan", face),
            (p.mother_name + ".", vface),
        ]
    y = _prose(s, x0, y, width, parents, size, lead) + 4
    w1, w2 = rng.sample(_WITNESSES, 2)
    ages = (rng.randint(25, 60), rng.randint(25, 60))
    jobs = (rng.choice(OCCUPATIONS_ADULT), rng.choice(OCCUPATIONS_ADULT))
    if rng.random() < 0.5:
        for i, (name, age_w, job_w) in enumerate(((w1, ages[0], jobs[0]), (w2, ages[1], jobs[1]))):
            s.text(x0, y, f"Saksi {'I' * (i + 1)}", size, bold)
            y = _label_lines(
                s,
                x0 + 24,
                y + lead,
                [("Nama", name), ("Umur", f"{age_w} tahun"), ("Pekerjaan", job_w)],
                size,
                faces,
                colon,
                w - m,
                lead,
            )
    else:
        y = _prose(
            s,
            x0,
            y,
            width,
            [
                (
                    f"Kelahiran tersebut disaksikan oleh: 1. {w1}, umur {ages[0]} tahun, pekerjaan {jobs[0].lower()};",
                    face,
                ),
                (f"2. {w2}, umur {ages[1]} tahun, pekerjaan {jobs[1].lower()}.", face),
            ],
            size,
            lead,
        )
    y += 4
    y = _prose(
        s,
        x0,
        y,
        width,
        [
            (
                "Akta ini dibuat berdasarkan keterangan pelapor dan para saksi, kemudian dibacakan dan "
                "ditandatangani oleh pelapor, para saksi dan saya, Pejabat Pencatatan Sipil.",
                face,
            )
        ],
        size,
        lead,
    )
    y += 10
    quarter = (w - 2 * m) / 4
    ssize = size - 1.5
    for i, (title, name) in enumerate(
        (("Pelapor,", reporter), ("Saksi I,", w1), ("Saksi II,", w2), ("Pejabat Pencatatan Sipil,", official))
    ):
        cx0 = m + i * quarter
        s.centre(y, title, ssize, face, cx0, cx0 + quarter)
        s.centre(y + 44, name, ssize, face, cx0, cx0 + quarter)
    y += 64
    s.text(x0, y, "Salinan ini sesuai dengan aslinya.", size - 0.5, face)
    y += 18
    bx = w * 0.52
    place = _issue_place(family)
    issued = _date(max(family.issue_date, registered), rng.choice(("long-title", "long", "dmy-dash")))
    s.text(bx, y, f"{place.title()}, {issued}", size - 0.5, face, max_w=w - m - bx)
    s.text(bx, y + lead, "KEPALA DINAS KEPENDUDUKAN DAN", size - 1, bold)
    s.text(bx, y + 2 * lead, "PENCATATAN SIPIL " + regency, size - 1, bold, max_w=w - m - bx)
    s.text(bx, y + 2 * lead + 56, rng.choice(_OFFICIALS), size - 1, bold, max_w=w - m - bx)
    s.text(bx, y + 3 * lead + 55, "NIP. " + _nip(rng), size - 1.5, face)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    sign_y = y - 82
    for i in range(4):
        pg.signature((m + i * quarter + 25) * k, (sign_y + 10) * k, (quarter - 50) * k, 20 * k)
    pg.signature((bx + 20) * k, (y + 2 * lead + 16) * k, 110 * k, 30 * k)
    pg.stamp((bx + rng.uniform(-8, 20)) * k, (y + 2 * lead + 28) * k, 40 * k, "DISDUKCAPIL|" + place[:13])
    page = _paper(pg.img, rng.randint(240, 252))
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-pelapor-saksi")


# --- KTP-el: a light-theme screenshot of the IKD app, a card panel over a two-column grid -------------------


def ktp_ikd_layar(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The IKD app's card screen in its light theme: a card panel, then labels over values two to a row."""
    p = _apostrophe(p, rng, 0.15)
    w = 360.0  # the screen in points (3 px each on a 1080 px wide phone)
    faces: Faces = rng.choice((("helvetica", "helvetica-bold"), ("avantgarde", "avantgarde-demi")))
    face, bold = faces
    lsize, vsize = rng.uniform(9.5, 10.5), rng.uniform(11.8, 13.2)
    pad, gutter = 18.0, 12.0
    colw = (w - 2 * pad - gutter) / 2
    born = _date(p.birth_date, rng.choice(("dmy-dash", "long-pad", "long", "long-title")))
    personal = [
        [("Tempat Lahir", p.place_of_birth), ("Tanggal Lahir", born)],
        [("Jenis Kelamin", _sex(p)), (rng.choice(("Golongan Darah", "Gol. Darah")), _blood(p))],
        [("Agama", p.religion), ("Status Perkawinan", p.marital_status)],
        [("Pekerjaan", p.occupation), ("Kewarganegaraan", p.citizenship)],
    ]
    address = [
        [("Alamat", family.address)],
        [("RT", family.rt), ("RW", family.rw)],
        [(rng.choice(("Kelurahan/Desa", "Kel/Desa", "Desa/Kelurahan")), _region(family.village_code)),
         ("Kecamatan", _region(family.district_code))],
        [("Kabupaten/Kota", _region(family.regency_code)), ("Provinsi", _region(family.province_code))],
    ]  # fmt: skip
    validity = [[("Berlaku Hingga", "SEUMUR HIDUP")]]
    if rng.random() < 0.5:
        personal[1], personal[2] = personal[2], personal[1]
    sections = [
        (rng.choice(("Data Pribadi", "Data Diri", "Informasi Pribadi")), personal),
        (rng.choice(("Alamat", "Data Alamat", "Domisili")), address),
        ("", validity),
    ]
    dummy = PdfSheet(w, 800)

    def cell_lines(value: str, full: bool) -> list[str]:
        return _split(dummy, value, vsize, bold, (w - 2 * pad if full else colw) - 4)

    card_h = rng.uniform(176, 196)
    need = 24 + 50 + 12 + card_h + 18
    for title, rows in sections:
        need += (lsize + 16) if title else 6
        for row in rows:
            tall = max(len(cell_lines(v, len(row) == 1)) for _, v in row)
            need += lsize + 5 + tall * (vsize + 3) + 12
    h = max(780.0, need + 62)
    s = PdfSheet(w, h)
    dark = rng.random() < 0.45  # the card panel dark (white print on it) or pale
    s.text(16, 7, f"{rng.randint(6, 22):02d}.{rng.randint(0, 59):02d}", 10, bold)
    for i in range(4):  # signal bars and the battery
        s.box(w - 74 + i * 5, 15 - 3 * i, 3.2, 3 + 3 * i, 0.15)
    s.rect(w - 46, 6, 20, 10, 0.8, 0.15)
    s.box(w - 44, 8, rng.uniform(6, 16), 6, 0.15)
    s.text(w - 24, 7, f"{rng.randint(12, 99)}%", 8, face)
    y = 24.0
    s.box(0, y, w, 50, rng.choice((1.0, 0.96)))
    s.text(16, y + 17, "<", 16, bold)
    s.text(40, y + 18, rng.choice(("KTP Digital", "Identitas Kependudukan Digital", "IKD")), 14, bold)
    s.line(0, y + 50, w, y + 50, 0.4, 0.8)
    y += 62
    _rounded(s, pad - 4, y, w - 2 * pad + 8, card_h, 14, 0.28 if dark else 0.9)
    ink = 1.0 if dark else 0.0
    s.text(pad + 8, y + 12, "KARTU TANDA PENDUDUK ELEKTRONIK", 8.5, bold, grey=ink, max_w=w - 2 * pad - 16)
    s.text(pad + 8, y + 25, "REPUBLIK INDONESIA", 7.5, face, grey=ink)
    photo = (pad + 8, y + 46, pad + 8 + 72, y + 46 + 96)
    tx = photo[2] + 12
    room = w - pad - 6 - tx
    s.text(tx, y + 48, "NIK", lsize - 1, face, grey=0.8 if dark else 0.4)
    s.text(tx, y + 61, p.nik, vsize + 1.5, bold, grey=ink, max_w=room)
    s.text(tx, y + 88, "Nama", lsize - 1, face, grey=0.8 if dark else 0.4)
    for i, line in enumerate(_split(s, p.name, vsize, bold, room)):
        s.text(tx, y + 101 + i * (vsize + 3), line, vsize, bold, grey=ink, max_w=room)
    if rng.random() < 0.5:
        s.qr(w - pad - 40, y + card_h - 46, 36, f"IKD:{p.nik[:6]}{_token(rng, 20)}")
    y += card_h + 18
    for title, rows in sections:
        if title:
            s.text(pad, y, title, lsize + 2, bold)
            y += lsize + 16
        else:
            y += 6
        for row in rows:
            full = len(row) == 1
            height = 0.0
            for i, (label, value) in enumerate(row):
                x = pad + i * (colw + gutter)
                s.text(x, y, label, lsize, face, grey=0.45)
                lines = cell_lines(value, full)
                for j, line in enumerate(lines):
                    s.text(
                        x,
                        y + lsize + 5 + j * (vsize + 3),
                        line,
                        vsize,
                        bold,
                        max_w=(w - 2 * pad if full else colw),
                    )
                height = max(height, lsize + 5 + len(lines) * (vsize + 3))
            y += height + 4
            s.line(pad, y, w - pad, y, 0.4, 0.85)
            y += 8
    s.box(0, h - 56, w, 56, 0.98)
    s.line(0, h - 56, w, h - 56, 0.4, 0.85)
    for i, label in enumerate(("Beranda", "Dokumen", "Scan QR", "Profil")):
        cx = w * (i + 0.5) / 4
        _rounded(s, cx - 8, h - 48, 16, 16, 8, 0.2 if i == 0 else 0.6)
        s.centre(h - 27, label, 8, face, cx - 40, cx + 40)
    scale = rng.uniform(0.6, 0.9)
    dpi = 216 * scale
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    px0, py0, px1, py1 = (round(v * k) for v in photo)
    pg.photo_box(px0, py0, px1, py1)
    truth = _ktp_truth(
        family,
        p,
        province=_region(family.province_code),
        regency=_region(family.regency_code),
        valid_until="SEUMUR HIDUP",
    )
    return RenderedDocument("ktp", pg.img, truth, layout="ktp-ikd-layar")


# --- KTP-el: SIAK's biodata print of one person -----------------------------------------------------------


def ktp_biodata_siak(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """SIAK's Biodata Penduduk WNI: the person under section titles with the family's and parents' data."""
    p = _apostrophe(p, rng, 0.15)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("courier", "courier-bold"), ("bookman", "bookman-demi"), ("utopia", "utopia-bold"))
    )  # fmt: skip
    face, bold = faces
    regency, province = _region(family.regency_code), _region(family.province_code)
    m = rng.uniform(36, 50)
    y = _kop(s, regency, rng, faces, m + 46, w - m, m - 8)
    s.centre(y, rng.choice(("BIODATA PENDUDUK WARGA NEGARA INDONESIA", "BIODATA PENDUDUK WNI")), 13, bold)
    y += 16
    if rng.random() < 0.5:
        s.centre(
            y,
            f"Nomor : 470/{rng.randint(100, 9999)}/{rng.choice(('Disdukcapil', 'Dafduk'))}/{family.issue_date.year}",
            9.5,
            face,
        )
        y += 14
    y += 12
    father = next((q for q in family.members if q.name == p.father_name), None)
    mother = next((q for q in family.members if q.name == p.mother_name), None)
    has_akta = rng.random() < 0.7
    rtrw = rng.random() < 0.5
    born_style = rng.choice(("dmy-dash", "dmy-slash", "long", "long-title"))
    family_data = [
        (rng.choice(("Nomor KK", "No. KK", "Nomor Kartu Keluarga")), family.kk_number),
        ("Nama Kepala Keluarga", family.head.name),
    ]
    person = [
        ("NIK", p.nik),
        ("Nama Lengkap", p.name),
        ("Jenis Kelamin", _sex(p)),
        ("Tempat Lahir", p.place_of_birth),
        ("Tanggal Lahir", _date(p.birth_date, born_style)),
        ("Akta Kelahiran", "ADA" if has_akta else "TIDAK ADA"),
        ("Nomor Akta Kelahiran", akta_number(family, p, rng.randint(1, 9999)) if has_akta else "-"),
        (rng.choice(("Golongan Darah", "Gol. Darah")), _blood(p)),
        ("Agama", p.religion),
        ("Status Perkawinan", p.marital_status),
        ("Tanggal Perkawinan", _date(p.marriage_date, born_style) if p.marriage_date else "-"),
        ("Status Hubungan Dalam Keluarga", p.relationship),
        ("Kelainan Fisik dan Mental", "TIDAK ADA"),
        ("Penyandang Cacat", "-"),
        ("Pendidikan Terakhir", p.education),
        (rng.choice(("Jenis Pekerjaan", "Pekerjaan")), p.occupation),
        ("Kewarganegaraan", p.citizenship),
    ]
    parents = [
        ("NIK Ibu", mother.nik if mother else "-"),
        ("Nama Ibu", p.mother_name),
        ("NIK Ayah", father.nik if father else "-"),
        ("Nama Ayah", p.father_name),
    ]
    address = [("Alamat", family.address)]
    address += [("RT/RW", f"{family.rt}/{family.rw}")] if rtrw else [("RT", family.rt), ("RW", family.rw)]
    address += [
        ("Kode Pos", family.postal_code),
        (rng.choice(("Desa/Kelurahan", "Kelurahan")), _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), regency),
        ("Provinsi", province),
    ]
    sections = [
        ("DATA KELUARGA", family_data),
        (rng.choice(("DATA INDIVIDU", "DATA PERSONAL")), person),
        ("DATA ORANG TUA", parents),
        ("DATA ALAMAT", address),
    ]
    if rng.random() < 0.4:  # the address right after the family's data
        sections = [sections[0], sections[3], sections[1], sections[2]]
    size = rng.uniform(8.8, 9.6)
    step = size + rng.uniform(3.6, 5)
    grid = rng.random() < 0.45  # two label : value columns inside each section
    roman = rng.random() < 0.5
    numbered = not grid and rng.random() < 0.6
    x0, x1 = m, w - m
    n = 0
    for i, (title, items) in enumerate(sections):
        s.text(x0, y, f"{['I', 'II', 'III', 'IV'][i]}. {title}" if roman else title, size + 0.4, bold)
        y += step + 2
        if grid:
            half = (len(items) + 1) // 2
            mid = (x0 + x1) / 2 + 4
            colw = 0.5 * (x1 - x0)
            ends: list[float] = []
            for col, part in enumerate((items[:half], items[half:])):
                cx = x0 + 10 + col * (mid - x0)
                colon = cx + min(max(s.width(lb, size, face) for lb, _ in part) + 6, colw * 0.52)
                ends.append(_label_lines(s, cx, y, part, size, faces, colon, cx + colw - 14, step))
            y = max(ends)
        else:
            x = x0 + 10
            labels = []
            for label, value in items:
                n += 1
                labels.append((f"{n}.  {label}" if numbered else label, value))
            colon = x + max(s.width(lb, size, face) for lb, _ in labels) + rng.uniform(8, 20)
            y = _label_lines(s, x, y, labels, size, faces, colon, x1, step)
        y += 8
    y += 8
    bx = w * 0.55
    place = _issue_place(family)
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "long", "long-title")))
    at, on = rng.choice((("Dikeluarkan di", "Pada tanggal"), ("Dikeluarkan di", "Tanggal")))
    s.text(bx, y, at, size, face)
    cx = bx + max(s.width(at, size, face), s.width(on, size, face)) + 8
    s.text(cx, y, ": " + place, size, face)
    s.text(bx, y + step, on, size, face)
    s.text(cx, y + step, ": " + issued, size, face)
    s.text(bx, y + 2 * step + 4, "KEPALA DINAS KEPENDUDUKAN DAN", size - 0.5, bold)
    s.text(bx, y + 3 * step + 4, "PENCATATAN SIPIL " + regency, size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 3 * step + 62, rng.choice(_OFFICIALS), size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 4 * step + 61, "NIP. " + _nip(rng), size - 1, face)
    printed = min(family.issue_date + timedelta(days=rng.randint(0, 900)), date(2026, 10, 30))
    s.text(
        x0,
        h - m + 6,
        f"Dicetak pada {printed:%d-%m-%Y} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d} oleh SIAK",
        7,
        face,
        grey=0.3,
    )
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), (m + 20) * k, (m + 16) * k, 22 * k, 80)
    pg = _page_of(img, rng)
    sign_y = y + 3 * step + 22
    pg.signature((bx + 20) * k, sign_y * k, 110 * k, 32 * k)
    pg.stamp((bx + rng.uniform(-8, 18)) * k, (sign_y + 14) * k, 40 * k, "DISDUKCAPIL|" + place[:13])
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _ktp_truth(
        family,
        p,
        province=province,
        regency=regency,
        issue_place=place,
        issue_date=family.issue_date.isoformat(),
    )
    return RenderedDocument("ktp", page, truth, layout="ktp-biodata-siak")


# --- SKPWNI: the addresses as rows of a table whose columns are the address elements ---------------------------

_STATUS_KK = ("NUMPANG KK", "MEMBUAT KK BARU", "NOMOR KK TETAP", "TIDAK ADA ANGGOTA KELUARGA YANG DITINGGAL")


def skpwni_tabel_mendatar(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A landscape certificate: origin and destination as two rows under address-element columns, the move
    as a one-row table, the members moving beside the signature."""
    w, h = rng.choice(((842.0, 595.0), (935.4, 609.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
         ("bookman", "bookman-demi"), ("schoolbook", "schoolbook-bold"))
    )  # fmt: skip
    face, bold = faces
    number = _skpwni_number(origin, serial)
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    regency = _region(origin.regency_code)
    m = rng.uniform(26, 34)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 50, x1, m - 10) - 6
    s.centre(
        y,
        rng.choice(("SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", "SURAT KETERANGAN PINDAH WNI")),
        12.5,
        bold,
    )
    s.centre(y + 15, "Nomor : " + number, 10, face)
    y += 34
    size = rng.uniform(9.6, 10.4)
    step = size + 5
    person = [
        (rng.choice(("NIK Pemohon", "NIK")), p.nik),
        (rng.choice(("Nama Lengkap", "Nama Pemohon")), p.name),
        (rng.choice(("Nomor KK", "No. Kartu Keluarga")), origin.kk_number),
        ("Nama Kepala Keluarga", origin.head.name),
    ]
    mid = (x0 + x1) / 2
    for col, part in enumerate((person[:2], person[2:])):
        cx = x0 + 6 + col * (mid - x0)
        colon = cx + max(s.width(lb, size, face) for lb, _ in part) + 8
        _label_lines(s, cx, y, part, size, faces, colon, cx + (mid - x0) - 12, step)
    y += 2 * step + 6
    tsize = rng.uniform(9.0, 9.6) if len(movers) < 6 else rng.uniform(8.4, 9.0)
    roman = rng.random() < 0.5
    s.text(
        x0,
        y,
        ("I. " if roman else "A. ") + rng.choice(("DATA ALAMAT", "ALAMAT ASAL DAN TUJUAN")),
        size + 0.3,
        bold,
    )
    y += step
    rtrw = rng.random() < 0.4
    cols: list[tuple[str, float]] = [
        ("Uraian", 0.09),
        (rng.choice(("Alamat", "Jalan/Dusun", "Alamat (Jalan/Dusun)")), 0.17),
    ]
    cols += [("RT/RW", 0.06)] if rtrw else [("RT", 0.04), ("RW", 0.04)]
    cols += [
        (rng.choice(("Desa/Kelurahan", "Kel/Desa")), 0.13),
        ("Kecamatan", 0.12),
        (rng.choice(("Kabupaten/Kota", "Kab/Kota")), 0.15),
        ("Provinsi", 0.13),
        ("Kode Pos", 0.06),
    ]

    def address_row(label: str, fam: Family) -> list[str]:
        row = [label, fam.address]
        row += [f"{fam.rt}/{fam.rw}"] if rtrw else [fam.rt, fam.rw]
        row += [
            _region(fam.village_code),
            _region(fam.district_code),
            _region(fam.regency_code),
            _region(fam.province_code),
            fam.postal_code,
        ]
        return row

    labels = rng.choice(
        (("Daerah Asal", "Daerah Tujuan"), ("ASAL", "TUJUAN"), ("Alamat Asal", "Alamat Tujuan"))
    )
    body = [address_row(labels[0], origin), address_row(labels[1], dest)]
    number_style = rng.choice(("({})", "{}"))
    y = _grid(
        s,
        x0,
        x1,
        y,
        [t for t, _ in cols],
        body,
        tsize,
        faces,
        shares=[sh for _, sh in cols],
        numbers=[number_style.format(i + 1) for i in range(len(cols))],
        shade=rng.choice((1.0, 0.9)),
    )
    y += 10
    s.text(
        x0,
        y,
        ("II. " if roman else "B. ") + rng.choice(("KETERANGAN KEPINDAHAN", "DATA KEPINDAHAN")),
        size + 0.3,
        bold,
    )
    y += step
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    move_cols = [
        ("Alasan Pindah", _choice_text("reason", mv.reason, rng), 0.14),
        (rng.choice(("Klasifikasi Pindah", "Klasifikasi Kepindahan")), _choice_text("class", cls, rng), 0.16),
        ("Jenis Kepindahan", _choice_text("type", mv.kind, rng), 0.24),
        (
            rng.choice(("Rencana Tanggal Pindah", "Tanggal Pindah")),
            _date(mv.day, rng.choice(("dmy-dash", "dmy-slash", "long-title", "long"))),
            0.13,
        ),
        ("Status KK Bagi Yang Pindah", rng.choice(_STATUS_KK[:3]), 0.14),
        (
            "Status KK Bagi Yang Tidak Pindah",
            _STATUS_KK[3] if mv.kind == 1 else rng.choice(_STATUS_KK[:3]),  # the whole family leaves no one
            0.19,
        ),
    ]
    y = _grid(
        s,
        x0,
        x1,
        y,
        [t for t, _, _ in move_cols],
        [[v for _, v, _ in move_cols]],
        tsize,
        faces,
        shares=[sh for _, _, sh in move_cols],
        numbers=[number_style.format(len(cols) + i + 1) for i in range(len(move_cols))]
        if rng.random() < 0.5
        else None,
        shade=rng.choice((1.0, 0.9)),
    )
    y += 10
    s.text(x0, y, ("III. " if roman else "C. ") + "ANGGOTA KELUARGA YANG PINDAH", size + 0.3, bold)
    tx1 = x0 + (x1 - x0) * rng.uniform(0.55, 0.6)
    _members_table(s, x0, tx1, y + step, movers, faces, tsize)
    bx = tx1 + 30
    place = _issue_place(origin).title()
    issued = _date(origin.issue_date, rng.choice(("long-title", "dmy-dash", "long")))
    s.text(bx, y, f"{place}, {issued}", size, face, max_w=x1 - bx)
    s.text(bx, y + step, rng.choice(("KEPALA DINAS", "a.n. KEPALA DINAS")), size, bold)
    s.text(bx, y + 2 * step, "KEPENDUDUKAN DAN PENCATATAN SIPIL", size - 0.5, bold, max_w=x1 - bx)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + 2 * step + 56, official, size, bold, max_w=x1 - bx)
    s.text(bx, y + 3 * step + 55, "NIP. " + _nip(rng), size - 1, face)
    tte = rng.random() < 0.4
    if tte:
        s.qr(x1 - 52, y + 2 * step + 4, 48, f"https://skpwni.dukcapil.go.id/v/{_token(rng, 18)}")
        s.right(x1, y + 2 * step + 56, "Ditandatangani secara elektronik", 6.5, face)
    dpi = rng.uniform(205, 230)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 24) * k, (m + 14) * k, 22 * k, 80)
    pg = _page_of(img, rng)
    if not tte:
        pg.signature((bx + 20) * k, (y + 2 * step + 16) * k, 110 * k, 30 * k)
        pg.stamp(
            (bx + rng.uniform(-8, 20)) * k,
            (y + 2 * step + 26) * k,
            38 * k,
            "DUKCAPIL|" + _issue_place(origin)[:12],
        )
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-tabel-mendatar")


# --- SKPWNI: an official letter to the destination's Dinas, the data in running prose ------------------------


def skpwni_surat_dinas(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The certificate as a letter in the government's letter format: Nomor / Sifat / Lampiran / Hal, the
    addressee, the data in prose, the members moving, the signature and the copies (Tembusan)."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    w, h = (609.4, 935.4) if len(movers) > 4 or rng.random() < 0.4 else (595.0, 842.0)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("bookman", "bookman-demi"), ("times", "times-bold"), ("helvetica", "helvetica-bold"),
         ("palatino", "palatino-bold"), ("schoolbook", "schoolbook-bold"), ("utopia", "utopia-bold"))
    )  # fmt: skip
    face, bold = faces
    vface = bold if rng.random() < 0.5 else face
    number = _skpwni_number(origin, serial)
    regency = _region(origin.regency_code)
    m = rng.uniform(44, 56)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 50, x1, m - 14)
    size = rng.uniform(10, 10.8)
    lead = size + rng.uniform(4.2, 5.5)
    place = _issue_place(origin).title()
    issued = _date(origin.issue_date, rng.choice(("long-title", "long-pad", "long")))
    s.right(x1, y, f"{place}, {issued}", size, face)
    y += lead + 4
    head_x = x0
    colon = head_x + rng.uniform(52, 62)
    letter = [
        ("Nomor", number),
        ("Sifat", rng.choice(("Biasa", "Penting", "-"))),
        ("Lampiran", rng.choice(("-", "1 (satu) berkas", "1 (satu) lembar"))),
        (rng.choice(("Hal", "Perihal")), rng.choice(("Surat Keterangan Pindah", "Keterangan Pindah WNI"))),
    ]
    addr_x = w * rng.uniform(0.56, 0.6)
    for i, (label, value) in enumerate(letter):
        s.text(head_x, y + i * lead, label, size, face)
        s.text(colon, y + i * lead, ":", size, face)
        vf = bold if i == 3 else face
        s.text(colon + 7, y + i * lead, value, size, vf, max_w=addr_x - colon - 14)
    dest_regency = _region(dest.regency_code)
    dest_place = _issue_place(dest).title()
    ay = y + 4 * lead + 8
    addressee = [
        "Kepada",
        "Yth. Kepala Dinas Kependudukan dan",
        f"Pencatatan Sipil {dest_regency.title()}",
        "di -",
        f"      {dest_place.upper() if rng.random() < 0.5 else dest_place}",
    ]
    for i, line in enumerate(addressee):
        s.text(addr_x, ay + i * lead, line, size, face, max_w=x1 - addr_x)
    y = ay + len(addressee) * lead + 14
    body_x = (
        colon + 7 if rng.random() < 0.6 else x0
    )  # the body under the values of the letter's head, or flush
    width = x1 - body_x
    title_case = rng.random() < 0.3

    def region(code: str) -> str:
        name = _region(code)
        return name.title() if title_case else name

    def place_of(fam: Family) -> list[tuple[str, str]]:
        rt_style = rng.choice(("RT {} RW {}", "RT {}/RW {}", "RT/RW {}/{}"))
        village_word = rng.choice(("Kelurahan/Desa", "Desa/Kelurahan", "Kel."))
        return [
            ((fam.address.title() if title_case else fam.address) + ",", vface),
            (rt_style.format(fam.rt, fam.rw) + ",", vface),
            (village_word, face),
            (region(fam.village_code) + ",", vface),
            ("Kecamatan", face),
            (region(fam.district_code) + ",", vface),
            (region(fam.regency_code) + ",", vface),
            ("Provinsi", face),
            (region(fam.province_code) + ",", vface),
            ("Kode Pos", face),
            (fam.postal_code, vface),
        ]

    y = _prose(s, body_x, y, width, [("Dengan hormat,", face)], size, lead) + 2
    cls = move_class(origin, dest)
    reason = MOVE_REASONS[mv.reason]
    kind = MOVE_TYPES[mv.kind]
    move_day = _date(mv.day, rng.choice(("long-title", "long", "dmy-dash", "long-pad")))
    runs = [
        ("Bersama ini kami terangkan bahwa penduduk kami atas nama", face),
        (p.name + ",", vface),
        ("NIK", face),
        (p.nik + ",", vface),
        ("anggota keluarga dalam Kartu Keluarga Nomor", face),
        (origin.kk_number, vface),
        ("dengan kepala keluarga", face),
        (origin.head.name + ",", vface),
        ("yang beralamat di", face),
        *place_of(origin)[:-1],
        (origin.postal_code + ",", vface),
        ("akan pindah ke", face),
        *place_of(dest)[:-1],
        (dest.postal_code + ",", vface),
        ("terhitung mulai tanggal", face),
        (move_day + ".", vface),
    ]
    y = _prose(s, body_x, y, width, runs, size, lead) + 3
    runs = [
        ("Kepindahan tersebut dengan alasan", face),
        ((reason.title() if title_case else reason) + ",", vface),
        ("klasifikasi kepindahan", face),
        ((cls.title() if title_case else cls) + ",", vface),
        ("dengan jenis kepindahan", face),
        ((kind.title() if title_case else kind) + ".", vface),
        ("Adapun anggota keluarga yang ikut pindah sebagai berikut:", face),
    ]
    y = _prose(s, body_x, y, width, runs, size, lead) + 2
    y = _members_table(s, body_x, x1, y, movers, faces, size - 1.5) + 10
    y = _prose(
        s,
        body_x,
        y,
        width,
        [
            (
                "Demikian surat keterangan pindah ini kami sampaikan, atas perhatian dan kerja samanya diucapkan "
                "terima kasih.",
                face,
            )
        ],
        size,
        lead,
    )
    y += 10
    bx = w * 0.55
    s.text(
        bx,
        y,
        rng.choice(("KEPALA DINAS KEPENDUDUKAN DAN", "a.n. KEPALA DINAS KEPENDUDUKAN DAN")),
        size - 0.5,
        bold,
    )
    s.text(bx, y + lead, "PENCATATAN SIPIL " + regency, size - 0.5, bold, max_w=x1 - bx)
    official = rng.choice(_OFFICIALS)
    s.text(bx, y + lead + 60, official, size - 0.5, bold, max_w=x1 - bx)
    s.text(bx, y + 2 * lead + 58, "NIP. " + _nip(rng), size - 1, face)
    ty = y + 3 * lead + 66
    tsize = size - 1.5
    s.text(x0, ty, "Tembusan:", tsize, face)
    village_word = (
        "Lurah"
        if _region(origin.village_code) and origin.village_code.rsplit(".", 1)[-1].startswith("1")
        else "Kepala Desa"
    )
    copies = [
        f"Camat {_region(origin.district_code).title()};",
        f"{village_word} {_region(origin.village_code).title()};",
        "Yang bersangkutan;",
        "Arsip.",
    ]
    for i, line in enumerate(copies):
        s.text(x0 + 6, ty + (i + 1) * (tsize + 3.5), f"{i + 1}. {line}", tsize, face)
    tte = rng.random() < 0.35
    if tte:
        s.qr(bx - 70, y + lead + 8, 54, f"https://tte.kominfo.go.id/verifyPDF/{_token(rng, 22)}")
        s.text(bx, y + lead + 40, "Ditandatangani secara elektronik oleh:", size - 2.5, face)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 24) * k, (m + 10) * k, 24 * k, 80)
    pg = _page_of(img, rng)
    if not tte:
        pg.signature((bx + 20) * k, (y + lead + 22) * k, 110 * k, 32 * k)
        pg.stamp(
            (bx + rng.uniform(-10, 15)) * k,
            (y + lead + 30) * k,
            40 * k,
            "DUKCAPIL|" + _issue_place(origin)[:12],
        )
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-surat-dinas")
