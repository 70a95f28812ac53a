"""KTP-el cards photographed by a phone (tools.docgen.photographed): the card is found and seen square on
before either engine reads it, the second engine reads it, and the better-validated reading is kept."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from ektp.ocr import OcrEngineError, extract_document
from ektp.ocr.engine import GreyImage, OcrPage
from ektp.ocr.preprocess import ID1_ASPECT, decode_colour, decode_image, find_card, preprocess
from ektp.ocr.settings import OcrSettings
from ektp.ocr.tesseract import TesseractEngine
from tools.docgen.photographed import PhotographedCard, photograph, photographed_cards
from tools.docgen.score import field_matches

SEED = 5151


@pytest.fixture(scope="module")
def cards() -> list[PhotographedCard]:
    return photographed_cards(4, SEED)


def test_the_generator_is_fixed_by_its_seed_and_looks_like_a_phone_photo(
    cards: list[PhotographedCard],
) -> None:
    again = photograph(cards[0].doc.image, SEED * 1000)
    assert again[0] == cards[0].data
    for card in cards:
        photo = Image.open(io.BytesIO(card.data))
        assert photo.format == "JPEG" and photo.mode == "RGB"
        corners = np.array(card.params.corners)
        xs, ys = corners[:, 0], corners[:, 1]
        w, h = photo.size
        # On the table, not filling the frame, and not square to it.
        assert xs.min() > 0 and ys.min() > 0 and xs.max() < w and ys.max() < h
        assert (xs.max() - xs.min()) * (ys.max() - ys.min()) < 0.9 * w * h
    assert {c.doc.layout for c in cards} == {"standard", "ktp-card-serif"}
    assert len({c.params.blur for c in cards}) > 1 or len({c.params.rotation_deg for c in cards}) > 1


def test_the_card_is_found_and_rectified_to_id1(cards: list[PhotographedCard]) -> None:
    settings = OcrSettings()
    for card in cards:
        grey = decode_image(card.data, settings)
        found = find_card(grey, decode_colour(card.data))
        assert found is not None
        truth = np.array(card.params.corners)
        width = np.linalg.norm(truth[1] - truth[0])
        # Each corner within 3% of the card's width of where the generator put it.
        assert np.abs(found - truth).max() < 0.03 * width
        prepared = preprocess(grey, settings, decode_colour(card.data))
        assert prepared.card and "card-warped" in prepared.notes
        h, w = prepared.image.shape
        assert w / h == pytest.approx(ID1_ASPECT, rel=0.02)


def test_a_scan_is_not_taken_for_a_photographed_card(cards: list[PhotographedCard]) -> None:
    page = np.full((1400, 1000), 250, np.uint8)  # a whole-page scan: nothing lies on a table
    page[200:260, 100:900] = 20
    assert find_card(page) is None
    for card in cards[:2]:  # a scan of the card itself, either way up: its photo box is no card
        scan = card.doc.image.convert("L")
        assert find_card(np.asarray(scan)) is None
        assert find_card(np.asarray(scan.rotate(180))) is None


def test_photographed_cards_are_read_with_the_nik_exact(cards: list[PhotographedCard]) -> None:
    exact = total = 0
    for card in cards:
        result = extract_document(card.data, declared_type="ktp")
        assert result.document_type == "ktp"
        matches = field_matches(card.doc, result)
        assert matches["nik"], (card.doc.fields["nik"], result.fields.get("nik"))
        exact += sum(matches.values())
        total += len(matches)
    assert exact / total >= 0.85


class _Counting:
    def __init__(self, inner: object, fail: bool = False) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", "counting")
        self.calls = 0
        self.fail = fail

    def recognize(self, image: GreyImage) -> OcrPage:
        self.calls += 1
        if self.fail:
            raise OcrEngineError("second engine down")
        return self.inner.recognize(image)  # type: ignore[attr-defined,no-any-return]


def test_a_clean_scan_read_well_needs_no_second_engine(cards: list[PhotographedCard]) -> None:
    from ektp.ocr import get_engine

    buf = io.BytesIO()
    cards[0].doc.image.save(buf, format="PNG")
    second = _Counting(get_engine("rapidocr"))
    result = extract_document(buf.getvalue(), second=second)
    assert result.fields["nik"].value == cards[0].doc.fields["nik"]
    assert second.calls == 0 and result.engine == "tesseract"


def test_a_photographed_card_is_read_by_both_and_survives_a_failing_second(
    cards: list[PhotographedCard],
) -> None:
    from ektp.ocr import get_engine

    second = _Counting(get_engine("rapidocr"))
    result = extract_document(cards[1].data, second=second)
    assert second.calls >= 1 and result.document_type == "ktp"
    assert any(note.startswith("engine:") for note in result.preprocess)
    # The second engine is an improvement, not a requirement: its failure leaves Tesseract's reading.
    down = _Counting(TesseractEngine(), fail=True)
    down.name = "rapidocr"
    fallback = extract_document(cards[1].data, second=down)
    assert down.calls >= 1 and fallback.engine == "tesseract" and fallback.document_type == "ktp"


# A4 pages photographed in perspective (issue 18): a page is 1.41 portrait and full of text lines, a card
# 1.59 landscape with a dozen; perspective can bring a page's side ratio near a card's, its text cannot.
PAGE_SEED = 20261203


def _photographed_page(kind: str, layout: str, index: int) -> tuple[object, bytes]:
    from tools.docgen.degrade import degrade
    from tools.docgen.variety import render_variety

    doc = render_variety(kind, layout, index + 1, PAGE_SEED)[index]
    return doc, degrade(doc.image, PAGE_SEED + index, photo=True)


@pytest.mark.parametrize(
    ("kind", "layout", "index"),
    [("skpwni", "skpwni-f103", 2), ("skpwni", "skpwni-sections", 2), ("kk", "kk-2018", 1)],
)
def test_a_page_photographed_in_perspective_is_not_taken_for_a_card(
    kind: str, layout: str, index: int
) -> None:
    doc, data = _photographed_page(kind, layout, index)
    prepared = preprocess(decode_image(data, OcrSettings()), OcrSettings(), decode_colour(data))
    assert not prepared.card and "card-warped" not in prepared.notes
    result = extract_document(data)
    assert result.document_type == kind
    matches = field_matches(doc, result)  # type: ignore[arg-type]
    assert sum(matches.values()) / len(matches) >= 0.85, [k for k, ok in matches.items() if not ok]


def test_an_upload_declared_as_a_page_is_never_cropped_to_a_card(cards: list[PhotographedCard]) -> None:
    # The declared type is known before preprocessing: only a KTP upload is looked at as a card.
    assert "card-warped" in extract_document(cards[0].data, declared_type="ktp").preprocess
    assert "card-warped" not in extract_document(cards[0].data, declared_type="skpwni").preprocess
