"""`make serve`: the local stack behind a real HTTP endpoint, for a web or mobile client.

The API answers on http://127.0.0.1:8787 (override with EKTP_PORT); presigned uploads go to the moto server
whose URL the upload tickets carry. `POST /local/users` with {"username": ...} creates a resident and returns
its ID token (a real JWT from the local user pool), since there is no hosted sign-in page locally.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

from local_runtime.stack import LocalStack

CORS = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "authorization, content-type, idempotency-key",
    "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
}


def make_app(stack: LocalStack) -> Any:
    @Request.application
    def app(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status=204, headers=CORS)
        if request.path == "/local/users" and request.method == "POST":
            body = request.get_json(silent=True) or {}
            groups = body.get("groups", ["residents"])
            user = stack.user(str(body.get("username", "resident")), groups=groups, district=body.get("district"))
            payload = {"username": user.username, "sub": user.sub, "id_token": user.token}
            return Response(json.dumps(payload), status=201, headers=CORS, content_type="application/json")
        result = stack.api.request(
            request.method,
            request.path,
            headers=dict(request.headers),
            body=request.get_data(),
            query=request.query_string.decode(),
        )
        return Response(result.body, status=result.status, headers={**result.headers, **CORS})

    return app


def main() -> int:
    port = int(os.environ.get("EKTP_PORT", "8787"))
    with LocalStack() as stack:
        print(f"ektp API:        http://127.0.0.1:{port}")
        print(f"moto (S3 etc.):  {stack.endpoint}")
        print(f"create a user:   curl -XPOST -d '{{\"username\":\"ani\"}}' http://127.0.0.1:{port}/local/users")
        sys.stdout.flush()
        run_simple("127.0.0.1", port, make_app(stack), threaded=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
