"""A ninth round of variety layouts (issue 18), written blind (before and without looking at the extractor),
two per type, each a kind of page residents really upload that the 65 older layouts do not cover:

- KK, `kk-dipegang`: a KK (the post-2018 form in Utopia, column titles in capitals, wet signatures and the
  Dinas's stamp) HELD UP BY ITS SIDE EDGES in two hands and photographed by someone in front: the sheet BOWS
  (a cylinder bent round an upright axis, towards or away from the lens) and its unheld corners flop back,
  so every printed row is a CURVE in the photo, not a line a perspective transform straightens; thumbs over
  the margins, fingers and palms behind the edges, a shirt and a wall behind, window light across the bend.
- KK, `kk-layar-laptop`: the electronic KK (signed since 2021: QR code, TTE note, BSrE footnote; set in
  Palatino) OPEN IN A BROWSER'S PDF VIEWER on a laptop and PHOTOGRAPHED OFF THE SCREEN with a phone: the
  viewer's toolbar and the browser's tab and address bars (the file's name and path), the taskbar's clock,
  the page fitted to the window; the camera samples the screen's pixel grid (RGB stripes and the black
  matrix between rows) a little above one camera pixel per screen pixel, so COLOURED MOIRE bands run through
  the text; the bezel, the keyboard deck at the foot, a window's reflection on the glossy screen.
- Akta kelahiran, `akta-pindai-pdf`: a 2000s regency Kutipan on tinted security paper (number `474.1/...`,
  the Ministry's file code for births, no NIK; "Nama Bayi", "Hari dan Tanggal Lahir : Selasa, 07 Mei 2011"
  with the date again in words in brackets; phrases in New Century Schoolbook Italic, values in Helvetica
  Bold) with a COFFEE-CUP RING over it, SCANNED TO PDF BY AN OFFICE MFP'S FEEDER at 150 dpi in colour: a
  JPEG at quality 35-55 inside a one-page PDF (`upload`), a dust line from the feeder's glass down the whole
  page, the feeder's dark edge, a slight skew, the background pushed to white. `image` is the PDF as pdfium
  draws it at 150 dpi.
- Akta kelahiran, `akta-bekas-banjir`: a Kutipan in prose (Bookman Light Italic and Palatino Bold, "telah
  lahir seorang anak PEREMPUAN bernama ...") that WAS SOAKED IN A FLOOD and dried, as residents bring them
  to have them replaced: brown TIDE LINES where the water stood, the soaked part yellowed and mottled, the
  print there softened, the blue stamp and ballpoint signature BLED, mould specks and mud; the dried paper
  COCKLED (waves a few millimetres high), photographed on a table under side light so the waves cast light
  and shade across the lines.
- KTP-el, `ktp-fotokopi-bolak-balik`: the "fotokopi KTP bolak-balik" offices ask for: the card's FRONT AND
  BACK copied at ACTUAL SIZE (85.6 x 54 mm) on one A4 sheet by a black-and-white copier, one above the other
  or side by side, each laid on the glass by hand at its own small angle: the copier's halftone screen turns
  the security print into a field of dots under the text, the card's edge into a dark rim; the back shows
  only the card's reverse print (no fields); the sheet scanned at 300 dpi to a grey JPEG. The card's print
  is new: Helvetica Light with Helvetica Bold for the heading and the NIK.
- KTP-el, `ktp-tangkapan-wa`: a SCREENSHOT of WHATSAPP'S IMAGE VIEWER showing a photo of the card a family
  member sent (the photo already recompressed by WhatsApp), sometimes pinched to zoom: the phone's status
  bar, the viewer's bar with the sender ("Mama", "Pak RT 03", a number) and "Hari ini 19.42", the caption
  under the photo ("ini ktp bapak"), the navigation bar; a PNG (or a JPEG, as some phones save them).
- SKPWNI, `skpwni-faks`: the Dinas's certificate (Helvetica, numbered items) RECEIVED BY FAX: 1728 pixels
  across and 3.85 lines per millimetre (about 204 x 98 dpi), every pixel black or white, the blue stamp
  broken into specks, the sending machine's header line across the top ("18-NOV-2026 09:41 FROM ... P.01"),
  a streak from its scanner's glass, a few lines lost or repeated in transmission; delivered by a
  fax-to-email service as a one-page PDF whose image has the fax's non-square pixels (`upload`).
- SKPWNI, `skpwni-pangkuan`: the certificate (Times; items numbered on through the sections, RT and RW on
  the address's row, village and district, regency and province side by side, the members moving in a
  table) PHOTOGRAPHED ON THE LAP in the office's waiting room: the sheet DRAPED OVER TWO THIGHS, sagging into
  the gap between them and falling away at its sides, so its rows bend; trousers or a sarong around it, the
  floor beyond the knees, the photographer's own shadow across the foot of the page.

Faces: round 8's PDF sheets drawn by pdfium, in faces no older layout prints in: Utopia, Palatino Roman and
Bold, Helvetica Light and Bold, New Century Schoolbook Italic, Bookman Light Italic and Times Bold Italic
(Adobe's widths from matplotlib's AFM files). The three bent sheets are rendered by casting each camera ray
onto the sheet's surface (an isometric bend plus small waves), so their lines curve as paper's do. Ground
truths are normalised as the older layouts' are (the same keys per type). Nothing in `ektp.ocr` may know
these layouts.
"""

from __future__ import annotations

import io
import math
import random
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw

from tools.docgen.render import Font, RenderedDocument, _region, _sex, akta_number
from tools.docgen.render import skpwni_number as _skpwni_number
from tools.docgen.variety import (
    MOVE_REASONS,
    MOVE_TYPES,
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
    vfont,
)
from tools.docgen.variety_round3 import _OFFICIALS, _nip
from tools.docgen.variety_round4 import (
    _DAYS,
    _T1,
    _T2,
    Column,
    _dated,
    _light,
    _room,
    _tilted_quad,
    _warp_into,
)
from tools.docgen.variety_round5 import _jpeg, _movers
from tools.docgen.variety_round6 import _decoded, _noise
from tools.docgen.variety_round7 import _blue_signature, _blue_stamp, _emblem_place, _members
from tools.docgen.variety_round7 import _kk_head_rows as _kk_head
from tools.docgen.variety_round8 import (
    _PDF_FACES,
    PdfSheet,
    _blob,
    _page_of,
    _pdf_table,
    _skin,
    _token,
)
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Grey = npt.NDArray[np.float32]  # h x w
Cells = dict[str, tuple[str, str]]

# --- faces: round 8's PDF sheet with faces of its AFM set no older layout prints in ---------------------------

_PDF_FACES.update(
    {
        "utopia": ("Utopia-Regular", "afm/putr8a.afm"),
        "utopia-bold": ("Utopia-Bold", "afm/putb8a.afm"),
        "palatino": ("Palatino-Roman", "afm/pplr8a.afm"),
        "palatino-bold": ("Palatino-Bold", "afm/pplb8a.afm"),
        "helvetica-light": ("Helvetica-Light", "afm/phvl8a.afm"),
        "helvetica-bold": ("Helvetica-Bold", "pdfcorefonts/Helvetica-Bold.afm"),
        "schoolbook-italic": ("NewCenturySchlbk-Italic", "afm/pncri8a.afm"),
        "bookman-italic": ("Bookman-LightItalic", "afm/pbkli8a.afm"),
        "times-bold-italic": ("Times-BoldItalic", "pdfcorefonts/Times-BoldItalic.afm"),
    }
)


def _prose(
    s: PdfSheet,
    x: float,
    y: float,
    width: float,
    runs: Sequence[tuple[str, str]],
    size: float,
    leading: float,
) -> float:
    """Runs of (text, face) set word by word and wrapped at `width`; the y under the last line."""
    cx = x
    for text, face in runs:
        for word in text.split():
            w = s.width(word, size, face)
            if cx + w > x + width and cx > x:
                cx, y = x, y + leading
            s.text(cx, y, word, size, face)
            cx += w + s.width(" ", size, face)
    return y + leading


def _ink_on(
    grey: npt.NDArray[np.floating[Any]], paper: tuple[float, float, float], ink: tuple[float, float, float]
) -> Rgb:
    """A grey print (0..1, 1 paper) as ink on coloured paper."""
    g = grey[..., None]
    return np.asarray(np.array(paper, np.float32) * g + np.array(ink, np.float32) * (1 - g), np.float32)


def _phone_jpeg(img: Rgb, rng: random.Random, blur: tuple[float, float], quality: tuple[int, int]) -> bytes:
    """The phone camera's softness, sensor noise and JPEG."""
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(*blur)), np.float32)
    img += _noise(rng).normal(0, rng.uniform(2.0, 4.5), img.shape).astype(np.float32)
    return _jpeg(Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB"), rng.randint(*quality))


def _image_pdf(
    stream: bytes, px: tuple[int, int], page: tuple[float, float], image_dict: str, producer: str
) -> bytes:
    """A one-page PDF whose page is one image (a scanner's or a fax service's PDF): `stream` already encoded
    as `image_dict` says, drawn over the whole `page` (points) whatever its pixels' shape."""
    pw, ph = page
    content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] /Contents 4 0 R "
            "/Resources << /XObject << /Im0 5 0 R >> >> >>"
        ).encode(),
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        (
            f"<< /Type /XObject /Subtype /Image /Width {px[0]} /Height {px[1]} {image_dict} "
            f"/Length {len(stream)} >>\nstream\n"
        ).encode()
        + stream
        + b"\nendstream",
        f"<< /Producer ({producer}) >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _pdf_picture(data: bytes, dpi: float, grey: bool) -> Image.Image:
    """A PDF's first page as pdfium draws it (what a viewer shows)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        img: Image.Image = doc[0].render(scale=dpi / 72, grayscale=grey).to_pil()
        return img.convert("L" if grey else "RGB")
    finally:
        doc.close()


# --- bent paper: each camera ray cast onto the sheet's surface ---------------------------------------------------


@dataclass
class _Sheet:
    """A bent sheet in space, in page pixels: column s lies at X(s) with height Z(s) (a bend across the page,
    isometric: arc length along the bend is the page's width), row t at Y = t with a height Zt(t) added, and
    small waves (a grid of `cell` page pixels) on top. Z rises towards the camera's side."""

    w: int
    h: int
    ss: npt.NDArray[np.float64]
    xs: npt.NDArray[np.float64]
    zs: npt.NDArray[np.float64]
    tt: npt.NDArray[np.float64]
    zt: npt.NDArray[np.float64]
    waves: Grey
    cell: float

    def s_of(self, x: Grey) -> Grey:
        return np.asarray(np.interp(x, self.xs, self.ss), np.float32)

    def x_of(self, s: Grey) -> Grey:
        return np.asarray(np.interp(s, self.ss, self.xs), np.float32)

    def height(self, s: Grey, t: Grey) -> Grey:
        z = np.interp(s, self.ss, self.zs) + np.interp(t, self.tt, self.zt)
        waves = cv2.remap(
            self.waves,
            np.asarray(s / self.cell, np.float32),
            np.asarray(t / self.cell, np.float32),
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        return np.asarray(z + waves, np.float32)

    def point(self, s: float, t: float) -> npt.NDArray[np.float64]:
        sa, ta = np.array([[s]], np.float32), np.array([[t]], np.float32)
        return np.array([float(self.x_of(sa)[0, 0]), t, float(self.height(sa, ta)[0, 0])])


def _bent_sheet(
    w: int,
    h: int,
    across: Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]],
    along: Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]],
    waves: Grey,
    cell: float,
) -> _Sheet:
    """The sheet whose columns follow the height profile `across(s)` (bent without stretching: X and Z are
    integrated along the profile's slope), its rows lifted by `along(t)`, `waves` on top."""
    ss = np.arange(-0.35 * w, 1.35 * w + 1, 1.0)
    slope = np.arctan(np.gradient(across(ss), ss))
    xs = np.cumsum(np.cos(slope))
    zs = np.cumsum(np.sin(slope))
    zero = int(np.searchsorted(ss, 0.0))
    xs -= xs[zero]
    zs += across(np.array([0.0]))[0] - zs[zero]
    tt = np.arange(-0.35 * h, 1.35 * h + 1, 1.0)
    return _Sheet(w, h, ss, xs, zs, tt, along(tt), waves, cell)


@dataclass
class _Camera:
    pos: npt.NDArray[np.float64]
    basis: npt.NDArray[np.float64]  # columns: the image's right, its down, the view
    focal: float
    size: tuple[int, int]

    def rays(self, step: int) -> tuple[Grey, Grey, Grey]:
        fw, fh = self.size
        u = (np.arange(fw // step) * step + (step - 1) / 2 - fw / 2) / self.focal
        v = (np.arange(fh // step) * step + (step - 1) / 2 - fh / 2) / self.focal
        uu, vv = np.meshgrid(u.astype(np.float32), v.astype(np.float32))
        b = self.basis.astype(np.float32)
        dx, dy, dz = (np.asarray(uu * b[k, 0] + vv * b[k, 1] + b[k, 2], np.float32) for k in range(3))
        return dx, dy, dz

    def project(self, pts: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        rel = (np.atleast_2d(pts) - self.pos) @ self.basis
        fw, fh = self.size
        return np.stack(
            [fw / 2 + self.focal * rel[:, 0] / rel[:, 2], fh / 2 + self.focal * rel[:, 1] / rel[:, 2]], axis=1
        )


def _aim(
    target: npt.NDArray[np.float64],
    eye: npt.NDArray[np.float64],
    roll: float,
    focal: float,
    size: tuple[int, int],
) -> _Camera:
    """A camera at `eye` looking at `target`, the page's rows (+Y) running down the image, turned `roll`
    degrees about its view."""
    view = target - eye
    view /= np.linalg.norm(view)
    right = np.cross(view, np.array([0.0, 1.0, 0.0]))
    right /= np.linalg.norm(right)
    down = np.cross(right, view)
    r = math.radians(roll)
    right, down = math.cos(r) * right + math.sin(r) * down, -math.sin(r) * right + math.cos(r) * down
    return _Camera(eye, np.stack([right, down, view], axis=1), focal, size)


def _cast(cam: _Camera, sheet: _Sheet, step: int) -> tuple[Grey, Grey, npt.NDArray[np.bool_]]:
    """Where each ray (a grid of `step` pixels) meets the sheet, in page coordinates, and whether it does:
    the ray's height is iterated to the surface's height under it."""
    dx, dy, dz = cam.rays(step)
    px, py, pz = (float(v) for v in cam.pos)
    dz = np.asarray(np.where(np.abs(dz) < 1e-6, -1e-6, dz), np.float32)
    z = np.full(dx.shape, float(np.median(sheet.zs)), np.float32)
    s, y = z, z
    for _ in range(18):
        lam = (z - pz) / dz
        s = sheet.s_of(px + lam * dx)
        y = np.asarray(py + lam * dy, np.float32)
        z = np.asarray(z + 0.85 * (sheet.height(s, y) - z), np.float32)
    lam = (z - pz) / dz
    s = sheet.s_of(px + lam * dx)
    y = np.asarray(py + lam * dy, np.float32)
    ok = (lam > 0) & (np.abs(sheet.height(s, y) - z) < 1.0)
    return s, y, ok


def _sheet_shading(sheet: _Sheet, light: npt.NDArray[np.float64], ambient: float, cell: int = 8) -> Grey:
    """The light each part of the sheet gets (a grid of `cell` page pixels): ambient plus Lambert's law."""
    ss = np.arange(0, sheet.w + cell, cell, dtype=np.float32)
    tt = np.arange(0, sheet.h + cell, cell, dtype=np.float32)
    s, t = np.meshgrid(ss, tt)
    x, z = sheet.x_of(s), sheet.height(s, t)
    ps = np.stack([np.gradient(x, axis=1), np.zeros_like(x), np.gradient(z, axis=1)], axis=-1)
    pt = np.stack([np.zeros_like(x), np.gradient(t, axis=0), np.gradient(z, axis=0)], axis=-1)
    n = np.cross(ps, pt)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    unit = light / np.linalg.norm(light)
    lambert = np.clip(n @ unit.astype(np.float32), 0, 1)
    return np.asarray(ambient + (1 - ambient) * lambert, np.float32)


def _photograph_sheet(
    page: Rgb, sheet: _Sheet, cam: _Camera, background: Rgb, shade: Grey, cell: int = 8
) -> tuple[Rgb, Grey]:
    """The sheet seen by the camera over `background`: rays cast on a grid of 4 pixels, the page shrunk
    first where it is seen smaller (no aliasing), sampled where each ray lands and lit by `shade`. The
    photo and the sheet's mask."""
    step = 4
    s, t, ok = _cast(cam, sheet, step)
    fw, fh = cam.size
    both = ok[:, 1:] & ok[:, :-1]
    ratio = float(np.median(np.abs(np.diff(s, axis=1))[both])) / step if both.any() else 1.0
    k = min(1.0, 1.3 / max(ratio, 1e-3))
    small = page if k >= 1.0 else np.asarray(cv2.resize(page, None, fx=k, fy=k, interpolation=cv2.INTER_AREA))
    s_full = np.asarray(cv2.resize(s, (fw, fh), interpolation=cv2.INTER_LINEAR), np.float32)
    t_full = np.asarray(cv2.resize(t, (fw, fh), interpolation=cv2.INTER_LINEAR), np.float32)
    hit = cv2.resize(ok.astype(np.float32), (fw, fh), interpolation=cv2.INTER_LINEAR) > 0.5
    inside = hit & (s_full >= 0) & (s_full <= sheet.w - 1) & (t_full >= 0) & (t_full <= sheet.h - 1)
    mask = np.asarray(cv2.GaussianBlur(inside.astype(np.float32), (0, 0), 0.8), np.float32)
    seen = np.asarray(
        cv2.remap(small, s_full * k, t_full * k, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE),
        np.float32,
    )
    light = cv2.remap(shade, s_full / cell, t_full / cell, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    seen *= np.asarray(light, np.float32)[..., None]
    img = background * (1 - mask[..., None]) + seen * mask[..., None]
    return np.asarray(img, np.float32), mask


def _smooth_field(rng: random.Random, grid: tuple[int, int], size: tuple[int, int]) -> Grey:
    """Smooth noise (a `grid` of random values, rows x columns, cubically enlarged to `size` w x h)."""
    coarse = _noise(rng).normal(0, 1, grid).astype(np.float32)
    return np.asarray(cv2.resize(coarse, size, interpolation=cv2.INTER_CUBIC), np.float32)


# --- KK: the form in Utopia or the e-KK in Palatino ------------------------------------------------------------


def _kk_sheet(
    family: Family, rng: random.Random, faces: tuple[str, str], tte: bool
) -> tuple[PdfSheet, list[Cells], float]:
    """A KK on A4 landscape: title and number, the header's two columns, the member tables (titles in
    capitals for the printed form), the issue date and the signature blocks: the e-KK's TTE block with its
    QR code and BSrE footnote, or the wet-signed form's names. The sheet, its rows and the y under the
    tables (pt)."""
    face, bold = faces
    s = PdfSheet(842, 595)
    style = rng.choice(("dmy-dash", "dmy-slash", "dmy-dot"))
    s.centre(24, "KARTU KELUARGA", 18, bold)
    s.centre(47, "No. " + family.kk_number, 13, bold)
    caps = not tte
    for i, (label, value) in enumerate(_kk_head(family)):
        x, colon, right = (36, 158, 440) if i < 4 else (476, 576, 810)
        top = 78 + (i % 4) * 15
        s.text(x, top, label.upper() if caps else label, 9.5, face)
        s.text(colon, top, ":", 9.5, face)
        s.text(colon + 6, top, value, 10, bold, max_w=right - colon - 6)
    rows = [_dated(m, style) for m in family.members]
    t1: Sequence[Column] = [(title.upper(), key) for title, key in _T1] if caps else _T1
    t2: Sequence[Column] = [(title.upper(), key) for title, key in _T2] if caps else _T2
    y = _pdf_table(s, 24, 818, 146, t1, rows, 8.8, (face, bold))
    y = _pdf_table(s, 24, 818, y + 14, t2, rows, 8.8, (face, bold))
    y = max(y, 380)
    s.text(36, y + 16, "Dikeluarkan Tanggal", 10, face)
    s.text(140, y + 16, ": " + format_date(family.issue_date, style), 10, face)
    s.centre(y + 16, "KEPALA KELUARGA", 9.5, bold, 300, 520)
    s.centre(y + 84, family.head.name, 9.5, face, 300, 520)
    regency = _region(family.regency_code)
    if tte:
        s.text(560, y + 14, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 7.5, bold, max_w=250)
        s.text(560, y + 24, regency, 7.5, bold, max_w=250)
        s.qr(560, y + 34, 46, "https://tte.dukcapil.go.id/verify/" + _token(rng))
        s.text(612, y + 40, "Ditandatangani secara elektronik oleh", 7, face)
        s.text(612, y + 52, rng.choice(_OFFICIALS), 7.5, bold, max_w=200)
        s.text(612, y + 63, "NIP. " + _nip(rng), 7, face)
        foot = (
            "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
            "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara."
        )
        s.line(26, 560, 816, 560, 0.4)
        s.text(26, 565, foot, 6.5, face, max_w=790)
    else:
        s.line(340, y + 96, 480, y + 96, 0.5)
        s.centre(y + 16, "KEPALA DINAS KEPENDUDUKAN DAN", 9.5, bold, 560, 810)
        s.centre(y + 28, "PENCATATAN SIPIL " + regency, 9.5, bold, 560, 810)
        s.centre(y + 84, rng.choice(_OFFICIALS), 9.5, bold, 560, 810)
        s.centre(y + 96, "NIP. " + _nip(rng), 9, face, 560, 810)
    return s, rows, y


# --- KK: held up by its side edges, bowing ----------------------------------------------------------------------

_SHIRTS = ((40, 60, 110), (150, 30, 40), (220, 220, 214), (60, 90, 60), (30, 30, 34), (200, 170, 90))


def _holder(fw: int, fh: int, rng: random.Random) -> Rgb:
    """What is behind a sheet held up at chest height: a wall, the holder's shirt below the shoulders (no
    head: the sheet and the frame's top hide it), out of focus."""
    img = _room(fw, fh, rng)
    shirt = np.array(rng.choice(_SHIRTS), np.float32)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    cx = fw * rng.uniform(0.45, 0.55)
    shoulders = fh * rng.uniform(0.02, 0.1) + 0.35 * fh * ((xx - cx) / (0.55 * fw)) ** 4
    body = np.clip((yy - shoulders) / 12, 0, 1) * np.clip((0.62 * fw - np.abs(xx - cx)) / 20, 0, 1)
    fold = 1 + 0.06 * _smooth_field(rng, (4, 6), (fw, fh))
    img = img * (1 - body[..., None]) + (shirt * fold[..., None]) * body[..., None]
    return np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(4, 7)), np.float32)


def _ellipse_mask(
    fw: int, fh: int, centre: npt.NDArray[np.float64], axes: tuple[float, float], angle: float
) -> Grey:
    mask = np.zeros((fh, fw), np.float32)
    cv2.ellipse(
        mask,
        (round(float(centre[0])), round(float(centre[1]))),
        (max(1, round(axes[0])), max(1, round(axes[1]))),
        angle,
        0,
        360,
        1.0,
        -1,
        cv2.LINE_AA,
    )
    return mask


def kk_dipegang(family: Family, rng: random.Random) -> RenderedDocument:
    """The KK held up by its side edges, bowing, photographed from in front."""
    sheet_pdf, rows, y = _kk_sheet(family, rng, ("utopia", "utopia-bold"), tte=False)
    dpi = 200
    k = dpi / 72
    pg = _page_of(sheet_pdf.render(dpi), rng)
    pg.signature(365 * k, (y + 40) * k, 110 * k, 34 * k)
    pg.signature(625 * k, (y + 42) * k, 130 * k, 36 * k)
    pg.stamp(615 * k, (y + 58) * k, 42 * k, "DUKCAPIL|" + _issue_place(family)[:12])
    grey = np.asarray(pg.img, np.float32) / 255
    page = _ink_on(grey, (246, 245, 240), (26, 26, 32))
    ph, pw = grey.shape
    depth = rng.uniform(0.035, 0.08) * pw * rng.choice((-1, 1))  # bowed towards the lens or away
    flop = rng.uniform(0.015, 0.045) * pw  # the unheld corners fall back
    grip = rng.uniform(0.38, 0.62)  # the height the hands hold it at

    def across(s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        u = np.clip(2 * s / pw - 1, -1.3, 1.3)
        return np.asarray(depth * (1 - u**2), np.float64)

    def along(t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.zeros_like(t)

    cell = 16.0
    gh, gw = ph // 16 + 2, pw // 16 + 2
    uu, vv = np.meshgrid(np.linspace(-1, 1, gw, dtype=np.float32), np.linspace(0, 1, gh, dtype=np.float32))
    corners = -flop * np.abs(uu) ** 3 * ((vv - grip) / max(grip, 1 - grip)) ** 2
    ripple = 0.004 * pw * _smooth_field(rng, (3, 4), (gw, gh))
    sheet = _bent_sheet(pw, ph, across, along, np.asarray(corners + ripple, np.float32), cell)
    fw, fh = rng.choice(((3264, 2448), (2880, 2160)))
    focal = rng.uniform(0.74, 0.82) * fw
    fill = rng.uniform(0.8, 0.9)
    target = np.array([pw / 2, ph / 2, depth * 0.6])
    yaw, pitch = math.radians(rng.uniform(-12, 12)), math.radians(rng.uniform(-10, 8))
    distance = focal * pw / (fill * fw)
    eye = target + distance * np.array([math.sin(yaw), math.sin(pitch), math.cos(yaw) * math.cos(pitch)])
    cam = _aim(target, eye, rng.uniform(-4, 4), focal, (fw, fh))
    light = np.array([rng.choice((-1, 1)) * rng.uniform(0.4, 0.9), rng.uniform(-0.5, 0.1), 1.0])
    shade = _sheet_shading(sheet, light, rng.uniform(0.45, 0.6)) * rng.uniform(1.0, 1.1)
    background = _holder(fw, fh, rng)
    skin = _skin(rng)
    grips = []
    for edge, side in ((0.0, -1.0), (float(pw - 1), 1.0)):
        at = sheet.point(edge, grip * ph)
        inward = sheet.point(edge - side * 0.05 * pw, grip * ph)
        a, b = cam.project(at)[0], cam.project(inward)[0]
        grips.append((a, b))
        scale = float(np.linalg.norm(b - a)) / (0.05 * pw)  # frame pixels a page pixel, there
        out = a + (a - b) * 1.4  # the palm, beyond the edge and behind the sheet
        angle = math.degrees(math.atan2(float(a[1] - b[1]), float(a[0] - b[0])))
        palm = _ellipse_mask(fw, fh, out, (0.09 * pw * scale, 0.075 * pw * scale), angle)
        for j in (-1.5, -0.5, 0.5, 1.5):  # the fingers behind the sheet, their tips showing past its edge
            tip = a + (b - a) * 0.1 + np.array([0.0, j * 0.028 * pw * scale])
            palm = np.maximum(
                palm, _ellipse_mask(fw, fh, tip, (0.05 * pw * scale, 0.013 * pw * scale), angle)
            )
        arm_end = np.array([0.0 if side < 0 else float(fw), fh * rng.uniform(0.75, 1.0)])
        arm = np.zeros((fh, fw), np.float32)
        cv2.line(arm, (round(out[0]), round(out[1])), (round(arm_end[0]), round(arm_end[1])), 1.0,
                 round(0.1 * pw * scale), cv2.LINE_AA)  # fmt: skip
        _blob(background, np.maximum(palm, arm), skin, 0.06 * pw * scale)
    img, _ = _photograph_sheet(page, sheet, cam, background, shade)
    for a, b in grips:  # the thumbs in front, on the margin
        scale = float(np.linalg.norm(b - a)) / (0.05 * pw)
        centre = a + (b - a) * rng.uniform(0.3, 0.5)
        angle = math.degrees(math.atan2(float(b[1] - a[1]), float(b[0] - a[0]))) + rng.uniform(-20, 20)
        thumb = _ellipse_mask(fw, fh, centre, (0.021 * pw * scale, 0.015 * pw * scale), angle)
        _blob(img, thumb, skin, 0.025 * pw * scale)
    data = _phone_jpeg(img, rng, (0.5, 0.9), (82, 90))
    doc = RenderedDocument("kk", _decoded(data), _kk_truth(family), _members(rows), layout="kk-dipegang")
    doc.upload = data
    return doc


# --- KK: the e-KK open in a browser's PDF viewer, photographed off the laptop's screen ---------------------------

_SCREENS = ((2560, 1600), (2880, 1800), (2560, 1440))
_USERS = ("asus", "user", "LENOVO", "admin", "acer", "HP")


def _ui_font(size: int, bold: bool = False) -> Font:
    return vfont(size, "sans", bold)


def _viewer(sheet: PdfSheet, family: Family, sw: int, sh: int, rng: random.Random) -> Rgb:
    """The screen: the browser's tab and address bars, the PDF viewer's toolbar, the page fitted to the
    window on the viewer's grey, the taskbar with its clock (at 150% scaling)."""
    img = Image.new("RGB", (sw, sh), (82, 86, 89))
    d = ImageDraw.Draw(img)
    u = sw / 2560 * 1.5  # one UI pixel at 150 % scaling
    tabs, address, toolbar, taskbar = round(42 * u), round(48 * u), round(56 * u), round(48 * u)
    name = rng.choice(
        (
            f"KK_{family.kk_number}.pdf",
            "Kartu Keluarga.pdf",
            f"KK {family.head.name.title()}.pdf",
            f"{family.kk_number}.pdf",
            "download.pdf",
        )
    )
    d.rectangle((0, 0, sw, tabs), fill=(32, 33, 36))
    d.rounded_rectangle((round(8 * u), round(6 * u), round(260 * u), tabs + 8), radius=round(8 * u),
                        fill=(53, 54, 58))  # fmt: skip
    d.text((round(40 * u), round(14 * u)), name[:24], font=_ui_font(round(12 * u)), fill=(232, 234, 237))
    d.rectangle((0, tabs, sw, tabs + address), fill=(53, 54, 58))
    d.rounded_rectangle(
        (round(110 * u), tabs + round(8 * u), sw - round(140 * u), tabs + address - round(8 * u)),
        radius=round(16 * u),
        fill=(32, 33, 36),
    )
    url = f"file:///C:/Users/{rng.choice(_USERS)}/Downloads/{name.replace(' ', '%20')}"
    d.text((round(140 * u), tabs + round(15 * u)), url, font=_ui_font(round(13 * u)), fill=(200, 200, 204))
    for i in range(3):  # back, forward, reload
        cx = round((24 + 32 * i) * u)
        d.ellipse((cx - 5, tabs + address // 2 - 5, cx + 5, tabs + address // 2 + 5), outline=(180, 180, 184))
    top = tabs + address
    d.rectangle((0, top, sw, top + toolbar), fill=(50, 54, 57))
    d.text((round(60 * u), top + round(18 * u)), name, font=_ui_font(round(14 * u)), fill=(241, 241, 241))
    d.text((sw // 2 - round(150 * u), top + round(18 * u)), "1  /  1", font=_ui_font(round(14 * u)),
           fill=(241, 241, 241))  # fmt: skip
    zoom = f"{rng.choice((67, 75, 80, 90))}%"
    d.text((sw // 2 + round(20 * u), top + round(18 * u)), f"—   {zoom}   +", font=_ui_font(round(14 * u)),
           fill=(241, 241, 241))  # fmt: skip
    for i in range(3):  # download, print, more
        cx = sw - round((40 + 44 * i) * u)
        d.rectangle((cx - 8, top + toolbar // 2 - 8, cx + 8, top + toolbar // 2 + 8), outline=(220, 220, 220))
    view_top, view_bottom = top + toolbar, sh - taskbar
    margin = round(18 * u)
    page_h = view_bottom - view_top - 2 * margin
    dpi = page_h / sheet.h * 72
    page = sheet.render(dpi).convert("RGB")
    px = (sw - page.width) // 2
    d.rectangle((px + 4, view_top + margin + 4, px + page.width + 6, view_top + margin + page.height + 6),
                fill=(60, 62, 64))  # fmt: skip
    img.paste(page, (px, view_top + margin))
    d.rectangle((0, sh - taskbar, sw, sh), fill=(28, 28, 30))
    for i in range(6):  # the taskbar's icons
        cx = sw // 2 + round((i - 2.5) * 46 * u)
        d.rounded_rectangle((cx - 14, sh - taskbar + 12, cx + 14, sh - 12), radius=5,
                            fill=rng.choice(((60, 120, 200), (240, 190, 40), (200, 60, 50), (90, 90, 96))))  # fmt: skip
    clock = f"{rng.randint(7, 22):02d}.{rng.randint(0, 59):02d}"
    shown = family.issue_date + timedelta(days=rng.randint(30, 900))
    day = min(shown, date(2026, 10, 30))
    f = _ui_font(round(11 * u))
    d.text((sw - round(90 * u), sh - taskbar + round(8 * u)), clock, font=f, fill=(240, 240, 240))
    d.text(
        (sw - round(100 * u), sh - taskbar + round(26 * u)), f"{day:%d/%m/%Y}", font=f, fill=(240, 240, 240)
    )
    return np.asarray(img, np.float32)


def _deck(w: int, h: int, rng: random.Random) -> Rgb:
    """The keyboard deck seen from above: keys in rows, the touchpad below them."""
    silver = rng.random() < 0.5
    base = (176, 178, 182) if silver else (46, 48, 52)
    key = (40, 40, 44) if silver else (24, 24, 26)
    img = Image.new("RGB", (w, h), base)
    d = ImageDraw.Draw(img)
    pitch = w / 15.5
    for r in range(5):
        for c in range(14):
            x0 = w * 0.06 + c * pitch + (r % 2) * pitch * 0.3
            y0 = h * 0.06 + r * pitch * 0.95
            if x0 + pitch * 0.85 < w * 0.95:
                d.rounded_rectangle((x0, y0, x0 + pitch * 0.85, y0 + pitch * 0.8), radius=6, fill=key)
    edge = (base[0] - 25, base[1] - 25, base[2] - 25)
    d.rounded_rectangle((w * 0.34, h * 0.06 + 5.2 * pitch, w * 0.66, h * 0.98), radius=12, outline=edge)
    return np.asarray(img, np.float32)


def _screen_photo(screen: Rgb, rng: random.Random) -> Rgb:
    """The laptop's lid (screen and bezel) and deck photographed by a phone: the camera samples the screen's
    RGB stripes and black matrix at its own pitch (coloured moire); a window's reflection; a room around."""
    from tools.docgen.photographed import _table

    fw, fh = rng.choice(((3264, 2448), (3648, 2736)))
    sh, sw = screen.shape[:2]
    bezel, chin = round(0.022 * sw), round(0.05 * sw)
    lid_w, lid_h = sw + 2 * bezel, sh + bezel + chin
    quad = _tilted_quad(lid_w, lid_h, fw, fh, rng.uniform(0.86, 0.93), rng)
    quad[:, 1] -= rng.uniform(0.02, 0.06) * fh  # room for the deck below
    img = np.asarray(_room(fw, fh, rng) * rng.uniform(0.5, 0.75), np.float32)
    table = _table(fw, fh, rng) * 0.7
    img[round(fh * 0.6) :] = table[round(fh * 0.6) :]
    down = quad[3] - quad[0]
    deck_quad = np.array(
        [quad[3], quad[2], quad[2] + (quad[2] - quad[1]) * 0.7 + (quad[2] - quad[3]) * 0.1,
         quad[3] + down * 0.7 + (quad[3] - quad[2]) * 0.1],
        np.float32,
    )  # fmt: skip
    deck = _deck(lid_w, round(lid_h * 0.7), rng)
    warped, mask = _warp_into(deck, np.ones(deck.shape[:2], np.float32), deck_quad, fw, fh)
    img = np.asarray(img * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    src = np.array([[0, 0], [lid_w, 0], [lid_w, lid_h], [0, lid_h]], np.float32)
    inverse = np.linalg.inv(cv2.getPerspectiveTransform(src, quad.astype(np.float32)))
    xx, yy = np.meshgrid(np.arange(fw, dtype=np.float32) + 0.5, np.arange(fh, dtype=np.float32) + 0.5)
    den = inverse[2, 0] * xx + inverse[2, 1] * yy + inverse[2, 2]
    sx = np.asarray((inverse[0, 0] * xx + inverse[0, 1] * yy + inverse[0, 2]) / den - bezel, np.float32)
    sy = np.asarray((inverse[1, 0] * xx + inverse[1, 1] * yy + inverse[1, 2]) / den - bezel, np.float32)
    del xx, yy, den
    colour = np.asarray(
        cv2.remap(screen, sx - 0.5, sy - 0.5, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT), np.float32
    )
    fx = sx - np.floor(sx)
    fy = sy - np.floor(sy)
    stripes, matrix = rng.uniform(0.15, 0.3), rng.uniform(0.08, 0.2)  # what the lens leaves of the grid
    rows = 1 - matrix * np.cos(2 * np.pi * (fy - 0.45))
    for c, centre in enumerate((1 / 6, 1 / 2, 5 / 6)):
        colour[..., c] *= (1 + stripes * np.cos(2 * np.pi * (fx - centre))) * rows
    colour *= np.array((0.95, 1.0, 1.08), np.float32) * rng.uniform(0.92, 1.02)  # the screen's cool white
    on_screen = ((sx >= 0) & (sx < sw) & (sy >= 0) & (sy < sh)).astype(np.float32)
    on_lid = ((sx >= -bezel) & (sx < sw + bezel) & (sy >= -bezel) & (sy < sh + chin)).astype(np.float32)
    on_screen = np.asarray(cv2.GaussianBlur(on_screen, (0, 0), 0.7), np.float32)
    on_lid = np.asarray(cv2.GaussianBlur(on_lid, (0, 0), 0.7), np.float32)
    bezel_colour = np.array(rng.choice(((22, 22, 24), (36, 36, 40))), np.float32)
    img = img * (1 - on_lid[..., None]) + bezel_colour * on_lid[..., None]
    img = img * (1 - on_screen[..., None]) + colour * on_screen[..., None]
    cam_x, cam_y = sw / 2, -bezel / 2  # the webcam's dot
    webcam = np.exp(-((sx - cam_x) ** 2 + (sy - cam_y) ** 2) / (2 * (0.002 * sw) ** 2))
    img *= (1 - 0.6 * webcam)[..., None].astype(np.float32)
    # A window behind the photographer, reflected by the glossy screen: a bright soft trapezoid.
    wx, wy = rng.uniform(0.1, 0.7) * sw, rng.uniform(0.0, 0.5) * sh
    ww, wh = rng.uniform(0.2, 0.4) * sw, rng.uniform(0.3, 0.6) * sh
    window = np.clip((sx - wx) / 30, 0, 1) * np.clip((wx + ww - sx) / 30, 0, 1)
    window *= np.clip((sy - wy) / 30, 0, 1) * np.clip((wy + wh - sy) / 30, 0, 1)
    glow = rng.uniform(30, 60) * window * on_lid
    img += np.asarray(cv2.GaussianBlur(glow.astype(np.float32), (0, 0), 25), np.float32)[..., None]
    return np.asarray(img, np.float32)


def kk_layar_laptop(family: Family, rng: random.Random) -> RenderedDocument:
    """The e-KK in Palatino open in a browser's PDF viewer, photographed off the laptop's screen."""
    sheet, rows, _ = _kk_sheet(family, rng, ("palatino", "palatino-bold"), tte=True)
    sw, sh = rng.choice(_SCREENS)
    screen = _viewer(sheet, family, sw, sh, rng)
    img = _screen_photo(screen, rng)
    data = _phone_jpeg(img, rng, (0.5, 0.8), (80, 90))
    doc = RenderedDocument("kk", _decoded(data), _kk_truth(family), _members(rows), layout="kk-layar-laptop")
    doc.upload = data
    return doc


# --- akta: a 2000s regency Kutipan with a coffee ring, scanned to PDF by an office MFP's feeder ------------------


def _security_tint(h: int, w: int, rng: random.Random) -> Rgb:
    """The Kutipan's pre-printed paper: fine diagonal lines in a pale tint crossing each other, a double
    border."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(7, 10)
    a = np.abs(np.sin((xx + yy) * np.pi / period + 2 * np.sin(xx / 90))) ** 12
    b = np.abs(np.sin((xx - yy) * np.pi / period + 2 * np.sin(yy / 110))) ** 12
    tint = np.array(rng.choice(((0.3, 0.1, 0.25), (0.22, 0.08, 0.05), (0.08, 0.2, 0.3))), np.float32)
    loss = (0.5 * (a + b))[..., None] * tint
    edge = np.minimum(np.minimum(xx, w - 1 - xx), np.minimum(yy, h - 1 - yy))
    frame = ((np.abs(edge - 0.045 * w) < 5) | (np.abs(edge - 0.052 * w) < 2)).astype(np.float32)
    loss += frame[..., None] * np.array((0.5, 0.35, 0.1), np.float32)
    return np.asarray(np.array((250, 249, 243), np.float32) * (1 - loss), np.float32)


def _kutipan_474(family: Family, p: Person, rng: random.Random, serial: int) -> tuple[PdfSheet, str, float]:
    """The 2000s regency Kutipan: number `474.1/serial/office/year`, no NIK, "Nama Bayi", the birth's day of
    the week and its date in digits and again in words. The sheet, the number and the signature's y (pt)."""
    s = PdfSheet(595, 842)
    issued = min(p.birth_date + timedelta(days=rng.randint(14, 1500)), date(2026, 9, 30))
    number = f"474.1/{serial:04d}/{rng.choice(('CS', 'KCS', 'DKCS', 'Capil'))}/{issued.year}"
    regency = _region(family.regency_code)
    italic, bold = "schoolbook-italic", "helvetica-bold"
    s.centre(64, "REPUBLIK INDONESIA", 13, bold)
    s.centre(82, "PEMERINTAH " + regency, 11, bold)
    s.centre(128, "KUTIPAN AKTA KELAHIRAN", 19, bold)
    label = "Nomor : "
    lw = s.width(label, 11, italic)
    nw = s.width(number, 11.5, bold)
    s.text((595 - lw - nw) / 2, 154, label, 11, italic)
    s.text((595 - lw - nw) / 2 + lw, 153.6, number, 11.5, bold)
    office = "Kantor Catatan Sipil " + regency.title()
    y = _prose(
        s, 72, 196, 450,
        [(f"Menurut daftar register akta kelahiran yang disimpan pada {office}, ternyata:", italic)], 11, 16,
    )  # fmt: skip
    order = rng.randint(1, 5)
    born = p.birth_date
    day = f"{_DAYS[born.weekday()]}, {born.day:02d} {format_date(born, 'long-title').split(' ', 1)[1]}"
    rows = [
        ("Nama Bayi", p.name),
        ("Jenis Kelamin", _sex(p)),
        ("Anak ke", f"{order} ({number_words(order)})"),
        ("Tempat Kelahiran", p.place_of_birth),
        ("Hari dan Tanggal Lahir", day),
        ("", f"({format_date(born, 'words')})"),
        ("Nama Ayah", p.father_name),
        ("Nama Ibu", p.mother_name),
    ]
    y += 14
    for name, value in rows:
        if name:
            s.text(80, y, name, 11, italic)
            s.text(232, y, ":", 11, italic)
        size = s.fit(value, 11.5, bold, 290, 7)
        s.text(242, y - 0.4, value, size, bold)
        y += 19 if not name or value.startswith("(") else 25
    y += 14
    s.text(72, y, "Kutipan ini dikeluarkan sesuai dengan daftar register aslinya.", 10.5, italic)
    y += 40
    place = _issue_place(family).title()
    s.text(316, y, "Dikeluarkan di", 10.5, italic)
    s.text(400, y, ": " + place, 10.5, bold, max_w=140)
    s.text(316, y + 16, "pada tanggal", 10.5, italic)
    s.text(400, y + 16, ": " + format_date(issued, "long-title"), 10.5, bold, max_w=140)
    s.text(316, y + 40, "KEPALA KANTOR CATATAN SIPIL", 10, bold)
    s.text(316, y + 53, regency, 10, bold, max_w=220)
    s.text(316, y + 120, rng.choice(_OFFICIALS), 10, bold, max_w=220)
    s.line(316, y + 132, 500, y + 132, 0.5)
    s.text(316, y + 136, "NIP. " + _nip(rng), 9.5, italic)
    return s, number, y + 60


def _coffee_ring(rgb: Rgb, cx: float, cy: float, r: float, rng: random.Random) -> None:
    """A coffee cup's ring in place: a dark rim (dried coffee gathers at the edge), a pale fill, the ring
    broken where the cup's foot did not touch, a drip or two."""
    h, w = rgb.shape[:2]
    x0, x1 = max(0, round(cx - 1.3 * r)), min(w, round(cx + 1.3 * r))
    y0, y1 = max(0, round(cy - 1.3 * r)), min(h, round(cy + 1.3 * r))
    if x1 <= x0 or y1 <= y0:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    theta = np.arctan2(yy - cy, xx - cx)
    wobble = sum(rng.uniform(0.005, 0.02) * np.sin(k * theta + rng.uniform(0, 6.3)) for k in (2, 3, 5, 9))
    dist = np.hypot(xx - cx, yy - cy) / (r * (1 + wobble))
    start, span = rng.uniform(0, 2 * math.pi), rng.uniform(1.2, 2 * math.pi)
    arc = ((theta - start) % (2 * math.pi) < span).astype(np.float32)
    arc = np.asarray(cv2.GaussianBlur(arc, (0, 0), r * 0.08), np.float32)
    rim = np.exp(-(((dist - 1) / rng.uniform(0.012, 0.025)) ** 2)) * arc * rng.uniform(0.45, 0.7)
    fill = (dist < 1).astype(np.float32) * rng.uniform(0.05, 0.14)
    fill *= 1 + 0.5 * _smooth_field(rng, (5, 5), (x1 - x0, y1 - y0))
    stain = np.clip(rim + np.clip(fill, 0, 1), 0, 0.85)
    absorb = np.array((0.45, 0.62, 0.8), np.float32)  # coffee: blue goes first, red last
    rgb[y0:y1, x0:x1] *= 1 - stain[..., None] * absorb
    for _ in range(rng.randint(0, 2)):  # drips
        a = rng.uniform(0, 2 * math.pi)
        dx, dy = cx + 1.15 * r * math.cos(a), cy + 1.15 * r * math.sin(a)
        rr = rng.uniform(0.04, 0.09) * r
        bx0, bx1 = max(0, round(dx - 2 * rr)), min(w, round(dx + 2 * rr))
        by0, by1 = max(0, round(dy - 2 * rr)), min(h, round(dy + 2 * rr))
        if bx1 <= bx0 or by1 <= by0:
            continue
        py, px = np.mgrid[by0:by1, bx0:bx1].astype(np.float32)
        d = np.hypot(px - dx, py - dy) / rr
        drop = np.clip(1 - d, 0, 1) ** 0.3 * 0.18 + np.exp(-(((d - 1) / 0.1) ** 2)) * 0.4
        rgb[by0:by1, bx0:bx1] *= 1 - drop[..., None] * absorb


def _mfp_scan(rgb: Rgb, rng: random.Random) -> Image.Image:
    """An office MFP's feeder scan at 150 dpi from a 300 dpi page: a slight skew, the page a little short of
    the scan area (a dark strip at one edge), a dust line from the feeder's glass the whole page down, the
    paper pushed to white and the print sharpened as its "text" setting does."""
    h, w = rgb.shape[:2]
    small = np.asarray(cv2.resize(rgb, (w // 2, h // 2), interpolation=cv2.INTER_AREA), np.float32)
    sh, sw = small.shape[:2]
    matrix = cv2.getRotationMatrix2D((sw / 2, sh / 2), rng.uniform(-1.1, 1.1), 1.0)
    matrix[:, 2] += np.array((rng.uniform(-6, 6), rng.uniform(-4, 8)))
    dark = rng.uniform(40, 80)
    img = np.asarray(
        cv2.warpAffine(small, matrix, (sw, sh), flags=cv2.INTER_LINEAR, borderValue=(dark, dark, dark)),
        np.float32,
    )
    img = np.clip((img - 12) / (232 - 12) * 255, 0, 255)  # background removal
    img = img + 0.6 * (img - cv2.GaussianBlur(img, (0, 0), 1.2))
    line_x = rng.uniform(0.1, 0.9) * sw
    xs = np.arange(sw, dtype=np.float32)
    dust = np.exp(-(((xs - line_x) / rng.uniform(0.5, 0.9)) ** 2)) * rng.uniform(0.35, 0.6)
    img *= (1 - dust)[None, :, None]
    img += _noise(rng).normal(0, 2.0, img.shape).astype(np.float32)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def akta_pindai_pdf(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The 2000s regency Kutipan with a coffee ring, scanned to a one-page PDF by an office MFP's feeder at
    150 dpi."""
    sheet, number, sign_y = _kutipan_474(family, p, rng, serial)
    dpi = 300
    k = dpi / 72
    grey = np.asarray(sheet.render(dpi), np.float32) / 255
    paper = _security_tint(grey.shape[0], grey.shape[1], rng)
    rgb = np.asarray(paper * grey[..., None] + np.array((22, 22, 30), np.float32) * (1 - grey[..., None]),
                     np.float32)  # fmt: skip
    _blue_signature(rgb, 330 * k, sign_y * k, 150 * k, 40 * k, rng)
    _blue_stamp(
        rgb, 310 * k, (sign_y + 18) * k, 48 * k, ("KANTOR CATATAN SIPIL", _issue_place(family)[:14]), rng
    )
    h, w = rgb.shape[:2]
    _coffee_ring(
        rgb, rng.uniform(0.25, 0.75) * w, rng.uniform(0.2, 0.85) * h, rng.uniform(0.13, 0.18) * w, rng
    )
    scan = _mfp_scan(rgb, rng)
    buf = io.BytesIO()
    scan.save(buf, format="JPEG", quality=rng.randint(35, 55))
    producer = rng.choice(
        ("Canon iR-ADV C3525 PDF", "KONICA MINOLTA bizhub C258", "RICOH IM C2000", "Scan to PDF")
    )
    pdf = _image_pdf(
        buf.getvalue(),
        scan.size,
        (595.28, 841.89),
        "/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
        producer,
    )
    doc = RenderedDocument("akta", _pdf_picture(pdf, 150, grey=False), _akta_truth(number, p, nik=False),
                           layout="akta-pindai-pdf")  # fmt: skip
    doc.upload = pdf
    return doc


# --- akta: a Kutipan soaked in a flood and dried, cockled, photographed under side light -------------------------


def _kutipan_prose(family: Family, p: Person, rng: random.Random, serial: int) -> tuple[PdfSheet, str, float]:
    """A Kutipan in prose: NIK and number on their lines, one sentence whose values are in Palatino Bold
    among Bookman Light Italic phrases. The sheet, the number and the signature's y (pt)."""
    s = PdfSheet(595, 842)
    number = akta_number(family, p, serial)
    phrase, value, title = "bookman-italic", "palatino-bold", "times-bold-italic"
    s.rect(34, 34, 527, 774, 1.6, 0.3)
    s.centre(74, "REPUBLIK INDONESIA", 14, title)
    s.centre(94, "PENCATATAN SIPIL", 12, title)
    s.centre(136, "KUTIPAN AKTA KELAHIRAN", 21, title)
    s.text(80, 184, "NIK", 11.5, phrase)
    s.text(150, 184, ":  " + p.nik, 12, value)
    s.text(80, 206, "No. Akta", 11.5, phrase)
    s.text(150, 206, ":  " + number, 12, value)
    order = rng.randint(1, 5)
    runs = [
        ("Bahwa di", phrase),
        (p.place_of_birth, value),
        ("pada tanggal", phrase),
        (format_date(p.birth_date, "words"), value),
        ("telah lahir seorang anak", phrase),
        (_sex(p), value),
        ("bernama", phrase),
        (p.name + ",", value),
        ("anak ke", phrase),
        (number_words(order) + ",", value),
        ("dari ayah", phrase),
        (p.father_name, value),
        ("dan ibu", phrase),
        (p.mother_name + ".", value),
    ]
    y = _prose(s, 80, 258, 440, runs, 12, 27)
    y += 30
    place = _issue_place(family).title()
    s.text(300, y, f"Kutipan ini dikeluarkan di {place},", 11, phrase, max_w=250)
    s.text(300, y + 17, "pada tanggal " + format_date(family.issue_date, "long-title"), 11, phrase, max_w=250)
    s.text(300, y + 44, "KEPALA DINAS KEPENDUDUKAN DAN", 10, value)
    s.text(300, y + 57, "PENCATATAN SIPIL " + _region(family.regency_code), 10, value, max_w=240)
    s.text(300, y + 126, rng.choice(_OFFICIALS), 10, value, max_w=240)
    s.text(300, y + 139, "NIP. " + _nip(rng), 9.5, phrase)
    return s, number, y + 70


def _flooded(rgb: Rgb, ink: npt.NDArray[np.floating[Any]], rng: random.Random) -> Rgb:
    """The page after a flood, dried: below the water's line the paper yellowed and mottled, the print
    softened and paler, the ink of `ink` (stamp and signature, the loss they make) bled; a brown tide line
    where the water stood and a fainter one where it stood first; mould specks along the line, mud."""
    h, w = rgb.shape[:2]
    field = _smooth_field(rng, (6, 4), (w, h)) + 0.25 * _smooth_field(rng, (18, 12), (w, h))
    rise = (1 - np.arange(h, dtype=np.float32) / h)[:, None]  # 0 at the page's foot
    g = rise + 0.03 * field
    level = rng.uniform(0.55, 0.78)  # up into the sentence
    wet = 1 / (1 + np.exp(np.clip((g - level) / 0.004, -50, 50)))
    soft = np.asarray(cv2.GaussianBlur(rgb, (0, 0), rng.uniform(0.9, 1.4)), np.float32)
    soft = 255 - (255 - soft) * rng.uniform(0.78, 0.88)  # some of the print washed out
    out = rgb * (1 - wet[..., None]) + soft * wet[..., None]
    bled = np.asarray(cv2.GaussianBlur(ink, (0, 0), rng.uniform(2.5, 4.0)), np.float32) * 0.8
    loss = ink * (1 - wet[..., None]) + bled * wet[..., None]
    out = out * (1 - loss)
    mottle = 0.6 + 0.4 * np.clip(_smooth_field(rng, (16, 12), (w, h)), -1, 1)
    yellow = np.array((0.05, 0.12, 0.3), np.float32)
    out *= 1 - (wet * mottle * rng.uniform(0.4, 0.7))[..., None] * yellow
    for lvl, strength in (
        (level, rng.uniform(0.45, 0.65)),
        (level + rng.uniform(0.04, 0.1), rng.uniform(0.15, 0.3)),
    ):
        line = np.exp(-(((g - lvl) / rng.uniform(0.0025, 0.004)) ** 2)) * strength
        out *= 1 - line[..., None] * np.array((0.3, 0.55, 0.85), np.float32)
    nrng = _noise(rng)
    specks = (nrng.random((h, w)) < 0.0004) * np.exp(-(((g - level) / 0.05) ** 2))
    specks = np.asarray(cv2.GaussianBlur(specks.astype(np.float32), (0, 0), 1.6), np.float32) * 8
    out *= 1 - np.clip(specks, 0, 0.7)[..., None] * np.array((0.6, 0.65, 0.7), np.float32)
    for _ in range(rng.randint(2, 5)):  # mud
        cx, cy, r = rng.uniform(0.05, 0.95) * w, rng.uniform(0.75, 0.99) * h, rng.uniform(0.01, 0.03) * w
        mud = np.zeros((h, w), np.float32)
        cv2.ellipse(mud, (round(cx), round(cy)), (round(r), round(r * rng.uniform(0.4, 0.9))),
                    rng.uniform(0, 180), 0, 360, 1.0, -1)  # fmt: skip
        mud = np.asarray(cv2.GaussianBlur(mud, (0, 0), r * 0.3), np.float32) * rng.uniform(0.25, 0.45)
        out *= 1 - mud[..., None] * np.array((0.55, 0.6, 0.7), np.float32)
    return np.asarray(out, np.float32)


def akta_bekas_banjir(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The prose Kutipan soaked in a flood and dried: tide lines, yellowing, bled stamp, cockled paper,
    photographed on a table under side light."""
    from tools.docgen.photographed import _table

    sheet, number, sign_y = _kutipan_prose(family, p, rng, serial)
    dpi = 200
    k = dpi / 72
    grey = np.asarray(sheet.render(dpi), np.float32) / 255
    rgb = _ink_on(grey, (248, 246, 238), (24, 24, 28))
    ink = np.full_like(rgb, 255)
    _blue_signature(ink, 320 * k, sign_y * k, 150 * k, 40 * k, rng)
    _blue_stamp(ink, 300 * k, (sign_y + 20) * k, 48 * k, ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
                                                            _issue_place(family)[:14]), rng)  # fmt: skip
    page = _flooded(rgb, 1 - ink / 255, rng)
    ph, pw = grey.shape
    curl = rng.uniform(0.01, 0.03) * pw

    def across(s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(curl * (2 * s / pw - 1) ** 2, np.float64)

    def along(t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(0.5 * curl * (2 * t / ph - 1) ** 2, np.float64)

    cell = 12.0
    gw, gh = pw // 12 + 2, ph // 12 + 2
    cockle = rng.uniform(0.006, 0.012) * pw
    waves = cockle * (_smooth_field(rng, (9, 7), (gw, gh)) + 0.5 * _smooth_field(rng, (16, 12), (gw, gh)))
    rise = np.linspace(0, 1, gh, dtype=np.float32)[:, None]  # the soaked foot cockles most
    waves *= 0.35 + 0.65 * rise
    sheet3d = _bent_sheet(pw, ph, across, along, np.asarray(waves, np.float32), cell)
    fw, fh = rng.choice(((2448, 3264), (2304, 3072)))
    focal = rng.uniform(0.75, 0.85) * fw
    fill = rng.uniform(0.74, 0.84)
    target = np.array([pw / 2, ph / 2, 0.0])
    tilt, heading = math.radians(rng.uniform(8, 22)), rng.uniform(0, 2 * math.pi)
    distance = focal * ph / (fill * fh)
    eye = target + distance * np.array(
        [math.sin(tilt) * math.cos(heading), math.sin(tilt) * math.sin(heading), math.cos(tilt)]
    )
    cam = _aim(target, eye, rng.uniform(-4, 4), focal, (fw, fh))
    side = rng.uniform(0, 2 * math.pi)
    light = np.array([math.cos(side), math.sin(side), rng.uniform(0.6, 1.0)])  # low: the waves show
    shade = _sheet_shading(sheet3d, light, rng.uniform(0.35, 0.5))
    shade = shade / float(np.percentile(shade, 95)) * rng.uniform(0.98, 1.06)
    background = _table(fw, fh, rng)
    img, mask = _photograph_sheet(page, sheet3d, cam, background, shade)
    shadow = np.roll(
        cv2.GaussianBlur(mask, (0, 0), 14), (rng.randint(6, 18), rng.randint(6, 18)), axis=(0, 1)
    )
    img *= (1 - 0.35 * np.clip(shadow - mask, 0, 1))[..., None]
    _light(img, rng, (0.0, 0.12))
    data = _phone_jpeg(img, rng, (0.5, 0.9), (80, 90))
    doc = RenderedDocument("akta", _decoded(data), _akta_truth(number, p), layout="akta-bekas-banjir")
    doc.upload = data
    return doc


# --- KTP-el: the card's print in Helvetica Light (both KTP layouts of this round) -------------------------------

_CARD_W, _CARD_H = 242.6, 153.0  # ID-1, 85.6 x 54 mm, in points
_PHOTO = (181.0, 35.0, 231.0, 97.0)  # the photo's place on the card (pt)


def _card_light(family: Family, p: Person, rng: random.Random, dpi: float) -> tuple[Image.Image, str]:
    """The card's print (grey) in Helvetica Light, the heading and NIK in Helvetica Bold; the photo (a
    silhouette), the issue place and date and the signature under it. The print and the issue place."""
    s = PdfSheet(_CARD_W, _CARD_H)
    bold, light = "helvetica-bold", "helvetica-light"
    s.centre(7, "PROVINSI " + _region(family.province_code), 7.4, bold)
    s.centre(16, _region(family.regency_code), 7.4, bold)
    colon = 61.0
    s.text(9, 28, "NIK", 8.2, bold)
    s.text(colon, 28, ":", 8.2, bold)
    s.text(colon + 4, 27.5, p.nik, 9.0, bold)
    size, step = 5.7, 7.15
    born = format_date(p.birth_date, rng.choice(("dmy-dash", "dmy-dash", "dmy-slash")))

    def row(x: float, y: float, label: str, value: str, c: float = colon, right: float = 177.0) -> None:
        if label:
            s.text(x, y, label, size, light)
            s.text(c, y, ":", size, light)
        s.text(c + 3.5, y, value, size, light, max_w=right - c - 3.5)

    y = 39.0
    row(9, y, "Nama", p.name)
    y += step
    row(9, y, "Tempat/Tgl Lahir", f"{p.place_of_birth}, {born}")
    y += step
    row(9, y, "Jenis Kelamin", _sex(p), right=113)
    row(116, y, "Gol. Darah", _blood(p), c=146)
    lines = _wrap(family.address, 33)
    y += step
    row(9, y, "Alamat", lines[0])
    for more in lines[1:]:
        y += step
        row(9, y, "", more)
    for name, text in (("RT/RW", f"{family.rt}/{family.rw}"), ("Kel/Desa", _region(family.village_code)),
                       ("Kecamatan", _region(family.district_code))):  # fmt: skip
        y += step
        row(15, y, name, text)
    for name, text in (("Agama", p.religion), ("Status Perkawinan", p.marital_status),
                       ("Pekerjaan", p.occupation), ("Kewarganegaraan", p.citizenship),
                       ("Berlaku Hingga", "SEUMUR HIDUP")):  # fmt: skip
        y += step
        row(9, y, name, text)
    place = _issue_place(family)
    x0, _, x1, y1 = _PHOTO
    s.centre(y1 + 5, place, 5.6, light, x0 - 8, x1 + 8)
    s.centre(y1 + 12, format_date(family.issue_date, "dmy-dash"), 5.6, light, x0 - 8, x1 + 8)
    pg = _page_of(s.render(dpi), rng)
    k = dpi / 72
    left, top, right, bottom = (round(v * k) for v in _PHOTO)
    pg.photo_box(left, top, right, bottom)
    pg.signature((x0 + 4) * k, (y1 + 19) * k, 40 * k, 10 * k)
    return pg.img, place


def _card_colour(grey: Image.Image, p: Person, rng: random.Random, dpi: float) -> Rgb:
    """The print on the card's tinted security background; the photo's background red for an odd birth
    year and blue for an even one (DOMAIN.md)."""
    from tools.docgen.photographed import _card_rgb

    rgb = _card_rgb(grey, rng)
    k = dpi / 72
    x0, y0, x1, y1 = (round(v * k) for v in _PHOTO)
    box = np.asarray(grey, np.float32)[y0:y1, x0:x1]
    backdrop = np.array((196, 38, 40) if p.birth_date.year % 2 else (40, 86, 180), np.float32)
    sitter = np.array(rng.choice(((60, 50, 48), (80, 64, 56))), np.float32)
    person = (box < 150)[..., None]
    rgb[y0 + 2 : y1 - 2, x0 + 2 : x1 - 2] = np.where(person, sitter, backdrop)[2:-2, 2:-2]
    return rgb


def _card_back(h: int, w: int, rng: random.Random) -> Rgb:
    """The card's reverse: its security print only (waves, a rosette, the emblem's place in a pale tint)."""
    from tools.docgen.photographed import _guilloche

    back = _guilloche(w, h, rng)
    layer = Image.new("RGB", (w, h), (255, 255, 255))
    _emblem_place(ImageDraw.Draw(layer), w / 2, h / 2, 0.25 * h, (205, 214, 226))
    return np.asarray(back * np.asarray(layer, np.float32) / 255, np.float32)


# --- KTP-el: front and back photocopied at actual size on one A4 sheet -----------------------------------------


def _halftone(lum: Grey, rng: random.Random) -> Grey:
    """A black-and-white copier's output (1 ink, 0 paper): the light background dropped, the rest screened
    into dots (a clustered-dot screen at 45 degrees, 4-5.5 pixels a period at 300 dpi); text stays solid."""
    h, w = lum.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(4.0, 5.5)
    a = math.radians(rng.choice((45.0, 37.0, 53.0)))
    u = (xx * math.cos(a) + yy * math.sin(a)) * (2 * math.pi / period)
    v = (-xx * math.sin(a) + yy * math.cos(a)) * (2 * math.pi / period)
    screen = 0.5 - 0.25 * (np.cos(u) + np.cos(v))
    white = rng.uniform(218, 230)
    cover = np.clip((white - lum) / (white - 50), 0, 1) ** 0.85
    return np.asarray(cover > screen, np.float32)


def ktp_fotokopi_bolak_balik(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card's front and back copied at actual size on one A4 sheet by a black-and-white copier, the
    sheet scanned at 300 dpi to a grey JPEG."""
    from tools.docgen.photographed import _rounded_mask

    dpi = 300
    grey, place = _card_light(family, p, rng, dpi)
    front = _card_colour(grey, p, rng, dpi)
    ch, cw = front.shape[:2]
    back = _card_back(ch, cw, rng)
    pw, ph = 2480, 3508
    lum = np.full((ph, pw), 250, np.float32)
    rim = np.zeros((ph, pw), np.float32)
    if rng.random() < 0.7:  # one above the other
        x = (pw - cw) / 2 + rng.uniform(-150, 150)
        top = rng.uniform(220, 520)
        spots = [(x + rng.uniform(-30, 30), top), (x + rng.uniform(-30, 30), top + ch + rng.uniform(80, 260))]
    else:  # side by side
        gap = rng.uniform(60, 180)
        left = (pw - 2 * cw - gap) / 2 + rng.uniform(-60, 60)
        top = rng.uniform(260, 700)
        spots = [(left, top + rng.uniform(-20, 20)), (left + cw + gap, top + rng.uniform(-20, 20))]
    if rng.random() < 0.2:
        spots.reverse()  # the back copied first
    mask = _rounded_mask(cw, ch)
    weights = np.array((0.299, 0.587, 0.114), np.float32)
    for card, (x, y) in zip((front, back), spots, strict=True):
        matrix = cv2.getRotationMatrix2D((cw / 2, ch / 2), rng.uniform(-3.0, 3.0), 1.0)
        matrix[:, 2] += np.array((x, y))
        seen = cv2.warpAffine(
            np.asarray(card @ weights, np.float32), matrix, (pw, ph), flags=cv2.INTER_LINEAR
        )
        m = np.asarray(cv2.warpAffine(mask, matrix, (pw, ph), flags=cv2.INTER_LINEAR), np.float32)
        lum = lum * (1 - m) + seen * m
        rim = np.maximum(rim, np.clip(m - cv2.erode(m, np.ones((5, 5), np.uint8)), 0, 1))
    lum *= 1 - 0.85 * rim  # the card's edge throws a dark line on a copy
    ink = _halftone(np.asarray(lum, np.float32), rng)
    ink = np.asarray(cv2.GaussianBlur(ink, (0, 0), 0.6), np.float32)  # the toner spreads
    nrng = _noise(rng)
    ink = np.maximum(ink, (nrng.random((ph, pw)) < 0.0003).astype(np.float32))  # toner specks
    paper = rng.uniform(238, 248)
    copy = paper - ink * (paper - rng.uniform(22, 40))
    band = rng.uniform(0.0, 0.06) * np.exp(
        -(((np.arange(pw) - rng.uniform(0, pw)) / rng.uniform(30, 90)) ** 2)
    )
    copy = copy * (1 - band[None, :])  # a faint band from the copier's drum
    scanned = Image.fromarray(np.clip(copy, 0, 255).astype(np.uint8), "L")
    scanned = scanned.rotate(
        rng.uniform(-0.7, 0.7), resample=Image.Resampling.BICUBIC, fillcolor=round(paper)
    )
    arr = np.asarray(cv2.GaussianBlur(np.asarray(scanned, np.float32), (0, 0), 0.5), np.float32)
    arr += nrng.normal(0, 2.0, arr.shape).astype(np.float32)
    data = _jpeg(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L"), rng.randint(78, 90))
    doc = RenderedDocument(
        "ktp",
        _decoded(data).convert("L"),
        _issued_card_truth(family, p, place),
        layout="ktp-fotokopi-bolak-balik",
    )
    doc.upload = data
    return doc


# --- KTP-el: a screenshot of WhatsApp's image viewer showing a photo of the card ---------------------------------

_SENDERS = ("Mama", "Papa", "Bapak", "Ibu", "Kakak", "Adek", "Pak RT 03", "Suami", "Istri", "Mas", "Mbak")
_CAPTIONS = (
    "ini ktp bapak ya",
    "Foto KTP buat daftar",
    "ini ya",
    "ktp nya mama",
    "Ini KTP nya, tolong didaftarin",
    "udah aku fotoin",
    "",
)


def _card_on_table(card: Rgb, rng: random.Random) -> tuple[Image.Image, npt.NDArray[np.float32]]:
    """The card on a table photographed by a phone and sent through WhatsApp (1600 px, JPEG 55-68): the
    photo as received and the card's corners in it."""
    from tools.docgen.photographed import _rounded_mask, _table

    fw, fh = 1600, 1200
    quad = _tilted_quad(card.shape[1], card.shape[0], fw, fh, rng.uniform(0.7, 0.86), rng)
    warped, mask = _warp_into(card, _rounded_mask(card.shape[1], card.shape[0]), quad, fw, fh)
    table = _table(fw, fh, rng)
    shadow = np.roll(cv2.GaussianBlur(mask, (0, 0), 8), (rng.randint(4, 12), rng.randint(4, 12)), axis=(0, 1))
    table *= (1 - 0.35 * shadow)[..., None]
    img = np.asarray(table * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    _light(img, rng, (0.0, 0.12))
    camera = _phone_jpeg(img, rng, (0.5, 0.8), (85, 92))
    return _decoded(_jpeg(_decoded(camera), rng.randint(55, 68))), quad


def _status_bar(d: ImageDraw.ImageDraw, w: int, clock: str, rng: random.Random) -> None:
    f = _ui_font(34)
    d.text((48, 22), clock, font=f, fill=(255, 255, 255))
    battery = rng.randint(12, 96)
    x = w - 60
    d.rectangle((x - 44, 30, x, 54), outline=(255, 255, 255), width=3)
    d.rectangle((x - 41, 33, x - 41 + round(38 * battery / 100), 51), fill=(255, 255, 255))
    d.text((x - 124, 22), f"{battery}%", font=_ui_font(30), fill=(255, 255, 255))
    for i in range(4):  # the signal's bars
        bx = x - 190 + 12 * i
        d.rectangle((bx, 54 - 7 * (i + 1), bx + 7, 54), fill=(255, 255, 255))


def ktp_tangkapan_wa(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """A screenshot of WhatsApp's image viewer showing a photo of the card a family member sent."""
    dpi = 330
    grey, place = _card_light(family, p, rng, dpi)
    photo, quad = _card_on_table(_card_colour(grey, p, rng, dpi), rng)
    w, h = rng.choice(((1080, 2400), (1080, 2340), (1080, 2220)))
    zoom = rng.uniform(1.0, 1.45) if rng.random() < 0.6 else 1.0
    sw = round(w * zoom)
    sh = round(sw * photo.height / photo.width)
    shown = photo.resize((sw, sh), Image.Resampling.BILINEAR)
    cx = float(quad[:, 0].mean()) * sw / photo.width
    x0 = round(min(max(cx - w / 2, 0), sw - w))
    screen = Image.new("RGB", (w, h), (0, 0, 0))
    top = (h - sh) // 2 + round(rng.uniform(-0.05, 0.05) * h * (zoom - 1))
    screen.paste(shown.crop((x0, 0, x0 + w, sh)), (0, top))
    d = ImageDraw.Draw(screen)
    hour, minute = rng.randint(6, 22), rng.randint(0, 59)
    _status_bar(d, w, f"{hour:02d}.{(minute + rng.randint(1, 30)) % 60:02d}", rng)
    bar = 90
    d.line((48, bar + 66, 92, bar + 66), fill=(255, 255, 255), width=5)  # the back arrow
    d.line((48, bar + 66, 68, bar + 46), fill=(255, 255, 255), width=5)
    d.line((48, bar + 66, 68, bar + 86), fill=(255, 255, 255), width=5)
    sender = (
        rng.choice(_SENDERS)
        if rng.random() < 0.8
        else f"+62 8{rng.randint(11, 59)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    )
    d.text((132, bar + 22), sender, font=_ui_font(44), fill=(255, 255, 255))
    when = rng.choice(("Hari ini", "Kemarin"))
    d.text((132, bar + 78), f"{when} {hour:02d}.{minute:02d}", font=_ui_font(32), fill=(190, 190, 190))
    white = (255, 255, 255)
    ix, iy = w - 70, bar + 70
    for dy in (-16, 0, 16):  # the menu's three dots
        d.ellipse((ix - 4, iy + dy - 4, ix + 4, iy + dy + 4), fill=white)
    ix -= 110  # forward: an arrow bent to the right
    d.line([(ix - 20, iy + 16), (ix - 20, iy + 2), (ix + 18, iy + 2)], fill=white, width=4)
    d.polygon([(ix + 20, iy + 2), (ix + 6, iy - 10), (ix + 6, iy + 14)], fill=white)
    ix -= 110  # star
    star = [
        (
            ix + (20 if j % 2 == 0 else 8) * math.sin(j * math.pi / 5),
            iy - (20 if j % 2 == 0 else 8) * math.cos(j * math.pi / 5),
        )
        for j in range(10)
    ]
    d.polygon(star, outline=white, width=3)
    caption = rng.choice(_CAPTIONS)
    if caption:
        f = _ui_font(40)
        tw = d.textlength(caption, font=f)
        d.rectangle((0, h - 330, w, h - 230), fill=(20, 20, 20))
        d.text(((w - tw) / 2, h - 306), caption, font=f, fill=(255, 255, 255))
    d.rounded_rectangle((w // 2 - 110, h - 44, w // 2 + 110, h - 34), radius=5, fill=(230, 230, 230))
    truth = _issued_card_truth(family, p, place)
    if rng.random() < 0.35:  # some phones save screenshots as JPEG
        data = _jpeg(screen, rng.randint(88, 95))
        doc = RenderedDocument("ktp", _decoded(data), truth, layout="ktp-tangkapan-wa")
        doc.upload = data
        return doc
    return RenderedDocument("ktp", screen, truth, layout="ktp-tangkapan-wa")


# --- SKPWNI: the certificate in Helvetica, received by fax ---------------------------------------------------------


def _skpwni_helvetica(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> tuple[PdfSheet, dict[str, str], float]:
    """The Dinas's certificate in Helvetica: letterhead, numbered items under DATA DAERAH ASAL, DATA
    KEPINDAHAN (the destination inside it) and the choices in capitals. The sheet, its truth and the
    signature's y (pt)."""
    s = PdfSheet(595, 842)
    number = _skpwni_number(origin, serial)
    mv = _move(rng, origin)
    regency = _region(origin.regency_code)
    bold, face = "helvetica-bold", "helvetica"
    s.centre(40, "PEMERINTAH " + regency, 13, bold)
    s.centre(57, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 13, bold)
    street = rng.choice(("Jl. Veteran", "Jl. Pemuda", "Jl. Diponegoro", "Jl. Pahlawan"))
    s.centre(
        74,
        f"{street} No. {rng.randint(1, 120)} Telp. ({rng.randint(21, 778):04d}) {rng.randint(100000, 999999)}",
        9,
        face,
    )
    s.line(40, 88, 555, 88, 2.2)
    s.line(40, 91.5, 555, 91.5, 0.7)
    s.centre(108, "SURAT KETERANGAN PINDAH WNI", 13.5, bold)
    s.centre(126, "Nomor : " + number, 11, face)
    size, step, colon = 11.0, 18.5, 250.0
    y = 156.0

    def head(text: str) -> None:
        nonlocal y
        s.text(48, y, text, 11.5, bold)
        y += step + 2

    def item(label: str, value: str, x: float = 56) -> None:
        nonlocal y
        s.text(x, y, label, size, face)
        s.text(colon, y, ":", size, face)
        room = 545 - colon - 8
        words, line = value.split(), ""
        while words:  # a long value carried onto the next line
            if line and s.width(f"{line} {words[0]}", size, face) > room:
                s.text(colon + 8, y, line, size, face, max_w=room)
                y += step - 2
                line = ""
            line = f"{line} {words.pop(0)}".strip()
        s.text(colon + 8, y, line, size, face, max_w=room)
        y += step

    def where(fam: Family) -> None:
        item("RT / RW", f"{fam.rt} / {fam.rw}", 76)
        item("Desa/Kelurahan", _region(fam.village_code), 76)
        item("Kecamatan", _region(fam.district_code), 76)
        item("Kabupaten/Kota", _region(fam.regency_code), 76)
        item("Provinsi", _region(fam.province_code), 76)
        item("Kode Pos", fam.postal_code, 76)

    head("DATA DAERAH ASAL")
    item("1. Nomor Kartu Keluarga", origin.kk_number)
    item("2. Nama Kepala Keluarga", origin.head.name)
    item("3. Alamat", origin.address)
    where(origin)
    item("4. NIK Pemohon", p.nik)
    item("5. Nama Lengkap", p.name)
    y += 8
    head("DATA KEPINDAHAN")
    item("1. Alasan Pindah", MOVE_REASONS[mv.reason])
    item("2. Alamat Tujuan Pindah", dest.address)
    where(dest)
    item("3. Klasifikasi Pindah", move_class(origin, dest))
    item("4. Jenis Kepindahan", MOVE_TYPES[mv.kind])
    item("5. Tanggal Pindah", format_date(mv.day, rng.choice(("dmy-dash", "dmy-slash", "long"))))
    y += 20
    place = _issue_place(origin).title()
    s.text(330, y, f"{place}, {format_date(origin.issue_date, 'long-title')}", 11, face, max_w=220)
    s.text(330, y + 16, "KEPALA DINAS", 11, bold)
    s.text(330, y + 88, rng.choice(_OFFICIALS), 11, bold, max_w=220)
    s.text(330, y + 103, "NIP. " + _nip(rng), 10, face)
    return s, _skpwni_truth(origin, dest, p, number, mv), y + 30


_FAX_W, _FAX_LINES = 1728, 1143  # A4 at 8 pixels a millimetre across, 3.85 lines a millimetre down


def skpwni_faks(origin: Family, dest: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The certificate received by fax (standard resolution, one bit a pixel), delivered as a one-page PDF."""
    sheet, truth, sign_y = _skpwni_helvetica(origin, dest, p, rng, serial)
    dpi = 204
    k = dpi / 72
    pg = _page_of(sheet.render(dpi), rng)
    pg.signature(350 * k, (sign_y + 4) * k, 140 * k, 36 * k)
    pg.stamp(330 * k, (sign_y + 20) * k, 46 * k, "DUKCAPIL|" + _issue_place(origin)[:12])
    page = np.full((round(842 / 72 * dpi), _FAX_W), 255, np.float32)
    printed = np.asarray(pg.img, np.float32)
    left = (_FAX_W - printed.shape[1]) // 2
    page[: printed.shape[0], left : left + printed.shape[1]] = printed[: page.shape[0]]
    matrix = cv2.getRotationMatrix2D((_FAX_W / 2, page.shape[0] / 2), rng.uniform(-1.8, 1.8), 1.0)
    matrix[:, 2] += np.array((rng.uniform(-10, 10), rng.uniform(0, 25)))  # fed crooked, a little late
    page = np.asarray(cv2.warpAffine(page, matrix, (_FAX_W, page.shape[0]), borderValue=255), np.float32)
    lines = np.asarray(cv2.resize(page, (_FAX_W, _FAX_LINES), interpolation=cv2.INTER_AREA), np.float32)
    nrng = _noise(rng)
    streak_x = rng.randint(80, _FAX_W - 80)  # dirt on the sender's scanner glass
    lines[:, streak_x : streak_x + rng.randint(1, 3)] *= rng.uniform(0.1, 0.4)
    lines += nrng.normal(0, 14, lines.shape).astype(np.float32)
    white = (lines > rng.uniform(138, 160)).astype(np.uint8)  # 1 paper, 0 black
    for _ in range(rng.randint(2, 6)):  # transmission errors: a line lost, or the one before repeated
        row = rng.randint(60, _FAX_LINES - 2)
        if rng.random() < 0.5:
            white[row] = 1
        else:
            white[row : row + rng.randint(1, 3)] = white[row - 1]
    burst = rng.randint(100, _FAX_LINES - 4)
    white[burst] = (nrng.random(_FAX_W) > 0.15).astype(np.uint8)
    # The sending machine's header line, in its own bitmap face, across the top.
    sent = origin.issue_date + timedelta(days=rng.randint(0, 20))
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    tti = (
        f"{sent.day:02d}-{months[sent.month - 1]}-{sent.year} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}"
        f"   FROM:DISDUKCAPIL {_issue_place(origin)[:16]}   TEL:0{rng.randint(21, 778)}{rng.randint(100000, 999999)}"
        f"   P.01/01"
    )
    strip = Image.new("L", (_FAX_W, 40), 255)
    ImageDraw.Draw(strip).text((24, 6), tti, font=vfont(24, "mono", True), fill=0)
    header = np.asarray(strip.resize((_FAX_W, 19), Image.Resampling.NEAREST), np.uint8) > 128
    white[4:23] = np.minimum(white[4:23], header.astype(np.uint8))
    packed = np.packbits(white.astype(bool), axis=1)
    pdf = _image_pdf(
        zlib.compress(packed.tobytes()),
        (_FAX_W, _FAX_LINES),
        (595.28, 841.89),
        "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
        rng.choice(("eFax Messenger", "HylaFAX", "Fax2Mail")),
    )
    doc = RenderedDocument("skpwni", _pdf_picture(pdf, 200, grey=True), truth, layout="skpwni-faks")
    doc.upload = pdf
    return doc


# --- SKPWNI: the certificate in Times, photographed on the lap ------------------------------------------------


def _skpwni_times(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> tuple[PdfSheet, dict[str, str], float]:
    """The certificate in Times: items numbered on through the sections, RT and RW on the address's row,
    village and district, regency and province, postal code and telephone side by side; the members moving
    in a table. The sheet, its truth and the signature's y (pt)."""
    s = PdfSheet(595, 842)
    number = _skpwni_number(origin, serial)
    mv = _move(rng, origin)
    cls = move_class(origin, dest)
    face, bold, head_face = "times", "times-bold", "times-bold-italic"
    regency = _region(origin.regency_code)
    s.centre(40, "PEMERINTAH " + regency, 13, bold)
    s.centre(57, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 14, bold)
    s.centre(74, f"Jalan {rng.choice(('Merdeka', 'Sudirman', 'Gatot Subroto', 'Ahmad Yani'))} "
                 f"No. {rng.randint(1, 99)}, Kode Pos {origin.postal_code}", 9.5, face)  # fmt: skip
    s.line(44, 88, 551, 88, 2.0)
    s.line(44, 91, 551, 91, 0.6)
    s.centre(106, "SURAT KETERANGAN PINDAH WNI", 13, bold)
    wide = cls in {"ANTAR KABUPATEN/KOTA", "ANTAR PROVINSI"}
    s.centre(121, "(Antar Kabupaten/Kota atau Antar Provinsi)" if wide else "(Dalam Satu Kabupaten/Kota)",
             10, face)  # fmt: skip
    s.centre(136, "Nomor : " + number, 10.5, face)
    size, step = 10.5, 17.0
    y = 160.0
    n = 0

    def head(text: str) -> None:
        nonlocal y
        s.text(50, y, text, 11, head_face)
        y += step + 1

    def item(label: str, value: str) -> None:
        nonlocal y, n
        n += 1
        s.text(56, y, f"{n}.", size, face)
        s.text(74, y, label, size, face)
        s.text(212, y, ":", size, face)
        s.text(220, y, value, s.fit(value, size, face, 325, 7.5), face, max_w=325)
        y += step

    def pair(left: tuple[str, str], right: tuple[str, str]) -> None:
        nonlocal y
        for (label, value), (x, colon, room) in zip(
            (left, right), ((74, 160, 150), (322, 398, 145)), strict=True
        ):
            s.text(x, y, label, size, face)
            s.text(colon, y, ":", size, face)
            s.text(colon + 6, y, value, s.fit(value, size, face, room, 7), face, max_w=room)
        y += step

    def where(fam: Family, label: str) -> None:
        nonlocal y, n
        n += 1
        s.text(56, y, f"{n}.", size, face)
        s.text(74, y, label, size, face)
        s.text(212, y, ":", size, face)
        s.text(220, y, fam.address, s.fit(fam.address, size, face, 190, 7.5), face, max_w=190)
        s.text(420, y, f"RT {fam.rt}   RW {fam.rw}", size, face)
        y += step
        pair(("Desa/Kelurahan", _region(fam.village_code)), ("Kecamatan", _region(fam.district_code)))
        pair(("Kabupaten/Kota", _region(fam.regency_code)), ("Provinsi", _region(fam.province_code)))
        pair(("Kode Pos", fam.postal_code), ("Telepon", "-"))

    head("DATA DAERAH ASAL")
    item("Nomor Kartu Keluarga", origin.kk_number)
    item("Nama Kepala Keluarga", origin.head.name)
    where(origin, "Alamat")
    item("NIK Pemohon", p.nik)
    item("Nama Lengkap", p.name)
    y += 6
    head("DATA KEPINDAHAN")
    item("Alasan Pindah", MOVE_REASONS[mv.reason].title())
    where(dest, "Alamat Tujuan")
    item("Klasifikasi Pindah", cls.title())
    item("Jenis Kepindahan", MOVE_TYPES[mv.kind].title().replace(" Dan ", " dan "))
    item("Rencana Tanggal Pindah", format_date(mv.day, "long-title"))
    n += 1
    s.text(56, y, f"{n}.", size, face)
    s.text(74, y, "Keluarga Yang Pindah", size, face)
    s.text(212, y, ":", size, face)
    y += step
    cols = ((74.0, "No"), (98.0, "NIK"), (200.0, "Nama Lengkap"), (420.0, "SHDK"), (540.0, ""))
    s.rect(74, y - 3, 466, 15, 0.6)
    for x, name in cols[:-1]:
        s.text(x + 4, y, name, 9.5, bold)
    movers = _movers(origin, p, mv.kind)
    for i, m in enumerate(movers):
        y += 15
        s.rect(74, y - 3, 466, 15, 0.6)
        for (x, _), (nx, _), cell in zip(
            cols, cols[1:], (str(i + 1), m.nik, m.name, m.relationship), strict=False
        ):
            s.text(x + 4, y, cell, 9.5, face, max_w=nx - x - 8)
    for x, _ in cols[1:-1]:
        s.line(x, y - 3 - 15 * len(movers), x, y + 12, 0.6)
    y += 34
    place = _issue_place(origin).title()
    s.text(340, y, f"{place}, {format_date(origin.issue_date, 'long-title')}", 10.5, face, max_w=200)
    s.text(340, y + 15, "a.n. KEPALA DINAS", 10.5, bold)
    s.text(340, y + 29, "Sekretaris", 10.5, face)
    s.text(340, y + 90, rng.choice(_OFFICIALS), 10.5, bold, max_w=200)
    s.text(340, y + 104, "NIP. " + _nip(rng), 10, face)
    return s, _skpwni_truth(origin, dest, p, number, mv), y + 44


_FABRICS = ((58, 74, 108), (38, 38, 42), (140, 122, 96), (112, 74, 48), (70, 84, 70))
_FLOORS = ((200, 196, 188), (150, 140, 128), (96, 92, 88))


def _lap(
    cam: _Camera, pw: int, ph: int, thighs: tuple[float, float], radius: float, rng: random.Random
) -> Rgb:
    """What is under and around the sheet: two thighs in trousers or a sarong (cylinders along the page's
    rows, a twill's weave), ending at the knees beyond the page's top; the floor's tiles further down."""
    fw, fh = cam.size
    dx, dy, dz = cam.rays(1)
    px, py, pz = (float(v) for v in cam.pos)
    plane = -0.25 * radius
    lam = (plane - pz) / np.where(np.abs(dz) < 1e-6, -1e-6, dz)
    x, y = px + lam * dx, py + lam * dy
    fabric = np.array(rng.choice(_FABRICS), np.float32)
    cloth = np.zeros((fh, fw), np.float32)
    across = np.zeros((fh, fw), np.float32)
    knees = -rng.uniform(0.15, 0.3) * ph
    for c in thighs:
        d = (x - c) / radius
        on = np.clip((1 - np.abs(d)) * 30, 0, 1) * np.clip((y - knees) / 20, 0, 1)
        cloth = np.maximum(cloth, on)
        across = np.where(on > 0, np.sqrt(np.clip(1 - d**2, 0, 1)), across)
    twill = 1 + 0.05 * np.sin((x + y) / rng.uniform(2.0, 3.0))
    cloth_rgb = fabric * ((0.45 + 0.6 * across) * twill)[..., None]
    floor_z = -5.0 * radius
    lam_f = (floor_z - pz) / np.where(np.abs(dz) < 1e-6, -1e-6, dz)
    fx, fy = px + lam_f * dx, py + lam_f * dy
    tile = 0.9 * pw
    grout = (np.abs((fx / tile) % 1 - 0.5) > 0.49) | (np.abs((fy / tile) % 1 - 0.5) > 0.49)
    floor = np.array(rng.choice(_FLOORS), np.float32) * np.where(grout, 0.8, 1.0)[..., None] * 0.75
    img = floor * (1 - cloth[..., None]) + cloth_rgb * cloth[..., None]
    return np.asarray(cv2.GaussianBlur(img.astype(np.float32), (0, 0), 2.0), np.float32)


def skpwni_pangkuan(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The certificate in Times draped over the resident's lap, photographed looking down at it."""
    sheet_pdf, truth, sign = _skpwni_times(origin, dest, p, rng, serial)
    dpi = 200
    pg = _page_of(sheet_pdf.render(dpi), rng)
    grey = np.asarray(pg.img, np.float32) / 255
    rgb = _ink_on(grey, (248, 247, 243), (20, 20, 26))
    k = dpi / 72
    _blue_signature(rgb, 350 * k, sign * k, 140 * k, 38 * k, rng)
    _blue_stamp(rgb, 330 * k, (sign + 16) * k, 46 * k, ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
                                                         _issue_place(origin)[:14]), rng)  # fmt: skip
    ph, pw = grey.shape
    ridge = rng.uniform(0.55, 0.72)  # where the thighs' tops are, across the page (-1..1)
    sag = rng.uniform(0.01, 0.022) * pw
    droop = rng.uniform(0.04, 0.09) * pw

    def across(s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        u = 2 * s / pw - 1
        a = np.abs(u)
        valley = -sag * np.cos(np.clip(a / ridge, 0, 1) * np.pi / 2) ** 2
        edge = -droop * (np.clip(a - ridge, 0, None) / (1 - ridge)) ** 2
        return np.asarray(valley + edge, np.float64)

    knee_slope = rng.uniform(-0.08, 0.05)

    def along(t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(knee_slope * (ph - t), np.float64)

    cell = 16.0
    gw, gh = pw // 16 + 2, ph // 16 + 2
    waves = 0.004 * pw * _smooth_field(rng, (4, 3), (gw, gh))
    sheet = _bent_sheet(pw, ph, across, along, waves, cell)
    fw, fh = rng.choice(((2448, 3264), (2304, 3072)))
    focal = rng.uniform(0.74, 0.8) * fw
    fill = rng.uniform(0.72, 0.82)
    target = np.array([pw / 2 + rng.uniform(-0.03, 0.03) * pw, ph * rng.uniform(0.45, 0.55), -sag / 2])
    tilt = math.radians(rng.uniform(14, 26))  # looking down and forward, towards the knees
    distance = focal * ph / (fill * fh) * 0.95
    eye = target + distance * np.array([rng.uniform(-0.08, 0.08), math.sin(tilt), math.cos(tilt)])
    cam = _aim(target, eye, rng.uniform(-5, 5), focal, (fw, fh))
    radius = rng.uniform(0.34, 0.4) * pw
    centres = (pw / 2 - ridge * pw / 2, pw / 2 + ridge * pw / 2)
    background = _lap(cam, pw, ph, centres, radius, rng)
    light = np.array([rng.uniform(-0.3, 0.3), rng.uniform(-0.6, -0.2), 1.0])  # the ceiling's tubes
    shade = _sheet_shading(sheet, light, rng.uniform(0.45, 0.6))
    shade = shade / float(np.percentile(shade, 95)) * rng.uniform(0.88, 0.98)
    img, _ = _photograph_sheet(rgb, sheet, cam, background, shade)
    # The photographer's head and phone between the lamp and the page: a soft shadow over its foot.
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    sx, sy = fw * rng.uniform(0.35, 0.65), fh * rng.uniform(0.95, 1.1)
    blob = np.exp(-(((xx - sx) / (0.3 * fw)) ** 2 + ((yy - sy) / (0.22 * fh)) ** 2))
    img *= (1 - rng.uniform(0.2, 0.35) * blob)[..., None]
    img *= np.array((1.0, 1.0, rng.uniform(0.96, 1.04)), np.float32)
    data = _phone_jpeg(img, rng, (0.5, 0.9), (80, 90))
    doc = RenderedDocument("skpwni", _decoded(data), truth, layout="skpwni-pangkuan")
    doc.upload = data
    return doc


__all__ = [
    "akta_bekas_banjir",
    "akta_pindai_pdf",
    "kk_dipegang",
    "kk_layar_laptop",
    "ktp_fotokopi_bolak_balik",
    "ktp_tangkapan_wa",
    "skpwni_faks",
    "skpwni_pangkuan",
]
