"""The KK's passport and KITAP cells: a document's number or the form's `-`. A photographed or dot-matrix KK
reads the dash with the specks and rule remnants beside it (`(6)`, `1N)`, `111`), or a word of the name in the
next column slides into the cell; none of that is a document number."""

from __future__ import annotations

from ektp.ocr.kk_table import parse_kk_members
from tests.unit.ocr.test_ocr_kk_wrapped_cells import ROWS1, _unruled


def _row2(no: str, citizenship: str, passport: str, kitap: str) -> list[str]:
    return [no, "KAWIN TERCATAT", "17-05-2024", "KEPALA KELUARGA" if no == "1" else "ISTRI", citizenship,
            passport, kitap, "YOGA SETIAWAN", "FITRI SETIAWAN"]  # fmt: skip


def _travel_documents(rows2: list[list[str]]) -> list[tuple[str | None, str | None]]:
    members = [m.as_dict() for m in parse_kk_members(_unruled(ROWS1, rows2), [])]
    assert len(members) == len(rows2)
    return [
        tuple(m[k].value if k in m else None for k in ("passport_number", "kitap_number"))  # type: ignore[misc]
        for m in members
    ]


def test_a_dash_read_with_its_specks_is_the_forms_dash() -> None:
    # Before: `(6)` and `1N)` were returned as the head's passport and KITAP numbers.
    found = _travel_documents([_row2("1", "WNI", "(6)", "1N)"), _row2("2", "WNI", "111", "()")])
    assert found == [("-", "-"), ("-", "-")]


def test_a_citizen_holds_no_kitap_whatever_the_cell_read() -> None:
    # A KITAP is a foreigner's permanent stay permit: a WNI row's cell is `-`, even when a name's word slid in.
    found = _travel_documents([_row2("1", "WNI", "-", "YOGA"), _row2("2", "WNI", "-", "SETIA")])
    assert found == [("-", "-"), ("-", "-")]


def test_real_numbers_are_kept_and_a_word_is_no_number() -> None:
    # Guard: a citizen's passport and a foreigner's passport and KITAP are kept as read; a foreigner's cell that
    # read a word (no digits) is dropped, not turned into a dash nobody printed.
    found = _travel_documents(
        [_row2("1", "WNI", "C1234567", "-"), _row2("2", "WNA", "E12345678", "2C21JD1234-AB")]
    )
    assert found == [("C1234567", "-"), ("E12345678", "2C21JD1234-AB")]
    assert _travel_documents([_row2("1", "WNI", "-", "-"), _row2("2", "WNA", "SETIAWAN", "-")]) == [
        ("-", "-"),
        (None, "-"),
    ]


def test_a_citizens_unread_kitap_cell_is_the_forms_dash_and_an_unread_passport_stays_unread() -> None:
    # A dot-matrix dash too faint to read: the KITAP cell of a WNI row is still `-`; the passport cell, which a
    # citizen may fill, is not guessed.
    assert _travel_documents([_row2("1", "WNI", "", ""), _row2("2", "WNA", "", "")]) == [
        (None, "-"),
        (None, None),
    ]


def test_a_foreign_passport_of_letters_and_few_digits_is_kept() -> None:
    # Review: some states' passport numbers are nine letters and digits with only a digit or two.
    assert _travel_documents([_row2("1", "WNA", "CFGHJ1K2L", "-"), _row2("2", "WNI", "-", "-")]) == [
        ("CFGHJ1K2L", "-"),
        ("-", "-"),
    ]
