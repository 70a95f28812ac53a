"""A fifth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type, each a kind of page residents really upload that the 33 older layouts do not cover:

- KK, `kk-dotmatrix-lama`: a KK on the old form as kecamatan offices printed it (into the 2010s in many
  regencies; the issue date is the family's): a pre-printed form (titles and rules in a Times face) whose
  values a 9-pin DOT-MATRIX printer filled in with a worn, faint ribbon (dots, blotchy ink), the continuous
  paper a few pixels off the form's rows. The old wordings: "DINAS KEPENDUDUKAN
  DAN CATATAN SIPIL", "Kelurahan/Desa", "Propinsi", the columns "L/P" with LK/PR, "Tgl. Lahir", "Pendidikan
  Terakhir", "Hub. Keluarga" with the head of family written "KK", "WNI/WNA", "Tgl. Dikeluarkan". Why: old KKs
  are still in every drawer; offices ask for them when the family never had a new one printed.
- KK, `kk-scan-tutup-terbuka`: a post-2018 KK (column titles in capitals, Computer Modern sans print) SCANNED
  CROOKED on an office flatbed with the LID OPEN (the folio KK does not fit under a closed lid): the page
  turned 3-8 degrees, black all around it where the open lid let no light back, a bright rim and a shadow
  where the sheet lifts off the glass at one edge.
- Akta kelahiran, `akta-ketik-folio`: a Kutipan TYPED IN FULL on plain folio paper (215 x 330 mm) by an office
  that still typed in the first NIK years: a typewriter face (Computer Modern Typewriter), each letter struck
  harder or softer, some half-struck by the ribbon, baseline jitter, letter-spaced heading "K U T I P A N",
  the office's pre-2006 name "KANTOR CATATAN SIPIL", the date in words with its digits in brackets, a
  correction-fluid patch with a value typed over it, two binder punch holes in the margin.
- Akta kelahiran, `akta-legalisir-copy`: a LEGALISED PHOTOCOPY of a Kutipan printed in a Times face (the forms
  are set in Times New Roman) with a prose wording none of the older ones has ("telah dilahirkan seorang
  anak ... bernama ..., anak dari ayah ... dan ibu ..."); the legalisation's box stamp and the official's pen
  signature land ON the values (the name and the parents), the round stamp over the date, as the counter
  clerks stamp them.
- KTP-el, `ktp-exif-sideways`: a phone photo of the card taken in portrait whose JPEG stores the pixels
  SIDEWAYS (landscape) with an EXIF Orientation tag 6 or 8, as phones write it: the upload must be turned by
  its tag. `RenderedDocument.upload` holds the exact file; `image` is the picture as a viewer shows it. The
  card's print is set in Aileron (Pillow's own face, a Helvetica-like sans no older layout uses).
- KTP-el, `ktp-batik-tilt`: the card photographed STRONGLY TILTED (25-35 degrees of perspective) lying on a
  batik cloth (a kawung pattern in brown and indigo, in the card's plane, so it shrinks with it), the far
  edge out of focus.
- SKPWNI, `skpwni-wa-landscape`: a LANDSCAPE two-column SKPWNI (origin left, destination right, the move
  under both), labels in Computer Modern sans and values in bold Times (STIX), with the form's "Dusun/Dukuh/
  Kampung" and "Telepon" rows, FORWARDED THROUGH A MESSENGER: 1280 px on the long side, JPEG quality 40-60.
- SKPWNI, `skpwni-lampiran`: a two-page SKPWNI in one image, page 2 (the "LAMPIRAN" with the family members
  moving along, NIK and name in a table) rendered below page 1; both pages printed on security paper with a
  light-grey crosshatch and a diagonal "DOKUMEN NEGARA" watermark; section wordings "KETERANGAN TEMPAT ASAL"
  and "KETERANGAN TEMPAT TUJUAN", "Jalan/Alamat".

Fonts: besides DejaVu (ExtraLight and Bold Oblique, which no older layout uses), faces installed with the
project's pinned matplotlib (STIX General, Computer Modern Typewriter and Sans) and Pillow's own Aileron.
Ground truths are normalised as the older layouts' are (the same keys per type). Nothing in `ektp.ocr` may
know these layouts.
"""

from __future__ import annotations

import importlib.util
import io
import math
import random
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from tools.docgen.render import FONT_DIR, Font, RenderedDocument, _member_cells, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_REASONS,
    MOVE_TYPES,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _move,
    _skpwni_truth,
    _wrap,
    format_date,
    move_class,
    number_words,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip, _photocopied
from tools.docgen.variety_round4 import Column, _column_xs, _finish, _light, _tilted_quad, _warp_into
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Cells = dict[str, tuple[str, str]]

# --- faces ---------------------------------------------------------------------------------------------------

_MPL_FONTS = (
    Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    if (spec := importlib.util.find_spec("matplotlib")) and spec.origin
    else FONT_DIR
)
_FACES = {
    "stix": _MPL_FONTS / "STIXGeneral.ttf",
    "stix-bold": _MPL_FONTS / "STIXGeneralBol.ttf",
    "cmtt": _MPL_FONTS / "cmtt10.ttf",
    "cmss": _MPL_FONTS / "cmss10.ttf",
    "light": FONT_DIR / "DejaVuSans-ExtraLight.ttf",
    "bold-oblique": FONT_DIR / "DejaVuSans-BoldOblique.ttf",
    "mono-bold": FONT_DIR / "DejaVuSansMono-Bold.ttf",
    "condensed-bold": FONT_DIR / "DejaVuSansCondensed-Bold.ttf",
}


@lru_cache(maxsize=128)
def face(name: str, size: int) -> Font:
    """A face by short name; "aileron" is Pillow's built-in scalable face."""
    path = _FACES.get(name)
    if path is not None and path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


class FacePage(Page):
    """A Page printed in faces of its own: (regular, bold) short names for `face`."""

    def __init__(self, w: int, h: int, faces: tuple[str, str], rng: random.Random, paper: int = 250) -> None:
        super().__init__(w, h, "sans", rng, paper)
        self.faces = faces

    def font(self, size: int, bold: bool = False) -> Font:
        return face(self.faces[int(bold)], size)


def _jpeg(img: Image.Image, quality: int, **extra: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, **extra)
    return buf.getvalue()


# --- KK before 2010, dot-matrix values on a pre-printed form -------------------------------------------------

_OLD_T1: tuple[Column, ...] = (
    ("No", "No"),
    ("Nama Lengkap", "name"),
    ("NIK", "nik"),
    ("L/P", "sex"),
    ("Tempat Lahir", "place_of_birth"),
    ("Tgl. Lahir", "birth_date"),
    ("Agama", "religion"),
    ("Pendidikan\nTerakhir", "education"),
    ("Pekerjaan", "occupation"),
    ("Gol.\nDrh", "blood_type"),
)
_OLD_T2: tuple[Column, ...] = (
    ("No", "No"),
    ("Status\nKawin", "marital_status"),
    ("Tgl.\nKawin", "marriage_date"),
    ("Hub.\nKeluarga", "relationship"),
    ("WNI/\nWNA", "citizenship"),
    ("No. Paspor", "passport_number"),
    ("No. KITAS/\nKITAP", "kitap_number"),
    ("Nama Ayah", "father_name"),
    ("Nama Ibu", "mother_name"),
)


def _old_cells(p: Person) -> Cells:
    """The member's cells as the old print wrote them: LK/PR, the head of family as "KK"."""
    cells = dict(_member_cells(p))
    cells["sex"] = ("LK" if p.sex == "M" else "PR", cells["sex"][1])
    if p.relationship == "KEPALA KELUARGA":
        cells["relationship"] = ("KK", p.relationship)
    return cells


def _ribbon(values: Image.Image, rng: random.Random) -> Image.Image:
    """Black text turned into a worn 9-pin ribbon's print: each glyph on the printer's 3 px grid of pins,
    every pin a round dot, the ink blotchy and faint."""
    w, h = values.size
    pins = np.asarray(values.resize((w // 3, h // 3), Image.Resampling.BOX), np.float32) < 150
    dot = np.array([[0.45, 1, 0.45], [1, 1, 1], [0.45, 1, 0.45]], np.float32)
    dots = np.zeros((h, w), np.float32)
    dots[: 3 * pins.shape[0], : 3 * pins.shape[1]] = np.kron(pins.astype(np.float32), dot)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    blotch = cv2.resize(nrng.normal(0, 1, (8, 24)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    strength = rng.uniform(0.5, 0.75) * np.clip(1 + 0.25 * blotch, 0.6, 1.3)
    grey = 255 - 255 * np.clip(dots * strength, 0, 1)
    return Image.fromarray(grey.astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.6))


def _form_table(
    form: Page,
    vals: Page,
    xs: list[float],
    y0: float,
    columns: Sequence[Column],
    rows: list[Cells],
    size: int,
) -> float:
    """The form's ruled table and two-line titles on `form`, the member values on `vals`; the y under it."""
    head_h, row_h = 2 * (size + 4) + 16, size + 22
    y_end = y0 + head_h + row_h * len(rows)
    for x in xs:
        form.d.line((x, y0, x, y_end), fill=0, width=2)
    for y in (y0, y0 + head_h, y_end):
        form.d.line((xs[0], y, xs[-1], y), fill=0, width=2)
    for i, (title, key) in enumerate(columns):
        lines = title.split("\n")
        for j, line in enumerate(lines):
            f = form.font(size - 2, True)
            top = y0 + 8 + (head_h - 16 - len(lines) * (size + 4)) / 2 + j * (size + 4)
            form.d.text(
                ((xs[i] + xs[i + 1] - form.d.textlength(line, font=f)) / 2, top), line, font=f, fill=0
            )
        for r, cells in enumerate(rows):
            y = y0 + head_h + r * row_h
            if i == 0:
                form.d.line((xs[0], y + row_h, xs[-1], y + row_h), fill=90, width=1)
            text = str(r + 1) if key == "No" else cells[key][0]
            vals.text(xs[i] + 8, y + 9, text, size, max_x=xs[i + 1] - 6)
    return y_end


def kk_dotmatrix_lama(family: Family, rng: random.Random) -> RenderedDocument:
    """A pre-2010 KK: the form pre-printed, its values dot-matrix printed with a faint ribbon."""
    n = len(family.members)
    w, h = 3000, 1300 + 2 * 46 * n
    paper = rng.randint(232, 244)  # the old paper has yellowed
    form = FacePage(w, h, ("stix", "stix-bold"), rng, paper=paper)
    vals = FacePage(w, h, ("mono-bold", "mono-bold"), rng, paper=255)
    form.centre(40, "PEMERINTAH " + _region(family.regency_code), 34)
    form.centre(86, "DINAS KEPENDUDUKAN DAN CATATAN SIPIL", 34)
    form.centre(150, "KARTU KELUARGA", 58)
    form.text(1240, 230, "No.", 34)
    vals.text(1320, 228, family.kk_number, 36)
    left = (
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Kelurahan/Desa", _region(family.village_code)),
    )
    right = (
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Kode Pos", family.postal_code),
        ("Propinsi", _region(family.province_code)),
    )
    for col, (x, colon, items) in enumerate(((100, 470, left), (1700, 1980, right))):
        for i, (label, value) in enumerate(items):
            form.text(x, 310 + i * 50, label, 28)
            form.text(colon, 310 + i * 50, ":", 28)
            vals.text(colon + 30, 310 + i * 50, value, 30, max_x=1560 if col == 0 else 2940)
    rows = [_old_cells(m) for m in family.members]
    size = 24  # the printer's 10-pitch draft characters: bigger than a laser print's
    xs1 = _column_xs(vals, 60, 2880, _OLD_T1, rows, size)
    y = _form_table(form, vals, xs1, 540, _OLD_T1, rows, size)
    xs2 = _column_xs(vals, 60, 2880, _OLD_T2, rows, size)
    y = _form_table(form, vals, xs2, y + 50, _OLD_T2, rows, size)
    form.text(100, y + 50, "Tgl. Dikeluarkan", 28)
    form.text(330, y + 50, ":", 28)
    vals.text(360, y + 50, format_date(family.issue_date, "dmy-dash"), 30)
    form.text(700, y + 110, "Mengetahui,", 24)
    form.text(700, y + 145, "CAMAT " + _region(family.district_code), 24, max_x=1500)
    form.text(1950, y + 110, "KEPALA DINAS KEPENDUDUKAN", 24, bold=True)
    form.text(1950, y + 145, "DAN CATATAN SIPIL", 24, bold=True)
    form.signature(2000, y + 190, 320, 80)
    form.stamp(2000, y + 210, 110, "CAPIL|" + _issue_place(family)[:12])
    # The continuous paper fed a little off the form: every value shifted together.
    shifted = Image.new("L", (w, h), 255)
    shifted.paste(vals.img, (rng.randint(-8, 8), rng.randint(-4, 9)))
    form.overlay(_ribbon(shifted, rng))
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    return RenderedDocument("kk", form.img, _kk_truth(family), members, layout="kk-dotmatrix-lama")


# --- KK scanned crooked with the lid open ----------------------------------------------------------------------

_CAPS_T1: tuple[Column, ...] = (
    ("NO", "No"),
    ("NAMA LENGKAP", "name"),
    ("NIK", "nik"),
    ("JENIS\nKELAMIN", "sex"),
    ("TEMPAT\nLAHIR", "place_of_birth"),
    ("TANGGAL\nLAHIR", "birth_date"),
    ("AGAMA", "religion"),
    ("PENDIDIKAN", "education"),
    ("JENIS\nPEKERJAAN", "occupation"),
    ("GOLONGAN\nDARAH", "blood_type"),
)
_CAPS_T2: tuple[Column, ...] = (
    ("NO", "No"),
    ("STATUS\nPERKAWINAN", "marital_status"),
    ("TANGGAL\nPERKAWINAN", "marriage_date"),
    ("STATUS HUBUNGAN\nDALAM KELUARGA", "relationship"),
    ("KEWARGA-\nNEGARAAN", "citizenship"),
    ("NO. PASPOR", "passport_number"),
    ("NO. KITAP", "kitap_number"),
    ("NAMA AYAH", "father_name"),
    ("NAMA IBU", "mother_name"),
)


def _lid_open(page: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan with the lid open: the sheet turned 3-8 degrees, near-black where no lid reflects, a
    bright rim round the sheet, a shadow where one edge lifts off the glass; grey at about 180 dpi."""
    scale = rng.uniform(0.72, 0.82)
    img = page.resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS)
    arr = np.asarray(img, np.float32)
    w = arr.shape[1]
    lift = rng.randint(40, 90)  # the lifted edge: darker towards the sheet's side
    arr[:, w - lift :] *= np.linspace(1.0, 0.7, lift, dtype=np.float32)[None, :]
    img = Image.fromarray(arr.astype(np.uint8), "L")
    angle = rng.choice((-1, 1)) * rng.uniform(3, 8)
    mask = Image.new("L", img.size, 255).rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=0)
    bed = Image.new("L", (img.width + rng.randint(60, 220), img.height + rng.randint(40, 160)), 0)
    at = (rng.randint(8, 40), rng.randint(8, 30))  # the sheet pushed against the bed's corner
    bed.paste(img, at)
    sheet = Image.new("L", bed.size, 0)
    sheet.paste(mask, at)
    rim = np.asarray(sheet.filter(ImageFilter.GaussianBlur(14)), np.float32) / 255.0
    dark = rng.uniform(8, 28)
    out = np.asarray(bed, np.float32)
    inside = np.asarray(sheet, np.float32) / 255.0
    glow = 90 * rim * (1 - inside)  # light scattered off the sheet's edge into the open bed
    out = out * inside + (dark + glow) * (1 - inside)
    out += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 3, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")


def _caps_table(pg: Page, xs: list[float], y0: float, columns: Sequence[Column], rows: list[Cells]) -> float:
    """A ruled member table whose titles are capitals on up to two lines; the y under it."""
    return _form_table(pg, pg, xs, y0, columns, rows, 21)


def kk_scan_tutup_terbuka(family: Family, rng: random.Random) -> RenderedDocument:
    """A post-2018 KK printed in Computer Modern sans, scanned crooked on a flatbed with the lid open."""
    n = len(family.members)
    pg = FacePage(3000, 1150 + 2 * 46 * n, ("cmss", "condensed-bold"), rng)
    pg.qr(90, 40, 190)
    pg.centre(50, "KARTU KELUARGA", 60, bold=True)
    pg.centre(130, "No. " + family.kk_number, 42, bold=True)
    head = (
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kelurahan", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Kode Pos", family.postal_code),
        ("Provinsi", _region(family.province_code)),
    )
    for i, (label, value) in enumerate(head):
        x, colon, top = (100, 480, 260 + i * 48) if i < 4 else (1700, 2000, 260 + (i - 4) * 48)
        pg.kv(x, top, label, value, colon, 28, 1600 if i < 4 else 2920)
    rows = [_member_cells(m) for m in family.members]
    y = _caps_table(pg, _column_xs(pg, 60, 2880, _CAPS_T1, rows, 21), 480, _CAPS_T1, rows)
    y = _caps_table(pg, _column_xs(pg, 60, 2880, _CAPS_T2, rows, 21), y + 50, _CAPS_T2, rows)
    pg.kv(100, y + 50, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-dash"), 480, 28, 1400)
    pg.text(2000, y + 50, "KEPALA DINAS KEPENDUDUKAN DAN", 24, bold=True)
    pg.text(2000, y + 85, "PENCATATAN SIPIL", 24, bold=True)
    pg.signature(2050, y + 130, 330, 80)
    pg.stamp(2080, y + 150, 110, "DUKCAPIL|" + _issue_place(family)[:12])
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    scan = _lid_open(pg.img, rng)
    return RenderedDocument("kk", scan, _kk_truth(family), members, layout="kk-scan-tutup-terbuka")


# --- akta typed in full on folio --------------------------------------------------------------------------------


class Typewriter:
    """Typing on a page: a monospaced face, each letter struck harder or softer (some half-struck by the
    ribbon), the baseline jittering a little."""

    def __init__(self, pg: Page, size: int, rng: random.Random) -> None:
        self.pg, self.size, self.rng = pg, size, rng
        self.f = face("cmtt", size)
        self.layer, self.d = pg.ink_layer()

    def type(self, x: float, y: float, text: str) -> float:
        """Type `text` at (x, y); the x after it."""
        cx = x
        for ch in text:
            ink = self.rng.randint(0, 90)
            self.d.text((cx, y + self.rng.uniform(-1.5, 1.5)), ch, font=self.f, fill=ink)
            if ch != " " and self.rng.random() < 0.08:  # the ribbon's worn half: the top or bottom fades
                top = y + (0 if self.rng.random() < 0.5 else self.size * 0.55)
                box = (
                    int(cx),
                    int(top),
                    int(cx + self.d.textlength(ch, font=self.f)),
                    int(top + self.size * 0.5),
                )
                patch = self.layer.crop(box).point(lambda v: 255 - (255 - v) // 3)
                self.layer.paste(patch, box[:2])
            cx += self.d.textlength(ch, font=self.f)
        return cx

    def width(self, text: str) -> float:
        return self.d.textlength(text, font=self.f)

    def done(self) -> None:
        speckle = self.layer.filter(ImageFilter.GaussianBlur(0.6))
        self.pg.overlay(speckle)


def _whiteout(pg: Page, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
    """A correction-fluid patch: a slightly lumpy off-white blot with a faint ghost of the covered word."""
    blot = Image.new("L", pg.img.size, 0)
    d = ImageDraw.Draw(blot)
    d.rounded_rectangle((x - 6, y - 4, x + w + 6, y + h + 6), radius=10, fill=255)
    mask = blot.filter(ImageFilter.GaussianBlur(2))
    white = Image.new("L", pg.img.size, rng.randint(246, 253))
    pg.img = Image.composite(white, pg.img, mask)
    pg.d = ImageDraw.Draw(pg.img)


def akta_ketik_folio(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan typed in full on folio paper, with binder holes and a correction-fluid patch."""
    pg = Page(1700, 2630, "sans", rng, paper=rng.randint(236, 246))
    for hy in (900, 1700):  # a binder's punch holes in the left margin
        pg.d.ellipse((40, hy, 92, hy + 52), fill=rng.randint(60, 110))
    tw = Typewriter(pg, 30, rng)
    x0 = 190
    place = _issue_place(family)
    number = akta_number(family, p, serial)
    heading = ("REPUBLIK INDONESIA", "KANTOR CATATAN SIPIL", "KABUPATEN/KOTA " + place)
    for i, line in enumerate(heading):
        tw.type((pg.w - tw.width(line)) / 2, 140 + i * 50, line)
    title = " ".join("KUTIPAN") + "   " + " ".join("AKTA") + "   " + " ".join("KELAHIRAN")
    tw.type((pg.w - tw.width(title)) / 2, 360, title)
    tw.type((pg.w - tw.width("No. " + number)) / 2, 420, "No. " + number)
    born = p.birth_date
    in_words = f"{number_words(born.day).lower()} {format_date(born, 'long-title').split()[1]} "
    in_words += f"{number_words(born.year).lower()} ({born.strftime('%d-%m-%Y')})"
    order = rng.randint(1, 6)
    lines = [
        ("N I K", p.nik),
        ("Nama anak", p.name),
        ("Dilahirkan di", p.place_of_birth),
        ("Pada tanggal", in_words),
        ("Jenis kelamin", _sex(p).title()),
        ("Anak ke", f"{order} ({number_words(order).lower()})"),
        ("Dari seorang ayah", p.father_name),
        ("dan seorang ibu", p.mother_name),
    ]
    y, colon = 560.0, x0 + tw.width("Dari seorang ayah  ")
    patched = rng.choice(("Nama anak", "Dari seorang ayah", "dan seorang ibu"))
    for label, value in lines:
        tw.type(x0, y, label)
        tw.type(colon, y, ":")
        vx = colon + tw.width(": ")
        words = value.split()
        line = ""
        for word in words:  # wrap a long date in words under itself
            if line and vx + tw.width(line + " " + word) > pg.w - 150:
                tw.type(vx, y, line)
                line, y = word, y + 62
            else:
                line = f"{line} {word}".strip()
        if label == patched:
            _whiteout(pg, vx, y, tw.width(line), 34, rng)
        tw.type(vx, y, line)
        y += 86
    intro = "Kutipan ini dibuat sesuai dengan Daftar Kelahiran yang ada pada kami."
    tw.type(x0, y + 40, intro)
    issued = family.issue_date
    tw.type(950, y + 200, f"{place.title()}, {format_date(issued, 'long-title')}")
    tw.type(950, y + 250, "KEPALA KANTOR CATATAN SIPIL")
    tw.type(950, y + 420, rng.choice(_OFFICIALS))
    tw.type(950, y + 462, "NIP. " + _nip(rng))
    tw.done()
    pg.signature(1000, y + 300, 300, 80)
    pg.stamp(990, y + 330, 120, "CATATAN SIPIL|" + place[:14])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-ketik-folio")


# --- akta: a legalised photocopy, stamps on the values ------------------------------------------------------


def _words_at(
    pg: Page, x0: float, y: float, x1: float, runs: list[tuple[str, bool]], size: int
) -> dict[str, tuple[float, float]]:
    """Prose word by word (values bold) wrapped in [x0, x1]; where each value run starts: (x, y)."""
    x, spots = x0, {}
    space = pg.d.textlength(" ", font=pg.font(size))
    for text, bold in runs:
        f = pg.font(size, bold)
        for k, word in enumerate(text.split()):
            tw = pg.d.textlength(word, font=f)
            if x + tw > x1 and x > x0:
                x, y = x0, y + size * 1.8
            if bold and k == 0:
                spots[text] = (x, y)
            pg.d.text((x, y), word, font=f, fill=0)
            x += tw + space
    return spots


def _legalisation(
    pg: Page, spots: list[tuple[float, float]], date_at: tuple[float, float], place: str, rng: random.Random
) -> None:
    """The counter clerk's legalisation: a box stamp and a pen signature over values, the round stamp on
    the date, the legalising official's note in the margin."""
    layer, d = pg.ink_layer()
    ink = rng.randint(80, 140)
    x = min(spots[0][0] + rng.randint(-40, 120), pg.w - 720)
    y = spots[0][1] - rng.randint(10, 50)
    d.rectangle((x, y, x + 600, y + 150), outline=ink, width=4)
    for i, line in enumerate(("FOTOKOPI SESUAI ASLINYA", "Dilegalisir oleh Dinas Dukcapil")):
        f = face("bold-oblique", 30 - 4 * i)
        d.text((x + 20, y + 25 + i * 55), line, font=f, fill=ink)
    pg.overlay(layer.rotate(rng.uniform(-8, 8), center=(x + 300, y + 75), fillcolor=255))
    sx, sy = spots[-1]
    pg.signature(sx - 40, sy - 30, 360, 90)
    pg.stamp(date_at[0] + rng.randint(0, 120), date_at[1] + 20, 110, "DUKCAPIL|" + place[:12])


def akta_legalisir_copy(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan set in Times, photocopied and legalised with stamps and a signature over its values."""
    pg = FacePage(1700, 2400, ("stix", "stix-bold"), rng)
    pg.d.rectangle((70, 70, 1630, 2330), outline=70, width=3)
    pg.centre(150, "REPUBLIK INDONESIA", 46)
    pg.centre(215, "PENCATATAN SIPIL", 38)
    pg.centre(320, "KUTIPAN AKTA KELAHIRAN", 56)
    number = akta_number(family, p, serial)
    pg.kv(180, 470, "Nomor Induk Kependudukan", p.nik, 640, 34, 1550)
    pg.kv(180, 530, "Nomor Akta", number, 640, 34, 1550)
    born = format_date(p.birth_date, rng.choice(("long-title", "long")))
    runs = [
        ("Berdasarkan register akta kelahiran, bahwa di", False), (p.place_of_birth, True),
        ("pada tanggal", False), (born, True), ("telah dilahirkan seorang anak", False), (_sex(p), True),
        ("bernama", False), (p.name, True), (", anak dari ayah", False), (p.father_name, True),
        ("dan ibu", False), (p.mother_name, True), (".", False),
    ]  # fmt: skip
    spots = _words_at(pg, 180, 680, 1540, runs, 36)
    place = _issue_place(family)
    issued = format_date(family.issue_date, "long-title")
    y = max(v[1] for v in spots.values()) + 260
    pg.text(900, y, f"Dikeluarkan di {place.title()}", 30)
    pg.text(900, y + 48, f"pada tanggal {issued}", 30)
    pg.text(900, y + 110, "Pejabat Pencatatan Sipil", 30)
    pg.signature(940, y + 160, 300, 80)
    copy = FacePage(1700, 2400, ("stix", "stix-bold"), rng)
    copy.img = _photocopied(pg.img, rng)
    copy.d = ImageDraw.Draw(copy.img)
    _legalisation(copy, [spots[p.name], spots[p.mother_name]], spots[born], place, rng)
    return RenderedDocument("akta", copy.img, _akta_truth(number, p), layout="akta-legalisir-copy")


# --- KTP-el photographed: sideways with an EXIF tag, and steeply on batik ------------------------------------


def _card_aileron(family: Family, p: Person, rng: random.Random) -> tuple[Image.Image, str]:
    """The card's print in Aileron on a light grey card, the NIK in a bold monospaced face."""
    pg = FacePage(1600, 1010, ("aileron", "aileron"), rng, paper=236)
    d = pg.d
    for top, text in ((30, "PROVINSI " + _region(family.province_code)), (82, _region(family.regency_code))):
        f = pg.fit(text, 42, 1480)
        d.text(
            ((1600 - d.textlength(text, font=f)) / 2, top),
            text,
            font=f,
            fill=0,
            stroke_width=1,
            stroke_fill=0,
        )
    d.text((40, 160), "NIK", font=face("aileron", 42), fill=0, stroke_width=1, stroke_fill=0)
    d.text((330, 160), ":", font=face("aileron", 42), fill=0)
    d.text((370, 158), p.nik, font=face("mono-bold", 44), fill=0)
    born = format_date(p.birth_date, "dmy-dash")
    address = _wrap(family.address, 30)
    rows: list[tuple[int, str, str]] = [
        (0, "Nama", p.name),
        (0, "Tempat/Tgl Lahir", f"{p.place_of_birth}, {born}"),
        (0, "Jenis kelamin", _sex(p)),
        (0, "Alamat", address[0]),
        *((0, "", more) for more in address[1:]),
        (40, "RT/RW", f"{family.rt}/{family.rw}"),
        (40, "Kel/Desa", _region(family.village_code)),
        (40, "Kecamatan", _region(family.district_code)),
        (0, "Agama", p.religion),
        (0, "Status Perkawinan", p.marital_status),
        (0, "Pekerjaan", p.occupation),
        (0, "Kewarganegaraan", p.citizenship),
        (0, "Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    y = 232.0
    for indent, label, value in rows:
        if label:
            pg.text(40 + indent, y, label, 31)
            pg.text(330, y, ":", 31)
        pg.text(360, y, value, 31, max_x=760 if label == "Jenis kelamin" else 1200)
        if label == "Jenis kelamin":
            pg.text(800, y, "Gol. Darah", 31)
            pg.text(980, y, ":", 31)
            pg.text(1010, y, _blood(p), 31)
        y += 750 / len(rows)
    pg.photo_box(1240, 220, 1550, 640)
    place = _issue_place(family)
    pg.centre(675, place, 29, bold=False, x0=1230, x1=1560)
    pg.centre(720, format_date(family.issue_date, "dmy-dash"), 29, bold=False, x0=1230, x1=1560)
    pg.signature(1270, 790, 240, 70)
    return pg.img, place


def _card_layer(family: Family, p: Person, rng: random.Random) -> tuple[Rgb, npt.NDArray[np.float32], str]:
    """The printed card on its coloured security background, with its rounded-corner mask."""
    from tools.docgen.photographed import _card_rgb, _rounded_mask

    grey, place = _card_aileron(family, p, rng)
    rgb = _card_rgb(grey, rng)
    return rgb, _rounded_mask(rgb.shape[1], rgb.shape[0]), place


def ktp_exif_sideways(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card photographed in a portrait frame on a table, stored sideways with its EXIF Orientation."""
    from tools.docgen.photographed import _blur, _table

    layer, alpha, place = _card_layer(family, p, rng)
    fw, fh = rng.choice(((2448, 3264), (1836, 2448)))
    quad = _tilted_quad(layer.shape[1], layer.shape[0], fw, fh, rng.uniform(0.8, 0.92), rng)
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    frame = _table(fw, fh, rng)
    img = np.asarray(frame * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.05, 0.2))
    _blur(img, rng)
    upright = _finish(img, rng, (0.3, 0.6))
    tag = rng.choice((6, 8))
    # Orientation 6: turn the stored pixels 90 degrees clockwise to view them; so they are the view turned
    # counter-clockwise (8: the other way).
    stored = upright.transpose(Image.Transpose.ROTATE_90 if tag == 6 else Image.Transpose.ROTATE_270)
    exif = Image.Exif()
    exif[0x0112] = tag
    exif[0x010F] = rng.choice(("samsung", "Xiaomi", "OPPO", "vivo"))
    upload = _jpeg(stored, rng.randint(80, 92), exif=exif.tobytes())
    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(upload))).convert("RGB")
    doc = RenderedDocument("ktp", shown, _issued_card_truth(family, p, place), layout="ktp-exif-sideways")
    doc.upload = upload
    return doc


def _steep_quad(pw: int, ph: int, fw: int, fh: int, rng: random.Random) -> npt.NDArray[np.float32]:
    """The card's corners seen 25-35 degrees off the perpendicular (its far edge away from the lens)."""
    tilt = math.radians(rng.uniform(25, 35))
    focal = 1.1 * max(pw, ph)
    pts = []
    for x, y in ((-pw / 2, -ph / 2), (pw / 2, -ph / 2), (pw / 2, ph / 2), (-pw / 2, ph / 2)):
        depth = -y * math.sin(tilt)  # the top edge (y < 0) lies farther away
        pts.append((x * focal / (focal + depth), y * math.cos(tilt) * focal / (focal + depth)))
    roll = math.radians(rng.uniform(-12, 12))
    rot = np.array([[math.cos(roll), -math.sin(roll)], [math.sin(roll), math.cos(roll)]])
    quad = np.array(pts) @ rot.T
    quad -= quad.min(axis=0)
    quad *= rng.uniform(0.6, 0.78) * min(fw / quad[:, 0].max(), fh / quad[:, 1].max())
    room = np.array([fw, fh]) - quad.max(axis=0)
    quad += room * np.array([rng.uniform(0.25, 0.75), rng.uniform(0.25, 0.75)])
    return np.asarray(quad, np.float32)


_BATIK = (((150, 98, 58), (62, 40, 30), (226, 204, 160)), ((40, 52, 92), (222, 214, 196), (150, 98, 58)))


def _kawung(u: npt.NDArray[np.float32], v: npt.NDArray[np.float32], period: float, rng: random.Random) -> Rgb:
    """A kawung batik at plane coordinates (u, v): four petals round each cell's centre, a dot in each."""
    ground, motif, accent = (np.array(c, np.float32) for c in rng.choice(_BATIK))
    cu, cv = np.mod(u, period) - period / 2, np.mod(v, period) - period / 2
    a, b = (cu + cv) / math.sqrt(2), (cu - cv) / math.sqrt(2)
    d, r1, r2 = period * 0.2, period * 0.19, period * 0.1
    petal = np.zeros_like(u, dtype=bool)
    dot = np.zeros_like(u, dtype=bool)
    for sa, sb in ((d, 0), (-d, 0), (0, d), (0, -d)):
        long_a = sb == 0
        ra, rb = (r1, r2) if long_a else (r2, r1)
        petal |= ((a - sa) / ra) ** 2 + ((b - sb) / rb) ** 2 < 1
        dot |= ((a - sa) / (ra * 0.3)) ** 2 + ((b - sb) / (rb * 0.3)) ** 2 < 1
    out = np.where(petal[..., None], motif, ground)
    return np.asarray(np.where(dot[..., None], accent, out), np.float32)


def ktp_batik_tilt(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card lying on a batik cloth, photographed 25-35 degrees off, the far edge out of focus."""
    layer, alpha, place = _card_layer(family, p, rng)
    fw, fh = rng.choice(((4000, 3000), (3264, 2448)))
    quad = _steep_quad(layer.shape[1], layer.shape[0], fw, fh, rng)
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    src = np.array([[0, 0], [layer.shape[1], 0], [layer.shape[1], layer.shape[0]], [0, layer.shape[0]]])
    to_card = np.linalg.inv(cv2.getPerspectiveTransform(src.astype(np.float32), quad))
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    den = to_card[2, 0] * xx + to_card[2, 1] * yy + to_card[2, 2]
    u = (to_card[0, 0] * xx + to_card[0, 1] * yy + to_card[0, 2]) / den
    v = (to_card[1, 0] * xx + to_card[1, 1] * yy + to_card[1, 2]) / den
    cloth = _kawung(u, v, rng.uniform(110, 190), rng)
    folds = 1 + 0.08 * np.sin(u / rng.uniform(300, 600) + rng.uniform(0, 6)) * np.sin(v / 400)
    cloth *= folds[..., None].astype(np.float32)
    img = np.asarray(cloth * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.05, 0.15))
    # Depth of field: sharp where the card is nearest, blurring towards its far (upper) edge.
    far = np.clip((quad[:, 1].max() - yy) / max(1.0, float(np.ptp(quad[:, 1]))), 0, 1)
    soft = cv2.GaussianBlur(img, (0, 0), rng.uniform(2.0, 3.2))
    img = np.asarray(img * (1 - far[..., None]) + soft * far[..., None], np.float32)
    photo = _finish(img, rng, (0.4, 0.8))
    return RenderedDocument("ktp", photo, _issued_card_truth(family, p, place), layout="ktp-batik-tilt")


# --- SKPWNI: landscape two columns forwarded by a messenger; two pages with a watermark ----------------------


def _messenger(page: Image.Image, rng: random.Random) -> tuple[bytes, Image.Image]:
    """What a messenger does to a forwarded picture: 1280 px on its long side, JPEG quality 40-60."""
    rgb = page.convert("RGB")
    scale = 1280 / max(rgb.size)
    small = rgb.resize((round(rgb.width * scale), round(rgb.height * scale)), Image.Resampling.BILINEAR)
    data = _jpeg(small, rng.randint(40, 60))
    return data, Image.open(io.BytesIO(data)).convert("RGB")


def _address_rows(fam: Family, labels: Sequence[str], rt_rw: str = "/") -> list[tuple[str, str]]:
    """(label, value) of an address: street, RT/RW, village, district, regency, province, postal code."""
    values = (
        fam.address,
        f"{fam.rt}{rt_rw}{fam.rw}",
        *(_region(c) for c in (fam.village_code, fam.district_code, fam.regency_code, fam.province_code)),
        fam.postal_code,
    )
    return list(zip(labels, values, strict=True))


def _place_rows(fam: Family, rng: random.Random) -> list[tuple[str, str]]:
    """The two-column form's rows: its "Dusun/Dukuh/Kampung" and "Telepon" rows hold no truth field."""
    labels = ("Alamat", "RT / RW", "Desa/Kelurahan", "Kecamatan", "Kab/Kota", "Provinsi", "Kode Pos")
    rows = _address_rows(fam, labels, " / ")
    dusun = rng.choice(("-", "DUSUN KRAJAN", "KAMPUNG BARU", "DUKUH TENGAH"))
    return [rows[0], ("Dusun/Dukuh/Kampung", dusun), *rows[1:], ("Telepon", "-")]


def skpwni_wa_landscape(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """A landscape two-column SKPWNI (origin left, destination right), forwarded through a messenger."""
    pg = FacePage(2339, 1654, ("cmss", "stix-bold"), rng, paper=252)
    number = _skpwni_number(origin, serial)
    pg.centre(50, "PEMERINTAH " + _region(origin.regency_code), 34, bold=True)
    pg.centre(95, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34, bold=True)
    pg.d.line((80, 148, pg.w - 80, 148), fill=0, width=4)
    pg.centre(175, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", 38, bold=True)
    pg.centre(225, "Nomor : " + number, 30, bold=False)
    pg.kv(100, 300, "NIK", p.nik, 430, 28, 1100)
    pg.kv(100, 346, "Nama Lengkap", p.name, 430, 28, 1100)
    pg.kv(1200, 300, "No. KK", origin.kk_number, 1520, 28, 2250)
    pg.kv(1200, 346, "Nama Kepala Keluarga", origin.head.name, 1520, 28, 2250)
    pg.d.line((1170, 430, 1170, 1010), fill=0, width=2)
    for x, colon, head, fam in ((100, 430, "DAERAH ASAL", origin), (1200, 1520, "DAERAH TUJUAN", dest)):
        pg.text(x, 420, head, 30, bold=True)
        for i, (label, value) in enumerate(_place_rows(fam, rng)):
            pg.kv(x + 20, 475 + i * 58, label, value, colon, 26, x + 1040)
    mv = _move(rng, origin)
    y = 1040
    pg.d.line((80, y, pg.w - 80, y), fill=0, width=2)
    facts = (
        ("Alasan Pindah", MOVE_REASONS[mv.reason].title()),
        ("Klasifikasi Kepindahan", move_class(origin, dest).title()),
        ("Jenis Kepindahan", MOVE_TYPES[mv.kind].title()),
        ("Tanggal Pindah", format_date(mv.day, "dmy-dot")),
    )
    for i, (label, value) in enumerate(facts):
        pg.kv(
            120 + (i % 2) * 1100,
            y + 40 + (i // 2) * 58,
            label,
            value,
            520 + (i % 2) * 1100,
            26,
            1150 + (i % 2) * 1100,
        )
    pg.text(
        1600, y + 200, f"{_issue_place(origin).title()}, {format_date(origin.issue_date, 'long-title')}", 24
    )
    pg.text(1600, y + 240, "KEPALA DINAS", 24, bold=True)
    pg.signature(1640, y + 280, 300, 80)
    pg.stamp(1620, y + 300, 110, "DUKCAPIL|" + _issue_place(origin)[:12])
    upload, shown = _messenger(pg.img, rng)
    doc = RenderedDocument(
        "skpwni", shown, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-wa-landscape"
    )
    doc.upload = upload
    return doc


def _security_paper(pg: Page, rng: random.Random) -> None:
    """A light-grey crosshatch and the diagonal "DOKUMEN NEGARA" watermark, printed under the text."""
    grey = rng.randint(222, 236)
    for k in range(-pg.h, pg.w, 26):
        pg.d.line((k, 0, k + pg.h, pg.h), fill=grey, width=1)
        pg.d.line((k + pg.h, 0, k, pg.h), fill=grey, width=1)
    mark = Image.new("L", (1400, 200), 0)
    ImageDraw.Draw(mark).text((20, 30), "DOKUMEN NEGARA", font=face("light", 130), fill=255)
    mark = mark.rotate(35, expand=True)
    shade = Image.new("L", pg.img.size, rng.randint(200, 215))
    for cy in range(200, pg.h, 1100):
        pg.img.paste(shade.crop((0, 0, *mark.size)), ((pg.w - mark.width) // 2, cy), mark)
    pg.d = ImageDraw.Draw(pg.img)


def _movers(origin: Family, p: Person, kind: int) -> list[Person]:
    """Who moves with the applicant: the family for the "whole / part of the family" moves."""
    others = [m for m in origin.members if m is not p]
    if kind == 1:
        return [p, *others]
    if kind == 2:
        return [p, *others[: max(1, len(others) // 2)]]
    return [p]


def skpwni_lampiran(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Two pages in one image: the SKPWNI, then its annex of the members moving along, on security paper."""
    page_h = 2339
    pg = FacePage(1654, 2 * page_h + 60, ("stix", "stix-bold"), rng)
    _security_paper(pg, rng)
    pg.d.rectangle((0, page_h, pg.w, page_h + 60), fill=120)  # the gap between the two pages
    number = _skpwni_number(origin, serial)
    pg.centre(90, "PEMERINTAH " + _region(origin.regency_code), 32, bold=True)
    pg.centre(135, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 32, bold=True)
    pg.d.line((90, 190, pg.w - 90, 190), fill=0, width=3)
    pg.centre(220, "SURAT KETERANGAN PINDAH WNI", 38, bold=True)
    pg.centre(270, "Nomor : " + number, 28, bold=False)
    mv = _move(rng, origin)
    y = 350.0

    def block(head: str, items: Sequence[tuple[str, str]]) -> None:
        nonlocal y
        pg.text(100, y, head, 28, bold=True)
        y += 52
        for i, (label, value) in enumerate(items):
            pg.kv(130, y, f"{i + 1}. {label}", value, 640, 27, 1560)
            y += 47
        y += 28

    def where(fam: Family) -> list[tuple[str, str]]:
        labels = (
            "Jalan/Alamat",
            "RT/RW",
            "Kelurahan/Desa",
            "Kecamatan",
            "Kabupaten/Kota",
            "Provinsi",
            "Kode Pos",
        )
        return _address_rows(fam, labels)

    block("KETERANGAN PEMOHON", [("NIK", p.nik), ("Nama Lengkap", p.name), ("Nomor KK", origin.kk_number)])
    block("KETERANGAN TEMPAT ASAL", where(origin))
    block("KETERANGAN TEMPAT TUJUAN", where(dest))
    block(
        "KETERANGAN KEPINDAHAN",
        [
            ("Alasan Pindah", MOVE_REASONS[mv.reason]),
            ("Klasifikasi Pindah", MOVE_CLASSES[MOVE_CLASSES.index(move_class(origin, dest))]),
            ("Jenis Kepindahan", MOVE_TYPES[mv.kind]),
            ("Tanggal Pindah", format_date(mv.day, "long")),
            ("Anggota Keluarga Yang Pindah", "terlampir"),
        ],
    )
    pg.text(
        1000, y + 20, f"{_issue_place(origin).title()}, {format_date(origin.issue_date, 'long-title')}", 24
    )
    pg.signature(1040, y + 70, 300, 80)
    pg.stamp(1030, y + 90, 110, "DUKCAPIL|" + _issue_place(origin)[:12])
    pg.text(1400, page_h - 80, "Halaman 1", 22)
    top = page_h + 160
    pg.centre(top, "LAMPIRAN SURAT KETERANGAN PINDAH WNI", 32, bold=True)
    pg.centre(top + 50, "Nomor : " + number, 26, bold=False)
    pg.text(100, top + 130, "DAFTAR ANGGOTA KELUARGA YANG PINDAH", 28, bold=True)
    cols = ((100, "No"), (200, "NIK"), (700, "Nama Lengkap"), (1250, "SHDK"))
    ty = top + 200
    for x, title in cols:
        pg.text(x, ty, title, 26, bold=True)
    pg.d.line((90, ty + 44, 1560, ty + 44), fill=0, width=2)
    for i, m in enumerate(_movers(origin, p, mv.kind)):
        row = (str(i + 1), m.nik, m.name, m.relationship)
        for (x, _), cell in zip(cols, row, strict=True):
            pg.text(x, ty + 64 + i * 50, cell, 25, max_x=x + 540)
    pg.text(1400, 2 * page_h - 20, "Halaman 2", 22)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", pg.img, truth, layout="skpwni-lampiran")


__all__ = [
    "akta_ketik_folio",
    "akta_legalisir_copy",
    "kk_dotmatrix_lama",
    "kk_scan_tutup_terbuka",
    "ktp_batik_tilt",
    "ktp_exif_sideways",
    "skpwni_lampiran",
    "skpwni_wa_landscape",
]
