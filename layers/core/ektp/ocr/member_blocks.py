"""A family's members printed as blocks of labelled lines, one block a member, not as the KK's two tables.

SIAK's `Biodata Keluarga` and the like print under each heading (`DATA ANGGOTA KELUARGA KE-1`) the member's
fields as `label : value` lines, often in two columns of fields, sometimes two members side by side. The blocks
are read with the labels of the tables' columns; a member ends where a field of it is printed again.
"""

from __future__ import annotations

from ektp.ocr.forms import Hit, Labels, read_labelled, words_text
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
    streams = _side_by_side(hits) or [hits]
    blocks: list[tuple[float, float, dict[str, Field]]] = []  # (top, left, fields)
    for stream in streams:
        for block in _blocks(stream):
            row = {
                h.key: f
                for h in block
                if h.key in KEPT and (f := cell_value(h.key, words_text(h.words), h.words)) is not None
            }
            finish_row(row)
            if "nik" in row and "name" in row and len(row) >= MEMBER_FIELDS_AT_LEAST:
                top = min(w.top for h in block for w in h.words)
                left = min(w.left for h in block for w in h.words)
                blocks.append((top, left, row))
    # Side by side, a pair of blocks is read left then right before the next pair below.
    height = min((w.height for h in hits for w in h.words), default=1)
    blocks.sort(key=lambda b: (round(b[0] / (4 * height)), b[1]))
    return [KkMember(**row) for _, _, row in blocks]


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


def _side_by_side(hits: list[Hit]) -> list[list[Hit]] | None:
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
    return [left, right]
