"""Validators that decide between readings and set each field's confidence.

- Region names are looked up in the project's code list, top down (province, then the regency among that
  province's, ...): a reading one or two letters off a single name is corrected to it; a reading that matches
  no name keeps its text and loses confidence.
- A postal code is checked against the resolved village's; one digit off the only code it can be is corrected.
- A NIK is checked for structure (district code, DDMMYY with +40 for women, serial) and for agreement with the
  birth date and sex read from the same page; a KK number for its form and district.

Confidence: the OCR's mean word confidence, raised halfway to 1 when a validator confirms the value, scaled by
the match score when a name was corrected, and lowered when a validator rejects it.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ektp.domain.nik import validate_kk_number, validate_nik
from ektp.domain.region import regions
from ektp.ocr.models import Field
from ektp.ocr.text import compact, confusable_entry, parse_date

REGION_SCORE = 85.0  # fuzzy score a reading needs to be corrected to a region name
REJECTED = 0.6  # confidence factor for a value a validator rejects
_ABBREVIATIONS = (
    (r"\bKAB\b\.?", "KABUPATEN"),
    (r"\bKOTA ADM\b\.?", "KOTA ADMINISTRASI"),
    (r"\bPROP\b\.?", "PROVINSI"),
    (r"\bKEP\b\.?", "KEPULAUAN"),
)
LEVELS = ("province", "regency", "district", "village")
GAP_TRUST = 0.8  # a level named by the code list from the level read below it
# A name's leading words are tried only among the regions under a known parent, and must read near-exactly.
MAX_PREFIX_CANDIDATES = 120
PREFIX_SCORE = 94.0


def confirmed(f: Field) -> Field:
    return Field(value=f.value, confidence=round(1 - (1 - f.confidence) / 2, 3))


def rejected(f: Field) -> Field:
    return Field(value=f.value, confidence=round(f.confidence * REJECTED, 3))


@cache
def _level_names(parent: str | None, level: str) -> tuple[tuple[str, str], ...]:
    """(code, upper-case name) of every region of `level` under `parent` (None: the whole country)."""
    idx = regions()
    if parent is not None:
        return tuple((c, n.upper()) for c, n in idx.children(parent))
    return tuple((c, (idx.name(c) or "").upper()) for c in idx.codes(level))  # type: ignore[arg-type]


def _expand(reading: str) -> str:
    out = reading.upper()
    for pattern, full in _ABBREVIATIONS:
        out = re.sub(pattern, full, out)
    return re.sub(r"\s+", " ", out).strip()


def match_region(
    reading: str, candidates: tuple[tuple[str, str], ...], *, confusions: bool = False
) -> tuple[str, str, float] | None:
    """(code, name, score) of the one region name the reading is, or None (none close, or two as close).

    A reading that is no name may be a name with more after it (a stamp's letters, the next column's words
    run on: `KUALA TERUSAN ANA -`): its leading words are then tried, longest first, among few candidates
    (the regions under a known parent) and only for a near-exact name. With `confusions`, a reading still
    unmatched may be a name with letters a print confuses (`_confused_name`)."""
    found = _match_whole(reading, candidates)
    few = 0 < len(candidates) <= MAX_PREFIX_CANDIDATES
    words = reading.split()
    if found is None and few and len(words) >= 2:
        found = _leading_words(words, candidates)
    if found is None and few and confusions:
        found = _confused_name(reading, candidates)
    return found


def _leading_words(
    words: list[str], candidates: tuple[tuple[str, str], ...]
) -> tuple[str, str, float] | None:
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        if len(compact(head)) < 4:
            break
        hit = _match_whole(head, candidates)
        if hit is not None and hit[2] >= PREFIX_SCORE:
            return hit
    return None


CONFUSED_SCORE = 90.0  # a name read with letters a print confuses (`HAIRAN` for HAJRAN): corrected, less sure


def _confused_name(reading: str, candidates: tuple[tuple[str, str], ...]) -> tuple[str, str, float] | None:
    """The one name under a known parent the reading is but for letters a print confuses (I for J, 5 for S),
    read whole or after a stray mark or letter (`S HAIRAN`: the side label's letter beside it)."""
    names = tuple(name for _, name in candidates)
    words = reading.split()
    # A lone letter or a mark, never an abbreviation (`KP. BARU` is no `BARU`).
    stray = len(words) > 1 and (len(words[0]) == 1 or not any(c.isalpha() for c in words[0]))
    for text in (reading, " ".join(words[1:]) if stray else ""):
        name = confusable_entry(text, names) if text else None
        if name is not None:
            return next(code for code, other in candidates if other == name), name, CONFUSED_SCORE
    return None


def _match_whole(reading: str, candidates: tuple[tuple[str, str], ...]) -> tuple[str, str, float] | None:
    if not candidates:
        return None
    text = _expand(reading)
    for prefixed in (text, "PROVINSI " + text):
        for code, name in candidates:
            if name == prefixed or name == text.removeprefix("PROVINSI "):
                return code, name, 100.0
    key = compact(text).removeprefix("PROVINSI")
    found = _best(key, {compact(name): (code, name) for code, name in candidates})
    if found is None and not key.startswith(("KABUPATEN", "KOTA")):
        # `MALANG` read after a `Kabupaten` label: the name without its kind, if only one region has it.
        counts = Counter(compact(bare_place(name)) for _, name in candidates)
        bare = {compact(bare_place(n)): (c, n) for c, n in candidates if counts[compact(bare_place(n))] == 1}
        found = _best(key, bare)
    return found


def _best(key: str, keys: dict[str, tuple[str, str]]) -> tuple[str, str, float] | None:
    top = process.extract(key, list(keys), scorer=fuzz.ratio, limit=2)
    if not top or top[0][1] < REGION_SCORE:
        return None
    if len(top) > 1 and top[1][1] >= top[0][1] - 3:
        return None  # two names as close: do not guess
    code, name = keys[top[0][0]]
    return code, name, float(top[0][1])


def resolve_regions(fields: dict[str, Field], prefix: str = "", nik: str | None = None) -> str | None:
    """Check and correct `<prefix>province` ... `<prefix>village` in place; the deepest code resolved.

    Each level is looked up among the children of the level above when that was resolved, else across the
    country (a district read alone is still found). The NIK's district code breaks a tie between namesakes."""
    _widen_truncated_regency(fields, prefix)
    parent: str | None = None
    deepest: str | None = None
    gap: tuple[str, str] | None = None  # (the level not read, the code of the level above it)
    for level in LEVELS:
        key = prefix + level
        f = fields.get(key)
        if f is None:
            if level != "province":
                gap = (key, parent) if parent is not None else None
                parent = None  # a gap: look the next level up across the country
            continue
        read_parent = parent is not None
        if parent is None and level in ("district", "village") and nik:
            parent = _nik_parent(nik, level)
        found = _under_the_gap(f.value, gap) if parent is None else None
        if found is not None and gap is not None:
            _fill_gap(fields, gap[0], found[0], f)
        else:
            candidates = _level_names(parent, level) if parent is not None or level != "village" else ()
            # Confused letters only under a parent the page itself read (the NIK's district is the birth's, not
            # the address's after a move), and only for a reading that names no region of its level anywhere.
            # (Provinces have no parent: no two of them are one another's letters confused.)
            confusions = (read_parent or level == "province") and compact(f.value) not in _compact_names(
                level
            )
            found = match_region(f.value, candidates, confusions=confusions)
        gap = None
        if found is None:
            fields[key] = rejected(f)
            parent = None
            continue
        code, name, score = found
        if score >= 100 and f.value != name and compact(f.value) == compact(name):
            # `ALOALO` for `ALO ALO`: a narrow space lost (or a stray mark read); the code list's spelling.
            f = Field(value=name, confidence=f.confidence)
        fields[key] = (
            confirmed(f)
            if score >= 100
            else Field(value=name, confidence=round(f.confidence * score / 100, 3))
        )
        parent = deepest = code
    return deepest


def _widen_truncated_regency(fields: dict[str, Field], prefix: str) -> None:
    """A regency read as the first words of another's name (`KABUPATEN NIAS` for KABUPATEN NIAS SELATAN: a
    narrow cell's second line lost), whose district is not under the regency read but is, by its exact name,
    under exactly one regency whose name goes on from it: that regency is the one printed. The district (and
    the village the loop then looks for under it) are what say so; a district under the regency read, or
    under none or two of the longer names, leaves the reading as it is."""
    regency, district = fields.get(prefix + "regency"), fields.get(prefix + "district")
    if regency is None or district is None:
        return
    read = _expand(regency.value)
    names = _regency_names()
    longer = [(c, n) for c, n, bare in names if n.startswith(read + " ") or bare.startswith(read + " ")]
    if not longer:
        return
    exact = [c for c, n, bare in names if read in (n, bare)]
    if any(_exact_child(district.value, code) for code in exact):
        return
    under = [n for c, n in longer if _exact_child(district.value, c)]
    if len(under) == 1:
        fields[prefix + "regency"] = Field(value=under[0], confidence=regency.confidence)


@cache
def _regency_names() -> tuple[tuple[str, str, str], ...]:
    """(code, name, name without its kind) of every regency and city: built once, the code list is fixed."""
    return tuple((c, n, bare_place(n)) for c, n in _level_names(None, "regency"))


def _exact_child(reading: str, parent: str) -> bool:
    found = _match_whole(reading, _level_names(parent, "district"))
    return found is not None and found[2] >= 100


def is_a_place(reading: str) -> bool:
    """The reading is the name of a regency or city (without its kind), a district or a village."""
    key = compact(reading)
    return key in place_names() or key in _compact_names("district") or key in _compact_names("village")


# Words of an office's stamp and letterhead (`KANTOR KEPALA DESA`, `DINAS KEPENDUDUKAN`): a few are also some
# village's name, but read where a stamp covers a value they are the stamp's.
STAMP_WORDS = frozenset(
    (
        "KANTOR", "KEPALA", "DESA", "LURAH", "KELURAHAN", "CAMAT", "KECAMATAN", "KABUPATEN", "KOTA", "PROVINSI",
        "PEMERINTAH", "DINAS", "KEPENDUDUKAN", "PENCATATAN", "SIPIL", "REPUBLIK", "INDONESIA", "DISDUKCAPIL",
    )
)  # fmt: skip


def region_name(reading: str, level: str) -> str | None:
    """The name of the region of `level` somewhere in the country the reading is: exactly, or one letter from
    one name only (a name of six letters or more); None otherwise, and for a word of a stamp or letterhead
    read alone (`KEPALA`, one letter from the village CEPALA): read where a stamp covered the value, it is the
    stamp's."""
    alone = compact(reading)
    if " " not in reading.strip() and (
        alone in STAMP_WORDS or (len(alone) >= 6 and _one_from_stamp_word(alone))
    ):
        return None  # a stamp's word read alone; a name of several words may hold one (`PASAR KOTA BAKTI`)
    reading = compact(_expand(reading))
    names = _compact_names(level)
    if reading in names:
        return names[reading]
    if len(reading) < 6:
        return None
    near = process.extract(reading, list(names), scorer=Levenshtein.distance, score_cutoff=1, limit=2)
    return names[near[0][0]] if len(near) == 1 else None


def _one_from_stamp_word(word: str) -> bool:
    return any(Levenshtein.distance(word, s, score_cutoff=1) <= 1 for s in STAMP_WORDS if len(s) >= 6)


@cache
def _compact_names(level: str) -> dict[str, str]:
    """Each name of `level` in the country, compacted, to the name as the code list spells it."""
    return {compact(name): name for _, name in _level_names(None, level)}


def _under_the_gap(reading: str, gap: tuple[str, str] | None) -> tuple[str, str, float] | None:
    """A region read below a level the page lost (a district under the office's stamp): looked up among the
    grandchildren of the level above the gap (the villages of the regency), where it is one name or none."""
    if gap is None:
        return None
    candidates = _grandchildren(gap[1])
    found = match_region(reading, candidates)
    if found is None or sum(name == found[1] for _, name in candidates) > 1:
        return None  # namesakes under different parents (four SUKAMAJU in Kabupaten Bogor): which is unknown
    return found


@cache
def _grandchildren(code: str) -> tuple[tuple[str, str], ...]:
    idx = regions()
    return tuple((c, n.upper()) for child, _ in idx.children(code) for c, n in idx.children(child))


def _fill_gap(fields: dict[str, Field], key: str, code: str, below: Field) -> None:
    """The lost level is the parent of the region read below it: the code list says which, held less sure
    than the reading that named it (it rests on that reading alone)."""
    name = regions().name(regions().parent(code) or "")
    if name:
        fields[key] = Field(value=name.upper(), confidence=round(GAP_TRUST * below.confidence, 3))


@cache
def place_names() -> dict[str, str]:
    """Regency and city names without their kind (`NIAS SELATAN`, `BATANGHARI`), by their letters alone."""
    idx = regions()
    names: dict[str, str] = {}
    for code in idx.codes("regency"):
        bare = bare_place(idx.name(code) or "")
        names.setdefault(compact(bare), bare)
    return names


def bare_place(regency: str) -> str:
    """A regency's or city's name without its kind, as a card prints a place (`KABUPATEN BATANGHARI` ->
    `BATANGHARI`)."""
    return re.sub(r"^(KABUPATEN|KOTA ADMINISTRASI|KOTA)\s+", "", regency.upper())


def _nik_parent(nik: str, level: str) -> str | None:
    if len(nik) != 16 or not nik.isdigit():
        return None
    district = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    return district.rpartition(".")[0] if level == "district" else district


def check_postal_code(fields: dict[str, Field], key: str, village_code: str | None) -> None:
    f = fields.get(key)
    if f is None or village_code is None or village_code.count(".") != 3:
        return
    expected = regions().postal_codes(village_code)
    if not expected:
        return
    if f.value in expected:
        fields[key] = confirmed(f)
        return
    near = [
        c
        for c in expected
        if len(c) == len(f.value) and sum(a != b for a, b in zip(c, f.value, strict=True)) == 1
    ]
    fields[key] = (
        Field(value=near[0], confidence=round(f.confidence * 0.8, 3)) if len(near) == 1 else rejected(f)
    )


# Digits a print face's digit is misread as (Tesseract on small or degraded print).
DIGIT_CONFUSIONS = {
    "0": "689", "1": "74", "2": "7", "3": "858", "4": "1", "5": "639", "6": "508", "7": "12", "8": "0369", "9": "085",
}  # fmt: skip


def _nik_agrees(value: str, birth: date | None, sex: str | None) -> bool:
    check = validate_nik(value, birth_date=birth, sex=sex)  # type: ignore[arg-type]
    # A district code found only in an older edition is a valid NIK (a warning for officers, not a misread).
    return check.valid and not [
        w for w in check.warnings if w.code in ("NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH")
    ]


def repair_nik(value: str, birth: date | None = None, sex: str | None = None) -> str | None:
    """The one NIK a single confusable digit away that is valid and agrees with the page's birth date and sex,
    or None (none, or more than one: then nothing is guessed)."""
    if len(value) != 16 or not value.isdigit():
        return None
    found = {
        fixed
        for i, digit in enumerate(value)
        for alt in DIGIT_CONFUSIONS.get(digit, "")
        if _nik_agrees(fixed := value[:i] + alt + value[i + 1 :], birth, sex)
    }
    return found.pop() if len(found) == 1 else None


def _page_birth_and_sex(fields: dict[str, Field]) -> tuple[date | None, str | None]:
    birth = fields.get("birth_date")
    sex_field = fields.get("sex")
    sex = None if sex_field is None else ("M" if sex_field.value == "LAKI-LAKI" else "F")
    return (_iso(birth.value) if birth else None), sex


def nik_agrees_with_page(value: str, fields: dict[str, Field]) -> bool:
    """A NIK that is valid and agrees with the birth date and sex read from the same page."""
    birth, sex = _page_birth_and_sex(fields)
    return _nik_agrees(value, birth, sex)


def repair_nik_on_page(value: str, fields: dict[str, Field]) -> str | None:
    """`repair_nik` against the birth date and sex read from the same page."""
    birth, sex = _page_birth_and_sex(fields)
    return repair_nik(value, birth, sex)


# A NIK read at least this surely (the mean confidence of its words) that is a valid NIK on its own is a reading
# as good as the page's birth date: a disagreement between them says one of the two was misread, not which.
NIK_CONFIDENT = 0.85


def check_nik(fields: dict[str, Field], key: str = "nik", *, date_confirmed: bool = False) -> None:
    """Structure, and agreement with the birth date and sex on the same page. A reading that fails and is one
    confusable digit from the only NIK that passes is corrected; a mismatch that no such digit explains is
    kept (it can be lawful: a NIK keeps a corrected date) and only lowers the confidence.

    A NIK valid on its own and read confidently is never rewritten to agree with a date printed once (a
    misread `1993` for `1998` would drag a right NIK with it); only with one `date_confirmed` by a second
    printing (digits and words agreeing)."""
    f = fields.get(key)
    if f is None:
        return
    declared, sex = _page_birth_and_sex(fields)
    if _nik_agrees(f.value, declared, sex):
        fields[key] = confirmed(f)
        return
    sure = f.confidence >= NIK_CONFIDENT and nik_is_plausible(f.value)
    fixed = None if sure and not date_confirmed else repair_nik(f.value, declared, sex)
    fields[key] = Field(value=fixed, confidence=round(f.confidence * 0.8, 3)) if fixed else rejected(f)


# The NIK's serial counts the people of one district born on one day, of one sex, registered before: a
# district of 100,000 people has a few a day. A serial this high was read with zeros as other digits.
SERIAL_MOST = 100


def small_serial(fields: dict[str, Field], key: str = "nik") -> None:
    """A NIK whose serial runs to hundreds or thousands because its leading zeros were read as digits the
    engine confuses with 0 (`9032`, `9932`: a typewriter's 0 read as 9): those zeros back, fewest first,
    until the serial is a plausible count. Any other high serial is kept as read."""
    f = fields.get(key)
    if f is None or len(f.value) != 16 or not f.value.isdigit():
        return
    serial = list(f.value[12:])
    for i in range(len(serial) - 1):
        if int("".join(serial)) < SERIAL_MOST:
            break
        if serial[i] != "0" and "0" not in DIGIT_CONFUSIONS[serial[i]]:
            return  # a digit no 0 is read as: the serial is high as printed
        serial[i] = "0"
    fixed = "".join(serial)
    if fixed != f.value[12:] and 0 < int(fixed) < SERIAL_MOST:
        fields[key] = Field(value=f.value[:12] + fixed, confidence=round(f.confidence * 0.8, 3))


def check_kk_number(fields: dict[str, Field], key: str) -> None:
    f = fields.get(key)
    if f is not None:
        fields[key] = rejected(f) if validate_kk_number(f.value) else confirmed(f)


def nik_is_plausible(value: str) -> bool:
    return validate_nik(value).valid


def kk_is_plausible(value: str) -> bool:
    return not validate_kk_number(value)


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


_AKTA_NUMBER = re.compile(r"(\d{4}-[A-Z]{2}-?)(\d{7,9})(-\d{3,5})")


def _ddmmyyyy(segment: str) -> date | None:
    try:
        return date(int(segment[4:]), int(segment[2:4]), int(segment[:2])) if len(segment) == 8 else None
    except ValueError:
        return None


def _registration_date(segment: str, born: date | None, today: date) -> date | None:
    """The segment's date when it can be a registration's: a calendar date not after today (a birth is
    registered once it has happened) and, the birth date known, not before it."""
    when = _ddmmyyyy(segment)
    if when is None or when > today or (born is not None and when < born):
        return None
    return when


def _confused(segment: str, changes: int) -> set[str]:
    """The segment with `changes` of its digits each read for a confusable one (`DIGIT_CONFUSIONS`)."""
    found = {segment}
    for _ in range(changes):
        found = {
            s[:i] + alt + s[i + 1 :] for s in found for i, d in enumerate(s) for alt in DIGIT_CONFUSIONS[d]
        }
    return found


def repair_akta_number(number: str, birth: str | None, today: date | None = None) -> str | None:
    """An akta number whose date segment (DDMMYYYY, the registration date) is no calendar date, or one still
    to come (`21042992`: the typewritten zeros of 2002 read as 9s), read with a glyph too many or with one or
    two confusable digits wrong: the one registration date the reading can be (not after today, not before
    the birth; the birth date on the page breaks a tie: an akta registered on time carries it), with as few
    digits changed as can be. None when the date is fine or the reading cannot be told."""
    m = _AKTA_NUMBER.fullmatch(number)
    today = today or date.today()
    read = _ddmmyyyy(m[2]) if m else None
    if m is None or (read is not None and read <= today):
        return None
    segment = m[2]
    born = _iso(birth) if birth else None
    wanted = born.strftime("%d%m%Y") if born else None
    if (
        wanted is not None
        and len(segment) == 8
        and sum(a != b for a, b in zip(segment, wanted, strict=True)) == 1
    ):
        # One digit from the page's birth date, whatever glyph it was read as (`46112002`: a 2's curl closed
        # into a 4): fewer changes than any confusion makes, and the date an akta registered on time carries.
        return m[1] + wanted + m[3]
    tries = [{segment[:i] + segment[i + 1 :] for i in range(len(segment))}] if len(segment) == 9 else []
    if len(segment) == 8:
        tries = [_confused(segment, 1), _confused(segment, 2)]  # the fewest changes that make a date first
    for variants in tries:
        real = {v for v in variants if _registration_date(v, born, today) is not None}
        if real:
            pick = wanted if wanted in real else (real.pop() if len(real) == 1 else None)
            return m[1] + pick + m[3] if pick else None
    return None


def is_registration_number(number: str) -> bool:
    """A birth registration's number: a regency's code that exists, the letters, a date not after today."""
    m = _AKTA_NUMBER.fullmatch(number)
    return (
        m is not None
        and _regency_exists(m[1][:4])
        and _registration_date(m[2], None, date.today()) is not None
    )


def registered_before_birth(number: str, birth: str) -> str | None:
    """An akta number whose registration date (DDMMYYYY) is a real date before the birth date, one confusable
    digit from the birth date: the birth date misread (`21061933` for `21061983`, a bold 8 read as 3), since no
    birth is registered before it happens. The number with the birth date; None otherwise (a later date is a
    lawful late registration, however close)."""
    m = _AKTA_NUMBER.fullmatch(number)
    born = _iso(birth)
    read = _ddmmyyyy(m[2]) if m else None
    if m is None or born is None or read is None or read >= born:
        return None
    wanted = born.strftime("%d%m%Y")
    wrong = [(a, b) for a, b in zip(m[2], wanted, strict=True) if a != b] if len(m[2]) == 8 else []
    if len(wrong) != 1 or wrong[0][1] not in DIGIT_CONFUSIONS[wrong[0][0]]:
        return None
    return m[1] + wanted + m[3]


def check_akta_number(fields: dict[str, Field]) -> None:
    """The number's registration date read as no date, or as one before the birth (only against a birth date
    the page's NIK confirms: a misread birth date must not drag the number with it), is repaired."""
    f = fields.get("number")
    if f is None:
        return
    birth = fields.get("birth_date")
    fixed = repair_akta_number(f.value, birth.value if birth else None)
    nik = fields.get("nik")
    if (
        fixed is None
        and birth is not None
        and nik is not None
        and _same_day(birth.value, _nik_date(nik.value))
    ):
        fixed = registered_before_birth(f.value, birth.value)
    fixed = _regency_code_repaired(fixed or f.value, nik.value if nik else None) or fixed
    if fixed is not None:
        fields["number"] = Field(value=fixed, confidence=round(f.confidence * 0.8, 3))


def _regency_code_repaired(number: str, nik: str | None) -> str | None:
    """A registration number whose regency code names no regency of the code list: the code one confusable
    digit makes that does (the NIK's regency breaks a tie); None when it names one or cannot be told."""
    m = _AKTA_NUMBER.fullmatch(number)
    if m is None or _regency_exists(m[1][:4]):
        return None
    real = {code for code in _confused(m[1][:4], 1) if _regency_exists(code)}
    pick = nik[:4] if nik and nik[:4] in real else (real.pop() if len(real) == 1 else None)
    return pick + number[4:] if pick else None


def _regency_exists(code: str) -> bool:
    return regions().exists(f"{code[:2]}.{code[2:4]}")


# Letters (and the digits among them) a print face's glyph is read as: a vertical stem (I, T, L, J, 1), a
# bowl (O, D, Q, 0), an open cup (U, V), and the letter-digit twins.
_GLYPH_TWINS = ("ITLJ1|!", "ODQ0", "UV", "B8", "S5", "G6C", "Z2", "EF")


def _twins(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _GLYPH_TWINS)


@cache
def _place_names() -> frozenset[str]:
    """The regencies' and cities' names without their kind (`NIAS SELATAN`, `SURABAYA`): what an akta prints
    as the place of birth."""
    return frozenset(bare_place(name) for _, name in _level_names(None, "regency"))


def check_place_of_birth(fields: dict[str, Field]) -> None:
    """A place of birth that is no regency or city, one confused glyph (`NTAS SELATAN`: the I read as T) from
    exactly one of them, is that one: the akta prints the regency or city of birth. A place no confusion
    explains (`SOLO`, a letter short of SOLOK) stays as read."""
    f = fields.get("place_of_birth")
    if f is None or f.value in _place_names():
        return
    near = [
        name
        for name in _place_names()
        if len(name) == len(f.value)
        and len(wrong := [(a, b) for a, b in zip(f.value, name, strict=True) if a != b]) == 1
        and _twins(*wrong[0])
    ]
    if len(near) == 1:
        fields["place_of_birth"] = Field(value=near[0], confidence=round(f.confidence * 0.8, 3))


def _nik_date(nik: str) -> tuple[int, int, int] | None:
    """(day, month, two-digit year) a valid NIK encodes (a woman's day is printed plus 40)."""
    if not nik_is_plausible(nik):
        return None
    day = int(nik[6:8])
    return (day - 40 if day > 40 else day), int(nik[8:10]), int(nik[10:12])


def birth_date_from_nik(raw: str, nik: str | None) -> str | None:
    """A birth date no reading of `raw` parses (`7 Agustus 19938`: a glyph too many; one misread digit): of
    the dates one digit dropped or one confusable digit changed makes of it, the one the page's valid NIK
    encodes, if exactly one. None otherwise: nothing is guessed."""
    encoded = _nik_date(nik) if nik else None
    if encoded is None:
        return None
    spots = [i for i, c in enumerate(raw) if c.isdigit()]
    variants = [raw[:i] + raw[i + 1 :] for i in spots]
    variants += [raw[:i] + alt + raw[i + 1 :] for i in spots for alt in DIGIT_CONFUSIONS[raw[i]]]
    found = set()
    for variant in variants:
        iso = parse_date(variant)
        if iso is not None:
            born = date.fromisoformat(iso)
            if (born.day, born.month, born.year % 100) == encoded:
                found.add(iso)
    return found.pop() if len(found) == 1 else None


def nik_disowns_date(iso: str, nik: str | None) -> bool:
    """Whether a valid NIK encodes another day than `iso` (False without a valid NIK: nothing to say)."""
    encoded = _nik_date(nik) if nik else None
    return encoded is not None and not _same_day(iso, encoded)


def _same_day(iso: str, encoded: tuple[int, int, int] | None) -> bool:
    born = _iso(iso)
    return born is not None and encoded == (born.day, born.month, born.year % 100)


def decide_birth_date(
    digits: Field | None, words: Field | None, nik: str | None
) -> tuple[Field | None, bool]:
    """The birth date of a page that prints it in digits and again in words (`07-08-1998 (Tujuh Agustus ...)`),
    and whether the two printings agree (the date is then confirmed).

    Disagreeing, the words win: a misread glyph turns `1998` into `1993`, a real date, but no misread letter
    turns `DELAPAN` into `TIGA`. Only when the page's valid NIK encodes the digits' date and not the words'
    (a number word lost, `... PULUH` for `... PULUH SATU`) do the digits stand."""
    if digits is None or words is None or digits.value == words.value:
        agreed = digits is not None and words is not None
        found = digits or words
        return (confirmed(found) if agreed and found else found), agreed
    encoded = _nik_date(nik) if nik else None
    if _same_day(digits.value, encoded) and not _same_day(words.value, encoded):
        return digits, False
    chosen = Field(value=words.value, confidence=min(words.confidence, digits.confidence))
    return (confirmed(chosen) if _same_day(words.value, encoded) else chosen), False


# --- an address's words: streets are named after places (JL. GAJAH MADA, JL. SUMATERA, GG. MELATI) ---------


@cache
def _region_words() -> frozenset[str]:
    """Every word of four letters or more in the names of the provinces, regencies and districts, upper case
    (the villages' 80,000 names cost a second to load, and their rarer words fit more misreadings)."""
    idx = regions()
    names = (idx.name(c) or "" for level in LEVELS[:3] for c in idx.codes(level))  # type: ignore[arg-type]
    return frozenset(w for name in names for w in re.findall(r"[A-Z]{4,}", name.upper()))


def hooked_j(word: str) -> str:
    """A word with a `J` read as `I` (a sans-serif capital J's hook lost to a photocopy or a phone's blur:
    `GAIAH` for `GAJAH`): when the word as read is no word of the region names and exactly one of its `I`s
    turned `J` makes one, that word; else the word as read."""
    if len(word) < 4 or "I" not in word or not word.isalpha() or word in _region_words():
        return word
    turned = {word[:i] + "J" + word[i + 1 :] for i, c in enumerate(word) if c == "I"}
    known = [w for w in turned if w in _region_words()]
    return known[0] if len(known) == 1 else word
