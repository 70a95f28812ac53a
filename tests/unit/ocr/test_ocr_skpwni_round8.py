"""SKPWNI pages the extractor was not written for (issue 18, session 12): a village office's letter of removal
typed as justified prose, whose facts are in sentences (who moves, from where, to where), not label rows.

The lines are built as the reading gives them: word boxes of a 20 px type, a justified line's spaces widened
alike (wider than the gap that splits a form's row into label and value), a letter's sentences running on
over line ends.
"""

from __future__ import annotations

from ektp.ocr.engine import OcrWord
from ektp.ocr.extract import _is_sentence, parse_skpwni
from ektp.ocr.text import Line

HEIGHT = 20


def _line(y: int, text: str, gap: int = 9, width: int = 900) -> Line:
    """A line of words `gap` px apart; `gap=0` justifies it: its spaces widened alike to fill `width`."""
    words = text.split()
    letters = sum(12 * len(w) for w in words)
    space = gap if gap else (width - letters) / max(len(words) - 1, 1)
    out, x = [], 0.0
    for word in words:
        out.append(
            OcrWord(
                text=word, confidence=0.9, left=round(x), top=y, width=12 * len(word), height=HEIGHT, line=y
            )
        )
        x += 12 * len(word) + space
    return Line(out)


LETTER = [
    "SURAT KETERANGAN PINDAH",
    "Nomor : SKPWNI/352507/03052013/5148",
    "Yang bertanda tangan di bawah ini, Kepala Desa Banyuurip, Kecamatan",
    "Ujungpangkah, Kabupaten Gresik, menerangkan dengan sebenarnya bahwa Saudara/i",
    "BAYU SANTOSO, S.E., Nomor Induk Kependudukan 3525071212840020, anggota",
    "keluarga dalam Kartu Keluarga Nomor 3525070305130015 dengan kepala keluarga",
    "BAYU SANTOSO, S.E., adalah benar penduduk kami yang bertempat tinggal di DUSUN",
    "KARANGANYAR RT 015 RW Oli, Desa/Kelurahan BANYUURIP, Kecamatan",
    "UJUNGPANGKAH, KABUPATEN GRESIK, Provinsi JAWA TIMUR, Kode Pos 61154.",
]


def _letter(justified: bool) -> list[Line]:
    head = [_line(40 * i, text) for i, text in enumerate(LETTER[:2])]
    body = [_line(40 * (i + 2), text, gap=0 if justified else 9) for i, text in enumerate(LETTER[2:])]
    return head + body


def test_a_justified_letter_names_who_moves_and_from_where() -> None:
    """Fails before this session: the justified line (`KARANGANYAR RT 015 RW Oli, Desa/Kelurahan ...`, spaces
    widened past a phrase gap) was taken for a form's row and skipped, the sentence's `Saudara/i`, `Nomor
    Induk Kependudukan`, `Kartu Keluarga Nomor` were no labels (name, NIK, KK number unread), the name's
    title after its comma (`S.E.`) cut it, and the RT and RW stayed inside the address (its RW, `Oli`, in lower case, cut off)."""
    fields = parse_skpwni(_letter(justified=True)).as_dict()
    got = {k: f.value for k, f in fields.items()}
    assert got["name"] == "BAYU SANTOSO, S.E."
    assert got["nik"] == "3525071212840020"
    assert got["kk_number"] == "3525070305130015"
    assert got["origin_address"] == "DUSUN KARANGANYAR"
    assert got["origin_rt"] == "015"
    assert got["origin_rw"] == "011"  # `Oli` after RT/RW: on the value, though in lower case
    assert got["origin_village"] == "BANYUURIP"
    assert got["origin_district"] == "UJUNGPANGKAH"
    assert got["origin_regency"] == "KABUPATEN GRESIK"
    assert got["origin_province"] == "JAWA TIMUR"


def test_the_same_letter_set_ragged_reads_alike() -> None:
    """Guard: the letter with plain spaces (as the older letter layouts print) reads the same fields."""
    justified = {k: f.value for k, f in parse_skpwni(_letter(justified=True)).as_dict().items()}
    ragged = {k: f.value for k, f in parse_skpwni(_letter(justified=False)).as_dict().items()}
    assert ragged == justified


def test_a_form_row_with_a_wide_gap_is_still_no_sentence() -> None:
    """Guard: a form's row (`Alamat    JL. MERDEKA NO. 5, RT 001, RW 002`) has one gap far wider than its word
    spaces: no justified sentence, though it has commas."""
    row = Line(
        [
            OcrWord(text=text, confidence=0.9, left=left, top=0, width=12 * len(text), height=HEIGHT, line=0)
            for text, left in [
                ("Alamat", 0),
                ("JL.", 300),
                ("MERDEKA", 345),
                ("NO.", 438),
                ("5,", 483),
                ("RT", 516),
                ("001,", 549),
                ("RW", 606),
                ("002", 639),
            ]
        ]
    )
    assert not _is_sentence(row)
    justified = _line(0, "KARANGANYAR RT 015 RW 011, Desa/Kelurahan BANYUURIP, Kecamatan", gap=0)
    assert len(justified.segments()) > 1 and _is_sentence(justified)
