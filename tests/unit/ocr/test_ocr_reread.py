"""Second reads: dashes answered from their shape, short cells read large between words of the same print."""

from __future__ import annotations

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrPage, OcrWord
from ektp.ocr.extract import _context_words
from ektp.ocr.reread import DASH, Box, reread

GLYPH = (50, 50, 62, 66)  # ink 12 wide, 16 tall: a lone letter
PHRASE = (50, 150, 170, 166)  # 120 x 16: a phrase, read at the page's size
FLAT = (50, 250, 62, 253)  # 12 x 3: a printed dash
WORD = (300, 50, 370, 66)  # 70 x 16: a word the page read well
WORD2 = (300, 150, 360, 166)


def page(*inked: Box) -> GreyImage:
    image = np.full((400, 600), 255, np.uint8)
    for left, top, right, bottom in inked:
        image[top:bottom, left:right] = 0
    return image


def box_around(ink: Box, pad: int = 8) -> Box:
    return (ink[0] - pad, ink[1] - pad, ink[2] + pad, ink[3] + pad)


class BlobEngine:
    """Reads every inked crop on the strip as one word `<height>x<width>`, and keeps the strips it was given."""

    name = "blob"

    def __init__(self, silent: bool = False) -> None:
        self.strips: list[GreyImage] = []
        self.silent = silent

    def recognize(self, image: GreyImage) -> OcrPage:
        self.strips.append(image)
        ink = np.asarray(image < 128, np.uint8)
        count, _, stats, _ = cv2.connectedComponentsWithStats(ink)
        words = [
            OcrWord(text=f"{h}x{w}", confidence=0.9, left=x, top=y, width=w, height=h, line=1)
            for x, y, w, h, _ in (stats[i] for i in range(1, count))
        ]
        return OcrPage(width=image.shape[1], height=image.shape[0], words=[] if self.silent else words)

    def blobs(self) -> list[tuple[int, int, int, int]]:
        """(left, top, width, height) of each crop on the last strip, left to right."""
        count, _, stats, _ = cv2.connectedComponentsWithStats(np.asarray(self.strips[-1] < 128, np.uint8))
        return sorted((int(s[0]), int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count])


def size(reading: tuple[str, float] | None) -> tuple[int, int]:
    assert reading is not None
    h, w = reading[0].split("x")
    return int(h), int(w)


def test_a_dash_is_answered_from_its_shape_without_the_engine() -> None:
    engine = BlobEngine()
    assert reread(engine, page(FLAT), [box_around(FLAT)], glyph_height=48) == [DASH]
    assert engine.strips == []


def test_default_reread_keeps_the_page_size_and_one_line() -> None:
    engine = BlobEngine()
    image = page(GLYPH, PHRASE, FLAT)
    out = reread(engine, image, [box_around(GLYPH), box_around(PHRASE), box_around(FLAT)])
    assert size(out[0]) == (16, 12) and size(out[1]) == (16, 120) and out[2] == DASH
    assert len({top for _, top, _, _ in engine.blobs()}) == 1  # one line


def test_short_items_read_large_between_context_words_phrases_on_their_own_line() -> None:
    engine = BlobEngine()
    image = page(GLYPH, PHRASE, FLAT, WORD, WORD2)
    boxes = [box_around(GLYPH), box_around(PHRASE), box_around(FLAT)]
    out = reread(engine, image, boxes, glyph_height=48, context=[box_around(WORD), box_around(WORD2)])
    assert len(out) == 3 and out[2] == DASH  # the context words' readings are not answers
    h, w = size(out[0])
    assert abs(h - 48) <= 1 and abs(w - 36) <= 1  # scaled three times
    assert size(out[1]) == (16, 120)  # a phrase is not a glyph: left as printed
    blobs = engine.blobs()
    assert len(blobs) == 4  # both words, the glyph, the phrase; the dash never reached the engine
    glyph_line = [b for b in blobs if b[3] >= 47]
    assert [b[2] for b in glyph_line] == [210, 36, 180]  # word, glyph, word: the glyph between words
    phrase = next(b for b in blobs if b[3] == 16)
    assert phrase[1] > max(b[1] + b[3] for b in glyph_line)  # the phrase on a line below


def test_context_is_not_read_when_there_is_no_glyph() -> None:
    engine = BlobEngine()
    out = reread(
        engine, page(PHRASE, WORD), [box_around(PHRASE)], glyph_height=48, context=[box_around(WORD)]
    )
    assert size(out[0]) == (16, 120)
    assert len(engine.blobs()) == 1


def test_nothing_read_for_a_glyph_is_none_and_empty_boxes_are_none() -> None:
    engine = BlobEngine(silent=True)
    out = reread(engine, page(GLYPH), [box_around(GLYPH), (400, 300, 450, 350)], glyph_height=48)
    assert out == [None, None]


def word(text: str, conf: float, left: int = 0) -> OcrWord:
    return OcrWord(text=text, confidence=conf, left=left, top=10, width=60, height=16, line=1)


def test_context_words_are_the_most_confident_plain_words() -> None:
    words = [
        word("SOPIR", 0.91, 0),
        word("PELAJAR/MAHASISWA", 0.99, 100),  # not plain letters
        word("AB", 0.99, 200),  # too short to make a line of text
        word("PETANI", 0.95, 300),
        word("KARYAWAN", 0.93, 400),
        word("WIRASWASTA", 0.99, 500),  # too long: a wide crop, a slow read
    ]
    assert _context_words(words) == [(296, 6, 364, 30), (396, 6, 464, 30)]
    assert _context_words([word("AB", 0.9)]) == []


def test_a_phrase_cut_with_the_row_above_is_not_read_as_a_glyph() -> None:
    # Five letters and, above them, three cut feet of the row above: the ink is as tall as it is wide, but
    # eight marks are a phrase, read at the page's size on the phrase line.
    letters = [(50 + 14 * k, 60, 60 + 14 * k, 76) for k in range(5)]
    feet = [(55 + 20 * k, 40, 65 + 20 * k, 44) for k in range(3)]
    engine = BlobEngine()
    out = reread(engine, page(*letters, *feet), [(40, 36, 130, 84)], glyph_height=48)
    assert out[0] is not None
    assert max(b[3] for b in engine.blobs()) == 16  # not scaled: a 16 px letter stays 16 px


def test_many_crops_wrap_onto_lines_no_engine_refuses_and_each_answer_returns_to_its_box() -> None:
    """A table's cells read again together once made one strip over 32,767 px wide, which Tesseract refuses
    ("Image too large"): the document failed as if the engine were down. The strip wraps instead."""
    inks = [(20 + 30 * (i % 18), 20 + 22 * (i // 18), 20 + 30 * (i % 18) + 20, 20 + 22 * (i // 18) + 14) for i in range(360)]  # fmt: skip
    image = np.full((900, 600), 255, np.uint8)
    for left, top, right, bottom in inks:
        image[top:bottom, left:right] = 0
    engine = BlobEngine()
    readings = reread(engine, image, [box_around(ink, 3) for ink in inks])
    assert engine.strips and all(max(s.shape) <= 32767 for s in engine.strips)
    assert all(s.shape[1] <= 8000 for s in engine.strips)
    assert [size(r) for r in readings] == [size(readings[0])] * len(inks)  # every crop answered, as read


def test_a_leader_read_as_letters_is_not_read_again_and_a_weak_word_still_is() -> None:
    """A SIAK print's dotted leader read as a word (`........oooocWdenn`, 3 px tall and 700 wide): scaled to a
    word's ink height its crop was thousands of pixels of dots, and one strip of them cost Tesseract 20 s."""
    from ektp.ocr.reread import improve_words

    def word(text: str, box: Box, confidence: float) -> OcrWord:
        left, top, right, bottom = box
        return OcrWord(
            text=text,
            confidence=confidence,
            left=left,
            top=top,
            width=right - left,
            height=bottom - top,
            line=top,
        )

    leader = (20, 300, 580, 303)
    image = page(WORD, WORD2, PHRASE)
    image[300:303, 20:580:8] = 0  # a point every 8 px
    image[300:303, 21:580:8] = 0
    words = [
        word("Nama", WORD, 0.95),
        word("Alamat", WORD2, 0.95),
        word("HAJRAN", PHRASE, 0.3),  # weak: read again
        word("........oooocWdenn", leader, 0.0),  # a leader: not
    ]
    engine = BlobEngine()
    out = improve_words(engine, image, words, 0.6)
    assert len(engine.strips) == 1
    assert [(w, h) for _, _, w, h in engine.blobs()] == [(120, 16)]  # the weak word's crop alone
    assert [w.text for w in out][:2] == ["Nama", "Alamat"] and out[-1].text == "........oooocWdenn"


def test_a_weak_word_whose_box_spans_its_neighbours_is_read_again_alone() -> None:
    """kk-folio-potret: Tesseract read `: 010` as one weak word `1010` whose box ran over the `/ 001` after it;
    read again, the box gave `010 / 001`, and the line became `010 / / 001 001` (the RT/RW lost)."""
    from ektp.ocr.reread import improve_words

    def word(text: str, left: int, right: int, confidence: float) -> OcrWord:
        return OcrWord(
            text=text, confidence=confidence, left=left, top=50, width=right - left, height=16, line=1
        )

    colon_rt, slash, rw = (100, 104), (150, 156), (170, 200)
    image = page(*((a, 50, b, 66) for a, b in (colon_rt, (110, 140), slash, rw)))
    words = [word("1010", 100, 200, 0.3), word("/", 150, 156, 0.9), word("001", 170, 200, 0.95)]
    engine = BlobEngine()
    improve_words(engine, image, words, 0.6)
    assert [w for _, _, w, _ in engine.blobs()] == [4, 30]  # the colon and `010`: not the `/ 001` after them


def test_a_speck_inside_a_weak_words_box_does_not_cut_it() -> None:
    # The review's case: a speck read as a word inside the box cut the weak word's own ink off.
    from ektp.ocr.reread import _own_box

    weak = OcrWord(text="HAJRAN", confidence=0.3, left=100, top=50, width=100, height=20, line=1)
    speck = OcrWord(text=".", confidence=0.5, left=150, top=62, width=3, height=3, line=1)
    below = OcrWord(text="BATIN", confidence=0.9, left=130, top=66, width=60, height=20, line=2)
    assert _own_box([weak, speck, below], 0) == (94, 44, 206, 76)
