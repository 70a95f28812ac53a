"""The per-page choice between engines, with scripted engines: the reading whose NIK passes its validators
wins, word breaks come back from the other reading, and a good first reading is not read twice."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ektp.ocr import extract_document
from ektp.ocr.engine import GreyImage, OcrPage, OcrWord
from ektp.ocr.settings import OcrSettings
from tools.docgen.render import font

NIK = "3201234506780003"  # district 32.01.23, born 05-06-1978 (female: day + 40 = 45)
LINES = [
    "PROVINSI JAWA BARAT",
    "KABUPATEN BOGOR",
    f"NIK : {NIK}",
    "Nama : SITI NURHAYATI",
    "Tempat/Tgl Lahir : BOGOR, 05-06-1978",
    "Jenis Kelamin : PEREMPUAN",
    "Gol. Darah : O",
    "Alamat : JL. MAWAR NO. 5",
    "Agama : ISLAM",
    "Status Perkawinan : KAWIN",
    "Pekerjaan : WIRASWASTA",
    "Kewarganegaraan : WNI",
    "Berlaku Hingga : SEUMUR HIDUP",
]


def _page_bytes() -> bytes:
    """A page with some print on it (the engines below are scripted: they ignore what is on it)."""
    img = Image.new("L", (1600, 1100), 250)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(LINES):
        draw.text((60, 60 + 80 * i), line, font=font(36), fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


class Scripted:
    """An engine that answers the same lines whatever the image, each word at its place in a grid."""

    def __init__(self, name: str, lines: list[str], confidence: float) -> None:
        self.name = name
        self.lines = lines
        self.confidence = confidence
        self.calls = 0

    def recognize(self, image: GreyImage) -> OcrPage:
        self.calls += 1
        words: list[OcrWord] = []
        for i, line in enumerate(self.lines):
            x = 40
            for text in line.split():
                width = 22 * len(text)
                words.append(
                    OcrWord(
                        text=text,
                        confidence=self.confidence,
                        left=x,
                        top=60 + 80 * i,
                        width=width,
                        height=36,
                        line=i,
                    )
                )
                x += width + 20
        return OcrPage(width=int(image.shape[1]), height=int(image.shape[0]), words=words)


def _without_space(lines: list[str], old: str, new: str) -> list[str]:
    return [line.replace(old, new) for line in lines]


def test_the_reading_whose_nik_passes_wins_and_takes_the_other_readings_word_breaks() -> None:
    misread = _without_space(LINES, NIK, NIK[:6] + "8" + NIK[7:])  # one digit off: region or date fails
    first = Scripted("tesseract", misread, 0.9)
    second = Scripted("rapidocr", _without_space(LINES, "SITI NURHAYATI", "SITINURHAYATI"), 0.95)
    result = extract_document(_page_bytes(), engine=first, second=second, settings=OcrSettings())
    assert second.calls >= 1
    assert result.engine == "rapidocr" and result.fields["nik"].value == NIK
    # The characters are the winner's, the word break the first reading's.
    assert result.fields["name"].value == "SITI NURHAYATI"


def test_a_first_reading_that_validates_is_not_read_again() -> None:
    first = Scripted("tesseract", LINES, 0.95)
    second = Scripted("rapidocr", LINES, 0.99)
    result = extract_document(_page_bytes(), engine=first, second=second, settings=OcrSettings())
    assert result.engine == "tesseract" and result.fields["nik"].value == NIK
    assert second.calls == 0


def test_a_weak_first_reading_is_read_again_and_the_better_kept() -> None:
    first = Scripted("tesseract", LINES[:3], 0.5)  # low confidence, and the page's fields mostly missing
    second = Scripted("rapidocr", LINES, 0.95)
    result = extract_document(_page_bytes(), engine=first, second=second, settings=OcrSettings())
    assert second.calls >= 1 and result.engine == "rapidocr"
    assert result.fields["name"].value == "SITI NURHAYATI"
    assert result.fields["nik"].value == NIK


def test_a_confident_first_reading_that_lost_a_key_field_is_read_again() -> None:
    # akta-bekas-banjir (a flood-stained Kutipan): Tesseract read the lines it kept confidently, NIK valid,
    # and lost the name's line whole under a stain. Before: the second engine was never asked.
    without_name = [line for line in LINES if not line.startswith("Nama")]
    first = Scripted("tesseract", without_name, 0.95)
    second = Scripted("rapidocr", LINES, 0.95)
    result = extract_document(_page_bytes(), engine=first, second=second, settings=OcrSettings())
    assert second.calls >= 1
    assert result.fields["name"].value == "SITI NURHAYATI"
