"""A KTP-el's place and date of issue, printed without labels under the photo (issue 18: ktp-pindai-datar,
ktp-fotokopi-bolak-balik). The card's signature runs over the date, so the date may be unread: the place
still is the card's own regency's name, right of the form. A card copied small on an A4 sheet has its right
part left of the sheet's middle: the right part is measured across the card's print, not the sheet."""

from __future__ import annotations

from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_ktp
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells

PHOTO_X = 980  # the place and date stand under the photo, right of the values


def _card(place: str, date: str | None, *, x0: int = 60) -> list[Line]:
    def row(y: int, label: str, value: str, *more: tuple[int, str]) -> Line:
        return ocr_cells(
            y, (x0, label), (x0 + 320, f": {value}"), *((x0 + dx, t) for dx, t in more), height=22
        )

    lines = [
        ocr_cells(40, (x0 + 400, "PROVINSI JAMBI"), height=28),
        ocr_cells(80, (x0 + 360, "KABUPATEN BATANGHARI"), height=28),
        row(130, "NIK", "1504040708980028"),
        row(170, "Nama", "ARIF SAPUTRA"),
        row(210, "Tempat/Tgl Lahir", "BATANGHARI, 07-08-1998"),
        row(250, "Jenis Kelamin", "LAKI-LAKI"),
        row(290, "Alamat", "JL. GAJAH MADA NO. 119"),
        row(330, "Agama", "ISLAM"),
        row(370, "Status Perkawinan", "KAWIN", (PHOTO_X, place)),  # the place merged into the value's line
        row(410, "Pekerjaan", "BURUH HARIAN LEPAS"),
        row(450, "Kewarganegaraan", "WNI"),
        row(490, "Berlaku Hingga", "SEUMUR HIDUP"),
    ]
    if date is not None:
        lines.insert(9, ocr_cells(395, (x0 + PHOTO_X, date), height=22))
    return lines


def _read(lines: list[Line], width: int) -> dict[str, str]:
    page = OcrPage(width=width, height=900, words=[w for ln in lines for w in ln.words])
    return {k: str(f.value) for k, f in parse_ktp(lines, page).as_dict().items()}


def test_the_place_of_issue_reads_when_the_signature_hides_its_date() -> None:
    got = _read(_card("BATANGHARI", None), width=1300)
    assert got["issue_place"] == "BATANGHARI"
    assert got["marital_status"] == "KAWIN"
    assert "issue_date" not in got


def test_guard_a_place_of_another_name_without_its_date_is_not_guessed() -> None:
    """Without the date that says where the place stands, only the card's own regency's name is taken."""
    got = _read(_card("MUARO JAMBI", None), width=1300)
    assert "issue_place" not in got


def test_a_card_copied_small_on_a_sheet_has_its_place_and_date_read_right_of_its_own_values() -> None:
    """The card in the sheet's upper left (2480 px wide, the card's print 1,100): its place and date stand
    left of the sheet's middle, right of the card's values."""
    got = _read(_card("BATANGHARI", "04-11-2024"), width=2480)
    assert (got["issue_place"], got["issue_date"]) == ("BATANGHARI", "2024-11-04")
