"""The web client's static data: the region tree for its pickers and the reason catalogue for its messages.

Both change only with a release, so they are files next to the client (published with it by `cdk deploy`,
served the same way by `make serve`), not API calls: `data/regions/index.json` (the provinces),
`data/regions/<code>.json` (the children of a province, regency or district; villages with their postal
codes) and `data/reasons.json` (every code with its Indonesian and English message).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ektp.domain.reasons import CATALOGUE
from ektp.domain.region import regions
from tools.build_layers import ROOT, digest, is_fresh

INDEX = "index"


def region_children(parent: str | None) -> list[dict[str, Any]]:
    """One level of the region tree; villages (the children of a district) carry their postal codes."""
    index = regions()
    rows = index.children(parent or None)
    if parent and len(parent.replace(".", "")) == 6:
        return [{"code": c, "name": n, "postal_codes": index.postal_codes(c)} for c, n in rows]
    return [{"code": c, "name": n} for c, n in rows]


def reason_catalogue() -> dict[str, dict[str, str]]:
    return {code: {"id": e.message_id, "en": e.message_en} for code, e in CATALOGUE.items()}


def write_web_data(target: Path) -> int:
    """Write every file under target/data; returns how many. Deterministic: the same release, the same bytes."""
    regions_dir = target / "data" / "regions"
    regions_dir.mkdir(parents=True, exist_ok=True)
    written = 0

    def dump(path: Path, payload: Any) -> None:
        nonlocal written
        path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written += 1

    pending: list[str | None] = [None]
    while pending:
        parent = pending.pop()
        rows = region_children(parent)
        dump(regions_dir / f"{parent or INDEX}.json", rows)
        if (
            parent is None or len(parent.replace(".", "")) < 6
        ):  # down to the districts, whose files list villages
            pending.extend(row["code"] for row in rows)
    dump(target / "data" / "reasons.json", reason_catalogue())
    return written


def ensure_web_data(target: Path) -> Path:
    """target, holding the files of this release (rebuilt only when the region data or the catalogue changed)."""
    ektp = ROOT / "layers" / "core" / "ektp"
    made_from = digest(
        [*(ektp / "data").glob("*"), ektp / "domain" / "reasons.py", Path(__file__).resolve()],
        salt="web-data",
    )
    if not is_fresh(target, made_from):
        shutil.rmtree(target, ignore_errors=True)
        write_web_data(target)
        (target / ".stamp").write_text(made_from)
    return target
