"""Which document a page is, from its printed words (a KK uploaded as an akta is caught here).

Two kinds of evidence. A form's field vocabulary (each phrase a weight). And its title: every civil-registry
document prints its name as a heading in capitals ("SURAT KETERANGAN PINDAH WNI", "KARTU KELUARGA", "KUTIPAN
AKTA KELAHIRAN") before any of its fields, while the names of other documents it refers to are field labels
or prose ("Nomor Kartu Keluarga", "melampirkan Akta Kelahiran"), written in mixed case, or come after the
title. So the first title phrase printed in capitals names the document and weighs more than any one field;
a document laid out as a letter (letterhead, "Nomor:", a closing) is still the document its title says.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ektp.ocr.models import DOCUMENT_KINDS, DocumentKind
from ektp.ocr.text import compact

# Phrases each form prints (compacted: upper case, letters and digits only) and how much each one says. A
# document's name counts as one phrase wherever it stands (a letter or another form may name it in passing);
# as the page's heading it counts TITLE_WEIGHT more.
KEYWORDS: dict[DocumentKind, tuple[tuple[str, float], ...]] = {
    "kk": (
        ("KARTUKELUARGA", 1.0),
        ("NAMAKEPALAKELUARGA", 1.0),
        ("STATUSHUBUNGAN", 1.0),
        # A family app's or a form's short label for the same column (SHDK): only the KK lists relationships.
        ("HUBUNGANKELUARGA", 1.0),
        ("JENISPEKERJAAN", 1.0),
    ),
    "akta": (("AKTAKELAHIRAN", 1.0), ("KUTIPANAKTA", 1.0), ("NAMAAYAH", 0.5), ("NAMAIBU", 0.5)),
    "ktp": (
        ("BERLAKUHINGGA", 2.0),
        ("GOLDARAH", 1.0),
        ("KELDESA", 1.0),
        ("TEMPATTGLLAHIR", 1.0),
        ("SEUMURHIDUP", 0.5),
        # An English report of the card (an e-KYC vendor's): the card named (`ID Card (e-KTP)`), its blood type.
        ("IDCARD", 1.0),
        ("EKTP", 1.0),
        ("BLOODTYPE", 1.0),
    ),
    "skpwni": (
        ("SURATKETERANGANPINDAH", 1.0),
        ("DAERAHASAL", 1.0),
        ("DAERAHTUJUAN", 1.0),
        ("SKPWNI", 1.0),
        ("KLASIFIKASIKEPINDAHAN", 1.0),
        ("JENISKEPINDAHAN", 1.0),
        ("ALAMATTUJUAN", 1.0),
    ),
    "marriage": (("AKTAPERKAWINAN", 1.0), ("BUKUNIKAH", 1.0), ("AKTANIKAH", 1.0), ("SUAMIISTRI", 0.5)),
}
# Each document's name as its own heading prints it (compacted), and what the heading adds to the score.
TITLES: dict[DocumentKind, tuple[str, ...]] = {
    "kk": ("KARTUKELUARGA",),
    "akta": ("AKTAKELAHIRAN",),
    # The Dinas's letter issued in place of the card while it is printed (`SURAT KETERANGAN PENGGANTI KTP-EL`,
    # or `... PEREKAMAN KTP-EL`: its data recorded) carries the card's fields and stands for it.
    "ktp": ("KARTUTANDAPENDUDUK", "SURATKETERANGANPENGGANTIKTP", "SURATKETERANGANPEREKAMANKTP"),
    "skpwni": ("SURATKETERANGANPINDAH",),
    "marriage": ("AKTAPERKAWINAN", "BUKUNIKAH", "AKTANIKAH"),
}
# A KTP-el card's face opens with its two headings, the province then the regency or city, and its first row
# is the NIK: where no form's phrases reach the score (a card whose labels are too small or faint to read,
# held up to a webcam), that opening says it is a card. Compacted; a speck or two may stand before it.
CARD_OPENING = re.compile(r"^[A-Z0-9]{0,3}PROVINSI[A-Z]{3,}?(KABUPATEN|KOTA)[A-Z]{3,}?NIK\d{16}")
# The opening stands in a card's first characters (two headings, the NIK row: under 120 compacted); only they
# are matched, so a page of many `KOTA`s costs no more than a card.
CARD_OPENING_REACH = 160
TITLE_WEIGHT = 3.0  # the heading outweighs any one field phrase, and a tie of two titles' worth of fields
CAPITALS_SHARE = 0.8  # of a heading's letters (OCR reads the odd capital I as `l`)
MATCH_SCORE = 90.0  # partial-ratio a keyword needs: tolerates one or two misread letters

# What a letter prints and a civil-registry form does not: the address line, the salutation, the subject and
# attachment lines, the closing (Indonesian official and personal letters alike).
LETTER_PHRASES = (
    "KEPADAYTH", "DENGANHORMAT", "HORMATSAYA", "HORMATKAMI", "PERIHAL", "LAMPIRAN", "DEMIKIANSURAT",
    "ATASPERHATIAN", "TERIMAKASIH",
)  # fmt: skip
LETTER_MIN_PHRASES = 2


def _compact_with_case(text: str) -> tuple[str, list[bool]]:
    """`compact(text)`, and for each of its characters whether the page printed it as a capital (digits
    count as capitals: they have no case)."""
    kept = re.findall(r"[A-Za-z0-9]", text)
    return "".join(kept).upper(), [not c.islower() for c in kept]


def document_title(text: str) -> DocumentKind | None:
    """The document the page's first heading names: the earliest title phrase printed in capitals."""
    flat, capital = _compact_with_case(text)
    first: tuple[int, DocumentKind] | None = None
    for kind, phrases in TITLES.items():
        for phrase in phrases:
            for start, end in _occurrences(phrase, flat):
                span = capital[start:end]
                if span and sum(span) >= CAPITALS_SHARE * len(span) and (first is None or start < first[0]):
                    first = (start, kind)
                    break
    return first[1] if first else None


# A civil-registry document's name as a sworn translation heads it: a translation laid beside its original
# is a document of its own (`sides`). Compacted.
TRANSLATED_TITLES = (
    "BIRTHCERTIFICATE", "FAMILYCARD", "FAMILYREGISTER", "IDENTITYCARD", "RESIDENTIDENTITY",
    "CERTIFICATEOFMOVING", "MOVINGCERTIFICATE", "RELOCATIONCERTIFICATE", "MARRIAGECERTIFICATE",
)  # fmt: skip


def heads_a_document(text: str) -> bool:
    """Whether a document's title stands on the page in capitals: a civil-registry title or its translation's."""
    if document_title(text) is not None:
        return True
    flat, capital = _compact_with_case(text)
    return any(
        sum(capital[start:end]) >= CAPITALS_SHARE * (end - start)
        for phrase in TRANSLATED_TITLES
        for start, end in _occurrences(phrase, flat)
    )


def _occurrences(phrase: str, flat: str) -> list[tuple[int, int]]:
    """Where `phrase` stands in `flat`, allowing a misread letter or two: each match, left to right. The
    best alignment of a stretch need not be its first (a heading's `AKTA KELAHIRAN` and the sentence's `Akta
    Kelahiran` align alike), so the stretches before and after each match are searched too."""
    found: list[tuple[int, int]] = []
    stretches = [(0, len(flat))]
    while stretches:
        lo, hi = stretches.pop()
        if hi - lo < len(phrase):  # shorter, the stretch would be aligned inside the phrase
            continue
        hit = fuzz.partial_ratio_alignment(phrase, flat[lo:hi], score_cutoff=MATCH_SCORE)
        if hit is None:
            continue
        start, end = lo + hit.dest_start, lo + max(hit.dest_end, hit.dest_start + 1)
        found.append((start, end))
        stretches += [(lo, start), (end, hi)]
    return sorted(found)


def classify(text: str, min_score: float) -> tuple[DocumentKind | None, dict[DocumentKind, float]]:
    """The best-scoring type if it reaches `min_score` and beats the runner-up; with all scores."""
    flat = compact(text)
    scores: dict[DocumentKind, float] = {}
    for kind in DOCUMENT_KINDS:
        scores[kind] = sum(
            w for phrase, w in KEYWORDS[kind] if fuzz.partial_ratio(phrase, flat) >= MATCH_SCORE
        )
    title = document_title(text)
    if title is not None:
        scores[title] += TITLE_WEIGHT
    if max(scores.values()) < min_score and CARD_OPENING.match(flat[:CARD_OPENING_REACH]):
        scores["ktp"] = min_score
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    if score < min_score or score <= ranked[1][1]:
        return None, scores
    return best, scores


def looks_like_letter(text: str) -> bool:
    """Two or more of a letter's set phrases on a page no form was recognised on, and no document's title
    heading it (a covering letter; a document issued as a letter that could not be read is not one)."""
    flat = compact(text)
    phrases = sum(fuzz.partial_ratio(p, flat) >= MATCH_SCORE for p in LETTER_PHRASES)
    return phrases >= LETTER_MIN_PHRASES and document_title(text) is None
