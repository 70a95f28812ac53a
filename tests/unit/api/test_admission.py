"""The decision the middleware asks for (ektp.domain.access.admit): pure, by audience, route and claims."""

from __future__ import annotations

from ektp.domain.access import AUDIENCES, RULES, admit, audience_roles

OFFICER = {"sub": "o", "cognito:groups": "[officers]", "custom:district": "31.71.01"}
OPERATOR = {"sub": "p", "cognito:groups": "[operators]"}
RESIDENT = {"sub": "r"}


def test_a_route_of_no_audience_is_refused_even_to_staff() -> None:
    for claims in ({}, RESIDENT, OFFICER, OPERATOR):
        assert admit(None, "GET /anything", claims).refusal == "FORBIDDEN"


def test_public_routes_need_no_token_and_others_do() -> None:
    assert admit("public", "POST /verify", {}).refusal is None
    for audience in ("resident", "officer", "operator"):
        assert admit(audience, "GET /x", {}).refusal == "UNAUTHENTICATED"


def test_the_rule_table_never_carries_a_route_across_the_resident_staff_line() -> None:
    # Even a rule naming the other side admits nobody from it: the audience bounds the table.
    assert audience_roles("resident", "GET /review/queue") == frozenset()
    assert audience_roles("officer", "GET /applications") == frozenset()
    for route in RULES:
        assert "resident" not in audience_roles("officer", route)
        assert "resident" not in audience_roles("operator", route)
        assert audience_roles("resident", route) <= {"resident"}


def test_the_decision_names_the_admitted_principal() -> None:
    admission = admit("officer", "POST /review/{registration_number}/decision", OFFICER)
    assert admission.refusal is None and admission.principal is not None
    assert admission.principal.district == "31.71.01"
    assert admit("officer", "POST /review/{registration_number}/decision", OPERATOR).refusal == "FORBIDDEN"
    assert admit("officer", "GET /review/queue", OPERATOR).refusal is None
    assert set(AUDIENCES) == {"resident", "officer", "helpdesk", "operator", "public"}
