"""The synthesized state machines as readable ASL, written to docs/state-machines/ and checked for drift.

    python -m tools.state_machines --write

CloudFormation tokens become names a reader can follow: a function's ARN is `function:<construct path>`, a queue's
`queue:<path>`, other references `<ref:LogicalId>`. The definitions come from the same app `cdk synth` builds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parents[1] / "docs" / "state-machines"
_HASH = re.compile(r"[0-9A-F]{8}$")


def _readable(logical_id: str) -> str:
    return _HASH.sub("", logical_id)


def _token(part: dict[str, Any], resources: dict[str, Any]) -> str:
    if "Ref" in part:
        name = part["Ref"]
        return "aws" if name == "AWS::Partition" else f"<ref:{_readable(name)}>"
    if "Fn::GetAtt" in part:
        logical, attribute = part["Fn::GetAtt"]
        kind = resources.get(logical, {}).get("Type", "")
        prefix = {"AWS::Lambda::Function": "function", "AWS::SQS::Queue": "queue"}.get(kind, attribute)
        return f"{prefix}:{_readable(logical)}"
    return "<token>"


def definitions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each state machine's definition by its readable name, tokens replaced."""
    resources: dict[str, Any] = template["Resources"]
    out: dict[str, dict[str, Any]] = {}
    for logical, resource in sorted(resources.items()):
        if resource["Type"] != "AWS::StepFunctions::StateMachine":
            continue
        parts = resource["Properties"]["DefinitionString"]["Fn::Join"][1]
        text = "".join(p if isinstance(p, str) else _token(p, resources) for p in parts)
        out[_readable(logical)] = json.loads(text)
    return out


def rendered(template: dict[str, Any]) -> dict[str, str]:
    """File name -> content, as written under docs/state-machines/."""
    return {
        f"{name}.asl.json": json.dumps(definition, indent=2, sort_keys=False) + "\n"
        for name, definition in definitions(template).items()
    }


def synthesized_template(outdir: str | None = None) -> dict[str, Any]:
    from aws_cdk.assertions import Template

    from app import build_app

    _, stack = build_app(outdir=outdir)
    return dict(Template.from_stack(stack).to_json())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite docs/state-machines/")
    args = parser.parse_args(argv)
    files = rendered(synthesized_template())
    if args.write:
        DOCS.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (DOCS / name).write_text(content)
        return 0
    stale = [
        name
        for name, content in files.items()
        if not (DOCS / name).exists() or (DOCS / name).read_text() != content
    ]
    for name in stale:
        print(
            f"docs/state-machines/{name} is stale: run python -m tools.state_machines --write",
            file=sys.stderr,
        )
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
