"""Is a page a photo of a screen? A general check on the image's spectrum, before any reading.

Basis: a display is a regular grid of pixels (emitters separated by a dark matrix, a fixed pitch). A camera
photographing it either resolves that grid (a fine periodic pattern a few photo pixels apart) or samples it
too coarsely and folds it into moiré (a periodic beat). Either way the photo's spectrum holds isolated peaks
far above its neighbourhood, at short periods. Paper does not: print (text, stamps, a card's guilloche, whose
waves are tens of pixels long) has a broadband spectrum at short periods, and a phone photo of paper adds only
noise. JPEG's 8-pixel block grid also makes peaks, but only at multiples of 1/8 cycle per pixel: those
frequencies are left out. Periods from 2 to 7 photo pixels are examined (the longer ones are the print's own).

A grid of square pixels repeats alike along its rows and its columns, so its peaks come in perpendicular
pairs at one period; a card's guilloche waves, a table's grain and lines of print run one way. The measure is,
in each of the image's central tiles, the strongest such pair (the weaker peak of the two, over the median of
the band), and of the tiles the second strongest (GRID_TILES: a grid covers the screen, a printed pattern only
where it was printed); the page is a screen when it stands SCREEN_PEAK_RATIO times above its band.

A display's grid covers the whole picture: its brightness only dims it where the page is dark, so each of its
peaks is one sharp point with faint sidebands. Print that repeats is confined: a dotted leader (`Nama ........
: VALUE`), a dotted line or a halftone band repeats along a row of text and nowhere between the rows, and a
pattern switched on and off row by row spreads its energy into a streak of sidebands (the rows' own spectrum)
as strong as the centre. Two such streaks cross at perpendicular points of equal period, a false lattice (a
SIAK print's leaders measured 1,670-7,031 times their band). So a peak counts only when most of the energy
around it stands in the peak itself (PEAK_CONCENTRATION; measured on 100 clean and degraded pages of the 25
variety layouts and 25 screen photos: the peaks of every false lattice on paper under 0.2, those of every
screen caught 0.6 or over).

A display's grid has its fundamental at its pixel pitch: a few photo pixels, or the moire's beat. Paper's own
periodic patterns (a security paper's crosshatch, a ruling, a light tint's line screen) have lines much thinner
than their spacing, so their spectrum is a lattice of harmonics of the spacing's frequency: the peaks seen at
2-7 pixels are high harmonics of a pattern tens of pixels apart, and the pattern's own lower harmonics stand
beside them, as strong or stronger (thin lines blurred by print and scan lose their high harmonics first). So
a peak counts only when no local peak at least SUBHARMONIC_SHARE as strong stands at an integer fraction of its
frequency at a period longer than the band's (f/2, f/3, ... up to periods of SUBHARMONIC_MAX_PERIOD; a fraction
within the band may be a display's own fundamental, whose harmonics are peaks too). Crosshatches of 9-34 px
lines measured their fractions at 0.9-4.7 times the peak; in the generated screen photos the strongest local
peak at such a fraction was 0.46 of it (text's low frequencies), and no screen caught was lost. (A moire's
beat is a long-period point peak too, but not at an integer fraction of the grid's frequency.) A crosshatch's
two line directions make a two-way lattice of harmonics, most of whose points (a g1 + b g2 with a, b coprime)
have no fraction on their own line: a peak that is a whole-number combination (within LATTICE_SLACK) of two
long-period peaks at least SUBHARMONIC_SHARE as strong is print too. (A screen photo's moire beats stand at long
periods as well: on the generated one whose beats were that strong, its grid's peak was -7.90 and 12.85 of
them; every generated screen caught before is still caught.)
A display lights its grid wherever it shows white; a copier's halftone prints dots only in a tint, none on the
white paper. So a tile whose whitest parts (near the white of the picture's middle) show hardly any of its
pattern is print, however strong the pattern in its tints: a sheet of six card copies fills three tiles and
more with halftone, and between the copies the paper is white (measured: 4 of 180 copies' sheets at seeds
800-829 were refused as screens before, none after; the generated screen photos caught are the same, 31 of
40). Whites burnt out (an overexposed screen photo) show no grid either way: such a tile is not discounted.
Left open: a printed pattern whose own spacing is 2-7 photo pixels has no comb below it and still reads as a
display grid in grey. And a screen photographed with only its near side in focus shows its grid in two tiles,
as a sheet of halftone copies does: asked of three (GRID_TILES), such a photo is read as paper
(tests/unit/ocr/test_ocr_bad_input.py, strict xfail); the halftone sheet is the commoner upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
import numpy.typing as npt

from ektp.ocr.engine import GreyImage

TILE = 256
MIN_FREQ, MAX_FREQ = 0.14, 0.5  # cycles per pixel: periods of 7 down to 2 pixels
SCREEN_PEAK_RATIO = (
    80.0  # calibrated in tests/unit/ocr/test_ocr_bad_input.py (paper and cards stayed under 60)
)
# Central tiles that must show the grid (of those showing something): a display's covers the picture, print is
# where it is. A copy shop's sheet of card copies, or a KK's copy with the cards' copies under it, has the
# copier's halftone in two tiles of five (measured 108-245 in them); every generated screen photo in three or more.
GRID_TILES = 3
LIT_TILE = 60.0  # mean grey level of a tile showing a page (a dark surround, a phone's black gallery, is not)
PEAK_FLOOR = 12.0  # a peak examined stands this many times above the band's median
MAX_PEAKS = 24
LATTICE_COS = 0.14  # perpendicular within about 8 degrees
PEAK_CONCENTRATION = 0.35  # share of the energy within SIDEBAND_BINS of a peak that stands in the peak
PEAK_BINS = 2  # the peak itself: the Hann window spreads a pure wave over about two bins either side
SIDEBAND_BINS = 12  # ~21-pixel rows: the sidebands of a pattern confined to text rows fall within this
SUBHARMONIC_SHARE = 0.7  # a peak at f/k this strong beside the peak at f: f is a longer pattern's harmonic
SUBHARMONIC_POINT = 0.1  # ... when it stands out of its neighbourhood (text's low frequencies crowd it)
LATTICE_SLACK = 0.08  # a combination's coefficients within this of whole numbers
SUBHARMONIC_MAX_PERIOD = 64.0  # photo pixels: fractions beyond this are the page's layout, not a pattern
# Where the grid stands: a display's in its whites (lit pixels in their dark matrix), a copier's halftone in the
# tints (white paper takes no dots). Measured in tiles over the threshold with a tenth or more of them white: the
# pattern's median amplitude in the whites over its 90th percentile in the tile, 0.98-0.99 on the 8 generated
# screen photos of the calibration (10 tiles); on sheets of a card's copies and a KK's copy with its cards' (the
# variety's two such layouts, seeds 790-799, clean and degraded; 16 tiles) 0.01-0.02, and 0.57 in one (its
# whites a light tint: it counts).
BRIGHTNESS_SIGMA = 6.0  # px: the brightness a pixel stands in, over a few of a display's pixels or dots
WHITE_PERCENTILE = 95.0
WHITE_FROM = 0.2  # of the height and width: the middle of the picture spans the rest
WHITE_MARGIN = 15.0  # grey levels under the white that still count as white
WHITE_SHARE_LEAST = 0.1  # of a tile: whites fewer than this do not tell where the pattern is
GRID_IN_WHITES = 0.3  # the pattern's amplitude in the whites, over its 90th percentile: under it, print
DEMODULATE_SIGMA = 4.0  # px: smoothing of the demodulated wave, a few periods of 2-7 px
# Whites burnt out: more than this share of them at this grey or over (an overexposed screen photo; the review
# of session 30 passed 3 of 64 generated ones, exposure x3, and read them whole, before this).
CLIPPED_GREY = 250
CLIPPED_SHARE = 0.5


@dataclass(frozen=True)
class ScreenEvidence:
    peak_ratio: float  # strongest isolated peak / median of the band, best tile
    period_px: float  # the period of that peak, in photo pixels

    @property
    def is_screen(self) -> bool:
        return self.peak_ratio >= SCREEN_PEAK_RATIO


@cache
def _discs() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The peak's own bins and its neighbourhood, as masks over a (2R+1)-square patch centred on it."""
    r = np.arange(-SIDEBAND_BINS, SIDEBAND_BINS + 1)
    dist2 = r[:, None] ** 2 + r[None, :] ** 2
    return dist2 <= PEAK_BINS**2, dist2 <= SIDEBAND_BINS**2


def _concentration(mag: npt.NDArray[np.float32], floor: float, y: int, x: int) -> float:
    """The share of the energy around bin (y, x), above the band's noise, that stands in the peak: near 1 for a
    grid that covers the tile, low for a pattern confined to rows (its energy spread along a streak)."""
    size = mag.shape[0]
    r = np.arange(-SIDEBAND_BINS, SIDEBAND_BINS + 1)
    patch = mag[np.ix_((y + r) % size, (x + r) % size)].astype(np.float64) ** 2
    patch = np.maximum(patch - floor**2, 0.0)
    core, disc = _discs()
    total = float(patch[disc].sum())
    return float(patch[core].sum()) / total if total > 0 else 0.0


@cache
def _band_mask(size: int) -> npt.NDArray[np.bool_]:
    f = np.fft.fftfreq(size)
    fy, fx = np.meshgrid(f, f, indexing="ij")
    radius = np.hypot(fx, fy)
    band = (radius >= MIN_FREQ) & (radius <= MAX_FREQ)
    # JPEG's block grid: energy at multiples of 1/8 cycle per pixel on either axis.
    step = size / 8
    near_x = np.abs(((np.arange(size) + step / 2) % step) - step / 2) <= 3
    jpeg = near_x[:, None] | near_x[None, :]
    return np.asarray(band & ~jpeg)


def _tiles(grey: GreyImage) -> list[GreyImage]:
    """Up to five tiles from the middle of the image (a screen photo's content sits there)."""
    h, w = grey.shape
    if h < TILE or w < TILE:
        return []
    cy, cx = h // 2, w // 2
    offsets = ((0, 0), (-1, -1), (-1, 1), (1, -1), (1, 1))
    out = []
    for dy, dx in offsets:
        y = min(max(0, cy - TILE // 2 + dy * h // 5), h - TILE)
        x = min(max(0, cx - TILE // 2 + dx * w // 5), w - TILE)
        out.append(grey[y : y + TILE, x : x + TILE])
    return out


def _strongest_near(mag: npt.NDArray[np.float32], y: float, x: float) -> tuple[int, int]:
    """The strongest of the 3 x 3 bins around the (fractional, signed) bin (y, x), wrapped into the spectrum."""
    size = mag.shape[0]
    ys = (round(y) + np.arange(-1, 2)) % size
    xs = (round(x) + np.arange(-1, 2)) % size
    iy, ix = np.unravel_index(int(np.argmax(mag[np.ix_(ys, xs)])), (3, 3))
    return int(ys[iy]), int(xs[ix])


def _is_local_max(mag: npt.NDArray[np.float32], y: int, x: int) -> bool:
    size = mag.shape[0]
    r = np.arange(-2, 3)
    return bool(mag[y, x] >= mag[np.ix_((y + r) % size, (x + r) % size)].max())


def _signed(size: int, y: int, x: int) -> tuple[int, int]:
    return (y - size if y > size // 2 else y), (x - size if x > size // 2 else x)


def _is_point(mag: npt.NDArray[np.float32], floor: float, y: int, x: int, least: float) -> bool:
    """A point peak at least `least` strong: a local maximum holding most of its neighbourhood's energy."""
    return (
        float(mag[y, x]) >= least
        and _is_local_max(mag, y, x)
        and _concentration(mag, floor, y, x) >= SUBHARMONIC_POINT
    )


def _is_harmonic(mag: npt.NDArray[np.float32], floor: float, y: int, x: int) -> bool:
    """Whether the peak at bin (y, x) is a harmonic of a longer periodic pattern: a local peak nearly as
    strong at an integer fraction of its frequency, beyond the band (a print's comb). A display grid's
    fundamental has none: below it stands only the page's content, spread."""
    size = mag.shape[0]
    sy, sx = _signed(size, y, x)
    least = SUBHARMONIC_SHARE * float(mag[y, x])
    k = 2
    while np.hypot(sy / k, sx / k) >= size / SUBHARMONIC_MAX_PERIOD:
        # Fractions within the band may be a display's own fundamental (its harmonics are peaks too).
        longer = np.hypot(sy / k, sx / k) < MIN_FREQ * size
        if longer and _is_point(mag, floor, *_strongest_near(mag, sy / k, sx / k), least):
            return True
        k += 1
    return False


def _long_points(mag: npt.NDArray[np.float32], floor: float, least: float) -> list[tuple[int, int]]:
    """Local peaks at periods longer than the band's (to SUBHARMONIC_MAX_PERIOD) at least `least` strong, as
    signed bins: a periodic print's fundamentals."""
    size = mag.shape[0]
    f = np.fft.fftfreq(size) * size
    radius = np.hypot(f[:, None], f[None, :])
    low = (radius < MIN_FREQ * size) & (radius >= size / SUBHARMONIC_MAX_PERIOD)
    is_max = (mag >= cv2.dilate(mag, np.ones((5, 5), np.uint8))) & low & (mag >= least)
    ys, xs = np.nonzero(is_max)
    return [
        _signed(size, int(y), int(x))
        for y, x in zip(ys, xs, strict=True)
        if _concentration(mag, floor, int(y), int(x)) >= SUBHARMONIC_POINT
    ]


def _on_two_way_lattice(mag: npt.NDArray[np.float32], y: int, x: int, longs: list[tuple[int, int]]) -> bool:
    """Whether the peak at bin (y, x) is a whole-number combination a g1 + b g2 of two long-period peaks
    nearly as strong (a crosshatch's two line directions: its peaks form a lattice, most of whose points
    have no fraction of their own on their line)."""
    size = mag.shape[0]
    sy, sx = _signed(size, y, x)
    least = SUBHARMONIC_SHARE * float(mag[y, x])
    points = [(gy, gx) for gy, gx in longs if mag[gy % size, gx % size] >= least]
    for i, (ay, ax) in enumerate(points):
        for by, bx in points[i + 1 :]:
            det = ay * bx - ax * by
            if abs(det) < 1e-9:
                continue
            a = (sy * bx - sx * by) / det
            b = (ay * sx - ax * sy) / det
            if abs(a - round(a)) <= LATTICE_SLACK and abs(b - round(b)) <= LATTICE_SLACK:
                return True
    return False


def _peaks(
    mag: npt.NDArray[np.float64], band: npt.NDArray[np.bool_], floor: float
) -> list[tuple[float, float, float]]:
    """Isolated spectral peaks in the band, each standing alone (not one point of a streak): (ratio to the
    band's median, fy, fx), strongest first."""
    m = mag.astype(np.float32)
    is_max = (m >= cv2.dilate(m, np.ones((5, 5), np.uint8))) & band & (m > PEAK_FLOOR * floor)
    freqs = np.fft.fftfreq(TILE)
    longs = _long_points(m, floor, SUBHARMONIC_SHARE * PEAK_FLOOR * floor)  # once: the weakest any peak asks
    ys, xs = np.nonzero(is_max)
    found = sorted(
        (
            (float(m[y, x] / floor), float(freqs[y]), float(freqs[x]))
            for y, x in zip(ys, xs, strict=True)
            if _concentration(m, floor, int(y), int(x)) >= PEAK_CONCENTRATION
            and not _is_harmonic(m, floor, int(y), int(x))
            and not _on_two_way_lattice(m, int(y), int(x), longs)
        ),
        reverse=True,
    )
    return found[:MAX_PEAKS]


def _lattice(peaks: list[tuple[float, float, float]]) -> tuple[float, float, list[tuple[float, float]]]:
    """The strongest pair of peaks at the same period in perpendicular directions (a grid of square pixels
    repeats alike along its rows and its columns; print's waves and a table's grain run one way): the weaker
    peak's ratio, the period, and the pair's frequencies (fy, fx) in cycles per pixel."""
    best: tuple[float, float, list[tuple[float, float]]] = (0.0, 0.0, [])
    for i, (ra, ya, xa) in enumerate(peaks):
        for rb, yb, xb in peaks[i + 1 :]:
            na, nb = np.hypot(ya, xa), np.hypot(yb, xb)
            if abs(na - nb) > 0.08 * max(na, nb):
                continue
            cos = abs(ya * yb + xa * xb) / (na * nb)
            if cos <= LATTICE_COS and min(ra, rb) > best[0]:
                best = (min(ra, rb), float(2 / (na + nb)), [(ya, xa), (yb, xb)])
    return best


def _grid_amplitude(
    high_passed: npt.NDArray[np.float32], freqs: list[tuple[float, float]]
) -> npt.NDArray[np.float32]:
    """Where in the tile the pattern at these frequencies stands, and how strongly: each frequency demodulated
    (the tile times a wave at it, smoothed over a few periods), the amplitudes summed."""
    yy, xx = np.mgrid[0:TILE, 0:TILE].astype(np.float32)
    amplitude = np.zeros_like(high_passed)
    for fy, fx in freqs:
        phase = 2 * np.pi * (fy * yy + fx * xx)
        real = cv2.GaussianBlur(high_passed * np.cos(phase), (0, 0), DEMODULATE_SIGMA)
        imaginary = cv2.GaussianBlur(high_passed * np.sin(phase), (0, 0), DEMODULATE_SIGMA)
        amplitude += np.hypot(real, imaginary)
    return amplitude


def _print_in_tints(
    amplitude: npt.NDArray[np.float32], whites: npt.NDArray[np.bool_], tile: npt.NDArray[np.float32]
) -> bool:
    """True when the pattern stands in the tile's tints and hardly in its whitest parts (its median amplitude
    there under GRID_IN_WHITES of its 90th percentile in the tile): a copier's halftone (white paper takes no
    dots), not a display (its white is lit pixels in their dark matrix, the grid at its strongest). Unknown,
    False, when too little of the tile is white to tell, or when its whites are clipped (an overexposed photo
    of a screen burns its white out, grid and all: the tints still show it)."""
    if float(whites.mean()) < WHITE_SHARE_LEAST:
        return False
    if float(np.mean(tile[whites] >= CLIPPED_GREY)) > CLIPPED_SHARE:
        return False
    in_whites = float(np.median(amplitude[whites]))
    return in_whites < GRID_IN_WHITES * float(np.percentile(amplitude, 90))


def screen_evidence(grey: GreyImage) -> ScreenEvidence:
    """The grid's peak as the third strongest of the central tiles shows it: a display's grid covers the
    whole screen, white page and print alike, so every tile of a screen photo shows it (the generated ones:
    four or five tiles of five over the threshold). A printed pattern at a display's pitch is where it was
    printed: a photocopier's halftone in a card's grey tint (a copy of a KTP, front and back, on white A4)
    showed in one tile only, up to 260 times its band, and the page was refused as a screen. A sheet of six
    copies puts the halftone in three tiles and more: a tile whose whitest parts show hardly any of its pattern
    (`_print_in_tints`) shows print, and measures nothing."""
    window = np.outer(np.hanning(TILE), np.hanning(TILE)).astype(np.float32)
    band = _band_mask(TILE)
    white: float | None = None  # the page's white, measured once and only for a tile over the threshold
    seen: list[ScreenEvidence] = []
    lit: list[ScreenEvidence] = []  # tiles of something shown or printed: not flat, not a dark surround
    for tile in _tiles(grey):
        t = tile.astype(np.float32)
        if float(t.std()) < 2.0:
            continue  # flat: nothing to measure
        lit_tile = float(t.mean()) >= LIT_TILE
        high_passed = t - cv2.GaussianBlur(t, (0, 0), 8)
        mag = np.abs(np.fft.fft2(high_passed * window))
        floor = float(np.median(mag[band]))
        if floor <= 0:
            continue
        ratio, period, freqs = _lattice(_peaks(mag, band, floor))
        if ratio >= SCREEN_PEAK_RATIO:
            white = _white_level(grey) if white is None else white
            whites = cv2.GaussianBlur(t, (0, 0), BRIGHTNESS_SIGMA) >= white
            if _print_in_tints(_grid_amplitude(high_passed, freqs), whites, t):
                ratio, period = 0.0, 0.0
        evidence = ScreenEvidence(round(ratio, 1), round(period, 2))
        seen.append(evidence)
        if lit_tile:
            lit.append(evidence)
    if len(lit) >= 2:  # the grid in GRID_TILES of them, or in each when fewer are lit
        return sorted(lit, key=lambda e: e.peak_ratio, reverse=True)[min(GRID_TILES, len(lit)) - 1]
    # One lit tile or none (a card shown on a phone's black gallery, the rest of the frame dark): no second
    # tile vouches for or against the grid; the strongest tile decides, as before.
    return max(seen, key=lambda e: e.peak_ratio, default=ScreenEvidence(0.0, 0.0))


def _white_level(grey: GreyImage) -> float:
    """The page's white: the upper percentile of the smoothed brightness over the middle 60% of the picture
    (where a screen photo's screen mostly is; a sheet of copies' white paper between them), less a margin."""
    h, w = grey.shape
    middle = grey[
        int(h * WHITE_FROM) : int(h * (1 - WHITE_FROM)), int(w * WHITE_FROM) : int(w * (1 - WHITE_FROM))
    ]
    step = max(1, int(BRIGHTNESS_SIGMA // 2))
    small = cv2.GaussianBlur(middle[::step, ::step].astype(np.float32), (0, 0), BRIGHTNESS_SIGMA / step)
    return float(np.percentile(small, WHITE_PERCENTILE)) - WHITE_MARGIN


# A phone's dark theme (a digital ID's screenshot, a night-mode app) shows light print on a dark ground; the
# engines and the binariser expect dark print on light paper. Print is a small part of any window a few text
# heights wide, so the window's median is the ground: print brighter than its ground by more than
# POLARITY_CONTRAST grey levels is light print, darker is dark print. A dark theme's screen holds hardly any dark
# print; a light card photographed on a patterned cloth holds its own dark print beside the cloth's light motifs.
# Measured on the 14 generated KTP layouts at three seeds, clean and degraded: light/dark print 0.00-0.9 on paper,
# cards and photos, 3.4-5.9 for a card on a batik cloth with light motifs; 11.2-61 on a dark theme's screenshot.
POLARITY_SIDE = 1000  # the image is measured at this longest side (text a few tens of pixels high)
POLARITY_WINDOW = 31  # px at that size: a few text heights, the print's ground
POLARITY_CONTRAST = 48  # grey levels above / below the ground
LIGHT_PRINT_RATIO = 8.0  # light print this many times dark print: the page is light on dark
LIGHT_PRINT_LEAST = 0.002  # of the pixels: less light print than this is no text at all


def light_print_on_dark(grey: GreyImage) -> bool:
    """True when the page's print is lighter than its ground (a dark theme): invert it before reading."""
    h, w = grey.shape[:2]
    scale = POLARITY_SIDE / max(h, w)
    small = (
        cv2.resize(grey, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        if scale < 1
        else grey
    )
    ground = cv2.medianBlur(small, POLARITY_WINDOW).astype(np.int16)
    above = small.astype(np.int16) - ground
    light = int(np.count_nonzero(above > POLARITY_CONTRAST))
    dark = int(np.count_nonzero(above < -POLARITY_CONTRAST))
    return light >= LIGHT_PRINT_LEAST * above.size and light > LIGHT_PRINT_RATIO * dark
