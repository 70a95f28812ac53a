from __future__ import annotations

import json
import subprocess
import sys

from tools.openapi import DOCUMENT, ROOT


def test_committed_openapi_document_matches_the_routes() -> None:
    # In a subprocess: the handler module reads its environment at import.
    generated = subprocess.run(
        [sys.executable, "-m", "tools.openapi"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert generated == DOCUMENT.read_text(), "docs/openapi.json is stale: run `make openapi`"
    paths = json.loads(generated)["paths"]
    assert "/applications/{registration_number}/documents/{document_type}" in paths
    assert "409" in paths["/applications/{registration_number}/submit"]["post"]["responses"]
