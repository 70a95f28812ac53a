# ektp: the two commands of the README are `make demo` and `make test`. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export JSII_RUNTIME_PACKAGE_CACHE_ROOT := $(CURDIR)/.cache/jsii
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CDK_DISABLE_CLI_TELEMETRY := true
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup system-packages layers demo test lint typecheck unit synth serve bench seed clean openapi load images containers

setup: $(VENV)/.installed node_modules/.installed system-packages

# The Debian packages first (order-only: checked every time, rebuild nothing): python3-venv and npm among them.
$(VENV)/.installed: pyproject.toml | system-packages
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-packages:
	@bash tools/install_system_packages.sh

# Lambda layers for arm64, built with pip --platform (no Docker); cached by their requirements' hash.
layers: $(VENV)/.installed
	$(PY) -m tools.build_layers

# The two container-image functions (OCR, biometrics) built with a real Docker engine, which is installed
# (Debian's docker.io) and started when none answers, on a Debian 13 base made here once (no registry is
# reachable). Docker's layer cache makes a second run take seconds.
images: $(VENV)/.installed
	@bash tools/install_system_packages.sh images
	$(PY) -m tools.images

# The README's main command: the whole stack on moto, one resident from registration to the final status.
# EKTP_CONTAINERS=1 runs the OCR and biometrics functions in their images instead of this process.
demo: setup $(if $(filter 1,$(EKTP_CONTAINERS)),images)
	$(PY) -m local_runtime.demo

# The README's test command: lint, types, every test, then cdk synth with cdk-nag and cfn-lint.
test: setup layers images lint typecheck unit containers synth

# The web client too: ESLint, Prettier and its JSDoc types (tsc, no output), pinned in package.json.
lint: node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	npx --no-install eslint web
	npx --no-install prettier --check web
	npx --no-install tsc -p jsconfig.json

typecheck:
	$(VENV)/bin/mypy layers/core/ektp functions infra local_runtime tools bench app.py

# Separate processes: unit tests use moto's in-process mocks, whose resets would wipe the local stack that
# the integration and browser tests share; the timeout test needs a stack synthesized with short timeouts.
unit:
	$(VENV)/bin/pytest -q -n 2 --dist loadfile tests/unit tests/infra
	$(VENV)/bin/pytest -q -n 2 --dist loadfile tests/integration tests/browser
	$(VENV)/bin/pytest -q tests/timeout

# The images invoked as Lambda invokes them (Runtime API on 127.0.0.1, containers on the host network); here
# a missing engine or image fails instead of skipping.
containers: images
	EKTP_REQUIRE_IMAGES=1 $(VENV)/bin/pytest -q tests/containers

synth: layers node_modules/.installed
	rm -rf cdk.out
	npx --no-install cdk synth --quiet
	$(VENV)/bin/cfn-lint -i W3005 -- cdk.out/*.template.json

openapi: $(VENV)/.installed
	$(PY) -m tools.openapi --write

seed: setup
	$(PY) -m tools.seed

serve: setup
	$(PY) -m local_runtime.serve

bench: setup layers
	$(PY) -m bench $(BENCH_ARGS)

# Issue 8's load test: 1,000 applications on the local stack, every one to its end status, none lost or
# duplicated (about 51 minutes on 2 cores; `make bench` runs 30). LOAD_ARGS: e.g. --applications 200 --concurrency 8
load: setup
	$(PY) -m bench.load --applications 1000 $(LOAD_ARGS)

clean:
	rm -rf cdk.out build .cache/synth
