"""Synthetic fingerprints: Gabor-grown ridge patterns (SFinGe-style) and several impressions of one finger.

A finger is an orientation field from one core and one delta (the Sherlock-Monro zero-pole model) plus a
seeded noise image grown into ridges by repeated orientation-selective Gabor filtering; the minutiae come
from where the growth breaks or forks ridges, so they differ from seed to seed. An impression of a finger
rotates and shifts it a little, bends it with a smooth elastic field, crops it to an ellipse of contact and
adds sensor noise: genuine pairs share minutiae, impostor pairs do not.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

WIDTH, HEIGHT = 400, 500
RIDGE_PERIOD = 9.0  # pixels at 500 ppi
_BINS = 16


def _orientation(rng: np.random.Generator, width: int, height: int) -> npt.NDArray[np.float64]:
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
    z = xs + 1j * ys
    core = complex(width * rng.uniform(0.4, 0.6), height * rng.uniform(0.35, 0.5))
    delta = complex(width * rng.uniform(0.2, 0.8), height * rng.uniform(0.75, 0.95))
    theta = 0.5 * (np.angle(z - core) - np.angle(z - delta)) + rng.uniform(-0.2, 0.2)
    out: npt.NDArray[np.float64] = np.mod(theta, math.pi)
    return out


def _kernel(angle: float) -> npt.NDArray[np.float32]:
    # Ridges run along `angle`, so the wave varies across it (Gabor direction angle + 90 degrees).
    k = cv2.getGaborKernel((21, 21), 4.0, angle + math.pi / 2, RIDGE_PERIOD, 1.0, 0, ktype=cv2.CV_32F)
    out: npt.NDArray[np.float32] = (k - k.mean()).astype(np.float32)
    return out


def master_finger(seed: int, width: int = WIDTH, height: int = HEIGHT) -> npt.NDArray[np.float32]:
    """The finger's ridge pattern in [-1, 1] (ridges positive), larger than an impression's window."""
    rng = np.random.default_rng(seed)
    theta = _orientation(rng, width, height)
    bins = np.round(theta / math.pi * _BINS).astype(np.int64) % _BINS
    kernels = [_kernel(b * math.pi / _BINS) for b in range(_BINS)]
    img = rng.standard_normal((height, width)).astype(np.float32)
    for _ in range(10):
        out = np.zeros_like(img)
        for b, kernel in enumerate(kernels):
            response = cv2.filter2D(img, -1, kernel, borderType=cv2.BORDER_REFLECT)
            mask = bins == b
            out[mask] = response[mask]
        img = np.tanh(out / (out.std() + 1e-6) * 1.5).astype(np.float32)
    return img


def impression(
    master: npt.NDArray[np.float32],
    seed: int,
    *,
    max_rotation: float = 8.0,
    max_shift: float = 12.0,
    elastic: float = 2.0,
    noise: float = 0.15,
) -> bytes:
    """One capture of the finger as a greyscale PNG (dark ridges on a light background, 500 ppi)."""
    rng = np.random.default_rng(seed)
    height, width = master.shape
    angle = rng.uniform(-max_rotation, max_rotation)
    shift = rng.uniform(-max_shift, max_shift, size=2)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    matrix[:, 2] = matrix[:, 2] + shift
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    inverse = cv2.invertAffineTransform(matrix)
    map_x = (inverse[0, 0] * xs + inverse[0, 1] * ys + inverse[0, 2]).astype(np.float32)
    map_y = (inverse[1, 0] * xs + inverse[1, 1] * ys + inverse[1, 2]).astype(np.float32)
    if elastic > 0:  # skin stretches: a smooth random displacement of a few pixels
        bends = [
            cv2.GaussianBlur(rng.standard_normal((height, width)).astype(np.float32), (0, 0), 25)
            for _ in range(2)
        ]
        map_x = (map_x + bends[0] / (np.abs(bends[0]).max() + 1e-6) * elastic).astype(np.float32)
        map_y = (map_y + bends[1] / (np.abs(bends[1]).max() + 1e-6) * elastic).astype(np.float32)
    warped = cv2.remap(master, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    contact = np.zeros((height, width), np.float32)
    centre = (int(width / 2 + shift[0]), int(height / 2 + shift[1]))
    axes = (int(width * rng.uniform(0.36, 0.42)), int(height * rng.uniform(0.40, 0.46)))
    cv2.ellipse(contact, centre, axes, 0, 0, 360, 1.0, -1)
    contact = cv2.GaussianBlur(contact, (0, 0), 6).astype(np.float32)
    pressure = rng.uniform(0.8, 1.0)
    signal = warped * contact * pressure + rng.normal(0, noise, size=(height, width)).astype(np.float32)
    grey = np.clip(255 * (0.5 - 0.45 * signal), 0, 255).astype(np.uint8)
    grey = cv2.GaussianBlur(grey, (3, 3), 0.7)
    ok, png = cv2.imencode(".png", grey)
    assert ok
    return bytes(png.tobytes())


def impressions(finger_seed: int, count: int, **kwargs: float) -> list[bytes]:
    """`count` impressions of the synthetic finger `finger_seed`."""
    master = master_finger(finger_seed)
    return [impression(master, finger_seed * 1000 + i + 1, **kwargs) for i in range(count)]
