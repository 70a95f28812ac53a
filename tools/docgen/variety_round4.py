"""A fourth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type, each modelled on a kind of page residents really upload:

- KK, `kk-phone-photo`: a PHONE PHOTO of the paper KK lying on a table. The paper is the post-2018 A4 landscape
  form as printed: the Garuda emblem's place top left, the member tables' column titles wrapped onto two lines
  in narrow columns ("Jenis / Kelamin", "Status Hubungan / Dalam Keluarga") with the form's row of column
  numbers "(1) (2) ... (10)" under them, dates `17-08-1990`, "Dikeluarkan Tanggal" between the head of
  family's and the Dinas's signature blocks. The photo: 5-15 degrees of perspective, the page not filling the
  frame, a shadow band, a curled edge and a fold line, blur, JPEG at quality 70-85, 4000x3000 or 3264x2448.
- KK, `kk-two-sheets`: the e-KK PDF printed on two sheets by a print driver that breaks the page: sheet 1 holds
  the header (two columns with the short wordings "No. KK", "Desa/Kel", "Kab/Kota", "Kode Pos") and the first
  table up to the page break, sheet 2 the first table's remaining rows under its repeated column titles
  ("lanjutan"), the second table and the signature; a running head "No. KK ... Halaman 2 dari 2". The two
  sheets scanned into one image, one above the other.
- Akta kelahiran, `akta-phone-photo`: a PHONE PHOTO of a landscape Kutipan on the Dinas's pre-printed security
  paper (an ornamental border, a light guilloche), the entries as `label : value` in two blocks (the child
  left, the parents right) with the wordings "Nama Anak", "Tempat Kelahiran", the day of the week before the
  date ("Hari/Tanggal Lahir : Senin, 17 Agustus 1990").
- Akta kelahiran, `akta-court-typed`: a late-registration Kutipan issued "Berdasarkan Penetapan Pengadilan
  Negeri X Nomor 123/Pdt.P/2015/PN.Xxx tanggal ..." (the court ruling that late registrations needed), on a
  pre-printed form whose blanks (dotted lines) were filled in by a typewriter: the values in a monospaced
  face, each typed a little above or below its line and a little askew, some letters struck harder.
- SKPWNI, `skpwni-phone-photo`: a PHONE PHOTO of the SKPWNI as the online Dukcapil services print it: boxed
  cells with the label small above its value ("Desa/Kelurahan Asal"), shaded section bars, a QR code and the
  electronic-signature note; the paper held at an angle on a desk.
- SKPWNI, `skpwni-datang`: the "Surat Keterangan Pindah Datang WNI" (F-1.08, between regencies/provinces)
  issued by the destination's Dinas: its letterhead names the destination regency, the destination block
  ("DATA DAERAH TUJUAN") comes before the origin ("DATA DAERAH ASAL"), the wordings "Nomor KK Semula",
  "Desa/Kel.", "Kab./Kota", "Tgl. Kedatangan", and "Status KK Bagi Yang Pindah".
- KTP-el, `ktp-fotokopi-bw`: a black-and-white photocopy of the card enlarged on A4 (the copier dithers the
  security print into specks and blackens the photo), a "FOTOKOPI" box stamp and a hand-written
  "Hanya untuk keperluan ..." across the copy, as residents mark copies they hand over.
- KTP-el, `ktp-hand-sleeve`: the card in its plastic sleeve HELD IN A HAND and photographed at an angle: a
  sleeve's straight glare streaks and haze, the sleeve's edge around the card, a thumb over a corner, a room
  behind (not a table, as in `photographed.py`).

The card print of both KTP layouts is new too: every label in capitals. Ground truths are normalised as the
older layouts' are (the same keys per type). Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from datetime import date, timedelta

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw

from tools.docgen.render import (
    KK_TABLE1,
    KK_TABLE2,
    RenderedDocument,
    _member_cells,
    _region,
    _sex,
    akta_number,
    skpwni_number,
)
from tools.docgen.variety import (
    MOVE_CLASSES,
    MOVE_CLASSES_SHORT,
    MOVE_REASONS,
    MOVE_TYPES,
    MOVE_TYPES_SHORT,
    Move,
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
from tools.docgen.variety_round3 import _face, _official, _photocopied
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Cells = dict[str, tuple[str, str]]
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
# Paper under a phone's white balance: warm to cool whites.
_PAPER = ((246, 240, 226), (240, 238, 232), (236, 238, 244), (248, 244, 236))
_WALLS = ((196, 186, 170), (150, 160, 170), (210, 204, 196), (92, 96, 104), (170, 150, 128))
_SKIN = ((198, 150, 118), (168, 120, 90), (222, 178, 146), (140, 98, 72))


# --- the phone: a paper page photographed on a table -------------------------------------------------------


def _paper_rgb(page: Image.Image, rng: random.Random) -> Rgb:
    """The grey print as ink on tinted paper (the photo is in colour)."""
    grey = np.asarray(page.convert("L"), np.float32) / 255.0
    paper = np.array(rng.choice(_PAPER), np.float32)
    ink = np.array((30, 32, 46), np.float32)
    return np.asarray(paper * grey[..., None] + ink * (1 - grey[..., None]), np.float32)


def _curl_and_fold(rgb: Rgb, rng: random.Random) -> Rgb:
    """A curled edge (lines bend and darken where the sheet lifts) and a fold crease across the sheet."""
    h, w = rgb.shape[:2]
    band = rng.uniform(0.10, 0.22) * w
    amp = rng.uniform(0.008, 0.02) * h
    xs = np.arange(w, dtype=np.float32)
    t = np.clip((xs - (w - band)) / band, 0, 1) if rng.random() < 0.5 else np.clip((band - xs) / band, 0, 1)
    map_x = np.tile(xs, (h, 1))
    map_y = np.arange(h, dtype=np.float32)[:, None] + (amp * t**2)[None, :]
    out = cv2.remap(rgb, map_x, map_y.astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    out *= (1 - 0.18 * t**2)[None, :, None]
    fold = int(rng.uniform(0.3, 0.7) * h)  # the sheet was folded in two or three to fit a bag
    shade = np.ones(h, np.float32)
    shade[fold:] = rng.uniform(0.9, 0.97)
    crease = np.exp(-(((np.arange(h) - fold) / rng.uniform(1.5, 3.0)) ** 2)).astype(np.float32)
    shade *= 1 - 0.25 * crease
    return np.asarray(out * shade[:, None, None], np.float32)


def _tilted_quad(
    pw: int,
    ph: int,
    fw: int,
    fh: int,
    fill: float,
    rng: random.Random,
    *,
    tilt_deg: tuple[float, float] = (5, 15),
    roll_deg: float = 5,
    focal_over_side: float = 1.2,
    placed: tuple[float, float] = (0.2, 0.8),
) -> npt.NDArray[np.float32]:
    """Where the page's corners land: the sheet turned `tilt_deg` degrees out of the image plane (pinhole
    camera), up to `roll_deg` in it, scaled to `fill` of the frame and placed with room around it (at
    `placed` of the room). The focal length is `focal_over_side` times the layer's longer side (1.2: a phone's
    wide lens held about a page-length away)."""
    tilt = math.radians(rng.uniform(*tilt_deg))
    axis = rng.uniform(0, 2 * math.pi)
    ax, ay = tilt * math.cos(axis), tilt * math.sin(axis)
    roll = math.radians(rng.uniform(-roll_deg, roll_deg))
    corners = np.array(
        [[-pw / 2, -ph / 2, 0], [pw / 2, -ph / 2, 0], [pw / 2, ph / 2, 0], [-pw / 2, ph / 2, 0]]
    )
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    rz = np.array([[math.cos(roll), -math.sin(roll), 0], [math.sin(roll), math.cos(roll), 0], [0, 0, 1]])
    pts = corners @ (rz @ ry @ rx).T
    focal = focal_over_side * max(pw, ph)
    proj = pts[:, :2] * (focal / (focal + pts[:, 2:3]))
    proj -= proj.min(axis=0)
    span = proj.max(axis=0)
    scale = fill * min(fw / span[0], fh / span[1])
    proj *= scale
    room = np.array([fw, fh]) - proj.max(axis=0)
    proj += room * np.array([rng.uniform(*placed), rng.uniform(*placed)])
    return np.asarray(proj, np.float32)


def _warp_into(
    layer: Rgb, alpha: npt.NDArray[np.float32], quad: npt.NDArray[np.float32], fw: int, fh: int
) -> tuple[Rgb, npt.NDArray[np.float32]]:
    """The layer and its mask seen in the frame: shrunk first (no aliasing), then warped onto `quad`."""
    h, w = layer.shape[:2]
    scale = float(np.linalg.norm(quad[1] - quad[0])) / w
    if scale < 0.95:
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        layer = np.asarray(cv2.resize(layer, size, interpolation=cv2.INTER_AREA), np.float32)
        alpha = np.asarray(cv2.resize(alpha, size, interpolation=cv2.INTER_AREA), np.float32)
        h, w = layer.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(layer, matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(alpha, matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    return np.asarray(warped, np.float32), np.asarray(mask, np.float32)


def _light(img: Rgb, rng: random.Random, band_depth: tuple[float, float]) -> None:
    """Uneven light in place: a gradient, a vignette, and a soft shadow band (the phone's or the hand's)."""
    fh, fw = img.shape[:2]
    gx, gy = np.meshgrid(np.linspace(-1, 1, fw, dtype=np.float32), np.linspace(-1, 1, fh, dtype=np.float32))
    theta = rng.uniform(0, 2 * math.pi)
    light = 1.0 - rng.uniform(0.08, 0.25) * (0.5 + 0.5 * (math.cos(theta) * gx + math.sin(theta) * gy))
    light -= 0.1 * (gx**2 + gy**2)
    phi = rng.uniform(0, math.pi)
    across = math.cos(phi) * gx + math.sin(phi) * gy - rng.uniform(-0.4, 0.4)
    width = rng.uniform(0.08, 0.2)
    light *= 1 - rng.uniform(*band_depth) / (1 + np.exp(-(width - np.abs(across)) / 0.03))
    img *= light[..., None]


def _finish(img: Rgb, rng: random.Random, blur: tuple[float, float]) -> Image.Image:
    """Lens blur, sensor noise and the camera's JPEG (quality 70-85), decoded again as the upload is."""
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(*blur)), np.float32)
    img += (
        np.random.default_rng(rng.randrange(1 << 30))
        .normal(0, rng.uniform(2, 5), img.shape)
        .astype(np.float32)
    )
    buf = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(
        buf, format="JPEG", quality=rng.randint(70, 85)
    )
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def phone_photo(page: Image.Image, rng: random.Random, frames: Sequence[tuple[int, int]]) -> Image.Image:
    """The paper `page` lying on a table, photographed by a phone: colour, perspective, table around it."""
    from tools.docgen.photographed import _table  # here: it imports the variety set itself

    fw, fh = rng.choice(frames)
    paper = _curl_and_fold(_paper_rgb(page, rng), rng)
    quad = _tilted_quad(page.width, page.height, fw, fh, rng.uniform(0.72, 0.88), rng)
    warped, alpha = _warp_into(paper, np.ones(paper.shape[:2], np.float32), quad, fw, fh)
    frame = _table(fw, fh, rng)
    shadow = np.roll(cv2.GaussianBlur(alpha, (0, 0), 10), (rng.randint(5, 20), rng.randint(5, 20)), (0, 1))
    frame *= 1 - 0.4 * shadow[..., None]
    img = np.asarray(frame * (1 - alpha[..., None]) + warped * alpha[..., None], np.float32)
    _light(img, rng, (0.2, 0.4))
    small = fw < 3000
    return _finish(img, rng, (0.5, 0.9) if small else (0.8, 1.4))


# --- KK ------------------------------------------------------------------------------------------------------

Column = tuple[str, str]  # (title, "\n" where the form wraps it; member key or "No")

_T1: tuple[Column, ...] = (
    ("No", "No"),
    ("Nama Lengkap", "name"),
    ("NIK", "nik"),
    ("Jenis\nKelamin", "sex"),
    ("Tempat\nLahir", "place_of_birth"),
    ("Tanggal\nLahir", "birth_date"),
    ("Agama", "religion"),
    ("Pendidikan", "education"),
    ("Jenis\nPekerjaan", "occupation"),
    ("Golongan\nDarah", "blood_type"),
)
_T2: tuple[Column, ...] = (
    ("No", "No"),
    ("Status\nPerkawinan", "marital_status"),
    ("Tanggal\nPerkawinan", "marriage_date"),
    ("Status Hubungan\nDalam Keluarga", "relationship"),
    ("Kewarga-\nnegaraan", "citizenship"),
    ("No. Paspor", "passport_number"),
    ("No. KITAP", "kitap_number"),
    ("Nama Ayah", "father_name"),
    ("Nama Ibu", "mother_name"),
)


def _dated(p: Person, style: str) -> Cells:
    cells = dict(_member_cells(p))
    cells["birth_date"] = (format_date(p.birth_date, style), cells["birth_date"][1])
    if p.marriage_date:
        cells["marriage_date"] = (format_date(p.marriage_date, style), cells["marriage_date"][1])
    return cells


def _column_xs(
    pg: Page, x0: float, width: float, columns: Sequence[Column], rows: list[Cells], size: int
) -> list[float]:
    """Column edges: each as wide as its widest cell or title line, the spare room shared out."""
    body, head = pg.font(size), pg.font(size - 2, True)
    pad = 12
    need = []
    for title, key in columns:
        cells = [str(n + 1) for n in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        widths = [pg.d.textlength(c, font=body) for c in cells]
        widths += [pg.d.textlength(line, font=head) for line in title.split("\n")]
        need.append(max(widths) + 2 * pad)
    spare = max(0.0, width - sum(need))
    xs = [x0]
    for wd in need:
        xs.append(xs[-1] + wd + spare * wd / sum(need))
    return xs


def _wrapped_table(
    pg: Page,
    xs: list[float],
    y0: float,
    columns: Sequence[Column],
    rows: list[tuple[int, Cells]],
    size: int,
    numbered: bool,
) -> float:
    """A member table whose titles may take two lines, the form's column numbers under them when
    `numbered`; `rows` are (member number, cells). The y under it."""
    body, head = pg.font(size), pg.font(size - 2, True)
    line_h = size + 4
    head_h = 2 * line_h + 16
    num_h = size + 14 if numbered else 0
    row_h = size + 24
    y_end = y0 + head_h + num_h + row_h * len(rows)
    for x in xs:
        pg.d.line((x, y0, x, y_end), fill=0, width=2)
    for y in (y0, y0 + head_h, y0 + head_h + num_h, y_end):
        pg.d.line((xs[0], y, xs[-1], y), fill=0, width=2)
    for i, (title, _) in enumerate(columns):
        lines = title.split("\n")
        top = y0 + 8 + (head_h - 16 - len(lines) * line_h) / 2
        for j, line in enumerate(lines):
            tw = pg.d.textlength(line, font=head)
            pg.d.text(((xs[i] + xs[i + 1] - tw) / 2, top + j * line_h), line, font=head, fill=0)
        if numbered:
            label = f"({i + 1})"
            tw = pg.d.textlength(label, font=pg.font(size - 4))
            pg.d.text(((xs[i] + xs[i + 1] - tw) / 2, y0 + head_h + 6), label, font=pg.font(size - 4), fill=0)
    for r, (number, cells) in enumerate(rows):
        y = y0 + head_h + num_h + r * row_h + 10
        for i, (_, key) in enumerate(columns):
            text = str(number) if key == "No" else cells[key][0]
            f = pg.fit(text, size, xs[i + 1] - xs[i] - 20) if text else body
            pg.d.text((xs[i] + 10, y), text, font=f, fill=0)
        pg.d.line((xs[0], y - 10 + row_h, xs[-1], y - 10 + row_h), fill=0, width=1)
    return y_end


def _emblem(pg: Page, x: float, y: float, r: float) -> None:
    """The Garuda's place: a ringed shield outline (never the emblem itself)."""
    pg.d.ellipse((x - r, y - r, x + r, y + r), outline=60, width=4)
    pg.d.polygon(
        [(x, y - 0.7 * r), (x + 0.6 * r, y - 0.2 * r), (x, y + 0.7 * r), (x - 0.6 * r, y - 0.2 * r)],
        outline=60,
        width=3,
    )


def _kk_paper(family: Family, rng: random.Random) -> tuple[Page, list[Cells]]:
    """The post-2018 landscape KK as printed: wrapped column titles, the column-number row, `17-08-1990`."""
    n = len(family.members)
    pg = Page(3000, 1250 + 2 * 46 * n, rng.choice(("sans", "condensed", "serif")), rng)
    rows = [_dated(m, "dmy-dash") for m in family.members]
    _emblem(pg, 160, 110, 70)
    pg.centre(40, "KARTU KELUARGA", 60)
    pg.centre(120, "No. " + family.kk_number, 42)
    left = (
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kelurahan", _region(family.village_code)),
        ("Kecamatan", _region(family.district_code)),
    )
    right = (
        ("Kabupaten/Kota", _region(family.regency_code)),
        ("Kode Pos", family.postal_code),
        ("Provinsi", _region(family.province_code)),
    )
    for i, (label, value) in enumerate(left):
        pg.kv(100, 210 + i * 46, label, value, 520, 27, 1600)
    for i, (label, value) in enumerate(right):
        pg.kv(1750, 210 + i * 46, label, value, 2080, 27, 2920)
    numbered = [(i + 1, r) for i, r in enumerate(rows)]
    size = 21
    xs1 = _column_xs(pg, 60, 2880, _T1, rows, size)
    y = _wrapped_table(pg, xs1, 460, _T1, numbered, size, numbered=True)
    xs2 = _column_xs(pg, 60, 2880, _T2, rows, size)
    y = _wrapped_table(pg, xs2, y + 40, _T2, numbered, size, numbered=True)
    pg.text(250, y + 50, "KEPALA KELUARGA", 24, bold=True)
    pg.signature(260, y + 90, 260, 70)
    pg.text(250, y + 180, family.head.name, 24)
    issued = format_date(family.issue_date, "dmy-dash")
    pg.text(1150, y + 50, "Dikeluarkan Tanggal : " + issued, 26)
    pg.text(2050, y + 50, "KEPALA DINAS KEPENDUDUKAN DAN", 22, bold=True)
    pg.text(2050, y + 80, "PENCATATAN SIPIL " + _region(family.regency_code), 22, bold=True, max_x=2960)
    pg.signature(2100, y + 120, 320, 80)
    pg.stamp(2090, y + 140, 105, "DUKCAPIL|" + _issue_place(family)[:12])
    _official(pg, 2050, y + 220, rng, 22)
    return pg, rows


def kk_phone_photo(family: Family, rng: random.Random) -> RenderedDocument:
    """The paper KK on a table, photographed by a phone (landscape frame)."""
    pg, rows = _kk_paper(family, rng)
    photo = phone_photo(pg.img, rng, ((4000, 3000), (3264, 2448)))
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    return RenderedDocument("kk", photo, _kk_truth(family), members, layout="kk-phone-photo")


def _sheet_break(pg: Page, y: float, page_no: int, number: str) -> float:
    """The foot of sheet 1, the grey between the scanned sheets, the head of sheet 2; the y to go on at."""
    pg.text(2500, y + 20, f"Halaman {page_no} dari 2", 20)
    top = y + 70
    pg.d.rectangle((0, top, pg.w, top + 90), fill=205)
    pg.d.line((0, top + 90, pg.w, top + 90), fill=150, width=3)
    pg.text(100, top + 120, f"No. KK : {number}", 22)
    pg.text(2500, top + 120, f"Halaman {page_no + 1} dari 2", 20)
    return top + 190


def kk_two_sheets(family: Family, rng: random.Random) -> RenderedDocument:
    """Two printed sheets scanned into one image: the first table broken at the sheet's foot."""
    n = len(family.members)
    pg = Page(3000, 1650 + 2 * 46 * n, rng.choice(("sans", "condensed")), rng)
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dot"))
    rows = [_dated(m, style) for m in family.members]
    pg.centre(40, "KARTU KELUARGA", 56)
    left = (
        ("No. KK", family.kk_number),
        ("Nama Kepala Keluarga", family.head.name),
        ("Alamat", family.address),
        ("RT/RW", f"{family.rt}/{family.rw}"),
        ("Desa/Kel", _region(family.village_code)),
    )
    right = (
        ("Kecamatan", _region(family.district_code)),
        ("Kab/Kota", _region(family.regency_code)),
        ("Provinsi", _region(family.province_code)),
        ("Kode Pos", family.postal_code),
    )
    colon = rng.choice((0, 470))
    for i, (label, value) in enumerate(left):
        pg.kv(100, 140 + i * 46, label, value, colon, 27, 1600)
    for i, (label, value) in enumerate(right):
        pg.kv(1750, 140 + i * 46, label, value, colon and 2010, 27, 2920)
    size = 21
    numbered = [(i + 1, r) for i, r in enumerate(rows)]
    first = n - n // 2  # rows on sheet 1: the rest continues on sheet 2
    cols1: tuple[Column, ...] = (*KK_TABLE1[:-1], ("Gol. Darah", "blood_type"))
    xs1 = _column_xs(pg, 60, 2880, cols1, rows, size)
    y = _wrapped_table(pg, xs1, 390, cols1, numbered[:first], size, numbered=False)
    y = _sheet_break(pg, y, 1, family.kk_number)
    if numbered[first:]:
        pg.text(60, y, "(lanjutan)", 20)
        y = _wrapped_table(pg, xs1, y + 34, cols1, numbered[first:], size, numbered=False) + 40
    xs2 = _column_xs(pg, 60, 2880, KK_TABLE2, rows, size)
    y = _wrapped_table(pg, xs2, y, KK_TABLE2, numbered, size, numbered=False)
    issued = format_date(family.issue_date, rng.choice(("long-title", "long")))
    pg.text(1900, y + 40, "Dikeluarkan Tanggal : " + issued, 24)
    pg.text(1900, y + 80, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 20, bold=True, max_x=2960)
    pg.qr(1900, int(y) + 120, 150)
    pg.text(2070, y + 140, "Ditandatangani secara elektronik", 20)
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    return RenderedDocument("kk", pg.img, _kk_truth(family), members, layout="kk-two-sheets")


# --- akta kelahiran -----------------------------------------------------------------------------------------


def _border(pg: Page, inset: int, rng: random.Random) -> None:
    """The security paper's ornamental frame: a double rule with a chain of small lozenges between."""
    w, h = pg.w, pg.h
    grey = rng.randint(90, 140)
    pg.d.rectangle((inset, inset, w - inset, h - inset), outline=grey, width=4)
    pg.d.rectangle((inset + 34, inset + 34, w - inset - 34, h - inset - 34), outline=grey, width=2)
    step = 28
    mid = inset + 17
    for x in range(inset + 20, w - inset - 20, step):
        for y in (mid, h - mid):
            pg.d.polygon([(x, y - 9), (x + 9, y), (x, y + 9), (x - 9, y)], outline=grey)
    for y in range(inset + 20, h - inset - 20, step):
        for x in (mid, w - mid):
            pg.d.polygon([(x, y - 9), (x + 9, y), (x, y + 9), (x - 9, y)], outline=grey)


def _akta_landscape(family: Family, p: Person, rng: random.Random, serial: int) -> tuple[Page, str]:
    """The landscape Kutipan on security paper: the child's block left, the parents' right."""
    pg = Page(2300, 1650, rng.choice(("serif", "sans", "serif-condensed")), rng, paper=250)
    pg.guilloche(226, 242)
    _border(pg, 40, rng)
    _emblem(pg, pg.w / 2, 170, 60)
    pg.centre(250, "REPUBLIK INDONESIA", 40)
    pg.centre(305, "KUTIPAN AKTA KELAHIRAN", 54)
    number = akta_number(family, p, serial)
    pg.centre(380, "No. Akta Kelahiran : " + number, 32, bold=False)
    d = p.birth_date
    when = f"{_DAYS[d.weekday()]}, {format_date(d, rng.choice(('long-title', 'long')))}"
    order = rng.randint(1, 6)
    child = (
        ("NIK", p.nik),
        ("Nama Anak", p.name),
        ("Anak Ke", f"{order} ({number_words(order).title()})"),
        ("Jenis Kelamin", _sex(p)),
        ("Tempat Kelahiran", p.place_of_birth),
        ("Hari/Tanggal Lahir", when),
    )
    parents = (
        ("Nama Ayah", p.father_name),
        ("Nama Ibu", p.mother_name),
        ("Kewarganegaraan", "WNI"),
    )
    size = 30
    for i, (label, value) in enumerate(child):
        pg.kv(160, 500 + i * 62, label, value, 520, size, 1250)
    for i, (label, value) in enumerate(parents):
        pg.kv(1300, 500 + i * 62, label, value, 1610, size, 2180)
    issued = format_date(family.issue_date, "long-title")
    y = 500 + 6 * 62 + 90
    pg.text(1300, y, f"Dikeluarkan di {_issue_place(family).title()}, {issued}", 26, max_x=2200)
    pg.text(1300, y + 42, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 22, bold=True, max_x=2200)
    pg.signature(1380, y + 90, 320, 80)
    pg.stamp(1360, y + 120, 110, "DISDUKCAPIL|" + _issue_place(family)[:14])
    _official(pg, 1300, y + 200, rng, 22)
    return pg, number


def akta_phone_photo(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The landscape Kutipan on a table, photographed by a phone."""
    pg, number = _akta_landscape(family, p, rng, serial)
    photo = phone_photo(pg.img, rng, ((4000, 3000), (2100, 1600)))
    return RenderedDocument("akta", photo, _akta_truth(number, p), layout="akta-phone-photo")


def _typed(pg: Page, x: float, y: float, text: str, size: int, rng: random.Random) -> float:
    """Text typed on a typewriter: monospaced, the line a little off, each letter struck a little harder or
    softer; the x after it."""
    layer = Image.new(
        "L", (int(pg.d.textlength(text, font=_face("DejaVuSansMono", size))) + 40, size * 3), 255
    )
    d = ImageDraw.Draw(layer)
    f = _face("DejaVuSansMono", size)
    cx = 10.0
    for ch in text:
        d.text((cx, size + rng.uniform(-1.2, 1.2)), ch, font=f, fill=rng.randint(0, 70))
        cx += d.textlength(ch, font=f)
    layer = layer.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=255)
    full = Image.new("L", pg.img.size, 255)
    full.paste(layer, (int(x) - 10, int(y + rng.uniform(-7, 5)) - size))
    pg.overlay(full)
    return x + d.textlength(text, font=f)


def _late_registration(born: date, rng: random.Random) -> date:
    """When a late registration was made: in the NIK era (2007 on), at least a year after the birth."""
    first = max(2007, born.year + 2)
    if first > 2025:
        return min(born + timedelta(days=rng.randint(370, 500)), date(2026, 10, 30))
    return date(rng.randint(first, 2025), rng.randint(1, 12), rng.randint(1, 28))


def akta_court_typed(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A late registration by court ruling: the form's prose pre-printed, its blanks filled by a typewriter."""
    pg = Page(1700, 2300, rng.choice(("serif", "serif-condensed")), rng, paper=rng.randint(238, 248))
    pg.d.rectangle((60, 60, 1639, 2239), outline=90, width=3)
    pg.centre(120, "REPUBLIK INDONESIA", 40)
    pg.centre(180, "PENCATATAN SIPIL", 34)
    pg.centre(280, "KUTIPAN AKTA KELAHIRAN", 50)
    number = akta_number(family, p, serial)
    size, typed = 30, 30
    place = _issue_place(family)
    issued = _late_registration(p.birth_date, rng)
    ruling = issued - timedelta(days=rng.randint(10, 60))
    court_no = f"{rng.randint(12, 480)}/Pdt.P/{ruling.year}/PN.{place.title().replace(' ', '')[:3]}"
    order = rng.randint(1, 6)
    birth = format_date(p.birth_date, rng.choice(("long", "words")))
    runs: list[tuple[str, bool]] = [
        ("NIK", False), (": " + p.nik, True), ("\n", False),
        ("Nomor", False), (": " + number, True), ("\n", False), ("\n", False),
        ("Berdasarkan Penetapan Pengadilan Negeri", False), (place, True),
        ("Nomor", False), (court_no, True), ("tanggal", False), (format_date(ruling, "long-title"), True),
        (", bahwa di", False), (p.place_of_birth, True),
        ("pada tanggal", False), (birth, True),
        ("telah lahir seorang anak", False), (_sex(p), True), ("bernama", False), (p.name, True),
        (", anak ke", False), (number_words(order), True),
        ("dari seorang ayah bernama", False), (p.father_name, True),
        ("dan seorang ibu bernama", False), (p.mother_name, True), (".", False),
    ]  # fmt: skip
    x0, x1 = 170, 1540
    x, y = float(x0), 420.0
    line_h = 78
    for text, is_value in runs:
        if text == "\n":
            x, y = float(x0), y + line_h
            continue
        f = _face("DejaVuSansMono", typed) if is_value else pg.font(size)
        words = [text] if is_value else text.split()
        for word in words:
            tw = pg.d.textlength(word, font=f) + (40 if is_value else 0)
            if x + tw > x1 and x > x0:
                x, y = float(x0), y + line_h
            if is_value:
                for dx in range(int(x), int(x + tw), 10):  # the blank's dotted line under the typed value
                    pg.d.ellipse((dx, y + size + 8, dx + 2, y + size + 10), fill=100)
                _typed(pg, x + 20, y, word, typed, rng)
            else:
                pg.d.text((x, y), word, font=f, fill=0)
            x += tw + pg.d.textlength(" ", font=pg.font(size))
    y += 200
    pg.text(900, y, "Dikeluarkan di : " + place.title(), 28)
    pg.text(900, y + 45, "Pada tanggal : " + format_date(issued, "long-title"), 28)
    pg.text(900, y + 100, "Pegawai Luar Biasa Pencatatan Sipil", 26)
    pg.signature(940, y + 150, 300, 80)
    pg.stamp(930, y + 170, 120, "CATATAN SIPIL|" + place[:14])
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-court-typed")


# --- SKPWNI -----------------------------------------------------------------------------------------------


def _cell(pg: Page, x0: float, y0: float, x1: float, label: str, value: str) -> None:
    """A boxed field: the label small and grey at the top, the value under it in bold."""
    pg.d.rectangle((x0, y0, x1, y0 + 92), outline=0, width=2)
    pg.d.text((x0 + 12, y0 + 8), label, font=pg.font(20), fill=90)
    pg.text(x0 + 12, y0 + 40, value, 28, bold=True, max_x=x1 - 12)


def _cell_rows(pg: Page, y: float, rows: Sequence[Sequence[tuple[str, str]]]) -> float:
    x0, x1 = 100.0, 1600.0
    for row in rows:
        width = (x1 - x0) / len(row)
        for i, (label, value) in enumerate(row):
            _cell(pg, x0 + i * width, y, x0 + (i + 1) * width, label, value)
        y += 92
    return y + 30


def _bar(pg: Page, y: float, text: str) -> float:
    pg.d.rectangle((100, y, 1600, y + 48), fill=210)
    pg.text(116, y + 8, text, 28, bold=True)
    return y + 60


def _skpwni_cells(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> tuple[Page, str, Move]:
    """The online print: shaded section bars, boxed cells with the label above the value, a QR code."""
    pg = Page(1700, 2400, rng.choice(("sans", "condensed")), rng)
    number = skpwni_number(origin, serial)
    pg.qr(1420, 60, 170)
    pg.text(100, 70, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 28, bold=True)
    pg.text(100, 110, _region(origin.regency_code), 28, bold=True)
    pg.centre(210, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", 36, x1=1400)
    pg.centre(260, "(SKPWNI)", 30, x1=1400)
    pg.centre(305, "Nomor: " + number, 28, bold=False, x1=1400)
    mv = _move(rng, origin)
    y = _bar(pg, 370, "DATA PEMOHON")
    y = _cell_rows(
        pg,
        y,
        [
            [("NIK Pemohon", p.nik), ("Nama Lengkap", p.name)],
            [("Nomor Kartu Keluarga", origin.kk_number), ("Nama Kepala Keluarga", origin.head.name)],
        ],
    )
    for head, side, fam in (("ALAMAT ASAL", "Asal", origin), ("ALAMAT TUJUAN", "Tujuan", dest)):
        y = _bar(pg, y, head)
        y = _cell_rows(
            pg,
            y,
            [
                [(f"Alamat {side}", fam.address)],
                [("RT", fam.rt), ("RW", fam.rw), ("Kode Pos", fam.postal_code)],
                [
                    (f"Desa/Kelurahan {side}", _region(fam.village_code)),
                    (f"Kecamatan {side}", _region(fam.district_code)),
                ],
                [
                    (f"Kabupaten/Kota {side}", _region(fam.regency_code)),
                    (f"Provinsi {side}", _region(fam.province_code)),
                ],
            ],
        )
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    moved = format_date(mv.day, rng.choice(("dmy-slash", "long-title")))
    y = _bar(pg, y, "KETERANGAN KEPINDAHAN")
    y = _cell_rows(
        pg,
        y,
        [
            [
                ("Alasan Pindah", MOVE_REASONS[mv.reason].title()),
                ("Klasifikasi Pindah", MOVE_CLASSES_SHORT[cls]),
            ],
            [("Jenis Kepindahan", MOVE_TYPES_SHORT[mv.kind]), ("Rencana Tanggal Pindah", moved)],
        ],
    )
    pg.text(
        1000, y + 40, f"{_issue_place(origin).title()}, {format_date(origin.issue_date, 'dmy-slash')}", 24
    )
    pg.qr(1000, int(y) + 90, 140)
    pg.text(1160, y + 100, "Ditandatangani secara elektronik", 20)
    pg.text(1160, y + 130, "oleh Kepala Dinas", 20)
    return pg, number, mv


def skpwni_phone_photo(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The boxed online print on a desk, photographed by a phone (portrait frame)."""
    pg, number, mv = _skpwni_cells(origin, dest, p, rng, serial)
    photo = phone_photo(pg.img, rng, ((3000, 4000), (1600, 2100)))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", photo, truth, layout="skpwni-phone-photo")


_KK_STATUS = ("Numpang KK", "Membuat KK Baru", "Nomor KK Tetap")


def skpwni_datang(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The destination's letter of arrival: the destination block first, then the origin, then the move."""
    pg = Page(1700, 2600, rng.choice(("serif", "sans", "condensed")), rng)
    number = skpwni_number(origin, serial)
    pg.text(1440, 50, "F-1.08", 26, bold=True)
    pg.centre(100, "PEMERINTAH " + _region(dest.regency_code), 32)
    pg.centre(148, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 32)
    pg.d.line((100, 205, pg.w - 100, 205), fill=0, width=4)
    pg.centre(235, "SURAT KETERANGAN PINDAH DATANG WNI", 38)
    pg.centre(288, "Nomor : " + number, 28, bold=False)
    mv = _move(rng, origin)
    size, colon = 27, 660
    y = 380.0

    def head(text: str) -> None:
        nonlocal y
        pg.text(100, y, text, 29, bold=True)
        y += 58

    def rows(items: Sequence[tuple[str, str]]) -> None:
        nonlocal y
        for i, (label, value) in enumerate(items):
            pg.kv(130, y, f"{i + 1}. {label}", value, colon, size, 1600)
            y += 50
        y += 30

    def place(fam: Family, where: str) -> list[tuple[str, str]]:
        return [
            (f"Alamat {where}", fam.address),
            ("RT/RW", f"{fam.rt}/{fam.rw}"),
            ("Desa/Kel.", _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            ("Kab./Kota", _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
            ("Kode Pos", fam.postal_code),
        ]

    head("I. DATA DAERAH TUJUAN")
    rows(place(dest, "Tujuan"))
    head("II. DATA DAERAH ASAL")
    rows(
        [
            ("Nomor KK Semula", origin.kk_number),
            ("Nama Kepala Keluarga", origin.head.name),
            *place(origin, "Asal"),
        ]
    )
    head("III. DATA KEPINDAHAN")
    arrived = format_date(mv.day, rng.choice(("long-title", "dmy-dash", "dmy-slash")))
    rows(
        [
            ("NIK", p.nik),
            ("Nama Lengkap", p.name),
            ("Alasan Pindah", MOVE_REASONS[mv.reason].title()),
            ("Klasifikasi Pindah", move_class(origin, dest)),
            ("Jenis Kepindahan", MOVE_TYPES[mv.kind].title()),
            ("Status KK Bagi Yang Pindah", rng.choice(_KK_STATUS)),
            ("Tgl. Kedatangan", arrived),
        ]
    )
    signed = mv.day + timedelta(days=rng.randint(0, 14))
    pg.text(1000, y + 40, f"{_issue_place(dest).title()}, {format_date(signed, 'long-title')}", 24)
    pg.text(1000, y + 80, "a.n. KEPALA DINAS", 24, bold=True)
    pg.signature(1030, y + 120, 300, 80)
    pg.stamp(1010, y + 150, 115, "DUKCAPIL|" + _issue_place(dest)[:12])
    _official(pg, 1000, y + 230, rng, 22)
    return RenderedDocument(
        "skpwni", pg.img, _skpwni_truth(origin, dest, p, number, mv), layout="skpwni-datang"
    )


# --- KTP-el -------------------------------------------------------------------------------------------------


def _card_rows(family: Family, p: Person, rng: random.Random) -> list[tuple[int, str, str]]:
    """(indent, label, value) of the card's rows in print order; the address may take two rows."""
    born = format_date(p.birth_date, rng.choice(("dmy-dash", "dmy-dash", "dmy-slash")))
    address = _wrap(family.address, 30)
    return [
        (0, "NAMA", p.name),
        (0, "TEMPAT/TGL LAHIR", f"{p.place_of_birth}, {born}"),
        (0, "JENIS KELAMIN", _sex(p)),
        (0, "ALAMAT", address[0]),
        *((0, "", more) for more in address[1:]),
        (30, "RT/RW", f"{family.rt}/{family.rw}"),
        (30, "KEL/DESA", _region(family.village_code)),
        (30, "KECAMATAN", _region(family.district_code)),
        (0, "AGAMA", p.religion),
        (0, "STATUS PERKAWINAN", p.marital_status),
        (0, "PEKERJAAN", p.occupation),
        (0, "KEWARGANEGARAAN", p.citizenship),
        (0, "BERLAKU HINGGA", "SEUMUR HIDUP"),
    ]


def _card_caps(family: Family, p: Person, rng: random.Random, guilloche: bool) -> tuple[Image.Image, str]:
    """The card's print with every label in capitals, the rows ending well above the card's foot."""
    pg = Page(1300, 820, rng.choice(("sans", "condensed", "serif")), rng, paper=255)
    if guilloche:
        pg.guilloche(205, 235)
    pg.centre(18, "PROVINSI " + _region(family.province_code), 34)
    pg.centre(60, _region(family.regency_code), 34)
    colon, size = 340, 24
    pg.text(36, 112, "NIK", 32, bold=True)
    pg.text(colon, 112, ":", 32, bold=True)
    pg.text(colon + 24, 110, p.nik, 36, bold=True)

    def row(x: float, y: float, label: str, value: str, cx: float = colon, max_x: float = 990) -> None:
        if label:  # an address carried onto another row has no label
            pg.text(x, y, label, size)
            pg.text(cx, y, ":", size)
        pg.text(cx + 20, y, value, size, max_x=max_x)

    y = 168.0
    for indent, label, value in _card_rows(family, p, rng):
        if label == "JENIS KELAMIN":  # the blood type shares the sex's row
            row(36, y, label, value, max_x=620)
            row(640, y, "GOL. DARAH", _blood(p), cx=820)
        else:
            row(36 + indent, y, label, value)
        y += 37
    pg.photo_box(1010, 130, 1260, 450)
    place = _issue_place(family)
    pg.centre(470, place, 21, bold=False, x0=980, x1=1290)
    pg.centre(500, format_date(family.issue_date, "dmy-dash"), 21, bold=False, x0=980, x1=1290)
    pg.signature(1040, 540, 200, 55)
    return pg.img, place


_BAYER = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32)


def _bw_copy(img: Image.Image) -> Image.Image:
    """A black-and-white copier: contrast pushed, then every pixel black or white (ordered dither), so the
    light security print turns into specks and the photo into a dark dotted block."""
    a = np.clip((np.asarray(img.convert("L"), np.float32) / 255 - 0.3) / 0.6, 0, 1)
    h, w = a.shape
    threshold = np.tile((_BAYER + 0.5) / 16, (h // 4 + 1, w // 4 + 1))[:h, :w]
    return Image.fromarray(np.where(a > threshold, 255, 0).astype(np.uint8), "L")


def _fotokopi_marks(pg: Page, x: float, y: float, rng: random.Random) -> None:
    """The "FOTOKOPI" box stamp and the hand-written note across the copy (a resident's guard on copies)."""
    layer, d = pg.ink_layer()
    ink = rng.randint(100, 150)
    f = _face("DejaVuSans-Bold", 44)
    d.rectangle((x, y, x + 380, y + 84), outline=ink, width=5)
    d.text((x + (380 - d.textlength("FOTOKOPI", font=f)) / 2, y + 16), "FOTOKOPI", font=f, fill=ink)
    pg.overlay(layer.rotate(rng.uniform(-12, 12), center=(x + 190, y + 42), fillcolor=255))
    layer, d = pg.ink_layer()
    note = rng.choice(
        (
            "Hanya untuk keperluan pendaftaran KTP-el",
            "Untuk keperluan daftar e-KTP online saja",
            "Khusus untuk Dukcapil",
        )
    )
    f = _face("DejaVuSans-Oblique", 40)
    nx, ny = 220 + rng.randint(0, 150), 760 + rng.randint(0, 120)
    d.text((nx, ny), note, font=f, fill=rng.randint(60, 110))
    pg.overlay(layer.rotate(rng.uniform(8, 16), center=(nx + 400, ny + 20), fillcolor=255))
    pg.signature(nx + 700, ny + 70, 220, 60)


def ktp_fotokopi_bw(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A black-and-white copy of the card enlarged on A4 (200 dpi), stamped and written across."""
    card, place = _card_caps(family, p, rng, guilloche=True)
    width = rng.randint(1250, 1400)
    card = card.resize((width, round(width * card.height / card.width)), Image.Resampling.LANCZOS)
    page = Image.new("L", (1654, 2339), 255)
    x, y = (1654 - width) // 2 + rng.randint(-40, 40), rng.randint(150, 280)
    copy = _bw_copy(card)
    ImageDraw.Draw(copy).rounded_rectangle(
        (0, 0, copy.width - 1, copy.height - 1), radius=40, outline=0, width=4
    )
    page.paste(copy, (x, y))
    pg = Page(1654, 2339, "sans", rng)
    pg.img = _photocopied(page, rng)
    pg.d = ImageDraw.Draw(pg.img)
    _fotokopi_marks(pg, x + width - 520 + rng.randint(-60, 60), y + rng.randint(560, 700), rng)
    return RenderedDocument("ktp", pg.img, _issued_card_truth(family, p, place), layout="ktp-fotokopi-bw")


def _sleeve(card: Rgb, rng: random.Random) -> tuple[Rgb, npt.NDArray[np.float32]]:
    """The card in a clear plastic sleeve held by a thumb: the sleeve's margin, haze and straight glare
    streaks, the thumb over the card's lower corner; the layer and its mask."""
    h, w = card.shape[:2]
    m = int(0.05 * w)
    layer = np.empty((h + 2 * m, w + 2 * m, 3), np.float32)
    layer[:] = np.array((214, 218, 222), np.float32) * rng.uniform(0.85, 1.0)
    layer[m : m + h, m : m + w] = card
    lh, lw = layer.shape[:2]
    layer = layer * 0.9 + 0.1 * 235  # the sleeve's haze lifts the blacks
    yy, xx = np.mgrid[0:lh, 0:lw].astype(np.float32)
    for _ in range(rng.randint(1, 3)):
        a = rng.uniform(0, math.pi)
        across = (xx - rng.uniform(0.2, 0.8) * lw) * math.cos(a) + (
            yy - rng.uniform(0.2, 0.8) * lh
        ) * math.sin(a)
        half = rng.uniform(0.015, 0.05) * lw
        edge = np.clip((np.abs(across) - half) / 2.5, -50, 50)  # a sharp-edged band
        streak = rng.uniform(0.35, 0.8) / (1 + np.exp(edge))
        layer += (255 - layer) * streak[..., None]
    skin = np.array(rng.choice(_SKIN), np.float32)
    cx, cy = m + rng.uniform(0.06, 0.22) * w, m + h * 1.06
    rx, ry = 0.09 * w, 0.17 * h
    inside = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    thumb = np.clip((1 - inside) * 6, 0, 1)
    shade = 0.8 + 0.2 * np.clip((cy - yy) / ry + 0.5, 0, 1)  # the nail side catches the light
    layer = layer * (1 - thumb[..., None]) + (skin * shade[..., None]) * thumb[..., None]
    alpha = np.zeros((lh, lw), np.float32)
    cv2.rectangle(alpha, (0, 0), (lw - 1, lh - 1), 1.0, -1)
    alpha = np.maximum(alpha, thumb)
    return np.asarray(layer, np.float32), alpha


def _room(fw: int, fh: int, rng: random.Random) -> Rgb:
    """What lies behind a held card: a wall and furniture out of focus."""
    wall = np.array(rng.choice(_WALLS), np.float32)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    blobs = cv2.resize(nrng.normal(0, 1, (6, 8)).astype(np.float32), (fw, fh), interpolation=cv2.INTER_CUBIC)
    gy = np.linspace(0.85, 1.1, fh, dtype=np.float32)[:, None]
    return np.asarray(wall[None, None, :] * (gy * (1 + 0.12 * blobs))[..., None], np.float32)


def ktp_hand_sleeve(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card in its sleeve held up in a hand, photographed at an angle against a room."""
    from tools.docgen.photographed import _blur, _card_rgb

    grey, place = _card_caps(family, p, rng, guilloche=False)
    layer, alpha = _sleeve(_card_rgb(grey, rng), rng)
    fw, fh = rng.choice(((4000, 3000), (2048, 1536)))
    quad = _tilted_quad(layer.shape[1], layer.shape[0], fw, fh, rng.uniform(0.6, 0.82), rng)
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    img = _room(fw, fh, rng)
    palm = np.zeros((fh, fw), np.float32)  # the hand under the card's lower edge, out of the frame's foot
    corner = (quad[3] + quad[2] * 0.3) / 1.3
    cv2.ellipse(
        palm,
        (int(corner[0]), int(corner[1] + 0.12 * fh)),
        (int(0.22 * fw), int(0.2 * fh)),
        rng.uniform(-20, 20),
        0,
        360,
        1.0,
        -1,
    )
    palm = np.asarray(cv2.GaussianBlur(palm, (0, 0), 6), np.float32)
    skin = np.array(rng.choice(_SKIN), np.float32)
    img = np.asarray(img * (1 - palm[..., None]) + skin * palm[..., None], np.float32)
    img = np.asarray(img * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.05, 0.2))
    _blur(img, rng)
    return RenderedDocument(
        "ktp", _finish(img, rng, (0.3, 0.6)), _issued_card_truth(family, p, place), layout="ktp-hand-sleeve"
    )


__all__ = [
    "akta_court_typed",
    "akta_phone_photo",
    "kk_phone_photo",
    "kk_two_sheets",
    "ktp_fotokopi_bw",
    "ktp_hand_sleeve",
    "phone_photo",
    "skpwni_datang",
    "skpwni_phone_photo",
]
