"""`make serve`: the local stack behind a real HTTP endpoint, with the reference web client at `/`.

The API answers on http://127.0.0.1:8787/api, as CloudFront serves it (and at the bare paths; EKTP_PORT
overrides the port); presigned uploads go to the moto server
whose URL the upload tickets carry.

Sign-in is the deployed code flow against a local stand-in for Cognito's managed login under `/local/cognito`
(`/oauth2/authorize`, `/oauth2/token`, `/logout`: local_runtime/oauth.py), which `/config.json` names, as the
deployed config.json names the user pool's domain. `POST /local/admin/officers` with {"username",
"password", "district"} is what an administrator does (the account, the `officers` and `district-<code>`
groups, MFA on record); officers never sign themselves up. `POST /local/users` with {"username": ...} is a
shortcut for curl: a resident and its ID token, without the sign-in page or the pool's trigger.

`/data/*` and `/config.json` are the static files `cdk deploy` publishes next to the web client (the region
tree and the reason catalogue, tools/web_data.py; where to sign in), made here on request. The other `/local/*`
routes exist only here: `/local/sample-applicant` hands out a synthetic resident from the seeded registry so a
person trying the client has data that can be approved.
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import secrets
import sys
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server, run_simple
from werkzeug.wrappers import Request, Response

from local_runtime.oauth import SCOPES, ManagedLogin, SignInRefused
from local_runtime.stack import LocalStack, User
from tools.synthetic.applications import applicant_form
from tools.web_data import INDEX, reason_catalogue, region_children

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"
LOGIN_BASE = "/local/cognito"  # the stand-in for https://<prefix>.auth.<region>.amazoncognito.com
DEFAULT_SEED_FAMILIES = 1000  # ~3,500 synthetic residents: a few seconds to load, plenty of applicants
SEED = 2026

CORS = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "authorization, content-type, idempotency-key",
    "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
}


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, headers=CORS, content_type="application/json")


# Module scripts need a JavaScript type (browsers refuse others under nosniff); the platform's MIME table may
# say application/javascript or nothing, so the client's own types are fixed here.
_CONTENT_TYPES = {
    ".js": "text/javascript",
    ".html": "text/html",
    ".css": "text/css",
    ".json": "application/json",
}
_SAFE_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")


def _static(web_root: Path, path: str) -> Response | None:
    """A file of the web client, or None. Only plain files under web_root, named by safe parts: no `..`, no
    dot-files, no directory listings."""
    name = "index.html" if path in ("", "/") else path.lstrip("/")
    parts = name.split("/")
    if not all(_SAFE_PART.fullmatch(part) and ".." not in part for part in parts):
        return None
    file = web_root.joinpath(*parts)
    if not file.is_file() or not file.resolve().is_relative_to(web_root.resolve()):
        return None
    content_type = (
        _CONTENT_TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    )
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


def sign_in(stack: LocalStack, username: str, groups: list[str]) -> User:
    """A fresh ID token for resident `username`: created on first use, signed in again afterwards (a page
    reload or a second tab must not fail because the user already exists)."""
    cognito = stack.client("cognito-idp")
    try:
        return stack.user(username, groups=groups)
    except cognito.exceptions.UsernameExistsException:
        pass
    pool, client_id = stack.resources.user_pool_id, stack.resources.user_pool_client_id
    password = "Aa1!" + secrets.token_urlsafe(12)
    cognito.admin_set_user_password(UserPoolId=pool, Username=username, Password=password, Permanent=True)
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


def sign_in_config(stack: LocalStack, own_url: str) -> dict[str, Any]:
    """config.json as infra/web.py publishes it, naming the local stand-in instead of the user pool's domain."""
    return {
        "auth": {
            "domain": own_url.rstrip("/") + LOGIN_BASE,
            "client_id": stack.resources.user_pool_client_id,
            "scopes": SCOPES,
        }
    }


def managed_login(stack: LocalStack) -> ManagedLogin:
    """The stand-in, with the pool's pre-token-generation trigger invoked as Cognito invokes it."""
    guard = next(
        spec.name for spec in stack.resources.functions.values() if spec.source == "functions/token_guard"
    )
    lam = stack.client("lambda")

    def trigger(event: dict[str, Any]) -> dict[str, Any]:
        response = lam.invoke(FunctionName=guard, Payload=json.dumps(event).encode())
        payload = json.loads(response["Payload"].read() or b"null")
        if response.get("FunctionError"):
            # What the managed login page shows: "PreTokenGeneration failed with error <message>."
            raise SignInRefused(f"PreTokenGeneration failed with error {payload.get('errorMessage')}.")
        return dict(payload)

    return ManagedLogin(
        stack.client("cognito-idp"),
        stack.resources.user_pool_id,
        stack.resources.user_pool_client_id,
        trigger,
    )


def make_app(stack: LocalStack, *, web_root: Path = WEB_ROOT, samples: Samples | None = None) -> Any:
    samples = samples or Samples()
    made: list[ManagedLogin] = []  # on first use: the other routes never touch the stack
    making = threading.Lock()  # one stand-in per app: its codes live in it

    def login() -> ManagedLogin:
        with making:
            if not made:
                made.append(managed_login(stack))
            return made[0]

    @Request.application
    def app(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status=204, headers=CORS)
        if request.path.startswith(LOGIN_BASE + "/"):
            answer = login().handle(
                request.method,
                request.path[len(LOGIN_BASE) :],
                dict(request.args),
                dict(request.form),
                request.host_url,
            )
            if answer is not None:
                status, headers, text = answer
                return Response(text, status=status, headers={**CORS, **headers})
        if request.path == "/local/users" and request.method == "POST":
            # force: `curl -d '{...}'` sends no JSON content type, and the docstring shows exactly that.
            body = request.get_json(force=True, silent=True) or {}
            groups = [str(g) for g in body.get("groups", ["residents"])]
            if groups != ["residents"]:  # officers are made by an administrator: /local/admin/officers
                return _json({"error": "groups: residents only (officers: POST /local/admin/officers)"}, 400)
            user = sign_in(stack, str(body.get("username", "resident")), groups)
            payload = {"username": user.username, "sub": user.sub, "id_token": user.token}
            return _json(payload, 201)
        if request.path == "/local/admin/officers" and request.method == "POST":
            body = request.get_json(force=True, silent=True) or {}
            try:
                login().create_officer(str(body["username"]), str(body["password"]), str(body["district"]))
            except (KeyError, ValueError) as exc:
                return _json({"error": f"username, password and district (31.71.01): {exc}"}, 400)
            except stack.client("cognito-idp").exceptions.UsernameExistsException:
                return _json({"error": "that username exists"}, 409)
            return _json({"username": body["username"], "district": body["district"]}, 201)
        if request.method == "GET":
            # The static data a deployment publishes next to the client (tools/web_data.py), made on request.
            if request.path == "/config.json":
                return _json(sign_in_config(stack, request.host_url))
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
        # The bytes as the function sent them: the text form would mangle a PDF or a PNG (replacement chars).
        return Response(result.raw or result.body, status=result.status, headers={**result.headers, **CORS})

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
        print(f"sign in:         http://127.0.0.1:{port}/ (residents sign up there; an officer first:)")
        print(
            f'                 curl -XPOST -d \'{{"username":"petugas","password":"Rahasia-12345",'
            f'"district":"31.71.01"}}\' http://127.0.0.1:{port}/local/admin/officers'
        )
        sys.stdout.flush()
        run_simple("127.0.0.1", port, make_app(stack, samples=samples), threaded=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
