"""Rules written for round 17's pages (tools/docgen/variety_round17.py, measured blind first): a notary's
deed quoting a birth certificate in prose (akta-kuasa-notaris), the appearer's own birth named before the
minor's he acts for."""

from __future__ import annotations

import re

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import parse_akta
from ektp.ocr.text import Line, page_lines
from tests.unit.ocr.conftest import ocr_line


def _akta(texts: list[str]) -> dict[str, str]:
    rows: list[Line] = [ocr_line(10 + 30 * i, text) for i, text in enumerate(texts)]
    lines = page_lines(
        OcrPage(width=1600, height=30 * len(rows) + 40, words=[w for r in rows for w in r.words])
    )
    return {k: f.value for k, f in parse_akta(lines).as_dict().items()}


MINOR = [
    "Berhadapan dengan saya, Siti Aminah, Sarjana Hukum, Notaris di Gresik:",
    "Tuan BAYU SANTOSO, lahir di Gresik, pada tanggal 25 Desember 1981, Warga -",
    "Negara Indonesia, Wiraswasta, bertempat tinggal di Dusun Karanganyar, pemegang",
    "Kartu Tanda Penduduk dengan Nomor Induk Kependudukan 3525072512810308; -",
    "menurut keterangannya bertindak selaku ayah kandung dan karenanya sebagai wali yang sah dari ---",
    "anaknya yang belum dewasa, yaitu seorang anak laki-laki bernama AGUs -",
    "SAPUTRA, lahir di Bengkulu Utara, pada tanggal 08-02-2010 (DELAPAN -",
    "FEBRUARI DUA RIBU SEPULUH), Nomor Induk Kependudukan 3525070802100030,",
    "sebagaimana ternyata dari Kutipan Akta Kelahiran Nomor 3525-LT-08022010-9022",
    "tanggal 12 Mei 2010, anak dari suami-istri BAYU SANTOSO dan YULI SRI WIDODO;",
]


def test_a_deed_naming_the_appearer_and_the_minor_gives_the_minors_birth() -> None:
    # Before: the appearer's (the father's) place and date of birth were read as the child's, `ayah kandung`
    # gave the father's name `KANDUNG`, and the child's NIK, name and sex were not read.
    fields = _akta(MINOR)
    assert fields["place_of_birth"] == "BENGKULU UTARA"
    assert fields["birth_date"] == "2010-02-08"
    assert fields["name"] == "AGUS SAPUTRA"  # `AGUs`: a capitals word with one letter misread small
    assert fields["sex"] == "LAKI-LAKI"
    assert fields["nik"] == "3525070802100030"
    assert fields["father_name"] == "BAYU SANTOSO"
    assert fields["mother_name"] == "YULI SRI WIDODO"


def test_a_deed_naming_one_person_gives_the_name_after_the_honorific_and_the_nik_before_the_parents() -> None:
    adult = [
        "Tuan ARIF SAPUTRA, lahir di Batanghari, pada tanggal Tujuh Agustus Seribu Sembilan ----",
        "Ratus Sembilan Puluh Delapan, Warga Negara Indonesia, Buruh Harian Lepas, bertempat ----",
        "tinggal di Jl. Gajah Mada No. 119, pemegang Kartu Tanda Penduduk dengan Nomor Induk Kependudukan",
        "1504040708980028; - yang menurut Kutipan Akta Kelahiran Nomor -",
        "1504-LT-07081998-9349 tanggal 21 Juli 1999 yang dikeluarkan oleh Kepala Dinas, adalah anak kandung dari-",
        "pasangan suami-istri YOGA SETIAWAN dan FITRI SETIAWAN, NIK 1504041504761797;",
    ]
    fields = _akta(adult)
    assert fields["name"] == "ARIF SAPUTRA"
    assert fields["nik"] == "1504040708980028"  # not the father's, named after the parents
    assert fields["birth_date"] == "1998-08-07"
    assert fields["place_of_birth"] == "BATANGHARI"
    # With no birth before it, the honorific's name is no name when the person's birth does not follow.
    assert "name" not in _akta(["Tuan ARIF SAPUTRA, Warga Negara Indonesia, bertempat tinggal di Jambi"])


# An e-KYC vendor's report of the card (round 17's ktp-laporan-verifikasi): English labels alone, a column of
# scores after the values.
KYC_REPORT = [
    ("Identity Verification Report",),
    ("Document type: Indonesian Electronic ID Card (e-KTP)",),
    ("Field", "Extracted value", "Registry match"),
    ("ID Number (NIK)", "1606105903870029", "MATCH"),
    ("Full Name", "SA'ADAH SRI WIDODO", "99.7 %"),
    ("Place of Birth", "GRESIK", "97.6 %"),
    ("Date of Birth", "March 19, 1987", "92.0 %"),
    ("Gender", "PEREMPUAN", "99.4 %"),
    ("Address", "DUSUN KARANGANYAR", "96.8 %"),
    ("RT/RW", "015/011", "92.6 %"),
    ("Village", "BANYUURIP", "90.6 %"),
    ("District", "UJUNGPANGKAH", "95.2 %"),
    ("City/Regency", "KABUPATEN GRESIK", "99.0 %"),
    ("Province", "JAWA TIMUR", "96.5 %"),
    ("Religion", "ISLAM", "MATCH"),
    ("Marital Status", "KAWIN", "MATCH"),
    ("Occupation", "MENGURUS RUMAH TANGGA", "MATCH"),
    ("Nationality", "WNI", "MATCH"),
]


def _report_lines(rows: list[tuple[str, ...]]) -> list[Line]:
    from tests.unit.ocr.conftest import ocr_cells

    out = [ocr_cells(10 + 40 * i, *zip((40, 400, 1000), row, strict=False)) for i, row in enumerate(rows)]
    return page_lines(OcrPage(width=1400, height=40 * len(out) + 40, words=[w for r in out for w in r.words]))


def test_a_report_of_the_card_labelled_in_english_reads_as_the_card() -> None:
    # Before: no KTP phrase (`DOCUMENT_WRONG_TYPE`), and its English labels were dropped as glosses of an
    # Indonesian that the page does not print.
    from ektp.ocr import pipeline
    from ektp.ocr.classify import classify

    lines = _report_lines(KYC_REPORT)
    assert classify(" ".join(ln.text for ln in lines), 2.0)[0] == "ktp"
    fields, _ = pipeline._parse("ktp", lines, OcrPage(width=1400, height=900, words=[]), [], None, None)  # type: ignore[arg-type]
    read = {k: f.value for k, f in fields.items()}
    assert read == {
        "nik": "1606105903870029", "name": "SA'ADAH SRI WIDODO", "place_of_birth": "GRESIK",
        "birth_date": "1987-03-19", "sex": "PEREMPUAN", "address": "DUSUN KARANGANYAR", "rt": "015",
        "rw": "011", "village": "BANYUURIP", "district": "UJUNGPANGKAH", "regency": "KABUPATEN GRESIK",
        "province": "JAWA TIMUR", "religion": "ISLAM", "marital_status": "KAWIN",
        "occupation": "MENGURUS RUMAH TANGGA", "citizenship": "WNI",
    }  # fmt: skip


def test_a_bilingual_page_still_loses_its_glosses() -> None:
    # The guard: a page that prints the Indonesian labels too keeps only them (`Nama / Full Name`).
    from ektp.ocr.gloss import labelled_in_english

    bilingual = [("Nama / Full Name", "SA'ADAH SRI WIDODO"), ("Tempat Lahir / Place of Birth", "GRESIK")]
    assert not labelled_in_english(_report_lines([*KYC_REPORT, *bilingual]))
    assert labelled_in_english(_report_lines(KYC_REPORT))


def _typed(rows: list[str], top: int = 10) -> list[OcrWord]:
    """A plain-text table as a fixed-width face prints it: each word where its characters stand."""
    words: list[OcrWord] = []
    for r, row in enumerate(rows):
        for m in re.finditer(r"\S+", row):
            words.append(OcrWord(text=m[0], confidence=0.9, left=12 * m.start(), top=top + 34 * r,
                                 width=12 * len(m[0]), height=20, line=r))  # fmt: skip
    return words


# An e-mail's plain-text tables of the members (round 17's kk-surel-dinas), bars read as `|`, `I` or glued.
MEMBERS_TYPED = [
    "+----+---------------+------------------+-----------+------------+------------+-------+--------------------+----------------------+---------+",
    "I No | Nama Lengkap  | NIK              | Jenis Kel | Tmp Lahir  | Tgl Lahir  | Agama | Pendidikan         | Jenis Pekerjaan      | Gol Drh I",
    "+----+---------------+------------------+-----------+------------+------------+-------+--------------------+----------------------+---------+",
    "I 1  | ARIF SAPUTRA  |1504040708980028  | LAKI-LAKI | BATANGHARI | 07.08.1998 I ISLAM | TAMAT SD/SEDERAJAT | BURUH HARIAN LEPAS   | B       I",
    "| 2  | ZAHRA SAPUTRA | 1504046611020017 | PEREMPUAN | BATANGHARI | 26.11.2002 | ISLAM | SLTP/SEDERAJAT     | MENGURUS RUMAH TANGGA| O       |",
    "+----+---------------+------------------+-----------+------------+------------+-------+--------------------+----------------------+---------+",
]


def test_a_plain_text_tables_bars_are_its_rules() -> None:
    # Before: the bars were read as words (`|NIK`, `I`) and no member was read from the table.
    from ektp.ocr import pipeline
    from ektp.ocr.bars import read_bars

    page = OcrPage(width=1800, height=400, words=_typed(MEMBERS_TYPED))
    unbarred, rules = read_bars(page)
    assert not any("|" in w.text or w.text == "I" for w in unbarred.words)
    assert len({r.x for r in rules}) == 11  # ten columns, their borders
    _, members = pipeline._parse("kk", page_lines(page), page, [], None, None)  # type: ignore[arg-type]
    got = [{k: f.value for k, f in m.items()} for m in members]
    assert [m.get("nik") for m in got] == ["1504040708980028", "1504046611020017"]
    assert [m.get("name") for m in got] == ["ARIF SAPUTRA", "ZAHRA SAPUTRA"]
    assert [m.get("birth_date") for m in got] == ["1998-08-07", "2002-11-26"]
    assert [m.get("occupation") for m in got] == ["BURUH HARIAN LEPAS", "MENGURUS RUMAH TANGGA"]


def test_a_letter_with_a_stray_bar_and_a_roman_numeral_keeps_its_words() -> None:
    # The guard: no column of bars, no table: `DIPLOMA IV/STRATA I` keeps its `I`.
    from ektp.ocr.bars import read_bars

    page = OcrPage(width=1800, height=200, words=_typed(["Pendidikan : DIPLOMA IV/STRATA I | lulus 2010"]))
    assert read_bars(page) == (page, [])


REPORT_ROWS = [
    "LAPORAN MUTASI PENDUDUK PINDAH KELUAR BULAN MEI 2013",
    "DESA : BANYUURIP",
    "1 SKPWNI/352507/30042013/8584 30-04-2013 3525072401743382 HERU SUSANTO DUSUN KRAJAN",
    "2 SKPWNI/352507/09052013/6191 09-05-2013 3525076302830614 DIDIK KURNIAWAN DUSUN NGASEM",
    "3 SKPWNI/352507/06052013/9404 06-05-2013 3525074608710842 RINA MARLINA JL. MERPATI NO. 3",
]


def test_a_list_of_several_certificates_is_no_applicants_certificate() -> None:
    # A village's monthly report of moves (round 17's skpwni-rekap-mutasi), one row per certificate: the first
    # row's values were read as the applicant's, and a claim was matched on another row's province.
    from ektp.ocr.extract import lists_certificates

    assert lists_certificates([ocr_line(10 + 30 * i, row) for i, row in enumerate(REPORT_ROWS)])
    # The guard: a certificate citing its covering letter's number, and its members' rows with their NIKs.
    own = [
        "SURAT KETERANGAN PINDAH WNI Nomor : SKPWNI/352507/30042013/8584",
        "Nomor Surat Pengantar : 474.2/123/405.19/2013",
        "1 3525072401743382 HERU SUSANTO KEPALA KELUARGA",
        "2 3525076302830614 SITI AMINAH ISTRI",
    ]
    assert not lists_certificates([ocr_line(10 + 30 * i, row) for i, row in enumerate(own)])


def test_a_report_of_moves_is_refused_and_matches_no_claim() -> None:
    import io

    from ektp.domain.claims import check_claims
    from ektp.ocr import extract_document
    from tools.docgen.variety import render_variety

    doc = render_variety("skpwni", "skpwni-rekap-mutasi", 1, 5151)[0]
    buf = io.BytesIO()
    doc.image.save(buf, format="PNG")
    result = extract_document(buf.getvalue(), declared_type="skpwni")
    assert [r.code for r in result.reasons] == ["DOCUMENT_LISTS_SEVERAL"]
    assert result.fields == {} and result.text == []
    # The attack: a resident declares another row's destination; nothing on the page confirms it.
    other_row = {"destination_province": "LAMPUNG", "destination_village": "SUKAJADI"}
    checks = check_claims(other_row, result.text, result.fields)
    assert all(c.status != "match" for c in checks.values())


# Review of this session's rules (an attacker's reproducers): each case a wrong value before its mend.
BALINESE = [
    "+----+-----------------+------------------+-----------+------------+------------+-------+---------------------+----------------------+---------+",
    "| No | Nama Lengkap    | NIK              | Jenis Kel | Tmp Lahir  | Tgl Lahir  | Agama | Pendidikan          | Jenis Pekerjaan      | Gol Drh |",
    "+----+-----------------+------------------+-----------+------------+------------+-------+---------------------+----------------------+---------+",
    "| 1  | I WAYAN SUDIRTA | 5171010101800001 | LAKI-LAKI | DENPASAR   | 01.01.1980 | HINDU | DIPLOMA IV/STRATA I | WIRASWASTA           | B       |",
    "| 2  | I MADE ARTAWAN  | 5171010202050002 | LAKI-LAKI | DENPASAR   | 02.02.2005 | HINDU | DIPLOMA IV/STRATA I | PELAJAR/MAHASISWA    | O       |",
    "+----+-----------------+------------------+-----------+------------+------------+-------+---------------------+----------------------+---------+",
]


def test_a_balinese_names_i_beside_a_bar_is_a_letter() -> None:
    # Two `I`s at one x made a column of bars of their own: `WAYAN SUDIRTA` for `I WAYAN SUDIRTA`.
    from ektp.ocr import pipeline

    page = OcrPage(width=2000, height=300, words=_typed(BALINESE))
    _, members = pipeline._parse("kk", page_lines(page), page, [], None, None)  # type: ignore[arg-type]
    assert [m["name"].value for m in members] == ["I WAYAN SUDIRTA", "I MADE ARTAWAN"]
    assert [m["education"].value for m in members] == ["DIPLOMA IV/STRATA I"] * 2


def test_a_bar_read_for_a_digit_outside_a_table_is_left_to_the_grammars() -> None:
    # A card whose `1`s were read as bars (`0|2/003`, `317|010101800001`): split at them, the RT became `002`
    # and the NIK was lost; outside a table of bars the words are left whole.
    from ektp.ocr.bars import read_bars

    card = [
        "NIK : 317|010101800001",
        "RT/RW : 0|2/003",
        "Tgl Lahir : 0|-0|-1980",
        "Kel/Desa : C|PETE",
        "Kecamatan : C|LANDAK",
        "Berlaku : 0|-0|-20|7",
        "JAKARTA SELATAN |",
    ]
    page = OcrPage(width=1200, height=300, words=_typed(card))
    unbarred, rules = read_bars(page)
    assert rules == [] and [w.text for w in unbarred.words] == [w.text for w in page.words]


def test_a_deed_naming_the_parents_births_after_the_child_gives_the_childs() -> None:
    deed = [
        "Berhadapan dengan saya, Siti Aminah, Sarjana Hukum, Notaris di Gresik, menghadap orang tua dari",
        "seorang anak laki-laki bernama AGUS SAPUTRA, lahir di Bengkulu Utara, pada tanggal 08-02-2010,",
        "anak pertama dari suami-istri Tuan BAYU SANTOSO, lahir di Gresik, pada tanggal 25 Desember 1981,",
        "dan Nyonya YULI SRI WIDODO, lahir di Surabaya, pada tanggal 03 Maret 1985,",
        "sebagaimana ternyata dari Kutipan Akta Kelahiran Nomor 3525-LT-08022010-9022 tanggal 12 Mei 2010;",
    ]
    fields = _akta(deed)
    assert (fields["place_of_birth"], fields["birth_date"]) == ("BENGKULU UTARA", "2010-02-08")


def test_an_appearers_nik_and_name_are_never_the_childs() -> None:
    appearer_first = [
        "Tuan BAYU SANTOSO, Wiraswasta, pemegang Kartu Tanda Penduduk dengan NIK 3525072512810308; -",
        "bertindak selaku ayah kandung dari anaknya yang belum dewasa bernama AGUS SAPUTRA,",
        "lahir di Bengkulu Utara, pada tanggal 08-02-2010,",
        "sebagaimana ternyata dari Kutipan Akta Kelahiran Nomor 3525-LT-08022010-9022",
        "tanggal 12 Mei 2010, anak dari suami-istri BAYU SANTOSO dan YULI SRI WIDODO;",
    ]
    fields = _akta(appearer_first)
    assert "nik" not in fields  # the father's, before: it names him, and its date is his
    assert (
        fields["father_name"] == "BAYU SANTOSO"
    )  # `ayah kandung dari anaknya ... AGUS SAPUTRA` names no father
    acting = [
        "Tuan BAYU SANTOSO, lahir di Gresik, pada tanggal 25 Desember 1981, Wiraswasta, -",
        "bertindak selaku ayah kandung dari anaknya yang belum dewasa, AGUS SAPUTRA,",
        "yang dilahirkan di Bengkulu Utara, pada tanggal 08-02-2010, sebagaimana ternyata dari",
        "Kutipan Akta Kelahiran Nomor 3525-LT-08022010-9022 tanggal 12 Mei 2010;",
    ]
    fields = _akta(acting)
    assert fields.get("name") != "BAYU SANTOSO"
    assert (fields["place_of_birth"], fields["birth_date"]) == ("BENGKULU UTARA", "2010-02-08")
