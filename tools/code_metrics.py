"""The longest functions and files under the given folders, read with ast (nothing is imported or run).

    python -m tools.code_metrics layers functions infra local_runtime [--most 5]

A function's length is its source lines from `def` to its last statement, decorators excluded; a nested
function counts on its own and inside its parent. A file's length is its line count.
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIPPED = {".venv", "node_modules", "cdk.out", "build", "__pycache__", ".cache"}


@dataclass(frozen=True, order=True)
class Measure:
    lines: int
    where: str


def python_files(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*.py"))
        yield from (p for p in candidates if p.suffix == ".py" and not SKIPPED & set(p.parts))


def function_lengths(path: Path) -> Iterator[Measure]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
            yield Measure(node.end_lineno - node.lineno + 1, f"{path}:{node.lineno} {node.name}")


def file_length(path: Path) -> Measure:
    return Measure(len(path.read_text(encoding="utf-8").splitlines()), str(path))


def report(roots: list[Path], most: int) -> str:
    files = list(python_files(roots))
    functions = sorted((m for f in files for m in function_lengths(f)), reverse=True)[:most]
    longest_files = sorted((file_length(f) for f in files), reverse=True)[:most]
    lines = [f"{len(files)} files under {' '.join(map(str, roots))}", "longest functions:"]
    lines += [f"  {m.lines:5d}  {m.where}" for m in functions]
    lines += ["longest files:"]
    lines += [f"  {m.lines:5d}  {m.where}" for m in longest_files]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--most", type=int, default=5)
    args = parser.parse_args(argv)
    print(report(args.roots, args.most))


if __name__ == "__main__":
    main()
