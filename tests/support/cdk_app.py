"""The CDK app as the infrastructure tests build it: every app of a test process synthesizes into one directory,
removed when the process ends. Without it each app staged its assets (the layers, ~280 MB) in a new
/tmp/cdk.outXXXX that nothing removed: about 2.8 GB left behind by every `make test`."""

from __future__ import annotations

import atexit
import shutil
import tempfile

from aws_cdk import App

from app import build_app
from infra.stack import EktpStack

OUTDIR = tempfile.mkdtemp(prefix="ektp-test-cdk-out-")
atexit.register(shutil.rmtree, OUTDIR, ignore_errors=True)


def synth_app(context: dict[str, object] | None = None) -> tuple[App, EktpStack]:
    """`app.build_app` with this process's output directory."""
    return build_app(context, outdir=OUTDIR)
