"""Issue 19 item 3 over HTTP on the local stack: the 1:N candidates and their enrolled photos reach the officer of
the case's district only, through a short-lived link that serves the candidate's card photo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import requests

from local_runtime import LocalStack
from local_runtime.demo import pick_applicants
from tests.integration.test_chain_flows import FINAL, _apply, _detail, _officer
from tools.synthetic.registry import registry_people
from tools.synthetic.residents import generate_families


@pytest.fixture(scope="module")
def people(stack: LocalStack) -> Iterator[list[tuple[Any, Any]]]:
    families = generate_families(60, seed=1919)
    stack.seed_registry(registry_people(families))
    yield pick_applicants(families, date.today(), 2)


@pytest.fixture(autouse=True)
def empty_gallery(stack: LocalStack) -> None:
    stack.client("dynamodb").delete_item(
        TableName=stack.registry_table, Key={"PK": {"S": "GALLERY#MANIFEST"}}
    )


def test_the_officer_compares_the_candidates_enrolled_photo_and_nobody_else_gets_it(
    stack: LocalStack, people: list[Any]
) -> None:
    (family, person), (family2, person2) = people
    _, first = _apply(stack, family, person)
    assert stack.wait_for(first, FINAL)["status"] in ("APPROVED", "ISSUED")
    stack.wait_idle(first)
    user2, second = _apply(stack, family2, person2)  # the same face under another NIK
    assert stack.wait_for(second, FINAL)["status"] == "IN_REVIEW"

    # The attacks first: the resident and an officer of another district ask for the case.
    stranger = _officer(stack, "11.01.01" if family2.district_code != "11.01.01" else "31.71.01")
    assert stack.call("GET", f"/review/{second}", user2).status == 403
    refused = stack.call("GET", f"/review/{second}", stranger)
    assert refused.status == 404 and person.nik not in refused.body and "cards/" not in refused.body
    for own in (f"/applications/{second}", f"/applications/{second}/export"):
        answer = stack.call("GET", own, user2)
        assert answer.status == 200 and person.nik not in answer.body and "cards/" not in answer.body

    evidence = stack.call("GET", f"/review/{second}", _officer(stack, family2.district_code)).json()
    nearest = evidence["candidates"][0]
    assert (
        nearest["nik"] == person.nik
        and nearest["officer_confirms"]
        and nearest["outcome"] == "small_gallery_face"
    )
    assert 0.0 <= nearest["score"] <= 1.0 and nearest["distance"] <= 0.5
    photo = requests.get(nearest["photo_url"], timeout=30)
    assert photo.status_code == 200 and photo.content[:3] == b"\xff\xd8\xff"  # the card's JPEG
    probe = next(d for d in evidence["documents"] if d["document_type"] == "PHOTO")
    assert probe["normalized_url"] or probe["original_url"]  # shown beside it
    assert person.nik not in json.dumps(_detail(stack, user2, second))
