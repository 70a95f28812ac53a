"""A fifteenth round of variety layouts (issue 18), written blind (before and without looking at the
extractor), two per type. Like rounds 10-14 it is a HELD-OUT SET of pages whose STRUCTURE (how a label and
its value sit on the page, and what else shares the page) no older layout has, so that it estimates how the
extractor does on forms it was never shown. Each layout is a family of pages: field order, label wording,
date form, face, sizes and margins are drawn from the rng.

- KK, `kk-kertas-kontinu`: the KK as a kecamatan's SIAK report printed on CONTINUOUS-FEED (tractor) paper by
  an impact printer: NOTHING PRE-PRINTED, the whole page one monospaced text report of fixed-width lines:
  a running head (office, print date, "HAL : 1"), rules of "=" and "-" characters, the header as
  ABBREVIATED LABELS ("NO. KK", "NAMA KK", "DESA/KEL", "KEC.", "KAB/KOTA", "PROP.", "KD. POS") with their
  values in a FIXED CHARACTER COLUMN, two header columns padded with spaces, the members as two text tables
  whose columns are space-padded to the form's fixed widths (a long value continued on the next text line
  in its own column), abbreviated column titles ("JK", "TGL LHR", "GD", "SHDK", "KWN"), the sex as LK/PR or
  in full; sprocket holes and perforations down both margins, GREEN-BAR bands behind the lines, a ribbon
  that fades, a wet signature and the Dinas's stamp.
- KK, `kk-lembar-kerja`: a SCREENSHOT OF A SPREADSHEET application (Excel or LibreOffice Calc look) in which
  a village operator keeps the family's data: title bar with the workbook's name, the ribbon's tabs, the
  NAME BOX AND FORMULA BAR echoing the selected cell, COLUMN LETTERS and ROW NUMBERS, light gridlines; the
  header as label cells with the values in the next column (no colons, text overflowing into empty cells,
  RT and RW in cells of their own), then ALL SEVENTEEN MEMBER ITEMS IN ONE WIDE TABLE (one row a member,
  bold shaded title row, borders, autofit widths), the selected cell's outline, sheet tabs and the status
  bar. Dates as the sheet shows them.
- Akta kelahiran, `akta-tulisan-halus`: an OLD KUTIPAN BLANKO (1970s-90s: the phrases printed in a serif face,
  each blank a dotted line to the margin) whose values the civil-registry clerk WROTE IN CURSIVE, MIXED CASE
  ("Budi Santoso", "Sleman", "tujuh Mei seribu sembilan ratus ...") in fountain-pen or ballpoint ink over
  the dots, the register number in the same hand; the sex chosen by STRIKING OUT THE WRONG OPTION printed on
  the blanko ("laki-laki/perempuan *)" with "*) coret yang tidak perlu" in the foot), the issue place and
  date in the same hand, signature and stamp, yellowed paper. No NIK (before the NIK era).
- Akta kelahiran, `akta-map-terbuka`: a flatbed scan of a DOCUMENT FOLDER LYING OPEN (A3): two A4 sheets in
  clear sleeves left and right of the SPINE'S SHADOW (a dark band fading both ways, the sleeves' sheen): the
  birth certificate on one side and the parents' KUTIPAN AKTA NIKAH on the other (the KUA's marriage extract
  whose "Nama", "Tempat dan Tanggal Lahir", "Pekerjaan", "Tempat Tinggal" lines name the father and the
  mother with their own dates, and its own number and date of marriage). The truth is the birth
  certificate's.
- KTP-el, `ktp-domisili-prosa`: the kelurahan's or desa's SURAT KETERANGAN DOMISILI quoting the card IN ONE
  RUNNING PARAGRAPH ("... bahwa Saudara BUDI SANTOSO, pemegang KTP-el dengan NIK 3404..., lahir di Sleman
  pada tanggal 07 Mei 1990, jenis kelamin laki-laki, agama Islam, ... benar berdomisili di Jl. Anggrek No. 11
  RT 003 RW 012 Kelurahan ... Kecamatan ... Kabupaten ... Provinsi ..."), the clauses in several orders,
  values in capitals or in mixed case, in bold or not, the RT's cover letter number and the KK number
  quoted beside them, the purpose, the lurah's signature and stamp. No blood type, valid-until or issue
  place and date.
- KTP-el, `ktp-panggilan-video`: a SCREENSHOT OF A VIDEO-CALL VERIFICATION (video KYC): the resident's tile
  fills the window, the card HELD UP TO THE CAMERA at an angle and at a LOW RESOLUTION (the card 380-560 px
  across, the codec's blocks and smear), the resident behind it (a plain silhouette), the agent's small
  self-view tile, the call's bar (timer, REC, the participants' names: the resident's in mixed case), the
  control buttons, and on some a chat panel with the agent's instructions. The truth is the card's.
- SKPWNI, `skpwni-isian-tangan`: the application form for moving (F-1.03 blank) FILLED IN BY HAND: printed
  labels with dotted answer lines on which the values stand in ballpoint capitals, the reason,
  classification and type as PRINTED CHECKBOX LISTS OF ALL THE OPTIONS with the chosen box TICKED BY HAND
  (the answer is only which box is ticked), the move date in day / month / year boxes, the members moving
  as handwritten rows in a ruled table; the office's number box at the head filled by the officer's stamp
  and hand; a colour scan.
- SKPWNI, `skpwni-faks-sampul`: the certificate FAXED TWICE (the Dinas faxed it to the kecamatan, whose print
  was faxed on to the destination's office): a FAX COVER SHEET on top (Kepada / Dari / No. Faks / Jumlah
  Halaman / Perihal naming the applicant, a short note), then the certificate as NUMBERED ITEMS whose
  ANSWERS, AFTER A COLON, ARE TYPED IN A DIFFERENT FACE (Courier after Helvetica or Times), the two pages
  one long image; two transmission header lines, each pass's thresholding, lost and repeated lines.

Faces: round 8-14's PDF sheets drawn by pdfium (Times, Helvetica, Helvetica Narrow, Courier, Bookman, New
Century Schoolbook, Palatino, Utopia); handwriting in OpenCV's Hershey faces as round 8 writes it; the card
as round 9 prints it; screens drawn with the DejaVu faces; stamps and signatures as `variety.Page` draws
them. Pages are 8-bit grey or RGB images (`upload` None). Ground truths are normalised as the older
layouts' are (the same keys per type, built by the same helpers); a key a page does not print is left out.
These layouts exist to measure: nothing that reads the documents may be tuned to them.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Sequence
from datetime import date, timedelta

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw

from tools.docgen.render import MONTHS, RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_REASONS,
    MOVE_TYPES,
    _akta_truth,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _ktp_truth,
    _move,
    _skpwni_truth,
    move_class,
    vfont,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round6 import _noise
from tools.docgen.variety_round7 import _members
from tools.docgen.variety_round8 import PdfSheet, _handwrite, _page_of, _pen_line
from tools.docgen.variety_round9 import _card_colour, _card_light
from tools.docgen.variety_round10 import Cells, Faces, _apostrophe, _cells, _date, _emblem, _paper
from tools.docgen.variety_round11 import _label_lines, _untitled, _words_lower
from tools.docgen.variety_round13 import _after, _dinas_ink, _relative
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255

# --- small helpers ----------------------------------------------------------------------------------------


def _mixed(text: str) -> str:
    """A value as a hand or a letter writes it: each word's first letter a capital ("Ma'ruf", "Laki-laki")."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def _rgb(img: Image.Image) -> Rgb:
    return np.asarray(img.convert("RGB"), np.float32).copy()


def _image(rgb: Rgb) -> Image.Image:
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")


def _fit_write(
    rgb: Rgb,
    x: float,
    y: float,
    text: str,
    height: float,
    room: float,
    rng: random.Random,
    ink: tuple[int, int, int],
    face: int,
) -> float:
    """Handwriting that stays within `room` pixels: a long value written smaller, as a hand does."""
    thick = max(2, round(height / 11))
    while height > 12:
        (tw, _), _ = cv2.getTextSize(text, face, height / 22, thick)
        if tw * 1.15 <= room:
            break
        height -= 1
    return _handwrite(rgb, x, y, text, height, rng, ink, face)


def _justified(
    s: PdfSheet,
    x: float,
    y: float,
    width: float,
    runs: Sequence[tuple[str, str]],
    size: float,
    lead: float,
    indent: float = 0.0,
) -> float:
    """Runs of (text, face) set word by word, each line but the last justified to `width` (the first line
    indented); the y under the last line."""
    words = [(w, face) for text, face in runs for w in text.split()]
    lines: list[list[tuple[str, str]]] = [[]]
    used = indent
    for word, face in words:
        ww = s.width(word, size, face)
        space = s.width(" ", size, face)
        if lines[-1] and used + space + ww > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + ww
        lines[-1].append((word, face))
    for i, line in enumerate(lines):
        start = x + (indent if i == 0 else 0.0)
        room = width - (indent if i == 0 else 0.0)
        total = sum(s.width(w, size, f) for w, f in line)
        gaps = len(line) - 1
        natural = s.width(" ", size, line[0][1]) if line else 0.0
        gap = (room - total) / gaps if gaps and i < len(lines) - 1 else natural
        cx = start
        for w, f in line:
            s.text(cx, y, w, size, f)
            cx += s.width(w, size, f) + gap
        y += lead
    return y


# --- KK: a SIAK text report on continuous-feed paper ----------------------------------------------------------

# (key, title, the form's width in characters)
_TRACTOR_T1: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("nik", ("NIK", "NO. INDUK KEPENDUDUKAN"), 16),
    ("name", ("NAMA LENGKAP", "NAMA"), 26),
    ("sex", ("JK", "L/P", "JNS KEL"), 9),
    ("place_of_birth", ("TEMPAT LHR", "TMP LAHIR"), 14),
    ("birth_date", ("TGL LHR", "TGL LAHIR"), 10),
    ("religion", ("AGAMA",), 9),
    ("education", ("PENDIDIKAN", "PDDK AKHIR"), 18),
    ("occupation", ("PEKERJAAN", "JNS PEKERJAAN"), 20),
    ("blood_type", ("GD", "GOL DRH"), 5),
)
_TRACTOR_T2: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("marital_status", ("STATUS KAWIN", "STS KAWIN"), 14),
    ("marriage_date", ("TGL KAWIN", "TGL PERKAWINAN"), 10),
    ("relationship", ("SHDK", "HUB. KELUARGA"), 15),
    ("citizenship", ("KWN", "WNI/WNA"), 4),
    ("passport_number", ("NO. PASPOR", "PASPOR"), 10),
    ("kitap_number", ("NO. KITAP", "KITAP"), 9),
    ("father_name", ("NAMA AYAH", "AYAH"), 24),
    ("mother_name", ("NAMA IBU", "IBU"), 24),
)


def _text_table(
    rows: list[Cells], columns: Sequence[tuple[str, tuple[str, ...], int]], rng: random.Random, rule: str
) -> list[str]:
    """A monospaced table: "NO" then each column padded to its width (at least its longest word), a long
    cell continued on the next line in its own column; title line between rules."""
    picks = [(key, rng.choice(titles), width) for key, titles, width in columns]
    widths = []
    for key, title, width in picks:
        longest = max(len(w) for c in rows for w in (c[key][0].split() or [""]))
        widths.append(max(width, longest, len(title) if len(title) <= 12 else 0))
    gap = " " * rng.choice((1, 2))
    titles = [title[:w] if len(title) > w else title for (_, title, _), w in zip(picks, widths, strict=True)]
    head = "NO " + gap.join(t.ljust(w) for t, w in zip(titles, widths, strict=True))
    out = [rule * len(head), head, rule * len(head)]
    for n, cells in enumerate(rows, start=1):
        parts = [
            textwrap.wrap(cells[key][0], w) or [""] for (key, _, _), w in zip(picks, widths, strict=True)
        ]
        depth = max(len(p) for p in parts)
        for j in range(depth):
            lead = f"{n:>2} " if j == 0 else "   "
            out.append(
                lead
                + gap.join((p[j] if j < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True))
            )
    out.append(rule * len(head))
    return out


def kk_kertas_kontinu(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK as a fixed-width text report from an impact printer on green-bar continuous paper."""
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dot"))
    rows = [_cells(p, style) for p in family.members]
    short_sex = rng.random() < 0.5
    for p, c in zip(family.members, rows, strict=True):
        if short_sex:
            c["sex"] = ("LK" if p.sex == "M" else "PR", c["sex"][1])
    rule = rng.choice(("-", "="))
    t1 = _text_table(rows, _TRACTOR_T1, rng, rule)
    t2 = _text_table(rows, _TRACTOR_T2, rng, rule)
    regency = _region(family.regency_code)
    printed = _after(family.issue_date, rng, 0, 3)
    wide = max(len(line) for line in t1 + t2)
    wide = max(wide, 120)
    lab_w = rng.choice((11, 12, 14))
    colon = " : " if rng.random() < 0.6 else ": "
    left = [
        ("NAMA KK", family.head.name),
        (rng.choice(("ALAMAT", "ALMT")), family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        (rng.choice(("DESA/KEL", "KEL/DESA")), _region(family.village_code)),
    ]
    right = [
        (rng.choice(("KEC.", "KECAMATAN")), _region(family.district_code)),
        ("KAB/KOTA", regency),
        (rng.choice(("KD. POS", "KODE POS")), family.postal_code),
        (rng.choice(("PROP.", "PROPINSI", "PROV.")), _region(family.province_code)),
    ]
    half = max(len(lab_w * " " + colon + v) for _, v in left) + 4
    half = max(half, wide // 2)
    head_lines = []
    for (la, va), (lb, vb) in zip(left, right, strict=True):
        a = la.ljust(lab_w) + colon + va
        head_lines.append(a.ljust(half) + lb.ljust(lab_w) + colon + vb)
    office = f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {regency}"
    stamp_line = f"TGL CETAK : {printed:%d-%m-%Y} {rng.randint(7, 15):02d}:{rng.randint(0, 59):02d}   HAL : 1"
    lines = [office.ljust(wide - len(stamp_line)) + stamp_line, "=" * wide, ""]
    title = "K A R T U   K E L U A R G A" if rng.random() < 0.5 else "KARTU KELUARGA"
    lines.append(title.center(wide).rstrip())
    lines.append(f"NO. KK : {family.kk_number}".center(wide).rstrip())
    lines.append("")
    lines += head_lines
    lines.append("")
    lines += t1
    lines.append("")
    lines += t2
    lines.append("")
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash")))
    lines.append(rng.choice(("DIKELUARKAN TANGGAL", "TGL DIKELUARKAN")) + " : " + issued)
    lines.append("")
    lines.append("KEPALA KELUARGA".center(30) + " " * (wide - 75) + "KEPALA DINAS KEPENDUDUKAN DAN")
    lines.append(" " * (wide - 45) + "PENCATATAN SIPIL " + regency[:26])
    lines += ["", "", ""]
    lines.append(family.head.name[:30].center(30) + " " * (wide - 75) + rng.choice(_OFFICIALS)[:40])
    lines.append(" " * (wide - 45) + "NIP. " + _nip(rng))
    lines.append("")
    lines.append("LEMBAR I : KEPALA KELUARGA   II : RT   III : DESA/KELURAHAN   IV : KECAMATAN")
    # the sheet: 15 x 11 in (or 14 7/8) continuous form, half an inch of sprocket strip each side
    strip = 36.0
    size = 7.2
    cw = 0.6 * size
    text_w = wide * cw
    w = max(1080.0, text_w + 2 * strip + 40)
    lead = rng.choice((9.0, 9.6, 10.2))
    h = max(792.0, 50 + len(lines) * lead + 40)
    s = PdfSheet(w, h)
    x0 = strip + (w - 2 * strip - text_w) / 2 + rng.uniform(-6, 6)
    y0 = rng.uniform(34, 46)
    ink_rows = []
    for i, line in enumerate(lines):
        if line.strip():
            bold = i < 5 and ("KARTU" in line or "K A R" in line or "NO. KK" in line)
            s.text(x0, y0 + i * lead, line, size, "courier-bold" if bold else "courier")
        ink_rows.append(y0 + i * lead)
    dpi = rng.uniform(150, 170)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    foot = len(lines) - 8
    sign_y = y0 + (foot + 1) * lead
    pg.signature((x0 + 40) * k, sign_y * k, 100 * k, 26 * k)
    bx = x0 + (wide - 45) * cw
    _dinas_ink(pg, k, bx, sign_y, _issue_place(family), rng)
    grey = np.asarray(pg.img, np.float32)
    ink = 1 - grey / 255
    hh, ww = ink.shape
    nrng = _noise(rng)
    fade = np.linspace(rng.uniform(0.75, 1.0), rng.uniform(0.55, 0.85), hh, dtype=np.float32)[:, None]
    ribbon = 1 - 0.3 * (nrng.random((hh, 1)) < 0.08)  # rows where the worn ribbon struck lighter
    ink = ink * fade * ribbon.astype(np.float32)
    paper = np.full((hh, ww, 3), (247, 246, 238), np.float32)
    band = round(0.5 * dpi)  # green bars half an inch deep
    green = np.array((214, 236, 214), np.float32)
    yy = np.arange(hh)
    bars = ((yy + rng.randint(0, band)) // band) % 2 == 0
    inner = slice(round((strip + 6) * k), round((w - strip - 6) * k))
    paper[bars, inner] = green
    ink_rgb = np.array(rng.choice(((30, 30, 36), (40, 38, 60), (20, 20, 20))), np.float32)
    out = paper * (1 - ink[..., None]) + ink_rgb * ink[..., None]
    # sprocket holes (the scanner's lid shows through grey) and the perforation lines
    pitch = 0.5 * dpi
    r = 0.078 * dpi
    for cx in (strip / 2 * k, (w - strip / 2) * k):
        for cy in np.arange(pitch / 2, hh, pitch):
            cv2.circle(out, (round(cx), round(cy)), round(r), (205, 205, 200), -1, cv2.LINE_AA)
            cv2.circle(out, (round(cx), round(cy)), round(r), (150, 150, 145), 1, cv2.LINE_AA)
    for px in (strip * k, (w - strip) * k):
        for py in range(0, hh, 14):
            cv2.line(out, (round(px), py), (round(px), py + 6), (170, 170, 165), 1)
    out += nrng.normal(0, 2.5, out.shape).astype(np.float32)
    page = _image(np.asarray(out, np.float32))
    return RenderedDocument("kk", page, _kk_truth(family), _members(rows), layout="kk-kertas-kontinu")


# --- KK: the family's data in a spreadsheet, screenshot ----------------------------------------------------------

_SHEET_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nik", ("NIK",)),
    ("name", ("NAMA LENGKAP", "Nama Lengkap", "NAMA")),
    ("sex", ("JENIS KELAMIN", "L/P", "Jenis Kelamin")),
    ("place_of_birth", ("TEMPAT LAHIR", "Tempat Lahir")),
    ("birth_date", ("TANGGAL LAHIR", "Tgl Lahir")),
    ("religion", ("AGAMA", "Agama")),
    ("education", ("PENDIDIKAN", "Pendidikan")),
    ("occupation", ("JENIS PEKERJAAN", "Pekerjaan")),
    ("blood_type", ("GOL DARAH", "Gol. Darah")),
    ("marital_status", ("STATUS PERKAWINAN", "Status Kawin")),
    ("marriage_date", ("TANGGAL PERKAWINAN", "Tgl Kawin")),
    ("relationship", ("STATUS HUBUNGAN", "SHDK", "Hubungan")),
    ("citizenship", ("KEWARGANEGARAAN", "Kewarganegaraan")),
    ("passport_number", ("NO PASPOR", "No. Paspor")),
    ("kitap_number", ("NO KITAP", "No. KITAP")),
    ("father_name", ("NAMA AYAH", "Ayah")),
    ("mother_name", ("NAMA IBU", "Ibu")),
)


def _col_name(i: int) -> str:
    return chr(65 + i) if i < 26 else "A" + chr(65 + i - 26)


def kk_lembar_kerja(family: Family, rng: random.Random) -> RenderedDocument:
    """A screenshot of a spreadsheet holding the family: the header as label and value cells, every member
    item in one wide table, the application's bars around it."""
    style = rng.choice(("dmy-slash", "iso", "dmy-dash"))
    rows = [_cells(p, style) for p in family.members]
    title_case = rng.random() < 0.4
    if title_case:  # the operator typed the words in title case; the truth stays in capitals
        for c in rows:
            for key in ("sex", "religion", "relationship"):
                c[key] = (_mixed(c[key][0]), c[key][1])
    calc = rng.random() < 0.4
    cols = [(key, rng.choice(titles)) for key, titles in _SHEET_COLUMNS]
    body_size, row_h = 0, 0
    widths: list[int] = []
    fitted = False
    for screen in ((1920, 1080), (2560, 1440), (2880, 1620)):
        sw, sh = screen
        for size in (15, 14, 13, 12):
            f = vfont(size, "sans")
            fb = vfont(size, "sans", True)
            measure = ImageDraw.Draw(Image.new("L", (4, 4)))
            widths = [int(measure.textlength("No", font=fb)) + 18]
            for key, title in cols:
                texts = [c[key][0] for c in rows]
                need = max(
                    [measure.textlength(t, font=f) for t in texts] + [measure.textlength(title, font=fb)]
                )
                widths.append(int(need) + 16)
            widths[2] = max(widths[2], int(measure.textlength("Nama Kepala Keluarga", font=f)) + 16)
            if 46 + sum(widths) + 30 <= sw:
                body_size, row_h, fitted = size, size + 12, True
                break
        if fitted:
            break
    if not fitted:
        sw, sh, body_size, row_h = 2880, 1620, 12, 24
    f = vfont(body_size, "sans")
    fb = vfont(body_size, "sans", True)
    ui = vfont(max(12, body_size), "sans")
    n_rows = 4 + 11 + 3 + len(rows) + 6
    top_ui = 170 if not calc else 150
    sh = max(sh, top_ui + (n_rows + 2) * row_h + 60)
    img = Image.new("RGB", (sw, sh), (255, 255, 255))
    d = ImageDraw.Draw(img)
    accent = (33, 115, 70) if not calc else (60, 110, 170)
    # title bar, ribbon tabs, formula bar
    name = rng.choice(("DATA KK", "data_kk", "KK_warga", "Pendataan KK RT"))
    book = f"{name} {family.rt}.xlsx" if not calc else f"{name}_{family.rt}.ods"
    d.rectangle((0, 0, sw, 36), fill=accent if not calc else (235, 235, 235))
    d.text((14, 9), f"{book} - {'Excel' if not calc else 'LibreOffice Calc'}", font=ui,
           fill=(255, 255, 255) if not calc else (30, 30, 30))  # fmt: skip
    tabs: tuple[str, ...] = ("File", "Home", "Insert", "Page Layout", "Formulas", "Data", "Review", "View")
    if calc:
        tabs = (
            "File",
            "Edit",
            "View",
            "Insert",
            "Format",
            "Styles",
            "Sheet",
            "Data",
            "Tools",
            "Window",
            "Help",
        )
    x = 14
    for t in tabs:
        d.text((x, 46), t, font=ui, fill=(40, 40, 40))
        x += int(d.textlength(t, font=ui)) + 26
    d.rectangle((0, 72, sw, top_ui - 40), fill=(243, 243, 243))
    for i in range(rng.randint(8, 14)):
        bx = 20 + i * 64
        d.rectangle((bx, 80, bx + 40, top_ui - 50), outline=(200, 200, 200))
    # the grid
    gx, gy = 46, top_ui
    xs = [gx]
    for wdt in widths:
        xs.append(xs[-1] + wdt)
    xs.append(sw)
    d.rectangle((0, gy, sw, gy + row_h), fill=(235, 235, 235))
    d.rectangle((0, gy, gx, sh - 50), fill=(235, 235, 235))
    for i in range(len(xs) - 1):
        letter = _col_name(i)
        d.text(((xs[i] + xs[i + 1]) / 2 - 5, gy + 5), letter, font=ui, fill=(70, 70, 70))
    for r in range(n_rows + 2):
        y = gy + row_h * (r + 1)
        d.line((0, y, sw, y), fill=(220, 220, 220))
        d.text((8, y + 5), str(r + 1), font=ui, fill=(70, 70, 70))
    for x_ in xs:
        d.line((x_, gy, x_, sh - 50), fill=(220, 220, 220))

    def cell(
        col: int, row: int, text: str, bold: bool = False, fill: tuple[int, int, int] | None = None
    ) -> None:
        y = gy + row_h * (row + 1)
        if fill:
            d.rectangle((xs[col] + 1, y + 1, xs[col + 1] - 1, y + row_h - 1), fill=fill)
        d.text((xs[col] + 5, y + (row_h - body_size) / 2 - 1), text, font=fb if bold else f, fill=(0, 0, 0))

    r = 0
    cell(0, r, rng.choice(("DATA KARTU KELUARGA", "KARTU KELUARGA", "DATA KELUARGA")), bold=True)
    r += 2
    head = [
        (rng.choice(("No. KK", "Nomor KK", "NO KK")), family.kk_number),
        (rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), family.head.name),
        ("Alamat", family.address),
        ("RT", family.rt),
        ("RW", family.rw),
        (rng.choice(("Desa/Kelurahan", "Kelurahan")), _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Provinsi", _region(family.province_code)),
        ("Kode Pos", family.postal_code),
        (rng.choice(("Tanggal Dikeluarkan", "Tgl Dikeluarkan")), _date(family.issue_date, style)),
    ]
    label_col = 2
    for label, value in head:
        cell(label_col, r, label)
        cell(label_col + 1, r, value)
        r += 1
    r += 1
    first = r
    shade = rng.choice(((198, 224, 180), (221, 235, 247), (242, 242, 242), (255, 230, 153)))
    cell(0, r, "No", bold=True, fill=shade)
    for i, (_, title) in enumerate(cols):
        cell(i + 1, r, title, bold=True, fill=shade)
    for n, c in enumerate(rows, start=1):
        cell(0, r + n, str(n))
        for i, (key, _) in enumerate(cols):
            cell(i + 1, r + n, c[key][0])
    last = r + len(rows)
    y_a, y_b = gy + row_h * (first + 1), gy + row_h * (last + 2)
    for x_ in xs[: len(cols) + 2]:
        d.line((x_, y_a, x_, y_b), fill=(0, 0, 0))
    for rr in range(first, last + 2):
        yy = gy + row_h * (rr + 1)
        d.line((xs[0], yy, xs[len(cols) + 1], yy), fill=(0, 0, 0))
    # the selected cell, the name box and the formula bar echoing it
    sel_row = rng.choice((2, 3, first + 1, first + 1 + rng.randrange(len(rows))))
    sel_col = label_col + 1 if sel_row < first else rng.choice((1, 2))
    sy = gy + row_h * (sel_row + 1)
    d.rectangle((xs[sel_col] - 1, sy - 1, xs[sel_col + 1] + 1, sy + row_h + 1), outline=accent, width=3)
    content = head[sel_row - 2][1] if sel_row < first else rows[sel_row - first - 1][cols[sel_col - 1][0]][0]
    if content.isdigit():
        content = "'" + content
    fy = top_ui - 34
    d.rectangle((4, fy, 110, fy + 26), outline=(180, 180, 180), fill=(255, 255, 255))
    d.text((10, fy + 5), f"{_col_name(sel_col)}{sel_row + 1}", font=ui, fill=(0, 0, 0))
    d.text((124, fy + 5), "fx", font=ui, fill=(90, 90, 90))
    d.rectangle((150, fy, sw - 10, fy + 26), outline=(180, 180, 180), fill=(255, 255, 255))
    d.text((158, fy + 5), content, font=ui, fill=(0, 0, 0))
    # sheet tabs and the status bar
    d.rectangle((0, sh - 50, sw, sh), fill=(240, 240, 240))
    x = 60
    for i, tab in enumerate(rng.sample(("Sheet1", "KK", "Rekap", "RT " + family.rt, "Data"), 3)):
        d.rectangle((x, sh - 48, x + 110, sh - 26), fill=(255, 255, 255) if i == 0 else (228, 228, 228))
        d.text((x + 10, sh - 45), tab, font=ui, fill=accent if i == 0 else (60, 60, 60))
        x += 120
    d.text((14, sh - 22), "Ready" if not calc else "Default", font=ui, fill=(60, 60, 60))
    d.text((sw - 90, sh - 22), "100%", font=ui, fill=(60, 60, 60))
    return RenderedDocument("kk", img, _kk_truth(family), _members(rows), layout="kk-lembar-kerja")


# --- akta kelahiran: an old blanko filled in cursive by the clerk ----------------------------------------------

_SCRIPT = (cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, cv2.FONT_HERSHEY_SCRIPT_COMPLEX)


def akta_tulisan_halus(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """An old Kutipan blanko: printed phrases, dotted blanks, the values written in cursive mixed case, the
    sex chosen by striking out the wrong printed option."""
    p = _untitled(_apostrophe(p, rng, 0.15))
    registered = min(p.birth_date + timedelta(days=rng.randint(10, 900)), date(2026, 10, 1))
    number = f"{serial}/{rng.choice(('U', 'LT', 'TP'))}/{registered.year}"
    w, h = (595.0, 842.0) if rng.random() < 0.5 else (609.4, 935.4)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("schoolbook", "schoolbook-bold"), ("bookman", "bookman-demi"))
    )
    face, bold = faces
    m = rng.uniform(52, 66)
    s.rect(m - 18, m - 22, w - 2 * m + 36, h - 2 * m + 30, 1.6)
    s.rect(m - 14, m - 18, w - 2 * m + 28, h - 2 * m + 22, 0.5)
    s.centre(m + 4, "REPUBLIK INDONESIA", 11, bold)
    s.centre(m + 20, rng.choice(("CATATAN SIPIL", "KANTOR CATATAN SIPIL", "PENCATATAN SIPIL")), 10, face)
    s.centre(m + 56, "KUTIPAN AKTA KELAHIRAN", 17, bold)
    size = rng.uniform(11, 12.5)
    lead = size * rng.uniform(2.3, 2.7)
    x0, x1 = m + 8, w - m - 4
    blanks: list[tuple[float, float, float, str]] = []  # (x from, x to, y of the line, value)

    def dots(xa: float, xb: float, y: float) -> None:
        s.line(xa, y + size * 0.78, xb, y + size * 0.78, 0.7, 0.25, dash="0.8 2.2")

    def phrase_line(y: float, parts: Sequence[tuple[str, str]], end: str = "") -> float:
        """Printed phrases and blanks on one line ("" a printed phrase, else a value for the blank); the
        last blank runs to the margin unless `end` is printed there."""
        x = x0
        slots = [i for i, (kind, _) in enumerate(parts) if kind == "v"]
        spans = len(slots) or 1
        fixed = sum(s.width(t, size, face) + 8 for kind, t in parts if kind == "p") + s.width(end, size, face)
        share = (x1 - x0 - fixed) / spans
        for kind, text in parts:
            if kind == "p":
                x = s.text(x, y, text, size, face) + 4
            else:
                dots(x, x + share - 4, y)
                blanks.append((x, x + share - 4, y, text))
                x += share
        if end:
            s.text(x1 - s.width(end, size, face), y, end, size, face)
        return y + lead

    y = m + 88
    s.text(w / 2 - 60, y, "Nomor :", size, face)
    dots(w / 2 - 60 + s.width("Nomor :", size, face) + 4, w / 2 + 120, y)
    blanks.append((w / 2 - 60 + s.width("Nomor :", size, face) + 6, w / 2 + 120, y, number))
    y += lead * 1.4
    place_v = _mixed(p.place_of_birth)
    date_form = rng.choice(("words", "digits", "long"))
    if date_form == "words":
        born = _words_lower(p.birth_date)
    elif date_form == "digits":
        born = f"{p.birth_date:%d-%m-%Y}"
    else:
        born = f"{p.birth_date.day} {MONTHS[p.birth_date.month - 1].title()} {p.birth_date.year}"
    y = phrase_line(y, [("p", "Menurut Daftar Kelahiran, bahwa di"), ("v", place_v)])
    y = phrase_line(y, [("p", "pada tanggal"), ("v", born)])
    y = phrase_line(y, [("p", "telah lahir :"), ("v", _mixed(p.name))])
    order = rng.randint(1, 5)
    sex_y = y
    y = phrase_line(
        y,
        [("p", "anak ke"), ("v", rng.choice((str(order), number_words_title(order))))],
        end="laki-laki/perempuan *)",
    )
    y = phrase_line(y, [("p", "dari suami-isteri :"), ("v", _mixed(p.father_name))])
    y = phrase_line(y, [("p", "dan"), ("v", _mixed(p.mother_name))])
    y += lead * 0.5
    place = _issue_place(family)
    y = phrase_line(y, [("p", "Kutipan ini dikeluarkan di"), ("v", _mixed(place))])
    y = phrase_line(
        y,
        [
            ("p", "pada tanggal"),
            ("v", f"{registered.day} {MONTHS[registered.month - 1].title()} {registered.year}"),
        ],
    )
    bx = w * 0.52
    s.text(bx, y + 4, "Pegawai Luar Biasa Pencatatan Sipil,", size - 1, face, max_w=x1 - bx)
    sign_y = y + 30
    s.text(bx, y + 78, rng.choice(_OFFICIALS), size - 1, bold, max_w=x1 - bx)
    s.text(x0, h - m - 4, "*) coret yang tidak perlu", 8, face)
    dpi = rng.uniform(170, 200)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    _dinas_ink(pg, k, bx, sign_y, place, rng)
    rgb = _rgb(pg.img)
    tone = np.array(rng.choice(((236, 226, 196), (240, 232, 208), (230, 222, 200))), np.float32)
    rgb = np.asarray(rgb * tone / 255, np.float32)
    ink = rng.choice(((22, 30, 90), (30, 30, 40), (20, 40, 120)))
    script = rng.choice(_SCRIPT)
    height = size * k * rng.uniform(1.05, 1.3)
    for xa, xb, yl, value in blanks:
        start = xa * k + rng.uniform(4, 24)
        _fit_write(
            rgb, start, (yl + size * 0.7) * k - height, value, height, xb * k - start, rng, ink, script
        )
    # strike out the printed option that does not apply
    end_text = "laki-laki/perempuan *)"
    ex = x1 - s.width(end_text, size, face)
    if p.sex == "M":
        a, b = ex + s.width("laki-laki/", size, face), ex + s.width("laki-laki/perempuan", size, face)
    else:
        a, b = ex, ex + s.width("laki-laki", size, face)
    yy = (sex_y + size * 0.35) * k
    _pen_line(
        rgb,
        [(a * k - 3, yy + rng.uniform(-2, 2)), (b * k + 3, yy + rng.uniform(-2, 2))],
        max(2, round(k)),
        ink,
    )
    if rng.random() < 0.5:
        _pen_line(rgb, [(a * k - 3, yy + 4), (b * k + 3, yy + 3)], max(2, round(k)), ink)
    nrng = _noise(rng)
    rgb += nrng.normal(0, 2.0, rgb.shape).astype(np.float32)
    truth = _akta_truth(number, p, nik=False)
    return RenderedDocument("akta", _image(rgb), truth, layout="akta-tulisan-halus")


def number_words_title(n: int) -> str:
    """The birth order in words as a clerk writes it: "dua"."""
    from tools.docgen.variety import number_words

    return number_words(n).lower()


# --- akta kelahiran: an open document folder, the birth certificate beside the parents' marriage extract -------


def _akta_sheet(
    family: Family, p: Person, rng: random.Random, serial: int
) -> tuple[PdfSheet, str, bool, float]:
    """A Kutipan as label lines on an A4 sheet: the sheet, the number, whether the NIK is printed and the
    signature's y."""
    s = PdfSheet(595.0, 842.0)
    faces: Faces = rng.choice(
        (("times", "times-bold"), ("helvetica", "helvetica-bold"), ("palatino", "palatino-bold"))
    )
    face, bold = faces
    number = akta_number(family, p, serial)
    s.centre(70, "REPUBLIK INDONESIA", 13, bold)
    s.centre(88, "PENCATATAN SIPIL", 11, face)
    s.centre(124, "KUTIPAN AKTA KELAHIRAN", 18, bold)
    s.centre(148, "Nomor : " + number, 11, face)
    with_nik = rng.random() < 0.7
    style = rng.choice(("long-title", "dmy-dash", "words-title"))
    items = ([("NIK", p.nik)] if with_nik else []) + [
        (rng.choice(("Nama", "Nama Anak")), p.name),
        ("Tempat Lahir", p.place_of_birth),
        ("Tanggal Lahir", _date(p.birth_date, style)),
        ("Jenis Kelamin", _sex(p)),
        ("Nama Ayah", p.father_name),
        ("Nama Ibu", p.mother_name),
    ]
    y = _label_lines(s, 80, 190, items, 11.5, faces, 200, 530, 24, bold_values=rng.random() < 0.6)
    place = _issue_place(family).title()
    s.text(320, y + 30, f"{place}, {_date(_after(p.birth_date, rng, 5, 400), 'long-title')}", 10.5, face)
    s.text(320, y + 46, "Pejabat Pencatatan Sipil", 10.5, face)
    s.text(320, y + 110, rng.choice(_OFFICIALS), 10.5, bold, max_w=240)
    return s, number, with_nik, y + 62


def _nikah_sheet(family: Family, p: Person, rng: random.Random) -> PdfSheet:
    """The parents' Kutipan Akta Nikah from the KUA: the husband's and the wife's data as label lines."""
    s = PdfSheet(595.0, 842.0)
    faces: Faces = rng.choice((("times", "times-bold"), ("schoolbook", "schoolbook-bold")))
    face, bold = faces
    s.centre(60, "KEMENTERIAN AGAMA REPUBLIK INDONESIA", 11, bold)
    s.centre(76, "KANTOR URUSAN AGAMA KECAMATAN " + _region(family.district_code), 10, face)
    s.centre(112, "KUTIPAN AKTA NIKAH", 17, bold)
    married = p.birth_date - timedelta(days=rng.randint(300, 2500))
    s.centre(
        134,
        f"Nomor : {rng.randint(10, 999)}/{rng.randint(1, 99):02d}/{married.month:02d}/{married.year}",
        10.5,
        face,
    )
    y = _justified(s, 70, 166, 455, [(f"Pada hari ini tanggal {_date(married, 'long-title')} telah dilangsungkan "
                                       "akad nikah menurut hukum agama dan peraturan perundang-undangan antara:", face)],
                   10.5, 15)  # fmt: skip
    for title, name in (("SUAMI", p.father_name), ("ISTRI", p.mother_name)):
        who = _relative(family, name)
        born = who.birth_date if who else married - timedelta(days=rng.randint(7000, 11000))
        place = who.place_of_birth if who else p.place_of_birth
        job = who.occupation if who else rng.choice(("WIRASWASTA", "KARYAWAN SWASTA", "PETANI/PEKEBUN"))
        s.text(70, y + 8, title, 11, bold)
        items = [
            ("Nama", name),
            ("Tempat dan Tanggal Lahir", f"{place}, {_date(born, 'long-title')}"),
            ("Warganegara", "Indonesia"),
            ("Agama", "Islam"),
            ("Pekerjaan", job),
            ("Tempat Tinggal", family.address),
        ]
        y = _label_lines(s, 84, y + 28, items, 10.5, faces, 230, 530, 18) + 10
    s.text(300, y + 20, "Kepala KUA / Penghulu,", 10.5, face)
    s.text(300, y + 80, rng.choice(_OFFICIALS), 10.5, bold, max_w=240)
    return s


def akta_map_terbuka(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A flatbed scan of an open document folder: the birth certificate and the parents' marriage extract in
    clear sleeves either side of the spine's shadow."""
    p = _untitled(_apostrophe(p, rng, 0.15))
    dpi = rng.uniform(120, 140)
    k = dpi / 72
    akta, number, with_nik, sign_y = _akta_sheet(family, p, rng, serial)
    apg = _page_of(akta.render(dpi), rng)
    _dinas_ink(apg, k, 320, sign_y, _issue_place(family), rng)
    other = _page_of(_nikah_sheet(family, p, rng).render(dpi), rng)
    sheets = [apg.img, other.img] if rng.random() < 0.5 else [other.img, apg.img]
    sw, sh = sheets[0].size
    gutter = round(rng.uniform(40, 80))
    margin = round(rng.uniform(30, 60))
    W, H = 2 * sw + gutter + 2 * margin, sh + 2 * margin
    lum = np.full((H, W), rng.uniform(60, 90), np.float32)  # the folder's cover round the sleeves
    lum[margin // 2 : H - margin // 2, margin // 2 : W - margin // 2] = rng.uniform(200, 222)
    for i, sheet in enumerate(sheets):
        arr = np.asarray(sheet, np.float32)
        angle = rng.uniform(-1.2, 1.2)
        x = margin + i * (sw + gutter)
        rot = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1.0)
        rot[:, 2] += np.array((x, margin + rng.uniform(-8, 8)), np.float32)
        seen = cv2.warpAffine(arr, rot, (W, H), flags=cv2.INTER_LINEAR)
        mk = cv2.warpAffine(np.ones_like(arr), rot, (W, H), flags=cv2.INTER_LINEAR)
        lum = lum * (1 - mk) + seen * mk
    # the spine: a dark band in the middle fading both ways; the sleeves' sheen as soft bright streaks
    xx = np.arange(W, dtype=np.float32)
    mid = W / 2 + rng.uniform(-10, 10)
    depth = rng.uniform(0.55, 0.8)
    spread = rng.uniform(30, 70)
    shade = 1 - depth * np.exp(-np.abs(xx - mid) / spread)
    lum *= shade[None, :]
    for _ in range(rng.randint(1, 3)):
        cx = rng.uniform(0, W)
        lum += 18 * np.exp(-(((xx - cx) / rng.uniform(40, 120)) ** 2))[None, :]
    nrng = _noise(rng)
    lum += nrng.normal(0, 2.5, lum.shape).astype(np.float32)
    page = Image.fromarray(np.clip(lum, 0, 255).astype(np.uint8), "L")
    return RenderedDocument("akta", page, _akta_truth(number, p, nik=with_nik), layout="akta-map-terbuka")


# --- KTP-el: a kelurahan's domicile letter quoting the card in one paragraph ---------------------------------


def ktp_domisili_prosa(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A Surat Keterangan Domisili: letterhead, title and number, the card's data in one running paragraph,
    the purpose, the lurah's or the village head's signature and stamp."""
    w, h = (595.0, 842.0) if rng.random() < 0.6 else (609.4, 935.4)
    s = PdfSheet(w, h)
    faces: Faces = rng.choice((("times", "times-bold"), ("bookman", "bookman-demi"), ("helvetica", "helvetica-bold"),
                               ("schoolbook", "schoolbook-bold")))  # fmt: skip
    face, bold = faces
    kel = family.village_code.split(".")[-1].startswith("1")
    unit = "KELURAHAN" if kel else "DESA"
    village, district, regency = (
        _region(c) for c in (family.village_code, family.district_code, family.regency_code)
    )
    province = _region(family.province_code)
    m = rng.uniform(50, 64)
    x0, x1 = m + 6, w - m
    s.centre(m, "PEMERINTAH " + regency, 12.5, bold, x0 + 40, x1)
    s.centre(m + 15, "KECAMATAN " + district, 12.5, bold, x0 + 40, x1)
    s.centre(m + 31, f"{unit} {village}", 15, bold, x0 + 40, x1)
    s.centre(m + 50, f"Alamat : {rng.choice(('Jl. Raya', 'Jl. Balai Desa', 'Jl. Pemuda'))} No. {rng.randint(1, 90)} "
                     f"Kode Pos {family.postal_code}", 8.5, face, x0 + 40, x1)  # fmt: skip
    s.line(x0, m + 63, x1, m + 63, 2.0)
    s.line(x0, m + 66, x1, m + 66, 0.6)
    y = m + 84
    title = rng.choice(
        ("SURAT KETERANGAN DOMISILI", "SURAT KETERANGAN BERDOMISILI", "SURAT KETERANGAN TEMPAT TINGGAL")
    )
    s.centre(y, title, 13, bold)
    tw = s.width(title, 13, bold)
    s.line((w - tw) / 2, y + 13, (w + tw) / 2, y + 13, 0.7)
    issued = _after(family.issue_date, rng, 30, 2000)
    s.centre(
        y + 18, f"Nomor : 474.4/{rng.randint(10, 480)}/{'Kel' if kel else 'Ds'}/{issued.year}", 10.5, face
    )
    size = rng.uniform(10.5, 11.5)
    lead = size * rng.uniform(1.55, 1.8)
    head = "Lurah" if kel else "Kepala Desa"
    y = _justified(
        s, x0, y + 48, x1 - x0,
        [(f"Yang bertanda tangan di bawah ini {head} {_mixed(village)} Kecamatan {_mixed(district)} "
          f"{_mixed(regency)}, berdasarkan Surat Pengantar Ketua RT {family.rt} RW {family.rw} Nomor "
          f"{rng.randint(1, 60):02d}/RT{family.rt}/{issued.month:02d}/{issued.year}, dengan ini menerangkan "
          "bahwa:", face)],
        size, lead, indent=28,
    )  # fmt: skip
    caps = rng.random() < 0.5
    vface = bold if rng.random() < 0.6 else face

    def v(text: str) -> str:
        return text if caps else _mixed(text)

    born = _date(p.birth_date, rng.choice(("long-title", "dmy-dash", "long")))
    citizen = rng.choice(("WNI", "Warga Negara Indonesia (WNI)"))
    clauses: list[list[tuple[str, str]]] = [
        [("lahir di", face), (v(p.place_of_birth), vface), ("pada tanggal", face), (born + ",", vface)],
        [("jenis kelamin", face), (v(_sex(p)) + ",", vface)],
        [("agama", face), (v(p.religion) + ",", vface)],
        [("status perkawinan", face), (v(p.marital_status) + ",", vface)],
        [("pekerjaan", face), (v(p.occupation) + ",", vface)],
        [("kewarganegaraan", face), (citizen + ",", vface)],
    ]
    middle = clauses[1:]
    rng.shuffle(middle)
    opener = rng.choice(("Saudara", "Sdr.", "nama"))
    runs: list[tuple[str, str]] = [(opener, face), (p.name + ",", bold)]
    nik_runs = [
        (rng.choice(("pemegang KTP-el dengan NIK", "NIK", "Nomor Induk Kependudukan")), face),
        (p.nik + ",", vface),
    ]
    if rng.random() < 0.5:
        runs += nik_runs + [x for c in [clauses[0], *middle] for x in c]
    else:
        runs += [x for c in [clauses[0], *middle] for x in c] + nik_runs
    if rng.random() < 0.4:
        runs += [("anggota Kartu Keluarga Nomor", face), (family.kk_number + ",", face)]
    runs += [
        ("adalah benar penduduk yang berdomisili di", face),
        (v(family.address), vface),
        (f"RT {family.rt} RW {family.rw}", vface),
        (f"{'Kelurahan' if kel else 'Desa'} {v(village)}", vface),
        (f"Kecamatan {v(district)}", vface),
        (f"{v(regency)}", vface),
        (f"Provinsi {v(province)}.", vface),
    ]
    y = _justified(s, x0, y + 6, x1 - x0, runs, size, lead, indent=28)
    purpose = rng.choice(("persyaratan pembukaan rekening bank", "persyaratan melamar pekerjaan",
                          "pengurusan administrasi kependudukan", "persyaratan pendaftaran sekolah anak"))  # fmt: skip
    y = _justified(
        s, x0, y + 6, x1 - x0,
        [(f"Surat keterangan ini diberikan untuk keperluan {purpose}. Demikian surat keterangan ini dibuat "
          "dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.", face)],
        size, lead, indent=28,
    )  # fmt: skip
    bx = w * 0.56
    s.text(bx, y + 18, f"{_mixed(village)}, {_date(issued, 'long-title')}", size, face, max_w=x1 - bx)
    s.text(bx, y + 18 + lead, f"{head} {_mixed(village)}", size, face, max_w=x1 - bx)
    s.text(bx, y + 18 + lead + 64, rng.choice(_OFFICIALS), size, bold, max_w=x1 - bx)
    dpi = rng.uniform(190, 215)
    k = dpi / 72
    img = _emblem(s.render(dpi), (x0 + 22) * k, (m + 26) * k, 24 * k, 80)
    pg = _page_of(img, rng)
    sy = y + 18 + lead + 14
    pg.signature((bx + 20) * k, sy * k, 110 * k, 32 * k)
    pg.stamp((bx + rng.uniform(-10, 15)) * k, (sy + 14) * k, 40 * k, f"{unit} {village[:12]}|{regency[-12:]}")
    page = _paper(pg.img, rng.randint(244, 252))
    truth = _ktp_truth(family, p, province=province, regency=regency)
    del truth["blood_type"]
    return RenderedDocument("ktp", page, truth, layout="ktp-domisili-prosa")


# --- KTP-el: a video-call verification, the card held up to the camera ---------------------------------------


def ktp_panggilan_video(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A screenshot of a video call: the resident's tile with the card held up at low resolution, the
    agent's self-view, the call's bars, a chat panel on some."""
    from tools.docgen.variety_round8 import _person

    sw, sh = rng.choice(((1280, 720), (1366, 768), (1600, 900)))
    chat = rng.random() < 0.45
    tile_w = sw - (330 if chat else 0)
    top, bottom = 44, 72
    th = sh - top - bottom
    nrng = _noise(rng)
    # the resident's camera frame (its own 16:9 picture, letterboxed into the tile)
    fw, fh = 960, 540
    wall = np.array(
        rng.choice(((196, 186, 170), (150, 160, 170), (214, 208, 198), (120, 110, 100))), np.float32
    )
    frame = np.broadcast_to(wall, (fh, fw, 3)).astype(np.float32).copy()
    frame *= np.linspace(1.05, 0.8, fw, dtype=np.float32)[None, :, None]
    _person(frame, rng)
    grey, place = _card_light(family, p, rng, rng.uniform(150, 200))
    card = _card_colour(grey, p, rng, grey.width / 242.6 * 72)
    ch, cw = card.shape[:2]
    want = rng.uniform(380, 560)
    cx, cy = fw / 2 + rng.uniform(-80, 80), fh * rng.uniform(0.55, 0.62)
    sc = want / cw
    jit = want * 0.05
    dst = np.array(
        [
            (cx - want / 2 + rng.uniform(-jit, jit), cy - ch * sc / 2 + rng.uniform(-jit, jit)),
            (cx + want / 2 + rng.uniform(-jit, jit), cy - ch * sc / 2 + rng.uniform(-jit, jit)),
            (cx + want / 2 + rng.uniform(-jit, jit), cy + ch * sc / 2 + rng.uniform(-jit, jit)),
            (cx - want / 2 + rng.uniform(-jit, jit), cy + ch * sc / 2 + rng.uniform(-jit, jit)),
        ],
        np.float32,
    )
    src = np.array(((0, 0), (cw, 0), (cw, ch), (0, ch)), np.float32)
    mat = cv2.getPerspectiveTransform(src, dst)
    seen = cv2.warpPerspective(card, mat, (fw, fh), flags=cv2.INTER_AREA)
    from tools.docgen.photographed import _rounded_mask

    mk = cv2.warpPerspective(_rounded_mask(cw, ch), mat, (fw, fh), flags=cv2.INTER_LINEAR)[..., None]
    frame = frame * (1 - mk) + seen * rng.uniform(0.85, 1.0) * mk
    # fingers over the card's edges
    skin = np.array(rng.choice(((198, 150, 118), (168, 120, 90), (140, 98, 72))), np.float32)
    for corner in (dst[0], dst[3]) if rng.random() < 0.5 else (dst[1], dst[2]):
        cv2.ellipse(frame, (round(corner[0]), round(corner[1])), (16, 30), rng.uniform(0, 40), 0, 360,
                    skin.tolist(), -1, cv2.LINE_AA)  # fmt: skip
    frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.6, 1.1)), np.float32)
    frame += nrng.normal(0, 3, frame.shape).astype(np.float32)
    # the codec: a smaller picture, blocky and smeared, scaled up to the tile
    scale = min(tile_w / fw, th / fh)
    vw, vh = round(fw * scale), round(fh * scale)
    enc_w = round(vw * rng.uniform(0.7, 0.9))
    small = cv2.resize(
        np.clip(frame, 0, 255).astype(np.uint8), (enc_w, round(enc_w * fh / fw)), interpolation=cv2.INTER_AREA
    )
    _ok, buf = cv2.imencode(".jpg", small[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, rng.randint(30, 50)])
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert decoded is not None
    small = decoded[..., ::-1]
    video = cv2.resize(small, (vw, vh), interpolation=cv2.INTER_LINEAR)
    screen = Image.new("RGB", (sw, sh), (32, 33, 36))
    screen.paste(Image.fromarray(np.ascontiguousarray(video)), ((tile_w - vw) // 2, top + (th - vh) // 2))
    d = ImageDraw.Draw(screen)
    f = vfont(15, "sans")
    fb = vfont(15, "sans", True)
    app = rng.choice(("Video Call Verifikasi", "e-KYC Video", "Layanan Video Banking", "Zoom Meeting"))
    d.text((16, 13), app, font=fb, fill=(235, 235, 235))
    d.text(
        (tile_w // 2 - 30, 13),
        f"{rng.randint(0, 9):02d}:{rng.randint(0, 59):02d}",
        font=f,
        fill=(220, 220, 220),
    )
    if rng.random() < 0.6:
        d.ellipse((tile_w - 90, 16, tile_w - 78, 28), fill=(220, 40, 40))
        d.text((tile_w - 72, 13), "REC", font=fb, fill=(230, 230, 230))
    vx = (tile_w - vw) // 2
    d.rectangle((vx + 10, top + (th + vh) // 2 - 34, vx + 230, top + (th + vh) // 2 - 8), fill=(20, 20, 20))
    d.text((vx + 18, top + (th + vh) // 2 - 31), _mixed(p.name)[:26], font=f, fill=(240, 240, 240))
    # the agent's self-view
    pw_, ph_ = 220, 124
    px, py = tile_w - pw_ - 16, top + th - ph_ - 16
    agent = np.full((ph_, pw_, 3), rng.choice((90, 120, 150)), np.float32)
    _person(agent, rng)
    screen.paste(_image(agent), (px, py))
    d.rectangle((px, py, px + pw_, py + ph_), outline=(120, 200, 120), width=2)
    d.text((px + 6, py + ph_ - 22), rng.choice(("Petugas CS", "Agen", "Anda")), font=f, fill=(255, 255, 255))
    # controls
    by = sh - bottom + 14
    for i in range(5):
        bx = sw // 2 - 140 + i * 60 - (165 if chat else 0)
        d.ellipse((bx, by, bx + 44, by + 44), fill=(200, 50, 50) if i == 4 else (60, 64, 70))
    if chat:
        d.rectangle((tile_w, top, sw, sh - bottom), fill=(250, 250, 250))
        d.text((tile_w + 14, top + 10), "Chat", font=fb, fill=(30, 30, 30))
        msgs = [
            "Selamat siang, mohon siapkan KTP-el asli Anda.",
            "Silakan tunjukkan KTP ke kamera.",
            rng.choice(("Dekatkan sedikit ke kamera ya.", "Mohon jangan menutupi data KTP.")),
            "Baik, terima kasih.",
        ]
        yy = top + 44
        for msg in msgs[: rng.randint(2, 4)]:
            lines = textwrap.wrap(msg, 34)
            d.rounded_rectangle(
                (tile_w + 12, yy, sw - 16, yy + 22 * len(lines) + 12), 8, fill=(228, 236, 246)
            )
            for j, line in enumerate(lines):
                d.text((tile_w + 22, yy + 6 + 22 * j), line, font=f, fill=(30, 30, 30))
            yy += 22 * len(lines) + 24
    truth = _issued_card_truth(family, p, place)
    return RenderedDocument("ktp", screen, truth, layout="ktp-panggilan-video")


# --- SKPWNI: the application form filled in by hand, the choices ticked --------------------------------------

_PRINT = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX)


def _where_items(fam: Family, rng: random.Random) -> list[tuple[str, str]]:
    return [
        (rng.choice(("Alamat", "Jalan/Alamat")), fam.address),
        ("RT", fam.rt),
        ("RW", fam.rw),
        ("Desa/Kelurahan", _region(fam.village_code)),
        ("Kecamatan", _region(fam.district_code)),
        ("Kabupaten/Kota", _region(fam.regency_code)),
        ("Provinsi", _region(fam.province_code)),
        ("Kode Pos", fam.postal_code),
    ]


def skpwni_isian_tangan(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The moving application form filled in by hand in ballpoint capitals, the reason, classification and
    type ticked in printed checkbox lists, the officer's number box at the head."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    number = _skpwni_number(origin, serial)
    w, h = 609.4, 935.4
    s = PdfSheet(w, h)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("times", "times-bold"), ("narrow", "narrow-bold"))
    )
    face, bold = faces
    m = rng.uniform(32, 40)
    x0, x1 = m, w - m
    s.text(x0, m - 8, "F-1.03", 8, face)
    s.centre(m + 6, "FORMULIR PERMOHONAN PINDAH WNI", 13, bold)
    s.centre(m + 22, rng.choice(("Antar Desa/Kelurahan, Antar Kecamatan, Antar Kabupaten/Kota atau Antar Provinsi",
                                 "(Diisi oleh pemohon dengan huruf cetak)")), 8.5, face)  # fmt: skip
    bw = 230
    s.rect(x1 - bw, m + 36, bw, 34, 0.7)
    s.text(x1 - bw + 5, m + 40, "Diisi oleh petugas :", 7.5, face)
    s.text(x1 - bw + 5, m + 54, "No. SKPWNI :", 8.5, face)
    writes: list[tuple[float, float, float, str]] = [(x1 - bw + 62, x1 - 4, m + 54, number)]
    size = rng.uniform(8.8, 9.6)
    step = size * rng.uniform(2.2, 2.5)
    lx, colon = x0 + 16, x0 + rng.uniform(150, 175)
    y = m + 84
    count = 0

    def dotted(xa: float, xb: float, yy: float) -> None:
        s.line(xa, yy + size * 0.9, xb, yy + size * 0.9, 0.6, 0.3, dash="0.7 2")

    def item(label: str, value: str, xa: float = 0.0, xb: float = 0.0, c: float = 0.0) -> None:
        nonlocal count
        count += 1
        xa = xa or lx
        c = c or colon
        xb = xb or x1
        if xa == lx:
            s.text(xa - 16, y, f"{count}.", size, face)
        s.text(xa, y, label, size, face, max_w=c - xa - 4)
        s.text(c, y, ":", size, face)
        dotted(c + 6, xb, y)
        writes.append((c + 8, xb, y, value))

    def section(title: str) -> None:
        nonlocal y
        s.box(x0, y - 3, x1 - x0, size + 7, 0.85)
        s.text(x0 + 4, y, title, size + 0.3, bold)
        y += step

    def place(fam: Family) -> None:
        nonlocal y
        rows = _where_items(fam, rng)
        item(*rows[0])
        y += step
        item("RT", fam.rt, xb=colon + 70)
        s.text(colon + 90, y, "RW", size, face)
        s.text(colon + 120, y, ":", size, face)
        dotted(colon + 126, colon + 190, y)
        writes.append((colon + 128, colon + 190, y, fam.rw))
        y += step
        for label, value in rows[3:]:
            item(label, value)
            y += step

    section("DATA DAERAH ASAL")
    item(rng.choice(("Nomor Kartu Keluarga", "No. KK")), origin.kk_number)
    y += step
    item("Nama Kepala Keluarga", origin.head.name)
    y += step
    place(origin)
    item("NIK Pemohon", p.nik)
    y += step
    item("Nama Lengkap", p.name)
    y += step
    section("DATA KEPINDAHAN")
    ticks: list[tuple[float, float]] = []
    for label, options, chosen in (
        ("Alasan Pindah", MOVE_REASONS, mv.reason),
        ("Klasifikasi Pindah", MOVE_CLASSES, MOVE_CLASSES.index(move_class(origin, dest))),
        ("Jenis Kepindahan", MOVE_TYPES, mv.kind),
    ):
        count += 1
        s.text(lx - 16, y, f"{count}.", size, face)
        s.text(lx, y, label, size, face)
        s.text(colon, y, ":", size, face)
        ox, oy = colon + 8, y
        per_row = 2 if max(len(o) for o in options) > 24 else 3
        col_w = (x1 - ox) / per_row
        for i, option in enumerate(options):
            bx_ = ox + (i % per_row) * col_w
            by_ = oy + (i // per_row) * (size + 6)
            s.rect(bx_, by_ - 1, size + 1, size + 1, 0.6)
            text = f"{i + 1}. {_mixed(option)}"
            s.text(bx_ + size + 5, by_, text, size - 1.2, face, max_w=col_w - size - 8)
            if i == chosen:
                ticks.append((bx_, by_ - 1))
        y = oy + ((len(options) - 1) // per_row + 1) * (size + 6) + 6
    count += 1
    s.text(lx - 16, y, f"{count}.", size, face)
    s.text(lx, y, rng.choice(("Rencana Tanggal Pindah", "Tanggal Pindah")), size, face)
    s.text(colon, y, ":", size, face)
    bx_ = colon + 8
    digits = (f"{mv.day:%d}", f"{mv.day:%m}", f"{mv.day:%Y}")
    bsz = size + 6
    for cap, group in zip(("Tgl", "Bln", "Thn"), digits, strict=True):
        s.text(bx_, y - 1, cap, size - 1.5, face)
        bx_ += s.width(cap, size - 1.5, face) + 4
        for ch in group:
            s.rect(bx_, y - 3, bsz, bsz, 0.6)
            writes.append((bx_ + 2, bx_ + bsz, y - 1, ch))
            bx_ += bsz
        bx_ += 10
    y += step + 4
    section("DATA DAERAH TUJUAN")
    place(dest)
    section(rng.choice(("KELUARGA YANG PINDAH", "ANGGOTA KELUARGA YANG PINDAH")))
    xs = (x0, x0 + 26, x0 + 170, x1 - 120, x1)
    row_h = size + 11
    for i, t in enumerate(("No", "NIK", "Nama Lengkap", "SHDK")):
        s.centre(y + 3, t, size, bold, xs[i], xs[i + 1])
    rows_n = max(len(movers), 4)
    for r in range(rows_n + 2):
        s.line(x0, y - 2 + r * row_h, x1, y - 2 + r * row_h, 0.6)
    for x_ in xs:
        s.line(x_, y - 2, x_, y - 2 + (rows_n + 1) * row_h, 0.6)
    for r, who in enumerate(movers):
        yy = y - 2 + (r + 1) * row_h + 4
        s.text(xs[0] + 8, yy, str(r + 1), size, face)
        writes.append((xs[1] + 3, xs[2] - 3, yy, who.nik))
        writes.append((xs[2] + 3, xs[3] - 3, yy, who.name))
        writes.append((xs[3] + 3, xs[4] - 3, yy, who.relationship))
    y += (rows_n + 1) * row_h + 14
    bx = w * 0.6
    s.text(bx, y, f"{_mixed(_issue_place(origin))}, ...........................", size, face, max_w=x1 - bx)
    s.text(bx, y + step, "Pemohon,", size, face)
    dpi = rng.uniform(170, 200)
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    tint = np.array(rng.choice(((252, 250, 244), (246, 246, 240))), np.float32) / 255
    rgb = np.asarray(_rgb(pg.img) * tint, np.float32)
    ink = rng.choice(((25, 40, 140), (20, 20, 30), (30, 50, 160)))
    hand = rng.choice(_PRINT)
    height = size * k * rng.uniform(1.0, 1.2)
    for xa, xb, yl, value in writes:
        hh = height * (0.8 if len(value) == 1 else 1.0)
        start = xa * k + rng.uniform(2, 10)
        _fit_write(rgb, start, (yl + size * 0.85) * k - hh, value, hh, xb * k - start, rng, ink, hand)
    for tx, ty in ticks:
        a = (tx * k + 0.15 * size * k, ty * k + 0.55 * size * k)
        b = (tx * k + 0.45 * size * k, ty * k + 0.95 * size * k)
        c = (tx * k + 1.3 * size * k, ty * k - 0.3 * size * k)
        _pen_line(rgb, [a, b, c], max(2, round(k * 0.9)), ink)
    nrng = _noise(rng)
    rgb += nrng.normal(0, 2.0, rgb.shape).astype(np.float32)
    # the applicant's signature in the same ink
    sx, sy = (bx + 10) * k, (y + step + 18) * k
    pts = [(sx + i * 6 * k, sy + rng.uniform(-8, 8) * k) for i in range(14)]
    _pen_line(rgb, pts, max(2, round(k * 0.8)), ink)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", _image(rgb), truth, layout="skpwni-isian-tangan")


# --- SKPWNI: faxed twice, a cover sheet on top -----------------------------------------------------------------

_FAX_W = 1728


def _fax_pass(
    lum: npt.NDArray[np.float32], lines_per_mm: float, tti: str, rng: random.Random
) -> npt.NDArray[np.float32]:
    """One fax transmission of a page image (0-255, any size): 1728 pixels across, `lines_per_mm` rows a
    millimetre down, thresholded, a few lines lost or repeated, the sender's header line on top; returned
    with square pixels (each row repeated) in 0/255."""
    h, w = lum.shape
    rows = round(h / w * 215 * lines_per_mm)
    page = np.asarray(cv2.resize(lum, (_FAX_W, rows), interpolation=cv2.INTER_AREA), np.float32)
    nrng = _noise(rng)
    page += nrng.normal(0, 12, page.shape).astype(np.float32)
    white = (page > rng.uniform(135, 160)).astype(np.uint8)
    for _ in range(rng.randint(2, 6)):
        r = rng.randint(40, rows - 4)
        if rng.random() < 0.5:
            white[r] = 1
        else:
            white[r : r + rng.randint(1, 3)] = white[r - 1]
    strip = Image.new("L", (_FAX_W, 40), 255)
    ImageDraw.Draw(strip).text((24, 6), tti, font=vfont(24, "mono", True), fill=0)
    hrows = max(8, round(40 * lines_per_mm / 8))
    header = np.asarray(strip.resize((_FAX_W, hrows), Image.Resampling.NEAREST), np.uint8) > 128
    white[2 : 2 + hrows] = np.minimum(white[2 : 2 + hrows], header.astype(np.uint8))
    square = cv2.resize(
        white * 255, (_FAX_W, round(rows * 8 / lines_per_mm)), interpolation=cv2.INTER_NEAREST
    )
    return np.asarray(square, np.float32)


def skpwni_faks_sampul(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A fax cover sheet and the certificate (numbered items, the answers typed in another face after a
    colon), faxed on twice: one long image."""
    mv = _move(rng, origin)
    movers = _movers(origin, p, mv.kind)
    number = _skpwni_number(origin, serial)
    faces: Faces = rng.choice(
        (("helvetica", "helvetica-bold"), ("times", "times-bold"), ("bookman", "bookman-demi"))
    )
    face, bold = faces
    answer = rng.choice(("courier", "courier-bold"))
    regency = _region(origin.regency_code)
    dest_regency = _region(dest.regency_code)
    sent = _after(origin.issue_date, rng, 0, 6)
    # the cover sheet
    cover = PdfSheet(595.0, 842.0)
    m = 56.0
    cover.centre(m, "PEMERINTAH " + regency, 13, bold)
    cover.centre(m + 16, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 13, bold)
    cover.line(m, m + 34, 595 - m, m + 34, 1.6)
    cover.centre(m + 60, rng.choice(("FAKSIMILI", "LEMBAR PENGANTAR FAKSIMILI", "FAX")), 22, bold)
    fax_no = f"(0{rng.randint(21, 778)}) {rng.randint(300000, 899999)}"
    rows = [
        ("Kepada", f"Kepala Dinas Kependudukan dan Pencatatan Sipil {_mixed(dest_regency)}"),
        ("No. Faks", fax_no),
        ("Dari", f"Dinas Kependudukan dan Pencatatan Sipil {_mixed(regency)}"),
        ("No. Faks", f"(0{rng.randint(21, 778)}) {rng.randint(300000, 899999)}"),
        ("Tanggal", _date(sent, "long-title")),
        ("Jumlah Halaman", "2 (termasuk halaman ini)"),
        ("Perihal", f"Pengiriman SKPWNI a.n. {_mixed(p.name)}"),
    ]
    y = _label_lines(cover, m + 10, m + 110, rows, 12, faces, m + 130, 595 - m, 26)
    cover.line(m, y + 10, 595 - m, y + 10, 0.8)
    _justified(cover, m + 10, y + 30, 595 - 2 * m - 20,
               [("Bersama ini kami kirimkan Surat Keterangan Pindah Warga Negara Indonesia sebagaimana terlampir "
                 "untuk dapat ditindaklanjuti. Apabila halaman yang diterima tidak lengkap atau tidak terbaca, "
                 "mohon segera menghubungi kami.", face)], 11.5, 18)  # fmt: skip
    # the certificate
    s = PdfSheet(595.0, 842.0)
    s.centre(m - 16, "PEMERINTAH " + regency, 12, bold)
    s.centre(m - 1, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 12, bold)
    s.line(m - 10, m + 14, 595 - m + 10, m + 14, 1.6)
    s.centre(m + 24, "SURAT KETERANGAN PINDAH WNI", 13, bold)
    s.centre(m + 40, "Nomor : " + number, 10, face)
    size = rng.uniform(9.2, 10)
    step = size + rng.uniform(5.5, 7)
    colon = m + rng.uniform(150, 175)
    y = m + 64
    n = 0
    cls = MOVE_CLASSES.index(move_class(origin, dest))

    def lines(title: str, items: Sequence[tuple[str, str]]) -> None:
        nonlocal y, n
        s.text(m - 10, y, title, size + 0.5, bold)
        y += step + 2
        for label, value in items:
            n += 1
            s.text(m, y, f"{n}.", size, face)
            s.text(m + 18, y, label, size, face, max_w=colon - m - 22)
            s.text(colon, y, ":", size, face)
            s.text(colon + 8, y, value, size, answer, max_w=595 - m - colon - 4)
            y += step
        y += 4

    def where(fam: Family) -> list[tuple[str, str]]:
        return [
            ("Alamat", fam.address),
            ("RT/RW", f"{fam.rt}/{fam.rw}"),
            ("Desa/Kelurahan", _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            ("Kabupaten/Kota", _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
            ("Kode Pos", fam.postal_code),
        ]

    lines("DATA DAERAH ASAL", [("Nomor Kartu Keluarga", origin.kk_number), ("Nama Kepala Keluarga", origin.head.name),
                               *where(origin), ("NIK Pemohon", p.nik), ("Nama Lengkap", p.name)])  # fmt: skip
    lines("DATA KEPINDAHAN", [
        ("Alasan Pindah", MOVE_REASONS[mv.reason]),
        ("Klasifikasi Pindah", MOVE_CLASSES[cls]),
        ("Jenis Kepindahan", MOVE_TYPES[mv.kind]),
        ("Rencana Tanggal Pindah", _date(mv.day, rng.choice(("dmy-dash", "long")))),
    ])  # fmt: skip
    lines("DATA DAERAH TUJUAN", where(dest))
    s.text(m - 10, y, "KELUARGA YANG PINDAH", size + 0.5, bold)
    y += step
    for i, who in enumerate(movers, start=1):
        s.text(m, y, f"{i}.", size, face)
        s.text(
            m + 18, y, f"{who.nik}  {who.name}  ({who.relationship})", size, answer, max_w=595 - 2 * m - 18
        )
        y += step
    bx = 330.0
    s.text(
        bx, y + 10, f"{_mixed(_issue_place(origin))}, {_date(origin.issue_date, 'long-title')}", size, face
    )
    s.text(bx, y + 10 + step, "KEPALA DINAS", size, bold)
    s.text(bx, y + 70 + step, rng.choice(_OFFICIALS), size, bold, max_w=595 - m - bx)
    s.text(bx, y + 70 + 2 * step, "NIP. " + _nip(rng), size - 1, face)
    dpi = 200.0
    k = dpi / 72
    cpg = _page_of(s.render(dpi), rng)
    _dinas_ink(cpg, k, bx, y + 14 + step, _issue_place(origin), rng)
    pages = [np.asarray(cover.render(dpi), np.float32), np.asarray(cpg.img, np.float32)]
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

    def tti(day: date, where_from: str, page: int) -> str:
        return (f"{day.day:02d}-{months[day.month - 1]}-{day.year} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}"
                f"   FROM:{where_from[:22]}   TEL:0{rng.randint(21, 778)}{rng.randint(100000, 999999)}   P.{page:02d}/02")  # fmt: skip

    second_day = _after(sent, rng, 0, 3)
    relay = "KEC " + _region(origin.district_code) if rng.random() < 0.6 else "KECAMATAN"
    out = []
    for i, lum in enumerate(pages):
        first = _fax_pass(lum, 7.7, tti(sent, "DISDUKCAPIL " + _issue_place(origin), i + 1), rng)
        # printed at the relay, a little askew, then faxed on at standard resolution
        hh, ww = first.shape
        turn = cv2.getRotationMatrix2D((ww / 2, hh / 2), rng.uniform(-1.5, 1.5), 1.0)
        turn[:, 2] += np.array((rng.uniform(-12, 12), rng.uniform(40, 70)))  # fed late: the headers apart
        printed = cv2.warpAffine(cv2.GaussianBlur(first, (0, 0), 0.9), turn, (ww, hh), borderValue=(255.0,))
        out.append(_fax_pass(np.asarray(printed, np.float32), 3.85, tti(second_day, relay, i + 1), rng))
    gap = np.full((24, _FAX_W), 255, np.float32)
    img = np.vstack([out[0], gap, out[1]])
    page = Image.fromarray(img.astype(np.uint8), "L")
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", page, truth, layout="skpwni-faks-sampul")


ROUND15 = {
    "kk": {"kk-kertas-kontinu": kk_kertas_kontinu, "kk-lembar-kerja": kk_lembar_kerja},
    "akta": {"akta-tulisan-halus": akta_tulisan_halus, "akta-map-terbuka": akta_map_terbuka},
    "ktp": {"ktp-domisili-prosa": ktp_domisili_prosa, "ktp-panggilan-video": ktp_panggilan_video},
    "skpwni": {"skpwni-isian-tangan": skpwni_isian_tangan, "skpwni-faks-sampul": skpwni_faks_sampul},
}
