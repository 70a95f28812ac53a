"""A local stand-in for Cognito's managed login: the OAuth endpoints the web client uses in AWS.

`make serve` mounts it at `/local/cognito`, so the client's code flow is the deployed one with another base
URL: `/oauth2/authorize` (a sign-in and sign-up page; only `response_type=code` with an S256 PKCE
challenge, and only this server's own origin as the redirect), `/oauth2/token` (the code with its
verifier, once, within five minutes; or a refresh token) and `/logout`.

Tokens are issued as Cognito issues them: the password is checked by moto's user pool, the pool's
pre-token-generation trigger (functions/token_guard, dispatched like every local function) may refuse the
sign-in or change the ID token's claims, and the ID token is signed with the moto pool's key, the one the
local API's authorizer checks. moto itself never calls the trigger, so tokens from `LocalStack.user` skip it.

What it does not do: no e-mail or SMS verification code at sign-up (the account is confirmed at once) and no
second-factor prompt (officers made by `create_officer` have SMS MFA on record, which is what the trigger
checks).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
from moto.utilities.utils import load_resource

from ektp.domain.staff import district_group

Trigger = Callable[[dict[str, Any]], dict[str, Any]]
SCOPES = "openid email phone profile"  # the deployed client's scopes (infra/api.py): no admin scope
CODE_LIFETIME_S = 300
# Claims a pre-token-generation trigger may not touch (Cognito fails the sign-in if it tries).
RESERVED_CLAIMS = frozenset(
    {
        "acr",
        "amr",
        "aud",
        "at_hash",
        "auth_time",
        "azp",
        "cognito:username",
        "exp",
        "iat",
        "identities",
        "iss",
        "jti",
        "nbf",
        "nonce",
        "origin_jti",
        "sub",
        "token_use",
    }
)


class SignInRefused(Exception):
    """The trigger refused the token (e.g. staff without MFA): Cognito shows its message on the sign-in page."""


class MfaCodeRequired(Exception):
    """The account has a second factor: the sign-in needs its code (moto accepts any code)."""


def _moto_signing_key() -> Any:
    """The private key moto's user pools sign with (kid "dummy", published in the pool's JWKS)."""
    return jwt.PyJWK(load_resource("cognitoidp/resources/jwks-private.json")).key


def pre_token_event(idp: Any, pool_id: str, client_id: str, username: str, source: str) -> dict[str, Any]:
    """The version 1 event Cognito sends the pre-token-generation trigger."""
    attributes = idp.admin_get_user(UserPoolId=pool_id, Username=username)["UserAttributes"]
    groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username=username)["Groups"]
    return {
        "version": "1",
        "triggerSource": source,
        "region": idp.meta.region_name,
        "userPoolId": pool_id,
        "userName": username,
        "callerContext": {"awsSdkVersion": "local", "clientId": client_id},
        "request": {
            "userAttributes": {a["Name"]: a["Value"] for a in attributes},
            "groupConfiguration": {
                "groupsToOverride": [g["GroupName"] for g in groups],
                "iamRolesToOverride": [],
                "preferredRole": None,
            },
        },
        "response": {"claimsOverrideDetails": None},
    }


def apply_overrides(claims: dict[str, Any], details: dict[str, Any] | None) -> dict[str, Any]:
    """The trigger's claimsOverrideDetails applied to the ID token's claims, with Cognito's refusals."""
    if not details:
        return dict(claims)
    added = dict(details.get("claimsToAddOrOverride") or {})
    suppressed = list(details.get("claimsToSuppress") or [])
    touched = RESERVED_CLAIMS.intersection([*added, *suppressed])
    if touched or set(added) & set(suppressed):
        raise SignInRefused(
            f"the trigger may not change {sorted(touched) or sorted(set(added) & set(suppressed))}"
        )
    out = {k: v for k, v in claims.items() if k not in suppressed}
    out.update(added)
    groups = (details.get("groupOverrideDetails") or {}).get("groupsToOverride")
    if groups is not None:
        out["cognito:groups"] = list(groups)
    return out


@dataclass
class TokenIssuer:
    """Cognito's token issuance around moto's: moto checks the password and makes the tokens, the trigger
    runs on the ID token's claims, and the ID token is signed again with the same key."""

    idp: Any
    pool_id: str
    client_id: str
    trigger: Trigger

    def _finish(self, result: dict[str, Any], source: str) -> dict[str, Any]:
        moto_claims = jwt.decode(result["IdToken"], options={"verify_signature": False})
        username = str(moto_claims["cognito:username"])
        event = self.trigger(pre_token_event(self.idp, self.pool_id, self.client_id, username, source))
        claims = apply_overrides(moto_claims, (event.get("response") or {}).get("claimsOverrideDetails"))
        tokens = {
            "id_token": jwt.encode(claims, _moto_signing_key(), algorithm="RS256", headers={"kid": "dummy"}),
            "access_token": result["AccessToken"],
            "expires_in": int(result.get("ExpiresIn", 3600)),
            "token_type": "Bearer",
        }
        if result.get("RefreshToken"):
            tokens["refresh_token"] = result["RefreshToken"]
        return tokens

    def sign_in(self, username: str, password: str, mfa_code: str | None = None) -> dict[str, Any]:
        answer = self.idp.admin_initiate_auth(
            UserPoolId=self.pool_id,
            ClientId=self.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
        challenge = answer.get("ChallengeName")
        if challenge in ("SMS_MFA", "SOFTWARE_TOKEN_MFA"):
            if not mfa_code:
                raise MfaCodeRequired(challenge)
            answer = self.idp.admin_respond_to_auth_challenge(
                UserPoolId=self.pool_id,
                ClientId=self.client_id,
                ChallengeName=challenge,
                Session=answer["Session"],
                ChallengeResponses={"USERNAME": username, f"{challenge}_CODE": mfa_code},
            )
        if "AuthenticationResult" not in answer:
            raise SignInRefused(f"unexpected challenge {answer.get('ChallengeName')}")
        return self._finish(answer["AuthenticationResult"], "TokenGeneration_Authentication")

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        result = self.idp.admin_initiate_auth(
            UserPoolId=self.pool_id,
            ClientId=self.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh_token},
        )["AuthenticationResult"]
        return self._finish(result, "TokenGeneration_RefreshTokens")


# --- the endpoints ------------------------------------------------------------------------------------------


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    tokens: dict[str, Any]
    expires: float


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Masuk / Sign in (lokal)</title>
<style>body{{font:16px system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}}
label{{display:block;margin-top:.8rem}}input{{width:100%;padding:.5rem;box-sizing:border-box}}
button{{margin-top:1rem;padding:.6rem 1rem}}.error{{color:#a00}}</style></head>
<body><h1>Masuk / Sign in</h1>
<p>Pengganti lokal halaman masuk Cognito. / The local stand-in for Cognito's managed login.</p>
{error}
<form method="post" id="login">
{hidden}
<label for="username">E-mail atau nama pengguna / E-mail or username</label>
<input id="username" name="username" autocomplete="username" required value="{username}">
<label for="password">Kata sandi / Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="mfa_code">Kode MFA (petugas) / MFA code (staff)</label>
<input id="mfa_code" name="mfa_code" inputmode="numeric" autocomplete="one-time-code">
<button type="submit" name="action" value="signin" id="signin">Masuk / Sign in</button>
<button type="submit" name="action" value="signup" id="signup">Daftar sebagai warga / Sign up as a resident</button>
</form>
<p>Akun petugas dibuat oleh administrator. / Officer accounts are created by administrators.</p>
</body></html>
"""

_AUTHORIZE_PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "code_challenge",
    "code_challenge_method",
    "scope",
)


class ManagedLogin:
    """The OAuth endpoints of the local stand-in (see the module docstring). `handle` answers a request whose
    path is below `base` (e.g. /local/cognito/oauth2/token), or returns None."""

    def __init__(self, idp: Any, pool_id: str, client_id: str, trigger: Trigger) -> None:
        self.idp, self.pool_id, self.client_id = idp, pool_id, client_id
        self.issuer = TokenIssuer(idp, pool_id, client_id, trigger)
        self._grants: dict[str, _Grant] = {}
        self._lock = threading.Lock()

    # --- what an administrator does (AdminCreateUser, groups, MFA on record) ---------------------------------
    def create_officer(self, username: str, password: str, district: str) -> None:
        groups = ["officers", district_group(district)]
        self.idp.admin_create_user(
            UserPoolId=self.pool_id,
            Username=username,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "phone_number", "Value": "+6281200000000"},
                {"Name": "phone_number_verified", "Value": "true"},
            ],
        )
        self.idp.admin_set_user_password(
            UserPoolId=self.pool_id, Username=username, Password=password, Permanent=True
        )
        for group in groups:
            with contextlib.suppress(self.idp.exceptions.GroupExistsException):
                self.idp.create_group(UserPoolId=self.pool_id, GroupName=group)
            self.idp.admin_add_user_to_group(UserPoolId=self.pool_id, Username=username, GroupName=group)
        self.idp.admin_set_user_mfa_preference(
            UserPoolId=self.pool_id, Username=username, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
        )

    # --- HTTP -----------------------------------------------------------------------------------------------
    def handle(
        self, method: str, path: str, args: dict[str, str], form: dict[str, str], own_url: str
    ) -> tuple[int, dict[str, str], str] | None:
        """(status, headers, body) for /oauth2/authorize, /oauth2/token and /logout; own_url is this server's
        root URL, the only redirect and sign-out address it accepts (the deployed client's one callback)."""
        if path == "/oauth2/authorize" and method in ("GET", "POST"):
            params = {k: (form.get(k) if method == "POST" else args.get(k)) or "" for k in _AUTHORIZE_PARAMS}
            problem = self._check_authorize(params, own_url)
            if problem:
                return 400, {"content-type": "text/plain; charset=utf-8"}, problem
            if method == "GET":
                return self._page(params, "", "", 200)
            return self._sign_in(params, form)
        if path == "/oauth2/token" and method == "POST":
            status, body = self._token(form)
            return status, {"content-type": "application/json", "cache-control": "no-store"}, json.dumps(body)
        if path == "/logout" and method == "GET":
            if args.get("client_id") != self.client_id or args.get("logout_uri") != own_url:
                return (
                    400,
                    {"content-type": "text/plain; charset=utf-8"},
                    "logout_uri is not a sign-out URL of this client",
                )
            return 302, {"location": own_url}, ""
        return None

    def _check_authorize(self, params: dict[str, str], own_url: str) -> str:
        if params["client_id"] != self.client_id:
            return "unauthorized_client: unknown client_id"
        if params["redirect_uri"] != own_url:
            return "redirect_mismatch: redirect_uri is not a callback URL of this client"
        if params["response_type"] != "code":
            return "unsupported_response_type: only the authorization-code flow (no implicit flow)"
        if params["code_challenge_method"] != "S256" or len(params["code_challenge"]) < 43:
            return "invalid_request: a PKCE code_challenge with code_challenge_method=S256 is required"
        return ""

    def _page(
        self, params: dict[str, str], username: str, error: str, status: int
    ) -> tuple[int, dict[str, str], str]:
        hidden = "\n".join(
            f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in params.items()
        )
        box = f'<p class="error" role="alert" id="error">{html.escape(error)}</p>' if error else ""
        body = _PAGE.format(error=box, hidden=hidden, username=html.escape(username))
        return status, {"content-type": "text/html; charset=utf-8", "cache-control": "no-store"}, body

    def _sign_in(self, params: dict[str, str], form: dict[str, str]) -> tuple[int, dict[str, str], str]:
        username, password = form.get("username", "").strip(), form.get("password", "")
        errors = self.idp.exceptions
        try:
            if form.get("action") == "signup":
                self._sign_up(username, password)
            tokens = self.issuer.sign_in(username, password, form.get("mfa_code") or None)
        except MfaCodeRequired:
            return self._page(params, username, "Masukkan kode MFA. / Enter your MFA code.", 401)
        except SignInRefused as refused:
            return self._page(params, username, str(refused), 403)
        except (errors.NotAuthorizedException, errors.UserNotFoundException):
            return self._page(
                params, username, "Nama pengguna atau kata sandi salah. / Wrong username or password.", 401
            )
        except (
            errors.UsernameExistsException,
            errors.InvalidPasswordException,
            errors.InvalidParameterException,
        ) as exc:
            return self._page(params, username, exc.response["Error"]["Message"], 400)
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._grants[code] = _Grant(
                params["client_id"],
                params["redirect_uri"],
                params["code_challenge"],
                tokens,
                time.time() + CODE_LIFETIME_S,
            )
        query = urlencode({"code": code, "state": params["state"]})
        return 302, {"location": f"{params['redirect_uri']}?{query}"}, ""

    def _sign_up(self, username: str, password: str) -> None:
        """A resident's self sign-up (no group: a resident). In AWS a code by e-mail or SMS confirms it;
        here it is confirmed at once."""
        attributes = [{"Name": "email", "Value": username}] if "@" in username else []
        self.idp.sign_up(
            ClientId=self.client_id, Username=username, Password=password, UserAttributes=attributes
        )
        self.idp.admin_confirm_sign_up(UserPoolId=self.pool_id, Username=username)

    def _token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("client_id") != self.client_id:
            return 400, {"error": "invalid_client"}
        if form.get("grant_type") == "refresh_token":
            try:
                return 200, self.issuer.refresh(form.get("refresh_token", ""))
            except (self.idp.exceptions.NotAuthorizedException, SignInRefused):
                return 400, {"error": "invalid_grant"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # once only, whatever happens next
        verifier = form.get("code_verifier", "")
        if (
            grant is None
            or grant.expires < time.time()
            or grant.client_id != form.get("client_id")
            or grant.redirect_uri != form.get("redirect_uri")
            or not hmac.compare_digest(_s256(verifier), grant.challenge)
        ):
            return 400, {"error": "invalid_grant"}
        return 200, grant.tokens
