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


# Query strings are written to the CDN's and the gateway's access logs: only these, which name no person, may
# travel there. A search by NIK or name goes in a POST body (found by review: GET /capture/search?q=<NIK>).
QUERY_PARAMETERS_WITHOUT_PERSONAL_DATA = {"format", "state", "district"}


def test_no_route_takes_personal_data_in_its_query_string() -> None:
    document = json.loads(DOCUMENT.read_text())
    in_query = {
        (method.upper(), path, parameter["name"])
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "query"
    }
    assert {name for _, _, name in in_query} <= QUERY_PARAMETERS_WITHOUT_PERSONAL_DATA, in_query
