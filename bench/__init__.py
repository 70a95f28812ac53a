"""Benchmarks: one module per stage, each exposing `run(quick: bool = False) -> dict`.

`python -m bench [--quick] [--only a,b]` runs them one by one, each in a fresh interpreter, and writes
bench-results/results.json, bench-results/report.md and its plots (see bench/__main__.py).
"""
