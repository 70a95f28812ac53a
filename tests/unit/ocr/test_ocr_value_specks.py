"""A speck beside a value read as a glyph of its own: before a name (`? ZAHRA SAPUTRA`, a scan's dust), after it
(`SAPUTRA/`, a fold's crease), or where the colon before an address stood (`1» JL. ...`). No name begins or ends
with such a mark, and no address begins with a lone mark before its street word."""

from __future__ import annotations

import pytest

from ektp.ocr.normalise import normalise


def _value(key: str, text: str) -> str | None:
    f = normalise(key, text, [])
    return f.value if f is not None else None


@pytest.mark.parametrize(
    ("reading", "name"),
    [
        ("? ZAHRA SAPUTRA", "ZAHRA SAPUTRA"),  # before: `? ZAHRA SAPUTRA`
        ("» ARIF SAPUTRA", "ARIF SAPUTRA"),
        ("ARIF SAPUTRA/", "ARIF SAPUTRA"),  # before: `ARIF SAPUTRA/`
        ("ARIF SAPUTRA ?", "ARIF SAPUTRA"),
        ("3 ZAHRA SAPUTRA", "ZAHRA SAPUTRA"),  # ktp-kyc-web: `Nama | :` read `| 3`
    ],
)
def test_a_speck_before_or_after_a_name_is_no_part_of_it(reading: str, name: str) -> None:
    assert _value("name", reading) == name
    assert _value("mother_name", reading) == name


@pytest.mark.parametrize(
    "reading", ["BAYU SANTOSO, S.E.", "(ALM) BUDI SANTOSO", "D'ARCY LESTARI", "SITI AMINAH, S.PD.", "-"]
)
def test_a_names_own_marks_are_kept(reading: str) -> None:
    # Guard: a title's stops, a bracketed word, an apostrophe, a KK's dash for a parent not recorded.
    assert _value("name", reading) == reading


@pytest.mark.parametrize(
    "reading", ["KEPAIA KELUARGA", "KEPATA KELUARGA", "KEPALA KELUARGA", "FAMILI LAIN", "3 KEPAIA KELUARGA"]
)
def test_a_family_relationship_read_into_a_name_is_no_name(reading: str) -> None:
    # Before: skpwni-faks-sampul and skpwni-lampu-meja degraded read the applicant's name as `KEPAIA KELUARGA`.
    assert _value("name", reading) is None


@pytest.mark.parametrize(
    "reading", ["CUCU SUMIATI", "ANAK AGUNG GDE", "KEPALA DESA SUTRISNO", "JAMILI LAINA"]
)
def test_names_with_a_relationships_word_are_kept(reading: str) -> None:
    assert _value("name", reading) == reading


def test_a_colon_read_as_a_digit_and_a_mark_before_the_street_word_is_no_part_of_the_address() -> None:
    # Before: `1» JL. GAJAH MADA NO. 119` (a PDF's colon rendered as a glyph pair) kept its `1»`.
    assert _value("address", "1» JL. GAJAH MADA NO. 119") == "JL. GAJAH MADA NO. 119"
    assert _value("address", "? JL. GAJAH MADA NO. 119") == "JL. GAJAH MADA NO. 119"
    assert _value("address", "12 JL. GAJAH MADA") == "12 JL. GAJAH MADA"  # a number is no colon: kept


def test_an_address_whose_j_was_read_as_another_stroke_without_its_stop() -> None:
    # Before: `UL GAJAH MADA NO. 119` (the J's hook lost, the stop lost with it) was kept as read.
    assert _value("address", "UL GAJAH MADA NO. 119") == "JL. GAJAH MADA NO. 119"
    assert _value("address", "66 MAWAR NO. 3") == "66 MAWAR NO. 3"  # GG's misreads need their stop: a number


# --- a label read with a letter wrong -----------------------------------------------------------------------


def test_a_label_read_with_a_letter_wrong_is_the_label_whole() -> None:
    # Before: `Klasifikasi` alone is a wording of the label, so the misread `Kopindahan` was taken for the value
    # and the move's classification lost.
    from ektp.ocr.extract import SKPWNI_LABELS
    from ektp.ocr.forms import read_labelled
    from tests.unit.ocr.conftest import ocr_line

    for label in (
        "20 Klasifikasi Kopindahan",
        "20 | Klasifikasi Kopindahan",
    ):  # a table's bar after the number
        row = ocr_line(180, label, "ANTAR PROVINSI")
        assert [(h.key, h.text) for h in read_labelled([row], SKPWNI_LABELS)] == [
            ("move_classification", "ANTAR PROVINSI")
        ]
    # Guard: a label and its value on one phrase: the value's word is no part of the label.
    row = ocr_line(180, "Nama ZAHRA SAPUTRA")
    assert [(h.key, h.text) for h in read_labelled([row], SKPWNI_LABELS)] == [("name", "ZAHRA SAPUTRA")]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Nama Kepala Keluarga ARIF SAPUTRA", "head_of_family", "ARIF SAPUTRA"),
        ("Alamat JL. GAJAH MADA NO. 119", "address", "JL. GAJAH MADA NO. 119"),
        # The review of the rule: a value's word in lower case is not the rest of a label's wording either.
        ("Nama Kepala Keluarga Arif Saputra", "head_of_family", "Arif Saputra"),
        ("Nama Lengkap Ani", "name", "Ani"),
        ("Alamat Tujuan Jl. Ahmad Yani No. 5", "destination_address", "Jl. Ahmad Yani No. 5"),
        ("Jenis Kepindahan Kep. Keluarga", "move_type", "Kep. Keluarga"),
    ],
)
def test_a_values_first_word_is_no_part_of_a_long_label(text: str, key: str, value: str) -> None:
    # Guard: `NAMAKEPALAKELUARGAARIF` reads as the label at a fuzzy score too; a value's words, in capitals or
    # not, are not taken into the label (the label `Nama Kepala Keluarga` and the value `SAPUTRA` were read so).
    from ektp.ocr.extract import KK_LABELS, SKPWNI_LABELS
    from ektp.ocr.forms import read_labelled
    from tests.unit.ocr.conftest import ocr_line

    labels = KK_LABELS if key == "head_of_family" else SKPWNI_LABELS
    hits = read_labelled([ocr_line(180, text)], labels)
    assert [(h.key, h.text) for h in hits] == [(key, value)]


def test_a_name_whose_every_space_was_read_as_a_hyphen() -> None:
    # Before: `NUR-DEWI-ANGGRAINI` (a photographed KK cell's dotted guide line through the word gaps) was kept.
    assert _value("mother_name", "NUR-DEWI-ANGGRAINI") == "NUR DEWI ANGGRAINI"
    assert _value("name", "SITI NUR-AINI") == "SITI NUR-AINI"  # guard: one hyphen is the name's own
    assert _value("name", "NUR-AINI") == "NUR-AINI"


@pytest.mark.parametrize(
    ("reading", "name"),
    [
        ("AHMAD.KURNIAWAN", "AHMAD KURNIAWAN"),  # before: kept (akta-tulisan-halus degraded, session 31)
        ("SITI AMINAH.PUTRI", "SITI AMINAH PUTRI"),
        ("NUR DEWI.ANGGRAINI", "NUR DEWI.ANGGRAINI"),  # four letters: as an abbreviation (MOCH.) would be
        ("MOH.ALI SYAHBANA", "MOH.ALI SYAHBANA"),  # guards: an abbreviation's stop stays
        ("ABD.RAHMAN", "ABD.RAHMAN"),
        ("BAYU SANTOSO, S.KOM.", "BAYU SANTOSO, S.KOM."),  # a degree's stops
        ("MOCH.ZAINUL ARIFIN", "MOCH.ZAINUL ARIFIN"),
    ],
)
def test_a_space_between_a_names_words_read_as_a_stop(reading: str, name: str) -> None:
    assert _value("name", reading) == name


@pytest.mark.parametrize(
    ("reading", "name"),
    [
        ("BAYI SANTOSO. S E", "BAYI SANTOSO, S.E."),  # before: `BAYI SANTOSO. S E` (ktp-salinan-berulang)
        ("BAYU SANTOSO, S E", "BAYU SANTOSO, S.E."),
        ("SITI AMINAH, S PD", "SITI AMINAH, S.PD."),
        ("RUDI HARTONO S KOM", "RUDI HARTONO, S.KOM."),
        ("DEWI LESTARI, A MD.", "DEWI LESTARI, A.MD."),
    ],
)
def test_a_degree_read_without_its_stops_gets_them_back(reading: str, name: str) -> None:
    assert _value("name", reading) == name


@pytest.mark.parametrize("reading", ["BUDI AN", "SRI WAHYU NI", "I WAYAN SE", "ANDI SE TO", "MUHAMMAD S"])
def test_a_names_own_short_words_are_no_degree(reading: str) -> None:
    # Guard: short last words that spell no degree, or a single piece (`SE` alone may be a name's word).
    assert _value("name", reading) == reading


def test_a_fax_headers_page_mark_or_phone_is_no_region() -> None:
    # skpwni-faks-sampul (round 15): the fax's header `FROM:KECAMATAN TEL:0334322856 P.01/02` read as the
    # district's label and value, kept before the form's own `Kecamatan : UJUNGPANGKAH`.
    assert _value("district", "TEL:0334322856 P.01/02") is None
    assert _value("district", "P.01/02") is None
    for village in ("TU", "OP", "O'O", "BATIN XXIV", "SUKAMAJU 2"):  # guard: the region list's short names
        assert _value("village", village) == village


def test_a_year_no_living_residents_document_holds_is_no_date() -> None:
    # The fax's `2013` read `2913`: before, the move's date was 2913-06-25; its zero put back, 2013.
    assert _value("move_date", "25-06-2913") == "2013-06-25"
    assert _value("move_date", "25-06-2977") is None  # no one date a zero put back makes (2077 is ahead too)
    assert _value("birth_date", "12-12-1812") is None
    assert _value("move_date", "25-06-2013") == "2013-06-25"  # guard
    assert _value("birth_date", "01-01-1931") == "1931-01-01"


def test_a_postal_code_beside_a_regions_name_is_no_part_of_it() -> None:
    # The reviewer's case (session 24): the long-number rule dropped `MUARA BULIAN 36613` whole.
    assert _value("village", "MUARA BULIAN 36613") == "MUARA BULIAN"
    assert _value("village", "GRESIK KODE POS: 61154") == "GRESIK"
    assert _value("village", "36613") is None


def test_a_birth_or_issue_in_a_later_year_is_no_date_but_a_planned_move_may_be() -> None:
    assert _value("birth_date", "31-12-2031") is None  # the reviewer's case: five years' grace was the move's
    assert _value("issue_date", "03-05-2033") is None
    assert _value("move_date", "25-06-2027") == "2027-06-25"


def test_a_regions_name_read_twice_from_two_copies_side_by_side_is_read_once() -> None:
    # ktp-salinan-berulang (round 14): `KABUPATEN BATANGHARI KABUPATEN BATANGHARI`, a claim's false mismatch.
    assert _value("regency", "KABUPATEN BATANGHARI KABUPATEN BATANGHARI") == "KABUPATEN BATANGHARI"
    assert _value("village", "ALO ALO") == "ALO ALO" and _value("village", "OE OE") == "OE OE"  # guard


def test_a_column_title_is_no_name() -> None:
    # An SKPWNI scanned with its second page first (round 16's skpwni-halaman-terbalik): the title row of who
    # moves, `No  NIK  Nama Lengkap  SHDK`, came before the applicant's `Nama Lengkap : ...` and gave `SHDK`.
    from ektp.ocr.normalise import normalise

    assert normalise("name", "SHDK", []) is None
    assert normalise("name", "Nama Lengkap", []) is None
    assert normalise("name", "NO NIK", []) is None
    assert normalise("name", "ARIF SAPUTRA", []).value == "ARIF SAPUTRA"  # type: ignore[union-attr]
    assert normalise("name", "NOVI NAMA SARI", []).value == "NOVI NAMA SARI"  # type: ignore[union-attr]


def test_a_longer_label_read_a_letter_off_is_that_label_not_a_shorter_one_and_a_value() -> None:
    # Before: skpwni-lampu-meja degraded read `2. Nama Kepata Keluarga 1 ARIF SAPUTRA` as the label `Nama` and
    # the value `Kepata Keluarga ...`: the applicant's name became `KEPATA KELUARGA`.
    from ektp.ocr.extract import SKPWNI_LABELS as table
    from tests.unit.ocr.conftest import ocr_line

    assert table.best_prefix(ocr_line(0, "Nama Kepata Keluarga ARIF SAPUTRA").words) == ("head_of_family", 3)
    assert table.best_prefix(ocr_line(0, "Nama Lengkap ZAHRA SAPUTRA").words) == ("name", 2)
    assert table.best_prefix(ocr_line(0, "Nama ZAHRA KELUARGA").words) == ("name", 1)  # a value in capitals


def test_a_name_after_a_bare_label_is_no_longer_label() -> None:
    # The review's case: `Nama Ibnu Hajar` (an akta's child, Title case, no colon read): `Nama Ibnu` is a letter
    # off `Nama Ibu`, the mother's label, but one word a letter off is too often a value's: `Nama` and the value.
    from ektp.ocr.extract import AKTA_LABELS
    from tests.unit.ocr.conftest import ocr_line

    assert AKTA_LABELS.best_prefix(ocr_line(0, "Nama Ibnu Hajar").words) == ("name", 1)
