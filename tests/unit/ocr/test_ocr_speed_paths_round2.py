"""What the OCR path does to stay within its CPU budget (issue 18), round 2, asserted as behaviour, never as
timings: the photographed-sheet search turns only the columns across the print, and finds what turning the
whole frame found."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ektp.ocr import page_outline, preprocess
from ektp.ocr.page_outline import (
    EDGE_MIN,
    EDGE_REACH,
    MAX_MARGIN,
    MIN_COVER,
    MIN_GAP,
    STRONG_COVER,
    _find_print,
    _first_run,
    _rotation,
    _sides_at,
)


def _sheet_on_cloth(roll: float, seed: int) -> np.ndarray:
    """A sheet of rows of print (dark bars of word size) on a striped cloth a little darker than the paper,
    turned `roll` degrees, blurred and noisy: a phone's photo of a page on a bed, 1600x1200."""
    rng = np.random.default_rng(seed)
    page = np.full((1100, 780), 245, np.float32)
    for row in range(24):
        y = 90 + row * 38
        x = 70
        while x < 680:
            w = int(rng.integers(30, 110))
            page[y : y + 14, x : min(x + w, 710)] = 30
            x += w + 18
    fh, fw = 1200, 1600
    xs = np.arange(fw, dtype=np.float32)
    cloth = np.tile(170 + 25 * np.sin(xs / 17.0), (fh, 1)).astype(np.float32)
    m = cv2.getRotationMatrix2D((390, 550), roll, 1.0)
    m[:, 2] += (fw / 2 - 390, fh / 2 - 550)
    paper = cv2.warpAffine(page, m, (fw, fh), flags=cv2.INTER_LINEAR)
    inside = cv2.warpAffine(np.ones_like(page), m, (fw, fh), flags=cv2.INTER_LINEAR)
    img = cloth * (1 - inside) + paper * inside
    img = cv2.GaussianBlur(img, (0, 0), 1.0) + rng.normal(0, 2, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def _working(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The blurred working image and the print's hull, as find_page_outline makes them."""
    scale = page_outline.WORK_SIZE / max(grey.shape)
    small = np.asarray(cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8)
    found = _find_print(small)
    assert found is not None
    return cv2.GaussianBlur(small, (0, 0), 1.0).astype(np.float32), found.hull


def _sides_turning_the_whole_frame(
    blur: np.ndarray, hull: np.ndarray, angle: float
) -> list[list[tuple[float, float, float, bool]]]:
    """The search as it was: the whole frame turned, then the print's columns measured (the reference)."""
    m, size = _rotation((blur.shape[0], blur.shape[1]), angle)
    turned = cv2.warpAffine(blur, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    dy = cv2.Sobel(turned, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    pts = cv2.transform(hull.reshape(-1, 1, 2), m).reshape(-1, 2)
    x0, x1 = max(0, int(pts[:, 0].min())), min(size[0], int(pts[:, 0].max()) + 1)
    top, bottom = float(pts[:, 1].min()), float(pts[:, 1].max())
    strokes = np.abs(dy[:, x0:x1]) > EDGE_MIN
    cover = cv2.dilate(strokes.astype(np.uint8), np.ones((2 * EDGE_REACH + 1, 1), np.uint8)).mean(axis=1)
    out = []
    for rows in (range(int(top) - MIN_GAP, -1, -1), range(int(bottom) + MIN_GAP + 1, size[1])):
        found = []
        for need in (STRONG_COVER, MIN_COVER):
            row = _first_run(cover, rows, need)
            if row is None:
                continue
            far = abs(row - (top if rows.step < 0 else bottom))
            if far <= MAX_MARGIN * (bottom - top):
                found.append((angle, far, float(cover[row]), need == STRONG_COVER))
        out.append(found)
    return out


@pytest.mark.parametrize("roll", [-7.0, 4.0])
def test_the_sheet_search_turns_only_the_columns_across_the_print(
    roll: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each angle's turned image is as wide as the print's extent at that angle (and a column either side),
    not the whole turned frame: the warp was half of the search's CPU on every scan."""
    blur, hull = _working(_sheet_on_cloth(roll, seed=5))
    widths: list[tuple[int, int]] = []
    warp = cv2.warpAffine

    def recording(src: np.ndarray, m: np.ndarray, dsize: tuple[int, int], **kw: int) -> np.ndarray:
        widths.append((dsize[0], dsize[1]))
        return np.asarray(warp(src, m, dsize, **kw))

    monkeypatch.setattr(page_outline.cv2, "warpAffine", recording)
    for angle in (-18.0, -4.0, 0.0, 6.0, 88.0, 96.0):
        widths.clear()
        _sides_at(blur, hull, angle)
        m, size = _rotation((blur.shape[0], blur.shape[1]), angle)
        pts = cv2.transform(hull.reshape(-1, 1, 2), m).reshape(-1, 2)
        extent = int(pts[:, 0].max()) + 1 - max(0, int(pts[:, 0].min()))
        assert widths and all(w <= extent + 2 < size[0] and h == size[1] for w, h in widths), (angle, widths)


@pytest.mark.parametrize("roll", [-7.0, 4.0])
def test_the_sheet_search_finds_the_sides_turning_the_whole_frame_found(roll: float) -> None:
    """Guard: at every angle searched, the same sides (angle, distance, strength) as the whole frame turned,
    their cover within a percent (the window's sub-pixel sampling steps are rounded a 32nd of a pixel apart
    from the whole frame's at a few pixels). test_ocr_photographed_page finds the sheets as before."""
    grey = _sheet_on_cloth(roll, seed=5)
    blur, hull = _working(grey)
    axis = page_outline._axis(hull)
    for delta in np.arange(-20.0, 20.01, 2.0):
        for angle in (axis + delta, axis + delta + 90):
            got = [
                [(s.angle, s.distance, s.cover, s.strong) for s in sides]
                for sides in _sides_at(blur, hull, angle)
            ]
            want = _sides_turning_the_whole_frame(blur, hull, angle)
            assert [[(a, d, pytest.approx(c, abs=0.01), s) for a, d, c, s in x] for x in want] == got, angle


def test_the_card_searches_make_the_frames_masks_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that holds no card was searched for one three times over, each search making the same masks
    of the same frame (a photo's colour mask alone 0.05 s each): card_view makes them once, and finds what
    each search finds making its own."""
    grey = _sheet_on_cloth(3.0, seed=7)
    colour = np.dstack([grey, grey, np.clip(grey.astype(np.int16) + 20, 0, 255).astype(np.uint8)])
    want = (preprocess.find_card(grey, colour), preprocess.scanned_card_view(grey, colour))
    made = []
    masks = preprocess._card_masks

    def counting(small: np.ndarray, col: np.ndarray | None) -> list[np.ndarray]:
        made.append(small.shape)
        return masks(small, col)

    monkeypatch.setattr(preprocess, "_card_masks", counting)
    preprocess.card_view(grey, colour)
    assert len(made) == 1
    assert want == (None, None)  # a sheet, no card: both searches ran to their end on the shared masks
