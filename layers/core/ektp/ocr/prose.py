"""The akta kelahiran in prose: the Kutipan states the birth in one sentence, not in labelled fields.

    Bahwa di JAKARTA pada tanggal TUJUH MEI DUA RIBU SEBELAS telah lahir BUDI SANTOSO, anak ke-2,
    LAKI-LAKI, dari ayah ... dan ibu ...
    (older) ... telah lahir seorang anak LAKI-LAKI bernama BUDI, anak dari suami-isteri ... dan ...
    (older still) ... pada tanggal ... telah lahir di JAKARTA, seorang anak LAKI-LAKI yang diberi nama BUDI, ...

The fields are the words between the sentence's fixed words (anchors), found whatever the line breaks; an
anchor may be misread by a letter. The sentence is taken from its paragraph (lines spaced as body text), so a
name's trailing full stop or title (`S.E.`) is kept apart from the next paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import median

from rapidfuzz import fuzz

from ektp.domain import written_dates as dates
from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.models import Field
from ektp.ocr.text import Line, make_field
from ektp.ocr.validate import nik_agrees_with_page

ANCHOR_SCORE = 80.0


@dataclass
class Token:
    key: str  # compacted upper case
    word: OcrWord


def _tokens(lines: list[Line]) -> list[Token]:
    out: list[Token] = []
    for w in _rejoined(lines):
        parts = _run_together(w.text)
        glued = _word_then_value(w.text)
        if glued:
            words, value = glued
            out += [Token(p, w.model_copy(update={"text": p.lower()})) for p in words]
            out.append(Token(t.compact(value), w.model_copy(update={"text": value})))
        elif parts:
            out += [Token(p, w.model_copy(update={"text": p.lower()})) for p in parts]
        else:
            out.append(Token(t.compact(w.text), w))
    return out


# The sentence's own words, and the small ones beside them (`anak ke SATU`, `bahwa di`), that a typewriter or
# a narrow font sets close enough for the engine to read as one word (`anakke`, `telahlahirseoranganak`).
_GLUED_WORDS = ("BAHWA", "DI", "PADA", "TANGGAL", "TELAH", "LAHIR", "SEORANG", "ANAK", "KE", "DARI",
                "AYAH", "IBU", "BERNAMA", "DAN", "YANG")  # fmt: skip


def _rejoined(lines: list[Line]) -> list[OcrWord]:
    """The lines' words, a sentence word the engine read as two pieces in small letters (`pa da`, `la hir`)
    made one again: the pieces together are one of the sentence's words and neither is one alone."""
    words = [w for ln in lines for w in ln.words if t.compact(w.text)]
    out: list[OcrWord] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and _pieces_of_a_word(prev.text, w.text) and _beside(prev, w):
            out[-1] = prev.model_copy(
                update={
                    "text": prev.text + w.text,
                    "width": w.right - prev.left,
                    "height": max(prev.height, w.height),
                }
            )
        else:
            out.append(w)
    return out


def _beside(first: OcrWord, second: OcrWord) -> bool:
    """The second word next on the first's printed line (the engine may give each piece a line of its own),
    no wider apart than a letter's height."""
    height = max(first.height, second.height)
    return abs(first.cy - second.cy) < height / 2 and 0 <= second.left - first.right <= height


def _pieces_of_a_word(first: str, second: str) -> bool:
    if not (first.isalpha() and second.isalpha() and first.islower() and second.islower()):
        return False
    pieces = (t.compact(first), t.compact(second))
    return pieces[0] + pieces[1] in _GLUED_WORDS and not any(p in _GLUED_WORDS for p in pieces)


def _run_together(text: str) -> list[str] | None:
    """The sentence words a word read in small letters is made of, when it is two or more of them and
    nothing else; None otherwise. Values are printed in capitals (`DIDI`, `DIAN` are names, never split)."""
    if not any(c.islower() for c in text):
        return None
    found = _glued_words(t.compact(text))
    return found if found and len(found) >= 2 else None


def _fold(text: str) -> str:
    """Accents dropped (`bernamā`: a speck of the stamp over the a)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _word_then_value(text: str) -> tuple[list[str], str] | None:
    """A sentence word in small letters run into the capitals or the digits after it (`bernamaARIF`,
    `ibu/TIURMA`, `tanggal26`): the sentence words and the value, split at the change of case or to digits;
    None for any other word. The Kutipan prints its sentence in small letters and its values in capitals or
    figures, so the change is where the word ends."""
    m = re.match(r"^([a-z]+)[^\w]*([A-Z0-9].*)$", _fold(text))
    if not m or not any(c.isalnum() for c in m.group(2)):
        return None
    words = _glued_words(t.compact(m.group(1)))
    return (words, m.group(2)) if words else None


def _glued_words(key: str) -> list[str] | None:
    """The sentence words `key` is made of, one or more, and nothing else; None otherwise."""
    ways: dict[int, list[str]] = {0: []}  # prefix length -> the words that make it
    for end in range(1, len(key) + 1):
        for word in _GLUED_WORDS:
            start = end - len(word)
            if start in ways and key[start:end] == word and end not in ways:
                ways[end] = [*ways[start], word]
    return ways.get(len(key)) or None


def _is(token: Token, anchor: str) -> bool:
    if _struck(token.word.text, anchor):
        return True
    if len(anchor) <= 4:
        return token.key == anchor
    return token.key == anchor or fuzz.ratio(token.key, anchor) >= ANCHOR_SCORE


# A typewriter's half-struck letter is read as a mark (`ay.h`, `ay-h`, `seora.g`, `Dilahi,kan`): inside a word in
# small letters (the sentence's, never a value's capitals), a mark or two between letters is one letter.
_STRUCK = re.compile(r"(?<=[a-z])[.,-]{1,2}(?=[a-z])")


def _struck(text: str, anchor: str) -> bool:
    """A sentence word in small letters read with one letter struck half (a mark in its place) is `anchor`."""
    word = _fold(text).rstrip(".,:;")
    if not _STRUCK.search(word) or sum(c.isalpha() for c in word) < 2:
        return False
    # The rest of the word is the page's text: matched literally, never as a pattern (`te(l.h` is no regex).
    pattern = "[a-z]".join(re.escape(part) for part in _STRUCK.split(word))
    return re.fullmatch(pattern, anchor.lower()) is not None


def _find(tokens: list[Token], phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> int:
    """Index of the first token of `phrase` in tokens[start:end], or -1."""
    stop = len(tokens) if end is None else min(end, len(tokens))
    for i in range(start, stop - len(phrase) + 1):
        if all(_is(tokens[i + j], a) for j, a in enumerate(phrase)):
            return i
    return -1


def _find_last(tokens: list[Token], phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> int:
    """Index of the first token of the last `phrase` in tokens[start:end], or -1."""
    found = -1
    while (i := _find(tokens, phrase, found + 1 if found >= 0 else start, end)) >= 0:
        found = i
    return found


def _date_then_place(span: list[Token], out: dict[str, Field]) -> None:
    """The words between `tanggal` and `telah lahir`: the date, whole ("TUJUH MEI DUA RIBU SEBELAS") or
    followed by the place ("26 NOVEMBER 2002, di BATANGHARI", a register's entry): the date's words end
    before a `di` (no date has one), and the words after it are the place (when none was read before)."""
    at = next((i for i in range(1, len(span)) if span[i].key == "DI"), len(span))
    date_words = span[:at]
    when = dates.parse_date(_day_digits(" ".join(tk.word.text for tk in date_words).rstrip(".,")))
    if when is None:
        return
    _put(out, "birth_date", date_words, when)
    place = span[at + 1 :]
    if place and "place_of_birth" not in out and len(place) <= PLACE_WORDS:
        _put(out, "place_of_birth", place, _span_text(place))


PLACE_WORDS = 4  # a place of birth's words at most (`KABUPATEN KEPULAUAN SERIBU`)


def paragraph(lines: list[Line], anchor: tuple[str, ...]) -> list[Line]:
    """The lines of the paragraph that holds `anchor`: neighbours spaced no wider than body text."""
    i = _anchor_line(lines, anchor)
    if i < 0:
        return []
    height = _text_height(lines)
    pitch = _row_pitch(lines, i, height)

    def joins(gap: float) -> bool:
        return gap <= BODY_GAP * height or (pitch is not None and abs(gap - pitch) <= PITCH_TOLERANCE * pitch)

    lo = hi = i
    while lo > 0 and joins(lines[lo].cy - lines[lo - 1].cy):
        lo -= 1
    while hi + 1 < len(lines) and joins(lines[hi + 1].cy - lines[hi].cy):
        hi += 1
    return lines[lo : hi + 1]


def _text_height(lines: list[Line]) -> float:
    """The median height of the page's words of two letters or digits or more: marks and specks (a border's
    guilloche read as dashes and quotes, a few pixels high) are no measure of the type."""
    words = [w.height for ln in lines for w in ln.words if sum(c.isalnum() for c in w.text) >= 2]
    return median(words or [w.height for ln in lines for w in ln.words])


def _anchor_line(lines: list[Line], anchor: tuple[str, ...]) -> int:
    """Index of the line the anchor opens on, or -1; lines are searched in pairs for an anchor that wraps."""
    for i, line in enumerate(lines):
        at = _find(_tokens(lines[i : i + 2]), anchor)
        if at >= 0:
            return i + (at >= len(_tokens([line])))
    return -1


BODY_GAP = 3.2  # lines of a paragraph: no further apart than this many text heights
# A bilingual form sets each phrase of the sentence on a row of its own with its English gloss under it: with
# the glosses dropped, the rows are further apart than body text, but at one pitch (a wrapped value's second
# line comes closer, as body text). Rows up to this many text heights apart, at the anchor's pitch within this
# share, are the same sentence; a gap off the pitch ends it (the signature block, the heading). A form filled
# in by hand sets its rows about as far apart as body text may be (room for handwriting, `BODY_GAP`): a row
# the slant or a tall hand puts a little further is on the pitch too.
ROW_PITCH_MIN, ROW_PITCH_MAX = 2.5, 6.0
PITCH_TOLERANCE = 0.12


def _row_pitch(lines: list[Line], i: int, height: float) -> float | None:
    """The pitch of the form rows around line `i`, when the rows above and below it are equally far (and
    further apart than lines of text: a pitch of a line height or two is body text's, which `BODY_GAP`
    already joins)."""
    if not 0 < i < len(lines) - 1:
        return None
    up, down = lines[i].cy - lines[i - 1].cy, lines[i + 1].cy - lines[i].cy
    if not ROW_PITCH_MIN * height < max(up, down) <= ROW_PITCH_MAX * height:
        return None
    return (up + down) / 2 if abs(up - down) <= PITCH_TOLERANCE * max(up, down) else None


def _field(tokens: list[Token], value: str | None) -> Field | None:
    return make_field([tk.word for tk in tokens], value) if value else None


def _span_text(tokens: list[Token]) -> str:
    """The words as printed, less the sentence's punctuation after them; a title's final full stop
    (`S.E.`, `S.PD.`: a dot inside the word too) stays."""
    # `DEWI!`: a speck after a final I, not an I read as `!` (no name ends in a doubled I).
    words = [re.sub(r"(?<=[Ii])!(?=[^A-Za-z]*$)", "", tk.word.text) for tk in tokens]
    text = t.clean_text(" ".join(words)).rstrip(",;: ")
    last = text.rsplit(" ", 1)[-1]
    return text if _is_abbreviation(last) else text.rstrip(". ")


def _is_abbreviation(word: str) -> bool:
    return "." in word.rstrip(".,")


def parse_birth_sentence(lines: list[Line]) -> dict[str, Field]:
    """Place, date, name, sex and parents from the birth sentence, each where its anchors put it."""
    body = paragraph(lines, ("TELAH", "LAHIR")) or paragraph(lines, ("PADA", "TANGGAL"))
    tokens = _tokens(body)
    out: dict[str, Field] = {}
    born = _find(tokens, ("TELAH", "LAHIR"))
    if born < 0:
        tokens = tokens[_subject_starts(tokens) :]
    # "pada tanggal" in the Kutipan; "tanggal" alone in some prints: the place is after "di" before it. The
    # last before "telah lahir": a register's entry opens with the day the birth was reported ("Pada hari ini
    # Senin, tanggal 16 Desember 2002, telah menghadap ...") before the sentence of the birth.
    # (Without `telah lahir` read, the first as before: the last may be the registration's, `dicatat di X pada
    # tanggal ...`.)
    last_or_first = _find_last if born > 0 else _find
    before = born if born > 0 else None
    on = last_or_first(tokens, ("PADA", "TANGGAL"), 0, before)
    day = on + 1 if on >= 0 else last_or_first(tokens, ("TANGGAL",), 0, before)
    if day >= 0:
        place_end = on if on >= 0 else day
        at = max((i for i in range(max(0, place_end - 8), place_end) if tokens[i].key == "DI"), default=-1)
        if at >= 0:
            at = _past_row_colon(tokens, at + 1) - 1
            _put(out, "place_of_birth", tokens[at + 1 : place_end], _span_text(tokens[at + 1 : place_end]))
        if born > day:
            _date_then_place(tokens[day + 1 : born], out)
    if born < 0:
        _any_order(tokens, out)
        _name_before_ordinal(tokens, lines, out)
        _nik_in_sentence(tokens, out)
        return out
    rest = _place_after(tokens, born + 2, out)
    child = _find(tokens, ("SEORANG", "ANAK"), rest, rest + 3)
    named = _named(tokens, rest)
    if child >= 0 and named > child:  # older form: "seorang anak LAKI-LAKI bernama NAME, anak dari ..."
        sex_end = _find(tokens, ("YANG",), child + 2, named)
        sex_span = tokens[child + 2 : sex_end if sex_end > 0 else named]
        _put(out, "sex", sex_span, t.snap(_span_text(sex_span), t.SEXES))
        end = _find(tokens, ("ANAK",), named + 1)
        name_end = end if end > 0 else min(len(tokens), named + 7)
        _put_name(out, "name", tokens[named + 1 : name_end])
    else:
        end = _find(tokens, ("ANAK",), rest)
        if end > rest:
            _put_name(out, "name", tokens[rest:end])
            for tk in tokens[end + 1 : end + 6]:
                sex = t.snap(tk.key if len(tk.key) > 4 else "", t.SEXES, cutoff=85.0)
                if sex:
                    _put(out, "sex", [tk], sex)
                    break
    _parents(tokens, rest, out)
    _any_order(tokens, out)
    _nik_in_sentence(tokens, out)
    return out


# What follows the certificate's own person in a text that names several people born (a notary's deed: the
# appearer, then the minor child he acts for): the certificate, or the person's parents.
_SUBJECT_ENDS = (
    ("KUTIPAN", "AKTA"), ("AKTA", "KELAHIRAN"), ("SUAMIISTRI",), ("SUAMIISTERI",), ("SUAMI", "ISTRI"),
    ("ORANG", "TUA"),
)  # fmt: skip
# A birth named in the text: `lahir di`, `dilahirkan di`.
_BIRTHS = (("LAHIR", "DI"), ("DILAHIRKAN", "DI"))


def _child_of_at(tokens: list[Token], start: int = 0) -> int:
    """Index of `anak ... dari` (`anak dari`, `anak kandung dari`, `anak pertama dari`, `anak ke-1 dari`):
    the person's parents are named next; or -1."""
    for i in range(start, len(tokens)):
        if _is(tokens[i], "ANAK") and any(tk.key == "DARI" for tk in tokens[i + 1 : i + 4]):
            return i
    return -1


def _subject_starts(tokens: list[Token]) -> int:
    """Where the certificate's own person is introduced, when the text names several people with their
    births (`Tuan BAYU SANTOSO, lahir di Gresik, pada tanggal 25 Desember 1981, ... selaku ayah kandung ...
    dari anaknya ..., bernama AGUS SAPUTRA, lahir di Bengkulu Utara, pada tanggal 08-02-2010, ... Kutipan Akta
    Kelahiran Nomor ..., anak dari suami-istri ...`): the last birth before the certificate or the parents
    are named, from its `bernama` when it has one. 0 (the whole text) when one birth is named."""
    births = sorted(i for i in range(len(tokens)) if any(_find(tokens, b, i, i + 2) == i for b in _BIRTHS))
    if len(births) < 2:
        return 0
    ends = [i for phrase in _SUBJECT_ENDS if (i := _find(tokens, phrase, births[0] + 2)) >= 0]
    if (child_of := _child_of_at(tokens, births[0] + 2)) >= 0:
        ends.append(child_of)
    before = [b for b in births if b < min(ends)] if ends else []
    if len(before) < 2:
        return 0
    last, previous = before[-1], before[-2]
    named = _find_last(tokens, ("BERNAMA",), previous + 2, last)
    if named < 0:
        return last
    child = _find_last(tokens, ("SEORANG",), max(previous + 2, named - 5), named)  # `seorang anak laki-laki`
    return child if child >= 0 else named


# A person named with the honorific a deed or a letter gives (`Tuan ARIF SAPUTRA, lahir di ...`).
_HONORIFICS = frozenset(("TUAN", "NYONYA", "NONA", "SAUDARA", "SAUDARI", "SDR", "SDRI"))


# Words of a text in which the person with the honorific acts for another (a parent for a minor child).
_ACTS_FOR = frozenset(("SELAKU", "ANAKNYA", "WALI", "MEWAKILI"))


def _honoured_name(tokens: list[Token], out: dict[str, Field]) -> None:
    """The name after an honorific, ended by its comma, when the person's birth follows it (`, lahir di`);
    none where that person acts for another (`selaku ayah kandung dari anaknya`)."""
    if any(tk.key in _ACTS_FOR for tk in tokens):
        return
    for i, tk in enumerate(tokens):
        if tk.key not in _HONORIFICS:
            continue
        span = _until_stop(tokens, i + 1, 7)
        after = i + 1 + len(span)
        if span and _find(tokens, ("LAHIR",), after, after + 1) == after:
            _put_name(out, "name", span)
            return


# Words of the sentence itself: a value's span ends before any of them.
_SENTENCE_WORDS = frozenset(
    (
        "TELAH",
        "LAHIR",
        "YANG",
        "PADA",
        "TANGGAL",
        "DI",
        "SEORANG",
        "ANAK",
        "DARI",
        "BERNAMA",
        "DAN",
        "AYAH",
        "IBU",
    )
)


def _any_order(tokens: list[Token], out: dict[str, Field]) -> None:
    """Each field still missing found by its own anchors wherever it sits: regencies word the sentence in
    their own order ("... seorang anak PEREMPUAN bernama NAME, anak kedua dari pasangan suami istri FATHER dan
    MOTHER, yang lahir di PLACE pada tanggal DATE.")."""
    if "birth_date" not in out:
        _date_after(tokens, out)
    if "place_of_birth" not in out:
        at = _find(tokens, ("LAHIR", "DI"))
        if at >= 0:
            span = _until_stop(tokens, at + 2, 5)
            _put(out, "place_of_birth", span, _span_text(span) if span else None)
    if "sex" not in out:
        for i, tk in enumerate(tokens):
            sex = t.snap(tk.key, t.SEXES, cutoff=85.0) if len(tk.key) > 5 else None
            if sex:
                _put(out, "sex", tokens[i : i + 1], sex)
                break
    if "name" not in out:
        named = _find(tokens, ("BERNAMA",))
        if named < 0:
            named = _find(tokens, ("DIBERI", "NAMA"))
            named = named + 1 if named >= 0 else -1
        if named >= 0:
            span = _until_stop(tokens, named + 1, 7)
            _put_name(out, "name", span)
        else:
            _honoured_name(tokens, out)
    if "father_name" not in out:
        _parents(tokens, 0, out)


# A day of the month written by hand with one of its two digits read as the letter it resembles (`2J APRIL`:
# a 1 with a hooked foot, `I`/`l`/`|` for a plain 1, `O` for 0), a digit beside it: a day is digits only.
_DAY_MISREAD = re.compile(r"^(?=[0-9JIl|O]{1,2}\s)(?=.?[0-9])([0-3JIl|O])([0-9JIl|O])?(?=\s+[A-Za-z])")
_AS_DIGIT = str.maketrans("JIl|O", "11110")


def _day_digits(text: str) -> str:
    """The date's leading day with look-alike letters read as the digits they stand for (`2J APRIL 2002`)."""
    return _DAY_MISREAD.sub(lambda m: m.group(0).translate(_AS_DIGIT), text, count=1)


def _date_after(tokens: list[Token], out: dict[str, Field]) -> None:
    """The date after `pada tanggal` (or `tanggal`): the longest run of the next words that is a date; the
    word `tahun` before the year (`... JUNI TAHUN DUA RIBU DUA BELAS`) is no part of the number."""
    on = _find(tokens, ("PADA", "TANGGAL"))
    start = on + 2 if on >= 0 else _find(tokens, ("TANGGAL",)) + 1
    if start <= 0:
        return
    words = [tk for tk in tokens[start : start + 14] if tk.key != "TAHUN"]
    for end in range(len(words), 0, -1):
        span = words[:end]
        when = dates.parse_date(_day_digits(" ".join(tk.word.text for tk in span).rstrip(".,")))
        if when is not None:
            _put(out, "birth_date", span, when)
            return


def _until_stop(tokens: list[Token], start: int, most: int) -> list[Token]:
    """The words from `start` up to a comma or full stop that ends the value (not a title's abbreviation:
    `SITI, S.PD.`) or a word of the sentence, at most `most` words."""
    span: list[Token] = []
    for tk in tokens[start : start + most]:
        if tk.key in _SENTENCE_WORDS:
            break
        span.append(tk)
        text = tk.word.text
        if text.endswith((",", ".", ";")) and not _is_abbreviation(text):
            break
    return span


def _name_before_ordinal(tokens: list[Token], lines: list[Line], out: dict[str, Field]) -> None:
    """A Kutipan whose sentence opens with the child: "ARIF SAPUTRA, [NIK 3525..., ] anak ke-2, LAKI-LAKI,
    lahir di ...". The name is the words in capitals that open the line before the child's order (`anak
    ke-2`), up to its comma. Or the name stands alone above the sentence, set large, and the sentence goes on
    "adalah anak ke-2 ..." (is the second child): the line above, when it is all capitals and names no part
    of the document (its title)."""
    if "name" in out:
        return
    order = _order_at(tokens)
    if order <= 0:
        return
    before = _past_nik_words(tokens, order)
    if before > 0 and tokens[before - 1].word.text.endswith(","):
        span = _opening_capitals(tokens[:before])
        if span:
            _put_name(out, "name", span)
        return
    if before <= 0 or tokens[before - 1].key != "ADALAH":
        return
    above = _line_above(lines, tokens[before - 1].word)
    if above is not None and _is_name_line(above) and _set_large(above, tokens[before - 1].word):
        _put_name(out, "name", [Token(t.compact(w.text), w) for w in above.words])


def _is_ordinal(token: Token) -> bool:
    """`ke-2`, `ke-dua`, `kedua`, `KE`: the child's order after `anak`."""
    return token.key.startswith("KE")


# Words between the name and the child's order that are no part of the name: the NIK (`NIK 3525...,`) and,
# after a name set apart, "adalah pemilik NIK ..." (is the holder of NIK ...).
_NIK_WORDS = frozenset(("NIK", "PEMILIK"))


def _past_nik_words(tokens: list[Token], end: int) -> int:
    """Index just after the name: `end` moved back over a NIK and its words."""
    i = end
    if i > 0 and sum(c.isdigit() for c in tokens[i - 1].key) >= 12:
        i -= 1
    while i > 0 and tokens[i - 1].key in _NIK_WORDS:
        i -= 1
    return i


def _opening_capitals(tokens: list[Token]) -> list[Token]:
    """The words in capitals that end with the last token (its comma) and start their line: the name opening
    the sentence. Empty when a word in small letters comes between (the name is inside a sentence)."""
    last = tokens[-1].word
    span = [tk for tk in tokens if tk.word.line == last.line]
    if not span or len(span) > NAME_WORDS or not all(_capital_word(tk.word.text) for tk in span):
        return []
    return span


NAME_WORDS = 7  # a person's name's words at most, titles included


# Words of a document's title or a form's heading: a line holding one is no name set apart.
_TITLE_WORDS = frozenset(
    ("AKTA", "KUTIPAN", "KELAHIRAN", "REPUBLIK", "INDONESIA", "NOMOR", "NIK", "DINAS", "PENCATATAN", "SIPIL",
     "SURAT", "KETERANGAN", "PEMERINTAH", "PERNYATAAN", "DI")
)  # fmt: skip


def _is_name_line(line: Line) -> bool:
    words = [t.compact(w.text) for w in line.words]
    return (
        0 < len(words) <= NAME_WORDS
        and all(_capital_word(w.text) for w in line.words)
        and not any(w in _TITLE_WORDS or w.startswith(("KABUPATEN", "KOTA")) for w in words)
    )


NAME_SET_LARGE = 1.2  # a name set apart stands in type this much taller than the sentence's at least


def _set_large(line: Line, word: OcrWord) -> bool:
    """The line's capitals stand taller than the sentence's word beside it: a heading's size, as a name set
    apart above its sentence is (a line of body text above is no name)."""
    return median(w.height for w in line.words) >= NAME_SET_LARGE * word.height


def _line_above(lines: list[Line], word: OcrWord) -> Line | None:
    """The line just above the one holding `word` (which must open it), or None."""
    at = next((i for i, ln in enumerate(lines) if ln.words and ln.words[0] is word), 0)
    return lines[at - 1] if at > 0 else None


def _nik_in_sentence(tokens: list[Token], out: dict[str, Field]) -> None:
    """A NIK named in the sentence with the child ("ARIF SAPUTRA, NIK 3525..., anak ke-2"): the 16 digits
    after `NIK`, before the child's order; a NIK after it is a parent's (`dari ayah BUDI, NIK ...`)."""
    order = _order_at(tokens)
    # With no order named (a deed: `..., Nomor Induk Kependudukan 3525..., ... anak dari suami-istri ...`), the
    # NIK before anyone else is named (the parents, the one the person is the child of), and only the one
    # whose date digits are the person's birth date (an appearer's NIK may stand before the child's).
    others = [i for i, tk in enumerate(tokens) if tk.key in _OTHERS_NAMED]
    end = order if order > 0 else min(others, default=len(tokens))
    words = [tk for tk in tokens[: max(0, end)] if tk.key]  # a deed's dashes filling a line are no words
    for i, tk in enumerate(words[:-1]):
        named = tk.key == "NIK" or (
            order < 0
            and tk.key == "KEPENDUDUKAN"
            and [w.key for w in words[max(0, i - 2) : i]] == ["NOMOR", "INDUK"]
        )
        if named:
            digits = re.sub(r"[.,;:]+$", "", words[i + 1].word.text)
            if (
                len(digits) == NIK_DIGITS
                and digits.isdigit()
                and (order > 0 or ("birth_date" in out and nik_agrees_with_page(digits, out)))
            ):
                _put(out, "nik", [words[i + 1]], digits)
                return


# Words that name someone other than the person: no NIK after them is the person's when no order is named.
_OTHERS_NAMED = frozenset(("DARI", "AYAH", "IBU", "SELAKU", "SUAMIISTRI", "SUAMIISTERI", "PASANGAN"))


def _order_at(tokens: list[Token]) -> int:
    """Index of the child's order (`anak ke-2`), or -1."""
    return next(
        (i for i in range(len(tokens) - 1) if _is(tokens[i], "ANAK") and _is_ordinal(tokens[i + 1])), -1
    )


NIK_DIGITS = 16


def _place_after(tokens: list[Token], start: int, out: dict[str, Field]) -> int:
    """Older prints put the place after the verb ("telah lahir di BATANGHARI, seorang anak ..."): the words
    after `di` up to the comma (or `seorang`) are the place; the index after them is returned."""
    if start >= len(tokens) or tokens[start].key != "DI":
        return start
    stop = _find(tokens, ("SEORANG",), start + 1, start + 6)
    end = next(
        (i + 1 for i in range(start + 1, min(len(tokens), start + 5)) if tokens[i].word.text.endswith(",")),
        -1,
    )
    end = end if end > 0 else stop
    if end <= start + 1:
        return start
    _put(out, "place_of_birth", tokens[start + 1 : end], _span_text(tokens[start + 1 : end]))
    return end


def _named(tokens: list[Token], start: int) -> int:
    """Index of the last word before the name: `bernama`, or `nama` of "yang diberi nama"; -1 if neither."""
    named = _find(tokens, ("BERNAMA",), start, start + 8)
    if named >= 0:
        return named
    given = _find(tokens, ("DIBERI", "NAMA"), start, start + 9)
    return given + 1 if given >= 0 else -1


def _parents(tokens: list[Token], start: int, out: dict[str, Field]) -> None:
    father = _father_named(tokens, start)
    couple = _find(tokens, ("SUAMIISTERI",), start)
    if couple < 0:
        couple = _find(tokens, ("SUAMIISTRI",), start)
    if couple < 0:
        couple = _find(tokens, ("SUAMI", "ISTERI"), start)
        couple = couple + 1 if couple >= 0 else -1
    if couple < 0:
        couple = _find(tokens, ("PASANGAN",), start)  # "dari pasangan X dan Y"
    if couple < 0:
        couple = _child_of(tokens, start)
    first = father if father >= 0 else couple
    if first < 0:
        return
    first = _past_row_colon(tokens, _skip_naming(tokens, first + 1)) - 1
    conj = _conjunction(tokens, first + 1)
    if conj < 0:
        return
    _put_name(out, "father_name", tokens[first + 1 : conj])
    mother_from = conj + 2 if conj + 1 < len(tokens) and _is(tokens[conj + 1], "IBU") else conj + 1
    tail = tokens[_past_row_colon(tokens, _skip_naming(tokens, mother_from)) :]
    stop = next(
        (
            i + 1
            for i, tk in enumerate(tail)
            if (tk.word.text.endswith(".") and _sentence_ends(tail, i)) or _clause_ends(tail, i)
        ),
        len(tail),
    )
    _put_name(out, "mother_name", tail[:stop])


def _father_named(tokens: list[Token], start: int) -> int:
    """Index of the `ayah` the father's name follows (`dari ayah BAYU SANTOSO`), or -1; not `ayah (kandung)
    dari` (`selaku ayah kandung dari anaknya ...`: the appearer is the father of the one named next)."""
    at = _find(tokens, ("AYAH",), start)
    while at >= 0:
        after = [tk.key for tk in tokens[at + 1 : at + 3]]
        if not (after[:1] == ["DARI"] or after == ["KANDUNG", "DARI"]):
            return at
        at = _find(tokens, ("AYAH",), at + 1)
    return -1


def _child_of(tokens: list[Token], start: int) -> int:
    """Index of the last word before the father's name in "putra dari X dan Y" / "putri dari X dan Y" (son
    or daughter of), or -1."""
    for word in ("PUTRA", "PUTRI"):
        at = _find(tokens, (word, "DARI"), start)
        # In small letters, as the sentence's words are: `DIMAS EKA PUTRA dari seorang ibu` is a name's end.
        while at >= 0 and not any(c.islower() for c in tokens[at].word.text):
            at = _find(tokens, (word, "DARI"), at + 1)
        if at >= 0:
            return at + 1
    return -1


def _conjunction(tokens: list[Token], start: int) -> int:
    """Index of the word between the parents' names: `dan` (and), or `dengan` (with: "anak dari pasangan X
    dengan Y"), whichever comes first after the father's name; -1 if neither."""
    found = [i for i in (_find(tokens, ("DAN",), start), _find(tokens, ("DENGAN",), start)) if i >= 0]
    return min(found, default=-1)


# Words between a parent's anchor and the name: "ayah bernama X", "pasangan suami istri X", "ibu yang bernama Y",
# "dan seorang ibu bernama Y".
_NAMING = frozenset(
    ("BERNAMA", "YANG", "SEORANG", "IBU", "SUAMI", "ISTRI", "ISTERI", "SUAMIISTRI", "SUAMIISTERI")
)


def _skip_naming(tokens: list[Token], i: int) -> int:
    while i < len(tokens) and (
        tokens[i].key in _NAMING or any(_struck(tokens[i].word.text, w) for w in _NAMING)
    ):
        i += 1
    return i


# A typed form's colon read as a digit or a mark (`ibu 2 SITI`, `ayah ! BUDI`): a name holds letters only.
_COLON_READ = re.compile(r"^[12!|]$")
COLON_REACH = 3  # words of the row's label (misread: `iLu` for `ibu`) a colon may still follow


def _past_row_colon(tokens: list[Token], i: int) -> int:
    """Where a parent's name starts when the sentence is a typed row (`dan seorang ibu : NAME`): past a colon
    read as a digit or mark that follows the label's last words (small letters, misread or not) and comes
    before capitals; else `i`, the name starting where it did."""
    for j in range(i, min(len(tokens) - 1, i + COLON_REACH)):
        if _COLON_READ.match(tokens[j].word.text):
            label = tokens[i:j]
            after = tokens[j + 1].word.text
            if not any(_capital_word(tk.word.text) for tk in label) and _capital_word(after):
                return j + 1
            return i
    return i


def _capital_word(text: str) -> bool:
    letters = [c for c in _fold(text) if c.isalpha()]
    return len(letters) >= 2 and "".join(letters).isupper()


def _clause_ends(tail: list[Token], i: int) -> bool:
    """A comma after the mother's name with the sentence going on (`..., yang lahir di ...`): not a title's
    comma (`SITI AMINAH, S.PD.`), which an abbreviation follows."""
    if not tail[i].word.text.endswith(",") or i + 1 >= len(tail):
        return False
    return tail[i + 1].key in _SENTENCE_WORDS


def _sentence_ends(tail: list[Token], i: int) -> bool:
    """A full stop ends the sentence unless a title's abbreviation (`S.E.`, `DRS.`) is being read."""
    word = tail[i].word.text
    return (len(t.compact(word)) > 3 and not _is_abbreviation(word)) or i + 1 >= len(tail)


def _put(out: dict[str, Field], key: str, tokens: list[Token], value: str | None) -> None:
    f = _field(tokens, value)
    if f is not None:
        out.setdefault(key, f)


def _put_name(out: dict[str, Field], key: str, tokens: list[Token]) -> None:
    span = _name_words(tokens)
    _put(out, key, span, _boru_apart(_span_text(span)) if span else None)


# A Batak woman's name holds `BR` (boru, "daughter of") as a word of its own before her clan: TIURMA BR
# PANJAITAN. An engine drops the narrow spaces around it (`TIURMABR PANJAITAN`, `TIURMABRPANJAITAN`); no
# Indonesian name has B and R together after a vowel and before a consonant or the word's end.
_CONSONANT = "[B-DF-HJ-NP-TV-Z]"
_BORU = re.compile(rf"(?<=[AEIOU])BR(?={_CONSONANT}|\s|$)|(?<=\s)BR(?={_CONSONANT})")


def _boru_apart(name: str) -> str:
    """`BR` set apart as a word where it was read run into the names either side of it."""
    return " ".join(_BORU.sub(" BR ", name).split())


# A legalised copy's stamp (`Dilegalisir oleh Dinas Dukcapil`, `Sesuai dengan aslinya`): read over or beside a
# name, its words are no name words (a part of one, `UKCAPIL` under a signature, too).
_STAMP_WORDS = ("DILEGALISIR", "LEGALISIR", "DUKCAPIL", "DINAS", "SESUAI", "ASLINYA")


def _name_words(tokens: list[Token]) -> list[Token]:
    """A person's name up to the first word that cannot be part of it: a stamp's word, or, once a word in
    capitals is read, a word in small letters (`Dilegalisir`, `ukcapil`): civil documents print names in
    capitals, so the small letters are the sentence or a stamp going on. A print that sets the whole name
    in small letters is read whole. Small letters before a name in capitals are no part of it either (`Ta
    AHMAD KURNIAWAN`: a border's ornament read as letters; `kandung yang bernama SITI AMINAH`: the sentence's
    words). A word in title case is dropped so only just before the capitals (a word or two): further on,
    the capitals are another's (a signature's office) and the name is the one written in title case (`dan
    Nur Dewi Anggraini`), which ends at a word in small letters, a number, or a line that opens the next
    sentence (`Kutipan ini dikeluarkan ...`)."""
    first_capital = next((i for i, tk in enumerate(tokens) if _capital_word(tk.word.text)), None)
    if first_capital is not None:
        dropped = 0
        while tokens and _small_letters(tokens[0].word.text):
            ornament = first_capital - dropped <= MAX_ORNAMENT_WORDS
            if not (ornament or _fold(tokens[0].word.text)[:1].islower()):
                break  # `Nur` of `Nur Dewi Anggraini`, far before another's capitals: the name
            tokens, dropped = tokens[1:], dropped + 1
    titled = bool(tokens) and _title_word(tokens[0].word.text)
    capitals = False
    for i, tk in enumerate(tokens):
        if tk.key == "NIK" or sum(c.isdigit() for c in tk.key) >= NIK_DIGITS // 2:
            return tokens[:i]  # `BAYU SANTOSO, NIK 3578...`: the person's NIK after the name
        letters = [c for c in _fold(tk.word.text) if c.isalpha()]
        if _is_stamp_word(tk.key) or (capitals and len(letters) >= 2 and "".join(letters[1:]).islower()):
            return tokens[:i]
        if titled and i > 0 and _title_name_ends(tokens, i):
            return tokens[:i]
        capitals = capitals or "".join(letters).isupper()
    return tokens


MAX_ORNAMENT_WORDS = 2  # title-case words an ornament or a border is read as before a name in capitals
# Words a name holds in small letters (`Ahmad bin Yusuf`, `Romauli br Sitompul`, `Maria da Costa`).
_SMALL_PARTICLES = frozenset(
    ("bin", "binti", "bt", "bte", "ibn", "br", "boru", "van", "von", "de", "da", "al", "el")
)


def _title_word(text: str) -> bool:
    """A word written in title case (`Anggraini`, `Ma'ruf`): a capital, then small letters."""
    letters = "".join(c for c in _fold(text) if c.isalpha() or c == "'")
    return len(letters) >= 2 and bool(re.fullmatch(r"[A-Z][a-z']+", letters))


def _title_name_ends(tokens: list[Token], i: int) -> bool:
    """Does a name in title case end before word i? At a number, a word in small letters (the sentence going
    on; not a name's particle), or a title-case word opening a line that a small-letter word goes on from
    (`Kutipan ini`: the next sentence; a name that wraps goes on in title case)."""
    text = tokens[i].word.text
    if any(c.isdigit() for c in text):
        return True
    bare = text.strip(".,;:")
    if bare.isalpha() and bare.islower() and bare not in _SMALL_PARTICLES:
        return True
    new_line = tokens[i].word.line != tokens[i - 1].word.line
    after = tokens[i + 1].word.text.strip(".,;:") if i + 1 < len(tokens) else ""
    goes_on = after.isalpha() and after.islower() and after not in _SMALL_PARTICLES
    return new_line and _title_word(text) and goes_on


def _small_letters(text: str) -> bool:
    """A word in small letters (`Ta`, `dari`), not a word in capitals with one letter misread small (`AGUs`):
    more of its letters after the first are small than capitals."""
    letters = [c for c in _fold(text) if c.isalpha()][1:]
    return sum(c.islower() for c in letters) > sum(c.isupper() for c in letters)


def _is_stamp_word(key: str) -> bool:
    return any(key == w or (len(key) >= 5 and key in w) for w in _STAMP_WORDS)


# Fields a person's or a place's name is read into: letters only, whatever the document.
NAME_FIELDS = frozenset(("name", "father_name", "mother_name", "head_of_family", "place_of_birth"))
# A mark in place of a letter inside a word in capitals (`SITUMO,ANG`, `PA..JAITAN`: a typewriter's letter
# struck half, a speck over a glyph), letters either side; a title's stops (`S.PD.`, `A.MD`) have one letter
# before the first. Or a stroke no name holds against capitals (`ARIFSAPUTRA/`: a signature or a stamp's
# edge drawn over the name).
_STRUCK_CAPITAL = re.compile(r"[A-Z]{2}[.,]{1,2}[A-Z]{2}|[A-Z]{2}[/|\\]|[/|\\][A-Z]{2}")


# A lone upright stroke between two capitals of a name (`MAR/A`, `MAR|A`): a hand's I, one slanted line
# without serifs, read as a slash or a bar. No name holds a stroke, and I is the one letter drawn as one.
_STROKE_FOR_I = re.compile(r"(?<=[A-Z])[/|](?=[A-Z])")


def strokes_as_i(fields: dict[str, Field]) -> dict[str, Field]:
    """Names still read with a stroke between letters once every engine has read the page: the stroke is an
    I. Applied last, so that the stroke first sends the page to the second engine (`struck_letter`)."""
    return {
        key: Field(value=_STROKE_FOR_I.sub("I", f.value), confidence=f.confidence)
        if key in NAME_FIELDS and _STROKE_FOR_I.search(f.value)
        else f
        for key, f in fields.items()
    }


def struck_letter(fields: dict[str, Field]) -> bool:
    """A name read with a letter lost to a mark: another engine may read the glyph whole."""
    return any(_STRUCK_CAPITAL.search(f.value) for key, f in fields.items() if key in NAME_FIELDS)


def date_in_words(lines: list[Line]) -> Field | None:
    """A date written out in brackets after its digits (`07-08-1998 (Tujuh Agustus Seribu Sembilan Ratus
    Sembilan Puluh Delapan)`), wrapped onto the next lines or not. Only a closed bracket is read: a written
    date cut at a line break is another real date (`... SEMBILAN PULUH` is 1990)."""
    words = [w for ln in lines for w in ln.words]
    start = next((i for i, w in enumerate(words) if w.text.startswith("(")), None)
    if start is None:
        return None
    end = next((j for j in range(start, len(words)) if ")" in words[j].text), None)
    if end is None:
        return None
    span = words[start : end + 1]
    text = " ".join(w.text for w in span).strip("(). ,")
    return make_field(span, dates.parse_words(text) or "")
