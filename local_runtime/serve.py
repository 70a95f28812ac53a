"""`make serve`: the local stack behind a real HTTP endpoint, with the reference web client at `/`.

The API answers on http://127.0.0.1:8787/api, as CloudFront serves it (and at the bare paths; EKTP_PORT
overrides the port); presigned uploads go to the moto server
whose URL the upload tickets carry. `POST /local/users` with {"username": ...} creates a resident and returns
its ID token (a real JWT from the local user pool), since there is no hosted sign-in page locally.

`/data/*` are the static files `cdk deploy` publishes next to the web client (the region tree and the reason
catalogue, tools/web_data.py), made here on request. The `/local/*` routes exist only here: `/local/users`
stands in for the Cognito hosted UI; `/local/sample-applicant` hands out a synthetic resident from the
seeded registry so a person trying the client has data that can be approved.
"""

from __future__ import annotations

import json
import mimetypes
import os
import secrets
import sys
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server, run_simple
from werkzeug.wrappers import Request, Response

from local_runtime.stack import LocalStack, User
from tools.synthetic.applications import applicant_form
from tools.web_data import INDEX, reason_catalogue, region_children

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"
DEFAULT_SEED_FAMILIES = 1000  # ~3,500 synthetic residents: a few seconds to load, plenty of applicants
SEED = 2026

CORS = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "authorization, content-type, idempotency-key",
    "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
}


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, headers=CORS, content_type="application/json")


def _static(web_root: Path, path: str) -> Response | None:
    """A file of the web client, or None. Only plain files directly under web_root: no directory walking."""
    name = "index.html" if path in ("", "/") else path.lstrip("/")
    if "/" in name or name.startswith("."):
        return None
    file = web_root / name
    if not file.is_file():
        return None
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type.endswith("javascript"):
        content_type += "; charset=utf-8"
    return Response(
        file.read_bytes(),
        content_type=content_type,
        # no-store: a developer edits web/ and reloads; a CDN would use hashed names and long caching instead.
        headers={"cache-control": "no-store", "x-content-type-options": "nosniff"},
    )


class Samples:
    """Synthetic residents of the seeded registry, as form data (for trying the client, and for tests)."""

    def __init__(self, families: list[Any] | None = None) -> None:
        self._forms: list[dict[str, Any]] = []
        if families:
            self.add(families)

    def add(self, families: Iterable[Any]) -> None:
        today = date.today()
        for family in families:
            for person in family.members:
                if 17 <= person.age_on(today) <= 60 and person.marital_status == "BELUM KAWIN":
                    self._forms.append(_form(family, person))

    def get(self, n: int) -> dict[str, Any] | None:
        return self._forms[n % len(self._forms)] if self._forms else None


def _form(family: Any, person: Any) -> dict[str, Any]:
    return applicant_form(family, person)


def seed(
    stack: LocalStack, families: int = DEFAULT_SEED_FAMILIES, seed_value: int = SEED
) -> tuple[int, Samples]:
    """Load synthetic residents into the population registry so an application can be approved locally."""
    from tools.synthetic.registry import registry_people
    from tools.synthetic.residents import generate_families

    generated = generate_families(families, seed=seed_value)
    count = stack.seed_registry(registry_people(generated))
    return count, Samples(generated)


def sign_in(stack: LocalStack, username: str, groups: list[str], district: str | None) -> User:
    """A fresh ID token for `username`: created on first use, signed in again afterwards (a page reload or a
    second tab must not fail because the user already exists)."""
    cognito = stack.client("cognito-idp")
    try:
        return stack.user(username, groups=groups, district=district)
    except cognito.exceptions.UsernameExistsException:
        pass
    pool, client_id = stack.resources.user_pool_id, stack.resources.user_pool_client_id
    password = "Aa1!" + secrets.token_urlsafe(12)
    cognito.admin_set_user_password(UserPoolId=pool, Username=username, Password=password, Permanent=True)
    if district:
        cognito.admin_update_user_attributes(
            UserPoolId=pool,
            Username=username,
            UserAttributes=[{"Name": "custom:district", "Value": district}],
        )
    for group in groups:
        cognito.admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName=group)
    auth = cognito.admin_initiate_auth(
        UserPoolId=pool,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    attributes = cognito.admin_get_user(UserPoolId=pool, Username=username)["UserAttributes"]
    sub = next(a["Value"] for a in attributes if a["Name"] == "sub")
    return User(username=username, sub=sub, token=auth["AuthenticationResult"]["IdToken"])


def make_app(stack: LocalStack, *, web_root: Path = WEB_ROOT, samples: Samples | None = None) -> Any:
    samples = samples or Samples()

    @Request.application
    def app(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status=204, headers=CORS)
        if request.path == "/local/users" and request.method == "POST":
            # force: `curl -d '{...}'` sends no JSON content type, and the docstring shows exactly that.
            body = request.get_json(force=True, silent=True) or {}
            groups = [str(g) for g in body.get("groups", ["residents"])]
            if not set(groups) <= {"residents", "officers"}:
                return _json({"error": "groups: residents and/or officers"}, 400)
            district = body.get("district")
            user = sign_in(
                stack, str(body.get("username", "resident")), groups, str(district) if district else None
            )
            payload = {"username": user.username, "sub": user.sub, "id_token": user.token}
            return _json(payload, 201)
        if request.method == "GET":
            # The static data a deployment publishes next to the client (tools/web_data.py), made on request.
            if request.path == "/data/reasons.json":
                return _json(reason_catalogue())
            if request.path.startswith("/data/regions/") and request.path.endswith(".json"):
                name = request.path[len("/data/regions/") : -len(".json")]
                rows = region_children(None if name == INDEX else name)
                return _json(rows) if rows or name == INDEX else _json({"error": "no such region"}, 404)
            if request.path == "/local/sample-applicant":
                form = samples.get(request.args.get("n", 0, type=int))
                return _json(form) if form else _json({"error": "registry not seeded"}, 404)
            static = _static(web_root, request.path)
            if static is not None:
                return static
        # /api/* as CloudFront routes it (the prefix stripped, infra/web.py); the bare paths too, for curl.
        path = request.path
        if path == "/api" or path.startswith("/api/"):
            path = path[len("/api") :] or "/"
        result = stack.api.request(
            request.method,
            path,
            headers=dict(request.headers),
            body=request.get_data(),
            query=request.query_string.decode(),
        )
        return Response(result.body, status=result.status, headers={**result.headers, **CORS})

    return app


class Server:
    """The app on a free port in a background thread (tests, and anyone embedding the local endpoint)."""

    def __init__(self, stack: LocalStack, *, samples: Samples | None = None, port: int = 0) -> None:
        self._server: BaseWSGIServer = make_server(
            "127.0.0.1", port, make_app(stack, samples=samples), threaded=True
        )
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


def main() -> int:
    port = int(os.environ.get("EKTP_PORT", "8787"))
    families = int(os.environ.get("EKTP_SEED_FAMILIES", str(DEFAULT_SEED_FAMILIES)))
    with LocalStack() as stack:
        count, samples = seed(stack, families) if families > 0 else (0, Samples())
        print(f"web client:      http://127.0.0.1:{port}/")
        print(f"ektp API:        http://127.0.0.1:{port}/api (as on CloudFront; also without /api)")
        print(f"moto (S3 etc.):  {stack.endpoint}")
        print(f"registry:        {count:,} synthetic residents (EKTP_SEED_FAMILIES={families})")
        print(f'create a user:   curl -XPOST -d \'{{"username":"ani"}}\' http://127.0.0.1:{port}/local/users')
        sys.stdout.flush()
        run_simple("127.0.0.1", port, make_app(stack, samples=samples), threaded=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
