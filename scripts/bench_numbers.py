"""Whole numbers: 2 to 6 digits side by side on wide canvases, read by digitpad's number reader.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_numbers.py [--model FILE] [--count N]

Numbers are made here with a fixed seed from MNIST test digits (never training digits) and from digits
typed in the DejaVu fonts (as scripts/bench_canvas.py types them; training never sees DejaVu). Each number
gets a digit height (30 to 130 px, each digit within 10 % of it), gaps between digits of 10 % to 60 % of
that height, each digit's baseline moved up or down by up to 15 % of it, a slope of up to 8 degrees, and
a canvas from 600x200 to 1200x400, dark ink on light or light on dark. A last set has touching digits
(gaps of -5 % to 3 % of the height: their ink meets), to show how splitting fares; it has no target.

Prints, per set: whole-number exact match, per-digit accuracy (over the numbers whose digit count came
out right) and how often the count is wrong; then the time to read a 6-digit number on an 800x300 canvas.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from bench_canvas import font_files, typed_digit
from PIL import Image, ImageFont

from digitpad import paths
from digitpad.data import load_mnist
from digitpad.model_card import read_card
from digitpad.model_files import open_predictor
from digitpad.numbers import read_number
from digitpad.verdict import Thresholds

CANVAS_SIZES = [(600, 200), (800, 300), (1000, 300), (1200, 400), (900, 250)]
TIMING_CANVAS = (800, 300)


def glyph_source(kind: str, rng: np.random.Generator):
    """A function digit -> a cropped glyph image (L, ink high) of that digit."""
    if kind == "mnist":
        test = load_mnist()
        by_digit = [np.flatnonzero(test.y_test == d) for d in range(10)]

        def mnist_glyph(digit: int) -> Image.Image:
            image = Image.fromarray(test.x_test[rng.choice(by_digit[digit])])
            return image.crop(image.getbbox())

        return mnist_glyph
    fonts = [ImageFont.truetype(str(f), 120) for f in font_files()] or [ImageFont.load_default(120)]
    return lambda digit: typed_digit(digit, fonts[rng.integers(len(fonts))], rng)


def make_number(
    digits: list[int], glyph, rng: np.random.Generator, gaps: tuple[float, float], canvas: tuple[int, int] | None = None
) -> Image.Image:
    height = float(rng.uniform(30, 130))
    glyphs = []
    for digit in digits:
        glyph_image = glyph(digit)
        scale = height * rng.uniform(0.9, 1.1) / glyph_image.height
        size = (max(1, round(glyph_image.width * scale)), max(1, round(glyph_image.height * scale)))
        glyphs.append(glyph_image.resize(size, Image.BILINEAR))
    spaces = [round(height * rng.uniform(*gaps)) for _ in glyphs[1:]]
    total = sum(g.width for g in glyphs) + sum(spaces)
    width, sheet_height = canvas or CANVAS_SIZES[rng.integers(len(CANVAS_SIZES))]
    slope = np.tan(np.deg2rad(rng.uniform(-8, 8)))
    fit = min(1.0, (width - 20) / total, (sheet_height - 20) / (height * 1.4 + abs(slope) * total))
    sheet = Image.new("L", (width, sheet_height), 0)
    x = (width - total * fit) / 2
    middle = sheet_height / 2
    for index, glyph_image in enumerate(glyphs):
        glyph_image = glyph_image.resize(
            (max(1, round(glyph_image.width * fit)), max(1, round(glyph_image.height * fit)))
        )
        y = middle + slope * (x - width / 2) - glyph_image.height / 2 + rng.uniform(-0.15, 0.15) * height * fit
        placed = Image.new("L", sheet.size, 0)
        placed.paste(glyph_image, (round(x), round(y)))
        sheet = Image.fromarray(np.maximum(np.asarray(sheet), np.asarray(placed)))  # touching ink adds up, not covers
        x += glyph_image.width + (spaces[index] * fit if index < len(spaces) else 0)
    if rng.random() < 0.5:
        sheet = Image.eval(sheet, lambda value: 255 - value)
    return sheet


def score(numbers: list[list[int]], images: list[Image.Image], predict, thresholds) -> tuple[float, float, float]:
    exact = count_wrong = 0
    right_digits = counted_digits = 0
    for digits, image in zip(numbers, images, strict=True):
        reading = read_number(image, predict, thresholds)
        read = [d.digit for d in reading.digits]
        exact += reading.number == "".join(map(str, digits))
        if len(read) != len(digits):
            count_wrong += 1
            continue
        right_digits += sum(a == b for a, b in zip(read, digits, strict=True))
        counted_digits += len(digits)
    return exact / len(numbers), right_digits / max(counted_digits, 1), count_wrong / len(numbers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    parser.add_argument("--count", type=int, default=1000, help="numbers per set (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=2027)  # 11 was used while the reader was being built
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    predict = open_predictor(args.model)
    thresholds = Thresholds.from_card(read_card(args.model))
    sets = {
        "MNIST test digits": ("mnist", (0.1, 0.6)),
        "typed digits (DejaVu)": ("typed", (0.1, 0.6)),
        "touching MNIST digits": ("mnist", (-0.05, 0.03)),
    }
    print(f"{'numbers of 2-6 digits':<26}{'count':>7}{'exact match':>13}{'per digit':>11}{'count wrong':>13}")
    for name, (kind, gaps) in sets.items():
        glyph = glyph_source(kind, rng)
        numbers = [list(rng.integers(0, 10, size=rng.integers(2, 7))) for _ in range(args.count)]
        images = [make_number(digits, glyph, rng, gaps) for digits in numbers]
        exact, per_digit, wrong_count = score(numbers, images, predict, thresholds)
        print(f"{name:<26}{len(numbers):>7}{exact:>13.2%}{per_digit:>11.2%}{wrong_count:>13.2%}")

    glyph = glyph_source("mnist", rng)
    six = [make_number(list(rng.integers(0, 10, size=6)), glyph, rng, (0.1, 0.6), TIMING_CANVAS) for _ in range(20)]
    canvases = [np.asarray(image) for image in six]
    for canvas in canvases:  # warm up
        read_number(canvas, predict, thresholds)
    seconds = []
    for _ in range(50):
        for canvas in canvases:
            started = time.perf_counter()
            read_number(canvas, predict, thresholds)
            seconds.append(time.perf_counter() - started)
    ms = np.array(seconds) * 1000
    print(f"6-digit number on {TIMING_CANVAS[0]}x{TIMING_CANVAS[1]}: p50 {np.percentile(ms, 50):.2f} ms, "
          f"p99 {np.percentile(ms, 99):.2f} ms ({len(ms)} reads of {len(canvases)} numbers)")  # fmt: skip


if __name__ == "__main__":
    main()
