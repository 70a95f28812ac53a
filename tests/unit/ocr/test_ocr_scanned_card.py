"""A KTP-el scanned on an A4 sheet, small and askew, beside another card: the card is cropped and seen square."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.preprocess import ID1_ASPECT, _otsu_inv, card_view, estimate_skew, preprocess
from ektp.ocr.settings import OcrSettings

CARD = (1011, 638)  # 85.6 mm at 300 dpi
PAGE = (2480, 3508)  # A4 at 300 dpi


def _card(tint: tuple[int, int, int], rows: list[str], size: int = 24) -> Image.Image:
    """A card in its tint with `rows` of `label : value` print down its left, a photo box on the right."""
    card = Image.new("RGB", CARD, tint)
    draw = ImageDraw.Draw(card)
    font = ImageFont.load_default(size=size)
    for i, row in enumerate(rows):
        label, _, value = row.partition(":")
        y = 30 + i * (size + 12)
        draw.text((30, y), label, fill=(30, 32, 40), font=font)
        draw.text((260, y), ": " + value, fill=(30, 32, 40), font=font)
    draw.rectangle((780, 150, 960, 380), outline=(90, 90, 90), width=3)
    return card


def _ktp() -> Image.Image:
    rows = [
        "PROVINSI : JAMBI",
        "KABUPATEN : BATANGHARI",
        "NIK : 1504046611020017",
        "Nama : ZAHRA SAPUTRA",
        "Tempat/Tgl Lahir : BATANGHARI, 26-11-2002",
        "Jenis kelamin : PEREMPUAN",
        "Alamat : JL. GAJAH MADA NO. 119",
        "RT/RW : 010/001",
        "Kel/Desa : HAJRAN",
        "Kecamatan : BATIN XXIV",
        "Agama : ISLAM",
        "Status Perkawinan : KAWIN",
        "Pekerjaan : MENGURUS RUMAH TANGGA",
        "Kewarganegaraan : WNI",
        "Berlaku Hingga : SEUMUR HIDUP",
    ]
    return _card((196, 222, 240), rows, size=25)


def _health_card() -> Image.Image:
    rows = [
        "KARTU : INDONESIA SEHAT",
        "No. Kartu : 0001291221547",
        "Nama : ZAHRA SAPUTRA",
        "NIK : 1504046611020017",
        "Tgl. Lahir : 26-11-2002",
    ]
    return _card((226, 246, 234), rows, size=30)


def _on_sheet(cards: list[tuple[Image.Image, int, int, float]]) -> Image.Image:
    """Cards laid askew on a white A4 sheet, each with a thin grey shadow on two sides, as a flatbed gives."""
    page = Image.new("RGB", PAGE, (250, 250, 249))
    for card, x, y, angle in cards:
        mask = Image.new("L", card.size, 255).rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
        shadow = Image.new("RGB", card.size, (150, 150, 150)).rotate(angle, expand=True)
        page.paste(shadow, (x + 3, y + 4), mask)
        turned = card.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 249))
        page.paste(turned, (x, y), mask)
    return page


def _views(page: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    colour = np.asarray(page)[:, :, ::-1].copy()  # BGR, as decode_colour gives
    grey = np.asarray(page.convert("L"))
    return grey, colour


def _similarity(view: np.ndarray, card: Image.Image) -> float:
    """Correlation of the view with the card as drawn, both at the view's size (1: the same picture)."""
    drawn = np.asarray(card.convert("L").resize((view.shape[1], view.shape[0])), np.float32)
    # Blurred: a crop a few pixels off (the shadow's rim) must still match its card.
    a, b = (cv2.GaussianBlur(np.asarray(x, np.float32), (0, 0), 8) for x in (view, drawn))
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


@pytest.mark.parametrize("with_colour", [True, False])
def test_the_ktp_beside_a_health_card_is_cropped_square(with_colour: bool) -> None:
    ktp, kis = _ktp(), _health_card()
    page = _on_sheet([(ktp, 300, 260, 1.8), (kis, 600, 1400, -2.4)])
    grey, colour = _views(page)
    view = card_view(grey, colour if with_colour else None)
    assert view is not None
    assert abs(view.shape[1] / view.shape[0] - ID1_ASPECT) < 0.02
    assert abs(view.shape[1] - CARD[0]) < 40  # the card at the scan's own resolution, not the page
    assert _similarity(view, ktp) > 0.8 > _similarity(view, kis)
    assert abs(estimate_skew(_otsu_inv(view), 5.0)) < 0.5  # square: its lines run level


def test_the_ktp_below_the_health_card_is_still_the_one_taken() -> None:
    ktp, kis = _ktp(), _health_card()
    page = _on_sheet([(kis, 250, 300, -1.2), (ktp, 700, 1500, 2.2)])
    grey, colour = _views(page)
    prepared = preprocess(grey, OcrSettings(), colour)
    assert prepared.card and "card-warped" in prepared.notes
    view = card_view(grey, colour)
    assert view is not None and _similarity(view, ktp) > 0.8


def test_a_health_card_alone_is_no_ktp_and_the_page_is_read_whole() -> None:
    page = _on_sheet([(_health_card(), 400, 500, 1.5)])
    grey, colour = _views(page)
    assert card_view(grey, colour) is None
    assert not preprocess(grey, OcrSettings(), colour).card


def test_a_box_on_a_form_page_is_no_card() -> None:
    """A card-shaped box holding a line or two on a printed A4 form is not cropped as a card."""
    page = Image.new("RGB", PAGE, (250, 250, 249))
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=36)
    for i in range(40):
        draw.text(
            (200, 200 + i * 75), f"Baris {i + 1} : KETERANGAN ISIAN FORMULIR NOMOR {i * 7}", fill=0, font=font
        )
    draw.rectangle((1500, 2600, 2300, 3104), outline=0, width=4)  # 800 x 504: ID-1's proportions
    draw.text((1560, 2800), "Tanda tangan pemohon", fill=0, font=font)
    grey, colour = _views(page)
    assert card_view(grey, colour) is None
    assert not preprocess(grey, OcrSettings(), colour, cards=True).card
