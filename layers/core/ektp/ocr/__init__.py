"""Document OCR: KK, akta kelahiran, KTP, SKPWNI (and marriage certificates, classified only).

extract_document(data, declared_type=None, engine=None) -> OcrResult
get_engine("tesseract" | "textract") -> OcrEngine
"""

from ektp.ocr.engine import OcrEngine, OcrEngineError, OcrPage, OcrWord
from ektp.ocr.models import DOCUMENT_KINDS, DocumentKind, Field, OcrResult
from ektp.ocr.pipeline import extract_document, get_engine
from ektp.ocr.settings import OcrSettings

__all__ = [
    "DOCUMENT_KINDS",
    "DocumentKind",
    "Field",
    "OcrEngine",
    "OcrEngineError",
    "OcrPage",
    "OcrResult",
    "OcrSettings",
    "OcrWord",
    "extract_document",
    "get_engine",
]
