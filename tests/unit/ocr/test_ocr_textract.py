"""The Textract adapter against moto.

moto's DetectDocumentText does not read the image: it returns `TextractBackend.BLOCKS`, a class attribute
tests set. So this tests the request the adapter sends and the mapping of a Textract response to OcrWords,
not Textract's reading.
"""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import numpy as np
import pytest
from moto import mock_aws
from moto.textract.models import TextractBackend

from ektp.ocr.textract import TextractEngine, blocks_to_page

BLOCKS = [
    {"BlockType": "PAGE", "Id": "p", "Geometry": {"BoundingBox": {"Left": 0, "Top": 0, "Width": 1, "Height": 1}}},
    {
        "BlockType": "LINE", "Id": "l1", "Text": "NIK : 3201015809750001", "Confidence": 98.0,
        "Relationships": [{"Type": "CHILD", "Ids": ["w1", "w2", "w3"]}],
    },
    {"BlockType": "WORD", "Id": "w1", "Text": "NIK", "Confidence": 99.0,
     "Geometry": {"BoundingBox": {"Left": 0.05, "Top": 0.10, "Width": 0.05, "Height": 0.04}}},
    {"BlockType": "WORD", "Id": "w2", "Text": ":", "Confidence": 90.0,
     "Geometry": {"BoundingBox": {"Left": 0.20, "Top": 0.10, "Width": 0.01, "Height": 0.04}}},
    {"BlockType": "WORD", "Id": "w3", "Text": "3201015809750001", "Confidence": 97.5,
     "Geometry": {"BoundingBox": {"Left": 0.25, "Top": 0.10, "Width": 0.30, "Height": 0.04}}},
    {
        "BlockType": "LINE", "Id": "l2", "Text": "Nama : BUDI", "Confidence": 95.0,
        "Relationships": [{"Type": "CHILD", "Ids": ["w4"]}],
    },
    {"BlockType": "WORD", "Id": "w4", "Text": "BUDI", "Confidence": 95.0,
     "Geometry": {"BoundingBox": {"Left": 0.25, "Top": 0.20, "Width": 0.10, "Height": 0.04}}},
]  # fmt: skip


@pytest.fixture
def canned_blocks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # moto (like botocore's endpoint list) has no Textract in ap-southeast-3: the adapter takes a region.
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.setenv("OCR_TEXTRACT_REGION", "ap-southeast-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setattr(TextractBackend, "BLOCKS", BLOCKS)
    with mock_aws():
        yield


def test_adapter_through_moto(canned_blocks: None) -> None:
    engine = TextractEngine(boto3.client("textract", region_name="ap-southeast-1"))
    page = engine.recognize(np.full((1000, 800), 255, np.uint8))
    assert (page.width, page.height) == (800, 1000)
    assert [w.text for w in page.words] == ["NIK", ":", "3201015809750001", "BUDI"]
    nik = page.words[2]
    assert (nik.left, nik.top, nik.width, nik.height) == (200, 100, 240, 40)
    assert nik.confidence == pytest.approx(0.975)
    assert page.words[0].line == page.words[2].line != page.words[3].line


def test_mapping_without_relationships_or_geometry() -> None:
    page = blocks_to_page(
        [{"BlockType": "WORD", "Id": "x", "Text": "A"}, {"BlockType": "WORD", "Id": "y"}], 100, 50
    )
    assert [(w.text, w.left, w.confidence, w.line) for w in page.words] == [("A", 0, 0.0, 0)]


def test_get_engine_selects_by_name(canned_blocks: None) -> None:
    from ektp.ocr import get_engine

    assert get_engine("textract").name == "textract"
    assert get_engine().name == "tesseract"
    with pytest.raises(ValueError):
        get_engine("paddle")
