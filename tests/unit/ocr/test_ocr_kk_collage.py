"""A KK uploaded as a collage of two phone photos in one image (issue 18): the page photographed in two
overlapping pieces, each on a table at its own tilt, scale and perspective, the photos placed one above the
other or side by side with a collage app's white gutter. Read as it is, the rows are cut in two and the
member table is lost; joined (`ektp.ocr.panels`), every member is read, and a row both photos show is
counted once.

The collages are made here with PIL from a generated KK page, as a collage app makes them; the pages are
read by the real Tesseract."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ektp.ocr import extract_document
from ektp.ocr.engine import GreyImage
from ektp.ocr.panels import find_collage, joined_page, seam_candidates
from tools.docgen import RenderedDocument, generate_documents

SEED = 4242


@pytest.fixture(scope="module")
def kk_pages() -> list[RenderedDocument]:
    return generate_documents("kk", 2, SEED)


def _perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """PIL's PERSPECTIVE coefficients taking each output point `dst` to the input point `src`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return [float(c) for c in np.linalg.solve(np.array(rows, float), np.array(rhs, float))]


def _photo(piece: Image.Image, angle: float, scale: float, ground: int, far_side: float = 0.0) -> Image.Image:
    """A piece of paper photographed on a table: scaled, its far side seen shorter (perspective), turned,
    on a grained table of the shade `ground`."""
    piece = piece.convert("RGB")
    piece = piece.resize((int(piece.size[0] * scale), int(piece.size[1] * scale)), Image.Resampling.LANCZOS)
    w, h = piece.size
    mask = Image.new("L", piece.size, 255)
    if far_side:
        d = far_side * h
        coeffs = _perspective([(0, 0), (w, 0), (w, h), (0, h)], [(0, 0), (w, d), (w, h - d), (0, h)])
        piece = piece.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
        mask = mask.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.NEAREST)
    piece = piece.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    mask = mask.rotate(angle, expand=True, resample=Image.Resampling.NEAREST)
    pad = int(0.08 * max(piece.size))
    out = Image.new("RGB", (piece.size[0] + 2 * pad, piece.size[1] + 2 * pad), (ground,) * 3)
    draw = ImageDraw.Draw(out)
    for y in range(0, out.size[1], 23):  # the table's grain
        draw.line([(0, y), (out.size[0], y + 9)], fill=(ground - 12,) * 3, width=5)
    out.paste(piece, (pad, pad), mask)
    return out


def _collage(photos: list[Image.Image], *, above: bool, gutter: int = 20) -> Image.Image:
    """The photos one above the other (or side by side), brought to one width (height), a white gutter
    around each, as a collage app lays them out."""
    if above:
        width = max(p.size[0] for p in photos)
        photos = [p.resize((width, int(p.size[1] * width / p.size[0]))) for p in photos]
        size = (width + 2 * gutter, sum(p.size[1] for p in photos) + gutter * (len(photos) + 1))
    else:
        height = max(p.size[1] for p in photos)
        photos = [p.resize((int(p.size[0] * height / p.size[1]), height)) for p in photos]
        size = (sum(p.size[0] for p in photos) + gutter * (len(photos) + 1), height + 2 * gutter)
    out = Image.new("RGB", size, "white")
    at = gutter
    for p in photos:
        out.paste(p, (gutter, at) if above else (at, gutter))
        at += (p.size[1] if above else p.size[0]) + gutter
    return out


def _jpeg(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=88)
    return buf.getvalue()


def _grey(image: Image.Image) -> GreyImage:
    return np.asarray(image.convert("L"), np.uint8)


def _halves(page: Image.Image, across: bool) -> tuple[Image.Image, Image.Image]:
    """The page's left and right (or top and bottom) parts, overlapping by a fifth of it."""
    w, h = page.size
    if across:
        return page.crop((0, 0, int(0.62 * w), h)), page.crop((int(0.40 * w), 0, w, h))
    return page.crop((0, 0, w, int(0.66 * h))), page.crop((0, int(0.45 * h), w, h))


COLLAGES = {
    # The page's left and right halves, one photo above the other, in reading order.
    "left-right": lambda left, right: _collage(
        [_photo(left, 4, 0.9, 110, 0.03), _photo(right, -3, 0.9, 70, 0.02)], above=True
    ),
    # The right half first, photographed from farther (smaller), tilted the other way.
    "right-half-first-smaller": lambda left, right: _collage(
        [_photo(right, -5, 0.65, 90), _photo(left, 2, 1.0, 120, 0.04)], above=True
    ),
}


def _assert_members_once(doc: RenderedDocument, data: bytes) -> None:
    result = extract_document(data)
    assert "collage:2" in result.preprocess
    assert result.fields["number"].value == doc.fields["number"]
    # Each member read once, in the page's order: rows both photos show are not counted twice.
    assert [m["nik"].value if "nik" in m else None for m in result.members] == [m["nik"] for m in doc.members]
    assert [m["name"].value if "name" in m else None for m in result.members] == [
        m["name"] for m in doc.members
    ]


@pytest.mark.parametrize("layout", sorted(COLLAGES))
def test_a_kk_photographed_in_two_halves_reads_every_member_once(
    kk_pages: list[RenderedDocument], layout: str
) -> None:
    doc = kk_pages[0]
    left, right = _halves(doc.image, across=True)
    _assert_members_once(doc, _jpeg(COLLAGES[layout](left, right)))


def test_a_kk_in_top_and_bottom_halves_side_by_side_reads_every_member_once(
    kk_pages: list[RenderedDocument],
) -> None:
    """The member table cut across its rows: the rows in the strip both photos show are in both."""
    doc = kk_pages[1]
    top, bottom = _halves(doc.image, across=False)
    collage = _collage([_photo(top, 3, 0.8, 100, 0.02), _photo(bottom, -2, 0.7, 60, 0.03)], above=False)
    _assert_members_once(doc, _jpeg(collage))


# --- guards: what is no collage of one page is left as it is ------------------------------------------------


def test_a_one_photo_kk_is_no_collage(kk_pages: list[RenderedDocument]) -> None:
    """A KK photographed whole, and its scan: no seam is matched (the table's long rules are no seam)."""
    doc = kk_pages[0]
    assert joined_page(_grey(_photo(doc.image, 3, 0.9, 90, 0.03))) is None
    assert joined_page(_grey(doc.image)) is None


def test_two_different_pages_in_one_collage_are_not_joined(kk_pages: list[RenderedDocument]) -> None:
    """Two families' KKs photographed into one collage: a seam is there, and the form's labels and rules
    match, one page onto the other; but neither photo adds to the other's page, so they are not joined."""
    first, second = kk_pages
    collage = _collage([_photo(first.image, 3, 0.9, 110), _photo(second.image, -2, 0.9, 70)], above=True)
    grey = _grey(collage)
    assert seam_candidates(grey)  # the gutter is found ...
    assert joined_page(grey) is None  # ... and refused: the photos are no two parts of one page


def test_the_seam_is_found_on_a_collage_scanned_turned(kk_pages: list[RenderedDocument]) -> None:
    """A collage printed and scanned again a few degrees turned: its seam is still one straight line across."""
    left, right = _halves(kk_pages[0].image, across=True)
    collage = COLLAGES["left-right"](left, right)
    turned = np.asarray(collage.convert("L").rotate(4, expand=True, fillcolor=230), np.uint8)
    match = find_collage(turned)
    assert match is not None
    joined = joined_page(turned)
    assert joined is not None
    # The joined page is one page: about as wide as the page's two halves less what they share.
    assert joined.shape[1] > 1.3 * max(cv2.boundingRect(match.shared_first.astype(np.float32))[2], 1)
