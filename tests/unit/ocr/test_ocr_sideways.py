"""A page photographed a quarter turn from upright (issue 18): a landscape KK lying on a desk, shot with the
phone held upright, so its lines run down a portrait frame and no EXIF tag turns it. The page is drawn here
with PIL, laid on a dark desk turned 90 or 270 degrees (and a little crooked), and read by the real
extractor; the upright page is the guard."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr import extract_document, pipeline
from ektp.ocr.orientation import SIDEWAYS_RATIO, line_direction_ratio, runs_sideways
from ektp.ocr.settings import OcrSettings

FONTS = "/usr/share/fonts/truetype/dejavu/"
NUMBER = "3374012805170003"
HEADER = (
    ("Nama Kepala Keluarga", "AGUS PURNOMO", "Kecamatan", "SEMARANG TENGAH"),
    ("Alamat", "JL. PANDANARAN NO. 41", "Kabupaten/Kota", "KOTA SEMARANG"),
    ("RT/RW", "004/002", "Kode Pos", "50134"),
    ("Desa/Kelurahan", "SEKAYU", "Provinsi", "JAWA TENGAH"),
)
COLUMNS = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama",
           "Pendidikan", "Jenis Pekerjaan", "Gol. Darah")  # fmt: skip
WIDTHS = (60, 300, 270, 190, 190, 190, 140, 280, 360, 140)
MEMBERS = (
    ("1", "AGUS PURNOMO", "3374011506800004", "LAKI-LAKI", "SEMARANG", "15-06-1980", "ISLAM", "SLTA/SEDERAJAT",
     "WIRASWASTA", "A"),
    ("2", "DEWI LESTARI", "3374015909840001", "PEREMPUAN", "KENDAL", "19-09-1984", "ISLAM", "DIPLOMA III",
     "MENGURUS RUMAH TANGGA", "O"),
)  # fmt: skip


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + name, size)


def _kk_page() -> Image.Image:
    """A landscape KK: title and number, the address block in two columns, a ruled member table."""
    regular, bold = _font("DejaVuSans.ttf", 22), _font("DejaVuSans-Bold.ttf", 19)
    page = Image.new("L", (2300, 1000), 246)
    d = ImageDraw.Draw(page)
    d.text((860, 50), "KARTU KELUARGA", font=_font("DejaVuSans-Bold.ttf", 46), fill=20)
    d.text((860, 112), "No. " + NUMBER, font=_font("DejaVuSans-Bold.ttf", 32), fill=20)
    for i, (label, value, label2, value2) in enumerate(HEADER):
        y = 210 + 46 * i
        d.text((80, y), label, font=regular, fill=25)
        d.text((400, y), ": " + value, font=regular, fill=25)
        d.text((1250, y), label2, font=regular, fill=25)
        d.text((1520, y), ": " + value2, font=regular, fill=25)
    top, row = 440, 60
    xs = [80 + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
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
    d.text((80, bottom + 80), "Dikeluarkan Tanggal : 28-05-2017", font=regular, fill=25)
    return page


def _on_desk(page: Image.Image, quarter: int, tilt: float = 3.0, seed: int = 5) -> bytes:
    """The page turned `quarter` quarter-turns (counter-clockwise) and `tilt` degrees more, lying on a dark
    desk in the middle of a phone's frame, saved as a JPEG without EXIF."""
    turned = page.rotate(90 * quarter + tilt, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=0)
    mask = Image.new("L", page.size, 255).rotate(
        90 * quarter + tilt, expand=True, resample=Image.Resampling.BICUBIC
    )
    rng = np.random.default_rng(seed)
    h, w = turned.size[1] + 300, turned.size[0] + 240
    desk = np.clip(rng.normal(60, 6, (h, w)) + np.linspace(0, 30, h)[:, None], 0, 255)
    photo = Image.fromarray(desk.astype(np.uint8))
    photo.paste(turned, (120, 150), mask)
    noisy = np.asarray(photo, np.float32) + rng.normal(0, 3, (h, w))
    buf = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buf, format="JPEG", quality=90)
    return buf.getvalue()


def _ink(page: Image.Image, quarter: int) -> np.ndarray:
    """The page's print as white ink on black, turned `quarter` quarter-turns."""
    grey = np.asarray(page.rotate(90 * quarter, expand=True), np.uint8)
    return np.asarray(cv2.threshold(grey, 128, 255, cv2.THRESH_BINARY_INV)[1], np.uint8)


def test_the_measure_tells_lines_down_the_frame_from_lines_across() -> None:
    """Turned a quarter either way the rows run down the frame; upright or upside down, across."""
    page = _kk_page()
    for quarter in (1, 3):
        assert line_direction_ratio(_ink(page, quarter)) >= SIDEWAYS_RATIO
    for quarter in (0, 2):
        assert line_direction_ratio(_ink(page, quarter)) < 1.0
        assert not runs_sideways(np.asarray(cv2.bitwise_not(_ink(page, quarter)), np.uint8))


@pytest.mark.parametrize("quarter", [1, 3], ids=["turned-90", "turned-270"])
def test_a_page_photographed_sideways_without_exif_reads_as_an_upright_one(quarter: int) -> None:
    """Before, the page was read as it lay: its lines down the frame, the deskew turning it its 15 degree
    limit the wrong way, and nearly nothing read."""
    result = extract_document(_on_desk(_kk_page(), quarter), declared_type="kk")
    fields = {k: f.value for k, f in result.fields.items()}
    members = [{k: f.value for k, f in row.items()} for row in result.members]
    assert result.document_type == "kk"
    assert fields.get("number") == NUMBER
    assert fields.get("head_of_family") == "AGUS PURNOMO"
    assert fields.get("village") == "SEKAYU" and fields.get("district") == "SEMARANG TENGAH"
    assert [m.get("nik") for m in members] == [m[2] for m in MEMBERS]
    assert [m.get("name") for m in members] == [m[1] for m in MEMBERS]
    assert "rotated:90" in result.preprocess


def test_the_upright_page_on_the_desk_is_not_turned() -> None:
    """The guard: the same page photographed upright reads, with no quarter turn tried."""
    result = extract_document(_on_desk(_kk_page(), 0), declared_type="kk")
    assert {k: f.value for k, f in result.fields.items()}.get("number") == NUMBER
    assert "rotated:90" not in result.preprocess


def test_a_page_the_measure_calls_sideways_wrongly_is_still_read_as_it_lay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A misjudged upright page (a dark phone screen measured 2.95) turned a quarter reads as nothing
    either way round; it is then read as it lay, not lost (before: no reading, the page unrecognised)."""
    monkeypatch.setattr(pipeline, "runs_sideways", lambda _page: True)
    tesseract_only = OcrSettings.load().model_copy(update={"second_engine": ""})  # rapidocr reads turned text
    result = extract_document(_on_desk(_kk_page(), 0), declared_type="kk", settings=tesseract_only)
    assert {k: f.value for k, f in result.fields.items()}.get("number") == NUMBER
