"""An old Kutipan akta typed in title case, its values too (issue 18, session 31).

`dari suami-isteri : Ahmad Kurniawan / dan Nur Dewi Anggraini / Kutipan ini dikeluarkan di Batanghari / pada
tanggal 3 Januari 2005 / Pegawai Luar Biasa Pencatatan Sipil, / BATANGHARI DISDUKCAPIL`: the mother's name was
read as `3 JANUARI 2005 PEGAWAI LUAR BIASA PENCATATAN SIPIL, ...` (confidence 0.97): every word in small
letters before the first word in capitals (the office's, far down the page) was dropped as an ornament, the
name itself with them.
"""

from __future__ import annotations

import pytest

from ektp.ocr.prose import parse_birth_sentence
from tests.unit.ocr.conftest import ocr_line

HEAD = [
    ocr_line(0, "KUTIPAN AKTA KELAHIRAN"),
    ocr_line(40, "Menurut Daftar Kelahiran, bahwa di Batanghari"),
    ocr_line(80, "pada tanggal 26 November 2002"),
    ocr_line(120, "telah lahir : Zahra Saputra"),
    ocr_line(160, "anak ke dua"),
    ocr_line(200, "dari suami-isteri : Ahmad Kurniawan"),
]
TAIL = [
    ocr_line(280, "Kutipan ini dikeluarkan di Batanghari"),
    ocr_line(320, "pada tanggal 3 Januari 2005"),
    ocr_line(360, "Pegawai Luar Biasa Pencatatan Sipil,"),
    ocr_line(400, "BATANGHARI DISDUKCAPIL"),
    ocr_line(440, "Drs. SUGENG RIYADI, M.Si"),
]


def test_a_mothers_name_in_title_case_ends_where_the_next_sentence_opens() -> None:
    parsed = parse_birth_sentence([*HEAD, ocr_line(240, "dan Nur Dewi Anggraini"), *TAIL])
    assert parsed["mother_name"].value == "NUR DEWI ANGGRAINI"
    assert parsed["father_name"].value == "AHMAD KURNIAWAN"


@pytest.mark.parametrize(
    ("line", "mother"),
    [
        ("dan Romauli br Sitompul", "ROMAULI BR SITOMPUL"),  # a particle in small letters stays
        ("dan Nur Dewi Anggraini yang lahir di Batanghari", "NUR DEWI ANGGRAINI"),  # a word in small letters
        ("dan Siti Aminah 12 tahun", "SITI AMINAH"),  # a number
    ],
)
def test_a_title_case_name_keeps_its_particles_and_ends_at_the_sentence(line: str, mother: str) -> None:
    parsed = parse_birth_sentence([*HEAD, ocr_line(240, line), *TAIL])
    assert parsed["mother_name"].value == mother


def test_a_title_case_name_wrapped_onto_the_next_line_is_read_whole() -> None:
    lines = [*HEAD, ocr_line(240, "dan Nur Dewi"), ocr_line(260, "Anggraini."), *TAIL]
    assert parse_birth_sentence(lines)["mother_name"].value == "NUR DEWI ANGGRAINI"


@pytest.mark.parametrize(
    "said",
    [
        "dan ibu kandung yang bernama SITI AMINAH.",
        "dan isterinya yang bernama SITI AMINAH.",
        "dan seorang perempuan bernama SITI AMINAH.",
    ],
)
def test_the_sentences_words_before_a_name_in_capitals_are_no_part_of_it(said: str) -> None:
    """The review of the first version: the sentence's words, three or more before the capitals, were taken
    into the name (`KANDUNG YANG BERNAMA SITI AMINAH`, a conflict with the declared mother's name)."""
    lines = [*HEAD[:-1], ocr_line(200, "anak dari ayah BUDI SANTOSO"), ocr_line(240, said), *TAIL]
    assert parse_birth_sentence(lines)["mother_name"].value == "SITI AMINAH"


@pytest.mark.parametrize(
    ("first", "second", "mother"),
    [
        ("dan Siti", "Aminah binti Yusuf", "SITI AMINAH BINTI YUSUF"),  # a particle after the wrapped word
        ("dan Nur Dewi", "Anggraini.", "NUR DEWI ANGGRAINI"),
    ],
)
def test_a_wrapped_title_case_name_keeps_its_particle(first: str, second: str, mother: str) -> None:
    lines = [*HEAD, ocr_line(240, first), ocr_line(260, second), *TAIL]
    assert parse_birth_sentence(lines)["mother_name"].value == mother


def test_an_ornament_before_a_name_in_capitals_is_still_dropped() -> None:
    lines = [*HEAD[:-1], ocr_line(200, "dari ayah Ta AHMAD KURNIAWAN dan ibu NUR DEWI ANGGRAINI."), *TAIL]
    parsed = parse_birth_sentence(lines)
    assert parsed["father_name"].value == "AHMAD KURNIAWAN"
    assert parsed["mother_name"].value == "NUR DEWI ANGGRAINI"


@pytest.mark.parametrize("said", ["pada tanggal26 November 2002", "padatanggal26 November 2002"])
def test_a_sentence_word_run_into_the_dates_figures_is_split_from_them(said: str) -> None:
    """The same page: `pada tanggal26 November 2002` (the typewriter's space lost) gave no birth date."""
    lines = [HEAD[0], HEAD[1], ocr_line(80, said), *HEAD[3:], ocr_line(240, "dan Nur Dewi Anggraini")]
    assert parse_birth_sentence(lines)["birth_date"].value == "2002-11-26"
