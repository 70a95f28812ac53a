#!/usr/bin/env python3
"""Offline verifier for the Indonesian digital ID (IKD) credential. Copy this one file; it needs only
`cryptography` (and `opencv-python-headless` + `numpy` to read a QR from an image).

    python verify_id.py TOKEN_OR_IMAGE --public-key dukcapil-ikd.pem [--public-key older.pem]
                        [--revoked-list revoked.jws] [--max-list-age 48] [--photo photo.jpg]
                        [--now 2030-01-01T00:00:00+00:00]

--revoked-list takes the issuer's signed revocation list (a JWS, typ "ikd-revocation+jws", published at
GET /revocations, signed by one of the given keys), refused when it is past its own `exp` (the issuer's
stated maximum age) or older than --max-list-age hours (default 48), or a plain list of ids (one a line, or a
JSON array). A credential is revoked when its id or its card's id is listed. Without a list the result says
"revocation_checked": false: the credential may have been revoked since it was issued.
--photo takes the photo shown as the holder's (the digital ID's photo file): its SHA-256 must be the one the
credential binds (`pho`), printed as "photo_sha256" either way, for a checker to compare.

Prints the result as JSON. Exit code: 0 valid, 1 not valid, 2 usage error (bad file, bad option).

The credential is a compact JWS (RFC 7515) signed with ES256 (ECDSA P-256, SHA-256); its header `kid` is
the RFC 7638 thumbprint of the signing key, so the published public key alone identifies it. Checks, in
order: structure, algorithm (ES256 only), key, signature, claims, expiry, not-before, revocation.
This file mirrors ektp.issuance.verify; the project's tests keep the two in agreement.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import re
import struct
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

ALGORITHM = "ES256"
TOKEN_TYPE = "ikd+jws"  # noqa: S105 - the JWS "typ", not a secret
CLOCK_SKEW_SECONDS = 60
REVOCATION_TYPE = "ikd-revocation+jws"
MAX_LIST_AGE_HOURS = 48.0
MAX_TOKEN_LENGTH = 4096
MAX_FILE_BYTES = 20 * 1024 * 1024
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"BM", b"GIF8", b"RIFF")

MESSAGES = {
    "CREDENTIAL_MALFORMED": (
        "Kode IKD tidak berformat benar (bukan kredensial IKD yang sah).",
        "The digital ID code is malformed (not a valid IKD credential).",
    ),
    "CREDENTIAL_QR_UNREADABLE": (
        "Kode QR tidak ditemukan atau tidak dapat dibaca pada gambar.",
        "No readable QR code was found in the image.",
    ),
    "CREDENTIAL_ALGORITHM_NOT_ALLOWED": (
        "Algoritma tanda tangan kredensial tidak diizinkan.",
        "The credential's signature algorithm is not allowed.",
    ),
    "CREDENTIAL_UNKNOWN_KEY": (
        "Kredensial ditandatangani dengan kunci yang tidak dikenal.",
        "The credential was signed with an unknown key.",
    ),
    "CREDENTIAL_SIGNATURE_INVALID": (
        "Tanda tangan kredensial tidak sah; isinya mungkin telah diubah.",
        "The credential's signature is invalid; its content may have been altered.",
    ),
    "CREDENTIAL_EXPIRED": (
        "Masa berlaku kredensial IKD telah habis; unduh ulang IKD Anda.",
        "The digital ID credential has expired; download your digital ID again.",
    ),
    "CREDENTIAL_NOT_YET_VALID": (
        "Kredensial belum berlaku (waktu terbit di masa depan).",
        "The credential is not valid yet (issued in the future).",
    ),
    "CREDENTIAL_REVOKED": (
        "Kredensial telah dicabut (kartu diganti atau dilaporkan hilang).",
        "The credential has been revoked (the card was replaced or reported lost).",
    ),
    "CREDENTIAL_PHOTO_MISMATCH": (
        "Foto yang ditunjukkan bukan foto yang terikat pada kredensial ini.",
        "The photo shown is not the photo bound to this credential.",
    ),
}


_PATTERNS = {
    "nik": re.compile(r"\d{16}"),
    "birth_date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "region": re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    "pho": re.compile(r"[A-Za-z0-9_-]{43}"),
}


def _is_int(v: Any) -> bool:
    return type(v) is int


def _str_len(lo: int, hi: int | None = None) -> Any:
    return lambda v: isinstance(v, str) and len(v) >= lo and (hi is None or len(v) <= hi)


def _pattern(name: str) -> Any:
    return lambda v: isinstance(v, str) and _PATTERNS[name].fullmatch(v) is not None


# Claim name -> (check, required). Types are strict: a string is never taken as a number.
CLAIMS: dict[str, tuple[Any, bool]] = {
    "iss": (_str_len(1), True),
    "jti": (_str_len(1, 64), True),
    "iat": (_is_int, True),
    "exp": (_is_int, True),
    "nik": (_pattern("nik"), True),
    "name": (_str_len(1, 60), True),
    "birth_date": (_pattern("birth_date"), True),
    "sex": (lambda v: v in ("M", "F"), True),
    "region": (_pattern("region"), True),
    "card_id": (_str_len(1, 64), True),
    "pho": (lambda v: v is None or _pattern("pho")(v), False),
    "nbf": (lambda v: v is None or _is_int(v), False),
}


class Malformed(ValueError):
    pass


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(part: str) -> bytes:
    if not part or any(not (c.isascii() and (c.isalnum() or c in "-_")) for c in part):
        raise Malformed("not base64url")
    try:
        data = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError) as exc:
        raise Malformed("not base64url") from exc
    if _b64url(data) != part:  # canonical only: no two spellings of one signature
        raise Malformed("non-canonical base64url")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise Malformed("duplicate member")
        result[key] = value
    return result


def _json_object(data: bytes) -> dict[str, Any]:
    try:
        obj = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError) as exc:  # also too-deep nesting or too-long numbers: never a crash
        raise Malformed("not JSON") from exc
    if not isinstance(obj, dict):
        raise Malformed("not an object")
    return obj


def thumbprint(key: ec.EllipticCurvePublicKey) -> str:
    n = key.public_numbers()
    jwk = {
        "crv": "P-256",
        "kty": "EC",
        "x": _b64url(n.x.to_bytes(32, "big")),
        "y": _b64url(n.y.to_bytes(32, "big")),
    }
    canonical = json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode("ascii")
    return _b64url(hashlib.sha256(canonical).digest())


def load_keys(pems: list[bytes]) -> dict[str, ec.EllipticCurvePublicKey]:
    keys: dict[str, ec.EllipticCurvePublicKey] = {}
    for pem in pems:
        key = (
            serialization.load_pem_public_key(pem)
            if pem.lstrip().startswith(b"-----")
            else serialization.load_der_public_key(pem)
        )
        if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
            raise ValueError("the public key is not an EC P-256 key")
        keys[thumbprint(key)] = key
    return keys


def _iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def verify(
    token: str,
    keys: dict[str, ec.EllipticCurvePublicKey],
    now: datetime,
    revoked: set[str] | None,
    revocation_as_of: datetime | None = None,
    photo: bytes | None = None,
) -> dict[str, Any]:
    def result(
        codes: list[str], kid: str | None = None, claims: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        pho = claims.get("pho") if claims else None
        return {
            "valid": not codes,
            "reasons": codes,
            "messages": [{"code": c, "id": MESSAGES[c][0], "en": MESSAGES[c][1]} for c in codes],
            "key_id": kid,
            "claims": claims,
            "photo_sha256": _b64url_decode(pho).hex() if pho else None,
            "revocation_checked": revoked is not None and claims is not None,
            "revocation_as_of": revocation_as_of.isoformat() if revocation_as_of and claims else None,
            "checked_at": now.isoformat(),
        }

    try:
        token = token.strip()
        if len(token) > MAX_TOKEN_LENGTH:
            raise Malformed("too long")
        parts = token.split(".")
        if len(parts) != 3:
            raise Malformed("three parts")
        header = _json_object(_b64url_decode(parts[0]))
        payload = _json_object(_b64url_decode(parts[1]))
        signature = _b64url_decode(parts[2]) if parts[2] else b""
    except Malformed:
        return result(["CREDENTIAL_MALFORMED"])
    if header.get("alg") != ALGORITHM:
        return result(["CREDENTIAL_ALGORITHM_NOT_ALLOWED"])
    kid = header.get("kid")
    if header.get("typ") != TOKEN_TYPE or not isinstance(kid, str) or "crit" in header:
        return result(["CREDENTIAL_MALFORMED"])
    key = keys.get(kid)
    if key is None:
        return result(["CREDENTIAL_UNKNOWN_KEY"], kid)
    if len(signature) != 64:
        return result(["CREDENTIAL_SIGNATURE_INVALID"], kid)
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        key.verify(der, (parts[0] + "." + parts[1]).encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return result(["CREDENTIAL_SIGNATURE_INVALID"], kid)
    if set(payload) - set(CLAIMS) or any(
        (name in payload and not check(payload[name])) or (required and name not in payload)
        for name, (check, required) in CLAIMS.items()
    ):
        return result(["CREDENTIAL_MALFORMED"], kid)

    codes: list[str] = []
    ts = int(now.timestamp())
    if ts >= payload["exp"] + CLOCK_SKEW_SECONDS:
        codes.append("CREDENTIAL_EXPIRED")
    not_before = max(payload["iat"], payload.get("nbf") or payload["iat"])
    if not_before > ts + CLOCK_SKEW_SECONDS:
        codes.append("CREDENTIAL_NOT_YET_VALID")
    if revoked is not None and (payload["jti"] in revoked or payload["card_id"] in revoked):
        codes.append("CREDENTIAL_REVOKED")
    pho = payload.get("pho")
    if photo is not None and (pho is None or _b64url(hashlib.sha256(photo).digest()) != pho):
        codes.append("CREDENTIAL_PHOTO_MISMATCH")
    return result(codes, kid, payload)


def verify_revocation_list(
    token: str,
    keys: dict[str, ec.EllipticCurvePublicKey],
    now: datetime,
    max_age_hours: float = MAX_LIST_AGE_HOURS,
) -> tuple[set[str], datetime]:
    """The issuer's signed list (typ ikd-revocation+jws): (ids, issue time). It must verify, not be past its
    stated `exp`, and be at most `max_age_hours` old."""
    try:
        head, body, sig = token.split(".")
        header, payload = _json_object(_b64url_decode(head)), _json_object(_b64url_decode(body))
        signature = _b64url_decode(sig)
    except (ValueError, Malformed) as exc:
        raise ValueError("malformed revocation list") from exc
    if header.get("alg") != ALGORITHM or header.get("typ") != REVOCATION_TYPE or "crit" in header:
        raise ValueError("not a revocation list (alg/typ)")
    key = keys.get(str(header.get("kid")))
    if key is None:
        raise ValueError("signed by an unknown key")
    if len(signature) != 64:
        raise ValueError("bad signature")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        key.verify(der, (head + "." + body).encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise ValueError("bad signature") from exc
    iat, exp, revoked = payload.get("iat"), payload.get("exp"), payload.get("revoked")
    if type(iat) is not int or type(exp) is not int or exp <= iat:
        raise ValueError("malformed payload (iat/exp)")
    if not isinstance(revoked, list) or not all(isinstance(i, str) for i in revoked):
        raise ValueError("malformed payload (revoked)")
    ts = now.timestamp()
    if iat - ts > CLOCK_SKEW_SECONDS:
        raise ValueError("the list is dated in the future")
    if ts - exp > CLOCK_SKEW_SECONDS:
        raise ValueError(f"the list expired {(ts - exp) / 3600:.1f} hours ago (its stated maximum age)")
    if ts - iat > max_age_hours * 3600:
        raise ValueError(
            f"the list is {(ts - iat) / 3600:.1f} hours old (this verifier's limit: {max_age_hours:g})"
        )
    return set(revoked), datetime.fromtimestamp(iat, UTC)


def parse_revocation_list(text: str) -> set[str]:
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except RecursionError as exc:
            raise ValueError("a revocation list nested too deep") from exc
        items = data.get("revoked", []) if isinstance(data, dict) else data
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("a revocation list is a list of credential ids")
        return set(items)
    return {line.split("#", 1)[0].strip() for line in text.splitlines()} - {""}


# --- an image's size from its header (a copy of ektp.issuance.image_size: a QR image is never decoded blind) ---
# A photo of a phone's screen from a 24 MP camera, with room: any larger QR image is refused unread.
MAX_QR_IMAGE_PIXELS = 25_000_000
# JPEG start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image or scan data before any frame header
            return None
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if marker in _JPEG_SOF and pos + 9 <= len(data):
            height, width = struct.unpack_from(">HH", data, pos + 5)
            return width, height
        pos += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        (bits,) = struct.unpack_from("<I", data, 21)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, JPEG, GIF, BMP or WebP as its header states; None when unrecognised or cut."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack_from(">II", data, 16)
            return width, height
        if data.startswith(b"\xff\xd8\xff"):
            return _jpeg_size(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack_from("<HH", data, 6)
            return width, height
        if data.startswith(b"BM"):
            width, height = struct.unpack_from("<ii", data, 18)
            return abs(width), abs(height)  # a negative height is a top-down bitmap
        if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
            return _webp_size(data)
    except struct.error:
        return None
    return None


def decode_qr(image_bytes: bytes) -> str | None:
    try:
        import cv2
        import numpy as np
    except ImportError as exc:
        raise UsageError("reading a QR image needs: pip install opencv-python-headless numpy") from exc
    size = image_size(image_bytes)
    if size is None or not 0 < size[0] * size[1] <= MAX_QR_IMAGE_PIXELS:
        return None  # unreadable header, or a decompression bomb: never decoded
    img = cv2.imdecode(np.frombuffer(image_bytes, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        return None
    text, corners = _qr_text(cv2, img)
    if text or corners is None:
        return text
    crop = _around(img, corners)
    interpolation = {"nearest": cv2.INTER_NEAREST, "cubic": cv2.INTER_CUBIC}
    for scale, method in QR_READ_SCALES:
        if crop.size * scale * scale > ENLARGED_PIXELS_MAX:
            break
        text, _ = _qr_text(
            cv2, cv2.resize(crop, None, fx=scale, fy=scale, interpolation=interpolation[method])
        )
        if text:
            return text
    return None


# A copy of ektp.issuance.render's: OpenCV misses about 1 in 150 of the card's codes at 3 pixels a module though
# it finds their corners, and reads them all enlarged: only a code found and not read is read again, cropped to
# its corners and enlarged step by step; an image with no code found is read once.
QR_READ_SCALES = ((1.5, "nearest"), (2.0, "cubic"), (3.0, "cubic"))
ENLARGED_PIXELS_MAX = 4_000_000
QR_CROP_MARGIN = 0.15


def _qr_text(cv2: Any, img: Any) -> tuple[str | None, Any]:
    """The first payload read, and the corners of a code found but not read (None when none was found)."""
    # The Aruco-based detector reads these large (version 18-20) codes far more often; the classic one is a fallback.
    corners = None
    for detector in (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector()):
        text, points, _ = detector.detectAndDecode(img)
        if text:
            return str(text), None
        if corners is None and points is not None:
            corners = points
    ok, texts, points, _ = cv2.QRCodeDetectorAruco().detectAndDecodeMulti(img)
    found = [t for t in texts if t] if ok else []
    if corners is None and points is not None and len(points):
        corners = points[0]
    return (str(found[0]) if found else None), corners


def _around(img: Any, corners: Any) -> Any:
    import numpy as np

    pts = np.asarray(corners, dtype=np.float64).reshape(-1, 2)
    (left, top), (right, bottom) = pts.min(axis=0), pts.max(axis=0)
    margin = QR_CROP_MARGIN * max(right - left, bottom - top, 1.0)
    h, w = img.shape[:2]
    x0, y0 = max(0, int(left - margin)), max(0, int(top - margin))
    x1, y1 = min(w, int(right + margin) + 1), min(h, int(bottom + margin) + 1)
    return img[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else img


class UsageError(Exception):
    pass


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a token is longer than any file name may be
        return False


def _read(path: Path, what: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{what} {path} is too large")
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {what} {path}: {exc.strerror}") from exc


def run(argv: list[str] | None = None) -> tuple[int, dict[str, Any]]:
    parser = argparse.ArgumentParser(description="Verify an IKD (digital ID) credential offline.")
    parser.add_argument("credential", help="a QR image (PNG/JPEG), a file holding the token, or the token")
    parser.add_argument("--public-key", action="append", required=True, type=Path)
    parser.add_argument("--revoked-list", type=Path)
    parser.add_argument("--max-list-age", type=float, default=MAX_LIST_AGE_HOURS, help="hours")
    parser.add_argument("--photo", type=Path, help="the photo shown as the holder's")
    parser.add_argument("--now", help="verify as of this ISO 8601 time (default: now)")
    args = parser.parse_args(argv)

    try:
        keys = load_keys([_read(p, "public key") for p in args.public_key])
    except ValueError as exc:
        raise UsageError(f"bad public key: {exc}") from exc
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError as exc:
            raise UsageError(f"--now must be ISO 8601, got {args.now!r}") from exc
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    else:
        now = datetime.now(UTC)
    revoked: set[str] | None = None
    as_of: datetime | None = None
    if args.revoked_list:
        try:
            text = _read(args.revoked_list, "revocation list").decode("utf-8")
            stripped = text.strip()
            if stripped.count(".") == 2 and not any(c.isspace() for c in stripped):
                revoked, as_of = verify_revocation_list(stripped, keys, now, args.max_list_age)
            else:
                revoked = parse_revocation_list(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"bad revocation list {args.revoked_list}: {exc}") from exc
    photo = _read(args.photo, "photo") if args.photo else None

    value = args.credential
    path = Path(value)
    token: str | None
    if _is_file(path):
        data = _read(path, "credential file")
        if data.startswith(IMAGE_MAGIC):
            token, source = decode_qr(data), "qr_image"
        else:
            token, source = data.decode("utf-8", errors="replace").strip(), "file"
    else:
        token, source = value.strip(), "text"
    if token is None:
        code = "CREDENTIAL_QR_UNREADABLE"
        out = {
            "valid": False,
            "reasons": [code],
            "messages": [{"code": code, "id": MESSAGES[code][0], "en": MESSAGES[code][1]}],
            "key_id": None,
            "claims": None,
            "photo_sha256": None,
            "revocation_checked": False,
            "revocation_as_of": None,
            "checked_at": now.isoformat(),
        }
    else:
        out = verify(token, keys, now, revoked, as_of, photo)
    return (0 if out["valid"] else 1), {"source": source, **out}


def main(argv: list[str] | None = None) -> int:
    try:
        code, out = run(argv)
    except UsageError as exc:
        print(f"verify_id: {exc}", file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
