"""Amazon Textract adapter (OCR_ENGINE=textract): DetectDocumentText on the preprocessed page.

The only module of the OCR package that touches boto3. Textract has no Indonesian-specific model but reads
Latin script; geometry comes back as page ratios and is mapped to pixels so the same parsers apply.
"""

from __future__ import annotations

from typing import Any

import cv2

from ektp.ocr.engine import GreyImage, OcrEngineError, OcrPage, OcrWord


class TextractEngine:
    name = "textract"

    def __init__(self, client: Any | None = None, region: str | None = None) -> None:
        if client is None:
            import boto3

            # Textract is not offered in every region (not in ap-southeast-3, Jakarta, at the time of writing):
            # the region is explicit so that sending documents abroad is a visible configuration choice.
            client = boto3.client("textract", region_name=region)
        self.client = client

    def recognize(self, image: GreyImage) -> OcrPage:
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise OcrEngineError("could not encode the page for textract")
        try:
            response = self.client.detect_document_text(Document={"Bytes": png.tobytes()})
        except Exception as exc:  # botocore errors: infrastructure, reported as such
            raise OcrEngineError(f"textract failed: {exc}") from exc
        return blocks_to_page(response.get("Blocks", []), image.shape[1], image.shape[0])


def blocks_to_page(blocks: list[dict[str, Any]], width: int, height: int) -> OcrPage:
    """Map Textract WORD blocks to OcrWords; each word's line is the LINE block that lists it as a child."""
    line_of: dict[str, int] = {}
    line_no = 0
    for block in blocks:
        if block.get("BlockType") == "LINE":
            line_no += 1
            for rel in block.get("Relationships", []):
                if rel.get("Type") == "CHILD":
                    for child in rel.get("Ids", []):
                        line_of[child] = line_no
    words: list[OcrWord] = []
    for block in blocks:
        if block.get("BlockType") != "WORD" or not block.get("Text"):
            continue
        box = block.get("Geometry", {}).get("BoundingBox", {})
        words.append(
            OcrWord(
                text=str(block["Text"]),
                confidence=float(block.get("Confidence", 0.0)) / 100.0,
                left=round(float(box.get("Left", 0.0)) * width),
                top=round(float(box.get("Top", 0.0)) * height),
                width=round(float(box.get("Width", 0.0)) * width),
                height=round(float(box.get("Height", 0.0)) * height),
                line=line_of.get(str(block.get("Id", "")), 0),
            )
        )
    return OcrPage(width=width, height=height, words=words)
