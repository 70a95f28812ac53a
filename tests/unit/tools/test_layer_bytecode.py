"""The layers ship bytecode for Lambda's Python, valid without the sources' timestamps (/opt is read-only)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from infra.settings import LAMBDA_RUNTIME
from tools.build_layers import BUILD, LAMBDA_PYTHON, bytecode_interpreter

TAG = f"cpython-{LAMBDA_PYTHON.replace('.', '')}"


def test_the_layers_are_built_for_the_functions_runtime() -> None:
    assert LAMBDA_RUNTIME.name == f"python{LAMBDA_PYTHON}"


@pytest.mark.skipif(bytecode_interpreter() is None, reason=f"no python{LAMBDA_PYTHON} on this machine")
@pytest.mark.parametrize(
    ("layer", "package"), [("core", "ektp"), ("deps", "pydantic"), ("deps", "aws_lambda_powertools")]
)
def test_every_module_has_unchecked_hash_bytecode(layer: str, package: str) -> None:
    root = BUILD / layer / "python" / package
    if not root.is_dir():
        pytest.skip(f"layer {layer} not built (make layers)")
    sources = [p for p in root.rglob("*.py")]
    assert sources
    missing = []
    for source in sources:
        compiled = source.parent / "__pycache__" / f"{source.stem}.{TAG}.pyc"
        if not compiled.is_file():
            missing.append(str(source.relative_to(root)))
            continue
        flags = struct.unpack("<I", compiled.read_bytes()[4:8])[0]
        assert flags == 0b01, f"{compiled}: flags {flags:#b} (want hash-based, unchecked)"
    assert not missing, f"{len(missing)} modules without bytecode, e.g. {missing[:3]}"


def test_an_interpreter_of_another_version_is_not_taken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "python-other"
    fake.write_text("#!/bin/sh\necho 2.7\n")
    fake.chmod(0o755)
    monkeypatch.setenv("EKTP_BYTECODE_PYTHON", str(fake))
    bytecode_interpreter.cache_clear()
    try:
        assert bytecode_interpreter() != str(fake)
    finally:
        bytecode_interpreter.cache_clear()
