"""Marks the engine reads as text (issue 18): a degraded page's leader dots read as letters (`La`, `kata`, 2 px
tall beside values 19 px tall) and a colon read as a short `1` stood between a KK header's label and its
value, and the value read was the dots' (`Kecamatan La 1 BATIN XXIV`: district `LA`)."""

from __future__ import annotations

import numpy as np

from ektp.ocr import pipeline
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.text import Line, without_flat_marks


def _word(text: str, left: int, right: int, height: int = 19, top: int = 100) -> OcrWord:
    # A mark's box sits at the line's foot, as the leader's dots do.
    return OcrWord(
        text=text, confidence=0.5, left=left, top=top + 19 - height, width=right - left, height=height, line=0
    )


def _line(*words: OcrWord) -> Line:
    return Line(list(words))


HEADER = [
    _line(_word("Nomor", 150, 230), _word("KK", 240, 270), _word(":", 280, 284), _word("1504040411240019", 300, 520)),
    _line(
        _word("Kecamatan", 150, 270),
        _word("La", 340, 371, height=2),
        _word("1", 420, 424, height=13),
        _word("BATIN", 440, 509),
        _word("XXIV", 518, 573),
    ),
    _line(
        _word("Kode", 150, 205),
        _word("Pos...", 214, 279),
        _word("an", 387, 404, height=2),
        _word("11", 497, 514, height=13),
        _word("36656", 526, 593),
    ),
]  # fmt: skip


def test_leader_dots_read_as_letters_are_dropped_and_a_short_one_is_a_colon() -> None:
    lines = without_flat_marks(HEADER)
    assert lines[1].text == "Kecamatan : BATIN XXIV"
    assert lines[2].text == "Kode Pos... : 36656"


class _NoEngine:
    name = "none"

    def recognize(self, image: np.ndarray) -> OcrPage:
        return OcrPage(width=image.shape[1], height=image.shape[0], words=[])


def test_a_kk_headers_values_are_read_past_the_marks() -> None:
    page = OcrPage(width=1000, height=400, words=[w for line in HEADER for w in line.words])
    image = np.full((400, 1000), 255, np.uint8)
    fields, _ = pipeline._parse("kk", HEADER, page, [], image, _NoEngine())
    assert fields["district"].value == "BATIN XXIV"
    assert fields["postal_code"].value == "36656"


def test_guard_a_dash_a_row_number_and_a_digit_of_a_value_keep_their_places() -> None:
    """A flat `-` (an empty cell) has no letter; a `1` first on its line is a row's number; a `1` as tall as
    the line's words is a digit."""
    line = _line(
        _word("1", 10, 20, height=13),
        _word("ANI", 60, 100),
        _word("-", 200, 212, height=2),
        _word("RT", 300, 330),
        _word("1", 340, 350),
        _word("005", 360, 400),
    )
    assert without_flat_marks([line])[0].text == "1 ANI - RT 1 005"


def test_guard_a_dash_read_as_a_short_1_before_the_next_columns_label_stays() -> None:
    """`No. Paspor 1   No. Paspor 1` (kk-biodata-anggota degraded): each `1` an empty cell's dash, the next
    label a column's gap away; it is the value (read as `-` later), no colon."""
    line = _line(
        _word("No.", 186, 216, height=16),
        _word("Paspor", 227, 296, height=21),
        _word("1", 505, 523, height=11),
        _word("No.", 881, 911, height=16),
        _word("Paspor", 922, 991, height=21),
        _word("1", 1200, 1218, height=11),
    )
    assert without_flat_marks([line])[0].text == "No. Paspor 1 No. Paspor 1"


def test_guard_a_long_word_the_engine_boxed_flat_is_kept() -> None:
    """`Pindah:` boxed 3 px tall by the engine (skpwni-label-tengah): a real word, longer than a leader's
    misreading, stays."""
    line = _line(
        _word("Rencana", 85, 156, height=16),
        _word("Tanggal", 163, 228, height=16),
        _word("Pindah:", 236, 323, height=3),
        _word("14-12-2024", 337, 429, height=16),
    )
    assert without_flat_marks([line])[0].text == "Rencana Tanggal Pindah: 14-12-2024"
