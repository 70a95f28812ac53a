"""The KK as SIAK prints it as a text report on continuous paper (round 15's kk-kertas-kontinu): a fixed-width
face, so a space inside a column's title (`TMP LAHIR`) is as wide as one between two titles; short labels
(`NAMA KK`, `ALMT`, `KD. POS`); a long value wrapped onto a line of its own under its member's row; the colon
read as a glyph of its own (`ALMT ? DUSUN ...`, `RT/RW 2 015/011`)."""

from __future__ import annotations

import numpy as np

from ektp.ocr import pipeline
from ektp.ocr.engine import OcrPage, OcrWord
from ektp.ocr.text import Line, page_lines

CHAR = 12  # px a character of the fixed-width face
HEIGHT = 20


def _mono(y: int, text: str, column: int = 10) -> Line:
    """A line of the report as an engine reads it: each word where its characters stand."""
    words, at = [], column
    for part in text.split(" "):
        if part:
            words.append(
                OcrWord(
                    text=part,
                    confidence=0.9,
                    left=at * CHAR,
                    top=y,
                    width=len(part) * CHAR - 2,
                    height=HEIGHT,
                    line=y,
                )
            )
        at += len(part) + 1
    return Line(words)


REPORT = [
    "KARTU KELUARGA",
    "NO. KK : 3525070305130015",
    "NAMA KK : BAYU SANTOSO                        KEC.       : UJUNGPANGKAH",
    "ALMT    ? DUSUN KARANGANYAR                   KAB/KOTA   : KABUPATEN GRESIK",
    "RT/RW   2 015/011                             KD. POS    : 61154",
    "DESA/KEL : BANYUURIP                          PROPINSI   : JAWA TIMUR",
    "NO NIK              NAMA              L/P       TMP LAHIR  TGL LAHIR  AGAMA  PDDK AKHIR         PEKERJAAN       GD",
    " 1 3525071212840020 BAYU SANTOSO      LAKI-LAKI GRESIK     12-12-1984 ISLAM  DIPLOMA IV/STRATA  KARYAWAN SWASTA B",
    " 2 1606105903870029 YULI SRI WIDODO   PEREMPUAN GRESIK     19-03-1987 ISLAM  TAMAT SD/SEDERAJAT MENGURUS RUMAH  B",
    "                                                                                                TANGGA",
    " 3 3525070802100030 AGUS SAPUTRA      LAKI-LAKI GRESIK     08-02-2010 ISLAM  SLTP/SEDERAJAT     PELAJAR/MAHASISWA A",
    "NO STS KAWIN      TGL PERKAW HUB. KELUARGA   WNI/WNA PASPOR NO. KITAP AYAH              NAMA IBU",
    " 1 KAWIN TERCATAT 14-02-2008 KEPALA KELUARGA WNI     -      -         DWI               WAHJOENI",
    " 2 KAWIN TERCATAT 14-02-2008 ISTRI           WNI     -      -         ARIS AGUS SANTOSO SUMARNI NUGROHO",
    " 3 BELUM KAWIN    -          ANAK            WNI     -      -         BAYU SANTOSO      YULI SRI WIDODO",
    "DIKELUARKAN TANGGAL : 03-05-2013",
]


def _read() -> tuple[dict[str, str], list[dict[str, str]]]:
    lines = [_mono(100 + 40 * i, text) for i, text in enumerate(REPORT)]
    page = OcrPage(width=1600, height=900, words=[w for ln in lines for w in ln.words])
    image = np.full((page.height, page.width), 255, np.uint8)
    fields, members = pipeline._parse("kk", page_lines(page), page, [], image, None)  # type: ignore[arg-type]
    return {k: f.value for k, f in fields.items()}, [{k: f.value for k, f in m.items()} for m in members]


def test_the_reports_short_labels_and_glyph_colons_are_read() -> None:
    fields, _ = _read()
    assert fields["head_of_family"] == "BAYU SANTOSO"  # `NAMA KK`
    assert fields["address"] == "DUSUN KARANGANYAR"  # `ALMT ? DUSUN ...`: before, no address at all
    assert (fields["rt"], fields["rw"]) == ("015", "011")  # `2 015/011`: before, none
    assert fields["postal_code"] == "61154" and fields["number"] == "3525070305130015"


def test_the_members_under_fixed_width_titles_are_read() -> None:
    # Before: `NO NIK NAMA ... TMP LAHIR` split at every space (13 titles, no table of 10) or joined (`NO NIK`):
    # no table found, no member read; and the wrapped `TANGGA` line ended the table after its first row.
    _, members = _read()
    assert [m.get("nik") for m in members] == ["3525071212840020", "1606105903870029", "3525070802100030"]
    assert [m.get("place_of_birth") for m in members] == ["GRESIK"] * 3
    assert members[1]["birth_date"] == "1987-03-19" and members[2]["education"] == "SLTP/SEDERAJAT"
    assert [m.get("relationship") for m in members] == ["KEPALA KELUARGA", "ISTRI", "ANAK"]
    assert members[1]["mother_name"] == "SUMARNI NUGROHO" and members[2]["marital_status"] == "BELUM KAWIN"


def test_guard_the_head_of_familys_label_abbreviated_otherwise_is_still_its_label() -> None:
    # `Nama Kepala Kel.` (kk-folio-potret): with `Nama KK` a label too, the value is still the name after it.
    lines = [_mono(100, "Nama Kepala Kel. : BAYU SANTOSO, S.E."), _mono(140, "No. KK : 3525070305130015")]
    page = OcrPage(width=1600, height=300, words=[w for ln in lines for w in ln.words])
    fields, _ = pipeline._parse("kk", page_lines(page), page, [], np.full((300, 1600), 255, np.uint8), None)  # type: ignore[arg-type]
    assert fields["head_of_family"].value == "BAYU SANTOSO, S.E."
