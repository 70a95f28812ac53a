"""A third round of variety layouts (issue 18), written from the real forms' public descriptions before the
extractor was changed for them, two per type:

- KTP-el: the card as it is printed (`ktp-card-el`): light blue-green security print in colour, the heading
  centred, the NIK larger in a bold monospaced face, the labels smaller and lighter than the values in the card's
  mixed case (`Tempat/Tgl Lahir`, `Jenis kelamin`, `Gol. Darah`, `Kel/Desa`, `Berlaku Hingga`), RT/RW, Kel/Desa
  and Kecamatan indented under Alamat, the issue place and date under the photo. And the same card scanned on a
  flatbed at 300 dpi (`ktp-scan-a4`): small on an A4 page, a little askew, beside a health-insurance card (KIS)
  with numbers of its own, as offices receive "scan KTP" attachments.
- Akta kelahiran: the bilingual Kutipan of the 2008-2016 forms (`akta-bilingual`): each Indonesian phrase with
  its English gloss in italics under it ("bahwa di / that in", "pada tanggal / on"), values on dotted lines,
  no colons, "anak ke DUA, LAKI-LAKI", the date in words, a second "pada tanggal" for the issue date. And the
  table form with bilingual labels (`akta-table-en`: "Nama / Name", "Tempat Lahir / Place of birth"), the birth
  date in digits and in words, QR code and the electronic-signature (TTE) note of certificates since 2019.
- SKPWNI: a letter of the Dinas (`skpwni-letter`): letterhead with the office's own address and postal code,
  "SURAT KETERANGAN PINDAH WNI", "Nomor: ...", "Yang bertanda tangan di bawah ini ... menerangkan bahwa:", the
  origin in prose, the destination as a label block, the move's facts in a sentence, the family members moving
  as a NIK / Nama / SHDK table, the head of office's NIP. And a SIAK print (`skpwni-siak`): dotted leaders with
  the values flush right, origin and destination side by side, the move date as `12-JUN-2026`, the members table.
- KK: the post-2018 form's tables with two-row grouped headers (`kk-grouped`: "DOKUMEN IMIGRASI" over
  paspor/KITAP, "NAMA ORANG TUA" over Ayah/Ibu), dates `dd/mm/yyyy`, empty cells left blank instead of "-",
  the head of family's name under their signature. And a legalised photocopy of an older dot-matrix KK
  (`kk-salinan`): monospaced print, the second table's columns in another order, toner specks and a dark copier
  edge, a "SESUAI DENGAN ASLINYA" stamp, round stamp and pen marks over the print.

A blank cell on the KK stands for "no value": its truth stays "-", the normalised empty value. Nothing in
`ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from itertools import pairwise

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tools.docgen.render import (
    FONT_DIR,
    KK_TABLE1,
    MONTHS,
    Font,
    RenderedDocument,
    _member_cells,
    _region,
    _sex,
    akta_number,
    skpwni_number,
)
from tools.docgen.variety import (
    MOVE_REASONS,
    MOVE_TYPES,
    Move,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _issued_card_truth,
    _kk_document,
    _kk_header,
    _move,
    _paragraph,
    _skpwni_truth,
    _wrap,
    format_date,
    move_class,
    number_words,
)
from tools.synthetic.residents import Family, Person

# Italic faces for the English glosses, by the page's font family.
_ITALIC = {
    "serif": "DejaVuSerif-Italic",
    "sans": "DejaVuSans-Oblique",
    "condensed": "DejaVuSansCondensed-Oblique",
    "serif-condensed": "DejaVuSerifCondensed-Italic",
    "mono": "DejaVuSansMono-Oblique",
}
# Month abbreviations of a SIAK print (`12-JUN-2026`).
_MON = ("JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGS", "SEP", "OKT", "NOV", "DES")
_OFFICIALS = (
    "Drs. SUGENG RIYADI, M.Si",
    "Dr. Hj. RATNA DEWI ANGGRAENI, S.H., M.H.",
    "Ir. BAMBANG SETIAWAN, M.M.",
    "MUHAMMAD FAUZAN, S.STP., M.Si",
)


@lru_cache(maxsize=64)
def _face(name: str, size: int) -> Font:
    path = FONT_DIR / f"{name}.ttf"
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def _nip(rng: random.Random) -> str:
    """A civil servant's NIP as printed: birth date, appointment month, sex, serial (`19700512 199703 1 004`)."""
    born = f"19{rng.randint(65, 85)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return f"{born} {rng.randint(1990, 2010)}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 20):03d}"


def _official(pg: Page, x: float, y: float, rng: random.Random, size: int = 24) -> None:
    pg.text(x, y, rng.choice(_OFFICIALS), size, bold=True)
    pg.text(x, y + size + 10, "NIP. " + _nip(rng), size)


def _ruled(
    pg: Page, x0: float, y0: float, cols: Sequence[tuple[str, float]], rows: list[list[str]], size: int
) -> float:
    """A small ruled table (title row in bold), each column `(title, width)`; the y under it."""
    row_h = int(size * 2.0)
    xs = [x0]
    for _, width in cols:
        xs.append(xs[-1] + width)
    for i, cells in enumerate([[t for t, _ in cols], *rows]):
        y = y0 + i * row_h
        for (xa, xb), cell in zip(pairwise(xs), cells, strict=True):
            f = pg.fit(cell, size, xb - xa - 20, bold=i == 0)
            pg.d.text((xa + 10, y + row_h * 0.22), cell, font=f, fill=0)
        pg.d.line((xs[0], y, xs[-1], y), fill=0, width=2)
    bottom = y0 + (len(rows) + 1) * row_h
    pg.d.line((xs[0], bottom, xs[-1], bottom), fill=0, width=2)
    for x in xs:
        pg.d.line((x, y0, x, bottom), fill=0, width=2)
    return bottom


# --- KTP-el: the card as printed, and the card scanned on A4 -------------------------------------------------


def _ktp_el_print(family: Family, p: Person, rng: random.Random) -> tuple[Image.Image, str]:
    """The card in grey (ink on white) and its issue place: labels small and lighter, values larger."""
    w, h = 1300, 820
    pg = Page(w, h, rng.choice(("sans", "condensed")), rng, paper=255)
    pg.centre(16, "PROVINSI " + _region(family.province_code), 34)
    pg.centre(58, _region(family.regency_code), 34)
    label_size, value_size = 21, 25
    colon, value_x = 250, 272
    nik_face = _face(rng.choice(("DejaVuSansMono-Bold", "DejaVuSerif-Bold")), 40)
    pg.text(30, 116, "NIK", 34, bold=True)
    pg.text(colon, 116, ":", 34, bold=True)
    pg.d.text((value_x, 112), p.nik, font=nik_face, fill=0)

    def row(x: float, y: float, label: str, value: str, cx: float = colon, max_x: float = 980) -> None:
        # The label sits lower than the larger value, on the same baseline.
        pg.d.text((x, y + 4), label, font=pg.font(label_size), fill=60)
        pg.d.text((cx, y + 4), ":", font=pg.font(label_size), fill=60)
        pg.text(cx + 22, y, value, value_size, max_x=max_x)

    y, step = 176.0, 40.0
    date_style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash"))
    row(30, y, "Nama", p.name)
    y += step
    row(30, y, "Tempat/Tgl Lahir", f"{p.place_of_birth}, {format_date(p.birth_date, date_style)}")
    y += step
    row(30, y, "Jenis kelamin", _sex(p), max_x=600)
    row(620, y, "Gol. Darah", _blood(p), cx=760)
    y += step
    addr = _wrap(family.address, 28)
    row(30, y, "Alamat", addr[0])
    for more in addr[1:]:
        y += step
        pg.text(value_x, y, more, value_size)
    y += step
    for label, value in (
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Kel/Desa", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
    ):
        row(62, y, label, value)
        y += step
    for label, value in (
        ("Agama", p.religion),
        ("Status Perkawinan", p.marital_status),
        ("Pekerjaan", p.occupation),
        ("Kewarganegaraan", p.citizenship),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ):
        row(30, y, label, value)
        y += step
    pg.photo_box(1010, 140, 1260, 460)
    place = _issue_place(family)
    pg.centre(478, place, 20, bold=False, x0=980, x1=1290)
    pg.centre(506, format_date(family.issue_date, "dmy-dash"), 20, bold=False, x0=980, x1=1290)
    pg.signature(1040, 545, 200, 55)
    return pg.img, place


def _coloured(card: Image.Image, rng: random.Random) -> Image.Image:
    """The grey print on the card's tinted guilloche (the phone-photo module's security print)."""
    from tools.docgen.photographed import _card_rgb  # here: it imports the variety set itself

    return Image.fromarray(np.clip(_card_rgb(card, rng), 0, 255).astype(np.uint8), "RGB")


def ktp_card_el(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card itself, in colour, as a scan of the card alone gives it."""
    grey, place = _ktp_el_print(family, p, rng)
    return RenderedDocument(
        "ktp", _coloured(grey, rng), _issued_card_truth(family, p, place), layout="ktp-card-el"
    )


def _kis_card(p: Person, family: Family, rng: random.Random) -> Image.Image:
    """A health-insurance card (KIS) with the same person and numbers of its own: what else lies on the glass."""
    pg = Page(1011, 638, "sans", rng, paper=246)
    pg.d.rectangle((0, 0, 1011, 110), fill=200)
    pg.text(40, 30, "KARTU INDONESIA SEHAT", 36, bold=True)
    pg.text(40, 150, "No. Kartu", 24)
    pg.text(260, 150, ": 0001" + "".join(str(rng.randint(0, 9)) for _ in range(9)), 24)
    pg.text(40, 200, "Nama", 24)
    pg.text(260, 200, ": " + p.name, 24, max_x=990)
    pg.text(40, 250, "NIK", 24)
    pg.text(260, 250, ": " + p.nik, 24)
    pg.text(40, 300, "Tgl. Lahir", 24)
    pg.text(260, 300, ": " + format_date(p.birth_date, "dmy-dash"), 24)
    pg.text(40, 350, "Faskes Tingkat I", 24)
    district = _region(family.district_code).title()
    pg.text(260, 350, ": PUSKESMAS " + district.upper(), 24, max_x=990)
    pg.qr(820, 430, 150)
    rgb = Image.merge(
        "RGB", (pg.img.point(lambda v: int(v * 0.92)), pg.img, pg.img.point(lambda v: int(v * 0.95)))
    )
    return rgb


def _on_glass(page: Image.Image, card: Image.Image, x: int, y: int, angle: float) -> None:
    """Paste a card on the scanner glass: rounded corners, a thin shadow edge, a little askew."""
    from tools.docgen.photographed import _rounded_mask

    mask = Image.fromarray((_rounded_mask(card.width, card.height) * 255).astype(np.uint8), "L")
    edge = Image.new("RGB", card.size, (150, 150, 150))
    shadow_mask = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    page.paste(edge.rotate(angle, expand=True), (x + 3, y + 4), shadow_mask)
    page.paste(
        card.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 250)),
        (x, y),
        shadow_mask,
    )


def ktp_scan_a4(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card scanned at 300 dpi on an A4 page (85.6 mm = 1011 px), beside the person's KIS card."""
    grey, place = _ktp_el_print(family, p, rng)
    card = _coloured(grey, rng).resize((1011, 638), Image.Resampling.LANCZOS)
    page = Image.new("RGB", (2480, 3508), (250, 250, 249))
    _on_glass(page, card, rng.randint(160, 420), rng.randint(180, 360), rng.uniform(-2.5, 2.5))
    _on_glass(
        page, _kis_card(p, family, rng), rng.randint(160, 900), rng.randint(1250, 1500), rng.uniform(-3, 3)
    )
    return RenderedDocument("ktp", page, _issued_card_truth(family, p, place), layout="ktp-scan-a4")


# --- akta kelahiran: bilingual prose and a bilingual table ---------------------------------------------------


def _gloss(pg: Page, x: float, y: float, text: str, size: int, centre: float = 0) -> None:
    """The English gloss under an Indonesian phrase (or centred on x = `centre`): italic, smaller, lighter."""
    f = _face(_ITALIC[pg.family], size)
    if centre:
        x = centre - pg.d.textlength(text, font=f) / 2
    pg.d.text((x, y), text, font=f, fill=70)


def _value_lines(pg: Page, text: str, size: int, width: float) -> list[str]:
    """`text` broken where it would overrun the dotted line, as a typist carries it to the next line."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and pg.d.textlength(trial, font=pg.font(size, True)) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return [*lines, cur]


def _dots(pg: Page, x0: float, x1: float, y: float) -> None:
    for x in range(int(x0), int(x1), 12):
        pg.d.ellipse((x, y, x + 3, y + 3), fill=110)


def akta_bilingual(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The 2008-2016 Kutipan: Indonesian phrase left with its English gloss under it, the value on a dotted
    line to the right; no colons; the sex after the birth order; the issue place and date in the same manner."""
    pg = Page(1700, 2300, rng.choice(("serif", "sans", "serif-condensed")), rng, paper=rng.randint(244, 252))
    pg.d.rectangle((50, 50, 1649, 2249), outline=70, width=6)
    heads = (
        ("REPUBLIK INDONESIA", "REPUBLIC OF INDONESIA", 40),
        ("PENCATATAN SIPIL", "CIVIL REGISTRY", 34),
        ("WARGA NEGARA : INDONESIA", "NATIONALITY", 28),
        ("KUTIPAN AKTA KELAHIRAN", "EXTRACT OF BIRTH CERTIFICATE", 48),
    )
    y = 110.0
    for indo, eng, size in heads:
        pg.centre(y, indo, size)
        _gloss(pg, 0, y + size + 8, eng, int(size * 0.6), centre=pg.w / 2)
        y += size + 70
    pg.kv(200, y + 20, "NIK", p.nik, 0, 30, 1500)
    number = akta_number(family, p, serial)
    order = rng.randint(1, 6)
    rows = (
        ("Berdasarkan Akta Kelahiran Nomor", "By virtue of Birth Certificate No.", number),
        ("bahwa di", "that in", p.place_of_birth),
        ("pada tanggal", "on", format_date(p.birth_date, "words")),
        ("telah lahir", "was born", p.name),
        ("anak ke", "child no.", f"{number_words(order)}, {_sex(p)}"),
        ("dari ayah", "from father", p.father_name),
        ("dan ibu", "and mother", p.mother_name),
    )
    y += 130
    size, vx = 32, 760
    for indo, eng, value in rows:
        pg.text(180, y, indo, size - 2)
        _gloss(pg, 180, y + size + 6, eng, 20)
        for line in _value_lines(pg, value, size, 1560 - vx):
            pg.text(vx, y - 4, line, size, bold=True)
            _dots(pg, vx, 1560, y + size + 6)
            y += size + 28
        y += 44
    issued = format_date(family.issue_date, rng.choice(("long-title", "dmy-dash")))
    y += 60
    pg.text(820, y, "Kutipan ini dikeluarkan di " + _issue_place(family).title(), 26)
    _gloss(pg, 820, y + 32, "This extract is issued in", 18)
    pg.text(820, y + 70, "pada tanggal " + issued, 26)
    _gloss(pg, 820, y + 102, "on", 18)
    pg.text(820, y + 150, "PEJABAT PENCATATAN SIPIL", 26, bold=True)
    _gloss(pg, 820, y + 182, "Civil Registrar", 18)
    pg.signature(860, y + 220, 320, 90)
    pg.stamp(900, y + 150, 130, "DISDUKCAPIL|" + _issue_place(family)[:14])
    _official(pg, 820, y + 330, rng)
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-bilingual")


def akta_table_en(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A ruled two-column table with bilingual labels ("Nama / Name"), the birth date in digits and words,
    a QR code and the electronic-signature note of certificates signed with TTE since 2019."""
    family_font = rng.choice(("sans", "condensed", "serif-condensed"))
    pg = Page(1700, 2300, family_font, rng)
    pg.qr(1390, 70, 200)
    pg.centre(110, "REPUBLIK INDONESIA", 38, x1=1380)
    pg.centre(175, "KUTIPAN AKTA KELAHIRAN", 46, x1=1380)
    _gloss(pg, 0, 235, "EXTRACT OF BIRTH CERTIFICATE", 28, centre=690)
    number = akta_number(family, p, serial)
    order = rng.randint(1, 6)
    birth = p.birth_date
    digits = format_date(birth, rng.choice(("dmy-dash", "dmy-slash")))
    words = f"{number_words(birth.day)} {MONTHS[birth.month - 1]} {number_words(birth.year)}"
    if rng.random() < 0.5:
        words = words.title()
    rows = [
        ("Nomor Akta Kelahiran", "Birth Certificate No.", [number]),
        ("Nomor Induk Kependudukan", "Personal Identity No.", [p.nik]),
        ("Nama", "Name", [p.name]),
        ("Tempat Lahir", "Place of birth", [p.place_of_birth]),
        ("Tanggal Lahir", "Date of birth", [digits, f"({words})"]),
        ("Jenis Kelamin", "Sex", [_sex(p)]),
        ("Anak ke", "Child no.", [f"{order} ({number_words(order).title()})"]),
        ("Nama Ayah", "Father's name", [p.father_name]),
        ("Nama Ibu", "Mother's name", [p.mother_name]),
        ("Kewarganegaraan", "Nationality", ["INDONESIA"]),
    ]
    inline = rng.random() < 0.5  # "Nama / Name" on one line, or the English under the Indonesian
    x0, xm, x1 = 110, 720, 1590
    y = 330.0
    size = 28
    pg.d.line((x0, y, x1, y), fill=0, width=3)
    for indo, eng, values in rows:
        lines = [line for v in values for line in _value_lines(pg, v, size, x1 - xm - 40)]
        h = max(2 if not inline else 1, len(lines)) * (size + 18) + 24
        if inline:
            end = pg.text(x0 + 18, y + 14, indo + " / ", size - 2)
            f = _face(_ITALIC[family_font], size - 4)
            pg.d.text((end, y + 16), eng, font=f, fill=60)
        else:
            pg.text(x0 + 18, y + 12, indo, size - 2)
            _gloss(pg, x0 + 18, y + 14 + size + 4, eng, size - 8)
        for i, line in enumerate(lines):
            pg.text(xm + 20, y + 12 + i * (size + 18), line, size, max_x=x1 - 10)
        y += h
        pg.d.line((x0, y, x1, y), fill=0, width=2)
    top = 330
    for x in (x0, xm, x1):
        pg.d.line((x, top, x, y), fill=0, width=3 if x != xm else 2)
    issued = format_date(family.issue_date, "long-title")
    pg.text(900, y + 80, f"Dikeluarkan di / Issued in : {_issue_place(family).title()}", 24)
    pg.text(900, y + 120, f"Tanggal / Date : {issued}", 24)
    pg.text(900, y + 170, "PEJABAT PENCATATAN SIPIL", 24, bold=True)
    pg.qr(900, int(y) + 215, 150)
    pg.text(1070, y + 230, "Ditandatangani secara", 20)
    pg.text(1070, y + 258, "elektronik", 20)
    _official(pg, 900, y + 390, rng, 22)
    pg.text(
        110,
        pg.h - 90,
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan",
        18,
    )
    pg.text(110, pg.h - 62, "oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN", 18)
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-table-en")


# --- SKPWNI: a letter of the Dinas, and a SIAK print with leaders ------------------------------------------


def _movers(family: Family, p: Person, mv: Move) -> list[Person]:
    """Who moves with the applicant, by the move's type: the applicant alone, or more of the family."""
    if mv.kind == 1:
        return list(family.members)
    if mv.kind == 2:
        return [
            m for i, m in enumerate(family.members) if m is p or m.relationship == "KEPALA KELUARGA" or i % 2
        ]
    return [p]


def _members_table(pg: Page, x0: float, y: float, movers: list[Person], size: int) -> float:
    rows = [[str(i + 1), m.nik, m.name, m.relationship] for i, m in enumerate(movers)]
    cols = (("No", 70.0), ("NIK", 380.0), ("Nama Lengkap", 620.0), ("SHDK", 400.0))
    return _ruled(pg, x0, y, cols, rows, size)


def _letterhead(pg: Page, origin: Family, rng: random.Random) -> None:
    """Kop surat: an emblem, the government and office, the office's own street, phone and postal code."""
    pg.d.ellipse((110, 50, 270, 220), outline=40, width=5)
    pg.d.polygon([(190, 80), (240, 160), (190, 200), (140, 160)], outline=40, width=4)
    pg.centre(55, "PEMERINTAH " + _region(origin.regency_code), 32, x0=260, x1=pg.w)
    pg.centre(100, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34, x0=260, x1=pg.w)
    office_post = origin.postal_code[:3] + f"{rng.randint(10, 99)}"
    street = rng.choice(("Jl. Pahlawan", "Jl. Diponegoro", "Jl. Ahmad Yani", "Jl. Veteran"))
    phone = f"({rng.randint(21, 999):04d}) {rng.randint(300000, 899999)}"
    pg.centre(
        155, f"{street} No. {rng.randint(1, 120)} Telp. {phone} Kode Pos {office_post}", 22, False, 260, pg.w
    )
    pg.d.line((100, 235, pg.w - 100, 235), fill=0, width=6)
    pg.d.line((100, 245, pg.w - 100, 245), fill=0, width=2)


def skpwni_letter(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The Dinas's letter: the origin in a sentence, the destination as a block, the move in a sentence, the
    members moving in a table."""
    pg = Page(1700, 2800, rng.choice(("serif", "sans")), rng)
    _letterhead(pg, origin, rng)
    number = skpwni_number(origin, serial)
    pg.centre(290, "SURAT KETERANGAN PINDAH WNI", 36)
    title_w = pg.d.textlength(
        "SURAT KETERANGAN PINDAH WNI", font=pg.fit("SURAT KETERANGAN PINDAH WNI", 36, 1580, True)
    )
    pg.d.line(((pg.w - title_w) / 2, 334, (pg.w + title_w) / 2, 334), fill=0, width=2)
    pg.centre(348, "Nomor: " + number, 28, bold=False)
    mv = _move(rng, origin)
    size = 28
    regency = _region(origin.regency_code).title()
    y = _paragraph(
        pg,
        140,
        440,
        1420,
        [
            (
                f"Yang bertanda tangan di bawah ini, Kepala Dinas Kependudukan dan Pencatatan Sipil {regency},",
                False,
            ),
            ("menerangkan bahwa:", False),
        ],
        size,
    )
    for label, value in (
        ("Nama Lengkap", p.name),
        ("NIK", p.nik),
        ("Nomor Kartu Keluarga", origin.kk_number),
        ("Nama Kepala Keluarga", origin.head.name),
    ):
        pg.kv(200, y, label, value, 600, size, 1600)
        y += 50
    y += 20
    runs = [
        ("adalah benar penduduk yang beralamat di", False),
        (origin.address + ",", True),
        ("RT", False),
        (origin.rt, True),
        ("RW", False),
        (origin.rw + ",", True),
        ("Desa/Kelurahan", False),
        (_region(origin.village_code) + ",", True),
        ("Kecamatan", False),
        (_region(origin.district_code) + ",", True),
        (_region(origin.regency_code) + ",", True),
        ("Provinsi", False),
        (_region(origin.province_code) + ",", True),
        ("Kode Pos", False),
        (origin.postal_code + ",", True),
        ("yang akan pindah ke alamat:", False),
    ]
    y = _paragraph(pg, 140, y, 1420, runs, size) + 10
    for label, value in (
        ("Alamat Tujuan", dest.address),
        ("RT/RW", f"{dest.rt}/{dest.rw}"),
        ("Desa/Kelurahan", _region(dest.village_code)),
        ("Kecamatan", _region(dest.district_code)),
        ("Kabupaten/Kota", _region(dest.regency_code)),
        ("Provinsi", _region(dest.province_code)),
        ("Kode Pos", dest.postal_code),
    ):
        pg.kv(200, y, label, value, 600, size, 1600)
        y += 50
    y += 20
    runs = [
        ("Kepindahan tersebut dengan alasan", False),
        (MOVE_REASONS[mv.reason] + ",", True),
        ("klasifikasi kepindahan", False),
        (move_class(origin, dest) + ",", True),
        ("jenis kepindahan", False),
        (MOVE_TYPES[mv.kind] + ",", True),
        ("dengan rencana tanggal pindah", False),
        (format_date(mv.day, rng.choice(("long-title", "long"))) + ".", True),
        ("Adapun anggota keluarga yang pindah sebagai berikut:", False),
    ]
    y = _paragraph(pg, 140, y, 1420, runs, size) + 10
    y = int(_members_table(pg, 140, y, _movers(origin, p, mv), 24))
    y = _paragraph(
        pg,
        140,
        y + 40,
        1420,
        [("Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.", False)],
        size,
    )
    place = _issue_place(origin).title()
    pg.text(950, y + 40, f"{place}, {format_date(origin.issue_date, 'long-title')}", 26)
    pg.text(950, y + 80, "KEPALA DINAS KEPENDUDUKAN DAN", 24, bold=True)
    pg.text(950, y + 112, "PENCATATAN SIPIL", 24, bold=True)
    pg.signature(990, y + 160, 320, 90)
    pg.stamp(960, y + 180, 125, "DISDUKCAPIL|" + _issue_place(origin)[:12])
    _official(pg, 950, y + 280, rng)
    return RenderedDocument(
        "skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-letter"
    )


def _leader(pg: Page, x0: float, x1: float, y: float, label: str, value: str, size: int) -> None:
    """`Label ........ VALUE` with the value flush right at `x1`."""
    end = pg.text(x0, y, label, size)
    f = pg.fit(value, size, (x1 - end) - 40)
    vw = pg.d.textlength(value, font=f)
    pg.d.text((x1 - vw, y), value, font=f, fill=0)
    for x in range(int(end + 12), int(x1 - vw - 14), 11):
        pg.d.ellipse((x, y + size - 4, x + 3, y + size - 1), fill=90)


def _siak_date(day: date, upper: bool) -> str:
    mon = _MON[day.month - 1]
    return f"{day.day:02d}-{mon}-{day.year}" if upper else f"{day.day:02d} {mon.title()} {day.year}"


def skpwni_siak(origin: Family, dest: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A SIAK print: leaders with values flush right, origin and destination side by side, SIAK dates."""
    pg = Page(1700, 2500, rng.choice(("mono", "condensed", "sans")), rng)
    number = skpwni_number(origin, serial)
    pg.text(110, 60, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 26, bold=True)
    pg.text(110, 96, _region(origin.regency_code), 26, bold=True)
    pg.centre(180, "SURAT KETERANGAN PINDAH WNI", 38)
    pg.centre(232, "Antar Kabupaten/Kota atau Antar Provinsi", 26, bold=False)
    pg.centre(276, "No. " + number, 28, bold=False)
    mv = _move(rng, origin)
    size = 25
    y = 360.0
    for label, value in (
        ("NIK Pemohon", p.nik),
        ("Nama Lengkap", p.name),
        ("No. Kartu Keluarga", origin.kk_number),
        ("Nama Kepala Keluarga", origin.head.name),
    ):
        _leader(pg, 110, 1590, y, label, value, size)
        y += 48
    y += 40
    cols = ((110.0, 820.0, "DAERAH ASAL", origin), (880.0, 1590.0, "DAERAH TUJUAN", dest))
    for x0, x1, head, _ in cols:
        pg.text(x0, y, head, 27, bold=True)
        pg.d.line((x0, y + 38, x1, y + 38), fill=0, width=2)
    y += 60
    for i in range(7):
        for x0, x1, _, fam in cols:
            label, value = (
                ("Alamat", fam.address),
                ("RT / RW", f"{fam.rt} / {fam.rw}"),
                ("Kel/Desa", _region(fam.village_code)),
                ("Kecamatan", _region(fam.district_code)),
                ("Kab/Kota", _region(fam.regency_code)),
                ("Provinsi", _region(fam.province_code)),
                ("Kode Pos", fam.postal_code),
            )[i]
            _leader(pg, x0, x1, y, label, value, size - 1)
        y += 46
    y += 40
    upper = rng.random() < 0.6
    for label, value in (
        ("Alasan Pindah", MOVE_REASONS[mv.reason]),
        ("Klasifikasi Kepindahan", move_class(origin, dest)),
        ("Jenis Kepindahan", MOVE_TYPES[mv.kind]),
        ("Tanggal Pindah", _siak_date(mv.day, upper)),
    ):
        _leader(pg, 110, 1590, y, label, value, size)
        y += 48
    y += 40
    pg.text(110, y, "KELUARGA YANG PINDAH", 26, bold=True)
    y = _members_table(pg, 110, y + 50, _movers(origin, p, mv), 22)
    pg.text(1000, y + 70, f"{_issue_place(origin).title()}, {_siak_date(origin.issue_date, upper)}", 24)
    pg.text(1000, y + 108, "a.n. KEPALA DINAS", 24, bold=True)
    pg.signature(1030, y + 150, 300, 80)
    pg.stamp(1010, y + 170, 120, "DUKCAPIL|" + _issue_place(origin)[:12])
    _official(pg, 1000, y + 260, rng, 22)
    return RenderedDocument(
        "skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-siak"
    )


# --- KK: grouped headers, and a legalised photocopy of a dot-matrix print ------------------------------------

Column = tuple[str, str]  # (title, member key or "No")
Group = tuple[str, int, int]  # (title over columns first..last, inclusive)


def _cells(p: Person, date_style: str, blank: bool) -> dict[str, tuple[str, str]]:
    """`_member_cells` printed another way: dates in `date_style`, "-" cells left empty when `blank`."""
    cells = dict(_member_cells(p))
    cells["birth_date"] = (format_date(p.birth_date, date_style), cells["birth_date"][1])
    if p.marriage_date:
        cells["marriage_date"] = (format_date(p.marriage_date, date_style), cells["marriage_date"][1])
    if blank:
        cells = {k: ("" if printed == "-" else printed, truth) for k, (printed, truth) in cells.items()}
    return cells


def _kk_table(
    pg: Page,
    x0: int,
    y0: int,
    width: int,
    columns: Sequence[Column],
    groups: Sequence[Group],
    rows: list[dict[str, tuple[str, str]]],
    size: int = 22,
) -> int:
    """A member table with optional group titles spanning columns (two header rows), in the page's font."""
    body, head = pg.font(size), pg.font(size - 3, True)
    pad = 12
    texts = [[str(i + 1) if k == "No" else r[k][0] for i, r in enumerate(rows)] for _, k in columns]
    need = [
        max([pg.d.textlength(t, font=body) for t in col] + [pg.d.textlength(title, font=head)]) + 2 * pad
        for (title, _), col in zip(columns, texts, strict=True)
    ]
    spare = max(0.0, width - sum(need))
    xs = [float(x0)]
    for wd in need:
        xs.append(xs[-1] + wd + spare * wd / sum(need))
    band = 40
    head_h = 2 * band if groups else 56
    row_h = 46
    y_end = y0 + head_h + row_h * len(rows)
    grouped = {i for _, a, b in groups for i in range(a, b + 1)}
    for i, x in enumerate(xs):
        inner = any(a < i <= b for _, a, b in groups)  # a rule between two columns of one group
        pg.d.line((x, y0 + (band if inner else 0), x, y_end), fill=0, width=2)
    for y in (y0, y0 + head_h, y_end):
        pg.d.line((xs[0], y, xs[-1], y), fill=0, width=3)
    for title, a, b in groups:
        pg.d.line((xs[a], y0 + band, xs[b + 1], y0 + band), fill=0, width=2)
        tw = pg.d.textlength(title, font=head)
        pg.d.text(((xs[a] + xs[b + 1] - tw) / 2, y0 + 9), title, font=head, fill=0)
    for i, (title, _) in enumerate(columns):
        ty = y0 + band + 9 if i in grouped else y0 + (head_h - size) / 2
        tw = pg.d.textlength(title, font=head)
        pg.d.text(((xs[i] + xs[i + 1] - tw) / 2, ty), title, font=head, fill=0)
    for r, _ in enumerate(rows):
        y = y0 + head_h + r * row_h + 10
        for i in range(len(columns)):
            text = texts[i][r]
            f = pg.fit(text, size, xs[i + 1] - xs[i] - 2 * pad)
            pg.d.text((xs[i] + pad, y), text, font=f, fill=0)
        pg.d.line((xs[0], y - 10 + row_h, xs[-1], y - 10 + row_h), fill=0, width=1)
    return y_end


# The standard first table with the post-2018 form's longer blood-type title.
_KK18_T1: tuple[Column, ...] = (*KK_TABLE1[:-1], ("Golongan Darah", "blood_type"))
_KK18_T2: tuple[Column, ...] = (
    ("No", "No"),
    ("Status Perkawinan", "marital_status"),
    ("Tanggal Perkawinan", "marriage_date"),
    ("Status Hubungan Dalam Keluarga", "relationship"),
    ("Kewarganegaraan", "citizenship"),
    ("No. Paspor", "passport_number"),
    ("No. KITAP", "kitap_number"),
    ("Ayah", "father_name"),
    ("Ibu", "mother_name"),
)
_KK18_GROUPS: tuple[Group, ...] = (("DOKUMEN IMIGRASI", 5, 6), ("NAMA ORANG TUA", 7, 8))


def _kk_head(
    pg: Page, family: Family, top: int, size: int, colons: tuple[int, int], word: Callable[[str], str]
) -> None:
    """The header's two columns (`Kode Pos` above `Provinsi` on the right), each label as `word` prints it."""
    rows = _kk_header(family)
    left, right = rows[:4], [rows[4], rows[5], rows[7], rows[6]]
    for i, ((l1, v1), (l2, v2)) in enumerate(zip(left, right, strict=True)):
        pg.kv(100, top + i * 48, word(l1), v1, colons[0], size, 1550)
        pg.kv(1700, top + i * 48, word(l2), v2, colons[1], size, 2920)


def kk_grouped(family: Family, rng: random.Random) -> RenderedDocument:
    """Post-2018 tables with grouped headers, `dd/mm/yyyy`, blank cells, two signature blocks."""
    n = len(family.members)
    pg = Page(3000, 1350 + 2 * 46 * n, rng.choice(("sans", "condensed")), rng)
    style = rng.choice(("dmy-slash", "dmy-slash", "dmy-dot"))
    rows = [_cells(m, style, blank=True) for m in family.members]
    pg.centre(40, "KARTU KELUARGA", 60)
    pg.centre(120, "No. " + family.kk_number, 40)
    upper = rng.random() < 0.5
    _kk_head(pg, family, 210, 27, (520, 2060), lambda label: label.upper() if upper else label)
    y = _kk_table(pg, 60, 430, 2880, _KK18_T1, (), rows)
    y = _kk_table(pg, 60, y + 50, 2880, _KK18_T2, _KK18_GROUPS, rows)
    issued = format_date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash")))
    pg.text(1150, y + 40, "Dikeluarkan Tanggal : " + issued, 26)
    pg.text(250, y + 110, "KEPALA KELUARGA", 24, bold=True)
    pg.signature(260, y + 150, 260, 70)
    pg.text(250, y + 240, family.head.name, 24)
    pg.text(2050, y + 110, "KEPALA DINAS KEPENDUDUKAN DAN", 22, bold=True)
    pg.text(2050, y + 140, "PENCATATAN SIPIL " + _region(family.regency_code), 22, bold=True, max_x=2960)
    pg.signature(2100, y + 180, 320, 80)
    pg.stamp(2080, y + 200, 110, "DUKCAPIL|" + _issue_place(family)[:12])
    _official(pg, 2050, y + 280, rng, 22)
    return _kk_document(pg, family, rows, "kk-grouped")


_KK_OLD_T2: tuple[Column, ...] = (
    ("No", "No"),
    ("Status Perkawinan", "marital_status"),
    ("Status Hub. Dlm Keluarga", "relationship"),
    ("Kewarganegaraan", "citizenship"),
    ("No. Paspor", "passport_number"),
    ("No. KITAS/KITAP", "kitap_number"),
    ("Nama Ayah", "father_name"),
    ("Nama Ibu", "mother_name"),
    ("Tgl. Perkawinan", "marriage_date"),
)


def _photocopied(img: Image.Image, rng: random.Random) -> Image.Image:
    """What a copier does: toner spreads (strokes thicken), the paper greys, specks, a dark edge band."""
    img = img.filter(ImageFilter.MinFilter(3)) if rng.random() < 0.6 else img
    arr = np.asarray(img, np.float32)
    h, w = arr.shape
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr = 40 + arr * (rng.uniform(0.78, 0.86))  # grey paper, less contrast
    specks = nrng.random((h, w)) < 0.0006
    arr[specks] = nrng.uniform(20, 90, int(specks.sum()))
    edge = rng.randint(30, 70)
    ramp = np.linspace(0.35, 1.0, edge, dtype=np.float32)
    if rng.random() < 0.5:
        arr[:, :edge] *= ramp[None, :]
    else:
        arr[:, w - edge :] *= ramp[::-1][None, :]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.6))


def _legalised(pg: Page, x: int, y: int, family: Family, rng: random.Random) -> None:
    """The legalisation: a boxed "SESUAI DENGAN ASLINYA" stamp, a hand-written date, a signature, the round stamp."""
    layer, d = pg.ink_layer()
    ink = rng.randint(90, 150)
    d.rectangle((x, y, x + 640, y + 210), outline=ink, width=4)
    for i, line in enumerate(("TELAH DILEGALISIR", "SESUAI DENGAN ASLINYA", "Tgl. ............")):
        f = _face("DejaVuSans-Bold", 30)
        d.text((x + (640 - d.textlength(line, font=f)) / 2, y + 20 + i * 60), line, font=f, fill=ink)
    pg.overlay(layer.rotate(rng.uniform(-6, 6), center=(x + 320, y + 105), fillcolor=255))
    _scribble(pg, x + 360, y + 140, 200, 30, rng)  # the date written in by hand over the dots
    pg.signature(x + 140, y + 230, 300, 90)
    pg.stamp(x + 120, y + 260, 115, "DUKCAPIL|" + _issue_place(family)[:12])


def _scribble(pg: Page, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
    """Hand-written marks: loops of a pen, slanted, of a ballpoint's grey."""
    layer, d = pg.ink_layer()
    pts = []
    for i in range(60):
        t = i / 59
        pts.append((x + w * t + 10 * np.sin(t * 25), y + h / 2 * np.cos(t * 25) + rng.uniform(-3, 3)))
    d.line(pts, fill=rng.randint(50, 100), width=3, joint="curve")
    pg.overlay(layer)


def _pen_marks(pg: Page, family: Family, rng: random.Random, row_y: int) -> None:
    """A tick at a member's row, a ring around the KK number, the head's name underlined."""
    layer, d = pg.ink_layer()
    ink = rng.randint(40, 100)
    d.line([(20, row_y + 20), (34, row_y + 38), (58, row_y - 4)], fill=ink, width=4, joint="curve")
    d.ellipse((1000, 95, 2000, 185), outline=ink, width=3)
    d.line([(560, 262), (1100, 258 + rng.randint(-4, 4))], fill=ink, width=3)
    pg.overlay(layer)


def kk_salinan(family: Family, rng: random.Random) -> RenderedDocument:
    """A photocopy of a dot-matrix KK, legalised: monospaced print, the second table in another order."""
    n = len(family.members)
    pg = Page(3000, 1400 + 2 * 46 * n, "mono", rng)
    blank = rng.random() < 0.5  # some prints leave empty cells empty, others print "-"
    rows = [_cells(m, "dmy-dash", blank) for m in family.members]
    pg.centre(40, "KARTU KELUARGA", 56)
    pg.centre(120, "No. " + family.kk_number, 40)
    old_words = {"Desa/Kelurahan": "Kelurahan/Desa", "Provinsi": "Propinsi"}
    _kk_head(pg, family, 220, 26, (0, 1980), lambda label: old_words.get(label, label))
    y = _kk_table(pg, 60, 440, 2880, _KK18_T1, (), rows, size=21)
    y = _kk_table(pg, 60, y + 50, 2880, _KK_OLD_T2, (), rows, size=21)
    pg.kv(100, y + 40, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-dash"), 0, 26, 1400)
    pg.text(2000, y + 40, "KEPALA DINAS KEPENDUDUKAN DAN", 22)
    pg.text(2000, y + 70, "PENCATATAN SIPIL", 22)
    pg.text(100, y + 120, "LEMBAR I : KEPALA KELUARGA  II : RT  III : DESA/KELURAHAN  IV : KECAMATAN", 20)
    pg.img = _photocopied(pg.img, rng)
    pg.d = ImageDraw.Draw(pg.img)
    applicant = rng.randrange(n)
    _pen_marks(pg, family, rng, 440 + 56 + 46 * applicant)
    _legalised(pg, rng.randint(1900, 2250), y - 40, family, rng)  # over the table's last row and the signer
    return _kk_document(pg, family, rows, "kk-salinan")


__all__ = [
    "akta_bilingual",
    "akta_table_en",
    "kk_grouped",
    "kk_salinan",
    "ktp_card_el",
    "ktp_scan_a4",
    "skpwni_letter",
    "skpwni_siak",
]
