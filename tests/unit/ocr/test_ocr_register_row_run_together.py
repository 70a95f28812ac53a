"""An akta's register copy (issue 18, akta-register-salinan degraded): a wide row of headings over one row of
values that a degraded scan reads as two phrases, the narrow gaps between its cells lost. The row was taken
for no row of values (three phrases at least were asked), and the headings' neighbours were read as values
(`JENIS` as the child's name). Its words stand under eight headings: it is the row."""

from __future__ import annotations

from ektp.ocr.extract import parse_akta
from tests.unit.ocr.conftest import ocr_cells

HEADINGS = [
    ocr_cells(100, (0, "No."), (120, "No. Akta"), (400, "NIK"), (580, "Nama Lengkap"), (770, "Jenis"),
              (900, "Tempat"), (1070, "Nama Ayah"), (1260, "Nama Ibu")),
    ocr_cells(124, (0, "Urut"), (760, "Kelamin"), (905, "Lahir")),
]  # fmt: skip
# Each value under its heading, 12 to 28 px apart: read as two phrases, not eight.
VALUES = ocr_cells(
    180,
    (0, "9387"),
    (60, "1504-LT-07081998-9387"),
    (340, "1504040708980028"),
    (560, "MA'RUF SAPUTRA"),
    (750, "LAKI-LAKI"),
    (880, "BATANGHARI"),
    (1050, "YOGA SETIAWAN"),
    (1230, "FITRI SETIAWAN"),
)


def test_a_row_of_values_read_as_two_phrases_is_read_under_its_headings() -> None:
    assert len(VALUES.segments()) == 2  # the premise: the scan's gaps joined the cells
    fields = {k: f.value for k, f in parse_akta([*HEADINGS, VALUES]).as_dict().items()}
    assert fields["name"] == "MA'RUF SAPUTRA"
    assert fields["nik"] == "1504040708980028"
    assert fields["number"] == "1504-LT-07081998-9387"
    assert fields["sex"] == "LAKI-LAKI"
    assert fields["place_of_birth"] == "BATANGHARI"
    assert fields["father_name"] == "YOGA SETIAWAN"
    assert fields["mother_name"] == "FITRI SETIAWAN"


def test_guard_a_line_of_one_phrase_under_the_headings_is_no_row_of_values() -> None:
    """One phrase under one heading (a note, a wrapped heading word) is still not taken as the row."""
    note = ocr_cells(180, (560, "MA'RUF SAPUTRA"))
    fields = {k: f.value for k, f in parse_akta([*HEADINGS, note]).as_dict().items()}
    assert fields.get("father_name") is None
    assert fields.get("nik") is None


def test_guard_a_sentence_under_the_headings_is_no_row_of_values() -> None:
    """A note in two phrases whose words spread under the headings (the row of values lost to a fold) is a
    sentence, not the row: no name is taken from it."""
    note = ocr_cells(
        180,
        (0, "CATATAN"),
        (200, "ANAK INI DIAKUI OLEH AYAH KANDUNGNYA BUDI SANTOSO PADA TANGGAL 01-02-2020"),
    )
    fields = {k: f.value for k, f in parse_akta([*HEADINGS, note]).as_dict().items()}
    assert "BUDI" not in fields.get("name", "")
    assert "BUDI" not in fields.get("father_name", "")
