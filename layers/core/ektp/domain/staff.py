"""An officer's district: assigned by an administrator through a group, never by the account itself.

A user attribute can be written by its own account (UpdateUserAttributes, SignUp) unless every app client
and the attribute's mutability forbid it, and a local emulator enforces neither; group membership changes
only through the administrators' API (AdminAddUserToGroup, IAM-authorised). So the district an officer
serves is the group `district-<code>` (e.g. `district-31.71.01`), and the token's `custom:district` claim,
which the API reads (domain/access.py), is set from it by the pre-token-generation trigger and suppressed
for anyone else, whatever the account's own attributes say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ektp.domain.access import STAFF_GROUPS, STAFF_NIK_CLAIM

DISTRICT_CLAIM = "custom:district"
DISTRICT_GROUP_PREFIX = "district-"
_DISTRICT_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")


def district_group(code: str) -> str:
    """The group an administrator adds an officer to: `31.71.01` -> `district-31.71.01`."""
    if not _DISTRICT_CODE.fullmatch(code):
        raise ValueError(f"not a district (kecamatan) code: {code!r}")
    return DISTRICT_GROUP_PREFIX + code


def assigned_district(groups: Iterable[str]) -> str | None:
    """The district of a staff account's one district group; None for none, or for two (ambiguous:
    an officer of two districts would be an administrator's mistake, so they see no queue until fixed)."""
    codes = {
        g[len(DISTRICT_GROUP_PREFIX) :]
        for g in groups
        if g.startswith(DISTRICT_GROUP_PREFIX) and _DISTRICT_CODE.fullmatch(g[len(DISTRICT_GROUP_PREFIX) :])
    }
    return codes.pop() if len(codes) == 1 else None


def district_claims(groups: Iterable[str]) -> dict[str, Any]:
    """Cognito's claimsOverrideDetails: the district claim from the groups for staff, suppressed otherwise
    (Cognito refuses to add and suppress one claim at once, so it is one or the other)."""
    groups = list(groups)
    district = assigned_district(groups) if STAFF_GROUPS.intersection(groups) else None
    if district is None:
        return {"claimsToSuppress": [DISTRICT_CLAIM]}
    return {"claimsToAddOrOverride": {DISTRICT_CLAIM: district}}


# An officer's own NIK, recorded by an administrator (AdminCreateUser / AdminUpdateUserAttributes) on the staff
# account: the one app client may neither read nor write custom attributes (infra/api.py), so the account cannot
# change it. The trigger carries it into the ID token as this claim for staff, and suppresses it for everyone
# else, so a resident's own attribute of that name never reaches the API.
STAFF_NIK_ATTRIBUTE = STAFF_NIK_CLAIM  # the attribute and the claim share the name
_NIK = re.compile(r"[0-9]{16}")


def recorded_nik(attributes: Mapping[str, Any]) -> str | None:
    """The administrator's record of a staff member's NIK, when it is one (16 ASCII digits)."""
    value = str(attributes.get(STAFF_NIK_ATTRIBUTE) or "")
    return value if _NIK.fullmatch(value) else None


def staff_claims(groups: Iterable[str], attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Cognito's claimsOverrideDetails for the district and the staff member's own NIK (domain/duties.py: no
    officer handles the case of their own NIK or family): each added for staff, suppressed otherwise."""
    groups = list(groups)
    details = district_claims(groups)
    added = dict(details.get("claimsToAddOrOverride") or {})
    suppressed = list(details.get("claimsToSuppress") or [])
    nik = recorded_nik(attributes) if STAFF_GROUPS.intersection(groups) else None
    if nik is None:
        suppressed.append(STAFF_NIK_CLAIM)
    else:
        added[STAFF_NIK_CLAIM] = nik
    return ({"claimsToAddOrOverride": added} if added else {}) | (
        {"claimsToSuppress": suppressed} if suppressed else {}
    )
