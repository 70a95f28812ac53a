"""Field grammars: a reading corrected to the printed format it must have, using the engine's usual confusions.

A letter cannot stand where the format wants a digit, nor a digit where it wants a letter; of the readings a
format allows, the one that needs the fewest and likeliest corrections wins, and a reading no correction makes
valid (or two corrections make valid equally well) is rejected rather than guessed: the caller reads it again
or leaves the field for the resident to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ektp.domain.application import BloodType
from ektp.ocr.text import clean_text, compact, digits, snap

_STRAY = ":;,.'\"|‘’“”`"  # marks read beside a value (a colon, a speck, quotes): never part of it

# --- blood type: A, B, AB or O, a rhesus sign or none; "TIDAK TAHU"; "-" ----------------------------------

BLOOD_UNKNOWN = BloodType.UNKNOWN.value
BLOOD_GROUPS = tuple(b.value for b in BloodType if b.value.isalpha() and b.value != BLOOD_UNKNOWN)
DASHES = frozenset("-_—–~")
# Glyphs a blood group letter is read as; there is no digit in a blood type.
_GROUP_CONFUSIONS = {"0": "O", "D": "O", "Q": "O", "8": "B", "4": "A"}
# Glyphs a small `+` is read as (its cross becomes a `t`, a `4`, an `x`).
_PLUS_CONFUSIONS = frozenset("T4X#*†")
MAX_BLOOD_COST = 2  # at most two corrections: a group letter and a rhesus sign, or one glyph read twice


def _group_readings(raw: str) -> Iterator[tuple[str, int]]:
    """(blood group, corrections) for a reading of the group letters: each confused glyph costs one, and a
    letter read twice (`OO`, `B8`: engines echo a lone glyph) costs one more."""
    fixed = raw.replace("()", "O")
    cost = int(fixed != raw)
    out = []
    for ch in fixed:
        if ch in "ABO":
            out.append(ch)
        elif ch in _GROUP_CONFUSIONS:
            out.append(_GROUP_CONFUSIONS[ch])
            cost += 1
        else:
            return
    group = "".join(out)
    if group in BLOOD_GROUPS:
        yield group, cost
    collapsed = re.sub(r"(.)\1+", r"\1", group)
    if collapsed != group and collapsed in BLOOD_GROUPS:
        yield collapsed, cost + 1


def _rhesus_reading(raw: str) -> tuple[str, int] | None:
    if raw in ("", "+", "-"):
        return raw, 0
    if raw in DASHES:
        return "-", 1
    if raw in _PLUS_CONFUSIONS:
        return "+", 1
    return None


def blood_type(text: str) -> str | None:
    """`A`, `B+`, `AB-`, `O`, `TIDAK TAHU` or `-` from a reading of a blood-type field, or None.

    `At`, `B4`, `Ot` (a small `+` read as a letter) give `A+`, `B+`, `O+`; `8` gives `B` and `0` gives `O`."""
    reading = re.sub(r"\s+", "", text.upper()).strip(_STRAY)
    if not reading:
        return None
    if len(compact(reading)) >= 5:  # a phrase: the one phrase the field allows
        return snap(text, (BLOOD_UNKNOWN,), cutoff=80.0)
    if all(c in DASHES for c in reading) and len(reading) <= 2:
        return "-"
    best: dict[str, int] = {}
    for split in (len(reading), len(reading) - 1):
        rhesus = _rhesus_reading(reading[split:]) if split > 0 else None
        if rhesus is None:
            continue
        for group, cost in _group_readings(reading[:split]):
            value = group + rhesus[0]
            best[value] = min(best.get(value, MAX_BLOOD_COST + 1), cost + rhesus[1])
    if not best:
        return None
    lowest = min(best.values())
    winners = [v for v, c in best.items() if c == lowest]
    return winners[0] if lowest <= MAX_BLOOD_COST and len(winners) == 1 else None


# --- akta kelahiran number: RRRR-LU-DDMMYYYY-NNNN ------------------------------------------------------

# Dukcapil's birth-registration numbers: the regency code, LU (registered in time, "lahir umum") or LT (late,
# "lahir terlambat"), a date (DDMMYYYY) and a serial, e.g. `3204-LT-23052016-0012`.
AKTA_LETTER_CODES = ("LU", "LT")
# Glyphs each code letter is read as when a neighbour touches it (`LT` is kerned: the L's foot runs under the T).
_LETTER_CONFUSIONS = {"L": frozenset("1I|!l["), "T": frozenset("7Y1I"), "U": frozenset("0OVJ")}
_AKTA = re.compile(r"([^-]{3,5})-+([^-]{1,4})-+([^-]{7,9})-+([^-]{3,5})")


def _letter_cost(read: str, letter: str) -> float:
    if read == letter:
        return 0.0
    if read in _LETTER_CONFUSIONS.get(letter, ()):
        return 0.25
    return 0.5 if not read.isalpha() else 1.0


def _code_distance(read: str, code: str) -> float:
    """Edit distance where a glyph confused with the letter costs a quarter, any non-letter half, a wrong
    letter one; a stray extra glyph (`L1T`: one letter read as two) costs half, a missing letter one."""
    rows = [[float(j) for j in range(len(code) + 1)]]
    for r in read:
        extra = 0.5 if not r.isalpha() else 1.0
        row = [rows[-1][0] + extra]
        for j, c in enumerate(code, start=1):
            row.append(min(rows[-1][j - 1] + _letter_cost(r, c), rows[-1][j] + extra, row[j - 1] + 1.0))
        rows.append(row)
    return rows[-1][-1]


def _letter_code(read: str) -> str:
    """The registration letter code: the one code it is closest to; letters that are no code are kept as
    read (another office's code) unless only glyphs the engine confuses with a code's letters stand in it
    (`LI`: the T's bar lost)."""
    if read in AKTA_LETTER_CODES:
        return read
    scored = sorted((_code_distance(read, code), code) for code in AKTA_LETTER_CODES)
    most = CONFUSED_ONLY if read.isalpha() and read.isascii() else 1.0
    if scored[0][0] <= most and scored[0][0] < scored[1][0]:
        return scored[0][1]
    return read


CONFUSED_ONLY = 0.5  # at most two glyphs confused with the code's letters, no wrong letter


def akta_number(text: str) -> str | None:
    """An akta kelahiran number with its digit segments read as digits and its letter code as letters.

    A reading without the four segments, or with a letter no confusion explains in a digit segment (an older
    or another office's format), is returned as read: cleaned, without spaces. Dashes read as spaces, or lost
    (`_dashes_lost`), are put back where the registration format has them."""
    upper = text.upper().strip().strip(_STRAY)
    reading = re.sub(r"\s+", "", upper)
    spaced = re.sub(r"\s*[-—–_~]\s*|\s+", "-", upper.strip())  # `3525 LT 07112011 0148`: spaces for dashes
    for candidate in (reading, spaced):
        m = _AKTA.fullmatch(re.sub("[—–_~]", "-", candidate))
        if m is not None:
            region, code, when, serial = m.groups()
            numbers = [digits(region), digits(when), digits(serial)]  # a letter no confusion explains drops
            if [len(n) for n in numbers] == [len(region), len(when), len(serial)] == [4, 8, len(serial)]:
                return "-".join([numbers[0], _letter_code(code), *numbers[1:]])
    return _dashes_lost(re.sub("[—–_~]", "-", reading)) or re.sub(r"\s+", "", clean_text(text)) or None


# The registration format with a dash missing somewhere: the regency code, two glyphs, the date, the serial.
_AKTA_RUN = re.compile(r"([0-9A-Z]{4})(-?)([A-Z0-9|!\[]{2})(-?)([0-9A-Z]{8})(-?)([0-9A-Z]{3,5})")


def _dashes_lost(reading: str) -> str | None:
    """A registration number a photo or a faint print lost a dash of (`3525LT07112011-0148`): read when its
    glyphs are the format's (four digits, the LT or LU letters, a calendar date, a serial). The dash between
    the regency code and the letters, and before the serial, is printed on every form and put back; the one
    between the letters and the date is left as read (some offices print `3525-LT07112011-0148`)."""
    m = _AKTA_RUN.fullmatch(reading)
    if m is None:
        return None
    region, _, code, dash, when, _, serial = m.groups()
    numbers = [digits(region), digits(when), digits(serial)]
    letters = _letter_code(code)
    if [len(n) for n in numbers] != [4, 8, len(serial)] or letters not in AKTA_LETTER_CODES:
        return None
    if not _calendar_date(numbers[1]):
        return None  # eight glyphs that are no date: another number, not a registration's
    return f"{numbers[0]}-{letters}{dash}{numbers[1]}-{numbers[2]}"


def _calendar_date(ddmmyyyy: str) -> bool:
    try:
        date(int(ddmmyyyy[4:]), int(ddmmyyyy[2:4]), int(ddmmyyyy[:2]))
    except ValueError:
        return False
    return True


# --- a letter's number: segments set apart by slashes (`SKPWNI/150404/04112024/8814`, `474.1/123/DKP/2020`) ---

# Glyphs the engine reads for a letter in a word of letters, and for a digit in a run of digits.
_AS_LETTER = {"1": "I", "0": "O", "5": "S", "8": "B", "2": "Z", "6": "G"}
_AS_DIGIT = {"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "|": "1", "S": "5", "B": "8", "Z": "2"}


def letter_number(text: str) -> str:
    """A letter's number as printed: its segments are a code of letters (`SKPWNI`) or a number, each a run
    of one kind; a glyph of the other kind in a long run of one is that run's glyph misread (`SKPWN1`,
    `15O404`). A space between two runs of digits inside a segment is a slash the reading lost (a number is
    never printed with a space in it); spaces around a slash are dropped. Anything else stays as read."""
    reading = re.sub(r"\s*/\s*", "/", clean_text(text).upper().strip(_STRAY).rstrip(".,"))
    segments: list[str] = []
    for segment in reading.split("/"):
        parts = segment.split()
        if len(parts) > 1 and all(p.isdigit() for p in parts):
            segments.extend(parts)
        else:
            segments.append("".join(parts))
    return "/".join(_one_kind(s) for s in segments)


def _one_kind(segment: str) -> str:
    letters = sum(c.isalpha() for c in segment)
    numbers = sum(c.isdigit() for c in segment)
    if letters + numbers != len(segment) or len(segment) < 4:
        return segment  # punctuation in it (`474.1`) or too short to say which kind it is
    if numbers and letters >= 3 * numbers and all(c in _AS_LETTER for c in segment if c.isdigit()):
        return "".join(_AS_LETTER.get(c, c) for c in segment)
    if letters and numbers >= 3 * letters and all(c in _AS_DIGIT for c in segment if c.isalpha()):
        return "".join(_AS_DIGIT.get(c, c) for c in segment)
    return segment


# --- a numeric date (dd-mm-yyyy, day first on every Indonesian form) whose separators or digits read as others -

# A separator as a poor print, a photo or a fax reads it: a slash's stroke as `1`, `l`, `I`, `|`, `7` or `\`.
_SEPARATOR_LIKE = frozenset("-/.,:;|\\1lI7!")
# A digit as the engine reads it among digits (`3O.O6.2O13`), a letter's number's confusions and a 6 as G.
_DIGIT_LIKE = {**_AS_DIGIT, "G": "6"}


def _as_digits(glyphs: str) -> str | None:
    out = "".join(_DIGIT_LIKE.get(c, c) for c in glyphs.upper())
    return out if out.isdigit() else None


def misread_date(text: str) -> str | None:
    """A printed dd-mm-yyyy read with its separators as other glyphs (`30|06|2013`, `30106/2013`: a slash's
    stroke read as `1`) or with letters for its digits and no separators left (`3O062O13`): the calendar
    date the reading can be, when it can be exactly one; else None. Read in two shapes only: ten glyphs with
    a separator's place at the third and sixth, or eight glyphs (no separators), so a `1` or `7` read as a
    separator stands only where the format has one."""
    reading = re.sub(r"\s+", "", text).strip(".,;:'\"")
    found: set[str] = set()
    if len(reading) == 10 and reading[2] in _SEPARATOR_LIKE and reading[5] in _SEPARATOR_LIKE:
        found.add(reading[:2] + reading[3:5] + reading[6:])
    if len(reading) == 8:
        found.add(reading)
    dates = {
        f"{d[4:]}-{d[2:4]}-{d[:2]}"
        for glyphs in found
        if (d := _as_digits(glyphs)) is not None and _calendar_date(d)
    }
    return dates.pop() if len(dates) == 1 else None


# --- a date typed in parts, each in boxes of its own after a short label (`Tgl [1|7] Bln [1|1] Thn [2|0|2|4]`) --

_PART_LABEL = re.compile(r"[A-Za-z]{1,4}\.?:?")  # `Tgl`, `Bln`, `Thn`, or what a reading makes of them (`Ta`)


def date_in_parts(text: str) -> str | None:
    """A date whose day, month and year each stand after a short label of its own (`Tgl 17 Bln 11 Thn
    2024`), the labels misread (`Ta 1 7 Bh 11 Tn 2 024`) and the boxes' walls read as marks (`1:7`, `1/1`):
    the digits between the labels are the day, the month and the year, read with the digit look-alikes.
    None unless there are exactly three parts, a day and a month of one or two digits and a year of four
    that make a calendar date."""
    parts: list[str] | None = None
    for token in text.split():
        if _PART_LABEL.fullmatch(token) and not any(c.isdigit() for c in token):
            parts = [*(parts or []), ""]
        elif parts is None:
            return None  # a number before any label: no date in parts
        else:
            glyphs = re.sub(r"[^0-9A-Za-z]", "", token)  # the marks a wall reads as go
            read = _as_digits(glyphs) if glyphs else ""
            if read is None:
                return None
            parts[-1] += read
    if parts is None or len(parts) != 3:
        return None
    day, month, year = parts
    if not (1 <= len(day) <= 2 and 1 <= len(month) <= 2 and len(year) == 4):
        return None
    ddmmyyyy = f"{int(day):02d}{int(month):02d}{year}"
    return f"{year}-{ddmmyyyy[2:4]}-{ddmmyyyy[:2]}" if _calendar_date(ddmmyyyy) else None
