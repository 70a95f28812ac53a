"""Label and value, wherever a form puts them: found from the words and their positions, never from a template.

A label is recognised by its wording (a table of variants per field, fuzzy: one or two misread letters) after
any enumeration (`1.`, `a.`, `b)`) is dropped. Its value is what follows on the same line (after a colon, or
after the gap between a label column and a value column); when the label stands alone on its line, the value
is the line under it (label above value, as on the digital ID), and a row of such labels shares the line under
it by column (each value to the label it stands under: boxed cells, online prints); a line that carries no
label and starts where the value above started continues that value (a wrapped address).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from rapidfuzz import fuzz, process

from ektp.domain.written_dates import is_number_or_month_word
from ektp.ocr import text as t
from ektp.ocr.engine import OcrWord
from ektp.ocr.text import Line, Segment

LABEL_SCORE = 80.0  # fuzzy match a printed label needs (compacted text) when a colon follows it
# ... and with no colon read: the wording alone must say it (`KABUPATEN X` is a value, not a label).
BARE_LABEL_SCORE = 88.0
COLONS = (":", ";", "=")
# Marks a colon is misread as when no colon was read: dropped before a value.
COLON_MISREADS = {"1", "l", "I", "i", "|", "!", "»", "«", ".", ",", "'", "‘", "’", "-", "—"}
_ENUMERATION = re.compile(r"^(\d{1,2}|[A-Za-z]{1,2})[.)]$|^[-•*]$")
CONTINUED = ("address",)  # fields a printer wraps onto the next line
QUALIFIERS = ("TUJUAN", "ASAL", "PINDAH")  # words after a label that say which address it is


# Short labels are read exactly or not at all (a fuzzy score on two letters means nothing); these are the
# engine's usual misreads of them (`Rr:` for `RT:`, a T's bar lost; `NlK`), accepted as the label.
SHORT_LABEL_MISREADS = {
    "RT": ("RR", "R7"),
    "RW": ("RVV", "RVI"),
    "NIK": ("NLK", "N1K", "NIX"),
    # The W's last stroke lost; the T read as an I and the slash lost (a copy's web view: `RIRW`); the slash
    # read as a letter or a one.
    "RTRW": ("RTRV", "RIRW", "RTIRW", "RT1RW", "RTLRW"),
}


# A longer label reading this close to another field's label is that label, over a shorter exact one.
LONGER_LABEL_SCORE = 90.0
WORD_SCORE = 80.0  # a label's word read with a letter or two wrong (`Kopindahan` for `Kepindahan`)
QUALIFIER_SCORE = 75.0  # a qualifier read with one letter wrong, lost or added (`ASAT`, `ASA`, `TUJUAM`)


def _misread_qualifier(key: str) -> str:
    """The end of a compacted label that is a qualifier read one letter off (`ALAMATASAT` -> `ASAT`), or ""."""
    if key.endswith(QUALIFIERS):
        return ""  # read as printed
    for q in QUALIFIERS:
        for size in (len(q) - 1, len(q), len(q) + 1):
            tail = key[-size:]
            if len(key) > size and tail != q and fuzz.ratio(tail, q) >= QUALIFIER_SCORE:
                return tail
    return ""


def qualifier_side(label: str) -> str | None:
    """`origin_` or `destination_` as a label's qualifier says (`ALAMATTUJUAN`, `KECAMATANASA`), else None."""
    if "TUJUAN" in label:
        return "destination_"
    if "ASAL" in label:
        return "origin_"
    tail = _misread_qualifier(label)
    if not tail or fuzz.ratio(tail, "PINDAH") >= QUALIFIER_SCORE:
        return None
    return "destination_" if fuzz.ratio(tail, "TUJUAN") >= fuzz.ratio(tail, "ASAL") else "origin_"


# What opens a region's label on a form that prints the region's code before its name (`Kode - Nama
# Kecamatan`, `Kode dan Nama Provinsi`), compacted.
CODE_AND_NAME = ("KODENAMA", "KODEDANNAMA")


class Labels:
    """A field's printed label variants -> its key (compacted: upper-case letters and digits)."""

    def __init__(
        self, table: dict[str, tuple[str, ...]], headings: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        self.keys = {t.compact(label): key for key, variants in table.items() for label in variants}
        # Wordings that name a field only as a column's heading over its value (a KK's `Kepala Keluarga`):
        # alone on a line or in a sentence they are the signature's caption or a member's relation.
        self.headings = {t.compact(h): key for key, variants in (headings or {}).items() for h in variants}
        self.wordings = [label.split() for variants in table.values() for label in variants]
        self.labels_of = {key: [label.split() for label in variants] for key, variants in table.items()}
        self._choices = list(self.keys)
        for label, misreads in SHORT_LABEL_MISREADS.items():
            if label in self.keys:
                self.keys.update(dict.fromkeys(misreads, self.keys[label]))

    def match(self, text: str, score: float = LABEL_SCORE) -> str | None:
        found = self._reading(text, score)
        return found[0] if found is not None else None

    def _reading(self, text: str, score: float) -> tuple[str, float] | None:
        return self._lookup(t.compact(text), score) or self._wordings(text, score)

    def _wordings(self, text: str, score: float) -> tuple[str, float] | None:
        """`Jalan/Alamat`, `Alamat/Jalan`: a label printed as two wordings set apart by a slash (as
        `Desa/Kelurahan`), of which the table knows one: either wording names the field. One word of letters
        only (a value after it, `Desa/Kelurahan HAJRAN`, or digits after a slash are no wording), and every
        wording known must name the same field."""
        parts = text.strip().split("/")
        if len(parts) < 2 or not all(p.isalpha() for p in parts):
            return None
        found = [hit for p in parts if (hit := self._lookup(t.compact(p), score)) is not None]
        if not found or len({key for key, _ in found}) != 1:
            return None
        return max(found, key=lambda hit: hit[1])

    def _lookup(self, key: str, score: float) -> tuple[str, float] | None:
        """(field key, score) of a compacted label reading; a trailing qualifier (`Kode Pos Tujuan`,
        `RT/RW Asal`) is tried without it: the qualifier says which address, the rest which field."""
        # `RT/RVI`, `RT/RVV`: a W read as two narrow letters, tried once the reading itself found nothing.
        unwide = re.sub("VV|VI|VL|IV", "W", key)
        # `Nornor`: an m read as `rn` (the classic confusion of serif print), tried the same way.
        candidates = [
            key,
            *(key.removesuffix(q) for q in QUALIFIERS if key.endswith(q)),
            # `Kode - Nama Kel/Desa`: a form that prints a region's code before its name (the F-1 forms).
            *(key.removeprefix(p) for p in CODE_AND_NAME if key.startswith(p) and len(key) > len(p)),
            unwide,
            key.replace("RN", "M"),
            key[: len(key) - len(tail)] if (tail := _misread_qualifier(key)) else "",
        ]
        # A label read exactly in any of these forms first: `Alamat Asat` is `Alamat` with its qualifier one
        # letter off, not a fuzzier label.
        exact = next((c for c in candidates if c and c in self.keys), None)
        if exact is not None:
            return self.keys[exact], 100.0
        for candidate in candidates:
            if not candidate:
                continue
            if len(candidate) <= 3:
                # `RT`, `NIK`: a short label is read exactly or not at all (one letter is a third of it).
                continue
            best = process.extractOne(candidate, self._choices, scorer=fuzz.ratio, score_cutoff=score)
            if best is not None:
                return self.keys[best[0]], float(best[1])
        return None

    def _goes_on(self, label: list[OcrWord], added: list[OcrWord]) -> bool:
        """The added words are the rest of a wording that begins with the label read (`Klasifikasi` and
        `Kopindahan` for `Klasifikasi Kepindahan`), each a letter or two off and in lower case as a label's
        words are: no value's words (`ARIF`, `Arif`, `Jl.`)."""
        if not all(any(c.islower() for c in w.text) for w in added):
            return False
        head = t.compact(" ".join(w.text for w in label))
        for wording in self.wordings:
            for k in range(1, len(wording)):
                rest = wording[k : k + len(added)]
                # The label as read (its item number perhaps still on it: `20 | Klasifikasi`) is the wording's head.
                if (
                    len(rest) != len(added)
                    or fuzz.ratio(t.compact(" ".join(wording[:k])), head) < BARE_LABEL_SCORE
                ):
                    continue
                pairs = zip(added, rest, strict=True)
                if all(fuzz.ratio(t.compact(w.text), t.compact(r)) >= WORD_SCORE for w, r in pairs):
                    return True
        return False

    def _words_of(self, key: str, words: list[OcrWord], shorter: int) -> bool:
        """The words read past the first `shorter`, two or more, are word for word the rest of a wording of
        `key`'s label, each in lower case and at most a letter or two off (one word a letter off a label's is
        too often a value's: `Nama Ibnu` is no `Nama Ibu`)."""
        added = words[shorter:]
        if len(added) < 2 or not all(any(c.islower() for c in w.text) for w in added):
            return False
        for wording in self.labels_of.get(key, []):
            if len(wording) != len(words):
                continue
            pairs = zip(added, wording[shorter:], strict=True)
            if all(fuzz.ratio(t.compact(w.text), t.compact(r)) >= WORD_SCORE for w, r in pairs):
                return True
        return False

    def best_prefix(self, words: list[OcrWord], max_words: int = 5) -> tuple[str, int] | None:
        """(key, number of words) of the longest run of leading words that reads as a label."""
        best: tuple[float, int, str] | None = None
        for n in range(1, min(max_words, len(words)) + 1):
            text = " ".join(w.text for w in words[:n])
            key = t.compact(text)
            hit = self._reading(text, BARE_LABEL_SCORE) if key else None
            # A tie goes to the longer label, and so does a longer reading of the same label whose added words
            # are the rest of its wording misread: `Klasifikasi Kopindahan` is the label whole; `Nama Kepala
            # Keluarga ARIF` (or `Arif`) is a label and a value.
            longer_same = (
                best is not None
                and hit is not None
                and hit[0] == best[2]
                and self._goes_on(words[: best[1]], words[best[1] : n])
            )
            # A longer reading close to another field's whole label, each added word in lower case (a label's,
            # not a value's capitals) and a word of that label a letter or two off: `Nama Kepata Keluarga` is the
            # head of family's label, not `Nama` and a value.
            longer_other = (
                best is not None
                and hit is not None
                and hit[0] != best[2]
                and hit[1] >= LONGER_LABEL_SCORE
                and self._words_of(hit[0], words[:n], best[1])
            )
            if hit is not None and (best is None or hit[1] >= best[0] or longer_same or longer_other):
                best = (hit[1], n, hit[0])
        return (best[2], best[1]) if best is not None else None


@dataclass
class Hit:
    key: str
    label: str  # the label as read (compacted): `ALAMATTUJUAN` says which address it is
    words: list[OcrWord]
    line: int  # index of the line the label is on
    # Unlabelled phrases after the value on the same line: tried in turn when the value does not read as the
    # field (`Kode Po: Ss | 61154`: a damaged label swallowed the colon and the value's first glyphs).
    alternates: list[list[OcrWord]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def strip_enumeration(words: list[OcrWord], labels: Labels) -> list[OcrWord]:
    """`1. Nomor KK`, `a. Desa/Kelurahan` -> the label words (the form's item numbering is no label; `No.`
    is one, and so is a short abbreviation that opens one: `Kd. Pos`)."""
    while (
        len(words) > 1
        and _ENUMERATION.match(words[0].text)
        and t.compact(words[0].text) not in labels.keys
        and not _opens_a_label(words, labels)
    ):
        words = words[1:]
    if len(words) > 1 and re.fullmatch(r"\d{1,2}\.?", words[0].text) and words[1].text[:1].isalpha():
        words = words[1:]
    glued = _GLUED_ENUMERATION.match(words[0].text) if words else None
    if glued is not None and t.compact(words[0].text) not in labels.keys:
        words = [words[0].model_copy(update={"text": words[0].text[glued.end() :]}), *words[1:]]
    return words


# An item's number run into its label (`6.RT`, `12.Alamat`, `I8.RT`: a 1 read as I): the engine read no space
# after the stop.
_GLUED_ENUMERATION = re.compile(r"^(?:\d[\dIl]?|[Il]\d)\.(?=[A-Za-z]{2})")


def _opens_a_label(words: list[OcrWord], labels: Labels) -> bool:
    """The first two words begin a label (`Kd. Pos`: an abbreviation, not an item's letter)."""
    head = t.compact(words[0].text + words[1].text)
    return any(key.startswith(head) for key in labels.keys)


def _slash_for_colon(words: list[OcrWord], labels: Labels) -> list[OcrWord]:
    """`Kelurahan:Desa`, `RT:RW`: the slash of a label read as a colon (the label, not label and value). A
    label read exactly before the colon and only a fuzzy one with a slash (`KEWARGANEGARAAN:WNI`), or one read
    closer before it than with the slash (`SatusPerkawinan:KAWIN`), is a label and its value, the space after the
    colon lost."""
    first = words[0].text
    if ":" not in first.rstrip(":"):
        return words
    slashed = labels._lookup(t.compact(first.replace(":", "/")), LABEL_SCORE)
    before = labels._lookup(t.compact(first.split(":", 1)[0]), LABEL_SCORE)
    # Both read with a letter off (`SatusPerkawinan:KAWIN`): the closer reading is the label.
    if slashed is not None and (slashed[1] >= 100.0 or before is None or before[1] < slashed[1]):
        fixed = first.rstrip(":").replace(":", "/") + (":" if first.endswith(":") else "")
        return [words[0].model_copy(update={"text": fixed}), *words[1:]]
    return words


_TWO_WORDINGS = re.compile(r"([A-Za-z.]+)[:;]([A-Za-z.]+)")


def _colon_between_wordings(words: list[OcrWord], labels: Labels) -> list[OcrWord]:
    """`RT : RW 010 / 001`, `RT: RW`: the slash of a label of two wordings read as a colon set apart by
    spaces. A colon ends a label before its value; a word after it that makes, with the word before, one
    printed label (`RT/RW`) is the label's second wording, no value (no RT is a word)."""
    for n in (2, 3):
        joined = "".join(w.text for w in words[:n])
        m = _TWO_WORDINGS.fullmatch(joined) if len(words) >= n else None
        if m is not None and t.compact(m[1] + m[2]) in labels.keys:
            first, last = words[0], words[n - 1]
            label = first.model_copy(update={"text": f"{m[1]}/{m[2]}", "width": last.right - first.left})
            return [label, *words[n:]]
    return words


def _colon_split(words: list[OcrWord], labels: Labels) -> tuple[str, str, list[OcrWord]] | None:
    """(key, label read, value words) of `label : value` where a colon was read."""
    for i, word in enumerate(words):
        pos = next((word.text.find(c) for c in COLONS if c in word.text), -1)
        if pos < 0:
            continue
        before, after = word.text[:pos], word.text[pos + 1 :]
        label_text = " ".join([w.text for w in words[:i]] + ([before] if before else []))
        key = labels.match(label_text)
        if key is None:
            return None
        rest = ([word.model_copy(update={"text": after})] if after else []) + words[i + 1 :]
        return key, t.compact(label_text), rest
    return None


def split_label(words: list[OcrWord], labels: Labels) -> tuple[str, str, list[OcrWord]] | None:
    """(key, label read, value words) of a phrase that starts with a label; the value may be empty."""
    if not words or words[0].text[:1] in COLONS:
        return None  # `: VALUE`: the value column of a label read as its own phrase
    words = _slash_for_colon(_colon_between_wordings(strip_enumeration(words, labels), labels), labels)
    words = _without_notes(words)
    found = _colon_split(words, labels)
    if found is not None:
        return found
    prefix = labels.best_prefix(words)
    if prefix is None:
        return None
    key, n = prefix
    rest = words[n:]
    if _qualified_otherwise(rest):
        return None
    if rest and rest[0].text in COLON_MISREADS:
        rest = rest[1:]
    if _bracketed_note(rest) or _bracketed_label(rest, key, labels):  # `Alamat (jalan/dusun)`: a label's note
        return key, t.compact(" ".join(w.text for w in words[:n])), []
    # `Pekerjaan Kewarganegaraan : WNI`: a label without its colon, then another label with its own: the
    # first's value is not on this line (read elsewhere, or lost) and the colon's value is the second's.
    # Only a label printed whole right after the first (no word of a value between them, `Pekerjaan PETANI
    # Kewarganegaraan : WNI` keeps its garbled reading as the occupation's).
    inner = _colon_split(rest, labels)
    if inner is not None and inner[0] != key and inner[1] in labels.keys:
        return inner
    return key, t.compact(" ".join(w.text for w in words[:n])), rest


# Words after a label that make it another person's (`Nama Pelapor`, `Umur Saksi`, `NIK Petugas`).
OTHER_PERSONS = frozenset(("PELAPOR", "SAKSI", "PETUGAS", "PEJABAT"))


def _qualified_otherwise(rest: list[OcrWord]) -> bool:
    """`Nama Pelapor : AHMAD`, `Umur Saksi : 45`: the label goes on with a word naming another person up to its
    colon, so it is a longer label than the one read (the reporter's name, not the child's): no label here.
    Another qualifier (`Nomor KK Semula :`, the KK number before the move) leaves the label as it is."""
    if not rest or t.compact(rest[0].text) not in OTHER_PERSONS:
        return False
    return rest[0].text.endswith(tuple(COLONS)) or (len(rest) > 1 and rest[1].text in COLONS)


def _label_goes_on(value: list[OcrWord], following: list[Segment]) -> bool:
    """A label's phrase that goes on with a word naming another person, its colon set apart after it (`Nama
    Pelapor   : AHMAD`): the word is the label's, as `_qualified_otherwise` says of a colon beside it."""
    return (
        len(value) == 1
        and bool(following)
        and following[0].words[0].text[:1] in COLONS
        and _qualified_otherwise([*value, following[0].words[0]])
    )


def _line_height(line: Line) -> float:
    return float(median(w.height for w in line.words)) if line.words else 0.0


def _is_value_only(line: Line, labels: Labels) -> bool:
    return all(split_label(seg.words, labels) is None for seg in line.segments())


def _continues(prev: Hit, line: Line, prev_line: Line) -> bool:
    """A wrapped value: the line starts under the value above it and follows it closely; or the value above
    ends with a comma (`Tempat/Tgl Lahir : Batanghari,` over `7-8-1998` in a chat's narrow bubble), which says
    it goes on, and the line starts under the value or under its label (a bubble's margin)."""
    if not prev.words:
        return False
    height = max(_line_height(prev_line), 1.0)
    close = line.cy - prev_line.cy <= 2.6 * height
    start = line.words[0].left
    under_value = abs(start - prev.words[0].left) <= 1.5 * height
    if prev.words[-1].text.endswith(",") and close:
        return under_value or abs(start - prev_line.words[0].left) <= 1.5 * height
    if _date_in_words_goes_on(prev, line):
        return under_value and close
    if not any(prev.key.endswith(c) for c in CONTINUED):
        return False
    return under_value and close


def _date_in_words_goes_on(prev: Hit, line: Line) -> bool:
    """`Tanggal Lahir : Sembilan Belas Maret Seribu Sembilan Ratus` over `Delapan Puluh Tujuh` in a narrow
    column: a date written out, cut at the line's end, goes on in a line of number words alone under it (the
    part above alone is another real date, 1900)."""
    if not prev.key.endswith("date") or prev.words[-1].text.endswith((".", ",", ")")):
        return False
    written = all(is_number_or_month_word(w.text) for w in prev.words)
    return written and all(is_number_or_month_word(w.text) for w in line.words)


REGION_TYPES = frozenset(("KABUPATEN", "KAB", "KOTA"))  # a regency's name starts with its type (compacted)


def _cut_after_region_type(hits: list[Hit], line: Line) -> Hit | None:
    """`KABUPATEN` over `BATANGHARI`: a regency's value that is its type word alone, wrapped in a narrow cell
    (a row of two label-over-value cells), goes on in the one phrase right under it; the hit it continues
    (of the last row read), or None."""
    if not hits or len(line.segments()) != 1:
        return None
    last = hits[-1].line
    for hit in reversed(hits):
        if hit.line != last:
            break
        if not hit.key.endswith("regency") or t.compact(hit.text) not in REGION_TYPES:
            continue
        first = hit.words[0]
        h = max(first.height, 1)
        below = line.cy - (first.top + first.height / 2)
        if abs(line.words[0].left - first.left) <= 1.5 * h and 0 < below <= 2.6 * h:
            return hit
    return None


# Letters a label printed whole inside another's value must have (compacted) to be taken for one: `GOLDARAH`,
# `AGAMA`, not `RT` (a value's own `RT 3` is no label).
INNER_LABEL_MIN = 5


def _hits_in_value(key: str, label: str, value: list[OcrWord], index: int, labels: Labels) -> list[Hit]:
    """`Tempat/Tgl Lahir : BATANGHARI, 07/08/1998 Gol. Darah : B`: two labels and their values the engine
    read as one phrase (no column gap between them): the value ends where another field's label, printed
    whole, stands with its colon, and that label's value is its own. A label read a letter off inside a
    value is left as the value's words (a value's words are never taken for a label on a guess)."""
    if not any(c in w.text for w in value[1:] for c in COLONS):
        return [Hit(key, label, value, index)]  # no colon after the first word: no label inside (most values)
    for j in range(1, len(value)):
        inner = _colon_split(value[j:], labels)
        if inner is None:
            continue
        inner_key, inner_label, inner_value = inner
        if inner_key != key and inner_label in labels.keys and len(inner_label) >= INNER_LABEL_MIN:
            rest = _drop_colon(inner_value)
            later = _hits_in_value(inner_key, inner_label, rest, index, labels) if rest else []
            return [Hit(key, label, value[:j], index), *later]
    return [Hit(key, label, value, index)]


def read_labelled(lines: list[Line], labels: Labels, skip: set[int] | None = None) -> list[Hit]:
    """Every labelled value on the page, in reading order (see the module doc for the rules)."""
    hits: list[Hit] = []
    skip = skip or set()
    taken: set[int] = set()  # lines consumed as the value of a label above them
    captions = captions_under(lines, labels, skip)
    for index, line in enumerate(lines):
        if index in skip or index in taken:
            continue
        if index in captions:  # a value line with its captions under it (read before the captions' line)
            below, captioned = captions[index]
            hits.extend(h for h in _by_caption(captioned, line, below) if h.key)
            taken.add(below)
            continue
        segments = [seg for seg in line.segments() if not cell_border(seg)]
        row, under = _label_row(lines, index, segments, labels, skip)
        if row:
            hits.extend(row)
            taken.update(under)
            continue
        found_here: list[Hit] = []
        pending: tuple[str, str, Segment] | None = None  # a label whose value is in the next segment
        waiting: list[tuple[str, str, Segment]] = []  # labels followed by another label: a row of labels
        headings: list[Column] = []  # phrases of no label before any label, as headings are
        for n, seg in enumerate(segments):
            split = split_label(seg.words, labels) or _before_colon_column(
                seg, segments[n + 1 : n + 2], labels
            )
            if split is not None and _label_goes_on(split[2], segments[n + 1 : n + 2]):
                continue  # `Nama Pelapor   : AHMAD`: the reporter's name, no label of this table's
            if split is not None:
                key, label, value = split
                if value and not _only_colon(value):
                    found_here += _hits_in_value(key, label, _drop_colon(value), index, labels)
                    pending = None
                else:
                    waiting += [pending] if pending is not None else []
                    pending = (key, label, seg)
            elif pending is not None and _only_colon(seg.words):
                continue  # a colon printed in a column of its own: the value is the next phrase
            elif pending is not None:
                found_here += _hits_in_value(pending[0], pending[1], _drop_colon(seg.words), index, labels)
                pending = None
            elif found_here and found_here[-1].line == index:
                found_here[-1].alternates.append(_drop_colon(seg.words))
            elif _small_letters(seg.text) and not any(c.isdigit() for c in seg.text):
                headings.append((_heading_label(seg, labels) or "", t.compact(seg.text), seg))
        if pending is not None and index + 1 < len(lines):
            nxt = lines[index + 1]
            gap = nxt.cy - line.cy
            if (
                index + 1 not in skip
                and gap <= 3.2 * _line_height(line)
                and _is_value_only(nxt, labels)
                and not _counts_columns(nxt)
            ):
                if waiting and not found_here:
                    columns, _ = _one_column_a_field(  # a heading of no label is a column too
                        [*waiting, *headings, pending],
                        set(range(len(waiting), len(waiting) + len(headings))),
                    )
                    found_here.extend(h for h in _by_column(columns, nxt, index) if h.key)
                elif headings and not found_here and len(nxt.segments()) > 1:
                    # `Norma KK  NIK Kepala Keluarga  Nama Kepala Keluarga` (the first two no label read) over
                    # a row of three values: the label's value is the one under it, not the whole row.
                    columns, _ = _one_column_a_field([*headings, pending], set(range(len(headings))))
                    found_here.extend(h for h in _by_column(columns, nxt, index) if h.key)
                else:
                    found_here.append(Hit(pending[0], pending[1], nxt.words, index))
                taken.add(index + 1)
        if (
            not found_here
            and hits
            and _continues(hits[-1], line, lines[hits[-1].line])
            and _is_value_only(line, labels)
        ):
            hits[-1].words.extend(line.words)
            continue
        if (
            not found_here
            and (cut := _cut_after_region_type(hits, line)) is not None
            and _is_value_only(line, labels)
        ):
            cut.words.extend(line.words)
            continue
        hits.extend(found_here)
    hits.extend(_labels_over_values(lines, labels, hits, skip | taken))
    return sorted(hits, key=lambda h: h.line)


CAPTION_HUG = 1.4  # a caption line this many times closer to the line above than to the line below hugs it


def captions_under(lines: list[Line], labels: Labels, skip: set[int]) -> dict[int, tuple[int, list[Column]]]:
    """Values each with a small caption UNDER it (`PEREMPUAN` over `jenis kelamin`, a certificate's values
    set on rules): value line -> (its caption line, the caption's columns). A line of captions alone captions
    the value line above it when each caption stands under a value and the line is closer to it than to the
    line below. A page is read so when at least two lines of captions stand clearly closer to the values above
    them (CAPTION_HUG) and none the other way round (a label close over a value line under it): a label over
    its value stands close over it, and a page of labels and values evenly spaced decides nothing (its labels
    keep their values below)."""
    found: list[tuple[int, list[Column], float, float]] = []  # (caption line, columns, gap above, below)
    hug_below = 0
    for i, line in enumerate(lines):
        row = _caption_columns(line, labels) if i not in skip else None
        if row is None:
            continue
        up, down = _gap(lines, i, i - 1), _gap(lines, i, i + 1)
        if _is_values(lines, i + 1, labels, skip) and down * CAPTION_HUG < up:
            hug_below += 1
        if _is_values(lines, i - 1, labels, skip) and up < down and _each_under(line, lines[i - 1]):
            found.append((i, row, up, down))
    if hug_below or sum(up * CAPTION_HUG < down for _, _, up, down in found) < 2:
        return {}
    return {i - 1: (i, row) for i, row, _, _ in found if not any(i - 1 == j for j, _, _, _ in found)}


def _by_caption(row: list[Column], values: Line, index: int) -> list[Hit]:
    """Each value phrase to the caption under it; a phrase (or word of a phrase under two captions) that no
    caption stands under is no caption's (its own caption was not read: it is not the neighbour's)."""
    words: list[list[OcrWord]] = [[] for _ in row]
    for seg in values.segments():
        for part in at_borders(seg):
            for piece, col in _columns_of(row, part):
                caption = row[col][2]
                if t.overlap(piece, caption) > 0:
                    words[col].extend(piece.words)
    return [Hit(key, label, found, index) for (key, label, _), found in zip(row, words, strict=True) if found]


def _gap(lines: list[Line], i: int, j: int) -> float:
    """How far line `j` stands from line `i` (no such line: infinitely far)."""
    return abs(lines[j].cy - lines[i].cy) if 0 <= j < len(lines) else float("inf")


def _is_values(lines: list[Line], j: int, labels: Labels, skip: set[int]) -> bool:
    return 0 <= j < len(lines) and j not in skip and _is_value_only(lines[j], labels)


def _each_under(captions: Line, values: Line) -> bool:
    """Each phrase of the captions' line stands under a phrase of the values' line."""
    above = values.segments()
    return all(any(min(c.right, v.right) > max(c.left, v.left) for v in above) for c in captions.segments())


def _caption_columns(line: Line, labels: Labels) -> list[Column] | None:
    """A line of captions alone (`NAMA LENGKAP`; `tempat lahir   hari dan tanggal lahir`): each phrase a
    field's wording with no value after it, or one of no field here (`ANAK KE`: no digit, a few words); one
    field's at least, no colon (a colon's label has its value beside it). None for any other line."""
    if any(c in COLONS for c in line.text):
        return None
    row: list[Column] = []
    for seg in line.segments():
        if cell_border(seg):
            continue
        split = split_label(seg.words, labels)
        if split is not None and split[2]:
            split = _whole_heading(seg, labels)  # `TEMPAT DIKELUARKAN` is no place of birth and a value
        if split is None and (key := _heading_label(seg, labels)) is not None:
            split = (key, t.compact(seg.text), [])
        if split is not None:
            row.append((split[0], split[1], seg))
        elif any(c.isdigit() for c in seg.text) or len(seg.words) > 3:
            return None
        else:
            row.append(("", t.compact(seg.text), seg))
    row, _ = _one_column_a_field(row, set())
    return row if any(key for key, _, _ in row) else None


def _by_column(row: list[tuple[str, str, Segment]], values: Line, index: int) -> list[Hit]:
    """A row of labels over a row of values (cells with the label at the top, a table's headings): each
    value phrase belongs to the label it stands under, the one it overlaps most across the page (a value set
    left under its label or centred under it alike); one under no label, to the nearest."""
    words: list[list[OcrWord]] = [[] for _ in row]
    phrases = values.segments()
    whole = [_columns_of(row, seg) for seg in phrases]
    for n, seg in enumerate(phrases):
        parted = [(part, _columns_of(row, part)) for part in at_borders(seg)]
        # A border read inside a phrase parts two cells only when the later part's heading has no phrase of its
        # own (`36656 — HAJRAN` under `Kode Pos` and an empty `Desa/Kelurahan`); else it is a letter read as
        # a mark inside one value (`GG. CEMPAKA | NO. 58`, an I read as `|`).
        others = {col for m, cols in enumerate(whole) if m != n for _, col in cols}
        if len(parted) > 1 and any(col in others for _, cols in parted[1:] for _, col in cols):
            parted = [(seg, whole[n])]
        for _, cols in parted:
            for part, col in cols:
                words[col].extend(part.words)
    return [Hit(key, label, found, index) for (key, label, _), found in zip(row, words, strict=True) if found]


def _columns_of(row: list[Column], seg: Segment) -> list[tuple[Segment, int]]:
    """The phrase's words by heading: the heading it overlaps most across the page (a value set left under
    its heading or centred under it alike); a phrase under two headings' middles or more is cells read
    together (a narrow table's values close enough to be one phrase), each word to its own heading."""
    under = sum(seg.left <= (h.left + h.right) / 2 <= seg.right for _, _, h in row)
    out: list[tuple[Segment, int]] = []
    for part in [Segment([w]) for w in seg.words] if under >= 2 else [seg]:
        out.append((part, t.under_which([h for _, _, h in row], part)))
    return out


_LONG_DASHES = frozenset(("—", "–"))  # a cell's upright border read as a dash between two words


def at_borders(seg: Segment) -> list[Segment]:
    """A phrase parted where a cell's border was read as a mark between its words (`36656 — HAJRAN`: two
    cells read as one phrase), the borders dropped."""
    parts: list[list[OcrWord]] = [[]]
    for w in seg.words:
        if cell_border(Segment([w])) or (w.text in _LONG_DASHES and parts[-1]):
            parts.append([])
        else:
            parts[-1].append(w)
    return [Segment(p) for p in parts if p]


def _label_row(
    lines: list[Line], index: int, segments: list[Segment], labels: Labels, skip: set[int]
) -> tuple[list[Hit], set[int]]:
    """A row of column headings over a row of values (a web view's or a form's cells, `Nomor KK  NIK Kepala
    Keluarga  Nama Kepala Keluarga` over the three values), some of them wordings of no field here: each is
    still a column, so its value is not taken for its neighbour's (the head's NIK for the KK number, a whole
    row for the head's name). Labels must be more than half the row's phrases (a row of labels and their values
    alternates), two at least, with no colon on the line, and the others with no digit and written with small
    letters, as headings are (a table's title row, a row of labels and values in capitals, stay with the rules
    below)."""
    if index + 1 >= len(lines) or index + 1 in skip:
        return [], set()
    line = lines[index]
    if any(c in COLONS for c in line.text):
        return [], set()  # `Nama Anak  : ARIF SAPUTRA`: a colon column's values stand beside their labels
    # Headings wrapped onto a second line (`Jenis` over `Kelamin`, `Tempat` over `Lahir`): each heading whole.
    # Centred in their cells, the wrapped ones' first words may stand on a line above the others.
    last_heading = index
    stacked = _second_heading_line(lines, index, segments, skip)
    if stacked is not None:
        segments, last_heading = _stack(segments, lines[stacked]), stacked
    elif (main := _main_heading_line(lines, index, segments, skip)) is not None:
        segments, last_heading = _stack(main, lines[index], above=True), index + 1
    row: list[tuple[str, str, Segment]] = []
    loose: set[int] = set()  # the row's headings read as labels at a colon's score only
    for seg in segments:
        # A heading put together from two lines is whole: named by all its words (`No. Urut` is no `No.`).
        split = _whole_heading(seg, labels) if last_heading != index else split_label(seg.words, labels)
        if split is not None and _bracketed_note(split[2]):
            split = (split[0], split[1], [])  # `Alamat (Jalan/Dusun)`: the heading says what to write
        if split is not None and split[2] and not _only_colon(split[2]):
            return [], set()  # a label with its value: a line of `label : value` phrases
        if split is None and any(c.isdigit() for c in seg.text):
            if _speck(seg):
                continue  # a speck between two headings read unsurely as a digit (`4`): no value, no column
            return [], set()
        if split is None and (key := _heading_label(seg, labels)) is not None:
            loose.add(len(row))
            split = (key, t.compact(seg.text), [])
        row.append((split[0], split[1], seg) if split is not None else ("", t.compact(seg.text), seg))
    row, loose = _one_column_a_field(row, loose)
    row = _remnants_named(row, labels)
    known = sum(1 for key, _, _ in row if key)
    # All read as labels on one line: the row-of-labels rule below already reads it (not headings stacked
    # over two lines, which it does not put together).
    if known < 2 or (known == len(row) and not loose and last_heading == index) or 2 * known <= len(row):
        return [], set()
    # `Desa/Kelurahan  HAJRAN  Provinsi  JAMBI`: phrases in capitals beside labels are their values. (A phrase
    # of a letter or two is a heading's remnant, `K` of a misread `Kecamatan`, not a value.)
    if not all(_small_letters(seg.text) or len(t.compact(seg.text)) <= 2 for key, _, seg in row if not key):
        return [], set()
    first = _values_under(lines, last_heading, row, labels, skip)
    if first is None:
        return [], set()
    rows = [first]
    # A table of the two addresses turned sideways (`Uraian | Jalan | RT | RW ...` over a row `Daerah Asal`
    # and a row `Daerah Tujuan`): while each row names its side, the next row is read under the same headings.
    while len(rows) < len(SIDES) and _row_side(row, lines[rows[-1]], index):
        following = _values_under(lines, rows[-1], row, labels, skip, reach=SIDE_ROW_REACH)
        if following is None or not _row_side(row, lines[following], index):
            break
        rows.append(following)
    # The lines between of one phrase: a cell wrapped over lines (`KABUPATEN` over the row's `BATANGHARI`), each
    # the nearer row's; one nearer the headings is a heading's own wrapped word (`Pindah`), dropped.
    # Past the row of column numbers no line is a heading's.
    numbered = next((k for k in range(last_heading + 1, rows[0]) if _column_numbers(lines[k])), None)
    pieces: dict[int, list[Line]] = {}
    for k in range(last_heading + 1, rows[-1]):
        if k not in rows and not _column_numbers(lines[k]):
            heads = [] if numbered is not None and k > numbered else [last_heading]
            near = min([*heads, *rows], key=lambda r: abs(lines[r].cy - lines[k].cy))
            if near != last_heading:
                pieces.setdefault(near, []).append(lines[k])
    # A wide table's last row may wrap below it too (a date in words over several lines).
    end = rows[-1]
    if len(row) >= WRAPPED_PIECE_COLUMNS:
        while end + 1 < len(lines) and end + 1 - rows[-1] <= MAX_PIECES and end + 1 not in skip:
            below = lines[end + 1]
            if len(_phrases(below)) != 1 or below.cy - lines[end].cy > WRAP_STEP * _line_height(lines[end]):
                break
            if _small_letters(below.text) or not _is_value_only(below, labels):
                break  # the next heading (`Tanggal Penerbitan KK`), not a value's wrapped words
            pieces.setdefault(rows[-1], []).append(below)
            end += 1
    out = [hit for r in rows for hit in _row_values(row, lines[r], index, pieces.get(r, []))]
    return out, set(range(index + 1, end + 1))


MAX_PIECES = 8  # a cell's wrapped lines read apart, at most (a date in words in a narrow column: eight)
WRAP_STEP = 1.8  # line heights from one wrapped line to the next, at most


def _second_heading_line(
    lines: list[Line], index: int, segments: list[Segment], skip: set[int]
) -> int | None:
    """The index of the line that holds the wrapped second words of the row's headings, or None: right under
    it, fewer phrases than the row (only some headings wrap), each in small letters with no digit or colon
    and standing under one heading of the row."""
    j = index + 1
    if j >= len(lines) or j in skip or len(segments) < WRAPPED_PIECE_COLUMNS:
        return None
    under = lines[j]
    if under.cy - lines[index].cy > WRAP_STEP * _line_height(lines[index]):
        return None
    parts = [seg for seg in under.segments() if not cell_border(seg)]
    if not parts or len(parts) >= len(segments):
        return None
    for part in parts:
        text = part.text
        if not _small_letters(text) or any(c.isdigit() or c in COLONS for c in text):
            return None
        if _heading_above(part, segments) is None:
            return None
    return j


def _whole_heading(seg: Segment, labels: Labels) -> tuple[str, str, list[OcrWord]] | None:
    """A heading put together from its lines, named by all its words; failing that, by all but a note in
    brackets at its end (`Alamat (Jalan/Dusun)`)."""
    key = labels.match(seg.text, BARE_LABEL_SCORE)
    if key is not None:
        return key, t.compact(seg.text), []
    words = seg.words
    note = next((k for k in range(1, len(words)) if _bracketed_note(words[k:])), len(words))
    text = " ".join(w.text for w in words[:note])
    key = labels.match(text, BARE_LABEL_SCORE) if note < len(words) else None
    return (key, t.compact(text), []) if key is not None else None


def _main_heading_line(
    lines: list[Line], index: int, segments: list[Segment], skip: set[int]
) -> list[Segment] | None:
    """The headings of the line under this one when this line holds only the first words of some of them
    (the wrapped headings' first lines, centred above the row): its phrases, or None."""
    j = index + 1
    if j >= len(lines) or j in skip or lines[j].cy - lines[index].cy > WRAP_STEP * _line_height(lines[index]):
        return None
    main = [seg for seg in lines[j].segments() if not cell_border(seg)]
    if len(main) < WRAPPED_PIECE_COLUMNS or not segments or len(segments) >= len(main):
        return None
    for part in segments:
        if not _small_letters(part.text) or any(c.isdigit() or c in COLONS for c in part.text):
            return None
        if _heading_above(part, main) is None:
            return None
    return main


def _heading_above(part: Segment, segments: list[Segment]) -> int | None:
    """The heading a wrapped word stands under: the one whose span holds the word's middle."""
    middle = (part.left + part.right) / 2
    return next((i for i, seg in enumerate(segments) if seg.left - 4 <= middle <= seg.right + 4), None)


def _stack(segments: list[Segment], other: Line, above: bool = False) -> list[Segment]:
    """Each heading with its wrapped words: after it, or before it when `other` is the line above."""
    words = [list(seg.words) for seg in segments]
    for part in other.segments():
        i = _heading_above(part, segments)
        if i is not None:
            words[i] = [*part.words, *words[i]] if above else [*words[i], *part.words]
    return [Segment(w) for w in words]


COLUMN_NUMBER_CHARS = 4  # `(10)`: the longest a column's number prints
WRAPPED_PIECE_COLUMNS = 4  # in a row of this many headings or more, a line of one phrase is a wrapped cell's


def _speck(segment: Segment) -> bool:
    """A phrase of one mark read unsurely as one character: no heading (a heading is words, read well)
    and no value (a value among headings is read surely). (A rule between two columns read as `|` or `£`
    still parts them.)"""
    return (
        len(segment.words) == 1
        and len(t.compact(segment.text)) <= SPECK_CHARS
        and segment.words[0].confidence < SPECK_CONFIDENCE
    )


SPECK_CONFIDENCE = 0.5  # a word read this surely or better is print, not a speck
SPECK_CHARS = 1  # (`R1`, a heading `RT` read unsurely, is a heading still: its row is no row of headings)


# Line heights between a sideways table's two rows, at most: a ruled table pads its rows (the next row must
# name the other side besides, which no line after the table does).
SIDE_ROW_REACH = 6.0


def _values_under(
    lines: list[Line], index: int, row: list[Column], labels: Labels, skip: set[int], reach: float = 3.2
) -> int | None:
    """The line of values under a row of headings: the next line; under a wide row, past the row of column
    numbers a form prints under its headings (`1 2 3 ... 9`) and past lines of one phrase (a heading or a
    value wrapped onto a line of its own: `Pindah`, `KABUPATEN`); each line close under the one before."""
    j = index + 1
    while j < len(lines) and j not in skip and j - index <= MAX_PIECES + 2:
        # (Measured in the taller line's height: a row of column numbers is printed small.)
        if lines[j].cy - lines[j - 1].cy > reach * max(_line_height(lines[j - 1]), _line_height(lines[j])):
            return None
        if len(row) >= WRAPPED_PIECE_COLUMNS and (_column_numbers(lines[j]) or len(_phrases(lines[j])) == 1):
            j += 1
            continue
        return j if _is_value_row(lines[j], row, labels) else None
    return None


def _is_value_row(line: Line, row: list[Column], labels: Labels) -> bool:
    """Values only; in a wide row (WRAPPED_PIECE_COLUMNS headings or more) one value may begin as a label does
    (`NOMOR KK TETAP`, the status of the KK left behind), as long as most of the row reads as no label, and
    its words stand under three headings or more (as three phrases or more, or fewer phrases of cells read
    together: a degraded scan's narrow gaps)."""
    if len(row) < WRAPPED_PIECE_COLUMNS:
        return _is_value_only(line, labels)
    segments = line.segments()
    read_as_labels = sum(split_label(seg.words, labels) is not None for seg in segments)
    if read_as_labels > 1:
        return False
    if len(segments) >= 3:
        return True
    heads = [h for _, _, h in row]
    words = {t.compact(w.text) for w in line.words}
    # A note's sentence under the headings (`ANAK INI DIAKUI OLEH AYAH ...`) spreads under them too.
    sentence = len(words & PROSE_WORDS) >= PROSE_WORDS_AT_LEAST
    return not sentence and len({t.under_which(heads, Segment([w])) for w in line.words}) >= 3


# Words of a sentence that no table's cell prints (a move's type may hold one `DAN`: two tell a sentence).
PROSE_WORDS = frozenset(("INI", "OLEH", "PADA", "YANG", "DAN", "DARI", "TELAH", "DENGAN", "UNTUK", "BAHWA"))
PROSE_WORDS_AT_LEAST = 2


def _phrases(line: Line) -> list[Segment]:
    """The line's phrases less specks (`,` beside a wrapped word)."""
    return [seg for seg in line.segments() if any(c.isalnum() for c in seg.text)]


def _column_numbers(line: Line) -> bool:
    """`1 2 3 4 5 6 7 8 9`, `(10) (11) (12)` under a wide row of headings, as a copy's small print reads it
    (`(d) & 3) HD (5)`, `Uu) (eni) U2) 03)`): three words or more, each short, half of them with a digit or a
    bracket, or every one as short as a bracketed number (a row of values has longer words)."""
    words = [w.text for w in line.words]
    marked = sum(any(c.isdigit() or c in "()" for c in w) for w in words)
    return (
        len(words) >= 3
        and all(len(w) <= COLUMN_NUMBER_CHARS + 1 for w in words)
        and (2 * marked >= len(words) or all(len(w) <= COLUMN_NUMBER_CHARS - 1 for w in words))
    )


def _counts_columns(line: Line) -> bool:
    """`1 2 3 4 5 6 7 8 9` (or `I 2 3 4 S 6 7 8 y`, misread): a row of column numbers counting up, three or
    more, most of its words; never a row of values (`010 001 36656` does not count up)."""
    numbers = [int(d) for w in line.words if (d := t.compact(w.text)).isdigit() and len(d) <= 2]
    return (
        len(numbers) >= 3
        and 2 * len(numbers) >= len(line.words)
        and all(0 < b - a <= 2 for a, b in itertools.pairwise(numbers))
    )


def _row_values(row: list[Column], values: Line, index: int, pieces: list[Line]) -> list[Hit]:
    """The row's values under their headings, with the wrapped lines of its cells (`pieces`) in reading
    order; on a row that names its side (`Daerah Asal` under `Uraian`), each label carries the side, as
    `Alamat Asal` would."""
    side = _row_side(row, values, index)
    cells: dict[str, list[OcrWord]] = {}
    labels: dict[str, str] = {}
    for line in sorted([values, *pieces], key=lambda ln: ln.cy):
        for hit in _by_column(row, line, index):
            if hit.key:
                cells.setdefault(hit.key, []).extend(hit.words)
                labels.setdefault(hit.key, hit.label)
    return [
        Hit(key, f"{labels[key]} {side}" if side else labels[key], words, index)
        for key, words in cells.items()
        if any(w in words for w in values.words)  # a cell of this row, not a wrapped line's alone
    ]


SIDES = ("ASAL", "TUJUAN")  # a move's two sides: a sideways table has a row of each at most


def _row_side(row: list[Column], values: Line, index: int) -> str:
    """`ASAL` or `TUJUAN` when the row's value under a heading of no field names that side, else ""."""
    for hit in _by_column(row, values, index):
        words = set(t.clean_text(" ".join(w.text for w in hit.words)).upper().split())
        if not hit.key and len(words & set(SIDES)) == 1:
            return "ASAL" if "ASAL" in words else "TUJUAN"
    return ""


Column = tuple[str, str, Segment]  # (key or "", label read, the heading's phrase)


def _one_column_a_field(row: list[Column], loose: set[int]) -> tuple[list[Column], set[int]]:
    """`NIK Kepala Keluarga` beside `Nama Kepala Keluarga`: a heading read loosely (`loose`, its index) as a
    field another heading of the row names is no label of it: two columns are never one field."""
    keys = [key for key, _, _ in row]
    clash = {i for i in loose if keys.count(row[i][0]) > 1}
    return [
        ("", label, seg) if i in clash else (key, label, seg) for i, (key, label, seg) in enumerate(row)
    ], (loose - clash)


# The order every Indonesian address is printed in, street to postal code (an address table's columns too);
# RT and RW stand short and are read whole.
ADDRESS_ORDER = ("address", "village", "district", "regency", "province", "postal_code")
# A heading read as this many letters at most is a remnant of its wording (`K` of `Kecamatan`).
REMNANT_CHARS = 2


def _remnants_named(row: list[Column], labels: Labels) -> list[Column]:
    """An address table's headings printed small and read as a letter or two (`K`, `K` for `Kecamatan`,
    `Kab/Kota`): a run of them between two headings of the address is named by the address's order, when as
    many of its fields are missing between those two and each remnant begins as a label of its field does."""
    keys = [key for key, _, _ in row]
    out = list(row)
    start = 0
    while start < len(row):
        end = start
        while end < len(row) and not keys[end] and _remnant(row[end]):
            end += 1
        if end == start:
            start += 1
            continue
        if start > 0 and end < len(row) and {keys[start - 1], keys[end]} <= set(ADDRESS_ORDER):
            a, b = ADDRESS_ORDER.index(keys[start - 1]), ADDRESS_ORDER.index(keys[end])
            missing = [key for key in ADDRESS_ORDER[a + 1 : b] if key not in keys]
            if len(missing) == end - start and all(
                _begins_label(row[k][1], key, labels)
                for k, key in zip(range(start, end), missing, strict=True)
            ):
                for k, key in zip(range(start, end), missing, strict=True):
                    out[k] = (key, row[k][1], row[k][2])
        start = end
    return out


def _remnant(column: Column) -> bool:
    return 0 < len(column[1]) <= REMNANT_CHARS and column[1].isalpha()


def _begins_label(remnant: str, key: str, labels: Labels) -> bool:
    return any(label.startswith(remnant) for label, named in labels.keys.items() if named == key)


def _heading_label(seg: Segment, labels: Labels) -> str | None:
    """A heading's wording misread past the bare label's score (`Al amal`, `Kabupalen/Kola`), held to the score
    of a label with its colon: in a row of headings over a row of values, the row says `label` as a colon
    would. Only a phrase with small letters and no digit, as a heading is printed."""
    if not _small_letters(seg.text) or any(c.isdigit() for c in seg.text):
        return None
    text = " ".join(w.text for w in strip_enumeration(seg.words, labels))
    return labels.match(text) or _heading_only(t.compact(text), labels)


def _heading_only(key: str, labels: Labels) -> str | None:
    """The field a heading-only wording names, read exactly or a letter or two off."""
    best = process.extractOne(key, list(labels.headings), scorer=fuzz.ratio, score_cutoff=LABEL_SCORE)
    return labels.headings[best[0]] if best is not None else None


def _small_letters(text: str) -> bool:
    """Written as a heading is (`Nama Kepala Keluarga`, `NIK Kepala Keluarga`): with small letters, which a value
    in capitals has none of."""
    return any(c.islower() for c in text)


def _labels_over_values(lines: list[Line], labels: Labels, hits: list[Hit], skip: set[int]) -> list[Hit]:
    """Labels printed alone above their values (the digital ID) whose wording was misread beyond the bare
    score (`Jerus Kelamin`, `Terapat Lahir`): a short line of words alone, over a line that is a value only,
    says `label` as a colon would, so it is held to the score of a label with its colon. Only for fields no
    other label on the page gave."""
    found = {h.key for h in hits}
    used = {id(w) for h in hits for w in h.words}
    label_lines = {h.line for h in hits}
    out: list[Hit] = []
    for index, line in enumerate(lines[:-1]):
        nxt = lines[index + 1]
        if index in skip or index + 1 in skip or index in label_lines or len(line.words) > 4:
            continue
        if len(line.segments()) > 1 or any(c.isdigit() or c in ":;" for c in line.text):
            continue
        key = labels.match(" ".join(w.text for w in strip_enumeration(line.words, labels)))
        if key is None or key in found or any(id(w) in used for w in nxt.words):
            continue
        if nxt.cy - line.cy <= 3.2 * _line_height(line) and _is_value_only(nxt, labels):
            out.append(Hit(key, t.compact(line.text), nxt.words, index))
            found.add(key)
            used.update(id(w) for w in nxt.words)
    return out


def _before_colon_column(
    seg: Segment, following: list[Segment], labels: Labels
) -> tuple[str, str, list[OcrWord]] | None:
    """A phrase whose next phrase opens with a colon (`KetiDesa   : KUALA TERUSAN`, colons set in a column):
    the colon says it is a label, so the wording is held to the score of a label with its colon."""
    if not following or following[0].words[0].text[:1] not in COLONS:
        return None
    words = strip_enumeration(seg.words, labels)
    label = " ".join(w.text for w in words)
    key = labels.match(label)
    return (key, t.compact(label), []) if key is not None else None


# Glyphs a ruled cell's border is read as: a phrase of these alone is no label and no value.
_BORDER_GLYPHS = frozenset("|¦[]!")


def cell_border(seg: Segment) -> bool:
    """`Kecamatan | Kabupaten/Kota | Provinsi`: a web view's or a form's cells, each border read as a phrase of its
    own, stand between a row of headings (or a label and its value); taken as a value, the border is the
    label's value and every heading after it is shifted."""
    return all(set(w.text) <= _BORDER_GLYPHS for w in seg.words)


def _bracketed_note(words: list[OcrWord]) -> bool:
    """A label's note in brackets after it (`(Jalan/Dusun)`, `(dd-mm-yyyy)`), and nothing else: a few words
    of letters written as a label is (small letters; a value is in capitals), no digit, no cell border. One
    bracket may be lost to the engine (`jalan/dusun)`), but a value with a bracket inside (`Kp. Babakan
    (belakang masjid)`) is no note."""
    text = " ".join(w.text for w in words)
    if not words or len(words) > NOTE_WORDS or any(c.isdigit() or c in "|[]" for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    if sum(c.islower() for c in letters) < sum(c.isupper() for c in letters):
        return False
    if t.compact(text) in _NO_NOTES:
        return False  # `Alamat (Tujuan)`, `Nama (Ayah)`: the bracket says which address or person
    if not text.startswith("("):
        return len(words) == 1 and text.endswith(")") and "(" not in text  # its `(` lost: one word only
    return "(" not in text[1:]


NOTE_WORDS = 3  # a label's note in brackets is this many words at most (`(jalan/dusun)`, `(dd mm yyyy)`)
# Words in brackets that qualify a label (which address, whose name): never a note.
_NO_NOTES = frozenset((*QUALIFIERS, *OTHER_PERSONS, "AYAH", "IBU", "ANAK", "SUAMI", "ISTRI", "ISTERI"))


def _without_notes(words: list[OcrWord]) -> list[OcrWord]:
    """The phrase less a note in brackets inside its label (`Alamat (jalan/dusun) tujuan`): in small letters,
    after the label's first word and before more words (and before any colon), so that the label reads whole
    with its qualifier."""
    for i in range(1, len(words) - 1):
        if words[i].text in COLONS or words[i - 1].text.endswith(COLONS):
            return words  # past the colon is the value, notes and all
        if not words[i].text.startswith("("):
            continue
        end = next(
            (j for j in range(i, min(len(words), i + NOTE_WORDS)) if words[j].text.endswith(")")), None
        )
        if end is not None and end + 1 < len(words) and _bracketed_note(words[i : end + 1]):
            return [*words[:i], *words[end + 1 :]]
    return words


def _bracketed_label(words: list[OcrWord], key: str, labels: Labels) -> bool:
    """The label's own short form in brackets after it (`Nomor Induk Kependudukan (NIK)`)."""
    text = " ".join(w.text for w in words)
    return text.startswith("(") and text.endswith(")") and labels.keys.get(t.compact(text)) == key


def _only_colon(words: list[OcrWord]) -> bool:
    return all(set(w.text) <= set(COLONS) for w in words)


def _drop_colon(words: list[OcrWord]) -> list[OcrWord]:
    out = list(words)
    while out and (out[0].text in COLONS or out[0].text == "::"):
        out = out[1:]
    if len(out) > 1 and out[0].text in COLON_MISREADS:
        out = out[1:]
    if out and (m := re.match(r"^[1lI|i!]?[:;]", out[0].text)):  # `:0`, `1:0`: a colon glued to the value
        out[0] = out[0].model_copy(update={"text": out[0].text[m.end() :]})
    return [w for w in out if w.text] or list(words)


def join_wrapped_labels(lines: list[Line], labels: Labels) -> list[Line]:
    """A label wrapped in a narrow label column (`Nomor Induk` over `Kependudukan`): the two lines' words that
    make the label put together on the line that holds its value (the first when its value stands beside it,
    else the second). Only where the first line's phrase is no label alone and, with the next line's first
    words under it, reads as one."""
    out = [Line(list(ln.words)) for ln in lines]
    for i in range(len(out) - 1):
        first, second = out[i].segments(), out[i + 1].segments()
        if not first or not second:
            continue
        head, tail = first[0], second[0]
        height = max(_line_height(out[i]), 1.0)
        if out[i + 1].cy - out[i].cy > 2.0 * height or abs(tail.left - head.left) > height:
            continue
        n = _label_completed(head.words, tail.words, labels)
        if n is None:
            continue
        if len(first) == 1:
            out[i + 1], out[i] = Line([*head.words, *out[i + 1].words]), Line([])
        elif len(second) == 1 and n == len(tail.words):
            out[i], out[i + 1] = Line([*head.words, *tail.words, *out[i].words[len(head.words) :]]), Line([])
    return [ln for ln in out if ln.words]


def _label_completed(head: list[OcrWord], tail: list[OcrWord], labels: Labels) -> int | None:
    """How many of `tail`'s first words complete `head` into a label: neither is a label alone, and `head` is
    how that label begins (a short value over a long label, `ANI` over `Nama Ayah Kandung`, is no label's
    head)."""
    if labels.match(words_text(head), BARE_LABEL_SCORE) is not None:
        return None
    begun = t.compact(words_text(head))
    for n in range(min(3, len(tail)), 0, -1):
        if labels.match(words_text(tail[:n]), BARE_LABEL_SCORE) is not None:
            continue
        key = labels.match(words_text([*head, *tail[:n]]), BARE_LABEL_SCORE)
        if key is not None and any(
            found == key and fuzz.ratio(label[: len(begun)], begun) >= BARE_LABEL_SCORE
            for label, found in labels.keys.items()
        ):
            return n
    return None


def words_text(words: list[OcrWord]) -> str:
    return " ".join(w.text for w in words)


def find_label(lines: list[Line], labels: Labels, key: str) -> tuple[int, list[OcrWord]] | None:
    """(line index, the label's words) of the first printed label of `key`, with or without a value."""
    for index, line in enumerate(lines):
        for seg in line.segments():
            words = strip_enumeration(seg.words, labels)
            for n in range(1, min(5, len(words)) + 1):
                if labels.match(" ".join(w.text for w in words[:n]).rstrip(":;")) == key:
                    return index, words[:n]
    return None
