"""Cold start of each Lambda handler module, in a fresh interpreter per run (what a cold start pays before
the first event, on top of the runtime's own start), in two figures:

- import: the modules the handler imports (its top-level import statements: Powertools, boto3, pydantic,
  OpenCV, the ektp modules), i.e. the code loaded;
- init: the whole module body on top, i.e. also what the handler builds once per environment at module level
  (boto3 clients, settings, models such as the photo check's face detector), which Lambda runs in the same
  init phase.

    .venv/bin/python -m bench.coldstart [--quick]

Every setting a handler may read at import time (the fields of the settings models in ektp.config) is set to
a dummy value; no AWS call is made at import. One warm-up run fills the OS file cache, then the figure is the
median of the rest, with the child's peak resident memory after the import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bench.harness import ROOT, summarize

_CHILD = """
import ast, importlib, importlib.util, json, os, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))  # Lambda's task root: the function's own folder (routes/)
source = open(sys.argv[1]).read()
names = []
for node in ast.parse(source).body:  # what the module imports when it loads (not under TYPE_CHECKING)
    if isinstance(node, ast.Import):
        names += [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
        names.append(node.module)
        names += [node.module + "." + alias.name for alias in node.names]  # submodules; the rest is skipped
t0 = time.perf_counter()
for name in names:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # a missing dependency, not a class or function imported by name
            raise
t1 = time.perf_counter()
spec = importlib.util.spec_from_file_location("handler", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
t2 = time.perf_counter()
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "init_ms": (t2 - t0) * 1e3, "peak_mb": peak,
                  "modules": len(sys.modules)}))
"""


def dummy_environment() -> dict[str, str]:
    """A value for every setting declared in ektp.config, plus what the runtime and Powertools expect."""
    from ektp import config

    env = {
        "AWS_DEFAULT_REGION": "ap-southeast-3",
        "AWS_REGION": "ap-southeast-3",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "POWERTOOLS_SERVICE_NAME": "bench",
        "POWERTOOLS_METRICS_NAMESPACE": "ektp",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "PYDANTIC_DISABLE_PLUGINS": "__all__",  # as infra/compute.py sets for every function
        "OMP_NUM_THREADS": "1",
    }
    for value in vars(config).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            for name, field in value.model_fields.items():
                dummy = (
                    "https://sqs.ap-southeast-3.amazonaws.com/123456789012/bench"
                    if name.endswith("_url")
                    else (
                        "arn:aws:states:ap-southeast-3:123456789012:stateMachine:bench"
                        if name.endswith("_arn")
                        else "bench"
                    )
                )
                if not field.is_required():
                    continue  # its default is a real value; "bench" would not even parse as a bool or number
                typed = {int: "1", float: "1", bool: "false"}.get(field.annotation)  # type: ignore[arg-type]
                env.setdefault(name.upper(), typed or dummy)
    return env


def handlers() -> dict[str, Path]:
    return {p.parent.name: p for p in sorted((ROOT / "functions").glob("*/handler.py"))}


def bench_handler(path: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    samples: list[dict[str, float]] = []
    for i in range(runs + 1):
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
            timeout=120,
        )
        if proc.returncode != 0:
            last = proc.stderr.strip().splitlines()[-1:] or ["no output"]
            return {"error": last[0][:300]}
        if i > 0:  # the first run warms the OS file cache
            samples.append(json.loads(proc.stdout))
    return {
        "import_ms": summarize([s["import_ms"] for s in samples], digits=1),
        "init_ms": summarize([s["init_ms"] for s in samples], digits=1),
        "peak_mb": round(max(s["peak_mb"] for s in samples), 1),
        "modules": int(samples[-1]["modules"]),
    }


def child_environment() -> dict[str, str]:
    """This process's environment with the dummy settings, the core layer on the path and no local endpoint."""
    env = {
        **os.environ,
        **dummy_environment(),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "layers" / "core"), str(ROOT)]),
    }
    env.pop("AWS_ENDPOINT_URL", None)
    return env


def run(quick: bool = False) -> dict[str, Any]:
    env = child_environment()
    runs = 1 if quick else 9  # the 2-core machine is noisy: nine runs for a median
    return {name: bench_handler(path, runs, env) for name, path in handlers().items()}


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
