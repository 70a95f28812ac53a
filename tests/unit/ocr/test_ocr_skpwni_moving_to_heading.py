"""An SKPWNI whose destination block is headed `Pindah ke:` ("moving to"), as a certificate's tear-off slip for
the destination's office prints it: the block's address is the destination's, not the origin's again."""

from __future__ import annotations

from ektp.ocr.extract import _heading, parse_skpwni
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells as _at


def _block(top: int, rows: list[tuple[str, str]]) -> list[Line]:
    return [_at(top + 40 * i, (100, label), (480, f": {value}")) for i, (label, value) in enumerate(rows)]


ORIGIN = [
    ("Alamat", "JL. GAJAH MADA NO. 119"),
    ("RT/RW", "010/001"),
    ("Desa/Kelurahan", "HAJRAN"),
    ("Kecamatan", "BATIN XXIV"),
    ("Kabupaten/Kota", "KABUPATEN BATANGHARI"),
    ("Provinsi", "JAMBI"),
    ("Kode Pos", "36656"),
]
DESTINATION = [
    ("RT", "015"),
    ("RW", "007"),
    ("Desa/Kelurahan", "HILIKANA"),
    ("Kecamatan", "HIBALA"),
    ("Kabupaten/Kota", "KABUPATEN NIAS SELATAN"),
    ("Provinsi", "SUMATERA UTARA"),
    ("Kode Pos", "22881"),
]


def _certificate(heading: str) -> list[Line]:
    return [
        _at(40, (300, "SURAT KETERANGAN PINDAH"), height=28),
        _at(80, (100, "Nomor"), (480, ": SKPWNI/150404/04112024/3167")),
        _at(120, (100, "B. DATA DAERAH ASAL")),
        *_block(160, ORIGIN),
        _at(480, (100, "Batanghari, 4 November 2024")),
        _at(600, (100, heading)),
        *_block(640, DESTINATION),
    ]


def _read(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def test_a_block_headed_moving_to_is_the_destination() -> None:
    # Before: `Pindah ke:` was no heading (a colon in it), so the block's places were read as nobody's.
    got = _read(_certificate("Pindah ke:"))
    assert (got["destination_rt"], got["destination_rw"]) == ("015", "007")
    assert (got["destination_village"], got["destination_district"]) == ("HILIKANA", "HIBALA")
    assert (got["destination_regency"], got["destination_province"]) == (
        "KABUPATEN NIAS SELATAN",
        "SUMATERA UTARA",
    )
    assert got["destination_postal_code"] == "22881"
    assert (got["origin_village"], got["origin_postal_code"]) == ("HAJRAN", "36656")


def test_guard_a_label_with_its_value_after_the_colon_is_no_heading() -> None:
    # `Pindah ke : KOTA MEDAN` is a value's line; `Pindah dari:` heads the origin's block.
    assert _heading(_at(0, (100, "Pindah ke : KOTA MEDAN"))) is None
    assert _heading(_at(0, (100, "Pindah ke:"))) == "destination_"
    assert _heading(_at(0, (100, "Pindah dari:"))) == "origin_"
    assert _heading(_at(0, (100, "Alasan Pindah"))) is None
