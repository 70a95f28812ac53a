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


def test_a_street_word_read_ul_is_jl() -> None:
    """Fails on c0cc6bd: a scanned table's `JL.` read `UL.` (the J's hook closed by the grain) stayed `UL.`.
    Guards: the other misreads still mend, and `UL` that is no abbreviation (no full stop) is left alone."""
    from ektp.ocr.normalise import normalise

    word = [OcrWord(text="x", confidence=0.9, left=0, top=0, width=12, height=HEIGHT, line=0)]

    def read(raw: str) -> str | None:
        f = normalise("destination_address", raw, word)
        return f.value if f else None

    assert read("UL. HASANUDDIN NO. 129") == "JL. HASANUDDIN NO. 129"
    assert read("IL. MERDEKA NO. 5") == "JL. MERDEKA NO. 5"
    assert read("ULIN RAYA") == "ULIN RAYA"


def _row(y: int, number: str, label: str, value: str) -> Line:
    """A numbered table's row: its number, label and value in columns far apart."""
    words: list[OcrWord] = []
    for column, text in ((0, number), (60, label), (420, value)):
        x = column
        for word in text.split():
            words.append(
                OcrWord(text=word, confidence=0.9, left=x, top=y, width=12 * len(word), height=HEIGHT, line=y)
            )
            x += 12 * len(word) + 9
    return Line(words)


def _table(province_row: tuple[str, str], reason_label: str) -> list[Line]:
    rows = [
        ("1", "NIK", "3525071212840020"),
        ("2", "Nama Lengkap", "BAYU SANTOSO"),
        ("3", "Nomor KK", "3525070305130015"),
    ]
    lines = [_line(0, "SURAT KETERANGAN PINDAH"), _line(40, "DAERAH ASAL")]
    lines += [_row(80 + 40 * i, *row) for i, row in enumerate(rows)]
    lines += [
        _row(200, "4", "Desa/Kelurahan", "BANYUURIP"),
        _row(240, "5", "Kecamatan", "UJUNGPANGKAH"),
        _row(280, "6", "Kabupaten/Kota", "KABUPATEN GRESIK"),
        _row(320, province_row[0], province_row[1], "JAWA TIMUR"),
        _row(360, "8", "Kode Pos", "61154"),
        _line(400, "KEPINDAHAN"),
        _row(440, "9", reason_label, "KEAMANAN"),
        _row(480, "10", "Klasifikasi Kepindahan", "ANTAR PROVINSI"),
    ]
    return lines


def test_a_table_row_whose_label_is_garbled_is_named_by_its_value() -> None:
    """Fails on c0cc6bd: a degraded scan of a numbered table read `Ainsan Pindoh` for `Alasan Pindah` and
    `110 Prounsi` for `10 Provinsi` (a speck read as a digit of the row's number): neither row was read.
    A value only one field holds (a move reason of the closed list, a province's name) names the row."""
    fields = parse_skpwni(_table(("110", "Prounsi"), "Ainsan Pindoh")).as_dict()
    assert fields["move_reason"].value == "KEAMANAN"
    assert fields["origin_province"].value == "JAWA TIMUR"
    assert fields["origin_village"].value == "BANYUURIP"


def test_a_table_row_read_whole_keeps_its_label() -> None:
    """Guard: the rows read whole give the same fields, and a garbled label whose value no closed list holds
    (`Nama Kepala` garbled, a name) stays unread rather than guessed."""
    fields = parse_skpwni(_table(("7", "Provinsi"), "Alasan Pindah")).as_dict()
    assert fields["move_reason"].value == "KEAMANAN"
    assert fields["origin_province"].value == "JAWA TIMUR"
    garbled = _table(("7", "Provinsi"), "Alasan Pindah")
    garbled[3] = _row(120, "2", "Nqmx Lvgkp", "BAYU SANTOSO")
    assert "name" not in parse_skpwni(garbled).as_dict()


def _pair(y: int, label: str, value: str) -> Line:
    """A form's row: the label, then its colon and value in a column far to the right."""
    return Line(_row(y, "x", label, ": " + value).words[1:])


def test_a_cramped_forms_bare_move_labels_are_read() -> None:
    """Fails on c0cc6bd: under a `KEPINDAHAN` block a cramped form prints `Alasan`, `Klasifikasi`, `Jenis`
    without the word it repeats: no label, the move's reason, classification and type unread."""
    lines = [
        _line(0, "SURAT KETERANGAN PINDAH"),
        _pair(40, "NIK", "1606105903870029"),
        _pair(80, "Nama", "YULI SRI WIDODO"),
        _line(120, "KEPINDAHAN"),
        _pair(160, "Alasan", "KESEHATAN"),
        _pair(200, "Klasifikasi", "ANTAR PROVINSI"),
        _pair(240, "Jenis", "ANGGOTA KELUARGA"),
    ]
    got = {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}
    assert got["move_reason"] == "KESEHATAN"
    assert got["move_classification"] == "ANTAR PROVINSI"
    assert got["move_type"] == "ANGGOTA KELUARGA"


def test_a_bare_jenis_takes_no_value_outside_its_list() -> None:
    """Guard: `Jenis Kelamin : PEREMPUAN` (a member's sex) is no move type: the value is held to the list."""
    lines = [
        _line(0, "SURAT KETERANGAN PINDAH"),
        _pair(40, "NIK", "1606105903870029"),
        _pair(80, "Jenis Kelamin", "PEREMPUAN"),
        _pair(120, "Alasan", "PULANG KAMPUNG"),
    ]
    got = parse_skpwni(lines).as_dict()
    assert "move_type" not in got and "move_reason" not in got


def _two_items(y: int, first: tuple[str, str], second: tuple[str, str]) -> Line:
    """A cramped form's row of two `label : value` items, the second far to the right."""
    left = _pair(y, *first).words
    right = [w.model_copy(update={"left": w.left + 1200}) for w in _pair(y, *second).words]
    return Line([*left, *right])


def test_a_postal_code_under_an_abbreviated_label_beside_rt_rw_is_read() -> None:
    """Fails on df167eb: `Kd.` was taken for an item's letter (`a.`, `b.`) and dropped, leaving `Pos :`, no
    label: neither address's postal code was read."""
    lines = [
        _line(0, "SURAT KETERANGAN PINDAH"),
        _pair(40, "NIK", "1606105903870029"),
        _line(80, "ASAL"),
        _pair(120, "Almt", "JL. GAJAH MADA NO. 119"),
        _two_items(160, ("RT/RW", "010/001"), ("Kd. Pos", "36656")),
        _line(200, "TUJUAN"),
        _pair(240, "Almt", "JL. HASANUDDIN NO. 129"),
        _two_items(280, ("RT/RW", "015/007"), ("Kd. Pos", "22881")),
    ]
    got = {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}
    assert (got["origin_rt"], got["origin_postal_code"]) == ("010", "36656")
    assert (got["destination_rt"], got["destination_postal_code"]) == ("015", "22881")


def test_an_items_letter_before_a_label_is_still_no_part_of_it() -> None:
    """Guard: `a. Desa/Kelurahan`, `b. Kecamatan`: the item's letter is dropped as before."""
    lines = [
        _line(0, "SURAT KETERANGAN PINDAH"),
        _line(40, "ASAL"),
        _pair(80, "a. Desa/Kelurahan", "HAJRAN"),
        _pair(120, "b. Kecamatan", "BATIN XXIV"),
    ]
    got = {k: f.value for k, f in parse_skpwni(lines).as_dict().items()}
    assert (got["origin_village"], got["origin_district"]) == ("HAJRAN", "BATIN XXIV")
