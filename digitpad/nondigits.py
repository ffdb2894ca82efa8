"""Drawings that are not digits, made by code with a fixed seed: letters, symbols, doodles, scribbles,
and two digits drawn over each other.

The network is taught to give them a flat output (every digit 10 %), so that "not a digit" can be told
apart from a digit it is sure of. Training and measuring use different seeds and partly different
shapes (``TRAINING_SHAPES`` and ``HELD_OUT_SHAPES`` share none), so the benchmark also shows how the
network does on kinds of non-digit it never saw.
Each drawing is drawn at 112 px with a round pen and then goes through digitpad's own preprocessing,
so the network sees it exactly as it would see the same thing drawn on the pad.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from digitpad.preprocess import EmptyDrawingError, digit_image, square_filter

Point = tuple[float, float]
CANVAS = 112
# A pair of digits drawn over each other is a non-digit only if each keeps at least this share of its strokes
# away from the other's (chosen by eye on pairs of training digits: below it, most pairs read as one digit).
OWN_INK = 0.2


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, stop: float) -> list[Point]:
    count = max(2, round(abs(stop - start) / 10))
    angles = (math.radians(start + (stop - start) * i / count) for i in range(count + 1))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def _star() -> list[Point]:
    return [(0.3 * math.sin(math.radians(144 * i)), -0.3 * math.cos(math.radians(144 * i))) for i in range(6)]


def _spiral() -> list[Point]:
    return [(0.03 * t * math.cos(t), 0.03 * t * math.sin(t)) for t in np.linspace(0, 10, 60)]


# Shapes as strokes in page units: the drawing's box is about 0.6 high, (0, 0) its centre, y down.
# Letters that people write like a digit (O, I, l, S, Z, B, G, q, D, P, J) are not here on purpose.
SHAPES: dict[str, list[list[Point]]] = {
    "A": [[(-0.18, 0.28), (0, -0.28), (0.18, 0.28)], [(-0.1, 0.05), (0.1, 0.05)]],
    "E": [[(0.16, -0.28), (-0.14, -0.28), (-0.14, 0.28), (0.16, 0.28)], [(-0.14, 0), (0.1, 0)]],
    "F": [[(0.16, -0.28), (-0.14, -0.28), (-0.14, 0.28)], [(-0.14, 0), (0.1, 0)]],
    "H": [[(-0.15, -0.28), (-0.15, 0.28)], [(0.15, -0.28), (0.15, 0.28)], [(-0.15, 0), (0.15, 0)]],
    "K": [[(-0.14, -0.28), (-0.14, 0.28)], [(0.15, -0.28), (-0.14, 0.03), (0.16, 0.28)]],
    "M": [[(-0.18, 0.28), (-0.16, -0.28), (0, 0.05), (0.16, -0.28), (0.18, 0.28)]],
    "N": [[(-0.15, 0.28), (-0.15, -0.28), (0.15, 0.28), (0.15, -0.28)]],
    "R": [[(-0.14, 0.28), (-0.14, -0.28), *_arc(-0.02, -0.14, 0.14, 0.14, -90, 90), (-0.14, 0), (0.16, 0.28)]],
    "V": [[(-0.18, -0.28), (0, 0.28), (0.18, -0.28)]],
    "W": [[(-0.24, -0.28), (-0.12, 0.28), (0, -0.05), (0.12, 0.28), (0.24, -0.28)]],
    "X": [[(-0.16, -0.28), (0.16, 0.28)], [(0.16, -0.28), (-0.16, 0.28)]],
    "C": [_arc(0, 0, 0.18, 0.28, 45, 315)],
    "U": [[(-0.16, -0.28), *_arc(0, 0.08, 0.16, 0.2, 180, 0), (0.16, -0.28)]],
    "Y": [[(-0.16, -0.28), (0, 0)], [(0.16, -0.28), (0, 0), (0, 0.28)]],
    "T": [[(-0.2, -0.28), (0.2, -0.28)], [(0, -0.28), (0, 0.28)]],
    "plus": [[(-0.25, 0), (0.25, 0)], [(0, -0.25), (0, 0.25)]],
    "equals": [[(-0.25, -0.08), (0.25, -0.08)], [(-0.25, 0.08), (0.25, 0.08)]],
    "hash": [
        [(-0.1, -0.28), (-0.14, 0.28)],
        [(0.12, -0.28), (0.08, 0.28)],
        [(-0.24, -0.1), (0.24, -0.1)],
        [(-0.26, 0.1), (0.22, 0.1)],
    ],
    "percent": [
        [(0.2, -0.28), (-0.2, 0.28)],
        _arc(-0.13, -0.18, 0.07, 0.08, 0, 360),
        _arc(0.13, 0.18, 0.07, 0.08, 0, 360),
    ],
    "question": [[*_arc(0, -0.13, 0.14, 0.13, 190, 400), (0, 0.1)], _arc(0, 0.26, 0.02, 0.02, 0, 360)],
    "exclamation": [[(0, -0.28), (0, 0.12)], _arc(0, 0.26, 0.02, 0.02, 0, 360)],
    "star": [_star()],
    "smiley": [
        _arc(0, 0, 0.28, 0.28, 0, 360),
        _arc(-0.1, -0.08, 0.02, 0.03, 0, 360),
        _arc(0.1, -0.08, 0.02, 0.03, 0, 360),
        _arc(0, 0.04, 0.15, 0.12, 20, 160),
    ],
    "heart": [[*_arc(-0.12, -0.12, 0.12, 0.12, 0, -180)[::-1], (0, 0.28), *_arc(0.12, -0.12, 0.12, 0.12, 0, -180)]],
    "triangle": [[(0, -0.26), (0.26, 0.22), (-0.26, 0.22), (0, -0.26)]],
    "square": [[(-0.22, -0.22), (0.22, -0.22), (0.22, 0.22), (-0.22, 0.22), (-0.22, -0.22)]],
    "arrow": [[(-0.28, 0), (0.28, 0)], [(0.12, -0.14), (0.28, 0), (0.12, 0.14)]],
    "check": [[(-0.22, 0), (-0.05, 0.22), (0.25, -0.28)]],
    "spiral": [_spiral()],
    "wave": [[(x, 0.12 * math.sin(x * 14)) for x in np.linspace(-0.3, 0.3, 40)]],
    "at": [[*_arc(0, 0, 0.1, 0.1, 0, 360), (0.1, 0.1), *_arc(0, 0, 0.26, 0.26, 20, 340)]],
    "times": [[(-0.18, -0.18), (0.18, 0.18)], [(0.18, -0.18), (-0.18, 0.18)]],
}
HELD_OUT_SHAPES = ("C", "U", "Y", "T", "check", "spiral", "wave", "at", "times")
VALIDATION_NONDIGIT_SEED = 4242  # of the validation non-digits that choices are made on (train_shipped_model.py)
TRAINING_SHAPES = tuple(name for name in SHAPES if name not in HELD_OUT_SHAPES)


def make_nondigits(
    count: int,
    rng: np.random.Generator,
    shapes: tuple[str, ...],
    digits: np.ndarray,
    labels: np.ndarray,
) -> tuple[np.ndarray, list[str]]:
    """``count`` non-digits as the network sees them, (count, 28, 28) float32, and what each one is
    (a shape's name, "scribble" or "two digits").

    Half are ``shapes`` drawn with a shaky hand, a quarter scribbles, a quarter two of ``digits`` (MNIST
    images with their ``labels``) of different kinds drawn over each other.
    """
    images, names = [], []
    while len(images) < count:
        draw = rng.random()
        if draw < 0.5:
            name = shapes[rng.integers(len(shapes))]
            picture = draw_strokes(SHAPES[name], rng)
        elif draw < 0.75:
            name, picture = "scribble", draw_strokes(_scribble(rng), rng)
        else:
            name, picture = "two digits", _two_digits(digits, labels, rng)
        try:
            images.append(digit_image(picture))
        except EmptyDrawingError:
            continue
        names.append(name)
    return np.stack(images), names


def draw_strokes(strokes: list[list[Point]], rng: np.random.Generator) -> Image.Image:
    """Strokes drawn as a person might: slanted, squashed, shaky, with a pen of some width."""
    slant, squash = rng.uniform(-0.3, 0.3), rng.uniform(0.8, 1.25)
    angle = math.radians(rng.uniform(-15, 15))
    cos, sin = math.cos(angle), math.sin(angle)
    picture = Image.new("L", (CANVAS, CANVAS), 0)
    pen = ImageDraw.Draw(picture)
    width = int(rng.integers(5, 12))
    for stroke in strokes:
        points = []
        for x, y in stroke:
            x, y = (x + slant * y) * squash, y / squash
            x, y = x * cos - y * sin, x * sin + y * cos
            x, y = x + rng.normal(0, 0.012), y + rng.normal(0, 0.012)
            points.append((CANVAS / 2 + x * CANVAS * 1.4, CANVAS / 2 + y * CANVAS * 1.4))
        pen.line(points, fill=255, width=width, joint="curve")
        for end in (points[0], points[-1]):  # round caps
            pen.ellipse([end[0] - width / 2, end[1] - width / 2, end[0] + width / 2, end[1] + width / 2], fill=255)
    return picture


def _scribble(rng: np.random.Generator) -> list[list[Point]]:
    """One or two random wandering strokes."""
    strokes = []
    for _ in range(int(rng.integers(1, 3))):
        steps = rng.normal(0, 0.08, (int(rng.integers(6, 16)), 2)).cumsum(axis=0)
        steps -= steps.mean(axis=0)
        strokes.append([(float(x), float(y)) for x, y in steps])
    return strokes


def _two_digits(digits: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> Image.Image:
    """Two MNIST digits of different kinds drawn over each other, a little apart, both of them in sight."""
    while True:
        first = int(rng.integers(len(digits)))
        others = np.flatnonzero(labels != labels[first])
        second = int(others[rng.integers(len(others))])
        placed = [np.zeros((40, 40), np.uint8) for _ in range(2)]
        offsets = ((6, 6), tuple(rng.integers(2, 11, 2)))
        for layer, index, (dy, dx) in zip(placed, (first, second), offsets, strict=True):
            layer[dy : dy + 28, dx : dx + 28] = digits[index]
        if _both_in_sight(*placed):
            return Image.fromarray(np.maximum(*placed))


def _both_in_sight(first: np.ndarray, second: np.ndarray) -> bool:
    """Whether each digit keeps OWN_INK of its strokes off the other's: a 1 inside a 7, or a 3 over an 8, is seen
    as one digit (a 7, an 8), and a pad that called it "not a digit" would be wrong."""
    strokes = [layer > 0.3 * 255 for layer in (first, second)]
    near = [square_filter(mask.astype(np.float32), 3, np.maximum) > 0 for mask in strokes]  # and next to them
    return all((mask & ~near[1 - i]).sum() >= OWN_INK * mask.sum() for i, mask in enumerate(strokes))
