"""A nineteenth round of variety layouts, written blind (before and without looking at the extractor), two
per type. Like round 18 it draws the MAINSTREAM OFFICIAL DOCUMENTS as residents upload them: the KTP-el card,
the KK, the Kutipan Akta Kelahiran and the SKPWNI (F-1.03) as Dukcapil offices print them, with their real
label wordings, in arrangements and captures the older rounds do not have. Each layout is a family of pages:
field order, label wording, date form, face, sizes and margins are drawn from the rng.

- KTP-el, `ktp-pindai-tutup-terbuka`: the card in its REAL ARRANGEMENT (PROVINSI and the regency centred at
  the top, the NIK larger and bold, the labels in a column with colons, RT/RW, Kel/Desa and Kecamatan
  indented under Alamat, "Gol. Darah" on the sex's row, the photo at the right with the issue place and date
  and the signature under it; the pale blue ground with its guilloche, rosette and the emblem's faint
  outline) SCANNED ON A HOME FLATBED WITH THE LID LEFT OPEN: a whole A4 page at 200-300 dpi, almost black
  where nothing lay on the glass (the room's light leaking in as a slow glow, the scan head's row streaks),
  a BRIGHT HALO round the card and a light rim on its edge, the card small against the bed's corner or
  further in, turned a few degrees; colour or grey, JPEG.
- KTP-el, `ktp-genggam-silau`: the same card HELD IN A HAND and photographed at an angle (12-26 degrees of
  perspective) in a room under indoor light (a warm or cool cast, dim): a HARD GLARE of the ceiling lamp on
  the laminate lies over part of the values (a flat-topped bright patch, the hologram's rainbow showing in
  it), the THUMB OVER ONE CORNER (kept off the print's text), the palm and wrist behind the card, the room
  out of focus, a moderate motion or focus blur, JPEG.
- KK, `kk-lama-melengkung`: the PRE-2018 KK (no QR code; "Nama Kepala Keluarga" in the header, "Propinsi"
  on some; the office's old name "Dinas Kependudukan dan Catatan Sipil"; the form's column numbers "(1) ...
  (10)" under the first table and "(11) ... (17)" under the second, whose "No. Paspor" / "No. KITAS/KITAP"
  and "Ayah" / "Ibu" columns sit under the grouped titles "DOKUMEN IMIGRASI" and "NAMA ORANG TUA"; no
  marriage-date column; the "LEMBAR I-IV" footnote) on tinted security paper, PHOTOGRAPHED ON A TABLE AT AN
  ANGLE WITH ONE SIDE OF THE SHEET CURLING UP (a bend lifting its left or right fifth 30-55 degrees off the
  table, so rows there bend and shrink), lit from one side.
- KK, `kk-zoom-ponsel`: the electronic KK (QR code and TTE note, BSrE footnote) opened in a PHONE'S PDF
  VIEWER, ZOOMED IN to 42-68 % of the page's width and panned to its left, right or middle, and
  SCREENSHOTTED: status and app bars (the file's name), the viewer's grey around the page, the page counter
  pill and scroll thumb over the page, light or dark theme; PNG. What the screen cuts off is not in the truth.
- Akta kelahiran, `akta-ketik-stbld`: a pre-2000s Kutipan on a PRE-PRINTED BLANK (Times, Schoolbook or
  Bookman; "Menurut Stbl. 1920 No. 751 jo. Stbl. 1927 No. 564", the phrases with dotted blanks to the
  margin) whose values and register number ("1234/U/1988") a TYPEWRITER filled in (Courier, each letter
  struck harder or softer, the line a little askew and above its dots, long values carried onto the next
  line); the sex either typed or the printed "laki-laki / perempuan" with the wrong word STRUCK OUT WITH
  x's; the place first or the date first; PHOTOCOPIED onto folio (the original's creases and edge, toner
  grain and specks, a dark lid band) and scanned in grey. No NIK (the form had none).
- Akta kelahiran, `akta-blanko-geser`: the current Kutipan blank (a GOLD AND GREEN GUILLOCHE BORDER, the
  emblem's place in gold at the top, a red blank serial "AL. ..." at the top right, pale security ground)
  whose values the Dinas's printer put on MISREGISTERED (the whole value layer shifted a few millimetres and
  turned a little against the printed phrases and their dotted lines), a blue stamp and signature;
  PHOTOGRAPHED ON A TABLE with a HARD REFLECTION (a window's bright pane with its bars, or the phone's
  flash) on the paper's sheen.
- SKPWNI, `skpwni-tujuan-di-atas`: F-1.03 from another regency's SIAK template: the data as TWO-COLUMN
  LABEL GRIDS (ruled cells with a shaded label cell, or aligned colons), the block "ALAMAT TUJUAN PINDAH"
  BEFORE the origin's, the move's items paired, the family moving as a table, the applicant's and the
  Dinas's signatures; printed on FOLIO, FOLDED IN THREE and photographed on a table (the creases' shading,
  perspective, the phone's shadow on some).
- SKPWNI, `skpwni-tte-abu`: the newer national print with a VERIFICATION QR CODE at the top right, ONE
  RUNNING NUMBERING (on some under section headings), the addresses' elements as lettered sub-items ("a.
  RT/RW", "b. Desa/Kelurahan" ...), both "Status No. KK" items, the members moving with their "Masa Berlaku
  KTP", the TTE block and the BSrE footnote; printed on a home inkjet and SCANNED IN GREY at 150-200 dpi
  (low contrast, askew, JPEG).

Pages are drawn with the DejaVu faces and round 8's pdfium faces (the typed Kutipan); stamps and signatures
as `variety.Page` and round 7 draw them. Images are 8-bit grey or RGB (`upload` None). Ground truths are
normalised as the older layouts' are (the same keys per type, built by the same helpers); a key a page does
not print is left out. These layouts exist to measure: nothing that reads the documents may be tuned to them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from datetime import date

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
from tools.docgen.variety_round4 import _SKIN, _light, _room, _tilted_quad, _warp_into
from tools.docgen.variety_round5 import _movers
from tools.docgen.variety_round6 import _noise
from tools.docgen.variety_round7 import _blue_signature, _blue_stamp, _emblem_place
from tools.docgen.variety_round8 import PdfSheet, _page_of
from tools.docgen.variety_round9 import _aim, _bent_sheet, _photograph_sheet, _sheet_shading, _smooth_field
from tools.docgen.variety_round10 import Cells, _cells, _choice_text, _date, _emblem
from tools.docgen.variety_round11 import _untitled, _words_lower
from tools.docgen.variety_round13 import _after
from tools.docgen.variety_round17 import _wrap_px
from tools.docgen.variety_round18 import (
    _PAPERS,
    _STATUS_MOVE,
    _STATUS_STAY,
    _camera,
    _fitted,
    _flatbed,
    _jpeg,
    _on_paper,
    _on_table,
    _phone_shadow,
    _pick,
    _smooth,
    _to_image,
)
from tools.synthetic.residents import Family, Person

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255
Grey = npt.NDArray[np.float32]
Box = tuple[float, float, float, float]
Colour = tuple[int, int, int]


# --- small helpers ----------------------------------------------------------------------------------------


def _bbox(d: ImageDraw.ImageDraw, x: float, y: float, text: str, font: Font) -> Box:
    b = d.textbbox((x, y), text, font=font)
    return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def _inside(box: Box, area: Box, pad: float = 2.0) -> bool:
    return (
        box[0] >= area[0] + pad
        and box[1] >= area[1] + pad
        and box[2] <= area[2] - pad
        and box[3] <= area[3] - pad
    )


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _wave_mask(
    w: int,
    h: int,
    rng: random.Random,
    n: int,
    amp: tuple[float, float],
    period: tuple[float, float],
    width: int,
) -> Grey:
    """`n` fine wavy lines across a w x h field (0..1): a security print's guilloche."""
    img = np.zeros((h, w), np.uint8)
    xs = np.arange(0, w + 8, 8, dtype=np.float32)
    for k in range(n):
        a, per, ph = rng.uniform(*amp), rng.uniform(*period), rng.uniform(0, 2 * math.pi)
        ys = h * (k + 0.5) / n + a * np.sin(2 * math.pi * xs / per + ph)
        pts = np.stack([xs, ys], axis=1).astype(np.int32)
        cv2.polylines(img, [pts], False, 255, width, cv2.LINE_AA)
    return np.asarray(img, np.float32) / 255.0


def _rosette(w: int, h: int, cx: float, cy: float, r: float, rng: random.Random) -> Grey:
    """A guilloche rosette (0..1) fading out from (cx, cy) over about `r`."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rr = np.hypot(xx - cx, yy - cy)
    th = np.arctan2(yy - cy, xx - cx)
    ring = 0.5 + 0.5 * np.cos(rr / rng.uniform(5, 9) + rng.randint(4, 7) * np.sin(rng.randint(6, 9) * th))
    return np.asarray(ring * np.exp(-((rr / r) ** 2)), np.float32)


def _skin_tone(rng: random.Random) -> npt.NDArray[np.float32]:
    return np.array(rng.choice(_SKIN), np.float32) * rng.uniform(0.85, 1.05)


# --- the KTP-el card's front (both KTP layouts) -----------------------------------------------------------

_KPX = 20.0  # card pixels a millimetre: the card (85.6 x 54 mm) drawn 1712 x 1080
_CW, _CH = 1712, 1080


def _mm(v: float) -> float:
    return v * _KPX


class CardFront:
    """The card's print (black on white), where its photo goes, its issue place and every text's box."""

    def __init__(self, ink: Image.Image, photo: Box, place: str, boxes: list[Box]) -> None:
        self.ink, self.photo, self.place, self.boxes = ink, photo, place, boxes


def _ktp_front(family: Family, p: Person, rng: random.Random) -> CardFront:
    """The card's print as the KTP-el has it; sizes, the label column and wordings drawn per card."""
    face = rng.choice(("sans", "sans", "condensed"))
    pg = Page(_CW, _CH, face, rng, paper=255)
    d = pg.d
    boxes: list[Box] = []

    def put(x: float, y: float, text: str, font: Font) -> float:
        d.text((x, y), text, font=font, fill=0)
        boxes.append(_bbox(d, x, y, text, font))
        return x + d.textlength(text, font=font)

    head = rng.choice((42, 44, 46))
    for y_mm, text in (
        (rng.uniform(1.9, 2.4), "PROVINSI " + _region(family.province_code)),
        (rng.uniform(5.3, 5.8), _region(family.regency_code)),
    ):
        f = pg.fit(text, head, _CW - 200, True)
        put((_CW - d.textlength(text, font=f)) / 2, _mm(y_mm), text, f)
    colon = _mm(rng.uniform(21.5, 23.5))
    vx = colon + _mm(rng.uniform(1.2, 1.7))
    nik_y = _mm(rng.uniform(9.3, 10.0))
    put(_mm(3), nik_y, "NIK", pg.font(48, True))
    put(colon, nik_y, ":", pg.font(48, True))
    put(
        vx + _mm(0.4),
        nik_y - 4,
        p.nik,
        vfont(rng.choice((50, 52, 54)), "mono" if rng.random() < 0.5 else face, True),
    )
    size = rng.choice((34, 35, 36))
    body = pg.font(size)
    right = _mm(61.0)
    sex_label = _pick(rng, "Jenis kelamin", "Jenis Kelamin")
    blood_label = _pick(rng, "Gol. Darah", "Gol. Darah", "Gol Darah")
    blood_x = _mm(rng.uniform(42.5, 45.0))
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-dash", "dmy-slash"))
    indent = _mm(rng.choice((0.0, 1.2, 1.8)))
    names = _wrap_px(d, p.name, body, right - vx)
    addr = _wrap_px(d, family.address, body, right - vx)
    rows: list[tuple[str, str, float]] = [
        ("Nama", names[0], 0.0),
        *[("", more, 0.0) for more in names[1:]],
        (_pick(rng, "Tempat/Tgl Lahir", "Tempat/Tgl Lahir", "Tempat/Tgl. Lahir"),
         f"{p.place_of_birth}, {_date(p.birth_date, style)}", 0.0),
        (sex_label, _sex(p), 0.0),
        ("Alamat", addr[0], 0.0),
        *[("", more, 0.0) for more in addr[1:]],
        ("RT/RW", f"{family.rt}/{family.rw}", indent),
        ("Kel/Desa", _region(family.village_code), indent),
        ("Kecamatan", _region(family.district_code), indent),
        ("Agama", p.religion, 0.0),
        ("Status Perkawinan", p.marital_status, 0.0),
        ("Pekerjaan", p.occupation, 0.0),
        ("Kewarganegaraan", p.citizenship, 0.0),
        ("Berlaku Hingga", "SEUMUR HIDUP", 0.0),
    ]  # fmt: skip
    y = _mm(rng.uniform(13.6, 14.3))
    step = min(_mm(rng.uniform(2.55, 2.75)), (_mm(49.2) - y) / len(rows))
    for label, value, ind in rows:
        if label:
            put(_mm(3) + ind, y, label, body)
            put(colon, y, ":", body)
        limit = blood_x - _mm(1.2) if label == sex_label else right
        put(vx, y, value, pg.fit(value, size, limit - vx))
        if label == sex_label:
            end = put(blood_x, y, blood_label, body)
            put(end + 10, y, ":", body)
            put(end + 10 + size * 0.7, y, _blood(p), body)
        y += step
    photo: Box = (_mm(62.4), _mm(11.0), _mm(81.8), _mm(36.0))
    place = _issue_place(family)
    small = rng.choice((30, 32))
    for y_mm, text in ((37.2, place), (40.0, _date(family.issue_date, "dmy-dash"))):
        f = pg.fit(text, small, photo[2] - photo[0] + 30)
        put((photo[0] + photo[2] - d.textlength(text, font=f)) / 2, _mm(y_mm), text, f)
    pg.signature(_mm(64.5), _mm(43.2), _mm(15), _mm(4.5))
    return CardFront(pg.img, photo, place, boxes)


def _ktp_colour(cf: CardFront, p: Person, rng: random.Random) -> Rgb:
    """The print on the card's ground: pale blue, lighter where the text runs, fine guilloche waves, a rosette
    and the emblem's faint outline; the photo on red (odd birth year) or blue (even), DOMAIN.md."""
    h, w = _CH, _CW
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.array(rng.choice(((164, 200, 226), (174, 208, 230), (168, 206, 218))), np.float32)
    mid = np.array(rng.choice(((228, 238, 242), (234, 240, 238), (224, 236, 244))), np.float32)
    r = np.sqrt(((xx - 0.4 * w) / (0.7 * w)) ** 2 + ((yy - 0.55 * h) / (0.75 * h)) ** 2)
    t = np.clip(1.0 - r, 0, 1)[..., None] ** 0.7
    ground = np.asarray(edge + (mid - edge) * t, np.float32)
    lines = _wave_mask(w, h, rng, 30, (8, 34), (160, 460), 2)
    lines = np.maximum(lines, 0.7 * _wave_mask(w, h, rng, 14, (20, 60), (300, 700), 1))
    ground *= (1 - rng.uniform(0.06, 0.1) * lines)[..., None]
    ground *= (1 - 0.07 * _rosette(w, h, 0.45 * w, 0.55 * h, 0.3 * w, rng))[..., None]
    layer = Image.new("RGB", (w, h), (0, 0, 0))
    _emblem_place(ImageDraw.Draw(layer), 0.42 * w, 0.56 * h, 0.16 * w, (255, 255, 255))
    em = np.asarray(layer.convert("L").filter(ImageFilter.GaussianBlur(2)), np.float32) / 255.0
    ground *= (1 - 0.08 * em)[..., None]
    x0, y0, x1, y1 = (round(v) for v in cf.photo)
    bg = (200, 45, 45) if p.birth_date.year % 2 else (40, 90, 190)
    ground[y0:y1, x0:x1] = bg
    sil = Image.new("L", (x1 - x0, y1 - y0), 0)
    ds = ImageDraw.Draw(sil)
    pw, ph = x1 - x0, y1 - y0
    ds.ellipse((pw * 0.28, ph * 0.12, pw * 0.72, ph * 0.54), fill=255)
    ds.rounded_rectangle((pw * 0.1, ph * 0.6, pw * 0.9, ph + 40), radius=70, fill=255)
    s = np.asarray(sil.filter(ImageFilter.GaussianBlur(2)), np.float32)[..., None] / 255.0
    ground[y0:y1, x0:x1] = ground[y0:y1, x0:x1] * (1 - s) + np.array((70, 60, 58), np.float32) * s
    ink = 1 - np.asarray(cf.ink.filter(ImageFilter.GaussianBlur(0.5)), np.float32) / 255.0
    ink_colour = np.array(rng.choice(((20, 22, 30), (26, 30, 50), (30, 30, 34))), np.float32)
    return np.asarray(ground * (1 - ink[..., None]) + ink_colour * ink[..., None], np.float32)


def _card_alpha(w: int, h: int) -> Grey:
    from tools.docgen.photographed import _rounded_mask  # here: it imports the variety set itself

    return _rounded_mask(w, h)


# --- KTP-el: scanned on a flatbed with the lid open -------------------------------------------------------


def ktp_pindai_tutup_terbuka(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card on a flatbed's glass, the lid open: an A4 scan, dark all round, a halo round the card."""
    cf = _ktp_front(family, p, rng)
    card = _ktp_colour(cf, p, rng)
    dpi = rng.choice((200, 240, 300, 300))
    k = dpi / 25.4
    pw, ph = round(210 * k), round(297 * k)
    cw, ch = round(85.6 * k), round(53.98 * k)
    small = np.asarray(cv2.resize(card, (cw, ch), interpolation=cv2.INTER_AREA), np.float32)
    alpha = _card_alpha(cw, ch)
    angle = rng.uniform(-7, 7)
    a = math.radians(angle)
    ex = (cw * abs(math.cos(a)) + ch * abs(math.sin(a))) / 2
    ey = (cw * abs(math.sin(a)) + ch * abs(math.cos(a))) / 2
    if rng.random() < 0.65:  # against the bed's origin corner, a few millimetres off
        mx, my = rng.uniform(3, 20) * k, rng.uniform(3, 20) * k
        cx = mx + ex if rng.random() < 0.6 else pw - mx - ex
        cy = my + ey
    else:
        cx, cy = rng.uniform(0.3, 0.7) * pw, rng.uniform(0.15, 0.55) * ph
    cx = min(max(cx, ex + 2 * k), pw - ex - 2 * k)
    cy = min(max(cy, ey + 2 * k), ph - ey - 2 * k)
    m = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
    m[:, 2] += np.array([cx - cw / 2, cy - ch / 2])
    warped = np.asarray(cv2.warpAffine(small, m, (pw, ph), flags=cv2.INTER_LINEAR), np.float32)
    mask = np.asarray(cv2.warpAffine(alpha, m, (pw, ph), flags=cv2.INTER_LINEAR), np.float32)
    # The open lid: the room's dim light over the glass, the scan head's row streaks, then the halo the lamp
    # throws off the card's surface and the bright rim of its edge.
    yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
    th = rng.uniform(0, 2 * math.pi)
    grad = np.clip(0.5 + 0.5 * ((xx / pw - 0.5) * math.cos(th) + (yy / ph - 0.5) * math.sin(th)) * 1.6, 0, 1)
    bed = rng.uniform(8, 24) + rng.uniform(12, 40) * grad * (0.6 + 0.4 * _smooth(rng, (pw, ph), (3, 4)))
    streak = cv2.GaussianBlur(_noise(rng).normal(0, 1.6, (ph, 1)).astype(np.float32), (0, 0), 2.0)
    bed = bed + streak
    halo = np.asarray(cv2.GaussianBlur(mask, (0, 0), rng.uniform(1.5, 3.5) * k), np.float32)
    bed = bed + rng.uniform(55, 110) * halo
    ring = max(2, round(0.35 * k))
    dil = cv2.dilate(mask, np.ones((2 * ring + 1, 2 * ring + 1), np.uint8))
    rim = np.clip(np.asarray(dil, np.float32) - mask, 0, 1)
    lit = np.where(yy < cy, 1.0, 0.4).astype(np.float32)
    bed = bed + rng.uniform(90, 150) * rim * lit
    tint = np.array(rng.choice(((1.0, 0.96, 0.88), (0.92, 0.96, 1.0), (1.0, 1.0, 1.0))), np.float32)
    scene = bed[..., None] * tint
    card_lit = warped * rng.uniform(0.97, 1.04)
    img = np.asarray(scene * (1 - mask[..., None]) + card_lit * mask[..., None], np.float32)
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(0.45, 0.75)), np.float32)
    img = img + _noise(rng).normal(0, rng.uniform(1.5, 3.0), img.shape).astype(np.float32)
    scan = _jpeg(_to_image(img), rng.randint(62, 85))
    if rng.random() < 0.25:
        scan = scan.convert("L")
    truth = _issued_card_truth(family, p, cf.place)
    return RenderedDocument("ktp", scan, truth, layout="ktp-pindai-tutup-terbuka")


# --- KTP-el: held in a hand under a lamp, glare over the values ------------------------------------------


def _hologram(rng: random.Random) -> Grey:
    """The laminate's hologram (0..1): rings and rays round a point left of the photo, seen only in glare."""
    layer = Image.new("L", (_CW, _CH), 0)
    d = ImageDraw.Draw(layer)
    cx, cy, r = _mm(rng.uniform(30, 48)), _mm(rng.uniform(26, 40)), _mm(rng.uniform(7, 10))
    for i in range(5):
        q = r * (1 - 0.17 * i)
        d.ellipse((cx - q, cy - q, cx + q, cy + q), outline=255, width=4)
    for i in range(16):
        t = 2 * math.pi * i / 16
        d.line((cx + 0.2 * r * math.cos(t), cy + 0.2 * r * math.sin(t), cx + 1.3 * r * math.cos(t),
                cy + 1.3 * r * math.sin(t)), fill=200, width=3)  # fmt: skip
    return np.asarray(layer.filter(ImageFilter.GaussianBlur(1.2)), np.float32) / 255.0


def _thumb(
    lw: int, lh: int, corner: npt.NDArray[np.float64], centre: npt.NDArray[np.float64], keep: Sequence[Box]
) -> tuple[Grey, npt.NDArray[np.float64], float]:
    """A thumb over a card's `corner` (layer coordinates) pointing at the card's centre, pushed in as far as
    it goes without touching any box in `keep`: its mask, its tip and its length's half."""
    u = (centre - corner) / np.linalg.norm(centre - corner)
    angle = math.degrees(math.atan2(u[1], u[0]))
    rx, ry = _mm(13), _mm(8.5)
    for depth in np.arange(15.0, 2.0, -1.0):
        tip = corner + u * _mm(float(depth))
        c = tip - u * rx
        mask = np.zeros((lh, lw), np.float32)
        cv2.ellipse(
            mask, (round(c[0]), round(c[1])), (round(rx), round(ry)), angle, 0, 360, 1.0, -1, cv2.LINE_AA
        )
        if all(
            not mask[max(0, int(b[1]) - 6) : int(b[3]) + 6, max(0, int(b[0]) - 6) : int(b[2]) + 6].any()
            for b in keep
        ):
            return np.asarray(cv2.GaussianBlur(mask, (0, 0), 2.5), np.float32), tip, rx
    return np.zeros((lh, lw), np.float32), corner, rx  # no room: the card held by its edge behind


def ktp_genggam_silau(family: Family, p: Person, rng: random.Random) -> RenderedDocument:
    """The card held in a hand, photographed at an angle under a lamp: glare over the values, a thumb on a
    corner, the palm behind, blur."""
    cf = _ktp_front(family, p, rng)
    card = _ktp_colour(cf, p, rng)
    h, w = _CH, _CW
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = _mm(rng.uniform(24, 56)), _mm(rng.uniform(15, 42))
    a = rng.uniform(0, math.pi)
    la, lb = _mm(rng.uniform(12, 22)), _mm(rng.uniform(3.5, 7.0))
    du = ((xx - gx) * math.cos(a) + (yy - gy) * math.sin(a)) / la
    dv = (-(xx - gx) * math.sin(a) + (yy - gy) * math.cos(a)) / lb
    q = du**2 + dv**2
    glare = np.clip(rng.uniform(0.42, 0.56) * np.exp(-(q**3)) + 0.12 * np.exp(-q / 6), 0, 0.62)
    holo = _hologram(rng) * glare
    phase = (xx + 0.6 * yy) / _mm(rng.uniform(3, 6))
    rainbow = np.stack([np.sin(phase), np.sin(phase + 2.1), np.sin(phase + 4.2)], axis=-1)
    card = np.asarray(card + (255 - card) * glare[..., None], np.float32)
    card = np.asarray(card + 70 * holo[..., None] * rainbow, np.float32)
    mx, my = round(0.18 * w), round(0.3 * h)
    lw, lh = w + 2 * mx, h + 2 * my
    layer = np.zeros((lh, lw, 3), np.float32)
    layer[my : my + h, mx : mx + w] = card
    alpha = np.zeros((lh, lw), np.float32)
    alpha[my : my + h, mx : mx + w] = _card_alpha(w, h)
    which = rng.choice(((0, 1), (1, 1), (1, 1), (0, 0), (1, 0)))  # the corner: (right?, bottom?)
    corner = np.array([mx + which[0] * w, my + which[1] * h], np.float64)
    centre = np.array([mx + w / 2, my + h / 2], np.float64)
    keep = [(b[0] + mx, b[1] + my, b[2] + mx, b[3] + my) for b in cf.boxes]
    thumb, tip, half = _thumb(lw, lh, corner, centre, keep)
    skin = _skin_tone(rng)
    u = (centre - corner) / np.linalg.norm(centre - corner)
    ly, lx_ = np.mgrid[0:lh, 0:lw].astype(np.float32)
    along = ((lx_ - tip[0]) * u[0] + (ly - tip[1]) * u[1]) / half
    shade = np.clip(1.05 + 0.12 * along, 0.8, 1.1).astype(np.float32)
    nail = np.zeros((lh, lw), np.float32)
    nc = tip - u * 0.45 * half
    cv2.ellipse(nail, (round(nc[0]), round(nc[1])), (round(0.4 * half), round(0.45 * _mm(8.5))),
                math.degrees(math.atan2(u[1], u[0])), 0, 360, 1.0, -1, cv2.LINE_AA)  # fmt: skip
    nail = np.asarray(cv2.GaussianBlur(nail, (0, 0), 2.0), np.float32) * thumb
    skin_img = skin * shade[..., None]
    skin_img = (
        skin_img * (1 - 0.6 * nail[..., None]) + np.array((236, 196, 186), np.float32) * 0.6 * nail[..., None]
    )
    layer = np.asarray(layer * (1 - thumb[..., None]) + skin_img * thumb[..., None], np.float32)
    alpha = np.maximum(alpha, thumb)
    fw, fh = rng.choice(((2400, 1800), (3264, 2448), (1800, 2400), (2448, 3264)))
    # Held at arm's length: turned further out of the plane and in it than a sheet on a table.
    quad = _tilted_quad(
        lw,
        lh,
        fw,
        fh,
        rng.uniform(0.86, 1.0),
        rng,
        tilt_deg=(12, 26),
        roll_deg=12,
        focal_over_side=1.1,
        placed=(0.25, 0.75),
    )
    warped, mask = _warp_into(layer, alpha, quad, fw, fh)
    scene = np.asarray(cv2.GaussianBlur(_room(fw, fh, rng), (0, 0), 9), np.float32)
    # the palm and wrist behind the card, from the held corner out of the frame
    src = np.array([[0, 0], [lw, 0], [lw, lh], [0, lh]], np.float32)
    hmat = cv2.getPerspectiveTransform(src, quad)
    pts = cv2.perspectiveTransform(np.array([[corner, centre]], np.float32), hmat)[0]
    kf, cf_ = pts[0], pts[1]
    card_w = float(np.linalg.norm(quad[1] - quad[0])) * w / lw
    out = (kf - cf_) / max(1e-3, float(np.linalg.norm(kf - cf_)))
    palm = np.zeros((fh, fw), np.float32)
    pc = kf + out * 0.16 * card_w
    cv2.ellipse(palm, (round(pc[0]), round(pc[1])), (round(0.2 * card_w), round(0.14 * card_w)),
                math.degrees(math.atan2(out[1], out[0])), 0, 360, 1.0, -1)  # fmt: skip
    far = pc + out * 2.0 * max(fw, fh)
    cv2.line(palm, (round(pc[0]), round(pc[1])), (round(far[0]), round(far[1])), 1.0, round(0.22 * card_w))
    palm = np.asarray(cv2.GaussianBlur(palm, (0, 0), 8), np.float32)
    scene = np.asarray(scene * (1 - palm[..., None]) + skin * 0.85 * palm[..., None], np.float32)
    img = np.asarray(scene * (1 - mask[..., None]) + warped * mask[..., None], np.float32)
    cast = np.array(rng.choice(((1.0, 0.9, 0.74), (0.94, 1.0, 0.98), (1.0, 0.95, 0.86))), np.float32)
    img *= cast * rng.uniform(0.78, 0.95)
    _light(img, rng, (0.05, 0.15))
    if rng.random() < 0.5:  # the hand moved during the exposure
        n = rng.randint(3, 6)
        kern = np.zeros((n, n), np.float32)
        kern[n // 2, :] = 1.0
        rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), rng.uniform(0, 180), 1)
        kern = np.asarray(cv2.warpAffine(kern, rot, (n, n)), np.float32)
        img = np.asarray(cv2.filter2D(img, -1, kern / max(float(kern.sum()), 1e-6)), np.float32)
        photo = _camera(img, rng, (0.4, 0.7), (68, 86))
    else:
        photo = _camera(img, rng, (0.8, 1.2), (68, 86))
    truth = _issued_card_truth(family, p, cf.place)
    return RenderedDocument("ktp", photo, truth, layout="ktp-genggam-silau")


# --- KK: ruled member tables with grouped titles (both KK layouts) ----------------------------------------

Col = tuple[str, str, str]  # (title, member key or "No", the group's title or "")

_T1: tuple[Col, ...] = (
    ("No", "No", ""), ("Nama Lengkap", "name", ""), ("NIK", "nik", ""), ("Jenis Kelamin", "sex", ""),
    ("Tempat Lahir", "place_of_birth", ""), ("Tanggal Lahir", "birth_date", ""), ("Agama", "religion", ""),
    ("Pendidikan", "education", ""), ("Jenis Pekerjaan", "occupation", ""), ("Golongan Darah", "blood_type", ""),
)  # fmt: skip
_OLD_T2: tuple[Col, ...] = (
    ("No", "No", ""), ("Status Perkawinan", "marital_status", ""),
    ("Status Hubungan Dalam Keluarga", "relationship", ""), ("Kewarganegaraan", "citizenship", ""),
    ("No. Paspor", "passport_number", "Dokumen Imigrasi"), ("No. KITAS/KITAP", "kitap_number", "Dokumen Imigrasi"),
    ("Ayah", "father_name", "Nama Orang Tua"), ("Ibu", "mother_name", "Nama Orang Tua"),
)  # fmt: skip
_E_T2: tuple[Col, ...] = (
    ("No", "No", ""), ("Status Perkawinan", "marital_status", ""), ("Tanggal Perkawinan", "marriage_date", ""),
    ("Status Hubungan Dalam Keluarga", "relationship", ""), ("Kewarganegaraan", "citizenship", ""),
    ("No. Paspor", "passport_number", "Dokumen Imigrasi"), ("No. KITAP", "kitap_number", "Dokumen Imigrasi"),
    ("Ayah", "father_name", "Nama Orang Tua"), ("Ibu", "mother_name", "Nama Orang Tua"),
)  # fmt: skip


def _widths(d: ImageDraw.ImageDraw, cols: Sequence[Col], rows: Sequence[Cells], body: Font, head: Font,
            total: float) -> list[float]:  # fmt: skip
    """Each column as wide as its widest cell or title word, the spare room shared out to `total`."""
    out = []
    for title, key, _ in cols:
        texts = [str(i + 1) for i in range(len(rows))] if key == "No" else [r[key][0] for r in rows]
        need = max(d.textlength(t, font=body) for t in texts)
        word = max(d.textlength(wd, font=head) for wd in title.upper().split())
        out.append(max(need, word, 40.0) + 30)
    return (
        [wd * total / sum(out) for wd in out]
        if sum(out) > total
        else [wd + (total - sum(out)) * wd / sum(out) for wd in out]
    )


def _grid(
    pg: Page,
    x0: float,
    y0: float,
    cols: Sequence[Col],
    widths: Sequence[float],
    rows: Sequence[Cells],
    size: int,
    caps: bool,
    numbers: Sequence[str] | None,
) -> tuple[float, list[dict[str, Box]]]:
    """A ruled member table: titles wrapped in their columns, grouped columns under a spanning title, the
    form's column numbers under the titles when given. The y under it and each row's cells' boxes."""
    d = pg.d
    head = pg.font(size - 3, True)
    line = size + 1
    titles = [
        _wrap_px(d, t.upper() if caps else t, head, wd - 14)
        for (t, _, _), wd in zip(cols, widths, strict=True)
    ]
    band = line + 18 if any(g for _, _, g in cols) else 0
    head_h = band + max(len(t) for t in titles) * line + 18
    num_h = size + 12 if numbers else 0
    row_h = int(size * 1.8)
    xs = [x0]
    for wd in widths:
        xs.append(xs[-1] + wd)
    top = y0 + head_h + num_h
    y_end = top + row_h * len(rows)
    i = 0
    while i < len(cols):
        j = i
        while j < len(cols) and cols[j][2] == cols[i][2]:
            j += 1
        if cols[i][2]:
            gt = cols[i][2].upper() if caps else cols[i][2]
            f = pg.fit(gt, size - 3, xs[j] - xs[i] - 12, True)
            d.text(((xs[i] + xs[j] - d.textlength(gt, font=f)) / 2, y0 + 9), gt, font=f, fill=0)
            d.line((xs[i], y0 + band, xs[j], y0 + band), fill=0, width=2)
        i = j
    for k, lines in enumerate(titles):
        t0 = y0 + (band if cols[k][2] else 0)
        hh = y0 + head_h - t0
        ty = t0 + (hh - len(lines) * line) / 2
        for n, ln in enumerate(lines):
            d.text(
                ((xs[k] + xs[k + 1] - d.textlength(ln, font=head)) / 2, ty + n * line), ln, font=head, fill=0
            )
    for k, x in enumerate(xs):
        inner = 0 < k < len(cols) and bool(cols[k - 1][2]) and cols[k - 1][2] == cols[k][2]
        d.line((x, y0 + (band if inner else 0), x, y_end), fill=0, width=2)
    for yy in (y0, y0 + head_h, top, y_end):
        d.line((xs[0], yy, xs[-1], yy), fill=0, width=2)
    if numbers:
        small = pg.font(size - 5)
        for k, t in enumerate(numbers):
            if t:
                d.text(
                    ((xs[k] + xs[k + 1] - d.textlength(t, font=small)) / 2, y0 + head_h + 5),
                    t,
                    font=small,
                    fill=0,
                )
    boxes: list[dict[str, Box]] = []
    for r, row in enumerate(rows):
        y = top + r * row_h
        cell: dict[str, Box] = {}
        for (_, key, _), xa, xb in zip(cols, xs, xs[1:], strict=False):
            text = str(r + 1) if key == "No" else row[key][0]
            f = pg.fit(text, size, xb - xa - 20)
            ty = y + (row_h - size) / 2 - 2
            d.text((xa + 10, ty), text, font=f, fill=0)
            if key != "No":
                cell[key] = _bbox(d, xa + 10, ty, text, f)
        d.line((xs[0], y + row_h, xs[-1], y + row_h), fill=0, width=1)
        boxes.append(cell)
    return y_end, boxes


def _header(
    pg: Page, family: Family, rng: random.Random, x0: float, xr: float, right: float, y: float, size: int,
    caps: bool, old: bool,
) -> tuple[float, dict[str, Box]]:  # fmt: skip
    """The KK's header in two columns of `label : value` (colons aligned in each); the y under it and each
    value's box under its truth key ("rt/rw" for the RT/RW value)."""
    rows = {
        "head_of_family": ("Nama Kepala Keluarga", family.head.name),
        "address": ("Alamat", family.address),
        "rt/rw": ("RT/RW", f"{family.rt}/{family.rw}"),
        "village": (_pick(rng, "Desa/Kelurahan", "Kelurahan/Desa") if old else "Desa/Kelurahan",
                    _region(family.village_code)),
        "district": ("Kecamatan", _region(family.district_code)),
        "regency": ("Kabupaten/Kota", _region(family.regency_code)),
        "postal_code": ("Kode Pos", family.postal_code),
        "province": (_pick(rng, "Propinsi", "Provinsi") if old else "Provinsi", _region(family.province_code)),
    }  # fmt: skip
    if old or rng.random() < 0.5:
        left, rightc = (
            ["head_of_family", "address", "rt/rw", "village"],
            ["district", "regency", "postal_code", "province"],
        )
    else:
        left, rightc = (
            ["head_of_family", "address", "rt/rw", "postal_code"],
            ["village", "district", "regency", "province"],
        )
    f = pg.font(size)
    step = int(size * 1.7)
    boxes: dict[str, Box] = {}
    for keys, x, x_end in ((left, x0, xr - 40), (rightc, xr, right)):
        colon = (
            x + max(pg.d.textlength(rows[k][0].upper() if caps else rows[k][0], font=f) for k in keys) + 24
        )
        for i, key in enumerate(keys):
            label, value = rows[key]
            yy = y + i * step
            pg.text(x, yy, label.upper() if caps else label, size)
            pg.text(colon, yy, ":", size)
            vf = pg.fit(value, size, x_end - colon - size)
            pg.d.text((colon + size, yy), value, font=vf, fill=0)
            boxes[key] = _bbox(pg.d, colon + size, yy, value, vf)
    return y + 4 * step, boxes


# --- KK: the pre-2018 form, photographed at an angle with a curling side ---------------------------------


def _kk_lama(family: Family, rng: random.Random) -> tuple[Page, list[Cells]]:
    """The KK form before 2018 on A4 landscape (grey): no QR code, the form's column numbers (1)-(17), the
    immigration documents and the parents under grouped titles, the old office's name."""
    size = rng.choice((26, 27, 28))
    fam = rng.choice(("sans", "condensed", "serif-condensed", "serif"))
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash"))
    rows = [_cells(m, style) for m in family.members]
    probe = ImageDraw.Draw(Image.new("L", (4, 4)))
    body, head = vfont(size, fam), vfont(size - 3, fam, True)
    m = rng.randint(80, 120)
    width = 2900.0
    w1 = _widths(probe, _T1, rows, body, head, width)
    w2 = _widths(probe, _OLD_T2, rows, body, head, width)
    w = int(width + 2 * m)
    pg = Page(w, 2300 + 2 * len(rows) * int(size * 1.8), fam, rng, paper=255)
    if rng.random() < 0.6:
        pg.img = _emblem(pg.img, m + 110, 120, 80, rng.randint(70, 120))
        pg.d = ImageDraw.Draw(pg.img)
    pg.centre(46, "KARTU KELUARGA", 64)
    pg.centre(128, _pick(rng, "No. ", "No. ", "NO. ") + family.kk_number, 42)
    caps = rng.random() < 0.4
    y, _ = _header(pg, family, rng, m + 20, w // 2 + rng.randint(80, 200), w - m, 230, size + 2, caps, True)
    tcaps = rng.random() < 0.5
    y, _ = _grid(pg, m, y + 20, _T1, w1, rows, size, tcaps, [f"({k})" for k in range(1, 11)])
    y, _ = _grid(pg, m, y + 36, _OLD_T2, w2, rows, size, tcaps, ["", *[f"({k})" for k in range(11, 18)]])
    fs = size + 1
    issued = _date(family.issue_date, style)
    pg.kv(m + 20, y + 36, "Dikeluarkan Tanggal", issued, 0, fs, m + 900)
    hx = int(w * 0.42)
    pg.text(hx, y + 90, "KEPALA KELUARGA", fs)
    pg.signature(hx + 10, y + 150, 300, 80)
    pg.text(hx, y + 270, family.head.name, fs, bold=True, max_x=hx + 700)
    sx = w - m - 880
    pg.text(sx, y + 90, "KEPALA DINAS KEPENDUDUKAN DAN", fs)
    pg.text(sx, y + 90 + fs + 6, "CATATAN SIPIL " + _region(family.regency_code), fs, max_x=w - m)
    pg.signature(sx + 80, y + 160, 340, 90)
    pg.stamp(sx + 40, y + 210, 105, "DISDUKCAPIL|" + _issue_place(family)[:12])
    pg.text(sx, y + 280, rng.choice(_OFFICIALS), fs, bold=True)
    pg.text(sx, y + 280 + fs + 6, "NIP. " + _nip(rng), fs)
    foot = "LEMBAR I : KEPALA KELUARGA     LEMBAR II : RT     LEMBAR III : DESA/KELURAHAN     LEMBAR IV : KECAMATAN"
    pg.text(m + 20, y + 380, foot, size - 6)
    pg.img = pg.img.crop((0, 0, w, int(y + 440)))
    pg.d = ImageDraw.Draw(pg.img)
    return pg, rows


def _security_paper(grey: Image.Image, rng: random.Random) -> Rgb:
    """The print on a tinted blank with its pale wave print and a large faint rosette in the middle."""
    w, h = grey.size
    tint: Colour = rng.choice(((232, 240, 228), (230, 236, 242), (242, 238, 224), (236, 240, 236)))
    rgb = _on_paper(grey, tint, (30, 32, 40))
    waves = _wave_mask(w, h, rng, 46, (10, 40), (300, 900), 2)
    col = np.array(rng.choice(((120, 170, 120), (120, 150, 200), (200, 170, 110))), np.float32) / 255.0
    rgb *= 1 - 0.16 * waves[..., None] * (1 - col)
    ros = _rosette(w, h, w / 2, h / 2, 0.22 * w, rng)
    rgb *= 1 - 0.1 * ros[..., None] * (1 - col)
    return np.asarray(rgb, np.float32)


def kk_lama_melengkung(family: Family, rng: random.Random) -> RenderedDocument:
    """The pre-2018 KK on a table photographed at an angle, its left or right side curling up."""
    from tools.docgen.photographed import _table  # here: it imports the variety set itself

    pg, rows = _kk_lama(family, rng)
    page = _security_paper(pg.img, rng)
    ph, pw = page.shape[:2]
    right = rng.random() < 0.6
    span = rng.uniform(0.14, 0.26) * pw
    a = math.tan(math.radians(rng.uniform(30, 55))) / (2 * span)  # the slope reached at the edge

    def across(s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        u = np.clip(s - (pw - span), 0, 1.4 * span) if right else np.clip(span - s, 0, 1.4 * span)
        return np.asarray(a * u**2, np.float64)

    bow = rng.uniform(-0.02, 0.02) * ph

    def along(t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(bow * ((t - ph / 2) / ph) ** 2 * 4, np.float64)

    cell = 16.0
    gh, gw = ph // 16 + 2, pw // 16 + 2
    ripple = 0.003 * pw * _smooth_field(rng, (3, 4), (gw, gh))
    sheet = _bent_sheet(pw, ph, across, along, np.asarray(ripple, np.float32), cell)
    fw, fh = rng.choice(((3264, 2448), (4000, 3000), (2880, 2160)))
    focal = rng.uniform(0.72, 0.85) * fw
    target = sheet.point(pw / 2, ph / 2)
    yaw, pitch = math.radians(rng.uniform(-12, 12)), math.radians(rng.uniform(12, 26))
    roll = rng.uniform(-4, 4)
    distance = focal * pw / (rng.uniform(0.8, 0.88) * fw)
    border = [sheet.point(s, t) for s in np.linspace(0, pw, 9) for t in (0.0, float(ph))]
    border += [sheet.point(s, t) for s in (0.0, float(pw)) for t in np.linspace(0, ph, 7)]
    pts = np.array(border)
    for _ in range(8):  # back off until the whole sheet, its lifted side too, is in the frame
        eye = target + distance * np.array([math.sin(yaw), math.sin(pitch), math.cos(yaw) * math.cos(pitch)])
        cam = _aim(target, eye, roll, focal, (fw, fh))
        proj = cam.project(pts)
        if proj[:, 0].min() > 0.03 * fw and proj[:, 0].max() < 0.97 * fw and proj[:, 1].min() > 0.03 * fh and \
                proj[:, 1].max() < 0.97 * fh:  # fmt: skip
            break
        distance *= 1.08
    light = np.array([rng.uniform(-0.8, 0.8), rng.uniform(-0.6, 0.2), 1.0])
    shade = _sheet_shading(sheet, light, rng.uniform(0.55, 0.7)) * rng.uniform(1.0, 1.08)
    background = _table(fw, fh, rng)
    img, mask = _photograph_sheet(page, sheet, cam, background, shade)
    shadow = np.roll(cv2.GaussianBlur(mask, (0, 0), 14), (rng.randint(6, 18), rng.randint(6, 18)), (0, 1))
    img = np.asarray(img * (1 - 0.35 * (shadow * (1 - mask))[..., None]), np.float32)
    if rng.random() < 0.35:
        _phone_shadow(img, rng, (0.2, 0.32))
    photo = _camera(img, rng, (0.5, 0.9), (72, 88))
    members = [{k: v[1] for k, v in r.items() if k != "marriage_date"} for r in rows]
    return RenderedDocument("kk", photo, _kk_truth(family), members, layout="kk-lama-melengkung")


# --- KK: the e-KK in a phone's PDF viewer, zoomed in, screenshotted ----------------------------------------

_EPX = 12.0  # e-KK page pixels a millimetre: A4 landscape 3564 x 2520


class Ekk:
    """The e-KK page (grey), each printed truth value's box and each row's cells' boxes."""

    def __init__(
        self, page: Image.Image, fields: dict[str, Box], cells: list[dict[str, Box]], rows: list[Cells]
    ) -> None:
        self.page, self.fields, self.cells, self.rows = page, fields, cells, rows


def _ekk(family: Family, rng: random.Random) -> Ekk:
    """The electronic KK as its PDF draws it (A4 landscape): the emblem's place, title and number, the
    header, the two tables with the form's column numbers, the issue date, the TTE block and footnote."""
    w, h = round(297 * _EPX), round(210 * _EPX)
    fam = rng.choice(("sans", "condensed", "serif", "serif-condensed"))
    n = len(family.members)
    size = 30 if n <= 5 else 27
    style = rng.choice(("dmy-dash", "dmy-dash", "dmy-slash"))
    rows = [_cells(mb, style) for mb in family.members]
    pg = Page(w, h, fam, rng, paper=255)
    pg.guilloche(238, 248)
    m = round(11 * _EPX)
    pg.img = _emblem(pg.img, m + 100, 130, 80, rng.randint(60, 110))
    pg.d = ImageDraw.Draw(pg.img)
    fields: dict[str, Box] = {}
    pg.centre(52, "KARTU KELUARGA", 64)
    text = _pick(rng, "No. ", "No. ", "NO. ") + family.kk_number
    nf = pg.font(42, True)
    nx = (w - pg.d.textlength(text, font=nf)) / 2
    pg.d.text((nx, 136), text, font=nf, fill=0)
    fields["number"] = _bbox(pg.d, nx, 136, text, nf)
    y, head = _header(pg, family, rng, m + 30, w // 2 + rng.randint(60, 180), w - m, 232, size + 1,
                      rng.random() < 0.3, False)  # fmt: skip
    for key, box in head.items():
        if key == "rt/rw":
            fields["rt"] = fields["rw"] = box
        else:
            fields[key] = box
    probe = ImageDraw.Draw(Image.new("L", (4, 4)))
    body, headf = vfont(size, fam), vfont(size - 3, fam, True)
    width = float(w - 2 * m)
    tcaps = rng.random() < 0.6
    w1 = _widths(probe, _T1, rows, body, headf, width)
    w2 = _widths(probe, _E_T2, rows, body, headf, width)
    y, c1 = _grid(pg, m, y + 10, _T1, w1, rows, size, tcaps, [f"({k})" for k in range(1, 11)])
    y, c2 = _grid(pg, m, y + 30, _E_T2, w2, rows, size, tcaps, ["", *[f"({k})" for k in range(11, 19)]])
    cells = [{**a, **b} for a, b in zip(c1, c2, strict=True)]
    fs = size
    issued = _date(family.issue_date, rng.choice((style, "long", "long-title")))
    sx = w - m - 1000
    in_block = rng.random() < 0.5
    ix, iy = (sx, y + 30) if in_block else (m + 30, y + 30)
    end = pg.text(ix, iy, "Dikeluarkan Tanggal", fs)
    pg.text(end + 12, iy, ":", fs)
    df = pg.font(fs)
    pg.d.text((end + 12 + fs, iy), issued, font=df, fill=0)
    fields["issue_date"] = _bbox(pg.d, end + 12 + fs, iy, issued, df)
    hx = m + 700 if not in_block else m + 300
    pg.text(hx, y + 90, "KEPALA KELUARGA", fs)
    pg.text(hx, y + 260, family.head.name, fs, bold=True, max_x=sx - 60)
    pg.text(sx, y + 90, "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", fs - 2, max_x=w - m)
    pg.text(sx, y + 90 + fs + 4, _region(family.regency_code), fs - 2, max_x=w - m)
    pg.qr(sx, int(y + 160), 160)
    pg.text(sx + 185, y + 175, "Ditandatangani secara elektronik", fs - 5)
    pg.text(sx + 185, y + 175 + fs, rng.choice(_OFFICIALS), fs - 3, bold=True, max_x=w - m)
    pg.text(sx + 185, y + 175 + 2 * fs + 4, "NIP. " + _nip(rng), fs - 5)
    foot = ("Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
            "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.")  # fmt: skip
    fy = max(h - m - 10, int(y + 370))
    pg.d.line((m, fy - 12, w - m, fy - 12), fill=0, width=1)
    pg.text(m, fy, foot, fs - 9, max_x=w - m)
    if fy + 60 > h:
        pg.img = pg.img.crop((0, 0, w, fy + 60))
    return Ekk(pg.img, fields, cells, rows)


def _status_bar(d: ImageDraw.ImageDraw, sw: int, hh: int, fg: Colour, u: float, rng: random.Random) -> None:
    f = vfont(round(34 * u), "sans")
    d.text(
        (round(48 * u), round((hh - 34 * u) / 2)),
        f"{rng.randint(6, 22):02d}.{rng.randint(0, 59):02d}",
        font=f,
        fill=fg,
    )
    x = sw - round(60 * u)
    d.rounded_rectangle((x - round(44 * u), round(hh / 2 - 11 * u), x, round(hh / 2 + 11 * u)), radius=4,
                        outline=fg, width=2)  # fmt: skip
    d.rectangle((x - round(42 * u), round(hh / 2 - 9 * u), x - round(42 * u) + round(rng.uniform(8, 38) * u),
                 round(hh / 2 + 9 * u)), fill=fg)  # fmt: skip
    for i in range(4):
        bx = x - round((80 + 12 * (3 - i)) * u)
        d.rectangle((bx, round(hh / 2 + (8 - 5 * i) * u), bx + round(7 * u), round(hh / 2 + 11 * u)), fill=fg)


def kk_zoom_ponsel(family: Family, rng: random.Random) -> RenderedDocument:
    """The e-KK zoomed in a phone's PDF viewer and screenshotted; the truth is what the screen shows."""
    e = _ekk(family, rng)
    pw, ph = e.page.size
    sw, sh = rng.choice(((1080, 2400), (1080, 2340), (1080, 2220), (1170, 2532), (1440, 3200)))
    u = sw / 1080
    dark = rng.random() < 0.4
    bg: Colour = (46, 48, 52) if dark else (226, 226, 228)
    bar: Colour = (32, 33, 36) if dark else (255, 255, 255)
    fg: Colour = (234, 234, 236) if dark else (32, 33, 36)
    status_h, bar_h, nav_h = round(80 * u), round(150 * u), round(48 * u)
    top, bottom = status_h + bar_h, sh - nav_h
    f = rng.uniform(0.42, min(0.68, sw / 1600))
    scale = sw / (f * pw)
    vis_w = f * pw
    pan = rng.choice(("left", "right", "mid"))
    x0 = 0.0 if pan == "left" else pw - vis_w if pan == "right" else rng.uniform(0.15, 0.85) * (pw - vis_w)
    oy = top + rng.uniform(-0.1, 0.05) * ph * scale  # where the page's top is on the screen
    py0, py1 = max(0.0, (top - oy) / scale), min(float(ph), (bottom - oy) / scale)
    crop = e.page.crop((round(x0), round(py0), round(x0 + vis_w), round(py1)))
    shown = crop.resize((sw, max(1, round((py1 - py0) * scale))), Image.Resampling.LANCZOS).convert("RGB")
    screen = Image.new("RGB", (sw, sh), bg)
    screen.paste(shown, (0, round(oy + py0 * scale)))
    d = ImageDraw.Draw(screen)
    if oy > top:
        d.line((0, round(oy) - 1, sw, round(oy) - 1), fill=(150, 150, 152), width=2)
    page_bottom = oy + ph * scale
    if page_bottom < bottom:
        d.rectangle(
            (0, round(page_bottom), sw, round(page_bottom) + 3),
            fill=(170, 170, 172) if not dark else (20, 20, 22),
        )
    occluders: list[Box] = []
    pill = (sw - round(170 * u), top + round(28 * u), sw - round(40 * u), top + round(84 * u))
    d.rounded_rectangle(pill, radius=round(28 * u), fill=(60, 62, 66))
    pf = vfont(round(30 * u), "sans")
    d.text(
        (pill[0] + round(30 * u), pill[1] + round(10 * u)),
        _pick(rng, "1/1", "1 / 1"),
        font=pf,
        fill=(240, 240, 240),
    )
    occluders.append(pill)
    thumb_y = rng.uniform(top + 40 * u, bottom - 260 * u)
    thumb = (sw - round(14 * u), thumb_y, sw - round(4 * u), thumb_y + 190 * u)
    d.rounded_rectangle(thumb, radius=round(5 * u), fill=(120, 120, 124))
    occluders.append(thumb)
    d.rectangle((0, 0, sw, status_h), fill=bar)
    _status_bar(d, sw, status_h, fg, u, rng)
    d.rectangle((0, status_h, sw, top), fill=bar)
    ay = status_h + bar_h // 2
    d.line((round(40 * u), ay, round(84 * u), ay), fill=fg, width=max(3, round(4 * u)))
    d.line((round(40 * u), ay, round(60 * u), ay - round(20 * u)), fill=fg, width=max(3, round(4 * u)))
    d.line((round(40 * u), ay, round(60 * u), ay + round(20 * u)), fill=fg, width=max(3, round(4 * u)))
    name = rng.choice(("KK_" + family.kk_number + ".pdf", "Kartu Keluarga.pdf", "KK digital.pdf",
                       f"kk_{rng.randint(100000, 999999)}.pdf", "Dokumen KK terbaru.pdf"))  # fmt: skip
    ts = round(40 * u)
    while d.textlength(name, font=vfont(ts, "sans")) > sw - 360 * u and ts > 20:
        ts -= 2
    tf = vfont(ts, "sans")
    d.text((round(120 * u), ay - round(24 * u)), name, font=tf, fill=fg)
    for i in range(3):
        cx = sw - round(50 * u)
        cy = ay + round((i - 1) * 16 * u)
        d.ellipse((cx - 5 * u, cy - 5 * u, cx + 5 * u, cy + 5 * u), fill=fg)
    cx = sw - round(140 * u)
    for dx, dy in ((-14, 0), (12, -14), (12, 14)):
        d.ellipse(
            (cx + (dx - 7) * u, ay + (dy - 7) * u, cx + (dx + 7) * u, ay + (dy + 7) * u), outline=fg, width=3
        )
    d.rectangle((0, bottom, sw, sh), fill=bar)
    d.rounded_rectangle(
        (sw / 2 - 120 * u, bottom + 20 * u, sw / 2 + 120 * u, bottom + 28 * u), radius=4, fill=fg
    )
    # What the screen shows of the page, in the page's pixels; the overlays hide what lies under them.
    area: Box = (x0, py0, x0 + vis_w, py1)
    hidden = [
        ((b[0]) / scale + x0, (b[1] - oy) / scale, (b[2]) / scale + x0, (b[3] - oy) / scale)
        for b in occluders
    ]

    def seen(box: Box) -> bool:
        return _inside(box, area) and not any(_overlaps(box, o) for o in hidden)

    fields = {k: v for k, v in _kk_truth(family).items() if k in e.fields and seen(e.fields[k])}
    members = [
        {k: v[1] for k, v in row.items() if k in cells and seen(cells[k])}
        for row, cells in zip(e.rows, e.cells, strict=True)
    ]
    return RenderedDocument("kk", screen, fields, members, layout="kk-zoom-ponsel")


# --- akta: a pre-2000s Kutipan typed into its pre-printed blank, photocopied ----------------------------


class _Typist:
    """Typing into a PdfSheet in Courier: each letter struck harder or softer, now and then twice, a little
    off its line, the line itself a little askew."""

    def __init__(self, s: PdfSheet, size: float, face: str, rng: random.Random) -> None:
        self.s, self.size, self.face, self.rng = s, size, face, rng
        self.cw = s.width("M", size, face)
        self.slope = math.tan(math.radians(rng.uniform(-0.35, 0.35)))

    def type(self, x: float, y: float, text: str) -> float:
        for i, ch in enumerate(text):
            if ch == " ":
                continue
            g = min(0.6, max(0.0, self.rng.gauss(0.12, 0.15)))
            cx = x + i * self.cw + self.rng.uniform(-0.15, 0.15)
            cy = y + self.rng.uniform(-0.35, 0.35) + self.slope * i * self.cw
            self.s.text(cx, cy, ch, self.size, self.face, grey=g)
            if self.rng.random() < 0.04:
                self.s.text(cx + 0.35, cy + 0.1, ch, self.size, self.face, grey=g)
        return x + len(text) * self.cw

    def width(self, text: str) -> float:
        return len(text) * self.cw


def _fotokopi(page: Image.Image, rng: random.Random, dpi: float) -> Image.Image:
    """The original (grey) photocopied onto a folio sheet: its creases, the copier's toner contrast, grain,
    specks and a dark lid band; the original's edge where the sheet runs on below it; a little askew."""
    arr = np.asarray(page, np.float32)
    h, w = arr.shape
    nz = _noise(rng)
    if rng.random() < 0.7:  # kept folded in four: two creases
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        for across, along, at in (
            (yy, xx, rng.uniform(0.46, 0.54) * h),
            (xx, yy, rng.uniform(0.46, 0.54) * w),
        ):
            # a worn fold: it wanders a pixel or two and its width wavers along its length
            centre = at + 1.5 * np.sin(along / rng.uniform(60, 140) + rng.uniform(0, 6.3))
            wide = 1.4 + 0.6 * np.sin(along / rng.uniform(30, 80))
            arr *= 1 - rng.uniform(0.18, 0.3) * np.exp(-(((across - centre) / wide) ** 2))
    lo, hi = rng.uniform(60, 95), rng.uniform(185, 212)
    arr = np.clip((arr - lo) / (hi - lo), 0, 1) ** rng.uniform(0.85, 1.15)
    base = rng.uniform(230, 244)
    arr = np.asarray(22 + (base - 22) * arr, np.float32)
    arr += nz.normal(0, 5, arr.shape).astype(np.float32)
    specks = nz.random((h, w)) < 0.0005
    arr[specks] = nz.uniform(30, 110, int(specks.sum()))
    sheet_w, sheet_h = round(215 / 25.4 * dpi), round(330 / 25.4 * dpi)
    sheet_w = max(sheet_w, w + 10)
    sheet = np.full((sheet_h, sheet_w), rng.uniform(238, 248), np.float32)
    sheet += nz.normal(0, 4, (sheet_h, sheet_w)).astype(np.float32)
    ox, oy = rng.randint(0, max(1, sheet.shape[1] - w)), rng.randint(0, round(0.02 * sheet_h))
    orig = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    orig = orig.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    o = np.asarray(orig, np.float32)
    oh, ow = min(o.shape[0], sheet_h - oy), min(o.shape[1], sheet.shape[1] - ox)
    sheet[oy : oy + oh, ox : ox + ow] = np.minimum(sheet[oy : oy + oh, ox : ox + ow], o[:oh, :ow])
    if oy + oh < sheet_h - 4:  # the original's bottom edge: a dark line where the lid's white pad begins
        sheet[oy + oh - 2 : oy + oh + 1, ox : ox + ow] *= 0.55
    edge = rng.randint(25, 60)
    ramp = np.linspace(0.35, 1.0, edge, dtype=np.float32)
    if rng.random() < 0.5:
        sheet[:, :edge] *= ramp[None, :]
    else:
        sheet[:, -edge:] *= ramp[::-1][None, :]
    img = Image.fromarray(np.clip(sheet, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.6))
    img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=250)
    return _jpeg(img, rng.randint(62, 82))


def akta_ketik_stbld(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """A pre-2000s Kutipan: a pre-printed blank whose values a typewriter filled in; a photocopy, scanned."""
    p = _untitled(p)
    w, h = rng.choice(((595.0, 842.0), (609.4, 935.4)))
    s = PdfSheet(w, h)
    printed, bold = rng.choice(
        (("times", "times-bold"), ("schoolbook", "schoolbook-bold"), ("bookman", "bookman-demi"))
    )
    tw = _Typist(s, rng.uniform(11.0, 12.0), "courier-bold" if rng.random() < 0.65 else "courier", rng)
    lm, rm = rng.uniform(62, 76), w - rng.uniform(56, 66)
    size = rng.uniform(10.5, 11.5)
    dots = "0.6 2.4"
    s.centre(112, "REPUBLIK INDONESIA", 12, bold)
    title = rng.choice(("KUTIPAN AKTA KELAHIRAN", "KUTIPAN DARI DAFTAR AKTA KELAHIRAN"))
    s.centre(134, title, 16, bold)
    y = 160.0
    if rng.random() < 0.6:
        s.centre(y, "WARGA NEGARA INDONESIA", 10, printed)
        y += 20
    registered = p.birth_date.year + rng.randint(0, 3)
    number = rng.choice(
        (f"{serial}/{rng.choice(('U', 'T', 'TP', 'UM'))}/{registered}", f"{serial}/{registered}")
    )
    nx = w / 2 - 70
    end = s.text(nx, y + 8, "No.", size + 1, printed)
    s.line(end + 4, y + 8 + size * 0.72 + 2, end + 170, y + 8 + size * 0.72 + 2, 0.6, dash=dots)
    tw.type(end + 12, y + 6, number)
    y += 52

    def blank(phrase: str, value: str, indent: float = 0.0) -> None:
        """The printed phrase, its dotted blank to the margin, the typed value (carried onto a second
        dotted line when it does not fit)."""
        nonlocal y
        end = s.text(lm + indent, y, phrase, size, printed) if phrase else lm + indent
        base = y + size * 0.72 + 2.5
        s.line(end + 4, base, rm, base, 0.6, dash=dots)
        x = start = end + rng.uniform(8, 22)
        line = ""
        lines: list[str] = []
        for word in value.split():
            cand = f"{line} {word}".strip()
            if line and start + tw.width(cand) > rm - 4:
                lines.append(line)
                line, start = word, lm + 30
            else:
                line = cand
        lines.append(line)
        for i, ln in enumerate(lines):
            if i:
                y += size * 2.2
                base = y + size * 0.72 + 2.5
                s.line(lm + 24, base, rm, base, 0.6, dash=dots)
                x = lm + 30
            tw.type(x, y - rng.uniform(0.5, 3.0), ln)
        y += size * 2.6

    def said(text: str) -> None:
        nonlocal y
        s.text(lm, y, text, size, printed, max_w=rm - lm)
        y += size * 2.3

    caps = rng.random() < 0.5
    born = _date(p.birth_date, "words") if caps else _words_lower(p.birth_date)
    if rng.random() < 0.35:
        born = f"{born} ({p.birth_date.strftime('%d-%m-%Y')})"
    struck = rng.random() < 0.5
    if rng.random() < 0.5:
        said("Menurut Stbl. 1920 No. 751 jo. Stbl. 1927 No. 564,")
    else:
        said("Berdasarkan Staatsblad 1920 No. 751 jo. 1927 No. 564, Pegawai Luar Biasa")
        said("Pencatatan Sipil menerangkan:")
    place_first = rng.random() < 0.5
    sex_word = _sex(p) if caps else _sex(p).lower()

    def sex_line(phrase: str) -> None:
        nonlocal y
        if not struck:
            blank(phrase, sex_word)
            return
        end = s.text(lm, y, phrase, size, printed)
        a_x = end + 14
        b_end = s.text(a_x, y, "laki-laki", size, printed)
        s.text(b_end + 4, y, "/", size, printed)
        c_x = b_end + 14
        c_end = s.text(c_x, y, "perempuan", size, printed)
        x_from, x_to = (c_x, c_end) if p.sex == "M" else (a_x, b_end)
        tw.type(x_from - 1, y + rng.uniform(-0.5, 0.5), "x" * max(3, round((x_to - x_from) / tw.cw) + 1))
        y += size * 2.6

    if place_first:
        blank("bahwa di", p.place_of_birth)
        blank("pada tanggal", born)
        blank("telah lahir", p.name)
        sex_line("seorang anak")
        blank("dari suami-isteri", p.father_name)
        blank("dan", p.mother_name)
    else:
        blank("bahwa pada tanggal", born)
        blank("telah lahir di", p.place_of_birth)
        sex_line("seorang anak")
        blank("yang diberi nama", p.name)
        blank("anak dari suami-isteri", p.father_name)
        blank("dan", p.mother_name)
    y += 10
    said("Kutipan ini sesuai dengan aslinya.")
    bx = w * rng.uniform(0.46, 0.52)
    place = _issue_place(family)
    issued = _after(max(p.birth_date, date(registered, 1, 1)), rng, 20, 700)
    for phrase, value in (("Dikeluarkan di", place.title()), ("pada tanggal", _date(issued, "long-title"))):
        end = s.text(bx, y, phrase, size, printed)
        base = y + size * 0.72 + 2.5
        s.line(end + 4, base, rm, base, 0.6, dash=dots)
        tw.type(end + 10, y - rng.uniform(0.5, 2.5), value)
        y += size * 2.2
    office = rng.choice(("Pegawai Luar Biasa Pencatatan Sipil,", "Kepala Kantor Catatan Sipil,"))
    s.text(bx, y + 4, office, size, printed, max_w=rm - bx)
    official = rng.choice(_OFFICIALS)
    tw.type(min(bx, rm - tw.width(official)), y + 92, official)
    tw.type(bx, y + 106, "NIP. " + _nip(rng).replace(" ", "")[:18])
    dpi = rng.choice((200.0, 220.0, 240.0))
    k = dpi / 72
    pg = _page_of(s.render(dpi), rng)
    pg.img = _emblem(pg.img, w / 2 * k, 66 * k, 28 * k, rng.randint(60, 110))
    pg.d = ImageDraw.Draw(pg.img)
    pg.signature((bx + 20) * k, (y + 40) * k, 130 * k, 36 * k)
    pg.stamp((bx - 10) * k, (y + 56) * k, 48 * k, "CATATAN SIPIL|" + place[:14])
    copy = _fotokopi(pg.img, rng, dpi)
    return RenderedDocument("akta", copy, _akta_truth(number, p, nik=False), layout="akta-ketik-stbld")


# --- akta: the current blank with its values misregistered, photographed with a hard reflection ----------


def _border(rgb: Rgb, inset: int, band: int, rng: random.Random) -> None:
    """The blank's gold and green guilloche border band and a thin gold frame inside it, in place."""
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    e = np.minimum(np.minimum(xx, w - 1 - xx), np.minimum(yy, h - 1 - yy)) - inset
    inband = ((e >= 0) & (e <= band)).astype(np.float32)
    along = xx + yy
    p1 = np.sin(
        2 * math.pi * e / rng.uniform(14, 20) + 3 * np.sin(2 * math.pi * along / rng.uniform(90, 150))
    )
    p2 = np.sin(
        2 * math.pi * e / rng.uniform(9, 13) - 2.5 * np.sin(2 * math.pi * along / rng.uniform(60, 110))
    )
    gold = np.array(rng.choice(((196, 156, 60), (206, 170, 76), (184, 146, 56))), np.float32)
    green = np.array(rng.choice(((70, 140, 96), (90, 150, 110), (60, 120, 110))), np.float32)
    a1 = (np.clip((p1 - 0.55) * 4, 0, 1) * inband)[..., None] * 0.75
    a2 = (np.clip((p2 - 0.7) * 4, 0, 1) * inband)[..., None] * 0.6
    rgb[:] = rgb * (1 - a1) + gold * a1
    rgb[:] = rgb * (1 - a2) + green * a2
    frame = ((e >= band + 10) & (e <= band + 14)).astype(np.float32)[..., None] * 0.8
    rgb[:] = rgb * (1 - frame) + gold * frame


def akta_blanko_geser(family: Family, p: Person, rng: random.Random, serial: int) -> RenderedDocument:
    """The current Kutipan blank (gold border, the emblem's place in gold), its values printed off their
    lines, photographed on a table with a hard reflection."""
    p = _untitled(p)
    number = akta_number(family, p, serial)
    w, h = 2000, 2830
    pre = Page(w, h, rng.choice(("serif", "serif-condensed", "sans")), rng, paper=255)
    val = Page(w, h, rng.choice(("sans", "mono", "condensed", "serif")), rng, paper=255)
    inset, band = rng.randint(60, 90), rng.randint(70, 95)
    inner = inset + band + 30
    y = inner + 230
    pre.centre(y, "REPUBLIK INDONESIA", 46)
    pre.centre(y + 62, "PENCATATAN SIPIL", 38)
    y += 140
    if rng.random() < 0.5:
        pre.centre(y, "WARGA NEGARA INDONESIA", 32, bold=False)
        y += 60
    pre.centre(y, "KUTIPAN AKTA KELAHIRAN", 60)
    y += 150
    size = rng.choice((36, 38, 40))
    vsize = size + rng.choice((0, 2, 4))
    order = (
        sum(1 for m in family.members if m.mother_name == p.mother_name and m.birth_date < p.birth_date) + 1
    )
    style = rng.choice(("words", "words", "digits-words"))
    lines: list[tuple[str, str]] = [
        ("NIK", p.nik),
        ("Berdasarkan Akta Kelahiran Nomor", number),
        ("bahwa di", p.place_of_birth),
        ("pada tanggal", _date(p.birth_date, style)),
        ("telah lahir", p.name),
    ]
    if rng.random() < 0.5:
        lines.append(("anak ke", f"{number_words(order)}, {_sex(p)}"))
    else:
        lines += [("anak ke", number_words(order)), ("jenis kelamin", _sex(p))]
    lines += [("dari ayah", p.father_name), ("dan ibu", p.mother_name)]
    lx = inner + 60
    right = w - inner - 40
    vx = lx + max(pre.d.textlength(t, font=pre.font(size)) for t, _ in lines) + 70
    gap = int(size * rng.uniform(2.6, 3.0))

    def dotted(x0: float, x1: float, yb: float) -> None:
        for xx in range(int(x0), int(x1), 14):
            pre.d.ellipse((xx, yb, xx + 3, yb + 3), fill=90)

    for phrase, value in lines:
        pre.text(lx, y, phrase, size)
        dotted(vx - 10, right, y + size * 1.1)
        vals = _wrap_px(val.d, value, val.font(vsize, True), right - vx)
        for j, ln in enumerate(vals):
            _fitted(val, vx, y + j * int(size * 1.35), ln, vsize, right, bold=True)
        y += (len(vals) - 1) * int(size * 1.35) + gap
    y += 30
    bx = w * rng.uniform(0.46, 0.52)
    issued = _after(max(family.issue_date, p.birth_date), rng, 0, 300)
    for phrase, value in (("Dikeluarkan di", _issue_place(family)), ("pada tanggal", _date(issued, "long"))):
        end = pre.text(bx, y, phrase, size - 4)
        dotted(end + 20, right, y + size)
        _fitted(val, end + 40, y, value, vsize - 4, right, bold=True)
        y += int(size * 1.9)
    pre.text(bx, y + 20, "PEJABAT PENCATATAN SIPIL,", size - 4)
    official_y = y + 260
    _fitted(val, bx, official_y, rng.choice(_OFFICIALS), vsize - 6, right, bold=True)
    dx, dy = rng.randint(-30, 45), rng.randint(-30, 22)
    shifted = val.img.rotate(rng.uniform(-0.7, 0.7), resample=Image.Resampling.BICUBIC, center=(w / 2, h / 2),
                             translate=(dx, dy), fillcolor=255)  # fmt: skip
    paper = np.array(rng.choice(((246, 244, 232), (242, 246, 236), (248, 245, 236))), np.float32)
    rgb = np.ones((h, w, 3), np.float32) * paper
    waves = _wave_mask(w, h, rng, 60, (8, 30), (200, 600), 1)
    pale = np.array(rng.choice(((170, 200, 160), (210, 190, 140))), np.float32) / 255.0
    rgb *= 1 - 0.18 * waves[..., None] * (1 - pale)
    rgb *= 1 - 0.12 * _rosette(w, h, w / 2, h * 0.55, 0.3 * w, rng)[..., None] * (1 - pale)
    _border(rgb, inset, band, rng)
    art = _to_image(rgb)
    da = ImageDraw.Draw(art)
    ex, ey, er = w / 2, inner + 110, 95
    da.polygon([(ex - 0.3 * er, ey - 0.4 * er), (ex + 0.3 * er, ey - 0.4 * er), (ex + 0.3 * er, ey + 0.2 * er),
                (ex, ey + 0.5 * er), (ex - 0.3 * er, ey + 0.2 * er)], fill=(232, 206, 130))  # fmt: skip
    _emblem_place(da, ex, ey, er, (186, 146, 44))
    sf = vfont(30, "mono", True)
    serial_no = f"AL. {rng.randint(5, 6)}{rng.randint(0, 9_999_999):07d}"
    da.text(
        (w - inner - da.textlength(serial_no, font=sf), inner - 20), serial_no, font=sf, fill=(190, 36, 36)
    )
    rgb = np.asarray(art, np.float32)
    pre_ink = 1 - np.asarray(pre.img.filter(ImageFilter.GaussianBlur(0.5)), np.float32)[..., None] / 255.0
    rgb = rgb * (1 - pre_ink) + np.array((46, 50, 52), np.float32) * pre_ink
    val_ink = 1 - np.asarray(shifted.filter(ImageFilter.GaussianBlur(0.5)), np.float32)[..., None] / 255.0
    rgb = np.asarray(rgb * (1 - val_ink) + np.array((14, 14, 18), np.float32) * val_ink, np.float32)
    _blue_signature(rgb, bx + 80, official_y - 160, 320, 90, rng)
    _blue_stamp(
        rgb, bx + rng.uniform(-20, 60), official_y - 110, 120, ("DINAS KEPENDUDUKAN", "DISDUKCAPIL"), rng
    )
    frame = (2448, 3264)
    img, quad = _on_table(rgb, np.ones((h, w), np.float32), rng, frame, (0.84, 0.92))
    fw, fh = frame
    inside = np.zeros((fh, fw), np.float32)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 1.0)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    uu, vv = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)
    top = quad[0] + (quad[1] - quad[0]) * uu
    bot = quad[3] + (quad[2] - quad[3]) * uu
    cx, cy = (top + (bot - top) * vv).tolist()
    if rng.random() < 0.55:  # a window's pane and its bars
        a = math.radians(rng.uniform(-25, 25))
        hw, hh = rng.uniform(0.1, 0.16) * fw, rng.uniform(0.07, 0.12) * fh
        du = (xx - cx) * math.cos(a) + (yy - cy) * math.sin(a)
        dv = -(xx - cx) * math.sin(a) + (yy - cy) * math.cos(a)
        pane = ((np.abs(du) < hw) & (np.abs(dv) < hh)).astype(np.float32)
        bars = ((np.abs(du) < 0.012 * fw) | (np.abs(dv) < 0.01 * fw)).astype(np.float32)
        refl = pane * (1 - 0.75 * bars)
        refl = np.asarray(cv2.GaussianBlur(refl, (0, 0), rng.uniform(3, 6)), np.float32) * rng.uniform(
            0.5, 0.68
        )
    else:  # the phone's flash
        r = np.hypot(xx - cx, yy - cy) / (rng.uniform(0.05, 0.09) * fw)
        refl = rng.uniform(0.55, 0.7) * np.exp(-(r**6)) + 0.15 * np.exp(-(r**2) / 4)
    refl = np.clip(refl, 0, 0.72) * inside
    img = np.asarray(img + (255 - img) * refl[..., None], np.float32)
    photo = _camera(img, rng, (0.5, 0.9), (72, 88))
    return RenderedDocument("akta", photo, _akta_truth(number, p), layout="akta-blanko-geser")


# --- SKPWNI: another regency's template, two-column grids, the destination first; folio, folded, photographed


def skpwni_tujuan_di_atas(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """F-1.03 as two-column label grids, the destination's block before the origin's; folio folded in
    three, photographed on a table."""
    mv = _move(rng, origin)
    number = _skpwni_number(origin, serial)
    w = 2150
    size = rng.choice((27, 28, 29))
    pg = Page(w, 3400, rng.choice(("sans", "condensed", "serif", "serif-condensed")), rng, paper=255)
    lx, rx = 110, w - 110
    mid = (lx + rx) // 2
    pg.img = _emblem(pg.img, lx + 110, 130, 80, rng.randint(60, 110))
    pg.d = ImageDraw.Draw(pg.img)
    pg.centre(60, "PEMERINTAH " + _region(origin.regency_code), 36, x0=260, x1=w)
    pg.centre(110, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 36, x0=260, x1=w)
    street = rng.choice(
        ("Jl. Veteran", "Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Pahlawan", "Jl. Merdeka")
    )
    pg.centre(164, f"{street} No. {rng.randint(1, 140)}  Telp. ({rng.randint(21, 778):04d}) {rng.randint(300000, 899999)}",
              24, bold=False, x0=260, x1=w)  # fmt: skip
    pg.d.line((90, 215, w - 90, 215), fill=0, width=6)
    pg.d.line((90, 224, w - 90, 224), fill=0, width=2)
    pg.d.rectangle((w - 300, 250, w - 100, 300), outline=0, width=2)
    pg.text(w - 272, 258, "F-1.03", 28, bold=True)
    pg.centre(
        330, _pick(rng, "SURAT KETERANGAN PINDAH WNI", "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"), 40
    )
    pg.centre(390, "Nomor : " + number, 30, bold=False)
    ruled = rng.random() < 0.55
    caps = rng.random() < 0.3
    row_h = int(size * (2.0 if ruled else 1.75))
    y = 470.0
    f = pg.font(size)

    def lab(t: str) -> str:
        return t.upper() if caps else t

    def block(title: str, rows: Sequence[Sequence[tuple[str, str]]]) -> None:
        nonlocal y
        if ruled:
            pg.d.rectangle((lx, y, rx, y + row_h), fill=222, outline=0, width=2)
            pg.text(lx + 16, y + (row_h - size) / 2 - 2, title, size + 1, bold=True)
            y += row_h
        else:
            end = pg.text(lx, y, title, size + 2, bold=True)
            pg.d.line((lx, y + size + 10, end, y + size + 10), fill=0, width=2)
            y += row_h + 8
        halves = [r for r in rows if len(r) == 2]
        lw_l = max([pg.d.textlength(lab(r[0][0]), font=f) for r in halves] + [150.0]) + 30
        lw_r = max([pg.d.textlength(lab(r[1][0]), font=f) for r in halves] + [150.0]) + 30
        lw_full = max([pg.d.textlength(lab(r[0][0]), font=f) for r in rows if len(r) == 1] + [lw_l - 30]) + 30
        if lw_full <= 0.5 * (mid - lx):  # one colon column down the block where the half rows keep room
            lw_l = lw_full = max(lw_l, lw_full)
        for r in rows:
            cells = [(lx, rx, lw_full)] if len(r) == 1 else [(lx, mid, lw_l), (mid, rx, lw_r)]
            ty = y + (row_h - size) / 2 - 2 if ruled else y
            for (label, value), (x0, x1, lw) in zip(r, cells, strict=True):
                if ruled:
                    pg.d.rectangle((x0, y, x0 + lw, y + row_h), fill=238, outline=0, width=1)
                    pg.d.rectangle((x0 + lw, y, x1, y + row_h), outline=0, width=1)
                    pg.text(x0 + 12, ty, lab(label), size)
                    _fitted(pg, x0 + lw + 14, ty, value, size, x1 - 12)
                else:
                    pg.text(x0 + 20, ty, lab(label), size)
                    pg.text(x0 + 20 + lw, ty, ":", size)
                    _fitted(pg, x0 + 20 + lw + size * 0.8, ty, value, size, x1 - 24)
            y += row_h
        y += 26 if ruled else 18

    def address(fam: Family) -> list[list[tuple[str, str]]]:
        pair = (
            [("RT", fam.rt), ("RW", fam.rw)]
            if rng.random() < 0.4
            else [("RT/RW", f"{fam.rt}/{fam.rw}"), ("Kode Pos", fam.postal_code)]
        )
        rows = [
            [("Alamat", fam.address)],
            pair,
            [(_pick(rng, "Desa/Kelurahan", "Kelurahan/Desa"), _region(fam.village_code)),
             ("Kecamatan", _region(fam.district_code))],
            [(_pick(rng, "Kabupaten/Kota", "Kab/Kota"), _region(fam.regency_code)),
             ("Provinsi", _region(fam.province_code))],
        ]  # fmt: skip
        if pair[0][0] == "RT":
            rows.append([("Kode Pos", fam.postal_code), ("Telepon", "-")])
        return rows

    cls = MOVE_CLASSES.index(move_class(origin, dest))
    fmt = rng.choice(("dmy-dash", "dmy-slash", "long-title", "long"))
    stay = _STATUS_STAY[3 if mv.kind == 1 else rng.randrange(3)]
    go = rng.choice(_STATUS_MOVE)
    block(_pick(rng, "DATA PEMOHON", "IDENTITAS PEMOHON"),
          [[("NIK", p.nik), ("Nama Lengkap", p.name)],
           [("Nomor KK", origin.kk_number), ("Nama Kepala Keluarga", origin.head.name)]])  # fmt: skip
    block("ALAMAT TUJUAN PINDAH", address(dest))
    block(_pick(rng, "DATA DAERAH ASAL", "ALAMAT ASAL"), address(origin))
    block("DATA KEPINDAHAN",
          [[("Alasan Pindah", _choice_text("reason", mv.reason, rng)),
            ("Rencana Tgl. Pindah", _date(mv.day, fmt))],
           [("Klasifikasi Pindah", _choice_text("class", cls, rng))],
           [("Jenis Kepindahan", _choice_text("type", mv.kind, rng))],
           [("Status No. KK Bagi Yang Tidak Pindah", stay)],
           [("Status No. KK Bagi Yang Pindah", go)]])  # fmt: skip
    movers = _movers(origin, p, mv.kind)
    pg.text(lx, y, lab("Keluarga Yang Pindah"), size, bold=True)
    y += row_h
    xs = (lx, lx + 90, lx + 560, lx + 1380, rx)
    for i, cells in enumerate(
        [("No", "NIK", "Nama Lengkap", "SHDK")]
        + [(str(j + 1), m.nik, m.name, m.relationship) for j, m in enumerate(movers)]
    ):
        for x0, x1, t in zip(xs, xs[1:], cells, strict=False):
            pg.d.rectangle((x0, y, x1, y + row_h), outline=0, width=2 if i == 0 else 1)
            _fitted(pg, x0 + 12, y + (row_h - size) / 2 - 2, t, size - 1, x1 - 10, bold=i == 0)
        y += row_h
    y += 50
    place = _issue_place(origin).title()
    pg.text(lx + 40, y + size + 8, "Pemohon,", size)
    pg.signature(lx + 60, y + 110, 280, 70)
    pg.text(lx + 40, y + 240, p.name, size, bold=True, max_x=mid - 40)
    sx = mid + 80
    pg.text(sx, y, f"{place}, {_date(origin.issue_date, 'long-title')}", size)
    pg.text(sx, y + size + 8, _pick(rng, "a.n. KEPALA DINAS KEPENDUDUKAN", "KEPALA DINAS KEPENDUDUKAN"), size)
    pg.text(sx, y + 2 * (size + 8), "DAN PENCATATAN SIPIL", size)
    pg.signature(sx + 60, y + 150, 320, 80)
    pg.stamp(sx + 20, y + 180, 110, "DUKCAPIL|" + _issue_place(origin)[:12])
    pg.text(sx, y + 280, rng.choice(_OFFICIALS), size, bold=True, max_x=rx)
    pg.text(sx, y + 280 + size + 8, "NIP. " + _nip(rng), size)
    ph = max(int(y + 420), 3000)
    pg.img = pg.img.crop((0, 0, w, ph))
    rgb = _on_paper(pg.img, rng.choice(_PAPERS))
    rows_ = np.arange(ph, dtype=np.float32)
    shade = np.ones(ph, np.float32)
    for k, at in enumerate((ph / 3 + rng.uniform(-20, 20), 2 * ph / 3 + rng.uniform(-20, 20))):
        shade[int(at) :] *= rng.uniform(0.93, 1.02) if k == 0 else rng.uniform(0.95, 1.03)
        shade *= 1 - 0.22 * np.exp(-(((rows_ - at) / rng.uniform(1.5, 2.5)) ** 2))
        shade += 0.05 * np.exp(-(((rows_ - at - 5) / 3.0) ** 2))
    rgb = np.asarray(np.clip(rgb * shade[:, None, None], 0, 255), np.float32)
    img, _ = _on_table(rgb, np.ones(rgb.shape[:2], np.float32), rng, (2448, 3264), (0.86, 0.93))
    if rng.random() < 0.5:
        _phone_shadow(img, rng, (0.22, 0.36))
    photo = _camera(img, rng, (0.5, 0.95), (70, 86))
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", photo, truth, layout="skpwni-tujuan-di-atas")


# --- SKPWNI: the national TTE print, one running numbering; home print scanned in grey ---------------------


def skpwni_tte_abu(
    origin: Family, dest: Family, p: Person, rng: random.Random, serial: int
) -> RenderedDocument:
    """The newer national SKPWNI with a verification QR, numbered items and lettered address sub-items, the
    members with their card's validity, the TTE block; printed at home and scanned in grey at 150-200 dpi."""
    mv: Move = _move(rng, origin)
    number = _skpwni_number(origin, serial)
    w = 2100
    size = rng.choice((30, 31, 32))
    pg = Page(w, 3800, rng.choice(("sans", "condensed", "serif")), rng, paper=255)
    lx, rx = 130, w - 130
    pg.img = _emblem(pg.img, w / 2, 120, 70, rng.randint(50, 100))
    pg.d = ImageDraw.Draw(pg.img)
    pg.qr(rx - 200, 60, 200)
    pg.text(rx - 210, 268, "Pindai untuk verifikasi", size - 12)
    pg.centre(210, "PEMERINTAH " + _region(origin.regency_code), 34, x0=300, x1=w - 300)
    pg.centre(256, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 34, x0=300, x1=w - 300)
    pg.d.line((lx, 320, rx, 320), fill=0, width=3)
    pg.centre(350, _pick(rng, "SURAT KETERANGAN PINDAH", "SURAT KETERANGAN PINDAH WNI"), 42)
    pg.centre(410, "Nomor : " + number, 30, bold=False)
    y = 500.0
    gap = int(size * 1.62)
    longest = max(
        pg.d.textlength(t, font=pg.font(size))
        for t in ("Status No. KK Bagi Yang Tidak Pindah", "Nomor Kartu Keluarga")
    )
    colon = max(lx + rng.randint(620, 700), round(lx + 60 + longest + 24))
    vx = colon + 28
    sectioned = rng.random() < 0.5
    count = 0

    def head(title: str) -> None:
        nonlocal y
        if sectioned:
            y += 10
            pg.text(lx, y, title, size + 1, bold=True)
            y += gap + 4

    def item(label: str, value: str) -> None:
        nonlocal y, count
        count += 1
        pg.text(lx, y, f"{count}.", size)
        pg.text(lx + 60, y, label, size)
        pg.text(colon, y, ":", size)
        _fitted(pg, vx, y, value, size, rx)
        y += gap

    def sub(letter: str, label: str, value: str) -> None:
        nonlocal y
        pg.text(lx + 100, y, f"{letter}. {label}", size)
        pg.text(colon, y, ":", size)
        _fitted(pg, vx, y, value, size, rx)
        y += gap

    def address(label: str, fam: Family) -> None:
        item(label, fam.address)
        parts = [
            ("RT/RW", f"{fam.rt}/{fam.rw}"),
            (_pick(rng, "Desa/Kelurahan", "Kelurahan/Desa"), _region(fam.village_code)),
            ("Kecamatan", _region(fam.district_code)),
            ("Kabupaten/Kota", _region(fam.regency_code)),
            ("Provinsi", _region(fam.province_code)),
            ("Kode Pos", fam.postal_code),
        ]
        for letter, (lab, value) in zip("abcdef", parts, strict=True):
            sub(letter, lab, value)

    cls = MOVE_CLASSES.index(move_class(origin, dest))
    stay = _STATUS_STAY[3 if mv.kind == 1 else rng.randrange(3)]
    go = rng.choice(_STATUS_MOVE)
    head("DATA DAERAH ASAL")
    item("Nomor Kartu Keluarga", origin.kk_number)
    item("Nama Kepala Keluarga", origin.head.name)
    item("NIK Pemohon", p.nik)
    item("Nama Lengkap", p.name)
    address("Alamat Asal", origin)
    head("DATA KEPINDAHAN")
    item("Alasan Pindah", _choice_text("reason", mv.reason, rng))
    if not sectioned:
        address("Alamat Tujuan", dest)
    item("Klasifikasi Pindah", _choice_text("class", cls, rng))
    item("Jenis Kepindahan", _choice_text("type", mv.kind, rng))
    item("Status No. KK Bagi Yang Tidak Pindah", stay)
    item("Status No. KK Bagi Yang Pindah", go)
    item("Rencana Tanggal Pindah", _date(mv.day, rng.choice(("dmy-dash", "dmy-slash", "long-title"))))
    if sectioned:
        head("DATA DAERAH TUJUAN")
        address("Alamat Tujuan", dest)
    count += 1
    pg.text(lx, y, f"{count}.", size)
    pg.text(lx + 60, y, "Keluarga Yang Pindah", size)
    y += gap
    movers = _movers(origin, p, mv.kind)
    xs = (lx + 60, lx + 140, lx + 560, lx + 1190, lx + 1530, rx)
    rh = int(size * 1.7)
    rows = [("No", "NIK", "Nama Lengkap", "Masa Berlaku KTP", "SHDK")] + [
        (str(j + 1), m.nik, m.name, "SEUMUR HIDUP" if m.age_on(mv.day) >= 17 else "-", m.relationship)
        for j, m in enumerate(movers)
    ]
    for i, cells in enumerate(rows):
        for x0, x1, t in zip(xs, xs[1:], cells, strict=False):
            pg.d.rectangle((x0, y, x1, y + rh), outline=0, width=2 if i == 0 else 1)
            _fitted(pg, x0 + 10, y + (rh - size) / 2, t, size - 3, x1 - 8, bold=i == 0)
        y += rh
    y += 60
    sx = rx - 820
    pg.text(sx, y, f"{_issue_place(origin).title()}, {_date(origin.issue_date, 'long-title')}", size - 2)
    pg.text(sx, y + size + 6, "KEPALA DINAS KEPENDUDUKAN DAN", size - 2)
    pg.text(sx, y + 2 * (size + 6), "PENCATATAN SIPIL " + _region(origin.regency_code), size - 2, max_x=rx)
    pg.qr(int(sx), int(y + 3 * (size + 6) + 10), 170)
    pg.text(sx + 190, y + 3 * (size + 6) + 30, "Ditandatangani secara elektronik", size - 8)
    pg.text(sx + 190, y + 3 * (size + 6) + 30 + size, rng.choice(_OFFICIALS), size - 6, bold=True, max_x=rx)
    pg.text(sx + 190, y + 3 * (size + 6) + 30 + 2 * size, "NIP. " + _nip(rng), size - 8)
    y += 3 * (size + 6) + 230
    pg.d.line((lx, y, rx, y), fill=0, width=1)
    foot = ("Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
            "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN.")  # fmt: skip
    for j, ln in enumerate(_wrap_px(pg.d, foot, pg.font(size - 10), rx - lx)):
        pg.text(lx, y + 10 + j * (size - 4), ln, size - 10)
    printed = _after(origin.issue_date, rng, 0, 30)
    ph = max(2970, int(y + 140))
    pg.text(
        lx,
        ph - 70,
        f"Dicetak {printed:%d/%m/%Y} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}",
        size - 10,
    )
    pg.text(rx - 60, ph - 70, "1/1", size - 10)
    page = pg.img.crop((0, 0, w, ph))
    lo = rng.uniform(28, 55)  # the inkjet's black is a dark grey
    page = page.point(lambda v: round(lo + (255 - lo) * v / 255))
    dpi = rng.choice((150, 200, 200))
    k = dpi / 254  # the page is drawn at 10 px a millimetre
    scaled = page.resize((round(w * k), round(ph * k)), Image.Resampling.LANCZOS)
    scan = _flatbed(scaled, rng, grey=True, contrast=(35, 70), most=1.5)
    truth = _skpwni_truth(origin, dest, p, number, mv)
    return RenderedDocument("skpwni", scan, truth, layout="skpwni-tte-abu")


ROUND19: dict[str, dict[str, Callable[..., RenderedDocument]]] = {
    "kk": {"kk-lama-melengkung": kk_lama_melengkung, "kk-zoom-ponsel": kk_zoom_ponsel},
    "akta": {"akta-ketik-stbld": akta_ketik_stbld, "akta-blanko-geser": akta_blanko_geser},
    "ktp": {"ktp-pindai-tutup-terbuka": ktp_pindai_tutup_terbuka, "ktp-genggam-silau": ktp_genggam_silau},
    "skpwni": {"skpwni-tujuan-di-atas": skpwni_tujuan_di_atas, "skpwni-tte-abu": skpwni_tte_abu},
}
