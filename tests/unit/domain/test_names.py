"""Name normalisation, comparison and Permendagri 73/2022 validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ektp.domain.names import (
    MATCH_THRESHOLD,
    MINOR_DIFFERENCE_THRESHOLD,
    compare_names,
    name_similarity,
    normalize_name,
    validate_name,
)
from tools.synthetic.residents import CULTURES, generate_residents, old_spelling

# Modern names from the generator's pools (never the same list the assertions were written from).
_POOL = sorted({n for c in CULTURES.values() for n in c.male + c.female + c.second if "'" not in n})
names2 = st.tuples(st.sampled_from(_POOL), st.sampled_from(_POOL)).map(" ".join)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("H. Moch. Djoko Soesilo, S.H.", "MUHAMMAD JOKO SUSILO"),
        ("Dr. Ir. Budi Santoso, M.M.", "BUDI SANTOSO"),
        ("PROF. DR. H. AHMAD FAUZI, S.PD., M.SI.", "AHMAD FAUZI"),
        ("Hj. Siti Aminah S.Pd.", "SITI AMINAH"),
        ("Tjahjono", "CAHYONO"),
        ("SOERJANI", "SURYANI"),
        ("Njoman Soedjarwo", "NJOMAN SUJARWO"),  # unmarked NJ kept; matched by the J/Y fold
        ("Tjut Njak Dhien", "CUT NJAK DHIEN"),
        ("Soenjoto", "SUNYOTO"),
        ("PANJAITAN SIMANJUNTAK", "PANJAITAN SIMANJUNTAK"),
        ("Sanjaya", "SANJAYA"),
        ("Achmad Chairul", "AKHMAD KHAIRUL"),
        ("JOKO WIDODO", "JOKO WIDODO"),  # no old-spelling mark: J stays J
        ("Ma'ruf Amin", "MARUF AMIN"),
        ("José  Gonçalves", "JOSE GONCALVES"),
        ("M. Rizki", "MUHAMMAD RIZKI"),
        ("Mochamad Rizki", "MUHAMMAD RIZKI"),
        ("Mohammad Hatta", "MUHAMMAD HATTA"),
        ("Muhamad Yamin", "MUHAMMAD YAMIN"),
        ("rosmawati br. siregar", "ROSMAWATI BR SIREGAR"),
        ("", ""),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@settings(max_examples=300, deadline=None)
@given(names2)
def test_old_spelling_of_any_name_matches_the_modern_one(name: str) -> None:
    old = old_spelling(name)
    result = compare_names(old, name)
    assert result.outcome == "match", (old, name, result)


@settings(max_examples=300, deadline=None)
@given(names2, names2)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    s = name_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == name_similarity(b, a)
    assert name_similarity(a, a) == 1.0


@settings(max_examples=200, deadline=None)
@given(names2)
def test_order_and_titles_do_not_matter(name: str) -> None:
    first, second = name.split(" ", 1)
    assert compare_names(f"{second} {first}", name).outcome == "match"
    assert compare_names(f"H. {name}, S.PD.", name).score == 1.0
    assert compare_names(name.lower(), name).score == 1.0


@pytest.mark.parametrize(
    ("a", "b", "outcome"),
    [
        ("Djoko Tjahjono", "Joko Cahyono", "match"),
        ("Njoman Sjarif", "Nyoman Syarif", "match"),
        ("Muhammad Rizki", "Moch. Rizky", "match"),
        ("Sujono Hadi", "Suyono Hadi", "match"),  # unmarked old J folded on both sides
        ("Budi Santoso", "Budi Santosa", "match"),  # Javanese o/a variant
        ("Budi Santoso", "Budi Susanto", "minor_difference"),
        ("Ahmad Fauzi Hidayat", "Ahmad Fauzi", "minor_difference"),
        ("Budi Santoso", "Agus Santoso", "conflict"),
        ("Siti Aminah", "Siti Nurhaliza", "conflict"),
        ("Budi", "Joko Susilo", "conflict"),
        ("", "Budi Santoso", "conflict"),
    ],
)
def test_compare_names(a: str, b: str, outcome: str) -> None:
    result = compare_names(a, b)
    assert result.outcome == outcome, result
    if outcome == "match":
        assert result.score >= MATCH_THRESHOLD
    elif outcome == "minor_difference":
        assert MINOR_DIFFERENCE_THRESHOLD <= result.score < MATCH_THRESHOLD
    else:
        assert result.score < MINOR_DIFFERENCE_THRESHOLD


def test_joko_is_not_yoko_after_normalising() -> None:
    # A blanket j->y would make JOKO and DJOKO differ; the mark-based rule keeps them equal.
    assert normalize_name("DJOKO") == normalize_name("JOKO") == "JOKO"


def _codes(name: str) -> list[tuple[str, str]]:
    return [(r.code, r.severity) for r in validate_name(name)]


@pytest.mark.parametrize(
    "name",
    [
        "Budi Santoso",
        "MA'RUF AMIN",
        "H. Ahmad Fauzi, S.Pd.",
        "Dr. Ir. Budi Santoso, M.M.",
        "ROSMAWATI BR SIREGAR",
        "I WAYAN SUDARSANA",
        "Budi Santoso S.Pd.",
        "Prof. Dr. Siti Aminah, S.H., M.H.",
    ],
)
def test_valid_names(name: str) -> None:
    assert validate_name(name) == []


@pytest.mark.parametrize(
    "name",
    [
        "Budi 2",
        "Budi-Santoso",
        "Budi_Santoso",
        "Ahmad, Fauzi",
        "X.Y. Budi",
        "Budi Santoso, X.Y.Z.Q.W.",
        "Budi @ Santoso",
        "   ",
        "Budi Sant0so",
        "Budi Santoso.",
        "A" * 58 + " BC",
    ],
)
def test_invalid_names(name: str) -> None:
    assert ("NAME_INVALID", "error") in _codes(name)


def test_single_word_is_a_warning() -> None:
    assert _codes("Sutrisno") == [("NAME_SINGLE_WORD", "warning")]
    assert _codes("H. Sutrisno") == [("NAME_SINGLE_WORD", "warning")]


def test_muhammad_abbreviations_are_a_warning() -> None:
    assert _codes("M. Rizki") == [("NAME_ABBREVIATED", "warning")]
    assert _codes("H. MOH. ABDULLAH BAHASYIM") == [("NAME_ABBREVIATED", "warning")]
    assert ("NAME_INVALID", "error") in _codes("M.")
    assert ("NAME_INVALID", "error") in _codes("Budi S. Santoso")  # other abbreviations stay invalid


def test_sixty_characters_is_the_limit() -> None:
    assert validate_name("A" * 29 + " " + "B" * 30) == []
    reasons = validate_name("A" * 30 + " " + "B" * 30)
    assert [(r.code, r.measured, r.threshold) for r in reasons] == [("NAME_INVALID", 61, 60)]


def test_thresholds_separate_people_from_variants() -> None:
    # The calibration behind MATCH_THRESHOLD / MINOR_DIFFERENCE_THRESHOLD, on generated names.
    import random

    names = [p.name for p in generate_residents(400, seed=3)]
    rng = random.Random(0)
    different = []
    for _ in range(3000):
        a, b = rng.sample(names, 2)
        if normalize_name(a) != normalize_name(b):
            different.append(name_similarity(a, b))
    assert sum(s >= MINOR_DIFFERENCE_THRESHOLD for s in different) / len(different) < 0.01
    assert sum(s >= MATCH_THRESHOLD for s in different) / len(different) < 0.002
    for name in rng.sample(names, 300):
        words = normalize_name(name).split()
        variant = f"H. {old_spelling(' '.join(reversed(words)))}, S.PD."
        assert compare_names(variant, name).outcome == "match", (variant, name)
