"""An eighteenth round of variety layouts, written blind (before and without looking at the extractor), two
per type. Unlike rounds 15-17 (letters, apps and screenshots quoting the documents) it returns to the
MAINSTREAM OFFICIAL DOCUMENTS as residents upload them: the KK, the Kutipan Akta Kelahiran, the KTP-el card
and the SKPWNI (F-1.03) as Dukcapil offices print them, with their real label wordings, in arrangements and
captures the older rounds do not have. Each layout is a family of pages: field order, label wording, date
form, face, sizes and margins are drawn from the rng.

- KK, `kk-map-plastik`: the wet-signed post-2018 KK (two header columns, the member tables' titles wrapped
  in their columns, on some prints the form's column numbers "(1) (2) ..." running on through both tables,
  "Dikeluarkan Tanggal" under the first table or in the Dinas's block), KEPT IN A CLEAR PLASTIC SLEEVE and
  PHOTOGRAPHED ON A TABLE: the sleeve's haze and welded seam, a ceiling lamp's reflection as a long soft
  bright band across the sheet, perspective, the phone's light fall-off; the resident's BLUE BALLPOINT
  TICKS beside the member rows and a LOOP DRAWN ROUND THE KK NUMBER (marks over the print).
- KK, `kk-cetak-perkecil`: the electronic KK (2021+: QR code and TTE note instead of a wet signature) that
  the resident PRINTED FROM ITS PDF ON A PORTRAIT A4 SHEET WITHOUT TURNING IT: the landscape form shrunk to
  the sheet's width in its upper half, the PDF viewer's print header and footer (date, file name, "1/1")
  around it, the lower half blank; at the counter the officer TICKED THE ROWS AND INITIALLED it ("sesuai",
  a paraf) in blue; SCANNED BY THE OFFICE MFP at 400 dpi in grey, low contrast, a little askew, JPEG.
- Akta kelahiran, `akta-baris-berpasangan`: a regency's Kutipan printed as `label : value` lines where
  SEVERAL LINES CARRY TWO FIELDS ("Tempat Lahir : SLEMAN    Tanggal Lahir : 07-05-2011", "Jenis Kelamin :
  LAKI-LAKI    Anak Ke : 2 (DUA)", the NIK beside the certificate's number on some), label wordings drawn
  ("No. Akta Kelahiran", "Nama Anak", "Tgl. Lahir", "Nama Ayah Kandung"), the Dinas's stamp whose ring
  runs over the last value lines; PHOTOGRAPHED ON A TABLE with the hard SHADOW OF THE PHONE across the page.
- Akta kelahiran, `akta-frasa-centang`: the 2016+ Kutipan whose form phrases stand at the left ("Berdasarkan
  Akta Kelahiran Nomor", "bahwa di", "pada tanggal", "telah lahir", "anak ke", "dari ayah", "dan ibu")
  and the values in bold capitals in a column at the right, without colons, one clause to a line, a long
  value wrapped in its column; the date in words, or in words with its digits; CHECKED BY A COUNTER
  OFFICER: a blue TICK after each value, the name UNDERLINED, "sesuai" and a paraf in the margin; a colour
  FLATBED SCAN (cream paper, the lid's dark edge along one side, slightly askew, low contrast, JPEG).
- KTP-el, `ktp-pudar-tergores`: an OLD KTP-el (issued in the first years) whose PRINT HAS FADED unevenly
  (values pale, some words paler than others) and whose laminate is SCRATCHED (fine bright lines across
  the text), photographed on a table in daylight with perspective and a soft glare. The card's wordings
  ("Tempat/Tgl Lahir", "Jenis kelamin" with "Gol. Darah" on its row, RT/RW, Kel/Desa and Kecamatan indented
  under Alamat) and sizes drawn per card.
- KTP-el, `ktp-di-atas-kk`: the card PHOTOGRAPHED LYING ON TOP OF THE FAMILY'S KK (as residents show both at
  once): the KK's title, number, header lines ("Nama Kepala Keluarga", "Alamat", "RT/RW",
  "Desa/Kelurahan") and the top of its member table all around and under the card, the card a little
  turned with its shadow on the paper, the scene in mild perspective. The truth is the card's.
- SKPWNI, `skpwni-lampu-meja`: form F-1.03 as the Dinas prints it: DATA DAERAH ASAL / DATA KEPINDAHAN with
  numbered items, RT and RW on one line, the region levels as the form's LETTERED TWO-COLUMN GRID ("a.
  Desa/Kelurahan : X    c. Kab/Kota : Y" / "b. Kecamatan : X    d. Provinsi : Y"), "Kode Pos" and
  "Telepon" on one line, the two "Status No. KK" items, the family moving as a table; a handwritten
  "diterima" note at the head; PHOTOGRAPHED AT A DESK UNDER A WARM LAMP (a yellow cast, a hot spot, the
  phone's shadow).
- SKPWNI, `skpwni-tembus-balik`: the certificate printed DOUBLE-SIDED on thin paper and SCANNED: the back
  page (the family moving, the signatures, "Halaman 2") SHOWS THROUGH mirrored and blurred behind the
  front's text; the front as sections of `label : value` lines (origin, the move's details, destination;
  "Kode Pos" and "Telepon" on one line; on some prints RT and RW on one line); a grey or colour scan, low
  contrast, askew, JPEG.

Pages are drawn with the DejaVu faces; stamps and signatures as `variety.Page` and round 7 draw them.
Images are 8-bit grey or RGB (`upload` None). Ground truths are normalised as the older layouts' are (the
same keys per type, built by the same helpers); a key a page does not print is left out. These layouts
exist to measure: nothing that reads the documents may be tuned to them.
"""

from __future__ import annotations

import io
import itertools
import math
import random
from collections.abc import Callable, Sequence

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFilter

from tools.docgen.render import Font, RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_CLASSES,
    Move,
    Page,
    _akta_truth,
    _blood,
    _issue_place,
    _issued_card_truth,
    _kk_truth,
    _move,
    _skpwni_truth,
    move_class,
    number_words,
    vfont,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round4 import _light, _tilted_quad, _warp_into
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round6 import _noise
from tools.docgen.variety_round7 import _blue_ink, _blue_stamp, _ink_mask, _members
from tools.docgen.variety_round10 import Cells, _cells, _choice_text, _date
from tools.docgen.variety_round11 import _untitled
from tools.docgen.variety_round13 import _after
from tools.docgen.variety_round17 import _italic, _wrap_px
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Grey = npt.NDArray[np.float32]
Colour = tuple[int, int, int]

_PAPERS: tuple[Colour, ...] = ((247, 245, 238), (243, 241, 236), (249, 247, 242), (240, 240, 236))
_BLUE_PENS: tuple[Colour, ...] = ((25, 45, 140), (30, 60, 170), (20, 30, 110))


# --- small helpers ----------------------------------------------------------------------------------------


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _on_paper(page: Image.Image, paper: Colour, ink: Colour = (28, 30, 40)) -> Rgb:
    """The grey print as ink on a (tinted) paper, in colour."""
    g = np.asarray(page.convert("L"), np.float32)[..., None] / 255.0
    return np.asarray(np.array(paper, np.float32) * g + np.array(ink, np.float32) * (1 - g), np.float32)


def _to_image(img: Rgb) -> Image.Image:
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert(img.mode)


def _fitted(pg: Page, x: float, y: float, text: str, size: int, max_x: float, bold: bool = False) -> float:
    """`text` at `size`, shrunk (never below 24 px) when it would pass `max_x`; the x after it."""
    s = size
    while s > 24 and pg.d.textlength(text, font=pg.font(s, bold)) > max_x - x:
        s -= 1
    f = pg.font(s, bold)
    pg.d.text((x, y), text, font=f, fill=0)
    return x + pg.d.textlength(text, font=f)


def _tick(d: ImageDraw.ImageDraw, x: float, y: float, s: float, rng: random.Random) -> None:
    """A ballpoint tick on an ink mask, its low point near (x + s/3, y + s/2)."""
    j = s * 0.08
    pts = [
        (x + rng.uniform(-j, j), y + rng.uniform(-j, j)),
        (x + 0.35 * s + rng.uniform(-j, j), y + 0.45 * s + rng.uniform(-j, j)),
        (x + s + rng.uniform(-j, j), y - 0.6 * s + rng.uniform(-j, j)),
    ]
    d.line(pts, fill=255, width=max(3, round(s / 9)), joint="curve")


def _loop(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], rng: random.Random) -> None:
    """A loose hand-drawn loop around a box, its ends overlapping."""
    x0, y0, x1, y1 = box
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 + 28, (y1 - y0) / 2 + 18
    start = rng.uniform(0, 2 * math.pi)
    pts = []
    for i in range(80):
        a = start + 2.15 * math.pi * i / 79
        wob = 1 + 0.04 * math.sin(3 * a + start)
        pts.append((cx + rx * wob * math.cos(a), cy + ry * wob * math.sin(a) + i * 0.12))
    d.line(pts, fill=255, width=4, joint="curve")


def _scribble(d: ImageDraw.ImageDraw, x: float, y: float, text: str, size: int, rng: random.Random) -> None:
    """A few words written by hand in a slanted face (on an ink mask)."""
    d.text((x, y), text, font=_italic(size, rng.random() < 0.5), fill=255)


def _paraf(d: ImageDraw.ImageDraw, x: float, y: float, w: float, rng: random.Random) -> None:
    pts = [
        (x + w * i / 24, y + 0.3 * w * math.sin(i * rng.uniform(0.8, 1.3)) * (1 - i / 30)) for i in range(25)
    ]
    d.line(pts, fill=255, width=3, joint="curve")
    d.line([(x - 0.1 * w, y + 0.35 * w), (x + 1.1 * w, y - 0.15 * w)], fill=255, width=3)


def _pen_ink(rgb: Rgb, mask: Image.Image, rng: random.Random) -> None:
    _blue_ink(rgb, mask.filter(ImageFilter.GaussianBlur(0.7)), rng.choice(_BLUE_PENS), rng.uniform(0.8, 0.95))


def _smooth(rng: random.Random, size: tuple[int, int], cells: tuple[int, int]) -> Grey:
    """A smooth random field (0..1) of `size` (w, h) from a coarse grid of `cells`."""
    grid = _noise(rng).random((cells[1], cells[0])).astype(np.float32)
    return np.asarray(cv2.resize(grid, size, interpolation=cv2.INTER_CUBIC).clip(0, 1), np.float32)


def _camera(img: Rgb, rng: random.Random, blur: tuple[float, float], quality: tuple[int, int]) -> Image.Image:
    """The phone's softness, sensor noise and JPEG, decoded again as the upload is."""
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(*blur)), np.float32)
    img = img + _noise(rng).normal(0, rng.uniform(2.0, 4.0), img.shape).astype(np.float32)
    return _jpeg(_to_image(img), rng.randint(*quality))


def _on_table(
    layer: Rgb, alpha: Grey, rng: random.Random, frame: tuple[int, int], fill: tuple[float, float]
) -> tuple[Rgb, npt.NDArray[np.float32]]:
    """`layer` (a sheet or a card) lying on a table, seen by a phone in perspective: the frame and the quad."""
    from tools.docgen.photographed import _table  # here: it imports the variety set itself

    fw, fh = frame
    quad = _tilted_quad(layer.shape[1], layer.shape[0], fw, fh, rng.uniform(*fill), rng)
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    scene = _table(fw, fh, rng)
    shadow = np.roll(cv2.GaussianBlur(mask, (0, 0), 9), (rng.randint(4, 16), rng.randint(4, 16)), (0, 1))
    scene *= 1 - 0.35 * shadow[..., None]
    img = np.asarray(scene * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.05, 0.2))
    return img, quad


def _phone_shadow(img: Rgb, rng: random.Random, depth: tuple[float, float]) -> None:
    """The shadow of the phone and the hand holding it, entering from one edge of the frame, in place."""
    fh, fw = img.shape[:2]
    mask = np.zeros((fh, fw), np.float32)
    side = rng.randrange(4)
    wid = rng.uniform(0.25, 0.4) * min(fw, fh)
    reach = rng.uniform(0.15, 0.3) * (fh if side in (0, 2) else fw)
    at = rng.uniform(0.25, 0.75)
    if side == 0:
        x = at * fw
        pts = [
            (x - wid / 2, -10),
            (x + wid / 2, -10),
            (x + wid / 2 + 40, reach),
            (x - wid / 2 + 20, reach + 30),
        ]
    elif side == 2:
        x = at * fw
        pts = [
            (x - wid / 2, fh + 10),
            (x + wid / 2, fh + 10),
            (x + wid / 2 - 30, fh - reach),
            (x - wid / 2, fh - reach - 20),
        ]
    elif side == 1:
        y = at * fh
        pts = [
            (fw + 10, y - wid / 2),
            (fw + 10, y + wid / 2),
            (fw - reach, y + wid / 2 + 30),
            (fw - reach - 20, y - wid / 2),
        ]
    else:
        y = at * fh
        pts = [(-10, y - wid / 2), (-10, y + wid / 2), (reach + 25, y + wid / 2 - 20), (reach, y - wid / 2)]
    cv2.fillPoly(mask, [np.array(pts, np.int32)], 1.0)
    soft = np.asarray(cv2.GaussianBlur(mask, (0, 0), rng.uniform(18, 34)), np.float32)
    img *= (1 - rng.uniform(*depth) * soft)[..., None]


def _flatbed(
    page: Image.Image, rng: random.Random, grey: bool, contrast: tuple[float, float], most: float
) -> Image.Image:
    """A flatbed scan: the print's range squeezed (low contrast), a little askew on the white bed, a soft
    focus, the sensor's noise and the MFP's JPEG."""
    arr = np.asarray(page, np.float32)
    lo, hi = rng.uniform(*contrast), rng.uniform(226, 242)
    arr = lo + (hi - lo) * arr / 255.0
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), page.mode)
    bed = (247,) * 3 if page.mode == "RGB" else 247
    img = img.rotate(rng.uniform(-most, most), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=bed)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.85)))
    arr = np.asarray(img, np.float32)
    arr = arr + _noise(rng).normal(0, rng.uniform(1.5, 3.0), arr.shape).astype(np.float32)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)
    if grey:
        img = img.convert("L")
    return _jpeg(img, rng.randint(55, 78))


# --- the KK sheet (both KK layouts and the paper under the card) -------------------------------------------

_KK_T1 = (("No", "No"), ("Nama Lengkap", "name"), ("NIK", "nik"), ("Jenis Kelamin", "sex"),
          ("Tempat Lahir", "place_of_birth"), ("Tanggal Lahir", "birth_date"), ("Agama", "religion"),
          ("Pendidikan", "education"), ("Jenis Pekerjaan", "occupation"), ("Golongan Darah", "blood_type"))  # fmt: skip
_KK_T2 = (("No", "No"), ("Status Perkawinan", "marital_status"), ("Tanggal Perkawinan", "marriage_date"),
          ("Status Hubungan Dalam Keluarga", "relationship"), ("Kewarganegaraan", "citizenship"),
          ("No. Paspor", "passport_number"), ("No. KITAP", "kitap_number"), ("Nama Ayah", "father_name"),
          ("Nama Ibu", "mother_name"))  # fmt: skip


def _col_widths(
    d: ImageDraw.ImageDraw, cols: Sequence[tuple[str, str]], rows: Sequence[Cells], body: Font, head: Font
) -> list[float]:
    out = []
    for title, key in cols:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        need = max(d.textlength(t, font=body) for t in texts)
        word = max(d.textlength(w, font=head) for w in title.split())
        out.append(max(need, word, 40.0) + 28)
    return out


def _kk_table(
    pg: Page,
    x0: float,
    y0: float,
    cols: Sequence[tuple[str, str]],
    widths: Sequence[float],
    rows: Sequence[Cells],
    size: int,
    caps: bool,
    first_number: int | None,
) -> tuple[float, list[float]]:
    """A ruled member table, its titles wrapped in their columns, the form's column numbers under them when
    `first_number` is given. The y under it and each row's middle."""
    body, head = pg.font(size), pg.font(size - 3, True)
    titles = [
        _wrap_px(pg.d, t.upper() if caps else t, head, wd - 16)
        for (t, _), wd in zip(cols, widths, strict=True)
    ]
    line = size + 2
    head_h = max(len(t) for t in titles) * line + 20
    num_h = size + 14 if first_number is not None else 0
    row_h = int(size * 1.85)
    xs = [x0]
    for wd in widths:
        xs.append(xs[-1] + wd)
    y_end = y0 + head_h + num_h + row_h * len(rows)
    for lines, xa, xb in zip(titles, xs, xs[1:], strict=False):
        top = y0 + (head_h - len(lines) * line) / 2
        for j, ln in enumerate(lines):
            pg.d.text(((xa + xb - pg.d.textlength(ln, font=head)) / 2, top + j * line), ln, font=head, fill=0)
    if first_number is not None:
        small = pg.font(size - 5)
        for k, (xa, xb) in enumerate(itertools.pairwise(xs)):
            t = f"({first_number + k})"
            pg.d.text(
                ((xa + xb - pg.d.textlength(t, font=small)) / 2, y0 + head_h + 6), t, font=small, fill=0
            )
    for x in xs:
        pg.d.line((x, y0, x, y_end), fill=0, width=2)
    for yy in (y0, y0 + head_h, y0 + head_h + num_h, y_end):
        pg.d.line((xs[0], yy, xs[-1], yy), fill=0, width=2)
    mids = []
    for i, row in enumerate(rows):
        y = y0 + head_h + num_h + i * row_h
        for (_, key), xa in zip(cols, xs, strict=False):
            text = str(i + 1) if key == "No" else row[key][0]
            pg.d.text((xa + 14, y + (row_h - size) / 2 - 2), text, font=body, fill=0)
        pg.d.line((xs[0], y + row_h, xs[-1], y + row_h), fill=0, width=1)
        mids.append(y + row_h / 2)
    return y_end, mids


class KkSheet:
    """A KK as printed: the page (grey), its member cells, the rows' middles and the KK number's box."""

    def __init__(
        self,
        page: Page,
        rows: list[Cells],
        mids: list[float],
        number_box: tuple[float, float, float, float],
        x0: float,
    ) -> None:
        self.page, self.rows, self.mids, self.number_box, self.x0 = page, rows, mids, number_box, x0


def _kk_sheet(family: Family, rng: random.Random, size: int, electronic: bool) -> KkSheet:
    """The post-2018 KK (wet-signed) or the electronic KK (QR code and TTE note since 2021)."""
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash", "dmy-dot"))
    rows = [_cells(p, style) for p in family.members]
    fam = rng.choice(("sans", "condensed", "serif-condensed", "serif"))
    probe = ImageDraw.Draw(Image.new("L", (4, 4)))
    body, head = vfont(size, fam), vfont(size - 3, fam, True)
    w1 = _col_widths(probe, _KK_T1, rows, body, head)
    w2 = _col_widths(probe, _KK_T2, rows, body, head)
    width = max(sum(w1), sum(w2), 2500.0)
    w1 = [w + (width - sum(w1)) * w / sum(w1) for w in w1]
    w2 = [w + (width - sum(w2)) * w / sum(w2) for w in w2]
    m = rng.randint(70, 110)
    w = int(width + 2 * m)
    n = len(family.members)
    h = 560 + 2 * (4 * (size + 2) + 40 + int(size * 1.85) * n) + 600
    pg = Page(w, h, fam, rng, paper=255)
    pg.centre(40, "KARTU KELUARGA", 58)
    number = _pick(rng, "No. ", "No. ", "NO. ") + family.kk_number
    nf = pg.font(40, True)
    nx = (w - pg.d.textlength(number, font=nf)) / 2
    pg.d.text((nx, 115), number, font=nf, fill=0)
    number_box = (nx, 115.0, nx + pg.d.textlength(number, font=nf), 160.0)
    if electronic and rng.random() < 0.5:
        pg.qr(m, 30, 150)
    caps = rng.random() < 0.35

    def lab(t: str) -> str:
        return t.upper() if caps else t

    head_rows = {
        "head": (lab("Nama Kepala Keluarga"), family.head.name),
        "addr": (lab("Alamat"), family.address),
        "rtrw": (lab("RT/RW"), f"{family.rt}/{family.rw}"),
        "post": (lab("Kode Pos"), family.postal_code),
        "vill": (
            lab(_pick(rng, "Desa/Kelurahan", "Desa/Kelurahan", "Kelurahan/Desa")),
            _region(family.village_code),
        ),
        "dist": (lab("Kecamatan"), _region(family.district_code)),
        "reg": (lab("Kabupaten/Kota"), _region(family.regency_code)),
        "prov": (lab("Provinsi"), _region(family.province_code)),
    }
    if rng.random() < 0.5:
        left, right = ["head", "addr", "rtrw", "post"], ["vill", "dist", "reg", "prov"]
    else:
        left, right = ["head", "addr", "rtrw", "vill"], ["dist", "reg", "post", "prov"]
    hs = size + 2
    step = int(hs * 1.7)
    lc = m + 20 + max(pg.d.textlength(head_rows[k][0], font=pg.font(hs)) for k in left) + 20
    rx = w // 2 + rng.randint(40, 160)
    rc = rx + max(pg.d.textlength(head_rows[k][0], font=pg.font(hs)) for k in right) + 20
    y: float = 200
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        yy = y + i * step
        pg.kv(m + 20, yy, head_rows[a][0], head_rows[a][1], lc, hs, rx - 30)
        pg.kv(rx, yy, head_rows[b][0], head_rows[b][1], rc, hs, w - m)
    y += 4 * step + 30
    tcaps = rng.random() < 0.4
    numbered = rng.random() < 0.6
    y, mids = _kk_table(pg, m, y, _KK_T1, w1, rows, size, tcaps, 1 if numbered else None)
    second = (11 if rng.random() < 0.5 else 1) if numbered else None
    y, _ = _kk_table(pg, m, y + 40, _KK_T2, w2, rows, size, tcaps, second)
    issued = _date(family.issue_date, rng.choice(("dmy-dash", "dmy-slash", "long", "long-title")))
    fs = size
    sx = w - m - 900
    in_block = electronic or rng.random() < 0.4
    if in_block:
        pg.kv(sx, y + 30, "Dikeluarkan Tanggal", issued, 0, fs, w - m)
    else:
        pg.kv(m + 20, y + 30, "Dikeluarkan Tanggal", issued, 0, fs, sx - 40)
    hx = m + 200 if in_block else m + 700
    pg.text(hx, y + 80, lab("KEPALA KELUARGA"), fs)
    pg.text(hx, y + 260, family.head.name, fs, bold=True)
    pg.text(sx, y + 80, "KEPALA DINAS KEPENDUDUKAN DAN", fs)
    pg.text(sx, y + 80 + fs + 8, "PENCATATAN SIPIL " + _region(family.regency_code), fs, max_x=w - m)
    if electronic:
        pg.qr(int(sx), int(y + 160), 150)
        pg.text(sx + 170, y + 190, "Ditandatangani secara elektronik", fs - 4)
        pg.text(sx + 170, y + 190 + fs, "menggunakan sertifikat elektronik BSrE", fs - 4)
        pg.text(sx, y + 330, rng.choice(_OFFICIALS), fs, bold=True)
        pg.text(sx, y + 330 + fs + 8, "NIP. " + _nip(rng), fs)
    else:
        pg.signature(hx + 20, y + 150, 300, 90)
        pg.signature(sx + 80, y + 150, 340, 90)
        pg.stamp(sx + 40, y + 200, 105, "DISDUKCAPIL|" + _issue_place(family)[:12])
        pg.text(sx, y + 270, rng.choice(_OFFICIALS), fs, bold=True)
        pg.text(sx, y + 270 + fs + 8, "NIP. " + _nip(rng), fs)
    pg.img = pg.img.crop((0, 0, w, min(h, int(y + 430))))
    pg.d = ImageDraw.Draw(pg.img)
    return KkSheet(pg, rows, mids, number_box, m)


# --- KK: the original in a plastic sleeve, photographed ----------------------------------------------------


def _sleeve(rgb: Rgb, rng: random.Random) -> None:
    """A clear plastic sleeve over the sheet, in place: haze, a welded seam, a lamp's soft reflection band."""
    h, w = rgb.shape[:2]
    rgb[:] = rgb * (1 - 0.06) + 255 * 0.06
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, math.pi)
    d = (xx - rng.uniform(0.2, 0.8) * w) * math.cos(a) + (yy - rng.uniform(0.2, 0.8) * h) * math.sin(a)
    band = rng.uniform(0.22, 0.38) * np.exp(-((d / (rng.uniform(0.03, 0.07) * w)) ** 2))
    band *= 0.75 + 0.25 * _smooth(rng, (w, h), (6, 4))
    rgb += (255 - rgb) * band[..., None]
    seam = rng.randint(12, 30)
    if rng.random() < 0.5:
        rgb[:, seam : seam + 3] *= 0.85
        rgb[:, seam + 3 : seam + 6] = rgb[:, seam + 3 : seam + 6] * 0.7 + 255 * 0.3
    else:
        rgb[seam : seam + 3, :] *= 0.85
        rgb[seam + 3 : seam + 6, :] = rgb[seam + 3 : seam + 6, :] * 0.7 + 255 * 0.3


def kk_map_plastik(family: Family, rng: random.Random) -> RenderedDocument:
    """The wet-signed KK in a clear sleeve on a table, ballpoint ticks and a loop over the print."""
    sheet = _kk_sheet(family, rng, rng.choice((28, 29, 30)), electronic=False)
    pg = sheet.page
    rgb = _on_paper(pg.img, rng.choice(_PAPERS))
    mask, d = _ink_mask(pg.img.size)
    for y in sheet.mids:
        if rng.random() < 0.9:
            _tick(d, sheet.x0 - 50, y - 4, 34, rng)
    if rng.random() < 0.8:
        _loop(d, sheet.number_box, rng)
    _pen_ink(rgb, mask, rng)
    _sleeve(rgb, rng)
    img, _ = _on_table(rgb, np.ones(rgb.shape[:2], np.float32), rng, (3264, 2448), (0.9, 0.96))
    if rng.random() < 0.5:
        _phone_shadow(img, rng, (0.2, 0.35))
    photo = _camera(img, rng, (0.5, 0.9), (72, 88))
    members = _members(sheet.rows)
    return RenderedDocument("kk", photo, _kk_truth(family), members, layout="kk-map-plastik")


# --- KK: the e-KK printed shrunk on a portrait sheet, ticked at the counter, scanned ------------------------


def kk_cetak_perkecil(family: Family, rng: random.Random) -> RenderedDocument:
    """The landscape e-KK printed to fit a portrait A4 sheet, the counter's ticks, a grey MFP scan."""
    sheet = _kk_sheet(family, rng, rng.choice((30, 31, 32)), electronic=True)
    kk = sheet.page.img
    pw, ph = 3307, 4677  # A4 at 400 dpi
    margin = rng.randint(90, 150)
    scale = min(1.0, (pw - 2 * margin) / kk.width)
    kk = kk.resize((round(kk.width * scale), round(kk.height * scale)), Image.Resampling.LANCZOS)
    page = Page(pw, ph, "sans", rng, paper=255)
    top = rng.randint(170, 260)
    page.img.paste(kk, ((pw - kk.width) // 2, top))
    page.d = ImageDraw.Draw(page.img)
    fname = (
        f"KK_{family.kk_number}.pdf"
        if rng.random() < 0.6
        else f"{family.kk_number}_{rng.randint(100, 999)}.pdf"
    )
    printed = _after(family.issue_date, rng, 5, 900)
    page.text(margin, 70, f"{printed:%d/%m/%y}, {rng.randint(7, 16):02d}.{rng.randint(0, 59):02d}", 24)
    page.text(pw / 2 - 120, 70, fname, 24)
    page.text(
        margin,
        ph - 110,
        f"file:///C:/Users/{_pick(rng, 'user', 'ASUS', 'HP', 'Lenovo')}/Downloads/{fname}",
        24,
    )
    page.text(pw - margin - 60, ph - 110, "1/1", 24)
    rgb = _on_paper(page.img, (250, 250, 250), (20, 20, 22))
    mask, d = _ink_mask(page.img.size)
    x0 = (pw - kk.width) / 2 + sheet.x0 * scale
    for y in sheet.mids:
        _tick(d, x0 - 44, top + y * scale - 4, 30, rng)
    bx = (pw - kk.width) / 2 + sheet.number_box[2] * scale + 40
    by = top + sheet.number_box[1] * scale - 10
    _scribble(d, bx, by, _pick(rng, "sesuai", "ok, sesuai asli", "cek"), 46, rng)
    _paraf(d, bx + 60, by + 90, 90, rng)
    _pen_ink(rgb, mask, rng)
    img = _to_image(rgb)
    scan = _flatbed(img, rng, grey=True, contrast=(50, 85), most=1.2)
    return RenderedDocument("kk", scan, _kk_truth(family), _members(sheet.rows), layout="kk-cetak-perkecil")


# --- akta: label lines carrying two fields, photographed with the phone's shadow ----------------------------


def akta_baris_berpasangan(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A regency Kutipan of `label : value` lines, several lines with two fields; a phone photo."""
    p = _untitled(p)
    number = akta_number(family, p, serial)
    size = rng.choice((30, 31, 32))
    pg = Page(1800, 2700, rng.choice(("sans", "serif", "condensed", "serif-condensed")), rng, paper=255)
    pg.centre(120, "REPUBLIK INDONESIA", 44)
    pg.centre(180, _pick(rng, "PENCATATAN SIPIL", "CATATAN SIPIL"), 36)
    pg.centre(235, "WARGA NEGARA INDONESIA", 30, bold=False)
    pg.centre(320, "KUTIPAN AKTA KELAHIRAN", 54)
    style = rng.choice(("dmy-dash", "dmy-slash", "long", "long-title"))
    order = (
        sum(1 for m in family.members if m.mother_name == p.mother_name and m.birth_date < p.birth_date) + 1
    )
    caps = rng.random() < 0.3

    def lab(t: str) -> str:
        return t.upper() if caps else t

    no_label = lab(_pick(rng, "No. Akta Kelahiran", "Nomor Akta", "No. Akta"))
    nik_label = lab(_pick(rng, "NIK", "NIK Anak", "Nomor Induk Kependudukan"))
    name_label = lab(_pick(rng, "Nama Anak", "Nama Lengkap", "Nama"))
    place_label, date_label = (
        lab(_pick(rng, "Tempat Lahir", "Tempat Kelahiran")),
        lab(_pick(rng, "Tanggal Lahir", "Tgl. Lahir")),
    )
    sex_label, order_label = lab("Jenis Kelamin"), lab(_pick(rng, "Anak Ke", "Anak Ke-"))
    father_label = lab(_pick(rng, "Nama Ayah", "Nama Ayah Kandung"))
    mother_label = lab(_pick(rng, "Nama Ibu", "Nama Ibu Kandung"))
    lines: list[list[tuple[str, str]]] = []
    if rng.random() < 0.5 and len(nik_label) < 12:
        lines.append(
            [(no_label, number), (nik_label, p.nik)]
            if rng.random() < 0.5
            else [(nik_label, p.nik), (no_label, number)]
        )
    else:
        lines += (
            [[(no_label, number)], [(nik_label, p.nik)]]
            if rng.random() < 0.5
            else [[(nik_label, p.nik)], [(no_label, number)]]
        )
    lines.append([(name_label, p.name)])
    lines.append([(place_label, p.place_of_birth), (date_label, _date(p.birth_date, style))])
    lines.append([(sex_label, _sex(p)), (order_label, f"{order} ({number_words(order)})")])
    lines.append([(father_label, p.father_name)])
    lines.append([(mother_label, p.mother_name)])
    lx, mid = 130, rng.randint(960, 1040)
    c1 = lx + max(pg.d.textlength(ln[0][0], font=pg.font(size)) for ln in lines) + 20
    pairs2 = [ln[1][0] for ln in lines if len(ln) == 2]
    c2 = mid + max(pg.d.textlength(t, font=pg.font(size)) for t in pairs2) + 16
    y = rng.randint(500, 560)
    gap = int(size * rng.uniform(3.0, 3.8))
    last_y, last_end = y, 0.0
    for ln in lines:
        (la, va) = ln[0]
        pg.text(lx, y, la, size)
        pg.text(c1, y, ":", size)
        last_end = _fitted(pg, c1 + size * 0.8, y, va, size, (mid - 20) if len(ln) == 2 else 1700, bold=True)
        if len(ln) == 2:
            (lb, vb) = ln[1]
            pg.text(mid, y, lb, size)
            pg.text(c2, y, ":", size)
            _fitted(pg, c2 + size * 0.8, y, vb, size, 1710, bold=True)
        last_y = y
        y += gap
    y += rng.randint(60, 140)
    pg.text(lx, y, "Kutipan ini dikeluarkan sesuai dengan data pada register akta kelahiran.", size - 6)
    issued = _after(max(family.issue_date, p.birth_date), rng, 0, 400)
    bx = 1000
    pg.kv(bx, y + 110, "Dikeluarkan di", _issue_place(family), bx + 250, size - 4, 1720)
    pg.kv(bx, y + 160, "Pada tanggal", _date(issued, "long-title"), bx + 250, size - 4, 1720)
    pg.text(bx, y + 220, "Pejabat Pencatatan Sipil", size - 4)
    pg.text(bx, y + 390, rng.choice(_OFFICIALS), size - 4, bold=True)
    pg.signature(bx + 60, y + 280, 340, 90)
    bottom = int(y + 560)
    pg.d.rectangle((50, 50, 1749, bottom - 50), outline=60, width=4)
    pg.img = pg.img.crop((0, 0, 1800, bottom))
    rgb = _on_paper(pg.img, rng.choice(_PAPERS))
    # The stamp pressed high and to the left: its ring crosses the end of the last value line.
    _blue_stamp(rgb, min(last_end + rng.uniform(40, 110), 1600), last_y + rng.uniform(30, 70), 125,
                ("DINAS KEPENDUDUKAN", "DISDUKCAPIL"), rng)  # fmt: skip
    img, _ = _on_table(rgb, np.ones(rgb.shape[:2], np.float32), rng, (2448, 3264), (0.86, 0.93))
    _phone_shadow(img, rng, (0.3, 0.45))
    photo = _camera(img, rng, (0.5, 1.0), (70, 86))
    return RenderedDocument("akta", photo, _akta_truth(number, p), layout="akta-baris-berpasangan")


# --- akta: the 2016 phrases at the left, values at the right, ticked by the counter, flatbed colour scan ----


def akta_frasa_centang(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The 2016+ Kutipan, phrase left and value right, one clause a line; the officer's ticks; a colour scan."""
    p = _untitled(p)
    number = akta_number(family, p, serial)
    size = rng.choice((31, 32, 34))
    pg = Page(1750, 2450, rng.choice(("serif", "sans", "serif-condensed")), rng, paper=255)
    pg.centre(110, "REPUBLIK INDONESIA", 44)
    pg.centre(170, "PENCATATAN SIPIL", 36)
    pg.centre(260, "KUTIPAN AKTA KELAHIRAN", 54)
    pg.centre(325, "WARGA NEGARA INDONESIA", 30, bold=False)
    nik_y = 420
    pg.kv(150, nik_y, _pick(rng, "NIK", "Nomor Induk Kependudukan"), p.nik, 0, size, 1600)
    order = (
        sum(1 for m in family.members if m.mother_name == p.mother_name and m.birth_date < p.birth_date) + 1
    )
    date_style = rng.choice(("words", "words", "digits-words", "words-title"))
    clauses: list[tuple[str, str]] = [
        (_pick(rng, "Berdasarkan Akta Kelahiran Nomor", "Berdasarkan Akta Kelahiran No."), number),
        ("bahwa di", p.place_of_birth),
        ("pada tanggal", _date(p.birth_date, date_style)),
        ("telah lahir", p.name),
    ]
    if rng.random() < 0.5:
        clauses += [("anak ke", number_words(order)), ("jenis kelamin", _sex(p))]
    else:
        clauses += [("anak ke", f"{number_words(order)}, {_sex(p)}")]
    clauses += [("dari ayah", p.father_name), ("dan ibu", p.mother_name)]
    vx = 150 + max(pg.d.textlength(c, font=pg.font(size)) for c, _ in clauses) + rng.randint(40, 90)
    room = 1640 - vx
    y = 540
    mask, d = _ink_mask(pg.img.size)
    line_h = int(size * 1.5)
    for phrase, value in clauses:
        pg.text(150, y, phrase, size)
        lines = _wrap_px(pg.d, value, pg.font(size, True), room)
        end = 0.0
        for j, ln in enumerate(lines):
            end = pg.text(vx, y + j * line_h, ln, size, bold=True)
        last = y + (len(lines) - 1) * line_h
        if rng.random() < 0.85:
            _tick(d, min(end + 24, 1660), last + size * 0.5, 30, rng)
        if phrase == "telah lahir":
            d.line(
                [(vx - 6, last + size + 8), (end + 10, last + size + 4 + rng.uniform(-4, 4))],
                fill=255,
                width=3,
            )
        y += len(lines) * line_h + int(size * 0.9)
    issued = _after(max(family.issue_date, p.birth_date), rng, 0, 400)
    pg.text(
        150,
        y + 40,
        f"Kutipan ini dikeluarkan di {_issue_place(family).title()}, pada tanggal {_date(issued, 'long-title')}",
        size - 8,
    )
    sx = 1000
    pg.text(sx, y + 130, "Pejabat Pencatatan Sipil,", size - 6)
    if rng.random() < 0.5:
        pg.qr(sx, int(y + 180), 150)
        pg.text(sx + 170, y + 200, "Ditandatangani secara", size - 10)
        pg.text(sx + 170, y + 200 + size, "elektronik", size - 10)
    else:
        pg.signature(sx + 40, y + 200, 320, 90)
        pg.stamp(sx - 20, y + 240, 110, "DUKCAPIL|" + _issue_place(family)[:12])
    pg.text(sx, y + 360, rng.choice(_OFFICIALS), size - 6, bold=True)
    _scribble(d, 1330, nik_y - 80, _pick(rng, "sesuai", "asli ada", "ok"), 40, rng)
    _paraf(d, 1380, nik_y, 80, rng)
    paper: Colour = (rng.randint(240, 248), rng.randint(234, 242), rng.randint(214, 226))
    rgb = _on_paper(pg.img, paper)
    _pen_ink(rgb, mask, rng)
    edge = rng.randint(18, 40)
    rgb[:, :edge] *= np.linspace(0.25, 1.0, edge, dtype=np.float32)[None, :, None]
    scan = _flatbed(_to_image(rgb), rng, grey=False, contrast=(45, 80), most=1.5)
    return RenderedDocument("akta", scan, _akta_truth(number, p), layout="akta-frasa-centang")


# --- KTP-el: the card print (both KTP layouts) ---------------------------------------------------------------


class CardPrint:
    def __init__(
        self, ink: Image.Image, photo: tuple[int, int, int, int], place: str, rows: list[float]
    ) -> None:
        self.ink, self.photo, self.place, self.rows = ink, photo, place, rows


def _card_print(family: Family, p: Person, rng: random.Random) -> CardPrint:
    """The card's print in black on white (1600 x 1010): heading, NIK, the labelled rows, place and date."""
    pg = Page(1600, 1010, rng.choice(("sans", "condensed")), rng, paper=255)
    province, regency = _region(family.province_code), _region(family.regency_code)
    pg.centre(26, "PROVINSI " + province, 40)
    pg.centre(76, regency, 40)
    size = rng.choice((29, 30))
    colon = rng.randint(320, 350)
    pg.text(44, 148, "NIK", 40, bold=True)
    pg.text(colon, 148, ":", 40, bold=True)
    pg.d.text((colon + 34, 146), p.nik, font=vfont(42, "mono", True), fill=0)
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash"))
    sex_label = _pick(rng, "Jenis kelamin", "Jenis Kelamin")
    addr = _wrap_px(pg.d, family.address, pg.font(size), 1180 - colon - 30)
    rows: list[tuple[str, str, int]] = [
        ("Nama", p.name, 0),
        (
            _pick(rng, "Tempat/Tgl Lahir", "Tempat/Tgl. Lahir"),
            f"{p.place_of_birth}, {_date(p.birth_date, style)}",
            0,
        ),
        (sex_label, _sex(p), 0),
        ("Alamat", addr[0], 0),
        *[("", more, 0) for more in addr[1:]],
        ("RT/RW", f"{family.rt}/{family.rw}", 40),
        ("Kel/Desa", _region(family.village_code), 40),
        ("Kecamatan", _region(family.district_code), 40),
        ("Agama", p.religion, 0),
        ("Status Perkawinan", p.marital_status, 0),
        ("Pekerjaan", p.occupation, 0),
        ("Kewarganegaraan", p.citizenship, 0),
        ("Berlaku Hingga", "SEUMUR HIDUP", 0),
    ]
    y, ys = 218.0, []
    step = min(54.0, 770 / len(rows))
    for label, value, indent in rows:
        if label:
            pg.text(44 + indent, y, label, size)
            pg.text(colon, y, ":", size)
        max_x = 760 if label == sex_label else 1190
        pg.text(colon + 30, y, value, size, max_x=max_x)
        if label == sex_label:
            pg.text(800, y, _pick(rng, "Gol. Darah", "Gol Darah"), size)
            pg.text(970, y, ":", size)
            pg.text(1000, y, _blood(p), size)
        ys.append(y)
        y += step
    place = _issue_place(family)
    pg.centre(640, place, 28, bold=False, x0=1230, x1=1540)
    pg.centre(684, _date(family.issue_date, "dmy-dash"), 28, bold=False, x0=1230, x1=1540)
    pg.signature(1270, 760, 240, 70)
    return CardPrint(pg.img, (1240, 200, 1530, 600), place, ys)


def _card_rgb(cp: CardPrint, p: Person, rng: random.Random, fade: Grey | None) -> Rgb:
    """The print laid on the card's pale blue security ground; the photo on red (odd birth year) or blue
    (even) as DOMAIN.md says; `fade` (0..1 per pixel) weakens the ink."""
    w, h = cp.ink.size
    gx = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    c0, c1 = np.array((178, 208, 226), np.float32), np.array((222, 234, 238), np.float32)
    ground = np.asarray(c0 + (c1 - c0) * gx, np.float32) * np.ones((h, 1, 1), np.float32)
    waves = Image.new("L", (w, h), 0)
    dw = ImageDraw.Draw(waves)
    for k in range(22):
        amp, period, phase = rng.uniform(10, 40), rng.uniform(140, 420), rng.uniform(0, 6.3)
        base = h * k / 22
        dw.line(
            [(x, base + amp * math.sin(2 * math.pi * x / period + phase)) for x in range(0, w, 6)],
            fill=255,
            width=2,
        )
    dw.ellipse((520, 300, 920, 700), outline=255, width=3)
    ground -= 14 * (np.asarray(waves, np.float32) / 255.0)[..., None]
    x0, y0, x1, y1 = cp.photo
    bg = (200, 45, 45) if p.birth_date.year % 2 else (40, 90, 190)
    ground[y0:y1, x0:x1] = bg
    sil = Image.new("L", (x1 - x0, y1 - y0), 0)
    ds = ImageDraw.Draw(sil)
    pw, ph = x1 - x0, y1 - y0
    ds.ellipse((pw * 0.28, ph * 0.12, pw * 0.72, ph * 0.52), fill=255)
    ds.rounded_rectangle((pw * 0.12, ph * 0.58, pw * 0.88, ph + 30), radius=60, fill=255)
    s = np.asarray(sil, np.float32)[..., None] / 255.0
    ground[y0:y1, x0:x1] = ground[y0:y1, x0:x1] * (1 - s) + np.array((70, 62, 60), np.float32) * s
    ink = 1 - np.asarray(cp.ink, np.float32) / 255.0
    if fade is not None:
        ink = ink * fade
    return np.asarray(
        ground * (1 - ink[..., None]) + np.array((22, 24, 34), np.float32) * ink[..., None], np.float32
    )


def _card_alpha(w: int, h: int) -> Grey:
    from tools.docgen.photographed import _rounded_mask  # here: it imports the variety set itself

    return _rounded_mask(w, h)


# --- KTP-el: a faded, scratched old card photographed --------------------------------------------------------


def ktp_pudar_tergores(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """An old card whose print has faded unevenly and whose laminate is scratched, photographed on a table."""
    cp = _card_print(family, p, rng)
    w, h = cp.ink.size
    fade = 0.5 + 0.35 * _smooth(rng, (w, h), (rng.randint(4, 8), rng.randint(3, 5)))
    for y in cp.rows:  # some lines paler than others: the print head's heat
        if rng.random() < 0.35:
            fade[int(y) : int(y) + 40, :] *= rng.uniform(0.8, 0.92)
    rgb = _card_rgb(cp, p, rng, np.asarray(fade, np.float32))
    lines = Image.new("L", (w, h), 0)
    dl = ImageDraw.Draw(lines)
    for _ in range(rng.randint(25, 60)):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        a, ln = rng.uniform(0, math.pi), rng.uniform(60, 500)
        dl.line(
            (x, y, x + ln * math.cos(a), y + ln * math.sin(a)),
            fill=rng.randint(90, 200),
            width=rng.choice((1, 1, 2)),
        )
    scratch = np.asarray(lines.filter(ImageFilter.GaussianBlur(0.6)), np.float32)[..., None] / 255.0
    rgb = np.asarray(rgb + (255 - rgb) * 0.45 * scratch, np.float32)
    rgb = np.asarray(rgb * 0.94 + 255 * 0.06, np.float32)  # the worn laminate's haze
    frame = rng.choice(((2000, 1500), (2200, 1650)))
    img, quad = _on_table(rgb, _card_alpha(w, h), rng, frame, (0.8, 0.88))
    fh, fw = img.shape[:2]
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    c = quad.mean(axis=0) + (quad[1] - quad[0]) * rng.uniform(-0.3, 0.3)
    glare = rng.uniform(0.12, 0.25) * np.exp(
        -(((xx - c[0]) / (0.18 * fw)) ** 2 + ((yy - c[1]) / (0.1 * fh)) ** 2)
    )
    img += (255 - img) * glare[..., None]
    photo = _camera(img, rng, (0.6, 1.0), (68, 85))
    truth = _issued_card_truth(family, p, cp.place)
    return RenderedDocument("ktp", photo, truth, layout="ktp-pudar-tergores")


# --- KTP-el: the card lying on the family's KK, photographed -------------------------------------------------


def ktp_di_atas_kk(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card on top of the KK: the KK's header and table around and under it; the truth is the card's."""
    sheet = _kk_sheet(family, rng, 26, electronic=rng.random() < 0.5)
    kk = sheet.page.img
    k = rng.uniform(1.45, 1.7)  # the KK's pixels per card pixel: a card is 85.6 mm, the folio KK 330 mm
    fw, fh = 2600, 1950
    cw, ch = int(fw / k), int(fh / k)
    cx0 = rng.randint(0, max(0, int(kk.width * 0.35)))
    cy0 = rng.randint(0, max(0, min(140, kk.height - ch)))
    paper = Image.new("L", (max(kk.width, cx0 + cw), max(kk.height, cy0 + ch)), 255)
    paper.paste(kk, (0, 0))
    crop = paper.crop((cx0, cy0, cx0 + cw, cy0 + ch)).resize((fw, fh), Image.Resampling.BICUBIC)
    scene = _on_paper(crop, rng.choice(_PAPERS))
    cp = _card_print(family, p, rng)
    card = _card_rgb(cp, p, rng, None)
    alpha = _card_alpha(card.shape[1], card.shape[0])
    scale = rng.uniform(0.88, 0.96)
    angle = rng.uniform(-10, 10)
    cw2, ch2 = card.shape[1] * scale, card.shape[0] * scale
    span = abs(cw2 * math.cos(math.radians(angle))) + abs(ch2 * math.sin(math.radians(angle)))
    span_h = abs(cw2 * math.sin(math.radians(angle))) + abs(ch2 * math.cos(math.radians(angle)))
    px = rng.uniform(span / 2 + 130, fw - span / 2 - 130)
    py = rng.uniform(max(span_h / 2 + 130, fh - span_h / 2 - 300), fh - span_h / 2 - 130)
    m = cv2.getRotationMatrix2D((card.shape[1] / 2, card.shape[0] / 2), angle, scale)
    m[:, 2] += (px - card.shape[1] / 2, py - card.shape[0] / 2)
    warped = np.asarray(cv2.warpAffine(card, m, (fw, fh), flags=cv2.INTER_LINEAR), np.float32)
    mask = np.asarray(cv2.warpAffine(alpha, m, (fw, fh), flags=cv2.INTER_LINEAR), np.float32)
    shadow = np.roll(cv2.GaussianBlur(mask, (0, 0), 7), (rng.randint(5, 12), rng.randint(5, 12)), (0, 1))
    scene *= (1 - 0.4 * shadow)[..., None]
    scene = np.asarray(scene * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    j = 0.035
    src = np.array([[0, 0], [fw, 0], [fw, fh], [0, fh]], np.float32)
    dst = src + np.array([[rng.uniform(-j, j) * fw, rng.uniform(-j, j) * fh] for _ in range(4)], np.float32)
    pm = cv2.getPerspectiveTransform(src, dst)
    img = np.asarray(
        cv2.warpPerspective(scene, pm, (fw, fh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT),
        np.float32,
    )
    _light(img, rng, (0.05, 0.2))
    photo = _camera(img, rng, (0.5, 0.9), (70, 88))
    return RenderedDocument("ktp", photo, _issued_card_truth(family, p, cp.place), layout="ktp-di-atas-kk")


# --- SKPWNI: the sheet (both SKPWNI layouts) ---------------------------------------------------------------

_STATUS_STAY = (
    "NUMPANG KK",
    "MEMBUAT KK BARU",
    "NOMOR KK TETAP",
    "TIDAK ADA ANGGOTA KELUARGA YANG DITINGGAL",
)
_STATUS_MOVE = ("NUMPANG KK", "MEMBUAT KK BARU", "NOMOR KK TETAP")


class SkpwniSheet:
    def __init__(self, page: Page, movers: list[Person]) -> None:
        self.page, self.movers = page, movers


def _skpwni_sheet(
    origin: Family, dest: Family, p: Person, rng: random.Random, mv: Move, number: str, lettered: bool
) -> SkpwniSheet:
    """The Dinas's certificate: F-1.03 with the lettered region grid (`lettered`) or sections of label lines."""
    w = 2050
    size = rng.choice((28, 29, 30))
    pg = Page(w, 3300, rng.choice(("sans", "serif", "condensed", "serif-condensed")), rng, paper=255)
    pg.centre(60, "PEMERINTAH " + _region(origin.regency_code), 36)
    pg.centre(112, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 36)
    pg.d.line((90, 170, w - 90, 170), fill=0, width=5)
    pg.d.line((90, 178, w - 90, 178), fill=0, width=2)
    if lettered:
        pg.d.rectangle((w - 300, 200, w - 100, 250), outline=0, width=2)
        pg.text(w - 270, 208, "F-1.03", 28, bold=True)
    title = _pick(rng, "SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA")
    pg.centre(270, title, 40)
    pg.centre(330, "Nomor : " + number, 30, bold=False)
    cls = MOVE_CLASSES.index(move_class(origin, dest))
    movers = _movers(origin, p, mv.kind)
    lx = 110
    colon = lx + rng.randint(600, 660)
    vx = colon + 26
    gap = int(size * 1.75)
    y = 420

    def head(text: str) -> None:
        nonlocal y
        pg.text(lx, y, text, size + 2, bold=True)
        y += gap + 8

    def row(label: str, value: str, indent: int = 0) -> None:
        nonlocal y
        pg.text(lx + indent, y, label, size)
        pg.text(colon, y, ":", size)
        _fitted(pg, vx, y, value, size, w - 90)
        y += gap

    def pair(items: Sequence[tuple[str, str]], xs: Sequence[int]) -> None:
        nonlocal y
        for (label, value), x in zip(items, xs, strict=True):
            end = pg.text(x, y, label, size)
            pg.text(end + 10, y, ":", size)
            pg.text(end + 10 + size * 0.8, y, value, size)
        y += gap

    def region_grid(f: Family) -> None:
        nonlocal y
        mid = w // 2 + 30
        c_left = (
            lx
            + 60
            + max(pg.d.textlength(t, font=pg.font(size)) for t in ("a. Desa/Kelurahan", "b. Kecamatan"))
            + 14
        )
        c_right = (
            mid + max(pg.d.textlength(t, font=pg.font(size)) for t in ("c. Kab/Kota", "d. Provinsi")) + 14
        )
        for (la, va), (lb, vb) in (
            (("a. Desa/Kelurahan", _region(f.village_code)), ("c. Kab/Kota", _region(f.regency_code))),
            (("b. Kecamatan", _region(f.district_code)), ("d. Provinsi", _region(f.province_code))),
        ):
            pg.text(lx + 60, y, la, size)
            pg.text(c_left, y, ":", size)
            _fitted(pg, c_left + 24, y, va, size, mid - 20)
            pg.text(mid, y, lb, size)
            pg.text(c_right, y, ":", size)
            _fitted(pg, c_right + 24, y, vb, size, w - 80)
            y += gap

    def address(f: Family, label: str) -> None:
        row(label, f.address)
        if lettered:
            pair([("RT", f.rt), ("RW", f.rw)], [lx + 60, lx + 360])
            region_grid(f)
        else:
            if rng.random() < 0.5:
                row("RT/RW", f"{f.rt}/{f.rw}", 40)
            else:
                pair([("RT", f.rt), ("RW", f.rw)], [lx + 40, lx + 340])
            row(_pick(rng, "Desa/Kelurahan", "Kelurahan/Desa"), _region(f.village_code), 40)
            row("Kecamatan", _region(f.district_code), 40)
            row("Kabupaten/Kota", _region(f.regency_code), 40)
            row("Provinsi", _region(f.province_code), 40)
        pair([("Kode Pos", f.postal_code), ("Telepon", "-")], [lx + (60 if lettered else 40), lx + 560])

    fmt = rng.choice(("dmy-dash", "dmy-slash", "long-title", "long"))
    stay = _STATUS_STAY[3 if mv.kind == 1 else rng.randrange(3)]
    go = rng.choice(_STATUS_MOVE)
    if lettered:
        head("DATA DAERAH ASAL")
        row("1. Nomor Kartu Keluarga", origin.kk_number)
        row("2. Nama Kepala Keluarga", origin.head.name)
        address(origin, "3. Alamat")
        row("4. NIK Pemohon", p.nik)
        row("5. Nama Lengkap", p.name)
        y += 10
        head("DATA KEPINDAHAN")
        row("1. Alasan Pindah", _choice_text("reason", mv.reason, rng))
        address(dest, "2. Alamat Tujuan Pindah")
        row("3. Klasifikasi Pindah", _choice_text("class", cls, rng))
        row("4. Jenis Kepindahan", _choice_text("type", mv.kind, rng))
        row("5. Status No. KK Bagi Yang Tidak Pindah", stay)
        row("6. Status No. KK Bagi Yang Pindah", go)
        row("7. Rencana Tanggal Pindah", _date(mv.day, fmt))
        pg.text(lx, y, "8. Keluarga Yang Pindah", size)
        y += gap
    else:
        head(_pick(rng, "DATA PEMOHON", "IDENTITAS PEMOHON"))
        row("NIK", p.nik)
        row("Nama Lengkap", p.name)
        row("Nomor KK", origin.kk_number)
        row("Nama Kepala Keluarga", origin.head.name)
        head(_pick(rng, "DATA DAERAH ASAL", "ALAMAT ASAL"))
        address(origin, "Alamat")
        head("DATA KEPINDAHAN")
        row("Alasan Pindah", _choice_text("reason", mv.reason, rng))
        row("Klasifikasi Pindah", _choice_text("class", cls, rng))
        row("Jenis Kepindahan", _choice_text("type", mv.kind, rng))
        row("Tanggal Pindah", _date(mv.day, fmt))
        head(_pick(rng, "DATA DAERAH TUJUAN", "ALAMAT TUJUAN"))
        address(dest, "Alamat")
    if lettered:
        cols = [(lx + 40, "No"), (lx + 140, "NIK"), (lx + 620, "Nama Lengkap"), (lx + 1360, "SHDK")]
        pg.d.rectangle((lx + 30, y, w - 110, y + gap), outline=0, width=2)
        for x, t in cols:
            pg.text(x + 10, y + 6, t, size - 2, bold=True)
        y += gap
        for i, m in enumerate(movers):
            pg.d.rectangle((lx + 30, y, w - 110, y + gap), outline=0, width=1)
            for (x, _), t in zip(cols, (str(i + 1), m.nik, m.name, m.relationship), strict=True):
                _fitted(pg, x + 10, y + 6, t, size - 2, x + 700 if x > lx + 600 else x + 480)
            y += gap
        for x, _ in cols[1:]:
            pg.d.line((x, y - gap * (len(movers) + 1), x, y), fill=0, width=1)
        y += 40
    sx = w - 820
    pg.text(sx, y + 30, f"{_issue_place(origin).title()}, {_date(origin.issue_date, 'long-title')}", size - 2)
    pg.text(sx, y + 30 + size + 6, "Kepala Dinas Kependudukan dan", size - 2)
    pg.text(sx, y + 30 + 2 * (size + 6), "Pencatatan Sipil", size - 2)
    pg.signature(sx + 60, y + 160, 320, 80)
    pg.stamp(sx + 10, y + 190, 110, "DUKCAPIL|" + _issue_place(origin)[:12])
    pg.text(sx, y + 290, rng.choice(_OFFICIALS), size - 2, bold=True)
    pg.text(sx, y + 290 + size + 6, "NIP. " + _nip(rng), size - 2)
    pg.img = pg.img.crop((0, 0, w, min(3300, int(y + 400))))
    pg.d = ImageDraw.Draw(pg.img)
    return SkpwniSheet(pg, movers)


# --- SKPWNI: F-1.03 photographed at a desk under a warm lamp -------------------------------------------------


def skpwni_lampu_meja(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """F-1.03 with the lettered region grid, a "diterima" note, photographed under a warm desk lamp."""
    mv = _move(rng, origin)
    number = _skpwni_number(origin, serial)
    sheet = _skpwni_sheet(origin, dest, p, rng, mv, number, lettered=True)
    pg = sheet.page
    rgb = _on_paper(pg.img, rng.choice(_PAPERS))
    mask, d = _ink_mask(pg.img.size)
    got = _after(origin.issue_date, rng, 1, 20)
    _scribble(d, 120, 200, f"{_pick(rng, 'Diterima', 'Terima', 'Masuk')} {got.day}/{got.month}", 40, rng)
    _paraf(d, 470, 230, 80, rng)
    _pen_ink(rgb, mask, rng)
    img, _ = _on_table(rgb, np.ones(rgb.shape[:2], np.float32), rng, (2448, 3264), (0.88, 0.94))
    fh, fw = img.shape[:2]
    warm = np.array((1.0, rng.uniform(0.86, 0.92), rng.uniform(0.66, 0.76)), np.float32)
    img *= warm
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    hx, hy = rng.uniform(0.2, 0.8) * fw, rng.uniform(0.1, 0.5) * fh
    spot = np.exp(-(((xx - hx) ** 2 + (yy - hy) ** 2) / (2 * (0.35 * fw) ** 2)))
    img *= (0.75 + 0.35 * spot)[..., None]
    _phone_shadow(img, rng, (0.25, 0.4))
    photo = _camera(img, rng, (0.6, 1.1), (68, 84))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", photo, truth, layout="skpwni-lampu-meja")


# --- SKPWNI: the back page showing through a duplex print, scanned ------------------------------------------


def _back_page(origin: Family, sheet: SkpwniSheet, rng: random.Random) -> Image.Image:
    """Page 2 of the certificate: the family moving, the origin's officials' signatures, the page number."""
    w, h = sheet.page.img.size
    pg = Page(w, h, "sans", rng, paper=255)
    pg.text(110, 100, "LAMPIRAN SURAT KETERANGAN PINDAH WNI", 34, bold=True)
    pg.text(110, 160, "DAFTAR ANGGOTA KELUARGA YANG PINDAH", 30)
    y = 240
    for i, m in enumerate(sheet.movers + origin.members[:3]):
        pg.text(130, y, f"{i + 1}.", 30)
        pg.text(200, y, m.nik, 30)
        pg.text(700, y, m.name, 30, max_x=1500)
        pg.text(1520, y, m.relationship, 30, max_x=w - 80)
        pg.d.line((110, y + 46, w - 110, y + 46), fill=0, width=1)
        y += 60
    y += 100
    for x, t in ((150, "Pemohon,"), (800, "Camat,"), (1400, "Lurah/Kepala Desa,")):
        pg.text(x, y, t, 30)
        pg.signature(x + 20, y + 70, 260, 70)
        pg.text(x, y + 190, rng.choice(_OFFICIALS)[:22], 28, bold=True)
    pg.text(w / 2 - 100, h - 120, "Halaman 2 dari 2", 28)
    return pg.img


def skpwni_tembus_balik(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The certificate's front, its back page showing through mirrored, scanned."""
    mv = _move(rng, origin)
    number = _skpwni_number(origin, serial)
    sheet = _skpwni_sheet(origin, dest, p, rng, mv, number, lettered=False)
    front = np.asarray(sheet.page.img, np.float32)
    back = _back_page(origin, sheet, rng).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    back = back.filter(ImageFilter.GaussianBlur(rng.uniform(1.6, 2.8)))
    dx, dy = rng.randint(-30, 30), rng.randint(-30, 30)
    back_arr = np.roll(np.asarray(back, np.float32), (dy, dx), (0, 1))
    through = rng.uniform(0.14, 0.24) * (1 - back_arr / 255.0)
    merged = front * (1 - through)
    page = Image.fromarray(np.clip(merged, 0, 255).astype(np.uint8), "L")
    grey = rng.random() < 0.5
    if not grey:
        page = _to_image(_on_paper(page, rng.choice(_PAPERS)))
    scan = _flatbed(page, rng, grey=grey, contrast=(45, 80), most=1.6)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", scan, truth, layout="skpwni-tembus-balik")


ROUND18: dict[str, dict[str, Callable[..., RenderedDocument]]] = {
    "kk": {"kk-map-plastik": kk_map_plastik, "kk-cetak-perkecil": kk_cetak_perkecil},
    "akta": {"akta-baris-berpasangan": akta_baris_berpasangan, "akta-frasa-centang": akta_frasa_centang},
    "ktp": {"ktp-pudar-tergores": ktp_pudar_tergores, "ktp-di-atas-kk": ktp_di_atas_kk},
    "skpwni": {"skpwni-lampu-meja": skpwni_lampu_meja, "skpwni-tembus-balik": skpwni_tembus_balik},
}
