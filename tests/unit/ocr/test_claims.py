"""Claim-guided checks (ektp.domain.claims): declared values found in a document's text, whatever its layout."""

from __future__ import annotations

import io

import pytest

from ektp.domain.claims import Claim, check_claim, check_claims
from ektp.ocr import extract_document
from tools.docgen.variety import render_variety

# A Kutipan akta as OCR reads it: no labels for the child's fields, a misread letter, the date in words.
KUTIPAN = [
    "KUTIPAN AKTA KELAHIRAN",
    "NIK : 3507142803980030",
    "Nomor : 3507-LT-28031998-0406",
    "Bahwa di MALANG pada tanggal DUA PULUH DELAPAN MARET",
    "SERIBU SEMBILAN RATUS SEMBILAN PULUH DELAPAN telah lahir",
    "MUHAMMAD UMAR SYAFl'I ALATAS, anak ke-tiga, LAKI-LAKI, dari",
    "ayah MUHAMMAD FAHMI SALIM ALATAS dan ibu NABILA",
    "BAFADAL.",
]


def test_each_kind_matches_its_value_in_prose() -> None:
    checks = check_claims(
        {
            "name": "Muhammad Umar Syafi'i Alatas",
            "nik": "3507142803980030",
            "number": "3507-LT-28031998-0406",
            "birth_date": "1998-03-28",
            "mother_name": "NABILA BAFADAL",  # wrapped onto the next line
            "place_of_birth": "MALANG",
            "sex": "LAKI-LAKI",
        },
        KUTIPAN,
    )
    assert {k: c.status for k, c in checks.items()} == dict.fromkeys(checks, "match")


def test_a_different_value_is_not_a_match() -> None:
    checks = check_claims(
        {
            "name": "MUHAMMAD UMAR HASAN ALATAS",
            "nik": "3507142803980031",
            "birth_date": "1998-03-29",
            "place_of_birth": "MALANG SELATAN",
            "sex": "PEREMPUAN",
        },
        KUTIPAN,
    )
    assert all(c.status != "match" for c in checks.values()), checks


def test_mismatch_names_the_documents_value_and_not_found_when_absent() -> None:
    fields = {"name": {"value": "MUHAMMAD UMAR SYAFI'I ALATAS", "confidence": 0.93}}
    wrong = check_claim(Claim(field="name", kind="name", value="AHMAD DAHLAN"), KUTIPAN, fields)
    assert wrong.status == "mismatch" and wrong.document_value == "MUHAMMAD UMAR SYAFI'I ALATAS"
    absent = check_claim(Claim(field="religion", kind="text", value="ISLAM"), KUTIPAN)
    assert absent.status == "not_found" and absent.document_value is None


def test_the_fathers_name_does_not_answer_for_the_child() -> None:
    fields = {"father_name": {"value": "MUHAMMAD FAHMI SALIM ALATAS", "confidence": 0.9}}
    checks = check_claims({"name": "MUHAMMAD FAHMI SALIM ALATAS"}, KUTIPAN, fields)
    assert checks["name"].status != "match"


def test_old_spelling_and_title_tolerated_on_names() -> None:
    text = ["Nama Lengkap : DJOKO SOESILO, S.H.", "Tanggal Lahir : 07/05/2011"]
    checks = check_claims({"name": "JOKO SUSILO", "birth_date": "2011-05-07"}, text)
    assert checks["name"].status == "match" and checks["birth_date"].status == "match"


def test_claims_on_a_rendered_page_of_an_unseen_layout() -> None:
    doc = render_variety("skpwni", "skpwni-table", 1, 7373)[0]
    buf = io.BytesIO()
    doc.image.save(buf, format="PNG")
    result = extract_document(buf.getvalue(), declared_type="skpwni")
    fields = {k: f.model_dump() for k, f in result.fields.items()}
    keys = ("nik", "name", "destination_village", "destination_address", "move_date")
    right = check_claims({k: doc.fields[k] for k in keys}, result.text, fields)
    assert {k: c.status for k, c in right.items()} == dict.fromkeys(keys, "match")
    other = render_variety("skpwni", "skpwni-table", 2, 7474)[1]
    wrong = check_claims(
        {k: other.fields[k] for k in keys if other.fields[k] != doc.fields[k]}, result.text, fields
    )
    assert wrong and all(c.status != "match" for c in wrong.values()), wrong


def test_address_numbers_exact_and_a_value_inside_another_is_no_match() -> None:
    text = ["Alamat : JL. KARTINI NO. 143", "Status Perkawinan : BELUM KAWIN"]
    fields = {
        "address": {"value": "JL. KARTINI NO. 143", "confidence": 0.9},
        "marital_status": {"value": "BELUM KAWIN", "confidence": 0.9},
    }
    checks = check_claims({"address": "JL. KARTINI NO. 14", "marital_status": "KAWIN"}, text, fields)
    assert (
        checks["address"].status == "mismatch" and checks["address"].document_value == "JL. KARTINI NO. 143"
    )
    assert checks["marital_status"].status == "mismatch"
    read_badly = check_claims({"address": "JL. KARTINI NO. 143"}, ["Alamat : JL, KARTlNI NO. 143"])
    assert read_badly["address"].status == "match"


def test_a_dash_is_not_found_just_anywhere() -> None:
    text = ["Gol. Darah : '", "Tanggal : 20 - 12 - 1968", "No. Paspor : -"]
    assert check_claims({"blood_type": "-"}, text)["blood_type"].status == "not_found"
    read = {"blood_type": {"value": "-", "confidence": 0.9}}
    assert check_claims({"blood_type": "-"}, text, read)["blood_type"].status == "match"


# A KTP as read, and the fields read from it (validator-confirmed ones are sure: confidence >= 0.9).
KTP = [
    "NIK : 3507142803980030",
    "Nama : ARIF SAPUTRA",
    "Tempat/Tgl Lahir : MALANG, 28-03-1998",
    "Gol Darah : A+",
    "Kel/Desa : SUKAMAJU",
]
KTP_FIELDS = {
    "nik": {"value": "3507142803980030", "confidence": 0.95},
    "name": {"value": "ARIF SAPUTRA", "confidence": 0.95},
    "birth_date": {"value": "1998-03-28", "confidence": 0.95},
    "blood_type": {"value": "A+", "confidence": 0.95},
    "village": {"value": "SUKAMAJU", "confidence": 0.95},
}


def test_realistic_wrong_declarations_are_caught() -> None:
    """One letter of a name, a name short of a word, day and month swapped, the neighbouring NIK, the
    village next door, the blood type without its sign: none is a match, and a sure reading says what the
    document shows instead."""
    wrong = {
        "name": "ARIF SAPUTRI",
        "nik": "3507142803980031",
        "birth_date": "1998-03-29",
        "village": "SUKAMAJA",
        "blood_type": "A",
    }
    checks = check_claims(wrong, KTP, KTP_FIELDS)
    assert {k: c.status for k, c in checks.items()} == dict.fromkeys(wrong, "mismatch")
    assert checks["name"].document_value == "ARIF SAPUTRA"
    short = check_claims({"name": "ARIF"}, KTP)  # no field read: the text alone must not answer for it
    assert short["name"].status == "not_found"
    swapped = check_claims({"birth_date": "1998-03-28"}, ["Tanggal Lahir : 03-28-1998"])
    assert swapped["birth_date"].status == "not_found"


def test_a_close_reading_that_is_not_sure_is_not_found_not_a_mismatch() -> None:
    """A misread glyph on a field read unsurely must not reject the resident: `not_found` (an officer looks);
    the same reading read surely is a mismatch."""
    text = ["Nama : ARIF SAPUTRO", "NIK : 3507142803980036"]
    unsure = {
        "name": {"value": "ARIF SAPUTRO", "confidence": 0.7},
        "nik": {"value": "3507142803980036", "confidence": 0.7},
    }
    declared = {"name": "ARIF SAPUTRA", "nik": "3507142803980030"}
    assert {c.status for c in check_claims(declared, text, unsure).values()} == {"not_found"}
    sure = {k: {**f, "confidence": 0.95} for k, f in unsure.items()}
    assert {c.status for c in check_claims(declared, text, sure).values()} == {"mismatch"}


def test_a_nik_read_surely_answers_for_itself_against_another_persons_on_the_page() -> None:
    """The holder's NIK read surely and valid: another NIK printed on the page (a family member's row, a second
    card, a number labelled as the KK's) is another person's, and declaring it is a mismatch, not a match found
    in the text (session 29's review: `No. KK : <another person's NIK>` beside a card)."""
    text = ["NIK : 3507142803980036", "Nama : ARIF SAPUTRA", "No. KK : 3507140101700011"]
    sure = {"nik": {"value": "3507142803980036", "confidence": 0.95}}
    check = check_claims({"nik": "3507140101700011"}, text, sure)["nik"]
    assert check.status == "mismatch" and check.document_value == "3507142803980036"
    # The field a glyph off what the text prints elsewhere (`6` read `5`, the SKPWNI's applicant's NIK and the
    # same person's row in its members' table): a misread explains it, the text answers.
    text_again = ["NIK Pemohon 3507142803980036", "1. 3507142803980035 ARIF SAPUTRA"]
    assert check_claims({"nik": "3507142803980035"}, text_again, sure)["nik"].status == "match"
    # Not read at all, the text still answers (a layout whose NIK nothing labels).
    assert check_claims({"nik": "3507140101700011"}, text, {})["nik"].status == "match"


def test_glyphs_the_engine_confuses_still_match_a_name() -> None:
    checks = check_claims({"name": "ROMAULI BR SITOMPUL"}, ["Nama : ROMAULl BR SlTOMPUL"])
    assert checks["name"].status == "match"


# F-1.03 (Permendagri 108/2019) prints every option beside the boxed number of the one chosen: a page whose box
# was not read still shows each option's word, and on that layout 13 of 286 wrong declarations were "match".
SKPWNI_CHOICES = [
    "DATA KEPINDAHAN",
    "Alasan Pindah : [ ] 1. Pekerjaan 2. Pendidikan 3. Keamanan 4. Kesehatan",
    "5. Perumahan 6. Keluarga 7. Lainnya",
    "Klasifikasi Pindah : [ 3 ] 1. Dalam satu Desa/Kelurahan 2. Antar Desa/Kelurahan 3. Antar Kecamatan",
]


def test_a_closed_value_on_the_printed_list_of_options_is_no_evidence_of_the_choice() -> None:
    checks = check_claims(
        {"move_reason": "PENDIDIKAN", "move_classification": "ANTAR KECAMATAN"}, SKPWNI_CHOICES
    )
    assert checks["move_reason"].status == "not_found"
    assert checks["move_classification"].status == "not_found"


def test_a_chosen_value_written_on_its_own_is_still_found() -> None:
    written = ["Alasan Pindah : 2. Pendidikan", "Klasifikasi Pindah : Antar Kecamatan"]
    checks = check_claims({"move_reason": "PENDIDIKAN", "move_classification": "ANTAR KECAMATAN"}, written)
    assert {k: c.status for k, c in checks.items()} == {
        "move_reason": "match",
        "move_classification": "match",
    }


def _statuses(declared: dict[str, str], text: list[str]) -> dict[str, str]:
    return {k: c.status for k, c in check_claims(declared, text).items()}


def test_a_closed_value_inside_a_label_or_a_longer_option_is_no_evidence_of_it() -> None:
    """Words of a closed value printed as part of a label (`Nama Kepala Keluarga`) or of a longer value
    (`KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA`, `BELUM KAWIN`) do not show that value: a resident who
    declared it wrongly must not pass on them, whatever the case the form prints its labels in."""
    for labels in (
        ["Nama Kepala Keluarga : BUDI SANTOSO", "Jenis Kepindahan : ANGGOTA KELUARGA"],
        ["NAMA KEPALA KELUARGA : BUDI SANTOSO", "JENIS KEPINDAHAN : ANGGOTA KELUARGA"],
    ):
        assert _statuses({"move_type": "KEPALA KELUARGA"}, labels) == {"move_type": "not_found"}
    longer = ["JENIS KEPINDAHAN : KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA"]
    assert _statuses({"move_type": "KEPALA KELUARGA"}, longer) == {"move_type": "not_found"}
    assert _statuses({"marital_status": "KAWIN"}, ["STATUS PERKAWINAN : BELUM KAWIN"]) == {
        "marital_status": "not_found"
    }


def test_a_value_set_off_by_a_colon_or_comma_is_found_after_a_label_in_capitals() -> None:
    """The separator between a label and its value ends the label, in capitals or not, so the value stands
    whole: a closed value, a name, a value before a second field on the same row, a value in a sentence."""
    assert _statuses({"move_type": "KEPALA KELUARGA"}, ["JENIS KEPINDAHAN : KEPALA KELUARGA"]) == {
        "move_type": "match"
    }
    assert _statuses({"marital_status": "KAWIN"}, ["STATUS PERKAWINAN: KAWIN"]) == {"marital_status": "match"}
    assert _statuses({"name": "BUDI SANTOSO"}, ["NAMA LENGKAP : BUDI SANTOSO"]) == {"name": "match"}
    assert _statuses({"sex": "LAKI-LAKI"}, ["Jenis Kelamin : LAKI-LAKI Gol. Darah : O"]) == {"sex": "match"}
    assert _statuses({"sex": "PEREMPUAN"}, ["seorang anak PEREMPUAN bernama SITI"]) == {"sex": "match"}
    assert _statuses({"sex": "PEREMPUAN"}, ["anak ke-2, PEREMPUAN, dari ayah"]) == {"sex": "match"}


def test_a_choice_read_unsurely_does_not_pass_a_claim_on_its_own() -> None:
    """The boxed option of a move read at 0.57 as `KEPALA KELUARGA` when the form chose another: a resident
    declaring that option must not pass on the unsure reading; a sure reading, a blood type's dash read from
    its shape, or an RT still answer."""
    text = ["Jenis Kepindahan : [ 2 ]"]

    def status(name: str, value: str, read: str, confidence: float) -> str:
        fields = {name: {"value": read, "confidence": confidence}}
        return check_claims({name: value}, text, fields)[name].status

    assert status("move_type", "KEPALA KELUARGA", "KEPALA KELUARGA", 0.57) == "not_found"
    assert status("move_type", "KEPALA KELUARGA", "KEPALA KELUARGA", 0.9) == "match"
    assert status("blood_type", "-", "-", 0.5) == "match"
    assert status("rt", "007", "007", 0.46) == "match"


def test_a_line_naming_alternatives_is_no_evidence_of_either() -> None:
    """A SIAK print's subtitle `Antar Kabupaten/Kota atau Antar Provinsi` names both classifications ("atau"
    is "or"): declaring the one not chosen must not pass on it; the chosen one, printed as the value, does."""
    text = [
        "SURAT KETERANGAN PINDAH WNI",
        "Antar Kabupaten/Kota atau Antar Provinsi",
        "Klasifikasi Kepindahan ANTAR PROVINSI",
    ]
    assert _statuses({"move_classification": "ANTAR KABUPATEN/KOTA"}, text) == {
        "move_classification": "not_found"
    }
    assert _statuses({"move_classification": "ANTAR PROVINSI"}, text) == {"move_classification": "match"}


def test_a_name_one_word_short_of_a_garbled_name_is_no_match() -> None:
    # A typewritten akta read with a half-struck letter as a mark: the name runs on into its garbled last word, so
    # a declaration one word short is not the name the page shows (it was a match: the garbled word was no name
    # word and the run looked whole). The whole name declared is still found where its words are read.
    text = [
        "dari ayah BONAR SITUMORANG dan ibu TIURMA BR PA..JAITAN",
        "telah lahir seorang anak HOTMAN SITUMO.ANG",
    ]
    short = check_claims({"mother_name": "TIURMA BR", "name": "HOTMAN"}, text)
    assert short["mother_name"].status != "match" and short["name"].status != "match", short
    whole = check_claims({"father_name": "BONAR SITUMORANG"}, text)
    assert whole["father_name"].status == "match"
    titled = check_claims({"name": "JOKO SUSILO"}, ["Nama : JOKO SUSILO S.PD."])
    assert titled["name"].status == "match"  # a title's few letters with stops are no garbled name word


def test_a_short_number_read_surely_is_not_outvoted_by_the_same_digits_elsewhere() -> None:
    # An RT/RW is a number of a digit to three: the same digits stand anywhere on a page (an officer's NIP ends in
    # `002`, a page number, a list's item). The origin RW read surely as 001 with 002 declared was a match, found in
    # the NIP. Read unsurely, or not read at all, the text still answers for it.
    text = ["4. RT/RW : 010/001", "5. Desa/Kel. : HAJRAN", "NIP 19790721 199908 1 002"]
    sure = {"origin_rw": {"value": "001", "confidence": 0.92}}
    assert check_claims({"origin_rw": "002"}, text, sure)["origin_rw"].status == "mismatch"
    assert check_claims({"origin_rw": "001"}, text, sure)["origin_rw"].status == "match"
    # No field read: a move's page prints an RT and an RW for each side, so the text is no evidence of one side's.
    assert check_claims({"origin_rw": "001"}, text)["origin_rw"].status == "not_found"


def test_attack_a_short_number_not_read_is_not_matched_by_an_officers_nip() -> None:
    """Round 10's old KK (blind): its RT/RW unread, RT 011 declared where the page prints 010 was a match,
    found as the last group of the officer's NIP (`... 200108 2 011`). Digits of a digit to three stand
    anywhere on a page; only where the page labels them RT or RW are they the RT or the RW."""
    text = ["KARTU KELUARGA", "Rt/Rw :010 / / 001 001", "NIP. 19830106 200108 2 011", "Halaman 2"]
    for field, wrong in (("rt", "011"), ("rw", "011"), ("rt", "002"), ("rt", "001"), ("rw", "010")):
        assert check_claims({field: wrong}, text)[field].status != "match", (field, wrong)
    assert check_claims({"rt": "010"}, text)["rt"].status == "match"
    assert check_claims({"rw": "001"}, text)["rw"].status == "match"
    assert check_claims({"rw": "1"}, text)["rw"].status == "match"  # the same number unpadded


@pytest.mark.parametrize(
    ("line", "rt", "rw"),
    [
        ("Alamat : JL. MELATI NO. 5 RT 003 RW 012", "003", "012"),
        ("RT/RW : 003/012", "003", "012"),
        ("R T / R W : 0 0 3 / 0 1 2", "003", "012"),
        ("RT : 3   RW : 12", "003", "012"),
        ("13 | RT : 015 RW : 007", "015", "007"),
    ],
)
def test_an_rt_and_rw_printed_beside_their_labels_match_unread(line: str, rt: str, rw: str) -> None:
    text = ["KETERANGAN", line, "NIP. 19830106 200108 2 011"]
    assert check_claims({"rt": rt}, text)["rt"].status == "match", line
    assert check_claims({"rw": rw}, text)["rw"].status == "match", line
    assert check_claims({"rt": rw}, text)["rt"].status != "match", line  # the RW's digits are not the RT


# A bilingual Kutipan photographed, its values in title case under their labels (the glosses dropped).
TITLE_CASE = [
    "KUTIPAN AKTA KELAHIRAN",
    "Nama Lengkap",
    "Zahra Saputra",
    "Tempat Lahir",
    "Batanghari",
    "Nama Ayah",
    "Ahmad Kurniawan",
    "Nama Ibu",
    "Romauli br Sitompul",
]


def test_a_name_a_word_short_of_the_one_in_title_case_is_no_match() -> None:
    """`AHMAD` declared where the page shows `Ahmad Kurniawan`: a word less is another name. The next word
    in title case continues a name in title case (a particle in small letters too: `br`)."""
    for field, short in (("name", "ZAHRA"), ("father_name", "AHMAD"), ("mother_name", "ROMAULI")):
        check = check_claims({field: short}, TITLE_CASE)[field]
        assert check.status != "match", check


def test_a_name_in_title_case_matches_whole_and_the_next_rows_label_does_not_continue_it() -> None:
    """Guard: the whole name matches on its line (the next line's first word, `Tempat`, opens a label), and
    beside its label without a colon (`Nama Ayah Ahmad Kurniawan`)."""
    declared = {
        "name": "ZAHRA SAPUTRA",
        "father_name": "AHMAD KURNIAWAN",
        "mother_name": "ROMAULI BR SITOMPUL",
    }
    checks = check_claims(declared, TITLE_CASE)
    assert {k: c.status for k, c in checks.items()} == dict.fromkeys(declared, "match")
    beside = check_claims({"father_name": "AHMAD KURNIAWAN"}, ["Nama Ayah Ahmad Kurniawan"])
    assert beside["father_name"].status == "match"


def test_a_stop_read_after_a_names_first_word_does_not_end_the_name() -> None:
    """`AHMAD. KURNIAWAN` (a speck of the writing line read as a stop): `AHMAD` declared is no match; a
    comma still ends a name and a title's stop before one still stands apart."""
    text = ["anak dari ayah AHMAD. KURNIAWAN", "dan ibu SITI AMINAH, S.PD.", "Saksi H. BUDI SANTOSO"]
    assert check_claims({"father_name": "AHMAD"}, text)["father_name"].status != "match"
    assert check_claims({"mother_name": "SITI AMINAH"}, text)["mother_name"].status == "match"
    assert check_claims({"name": "BUDI SANTOSO"}, text)["name"].status == "match"


def test_a_name_read_with_a_word_split_or_a_stroke_for_its_i_matches() -> None:
    """Handwriting read: `SITOM PUL` (a gap inside a word), `MAR/A` (a slanted I read as a slash). The
    letters are the name's; one letter changed, or a word less, still is not."""
    text = ["yang diberi nama", "ROMAULI BR SITOM PUL", "dan ibu MAR/A BR SINAGA"]
    assert check_claims({"name": "ROMAULI BR SITOMPUL"}, text)["name"].status == "match"
    assert check_claims({"mother_name": "MARIA BR SINAGA"}, text)["mother_name"].status == "match"
    for field, wrong in (
        ("name", "ROMAULI BR SITOMPIL"),
        ("name", "ROMAULI BR"),
        ("mother_name", "MARTA BR SINAGA"),
    ):
        assert check_claims({field: wrong}, text)[field].status != "match", wrong


def test_an_address_read_without_its_spaces_or_with_its_digits_apart_matches() -> None:
    """A form of boxes, one letter each, read without its spaces (`JL·GAJAHMADANO·119`) or a house number's
    digits read apart (`NO· 11 9`), the field read surely: the same letters and digits in order are the
    address; another house number still is not."""
    for read in ("JL·GAJAHMADANO·119", "JL· GAJAH MADA NO· 11 9"):
        fields = {"origin_address": {"value": read, "confidence": 0.97}}
        text = [f"Alamat {read}"]
        ok = check_claims({"origin_address": "JL. GAJAH MADA NO. 119"}, text, fields)["origin_address"]
        assert ok.status == "match", read
        wrong = check_claims({"origin_address": "JL. GAJAH MADA NO. 120"}, text, fields)["origin_address"]
        assert wrong.status == "mismatch", read


def test_a_short_number_read_less_surely_is_not_outvoted_by_the_same_digits_elsewhere() -> None:
    """The destination RW read as 007 at 0.73 (a table's cell, degraded) and an officer's NIP ending `2 008`:
    008 declared was a match found in the NIP. The field read with confidence answers (a misread of it is
    not found, never a match); read with no confidence at all, nothing does."""
    text = ["13 | RT : 015 RW : 007", "NIP. 19680404 200900 2 008"]
    read = {"destination_rw": {"value": "007", "confidence": 0.73}}
    assert check_claims({"destination_rw": "008"}, text, read)["destination_rw"].status == "mismatch"
    text = ["13 | RT : 015 RW : 007", "NIP. 19680404 200900 2 001"]  # 1 for 7: a misread would explain it
    assert check_claims({"destination_rw": "001"}, text, read)["destination_rw"].status == "not_found"
    assert check_claims({"destination_rw": "007"}, text, read)["destination_rw"].status == "match"
    faint = {"destination_rw": {"value": "001", "confidence": 0.4}}
    # Read with no confidence: not found (the text's RW could be either side's).
    assert check_claims({"destination_rw": "007"}, text, faint)["destination_rw"].status == "not_found"


def test_attack_an_rt_rw_label_split_by_another_mark_or_the_other_side_is_no_match() -> None:
    """From the review: `RT | RW : 003/012` (the slash read as a bar) gave the RW the RT's number; on a move,
    the origin's RT matched a destination RT declared; `RT/RW : 1 2` joined into 12."""
    for mark in ("|", "I", "l", "-", ",", "", "dan", "&"):
        text = [f"RT {mark} RW : 003/012"]
        assert check_claims({"rw": "003"}, text)["rw"].status != "match", mark
        assert check_claims({"rw": "012"}, text)["rw"].status == "match", mark
        assert check_claims({"rt": "003"}, text)["rt"].status == "match", mark
    move = ["Alamat Asal : JL MAWAR RT 003 RW 012", "Alamat Tujuan : JL MELATI RT 005 RW 007"]
    assert check_claims({"destination_rt": "003"}, move)["destination_rt"].status != "match"
    assert check_claims({"rt": "12"}, ["RT/RW : 1 2"])["rt"].status != "match"


def test_one_sides_claim_takes_no_text_evidence_when_neither_side_was_read() -> None:
    # Before (skpwni-tabel-mendatar photocopied, round 11's bench): neither province was read; the resident
    # declared the destination's province as the origin's, and the page's `SUMATERA UTARA` (the destination's)
    # answered `match`.
    from ektp.domain.claims import TEXT_KEY, value_or_claim

    text = [
        "Uraian Jalan/Dusun RT RW Kel/Desa Kecamatan Kabupaten/Kota Provinsi Kode Pos",
        "Daerah Asal JL. GAJAH MADA NO. 119 010 001 HAJRAN BATIN XXIV KABUPATEN BATANGHARI JAMBI 36656",
        "Daerah Tujuan JL. HASANUDDIN NO. 129 015 007 HILIKANA HIBALA KABUPATEN NIAS SUMATERA UTARA 22881",
    ]
    assert (
        check_claims({"origin_province": "SUMATERA UTARA"}, text, {})["origin_province"].status == "not_found"
    )
    assert value_or_claim({TEXT_KEY: text}, "origin_province", "SUMATERA UTARA") == (None, 0.0)
    # Guard: with the other side's read, the text answers as before (the other's value is no match; this one is).
    read = {"destination_province": {"value": "SUMATERA UTARA", "confidence": 0.9}}
    assert (
        check_claims({"origin_province": "SUMATERA UTARA"}, text, read)["origin_province"].status != "match"
    )
    assert check_claims({"origin_province": "JAMBI"}, text, read)["origin_province"].status == "match"
    # The other side read unsurely (`5UMATERA UTARA` at 0.5, found by the review) is as good as unread.
    unsure = {"destination_province": {"value": "5UMATERA UTARA", "confidence": 0.5}}
    assert (
        check_claims({"origin_province": "SUMATERA UTARA"}, text, unsure)["origin_province"].status != "match"
    )
    # A field of no side (the village of a KK's or a KTP's address) is searched in the text as before.
    assert check_claims({"village": "HAJRAN"}, text, {})["village"].status == "match"


def test_a_name_is_not_found_in_an_email_address() -> None:
    # A bank's e-KYC page prints the applicant's e-mail: `ZAHRA` declared (a word of the name left out) was
    # matched to `zahra82@gmail.com`, whose letters alone spell it (round 14's ktp-kyc-web, session 23).
    text = ["Nama Lengkap", "ZAHRA SAPUTRA", "Alamat Email", "zahra82@gmail.com"]
    assert check_claim(Claim(field="name", kind="name", value="ZAHRA"), text).status != "match"
    assert check_claim(Claim(field="name", kind="name", value="ZAHRA SAPUTRA"), text).status == "match"


def test_a_closed_choice_read_surely_is_not_overruled_by_its_words_elsewhere() -> None:
    # A move application's screen: the move's type read surely as `KEPALA KELUARGA`; another option declared
    # (`ANGGOTA KELUARGA`) stood in the members' heading and was matched there (round 14, session 23).
    text = [
        "Jenis Kepindahan: KEPALA KELUARGA",
        "Anggota Keluarga yang Pindah (1)",
        "1504040708980028 - Kepala Keluarga",
    ]
    fields = {"move_type": {"value": "KEPALA KELUARGA", "confidence": 0.96}}
    got = check_claims({"move_type": "ANGGOTA KELUARGA"}, text, fields)["move_type"]
    assert (got.status, got.document_value) == ("mismatch", "KEPALA KELUARGA")
    assert check_claims({"move_type": "KEPALA KELUARGA"}, text, fields)["move_type"].status == "match"


def test_a_date_after_another_dates_label_is_no_evidence_of_the_declared_one() -> None:
    # A KK printed by SIAK the day after it was issued: `TGL CETAK : 05-11-2024` stands at its head. Its issue
    # date unread, the day after declared as the issue date was matched to the print's date (round 15's
    # kk-kertas-kontinu, session 24).
    text = [
        "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN BATANGHARI TGL CETAK : 05-11-2024 11:29 HAL : 1",
        "KARTU KELUARGA",
        "NO. KK : 1504040411240019",
        "NAMA KK : ARIF SAPUTRA",
        "DIKELUARKAN TANGGAL : 04-11-2024",
    ]
    assert check_claims({"issue_date": "2024-11-05"}, text)["issue_date"].status != "match"
    assert check_claims({"issue_date": "2024-11-04"}, text)["issue_date"].status == "match"
    # A card's birth date is no issue date, nor its issue date a birth date; each matches after its own label.
    card = ["Tempat/Tgl Lahir : GRESIK, 12-12-1984", "Dikeluarkan tanggal : 03-05-2013"]
    assert check_claims({"issue_date": "1984-12-12"}, card)["issue_date"].status != "match"
    assert check_claims({"birth_date": "2013-05-03"}, card)["birth_date"].status != "match"
    assert (
        check_claims({"birth_date": "1984-12-12", "issue_date": "2013-05-03"}, card)["birth_date"].status
        == "match"
    )
    assert check_claims({"issue_date": "2013-05-03"}, card)["issue_date"].status == "match"
    # A value between the label and the date: the card's issue date run into the marital status's line.
    merged = ["Status Perkawinan : KAWIN 03-05-2013"]
    assert check_claims({"issue_date": "2013-05-03"}, merged)["issue_date"].status == "match"
    # The reviewer's cases (session 24): a digit before the label, the comma read as a stop or lost, the label's
    # words run together: still another date's.
    for line in (
        "HAL : 1 TGL CETAK : 05-11-2024 11:29",
        "3. Tempat/Tgl Lahir : GRESIK, 05-11-2024",
        "NIK 3525011212840001 Tgl Lahir 05-11-2024",
        "Tempat/Tgl Lahir : GRESIK. 05-11-2024",
        "Tempat/TglLahir : GRESIK 05-11-2024",
        "TGLCETAK : 05-11-2024",
    ):
        assert check_claims({"issue_date": "2024-11-05"}, [line])["issue_date"].status != "match", line
    # A label owns the first date after it only: an old card's validity beside its issue date.
    both = ["Berlaku Hingga : 12-12-2022 12-12-2017"]
    assert check_claims({"issue_date": "2017-12-12"}, both)["issue_date"].status == "match"
    # A date no word owns (a card's issue date printed alone under the photo) is found as before.
    assert (
        check_claims({"issue_date": "2013-05-03"}, ["GRESIK", "03-05-2013"])["issue_date"].status == "match"
    )


def test_an_option_list_whose_numbers_lost_their_stops_is_no_evidence_of_a_choice() -> None:
    # skpwni-isian-tangan (round 15): `3 Kepala Keluarga Dan Sebagian Anggota Keluarga 4. Anggota Keluarga`
    # (the tick ate the stop of `3.`) counted one numbered entry, so `ANGGOTA KELUARGA` declared was matched in
    # the list though `KEPALA KELUARGA` was ticked (read at 0.8).
    text = [
        "14. Jenis Kepindahan : wa Kepala Keluarga 2 Kepala Keluarga Dan Seluruh Anggota Keluarga",
        "3 Kepala Keluarga Dan Sebagian Anggota Keluarga 4. Anggota Keluarga",
    ]
    fields = {"move_type": {"value": "KEPALA KELUARGA", "confidence": 0.8}}
    assert check_claims({"move_type": "ANGGOTA KELUARGA"}, text, fields)["move_type"].status != "match"
    assert check_claims({"move_type": "KEPALA KELUARGA"}, text, fields)["move_type"].status == "match"


NIK = "3171010101900001"


@pytest.mark.parametrize(
    "line",
    [
        f"Telp 0812{NIK}99",  # a phone number's digits run into the declared ones
        f"Telp 0812 {NIK[:8]} {NIK[8:]}",  # its groups printed apart
        f"No. Rek 1234 {NIK[:4]} {NIK[4:8]} {NIK[8:12]} {NIK[12:]}",
        f"Kode {NIK}7 A",  # one digit more
        f"{NIK[:8]}\t{NIK[8:]}0",
        # The review's: a phone one digit to a box, a group of two before it, a date-shaped tail run into it.
        "Telp 0 8 1 2 " + " ".join(NIK),
        f"Telp 0812 34 {NIK}",
        f"Rek 1234-56 {NIK}",
        f"{NIK}7A",
        f"NIK {NIK[:-2]}1 BUDI",  # a digit lost, and the B of the name after it read as an 8
    ],
)
def test_attack_a_declared_number_inside_a_longer_one_is_no_match(line: str) -> None:
    """The second review of session 30: with the SKPWNI's NIK field unread, a declared NIK was found wherever
    its digits stood in a line's digits run together (a phone or account number that contains them, two
    numbers side by side). Only the number printed whole is evidence of it."""
    text = ["SURAT KETERANGAN PINDAH WNI", line, "Nama : BUDI SANTOSO"]
    assert check_claims({"nik": NIK}, text)["nik"].status == "not_found", line


@pytest.mark.parametrize(
    "line",
    [
        f"NIK : {NIK}",
        f"NIK{NIK}",  # the colon and space lost
        f"NIK : {NIK[:4]} {NIK[4:8]} {NIK[8:12]} {NIK[12:]}",  # in fours
        "NIK : " + " ".join(NIK),  # one digit to a box
        f"1 {NIK} BUDI SANTOSO LAKI-LAKI",  # a table row's number before it
        f"12. {NIK} BUDI SANTOSO",
        f"NIK : {NIK[:6]}O{NIK[7:]}",  # a zero read as the letter O
        f"https://siak.example/keluarga/{NIK} 1A",  # a glyph after it, not digits
        f"NIK {NIK} 01-01-1990",  # a date column after it
        f"NIK {NIK} 1990-01-01",
        f"1 {NIK} 003/012",  # an RT/RW column
        f"NIK Pemohon 1 {NIK}",  # the label's colon read as a 1
        f"NIK : {NIK[:4]} - {NIK[4:8]} - {NIK[8:12]} - {NIK[12:]}",  # groups set apart by dashes
        f"NIK : {NIK[:4]}/{NIK[4:8]}/{NIK[8:12]}/{NIK[12:]}",
        f"NIK :\u00a0{NIK[:8]}\u2013{NIK[8:]}",  # a no-break space, an en dash
    ],
)
def test_a_declared_number_printed_whole_is_found(line: str) -> None:
    text = ["SURAT KETERANGAN PINDAH WNI", line]
    assert check_claims({"nik": NIK}, text)["nik"].status == "match", line


@pytest.mark.parametrize(
    ("field", "read", "declared", "status"),
    [
        # Another digit the engine does not read for the printed one: another value, caught though read unsurely.
        ("rt", "001", "002", "mismatch"),
        ("kk_number", "1504040411240019", "1504040411240018", "mismatch"),
        ("number", "1504-LT-07081998-8122", "1504-LT-07081998-8123", "mismatch"),
        ("birth_date", "1998-08-07", "1998-08-08", "mismatch"),
        # A digit the engine reads for the other (1 and 7, 9 and 0, 5 and 6, 3 and 8): a misread would explain it.
        ("rt", "001", "007", "not_found"),
        ("kk_number", "1504040411240019", "1504040411240010", "not_found"),
        ("number", "1504-LT-07081998-8125", "1504-LT-07081998-8126", "not_found"),
        ("birth_date", "1998-08-03", "1998-08-08", "not_found"),
        # A thin glyph lost (`RT : 05` for 015, the day `Tg1 1` for 11) and padded back: a misread too.
        ("rt", "005", "015", "not_found"),
        ("move_date", "2024-12-01", "2024-12-11", "not_found"),
        # ... but not a digit lost and another changed.
        ("rt", "005", "016", "mismatch"),
        # Letters are left to the reading's confidence (worn print: M read for N, R for A) ...
        ("citizenship", "WNI", "WNA", "not_found"),
        ("religion", "ISLAN", "ISLAM", "not_found"),
        # ... and a letter lost is no digit lost: the blood type `A` declared where `AB` is read is caught.
        ("blood_type", "AB", "A", "mismatch"),
    ],
)
def test_a_value_read_unsurely_is_caught_unless_a_misread_explains_it(
    field: str, read: str, declared: str, status: str
) -> None:
    """Read at 0.75 (trusted, not sure), a value one digit off the declared one was `not_found` whatever the
    digits: `002` declared where the page reads `001`, a certificate's serial one up, the next day. A misread
    changes a glyph into one like it or loses one; a `1` read where `2` is printed is another value."""
    fields = {field: {"value": read, "confidence": 0.75}}
    assert check_claims({field: declared}, [], fields)[field].status == status
