"""tools/build_region_data.py on a small made-up edition: output format, archive rule, reproducibility."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from ektp.domain.region import RegionIndex
from tools.build_region_data import build

CURRENT = """kode,nama
11,Aceh
11.01,Kabupaten Aceh Selatan
11.01.01,Bakongan
11.01.01.2001,Keude Bakongan
11.01.01.2002,"Ujong Padang, Satu"
11.01.02,Kluet Utara
11.01.02.2001,Fajar Harapan
"""
POSTAL = """kode,kodepos
11.01.01.2001,23773
11.01.01.2002,23774
11.01.02.2001,23771
"""


def _archive(extra: str) -> str:
    return CURRENT + extra


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "wilayah_2025.csv").write_text(CURRENT)
    (src / "kodepos_2025.csv").write_text(POSTAL)
    (src / "archive_wilayah_2018.csv").write_text(_archive("11.01.09,Lama Sekali\n11.01.08,Nama 2018\n"))
    (src / "archive_wilayah_2020.csv").write_text(_archive("11.01.08,Nama 2020\n"))
    (src / "archive_wilayah_2022.csv").write_text(CURRENT)
    (src / "archive_wilayah_2023.csv").write_text(CURRENT)
    (src / "LICENSE-wilayah").write_text("MIT wilayah")
    (src / "LICENSE-wilayah_kodepos").write_text("MIT kodepos")
    return src


def test_build_and_load(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    counts = build(source, out)
    assert counts["provinces"] == 1 and counts["districts"] == 2 and counts["villages"] == 3
    assert counts["archived_districts"] == 2
    idx = RegionIndex(out)
    assert idx.chain("11.01.01.2002")["village"] == "Ujong Padang, Satu"
    assert idx.postal_codes("1101012002") == ["23774"]
    # The newest edition that still lists a code gives its name.
    assert idx.archived_district("110108") == (2020, "Nama 2020")
    assert idx.archived_district("110109") == (2018, "Lama Sekali")
    assert idx.archived_district("110101") is None
    assert idx.archived_chain("110108") == {
        "province": "Aceh",
        "regency": "Kabupaten Aceh Selatan",
        "district": "Nama 2020",
    }
    assert (out / "LICENSE-wilayah").read_text() == "MIT wilayah"
    assert "cahyadsn/wilayah" in (out / "PROVENANCE.md").read_text()
    lines = gzip.decompress((out / "regions_2025.tsv.gz").read_bytes()).decode().splitlines()
    assert lines == [
        "11\tAceh",
        "11.01\tKabupaten Aceh Selatan",
        "11.01.01\tBakongan",
        "11.01.02\tKluet Utara",
    ]


def test_build_is_reproducible(source: Path, tmp_path: Path) -> None:
    build(source, tmp_path / "a")
    build(source, tmp_path / "b")
    for name in ("regions_2025.tsv.gz", "villages_2025.tsv.gz", "archived_districts.tsv.gz", "PROVENANCE.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_bad_input_is_rejected(source: Path, tmp_path: Path) -> None:
    (source / "kodepos_2025.csv").write_text(POSTAL + "11.01.03.2001,23000\n")
    with pytest.raises(ValueError, match="unknown villages"):
        build(source, tmp_path / "x")
    (source / "wilayah_2025.csv").write_text(CURRENT + "11.01.0,Broken\n")
    with pytest.raises(ValueError, match="unexpected code"):
        build(source, tmp_path / "y")
    (source / "wilayah_2025.csv").write_text(CURRENT + "11.01.01,Again\n")
    with pytest.raises(ValueError, match="duplicate"):
        build(source, tmp_path / "z")
