"""Degrade a clean page like a phone photo or a poor scan (fixed by the seed)."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageFilter


def degrade(page: Image.Image, seed: int, *, photo: bool | None = None) -> bytes:
    """JPEG bytes of `page` scanned at 150 dpi (from 200), rotated up to 5 degrees, blurred, unevenly lit,
    JPEG-compressed, and, for a phone photo, in perspective on a darker background."""
    rng = random.Random(seed)
    photo = rng.random() < 0.5 if photo is None else photo
    img = page.convert("L")
    img = img.resize((round(img.width * 0.75), round(img.height * 0.75)), Image.Resampling.LANCZOS)
    angle = rng.uniform(-5.0, 5.0)
    if photo:
        margin = int(0.08 * max(img.size))
        canvas = Image.new("L", (img.width + 2 * margin, img.height + 2 * margin), rng.randint(40, 90))
        canvas.paste(img, (margin, margin))
        w, h = canvas.size
        src = [
            (margin, margin),
            (margin + img.width, margin),
            (margin + img.width, margin + img.height),
            (margin, margin + img.height),
        ]
        jitter = 0.03 * min(img.size)
        dst = [(x + rng.uniform(-jitter, jitter), y + rng.uniform(-jitter, jitter)) for x, y in src]
        coeffs = _perspective_coeffs(dst, src)
        img = canvas.transform(
            (w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=60
        )
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=60)
    else:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=245)
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape
    # Uneven light: a linear gradient in a random direction plus a soft vignette.
    gx, gy = np.meshgrid(np.linspace(-1, 1, w), np.linspace(-1, 1, h))
    theta = rng.uniform(0, 2 * np.pi)
    strength = rng.uniform(0.15, 0.35)
    light = 1.0 - strength * (0.5 + 0.5 * (np.cos(theta) * gx + np.sin(theta) * gy)) - 0.1 * (gx**2 + gy**2)
    arr = arr * light + np.random.default_rng(seed).normal(0, 4.0, arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=rng.randint(45, 75))
    return out.getvalue()


def _perspective_coeffs(
    dst: Sequence[tuple[float, float]], src: Sequence[tuple[float, float]]
) -> tuple[float, ...]:
    """PIL's PERSPECTIVE coefficients mapping output points `dst` back to input points `src`."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array([c for point in src for c in point], dtype=np.float64)
    return tuple(float(c) for c in np.linalg.solve(a, b))
