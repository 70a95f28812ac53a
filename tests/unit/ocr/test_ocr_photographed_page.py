"""A sheet of paper photographed by a phone lying on a cloth as bright as the paper, a shadow band across
both, turned and in perspective: the page is found by its edges, seen flat, and each label is read on one
line with its value. Drawn with PIL as the paper prints, photographed in the test, read by the real
Tesseract; a flat scan and a card are no photographed page."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.page_outline import find_page_outline
from ektp.ocr.preprocess import page_view, preprocess
from ektp.ocr.settings import OcrSettings
from ektp.ocr.tesseract import TesseractEngine
from ektp.ocr.text import page_lines

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ROWS = [
    ("NIK", "3201015809750001"),
    ("Nama Lengkap", "SITI NURHALIZA"),
    ("Tempat Lahir", "BANDUNG"),
    ("Tanggal Lahir", "18-09-1975"),
    ("Alamat", "JL. MERDEKA NO. 45"),
    ("Desa/Kelurahan", "SUKAMAJU"),
    ("Kecamatan", "CIBEUNYING"),
    ("Pekerjaan", "WIRASWASTA"),
]


def _page() -> np.ndarray:
    """An A4 sheet at 150 dpi: a heading and `label : value` rows, the values in a column far right of the
    labels (where a tilted photo parts them), and a footer."""
    img = Image.new("L", (1240, 1754), 248)
    d = ImageDraw.Draw(img)
    big, font = ImageFont.truetype(FONT, 44), ImageFont.truetype(FONT, 30)
    d.text((240, 140), "SURAT KETERANGAN DOMISILI", fill=20, font=big)
    for i, (label, value) in enumerate(ROWS):
        y = 330 + i * 110
        d.text((110, y), label, fill=20, font=font)
        d.text((470, y), ":", fill=20, font=font)
        d.text((760, y), value, fill=20, font=font)
    for i in range(6):
        d.text(
            (110, 1260 + i * 55), "Keterangan ini dibuat untuk dipergunakan seperlunya.", fill=20, font=font
        )
    return np.array(img, np.uint8)


def _photograph(page: np.ndarray, roll: float, seed: int) -> np.ndarray:
    """The sheet on a striped cloth about as bright as the paper (its folds lighter and darker), turned
    `roll` degrees and seen at an angle, under a soft shadow band, blurred and noisy: 3000x2250 pixels."""
    rng = np.random.default_rng(seed)
    fw, fh = 3000, 2250
    xs = np.arange(fw, dtype=np.float32)
    stripes = 215 + 30 * np.sin(xs / 23.0) * np.sin(xs / 71.0)
    cloth = np.tile(stripes, (fh, 1)).astype(np.float32)
    h, w = page.shape
    s = 1.15
    cx, cy = fw / 2, fh / 2
    t = np.radians(roll)
    base = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]) * s
    rot = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    quad = base @ rot.T + (cx, cy)
    quad[0] += (60, 40)  # the far edge is shorter: the phone is held nearer the sheet's foot
    quad[1] += (-60, 40)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    paper = cv2.warpPerspective(page.astype(np.float32), m, (fw, fh), flags=cv2.INTER_AREA)
    inside = cv2.warpPerspective(np.ones_like(page, np.float32), m, (fw, fh), flags=cv2.INTER_LINEAR)
    shadow = np.roll(cv2.GaussianBlur(inside, (0, 0), 12), (14, 14), (0, 1))
    img = cloth * (1 - 0.35 * shadow) * (1 - inside) + paper * inside
    gx, gy = np.meshgrid(np.linspace(-1, 1, fw), np.linspace(-1, 1, fh))
    band = 1 - 0.3 / (1 + np.exp(-(0.15 - np.abs(0.6 * gx + 0.8 * gy - 0.1)) / 0.03))
    img = cv2.GaussianBlur(img * band, (0, 0), 1.0) + rng.normal(0, 3, (fh, fw))
    ok, buf = cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return np.asarray(cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE), np.uint8)


def _rows_read(image: np.ndarray) -> dict[str, str]:
    """Each label's line as read: label -> the rest of its line."""
    page = TesseractEngine(language="ind", timeout_s=60).recognize(image)
    out: dict[str, str] = {}
    for line in page_lines(page):
        text = " ".join(w.text for w in line.words)
        for label, _ in ROWS:
            if text.startswith(label) and label not in out:
                out[label] = text[len(label) :].strip(" :")
    return out


def test_a_page_photographed_on_a_bright_cloth_is_found_by_its_edges() -> None:
    photo = _photograph(_page(), roll=11.0, seed=1)
    flat, sheets = page_view(photo)
    assert sheets == 1 and flat.shape[0] > flat.shape[1]  # seen flat, upright as the sheet is
    corners = find_page_outline(photo)
    assert corners is not None
    # The sheet's corners where the photo put them (within 1.5% of the frame).
    h, w = 1754, 1240
    t = np.radians(11.0)
    rot = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    base = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]) * 1.15
    expected = base @ rot.T + (1500, 1125) + [(60, 40), (-60, 40), (0, 0), (0, 0)]
    order = np.argsort([np.arctan2(*(c - expected.mean(0))[::-1]) for c in corners])
    want = expected[np.argsort([np.arctan2(*(c - expected.mean(0))[::-1]) for c in expected])]
    assert np.abs(corners[order] - want).max() < 45


def test_each_label_is_read_with_its_value_on_the_photographed_page() -> None:
    photo = _photograph(_page(), roll=11.0, seed=2)
    prepared = preprocess(photo, OcrSettings(), cards=False)
    read = _rows_read(prepared.image)
    assert read == {label: value for label, value in ROWS}
    assert "page-warped" in prepared.notes


def test_no_page_is_found_on_a_flat_scan_or_a_card() -> None:
    page = _page()
    assert find_page_outline(page) is None  # the scan is the page
    # A card's few rows on a table: four-cornered and bright, but its print is a card's, not a page's.
    card = Image.new("L", (856, 540), 235)
    d = ImageDraw.Draw(card)
    font = ImageFont.truetype(FONT, 30)
    for i, (label, value) in enumerate(ROWS[:7]):
        d.text((30, 40 + i * 62), f"{label} : {value}", fill=20, font=font)
    table = np.full((1500, 2000), 90, np.uint8)
    table[480:1020, 572:1428] = np.array(card, np.uint8)
    assert find_page_outline(table) is None


def _open_folder(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Two sheets lying open side by side as a folder is scanned: a dark rim around them, and the fold's shade
    darkening each sheet towards the spine between them (the left one more, where the cover lifts it)."""
    h, w = left.shape
    spread = np.full((h + 120, 2 * w + 120), 60, np.float32)
    ramp = np.linspace(0.0, 1.0, w, dtype=np.float32)
    spread[60 : 60 + h, 60 : 60 + w] = left * (1.0 - 0.45 * ramp**3)
    spread[60 : 60 + h, 60 + w : 60 + 2 * w] = right * (1.0 - 0.25 * ramp[::-1] ** 3)
    return np.clip(spread, 0, 255).astype(np.uint8)


def test_one_of_two_pages_lying_open_is_not_taken_for_the_image() -> None:
    # akta-map-terbuka (round 15): the birth Kutipan beside the parents' marriage Kutipan in an open folder; the
    # brighter page alone was found as "the page" and the other, with half the print, cut away unread.
    spread = _open_folder(_page(), _page())
    flat, sheets = page_view(spread)
    assert sheets == 0 and flat.shape == spread.shape  # read as the image is, both pages in it
    single = np.full(
        (1754 + 120, 1240 + 120), 60, np.uint8
    )  # guard: one page on the dark rim is still cropped
    single[60:-60, 60:-60] = _page()
    assert page_view(single)[1] == 1
