"""KTP-el readings that failed on layouts the extractor was not written for (issue 18, session 11): a digital
ID's labels printed over their values (the place of issue), ..."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_ktp
from ektp.ocr.text import Line


def _row(y: int, *cells: tuple[int, str], height: int = 20) -> Line:
    """One line of print: each cell (left, text) a phrase whose words are set 8 px apart."""
    words: list[OcrWord] = []
    for start, phrase in cells:
        x = start
        for text in phrase.split():
            words.append(
                OcrWord(
                    text=text, confidence=0.95, left=x, top=y, width=12 * len(text), height=height, line=y
                )
            )
            x += 12 * len(text) + 8
    return Line(words)


def _digital_id(*issue_rows: Line) -> list[Line]:
    """A digital ID (IKD) screen as read: each label alone over its value, two fields a row in places."""
    return [
        _row(40, (60, "NIK")),
        _row(80, (60, "1504040708980028")),
        _row(130, (60, "Nama")),
        _row(170, (60, "ARIF SAPUTRA")),
        _row(220, (60, "Tempat Lahir"), (520, "Tanggal Lahir")),
        _row(260, (60, "BATANGHARI"), (520, "07-08-1998")),
        _row(310, (60, "Kabupaten/Kota")),
        _row(350, (60, "KABUPATEN BATANGHARI")),
        _row(400, (60, "Provinsi")),
        _row(440, (60, "JAMBI")),
        *issue_rows,
        _row(600, (60, "Berlaku Hingga")),
        _row(640, (60, "SEUMUR HIDUP")),
    ]


def _parse(lines: list[Line]) -> dict[str, str]:
    page = OcrPage(width=1080, height=900, words=[w for ln in lines for w in ln.words])
    return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}


def test_a_digital_ids_place_of_issue_is_read_under_its_label() -> None:
    # Before: the date (the one no label owned) was found and the words above it, its own label
    # `Tanggal Dikeluarkan`, taken for the place.
    fields = _parse(
        _digital_id(
            _row(500, (60, "Dikeluarkan di"), (520, "Tanggal Dikeluarkan")),
            _row(540, (60, "BATANGHARI"), (520, "04-11-2024")),
        )
    )
    assert fields["issue_place"] == "BATANGHARI"
    assert fields["issue_date"] == "2024-11-04"
    assert fields["birth_date"] == "1998-08-07" and fields["valid_until"] == "SEUMUR HIDUP"


def test_a_label_over_the_unlabelled_date_is_no_place() -> None:
    # The place's label misread beyond recognition: the date's label above the date still names no place.
    fields = _parse(
        _digital_id(
            _row(500, (60, "Dlkxlvarkan dl"), (520, "Tanggal Dikeluarkan")),
            _row(540, (60, "BATANGHARI"), (520, "04-11-2024")),
        )
    )
    assert fields.get("issue_place") != "TANGGAL DIKELUARKAN"


def test_a_printed_cards_place_and_date_without_labels_still_read() -> None:
    # Guard: the card prints both under the photo with no label; the place is the line over the date.
    fields = _parse(_digital_id(_row(500, (760, "BATANGHARI")), _row(530, (750, "04-11-2024"))))
    assert fields["issue_place"] == "BATANGHARI" and fields["issue_date"] == "2024-11-04"
