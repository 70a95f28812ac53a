"""A year in words carried to the next printed line with a stray word read between its parts."""

from __future__ import annotations

import pytest

from ektp.domain.written_dates import is_number_or_month_word, parse_date, well_formed_number


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # The Kutipan's gloss `on` printed between the two lines of the year (read 1900 before).
        ("TUJUH AGUSTUS SERIBU SEMBILAN RATUS on SEMBILAN PULUH DELAPAN telah lahir", "1998-08-07"),
        # The break inside a group: the unit before the line end, its multiplier after it.
        ("DUA PULUH SATU JUNI SERIBU SEMBILAN on RATUS DELAPAN PULUH TIGA was born", "1983-06-21"),
        ("DUA PULUH ENAM OKTOBER SERIBU NB SEMBILAN RATUS ENAM PULUH SATU", "1961-10-26"),
        # Nothing continues it: the year is what was read.
        ("TUJUH MEI SERIBU SEMBILAN RATUS telah lahir ANDI", "1900-05-07"),
        ("TUJUH MEI DUA RIBU SEBELAS", "2011-05-07"),
    ],
)
def test_year_wrapped_over_a_stray_word(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("TUJUH MEI SERIBU SEMBILAN RATUS DELAPAN PULUH anak ke SATU", "1980-05-07"),  # two words between
        ("TUJUH MEI SERIBU SEMBILAN RATUS DELAPAN PULUH ke SATU", "1980-05-07"),  # `ke`: an ordinal follows
        ("TUJUH MEI SERIBU SEMBILAN RATUS, on SEMBILAN PULUH", "1900-05-07"),  # the comma ends the value
        ("TUJUH MEI DUA RIBU SEBELAS on DUA", "2011-05-07"),  # 2011 then 2 is no one number
    ],
)
def test_no_join_where_the_words_after_are_not_the_years(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_well_formed_numbers_only() -> None:
    assert well_formed_number(["SERIBU", "SEMBILAN", "RATUS", "SEMBILAN", "PULUH", "DELAPAN"]) == 1998
    assert well_formed_number(["DUA", "RIBU", "DUA", "BELAS"]) == 2012
    assert well_formed_number(["DUA", "RIBU", "SEBELAS"]) == 2011
    assert well_formed_number(["SEPULUH"]) == 10
    assert well_formed_number(["DUA", "RIBU", "SEBELAS", "DUA"]) is None
    assert well_formed_number(["RATUS", "DUA"]) is None
    assert well_formed_number(["DUA", "PULUH", "DUA", "PULUH"]) is None
    assert well_formed_number(["DUA", "TIGA"]) is None
    assert well_formed_number(["ON"]) is None


def test_words_of_a_date_in_any_case() -> None:
    assert is_number_or_month_word("(Tujuh")
    assert is_number_or_month_word("Agustus")
    assert is_number_or_month_word("RATUS")
    assert not is_number_or_month_word("Name")
    assert not is_number_or_month_word("ANDI")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("07 August 1998", "1998-08-07"),  # an English report's date
        ("March 24, 2002", "2002-03-24"),  # the month first, as English writes it
        ("Aug. 7th 1998", "1998-08-07"),
        ("24 Maret 2002", "2002-03-24"),
    ],
)
def test_english_month_names_and_the_month_first(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_a_word_before_a_day_and_a_year_is_no_month_unless_it_names_one() -> None:
    assert parse_date("JL MERPATI 12 2002") is None
    assert parse_date("BLOK 12, 2002") is None
