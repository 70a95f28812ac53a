"""The akta kelahiran as photographs and typewritten Kutipan read (issue 18, session 9).

Each input is written as a real certificate prints it or as a scan reads it: OCR words with their positions
(no rendering, no engine), so these run in milliseconds. The rules:

- the registration number (`3525-LT-07112011-0148`, or `3525-LT07112011-0148` where an office prints the
  letters against the date) is read when a dash was lost or read as a space, and a registration date read
  as still to come is the digits misread;
- the typewritten birth sentence with its narrow spaces lost (`bahwadi`, `anakke`, `telahlahirseoranganak`);
- a place of birth one confused glyph from exactly one regency or city (the place an akta prints);
- a form's row split by a photo's slant: the value, led by its colon, read as a line of its own beside the
  label's line.
"""

from __future__ import annotations

import numpy as np
import pytest

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_akta
from ektp.ocr.grammar import akta_number
from ektp.ocr.models import Field
from ektp.ocr.prose import parse_birth_sentence
from ektp.ocr.text import Line
from ektp.ocr.validate import check_akta_number, check_place_of_birth
from tests.unit.ocr.conftest import ocr_line


def _values(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


# --- the registration number --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        # a photo's dash lost between the regency code and the letters: no print runs them together
        ("3525LT-07112011-0148", "3525-LT-07112011-0148"),
        ("3525LT07112011-6148", "3525-LT07112011-6148"),  # the letters against the date, as printed
        ("35251T-07112011-0148", "3525-LT-07112011-0148"),  # ... and the kerned LT read as 1T
        ("3525-LT-071120110148", "3525-LT-07112011-0148"),  # the serial's dash lost
        # dashes read as spaces
        ("3525 LT 07112011 0148", "3525-LT-07112011-0148"),
        (": 3525 - LT 07112011 - 0148", "3525-LT-07112011-0148"),
    ],
)
def test_a_registration_number_with_a_dash_lost_or_read_as_a_space(raw: str, value: str) -> None:
    assert akta_number(raw) == value


@pytest.mark.parametrize(
    "raw",
    [
        "3525-LT07112011-0148",  # an office's own form, as printed
        "3525XY07112011-0148",  # no registration letters: not this format
        "3525LT07132011-0148",  # no calendar date where the date must stand
        "3525LT0711201-0148",  # a digit short
    ],
)
def test_a_number_without_the_registration_structure_is_left_as_read(raw: str) -> None:
    assert akta_number(raw) == raw


def test_the_number_after_its_label_is_found_with_a_dash_lost() -> None:
    lines = [
        ocr_line(100, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(160, "No. Akta Kelahiran : 3525LT07112011-0148"),
        ocr_line(220, "Nama Anak", ": BUDI SANTOSO"),
    ]
    assert _values(lines)["number"] == "3525-LT07112011-0148"


def _akta(number: str, birth: str) -> dict[str, Field]:
    return {
        "number": Field(value=number, confidence=0.9),
        "birth_date": Field(value=birth, confidence=0.9),
    }


def test_a_registration_date_still_to_come_is_the_digits_misread() -> None:
    # Typewritten `2002` with its zeros read as 9s: no akta is registered in 2992; two confusable digits
    # make the one date not after today and not before the birth.
    fields = _akta("1214-LT-21042992-3509", "2002-04-21")
    check_akta_number(fields)
    assert fields["number"].value == "1214-LT-21042002-3509"
    assert fields["number"].confidence < 0.9


def test_a_future_registration_date_no_confusion_explains_is_kept() -> None:
    fields = _akta("1214-LT-21042777-3509", "2002-04-21")  # no confusable digits make a past date
    check_akta_number(fields)
    assert fields["number"].value == "1214-LT-21042777-3509"


def test_a_registration_date_in_the_past_after_the_birth_is_not_touched() -> None:
    fields = _akta("1214-LT-21042012-3509", "2002-04-21")  # a late registration: lawful
    check_akta_number(fields)
    assert fields["number"].value == "1214-LT-21042012-3509"
    assert fields["number"].confidence == 0.9


# --- the typewritten birth sentence ------------------------------------------------------------------


def test_sentence_words_run_together_where_a_typewriter_left_narrow_spaces() -> None:
    lines = [
        ocr_line(100, "Berdasarkan Penetapan Pengadilan Negeri NIAS SELATAN Nomor"),
        ocr_line(150, "177/Pdt.P/2018/PN.Nia tanggal 17 Januari 2018 bahwadi NIAS SELATAN pada"),
        ocr_line(200, "tanggal 21 APRIL 2002 telahlahirseoranganak PEREMPUAN bernama"),
        ocr_line(250, "ROMAULI BR SITOMPUL ,anakke SATU dari seorang ayah bernama"),
        ocr_line(300, "JUNTAK ROBERT SITOMPUL dan seorang ibu bernama MARIA BR SINAGA"),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert got == {
        "place_of_birth": "NIAS SELATAN",
        "birth_date": "2002-04-21",
        "sex": "PEREMPUAN",
        "name": "ROMAULI BR SITOMPUL",
        "father_name": "JUNTAK ROBERT SITOMPUL",
        "mother_name": "MARIA BR SINAGA",
    }


def test_a_name_made_of_sentence_syllables_is_not_split() -> None:
    # `DIANA`, `ANAKE` are no run of the sentence's words: a value is never cut into them.
    lines = [
        ocr_line(100, "bahwa di KEDIRI pada tanggal 2 Januari 2001 telah lahir seorang anak"),
        ocr_line(150, "PEREMPUAN bernama DIANA DIANTI, anak ke SATU dari seorang ayah bernama"),
        ocr_line(200, "BUDI ANAKE dan seorang ibu bernama SITI AMINAH"),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert (got["name"], got["father_name"]) == ("DIANA DIANTI", "BUDI ANAKE")


# --- the place of birth --------------------------------------------------------------------------------


def test_a_place_of_birth_one_confused_glyph_from_one_regency_is_that_regency() -> None:
    fields = {"place_of_birth": Field(value="NTAS SELATAN", confidence=0.9)}  # I read as T
    check_place_of_birth(fields)
    assert fields["place_of_birth"].value == "NIAS SELATAN"
    assert fields["place_of_birth"].confidence < 0.9


@pytest.mark.parametrize(
    "place",
    [
        "SOLO",  # no regency's name (SOLOK is a letter more): a place as printed
        "NIAS SELATAN",  # a regency, read right
        "NXAS SELATAN",  # X is no glyph the engine reads for I
        "KEBAYORAN",  # a district of a city: no regency one glyph from it
    ],
)
def test_a_place_of_birth_no_confusion_makes_a_regency_is_kept(place: str) -> None:
    fields = {"place_of_birth": Field(value=place, confidence=0.9)}
    check_place_of_birth(fields)
    assert fields["place_of_birth"].value == place


# --- a row split by a photo's slant -------------------------------------------------------------------


def _word(text: str, left: int, top: int, height: int = 24) -> OcrWord:
    width = 4 if text == ":" else 19 * len(text)  # a print face's letters, about as wide as they are tall
    return OcrWord(text=text, confidence=0.9, left=left, top=top, width=width, height=height, line=top)


def _line(*words: OcrWord) -> Line:
    return Line(list(words))


def test_a_value_read_as_a_line_of_its_own_beside_its_label_on_a_slanted_photo() -> None:
    # Two columns photographed turned a few degrees: the right column's `: YOGA SETIAWAN` rises above the
    # row it belongs to and is grouped alone; its label ends the line below, with nothing after it.
    lines = [
        _line(_word("No.", 898, 729), _word("Akta", 953, 727), _word("Kelahiran", 1025, 724),
              _word(":", 1170, 731), _word("1504-LT-07081998-4054", 1188, 712)),
        _line(_word(":", 1624, 828, 12), _word("YOGA", 1645, 817), _word("SETIAWAN", 1740, 814)),
        _line(_word("NIK", 412, 837), _word(":", 693, 845, 12), _word("1504040708980028", 715, 832),
              _word("Nama", 1343, 824), _word("Ayah", 1431, 821)),
        _line(_word("Nama", 416, 888), _word("Anak", 493, 891), _word(":", 697, 897, 12),
              _word("ARIF", 716, 888), _word("SAPUTRA", 786, 886), _word("Nama", 1344, 879),
              _word("Ibu", 1433, 877), _word(":", 1624, 884, 12), _word("FITRI", 1647, 874),
              _word("SETIAWAN", 1737, 871)),
    ]  # fmt: skip
    got = _values(lines)
    assert (got["father_name"], got["nik"], got["mother_name"]) == (
        "YOGA SETIAWAN",
        "1504040708980028",
        "FITRI SETIAWAN",
    )


def test_a_label_alone_under_its_colon_led_value_on_a_slanted_photo() -> None:
    # The left column's value rises above its label: `:1504040708980028  Nama Ibu : ...` then `NIK` alone.
    lines = [
        _line(_word(":1504040708980028", 607, 738, 53), _word("Nama", 1258, 756), _word("Ibu", 1339, 753),
              _word(":", 1526, 743), _word("FITRI", 1551, 737), _word("SETIAWAN", 1640, 726)),
        _line(_word("NIK", 339, 770, 39)),
        _line(_word("Nama", 343, 819), _word("Anak", 418, 816), _word(":", 612, 808),
              _word("ARIF", 635, 803), _word("SAPUTRA", 701, 793)),
    ]  # fmt: skip
    got = _values(lines)
    assert (got["nik"], got["mother_name"], got["name"]) == (
        "1504040708980028",
        "FITRI SETIAWAN",
        "ARIF SAPUTRA",
    )


def test_a_label_over_its_value_a_line_apart_is_not_rejoined() -> None:
    # Labels printed above their values (a register's boxes): a full line apart, read as before.
    lines = [
        _line(_word("Nama", 100, 100), _word("Ayah", 180, 100)),
        _line(_word(":", 300, 160, 12), _word("YOGA", 320, 150), _word("SETIAWAN", 400, 150)),
    ]
    assert _values(lines).get("father_name") == "YOGA SETIAWAN"


# --- a NIK read unsurely ----------------------------------------------------------------------------------


class _Larger:
    """An engine that reads the crop it is given (the NIK alone, larger) as a larger print reads."""

    name = "scripted"

    def __init__(self, reading: str) -> None:
        self.reading = reading
        self.crops: list[tuple[int, int]] = []

    def recognize(self, image: np.ndarray) -> OcrPage:
        self.crops.append(image.shape[:2])
        word = OcrWord(text=self.reading, confidence=0.95, left=30, top=30, width=400, height=64, line=0)
        return OcrPage(width=image.shape[1], height=image.shape[0], words=[word])


def _typed_akta(nik_confidence: float) -> list[Line]:
    nik = ocr_line(200, "NIK", ": 1214046104020074")  # a typewriter's 1 read as 7, unsurely
    nik = Line([w.model_copy(update={"confidence": nik_confidence}) for w in nik.words])
    return [
        ocr_line(100, "KUTIPAN AKTA KELAHIRAN"),
        nik,
        ocr_line(260, "Nomor", ": 1214-LT-21042002-3509"),
        ocr_line(400, "bahwa di NIAS SELATAN pada tanggal 21 APRIL 2002 telah lahir seorang anak"),
        ocr_line(450, "PEREMPUAN bernama ROMAULI BR SITOMPUL, anak ke SATU dari seorang ayah"),
        ocr_line(500, "bernama JUNTAK ROBERT SITOMPUL dan seorang ibu bernama MARIA BR SINAGA"),
    ]


def test_a_nik_read_unsurely_is_read_again_alone_and_larger() -> None:
    # The misread serial still makes a valid NIK that agrees with the date and sex: only the unsure reading
    # says it may be wrong; read alone and larger, the engine reads the zero.
    engine = _Larger("1214046104020014")
    page = np.full((700, 1600), 255, dtype=np.uint8)
    got = parse_akta(_typed_akta(0.55), page, engine).as_dict()
    assert got["nik"].value == "1214046104020014"
    assert engine.crops and min(h for h, _ in engine.crops) > 20 * 1.5  # read larger than printed
    sure = _Larger("1214046104020014")
    got = parse_akta(_typed_akta(0.95), page, sure).as_dict()
    assert got["nik"].value == "1214046104020074" and not sure.crops  # a sure reading is not read again


def test_of_two_numbers_the_one_with_the_registration_structure_is_the_akta_number() -> None:
    # A late registration's Kutipan cites the court ruling by its number first; the registration number,
    # regency code, LT, a date, a serial, comes after it.
    lines = [
        ocr_line(100, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(160, "Nomor", ": 177/Pdt.P/2018/PN.Nia"),
        ocr_line(220, "Nomor Akta Kelahiran", ": 1214-LT-21042002-3509"),
        ocr_line(280, "Nama", ": ROMAULI BR SITOMPUL"),
    ]
    assert _values(lines)["number"] == "1214-LT-21042002-3509"
    # An older register's number has no such structure: alone, it is still the number.
    older = [lines[0], ocr_line(160, "Nomor", ": 1234/U/1992"), lines[3]]
    assert _values(older)["number"] == "1234/U/1992"


def test_a_regency_code_that_does_not_exist_is_the_one_a_confusable_digit_makes() -> None:
    # 15.94 is no regency (Jambi's run 15.01-15.09, 15.71-15.72): the 0 read as 9; of the codes one
    # confusable digit away only 15.04 exists, the regency the child's NIK was registered in too.
    fields = _akta("1594-LT-07081998-4054", "1998-08-07")
    fields["nik"] = Field(value="1504040708980028", confidence=0.9)
    check_akta_number(fields)
    assert fields["number"].value == "1504-LT-07081998-4054"
    fields = _akta("1504-LT-07081998-4054", "1998-08-07")  # a regency that exists stays
    check_akta_number(fields)
    assert fields["number"].value == "1504-LT-07081998-4054" and fields["number"].confidence == 0.9


# --- a colon misread before a value, a NIK's serial read with its zeros as nines -------------------------


def test_a_colon_read_as_a_mark_or_a_digit_before_a_value_is_no_part_of_it() -> None:
    # A photo's colon read `':`, `2` or `?`: no name holds a digit or a mark (Permendagri 73/2022), and a
    # date does not open with a quote.
    lines = [
        ocr_line(100, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(160, "Nama Anak", ": HOTMAN SITUMORANG", "Nama Ibu", "2 TIURMA BR PANJAITAN"),
        ocr_line(220, "Nama Ayah", "? BONAR SITUMORANG"),
        ocr_line(280, "Hari/Tanggal Lahir", "': Kamis, 26 Oktober 1961"),
    ]
    got = _values(lines)
    assert (got["mother_name"], got["father_name"], got["birth_date"]) == (
        "TIURMA BR PANJAITAN",
        "BONAR SITUMORANG",
        "1961-10-26",
    )


def test_a_nik_serial_of_thousands_read_with_zeros_as_nines_is_the_small_serial() -> None:
    # The serial counts the people of one district, birth date and sex registered before: tens, never
    # thousands. A typewriter's 0 read as 9 makes `9032` (and `9932`) of `0032`.
    for read in ("3316161405899032", "3316161405899932", "3316161405890932"):
        lines = [
            ocr_line(100, "KUTIPAN AKTA KELAHIRAN"),
            ocr_line(160, "NIK", ": " + read),
            ocr_line(220, "Tanggal Lahir", ": 14-05-1989"),
            ocr_line(280, "Jenis Kelamin", ": LAKI-LAKI"),
        ]
        assert _values(lines)["nik"] == "3316161405890032", read
    lines[1] = ocr_line(160, "NIK", ": 3316161405891032")  # a 1 is no misread 0: kept as read
    assert _values(lines)["nik"] == "3316161405891032"


def test_a_mark_read_after_a_names_final_i_is_no_second_i() -> None:
    # `DEWI!`: a speck after the I read as `!`; an I read as `!` inside a word (`DED!`) is still an I,
    # but no Indonesian name ends in a doubled I.
    lines = [
        ocr_line(100, "seorang anak PEREMPUAN bernama ZAHRA SAPUTRA, anak pertama dari pasangan suami istri"),
        ocr_line(140, "DED! KURNIAWAN dan NUR DEWI! ANGGRAINI, yang lahir di BATANGHARI pada tanggal"),
        ocr_line(180, "26 November 2002."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert (got["father_name"], got["mother_name"]) == ("DEDI KURNIAWAN", "NUR DEWI ANGGRAINI")
