"""KTP-el readings that failed on layouts the extractor was not written for (issue 18, session 11): a digital
ID's labels printed over their values (the place of issue); a lone blood-type dash under a guilloche's
curves."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_ktp
from ektp.ocr.pipeline import get_engine
from ektp.ocr.text import Line

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _row(y: int, *cells: tuple[int, str], height: int = 20) -> Line:
    """One line of print: each cell (left, text) a phrase whose words are set 8 px apart."""
    words: list[OcrWord] = []
    for start, phrase in cells:
        x = start
        for text in phrase.split():
            words.append(
                OcrWord(
                    text=text, confidence=0.95, left=x, top=y, width=12 * len(text), height=height, line=y
                )
            )
            x += 12 * len(text) + 8
    return Line(words)


def _digital_id(*issue_rows: Line) -> list[Line]:
    """A digital ID (IKD) screen as read: each label alone over its value, two fields a row in places."""
    return [
        _row(40, (60, "NIK")),
        _row(80, (60, "1504040708980028")),
        _row(130, (60, "Nama")),
        _row(170, (60, "ARIF SAPUTRA")),
        _row(220, (60, "Tempat Lahir"), (520, "Tanggal Lahir")),
        _row(260, (60, "BATANGHARI"), (520, "07-08-1998")),
        _row(310, (60, "Kabupaten/Kota")),
        _row(350, (60, "KABUPATEN BATANGHARI")),
        _row(400, (60, "Provinsi")),
        _row(440, (60, "JAMBI")),
        *issue_rows,
        _row(600, (60, "Berlaku Hingga")),
        _row(640, (60, "SEUMUR HIDUP")),
    ]


def _parse(lines: list[Line]) -> dict[str, str]:
    page = OcrPage(width=1080, height=900, words=[w for ln in lines for w in ln.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}


def test_a_digital_ids_place_of_issue_is_read_under_its_label() -> None:
    # Before: the date (the one no label owned) was found and the words above it, its own label
    # `Tanggal Dikeluarkan`, taken for the place.
    fields = _parse(
        _digital_id(
            _row(500, (60, "Dikeluarkan di"), (520, "Tanggal Dikeluarkan")),
            _row(540, (60, "BATANGHARI"), (520, "04-11-2024")),
        )
    )
    assert fields["issue_place"] == "BATANGHARI"
    assert fields["issue_date"] == "2024-11-04"
    assert fields["birth_date"] == "1998-08-07" and fields["valid_until"] == "SEUMUR HIDUP"


def test_a_label_over_the_unlabelled_date_is_no_place() -> None:
    # The place's label misread beyond recognition: the date's label above the date still names no place.
    fields = _parse(
        _digital_id(
            _row(500, (60, "Dlkxlvarkan dl"), (520, "Tanggal Dikeluarkan")),
            _row(540, (60, "BATANGHARI"), (520, "04-11-2024")),
        )
    )
    assert fields.get("issue_place") != "TANGGAL DIKELUARKAN"


def test_a_printed_cards_place_and_date_without_labels_still_read() -> None:
    # Guard: the card prints both under the photo with no label; the place is the line over the date.
    fields = _parse(_digital_id(_row(500, (760, "BATANGHARI")), _row(530, (750, "04-11-2024"))))
    assert fields["issue_place"] == "BATANGHARI" and fields["issue_date"] == "2024-11-04"


# --- a lone value under a guilloche's curves ---------------------------------------------------------------


def _card_row(value: str, *, curves: bool = True) -> np.ndarray:
    """Two rows of a card in grey, the blood type's value under a guilloche's curves (lighter than the
    print, darker than mid-grey: the page reading lost it), the photo's frame a column to the right; with
    `curves` False, on plain paper."""
    im = Image.new("L", (900, 260), 238)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(BOLD, 22)
    for y, label, val in ((40, "NAMA", "ARIF SAPUTRA"), (110, "GOL. DARAH", value)):
        d.text((30, y), label, font=font, fill=30)
        d.text((250, y), ":", font=font, fill=30)
        d.text((268, y), val, font=font, fill=30)
    for k in range(6 if curves else 0):
        d.line(
            [(x, 95 + 12 * k + 18 * math.sin(x / 23.0 + k)) for x in range(240, 700, 2)], fill=105, width=2
        )
    if curves:
        d.line([(460, 20), (460, 240)], fill=30, width=3)
    return np.asarray(im, np.uint8)


def _card_lines() -> list[Line]:
    """The page's reading of those rows: the value beside `GOL. DARAH` lost."""

    def word(text: str, x: int, y: int, width: int) -> OcrWord:
        return OcrWord(text=text, confidence=0.95, left=x, top=y, width=width, height=22, line=y)

    return [
        Line(
            [
                word("NAMA", 30, 44, 60),
                word(":", 250, 44, 6),
                word("ARIF", 266, 44, 60),
                word("SAPUTRA", 334, 44, 110),
            ]
        ),
        Line([word("GOL.", 30, 114, 56), word("DARAH", 92, 114, 80), word(":", 250, 114, 6)]),
    ]


def _blood_type(image: np.ndarray, engine: str) -> str | None:
    lines = _card_lines()
    page = OcrPage(width=image.shape[1], height=image.shape[0], words=[w for ln in lines for w in ln.words])
    found = parse_ktp(lines, page, image, get_engine(engine)).as_dict().get("blood_type")
    return found.value if found is not None else None


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
def test_a_dash_under_a_guilloches_curves_is_read_as_print(engine: str) -> None:
    # Before: the space beside the label read again as the page has it, the curves' ink with the dash:
    # neither engine read a blood type.
    assert _blood_type(_card_row("-"), engine) == "-"


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
@pytest.mark.parametrize("value", [" ", "AB"])
def test_what_the_cut_leaves_of_crossing_curves_is_no_dash(engine: str, value: str) -> None:
    # Guard: two curves crossing are as dark as print where they meet: that speck is no dash, with no value
    # printed or with a value the engine does not read under the curves.
    assert _blood_type(_card_row(value), engine) != "-"


# --- a space the second engine's recogniser lost -------------------------------------------------------------

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


class _Recogniser:
    """rapidocr's output for one drawn line: its text as the recogniser read it (`read`: the spaces it kept)
    and a box per character where the character was drawn."""

    def __init__(self, printed: str, read: str, x: int, top: int, font: ImageFont.FreeTypeFont) -> None:
        boxes = []
        for i, ch in enumerate(printed):
            if ch != " ":
                left, right = x + font.getlength(printed[:i]), x + font.getlength(printed[: i + 1])
                boxes.append((ch, 0.9, [[left, top], [right, top], [right, top + 40], [left, top + 40]]))
        right = x + font.getlength(printed)
        self.boxes = [[[x - 4, top], [right + 4, top], [right + 4, top + 40], [x - 4, top + 40]]]
        self.txts, self.scores, self.word_results = [read], [0.9], [tuple(boxes)]

    def __call__(self, *args: object, **kwargs: object) -> _Recogniser:
        return self


def _read_by_rapid(printed: str, read: str, faded: dict[int, int] | None = None) -> list[str]:
    """The words the second engine gives for `printed` drawn on a grey card (characters at `faded` indices
    drawn at that grey: a glare over them) that its recogniser read as `read`."""
    from ektp.ocr.rapid import RapidOcrEngine

    font = ImageFont.truetype(SERIF, 30)
    im = Image.new("L", (900, 80), 232)
    d = ImageDraw.Draw(im)
    for i, ch in enumerate(printed):
        d.text((40 + font.getlength(printed[:i]), 20), ch, font=font, fill=(faded or {}).get(i, 40))
    grey = np.asarray(im, np.uint8)
    engine = RapidOcrEngine()
    engine._ocr = _Recogniser(printed, read, 40, 16, font)
    return [w.text for w in engine.recognize(grey).words]


def test_a_space_the_recogniser_lost_is_found_in_the_print() -> None:
    # Before: `NIASSELATAN` (a regency's name read as one word, a phone photo's narrow space lost).
    assert _read_by_rapid("NIAS SELATAN", "NIASSELATAN") == ["NIAS", "SELATAN"]
    assert _read_by_rapid("YULI SRI WIDODO", "YULISRIWIDODO") == ["YULI", "SRI", "WIDODO"]


def test_a_letter_faded_by_glare_is_no_space() -> None:
    # Guards: a letter under glare (paler, but ink) parts no word; a word read with its spaces, and a date's
    # digits, stay as read.
    assert _read_by_rapid("KABUPATEN", "KABUPATEN", faded={1: 205, 5: 210}) == ["KABUPATEN"]
    assert _read_by_rapid("NIAS SELATAN", "NIAS SELATAN") == ["NIAS", "SELATAN"]
    assert _read_by_rapid("21/04/2002", "21/04/2002") == ["21/04/2002"]
