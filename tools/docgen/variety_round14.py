"""A fourteenth round of variety layouts (issue 18), written blind (before and without looking at the
extractor), two per type. Like rounds 10-13 it is a HELD-OUT SET of pages whose STRUCTURE (how a label and
its value sit on the page, and what else shares the page) no older layout has, so that it estimates how the
extractor does on forms it was never shown. Each layout is a family of pages: field order, label wording,
date form, face, sizes and margins are drawn from the rng.

- KK, `kk-kotak-karakter`: the family's data on the Dukcapil "kotak-kotak" blank of the Formulir Biodata
  Keluarga (F-1.01), filled by SIAK's print: EVERY VALUE ONE CHARACTER TO A PRINTED CELL (a comb of boxes),
  a value longer than its comb carried onto the next row of boxes at a word break; the KK number in sixteen
  boxes; RT, RW and the postal code as short combs sharing one row; the region levels (DATA WILAYAH) as a
  comb of the level's code digits then a comb of its name (or the name alone); "Tanggal Dikeluarkan KK" as
  day / month / year box groups on some prints. The members as NUMBERED BLOCKS ("ANGGOTA KELUARGA KE-1")
  whose items share rows when they fit (NIK and sex, place and date of birth, marital status and marriage
  date, relationship and citizenship, passport and KITAP); dates as dd / mm / yyyy groups (with "Tgl Bln
  Thn" captions on some); on some prints sex, religion and blood type as the form's OPTION NUMBER in a box
  with the printed legend beside it ("[1] 1. Laki-laki 2. Perempuan", "[1][3] ... 13. Tidak Tahu"); an
  empty value a dash in the first box or the boxes left blank (its truth "-"). A family too long for the
  folio sheet runs onto further sheets (running head with the KK number, "Lembar 2"), scanned one above
  the other; the filling date, the head of family's and the officer's signatures at the foot (the KK's own
  issue date only where the form prints it).
- KK, `kk-berkas-fotokopi`: the "berkas" page applicants hand in: an A4 PORTRAIT sheet holding a PHOTOCOPY
  OF THE LANDSCAPE KK REDUCED to the sheet's width (its header in two columns, both member tables, its foot
  and signatures; the copy's grey field with its darker edges, a little askew) and UNDER IT THE KTP-el
  COPIES of the head of family and the spouse (or another adult member), side by side at actual size in
  the copier's halftone: the cards' own "NIK", "Nama", "Alamat", "RT/RW", "Kel/Desa" lines compete with
  the KK's header on the same page. The truth is the KK's.
- Akta kelahiran, `akta-hasil-pencarian`: a SCREENSHOT OF A CIVIL-REGISTRY DESKTOP APPLICATION'S SEARCH
  SCREEN (title bar, menu, a search panel with the criteria used: the mother's name, the KK number), a
  RESULTS GRID listing the birth records found for the mother (the child and the SIBLINGS: each row its
  own akta number, NIK, name, date of birth and sex) with ONE ROW SELECTED (a dark bar with white text or
  a light one), and a DETAIL PANEL of the selected record: the certificate's fields as labels beside
  read-only boxes in one or two columns (with fields the Kutipan has not: registration date, the office),
  "n data ditemukan" in the status bar. The truth is the selected record's.
- Akta kelahiran, `akta-kotak-pelaporan`: the birth REPORT FORM (Formulir Pelaporan Pencatatan Sipil,
  F-2.01 layout) as the Dinas files it with the register, on the box-per-character blank: the office-use box
  at the head holding the ASSIGNED AKTA NUMBER ("Diisi oleh petugas"), DATA KEPALA KELUARGA (name, KK
  number), DATA ANAK (name, the child's NIK on some, sex as a coded box with its legend or spelled, place
  of birth, the birth place's TYPE as a coded box, the day's name and the date as box groups, the hour,
  the birth's kind and order, the helper, weight and length), DATA IBU and DATA AYAH (NIK where the family
  card knows them, name, date of birth, occupation, citizenship), DATA PELAPOR and two WITNESSES (names,
  NIKs, ages): many names, NIKs and dates beside the child's, all in combs.
- KTP-el, `ktp-kyc-web`: a SCREENSHOT OF A BANK'S ONLINE ACCOUNT-OPENING PAGE (e-KYC step "Verifikasi Data
  e-KTP") in a desktop browser: tab and address bars, the bank's bar and a stepper, the UPLOADED CARD PHOTO
  in a preview panel on the left (the card's print with its heading, photo, issue place and date), and on
  the right the bank's FORM whose OUTLINED INPUTS CARRY THEIR LABEL NOTCHED INTO THE BOX'S TOP BORDER
  (prefilled with the card's data in capitals or title case, selects with their arrow, the date field with
  a calendar icon, the sex as radio buttons, RT and RW as two small inputs), then the bank's own fields
  (Nama Ibu Kandung, e-mail, phone, purpose) and the buttons. Only the card's values count.
- KTP-el, `ktp-salinan-berulang`: a copy shop's sheet of the card COPIED SEVERAL TIMES ON ONE A4 (two to
  eight copies in a grid of two columns: fronts only, or each front beside its back), all at actual size,
  all at the SAME small angle (a copy of one arranged original), in the black-and-white copier's halftone,
  with DASHED CUT GUIDES between the copies: the same values repeat across the sheet, two copies side by
  side on every text line.
- SKPWNI, `skpwni-status-aplikasi`: a LONG SCROLLING SCREENSHOT OF A PHONE APP'S "Detail Permohonan Pindah"
  screen after the certificate was issued: a status chip and the SKPWNI number (with the application's own
  registration number), a VERTICAL TIMELINE of the steps with their dates and times, the applicant's card,
  then the ORIGIN AND DESTINATION AS TWO CARDS JOINED BY A DOWN ARROW (each a two-column grid of small grey
  labels over bold values, the labels without "asal"/"tujuan"), the move's details, the members moving as
  a list (name, then NIK and relationship), a download button and the navigation bar.
- SKPWNI, `skpwni-sobekan`: a certificate printed as TWO PARTS OF ONE SHEET SEPARATED BY A TEAR-OFF LINE (a
  dashed rule with a scissors mark and "potong di sini"): the upper part the Dinas's certificate (letterhead,
  number, applicant, origin address, the move's details, signature and stamp), the lower part the slip
  "UNTUK DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL DAERAH TUJUAN" repeating the number, NIK and name, listing
  the MEMBERS MOVING BEFORE the destination address (whose labels carry no "tujuan"), in a smaller face,
  with its own receipt box; the move's details in the upper or the lower part.

Faces: round 8-13's PDF sheets drawn by pdfium (Times, Helvetica and Helvetica Light, Helvetica Narrow,
Courier, Bookman, New Century Schoolbook, Palatino, Utopia, Avant Garde); the cards as round 9 prints them;
stamps and signatures as `variety.Page` draws them. Names on the akta and the KTP pages sometimes carry an
apostrophe ("MA'RUF", "NUR'AINI"); the akta prints names without academic titles. Every page is an 8-bit
grey image (`upload` None): the screenshots as an app's own render, the copies as a grey scan. Ground truths
are normalised as the older layouts' are (the same keys per type, built by the same helpers); a key a page
does not print is left out. These layouts exist to measure: nothing that reads the documents may be tuned
to them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import cv2
import numpy as np
from PIL import Image

from tools.docgen.render import RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    _akta_truth,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _move,
    _skpwni_truth,
    move_class,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round4 import _DAYS
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round6 import _noise
from tools.docgen.variety_round7 import _members
from tools.docgen.variety_round8 import PdfSheet, _page_of, _token
from tools.docgen.variety_round9 import _card_back, _card_colour, _card_light, _halftone
from tools.docgen.variety_round10 import (
    Cells,
    Faces,
    _apostrophe,
    _cells,
    _choice_text,
    _code,
    _date,
    _emblem,
    _kop,
    _members_table,
    _paper,
    _security,
)
from tools.docgen.variety_round11 import _WITNESSES, _grid, _label_lines, _plain, _rounded, _stack, _untitled
from tools.docgen.variety_round13 import _after, _dinas_ink, _kk_foot, _relative, _wrap_chars
from tools.synthetic.residents import BLOOD_TYPES, RELIGIONS, Family, Person

# --- box-per-character ("kotak-kotak") fields ----------------------------------------------------------------


@dataclass
class _Field:
    """One item of a comb form: `kind` "text" (a comb), "date" (day / month / year groups), "code" (the
    option's number in boxes and the legend beside it) or "coded" (a region's code digits, then its name)."""

    label: str
    kind: str
    value: str = ""
    day: date | None = None
    legend: str = ""
    least: int = 0  # the form's own comb length for a text in a shared row


_SEX_LEGEND = "1. Laki-laki   2. Perempuan"
_RELIGION_LEGEND = (
    "1. Islam  2. Kristen  3. Katholik  4. Hindu  5. Budha  6. Khonghucu  7. Kepercayaan Terhadap Tuhan YME"
)
_BLOOD_LEGEND = (
    "1. A  2. B  3. AB  4. O  5. A+  6. A-  7. B+  8. B-  9. AB+  10. AB-  11. O+  12. O-  13. Tidak Tahu"
)


def _sex_code(p: Person) -> str:
    return "1" if p.sex == "M" else "2"


class _CombForm:
    """A box-per-character form on a PdfSheet: numbered labels in a left column, each value one character to
    a box from `cx`, rows of one or more fields; a text too long for its comb carried onto the next row of
    boxes at a word break."""

    def __init__(
        self,
        s: PdfSheet,
        x0: float,
        x1: float,
        cx: float,
        faces: Faces,
        cface: str,
        size: float,
        bw: float,
        *,
        numbered: bool,
        blank_empty: bool,
        captions: bool,
        sep: str,
    ) -> None:
        self.s, self.x0, self.x1, self.cx = s, x0, x1, cx
        self.face, self.bold = faces
        self.cface, self.size, self.bw = cface, size, bw
        self.bh = size + 4.8
        self.lsize = size - 0.6
        self.numbered, self.blank_empty, self.captions, self.sep = numbered, blank_empty, captions, sep
        self.count = 0

    def comb(self, x: float, y: float, text: str, n: int) -> float:
        """`n` boxes from x (y: their top), `text` one character to a box from the first; the x after."""
        s, bw, bh = self.s, self.bw, self.bh
        for i in range(n):
            s.rect(x + i * bw, y, bw, bh, 0.5)
        for i, ch in enumerate(text[:n]):
            if ch != " ":
                fs = self.size
                s.text(x + i * bw + (bw - s.width(ch, fs, self.cface)) / 2, y + (bh - fs * 0.72) / 2, ch, fs,
                       self.cface)  # fmt: skip
        return x + n * bw

    def _empty(self, value: str) -> str:
        return "" if value == "-" and self.blank_empty else value

    def date_comb(self, x: float, y: float, day: date | None) -> float:
        digits = (f"{day:%d}", f"{day:%m}", f"{day:%Y}") if day else ("", "", "")
        if not day and not self.blank_empty:
            digits = ("-", "", "")
        sw = self.s.width(self.sep or " ", self.size, self.face) + 4
        for i, (part, n) in enumerate(zip(digits, (2, 2, 4), strict=True)):
            if i:
                if self.sep:
                    self.s.text(x + 2, y + (self.bh - self.size * 0.72) / 2, self.sep, self.size, self.face)
                x += sw
            start = x
            x = self.comb(x, y, part, n)
            if self.captions:
                cap = ("Tgl", "Bln", "Thn")[i]
                self.s.centre(y + self.bh + 1.2, cap, self.size - 3, self.face, start, x)
        return x

    def width(self, f: _Field) -> float:
        if f.kind == "date":
            return 8 * self.bw + 2 * (self.s.width(self.sep or " ", self.size, self.face) + 4)
        if f.kind == "code":
            return len(f.value) * self.bw + 5 + self.s.width(f.legend, self.size - 2.4, self.face)
        return max(len(f.value), f.least) * self.bw

    def label_text(self, f: _Field) -> str:
        self.count += 1
        return f"{self.count}. {f.label}" if self.numbered else f.label

    def row(self, y: float, fields: Sequence[_Field]) -> float:
        """The fields on one row when they fit, else each on its own; the y under them."""
        if len(fields) > 1:
            need = self.cx + sum(self.width(f) for f in fields)
            need += sum(self.s.width(f.label, self.lsize, self.face) + 14 for f in fields[1:])
            if need > self.x1:
                for f in fields:
                    y = self.row(y, [f])
                return y
        s = self.s
        x = self.cx
        rows_used = 1
        for i, f in enumerate(fields):
            text = self.label_text(f)
            ly = y + (self.bh - self.lsize * 0.72) / 2
            if i == 0:
                s.text(self.x0, ly, text, self.lsize, self.face, max_w=self.cx - self.x0 - 6)
            else:
                x = s.text(x + 8, ly, text, self.lsize, self.face) + 5
            if f.kind == "date":
                x = self.date_comb(x, y, f.day)
            elif f.kind == "code":
                x = self.comb(x, y, f.value, len(f.value))
                legend_room = self.x1 - x - 6
                s.text(x + 6, y + (self.bh - (self.size - 2.4) * 0.72) / 2, f.legend, self.size - 2.4, self.face,
                       max_w=legend_room)  # fmt: skip
                x = self.x1
            else:
                value = self._empty(f.value)
                code = ""
                if f.kind == "coded":
                    code, value = value.split("|", 1)
                    x = self.comb(x, y, code, len(code)) + self.bw * 0.6
                if i < len(fields) - 1 or len(fields) > 1:
                    x = self.comb(x, y, value, max(len(value), f.least))
                    continue
                n = max(1, int((self.x1 - x) / self.bw))
                lines = _wrap_chars(value, n) if value else [""]
                for j, line in enumerate(lines):
                    self.comb(x, y + j * (self.bh + 3), line, n)
                rows_used = max(rows_used, len(lines))
        extra = self.size - 1.5 if self.captions and any(f.kind == "date" for f in fields) else 0.0
        return y + rows_used * (self.bh + 3) - 3 + extra + self.bh * 0.55

    def bar(self, y: float, text: str, shade: float) -> float:
        self.s.box(self.x0 - 4, y, self.x1 - self.x0 + 8, self.size + 7, shade)
        self.s.text(self.x0, y + 3.6, text, self.size, self.bold)
        return y + self.size + 7 + 6


_COMB_FACES: tuple[tuple[str, str], ...] = (
    ("helvetica", "helvetica-bold"), ("narrow", "narrow-bold"), ("times", "times-bold"),
    ("schoolbook", "schoolbook-bold"), ("utopia", "utopia-bold"),
)  # fmt: skip


def _member_fields(c: Cells, p: Person, coded: bool, rng_order: bool) -> list[list[_Field]]:
    """A member's rows of fields (the KK's seventeen items), sharing rows where the form lets them."""
    sex = (
        _Field("Jenis Kelamin", "code", _sex_code(p), legend=_SEX_LEGEND)
        if coded
        else _Field("Jenis Kelamin", "text", c["sex"][0], least=9)
    )
    religion = (
        _Field("Agama", "code", str(RELIGIONS.index(p.religion) + 1), legend=_RELIGION_LEGEND)
        if coded
        else _Field("Agama", "text", c["religion"][0])
    )
    blood = (
        _Field("Golongan Darah", "code", f"{BLOOD_TYPES.index(p.blood_type) + 1:02d}", legend=_BLOOD_LEGEND)
        if coded
        else _Field("Golongan Darah", "text", c["blood_type"][0], least=10)
    )
    rows = [
        [_Field("Nama Lengkap", "text", c["name"][0])],
        [_Field("NIK", "text", c["nik"][0], least=16), sex],
        [_Field("Tempat Lahir", "text", c["place_of_birth"][0], least=16),
         _Field("Tanggal Lahir", "date", day=p.birth_date)],
        [religion],
        [_Field("Pendidikan Terakhir", "text", c["education"][0])],
        [_Field("Jenis Pekerjaan", "text", c["occupation"][0])],
        [blood],
        [_Field("Status Perkawinan", "text", c["marital_status"][0], least=12),
         _Field("Tgl. Perkawinan", "date", day=p.marriage_date)],
        [_Field("Status Hubungan Dalam Keluarga", "text", c["relationship"][0], least=15),
         _Field("Kewarganegaraan", "text", c["citizenship"][0], least=3)],
        [_Field("No. Paspor", "text", "-", least=10), _Field("No. KITAP", "text", "-", least=10)],
        [_Field("Nama Ayah", "text", c["father_name"][0])],
        [_Field("Nama Ibu", "text", c["mother_name"][0])],
    ]  # fmt: skip
    if rng_order:  # the NIK before the name, as the 2019 blank has it
        rows[0], rows[1] = rows[1], rows[0]
    return rows


def kk_kotak_karakter(family: Family, rng: random.Random) -> RenderedDocument:
    """The family's data on the box-per-character Biodata Keluarga blank: every value one character to a
    cell, the members as numbered blocks of comb rows; further sheets stacked under the first."""
    w, h = 609.4, 935.4
    faces: Faces = rng.choice(_COMB_FACES)
    face, bold = faces
    cface = rng.choice(("courier-bold", "helvetica", "helvetica-bold", "narrow-bold", face))
    m = rng.uniform(30, 38)
    x0, x1 = m, w - m
    size = rng.uniform(8.4, 9.2)
    bw = size * rng.uniform(1.14, 1.26)
    label_w = rng.uniform(128, 150)
    coded = rng.random() < 0.45
    numbered, blank_empty = rng.random() < 0.75, rng.random() < 0.5
    captions, sep = rng.random() < 0.4, rng.choice(("", "-", "/"))
    shade = rng.choice((0.82, 0.88, 0.92))
    title = rng.choice(("FORMULIR BIODATA KELUARGA", "BIODATA KELUARGA", "FORMULIR ISIAN BIODATA KELUARGA"))
    with_codes = rng.random() < 0.6
    issued_box = rng.random() < 0.5
    sheets: list[PdfSheet] = []

    def new_sheet() -> tuple[PdfSheet, _CombForm, float]:
        s = PdfSheet(w, h)
        form = _CombForm(
            s, x0 + 4, x1, x0 + 4 + label_w, faces, cface, size, bw,
            numbered=numbered, blank_empty=blank_empty, captions=captions, sep=sep,
        )  # fmt: skip
        sheets.append(s)
        y = m
        if len(sheets) == 1:
            s.rect(x1 - 46, y - 4, 46, 16, 0.8)
            s.centre(y, "F-1.01", 9, bold, x1 - 46, x1)
            s.text(x0, y, "PEMERINTAH " + _region(family.regency_code), 8.5, face, max_w=x1 - x0 - 60)
            s.text(x0, y + 11, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 8.5, face)
            y += 34
            s.centre(y, title, 13, bold)
            y += 20
            s.text(x0, y, "Perhatian: Isilah formulir ini dengan huruf cetak, satu huruf/angka dalam satu kotak.",
                   7.4, face, max_w=x1 - x0)  # fmt: skip
            y += 16
        else:
            s.text(x0, y, f"{title} - No. KK {family.kk_number}", 8.5, face, max_w=x1 - x0 - 70)
            s.right(x1, y, f"Lembar {len(sheets)}", 8.5, face)
            s.line(x0, y + 13, x1, y + 13, 0.6)
            y += 24
        return s, form, y

    s, form, y = new_sheet()
    roman = ("I. ", "II. ", "III. ") if rng.random() < 0.5 else ("", "", "")
    y = form.bar(y, roman[0] + "DATA KEPALA KELUARGA", shade)
    head_rows: list[list[_Field]] = [
        [_Field(rng.choice(("Nomor Kartu Keluarga", "No. KK")), "text", family.kk_number, least=16)],
        [_Field("Nama Kepala Keluarga", "text", family.head.name)],
        [_Field("Alamat", "text", family.address)],
        [_Field("RT", "text", family.rt, least=3), _Field("RW", "text", family.rw, least=3),
         _Field("Kode Pos", "text", family.postal_code, least=5)],
    ]  # fmt: skip
    if issued_box:
        head_rows.append([_Field("Tanggal Dikeluarkan KK", "date", day=family.issue_date)])
    for fields in head_rows:
        y = form.row(y, fields)
    y = form.bar(y + 2, roman[1] + "DATA WILAYAH", shade)
    levels = [
        ("Provinsi", family.province_code),
        ("Kabupaten/Kota", family.regency_code),
        ("Kecamatan", family.district_code),
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")), family.village_code),
    ]
    for label, code in levels:
        name = _region(code)
        field = _Field(label, "coded", f"{_code(code)}|{name}") if with_codes else _Field(label, "text", name)
        y = form.row(y, [field])
    y = form.bar(y + 2, roman[2] + "DATA ANGGOTA KELUARGA", shade)
    style = "dmy-dash"
    rows = [_cells(p, style) for p in family.members]
    nik_first = rng.random() < 0.35
    block_head = rng.choice(("ANGGOTA KELUARGA KE-{}", "Anggota Keluarga ke-{}", "({})", "No. Urut {}"))
    for i, (p, c) in enumerate(zip(family.members, rows, strict=True)):
        block = _member_fields(c, p, coded, nik_first)
        need = sum(form.bh * (2.4 if len(r[0].value) > 30 else 1.6) for r in block) + 30
        if y + need > h - m:
            s, form, y = new_sheet()
        s.text(x0, y, block_head.format(i + 1), size, bold)
        s.line(x0, y + size + 3, x0 + 170, y + size + 3, 0.5)
        y += size + 9
        form.count = 0
        for fields in block:
            y = form.row(y, fields)
        y += 6
    if y > h - m - 140:
        s, form, y = new_sheet()
    y += 8
    filled = _after(family.issue_date, rng, 20, 1500)
    s.text(x0, y, "Demikian formulir ini diisi dengan sebenar-benarnya.", 8.5, face)
    place = _issue_place(family).title()
    s.centre(y + 18, f"{place}, {_date(filled, 'long-title')}", 8.5, face, w * 0.55, x1)
    s.centre(y + 32, "Kepala Keluarga,", 8.5, face, w * 0.55, x1)
    s.centre(y + 84, family.head.name, 8.5, bold, w * 0.55, x1)
    s.centre(y + 32, "Petugas Registrasi,", 8.5, face, x0, x0 + 200)
    s.centre(y + 84, rng.choice(_WITNESSES), 8.5, bold, x0, x0 + 200)
    dpi = rng.uniform(200, 220)
    k = dpi / 72
    pages = []
    for n, sheet in enumerate(sheets):
        pg = _page_of(sheet.render(dpi), rng)
        if n == len(sheets) - 1:
            pg.signature((w * 0.55 + 60) * k, (y + 46) * k, 100 * k, 26 * k)
            pg.signature((x0 + 50) * k, (y + 46) * k, 90 * k, 26 * k)
        pages.append(_paper(pg.img, rng.randint(244, 253)))
    page = _stack(pages, round(rng.uniform(16, 40)), 255) if len(pages) > 1 else pages[0]
    truth = _kk_truth(family)
    if not issued_box:
        del truth["issue_date"]
    return RenderedDocument("kk", page, truth, _members(rows), layout="kk-kotak-karakter")


# --- KK: a reduced photocopy of the KK with the parents' KTP-el copies under it, on one A4 sheet ------------

_KK_T1: tuple[tuple[str, str], ...] = (
    ("No", "No"), ("Nama Lengkap", "name"), ("NIK", "nik"), ("Jenis Kelamin", "sex"),
    ("Tempat Lahir", "place_of_birth"), ("Tanggal Lahir", "birth_date"), ("Agama", "religion"),
    ("Pendidikan", "education"), ("Jenis Pekerjaan", "occupation"), ("Golongan Darah", "blood_type"),
)  # fmt: skip
_KK_T2: tuple[tuple[str, str], ...] = (
    ("No", "No"), ("Status Perkawinan", "marital_status"), ("Tanggal Perkawinan", "marriage_date"),
    ("Status Hubungan Dalam Keluarga", "relationship"), ("Kewarganegaraan", "citizenship"),
    ("No. Paspor", "passport_number"), ("No. KITAP", "kitap_number"), ("Ayah", "father_name"),
    ("Ibu", "mother_name"),
)  # fmt: skip


def _kk_landscape(family: Family, rng: random.Random) -> tuple[PdfSheet, list[Cells], Faces, float]:
    """The KK as printed on an A4 landscape sheet: title, number, the header in two columns, the two member
    tables, the foot. The sheet, the member cells, the faces and the foot's y."""
    w, h = 842.0, 595.0
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("times", "times-bold"), ("narrow", "narrow-bold"),
         ("utopia", "utopia-bold"), ("bookman", "bookman-demi"))
    )  # fmt: skip
    bold = faces[1]
    m = 26.0
    s.centre(m, "KARTU KELUARGA", 16, bold)
    s.centre(m + 20, "No. " + family.kk_number, 12, bold)
    left = [
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kelurahan", _region(family.village_code)),
    ]
    right = [
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Kode Pos", family.postal_code),
        ("Provinsi", _region(family.province_code)),
    ]
    hs = 9.2
    _label_lines(s, m + 10, m + 48, left, hs, faces, m + 120, w / 2 - 10, hs + 5, bold_values=True)
    _label_lines(s, w / 2 + 60, m + 48, right, hs, faces, w / 2 + 150, w - m, hs + 5, bold_values=True)
    style = rng.choice(("dmy-dash", "dmy-slash"))
    rows = [_cells(p, style) for p in family.members]
    size = 7.6 if len(rows) <= 6 else 7.0
    y = m + 48 + 4 * (hs + 5) + 10
    for table in (_KK_T1, _KK_T2):
        titles = [t for t, _ in table]
        body = [[str(i + 1) if key == "No" else c[key][0] for _, key in table] for i, c in enumerate(rows)]
        y = _grid(s, m, w - m, y, titles, body, size, faces, shade=0.9) + 9
    return s, rows, faces, y


def _copy_field(
    lum: np.ndarray, x: int, y: int, sheet: Image.Image, angle: float, rng: random.Random
) -> None:
    """Paste a reduced copy of a sheet at (x, y) on the page, turned `angle` degrees, its paper a copier's
    light grey and its edges darker."""
    arr = np.asarray(sheet, np.float32)
    sh, sw = arr.shape
    tone = rng.uniform(226, 240)
    arr = np.asarray(arr * tone / 255, np.float32)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    edge = np.minimum(np.minimum(xx, sw - 1 - xx), np.minimum(yy, sh - 1 - yy))
    arr *= 1 - 0.28 * np.exp(-edge / rng.uniform(14, 30))
    mask = np.ones((sh, sw), np.float32)
    rot = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1.0)
    rot[:, 2] += np.array((x, y), np.float32)
    ph, pw = lum.shape
    seen = cv2.warpAffine(arr, rot, (pw, ph), flags=cv2.INTER_LINEAR)
    mk = cv2.warpAffine(mask, rot, (pw, ph), flags=cv2.INTER_LINEAR)
    lum[:] = lum * (1 - mk) + seen * mk


def kk_berkas_fotokopi(family: Family, rng: random.Random) -> RenderedDocument:
    """A portrait A4 sheet with the KK photocopied reduced at its top and two members' KTP-el copies under
    it (the head of family's and the spouse's)."""
    s, rows, faces, y = _kk_landscape(family, rng)
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "long-title")))
    ink = _kk_foot(s, family, faces, y, 36, (842 * 0.6, 816), issued, rng)
    pw, ph = 2480, 3508  # A4 at 300 dpi
    target = pw - rng.randint(140, 260)
    dpi = target / 842 * 72
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    ink(pg, k)
    sheet = pg.img
    lum = np.full((ph, pw), rng.uniform(246, 252), np.float32)
    top = rng.randint(120, 240)
    _copy_field(lum, (pw - sheet.width) // 2 + rng.randint(-30, 30), top, sheet, rng.uniform(-0.8, 0.8), rng)
    adults = [mem for mem in family.members if mem.age_on(date(2026, 11, 1)) >= 17]
    spouse = next((mem for mem in adults if mem.relationship in ("ISTRI", "SUAMI")), None)
    holders = [family.head] + ([spouse] if spouse else [mem for mem in adults if mem is not family.head][:1])
    if rng.random() < 0.2:
        holders = holders[:1]
    card_top = top + sheet.height + rng.randint(160, 300)
    from tools.docgen.photographed import _rounded_mask

    weights = np.array((0.299, 0.587, 0.114), np.float32)
    card_mask = np.zeros((ph, pw), np.float32)
    gap = rng.randint(60, 160)
    cw = ch = 0
    for n, holder in enumerate(holders):
        grey, _ = _card_light(family, holder, rng, 300)
        front = np.asarray(_card_colour(grey, holder, rng, 300) @ weights, np.float32)
        ch, cw = front.shape
        left = (pw - len(holders) * cw - (len(holders) - 1) * gap) // 2 + n * (cw + gap)
        rot = cv2.getRotationMatrix2D((cw / 2, ch / 2), rng.uniform(-2.5, 2.5), 1.0)
        rot[:, 2] += np.array((left + rng.uniform(-20, 20), card_top + rng.uniform(-25, 25)), np.float32)
        seen = cv2.warpAffine(front, rot, (pw, ph), flags=cv2.INTER_LINEAR)
        mk = cv2.warpAffine(_rounded_mask(cw, ch), rot, (pw, ph), flags=cv2.INTER_LINEAR)
        rim = np.clip(mk - cv2.erode(mk, np.ones((5, 5), np.uint8)), 0, 1)
        lum = lum * (1 - mk) + seen * mk
        lum *= 1 - 0.85 * rim
        card_mask = np.maximum(card_mask, cv2.dilate(mk, np.ones((9, 9), np.uint8)))
    screened = _halftone(lum, rng)
    paper = float(rng.uniform(240, 248))
    dark = float(rng.uniform(24, 40))
    copy = paper - screened * (paper - dark)
    out = lum * (1 - card_mask) + copy * card_mask
    nrng = _noise(rng)
    out = np.asarray(out + nrng.normal(0, 2.0, out.shape), np.float32)
    out = np.asarray(cv2.GaussianBlur(out, (0, 0), 0.55), np.float32)
    page = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-berkas-fotokopi")


# --- akta kelahiran: a registry application's search screen, one result selected -----------------------------


def _ui_box(s: PdfSheet, x: float, y: float, w: float, h: float, value: str, size: float, face: str) -> None:
    """A read-only text box (sunken edges) holding `value`."""
    s.box(x, y, w, h, 0.985)
    s.line(x, y, x + w, y, 0.7, 0.5)
    s.line(x, y, x, y + h, 0.7, 0.5)
    s.line(x, y + h, x + w, y + h, 0.7, 0.85)
    s.line(x + w, y, x + w, y + h, 0.7, 0.85)
    s.text(x + 4, y + (h - size * 0.72) / 2, value, size, face, max_w=w - 8)


def _ui_group(
    s: PdfSheet, x: float, y: float, w: float, h: float, title: str, face: str, back: float
) -> None:
    s.rect(x, y, w, h, 0.5, 0.6)
    tw = s.width(title, 8.5, face)
    s.box(x + 8, y - 5, tw + 8, 10, back)
    s.text(x + 12, y - 3, title, 8.5, face)


def akta_hasil_pencarian(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A registry application's search screen: the records found for the mother in a grid, one selected, and
    the selected record's detail panel."""
    orig = p
    p = _apostrophe(_untitled(p), rng, 0.15)
    siblings = [mem for mem in family.members if mem is not orig and mem.mother_name == orig.mother_name]
    records: list[tuple[Person, str, bool]] = [(p, akta_number(family, p, serial), True)]
    records += [
        (_untitled(sib), akta_number(family, sib, rng.randint(1, 9999)), False) for sib in siblings[:4]
    ]
    records.sort(key=lambda r: r[0].birth_date)
    w = rng.choice((880.0, 940.0, 1000.0))
    ui = rng.choice(("helvetica", "narrow", "avantgarde"))
    ui_bold = {"helvetica": "helvetica-bold", "narrow": "narrow-bold", "avantgarde": "avantgarde-demi"}[ui]
    vface = rng.choice(("courier-bold", "helvetica", ui_bold, "narrow"))
    back = 0.94
    gsize = rng.uniform(8.2, 9.0)
    dsize = rng.uniform(9.0, 10.0)
    born_style = rng.choice(("dmy-dash", "dmy-slash", "iso"))
    registered = max(family.issue_date, p.birth_date + timedelta(days=rng.randint(5, 120)))
    number = akta_number(family, p, serial)
    detail: list[tuple[str, str]] = [
        (rng.choice(("No. Akta", "Nomor Akta Kelahiran", "No. Register Akta")), number)
    ]
    with_nik = rng.random() < 0.8
    if with_nik:
        detail.append(("NIK", p.nik))
    detail += [
        (rng.choice(("Nama Anak", "Nama Lengkap", "Nama")), p.name),
        ("Tempat Lahir", p.place_of_birth),
        ("Tanggal Lahir", _date(p.birth_date, born_style)),
        ("Jenis Kelamin", _sex(p)),
        ("Anak Ke", str(1 + [r[2] for r in records].index(True))),
        (rng.choice(("Nama Ayah", "Nama Ayah Kandung")), p.father_name),
        (rng.choice(("Nama Ibu", "Nama Ibu Kandung")), p.mother_name),
        ("Tgl. Pencatatan", _date(registered, born_style)),
        ("Instansi", "DISDUKCAPIL " + _issue_place(family)),
    ]
    two_cols = rng.random() < 0.55
    title_h, menu_h, tool_h, status_h = 24.0, 16.0, 30.0, 18.0
    row_h = gsize + 8
    grid_h = (len(records) + 1) * row_h + 8
    dbh = dsize + 8
    dstep = dbh + rng.uniform(5, 8)
    drows = -(-len(detail) // 2) if two_cols else len(detail)
    search_h = 62.0
    h = title_h + menu_h + tool_h + 16 + search_h + 22 + grid_h + 30 + drows * dstep + 30 + status_h + 10
    s = PdfSheet(w, h)
    s.box(0, 0, w, h, back)
    dark = rng.random() < 0.5
    s.box(0, 0, w, title_h, 0.24 if dark else 1.0)
    tink = 1.0 if dark else 0.0
    app = rng.choice(
        ("SIAK - Pencatatan Sipil", "Aplikasi Pencatatan Sipil", "SIAK Terpusat - Akta Kelahiran")
    )
    s.text(30, 8, f"{app}  [{_issue_place(family).title()}]", 9, ui, grey=tink)
    s.rect(10, 7, 11, 11, 0.8, tink)
    for i, glyph in enumerate(("_", "[ ]", "X")):
        s.text(w - 100 + i * 34, 8, glyph, 9, ui, grey=tink)
    y = title_h
    s.box(0, y, w, menu_h, 0.97)
    x = 10.0
    for item in ("Berkas", "Pendaftaran", "Pencatatan Sipil", "Pencarian", "Laporan", "Bantuan"):
        x = s.text(x, y + 4, item, 8.5, ui) + 16
    y += menu_h
    x = 10.0
    for label in ("Cari", "Lihat", "Cetak Kutipan", "Cetak Register", "Tutup"):
        bw = s.width(label, 8.5, ui) + 22
        _rounded(s, x, y + 5, bw, 20, 3, 0.7)
        _rounded(s, x + 0.6, y + 5.6, bw - 1.2, 18.8, 2.6, 0.985)
        s.text(x + 11, y + 11.4, label, 8.5, ui)
        x += bw + 8
    y += tool_h + 16
    _ui_group(
        s, 12, y, w - 24, search_h, rng.choice(("Kriteria Pencarian", "Pencarian Akta Kelahiran")), ui, back
    )
    crit = [
        ("Nama Ibu", orig.mother_name if rng.random() < 0.5 else p.mother_name),
        ("No. KK", family.kk_number),
    ]
    for i, (label, value) in enumerate(crit):
        cx = 24 + i * (w - 48) / 2
        s.text(cx, y + 16, label, 8.5, ui)
        _ui_box(s, cx + 62, y + 12, (w - 48) / 2 - 90, gsize + 8, value, gsize, "helvetica")
    s.text(24, y + 40, "Jenis Akta :  Kelahiran      Status :  Terbit", 8.5, ui)
    y += search_h + 22
    cols: list[tuple[str, float]] = [
        ("No", 0.05),
        ("No. Akta", 0.25),
        ("NIK", 0.2),
        ("Nama", 0.26),
        ("Tgl. Lahir", 0.12),
        ("JK", 0.12),
    ]

    def cells(i: int, rec: tuple[Person, str, bool]) -> list[str]:
        who = rec[0]
        return [
            str(i + 1),
            rec[1],
            who.nik,
            who.name,
            _date(who.birth_date, born_style),
            "L" if who.sex == "M" else "P",
        ]

    xs = [12.0]
    for _, share in cols:
        xs.append(xs[-1] + (w - 24) * share)
    s.box(12, y, w - 24, row_h, 0.86)
    for (title, _), a, b in zip(cols, xs, xs[1:], strict=False):
        s.text(a + 4, y + 4, title, gsize, ui_bold, max_w=b - a - 8)
        s.line(b, y, b, y + row_h, 0.4, 0.6)
    highlight_dark = rng.random() < 0.5
    for i, rec in enumerate(records):
        yy = y + (i + 1) * row_h
        g = 0.0
        if rec[2]:
            s.box(12, yy, w - 24, row_h, 0.3 if highlight_dark else 0.78)
            g = 1.0 if highlight_dark else 0.0
        else:
            s.box(12, yy, w - 24, row_h, 1.0 if i % 2 == 0 else 0.965)
        for text, a, b in zip(cells(i, rec), xs, xs[1:], strict=False):
            s.text(a + 4, yy + 4, text, gsize, "helvetica", max_w=b - a - 8, grey=g)
        s.line(12, yy + row_h, w - 12, yy + row_h, 0.3, 0.75)
    s.rect(12, y, w - 24, (len(records) + 1) * row_h, 0.6, 0.5)
    y += grid_h + 22
    gh = drows * dstep + 16
    _ui_group(s, 12, y, w - 24, gh, rng.choice(("Detail Akta Kelahiran", "Data Akta Terpilih", "Rincian Data")),
              ui, back)  # fmt: skip
    col_w = (w - 48) / (2 if two_cols else 1)
    lw = max(s.width(lb, dsize - 0.4, ui) for lb, _ in detail) + 14
    right_labels = rng.random() < 0.5
    for n, (label, value) in enumerate(detail):
        col, r = (n % 2, n // 2) if two_cols else (0, n)
        cx = 24 + col * col_w
        yy = y + 12 + r * dstep
        lx = cx + lw - 8 - s.width(label, dsize - 0.4, ui) if right_labels else cx
        s.text(lx, yy + (dbh - (dsize - 0.4) * 0.72) / 2, label, dsize - 0.4, ui)
        _ui_box(s, cx + lw, yy, col_w - lw - 14, dbh, value, dsize, vface)
    s.box(0, h - status_h, w, status_h, 0.9)
    s.text(8, h - status_h + 5, f"{len(records)} data ditemukan", 8, ui)
    seen_on = _after(registered, rng, 30, 3000)
    s.text(w * 0.35, h - status_h + 5, f"Operator: {rng.choice(('opr_capil01', 'capil.loket2', 'admin_akta'))}", 8,
           ui)  # fmt: skip
    s.right(
        w - 10,
        h - status_h + 5,
        f"{seen_on:%d/%m/%Y} {rng.randint(8, 15):02d}:{rng.randint(0, 59):02d}",
        8,
        ui,
    )
    dpi = rng.uniform(135, 165)
    page = s.render(dpi)
    truth = _akta_truth(number, p, nik=with_nik)
    return RenderedDocument("akta", page, truth, layout="akta-hasil-pencarian")


# --- akta kelahiran: the birth report form on the box-per-character blank, the akta number in the office box --

_BIRTH_PLACES = "1. RS/RB   2. Puskesmas   3. Polindes   4. Rumah   5. Lainnya"
_BIRTH_KINDS = "1. Tunggal   2. Kembar 2   3. Kembar 3   4. Kembar 4   5. Lainnya"
_HELPERS = "1. Dokter   2. Bidan/Perawat   3. Dukun   4. Lainnya"


def _someone_nik(family: Family, rng: random.Random, born: date, female: bool) -> str:
    day = born.day + (40 if female else 0)
    return f"{family.district_code.replace('.', '')}{day:02d}{born:%m%y}{rng.randint(1, 3999):04d}"


def akta_kotak_pelaporan(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The birth report form in boxes, filed with the register: the akta number in the office box, the child,
    the parents, the reporter and two witnesses."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    father, mother = _relative(family, p.father_name), _relative(family, p.mother_name)
    w, h = 609.4, 935.4
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(_COMB_FACES)
    face, bold = faces
    cface = rng.choice(("courier-bold", "helvetica", "narrow-bold", face))
    m = rng.uniform(28, 34)
    x0, x1 = m, w - m
    size = rng.uniform(7.8, 8.4)
    bw = size * rng.uniform(1.12, 1.2)
    form = _CombForm(
        s, x0 + 4, x1, x0 + 4 + rng.uniform(118, 132), faces, cface, size, bw,
        numbered=True, blank_empty=rng.random() < 0.5, captions=False, sep=rng.choice(("", "-", "/")),
    )  # fmt: skip
    number = akta_number(family, p, serial)
    regency = _region(family.regency_code)
    y = m
    s.text(x0, y, "PEMERINTAH " + regency, 8, face, max_w=300)
    s.text(x0, y + 10, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 8, face)
    s.rect(x1 - 44, y - 3, 44, 15, 0.8)
    s.centre(y, "F-2.01", 8.5, bold, x1 - 44, x1)
    y += 28
    s.centre(y, "FORMULIR PELAPORAN PENCATATAN SIPIL", 12, bold)
    s.centre(y + 14, "DI DALAM WILAYAH NEGARA KESATUAN REPUBLIK INDONESIA", 9, face)
    y += 32
    # the office's box: the number the registration gave
    bx0 = w * rng.uniform(0.5, 0.56)
    s.rect(bx0, y, x1 - bx0, 36, 0.8)
    s.text(bx0 + 5, y + 4, rng.choice(("Diisi oleh petugas", "DIISI OLEH PETUGAS")), 7, face)
    typed = rng.choice(("courier-bold", "courier", bold))
    s.text(bx0 + 5, y + 16, rng.choice(("Nomor Akta Kelahiran :", "No. Akta :")), 7.6, face)
    nx = bx0 + 5 + s.width("Nomor Akta Kelahiran : ", 7.6, face)
    s.text(nx, y + 15.5, number, 8.8, typed, max_w=x1 - nx - 4)
    s.text(bx0 + 5, y + 27, f"Tanggal : {_date(max(family.issue_date, p.birth_date + timedelta(days=30)), 'dmy-dash')}",
           7, face)  # fmt: skip
    s.text(x0, y + 2, "Jenis Pelaporan : KELAHIRAN", 8.5, bold)
    s.text(x0, y + 16, "Perhatian: satu huruf/angka dalam satu kotak", 7, face)
    y += 46
    shade = rng.choice((0.84, 0.9))
    y = form.bar(y, "DATA KEPALA KELUARGA", shade)
    for fields in (
        [_Field("Nama Kepala Keluarga", "text", _plain(family.head.name))],
        [_Field("Nomor Kartu Keluarga", "text", family.kk_number, least=16)],
    ):
        y = form.row(y, fields)
    y = form.bar(y + 1, "DATA ANAK", shade)
    form.count = 0
    with_nik = rng.random() < 0.55
    coded_sex = rng.random() < 0.6
    order = rng.randint(1, 5)
    hour = f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}"
    child: list[list[_Field]] = []
    if with_nik:
        child.append([_Field("NIK", "text", p.nik, least=16)])
    child += [
        [_Field("Nama", "text", p.name)],
        [_Field("Jenis Kelamin", "code", _sex_code(p), legend=_SEX_LEGEND) if coded_sex
         else _Field("Jenis Kelamin", "text", _sex(p))],
        [_Field("Tempat Dilahirkan", "code", str(rng.choice((1, 1, 2, 3, 4))), legend=_BIRTH_PLACES)],
        [_Field("Tempat Kelahiran", "text", p.place_of_birth)],
        [_Field("Hari", "text", _DAYS[p.birth_date.weekday()].upper(), least=6),
         _Field("Tanggal Lahir", "date", day=p.birth_date)],
        [_Field("Pukul", "text", hour, least=4), _Field("Kelahiran Ke", "text", str(order), least=1)],
        [_Field("Jenis Kelahiran", "code", "1", legend=_BIRTH_KINDS)],
        [_Field("Penolong Kelahiran", "code", str(rng.choice((1, 2, 2, 3))), legend=_HELPERS)],
        [_Field("Berat Bayi (kg)", "text", f"{rng.uniform(2.4, 4.1):.1f}".replace(".", ","), least=4),
         _Field("Panjang Bayi (cm)", "text", str(rng.randint(45, 53)), least=2)],
    ]  # fmt: skip
    for fields in child:
        y = form.row(y, fields)

    def parent(title: str, who: Person | None, name: str, female: bool) -> None:
        nonlocal y
        y = form.bar(y + 1, title, shade)
        form.count = 0
        born = who.birth_date if who else None
        for fields in (
            [_Field("NIK", "text", who.nik if who else "-", least=16)],
            [_Field("Nama Lengkap", "text", name)],
            [_Field("Tanggal Lahir", "date", day=born)],
            [_Field("Pekerjaan", "text", who.occupation if who else "-")],
            [_Field("Kewarganegaraan", "text", who.citizenship if who else "WNI", least=3)],
        ):
            y = form.row(y, fields)

    parent("DATA IBU", mother, p.mother_name, True)
    parent("DATA AYAH", father, p.father_name, False)
    y = form.bar(y + 1, "DATA PELAPOR", shade)
    form.count = 0
    reporter = father if father and rng.random() < 0.7 else None
    others = rng.sample(_WITNESSES, 3)
    rep_name = p.father_name if reporter else others[2]
    rep_born = (
        reporter.birth_date
        if reporter
        else date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28))
    )
    rep_nik = reporter.nik if reporter else _someone_nik(family, rng, rep_born, False)
    report_day = max(p.birth_date + timedelta(days=rng.randint(3, 60)), family.issue_date)
    for fields in (
        [_Field("NIK", "text", rep_nik, least=16)],
        [_Field("Nama Lengkap", "text", rep_name)],
        [
            _Field("Umur", "text", str(max(17, (report_day - rep_born).days // 365)), least=3),
            _Field(
                "Pekerjaan",
                "text",
                reporter.occupation
                if reporter
                else rng.choice(("WIRASWASTA", "PETANI/PEKEBUN", "KARYAWAN SWASTA")),
            ),
        ],
    ):
        y = form.row(y, fields)
    for n in (1, 2):
        y = form.bar(y + 1, f"DATA SAKSI {'I' * n}", shade)
        form.count = 0
        born = date(rng.randint(1955, 1996), rng.randint(1, 12), rng.randint(1, 28))
        for fields in (
            [_Field("NIK", "text", _someone_nik(family, rng, born, n == 2), least=16)],
            [
                _Field("Nama Lengkap", "text", others[n - 1]),
                _Field("Umur", "text", str((report_day - born).days // 365), least=2),
            ],
        ):
            y = form.row(y, fields)
    y += 10
    place = _issue_place(family).title()
    s.centre(y, f"{place}, {_date(report_day, 'long-title')}", 8.5, face, w * 0.55, x1)
    s.centre(y + 12, "Pelapor,", 8.5, face, w * 0.55, x1)
    s.centre(y + 56, rep_name, 8.5, bold, w * 0.55, x1)
    s.centre(y + 12, "Mengetahui, Petugas Pencatat", 8.5, face, x0, x0 + 220)
    s.centre(y + 56, rng.choice(_OFFICIALS), 8.5, bold, x0, x0 + 220)
    dpi = rng.uniform(205, 225)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.signature((w * 0.55 + 60) * k, (y + 24) * k, 90 * k, 24 * k)
    pg.signature((x0 + 70) * k, (y + 24) * k, 90 * k, 24 * k)
    page = _paper(pg.img, rng.randint(242, 252))
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-kotak-pelaporan")


# --- KTP-el: a bank's online account-opening page, the uploaded card beside the bank's prefilled form ---------

_BANKS = (
    ("Bank Nusantara Digital", "daftar.banknusantara.co.id"),
    ("BPR Sejahtera Mandiri", "online.bprsejahtera.co.id"),
    ("Bank Arunika", "buka.arunika.id"),
    ("Koperasi Digital Maju Bersama", "anggota.majubersama.id"),
    ("Bank Saraswati Syariah", "akun.saraswatisyariah.co.id"),
)


def _notched(
    s: PdfSheet, x: float, y: float, w: float, h: float, label: str, value: str, vsize: float, lface: str,
    vface: str, kind: str = "text",
) -> None:  # fmt: skip
    """An outlined input whose label sits notched into its top border; a select's arrow or a calendar icon
    at its right end."""
    _rounded(s, x, y, w, h, 4, 0.62)
    _rounded(s, x + 0.8, y + 0.8, w - 1.6, h - 1.6, 3.4, 1.0)
    lsize = vsize - 2.2
    lw = s.width(label, lsize, lface)
    s.box(x + 8, y - 1.5, lw + 6, 3.5, 1.0)
    s.text(x + 11, y - lsize * 0.36, label, lsize, lface, grey=0.35)
    room = w - 18 - (16 if kind != "text" else 0)
    s.text(x + 10, y + (h - vsize * 0.72) / 2, value, vsize, vface, max_w=room)
    if kind == "select":
        ax, ay = x + w - 16, y + h / 2 - 1.5
        s.line(ax, ay, ax + 4, ay + 4, 0.9, 0.3)
        s.line(ax + 4, ay + 4, ax + 8, ay, 0.9, 0.3)
    elif kind == "date":
        cx, cy = x + w - 19, y + h / 2 - 5
        s.rect(cx, cy, 11, 10, 0.8, 0.35)
        s.line(cx, cy + 3, cx + 11, cy + 3, 0.8, 0.35)


def _case(text: str, title: bool) -> str:
    return text.title() if title else text


def ktp_kyc_web(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A bank's online account-opening page in a desktop browser: the uploaded card in a preview, the bank's
    form with notched labels prefilled with its data, the bank's own fields."""
    p = _apostrophe(p, rng, 0.15)
    w = 960.0
    bank, host = rng.choice(_BANKS)
    ui = rng.choice(("helvetica", "avantgarde", "narrow"))
    ui_bold = {"helvetica": "helvetica-bold", "avantgarde": "avantgarde-demi", "narrow": "narrow-bold"}[ui]
    vface = rng.choice((ui, "helvetica", ui_bold))
    title_case = rng.random() < 0.45
    vsize = rng.uniform(9.6, 10.6)
    fh = vsize + 15
    fstep = fh + rng.uniform(11, 15)
    born = p.birth_date.strftime("%d/%m/%Y")
    place = _issue_place(family)

    def tc(text: str) -> str:
        return _case(text, title_case)

    fields: list[list[tuple[str, str, str]]] = [  # rows of (label, value, kind)
        [("NIK", p.nik, "text")],
        [(rng.choice(("Nama Lengkap (sesuai KTP)", "Nama Lengkap")), tc(p.name), "text")],
        [("Tempat Lahir", tc(p.place_of_birth), "text"), ("Tanggal Lahir", born, "date")],
        [("Alamat (sesuai KTP)", tc(family.address), "text")],
        [("RT", family.rt, "text"), ("RW", family.rw, "text"), ("Kelurahan/Desa", tc(_region(family.village_code)), "text")],
        [("Kecamatan", tc(_region(family.district_code)), "text"),
         ("Kota/Kabupaten", tc(_region(family.regency_code)), "text")],
        [("Provinsi", tc(_region(family.province_code)), "select")],
        [("Agama", tc(p.religion), "select"), ("Status Perkawinan", tc(p.marital_status), "select")],
    ]  # fmt: skip
    extra = [
        [("Nama Ibu Kandung", tc(p.mother_name), "text")],
        [("Alamat Email", f"{p.name.split()[0].lower().replace(chr(39), '')}{rng.randint(10, 99)}@gmail.com", "text"),
         ("Nomor Handphone", f"08{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}", "text")],
        [("Tujuan Pembukaan Rekening", rng.choice(("Tabungan", "Gaji", "Investasi", "Transaksi Usaha")), "select")],
    ]  # fmt: skip
    top_h = 30 + 30 + 44 + 48 + 40
    h = top_h + (len(fields) + len(extra)) * fstep + 40 + 110 + 40
    h = max(h, 760.0)
    s = PdfSheet(w, h)
    s.box(0, 0, w, h, 0.965)
    # browser: tab strip and address bar
    s.box(0, 0, w, 30, 0.86)
    _rounded(s, 10, 6, 230, 26, 6, 0.965)
    s.text(24, 14, f"Pembukaan Rekening | {bank}", 8.5, "helvetica", max_w=200)
    s.text(226, 14, "x", 8.5, "helvetica")
    s.text(252, 12, "+", 11, "helvetica")
    s.box(0, 30, w, 30, 0.965)
    for i, glyph in enumerate(("<", ">", "C")):
        s.text(12 + i * 20, 39, glyph, 10, "helvetica", grey=0.35)
    _rounded(s, 80, 35, w - 160, 20, 10, 0.9)
    path = rng.choice(("onboarding/verifikasi-ktp", "registrasi/step-1", "eform/data-ektp"))
    s.text(96, 41, f"https://{host}/{path}", 8.8, "helvetica", grey=0.2)
    s.line(0, 60, w, 60, 0.5, 0.75)
    # the bank's bar and the stepper
    s.box(0, 60, w, 44, rng.choice((0.2, 0.28, 0.35)))
    s.text(24, 75, bank.upper(), 13, ui_bold, grey=1.0)
    s.right(w - 24, 78, rng.choice(("Bantuan", "Butuh bantuan? 1500-123")), 8.5, ui)
    steps = ("Data e-KTP", "Data Pribadi", "Verifikasi Wajah", "Selesai")
    y = 104 + 14
    sx = 120.0
    span = (w - 240) / (len(steps) - 1)
    for i, name in enumerate(steps):
        cx = sx + i * span
        if i:
            s.line(cx - span + 14, y + 10, cx - 14, y + 10, 1.2, 0.6)
        _rounded(s, cx - 10, y, 20, 20, 10, 0.25 if i == 0 else 0.8)
        s.centre(y + 6, str(i + 1), 9, ui_bold, cx - 10, cx + 10)
        s.centre(y + 25, name, 8.5, ui_bold if i == 0 else ui, cx - 60, cx + 60)
    y += 48
    s.text(24, y, rng.choice(("Verifikasi Data e-KTP", "Periksa Data e-KTP Anda", "Konfirmasi Data Identitas")),
           15, ui_bold)  # fmt: skip
    s.text(24, y + 20, "Pastikan data di bawah ini sesuai dengan e-KTP yang Anda unggah.", 9, ui, grey=0.3)
    y += 40
    # the preview panel with the card
    lx0, lx1 = 24.0, 24.0 + rng.uniform(360, 400)
    panel_h = (lx1 - lx0 - 32) * 153 / 242.6 + 110
    _rounded(s, lx0, y, lx1 - lx0, panel_h, 8, 0.8)
    _rounded(s, lx0 + 0.8, y + 0.8, lx1 - lx0 - 1.6, panel_h - 1.6, 7.4, 1.0)
    s.text(lx0 + 16, y + 14, "Foto e-KTP", 10.5, ui_bold)
    card_box = (lx0 + 16, y + 34, lx1 - 16, y + 34 + (lx1 - lx0 - 32) * 153 / 242.6)
    s.box(card_box[0], card_box[1], card_box[2] - card_box[0], card_box[3] - card_box[1], 0.9)
    cy = card_box[3] + 12
    s.line(lx0 + 18, cy + 5, lx0 + 22, cy + 9, 1.4, 0.25)
    s.line(lx0 + 22, cy + 9, lx0 + 30, cy, 1.4, 0.25)
    s.text(lx0 + 36, cy + 1, "Foto e-KTP berhasil diunggah", 8.8, ui)
    _rounded(s, lx0 + 16, cy + 22, 110, 24, 5, 0.75)
    _rounded(s, lx0 + 17, cy + 23, 108, 22, 4.5, 1.0)
    s.centre(cy + 29, "Ganti Foto", 9, ui_bold, lx0 + 16, lx0 + 126)
    # the form
    rx0, rx1 = lx1 + 28, w - 24
    fy: float = y + 6
    for group, heading in ((fields, None), (extra, rng.choice(("Data Tambahan", "Informasi Lainnya")))):
        if heading:
            s.text(rx0, fy, heading, 11, ui_bold)
            fy += 24
        for row in group:
            shares = [0.18 if lb in ("RT", "RW") else 1.0 for lb, _, _ in row]
            total = sum(shares)
            gap = 12.0
            avail = rx1 - rx0 - gap * (len(row) - 1)
            x = rx0
            for (label, value, kind), share in zip(row, shares, strict=True):
                fw = avail * share / total
                _notched(s, x, fy, fw, fh, label, value, vsize, ui, vface, kind)
                x += fw + gap
            fy += fstep
        if not heading:  # the sex as radio buttons after the identity rows
            s.text(rx0, fy, "Jenis Kelamin", vsize - 1.2, ui, grey=0.35)
            x = rx0 + 90
            for option, on in (("Laki-laki", p.sex == "M"), ("Perempuan", p.sex == "F")):
                _rounded(s, x, fy - 1, 11, 11, 5.5, 0.4)
                _rounded(s, x + 1, fy, 9, 9, 4.5, 1.0)
                if on:
                    _rounded(s, x + 2.8, fy + 1.8, 5.4, 5.4, 2.7, 0.2)
                x = (
                    s.text(
                        x + 16, fy, _case(option, True) if title_case else option.upper(), vsize - 0.4, vface
                    )
                    + 24
                )
            fy += 26
            _notched(s, rx0, fy, rx1 - rx0, fh, "Pekerjaan", tc(p.occupation), vsize, ui, vface, "select")
            fy += fstep + 6
    by = fy + 8
    _rounded(s, rx1 - 250, by, 110, 30, 6, 0.7)
    _rounded(s, rx1 - 249, by + 1, 108, 28, 5.5, 1.0)
    s.centre(by + 10, "Kembali", 10, ui_bold, rx1 - 250, rx1 - 140)
    _rounded(s, rx1 - 128, by, 128, 30, 6, 0.25)
    s.text(
        rx1 - 128 + (128 - s.width("Lanjutkan", 10, ui_bold)) / 2, by + 10, "Lanjutkan", 10, ui_bold, grey=1.0
    )
    width_px = rng.choice((1366, 1440, 1536, 1600))
    dpi = width_px / w * 72
    k = dpi / 72
    page = s.render(dpi)
    # the uploaded photo of the card, fitted into the preview
    box_w = round((card_box[2] - card_box[0]) * k)
    card_dpi = box_w / 242.6 * 72
    grey, _ = _card_light(family, p, rng, card_dpi)
    card = _security(grey, rng, 212, 236, passes=1).resize(
        (box_w, round((card_box[3] - card_box[1]) * k)), Image.Resampling.LANCZOS
    )
    page.paste(card, (round(card_box[0] * k), round(card_box[1] * k)))
    return RenderedDocument("ktp", page, _issued_card_truth(family, p, place), layout="ktp-kyc-web")


# --- KTP-el: the card copied several times on one A4 sheet, cut guides between the copies -----------------------


def ktp_salinan_berulang(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A copy shop's sheet: the card (or front and back) copied two to eight times in a grid on one A4
    sheet, all at the same small angle, halftoned, with dashed cut guides."""
    from tools.docgen.photographed import _rounded_mask

    dpi = 300
    grey, place = _card_light(family, p, rng, dpi)
    weights = np.array((0.299, 0.587, 0.114), np.float32)
    front = np.asarray(_card_colour(grey, p, rng, dpi) @ weights, np.float32)
    ch, cw = front.shape
    with_back = rng.random() < 0.45
    back = np.asarray(_card_back(ch, cw, rng) @ weights, np.float32) if with_back else front
    rows_n = rng.randint(2, 4)
    pw, ph = 2480, 3508
    gap_x, gap_y = rng.randint(90, 200), rng.randint(90, 190)
    left = (pw - 2 * cw - gap_x) // 2 + rng.randint(-40, 40)
    top = rng.randint(150, 320)
    rows_n = min(rows_n, (ph - 100 - top) // (ch + gap_y))
    lum = np.full((ph, pw), 250.0, np.float32)
    rim = np.zeros((ph, pw), np.float32)
    mask = _rounded_mask(cw, ch)
    edge = np.clip(mask - cv2.erode(mask, np.ones((5, 5), np.uint8)), 0, 1)
    short = not with_back and rng.random() < 0.25  # an odd count: the last row's second copy left out
    for r in range(rows_n):
        for c in range(2):
            if short and r == rows_n - 1 and c == 1:
                continue
            card = front if c == 0 or not with_back else back
            x, y = left + c * (cw + gap_x), top + r * (ch + gap_y)
            lum[y : y + ch, x : x + cw] = lum[y : y + ch, x : x + cw] * (1 - mask) + card * mask
            rim[y : y + ch, x : x + cw] = np.maximum(rim[y : y + ch, x : x + cw], edge)
    lum *= 1 - 0.85 * rim
    # the cut guides: dashed lines between the copies, drawn on the arranged original, so copied with it
    guides = np.zeros((ph, pw), np.uint8)
    dash = rng.randint(18, 36)
    xs = [left - gap_x // 2, left + cw + gap_x // 2, left + 2 * cw + gap_x + gap_x // 2]
    ys = [top - gap_y // 2 + r * (ch + gap_y) for r in range(rows_n + 1)]
    for gx in xs:
        for yy in range(ys[0], ys[-1], 2 * dash):
            cv2.line(guides, (gx, yy), (gx, min(yy + dash, ys[-1])), 255, 3)
    for gy in ys:
        for xx in range(xs[0], xs[-1], 2 * dash):
            cv2.line(guides, (xx, gy), (min(xx + dash, xs[-1]), gy), 255, 3)
    # the arranged original lay a little askew on the glass: everything turns together
    turn = cv2.getRotationMatrix2D((pw / 2, ph / 2), rng.uniform(-2.0, 2.0), 1.0)
    lum = np.asarray(
        cv2.warpAffine(lum, turn, (pw, ph), flags=cv2.INTER_LINEAR, borderValue=(250.0,)), np.float32
    )
    turned = cv2.warpAffine(guides, turn, (pw, ph), flags=cv2.INTER_LINEAR)
    ink = np.maximum(_halftone(lum, rng), np.asarray(turned, np.float32) / 255 * 0.9)
    ink = np.asarray(cv2.GaussianBlur(ink, (0, 0), 0.6), np.float32)
    nrng = _noise(rng)
    ink = np.maximum(ink, (nrng.random((ph, pw)) < 0.0003).astype(np.float32))
    paper = rng.uniform(238, 248)
    copy = paper - ink * (paper - rng.uniform(22, 40))
    copy = copy + nrng.normal(0, 2.0, copy.shape).astype(np.float32)
    page = Image.fromarray(np.clip(copy, 0, 255).astype(np.uint8), "L")
    return RenderedDocument("ktp", page, _issued_card_truth(family, p, place), layout="ktp-salinan-berulang")


# --- SKPWNI: a phone app's application-detail screen, origin and destination as cards joined by an arrow -------


def skpwni_status_aplikasi(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A long screenshot of a move application's detail screen: status and number, a dated timeline, the
    applicant, the two addresses as cards joined by an arrow, the move, the members moving."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    number = _skpwni_number(origin, serial)
    w = 360.0
    ui = rng.choice(("helvetica", "avantgarde", "narrow"))
    ui_bold = {"helvetica": "helvetica-bold", "avantgarde": "avantgarde-demi", "narrow": "narrow-bold"}[ui]
    lsize, vsize = rng.uniform(7.4, 8.0), rng.uniform(9.2, 10.0)
    pad = 14.0
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    split_rtrw = rng.random() < 0.5

    def place(fam: Family) -> list[tuple[str, str]]:
        out = [(rng.choice(("Alamat", "Jalan/Alamat")), fam.address)]
        out += [("RT", fam.rt), ("RW", fam.rw)] if split_rtrw else [("RT/RW", f"{fam.rt}/{fam.rw}")]
        return [
            *out,
            ("Kelurahan/Desa", _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            ("Kabupaten/Kota", _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
            ("Kode Pos", fam.postal_code),
        ]

    move = [
        ("Alasan Pindah", _choice_text("reason", mv.reason, rng)),
        ("Klasifikasi Pindah", _choice_text("class", cls, rng)),
        ("Jenis Kepindahan", _choice_text("type", mv.kind, rng)),
        (rng.choice(("Tanggal Pindah", "Rencana Tanggal Pindah")),
         _date(mv.day, rng.choice(("long-title", "dmy-dash", "dmy-slash")))),
    ]  # fmt: skip
    applicant = [
        ("NIK", p.nik),
        ("Nama Lengkap", p.name),
        (rng.choice(("Nomor KK", "No. Kartu Keluarga")), origin.kk_number),
    ]
    s_probe = PdfSheet(w, 100)
    inner = w - 2 * pad - 20

    def grid_h(items: Sequence[tuple[str, str]], sheet: PdfSheet) -> float:
        """The height of items laid two to a row (a long value alone across the card)."""
        hh, half = 0.0, list[str]()
        for label, value in items:
            wide = sheet.width(value, vsize, ui_bold) > inner / 2 - 6 or label.startswith(("Alamat", "Jalan"))
            if wide:
                if half:
                    hh += lsize + vsize + 12
                    half = []
                lines = len(_wrap_chars(value, max(10, int(inner / (vsize * 0.55)))))
                hh += lsize + lines * (vsize + 2) + 10
            else:
                half.append(label)
                if len(half) == 2:
                    hh += lsize + vsize + 12
                    half = []
        return hh + (lsize + vsize + 12 if half else 0)

    def draw_grid(sheet: PdfSheet, x: float, y: float, items: Sequence[tuple[str, str]]) -> float:
        col = 0
        for label, value in items:
            wide = sheet.width(value, vsize, ui_bold) > inner / 2 - 6 or label.startswith(("Alamat", "Jalan"))
            if wide:
                if col:
                    y += lsize + vsize + 12
                    col = 0
                sheet.text(x, y, label, lsize, ui, grey=0.42)
                lines = _wrap_chars(value, max(10, int(inner / (vsize * 0.55))))
                for j, line in enumerate(lines):
                    sheet.text(x, y + lsize + 4 + j * (vsize + 2), line, vsize, ui_bold, max_w=inner)
                y += lsize + len(lines) * (vsize + 2) + 10
                continue
            cx = x + col * (inner / 2 + 4)
            sheet.text(cx, y, label, lsize, ui, grey=0.42)
            sheet.text(cx, y + lsize + 4, value, vsize, ui_bold, max_w=inner / 2 - 6)
            col += 1
            if col == 2:
                y += lsize + vsize + 12
                col = 0
        return y + (lsize + vsize + 12 if col else 0)

    names = rng.choice(
        (("Daerah Asal", "Daerah Tujuan"), ("ASAL", "TUJUAN"), ("Alamat Asal", "Alamat Tujuan"))
    )
    steps_h = 4 * 34.0
    total = (
        24 + 48 + 100 + steps_h + 30
        + grid_h(applicant, s_probe) + 40
        + 2 * (grid_h(place(origin), s_probe) + 40) + 36
        + grid_h(move, s_probe) + 40
        + len(movers) * 38 + 50 + 70 + 48
    )  # fmt: skip
    h = total + 20
    s = PdfSheet(w, h)
    s.box(0, 0, w, h, 0.955)
    s.box(0, 0, w, 24, 0.955)
    clock = f"{rng.randint(7, 21):02d}.{rng.randint(0, 59):02d}"
    s.text(pad, 8, clock, 8.5, ui_bold)
    s.right(w - pad, 8, f"4G  {rng.randint(20, 99)}%", 8.5, ui_bold)
    s.box(0, 24, w, 48, 1.0)
    s.text(pad, 40, "<", 14, ui)
    s.text(pad + 22, 41, rng.choice(("Detail Permohonan", "Detail Permohonan Pindah", "Status Pengajuan")), 12,
           ui_bold)  # fmt: skip
    s.line(0, 72, w, 72, 0.5, 0.8)
    y = 84.0

    def card(y0: float, hh: float) -> None:
        _rounded(s, pad, y0, w - 2 * pad, hh, 8, 0.86)
        _rounded(s, pad + 0.6, y0 + 0.6, w - 2 * pad - 1.2, hh - 1.2, 7.6, 1.0)

    card(y, 88)
    chip = rng.choice(("SKPWNI TERBIT", "Selesai", "Disetujui - SKPWNI Terbit"))
    cw_ = s.width(chip, 8, ui_bold) + 16
    _rounded(s, pad + 10, y + 10, cw_, 16, 8, 0.3)
    s.text(pad + 18, y + 14.5, chip, 8, ui_bold, grey=1.0)
    s.text(
        pad + 10, y + 34, rng.choice(("Nomor SKPWNI", "No. Surat Keterangan Pindah")), lsize, ui, grey=0.42
    )
    s.text(pad + 10, y + 34 + lsize + 4, number, vsize + 0.6, ui_bold, max_w=w - 2 * pad - 20)
    reg = f"REG-{origin.district_code.replace('.', '')}-{_token(rng, 8).upper()}"
    s.text(pad + 10, y + 68, f"No. Registrasi {reg}", lsize, ui, grey=0.42)
    y += 100
    submitted = origin.issue_date - timedelta(days=rng.randint(2, 9))
    checked = origin.issue_date - timedelta(days=rng.randint(0, 1))
    steps = [
        ("Permohonan diajukan", submitted, True),
        ("Diverifikasi Dinas Dukcapil asal", checked, True),
        ("SKPWNI diterbitkan", origin.issue_date, True),
        ("Menunggu kedatangan di daerah tujuan", None, False),
    ]
    s.text(pad, y, rng.choice(("Riwayat Status", "Proses Permohonan")), 10, ui_bold)
    y += 18
    for i, (label, when, done) in enumerate(steps):
        cy = y + i * 34
        if i < len(steps) - 1:
            s.line(pad + 7, cy + 12, pad + 7, cy + 34, 1.2, 0.3 if done else 0.75)
        _rounded(s, pad + 1, cy, 12, 12, 6, 0.3 if done else 0.8)
        s.text(pad + 22, cy, label, 9, ui_bold if done else ui, grey=0.0 if done else 0.45)
        if when:
            stamp = f"{_date(when, rng.choice(('long-title', 'dmy-slash')))}, {rng.randint(8, 15):02d}:{rng.randint(0, 59):02d} WIB"
            s.text(pad + 22, cy + 12, stamp, 7.6, ui, grey=0.42)
    y += steps_h + 12
    s.text(pad, y, rng.choice(("Data Pemohon", "Pemohon")), 10, ui_bold)
    y += 16
    hh = grid_h(applicant, s) + 18
    card(y, hh)
    draw_grid(s, pad + 10, y + 12, applicant)
    y += hh + 16
    s.text(pad, y, rng.choice(("Alamat Kepindahan", "Data Alamat")), 10, ui_bold)
    y += 16
    for n, (fam, title) in enumerate(((origin, names[0]), (dest, names[1]))):
        items = place(fam)
        hh = grid_h(items, s) + 34
        card(y, hh)
        tw = s.width(title, 8.4, ui_bold) + 14
        _rounded(s, pad + 10, y + 9, tw, 14, 4, 0.88)
        s.text(pad + 17, y + 12.5, title, 8.4, ui_bold)
        draw_grid(s, pad + 10, y + 32, items)
        y += hh
        if n == 0:  # the arrow between the cards
            ax = w / 2
            _rounded(s, ax - 12, y + 4, 24, 24, 12, 0.3)
            s.line(ax, y + 9, ax, y + 22, 1.4, 1.0)
            s.line(ax - 5, y + 17, ax, y + 22, 1.4, 1.0)
            s.line(ax + 5, y + 17, ax, y + 22, 1.4, 1.0)
            y += 32
    y += 16
    s.text(pad, y, rng.choice(("Detail Kepindahan", "Data Kepindahan")), 10, ui_bold)
    y += 16
    hh = grid_h(move, s) + 18
    card(y, hh)
    draw_grid(s, pad + 10, y + 12, move)
    y += hh + 16
    s.text(pad, y, f"{rng.choice(('Anggota Keluarga yang Pindah', 'Anggota yang Pindah'))} ({len(movers)})", 10,
           ui_bold)  # fmt: skip
    y += 16
    card(y, len(movers) * 38 + 8)
    for i, mover in enumerate(movers):
        yy = y + 8 + i * 38
        _rounded(s, pad + 10, yy + 3, 24, 24, 12, 0.85)
        s.centre(yy + 11, mover.name[:1], 9, ui_bold, pad + 10, pad + 34)
        s.text(pad + 42, yy + 4, mover.name, 9.2, ui_bold, max_w=w - 2 * pad - 52)
        s.text(pad + 42, yy + 17, f"{mover.nik}  -  {mover.relationship.title()}", 7.8, ui, grey=0.42)
        if i < len(movers) - 1:
            s.line(pad + 42, yy + 34, w - pad - 10, yy + 34, 0.4, 0.85)
    y += len(movers) * 38 + 24
    _rounded(s, pad, y, w - 2 * pad, 36, 8, 0.25)
    s.text(
        (w - s.width("Unduh SKPWNI (PDF)", 10, ui_bold)) / 2,
        y + 13,
        "Unduh SKPWNI (PDF)",
        10,
        ui_bold,
        grey=1.0,
    )
    s.box(0, h - 44, w, 44, 1.0)
    s.line(0, h - 44, w, h - 44, 0.5, 0.8)
    for i, item in enumerate(("Beranda", "Layanan", "Riwayat", "Akun")):
        s.centre(h - 20, item, 7.6, ui_bold if i == 2 else ui, i * w / 4, (i + 1) * w / 4)
        _rounded(s, (i + 0.5) * w / 4 - 6, h - 38, 12, 12, 3, 0.3 if i == 2 else 0.7)
    dpi = rng.choice((1080, 1080, 720)) / w * 72
    page = s.render(dpi)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-status-aplikasi")


# --- SKPWNI: the certificate and a tear-off slip for the destination on one sheet ------------------------------


def _scissors(s: PdfSheet, x: float, y: float) -> None:
    """A small scissors mark (two rings and two crossed blades) at (x, y)."""
    for dy in (-4.0, 4.0):
        s.rect(x, y + dy - 2.2, 4.4, 4.4, 0.8)
    s.line(x + 4.4, y - 4, x + 14, y + 2.5, 0.8)
    s.line(x + 4.4, y + 4, x + 14, y - 2.5, 0.8)


def skpwni_sobekan(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The certificate above a tear-off line, the destination's slip under it: number, NIK and name again,
    the members moving, then the destination address."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    w, h = (609.4, 935.4) if len(movers) > 3 or rng.random() < 0.5 else (595.0, 842.0)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("helvetica", "helvetica-bold"), ("bookman", "bookman-demi"),
         ("schoolbook", "schoolbook-bold"), ("narrow", "narrow-bold"), ("palatino", "palatino-bold"))
    )  # fmt: skip
    face, bold = faces
    number = _skpwni_number(origin, serial)
    regency = _region(origin.regency_code)
    m = rng.uniform(34, 42)
    x0, x1 = m, w - m
    y = _kop(s, regency, rng, faces, x0 + 46, x1, m - 12)
    s.centre(y - 4, rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH")), 12.5, bold)
    s.centre(y + 11, "Nomor : " + number, 9.5, face)
    y += 30
    size = rng.uniform(8.8, 9.5)
    step = size + rng.uniform(4, 5.5)
    vb = rng.random() < 0.5
    person = [
        ("NIK", p.nik),
        (rng.choice(("Nama Lengkap", "Nama")), p.name),
        (rng.choice(("Nomor Kartu Keluarga", "No. KK")), origin.kk_number),
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), origin.head.name),
    ]
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    move = [
        ("Alasan Pindah", _choice_text("reason", mv.reason, rng)),
        ("Klasifikasi Pindah", _choice_text("class", cls, rng)),
        ("Jenis Kepindahan", _choice_text("type", mv.kind, rng)),
        (rng.choice(("Rencana Tanggal Pindah", "Tanggal Pindah")),
         _date(mv.day, rng.choice(("dmy-dash", "long-title", "long")))),
    ]  # fmt: skip

    def where(fam: Family, suffix: str) -> list[tuple[str, str]]:
        rows = [(rng.choice(("Alamat", "Jalan/Alamat")) + suffix, fam.address)]
        rows += (
            [("RT / RW", f"{fam.rt} / {fam.rw}")] if rng.random() < 0.5 else [("RT", fam.rt), ("RW", fam.rw)]
        )
        return [
            *rows,
            ("Desa/Kelurahan", _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            ("Kabupaten/Kota", _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
            ("Kode Pos", fam.postal_code),
        ]

    move_up = rng.random() < 0.6
    letters = ("A. ", "B. ", "C. ") if rng.random() < 0.5 else ("", "", "")
    colon = x0 + 10 + rng.uniform(118, 140)
    s.text(x0, y, letters[0] + "DATA PEMOHON", size + 0.4, bold)
    y = _label_lines(s, x0 + 10, y + step, person, size, faces, colon, x1, step, bold_values=vb) + 4
    s.text(x0, y, letters[1] + "DATA DAERAH ASAL", size + 0.4, bold)
    y = (
        _label_lines(s, x0 + 10, y + step, where(origin, ""), size, faces, colon, x1, step, bold_values=vb)
        + 4
    )
    if move_up:
        s.text(x0, y, letters[2] + "DATA KEPINDAHAN", size + 0.4, bold)
        y = _label_lines(s, x0 + 10, y + step, move, size, faces, colon, x1, step, bold_values=vb) + 4
    bx = w * 0.58
    place_name = _issue_place(origin).title()
    s.text(bx, y, f"{place_name}, {_date(origin.issue_date, rng.choice(('long-title', 'dmy-dash')))}", size, face,
           max_w=x1 - bx)  # fmt: skip
    s.text(bx, y + step, "KEPALA DINAS", size, bold)
    s.text(bx, y + 2 * step + 42, rng.choice(_OFFICIALS), size, bold, max_w=x1 - bx)
    s.text(bx, y + 3 * step + 40, "NIP. " + _nip(rng), size - 1, face)
    sign_y = y + step + 12
    y += 3 * step + 58
    # the tear-off line
    cut = rng.choice(("potong di sini", "gunting di sini", "- - - potong - - -", "sobek di sini"))
    s.line(x0 - 16, y, x1 + 16, y, 0.7, 0.2, dash="4 3")
    _scissors(s, x0 - 14, y)
    s.text(x1 - s.width(cut, 7, face) - 4, y - 9, cut, 7, face)
    y += 14
    ssize = size - rng.uniform(0.4, 1.0)
    sstep = ssize + rng.uniform(3.5, 5)
    s.centre(y, rng.choice(("UNTUK DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL DAERAH TUJUAN",
                            "LEMBAR UNTUK DAERAH TUJUAN", "BAGIAN UNTUK DISERAHKAN KE DAERAH TUJUAN")),
             ssize + 1.2, bold)  # fmt: skip
    y += ssize + 10
    scolon = x0 + 10 + rng.uniform(100, 120)
    slip_head = [
        (rng.choice(("No. SKPWNI", "Nomor Surat")), number),
        ("NIK Pemohon", p.nik),
        ("Nama Pemohon", p.name),
    ]
    receipt_x = w * rng.uniform(0.62, 0.68)
    y0_slip = y
    y = (
        _label_lines(s, x0 + 10, y, slip_head, ssize, faces, scolon, receipt_x - 10, sstep, bold_values=vb)
        + 4
    )
    s.rect(receipt_x, y0_slip - 2, x1 - receipt_x, 3 * sstep + 6, 0.6)
    s.text(
        receipt_x + 5,
        y0_slip + 2,
        "Diterima tanggal : ..................",
        ssize - 1.2,
        face,
        max_w=x1 - receipt_x - 10,
    )
    s.text(receipt_x + 5, y0_slip + 2 + sstep, "Petugas : ...........................", ssize - 1.2, face,
           max_w=x1 - receipt_x - 10)  # fmt: skip
    s.text(x0, y, rng.choice(("Anggota keluarga yang pindah:", "KELUARGA YANG PINDAH")), ssize + 0.2, bold)
    y = _members_table(s, x0 + 10, x1, y + ssize + 6, movers, faces, ssize - 0.4) + 10
    s.text(x0, y, rng.choice(("Alamat yang dituju:", "DATA DAERAH TUJUAN", "Pindah ke:")), ssize + 0.2, bold)
    y = (
        _label_lines(s, x0 + 10, y + sstep, where(dest, ""), ssize, faces, scolon, x1, sstep, bold_values=vb)
        + 4
    )
    if not move_up:
        s.text(x0, y, rng.choice(("Keterangan kepindahan:", "DATA KEPINDAHAN")), ssize + 0.2, bold)
        y = _label_lines(s, x0 + 10, y + sstep, move, ssize, faces, scolon + 20, x1, sstep, bold_values=vb)
    dpi = rng.uniform(200, 225)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 22) * k, (m + 4) * k, 20 * k, 80)
    pg = _page_of(img, rng)
    _dinas_ink(pg, k, bx, sign_y, _issue_place(origin), rng)
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-sobekan")
