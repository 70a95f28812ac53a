"""Render KK, akta kelahiran, KTP and SKPWNI pages with Pillow, with layouts resembling the real forms.

Each renderer returns the page (8-bit grey) and the expected OCR output: the fields as printed, normalised
the way `ektp.ocr` normalises (ISO dates, 16-digit numbers, upper case).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ektp.domain.region import regions
from tools.synthetic.residents import Family, Person, generate_families

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MONTHS = (
    "JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI",
    "JULI", "AGUSTUS", "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER",
)  # fmt: skip
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass
class RenderedDocument:
    kind: str
    image: Image.Image
    fields: dict[str, str]
    members: list[dict[str, str]] = field(default_factory=list)
    layout: str = "standard"  # which layout drew it (tools.docgen.variety has the others); never read by OCR
    upload: bytes | None = None  # the file to submit when not `image` as PNG (a phone's EXIF JPEG)


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False, condensed: bool = False) -> Font:
    name = "DejaVuSans" + ("Condensed" if condensed else "") + ("-Bold" if bold else "") + ".ttf"
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _fit(draw: ImageDraw.ImageDraw, text: str, size: int, max_width: int, **kw: bool) -> Font:
    """The largest font up to `size` in which `text` fits `max_width` (long names shrink, as printers do)."""
    while size > 10:
        f = font(size, **kw)
        if draw.textlength(text, font=f) <= max_width:
            return f
        size -= 1
    return font(size, **kw)


def _dmy(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _long_date(d: date) -> str:
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def _region(code: str) -> str:
    return (regions().name(code) or code).upper()


def _sex(p: Person) -> str:
    return "LAKI-LAKI" if p.sex == "M" else "PEREMPUAN"


def _kv(
    draw: ImageDraw.ImageDraw, x: int, y: int, label: str, value: str, *, colon_x: int, size: int, max_x: int
) -> None:
    draw.text((x, y), label, font=font(size), fill=0)
    draw.text((colon_x, y), ":", font=font(size), fill=0)
    vx = colon_x + size
    draw.text((vx, y), value, font=_fit(draw, value, size, max_x - vx), fill=0)


def render_ktp(family: Family, person: Person) -> RenderedDocument:
    w, h = 1600, 1010
    img = Image.new("L", (w, h), 235)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((4, 4, w - 5, h - 5), radius=40, outline=120, width=3)
    province = "PROVINSI " + _region(family.province_code)
    regency = _region(family.regency_code)
    for text, y in ((province, 30), (regency, 82)):
        f = _fit(d, text, 42, w - 120, bold=True)
        d.text(((w - d.textlength(text, font=f)) / 2, y), text, font=f, fill=0)
    d.text((40, 160), "NIK", font=font(40, bold=True), fill=0)
    d.text((330, 160), ":", font=font(40, bold=True), fill=0)
    d.text((370, 160), person.nik, font=font(40, bold=True), fill=0)
    blood = "-" if person.blood_type == "TIDAK TAHU" else person.blood_type
    rows = [
        ("Nama", person.name),
        ("Tempat/Tgl Lahir", f"{person.place_of_birth}, {_dmy(person.birth_date)}"),
        ("Jenis Kelamin", _sex(person)),
        ("Alamat", family.address),
        ("    RT/RW", f"{family.rt}/{family.rw}"),
        ("    Kel/Desa", _region(family.village_code)),
        ("    Kecamatan", _region(family.district_code)),
        ("Agama", person.religion),
        ("Status Perkawinan", person.marital_status),
        ("Pekerjaan", person.occupation),
        ("Kewarganegaraan", person.citizenship),
        ("Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    y = 230
    for label, value in rows:
        max_x = 1180 if label != "Jenis Kelamin" else 760
        _kv(d, 40, y, label, value, colon_x=330, size=30, max_x=max_x)
        if label == "Jenis Kelamin":
            d.text((800, y), "Gol. Darah", font=font(30), fill=0)
            d.text((980, y), ":", font=font(30), fill=0)
            d.text((1010, y), blood, font=font(30), fill=0)
        y += 54
    # Photo box (a grey silhouette: never a real face) and the place and date of issue under it.
    d.rectangle((1230, 220, 1540, 640), fill=170, outline=90, width=2)
    d.ellipse((1320, 280, 1450, 430), fill=120)
    d.rectangle((1290, 450, 1480, 640), fill=120)
    issue_place = regency.removeprefix("KABUPATEN ").removeprefix("KOTA ")
    issue_date = family.issue_date
    for text, yy in ((issue_place, 680), (_dmy(issue_date), 730)):
        f = _fit(d, text, 30, 340)
        d.text((1385 - d.textlength(text, font=f) / 2, yy), text, font=f, fill=0)
    truth = {
        "province": _region(family.province_code),
        "regency": regency,
        "nik": person.nik,
        "name": person.name,
        "place_of_birth": person.place_of_birth,
        "birth_date": person.birth_date.isoformat(),
        "sex": _sex(person),
        "blood_type": blood,
        "address": family.address,
        "rt": family.rt,
        "rw": family.rw,
        "village": _region(family.village_code),
        "district": _region(family.district_code),
        "religion": person.religion,
        "marital_status": person.marital_status,
        "occupation": person.occupation,
        "citizenship": person.citizenship,
        "valid_until": "SEUMUR HIDUP",
        "issue_place": issue_place,
        "issue_date": issue_date.isoformat(),
    }
    return RenderedDocument("ktp", img, truth)


def _title(d: ImageDraw.ImageDraw, w: int, y: int, text: str, size: int) -> None:
    f = _fit(d, text, size, w - 160, bold=True)
    d.text(((w - d.textlength(text, font=f)) / 2, y), text, font=f, fill=0)


def akta_number(family: Family, person: Person, serial: int) -> str:
    return f"{family.regency_code.replace('.', '')}-LT-{person.birth_date.strftime('%d%m%Y')}-{serial:04d}"


def render_akta(family: Family, person: Person, serial: int = 1) -> RenderedDocument:
    w, h = 1700, 2200
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    d.rectangle((50, 50, w - 51, h - 51), outline=60, width=6)
    d.rectangle((70, 70, w - 71, h - 71), outline=60, width=2)
    _title(d, w, 160, "REPUBLIK INDONESIA", 48)
    _title(d, w, 230, "PENCATATAN SIPIL", 40)
    _title(d, w, 290, "WARGA NEGARA INDONESIA", 34)
    _title(d, w, 400, "KUTIPAN AKTA KELAHIRAN", 56)
    number = akta_number(family, person, serial)
    regency = _region(family.regency_code)
    rows = [
        ("Nomor Akta Kelahiran", number),
        ("Nomor Induk Kependudukan", person.nik),
        ("Nama Lengkap", person.name),
        ("Tempat Lahir", person.place_of_birth),
        ("Tanggal Lahir", _long_date(person.birth_date)),
        ("Jenis Kelamin", _sex(person)),
        ("Nama Ayah", person.father_name),
        ("Nama Ibu", person.mother_name),
    ]
    y = 600
    for label, value in rows:
        _kv(d, 150, y, label, value, colon_x=700, size=36, max_x=w - 150)
        y += 90
    d.text(
        (150, y + 40),
        "Kutipan ini dikeluarkan berdasarkan daftar register akta kelahiran.",
        font=font(28),
        fill=0,
    )
    _kv(d, 900, y + 200, "Dikeluarkan di", regency, colon_x=1150, size=28, max_x=w - 100)
    _kv(d, 900, y + 250, "Tanggal", _long_date(family.issue_date), colon_x=1150, size=28, max_x=w - 100)
    d.text((900, y + 320), "Pejabat Pencatatan Sipil", font=font(28), fill=0)
    truth = {
        "number": number,
        "nik": person.nik,
        "name": person.name,
        "place_of_birth": person.place_of_birth,
        "birth_date": person.birth_date.isoformat(),
        "sex": _sex(person),
        "father_name": person.father_name,
        "mother_name": person.mother_name,
    }
    return RenderedDocument("akta", img, truth)


def skpwni_number(family: Family, serial: int) -> str:
    return (
        f"SKPWNI/{family.district_code.replace('.', '')}/{family.issue_date.strftime('%d%m%Y')}/{serial:04d}"
    )


def render_skpwni(origin: Family, destination: Family, person: Person, serial: int = 1) -> RenderedDocument:
    w, h = 1700, 2200
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    _title(d, w, 120, "PEMERINTAH " + _region(origin.regency_code), 36)
    _title(d, w, 175, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 36)
    d.line((100, 240, w - 100, 240), fill=0, width=4)
    _title(d, w, 290, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", 40)
    number = skpwni_number(origin, serial)
    _title(d, w, 350, "Nomor : " + number, 32)

    def section(y: int, heading: str, rows: list[tuple[str, str]]) -> int:
        d.text((120, y), heading, font=font(32, bold=True), fill=0)
        y += 70
        for label, value in rows:
            _kv(d, 160, y, label, value, colon_x=700, size=32, max_x=w - 120)
            y += 62
        return y + 40

    def address(f: Family) -> list[tuple[str, str]]:
        return [
            ("Alamat", f.address),
            ("RT/RW", f"{f.rt}/{f.rw}"),
            ("Desa/Kelurahan", _region(f.village_code)),
            ("Kecamatan", _region(f.district_code)),
            ("Kabupaten/Kota", _region(f.regency_code)),
            ("Provinsi", _region(f.province_code)),
        ]

    y = section(460, "DATA DAERAH ASAL", [("Nomor Kartu Keluarga", origin.kk_number), *address(origin)])
    y = section(y, "DATA KEPINDAHAN", [("NIK", person.nik), ("Nama Lengkap", person.name)])
    y = section(y, "DATA DAERAH TUJUAN", address(destination))
    truth = {"number": number, "nik": person.nik, "name": person.name, "kk_number": origin.kk_number}
    for prefix, fam in (("origin", origin), ("destination", destination)):
        truth.update(
            {
                f"{prefix}_address": fam.address,
                f"{prefix}_rt": fam.rt,
                f"{prefix}_rw": fam.rw,
                f"{prefix}_village": _region(fam.village_code),
                f"{prefix}_district": _region(fam.district_code),
                f"{prefix}_regency": _region(fam.regency_code),
                f"{prefix}_province": _region(fam.province_code),
            }
        )
    return RenderedDocument("skpwni", img, truth)


KK_TABLE1 = (
    ("No", "No"),
    ("Nama Lengkap", "name"),
    ("NIK", "nik"),
    ("Jenis Kelamin", "sex"),
    ("Tempat Lahir", "place_of_birth"),
    ("Tanggal Lahir", "birth_date"),
    ("Agama", "religion"),
    ("Pendidikan", "education"),
    ("Jenis Pekerjaan", "occupation"),
    ("Gol. Darah", "blood_type"),
)
KK_TABLE2 = (
    ("No", "No"),
    ("Status Perkawinan", "marital_status"),
    ("Tanggal Perkawinan", "marriage_date"),
    ("Status Hubungan", "relationship"),
    ("Kewarganegaraan", "citizenship"),
    ("No. Paspor", "passport_number"),
    ("No. KITAP", "kitap_number"),
    ("Nama Ayah", "father_name"),
    ("Nama Ibu", "mother_name"),
)


def _member_cells(p: Person) -> dict[str, tuple[str, str]]:
    """Each member column: (printed text, expected normalised value)."""
    married = p.marriage_date
    return {
        "name": (p.name, p.name),
        "nik": (p.nik, p.nik),
        "sex": (_sex(p), _sex(p)),
        "place_of_birth": (p.place_of_birth, p.place_of_birth),
        "birth_date": (_dmy(p.birth_date), p.birth_date.isoformat()),
        "religion": (p.religion, p.religion),
        "education": (p.education, p.education),
        "occupation": (p.occupation, p.occupation),
        "blood_type": (p.blood_type, p.blood_type),
        "marital_status": (p.kk_marital_status, p.kk_marital_status),
        "marriage_date": (_dmy(married), married.isoformat()) if married else ("-", "-"),
        "relationship": (p.relationship, p.relationship),
        "citizenship": (p.citizenship, p.citizenship),
        "passport_number": ("-", "-"),
        "kitap_number": ("-", "-"),
        "father_name": (p.father_name, p.father_name),
        "mother_name": (p.mother_name, p.mother_name),
    }


def _table(
    d: ImageDraw.ImageDraw,
    x0: int,
    y0: int,
    width: int,
    columns: tuple[tuple[str, str], ...],
    rows: list[dict[str, tuple[str, str]]],
) -> int:
    size = 22
    body = font(size, condensed=True)
    head = font(20, bold=True, condensed=True)
    pad = 14
    widths = []
    for title, key in columns:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        need = max([d.textlength(t, font=body) for t in texts] + [d.textlength(title, font=head)])
        widths.append(need + 2 * pad)
    spare = max(0.0, width - sum(widths))
    widths = [wd + spare * wd / sum(widths) for wd in widths]  # distribute spare room: tidier, like the form
    xs = [x0]
    for wd in widths:
        xs.append(xs[-1] + int(wd))
    row_h, head_h = 46, 56
    y_end = y0 + head_h + row_h * len(rows)
    for x in xs:
        d.line((x, y0, x, y_end), fill=0, width=3)
    d.line((xs[0], y0, xs[-1], y0), fill=0, width=3)
    d.line((xs[0], y0 + head_h, xs[-1], y0 + head_h), fill=0, width=3)
    d.line((xs[0], y_end, xs[-1], y_end), fill=0, width=3)
    for (title, _), xa, xb in zip(columns, xs, xs[1:], strict=False):
        d.text(((xa + xb) / 2 - d.textlength(title, font=head) / 2, y0 + 16), title, font=head, fill=0)
    for i, row in enumerate(rows):
        y = y0 + head_h + i * row_h + 10
        for (_, key), xa, xb in zip(columns, xs, xs[1:], strict=False):
            text = str(i + 1) if key == "No" else row[key][0]
            f = (
                body
                if d.textlength(text, font=body) <= xb - xa - 2 * pad
                else _fit(d, text, size, int(xb - xa - 2 * pad), condensed=True)
            )
            d.text((xa + pad, y), text, font=f, fill=0)
        d.line((xs[0], y0 + head_h + (i + 1) * row_h, xs[-1], y0 + head_h + (i + 1) * row_h), fill=0, width=1)
    return y_end


def render_kk(family: Family) -> RenderedDocument:
    w = 3000
    n = len(family.members)
    h = 1100 + 2 * 46 * n
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    _title(d, w, 50, "KARTU KELUARGA", 60)
    _title(d, w, 130, "No. " + family.kk_number, 44)
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
    for i, ((ll, lv), (rl, rv)) in enumerate(zip(left, right, strict=True)):
        y = 230 + i * 50
        _kv(d, 100, y, ll, lv, colon_x=480, size=28, max_x=1500)
        _kv(d, 1640, y, rl, rv, colon_x=1920, size=28, max_x=w - 100)
    rows = [_member_cells(p) for p in family.members]
    y = _table(d, 60, 470, w - 120, KK_TABLE1, rows)
    y = _table(d, 60, y + 60, w - 120, KK_TABLE2, rows)
    _kv(d, 100, y + 50, "Dikeluarkan Tanggal", _dmy(family.issue_date), colon_x=480, size=28, max_x=1400)
    d.text((2000, y + 50), "KEPALA DINAS KEPENDUDUKAN DAN", font=font(24), fill=0)
    d.text((2000, y + 85), "PENCATATAN SIPIL", font=font(24), fill=0)
    truth = {
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
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    return RenderedDocument("kk", img, truth, members)


def generate_documents(kind: str, count: int, seed: int) -> list[RenderedDocument]:
    """`count` documents of one kind from a fixed seed (same seed, same pages)."""
    families = generate_families(count + 1, seed)
    rng = random.Random(seed * 7919 + len(kind))
    docs: list[RenderedDocument] = []
    for i in range(count):
        fam = families[i]
        if kind == "kk":
            docs.append(render_kk(fam))
            continue
        if kind == "akta":
            docs.append(render_akta(fam, rng.choice(fam.members), serial=rng.randint(1, 9999)))
            continue
        adults = [p for p in fam.members if p.age_on(date(2026, 11, 1)) >= 17] or fam.members
        person = rng.choice(adults)
        if kind == "ktp":
            docs.append(render_ktp(fam, person))
        elif kind == "skpwni":
            docs.append(render_skpwni(fam, families[i + 1], person, serial=rng.randint(1, 9999)))
        else:
            raise ValueError(f"unknown document kind {kind!r}")
    return docs
