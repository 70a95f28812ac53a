"""A choice printed as a list of options each after a box of its own, the chosen box ticked by hand (round 15's
skpwni-isian-tangan): the engines read the tick as a glyph or two that eats the option's number (`HM 3. Kepala
...`, `Ms Antar Provinsi`), so the text named no option or the wrong one; the boxes' ink says which
(`ektp.ocr.ticks`)."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.text import strip_leaders
from ektp.ocr.ticks import ticked_option
from tests.unit.ocr.conftest import ocr_cells, ocr_line

H = 20  # text height, px
OPTIONS = ["1. Pekerjaan", "2. Pendidikan", "3. Keamanan", "4. Kesehatan", "5. Perumahan", "6. Keluarga"]


def _list(ticked: int | None, boxes: bool = True, one_box: bool = False) -> tuple[np.ndarray, list[OcrWord]]:
    """Options three to a row, each a box then its number and text; `ticked` (0-based) ticked by hand."""
    page = np.full((300, 1500), 245, np.uint8)
    words: list[OcrWord] = []
    for i, option in enumerate(OPTIONS):
        x, y = 300 + 400 * (i % 3), 60 + 60 * (i // 3)
        if (boxes and not one_box) or (one_box and i == 0):
            cv2.rectangle(page, (x - 34, y - 2), (x - 10, y + 22), 30, 2)
        if i == ticked:
            cv2.polylines(
                page, [np.array([[x - 30, y + 8], [x - 22, y + 20], [x - 6, y - 10]])], False, 20, 3
            )
        number, name = option.split()
        read = "HM" if i == ticked else number  # the tick and the number read as one glyph pair
        words += ocr_cells(y, (x, read), (x + 40, name), height=H).words
    return page, words


def test_the_ticked_box_is_the_choice_whatever_the_text() -> None:
    for ticked in (0, 4, 5):
        page, words = _list(ticked)
        assert ticked_option(page, words, t.MOVE_REASONS) == (t.MOVE_REASONS[ticked], True)


def test_a_tick_list_with_no_box_ticked_says_no_choice() -> None:
    page, words = _list(None)
    assert ticked_option(page, words, t.MOVE_REASONS) == (None, True)


def test_guard_a_list_without_a_box_per_option_is_no_tick_list() -> None:
    # The F-1.03 as printed: one box for the chosen NUMBER before the list (read by the number), or no box.
    for page, words in (_list(None, one_box=True), _list(None, boxes=False)):
        assert ticked_option(page, words, t.MOVE_REASONS) == (None, False)
    page, words = _list(None)
    assert ticked_option(page, words[:4], t.MOVE_REASONS) == (None, False)  # two options: a phrase, no list


def test_the_longest_option_is_one_option_not_two() -> None:
    from ektp.ocr.ticks import printed_options

    words = ocr_line(10, "1. Kepala Keluarga", "2. Kepala Keluarga Dan Seluruh Anggota Keluarga").words
    assert [o.value for o in printed_options(words, t.MOVE_TYPES)] == [
        "KEPALA KELUARGA",
        "KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA",
    ]


def test_a_handwritten_lines_dots_read_as_rings_are_a_leader() -> None:
    # Before: `UJUNGPANGKAH........oooooooo` kept its dots and rings, no district matched it.
    lines = strip_leaders([ocr_line(10, "Kecamatan", "UJUNGPANGKAH........oooooooo", "oooooo")])
    assert [w.text for w in lines[0].words] == ["Kecamatan", "UJUNGPANGKAH"]
    kept = strip_leaders([ocr_line(10, "Nama", "BOO", "OO", "JL.")])  # guard: a value's own O's and stops
    assert [w.text for w in kept[0].words] == ["Nama", "BOO", "OO", "JL."]


def test_an_skpwni_reads_its_reason_from_the_ticked_box() -> None:
    from ektp.ocr.engine import OcrPage
    from ektp.ocr.extract import parse_skpwni
    from ektp.ocr.text import page_lines

    page, words = _list(4)
    label = ocr_cells(60, (20, "12. Alasan Pindah"), (220, ":"), height=H).words
    nik = ocr_cells(10, (20, "NIK Pemohon"), (220, ": 1504046611020017"), height=H).words
    lines = page_lines(OcrPage(width=1500, height=300, words=[*nik, *label, *words]))
    assert parse_skpwni(lines, image=page, grey=page).as_dict()["move_reason"].value == "PERUMAHAN"


def test_a_clear_tick_answers_a_claim_against_the_options_printed_beside_it() -> None:
    # skpwni-isian-tangan (round 15): `ANGGOTA KELUARGA` declared, `KEPALA KELUARGA` ticked; the option's words
    # printed in the list (`... 4. Anggota Keluarga`) were matched, the ticked choice read less than surely.
    from ektp.domain.claims import check_claims
    from ektp.ocr.engine import OcrPage
    from ektp.ocr.extract import parse_skpwni
    from ektp.ocr.text import page_lines

    page, words = _list(4)
    label = ocr_cells(60, (20, "12. Alasan Pindah"), (220, ":"), height=H).words
    lines = page_lines(OcrPage(width=1500, height=300, words=[*label, *words]))
    read = parse_skpwni(lines, image=page, grey=page).as_dict()
    assert read["move_reason"].confidence >= 0.9
    fields = {k: {"value": f.value, "confidence": f.confidence} for k, f in read.items()}
    text = [line.text for line in lines]
    assert check_claims({"move_reason": "KELUARGA"}, text, fields)["move_reason"].status == "mismatch"
    assert check_claims({"move_reason": "PERUMAHAN"}, text, fields)["move_reason"].status == "match"


def test_two_boxes_marked_say_no_choice() -> None:
    # The reviewer's case (session 24): two ticks (or a tick and a scribbled-out one): the most inked of the
    # two was taken, as a sure reading.
    page, words = _list(0)
    x, y = 300 + 400 * 1, 60 + 60 * 1  # the fifth option's box
    cv2.polylines(page, [np.array([[x - 30, y + 8], [x - 22, y + 20], [x - 6, y - 10]])], False, 20, 3)
    assert ticked_option(page, words, t.MOVE_REASONS) == (None, True)


def test_a_page_of_flat_words_does_not_crash() -> None:
    page, words = _list(4)
    flat = [w.model_copy(update={"height": 0}) for w in words]
    assert ticked_option(page, flat, t.MOVE_REASONS)[0] is None
