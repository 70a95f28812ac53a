"""What the officer's assisted-registration screen needs of the service (issue 20 item 3, web client): the list of
the applications the district entered, and a refusal that names its rule. Attacks first."""

from __future__ import annotations

import pytest

from ektp.errors import ServiceError
from tests.support.applicants import applicant, application_request

from .test_assisted_registration import COLLEAGUE, OFFICER, RESIDENT, STRANGER, World, world

__all__ = ["world"]  # the fixture, shared


def test_another_districts_officer_lists_none_of_them(world: World) -> None:
    world.assisted.register(OFFICER, application_request())
    assert world.assisted.entered(STRANGER) == []


def test_a_resident_lists_nothing(world: World) -> None:
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        world.assisted.entered(RESIDENT)


def test_a_residents_own_online_application_is_not_in_the_district_list(world: World) -> None:
    world.applications.register(RESIDENT.subject, application_request(serial=31))
    assert world.assisted.entered(OFFICER) == []


def test_a_move_out_of_the_district_is_refused_with_the_rule_and_the_field(world: World) -> None:
    app_id = world.assisted.register(OFFICER, application_request()).application_id
    elsewhere = applicant(district="31.71.02", village="31.71.02.1001")
    with pytest.raises(ServiceError) as err:
        world.assisted.correct(OFFICER, app_id, elsewhere)
    assert err.value.code == "FORBIDDEN"
    [why] = err.value.reasons
    assert (why.code, why.field, why.measured, why.threshold) == (
        "ASSISTED_DOMICILE_OUTSIDE_DISTRICT",
        "applicant.district_code",
        "31.71.02",
        "31.71.01",
    )


def test_the_district_lists_what_any_of_its_officers_entered_with_the_status(world: World) -> None:
    first = world.assisted.register(OFFICER, application_request())
    second = world.assisted.register(COLLEAGUE, application_request(serial=24))
    listed = {r.application_id: (r.status, r.entered_by) for r in world.assisted.entered(OFFICER)}
    assert listed == {
        first.application_id: (first.status, OFFICER.subject),
        second.application_id: (second.status, COLLEAGUE.subject),
    }
