"""Layout independence: every layout family of the variety generator (tools/docgen/variety.py), clean and
degraded, read by the same extractor that knows none of them.

Each test renders one page of a layout from a fixed seed and checks the fields that layout family is about
exactly (the prose akta's sentence, the SKPWNI's destination block and move, the KTP's marital status and
citizenship, the KK's postal code and number), plus a floor on all its fields: one misread glyph on a page is
measured by the benchmark, not failed here.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from ektp.ocr import extract_document
from tools.docgen import degrade
from tools.docgen.render import RenderedDocument
from tools.docgen.score import field_matches
from tools.docgen.variety import LAYOUTS, render_variety

SEED = 5151
CLEAN_FLOOR = 0.9
DEGRADED_FLOOR = 0.8

# The fields each layout family must read exactly (the ones the held-out layouts were missing).
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "ktp": ("nik", "name", "birth_date", "sex", "marital_status", "citizenship", "religion"),
    "akta": ("name", "place_of_birth", "birth_date", "sex", "father_name", "mother_name"),
    "skpwni": (
        "nik",
        "destination_village",
        "destination_district",
        "destination_province",
        "destination_postal_code",
        "move_reason",
        "move_classification",
        "move_date",
    ),
    "kk": ("number", "postal_code", "head_of_family", "village", "district"),
}
ALL = [(kind, layout) for kind, layouts in LAYOUTS.items() for layout in layouts]
# The third round (tools/docgen/variety_round3.py) was written before the extractor was changed for it and
# measured as it stood (issue 18 note, /tmp/round3_before.json): these pages fail their floor or key fields
# (skpwni-siak degraded stops with "tesseract failed: Image too large"). Remove a layout here once it reads.
ROUND3_CLEAN_FAILS: set[str] = set()
ROUND3_DEGRADED_FAILS: set[str] = set()
# The fourth round (tools/docgen/variety_round4.py) was written blind and measured as the extractor stood
# (issue 18 note, /work/notes/s8/round4_before.json): these pages fail their floor or key fields.
# Remove a layout here once it reads.
ROUND4_CLEAN_FAILS: set[str] = set()
# ktp-hand-sleeve degraded (seed 5151) lost a name's spaces in session 10 (13a55bc: the card found on its rims, a
# tighter crop; rapidocr reads YULISRIWIDODO): a known loss, marked until the engine's word spacing is mended.
ROUND4_DEGRADED_FAILS: set[str] = {"ktp-hand-sleeve"}
# The fifth round (tools/docgen/variety_round5.py) was written blind and measured as the extractor stood
# (issue 18 note, /work/notes/s9/round5_before.json): these pages fail their floor or key fields.
# Remove a layout here once it reads.
ROUND5_CLEAN_FAILS = {
    "kk-dotmatrix-lama",
    "akta-legalisir-copy",
}
ROUND5_DEGRADED_FAILS = {
    "kk-scan-tutup-terbuka",
    "akta-legalisir-copy",
    "skpwni-wa-landscape",
}

# The sixth round (tools/docgen/variety_round6.py) was written blind in session 10 and measured by the lead on the
# extractor as it stood at b2ae6ee (no change of the session was made for these layouts): these pages fail their floor
# or key fields. Remove a layout here once it reads.
ROUND6_CLEAN_FAILS: set[str] = {
    "akta-tulisan-tangan",
    "ktp-scanner-app",
}
ROUND6_DEGRADED_FAILS: set[str] = {
    "kk-kolase-dua-foto",
    "akta-tulisan-tangan",
}
# The seventh round (tools/docgen/variety_round7.py) was written blind in session 11 and measured by the lead at
# b2a1158 (issue 18 note: every layout below its floor then); the ones that read since are removed.
ROUND7_CLEAN_FAILS: set[str] = {
    "ktp-webcam-480",
    "skpwni-surat-desa",
}
ROUND7_DEGRADED_FAILS: set[str] = {
    "ktp-webcam-480",
    "skpwni-surat-desa",
}
# The eighth round (tools/docgen/variety_round8.py) was written blind in session 15 by a helper that never read the
# extractor and measured by the lead (issue 18 note: 88.1% clean, 84.0% degraded at 7501b6f); these pages fail at
# this test's seed after the session's leader rule. Remove a layout here once it reads.
ROUND8_CLEAN_FAILS: set[str] = {
    "kk-lipat-tiga",
    "akta-terjemahan-tersumpah",
    "akta-laminasi",
    "skpwni-coretan",
}
ROUND8_DEGRADED_FAILS: set[str] = {
    "kk-lipat-tiga",
    "akta-terjemahan-tersumpah",
    "ktp-swafoto",
}
# The ninth round (tools/docgen/variety_round9.py) was written blind in session 16 by a helper that never read the
# extractor and measured by the lead (issue 18 note: 63.2% clean, 63.7% degraded at 6adc473); these pages fail
# at this test's seed after the session's rules. Remove a layout here once it reads.
ROUND9_CLEAN_FAILS: set[str] = {
    "kk-layar-laptop",
    "akta-bekas-banjir",
    "ktp-fotokopi-bolak-balik",
    "skpwni-faks",
}
ROUND9_DEGRADED_FAILS: set[str] = {
    "kk-dipegang",
    "kk-layar-laptop",
    "akta-bekas-banjir",
    "ktp-fotokopi-bolak-balik",
}
# The tenth round (tools/docgen/variety_round10.py): typeset pages of other structures and wordings, written
# blind in session 17 by a helper that never read the extractor and measured by the lead (issue 18 note: 58.0%
# clean, 59.1% degraded at 2f17ae7); these pages fail at this test's seed. Remove a layout here once it reads.
ROUND10_CLEAN_FAILS: set[str] = {
    "skpwni-kode-wilayah",
}
ROUND10_DEGRADED_FAILS: set[str] = set()  # skpwni-kode-wilayah degraded reads since session 30
# The eleventh round (tools/docgen/variety_round11.py): typeset pages of yet other structures (a register's
# entry with its reporter and witnesses, a register's extract, the digital ID's screen, SIAK's biodata prints, a
# sideways address table, a Dinas letter), written blind in session 18 by a helper that never read the
# extractor and measured by the lead (issue 18 note: 52.4% clean, 52.9% degraded); these pages fail at this
# test's seed after the session's rules. Remove a layout here once it reads.
ROUND11_CLEAN_FAILS: set[str] = {
    "akta-register-salinan",
    "ktp-biodata-siak",
}
ROUND11_DEGRADED_FAILS: set[str] = {
    "akta-register-salinan",
    "ktp-ikd-layar",
    "ktp-biodata-siak",
}
# The twelfth round (tools/docgen/variety_round12.py), written blind at the end of session 18 by a helper that
# never read the extractor, and measured once (issue 18 note: 59.6% clean, 57.4% degraded). Session 19 wrote
# rules for it (tests/unit/ocr/test_ocr_round12_rules.py). These pages still fail at this test's seed; the
# village's letter is no KTP and is answered DOCUMENT_WRONG_TYPE on purpose. Remove a layout once it reads.
ROUND12_CLEAN_FAILS: set[str] = {
    "kk-baris-ganda",
    "ktp-suket-desa",
}
ROUND12_DEGRADED_FAILS: set[str] = set(ROUND12_CLEAN_FAILS)
# The thirteenth round (tools/docgen/variety_round13.py), written blind in session 19 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note). Session 20 wrote rules for some of it
# (tests/unit/ocr/test_ocr_round13_rules.py). These pages still fail at this test's seed; the data-access record
# is no KTP and is answered DOCUMENT_WRONG_TYPE on purpose. Remove a layout once it reads.
ROUND13_CLEAN_FAILS: set[str] = {
    "ktp-kunci-nilai",
}
ROUND13_DEGRADED_FAILS: set[str] = {
    "ktp-kunci-nilai",
    "akta-kolom-orang",  # the engines' misreads of the degraded page: `2019` for `2010`, a digit of the NIK
}

# The fourteenth round (tools/docgen/variety_round14.py), written blind in session 23 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note: 38.1% clean, 37.1% degraded). These
# pages still fail at this test's seed after the session's rules; the birth REPORT form (F-2.01, the akta's
# number in its office box) is no Kutipan and is answered DOCUMENT_WRONG_TYPE on purpose. Remove a layout once
# it reads.
ROUND14_CLEAN_FAILS: set[str] = {
    "kk-kotak-karakter",
    "akta-kotak-pelaporan",
    "ktp-salinan-berulang",  # the small halftone copy's `Kewarganegaraan` row and issue date, the blood type
}
ROUND14_DEGRADED_FAILS: set[str] = set(ROUND14_CLEAN_FAILS)
# The fifteenth round (tools/docgen/variety_round15.py), written blind in session 24 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note). These pages still fail at this test's
# seed after the session's rules. Remove a layout once it reads.
ROUND15_CLEAN_FAILS: set[str] = {
    "akta-tulisan-halus",  # the clerk's cursive
    "ktp-domisili-prosa",  # a village's letter is no KTP: DOCUMENT_WRONG_TYPE on purpose
    "ktp-panggilan-video",  # the card 380-560 px across in a video call: its name misread
    "skpwni-isian-tangan",  # capitals by hand on dotted lines
    "skpwni-faks-sampul",  # a digit of the NIK misread on the twice-faxed page
}
ROUND15_DEGRADED_FAILS: set[str] = {
    "akta-tulisan-halus",
    "ktp-domisili-prosa",
    "ktp-panggilan-video",
    "skpwni-isian-tangan",
    "kk-lembar-kerja",  # the degraded spreadsheet's header cells
    "kk-kertas-kontinu",  # the degraded report's second table titles, misread, name no table
}
# The sixteenth round (tools/docgen/variety_round16.py), written blind in session 25 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note). These pages still fail at this test's
# seed after the session's rules. Remove a layout once it reads.
ROUND16_CLEAN_FAILS: set[str] = {
    "kk-susunan-prosa",  # at this seed the village's letter is not classified a KK: DOCUMENT_WRONG_TYPE
    # at this seed 65 of 79: members' place and date of birth printed as one item, the passports' dashes
    "kk-aplikasi-keluarga",
    "ktp-surat-kuasa",  # a power of attorney quoting two cards: not classified a KTP at this seed
}
ROUND16_DEGRADED_FAILS: set[str] = set(ROUND16_CLEAN_FAILS)
# The seventeenth round (tools/docgen/variety_round17.py), written blind in session 26 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note). These pages still fail at this test's
# seed after the session's rules. Remove a layout once it reads.
ROUND17_CLEAN_FAILS: set[str] = {
    "akta-formulir-sekolah",  # a school's enrolment form: not classified an akta at this seed
    # a village's monthly report, one row per move: refused as a list of certificates (DOCUMENT_LISTS_SEVERAL)
    "skpwni-rekap-mutasi",
}
ROUND17_DEGRADED_FAILS: set[str] = ROUND17_CLEAN_FAILS | {
    "skpwni-surel-notifikasi",  # degraded at this seed: a phone's e-mail, its narrow table below the floor
}
# The eighteenth round (tools/docgen/variety_round18.py), written blind in session 27 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note). These pages still fail at this test's
# seed after the session's rules. Remove a layout once it reads.
ROUND18_CLEAN_FAILS: set[str] = {
    "kk-cetak-perkecil",  # the e-KK shrunk on a portrait sheet, a tick over the village: `MSANYUURIP`
    "akta-baris-berpasangan",  # the stamp's ring over the end of the mother's name: `WIDOD`
}
ROUND18_DEGRADED_FAILS: set[str] = set()
# The nineteenth round (tools/docgen/variety_round19.py), written blind in session 28 by a helper that never read
# the extractor, and measured once before any rule for it (issue 18 note). These pages fail at this test's seed.
# Remove a layout here once it reads.
ROUND19_CLEAN_FAILS: set[str] = {
    "kk-lama-melengkung",  # the pre-2018 KK curling off the table: its members' rows bend off the titles' columns
    "kk-zoom-ponsel",  # the e-KK zoomed on a phone: labels cut at the screen's edge, members with no name on screen
}
ROUND19_DEGRADED_FAILS: set[str] = ROUND19_CLEAN_FAILS | {
    "ktp-pindai-tutup-terbuka",  # the card small in a flatbed's dark frame, degraded
}


# Pages that read above their floor in some runs of the whole suite and below it in others, at one seed (seen
# in session 16; the cause, some state one test leaves for another, is not found): not strict either way.
DEGRADED_ORDER_DEPENDENT: set[str] = {"ktp-kabur-gerak", "ktp-tangkapan-wa"}
# The same seen in session 18 for the messenger's screenshot clean: it reads 18 of 20 fields alone (the floor)
# and 17 in one whole run (its regency too; the second engine's reading of it).
CLEAN_ORDER_DEPENDENT: set[str] = {"ktp-tangkapan-wa"}


def _marked(*failing: set[str], unsure: frozenset[str] = frozenset()) -> list[object]:
    unread = pytest.mark.xfail(
        reason="round-3 to round-15 layout, measured before the extractor was changed", strict=True
    )
    flips = pytest.mark.xfail(reason="reads or not with the test order (*_ORDER_DEPENDENT)", strict=False)
    failing_layouts: set[str] = set().union(*failing)
    return [
        pytest.param(kind, layout, marks=flips)
        if layout in unsure
        else pytest.param(kind, layout, marks=unread)
        if layout in failing_layouts
        else (kind, layout)
        for kind, layout in ALL
    ]


def _png(doc: RenderedDocument) -> bytes:
    if doc.upload is not None:  # the layout's own file (a phone's EXIF JPEG, a messenger's recompression)
        return doc.upload
    buf = io.BytesIO()
    doc.image.save(buf, format="PNG")
    return buf.getvalue()


def _check(kind: str, doc: RenderedDocument, data: bytes, floor: float, keys: tuple[str, ...]) -> None:
    result = extract_document(data, declared_type=kind)  # type: ignore[arg-type]
    assert result.document_type == kind and result.declared_type_matches is True
    matches = field_matches(doc, result)
    wrong = {k: (doc.fields.get(k), result.fields.get(k)) for k in keys if k in doc.fields and not matches[k]}
    assert not wrong, wrong
    assert sum(matches.values()) / len(matches) >= floor, {k for k, ok in matches.items() if not ok}
    for key in keys:
        if key in result.fields:
            assert 0.0 < result.fields[key].confidence <= 1.0


@pytest.mark.parametrize(
    ("kind", "layout"),
    _marked(
        ROUND3_CLEAN_FAILS,
        ROUND4_CLEAN_FAILS,
        ROUND5_CLEAN_FAILS,
        ROUND6_CLEAN_FAILS,
        ROUND7_CLEAN_FAILS,
        ROUND8_CLEAN_FAILS,
        ROUND9_CLEAN_FAILS,
        ROUND10_CLEAN_FAILS,
        ROUND11_CLEAN_FAILS,
        ROUND12_CLEAN_FAILS,
        ROUND13_CLEAN_FAILS,
        ROUND14_CLEAN_FAILS,
        ROUND15_CLEAN_FAILS,
        ROUND16_CLEAN_FAILS,
        ROUND17_CLEAN_FAILS,
        ROUND18_CLEAN_FAILS,
        ROUND19_CLEAN_FAILS,
        unsure=frozenset(CLEAN_ORDER_DEPENDENT),
    ),
)
def test_layout_family_clean(kind: str, layout: str) -> None:
    doc = render_variety(kind, layout, 1, SEED)[0]
    assert doc.layout == layout
    _check(kind, doc, _png(doc), CLEAN_FLOOR, KEY_FIELDS[kind])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "layout"),
    _marked(
        ROUND3_DEGRADED_FAILS,
        ROUND4_DEGRADED_FAILS,
        ROUND5_DEGRADED_FAILS,
        ROUND6_DEGRADED_FAILS,
        ROUND7_DEGRADED_FAILS,
        ROUND8_DEGRADED_FAILS,
        ROUND9_DEGRADED_FAILS,
        ROUND10_DEGRADED_FAILS,
        ROUND11_DEGRADED_FAILS,
        ROUND12_DEGRADED_FAILS,
        ROUND13_DEGRADED_FAILS,
        ROUND14_DEGRADED_FAILS,
        ROUND15_DEGRADED_FAILS,
        ROUND16_DEGRADED_FAILS,
        ROUND17_DEGRADED_FAILS,
        ROUND18_DEGRADED_FAILS,
        ROUND19_DEGRADED_FAILS,
        unsure=frozenset(DEGRADED_ORDER_DEPENDENT),
    ),
)
def test_layout_family_degraded(kind: str, layout: str) -> None:
    doc = render_variety(kind, layout, 1, SEED)[0]
    # Degraded pages keep the identity keys exact; the rest is held to the floor.
    keys = tuple(k for k in KEY_FIELDS[kind] if k in ("name", "birth_date", "move_date", "postal_code"))
    _check(
        kind,
        doc,
        degrade(doc.image, SEED, photo=layout.endswith(("digital", "kutipan", "f103", "2018"))),
        DEGRADED_FLOOR,
        keys,
    )


def test_generator_gives_three_layouts_per_type_and_truth_for_the_missed_fields() -> None:
    assert all(len(layouts) >= 3 for layouts in LAYOUTS.values())
    prose = render_variety("akta", "akta-kutipan", 1, SEED)[0]
    assert {"number", "name", "birth_date", "father_name", "mother_name"} <= set(prose.fields)
    move = render_variety("skpwni", "skpwni-f103", 1, SEED)[0]
    assert {"destination_postal_code", "move_reason", "move_classification", "move_type", "move_date"} <= set(
        move.fields
    )


# Round 3: per layout, text it prints that no older layout prints (the card as printed is told by its colour).
ROUND3_MARKERS = {
    "ktp-scan-a4": "KARTU INDONESIA SEHAT",
    "akta-bilingual": "By virtue of Birth Certificate No.",
    "akta-table-en": "Place of birth",
    "skpwni-letter": "Yang bertanda tangan di bawah ini",
    "skpwni-siak": "Antar Kabupaten/Kota atau Antar Provinsi",
    "kk-grouped": "DOKUMEN IMIGRASI",
    "kk-salinan": "SESUAI DENGAN ASLINYA",
}
OLDER_OF_KIND = {"ktp": "ktp-card-serif", "akta": "akta-kutipan", "skpwni": "skpwni-f103", "kk": "kk-2018"}


def test_round3_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    from pathlib import Path

    import tools.docgen.variety_round3 as round3

    older_sources = "".join(
        (Path(round3.__file__).parent / name).read_text()
        for name in ("render.py", "variety.py", "variety_more.py", "photographed.py")
    )
    new = set(ROUND3_MARKERS) | {"ktp-card-el"}
    assert new >= ROUND3_CLEAN_FAILS | ROUND3_DEGRADED_FAILS
    for kind, layouts in LAYOUTS.items():
        older = render_variety(kind, OLDER_OF_KIND[kind], 1, SEED)[0]
        for layout in new & set(layouts):
            doc = render_variety(kind, layout, 1, SEED)[0]
            assert doc.kind == kind and doc.layout == layout
            assert set(doc.fields) == set(older.fields), layout
            assert all(set(m) == set(older.members[0]) for m in doc.members), layout
            assert len(doc.members) == len(older.members), layout  # same seed, same family
            if layout in ROUND3_MARKERS:
                marker = ROUND3_MARKERS[layout]
                assert marker in Path(round3.__file__).read_text() and marker not in older_sources, layout
    card = render_variety("ktp", "ktp-card-el", 1, SEED)[0]
    assert card.image.mode == "RGB"  # the colour print: every older layout renders grey
    assert all(
        render_variety("ktp", name, 1, SEED)[0].image.mode == "L"
        for name in LAYOUTS["ktp"]
        if name not in new
        and name not in ROUND4_MARKERS
        and name not in ROUND5_MARKERS
        and name not in ROUND6_MARKERS
        and name not in ROUND7_MARKERS
        and name not in ROUND8_MARKERS
        and name not in ROUND9_MARKERS
        and name not in ROUND15_MARKERS  # a video call's screenshot, in colour
        and name not in ROUND16_MARKERS  # a chat's screenshot, in colour
        and name not in ROUND17_MARKERS  # a report in colour, a notebook photographed
        and name not in ROUND18_MARKERS  # cards photographed
        and name not in ROUND19_MARKERS  # a card scanned with the lid open, a card held in the hand
    )


# Round 4: per layout, text only it prints (no older layout's source has it).
ROUND4_MARKERS = {
    "kk-phone-photo": r"Status Hubungan\nDalam Keluarga",  # the title wrapped in the source
    "kk-two-sheets": "Halaman {page_no} dari 2",
    "akta-phone-photo": "Hari/Tanggal Lahir",
    "akta-court-typed": "Berdasarkan Penetapan Pengadilan Negeri",
    "skpwni-phone-photo": "Desa/Kelurahan {side}",
    "skpwni-datang": "SURAT KETERANGAN PINDAH DATANG WNI",
    "ktp-fotokopi-bw": "FOTOKOPI",
    "ktp-hand-sleeve": "STATUS PERKAWINAN",
}
ROUND4_PHOTOS = {"kk-phone-photo", "akta-phone-photo", "skpwni-phone-photo", "ktp-hand-sleeve"}


def test_round4_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    from pathlib import Path

    import tools.docgen.variety_round4 as round4

    here = Path(round4.__file__).parent
    older_sources = "".join(
        (here / name).read_text()
        for name in ("render.py", "variety.py", "variety_more.py", "variety_round3.py", "photographed.py")
    )
    source = Path(round4.__file__).read_text()
    assert set(ROUND4_MARKERS) >= ROUND4_CLEAN_FAILS | ROUND4_DEGRADED_FAILS
    for kind, layouts in LAYOUTS.items():
        older = render_variety(kind, OLDER_OF_KIND[kind], 1, SEED)[0]
        for layout in set(ROUND4_MARKERS) & set(layouts):
            doc = render_variety(kind, layout, 1, SEED)[0]
            assert doc.kind == kind and doc.layout == layout
            assert set(doc.fields) == set(older.fields), layout
            assert all(set(m) == set(older.members[0]) for m in doc.members), layout
            assert len(doc.members) == len(older.members), layout  # same seed, same family
            marker = ROUND4_MARKERS[layout]
            assert marker in source and marker not in older_sources, layout
            # A phone photo is in colour at a phone's resolution; the paper pages are grey.
            if layout in ROUND4_PHOTOS:
                assert doc.image.mode == "RGB" and min(doc.image.size) >= 1500, layout
            else:
                assert doc.image.mode == "L", layout
    assert {kind for kind, layouts in LAYOUTS.items() for name in layouts if name in ROUND4_MARKERS} == set(
        LAYOUTS
    )


# Round 5: per layout, text only it prints (no older layout's source has it); the two card photos print the
# card's standard wording, so theirs is the scene only they have (the EXIF tag, the batik cloth).
ROUND5_MARKERS = {
    "kk-dotmatrix-lama": "Tgl. Dikeluarkan",
    "kk-scan-tutup-terbuka": r"STATUS HUBUNGAN\nDALAM KELUARGA",  # the title wrapped in the source
    "akta-ketik-folio": "KANTOR CATATAN SIPIL",
    "akta-legalisir-copy": "telah dilahirkan seorang anak",
    "ktp-exif-sideways": "Image.Exif()",
    "ktp-batik-tilt": "kawung",
    "skpwni-wa-landscape": "Dusun/Dukuh/Kampung",
    "skpwni-lampiran": "DAFTAR ANGGOTA KELUARGA YANG PINDAH",
}
ROUND5_PHOTOS = {"ktp-exif-sideways", "ktp-batik-tilt"}
ROUND5_FORWARDED = {"skpwni-wa-landscape"}


def test_round5_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    from pathlib import Path

    from PIL import Image
    from PIL.JpegImagePlugin import JpegImageFile

    import tools.docgen.variety_round5 as round5

    here = Path(round5.__file__).parent
    older_sources = "".join(
        (here / name).read_text()
        for name in (
            "render.py",
            "variety.py",
            "variety_more.py",
            "variety_round3.py",
            "variety_round4.py",
            "photographed.py",
        )
    )
    source = Path(round5.__file__).read_text()
    assert set(ROUND5_MARKERS) >= ROUND5_CLEAN_FAILS | ROUND5_DEGRADED_FAILS
    for kind, layouts in LAYOUTS.items():
        older = render_variety(kind, OLDER_OF_KIND[kind], 1, SEED)[0]
        for layout in set(ROUND5_MARKERS) & set(layouts):
            doc = render_variety(kind, layout, 1, SEED)[0]
            assert doc.kind == kind and doc.layout == layout
            assert set(doc.fields) == set(older.fields), layout
            assert all(set(m) == set(older.members[0]) for m in doc.members), layout
            assert len(doc.members) == len(older.members), layout  # same seed, same family
            marker = ROUND5_MARKERS[layout]
            assert marker in source and marker not in older_sources, layout
            if layout in ROUND5_PHOTOS:  # a phone's colour photo at a phone's resolution
                assert doc.image.mode == "RGB" and min(doc.image.size) >= 1500, layout
            elif layout in ROUND5_FORWARDED:  # a messenger's copy: 1280 px long side, JPEG quality 40-60
                sent = Image.open(io.BytesIO(_png(doc)))
                assert isinstance(sent, JpegImageFile) and max(sent.size) == 1280, layout
                assert 12 <= sent.quantization[0][0] <= 21, layout  # luminance DC step: q60 13 .. q40 20
            else:
                assert doc.image.mode == "L" and doc.upload is None, layout
    assert {kind for kind, layouts in LAYOUTS.items() for name in layouts if name in ROUND5_MARKERS} == set(
        LAYOUTS
    )


ROUND_SOURCES = (
    "variety_more.py",
    "variety_round3.py",
    "variety_round4.py",
    "variety_round5.py",
    "variety_round6.py",
    "variety_round7.py",
    "variety_round8.py",
    "variety_round9.py",
    "variety_round10.py",
    "variety_round11.py",
    "variety_round12.py",
    "variety_round13.py",
    "variety_round14.py",
    "variety_round15.py",
    "variety_round16.py",
    "variety_round17.py",
    "variety_round18.py",
    "variety_round19.py",
)


def _check_round(
    module: str,
    markers: dict[str, str],
    failing: set[str],
    file_check: Callable[[str, RenderedDocument], None],
    quoting: frozenset[str] = frozenset(),
    partial: frozenset[str] = frozenset(),
) -> None:
    """A blind round's layouts: two per type, each renders its type's truth for the same family as the older
    layouts, its marker is in its own source and in no older one, and its file is what it models. `partial`:
    layouts whose truth is part of the type's (a screen cut off at its edges, an old form without a column)."""
    from pathlib import Path

    import tools.docgen

    here = Path(tools.docgen.__file__).parent
    older = ("render.py", "variety.py", "photographed.py", *ROUND_SOURCES[: ROUND_SOURCES.index(module)])
    older_sources = "".join((here / name).read_text() for name in older)
    source = (here / module).read_text()
    assert set(markers) >= failing
    for kind, layouts in LAYOUTS.items():
        first = render_variety(kind, OLDER_OF_KIND[kind], 1, SEED)[0]
        mine = set(markers) & set(layouts)
        assert len(mine) == 2, kind  # two per type
        for layout in mine:
            doc = render_variety(kind, layout, 1, SEED)[0]
            assert doc.kind == kind and doc.layout == layout
            # A birth certificate issued before the NIK (a 2000s regency blanko) prints none; the Dinas's letter
            # in place of a card prints no validity.
            older_form = set(first.fields) - {"nik"} if kind == "akta" else set(first.fields)
            letter = set(first.fields) - {"valid_until"} if kind == "ktp" else set(first.fields)
            # The digital ID's screen shows no place or date of issue (as `ktp-digital`).
            screen = set(first.fields) - {"issue_place", "issue_date"} if kind == "ktp" else set(first.fields)
            # A village office's letter about a resident prints no blood type, validity or card issue.
            village = set(first.fields) - {"blood_type", "valid_until", "issue_place", "issue_date"}
            village = village if kind == "ktp" else set(first.fields)
            # A terminal's or a database's printout of the card's data: no validity, no card issue.
            printout = set(first.fields) - {"valid_until", "issue_place", "issue_date"}
            printout = printout if kind == "ktp" else set(first.fields)
            # A family's form filled in boxes (F-1.01) prints the card's issue date on some prints only.
            form = set(first.fields) - {"issue_date"} if kind == "kk" else set(first.fields)
            allowed = (set(first.fields), older_form, letter, screen, village, printout, form)
            if layout in quoting:  # a letter or a chat quoting some of the card's fields: who it is at least
                assert {"nik", "name", "birth_date"} <= set(doc.fields) <= set(first.fields), layout
            elif layout in partial:
                assert set(doc.fields) <= set(first.fields), layout
            else:
                assert set(doc.fields) in allowed, layout
            if layout in partial:
                assert all(set(m) <= set(first.members[0]) for m in doc.members), layout
            else:
                assert all(set(m) == set(first.members[0]) for m in doc.members), layout
            assert len(doc.members) == len(first.members), layout  # same seed, same family
            marker = markers[layout]
            assert marker in source and marker not in older_sources, layout
            file_check(layout, doc)


# Round 6: per layout, text only its source has (no older layout's source has it); for the scenes, the
# scene's own code (the collage, the lamp, the app's threshold).
ROUND6_MARKERS = {
    "kk-pdf-tte": "/BaseFont /Helvetica",
    "kk-kolase-dua-foto": "_collage",
    "akta-tulisan-tangan": "Dikutip dari Register Akta Kelahiran",
    "akta-malam-kuning": "tungsten",
    "ktp-ikd-gelap": "Data Pribadi",
    "ktp-scanner-app": "adaptiveThreshold",
    "skpwni-kotak-huruf": "CombForm",
    "skpwni-tabel-uraian": "data kepindahan sebagai berikut",
}
ROUND6_PHOTOS = {"kk-kolase-dua-foto", "akta-malam-kuning"}
ROUND6_PAPER = {"akta-tulisan-tangan", "skpwni-kotak-huruf"}


def _round6_file_is_what_it_models(layout: str, doc: RenderedDocument) -> None:
    """Each page is the kind of file it models: a PDF, a collage's or a scanner app's JPEG, a screenshot."""
    from PIL import Image
    from PIL.JpegImagePlugin import JpegImageFile

    if layout == "kk-pdf-tte":  # a one-page A4 landscape PDF whose text is text, drawn as `image` shows
        import pypdfium2 as pdfium

        assert doc.upload is not None and doc.upload.startswith(b"%PDF-")
        pdf = pdfium.PdfDocument(doc.upload)
        assert len(pdf) == 1 and pdf[0].get_size() == (842, 595)
        assert doc.fields["number"] in pdf[0].get_textpage().get_text_range()
        assert doc.image.size == (2339, 1653) and doc.image.mode == "L"
        pdf.close()
        return
    if layout == "ktp-ikd-gelap":  # a phone's PNG screenshot, dark theme: most of the screen near black
        assert doc.upload is None and doc.image.mode == "RGB" and doc.image.size == (1080, 2400)
        assert sum(doc.image.convert("L").histogram()[:60]) > 1080 * 1200
        return
    if layout in ROUND6_PAPER:
        assert doc.image.mode == "L" and doc.upload is None, layout
        return
    if layout in ROUND6_PHOTOS:  # a phone's colour photo at a phone's resolution
        assert doc.image.mode == "RGB" and min(doc.image.size) >= 1500, layout
    assert layout in ROUND6_PHOTOS or doc.upload is not None, layout
    if doc.upload is not None:  # the app's JPEG is the upload, decoded it is the image
        sent = Image.open(io.BytesIO(doc.upload))
        assert isinstance(sent, JpegImageFile) and sent.size == doc.image.size, layout
    if layout == "ktp-scanner-app":  # black and white: hardly a pixel in between (JPEG edges only)
        grey = doc.image.convert("L").histogram()
        assert sum(grey[48:208]) < 0.06 * sum(grey), layout
    if layout == "skpwni-tabel-uraian":  # scanned at 150 dpi: A4 is 1240 px wide
        assert doc.image.mode == "L" and doc.image.width == 1240, layout


def test_round6_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round6.py",
        ROUND6_MARKERS,
        ROUND6_CLEAN_FAILS | ROUND6_DEGRADED_FAILS,
        _round6_file_is_what_it_models,
    )


# Round 7: per layout, text only its source has (no older layout's source has it); for the scenes and prints, the
# code that makes them (the turned photo, the fold, the streak, the webcam, the guilloche border).
ROUND7_MARKERS = {
    "kk-sel-sempit": "Lembar III : Desa/Kelurahan",
    "kk-potret-tanpa-exif": "np.rot90",
    "akta-garuda-hijau": "_guilloche_border",
    "akta-lipat-empat": "_fold_in_four",
    "ktp-kabur-gerak": "_motion_kernel",
    "ktp-webcam-480": "def _webcam(",
    "skpwni-blok-singkat": "Kd. Pos",
    "skpwni-surat-desa": "menerangkan dengan sebenarnya",
}
ROUND7_PHOTOS = {"kk-potret-tanpa-exif", "ktp-kabur-gerak", "skpwni-surat-desa"}


def _round7_file_is_what_it_models(layout: str, doc: RenderedDocument) -> None:
    """Each page is the kind of file it models: a colour scan, a phone photo, a webcam frame, a grey copy."""
    import numpy as np
    from PIL import Image
    from PIL.JpegImagePlugin import JpegImageFile

    if layout == "akta-lipat-empat":  # a grey photocopy; the vertical crease a dark column near the middle
        assert doc.image.mode == "L" and doc.upload is None
        cols = np.asarray(doc.image, np.float32).mean(axis=0)
        w = len(cols)
        assert cols[int(0.45 * w) : int(0.55 * w)].min() < np.median(cols) - 25
        return
    assert doc.image.mode == "RGB", layout
    if layout in ROUND7_PHOTOS:  # a phone's colour photo at a phone's resolution
        assert min(doc.image.size) >= 1500, layout
    if layout == "kk-potret-tanpa-exif":  # the phone upright: a portrait frame, and no tag to turn it
        assert doc.image.height > doc.image.width and not doc.image.getexif()
    if doc.upload is not None:  # the scanner's or camera's JPEG is the upload; decoded, it is the image
        sent = Image.open(io.BytesIO(doc.upload))
        assert isinstance(sent, JpegImageFile) and sent.size == doc.image.size, layout
    else:
        assert layout in ROUND7_PHOTOS, layout
    rgb = np.asarray(doc.image, np.float32)
    if layout == "ktp-webcam-480":
        assert doc.image.size == (640, 480)
    if layout == "kk-sel-sempit":  # composite black short of cyan: the print is red-brown, not grey
        ink = rgb[rgb.mean(axis=2) < 150]
        assert len(ink) > 1000 and (ink[:, 0] - ink[:, 1]).mean() > 30
    if layout == "akta-garuda-hijau":  # the guilloche border is green and gold: green over red in the band
        band = rgb[70:130, 200:-200].reshape(-1, 3)
        assert (band[:, 1] - band[:, 0]).mean() > 4 and (band[:, 1] - band[:, 2]).mean() > 4
    if layout == "skpwni-blok-singkat":  # the blue stamp: pixels far bluer than red
        assert int(((rgb[..., 2] - rgb[..., 0]) > 50).sum()) > 2000


def test_round7_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round7.py",
        ROUND7_MARKERS,
        ROUND7_CLEAN_FAILS | ROUND7_DEGRADED_FAILS,
        _round7_file_is_what_it_models,
    )


# Round 8: per layout, code or text only its source has (no older layout's source has it).
ROUND8_MARKERS = {
    "kk-lipat-tiga": "def _fold_photo(",
    "kk-toner-hemat": "def _toner_save(",
    "akta-terjemahan-tersumpah": "a sworn translator by virtue of the Decree",
    "akta-laminasi": "def _laminated(",
    "ktp-swafoto": "def _hand_quad(",
    "ktp-dompet": "def _window_film(",
    "skpwni-coretan": "def _mistype(",
    "skpwni-cetak-browser": "def _browser_page(",
}
ROUND8_PHOTOS = {"kk-lipat-tiga", "akta-laminasi", "ktp-swafoto", "ktp-dompet"}


def _round8_file_is_what_it_models(layout: str, doc: RenderedDocument) -> None:
    """A forwarded photo, a grey scan, colour scans and photos, a scanner app's JPEG: each as it is uploaded."""
    from PIL import Image
    from PIL.JpegImagePlugin import JpegImageFile

    if layout == "kk-toner-hemat":  # a grey flatbed scan
        assert doc.image.mode == "L", layout
    else:
        assert doc.image.mode == "RGB", layout
    if layout in ROUND8_PHOTOS:
        assert min(doc.image.size) >= 1080, layout
    if layout == "kk-lipat-tiga":  # forwarded by WhatsApp: 1600 px on the long side
        assert max(doc.image.size) == 1600, layout
    if layout == "akta-terjemahan-tersumpah":  # two A4 sheets side by side on an A3 flatbed
        assert doc.image.width > 1.3 * doc.image.height, layout
    if doc.upload is not None:  # the JPEG is the upload; decoded, it is the image
        sent = Image.open(io.BytesIO(doc.upload))
        assert isinstance(sent, JpegImageFile) and sent.size == doc.image.size, layout
    else:
        assert layout in {"akta-laminasi", "ktp-dompet"}, layout


def test_round8_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round8.py",
        ROUND8_MARKERS,
        ROUND8_CLEAN_FAILS | ROUND8_DEGRADED_FAILS,
        _round8_file_is_what_it_models,
    )


# Round 9: per layout, code only its source has (no older layout's source has it).
ROUND9_MARKERS = {
    "kk-dipegang": "def _bent_sheet(",
    "kk-layar-laptop": "def _screen_photo(",
    "akta-pindai-pdf": "def _mfp_scan(",
    "akta-bekas-banjir": "def _flooded(",
    "ktp-fotokopi-bolak-balik": "def _halftone(",
    "ktp-tangkapan-wa": "def ktp_tangkapan_wa(",
    "skpwni-faks": "def skpwni_faks(",
    "skpwni-pangkuan": "def _lap(",
}
ROUND9_PDFS = {"akta-pindai-pdf", "skpwni-faks"}  # an office MFP's scan to PDF, a fax-to-email PDF


def _round9_file_is_what_it_models(layout: str, doc: RenderedDocument) -> None:
    """Scans and faxes as PDFs of one page, photos and the copy as JPEGs, the screenshot as the phone saves it."""
    from PIL import Image

    if doc.upload is None:  # a screenshot saved as PNG: the image is the file
        assert layout == "ktp-tangkapan-wa" and doc.image.size[1] > doc.image.size[0], layout
        return
    if layout in ROUND9_PDFS:
        import pypdfium2 as pdfium

        assert doc.upload.startswith(b"%PDF-"), layout
        pdf = pdfium.PdfDocument(doc.upload)
        assert len(pdf) == 1, layout
        pdf.close()
        return
    sent = Image.open(io.BytesIO(doc.upload))
    assert sent.format in ({"PNG", "JPEG"} if layout == "ktp-tangkapan-wa" else {"JPEG"}), layout
    assert sent.size == doc.image.size, layout


def test_round9_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round9.py",
        ROUND9_MARKERS,
        ROUND9_CLEAN_FAILS | ROUND9_DEGRADED_FAILS,
        _round9_file_is_what_it_models,
    )


# Round 10: per layout, code only its source has (no older layout's source has it).
ROUND10_MARKERS = {
    "kk-folio-potret": "def kk_folio_potret(",
    "kk-siak-web": "def _web_table(",
    "akta-glosa-kolom": "def akta_glosa_kolom(",
    "akta-titik-penuntun": "def akta_titik_penuntun(",
    "ktp-pindai-datar": "def ktp_pindai_datar(",
    "ktp-suket": "def ktp_suket(",
    "skpwni-dua-halaman": "def skpwni_dua_halaman(",
    "skpwni-kode-wilayah": "def skpwni_kode_wilayah(",
}


def _round10_file_is_what_it_models(layout: str, doc: RenderedDocument) -> None:
    """Typeset pages: the grey page is the file, as for the first rounds."""
    assert doc.upload is None and doc.image.mode == "L", layout


def test_round10_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round10.py",
        ROUND10_MARKERS,
        ROUND10_CLEAN_FAILS | ROUND10_DEGRADED_FAILS,
        _round10_file_is_what_it_models,
    )


def test_round7_motion_streak_is_one_straight_stroke_of_its_length() -> None:
    """The blur kernel keeps the light (sums to 1) and spreads it along its angle only: a horizontal streak
    lies in one row pair, `length` pixels long."""
    import random

    import numpy as np

    from tools.docgen.variety_round7 import _motion_kernel

    kernel = _motion_kernel(12, 0.0, random.Random(1))
    assert abs(float(kernel.sum()) - 1.0) < 1e-5
    rows = np.nonzero(kernel.sum(axis=1) > 1e-3)[0]
    cols = np.nonzero(kernel.sum(axis=0) > 1e-3)[0]
    assert len(rows) <= 2 and 11 <= cols.max() - cols.min() + 1 <= 14
    upright = _motion_kernel(12, 90.0, random.Random(1))
    assert len(np.nonzero(upright.sum(axis=0) > 1e-3)[0]) <= 2


def test_round6_mixed_case_values_are_upper_case_in_the_truth() -> None:
    """The night-photo akta prints its values in mixed case; its truth is the extractor's upper case, and the
    page's wording is the mixed case ("Laki-laki"), never the upper case it is scored against."""
    from tools.docgen.variety_round6 import _mixed

    doc = render_variety("akta", "akta-malam-kuning", 1, SEED)[0]
    assert (
        doc.fields["sex"] in ("LAKI-LAKI", "PEREMPUAN") and doc.fields["name"] == doc.fields["name"].upper()
    )
    assert _mixed("LAKI-LAKI") == "Laki-laki" and _mixed("BAYU SANTOSO, S.E.") == "Bayu Santoso, S.E."


def test_the_sideways_photo_is_stored_landscape_and_turned_upright_by_its_exif_tag() -> None:
    from PIL import Image, ImageOps

    doc = render_variety("ktp", "ktp-exif-sideways", 1, SEED)[0]
    assert doc.upload is not None
    stored = Image.open(io.BytesIO(doc.upload))
    assert stored.format == "JPEG" and stored.getexif().get(0x0112) in (6, 8)
    assert (
        stored.width > stored.height and doc.image.height > doc.image.width
    )  # pixels sideways, view upright
    shown = ImageOps.exif_transpose(stored).convert("RGB")
    assert shown.size == doc.image.size and shown.tobytes() == doc.image.tobytes()


def test_extractor_has_no_layout_knowledge() -> None:
    """The extractor must not know the generator's layouts: no layout ids, no imports from the generator."""
    from pathlib import Path

    import ektp.ocr

    names = [name for layouts in LAYOUTS.values() for name in layouts]
    for path in Path(ektp.ocr.__file__).parent.glob("*.py"):
        source = path.read_text()
        assert "tools.docgen" not in source, path
        assert not [n for n in names if n in source], path


def test_a_bold_nik_misread_at_card_size_is_read_again_larger() -> None:
    """The IKD's bold NIK on this page is read `...0703930023` (8 as 3): it fails its date check, and the
    larger reading that passes replaces it."""
    doc = render_variety("ktp", "ktp-digital", 1, 20261203)[0]
    result = extract_document(_png(doc), declared_type="ktp")
    assert result.fields["nik"].value == doc.fields["nik"]


def test_issue_place_two_lines_above_its_date_and_checked_against_the_regency() -> None:
    """The card's place of issue is printed small under the photo, level with a row two lines above the
    date, and read with a lost glyph (`4INAHASA TENGGARA`): the card's regency explains it."""
    doc = render_variety("ktp", "ktp-card-serif", 3, 20261203)[2]
    result = extract_document(_png(doc), declared_type="ktp")
    assert result.fields["issue_place"].value == doc.fields["issue_place"] == "MINAHASA TENGGARA"
    assert result.fields["issue_date"].value == doc.fields["issue_date"]


# Round 11: per layout, code only its source has (no older layout's source has it).
ROUND11_MARKERS = {
    "kk-ttd-elektronik": "def kk_ttd_elektronik(",
    "kk-biodata-anggota": "def kk_biodata_anggota(",
    "akta-register-salinan": "def akta_register_salinan(",
    "akta-pelapor-saksi": "def akta_pelapor_saksi(",
    "ktp-ikd-layar": "def ktp_ikd_layar(",
    "ktp-biodata-siak": "def ktp_biodata_siak(",
    "skpwni-tabel-mendatar": "def skpwni_tabel_mendatar(",
    "skpwni-surat-dinas": "def skpwni_surat_dinas(",
}


def test_round11_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round11.py",
        ROUND11_MARKERS,
        ROUND11_CLEAN_FAILS | ROUND11_DEGRADED_FAILS,
        _round10_file_is_what_it_models,  # typeset pages too: the grey page is the file
    )


# Round 12: per layout, code only its source has (no older layout's source has it).
ROUND12_MARKERS = {
    "kk-kepala-tabel": "def kk_kepala_tabel(",
    "kk-baris-ganda": "def kk_baris_ganda(",
    "akta-nama-di-depan": "def akta_nama_di_depan(",
    "akta-dwibahasa-sejajar": "def akta_dwibahasa_sejajar(",
    "ktp-pembaca-chip": "def ktp_pembaca_chip(",
    "ktp-suket-desa": "def ktp_suket_desa(",
    "skpwni-tanya-jawab": "def skpwni_tanya_jawab(",
    "skpwni-panel-samping": "def skpwni_panel_samping(",
}


def test_round12_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round12.py",
        ROUND12_MARKERS,
        ROUND12_CLEAN_FAILS | ROUND12_DEGRADED_FAILS,
        _round10_file_is_what_it_models,  # typeset pages too: the grey page is the file
    )


# Round 13: per layout, code only its source has (no older layout's source has it).
ROUND13_MARKERS = {
    "kk-lajur-anggota": "def kk_lajur_anggota(",
    "kk-tiga-tabel": "def kk_tiga_tabel(",
    "akta-keterangan-bawah": "def akta_keterangan_bawah(",
    "akta-kolom-orang": "def akta_kolom_orang(",
    "ktp-struk-termal": "def ktp_struk_termal(",
    "ktp-kunci-nilai": "def ktp_kunci_nilai(",
    "skpwni-label-tengah": "def skpwni_label_tengah(",
    "skpwni-baris-padat": "def skpwni_baris_padat(",
}


def test_round13_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round13.py",
        ROUND13_MARKERS,
        ROUND13_CLEAN_FAILS | ROUND13_DEGRADED_FAILS,
        _round10_file_is_what_it_models,  # typeset pages too: the grey page is the file
    )


# Round 14: per layout, code only its source has (no older layout's source has it).
ROUND14_MARKERS = {
    "kk-kotak-karakter": "def kk_kotak_karakter(",
    "kk-berkas-fotokopi": "def kk_berkas_fotokopi(",
    "akta-hasil-pencarian": "def akta_hasil_pencarian(",
    "akta-kotak-pelaporan": "def akta_kotak_pelaporan(",
    "ktp-kyc-web": "def ktp_kyc_web(",
    "ktp-salinan-berulang": "def ktp_salinan_berulang(",
    "skpwni-status-aplikasi": "def skpwni_status_aplikasi(",
    "skpwni-sobekan": "def skpwni_sobekan(",
}


def test_round14_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round14.py",
        ROUND14_MARKERS,
        ROUND14_CLEAN_FAILS | ROUND14_DEGRADED_FAILS,
        _round10_file_is_what_it_models,  # typeset pages and screenshots: the grey page is the file
    )


# Round 15: per layout, code only its source has (no older layout's source has it).
ROUND15_MARKERS = {
    "kk-kertas-kontinu": "def kk_kertas_kontinu(",
    "kk-lembar-kerja": "def kk_lembar_kerja(",
    "akta-tulisan-halus": "def akta_tulisan_halus(",
    "akta-map-terbuka": "def akta_map_terbuka(",
    "ktp-domisili-prosa": "def ktp_domisili_prosa(",
    "ktp-panggilan-video": "def ktp_panggilan_video(",
    "skpwni-isian-tangan": "def skpwni_isian_tangan(",
    "skpwni-faks-sampul": "def skpwni_faks_sampul(",
}


def _round15_file_is_what_it_models(layout: str, doc: RenderedDocument) -> None:
    """Screenshots, scans and forms filled by hand: the page itself is the file, grey or in colour."""
    assert doc.upload is None and doc.image.mode in ("L", "RGB"), layout


def test_round15_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round15.py",
        ROUND15_MARKERS,
        ROUND15_CLEAN_FAILS | ROUND15_DEGRADED_FAILS,
        _round15_file_is_what_it_models,
    )


# Round 16: per layout, code only its source has (no older layout's source has it).
ROUND16_MARKERS = {
    "kk-susunan-prosa": "def kk_susunan_prosa(",
    "kk-aplikasi-keluarga": "def kk_aplikasi_keluarga(",
    "akta-catatan-pinggir": "def akta_catatan_pinggir(",
    "akta-verifikasi-qr": "def akta_verifikasi_qr(",
    "ktp-obrolan-data": "def ktp_obrolan_data(",
    "ktp-surat-kuasa": "def ktp_surat_kuasa(",
    "skpwni-halaman-terbalik": "def skpwni_halaman_terbalik(",
    "skpwni-tab-aplikasi": "def skpwni_tab_aplikasi(",
}


def test_round16_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round16.py",
        ROUND16_MARKERS,
        ROUND16_CLEAN_FAILS | ROUND16_DEGRADED_FAILS,
        _round15_file_is_what_it_models,  # screenshots and scans: the page itself is the file
        quoting=frozenset(("ktp-obrolan-data", "ktp-surat-kuasa")),
    )


# Round 17: per layout, code only its source has (no older layout's source has it).
ROUND17_MARKERS = {
    "kk-judul-tegak": "def kk_judul_tegak(",
    "kk-surel-dinas": "def kk_surel_dinas(",
    "akta-kuasa-notaris": "def akta_kuasa_notaris(",
    "akta-formulir-sekolah": "def akta_formulir_sekolah(",
    "ktp-laporan-verifikasi": "def ktp_laporan_verifikasi(",
    "ktp-catatan-buku-tulis": "def ktp_catatan_buku_tulis(",
    "skpwni-rekap-mutasi": "def skpwni_rekap_mutasi(",
    "skpwni-surel-notifikasi": "def skpwni_surel_notifikasi(",
}


def test_round17_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round17.py",
        ROUND17_MARKERS,
        ROUND17_CLEAN_FAILS | ROUND17_DEGRADED_FAILS,
        _round15_file_is_what_it_models,  # screenshots, scans and photos: the page itself is the file
        # a deed quoting the person, an e-KYC report and a notebook copying some of the card's fields
        quoting=frozenset(("akta-kuasa-notaris", "ktp-laporan-verifikasi", "ktp-catatan-buku-tulis")),
    )


# Round 18: per layout, code only its source has (no older layout's source has it).
ROUND18_MARKERS = {
    "kk-map-plastik": "def kk_map_plastik(",
    "kk-cetak-perkecil": "def kk_cetak_perkecil(",
    "akta-baris-berpasangan": "def akta_baris_berpasangan(",
    "akta-frasa-centang": "def akta_frasa_centang(",
    "ktp-pudar-tergores": "def ktp_pudar_tergores(",
    "ktp-di-atas-kk": "def ktp_di_atas_kk(",
    "skpwni-lampu-meja": "def skpwni_lampu_meja(",
    "skpwni-tembus-balik": "def skpwni_tembus_balik(",
}


def test_round18_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round18.py",
        ROUND18_MARKERS,
        ROUND18_CLEAN_FAILS | ROUND18_DEGRADED_FAILS,
        _round15_file_is_what_it_models,  # photos and scans of the official documents: the page is the file
    )


# Round 19: per layout, code only its source has (no older layout's source has it).
ROUND19_MARKERS = {
    "kk-lama-melengkung": "def kk_lama_melengkung(",
    "kk-zoom-ponsel": "def kk_zoom_ponsel(",
    "akta-ketik-stbld": "def akta_ketik_stbld(",
    "akta-blanko-geser": "def akta_blanko_geser(",
    "ktp-pindai-tutup-terbuka": "def ktp_pindai_tutup_terbuka(",
    "ktp-genggam-silau": "def ktp_genggam_silau(",
    "skpwni-tujuan-di-atas": "def skpwni_tujuan_di_atas(",
    "skpwni-tte-abu": "def skpwni_tte_abu(",
}


def test_round19_layouts_render_the_truth_of_their_type_and_differ_from_the_older_ones() -> None:
    _check_round(
        "variety_round19.py",
        ROUND19_MARKERS,
        ROUND19_CLEAN_FAILS | ROUND19_DEGRADED_FAILS,
        _round15_file_is_what_it_models,  # photos, scans and a screenshot of the official documents
        # the e-KK zoomed on a phone's screen (the fields beyond its edges), the old KK (no marriage date)
        partial=frozenset(("kk-zoom-ponsel", "kk-lama-melengkung")),
    )
