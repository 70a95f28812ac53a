"""What a resident may learn from a verification result: which field to check, never what the registry holds.

The registry comparison is the one place where the system compares resident-controlled values with another
person's record. A score, a threshold or a registry value on a resident-facing reason turns the status page into
an oracle: three resubmissions walk a guess to another person's mother's name. Officers see the stage details
with every score; residents see the reason code, its message and the field of their own form to check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ektp.domain.access import Principal
from ektp.domain.decision import REVIEW_CODES
from ektp.domain.reasons import Reason
from ektp.domain.records import StageResult, stage_outcome
from ektp.domain.region import regions

# Fields that name a source the resident does not hold: the resident is pointed at the form field instead.
_PRIVATE_SOURCES = ("registry.",)


def for_resident(reasons: Iterable[Reason]) -> list[Reason]:
    """The reasons as a resident may see them: measurements against private sources removed."""
    return [_redacted(r) if _from_private_source(r) else r for r in reasons]


def resident_stage(stage: StageResult) -> dict[str, Any]:
    """A stage as the resident's data export shows it: the outcome and codes of the reasons a resident may
    see. Officer-facing codes (a possible duplicate, a registry record that is missing or blocked, a NIK that
    holds a card, a face that differs from the enrolled one) say what the registry and the gallery hold about
    a NIK: they are left out, and the outcome is computed from what remains, so nothing hints at them."""
    visible = [r for r in for_resident(stage.reasons) if r.code not in REVIEW_CODES]
    return {
        "stage": stage.stage,
        "attempt": stage.attempt,
        "outcome": stage_outcome(visible),
        "reasons": [r.code for r in visible],
    }


def _from_private_source(item: Reason) -> bool:
    return bool(item.field) and str(item.field).startswith(_PRIVATE_SOURCES)


def _redacted(item: Reason) -> Reason:
    field = str(item.field).split(".", 1)[1]
    return item.model_copy(update={"field": f"applicant.{field}", "measured": None, "threshold": None})


def district_office(district_code: str | None) -> str:
    """The office a district's officers work for, as residents know it: 'Dukcapil <regency>'."""
    regency = regions().name(district_code[:5]) if district_code else None
    return f"Dukcapil {regency}" if regency else "Dukcapil"


def staff_role(principal: Principal) -> str:
    """What a resident's timeline says of a member of staff: their role and office, never their user id
    (the id names an account; the audit trail keeps it)."""
    if principal.has("officer"):
        return officer_role(principal.district)
    return "operator, Dukcapil"


def officer_role(district_code: str | None) -> str:
    return f"officer, {district_office(district_code)}"
