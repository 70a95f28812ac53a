"""Every step the state machines ask for has a handler, every handler is asked for, and the ASL published in
docs/state-machines/ is the one the stack synthesizes (like docs/openapi.json: regenerate, never hand-edit)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ektp.domain.stages import BIOMETRIC_STEPS, CHAIN_STEPS, SWEEP_STEPS, Step
from tests.support.cdk_app import OUTDIR
from tools.state_machines import DOCS, definitions, rendered, synthesized_template

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return synthesized_template(OUTDIR)


def _handler_steps(handler: str, table: str) -> set[str]:
    """The keys of a handler's step table, read from its source (importing it would need a deployment's settings)."""
    tree = ast.parse((ROOT / handler).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == table:
            assert isinstance(node.value, ast.Dict)
            return {_key(k) for k in node.value.keys if k is not None}
    raise AssertionError(f"{table} not found in {handler}")


def _key(node: ast.expr) -> str:
    """A step table's key: a `Step` member (ektp.domain.stages), or a plain string."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Step":
        return Step[node.attr].value
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), ast.dump(node)
    return node.value


def _named_states(definition: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, state in definition.get("States", {}).items():
        yield name, state
        for branch in state.get("Branches", []):
            yield from _named_states(branch)
        for key in ("Iterator", "ItemProcessor"):
            if key in state:
                yield from _named_states(state[key])


def _states(definition: dict[str, Any]) -> Iterator[dict[str, Any]]:
    return (state for _, state in _named_states(definition))


def _asked_steps(template: dict[str, Any], function: str) -> set[str]:
    """The `step` each Task names in its payload, for the Lambda function whose readable name is `function`."""
    asked: set[str] = set()
    for definition in definitions(template).values():
        for state in _states(definition):
            parameters = state.get("Parameters", {})
            if state.get("Type") != "Task" or parameters.get("FunctionName") != f"function:{function}":
                continue
            payload = parameters.get("Payload", {})
            if "step" in payload:
                asked.add(payload["step"])
    return asked


def test_every_chain_step_has_a_handler_and_every_handler_is_asked_for(template: dict[str, Any]) -> None:
    asked = _asked_steps(template, "ComputeChain")
    handled = _handler_steps("functions/chain/handler.py", "STEPS")
    assert asked, "no chain step found in the definitions: the rendering or the payload shape changed"
    assert asked - handled == set(), "steps the chain asks for that no handler serves"
    assert handled - asked == set(), "handlers no state ever asks for"
    assert handled == {s.value for s in CHAIN_STEPS}, "ektp.domain.stages.CHAIN_STEPS names the chain's steps"


def test_every_biometric_step_has_a_handler_and_every_handler_is_asked_for(template: dict[str, Any]) -> None:
    asked = _asked_steps(template, "ComputeBiometrics")
    handled = _handler_steps("functions/biometrics/handler.py", "STEPS") | _handler_steps(
        "functions/biometrics/handler.py", "SWEEP_STEPS"
    )
    assert asked, "no biometric step found in the definitions"
    assert asked - handled == set()
    assert handled - asked == set()
    assert handled == {s.value for s in BIOMETRIC_STEPS | SWEEP_STEPS}


def _first_word(camel: str) -> str:
    return re.findall(r"[A-Z][a-z]*", camel)[0].lower()


def test_each_task_state_begins_with_the_verb_of_its_step(template: dict[str, Any]) -> None:
    """One verb from state to function: `CheckDomicile` asks for Step.CHECK_DOMICILE, which runs check_domicile.
    A state that waits for a task token is named for the wait (`AwaitFieldVisit` asks for request_field_visit)."""
    off: list[str] = []
    for definition in definitions(template).values():
        for name, state in _named_states(definition):
            step = state.get("Parameters", {}).get("Payload", {}).get("step")
            if state.get("Type") != "Task" or step is None:
                continue
            verb = Step(step).name.split("_")[0].lower()
            waits = state["Resource"].endswith(".waitForTaskToken") and _first_word(name) == "await"
            if _first_word(name) != verb and not waits:
                off.append(f"{name} asks for Step.{Step(step).name}")
    assert off == []


def test_the_published_state_machines_are_the_synthesized_ones(template: dict[str, Any]) -> None:
    files = rendered(template)
    published = {path.name for path in DOCS.glob("*.asl.json")}
    assert published == set(files), "run: python -m tools.state_machines --write"
    for name, content in files.items():
        assert (DOCS / name).read_text() == content, (
            f"docs/state-machines/{name} is stale: python -m tools.state_machines --write"
        )
