from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ektp.domain.decision import decide
from ektp.domain.reasons import CATALOGUE, reason
from ektp.domain.records import StageResult
from ektp.domain.status import (
    SIAK_STATUS,
    TRANSITIONS,
    ApplicationStatus,
    InvalidTransition,
    check_transition,
)


def test_every_status_has_transitions_a_siak_mapping_and_is_reachable() -> None:
    reachable = {ApplicationStatus.DRAFT}
    frontier = [ApplicationStatus.DRAFT]
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(ApplicationStatus)
    assert set(SIAK_STATUS) == set(ApplicationStatus)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (ApplicationStatus.DRAFT, ApplicationStatus.APPROVED),
        (ApplicationStatus.ISSUED, ApplicationStatus.DRAFT),
        (ApplicationStatus.VERIFYING, ApplicationStatus.SUBMITTED),
        (ApplicationStatus.REJECTED, ApplicationStatus.APPROVED),
    ],
)
def test_forbidden_transitions_raise(current: ApplicationStatus, target: ApplicationStatus) -> None:
    with pytest.raises(InvalidTransition):
        check_transition(current, target)


def _stage(*codes: tuple[str, str]) -> StageResult:
    reasons = [reason(code, severity=severity) for code, severity in codes]  # type: ignore[arg-type]
    return StageResult(stage="s", attempt=1, outcome="pass", reasons=reasons, at=datetime.now(UTC))


def test_decision_rules() -> None:
    assert decide([_stage()]).decision == "APPROVE"
    assert decide([_stage(("POSTAL_CODE_MISMATCH", "warning"))]).decision == "APPROVE"
    rejected = decide([_stage(("NAME_MISMATCH", "error")), _stage(("PHOTO_BLURRY", "error"))])
    assert rejected.decision == "REJECT"
    assert [r.code for r in rejected.reasons] == ["NAME_MISMATCH", "PHOTO_BLURRY"]
    # A possible duplicate goes to a person even when other reasons fail.
    review = decide([_stage(("NAME_MISMATCH", "error")), _stage(("FACE_DUPLICATE", "error"))])
    assert review.decision == "REVIEW"
    assert decide([_stage(("NIK_REGION_ARCHIVED", "warning"))]).decision == "REVIEW"


def test_every_catalogue_entry_has_both_languages() -> None:
    for code, entry in CATALOGUE.items():
        assert code.isupper() and entry.message_id and entry.message_en, code
        assert entry.message_id != entry.message_en, code
        assert 400 <= entry.http_status < 600
