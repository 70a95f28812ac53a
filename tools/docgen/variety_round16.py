"""A sixteenth round of variety layouts (issue 18), written blind (before and without looking at the
extractor), two per type. Like rounds 10-15 it is a HELD-OUT SET of pages whose STRUCTURE (how a label and
its value sit on the page, and what else shares the page) no older layout has, so that it estimates how the
extractor does on forms it was never shown. Each layout is a family of pages: field order, label wording,
date form, face, sizes and margins are drawn from the rng.

- KK, `kk-susunan-prosa`: the desa's or kelurahan's SURAT KETERANGAN SUSUNAN KELUARGA (asked for inheritance,
  school, aid and bank files): a village letterhead, title and number, then the KK QUOTED IN PROSE: one
  opening paragraph naming the KK number, its issue date, the head of family and the whole address run
  together ("... yang beralamat di Dusun Sidorejo RT 012 RW 006 Desa ... Kecamatan ... Kabupaten ...
  Provinsi ..., Kode Pos ..."), in one of several clause orders; then EACH MEMBER AS A NUMBERED PROSE
  PARAGRAPH with a hanging number ("1. BUDI SANTOSO, NIK 3404..., laki-laki, lahir di Sleman pada tanggal
  07-05-1980, agama Islam, ..., anak dari ayah ... dan ibu ..."), the seventeen items as clauses in one of
  several orders with the template's own wordings ("sebagai KEPALA KELUARGA", "pendidikan terakhir"), the
  marriage date only where there is one, passport and KITAP as "-" on some letters and left out on others;
  values in capitals or mixed case, in bold or not; the purpose, the village head's signature and stamp.
- KK, `kk-aplikasi-keluarga`: a LONG SCROLLING SCREENSHOT OF A PHONE APP'S "Kartu Keluarga" screen: a dark
  header card with the KK number and the head of family (white on dark), an address card as a two-column
  grid of small grey labels over bold values, then ONE ROUNDED CARD PER MEMBER: an initial in a circle, the
  name, the NIK under it, the relationship as a CHIP at the card's right (or as a grid item), and the other
  items as a label-over-value grid (place and date of birth as one item "Sleman, 7 Mei 1990" on some);
  values in capitals or title case, the bottom navigation bar. 720 or 1080 px wide.
- Akta kelahiran, `akta-catatan-pinggir`: a Kutipan whose MARGIN holds the CATATAN PINGGIR (marginal
  notes the registrar adds later): a ruled margin column, left or right, headed "CATATAN PINGGIR", with one
  or two numbered, dated and signed notes TYPED ACROSS THE NARROW COLUMN or TURNED UPRIGHT to run up the
  margin: the parents' marriage recorded later (the Kutipan Akta Nikah's number, the parents' names
  again), an adoption by court ruling (ANOTHER COUPLE'S NAMES, the ruling's number and date), a second
  Kutipan issued for a lost one (the police report's number and date); the body beside it as label lines or
  as the Kutipan sentence, the date in words, digits or both.
- Akta kelahiran, `akta-verifikasi-qr`: a PHONE SCREENSHOT OF THE PAGE THE CERTIFICATE'S QR CODE OPENS in a
  mobile browser: status and address bars, the Dinas's banner, a "Dokumen valid" badge, then the record as a
  LIST OF ROWS WITH THE LABEL AT THE LEFT AND THE VALUE FLUSH RIGHT (long values wrapped, right-aligned,
  hairlines or zebra rows between; or the label small above the value on some), with fields the Kutipan
  has not (document type, issue date, issuing office), the NIK shown, MASKED ("3404********0003", then not
  in the truth) or left out, then the electronic signature's details (signer, position, time, BSrE) and a
  download button.
- KTP-el, `ktp-obrolan-data`: a CHAT SCREENSHOT (WhatsApp look, from the officer's phone or the resident's)
  in which the resident SENDS THE CARD'S DATA AS MESSAGES: question and answer bubbles ("NIK nya berapa?" /
  "3404..."; two answers in one bubble now and then), or the officer's EMPTY TEMPLATE ("Nama :", "NIK :" ...)
  answered by the resident's FILLED COPY of it, or the officer's numbered list of what to send answered by
  a NUMBERED LIST OF BARE VALUES; the answers typed in lower case, capitals or title case, dates as the
  resident types them ("7 mei 1990", "07/05/1990"); times, ticks, the doodled wallpaper. No issue place or
  date, no validity; the blood type, regency and province only where asked.
- KTP-el, `ktp-surat-kuasa`: a SURAT KUASA (power of attorney) quoting TWO PEOPLE'S CARDS with the same
  labels: the PEMBERI KUASA (the truth) and the PENERIMA KUASA (a family member or a neighbour: other name,
  NIK, date of birth, occupation), the two blocks one under the other or SIDE BY SIDE in two columns, the
  address as indented lines or run together, "K H U S U S", the purpose, the two signatures and a METERAI
  TEMPEL under the grantor's. Religion, marital status and citizenship on some letters; no blood type,
  validity or issue place and date.
- SKPWNI, `skpwni-halaman-terbalik`: the two-page certificate SCANNED IN REVERSE ORDER into one image (the
  feeder took the stack face down): page 2 on top (a running head "Lanjutan ...", DATA DAERAH TUJUAN, the
  members moving, on some the members' table BEFORE the destination, the signature, "Halaman 2 dari 2"),
  then page 1 (letterhead, title, number, DATA DAERAH ASAL, DATA KEPINDAHAN, "bersambung"); each page
  askew on its own; labels with DOTTED LEADERS to the colon on some prints, values in capitals or mixed
  case.
- SKPWNI, `skpwni-tab-aplikasi`: THREE SCREENSHOTS OF ONE DESKTOP APPLICATION WINDOW (a SIAK-like service
  application at 100-125 %) stacked in one image, as an operator pastes them into a report: the same title
  and menu bars and the same "Data Pemohon" group (NIK, name, KK number, on some the SKPWNI number) in
  each, and below it a TAB CONTROL whose ACTIVE TAB differs (Data Asal / Data Kepindahan / Data Tujuan):
  disabled text boxes with their labels left of them, RT and RW in two small boxes, the region levels
  from the province down or from the village up, combo boxes for the move's choices, date pickers, and in
  the destination tab a grid of the family with a ticked box for each member who moves. The labels carry
  no "asal"/"tujuan": only the active tab tells them apart.

Faces: round 8-14's PDF sheets drawn by pdfium (Times, Helvetica, Helvetica Narrow, Bookman, New Century
Schoolbook, Palatino, Utopia, Avant Garde); screens drawn with the DejaVu faces; stamps and signatures as
`variety.Page` draws them. Pages are 8-bit grey or RGB images (`upload` None). Names on the akta and the KTP
pages sometimes carry an apostrophe; the akta prints names without academic titles. Ground truths are
normalised as the older layouts' are (the same keys per type, built by the same helpers); a key a page does
not print is left out. These layouts exist to measure: nothing that reads the documents may be tuned to them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
from PIL import Image, ImageDraw

from tools.docgen.render import Font, RenderedDocument, _region, _sex, akta_number
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
    vfont,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round6 import _noise
from tools.docgen.variety_round7 import _members
from tools.docgen.variety_round8 import PdfSheet, _page_of, _token
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
    _slanted,
    _split,
)
from tools.docgen.variety_round11 import _label_lines, _rounded, _stack, _untitled
from tools.docgen.variety_round12 import _is_kelurahan, _mixed
from tools.docgen.variety_round13 import _after, _dinas_ink, _relative
from tools.docgen.variety_round14 import _someone_nik
from tools.docgen.variety_round15 import _justified
from tools.synthetic.residents import Family, Person

Rgb = tuple[int, int, int]
Runs = list[tuple[str, str]]

# --- small helpers ----------------------------------------------------------------------------------------

_LETTER_FACES: tuple[Faces, ...] = (
    ("times", "times-bold"),
    ("bookman", "bookman-demi"),
    ("schoolbook", "schoolbook-bold"),
    ("helvetica", "helvetica-bold"),
    ("palatino", "palatino-bold"),
    ("utopia", "utopia-bold"),
)
_UI_FACES: tuple[Faces, ...] = (
    ("helvetica", "helvetica-bold"),
    ("avantgarde", "avantgarde-demi"),
    ("narrow", "narrow-bold"),
)


def _cased(text: str, caps: bool) -> str:
    """A value as the page prints it: the database's capitals, or a template's mixed case."""
    return text if caps else _mixed(text)


def _askew(img: Image.Image, rng: random.Random, most: float, fill: int = 255) -> Image.Image:
    """A sheet laid on the glass a little turned (the corners filled with the scanner's lid)."""
    return img.rotate(rng.uniform(-most, most), resample=Image.Resampling.BICUBIC, fillcolor=fill)


def _village_kop(
    s: PdfSheet, family: Family, faces: Faces, x0: float, x1: float, top: float, rng: random.Random
) -> float:
    """A desa's or kelurahan's letterhead (the emblem's place left of it added after rendering); the y
    under its rules."""
    face, bold = faces
    kel = _is_kelurahan(family)
    unit = "KELURAHAN" if kel else "DESA"
    s.centre(top, "PEMERINTAH " + _region(family.regency_code), 12.5, bold, x0 + 40, x1)
    s.centre(top + 15, "KECAMATAN " + _region(family.district_code), 12.5, bold, x0 + 40, x1)
    s.centre(top + 31, f"{unit} {_region(family.village_code)}", 15, bold, x0 + 40, x1)
    street = rng.choice(("Jl. Raya", "Jl. Balai Desa", "Jl. Pemuda", "Jl. Masjid", "Jl. Poros Desa"))
    s.centre(top + 50, f"Alamat : {street} No. {rng.randint(1, 90)}  Kode Pos {family.postal_code}", 8.5,
             face, x0 + 40, x1)  # fmt: skip
    s.line(x0, top + 63, x1, top + 63, 2.0)
    s.line(x0, top + 66, x1, top + 66, 0.6)
    return top + 84


# --- KK: the village's letter on the family's composition, each member a paragraph ----------------------------

_FAMILY_PURPOSES = (
    "persyaratan pengurusan surat keterangan ahli waris",
    "persyaratan pendaftaran sekolah",
    "persyaratan pengajuan bantuan sosial",
    "kelengkapan berkas pendaftaran BPJS Kesehatan",
    "kelengkapan administrasi perbankan",
    "persyaratan pengurusan paspor",
)

# The clauses after each member's name, in the orders the village templates use.
_MEMBER_ORDERS: tuple[tuple[str, ...], ...] = (
    ("nik", "sex", "born", "religion", "education", "occupation", "blood", "marital", "relationship",
     "citizenship", "docs", "parents"),
    ("relationship", "nik", "born", "sex", "religion", "marital", "education", "occupation", "blood",
     "citizenship", "docs", "parents"),
    ("nik", "born", "sex", "blood", "religion", "marital", "relationship", "education", "occupation",
     "citizenship", "parents", "docs"),
)  # fmt: skip


def kk_susunan_prosa(family: Family, rng: random.Random) -> RenderedDocument:
    """The village's letter on the family's composition: the KK and the address in one paragraph, then each
    member as a numbered paragraph of clauses."""
    style = rng.choice(("dmy-dash", "long-title", "dmy-slash", "long-pad", "long"))
    rows = [_cells(p, style) for p in family.members]
    caps = rng.random() < 0.5
    w, h = (609.4, 935.4) if rng.random() < 0.6 else (595.0, 842.0)
    faces: Faces = rng.choice(_LETTER_FACES)
    face, bold = faces
    vface = bold if rng.random() < 0.4 else face
    kel = _is_kelurahan(family)
    unit = "Kelurahan" if kel else "Desa"
    head = "Lurah" if kel else "Kepala Desa"
    village, district = _region(family.village_code), _region(family.district_code)
    regency, province = _region(family.regency_code), _region(family.province_code)
    m = rng.uniform(48, 60)
    x0, x1 = m + 6, w - m
    written = _after(family.issue_date, rng, 20, 1500)
    number = f"{rng.choice(('470', '474', '474.4', '400'))}/{rng.randint(12, 480)}/{'Kel' if kel else 'Ds'}/{written.year}"
    title = rng.choice(("SURAT KETERANGAN SUSUNAN KELUARGA", "SURAT KETERANGAN KELUARGA",
                        "SURAT KETERANGAN ANGGOTA KELUARGA"))  # fmt: skip
    kk_date = _date(family.issue_date, rng.choice(("long-title", "dmy-dash", "long", "long-pad")))
    dinas = f"Dinas Kependudukan dan Pencatatan Sipil {_mixed(regency)}"

    def val(text: str) -> str:
        return _cased(text, caps)

    where: Runs = [
        (val(family.address), vface),
        (f"RT {family.rt} RW {family.rw}", vface),
        (f"{unit} {val(village)}", vface),
        (f"Kecamatan {val(district)}", vface),
        (val(regency), vface),
        (f"Provinsi {val(province)},", vface),
        ("Kode Pos", face),
        (family.postal_code, vface),
    ]
    n = len(family.members)
    count = f"{n} ({number_words(n).lower()}) orang"
    opening_kind = rng.randrange(3)
    intro: Runs = [(f"Yang bertanda tangan di bawah ini {head} {_mixed(village)} Kecamatan {_mixed(district)} "
                    f"{_mixed(regency)} menerangkan dengan sebenarnya bahwa", face)]  # fmt: skip
    if opening_kind == 0:
        intro += [("berdasarkan Kartu Keluarga Nomor", face), (family.kk_number, vface),
                  (f"yang dikeluarkan oleh {dinas} pada tanggal", face), (kk_date + ",", vface),
                  ("keluarga dengan Kepala Keluarga", face), (family.head.name, bold),
                  ("yang beralamat di", face), *where,
                  (f"terdiri atas {count} dengan susunan sebagai berikut:", face)]  # fmt: skip
    elif opening_kind == 1:
        intro += [("Saudara", face), (family.head.name + ",", bold),
                  ("Kepala Keluarga pada Kartu Keluarga Nomor", face), (family.kk_number, vface),
                  ("tanggal", face), (kk_date + ",", vface), ("bertempat tinggal di", face), *where,
                  (f"mempunyai susunan keluarga sebanyak {count} sebagai berikut:", face)]  # fmt: skip
    else:
        intro += [("keluarga yang bertempat tinggal di", face), *where,
                  ("dengan Kepala Keluarga", face), (family.head.name + ",", bold),
                  ("tercatat dalam Kartu Keluarga Nomor", face), (family.kk_number, vface),
                  (f"yang diterbitkan {dinas} tanggal", face), (kk_date + ",", vface),
                  (f"dengan anggota keluarga sebanyak {count}, yaitu:", face)]  # fmt: skip
    words = {
        "nik": rng.choice(("NIK", "NIK", "Nomor Induk Kependudukan")),
        "sex": rng.choice(("jenis kelamin", "")),
        "education": rng.choice(("pendidikan", "pendidikan terakhir")),
        "occupation": rng.choice(("pekerjaan", "jenis pekerjaan")),
        "blood": rng.choice(("golongan darah", "gol. darah")),
        "marital": rng.choice(("status perkawinan", "status")),
        "married": rng.choice(("tanggal perkawinan", "kawin tanggal", "tgl. perkawinan")),
        "relationship": rng.choice(("status hubungan dalam keluarga", "hubungan dalam keluarga", "sebagai")),
        "parents": rng.choice(("ayah-ibu", "anak dari")),
    }  # fmt: skip
    docs = rng.random() < 0.5
    order = rng.choice(_MEMBER_ORDERS)
    born_words = rng.choice(
        (("lahir di", "pada tanggal"), ("tempat lahir", "tanggal lahir"), ("lahir di", "tanggal"))
    )
    born_two = born_words[0] == "tempat lahir"

    def sex_bare(c: Cells) -> str:  # the sex without its label: lower case in a mixed-case letter
        return c["sex"][0] if caps else c["sex"][0].lower()

    def member(c: Cells) -> Runs:
        clauses: dict[str, Runs] = {
            "nik": [(words["nik"], face), (c["nik"][0], vface)],
            "sex": [(words["sex"], face), (val(c["sex"][0]), vface)] if words["sex"] else [(sex_bare(c), vface)],
            "religion": [("agama", face), (val(c["religion"][0]), vface)],
            "education": [(words["education"], face), (c["education"][0], vface)],
            "occupation": [(words["occupation"], face), (val(c["occupation"][0]), vface)],
            "blood": [(words["blood"], face), (val(c["blood_type"][0]), vface)],
            "relationship": [(words["relationship"], face), (val(c["relationship"][0]), vface)],
            "citizenship": [("kewarganegaraan", face), (c["citizenship"][0], vface)],
            "docs": [("No. Paspor", face), ("-,", vface), ("No. KITAP", face), ("-", vface)] if docs else [],
        }  # fmt: skip
        if born_two:
            clauses["born"] = [(born_words[0], face), (val(c["place_of_birth"][0]) + ",", vface),
                               (born_words[1], face), (c["birth_date"][0], vface)]  # fmt: skip
        else:
            clauses["born"] = [(born_words[0], face), (val(c["place_of_birth"][0]), vface),
                               (born_words[1], face), (c["birth_date"][0], vface)]  # fmt: skip
        marital: Runs = [(words["marital"], face), (val(c["marital_status"][0]), vface)]
        if c["marriage_date"][0] != "-":
            marital[-1] = (marital[-1][0] + ",", vface)
            marital += [(words["married"], face), (c["marriage_date"][0], vface)]
        clauses["marital"] = marital
        if words["parents"] == "ayah-ibu":
            clauses["parents"] = [("nama ayah", face), (c["father_name"][0] + ",", vface), ("nama ibu", face),
                                  (c["mother_name"][0], vface)]  # fmt: skip
        else:
            clauses["parents"] = [("anak dari", face), (c["father_name"][0], vface), ("dan", face),
                                  (c["mother_name"][0], vface)]  # fmt: skip
        runs: Runs = [(c["name"][0] + ",", bold)]
        parts = [clauses[key] for key in order if clauses[key]]
        for i, part in enumerate(parts):
            last_text, last_face = part[-1]
            runs += [*part[:-1], (last_text + ("." if i == len(parts) - 1 else ","), last_face)]
        return runs

    paragraphs = [member(c) for c in rows]
    purpose = rng.choice(_FAMILY_PURPOSES)
    official = rng.choice(_OFFICIALS) if rng.random() < 0.3 else rng.choice(
        ("SUPARDI", "H. MUHAMMAD ROSYID", "SRI HANDAYANI, S.E.", "AGUS SETIAWAN", "I MADE SUARDANA", "YOSEPH LAIA"))  # fmt: skip
    issue_line = f"{_mixed(village)}, {_date(written, 'long-title')}"
    hang = rng.uniform(16, 22)

    def paint(s: PdfSheet, size: float) -> float:
        lead = size * 1.6
        y = _village_kop(s, family, faces, x0, x1, m, rng_fixed())
        s.centre(y, title, 13, bold)
        tw = s.width(title, 13, bold)
        s.line((w - tw) / 2, y + 13, (w + tw) / 2, y + 13, 0.7)
        s.centre(y + 18, "Nomor : " + number, 10.5, face)
        y = _justified(s, x0, y + 46, x1 - x0, intro, size, lead, indent=28)
        y += size * 0.5
        for i, runs in enumerate(paragraphs, start=1):
            s.text(x0 + 4, y, f"{i}.", size, face)
            y = _justified(s, x0 + hang, y, x1 - x0 - hang, runs, size, lead) + size * 0.45
        closing: Runs = [(f"Surat keterangan ini dibuat untuk {purpose}. Demikian surat keterangan ini dibuat "
                          "dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.", face)]  # fmt: skip
        return _justified(s, x0, y + 4, x1 - x0, closing, size, lead, indent=28)

    seed = rng.randrange(1 << 30)

    def rng_fixed() -> random.Random:  # the letterhead's own draws, the same on every pass
        return random.Random(seed)

    size = rng.uniform(10.2, 11.2)
    while size > 8.5 and paint(PdfSheet(w, h), size) > h - m - 120:
        size -= 0.25
    end = paint(PdfSheet(w, h), size)
    if end > h - m - 120:
        h = end + m + 130
    s = PdfSheet(w, h)
    y = paint(s, size)
    bx = w * 0.56
    s.text(bx, y + 20, issue_line, size, face, max_w=x1 - bx)
    s.text(bx, y + 20 + size * 1.6, f"{head} {_mixed(village)}", size, face, max_w=x1 - bx)
    s.text(bx, y + 20 + size * 1.6 + 62, official, size, bold, max_w=x1 - bx)
    dpi = rng.uniform(185, 210)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 22) * k, (m + 26) * k, 24 * k, 80)
    pg = _page_of(img, rng)
    sy = y + 20 + size * 1.6 + 14
    pg.signature((bx + 20) * k, sy * k, 110 * k, 32 * k)
    pg.stamp((bx + rng.uniform(-10, 15)) * k, (sy + 14) * k, 40 * k,
             f"{unit.upper()} {village[:12]}|{_issue_place(family)[:12]}")  # fmt: skip
    page = _paper(pg.img, rng.randint(243, 252))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-susunan-prosa")


# --- KK: a phone app's family card screen, a card per member --------------------------------------------------


def _grid_items(
    s: PdfSheet,
    x: float,
    y: float,
    inner: float,
    items: Sequence[tuple[str, str, bool]],
    sizes: tuple[float, float],
    faces: Faces,
    label_grey: float = 0.45,
    value_grey: float = 0.0,
) -> float:
    """(label, value, wide) items two to a row, each a small grey label over its bold value (a wide item, or
    one whose value does not fit half the row, alone across it, wrapped); the y under the grid."""
    lsize, vsize = sizes
    ui, ui_bold = faces
    half = inner / 2 - 6
    col, row_h = 0, 0.0
    for label, value, wide in items:
        alone = wide or s.width(value, vsize, ui_bold) > half
        if alone and col:
            y += row_h
            col, row_h = 0, 0.0
        room = inner if alone else half
        lines = _split(s, value, vsize, ui_bold, room)
        cx = x + col * (inner / 2 + 6)
        s.text(cx, y, label, lsize, ui, grey=label_grey)
        for j, line in enumerate(lines):
            s.text(cx, y + lsize + 4 + j * (vsize + 2.5), line, vsize, ui_bold, max_w=room, grey=value_grey)
        row_h = max(row_h, lsize + 4 + len(lines) * (vsize + 2.5) + 8)
        if alone:
            y += row_h
            col, row_h = 0, 0.0
        else:
            col += 1
            if col == 2:
                y += row_h
                col, row_h = 0, 0.0
    return y + row_h


def kk_aplikasi_keluarga(family: Family, rng: random.Random) -> RenderedDocument:
    """A long screenshot of a phone app's family-card screen: the number and head on a dark card, the address
    as a grid, a rounded card per member with its items as a grid of labels over values."""
    style = rng.choice(("long-title", "dmy-dash", "long-pad", "dmy-slash"))
    rows = [_cells(p, style) for p in family.members]
    caps = rng.random() < 0.45
    ui_faces: Faces = rng.choice(_UI_FACES)
    ui, ui_bold = ui_faces
    w, pad = 360.0, 14.0
    inner = w - 2 * pad - 20
    sizes = (rng.uniform(7.2, 7.8), rng.uniform(9.0, 9.8))
    lsize, vsize = sizes
    chip = rng.random() < 0.6
    joined = rng.random() < 0.35
    screen_title = rng.choice(("Kartu Keluarga", "Data Keluarga", "Dokumen Keluarga", "KK Saya"))
    head_title = rng.choice(("KARTU KELUARGA", "Kartu Keluarga Elektronik", "Data Kartu Keluarga"))
    addr_title = rng.choice(("Alamat", "Domisili", "Alamat Keluarga"))
    members_title = rng.choice(("Anggota Keluarga", "Daftar Anggota Keluarga", "Anggota"))
    issued_label = rng.choice(("Tanggal Dikeluarkan", "Tgl. Terbit KK", "Tanggal Terbit"))
    clock = f"{rng.randint(6, 22):02d}.{rng.randint(0, 59):02d}"
    battery = rng.randint(15, 99)
    theme = rng.choice((0.22, 0.3, 0.16))

    def val(text: str) -> str:
        return _cased(text, caps)

    where: list[tuple[str, str, bool]] = [
        (rng.choice(("Alamat", "Jalan/Dusun")), val(family.address), True),
        ("RT", family.rt, False),
        ("RW", family.rw, False),
        (rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")), val(_region(family.village_code)), False),
        ("Kecamatan", val(_region(family.district_code)), False),
        ("Kabupaten/Kota", val(_region(family.regency_code)), False),
        ("Provinsi", val(_region(family.province_code)), False),
        ("Kode Pos", family.postal_code, False),
        (issued_label, _date(family.issue_date, style), False),
    ]

    def member_items(c: Cells) -> list[tuple[str, str, bool]]:
        out: list[tuple[str, str, bool]] = [("Jenis Kelamin", val(c["sex"][0]), False)]
        if joined:
            out.append(
                ("Tempat, Tanggal Lahir", f"{val(c['place_of_birth'][0])}, {c['birth_date'][0]}", True)
            )
        else:
            out += [
                ("Tempat Lahir", val(c["place_of_birth"][0]), False),
                ("Tanggal Lahir", c["birth_date"][0], False),
            ]
        out += [
            ("Agama", val(c["religion"][0]), False),
            ("Golongan Darah", val(c["blood_type"][0]), False),
            ("Pendidikan", val(c["education"][0]), False),
            ("Pekerjaan", val(c["occupation"][0]), False),
            ("Status Perkawinan", val(c["marital_status"][0]), False),
            ("Tanggal Perkawinan", c["marriage_date"][0], False),
        ]  # fmt: skip
        if not chip:
            out.append(("Hubungan Keluarga", val(c["relationship"][0]), False))
        out += [
            ("Kewarganegaraan", c["citizenship"][0], False),
            ("No. Paspor", c["passport_number"][0], False),
            ("No. KITAP", c["kitap_number"][0], False),
            ("Nama Ayah", val(c["father_name"][0]), False),
            ("Nama Ibu", val(c["mother_name"][0]), False),
        ]
        return out

    def card(s: PdfSheet, y0: float, hh: float, grey: float = 1.0) -> None:
        _rounded(s, pad, y0, w - 2 * pad, hh, 9, 0.86)
        _rounded(s, pad + 0.6, y0 + 0.6, w - 2 * pad - 1.2, hh - 1.2, 8.6, grey)

    def paint(s: PdfSheet) -> float:
        s.box(0, 0, w, s.h, 0.955)
        s.text(pad, 8, clock, 8.5, ui_bold)
        s.right(w - pad, 8, f"{battery}%", 8.5, ui_bold)
        s.box(0, 24, w, 46, 1.0)
        s.text(pad, 38, "<", 14, ui)
        s.text(pad + 22, 39, screen_title, 12, ui_bold)
        s.line(0, 70, w, 70, 0.5, 0.8)
        y = 82.0
        # the dark header card: number and head of family
        _rounded(s, pad, y, w - 2 * pad, 96, 10, theme)
        s.text(pad + 12, y + 11, head_title, 7.8, ui_bold, grey=0.8)
        s.text(pad + 12, y + 27, "Nomor KK", lsize, ui, grey=0.75)
        s.text(pad + 12, y + 38, family.kk_number, vsize + 4, ui_bold, grey=1.0)
        s.text(pad + 12, y + 62, "Kepala Keluarga", lsize, ui, grey=0.75)
        s.text(pad + 12, y + 73, val(family.head.name), vsize + 0.5, ui_bold, grey=1.0, max_w=inner)
        y += 108
        s.text(pad, y, addr_title, 10, ui_bold)
        y += 16
        probe = PdfSheet(w, 4000)
        hh = _grid_items(probe, 0, 0, inner, where, sizes, ui_faces) + 16
        card(s, y, hh)
        _grid_items(s, pad + 10, y + 12, inner, where, sizes, ui_faces)
        y += hh + 18
        s.text(pad, y, f"{members_title} ({len(rows)})", 10, ui_bold)
        y += 16
        for c in rows:
            items = member_items(c)
            hh = 52 + _grid_items(probe, 0, 0, inner, items, sizes, ui_faces) + 12
            card(s, y, hh)
            _rounded(s, pad + 10, y + 10, 26, 26, 13, theme)
            s.centre(y + 18.5, c["name"][0][:1], 11, ui_bold, pad + 10, pad + 36)
            right = w - pad - 10
            if chip:
                text = val(c["relationship"][0])
                cw = s.width(text, 7.2, ui_bold) + 12
                _rounded(s, right - cw, y + 11, cw, 14, 7, 0.88)
                s.text(right - cw + 6, y + 14.5, text, 7.2, ui_bold, grey=0.2)
                right -= cw + 6
            s.text(pad + 44, y + 11, val(c["name"][0]), vsize + 0.6, ui_bold, max_w=right - pad - 46)
            s.text(pad + 44, y + 25, "NIK " + c["nik"][0], vsize - 0.6, ui, grey=0.3)
            s.line(pad + 10, y + 44, w - pad - 10, y + 44, 0.4, 0.85)
            _grid_items(s, pad + 10, y + 52, inner, items, sizes, ui_faces)
            y += hh + 10
        return y + 10

    total = paint(PdfSheet(w, 20000))
    h = total + 48
    s = PdfSheet(w, h)
    paint(s)
    s.box(0, h - 44, w, 44, 1.0)
    s.line(0, h - 44, w, h - 44, 0.5, 0.8)
    for i, item in enumerate(("Beranda", "Dokumen", "Layanan", "Akun")):
        s.centre(h - 20, item, 7.6, ui_bold if i == 1 else ui, i * w / 4, (i + 1) * w / 4)
        _rounded(s, (i + 0.5) * w / 4 - 6, h - 38, 12, 12, 3, 0.3 if i == 1 else 0.7)
    dpi = rng.choice((1080, 720, 1080)) / w * 72
    page = s.render(dpi)
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-aplikasi-keluarga")


# --- akta kelahiran: the Kutipan with the registrar's marginal notes -------------------------------------------

_ADOPTERS = (
    ("AGUS SALIM", "SRI MULYANI"),
    ("HERU PRASETYO", "DEWI KARTIKA SARI"),
    ("YOHANES SETIADI", "MARIA ULFA"),
    ("I KETUT WIRAWAN", "NI LUH PUTU ARYANI"),
    ("ABDUL HAKIM", "NURUL HIDAYAH"),
    ("ROBERT SIMANJUNTAK", "ROSLINA BR SITORUS"),
    ("BAMBANG SUTRISNO", "ENDANG PURWANINGSIH"),
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _birth_order(family: Family, p: Person) -> int:
    """The child's place among the family's children of the same parents (by date of birth)."""
    sibs = sorted(
        (m for m in family.members if m.father_name == p.father_name and m.mother_name == p.mother_name),
        key=lambda m: m.birth_date,
    )
    return next((i for i, m in enumerate(sibs, start=1) if m.nik == p.nik), 1)


def _marginal_notes(
    family: Family, p: Person, rng: random.Random, registered: date
) -> tuple[list[tuple[str, date]], date]:
    """One or two catatan pinggir (text, date), in date order, and the Kutipan's issue date (a second Kutipan
    is issued on the day of its note)."""
    place = _mixed(_issue_place(family))
    district = _mixed(_region(family.district_code))
    kinds = rng.sample(("nikah", "angkat", "ganti"), rng.choice((1, 2, 2)))
    issue = registered
    notes: list[tuple[str, date]] = []
    for kind in kinds:
        if kind == "nikah":
            father = _relative(family, p.father_name)
            wed = (
                father.marriage_date
                if father and father.marriage_date
                else p.birth_date - timedelta(days=rng.randint(300, 2500))
            )
            when = _after(max(wed, registered), rng, 5, 400)
            kua = f"{rng.randint(10, 480)}/{rng.randint(1, 60):02d}/{wed.month:02d}/{wed.year}"
            tail = (
                ", sehingga anak tersebut berkedudukan sebagai anak sah dari perkawinan tersebut."
                if wed > p.birth_date
                else ", dan perkawinan tersebut telah dicatatkan."
            )
            text = (f"Berdasarkan Kutipan Akta Nikah Nomor {kua} dari KUA Kecamatan {district}, kedua orang tua "
                    f"anak tersebut, {p.father_name} dan {p.mother_name}, telah melangsungkan perkawinan pada "
                    f"tanggal {_date(wed, 'long-title')}{tail}")  # fmt: skip
        elif kind == "angkat":
            a, b = rng.choice(_ADOPTERS)
            ruling = _after(registered, rng, 150, 2900)
            when = _after(ruling, rng, 7, 90)
            text = (f"Berdasarkan Penetapan Pengadilan Negeri {place} Nomor {rng.randint(12, 640)}/Pdt.P/{ruling.year}/"
                    f"PN {place[:3]} tanggal {_date(ruling, 'long-title')}, anak yang tersebut dalam akta ini telah "
                    f"diangkat sebagai anak oleh suami-istri {a} dan {b}.")  # fmt: skip
        else:
            lost = _after(registered, rng, 300, 4000)
            when = _after(lost, rng, 3, 40)
            issue = when
            text = ("Kutipan ini merupakan Kutipan Kedua, diterbitkan sebagai pengganti Kutipan pertama yang hilang "
                    f"berdasarkan Surat Keterangan Tanda Lapor Kehilangan Kepolisian Sektor {district} Nomor "
                    f"SKTLK/{rng.randint(20, 900)}/{_ROMAN[lost.month - 1]}/{lost.year}/Sek tanggal "
                    f"{_date(lost, 'long-title')}.")  # fmt: skip
        notes.append((text, when))
    notes.sort(key=lambda note: note[1])
    return notes, issue


def akta_catatan_pinggir(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan with one or two dated marginal notes in a ruled margin column, typed across it or upright."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    number = akta_number(family, p, serial)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(_LETTER_FACES)
    face, bold = faces
    m = rng.uniform(38, 46)
    col_w = rng.uniform(118, 146)
    left = rng.random() < 0.7
    sideways = rng.random() < 0.45
    if left:
        cx0, cx1 = m, m + col_w
        bx0, bx1 = cx1 + 22, w - m
        rule = cx1 + 10
    else:
        bx0, bx1 = m, w - m - col_w - 22
        cx0, cx1 = w - m - col_w, w - m
        rule = cx0 - 10
    registered = _after(p.birth_date, rng, 10, 900)
    notes, issue = _marginal_notes(family, p, rng, registered)
    second = issue != registered
    place = _issue_place(family)
    s.rect(m - 10, m - 10, w - 2 * m + 20, h - 2 * m + 20, 1.4)
    s.line(rule, m - 10, rule, h - m + 10, 0.9)
    s.line(rule + 2.2, m - 10, rule + 2.2, h - m + 10, 0.4)
    # the body
    y = m + 8
    s.centre(y, "REPUBLIK INDONESIA", 12, bold, bx0, bx1)
    s.centre(
        y + 15,
        rng.choice(("PENCATATAN SIPIL", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL")),
        10,
        face,
        bx0,
        bx1,
    )
    s.centre(y + 28, _region(family.regency_code), 10, face, bx0, bx1)
    s.centre(y + 56, "KUTIPAN AKTA KELAHIRAN", 16, bold, bx0, bx1)
    if second:
        s.centre(y + 74, "(KUTIPAN KEDUA)", 9.5, bold, bx0, bx1)
    s.centre(y + 90, "Nomor : " + number, 10.5, face, bx0, bx1)
    y += 124
    size = rng.uniform(10, 11)
    style = rng.choice(("words", "long-title", "digits-words", "dmy-dash", "long", "words-title"))
    born = _date(p.birth_date, style)
    with_nik = rng.random() < 0.65
    order = _birth_order(family, p)
    order_text = rng.choice((str(order), f"{order} ({number_words(order).lower()})", number_words(order)))
    if rng.random() < 0.4:  # the Kutipan's sentence
        if with_nik:
            y = _label_lines(s, bx0, y, [("NIK", p.nik)], size, faces, bx0 + 40, bx1, size * 2.2)
        runs: Runs = [
            (rng.choice(("Berdasarkan Register Akta Kelahiran, bahwa di", "Menurut daftar kelahiran, bahwa di")), face),
            (p.place_of_birth, bold), ("pada tanggal", face), (born, bold), ("telah lahir", face),
            (p.name + ",", bold), (f"anak ke-{order_text},", face), (_sex(p) + ",", bold), ("dari ayah", face),
            (p.father_name, bold), ("dan ibu", face), (p.mother_name + ".", bold),
        ]  # fmt: skip
        y = _justified(s, bx0, y + 6, bx1 - bx0, runs, size, size * 1.8, indent=24)
    else:
        items = [("Nomor Induk Kependudukan", p.nik)] if with_nik else []
        items += [
            (rng.choice(("Nama", "Nama Anak", "Nama Lengkap")), p.name),
            ("Tempat Lahir", p.place_of_birth),
            ("Tanggal Lahir", born),
            ("Jenis Kelamin", _sex(p)),
            ("Anak Ke", order_text),
            ("Nama Ayah", p.father_name),
            ("Nama Ibu", p.mother_name),
        ]
        colon = bx0 + min(rng.uniform(118, 138), (bx1 - bx0) * 0.42)
        y = _label_lines(
            s, bx0, y, items, size, faces, colon, bx1, size * 2.2, bold_values=rng.random() < 0.6
        )
    ix = bx0 + (bx1 - bx0) * rng.uniform(0.38, 0.46)
    lead = size * 1.6
    s.text(ix, y + 30, f"Dikeluarkan di {_mixed(place)}", size - 0.5, face, max_w=bx1 - ix)
    s.text(ix, y + 30 + lead, f"pada tanggal {_date(issue, rng.choice(('long-title', 'long')))}", size - 0.5, face,
           max_w=bx1 - ix)  # fmt: skip
    s.text(ix, y + 30 + 2 * lead, "Pejabat Pencatatan Sipil,", size - 0.5, face, max_w=bx1 - ix)
    sign_y = y + 30 + 3 * lead
    s.text(ix, sign_y + 52, rng.choice(_OFFICIALS), size - 0.5, bold, max_w=bx1 - ix)
    s.text(ix, sign_y + 52 + lead, "NIP. " + _nip(rng), size - 1.5, face, max_w=bx1 - ix)
    # the margin: the notes
    nsize = rng.uniform(7.6, 8.4)
    s.centre(m + 2, "CATATAN PINGGIR", 8.6, bold, cx0, cx1)
    s.line(cx0 + 4, m + 15, cx1 - 4, m + 15, 0.5)
    signer = rng.choice(_OFFICIALS)
    paraf: list[tuple[float, float]] = []
    if sideways:
        bottom, top = h - m - 6, m + 24
        lx = cx0 + 6
        for i, (text, when) in enumerate(notes, start=1):
            lines = _split(s, f"{i}. {text}", nsize, face, bottom - top)
            lines.append(
                f"{_mixed(place)}, {_date(when, 'long-title')}   Pejabat Pencatatan Sipil,  ttd.  {signer}"
            )
            for line in lines:
                width = min(s.width(line, nsize, face), bottom - top)
                _slanted(s, lx + 0.72 * nsize, bottom - width / 2, line, nsize, face, 90.0, 0.0)
                lx += nsize + 3.2
            lx += 6
    else:
        y = m + 26
        for i, (text, when) in enumerate(notes, start=1):
            s.text(cx0 + 2, y, f"{i}.", nsize, bold)
            for line in _split(s, text, nsize, face, col_w - 16):
                s.text(cx0 + 14, y, line, nsize, face, max_w=col_w - 16)
                y += nsize + 2.6
            y += 3
            s.text(cx0 + 14, y, f"{_mixed(place)}, {_date(when, 'dmy-dash')}", nsize, face, max_w=col_w - 16)
            s.text(cx0 + 14, y + nsize + 2.6, "Pejabat Pencatatan Sipil,", nsize, face, max_w=col_w - 16)
            paraf.append((cx0 + 20, y + 2 * (nsize + 2.6)))
            s.text(cx0 + 14, y + 2 * (nsize + 2.6) + 26, signer, nsize - 0.4, bold, max_w=col_w - 16)
            y += 2 * (nsize + 2.6) + 26 + nsize + 14
            s.line(cx0 + 10, y - 7, cx1 - 10, y - 7, 0.4, 0.3, dash="2 2")
    dpi = rng.uniform(180, 205)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    _dinas_ink(pg, k, ix, sign_y, place, rng)
    for px, py in paraf:
        pg.signature(px * k, py * k, 60 * k, 20 * k)
    page = _paper(pg.img, rng.randint(236, 250))
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-catatan-pinggir")


# --- akta kelahiran: the page the certificate's QR code opens, on a phone ------------------------------------


def _value_rows(
    s: PdfSheet,
    x: float,
    y: float,
    inner: float,
    items: Sequence[tuple[str, str]],
    sizes: tuple[float, float],
    faces: Faces,
    zebra: bool,
) -> float:
    """Rows with the label at the left and the value flush right (wrapped, each line right-aligned),
    hairlines or zebra shading between them; the y under the last."""
    lsize, vsize = sizes
    ui, ui_bold = faces
    xr = x + inner
    for i, (label, value) in enumerate(items):
        lw = min(s.width(label, lsize, ui), inner * 0.42)
        room = inner - lw - 20
        lines = _split(s, value, vsize, ui_bold, room)
        hh = len(lines) * (vsize + 3) + 13
        if zebra and i % 2 == 0:
            s.box(x, y, inner, hh, 0.955)
        s.text(x + 6, y + 7 + (vsize - lsize) * 0.4, label, lsize, ui, grey=0.42, max_w=inner * 0.42)
        for j, line in enumerate(lines):
            width = min(s.width(line, vsize, ui_bold), room)
            s.text(xr - 6 - width, y + 7 + j * (vsize + 3), line, vsize, ui_bold, max_w=room)
        y += hh
        if not zebra:
            s.line(x, y, xr, y, 0.4, 0.86)
    return y


def akta_verifikasi_qr(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A phone screenshot of the certificate's QR verification page: a badge, the record as label / flush
    right value rows, the electronic signature's details."""
    p = _apostrophe(_untitled(p), rng, 0.15)
    number = akta_number(family, p, serial)
    ui_faces: Faces = rng.choice(_UI_FACES)
    ui, ui_bold = ui_faces
    w, pad = 360.0, 14.0
    inner = w - 2 * pad - 16
    sizes = (rng.uniform(7.4, 8.0), rng.uniform(8.8, 9.6))
    caps = rng.random() < 0.6
    stacked = rng.random() < 0.25
    zebra = rng.random() < 0.4
    nik_mode = rng.choice(("shown", "shown", "masked", "absent"))
    style = rng.choice(("long-title", "dmy-dash", "long-pad", "iso", "dmy-slash"))
    issued = _after(max(p.birth_date, date(2018, 6, 1)), rng, 5, 2400)  # a TTE-signed (re)issue
    regency = _region(family.regency_code)
    theme = rng.choice((0.2, 0.28, 0.35))
    slug = _issue_place(family).lower().replace(" ", "")
    host = rng.choice(
        (f"disdukcapil.{slug}kab.go.id", f"dukcapil.{slug}.go.id", f"layanan.disdukcapil-{slug}.go.id")
    )
    url = f"{host}/{rng.choice(('verifikasi', 'cek-dokumen', 'qr'))}/{_token(rng, 10)}"
    clock = f"{rng.randint(6, 22):02d}.{rng.randint(0, 59):02d}"

    def val(text: str) -> str:
        return _cased(text, caps)

    rows: list[tuple[str, str]] = [
        ("Jenis Dokumen", rng.choice(("Akta Kelahiran", "Kutipan Akta Kelahiran", "AKTA KELAHIRAN"))),
        (rng.choice(("Nomor Akta", "No. Akta Kelahiran", "Nomor Dokumen")), number),
    ]
    if nik_mode == "shown":
        rows.append(("NIK", p.nik))
    elif nik_mode == "masked":
        rows.append(
            (
                "NIK",
                p.nik[:4] + "*" * 8 + p.nik[12:] if rng.random() < 0.5 else p.nik[:6] + "*" * 6 + p.nik[12:],
            )
        )
    person = [
        (rng.choice(("Nama", "Nama Lengkap", "Nama Anak")), val(p.name)),
        ("Tempat Lahir", val(p.place_of_birth)),
        ("Tanggal Lahir", _date(p.birth_date, style)),
        ("Jenis Kelamin", val(_sex(p))),
    ]
    parents = [("Nama Ayah", val(p.father_name)), ("Nama Ibu", val(p.mother_name))]
    rows += person + parents if rng.random() < 0.7 else [*person[:1], *parents, *person[1:]]
    rows += [
        (rng.choice(("Tanggal Terbit", "Tanggal Penerbitan")), _date(issued, style)),
        ("Diterbitkan Oleh", f"Dinas Kependudukan dan Pencatatan Sipil {_mixed(regency)}"),
    ]
    official = rng.choice(_OFFICIALS)
    signed = [
        ("Penandatangan", official),
        ("Jabatan", f"Kepala Dinas Kependudukan dan Pencatatan Sipil {_mixed(regency)}"),
        ("Waktu", f"{_date(issued, 'long-title')} {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}:"
                  f"{rng.randint(0, 59):02d} WIB"),
        ("Penerbit Sertifikat", "Balai Sertifikasi Elektronik (BSrE)"),
        ("Status Sertifikat", "Valid"),
    ]  # fmt: skip
    data_title = rng.choice(("Data Dokumen", "Data Akta Kelahiran", "Informasi Dokumen"))
    sign_title = rng.choice(("Informasi Tanda Tangan Elektronik", "Tanda Tangan Elektronik"))
    badge = rng.choice(("DOKUMEN VALID", "Dokumen Asli", "Dokumen Terverifikasi"))

    def block(s: PdfSheet, y: float, items: Sequence[tuple[str, str]]) -> float:
        if stacked:
            return _grid_items(
                s, pad + 14, y + 8, inner - 12, [(a, b, True) for a, b in items], sizes, ui_faces
            )
        return _value_rows(s, pad + 8, y, inner, items, sizes, ui_faces, zebra)

    def paint(s: PdfSheet) -> float:
        s.box(0, 0, w, s.h, 0.97)
        s.box(0, 0, w, 64, 0.93)
        s.text(pad, 8, clock, 8.5, ui_bold)
        s.right(w - pad, 8, f"{rng_battery}%", 8.5, ui_bold)
        _rounded(s, pad - 4, 30, w - 2 * pad - 22, 26, 13, 0.85)
        s.rect(pad + 6, 39, 6, 6, 0.8, 0.3)
        s.text(pad + 18, 38.5, url, 8.4, ui, max_w=w - 2 * pad - 44)
        s.rect(w - pad - 14, 36, 13, 13, 0.8, 0.3)
        y = 64.0
        s.box(0, y, w, 58, theme)
        s.text(pad + 40, y + 14, "DISDUKCAPIL", 11.5, ui_bold, grey=1.0)
        s.text(pad + 40, y + 31, _mixed(regency), 8.6, ui, grey=0.85, max_w=w - pad - 60)
        _rounded(s, pad, y + 15, 28, 28, 14, 0.85)
        y += 72
        s.text(pad, y, rng_title, 13, ui_bold)
        s.text(pad, y + 17, "Hasil pemindaian kode QR pada dokumen", 8, ui, grey=0.45)
        y += 36
        _rounded(s, pad, y, w - 2 * pad, 44, 8, 0.88)
        _rounded(s, pad + 10, y + 10, 24, 24, 12, theme)
        s.line(pad + 16, y + 22, pad + 21, y + 27, 1.6, 1.0)
        s.line(pad + 21, y + 27, pad + 29, y + 17, 1.6, 1.0)
        s.text(pad + 44, y + 10, badge, 10, ui_bold)
        s.text(pad + 44, y + 25, "Dokumen tercatat dalam database kependudukan", 7.6, ui, grey=0.35,
               max_w=w - 2 * pad - 54)  # fmt: skip
        y += 58
        for title, items in ((data_title, rows), (sign_title, signed)):
            s.text(pad, y, title, 10.5, ui_bold)
            y += 16
            hh = block(PdfSheet(w, 4000), 0, items) + 8
            _rounded(s, pad, y, w - 2 * pad, hh, 8, 0.86)
            _rounded(s, pad + 0.6, y + 0.6, w - 2 * pad - 1.2, hh - 1.2, 7.6, 1.0)
            block(s, y + 4, items)
            y += hh + 18
        _rounded(s, pad, y, w - 2 * pad, 34, 8, theme)
        s.text((w - s.width(rng_button, 10, ui_bold)) / 2, y + 12, rng_button, 10, ui_bold, grey=1.0)
        y += 50
        s.centre(y, f"(c) {issued.year if issued.year > 2020 else 2024} Dinas Kependudukan dan Pencatatan Sipil",
                 7, ui, 0, w)  # fmt: skip
        return y + 20

    rng_battery = rng.randint(12, 99)
    rng_title = rng.choice(("Verifikasi Dokumen", "Cek Keaslian Dokumen", "Validasi Dokumen Kependudukan"))
    rng_button = rng.choice(("Lihat Dokumen (PDF)", "Unduh Dokumen", "Tampilkan Dokumen"))
    total = paint(PdfSheet(w, 20000))
    h = total + 44
    s = PdfSheet(w, h)
    paint(s)
    s.box(0, h - 40, w, 40, 0.93)
    for i, glyph in enumerate(("<", ">", "+", "[ ]", "...")):
        s.centre(h - 26, glyph, 11, ui_bold, i * w / 5, (i + 1) * w / 5)
    dpi = rng.choice((1080, 720, 1080)) / w * 72
    page = s.render(dpi)
    truth = _akta_truth(number, p, nik=nik_mode == "shown")
    return RenderedDocument("akta", page, truth, layout="akta-verifikasi-qr")


# --- KTP-el: the card's data sent as chat messages ----------------------------------------------------------------

_CHAT_WALL = (239, 234, 226)
_CHAT_OUT = (217, 253, 211)
_CHAT_IN = (255, 255, 255)
_CHAT_TEXT = (17, 27, 33)
_CHAT_TIME = (102, 119, 129)
_CHAT_GREEN = (0, 128, 105)


def _wrap_px(draw: ImageDraw.ImageDraw, text: str, font: Font, room: float) -> list[str]:
    """Each line of `text` broken at spaces into lines at most `room` pixels wide (a word longer than that
    alone on its line)."""
    out: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split(" "):
            cand = f"{cur} {word}" if cur else word
            if cur and draw.textlength(cand, font=font) > room:
                out.append(cur)
                cur = word
            else:
                cur = cand
        out.append(cur)
    return out


def _chat_screen(
    messages: Sequence[tuple[bool, str]],
    outgoing_is_resident: bool,
    contact: str,
    subtitle: str,
    day_chip: str,
    width: int,
    rng: random.Random,
) -> Image.Image:
    """A chat app's scrolling screenshot: the header, the day chip, the bubbles (outgoing right and green,
    with times and ticks), the wallpaper's doodles and the input bar. `messages`: (from the resident, text)."""
    k = width / 1080
    body, small = vfont(round(40 * k), "sans"), vfont(round(27 * k), "sans")
    probe = ImageDraw.Draw(Image.new("RGB", (4, 4)))
    lh, pad = round(52 * k), round(26 * k)
    room = 0.74 * width - 2 * pad
    hour, minute = rng.randint(7, 20), rng.randint(0, 50)
    laid: list[tuple[bool, list[str], str, float, int]] = []
    for resident, text in messages:
        lines = _wrap_px(probe, text, body, room)
        minute += rng.randint(0, 2)
        stamp = f"{hour + minute // 60:02d}.{minute % 60:02d}"
        widths = [probe.textlength(line, font=body) for line in lines]
        bw = max([*widths, probe.textlength(stamp, font=small) + 60 * k])
        bh = len(lines) * lh + round(40 * k) + pad
        laid.append((resident, lines, stamp, bw + 2 * pad, bh))
    top = round(250 * k)
    total = top + round(110 * k)
    prev: bool | None = None
    for resident, _, _, _, bh in laid:
        total += bh + round((10 if resident == prev else 26) * k)
        prev = resident
    height = max(total + round(170 * k), round(width * 2.05))
    img = Image.new("RGB", (width, height), _CHAT_WALL)
    d = ImageDraw.Draw(img)
    nrng = _noise(rng)
    for _ in range(int(height * width / 9000)):  # the wallpaper's doodles
        dx, dy = float(nrng.uniform(0, width)), float(nrng.uniform(top, height))
        r = float(nrng.uniform(6, 18)) * k
        shape = int(nrng.integers(0, 3))
        tone = (226, 220, 209)
        if shape == 0:
            d.ellipse((dx - r, dy - r, dx + r, dy + r), outline=tone, width=max(1, round(3 * k)))
        elif shape == 1:
            d.line((dx - r, dy, dx + r, dy - r), fill=tone, width=max(1, round(3 * k)))
        else:
            d.rectangle(
                (dx - r / 2, dy - r / 2, dx + r / 2, dy + r / 2), outline=tone, width=max(1, round(3 * k))
            )
    white = (255, 255, 255)
    d.rectangle((0, 0, width, round(80 * k)), fill=(0, 100, 84))
    d.text((round(40 * k), round(20 * k)), laid[-1][2], font=small, fill=white)
    d.text((width - round(150 * k), round(20 * k)), f"{rng.randint(15, 99)}%", font=small, fill=white)
    d.rectangle((0, round(80 * k), width, round(220 * k)), fill=_CHAT_GREEN)
    cy = round(150 * k)
    d.line((round(30 * k), cy, round(70 * k), cy - round(24 * k)), fill=white, width=round(5 * k))
    d.line((round(30 * k), cy, round(70 * k), cy + round(24 * k)), fill=white, width=round(5 * k))
    d.ellipse((round(90 * k), cy - round(44 * k), round(178 * k), cy + round(44 * k)), fill=(200, 210, 214))
    d.text((round(200 * k), cy - round(46 * k)), contact, font=vfont(round(44 * k), "sans", True), fill=white)
    d.text((round(200 * k), cy + round(8 * k)), subtitle, font=small, fill=(220, 240, 236))
    for i in range(3):
        d.ellipse((width - round(50 * k), cy - round((26 - 24 * i) * k), width - round(40 * k),
                   cy - round((16 - 24 * i) * k)), fill=white)  # fmt: skip
    chip_w = probe.textlength(day_chip, font=small) + 50 * k
    d.rounded_rectangle(((width - chip_w) / 2, top, (width + chip_w) / 2, top + round(56 * k)), round(14 * k),
                        fill=(225, 243, 251))  # fmt: skip
    d.text(((width - chip_w) / 2 + 25 * k, top + round(12 * k)), day_chip, font=small, fill=(60, 80, 90))
    y: float = top + round(100 * k)
    prev = None
    for resident, lines, stamp, bw, bh in laid:
        y += round((10 if resident == prev else 26) * k) if prev is not None else 0
        prev = resident
        outgoing = resident == outgoing_is_resident
        x = width - round(28 * k) - bw if outgoing else float(round(28 * k))
        d.rounded_rectangle((x, y, x + bw, y + bh), round(20 * k), fill=_CHAT_OUT if outgoing else _CHAT_IN)
        for j, line in enumerate(lines):
            d.text((x + pad, y + pad * 0.6 + j * lh), line, font=body, fill=_CHAT_TEXT)
        tx = x + bw - pad - probe.textlength(stamp, font=small) - (52 * k if outgoing else 0)
        ty = y + bh - round(44 * k)
        d.text((tx, ty), stamp, font=small, fill=_CHAT_TIME)
        if outgoing:  # the two ticks, read
            bx, by = x + bw - pad - 44 * k, ty + 18 * k
            for off in (0.0, 14 * k):
                d.line(((bx + off, by), (bx + off + 8 * k, by + 8 * k), (bx + off + 24 * k, by - 10 * k)),
                       fill=(83, 189, 235), width=max(2, round(3 * k)))  # fmt: skip
        y += bh
    d.rectangle((0, height - round(120 * k), width, height), fill=_CHAT_WALL)
    d.rounded_rectangle((round(20 * k), height - round(110 * k), width - round(140 * k), height - round(20 * k)),
                        round(45 * k), fill=white)  # fmt: skip
    d.text((round(70 * k), height - round(88 * k)), "Ketik pesan", font=body, fill=(140, 150, 155))
    d.ellipse((width - round(120 * k), height - round(112 * k), width - round(24 * k), height - round(16 * k)),
              fill=_CHAT_GREEN)  # fmt: skip
    return img


def ktp_obrolan_data(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A chat screenshot in which the resident sends the card's data: answers to questions, a filled copy of
    the officer's template, or a numbered list of bare values."""
    p = _apostrophe(p, rng, 0.15)
    typing = rng.choice(("lower", "caps", "title"))

    def typed(text: str) -> str:
        return text.lower() if typing == "lower" else text if typing == "caps" else _mixed(text)

    d = p.birth_date
    form = rng.choice(("dmy-dash", "dmy-slash", "words", "short"))
    if form == "words":
        month = _date(d, "long").split()[1]
        born = f"{d.day} {month.lower() if typing == 'lower' else month if typing == 'caps' else month.title()} {d.year}"
    elif form == "short":
        born = f"{d.day}-{d.month}-{d.year}"
    else:
        born = _date(d, form)
    village, district = _region(family.village_code), _region(family.district_code)
    regency, province = _region(family.regency_code), _region(family.province_code)
    ask_blood, ask_region = rng.random() < 0.6, rng.random() < 0.5
    rt_rw = f"{family.rt}/{family.rw}" if rng.random() < 0.6 else typed(f"RT {family.rt} RW {family.rw}")
    # (question, template label, answer)
    fields: list[tuple[str, str, str]] = [
        (rng.choice(("Nama lengkap sesuai KTP?", "Namanya siapa?")), "Nama Lengkap", typed(p.name)),
        (rng.choice(("NIK nya berapa?", "Nomor NIK?")), "NIK", p.nik),
        (rng.choice(("Tempat dan tanggal lahir?", "Tempat, tgl lahir?")), "Tempat/Tgl Lahir",
         f"{typed(p.place_of_birth)}, {born}"),
        ("Jenis kelamin?", "Jenis Kelamin", typed(_sex(p))),
    ]  # fmt: skip
    if ask_blood:
        fields.append(("Golongan darah?", "Gol. Darah", _blood(p)))
    fields += [
        (rng.choice(("Alamat sesuai KTP?", "Alamatnya?")), "Alamat", typed(family.address)),
        ("RT/RW?", "RT/RW", rt_rw),
        (rng.choice(("Kelurahan/desa?", "Desa/kelurahan nya?")), "Kel/Desa", typed(village)),
        ("Kecamatan?", "Kecamatan", typed(district)),
    ]
    if ask_region:
        fields += [
            ("Kabupaten/kota?", "Kab/Kota", typed(regency)),
            ("Provinsi?", "Provinsi", typed(province)),
        ]
    fields += [
        ("Agama?", "Agama", typed(p.religion)),
        ("Status perkawinan?", "Status Perkawinan", typed(p.marital_status)),
        (rng.choice(("Pekerjaan?", "Pekerjaan sesuai KTP?")), "Pekerjaan", typed(p.occupation)),
        ("Kewarganegaraan?", "Kewarganegaraan", typed(p.citizenship)),
    ]
    phone = f"08{rng.randint(11, 59)}{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"
    mode = rng.choice(("tanya", "format", "daftar"))
    polite = rng.choice(("pak", "bu", "kak", "min"))
    messages: list[tuple[bool, str]] = []
    if mode == "tanya":
        messages += [
            (False, rng.choice(("Selamat pagi, untuk pendaftaran mohon dikirim data sesuai KTP ya. Saya tanya satu-satu",
                                "Siang, saya bantu isikan formulirnya ya. Mohon dijawab sesuai KTP"))),
            (True, rng.choice((f"baik {polite}", "iya", "Siap", "ok"))),
        ]  # fmt: skip
        i = 0
        while i < len(fields):
            q, _, a = fields[i]
            nxt = fields[i + 1] if i + 1 < len(fields) else None
            if nxt and rng.random() < 0.22:  # two questions at once, two answers in one bubble
                messages += [
                    (
                        False,
                        f"{q[:-1]} dan {nxt[0] if nxt[0][1:2].isupper() else nxt[0][0].lower() + nxt[0][1:]}",
                    ),
                    (True, f"{a}\n{nxt[2]}"),
                ]
                i += 2
                continue
            messages += [(False, q), (True, a)]
            i += 1
        messages += [(False, "Baik, terima kasih. Data sudah kami terima."), (True, f"sama-sama {polite}")]
    else:
        colon = rng.choice((" : ", ": ", " :"))
        if mode == "format":
            template = [f"{label}{colon}".rstrip() for _, label, _ in fields] + [f"No. HP{colon}".rstrip()]
            messages.append((False, "Silakan isi format berikut sesuai KTP:\n\n" + "\n".join(template)))
            filled = [f"{label}{colon}{a}" for _, label, a in fields] + [f"No. HP{colon}{phone}"]
            messages.append((True, "\n".join(filled)))
        else:
            asks = [
                f"{i}. {q.rstrip('?').replace(' nya', '')}" for i, (q, _, _) in enumerate(fields, start=1)
            ]
            messages.append((False, "Mohon dikirim data berikut sesuai KTP:\n" + "\n".join(asks)))
            answers = [f"{i}. {a}" for i, (_, _, a) in enumerate(fields, start=1)]
            if rng.random() < 0.5:
                cut = len(answers) // 2
                messages += [(True, "\n".join(answers[:cut])), (True, "\n".join(answers[cut:]))]
            else:
                messages.append((True, "\n".join(answers)))
        messages.append(
            (False, rng.choice(("Baik, sudah kami terima. Terima kasih.", "Ok terima kasih, kami proses ya")))
        )
    officer_phone = rng.random() < 0.5
    if officer_phone:
        first = _mixed(p.name).split()
        contact = rng.choice((" ".join(first[:2]), f"{'Pak' if p.sex == 'M' else 'Bu'} {first[-1]}",
                              f"+62 8{rng.randint(11, 59)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"))  # fmt: skip
    else:
        contact = rng.choice((f"Admin Dukcapil {_mixed(_issue_place(family))}", f"Pelayanan Desa {_mixed(village)}",
                              f"Operator Kec. {_mixed(district)}", f"Pak RT {family.rt}"))  # fmt: skip
    subtitle = rng.choice(
        ("online", f"terakhir dilihat hari ini pukul {rng.randint(7, 20):02d}.{rng.randint(0, 59):02d}")
    )
    day_chip = rng.choice(
        ("Hari ini", "Kemarin", _date(_after(family.issue_date, rng, 30, 900), "long-title"))
    )
    width = rng.choice((1080, 720, 1080))
    img = _chat_screen(messages, not officer_phone, contact, subtitle, day_chip, width, rng)
    extra = {"regency": regency, "province": province} if ask_region else {}
    truth = _ktp_truth(family, p, **extra)
    if not ask_blood:
        del truth["blood_type"]
    return RenderedDocument("ktp", img, truth, layout="ktp-obrolan-data")


# --- KTP-el: a power of attorney quoting two people's cards ------------------------------------------------------

_NEIGHBOURS = (
    ("SUPRIYADI", "M"), ("AHMAD MUHAIMIN", "M"), ("SITI KHOIRIYAH", "F"), ("DEWI LESTARI", "F"),
    ("HENDRO WIBOWO", "M"), ("YULIANA SIREGAR", "F"), ("I GEDE ARTAWAN", "M"), ("NURHAYATI", "F"),
)  # fmt: skip
_STREETS = ("JL. MELATI", "JL. KENANGA", "JL. SUDIRMAN", "JL. DIPONEGORO", "GG. MAWAR", "JL. PERINTIS")
_ATTORNEY_JOBS = ("WIRASWASTA", "KARYAWAN SWASTA", "PEDAGANG", "MENGURUS RUMAH TANGGA", "GURU")
_ERRANDS = (
    "mengambil KTP-el atas nama Pemberi Kuasa yang telah selesai dicetak",
    "mengurus penggantian KTP-el atas nama Pemberi Kuasa yang rusak",
    "mengurus perubahan data Kartu Keluarga Pemberi Kuasa",
    "mengurus dan mengambil Kutipan Akta Kelahiran anak Pemberi Kuasa",
    "mengurus Surat Keterangan Pindah atas nama Pemberi Kuasa",
)


def _party(family: Family, who: Person | None, rng: random.Random, style: str) -> dict[str, str]:
    """A person's card data as a letter quotes it: `who` from the family card, or a neighbour made up (their
    NIK agreeing with the birth date and sex)."""
    if who is not None:
        return {
            "name": who.name, "nik": who.nik, "place": who.place_of_birth, "born": _date(who.birth_date, style),
            "sex": _sex(who), "religion": who.religion, "marital": who.marital_status,
            "occupation": who.occupation, "citizenship": who.citizenship, "address": family.address,
            "rt": family.rt, "rw": family.rw,
        }  # fmt: skip
    name, sex = rng.choice(_NEIGHBOURS)
    born = date(rng.randint(1962, 2001), rng.randint(1, 12), rng.randint(1, 28))
    return {
        "name": name, "nik": _someone_nik(family, rng, born, sex == "F"),
        "place": family.members[0].place_of_birth, "born": _date(born, style),
        "sex": "LAKI-LAKI" if sex == "M" else "PEREMPUAN", "religion": family.members[0].religion,
        "marital": "KAWIN", "occupation": rng.choice(_ATTORNEY_JOBS), "citizenship": "WNI",
        "address": f"{rng.choice(_STREETS)} NO. {rng.randint(1, 120)}", "rt": f"{rng.randint(1, 12):03d}",
        "rw": family.rw,
    }  # fmt: skip


def ktp_surat_kuasa(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A power of attorney: the grantor's and the attorney's card data under the same labels, stacked or side
    by side, the errand, two signatures and a revenue stamp."""
    p = _apostrophe(p, rng, 0.15)
    others = [m for m in family.members if m is not p and m.age_on(date(2026, 11, 1)) >= 17]
    style = rng.choice(("dmy-dash", "long-title", "dmy-slash", "long"))
    grantor = _party(family, p, rng, style)
    attorney = _party(family, rng.choice(others) if others and rng.random() < 0.75 else None, rng, style)
    caps = rng.random() < 0.6
    w, h = (595.0, 842.0) if rng.random() < 0.6 else (609.4, 935.4)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(_LETTER_FACES)
    face, bold = faces
    m = rng.uniform(54, 68)
    x0, x1 = m, w - m
    side = rng.random() < 0.35
    run_on = rng.random() < 0.3
    shown = {key: rng.random() < 0.5 for key in ("religion", "marital", "citizenship")}
    kel = _is_kelurahan(family)
    village, district = _region(family.village_code), _region(family.district_code)
    regency, province = _region(family.regency_code), _region(family.province_code)
    name_label = rng.choice(("Nama", "Nama Lengkap"))
    nik_label = rng.choice(("NIK", "No. KTP/NIK", "Nomor Induk Kependudukan"))
    born_label = rng.choice(("Tempat/Tgl. Lahir", "Tempat, Tanggal Lahir", "Tempat/Tanggal Lahir"))

    def val(text: str) -> str:
        return _cased(text, caps)

    def items(q: dict[str, str]) -> list[tuple[str, str, bool]]:
        """(label, value, indented)"""
        out = [(name_label, q["name"], False), (nik_label, q["nik"], False),
               (born_label, f"{val(q['place'])}, {q['born']}", False), ("Jenis Kelamin", val(q["sex"]), False)]  # fmt: skip
        if shown["religion"]:
            out.append(("Agama", val(q["religion"]), False))
        if shown["marital"]:
            out.append(("Status Perkawinan", val(q["marital"]), False))
        out.append(("Pekerjaan", val(q["occupation"]), False))
        if shown["citizenship"]:
            out.append(("Kewarganegaraan", q["citizenship"], False))
        if run_on:
            unit = "Kel." if kel else "Desa"
            out.append(("Alamat", f"{val(q['address'])} RT {q['rt']} RW {q['rw']} {unit} {val(village)} Kec. "
                                  f"{val(district)} {val(regency)} Prov. {val(province)}", False))  # fmt: skip
        else:
            out += [("Alamat", val(q["address"]), False), ("RT/RW", f"{q['rt']}/{q['rw']}", True),
                    ("Kel/Desa", val(village), True), ("Kecamatan", val(district), True),
                    ("Kabupaten/Kota", val(regency), True), ("Provinsi", val(province), True)]  # fmt: skip
        return out

    size = rng.uniform(10.2, 11.2)
    step = size * rng.uniform(1.65, 1.85)

    def block(x: float, y: float, right: float, colon: float, q: dict[str, str]) -> float:
        for label, value, indented in items(q):
            s.text(
                x + (12 if indented else 0),
                y,
                label,
                size,
                face,
                max_w=colon - x - 4 - (12 if indented else 0),
            )
            s.text(colon, y, ":", size, face)
            vf = bold if label == name_label else face
            lines = _split(s, value, size, vf, right - colon - 8)
            for j, line in enumerate(lines):
                s.text(colon + 7, y + j * (size + 2.5), line, size, vf, max_w=right - colon - 8)
            y += step + (len(lines) - 1) * (size + 2.5)
        return y

    y = m + 8
    s.centre(y, "SURAT KUASA", 15, bold)
    tw = s.width("SURAT KUASA", 15, bold)
    s.line((w - tw) / 2, y + 15, (w + tw) / 2, y + 15, 0.8)
    y += 42
    s.text(x0, y, "Yang bertanda tangan di bawah ini:", size, face)
    y += step + 4
    if side:
        mid = (x0 + x1) / 2
        colw = mid - x0 - 10
        for x, title in ((x0, "PEMBERI KUASA"), (mid + 10, "PENERIMA KUASA")):
            s.text(x, y, title, size, bold)
            s.line(x, y + size + 2, x + s.width(title, size, bold), y + size + 2, 0.6)
        yy = y + step + 4
        colon = x0 + colw * 0.4
        ya = block(x0, yy, mid - 6, colon, grantor)
        yb = block(mid + 10, yy, x1, mid + 10 + colw * 0.4, attorney)
        y = max(ya, yb) + 6
        y = _justified(s, x0, y, x1 - x0, [("Dengan surat ini PEMBERI KUASA memberikan kuasa kepada PENERIMA "
                                             "KUASA tersebut di atas.", face)], size, size * 1.6)  # fmt: skip
    else:
        colon = x0 + rng.uniform(128, 150)
        y = block(x0 + 14, y, x1, colon, grantor)
        s.text(x0, y + 2, "Selanjutnya disebut sebagai PEMBERI KUASA.", size, face)
        y += step + 8
        s.text(
            x0, y, rng.choice(("Dengan ini memberikan kuasa kepada:", "Memberi kuasa kepada:")), size, face
        )
        y += step + 4
        y = block(x0 + 14, y, x1, colon, attorney)
        s.text(x0, y + 2, "Selanjutnya disebut sebagai PENERIMA KUASA.", size, face)
        y += step + 6
    s.centre(y + 4, "K H U S U S", size + 0.5, bold)
    y += step + 12
    office = f"Dinas Kependudukan dan Pencatatan Sipil {_mixed(regency)}"
    errand = rng.choice(_ERRANDS)
    y = _justified(s, x0, y, x1 - x0, [(f"Untuk {errand} di {office}, serta melakukan segala tindakan yang "
                                         "diperlukan untuk keperluan tersebut.", face)], size, size * 1.6, indent=24)  # fmt: skip
    y = _justified(s, x0, y + 4, x1 - x0, [("Demikian surat kuasa ini dibuat dengan sebenarnya untuk dapat "
                                             "dipergunakan sebagaimana mestinya.", face)], size, size * 1.6, indent=24)  # fmt: skip
    written = _after(family.issue_date, rng, 30, 1500)
    rx = x0 + (x1 - x0) * 0.58
    s.text(
        rx,
        y + 16,
        f"{_mixed(_issue_place(family))}, {_date(written, 'long-title')}",
        size,
        face,
        max_w=x1 - rx,
    )
    sy = y + 16 + step
    s.text(x0 + 10, sy, "Penerima Kuasa,", size, face)
    s.text(rx, sy, "Pemberi Kuasa,", size, face)
    mx, my = rx + 6, sy + 16
    s.rect(mx, my, 50, 30, 0.6, 0.35)
    s.text(mx + 4, my + 4, "METERAI", 5.6, bold, grey=0.35)
    s.text(mx + 4, my + 11, "TEMPEL", 5.6, bold, grey=0.35)
    s.text(mx + 4, my + 20, "10000", 7.5, bold, grey=0.35)
    s.text(x0 + 10, sy + 64, f"( {attorney['name']} )", size, bold, max_w=rx - x0 - 20)
    s.text(rx, sy + 64, f"( {grantor['name']} )", size, bold, max_w=x1 - rx)
    dpi = rng.uniform(180, 205)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.signature((x0 + 20) * k, (sy + 22) * k, 90 * k, 28 * k)
    pg.signature((rx + 16) * k, (sy + 18) * k, 100 * k, 32 * k)
    page = _paper(pg.img, rng.randint(242, 252))
    extra = {"regency": regency, "province": province}
    truth = _ktp_truth(family, p, **extra)
    del truth["blood_type"]
    for key, field in (
        ("religion", "religion"),
        ("marital", "marital_status"),
        ("citizenship", "citizenship"),
    ):
        if not shown[key]:
            del truth[field]
    return RenderedDocument("ktp", page, truth, layout="ktp-surat-kuasa")


# --- SKPWNI: the two pages scanned in reverse order -----------------------------------------------------------

_STATUS_STAYING = (
    "NUMPANG KK",
    "MEMBUAT KK BARU",
    "TIDAK ADA ANGGOTA KELUARGA YANG DITINGGAL",
    "NOMOR KK TETAP",
)
_STATUS_MOVING = ("NUMPANG KK", "MEMBUAT KK BARU", "NOMOR KK TETAP")


def skpwni_halaman_terbalik(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The two-page certificate scanned face down: page 2 (destination, members, signature) above page 1
    (letterhead, origin, move), each askew on its own."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    number = _skpwni_number(origin, serial)
    pw, ph = (595.0, 842.0) if rng.random() < 0.6 else (609.4, 935.4)
    faces: Faces = rng.choice(_LETTER_FACES)
    face, bold = faces
    caps = rng.random() < 0.55
    leaders = rng.random() < 0.5
    numbered = rng.random() < 0.6
    split_rtrw = rng.random() < 0.4
    members_first = rng.random() < 0.45
    m = rng.uniform(50, 62)
    size = rng.uniform(10.2, 11.2)
    step = size + rng.uniform(6, 8)
    colon = m + rng.uniform(175, 200)
    regency = _region(origin.regency_code)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    count = 0

    def val(text: str) -> str:
        return _cased(text, caps)

    def item(s: PdfSheet, y: float, label: str, value: str) -> float:
        nonlocal count
        x = m + 10
        if numbered:
            count += 1
            s.text(x, y, f"{count}.", size, face)
            x += 22
        s.text(x, y, label, size, face, max_w=colon - x - 6)
        if leaders:
            end = x + min(s.width(label, size, face), colon - x - 6)
            s.line(end + 3, y + size * 0.72, colon - 4, y + size * 0.72, 0.7, 0.2, dash="0.6 2.2")
        s.text(colon, y, ":", size, face)
        lines = _split(s, value, size, face, pw - m - colon - 10)
        for j, line in enumerate(lines):
            s.text(colon + 8, y + j * (size + 3), line, size, face, max_w=pw - m - colon - 10)
        return y + step + (len(lines) - 1) * (size + 3)

    def section(s: PdfSheet, y: float, title: str) -> float:
        s.text(m, y, title, size + 0.5, bold)
        return y + step + 3

    def address(s: PdfSheet, y: float, fam: Family) -> float:
        y = item(s, y, rng_words["alamat"], val(fam.address))
        if split_rtrw:
            y = item(s, y, "RT", fam.rt)
            y = item(s, y, "RW", fam.rw)
        else:
            y = item(s, y, "RT/RW", f"{fam.rt}/{fam.rw}")
        y = item(s, y, rng_words["desa"], val(_region(fam.village_code)))
        y = item(s, y, "Kecamatan", val(_region(fam.district_code)))
        y = item(s, y, "Kabupaten/Kota", val(_region(fam.regency_code)))
        y = item(s, y, "Provinsi", val(_region(fam.province_code)))
        return item(s, y, "Kode Pos", fam.postal_code)

    rng_words = {
        "alamat": rng.choice(("Alamat", "Jalan/Alamat")),
        "desa": rng.choice(("Desa/Kelurahan", "Kelurahan/Desa")),
    }
    # page 1
    p1 = PdfSheet(pw, ph)
    y = _kop(p1, regency, rng, faces, m, pw - m, m)
    p1.centre(y + 8, rng.choice(("SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA")),
              13.5, bold)  # fmt: skip
    p1.centre(y + 26, "Nomor : " + number, 11, face)
    y = section(p1, y + 56, "DATA DAERAH ASAL")
    y = item(p1, y, rng.choice(("Nomor Kartu Keluarga", "No. KK")), origin.kk_number)
    y = item(p1, y, "Nama Kepala Keluarga", val(origin.head.name))
    y = address(p1, y, origin)
    y = item(p1, y, rng.choice(("NIK Pemohon", "NIK")), p.nik)
    y = item(p1, y, rng.choice(("Nama Lengkap", "Nama Pemohon")), val(p.name))
    y = section(p1, y + 8, "DATA KEPINDAHAN")
    y = item(p1, y, "Alasan Pindah", _choice_text("reason", mv.reason, rng))
    y = item(p1, y, "Klasifikasi Pindah", _choice_text("class", cls, rng))
    y = item(p1, y, "Jenis Kepindahan", _choice_text("type", mv.kind, rng))
    y = item(p1, y, "Status KK Bagi Yang Tidak Pindah", val(rng.choice(_STATUS_STAYING)).replace("Kk", "KK"))
    y = item(p1, y, "Status KK Bagi Yang Pindah", val(rng.choice(_STATUS_MOVING)).replace("Kk", "KK"))
    y = item(p1, y, rng.choice(("Rencana Tanggal Pindah", "Tanggal Pindah")),
             _date(mv.day, rng.choice(("dmy-dash", "long-title", "long", "dmy-slash"))))  # fmt: skip
    p1.text(m, ph - m + 6, rng.choice(("bersambung ke halaman 2", "bersambung ...")), 8.5, face, grey=0.3)
    p1.right(pw - m, ph - m + 6, "Halaman 1 dari 2", 8.5, face)
    # page 2
    p2 = PdfSheet(pw, ph)
    p2.text(m, m - 14, f"Lanjutan SKPWNI Nomor : {number}", 9, face, grey=0.2)
    p2.line(m, m, pw - m, m, 0.5)
    y = m + 18

    def members(y: float) -> float:
        title = rng_members
        p2.text(m, y, title, size + 0.5, bold)
        return _members_table(p2, m, pw - m, y + step, movers, faces, size - 1.5) + 24

    rng_members = rng.choice(
        ("KELUARGA YANG PINDAH", "ANGGOTA KELUARGA YANG PINDAH", "DAFTAR KELUARGA YANG PINDAH")
    )
    if members_first:
        y = members(y)
        y = address(p2, section(p2, y, "DATA DAERAH TUJUAN"), dest)
    else:
        y = address(p2, section(p2, y, "DATA DAERAH TUJUAN"), dest)
        y = members(y + 10)
    bx = pw * 0.54
    issued = f"{_mixed(_issue_place(origin))}, {_date(origin.issue_date, rng.choice(('long-title', 'long')))}"
    p2.text(bx, y + 10, issued, size, face, max_w=pw - m - bx)
    p2.text(bx, y + 10 + step, rng.choice(("KEPALA DINAS", "a.n. KEPALA DINAS")), size, bold)
    p2.text(
        bx, y + 10 + 2 * step - 2, "KEPENDUDUKAN DAN PENCATATAN SIPIL", size - 1.5, bold, max_w=pw - m - bx
    )
    p2.text(bx, y + 2 * step + 78, rng.choice(_OFFICIALS), size, bold, max_w=pw - m - bx)
    p2.text(bx, y + 3 * step + 76, "NIP. " + _nip(rng), size - 1, face)
    if rng.random() < 0.5:
        p2.qr(m, y + 16, 66, f"SKPWNI/{number}/{_token(rng, 12)}")
    p2.right(pw - m, ph - m + 6, "Halaman 2 dari 2", 8.5, face)
    dpi = rng.uniform(160, 185)
    k = dpi / 72
    pg2 = _page_of(p2.render(dpi), rng)
    _dinas_ink(pg2, k, bx, y + 2 * step + 22, _issue_place(origin), rng)
    tone = rng.randint(240, 252)
    sheets = [_askew(_paper(pg.img, tone), rng, 1.3, tone) for pg in (pg2, _page_of(p1.render(dpi), rng))]
    page = _stack(sheets, rng.randint(16, 48), rng.choice((255, 200, 90)))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-halaman-terbalik")


# --- SKPWNI: three captures of one application window, a different tab active in each ---------------------------

_APPS = ("SIAK - Pelayanan Pindah Datang", "Aplikasi Pelayanan Pindah WNI", "SIAK Terpusat :: Mutasi Pindah",
         "Sistem Informasi Administrasi Kependudukan - Pindah")  # fmt: skip
_MENUS = ("File", "Pendaftaran", "Pindah Datang", "Cetak", "Laporan", "Bantuan")


def skpwni_tab_aplikasi(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Three screenshots of a desktop application window stacked: the same applicant group in each, a tab
    control showing the origin, the move and the destination (with the family grid) in turn."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    number = _skpwni_number(origin, serial)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    sc = rng.choice((1.0, 1.25))

    def px(v: float) -> int:
        return round(v * sc)

    fs = px(rng.choice((13, 14)))
    f, fb = vfont(fs, "sans"), vfont(fs, "sans", True)
    rh, bh = round(fs * 2.15), round(fs * 1.75)
    win_w = px(rng.choice((1040, 1120)))
    accent: Rgb = rng.choice(((0, 84, 147), (38, 70, 120), (60, 60, 66), (0, 110, 90)))
    app = rng.choice(_APPS)
    date_fmt = rng.choice(("dmy-slash", "dmy-dash", "weekday"))
    province_first = rng.random() < 0.6
    number_in_head = rng.random() < 0.5
    labels_right = rng.random() < 0.5
    tab_names = rng.choice((("Data Asal", "Data Kepindahan", "Data Tujuan"),
                            ("Daerah Asal", "Kepindahan", "Daerah Tujuan & Anggota"),
                            ("1. Asal", "2. Data Pindah", "3. Tujuan")))  # fmt: skip
    probe = ImageDraw.Draw(Image.new("RGB", (4, 4)))

    def choice(kind: str, index: int) -> str:
        return _choice_text(kind, index, rng)

    def where(fam: Family) -> list[tuple[str, str, str, int]]:
        """(label, value, kind, box width) rows; "RT" carries RT and RW on one row."""
        levels = [
            ("Provinsi", _region(fam.province_code)),
            ("Kabupaten/Kota", _region(fam.regency_code)),
            ("Kecamatan", _region(fam.district_code)),
            (rng_desa, _region(fam.village_code)),
        ]
        if not province_first:
            levels.reverse()
        return [
            ("Alamat", fam.address, "text", px(430)),
            ("RT", f"{fam.rt}|{fam.rw}", "rtrw", px(60)),
            *[(label, value, "combo", px(300)) for label, value in levels],
            ("Kode Pos", fam.postal_code, "text", px(90)),
        ]

    rng_desa = rng.choice(("Desa/Kelurahan", "Kelurahan/Desa"))
    staying, moving = rng.choice(_STATUS_STAYING), rng.choice(_STATUS_MOVING)
    move_day = _date(mv.day, date_fmt)
    tabs: list[list[tuple[str, str, str, int]]] = [
        [("Nama Kepala Keluarga", origin.head.name, "text", px(360)), *where(origin),
         ("Telepon", rng.choice(("-", f"08{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}")), "text", px(180))],
        [("Alasan Pindah", choice("reason", mv.reason), "combo", px(360)),
         ("Klasifikasi Pindah", choice("class", cls), "combo", px(360)),
         ("Jenis Kepindahan", choice("type", mv.kind), "combo", px(430)),
         ("Status KK Bagi Yang Tidak Pindah", staying, "combo", px(430)),
         ("Status KK Bagi Yang Pindah", moving, "combo", px(300)),
         ("Rencana Tanggal Pindah", move_day, "date", px(220))],
        where(dest),
    ]  # fmt: skip
    if not number_in_head:
        tabs[1] += [("Nomor SKPWNI", number, "text", px(330)),
                    ("Tanggal Terbit", _date(origin.issue_date, date_fmt), "date", px(220))]  # fmt: skip
    label_w = max(probe.textlength(label, font=f) for rows in tabs for label, *_ in rows) + px(24)
    grid_rows = origin.members
    cols = (("", px(30)), ("No", px(38)), ("NIK", px(170)), ("Nama Lengkap", px(330)), ("SHDK", px(200)))
    panel_h = max(len(rows) for rows in tabs) * rh + px(30)
    panel_h = max(panel_h, len(tabs[2]) * rh + px(40) + (len(grid_rows) + 1) * px(26) + px(30))
    title_h, menu_h, status_h = px(30), px(24), px(24)
    group_h = px(30) + rh * (2 if number_in_head else 1)
    tab_h = px(28)
    win_h = title_h + menu_h + px(10) + group_h + px(14) + tab_h + panel_h + px(50) + status_h
    user = rng.choice(("operator_kec", "admin.dinas", f"opr{rng.randint(1, 30):02d}", "petugas1"))
    stamp = f"{_date(_after(origin.issue_date, rng, 0, 2), 'dmy-slash')} {rng.randint(8, 15):02d}:{rng.randint(0, 59):02d}"
    head_fields = [
        ("NIK", p.nik, px(190)),
        ("Nama Lengkap", p.name, px(300)),
        ("No. KK", origin.kk_number, px(190)),
    ]

    def box(d: ImageDraw.ImageDraw, x: float, y: float, wd: float, text: str, kind: str = "text") -> None:
        d.rectangle((x, y, x + wd, y + bh), fill=(242, 242, 242), outline=(130, 130, 130))
        room = wd - px(10) - (bh if kind != "text" else 0)
        font = f
        size = fs
        while probe.textlength(text, font=font) > room and size > 9:
            size -= 1
            font = vfont(size, "sans")
        d.text((x + px(5), y + (bh - fs) / 2 - 1), text, font=font, fill=(20, 20, 20))
        if kind == "combo":
            bx = x + wd - bh
            d.rectangle((bx, y + 1, x + wd - 1, y + bh - 1), fill=(225, 225, 225))
            cx, cy = bx + bh / 2, y + bh / 2
            d.polygon(
                [(cx - px(4), cy - px(2)), (cx + px(4), cy - px(2)), (cx, cy + px(3))], fill=(60, 60, 60)
            )
        elif kind == "date":
            bx = x + wd - bh
            d.rectangle((bx + px(4), y + px(5), x + wd - px(4), y + bh - px(5)), outline=(90, 90, 90))
            d.line((bx + px(4), y + px(9), x + wd - px(4), y + px(9)), fill=(90, 90, 90))

    def label(d: ImageDraw.ImageDraw, x: float, y: float, text: str, room: float) -> None:
        tx = x + room - px(10) - probe.textlength(text, font=f) if labels_right else x
        d.text((tx, y + (bh - fs) / 2 - 1), text, font=f, fill=(20, 20, 20))

    def capture(active: int) -> Image.Image:
        img = Image.new("RGB", (win_w, win_h), (240, 240, 240))
        d = ImageDraw.Draw(img)
        d.rectangle((0, 0, win_w, title_h), fill=accent)
        d.rectangle((px(8), px(8), px(22), px(22)), fill=(250, 200, 60))
        d.text((px(30), (title_h - fs) / 2 - 1), app, font=f, fill=(255, 255, 255))
        for i, glyph in enumerate(("x", "[]", "_")):
            d.text(
                (win_w - px(30) - i * px(40), (title_h - fs) / 2 - 2), glyph, font=fb, fill=(255, 255, 255)
            )
        y: float = title_h
        d.rectangle((0, y, win_w, y + menu_h), fill=(250, 250, 250))
        x: float = px(10)
        for item in _MENUS:
            d.text((x, y + (menu_h - fs) / 2 - 1), item, font=f, fill=(20, 20, 20))
            x += round(probe.textlength(item, font=f)) + px(22)
        y += menu_h + px(10)
        d.rectangle((px(10), y + px(8), win_w - px(10), y + group_h), outline=(170, 170, 170))
        cap = "Data Pemohon"
        d.rectangle((px(20), y, px(28) + probe.textlength(cap, font=fb), y + px(16)), fill=(240, 240, 240))
        d.text((px(24), y), cap, font=fb, fill=(0, 60, 140))
        gy = y + px(24)
        x = px(22)
        for name, value, wd in head_fields:
            d.text((x, gy + (bh - fs) / 2 - 1), name, font=f, fill=(20, 20, 20))
            x += round(probe.textlength(name, font=f)) + px(10)
            box(d, x, gy, wd, value)
            x += wd + px(24)
        if number_in_head:
            gy += rh
            x = px(22)
            for name, value, wd, kind in (("No. SKPWNI", number, px(330), "text"),
                                          ("Tanggal", _date(origin.issue_date, date_fmt), px(220), "date")):  # fmt: skip
                d.text((x, gy + (bh - fs) / 2 - 1), name, font=f, fill=(20, 20, 20))
                x += round(probe.textlength(name, font=f)) + px(10)
                box(d, x, gy, wd, value, kind)
                x += wd + px(24)
        y += group_h + px(14)
        x = px(12)
        tab_x: list[tuple[float, float]] = []
        for i, name in enumerate(tab_names):
            tw = probe.textlength(name, font=fb) + px(28)
            tab_x.append((x, x + tw))
            top = y if i == active else y + px(4)
            d.rectangle((x, top, x + tw, y + tab_h), fill=(255, 255, 255) if i == active else (222, 222, 222),
                        outline=(150, 150, 150))  # fmt: skip
            d.text(
                (x + px(14), top + (tab_h - fs) / 2 - 1),
                name,
                font=fb if i == active else f,
                fill=(20, 20, 20),
            )
            x += tw + px(2)
        py = y + tab_h
        d.rectangle((px(10), py, win_w - px(10), py + panel_h), fill=(255, 255, 255), outline=(150, 150, 150))
        a, b = tab_x[active]
        d.line((a + 1, py, b - 1, py), fill=(255, 255, 255), width=2)
        ry = py + px(18)
        for name, value, kind, wd in tabs[active]:
            label(d, px(26), ry, name, label_w)
            bx = px(26) + label_w
            if kind == "rtrw":
                rt, rw = value.split("|")
                box(d, bx, ry, wd, rt)
                lx = bx + wd + px(20)
                d.text((lx, ry + (bh - fs) / 2 - 1), "RW", font=f, fill=(20, 20, 20))
                box(d, lx + probe.textlength("RW", font=f) + px(10), ry, wd, rw)
            else:
                box(d, bx, ry, wd, value, kind)
            ry += rh
        if active == 2:  # the family, a tick for each member who moves
            ry += px(12)
            d.text((px(26), ry), rng_grid_title, font=fb, fill=(20, 20, 20))
            ry += px(24)
            gx = px(26)
            row = px(26)
            total_w = sum(wd for _, wd in cols)
            d.rectangle((gx, ry, gx + total_w, ry + row), fill=(228, 232, 238))
            cx = gx
            for name, wd in cols:
                d.text((cx + px(6), ry + (row - fs) / 2 - 1), name, font=fb, fill=(20, 20, 20))
                cx += wd
            for r, member in enumerate(grid_rows, start=1):
                yy = ry + r * row
                cells = ("", str(r), member.nik, member.name, member.relationship)
                cx = gx
                for (_, wd), text in zip(cols, cells, strict=True):
                    d.text((cx + px(6), yy + (row - fs) / 2 - 1), text, font=f, fill=(20, 20, 20))
                    cx += wd
                cb = gx + px(8)
                d.rectangle(
                    (cb, yy + px(6), cb + px(14), yy + px(20)), fill=(255, 255, 255), outline=(90, 90, 90)
                )
                if any(mv_.nik == member.nik for mv_ in movers):
                    d.line(((cb + px(3), yy + px(13)), (cb + px(6), yy + px(17)), (cb + px(12), yy + px(8))),
                           fill=(20, 20, 20), width=max(2, px(2)))  # fmt: skip
            for r in range(len(grid_rows) + 2):
                d.line((gx, ry + r * row, gx + total_w, ry + r * row), fill=(190, 190, 190))
            cx = gx
            for _, wd in cols:
                d.line((cx, ry, cx, ry + (len(grid_rows) + 1) * row), fill=(190, 190, 190))
                cx += wd
            d.line((cx, ry, cx, ry + (len(grid_rows) + 1) * row), fill=(190, 190, 190))
        by = py + panel_h + px(12)
        x = float(win_w - px(12))
        for name in ("Tutup", "Cetak SKPWNI", "Simpan"):
            bw_ = probe.textlength(name, font=f) + px(30)
            d.rectangle((x - bw_, by, x, by + px(28)), fill=(229, 229, 229), outline=(120, 120, 120))
            d.text((x - bw_ + px(15), by + (px(28) - fs) / 2 - 1), name, font=f, fill=(20, 20, 20))
            x -= bw_ + px(10)
        sy = win_h - status_h
        d.rectangle((0, sy, win_w, win_h), fill=(228, 228, 228))
        d.text((px(10), sy + (status_h - fs) / 2 - 1), f"User: {user}   |   {stamp}   |   Siap", font=f,
               fill=(50, 50, 50))  # fmt: skip
        d.rectangle((0, 0, win_w - 1, win_h - 1), outline=(90, 90, 90))
        return img

    rng_grid_title = rng.choice(
        ("Anggota Keluarga", "Anggota Keluarga Yang Pindah (centang)", "Daftar Anggota KK")
    )
    gap, margin = rng.randint(18, 40), rng.randint(16, 36)
    shots = [capture(i) for i in range(3)]
    page = Image.new("RGB", (win_w + 2 * margin, 3 * win_h + 2 * gap + 2 * margin), (255, 255, 255))
    for i, shot in enumerate(shots):
        page.paste(shot, (margin, margin + i * (win_h + gap)))
    arr = np.asarray(page, np.float32)
    arr = arr + _noise(rng).normal(0, 0.8, arr.shape).astype(np.float32)
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-tab-aplikasi")


ROUND16: dict[str, dict[str, Callable[..., RenderedDocument]]] = {
    "kk": {"kk-susunan-prosa": kk_susunan_prosa, "kk-aplikasi-keluarga": kk_aplikasi_keluarga},
    "akta": {"akta-catatan-pinggir": akta_catatan_pinggir, "akta-verifikasi-qr": akta_verifikasi_qr},
    "ktp": {"ktp-obrolan-data": ktp_obrolan_data, "ktp-surat-kuasa": ktp_surat_kuasa},
    "skpwni": {
        "skpwni-halaman-terbalik": skpwni_halaman_terbalik,
        "skpwni-tab-aplikasi": skpwni_tab_aplikasi,
    },
}
