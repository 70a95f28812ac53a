"""Personal names: normalising, comparing and validating them (DOMAIN.md "Names", Permendagri 73/2022).

Names are compared on a normalised copy: upper case, no diacritics or punctuation, titles removed
(H., Hj., Dr., S.Pd., ... may appear on the KK and KTP but not on civil-registry certificates), the
Muhammad variants folded to one token, and the pre-1972 spellings mapped to today's (oe->u, tj->c, dj->j,
ch->kh always; nj->ny, sj->sy, j->y only inside a word that shows an unambiguous old mark (oe, tj, dj),
because a blanket j->y would turn JOKO into YOKO and nj->ny PANJAITAN into PANYAITAN). Where a word carries
no mark (SUJONO could be old SUYONO, NJOMAN old NYOMAN) the comparison also tries a j/y-folded key on BOTH
names, so the ambiguity can only raise a score, never break a match.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import permutations
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import JaroWinkler

from ektp.domain.reasons import Reason, reason

# Thresholds (the one place to tune them). Measured on 20,000 random pairs of different synthetic residents
# (tools/synthetic/residents.py, seed 3): median 0.51, p99 0.74, 0.2% >= 0.82, 0.01% >= 0.93; a name against
# itself with one random letter changed: 83% >= 0.93, 93% >= 0.82; old spellings and titles score 1.0.
# Re-measure on real registry names before production (tests/unit/domain/test_names.py holds the check).
MATCH_THRESHOLD = 0.93  # at or above: the same name
MINOR_DIFFERENCE_THRESHOLD = 0.82  # at or above (and below MATCH): a typo or variant, a person should look
NAME_MAX_LENGTH = 60  # Permendagri 73/2022 art. 4: at most 60 characters including spaces

Outcome = Literal["match", "minor_difference", "conflict"]

# Titles printed before a name (academic, religious, professional, nobility-free). Compared without dots.
PREFIX_TITLES = frozenset(
    {
        "H",
        "HJ",
        "HAJI",
        "HAJJAH",
        "DR",
        "DRS",
        "DRA",
        "DRG",
        "IR",
        "PROF",
        "KH",
        "KYAI",
        "USTADZ",
        "UST",
        "NY",
    }
)
# Degrees printed after a name ("S.Pd.", "M.M."), compared without dots.
DEGREES = frozenset(
    {
        "SPD",
        "SPDI",
        "SH",
        "SHI",
        "SE",
        "SEI",
        "MM",
        "SKOM",
        "ST",
        "SSOS",
        "SAG",
        "SIP",
        "SS",
        "SKED",
        "SKEP",
        "SFARM",
        "SPSI",
        "SAK",
        "SSI",
        "SSN",
        "SSTP",
        "SIK",
        "SP",
        "SHUT",
        "SPT",
        "SKM",
        "STP",
        "SGZ",
        "SKG",
        "AMD",
        "AMK",
        "AMKEB",
        "AMDKEB",
        "AMA",
        "AMPD",
        "MPD",
        "MSI",
        "MH",
        "MKES",
        "MT",
        "MSC",
        "MAG",
        "MKOM",
        "ME",
        "MA",
        "MBA",
        "MAP",
        "PHD",
        "BSC",
        "BA",
        "LLM",
        "SPOG",
        "SPA",
        "SPB",
        "SPPD",
        "MKN",
        "DR",
    }
)
# Muhammad, as it is spelled and abbreviated on KKs, folded to one token.
MUHAMMAD = "MUHAMMAD"
_MUHAMMAD_VARIANTS = frozenset(
    {
        "MUHAMMAD",
        "MUHAMAD",
        "MUHAMMED",
        "MUHAMED",
        "MOHAMMAD",
        "MOHAMAD",
        "MOHAMMED",
        "MOHAMED",
        "MOCHAMMAD",
        "MOCHAMAD",
        "MOCHAMMED",
        "MUCHAMMAD",
        "MUCHAMAD",
        "MUHD",
        "MOCH",
        "MOH",
        "MOHD",
        "MUH",
        "MHD",
        "MUHAMAT",
        "MOKHAMAD",
        "MOKHAMMAD",
        "M",
    }
)

# Pre-1972 -> current spelling, applied left to right so DJ is consumed before J. OE, TJ, DJ are
# unambiguous marks of the old spelling; NJ, SJ and a lone J are old only in a marked word, because
# today's names keep them (PANJAITAN, SIMANJUNTAK, SANJAYA, JOKO). An unmarked old word (NJOMAN) is caught
# by the J/Y fold in the comparison instead.
_OLD_TO_NEW = (("OE", "U"), ("TJ", "C"), ("DJ", "J"), ("CH", "KH"))
_OLD_IF_MARKED = (("NJ", "NY"), ("SJ", "SY"), ("J", "Y"))
_OLD_MARK = re.compile(r"OE|TJ|DJ")


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _modernise(word: str) -> str:
    rules = _OLD_TO_NEW + _OLD_IF_MARKED if _OLD_MARK.search(word) else _OLD_TO_NEW
    out: list[str] = []
    i = 0
    while i < len(word):
        for old_form, new_form in rules:
            if word.startswith(old_form, i):
                out.append(new_form)
                i += len(old_form)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def _is_title(token: str, table: frozenset[str]) -> bool:
    return token.replace(".", "").replace("'", "") in table


def _split_titles(raw: str) -> tuple[list[str], list[str]]:
    """Split a name as written into (name words, title words), keeping the words' original punctuation."""
    text = " ".join(raw.split())
    # Degrees usually follow a comma ("AHMAD FAUZI, S.PD., M.M."): everything after the first comma that
    # consists only of degree-shaped words is titles.
    head, _, tail = text.partition(",")
    titles: list[str] = []
    tail_words = tail.replace(",", " ").split()
    if tail_words and all(_is_title(w, DEGREES) or ("." in w and len(w) <= 8) for w in tail_words):
        titles.extend(tail_words)
    else:
        head = text.replace(",", " ")
    words = head.split()
    # Prefix titles: H., HJ., DR., PROF. DR. IR. ... (a dotless H/HJ counts only when more words follow).
    while len(words) > 1 and _is_title(words[0], PREFIX_TITLES):
        titles.append(words.pop(0))
    # Degrees written without the comma ("BUDI SANTOSO S.PD"): dotted and known.
    while len(words) > 1 and "." in words[-1] and _is_title(words[-1], DEGREES):
        titles.insert(0, words.pop())
    return words, titles


def name_titles(name: str) -> frozenset[str]:
    """The titles a name carries, without dots or case: `Prof. Dr. H. Budi, S.H.` -> {PROF, DR, H, SH}."""
    _, titles = _split_titles(_strip_diacritics(name).upper())
    return frozenset(t.replace(".", "").replace("'", "") for t in titles)


def normalize_name(name: str) -> str:
    """The comparable form of a name: `H. Moch. Djoko Soesilo, S.H.` -> `MUHAMMAD JOKO SUSILO`."""
    words, _ = _split_titles(_strip_diacritics(name).upper())
    out: list[str] = []
    for word in words:
        # Apostrophes join (MA'RUF -> MARUF); any other punctuation separates.
        cleaned = re.sub(r"[^A-Z ]", " ", word.replace("'", "").replace("`", "").replace("’", ""))
        for part in cleaned.split():
            # A lone "M" is Muhammad only as an initial, not as someone's whole name.
            if part in _MUHAMMAD_VARIANTS and (part != "M" or word.endswith(".") or len(words) > 1):
                out.append(MUHAMMAD)
            else:
                out.append(_modernise(part))
    return " ".join(out)


def _fold(token: str) -> str:
    """A key where every old/new spelling pair collides, used on BOTH names so it cannot separate equal ones.

    J->Y, DY->Y (old DJ), and C->TY: old TJ is C (TJAHJONO) but can also be T + old J=Y (PRASETJO =
    PRASETYO), so C and TJ and TY all meet at TY. KH (old CH) is kept apart from C.
    """
    folded = token.replace("J", "Y").replace("DY", "Y").replace("KH", "\x00")
    return folded.replace("C", "TY").replace("\x00", "KH")


def _token_score(a: str, b: str) -> float:
    plain = JaroWinkler.normalized_similarity(a, b)
    if plain == 1.0:
        return 1.0
    # Ambiguous old spellings (SUJONO = SUYONO, PRASETJO = PRASETYO): compare the folded keys too.
    return float(max(plain, JaroWinkler.normalized_similarity(_fold(a), _fold(b))))


def _best_alignment(short: list[str], long: list[str]) -> float:
    """Mean token score of the best one-to-one pairing of `short` into `long` (order-tolerant)."""
    if len(long) <= 7:
        best = 0.0
        for chosen in permutations(long, len(short)):
            score = sum(_token_score(s, c) for s, c in zip(short, chosen, strict=True)) / len(short)
            best = max(best, score)
        return best
    # Greedy for unusually long names: permutations would explode.
    remaining = list(long)
    total = 0.0
    for s in short:
        scored = max(range(len(remaining)), key=lambda i: _token_score(s, remaining[i]))
        total += _token_score(s, remaining.pop(scored))
    return total / len(short)


def name_similarity(a: str, b: str) -> float:
    """0..1: token-wise Jaro-Winkler over normalised names, tolerant of word order.

    Tokens of the shorter name are paired one-to-one with the longer's; a missing word costs a little
    (the score is scaled by the share of tokens matched) rather than everything, since a KK may print a
    middle name the certificate lacks.
    """
    ta, tb = normalize_name(a).split(), normalize_name(b).split()
    if not ta or not tb:
        return 0.0
    if " ".join(ta) == " ".join(tb):
        return 1.0
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    aligned = _best_alignment(short, long)
    coverage = len(short) / len(long)
    # A dropped word keeps most of the score: 2 of 3 words identical -> ~0.87 (minor difference).
    return round(aligned * (0.6 + 0.4 * coverage), 4)


class NameComparison(BaseModel):
    model_config = ConfigDict(frozen=True)

    outcome: Outcome
    score: float


def compare_names(a: str, b: str) -> NameComparison:
    score = name_similarity(a, b)
    if score >= MATCH_THRESHOLD:
        outcome: Outcome = "match"
    elif score >= MINOR_DIFFERENCE_THRESHOLD:
        outcome = "minor_difference"
    else:
        outcome = "conflict"
    return NameComparison(outcome=outcome, score=score)


_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*'?")


def validate_name(name: str) -> list[Reason]:
    """Permendagri 73/2022: Latin letters, spaces, the apostrophe; at most 60 characters; two words or more.

    Dots (and the comma before trailing degrees) are accepted only as part of a title, which may be printed
    on the KK, or of a Muhammad abbreviation (M., MOH.), which older records carry: a warning. A single
    word is a warning too, not an error: records from before 2022 stay valid.
    """
    text = " ".join(name.split())
    if not text:
        return [reason("NAME_INVALID", field="name", measured="")]
    reasons: list[Reason] = []
    if len(text) > NAME_MAX_LENGTH:
        reasons.append(reason("NAME_INVALID", field="name", measured=len(text), threshold=NAME_MAX_LENGTH))
    words, titles = _split_titles(text.upper())
    # M. / MOH. / MOCH. for Muhammad: abbreviations are barred for new names but printed on older KKs.
    abbreviated = [w for w in words if w.endswith(".") and w[:-1] in _MUHAMMAD_VARIANTS and len(words) > 1]
    bad = [w for w in words if not _WORD.fullmatch(w) and w not in abbreviated]
    # A title must be a known one; "DR" passes, "X.Y.Z" does not.
    bad += [t for t in titles if not (_is_title(t, PREFIX_TITLES) or _is_title(t, DEGREES))]
    if "," in text and not any(_is_title(t, DEGREES) for t in titles):
        bad.append(",")
    if bad:
        reasons.append(reason("NAME_INVALID", field="name", measured=" ".join(bad)))
    elif len(words) == 1:
        reasons.append(reason("NAME_SINGLE_WORD", severity="warning", field="name", measured=text))
    if abbreviated:
        reasons.append(
            reason("NAME_ABBREVIATED", severity="warning", field="name", measured=" ".join(abbreviated))
        )
    return reasons
