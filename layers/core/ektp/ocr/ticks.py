"""A form's closed choice printed as a list of options, each after a box of its own, the chosen one ticked (or
crossed, or filled) by hand: `[ ] 1. Pekerjaan  [v] 2. Pendidikan  [ ] 3. Keamanan`. The engines read a tick
as a glyph or two (`wa`, `M:`) that eats the option's number, and the box's other options as text, so the
text alone cannot say which was chosen; the page's ink can. Each option's box stands just left of its text:
the box whose ink stands well above the others' is the choice.

A list whose options have no box each (a form that prints one box for the chosen NUMBER before the list, or a
list of options and the chosen one written after it) is no tick list: nothing is said of it here."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import numpy as np
from rapidfuzz import fuzz

from ektp.ocr.engine import GreyImage, OcrWord
from ektp.ocr.text import compact

OPTION_SCORE = 85  # similarity of an option's words to its printed text (a letter or two misread)
MIN_OPTIONS = 3  # options found with their box, at least: a list, not a phrase that names one option
BOX_REACH = 3.5  # text heights left of an option's text where its box (and number) stand
BOX_GAP = 0.15  # text heights between the box's region and the option's first letter
BOX_ABOVE, BOX_BELOW = (
    0.6,
    0.25,
)  # text heights above and below the option's line (a tick rises above its box)
BOX_MIN_INK = (
    0.015  # of the region: a box's four sides drawn there at least (a blank, or a number alone, less)
)
INK_LEVEL = 128.0  # grey level: darker is ink ...
INK_BELOW_PAPER = (
    60.0  # ... and this far below the region's paper (a grey print's light paper, a dark scan's)
)
TICK_OVER = 1.4  # times the other boxes' median ink: a tick, a cross or a fill in the box


@dataclass
class _Option:
    value: str
    first: OcrWord  # the first word of its printed text


def _words_of(option: str) -> list[str]:
    return [compact(w) for w in option.split()]


def _matches(words: list[OcrWord], option: str) -> bool:
    want = _words_of(option)
    if len(words) < len(want):
        return False
    read = "".join(compact(w.text) for w in words[: len(want)])
    return fuzz.ratio(read, "".join(want)) >= OPTION_SCORE


def printed_options(words: list[OcrWord], options: tuple[str, ...]) -> list[_Option]:
    """The options whose text the words print, in order, each taken at its longest reading (`KEPALA KELUARGA
    DAN SELURUH ANGGOTA KELUARGA` is one option, not `KEPALA KELUARGA` and `ANGGOTA KELUARGA`)."""
    longest_first = sorted(options, key=lambda o: -len(_words_of(o)))
    found: list[_Option] = []
    i = 0
    while i < len(words):
        option = next((o for o in longest_first if _matches(words[i:], o)), None)
        if option is None:
            i += 1
            continue
        found.append(_Option(option, words[i]))
        i += len(_words_of(option))
    return found


def _region_ink(page: GreyImage, option: _Option, words: list[OcrWord], h: float) -> float | None:
    """The ink share of the region left of the option's text, less the option's number read as such; None when
    another word of letters stands there (the previous option's text: no box of this option's there)."""
    first = option.first
    x0, x1 = int(first.left - BOX_REACH * h), int(first.left - BOX_GAP * h)
    y0, y1 = int(first.top - BOX_ABOVE * h), int(first.top + first.height + BOX_BELOW * h)
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(page.shape[1], x1), min(page.shape[0], y1)
    if h < 1 or x1 - x0 < h or y1 - y0 < h:
        return None
    region = page[y0:y1, x0:x1]
    ink = region < min(INK_LEVEL, float(np.percentile(region, 95)) - INK_BELOW_PAPER)
    for w in words:
        if w is first or w.right <= x0 or w.left >= x1 or w.top + w.height <= y0 or w.top >= y1:
            continue
        letters = sum(c.isalpha() for c in w.text)
        if letters >= 3 and w.right > x0 + (x1 - x0) / 2:
            return None  # a word of the previous option's text runs into the box's place
        if not letters:  # the option's number (`2`, `3.`): print, not the box's ink
            ink[max(0, w.top - y0) : w.top + w.height - y0, max(0, w.left - x0) : w.right - x0] = False
    return float(ink.mean())


@dataclass(frozen=True)
class TickReading:
    """What a list of options after boxes says: the ticked option (None when no box alone stands out), whether
    the words are a tick list at all, and how far the most inked box stands above the others' median."""

    choice: str | None
    is_tick_list: bool
    contrast: float


_NO_TICK_LIST = TickReading(None, False, 0.0)


def read_ticks(page: GreyImage, words: list[OcrWord], options: tuple[str, ...]) -> TickReading:
    """The boxes' ink read once. `page`: the page the words were read from as printed (dark print on light
    paper, the boxes' walls not taken away), in the words' pixels."""
    found = printed_options(words, options)
    if len(found) < MIN_OPTIONS:
        return _NO_TICK_LIST
    h = median(w.height for w in words)
    inks = [_region_ink(page, option, words, h) for option in found]
    boxed = [(ink, option) for ink, option in zip(inks, found, strict=True) if ink is not None]
    if len(boxed) < MIN_OPTIONS or any(ink < BOX_MIN_INK for ink, _ in boxed):
        return _NO_TICK_LIST  # not every option after a box: a list of options, not a tick list
    ranked = sorted(boxed, key=lambda b: -b[0])
    (best_ink, best), (second_ink, _) = ranked[0], ranked[1]
    others = median(ink for ink, _ in ranked[1:])
    contrast = best_ink / max(others, 1e-6)
    # Above the others' median, and above the next box alone as well: one box marked, not two (none ticked,
    # two, or a stamp over several: a tick list that gives no choice).
    ticked = best_ink >= TICK_OVER * max(others, second_ink)
    return TickReading(best.value if ticked else None, True, contrast)


def ticked_option(page: GreyImage, words: list[OcrWord], options: tuple[str, ...]) -> tuple[str | None, bool]:
    """(the ticked option or None, whether the words are a tick list at all)."""
    reading = read_ticks(page, words, options)
    return reading.choice, reading.is_tick_list
