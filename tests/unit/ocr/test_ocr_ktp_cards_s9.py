"""The KTP-el as residents send it (issue 18): a photocopy whose dither speckles the card, a card held in the
hand at an angle with a thumb over a corner; drawn with PIL as such a copy or photo shows it and read by the
real Tesseract."""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_akta, parse_ktp
from ektp.ocr.normalise import normalise
from ektp.ocr.pipeline import get_engine
from ektp.ocr.preprocess import copy_specks, level_print, preprocess, text_height
from ektp.ocr.settings import OcrSettings
from ektp.ocr.text import page_lines
from tests.unit.ocr.conftest import ocr_line
from tests.unit.ocr.test_ocr_ktp_copies import _card as _lines  # OCR lines of a card, as a scan reads them

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ROWS = (
    ("NIK", "1606105903870029"),
    ("NAMA", "YULI SRI WIDODO"),
    ("TEMPAT/TGL LAHIR", "GRESIK, 19-03-1987"),
    ("JENIS KELAMIN", "PEREMPUAN"),
    ("ALAMAT", "DUSUN KARANGANYAR"),
    ("RT/RW", "015/011"),
    ("KEL/DESA", "BANYUURIP"),
    ("KECAMATAN", "UJUNGPANGKAH"),
    ("AGAMA", "ISLAM"),
    ("STATUS PERKAWINAN", "KAWIN"),
    ("PEKERJAAN", "MENGURUS RUMAH TANGGA"),
    ("KEWARGANEGARAAN", "WNI"),
    ("BERLAKU HINGGA", "SEUMUR HIDUP"),
)


def _card(size: tuple[int, int] = (1000, 630)) -> Image.Image:
    """A KTP-el's print in bold, labels and values in two columns under the two headings, the place and date
    of issue under the photo."""
    card = Image.new("L", size, 255)
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype(BOLD, 18)
    draw.text((330, 16), "PROVINSI JAWA TIMUR", font=font, fill=0)
    draw.text((340, 42), "KABUPATEN GRESIK", font=font, fill=0)
    for i, (label, value) in enumerate(ROWS):
        y = 84 + 34 * i
        draw.text((30, y), label, font=font, fill=0)
        draw.text((250, y), ":", font=font, fill=0)
        draw.text((266, y), value, font=font, fill=0)
    draw.text((790, 400), "GRESIK", font=font, fill=0)
    draw.text((770, 426), "03-05-2013", font=font, fill=0)
    draw.rounded_rectangle((2, 2, size[0] - 3, size[1] - 3), radius=24, outline=0, width=3)
    return card


def _photocopied(card: Image.Image, seed: int = 7) -> np.ndarray:
    """The card as a copier prints it: its guilloche and the drum's grain a dither of 2-pixel specks over the
    whole card (between words too), then the copy laid on an A4 page."""
    rng = random.Random(seed)
    draw = ImageDraw.Draw(card)
    w, h = card.size
    for _ in range(4000):
        x, y = rng.randrange(6, w - 8), rng.randrange(6, h - 8)
        draw.rectangle((x, y, x + 1, y + 1), fill=0)
    page = Image.new("L", (1654, 2339), 240)
    page.paste(card, (160, 260))
    return np.asarray(page, dtype=np.uint8)


def test_a_copys_dither_is_whitened_and_the_card_reads() -> None:
    settings = OcrSettings.load()
    prepared = preprocess(_photocopied(_card()), settings)
    assert prepared.card and "despeckled" in prepared.notes
    text = " ".join(w.text for w in get_engine("tesseract", settings).recognize(prepared.image).words)
    # Before, Tesseract read no word of the speckled card at all.
    for value in ("DUSUN KARANGANYAR", "BANYUURIP", "MENGURUS RUMAH TANGGA", "SEUMUR HIDUP"):
        assert value in text, text


def test_a_cards_own_print_is_no_copy_and_its_points_stay() -> None:
    """A clean card (colons, full stops, an i's tittle) has no specks to whiten: its marks are a stroke wide."""
    card = _card()
    ImageDraw.Draw(card).text(
        (320, 560), "Berlaku s.d. 19.03.2030", font=ImageFont.truetype(BOLD, 22), fill=0
    )
    binary_inv = cv2.threshold(np.asarray(card), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    assert copy_specks(binary_inv, text_height(binary_inv)) is None
    speckled = cv2.threshold(
        np.asarray(_photocopied(_card()))[260:890, 160:1160], 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU
    )[1]
    specks = copy_specks(speckled, text_height(speckled))
    assert specks is not None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(speckled, connectivity=8)
    colons = [
        i for i in range(1, len(stats)) if 245 <= stats[i, 0] <= 258 and stats[i, 2] >= 3 and stats[i, 3] >= 3
    ]
    assert colons and not any(specks[labels == i].any() for i in colons)


def _held_in_hand(card: Image.Image) -> np.ndarray:
    """The card photographed in the hand: at an angle and in perspective (its near side longer) on a dark
    room behind it, a thumb of the card's own lightness over its lower left corner and the hand below it
    running out of the frame."""
    frame = np.full((1200, 1600), 60, np.uint8)
    w, h = card.size
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[250, 170], [1330, 330], [1250, 900], [170, 830]])
    matrix = cv2.getPerspectiveTransform(source, target)
    warped = cv2.warpPerspective(np.asarray(card), matrix, (1600, 1200), borderValue=0)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (1600, 1200)) > 0
    frame[mask] = warped[mask]
    cv2.ellipse(frame, (330, 1060), (330, 240), 0, 0, 360, 215, thickness=-1)  # the hand
    cv2.ellipse(frame, (260, 850), (95, 80), 0, 0, 360, 205, thickness=-1)  # the thumb on the corner
    return frame


def test_a_card_held_with_a_thumb_over_a_corner_is_found_by_its_edges_and_read_row_by_row() -> None:
    settings = OcrSettings.load()
    prepared = preprocess(_held_in_hand(_card()), settings)
    # Before, no region outlined the card (the hand joined it to the frame's edge): levelled as a whole page.
    assert prepared.card, prepared.notes
    lines = [ln.text for ln in page_lines(get_engine("tesseract", settings).recognize(prepared.image))]
    for label, value in ROWS[1:]:
        assert any(label in ln and value in ln for ln in lines), (label, lines)


def test_a_speck_read_as_a_glyph_before_the_cards_headings_is_no_part_of_them() -> None:
    lines, page = _lines(
        ("I PROVINSIJAMBI",),
        ("I KABUPATEN BATANGHARI",),
        ("NIK", ": 1504040708980028"),
        ("NAMA", ": ARIF SAPUTRA"),
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["province"].value == "JAMBI"
    assert fields["regency"].value == "KABUPATEN BATANGHARI"


def test_a_stop_after_a_names_last_plain_word_is_a_speck_and_a_titles_stays() -> None:
    lines, page = _lines(("NIK", ": 1214046104020014"), ("NAMA", ": ROMAULI BR SITOMPUL."))
    assert parse_ktp(lines, page).as_dict()["name"].value == "ROMAULI BR SITOMPUL"

    def name(raw: str) -> str | None:
        f = normalise("name", raw, [])
        return f.value if f else None

    assert name("AHMAD FAUZI, S.PD.") == "AHMAD FAUZI, S.PD."
    assert name("H. ABDUL HALIM SE.") == "H. ABDUL HALIM SE."
    assert name("YOHANES WONDA.") == "YOHANES WONDA"


def test_places_read_with_a_copys_accent_are_plain_on_every_document() -> None:
    """The birthplace is normalised once, wherever it is read (an akta's too), and the issue place with it."""
    akta = parse_akta(
        [ocr_line(40, "Nama", ": ARIF SAPUTRA"), ocr_line(70, "Tempat/Tgl Lahir", ": BATANGHÄRI, 07-08-1998")]
    ).as_dict()
    assert akta["place_of_birth"].value == "BATANGHARI"
    lines, page = _lines(
        ("NIK", ": 1504040708980028"),
        ("NAMA", ": ARIF SAPUTRA"),
        ("TEMPAT/TGL LAHIR", ": BATANGHÁRI, 07/08/1998"),
    )
    lines += [ocr_line(400, "GRESÍK", x=900), ocr_line(430, "03-05-2013", x=900)]
    page = OcrPage(width=1260, height=800, words=[w for ln in lines for w in ln.words])
    fields = parse_ktp(lines, page).as_dict()
    assert fields["place_of_birth"].value == "BATANGHARI"
    assert fields["issue_place"].value == "GRESIK"


def _under_glare(card: Image.Image) -> np.ndarray:
    """A lamp's glare as a band down the card: the print under it keeps a fifth of its contrast; a faint
    guilloche wave crosses the whole card."""
    grey = np.asarray(card, dtype=np.float32)
    xs = np.arange(grey.shape[1])
    wave = 235 + 8 * np.sin(xs / 9.0)[None, :] * np.ones((grey.shape[0], 1))
    grey = np.minimum(grey, wave)
    band = slice(300, 420)
    grey[:, band] = 255 - (255 - grey[:, band]) * 0.2
    return np.asarray(grey, dtype=np.uint8)


def test_print_under_a_glare_band_is_brought_to_the_cards_contrast() -> None:
    settings = OcrSettings.load()
    grey = _under_glare(_card())
    binary_inv = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    levelled = level_print(grey, text_height(binary_inv))
    # The print under the glare (204 at its darkest) brought to a print's depth; the bare guilloche stays light.
    assert int(grey[:, 300:420].min()) >= 200 and int(levelled[:, 300:420].min()) <= 100
    assert int(np.percentile(levelled[560:620, 100:900], 5)) >= 150
    text = " ".join(w.text for w in get_engine("tesseract", settings).recognize(levelled).words)
    # Before, the values' letters under the glare were lost (`BAP`, `MEI MAH TANGGA`, `PER`, `SEL`).
    for value in ("BANYUURIP", "PEREMPUAN", "SEUMUR HIDUP"):
        assert value in text, text


def test_a_label_and_its_value_joined_at_the_colon_are_not_one_label() -> None:
    """`KEWARGANEGARAAN:WNI` (the space after the colon lost on a copy) is the label and its value; a label's
    slash read as a colon (`KEL:DESA`) stays one label."""
    lines, page = _lines(
        ("NIK", ": 1214046104020014"),
        ("KEL:DESA", ": HILIKANA"),
        ("KEWARGANEGARAAN:WNI",),
        ("BERLAKU HINGGA", ": SEUMUR HIDUP"),
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["citizenship"].value == "WNI"
    assert fields["village"].value == "HILIKANA"


def test_a_label_read_a_letter_off_and_its_value_joined_at_the_colon() -> None:
    """ktp-panggilan-video (round 15): a card in a video call, `SatusPerkawinan:KAWIN` (a letter and both
    spaces lost): both readings of the word a letter off a label, the one before the colon is the closer; before,
    the colon was taken for a label's slash and the marital status lost."""
    lines, page = _lines(
        ("NIK", ": 1214046104020014"),
        ("SatusPerkawinan:KAWIN",),
        ("Kelurahn:Desa", ": HILIKANA"),
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["marital_status"].value == "KAWIN"
    assert fields["village"].value == "HILIKANA"  # guard: a slash read as a colon, a letter off, is one label
