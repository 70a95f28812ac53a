"""A family's members as an app's cards (round 16's kk-aplikasi-keluarga): each card titled with the member's
name and the relationship as a chip beside it (`Arif Saputra  Kepala Keluarga`), no `Nama` label, then the
fields as small labels over their values. Before, no card named its member and none was read (9 of 45 fields
on the page)."""

from __future__ import annotations

from ektp.ocr.member_blocks import members_from_blocks
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells


def _card(y: int, title: str, nik: str, sex: str, place: str) -> list[Line]:
    return [
        ocr_cells(y, (40, title)),
        ocr_cells(y + 40, (40, "NIK"), (100, nik)),
        ocr_cells(y + 80, (40, "Jenis Kelamin"), (540, "Tempat Lahir")),
        ocr_cells(y + 110, (40, sex), (540, place)),
        ocr_cells(y + 150, (40, "Tanggal Lahir"), (540, "Agama")),
        ocr_cells(y + 180, (40, "7 Agustus 1998"), (540, "Islam")),
    ]


CARDS = [
    ocr_cells(0, (40, "Anggota (2)")),
    *_card(40, "Arif Saputra Kepala Keluarga", "1504040708980028", "Laki-Laki", "Batanghari"),
    *_card(300, "2. Zahra Saputra Istri", "1504046611020017", "Perempuan", "Batanghari"),
]


def test_a_member_card_titled_with_the_name_names_its_member() -> None:
    members = [m.as_dict() for m in members_from_blocks(CARDS)]
    assert [(m["name"].value, m["relationship"].value) for m in members] == [
        ("ARIF SAPUTRA", "KEPALA KELUARGA"),
        ("ZAHRA SAPUTRA", "ISTRI"),
    ]
    assert [m["nik"].value for m in members] == ["1504040708980028", "1504046611020017"]
    assert members[1]["sex"].value == "PEREMPUAN"


def test_guard_a_title_that_is_a_field_or_a_number_names_no_one() -> None:
    # The line above the card is the page's count (`Anggota (2)` has a digit) or another field's value: no name.
    lines = [
        ocr_cells(0, (40, "Total 2 orang")),
        *_card(40, "", "1504040708980028", "Laki-Laki", "Jambi")[1:],
    ]
    assert members_from_blocks(lines) == []


def test_the_kk_issue_date_labelled_tgl_terbit_kk_is_read() -> None:
    # The same app's header cells: `Kode Pos  Tgl. Terbit KK` over `36656  4 November 2024`: neither was read.
    from ektp.ocr.extract import KK_LABELS
    from ektp.ocr.forms import read_labelled

    lines = [
        ocr_cells(0, (40, "Kode Pos"), (540, "Tgl. Terbit KK")),
        ocr_cells(30, (40, "36656"), (540, "4 November 2024")),
    ]
    assert {h.key: h.text for h in read_labelled(lines, KK_LABELS)} == {
        "postal_code": "36656",
        "issue_date": "4 November 2024",
    }


def test_guard_a_wrapped_value_or_a_lone_relationship_names_no_member() -> None:
    # Review (session 25): the first member's occupation wrapped onto a line of its own (`LEPAS`) named the next
    # member; a relationship chip alone over the NIK named the member `ISTRI`.
    lines = [
        ocr_cells(0, (40, "Biodata")),
        ocr_cells(40, (40, "NIK"), (300, ": 1504040708980028")),
        ocr_cells(70, (40, "Nama"), (300, ": ARIF SAPUTRA")),
        ocr_cells(100, (40, "Jenis Kelamin"), (300, ": LAKI-LAKI")),
        ocr_cells(130, (40, "Pekerjaan"), (300, ": BURUH HARIAN")),
        ocr_cells(155, (300, "LEPAS")),
        ocr_cells(190, (40, "NIK"), (300, ": 1504046611020017")),
        ocr_cells(220, (40, "Jenis Kelamin"), (300, ": PEREMPUAN")),
        ocr_cells(250, (40, "Agama"), (300, ": ISLAM")),
    ]
    assert [m.as_dict()["name"].value for m in members_from_blocks(lines)] == ["ARIF SAPUTRA"]
    chip = [ocr_cells(0, (40, "Istri")), *_card(40, "", "1504046611020017", "Perempuan", "Batanghari")[1:]]
    assert members_from_blocks(chip) == []


def test_cards_side_by_side_each_take_the_title_over_them() -> None:
    # Review: one line of titles over two cards named both members with the whole line.
    lines = [
        ocr_cells(0, (40, "Arif Saputra Kepala Keluarga"), (640, "Zahra Saputra Istri")),
        ocr_cells(40, (40, "NIK"), (140, "1504040708980028"), (640, "NIK"), (740, "1504046611020017")),
        ocr_cells(80, (40, "Jenis Kelamin"), (240, "Laki-Laki"), (640, "Jenis Kelamin"), (840, "Perempuan")),
        ocr_cells(120, (40, "Agama"), (240, "Islam"), (640, "Agama"), (840, "Islam")),
    ]
    names = [m.as_dict()["name"].value for m in members_from_blocks(lines)]
    assert names == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
