"""SKPWNI prints found by the fifth blind round (issue 18): a landscape letter of two columns forwarded through
a messenger (small, recompressed), and the letter printed with its members annex. Each test gives the page as
a scan reads it (OCR lines) or draws the row as the form prints it; each failed on the extractor before."""

from __future__ import annotations

import numpy as np
import pytest

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import SKPWNI_LABELS, parse_skpwni
from ektp.ocr.forms import split_label
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line as _line

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _word(text: str, left: int, top: int, confidence: float = 0.9, height: int = 20) -> OcrWord:
    return OcrWord(
        text=text, confidence=confidence, left=left, top=top, width=12 * len(text), height=height, line=top
    )


def _row(top: int, *cells: tuple[int, str]) -> Line:
    """A printed row whose phrases start at the given x (a form's label and value columns)."""
    words = []
    for left, phrase in cells:
        x = left
        for text in phrase.split():
            words.append(_word(text, x, top))
            x += 12 * len(text) + 8
    return Line(words)


# --- the applicant's NIK --------------------------------------------------------------------------------


class _Rereading:
    """An engine that reads the NIK again at each larger size as given, in turn (text, confidence)."""

    def __init__(self, *readings: tuple[str, float]) -> None:
        self.readings = list(readings)

    def recognize(self, image: np.ndarray) -> OcrPage:
        text, confidence = self.readings.pop(0)
        word = OcrWord(text=text, confidence=confidence, left=30, top=30, width=400, height=40, line=0)
        return OcrPage(words=[word], width=image.shape[1], height=image.shape[0])


def _nik_row(reading: str, confidence: float) -> tuple[np.ndarray, list[Line]]:
    image = np.full((120, 900), 255, np.uint8)
    image[40:64, 300:700] = 0
    nik = OcrWord(text=reading, confidence=confidence, left=300, top=40, width=400, height=24, line=40)
    return image, [Line([_word("NIK", 60, 40), _word(":", 280, 40), nik])]


def test_a_valid_nik_is_not_replaced_by_one_misreading_of_it_larger() -> None:
    # The page read `1214046104020014` at 0.80 (valid on its own: the SKPWNI prints no birth date to check
    # it against); read again larger, the recompressed digits came back `1214045104020014` (0.29), a 17-digit
    # run, then `1214046104020014` (0.36), as the forwarded page did: the page's NIK has the most readings.
    image, lines = _nik_row("1214046104020014", 0.8)
    engine = _Rereading(("1214045104020014", 0.29), ("12140465104020014", 0.23), ("1214046104020014", 0.36))
    assert parse_skpwni(lines, image, engine).as_dict()["nik"].value == "1214046104020014"  # type: ignore[arg-type]


def test_an_unsure_valid_nik_gives_way_to_the_one_the_larger_readings_agree_on() -> None:
    # The page read `...023` unsurely (0.51); larger, `...028` twice (the form's 8 closed to a 3 at page
    # size): both valid, the readings' majority stands, however unsure the first of them.
    image, lines = _nik_row("1504040708980023", 0.51)
    engine = _Rereading(("1504040 708980028", 0.36), ("1504040708980028", 0.87), ("1504040708980028", 0.88))
    assert parse_skpwni(lines, image, engine).as_dict()["nik"].value == "1504040708980028"  # type: ignore[arg-type]
    # One larger reading alone, surer than the page's, also stands (a tie goes to the surest).
    image, lines = _nik_row("1504040708980023", 0.51)
    engine = _Rereading(("1504040708980028", 0.9), ("", 0.0), ("", 0.0))
    assert parse_skpwni(lines, image, engine).as_dict()["nik"].value == "1504040708980028"  # type: ignore[arg-type]


# --- the two columns: origin left, destination right ----------------------------------------------------

ORIGIN, DESTINATION = 40, 660  # where each column's labels start; values after a colon column


def _columns(*rows: tuple[str, str, str, str]) -> list[Line]:
    lines = [_row(100, (30, "DAERAH ASAL"), (650, "DAERAH TUJUAN"))]
    for i, (label_left, value_left, label_right, value_right) in enumerate(rows):
        cells = [(ORIGIN, label_left), (ORIGIN + 180, value_left), (DESTINATION, label_right)]
        cells.append((DESTINATION + 180, value_right))
        lines.append(_row(140 + 32 * i, *[c for c in cells if c[1]]))
    return lines


def test_the_columns_go_on_past_a_row_of_a_field_not_read() -> None:
    # `Dusun/Dukuh/Kampung` and `Telepon` are printed in both columns but are no field read: the rows under
    # them are still the two columns', origin left and destination right. The origin's RT/RW label garbled
    # past reading: its row still holds the origin's own value (the destination's label names the field),
    # never the destination's.
    lines = _columns(
        ("Alamat", ": JL. GAJAH MADA NO. 119", "Alamat", ": JL. HASANUDDIN NO. 129"),
        ("Dusun/Dukuh/Kampung", ": KAMPUNG BARU", "Dusun/Dukuh/Kampung", ": -"),
        ("Rf / Rvv", ": 010 / 001", "RT / RW", ": 015 / 007"),
        ("Desa/Kelurahan", ": HAJRAN", "Desa/Kelurahan", ": HILIKANA"),
        ("Kecamatan", ": BATIN XXIV", "Kecamatan", ": HIBALA"),
        ("Telepon", ": -", "Telepon", ": -"),
        ("Kode Pos", ": 36656", "Kode Pos", ": 22881"),
    )
    fields = parse_skpwni(lines).as_dict()
    assert (fields["origin_rt"].value, fields["origin_rw"].value) == ("010", "001")
    assert (fields["destination_rt"].value, fields["destination_rw"].value) == ("015", "007")
    assert fields["origin_village"].value == "HAJRAN"
    assert fields["destination_postal_code"].value == "22881"


def test_a_label_in_the_columns_label_column_is_read_as_one_with_its_colon() -> None:
    # A recompressed copy loses the colons and garbles a label (`Proansi`, `Provinss`): where each column's
    # labels stand, a phrase with a value beside it is a label, held to the score a colon gives.
    lines = _columns(
        ("Kab/Kota", "KABUPATEN BATANGHARI", "Kab/Kota", "KABUPATEN NIAS SELATAN"),
        ("Proansi", "JAMBI", "Provinss", "SUMATERA UTARA"),
        ("Kode Pos", "36656", "Kode Pos", "22881"),
    )
    fields = parse_skpwni(lines).as_dict()
    assert fields["origin_province"].value == "JAMBI"
    assert fields["destination_province"].value == "SUMATERA UTARA"


def test_a_label_garbled_past_reading_beside_a_read_one_gives_its_value_alone() -> None:
    # `Pronaras  JAWA TIMUR   Provinsi  SUMATERA UTARA`: the row prints one field in both columns; the left
    # label read as no word leaves its value, not the garble with it.
    lines = _columns(
        ("Kab/Kota", "KABUPATEN GRESIK", "Kab/Kota", "KABUPATEN LANGKAT"),
        ("Pronaras", "JAWA TIMUR", "Provinsi", "SUMATERA UTARA"),
    )
    fields = parse_skpwni(lines).as_dict()
    assert fields["origin_province"].value == "JAWA TIMUR"
    assert fields["destination_province"].value == "SUMATERA UTARA"


def test_a_phrase_out_of_the_label_column_is_held_to_the_bare_score() -> None:
    # The same garbled word set where values stand is no label.
    lines = _columns(
        ("Kab/Kota", "KABUPATEN BATANGHARI", "Kab/Kota", "KABUPATEN NIAS SELATAN"),
        ("", "Proansi JAMBI", "", ""),
    )
    assert "origin_province" not in parse_skpwni(lines).as_dict()


@pytest.mark.parametrize("reading", [["RT", ":", "RW"], ["RT:", "RW"], ["RT", ":RW"]])
def test_the_slash_of_rt_rw_read_as_a_colon_between_words(reading: list[str]) -> None:
    # `RT : RW 010 / 001`: the label's slash read as a colon with spaces; RW is no RT's value.
    words = [_word(w, 40 + 40 * i, 100) for i, w in enumerate([*reading, "010", "/", "001"])]
    split = split_label(words, SKPWNI_LABELS)
    assert split is not None and split[0] == "rt_rw"
    assert [w.text for w in split[2]] == ["010", "/", "001"]


def test_rt_rw_with_its_slash_read_as_a_colon_in_the_columns() -> None:
    lines = _columns(("RT : RW", "010 / 001", "RT / RW", "015 / 007"))
    fields = parse_skpwni(lines).as_dict()
    assert (fields["origin_rt"].value, fields["origin_rw"].value) == ("010", "001")
    assert (fields["destination_rt"].value, fields["destination_rw"].value) == ("015", "007")


def test_a_colon_between_a_label_and_its_value_is_still_a_colon() -> None:
    words = [_word(w, 40 + 60 * i, 100) for i, w in enumerate(["Kecamatan", ":", "HIBALA"])]
    split = split_label(words, SKPWNI_LABELS)
    assert split is not None and split[0] == "district" and [w.text for w in split[2]] == ["HIBALA"]


def _drawn_rt_rw_row() -> tuple[np.ndarray, list[Line]]:
    """`RT / RW : 015 / 007        RT / RW : 009 / 004` drawn at a forwarded copy's size (scaled as the page
    reading scales it), and the row as the page read it: the destination's `009` read `0909`."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 26)
    img = Image.new("L", (1500, 120), 255)
    d = ImageDraw.Draw(img)
    for x, text in (
        (40, "RT / RW"),
        (300, ":"),
        (330, "015 / 007"),
        (800, "RT / RW"),
        (1060, ":"),
        (1090, "009 / 004"),
    ):
        d.text((x, 40), text, font=font, fill=0)

    def at(text: str, left: int, width: int) -> OcrWord:
        return OcrWord(text=text, confidence=0.85, left=left, top=44, width=width, height=22, line=44)

    row = [
        at("RT", 40, 34), at("/", 82, 10), at("RW", 100, 44), at(":", 300, 6), at("015", 330, 48),
        at("/", 392, 10), at("007", 414, 48),
        at("RT", 800, 34), at("/", 842, 10), at("RW", 860, 44), at(":", 1060, 6), at("0909", 1090, 48),
        at("/", 1152, 10), at("004", 1174, 48),
    ]  # fmt: skip
    return np.asarray(img, np.uint8), [_row(0, (30, "DAERAH ASAL"), (790, "DAERAH TUJUAN")), Line(row)]


def test_an_rt_rw_pair_the_row_misread_is_read_again_in_its_own_column() -> None:
    # An RT is at most three digits: `0909` is no RT. The pair is read again from beside its own label; the
    # row prints the label twice, the first the origin's, the second the destination's.
    from ektp.ocr.tesseract import TesseractEngine

    image, lines = _drawn_rt_rw_row()
    fields = parse_skpwni(lines, image, TesseractEngine()).as_dict()
    assert (fields["origin_rt"].value, fields["origin_rw"].value) == ("015", "007")
    assert (fields["destination_rt"].value, fields["destination_rw"].value) == ("009", "004")


def test_a_boxed_value_is_read_again_from_the_page_before_thresholding_too() -> None:
    # Thresholding a recompressed copy's small print loses strokes (faint digits gone, zeros closed into 9s):
    # the value is read again from the grey page as well, and the surer reading kept.
    from ektp.ocr.tesseract import TesseractEngine

    image, lines = _drawn_rt_rw_row()
    grey = image.copy()
    grey[:, 1080:][grey[:, 1080:] < 128] = 115  # the destination's digits printed faint
    binary = np.where(grey < 100, 0, 255).astype(np.uint8)  # and gone at the page's threshold
    fields = parse_skpwni(lines, binary, TesseractEngine(), grey).as_dict()
    assert (fields["destination_rt"].value, fields["destination_rw"].value) == ("009", "004")


# --- the letter with its members annex -------------------------------------------------------------------


def test_a_label_of_two_wordings_set_apart_by_a_slash() -> None:
    # `Jalan/Alamat`, as `Desa/Kelurahan`: either wording names the field.
    assert SKPWNI_LABELS.match("Jalan/Alamat") == "address"
    assert SKPWNI_LABELS.match("Alamat/Jalan") == "address"
    assert SKPWNI_LABELS.match("Dusun/Dukuh/Kampung") is None  # no wording of a field read
    assert SKPWNI_LABELS.match("Kecamatan/Provinsi") is None  # two fields: none
    lines = [
        _line(100, "KETERANGAN TEMPAT ASAL"),
        _line(140, "1. Jalan/Alamat 1 JL. GAJAH MADA NO. 119"),
        _line(180, "2. RT/RW : 010/001"),
        _line(220, "KETERANGAN TEMPAT TUJUAN"),
        _line(260, "1. Jalan/Alamat : JL. HASANUDDIN NO. 129"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert fields["origin_address"].value == "JL. GAJAH MADA NO. 119"
    assert fields["destination_address"].value == "JL. HASANUDDIN NO. 129"


# --- the letter's number ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reading", "number"),
    [
        ("SKPWN1/710702/05082017/2648", "SKPWNI/710702/05082017/2648"),  # I read as 1 in the letter code
        ("SKPWNI/121404/24092026 6055", "SKPWNI/121404/24092026/6055"),  # a slash lost to a space
        ("SKPWNI/150404/04112024/8814", "SKPWNI/150404/04112024/8814"),
        ("474.1/123/DKP/2020", "474.1/123/DKP/2020"),  # a municipal letter's number stays as read
        ("SKPWNI / 3201 / 12052020 / 0023", "SKPWNI/3201/12052020/0023"),
        ("SKPWNI/15O404/04112024/8814", "SKPWNI/150404/04112024/8814"),  # O in a number segment
    ],
)
def test_the_letter_number_segments_are_letters_or_digits(reading: str, number: str) -> None:
    from ektp.ocr.grammar import letter_number

    assert letter_number(reading) == number


def test_the_letter_number_under_the_title_with_its_label_lost() -> None:
    lines = [
        _line(50, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"),
        _line(90, "SKPWNI/352507/03052013/5517"),
        _line(130, "NIK 1606105903870029", "No. KK 3525070305130015"),
    ]
    assert parse_skpwni(lines).as_dict()["number"].value == "SKPWNI/352507/03052013/5517"
    lines[1] = _line(90, "Blora, 16/02/2010")  # the letter's date, set apart by slashes too, is no number
    assert "number" not in parse_skpwni(lines).as_dict()


def test_the_letter_number_read_with_a_digit_in_its_code_on_the_page() -> None:
    lines = [
        _line(50, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"),
        _line(90, "Nomor", "SKPWN1/710702/05082017/2648"),
        _line(130, "NIK : 7107024609520034"),
    ]
    assert parse_skpwni(lines).as_dict()["number"].value == "SKPWNI/710702/05082017/2648"
