"""Who may do what: the roles and the one rule table for every endpoint.

Roles come from the identity provider's groups (Cognito groups in AWS): a resident acts on their own
applications; an officer works the review queue of their own district (kecamatan); a helpdesk officer
answers the help requests of their own district; an operator runs the system (any district's queue,
re-drives) but is not a reviewer of individual cases by default.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Role = Literal["resident", "officer", "operator", "helpdesk"]
GROUP_ROLES: dict[str, Role] = {
    "residents": "resident",
    "officers": "officer",
    "operators": "operator",
    "helpdesk": "helpdesk",
}


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[Role]
    district: str | None = None  # officers: the district code they serve, e.g. 31.71.01
    # Staff: their own NIK as an administrator recorded it (domain/staff.py), so that no officer handles their own
    # or their family's case (domain/duties.py); None: not recorded, or not staff.
    nik: str | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles


# The claim carrying a staff member's own NIK (set by the pre-token trigger: domain/staff.py).
STAFF_NIK_CLAIM = "custom:staff_nik"

# Staff see other people's data: their tokens are only issued after a second factor (the pool's
# pre-token-generation trigger refuses staff accounts without MFA; residents may add it).
STAFF_GROUPS = frozenset(g for g, role in GROUP_ROLES.items() if role != "resident")


def token_allowed(groups: list[str], mfa_enabled: Callable[[], bool]) -> bool:
    """Whether a token may be issued: staff only with MFA set up (asked lazily: one directory call)."""
    return not STAFF_GROUPS.intersection(groups) or mfa_enabled()


# The header CloudFront adds on its way to the API (an origin custom header; a viewer's own header of that name
# is overwritten): a request without it reached the execute-api URL directly, past the WAF.
EDGE_HEADER = "x-ektp-origin-verify"


def came_through_edge(headers: Mapping[str, str], accepted: Iterable[str]) -> bool:
    """Whether the request carries one of the accepted edge secrets (the current one and, while a rotation
    reaches every CloudFront location, the previous one). Compared in constant time."""
    presented = next((v for k, v in headers.items() if k.lower() == EDGE_HEADER), "")
    return bool(presented) and any(
        hmac.compare_digest(presented.encode(), secret.encode()) for secret in accepted if secret
    )


def principal_from_claims(claims: dict[str, object]) -> Principal | None:
    subject = claims.get("sub")
    if not subject:
        return None
    raw = claims.get("cognito:groups") or ""
    # HTTP APIs pass array claims as the string "[a b]"; tokens decoded elsewhere give a list.
    groups = raw if isinstance(raw, list) else str(raw).strip("[]").replace(",", " ").split()
    roles = frozenset(GROUP_ROLES[g] for g in groups if g in GROUP_ROLES) or frozenset({"resident"})
    district = claims.get("custom:district")
    # The trigger sets it for staff only; a resident's token carrying one is no officer's record.
    nik = claims.get(STAFF_NIK_CLAIM) if roles & _STAFF_ROLES else None
    return Principal(
        subject=str(subject),
        roles=roles,
        district=str(district) if district else None,
        nik=str(nik) if nik else None,
    )


# The rule table: route -> roles allowed. Ownership (resident) and district (officer) are checked on the record.
RULES: dict[str, frozenset[Role]] = {
    "POST /applications": frozenset({"resident"}),
    "GET /applications": frozenset({"resident"}),
    "GET /applications/{registration_number}": frozenset({"resident"}),
    "PATCH /applications/{registration_number}": frozenset({"resident"}),
    "POST /applications/{registration_number}/documents/{document_type}": frozenset({"resident"}),
    "POST /applications/{registration_number}/submit": frozenset({"resident"}),
    "POST /applications/{registration_number}/liveness-challenge": frozenset({"resident"}),
    "GET /applications/{registration_number}/export": frozenset({"resident"}),
    "GET /applications/{registration_number}/digital-id": frozenset({"resident"}),
    "GET /applications/{registration_number}/receipt": frozenset({"resident"}),
    "POST /applications/{registration_number}/digital-id/report-lost": frozenset({"resident"}),
    "POST /help-requests": frozenset({"resident"}),
    "GET /help-requests": frozenset({"resident"}),
    "GET /help-requests/{request_id}": frozenset({"resident"}),
    "POST /help-requests/{request_id}/messages": frozenset({"resident"}),
    "POST /help-requests/{request_id}/close": frozenset({"resident"}),
    "POST /cards/{card_id}/status": frozenset({"operator"}),
    "GET /review/queue": frozenset({"officer", "operator"}),
    "GET /review/{registration_number}": frozenset({"officer"}),
    "POST /review/{registration_number}/decision": frozenset({"officer"}),
}


def allowed(route: str, principal: Principal) -> bool:
    return bool(RULES.get(route, frozenset()) & principal.roles)


# Every API route belongs to one audience (functions/api/routes: one router each) and one middleware admits a
# request by it, so a route cannot forget its check. The audience bounds who can ever reach its routes (the
# rule table can only narrow within it: a resident never reaches a staff route, nor staff a resident's); a route
# the rule table does not name admits the audience's default roles.
Audience = Literal["resident", "officer", "helpdesk", "operator", "public"]
AUDIENCES: tuple[Audience, ...] = ("resident", "officer", "helpdesk", "operator", "public")
_STAFF_ROLES = frozenset(GROUP_ROLES[g] for g in STAFF_GROUPS)
_AUDIENCE_SCOPE: dict[Audience, frozenset[Role]] = {
    "resident": frozenset({"resident"}),
    # District staff; an operator only where a route names them (the queue of any district).
    "officer": _STAFF_ROLES,
    "helpdesk": frozenset({"helpdesk"}),  # the district's help requests (domain/help_requests.py)
    "operator": frozenset({"operator"}),
}
_AUDIENCE_DEFAULT: dict[Audience, frozenset[Role]] = {
    "resident": frozenset({"resident"}),
    "officer": frozenset({"officer"}),
    "helpdesk": frozenset({"helpdesk"}),
    "operator": frozenset({"operator"}),
}


def audience_roles(audience: Audience, route: str) -> frozenset[Role]:
    """The roles admitted to a route of a signed-in audience: the rule table's, within the audience's scope."""
    return RULES.get(route, _AUDIENCE_DEFAULT[audience]) & _AUDIENCE_SCOPE[audience]


@dataclass(frozen=True)
class Admission:
    principal: Principal | None  # None on a public route called without a token
    refusal: str | None = None  # a reason code (UNAUTHENTICATED, FORBIDDEN) when refused


def admit(audience: Audience | None, route: str, claims: Mapping[str, object]) -> Admission:
    """Whether a request for `route` ("GET /review/{registration_number}") with these token claims is let
    through. A route of no audience is refused to everyone (fail closed); a public one to no one."""
    principal = principal_from_claims(dict(claims))
    if audience is None:
        return Admission(principal, "FORBIDDEN")
    if audience == "public":
        return Admission(principal)
    if principal is None:
        return Admission(None, "UNAUTHENTICATED")
    if not audience_roles(audience, route) & principal.roles:
        return Admission(principal, "FORBIDDEN")
    return Admission(principal)
