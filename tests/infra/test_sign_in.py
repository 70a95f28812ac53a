"""Sign-in as deployed (issue 17, item 5) and issue 16's attack 5: an officer moving into another district.

The attack: an officer signs in, calls UpdateUserAttributes with their own access token to write
`custom:district`, signs in again and works another district's queue. In AWS it is refused four times over
(asserted on the template): the pool has no district attribute at all, every app client's WriteAttributes
leave it out, the managed-login client's tokens lack the `aws.cognito.signin.user.admin` scope that
UpdateUserAttributes needs, and no client allows a direct password or SRP sign-in that would mint such a
token. moto enforces none of these (5.2.5: UpdateUserAttributes writes any attribute for any access token it
issued), so on moto the attack is closed where moto does run our code: the pre-token-generation trigger sets
the district claim from the administrator-managed group `district-<code>` and drops whatever the account wrote.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import boto3
import jwt
import pytest
from aws_cdk.assertions import Template
from botocore.exceptions import ClientError
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.domain.access import principal_from_claims
from local_runtime.oauth import TokenIssuer
from tests.support.cdk_app import synth_app

REGION = "ap-southeast-3"
ADMIN_SCOPE = "aws.cognito.signin.user.admin"
MFA = "123456"  # moto accepts any SMS code


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    _, stack = synth_app({"local_placeholder_layers": True})
    return dict(Template.from_stack(stack).to_json())


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == kind}


def _props(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r.get("Properties", {}) for r in _of_type(template, kind).values()]


# --- the template: what AWS enforces -----------------------------------------------------------------------


def test_no_account_can_write_a_district_of_its_own(template: dict[str, Any]) -> None:
    (pool,) = _props(template, "AWS::Cognito::UserPool")
    district = [a for a in pool.get("Schema", []) if a["Name"] == "district"]
    assert all(
        a.get("Mutable") is False for a in district
    )  # best: no such attribute (groups assign districts)
    clients = _props(template, "AWS::Cognito::UserPoolClient")
    assert clients
    for client in clients:
        # Without WriteAttributes a client may write every writable attribute: the list must be explicit.
        assert client.get("WriteAttributes"), client
        assert not [a for a in client["WriteAttributes"] if a.startswith("custom:") or a.startswith("dev:")]
        assert ADMIN_SCOPE not in client.get("AllowedOAuthScopes", [])
        # No direct password or SRP sign-in (those tokens always carry the admin scope): managed login only.
        assert client.get("ExplicitAuthFlows") == ["ALLOW_REFRESH_TOKEN_AUTH"]


def test_a_staff_members_nik_is_an_administrators_record_no_account_reads_or_writes(
    template: dict[str, Any],
) -> None:
    """s10: the officer's own NIK (no officer handles their own or their family's case, domain/duties.py) is a
    custom attribute only the administrators' API writes: no app client may write or even read it (the trigger
    puts it into staff tokens, tests/unit/services/test_officer_own_case_attack.py)."""
    (pool,) = _props(template, "AWS::Cognito::UserPool")
    (nik,) = [a for a in pool.get("Schema", []) if a["Name"] == "staff_nik"]
    assert nik["AttributeDataType"] == "String"
    assert nik["StringAttributeConstraints"] == {"MinLength": "16", "MaxLength": "16"}
    for client in _props(template, "AWS::Cognito::UserPoolClient"):
        assert client.get("ReadAttributes") and client.get("WriteAttributes"), client  # explicit lists
        for listed in (client["ReadAttributes"], client["WriteAttributes"]):
            assert "custom:staff_nik" not in listed


def test_managed_login_uses_the_code_flow_with_the_clients_own_url(template: dict[str, Any]) -> None:
    (domain,) = _props(template, "AWS::Cognito::UserPoolDomain")
    assert domain["Domain"] and "CustomDomainConfig" not in domain  # a Cognito prefix domain
    assert domain.get("ManagedLoginVersion") == 2
    (branding,) = _props(template, "AWS::Cognito::ManagedLoginBranding")  # managed login needs one per client
    assert branding["UseCognitoProvidedValues"] is True
    (client,) = _props(template, "AWS::Cognito::UserPoolClient")
    assert client["AllowedOAuthFlows"] == ["code"]  # never "implicit": tokens in the URL fragment
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["SupportedIdentityProviders"] == ["COGNITO"]
    assert "GenerateSecret" not in client or client["GenerateSecret"] is False  # a browser keeps no secret
    assert {"openid", "email", "phone"} <= set(client["AllowedOAuthScopes"])
    (cdn_id,) = _of_type(template, "AWS::CloudFront::Distribution")
    own_url = {"Fn::Join": ["", ["https://", {"Fn::GetAtt": [cdn_id, "DomainName"]}, "/"]]}
    assert client["CallbackURLs"] == [own_url] and client["LogoutURLs"] == [own_url]
    assert "example.com" not in str(client)


def test_residents_sign_up_and_verify_and_officers_are_made_by_administrators(
    template: dict[str, Any],
) -> None:
    (pool,) = _props(template, "AWS::Cognito::UserPool")
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False  # residents sign up themselves
    assert set(pool["AutoVerifiedAttributes"]) == {"email", "phone_number"}  # with a code by e-mail or SMS
    assert set(pool["UsernameAttributes"]) == {"email", "phone_number"}
    groups = {g["GroupName"] for g in _props(template, "AWS::Cognito::UserPoolGroup")}
    assert {"officers", "operators"} <= groups  # roles by group: only the administrators' API adds members


def _graph(template: dict[str, Any]) -> dict[str, set[str]]:
    """Resource -> the resources it needs (Ref, GetAtt, DependsOn), as CloudFormation orders them."""
    resources = template["Resources"]

    def refs(node: Any) -> set[str]:
        if isinstance(node, dict):
            found = set()
            if "Ref" in node and node["Ref"] in resources:
                found.add(node["Ref"])
            if "Fn::GetAtt" in node and node["Fn::GetAtt"][0] in resources:
                found.add(node["Fn::GetAtt"][0])
            return found.union(*(refs(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(refs(v) for v in node))
        return set()

    graph = {}
    for name, resource in resources.items():
        depends = resource.get("DependsOn", [])
        graph[name] = refs(resource.get("Properties", {})) | set(
            [depends] if isinstance(depends, str) else depends
        )
    return graph


def test_one_deploy_creates_the_client_after_the_distribution_without_a_cycle(
    template: dict[str, Any],
) -> None:
    """client -> distribution -> API -> authorizer -> client would be a cycle: the distribution names only the
    HTTP API's id, which needs neither the authorizer nor the client, so CloudFormation can order them."""
    graph = _graph(template)
    (client,) = _of_type(template, "AWS::Cognito::UserPoolClient")
    (cdn,) = _of_type(template, "AWS::CloudFront::Distribution")
    (authorizer,) = _of_type(template, "AWS::ApiGatewayV2::Authorizer")
    assert cdn in graph[client] and client in graph[authorizer]
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, f"dependency cycle: {' -> '.join([*path, node, nxt])}"
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


# --- moto: the attack performed ------------------------------------------------------------------------------


@pytest.fixture
def pool(template: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, str, str]]:
    """moto's user pool and client made from the synthesized ones (schema, username attributes, the
    client's read and write attributes); the password flow stands in for managed login's password page."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    (props,) = _props(template, "AWS::Cognito::UserPool")
    (client,) = _props(template, "AWS::Cognito::UserPoolClient")
    with mock_aws():
        reset_clients()
        idp = boto3.client("cognito-idp", region_name=REGION)
        schema = {"Schema": props["Schema"]} if props.get("Schema") else {}
        pool_id = idp.create_user_pool(
            PoolName="ektp",
            UsernameAttributes=props["UsernameAttributes"],
            MfaConfiguration=props.get("MfaConfiguration", "OPTIONAL"),
            **schema,
        )["UserPool"]["Id"]
        client_id = idp.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="web",
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            ReadAttributes=client.get("ReadAttributes", []),
            WriteAttributes=client.get("WriteAttributes", []),
        )["UserPoolClient"]["ClientId"]
        for group in ("residents", "officers", "district-31.71.01"):
            idp.create_group(UserPoolId=pool_id, GroupName=group)
        yield idp, pool_id, client_id
        reset_clients()


def _guard(event: dict[str, Any]) -> dict[str, Any]:
    """The pool's pre-token-generation trigger, called as Cognito calls it."""
    from functions.token_guard.handler import handler
    from local_runtime.dispatch import LambdaContext

    context = LambdaContext(
        function_name="token-guard", memory_limit_in_mb=256, invoked_function_arn="arn", timeout_s=5
    )
    return handler(event, context)  # type: ignore[arg-type]


def _officer(idp: Any, pool_id: str, username: str, groups: list[str]) -> str:
    """What an administrator does: the account, its groups, and SMS MFA on record (the trigger asks)."""
    password = "Aa1!" + secrets.token_urlsafe(12)
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": username},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "phone_number", "Value": "+6281200000001"},
            {"Name": "phone_number_verified", "Value": "true"},
        ],
    )
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
    for group in groups:
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username=username, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    return password


def _self_update(idp: Any, access_token: str, district: str) -> bool:
    """The attack: the officer's own UpdateUserAttributes call. True when the user pool accepted it."""
    try:
        idp.update_user_attributes(
            AccessToken=access_token, UserAttributes=[{"Name": "custom:district", "Value": district}]
        )
    except ClientError:
        return False
    return True


def _principal(tokens: dict[str, Any]) -> Any:
    return principal_from_claims(jwt.decode(tokens["id_token"], options={"verify_signature": False}))


def test_an_officer_who_writes_another_district_into_their_account_keeps_their_own(
    pool: tuple[Any, str, str],
) -> None:
    idp, pool_id, client_id = pool
    issuer = TokenIssuer(idp, pool_id, client_id, trigger=_guard)
    officer = "petugas@example.invalid"
    password = _officer(idp, pool_id, officer, ["officers", "district-31.71.01"])
    first = issuer.sign_in(officer, password, MFA)

    accepted = _self_update(idp, first["access_token"], "32.04.01")
    # moto 5.2.5 accepts it (AWS refuses it: the template tests above); if moto learns to refuse, so much the better.
    again = issuer.sign_in(officer, password, MFA)
    principal = _principal(again)
    assert principal.district != "32.04.01", (
        f"the officer moved into 32.04.01 (self-update accepted: {accepted})"
    )
    assert principal.has("officer") and principal.district == "31.71.01"
    assert _principal(first).district == "31.71.01"
    refreshed = issuer.refresh(first["refresh_token"])  # a refresh runs the trigger too
    assert _principal(refreshed).district == "31.71.01"


def test_a_staff_account_with_no_or_two_district_groups_serves_no_district(
    pool: tuple[Any, str, str],
) -> None:
    idp, pool_id, client_id = pool
    idp.create_group(UserPoolId=pool_id, GroupName="district-32.04.01")
    issuer = TokenIssuer(idp, pool_id, client_id, trigger=_guard)
    none = _officer(idp, pool_id, "baru@example.invalid", ["officers"])
    first = issuer.sign_in("baru@example.invalid", none, MFA)
    _self_update(idp, first["access_token"], "31.71.01")
    assert _principal(issuer.sign_in("baru@example.invalid", none, MFA)).district is None
    two = _officer(
        idp, pool_id, "dua@example.invalid", ["officers", "district-31.71.01", "district-32.04.01"]
    )
    assert _principal(issuer.sign_in("dua@example.invalid", two, MFA)).district is None


def test_a_resident_who_signs_up_with_a_district_is_a_resident_without_one(
    pool: tuple[Any, str, str],
) -> None:
    idp, pool_id, client_id = pool
    issuer = TokenIssuer(idp, pool_id, client_id, trigger=_guard)
    password = "Aa1!" + secrets.token_urlsafe(12)
    idp.sign_up(
        ClientId=client_id,
        Username="warga@example.invalid",
        Password=password,
        UserAttributes=[
            {"Name": "email", "Value": "warga@example.invalid"},
            {
                "Name": "custom:district",
                "Value": "31.71.01",
            },  # AWS refuses it (WriteAttributes); moto keeps it
        ],
    )
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="warga@example.invalid")
    principal = _principal(issuer.sign_in("warga@example.invalid", password))
    assert principal.roles == {"resident"} and principal.district is None
