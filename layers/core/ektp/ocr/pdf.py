"""PDF input: count pages, refuse encrypted/corrupt/oversized files, rasterise the first pages (pypdfium2)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ektp.ocr.engine import GreyImage


@dataclass
class PdfPages:
    count: int
    images: list[GreyImage]


class PdfProblem(Exception):
    def __init__(self, code: str, detail: str, pages: int = 0) -> None:
        super().__init__(detail)
        self.code = code
        self.pages = pages


def rasterise(data: bytes, *, max_pages: int, read_pages: int, dpi: int) -> PdfPages:
    import pypdfium2 as pdfium

    # A PDF ends with %%EOF (incremental updates too). PDFium repairs a file cut short and ignores anything
    # appended after the end (an HTML page, a ZIP: a polyglot): refuse both before it reads anything.
    if not data.rstrip(b"\x00\t\n\r\f ").endswith(b"%%EOF"):
        raise PdfProblem("PDF_CORRUPT", "no %%EOF at the end: cut short, or data appended after the PDF")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise PdfProblem("PDF_ENCRYPTED", str(exc)) from exc
        raise PdfProblem("PDF_CORRUPT", str(exc)) from exc
    try:
        count = len(doc)
        if count == 0:
            raise PdfProblem("PDF_CORRUPT", "no pages")
        if count > max_pages:
            raise PdfProblem("PDF_TOO_MANY_PAGES", f"{count} pages", pages=count)
        images: list[GreyImage] = []
        for index in range(min(count, read_pages)):
            page = doc[index]
            try:
                width, height = page.get_size()
                # A page of absurd size would rasterise to gigapixels: cap the longer side.
                scale = min(dpi / 72.0, 5000.0 / max(width, height, 1.0))
                bitmap = page.render(scale=scale, grayscale=True)
                arr = np.array(bitmap.to_numpy(), dtype=np.uint8)
                if arr.ndim == 3:
                    arr = arr[..., 0]
                images.append(arr)
            except pdfium.PdfiumError as exc:
                raise PdfProblem("PDF_CORRUPT", str(exc), pages=count) from exc
            finally:
                page.close()
        return PdfPages(count=count, images=images)
    finally:
        doc.close()
