"""A family's members as numbered paragraphs of running text, not as the KK's tables: a village's letter of the
family's composition (Surat Keterangan Susunan Keluarga) quotes the KK as `1. ARIF SAPUTRA, NIK 1504...,
laki-laki, lahir di BATANGHARI pada tanggal 07/08/1998, agama ISLAM, ..., anak dari YOGA SETIAWAN dan FITRI
SETIAWAN.` Each member is a paragraph opened by its number; each field a clause between commas, named by its
label's words (the tables' labels, in small letters or not, and prose's own: `lahir di`, `sebagai`, `anak
dari`), or, a closed value printed without a label (`laki-laki`), by the value itself.
"""

from __future__ import annotations

import re

from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.forms import BARE_LABEL_SCORE, Labels, words_text
from ektp.ocr.kk_table import cell_value, finish_row
from ektp.ocr.member_blocks import MEMBER_LABELS, MEMBER_NUMBER
from ektp.ocr.models import Field, KkMember
from ektp.ocr.text import Line

# Prose's own wordings of a member's fields (a letter's sentence, not a table's heading).
PROSE_LABELS = Labels(
    {
        "marital_status": ("status",),  # `status KAWIN TERCATAT`
        "marriage_date": ("kawin tanggal", "tanggal kawin"),
        "relationship": ("sebagai",),  # `sebagai KEPALA KELUARGA`
    }
)
# Closed values a letter may print without their label: the value names its field.
_BARE_VALUES: dict[str, frozenset[str]] = {
    key: frozenset(t.compact(v) for v in vocabulary)
    for key, vocabulary in (
        ("sex", t.SEXES),
        ("religion", t.RELIGIONS),
        ("relationship", t.RELATIONSHIPS),
        ("citizenship", t.CITIZENSHIP),
        ("education", t.EDUCATION),
    )
}  # compacted once: each clause is looked up in them
_BORN = re.compile(r"^lahir\s+di\s+", re.IGNORECASE)  # `lahir di X (pada) tanggal D`
_ON_DATE = ("TANGGAL", "TGL")
_CHILD_OF = re.compile(r"^(?:anak|putra|putri|putera|puteri)\s+(?:kandung\s+)?dari\s+", re.IGNORECASE)
MAX_LABEL_WORDS = 5
# A member's paragraph names its NIK and name and three fields more at least (a witness's paragraph, `1. BUDI,
# NIK ..., laki-laki, pekerjaan PETANI`, names fewer).
FIELDS_AT_LEAST = 5


def members_from_prose(lines: list[Line]) -> list[KkMember]:
    """The members of a page that quotes them as numbered paragraphs, in order; [] when it has none."""
    starts = [i for i, line in enumerate(lines) if opens_a_member(line)]
    members: list[KkMember] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        words: list[OcrWord] = []
        for k in range(start, end):
            if k > start and _ends_before(lines, k):
                break
            words += lines[k].words
            if lines[k].text.rstrip().endswith("."):
                break  # the paragraph's full stop: what follows is the letter's (its purpose, its close)
        row = _member(words[1:])
        if "nik" in row and "name" in row and len(row) >= FIELDS_AT_LEAST:
            members.append(KkMember(**row))
    return members


# Words that open a letter's own sentences after its list (its close, a list of witnesses): a member's
# paragraph whose full stop was lost ends before them.
_LETTER_OPENINGS = frozenset(("DEMIKIAN", "SURAT", "SAKSI", "SAKSISAKSI", "HORMAT", "MENGETAHUI", "KEPALA"))
PARAGRAPH_GAP = 2.0  # line heights between two lines of one paragraph, at most


def _ends_before(lines: list[Line], k: int) -> bool:
    """The paragraph ended above line `k`: a blank wider than a paragraph's line spacing, or a line that opens
    the letter's own sentences (`Demikian surat ...`) or its signature (`Hajran, 30 Oktober 2026`)."""
    line, above = lines[k], lines[k - 1]
    h = max([w.height for w in above.words] + [1])
    first = t.compact(line.words[0].text) if line.words else ""
    return (
        line.cy - above.cy > PARAGRAPH_GAP * h
        or first in _LETTER_OPENINGS
        or re.search(r",\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*$", line.text) is not None
    )


def opens_a_member(line: Line) -> bool:
    """`1. ARIF SAPUTRA, NIK ...`: a number, then a name ended by a comma on the same line."""
    words = line.words
    return (
        len(words) > 2
        and MEMBER_NUMBER.match(words[0].text) is not None
        and words[1].text[:1].isalpha()
        and any(w.text.endswith(",") for w in words[1:6])
    )


def _clauses(words: list[OcrWord]) -> list[list[OcrWord]]:
    """The words cut at each comma (the comma and a final stop dropped)."""
    out: list[list[OcrWord]] = [[]]
    for w in words:
        text = w.text.rstrip(",")
        text = text.rstrip(".") if w is words[-1] else text
        if text:
            out[-1].append(w.model_copy(update={"text": text}) if text != w.text else w)
        if w.text.endswith(","):
            out.append([])
    return [c for c in out if c]


def _member(words: list[OcrWord]) -> dict[str, Field]:
    clauses = _clauses(words)
    if not clauses:
        return {}
    row: dict[str, Field] = {}
    if (name := _name_field("name", clauses[0])) is not None:
        row["name"] = name
    for clause in clauses[1:]:
        for key, f in _clause_fields(clause).items():
            row.setdefault(key, f)
    finish_row(row)
    return row


def _clause_fields(clause: list[OcrWord]) -> dict[str, Field]:
    text = words_text(clause)
    if _CHILD_OF.match(text):
        return _parents(clause)
    if _BORN.match(text):
        return _born(clause)
    labelled = _labelled(clause)
    if labelled:
        return labelled
    for key, compacted in _BARE_VALUES.items():
        if t.compact(text) in compacted:
            f = cell_value(key, text, clause)
            return {key: f} if f is not None else {}
    return {}


def _labelled(clause: list[OcrWord]) -> dict[str, Field]:
    """The longest run of leading words that is a label and leaves a value its field reads (`status KAWIN
    TERCATAT`: `status KAWIN` is a table's label, but `TERCATAT` no status)."""
    for n in range(min(MAX_LABEL_WORDS, len(clause) - 1), 0, -1):
        label = words_text(clause[:n])
        key = MEMBER_LABELS.match(label, BARE_LABEL_SCORE) or PROSE_LABELS.match(label, BARE_LABEL_SCORE)
        if key is None or key not in KkMember.model_fields:
            continue
        value = clause[n:]
        if len(value) > 1 and t.compact(value[0].text) == "SEBAGAI":
            value = value[1:]  # `pekerjaan sebagai PETANI`
        f = _name_field(key, value) if key.endswith("name") else cell_value(key, words_text(value), value)
        if f is not None:
            return {key: f}
    return {}


def _born(clause: list[OcrWord]) -> dict[str, Field]:
    """`lahir di BATANGHARI pada tanggal 07/08/1998`, `lahir di BATANGHARI tanggal 7 Agustus 1998`."""
    rest = clause[2:]
    at = next((i for i, w in enumerate(rest) if t.compact(w.text) in _ON_DATE), None)
    if at is None:  # `lahir di BATANGHARI 07/08/1998`: the date starts at its first digit
        at_digit = next((i for i, w in enumerate(rest) if w.text[:1].isdigit()), len(rest))
        place, date = rest[:at_digit], rest[at_digit:]
    else:
        before = at - 1 if at > 0 and t.compact(rest[at - 1].text) == "PADA" else at
        place, date = rest[:before], rest[at + 1 :]
    out: dict[str, Field] = {}
    if place and (f := cell_value("place_of_birth", words_text(place), place)) is not None:
        out["place_of_birth"] = f
    if date and (f := cell_value("birth_date", words_text(date), date)) is not None:
        out["birth_date"] = f
    return out


# Words a letter puts before a parent's name (`anak dari Bapak YOGA dan Ibu FITRI`, `anak dari pasangan ...`).
_HONORIFICS = frozenset(
    ("BAPAK", "BPK", "IBU", "ALM", "ALMH", "ALMARHUM", "ALMARHUMAH", "PASANGAN", "SDR", "SDRI")
)


def _person(words: list[OcrWord]) -> list[OcrWord]:
    """A name's words without the honorifics before it and a note in brackets after it (`(ayah)`, `(NIK ...)`)."""
    while words and t.compact(words[0].text) in _HONORIFICS:
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if w.text.startswith("(")), len(words))
    return words[:cut]


def _name_field(key: str, words: list[OcrWord]) -> Field | None:
    words = _person(words)
    text = words_text(words)
    if not words or any(c.isdigit() for c in text):
        return None  # a name has no digit: a number run into it is no part of it
    return cell_value(key, text, words)


def _parents(clause: list[OcrWord]) -> dict[str, Field]:
    """`anak dari YOGA SETIAWAN dan FITRI SETIAWAN`: the father, then the mother (the KK's order)."""
    start = 3 if t.compact(clause[1].text) == "KANDUNG" else 2
    rest = clause[start:]
    cut = next((i for i, w in enumerate(rest) if w.text.lower() == "dan"), None)
    if cut is None or cut == 0 or cut == len(rest) - 1:
        return {}
    out: dict[str, Field] = {}
    for key, part in (("father_name", rest[:cut]), ("mother_name", rest[cut + 1 :])):
        if (f := _name_field(key, part)) is not None:
            out[key] = f
    return out
