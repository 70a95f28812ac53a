"""A family's members quoted in a letter as numbered paragraphs (round 16's kk-susunan-prosa, a village's
Surat Keterangan Susunan Keluarga): each member a paragraph, each field a clause between commas. Before, no
member was read (2 of 45 fields on the page)."""

from __future__ import annotations

from ektp.ocr.member_prose import members_from_prose
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_line


def _paragraphs(*texts: str) -> list[Line]:
    lines: list[Line] = [ocr_line(0, "mempunyai susunan keluarga sebanyak 2 (dua) orang sebagai berikut:")]
    for text in texts:
        for row in text.split("\n"):
            lines.append(ocr_line(30 * len(lines), row))
    lines.append(
        ocr_line(30 * len(lines), "Surat keterangan ini dibuat untuk persyaratan pengurusan ahli waris.")
    )
    return lines


HEAD = (
    "1. ARIF SAPUTRA, Nomor Induk Kependudukan 1504040708980028, jenis kelamin LAKI-LAKI, tempat\n"
    "lahir BATANGHARI, tanggal lahir 07/08/1998, agama ISLAM, pendidikan terakhir TAMAT\n"
    "SD/SEDERAJAT, jenis pekerjaan BURUH HARIAN LEPAS, golongan darah B, status perkawinan\n"
    "KAWIN TERCATAT, tanggal perkawinan 17/05/2024, hubungan dalam keluarga KEPALA\n"
    "KELUARGA, kewarganegaraan WNI, anak dari YOGA SETIAWAN dan FITRI SETIAWAN."
)
WIFE = (
    "2. Zahra Saputra, NIK 1504046611020017, perempuan, lahir di Batanghari pada tanggal 26 November\n"
    "2002, agama Islam, status KAWIN TERCATAT, sebagai ISTRI, kewarganegaraan WNI, anak dari Ahmad\n"
    "Kurniawan dan Nur Dewi Anggraini."
)


def test_each_numbered_paragraph_is_a_member_and_each_clause_a_field() -> None:
    head, wife = (m.as_dict() for m in members_from_prose(_paragraphs(HEAD, WIFE)))
    assert {k: f.value for k, f in head.items()} == {
        "name": "ARIF SAPUTRA",
        "nik": "1504040708980028",
        "sex": "LAKI-LAKI",
        "place_of_birth": "BATANGHARI",
        "birth_date": "1998-08-07",
        "religion": "ISLAM",
        "education": "TAMAT SD/SEDERAJAT",
        "occupation": "BURUH HARIAN LEPAS",
        "blood_type": "B",
        "marital_status": "KAWIN TERCATAT",
        "marriage_date": "2024-05-17",
        "relationship": "KEPALA KELUARGA",
        "citizenship": "WNI",
        "kitap_number": "-",
        "father_name": "YOGA SETIAWAN",
        "mother_name": "FITRI SETIAWAN",
    }
    # Prose's own wordings: the sex without a label, `lahir di X pada tanggal D`, `status`, `sebagai`.
    assert {
        k: wife[k].value for k in ("sex", "place_of_birth", "birth_date", "marital_status", "relationship")
    } == {
        "sex": "PEREMPUAN",
        "place_of_birth": "BATANGHARI",
        "birth_date": "2002-11-26",
        "marital_status": "KAWIN TERCATAT",
        "relationship": "ISTRI",
    }
    assert (wife["father_name"].value, wife["mother_name"].value) == ("AHMAD KURNIAWAN", "NUR DEWI ANGGRAINI")


def test_guard_a_numbered_list_that_names_no_nik_is_no_member() -> None:
    # A letter's numbered requirements or a form's numbered rows: no NIK, no member.
    lines = _paragraphs("1. Fotokopi KTP, KK dan akta kelahiran, dilegalisir.", "2. Surat pengantar RT, RW.")
    assert members_from_prose(lines) == []


LETTER = [
    "PEMERINTAH KABUPATEN BATANGHARI",
    "DESA HAJRAN",
    "Alamat : Jl. Balai Desa No. 55 Kode Pos 36656",
    "SURAT KETERANGAN SUSUNAN KELUARGA",
    "Nomor : 470/120/Ds/2026",
    "Yang bertanda tangan di bawah ini Kepala Desa Hajran menerangkan dengan sebenarnya bahwa",
    "Saudara ARIF SAPUTRA, Kepala Keluarga pada Kartu Keluarga Nomor 1504040411240019, bertempat tinggal di JL. GAJAH",
    "MADA NO. 119 RT 010 RW 001 Desa HAJRAN Kecamatan BATIN XXIV KABUPATEN BATANGHARI",
    "Provinsi JAMBI, Kode Pos 36656 mempunyai susunan keluarga sebagai berikut:",
]


def test_a_letters_sentences_give_the_familys_number_and_address_not_the_offices() -> None:
    # Before: the village office's own address in its letterhead was read as the family's, the family's number
    # and the address run over two lines of the sentence were not read.
    from ektp.ocr.extract import parse_kk

    lines = [ocr_line(30 * i, row) for i, row in enumerate(LETTER)]
    read = {k: f.value for k, f in parse_kk(lines).as_dict().items()}
    assert read["number"] == "1504040411240019"
    assert (read["address"], read["rt"], read["rw"]) == ("JL. GAJAH MADA NO. 119", "010", "001")
    assert (read["regency"], read["province"], read["postal_code"]) == (
        "KABUPATEN BATANGHARI",
        "JAMBI",
        "36656",
    )


def test_guard_a_paragraph_whose_stop_was_lost_ends_before_the_letters_close() -> None:
    # Review (session 25): the last member's paragraph without its full stop ran on into `Demikian surat ...`
    # or the signature's place and date, which became the mother's name.
    last = "1. ZAHRA SAPUTRA, NIK 1504046611020017, perempuan, agama ISLAM, anak dari YOGA SETIAWAN dan FITRI SETIAWAN"
    for after in ("Demikian surat keterangan ini kami buat dengan sebenarnya.", "Hajran, 4 November 2024"):
        lines = [ocr_line(0, last), ocr_line(30, after), ocr_line(60, "KEPALA DESA HAJRAN")]
        (member,) = members_from_prose(lines)
        assert member.as_dict()["mother_name"].value == "FITRI SETIAWAN", after


def test_guard_a_parents_honorifics_and_notes_are_no_part_of_their_names() -> None:
    wife = WIFE.replace(
        "anak dari Ahmad\nKurniawan dan Nur Dewi Anggraini.",
        "anak dari Bapak Ahmad\nKurniawan dan Ibu Nur Dewi Anggraini (alm).",
    )
    (_, read) = (m.as_dict() for m in members_from_prose(_paragraphs(HEAD, wife)))
    assert (read["father_name"].value, read["mother_name"].value) == ("AHMAD KURNIAWAN", "NUR DEWI ANGGRAINI")


def test_guard_numbered_witnesses_are_no_members() -> None:
    # A witness's paragraph names a NIK, a name and a field or two: fewer than a member's.
    lines = _paragraphs(HEAD, "2. BUDI SANTOSO, NIK 1504040101800001, laki-laki, pekerjaan PETANI.")
    assert [m.as_dict()["name"].value for m in members_from_prose(lines)] == ["ARIF SAPUTRA"]


def test_guard_the_members_birthplaces_are_not_the_familys_address() -> None:
    # Review: the family's sentence named no regency, a member's `lahir di KOTA JAMBI` gave the family's regency.
    from ektp.ocr.extract import parse_kk

    rows = [*LETTER[:7], "MADA NO. 119 RT 010 RW 001 Desa HAJRAN Kecamatan BATIN XXIV,"]
    rows += ["mempunyai susunan keluarga sebagai berikut:"]
    rows += ["1. ARIF SAPUTRA, NIK 1504040708980028, laki-laki, lahir di KOTA JAMBI pada tanggal 07/08/1998,"]
    rows += ["agama ISLAM, status KAWIN, sebagai KEPALA KELUARGA, kewarganegaraan WNI."]
    lines = [ocr_line(30 * i, row) for i, row in enumerate(rows)]
    assert "regency" not in parse_kk(lines).as_dict()
