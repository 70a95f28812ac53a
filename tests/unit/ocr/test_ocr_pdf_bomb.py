"""A PDF whose forms invoke each other ten times a level (3.5 KB, 8 levels: 88 s in pdfium) is refused
before pdfium opens a page: the page's resource graph is walked first and its work counted."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

import pypdfium2 as pdfium
import pytest
from PIL import Image

from ektp.domain.reasons import CATALOGUE
from ektp.ocr import extract_document
from ektp.ocr import pdf as pdf_module
from ektp.ocr.engine import OcrPage
from ektp.ocr.pdf import PdfProblem, rasterise

Obj = tuple[int, bytes]


class NoEngine:
    """Counts reads: a refused file must never reach an engine."""

    name = "none"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: object) -> OcrPage:
        self.calls += 1
        return OcrPage(width=1, height=1, words=[])


@pytest.fixture
def pages_opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Every page pdfium loads (loading parses the forms: 13 s at 7 levels, before any rendering)."""
    opened: list[int] = []
    original = pdfium.PdfDocument.get_page

    def counting(self: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        opened.append(index)
        return original(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "get_page", counting)
    yield opened


def stream(head: bytes, content: bytes, *, flate: bool = False) -> bytes:
    if flate:
        content = zlib.compress(content)
        head += b" /Filter /FlateDecode"
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (head, len(content), content)


def file_body(objs: list[Obj]) -> tuple[bytearray, dict[int, int]]:
    """The header and the objects, with where each begins."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num, body in objs:
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    return out, offsets


def pdf_file(objs: list[Obj], *, lying_xref: bool = False) -> bytes:
    """Objects 1..n in order, a classic xref (or one whose offsets all point at nothing: pdfium repairs it)."""
    out, offsets = file_body(objs)
    xref = len(out)
    size = max(offsets) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        out += b"%010d 00000 n \n" % (7 if lying_xref else offsets.get(i, 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def page_objs(page_resources: bytes, content: bytes, *, flate: bool = False) -> list[Obj]:
    return [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R %s >>" % page_resources),
        (4, stream(b"", content, flate=flate)),
    ]


def nested_forms(levels: int, fan: int, *, first: int = 5, flate: bool = False) -> list[Obj]:
    """Form `first + i` draws form `first + i + 1` `fan` times; the last draws a square."""
    forms = []
    for level in range(levels):
        num = first + level
        if level == levels - 1:
            content, res = b"0 0 1 1 re f", b""
        else:
            content = b" ".join(b"q 1 0 0 1 %d 0 cm /X Do Q" % (i % 2) for i in range(fan))
            res = b"/Resources << /XObject << /X %d 0 R >> >>" % (num + 1)
        forms.append(
            (num, stream(b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] " + res, content, flate=flate))
        )
    return forms


def form_bomb(levels: int = 7, fan: int = 10, **kw: bool) -> bytes:
    return pdf_file(
        page_objs(b"/Resources << /XObject << /X 5 0 R >> >>", b"/X Do") + nested_forms(levels, fan), **kw
    )


def refused(data: bytes) -> PdfProblem:
    with pytest.raises(PdfProblem) as caught:
        rasterise(data, max_pages=10, read_pages=2, dpi=200)
    return caught.value


def test_nested_form_bomb_is_refused_before_a_page_is_opened(pages_opened: list[int]) -> None:
    data = form_bomb(levels=7, fan=10)
    assert len(data) < 4000
    assert refused(data).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []
    engine = NoEngine()
    assert [r.code for r in extract_document(data, engine=engine).reasons] == ["PDF_TOO_COMPLEX"]
    assert engine.calls == 0 and pages_opened == []
    assert CATALOGUE["PDF_TOO_COMPLEX"].message_en and CATALOGUE["PDF_TOO_COMPLEX"].message_id


def test_deep_but_narrow_nesting_is_refused(pages_opened: list[int]) -> None:
    # Each level once: little work, but no document nests forms 30 deep (pdfium recurses per level), and a
    # chain of thousands must not exhaust the walk's own recursion.
    assert refused(form_bomb(levels=30, fan=1)).code == "PDF_TOO_COMPLEX"
    assert refused(form_bomb(levels=3000, fan=1)).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []


def test_forms_that_invoke_each_other_in_a_loop_end_the_walk(pages_opened: list[int]) -> None:
    loop = [
        (
            5,
            stream(
                b"/Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /B 6 0 R >> >>", b"/B Do " * 10
            ),
        ),
        (
            6,
            stream(
                b"/Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /A 5 0 R >> >>", b"/A Do " * 10
            ),
        ),
    ]
    data = pdf_file(page_objs(b"/Resources << /XObject << /A 5 0 R >> >>", b"/A Do") + loop)
    assert refused(data).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []


def test_bomb_compressed_behind_an_inherited_resource_and_a_lying_xref(pages_opened: list[int]) -> None:
    # Contents deflated, the page's resources inherited from its parent through an indirect dictionary, and an
    # xref whose every offset is wrong (pdfium repairs it by scanning for objects, and so must the walk).
    objs = [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources 20 0 R >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents [4 0 R] >>"),
        (4, stream(b"", b"q /Fm#31 Do Q", flate=True)),
        *nested_forms(7, 10, first=5, flate=True),
        (20, b"<< /XObject 21 0 R >>"),
        (21, b"<< /Fm1 5 0 R >>"),
    ]
    assert refused(pdf_file(objs, lying_xref=True)).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []


def test_bomb_inside_an_object_stream(pages_opened: list[int]) -> None:
    # The page and its resource dictionaries compressed in an object stream (PDF 1.5), as modern writers do.
    inner = [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources 30 0 R >>"),
        (30, b"<< /XObject << /X 5 0 R >> >>"),
    ]
    bodies = [body for _, body in inner]
    header = b""
    offset = 0
    for (num, _), body in zip(inner, bodies, strict=True):
        header += b"%d %d " % (num, offset)
        offset += len(body) + 1
    packed = header + b"\n".join(bodies)
    objstm = stream(b"/Type /ObjStm /N %d /First %d" % (len(inner), len(header)), packed, flate=True)
    objs = [(4, stream(b"", b"/X Do")), *nested_forms(7, 10), (40, objstm)]
    # A cross-reference stream naming where each object lives (type 2: in the object stream).
    out, offsets = file_body(objs)
    rows = bytearray()
    size = 42
    for i in range(size):
        if i in offsets:
            rows += bytes([1]) + offsets[i].to_bytes(4, "big") + bytes([0])
        elif i in dict(inner):
            rows += bytes([2]) + (40).to_bytes(4, "big") + bytes([[n for n, _ in inner].index(i)])
        elif i == 41:
            rows += bytes([1]) + len(out).to_bytes(4, "big") + bytes([0])
        else:
            rows += bytes([0, 0, 0, 0, 0, 255])
    xref = len(out)
    out += b"41 0 obj\n%s\nendobj\n" % stream(
        b"/Type /XRef /Size %d /W [1 4 1] /Root 1 0 R" % size, bytes(rows), flate=True
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    assert refused(bytes(out)).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []


def test_a_form_the_walk_cannot_read_is_refused_not_skipped(pages_opened: list[int]) -> None:
    # pdfium is lenient with odd syntax in a dictionary; a form the walk could not read would go uncounted.
    forms = nested_forms(7, 10)
    forms[1] = (forms[1][0], forms[1][1].replace(b"/BBox", b"/Odd {1 2} /BBox"))
    data = pdf_file(page_objs(b"/Resources << /XObject << /X 5 0 R >> >>", b"/X Do") + forms)
    assert refused(data).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []


def test_one_huge_image_drawn_many_times_is_refused(pages_opened: list[int]) -> None:
    image = stream(
        b"/Type /XObject /Subtype /Image /Width 8000 /Height 8000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode",
        b"\xff\xd8\xff\xd9",
    )
    data = pdf_file([*page_objs(b"/Resources << /XObject << /Im0 5 0 R >> >>", b"/Im0 Do " * 20), (5, image)])
    assert refused(data).code == "PDF_TOO_COMPLEX"
    assert pages_opened == []


def test_scans_and_generated_documents_still_read(pages_opened: list[int]) -> None:
    # A scan: one image per page (as PIL and scanner software write it), several pages.
    pages = [Image.new("L", (850, 1100), 255) for _ in range(3)]
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=100)
    raster = rasterise(buf.getvalue(), max_pages=10, read_pages=2, dpi=150)
    assert raster.count == 3 and len(raster.images) == 2
    assert all(abs(image.shape[0] - 1650) <= 1 and image.shape[1] == 1275 for image in raster.images)
    assert raster.images[0].min() == 255
    # A generated form: a few forms nested a few levels (letterhead, table, logo), each drawn a few times.
    generated = pdf_file(
        page_objs(
            b"/Resources << /XObject << /X 5 0 R >> >>", b"q /X Do Q\nq 1 0 0 1 0 400 cm /X Do Q", flate=True
        )
        + nested_forms(4, 3, flate=True)
    )
    raster = rasterise(generated, max_pages=10, read_pages=2, dpi=72)
    assert raster.count == 1 and raster.images[0].shape == (800, 600)
    assert raster.images[0].min() == 0  # the squares were drawn


def test_a_page_the_walk_lets_through_is_still_stopped_while_rendering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Defence in depth: were the walk to miss a costly construct, the render runs in a child process that is
    # killed at the cap (here a tenth of a second; 13 s of page loading otherwise).
    monkeypatch.setattr(pdf_module, "check_drawing_cost", lambda data: None)
    monkeypatch.setattr(pdf_module, "RENDER_SECONDS", 0.1)
    problem = refused(form_bomb(levels=7, fan=10))
    assert problem.code == "PDF_TOO_COMPLEX" and "rendering" in str(problem)
