"""Operators: running the system (the card print states)."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body, Path

from ektp.views import CardStatusRequest
from ektp.wiring import issuance_service

from .base import AudienceRouter, responses

router = AudienceRouter("operator")


@router.post(
    "/cards/<card_id>/status",
    summary="Operators: move a card along its print states",
    responses=responses("The card's new status"),
)
def card_status(
    card_id: Annotated[str, Path(max_length=64)], body: Annotated[CardStatusRequest, Body()]
) -> dict[str, Any]:
    card = issuance_service(router.settings).advance_card(card_id, body.status, body.detail)
    return {"card_id": card.card_id, "status": str(card.status)}
