"""Round 12's structures (tools/docgen/variety_round12.py), each rule on lines as an engine reads them."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ektp.ocr import forms
from ektp.ocr.classify import classify, document_title
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import SKPWNI_LABELS, parse_akta, parse_kk, parse_ktp, parse_skpwni
from ektp.ocr.kk_table import parse_kk_members
from ektp.ocr.member_decks import members_from_decks
from ektp.ocr.models import Field
from ektp.ocr.preprocess import VerticalRule
from ektp.ocr.text import Line, Segment
from ektp.ocr.validate import resolve_regions
from tests.unit.ocr.conftest import ocr_line as _line


def _akta(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


def test_a_sentence_that_opens_with_the_childs_name_reads_the_child_and_the_parents() -> None:
    # Before: no name (the sentence has no `telah lahir ... bernama`), no NIK, and no parents (`putra dari X
    # dan Y` names neither `ayah` nor a couple).
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _line(140, "Nomor : 3525-LT-08022010-3353"),
            _line(200, "ARIF SAPUTRA, NIK 3525100802100003, anak ke-2 (dua), LAKI-LAKI, lahir di BENGKULU"),
            _line(226, "UTARA pada tanggal DELAPAN FEBRUARI DUA RIBU SEPULUH, putra dari BAYU SANTOSO dan"),
            _line(252, "YULI SRI WIDODO."),
            _line(300, "Kelahiran tersebut telah dicatat dalam Register Akta Kelahiran"),
        ]
    )
    assert (got["name"], got["nik"], got["sex"]) == ("ARIF SAPUTRA", "3525100802100003", "LAKI-LAKI")
    assert (got["place_of_birth"], got["birth_date"]) == ("BENGKULU UTARA", "2010-02-08")
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")


def test_a_name_set_apart_above_is_the_childs_and_a_couple_joined_by_dengan_are_the_parents() -> None:
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _tall(160, "AGUS SAPUTRA"),  # set large above the sentence
            _line(
                200, "adalah pemilik NIK 3525100802100003, anak ke-5 (lima), LAKI-LAKI, anak dari pasangan"
            ),
            _line(226, "BAYU SANTOSO dengan YULI SRI WIDODO, yang lahir di BENGKULU UTARA pada tanggal"),
            _line(252, "DELAPAN FEBRUARI DUA RIBU SEPULUH."),
        ]
    )
    assert (got["name"], got["nik"]) == ("AGUS SAPUTRA", "3525100802100003")
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")
    assert got["birth_date"] == "2010-02-08"


def _tall(y: int, text: str) -> Line:
    """A line set in type half as tall again as the body's (20 px)."""
    return Line([OcrWord(text=w, confidence=0.9, left=200 + 90 * i, top=y, width=80, height=30, line=y)
                 for i, w in enumerate(text.split())])  # fmt: skip


def test_a_line_above_in_body_type_is_no_name_set_apart() -> None:
    # Guard (review): a line of body text in capitals above `adalah ...` (`DI SURABAYA`, `SURAT PERNYATAAN`)
    # is no name set apart.
    for above in (_line(160, "BUDI HARTONO"), _tall(160, "SURAT PERNYATAAN")):
        got = _akta([_line(100, "KUTIPAN AKTA KELAHIRAN"), above, _line(200, "adalah anak ke-2, LAKI-LAKI.")])
        assert "name" not in got


def test_a_parents_nik_and_a_name_ending_in_putra_are_not_the_childs() -> None:
    # Guard (review): a NIK after the child's order is a parent's; `PUTRA dari` in capitals ends a name.
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _line(
                140,
                "Bahwa di GRESIK pada tanggal 7 November 2011 telah lahir DIMAS EKA PUTRA dari seorang ibu",
            ),
            _line(
                166,
                "bernama SITI AMINAH, anak ke-2, dari ayah BAYU SANTOSO, NIK 3578010101800001 dan ibu SITI.",
            ),
        ]
    )
    assert "nik" not in got and got.get("father_name") != "SITI AMINAH"


def test_the_title_above_the_sentence_is_no_name() -> None:
    # Guard: `adalah anak ke-2` straight under the title (the name unread) names no child.
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _line(140, "adalah anak ke-2, LAKI-LAKI, lahir di LANGKAT pada tanggal 21 Maret 1996."),
        ]
    )
    assert "name" not in got and got["birth_date"] == "1996-03-21"


def test_a_name_inside_a_sentence_is_not_taken_for_one_that_opens_it() -> None:
    # Guard: words in capitals after small letters on their line are not a name opening the sentence.
    got = _akta([_line(100, "AKTA KELAHIRAN"), _line(140, "dicatat di BEKASI, anak ke-2, PEREMPUAN.")])
    assert "name" not in got


def test_the_title_mentioned_again_in_small_letters_still_heads_the_page() -> None:
    # Before: the title's best alignment was the later `Register Akta Kelahiran` (small letters), the heading
    # in capitals before it was never looked at, and a plain Kutipan was answered DOCUMENT_WRONG_TYPE.
    text = (
        "REPUBLIK INDONESIA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN LANGKAT AKTA KELAHIRAN Nomor : "
        "1205 Kelahiran tersebut telah dicatat dalam Register Akta Kelahiran pada"
    )
    assert document_title(text) == "akta"
    assert classify(text, 2.0)[0] == "akta"


def test_a_title_in_small_letters_only_heads_nothing() -> None:
    assert document_title("Kelahiran tersebut dicatat dalam Register Akta Kelahiran Nomor 1205") is None


def test_the_sentence_under_a_title_read_as_a_number_label_is_no_number_and_a_corner_number_is() -> None:
    # Before: `KUTIPAN AKTA KELAHIRAN` was read as the label `Nomor Akta Kelahiran` and the sentence under it
    # became the number; the number printed alone in the corner (`No.3216-...`, the stop run in) was lost.
    got = _akta(
        [
            _line(50, "No.3216-LT-06121997-1297"),
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _line(150, "DADANG KUSNADI, anak ke-dua, LAKI-LAKI, lahir di BEKASI pada tanggal 06-12-1997"),
            _line(176, "putra dari RIDWAN AGUS SUNARYA dan ELIS JANTI SOEPRIATNA."),
        ]
    )
    assert got["number"] == "3216-LT-06121997-1297" and got["name"] == "DADANG KUSNADI"


def _kk(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_kk(lines).as_dict().items()}


def _cells(y: int, *cells: str) -> Line:
    """One printed row of a ruled table: each cell's text at its own column, 240 px apart."""
    words = [
        OcrWord(text=word, confidence=0.9, left=col * 240 + 8 + k * 70, top=y, width=60, height=20, line=y)
        for col, cell in enumerate(cells)
        for k, word in enumerate(cell.split())
    ]
    return Line(words)


def test_a_kk_header_as_one_row_of_headings_over_one_row_of_values_is_read() -> None:
    # Before: `Alamat (Jalan/Dusun)` was a label with its value `(Jalan/Dusun)`, so the row was no row of
    # headings; `Kepala Keluarga` named no field and `Kode` (its `Pos` wrapped and lost) neither: the address
    # read `(JALAN/DUSUN)`, the province took the whole row of values, the head and postal code were lost.
    got = _kk(
        [
            _line(40, "KARTU KELUARGA"),
            _line(80, "NO. 3218010801130031"),
            _cells(
                140,
                "Kepala Keluarga",
                "Alamat (Jalan/Dusun)",
                "RT",
                "RW",
                "Kode",
                "Desa/Kelurahan",
                "Provinsi",
            ),
            _cells(180, "NENENG SETIADI", "KP. BABAKAN", "012", "007", "46393", "CINTARATU", "JAWA BARAT"),
        ]
    )
    assert (got["head_of_family"], got["address"]) == ("NENENG SETIADI", "KP. BABAKAN")
    assert (got["rt"], got["rw"], got["postal_code"]) == ("012", "007", "46393")
    assert (got["village"], got["province"]) == ("CINTARATU", "JAWA BARAT")


def test_the_heads_caption_over_the_signature_names_no_head() -> None:
    # Guard: `Kepala Keluarga` names the head only as a column's heading, not as the signature's caption.
    got = _kk([_line(40, "KARTU KELUARGA"), _line(400, "KEPALA KELUARGA"), _line(520, "BAYU SANTOSO")])
    assert "head_of_family" not in got


def test_a_value_in_brackets_in_capitals_is_a_value() -> None:
    # Guard: only a note in small letters is a heading's; `Alamat (KP. BABAKAN)` is a label with its value.
    got = _kk([_line(40, "KARTU KELUARGA"), _line(80, "Alamat", "(KP. BABAKAN)")])
    assert got["address"] == "(KP. BABAKAN)"


def _table_words(y: int, cells: Sequence[str], column: int = 170) -> list[OcrWord]:
    out: list[OcrWord] = []
    for col, text in enumerate(cells):
        x = col * column + 8
        for part in text.split():
            width = min(150, 11 * len(part))
            out.append(OcrWord(text=part, confidence=0.9, left=x, top=y, width=width, height=20, line=y))
            x += width + 6
    return out


FAMILY_HEADINGS = ("Kepala Keluarga", "Alamat", "RT", "RW", "Provinsi", "Kabupaten/Kota", "Kecamatan",
                   "Kelurahan/Desa", "Kode", "Dikeluarkan Tanggal")  # fmt: skip
FAMILY_VALUES = ("FIRMAN KURNIAWAN", "DUSUN KARANGANYAR", "010", "011", "MALUKU", "KOTA TUAL", "KUR SELATAN",
                 "YAPAS", "97614", "13-11-2025")  # fmt: skip
MEMBER_TITLES = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Agama",
                 "Pendidikan", "Jenis Pekerjaan", "Golongan Darah")  # fmt: skip
MEMBER = ("1", "FIRMAN KURNIAWAN", "8172051501030019", "LAKI-LAKI", "TUAL", "15-01-2003", "ISLAM",
          "SLTP/SEDERAJAT", "TUKANG BATU", "O")  # fmt: skip


def test_the_family_header_ruled_as_a_table_of_its_own_is_no_member() -> None:
    # Before: the header's ten ruled cells were taken for the first member table (its count of columns) and
    # the row of its values for the first member: the head's address became member 1's name. A speck read as
    # `.` in a second line of titles (a dash: no marriage date) was taken for a member's row too.
    # The titles' second line read as specks and scraps (`kal`, `.`, `z`) where the engine lost its words.
    speck = _table_words(330, ("", "", "", "kal", "", ".", "z", "", "", ""))
    words = [
        *_table_words(100, FAMILY_HEADINGS),
        *_table_words(140, FAMILY_VALUES),
        *_table_words(300, MEMBER_TITLES),
        *speck,
        *_table_words(380, MEMBER),
    ]
    rules = [
        *(VerticalRule(x=c * 170, top=90, bottom=170) for c in range(11)),
        *(VerticalRule(x=c * 170, top=290, bottom=410) for c in range(11)),
    ]
    members = parse_kk_members(OcrPage(width=1900, height=600, words=words), rules)
    assert len(members) == 1
    got = {k: f.value for k, f in members[0].as_dict().items()}
    assert (got["name"], got["nik"]) == ("FIRMAN KURNIAWAN", "8172051501030019")


def _placed(y: int, *cells: tuple[int, str], letter: int = 11) -> Line:
    """One printed line: each phrase from its own x, words `letter` px a letter and 7 px apart."""
    words: list[OcrWord] = []
    for start, text in cells:
        x = start
        for part in text.split():
            width = letter * len(part)
            words.append(OcrWord(text=part, confidence=0.9, left=x, top=y, width=width, height=20, line=y))
            x += width + 7
    return Line(words)


# Two decks' titles (9 px a letter), each centred over its cell: the person's cells start at 60, 300, 520, 640,
# 820, 960, 1030 and 1300, the status's at 60, 260, 420, 640, 780, 880, 980 and 1200. Values are printed from
# their cells' left edges.
PERSON_TITLES = _placed(
    300, (10, "No"), (120, "Nama Lengkap"), (390, "NIK"), (565, "L/P"), (690, "Tempat Lahir"),
    (850, "Tgl. Lahir"), (965, "Agama"), (1140, "Pendidikan"), (1330, "Golongan Darah"), letter=9,
)  # fmt: skip
STATUS_TITLES = _placed(
    330, (80, "Status Perkawinan"), (275, "Tgl. Perkawinan"), (500, "SHDK"), (644, "Kewarganegaraan"),
    (790, "No. Paspor"), (890, "No. KITAP"), (1050, "Nama Ayah"), (1260, "Nama Ibu"), letter=9,
)  # fmt: skip


def test_members_in_two_deck_rows_are_read_deck_by_deck() -> None:
    # Before: no member was read (the two title lines made no table of either form's columns).
    lines = [
        _line(100, "KARTU KELUARGA"),
        PERSON_TITLES,
        STATUS_TITLES,
        _placed(
            370,
            (62, "ARIF SAPUTRA"),
            (302, "1504040708980028"),
            (522, "LAKI-LAKI"),
            (642, "BATANGHARI"),
            (822, "07-08-1998"),
            (962, "ISLAM"),
            (1082, "SLTA/SEDERAJAT"),
            (1302, "B"),
        ),
        _placed(
            400,
            (20, "1"),
            (62, "KAWIN TERCATAT"),
            (262, "14-02-2020"),
            (422, "KEPALA KELUARGA"),
            (642, "WNI"),
            (782, "-"),
            (882, "-"),
            (982, "AHMAD KURNIAWAN"),
            (1202, "NUR DEWI"),
        ),
        # Narrow cells read as one phrase: `ISLAM TAMAT SD/SEDERAJAT` is two cells.
        _placed(
            440,
            (62, "ZAHRA SAPUTRA"),
            (302, "1504046611020017"),
            (522, "PEREMPUAN"),
            (642, "BATANGHARI"),
            (822, "26-11-2002"),
            (962, "ISLAM TAMAT SD/SEDERAJAT"),
            (1302, "O"),
        ),
        _placed(
            470,
            (20, "2"),
            (62, "KAWIN TERCATAT"),
            (262, "14-02-2020"),
            (422, "ISTRI"),
            (642, "WNI"),
            (982, "BUDI SANTOSO"),
            (1202, "SITI AMINAH"),
        ),
        _line(600, "KEPALA KELUARGA"),
        _line(700, "ARIF SAPUTRA"),
    ]
    members = [{k: f.value for k, f in m.as_dict().items()} for m in members_from_decks(lines) or []]
    assert len(members) == 2
    head, wife = members
    assert (head["name"], head["nik"], head["education"]) == (
        "ARIF SAPUTRA",
        "1504040708980028",
        "SLTA/SEDERAJAT",
    )
    assert (head["relationship"], head["marital_status"], head["passport_number"]) == (
        "KEPALA KELUARGA",
        "KAWIN TERCATAT",
        "-",
    )
    assert (head["father_name"], head["mother_name"]) == ("AHMAD KURNIAWAN", "NUR DEWI")
    assert (wife["religion"], wife["education"], wife["relationship"]) == (
        "ISLAM",
        "TAMAT SD/SEDERAJAT",
        "ISTRI",
    )


def test_a_long_name_running_past_its_title_stays_whole() -> None:
    lines = [
        PERSON_TITLES,
        STATUS_TITLES,
        _placed(
            370,
            (62, "MUHAMMAD UMAR SYAFII ALATAS"),
            (392, "1504040708980028"),
            (522, "L"),
            (642, "JAMBI"),
            (822, "07-08-1998"),
            (962, "ISLAM"),
        ),
        _placed(400, (62, "BELUM KAWIN"), (422, "ANAK"), (642, "WNI")),
    ]
    members = [{k: f.value for k, f in m.as_dict().items()} for m in members_from_decks(lines) or []]
    assert members and members[0]["name"] == "MUHAMMAD UMAR SYAFII ALATAS"
    assert members[0]["nik"] == "1504040708980028" and members[0]["sex"] == "LAKI-LAKI"


def test_a_kk_tables_titles_wrapped_onto_a_second_line_are_no_two_decks() -> None:
    # Guard: the usual first table's titles wrapped (`Jenis` over `Kelamin`) name no status deck.
    lines = [
        _placed(300, (120, "Nama Lengkap"), (390, "NIK"), (560, "Jenis"), (680, "Tempat"), (840, "Tanggal"),
                (990, "Agama"), (1130, "Pendidikan"), letter=9),
        _placed(330, (560, "Kelamin"), (680, "Lahir"), (840, "Lahir"), letter=9),
        _placed(370, (62, "ARIF SAPUTRA"), (302, "1504040708980028"), (522, "LAKI-LAKI")),
    ]  # fmt: skip
    assert members_from_decks(lines) is None


def _skpwni(lines: list[Line]) -> dict[str, str]:
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def test_numbered_questions_with_notes_in_brackets_read_each_answer_under_its_question() -> None:
    # Before: `(jalan/dusun)` was read as the origin's address, `17. Alamat` as the destination's, `6.RT` (the
    # item's number run into its label) as no label, and `(NIK)` as the NIK label's value, so the row was no
    # row of two questions and the reason under `13. Alasan pindah` was lost.
    got = _skpwni(
        [
            _placed(40, (300, "SURAT KETERANGAN PINDAH WNI")),
            _placed(100, (20, "I. KETERANGAN PEMOHON"), (800, "III. KEPINDAHAN")),
            _placed(140, (20, "1. Nomor Induk Kependudukan (NIK)"), (800, "13. Alasan pindah")),
            _placed(170, (40, "1504046611020017"), (820, "PEKERJAAN")),
            _placed(220, (20, "II. DATA DAERAH ASAL"), (800, "IV. DATA DAERAH TUJUAN")),
            _placed(260, (20, "5. Alamat (jalan/dusun)"), (800, "17. Alamat")),
            _placed(290, (40, "JL. GAJAH MADA NO. 119"), (820, "JL. HASANUDDIN NO. 129")),
            _placed(330, (20, "6.RT"), (800, "18. RT")),
            _placed(360, (40, "010"), (820, "015")),
        ]
    )
    assert got["move_reason"] == "PEKERJAAN" and got["nik"] == "1504046611020017"
    assert (got["origin_address"], got["destination_address"]) == (
        "JL. GAJAH MADA NO. 119",
        "JL. HASANUDDIN NO. 129",
    )
    assert (got["origin_rt"], got["destination_rt"]) == ("010", "015")


def test_two_columns_flowing_half_a_line_apart_are_read_each_on_its_own() -> None:
    # Before: with the right column's heading a line under the left's, no column was read as a side: every
    # label's value was taken from the line under it across both columns, and most fields were lost.
    got = _skpwni(
        [
            _placed(40, (300, "SURAT KETERANGAN PINDAH WNI")),
            _placed(100, (20, "II. DATA DAERAH ASAL")),
            _placed(125, (800, "IV. DAERAH TUJUAN")),
            _placed(150, (20, "5. Alamat:")),
            _placed(175, (40, "DUSUN SIDOREJO"), (800, "16. Alamat (jalan/dusun):")),
            _placed(200, (20, "6. RT / RW:"), (820, "JL. ANGGREK NO. 130")),
            _placed(225, (40, "012 / 006"), (800, "17. RT / RW:")),
            _placed(250, (20, "7. Kecamatan:"), (820, "007 / 008")),
            _placed(275, (40, "PAMPANGAN"), (800, "18. Kecamatan:")),
            _placed(300, (820, "PORTIBI")),
            _placed(360, (20, "V. ANGGOTA KELUARGA YANG PINDAH")),
            _placed(390, (20, "No"), (100, "NIK"), (400, "Nama Lengkap"), (800, "SHDK")),
        ]
    )
    assert (got["origin_address"], got["origin_rt"], got["origin_rw"]) == ("DUSUN SIDOREJO", "012", "006")
    assert (got["destination_address"], got["destination_rt"]) == ("JL. ANGGREK NO. 130", "007")
    assert (got["origin_district"], got["destination_district"]) == ("PAMPANGAN", "PORTIBI")


def test_parents_labelled_by_one_word_with_its_colon_are_read_without_their_gloss() -> None:
    # Before: `Ayah :` and `Ibu :` named no field (only `Nama Ayah`, `Nama Ibu` did): both parents unread.
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN", "EXCERPT OF BIRTH CERTIFICATE"),
            _line(140, "Nama : SITI CAHYONO", "Name"),
            _line(180, "Ayah : BAYU SANTOSO", "Father's Name"),
            _line(220, "Ibu : YULI SRI WIDODO", "Mother's Name"),
        ]
    )
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")


def test_the_sentences_ayah_without_a_colon_is_no_label() -> None:
    # Guard: `ayah` opening a wrapped line of the sentence is the sentence's word; the sentence names both.
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _line(
                140, "Bahwa di GRESIK pada tanggal 7 November 2011 telah lahir SITI CAHYONO, anak ke-4, dari"
            ),
            _line(166, "ayah BAYU SANTOSO dan ibu YULI SRI WIDODO."),
        ]
    )
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")


def test_a_parents_nik_after_the_name_is_no_part_of_it() -> None:
    # Before: `BAYU SANTOSO, NIK 3578010101800001` was the father's name whole.
    got = _akta(
        [
            _line(100, "KUTIPAN AKTA KELAHIRAN"),
            _line(140, "Bahwa di SURABAYA pada tanggal 8 Februari 2010 telah lahir ARIF SAPUTRA, anak ke-2,"),
            _line(166, "LAKI-LAKI, dari ayah BAYU SANTOSO, NIK 3578010101800001 dan ibu YULI WIDODO, NIK"),
            _line(192, "3578014101820002."),
        ]
    )
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI WIDODO") and "nik" not in got


def test_a_house_number_is_no_akta_number_and_an_older_offices_number_is_one() -> None:
    # Guard (review): `NO.` before a number in text is taken only for a registration's number; a number in an
    # older office's format (`45/KLHR/DKCS/1999`: more letters than digits) after its label is kept.
    street = _akta([_line(100, "AKTA KELAHIRAN"), _line(140, "Alamat : JL. GAJAH MADA NO. 119/12-A")])
    older = _akta([_line(100, "AKTA KELAHIRAN"), _line(140, "Nomor : 45/KLHR/DKCS/1999")])
    assert "number" not in street and older["number"] == "45/KLHR/DKCS/1999"


def test_a_value_with_a_note_in_brackets_or_boxes_read_as_brackets_keeps_it() -> None:
    # Guard (review): only a note alone after the label, in small letters and without digits, is no value.
    def kk(*texts: str) -> dict[str, str]:
        return _kk([_line(40, "KARTU KELUARGA"), *(_line(80 + 40 * i, text) for i, text in enumerate(texts))])

    assert (
        kk("Alamat : Kp. Babakan (belakang masjid) No. 5")["address"] == "KP. BABAKAN (BELAKANG MASJID) NO. 5"
    )
    assert kk("Alamat Kp. Babakan (belakang masjid)")["address"] == "KP. BABAKAN (BELAKANG MASJID)"
    boxes = kk("Alamat : KP. BABAKAN", "RT (o12) RW (oo7)")
    assert (boxes["rt"], boxes["rw"]) == ("012", "007")


def test_members_under_the_same_rules_as_the_familys_header_are_read() -> None:
    # Guard (review): the header's row is passed over, not the table's rest.
    words = [
        *_table_words(100, FAMILY_HEADINGS),
        *_table_words(140, FAMILY_VALUES),
        *_table_words(200, MEMBER_TITLES),
        *_table_words(240, MEMBER),
    ]
    rules = [VerticalRule(x=c * 170, top=90, bottom=300) for c in range(11)]
    members = parse_kk_members(OcrPage(width=1900, height=600, words=words), rules)
    assert [m.as_dict()["name"].value for m in members] == ["FIRMAN KURNIAWAN"]


def test_a_phrase_under_many_titles_is_parted_once_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # Guard (review): each split tried read the rest again, so a phrase of 2N words under N titles of no field
    # cost exponential readings (N=14: minutes). Counted, not timed: each suffix is parted once.
    import ektp.ocr.member_decks as decks
    from ektp.ocr import kk_table

    calls = 0
    reads = kk_table.cell_value

    def counted(key: str, text: str, words: list[OcrWord]) -> object:
        nonlocal calls
        calls += 1
        return reads(key, text, words)

    monkeypatch.setattr(decks, "cell_value", counted)
    columns = [
        decks.Column("name", 100, 140),
        *(decks.Column("", 500 + 60 * i, 530 + 60 * i) for i in range(14)),
    ]
    phrase = _placed(370, (100, " ".join(["AB"] * 28)), letter=11).words
    decks._cells_of(phrase, columns)
    assert calls < 2_000


def test_a_village_read_with_a_confused_letter_or_a_stray_mark_is_its_districts_one() -> None:
    # Before: `HAIRAN` (J read as I) and `S HAIRAN` (a side label's letter beside it) were no village of BATIN
    # XXIV: the reading was kept, unsure. Under a known district the one name they are, letter for letter but
    # for confused letters, is taken (less sure); a reading two words off stays as read.
    def village(reading: str) -> str:
        fields = {
            "village": Field(value=reading, confidence=0.8),
            "district": Field(value="BATIN XXIV", confidence=0.9),
            "regency": Field(value="KABUPATEN BATANGHARI", confidence=0.9),
            "province": Field(value="JAMBI", confidence=0.9),
        }
        resolve_regions(fields)
        return fields["village"].value

    assert village("HAIRAN") == village("S HAIRAN") == "HAJRAN"
    assert village("XYZ HAIRAN") == "XYZ HAIRAN"


def test_a_kk_header_with_headings_wrapped_under_themselves_and_cells_read_together_is_read() -> None:
    # Before: with every heading named once put together from its two lines (`Nama Kepala` over `Keluarga`,
    # `Kode` over `Pos`), the row was left to the rule for a line of labels, which does not put them together,
    # and nothing under it was read; `Alamat (Jalan/Dusun)` put together named no field; the postal code and
    # the village read as one phrase across their cells' border (`36656 — HAJRAN`) went to one heading.
    head = _cells(140, "Nama Kepala", "Alamat (Jalan/Dusun)", "RT/RW", "Kode", "Desa/Kelurahan", "Provinsi")
    wrapped = _cells(165, "Keluarga", "", "", "Pos")
    together = [
        OcrWord(text=text, confidence=0.9, left=left, top=200, width=60, height=20, line=200)
        for text, left in (("36656", 728), ("—", 798), ("HAJRAN", 868))
    ]
    values = _cells(200, "ARIF SAPUTRA", "JL. GAJAH MADA", "010/001", "", "", "JAMBI")
    values = Line(sorted([*values.words, *together], key=lambda w: w.left))
    got = _kk([_line(40, "KARTU KELUARGA"), _line(80, "NO. 1504040411240019"), head, wrapped, values])
    assert (got["head_of_family"], got["address"], got["rt"], got["rw"]) == (
        "ARIF SAPUTRA",
        "JL. GAJAH MADA",
        "010",
        "001",
    )
    assert (got["postal_code"], got["province"]) == ("36656", "JAMBI")
    assert got["village"] == "HAJRAN"


def test_a_village_under_a_district_the_nik_names_is_not_pulled_to_a_confusable_one() -> None:
    # Guard (review): the NIK's district is where the holder was registered, not where they live now. `CINIRU`
    # (a village of another district) under the NIK's district stays as read, not `CIWIRU` (N and W confused).
    def ktp(district: str) -> dict[str, str]:
        lines = [
            _line(20, "PROVINSI JAWA BARAT"),
            _line(50, "KABUPATEN KUNINGAN"),
            _line(90, "NIK : 3208194101900003"),
            _line(120, "Nama : SITI AMINAH"),
            _line(270, "Kel/Desa : CINIRU"),
            _line(300, f"Kecamatan : {district}"),
        ]
        page = OcrPage(width=1200, height=800, words=[w for ln in lines for w in ln.words])
        return {k: f.value for k, f in parse_ktp(lines, page).as_dict().items()}

    assert ktp("KCMTN")["village"] == "CINIRU"


def test_a_bracketed_qualifier_is_no_note_and_a_bar_inside_an_address_parts_nothing() -> None:
    # Guard (review): `Alamat (Tujuan)` names the destination's address; a bar read for an I inside a long
    # address does not send its tail to the next heading when that heading has a value of its own.
    def centred(left: int, right: int, text: str) -> tuple[int, str]:
        width = sum(11 * len(p) for p in text.split()) + 7 * (len(text.split()) - 1)
        return ((left + right) // 2 - width // 2, text)

    cells = [(0, 300), (300, 800), (800, 920), (920, 1150)]
    head = _placed(140, *(centred(a, b, h) for (a, b), h in zip(cells, ["Nama Kepala Keluarga", "Alamat", "RT/RW",
                                                                       "Desa/Kelurahan"], strict=True)))  # fmt: skip
    values = _placed(
        180, (8, "BUDI SANTOSO"), (308, "JL. PANGERAN DIPONEGORO GG. CEMPAKA | NO. 58"), (808, "001/002"),
        (928, "SUKAMAJU"),
    )  # fmt: skip
    got = _kk([_line(40, "KARTU KELUARGA"), _line(80, "NO. 3201010101010001"), head, values])
    assert got["address"].startswith("JL. PANGERAN DIPONEGORO") and got["address"].endswith("NO. 58")
    assert (got["rt"], got["rw"]) == ("001", "002")
    assert forms._whole_heading(Segment(_line(0, "Alamat (Tujuan)").words), SKPWNI_LABELS) == (
        "destination_address", "ALAMATTUJUAN", [],
    )  # fmt: skip
