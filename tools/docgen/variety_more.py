"""A second round of variety layouts (issue 18), written from the real forms' public descriptions before the
extractor was changed, one more per type:

- KK: the electronic KK signed since 2021 (printed on plain A4 HVS, a QR code with the TTE block "ditandatangani
  secara elektronik" in place of the wet signature and stamp, "Dikeluarkan Tanggal" inside the signature block
  on the right, the member columns in the post-2018 order with the longer titles "Golongan Darah", "Status
  Hubungan Dalam Keluarga", "Nama Orang Tua: Ayah / Ibu"), upper-case header labels, a long address broken
  onto a second line.
- SKPWNI: form F-1.03 as Permendagri 108/2019 prints it: sections DATA DAERAH ASAL / DATA KEPINDAHAN / DATA
  DAERAH TUJUAN, RT and RW each in its own box, village and district (regency and province) side by side on
  one row, the postal code one digit per box, the reason, classification and type as a boxed option number
  beside the printed list of options, "Rencana Tanggal Pindah" as Tgl/Bln/Thn boxes.
- KTP-el: the card as most are printed: `Jenis kelamin` and `Gol. Darah` on one row, `Tempat/Tgl Lahir`,
  `Kel/Desa`, RT/RW, Kel/Desa and Kecamatan indented under Alamat, colons aligned or right after the label or
  with no space after them, labels in title or upper case, `Berlaku Hingga : SEUMUR HIDUP`.
- Akta kelahiran: a regency's Kutipan with the sentence in another order: the register number inside the
  sentence, then the sex and name, the parents ("anak kedua dari pasangan suami istri ..."), and the place and
  the date last, the date in words with "tahun" before the year.

Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import random

from tools.docgen.render import (
    KK_TABLE1,
    KK_TABLE2,
    MONTHS,
    RenderedDocument,
    _member_cells,
    _region,
    _sex,
    _table,
    akta_number,
)
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_CLASSES_SHORT,
    MOVE_REASONS,
    MOVE_TYPES_SHORT,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _issued_card_truth,
    _kk_document,
    _move,
    _paragraph,
    _skpwni_truth,
    _wrap,
    format_date,
    move_class,
    number_words,
)
from tools.synthetic.residents import Family, Person

# --- KK: electronic, signed with a certificate (TTE) since 2021 ---------------------------------------------

# The post-2018 column order with the titles the electronic print uses.
_KK_TTE_TABLE1 = tuple(
    (
        {"Gol. Darah": "Golongan Darah", "Jenis Pekerjaan": "Jenis Pekerjaan"}.get(title, title),
        key,
    )
    for title, key in KK_TABLE1
)
_KK_TTE_TABLE2 = tuple(
    (
        {
            "Status Hubungan": "Status Hubungan Dalam Keluarga",
            "No. Paspor": "No. Paspor",
            "Nama Ayah": "Ayah",
            "Nama Ibu": "Ibu",
        }.get(title, title),
        key,
    )
    for title, key in KK_TABLE2
)


def kk_tte(family: Family, rng: random.Random) -> RenderedDocument:
    """The electronic KK (TTE): upper-case header labels with the colon right after or aligned, a long address
    broken onto a second line, the issue date in the signature block on the right above the QR code."""
    pg = Page(3000, 1330 + 2 * 46 * len(family.members), rng.choice(("sans", "condensed")), rng)
    rows = [_member_cells(m) for m in family.members]
    pg.centre(40, "KARTU KELUARGA", 58)
    pg.centre(115, "No. " + family.kk_number, 40)
    upper = rng.random() < 0.5
    aligned = rng.random() < 0.6

    def label(text: str) -> str:
        return text.upper() if upper else text

    left_x, right_x = 100, 1700
    colons = (520, 2060) if aligned else (0, 0)
    y = 210
    addr = _wrap(family.address, 30) if len(family.address) > 30 else [family.address]
    pg.kv(left_x, y, label("Nama Kepala Keluarga"), family.head.name, colons[0], 28, 1600)
    y += 48
    pg.kv(left_x, y, label("Alamat"), addr[0], colons[0], 28, 1600)
    value_x = (colons[0] or left_x + pg.d.textlength(label("Alamat"), font=pg.font(28)) + 8) + 0.9 * 28
    for more in addr[1:]:
        y += 40
        pg.text(value_x, y, more, 28)
    y += 48
    left_rows = [
        (label("RT/RW"), f"{family.rt}/{family.rw}"),
        (label("Desa/Kelurahan"), _region(family.village_code)),
    ]
    for lab, value in left_rows:
        pg.kv(left_x, y, lab, value, colons[0], 28, 1600)
        y += 48
    right_rows = [
        (label("Kecamatan"), _region(family.district_code)),
        (label("Kabupaten/Kota"), _region(family.regency_code)),
        (label("Kode Pos"), family.postal_code),
        (label("Provinsi"), _region(family.province_code)),
    ]
    for i, (lab, value) in enumerate(right_rows):
        pg.kv(right_x, 210 + i * 48, lab, value, colons[1], 28, 2920)
    top = max(y, 210 + 4 * 48) + 50
    y = _table(pg.d, 60, top, 2880, _KK_TTE_TABLE1, rows)
    y = _table(pg.d, 60, y + 50, 2880, _KK_TTE_TABLE2, rows)
    issued = format_date(family.issue_date, rng.choice(("dmy-dash", "dmy-dash", "long")))
    block_x = 2050
    pg.text(block_x, y + 40, "Dikeluarkan Tanggal : " + issued, 24)
    pg.text(block_x, y + 80, "KEPALA DINAS KEPENDUDUKAN DAN", 22)
    pg.text(block_x, y + 110, "PENCATATAN SIPIL " + _region(family.regency_code), 22, max_x=2960)
    pg.qr(block_x, y + 150, 150)
    pg.text(block_x + 170, y + 170, "Ditandatangani secara elektronik", 20)
    pg.text(block_x + 170, y + 200, "oleh Kepala Dinas", 20)
    pg.text(block_x + 170, y + 240, "NIP. 19" + str(rng.randint(10**15, 10**16 - 1))[:16], 20)
    pg.text(
        100,
        pg.h - 60,
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
        "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN",
        18,
    )
    return _kk_document(pg, family, rows, "kk-tte")


# --- SKPWNI: F-1.03 of Permendagri 108/2019 ----------------------------------------------------------------


def _boxes(pg: Page, x: float, y: float, text: str, size: int, per_char: bool) -> float:
    """`text` in one box or one box per character, as a form to be filled in by hand has it."""
    cell = size * 0.95
    if per_char:
        for i, ch in enumerate(text):
            x0 = x + i * (cell + 4)
            pg.d.rectangle((x0, y - 6, x0 + cell, y + size + 6), outline=0, width=2)
            pg.text(x0 + cell * 0.2, y, ch, size)
        return x + len(text) * (cell + 4)
    w = pg.d.textlength(text, font=pg.font(size)) + size
    pg.d.rectangle((x, y - 6, x + w, y + size + 6), outline=0, width=2)
    pg.text(x + size * 0.5, y, text, size)
    return x + w


def _choice(pg: Page, x: int, y: int, label: str, chosen: int, options: tuple[str, ...], size: int) -> int:
    """`label : [n]` and the printed options in two rows (odd numbers above, even below): the form's way."""
    pg.text(x, y, label, size)
    colon = 620
    pg.text(colon, y, ":", size)
    _boxes(pg, colon + 30, y, str(chosen + 1), size, per_char=True)
    small = size - 6
    ox = colon + 100
    col_w = (pg.w - 60 - ox) // -(-len(options) // 2)
    for i, option in enumerate(options):
        row, col = i % 2, i // 2
        pg.text(
            ox + col * col_w,
            y + row * (small + 12),
            f"{i + 1}. {option}",
            small,
            max_x=ox + (col + 1) * col_w - 12,
        )
    return y + 2 * (small + 12) + 18


def _address_block(pg: Page, x: int, y: int, f: Family, size: int, per_char_postcode: bool) -> int:
    """RT and RW in boxes, then two regions on each row, then the postal code in digit boxes."""
    pg.text(x, y, "RT", size)
    end = _boxes(pg, x + 50, y, f.rt, size, per_char=False)
    pg.text(end + 30, y, "RW", size)
    _boxes(pg, end + 90, y, f.rw, size, per_char=False)
    y += size + 30
    pairs = (
        (("Desa/Kelurahan", _region(f.village_code)), ("Kecamatan", _region(f.district_code))),
        (("Kab/Kota", _region(f.regency_code)), ("Provinsi", _region(f.province_code))),
    )
    for (l1, v1), (l2, v2) in pairs:
        pg.kv(x, y, l1, v1, x + 230, size, 1000)
        pg.kv(1040, y, l2, v2, 1220, size, 1640)
        y += size + 26
    pg.text(x, y, "Kode Pos", size)
    pg.text(x + 230, y, ":", size)
    _boxes(pg, x + 260, y, f.postal_code, size, per_char=per_char_postcode)
    pg.text(1040, y, "Telepon", size)
    pg.text(1220, y, ": -", size)
    return y + size + 30


def skpwni_108(origin: Family, dest: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """Three sections, numbered items, boxes for RT/RW, the postal code, the choices and the move date."""
    pg = Page(1700, 2500, rng.choice(("sans", "condensed", "serif")), rng)
    number = _skpwni_number(origin, serial)
    pg.text(1450, 60, "F-1.03", 26, bold=True)
    pg.centre(110, "PEMERINTAH " + _region(origin.regency_code), 32)
    pg.centre(155, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 32)
    pg.d.line((100, 210, pg.w - 100, 210), fill=0, width=4)
    pg.centre(240, "SURAT KETERANGAN PINDAH", 38)
    pg.centre(292, "Nomor: " + number, 28, bold=False)
    mv = _move(rng, origin)
    size, colon = 26, 620
    per_char = rng.random() < 0.5
    y = 370

    def head(text: str) -> None:
        nonlocal y
        pg.d.rectangle((100, y - 8, 1600, y + 38), fill=225)
        pg.text(110, y, text, 28, bold=True)
        y += 62

    def row(label: str, value: str) -> None:
        nonlocal y
        pg.kv(120, y, label, value, colon, size, 1620)
        y += 48

    head("DATA DAERAH ASAL")
    row("1. Nomor Kartu Keluarga", origin.kk_number)
    row("2. Nama Kepala Keluarga", origin.head.name)
    row("3. Alamat", origin.address)
    y = _address_block(pg, 160, y, origin, size, per_char)
    row("4. NIK Pemohon", p.nik)
    row("5. Nama Lengkap", p.name)
    y += 14
    head("DATA KEPINDAHAN")
    reasons = tuple(r.title() for r in MOVE_REASONS)
    y = _choice(pg, 120, y, "1. Alasan Pindah", mv.reason, reasons, size)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    y = _choice(pg, 120, y, "2. Klasifikasi Pindah", cls, MOVE_CLASSES_SHORT, size)
    y = _choice(pg, 120, y, "3. Jenis Kepindahan", mv.kind, MOVE_TYPES_SHORT, size)
    pg.text(120, y, "4. Rencana Tanggal Pindah", size)
    pg.text(colon, y, ":", size)
    if rng.random() < 0.5:
        x = float(colon + 30)
        for part_label, part in (
            ("Tgl", f"{mv.day.day:02d}"),
            ("Bln", f"{mv.day.month:02d}"),
            ("Thn", str(mv.day.year)),
        ):
            end = pg.text(x, y, part_label, size)
            x = _boxes(pg, end + 10, y, part, size, per_char=True) + 30
    else:
        pg.text(colon + 30, y, format_date(mv.day, rng.choice(("dmy-dash", "long-title"))), size)
    y += 60
    head("DATA DAERAH TUJUAN")
    row("1. Alamat Tujuan", dest.address)
    y = _address_block(pg, 160, y, dest, size, per_char)
    pg.text(
        1000, y + 80, _issue_place(origin).title() + ", " + format_date(origin.issue_date, "long-title"), 24
    )
    pg.text(1000, y + 120, "a.n. Kepala Dinas", 24)
    pg.signature(1030, y + 160, 300, 80)
    pg.stamp(1060, y + 180, 115, "DUKCAPIL|" + _issue_place(origin)[:12])
    return RenderedDocument("skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-108")


# --- KTP-el: the usual card, sex and blood type on one row ---------------------------------------------------


def ktp_card_two_column(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card: `Jenis kelamin : X   Gol. Darah : Y` on one row, the address lines indented under Alamat,
    the label case and colon spacing chosen per card, the issue place and date under the photo."""
    pg = Page(1400, 880, rng.choice(("sans", "condensed")), rng, paper=rng.randint(228, 245))
    pg.guilloche(215, 235)
    province, regency = _region(family.province_code), _region(family.regency_code)
    pg.centre(22, "PROVINSI " + province, 34)
    pg.centre(66, regency, 34)
    upper = rng.random() < 0.3
    colon_style = rng.choice(("aligned", "after", "tight"))

    def lab(text: str) -> str:
        return text.upper() if upper else text

    size = 25
    colon_x = 300

    def kv(x: float, y: float, label: str, value: str, cx: float = colon_x) -> None:
        if colon_style == "aligned":
            pg.kv(x, y, label, value, cx, size, 1060)
        elif colon_style == "after":
            pg.text(x, y, f"{label} : {value}", size, max_x=1060)
        else:
            pg.text(x, y, f"{label}: {value}", size, max_x=1060)

    kv(30, 125, lab("NIK"), p.nik)
    place_label = rng.choice(("Tempat/Tgl Lahir", "Tempat/Tgl. Lahir", "Tempat, Tgl Lahir"))
    date_style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash"))
    y = 175.0
    step = 38
    kv(30, y, lab("Nama"), p.name)
    y += step
    kv(30, y, lab(place_label), f"{p.place_of_birth}, {format_date(p.birth_date, date_style)}")
    y += step
    kv(30, y, lab("Jenis kelamin"), _sex(p))
    kv(660, y, lab("Gol. Darah"), _blood(p), 830)
    y += step
    addr = _wrap(family.address, 26)
    kv(30, y, lab("Alamat"), addr[0])
    for more in addr[1:]:
        y += step
        pg.text(colon_x + 22 if colon_style == "aligned" else 160, y, more, size)
    y += step
    for label, value in (
        ("RT/RW", f"{family.rt}/{family.rw}"),
        (rng.choice(("Kel/Desa", "Kel./Desa")), _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
    ):
        kv(70, y, lab(label), value)
        y += step
    for label, value in (
        ("Agama", p.religion),
        ("Status Perkawinan", p.marital_status),
        ("Pekerjaan", p.occupation),
        ("Kewarganegaraan", p.citizenship),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ):
        kv(30, y, lab(label), value)
        y += step
    pg.photo_box(1090, 150, 1360, 500)
    place = _issue_place(family)
    pg.centre(520, place, 22, bold=False, x0=1060, x1=1390)
    pg.centre(555, format_date(family.issue_date, "dmy-dash"), 22, bold=False, x0=1060, x1=1390)
    pg.signature(1110, 610, 220, 60)
    truth = _issued_card_truth(family, p, place)
    return RenderedDocument("ktp", pg.img, truth, layout="ktp-card-2col")


# --- akta kelahiran: another regency's sentence order ------------------------------------------------------

_ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam")


def _date_with_tahun(day: int, month: int, year: int, title: bool) -> str:
    """`DUA PULUH TIGA JUNI TAHUN DUA RIBU DUA BELAS`: the word `tahun` before the year, as many regencies print."""
    text = f"{number_words(day)} {MONTHS[month - 1]} TAHUN {number_words(year)}"
    return text.title() if title else text


def akta_regency_prose(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The register number inside the sentence, the sex and name next, the parents, the place and date last."""
    pg = Page(1700, 2200, rng.choice(("serif", "sans", "condensed")), rng)
    pg.d.rectangle((55, 55, 1644, 2144), outline=50, width=4)
    regency = _region(family.regency_code)
    pg.centre(110, "PEMERINTAH " + regency, 34)
    pg.centre(160, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 30)
    pg.centre(260, "KUTIPAN AKTA KELAHIRAN", 50)
    number = akta_number(family, p, serial)
    pg.text(220, 380, "NIK: " + p.nik, 32)
    title_date = rng.random() < 0.4
    d = p.birth_date
    order = rng.randint(1, 6)
    runs = [
        (
            f"Pejabat Pencatatan Sipil {regency.title()} menerangkan bahwa menurut Register Akta Kelahiran Nomor",
            False,
        ),
        (number, True),
        ("telah dicatat kelahiran seorang anak", False),
        (_sex(p), True),
        ("bernama", False),
        (p.name + ",", True),
        (f"anak {_ORDINALS[order - 1]} dari pasangan suami istri", False),
        (p.father_name, True),
        ("dan", False),
        (p.mother_name + ",", True),
        ("yang lahir di", False),
        (p.place_of_birth, True),
        ("pada tanggal", False),
        (_date_with_tahun(d.day, d.month, d.year, title_date) + ".", True),
    ]
    y = _paragraph(pg, 200, 480, 1300, runs, 34)
    issued = format_date(family.issue_date, "long-title")
    pg.text(900, y + 180, f"Diterbitkan di {_issue_place(family).title()}", 28)
    pg.text(900, y + 225, f"pada tanggal {issued}", 28)
    pg.text(900, y + 270, "Kepala Dinas", 28)
    pg.signature(940, y + 320, 300, 80)
    pg.stamp(900, y + 350, 130, "DISDUKCAPIL|" + _issue_place(family)[:14])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-regency")


__all__ = ["akta_regency_prose", "kk_tte", "ktp_card_two_column", "skpwni_108"]
