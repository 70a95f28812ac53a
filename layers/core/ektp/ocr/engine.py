"""The OCR engine port: a page image in, positioned words with confidences out."""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

GreyImage = npt.NDArray[np.uint8]


class OcrWord(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    confidence: float  # 0..1
    left: int
    top: int
    width: int
    height: int
    line: int  # engine's line id: words of one printed line share it

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


class OcrPage(BaseModel):
    width: int
    height: int
    words: list[OcrWord]


class OcrEngine(Protocol):
    """An engine may also declare `reads_grey = True` (read by the pipeline with getattr): it is given the
    grey page (light flattened, deskewed, scaled) instead of the binarised one, and no second look."""

    name: str

    def recognize(self, image: GreyImage) -> OcrPage:
        """Read one preprocessed page (8-bit grey, dark text on white)."""
        ...


class OcrEngineError(Exception):
    """The engine itself failed (binary missing, timeout, service error): infrastructure, not the document."""
