"""Per-type field extraction from OCR words: label/value forms (KTP, akta, SKPWNI, KK header) and the KK tables."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from ektp.ocr import grammar
from ektp.ocr import text as t
from ektp.ocr.engine import GreyImage, OcrEngine, OcrPage, OcrWord
from ektp.ocr.models import AktaFields, Field, KkFields, KkMember, KtpFields, MarriageFields, SkpwniFields
from ektp.ocr.preprocess import VerticalRule
from ektp.ocr.reread import Box, reread
from ektp.ocr.text import Line, Segment, make_field

Normaliser = Callable[[str], str | None]
LABEL_SCORE = 80.0  # fuzzy match a printed label needs (compacted text)


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


def _valid_until(s: str) -> str | None:
    return t.snap(s, t.VALID_UNTIL) or t.parse_date(s)


def _address(s: str) -> str | None:
    # `JL,` `GG,` `NO,`: the full stop of an abbreviation read as a comma (no address uses a comma there).
    return re.sub(r"\b([A-Z]{1,3}),(?=\s)", r"\1.", t.clean_text(s)) or None


NORMALISERS: dict[str, Normaliser] = {
    "address": _address,
    "nik": t.number16,
    "kk_number": t.number16,
    "birth_date": t.parse_date,
    "issue_date": t.parse_date,
    "marriage_date": _dash_or_date,
    "postal_code": lambda s: d if len(d := t.digits(s)) == 5 else None,
    "sex": _vocab(t.SEXES),
    "religion": _vocab(t.RELIGIONS),
    "blood_type": grammar.blood_type,
    "education": _vocab(t.EDUCATION),
    "relationship": _vocab(t.RELATIONSHIPS),
    "citizenship": _vocab(t.CITIZENSHIP),
    "valid_until": _valid_until,
    "passport_number": _dash_or_text,
    "kitap_number": _dash_or_text,
}


def normalise(key: str, raw: str, words: list[OcrWord], *, kk: bool = False) -> Field | None:
    base = key.removeprefix("origin_").removeprefix("destination_")
    if base == "marital_status":
        fn: Normaliser = _vocab(t.MARITAL_KK if kk else t.MARITAL_KTP)
    elif base in ("rt", "rw"):
        fn = lambda s: t.small_number(s, 3)  # noqa: E731
    else:
        fn = NORMALISERS.get(base, _text)
    value = fn(raw)
    return make_field(words, value) if value else None


# --- label/value forms -------------------------------------------------------------------------------

_COLONS = (":", ";", "=")
_COLON_MISREADS = {"1", "l", "I", "i", "|", "!", "»", "«", ".", ",", "'", "‘", "’", "-", "—"}


def _merge(segments: list[Segment], labels: dict[str, str]) -> list[Segment]:
    """Join a value segment to the label before it: labels and values are printed in aligned columns."""
    out: list[Segment] = []
    for seg in segments:
        first = seg.words[0].text
        if out and (
            first[:1] in _COLONS
            or (
                _label_of(out[-1].text, labels)
                and not _has_colon(out[-1])
                and not _label_of(seg.text, labels)
            )
        ):
            out[-1] = Segment(out[-1].words + seg.words)
        else:
            out.append(seg)
    return out


def _has_colon(seg: Segment) -> bool:
    return any(c in w.text for w in seg.words for c in _COLONS)


def _label_of(text: str, labels: dict[str, str]) -> str | None:
    key = t.compact(text)
    if not key:
        return None
    if key in labels:
        return labels[key]
    best = process.extractOne(key, list(labels), scorer=fuzz.ratio, score_cutoff=LABEL_SCORE)
    return labels[best[0]] if best is not None else None


def _split(seg: Segment, labels: dict[str, str]) -> tuple[str, list[OcrWord]] | None:
    """(field key, value words) of a `label : value` segment."""
    words = seg.words
    for i, word in enumerate(words):
        pos = next((word.text.find(c) for c in _COLONS if c in word.text), -1)
        if pos < 0:
            continue
        before, after = word.text[:pos], word.text[pos + 1 :]
        label_words = [w.text for w in words[:i]] + ([before] if before else [])
        key = _label_of(" ".join(label_words), labels)
        if key is None:
            return None
        rest = ([word.model_copy(update={"text": after})] if after else []) + words[i + 1 :]
        return key, rest
    # No colon read: the first one to four words that best match a label are the label; a colon misread as
    # a narrow mark (`1`, `»`, `|`) right after it is dropped.
    best: tuple[float, int, str] | None = None
    for n in range(1, min(4, len(words) - 1) + 1):
        text = t.compact(" ".join(w.text for w in words[:n]))
        hit = (
            process.extractOne(text, list(labels), scorer=fuzz.ratio, score_cutoff=LABEL_SCORE)
            if text
            else None
        )
        if hit is not None and (best is None or hit[1] >= best[0]):  # a tie goes to the longer label
            best = (hit[1], n, labels[hit[0]])
    if best is None:
        return None
    rest = words[best[1] :]
    if len(rest) > 1 and rest[0].text in _COLON_MISREADS:
        rest = rest[1:]
    return best[2], rest


def label_values(lines: list[Line], labels: dict[str, str]) -> list[tuple[str, list[OcrWord], int]]:
    """Every `label : value` found: (key, value words, line index)."""
    found: list[tuple[str, list[OcrWord], int]] = []
    for index, line in enumerate(lines):
        for seg in _merge(line.segments(), labels):
            pair = _split(seg, labels)
            if pair is not None and pair[1]:
                found.append((pair[0], pair[1], index))
    return found


def _labels(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {t.compact(label): key for key, variants in table.items() for label in variants}


def _words_text(words: list[OcrWord]) -> str:
    return " ".join(w.text for w in words)


def _put(fields: dict[str, Field], key: str, words: list[OcrWord], *, kk: bool = False) -> None:
    if key == "rt_rw":
        parts = re.split(r"[/\\|]", _words_text(words), maxsplit=1)
        if len(parts) == 2:
            for sub, raw in zip(("rt", "rw"), parts, strict=True):
                f = normalise(sub, raw, words)
                if f is not None:
                    fields.setdefault(sub, f)
        return
    f = normalise(key, _words_text(words), words, kk=kk)
    if f is not None:
        fields.setdefault(key, f)


# --- KTP -----------------------------------------------------------------------------------------------

KTP_LABELS = _labels(
    {
        "nik": ("NIK",),
        "name": ("Nama",),
        "birth": ("Tempat/Tgl Lahir", "Tempat Tgl Lahir"),
        "sex": ("Jenis Kelamin",),
        "blood_type": ("Gol. Darah", "Gol Darah"),
        "address": ("Alamat",),
        "rt_rw": ("RT/RW",),
        "village": ("Kel/Desa",),
        "district": ("Kecamatan",),
        "religion": ("Agama",),
        "marital_status": ("Status Perkawinan",),
        "occupation": ("Pekerjaan",),
        "citizenship": ("Kewarganegaraan",),
        "valid_until": ("Berlaku Hingga",),
    }
)


def parse_ktp(lines: list[Line], page: OcrPage) -> KtpFields:
    fields: dict[str, Field] = {}
    for i, line in enumerate(lines[:4]):
        if t.compact(line.text).startswith("PROVINSI") and "province" not in fields:
            words = line.words[1:]
            f = make_field(words, t.clean_text(_words_text(words)))
            if f is not None:
                fields["province"] = f
            if i + 1 < len(lines):
                nxt = lines[i + 1].words
                g = make_field(nxt, t.clean_text(_words_text(nxt)))
                if g is not None:
                    fields["regency"] = g
    for key, words, _ in label_values(lines, KTP_LABELS):
        if key == "birth":
            raw = _words_text(words)
            place, _, when = raw.rpartition(",")
            if not place:
                m = re.search(r"\d", raw)
                place, when = (raw[: m.start()], raw[m.start() :]) if m else (raw, "")
            pf = make_field(words, t.clean_text(place))
            df = normalise("birth_date", when, words)
            if pf is not None:
                fields.setdefault("place_of_birth", pf)
            if df is not None:
                fields.setdefault("birth_date", df)
        else:
            _put(fields, key, words)
    # Place and date of issue are printed under the photo, right of the form: no labels.
    right = [
        s for ln in lines for s in ln.segments() if s.left > 0.7 * page.width and s.cy > 0.55 * page.height
    ]
    for j, seg in enumerate(right):
        issued = make_field(seg.words, t.parse_date(seg.text) or "")
        if issued is not None:
            fields.setdefault("issue_date", issued)
            if j > 0:
                where = make_field(right[j - 1].words, t.clean_text(right[j - 1].text))
                if where is not None:
                    fields.setdefault("issue_place", where)
            break
    return KtpFields(**fields)


# --- akta kelahiran ------------------------------------------------------------------------------------

AKTA_LABELS = _labels(
    {
        "number": ("Nomor Akta Kelahiran", "Nomor Akta"),
        "nik": ("Nomor Induk Kependudukan", "NIK"),
        "name": ("Nama Lengkap",),
        "place_of_birth": ("Tempat Lahir",),
        "birth_date": ("Tanggal Lahir",),
        "sex": ("Jenis Kelamin",),
        "father_name": ("Nama Ayah",),
        "mother_name": ("Nama Ibu",),
    }
)


def _akta_number(raw: str) -> str | None:
    c = re.sub(r"\s+", "", t.clean_text(raw))
    return c or None


def parse_akta(lines: list[Line]) -> AktaFields:
    fields: dict[str, Field] = {}
    for key, words, _ in label_values(lines, AKTA_LABELS):
        if key == "number":
            value = grammar.akta_number(_words_text(words))
            f = make_field(words, value) if value else None
            if f is not None:
                fields.setdefault(key, f)
        else:
            _put(fields, key, words)
    return AktaFields(**fields)


# --- SKPWNI --------------------------------------------------------------------------------------------

SKPWNI_LABELS = _labels(
    {
        "kk_number": ("Nomor Kartu Keluarga",),
        "nik": ("NIK",),
        "name": ("Nama Lengkap",),
        "address": ("Alamat",),
        "rt_rw": ("RT/RW",),
        "village": ("Desa/Kelurahan",),
        "district": ("Kecamatan",),
        "regency": ("Kabupaten/Kota",),
        "province": ("Provinsi",),
    }
)
_SECTIONS = {"DATADAERAHASAL": "origin_", "DATAKEPINDAHAN": "", "DATADAERAHTUJUAN": "destination_"}


def parse_skpwni(lines: list[Line]) -> SkpwniFields:
    fields: dict[str, Field] = {}
    for line in lines[:8]:
        m = re.search(r"NOMOR\s*[:;]?\s*(\S+)", line.text.upper())
        if m and "SKPWNI" in t.compact(m[1]):
            words = [w for w in line.words if "SKPWNI" in t.compact(w.text)]
            fields["number"] = Field(value=t.clean_text(m[1]), confidence=round(words[0].confidence, 3))
            break
    section_at: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        best = process.extractOne(t.compact(line.text), list(_SECTIONS), scorer=fuzz.ratio, score_cutoff=85)
        if best is not None:
            section_at.append((index, _SECTIONS[best[0]]))
    for key, words, index in label_values(lines, SKPWNI_LABELS):
        prefix = next((p for i, p in reversed(section_at) if i < index), "")
        if key in ("nik", "name", "kk_number"):
            prefix = ""
        elif not prefix:
            continue
        if key == "rt_rw":
            sub: dict[str, Field] = {}
            _put(sub, "rt_rw", words)
            for k, v in sub.items():
                fields.setdefault(prefix + k, v)
        else:
            _put(fields, prefix + key, words)
    return SkpwniFields(**fields)


# --- KK ------------------------------------------------------------------------------------------------

KK_LABELS = _labels(
    {
        "head_of_family": ("Nama Kepala Keluarga",),
        "address": ("Alamat",),
        "rt_rw": ("RT/RW",),
        "village": ("Desa/Kelurahan",),
        "district": ("Kecamatan",),
        "regency": ("Kabupaten/Kota",),
        "postal_code": ("Kode Pos",),
        "province": ("Provinsi",),
        "issue_date": ("Dikeluarkan Tanggal",),
    }
)
# The two member tables of the KK form, column by column (the first column is the row number).
KK_TABLE1 = (
    "no",
    "name",
    "nik",
    "sex",
    "place_of_birth",
    "birth_date",
    "religion",
    "education",
    "occupation",
    "blood_type",
)
KK_TABLE2 = ("no", "marital_status", "marriage_date", "relationship", "citizenship", "passport_number", "kitap_number", "father_name", "mother_name")  # fmt: skip


def _tables(rules: list[VerticalRule]) -> list[tuple[int, int, list[int]]]:
    """Tables as (top, bottom, column borders x), from vertical rules that share their top and bottom."""
    groups: list[list[VerticalRule]] = []
    for rule in sorted(rules, key=lambda r: r.top):
        for g in groups:
            if abs(g[0].top - rule.top) < 25 and abs(g[0].bottom - rule.bottom) < 25:
                g.append(rule)
                break
        else:
            groups.append([rule])
    tables = []
    for g in groups:
        xs: list[int] = []
        for x in sorted(r.x for r in g):
            if not xs or x - xs[-1] > 15:
                xs.append(x)
        if len(xs) >= 4:
            tables.append((min(r.top for r in g), max(r.bottom for r in g), xs))
    return sorted(tables)


def _table_rows(page: OcrPage, top: int, bottom: int, xs: list[int]) -> list[list[list[OcrWord]]]:
    words = sorted(
        (w for w in page.words if top < w.cy < bottom and xs[0] < w.cx < xs[-1]), key=lambda w: w.cy
    )
    rows: list[list[OcrWord]] = []
    for w in words:
        if rows and abs(w.cy - sum(v.cy for v in rows[-1]) / len(rows[-1])) < 0.6 * max(w.height, 12):
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        cells: list[list[OcrWord]] = [[] for _ in range(len(xs) - 1)]
        for w in sorted(row, key=lambda v: v.left):
            col = next((i for i in range(len(xs) - 1) if xs[i] <= w.cx < xs[i + 1]), None)
            if col is not None:
                cells[col].append(w)
        out.append(cells)
    return out


_HEADER_WORDS = (
    "NAMALENGKAP",
    "JENISKELAMIN",
    "STATUSPERKAWINAN",
    "KEWARGANEGARAAN",
    "TANGGALLAHIR",
    "NAMAAYAH",
)


CELL_GLYPH_HEIGHT = 48  # px: the ink height a short cell (`O`, `AB+`) is read again at


def _context_words(words: list[OcrWord], count: int = 2) -> list[Box]:
    """The most confident words of four to eight letters among cells read well: read again beside lone
    glyphs, they give the engine a line of text in the same print (see `reread`)."""
    fit = sorted(
        (w for w in words if w.text.isalpha() and 4 <= len(w.text) <= 8), key=lambda w: -w.confidence
    )
    return [(w.left - 4, w.top - 4, w.right + 4, w.top + w.height + 4) for w in fit[:count]]


def parse_kk_members(
    page: OcrPage, rules: list[VerticalRule], image: GreyImage | None = None, engine: OcrEngine | None = None
) -> list[KkMember]:
    """Member rows of both tables, joined by their order (the printed row number is too small to trust).

    Cells the page read left empty (a lone `-` or blood type) are cropped and read again in one call."""
    tables = _tables(rules)
    by_row: dict[int, dict[str, Field]] = {}
    pending: list[tuple[int, str, tuple[int, int, int, int]]] = []
    read_well: list[OcrWord] = []  # words of body cells whose reading made a valid value
    layouts = [tb for tb in tables if len(tb[2]) - 1 in (len(KK_TABLE1), len(KK_TABLE2))]
    for top, bottom, xs in layouts:
        columns = KK_TABLE1 if len(xs) - 1 == len(KK_TABLE1) else KK_TABLE2
        index = 0
        for cells in _table_rows(page, top, bottom, xs):
            flat = t.compact(" ".join(_words_text(c) for c in cells))
            if not any(cells[1:]) or any(fuzz.partial_ratio(h, flat) >= 85 for h in _HEADER_WORDS):
                continue  # the header row, or a speck in the row-number column
            row = by_row.setdefault(index, {})
            row_words = [w for c in cells for w in c]
            y0 = min(w.top for w in row_words)
            y1 = max(w.top + w.height for w in row_words)
            pad = max(4, (y1 - y0) // 3)
            for col, (key, words) in enumerate(zip(columns[1:], cells[1:], strict=True), start=1):
                if words:
                    f = normalise(key, _words_text(words), words, kk=True)
                    if f is not None:
                        row.setdefault(key, f)
                        read_well.extend(words)
                        continue
                pending.append((index, key, (xs[col] + 6, y0 - pad, xs[col + 1] - 6, y1 + pad)))
            index += 1
    if pending and image is not None and engine is not None:
        again_all = reread(
            engine,
            image,
            [b for _, _, b in pending],
            glyph_height=CELL_GLYPH_HEIGHT,
            context=_context_words(read_well),
        )
        for (index, key, _), again in zip(pending, again_all, strict=True):
            if again is not None:
                word = OcrWord(text=again[0], confidence=again[1], left=0, top=0, width=0, height=0, line=0)
                f = normalise(key, again[0], [word], kk=True)
                if f is not None:
                    by_row[index].setdefault(key, f)
    return [KkMember(**by_row[n]) for n in sorted(by_row)]


def parse_kk(lines: list[Line]) -> KkFields:
    fields: dict[str, Field] = {}
    for line in lines[:6]:
        flat = t.compact(line.text)
        if flat.startswith("NO") and len(t.digits(flat[2:])) >= 16:
            words = [w for w in line.words if any(c.isdigit() for c in w.text)]
            number = t.number16(_words_text(words))
            if number:
                fields["number"] = make_field(words, number)  # type: ignore[assignment]
                break
    for key, words, _ in label_values(lines, KK_LABELS):
        _put(fields, key, words)
    return KkFields(**fields)


MARRIAGE_LABELS = _labels({"number": ("Nomor Akta Perkawinan", "Nomor Akta Nikah", "Nomor")})


def parse_marriage(lines: list[Line]) -> MarriageFields:
    for key, words, _ in label_values(lines, MARRIAGE_LABELS):
        value = _akta_number(_words_text(words))
        if key == "number" and value:
            return MarriageFields(number=make_field(words, value))
    return MarriageFields()
