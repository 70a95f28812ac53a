"""Rules written for round 16's pages (tools/docgen/variety_round16.py, measured blind first): an SKPWNI
application's three tabs, stacked as three screenshots (skpwni-tab-aplikasi); a Kutipan's birth date in words
wrapped in a narrow column (akta-catatan-pinggir); a family app's long screenshot (kk-aplikasi-keluarga)."""

from __future__ import annotations

import io

from ektp.ocr import extract_document
from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import _is_sentence, parse_akta, parse_skpwni
from ektp.ocr.text import Line, page_lines
from tests.unit.ocr.conftest import ocr_cells, ocr_line
from tools.docgen.variety import render_variety


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


def _akta(rows: list[Line]) -> dict[str, str]:
    lines = page_lines(
        OcrPage(width=1200, height=40 * len(rows) + 40, words=[w for r in rows for w in r.words])
    )
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


def test_a_birth_date_in_words_cut_at_its_lines_end_goes_on_under_it() -> None:
    # A Kutipan's body beside its marginal notes, in a narrow column: the year's last words wrapped under the
    # value. The part above alone is another real date (1900), which was read.
    rows = [
        ocr_cells(10, (40, "Nama Anak"), (300, ": YULI SRI WIDODO")),
        ocr_cells(50, (40, "Tanggal Lahir"), (300, ": Sembilan Belas Maret Seribu Sembilan Ratus")),
        ocr_cells(90, (314, "Delapan Puluh Tujuh")),
        ocr_cells(130, (40, "Jenis Kelamin"), (300, ": PEREMPUAN")),
    ]
    assert _akta(rows)["birth_date"] == "1987-03-19"
    # A date ended by its full stop is whole: a line of number words under it is something else's.
    rows[1] = ocr_cells(50, (40, "Tanggal Lahir"), (300, ": Sembilan Belas Maret Seribu Sembilan Ratus."))
    assert _akta(rows)["birth_date"] == "1900-03-19"
    # ... as is a line of number words that starts elsewhere (not under the value).
    rows[1] = ocr_cells(50, (40, "Tanggal Lahir"), (300, ": Sembilan Belas Maret Seribu Sembilan Ratus"))
    rows[2] = ocr_cells(90, (40, "Delapan Puluh Tujuh"))
    assert _akta(rows)["birth_date"] == "1900-03-19"


def test_a_long_screenshot_measured_sideways_is_read_as_it_lay() -> None:
    # A family app's scrolled screen, five times as tall as wide: its rows shrink to a pixel at the orientation
    # measure's scale while its left-aligned columns stay sharp, so it measured as a page lying a quarter
    # turn off. Turned, it read as a handful of garbled lines in which a member's NIK stood first: taken for
    # the family's number (0.99). A turned reading that finds almost nothing now gives way to the page as
    # it lay.
    doc = render_variety("kk", "kk-aplikasi-keluarga", 1, 5151)[0]
    buf = io.BytesIO()
    doc.image.save(buf, format="PNG")
    result = extract_document(buf.getvalue(), declared_type="kk")
    fields = {k: f.value for k, f in result.fields.items()}
    assert "rotated:90" not in result.preprocess
    for key in ("number", "head_of_family", "address", "village", "district", "regency", "postal_code"):
        assert fields.get(key) == doc.fields[key], key
    assert [m["nik"].value for m in result.members] == [m["nik"] for m in doc.members]


# A school's enrolment form (round 17's akta-formulir-sekolah): the child's section, then each parent's.
ENROLMENT = [
    ocr_cells(10, (40, "A. IDENTITAS PESERTA DIDIK")),
    ocr_cells(50, (40, "1. Nama Lengkap"), (400, "ZAHRA SAPUTRA")),
    ocr_cells(90, (40, "2. Jenis Kelamin"), (400, "Laki-laki"), (640, "Perempuan")),
    ocr_cells(130, (40, "6. Tempat Lahir"), (400, "BATANGHARI")),
    ocr_cells(170, (40, "8. No Reg. Akta Kelahiran"), (400, "1504-LT-26112002-7338")),
    ocr_cells(210, (40, "B. DATA AYAH KANDUNG")),
    ocr_cells(250, (40, "14. Nama Ayah Kandung"), (400, "AHMAD KURNIAWAN")),
    ocr_cells(290, (40, "15. NIK"), (400, "1504041504761797")),
    ocr_cells(330, (40, "C. DATA IBU KANDUNG")),
    ocr_cells(370, (40, "19. Nama"), (400, "NUR DEWI ANGGRAINI")),
    ocr_cells(410, (40, "20. NIK"), (400, "1504045105771221")),
]


def test_a_parents_section_gives_the_parents_name_and_never_the_childs_nik() -> None:
    # Before: the child's NIK (in boxes, misread) was missing and the father's NIK under his heading was
    # taken for the child's (a wrong value a claim check matched a wrong declaration on).
    fields = _akta(ENROLMENT)
    assert "nik" not in fields
    assert fields["father_name"] == "AHMAD KURNIAWAN"
    assert fields["mother_name"] == "NUR DEWI ANGGRAINI"  # `Nama` under the mother's heading is hers
    assert fields["name"] == "ZAHRA SAPUTRA"
    assert fields["number"] == "1504-LT-26112002-7338"


def test_a_choice_printing_every_option_names_none() -> None:
    # `Jenis Kelamin  Laki-laki  Perempuan` (boxes whose ticks the text does not hold): before, the first
    # option was read (LAKI-LAKI for a girl).
    assert "sex" not in _akta(ENROLMENT)
    one = [*ENROLMENT[:2], ocr_cells(90, (40, "2. Jenis Kelamin"), (400, "Perempuan")), *ENROLMENT[3:]]
    assert _akta(one)["sex"] == "PEREMPUAN"
