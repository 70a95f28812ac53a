"""The sign-in stand-in over HTTP (what the web client does, step by step), and issue 16's attack 5 through it:
an officer who writes another district into their own account still works only their own district."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

from tests.browser.conftest import PASSWORD, Local, create_officer, review_case

pytestmark = pytest.mark.slow
MFA = "123456"  # moto accepts any SMS code


def _auth(local: Local) -> dict[str, str]:
    config = requests.get(f"{local.url}/config.json", timeout=30).json()["auth"]
    assert config["domain"].startswith(local.url) and "aws.cognito.signin.user.admin" not in config["scopes"]
    return dict(config)


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(32)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def _authorize_params(local: Local, cfg: dict[str, str], challenge: str, **over: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": cfg["client_id"],
        "redirect_uri": f"{local.url}/",
        "scope": cfg["scopes"],
        "state": secrets.token_urlsafe(16),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return {**params, **over}


def _code(
    local: Local, username: str, action: str = "signin", mfa: str = ""
) -> tuple[dict[str, str], str, str]:
    """The sign-in page's form posted: (the token endpoint's fields but the verifier, the verifier, the state)."""
    cfg = _auth(local)
    verifier, challenge = _pkce()
    params = _authorize_params(local, cfg, challenge)
    page = requests.get(f"{cfg['domain']}/oauth2/authorize?{urlencode(params)}", timeout=30)
    assert page.status_code == 200 and 'id="login"' in page.text
    form = {**params, "username": username, "password": PASSWORD, "mfa_code": mfa, "action": action}
    back = requests.post(f"{cfg['domain']}/oauth2/authorize", data=form, allow_redirects=False, timeout=60)
    assert back.status_code == 302, back.text
    location = urlsplit(back.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{local.url}/"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query["state"] == params["state"]
    fields = {"grant_type": "authorization_code", "client_id": cfg["client_id"], "code": query["code"]}
    return {**fields, "redirect_uri": f"{local.url}/"}, verifier, cfg["domain"]


def _tokens(local: Local, username: str, action: str = "signin", mfa: str = "") -> dict[str, Any]:
    fields, verifier, domain = _code(local, username, action, mfa)
    answer = requests.post(f"{domain}/oauth2/token", data={**fields, "code_verifier": verifier}, timeout=30)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _claims(tokens: dict[str, Any]) -> dict[str, Any]:
    return dict(jwt.decode(tokens["id_token"], options={"verify_signature": False}))


def test_a_resident_signs_up_and_the_code_needs_its_verifier_once(local: Local) -> None:
    fields, verifier, domain = _code(local, "warga-pkce@example.invalid", action="signup")
    wrong = requests.post(f"{domain}/oauth2/token", data={**fields, "code_verifier": _pkce()[0]}, timeout=30)
    assert wrong.status_code == 400 and wrong.json() == {"error": "invalid_grant"}
    # The code is spent by the failed try as well: an intercepted code is worth one guess.
    again = requests.post(f"{domain}/oauth2/token", data={**fields, "code_verifier": verifier}, timeout=30)
    assert again.status_code == 400

    tokens = _tokens(local, "warga-pkce@example.invalid")
    assert {"id_token", "access_token", "refresh_token"} <= set(tokens)
    claims = _claims(tokens)
    assert "custom:district" not in claims and not claims.get("cognito:groups")  # a resident, nothing more
    mine = requests.get(
        f"{local.url}/api/applications", headers={"authorization": f"Bearer {tokens['id_token']}"}, timeout=30
    )
    assert mine.status_code == 200 and mine.json() == []
    cfg = _auth(local)
    refreshed = requests.post(
        f"{domain}/oauth2/token",
        data={
            "grant_type": "refresh_token",
            "client_id": cfg["client_id"],
            "refresh_token": tokens["refresh_token"],
        },
        timeout=30,
    )
    assert refreshed.status_code == 200 and _claims(refreshed.json())["sub"] == claims["sub"]


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),  # the implicit flow
        ({"redirect_uri": "https://attacker.example/"}, "redirect_mismatch"),
        ({"code_challenge": "", "code_challenge_method": ""}, "invalid_request"),  # no PKCE
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"client_id": "someone-else"}, "unauthorized_client"),
    ],
)
def test_the_sign_in_page_refuses_anything_but_the_code_flow_with_pkce_to_the_clients_own_url(
    local: Local, change: dict[str, str], refusal: str
) -> None:
    cfg = _auth(local)
    params = _authorize_params(local, cfg, _pkce()[1], **change)
    page = requests.get(f"{cfg['domain']}/oauth2/authorize?{urlencode(params)}", timeout=30)
    assert page.status_code == 400 and page.text.startswith(refusal)


def test_sign_out_returns_only_to_the_client(local: Local) -> None:
    cfg = _auth(local)
    ok = {"client_id": cfg["client_id"], "logout_uri": f"{local.url}/"}
    back = requests.get(f"{cfg['domain']}/logout?{urlencode(ok)}", allow_redirects=False, timeout=30)
    assert back.status_code == 302 and back.headers["location"] == f"{local.url}/"
    elsewhere = {**ok, "logout_uri": "https://attacker.example/"}
    assert requests.get(f"{cfg['domain']}/logout?{urlencode(elsewhere)}", timeout=30).status_code == 400


def test_nobody_makes_themself_an_officer_locally(local: Local) -> None:
    refused = requests.post(
        f"{local.url}/local/users",
        json={"username": "x", "groups": ["officers"], "district": "31.71.01"},
        timeout=30,
    )
    assert refused.status_code == 400


def test_an_officer_who_rewrites_their_district_still_sees_only_their_own(
    local: Local, tmp_path: Path
) -> None:
    """Attack 5 over HTTP: a case waits in district D; an officer of another district E writes D into their own
    account (UpdateUserAttributes with their access token: moto accepts it, AWS refuses it, see
    tests/infra/test_sign_in.py), signs in again and asks for the case. An officer of D, as a control, sees it."""
    app_id, district = review_case(local, tmp_path)
    other = "99.01.01" if not district.startswith("99") else "98.01.01"
    create_officer(local, "petugas-lain", other)
    create_officer(local, "petugas-sini", district)

    first = _tokens(local, "petugas-lain", mfa=MFA)
    idp = local.stack.client("cognito-idp")
    idp.update_user_attributes(
        AccessToken=first["access_token"], UserAttributes=[{"Name": "custom:district", "Value": district}]
    )
    attacker = _tokens(local, "petugas-lain", mfa=MFA)
    assert _claims(attacker)["custom:district"] == other
    headers = {"authorization": f"Bearer {attacker['id_token']}"}
    case = requests.get(f"{local.url}/api/review/{app_id}", headers=headers, timeout=30)
    assert case.status_code == 404, case.text  # like a case that does not exist
    queue = requests.get(f"{local.url}/api/review/queue", headers=headers, timeout=30)
    assert queue.status_code == 200 and app_id not in queue.text

    own = _tokens(local, "petugas-sini", mfa=MFA)
    seen = requests.get(
        f"{local.url}/api/review/{app_id}", headers={"authorization": f"Bearer {own['id_token']}"}, timeout=30
    )
    assert seen.status_code == 200 and re.search(app_id, seen.text)


def test_an_officer_without_mfa_is_refused_by_the_pools_trigger(local: Local) -> None:
    create_officer(local, "petugas-tanpa-mfa", "31.71.01")
    idp = local.stack.client("cognito-idp")
    idp.admin_set_user_mfa_preference(
        UserPoolId=local.stack.resources.user_pool_id,
        Username="petugas-tanpa-mfa",
        SMSMfaSettings={"Enabled": False, "PreferredMfa": False},
    )
    cfg = _auth(local)
    params = _authorize_params(local, cfg, _pkce()[1])
    form = {**params, "username": "petugas-tanpa-mfa", "password": PASSWORD, "action": "signin"}
    page = requests.post(f"{cfg['domain']}/oauth2/authorize", data=form, allow_redirects=False, timeout=60)
    assert page.status_code == 403 and "MFA" in page.text and "location" not in page.headers
