"""A sideways address table on a degraded scan (issue 18, skpwni-tabel-mendatar degraded, read 8 of 24): the
scan is smaller, so its text 15 px tall, its column numbers 13 px, and its padded rows 62 px apart. The row
under the column numbers was measured in the numbers' small height and found too far; the destination's
row too far from the origin's. Neither was read."""

from __future__ import annotations

from ektp.ocr.extract import parse_skpwni
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells

COLUMNS = (60, 260, 560, 640, 720, 930, 1140, 1400, 1640)  # the left edges of the table's cells


def _row(y: int, *texts: str, height: int = 15) -> Line:
    return ocr_cells(y, *((x, text) for x, text in zip(COLUMNS, texts, strict=False) if text), height=height)


# fmt: off
def _table(numbers_to_row: int, row_to_row: int) -> list[Line]:
    first = 464 + numbers_to_row
    return [
        ocr_cells(300, (60, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"), height=15),
        ocr_cells(390, (60, "I. ALAMAT ASAL DAN TUJUAN"), height=15),
        _row(431, "Uraian", "Jalan/Dusun", "RT", "RW", "Kel/Desa", "Kecamatan", "Kab/Kota", "Provinsi", "Kode Pos"),
        _row(464, "1", "2", "3", "4", "5", "6", "7", "8", "9", height=13),
        _row(first, "Daerah Asal", "JL. GAJAH MADA NO. 119", "010", "001", "HAJRAN", "BATIN XXIV", "BATANGHARI",
             "JAMBI", "36656"),
        _row(first + row_to_row, "Daerah Tujuan", "JL. HASANUDDIN NO. 129", "015", "007", "HILIKANA", "HIBALA",
             "NIAS SELATAN", "SUMATERA UTARA", "22881"),
        ocr_cells(first + row_to_row + 64, (60, "II. KETERANGAN KEPINDAHAN"), height=16),
    ]
# fmt: on


def test_rows_under_small_column_numbers_and_padded_apart_are_both_read() -> None:
    got = {k: f.value for k, f in parse_skpwni(_table(44, 62)).as_dict().items()}
    assert (got["origin_address"], got["destination_address"]) == (
        "JL. GAJAH MADA NO. 119",
        "JL. HASANUDDIN NO. 129",
    )
    assert (got["origin_rt"], got["destination_rt"]) == ("010", "015")
    assert (got["origin_village"], got["destination_village"]) == ("HAJRAN", "HILIKANA")
    assert (got["origin_postal_code"], got["destination_postal_code"]) == ("36656", "22881")


def test_values_far_below_the_headings_are_no_row_of_theirs_nor_are_the_column_numbers() -> None:
    """Values 10 text heights under the column numbers are no row of that table. Before, the headings read
    as a row of labels then took the column numbers under them for their values (`RT` 003)."""
    got = {k: f.value for k, f in parse_skpwni(_table(150, 62)).as_dict().items()}
    assert "origin_rt" not in got and "destination_rt" not in got
    assert "destination_address" not in got
