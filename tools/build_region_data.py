"""Convert the Kemendagri region CSVs into the compact files `ektp.domain.region` loads.

Run once when a new edition of the code list is published, then commit the output:

    .venv/bin/python -m tools.build_region_data /path/to/wilayah-csvs

Inputs (from cahyadsn/wilayah and cahyadsn/wilayah_kodepos, MIT): wilayah_2025.csv (`kode,nama`),
kodepos_2025.csv (`kode,kodepos`) and archive_wilayah_{2018,2020,2022,2023}.csv.

Outputs in layers/core/ektp/data/ (sorted by code, tab-separated, gzip'd with a fixed mtime so reruns are
byte-identical):
- regions_2025.tsv.gz    `code<TAB>name` for provinces, regencies and districts (what NIK checks need: small,
                          loaded first)
- villages_2025.tsv.gz   `code<TAB>name<TAB>postal_code` (loaded only when a village is asked for)
- archived_districts.tsv.gz `code<TAB>edition<TAB>name<TAB>regency<TAB>province`: district codes present in an
                          older edition but not in 2025, with the newest edition that still lists them and
                          the names (district, its regency, its province) in that edition
- LICENSE-wilayah, LICENSE-wilayah_kodepos, PROVENANCE.md
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import shutil
from pathlib import Path

CURRENT_EDITION = 2025
ARCHIVE_EDITIONS = (2018, 2020, 2022, 2023)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "layers" / "core" / "ektp" / "data"

# Dotted code lengths per level: 11 / 11.01 / 11.01.01 / 11.01.01.2001
_LEVEL_BY_LENGTH = {2: "province", 5: "regency", 8: "district", 13: "village"}


def _read_pairs(path: Path, value_column: str) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["kode"].strip()
            value = " ".join(row[value_column].split())  # collapse stray whitespace, never a tab
            if len(code) not in _LEVEL_BY_LENGTH:
                raise ValueError(f"{path.name}: unexpected code {code!r}")
            if code in out:
                raise ValueError(f"{path.name}: duplicate code {code!r}")
            out[code] = value
    return out


def _write_gz(path: Path, lines: list[str]) -> None:
    raw = io.BytesIO()
    # mtime=0 keeps the output byte-identical between runs, so git sees no change when nothing changed.
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    path.write_bytes(raw.getvalue())


def _sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def build(source: Path, out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    current = _read_pairs(source / f"wilayah_{CURRENT_EDITION}.csv", "nama")
    postal = _read_pairs(source / f"kodepos_{CURRENT_EDITION}.csv", "kodepos")

    upper = sorted((c for c in current if len(c) < 13), key=_sort_key)
    villages = sorted((c for c in current if len(c) == 13), key=_sort_key)
    missing_postal = [c for c in villages if c not in postal]
    orphan_postal = [c for c in postal if c not in current]
    if orphan_postal:
        raise ValueError(f"postal codes for unknown villages: {orphan_postal[:5]}")

    _write_gz(out / f"regions_{CURRENT_EDITION}.tsv.gz", [f"{c}\t{current[c]}" for c in upper])
    _write_gz(
        out / f"villages_{CURRENT_EDITION}.tsv.gz",
        [f"{c}\t{current[c]}\t{postal.get(c, '')}" for c in villages],
    )

    # Newest edition wins: the name an officer would find in the most recent list that still had the code.
    # The regency and province names come from the same edition: the code's parents may since have been
    # renumbered or renamed (92.01.01 Makbon was in Papua Barat; today it is in Papua Barat Daya, 96).
    archived: dict[str, tuple[int, str, str, str]] = {}
    archive_rows: dict[int, int] = {}
    for edition in ARCHIVE_EDITIONS:
        rows = _read_pairs(source / f"archive_wilayah_{edition}.csv", "nama")
        archive_rows[edition] = len(rows)
        for code, name in rows.items():
            if len(code) == 8 and code not in current:
                archived[code] = (edition, name, rows.get(code[:5], ""), rows.get(code[:2], ""))
    _write_gz(
        out / "archived_districts.tsv.gz",
        ["\t".join((c, *map(str, archived[c]))) for c in sorted(archived, key=_sort_key)],
    )

    shutil.copyfile(source / "LICENSE-wilayah", out / "LICENSE-wilayah")
    shutil.copyfile(source / "LICENSE-wilayah_kodepos", out / "LICENSE-wilayah_kodepos")

    counts = {
        "provinces": sum(1 for c in upper if len(c) == 2),
        "regencies": sum(1 for c in upper if len(c) == 5),
        "districts": sum(1 for c in upper if len(c) == 8),
        "villages": len(villages),
        "villages_without_postal_code": len(missing_postal),
        "postal_rows": len(postal),
        "archived_districts": len(archived),
        **{f"archive_{e}_rows": n for e, n in archive_rows.items()},
    }
    (out / "PROVENANCE.md").write_text(_provenance(counts), encoding="utf-8")
    return counts


def _provenance(counts: dict[str, int]) -> str:
    total = counts["provinces"] + counts["regencies"] + counts["districts"] + counts["villages"]
    archive_lines = "\n".join(
        f"| `archive_wilayah_{e}.csv` | {counts[f'archive_{e}_rows']:,} | cahyadsn/wilayah `db/archive/` |"
        for e in ARCHIVE_EDITIONS
    )
    return f"""# Region data: provenance

Kemendagri region codes (kode wilayah) and Pos Indonesia postal codes, as used by `ektp.domain.region`.
Generated by `tools/build_region_data.py`; do not edit by hand.

## Sources (MIT licence, see LICENSE-wilayah and LICENSE-wilayah_kodepos)

| input | rows | origin |
|---|---|---|
| `wilayah_{CURRENT_EDITION}.csv` | {total:,} | \
cahyadsn/wilayah `db/wilayah.sql` (Kepmendagri 300.2.2-2138/2025) |
| `kodepos_{CURRENT_EDITION}.csv` | {counts["postal_rows"]:,} | \
cahyadsn/wilayah_kodepos `db/wilayah_kodepos.sql` |
{archive_lines}

The SQL dumps were converted row for row to `kode,nama` / `kode,kodepos` CSV, then by this tool to the
files below. Names are kept exactly as published (whitespace collapsed only).

## Files

| file | content | rows |
|---|---|---|
| `regions_{CURRENT_EDITION}.tsv.gz` | `code<TAB>name`, provinces + regencies + districts, sorted by code | \
{counts["provinces"]} + {counts["regencies"]} + {counts["districts"]:,} |
| `villages_{CURRENT_EDITION}.tsv.gz` | `code<TAB>name<TAB>postal_code` | {counts["villages"]:,} \
({counts["villages_without_postal_code"]} without a postal code) |
| `archived_districts.tsv.gz` | `code<TAB>edition<TAB>name<TAB>regency<TAB>province`: district codes found \
in an older edition \
({", ".join(map(str, ARCHIVE_EDITIONS))}) but not in {CURRENT_EDITION}; \
edition = the newest one listing it | \
{counts["archived_districts"]:,} |

Codes are Kemendagri codes in dotted form (`31`, `31.71`, `31.71.01`, `31.71.01.1001`), never BPS codes.
A NIK's digits 1-6 are the district code without dots; a prefix only in the archive is a warning
(the region was split or renumbered after the NIK was issued), not an error.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="folder with wilayah_2025.csv, kodepos_2025.csv, archives")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    counts = build(args.source, args.out)
    for key, value in counts.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
