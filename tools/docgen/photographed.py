"""KTP-el cards photographed by a phone: the card's print on its security background, lying on a table, seen
at an angle, with glare, blur, noise and a messaging app's JPEG recompression (fixed by the seed).

The card content comes from the existing renderers (`render.render_ktp`, and the serif card of
`variety.ktp_card_serif`); this module only does what the phone and the table do to it. The ground truth is the
rendered document's. Nothing in `ektp.ocr` may know these parameters: they exist to measure it.

    photographed_cards(count, seed) -> list[PhotographedCard]
    photograph(card, seed) -> (JPEG bytes, PhotoParams)
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from tools.docgen.render import RenderedDocument, generate_documents
from tools.docgen.variety import render_variety

Rgb = npt.NDArray[np.float32]  # h x w x 3, 0..255

# The tints of a KTP-el's security print (light blue to light blue-green) and of tables and desks.
CARD_TINTS = ((206, 226, 245), (214, 232, 240), (200, 222, 236), (222, 236, 246))
TABLES = ((120, 84, 52), (150, 110, 70), (88, 60, 40), (190, 188, 182), (60, 62, 66), (225, 222, 214))


@dataclass(frozen=True)
class PhotoParams:
    """What the phone did to the card (for diagnosis and the benchmark's breakdown; never read by OCR)."""

    frame: tuple[int, int]  # width, height of the photo
    card_fraction: float  # card width / frame width
    rotation_deg: float
    tilt: float  # corner jitter as a fraction of the card's width (perspective)
    glare: float  # peak strength 0..1 of the glare blob
    blur: str  # "motion:<px>" or "defocus:<px>"
    quality: tuple[int, int]  # JPEG qualities: camera, then messaging app
    corners: tuple[tuple[float, float], ...]  # the card's corners in the photo (tl, tr, br, bl), for tests


@dataclass
class PhotographedCard:
    doc: RenderedDocument  # the card as rendered, with its ground truth
    data: bytes  # the photo (JPEG)
    params: PhotoParams


def _guilloche(w: int, h: int, rng: random.Random) -> Rgb:
    """The card's security print: a tint, fine interleaved waves and a rosette, all light (text stays dark)."""
    tint = np.array(rng.choice(CARD_TINTS), np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pattern = np.zeros((h, w), np.float32)
    for _ in range(3):
        period = rng.uniform(18, 40)
        amp, wave = rng.uniform(10, 40), rng.uniform(150, 420)
        phase = rng.uniform(0, 6.3)
        pattern += 0.5 + 0.5 * np.sin(2 * np.pi * (yy + amp * np.sin(2 * np.pi * xx / wave + phase)) / period)
    cx, cy = rng.uniform(0.2, 0.6) * w, rng.uniform(0.3, 0.7) * h
    r = np.hypot(xx - cx, yy - cy)
    theta = np.arctan2(yy - cy, xx - cx)
    rosette = 0.5 + 0.5 * np.cos(r / rng.uniform(6, 12) + 6 * np.sin(8 * theta))
    pattern = pattern / 3 * 0.6 + rosette * 0.4 * np.exp(-r / (0.35 * w))
    depth = rng.uniform(0.10, 0.22)  # how dark the lines print: a light guilloche, as on the card
    shade = 1.0 - depth * pattern
    return np.asarray(tint[None, None, :] * shade[..., None], dtype=np.float32)


def _card_rgb(card: Image.Image, rng: random.Random) -> Rgb:
    """The rendered print (dark on light grey) multiplied onto the coloured security background: ink stays
    dark, the paper takes the tint and the pattern."""
    grey = np.asarray(card.convert("L"), np.float32)
    ink = np.clip(grey / max(1.0, float(np.percentile(grey, 90))), 0, 1)
    ink_colour = np.array((30, 32, 40), np.float32)
    background = _guilloche(grey.shape[1], grey.shape[0], rng)
    return np.asarray(background * ink[..., None] + ink_colour * (1 - ink[..., None]), dtype=np.float32)


def _table(w: int, h: int, rng: random.Random) -> Rgb:
    """A table or desk: a base colour, a grain stretched along one direction, slow light falloff."""
    base = np.array(rng.choice(TABLES), np.float32)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    # Few samples along the grain, many across it: stretched, they give long streaks.
    shape = (h // 40 + 2, 6) if rng.random() < 0.5 else (6, w // 40 + 2)
    grain = cv2.resize(nrng.normal(0, 1, shape).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    fine = cv2.GaussianBlur(nrng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 1.5)
    tex = 1 + 0.08 * grain + 0.04 * fine
    return (base[None, None, :] * tex[..., None]).astype(np.float32)


def _rounded_mask(w: int, h: int) -> npt.NDArray[np.float32]:
    mask = np.zeros((h, w), np.uint8)
    r = int(0.04 * w)  # ID-1 corner radius 3.18 mm of 85.6 mm
    cv2.rectangle(mask, (r, 0), (w - 1 - r, h - 1), 255, -1)
    cv2.rectangle(mask, (0, r), (w - 1, h - 1 - r), 255, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
        cv2.circle(mask, (cx, cy), r, 255, -1)
    return np.asarray(mask / 255.0, dtype=np.float32)


def _place(card_w: int, card_h: int, fw: int, fh: int, rng: random.Random) -> tuple[np.ndarray, float, float]:
    """Destination corners of the card in the frame: rotated, tilted (each corner moved), inside the frame."""
    angle = rng.uniform(-12, 12)
    tilt = rng.uniform(0.0, 0.07)
    a = math.radians(angle)
    corners = np.array([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]], np.float32)
    centred = corners - [card_w / 2, card_h / 2]
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    dst = centred @ rot.T
    dst += np.array([[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(4)], np.float32) * tilt * card_w
    span = dst.max(axis=0) - dst.min(axis=0)
    room = np.array([fw, fh], np.float32) - span
    offset = -dst.min(axis=0) + np.array([rng.uniform(0.1, 0.9) * room[0], rng.uniform(0.1, 0.9) * room[1]])
    return (dst + offset).astype(np.float32), angle, tilt


def _glare(img: Rgb, quad: np.ndarray, rng: random.Random) -> float:
    """A soft bright ellipse on the card (a lamp or window on the laminate), in place; its peak strength."""
    h, w = img.shape[:2]
    u, v = rng.uniform(0.1, 0.9), rng.uniform(0.15, 0.85)
    top = quad[0] + (quad[1] - quad[0]) * u
    bottom = quad[3] + (quad[2] - quad[3]) * u
    cx, cy = top + (bottom - top) * v
    card_w = float(np.linalg.norm(quad[1] - quad[0]))
    sx, sy = rng.uniform(0.08, 0.2) * card_w, rng.uniform(0.04, 0.12) * card_w
    strength = rng.uniform(0.25, 0.65)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, math.pi)
    dx, dy = xx - cx, yy - cy
    ru = (dx * math.cos(a) + dy * math.sin(a)) / sx
    rv = (-dx * math.sin(a) + dy * math.cos(a)) / sy
    blob = strength * np.exp(-(ru**2 + rv**2) / 2)
    img += (255 - img) * blob[..., None]
    return strength


def _blur(img: Rgb, rng: random.Random) -> str:
    if rng.random() < 0.5:
        length = rng.randint(3, 7)  # hand shake during the exposure
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1
        rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
        kernel = np.asarray(cv2.warpAffine(kernel, rot, (length, length)), np.float32)
        kernel /= max(kernel.sum(), 1e-6)
        img[:] = cv2.filter2D(img, -1, kernel)
        return f"motion:{length}"
    radius = rng.choice((1, 2, 2, 3))  # focus slightly off the card
    disk = np.zeros((2 * radius + 1, 2 * radius + 1), np.float32)
    cv2.circle(disk, (radius, radius), radius, 1.0, -1)
    img[:] = cv2.filter2D(img, -1, disk / disk.sum())
    return f"defocus:{radius}"


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def photograph(card: Image.Image, seed: int) -> tuple[bytes, PhotoParams]:
    """JPEG bytes of `card` (a rendered KTP-el) photographed by a phone on a table."""
    rng = random.Random(seed)
    rgb = _card_rgb(card, rng)
    landscape = rng.random() < 0.7
    long_side = rng.randint(1800, 2600)
    fw, fh = (long_side, long_side * 3 // 4) if landscape else (long_side * 3 // 4, long_side)
    fraction = rng.uniform(0.55, 0.8) if landscape else rng.uniform(0.75, 0.9)
    card_w = int(fraction * fw)
    card_h = round(card_w * rgb.shape[0] / rgb.shape[1])
    rgb = np.asarray(cv2.resize(rgb, (card_w, card_h), interpolation=cv2.INTER_AREA), np.float32)
    quad, angle, tilt = _place(card_w, card_h, fw, fh, rng)
    src = np.array([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(rgb, matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    alpha = cv2.warpPerspective(_rounded_mask(card_w, card_h), matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    frame = _table(fw, fh, rng)
    # The card's shadow on the table, offset towards the light's far side.
    shadow = cv2.GaussianBlur(alpha, (0, 0), 12)
    shadow = np.roll(shadow, (rng.randint(4, 14), rng.randint(4, 14)), axis=(0, 1))
    frame *= 1 - 0.35 * shadow[..., None]
    img = frame * (1 - alpha[..., None]) + warped * alpha[..., None]
    # Uneven light over the whole scene: a gradient in a random direction and a vignette.
    gx, gy = np.meshgrid(np.linspace(-1, 1, fw), np.linspace(-1, 1, fh))
    theta = rng.uniform(0, 2 * math.pi)
    light = 1.0 - rng.uniform(0.05, 0.25) * (0.5 + 0.5 * (np.cos(theta) * gx + np.sin(theta) * gy))
    img = (img * (light - 0.08 * (gx**2 + gy**2))[..., None]).astype(np.float32)
    glare = _glare(img, quad, rng)
    blur = _blur(img, rng)
    img += np.random.default_rng(seed).normal(0, rng.uniform(2, 6), img.shape).astype(np.float32)
    photo = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    camera_q, app_q = rng.randint(70, 92), rng.randint(50, 75)
    photo = _jpeg(photo, camera_q)
    # A messaging app scales the photo down and compresses it again.
    shrink = rng.uniform(0.75, 1.0)
    photo = photo.resize((round(fw * shrink), round(fh * shrink)), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=app_q)
    params = PhotoParams(
        frame=photo.size,
        card_fraction=round(fraction, 3),
        rotation_deg=round(angle, 2),
        tilt=round(tilt, 3),
        glare=round(glare, 3),
        blur=blur,
        quality=(camera_q, app_q),
        corners=tuple((round(float(x) * shrink, 1), round(float(y) * shrink, 1)) for x, y in quad),
    )
    return out.getvalue(), params


def photographed_cards(count: int, seed: int, start: int = 0) -> list[PhotographedCard]:
    """Photographed cards `start` to `count - 1` of a fixed seed: the standard card and the serif card on
    its guilloche, in turn (a slice photographs only its own cards: the benchmark's workers split the set)."""
    standard = generate_documents("ktp", (count + 1) // 2, seed)
    serif = render_variety("ktp", "ktp-card-serif", count // 2, seed)
    docs = [d for pair in zip(standard, serif, strict=False) for d in pair]
    docs += standard[len(serif) :]
    out = []
    for i, doc in enumerate(docs[:count]):
        if i < start:
            continue
        data, params = photograph(doc.image, seed * 1000 + i)
        out.append(PhotographedCard(doc, data, params))
    return out


def photograph_screen(page: Image.Image, seed: int) -> bytes:
    """JPEG bytes of `page` shown on a screen (pixels of three colour stripes in a dark matrix, a dark bezel
    around the picture) and photographed by a phone: the camera samples the pixel grid at a scale and angle
    of its own, which leaves the grid or its moiré in the photo."""
    rng = random.Random(seed)
    shown = page.convert("RGB")
    display_w = rng.randint(520, 900)  # the screen's pixels across the shown page
    shown = shown.resize((display_w, round(display_w * shown.height / shown.width)), Image.Resampling.LANCZOS)
    px = np.asarray(shown, np.float32)
    pitch = 4  # camera-independent: one display pixel drawn as 4 x 4 (R, G, B stripes and the matrix)
    grid = np.repeat(np.repeat(px, pitch, axis=0), pitch, axis=1)
    mask = np.full((pitch, pitch, 3), 0.12, np.float32)
    for channel in range(3):
        mask[: pitch - 1, channel, channel] = 1.0
    mask[: pitch - 1, :3, :] += 0.25  # the stripes bleed into each other a little
    h, w = grid.shape[:2]
    lit = grid * np.tile(mask, (h // pitch, w // pitch, 1)) * rng.uniform(1.1, 1.4)
    bezel = int(0.05 * w)
    screen = np.full((h + 2 * bezel, w + 2 * bezel, 3), rng.uniform(12, 35), np.float32)
    screen[bezel : bezel + h, bezel : bezel + w] = lit
    # The camera: its own scale and a small angle, sampled without a low-pass (as a sensor does).
    scale = rng.uniform(0.55, 0.95)
    angle = rng.uniform(-4, 4)
    sh, sw = screen.shape[:2]
    fw, fh = int(sw * scale * 1.25), int(sh * scale * 1.2)
    matrix = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, scale)
    matrix[:, 2] += (fw / 2 - sw / 2, fh / 2 - sh / 2)
    table = _table(fw, fh, rng)
    img = cv2.warpAffine(screen, matrix, (fw, fh), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    inside = cv2.warpAffine(np.ones((sh, sw), np.float32), matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    img = table * (1 - inside[..., None]) + img * inside[..., None]
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 0.7)), np.float32)
    img += np.random.default_rng(seed).normal(0, 3, img.shape).astype(np.float32)
    out = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(
        out, format="JPEG", quality=rng.randint(75, 92)
    )
    return out.getvalue()
