"""Two documents side by side in one image (a Kutipan photocopied beside its sworn translation): the one asked
for is read alone; a page's own two columns are never parted so (`ektp.ocr.sides`)."""

from __future__ import annotations

import numpy as np

from ektp.ocr import pipeline
from ektp.ocr.engine import OcrPage
from ektp.ocr.preprocess import Preprocessed
from ektp.ocr.settings import OcrSettings
from ektp.ocr.sides import documents_beside, split_sides
from ektp.ocr.text import Line, page_lines
from tests.unit.ocr.conftest import ocr_cells as _at

RIGHT = 1500  # where the second sheet's print begins; the first's ends before 1000
MIN_SCORE = OcrSettings().classify_min_score

KUTIPAN = [
    _at(100, (100, "NIK : 3525070802100030")),
    _at(200, (300, "KUTIPAN AKTA KELAHIRAN"), height=30),
    _at(300, (100, "Berdasarkan Akta Kelahiran Nomor"), (520, "3525-LT-08022010-0184")),
    _at(360, (100, "bahwa di"), (400, "GRESIK")),
    _at(420, (100, "pada tanggal"), (400, "DELAPAN FEBRUARI DUA RIBU SEPULUH")),
    _at(480, (100, "telah lahir"), (400, "AGUS SAPUTRA")),
    _at(540, (100, "anak ke"), (400, "TIGA, LAKI-LAKI")),
    _at(600, (100, "dari ayah"), (400, "BAYU SANTOSO")),
    _at(660, (100, "dan ibu"), (400, "YULI SRI WIDODO")),
    _at(760, (400, "Kutipan ini diterbitkan di Gresik")),
    _at(800, (400, "pada tanggal 3 Mei 2013")),
]
TRANSLATION = [
    _at(80, (RIGHT + 800, "Translation from Indonesian")),
    _at(203, (RIGHT + 250, "EXCERPT OF BIRTH CERTIFICATE"), height=30),
    _at(302, (RIGHT, "By virtue of Birth Certificate Number :"), (RIGHT + 500, "3525-LT-08022010-0184")),
    _at(362, (RIGHT, "that in"), (RIGHT + 500, ": GRESIK")),
    _at(422, (RIGHT, "on"), (RIGHT + 500, ": February 8, 2010")),
    _at(482, (RIGHT, "was born"), (RIGHT + 500, ": AGUS SAPUTRA")),
    _at(542, (RIGHT, "the child number"), (RIGHT + 500, ": three (3), MALE")),
    _at(602, (RIGHT, "of the father"), (RIGHT + 500, ": BAYU SANTOSO")),
    _at(662, (RIGHT, "and the mother"), (RIGHT + 500, ": YULI SRI WIDODO")),
    _at(762, (RIGHT + 400, "This Excerpt is issued in Gresik")),
    _at(802, (RIGHT + 400, "on May 3, 2013")),
]


class _NoEngine:
    name = "none"

    def recognize(self, image: np.ndarray) -> OcrPage:
        return OcrPage(width=image.shape[1], height=image.shape[0], words=[])


def _page(*columns: list[Line]) -> OcrPage:
    return OcrPage(width=3000, height=900, words=[w for lines in columns for ln in lines for w in ln.words])


def _read(kind: str, page: OcrPage) -> dict[str, str]:
    """The page's fields as the pipeline parses a classified reading of it."""
    image = np.full((page.height, page.width), 255, np.uint8)
    prepared = Preprocessed(image=image, blank=False)
    read = pipeline._Read(prepared, page, page_lines(page), kind, True, _NoEngine(), image)  # type: ignore[arg-type]
    reading = pipeline._Reading(read)
    pipeline._parse_reading(reading, OcrSettings())
    return {k: f.value for k, f in reading.fields.items()}


def test_a_kutipan_beside_its_translation_is_read_alone() -> None:
    # Read as one page, each line ran on into the translation's: the child's name read `AGUS SAPUTRA AGUS SAPUTRA`.
    page = _page(KUTIPAN, TRANSLATION)
    beside = documents_beside("akta", page, MIN_SCORE)
    assert beside is not None and beside.side is not None and all(w.right < RIGHT for w in beside.side.words)
    got = _read("akta", page)
    assert got["number"] == "3525-LT-08022010-0184"
    assert (got["name"], got["place_of_birth"], got["birth_date"]) == ("AGUS SAPUTRA", "GRESIK", "2010-02-08")
    assert (got["father_name"], got["mother_name"]) == ("BAYU SANTOSO", "YULI SRI WIDODO")
    assert got == _read("akta", _page(KUTIPAN))  # as the Kutipan alone reads


def test_the_translation_on_the_left_leaves_the_kutipan_on_the_right() -> None:
    shifted = [
        _at(int(ln.words[0].top), *[(w.left - RIGHT + 100, w.text) for w in ln.words]) for ln in TRANSLATION
    ]
    moved = [_at(int(ln.words[0].top), *[(w.left + RIGHT - 100, w.text) for w in ln.words]) for ln in KUTIPAN]
    beside = documents_beside("akta", _page(shifted, moved), MIN_SCORE)
    assert (
        beside is not None
        and beside.side is not None
        and all(w.left > RIGHT - 200 for w in beside.side.words)
    )


# An SKPWNI page of two region columns, its title cropped off: one document, each column half of it.
ORIGIN = [
    _at(100, (100, "DATA DAERAH ASAL")),
    _at(160, (100, "Alamat :"), (400, "JL. MAWAR NO. 5")),
    _at(220, (100, "RT/RW :"), (400, "003/012")),
    _at(280, (100, "Desa/Kelurahan :"), (400, "SUKAMAJU")),
    _at(340, (100, "Kecamatan :"), (400, "CIBEUNYING")),
    _at(400, (100, "Kabupaten/Kota :"), (400, "KOTA BANDUNG")),
    _at(460, (100, "Provinsi :"), (400, "JAWA BARAT")),
    _at(520, (100, "Kode Pos :"), (400, "40191")),
]
DESTINATION = [
    _at(ln.words[0].top, *[(w.left + RIGHT - 100, t) for w, t in zip(ln.words, texts, strict=True)])
    for ln, texts in zip(
        ORIGIN,
        [
            ["DATA", "DAERAH", "TUJUAN"],
            ["Alamat", ":", "JL.", "ANGGREK", "NO.", "11"],
            ["RT/RW", ":", "001/004"],
            ["Desa/Kelurahan", ":", "KARANGASEM"],
            ["Kecamatan", ":", "LAWEYAN"],
            ["Kabupaten/Kota", ":", "KOTA", "SURAKARTA"],
            ["Provinsi", ":", "JAWA", "TENGAH"],
            ["Kode", "Pos", ":", "57145"],
        ],
        strict=True,
    )
]


def test_guard_a_pages_own_two_columns_are_not_two_documents() -> None:
    # The blank strip parts them as it parts two sheets; neither column opens with a document's title, so
    # the destination's district is never read from the origin's column alone (a reviewer's case, session 22).
    page = _page(ORIGIN, DESTINATION)
    assert split_sides(page) is not None
    assert documents_beside("skpwni", page, MIN_SCORE) is None


def test_guard_a_title_over_one_column_only_leaves_the_page_whole() -> None:
    # The titled column is an SKPWNI and the other no document by itself, so the titled one is tried alone (as a
    # card beside a bank's form is); it reads less than the whole page (no destination), so the page stays whole.
    titled = [_at(40, (100, "SURAT KETERANGAN PINDAH WNI"), height=30), *ORIGIN]
    page = _page(titled, DESTINATION)
    whole = pipeline._parse(
        "skpwni", page_lines(page), page, [], np.full((900, 3000), 255, np.uint8), _NoEngine()
    )
    got = _read("skpwni", page)
    assert got == {k: f.value for k, f in whole[0].items()}
    assert got["destination_district"] == "LAWEYAN" and got["origin_district"] == "CIBEUNYING"


# A bilingual Kutipan whose values stand in the middle, right of a blank strip, with the English labels after
# them: each half has a title, but the Indonesian half alone holds no value.
BILINGUAL_LEFT = [
    _at(100, (100, "KUTIPAN AKTA KELAHIRAN"), height=30),
    *[
        _at(y, (100, label))
        for y, label in [(200, "Nomor Akta"), (260, "Nama"), (320, "Tempat Lahir"), (380, "Tanggal Lahir")]
    ],
    *[_at(y, (100, label)) for y, label in [(440, "Jenis Kelamin"), (500, "Nama Ayah"), (560, "Nama Ibu")]],
]
BILINGUAL_RIGHT = [
    _at(100, (1200, "EXCERPT OF BIRTH CERTIFICATE"), height=30),
    _at(200, (700, "3525-LT-08022010-0184"), (1800, "Certificate Number")),
    _at(260, (700, "AGUS SAPUTRA"), (1800, "Name")),
    _at(320, (700, "GRESIK"), (1800, "Place of Birth")),
    _at(380, (700, "08-02-2010"), (1800, "Date of Birth")),
    _at(440, (700, "LAKI-LAKI"), (1800, "Sex")),
    _at(500, (700, "BAYU SANTOSO"), (1800, "Father's Name")),
    _at(560, (700, "YULI SRI WIDODO"), (1800, "Mother's Name")),
]


def test_guard_a_side_that_reads_worse_alone_leaves_the_page_whole() -> None:
    page = _page(BILINGUAL_LEFT, BILINGUAL_RIGHT)
    assert documents_beside("akta", page, MIN_SCORE) is not None  # both halves titled: parted, then measured
    whole = pipeline._parse(
        "akta", page_lines(page), page, [], np.full((900, 3000), 255, np.uint8), _NoEngine()
    )
    assert _read("akta", page) == {k: f.value for k, f in whole[0].items()}
    assert _read("akta", page)["name"] == "AGUS SAPUTRA"


def _card(x: int, nik: str, name: str, address: str = ": JL. GAJAH MADA NO. 119") -> list[Line]:
    """A KTP-el's face as an engine reads a copy of it, its labels at `x`, its values 260 px right of them."""
    rows = [
        ("Tempat/Tgl Lahir", ": BATANGHARI, 26-11-2002"),
        ("Jenis Kelamin", ": PEREMPUAN"),
        ("Alamat", address),
        ("RT/RW", ": 010/001"),
        ("Kel/Desa", ": HAJRAN"),
        ("Kecamatan", ": BATIN XXIV"),
        ("Agama", ": ISLAM"),
        ("Status Perkawinan", ": KAWIN"),
        ("Pekerjaan", ": MENGURUS RUMAH TANGGA"),
        ("Kewarganegaraan", ": WNI"),
        ("Berlaku Hingga", ": SEUMUR HIDUP"),
    ]
    return [
        _at(60, (x + 150, "PROVINSI JAMBI"), height=24),
        _at(95, (x + 120, "KABUPATEN BATANGHARI"), height=24),
        _at(140, (x, "NIK"), (x + 260, f": {nik}"), height=26),
        _at(180, (x, "Nama"), (x + 260, f": {name}")),
        *[_at(210 + 30 * i, (x, label), (x + 260, value)) for i, (label, value) in enumerate(rows)],
    ]


def test_copies_of_one_card_side_by_side_read_as_one_card() -> None:
    # A copy shop's sheet of one card copied twice across: read whole, each line ran into the other copy's
    # (the regency read `KABUPATEN BATANGHARI KABUPATEN BATANGHARI`).
    page = _page(
        _card(100, "1504046611020017", "ZAHRA SAPUTRA"), _card(RIGHT, "1504046611020017", "ZAHRA SAPUTRA")
    )
    got = _read("ktp", page)
    assert got == _read("ktp", _page(_card(100, "1504046611020017", "ZAHRA SAPUTRA")))
    assert (got["nik"], got["name"], got["regency"]) == (
        "1504046611020017",
        "ZAHRA SAPUTRA",
        "KABUPATEN BATANGHARI",
    )


def test_guard_two_peoples_cards_side_by_side_are_not_taken_for_copies() -> None:
    # Each side is a KTP, but they name two people: the page is read whole, as before (no side preferred).
    two = _page(
        _card(100, "1504046611020017", "ZAHRA SAPUTRA"), _card(RIGHT, "1504040708980028", "ARIF SAPUTRA")
    )
    image = np.full((two.height, two.width), 255, np.uint8)
    whole = pipeline._parse("ktp", page_lines(two), two, [], image, _NoEngine())[0]
    assert _read("ktp", two) == {k: f.value for k, f in whole.items()}


def test_a_changed_copy_beside_the_card_is_not_taken_for_a_copy() -> None:
    # The same NIK on both sides, another address on one (an old card beside a new one, or a copy altered): the
    # copies disagree, so neither side is preferred and the page reads as it did whole (a reviewer's case).
    page = _page(
        _card(100, "1504046611020017", "ZAHRA SAPUTRA"),
        _card(RIGHT, "1504046611020017", "ZAHRA SAPUTRA", address=": JL. MERDEKA NO. 7"),
    )
    image = np.full((page.height, page.width), 255, np.uint8)
    whole = pipeline._parse("ktp", page_lines(page), page, [], image, _NoEngine())[0]
    assert _read("ktp", page) == {k: f.value for k, f in whole.items()}
    assert _read("ktp", page)["address"] != "JL. MERDEKA NO. 7"


def test_two_kutipans_of_siblings_side_by_side_are_not_one_chosen() -> None:
    # Both sides titled as an akta: not one side named apart from the other, so they are taken for copies, and
    # copies that name two children are two documents (the page read whole, as before).
    sibling = [
        _at(ln.words[0].top, *[(w.left + RIGHT - 100, w.text) for w in ln.words])
        for ln in [
            *KUTIPAN[:2],
            _at(300, (100, "Berdasarkan Akta Kelahiran Nomor"), (520, "3525-LT-11052013-0201")),
            *KUTIPAN[3:5],
            _at(480, (100, "telah lahir"), (400, "BUDI SAPUTRA")),
            *KUTIPAN[6:],
        ]
    ]
    page = _page(KUTIPAN, sibling)
    beside = documents_beside("akta", page, MIN_SCORE)
    assert beside is not None and beside.side is None and beside.copies is not None
    image = np.full((page.height, page.width), 255, np.uint8)
    whole = pipeline._parse("akta", page_lines(page), page, [], image, _NoEngine())[0]
    assert _read("akta", page) == {k: f.value for k, f in whole.items()}


def test_guard_a_label_in_capitals_down_a_column_is_no_title() -> None:
    # `NOMOR KARTU KELUARGA` in capitals as the destination column's last label: the column does not open with
    # a title, so the page's two columns are not two documents.
    titled_origin = [_at(40, (100, "SURAT KETERANGAN PINDAH WNI"), height=30), *ORIGIN]
    labelled = [*DESTINATION, _at(600, (RIGHT, "NOMOR KARTU KELUARGA"), (RIGHT + 400, "1504040411240019"))]
    beside = documents_beside("skpwni", _page(titled_origin, labelled), MIN_SCORE)
    assert beside is None or beside.side is None


# A bank's e-KYC page: the browser's bars and the bank's steps across the top, the uploaded card's photo on the
# left and the bank's form, prefilled, on the right (round 14's ktp-kyc-web).
KYC_HEADER = [
    _at(
        20,
        (100, "Pembukaan Rekening | BPR Sejahtera Mandiri"),
        (650, "https://online.bprsejahtera.co.id/onboarding/verifikasi-data-ektp?step=1&lang=id"),
    ),
    _at(60, (100, "BPR SEJAHTERA MANDIRI"), (2600, "Butuh bantuan? 1500-123")),
    _at(100, (100, "Data e-KTP"), (1000, "Data Pribadi"), (1900, "Verifikasi Wajah"), (2700, "Selesai")),
]
BANK_FORM = [
    _at(140 + 45 * i, (RIGHT, label), (RIGHT + 260, value))
    for i, (label, value) in enumerate(
        [
            ("Konfirmasi Data", ""),
            ("NIK", "1504046611020017"),
            ("Nama Lengkap", "ZAHRA SAPUTRA"),
            ("Tanggal Lahir", "26/11/2002"),
            ("Alamat", "JL. GAJAH MADA NO. 119"),
            ("Kecamatan", "BATIN XXIV"),
            ("Nama Ibu Kandung", "SITI AMINAH"),
            ("Alamat Email", "zahra02@gmail.com"),
            ("Nomor HP", "081234567890"),
            ("Tujuan Rekening", "Gaji"),
        ]
    )
]


def _below(lines: list[Line], dy: int) -> list[Line]:
    return [_at(ln.words[0].top + dy, *[(w.left, w.text) for w in ln.words]) for ln in lines]


def test_a_card_beside_a_form_under_a_page_wide_header_is_read_alone() -> None:
    # Before: no blank strip ran top to bottom (the header crosses it), the card's lines ran on into the form's
    # and the card's own heading (KABUPATEN BATANGHARI) and its place of issue were lost.
    card = [*_below(_card(100, "1504046611020017", "ZAHRA SAPUTRA"), 100), _at(520, (700, "BATANGHARI"))]
    card.append(_at(550, (700, "03-05-2013")))
    page = _page(KYC_HEADER, card, BANK_FORM)
    sides = split_sides(page)
    assert sides is not None and not any("Sejahtera" in w.text for w in sides.left.words + sides.right.words)
    beside = documents_beside("ktp", page, MIN_SCORE)
    assert beside is not None and beside.side is not None and all(w.right < RIGHT for w in beside.side.words)
    got = _read("ktp", page)
    assert (got["nik"], got["name"], got["regency"]) == (
        "1504046611020017",
        "ZAHRA SAPUTRA",
        "KABUPATEN BATANGHARI",
    )
    assert got["issue_date"] == "2013-05-03"


def test_guard_a_header_over_one_documents_two_columns_leaves_the_page_whole() -> None:
    # The SKPWNI's own two region columns under its title and number: the titled column is tried alone and reads
    # less than the whole page (no destination), so the page is read whole.
    titled = [_at(40, (800, "SURAT KETERANGAN PINDAH WNI"), height=30), _at(80, (100, "Nomor: 470/123/2024"))]
    page = _page(titled, _below(ORIGIN, 40), _below(DESTINATION, 40))
    whole = pipeline._parse(
        "skpwni", page_lines(page), page, [], np.full((900, 3000), 255, np.uint8), _NoEngine()
    )
    got = _read("skpwni", page)
    assert got == {k: f.value for k, f in whole[0].items()}
    assert got["destination_district"] == "LAWEYAN" and got["origin_district"] == "CIBEUNYING"


# The parents' marriage Kutipan on the left page of an open folder, the child's birth Kutipan on the right.
NIKAH = [
    _at(80, (100, "KEMENTERIAN AGAMA REPUBLIK INDONESIA")),
    _at(200, (250, "KUTIPAN AKTA NIKAH"), height=30),
    _at(260, (300, "Nomor : 551/17/04/1997")),
    _at(320, (100, "Pada hari ini tanggal 1 April 1997 telah dilangsungkan akad nikah")),
    _at(380, (100, "SUAMI")),
    _at(420, (120, "Nama"), (500, ": BAYU SANTOSO")),
    _at(460, (120, "Tempat dan Tanggal Lahir"), (500, ": GRESIK, 12 Desember 1967")),
    _at(520, (100, "ISTRI")),
    _at(560, (120, "Nama"), (500, ": YULI SRI WIDODO")),
    _at(600, (120, "Tempat dan Tanggal Lahir"), (500, ": GRESIK, 16 Oktober 1971")),
    _at(700, (500, "Kepala KUA / Penghulu")),
]


def test_a_birth_kutipan_beside_a_marriage_kutipan_is_read_when_declared() -> None:
    # akta-map-terbuka (round 15): the page read whole classified as the marriage Kutipan (its lines first), so
    # the birth certificate declared was answered DOCUMENT_WRONG_TYPE though it lay open beside it.
    birth = [_at(ln.words[0].top, *[(w.left + RIGHT - 100, w.text) for w in ln.words]) for ln in KUTIPAN]
    page = _page(NIKAH, birth)
    image = np.full((page.height, page.width), 255, np.uint8)
    read = pipeline._Read(
        Preprocessed(image=image, blank=False), page, page_lines(page), "marriage", True, _NoEngine(), image
    )  # type: ignore[arg-type]
    result = pipeline._result(pipeline._Reading(read), 1, "akta", OcrSettings())
    assert result.document_type == "akta" and result.declared_type_matches is True
    got = {k: f.value for k, f in result.fields.items()}
    assert (got["number"], got["name"], got["father_name"]) == (
        "3525-LT-08022010-0184",
        "AGUS SAPUTRA",
        "BAYU SANTOSO",
    )
    assert not any("NIKAH" in line for line in result.text)  # the claims see the birth Kutipan's text only
    # Guard: a KTP declared is still refused (neither side is one).
    assert (
        pipeline._result(pipeline._Reading(read), 1, "ktp", OcrSettings()).reasons[0].code
        == "DOCUMENT_WRONG_TYPE"
    )


def test_a_declared_side_that_reads_nothing_is_not_taken_for_the_document() -> None:
    # The reviewer's case (session 24): the side named as the declared kind replaced the reading whatever it read;
    # a title alone over a column of nothing (no field) leaves the page what it was read as.
    titled = [_at(200, (RIGHT + 250, "KUTIPAN AKTA KELAHIRAN"), height=30)] + [
        _at(300 + 60 * i, (RIGHT, "Catatan")) for i in range(6)
    ]
    page = _page(NIKAH, titled)
    image = np.full((page.height, page.width), 255, np.uint8)
    read = pipeline._Read(
        Preprocessed(image=image, blank=False), page, page_lines(page), "marriage", True, _NoEngine(), image
    )  # type: ignore[arg-type]
    result = pipeline._result(pipeline._Reading(read), 1, "akta", OcrSettings())
    assert result.declared_type_matches is False and result.reasons[0].code == "DOCUMENT_WRONG_TYPE"
