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
