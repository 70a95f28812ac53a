"""The KK as older forms and dot-matrix printers print it (issue 18, round 5): abbreviated sex and head of
family, a worn ribbon's confused letters in closed vocabularies, and zeros printed as rings of dots that
read 6, 8 or 9 in NIKs and dates, decided with what the NIK and dates must be. Readings are as a scan of
such a KK comes back from Tesseract (the variety bench's kept text)."""

from __future__ import annotations

import pytest

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_kk
from ektp.ocr.kk_table import cell_value, member_digits
from ektp.ocr.models import Field
from ektp.ocr.text import Line


def _cell(key: str, text: str) -> str | None:
    words = [OcrWord(text=text, confidence=0.9, left=0, top=0, width=10, height=10, line=0)]
    f = cell_value(key, text, words)
    return None if f is None else f.value


# --- the sex and the head of family as old forms abbreviate them ---------------------------------------


@pytest.mark.parametrize(
    ("read", "sex"),
    [
        ("LK", "LAKI-LAKI"), ("L", "LAKI-LAKI"), ("LIK", "LAKI-LAKI"), ("LM", "LAKI-LAKI"),
        ("PR", "PEREMPUAN"), ("P", "PEREMPUAN"), ("PA", "PEREMPUAN"), ("PH", "PEREMPUAN"), ("PIR", "PEREMPUAN"),
        ("LAKI-LAKI", "LAKI-LAKI"), ("PEREMPUAN", "PEREMPUAN"),
    ],
)  # fmt: skip
def test_a_sex_printed_abbreviated_is_the_sex(read: str, sex: str) -> None:
    assert _cell("sex", read) == sex


def test_a_short_sex_cell_of_another_letter_is_no_sex() -> None:
    assert _cell("sex", "KX") is None


@pytest.mark.parametrize("read", ["KK", "|K", "IK", "KN", "KEP. KELUARGA", "KEP KELUARGA"])
def test_the_head_of_family_printed_abbreviated(read: str) -> None:
    assert _cell("relationship", read) == "KEPALA KELUARGA"


@pytest.mark.parametrize(("read", "value"), [("ANAK", "ANAK"), ("ISTRI", "ISTRI"), ("AMAK", "ANAK")])
def test_other_relationships_are_not_the_head(read: str, value: str) -> None:
    assert _cell("relationship", read) == value


@pytest.mark.parametrize(
    ("read", "citizenship"),
    [
        ("WNI", "WNI"),
        ("NI", "WNI"),
        ("MI", "WNI"),
        ("HI", "WNI"),
        ("MNI", "WNI"),
        ("INI", "WNI"),
        ("WNA", "WNA"),
        ("NA", "WNA"),
    ],
)
def test_a_citizenship_cell_read_short_is_told_by_its_last_letter(read: str, citizenship: str) -> None:
    assert _cell("citizenship", read) == citizenship


# --- letters a worn ribbon prints alike ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "occupation"),
    [
        ("HENGURUS AUMAH TANGGA", "MENGURUS RUMAH TANGGA"),
        ("MENGURUS AUHAH TANGGA", "MENGURUS RUMAH TANGGA"),
        ("KEPDLISIAN RI", "KEPOLISIAN RI"),
        ("SOPIA", "SOPIR"),
        ("PENSIUNAM", "PENSIUNAN"),
        ("KARYAMAN BUMN", "KARYAWAN BUMN"),
        ("KARYAWAN BUNN", "KARYAWAN BUMN"),
    ],
)
def test_an_occupation_read_with_confused_letters_is_the_listed_one(read: str, occupation: str) -> None:
    assert _cell("occupation", read) == occupation


@pytest.mark.parametrize("read", ["ANGGOTA POLRI", "KARYAWAN SWASTA", "TUKANG BATU", "JURAGAN KAPAL"])
def test_an_occupation_as_printed_is_kept(read: str) -> None:
    # Listed, or an old card's word no entry is a few confused letters from: as read.
    assert _cell("occupation", read) == read


def test_a_reading_near_no_entry_is_kept() -> None:
    # `BUPATX`: X is no letter confused with anything here, and nothing else is near: kept as read.
    assert _cell("occupation", "BUPATX") == "BUPATX"


# --- zeros read as 6, 8 or 9 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "read", "value"),
    [
        ("marriage_date", "17-05-2924", "2024-05-17"),
        ("birth_date", "20-11-2092", "2002-11-20"),
        ("birth_date", "21-04-2082", "2002-04-21"),
        ("marriage_date", "17-05-2024", "2024-05-17"),  # as printed
        ("birth_date", "13-09-1944", "1944-09-13"),  # as printed
    ],
)
def test_a_date_after_today_has_its_zeros_back(key: str, read: str, value: str) -> None:
    assert _cell(key, read) == value


def _row(nik: str, born: str, sex: str) -> dict[str, Field]:
    return {
        "nik": Field(value=nik, confidence=0.9),
        "birth_date": Field(value=born, confidence=0.9),
        "sex": Field(value=sex, confidence=0.9),
    }


@pytest.mark.parametrize(
    ("nik", "born", "sex", "family", "want_nik", "want_born"),
    [
        # The head: four zeros read 6, in the district and the serial.
        ("1564646708986028", "1998-08-07", "LAKI-LAKI", "1504040411240019", "1504040708980028", "1998-08-07"),
        # The same read 8 and 6, and the year's zero.
        ("1564846788986628", "1998-08-07", "LAKI-LAKI", "1504040411240019", "1504040708980028", "1998-08-07"),
        # A wife: the day plus 40; the birth date's year misread too.
        ("1214846184826014", "2082-04-21", "PEREMPUAN", "1214042409260056", "1214046104020014", "2002-04-21"),
        # The month's zero of a NIK from the family's district.
        ("7187021369440838", "1944-09-13", "LAKI-LAKI", "7107020508170053", "7107021309440038", "1944-09-13"),
    ],
)
def test_a_members_nik_and_birth_date_get_their_zeros_back(
    nik: str, born: str, sex: str, family: str, want_nik: str, want_born: str
) -> None:
    row = _row(nik, born, sex)
    member_digits(row, family)
    assert (row["nik"].value, row["birth_date"].value) == (want_nik, want_born)
    assert row["nik"].confidence < 0.9  # a repaired reading is held less sure


@pytest.mark.parametrize(
    ("nik", "born", "sex"),
    [
        ("1504040708980028", "1998-08-07", "LAKI-LAKI"),  # agrees as read
        ("3174096112900001", "1990-12-21", "PEREMPUAN"),  # another district than the family's, agreeing
        ("1504040708980028", "1993-08-07", "LAKI-LAKI"),  # a 3 for an 8 is no zero: nothing is guessed
        # A NIK that is a NIK is not bent to the birth date cell's 6 read as a ring (`26` read `20`), nor to
        # `1998` read `1908`: the zero's confusion runs both ways.
        ("1504046611020017", "2002-11-20", "PEREMPUAN"),
        ("1214040110980007", "1908-10-01", "LAKI-LAKI"),
    ],
)
def test_a_nik_no_zero_explains_is_left_as_read(nik: str, born: str, sex: str) -> None:
    row = _row(nik, born, sex)
    member_digits(row, "1504040411240019")
    assert (row["nik"].value, row["birth_date"].value) == (nik, born)


def test_a_nik_valid_date_part_keeps_it_while_its_district_gets_its_zeros_back() -> None:
    row = _row("1594046611029017", "2002-11-20", "PEREMPUAN")
    member_digits(row, "1504040411240019")
    assert (row["nik"].value, row["birth_date"].value) == ("1504046611020017", "2002-11-20")


def test_with_no_birth_date_read_the_nik_is_decided_alone() -> None:
    row = {
        "nik": Field(value="1564846788986628", confidence=0.5),
        "sex": Field(value="LAKI-LAKI", confidence=0.9),
    }
    member_digits(row, "1504040411240019")
    assert row["nik"].value == "1504040708980028"
    assert "birth_date" not in row


# --- the issue date ------------------------------------------------------------------------------------


def _issue_lines(value: str) -> list[Line]:
    texts = ["Tgl.", "Dikeluarkan:", value]
    words, left = [], 100
    for text in texts:
        words.append(
            OcrWord(text=text, confidence=0.9, left=left, top=900, width=18 * len(text), height=24, line=9)
        )
        left += 18 * len(text) + 14
    return [Line(words)]


@pytest.mark.parametrize(
    ("read", "issued"),
    [
        ("84-11-2824", "2024-11-04"),
        ("4-11-2824", "2024-11-04"),
        ("85-88-2817", "2017-08-05"),
        ("15-02-2018", "2018-02-15"),  # as printed
    ],
)
def test_an_issue_date_after_today_or_no_date_has_its_zeros_back(read: str, issued: str) -> None:
    fields = parse_kk(_issue_lines(read))
    assert fields.issue_date is not None and fields.issue_date.value == issued


# --- the KK number's label glued to it -----------------------------------------------------------------


@pytest.mark.parametrize("read", ["No.7107020508170053", "No.:7107020508170053", "NOMOR7107020508170053"])
def test_a_kk_number_glued_to_its_label(read: str) -> None:
    # A crooked flatbed scan: the narrow space after `No.` lost, the label and number one word.
    def line(texts: list[str], top: int) -> Line:
        words, left = [], 400
        for text in texts:
            words.append(
                OcrWord(
                    text=text, confidence=0.9, left=left, top=top, width=18 * len(text), height=24, line=top
                )
            )
            left += 18 * len(text) + 14
        return Line(words)

    lines = [
        line(["KARTU", "KELUARGA"], 100),
        line([read], 140),
        line(["Nama", "Kepala", "Keluarga", ":", "YOSEF"], 200),
    ]
    fields = parse_kk(lines)
    assert fields.number is not None and fields.number.value == "7107020508170053"
