"""A village office's letter of removal, its second paragraph: where the resident moves to, when, why and how,
told in one sentence (`Yang bersangkutan pada tanggal 12 Maret 2025 pindah ke alamat JL. ..., Desa/Kelurahan
..., dengan alasan pindah ..., dan jenis kepindahan ...`). Lines as the reading gives them (see round 8)."""

from __future__ import annotations

from ektp.ocr.extract import parse_skpwni
from tests.unit.ocr.test_ocr_skpwni_round8 import _line

LETTER = [
    "SURAT KETERANGAN PINDAH",
    "Nomor : SKPWNI/351507/10032025/0412",
    "Yang bertanda tangan di bawah ini, Kepala Desa Sumorame, Kecamatan Candi,",
    "Kabupaten Sidoarjo, menerangkan dengan sebenarnya bahwa Saudara/i DEWI LESTARI,",
    "Nomor Induk Kependudukan 3515075205900003, anggota keluarga dalam",
    "Kartu Keluarga Nomor 3515071003250007 dengan kepala keluarga DEWI LESTARI,",
    "adalah benar penduduk kami yang bertempat tinggal di JL. MAWAR NO. 7 RT 003",
    "RW 002, Desa/Kelurahan SUMORAME, Kecamatan CANDI KABUPATEN SIDOARJO,",
    "Provinsi JAWA TIMUR, Kode Pos 61271.",
    "Yang bersangkutan pada tanggal 12 Maret 2025 pindah ke alamat JL. RAYA",
    "BATAM CENTRE NO. 21 RT 001 RW 009, Desa/Kelurahan TELUK TERING, Kecamatan",
    "BATAM KOTA, KOTA BATAM, Provinsi KEPULAUAN RIAU, Kode Pos 29444, dengan",
    "alasan pindah PEKERJAAN, klasifikasi kepindahan ANTAR PROVINSI,",
    "dan jenis kepindahan KEPALA KELUARGA.",
    "Demikian surat keterangan ini kami buat dengan sebenarnya untuk dapat",
    "dipergunakan sebagaimana mestinya.",
]


def _read(letter: list[str]) -> dict[str, str]:
    # Justified but for a paragraph's last line, which stays ragged (as a word processor sets it).
    last = {i for i, text in enumerate(letter) if text.endswith(".")}
    lines = [_line(40 * i, text, gap=0 if i >= 2 and i not in last else 9) for i, text in enumerate(letter)]
    return {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}


def test_the_second_paragraph_names_the_destination_the_date_and_the_kind_of_move() -> None:
    # Before: the sentence's first label (`tanggal`, its value a lone `12`) was its only one, so `pindah ke
    # alamat JL. ...` was never read and every place after it was the origin's (the destination's regency
    # overwrote the origin's); the last line, `dan jenis kepindahan ...`, was taken for a section heading.
    got = _read(LETTER)
    assert got["move_date"] == "2025-03-12"
    assert got["destination_address"] == "JL. RAYA BATAM CENTRE NO. 21"
    assert (got["destination_rt"], got["destination_rw"]) == ("001", "009")
    assert got["destination_village"] == "TELUK TERING"
    assert got["destination_district"] == "BATAM KOTA"  # `KOTA` ends the district's own name: no regency
    assert got["destination_regency"] == "KOTA BATAM"
    assert got["destination_province"] == "KEPULAUAN RIAU"
    assert got["destination_postal_code"] == "29444"
    assert got["move_reason"] == "PEKERJAAN"
    assert got["move_classification"] == "ANTAR PROVINSI"
    assert got["move_type"] == "KEPALA KELUARGA"
    assert got["origin_regency"] == "KABUPATEN SIDOARJO"
    assert got["origin_province"] == "JAWA TIMUR"


def test_a_line_of_few_lower_case_words_inside_a_paragraph_is_read_with_it() -> None:
    # Before: `Kartu Keluarga Nomor 3515... dengan kepala keluarga DEWI LESTARI,` (three lower-case words in a
    # row) was no sentence: the paragraph broke there and the KK number went unread.
    assert _read(LETTER)["kk_number"] == "3515071003250007"


def test_a_district_run_on_into_the_regency_is_split_where_the_regency_begins() -> None:
    # Before: `Kecamatan CANDI KABUPATEN SIDOARJO` (the comma lost) was one district.
    got = _read(LETTER)
    assert got["origin_district"] == "CANDI"
    assert got["origin_regency"] == "KABUPATEN SIDOARJO"


def test_a_date_the_sentence_does_not_tie_to_the_move_is_no_move_date() -> None:
    # Guard: a birth date in the first paragraph is no move date; nor is the move's date without `pindah`.
    letter = [
        *LETTER[:4],
        "lahir pada tanggal 12 Mei 1990, Nomor Induk Kependudukan 3515075205900003,",
        *LETTER[5:],
    ]
    letter[9] = "Yang bersangkutan sejak tanggal 12 Maret 2025 menetap di alamat JL. RAYA"
    got = _read(letter)
    assert "move_date" not in got


def test_a_village_with_kota_in_its_name_is_not_split() -> None:
    # Review: `TANJUNGBALAI KOTA I` is a village of Kota Tanjung Balai; `KOTA I` is no regency.
    letter = list(LETTER)
    letter[10] = "BATAM CENTRE NO. 21 RT 001 RW 009, Desa/Kelurahan TANJUNGBALAI KOTA I,"
    letter[11] = "Kecamatan TANJUNGBALAI SELATAN, KOTA TANJUNG BALAI, Provinsi SUMATERA UTARA, dengan"
    got = _read(letter)
    assert got["destination_village"] == "TANJUNGBALAI KOTA I"
    assert got["destination_regency"] == "KOTA TANJUNGBALAI"  # the code list's spelling


def test_the_date_of_a_letter_referred_to_is_no_move_date() -> None:
    # Review: `Surat Pengantar Pindah tanggal 3 Desember 2024` names the covering letter's date; the move's is
    # the one the sentence ties to `pindah` after it, and the regency named alone is still the destination's.
    letter = [
        *LETTER[:2],
        "berdasarkan Surat Pengantar Pindah tanggal 3 Desember 2024 yang bersangkutan telah pindah",
        "pada tanggal 20 Desember 2024 ke KABUPATEN NIAS SELATAN, dengan alasan pindah PEKERJAAN.",
    ]
    got = _read(letter)
    assert got["move_date"] == "2024-12-20"
    assert got["destination_regency"] == "KABUPATEN NIAS SELATAN"


def test_a_clause_with_the_same_word_twice_is_read_in_one_pass() -> None:
    # Review: words are compared by value; one word reported twice at one place sent the walk back to the first
    # and it never ended.
    from ektp.ocr.engine import OcrWord
    from ektp.ocr.extract import _clause_hits

    def word(text: str, left: int) -> OcrWord:
        return OcrWord(text=text, confidence=0.9, left=left, top=0, width=40, height=20, line=0)

    words = [word("Desa", 0), word("SUKAMAJU", 100), word("Desa", 200), word("SUKAMAJU", 100)]
    assert [(k, span) for k, _, span in _clause_hits(words)] == [("village", (1, 2)), ("village", (3, 4))]
