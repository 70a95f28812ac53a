"""Attack: a place of birth the registry check calls a match, printed on the card as other characters.

Names are Latin letters only (domain/names.py validate_name), but the place of birth took any printable text,
and it is compared with the registry as a name is: folded by NFKD and stripped of accents. So full-width
(ＪＡＫＡＲＴＡ), superscript (ᴶᴬᴷᴬᴿᵀᴬ), mathematical bold (𝐉𝐀𝐊𝐀𝐑𝐓𝐀), struck-through (J̶A̶KARTA) or accented
(JÄKÂRTÀ) letters scored 1.0 against the registry's JAKARTA, no officer was asked, and the card record, the
printed card and the digital ID carried the characters as typed. Before the rule each registered (no
reason) and matched; now each is refused at registration with PLACE_OF_BIRTH_INVALID, as written on the KK.
"""

from __future__ import annotations

from datetime import date

import pytest

from ektp.domain.names import compare_names
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

TODAY = date(2026, 12, 3)
LOOKS_LIKE_JAKARTA = {
    "full-width": "ＪＡＫＡＲＴＡ",
    "superscript": "ᴶᴬᴷᴬᴿᵀᴬ",
    "mathematical bold": "𝐉𝐀𝐊𝐀𝐑𝐓𝐀",
    "combining strokes": "J\u0336A\u0336KARTA",
    "accents": "JÄKÂRTÀ",
    "Cyrillic A": "J\u0410KARTA",
}


def _service(repository: InMemoryRepository) -> ApplicationService:
    return ApplicationService(repository, InMemoryStore(), RecordingWorkflow(), today=lambda: TODAY)


@pytest.mark.parametrize("place", LOOKS_LIKE_JAKARTA.values(), ids=LOOKS_LIKE_JAKARTA.keys())
def test_attack_a_place_of_birth_in_other_characters_is_refused_at_registration(place: str) -> None:
    repository = InMemoryRepository()
    with pytest.raises(ServiceError) as refused:
        _service(repository).register("alice", application_request(place_of_birth=place))
    assert refused.value.code == "VALIDATION_FAILED"
    assert [(r.code, r.field) for r in refused.value.reasons if r.severity == "error"] == [
        ("PLACE_OF_BIRTH_INVALID", "applicant.place_of_birth")
    ]
    assert not repository.applications


def test_why_the_form_must_refuse_them_the_registry_comparison_folds_them_to_a_match() -> None:
    folded = [p for p in LOOKS_LIKE_JAKARTA.values() if compare_names(p, "JAKARTA").outcome == "match"]
    assert len(folded) == 5  # all but the Cyrillic letter, which a name comparison drops


def test_a_correction_cannot_bring_them_in_either() -> None:
    repository = InMemoryRepository()
    service = _service(repository)
    record = service.register("alice", application_request())
    changed = application_request(place_of_birth="ＪＡＫＡＲＴＡ").applicant
    with pytest.raises(ServiceError):
        service.update_applicant("alice", record.application_id, changed)


@pytest.mark.parametrize(
    "place",
    [
        "JAKARTA",
        "KAB. BANDUNG",
        "PANGKAL-PINANG",
        "TANJUNG BALAI (ASAHAN)",
        "Ma'rang",
        "PA’DANG",
        "KUALA LUMPUR",
    ],
)
def test_places_as_the_kk_prints_them_still_register(place: str) -> None:
    record = _service(InMemoryRepository()).register("alice", application_request(place_of_birth=place))
    assert record.applicant.place_of_birth == place
