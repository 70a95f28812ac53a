"""Bad input gets one clear reason and no exception: blank pages, other photos, broken or hostile files."""

from __future__ import annotations

import io
import zipfile

import cv2
import numpy as np
import pytest
from PIL import Image

from ektp.ocr import OcrEngineError, extract_document
from ektp.ocr.engine import OcrPage
from ektp.ocr.pdf import rasterise
from ektp.ocr.preprocess import decode_image
from ektp.ocr.screen import SCREEN_PEAK_RATIO, screen_evidence
from ektp.ocr.settings import OcrSettings
from ektp.ocr.tesseract import TesseractEngine
from tools.docgen import RenderedDocument, degrade
from tools.docgen.photographed import photograph_screen, photographed_cards
from tools.docgen.variety import render_variety


def codes(data: bytes, **kw: object) -> list[str]:
    return [r.code for r in extract_document(data, **kw).reasons]  # type: ignore[arg-type]


def jpeg(arr: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".jpg", arr)
    assert ok
    return buf.tobytes()


class CountingEngine:
    """Wraps Tesseract and counts calls: a rejected file must not reach the engine at all. With
    `read=False` it counts without reading (an empty page): for tests where only the count matters, since
    Tesseract on a 4000-pixel moiré photo can take most of its 30 s timeout on a loaded machine."""

    name = "counting"

    def __init__(self, read: bool = True) -> None:
        self.calls = 0
        self.inner = TesseractEngine() if read else None

    def recognize(self, image: np.ndarray) -> OcrPage:
        self.calls += 1
        if self.inner is None:
            return OcrPage(width=image.shape[1], height=image.shape[0], words=[])
        return self.inner.recognize(image)


def pdf_of(images: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    """A minimal PDF whose trailer names a Standard security handler (RC4, revision 2) with a user password:
    readers must ask for the password (the /U entry does not match the empty password)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        b"ab" * 16,
        b"ab" * 16,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_blank_page_and_blank_pdf() -> None:
    assert codes(jpeg(np.full((1400, 1000), 240, np.uint8))) == ["DOCUMENT_BLANK"]
    assert codes(pdf_of([Image.new("L", (800, 1100), 255)])) == ["DOCUMENT_BLANK"]


def test_photo_of_something_else() -> None:
    rng = np.random.default_rng(7)
    scene = cv2.GaussianBlur(rng.integers(0, 255, (900, 1200), dtype=np.uint8), (0, 0), 6)
    cv2.circle(scene, (600, 450), 200, 30, -1)
    assert codes(jpeg(scene)) == ["DOCUMENT_UNREADABLE"]
    result = extract_document(jpeg(scene), declared_type="kk")
    assert result.declared_type_matches is False
    assert [r.code for r in result.reasons] == ["DOCUMENT_UNREADABLE"]


def test_text_that_is_no_known_document() -> None:
    page = Image.new("L", (1400, 1000), 250)
    from PIL import ImageDraw

    from tools.docgen.render import font

    draw = ImageDraw.Draw(page)
    for i, line in enumerate(
        [
            "DAFTAR BELANJA MINGGUAN",
            "Beras lima kilogram",
            "Minyak goreng dua liter",
            "Telur ayam satu kilogram",
            "Gula pasir dan kopi bubuk",
            "Sabun cuci piring",
        ]
    ):
        draw.text((100, 100 + 90 * i), line, font=font(40), fill=0)
    buf = io.BytesIO()
    page.save(buf, format="PNG")
    assert codes(buf.getvalue()) == ["DOCUMENT_NOT_RECOGNISED"]
    wrong = extract_document(buf.getvalue(), declared_type="akta")
    assert wrong.declared_type_matches is False and wrong.reasons[0].code == "DOCUMENT_WRONG_TYPE"


def test_encrypted_corrupt_and_renamed_files() -> None:
    engine = CountingEngine()
    assert codes(encrypted_pdf(), engine=engine) == ["PDF_ENCRYPTED"]
    assert codes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", engine=engine) == ["PDF_CORRUPT"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("kk.jpg", b"not really")
    assert codes(buf.getvalue(), engine=engine) == ["UPLOAD_TYPE_MISMATCH"]  # a zip renamed to .pdf
    assert codes(b"\xff\xd8\xff\xe0 truncated jpeg", engine=engine) == ["IMAGE_UNREADABLE"]
    assert codes(b"", engine=engine) == ["UPLOAD_EMPTY"]
    assert engine.calls == 0


def test_200_page_pdf_is_refused_unread() -> None:
    engine = CountingEngine()
    pages = [Image.new("L", (60, 80), 255) for _ in range(200)]
    result = extract_document(pdf_of(pages), engine=engine)
    assert [r.code for r in result.reasons] == ["PDF_TOO_MANY_PAGES"]
    assert result.reasons[0].measured == 200 and result.pages == 200
    assert engine.calls == 0


def test_pdf_document_is_read(documents: dict[str, list[RenderedDocument]]) -> None:
    doc = documents["ktp"][0]
    pdf = pdf_of([doc.image.convert("RGB")])
    raster = rasterise(pdf, max_pages=10, read_pages=2, dpi=150)
    assert raster.count == 1 and raster.images[0].ndim == 2
    result = extract_document(pdf)
    assert result.document_type == "ktp" and result.pages == 1
    assert result.fields["nik"].value == doc.fields["nik"]


def test_engine_failure_is_an_exception_not_a_reason(documents: dict[str, list[RenderedDocument]]) -> None:
    # Infrastructure (binary missing) should fail loudly so the platform retries; documents never do.
    buf = io.BytesIO()
    documents["akta"][0].image.save(buf, format="PNG")
    with pytest.raises(OcrEngineError):
        extract_document(buf.getvalue(), engine=TesseractEngine(binary="/nonexistent/tesseract"))


def _pages() -> list[RenderedDocument]:
    from tools.docgen import generate_documents

    return [
        *generate_documents("ktp", 2, 313),
        *generate_documents("kk", 2, 313),
        *render_variety("akta", "akta-kutipan", 2, 313),
        *render_variety("ktp", "ktp-card-serif", 2, 313),
    ]


def test_a_photo_of_a_screen_is_refused_unread() -> None:
    """The page shown on a screen and photographed: its pixel grid (or the grid's moiré) is found and the
    page refused before any engine reads it (a screen shows whatever was put on it, not the document)."""
    engine = CountingEngine(read=False)
    caught = 0
    pages = _pages()
    for i, doc in enumerate(pages):
        before = engine.calls
        result = extract_document(photograph_screen(doc.image, 900 + i), engine=engine, second=engine)
        if [r.code for r in result.reasons] == ["DOCUMENT_SCREEN_PHOTO"]:
            caught += 1
            assert result.reasons[0].threshold == round(SCREEN_PEAK_RATIO)
            assert engine.calls == before  # refused unread
    assert caught >= len(pages) - 1  # the camera's scale can fold the grid to where it is not measured


def test_paper_is_not_taken_for_a_screen() -> None:
    """The calibration's other side: clean pages, scans, phone photos of pages and of cards on a guilloche
    all stay well under the threshold (measured at most 59 when it was set at 80)."""
    settings = OcrSettings()
    pages = _pages()
    photos = [c.data for c in photographed_cards(6, 414)]
    for i, doc in enumerate(pages):
        buf = io.BytesIO()
        doc.image.save(buf, format="PNG")
        photos += [buf.getvalue(), degrade(doc.image, i, photo=True), degrade(doc.image, i, photo=False)]
    ratios = [screen_evidence(decode_image(data, settings)).peak_ratio for data in photos]
    assert max(ratios) < 0.9 * SCREEN_PEAK_RATIO, ratios


def test_a_photocopy_of_a_cards_halftone_on_white_paper_is_not_a_screen() -> None:
    """A KTP copied front and back on one A4 sheet (round 9's ktp-fotokopi-bolak-balik): the copier's halftone
    in the cards' grey tint repeats at a display's pitch, but only on the cards; the white sheet around them
    shows no grid. Before: four of these seeds' degraded copies measured 103-260 and were refused as screens."""
    settings = OcrSettings()
    for seed in (20261203, 5151, 1, 3):
        doc = render_variety("ktp", "ktp-fotokopi-bolak-balik", 1, seed)[0]
        assert doc.upload is not None
        for data in (doc.upload, degrade(doc.image, seed)):
            assert screen_evidence(decode_image(data, settings)).peak_ratio < SCREEN_PEAK_RATIO, seed


@pytest.mark.parametrize(("kind", "layout"), [("ktp", "ktp-salinan-berulang"), ("kk", "kk-berkas-fotokopi")])
def test_a_sheet_of_halftone_copies_is_not_a_screen(kind: str, layout: str) -> None:
    """A copy shop's sheet of a card copied several times, or a KK's copy with the cards' copies under it:
    the copier's halftone stands in two of the central tiles, or in three and more when six copies fill the
    sheet (seeds 791 and 795), but never in the white paper between the copies. Before: refused as a photo of a
    screen (round 14's pages at both its seeds, 108-156 times the band; seeds 791 and 795 until session 30)."""
    settings = OcrSettings()
    for seed in (20261203, 5151, 1, 2, 3, 791, 795):
        doc = render_variety(kind, layout, 1, seed)[0]
        for data in (_png_bytes(doc.image), degrade(doc.image, seed)):
            assert not screen_evidence(decode_image(data, settings)).is_screen, seed


@pytest.mark.xfail(
    strict=True,
    reason="open (issue 18): the grid asked of three lit tiles (so a sheet of halftone copies is no screen) lets a "
    "screen photo through whose grid shows in two tiles only, the rest of the frame out of focus",
)
def test_a_screen_photo_focused_on_its_near_side_only_is_refused() -> None:
    """A phone tilted to a monitor, focused on its near side: the right 60% of the frame defocused (a
    reviewer's case, session 23). Refused when the grid was asked of two tiles; no measure found yet tells
    these two tiles from a halftone copy's two (their sharpness, angle and brightness overlap)."""
    from tools.docgen import generate_documents

    settings = OcrSettings()
    for i, doc in enumerate(generate_documents("ktp", 3, 4242)):
        grey = decode_image(photograph_screen(doc.image, 900 + i), settings).astype(np.float32)
        width = grey.shape[1]
        ramp = np.clip((np.arange(width) - 0.36 * width) / (0.08 * width), 0, 1)[None, :]
        tilted = grey * (1 - ramp) + cv2.GaussianBlur(grey, (0, 0), 2.5) * ramp
        assert screen_evidence(np.clip(tilted, 0, 255).astype(np.uint8)).is_screen, i


def _png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.xfail(
    strict=True,
    reason="open (issue 18): a laptop screen photographed from a metre folds its grid into colour moire at long "
    "periods, which the 2-7 px band does not measure; round 9's kk-layar-laptop is read as paper",
)
def test_a_photo_of_a_laptop_screen_whose_grid_folds_into_moire_is_refused() -> None:
    settings = OcrSettings()
    for seed in (20261203, 5151, 1):
        doc = render_variety("kk", "kk-layar-laptop", 1, seed)[0]
        assert doc.upload is not None
        assert screen_evidence(decode_image(doc.upload, settings)).is_screen, seed


PAGE = (1654, 2339)  # A4 at 200 dpi


def _form_page(paper: tuple[int, int, int] = (255, 255, 255), rows: int = 18) -> Image.Image:
    """An A4 page at 200 dpi of a form's text (labels, colons, values, the paper showing between the rows)
    on paper of the given colour."""
    from PIL import ImageDraw

    from tools.docgen.render import font

    page = Image.new("RGB", PAGE, paper)
    draw = ImageDraw.Draw(page)
    draw.text((430, 120), "SURAT KETERANGAN PINDAH WNI", font=font(52, bold=True), fill=(0, 0, 0))
    labels = ("Nomor KK", "Nama Kepala Keluarga", "Alamat", "RT / RW", "Desa / Kelurahan", "Kecamatan")
    for i in range(rows):
        y = 300 + 105 * i
        draw.text((120, y), f"{i + 1}. {labels[i % len(labels)]}", font=font(34), fill=(0, 0, 0))
        draw.text((740, y), f": 3525{i:02d}0712 SUKOREJO", font=font(34), fill=(0, 0, 0))
    return page


def _crosshatch(size: tuple[int, int], pitch: int, angle: float) -> np.ndarray:
    """Security paper's light crosshatch: thin lines `pitch` pixels apart both ways, turned by `angle`, as
    the share of light each point lets through (1 on the paper, under 1 on a line)."""
    from PIL import ImageDraw

    w, h = size
    pattern = Image.new("L", (2 * w, 2 * h), 255)
    draw = ImageDraw.Draw(pattern)
    for x in range(0, 2 * w, pitch):
        draw.line([(x, 0), (x, 2 * h)], fill=200)
    for y in range(0, 2 * h, pitch):
        draw.line([(0, y), (2 * w, y)], fill=200)
    pattern = pattern.rotate(angle, resample=Image.Resampling.BICUBIC)
    return np.asarray(pattern.crop((w // 2, h // 2, w // 2 + w, h // 2 + h)), np.float32) / 255


def _printed_on(page: Image.Image, light: np.ndarray) -> Image.Image:
    """The page printed over a pattern: ink and pattern both take away light (multiply)."""
    arr = np.asarray(page, np.float32) * light[..., None]
    return Image.fromarray(arr.astype(np.uint8), "RGB")


def _encoded(page: Image.Image, kind: str) -> bytes:
    buf = io.BytesIO()
    if kind == "grey-png":
        page.convert("L").save(buf, format="PNG")
    else:  # a colour scan, JPEG as scanners and phones store it
        page.save(buf, format="JPEG", quality=88)
    return buf.getvalue()


@pytest.mark.parametrize(("pitch", "angle"), [(12, 30), (18, 45), (26, 0), (26, 45), (34, 15)])
def test_security_paper_crosshatch_is_not_a_screen(pitch: int, angle: float) -> None:
    """A document printed on security paper (a light-grey crosshatch of thin lines, here 12-34 px apart at
    200 dpi, under the text) is paper: its peaks at 2-7 px are the crosshatch's harmonics, each with its
    long-period fundamental standing beside it, where a display grid's fundamental is its pixel pitch. The
    old rule refused such a page as a screen photo (up to 3,323 times the band for 12 px lines at 30 degrees).
    Grey and colour (cream paper) scans, as stored, and a degraded scan of them."""
    settings = OcrSettings()
    light = _crosshatch(PAGE, pitch, angle)
    photos: list[bytes] = []
    for paper in ((255, 255, 255), (250, 244, 226)):
        printed = _printed_on(_form_page(paper), light)
        photos += [_encoded(printed, "grey-png"), _encoded(printed, "colour-jpeg")]
        photos.append(degrade(printed, pitch, photo=False))
    ratios = [screen_evidence(decode_image(data, settings)).peak_ratio for data in photos]
    assert max(ratios) < 0.9 * SCREEN_PEAK_RATIO, ratios


def test_security_paper_is_read_not_refused() -> None:
    """Through the pipeline: the crosshatch page reaches the engine (the resident can get past it)."""
    engine = CountingEngine(read=False)
    printed = _printed_on(_form_page(), _crosshatch(PAGE, 12, 30))
    result = extract_document(_encoded(printed, "colour-jpeg"), engine=engine, second=engine)
    assert "DOCUMENT_SCREEN_PHOTO" not in [r.code for r in result.reasons]
    assert engine.calls > 0


def test_guilloche_background_is_not_a_screen() -> None:
    """A page printed over a guilloche (interlaced fine sine waves in a light colour, as certificates and
    security paper carry) is not a screen's grid."""
    w, h = PAGE
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = np.ones((h, w), np.float32)
    for i in range(0, h, 9):  # wave lines 9 px apart, two families crossing
        for phase, amp in ((0.0, 14.0), (np.pi, 11.0)):
            curve = i + amp * np.sin(xx[0] / 37.0 + phase + i / 50.0)
            light -= 0.25 * np.exp(-(((yy - curve[None, :]) / 0.8) ** 2))
    light = np.clip(light, 0.6, 1.0)
    tint = np.stack([light, 0.5 + 0.5 * light, light], axis=-1)  # a green guilloche
    page = np.asarray(_form_page(), np.float32) * tint
    printed = Image.fromarray(page.astype(np.uint8), "RGB")
    settings = OcrSettings()
    photos = [
        _encoded(printed, "colour-jpeg"),
        _encoded(printed, "grey-png"),
        degrade(printed, 5, photo=False),
    ]
    ratios = [screen_evidence(decode_image(data, settings)).peak_ratio for data in photos]
    assert max(ratios) < 0.9 * SCREEN_PEAK_RATIO, ratios


def _diagonal_crosshatch(size: tuple[int, int], step: int) -> np.ndarray:
    """A crosshatch drawn straight onto the pixels (as a printer rasterises it and a scanner at the same
    resolution reads it back): 1-px lines at +45 and -45 degrees, `step` pixels apart along a row. Its lines
    stay sharp, so its spectrum is a two-way lattice of harmonics out to the finest periods."""
    from PIL import ImageDraw

    w, h = size
    pattern = Image.new("L", size, 255)
    draw = ImageDraw.Draw(pattern)
    for x in range(-h, w + h, step):
        draw.line([(x, 0), (x + h, h)], fill=215)
        draw.line([(x, 0), (x - h, h)], fill=215)
    return np.asarray(pattern, np.float32) / 255


@pytest.mark.parametrize("step", [20, 26])
def test_pixel_sharp_diagonal_crosshatch_is_not_a_screen(step: int) -> None:
    """Most peaks of a sharp two-way crosshatch are whole-number combinations of its two line directions'
    long-period peaks, with no fraction of their own on their line (the (4, 3) harmonic): such a lattice
    point is print too. The comb rule alone left 2,866 times the band on such a page. The form fills the
    top of the page; the pattern alone shows below it."""
    settings = OcrSettings()
    printed = _printed_on(_form_page(rows=6), _diagonal_crosshatch(PAGE, step))
    photos = [
        _encoded(printed, "grey-png"),
        _encoded(printed, "colour-jpeg"),
        degrade(printed, step, photo=False),
    ]
    ratios = [screen_evidence(decode_image(data, settings)).peak_ratio for data in photos]
    assert max(ratios) < 0.9 * SCREEN_PEAK_RATIO, ratios


def test_an_image_longer_than_a_page_is_refused_with_its_reason_unread() -> None:
    # Review of session 16: an 800 x 33,000 px strip passed the pixel limit (26 MP) and OpenCV raised inside the
    # pipeline after about a minute (its warps refuse a side past 32,767). Refused from the header, unread.
    buf = io.BytesIO()
    Image.new("L", (800, 33_000), 255).save(buf, format="PNG")
    engine = CountingEngine(read=False)
    result = extract_document(buf.getvalue(), engine=engine, second=engine)
    assert [r.code for r in result.reasons] == ["IMAGE_TOO_LONG"]
    assert result.reasons[0].message_en and result.reasons[0].message_id
    assert engine.calls == 0
    # Guard: a long page of a real size (A4 at 600 dpi, 7,016 px) is not refused for its length.
    tall = io.BytesIO()
    Image.new("L", (600, 7_016), 255).save(tall, format="PNG")
    assert "IMAGE_TOO_LONG" not in [r.code for r in extract_document(tall.getvalue(), engine=engine).reasons]


def test_a_strip_under_the_side_limit_is_refused_with_its_reason_unread() -> None:
    # Review of session 17: 300 x 19,000 px is under the side limit, but the skew estimate scales the page to
    # 600 px wide (38,000 px tall) and OpenCV raised after about 80 s. No page is 63 times as tall as wide.
    buf = io.BytesIO()
    Image.new("L", (300, 19_000), 255).save(buf, format="PNG")
    engine = CountingEngine(read=False)
    result = extract_document(buf.getvalue(), engine=engine, second=engine)
    assert [r.code for r in result.reasons] == ["IMAGE_TOO_LONG"] and engine.calls == 0
