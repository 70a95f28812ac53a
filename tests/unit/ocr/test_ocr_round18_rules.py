"""Rules written for round 18's pages (tools/docgen/variety_round18.py, measured blind first): a checked
Kutipan whose `No.` before the certificate's number was read with a comma, and whose checker's ticks after the
values were read as letters."""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import parse_akta
from ektp.ocr.text import Line, without_flat_marks
from tests.unit.ocr.conftest import ocr_cells


def test_the_stop_of_no_read_as_a_comma_still_names_the_certificates_number() -> None:
    # Round 18's checked Kutipan: `Berdasarkan Akta Kelahiran No.` with its stop read as a comma, the phrases
    # at the left and the values in a column at the right (as the engine placed them).
    lines = [
        ocr_cells(294, (109, "NIK :"), (173, "1504040708980028")),
        ocr_cells(377, (107, "Berdasarkan Akta Kelahiran No,"), (484, "1504-LT-07081998-1420")),
        ocr_cells(428, (106, "bahwa di"), (482, "BATANGHARI")),
    ]
    assert parse_akta(lines).as_dict()["number"].value == "1504-LT-07081998-1420"


def _tick(x: int, top: int, height: int, text: str = "V", width: int = 22) -> OcrWord:
    return OcrWord(text=text, confidence=0.7, left=x, top=top, width=width, height=height, line=top)


def test_a_checkers_tick_after_a_value_is_no_part_of_it() -> None:
    # Round 18's checked Kutipan as the engine placed it: each tick read `V`, `V'`, `Y` or `vV`, taller than
    # the value's capitals and rising above them.
    lines = []
    for y, phrase, value, tick in (
        (300, "telah lahir", "ARIF SAPUTRA", "V'"),
        (360, "bahwa di", "BATANGHARI", "Y"),
        (420, "dari ayah", "YOGA SETIAWAN", "V"),
        (480, "dan ibu", "FITRI SETIAWAN", "vV"),
    ):
        line = ocr_cells(y, (100, phrase), (480, value), height=18)
        line.words.append(_tick(line.words[-1].right + 18, y - 5, 23, tick))
        lines.append(line)

    cleaned = [line.text for line in without_flat_marks(lines)]

    assert cleaned == [
        "telah lahir ARIF SAPUTRA",
        "bahwa di BATANGHARI",
        "dari ayah YOGA SETIAWAN",
        "dan ibu FITRI SETIAWAN",
    ]


def test_a_name_ending_in_a_letter_of_the_prints_size_keeps_it() -> None:
    # `V` and `Y` printed as the name's other letters (a regnal number, an initial): the line's height, on it.
    lines = [
        ocr_cells(300, (100, "telah lahir"), (480, "HAMENGKU BUWONO V"), height=18),
        ocr_cells(360, (100, "dari ayah"), (480, "SUTRISNO Y"), height=18),
    ]
    # A tick's height but on the line (a letter in a larger face), or raised but of the print's height: kept.
    lines.append(ocr_cells(420, (100, "dan ibu"), (480, "SITI"), height=18))
    lines[-1].words.append(_tick(lines[-1].words[-1].right + 10, 420, 23))
    lines.append(ocr_cells(480, (100, "anak ke"), (480, "SATU"), height=18))
    lines[-1].words.append(_tick(lines[-1].words[-1].right + 10, 475, 18))

    assert [line.text for line in without_flat_marks(lines)] == [
        "telah lahir HAMENGKU BUWONO V",
        "dari ayah SUTRISNO Y",
        "dan ibu SITI V",
        "anak ke SATU V",
    ]


def test_a_capital_after_a_colon_a_dash_or_a_lowercase_word_is_the_value_not_a_tick() -> None:
    # A capital after a colon, a dash or x-height letters rises above them and is taller: it is still the
    # value (`Dusun : V`, `Jl. Mawar no V`, `PAAL - V`), a tick follows a value's capitals or digits.
    def line(y: int, *words: tuple[str, int, int]) -> Line:
        out, x = [], 100
        for text, top, height in words:
            out.append(
                OcrWord(
                    text=text,
                    confidence=0.9,
                    left=x,
                    top=y + top,
                    width=14 * len(text),
                    height=height,
                    line=y,
                )
            )
            x += 14 * len(text) + 10
        return Line(out)

    lines = [
        line(300, ("Dusun", 0, 18), (":", 5, 10), ("V", 0, 18)),
        line(360, ("Jl.", 0, 18), ("Mawar", 0, 18), ("no", 6, 12), ("V", 0, 18)),
        line(420, ("PAAL", 0, 18), ("-", 8, 3), ("V", 0, 18)),
    ]

    assert [ln.text for ln in without_flat_marks(lines)] == ["Dusun : V", "Jl. Mawar no V", "PAAL - V"]


def test_a_tick_with_a_stray_stop_or_quote_after_it_is_still_no_part_of_the_value() -> None:
    # The review's case: the tick's tail or a speck read after it (`V .`, `Y '`, `V |`) left the tick last
    # but one, and it stayed in the value.
    lines = []
    for y, value, tick, stray in (
        (300, "YOGA SETIAWAN", "V", "."),
        (360, "BATANGHARI", "Y", "'"),
        (420, "FITRI SETIAWAN", "V", "|"),
    ):
        line = ocr_cells(y, (100, "dari ayah"), (480, value), height=18)
        line.words.append(_tick(line.words[-1].right + 18, y - 5, 23, tick))
        line.words.append(_tick(line.words[-1].right + 6, y + 10, 8, stray, width=6))  # the speck after it
        lines.append(line)
    # A tick read as a lone quote is still a tick (it is not taken for a speck after the value).
    quoted = ocr_cells(540, (100, "anak ke"), (480, "DUA"), height=18)
    quoted.words.append(_tick(quoted.words[-1].right + 18, 535, 23, "’"))
    # The guard: a stop after a value with no tick stays as read (the parsers take it off).
    lines += [ocr_cells(480, (100, "dan ibu"), (480, "SITI AMINAH ."), height=18), quoted]

    assert [line.text for line in without_flat_marks(lines)] == [
        "dari ayah YOGA SETIAWAN",
        "dari ayah BATANGHARI",
        "dari ayah FITRI SETIAWAN",
        "dan ibu SITI AMINAH .",
        "anak ke DUA",
    ]
