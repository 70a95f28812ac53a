"""A second look: crops read again in isolation, all in one engine call.

Tesseract misreads some short or isolated items on a full page (a lone `-` or `A` in a table cell, a code
like `6303-LT-...` beside a misread colon) that it reads correctly alone on a line. The crops are laid side by
side on a white strip, read once, and each word goes back to the crop under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from ektp.ocr.engine import GreyImage, OcrEngine, OcrWord

Box = tuple[int, int, int, int]  # left, top, right, bottom
GAP = 48  # white space between crops: far more than a word gap, so the engine never joins two crops
MAX_REREAD = 30  # weakest words read again per page (bounds the extra time)
# Widest strip line: Tesseract refuses an image over 32,767 px a side ("Image too large"), and a table's many
# cells read again in one line would pass it; longer lines wrap.
MAX_STRIP_WIDTH = 8000


INK_HEIGHT = 32  # px: crops are scaled so their ink is this tall (engines skip tiny lone characters)
# A short item (a lone glyph or a code such as `AB+`, not a phrase): ink at most this many times wider than
# tall, in at most this many marks (three glyphs and a speck). A phrase cut with the foot of the row above it
# is as tall as it is wide, but has many marks.
SHORT_ITEM = 4.0
SHORT_ITEM_MARKS = 4


class _Crop(NamedTuple):
    image: GreyImage
    glyph: bool  # scaled up as a lone glyph (see `_ink_crop`)
    mark: bool  # one small mark, at most a third of the box tall: a dash, nothing for the engine to read


def _ink_crop(
    image: GreyImage, box: Box, glyph_height: int | None = None, *, phrase_too: bool = False
) -> _Crop | None:
    """The box cut tight around its ink, padded and scaled; None when the box holds no ink.

    With `glyph_height`, a short item (a lone glyph, `AB+`; any item with `phrase_too`) is scaled up until
    its ink is that tall: the engine misreads a lone round glyph at small-print size (`O` as `fe)`)."""
    h, w = image.shape
    left, top, right, bottom = box
    crop = image[max(0, top) : min(h, bottom), max(0, left) : min(w, right)]
    if crop.size == 0:
        return None
    ys, xs = np.nonzero(crop < 128)
    if ys.size < 4:
        return None
    tight = crop[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    ink_h, ink_w = tight.shape
    marks = int(cv2.connectedComponents(np.asarray(tight < 128, np.uint8))[0]) - 1  # less the background
    short = ink_w <= SHORT_ITEM * ink_h and marks <= SHORT_ITEM_MARKS
    glyph = False
    if ink_h < INK_HEIGHT / 2:
        # A dash is flat: scale by the crop's line height instead, so it stays a dash and does not become a bar.
        scale = min(4.0, INK_HEIGHT / max(ink_h, crop.shape[0] / 3))
    elif glyph_height is not None and (phrase_too or short):
        scale, glyph = min(4.0, max(1.0, glyph_height / ink_h)), True
    else:
        scale = 1.0
    mark = marks == 1 and ink_w >= ink_h and 3 * ink_h <= crop.shape[0]  # one mark, a third of the box tall
    tight = np.asarray(cv2.resize(tight, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC), np.uint8)
    pad = INK_HEIGHT // 2
    padded = cv2.copyMakeBorder(tight, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return _Crop(np.asarray(padded, np.uint8), glyph, mark)


def _lay_out(lines: list[list[GreyImage]]) -> tuple[GreyImage, list[list[Box]]]:
    """Lines of crops on one white page, GAP apart (far more than a word gap, so the engine never joins two
    crops), and where each crop went."""
    heights = [max(c.shape[0] for c in line) for line in lines]
    width = max(sum(c.shape[1] + GAP for c in line) for line in lines) + GAP
    page = np.full((sum(heights) + GAP * (len(lines) + 1), width), 255, np.uint8)
    where: list[list[Box]] = []
    y = GAP
    for line, line_height in zip(lines, heights, strict=True):
        x, row = GAP, []
        for crop in line:
            top = y + (line_height - crop.shape[0]) // 2
            page[top : top + crop.shape[0], x : x + crop.shape[1]] = crop
            row.append((x, top, x + crop.shape[1], top + crop.shape[0]))
            x += crop.shape[1] + GAP
        where.append(row)
        y += line_height + GAP
    return page, where


def _wrap(line: Sequence[tuple[int | None, GreyImage]]) -> list[list[tuple[int | None, GreyImage]]]:
    """A line of crops cut into lines at most MAX_STRIP_WIDTH wide (with their gaps)."""
    out: list[list[tuple[int | None, GreyImage]]] = [[]]
    width = GAP
    for item in line:
        step = item[1].shape[1] + GAP
        if out[-1] and width + step > MAX_STRIP_WIDTH:
            out.append([])
            width = GAP
        out[-1].append(item)
        width += step
    return out


def reread(
    engine: OcrEngine,
    image: GreyImage,
    boxes: list[Box],
    *,
    glyph_height: int | None = None,
    context: Sequence[Box] = (),
) -> list[tuple[str, float] | None]:
    """Read each box again: the crops are laid side by side in a line (engines read a lone character in a
    line of text far better than alone), and each word goes back to the crop under it.

    A crop whose ink is one small mark is a printed dash and is answered without the engine. With
    `glyph_height`, short items are scaled up and laid on a line of their own (an engine sizes a line by most
    of its text, and skips glyphs three times taller than the rest), between the `context`: boxes of words
    the page read well, at the same size, whose words are dropped. A line of lone glyphs holds no text for the
    engine's layout analysis (Tesseract returns nothing for a lone `O` beside dashes); a word of the same print
    gives it one."""
    crops = [_ink_crop(image, box, glyph_height) for box in boxes]
    out: list[tuple[str, float] | None] = [DASH if c is not None and c.mark else None for c in crops]
    todo = [(i, c) for i, c in enumerate(crops) if c is not None and not c.mark]
    if not todo:
        return out
    glyphs: list[tuple[int | None, GreyImage]] = [(i, c.image) for i, c in todo if c.glyph]
    if glyphs:
        scaled = (_ink_crop(image, box, glyph_height, phrase_too=True) for box in context)
        around: list[tuple[int | None, GreyImage]] = [(None, c.image) for c in scaled if c is not None]
        half = (len(around) + 1) // 2
        glyphs = around[:half] + glyphs + around[half:]  # the glyphs between words, as in a line of text
    lines = [
        chunk
        for line in (glyphs, [(i, c.image) for i, c in todo if not c.glyph])
        for chunk in _wrap(line)
        if chunk
    ]
    strip, where = _lay_out([[crop for _, crop in line] for line in lines])
    page = engine.recognize(strip)
    for line, placed in zip(lines, where, strict=True):
        for (i, crop), (left, top, right, bottom) in zip(line, placed, strict=True):
            if i is None:
                continue  # context: its words only help the engine read the others
            words = [
                wd
                for wd in page.words
                if left - GAP / 2 <= wd.cx < right + GAP / 2 and top - GAP / 2 <= wd.cy < bottom + GAP / 2
            ]
            if words:
                out[i] = (" ".join(wd.text for wd in words), sum(wd.confidence for wd in words) / len(words))
            else:
                out[i] = _dash(crop)
    return out


DASH = ("-", 0.5)


def _dash(crop: GreyImage) -> tuple[str, float] | None:
    """A crop whose ink is one small mark at mid-height, wider than tall, is a printed dash: engines skip a
    lone `-`, and on a blurred 150 dpi scan it shrinks to a few pixels."""
    ys, xs = np.nonzero(crop < 128)
    if ys.size < 4:
        return None
    bh, bw = int(ys.max() - ys.min() + 1), int(xs.max() - xs.min() + 1)
    if bw >= bh and bh <= 0.5 * INK_HEIGHT:
        return DASH
    return None


def improve_words(
    engine: OcrEngine, image: GreyImage, words: list[OcrWord], threshold: float
) -> list[OcrWord]:
    """Words read with low confidence, read again alone; the more confident reading wins."""
    typical = _typical_height(words)
    weak = [
        i
        for i, wd in enumerate(words)
        if wd.confidence < threshold and any(c.isalnum() for c in wd.text) and not _is_leader(wd, typical)
    ]
    weak = sorted(weak, key=lambda i: words[i].confidence)[:MAX_REREAD]
    boxes = [_own_box(words, i, threshold) for i in weak]
    out: list[OcrWord | list[OcrWord]] = list(words)
    for i, again in zip(weak, reread(engine, image, boxes), strict=True):
        if again is not None and again[1] >= threshold:  # only a confident second reading replaces the first
            out[i] = _split_word(words[i], again[0], again[1])
    flat: list[OcrWord] = []
    for item in out:
        flat.extend(item if isinstance(item, list) else [item])
    return flat


REREAD_PAD = 6  # px around a word read again: its ink's edges, not its neighbours'


def _own_box(words: list[OcrWord], i: int, sure: float = 0.0) -> Box:
    """The word's box padded, and cut before any other word of its line (as tall as half of it or more: no
    speck) read at least `sure`ly that stands whole inside it: the engine's box for a weak word can span its
    neighbours (`: 010 / 001` as one word `1010`), and read again they came back twice (`010 / / 001 001`). A
    neighbour read unsurely is read again itself, and is left in (cutting boxes changes the strip all crops are
    read on, and with it the engine's other readings). Never cut to less than half the word: a box that small
    is the engine's own misplacement, left as it was."""
    word = words[i]
    left, right = word.left - REREAD_PAD, word.right + REREAD_PAD
    bottom = word.top + word.height
    for j, other in enumerate(words):
        overlap = min(bottom, other.top + other.height) - max(word.top, other.top)
        if (
            j == i
            or overlap < 0.5 * word.height
            or other.height < 0.5 * word.height
            or other.confidence < sure
        ):
            continue  # not a word of the word's line, a speck, or read again itself
        if word.left < other.left and other.right <= right:
            right = min(right, other.left - 1)
        elif left <= other.left and other.right < word.right and other.left < word.left:
            left = max(left, other.right + 1)
    if right - left < word.width // 2:
        return (word.left - REREAD_PAD, word.top - REREAD_PAD, word.right + REREAD_PAD, bottom + REREAD_PAD)
    return (left, word.top - REREAD_PAD, right, bottom + REREAD_PAD)


# A printed word is at least this share of the page's typical word height, and at most this many of its own
# heights wide (a 16-digit NIK is about 10, a label glued to its value 25).
LEADER_MAX_HEIGHT = 0.4
WORD_MAX_ASPECT = 40


def _typical_height(words: list[OcrWord]) -> int:
    """The median height of the words that read as words (two letters or digits at least)."""
    heights = sorted(w.height for w in words if sum(c.isalnum() for c in w.text) >= 2)
    return heights[len(heights) // 2] if heights else 0


def _is_leader(word: OcrWord, typical: int) -> bool:
    """A run of leader dots or a rule's fragment the engine read as letters (`........oooocWdenn`, 3 px tall and
    700 wide on a SIAK print): no word to read again. Scaled to a word's ink height its crop is thousands of
    pixels of dots, and one such strip cost Tesseract 20 s."""
    return word.height < LEADER_MAX_HEIGHT * typical or word.width > WORD_MAX_ASPECT * max(word.height, 1)


def _split_word(word: OcrWord, text: str, confidence: float) -> list[OcrWord]:
    """The new reading of one box; several words (a label glued to its value, `Kelahiran:3601-...`) get
    slices of the box in proportion to their length, so the line and segment logic still applies."""
    parts = text.split()
    total = sum(len(p) for p in parts) + len(parts) - 1
    out = []
    x = word.left
    for part in parts:
        width = max(1, round(word.width * len(part) / max(total, 1)))
        out.append(
            word.model_copy(update={"text": part, "confidence": confidence, "left": x, "width": width})
        )
        x += width + round(word.width / max(total, 1))
    return out
