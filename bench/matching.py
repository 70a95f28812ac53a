"""Matching benchmark: decisions per second of the verification logic alone (no AWS, no OCR, no images).

    .venv/bin/python -m bench.matching [--quick]

Per application, exactly what the chain's Lambda steps compute once their reads are done: the four checks of
`ektp.domain.verification` (personal data against the registry, the akta and the KK row; domicile; supporting
documents; demographic duplicates among everyone born the same day) and `ektp.domain.decision.decide` on the
resulting stage records. Applicants are synthetic residents (tools.synthetic) with their registry records and
the fields OCR would have read off their KK and akta; a share of them carry the differences the checks exist
to catch (an old spelling, a typo, a wrong KK number, a date that conflicts), so every rule path runs.
Target (issue 9): at most 5 ms per application.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from bench.harness import summarize
from ektp.domain.application import Applicant, ApplicationType
from ektp.domain.decision import decide
from ektp.domain.records import StageResult
from ektp.domain.region import regions
from ektp.domain.registry import BirthDateCandidate, RegistryPerson
from ektp.domain.verification import (
    check_documents,
    check_domicile,
    check_duplicates,
    check_personal_data,
    kk_member_for,
)
from tools.synthetic.applications import applicant_form
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import Family, Person, generate_families, old_spelling

TARGET_MS = 5.0
SEED = 2026
TODAY = date(2026, 11, 28)


@dataclass(frozen=True)
class Case:
    applicant: Applicant
    application_type: ApplicationType
    registry: RegistryPerson | None
    akta: dict[str, Any] | None
    kk: dict[str, Any] | None
    kk_members: list[dict[str, Any]]
    candidates: list[BirthDateCandidate]


def _field(value: str, confidence: float = 0.93) -> dict[str, Any]:
    return {"value": value, "confidence": confidence}


def _typo(text: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if not letters:
        return text
    i = rng.choice(letters)
    return text[:i] + ("A" if text[i] != "A" else "E") + text[i + 1 :]


def _applicant(family: Family, person: Person) -> Applicant:
    return Applicant.model_validate(applicant_form(family, person))


def _kk_fields(
    family: Family, rng: random.Random, variant: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    index = regions()
    number = family.kk_number
    if variant == "wrong_kk":
        number = number[:-1] + str((int(number[-1]) + 1) % 10)
    fields = {
        "number": _field(number),
        "village": _field(index.name(family.village_code) or ""),
        "district": _field(index.name(family.district_code) or ""),
        "regency": _field(index.name(family.regency_code) or ""),
        "province": _field(index.name(family.province_code) or ""),
        "rt": _field(family.rt),
        "rw": _field(family.rw),
    }
    members = [
        {
            "nik": _field(m.nik),
            "name": _field(m.name),
            "birth_date": _field(m.birth_date.isoformat()),
            "sex": _field("LAKI-LAKI" if m.sex == "M" else "PEREMPUAN"),
            "mother_name": _field(m.mother_name),
        }
        for m in family.members
    ]
    if variant == "not_in_kk":
        members = [m for m in members if m["nik"]["value"] != family.members[0].nik]
    del rng
    return fields, members


def build_cases(count: int, seed: int = SEED) -> list[Case]:
    """`count` applications from synthetic families: 70 % clean, the rest with one realistic defect each."""
    rng = random.Random(seed)
    families = generate_families(max(50, count // 2), seed=seed)
    people = {p.nik: p for p in registry_people(families)}
    born: dict[date, list[BirthDateCandidate]] = defaultdict(list)
    for p in people.values():
        born[p.birth_date].append(
            BirthDateCandidate(
                nik=p.nik, full_name=p.full_name, mother_name=p.mother_name or "", birth_date=p.birth_date
            )
        )
    pairs = [(f, m) for f in families for m in f.members if m.age_on(TODAY) >= 17]
    variants = ["clean"] * 14 + [
        "old_spelling",
        "typo",
        "wrong_kk",
        "not_in_kk",
        "no_registry",
        "wrong_birth",
    ]
    cases: list[Case] = []
    for i in range(count):
        family, person = pairs[i % len(pairs)]
        variant = rng.choice(variants)
        applicant = _applicant(family, person)
        if variant == "old_spelling":
            applicant = applicant.model_copy(update={"full_name": old_spelling(person.name)[:60]})
        elif variant == "typo":
            applicant = applicant.model_copy(update={"full_name": _typo(person.name, rng)})
        kk, members = _kk_fields(family, rng, variant)
        akta_birth = person.birth_date.isoformat()
        if variant == "wrong_birth":
            akta_birth = person.birth_date.replace(year=person.birth_date.year - 1).isoformat()
        akta = {
            "name": _field(person.name),
            "birth_date": _field(akta_birth),
            "sex": _field("LAKI-LAKI" if person.sex == "M" else "PEREMPUAN"),
            "mother_name": _field(person.mother_name),
        }
        cases.append(
            Case(
                applicant=applicant,
                application_type=ApplicationType.NEW,
                registry=None if variant == "no_registry" else people[person.nik],
                akta=akta,
                kk=kk,
                kk_members=members,
                candidates=list(born[person.birth_date]),
            )
        )
    return cases


def evaluate(case: Case, at: datetime) -> str:
    """The four checks and the decision for one application, as the chain computes them; the decision."""
    member = kk_member_for(case.applicant.nik, case.kk_members)
    checks = {
        "personal_data": check_personal_data(case.applicant, case.registry, case.akta, member),
        "domicile": check_domicile(case.applicant, case.application_type, case.registry, case.kk, None),
        "documents": check_documents(case.applicant, case.kk, case.kk_members),
        "duplicates": check_duplicates(case.applicant, case.candidates),
    }
    stages = [
        StageResult(
            stage=name,
            attempt=1,
            outcome="fail"
            if any(r.severity == "error" for r in r_.reasons)
            else "warn"
            if r_.reasons
            else "pass",
            reasons=r_.reasons,
            details={"comparisons": [c.model_dump(mode="json") for c in r_.comparisons]},
            at=at,
        )
        for name, r_ in checks.items()
    ]
    return decide(stages).decision


def run(quick: bool = False) -> dict[str, Any]:
    count = 300 if quick else 2000
    rounds = 3 if quick else 7
    cases = build_cases(count)
    at = datetime.now(UTC)
    regions().exists(cases[0].applicant.village_code)  # region tables loaded before timing (a warm Lambda)
    for case in cases[: min(100, count)]:  # warm-up
        evaluate(case, at)
    per_app_ms: list[float] = []
    batch_seconds: list[float] = []
    decisions: Counter[str] = Counter()
    for r in range(rounds):
        batch_start = time.perf_counter()
        for case in cases:
            start = time.perf_counter()
            decision = evaluate(case, at)
            per_app_ms.append((time.perf_counter() - start) * 1e3)
            if r == 0:
                decisions[decision] += 1
        batch_seconds.append(time.perf_counter() - batch_start)
    per_app = summarize(per_app_ms)
    return {
        "applications": count,
        "rounds": rounds,
        "per_application_ms": per_app,
        "decisions_per_s": summarize([count / s for s in batch_seconds], digits=1),
        "decisions": dict(decisions),
        "target_ms": TARGET_MS,
        "meets_target": per_app["median"] <= TARGET_MS,
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
