"""Two documents side by side in one image: a Kutipan photocopied beside its sworn translation, a KTP laid
beside the KK on a scanner's glass, a copy shop's sheet of one card copied several times. Read as one page,
each printed line runs on into the other document's line at the same height ("telah lahir ARIF SAPUTRA the
child number : four (4)").

A page's own two columns (a form's origin and destination, a KK's header in two halves) stand apart by a
blank strip just as well, so the strip alone parts nothing. The sides are two documents when each OPENS with
a document's own title (a civil-registry title, or its English name as a translation heads it) and only one
of them names the kind asked for: that side is read alone, and kept when it reads at least as well alone as
the whole page. Or they are copies of one document (two sides each recognised as the kind, a card's face
printing no title): both are read alone and one is kept only when every field both read agrees
(`pipeline._read_one_document`); two documents of one kind that differ (two people's cards, an old card and a
changed copy) leave the page read whole, as before."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import numpy as np
from rapidfuzz import fuzz

from ektp.ocr.classify import classify, document_title, heads_a_document
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.models import DocumentKind, Field
from ektp.ocr.text import page_lines

GUTTER_MIN = 2.5  # text heights: a blank strip narrower is a word gap of one document's line
GUTTER_REACH = (0.25, 0.75)  # of the text's width: a strip nearer an edge leaves a margin note, not a page
SIDE_MIN_LINES = 6  # printed lines each side holds at least: a document, not a caption or a stamp's text
SIDE_MIN_HEIGHT = 0.5  # of the page's text height each side's print spans: a sheet, not a block of it
MIN_WORDS = 30


@dataclass
class Sides:
    left: OcrPage
    right: OcrPage


def _text_words(words: list[OcrWord]) -> list[OcrWord]:
    """Words of two letters or digits at least: a speck or a sheet's shadowed edge read as `|` parts no page."""
    return [w for w in words if sum(c.isalnum() for c in w.text) >= 2]


def _widest_blank(words: list[OcrWord], height: float) -> tuple[int, int] | None:
    """The widest strip, top to bottom, that no word's box crosses, within GUTTER_REACH of the text's width."""
    x0 = min(w.left for w in words)
    x1 = max(w.right for w in words)
    covered = np.zeros(x1 - x0 + 1, dtype=bool)
    for w in words:
        covered[w.left - x0 : w.right - x0 + 1] = True
    lo = x0 + int(GUTTER_REACH[0] * (x1 - x0))
    hi = x0 + int(GUTTER_REACH[1] * (x1 - x0))
    best: tuple[int, int] | None = None
    start: int | None = None
    for x in range(lo, hi + 1):
        blank = not covered[x - x0]
        if blank and start is None:
            start = x
        if (not blank or x == hi) and start is not None:
            end = x if blank else x - 1
            if best is None or end - start > best[1] - best[0]:
                best = (start, end)
            start = None
    if best is None or best[1] - best[0] < GUTTER_MIN * height:
        return None
    return best


def _spans_enough(side: list[OcrWord], top: int, bottom: int) -> bool:
    lines = page_lines(OcrPage(width=1, height=1, words=side))
    if len(lines) < SIDE_MIN_LINES:
        return False
    reach = max(w.top + w.height for w in side) - min(w.top for w in side)
    return reach >= SIDE_MIN_HEIGHT * (bottom - top)


HEADER_MAX = 0.3  # of the text's height: a header across both documents (an app's bars, a sheet's heading)


def split_sides(page: OcrPage) -> Sides | None:
    """The page's words in two sides parted by a blank strip from under a header (if any) to the bottom, each
    side a sheet's worth of print; None when no such strip parts them. A header across the whole page (a
    browser's bars and a site's heading over a card's photo beside a form, a sheet's title over two copies)
    belongs to neither side and is left out of both."""
    words = _text_words(page.words)
    if len(words) < MIN_WORDS:
        return None
    height = median(w.height for w in words)
    top = min(w.top for w in words)
    bottom = max(w.top + w.height for w in words)
    for cut in sorted({w.top for w in words if w.top <= top + HEADER_MAX * (bottom - top)}):
        below = [w for w in words if w.top >= cut]
        gutter = _widest_blank(below, height) if len(below) >= MIN_WORDS else None
        if gutter is None:
            continue
        middle = (gutter[0] + gutter[1]) / 2
        left = [w for w in page.words if w.top >= cut and w.cx < middle]
        right = [w for w in page.words if w.top >= cut and w.cx >= middle]
        if not all(_spans_enough(_text_words(side), cut, bottom) for side in (left, right)):
            continue  # a strip between a form's labels and values in the header's last rows, not two sheets
        return Sides(
            OcrPage(width=page.width, height=page.height, words=left),
            OcrPage(width=page.width, height=page.height, words=right),
        )
    return None


HEAD_LINES = (
    8  # a document's title stands among its first printed lines (a letterhead's two or three before it)
)


@dataclass
class Beside:
    """Two documents side by side: the one titled as the kind asked for (`side`), or two copies of it."""

    side: OcrPage | None = None
    copies: tuple[OcrPage, OcrPage] | None = None


def _text(page: OcrPage, lines: int | None = None) -> str:
    return "\n".join(line.text for line in page_lines(page)[:lines])


def documents_beside(kind: DocumentKind, page: OcrPage, min_score: float) -> Beside | None:
    """The page's two sides when they are two documents, as `Beside`; None for a page of one document."""
    sides = split_sides(page)
    if sides is None:
        return None
    pair = (sides.left, sides.right)
    heads = [_text(side, HEAD_LINES) for side in pair]
    named = [side for side, head in zip(pair, heads, strict=True) if document_title(head) == kind]
    if all(heads_a_document(head) for head in heads) and len(named) == 1:
        return Beside(side=named[0])
    kinds = [classify(_text(side), min_score)[0] for side in pair]
    if kinds == [kind, kind]:
        return Beside(copies=pair)
    if sorted(kinds, key=str) == sorted([kind, None], key=str):
        return Beside(side=pair[kinds.index(kind)])  # beside a page of no document (a bank's form, a note)
    return None


# Two copies of one document read alike: each field both read within this similarity (a letter or two misread
# on one copy's halftone), and the document's own number exactly.
SAME_VALUE = 90.0
DOCUMENT_NUMBERS = ("nik", "number")


def same_document(first: dict[str, Field], second: dict[str, Field]) -> bool:
    """Whether two readings are of one document: a number naming it read alike on both, and every other field
    both read nearly alike (an old card beside a changed copy of it shares its NIK, not its address)."""
    common = set(first) & set(second)
    numbers = [k for k in DOCUMENT_NUMBERS if k in common]
    if not numbers or any(first[k].value != second[k].value for k in numbers):
        return False
    return all(fuzz.ratio(first[k].value, second[k].value) >= SAME_VALUE for k in common)
