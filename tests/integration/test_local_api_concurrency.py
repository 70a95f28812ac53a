"""The local stack serves the HTTP API as Lambda does: one request at a time per execution environment.

In-process, one module serves every request; Powertools' resolver keeps the current request on the app, so two
residents' requests at the same moment could read each other's sign-in (a 401, or worse, the other's data)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from local_runtime import LocalStack
from local_runtime.stack import User
from tests.support.applicants import request_data


def _registration_numbers(stack: LocalStack, user: User) -> tuple[int, frozenset[str]]:
    response = stack.call("GET", "/applications", user)
    if response.status != 200:
        return response.status, frozenset()
    return 200, frozenset(item["registration_number"] for item in response.json())


def test_two_residents_asking_at_once_each_get_their_own_answer(stack: LocalStack) -> None:
    residents = [stack.user(f"resident-{uuid.uuid4().hex[:8]}") for _ in range(2)]
    own = {}
    for resident in residents:
        created = stack.call("POST", "/applications", resident, request_data())
        assert created.status == 201
        own[resident.username] = frozenset({created.json()["registration_number"]})

    askers = [residents[i % 2] for i in range(120)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda user: (user, _registration_numbers(stack, user)), askers))

    for user, (status, numbers) in answers:
        assert status == 200
        assert numbers == own[user.username]
