"""A PDF opened without a password but encrypted under an owner password (printing or editing restricted,
as e-documents often are) is a real document: it is read, not refused. Its streams cannot be walked for their
drawing cost, so it renders under a tighter cap, and a form bomb inside one is still stopped."""

from __future__ import annotations

import hashlib
import struct

import numpy as np
import pytest

from ektp.ocr import pdf as pdf_module
from ektp.ocr.pdf import PdfProblem, rasterise

# The standard security handler's padding string (PDF 32000-1, 7.6.3.3).
PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
FILE_ID = bytes(range(16))
PERMISSIONS = -3904  # printing and copying withheld


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def restricted_pdf(objects: list[tuple[int, bytes, bytes | None]], owner: bytes = b"dinas") -> bytes:
    """Objects (number, dictionary, stream or None) encrypted with RC4 40-bit (revision 2), empty user password."""
    owner_key = hashlib.md5((owner + PAD)[:32]).digest()[:5]
    o_entry = rc4(owner_key, PAD)
    file_key = hashlib.md5(PAD + o_entry + struct.pack("<i", PERMISSIONS) + FILE_ID).digest()[:5]
    u_entry = rc4(file_key, PAD)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num, head, body in objects:
        offsets[num] = len(out)
        if body is None:
            out += b"%d 0 obj\n%s\nendobj\n" % (num, head)
            continue
        key = hashlib.md5(file_key + struct.pack("<i", num)[:3] + b"\x00\x00").digest()[:10]
        sealed = rc4(key, body)
        out += b"%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
            num,
            head,
            len(sealed),
            sealed,
        )
    enc = max(offsets) + 1
    offsets[enc] = len(out)
    out += b"%d 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>\nendobj\n" % (
        enc,
        o_entry.hex().encode(),
        u_entry.hex().encode(),
        PERMISSIONS,
    )
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (enc + 1)
    for i in range(1, enc + 1):
        out += b"%010d 00000 n \n" % offsets[i]
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (
            enc + 1,
            enc,
            FILE_ID.hex().encode(),
            FILE_ID.hex().encode(),
            xref,
        )
    )
    return bytes(out)


def page(resources: bytes, content: bytes) -> list[tuple[int, bytes, bytes | None]]:
    return [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>", None),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", None),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R %s >>" % resources, None),
        (4, b"", content),
    ]


def test_a_pdf_restricted_by_an_owner_password_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # A black square drawn by the encrypted content stream: read, the square where the page puts it. (The cap is
    # raised so a loaded test machine cannot turn this into a timing test.)
    monkeypatch.setattr(pdf_module, "RESTRICTED_RENDER_SECONDS", 60.0)
    data = restricted_pdf(page(b"", b"0 0 0 rg 100 500 200 200 re f"))
    pages = rasterise(data, max_pages=10, read_pages=1, dpi=72)
    assert pages.count == 1
    grey = np.asarray(pages.images[0])
    assert grey[200, 200] < 64 and grey[700, 500] > 192  # inside the square (y from the top), paper outside


def test_a_form_bomb_inside_a_restricted_pdf_is_still_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    forms: list[tuple[int, bytes, bytes | None]] = []
    levels, fan = 7, 10
    for level in range(levels):
        num = 5 + level
        last = level == levels - 1
        content = b"0 0 1 1 re f" if last else b" ".join(b"q /X Do Q" for _ in range(fan))
        res = b"" if last else b"/Resources << /XObject << /X %d 0 R >> >>" % (num + 1)
        forms.append((num, b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] " + res, content))
    data = restricted_pdf(page(b"/Resources << /XObject << /X 5 0 R >> >>", b"/X Do") + forms)
    monkeypatch.setattr(pdf_module, "RESTRICTED_RENDER_SECONDS", 0.1)
    with pytest.raises(PdfProblem) as caught:
        rasterise(data, max_pages=10, read_pages=1, dpi=72)
    assert caught.value.code == "PDF_TOO_COMPLEX"
