"""An officer's district comes from the administrators' `district-<code>` group, never from the account."""

from __future__ import annotations

import pytest

from ektp.domain.staff import assigned_district, district_claims, district_group


def test_the_group_names_a_district_code_and_nothing_else() -> None:
    assert district_group("31.71.01") == "district-31.71.01"
    for bad in ("31.71", "31.71.01.1001", "317101", "３１.71.01", "31.71.0a"):
        with pytest.raises(ValueError):
            district_group(bad)


def test_one_district_group_assigns_it_none_or_two_assign_nothing() -> None:
    assert assigned_district(["officers", "district-31.71.01"]) == "31.71.01"
    assert assigned_district(["officers"]) is None
    assert assigned_district(["officers", "district-31.71.01", "district-32.04.01"]) is None
    assert assigned_district(["officers", "district-31.71", "district-x"]) is None  # malformed groups ignored


def test_the_claim_is_set_for_staff_and_suppressed_for_everyone_else() -> None:
    assert district_claims(["officers", "district-31.71.01"]) == {
        "claimsToAddOrOverride": {"custom:district": "31.71.01"}
    }
    assert district_claims(["operators", "district-31.71.01"]) == {
        "claimsToAddOrOverride": {"custom:district": "31.71.01"}
    }
    suppressed = {"claimsToSuppress": ["custom:district"]}
    assert (
        district_claims(["residents", "district-31.71.01"]) == suppressed
    )  # a district group makes no officer
    assert district_claims([]) == suppressed
    assert district_claims(["officers"]) == suppressed
