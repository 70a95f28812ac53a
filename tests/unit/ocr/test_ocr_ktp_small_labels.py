"""A KTP-el whose labels the engine could not read (a card held up to a laptop's webcam: its grey labels are 5-7 px
tall, its bold values still read): the card is known by its opening (province and regency headings, the NIK row)
and its values are named by the rows' printed order, each checked against what its row can hold."""

from __future__ import annotations

from ektp.ocr.classify import classify
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_ktp
from ektp.ocr.normalise import normalise
from ektp.ocr.text import Line

H = 24  # the values' text height as read
VALUES_X = 200  # the values' column; the labels' at 25, when read at all


def _line(y: int, *texts: str, x: int = VALUES_X) -> Line:
    words = []
    for text in texts:
        words.append(
            OcrWord(text=text, confidence=0.9, left=x, top=y, width=14 * len(text), height=H, line=y)
        )
        x += 14 * len(text) + 12
    return Line(words)


def _card(rows: list[Line], nik: str = "1504040708980028") -> dict[str, str]:
    lines = [
        _line(10, "PROVINSI", "JAMBI", x=390),
        _line(40, "KABUPATEN", "BATANGHARI", x=330),
        Line([*_line(84, "NIK", x=28).words, *_line(84, ":" + nik, x=187).words]),
        *rows,
    ]
    page = OcrPage(width=1040, height=480, words=[w for ln in lines for w in ln.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items() if f is not None}


def _rows(*rows: tuple[str, ...]) -> list[Line]:
    return [_line(126 + 30 * i, *row) for i, row in enumerate(rows)]


WEBCAM_ROWS = (
    ("ARIF", "SAPUTRA"),
    ("BATANGHARI,", "07-08-1998"),
    ("LAKI-LAKI",),
    ("JL", "GAJAH", "MADA", "NO", "119"),
    ("010/001",),
    ("HAJRAN",),
    ("BATIN", "XXIV"),
    ("ISLAM",),
    ("KAWIN",),
    ("BURUH", "HARIAN", "LEPAS"),
    ("WNI",),
    ("SEUMUR", "HIDUP"),
)


def test_a_cards_values_without_their_labels_are_named_by_the_rows_order() -> None:
    # Before: only the NIK and the two headings were read (no label, no field).
    read = _card(_rows(*WEBCAM_ROWS))
    assert read["name"] == "ARIF SAPUTRA"
    assert (read["place_of_birth"], read["birth_date"]) == ("BATANGHARI", "1998-08-07")
    assert read["sex"] == "LAKI-LAKI"
    assert read["address"].startswith("JL") and read["address"].endswith("119")
    assert (read["rt"], read["rw"]) == ("010", "001")
    assert (read["village"], read["district"]) == ("HAJRAN", "BATIN XXIV")
    assert (read["religion"], read["marital_status"]) == ("ISLAM", "KAWIN")
    assert read["occupation"] == "BURUH HARIAN LEPAS"
    assert (read["citizenship"], read["valid_until"]) == ("WNI", "SEUMUR HIDUP")


def test_a_misread_closed_row_is_passed_over_and_the_order_holds_after_it() -> None:
    rows = list(WEBCAM_ROWS)
    rows[2] = ("LA#",)  # the sex row misread past knowing
    rows[10] = ("W",)  # WNI with two letters lost
    read = _card(_rows(*rows))
    assert "sex" not in read and "citizenship" not in read
    assert read["address"].startswith("JL") and read["village"] == "HAJRAN"
    assert read["valid_until"] == "SEUMUR HIDUP"


def test_a_birth_date_with_a_misread_digit_is_the_one_the_nik_encodes() -> None:
    rows = list(WEBCAM_ROWS)
    rows[1] = ("BATANGHARI,", "07.00-1998")  # the month's 8 read as 0: no date, but one digit from the NIK's
    assert _card(_rows(*rows))["birth_date"] == "1998-08-07"


def test_a_real_date_the_nik_disowns_is_the_one_it_encodes_but_for_a_digit() -> None:
    # `1904` for 1984 (an 8 read as 0) is a date; the NIK (born 12-12-84) says which digit was misread.
    rows = list(WEBCAM_ROWS)
    rows[1] = ("BATANGHARI,", "12-12-1904")
    assert _card(_rows(*rows), nik="1504041212840003")["birth_date"] == "1984-12-12"
    # Guard: a date the NIK encodes stays as read.
    rows[1] = ("BATANGHARI,", "12-12-1984")
    assert _card(_rows(*rows), nik="1504041212840003")["birth_date"] == "1984-12-12"


def test_a_names_comma_before_its_title_read_as_a_stop_is_the_comma() -> None:
    def name(raw: str) -> str | None:
        f = normalise("name", raw, [])
        return f.value if f is not None else None

    assert name("BAYU SANTOSO. S.E.") == "BAYU SANTOSO, S.E."
    assert name("SITI AMINAH. S.PD.") == "SITI AMINAH, S.PD."
    # Guards: an abbreviation before a name is no title's comma; a name read as a mark is no name.
    assert name("H. MUHAMMAD") == "H. MUHAMMAD" and name("MOH. ALI") == "MOH. ALI"
    assert name("。") is None and name("-") == "-"


def test_an_address_wrapped_onto_two_lines_is_one_value() -> None:
    rows = list(WEBCAM_ROWS)
    rows[3:4] = [("JL", "GAJAH", "MADA"), ("NO", "119")]
    read = _card(_rows(*rows))
    assert read["address"].startswith("JL") and read["address"].endswith("119")
    assert (read["rt"], read["village"]) == ("010", "HAJRAN")


def test_the_order_lost_nothing_more_is_guessed() -> None:
    # Guard: the birth row lost and the next lines fit no row expected there: the name stands alone, nothing
    # after it is named (the address is not taken for the name's second line, the village not for anything).
    read = _card(
        _rows(("ARIF", "SAPUTRA"), ("A", "CAJAR", "MAGA", "MO", "119"), ("TLAM", "RAAR"), ("HAJRAN",))
    )
    assert read["name"] == "ARIF SAPUTRA"
    assert not {"address", "village", "district", "occupation", "sex"} & set(read)


def _labelled(y: int, label: str, *value: str) -> Line:
    return Line([*_line(y, *label.split(), x=25).words, *_line(y, *value).words])


LABELLED_ROWS = [
    ("Nama", "ARIF", "SAPUTRA"),
    ("Tempat/Tgl Lahir", "BATANGHARI,", "07-08-1998"),
    ("Jenis Kelamin", "LAKI-LAKI"),
    ("Alamat", "JL", "GAJAH", "MADA", "NO", "119"),
    ("RT/RW", "010/001"),
    ("Kel/Desa", "HAJRAN"),
    ("Kecamatan", "BATIN", "XXIV"),
    ("Agama", "ISLAM"),
    ("Status Perkawinan", "KAWIN"),
    ("Pekerjaan", "BURUH", "HARIAN", "LEPAS"),
    ("Kewarganegaraan", "WNI"),
]


def _labelled_card(rows: list[tuple[str, ...]]) -> dict[str, str]:
    return _card([_labelled(126 + 30 * i, *row) for i, row in enumerate(rows)])


def test_a_value_whose_label_was_garbled_is_named_by_its_place_between_labelled_rows() -> None:
    # The labels read but two: `Alamar` (a photo's T) and `Pelizrjsan` (Pekerjaan under the guilloche).
    rows = list(LABELLED_ROWS)
    rows[3] = ("Alamar", *rows[3][1:])
    rows[9] = ("Pelizrjsan", *rows[9][1:])
    read = _labelled_card(rows)
    assert read["address"].startswith("JL") and read["occupation"] == "BURUH HARIAN LEPAS"
    assert (read["village"], read["religion"], read["citizenship"]) == ("HAJRAN", "ISLAM", "WNI")


def test_a_labelled_rows_value_is_never_replaced_by_its_place() -> None:
    # Guard: a row read by its label keeps its value though the order would place another line there: the
    # village row lost, the district's line is not taken for it.
    read = _labelled_card([*LABELLED_ROWS[:5], LABELLED_ROWS[6]])
    assert read["district"] == "BATIN XXIV" and "village" not in read


def test_a_card_is_known_by_its_headings_and_nik_row_when_no_label_reads() -> None:
    text = "PROVINSIJAMBI KABUPATEN BATANGHARI NIK :1504040708980028 ARIF SAPUTRA 010/001 HAJRAN ISLAM"
    assert classify(text, 2.0)[0] == "ktp"
    assert classify("PROVINSI DKI JAKARTA KOTA JAKARTA SELATAN NIK 3174054101010001", 2.0)[0] == "ktp"


def test_the_opening_alone_does_not_outweigh_a_forms_own_phrases() -> None:
    # Guards: no NIK row under the headings is no card; a form's title still names it.
    assert classify("PROVINSI JAMBI KABUPATEN BATANGHARI ARIF SAPUTRA HAJRAN ISLAM", 2.0)[0] is None
    kk = "PROVINSI JAMBI KABUPATEN BATANGHARI NIK 1504040708980028 KARTU KELUARGA Nama Kepala Keluarga"
    assert classify(kk, 2.0)[0] == "kk"


def test_the_card_opening_is_looked_for_at_the_pages_start_only() -> None:
    # Guard: a card's headings and NIK row open it; the same words deep in a page (a letter quoting a card) say
    # nothing. (The match reads only the first characters, so a page of many `KOTA`s is no longer search.)
    opening = "PROVINSI DKI JAKARTA KOTA JAKARTA SELATAN NIK 3174054101010001"
    assert classify("SURAT " * 40 + opening, 2.0)[0] is None
    assert classify("I " + opening, 2.0)[0] == "ktp"  # a speck before it is no matter
