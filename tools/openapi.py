"""Generate docs/openapi.json from the API function's routes (`--write`), or print it."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "docs" / "openapi.json"
# The handler reads its settings at import; any values will do for generating the document.
_PLACEHOLDER_ENV = {
    "TABLE_NAME": "t",
    "IDEMPOTENCY_TABLE_NAME": "i",
    "UPLOAD_BUCKET_NAME": "b",
    "STATE_MACHINE_ARN": "arn:aws:states:ap-southeast-3:123456789012:stateMachine:s",
    "AWS_DEFAULT_REGION": "ap-southeast-3",
    "SIGNING_KEY_ID": "k",
    "RAW_UPLOAD_RETENTION_DAYS": "90",
    "STATUS_PAGE_URL": "https://ektp.example.go.id/",
}


def generate() -> str:
    for key, value in _PLACEHOLDER_ENV.items():
        os.environ.setdefault(key, value)
    spec = importlib.util.spec_from_file_location(
        "ektp_api_handler", ROOT / "functions" / "api" / "handler.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.openapi_document())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {DOCUMENT.relative_to(ROOT)}")
    args = parser.parse_args()
    document = generate()
    if args.write:
        DOCUMENT.write_text(document)
        print(f"wrote {DOCUMENT.relative_to(ROOT)}")
    else:
        sys.stdout.write(document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
