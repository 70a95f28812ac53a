"""A field's reading -> its normalised value (ISO dates, 16-digit numbers, closed vocabularies), or None."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from ektp.ocr import grammar, validate
from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.models import Field
from ektp.ocr.text import make_field

Normaliser = Callable[[str], str | None]


def _vocab(vocabulary: tuple[str, ...]) -> Normaliser:
    return lambda s: t.snap(s, vocabulary)


def _text(s: str) -> str | None:
    return t.clean_text(s) or None


def _dash_or_text(s: str) -> str | None:
    c = t.clean_text(s)
    return "-" if c in ("", "-", "_", "—", "--") else c


def _dash_or_date(s: str) -> str | None:
    c = t.clean_text(s)
    return "-" if c in ("", "-", "_", "—", "--") else t.parse_date(s)


def _past_date(s: str) -> str | None:
    """A date of something done (a birth, an issue): a year after this one is a zero misread, or no date."""
    return _date(s, years_ahead=0)


def _date(s: str, years_ahead: int = 5) -> str | None:
    """A date in words or numbers; a numeric one whose separators or digits were misread, when it can be
    only one date. A year no civil document of a living resident holds (`2913` for 2013: a fax's or a hand's
    zero misread) is the one date putting zeros back makes, or no date read."""
    found = t.parse_date(s) or grammar.misread_date(s)
    if found is None or FIRST_YEAR <= int(found[:4]) <= date.today().year + years_ahead:
        return found
    if int(found[:4]) < FIRST_YEAR:
        return None
    # `2092`, `2913`: a zero read as a 9 (the one date not after today its zeros put back make, or none).
    return t.date_with_zeros_back(s, as_read=False)


FIRST_YEAR = 1870  # no resident living was born, married or issued a document before (a planned move's date
# lies ahead, a few years at most: `years_ahead`; a card's validity is read otherwise)


def _valid_until(s: str) -> str | None:
    found = t.snap(s, t.VALID_UNTIL) or t.parse_date(s)
    if found is None and ("SEUMUR" in t.compact(s) or "HIDUP" in t.compact(s)):
        # A card is valid until a date or for life: a word of `SEUMUR HIDUP` read whole under a pen's
        # stroke or a stamp (`SEUMURUOUE...`) can be no other value.
        return "SEUMUR HIDUP"
    return found


# The street words an address opens with, as the engine misreads them (`IL.` for `JL.`, `6G.` for `GG.`; `UL.`:
# a J whose hook a scan's grain closed into a U's bowl).
_STREET_MISREADS = {
    "JL": ("IL", "JI", "J1", "1L", "lL", "JT", "JK", "UL"),
    "GG": ("6G", "G6", "GC", "CG", "66"),
}
_STREET_WORDS = ("JL", "GG", "JALAN", "GANG")
_J_MISREADS = ("IL", "UL", "1L", "lL")  # `JL` whose J was read as another stroke


# A colon between label and value read as a digit, a mark or both (`1`, `?`, `1»`) before the street word.
_COLON_READ = re.compile(r"[12Il|!:;]?[^\w\s]*")


def _address(s: str) -> str | None:
    # `JL,` `GG,` `NO,`: the full stop of an abbreviation read as a comma (no address uses a comma there).
    text = re.sub(r"\b([A-Z]{1,3}),(?=\s)", r"\1.", t.clean_text(s))
    first, _, rest = text.partition(" ")
    if rest and not any(c.isalnum() for c in first):
        first, _, rest = rest.partition(" ")  # `? DUSUN KARANGANYAR`: the colon read as a mark alone
    # A colon read as `1`, `2` or `:` glued before the street word (`1JL.`, `2 JL.`): no address starts so.
    glued = re.fullmatch(r"[12:;|!I]([A-Z0-9]{2}\.?)", first)
    if glued and glued[1].rstrip(".") in (*_STREET_WORDS, *(m for v in _STREET_MISREADS.values() for m in v)):
        first = glued[1]
    elif _COLON_READ.fullmatch(first) and rest.split(" ", 1)[0].rstrip(".") in _STREET_WORDS:
        # `? JL. GAJAH MADA`, `1 JL. ...`, `1» JL. ...`: a colon read as marks or a digit before the street word.
        first, _, rest = rest.partition(" ")
    for street, misreads in _STREET_MISREADS.items():
        # With its stop, or a J's misreads that are no word and no number (`UL GAJAH MADA`) without one.
        if first.rstrip(".") in misreads and (first.endswith(".") or first in _J_MISREADS):
            first = street + "."
    if first.rstrip(".") in _STREET_WORDS:
        # A street is most often named after a place (`JL. GAJAH MADA`, `JL. SUMATERA`): its name's `J` read
        # as `I` is put back when that makes the one region word it can be.
        rest = " ".join(validate.hooked_j(w) for w in rest.split(" "))
    return _abbreviations(" ".join(p for p in (first, rest) if p)) or None


# `JL`, `GG` before a name and `NO` before a number are abbreviations the registry prints with a full stop and
# a space (`JL. CEMPAKA NO. 76`): a stop lost to a copy's grain (`JL CEMPAKA`) or a space lost between
# narrow glyphs (`NO.19`, `GG.HASANUDDIN`) is put back. A word that merely starts so (`NOVA`) has neither.
_ABBREVIATION = re.compile(r"\b(JL|GG)(?:\.\s*|\s+)(?=[A-Z0-9])|\b(NO)(?:\.\s*|\s+)(?=\d)")


def _abbreviations(text: str) -> str:
    return _ABBREVIATION.sub(lambda m: f"{m[1] or m[2]}. ", text)


def _region(s: str) -> str | None:
    """A region or place name: letters, digits, spaces and the marks names carry (`.`, `-`, `/`, `'`, `()`);
    a symbol read from a speck beside it (`£ HILIKANA`) is no part of it, nor a stop after it (`GRESIK.`). A
    number alone (a region's code, `2006`) is no name."""
    text = _no_speck_stop(t.clean_text(re.sub(r"[^A-Za-z0-9 .\-/'()]", " ", s)))
    if text.upper().rstrip(".") in _LEVEL_WORDS:
        return None  # `KABUPATEN` alone: the name wrapped onto a line not read with it, no region named
    text = _POSTAL_CODE_AFTER.sub("", text) or text  # `MUARA BULIAN 36613`: the code beside the name
    words = text.split()
    half = len(words) // 2
    if half >= 2 and len(words) == 2 * half and words[:half] == words[half:]:
        text = " ".join(words[:half])  # two copies side by side read as one line (`ALO ALO` is one name)
    letters, digits = sum(c.isalpha() for c in text), sum(c.isdigit() for c in text)
    if re.search(r"\d{5}", text) or letters < 2 or digits > letters:
        return None  # `TEL 0334322856`, `P.01/02` (a fax's header after its sender `KECAMATAN`): no name
    return text if re.search(r"[A-Za-z]", text) else None


# A postal code printed after a region's name on its line (`MUARA BULIAN 36613`, `GRESIK Kode Pos: 61154`).
_POSTAL_CODE_AFTER = re.compile(r"\s*(?:\b(?:KODE|KD)\.?\s*POS\b\.?\s*:?)?\s*\b\d{5}$", re.IGNORECASE)


# The words of a region's level, which name no region alone.
_LEVEL_WORDS = frozenset(
    ("KABUPATEN", "KAB", "KOTA", "PROVINSI", "KECAMATAN", "KEC", "DESA", "KELURAHAN", "KEL")
)


# A name's last word with a full stop after it: an abbreviation (`S.PD.`, `S.H.`, `SE.`, `DRS.`, `KEC.`) has a
# stop inside it or is a few letters; after a plain word of at least this many letters the stop is a speck of
# a copy's dither or the paper's grain read as one (no registered name of a person or a place ends in
# punctuation, Permendagri 73/2022).
_PLAIN_WORD = 5


def _no_leader_tail(text: str) -> str:
    """A dotted leader line run on into the value's last word (`S.E....`, `SAPUTRA...`): the dots off, an
    abbreviation's own stop kept (`S.E.`)."""
    m = re.search(r"\.{2,}$", text)
    if m is None:
        return text
    head = text[: m.start()]
    return head + "." if "." in head.rsplit(" ", 1)[-1] else head


def _no_speck_stop(text: str) -> str:
    text = _no_leader_tail(text)
    last = text.rsplit(" ", 1)[-1]
    if last.endswith(".") and len(last) > _PLAIN_WORD and last[:-1].isalpha():
        return text[:-1]
    return text


# A title after a name is set off by a comma (`BAYU SANTOSO, S.E.`); a full stop there is that comma misread (a
# name's word of three letters or more before it: `H. MUHAMMAD`, `MOH. ALI` are abbreviations, not this).
_STOP_BEFORE_DEGREE = re.compile(r"(?<=[A-Z]{3})\.(?= (?:[A-Z]{1,4}\.){1,3}$)")
NAME_MIN_LETTERS = 2  # a name read as a mark or two (`。`, `.,`) is no name

# Indonesian academic degrees written after a name (Permenristekdikti 59/2018's forms and the older ones still on
# cards), by their letters alone: a copy's dither or a small face can lose every stop of one (`S.E.` read `S E`).
_DEGREES = frozenset(
    (
        "SE", "SH", "ST", "SP", "SS", "SPD", "SKOM", "SSOS", "SKEP", "SKED", "SSI", "SAG", "SAK", "SPSI", "SIP",
        "SFARM", "SHUT", "SPT", "SKM", "SGZ", "STR", "SSTP", "SSN", "STH", "SPI", "SIKOM", "SHI", "SPDI", "STP",
        "MM", "MSI", "MPD", "MKOM", "MH", "MT", "MAG", "MKES", "MHUM", "MSC", "MA", "AMD", "AMDKEP", "AMK",
    )
)  # fmt: skip
# A name's last words a degree's letters in pieces (`SANTOSO. S E`, `AMINAH, S PD`): one to four letters each,
# after the name's comma (or that comma read as a stop) or directly after the name.
_DEGREE_WITHOUT_STOPS = re.compile(r"(?<=[A-Z]{3})[.,]? ((?:[A-Z]{1,4} ){1,2}[A-Z]{1,4})\.?$")


def _stops_of_degree(name: str) -> str:
    """`BAYU SANTOSO. S E` -> `BAYU SANTOSO, S.E.`: two or three pieces that spell a known degree only (a name's
    own short last word, `BUDI AN`, spells none)."""
    m = _DEGREE_WITHOUT_STOPS.search(name)
    if m is None or m.group(1).replace(" ", "") not in _DEGREES:
        return name
    return f"{name[: m.start()]}, {'.'.join(m.group(1).split())}."


# A mark no name begins or ends with: a speck beside the value read as a glyph (`? ZAHRA`, `SAPUTRA/`), or a
# colon read as a digit or two before it (`3 ZAHRA SAPUTRA`: a web form's `Nama | : ZAHRA`): no name begins
# with a number.
_LEADING_SPECK = re.compile(r"^(?:[^\w\s-][^A-Za-z\s]*\s+|\d{1,2}\s+(?=[A-Za-z]))")
_TRAILING_SPECK = re.compile(r"\s*[/\\?!»«]+$")


# Every space of a name read as a hyphen (`NUR-DEWI-ANGGRAINI`: a cell's dotted guide line through the gaps): a
# hyphenated name has one hyphen (`NUR-AINI`), not one between every pair of words.
_HYPHENS_FOR_SPACES = re.compile(r"[A-Z]{2,}(?:-[A-Z]{2,}){2,}")
# A space between two words of a name read as a full stop (`AHMAD.KURNIAWAN`: a speck of a dotted writing line in
# the gap): a word of five letters or more is no abbreviation (`MOH.ALI`, `MUH.`, `ABD.` are, and keep the stop).
_STOP_FOR_SPACE = re.compile(r"(?<=[A-Z]{5})\.(?=[A-Z]{3})")


# A table's column titles no name is made of alone (`No  NIK  Nama Lengkap  SHDK`: the title row of who moves,
# read as a `Nama Lengkap` label and `SHDK` after it).
_TITLES_NO_NAME_IS = frozenset(
    ("SHDK", "NIK", "HUB", "LP", "JK", "TTL", "KWN", "PDDK", "NO", "NAMA", "LENGKAP")
)


# A family relationship of two words is no one's name (`KEPAIA KELUARGA`: an SKPWNI's `Status Hubungan` cell
# beside the name column, read into the name); the one-word ones begin names (`CUCU SUMIATI`, `ANAK AGUNG`).
_RELATIONSHIPS_NO_NAME_IS = tuple(r for r in t.RELATIONSHIPS if " " in r)
RELATIONSHIP_SCORE = 90.0  # `KEPAIA KELUARGA` 93; `JAMILI LAINA` (a name) 86


def _name(s: str) -> str | None:
    words = [c for w in s.split() if (c := t.compact(w))]
    if words and all(w in _TITLES_NO_NAME_IS for w in words):
        return None
    name = _no_speck_stop(_TRAILING_SPECK.sub("", _LEADING_SPECK.sub("", t.clean_text(s))))
    if len(name.split()) == 2 and t.snap(name, _RELATIONSHIPS_NO_NAME_IS, cutoff=RELATIONSHIP_SCORE):
        return None
    if _HYPHENS_FOR_SPACES.fullmatch(name):
        name = name.replace("-", " ")
    name = _STOP_FOR_SPACE.sub(" ", name)
    if name != "-" and sum(c.isascii() and c.isalpha() for c in name) < NAME_MIN_LETTERS:
        return None  # (`-`: a KK's parent not recorded, printed as a dash)
    return _STOP_BEFORE_DEGREE.sub(",", _stops_of_degree(name))


def _citizenship(s: str) -> str | None:
    # Some prints spell the citizen's nationality out (`INDONESIA`, `WARGA NEGARA INDONESIA`).
    if "INDONESIA" in t.compact(s) and len(t.compact(s)) <= 24:
        return "WNI"
    return t.snap(s, t.CITIZENSHIP)


def _number(s: str) -> str | None:
    """A document number as printed (letters, digits, `/` and `-`), without spaces."""
    return re.sub(r"\s+", "", t.clean_text(s)).rstrip(".,") or None


def _postal_code(s: str) -> str | None:
    d = t.digits(s)
    return d if len(d) == 5 else None


NORMALISERS: dict[str, Normaliser] = {
    "address": _address,
    **dict.fromkeys(("village", "district", "regency", "province", "place_of_birth", "issue_place"), _region),
    **dict.fromkeys(("name", "father_name", "mother_name", "head_of_family"), _name),
    "nik": t.number16,
    "kk_number": t.number16,
    "birth_date": _past_date,
    "issue_date": _past_date,
    "move_date": _date,
    "marriage_date": _dash_or_date,
    "postal_code": _postal_code,
    "sex": _vocab(t.SEXES),
    "religion": _vocab(t.RELIGIONS),
    "blood_type": grammar.blood_type,
    "education": _vocab(t.EDUCATION),
    "relationship": _vocab(t.RELATIONSHIPS),
    "citizenship": _citizenship,
    "valid_until": _valid_until,
    "passport_number": _dash_or_text,
    "kitap_number": _dash_or_text,
    "move_reason": lambda s: t.choice(s, t.MOVE_REASONS),
    "move_classification": lambda s: t.choice(s, t.MOVE_CLASSIFICATIONS),
    "move_type": lambda s: t.choice(s, t.MOVE_TYPES),
    "document_number": _number,
}


def fold_accents(text: str) -> str:
    """Indonesian civil documents print plain Latin letters: no Indonesian word or registered name carries an
    accent, and the registry's character set has none. An accent read over a letter (`SAPÚTRA`, `BATANGHÄRI`)
    is a speck of a photocopy's dither or the paper's grain above it: the letter without it."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def normalise(key: str, raw: str, words: list[OcrWord], *, kk: bool = False) -> Field | None:
    raw = fold_accents(raw)
    base = key.removeprefix("origin_").removeprefix("destination_")
    if base == "marital_status":
        fn: Normaliser = _vocab(t.MARITAL_KK if kk else t.MARITAL_KTP)
    elif base in ("rt", "rw"):
        fn = _rt_or_rw
    else:
        fn = NORMALISERS.get(base, _text)
    value = fn(raw)
    return make_field(words, value) if value else None


_BOX_SIDES = "[](){}|Il!"


def _rt_or_rw(raw: str) -> str | None:
    """An RT or RW number; one printed in a box (`[001]`, `|001|`, `(o1o|`) has its box's sides read as
    brackets or bars at its ends: dropped when the number inside is the three digits RT/RW are printed with."""
    found = t.small_number(raw, 3) or _zero_read_twice(raw.strip())
    if found is not None:
        return found
    inner = raw.strip()
    if inner[:1] in _BOX_SIDES or inner[-1:] in _BOX_SIDES:
        inner = inner.lstrip("[({|Il! ").rstrip("])}|Il! ")
        if len(t.digits(inner)) == 3:
            return t.digits(inner)
    return None


_SLASH_LIKE = "1lI|7/\\"


_RW_BETWEEN = re.compile(r"(?<=\d)\s*\bR\s?(?:W|VV|VI)\b\s*[:.]?\s*(?=\d)", re.IGNORECASE)


# The colon before an RT/RW value read as a glyph of its own (`2 015/011`, `? 015/011`): an RT is printed in
# three digits, so a lone glyph standing apart before them is no part of it.
_GLYPH_BEFORE_RT = re.compile(r"^\s*[12Il|!:;?$]\s+(?=\d{3}\s*[/\\|])")


def rt_rw(raw: str) -> tuple[str, str] | None:
    """`005/012`, `005 / 012`, `005 RW 012` (the second label between the numbers: an `RT / RW` row of boxes),
    `005 1012` (the slash read as a `1`) and `005 012` (two cells under `RT RW`) -> ("005", "012")."""
    raw = _GLYPH_BEFORE_RT.sub("", _RW_BETWEEN.sub("/", raw))
    parts = re.split(r"[/\\|]", raw, maxsplit=1)
    if len(parts) != 2:
        tokens = raw.split()
        if len(tokens) == 2 and len(t.digits(tokens[1])) == 4 and tokens[1][:1] in _SLASH_LIKE:
            parts = [tokens[0], tokens[1][1:]]
        elif len(tokens) == 1 and len(t.digits(raw)) == 7 and t.digits(raw)[3] in "17":
            parts = [t.digits(raw)[:3], t.digits(raw)[4:]]
        elif len(tokens) == 2 and all(tok.isdigit() and len(tok) <= 3 for tok in tokens):
            parts = tokens  # `010 001`: an `RT RW` heading over two cells, or the slash lost
        else:
            return None
    rt, rw = (_small(p) for p in parts)
    return (rt, rw) if rt and rw else None


def _small(raw: str) -> str | None:
    stripped = raw.strip()
    found = t.small_number(stripped, 3)
    if found is None and stripped[:1] in "1lI|i!:;" and len(t.digits(stripped)) == 4:
        found = t.small_number(stripped[1:], 3)  # a colon printed close before the number
    return found or _zero_read_twice(stripped)


# A zero with a dot or a slash in it (the monospaced faces printers use) read as two glyphs: the zero and its
# inner mark as the tail of a 9 or a 6 (`0190` for `010`, `9015` for `015`, `6001` for `001`).
_ZERO_PAIRS = re.compile(r"(?=(09|90|06|60))")


def _zero_read_twice(raw: str) -> str | None:
    """A three-digit RT or RW read as four digits, one zero read as two glyphs: the number with that pair
    read as one zero, when every such pair gives the same number (`0901`: `09` or `90`, both `001`); two
    different numbers, or no pair, give None (nothing is guessed)."""
    if not re.fullmatch(r"\d{4}", raw):
        return None
    found = {raw[: m.start()] + "0" + raw[m.start() + 2 :] for m in _ZERO_PAIRS.finditer(raw)}
    return found.pop() if len(found) == 1 else None
