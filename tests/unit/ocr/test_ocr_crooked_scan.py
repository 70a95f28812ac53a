"""Crooked scans (issue 18): a page laid on the glass 8-14 degrees off, scanned with the lid open (the
scanner's black all around it, with its sensor noise) or closed (white around it). The page is drawn here with
PIL, labels and values over a ruled member table, turned and read by the real extractor."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr import extract_document, preprocess
from ektp.ocr.settings import OcrSettings

FONTS = "/usr/share/fonts/truetype/dejavu/"

HEADER = (
    ("Nama Kepala Keluarga", "BUDI SANTOSO", "Kecamatan", "CIBINONG"),
    ("Alamat", "JL. MELATI NO. 12", "Kabupaten/Kota", "KABUPATEN BOGOR"),
    ("RT/RW", "003/005", "Kode Pos", "16915"),
    ("Desa/Kelurahan", "PAKANSARI", "Provinsi", "JAWA BARAT"),
)
COLUMNS = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama",
           "Pendidikan", "Jenis Pekerjaan", "Gol. Darah")  # fmt: skip
WIDTHS = (60, 300, 270, 190, 190, 190, 140, 280, 360, 140)
MEMBERS = (
    ("1", "BUDI SANTOSO", "3201011203850001", "LAKI-LAKI", "BOGOR", "12-03-1985", "ISLAM", "SLTA/SEDERAJAT",
     "KARYAWAN SWASTA", "O"),
    ("2", "SRI WAHYUNI", "3201016507880002", "PEREMPUAN", "BANDUNG", "25-07-1988", "ISLAM", "DIPLOMA IV/STRATA I",
     "MENGURUS RUMAH TANGGA", "A"),
    ("3", "RIZKY PRATAMA", "3201010301120003", "LAKI-LAKI", "BOGOR", "03-01-2012", "ISLAM", "SD/SEDERAJAT",
     "PELAJAR/MAHASISWA", "B"),
)  # fmt: skip


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + name, size)


def _kk_page() -> Image.Image:
    """A KK as printed: title and number, the address block in two columns of `label : value`, and the
    member table ruled in cells, at about 200 dpi."""
    regular, bold = _font("DejaVuSans.ttf", 22), _font("DejaVuSans-Bold.ttf", 19)
    page = Image.new("L", (2400, 1150), 248)
    d = ImageDraw.Draw(page)
    d.text((900, 60), "KARTU KELUARGA", font=_font("DejaVuSans-Bold.ttf", 48), fill=20)
    d.text((900, 125), "No. 3201011203150007", font=_font("DejaVuSans-Bold.ttf", 34), fill=20)
    for i, (label, value, label2, value2) in enumerate(HEADER):
        y = 230 + 48 * i
        d.text((90, y), label, font=regular, fill=25)
        d.text((420, y), ": " + value, font=regular, fill=25)
        d.text((1300, y), label2, font=regular, fill=25)
        d.text((1560, y), ": " + value2, font=regular, fill=25)
    top, row = 470, 62
    xs = [90 + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
    bottom = top + row * (len(MEMBERS) + 1)
    for y in range(top, bottom + 1, row):
        d.line((xs[0], y, xs[-1], y), fill=20, width=3)
    for x in xs:
        d.line((x, top, x, bottom), fill=20, width=3)
    for c, head in enumerate(COLUMNS):
        d.text((xs[c] + 10, top + 18), head.upper(), font=bold, fill=20)
    for r, member in enumerate(MEMBERS):
        for c, cell in enumerate(member):
            d.text((xs[c] + 10, top + row * (r + 1) + 16), cell, font=regular, fill=25)
    d.text((90, bottom + 90), "Dikeluarkan Tanggal : 14-03-2015", font=regular, fill=25)
    return page


def _scanned(
    page: Image.Image, angle: float, *, lid_open: bool, room_light: float = 90.0, seed: int = 7
) -> bytes:
    """The page turned `angle` degrees on the glass and scanned: with the lid open the glass around it is
    black with the sensor's noise, greyer towards the room's light (`room_light`: how much lighter at the
    far corner), and the page (an F4 sheet on an A4 scanner) overhangs the glass's top left; closed, the
    lid's white is all around."""
    turned = page.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=0)
    mask = Image.new("L", page.size, 255).rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    rng = np.random.default_rng(seed)
    h, w = turned.size[1] + 160, turned.size[0] + 120
    if lid_open:
        glass = np.clip(rng.normal(18, 9, (h, w)), 0, 255)
        glass += np.linspace(0, room_light, w)[None, :] * np.linspace(0.3, 1.0, h)[:, None]
    else:
        glass = np.clip(rng.normal(238, 3, (h, w)), 0, 255)
    scan = Image.fromarray(glass.astype(np.uint8))
    scan.paste(turned, (-90, -70) if lid_open else (60, 80), mask)
    noisy = np.asarray(scan, np.float32) + rng.normal(0, 4, (h, w))
    buf = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buf, format="JPEG", quality=88)
    return buf.getvalue()


def _read(data: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    result = extract_document(data, declared_type="kk")
    fields = {k: f.value for k, f in result.fields.items()}
    members = [{k: f.value for k, f in row.items()} for row in result.members]
    return fields, members


def _assert_read(fields: dict[str, str], members: list[dict[str, str]]) -> None:
    assert fields.get("number") == "3201011203150007"
    assert fields.get("head_of_family") == "BUDI SANTOSO"
    assert fields.get("address") == "JL. MELATI NO. 12"
    assert (fields.get("rt"), fields.get("rw")) == ("003", "005")
    assert fields.get("village") == "PAKANSARI" and fields.get("district") == "CIBINONG"
    assert fields.get("regency") == "KABUPATEN BOGOR" and fields.get("province") == "JAWA BARAT"
    assert fields.get("postal_code") == "16915"
    assert [m.get("name") for m in members] == [m[1] for m in MEMBERS]
    assert [m.get("nik") for m in members] == [m[2] for m in MEMBERS]
    assert [m.get("birth_date") for m in members] == ["1985-03-12", "1988-07-25", "2012-01-03"]
    assert [m.get("sex") for m in members] == [m[3] for m in MEMBERS]


@pytest.mark.parametrize(
    ("angle", "lid_open", "room_light"),
    [(12.0, True, 90.0), (-13.0, True, 200.0), (11.0, False, 0.0)],
    ids=["lid-open-12", "lid-open-lit-minus-13", "lid-closed-11"],
)
def test_a_page_scanned_crooked_reads_as_a_straight_one(
    angle: float, lid_open: bool, room_light: float
) -> None:
    """Rows must not interleave: each label keeps its own value and each member its own row. Lit by the
    room, the glass's far side is as light as paper and no page region stands out: the page is read where
    it lies, its black surround no ink."""
    fields, members = _read(_scanned(_kk_page(), angle, lid_open=lid_open, room_light=room_light))
    _assert_read(fields, members)


def test_the_straight_page_still_reads() -> None:
    """The guard: the same page scanned straight, with the lid open and closed, reads as before."""
    for lid_open in (True, False):
        _assert_read(*_read(_scanned(_kk_page(), 0.0, lid_open=lid_open)))


def test_the_black_around_a_scan_is_no_ink_and_does_not_steer_the_skew() -> None:
    """Divided by its own light, the scanner's noisy black became a field of specks the threshold kept as
    ink; made paper white, only the page's print is left, and the skew is the page's."""
    grey = cv2.imdecode(np.frombuffer(_scanned(_kk_page(), 12.0, lid_open=True), np.uint8), 0)
    flat = preprocess.flatten_page(grey)
    corner = flat[:60, :60]  # the glass, outside the page
    assert float(np.mean(corner)) > 250
    _, binary = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    assert abs(preprocess.estimate_skew(binary, OcrSettings().max_skew_deg) + 12.0) < 0.4


def test_a_sheet_the_frame_cuts_has_its_corners_beyond_the_frame() -> None:
    """The page's top left overhangs the glass: its region's outline runs along the frame there, and that
    outline's four corners (two on the frame's edge) sheared the page when warped square. Its corners are
    where its own sides meet, outside the frame, and its sides run at the page's turn."""
    grey = cv2.imdecode(np.frombuffer(_scanned(_kk_page(), 12.0, lid_open=True), np.uint8), 0)
    corners = preprocess.find_page(grey)
    assert corners is not None
    tl, tr, br, bl = corners
    assert tl[0] < -40 and tr[1] < -30  # beyond the frame's left and top edges
    for a, b in ((tl, tr), (bl, br)):
        assert abs(np.degrees(np.arctan2(a[1] - b[1], b[0] - a[0])) - 12.0) < 1.0
    for a, b in ((tl, bl), (tr, br)):
        assert abs(np.degrees(np.arctan2(b[0] - a[0], b[1] - a[1])) - 12.0) < 1.0


def test_a_blank_sheet_scanned_crooked_with_the_lid_open_is_blank() -> None:
    """The scanner's black around the sheet and the sheet's edge against it are no marks on it: a blank
    sheet is blank (DOCUMENT_BLANK, not an unreadable page), a printed one is not."""
    settings = OcrSettings()
    blank = Image.new("L", (2400, 1150), 248)
    for angle in (12.0, -9.0):
        grey = cv2.imdecode(np.frombuffer(_scanned(blank, angle, lid_open=True), np.uint8), 0)
        assert preprocess.is_blank(grey, settings), angle
        printed = cv2.imdecode(np.frombuffer(_scanned(_kk_page(), angle, lid_open=True), np.uint8), 0)
        assert not preprocess.is_blank(printed, settings), angle
