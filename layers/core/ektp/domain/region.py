"""Kemendagri region codes (kode wilayah): names, hierarchy, postal codes and archived district codes.

Codes are canonical in the dotted Kemendagri form: province `31`, regency/city `31.71`, district (kecamatan)
`31.71.01`, village (kelurahan/desa) `31.71.01.1001`. Never BPS codes: they differ (DOMAIN.md).
The data is the project's own copy in `ektp/data/` (see PROVENANCE.md there), built by
tools/build_region_data.py. Provinces, regencies and districts load on first use (what NIK checks need);
the 83k villages load only when a village or postal code is asked for.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal

from ektp.domain.reasons import Reason, reason

Level = Literal["province", "regency", "district", "village"]
LEVELS: tuple[Level, ...] = ("province", "regency", "district", "village")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CURRENT_EDITION = 2025

# ASCII digits only: \d would also accept other scripts' digits (full-width ３１).
_DOTTED = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_PLAIN = re.compile(r"[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}")
_LEVEL_BY_LENGTH: dict[int, Level] = {2: "province", 5: "regency", 8: "district", 13: "village"}


def parse_code(code: str) -> str:
    """Return the dotted form of a region code given dotted (`31.71.01`) or as plain digits (`317101`).

    Raises ValueError for anything else (letters, wrong lengths), so callers can tell a malformed code
    from a well-formed one that is simply not in the list.
    """
    text = code.strip()
    if _DOTTED.fullmatch(text):
        return text
    if _PLAIN.fullmatch(text):
        parts = [text[0:2], text[2:4], text[4:6], text[6:10]]
        return ".".join(p for p in parts if p)
    raise ValueError(f"not a region code: {code!r}")


def _try_parse(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return parse_code(code)
    except ValueError:
        return None


def nik_prefix_to_district(prefix: str) -> str:
    """`317101` (NIK digits 1-6) -> `31.71.01`."""
    if not re.fullmatch(r"[0-9]{6}", prefix):
        raise ValueError(f"a NIK region prefix is 6 digits: {prefix!r}")
    return f"{prefix[0:2]}.{prefix[2:4]}.{prefix[4:6]}"


def district_to_nik_prefix(district_code: str) -> str:
    """`31.71.01` -> `317101`."""
    dotted = parse_code(district_code)
    if len(dotted) != 8:
        raise ValueError(f"not a district code: {district_code!r}")
    return dotted.replace(".", "")


def code_level(code: str) -> Level:
    """Level from the code's shape alone (it need not exist)."""
    return _LEVEL_BY_LENGTH[len(parse_code(code))]


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            if line:
                yield line.split("\t")


class RegionIndex:
    """Lookup over one edition of the code list. Use `regions()` for the shared, cached instance."""

    def __init__(self, data_dir: Path = DATA_DIR, edition: int = CURRENT_EDITION) -> None:
        self._data_dir = data_dir
        self.edition = edition
        self._names: dict[str, str] = {
            row[0]: row[1] for row in _read_tsv(data_dir / f"regions_{edition}.tsv.gz")
        }
        self._villages: dict[str, tuple[str, str]] | None = None
        self._archived: dict[str, tuple[int, str, str, str]] | None = None
        self._children: dict[str, list[str]] | None = None
        self._villages_by_district: dict[str, list[tuple[str, str]]] | None = None

    # --- lazy parts -------------------------------------------------------------------------------
    def _village_table(self) -> dict[str, tuple[str, str]]:
        if self._villages is None:
            self._villages = {
                row[0]: (row[1], row[2])
                for row in _read_tsv(self._data_dir / f"villages_{self.edition}.tsv.gz")
            }
        return self._villages

    def _archived_table(self) -> dict[str, tuple[int, str, str, str]]:
        """code -> (edition, district name, regency name, province name), names as in that edition."""
        if self._archived is None:
            self._archived = {
                row[0]: (int(row[1]), row[2], row[3], row[4])
                for row in _read_tsv(self._data_dir / "archived_districts.tsv.gz")
            }
        return self._archived

    def _children_table(self) -> dict[str, list[str]]:
        if self._children is None:
            table: dict[str, list[str]] = {"": []}
            for code in self._names:  # already sorted by code in the data file
                parent = code.rpartition(".")[0]
                table.setdefault(parent, []).append(code)
            self._children = table
        return self._children

    # --- queries --------------------------------------------------------------------------------
    def exists(self, code: str) -> bool:
        return self.name(code) is not None

    def name(self, code: str) -> str | None:
        dotted = _try_parse(code)
        if dotted is None:
            return None
        if len(dotted) == 13:
            village = self._village_table().get(dotted)
            return village[0] if village else None
        return self._names.get(dotted)

    def level(self, code: str) -> Level | None:
        """The level of a well-formed code (from its shape), None if malformed."""
        dotted = _try_parse(code)
        return _LEVEL_BY_LENGTH[len(dotted)] if dotted else None

    def parent(self, code: str) -> str | None:
        """The parent's dotted code (`31.71.01` -> `31.71`); None for a province or a malformed code."""
        dotted = _try_parse(code)
        if dotted is None or len(dotted) == 2:
            return None
        return dotted.rpartition(".")[0]

    def chain(self, code: str) -> dict[Level, str]:
        """Names from the province down to `code`, keyed by level; only the levels that exist."""
        dotted = _try_parse(code)
        if dotted is None:
            return {}
        out: dict[Level, str] = {}
        parts = dotted.split(".")
        for depth in range(1, len(parts) + 1):
            prefix = ".".join(parts[:depth])
            found = self.name(prefix)
            if found is not None:
                out[LEVELS[depth - 1]] = found
        return out

    def postal_codes(self, village_code: str) -> list[str]:
        dotted = _try_parse(village_code)
        if dotted is None or len(dotted) != 13:
            return []
        village = self._village_table().get(dotted)
        return [village[1]] if village and village[1] else []

    def children(self, code: str | None = None) -> list[tuple[str, str]]:
        """(code, name) pairs one level down; `None` or "" gives the provinces. For the region pickers."""
        if not code:
            return [(c, self._names[c]) for c in self._children_table()[""]]
        dotted = _try_parse(code)
        if dotted is None:
            return []
        if len(dotted) == 8:
            if self._villages_by_district is None:
                grouped: dict[str, list[tuple[str, str]]] = {}
                for village, (village_name, _) in self._village_table().items():
                    grouped.setdefault(village[:8], []).append((village, village_name))
                self._villages_by_district = grouped
            return list(self._villages_by_district.get(dotted, []))
        return [(c, self._names[c]) for c in self._children_table().get(dotted, [])]

    def archived_district(self, code: str) -> tuple[int, str] | None:
        """(edition year, name) for a district code present only in an older edition, else None.

        Accepts the dotted code or the 6-digit NIK prefix.
        """
        dotted = _try_parse(code)
        if dotted is None or len(dotted) != 8:
            return None
        found = self._archived_table().get(dotted)
        return (found[0], found[1]) if found else None

    def archived_chain(self, code: str) -> dict[Level, str]:
        """Names of an archived district and its parents as its edition listed them; {} if not archived."""
        dotted = _try_parse(code)
        found = self._archived_table().get(dotted) if dotted and len(dotted) == 8 else None
        if found is None:
            return {}
        _, district, regency, province = found
        chain: dict[Level, str] = {"province": province, "regency": regency, "district": district}
        return {level: name for level, name in chain.items() if name}

    def codes(self, level: Level) -> list[str]:
        """Every current code of one level, sorted (for generators, pickers and tests)."""
        if level == "village":
            return list(self._village_table())
        length = {"province": 2, "regency": 5, "district": 8}[level]
        return [c for c in self._names if len(c) == length]

    def validate_hierarchy(
        self,
        province: str | None,
        regency: str | None,
        district: str | None,
        village: str | None,
        postal_code: str | None = None,
    ) -> list[Reason]:
        """Check an address's region codes: each known, each under the one above, postal code plausible.

        REGION_UNKNOWN per unknown or wrong-level code (error); REGION_HIERARCHY when a code is not under a
        given ancestor (error); POSTAL_CODE_MISMATCH is a warning only: postal codes are Pos Indonesia
        operational data, a hint for domicile confirmation, not a legal rule (DOMAIN.md).
        """
        reasons: list[Reason] = []
        given: list[tuple[Level, str, str | None]] = []  # (field, raw, dotted if known)
        for field, raw in zip(LEVELS, (province, regency, district, village), strict=True):
            if raw is None or raw == "":
                continue
            dotted = _try_parse(raw)
            if dotted is None or _LEVEL_BY_LENGTH[len(dotted)] != field or not self.exists(dotted):
                reasons.append(reason("REGION_UNKNOWN", field=field, measured=raw))
                given.append((field, raw, None))
            else:
                given.append((field, raw, dotted))
        known = [(f, d) for f, _, d in given if d is not None]
        for i, (child_field, child) in enumerate(known):
            for _ancestor_field, ancestor in known[:i]:
                if not child.startswith(ancestor + "."):
                    reasons.append(
                        reason("REGION_HIERARCHY", field=child_field, measured=child, threshold=ancestor)
                    )
                    break
        village_code = next((d for f, d in known if f == "village"), None)
        if postal_code is not None and postal_code != "" and village_code is not None:
            expected = self.postal_codes(village_code)
            if expected and postal_code.strip() not in expected:
                reasons.append(
                    reason(
                        "POSTAL_CODE_MISMATCH",
                        severity="warning",
                        field="postal_code",
                        measured=postal_code,
                        threshold=",".join(expected),
                    )
                )
        return reasons


@cache
def regions() -> RegionIndex:
    """The shared index of the current edition (loaded once per process: a Lambda keeps it warm)."""
    return RegionIndex()
