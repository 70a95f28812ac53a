"""Officers: the review queue of their district and its cases (the district is checked on the record)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from ektp.views import (
    ApplicationSummary,
    CaseEvidence,
    ReviewCase,
    ReviewDecision,
    case_evidence,
    review_case,
    summary,
)
from ektp.wiring import review_service

from .base import AudienceRouter, RegistrationNumber, responses

router = AudienceRouter("officer")


@router.get(
    "/review/queue", summary="Officers: the review queue of my district", responses=responses("The queue")
)
def review_queue(
    district: Annotated[
        str | None, Query(pattern=r"^\d{2}\.\d{2}\.\d{2}$", description="operators only")
    ] = None,
) -> list[ReviewCase]:
    return [review_case(r) for r in review_service(router.settings).queue(router.principal(), district)]


@router.get(
    "/review/<registration_number>",
    summary="Officers: the evidence of one case",
    responses=responses("The case's evidence"),
)
def review_evidence(registration_number: RegistrationNumber) -> CaseEvidence:
    return case_evidence(review_service(router.settings).evidence(router.principal(), registration_number))


@router.post(
    "/review/<registration_number>/decision",
    summary="Officers: approve or reject a case",
    responses=responses("Decided"),
)
def review_decision(
    registration_number: RegistrationNumber, body: Annotated[ReviewDecision, Body()]
) -> ApplicationSummary:
    record = review_service(router.settings).decide(
        router.principal(), registration_number, body.decision, body.reasons, body.note
    )
    return summary(record)
