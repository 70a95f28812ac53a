from __future__ import annotations

from tools.reason_codes import DOCUMENT, generate


def test_reason_code_table_is_current() -> None:
    assert DOCUMENT.read_text() == generate(), (
        "docs/reason-codes.md is stale: run python -m tools.reason_codes --write"
    )
