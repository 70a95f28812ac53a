"""Registration numbers: short, human-readable, unguessable, with a check character.

12 random symbols (59 bits from the OS CSPRNG) plus one check symbol, shown as `XXXX-XXXX-XXXX-C`. The
alphabet is Crockford's base 32 without Z (no I, L, O, U: safe to read aloud and retype; Z goes because it is
mistaken for 2 in handwriting). Having 31 symbols lets the check be a weighted sum modulo the prime 31, which
catches every single-symbol typo and every swap of two adjacent symbols (a Luhn-style check over 32 symbols
would miss some swaps). Parsing folds case, drops dashes and spaces, and maps I/L to 1 and O to 0.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY"
_MODULUS = len(ALPHABET)  # 31, a prime
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_BODY_LENGTH = 12
_FOLD = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _check_symbol(body: str) -> str:
    return ALPHABET[sum((i + 1) * _VALUE[ch] for i, ch in enumerate(body)) % _MODULUS]


def new_registration_number() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY_LENGTH))
    return format_registration_number(body + _check_symbol(body))


def format_registration_number(compact: str) -> str:
    return f"{compact[0:4]}-{compact[4:8]}-{compact[8:12]}-{compact[12]}"


def parse_registration_number(text: str) -> str | None:
    """The canonical `XXXX-XXXX-XXXX-C` form, or None when it is malformed or its check symbol is wrong."""
    compact = text.upper().replace("-", "").replace(" ", "").translate(_FOLD)
    if len(compact) != _BODY_LENGTH + 1 or any(ch not in _VALUE for ch in compact):
        return None
    if _check_symbol(compact[:-1]) != compact[-1]:
        return None
    return format_registration_number(compact)
