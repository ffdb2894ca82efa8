"""Random distortions of MNIST digits toward what people draw on a pad.

People's digits are slanted, rotated, squashed, wobbly and drawn with pens of every width. Each
training epoch sees a freshly distorted copy of every image, so the network learns the digit, not
the handwriting of the 1990s census clerks. Vectorised numpy: a whole epoch takes about a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 28


@dataclass(frozen=True)
class Distortion:
    rotation_degrees: float = 12.0
    shear: float = 0.25
    scale_range: tuple[float, float] = (0.85, 1.1)
    aspect_range: tuple[float, float] = (0.85, 1.15)
    shift_pixels: float = 1.5
    wobble_pixels: float = 1.5  # amplitude of the smooth elastic displacement
    wobble_grid: int = 4  # control points per side of that displacement
    thicker_fraction: float = 0.15
    thinner_fraction: float = 0.1


def distort(images: np.ndarray, rng: np.random.Generator, distortion: Distortion = Distortion()) -> np.ndarray:
    """(n, 28, 28) images in [0, 1] -> freshly distorted float32 copies of the same shape."""
    images = _vary_stroke_width(np.asarray(images, dtype=np.float32), rng, distortion)
    source_y, source_x = _sample_points(len(images), rng, distortion)
    distorted = _bilinear(images, source_y, source_x)
    # The darkest ink is 1, as preprocessing makes it for a drawing.
    peak = distorted.max(axis=(1, 2), keepdims=True)
    return np.divide(distorted, peak, out=distorted, where=peak > 0)


def _vary_stroke_width(images: np.ndarray, rng: np.random.Generator, distortion: Distortion) -> np.ndarray:
    images = images.copy()
    draw = rng.random(len(images))
    thicker = draw < distortion.thicker_fraction
    thinner = (draw >= distortion.thicker_fraction) & (draw < distortion.thicker_fraction + distortion.thinner_fraction)
    images[thicker] = _cross_filter(images[thicker], np.maximum)
    images[thinner] = _cross_filter(images[thinner], np.minimum)
    return images


def _cross_filter(images: np.ndarray, combine: np.ufunc) -> np.ndarray:
    """Grey dilation (maximum) or erosion (minimum) over each pixel and its four neighbours."""
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    result = padded[:, 1:-1, 1:-1].copy()
    for dy, dx in ((0, 1), (2, 1), (1, 0), (1, 2)):
        combine(result, padded[:, dy : dy + SIDE, dx : dx + SIDE], out=result)
    return result


def _sample_points(count: int, rng: np.random.Generator, d: Distortion) -> tuple[np.ndarray, np.ndarray]:
    """For each output pixel of each image, the point of the source image it comes from."""
    angle = np.deg2rad(rng.uniform(-d.rotation_degrees, d.rotation_degrees, count))
    shear = rng.uniform(-d.shear, d.shear, count)
    scale = rng.uniform(*d.scale_range, count)
    aspect = rng.uniform(*d.aspect_range, count)
    cos, sin = np.cos(angle), np.sin(angle)
    # Inverse map output -> source: rotation, then shear along x, then per-axis scale.
    a = np.stack([[cos, -sin], [sin, cos]]).transpose(2, 0, 1)
    a = a @ np.stack([[np.ones(count), shear], [np.zeros(count), np.ones(count)]]).transpose(2, 0, 1)
    a = a / np.stack([scale * aspect, scale / aspect], axis=1)[:, :, None]

    centre = (SIDE - 1) / 2
    grid_y, grid_x = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32) - centre
    shift = rng.uniform(-d.shift_pixels, d.shift_pixels, (count, 2))
    wobble = _smooth_field(count, rng, d)
    source_y = a[:, 0, 0, None, None] * grid_y + a[:, 0, 1, None, None] * grid_x
    source_x = a[:, 1, 0, None, None] * grid_y + a[:, 1, 1, None, None] * grid_x
    source_y += centre + shift[:, 0, None, None] + wobble[:, 0]
    source_x += centre + shift[:, 1, None, None] + wobble[:, 1]
    return source_y, source_x


def _smooth_field(count: int, rng: np.random.Generator, d: Distortion) -> np.ndarray:
    """(count, 2, 28, 28) displacements: random control points, bilinearly upsampled."""
    coarse = rng.uniform(-d.wobble_pixels, d.wobble_pixels, (count, 2, d.wobble_grid, d.wobble_grid))
    positions = np.linspace(0, d.wobble_grid - 1, SIDE)
    upsample = np.maximum(0.0, 1.0 - np.abs(positions[:, None] - np.arange(d.wobble_grid)[None, :]))
    return np.einsum("yi,ncij,xj->ncyx", upsample, coarse, upsample).astype(np.float32)


def _bilinear(images: np.ndarray, source_y: np.ndarray, source_x: np.ndarray) -> np.ndarray:
    """Sample each image at fractional points; outside the image is background (0)."""
    count = len(images)
    width = SIDE + 2
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1))).ravel()
    y0, x0 = np.floor(source_y), np.floor(source_x)
    fy, fx = (source_y - y0).astype(np.float32), (source_x - x0).astype(np.float32)
    # Shift into the padded image; points beyond it clip onto its zero border, and so read background.
    row = y0.astype(np.int64) + 1
    col = x0.astype(np.int64) + 1
    y0, y1 = np.clip(row, 0, SIDE + 1), np.clip(row + 1, 0, SIDE + 1)
    x0, x1 = np.clip(col, 0, SIDE + 1), np.clip(col + 1, 0, SIDE + 1)
    base = (np.arange(count) * width * width)[:, None, None]

    def at(y: np.ndarray, x: np.ndarray) -> np.ndarray:
        return padded.take(base + y * width + x)

    top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx
    bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx
    return (top * (1 - fy) + bottom * fy).astype(np.float32)


def add_serifs_to_ones(
    images: np.ndarray, labels: np.ndarray, rng: np.random.Generator, fraction: float = 0.3
) -> np.ndarray:
    """Give some 1s a foot bar and some a flag, as many people write them (MNIST's 1s are bare strokes).

    ``images`` (n, 28, 28) in [0, 1], ``labels`` (n,) digits; returns a copy.
    """
    images = images.copy()
    for index in np.flatnonzero((labels == 1) & (rng.random(len(labels)) < fraction)):
        image = images[index]
        rows = np.flatnonzero(image.max(axis=1) > 0.5)
        if len(rows) < 8:
            continue
        top, bottom = rows[0], rows[-1]
        height = bottom - top + 1
        x_top, x_bottom = (float(np.average(np.arange(SIDE), weights=image[r] + 1e-6)) for r in (top, bottom))
        if rng.random() < 0.5:  # a foot: a bar across the bottom of the stroke
            half = height * rng.uniform(0.2, 0.35)
            left, right = int(max(0, round(x_bottom - half))), int(min(SIDE, round(x_bottom + half) + 1))
            image[max(0, bottom - 1) : bottom + 1, left:right] = 1.0
        if rng.random() < 0.7:  # a flag: a short stroke down and to the left from the top
            length = height * rng.uniform(0.2, 0.35)
            for t in np.linspace(0.0, 1.0, 12):
                y, x = round(top + 0.9 * length * t), round(x_top - 0.8 * length * t)
                image[y : y + 2, max(0, x) : max(0, x) + 2] = 1.0
    return images


def close_tops_of_fours(
    images: np.ndarray, labels: np.ndarray, rng: np.random.Generator, fraction: float = 0.5
) -> np.ndarray:
    """Turn some open-top 4s into closed-top ones, as 4s are printed and many people write them: the arm
    goes and a diagonal runs from the stem's top to the crossbar's left end. MNIST's 4s are nearly all
    open, so a closed 4 used to read as 1, 8 or 9.

    Only 4s with a crossbar out past the stem are closed: a U-shaped 4 closed at the top would be a 9.
    ``images`` (n, 28, 28) in [0, 1], ``labels`` (n,) digits; returns a copy.
    """
    images = images.copy()
    for index in np.flatnonzero((labels == 4) & (rng.random(len(labels)) < fraction)):
        closed = _closed_four(images[index])
        if closed is not None:
            images[index] = closed
    return images


def _closed_four(image: np.ndarray) -> np.ndarray | None:
    rows = np.flatnonzero(image.max(axis=1) > 0.5)
    if len(rows) < 10:
        return None
    top, bottom = rows[0], rows[-1]
    apart = [row for row in range(top, top + (bottom - top + 1) // 2) if len(_ink_runs(image[row])) == 2]
    if not apart:
        return None
    (_, arm_right), (stem_left, _) = _ink_runs(image[apart[0]])
    below_gap = range(apart[-1] + 1, bottom - 4)
    bar = next((row for row in below_gap if _joining_run(image[row], arm_right, stem_left)), None)
    if bar is None or bar - top < (bottom - top) / 4:
        return None
    bar_left = _joining_run(image[bar], arm_right, stem_left)[0]
    bar_right = max(end for row in range(bar, bar + 3) for _, end in _ink_runs(image[row]))
    stem_below = _ink_runs(image[bar + 5])
    if not stem_below or bar_right < stem_below[-1][1] + 2:
        return None
    split = (arm_right + stem_left) // 2
    columns = np.arange(split + 1, SIDE)
    stem_top = int(np.flatnonzero(image[:, split + 1 :].max(axis=1) > 0.5)[0])
    stem_x = float(np.average(columns, weights=image[stem_top, split + 1 :] + 1e-6))
    closed = image.copy()
    closed[: bar - 1, : split + 1] = 0.0
    for t in np.linspace(0.0, 1.0, 30):
        y, x = round(stem_top + (bar - stem_top) * t), round(stem_x + (bar_left - stem_x) * t)
        closed[max(0, y - 1) : y + 1, max(0, x - 1) : x + 1] = 1.0
    return closed


def _ink_runs(row: np.ndarray) -> list[tuple[int, int]]:
    """The (first, last) columns of each run of ink in a row."""
    ink = np.flatnonzero(row > 0.5)
    if not len(ink):
        return []
    breaks = np.flatnonzero(np.diff(ink) > 1)
    return list(zip(np.r_[ink[0], ink[breaks + 1]].tolist(), np.r_[ink[breaks], ink[-1]].tolist(), strict=True))


def _joining_run(row: np.ndarray, arm_right: int, stem_left: int) -> tuple[int, int] | None:
    """The run of ink that reaches from the arm to the stem: the crossbar."""
    return next(((start, end) for start, end in _ink_runs(row) if start <= arm_right and end >= stem_left), None)
