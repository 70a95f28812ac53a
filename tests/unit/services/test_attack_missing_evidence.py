"""No approval on missing evidence (issue 16): a stage that never ran is never read as a pass.

The attack: anything that keeps a stage from recording its result (a skipped branch, a lost sweep, a step that
returns early) used to leave only passing results, and the rules table approved what it saw.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ektp.domain.application import ApplicationType
from ektp.domain.decision import ALWAYS_REQUIRED, Stage, decide, required_stages
from ektp.domain.records import StageResult
from ektp.services.chain import ChainService
from tests.unit.services.test_chain import record_passing_stages, submitted

AT = datetime(2026, 11, 28, tzinfo=UTC)


def passed(*stages: str) -> list[StageResult]:
    return [StageResult(stage=s, attempt=1, outcome="pass", reasons=[], details={}, at=AT) for s in stages]


@pytest.mark.parametrize("skipped", sorted(ALWAYS_REQUIRED))
def test_an_application_missing_any_required_stage_goes_to_an_officer(skipped: str) -> None:
    decision = decide(passed(*(ALWAYS_REQUIRED - {skipped})), required=ALWAYS_REQUIRED)
    assert decision.decision == "REVIEW"
    assert [(r.code, r.field) for r in decision.reasons] == [("EVIDENCE_MISSING", f"stage.{skipped}")]


def test_every_required_stage_present_and_passing_approves() -> None:
    assert decide(passed(*ALWAYS_REQUIRED), required=ALWAYS_REQUIRED).decision == "APPROVE"


def test_a_fixable_error_still_rejects_when_a_later_stage_never_ran() -> None:
    # No face in the photo: the 1:N search has nothing to search; the resident fixes the photo and resubmits.
    failing = StageResult(
        stage=Stage.FACE_MATCH,
        attempt=1,
        outcome="fail",
        reasons=[],
        details={},
        at=AT,
    )
    from ektp.domain.reasons import reason

    failing = failing.model_copy(update={"reasons": [reason("FACE_NOT_FOUND", field="documents.PHOTO")]})
    stages = [*passed(*(ALWAYS_REQUIRED - {Stage.FACE_MATCH, Stage.FACE_DUPLICATES})), failing]
    assert decide(stages, required=ALWAYS_REQUIRED).decision == "REJECT"


def test_liveness_is_required_by_policy_and_its_absence_is_named() -> None:
    required = required_stages(ApplicationType.NEW, liveness_required_for={"NEW"})
    assert Stage.LIVENESS in required
    assert Stage.LIVENESS not in required_stages(
        ApplicationType.REPLACEMENT_LOST, liveness_required_for={"NEW"}
    )
    decision = decide(passed(*ALWAYS_REQUIRED), required=required)
    assert decision.decision == "REVIEW"
    assert [r.code for r in decision.reasons] == ["LIVENESS_MISSING"]


def test_the_chain_does_not_approve_an_application_whose_1_to_n_search_never_ran() -> None:
    chain, repo, app_id = submitted()
    chain.load(app_id, 1)
    chain.check_completeness(app_id, 1)
    record_passing_stages(repo, app_id, 1, skip={Stage.FACE_DUPLICATES})
    assert chain.decide(app_id, 1).decision == "REVIEW"
    chain.request_review(app_id, 1, "token-1")
    record = repo.get(app_id)
    assert record is not None and "EVIDENCE_MISSING" in {w.code for w in record.warnings}


def test_the_chain_applies_its_liveness_policy() -> None:
    chain, repo, app_id = submitted()
    strict = ChainService(
        repo,
        completeness=chain._completeness,
        liveness_required_for=frozenset({"NEW"}),
    )
    strict._today = chain._today  # type: ignore[method-assign]
    strict.load(app_id, 1)
    strict.check_completeness(app_id, 1)
    record_passing_stages(repo, app_id, 1)
    assert strict.decide(app_id, 1).decision == "REVIEW"
    record_passing_stages(repo, app_id, 1, only={Stage.LIVENESS})
    assert strict.decide(app_id, 1).decision == "APPROVE"
