"""The akta kelahiran filled in by hand (issue 18, session 12).

A hand draws its I as one slanted line without serifs, which Tesseract reads as a slash or a bar between the
name's other letters (`MAR/A` for MARIA). The stroke first sends the page to the second engine (a letter
read as a mark); when the reading kept still holds it between two capitals, the stroke is the I.
"""

from __future__ import annotations

from ektp.ocr.models import Field
from ektp.ocr.prose import parse_birth_sentence, strokes_as_i, struck_letter
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line


def _f(value: str) -> Field:
    return Field(value=value, confidence=0.9)


def test_a_stroke_between_a_names_capitals_is_a_handwritten_i() -> None:
    # Failed before: `MAR/A BR SINAGA` was the mother's name as read (akta filled in by hand, degraded scan).
    fields = strokes_as_i({"mother_name": _f("MAR/A BR SINAGA"), "father_name": _f("AHMAD KURN|AWAN")})
    assert fields["mother_name"].value == "MARIA BR SINAGA"
    assert fields["father_name"].value == "AHMAD KURNIAWAN"
    assert fields["mother_name"].confidence == 0.9


def test_the_sentence_read_by_hand_still_asks_the_second_engine_first() -> None:
    # The repair is applied to the reading kept, not while parsing: the stroke still marks the name struck.
    lines = [
        ocr_line(0, "Dikutip dari Register Akta Kelahiran, bahwa di NIAS SELATAN pada tanggal 21 APRIL 2002"),
        ocr_line(40, "telah lahir seorang anak PEREMPUAN yang diberi nama ROMAULI BR SITOMPUL"),
        ocr_line(80, "anak dari ayah JUNTAK ROBERT SITOMPUL dan ibu MAR/A BR SINAGA."),
    ]
    parsed = parse_birth_sentence(lines)
    assert parsed["mother_name"].value == "MAR/A BR SINAGA"
    assert struck_letter(parsed)
    assert strokes_as_i(parsed)["mother_name"].value == "MARIA BR SINAGA"


def test_strokes_elsewhere_are_left_as_read() -> None:
    # Guards: a stroke at a name's end (a signature's edge) is no letter between letters; a number's and a
    # stroke beside a space or a digit are not names' letters.
    fields = strokes_as_i(
        {
            "name": _f("ARIFSAPUTRA/"),
            "father_name": _f("YOGA / SETIAWAN"),
            "number": _f("474.1/AB/2020"),
            "place_of_birth": _f("BATANGHARI"),
        }
    )
    assert fields["name"].value == "ARIFSAPUTRA/"
    assert fields["father_name"].value == "YOGA / SETIAWAN"
    assert fields["number"].value == "474.1/AB/2020"
    assert fields["place_of_birth"].value == "BATANGHARI"


def _sentence(day: str) -> list[Line]:
    return [
        ocr_line(
            0, f"Dikutip dari Register Akta Kelahiran, bahwa di NIAS SELATAN pada tanggal {day} APRIL 2002"
        ),
        ocr_line(40, "telah lahir seorang anak PEREMPUAN yang diberi nama ROMAULI BR SITOMPUL"),
        ocr_line(80, "anak dari ayah JUNTAK ROBERT SITOMPUL dan ibu MARIA BR SINAGA."),
    ]


def test_a_handwritten_days_one_read_as_a_letter_is_the_digit() -> None:
    # Failed before: `2J APRIL 2002` (a 1 with a hooked foot) gave no birth date at all.
    assert parse_birth_sentence(_sentence("2J"))["birth_date"].value == "2002-04-21"
    assert parse_birth_sentence(_sentence("O7"))["birth_date"].value == "2002-04-07"


def test_a_day_read_as_letters_alone_or_as_digits_stays_as_read() -> None:
    # Guards: digits are read as before; a day of letters only (no digit to vouch for it) is not guessed.
    assert parse_birth_sentence(_sentence("21"))["birth_date"].value == "2002-04-21"
    assert "birth_date" not in parse_birth_sentence(_sentence("IJ"))
