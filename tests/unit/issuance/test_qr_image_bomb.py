"""A QR image whose header declares more pixels than any photo of a screen is refused before it is decoded.

Attack (s12, failed on the code before the fix): both offline verifiers read the credential from an image the
holder hands over (the digital ID's PNG, a photo of the phone). A 279 KB PNG of one colour declaring 16,000 x
16,000 pixels held `tools/verify_id.py` 20 s at 2.5 GB of memory before answering that no QR was found; 1.3 MB
declares the gigapixel OpenCV allows (about 10 GB). The tests below watch `cv2.imdecode`: it must never run on
such an image.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ektp.cli import main as ektp_main
from ektp.issuance import image_size as ektp_size
from ektp.issuance.card import CardRecord
from ektp.issuance.credential import IssuedCredential
from ektp.issuance.render import decode_qr, render_card_png
from ektp.issuance.signing import LocalSigner
from tests.support.hostile_files import png_bomb
from tools import verify_id

BOMB = png_bomb(6000, level=9)  # 36 M pixels in 50 KB; the real one is only larger


def test_attack_the_library_never_decodes_a_declared_bomb(imdecode_calls: list[int]) -> None:
    assert len(BOMB) < 100_000
    assert decode_qr(BOMB) == []
    assert imdecode_calls == []


def test_attack_the_standalone_verifier_never_decodes_a_declared_bomb(imdecode_calls: list[int]) -> None:
    assert verify_id.decode_qr(BOMB) is None
    assert imdecode_calls == []


def test_attack_both_command_lines_answer_qr_unreadable(
    tmp_path: Path, signer: LocalSigner, imdecode_calls: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    image, key = tmp_path / "id.png", tmp_path / "key.pem"
    image.write_bytes(BOMB)
    key.write_text(signer.public_key_pem())
    code, out = verify_id.run([str(image), "--public-key", str(key)])
    assert (code, out["reasons"]) == (1, ["CREDENTIAL_QR_UNREADABLE"])
    ektp_main(["id", "verify", str(image), "--public-key", str(key)])
    assert "CREDENTIAL_QR_UNREADABLE" in capsys.readouterr().out
    assert imdecode_calls == []


def test_a_genuine_digital_id_png_still_reads(card: CardRecord, credential: IssuedCredential) -> None:
    png = render_card_png(card, credential.token)
    assert decode_qr(png) == [credential.token]
    assert verify_id.decode_qr(png) == credential.token


def _encoded(fmt: str, size: tuple[int, int], **options: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, fmt, **options)
    return out.getvalue()


SAMPLES = {
    "png": _encoded("PNG", (640, 400)),
    "jpeg": _encoded("JPEG", (640, 400)),
    "progressive jpeg": _encoded("JPEG", (641, 401), progressive=True),
    "gif": _encoded("GIF", (320, 200)),
    "bmp": _encoded("BMP", (320, 200)),
    "webp lossy": _encoded("WEBP", (320, 200)),
    "webp lossless": _encoded("WEBP", (321, 201), lossless=True),
    "bomb": BOMB,
}
EXPECTED = {
    "png": (640, 400),
    "jpeg": (640, 400),
    "progressive jpeg": (641, 401),
    "gif": (320, 200),
    "bmp": (320, 200),
    "webp lossy": (320, 200),
    "webp lossless": (321, 201),
    "bomb": (6000, 6000),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_both_read_the_size_every_format_states(name: str) -> None:
    assert ektp_size.image_size(SAMPLES[name]) == EXPECTED[name]
    assert verify_id.image_size(SAMPLES[name]) == EXPECTED[name]


@pytest.mark.parametrize(
    "data", [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00", b"BM", b"RIFF\0\0\0\0WEBP"]
)
def test_a_cut_header_is_unknown_not_a_crash(data: bytes) -> None:
    assert ektp_size.image_size(data) is None and verify_id.image_size(data) is None
