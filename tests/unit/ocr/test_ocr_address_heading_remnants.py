"""An SKPWNI's sideways address table on a degraded scan (issue 18, skpwni-tabel-mendatar degraded at the
bench's seed, read 8 of 24): the small headings `Kecamatan` and `Kab/Kota` read as `K` and `K`, and a speck
between them as an unsure `4`. The speck made the headings a row of values (a digit), so neither side's
address was read; the two remnants, between `Kel/Desa` and `Provinsi`, are the two fields an address prints
there, in its order."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_skpwni
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells

COLUMNS = (60, 260, 560, 640, 720, 930, 1140, 1480, 1720)  # the left edges of the table's cells
HEADINGS = (60, 300, 570, 650, 740, 990, 1260, 1540, 1740)  # each heading centred in its cell
SPECK_X = 1420


def _row(y: int, *texts: str, height: int = 15, at: tuple[int, ...] = COLUMNS) -> Line:
    return ocr_cells(y, *((x, text) for x, text in zip(at, texts, strict=False) if text), height=height)


def _headings(district: str, regency: str, speck_confidence: float) -> Line:
    line = _row(
        431, "Uraian", "Jalan/Dusun", "RT", "RW", "Kel/Desa", district, regency, "Provinsi", "Kode Pos"
    )
    speck = OcrWord(text="4", confidence=speck_confidence, left=SPECK_X, top=436, width=5, height=7, line=431)
    return Line(sorted([*line.words, speck], key=lambda w: w.left))


# fmt: off
def _table(district: str = "K", regency: str = "K", speck_confidence: float = 0.44) -> list[Line]:
    return [
        ocr_cells(300, (60, "SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA"), height=15),
        ocr_cells(390, (60, "I. ALAMAT ASAL DAN TUJUAN"), height=15),
        _headings(district, regency, speck_confidence),
        _row(464, "1", "2", "3", "4", "5", "6", "7", "8", "9", height=13),
        _row(508, "Daerah Asal", "JL. GAJAH MADA NO. 119", "010", "001", "HAJRAN", "BATIN XXIV",
             "KABUPATEN BATANGHARI", "JAMBI", "36656"),
        _row(570, "Daerah Tujuan", "JL. HASANUDDIN NO. 129", "015", "007", "HILIKANA", "HIBALA",
             "KABUPATEN NIAS SELATAN", "SUMATERA UTARA", "22881"),
        ocr_cells(634, (60, "II. KETERANGAN KEPINDAHAN"), height=16),
    ]
# fmt: on


def _read(lines: list[Line]) -> dict[str, str]:
    return {k: str(f.value) for k, f in parse_skpwni(lines).as_dict().items()}


def test_remnant_headings_between_village_and_province_name_district_and_regency() -> None:
    got = _read(_table())
    assert (got["origin_village"], got["destination_village"]) == ("HAJRAN", "HILIKANA")
    assert (got["origin_district"], got["destination_district"]) == ("BATIN XXIV", "HIBALA")
    assert (got["origin_regency"], got["destination_regency"]) == (
        "KABUPATEN BATANGHARI",
        "KABUPATEN NIAS SELATAN",
    )
    assert (got["origin_province"], got["destination_postal_code"]) == ("JAMBI", "22881")


def test_guard_remnants_that_begin_no_label_of_the_missing_fields_name_nothing() -> None:
    got = _read(_table(district="X", regency="Q"))
    assert "origin_district" not in got and "origin_regency" not in got
    assert got["origin_province"] == "JAMBI"  # the named columns still read


def test_guard_one_remnant_where_two_fields_are_missing_is_not_guessed() -> None:
    """`K` alone between `Kel/Desa` and `Provinsi`: district or regency, the order cannot say."""
    got = _read(_table(district="K", regency=""))
    assert "origin_district" not in got and "origin_regency" not in got


def test_guard_a_digit_read_surely_among_the_headings_is_no_speck() -> None:
    """A `4` read surely is print: the line is no row of headings (as a line of values is not)."""
    got = _read(_table(speck_confidence=0.9))
    assert "origin_village" not in got and "destination_address" not in got


def test_a_rule_read_unsurely_between_two_questions_still_parts_their_answers() -> None:
    """A form of two columns of questions, the rule between them read `£` at no confidence: it is no speck
    to pass over (no digit), so the two headings keep their columns and the KK number its value."""
    rule = OcrWord(text="£", confidence=0.0, left=756, top=500, width=3, height=23, line=504)
    questions = ocr_cells(504, (165, "3. Nomor Kartu Keluarga"), (785, "15. Jenis kepindahan"), height=15)
    lines = [
        ocr_cells(300, (60, "SURAT KETERANGAN PINDAH WNI"), height=15),
        Line(sorted([*questions.words, rule], key=lambda w: w.left)),
        ocr_cells(
            536, (165, "1504040411240019"), (785, "2. Kep. Keluarga dan Seluruh Angg. Keluarga"), height=15
        ),
    ]
    assert _read(lines)["kk_number"] == "1504040411240019"


def test_a_short_heading_read_unsurely_with_a_digit_is_no_speck() -> None:
    """From an attacker review: `RT` read `R1` at 0.45, the RW cells printed `-`. Passed over as a speck, its
    column would be lost and the RT number read as the RW; a speck is one character."""
    lines = _table(speck_confidence=0.9)
    heads = ("Uraian", "Jalan/Dusun", "R1", "RW", "Kel/Desa", "Kecamatan", "Kab/Kota", "Provinsi", "Kode Pos")
    unsure = Line(
        [w.model_copy(update={"confidence": 0.45}) if w.text == "R1" else w for w in _row(431, *heads).words]
    )
    rows = [
        Line([w.model_copy(update={"text": "-"}) if w.text in ("001", "007") else w for w in ln.words])
        for ln in lines[4:6]
    ]
    got = _read([*lines[:2], unsure, lines[3], *rows, *lines[6:]])
    assert got.get("origin_rw") != "010" and got.get("destination_rw") != "015"
