"""The akta kelahiran filled in by hand and photographed at night (issue 18, session 11).

- A bilingual Kutipan prints each label in title case with its English gloss after a slash, the value on the
  line under it in title case too (`Nama Ayah / Father's Name`, then `Ahmad Kurniawan`). The label line has
  no value and half its words English, and was dropped whole as a misread gloss line: the number, the birth
  date and the parents' names went with their labels (and the issue date, in prose lower down, was taken for
  the birth date). The Indonesian before the slash makes it a label line; only the gloss goes.
- A Kutipan filled in by hand sets its sentence on writing lines spaced for handwriting, about as far apart
  as body text may be: the anchor's rows, a little uneven (a tall hand, a slant), fell either side of the
  body-text gap and the sentence was cut to the anchor's neighbours (place, parents lost). Rows at the
  anchor's pitch are the sentence.
"""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_akta
from ektp.ocr.gloss import drop_glosses
from ektp.ocr.prose import parse_birth_sentence
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line

BILINGUAL_ROWS = [
    ("Nomor Induk Kependudukan / Personal Identification Number", "1504046611020017"),
    ("Nomor Akta / Certificate Number", "1504-LT-26112002-4485"),
    ("Nama Lengkap / Full Name", "Zahra Saputra"),
    ("Tempat Lahir / Place of Birth", "Batanghari"),
    ("Tanggal Lahir / Date of Birth", "26 November 2002"),
    ("Jenis Kelamin / Sex", "Perempuan"),
    ("Nama Ayah / Father's Name", "Ahmad Kurniawan"),
    ("Nama Ibu / Mother's Name", "Nur Dewi Anggraini"),
]


def _bilingual_page() -> list[Line]:
    lines = [ocr_line(0, "KUTIPAN AKTA KELAHIRAN"), ocr_line(40, "Extract of Birth Certificate")]
    y = 120
    for label, value in BILINGUAL_ROWS:
        lines += [ocr_line(y, label), ocr_line(y + 40, value, x=40)]
        y += 120
    lines += [ocr_line(y + 100, "Diterbitkan di Batanghari", x=600)]
    lines += [ocr_line(y + 140, "pada tanggal 4 November 2024", x=600)]
    return lines


def test_a_title_case_label_with_its_gloss_after_a_slash_stays() -> None:
    kept = [" ".join(w.text for w in ln.words) for ln in drop_glosses(_bilingual_page())]
    assert "Nomor Akta" in kept and "Nama Ayah" in kept and "Tanggal Lahir" in kept
    assert not any("Father" in k or "Certificate" in k for k in kept)


def test_a_bilingual_akta_in_title_case_reads_its_labelled_rows() -> None:
    fields = parse_akta(drop_glosses(_bilingual_page())).as_dict()
    values = {k: f.value for k, f in fields.items()}
    assert values["number"] == "1504-LT-26112002-4485"
    assert values["birth_date"] == "2002-11-26"  # not the issue date of the prose below
    assert values["father_name"] == "AHMAD KURNIAWAN"
    assert values["mother_name"] == "NUR DEWI ANGGRAINI"


def test_gloss_lines_under_a_phrase_still_go() -> None:
    """Guard: a gloss line read badly (`Jsom tather`) and a gloss with its own slash go as before."""
    lines = [
        ocr_line(0, "dari ayah BUDI"),
        ocr_line(30, "Jsom tather"),
        ocr_line(60, "Place / date of birth"),
    ]
    assert [" ".join(w.text for w in ln.words) for ln in drop_glosses(lines)] == ["dari ayah BUDI"]


# A hand-filled Kutipan's sentence on writing lines 3.1 to 3.3 text heights apart (text 20 px high).
HAND_ROWS = [
    (0, "Dikutip dari Register Akta Kelahiran, bahwa di"),
    (66, "NIAS SELATAN"),
    (131, "pada tanggal 21 APRIL 2002"),
    (194, "telah lahir seorang anak PEREMPUAN"),
    (256, "yang diberi nama"),
    (322, "ROMAULI BR SITOMPUL"),
    (388, "anak dari ayah JUNTAK ROBERT SITOMPUL"),
    (454, "dan ibu MARIA BR SINAGA"),
    (640, "Dikeluarkan di NIAS SELATAN"),
    (700, "pada tanggal 24 SEPTEMBER 2020"),
]


def test_a_sentence_on_writing_lines_a_little_uneven_is_read_whole() -> None:
    fields = parse_birth_sentence([ocr_line(y, text) for y, text in HAND_ROWS])
    values = {k: f.value for k, f in fields.items()}
    assert values == {
        "place_of_birth": "NIAS SELATAN",
        "birth_date": "2002-04-21",
        "sex": "PEREMPUAN",
        "name": "ROMAULI BR SITOMPUL",
        "father_name": "JUNTAK ROBERT SITOMPUL",
        "mother_name": "MARIA BR SINAGA",
    }


def test_body_text_and_a_far_signature_block_keep_their_paragraphs() -> None:
    """Guard: a sentence in body text (1.5 heights apart) is read as before, and the issuing block far
    below (its own date) is no part of it."""
    rows = [
        (0, "Bahwa di MALANG pada tanggal 28 MARET 1998 telah lahir"),
        (30, "ARIF SAPUTRA, anak kesatu, LAKI-LAKI, dari ayah BUDI SANTOSO dan ibu SITI AMINAH."),
        (200, "Dikeluarkan di MALANG pada tanggal 4 NOVEMBER 2024"),
    ]
    values = {k: f.value for k, f in parse_birth_sentence([ocr_line(y, t) for y, t in rows]).items()}
    assert values["birth_date"] == "1998-03-28" and values["mother_name"] == "SITI AMINAH"


# A Kutipan whose rows set the colon in a column of its own, the colon misread (`»`, `2`, `1:`), the birth
# rows worded `Tempat Kelahiran` / `Tanggal Kelahiran`.
COLON_COLUMN = [
    ocr_line(0, "KUTIPAN AKTA KELAHIRAN"),
    ocr_line(40, "Nomor: 1504-LT-26112002-1286"),
    ocr_line(80, "Nomor Induk Kependudukan", "1", "1504046611020017"),
    ocr_line(120, "Nama Anak", "»", "ZAHRA SAPUTRA"),
    ocr_line(160, "Jenis Kelamin", "2.", "PEREMPUAN"),
    ocr_line(200, "Tempat Kelahiran", "2»", "BATANGHARI"),
    ocr_line(240, "Tanggal Kelahiran", "2 26 NOVEMBER 2002"),
    ocr_line(280, "Nama Ayah Kandung", "2", "AHMAD KURNIAWAN"),
    ocr_line(320, "Nama Ibu Kandung", "1:", "NUR DEWI ANGGRAINI"),
]


def test_a_colon_column_misread_is_no_value_and_the_birth_rows_worded_kelahiran_read() -> None:
    values = {k: f.value for k, f in parse_akta(COLON_COLUMN).as_dict().items()}
    assert values == {
        "number": "1504-LT-26112002-1286",
        "nik": "1504046611020017",
        "name": "ZAHRA SAPUTRA",
        "place_of_birth": "BATANGHARI",
        "birth_date": "2002-11-26",
        "sex": "PEREMPUAN",
        "father_name": "AHMAD KURNIAWAN",
        "mother_name": "NUR DEWI ANGGRAINI",
    }


def test_a_colon_glued_to_a_dates_day_is_no_digit_of_it() -> None:
    """`Tanggal Kelahiran 226 NOVEMBER 2002`: the colon read as `2` against the day; no day has three digits."""
    lines = [
        ocr_line(0, "Nama Anak", "»", "ZAHRA SAPUTRA"),
        ocr_line(40, "Tanggal Kelahiran", "226 NOVEMBER 2002"),
    ]
    assert parse_akta(lines).as_dict()["birth_date"].value == "2002-11-26"


def test_a_value_beside_its_colon_and_a_day_of_two_digits_stay_as_read() -> None:
    """Guard: a colon read as a colon, and a date whose first word is its day (`12 NOVEMBER 2002`)."""
    lines = [ocr_line(0, "Nama Anak : ZAHRA SAPUTRA"), ocr_line(40, "Tanggal Kelahiran : 12 NOVEMBER 2002")]
    values = {k: f.value for k, f in parse_akta(lines).as_dict().items()}
    assert values["name"] == "ZAHRA SAPUTRA" and values["birth_date"] == "2002-11-12"


def test_words_read_after_nomor_are_no_number_the_next_line_is() -> None:
    """A 2016+ Kutipan's sentence `Berdasarkan Akta Kelahiran Nomor` with the number on the line under it:
    the words of the sentence are no certificate number (a number holds digits)."""
    lines = [
        ocr_line(0, "NIK:1504046611020017"),
        ocr_line(110, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(160, "Berdasarkan Akta Kelahiran Nomor"),
        ocr_line(190, "1504-LT-26112002-6007"),
        ocr_line(220, "bahwa di"),
    ]
    assert parse_akta(lines).as_dict()["number"].value == "1504-LT-26112002-6007"


def _line(y: int, *words: tuple[str, int]) -> Line:
    """A line of words of given heights (a border's specks a few pixels high, the type 20 px)."""
    out, x = [], 0
    for text, height in words:
        out.append(
            OcrWord(text=text, confidence=0.9, left=x, top=y, width=12 * len(text), height=height, line=y)
        )
        x += 12 * len(text) + 8
    return Line(out)


def test_a_sentence_in_a_guilloche_border_is_read_past_its_specks() -> None:
    """A Kutipan's sentence, a phrase a row (rows 2.6-3.1 text heights apart), in a guilloche border read as
    specks and short words before the values (`|`, `Ta`, `$`): the specks are no measure of the type, and
    small letters before a name in capitals are no part of it."""
    specks = [_line(y, ("-", 3), ("—", 3), ("'", 4), ("-", 3), ("—", 3)) for y in (-200, -170, -150)]
    rows = [
        (0, [("bahwa", 19), ("di", 19)]),
        (54, [("BATANGHARI", 29)]),
        (113, [("|", 20), ("pada", 24), ("tanggal", 24)]),
        (164, [("ai", 17), ("26", 28), ("NOVEMBER", 29), ("2002", 28)]),
        (225, [("'", 10), ("telah", 19), ("lahir", 19)]),
        (277, [("|", 43), ("ZAHRA", 28), ("SAPUTRA", 30)]),
        (338, [("anak", 19), ("ke-lima,", 22), ("PEREMPUAN,", 21), ("dari", 19), ("ayah", 24)]),
        (390, [("Ta", 49), ("AHMAD", 29), ("KURNIAWAN", 29)]),
        (450, [("'", 11), ("|", 35), ("dan", 19), ("ibu", 19)]),
        (500, [("$", 11), ("NUR", 28), ("DEWI", 28), ("ANGGRAINI", 30)]),
    ]
    lines = [*specks, *(_line(y, *words) for y, words in rows)]
    values = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert values == {
        "place_of_birth": "BATANGHARI",
        "birth_date": "2002-11-26",
        "name": "ZAHRA SAPUTRA",
        "sex": "PEREMPUAN",
        "father_name": "AHMAD KURNIAWAN",
        "mother_name": "NUR DEWI ANGGRAINI",
    }


def test_full_name_is_a_gloss_a_misread_letter_of_it_too() -> None:
    """`Nama Lengkap / Full Nome` (Name misread): `Full` is the forms' English, so the gloss after the slash
    goes and the value on the next line is the name."""
    lines = [ocr_line(0, "Nama Lengkap / Full Nome"), ocr_line(40, "Zahra Saputra", x=40)]
    assert [" ".join(w.text for w in ln.words) for ln in drop_glosses(lines)] == [
        "Nama Lengkap",
        "Zahra Saputra",
    ]
    assert parse_akta(drop_glosses(lines)).as_dict()["name"].value == "ZAHRA SAPUTRA"
