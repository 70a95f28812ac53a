"""Synthesize the CDK app once (cached by the hash of what shapes the template) and resolve its intrinsics."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "synth"
ACCOUNT = "123456789012"  # moto's default account


def _sources_digest(context: dict[str, Any]) -> str:
    h = hashlib.sha256(json.dumps(context, sort_keys=True).encode())
    files = [ROOT / "app.py", ROOT / "cdk.json", *sorted((ROOT / "infra").rglob("*.py"))]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def synthesize(context: dict[str, Any] | None = None) -> dict[str, Any]:
    """The stack's template as a dict. Synth runs in a subprocess (jsii starts Node) only when sources change."""
    context = {"local_placeholder_layers": True, **(context or {})}
    out = CACHE / _sources_digest(context)
    CACHE.mkdir(parents=True, exist_ok=True)
    # Parallel test workers start stacks at once: one synthesizes, the others wait and read its output.
    with open(CACHE / f"{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _synthesize_locked(context, out)


def _synthesize_locked(context: dict[str, Any], out: Path) -> dict[str, Any]:
    # The application's stack; the edge stack (a CloudFront web ACL in us-east-1) has nothing to run locally.
    templates = list(out.glob("Ektp-*.template.json")) if out.exists() else []
    if not templates:
        env = {
            **os.environ,
            "CDK_OUTDIR": str(out),
            "CDK_CONTEXT_JSON": json.dumps(context),
            "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
            "JSII_RUNTIME_PACKAGE_CACHE_ROOT": str(ROOT / ".cache" / "jsii"),
            "CDK_DISABLE_CLI_TELEMETRY": "true",
        }
        subprocess.run(
            [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, check=True, capture_output=True
        )
        templates = list(out.glob("Ektp-*.template.json"))
    return dict(json.loads(templates[0].read_text()))


class Resolver:
    """Turns CloudFormation intrinsics into the concrete values of what was provisioned locally."""

    def __init__(self, region: str) -> None:
        self.region = region
        self.refs: dict[str, str] = {}
        self.attrs: dict[tuple[str, str], str] = {}

    def pseudo(self, name: str) -> str:
        return {
            "AWS::Partition": "aws",
            "AWS::Region": self.region,
            "AWS::AccountId": ACCOUNT,
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackName": "ektp-local",
            "AWS::NoValue": "",
        }[name]

    def __call__(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            handlers: dict[str, Callable[[Any], Any]] = {
                "Ref": lambda a: self.pseudo(a) if a.startswith("AWS::") else self.refs[a],
                "Fn::GetAtt": lambda a: self.attrs[(a[0], a[1])],
                "Fn::Join": lambda a: a[0].join(str(self(p)) for p in a[1]),
                "Fn::Select": lambda a: self(a[1])[int(a[0])],
                "Fn::Split": lambda a: str(self(a[1])).split(a[0]),
                "Fn::Sub": self._sub,
            }
            if key in handlers:
                return handlers[key](arg)
        return {k: self(v) for k, v in value.items()}

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
        import re

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self(variables[name]))
            if "." in name:
                logical, attr = name.split(".", 1)
                return self.attrs[(logical, attr)]
            return self.pseudo(name) if name.startswith("AWS::") else self.refs[name]

        return re.sub(r"\$\{([^}]+)\}", replace, text)
