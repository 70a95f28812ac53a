"""An akta that prints the birth date twice, in digits and in words (`07-08-1998 (Tujuh Agustus ...)`), and the
NIK that encodes it again: a misread digit of the date must not drag a NIK read right along with it. Lines are
written as a scan of a two-column table reads them (the words wrap under the digits)."""

from __future__ import annotations

from ektp.ocr.extract import parse_akta
from ektp.ocr.models import Field
from ektp.ocr.text import Line
from ektp.ocr.validate import check_nik, decide_birth_date
from tests.unit.ocr.conftest import ocr_line

NIK = "1504040708980028"  # Batanghari, 7 August 1998, a man


def _table(date_row: list[Line]) -> list[Line]:
    """Every word read at 0.9, as sure as Tesseract reads a clean table."""
    return [
        ocr_line(132, "REPUBLIK INDONESIA"),
        ocr_line(201, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(357, "Nomor Akta Kelahiran", "1504-LT-07081998-1905"),
        ocr_line(474, "Nomor Induk Kependudukan", NIK),
        ocr_line(590, "Nama", "ARIF SAPUTRA"),
        ocr_line(706, "Tempat Lahir", "BATANGHARI"),
        *date_row,
        ocr_line(984, "Jenis Kelamin", "LAKI-LAKI"),
        ocr_line(1216, "Nama Ayah", "YOGA SETIAWAN"),
        ocr_line(1332, "Nama Ibu", "FITRI SETIAWAN"),
    ]


def _values(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


def _under(y: int, text: str) -> Line:
    """A value's continuation, under the value (the label column left blank)."""
    return ocr_line(y, text, x=ocr_line(0, "Tanggal Lahir", "X").words[-1].left)


def test_the_words_decide_a_date_whose_digits_were_misread_and_the_nik_stays() -> None:
    misread = [
        ocr_line(822, "Tanggal Lahir", "07-08-1993"),  # 8 read as 3, confidently
        _under(868, "(Tujuh Agustus Seribu Sembilan Ratus Sembilan Puluh"),
        _under(916, "Delapan)"),
    ]
    got = _values(_table(misread))
    assert got["nik"] == NIK  # not "corrected" to 1504040708930028
    assert got["birth_date"] == "1998-08-07"


def test_digits_and_words_on_one_line() -> None:
    row = [
        ocr_line(
            822, "Tanggal Lahir", "07-08-1993 (Tujuh Agustus Seribu Sembilan Ratus Sembilan Puluh Delapan)"
        )
    ]
    got = _values(_table(row))
    assert (got["nik"], got["birth_date"]) == (NIK, "1998-08-07")


def test_a_confident_nik_is_not_rewritten_to_a_date_printed_once() -> None:
    row = [ocr_line(822, "Tanggal Lahir", "07-08-1993")]
    fields = parse_akta(_table(row)).as_dict()
    assert fields["nik"].value == NIK  # which of the two was misread cannot be told: neither is rewritten
    assert fields["nik"].confidence < 0.9  # but the disagreement lowers the trust in the NIK
    assert fields["birth_date"].value == "1993-08-07"


def test_an_unsure_nik_is_still_repaired_to_the_page_date() -> None:
    fields = {
        "nik": Field(value="1504040708930028", confidence=0.6),  # read unsurely, 8 as 3
        "birth_date": Field(value="1998-08-07", confidence=0.9),
        "sex": Field(value="LAKI-LAKI", confidence=0.9),
    }
    check_nik(fields)
    assert fields["nik"].value == NIK


def test_a_confident_nik_yields_to_a_date_both_printings_agree_on() -> None:
    row = [
        ocr_line(822, "Tanggal Lahir", "07-08-1998"),
        _under(868, "(Tujuh Agustus Seribu Sembilan Ratus Sembilan Puluh"),
        _under(916, "Delapan)"),
    ]
    lines = _table(row)
    lines[3] = ocr_line(474, "Nomor Induk Kependudukan", "1504040708930028")  # the NIK misread, confidently
    got = _values(lines)
    assert (got["nik"], got["birth_date"]) == (NIK, "1998-08-07")


def test_words_cut_at_a_line_break_are_not_read_as_a_date() -> None:
    # `(... Sembilan Puluh` with its last line lost is 1990: no closing bracket, no date in words.
    row = [
        ocr_line(822, "Tanggal Lahir", "07-08-1998"),
        _under(868, "(Tujuh Agustus Seribu Sembilan Ratus Sembilan Puluh"),
    ]
    assert _values(_table(row))["birth_date"] == "1998-08-07"


def test_the_nik_sides_with_the_digits_when_a_number_word_was_lost() -> None:
    digits = Field(value="1998-08-21", confidence=0.9)
    words = Field(value="1998-08-20", confidence=0.9)  # `Dua Puluh [Satu] Agustus ...`: a word lost
    decided, agreed = decide_birth_date(digits, words, "1504042108980028")
    assert decided is not None and decided.value == "1998-08-21" and not agreed
    decided, _ = decide_birth_date(digits, words, None)  # no NIK to ask: the words
    assert decided is not None and decided.value == "1998-08-20"
    decided, agreed = decide_birth_date(digits, Field(value="1998-08-21", confidence=0.9), None)
    assert decided is not None and agreed and decided.confidence > 0.9


def test_a_registration_date_read_before_the_birth_is_the_birth_date_misread() -> None:
    # The number carries the registration date; `1933` for `1983` (a bold 8 read as 3) registers the child
    # fifty years before the birth the NIK and the date both state.
    lines = _table([ocr_line(822, "Tanggal Lahir", "07-08-1998")])
    lines[2] = ocr_line(357, "Nomor Akta Kelahiran", "1504-LT-07081993-1905")
    assert _values(lines)["number"] == "1504-LT-07081998-1905"


def test_a_registration_date_after_the_birth_is_kept_however_close() -> None:
    lines = _table([ocr_line(822, "Tanggal Lahir", "07-08-1998")])
    lines[2] = ocr_line(357, "Nomor Akta Kelahiran", "1504-LT-01091998-1905")  # registered late: lawful
    assert _values(lines)["number"] == "1504-LT-01091998-1905"
    lines[2] = ocr_line(357, "Nomor Akta Kelahiran", "1504-LT-07081999-1905")  # 9 for 8, but a later year
    assert _values(lines)["number"] == "1504-LT-07081999-1905"


def test_no_number_is_repaired_to_a_birth_date_the_nik_does_not_confirm() -> None:
    lines = _table([ocr_line(822, "Tanggal Lahir", "07-08-1998")])
    lines[2] = ocr_line(357, "Nomor Akta Kelahiran", "1504-LT-07081993-1905")
    lines[3] = ocr_line(474, "Nomor Induk Kependudukan", "1504040708990028")  # another year: no confirmation
    assert _values(lines)["number"] == "1504-LT-07081993-1905"
