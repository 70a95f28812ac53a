"""A variety set: the four document types in layouts other than `render.py`'s, to judge layout independence.

Layouts follow the public descriptions of the real forms, several per type:

- KTP-el: the card in a serif print over a guilloche background with a wrapped address; the digital ID
  (IKD) screen with each label above its value; a photocopy enlarged on A4 with a "sesuai aslinya" stamp.
- Akta kelahiran: the "Kutipan" prose form ("Bahwa di ... pada tanggal TUJUH MEI DUA RIBU SEBELAS telah
  lahir ..."), an older prose form ("suami-isteri"), a register form with other label wordings, and a
  Kutipan of the 1980s-90s (the register's own number `1234/U/1992`, the Staatsblad basis, the date before
  the place: "pada tanggal ... telah lahir di PLACE, seorang anak ... yang diberi nama ...").
- SKPWNI: form F-1.03 (numbered items, the destination inside DATA KEPINDAHAN, reason, classification and
  type as printed choices), origin/destination sections with other wordings, and a table with one column
  for the origin and one for the destination.
- KK: the 2018 form with a QR code, the electronic KK (signed since 2021: a QR code instead of a signature),
  and the older form (number as "No. :", "Propinsi").

Each page also varies font family, date format, label wording and stamps or signatures over text; degrade it
with `degrade.degrade` like any page. The ground truth is normalised as `ektp.ocr` normalises. Nothing in
`ektp.ocr` may know these layouts: they exist to measure it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFont

from tools.docgen.render import (
    FONT_DIR,
    KK_TABLE1,
    KK_TABLE2,
    MONTHS,
    Font,
    RenderedDocument,
    _member_cells,
    _region,
    _sex,
    _table,
    akta_number,
    skpwni_number,
)
from tools.synthetic.residents import Family, Person, generate_families

FAMILIES = {
    "sans": ("DejaVuSans", "DejaVuSans-Bold"),
    "serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "mono": ("DejaVuSansMono", "DejaVuSansMono-Bold"),
    "condensed": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
    "serif-condensed": ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold"),
}

# --- Indonesian numbers and dates ------------------------------------------------------------------------

_UNITS = ("", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN")


def number_words(n: int) -> str:
    """0 < n < 10000 in Indonesian words, as a certificate spells it: 2011 -> DUA RIBU SEBELAS."""
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "SEPULUH"
    if n == 11:
        return "SEBELAS"
    if n < 20:
        return f"{_UNITS[n - 10]} BELAS"
    parts: list[str] = []
    for size, one, many in ((1000, "SERIBU", "RIBU"), (100, "SERATUS", "RATUS")):
        if n >= size:
            head, n = divmod(n, size)
            parts.append(one if head == 1 else f"{number_words(head)} {many}")
    if n >= 20:
        tens, n = divmod(n, 10)
        parts.append(f"{_UNITS[tens]} PULUH")
    if n:
        parts.append(number_words(n))
    return " ".join(parts)


DATE_STYLES = ("dmy-dash", "dmy-slash", "dmy-dot", "long", "long-title", "words")


def format_date(d: date, style: str) -> str:
    if style == "dmy-dash":
        return d.strftime("%d-%m-%Y")
    if style == "dmy-slash":
        return d.strftime("%d/%m/%Y")
    if style == "dmy-dot":
        return d.strftime("%d.%m.%Y")
    if style == "long":
        return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"
    if style == "long-title":
        return f"{d.day} {MONTHS[d.month - 1].title()} {d.year}"
    if style == "words":
        return f"{number_words(d.day)} {MONTHS[d.month - 1]} {number_words(d.year)}"
    raise ValueError(style)


# --- SKPWNI choices (form F-1.03): the printed option and the normalised value ---------------------------

MOVE_REASONS = ("PEKERJAAN", "PENDIDIKAN", "KEAMANAN", "KESEHATAN", "PERUMAHAN", "KELUARGA", "LAINNYA")
MOVE_CLASSES = (
    "DALAM SATU DESA/KELURAHAN",
    "ANTAR DESA/KELURAHAN",
    "ANTAR KECAMATAN",
    "ANTAR KABUPATEN/KOTA",
    "ANTAR PROVINSI",
)
MOVE_TYPES = (
    "KEPALA KELUARGA",
    "KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA",
    "KEPALA KELUARGA DAN SEBAGIAN ANGGOTA KELUARGA",
    "ANGGOTA KELUARGA",
)
# How the form abbreviates them ("Kep. Keluarga dan Sbgn. Angg. Keluarga", "Antar Kab/Kota").
MOVE_TYPES_SHORT = (
    "Kep. Keluarga",
    "Kep. Keluarga dan Seluruh Angg. Keluarga",
    "Kep. Keluarga dan Sbgn. Angg. Keluarga",
    "Angg. Keluarga",
)
MOVE_CLASSES_SHORT = (
    "Dalam Satu Desa/Kel",
    "Antar Desa/Kel",
    "Antar Kecamatan",
    "Antar Kab/Kota",
    "Antar Provinsi",
)


def move_class(origin: Family, destination: Family) -> str:
    """The classification a move between two addresses has (the form's choice follows from the codes)."""
    for code, choice in (
        ("village_code", 0),
        ("district_code", 1),
        ("regency_code", 2),
        ("province_code", 3),
    ):
        if getattr(origin, code) == getattr(destination, code):
            return MOVE_CLASSES[choice]
    return MOVE_CLASSES[4]


Rows = list[tuple[str, str]]

# --- drawing ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=128)
def vfont(size: int, family: str = "sans", bold: bool = False) -> Font:
    path = FONT_DIR / f"{FAMILIES[family][int(bold)]}.ttf"
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


class Page:
    def __init__(self, w: int, h: int, family: str, rng: random.Random, paper: int = 250) -> None:
        self.img = Image.new("L", (w, h), paper)
        self.d = ImageDraw.Draw(self.img)
        self.family = family
        self.rng = rng
        self.w, self.h = w, h

    def font(self, size: int, bold: bool = False) -> Font:
        return vfont(size, self.family, bold)

    def fit(self, text: str, size: int, max_width: float, bold: bool = False) -> Font:
        while size > 12 and self.d.textlength(text, font=self.font(size, bold)) > max_width:
            size -= 1
        return self.font(size, bold)

    def text(self, x: float, y: float, text: str, size: int, bold: bool = False, max_x: float = 0) -> float:
        f = self.fit(text, size, max_x - x, bold) if max_x else self.font(size, bold)
        self.d.text((x, y), text, font=f, fill=0)
        return x + self.d.textlength(text, font=f)

    def centre(self, y: float, text: str, size: int, bold: bool = True, x0: float = 0, x1: float = 0) -> None:
        x1 = x1 or self.w
        f = self.fit(text, size, x1 - x0 - 120, bold)
        self.d.text(((x0 + x1 - self.d.textlength(text, font=f)) / 2, y), text, font=f, fill=0)

    def kv(self, x: float, y: float, label: str, value: str, colon_x: float, size: int, max_x: float) -> None:
        """`label : value`; with colon_x 0 the colon follows the label at once (no aligned column)."""
        end = self.text(x, y, label, size)
        cx = colon_x or end + size * 0.3
        self.text(cx, y, ":", size)
        self.text(cx + size * 0.9, y, value, size, max_x=max_x)

    def ink_layer(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        layer = Image.new("L", self.img.size, 255)
        return layer, ImageDraw.Draw(layer)

    def overlay(self, layer: Image.Image) -> None:
        """Ink over the print: the darker of the two wins, as a stamp or a pen stroke over toner does."""
        self.img = ImageChops.darker(self.img, layer)
        self.d = ImageDraw.Draw(self.img)

    def stamp(self, cx: float, cy: float, r: float, words: str) -> None:
        """A round office stamp: two rings and its words, in a grey a scan of blue or purple ink gives."""
        layer, d = self.ink_layer()
        ink = self.rng.randint(120, 175)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=5)
        d.ellipse((cx - 0.72 * r, cy - 0.72 * r, cx + 0.72 * r, cy + 0.72 * r), outline=ink, width=3)
        f = vfont(int(r / 5), "sans", True)
        for i, line in enumerate(words.split("|")):
            tw = d.textlength(line, font=f)
            d.text((cx - tw / 2, cy - r / 3 + i * r / 3.5), line, font=f, fill=ink)
        self.overlay(layer.rotate(self.rng.uniform(-25, 25), center=(cx, cy), fillcolor=255))

    def signature(self, x: float, y: float, w: float, h: float) -> None:
        layer, d = self.ink_layer()
        points = []
        for i in range(40):
            t = i / 39
            points.append((x + w * t, y + h / 2 + h / 2 * self.rng.uniform(-1, 1) * (1 - abs(0.5 - t))))
        d.line(points, fill=self.rng.randint(40, 110), width=3, joint="curve")
        self.overlay(layer)

    def qr(self, x: int, y: int, size: int) -> None:
        """A QR-like block (finder squares and random modules): what the 2018+ KK prints in its corner."""
        n = 25
        m = size // n
        for i in range(n):
            for j in range(n):
                if self.rng.random() < 0.5:
                    self.d.rectangle((x + i * m, y + j * m, x + (i + 1) * m - 1, y + (j + 1) * m - 1), fill=0)
        for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
            x0, y0 = x + fx * m, y + fy * m
            self.d.rectangle((x0, y0, x0 + 7 * m - 1, y0 + 7 * m - 1), fill=255)
            self.d.rectangle((x0, y0, x0 + 7 * m - 1, y0 + 7 * m - 1), outline=0, width=m)
            self.d.rectangle((x0 + 2 * m, y0 + 2 * m, x0 + 5 * m - 1, y0 + 5 * m - 1), fill=0)

    def guilloche(self, lo: int = 200, hi: int = 228) -> None:
        """The card's security print: fine light waves behind the text."""
        for k in range(18):
            amp, period, phase = (
                self.rng.uniform(15, 60),
                self.rng.uniform(120, 400),
                self.rng.uniform(0, 6.3),
            )
            base = self.h * k / 18
            pts = [(x, base + amp * _sin(2 * 3.14159 * x / period + phase)) for x in range(0, self.w, 8)]
            self.d.line(pts, fill=self.rng.randint(lo, hi), width=2)

    def photo_box(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """A grey silhouette where the photo goes: never a real face."""
        self.d.rectangle((x0, y0, x1, y1), fill=170, outline=90, width=2)
        cx, w = (x0 + x1) / 2, x1 - x0
        self.d.ellipse((cx - w * 0.22, y0 + (y1 - y0) * 0.12, cx + w * 0.22, y0 + (y1 - y0) * 0.5), fill=120)
        self.d.rectangle((cx - w * 0.32, y0 + (y1 - y0) * 0.55, cx + w * 0.32, y1), fill=120)


def _sin(x: float) -> float:
    import math

    return math.sin(x)


def _wrap(text: str, width: int) -> list[str]:
    """Break an address where a narrow value column would: at the last space before `width` characters."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    return [*lines, cur] if cur else lines


def _blood(p: Person) -> str:
    return "-" if p.blood_type == "TIDAK TAHU" else p.blood_type


def _issue_place(family: Family) -> str:
    return _region(family.regency_code).removeprefix("KABUPATEN ").removeprefix("KOTA ")


def _ktp_truth(family: Family, p: Person, **extra: str) -> dict[str, str]:
    truth = {
        "nik": p.nik,
        "name": p.name,
        "place_of_birth": p.place_of_birth,
        "birth_date": p.birth_date.isoformat(),
        "sex": _sex(p),
        "blood_type": _blood(p),
        "address": family.address,
        "rt": family.rt,
        "rw": family.rw,
        "village": _region(family.village_code),
        "district": _region(family.district_code),
        "religion": p.religion,
        "marital_status": p.marital_status,
        "occupation": p.occupation,
        "citizenship": p.citizenship,
    }
    truth.update(extra)
    return truth


def _issued_card_truth(family: Family, p: Person, place: str) -> dict[str, str]:
    """The truth of a card that prints its heading, validity and issue place and date."""
    return _ktp_truth(
        family,
        p,
        province=_region(family.province_code),
        regency=_region(family.regency_code),
        valid_until="SEUMUR HIDUP",
        issue_place=place,
        issue_date=family.issue_date.isoformat(),
    )


# --- KTP-el ----------------------------------------------------------------------------------------------


def ktp_card_serif(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card in a serif print on its security background; labels followed at once by their colon in some
    prints, the address wrapped onto a second line, the blood type on its own row."""
    pg = Page(1600, 1010, "serif", rng, paper=238)
    pg.guilloche()
    province, regency = _region(family.province_code), _region(family.regency_code)
    pg.centre(28, "PROVINSI " + province, 40)
    pg.centre(80, regency, 40)
    aligned = rng.random() < 0.5
    size = 29
    colon = 340 if aligned else 0
    pg.kv(40, 150, "NIK", p.nik, colon or 0, 38, 1200)
    date_style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dot"))
    rows: list[tuple[str, str]] = [
        ("Nama", p.name),
        ("Tempat/Tgl Lahir", f"{p.place_of_birth}, {format_date(p.birth_date, date_style)}"),
        ("Jenis Kelamin", _sex(p)),
        ("Gol. Darah", _blood(p)),
    ]
    addr = _wrap(family.address, 22)
    rows.append(("Alamat", addr[0]))
    rows.extend(("", more) for more in addr[1:])
    rows += [
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Kel/Desa", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Agama", p.religion),
        ("Status Perkawinan", p.marital_status),
        ("Pekerjaan", p.occupation),
        ("Kewarganegaraan", p.citizenship),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    y = 210.0
    step = 720 / len(rows)
    for label, value in rows:
        if label:
            pg.kv(40, y, label, value, colon, size, 1180)
        else:
            pg.text(
                (colon or 40 + pg.d.textlength("Alamat", font=pg.font(size)) + 0.3 * size) + 0.9 * size,
                y,
                value,
                size,
            )
        y += step
    pg.photo_box(1230, 200, 1540, 620)
    place = _issue_place(family)
    issued = format_date(family.issue_date, "dmy-dash")
    pg.centre(650, place, 28, bold=False, x0=1230, x1=1540)
    pg.centre(695, issued, 28, bold=False, x0=1230, x1=1540)
    pg.signature(1260, 760, 250, 70)
    truth = _issued_card_truth(family, p, place)
    return RenderedDocument("ktp", pg.img, truth, layout="ktp-card-serif")


def ktp_digital(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The digital ID (IKD) screen printed or captured: each label small above its value, place and date of
    birth as separate fields, the regency and province as labelled fields too."""
    pg = Page(1100, 2300, rng.choice(("sans", "condensed")), rng, paper=252)
    pg.centre(40, "IDENTITAS KEPENDUDUKAN DIGITAL", 40)
    pg.centre(100, "KARTU TANDA PENDUDUK ELEKTRONIK", 30, bold=False)
    pg.photo_box(400, 170, 700, 520)
    date_style = rng.choice(("long-title", "dmy-dash", "long"))
    rows = [
        ("NIK", p.nik),
        ("Nama Lengkap", p.name),
        ("Tempat Lahir", p.place_of_birth),
        ("Tanggal Lahir", format_date(p.birth_date, date_style)),
        ("Jenis Kelamin", _sex(p)),
        ("Golongan Darah", _blood(p)),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Kelurahan/Desa", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Provinsi", _region(family.province_code)),
        ("Agama", p.religion),
        ("Status Perkawinan", p.marital_status),
        ("Pekerjaan", p.occupation),
        ("Kewarganegaraan", p.citizenship),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    y = 580
    for label, value in rows:
        pg.d.text((90, y), label, font=pg.font(24), fill=95)
        pg.text(90, y + 34, value, 32, bold=True, max_x=1040)
        pg.d.line((90, y + 84, 1010, y + 84), fill=215, width=2)
        y += 98
    truth = _ktp_truth(
        family,
        p,
        province=_region(family.province_code),
        regency=_region(family.regency_code),
        valid_until="SEUMUR HIDUP",
    )
    return RenderedDocument("ktp", pg.img, truth, layout="ktp-digital")


def ktp_photocopy(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A photocopy of the card enlarged on an A4 sheet, legalised with a stamp over the print; a mono or
    condensed typeface, short wordings (`Tgl Lahir`, `Gol Darah`), the blood type on its own row."""
    pg = Page(1700, 2300, rng.choice(("mono", "condensed")), rng)
    x0, y0 = 110, 300
    pg.d.rectangle((x0, y0, 1590, y0 + 1000), outline=40, width=4)
    pg.d.rectangle((x0 + 8, y0 + 8, 1582, y0 + 992), fill=232)
    province, regency = _region(family.province_code), _region(family.regency_code)
    pg.centre(y0 + 30, "PROVINSI " + province, 36, x0=x0, x1=1590)
    pg.centre(y0 + 80, regency, 36, x0=x0, x1=1590)
    size = 27
    colon = x0 + 330
    pg.kv(x0 + 30, y0 + 150, "NIK", p.nik, colon, 34, 1230)
    rows = [
        ("Nama", p.name),
        ("Tempat/Tgl Lahir", f"{p.place_of_birth}, {format_date(p.birth_date, 'dmy-dash')}"),
        ("Jenis kelamin", _sex(p)),
        ("Gol Darah", _blood(p)),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt} / {family.rw}"),
        ("Kel/Desa", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Agama", p.religion),
        ("Status Perkawinan", p.marital_status),
        ("Pekerjaan", p.occupation),
        ("Kewarganegaraan", p.citizenship),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    y = y0 + 215
    for label, value in rows:
        pg.kv(x0 + 30, y, label, value, colon, size, 1230)
        y += 58
    pg.photo_box(1270, y0 + 200, 1550, y0 + 580)
    place = _issue_place(family)
    pg.centre(y0 + 610, place, 26, bold=False, x0=1260, x1=1560)
    pg.centre(y0 + 650, format_date(family.issue_date, "dmy-dash"), 26, bold=False, x0=1260, x1=1560)
    pg.text(200, 1450, "Fotokopi sesuai dengan aslinya", 30)
    pg.text(200, 1500, "Dilegalisir di " + _issue_place(family).title(), 30)
    pg.signature(1000, 1500, 330, 90)
    pg.stamp(1150, 1480, 150, "DINAS DUKCAPIL|" + place[:14] + "|SESUAI ASLI")
    # A second stamp over the lower form rows: the fields under it must still read.
    pg.stamp(rng.randint(900, 1150), y0 + rng.randint(760, 900), 120, "LEGALISIR|DUKCAPIL")
    truth = _issued_card_truth(family, p, place)
    return RenderedDocument("ktp", pg.img, truth, layout="ktp-photocopy")


# --- akta kelahiran --------------------------------------------------------------------------------------


def _akta_head(pg: Page, rng: random.Random) -> None:
    pg.centre(120, "REPUBLIK INDONESIA", 44)
    pg.centre(185, rng.choice(("PENCATATAN SIPIL", "CATATAN SIPIL")), 36)
    pg.centre(240, "WARGA NEGARA INDONESIA", 30, bold=False)
    pg.centre(340, "KUTIPAN AKTA KELAHIRAN", 54)


def _akta_truth(number: str, p: Person, nik: bool = True) -> dict[str, str]:
    truth = {
        "number": number,
        "nik": p.nik,
        "name": p.name,
        "place_of_birth": p.place_of_birth,
        "birth_date": p.birth_date.isoformat(),
        "sex": _sex(p),
        "father_name": p.father_name,
        "mother_name": p.mother_name,
    }
    if not nik:
        del truth["nik"]
    return truth


def _paragraph(pg: Page, x: int, y: int, width: int, runs: list[tuple[str, bool]], size: int) -> int:
    """Prose set word by word: the values in bold capitals, the form's words in regular type, wrapped."""
    cx: float = x
    line_h = int(size * 1.75)
    for text, bold in runs:
        for word in text.split():
            f = pg.font(size, bold)
            tw = pg.d.textlength(word, font=f)
            if cx + tw > x + width and cx > x:
                cx, y = x, y + line_h
            pg.d.text((cx, y), word, font=f, fill=0)
            cx += tw + pg.d.textlength(" ", font=f)
    return y + line_h


def akta_kutipan(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The Kutipan in prose: the number on its own `Nomor :` line, the NIK above it, then one sentence."""
    pg = Page(1700, 2200, rng.choice(("serif", "sans")), rng)
    pg.d.rectangle((50, 50, 1649, 2149), outline=60, width=5)
    _akta_head(pg, rng)
    number = akta_number(family, p, serial)
    pg.kv(250, 470, "NIK", p.nik, 420, 34, 1500)
    pg.kv(250, 530, "Nomor", number, 420, 34, 1500)
    order = rng.randint(1, 5)
    ordinal = rng.choice((f"ke-{order}", f"ke-{number_words(order).lower()}", f"ke {order}"))
    place = p.place_of_birth
    runs = [
        ("Bahwa di", False),
        (place, True),
        ("pada tanggal", False),
        (format_date(p.birth_date, "words"), True),
        ("telah lahir", False),
        (p.name + ",", True),
        (f"anak {ordinal},", False),
        (_sex(p) + ",", True),
        ("dari ayah", False),
        (p.father_name, True),
        ("dan ibu", False),
        (p.mother_name + ".", True),
    ]
    y = _paragraph(pg, 200, 700, 1300, runs, 36)
    issued = family.issue_date
    pg.text(900, y + 200, f"{_issue_place(family).title()}, {format_date(issued, 'long-title')}", 30)
    pg.text(900, y + 250, "Pejabat Pencatatan Sipil", 30)
    pg.signature(950, y + 310, 320, 90)
    pg.stamp(880, y + 350, 140, "DISDUKCAPIL|" + _issue_place(family)[:14])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-kutipan")


def akta_old_prose(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """An older Kutipan: the number in the opening sentence, the sex before the name, the parents as
    "suami-isteri", the NIK not printed (certificates before the NIK era)."""
    pg = Page(1700, 2200, "serif", rng, paper=244)
    pg.d.rectangle((60, 60, 1639, 2139), outline=70, width=3)
    _akta_head(pg, rng)
    number = akta_number(family, p, serial)
    runs_head = [("Nomor :", False), (number, True)]
    _paragraph(pg, 560, 460, 1000, runs_head, 34)
    runs = [
        ("Menurut daftar register akta kelahiran, bahwa di", False),
        (p.place_of_birth, True),
        ("pada tanggal", False),
        (format_date(p.birth_date, "words"), True),
        ("telah lahir seorang anak", False),
        (_sex(p), True),
        ("bernama", False),
        (p.name + ",", True),
        ("anak dari suami-isteri", False),
        (p.father_name, True),
        ("dan", False),
        (p.mother_name + ".", True),
    ]
    y = _paragraph(pg, 180, 640, 1340, runs, 34)
    pg.text(880, y + 200, "Dikeluarkan di : " + _issue_place(family), 28)
    pg.text(880, y + 250, "Pada tanggal : " + format_date(family.issue_date, "long"), 28)
    pg.signature(930, y + 320, 300, 80)
    pg.stamp(1000, y + 330, 130, "CATATAN SIPIL|" + _issue_place(family)[:14])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p, nik=False), layout="akta-old-prose")


def akta_staatsblad(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan of the 1980s-90s, before regency-coded numbers: the register's own number on its line
    (`Nomor : 1234/U/1992`), the legal basis first (Staatsblad 1920 No. 751 jo. 1927 No. 564), the date
    before the place ("pada tanggal ... telah lahir di PLACE"), "seorang anak LAKI-LAKI yang diberi nama
    NAME", the parents as "suami-isteri"; no NIK."""
    pg = Page(1700, 2200, rng.choice(("serif", "serif-condensed")), rng, paper=240)
    pg.d.rectangle((60, 60, 1639, 2139), outline=80, width=4)
    pg.centre(120, "KUTIPAN DARI DAFTAR", 40)
    pg.centre(180, "AKTA KELAHIRAN", 54)
    registered = p.birth_date.year + rng.randint(0, 4)
    number = f"{serial}/{rng.choice(('U', 'T', 'TP'))}/{registered}"
    pg.text(560, 320, "Nomor : " + number, 34)
    runs = [
        ("Berdasarkan Staatsblad 1920 Nomor 751 jo. 1927 Nomor 564, Pegawai Luar Biasa Pencatatan", False),
        ("Sipil menerangkan bahwa pada tanggal", False),
        (format_date(p.birth_date, "words"), True),
        ("telah lahir di", False),
        (p.place_of_birth + ",", True),
        ("seorang anak", False),
        (_sex(p), True),
        ("yang diberi nama", False),
        (p.name + ",", True),
        ("anak dari suami-isteri", False),
        (p.father_name, True),
        ("dan", False),
        (p.mother_name + ".", True),
    ]
    y = _paragraph(pg, 180, 460, 1340, runs, 34)
    pg.text(880, y + 180, "Dikeluarkan di " + _issue_place(family).title(), 28)
    pg.text(
        880,
        y + 230,
        f"pada tanggal {format_date(date(registered, 1, 1) + timedelta(days=serial % 300), 'long')}",
        28,
    )
    pg.signature(930, y + 300, 300, 80)
    pg.stamp(1000, y + 320, 130, "CATATAN SIPIL|" + _issue_place(family)[:14])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p, nik=False), layout="akta-staatsblad")


def akta_register(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """Label and value with other wordings: `No. Akta`, `Nama`, `Tempat dan Tanggal Lahir` on one row,
    `Nama Ayah Kandung`; a numeric date; boxed like a table on some prints."""
    pg = Page(1700, 2200, rng.choice(("sans", "condensed", "serif-condensed")), rng)
    _akta_head(pg, rng)
    number = akta_number(family, p, serial)
    style = rng.choice(("dmy-slash", "dmy-dash", "long", "dmy-dot"))
    rows = [
        ("No. Akta", number),
        ("NIK", p.nik),
        ("Nama", p.name),
        ("Tempat dan Tanggal Lahir", f"{p.place_of_birth}, {format_date(p.birth_date, style)}"),
        ("Jenis Kelamin", _sex(p)),
        ("Nama Ayah Kandung", p.father_name),
        ("Nama Ibu Kandung", p.mother_name),
    ]
    boxed = rng.random() < 0.5
    y = 520
    for label, value in rows:
        if boxed:
            pg.d.rectangle((130, y - 18, 1570, y + 62), outline=0, width=2)
            pg.d.line((690, y - 18, 690, y + 62), fill=0, width=2)
            pg.text(150, y, label, 32)
            pg.text(710, y, value, 32, max_x=1550)
        else:
            pg.kv(150, y, label, value, 700, 32, 1560)
        y += 80
    pg.text(880, y + 180, "Dikeluarkan di " + _issue_place(family).title(), 28)
    pg.text(880, y + 230, "Tanggal " + format_date(family.issue_date, "long-title"), 28)
    pg.signature(930, y + 300, 300, 80)
    pg.stamp(860, y + 330, 120, "DUKCAPIL|" + _issue_place(family)[:12])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-register")


# --- SKPWNI ----------------------------------------------------------------------------------------------


@dataclass
class Move:
    reason: int
    kind: int
    day: date


def _move(rng: random.Random, origin: Family) -> Move:
    return Move(
        rng.randrange(len(MOVE_REASONS)),
        rng.randrange(len(MOVE_TYPES)),
        origin.issue_date + timedelta(days=rng.randint(3, 60)),
    )


def _address_truth(fam: Family) -> dict[str, str]:
    codes = {"village": fam.village_code, "district": fam.district_code, "regency": fam.regency_code}
    return {
        "address": fam.address,
        "rt": fam.rt,
        "rw": fam.rw,
        **{level: _region(code) for level, code in codes.items()},
        "province": _region(fam.province_code),
        "postal_code": fam.postal_code,
    }


def _skpwni_truth(origin: Family, dest: Family, p: Person, number: str, mv: Move) -> dict[str, str]:
    truth = {"number": number, "nik": p.nik, "name": p.name, "kk_number": origin.kk_number}
    for side, fam in (("origin_", origin), ("destination_", dest)):
        truth.update({side + key: value for key, value in _address_truth(fam).items()})
    truth.update(
        move_reason=MOVE_REASONS[mv.reason],
        move_classification=move_class(origin, dest),
        move_type=MOVE_TYPES[mv.kind],
        move_date=mv.day.isoformat(),
    )
    return truth


def _skpwni_head(pg: Page, origin: Family, number: str) -> None:
    pg.centre(110, "PEMERINTAH " + _region(origin.regency_code), 34)
    pg.centre(160, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34)
    pg.d.line((100, 220, pg.w - 100, 220), fill=0, width=4)
    pg.centre(260, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", 38)
    pg.centre(315, "Nomor : " + number, 30, bold=False)


def skpwni_f103(origin: Family, dest: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """Form F-1.03: numbered items; the destination address sits inside DATA KEPINDAHAN after `Alamat
    Tujuan Pindah`; RT and RW as two labels on one row; the choices printed with their option numbers."""
    pg = Page(1700, 2500, rng.choice(("sans", "condensed", "serif")), rng)
    number = skpwni_number(origin, serial)
    _skpwni_head(pg, origin, number)
    mv = _move(rng, origin)
    size, colon = 28, 640
    y = 400

    def head(text: str) -> None:
        nonlocal y
        pg.text(110, y, text, 30, bold=True)
        y += 60

    def row(label: str, value: str, indent: int = 0) -> None:
        nonlocal y
        pg.kv(130 + indent, y, label, value, colon, size, 1600)
        y += 52

    def rt_rw(f: Family, indent: int) -> None:
        nonlocal y
        pg.kv(130 + indent, y, "RT", f.rt, 0, size, 1600)
        pg.kv(430 + indent, y, "RW", f.rw, 0, size, 1600)
        y += 52

    def block(f: Family, indent: int) -> None:
        rt_rw(f, indent)
        row("a. Desa/Kelurahan", _region(f.village_code), indent)
        row("b. Kecamatan", _region(f.district_code), indent)
        row("c. Kab/Kota", _region(f.regency_code), indent)
        row("d. Provinsi", _region(f.province_code), indent)
        row("Kode Pos", f.postal_code, indent)

    head("DATA DAERAH ASAL")
    row("1. Nomor Kartu Keluarga", origin.kk_number)
    row("2. Nama Kepala Keluarga", origin.head.name)
    row("3. Alamat", origin.address)
    block(origin, 40)
    row("4. NIK Pemohon", p.nik)
    row("5. Nama Lengkap", p.name)
    y += 20
    head("DATA KEPINDAHAN")
    row("1. Alasan Pindah", f"{mv.reason + 1}. {MOVE_REASONS[mv.reason].title()}")
    row("2. Alamat Tujuan Pindah", dest.address)
    block(dest, 40)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    row("3. Klasifikasi Pindah", f"{cls + 1}. {MOVE_CLASSES_SHORT[cls]}")
    row("4. Jenis Kepindahan", f"{mv.kind + 1}. {MOVE_TYPES_SHORT[mv.kind]}")
    row("5. Rencana Tanggal Pindah", format_date(mv.day, rng.choice(("dmy-dash", "dmy-slash", "long-title"))))
    pg.text(
        1000, y + 100, _issue_place(origin).title() + ", " + format_date(origin.issue_date, "long-title"), 26
    )
    pg.text(1000, y + 145, "Kepala Dinas", 26)
    pg.signature(1030, y + 190, 300, 80)
    pg.stamp(1000, y + 220, 120, "DUKCAPIL|" + _issue_place(origin)[:12])
    return RenderedDocument(
        "skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-f103"
    )


def skpwni_sections(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Origin and destination as headed sections with other wordings (`Kelurahan`, `Kabupaten`, `Kode Pos`),
    the person first, the move's facts last with the choices written out and the date in words of months."""
    pg = Page(1700, 2500, rng.choice(("serif", "sans", "mono")), rng)
    number = skpwni_number(origin, serial)
    _skpwni_head(pg, origin, number)
    mv = _move(rng, origin)
    y = 400
    size, colon = 28, 600

    def head(text: str) -> None:
        nonlocal y
        pg.text(110, y, text, 30, bold=True)
        y += 62

    def rows(items: list[tuple[str, str]]) -> None:
        nonlocal y
        for label, value in items:
            pg.kv(150, y, label, value, colon, size, 1600)
            y += 54
        y += 24

    def address(f: Family) -> list[tuple[str, str]]:
        return [
            ("Alamat", f.address),
            ("RT/RW", f"{f.rt}/{f.rw}"),
            ("Kelurahan", _region(f.village_code)),
            ("Kecamatan", _region(f.district_code)),
            ("Kabupaten/Kota", _region(f.regency_code)),
            ("Provinsi", _region(f.province_code)),
            ("Kode Pos", f.postal_code),
        ]

    head("IDENTITAS PEMOHON")
    rows([("NIK", p.nik), ("Nama", p.name), ("No. KK", origin.kk_number)])
    head("ALAMAT ASAL")
    rows(address(origin))
    head("ALAMAT TUJUAN")
    rows(address(dest))
    head("KETERANGAN PINDAH")
    rows(
        [
            ("Alasan Pindah", MOVE_REASONS[mv.reason]),
            ("Klasifikasi Kepindahan", move_class(origin, dest)),
            ("Jenis Kepindahan", MOVE_TYPES[mv.kind]),
            ("Tanggal Pindah", format_date(mv.day, rng.choice(("long", "long-title", "dmy-dot")))),
        ]
    )
    pg.signature(1050, y + 120, 300, 80)
    pg.stamp(1100, y + 150, 120, "DUKCAPIL|" + _issue_place(origin)[:12])
    return RenderedDocument(
        "skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-sections"
    )


def skpwni_table(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A ruled table: one row per address element, one column for the origin and one for the destination."""
    pg = Page(2000, 2300, rng.choice(("sans", "condensed")), rng)
    number = skpwni_number(origin, serial)
    _skpwni_head(pg, origin, number)
    mv = _move(rng, origin)
    y = 400
    for label, value in (("NIK", p.nik), ("Nama Lengkap", p.name), ("Nomor KK", origin.kk_number)):
        pg.kv(120, y, label, value, 560, 28, 1900)
        y += 54
    y += 40
    xs = (100, 520, 1260, 1900)
    head_rows = [("URAIAN", "DAERAH ASAL", "DAERAH TUJUAN")]
    body = [
        ("Alamat", origin.address, dest.address),
        ("RT/RW", f"{origin.rt}/{origin.rw}", f"{dest.rt}/{dest.rw}"),
        ("Desa/Kelurahan", _region(origin.village_code), _region(dest.village_code)),
        ("Kecamatan", _region(origin.district_code), _region(dest.district_code)),
        ("Kabupaten/Kota", _region(origin.regency_code), _region(dest.regency_code)),
        ("Provinsi", _region(origin.province_code), _region(dest.province_code)),
        ("Kode Pos", origin.postal_code, dest.postal_code),
    ]
    row_h = 64
    top = y
    for i, cells in enumerate(head_rows + body):
        yy = top + i * row_h
        for x0, x1, cell in zip(xs[:-1], xs[1:], cells, strict=True):
            bold = i == 0
            f = pg.fit(cell, 26, x1 - x0 - 30, bold)
            pg.d.text((x0 + 15, yy + 16), cell, font=f, fill=0)
        pg.d.line((xs[0], yy, xs[-1], yy), fill=0, width=2)
    bottom = top + len(head_rows + body) * row_h
    pg.d.line((xs[0], bottom, xs[-1], bottom), fill=0, width=2)
    for x in xs:
        pg.d.line((x, top, x, bottom), fill=0, width=2)
    y = bottom + 60
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    for label, value in (
        ("Alasan Pindah", MOVE_REASONS[mv.reason].title()),
        ("Klasifikasi Pindah", MOVE_CLASSES_SHORT[cls]),
        ("Jenis Kepindahan", MOVE_TYPES_SHORT[mv.kind]),
        ("Tanggal Pindah", format_date(mv.day, "dmy-slash")),
    ):
        pg.kv(120, y, label, value, 560, 28, 1900)
        y += 54
    pg.signature(1300, y + 120, 300, 80)
    pg.stamp(1350, y + 140, 120, "DUKCAPIL|" + _issue_place(origin)[:12])
    return RenderedDocument(
        "skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-table"
    )


# --- KK --------------------------------------------------------------------------------------------------


def _kk_truth(family: Family) -> dict[str, str]:
    return {
        "number": family.kk_number,
        "head_of_family": family.head.name,
        "address": family.address,
        "rt": family.rt,
        "rw": family.rw,
        "village": _region(family.village_code),
        "district": _region(family.district_code),
        "regency": _region(family.regency_code),
        "province": _region(family.province_code),
        "postal_code": family.postal_code,
        "issue_date": family.issue_date.isoformat(),
    }


def _kk_page(
    family: Family, family_font: str, rng: random.Random
) -> tuple[Page, list[dict[str, tuple[str, str]]]]:
    n = len(family.members)
    return Page(3000, 1150 + 2 * 46 * n, family_font, rng), [_member_cells(m) for m in family.members]


def _kk_columns(pg: Page, top: int, left: Rows, right: Rows, colons: tuple[int, int], step: int = 50) -> None:
    """The header's two columns of `label : value` (colon 0: right after the label)."""
    for i, (label, value) in enumerate(left):
        pg.kv(100, top + i * step, label, value, colons[0], 28, 1500)
    for i, (label, value) in enumerate(right):
        pg.kv(1640, top + i * step, label, value, colons[1], 28, 2900)


def _kk_body(pg: Page, rows: list[dict[str, tuple[str, str]]], top: int) -> int:
    y = _table(pg.d, 60, top, 2880, KK_TABLE1, rows)
    return _table(pg.d, 60, y + 60, 2880, KK_TABLE2, rows)


def _kk_signed(pg: Page, family: Family, y: int, stamp: tuple[int, int, int]) -> None:
    pg.text(2000, y + 50, "KEPALA DINAS KEPENDUDUKAN DAN", 24)
    pg.text(2000, y + 85, "PENCATATAN SIPIL", 24)
    pg.signature(2050, y + 130, 350, 80)
    pg.stamp(stamp[0], y + stamp[1], stamp[2], "DUKCAPIL|" + _issue_place(family)[:12])


def _kk_document(
    pg: Page, family: Family, rows: list[dict[str, tuple[str, str]]], layout: str
) -> RenderedDocument:
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    return RenderedDocument("kk", pg.img, _kk_truth(family), members, layout=layout)


def kk_2018(family: Family, rng: random.Random) -> RenderedDocument:
    """The form since 2018: a QR code top left, the number as `No. ...` under the title, the header in two
    columns where `Kode Pos` sits in the left one."""
    pg, rows = _kk_page(family, rng.choice(("sans", "condensed")), rng)
    pg.qr(80, 40, 200)
    pg.centre(50, "KARTU KELUARGA", 60)
    pg.centre(130, "No. " + family.kk_number, 42)
    head = _kk_header(family)
    _kk_columns(pg, 280, [head[i] for i in (0, 1, 2, 7)], head[3:7], (480, 1920))
    y = _kk_body(pg, rows, 520)
    pg.kv(100, y + 50, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-dash"), 480, 28, 1400)
    _kk_signed(pg, family, y, (2100, 150, 110))
    return _kk_document(pg, family, rows, "kk-2018")


def kk_electronic(family: Family, rng: random.Random) -> RenderedDocument:
    """The electronic KK (signed since 2021): serif print, `Nomor KK :` as a labelled field, the issue
    date with the month's name, a QR code and "ditandatangani secara elektronik" instead of a wet signature."""
    pg, rows = _kk_page(family, "serif", rng)
    pg.centre(50, "KARTU KELUARGA", 58)
    pg.kv(100, 150, "Nomor KK", family.kk_number, 560, 34, 1500)
    head = _kk_header(family)
    _kk_columns(pg, 230, head[:4], head[4:], (560, 1900), step=48)
    y = _kk_body(pg, rows, 470)
    pg.text(100, y + 50, "Dikeluarkan tanggal : " + format_date(family.issue_date, "long"), 28)
    pg.qr(2000, y + 40, 175)
    pg.text(2200, y + 60, "Dokumen ini telah ditandatangani", 22)
    pg.text(2200, y + 92, "secara elektronik", 22)
    return _kk_document(pg, family, rows, "kk-electronic")


def kk_old(family: Family, rng: random.Random) -> RenderedDocument:
    """The form before 2018: `No. :` before the number, spaced slashes, `Propinsi`, the colon right after
    each label, the stamp over the issue date."""
    pg, rows = _kk_page(family, rng.choice(("sans", "serif-condensed")), rng)
    pg.centre(50, "KARTU KELUARGA", 60)
    pg.centre(130, "No. : " + family.kk_number, 40)
    head = [(label.replace("/", " / "), value) for label, value in _kk_header(family)]
    head[2] = ("RT / RW", f"{family.rt} / {family.rw}")
    head[6] = ("Propinsi", head[6][1])
    _kk_columns(pg, 230, head[:4], [head[4], head[5], head[7], head[6]], (0, 1960))
    y = _kk_body(pg, rows, 470)
    pg.kv(100, y + 50, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-slash"), 480, 28, 1400)
    _kk_signed(pg, family, y, (600, 70, 100))
    return _kk_document(pg, family, rows, "kk-old")


def _kk_header(family: Family) -> Rows:
    return [
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kelurahan", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Provinsi", _region(family.province_code)),
        ("Kode Pos", family.postal_code),
    ]


# --- the set ---------------------------------------------------------------------------------------------

KtpLayout = Callable[[Family, Person, random.Random], RenderedDocument]
AktaLayout = Callable[[Family, Person, random.Random, int], RenderedDocument]
SkpwniLayout = Callable[[Family, Family, Person, random.Random, int], RenderedDocument]
KkLayout = Callable[[Family, random.Random], RenderedDocument]

KTP_LAYOUTS: dict[str, KtpLayout] = {
    "ktp-card-serif": ktp_card_serif,
    "ktp-digital": ktp_digital,
    "ktp-photocopy": ktp_photocopy,
}
AKTA_LAYOUTS: dict[str, AktaLayout] = {
    "akta-kutipan": akta_kutipan,
    "akta-old-prose": akta_old_prose,
    "akta-register": akta_register,
    "akta-staatsblad": akta_staatsblad,
}
SKPWNI_LAYOUTS: dict[str, SkpwniLayout] = {
    "skpwni-f103": skpwni_f103,
    "skpwni-sections": skpwni_sections,
    "skpwni-table": skpwni_table,
}
KK_LAYOUTS: dict[str, KkLayout] = {"kk-2018": kk_2018, "kk-electronic": kk_electronic, "kk-old": kk_old}

# The second round (tools/docgen/variety_more.py), written before the extractor was changed for them.
from tools.docgen.variety_more import (  # noqa: E402  (it builds on the helpers above)
    akta_regency_prose,
    kk_tte,
    ktp_card_two_column,
    skpwni_108,
)

KTP_LAYOUTS["ktp-card-2col"] = ktp_card_two_column
AKTA_LAYOUTS["akta-regency"] = akta_regency_prose
SKPWNI_LAYOUTS["skpwni-108"] = skpwni_108
KK_LAYOUTS["kk-tte"] = kk_tte

# The third round (tools/docgen/variety_round3.py), written before the extractor was changed for them.
from tools.docgen.variety_round3 import (  # noqa: E402  (it builds on the helpers above)
    akta_bilingual,
    akta_table_en,
    kk_grouped,
    kk_salinan,
    ktp_card_el,
    ktp_scan_a4,
    skpwni_letter,
    skpwni_siak,
)

KTP_LAYOUTS.update({"ktp-card-el": ktp_card_el, "ktp-scan-a4": ktp_scan_a4})
AKTA_LAYOUTS.update({"akta-bilingual": akta_bilingual, "akta-table-en": akta_table_en})
SKPWNI_LAYOUTS.update({"skpwni-letter": skpwni_letter, "skpwni-siak": skpwni_siak})
KK_LAYOUTS.update({"kk-grouped": kk_grouped, "kk-salinan": kk_salinan})

# The fourth round (tools/docgen/variety_round4.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round4 import (  # noqa: E402  (it builds on the helpers above)
    akta_court_typed,
    akta_phone_photo,
    kk_phone_photo,
    kk_two_sheets,
    ktp_fotokopi_bw,
    ktp_hand_sleeve,
    skpwni_datang,
    skpwni_phone_photo,
)

KTP_LAYOUTS.update({"ktp-fotokopi-bw": ktp_fotokopi_bw, "ktp-hand-sleeve": ktp_hand_sleeve})
AKTA_LAYOUTS.update({"akta-phone-photo": akta_phone_photo, "akta-court-typed": akta_court_typed})
SKPWNI_LAYOUTS.update({"skpwni-phone-photo": skpwni_phone_photo, "skpwni-datang": skpwni_datang})
KK_LAYOUTS.update({"kk-phone-photo": kk_phone_photo, "kk-two-sheets": kk_two_sheets})
LAYOUTS: dict[str, tuple[str, ...]] = {
    "kk": tuple(KK_LAYOUTS),
    "akta": tuple(AKTA_LAYOUTS),
    "ktp": tuple(KTP_LAYOUTS),
    "skpwni": tuple(SKPWNI_LAYOUTS),
}


def render_variety(kind: str, layout: str, count: int, seed: int) -> list[RenderedDocument]:
    """`count` documents of one kind in one layout from a fixed seed (same seed, same pages)."""
    families = generate_families(count + 1, seed)
    rng = random.Random(f"{seed}-{layout}")
    docs: list[RenderedDocument] = []
    for i in range(count):
        fam = families[i]
        adults = [p for p in fam.members if p.age_on(date(2026, 11, 1)) >= 17] or fam.members
        if kind == "kk":
            docs.append(KK_LAYOUTS[layout](fam, rng))
        elif kind == "akta":
            docs.append(AKTA_LAYOUTS[layout](fam, rng.choice(fam.members), rng, rng.randint(1, 9999)))
        elif kind == "ktp":
            docs.append(KTP_LAYOUTS[layout](fam, rng.choice(adults), rng))
        elif kind == "skpwni":
            person = rng.choice(adults)
            docs.append(SKPWNI_LAYOUTS[layout](fam, families[i + 1], person, rng, rng.randint(1, 9999)))
        else:
            raise ValueError(f"unknown document kind {kind!r}")
    return docs


def generate_variety(kind: str, count: int, seed: int) -> list[RenderedDocument]:
    """`count` documents of one kind, the layouts taken in turn."""
    names = LAYOUTS[kind]
    per = {name: render_variety(kind, name, -(-count // len(names)), seed) for name in names}
    return [per[names[i % len(names)]][i // len(names)] for i in range(count)]


# The fifth round (tools/docgen/variety_round5.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round5 import (  # noqa: E402  (it builds on the helpers above)
    akta_ketik_folio,
    akta_legalisir_copy,
    kk_dotmatrix_lama,
    kk_scan_tutup_terbuka,
    ktp_batik_tilt,
    ktp_exif_sideways,
    skpwni_lampiran,
    skpwni_wa_landscape,
)

KTP_LAYOUTS.update({"ktp-exif-sideways": ktp_exif_sideways, "ktp-batik-tilt": ktp_batik_tilt})
AKTA_LAYOUTS.update({"akta-ketik-folio": akta_ketik_folio, "akta-legalisir-copy": akta_legalisir_copy})
SKPWNI_LAYOUTS.update({"skpwni-wa-landscape": skpwni_wa_landscape, "skpwni-lampiran": skpwni_lampiran})
KK_LAYOUTS.update({"kk-dotmatrix-lama": kk_dotmatrix_lama, "kk-scan-tutup-terbuka": kk_scan_tutup_terbuka})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The sixth round (tools/docgen/variety_round6.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round6 import (  # noqa: E402  (it builds on the helpers above)
    akta_malam_kuning,
    akta_tulisan_tangan,
    kk_kolase_dua_foto,
    kk_pdf_tte,
    ktp_ikd_gelap,
    ktp_scanner_app,
    skpwni_kotak_huruf,
    skpwni_tabel_uraian,
)

KTP_LAYOUTS.update({"ktp-ikd-gelap": ktp_ikd_gelap, "ktp-scanner-app": ktp_scanner_app})
AKTA_LAYOUTS.update({"akta-tulisan-tangan": akta_tulisan_tangan, "akta-malam-kuning": akta_malam_kuning})
SKPWNI_LAYOUTS.update({"skpwni-kotak-huruf": skpwni_kotak_huruf, "skpwni-tabel-uraian": skpwni_tabel_uraian})
KK_LAYOUTS.update({"kk-pdf-tte": kk_pdf_tte, "kk-kolase-dua-foto": kk_kolase_dua_foto})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The seventh round (tools/docgen/variety_round7.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round7 import (  # noqa: E402  (it builds on the helpers above)
    akta_garuda_hijau,
    akta_lipat_empat,
    kk_potret_tanpa_exif,
    kk_sel_sempit,
    ktp_kabur_gerak,
    ktp_webcam_480,
    skpwni_blok_singkat,
    skpwni_surat_desa,
)

KTP_LAYOUTS.update({"ktp-kabur-gerak": ktp_kabur_gerak, "ktp-webcam-480": ktp_webcam_480})
AKTA_LAYOUTS.update({"akta-garuda-hijau": akta_garuda_hijau, "akta-lipat-empat": akta_lipat_empat})
SKPWNI_LAYOUTS.update({"skpwni-blok-singkat": skpwni_blok_singkat, "skpwni-surat-desa": skpwni_surat_desa})
KK_LAYOUTS.update({"kk-sel-sempit": kk_sel_sempit, "kk-potret-tanpa-exif": kk_potret_tanpa_exif})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The eighth round (tools/docgen/variety_round8.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round8 import (  # noqa: E402  (it builds on the helpers above)
    akta_laminasi,
    akta_terjemahan_tersumpah,
    kk_lipat_tiga,
    kk_toner_hemat,
    ktp_dompet,
    ktp_swafoto,
    skpwni_cetak_browser,
    skpwni_coretan,
)

KTP_LAYOUTS.update({"ktp-swafoto": ktp_swafoto, "ktp-dompet": ktp_dompet})
AKTA_LAYOUTS.update({"akta-terjemahan-tersumpah": akta_terjemahan_tersumpah, "akta-laminasi": akta_laminasi})
SKPWNI_LAYOUTS.update({"skpwni-coretan": skpwni_coretan, "skpwni-cetak-browser": skpwni_cetak_browser})
KK_LAYOUTS.update({"kk-lipat-tiga": kk_lipat_tiga, "kk-toner-hemat": kk_toner_hemat})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The ninth round (tools/docgen/variety_round9.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round9 import (  # noqa: E402  (it builds on the helpers above)
    akta_bekas_banjir,
    akta_pindai_pdf,
    kk_dipegang,
    kk_layar_laptop,
    ktp_fotokopi_bolak_balik,
    ktp_tangkapan_wa,
    skpwni_faks,
    skpwni_pangkuan,
)

KTP_LAYOUTS.update(
    {"ktp-fotokopi-bolak-balik": ktp_fotokopi_bolak_balik, "ktp-tangkapan-wa": ktp_tangkapan_wa}
)
AKTA_LAYOUTS.update({"akta-pindai-pdf": akta_pindai_pdf, "akta-bekas-banjir": akta_bekas_banjir})
SKPWNI_LAYOUTS.update({"skpwni-faks": skpwni_faks, "skpwni-pangkuan": skpwni_pangkuan})
KK_LAYOUTS.update({"kk-dipegang": kk_dipegang, "kk-layar-laptop": kk_layar_laptop})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The tenth round (tools/docgen/variety_round10.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round10 import (  # noqa: E402  (it builds on the helpers above)
    akta_glosa_kolom,
    akta_titik_penuntun,
    kk_folio_potret,
    kk_siak_web,
    ktp_pindai_datar,
    ktp_suket,
    skpwni_dua_halaman,
    skpwni_kode_wilayah,
)

KTP_LAYOUTS.update({"ktp-pindai-datar": ktp_pindai_datar, "ktp-suket": ktp_suket})
AKTA_LAYOUTS.update({"akta-glosa-kolom": akta_glosa_kolom, "akta-titik-penuntun": akta_titik_penuntun})
SKPWNI_LAYOUTS.update({"skpwni-dua-halaman": skpwni_dua_halaman, "skpwni-kode-wilayah": skpwni_kode_wilayah})
KK_LAYOUTS.update({"kk-folio-potret": kk_folio_potret, "kk-siak-web": kk_siak_web})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The eleventh round (tools/docgen/variety_round11.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round11 import (  # noqa: E402  (it builds on the helpers above)
    akta_pelapor_saksi,
    akta_register_salinan,
    kk_biodata_anggota,
    kk_ttd_elektronik,
    ktp_biodata_siak,
    ktp_ikd_layar,
    skpwni_surat_dinas,
    skpwni_tabel_mendatar,
)

KTP_LAYOUTS.update({"ktp-ikd-layar": ktp_ikd_layar, "ktp-biodata-siak": ktp_biodata_siak})
AKTA_LAYOUTS.update(
    {"akta-register-salinan": akta_register_salinan, "akta-pelapor-saksi": akta_pelapor_saksi}
)
SKPWNI_LAYOUTS.update(
    {"skpwni-tabel-mendatar": skpwni_tabel_mendatar, "skpwni-surat-dinas": skpwni_surat_dinas}
)
KK_LAYOUTS.update({"kk-ttd-elektronik": kk_ttd_elektronik, "kk-biodata-anggota": kk_biodata_anggota})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The twelfth round (tools/docgen/variety_round12.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round12 import (  # noqa: E402  (it builds on the helpers above)
    akta_dwibahasa_sejajar,
    akta_nama_di_depan,
    kk_baris_ganda,
    kk_kepala_tabel,
    ktp_pembaca_chip,
    ktp_suket_desa,
    skpwni_panel_samping,
    skpwni_tanya_jawab,
)

KTP_LAYOUTS.update({"ktp-pembaca-chip": ktp_pembaca_chip, "ktp-suket-desa": ktp_suket_desa})
AKTA_LAYOUTS.update(
    {"akta-nama-di-depan": akta_nama_di_depan, "akta-dwibahasa-sejajar": akta_dwibahasa_sejajar}
)
SKPWNI_LAYOUTS.update(
    {"skpwni-tanya-jawab": skpwni_tanya_jawab, "skpwni-panel-samping": skpwni_panel_samping}
)
KK_LAYOUTS.update({"kk-kepala-tabel": kk_kepala_tabel, "kk-baris-ganda": kk_baris_ganda})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The thirteenth round (tools/docgen/variety_round13.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round13 import (  # noqa: E402  (it builds on the helpers above)
    akta_keterangan_bawah,
    akta_kolom_orang,
    kk_lajur_anggota,
    kk_tiga_tabel,
    ktp_kunci_nilai,
    ktp_struk_termal,
    skpwni_baris_padat,
    skpwni_label_tengah,
)

KTP_LAYOUTS.update({"ktp-struk-termal": ktp_struk_termal, "ktp-kunci-nilai": ktp_kunci_nilai})
AKTA_LAYOUTS.update({"akta-keterangan-bawah": akta_keterangan_bawah, "akta-kolom-orang": akta_kolom_orang})
SKPWNI_LAYOUTS.update({"skpwni-label-tengah": skpwni_label_tengah, "skpwni-baris-padat": skpwni_baris_padat})
KK_LAYOUTS.update({"kk-lajur-anggota": kk_lajur_anggota, "kk-tiga-tabel": kk_tiga_tabel})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The fourteenth round (tools/docgen/variety_round14.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round14 import (  # noqa: E402  (it builds on the helpers above)
    akta_hasil_pencarian,
    akta_kotak_pelaporan,
    kk_berkas_fotokopi,
    kk_kotak_karakter,
    ktp_kyc_web,
    ktp_salinan_berulang,
    skpwni_sobekan,
    skpwni_status_aplikasi,
)

KTP_LAYOUTS.update({"ktp-kyc-web": ktp_kyc_web, "ktp-salinan-berulang": ktp_salinan_berulang})
AKTA_LAYOUTS.update(
    {"akta-hasil-pencarian": akta_hasil_pencarian, "akta-kotak-pelaporan": akta_kotak_pelaporan}
)
SKPWNI_LAYOUTS.update({"skpwni-status-aplikasi": skpwni_status_aplikasi, "skpwni-sobekan": skpwni_sobekan})
KK_LAYOUTS.update({"kk-kotak-karakter": kk_kotak_karakter, "kk-berkas-fotokopi": kk_berkas_fotokopi})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The fifteenth round (tools/docgen/variety_round15.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round15 import (  # noqa: E402  (it builds on the helpers above)
    akta_map_terbuka,
    akta_tulisan_halus,
    kk_kertas_kontinu,
    kk_lembar_kerja,
    ktp_domisili_prosa,
    ktp_panggilan_video,
    skpwni_faks_sampul,
    skpwni_isian_tangan,
)

KTP_LAYOUTS.update({"ktp-domisili-prosa": ktp_domisili_prosa, "ktp-panggilan-video": ktp_panggilan_video})
AKTA_LAYOUTS.update({"akta-tulisan-halus": akta_tulisan_halus, "akta-map-terbuka": akta_map_terbuka})
SKPWNI_LAYOUTS.update({"skpwni-isian-tangan": skpwni_isian_tangan, "skpwni-faks-sampul": skpwni_faks_sampul})
KK_LAYOUTS.update({"kk-kertas-kontinu": kk_kertas_kontinu, "kk-lembar-kerja": kk_lembar_kerja})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The sixteenth round (tools/docgen/variety_round16.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round16 import (  # noqa: E402  (it builds on the helpers above)
    akta_catatan_pinggir,
    akta_verifikasi_qr,
    kk_aplikasi_keluarga,
    kk_susunan_prosa,
    ktp_obrolan_data,
    ktp_surat_kuasa,
    skpwni_halaman_terbalik,
    skpwni_tab_aplikasi,
)

KTP_LAYOUTS.update({"ktp-obrolan-data": ktp_obrolan_data, "ktp-surat-kuasa": ktp_surat_kuasa})
AKTA_LAYOUTS.update({"akta-catatan-pinggir": akta_catatan_pinggir, "akta-verifikasi-qr": akta_verifikasi_qr})
SKPWNI_LAYOUTS.update(
    {"skpwni-halaman-terbalik": skpwni_halaman_terbalik, "skpwni-tab-aplikasi": skpwni_tab_aplikasi}
)
KK_LAYOUTS.update({"kk-susunan-prosa": kk_susunan_prosa, "kk-aplikasi-keluarga": kk_aplikasi_keluarga})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The seventeenth round (tools/docgen/variety_round17.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round17 import (  # noqa: E402  (it builds on the helpers above)
    akta_formulir_sekolah,
    akta_kuasa_notaris,
    kk_judul_tegak,
    kk_surel_dinas,
    ktp_catatan_buku_tulis,
    ktp_laporan_verifikasi,
    skpwni_rekap_mutasi,
    skpwni_surel_notifikasi,
)

KTP_LAYOUTS.update(
    {"ktp-laporan-verifikasi": ktp_laporan_verifikasi, "ktp-catatan-buku-tulis": ktp_catatan_buku_tulis}
)
AKTA_LAYOUTS.update(
    {"akta-kuasa-notaris": akta_kuasa_notaris, "akta-formulir-sekolah": akta_formulir_sekolah}
)
SKPWNI_LAYOUTS.update(
    {"skpwni-rekap-mutasi": skpwni_rekap_mutasi, "skpwni-surel-notifikasi": skpwni_surel_notifikasi}
)
KK_LAYOUTS.update({"kk-judul-tegak": kk_judul_tegak, "kk-surel-dinas": kk_surel_dinas})
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The eighteenth round (tools/docgen/variety_round18.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round18 import ROUND18  # noqa: E402  (it builds on the helpers above)

KK_LAYOUTS.update(ROUND18["kk"])
AKTA_LAYOUTS.update(ROUND18["akta"])
KTP_LAYOUTS.update(ROUND18["ktp"])
SKPWNI_LAYOUTS.update(ROUND18["skpwni"])
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)

# The nineteenth round (tools/docgen/variety_round19.py), written blind and measured before the extractor was changed.
from tools.docgen.variety_round19 import ROUND19  # noqa: E402  (it builds on the helpers above)

KK_LAYOUTS.update(ROUND19["kk"])
AKTA_LAYOUTS.update(ROUND19["akta"])
KTP_LAYOUTS.update(ROUND19["ktp"])
SKPWNI_LAYOUTS.update(ROUND19["skpwni"])
LAYOUTS.update(
    kk=tuple(KK_LAYOUTS), akta=tuple(AKTA_LAYOUTS), ktp=tuple(KTP_LAYOUTS), skpwni=tuple(SKPWNI_LAYOUTS)
)
