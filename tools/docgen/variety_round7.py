"""A seventh round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type, each a kind of page residents really upload that the 49 older layouts do not cover:

- KK, `kk-sel-sempit`: a KK whose form has FIXED NARROW COLUMNS, so the report engine WRAPS long cells (names,
  places, education, occupation, parents) over two or three lines inside their cell, the other cells of the
  row centred vertically beside them; column titles wrapped too. Printed on a home inkjet whose BLACK
  CARTRIDGE IS EMPTY (black composed of cyan, magenta and yellow) and whose CYAN IS RUNNING OUT, fading down
  the sheet: the print comes out reddish brown; scanned in colour. The old form's "Lembar I .. IV" footnote.
- KK, `kk-potret-tanpa-exif`: the landscape KK on a desk, PHOTOGRAPHED WITH THE PHONE HELD UPRIGHT: the
  page runs sideways (90 degrees) in a portrait frame and the file carries no orientation tag to turn it
  (the camera was upright; only the paper is turned); a ballpoint pen lies over the page's foot.
- Akta kelahiran, `akta-garuda-hijau`: the 2016+ Kutipan (Permendagri 9/2016 blank): the emblem's place at
  the top, every line CENTRED, a phrase of the form on its own line above each value ("Berdasarkan Akta
  Kelahiran Nomor", "bahwa di", "pada tanggal", "telah lahir": the form's wording, as `akta-bilingual` has it
  beside its values), the values in a BOLD CONDENSED face, a GREEN AND GOLD GUILLOCHE BORDER, a QR code;
  scanned in colour.
- Akta kelahiran, `akta-lipat-empat`: a Kutipan kept FOLDED IN FOUR and photocopied: two crease lines cross
  the page (a dark fold with a light ridge, the four panels not lying flat, each shifted and shaded a little);
  numbered label lines whose values a plotter-like printer drew in a stroke (Hershey) face.
- KTP-el, `ktp-kabur-gerak`: the card on a table photographed while the hand moved: STRONG MOTION BLUR in
  one direction (a streak of 9-15 px, its weight uneven as a hand accelerates), otherwise a fair photo.
- KTP-el, `ktp-webcam-480`: the card HELD UP TO A LAPTOP WEBCAM: a 640x480 frame, the card about 520 px
  wide (its text 8-10 px tall), fingers on its right-hand corners, soft focus, colour noise smeared by the
  webcam's denoiser, a colour cast, JPEG.
- SKPWNI, `skpwni-blok-singkat`: the items in BOXED SECTIONS whose title breaks the box's top rule (a
  fieldset), ABBREVIATED LABELS ("Almt", "Kel/Desa", "Kec.", "Kab/Kota", "Prop.", "Kd. Pos"), two items on
  one row inside a box, the destination box last; on arrival the destination's Dinas pressed its BLUE STAMP
  and a blue-ink initial OVER THE DESTINATION ROWS; scanned in colour.
- SKPWNI, `skpwni-surat-desa`: a VILLAGE OFFICE'S LETTER ("Surat Keterangan Pindah" from the Kepala Desa or
  Lurah) on its kop surat, everything in JUSTIFIED PROSE (no label lines at all: person, family card,
  origin, destination and move in two paragraphs), photographed on a table.

Faces: DejaVu Math TeX Gyre, DejaVu Serif Bold Italic, STIX Bold Italic, squeezed (horizontally scaled)
DejaVu Sans and Serif, and OpenCV's Hershey stroke faces: none prints an older layout. Ground truths are
normalised as the older layouts' are (the same keys per type). Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import importlib.util
import math
import random
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tools.docgen.render import FONT_DIR, Font, RenderedDocument, _member_cells, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_REASONS,
    MOVE_TYPES,
    Page,
    _akta_truth,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _move,
    _skpwni_truth,
    format_date,
    move_class,
    number_words,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip, _photocopied
from tools.docgen.variety_round4 import (
    _SKIN,
    _T1,
    _T2,
    _column_xs,
    _curl_and_fold,
    _finish,
    _light,
    _paper_rgb,
    _room,
    _tilted_quad,
    _warp_into,
    _wrapped_table,
    phone_photo,
)
from tools.docgen.variety_round5 import _jpeg
from tools.docgen.variety_round6 import _decoded, _noise
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Cells = dict[str, tuple[str, str]]

# --- faces ---------------------------------------------------------------------------------------------------

_MPL_FONTS: Path = (
    Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    if (spec := importlib.util.find_spec("matplotlib")) and spec.origin
    else FONT_DIR
)
_FACES: dict[str, Path] = {
    "gyre": FONT_DIR / "DejaVuMathTeXGyre.ttf",
    "serif-bold-italic": FONT_DIR / "DejaVuSerif-BoldItalic.ttf",
    "stix-bold-italic": _MPL_FONTS / "STIXGeneralBolIta.ttf",
    "sans": FONT_DIR / "DejaVuSans.ttf",
    "sans-bold": FONT_DIR / "DejaVuSans-Bold.ttf",
    "serif": FONT_DIR / "DejaVuSerif.ttf",
    "serif-bold": FONT_DIR / "DejaVuSerif-Bold.ttf",
}


@lru_cache(maxsize=256)
def face7(name: str, size: int) -> Font:
    path = _FACES[name]
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


class SqueezedPage(Page):
    """A page printed in (regular, bold) faces of `_FACES`, every glyph scaled to `squeeze` of its width:
    what a printer driver or report engine does with a "condensed" setting (1.0: the face as it is)."""

    def __init__(
        self, w: int, h: int, faces: tuple[str, str], squeeze: float, rng: random.Random, paper: int = 250
    ) -> None:
        super().__init__(w, h, "sans", rng, paper)
        self.faces, self.squeeze = faces, squeeze

    def font(self, size: int, bold: bool = False) -> Font:
        return face7(self.faces[int(bold)], size)

    def width(self, text: str, size: int, bold: bool = False) -> float:
        return float(self.font(size, bold).getlength(text)) * self.squeeze

    def fit_size(self, text: str, size: int, room: float, bold: bool = False) -> int:
        while size > 12 and self.width(text, size, bold) > room:
            size -= 1
        return size

    def text(self, x: float, y: float, text: str, size: int, bold: bool = False, max_x: float = 0) -> float:
        if max_x:
            size = self.fit_size(text, size, max_x - x, bold)
        f = self.font(size, bold)
        if self.squeeze == 1.0:
            self.d.text((x, y), text, font=f, fill=0)
            return x + self.width(text, size, bold)
        w, h = math.ceil(f.getlength(text)) + 4, math.ceil(size * 1.5)
        mask = Image.new("L", (w, h), 0)
        ImageDraw.Draw(mask).text((2, 0), text, font=f, fill=255)
        mask = mask.resize((max(1, round(w * self.squeeze)), h), Image.Resampling.LANCZOS)
        self.img.paste(0, (round(x), round(y)), mask)
        return x + (w - 4) * self.squeeze

    def centre(self, y: float, text: str, size: int, bold: bool = True, x0: float = 0, x1: float = 0) -> None:
        x1 = x1 or self.w
        size = self.fit_size(text, size, x1 - x0 - 120, bold)
        self.text((x0 + x1 - self.width(text, size, bold)) / 2, y, text, size, bold)


def _hershey(pg: Page, x: float, y: float, text: str, size: int, ink: int = 30, thick: int = 2) -> float:
    """`text` drawn with a stroke face (OpenCV's Hershey Triplex), its capitals' top near y; the x after it."""
    font = cv2.FONT_HERSHEY_TRIPLEX
    scale = size / 30  # the face's capitals stand about 22 px at scale 1: 0.73 of `size`, as a TrueType's do
    (tw, th), _ = cv2.getTextSize(text, font, scale, thick)
    arr = np.array(pg.img)
    cv2.putText(arr, text, (round(x), round(y + th)), font, scale, ink, thick, cv2.LINE_AA)
    pg.img = Image.fromarray(arr, "L")
    pg.d = ImageDraw.Draw(pg.img)
    return x + tw


def _scan_jpeg(rgb: Rgb, rng: random.Random, quality: tuple[int, int] = (84, 92)) -> bytes:
    """A flatbed's colour scan: a little softness and sensor noise, saved as JPEG."""
    img = np.asarray(cv2.GaussianBlur(rgb, (0, 0), rng.uniform(0.4, 0.7)), np.float32)
    img += _noise(rng).normal(0, 2.0, img.shape).astype(np.float32)
    return _jpeg(Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB"), rng.randint(*quality))


def _kk_head_rows(family: Family) -> list[tuple[str, str]]:
    return [
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kelurahan", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Kode Pos", family.postal_code),
        ("Provinsi", _region(family.province_code)),
    ]


def _members(rows: list[Cells]) -> list[dict[str, str]]:
    return [{k: v[1] for k, v in r.items()} for r in rows]


# --- KK: fixed narrow columns, long cells wrapped; a composite-black inkjet short of cyan ----------------------

# The form's columns and their share of the table's width (fixed: the form, not the data, decides them).
_NARROW_T1: tuple[tuple[str, str, float], ...] = (
    ("No", "No", 0.03),
    ("Nama Lengkap", "name", 0.12),
    ("NIK", "nik", 0.13),
    ("Jenis Kelamin", "sex", 0.09),
    ("Tempat Lahir", "place_of_birth", 0.09),
    ("Tanggal Lahir", "birth_date", 0.09),
    ("Agama", "religion", 0.08),
    ("Pendidikan", "education", 0.1),
    ("Jenis Pekerjaan", "occupation", 0.11),
    ("Golongan Darah", "blood_type", 0.07),
)
_NARROW_T2: tuple[tuple[str, str, float], ...] = (
    ("No", "No", 0.03),
    ("Status Perkawinan", "marital_status", 0.13),
    ("Tanggal Perkawinan", "marriage_date", 0.11),
    ("Status Hubungan Dalam Keluarga", "relationship", 0.13),
    ("Kewarga- negaraan", "citizenship", 0.1),
    ("No. Paspor", "passport_number", 0.1),
    ("No. KITAP", "kitap_number", 0.1),
    ("Nama Ayah", "father_name", 0.15),
    ("Nama Ibu", "mother_name", 0.15),
)


def _wrap_cell(pg: SqueezedPage, text: str, size: int, room: float, bold: bool = False) -> list[str]:
    """A cell's text broken at spaces into lines no wider than `room`, as a report engine wraps a cell."""
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        trial = f"{cur} {word}" if cur else word
        if cur and pg.width(trial, size, bold) > room:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return [*lines, cur]


def _narrow_table(
    pg: SqueezedPage,
    x0: float,
    x1: float,
    y0: float,
    columns: Sequence[tuple[str, str, float]],
    rows: list[Cells],
) -> float:
    """A ruled table of fixed column widths: titles and cells wrapped inside their column, every cell centred
    vertically in its row (a one-line cell sits level with the middle of a wrapped neighbour). The y under it."""
    size, title_size, pad = 30, 24, 8
    line_h = size + 6
    total = sum(share for _, _, share in columns)
    xs = [x0]
    for _, _, share in columns:
        xs.append(xs[-1] + share * (x1 - x0) / total)
    titles = [
        _wrap_cell(pg, t, title_size, xs[i + 1] - xs[i] - 2 * pad, True)
        for i, (t, _, _) in enumerate(columns)
    ]
    head_h = max(len(t) for t in titles) * (title_size + 4) + 2 * pad
    pg.d.rectangle((x0, y0, x1, y0 + head_h), fill=228)
    for i, lines in enumerate(titles):
        top = y0 + (head_h - len(lines) * (title_size + 4)) / 2
        for j, line in enumerate(lines):
            w = pg.width(line, title_size, True)
            pg.text((xs[i] + xs[i + 1] - w) / 2, top + j * (title_size + 4), line, title_size, bold=True)
    y = y0 + head_h
    pg.d.line((x0, y, x1, y), fill=0, width=2)
    for r, cells in enumerate(rows):
        texts = [str(r + 1) if key == "No" else cells[key][0] for _, key, _ in columns]
        wrapped = [_wrap_cell(pg, t, size, xs[i + 1] - xs[i] - 2 * pad) for i, t in enumerate(texts)]
        row_h = max(len(c) for c in wrapped) * line_h + 2 * pad
        for i, lines in enumerate(wrapped):
            top = y + (row_h - len(lines) * line_h) / 2 + 2
            for j, line in enumerate(lines):
                pg.text(xs[i] + pad, top + j * line_h, line, size, max_x=xs[i + 1] - pad / 2)
        y += row_h
        pg.d.line((x0, y, x1, y), fill=0, width=1)
    for x in xs:
        pg.d.line((x, y0, x, y), fill=0, width=2)
    pg.d.rectangle((x0, y0, x1, y), outline=0, width=3)
    return y


def _composite_inkjet(page: Image.Image, rng: random.Random) -> Rgb:
    """The grey print from a home inkjet whose black cartridge is empty: black made of cyan, magenta and
    yellow, the cyan running out (weaker, and weaker down the sheet as it feeds), the inks' dot grain."""
    ink = 1.0 - np.asarray(page, np.float32) / 255.0
    h, w = ink.shape
    nrng = _noise(rng)
    grain = np.clip(1 + nrng.normal(0, 0.12, (h, w)).astype(np.float32), 0.6, 1.3)
    ink = np.clip(ink * grain, 0, 1)
    cyan_top, cyan_end = rng.uniform(0.45, 0.6), rng.uniform(0.25, 0.35)
    cyan = np.linspace(cyan_top, cyan_end, h, dtype=np.float32)[:, None]
    magenta, yellow = rng.uniform(0.82, 0.95), rng.uniform(0.85, 1.0)
    paper = np.array((250, 249, 244), np.float32)
    rgb = np.empty((h, w, 3), np.float32)
    # Cyan absorbs red, magenta green, yellow blue: each channel darkens by its own ink.
    rgb[..., 0] = paper[0] * (1 - 0.95 * ink * cyan)
    rgb[..., 1] = paper[1] * (1 - 0.95 * ink * magenta)
    rgb[..., 2] = paper[2] * (1 - 0.95 * ink * yellow)
    return rgb


def kk_sel_sempit(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK with fixed narrow columns (long cells wrapped in their cell), printed in composite black on an
    inkjet short of cyan, scanned in colour."""
    pg = SqueezedPage(
        2339, 1654 + 200 * len(family.members), ("sans", "sans-bold"), rng.uniform(0.8, 0.86), rng
    )
    pg.centre(40, "KARTU KELUARGA", 54, bold=True)
    pg.centre(110, "No. " + family.kk_number, 40, bold=True)
    head = _kk_head_rows(family)
    for i, (label, value) in enumerate(head):
        x, colon, right = (60, 380, 1150) if i < 4 else (1240, 1500, 2280)
        pg.kv(x, 190 + (i % 4) * 44, label, value, colon, 28, right)
    rows = [_member_cells(m) for m in family.members]
    y = _narrow_table(pg, 50, 2289, 390, _NARROW_T1, rows)
    y = _narrow_table(pg, 50, 2289, y + 40, _NARROW_T2, rows)
    pg.kv(60, y + 40, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-dash"), 380, 28, 900)
    for k, line in enumerate(
        (
            "Lembar I : Kepala Keluarga",
            "Lembar II : RT",
            "Lembar III : Desa/Kelurahan",
            "Lembar IV : Kecamatan",
        )
    ):
        pg.text(60, y + 110 + k * 32, line, 22)
    pg.text(760, y + 40, "KEPALA KELUARGA", 26, bold=True)
    pg.signature(780, y + 90, 260, 70)
    pg.text(760, y + 190, family.head.name, 26, max_x=1300)
    pg.text(1550, y + 40, "KEPALA DINAS KEPENDUDUKAN DAN", 26, bold=True)
    pg.text(1550, y + 74, "PENCATATAN SIPIL " + _issue_place(family), 26, bold=True, max_x=2280)
    pg.signature(1600, y + 120, 300, 70)
    pg.stamp(1640, y + 140, 105, "DUKCAPIL|" + _issue_place(family)[:12])
    pg.text(1550, y + 230, rng.choice(_OFFICIALS), 24, bold=True)
    sheet = pg.img.crop((0, 0, pg.w, max(1654, round(y) + 330)))  # A4 landscape, longer only if it must be
    data = _scan_jpeg(_composite_inkjet(sheet, rng), rng)
    doc = RenderedDocument("kk", _decoded(data), _kk_truth(family), _members(rows), layout="kk-sel-sempit")
    doc.upload = data
    return doc


# --- KK: the landscape page photographed with the phone upright (sideways in the frame, no tag) ---------------


def _pen(img: Rgb, quad: npt.NDArray[np.float32], rng: random.Random) -> None:
    """A ballpoint lying on the page near its foot (right of the middle), with its shadow, in place."""
    fh, fw = img.shape[:2]
    foot_l, foot_r = quad[3], quad[2]
    top_l, top_r = quad[0], quad[1]
    u, v = rng.uniform(0.6, 0.8), rng.uniform(0.03, 0.07)
    bottom = foot_l + (foot_r - foot_l) * u
    top = top_l + (top_r - top_l) * u
    cx, cy = bottom + (top - bottom) * v
    along = (foot_r - foot_l) / max(1.0, float(np.linalg.norm(foot_r - foot_l)))
    turn = math.radians(rng.uniform(-18, 18))
    dx = along[0] * math.cos(turn) - along[1] * math.sin(turn)
    dy = along[0] * math.sin(turn) + along[1] * math.cos(turn)
    length = 0.16 * float(np.linalg.norm(foot_r - foot_l))
    width = max(6, round(0.05 * length))
    p0 = (round(cx - dx * length / 2), round(cy - dy * length / 2))
    p1 = (round(cx + dx * length / 2), round(cy + dy * length / 2))
    shadow = np.zeros((fh, fw), np.float32)
    cv2.line(shadow, (p0[0] + width, p0[1] + width), (p1[0] + width, p1[1] + width), 1.0, width)
    img *= (1 - 0.35 * cv2.GaussianBlur(shadow, (0, 0), width / 2))[..., None]
    body = np.zeros((fh, fw), np.float32)
    cv2.line(body, p0, p1, 1.0, width, cv2.LINE_AA)
    colour = np.array(rng.choice(((30, 40, 110), (20, 20, 24), (200, 200, 205))), np.float32)
    img[:] = img * (1 - body[..., None]) + colour * body[..., None]
    tip = np.zeros((fh, fw), np.float32)
    cv2.circle(tip, p1, max(3, width // 2), 1.0, -1, cv2.LINE_AA)
    img[:] = img * (1 - tip[..., None]) + np.array((180, 180, 170), np.float32) * tip[..., None]


def kk_potret_tanpa_exif(family: Family, rng: random.Random) -> RenderedDocument:
    """The landscape KK on a desk photographed with the phone upright: sideways in a portrait frame, no tag."""
    from tools.docgen.photographed import _table  # here: it imports the variety set itself

    n = len(family.members)
    pg = SqueezedPage(3000, 1250 + 2 * 46 * n, ("gyre", "serif-bold-italic"), 1.0, rng)
    pg.qr(90, 40, 190)
    pg.centre(45, "KARTU KELUARGA", 62, bold=True)
    pg.centre(125, "No. " + family.kk_number, 44, bold=True)
    for i, (label, value) in enumerate(_kk_head_rows(family)):
        x, colon, top = (100, 500, 250 + i * 52) if i < 4 else (1700, 2020, 250 + (i - 4) * 52)
        pg.kv(x, top, label, value, colon, 32, 1620 if i < 4 else 2920)
    rows = [_member_cells(m) for m in family.members]
    numbered = list(enumerate(rows, start=1))
    xs1 = _column_xs(pg, 60, 2880, _T1, rows, 26)
    y = _wrapped_table(pg, xs1, 490, _T1, numbered, 26, numbered=False)
    xs2 = _column_xs(pg, 60, 2880, _T2, rows, 26)
    y = _wrapped_table(pg, xs2, y + 50, _T2, numbered, 26, numbered=False)
    pg.kv(100, y + 50, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-dash"), 500, 32, 1400)
    pg.text(1000, y + 50, "KEPALA KELUARGA", 26, bold=True)
    pg.signature(1020, y + 100, 300, 80)
    pg.text(1000, y + 200, family.head.name, 26, max_x=1700)
    pg.text(2000, y + 50, "KEPALA DINAS KEPENDUDUKAN DAN", 26, bold=True)
    pg.text(2000, y + 86, "PENCATATAN SIPIL", 26, bold=True)
    pg.signature(2050, y + 130, 330, 80)
    pg.stamp(2080, y + 150, 110, "DUKCAPIL|" + _issue_place(family)[:12])
    # The photo is taken in a landscape scene: the phone upright sees it turned, so the scene is built across
    # and its pixels turned a quarter at the end, with no EXIF orientation to undo it.
    fw, fh = rng.choice(((4000, 3000), (3264, 2448)))
    paper = _curl_and_fold(_paper_rgb(pg.img, rng), rng)
    quad = _tilted_quad(pg.w, pg.h, fw, fh, rng.uniform(0.8, 0.9), rng)
    warped, alpha = _warp_into(paper, np.ones(paper.shape[:2], np.float32), quad, fw, fh)
    frame = _table(fw, fh, rng)
    img = np.asarray(frame * (1 - alpha[..., None]) + warped * alpha[..., None], np.float32)
    _pen(img, quad, rng)
    _light(img, rng, (0.1, 0.3))
    img = np.ascontiguousarray(np.rot90(img, k=rng.choice((1, 3))))
    photo = _finish(img, rng, (0.7, 1.1))
    return RenderedDocument("kk", photo, _kk_truth(family), _members(rows), layout="kk-potret-tanpa-exif")


# --- akta: the 2016+ Kutipan, centred lines, bold condensed values, a green and gold guilloche border ----------


def _emblem_place(
    d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, colour: tuple[int, int, int]
) -> None:
    """Where the national emblem is printed: a bird's outline with spread wings and a shield (never the
    emblem itself)."""
    wing = [(cx - r, cy - 0.55 * r), (cx - 0.35 * r, cy - 0.05 * r), (cx - 0.2 * r, cy + 0.45 * r)]
    d.line(wing, fill=colour, width=6, joint="curve")
    d.line([(2 * cx - x, y) for x, y in wing], fill=colour, width=6, joint="curve")
    d.ellipse((cx - 0.14 * r, cy - 0.75 * r, cx + 0.14 * r, cy - 0.47 * r), outline=colour, width=5)
    d.polygon(
        [(cx - 0.3 * r, cy - 0.4 * r), (cx + 0.3 * r, cy - 0.4 * r), (cx + 0.3 * r, cy + 0.2 * r), (cx, cy + 0.5 * r),
         (cx - 0.3 * r, cy + 0.2 * r)],
        outline=colour,
        width=5,
    )  # fmt: skip
    d.line([(cx - 0.45 * r, cy + 0.75 * r), (cx + 0.45 * r, cy + 0.75 * r)], fill=colour, width=5)


def _guilloche_border(h: int, w: int, rng: random.Random) -> Rgb:
    """Security paper: a band of interleaved green and gold waves inside the sheet's edge and a light
    rosette in the middle, multiplied onto the paper."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.minimum(np.minimum(xx, w - 1 - xx), np.minimum(yy, h - 1 - yy))
    outer, inner = rng.uniform(40, 60), rng.uniform(120, 150)
    band = np.clip((edge - outer) / 4, 0, 1) * np.clip((inner - edge) / 4, 0, 1)
    waves_a = 0.5 + 0.5 * np.sin(edge / rng.uniform(5, 8) + 3 * np.sin((xx + yy) / rng.uniform(30, 60)))
    waves_b = 0.5 + 0.5 * np.sin(edge / rng.uniform(4, 7) - 3 * np.sin((xx - yy) / rng.uniform(30, 60)))
    green = np.array((0.55, 0.22, 0.5), np.float32)  # what each channel loses: a green ink
    gold = np.array((0.12, 0.25, 0.6), np.float32)
    loss = band[..., None] * (0.8 * waves_a[..., None] ** 4 * green + 0.7 * waves_b[..., None] ** 4 * gold)
    cx, cy = w / 2, h * rng.uniform(0.45, 0.55)
    r = np.hypot(xx - cx, yy - cy)
    theta = np.arctan2(yy - cy, xx - cx)
    rosette = (0.5 + 0.5 * np.cos(r / 9 + 5 * np.sin(12 * theta))) * np.exp(-r / (0.22 * w))
    loss += 0.1 * rosette[..., None] * green
    paper = np.array((249, 247, 238), np.float32)
    return np.asarray(paper * (1 - np.clip(loss, 0, 0.9)), np.float32)


def akta_garuda_hijau(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The 2016+ Kutipan: centred lines, a phrase above each bold condensed value, a guilloche border."""
    pg = SqueezedPage(1654, 2339, ("gyre", "sans-bold"), 1.0, rng, paper=255)
    number = akta_number(family, p, serial)
    pg.text(190, 200, "NIK : " + p.nik, 30)
    pg.centre(330, "PENCATATAN SIPIL", 40, bold=False)
    pg.centre(385, "WARGA NEGARA INDONESIA", 32, bold=False)
    pg.centre(450, "KUTIPAN AKTA KELAHIRAN", 54, bold=True)
    order = rng.randint(1, 5)
    lines: list[tuple[str, bool]] = [
        ("Berdasarkan Akta Kelahiran Nomor", False), (number, True),
        ("bahwa di", False), (p.place_of_birth, True),
        ("pada tanggal", False), (format_date(p.birth_date, "words"), True),
        ("telah lahir", False), (p.name, True),
        (f"anak ke-{number_words(order).lower()}, {_sex(p)}, dari ayah", False), (p.father_name, True),
        ("dan ibu", False), (p.mother_name, True),
    ]  # fmt: skip
    values = SqueezedPage(pg.w, pg.h, ("sans-bold", "sans-bold"), rng.uniform(0.66, 0.74), rng, paper=255)
    y = 600.0
    for text, is_value in lines:
        if is_value:
            size = values.fit_size(text, 50, pg.w - 400, True)
            values.text((pg.w - values.width(text, size, True)) / 2, y, text, size, bold=True)
            y += 92
        else:
            size = 32
            pg.text((pg.w - pg.width(text, size)) / 2, y, text, size)
            y += 54
    pg.img = Image.fromarray(np.minimum(np.asarray(pg.img), np.asarray(values.img)), "L")
    pg.d = ImageDraw.Draw(pg.img)
    y += 90
    place = _issue_place(family)
    pg.text(880, y, f"Dikeluarkan di {place.title()}", 28)
    pg.text(880, y + 44, "pada tanggal " + format_date(family.issue_date, "long-title"), 28)
    pg.text(880, y + 100, "KEPALA DINAS KEPENDUDUKAN DAN", 26, bold=True)
    pg.text(880, y + 134, "PENCATATAN SIPIL", 26, bold=True)
    pg.signature(920, y + 180, 300, 80)
    pg.text(880, y + 290, rng.choice(_OFFICIALS), 26, bold=True, max_x=1500)
    pg.qr(200, round(y + 80), 200)
    ink = np.asarray(pg.img, np.float32) / 255.0
    rgb = _guilloche_border(pg.h, pg.w, rng) * ink[..., None] + np.array((24, 26, 34), np.float32) * (
        1 - ink[..., None]
    )
    art = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    _emblem_place(ImageDraw.Draw(art), pg.w / 2, 220, 95, (176, 138, 52))
    data = _scan_jpeg(np.asarray(art, np.float32), rng)
    doc = RenderedDocument("akta", _decoded(data), _akta_truth(number, p), layout="akta-garuda-hijau")
    doc.upload = data
    return doc


# --- akta: a Kutipan kept folded in four, photocopied ----------------------------------------------------------


def _fold_in_four(img: Image.Image, rng: random.Random) -> Image.Image:
    """The sheet as a copier sees it after years folded in four: a vertical and a horizontal crease (a thin
    dark fold with a light ridge beside it), the four panels not lying flat on the glass (each shifted a few
    pixels and shaded towards the fold, where it lifts off the glass)."""
    arr = np.asarray(img, np.float32)
    h, w = arr.shape
    cx, cy = round(w * rng.uniform(0.47, 0.53)), round(h * rng.uniform(0.47, 0.53))
    out = np.empty_like(arr)
    for top, bottom in ((0, cy), (cy, h)):
        for left, right in ((0, cx), (cx, w)):
            dx, dy = rng.randint(-3, 3), rng.randint(-3, 3)
            panel = np.roll(arr, (dy, dx), axis=(0, 1))[top:bottom, left:right]
            out[top:bottom, left:right] = panel * rng.uniform(0.95, 1.0)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shade = np.ones((h, w), np.float32)
    for dist in (np.abs(xx - cx), np.abs(yy - cy)):
        shade *= 1 - 0.55 * np.exp(-((dist / 1.6) ** 2))  # the fold itself
        shade *= 1 + 0.06 * np.exp(-(((dist - 5) / 3) ** 2))  # the ridge catching the copier's light
        shade *= 1 - rng.uniform(0.08, 0.18) * np.exp(-dist / rng.uniform(25, 60))  # lifted off the glass
    return Image.fromarray(np.clip(out * shade, 0, 255).astype(np.uint8), "L")


def akta_lipat_empat(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A Kutipan with numbered label lines, values drawn in a stroke face, folded in four and photocopied."""
    pg = SqueezedPage(1654, 2339, ("stix-bold-italic", "stix-bold-italic"), 1.0, rng, paper=250)
    pg.d.rectangle((70, 70, pg.w - 71, pg.h - 71), outline=40, width=5)
    pg.d.rectangle((86, 86, pg.w - 87, pg.h - 87), outline=40, width=1)
    pg.centre(150, "REPUBLIK INDONESIA", 44, bold=True)
    pg.centre(215, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34, bold=True)
    pg.centre(330, "KUTIPAN AKTA KELAHIRAN", 56, bold=True)
    number = akta_number(family, p, serial)
    pg.text(420, 430, "Nomor :", 36)
    _hershey(pg, 600, 432, number, 36)
    order = rng.randint(1, 5)
    style = rng.choice(("long", "dmy-slash"))
    items = [
        ("Nomor Induk Kependudukan", p.nik),
        ("Nama Anak", p.name),
        ("Anak ke-", str(order)),
        ("Jenis Kelamin", _sex(p)),
        ("Tempat Kelahiran", p.place_of_birth),
        ("Tanggal Kelahiran", format_date(p.birth_date, style)),
        ("Nama Ayah Kandung", p.father_name),
        ("Nama Ibu Kandung", p.mother_name),
    ]
    y = 590.0
    for k, (label, value) in enumerate(items, start=1):
        pg.text(170, y, f"{k}.", 34)
        pg.text(230, y, label, 34)
        pg.text(720, y, ":", 34)
        for x in range(760, 1520, 11):  # the blank's dotted line
            pg.d.ellipse((x, y + 44, x + 3, y + 47), fill=90)
        size = 34
        while size > 20 and cv2.getTextSize(value, cv2.FONT_HERSHEY_TRIPLEX, size / 30, 2)[0][0] > 1520 - 780:
            size -= 1
        _hershey(pg, 780, y + 4, value, size)
        y += 118
    place = _issue_place(family)
    pg.text(900, y + 90, "Dikeluarkan di : " + place.title(), 30)
    pg.text(900, y + 140, "Pada tanggal : " + format_date(family.issue_date, "long-title"), 30)
    pg.text(900, y + 200, "Kepala Dinas", 30)
    pg.signature(940, y + 250, 300, 80)
    pg.stamp(930, y + 270, 120, "DUKCAPIL|" + place[:12])
    pg.text(900, y + 370, rng.choice(_OFFICIALS), 28, max_x=1560)
    copy = _photocopied(_fold_in_four(pg.img, rng), rng)
    return RenderedDocument("akta", copy, _akta_truth(number, p), layout="akta-lipat-empat")


# --- KTP-el: photographed while the hand moved ---------------------------------------------------------------


def _motion_kernel(length: int, angle: float, rng: random.Random) -> npt.NDArray[np.float32]:
    """A straight streak `length` px long at `angle` degrees, heavier at one end (the hand speeding up)."""
    size = length + 2
    kernel = np.zeros((size, size), np.float32)
    c = (size - 1) / 2
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    ramp = rng.uniform(0.3, 1.0)
    for i in range(length * 4):
        t = i / (length * 4 - 1) - 0.5
        x, y = c + t * length * dx, c + t * length * dy
        x0, y0 = int(x), int(y)
        fx, fy = x - x0, y - y0
        weight = 1.0 - ramp * (t + 0.5)
        for xi, yi, share in ((x0, y0, (1 - fx) * (1 - fy)), (x0 + 1, y0, fx * (1 - fy)),
                              (x0, y0 + 1, (1 - fx) * fy), (x0 + 1, y0 + 1, fx * fy)):  # fmt: skip
            if 0 <= xi < size and 0 <= yi < size:
                kernel[yi, xi] += weight * share
    return np.asarray(kernel / kernel.sum(), np.float32)


def _card_on(
    background: Rgb, card: Rgb, rng: random.Random, width: float
) -> tuple[Rgb, npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """The card laid into the scene `width` px wide, turned and tilted a little: the scene, its mask and the
    card's corners."""
    from tools.docgen.photographed import _place, _rounded_mask

    fh, fw = background.shape[:2]
    ch, cw = card.shape[:2]
    quad, _, _ = _place(round(width), round(width * ch / cw), fw, fh, rng)
    warped, alpha = _warp_into(card, _rounded_mask(cw, ch), quad, fw, fh)
    scene = background * (1 - alpha[..., None]) + warped * alpha[..., None]
    return np.asarray(scene, np.float32), alpha, quad


def ktp_kabur_gerak(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card on a table photographed while the hand moved: a strong streak of motion blur one way."""
    from tools.docgen.photographed import _card_rgb, _table
    from tools.docgen.variety_round3 import _ktp_el_print

    grey, place = _ktp_el_print(family, p, rng)
    fw, fh = rng.choice(((3264, 2448), (4000, 3000)))
    scene, _, _ = _card_on(_table(fw, fh, rng), _card_rgb(grey, rng), rng, fw * rng.uniform(0.5, 0.6))
    _light(scene, rng, (0.05, 0.15))
    angle = rng.choice((rng.uniform(-25, 25), rng.uniform(65, 115)))  # mostly along or across the card
    streak = _motion_kernel(rng.randint(9, 15), angle, rng)
    scene = np.asarray(cv2.filter2D(scene, -1, streak), np.float32)
    photo = _finish(scene, rng, (0.3, 0.5))
    data = _jpeg(photo, 92)
    doc = RenderedDocument(
        "ktp", _decoded(data), _issued_card_truth(family, p, place), layout="ktp-kabur-gerak"
    )
    doc.upload = data
    return doc


# --- KTP-el: held up to a laptop's webcam ----------------------------------------------------------------------


def _fingers(scene: Rgb, quad: npt.NDArray[np.float32], rng: random.Random) -> None:
    """A thumb and a finger holding the card by its right-hand corners, in place: over the card's rim only."""
    fh, fw = scene.shape[:2]
    card_w = float(np.linalg.norm(quad[1] - quad[0]))
    skin = np.array(rng.choice(_SKIN), np.float32)
    mask = np.zeros((fh, fw), np.float32)
    for corner, other in ((quad[1], quad[2]), (quad[2], quad[1])):
        inward = (quad[0] + quad[3]) / 2 - corner
        inward /= max(1.0, float(np.linalg.norm(inward)))
        toward = (other - corner) / max(1.0, float(np.linalg.norm(other - corner)))
        # The finger comes from outside the card; only its tip lies over the rim.
        centre = corner + toward * 0.14 * card_w - inward * 0.07 * card_w
        axes = (round(0.1 * card_w), round(0.04 * card_w))
        tilt = math.degrees(math.atan2(inward[1], inward[0]))
        cv2.ellipse(mask, (round(centre[0]), round(centre[1])), axes, tilt, 0, 360, 1.0, -1, cv2.LINE_AA)
    # Rounded fingers: darker towards their edges (a soft falloff of the mask), a nail-side highlight.
    shape = np.asarray(cv2.GaussianBlur(mask, (0, 0), 0.02 * card_w), np.float32)
    tone = (0.7 + 0.35 * shape)[..., None] * skin
    mask = np.asarray(cv2.GaussianBlur(mask, (0, 0), 1.2), np.float32)
    scene[:] = scene * (1 - mask[..., None]) + np.minimum(tone, 255) * mask[..., None]


def _webcam(scene: Rgb, rng: random.Random) -> bytes:
    """What a laptop webcam makes of the scene: soft focus, noisy small pixels in colour, its denoiser's
    smear, a colour cast and lifted blacks, a JPEG."""
    img = np.asarray(cv2.GaussianBlur(scene, (0, 0), rng.uniform(0.6, 0.9)), np.float32)
    nrng = _noise(rng)
    img += nrng.normal(0, rng.uniform(5, 8), img.shape).astype(np.float32)
    img = np.asarray(cv2.bilateralFilter(np.clip(img, 0, 255).astype(np.uint8), 5, 30, 3), np.float32)
    cast = np.array([rng.uniform(0.9, 1.08), 1.0, rng.uniform(0.9, 1.12)], np.float32)
    img = 18 + img * cast * rng.uniform(0.85, 0.95)
    return _jpeg(Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB"), rng.randint(65, 80))


def ktp_webcam_480(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card held up to a 640x480 webcam, fingers on its right-hand corners."""
    from tools.docgen.photographed import _card_rgb
    from tools.docgen.variety_round3 import _ktp_el_print

    grey, place = _ktp_el_print(family, p, rng)
    fw, fh = 640, 480
    scene, _, quad = _card_on(_room(fw, fh, rng), _card_rgb(grey, rng), rng, fw * rng.uniform(0.78, 0.84))
    _fingers(scene, quad, rng)
    _light(scene, rng, (0.0, 0.1))
    data = _webcam(scene, rng)
    doc = RenderedDocument(
        "ktp", _decoded(data), _issued_card_truth(family, p, place), layout="ktp-webcam-480"
    )
    doc.upload = data
    return doc


# --- SKPWNI: boxed sections, abbreviated labels, a blue stamp over the destination --------------------------------

Item = tuple[str, str]


class Fieldsets:
    """Boxed sections whose title breaks the box's top rule; one or two `label : value` items a row."""

    def __init__(self, pg: SqueezedPage, x0: float, x1: float, y: float) -> None:
        self.pg, self.x0, self.x1, self.y = pg, x0, x1, y
        self.size, self.step = 28, 54

    def section(self, title: str, rows: Sequence[Sequence[Item]]) -> tuple[float, float]:
        """The box; its top and bottom y."""
        pg, top = self.pg, self.y
        y = top + 40
        mid = (self.x0 + self.x1) / 2
        for row in rows:
            if len(row) == 1:
                self._item(self.x0 + 24, self.x0 + 230, self.x1 - 24, y, row[0])
            else:
                self._item(self.x0 + 24, self.x0 + 230, mid - 16, y, row[0])
                self._item(mid + 10, mid + 180, self.x1 - 24, y, row[1])
            y += self.step
        bottom = y + 14
        pg.d.rounded_rectangle((self.x0, top, self.x1, bottom), radius=14, outline=0, width=2)
        tw = pg.width(title, 26, True)
        pg.d.rectangle((self.x0 + 30, top - 4, self.x0 + 56 + tw, top + 4), fill=255)
        pg.text(self.x0 + 42, top - 17, title, 26, bold=True)
        self.y = bottom + 52
        return top, bottom

    def _item(self, x: float, colon: float, right: float, y: float, item: Item) -> None:
        label, value = item
        self.pg.text(x, y, label, self.size)
        self.pg.text(colon, y, ":", self.size)
        self.pg.text(colon + 20, y, value, self.size, bold=True, max_x=right)


def _where_short(fam: Family) -> list[list[Item]]:
    return [
        [("Almt", fam.address)],
        [("RT/RW", f"{fam.rt}/{fam.rw}"), ("Kd. Pos", fam.postal_code)],
        [("Kel/Desa", _region(fam.village_code)), ("Kec.", _region(fam.district_code))],
        [("Kab/Kota", _region(fam.regency_code)), ("Prop.", _region(fam.province_code))],
    ]


def _ink_mask(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    mask = Image.new("L", size, 0)
    return mask, ImageDraw.Draw(mask)


def _blue_ink(rgb: Rgb, mask: Image.Image, colour: tuple[int, int, int], strength: float) -> None:
    """Ink laid over the print, in place: it darkens each channel by its own absorption (blue ink over black
    toner stays black; over white paper it is blue)."""
    m = np.asarray(mask, np.float32)[..., None] / 255.0 * strength
    rgb *= 1 - m * (1 - np.array(colour, np.float32) / 255.0)


def _blue_stamp(rgb: Rgb, cx: float, cy: float, r: float, words: tuple[str, str], rng: random.Random) -> None:
    """The office's round stamp in blue ink: two rings, the office's name round the ring, the title across,
    pressed unevenly (one side fainter)."""
    h, w = rgb.shape[:2]
    mask, d = _ink_mask((w, h))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=6)
    d.ellipse((cx - 0.7 * r, cy - 0.7 * r, cx + 0.7 * r, cy + 0.7 * r), outline=255, width=3)
    ring_font = face7("sans-bold", round(r / 6.5))
    text = words[0]
    for k, ch in enumerate(text):
        a = math.pi * (0.75 + 1.5 * k / max(1, len(text) - 1))
        tx, ty = cx + 0.85 * r * math.cos(a), cy + 0.85 * r * math.sin(a)
        d.text((tx, ty), ch, font=ring_font, fill=255, anchor="mm")
    mid_font = face7("sans-bold", round(r / 5))
    d.text((cx, cy), words[1], font=mid_font, fill=255, anchor="mm")
    mask = mask.rotate(rng.uniform(-30, 30), center=(cx, cy))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    side = rng.uniform(0, 2 * math.pi)
    uneven = 0.75 + 0.25 * np.cos(np.arctan2(yy - cy, xx - cx) - side)
    mask = Image.fromarray((np.asarray(mask, np.float32) * uneven).astype(np.uint8), "L")
    _blue_ink(rgb, mask.filter(ImageFilter.GaussianBlur(1.0)), (60, 90, 190), rng.uniform(0.75, 0.9))


def _blue_signature(rgb: Rgb, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
    """A signature in blue ballpoint: loops and a long final stroke."""
    mask, d = _ink_mask((rgb.shape[1], rgb.shape[0]))
    points = []
    for i in range(60):
        t = i / 59
        loop = math.sin(t * rng.uniform(14, 22)) * h * 0.35
        points.append((x + w * t, y + h / 2 + loop * (1 - t) + rng.uniform(-4, 4)))
    d.line(points, fill=255, width=4, joint="curve")
    d.line([(x + 0.1 * w, y + h), (x + 1.1 * w, y + 0.2 * h)], fill=255, width=3)
    _blue_ink(rgb, mask.filter(ImageFilter.GaussianBlur(0.8)), (30, 50, 150), 0.9)


def skpwni_blok_singkat(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Boxed sections with abbreviated labels; the destination box last, the blue stamp and signature over it."""
    pg = SqueezedPage(1654, 2339, ("serif", "serif-bold"), rng.uniform(0.84, 0.9), rng, paper=255)
    number = _skpwni_number(origin, serial)
    pg.centre(70, "PEMERINTAH " + _region(origin.regency_code), 34, bold=True)
    pg.centre(116, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34, bold=True)
    pg.d.line((90, 170, pg.w - 90, 170), fill=0, width=4)
    pg.centre(200, "SURAT KETERANGAN PINDAH", 40, bold=True)
    pg.centre(252, "No. : " + number, 28, bold=False)
    mv = _move(rng, origin)
    boxes = Fieldsets(pg, 100, pg.w - 100, 340)
    boxes.section(
        "DATA PEMOHON",
        [
            [("NIK", p.nik)],
            [("Nama", p.name)],
            [("No. KK", origin.kk_number)],
            [("Nm. Kep. Kel.", origin.head.name)],
        ],
    )
    boxes.section(
        "KEPINDAHAN",
        [[("Alasan", MOVE_REASONS[mv.reason])], [("Klasifikasi", move_class(origin, dest))],
         [("Jenis", MOVE_TYPES[mv.kind])], [("Tgl. Pindah", format_date(mv.day, "dmy-dot"))]],
    )  # fmt: skip
    boxes.section("ASAL", _where_short(origin))
    top, bottom = boxes.section("TUJUAN", _where_short(dest))
    y = bottom + 40
    pg.text(1000, y, f"{_issue_place(origin).title()}, {format_date(origin.issue_date, 'dmy-dot')}", 28)
    pg.text(1000, y + 44, "a.n. KEPALA DINAS", 28, bold=True)
    pg.signature(1030, y + 100, 300, 80)
    pg.text(1000, y + 230, rng.choice(_OFFICIALS), 26, bold=True, max_x=1560)
    pg.text(1000, y + 268, "NIP. " + _nip(rng), 26)
    grey = np.asarray(pg.img, np.float32) / 255.0
    rgb = np.asarray(np.array((250, 250, 246), np.float32) * grey[..., None], np.float32)
    # On arrival the destination's Dinas stamps the certificate over the destination block and initials it.
    cx, cy = rng.uniform(1000, 1250), top + (bottom - top) * rng.uniform(0.45, 0.65)
    _blue_stamp(rgb, cx, cy, rng.uniform(120, 140),
                ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", _issue_place(dest)[:14]), rng)  # fmt: skip
    _blue_signature(rgb, cx - rng.uniform(40, 120), cy - 40, rng.uniform(180, 240), 90, rng)
    data = _scan_jpeg(rgb, rng)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    doc = RenderedDocument("skpwni", _decoded(data), truth, layout="skpwni-blok-singkat")
    doc.upload = data
    return doc


# --- SKPWNI: a village office's letter in justified prose, photographed ----------------------------------------


def _justified(pg: SqueezedPage, x: float, y: float, width: float, runs: Sequence[tuple[str, bool]], size: int,
               indent: float = 80) -> float:  # fmt: skip
    """Prose set as a word processor justifies it: the first line indented, every line but the last spread
    to the full width, values in bold. The y under it."""
    words = [(word, bold) for text, bold in runs for word in text.split()]
    line_h = round(size * 1.6)
    space = pg.width(" ", size)
    lines: list[list[tuple[str, bool]]] = [[]]
    used = indent
    for word, bold in words:
        w = pg.width(word, size, bold)
        if lines[-1] and used + space + w > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0) + w
        lines[-1].append((word, bold))
    for i, line in enumerate(lines):
        left = x + (indent if i == 0 else 0)
        room = x + width - left
        total = sum(pg.width(wd, size, b) for wd, b in line)
        gap = (room - total) / (len(line) - 1) if i < len(lines) - 1 and len(line) > 1 else space
        cx = left
        for word, bold in line:
            cx = pg.text(cx, y, word, size, bold) + gap
        y += line_h
    return y


def _village_office(fam: Family) -> tuple[str, str]:
    """The office's name and its head's title: a kelurahan (code 1xxx) has a Lurah, a desa a Kepala Desa."""
    village = _region(fam.village_code)
    if fam.village_code.rsplit(".", 1)[-1].startswith("1"):
        return f"KELURAHAN {village}", "Lurah"
    return f"DESA {village}", "Kepala Desa"


def skpwni_surat_desa(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The village office's letter: kop surat, the whole certificate in two justified paragraphs."""
    pg = SqueezedPage(1654, 2339, ("gyre", "serif-bold"), 1.0, rng, paper=252)
    office, head_title = _village_office(origin)
    number = _skpwni_number(origin, serial)
    regency, district = _region(origin.regency_code), _region(origin.district_code)
    pg.d.ellipse((110, 60, 250, 210), outline=30, width=4)
    pg.d.polygon([(180, 85), (225, 150), (180, 190), (135, 150)], outline=30, width=3)
    pg.centre(60, "PEMERINTAH " + regency, 32, bold=True, x0=200, x1=pg.w)
    pg.centre(102, "KECAMATAN " + district, 32, bold=True, x0=200, x1=pg.w)
    kantor = "KANTOR LURAH" if head_title == "Lurah" else "KANTOR KEPALA DESA"
    pg.centre(146, f"{kantor} {_region(origin.village_code)}", 38, bold=True, x0=200, x1=pg.w)
    street = rng.choice(("Jl. Raya Desa", "Jl. Balai Desa", "Jl. Merdeka", "Jl. Masjid"))
    pg.centre(
        200, f"Alamat: {street} No. {rng.randint(1, 60)} Kode Pos {origin.postal_code}", 24, False, 200, pg.w
    )
    pg.d.line((90, 245, pg.w - 90, 245), fill=0, width=6)
    pg.d.line((90, 254, pg.w - 90, 254), fill=0, width=2)
    title = "SURAT KETERANGAN PINDAH"
    pg.centre(300, title, 38, bold=True)
    tw = pg.width(title, 38, True)
    pg.d.line(((pg.w - tw) / 2, 346, (pg.w + tw) / 2, 346), fill=0, width=2)
    pg.centre(360, "Nomor : " + number, 28, bold=False)
    mv = _move(rng, origin)
    size = 30
    office_title = office.title()
    opening = [
        (f"Yang bertanda tangan di bawah ini, {head_title} {office_title.split(' ', 1)[1]}, Kecamatan "
         f"{district.title()}, {regency.title()}, menerangkan dengan sebenarnya bahwa Saudara/i", False),
        (p.name + ",", True), ("Nomor Induk Kependudukan", False), (p.nik + ",", True),
        ("anggota keluarga dalam Kartu Keluarga Nomor", False), (origin.kk_number, True),
        ("dengan kepala keluarga", False), (origin.head.name + ",", True),
        ("adalah benar penduduk kami yang bertempat tinggal di", False), (origin.address, True),
        ("RT", False), (origin.rt, True), ("RW", False), (origin.rw + ",", True),
        ("Desa/Kelurahan", False), (_region(origin.village_code) + ",", True),
        ("Kecamatan", False), (district + ",", True), (regency + ",", True),
        ("Provinsi", False), (_region(origin.province_code) + ",", True),
        ("Kode Pos", False), (origin.postal_code + ".", True),
    ]  # fmt: skip
    y = _justified(pg, 140, 460, pg.w - 280, opening, size)
    moving = [
        ("Yang bersangkutan pada tanggal", False), (format_date(mv.day, "long-title"), True),
        ("pindah ke alamat", False), (dest.address, True),
        ("RT", False), (dest.rt, True), ("RW", False), (dest.rw + ",", True),
        ("Desa/Kelurahan", False), (_region(dest.village_code) + ",", True),
        ("Kecamatan", False), (_region(dest.district_code) + ",", True), (_region(dest.regency_code) + ",", True),
        ("Provinsi", False), (_region(dest.province_code) + ",", True),
        ("Kode Pos", False), (dest.postal_code + ",", True),
        ("dengan alasan pindah", False), (MOVE_REASONS[mv.reason] + ",", True),
        ("klasifikasi kepindahan", False), (move_class(origin, dest) + ",", True),
        ("dan jenis kepindahan", False), (MOVE_TYPES[mv.kind] + ".", True),
    ]  # fmt: skip
    y = _justified(pg, 140, y + 24, pg.w - 280, moving, size)
    closing = [("Demikian surat keterangan ini kami buat dengan sebenarnya untuk dapat dipergunakan "
                "sebagaimana mestinya.", False)]  # fmt: skip
    y = _justified(pg, 140, y + 24, pg.w - 280, closing, size)
    village = _region(origin.village_code).title()
    pg.text(1000, y + 70, f"{village}, {format_date(origin.issue_date, 'long-title')}", 28, max_x=1560)
    pg.text(1000, y + 114, f"{head_title} {village}", 28, bold=True, max_x=1560)
    pg.signature(1040, y + 170, 300, 80)
    pg.stamp(1010, y + 190, 115, f"{kantor.split(' ', 1)[1]}|{_region(origin.village_code)[:14]}")
    pg.text(1000, y + 290, rng.choice(_OFFICIALS).split(",")[0], 28, bold=True, max_x=1560)
    photo = phone_photo(pg.img, rng, ((3000, 4000), (2448, 3264)))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", photo, truth, layout="skpwni-surat-desa")


__all__ = [
    "akta_garuda_hijau",
    "akta_lipat_empat",
    "kk_potret_tanpa_exif",
    "kk_sel_sempit",
    "ktp_kabur_gerak",
    "ktp_webcam_480",
    "skpwni_blok_singkat",
    "skpwni_surat_desa",
]
