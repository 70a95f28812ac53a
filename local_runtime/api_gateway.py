"""API Gateway HTTP API, emulated: route matching from the template's routes, the JWT authorizer (signature,
issuer, audience, expiry checked against the user pool's published keys), and the payload format 2.0 event."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any

import boto3
import jwt
import requests

from local_runtime.provision import Route


@dataclass
class ApiResponse:
    status: int
    headers: dict[str, str]
    body: str
    raw: bytes = b""  # the body's bytes (binary responses: a PNG, a PDF)

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{([a-z_]+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$")


class LocalHttpApi:
    def __init__(
        self,
        routes: list[Route],
        endpoint: str,
        region: str,
        user_pool_id: str,
        edge_headers: dict[str, str] | None = None,
    ) -> None:
        self._routes = [(route, _pattern(route.path)) for route in routes]
        # What CloudFront adds on the way to the API in AWS (the edge secret): every request carries it unless
        # it is made with direct=True, as a caller of the execute-api URL would.
        self.edge_headers = {k.lower(): v for k, v in (edge_headers or {}).items()}
        self._lambda = boto3.client("lambda", endpoint_url=endpoint, region_name=region)
        self._jwks_url = f"{endpoint}/{user_pool_id}/.well-known/jwks.json"
        self._keys: dict[str, Any] | None = None

    def _signing_key(self, token: str) -> Any:
        if self._keys is None:
            jwks = requests.get(self._jwks_url, timeout=5).json()
            self._keys = {k["kid"]: jwt.PyJWK(k).key for k in jwks["keys"]}
        return self._keys[jwt.get_unverified_header(token)["kid"]]

    def _claims(self, route: Route, authorization: str | None) -> dict[str, Any] | None:
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        token = authorization.split(" ", 1)[1]
        try:
            return dict(
                jwt.decode(
                    token,
                    self._signing_key(token),
                    algorithms=["RS256"],
                    audience=route.audience,
                    issuer=route.issuer,
                    options={"require": ["exp", "iss", "aud", "sub"]},
                )
            )
        except (jwt.PyJWTError, KeyError):
            return None

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: str | bytes | None = None,
        query: str = "",
        direct: bool = False,
    ) -> ApiResponse:
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        if not direct:
            headers.update(self.edge_headers)  # overwrites a caller's own, as an origin custom header does
        for route, pattern in self._routes:
            match = pattern.match(path)
            if route.method != method.upper() or match is None:
                continue
            claims: dict[str, Any] | None = None
            if route.authorization == "JWT":
                claims = self._claims(route, headers.get("authorization"))
                if claims is None:
                    return ApiResponse(
                        401, {"content-type": "application/json"}, json.dumps({"message": "Unauthorized"})
                    )
            raw = body.decode() if isinstance(body, bytes) else body
            event = self._event(route, path, method.upper(), headers, raw, match.groupdict(), claims, query)
            response = self._lambda.invoke(
                FunctionName=route.function_arn, Payload=json.dumps(event).encode()
            )
            payload = json.loads(response["Payload"].read() or b"null")
            if response.get("FunctionError"):
                return ApiResponse(
                    500,
                    {"content-type": "application/json"},
                    json.dumps({"message": "Internal Server Error"}),
                )
            response_body = payload.get("body") or ""
            data = (
                base64.b64decode(response_body) if payload.get("isBase64Encoded") else response_body.encode()
            )
            return ApiResponse(
                int(payload.get("statusCode", 200)),
                dict(payload.get("headers") or {}),
                data.decode(errors="replace"),
                data,
            )
        return ApiResponse(404, {"content-type": "application/json"}, json.dumps({"message": "Not Found"}))

    @staticmethod
    def _event(
        route: Route,
        path: str,
        method: str,
        headers: dict[str, str],
        body: str | None,
        params: dict[str, str],
        claims: dict[str, Any] | None,
        query: str,
    ) -> dict[str, Any]:
        # HTTP APIs hand claims to the integration as strings; arrays become "[a b]".
        flat = {
            k: (f"[{' '.join(map(str, v))}]" if isinstance(v, list) else str(v))
            for k, v in (claims or {}).items()
        }
        now = time.time()
        return {
            "version": "2.0",
            "routeKey": f"{route.method} {route.path}",
            "rawPath": path,
            "rawQueryString": query,
            "headers": headers,
            "queryStringParameters": dict(p.split("=", 1) for p in query.split("&") if "=" in p) or None,
            "pathParameters": params or None,
            "body": body,
            "isBase64Encoded": False,
            "requestContext": {
                "accountId": "123456789012",
                "apiId": "local",
                "domainName": "localhost",
                "http": {
                    "method": method,
                    "path": path,
                    "protocol": "HTTP/1.1",
                    "sourceIp": "127.0.0.1",
                    "userAgent": headers.get("user-agent", ""),
                },
                "requestId": str(uuid.uuid4()),
                "routeKey": f"{route.method} {route.path}",
                "stage": "$default",
                "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
                "timeEpoch": int(now * 1000),
                "authorizer": {"jwt": {"claims": flat, "scopes": None}} if claims is not None else None,
            },
        }
