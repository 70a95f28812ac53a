"""Rules written for round 16's pages (tools/docgen/variety_round16.py, measured blind first): an SKPWNI
application's three tabs, stacked as three screenshots (skpwni-tab-aplikasi)."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import _is_sentence, parse_skpwni
from ektp.ocr.text import Line, page_lines
from tests.unit.ocr.conftest import ocr_cells, ocr_line


def _skpwni(rows: list[Line]) -> dict[str, str]:
    lines = page_lines(
        OcrPage(width=1200, height=40 * len(rows) + 40, words=[w for r in rows for w in r.words])
    )
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


TAB = [
    ocr_cells(10, (40, "NIK 1504046611020017"), (420, "Nama Lengkap ZAHRA SAPUTRA")),
    ocr_cells(50, (40, "DATA KEPINDAHAN")),
    ocr_cells(90, (40, "Alasan Pindah"), (300, "7. LAINNYA")),
    ocr_cells(130, (40, "Klasifikasi Pindah"), (300, "Antar Provinsi")),
    ocr_cells(170, (40, "Jenis Kepindahan"), (300, "3. Kep. Keluarga dan Sbgn. Angg. Keluarga")),
    ocr_cells(210, (40, "Nomor SKPWNI"), (300, "SKPWNI/150404/04112024/8711")),
]


def test_a_form_row_in_title_case_is_no_sentence() -> None:
    # `Jenis Kepindahan 3. Kep. Keluarga dan Sbgn. Angg. Keluarga` read as one phrase: its words in title case
    # made it a letter's sentence, whose clause reader cut the move's type to `3. Kep.`; never read.
    row = ocr_line(10, "Jenis Kepindahan 3. Kep. Keluarga dan Sbgn. Angg. Keluarga")
    assert not _is_sentence(row)
    assert _is_sentence(ocr_line(10, "yang bertanda tangan di bawah ini Kepala Desa Hajran menerangkan"))
    assert _skpwni(TAB)["move_type"] == "KEPALA KELUARGA DAN SEBAGIAN ANGGOTA KELUARGA"


def test_the_certificates_number_named_by_its_label_is_read_under_the_sections() -> None:
    # The tab of the move prints `Nomor SKPWNI` under the tabs' headings; a number was taken above the first
    # section only (so that a table's `No` heading or another letter's number below is none).
    # Nine lines of the origin's tab above it: the first lines' number fallback cannot reach it.
    above = [ocr_cells(10 + 40 * i, (40, "Telepon"), (300, f"08537557326{i}")) for i in range(9)]
    for label in ("Nomor SKPWNI", "No. SKPWNI"):
        tab = [ocr_cells(400 + r.words[0].top, *((w.left, w.text) for w in r.words)) for r in TAB]
        tab[-1] = ocr_cells(400 + 210, (40, label), (300, "SKPWNI/150404/04112024/8711"))
        assert _skpwni(above + tab).get("number") == "SKPWNI/150404/04112024/8711", label


def _tabs(y: int) -> Line:
    # The tabs read as two phrases, the first two tabs run together (a degraded screenshot's reading).
    return ocr_cells(y, (40, "Data Asal Data Kepindahan"), (500, "Data Tujuan"))


def test_an_applications_tabs_are_no_two_columns_of_origin_and_destination() -> None:
    # Before: the tab bar was taken for the headings of origin and destination side by side, the origin's
    # `RT 010 RW 001` under it split at the `Data Tujuan` tab: the origin's RT/RW read as the destination's
    # and the destination's as the origin's (three false mismatches).
    rows = [
        ocr_cells(10, (40, "NIK 1504046611020017")),
        _tabs(50),
        ocr_cells(90, (40, "Alamat"), (300, "JL. GAJAH MADA NO. 119")),
        ocr_cells(130, (40, "RT"), (300, "010"), (400, "RW"), (520, "001")),
        ocr_cells(170, (40, "Kode Pos"), (300, "36656")),
        _tabs(250),
        ocr_cells(290, (40, "Alamat"), (300, "JL. HASANUDDIN NO. 129")),
        ocr_cells(330, (40, "RT"), (300, "015"), (400, "RW"), (520, "007")),
        ocr_cells(370, (40, "Kode Pos"), (300, "22881")),
    ]
    read = _skpwni(rows)
    assert (read["origin_rt"], read["origin_rw"]) == ("010", "001")
    assert (read["destination_rt"], read["destination_rw"]) == ("015", "007")
