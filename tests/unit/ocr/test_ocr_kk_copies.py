"""KK copies as offices hand them in: a legalised photocopy (a boxed "SESUAI DENGAN ASLINYA" stamp and a round
stamp over the member table, toner specks) and the older form with the office's stamp over the issue date.

Pages are drawn here with PIL as a copy prints them (dark toner, stamp ink lighter, as a grey scan renders
blue or purple ink) and read by the real Tesseract; the table-row test needs no engine."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ektp.ocr.engine import GreyImage, OcrPage, OcrWord
from ektp.ocr.extract import parse_kk
from ektp.ocr.kk_table import KK_TABLE2, parse_kk_members
from ektp.ocr.preprocess import VerticalRule
from ektp.ocr.print_ink import InkLevels, print_only
from ektp.ocr.tesseract import TesseractEngine
from ektp.ocr.text import Line

FONTS = "/usr/share/fonts/truetype/dejavu/"
TONER, STAMP_INK, PAPER = 35, 135, 245


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + name, size)


def _engine_image(grey: GreyImage) -> GreyImage:
    """The page as a global threshold binarises it: the stamp's grey is darker than the cut, so it stays."""
    return np.where(grey < 190, 0, 255).astype(np.uint8)


def _word(text: str, left: int, top: int, width: int, height: int = 24, line: int = 1) -> OcrWord:
    return OcrWord(text=text, confidence=0.95, left=left, top=top, width=width, height=height, line=line)


# --- the member table: a stroke read as a row of its own ---------------------------------------------------

# Column borders of a table of KK_TABLE2's columns (the row number first).
XS = [0, 60, 360, 620, 860, 1000, 1140, 1500, 1860, 2100]
HEADS = ("No", "Status Perkawinan", "Status Hubungan", "Kewarganegaraan", "Paspor", "KITAP", "Nama Ayah",
         "Nama Ibu", "Tgl. Perkawinan")  # fmt: skip
MEMBERS = (
    ("KAWIN TERCATAT", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI LESTARI", "17-05-2004"),
    ("KAWIN TERCATAT", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "NUR DEWI", "17-05-2004"),
    ("BELUM KAWIN", "ANAK", "WNI", "-", "-", "ARIF SAPUTRA", "SITI AMINAH", "-"),
)


def _row_words(cells: tuple[str, ...], top: int, line: int) -> list[OcrWord]:
    words = []
    for i, cell in enumerate(cells):
        x = XS[i] + 10
        for part in cell.split():
            words.append(_word(part, x, top, 16 * len(part), line=line))
            x += 16 * len(part) + 12
    return words


def test_a_stamp_stroke_read_between_two_rows_is_no_member_and_shifts_none() -> None:
    """The slanted edge of a legalisation stamp's box, read as `———` in one cell between two rows, is no
    member: every member fills several cells. The row after it stays the third member's."""
    words = _row_words(HEADS, 10, 1)
    tops = (70, 116, 180)
    for n, (cells, top) in enumerate(zip(MEMBERS, tops, strict=True)):
        words += _row_words((str(n + 1), *cells), top, n + 2)
    words.append(_word("———", XS[6] + 40, 150, 90, height=10, line=9))  # over the father's column
    page = OcrPage(width=2200, height=260, words=words)
    rules = [VerticalRule(x=x, top=0, bottom=220) for x in XS]
    members = [m.as_dict() for m in parse_kk_members(page, rules)]
    assert len(members) == 3
    for member, cells in zip(members, MEMBERS, strict=True):
        assert member["father_name"].value == cells[5]
        assert member["relationship"].value == cells[1]
    assert KK_TABLE2[1:] == ("marital_status", "marriage_date", "relationship", "citizenship",
                             "passport_number", "kitap_number", "father_name", "mother_name")  # fmt: skip


# --- cells under the legalisation stamp ---------------------------------------------------------------------

COPY_XS = [40, 100, 420, 760, 1000, 1160, 1320, 1700, 2080, 2380]
COPY_HEADS = ("No", "Status Perkawinan", "Status Hub. Dlm Keluarga", "Kewarganegaraan", "No. Paspor",
              "No. KITAP", "Nama Ayah", "Nama Ibu", "Tgl. Perkawinan")  # fmt: skip
COPY_ROWS = (
    ("1", "KAWIN TERCATAT", "KEPALA KELUARGA", "WNI", "-", "-", "YOGA SETIAWAN", "FITRI SETIAWAN", "17-05-2024"),
    ("2", "KAWIN TERCATAT", "ISTRI", "WNI", "-", "-", "AHMAD KURNIAWAN", "MARIA BR SINAGA", "20-03-2025"),
)  # fmt: skip


def _legalised_copy() -> tuple[GreyImage, list[VerticalRule]]:
    """The second table of a dot-matrix KK as a copier prints it (monospaced, toner, specks), a boxed
    legalisation stamp over its last row's mother and marriage date: the box's edge across the cells, its
    words under them. The rules are given as found; the page image holds none (preprocessing took them)."""
    img = Image.new("L", (2460, 420), PAPER)
    d = ImageDraw.Draw(img)
    head, body = _font("DejaVuSansMono-Bold.ttf", 18), _font("DejaVuSansMono.ttf", 21)
    for i, title in enumerate(COPY_HEADS):
        d.text((COPY_XS[i] + 8, 30), title, font=head, fill=TONER)
    for r, row in enumerate(COPY_ROWS):
        for i, cell in enumerate(row):
            d.text((COPY_XS[i] + 12, 92 + 46 * r), cell, font=body, fill=TONER)
    rng = np.random.default_rng(7)
    arr = np.asarray(img).copy()
    specks = rng.random(arr.shape) < 0.0006
    arr[specks] = rng.uniform(20, 90, int(specks.sum()))
    stamp = Image.new("L", img.size, 255)
    s = ImageDraw.Draw(stamp)
    s.rectangle((1620, 132, 2300, 360), outline=STAMP_INK, width=4)
    big = _font("DejaVuSans-Bold.ttf", 30)
    s.text((1760, 146), "TELAH DILEGALISIR", font=big, fill=STAMP_INK)
    s.text((1700, 210), "SESUAI DENGAN ASLINYA", font=big, fill=STAMP_INK)
    stamp = stamp.rotate(-3, center=(1960, 246), fillcolor=255)
    page = Image.fromarray(np.minimum(arr, np.asarray(stamp))).filter(ImageFilter.GaussianBlur(0.6))
    rules = [VerticalRule(x=x, top=20, bottom=180) for x in COPY_XS]
    return np.asarray(page, np.uint8), rules


def test_cells_under_a_legalisation_stamp_read_as_print_alone() -> None:
    grey, rules = _legalised_copy()
    image = _engine_image(grey)
    engine = TesseractEngine()
    page = engine.recognize(image)
    members = [m.as_dict() for m in parse_kk_members(page, rules, image, engine, grey=grey)]
    assert len(members) == 2
    last = members[1]
    assert last["mother_name"].value == "MARIA BR SINAGA"
    assert last["marriage_date"].value == "2025-03-20"
    assert last["father_name"].value == "AHMAD KURNIAWAN"
    assert members[0]["mother_name"].value == "FITRI SETIAWAN"


# --- the issue date under the round stamp ------------------------------------------------------------------


def _stamped_issue_date() -> tuple[GreyImage, list[Line]]:
    """`Dikeluarkan Tanggal : 04/11/2024` with the office's round stamp over the date (rings and words in
    the stamp's lighter ink), and the page reading as the engine gave it there: the label, then no date."""
    img = Image.new("L", (1400, 260), 255)
    d = ImageDraw.Draw(img)
    font = _font("DejaVuSerif.ttf", 28)
    d.text((40, 100), "Dikeluarkan Tanggal", font=font, fill=0)
    d.text((420, 100), ":", font=font, fill=0)
    d.text((445, 100), "04/11/2024", font=font, fill=0)
    stamp = Image.new("L", img.size, 255)
    s = ImageDraw.Draw(stamp)
    cx, cy, r = 530, 118, 100
    s.ellipse((cx - r, cy - r, cx + r, cy + r), outline=150, width=5)
    s.ellipse((cx - 72, cy - 72, cx + 72, cy + 72), outline=150, width=3)
    words = _font("DejaVuSans-Bold.ttf", 22)
    s.text((cx - 60, cy - 40), "DUKCAPIL", font=words, fill=150)
    s.text((cx - 70, cy - 6), "BATANGHARI", font=words, fill=150)
    stamp = stamp.rotate(18, center=(cx, cy), fillcolor=255)
    page = Image.fromarray(np.minimum(np.asarray(img), np.asarray(stamp))).filter(
        ImageFilter.GaussianBlur(0.8)
    )
    grey = np.asarray(page, np.uint8)
    label = [_word("Dikeluarkan", 40, 102, 190, 27), _word("Tanggal", 244, 102, 120, 33)]
    lines = [Line([*label, _word("lodjin/doza", 445, 100, 170, 30)])]
    return grey, lines


def test_issue_date_under_the_round_stamp_is_read_again_as_print_alone() -> None:
    grey, lines = _stamped_issue_date()
    assert parse_kk(lines).issue_date is None  # the page's reading holds no date
    image = _engine_image(grey)
    fields = parse_kk(lines, image, TesseractEngine(), grey)
    assert fields.issue_date is not None
    assert fields.issue_date.value == "2024-11-04"
    assert 0.0 < fields.issue_date.confidence <= 0.8  # read alone from a crop: held less sure


def test_no_label_no_reading_again() -> None:
    """No issue-date label on the page: nothing is cropped or read (the engine is never called)."""

    class Refusing:
        name = "refusing"

        def recognize(self, image: GreyImage) -> OcrPage:
            raise AssertionError("no label, no reading")

    grey, _ = _stamped_issue_date()
    lines = [Line([_word("KARTU", 40, 20, 100), _word("KELUARGA", 150, 20, 160)])]
    assert parse_kk(lines, _engine_image(grey), Refusing(), grey).issue_date is None


# --- print alone ----------------------------------------------------------------------------------------------


def test_print_alone_drops_stamp_ink_specks_and_the_rows_around_but_keeps_a_full_stop() -> None:
    img = Image.new("L", (400, 80), PAPER)
    d = ImageDraw.Draw(img)
    d.text((20, 22), "S.E.", font=_font("DejaVuSansMono.ttf", 24), fill=TONER)
    d.text((150, 22), "ANA", font=_font("DejaVuSans-Bold.ttf", 26), fill=STAMP_INK)
    d.text((20, 66), "XYZ", font=_font("DejaVuSansMono.ttf", 24), fill=TONER)  # the row below, cut
    arr = np.asarray(img).copy()
    arr[10, 300] = arr[11, 301] = 30  # a toner speck
    grey = np.asarray(arr, np.uint8)
    out = print_only(grey, (0, 0, 400, 80), InkLevels(TONER, PAPER), 0.3, 24.0)
    ink = out < 128
    assert ink[:, :120].sum() > 100  # the print, full stops and all
    count = cv2.connectedComponents(np.asarray(ink[:, :120], np.uint8))[0] - 1
    assert count == 4  # S . E .
    assert not ink[:, 140:].any()  # the stamp's word, the speck
    assert not ink[60:, :].any()  # the row below, cut by the box's edge


# --- values a validator mends -------------------------------------------------------------------------------


def _text_line(text: str, top: int) -> Line:
    """A line as the engine gives it: words 16 px a letter, one space apart (one phrase)."""
    words, x = [], 40
    for part in text.split():
        words.append(_word(part, x, top, 16 * len(part), line=top))
        x += 16 * len(part) + 12
    return Line(words)


def _kk_head(number: str) -> list[Line]:
    rows = (
        "KARTU KELUARGA",
        f"No. {number}",
        "Nama Kepala Keluarga : ARIF SAPUTRA",
        "Alamat : JL. GAJAH MADA NO. 119",
        "Kelurahan/Desa : HAJRAN",
        "Kecamatan : BATIN XXIV",
        "Kabupaten/Kota : KABUPATEN BATANGHARI",
        "Propinsi : JAMBI",
    )
    return [_text_line(text, 40 + 40 * i) for i, text in enumerate(rows)]


def test_a_kk_number_one_digit_from_the_address_district_is_that_districts() -> None:
    """`1564...` inside a pen's ring: 15.64.04 is no district; one confusable digit (6 for 0) makes it the
    district the address resolves to (BATIN XXIV, 15.04.04)."""
    fields = parse_kk(_kk_head("1564040411240019"))
    assert fields.district is not None and fields.district.value == "BATIN XXIV"
    assert fields.number is not None and fields.number.value == "1504040411240019"


def test_a_kk_number_further_from_the_district_or_valid_stays_as_read() -> None:
    far = parse_kk(_kk_head("1564140411240019")).number  # two digits off: nothing is guessed
    assert far is not None and far.value == "1564140411240019"
    other = parse_kk(_kk_head("1504050411240019")).number  # a real district, another one: not a misread
    assert other is not None and other.value == "1504050411240019"


def test_a_birthplace_with_a_speck_read_as_a_full_stop_is_the_place_name() -> None:
    """`NIAS. SELATAN`: a copier's speck after a word; the letters are exactly the regency's name. A place
    no regency's letters make stays as read."""
    heads = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama",
             "Pendidikan", "Jenis Pekerjaan", "Golongan Darah")  # fmt: skip
    xs = [0, 60, 400, 720, 900, 1120, 1300, 1420, 1700, 2000, 2160]
    rows = (
        ("1", "HOTMAN SITUMORANG", "1214040110980007", "LAKI-LAKI", "NIAS. SELATAN", "01-10-1998", "ISLAM",
         "SLTP/SEDERAJAT", "KARYAWAN BUMN", "O"),
        ("2", "ROMAULI SITOMPUL", "1214046104020014", "PEREMPUAN", "KAMPUNG. BARU", "21-04-2002", "ISLAM",
         "SLTA/SEDERAJAT", "MENGURUS RUMAH TANGGA", "A"),
    )  # fmt: skip
    words: list[OcrWord] = []
    for r, cells in enumerate((heads, *rows)):
        for i, cell in enumerate(cells):
            x = xs[i] + 10
            for part in cell.split():
                words.append(_word(part, x, 10 + 50 * r, 14 * len(part), line=r))
                x += 14 * len(part) + 10
    page = OcrPage(width=2200, height=200, words=words)
    members = parse_kk_members(page, [VerticalRule(x=x, top=0, bottom=170) for x in xs])
    assert [m.as_dict()["place_of_birth"].value for m in members] == ["NIAS SELATAN", "KAMPUNG. BARU"]


# --- headers a copy's bold print garbles, a slash read with a gap, a member's NIK for the number ---------------

TABLE1_HEADS = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama",
                "Pendidikan", "Jenis Pekerjaan", "Golongan Darah")  # fmt: skip
TABLE1_XS = [0, 60, 400, 720, 900, 1120, 1300, 1420, 1700, 2000, 2160]


def _table_page(heads: tuple[str, ...], rows: tuple[tuple[str, ...], ...], xs: list[int]) -> OcrPage:
    words: list[OcrWord] = []
    for r, cells in enumerate((heads, *rows)):
        for i, cell in enumerate(cells):
            x = xs[i] + 10
            for part in cell.split():
                words.append(_word(part, x, 10 + 50 * r, 14 * len(part), line=r))
                x += 14 * len(part) + 10
    return OcrPage(width=2200, height=60 + 50 * len(rows), words=words)


def test_a_table_in_another_order_is_read_by_its_headers_even_misread() -> None:
    """The copy's second table puts the marriage date last; its bold small headers come out misread
    (`Status Porkmdinan`, `Kowarganegaraan`, `Tgl. Perkmdinan`): each is still the one field it is most
    like, so the cells go to their fields, not to the form's usual order."""
    heads = ("No", "Status Porkmdinan", "Status Hub. Dlm Koluarga", "Kowarganegaraan", "No. Paspor",
             "No. KITAS/KITAP", "Nana Ayah", "Nana Ibu", "Tgl. Perkmdinan")  # fmt: skip
    rows = (
        (
            "1",
            "KAWIN TERCATAT",
            "KEPALA KELUARGA",
            "WNI",
            "-",
            "-",
            "YOGA SYAHPUTRA",
            "NUR RINA",
            "20-07-2006",
        ),
    )
    xs = [0, 60, 360, 700, 940, 1100, 1300, 1660, 2000, 2200]
    page = _table_page(heads, rows, xs)
    member = parse_kk_members(page, [VerticalRule(x=x, top=0, bottom=110) for x in xs])[0].as_dict()
    assert member["marriage_date"].value == "2006-07-20"
    assert member["relationship"].value == "KEPALA KELUARGA"
    assert member["father_name"].value == "YOGA SYAHPUTRA"
    assert member["mother_name"].value == "NUR RINA"


def test_a_slash_read_with_a_gap_beside_it_joins_as_printed() -> None:
    rows = (("1", "DIMAS SETIAWAN", "3320111801760025", "LAKI-LAKI", "JEPARA", "18-01-1976", "ISLAM",
             "TAMAT SD/ SEDERAJAT", "PETANI/ PEKEBUN", "O"),)  # fmt: skip
    page = _table_page(TABLE1_HEADS, rows, TABLE1_XS)
    rules = [VerticalRule(x=x, top=0, bottom=110) for x in TABLE1_XS]
    member = parse_kk_members(page, rules)[0].as_dict()
    assert member["occupation"].value == "PETANI/PEKEBUN"
    assert member["education"].value == "TAMAT SD/SEDERAJAT"


def test_a_members_nik_is_never_the_familys_number() -> None:
    """The number's own line lost (a pen's ring over it): the first 16-digit run of the page's top lines is
    then the head's NIK in the table; a KK number is never a member's NIK, so none is read."""
    from ektp.ocr.pipeline import _parse

    class Refusing:
        name = "refusing"

        def recognize(self, image: GreyImage) -> OcrPage:
            raise AssertionError("nothing to read again")

    nik = "3320111801760025"
    rows = (("1", "DIMAS SETIAWAN", nik, "LAKI-LAKI", "JEPARA", "18-01-1976", "ISLAM", "SLTA/SEDERAJAT",
             "SOPIR", "O"),)  # fmt: skip
    page = _table_page(TABLE1_HEADS, rows, TABLE1_XS)
    rules = [VerticalRule(x=x, top=0, bottom=110) for x in TABLE1_XS]
    lines = [_text_line("KARTU KELUARGA", 0), _text_line("Alamat : JL. KARTINI NO. 5", 20)]
    lines.append(Line([w for w in page.words if w.line == 1]))
    blank = np.full((200, 2200), 255, np.uint8)
    fields, members = _parse("kk", lines, page, rules, blank, Refusing(), blank)
    assert members[0]["nik"].value == nik
    assert "number" not in fields
