"""A sixth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type, each a kind of page residents really upload that the 41 older layouts do not cover:

- KK, `kk-pdf-tte`: the electronic KK as residents DOWNLOAD it: a one-page PDF (A4 landscape) whose text is
  drawn as text in the PDF's standard Helvetica (no older layout is a PDF or uses that face), the member
  tables at 7 points, long cells squeezed sideways to fit their column as report engines do, a vector QR code
  and the TTE footnote naming the certificate authority (BSrE). `RenderedDocument.upload` holds the PDF;
  `image` is that PDF rendered by pdfium at 200 dpi.
- KK, `kk-kolase-dua-foto`: a paper KK too wide for one sharp photo, PHOTOGRAPHED IN TWO OVERLAPPING HALVES
  (left and right, each its own tilt and light) and joined by a phone's collage app, one above the other
  with a white gutter, saved as one JPEG: the middle columns appear twice. Printed in Computer Modern Roman.
- Akta kelahiran, `akta-tulisan-tangan`: a pre-printed Kutipan form (letterpress serif, dotted blanks) whose
  values an officer WROTE BY HAND in block capitals with a ballpoint: every letter its own slant, size and
  pressure, the baseline wandering, the words running over the dots; yellowed paper with a fold.
- Akta kelahiran, `akta-malam-kuning`: a bilingual Kutipan whose values stand UNDER their labels (not beside
  them) in MIXED CASE ("Budi Santoso", "Laki-laki", "17 Agustus 1990"), PHOTOGRAPHED AT NIGHT under a
  tungsten lamp: a strong yellow cast, dim, a hot spot under the lamp, high-ISO colour noise smeared by the
  phone's noise reduction.
- KTP-el, `ktp-ikd-gelap`: a SCREENSHOT of the digital ID (IKD) app in DARK THEME: 1080x2400 PNG, the phone's
  status bar, light text on dark rounded panels, labels in title case above their values, the data split
  into sections, a bottom navigation bar.
- KTP-el, `ktp-scanner-app`: the card "scanned" by a phone document-scanner app in its black-and-white mode:
  the app's crop leaves a little keystone and a sliver of the table, and its adaptive threshold turns the
  card's security print into specks and the photo into a blot; a JPEG at the app's output size.
- SKPWNI, `skpwni-kotak-huruf`: the certificate typed on a form with ONE BOX PER CHARACTER (comb fields):
  every value, the NIK and the number included, letter by letter in boxes, long values carried onto the
  next row of boxes, RT/RW and the postal code in short box groups, dates in day/month/year box groups.
- SKPWNI, `skpwni-tabel-uraian`: every item in one three-column ruled table (No / Uraian / Keterangan), the
  sections as shaded rows spanning the table, the members moving along in a second table; PRINTED ON A HOME
  INKJET with clogged nozzles (light horizontal streaks through the letters) and scanned at 150 dpi to JPEG.

Fonts: PDF Helvetica, matplotlib's Computer Modern Roman, Bold and Italic, STIX Italic, DejaVu Sans Condensed
Oblique and Pillow's Aileron: faces no older layout prints its page in (Aileron only the round-5 card).
Ground truths are normalised as the older layouts' are (the same keys per type); what a page prints in mixed
case is upper case in its truth, as the extractor normalises. Nothing in `ektp.ocr` may know these layouts.
"""

from __future__ import annotations

import importlib.util
import io
import random
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tools.docgen.render import (
    FONT_DIR,
    MONTHS,
    Font,
    RenderedDocument,
    _member_cells,
    _region,
    _sex,
    akta_number,
)
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
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
    format_date,
    move_class,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round4 import (
    _T1,
    _T2,
    Column,
    _column_xs,
    _curl_and_fold,
    _finish,
    _light,
    _paper_rgb,
    _tilted_quad,
    _warp_into,
)
from tools.docgen.variety_round5 import _form_table, _jpeg, _movers
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
    "cmr": _MPL_FONTS / "cmr10.ttf",
    "cmb": _MPL_FONTS / "cmb10.ttf",
    "cmti": _MPL_FONTS / "cmti10.ttf",
    "stix-italic": _MPL_FONTS / "STIXGeneralItalic.ttf",
    "stix-bold": _MPL_FONTS / "STIXGeneralBol.ttf",
    "cond-oblique": FONT_DIR / "DejaVuSansCondensed-Oblique.ttf",
}


@lru_cache(maxsize=128)
def face6(name: str, size: int) -> Font:
    """A face by short name; "aileron" (and any face missing here) is Pillow's built-in scalable face."""
    path = _FACES.get(name)
    if path is not None and path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


class Page6(Page):
    """A Page printed in faces of its own: (regular, bold) short names for `face6`."""

    def __init__(self, w: int, h: int, faces: tuple[str, str], rng: random.Random, paper: int = 250) -> None:
        super().__init__(w, h, "sans", rng, paper)
        self.faces = faces

    def font(self, size: int, bold: bool = False) -> Font:
        return face6(self.faces[int(bold)], size)


def _decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _noise(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(1 << 30))


# --- KK: the electronic KK as a downloaded PDF ---------------------------------------------------------------

_PT_W, _PT_H = 842.0, 595.0  # A4 landscape in points
_PDF_DPI = 200


class PdfCanvas:
    """One PDF page drawn with the standard Helvetica faces: text, rules and filled boxes, y from the top."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self._measure = ImageFont.load_default(100)  # Aileron: Helvetica's proportions, to fit cells

    def width(self, text: str, size: float) -> float:
        # Aileron runs a little wider than Helvetica: measured with it, a fitted text never overruns.
        return float(self._measure.getlength(text)) * size / 100

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False, max_w: float = 0) -> float:
        """`text` with its top at y; squeezed sideways (Tz) when wider than `max_w`; the x after it."""
        w = self.width(text, size)
        squeeze = 100.0 if not max_w or w <= max_w else max(55.0, 100 * max_w / w)
        safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        base = _PT_H - y - 0.78 * size
        self.ops.append(
            f"BT /{'F2' if bold else 'F1'} {size:.2f} Tf {squeeze:.1f} Tz {x:.2f} {base:.2f} Td ({safe}) Tj ET"
        )
        return x + w * squeeze / 100

    def centre(
        self, y: float, text: str, size: float, bold: bool = False, x0: float = 0, x1: float = _PT_W
    ) -> None:
        self.text((x0 + x1 - self.width(text, size)) / 2, y, text, size, bold)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        self.ops.append(f"{width:.2f} w {x0:.2f} {_PT_H - y0:.2f} m {x1:.2f} {_PT_H - y1:.2f} l S")

    def box(self, x: float, y: float, w: float, h: float, grey: float = 0.0) -> None:
        self.ops.append(f"{grey:.2f} g {x:.2f} {_PT_H - y - h:.2f} {w:.2f} {h:.2f} re f 0 g")

    def pdf(self) -> bytes:
        """The page as a PDF 1.4 file: catalog, pages, page, content stream and the two base-14 fonts."""
        stream = "\n".join(self.ops).encode("latin-1")
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PT_W:.0f} {_PT_H:.0f}] /Contents 4 0 R "
                "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"
            ).encode(),
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        ]
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def _pdf_qr(c: PdfCanvas, x: float, y: float, size: float, rng: random.Random) -> None:
    """A QR-like block drawn as vector modules: finder squares and random modules."""
    n = 29
    m = size / n
    finders = ((0, 0), (n - 7, 0), (0, n - 7))

    def in_finder(i: int, j: int) -> bool:
        return any(fx - 1 <= i <= fx + 7 and fy - 1 <= j <= fy + 7 for fx, fy in finders)

    for i in range(n):
        for j in range(n):
            if not in_finder(i, j) and rng.random() < 0.5:
                c.box(x + i * m, y + j * m, m, m)
    for fx, fy in finders:
        c.box(x + fx * m, y + fy * m, 7 * m, 7 * m)
        c.box(x + (fx + 1) * m, y + (fy + 1) * m, 5 * m, 5 * m, grey=1.0)
        c.box(x + (fx + 2) * m, y + (fy + 2) * m, 3 * m, 3 * m)


def _pdf_table(c: PdfCanvas, y0: float, columns: Sequence[Column], rows: list[Cells], size: float) -> float:
    """A ruled member table across the page; titles on up to two lines; the y under it."""
    x0, x1, pad = 24.0, _PT_W - 24, 2.5
    need = []
    for title, key in columns:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        widest = max([c.width(t, size) for t in texts] + [c.width(t, size - 0.5) for t in title.split("\n")])
        need.append(widest + 2 * pad)
    # A report engine's fixed column widths: a share of the spare room, the long cells squeezed to fit.
    total = sum(need)
    widths = [w * (x1 - x0) / total for w in need]
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    head_h, row_h = 2 * size + 6, size + 5
    c.box(x0, y0, x1 - x0, head_h, grey=0.85)
    y_end = y0 + head_h + row_h * len(rows)
    for x in xs:
        c.line(x, y0, x, y_end)
    for y in (y0, y0 + head_h, y_end):
        c.line(x0, y, x1, y)
    for i, (title, key) in enumerate(columns):
        lines = title.split("\n")
        for j, line in enumerate(lines):
            top = y0 + 3 + (head_h - 6 - len(lines) * size) / 2 + j * size
            c.centre(top, line, size - 0.5, bold=True, x0=xs[i], x1=xs[i + 1])
        for r, cells in enumerate(rows):
            y = y0 + head_h + r * row_h + 2.5
            if i == 0:
                c.line(x0, y - 2.5 + row_h, x1, y - 2.5 + row_h, width=0.3)
            text = str(r + 1) if key == "No" else cells[key][0]
            c.text(xs[i] + pad, y, text, size, max_w=xs[i + 1] - xs[i] - 2 * pad)
    return y_end


def _render_pdf(data: bytes, dpi: int) -> Image.Image:
    """The PDF's first page as pdfium draws it, in grey."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        page: Image.Image = doc[0].render(scale=dpi / 72, grayscale=True).to_pil()
        return page.convert("L")
    finally:
        doc.close()


def kk_pdf_tte(family: Family, rng: random.Random) -> RenderedDocument:
    """The e-KK as a downloaded one-page PDF: vector text in Helvetica, the TTE footnote and a QR code."""
    c = PdfCanvas()
    _pdf_qr(c, 30, 24, 58, rng)
    c.centre(26, "KARTU KELUARGA", 16, bold=True)
    c.centre(48, "No. " + family.kk_number, 12, bold=True)
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
        x, colon, right = (40, 150, 420) if i < 4 else (480, 570, 818)
        y = 92 + (i % 4) * 12.5
        c.text(x, y, label, 8.5)
        c.text(colon, y, ":", 8.5)
        c.text(colon + 7, y, value, 8.5, max_w=right - colon - 7)
    rows = [_member_cells(m) for m in family.members]
    y = _pdf_table(c, 150, _T1, rows, 7)
    y = _pdf_table(c, y + 12, _T2, rows, 7)
    c.text(40, y + 14, "Dikeluarkan Tanggal : " + format_date(family.issue_date, "dmy-dash"), 8.5)
    place = _region(family.regency_code)
    c.text(560, y + 14, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 7.5, bold=True, max_w=260)
    c.text(560, y + 24, place, 7.5, bold=True, max_w=260)
    _pdf_qr(c, 560, y + 36, 46, rng)
    c.text(612, y + 44, "Ditandatangani secara elektronik oleh", 7)
    c.text(612, y + 54, rng.choice(_OFFICIALS), 7.5, bold=True)
    c.text(612, y + 64, "NIP. " + _nip(rng), 7)
    foot = (
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan "
        "oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara."
    )
    c.line(24, _PT_H - 34, _PT_W - 24, _PT_H - 34, width=0.4)
    c.text(24, _PT_H - 30, foot, 6, max_w=_PT_W - 48)
    c.text(24, _PT_H - 21, "Tanggal cetak: " + format_date(family.issue_date, "dmy-slash"), 6)
    data = c.pdf()
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    doc = RenderedDocument("kk", _render_pdf(data, _PDF_DPI), _kk_truth(family), members, layout="kk-pdf-tte")
    doc.upload = data
    return doc


# --- KK photographed in two overlapping halves and joined by a collage app ------------------------------------


def _kk_paper(family: Family, rng: random.Random) -> tuple[Image.Image, list[Cells]]:
    """The post-2018 KK as printed in Computer Modern Roman: header, two member tables, signatures."""
    n = len(family.members)
    pg = Page6(3000, 1150 + 2 * 46 * n, ("cmr", "cmb"), rng)
    pg.qr(90, 40, 190)
    pg.centre(50, "KARTU KELUARGA", 60, bold=True)
    pg.centre(130, "No. " + family.kk_number, 44, bold=True)
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
        x, colon, top = (100, 480, 260 + i * 50) if i < 4 else (1700, 2000, 260 + (i - 4) * 50)
        pg.kv(x, top, label, value, colon, 30, 1600 if i < 4 else 2920)
    rows = [_member_cells(m) for m in family.members]
    xs1 = _column_xs(pg, 60, 2880, _T1, rows, 23)
    y = _form_table(pg, pg, xs1, 490, _T1, rows, 23)
    xs2 = _column_xs(pg, 60, 2880, _T2, rows, 23)
    y = _form_table(pg, pg, xs2, y + 50, _T2, rows, 23)
    pg.kv(100, y + 50, "Dikeluarkan Tanggal", format_date(family.issue_date, "dmy-dash"), 480, 30, 1400)
    pg.text(900, y + 50, "KEPALA KELUARGA", 24, bold=True)
    pg.text(900, y + 200, family.head.name, 24, max_x=1700)
    pg.signature(920, y + 100, 300, 80)
    pg.text(2000, y + 50, "KEPALA DINAS KEPENDUDUKAN DAN", 24, bold=True)
    pg.text(2000, y + 85, "PENCATATAN SIPIL", 24, bold=True)
    pg.signature(2050, y + 130, 330, 80)
    pg.stamp(2080, y + 150, 110, "DUKCAPIL|" + _issue_place(family)[:12])
    return pg.img, rows


def _collage(photos: Sequence[Image.Image], width: int, gutter: int, rng: random.Random) -> bytes:
    """A collage app's output: the photos one above the other at one width, white around and between,
    saved as one JPEG."""
    scaled = [p.resize((width, round(p.height * width / p.width)), Image.Resampling.LANCZOS) for p in photos]
    canvas = Image.new(
        "RGB", (width + 2 * gutter, sum(p.height for p in scaled) + gutter * (len(scaled) + 1))
    )
    canvas.paste((255, 255, 255), (0, 0, *canvas.size))
    y = gutter
    for p in scaled:
        canvas.paste(p, (gutter, y))
        y += p.height + gutter
    return _jpeg(canvas, rng.randint(85, 92))


def _half_photo(page: Image.Image, rng: random.Random) -> Image.Image:
    """One half of the sheet photographed close up (it fills most of the frame), on a table, its own tilt,
    light and curl."""
    from tools.docgen.photographed import _table  # here: it imports the variety set itself

    fw, fh = 3264, 2448
    paper = _curl_and_fold(_paper_rgb(page, rng), rng)
    quad = _tilted_quad(page.width, page.height, fw, fh, rng.uniform(0.86, 0.95), rng)
    warped, alpha = _warp_into(paper, np.ones(paper.shape[:2], np.float32), quad, fw, fh)
    img = np.asarray(_table(fw, fh, rng) * (1 - alpha[..., None]) + warped * alpha[..., None], np.float32)
    _light(img, rng, (0.1, 0.3))
    return _finish(img, rng, (0.5, 0.9))


def kk_kolase_dua_foto(family: Family, rng: random.Random) -> RenderedDocument:
    """The paper KK photographed as two overlapping halves, joined one above the other by a collage app."""
    page, rows = _kk_paper(family, rng)
    w = page.width
    overlap = rng.uniform(0.08, 0.16)  # each half runs on past the middle
    left = page.crop((0, 0, round(w * (0.5 + overlap)), page.height))
    right = page.crop((round(w * (0.5 - overlap)), 0, w, page.height))
    photos = [_half_photo(half, rng) for half in (left, right)]
    data = _collage(photos, rng.choice((2448, 2700, 3000)), rng.randint(16, 36), rng)
    members = [{k: v[1] for k, v in r.items()} for r in rows]
    doc = RenderedDocument("kk", _decoded(data), _kk_truth(family), members, layout="kk-kolase-dua-foto")
    doc.upload = data
    return doc


# --- akta: a pre-printed form filled in by hand ------------------------------------------------------------------


class Hand:
    """Block capitals written with a ballpoint: each letter its own slant, size and pressure, the baseline
    wandering, the strokes a little wobbly; drawn on a layer put over the page at `done`."""

    def __init__(self, pg: Page, size: int, rng: random.Random) -> None:
        self.pg, self.size, self.rng = pg, size, rng
        self.layer = Image.new("L", pg.img.size, 255)
        self.slant = rng.uniform(-4, 10)  # this writer's own lean, in degrees

    def write(self, x: float, y: float, text: str) -> float:
        """Write `text` with its top near y; the x after it."""
        cx, drift = x, 0.0
        rise = self.rng.uniform(-0.04, 0.04)  # the line climbs or sinks as the hand moves right
        for ch in text:
            scale = self.rng.uniform(0.9, 1.12)
            f = face6("cond-oblique", max(8, round(self.size * scale)))
            adv = float(f.getlength(ch)) * self.rng.uniform(0.98, 1.15)
            drift = max(-4.0, min(4.0, drift + self.rng.uniform(-1.2, 1.2)))
            if ch != " ":
                box = round(self.size * 2.2)
                glyph = Image.new("L", (box, box), 0)
                ImageDraw.Draw(glyph).text((box * 0.25, box * 0.2), ch, font=f, fill=255, stroke_width=1)
                glyph = glyph.rotate(-self.slant + self.rng.uniform(-6, 6), resample=Image.Resampling.BICUBIC)
                pressure = self.rng.uniform(0.7, 1.0)
                ink = Image.new("L", glyph.size, self.rng.randint(20, 70))
                mask = glyph.point(lambda v, k=pressure: int(v * k))
                top = y + drift + (cx - x) * rise - box * 0.2 + self.size * (1 - scale) * 0.8
                self.layer.paste(ink, (round(cx - box * 0.25), round(top)), mask)
            cx += adv
        return cx

    def done(self) -> None:
        """The hand's wobble (a smooth small displacement) and the ballpoint's soft edge, over the page."""
        w, h = self.layer.size
        nrng = _noise(self.rng)
        grid = (h // 36 + 2, w // 36 + 2)  # a wobble about a letter long
        dx = cv2.resize(nrng.normal(0, 1.8, grid).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        dy = cv2.resize(nrng.normal(0, 1.8, grid).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        xx, yy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
        arr = np.asarray(self.layer, np.uint8)
        moved = cv2.remap(arr, xx + dx, yy + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        self.pg.overlay(Image.fromarray(moved, "L").filter(ImageFilter.GaussianBlur(0.7)))


def _dotted(pg: Page, x0: float, x1: float, y: float) -> None:
    """The form's dotted blank to write on."""
    for x in range(round(x0), round(x1), 9):
        pg.d.ellipse((x, y - 1.5, x + 3, y + 1.5), fill=60)


def _hand_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _aged_paper(pg: Page, rng: random.Random) -> None:
    """Yellowed paper gone grey in the scan: a blotchy tone, a fold crease across, a foxing spot or two."""
    nrng = _noise(rng)
    tone = cv2.resize(
        nrng.normal(0, 1, (6, 5)).astype(np.float32), pg.img.size, interpolation=cv2.INTER_CUBIC
    )
    arr = np.asarray(pg.img, np.float32) * (1 - 0.02 * tone)
    fold = rng.randint(pg.h // 3, 2 * pg.h // 3)
    rows = np.arange(pg.h, dtype=np.float32)[:, None]
    arr *= 1 - 0.12 * np.exp(-(((rows - fold) / 3.0) ** 2))
    for _ in range(rng.randint(1, 3)):
        cx, cy, r = rng.randrange(pg.w), rng.randrange(pg.h), rng.uniform(8, 22)
        yy, xx = np.ogrid[: pg.h, : pg.w]
        arr *= 1 - 0.12 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))
    pg.img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    pg.d = ImageDraw.Draw(pg.img)


def akta_tulisan_tangan(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A pre-printed Kutipan form in a letterpress serif, its blanks filled in by hand in block capitals."""
    pg = Page6(1700, 2400, ("cmr", "cmb"), rng, paper=rng.randint(228, 240))
    pg.d.rectangle((60, 60, 1640, 2340), outline=60, width=4)
    pg.d.rectangle((74, 74, 1626, 2326), outline=90, width=1)
    pg.centre(140, "REPUBLIK INDONESIA", 44, bold=True)
    pg.centre(200, "CATATAN SIPIL", 36, bold=True)
    pg.centre(300, "KUTIPAN AKTA KELAHIRAN", 58, bold=True)
    hand = Hand(pg, rng.randint(44, 50), rng)
    size = hand.size
    number = akta_number(family, p, serial)
    place = _issue_place(family)
    blanks = [
        ("No.", number),
        ("Nomor Induk Kependudukan", p.nik),
        ("Dikutip dari Register Akta Kelahiran, bahwa di", ""),
        ("", p.place_of_birth),
        ("pada tanggal", _hand_date(p.birth_date)),
        ("telah lahir seorang anak", _sex(p)),
        ("yang diberi nama", ""),
        ("", p.name),
        ("anak dari ayah", p.father_name),
        ("dan ibu", p.mother_name),
    ]
    y = 430.0
    for label, value in blanks:
        x = 180.0 if label != "No." else 560.0
        if label:
            x = pg.text(x, y, label, 36) + 24
        if value or not label:
            _dotted(pg, x, 1540, y + 40)
            room = 1540 - x - 20
            need = hand.size * 0.62 * len(value)
            if need > room:  # a long value is written smaller, as a writer squeezes it onto the blank
                hand.size = max(26, int(hand.size * room / need))
            hand.write(x + rng.uniform(6, 30), y - rng.uniform(2, 10), value)
            hand.size = size
        y += 100 if label != "No." else 130
    y += 80
    pg.text(820, y, "Dikeluarkan di", 32)
    _dotted(pg, 1040, 1540, y + 36)
    hand.write(1050, y - 6, place)
    pg.text(820, y + 70, "pada tanggal", 32)
    _dotted(pg, 1040, 1540, y + 106)
    hand.write(1050, y + 64, _hand_date(family.issue_date))
    pg.text(820, y + 150, "Pegawai Luar Biasa Pencatatan Sipil", 30)
    hand.done()
    pg.signature(900, y + 210, 320, 90)
    pg.stamp(880, y + 240, 125, "CATATAN SIPIL|" + place[:14])
    _aged_paper(pg, rng)
    return RenderedDocument("akta", pg.img, _akta_truth(number, p), layout="akta-tulisan-tangan")


# --- akta: values under their labels in mixed case, photographed at night -----------------------------------


def _mixed(text: str) -> str:
    """A value as a certificate printed in mixed case shows it: each word capitalised, a title's
    abbreviation (S.E., H.) and a word of digits left as they are."""
    words = []
    for word in text.split(" "):
        words.append(word if "." in word or any(c.isdigit() for c in word) else word.capitalize())
    return " ".join(words)


def _mixed_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"


def _akta_under(family: Family, p: Person, rng: random.Random, serial: int) -> tuple[Image.Image, str]:
    """The bilingual Kutipan: each label (Indonesian, its English in italics) with its value on the line
    under it, indented, in mixed case."""
    pg = Page6(1700, 2400, ("cmr", "cmb"), rng, paper=252)
    pg.d.rectangle((56, 56, 1644, 2344), outline=80, width=3)
    pg.centre(130, "REPUBLIK INDONESIA", 44, bold=True)
    pg.d.text((850 - pg.d.textlength("Republic of Indonesia", font=face6("cmti", 30)) / 2, 185),
              "Republic of Indonesia", font=face6("cmti", 30), fill=40)  # fmt: skip
    pg.centre(260, "KUTIPAN AKTA KELAHIRAN", 54, bold=True)
    gloss = "Extract of Birth Certificate"
    pg.d.text(
        (850 - pg.d.textlength(gloss, font=face6("cmti", 32)) / 2, 330),
        gloss,
        font=face6("cmti", 32),
        fill=40,
    )
    number = akta_number(family, p, serial)
    items = (
        ("Nomor Induk Kependudukan", "Personal Identification Number", p.nik),
        ("Nomor Akta", "Certificate Number", number),
        ("Nama Lengkap", "Full Name", _mixed(p.name)),
        ("Tempat Lahir", "Place of Birth", _mixed(p.place_of_birth)),
        ("Tanggal Lahir", "Date of Birth", _mixed_date(p.birth_date)),
        ("Jenis Kelamin", "Sex", _mixed(_sex(p))),
        ("Nama Ayah", "Father's Name", _mixed(p.father_name)),
        ("Nama Ibu", "Mother's Name", _mixed(p.mother_name)),
    )
    y = 450.0
    for label, english, value in items:
        x = pg.text(170, y, label, 30, bold=True)
        pg.d.text((x + 12, y + 2), "/ " + english, font=face6("cmti", 28), fill=60)
        pg.text(230, y + 48, value, 42, max_x=1560)
        pg.d.line((230, y + 104, 1560, y + 104), fill=200, width=1)
        y += 150
    place = _mixed(_issue_place(family))
    pg.text(900, y + 60, f"Diterbitkan di {place}", 30)
    pg.text(900, y + 105, f"pada tanggal {_mixed_date(family.issue_date)}", 30)
    pg.text(900, y + 160, "Pejabat Pencatatan Sipil", 30, bold=True)
    pg.signature(940, y + 210, 300, 80)
    pg.stamp(930, y + 240, 120, "DUKCAPIL|" + _issue_place(family)[:12])
    return pg.img, number


def _tungsten_night(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page on a table at night under a tungsten lamp: yellow-orange white balance, dim, a hot spot under
    the lamp, high-ISO luminance and colour noise, the phone's noise reduction smearing it, JPEG."""
    from tools.docgen.photographed import _table

    fw, fh = 2448, 3264
    paper = _paper_rgb(page, rng)
    quad = _tilted_quad(page.width, page.height, fw, fh, rng.uniform(0.78, 0.9), rng)
    warped, alpha = _warp_into(paper, np.ones(paper.shape[:2], np.float32), quad, fw, fh)
    img = np.asarray(_table(fw, fh, rng) * (1 - alpha[..., None]) + warped * alpha[..., None], np.float32)
    cast = np.array((1.0, rng.uniform(0.76, 0.84), rng.uniform(0.42, 0.56)), np.float32)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    lx, ly = rng.uniform(0.1, 0.9) * fw, rng.uniform(-0.2, 0.4) * fh
    spread = rng.uniform(0.45, 0.7) * fh
    lamp = 0.35 + 0.75 * np.exp(-((xx - lx) ** 2 + (yy - ly) ** 2) / (2 * spread**2))
    img *= lamp[..., None] * cast[None, None, :] * rng.uniform(0.62, 0.8)
    nrng = _noise(rng)
    img += nrng.normal(0, rng.uniform(6, 10), (fh, fw, 1)).astype(np.float32)
    chroma = cv2.resize(nrng.normal(0, 10, (fh // 3, fw // 3, 3)).astype(np.float32), (fw, fh))
    img += chroma
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(0.9, 1.4)), np.float32)
    return _decoded(_jpeg(Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB"), rng.randint(72, 85)))


def akta_malam_kuning(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The mixed-case bilingual Kutipan, values under labels, photographed at night under a yellow lamp."""
    page, number = _akta_under(family, p, rng, serial)
    photo = _tungsten_night(page, rng)
    return RenderedDocument("akta", photo, _akta_truth(number, p), layout="akta-malam-kuning")


# --- KTP-el: a screenshot of the digital ID app in dark theme ------------------------------------------------

_Rgb = tuple[int, int, int]


class Screen:
    """A phone screen drawn in RGB with the app's face (Aileron), bold as a stroked regular."""

    def __init__(self, w: int, h: int, background: _Rgb) -> None:
        self.img = Image.new("RGB", (w, h), background)
        self.d = ImageDraw.Draw(self.img)
        self.w, self.h = w, h

    def text(
        self, x: float, y: float, text: str, size: int, fill: _Rgb, bold: bool = False, max_x: float = 0
    ) -> None:
        while max_x and size > 16 and self.d.textlength(text, font=face6("aileron", size)) > max_x - x:
            size -= 1
        f = face6("aileron", size)
        self.d.text((x, y), text, font=f, fill=fill, stroke_width=int(bold), stroke_fill=fill)


def _status_bar(s: Screen, rng: random.Random, fg: _Rgb) -> None:
    """The phone's status bar: the clock, signal bars, Wi-Fi arcs, the battery and its percentage."""
    s.text(44, 26, f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}", 34, fg, bold=True)
    x = s.w - 330
    for i in range(4):  # signal strength
        s.d.rectangle((x + i * 16, 58 - 10 * (i + 1), x + i * 16 + 10, 58), fill=fg)
    for r in (12, 22, 32):  # Wi-Fi
        s.d.arc((x + 100 - r, 60 - r, x + 100 + r, 60 + r), 225, 315, fill=fg, width=5)
    level = rng.randint(15, 98)
    s.d.rounded_rectangle((x + 150, 30, x + 200, 58), radius=5, outline=fg, width=3)
    s.d.rectangle((x + 154, 34, x + 154 + round(42 * level / 100), 54), fill=fg)
    s.text(x + 214, 26, f"{level}%", 30, fg)


def ktp_ikd_gelap(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A 1080x2400 screenshot of the IKD app in dark theme: a card panel with the photo, NIK and name, then
    sections of labels above values, some in two columns."""
    bg, panel, fg, dim = (18, 18, 20), (36, 37, 41), (238, 238, 240), (150, 154, 162)
    accent = rng.choice(((64, 196, 180), (98, 160, 255), (255, 179, 64)))
    s = Screen(1080, 2400, bg)
    _status_bar(s, rng, fg)
    s.d.line((60, 165, 84, 141, 60, 165, 84, 189), fill=fg, width=5)  # the back chevron
    s.text(130, 140, "KTP Elektronik", 44, fg, bold=True)
    card = (40, 250, 1040, 690)
    s.d.rounded_rectangle(card, radius=36, fill=rng.choice(((20, 74, 156), (24, 90, 140))))
    s.d.rounded_rectangle((80, 300, 330, 640), radius=20, fill=(200, 210, 225))
    s.d.ellipse((145, 340, 265, 480), fill=(120, 130, 150))
    s.d.rounded_rectangle((115, 500, 295, 640), radius=30, fill=(120, 130, 150))
    s.text(370, 300, "Identitas Kependudukan Digital", 28, (205, 220, 245))
    s.text(370, 370, "NIK", 28, (205, 220, 245))
    s.text(370, 408, p.nik, 46, (255, 255, 255), bold=True, max_x=1010)
    s.text(370, 500, "Nama", 28, (205, 220, 245))
    s.text(370, 538, p.name, 40, (255, 255, 255), bold=True, max_x=1010)
    place = _issue_place(family)
    born = format_date(p.birth_date, rng.choice(("dmy-dash", "long-title")))
    sections: list[tuple[str, list[list[tuple[str, str]]]]] = [
        (
            "Data Pribadi",
            [
                [("Tempat Lahir", p.place_of_birth), ("Tanggal Lahir", born)],
                [("Jenis Kelamin", _sex(p)), ("Golongan Darah", _blood(p))],
                [("Agama", p.religion), ("Kewarganegaraan", p.citizenship)],
                [("Status Perkawinan", p.marital_status)],
                [("Pekerjaan", p.occupation)],
            ],
        ),
        (
            "Alamat",
            [
                [("Alamat", family.address)],
                [("RT/RW", f"{family.rt}/{family.rw}"), ("Kelurahan/Desa", _region(family.village_code))],
                [("Kecamatan", _region(family.district_code))],
                [("Kabupaten/Kota", _region(family.regency_code))],
                [("Provinsi", _region(family.province_code))],
            ],
        ),
        (
            "Masa Berlaku",
            [
                [
                    ("Dikeluarkan di", place),
                    ("Tanggal Dikeluarkan", format_date(family.issue_date, "dmy-dash")),
                ],
                [("Berlaku Hingga", "SEUMUR HIDUP")],
            ],
        ),
    ]
    y = 740
    for title, lines in sections:
        s.text(60, y, title, 32, accent, bold=True)
        y += 60
        s.d.rounded_rectangle((40, y, 1040, y + 30 + 100 * len(lines)), radius=28, fill=panel)
        y += 24
        for i, pairs in enumerate(lines):
            for j, (label, value) in enumerate(pairs):
                x, right = (80, 1010) if len(pairs) == 1 else (80 + j * 480, 520 + j * 490)
                s.text(x, y, label, 26, dim)
                s.text(x, y + 36, value, 34, fg, bold=True, max_x=right)
            if i < len(lines) - 1:
                s.d.line((80, y + 88, 1000, y + 88), fill=(58, 60, 66), width=2)
            y += 100
        y += 40
    nav = 2400 - 150
    s.d.rectangle((0, nav, 1080, 2400), fill=(28, 28, 31))
    for k, item in enumerate(("Beranda", "Dokumen", "Profil")):
        cx = 180 + k * 360
        colour = accent if k == 1 else dim
        s.d.rounded_rectangle((cx - 26, nav + 26, cx + 26, nav + 70), radius=10, outline=colour, width=4)
        s.text(cx - s.d.textlength(item, font=face6("aileron", 26)) / 2, nav + 84, item, 26, colour)
    s.d.rounded_rectangle((440, 2372, 640, 2382), radius=5, fill=(200, 200, 204))  # the gesture bar
    return RenderedDocument("ktp", s.img, _issued_card_truth(family, p, place), layout="ktp-ikd-gelap")


# --- KTP-el: a phone document-scanner app's black-and-white "scan" -----------------------------------------------


def _app_crop(rgb: Rgb, rng: random.Random, out_w: int) -> Rgb:
    """The app's crop of the card from the photo: its corner detection a little off (some corners inside
    the card, some outside on the table), so the card comes out with a little keystone and a sliver of table."""
    from tools.docgen.photographed import _rounded_mask, _table

    h, w = rgb.shape[:2]
    m = round(0.06 * w)
    scene = _table(w + 2 * m, h + 2 * m, rng)
    alpha = _rounded_mask(w, h)[..., None]
    scene[m : m + h, m : m + w] = rgb * alpha + scene[m : m + h, m : m + w] * (1 - alpha)
    off = 0.025 * w
    src = np.array(
        [[m + rng.uniform(-off, off), m + rng.uniform(-off, off)] for _ in range(4)], np.float32
    ) + np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    out_h = round(out_w * 54 / 85.6)
    dst = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    return np.asarray(cv2.warpPerspective(scene, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR), np.float32)


def ktp_scanner_app(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card photographed and run through a scanner app's B&W filter: a crop with a little keystone, then
    an adaptive threshold (every pixel black or white by its neighbourhood), saved as JPEG."""
    from tools.docgen.photographed import _card_rgb
    from tools.docgen.variety_round3 import _ktp_el_print

    grey, place = _ktp_el_print(family, p, rng)
    rgb = _card_rgb(grey, rng)
    _light(rgb, rng, (0.05, 0.2))  # the room's light on the card as the phone saw it
    small = (round(rgb.shape[1] * 0.8), round(rgb.shape[0] * 0.8))  # the card about 1000 px in the photo
    rgb = np.asarray(
        cv2.resize(cv2.GaussianBlur(rgb, (0, 0), 1.0), small, interpolation=cv2.INTER_AREA), np.float32
    )
    rgb += _noise(rng).normal(0, 3, rgb.shape).astype(np.float32)
    crop = _app_crop(rgb, rng, rng.choice((1500, 1700, 2000)))
    gray = cv2.cvtColor(np.clip(crop, 0, 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
    gray = cv2.GaussianBlur(gray, (0, 0), 0.8)
    block = rng.choice((31, 41, 51, 61))
    bw = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, rng.randint(8, 14)
    )
    data = _jpeg(Image.fromarray(bw, "L").convert("RGB"), rng.randint(80, 90))
    doc = RenderedDocument(
        "ktp", _decoded(data), _issued_card_truth(family, p, place), layout="ktp-scanner-app"
    )
    doc.upload = data
    return doc


# --- SKPWNI: typed on a form with one box per character --------------------------------------------------------

_BOX_W, _BOX_H = 34, 46


def _comb_lines(text: str, boxes: int) -> list[str]:
    """A value laid into rows of `boxes` boxes, carried onto the next row at a space, as a typist does."""
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > boxes:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    lines.append(cur)
    return lines


def _comb(pg: Page, x: float, y: float, text: str, boxes: int) -> None:
    """One row of `boxes` character boxes with `text` typed one letter in each, centred."""
    f = face6("cmb", 30)
    pg.d.rectangle((x, y, x + boxes * _BOX_W, y + _BOX_H), outline=70, width=2)
    for i in range(1, boxes):
        pg.d.line((x + i * _BOX_W, y + 14, x + i * _BOX_W, y + _BOX_H), fill=70, width=1)
    for i, ch in enumerate(text[:boxes]):
        pg.d.text((x + i * _BOX_W + (_BOX_W - pg.d.textlength(ch, font=f)) / 2, y + 8), ch, font=f, fill=0)


class CombForm:
    """The form's rows: a printed label left, its value in rows of character boxes right."""

    def __init__(self, pg: Page, y: float) -> None:
        self.pg, self.y = pg, y
        self.x_box, self.boxes = 620.0, 28

    def head(self, text: str) -> None:
        self.pg.d.rectangle((90, self.y, 1570, self.y + 44), fill=215)
        self.pg.text(104, self.y + 6, text, 28, bold=True)
        self.y += 64

    def row(self, label: str, value: str, indent: int = 0) -> None:
        self.pg.text(110 + indent, self.y + 8, label, 27)
        for line in _comb_lines(value, self.boxes):
            _comb(self.pg, self.x_box, self.y, line, self.boxes)
            self.y += _BOX_H + 10
        self.y += 6

    def groups(self, items: Sequence[tuple[str, str]], indent: int = 0, first_label: str = "") -> None:
        """Short box groups on one row (`Tgl [..] Bln [..] Thn [....]`, `RT [...] RW [...]`)."""
        if first_label:
            self.pg.text(110 + indent, self.y + 8, first_label, 27)
        x = self.x_box
        for label, value in items:
            if label:
                x = self.pg.text(x, self.y + 8, label, 24) + 12
            _comb(self.pg, x, self.y, value, len(value))
            x += len(value) * _BOX_W + 36
        self.y += _BOX_H + 16


def _where(form: CombForm, fam: Family) -> None:
    form.row("Alamat", fam.address, 20)
    form.groups((("RT", fam.rt), ("RW", fam.rw)), 20, "RT / RW")
    form.row("a. Desa/Kelurahan", _region(fam.village_code), 20)
    form.row("b. Kecamatan", _region(fam.district_code), 20)
    form.row("c. Kabupaten/Kota", _region(fam.regency_code), 20)
    form.row("d. Provinsi", _region(fam.province_code), 20)
    form.groups((("", fam.postal_code),), 20, "Kode Pos")


def skpwni_kotak_huruf(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The certificate typed on a comb-field form: every value one character per box."""
    pg = Page6(1654, 2600, ("cmr", "cmb"), rng, paper=rng.randint(244, 252))  # F4 at 200 dpi
    number = _skpwni_number(origin, serial)
    pg.centre(60, "PEMERINTAH " + _region(origin.regency_code), 32, bold=True)
    pg.centre(104, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 32, bold=True)
    pg.d.line((90, 156, pg.w - 90, 156), fill=0, width=4)
    pg.centre(180, "SURAT KETERANGAN PINDAH WNI", 40, bold=True)
    pg.text(1330, 60, "F-1.03", 28, bold=True)
    form = CombForm(pg, 260)
    form.row("Nomor", number)
    form.y += 10
    mv = _move(rng, origin)
    form.head("DATA DAERAH ASAL")
    form.row("1. Nomor Kartu Keluarga", origin.kk_number)
    form.row("2. Nama Kepala Keluarga", origin.head.name)
    _where(form, origin)
    form.row("3. NIK Pemohon", p.nik)
    form.row("4. Nama Lengkap", p.name)
    form.head("DATA KEPINDAHAN")
    form.row("1. Alasan Pindah", MOVE_REASONS[mv.reason])
    form.row("2. Klasifikasi Pindah", move_class(origin, dest))
    form.row("3. Jenis Kepindahan", MOVE_TYPES[mv.kind])
    d = mv.day
    form.groups(
        (("Tgl", f"{d.day:02d}"), ("Bln", f"{d.month:02d}"), ("Thn", f"{d.year:04d}")), 0, "4. Tanggal Pindah"
    )
    form.head("DATA DAERAH TUJUAN")
    _where(form, dest)
    y = form.y + 30
    pg.text(1000, y, f"{_issue_place(origin).title()}, {format_date(origin.issue_date, 'long-title')}", 26)
    pg.text(1000, y + 42, "Kepala Dinas", 26)
    pg.signature(1030, y + 90, 300, 80)
    pg.stamp(1010, y + 110, 110, "DUKCAPIL|" + _issue_place(origin)[:12])
    scan = np.asarray(pg.img, np.float32) + _noise(rng).normal(0, 2.5, (pg.h, pg.w)).astype(np.float32)
    img = Image.fromarray(np.clip(scan, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.5))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", img, truth, layout="skpwni-kotak-huruf")


# --- SKPWNI: one No / Uraian / Keterangan table, printed on a streaky inkjet ---------------------------------


class AileronPage(Page6):
    """A page printed in Aileron; its bold a stroked regular, as an office's Helvetica-like print."""

    def __init__(self, w: int, h: int, rng: random.Random) -> None:
        super().__init__(w, h, ("aileron", "aileron"), rng)

    def text(self, x: float, y: float, text: str, size: int, bold: bool = False, max_x: float = 0) -> float:
        f = self.fit(text, size, max_x - x, bold) if max_x else self.font(size, bold)
        self.d.text((x, y), text, font=f, fill=0, stroke_width=int(bold), stroke_fill=0)
        return x + self.d.textlength(text, font=f)


def _inkjet_and_scan(page: Image.Image, rng: random.Random) -> bytes:
    """A home inkjet with clogged nozzles (thin light streaks at the print head's pitch, a paler band where
    a nozzle group fails), then a 150 dpi grey scan saved as JPEG."""
    ink = 255 - np.asarray(page, np.float32)
    h = ink.shape[0]
    rows = np.ones(h, np.float32)
    pitch = rng.uniform(10, 16)
    for k in np.arange(rng.uniform(0, pitch), h, pitch):
        rows[int(k) : int(k) + rng.randint(1, 2)] = rng.uniform(0.35, 0.6)
    for _ in range(rng.randint(1, 3)):
        top = rng.randrange(h)
        rows[top : top + rng.randint(20, 60)] *= rng.uniform(0.6, 0.8)
    printed = 255 - ink * rows[:, None]
    scale = 150 / 200
    small = cv2.resize(
        printed, (round(page.width * scale), round(page.height * scale)), interpolation=cv2.INTER_AREA
    )
    small = cv2.GaussianBlur(small, (0, 0), 0.6) * rng.uniform(0.93, 0.98)
    small += _noise(rng).normal(0, 2.5, small.shape).astype(np.float32)
    grey = Image.fromarray(np.clip(small, 0, 255).astype(np.uint8), "L")
    return _jpeg(grey, rng.randint(70, 82))


def skpwni_tabel_uraian(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """Every item in one No / Uraian / Keterangan table with shaded section rows, then the members moving;
    printed on a streaky inkjet and scanned at 150 dpi."""
    pg = AileronPage(1654, 2750, rng)
    number = _skpwni_number(origin, serial)
    pg.centre(70, "PEMERINTAH " + _region(origin.regency_code), 34)
    pg.centre(116, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34)
    pg.d.line((90, 170, pg.w - 90, 170), fill=0, width=3)
    pg.d.line((90, 177, pg.w - 90, 177), fill=0, width=1)
    pg.centre(205, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA", 34)
    pg.centre(255, "Nomor : " + number, 28, bold=False)
    pg.text(100, 330, "Dengan ini menerangkan data kepindahan sebagai berikut:", 27)
    mv = _move(rng, origin)

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

    sections = [
        ("I. IDENTITAS PEMOHON", [("NIK", p.nik), ("Nama Lengkap", p.name), ("Nomor KK", origin.kk_number),
                                  ("Nama Kepala Keluarga", origin.head.name)]),
        ("II. DAERAH ASAL", where(origin)),
        ("III. DAERAH TUJUAN", where(dest)),
        ("IV. KEPINDAHAN", [("Alasan Pindah", MOVE_REASONS[mv.reason]),
                            ("Klasifikasi Kepindahan", move_class(origin, dest)),
                            ("Jenis Kepindahan", MOVE_TYPES[mv.kind]),
                            ("Tanggal Pindah", format_date(mv.day, "dmy-dash"))]),
    ]  # fmt: skip
    xs, row_h = (100, 190, 700, 1560), 54
    y = 390.0
    pg.d.rectangle((xs[0], y, xs[-1], y + row_h), fill=200)
    for x0, x1, title in zip(xs, xs[1:], ("No", "Uraian", "Keterangan"), strict=False):
        pg.centre(y + 12, title, 27, bold=True, x0=x0 - 60, x1=x1 + 60)
    top, y, n = y, y + row_h, 0
    for title, items in sections:
        pg.d.rectangle((xs[0], y, xs[-1], y + row_h), fill=228)
        pg.text(xs[0] + 14, y + 13, title, 26, bold=True)
        pg.d.line((xs[0], y, xs[-1], y), fill=0, width=2)
        y += row_h
        for label, value in items:
            n += 1
            pg.d.line((xs[0], y, xs[-1], y), fill=0, width=1)
            pg.text(xs[0] + 20, y + 13, str(n), 26)
            pg.text(xs[1] + 16, y + 13, label, 26)
            pg.text(xs[2] + 16, y + 13, value, 26, max_x=xs[3] - 14)
            for x in xs[1:3]:
                pg.d.line((x, y, x, y + row_h), fill=0, width=1)
            y += row_h
    pg.d.rectangle((xs[0], top, xs[-1], y), outline=0, width=2)
    y += 50
    pg.text(100, y, "Anggota keluarga yang ikut pindah:", 27, bold=True)
    y += 50
    cols = ((100, "No"), (190, "NIK"), (560, "Nama Lengkap"), (1200, "SHDK"))
    for x, title in cols:
        pg.text(x + 10, y + 10, title, 25, bold=True)
    pg.d.rectangle((100, y, 1560, y + 48), outline=0, width=2)
    y += 48
    for i, m in enumerate(_movers(origin, p, mv.kind)):
        for (x, _), cell in zip(cols, (str(i + 1), m.nik, m.name, m.relationship), strict=True):
            pg.text(x + 10, y + 10, cell, 25, max_x=x + 620)
        pg.d.rectangle((100, y, 1560, y + 48), outline=0, width=1)
        y += 48
    y += 60
    pg.text(1000, y, f"{_issue_place(origin).title()}, {format_date(origin.issue_date, 'long-title')}", 26)
    pg.text(1000, y + 44, "KEPALA DINAS", 26, bold=True)
    pg.signature(1030, y + 95, 300, 80)
    pg.stamp(1010, y + 115, 110, "DUKCAPIL|" + _issue_place(origin)[:12])
    pg.text(1000, y + 220, rng.choice(_OFFICIALS), 25, bold=True)
    pg.text(1000, y + 258, "NIP. " + _nip(rng), 24)
    data = _inkjet_and_scan(pg.img, rng)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    doc = RenderedDocument(
        "skpwni", Image.open(io.BytesIO(data)).convert("L"), truth, layout="skpwni-tabel-uraian"
    )
    doc.upload = data
    return doc


__all__ = [
    "akta_malam_kuning",
    "akta_tulisan_tangan",
    "kk_kolase_dua_foto",
    "kk_pdf_tte",
    "ktp_ikd_gelap",
    "ktp_scanner_app",
    "skpwni_kotak_huruf",
    "skpwni_tabel_uraian",
]
