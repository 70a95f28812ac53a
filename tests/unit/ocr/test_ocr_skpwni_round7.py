"""SKPWNI prints of the sixth blind round (issue 18): a form typed one character a box (the F-1 forms' combs:
each digit of the NIK and the KK number, each letter of a name or an address in a box of its own), and a
table of numbered rows (`No | Uraian | Keterangan`). The comb is drawn here with PIL, not by the document
generator, and read by the real Tesseract; the table's rows are given as a scan reads them."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr import grammar
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_skpwni
from ektp.ocr.pipeline import extract_document
from ektp.ocr.preprocess import comb_walls
from ektp.ocr.settings import OcrSettings
from ektp.ocr.tesseract import TesseractEngine
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line

FONTS = "/usr/share/fonts/truetype/dejavu/"


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + name, size)


# --- character boxes ------------------------------------------------------------------------------------


def _comb(
    d: ImageDraw.ImageDraw, x: int, y: int, text: str, boxes: int, wall: float, boxes_drawn: bool = True
) -> None:
    """A row of `boxes` character boxes, `text` typed one character a box; the walls between the boxes stand
    `wall` of the box's height on its bottom rule (1.0: full height), thin and grey as a form prints them."""
    pitch, height = 34, 42
    if boxes_drawn:
        d.rectangle((x, y, x + boxes * pitch, y + height), outline=40, width=2)
        for k in range(1, boxes):
            d.line(
                (x + k * pitch, y + height, x + k * pitch, y + height - int(wall * height)), fill=90, width=1
            )
    font = _font("DejaVuSansMono-Bold.ttf", 26)
    for k, ch in enumerate(text):
        d.text((x + k * pitch + 9, y + 6), ch, font=font, fill=0)


# Label, value, number of boxes, wall height: the rows of an F-1.03 typed in its boxes.
COMB_ROWS = (
    ("Nomor Kartu Keluarga", "3271040102090011", 20, 0.6),
    ("NIK Pemohon", "3271046504870002", 20, 1.0),
    ("Nama Lengkap", "SITI AMINAH", 20, 0.6),
    ("Alamat", "JL. MELATI NO. 7", 20, 0.6),
    ("Kecamatan", "BOGOR TENGAH", 20, 1.0),
)


def _comb_form(rows: tuple[tuple[str, str, int, float], ...] = COMB_ROWS) -> bytes:
    img = Image.new("L", (1500, 1100), 250)
    d = ImageDraw.Draw(img)
    d.text((420, 60), "SURAT KETERANGAN PINDAH WNI", font=_font("DejaVuSerif-Bold.ttf", 36), fill=0)
    d.text((90, 160), "DATA DAERAH ASAL", font=_font("DejaVuSerif-Bold.ttf", 26), fill=0)
    label = _font("DejaVuSerif.ttf", 26)
    y = 230
    for text, value, boxes, wall in rows:
        d.text((90, y + 8), text, font=label, fill=0)
        _comb(d, 560, y, value, boxes, wall)
        y += 80
    d.text((90, y + 40), "Alasan Pindah : PEKERJAAN", font=label, fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _tesseract_only() -> OcrSettings:
    return OcrSettings(second_engine="")  # what Tesseract alone makes of the page


def test_values_typed_in_character_boxes_are_read_without_the_walls() -> None:
    # Before: every wall read as a glyph (`3|2|7|1...`, `1` for a wall), the NIK and KK number failed their
    # structure and the names and addresses came back as their first box's letter or not at all.
    result = extract_document(_comb_form(), engine=TesseractEngine(), settings=_tesseract_only())
    fields = {k: f.value for k, f in result.fields.items()}
    assert result.document_type == "skpwni"
    assert fields.get("kk_number") == "3271040102090011"
    assert fields.get("nik") == "3271046504870002"
    assert fields.get("name") == "SITI AMINAH"
    assert fields.get("origin_address") == "JL. MELATI NO. 7"
    assert fields.get("origin_district") == "BOGOR TENGAH"
    assert fields.get("move_reason") == "PEKERJAAN"  # a value printed without boxes reads as before


def _binary(draw: object) -> np.ndarray:
    img = Image.new("L", (900, 200), 255)
    d = ImageDraw.Draw(img)
    draw(d)  # type: ignore[operator]
    return np.asarray(img, np.uint8).__lt__(128).astype(np.uint8) * 255


def test_a_comb_is_found_and_only_its_walls_and_rules_go() -> None:
    binary = _binary(lambda d: _comb(d, 40, 60, "3271", 12, 0.6))
    typed = _binary(lambda d: _comb(d, 40, 60, "3271", 12, 0.6, boxes_drawn=False)) > 0
    walls = comb_walls(binary, 20.0)
    assert walls[95, 40 + 6 * 34] == 255  # a wall of an empty box
    assert walls[102, 100:400].all()  # the rule the walls stand on
    assert walls[61, 100:400].all()  # and the one across their tops
    assert (walls[typed] > 0).mean() <= 0.05  # the typed characters stay


def test_underlined_text_and_a_table_are_no_comb() -> None:
    # Guards: letters standing on an underline (their stems touch it, unevenly apart, with bowls and bars
    # beside them), and a table's column rules (a few, far apart, uneven) are left to the rules' removal.
    def underlined(d: ImageDraw.ImageDraw) -> None:
        d.text((40, 60), "ANGGOTA KELUARGA HILIR", font=_font("DejaVuSans-Bold.ttf", 28), fill=0)
        d.line((36, 93, 500, 93), fill=0, width=2)

    def table(d: ImageDraw.ImageDraw) -> None:
        for y in (40, 80, 120):
            d.line((20, y, 880, y), fill=0, width=2)
        for x in (20, 90, 400, 880):
            d.line((x, 40, x, 120), fill=0, width=2)

    def ones(d: ImageDraw.ImageDraw) -> None:
        # `1 1 1 1 1` typed evenly apart on a writing line, touching it: stems as thin as walls and evenly
        # apart, but on a line that runs on past them.
        d.text((40, 62), "1  1  1  1  1", font=_font("DejaVuSerif.ttf", 26), fill=0)
        d.line((36, 88, 500, 88), fill=0, width=2)

    assert comb_walls(_binary(underlined), 20.0).sum() == 0
    assert comb_walls(_binary(table), 20.0).sum() == 0
    assert comb_walls(_binary(ones), 20.0).sum() == 0


# --- the values of boxed lines, as read -----------------------------------------------------------------


def _spaced(y: int, label: str, value: str, pitch: int = 30, x: int = 500) -> Line:
    """A label and a value typed one letter a box, as Tesseract reports it once the walls are gone: each
    word's letters a box apart, an empty box between words."""
    words = [OcrWord(text=label, confidence=0.95, left=60, top=y, width=14 * len(label), height=18, line=y)]
    for word in value.split():
        width = pitch * (len(word) - 1) + 14
        words.append(OcrWord(text=word, confidence=0.95, left=x, top=y, width=width, height=18, line=y))
        x += pitch * (len(word) + 1)
    return Line(words)


def test_a_boxed_value_of_several_words_is_read_whole() -> None:
    # Before: the empty box between two words is a column's gap: `JL.`, `KABUPATEN`, `ANTAR` alone.
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(40, "DATA DAERAH ASAL"),
        _spaced(80, "Alamat", "JL. GAJAH MADA NO. 119"),
        _spaced(120, "Kabupaten/Kota", "KABUPATEN BATANGHARI"),
        _spaced(160, "Provinsi", "JAMBI"),
        ocr_line(200, "DATA KEPINDAHAN"),
        _spaced(240, "Klasifikasi Pindah", "ANTAR PROVINSI"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert fields["origin_address"].value == "JL. GAJAH MADA NO. 119"
    assert fields["origin_regency"].value == "KABUPATEN BATANGHARI"
    assert fields["move_classification"].value == "ANTAR PROVINSI"


def test_print_a_column_apart_is_not_joined() -> None:
    # Guard: words printed as print sets them are never letter-spaced: a value and a phrase in the next
    # column stay apart (`ARIF SAPUTRA` and the column's `Jenis Kelamin`).
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(40, "Nama Lengkap", "ARIF SAPUTRA", "LAKI-LAKI"),
    ]
    assert parse_skpwni(lines).as_dict()["name"].value == "ARIF SAPUTRA"


def test_a_choice_wrapped_onto_the_next_line_is_read_whole() -> None:
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(40, "3. Jenis Kepindahan", "KEPALA KELUARGA DAN SEBAGIAN"),
        ocr_line(70, "ANGGOTA KELUARGA", x=ocr_line(40, "3. Jenis Kepindahan", "X").words[-1].left),
        ocr_line(110, "4. Tanggal Pindah", "Tgl 1 7 Bln 11 Thn 2 024"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert fields["move_type"].value == "KEPALA KELUARGA DAN SEBAGIAN ANGGOTA KELUARGA"
    assert fields["move_date"].value == "2024-11-17"


def test_rt_glued_to_its_box_is_split() -> None:
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(40, "DATA DAERAH ASAL"),
        ocr_line(80, "RT / RW", "RTO10", "RW 001"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert (fields["origin_rt"].value, fields["origin_rw"].value) == ("010", "001")


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        ("Tgl 17 Bln 11 Thn 2024", "2024-11-17"),
        ("Ta 1 7 Bh 11 Tn 2 024", "2024-11-17"),  # labels misread, digits a box apart
        ("Tgl 1:7 Bln 1/1 Thn 2 02 4", "2024-11-17"),  # walls read as marks
        ("Th 01 Bh 10 Tn 2 0 2 6", "2026-10-01"),
        ("17 11 2024", None),  # no parts' labels: another reader's
        ("Tgl 31 Bln 02 Thn 2024", None),  # no calendar date
        ("Tgl 17 Bln 11", None),  # no year
        ("Tgl 17 Bln 11 Thn 2024 RT", None),  # a fourth part
    ],
)
def test_a_date_typed_in_parts(reading: str, expected: str | None) -> None:
    assert grammar.date_in_parts(reading) == expected


# --- a table of numbered rows ---------------------------------------------------------------------------


def _table(label: str, rows: int = 18) -> list[Line]:
    """`No | Uraian | Keterangan` as Tesseract read it: the destination's address label garbled (`Atamat`)."""
    body = [
        ("5", "Alamat", "JL. GAJAH MADA NO. 119"),
        ("6", "RT/RW", "010/001"),
        ("7", "Desa/Kelurahan", "HAJRAN"),
        ("8", "Kecamatan", "BATIN XXIV"),
        ("9", "Kabupalen/Kola", "KABUPATEN BATANGHARI"),
        ("10", "Provinsi", "JAMBI"),
        ("11", "Kode Pos", "36656"),
        (None, "III. DAERAH TUJUAN", None),
        ("12", label, "JL. HASANUDDIN NO. 129"),
        ("13", "RT/RW", "015/007"),
        ("14", "Desa/Kelurahan", "HILIKANA"),
    ][: rows - 4]
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"),
        ocr_line(40, "No", "Uraian", "Keterangan"),
        ocr_line(80, "II. DAERAH ASAL"),
    ]
    for n, (number, cell, value) in enumerate(body):
        y = 120 + 40 * n
        lines.append(ocr_line(y, cell) if number is None else ocr_line(y, number, cell, value))
    return lines


def test_a_numbered_tables_label_garbled_is_read_by_its_place() -> None:
    # Before: `Atamat` and `Kabupalen/Kola` read as no label (a bare label's score), their rows lost.
    fields = parse_skpwni(_table("Atamat")).as_dict()
    assert fields["destination_address"].value == "JL. HASANUDDIN NO. 129"
    assert fields["origin_regency"].value == "KABUPATEN BATANGHARI"
    assert fields["origin_address"].value == "JL. GAJAH MADA NO. 119"


def test_a_garbled_label_outside_a_numbered_table_stays_unread() -> None:
    # Guard: two numbered lines are no table; `Atamat` there is not taken for a label.
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(40, "DATA DAERAH TUJUAN"),
        ocr_line(80, "1", "Atamat", "JL. HASANUDDIN NO. 129"),
        ocr_line(120, "2", "Kecamatan", "HIBALA"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert "destination_address" not in fields
    assert fields["destination_district"].value == "HIBALA"


def test_a_nik_read_a_digit_over_takes_the_members_rows_reading() -> None:
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(40, "1", "NIK", "1214046 1104020014"),
        ocr_line(80, "2", "Nama Lengkap", "ROMAULI BR SITOMPUL"),
        ocr_line(120, "No", "NIK", "Nama Lengkap", "SHDK"),
        ocr_line(160, "1", "1214046104020014", "ROMAULI BR SITOMPUL", "ISTRI"),
        ocr_line(200, "2", "1214040110980007", "HOTMAN SITUMORANG", "KEPALA KELUARGA"),
    ]
    assert parse_skpwni(lines).as_dict()["nik"].value == "1214046104020014"
    # Guard: a row that is not the reading less a digit does not replace it.
    lines[4] = ocr_line(160, "1", "1214046104020022", "ROMAULI BR SITOMPUL", "ISTRI")
    assert parse_skpwni(lines).as_dict()["nik"].value != "1214046104020022"


class _ReadsDateAs:
    """An engine that reads whatever it is given as one phrase (the date's crop read again)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def recognize(self, image: np.ndarray) -> OcrPage:
        h, w = image.shape[:2]
        word = OcrWord(text=self.text, confidence=0.7, left=0, top=0, width=w, height=h, line=0)
        return OcrPage(words=[word], width=w, height=h)


def test_a_date_in_parts_read_again_from_its_boxes() -> None:
    # The page read a phantom glyph into the month (`Bln 90 6`: three digits, no date); its boxes read again
    # gave the parts with their labels misread (`Tel 21 Bin 06 Tm 2013`), which no date format reads. Before:
    # no move date.
    img = Image.new("L", (1400, 200), 255)
    ImageDraw.Draw(img).text(
        (562, 100), "Tgl 2 1  Bln 0 6  Thn 2 0 1 3", font=_font("DejaVuSans.ttf", 20), fill=0
    )
    image = np.asarray(img, np.uint8)  # the value's ink, for the crop to hold
    lines = [
        ocr_line(0, "SURAT KETERANGAN PINDAH WNI"),
        ocr_line(100, "4. Tanggal Pindah", "Tgl 2 1 Bln 90 6 The 2013", x=158),
    ]
    fields = parse_skpwni(lines, image, _ReadsDateAs("Tel 21 Bin 06 Tm 2013")).as_dict()  # type: ignore[arg-type]
    assert fields["move_date"].value == "2013-06-21"
    assert 0 < fields["move_date"].confidence < 0.9  # read alone from a crop: never a sure reading
