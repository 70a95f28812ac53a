from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from ektp.domain.registration_number import ALPHABET, new_registration_number, parse_registration_number


def test_new_numbers_parse_and_are_distinct() -> None:
    numbers = {new_registration_number() for _ in range(2000)}
    assert len(numbers) == 2000
    assert all(parse_registration_number(n) == n for n in numbers)


@given(st.integers(min_value=0, max_value=12), st.sampled_from(ALPHABET))
def test_every_single_symbol_typo_is_caught(position: int, symbol: str) -> None:
    number = new_registration_number().replace("-", "")
    if number[position] == symbol:
        return
    typo = number[:position] + symbol + number[position + 1 :]
    assert parse_registration_number(typo) is None


def test_adjacent_swaps_are_caught() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        number = list(new_registration_number().replace("-", ""))
        i = rng.randrange(12)  # includes swapping the last body symbol with the check symbol
        if number[i] == number[i + 1]:
            continue
        number[i], number[i + 1] = number[i + 1], number[i]
        assert parse_registration_number("".join(number)) is None


def test_reading_aloud_mistakes_are_folded() -> None:
    number = "0000-1111-0000-" + "X"
    body = "000011110000"
    # find the right check symbol for this body, then type it with O and I instead of 0 and 1
    valid = next(
        n
        for n in (f"{body[:4]}-{body[4:8]}-{body[8:]}-{c}" for c in ALPHABET)
        if parse_registration_number(n)
    )
    assert parse_registration_number(valid.replace("0", "o").replace("1", "I")) == valid
    assert parse_registration_number(number[:-1]) is None
    assert parse_registration_number("not a number") is None
