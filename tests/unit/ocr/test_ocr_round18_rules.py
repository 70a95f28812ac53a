"""Rules written for round 18's pages (tools/docgen/variety_round18.py, measured blind first): a checked
Kutipan whose `No.` before the certificate's number was read with a comma."""

from __future__ import annotations

from ektp.ocr.extract import parse_akta
from tests.unit.ocr.conftest import ocr_cells


def test_the_stop_of_no_read_as_a_comma_still_names_the_certificates_number() -> None:
    # Round 18's checked Kutipan: `Berdasarkan Akta Kelahiran No.` with its stop read as a comma, the phrases
    # at the left and the values in a column at the right (as the engine placed them).
    lines = [
        ocr_cells(294, (109, "NIK :"), (173, "1504040708980028")),
        ocr_cells(377, (107, "Berdasarkan Akta Kelahiran No,"), (484, "1504-LT-07081998-1420")),
        ocr_cells(428, (106, "bahwa di"), (482, "BATANGHARI")),
    ]
    assert parse_akta(lines).as_dict()["number"].value == "1504-LT-07081998-1420"
