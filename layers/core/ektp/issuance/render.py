"""Renderings of the digital ID: the QR code, a KTP-el-like card image (PNG) and a printable PDF.

The QR carries the compact JWS as is (byte mode, error correction M: a ~560-character credential fits
version 18-19). Text uses Pillow's bundled scalable font, so rendering needs no system fonts (Lambda has
none). PDFs are one page image, stored losslessly (Flate) by a small writer here, which keeps the QR modules
sharp.
"""

from __future__ import annotations

import io
import zlib
from datetime import date, datetime
from functools import cache
from typing import Any

import segno
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ektp.domain.application import Citizenship
from ektp.issuance.card import CardRecord

QR_ERROR = "m"
CARD_SIZE = (1011, 638)  # ID-1 (85.6 x 54 mm) at 300 dpi
PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
PAGE_DPI = 150
PHOTO_BOX = (165, 220)  # 3:4, as the pas foto
# The QR is drawn at 3 px a module at least (smaller is unreliable to scan): the longest credential (a 60-
# character name) is version 20 at level M, 97 modules + a 2-module quiet zone = 303 px.
QR_COLUMN = 303
MIN_QR_SCALE = 3
CARD_BACKGROUND = (214, 233, 246)
INK = (20, 20, 20)
MAX_PHOTO_BYTES = 8 * 1024 * 1024

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def font(size: int) -> Font:
    return ImageFont.load_default(size=size)


def make_qr(payload: str) -> segno.QRCode:
    return segno.make(payload, error=QR_ERROR, micro=False, boost_error=False)


def qr_image(payload: str | segno.QRCode, scale: int, border: int = 4) -> Image.Image:
    """The QR as a greyscale image, `scale` pixels per module (pass a made QRCode to avoid re-encoding:
    encoding a version-19 code takes ~40 ms, mostly segno's mask evaluation)."""
    qr = make_qr(payload) if isinstance(payload, str) else payload
    matrix = qr.matrix
    n = len(matrix)
    img = Image.new("L", (n + 2 * border, n + 2 * border), 255)
    pixels = img.load()
    assert pixels is not None
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pixels[x + border, y + border] = 0
    return img.resize((img.width * scale, img.height * scale), Image.Resampling.NEAREST)


def qr_png(payload: str, scale: int = 6) -> bytes:
    return _png(qr_image(payload, scale))


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")  # optimize=True would triple the time for ~10 % smaller files
    return buf.getvalue()


def _fit_text(draw: ImageDraw.ImageDraw, text: str, size: int, max_width: int) -> Font:
    """The largest font up to `size` that fits `text` in `max_width` (long names and addresses shrink)."""
    while size > 10:
        f = font(size)
        if draw.textlength(text, font=f) <= max_width:
            return f
        size -= 1
    return font(10)


def _photo(photo: bytes) -> Image.Image:
    if len(photo) > MAX_PHOTO_BYTES:
        raise ValueError("photo too large")
    try:
        with Image.open(io.BytesIO(photo)) as src:
            src.draft("RGB", (PHOTO_BOX[0] * 2, PHOTO_BOX[1] * 2))  # JPEG: decode at reduced size
            img = ImageOps.exif_transpose(src).convert("RGB")
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"unreadable photo: {type(exc).__name__}") from exc
    return ImageOps.fit(img, PHOTO_BOX, Image.Resampling.LANCZOS, centering=(0.5, 0.4))


def _indonesian_date(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def card_fields(card: CardRecord) -> list[tuple[str, str]]:
    """The labelled lines of the card's front, in the KTP-el's order and wording."""
    sex = "LAKI-LAKI" if card.sex == "M" else "PEREMPUAN"
    return [
        ("Nama", card.full_name),
        ("Tempat/Tgl Lahir", f"{card.place_of_birth}, {_indonesian_date(card.birth_date)}"),
        ("Jenis Kelamin", f"{sex}    Gol. Darah: {card.blood_type.value}"),
        ("Alamat", card.address),
        ("RT/RW", f"{card.rt}/{card.rw}"),
        ("Kel/Desa", card.village_name),
        ("Kecamatan", card.district_name),
        ("Agama", card.religion.value),
        ("Status Perkawinan", card.marital_status.value),
        ("Pekerjaan", card.occupation),
        ("Kewarganegaraan", "WNI" if card.citizenship is Citizenship.WNI else "WNA"),
        ("Berlaku Hingga", card.valid_until),
    ]


def render_card_image(card: CardRecord, token: str, photo: bytes | None = None) -> Image.Image:
    """The digital ID card: the KTP-el front with the credential's QR in place of the chip."""
    width, height = CARD_SIZE
    img = Image.new("RGB", CARD_SIZE, CARD_BACKGROUND)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((2, 2, width - 3, height - 3), radius=28, outline=(90, 130, 170), width=3)

    for y, text in ((14, f"PROVINSI {card.province_name}"), (46, card.regency_name)):
        f = _fit_text(draw, text, 28, width - 60)
        draw.text((width // 2, y), text, font=f, fill=INK, anchor="ma")

    column = QR_COLUMN
    right_x = width - 20 - column  # the right column holds the photo and the QR
    draw.text((25, 92), "NIK", font=font(30), fill=INK)
    draw.text((150, 92), f": {card.nik}", font=font(30), fill=INK)

    label_font = font(19)
    y = 142
    for label, value in card_fields(card):
        draw.text((25, y), label, font=label_font, fill=INK)
        draw.text((205, y), ":", font=label_font, fill=INK)
        value_font = _fit_text(draw, value, 19, right_x - 225)
        draw.text((218, y), value, font=value_font, fill=INK)
        y += 31

    issued = f"{card.issue_place}, {_indonesian_date(card.issue_date)}"
    draw.text((25, y + 12), issued, font=_fit_text(draw, issued, 17, right_x - 40), fill=INK)
    draw.text((25, y + 38), f"ID kartu: {card.card_id}", font=font(14), fill=(70, 70, 70))

    photo_x = right_x + (column - PHOTO_BOX[0]) // 2
    photo_box = (photo_x, 84, photo_x + PHOTO_BOX[0], 84 + PHOTO_BOX[1])
    if photo is not None:
        img.paste(_photo(photo), photo_box[:2])
    else:
        draw.rectangle(photo_box, fill=(200, 200, 200))
        draw.text(
            ((photo_box[0] + photo_box[2]) // 2, (photo_box[1] + photo_box[3]) // 2),
            "FOTO",
            font=font(20),
            fill=(120, 120, 120),
            anchor="mm",
        )
    draw.rectangle(photo_box, outline=(90, 90, 90), width=1)

    qr = _fit_qr(token, max_side=column)
    img.paste(qr.convert("RGB"), (right_x + (column - qr.width) // 2, height - 10 - qr.height))
    return img


def _fit_qr(token: str, max_side: int) -> Image.Image:
    # Two-module quiet zone: the card's own light margin around it completes the quiet zone decoders need.
    qr = make_qr(token)
    modules = len(qr.matrix) + 4
    scale = min(6, max_side // modules)
    if scale < MIN_QR_SCALE:
        raise ValueError("the credential is too long to fit a QR on the card")
    return qr_image(qr, scale, border=2)


def render_card_png(card: CardRecord, token: str, photo: bytes | None = None) -> bytes:
    return _png(render_card_image(card, token, photo))


INSTRUCTIONS = (
    (
        "Identitas Kependudukan Digital (IKD)",
        "Tunjukkan kode QR ini kepada pihak yang memeriksa identitas Anda. Keaslian dapat diperiksa di "
        "situs verifikasi Dukcapil atau secara luring dengan kunci publik yang diterbitkan. Jangan "
        "bagikan berkas ini kepada orang yang tidak berhak. Kode QR memiliki masa berlaku; unduh ulang "
        "bila kedaluwarsa. Bila kartu hilang, laporkan agar kode QR ini dicabut.",
    ),
    (
        "Digital Population Identity (IKD)",
        "Show this QR code to whoever checks your identity. It can be verified on Dukcapil's verification "
        "page, or offline with the published public key. Do not share this file with anyone not entitled "
        "to it. The QR code expires; download it again when it does. If the card is lost, report it so "
        "this QR code is revoked.",
    ),
)


def _wrap(draw: ImageDraw.ImageDraw, text: str, f: Font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=f) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def draw_paragraph(
    draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, f: Font, width: int, leading: int
) -> int:
    """Draw wrapped text; returns the y below it."""
    x, y = xy
    for line in _wrap(draw, text, f, width):
        draw.text((x, y), line, font=f, fill=INK)
        y += leading
    return y


def page_to_pdf(page: Image.Image, title: str, dpi: int = PAGE_DPI) -> bytes:
    """A one-page PDF holding `page` as a Flate-compressed RGB image: lossless (Pillow's own PDF writer
    would store RGB as JPEG, blurring the QR modules) and dependency-free."""
    rgb = page.convert("RGB")
    width_pt = rgb.width * 72 / dpi
    height_pt = rgb.height * 72 / dpi
    image_data = zlib.compress(rgb.tobytes(), 6)
    content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode("ascii")
    safe_title = "".join(c for c in title if c.isascii() and c.isprintable() and c not in "()\\")
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
            "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        ).encode("ascii"),
        (
            f"<< /Type /XObject /Subtype /Image /Width {rgb.width} /Height {rgb.height} "
            f"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length {len(image_data)} >>\n"
        ).encode("ascii")
        + b"stream\n"
        + image_data
        + b"\nendstream",
        f"<< /Length {len(content)} >>\n".encode("ascii") + b"stream\n" + content + b"\nendstream",
        f"<< /Title ({safe_title}) /Producer (ektp) >>".encode("ascii"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii"))
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode("ascii"))
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode("ascii")
    )
    return out.getvalue()


def pdf_page_image(pdf: bytes) -> Image.Image:
    """The page image back out of a PDF written by `page_to_pdf` (for tests and round-trip checks)."""
    import re

    match = re.search(rb"/Width (\d+) /Height (\d+) .*?/Length (\d+) >>\nstream\n", pdf)
    if match is None:
        raise ValueError("not a page written by page_to_pdf")
    width, height, length = (int(g) for g in match.groups())
    data = zlib.decompress(pdf[match.end() : match.end() + length])
    return Image.frombytes("RGB", (width, height), data)


def render_card_pdf(
    card: CardRecord, token: str, photo: bytes | None = None, generated_at: datetime | None = None
) -> bytes:
    """An A4 page: the card image at print size, then the instructions in Indonesian and English."""
    page = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(page)
    margin = 110
    draw.text((margin, 90), "KTP-el Digital / Digital ID card", font=font(36), fill=INK)
    card_img = render_card_image(card, token, photo)
    page.paste(card_img, ((PAGE_SIZE[0] - card_img.width) // 2, 160))
    y = 160 + card_img.height + 50
    for heading, body in INSTRUCTIONS:
        draw.text((margin, y), heading, font=font(26), fill=INK)
        y = draw_paragraph(draw, (margin, y + 40), body, font(20), PAGE_SIZE[0] - 2 * margin, 28) + 30
    if generated_at is not None:
        draw.text(
            (margin, PAGE_SIZE[1] - 80),
            f"Dibuat / generated: {generated_at.isoformat()}",
            font=font(16),
            fill=INK,
        )
    return page_to_pdf(page, "IKD " + card.card_id)


# OpenCV misses about 1 in 150 of the card's version-19 codes at its 3 pixels a module (4 of 600 random
# credentials) though it finds their corners, and reads every one of them enlarged: only a code found and not
# read is read again, cropped to its corners and enlarged step by step, never past ENLARGED_PIXELS_MAX (the
# enlarged crop). An image where no code is found costs one reading, as before.
QR_READ_SCALES = ((1.5, "nearest"), (2.0, "cubic"), (3.0, "cubic"))
ENLARGED_PIXELS_MAX = 4_000_000
QR_CROP_MARGIN = 0.15  # of the code's side, around its corners: the quiet zone the detector needs


def decode_qr(image_bytes: bytes) -> list[str]:
    """Every QR payload OpenCV finds in an image (PNG/JPEG bytes); an empty list if none is readable."""
    import cv2
    import numpy as np

    from ektp.issuance.image_size import qr_image_acceptable

    if not qr_image_acceptable(image_bytes):
        return []  # a header it cannot read, or more pixels than a photo of a screen: a bomb is never decoded
    array = np.frombuffer(image_bytes, dtype=np.uint8)
    img = cv2.imdecode(array, cv2.IMREAD_GRAYSCALE)
    if img is None:
        return []
    found, corners = _qr_texts(cv2, img)
    if found or corners is None:
        return found
    crop = _around(img, corners)
    interpolation = {"nearest": cv2.INTER_NEAREST, "cubic": cv2.INTER_CUBIC}
    for scale, method in QR_READ_SCALES:
        if crop.size * scale * scale > ENLARGED_PIXELS_MAX:
            break
        found, _ = _qr_texts(
            cv2, cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interpolation[method])
        )
        if found:
            return found
    return []


def _qr_texts(cv2: Any, img: Any) -> tuple[list[str], Any]:
    """The payloads read, and the corners of a code found but not read (None when none was found)."""
    # The Aruco-based detector reads these version 18-20 codes far more often than the classic one (which
    # misses about 1 in 5 whatever the scale), so the classic one is only the fallback.
    corners = None
    for detector in (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector()):
        text, points, _ = detector.detectAndDecode(img)
        if text:
            return [text], None
        if corners is None and points is not None:
            corners = points
    ok, texts, points, _ = cv2.QRCodeDetectorAruco().detectAndDecodeMulti(img)
    read = [t for t in texts if t] if ok else []
    if corners is None and points is not None and len(points):
        corners = points[0]
    return read, corners


def _around(img: Any, corners: Any) -> Any:
    """The image cropped to a found code's corners and a margin (its quiet zone)."""
    import numpy as np

    pts = np.asarray(corners, dtype=np.float64).reshape(-1, 2)
    (left, top), (right, bottom) = pts.min(axis=0), pts.max(axis=0)
    margin = QR_CROP_MARGIN * max(right - left, bottom - top, 1.0)
    h, w = img.shape[:2]
    x0, y0 = max(0, int(left - margin)), max(0, int(top - margin))
    x1, y1 = min(w, int(right + margin) + 1), min(h, int(bottom + margin) + 1)
    return img[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else img
