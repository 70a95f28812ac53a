"""A domain test needs nothing but the domain: running tests/unit/domain loads no AWS library, no moto and no
local runtime (the local stack's fixture lives in tests/support/stack.py, imported only by the suites that use
it). The domain's own modules are checked to import no AWS library either, whoever imports them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FORBIDDEN = ("boto3", "botocore", "moto", "local_runtime", "aws_lambda_powertools", "ektp.adapters")

_RUN_DOMAIN_TESTS = """
import json, sys
import pytest
code = pytest.main(["tests/unit/domain", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly"])
print("\\nLOADED " + json.dumps(sorted(sys.modules)))
sys.exit(int(code))
"""


def _loaded(code: str) -> tuple[int, list[str], str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'layers' / 'core'}{os.pathsep}{ROOT}"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    line = next(line for line in reversed(result.stdout.splitlines()) if line.startswith("LOADED "))
    return result.returncode, json.loads(line.removeprefix("LOADED ")), result.stdout[-2000:]


def _forbidden(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if m in FORBIDDEN or m.startswith(tuple(f"{f}." for f in FORBIDDEN)))


def test_the_domain_tests_run_without_aws_moto_or_the_local_runtime() -> None:
    returncode, modules, output = _loaded(_RUN_DOMAIN_TESTS)
    assert returncode == 0, output
    assert "ektp.domain.nik" in modules  # the domain tests did run
    assert _forbidden(modules) == []


def test_the_domain_package_imports_no_aws_library() -> None:
    packages = sorted(p.stem for p in (ROOT / "layers" / "core" / "ektp" / "domain").glob("*.py"))
    imports = "".join(f"import ektp.domain.{name}\n" for name in packages if name != "__init__")
    _, modules, output = _loaded(
        f"{imports}import json, sys\nprint('LOADED ' + json.dumps(sorted(sys.modules)))\n"
    )
    assert f"ektp.domain.{packages[-1]}" in modules, output
    assert _forbidden(modules) == []
