"""Round 13's structures (tools/docgen/variety_round13.py), each rule on lines as an engine reads them."""

from __future__ import annotations

import io

import pytest

from ektp.ocr import extract_document
from ektp.ocr.engine import OcrPage
from ektp.ocr.extract import parse_akta, parse_ktp, parse_skpwni
from ektp.ocr.kk_table import head_from_members
from ektp.ocr.member_columns import members_from_columns
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells as _at
from tools.docgen.variety import render_variety


def _akta(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


def _captioned(value_to_caption: int, caption_to_next: int) -> list[Line]:
    """A certificate's values each over a small caption, `value_to_caption` px above it and the next value
    `caption_to_next` px below it."""
    rows = [
        [(500, "3525-LT-07112011-8738")],
        [(500, "MU'AWANAH CAHYONO")],
        [(300, "PEREMPUAN"), (900, "1 (satu)")],
        [(300, "GRESIK"), (850, "7 November 2011")],
        [(300, "BAYU SANTOSO"), (850, "YULI SRI WIDODO")],
    ]
    captions = [
        [(500, "NOMOR AKTA KELAHIRAN")],
        [(500, "nama lengkap")],
        [(300, "jenis kelamin"), (900, "anak ke")],
        [(300, "tempat lahir"), (850, "hari dan tanggal lahir")],
        [(300, "nama ayah"), (850, "nama ibu")],
    ]
    lines = [_at(100, (400, "KUTIPAN AKTA KELAHIRAN"), height=30)]
    y = 180
    for row, caption in zip(rows, captions, strict=True):
        lines.append(_at(y, *row))
        lines.append(_at(y + value_to_caption, *caption, height=14))
        y += value_to_caption + caption_to_next
    return lines


def test_values_with_their_captions_under_them_are_read_by_the_caption_below() -> None:
    # Before: each caption took the value line BELOW it, the next field's (the name read `PEREMPUAN 1 (satu)`,
    # the place of birth `BAYU SANTOSO`).
    got = _akta(_captioned(value_to_caption=32, caption_to_next=62))
    assert got["number"] == "3525-LT-07112011-8738"
    assert (got["name"], got["sex"]) == ("MU'AWANAH CAHYONO", "PEREMPUAN")
    assert (got["place_of_birth"], got["birth_date"]) == ("GRESIK", "2011-11-07")
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")


def test_labels_close_over_their_values_keep_the_value_below() -> None:
    # Guard: the same lines with each label close ABOVE its value (a digital ID's rows) are read as before.
    lines = _captioned(value_to_caption=32, caption_to_next=62)
    head, pairs = lines[0], lines[1:]
    swapped = [head]
    for value, caption in zip(pairs[::2], pairs[1::2], strict=True):
        swapped.append(_at(int(value.cy) - 32, *_cells(caption), height=14))
        swapped.append(_at(int(value.cy), *_cells(value)))
    got = _akta(swapped)
    assert (got["name"], got["place_of_birth"]) == ("MU'AWANAH CAHYONO", "GRESIK")
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")


def test_evenly_spaced_labels_and_values_decide_nothing_and_keep_the_value_below() -> None:
    # Guard: spacing that says neither way leaves the rule for labels over values alone.
    got = _akta(_captioned(value_to_caption=45, caption_to_next=45))
    # `nama lengkap` over the sex's line, as a label over its value: no name, and no parent from a caption.
    assert {"name", "father_name", "mother_name"}.isdisjoint(got)


def _cells(line: Line) -> list[tuple[int, str]]:
    return [(seg.left, seg.text) for seg in line.segments()]


def _skpwni(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def _mirrored(village_row: list[tuple[int, str]]) -> list[Line]:
    """The two sides mirrored about a label column in the middle, the origin on the left."""
    return [
        _at(60, (400, "SURAT KETERANGAN PINDAH"), height=26),
        _at(100, (400, "Nomor : SKPWNI/352507/03052013/7339")),
        _at(160, (300, "ASAL"), (640, "KETERANGAN"), (1060, "TUJUAN")),
        _at(200, (300, "DUSUN KARANGANYAR"), (690, "Alamat"), (860, "DUSUN TANJUNG")),
        _at(240, (550, "015"), (710, "RT"), (860, "002")),
        _at(280, (550, "011"), (710, "RW"), (860, "004")),
        _at(320, *village_row),
        _at(360, (380, "UJUNGPANGKAH"), (670, "Kecamatan"), (860, "SEI LEPAN")),
        _at(
            400,
            (100, "KABUPATEN OGAN KOMERING ILIR"),
            (640, "Kabupaten/Kota"),
            (860, "KABUPATEN PADANG LAWAS"),
        ),
        _at(428, (1000, "UTARA")),
        _at(470, (430, "SUMATERA SELATAN"), (680, "Provinsi"), (860, "SUMATERA UTARA")),
        _at(510, (530, "30654"), (680, "Kode Pos"), (860, "22741")),
        _at(580, (100, "Keluarga Yang Pindah")),
    ]


def test_the_two_sides_about_a_middle_label_column_are_each_read_as_its_side() -> None:
    # Before: the origin column's values were lost, the destination's read as the origin's: every origin claim
    # answered mismatch with the destination's value, and no destination was found.
    got = _skpwni(_mirrored([(490, "BANYUURIP"), (640, "Kelurahan/Desa"), (860, "HARAPAN JAYA")]))
    assert (got["origin_address"], got["destination_address"]) == ("DUSUN KARANGANYAR", "DUSUN TANJUNG")
    assert (got["origin_rt"], got["origin_rw"], got["destination_rt"]) == ("015", "011", "002")
    assert (got["origin_district"], got["destination_district"]) == ("UJUNGPANGKAH", "SEI LEPAN")
    assert got["origin_regency"] == "KABUPATEN OGAN KOMERING ILIR"
    # The destination's regency wrapped onto a line of its own is the rest of its cell.
    assert got["destination_regency"] == "KABUPATEN PADANG LAWAS UTARA"
    assert (got["origin_postal_code"], got["destination_postal_code"]) == ("30654", "22741")


def test_a_middle_label_read_with_the_right_sides_value_parts_them() -> None:
    # `Kelurahan/Desa — HARAPAN JAYA`: the gap before the right side's value lost in the reading.
    got = _skpwni(_mirrored([(490, "BANYUURIP"), (640, "Kelurahan/Desa — HARAPAN JAYA")]))
    assert (got["origin_village"], got["destination_village"]) == ("BANYUURIP", "HARAPAN JAYA")
    assert got["destination_district"] == "SEI LEPAN"


def _persons(heading: list[tuple[int, str]], name_rows: list[Line]) -> list[Line]:
    """The child, the father and the mother as columns under `heading`, the name's row(s) `name_rows`."""
    return [
        _at(60, (400, "KUTIPAN AKTA KELAHIRAN"), height=26),
        _at(100, (400, "Nomor : 3216-LT-27112004-7943")),
        _at(160, *heading),
        *name_rows,
        _at(260, (130, "Nomor Induk")),
        _at(282, (130, "Kependudukan"), (400, "3216136711040016"), (700, "-"), (1000, "-")),
        _at(330, (130, "Tempat Lahir"), (400, "BEKASI"), (700, "-"), (1000, "-")),
        _at(370, (130, "Tanggal Lahir"), (400, "27-11-2004"), (700, "-"), (1000, "-")),
        _at(410, (130, "Jenis Kelamin"), (400, "PEREMPUAN"), (700, "LAKI-LAKI"), (1000, "PEREMPUAN")),
    ]


_HEADING = [(200, "KETERANGAN"), (500, "Anak"), (770, "Ayah Kandung"), (1070, "Ibu Kandung")]


def test_the_child_and_the_parents_as_columns_give_each_parent_the_name_under_their_heading() -> None:
    # Before: no parent at all (only the label's first value, the child's, was read), and the child's NIK lost
    # to its label wrapped over two lines.
    got = _akta(
        _persons(
            _HEADING,
            [
                _at(
                    200,
                    (130, "Nama Lengkap"),
                    (400, "YUYUN RINA HIDAYAT"),
                    (700, "YUSUF MULYANA"),
                    (1000, "ELIS ENOK"),
                )
            ],
        )
    )
    assert (got["name"], got["father_name"], got["mother_name"]) == (
        "YUYUN RINA HIDAYAT",
        "YUSUF MULYANA",
        "ELIS ENOK",
    )
    assert got["nik"] == "3216136711040016"
    assert (got["place_of_birth"], got["sex"]) == ("BEKASI", "PEREMPUAN")


def test_names_wrapped_in_their_cells_are_read_whole_and_the_columns_may_come_in_any_order() -> None:
    # `DATA IBU` before `DATA AYAH`; the child's and the father's names wrapped over the row's lines.
    heading = [(200, "Uraian"), (480, "DATA ANAK"), (760, "DATA IBU"), (1050, "DATA AYAH")]
    rows = [
        _at(188, (400, "ARNOLDUS YAKOBUS"), (1000, "PETRUS")),
        _at(203, (130, "Nama"), (400, "RONDONUWU"), (700, "YULIANA BRIA"), (1000, "RONDONUWU")),
    ]
    got = _akta(_persons(heading, rows))
    assert got["name"] == "ARNOLDUS YAKOBUS RONDONUWU"
    assert (got["mother_name"], got["father_name"]) == ("YULIANA BRIA", "PETRUS RONDONUWU")


def test_a_phrase_under_two_persons_headings_is_neither_parents_name() -> None:
    # Guard: two cells read as one phrase (the mother's name run into the father's) give no parent, not a
    # wrong one.
    rows = [
        _at(
            200,
            (130, "Nama Lengkap"),
            (400, "BONAR NASUTION"),
            (700, "LAMSIHAR BR SINAGA RAJA MARTIN NASUTION"),
        )
    ]
    got = _akta(_persons(_HEADING, rows))
    assert got["name"] == "BONAR NASUTION"
    assert "father_name" not in got and "mother_name" not in got


@pytest.mark.parametrize("layout", ["ktp-kunci-nilai", "ktp-biodata-siak", "ktp-suket-desa"])
def test_a_record_of_the_cards_data_or_a_letter_about_the_resident_is_no_ktp(layout: str) -> None:
    # A data-access printout (`NAMA_LGKP: ...`), SIAK's biodata, a village's letter: each prints the card's
    # data, and anyone can type one. Declared as the KTP, each is answered DOCUMENT_WRONG_TYPE, not read.
    doc = render_variety("ktp", layout, 1, 5151)[0]
    buf = io.BytesIO()
    doc.image.save(buf, format="PNG")
    result = extract_document(doc.upload or buf.getvalue(), declared_type="ktp")
    assert result.declared_type_matches is False and not result.fields
    assert [r.code for r in result.reasons] == ["DOCUMENT_WRONG_TYPE"]


# Review of the first slice (session 20): each a page the new rules read wrong before they were mended.


def test_a_value_whose_caption_was_not_read_is_not_given_to_the_neighbouring_caption() -> None:
    # The engine missed `nama ibu`: the mother's name is no one's, not run into the father's.
    lines = _captioned(value_to_caption=32, caption_to_next=62)
    lines[-1] = _at(int(lines[-1].cy), (300, "nama ayah"), height=14)
    got = _akta(lines)
    assert got["father_name"] == "BAYU SANTOSO"
    assert "mother_name" not in got


def _two_sides(lead: tuple[int, str] | None, numbered: bool) -> list[Line]:
    """A plain ASAL/TUJUAN table, labels first; each row led by `lead` (a rule read as `|`) or its number."""
    rows = [
        ("Alamat", "DUSUN KARANGANYAR", "DUSUN TANJUNG"),
        ("RT", "015", "002"),
        ("RW", "011", "004"),
        ("Kecamatan", "UJUNGPANGKAH", "SEI LEPAN"),
        ("Provinsi", "JAWA TIMUR", "SUMATERA UTARA"),
    ]
    lines = [
        _at(60, (400, "SURAT KETERANGAN PINDAH"), height=26),
        _at(160, *([lead] if lead else []), (100, "KETERANGAN"), (500, "ASAL"), (900, "TUJUAN")),
    ]
    for k, (label, origin, destination) in enumerate(rows):
        first = [(30, f"{k + 1}.")] if numbered else [lead] if lead else []
        lines.append(_at(200 + 40 * k, *first, (100, label), (450, origin), (850, destination)))
    lines.append(_at(200 + 40 * len(rows), (780, "KELUARGA YANG PINDAH")))  # a heading, a row's step under
    return lines


def test_a_row_number_or_a_rule_before_the_label_is_no_origin_value_and_a_heading_after_is_no_wrapped_value() -> (
    None
):
    for lines in (_two_sides(None, numbered=True), _two_sides((30, "|"), numbered=False)):
        got = _skpwni(lines)
        assert (got["origin_address"], got["origin_rt"], got["origin_rw"]) == (
            "DUSUN KARANGANYAR",
            "015",
            "011",
        )
        assert (got["destination_rt"], got["destination_rw"]) == ("002", "004")
        assert got["destination_province"] == "SUMATERA UTARA"


def test_parents_side_by_side_each_with_their_own_labels_are_no_persons_columns() -> None:
    got = _akta(
        [
            _at(60, (400, "KUTIPAN AKTA KELAHIRAN"), height=26),
            _at(100, (400, "Nomor : 3216-LT-27112004-7943")),
            _at(160, (100, "Nama : YUYUN RINA HIDAYAT")),
            _at(340, (100, "DATA AYAH"), (700, "DATA IBU")),
            _at(380, (100, "Nama"), (300, "YUSUF MULYANA"), (700, "Nama"), (900, "ELIS ENOK")),
        ]
    )
    assert got.get("mother_name") != "NAMA"


def test_a_short_value_over_a_long_label_is_not_joined_to_it() -> None:
    # `ANI` over `Nama Ayah Kandung` reads (fuzzily) as one label; it is no label's beginning.
    rows = ["Nomor Akta", "3216-LT-27112004-7943", "Nama", "ANI", "Nama Ayah Kandung", "BUDI SANTOSO"]
    got = _akta(
        [_at(60, (400, "KUTIPAN AKTA KELAHIRAN"), height=26)]
        + [_at(120 + 40 * k, (100, r)) for k, r in enumerate(rows)]
    )
    assert (got["name"], got["father_name"]) == ("ANI", "BUDI SANTOSO")


def _member_columns() -> list[Line]:
    """The KK's member table on its side: one column a member, the fields as rows down a label column."""
    xs = (390, 700, 1010)
    rows = [
        ("1. NIK", ("3525071212840020", "1606105903870029", "3525070802100030")),
        ("2. Nama", ("BAYU SANTOSO, S.E.", "YULI SRI WIDODO", "AGUS SAPUTRA")),
        ("3. Jenis Kelamin", ("LAKI-LAKI", "PEREMPUAN", "LAKI-LAKI")),
        ("5. Tanggal Lahir", ("12 DESEMBER 1984", "19 MARET 1987", "08 FEBRUARI 2010")),
        ("8. Pekerjaan", ("KARYAWAN SWASTA", "MENGURUS RUMAH", "PELAJAR/MAHASISWA")),
        ("12. SHDK", ("KEPALA KELUARGA", "ISTRI", "ANAK")),
    ]
    lines = [_at(100, (430, "Anggota ke-1"), (740, "Anggota ke-2"), (1050, "Anggota ke-3"))]
    y = 140
    for label, values in rows:
        lines.append(_at(y, (100, label), *zip(xs, values, strict=True)))
        if label == "8. Pekerjaan":
            y += 24
            lines.append(_at(y, (700, "TANGGA")))  # the second member's occupation wrapped in its cell
        y += 40
    return lines


def _members(lines: list[Line]) -> list[dict[str, str]]:
    found = members_from_columns(lines)
    assert found is not None
    return [{k: f.value for k, f in m.as_dict().items()} for m in found]


def test_members_printed_as_columns_are_read_each_from_its_column() -> None:
    # Before: no member (the table's rows are fields, not members).
    got = _members(_member_columns())
    assert [m["name"] for m in got] == ["BAYU SANTOSO, S.E.", "YULI SRI WIDODO", "AGUS SAPUTRA"]
    assert [m["nik"] for m in got] == ["3525071212840020", "1606105903870029", "3525070802100030"]
    assert [m["birth_date"] for m in got] == ["1984-12-12", "1987-03-19", "2010-02-08"]
    assert got[1]["occupation"] == "MENGURUS RUMAH TANGGA"
    assert [m["relationship"] for m in got] == ["KEPALA KELUARGA", "ISTRI", "ANAK"]


def test_cells_read_together_over_a_border_and_a_label_read_in_pieces_are_parted() -> None:
    lines = _member_columns()
    # `LAKI-LAKI — PEREMPUAN`: two cells one phrase, their border read as a dash; `3. Jenis  Kelamin` apart.
    lines[3] = _at(
        220,
        (100, "3."),
        (150, "Jenis"),
        (260, "Kelamin"),
        (582, "LAKI-LAKI — PEREMPUAN"),
        (1010, "LAKI-LAKI"),
    )
    got = _members(lines)
    assert [m["sex"] for m in got] == ["LAKI-LAKI", "PEREMPUAN", "LAKI-LAKI"]


def test_a_page_with_no_row_of_members_headings_has_no_members_as_columns() -> None:
    assert members_from_columns(_member_columns()[1:]) is None


def test_members_numbered_over_their_columns_and_going_on_under_a_second_row_of_headings() -> None:
    # `(1) (2)` over the columns, `Tempat/Tgl. Lahir` naming both, and members 3 and 4 under headings of their
    # own further down.
    def block(y: int, first: int, people: list[tuple[str, str, str, str]]) -> list[Line]:
        xs = (390, 820)
        out = [_at(y, (100, "Uraian"), (450, f"({first})"), (880, f"({first + 1})"))]
        for k, label in enumerate(("NIK", "Nama", "Tempat/Tgl. Lahir", "SHDK")):
            values = [person[k] for person in people]
            out.append(_at(y + 40 * (k + 1), (100, label), *zip(xs, values, strict=True)))
        return out

    lines = block(
        100,
        1,
        [
            ("3525071212840020", "BAYU SANTOSO", "GRESIK, 12 DESEMBER 1984", "KEPALA KELUARGA"),
            ("1606105903870029", "YULI SRI WIDODO", "GRESIK, 19 MARET 1987", "ISTRI"),
        ],
    ) + block(
        400,
        3,
        [
            ("3525070802100030", "AGUS SAPUTRA", "BENGKULU UTARA, 08 FEBRUARI 2010", "ANAK"),
            ("3525074711110031", "SITI CAHYONO", "GRESIK, 07 NOVEMBER 2011", "ANAK"),
        ],
    )
    got = _members(lines)
    assert [m["name"] for m in got] == ["BAYU SANTOSO", "YULI SRI WIDODO", "AGUS SAPUTRA", "SITI CAHYONO"]
    assert (got[2]["place_of_birth"], got[2]["birth_date"]) == ("BENGKULU UTARA", "2010-02-08")


def test_the_head_of_the_family_is_named_by_the_members_table_when_the_header_is_not_read() -> None:
    rows = [_member_columns()]
    members = [m.as_dict() for m in members_from_columns(rows[0]) or []]
    head = head_from_members(members)
    assert head is not None and head.value == "BAYU SANTOSO, S.E."
    # Two members both marked head (a misread), or none: no one is named.
    members[1]["relationship"] = members[0]["relationship"]
    assert head_from_members(members) is None
    assert head_from_members(members[2:]) is None


# Review of the members as columns (session 20): each a page the first version read wrong.


def test_a_label_printed_again_or_wrapped_or_misread_gives_no_member_a_wrong_value() -> None:
    lines = _member_columns()  # 0 headings, 1 NIK, 2 Nama, 3 Jenis Kelamin, ... (40 px apart from y=140)
    # A label misread beyond knowing (`5. Tngl Lhr`) on a row of values; `Nama` wrapped over `Lengkap` in the
    # label column; `Nama Lengkap Ibu` read as `Nama` again further down.
    lines[4] = _at(260, (100, "5. Tngl Lhr"), (390, "12 DESEMBER 1984"), (700, "19 MARET 1987"))
    lines.insert(3, _at(196, (100, "Lengkap")))
    lines.append(
        _at(int(lines[-1].cy) + 40, (100, "17. Nama Lengkap Ibu"), (390, "SITI AMINAH"), (700, "SRI WAHYUNI"))
    )
    got = _members(lines)
    assert [m["name"] for m in got] == ["BAYU SANTOSO, S.E.", "YULI SRI WIDODO", "AGUS SAPUTRA"]
    assert all("birth_date" not in m for m in got)
    assert [m["sex"] for m in got] == ["LAKI-LAKI", "PEREMPUAN", "LAKI-LAKI"]
    assert got[1]["occupation"] == "MENGURUS RUMAH TANGGA"


def test_a_footer_under_the_table_is_no_value_and_a_last_member_alone_under_its_heading_is_read() -> None:
    lines = _member_columns()
    lines.append(_at(int(lines[-1].cy) + 28, (700, "GRESIK, 12-01-2021")))  # the issue date, close under
    got = _members(lines)
    assert got[1]["relationship"] == "ISTRI"
    last = [
        _at(700, (100, "Uraian"), (450, "(4)")),
        _at(740, (100, "NIK"), (390, "3525074711110031")),
        _at(780, (100, "Nama"), (390, "SITI CAHYONO")),
        _at(820, (100, "SHDK"), (390, "ANAK")),
    ]
    numbered = [_at(100, (100, "Uraian"), (450, "(1)"), (760, "(2)"), (1070, "(3)")), *_member_columns()[1:]]
    assert [m["name"] for m in _members(numbered + last)][-1] == "SITI CAHYONO"


def test_members_as_blocks_side_by_side_are_left_to_the_blocks_reader() -> None:
    # Each member's fields labelled in its own column (`NIK : ...` twice a line): not one member a column.
    lines = [_at(160, (60, "Anggota Keluarga Ke-1"), (900, "Anggota Keluarga Ke-2"))]
    for k, (label, a, b) in enumerate(
        (("NIK", "1504040708980028", "1504046611020017"), ("Nama", "ARIF", "ZAHRA"))
    ):
        lines.append(_at(200 + 40 * k, (60, label), (450, f": {a}"), (900, label), (1290, f": {b}")))
    assert members_from_columns(lines) is None


def test_a_card_readers_receipt_names_the_place_and_the_marital_status_by_their_short_labels() -> None:
    # ktp-struk-termal: `TMP LAHIR`, `STS KAWIN` (before: neither read, each a few letters short of its label).
    lines = [
        _at(490, (115, "NIK"), (379, "1504040708980028")),
        _at(530, (115, "NAMA"), (443, "ARIF SAPUTRA")),
        _at(560, (116, "TMP LAHIR"), (477, "BATANGHARI")),
        _at(600, (116, "TGL LAHIR"), (478, "07/08/1998")),
        _at(910, (115, "AGAMA"), (560, "ISLAM")),
        _at(944, (117, "STS KAWIN"), (558, "KAWIN")),
    ]
    page = OcrPage(width=760, height=1300, words=[w for ln in lines for w in ln.words])
    got = {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}
    assert (got["place_of_birth"], got["birth_date"]) == ("BATANGHARI", "1998-08-07")
    assert (got["marital_status"], got["religion"]) == ("KAWIN", "ISLAM")
