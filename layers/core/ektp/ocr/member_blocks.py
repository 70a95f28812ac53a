"""A family's members printed as blocks of labelled lines, one block a member, not as the KK's two tables.

SIAK's `Biodata Keluarga` and the like print under each heading (`DATA ANGGOTA KELUARGA KE-1`) the member's
fields as `label : value` lines, often in two columns of fields, sometimes two members side by side. The blocks
are read with the labels of the tables' columns; a member ends where a field of it is printed again.
"""

from __future__ import annotations

import re

from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.forms import BARE_LABEL_SCORE, Hit, Labels, read_labelled, words_text
from ektp.ocr.kk_table import cell_value, finish_row
from ektp.ocr.models import Field, KkMember
from ektp.ocr.text import Line

MEMBER_LABELS = Labels(
    {
        "nik": ("Nomor Induk Kependudukan", "NIK"),
        "name": ("Nama Lengkap", "Nama"),
        "sex": ("Jenis Kelamin", "L/P"),  # `L/P`: laki-laki / perempuan
        "place_of_birth": ("Tempat Lahir",),
        "birth_date": ("Tanggal Lahir", "Tgl. Lahir"),
        "religion": ("Agama",),
        "education": ("Pendidikan Terakhir", "Pendidikan"),
        "occupation": ("Jenis Pekerjaan", "Pekerjaan"),
        "blood_type": ("Golongan Darah", "Gol. Darah"),
        "marital_status": ("Status Perkawinan", "Status Kawin"),
        "marriage_date": ("Tanggal Perkawinan", "Tgl. Perkawinan"),
        "relationship": (
            "Status Hubungan Dalam Keluarga",
            "Hubungan Dalam Keluarga",
            "Hubungan Keluarga",
            "SHDK",
        ),
        "citizenship": ("Kewarganegaraan",),
        "passport_number": ("No. Paspor", "Nomor Paspor"),
        "kitap_number": ("No. KITAS/KITAP", "No. KITAP", "Nomor KITAS/KITAP"),
        "father_name": ("Nama Ayah",),
        "mother_name": ("Nama Ibu",),
        # Fields of no member read here, each its own label so that it is no member's field: the parents' NIKs
        # some prints add, and the family's header above the blocks.
        "father_nik": ("NIK Ayah", "NIK Ayah Kandung"),
        "mother_nik": ("NIK Ibu", "NIK Ibu Kandung"),
        "head_of_family": ("Nama Kepala Keluarga",),
        "head_nik": ("NIK Kepala Keluarga",),
        "kk_number": ("Nomor KK", "No. KK", "Nomor Kartu Keluarga"),
    }
)
KEPT = frozenset(KkMember.model_fields)
MEMBER_NUMBER = re.compile(r"^\d{1,2}[.)]?$")  # a member's number before its name: `1.`, `2)` (its stop lost)
# A block holds a member's identity: a NIK and a name, and one field more at least (a header's `NIK Kepala
# Keluarga : ...` or a stray `Nama :` line is no member).
MEMBER_FIELDS_AT_LEAST = 3


def members_from_blocks(lines: list[Line]) -> list[KkMember]:
    """The members of a page that prints them as blocks, in the order printed; [] when it prints none.

    Blocks start at the first member's NIK. Two members side by side (each block's fields repeated on one
    line) are read as two streams, parted at the page's middle between the two repeated labels."""
    hits = read_labelled(lines, MEMBER_LABELS)
    first = next((h.line for h in hits if h.key == "nik"), None)
    if first is None:
        return []
    # The first block may print fields before its NIK (`Nama` first, as the KK's table orders them): the lines
    # right above it that hold member fields are its own; a line of none (the block's heading) ends them.
    with_fields = {h.line for h in hits if h.key in KEPT}
    while first - 1 in with_fields:
        first -= 1
    hits = [h for h in hits if h.line >= first and h.words]
    parted = _side_by_side(hits)
    # Each stream's span across the page (two members side by side: parted at the middle between them).
    streams, spans = (
        ([parted[0], parted[1]], [(-INF, parted[2]), (parted[2], INF)]) if parted else ([hits], [(-INF, INF)])
    )
    blocks: list[tuple[float, float, dict[str, Field]]] = []  # (top, left, fields)
    read = {id(w) for h in hits for w in h.words}
    for stream, span in zip(streams, spans, strict=True):
        for block in _blocks(stream):
            row = {
                h.key: f
                for h in block
                if h.key in KEPT and (f := cell_value(h.key, words_text(h.words), h.words)) is not None
            }
            if not any(h.key == "name" for h in block):  # a name labelled but unread is no title's
                row.update(_titled(lines, block, read, span))
            finish_row(row)
            if "nik" in row and "name" in row and len(row) >= MEMBER_FIELDS_AT_LEAST:
                top = min(w.top for h in block for w in h.words)
                left = min(w.left for h in block for w in h.words)
                blocks.append((top, left, row))
    # Side by side, a pair of blocks is read left then right before the next pair below.
    height = min((w.height for h in hits for w in h.words), default=1)
    blocks.sort(key=lambda b: (round(b[0] / (4 * height)), b[1]))
    return [KkMember(**row) for _, _, row in blocks]


_RELATIONSHIPS = {t.compact(r): r for r in t.RELATIONSHIPS}


def _titled(
    lines: list[Line], block: list[Hit], read: set[int], span: tuple[float, float]
) -> dict[str, Field]:
    """A member's card titled with the member's name and no `Nama` label (an app's family card: `Arif Saputra`
    over `NIK ...`, the relationship beside the name as a chip): the words of the line right above the block's
    first field that stand over the block (a card beside it has its own title), when none of them is any
    field's and they read as a name, perhaps with a relationship after them; a heading (`Detail Anggota
    Keluarga`), a label or a relationship alone names no one."""
    first = min(hit.line for hit in block)
    if first < 1 or any(id(w) in read for w in lines[first - 1].words):
        return {}
    # Cards side by side: the title's words over this card (`span`); one card a row: the whole line.
    words = [w for w in lines[first - 1].words if span[0] <= w.left < span[1]]
    if not words or _wrapped_from_above(lines, first - 1, words[0], read):
        return {}
    if any(c in w.text for w in words for c in ":;") or MEMBER_LABELS.best_prefix(words) is not None:
        return {}  # `Ayah: YOGA SETIAWAN`: a label and its value, no title
    if MEMBER_NUMBER.match(words[0].text):
        words = words[1:]  # the member's number: `1.`
    found: dict[str, Field] = {}
    for k in range(len(words)):
        relationship = _RELATIONSHIPS.get(t.compact(words_text(words[k:])))
        if relationship is not None:
            if k == 0:
                return {}  # the relationship alone (a chip over the name, or under it): no name here
            if (f := t.make_field(words[k:], relationship)) is not None:
                found["relationship"] = f
            words = words[:k]
            break
    if "relationship" not in found and words and t.compact(words[-1].text) in _RELATIONSHIP_STARTS:
        words = words[:-1]  # `Arif Saputra Kepala`: the chip's second word beyond the card's edge
    text = words_text(words)
    if not words or any(c.isdigit() for c in text) or len(t.compact(text)) < NAME_LETTERS_AT_LEAST:
        return {}
    if MEMBER_LABELS.match(text, BARE_LABEL_SCORE) or {t.compact(w.text) for w in words} & _HEADING_WORDS:
        return {}
    name = cell_value("name", text, words)
    return {**found, "name": name} if name is not None else {}


# The first word of a relationship of two words (`KEPALA KELUARGA`, `FAMILI LAIN`).
_RELATIONSHIP_STARTS = frozenset(t.compact(r.split()[0]) for r in t.RELATIONSHIPS if " " in r)


def _wrapped_from_above(lines: list[Line], index: int, first: OcrWord, read: set[int]) -> bool:
    """The title line is the wrapped end of a value on the line above (`BURUH HARIAN` over `LEPAS`): it starts
    under a word of that value and follows it at a line's spacing (a card's title stands apart)."""
    if index < 1:
        return False
    above = lines[index - 1]
    h = max(1, first.height)
    values = [w for w in above.words if id(w) in read]
    return (
        bool(values)
        and lines[index].cy - above.cy <= 1.8 * h
        and any(abs(first.left - w.left) <= h for w in values)
    )


# Words of a section's heading over the members' cards, no member's name.
_HEADING_WORDS = frozenset(("ANGGOTA", "KELUARGA", "DATA", "DETAIL", "DAFTAR", "RINCIAN", "BIODATA"))
NAME_LETTERS_AT_LEAST = 3


def _blocks(hits: list[Hit]) -> list[list[Hit]]:
    """Hits in reading order cut into members: a field printed again starts the next member."""
    out: list[list[Hit]] = []
    seen: set[str] = set()
    for hit in sorted(hits, key=lambda h: (h.line, h.words[0].left)):
        if not out or hit.key in seen:
            out.append([])
            seen = set()
        out[-1].append(hit)
        seen.add(hit.key)
    return out


INF = float("inf")


def _side_by_side(hits: list[Hit]) -> tuple[list[Hit], list[Hit], float] | None:
    """Two streams of hits, left and right, when some line prints one field twice (two members side by
    side); None when no line does (one member a block, its fields perhaps in two columns)."""
    by_line: dict[int, list[Hit]] = {}
    for hit in hits:
        by_line.setdefault(hit.line, []).append(hit)
    parts: list[float] = []
    for row in by_line.values():
        for key in {h.key for h in row}:
            same = sorted((h for h in row if h.key == key), key=lambda h: h.words[0].left)
            if len(same) == 2:
                # Between the left member's value and the right member's: its label stands there.
                parts.append((same[0].words[-1].left + same[0].words[-1].width + same[1].words[0].left) / 2)
    if not parts:
        return None
    middle = min(parts)  # blocks of two columns side by side: the first pair's gap parts the members
    left = [h for h in hits if h.words[0].left < middle]
    right = [h for h in hits if h.words[0].left >= middle]
    return left, right, middle
