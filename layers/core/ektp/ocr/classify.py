"""Which document a page is, from its printed words (a KK uploaded as an akta is caught here)."""

from __future__ import annotations

from rapidfuzz import fuzz

from ektp.ocr.models import DOCUMENT_KINDS, DocumentKind
from ektp.ocr.text import compact

# Phrases each form prints (compacted: upper case, letters and digits only) and how much each one says.
KEYWORDS: dict[DocumentKind, tuple[tuple[str, float], ...]] = {
    "kk": (
        ("KARTUKELUARGA", 3.0),
        ("NAMAKEPALAKELUARGA", 1.0),
        ("STATUSHUBUNGAN", 1.0),
        ("JENISPEKERJAAN", 1.0),
    ),
    "akta": (("AKTAKELAHIRAN", 3.0), ("KUTIPANAKTA", 1.0), ("NAMAAYAH", 0.5), ("NAMAIBU", 0.5)),
    "ktp": (
        ("BERLAKUHINGGA", 2.0),
        ("GOLDARAH", 1.0),
        ("KELDESA", 1.0),
        ("TEMPATTGLLAHIR", 1.0),
        ("SEUMURHIDUP", 0.5),
    ),
    "skpwni": (("SURATKETERANGANPINDAH", 3.0), ("DAERAHASAL", 1.0), ("DAERAHTUJUAN", 1.0), ("SKPWNI", 1.0)),
    "marriage": (("AKTAPERKAWINAN", 3.0), ("BUKUNIKAH", 3.0), ("AKTANIKAH", 2.0), ("SUAMIISTRI", 0.5)),
}
MATCH_SCORE = 90.0  # partial-ratio a keyword needs: tolerates one or two misread letters

# What a letter prints and a civil-registry form does not: the address line, the salutation, the subject and
# attachment lines, the closing (Indonesian official and personal letters alike).
LETTER_PHRASES = (
    "KEPADAYTH", "DENGANHORMAT", "HORMATSAYA", "HORMATKAMI", "PERIHAL", "LAMPIRAN", "DEMIKIANSURAT",
    "ATASPERHATIAN", "TERIMAKASIH",
)  # fmt: skip
LETTER_MIN_PHRASES = 2


def classify(text: str, min_score: float) -> tuple[DocumentKind | None, dict[DocumentKind, float]]:
    """The best-scoring type if it reaches `min_score` and beats the runner-up; with all scores."""
    flat = compact(text)
    scores: dict[DocumentKind, float] = {}
    for kind in DOCUMENT_KINDS:
        scores[kind] = sum(
            w for phrase, w in KEYWORDS[kind] if fuzz.partial_ratio(phrase, flat) >= MATCH_SCORE
        )
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    if score < min_score or score <= ranked[1][1]:
        return None, scores
    return best, scores


def looks_like_letter(text: str) -> bool:
    """Two or more of a letter's set phrases on a page no form was recognised on (a covering letter)."""
    flat = compact(text)
    return sum(fuzz.partial_ratio(p, flat) >= MATCH_SCORE for p in LETTER_PHRASES) >= LETTER_MIN_PHRASES
