"""Indonesian dates as documents print them: numeric in any order of separators, with month names, and in
words ("TUJUH MEI DUA RIBU SEBELAS", as the Kutipan akta spells a birth date). All give ISO `YYYY-MM-DD`.

A reading that is not a real calendar date gives None: the field is left for the resident, never guessed.
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz, process

MONTHS = {
    "JANUARI": 1, "FEBRUARI": 2, "MARET": 3, "APRIL": 4, "MEI": 5, "JUNI": 6, "JULI": 7,
    "AGUSTUS": 8, "SEPTEMBER": 9, "OKTOBER": 10, "NOVEMBER": 11, "DESEMBER": 12,
}  # fmt: skip
# Abbreviations in use (`AGT` and `AGS` both mean August; `NOP` is the older spelling of November).
MONTH_ABBREVIATIONS = {
    "JAN": 1, "FEB": 2, "PEB": 2, "MAR": 3, "APR": 4, "JUN": 6, "JUL": 7, "AGU": 8, "AGT": 8, "AGS": 8,
    "AUG": 8, "SEP": 9, "SEPT": 9, "OKT": 10, "OCT": 10, "NOV": 11, "NOP": 11, "DES": 12, "DEC": 12,
}  # fmt: skip

# English names where they differ from the Indonesian (an e-KYC report, a translation): `7 August 1998`.
ENGLISH_MONTHS = {
    "JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "MAY": 5, "JUNE": 6, "JULY": 7, "AUGUST": 8, "OCTOBER": 10,
    "DECEMBER": 12,
}  # fmt: skip

# Letters OCR reads in place of digits, for the digit groups of a numeric date.
_DIGIT_FIX = str.maketrans({"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "|": "1", "!": "1", "S": "5", "B": "8", "Z": "2", "G": "6", "T": "7", "?": "7"})  # fmt: skip
_SEP = r"\s*[-/.,]\s*"
_DMY = re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})(?!\d)")
_YMD = re.compile(rf"(?<!\d)(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?!\d)")
_NAMED = re.compile(r"(?<!\d)(\d{1,2})\s*[-/.,]?\s*([A-Z]{3,})\.?\s*[-/.,]?\s*(\d{4})(?!\d)")
# The month first, as English writes it: `March 24, 2002`, `Aug. 7th 1998`.
_MONTH_FIRST = re.compile(r"(?<![A-Z])([A-Z]{3,})\.?\s+(\d{1,2})(?:ST|ND|RD|TH)?\s*,?\s+(\d{4})(?!\d)")


def _real(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """A month name or abbreviation, tolerating one or two misread letters in the full names."""
    w = re.sub(r"[^A-Z]", "", word.upper())
    if not w:
        return None
    if w in MONTHS:
        return MONTHS[w]
    if w in MONTH_ABBREVIATIONS:
        return MONTH_ABBREVIATIONS[w]
    if w in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[w]
    if len(w) < 4:
        return None
    best = process.extractOne(w, list(MONTHS), scorer=fuzz.ratio, score_cutoff=75)
    return MONTHS[best[0]] if best is not None else None


def parse_numeric(text: str) -> str | None:
    """`28-04-2024`, `28/04/2024`, `28.04.2024`, `2024-04-28`, `28 APRIL 2024`, `28-Apr-2024`, `7 Mei 2011`."""
    up = text.upper()
    for candidate in (up, re.sub(r"[^0-9\-/., ]", lambda c: c.group().translate(_DIGIT_FIX), up)):
        m = _DMY.search(candidate)
        if m is not None:
            return _real(int(m[3]), int(m[2]), int(m[1]))
        m = _YMD.search(candidate)
        if m is not None:
            return _real(int(m[1]), int(m[2]), int(m[3]))
    for m in _NAMED.finditer(up):
        month = month_number(m[2])
        if month is not None:
            return _real(int(m[3]), month, int(m[1]))
    for m in _MONTH_FIRST.finditer(up):
        month = _exact_month(m[1])  # exact only: a word before a day and a year is seldom a month
        if month is not None:
            return _real(int(m[3]), month, int(m[2]))
    return None


def _exact_month(word: str) -> int | None:
    return MONTHS.get(word) or MONTH_ABBREVIATIONS.get(word) or ENGLISH_MONTHS.get(word)


# --- numbers in words --------------------------------------------------------------------------------

_WORD_VALUES = {
    "NOL": 0, "SATU": 1, "DUA": 2, "TIGA": 3, "EMPAT": 4, "LIMA": 5, "ENAM": 6, "TUJUH": 7, "DELAPAN": 8,
    "SEMBILAN": 9, "SEPULUH": 10, "SEBELAS": 11, "SERATUS": 100, "SERIBU": 1000,
}  # fmt: skip
_MULTIPLIERS = {"BELAS": 10, "PULUH": 10, "RATUS": 100, "RIBU": 1000}
_VOCABULARY = list(_WORD_VALUES) + list(_MULTIPLIERS)


def _number_word(word: str) -> str | None:
    """The number word a token is, tolerating a misread letter (`TUJLH`, `SEMBlLAN`)."""
    w = re.sub(r"[^A-Z]", "", word.upper())
    if not w:
        return None
    if w in _WORD_VALUES or w in _MULTIPLIERS:
        return w
    if len(w) < 4:
        return None
    best = process.extractOne(w, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=80)
    return best[0] if best is not None else None


def words_to_number(words: list[str]) -> int | None:
    """`DUA RIBU SEBELAS` -> 2011, `SERIBU SEMBILAN RATUS DELAPAN PULUH TUJUH` -> 1987, `TIGA BELAS` -> 13."""
    total = 0  # completed thousands
    current = 0  # the part below a thousand
    pending = 0  # a unit word waiting for its multiplier
    seen = False
    for raw in words:
        word = _number_word(raw)
        if word is None:
            return None
        seen = True
        if word == "BELAS":
            current += (pending or 1) + 10
            pending = 0
        elif word == "PULUH":
            current += (pending or 1) * 10
            pending = 0
        elif word == "RATUS":
            current += (pending or 1) * 100
            pending = 0
        elif word == "RIBU":
            total += (current + pending or 1) * 1000
            current = pending = 0
        elif word in ("SERIBU",):
            total += 1000
        elif word == "SERATUS":
            current += 100
        else:
            if pending:
                return None  # two units in a row (`DUA TIGA`) is not a number
            pending = _WORD_VALUES[word]
            if pending >= 10:  # SEPULUH, SEBELAS stand alone
                current += pending
                pending = 0
    return total + current + pending if seen else None


def parse_words(text: str) -> str | None:
    """A date written out: `TUJUH MEI DUA RIBU SEBELAS`, `DUA PULUH DELAPAN MARET SERIBU ... DELAPAN`."""
    words, stops = _words(text)
    tokens = words
    for i, token in enumerate(tokens):
        month = month_number(token) if len(token) >= 3 else None
        if month is None or i == 0:
            continue
        day_words = _trailing_number_words(tokens[:i])
        year_words = _leading_number_words(tokens[i + 1 :])
        day = words_to_number(day_words) if day_words else None
        year = _wrapped_year(tokens, stops, i + 1, year_words) if year_words else None
        if year is None:
            year = words_to_number(year_words) if year_words else None
        if day is not None and year is not None and 1800 <= year <= 2200:
            found = _real(year, month, day)
            if found:
                return found
    return None


def _words(text: str) -> tuple[list[str], list[bool]]:
    """The letter groups of `text` (as `[A-Z]+` finds them) and, for each, whether a comma, full stop, colon
    or semicolon follows it: a value ends there."""
    words: list[str] = []
    stops: list[bool] = []
    for m in re.finditer(r"[A-Z]+|[,.;:]", text.upper()):
        if m[0].isalpha():
            words.append(m[0])
            stops.append(False)
        elif stops:
            stops[-1] = True
    return words, stops


# `ke` makes the number after it an ordinal (`anak ke DUA`): never the rest of a year.
_ORDINAL = "KE"


def _wrapped_year(tokens: list[str], stops: list[bool], start: int, first: list[str]) -> int | None:
    """A year whose words were carried to the next line with one stray word read between the parts (a gloss
    printed under the line, a stamp's letters: `SERIBU SEMBILAN RATUS on SEMBILAN PULUH DELAPAN`): the first
    part alone is a number (1900), but the words after the stray one complete it as one well-formed number,
    so the year is the whole (1998). None when nothing continues it, when punctuation ends the value, or when
    the parts do not join into one number (`DUA RIBU SEBELAS on DUA` is two numbers, not 2013). One word only:
    `... DELAPAN PULUH anak ke SATU` (the birth order after the date) stays 1980."""
    end = start + len(first)
    after = end + 1
    if after >= len(tokens) or stops[end - 1] or stops[end]:
        return None
    stray = tokens[end]
    if stray == _ORDINAL or _number_word(stray) is not None:
        return None
    rest = _leading_number_words(tokens[after:])
    whole = well_formed_number(first + rest) if rest else None
    return whole if whole is not None and 1800 <= whole <= 2200 else None


_UNITS = frozenset(("SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN"))


def well_formed_number(words: list[str]) -> int | None:
    """The number the words spell when they spell it as Indonesian writes numbers below ten thousand:
    thousands, hundreds, tens, units, each at most once and in that order (`SERIBU SEMBILAN RATUS SEMBILAN
    PULUH DELAPAN` -> 1998); None for anything else (`DUA RIBU SEBELAS DUA`, `RATUS DUA`, `DUA TIGA`),
    which `words_to_number` would still add up."""
    canon = [_number_word(w) for w in words]
    if not canon or any(w is None for w in canon):
        return None
    total, i, below = 0, 0, 10000  # `below`: the next group must be of a smaller place than this
    while i < len(canon):
        word, nxt = canon[i], canon[i + 1] if i + 1 < len(canon) else None
        value, place, closes, step = _group(word, nxt)  # type: ignore[arg-type]
        if value is None or place >= below:
            return None
        total += value
        below = 1 if closes else place
        i += step
    return total


def _group(word: str, nxt: str | None) -> tuple[int | None, int, bool, int]:
    """(value, place, closes the tens and units, words used) of the group that starts with `word`."""
    if word == "SERIBU":
        return 1000, 1000, False, 1
    if word == "SERATUS":
        return 100, 100, False, 1
    if word in ("SEPULUH", "SEBELAS"):
        return _WORD_VALUES[word], 10, True, 1
    if word not in _UNITS:
        return None, 0, False, 1
    unit = _WORD_VALUES[word]
    if nxt == "RIBU":
        return unit * 1000, 1000, False, 2
    if nxt == "RATUS":
        return unit * 100, 100, False, 2
    if nxt == "BELAS":
        return unit + 10, 10, True, 2
    if nxt == "PULUH":
        return unit * 10, 10, False, 2
    return unit, 1, False, 1


def is_number_or_month_word(word: str) -> bool:
    """An Indonesian number word or month name, exactly as printed (any case): a date in words' own word."""
    w = re.sub(r"[^A-Z]", "", word.upper())
    return w in _WORD_VALUES or w in _MULTIPLIERS or w in MONTHS


def _trailing_number_words(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in reversed(tokens):
        if _number_word(token) is None:
            break
        out.insert(0, token)
    return out[-3:]  # a day is at most three words (DUA PULUH SATU)


def _leading_number_words(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if _number_word(token) is None:
            break
        out.append(token)
    return out


def parse_date(text: str) -> str | None:
    """Any printed form of a date -> ISO, or None."""
    return parse_numeric(text) or parse_words(text)
