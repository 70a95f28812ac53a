"""General reading rules added for layouts the extractor was not written for (issue 18, second round).

Each input is written as a real document prints it (not produced by `tools.docgen`): the words of an OCR
reading with their positions, no rendering and no engine, so these run in milliseconds."""

from __future__ import annotations

import numpy as np

from ektp.domain.region import regions
from ektp.ocr.extract import KTP_LABELS, SKPWNI_LABELS, parse_akta, parse_skpwni
from ektp.ocr.forms import read_labelled
from ektp.ocr.grammar import akta_number
from ektp.ocr.prose import parse_birth_sentence
from ektp.ocr.text import MOVE_CLASSIFICATIONS, MOVE_REASONS, MOVE_TYPES, choice, parse_date
from ektp.ocr.validate import match_region
from tests.unit.ocr.conftest import ocr_line as _line


def test_birth_sentence_in_another_order_name_and_parents_before_place_and_date() -> None:
    # A Kutipan worded as a regency office writes it: the register number in the sentence, the date last.
    lines = [
        _line(100, "KUTIPAN AKTA KELAHIRAN"),
        _line(200, "Pejabat Pencatatan Sipil Kota Surabaya menerangkan bahwa menurut Register Akta"),
        _line(240, "Kelahiran Nomor 3578-LU-15032012-0041 telah dicatat kelahiran seorang anak"),
        _line(280, "LAKI-LAKI bernama MUHAMMAD RIZKY PRATAMA, anak kedua dari pasangan suami istri"),
        _line(320, "AGUS SETIAWAN dan DEWI LESTARI, yang lahir di SURABAYA pada tanggal"),
        _line(360, "Lima Belas Maret Tahun Dua Ribu Dua Belas."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert got == {
        "place_of_birth": "SURABAYA",
        "birth_date": "2012-03-15",
        "name": "MUHAMMAD RIZKY PRATAMA",
        "sex": "LAKI-LAKI",
        "father_name": "AGUS SETIAWAN",
        "mother_name": "DEWI LESTARI",
    }
    assert parse_akta(lines).as_dict()["number"].value == "3578-LU-15032012-0041"


def test_a_title_after_the_mothers_name_is_kept_and_a_clause_after_it_is_not() -> None:
    lines = [
        _line(100, "telah dicatat kelahiran seorang anak PEREMPUAN bernama SITI NURHALIZA, anak"),
        _line(140, "pertama dari ayah BAMBANG SUTRISNO dan ibu RINA WATI, S.PD., yang lahir di"),
        _line(180, "KEDIRI pada tanggal 2 Januari 2001."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(lines).items()}
    assert got["mother_name"] == "RINA WATI, S.PD."
    assert got["place_of_birth"] == "KEDIRI" and got["birth_date"] == "2001-01-02"


def test_the_word_tahun_before_the_year_in_a_written_date() -> None:
    assert parse_date("DUA PULUH TIGA JUNI TAHUN DUA RIBU DUA BELAS") == "2012-06-23"
    assert parse_date("23 Juni Tahun 2012") == "2012-06-23"
    assert parse_date("TAHUN DUA RIBU DUA BELAS") is None


def test_a_printed_list_of_options_is_no_choice_unless_the_boxed_number_was_read() -> None:
    # F-1.03 prints every option beside a box for the chosen number; the list alone chooses nothing.
    assert choice("1. Pekerjaan 3. Keamanan 5. Perumahan 7. Lainnya", MOVE_REASONS) is None
    assert (
        choice("[4] 1. Pekerjaan 3. Keamanan 5. Perumahan 7. Lainnya (sebutkan)", MOVE_REASONS) == "KESEHATAN"
    )
    assert choice("2 1. Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Angg. Keluarga", MOVE_TYPES) == (
        "KEPALA KELUARGA DAN SELURUH ANGGOTA KELUARGA"
    )
    assert choice("4. Antar Kab/Kota", MOVE_CLASSIFICATIONS) == "ANTAR KABUPATEN/KOTA"  # one option: chosen
    # A list whose second entry was misread on a photo is still the list, not its first option.
    assert choice("1. Kep. Keluarga 3. Kep Kluarga dn Sbqn. Ang Keluarqa", MOVE_TYPES) is None
    # ... and one whose first number was read `l,`.
    assert choice("l, Kep. Keluarga 3. Kep. Keluarga dan Sbgn. Angg. Keluarga", MOVE_TYPES) is None


def test_rt_and_rw_in_boxes_on_one_line_without_colons() -> None:
    lines = [
        _line(100, "DATA DAERAH ASAL"),
        _line(140, "3. Alamat : JL. KARTINI NO. 7"),
        _line(180, "RT [003] RW |012|", x=60),
        _line(220, "DATA DAERAH TUJUAN"),
        _line(260, "1. Alamat Tujuan : DUSUN KRAJAN"),
        _line(300, "RT (o1o| RW [001]", x=60),
    ]
    fields = parse_skpwni(lines).as_dict()
    got = {k: fields[k].value for k in ("origin_rt", "origin_rw", "destination_rt", "destination_rw")}
    assert got == {"origin_rt": "003", "origin_rw": "012", "destination_rt": "010", "destination_rw": "001"}


def test_a_date_in_day_month_year_boxes() -> None:
    assert parse_date("Tgl 0|9 Bln 1|2 Thn 2|0|2|4") == "2024-12-09"
    assert parse_date("Tgl. 17 Bln. 08 Thn. 2025") == "2025-08-17"
    assert parse_date("Tgl 31 Bln 02 Thn 2025") is None  # no such day


def test_a_choice_row_printed_in_columns_is_read_whole() -> None:
    # The options stand in columns after the label; the chosen number's box was not read.
    lines = [
        _line(100, "3. Jenis Kepindahan", "1. Kep. Keluarga", "3. Kep. Keluarga dan Sbgn. Angg. Keluarga"),
        _line(140, "2. Kep. Keluarga dan Seluruh Angg. Keluarga", "4. Angg. Keluarga", x=400),
        _line(180, "2. Alasan Pindah :", "[2]", "1. Pekerjaan", "3. Keamanan", "5. Perumahan"),
    ]
    fields = parse_skpwni(lines).as_dict()
    assert "move_type" not in fields
    assert fields["move_reason"].value == "PENDIDIKAN"


def test_a_misread_label_before_a_column_of_colons_is_still_a_label() -> None:
    # `Kel/Desa` read `KetiDesa`, its colon set in a column of its own, a stamp's letters after the value.
    lines = [
        _line(100, "NIK", ": 1405020710890017"),
        _line(140, "KetiDesa", ": KUALA TERUSAN", "ana —"),
        _line(180, "Kecamatan", ": PANGKALAN KERINCI", "PELALAWAN"),
    ]
    got = {h.key: " ".join(w.text for w in h.words) for h in read_labelled(lines, KTP_LABELS)}
    assert got["village"] == "KUALA TERUSAN"


def test_misread_labels_alone_above_their_values() -> None:
    # The digital ID prints each label small above its value; a phone photo misreads the small labels.
    lines = [
        _line(100, "Nama Lengkap"),
        _line(130, "ARIF YOGA FIRMANSYAH"),
        _line(180, "Terapat Lahir"),
        _line(210, "PELALAWAN"),
        _line(260, "Tanggal Lahu"),
        _line(290, "8 Februari 1985"),
        _line(340, "Jerus Kelamin"),
        _line(370, "LAKI-LAKI"),
        _line(420, "RT. RV"),
        _line(450, "008/007"),
    ]
    got = {h.key: " ".join(w.text for w in h.words) for h in read_labelled(lines, KTP_LABELS)}
    assert got == {
        "name": "ARIF YOGA FIRMANSYAH",
        "place_of_birth": "PELALAWAN",
        "birth_date": "8 Februari 1985",
        "sex": "LAKI-LAKI",
        "rt_rw": "008/007",
    }


def test_a_heading_alone_over_a_labelled_line_is_no_label() -> None:
    lines = [_line(100, "DATA KEPINDAHAN"), _line(130, "1. Alasan Pindah : 1. Pekerjaan")]
    assert [h.key for h in read_labelled(lines, SKPWNI_LABELS)] == ["move_reason"]


def test_a_region_name_with_words_run_on_after_it() -> None:
    idx = regions()
    district = next(c for c in idx.codes("district") if len(idx.children(c)) >= 3)
    code, name = idx.children(district)[1]
    candidates = tuple((c, n.upper()) for c, n in idx.children(district))
    assert match_region(f"{name.upper()} — EN NNNNNNN ND", candidates)[:2] == (code, name.upper())  # type: ignore[index]
    assert match_region("ana —", candidates) is None


def test_parents_named_with_bernama_or_as_a_couple() -> None:
    named = [
        _line(100, "Bahwa di SLEMAN pada tanggal 3 Maret 2015 telah lahir seorang anak laki-laki bernama"),
        _line(140, "ANDI WIJAYA, anak ke-1 dari ayah bernama BUDI HARTONO dan ibu bernama SITI AISYAH."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(named).items()}
    assert (got["father_name"], got["mother_name"]) == ("BUDI HARTONO", "SITI AISYAH")
    couple = [
        _line(100, "Bahwa di SLEMAN pada tanggal tiga Maret dua ribu lima belas telah lahir ANDI WIJAYA"),
        _line(140, "anak kesatu, laki-laki, dari pasangan BUDI HARTONO dan SITI AISYAH."),
    ]
    got = {k: f.value for k, f in parse_birth_sentence(couple).items()}
    assert (got["father_name"], got["mother_name"]) == ("BUDI HARTONO", "SITI AISYAH")


def test_a_numeric_date_whose_dashes_were_lost_or_misread() -> None:
    assert parse_date("1705:2024") == "2024-05-17"
    assert parse_date("17052024") == "2024-05-17"
    assert parse_date("32052024") is None  # no 32nd day
    assert parse_date("2024-05-17") == "2024-05-17"  # ISO stays ISO


def _boxed_form() -> np.ndarray:
    """A hand-filled form's rows as printed: the chosen option's number and RT/RW each in a box."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    img = Image.new("L", (1500, 260), 255)
    d = ImageDraw.Draw(img)

    def boxed(x: int, y: int, text: str) -> int:
        w = int(d.textlength(text, font=font)) + 30
        d.rectangle((x, y - 8, x + w, y + 42), outline=0, width=2)
        d.text((x + 15, y), text, font=font, fill=0)
        return x + w

    d.text((40, 40), "DATA DAERAH ASAL", font=font, fill=0)
    d.text((60, 110), "RT", font=font, fill=0)
    end = boxed(120, 110, "007")
    d.text((end + 40, 110), "RW", font=font, fill=0)
    boxed(end + 110, 110, "012")
    d.text((40, 190), "Alasan Pindah :", font=font, fill=0)
    boxed(300, 190, "3")
    d.text((380, 190), "1. Pekerjaan   3. Keamanan   5. Perumahan   7. Lainnya", font=font, fill=0)
    return np.asarray(img, np.uint8)


def test_boxed_values_lost_by_the_page_reading_are_read_again_from_the_image() -> None:
    from ektp.ocr.tesseract import TesseractEngine
    from ektp.ocr.text import page_lines

    image = _boxed_form()
    engine = TesseractEngine()
    lines = page_lines(engine.recognize(image))
    fields = parse_skpwni(lines, image, engine).as_dict()
    assert fields["move_reason"].value == "KEAMANAN"  # the page reading lost the boxed `3`
    assert fields["move_reason"].confidence < 0.9  # read alone from a crop: never a sure reading


def test_the_sides_of_a_box_are_erased_and_the_digits_inside_kept() -> None:
    from ektp.ocr.extract import _erase_boxes
    from ektp.ocr.tesseract import TesseractEngine

    image = _boxed_form().copy()
    left, top, right, bottom = 110, 95, 225, 160  # the RT box (x 120-207, y 102-152) with a margin
    _erase_boxes(image, (left, top, right, bottom))
    region = image[top:bottom, left:right]
    assert (region < 128).sum(axis=0).max() < 40  # no column holds a box's side (50 px) any more
    crop = np.full((140, 200), 255, np.uint8)
    crop[40:105, 40:155] = region
    assert "".join(w.text for w in TesseractEngine().recognize(crop).words) == "007"


def test_an_akta_letter_code_read_with_a_confused_glyph() -> None:
    assert akta_number("7107-LI-06091952-0171") == "7107-LT-06091952-0171"  # the T's bar lost
    assert akta_number("3204-LV-23052016-0012") == "3204-LU-23052016-0012"
    assert akta_number("3204-AL-23052016-0012") == "3204-AL-23052016-0012"  # no code's glyphs: kept as read
