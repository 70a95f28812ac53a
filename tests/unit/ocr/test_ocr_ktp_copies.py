"""The KTP-el as residents send it: a black-and-white photocopy of the card (dither, a tight heading), read
from OCR lines as such a copy reads."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.extract import _reread_short_value, parse_ktp
from ektp.ocr.models import Field
from ektp.ocr.normalise import fold_accents, normalise
from ektp.ocr.pipeline import get_engine
from ektp.ocr.text import Line
from tests.unit.ocr.conftest import ocr_cells, ocr_line


def _card(*rows: tuple[str, ...]) -> tuple[list[Line], OcrPage]:
    lines = [ocr_line(40 + 30 * i, *row) for i, row in enumerate(rows)]
    return lines, OcrPage(width=1260, height=800, words=[w for ln in lines for w in ln.words])


def test_a_photocopys_dither_read_as_accents_is_no_part_of_the_values() -> None:
    lines, page = _card(
        ("PROVINSI JAMBI",),
        ("KABUPATEN BATANGHÄRI",),
        ("NIK", ": 1504040708980028"),
        ("NAMA", ": ARIF SAPÚTRA"),
        ("TEMPAT/TGL LAHIR", ": BATANGHÁRI, 07/08/1998"),
        ("JENIS KELAMIN", ": LAKI-LAKI"),
        ("ALAMAT", ": JL. CEMPAKA NO. 76"),
        ("AGAMA", ": ISLAM"),
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["name"].value == "ARIF SAPUTRA"
    assert fields["place_of_birth"].value == "BATANGHARI"
    assert fields["regency"].value == "KABUPATEN BATANGHARI"


def test_accents_are_folded_and_plain_letters_kept() -> None:
    assert fold_accents("YOHANES STÉFANUS WONDA") == "YOHANES STEFANUS WONDA"
    assert fold_accents("DUKÇAPIL") == "DUKCAPIL"
    assert fold_accents("JL. GAJAH MADA NO. 7/B") == "JL. GAJAH MADA NO. 7/B"


def test_the_province_heading_glued_to_its_name_is_split_by_the_region_data() -> None:
    lines, page = _card(
        ("PROVINSISUMATERAUTARA",),
        ("KABUPATEN NIAS SELATAN",),
        ("NIK", ": 1214046104020014"),
        ("NAMA", ": ROMAULI BR SITOMPUL"),
    )
    assert parse_ktp(lines, page).as_dict()["province"].value == "SUMATERA UTARA"
    lines, page = _card(("PROVINSIJAMBI",), ("NIK", ": 1504040708980028"))
    assert parse_ktp(lines, page).as_dict()["province"].value == "JAMBI"


def test_a_heading_word_before_no_province_gives_none() -> None:
    lines, page = _card(("PROVINSIPEMERINTAHAN",), ("NIK", ": 1504040708980028"))
    assert "province" not in parse_ktp(lines, page).as_dict()


def test_street_abbreviations_keep_their_stop_and_space() -> None:
    def address(raw: str) -> str | None:
        f = normalise("address", raw, [])
        return f.value if f else None

    assert address("JL HASANUDDIN NO. 129") == "JL. HASANUDDIN NO. 129"
    assert address("GG.HASANUDDIN IV NO.19") == "GG. HASANUDDIN IV NO. 19"
    assert address("JL. NOVA RAYA NO 5") == "JL. NOVA RAYA NO. 5"
    assert address("DUSUN NOLO RT 2") == "DUSUN NOLO RT 2"


def _blood_type_row(with_guilloche: bool) -> np.ndarray:
    """`GOL. DARAH  / : A  |`: a card's guilloche line crossing before the colon, the photo's frame after."""
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 20)
    draw.text((40, 40), "GOL. DARAH", font=font, fill=0)
    draw.text((240, 40), ":", font=font, fill=0)
    draw.text((262, 40), "A", font=font, fill=0)
    draw.line((420, 10, 424, 110), fill=0, width=8)  # the photo's frame
    if with_guilloche:
        for k in range(14):  # a dotted guilloche stroke, slanting across the gap before the colon
            x, y = 200 + 3 * k, 90 - 5 * k
            draw.ellipse((x, y, x + 2, y + 2), fill=0)
    return np.asarray(image, dtype=np.uint8)


def test_a_blood_type_left_out_is_read_again_past_its_colon_and_not_from_a_frame_or_a_guilloche() -> None:
    engine = get_engine("tesseract")
    lines = [
        Line(
            [
                OcrWord(text=t, confidence=0.9, left=x, top=42, width=w, height=16, line=0)
                for t, x, w in (("GOL.", 40, 50), ("DARAH", 96, 76))
            ]
        )
    ]
    for with_guilloche in (False, True):
        fields: dict[str, Field] = {}
        _reread_short_value(lines, _blood_type_row(with_guilloche), engine, fields, "blood_type")
        assert fields["blood_type"].value == "A", with_guilloche


def test_a_validity_under_a_pens_stroke_read_with_its_word_seumur() -> None:
    assert normalise("valid_until", "JJJ SEUMURUOUErIuar FIK C 0 0", []).value == "SEUMUR HIDUP"  # type: ignore[union-attr]
    assert normalise("valid_until", "04-11-2030", []).value == "2030-11-04"  # type: ignore[union-attr]
    assert normalise("valid_until", "JJJ FIK C", []) is None


def test_a_place_of_birth_run_on_into_the_date_is_the_place_and_the_date() -> None:
    # ktp-salinan-berulang degraded: the copy's `Tgl` read `1gi`, so the row's label was taken for `Tempat Lahir`
    # and its value `GRESIK. 12/12/1984` (the comma read as a stop) kept whole as the place.
    lines, page = _card(
        ("PROVINSI JAWA TIMUR",),
        ("KABUPATEN GRESIK",),
        ("NIK", "3525071212840020"),
        ("Nama", "BAYU SANTOSO. S E"),
        ("Tempat/1gi Lahir", "GRESIK. 12/12/1984"),
        ("Jenis Kelamin", "LAKI-LAKI"),
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["place_of_birth"].value == "GRESIK"
    assert fields["birth_date"].value == "1984-12-12"
    assert fields["name"].value == "BAYU SANTOSO, S.E."


def test_a_place_of_birth_alone_stays_whole() -> None:
    # Guard: a place's name with a number in it is not split (no date after it).
    lines, page = _card(
        ("NIK", "3525071212840020"), ("Tempat Lahir", "KOTA BARU 2"), ("Tanggal Lahir", "12-12-1984")
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["birth_date"].value == "1984-12-12"
    assert fields.get("place_of_birth") is None or "1984" not in fields["place_of_birth"].value


def test_the_cards_heading_under_a_pages_own_lines_is_still_its_heading() -> None:
    # ktp-kyc-web: the uploaded card's photo under the page's title, its hint and the panel's caption; the card's
    # regency heading was looked for in the first five lines only and lost (`KABUPATEN GRESIK` on the sixth).
    lines, page = _card(
        ("Data e-KTP", "Data Pribadi"),
        ("Konfirmasi Data Identitas",),
        ("Pastikan data di bawah ini sesuai dengan e-KTP yang Anda unggah.",),
        ("Foto e-KTP",),
        ("PROVINSI JAWA TIMUR",),
        ("KABUPATEN GRESIK",),
        ("NIK", ": 3525071212840020"),
        ("Nama", ": BAYU SANTOSO"),
        ("Kecamatan", ": UJUNGPANGKAH"),
    )
    fields = parse_ktp(lines, page).as_dict()
    assert fields["province"].value == "JAWA TIMUR"
    assert fields["regency"].value == "KABUPATEN GRESIK"


def _issued(date_read: str) -> dict[str, Field]:
    rows = [
        ocr_cells(40, (300, "PROVINSI JAWA TIMUR")),
        ocr_cells(70, (300, "KABUPATEN GRESIK")),
        ocr_cells(100, (0, "NIK"), (260, ": 3525071212840020")),
        ocr_cells(130, (0, "Nama"), (260, ": BAYU SANTOSO")),
        ocr_cells(160, (0, "Kewarganegaraan"), (260, ": WNI"), (900, "GRESIK")),
        ocr_cells(190, (0, "Berlaku Hingga"), (260, ": SEUMUR HIDUP"), (880, date_read)),
    ]
    page = OcrPage(width=1260, height=800, words=[w for ln in rows for w in ln.words])
    return parse_ktp(rows, page).as_dict()


def test_a_cards_issue_date_read_in_the_future_is_not_read() -> None:
    # ktp-salinan-berulang: the copy's `2013` read `2033`; a card is never issued after today, so the date is left
    # unread (a claim check then says `not found`, never that the resident's true date is wrong).
    assert "issue_date" not in _issued("03-05-2033")
    assert _issued("03-05-2013")["issue_date"].value == "2013-05-03"  # guard
