"""Two labels and their values the engine read as one phrase, no column gap between them (a chat app's
screenshot of a card, the second engine's line boxes): `Tempat/Tgl Lahir : BATANGHARI, 07/08/1998 Gol. Darah
: B`. Before, the blood type stayed in the birth row's value and was never read."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import KTP_LABELS, parse_ktp
from ektp.ocr.forms import read_labelled
from tests.unit.ocr.conftest import ocr_line

CARD = [
    "PROVINSI JAMBI",
    "KABUPATEN BATANGHARI",
    "NIK : 1504040708980028",
    "Nama : ARIF SAPUTRA",
    "Tempat/Tgl Lahir : BATANGHARI, 07/08/1998 Gol. Darah : B",
    "Jenis Kelamin : LAKI-LAKI",
    "Alamat : JL. GAJAH MADA NO. 119",
    "Agama : ISLAM Status Perkawinan : KAWIN",
]


def _read(rows: list[str]) -> dict[str, str]:
    lines = [ocr_line(10 + 30 * i, row) for i, row in enumerate(rows)]
    page = OcrPage(width=1000, height=400, words=[w for line in lines for w in line.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}


def test_a_label_printed_whole_inside_a_value_starts_a_field_of_its_own() -> None:
    read = _read(CARD)
    assert read["blood_type"] == "B"
    assert (read["place_of_birth"], read["birth_date"]) == ("BATANGHARI", "1998-08-07")
    assert (read["religion"], read["marital_status"]) == ("ISLAM", "KAWIN")


def test_three_labels_in_one_phrase_each_keep_their_value() -> None:
    line = ocr_line(10, "Agama : ISLAM Status Perkawinan : KAWIN Kewarganegaraan : WNI")
    hits = read_labelled([line], KTP_LABELS)
    assert [(h.key, h.text) for h in hits] == [
        ("religion", "ISLAM"),
        ("marital_status", "KAWIN"),
        ("citizenship", "WNI"),
    ]


def test_guard_a_value_is_not_cut_at_a_labels_word_without_its_colon_or_at_a_short_label() -> None:
    # A name or an address may hold a label's word; only a label printed whole with its colon cuts a value,
    # and not a two-letter one (`RT : 3` inside an address is the address's own).
    hits = read_labelled([ocr_line(10, "Nama : SITI AGAMA WATI")], KTP_LABELS)
    assert [(h.key, h.text) for h in hits] == [("name", "SITI AGAMA WATI")]
    hits = read_labelled([ocr_line(10, "Alamat : DUSUN KRAJAN RT : 3")], KTP_LABELS)
    assert [(h.key, h.text) for h in hits] == [("address", "DUSUN KRAJAN RT : 3")]


def test_a_regency_wrapped_after_its_type_word_in_a_narrow_cell_is_read_whole() -> None:
    # The digital ID's screen (ktp-ikd-layar): `Kabupaten/Kota  Provinsi` over `KABUPATEN  JAMBI`, the regency's
    # name wrapped under its type word. Before, the regency read `KABUPATEN` alone and no regency was found.
    from tests.unit.ocr.conftest import ocr_cells

    lines = [
        ocr_cells(10, (45, "Kabupaten/Kota"), (465, "Provinsi")),
        ocr_cells(40, (45, "KABUPATEN"), (465, "JAMBI")),
        ocr_cells(70, (45, "BATANGHARI")),
        ocr_cells(120, (45, "Berlaku Hingga")),
        ocr_cells(150, (45, "SEUMUR HIDUP")),
    ]
    hits = {h.key: h.text for h in read_labelled(lines, KTP_LABELS)}
    assert hits["regency"] == "KABUPATEN BATANGHARI"
    assert hits["province"] == "JAMBI"
    assert hits["valid_until"] == "SEUMUR HIDUP"


def test_guard_a_whole_regency_takes_no_line_under_it() -> None:
    from tests.unit.ocr.conftest import ocr_cells

    lines = [
        ocr_cells(10, (45, "Kabupaten/Kota"), (465, "Provinsi")),
        ocr_cells(40, (45, "KOTA JAMBI"), (465, "JAMBI")),
        ocr_cells(70, (45, "BATANGHARI")),
    ]
    assert {h.key: h.text for h in read_labelled(lines, KTP_LABELS)}["regency"] == "KOTA JAMBI"


def test_the_space_under_a_label_is_read_again_when_the_row_under_it_lost_its_value() -> None:
    # `Jenis Kelamin  Gol. Darah` over `PEREMPUAN  -`: the dash alone was not read, and the space under the
    # label was looked for only above the next line read, so the dash's row was never read again.
    from ektp.ocr.extract import _under_the_label
    from tests.unit.ocr.conftest import ocr_cells

    values = ocr_cells(60, (45, "PEREMPUAN")).words
    (box,) = _under_the_label(values, left=465, bottom=40, h=20)
    assert box[0] <= 465 and box[2] >= 465 + 100 and box[1] <= 60 and box[3] >= 80
    # Guard: a row whose value under this label was read, and a next line far below (a label's own row).
    assert (
        _under_the_label(ocr_cells(60, (45, "PEREMPUAN"), (465, "B")).words, left=465, bottom=40, h=20) == []
    )
    (far,) = _under_the_label(ocr_cells(120, (45, "Pekerjaan")).words, left=465, bottom=40, h=20)
    assert far[3] < 120


def test_a_value_ending_with_a_comma_goes_on_in_the_line_under_it() -> None:
    # A chat's narrow bubble (round 16's ktp-obrolan-data): `Tempat/Tgl Lahir :Batanghari,` over `7-8-1998`,
    # the date at the bubble's margin under the label. Before, the birth date was never read.
    from tests.unit.ocr.conftest import ocr_cells

    lines = [
        ocr_cells(10, (40, "Nama Lengkap :Arif Saputra")),
        ocr_cells(40, (40, "Tempat/Tgl Lahir :Batanghari,")),
        ocr_cells(70, (40, "7-8-1998")),
        ocr_cells(100, (40, "Jenis Kelamin :Laki-Laki")),
    ]
    hits = {h.key: h.text for h in read_labelled(lines, KTP_LABELS)}
    assert hits["birth"] == "Batanghari, 7-8-1998"
    assert hits["sex"] == "Laki-Laki"
    # Guard: without the comma the line under a place is no part of it (a value of its own, or nobody's).
    lines[1] = ocr_cells(40, (40, "Tempat/Tgl Lahir :Batanghari"))
    assert {h.key: h.text for h in read_labelled(lines, KTP_LABELS)}["birth"] == "Batanghari"
