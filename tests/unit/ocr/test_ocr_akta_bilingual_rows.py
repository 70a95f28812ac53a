"""The 2008-2016 bilingual Kutipan as a scan reads it once its dotted lines are gone: each phrase of the birth
sentence on a row of its own, the value right of it, the English gloss under it (dropped before parsing, so
the rows are further apart than body text), a gloss misread in its small italics, and a leader between
`Nomor` and the number read as a dash."""

from __future__ import annotations

from ektp.ocr.extract import parse_akta
from ektp.ocr.gloss import drop_glosses
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line

TRUTH = {
    "number": "1214-LT-21042002-7544",
    "nik": "1214046104020014",
    "name": "ROMAULI BR SITOMPUL",
    "place_of_birth": "NIAS SELATAN",
    "birth_date": "2002-04-21",
    "sex": "PEREMPUAN",
    "father_name": "JUNTAK ROBERT SITOMPUL",
    "mother_name": "MARIA BR SINAGA",
}


ROWS: list[tuple[str, tuple[str, ...], str]] = [
    ("bahwa di", ("NIAS SELATAN",), "that in"),
    ("pada tanggal", ("DUA PULUH SATU APRIL DUA RIBU DUA",), "on"),
    ("telah lahir", ("ROMAULI BR SITOMPUL",), "wus born"),
    ("anak ke", ("SATU, PEREMPUAN",), "child no."),
    ("dari ayah", ("JUNTAK ROBERT SITOMPUL",), "rom father"),  # the `f` lost
    ("dan ibu", ("MARIA BR SINAGA",), "Jsom tather"),  # read worse still
]


def _page(rows: list[tuple[str, tuple[str, ...], str]] = ROWS, pitch: int = 88, wrap: int = 41) -> list[Line]:
    """The page's lines: heading, NIK, the number's row, then a row per phrase `pitch` px apart, a value's
    second line `wrap` px under its first (a stray quote read before it), the gloss under the phrase."""
    lines = [
        ocr_line(112, "REPUBLIK INDONESIA"),
        ocr_line(136, "REPUBLIC OF INDONESIA"),
        ocr_line(379, "KUTIPAN AKTA KELAHIRAN"),
        ocr_line(487, "NIK : 1214046104020014"),
        ocr_line(578, "Berdasarkan Akta Kelahiran Nomor", "— 1214-LT-21042002-7544"),
        ocr_line(600, "By virtue of Birth Certificate No."),
    ]
    y = 578
    for phrase, values, gloss in rows:
        y += pitch
        lines += [ocr_line(y, phrase, values[0]), ocr_line(y + 24, gloss)]
        for more in values[1:]:
            y += wrap
            lines.append(ocr_line(y, '"', more, x=380))
    return [*lines, ocr_line(y + 140, "Kutipan ini dikeluarkan di Nias Selatan")]


def test_rows_of_the_sentence_set_wider_than_body_text_are_one_sentence() -> None:
    got = {k: f.value for k, f in parse_akta(drop_glosses(_page())).as_dict().items()}
    assert got == TRUTH


def test_a_value_wrapped_onto_a_second_line_keeps_the_rows_together() -> None:
    rows = list(ROWS)
    rows[1] = ("pada tanggal", ("TUJUH AGUSTUS SERIBU", "SEMBILAN RATUS SEMBILAN PULUH DELAPAN"), "on")
    got = {k: f.value for k, f in parse_akta(drop_glosses(_page(rows))).as_dict().items()}
    assert got["birth_date"] == "1998-08-07"
    assert got["name"] == "ROMAULI BR SITOMPUL" and got["mother_name"] == "MARIA BR SINAGA"


def test_a_misread_gloss_line_is_dropped_and_a_value_line_is_not() -> None:
    kept = [ln.text for ln in drop_glosses([ocr_line(0, "rom father"), ocr_line(40, "Jsom tather")])]
    assert kept == []
    values = [ocr_line(0, "di", "BATANGHARI"), ocr_line(40, "Kutipan ini dikeluarkan di Batanghari")]
    assert [ln.text for ln in drop_glosses(values)] == [ln.text for ln in values]


def test_rows_off_the_pitch_end_the_sentence() -> None:
    lines = drop_glosses(_page())
    signature = ocr_line(int(lines[-1].cy) + 60, "dan ibu", "SITI AMINAH")  # a later block, not the sentence
    got = {k: f.value for k, f in parse_akta([*lines, signature]).as_dict().items()}
    assert got["mother_name"] == "MARIA BR SINAGA"


def test_parents_introduced_as_seorang_ayah_and_seorang_ibu_bernama() -> None:
    lines = [
        ocr_line(100, "Bahwa di GRESIK pada tanggal SEMBILAN BELAS MARET SERIBU SEMBILAN RATUS"),
        ocr_line(130, "DELAPAN PULUH TUJUH telah lahir YULI SRI WIDODO, anak ke-1, PEREMPUAN, dari"),
        ocr_line(160, "seorang ayah bernama BUDI WIDODO dan seorang ibu bernama SUMARNI NUGROHO."),
    ]
    got = {k: f.value for k, f in parse_akta(lines).as_dict().items()}
    assert (got["father_name"], got["mother_name"]) == ("BUDI WIDODO", "SUMARNI NUGROHO")
