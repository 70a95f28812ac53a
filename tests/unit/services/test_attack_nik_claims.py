"""Issue 16, attacks 1 and 7 (review findings): claims on one NIK across applications and accounts.

1. While the real resident's first application waits as a DRAFT, or is REJECTED while they fix a blurry photo,
   someone with their KK data applies on the same NIK from another account with another face. The check for
   "another open application on this NIK" looked only at applications SUBMITTED..ISSUED (found through the
   birth-date index), so it raised nothing and the attacker's application was approved.
2. The submission limits counted per application and per account only: 30 throwaway accounts asked the registry
   300 questions about one person's record. Submissions are now capped per applied NIK across all accounts.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from ektp.domain.limits import MAX_SUBMISSIONS_PER_NIK, nik_submission_refusal
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from tests.support.applicants import application_request
from tests.unit.services import test_attack_registry as registry_attack
from tests.unit.services import test_identity_attacks as takeover
from tests.unit.services.test_attack_registry import guess, victim

# --- 1. another application on the NIK, whatever its state ---------------------------------------------------
WAITING = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.REJECTED,
    ApplicationStatus.PROCESSING_ERROR,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.APPROVED,
]


def _holders_application(world: takeover.World, status: ApplicationStatus) -> str:
    """The real resident's application on the victim's NIK, left in `status`."""
    if status is ApplicationStatus.DRAFT:
        request = application_request(serial=takeover.VICTIM)
        return world.apps.register("the-holder", request).application_id
    app_id = world.apply("alice")
    record = world.repo.get(app_id)
    assert record is not None
    world.repo.save(
        record.model_copy(update={"status": status}), record.version, expected_status=record.status
    )
    return app_id


@pytest.mark.parametrize("holders_status", WAITING, ids=[str(s) for s in WAITING])
def test_attack_another_account_applies_on_the_nik_while_the_holders_application_waits(
    holders_status: ApplicationStatus,
) -> None:
    world = takeover.World()
    holders = _holders_application(world, holders_status)
    attacker = world.apply("bob")  # another account, the same NIK, another face
    assert world.verify(attacker) == "REVIEW"
    assert "NIK_APPLICATION_IN_PROGRESS" in world.codes(attacker, "duplicates")
    stage = next(s for s in world.stages_of(attacker) if s.stage == "duplicates")
    claims = [c["other_value"] for c in stage.details["comparisons"] if c["field"] == "identity"]
    assert claims == [holders]  # the officer sees which application claims the NIK too, once


def test_the_niks_issued_application_is_its_holders_and_no_open_claim() -> None:
    world = takeover.World()
    world.approve_and_issue(world.apply("alice"))
    renewal = world.apply("alice", application_type=takeover.ApplicationType.REPLACEMENT_LOST)
    world.chain.check_duplicates(renewal, 1)
    assert "NIK_APPLICATION_IN_PROGRESS" not in world.codes(renewal, "duplicates")


def test_an_application_moved_to_another_nik_no_longer_claims_this_one() -> None:
    world = takeover.World()
    typo = world.apps.register("the-holder", application_request(serial=takeover.VICTIM))
    corrected = typo.applicant.model_copy(update={"nik": application_request(serial=7).applicant.nik})
    world.apps.update_applicant("the-holder", typo.application_id, corrected)
    app_id = world.apply("alice")
    world.chain.check_duplicates(app_id, 1)
    assert "NIK_APPLICATION_IN_PROGRESS" not in world.codes(app_id, "duplicates")


# --- 2. a limit per applied NIK across accounts ----------------------------------------------------------------
def test_attack_many_accounts_walking_one_niks_registry_record_stop_at_the_nik_limit() -> None:
    world = registry_attack.World(victim())
    asked, refusals = 0, set()
    for account in range(30):
        app_id = world.register(owner=f"throwaway-{account}", mother_name=guess(account))
        for _ in range(5):
            try:
                world.submit_and_decide(app_id)
            except ServiceError as refused:
                refusals.add(refused.code)
                break
            asked += 1
            world.guess_mother(app_id, guess(1000 + asked))
    assert asked == MAX_SUBMISSIONS_PER_NIK
    assert refusals == {"SUBMISSION_LIMIT_REACHED"}
    other = world.register(owner="a-neighbour", serial=2)  # another NIK is not held back
    assert world.apps.submit("a-neighbour", other).status is ApplicationStatus.SUBMITTED


def test_the_nik_limit_is_a_rolling_window() -> None:
    world = registry_attack.World(victim())
    for account in range(MAX_SUBMISSIONS_PER_NIK):
        world.submit_and_decide(world.register(owner=f"throwaway-{account}", mother_name=guess(account)))
    late = world.register(owner="the-holder", mother_name=registry_attack.REAL_MOTHER)
    with pytest.raises(ServiceError) as refused:
        world.apps.submit("the-holder", late)
    assert refused.value.code == "SUBMISSION_LIMIT_REACHED"
    world.now += timedelta(days=31)
    assert world.apps.submit("the-holder", late).status is ApplicationStatus.SUBMITTED


def test_system_redrives_do_not_count_against_the_nik() -> None:
    world = registry_attack.World(victim())
    app_id = world.register(owner="the-holder")
    record = world.repo.get(app_id)
    assert record is not None
    world.repo.applications[app_id] = record.model_copy(update={"attempt": 4, "redrives": 4})
    others = [world.register(owner=f"other-{n}", mother_name=guess(n)) for n in range(3)]
    for other in others:  # 3 x 3 submissions of residents on the NIK; the holder's 4 attempts were re-drives
        world.repo.applications[other] = world.repo.applications[other].model_copy(
            update={"attempt": 3, "updated_at": world.now}
        )
    assert nik_submission_refusal([*world.repo.applications.values()], world.now) is None
    world.repo.applications[others[0]] = world.repo.applications[others[0]].model_copy(update={"attempt": 4})
    assert (
        nik_submission_refusal([*world.repo.applications.values()], world.now) == "SUBMISSION_LIMIT_REACHED"
    )


def test_attack_moving_spent_applications_to_another_nik_does_not_renew_the_niks_budget() -> None:
    """The count is of the applications on the NIK now: a submitted application corrected to another NIK would
    take its submissions with it. The NIK is fixed at the first submission (the registry answered about it)."""
    world = registry_attack.World(victim())
    spent = [world.register(owner=f"throwaway-{n}", mother_name=guess(n)) for n in range(2)]
    for app_id in spent:
        for n in range(5):
            assert world.submit_and_decide(app_id) is ApplicationStatus.REJECTED
            world.guess_mother(app_id, guess(100 * n + len(app_id)))
    elsewhere = registry_attack.applicant(serial=7).nik
    for app_id in spent:
        record = world.repo.get(app_id)
        assert record is not None
        with pytest.raises(ServiceError) as refused:
            world.apps.update_applicant(
                record.owner, app_id, record.applicant.model_copy(update={"nik": elsewhere})
            )
        assert refused.value.code == "NIK_CHANGE_AFTER_SUBMISSION"
    fresh = world.register(owner="throwaway-new", mother_name=guess(99))
    with pytest.raises(ServiceError) as refused:
        world.apps.submit("throwaway-new", fresh)
    assert refused.value.code == "SUBMISSION_LIMIT_REACHED"


def test_a_draft_may_still_correct_a_mistyped_nik() -> None:
    world = registry_attack.World(victim())
    app_id = world.register(owner="the-holder")
    record = world.repo.get(app_id)
    assert record is not None
    moved = record.applicant.model_copy(update={"nik": registry_attack.applicant(serial=7).nik})
    assert world.apps.update_applicant("the-holder", app_id, moved).applicant.nik == moved.nik
