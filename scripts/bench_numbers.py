"""Whole numbers: 2 to 6 digits side by side on wide canvases, read by digitpad's number reader.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_numbers.py [--model FILE] [--count N]

Numbers are made here with a fixed seed from MNIST test digits (never training digits) and from digits
typed in the DejaVu fonts (as scripts/bench_canvas.py types them; training never sees DejaVu). Each number
gets a digit height (30 to 130 px, each digit within 10 % of it), gaps between digits of 10 % to 60 % of
that height, each digit's baseline moved up or down by up to 15 % of it, a slope of up to 8 degrees, and
a canvas from 600x200 to 1200x400, dark ink on light or light on dark. A set has touching digits
(gaps of -5 % to 3 % of the height: their ink meets), to show how splitting fares; it has no target. Then numbers
with marks, and two such numbers of MNIST digits written one under the other (LINE_GAPS of paper between them).

Prints, per set: whole-number exact match, per-digit accuracy (over the numbers whose digit count came
out right) and how often the count is wrong; then the time to read a 6-digit number on an 800x300 canvas.
"""

from __future__ import annotations

import argparse
import itertools
import re
import time

import numpy as np
from bench_canvas import font_files, typed_digit
from PIL import Image, ImageDraw, ImageFont

from digitpad import paths
from digitpad.data import load_mnist
from digitpad.model_card import read_card
from digitpad.model_files import open_predictor
from digitpad.numbers import read_number
from digitpad.verdict import Thresholds

CANVAS_SIZES = [(600, 200), (800, 300), (1000, 300), (1200, 400), (900, 250)]
TIMING_CANVAS = (800, 300)
MARKS = {".", ",", "-"}
MARK_GAPS = (0.05, 0.3)  # the space either side of a mark, in digit heights
MARK_TOPS = {".": (0.05, 0.25), ",": (0.05, 0.2), "-": (0.4, 0.6)}  # how far above the baseline its top is
SUPERSAMPLE = 4  # marks are drawn this many times larger, then shrunk: smooth edges, as the digits have
LINE_GAPS = (0.3, 1.0)  # the paper between two lines, in the less high line's height


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
    text: str, glyph, rng: np.random.Generator, gaps: tuple[float, float], canvas: tuple[int, int] | None = None
) -> Image.Image:
    """Digits (and marks drawn by drawn_mark: a point, a comma, a dash) placed side by side on a canvas."""
    height = float(rng.uniform(30, 130))
    glyphs = []
    for character in text:
        if character in MARKS:
            glyphs.append(drawn_mark(character, height, rng))
            continue
        glyph_image = glyph(int(character))
        scale = height * rng.uniform(0.9, 1.1) / glyph_image.height
        size = (max(1, round(glyph_image.width * scale)), max(1, round(glyph_image.height * scale)))
        glyphs.append(glyph_image.resize(size, Image.BILINEAR))
    beside_mark = [MARK_GAPS if MARKS & {a, b} else gaps for a, b in itertools.pairwise(text)]
    spaces = [round(height * rng.uniform(*between)) for between in beside_mark]
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
        line = middle + slope * (x - width / 2)
        if text[index] in MARKS:  # a point's or comma's top a little above the baseline, a dash's half-way up
            y = line + height * fit * (0.5 - rng.uniform(*MARK_TOPS[text[index]]))
        else:
            y = line - glyph_image.height / 2 + rng.uniform(-0.15, 0.15) * height * fit
        placed = Image.new("L", sheet.size, 0)
        placed.paste(glyph_image, (round(x), round(y)))
        sheet = Image.fromarray(np.maximum(np.asarray(sheet), np.asarray(placed)))  # touching ink adds up, not covers
        x += glyph_image.width + (spaces[index] * fit if index < len(spaces) else 0)
    if rng.random() < 0.5:
        sheet = Image.eval(sheet, lambda value: 255 - value)
    return sheet


def drawn_mark(symbol: str, height: float, rng: np.random.Generator) -> Image.Image:
    """A handwritten point (a blob one to two pen widths across), comma (a blob with a tail down and to the
    left) or dash (a stroke a quarter to 0.6 of a digit long, a little askew), for digits ``height`` high written
    with MNIST's pen (about a tenth of their height); ink high."""
    pen = 0.1 * height * SUPERSAMPLE
    side = round(0.7 * height * SUPERSAMPLE)
    mark = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mark)
    if symbol == "-":
        length, tilt, thick = height * SUPERSAMPLE * rng.uniform(0.25, 0.6), rng.uniform(-0.15, 0.15), pen
        ends = [(pen, side / 2), (pen + length, side / 2 + tilt * length)]
        draw.line(ends, fill=255, width=round(thick * rng.uniform(0.8, 1.2)))
        for x, y in ends:  # round ends, as a pen leaves them
            draw.ellipse((x - thick / 2, y - thick / 2, x + thick / 2, y + thick / 2), fill=255)
        return _shrunk(mark)
    across = pen * rng.uniform(0.8, 2.0)
    tall = across * rng.uniform(0.75, 1.33)
    draw.ellipse((side / 2 - across / 2, 0, side / 2 + across / 2, tall), fill=255)
    if symbol == ",":
        length, lean = height * SUPERSAMPLE * rng.uniform(0.12, 0.25), np.deg2rad(rng.uniform(10, 40))
        end = (side / 2 - length * np.sin(lean), tall / 2 + length * np.cos(lean))
        draw.line([(side / 2, tall / 2), end], fill=255, width=max(1, round(pen * rng.uniform(0.5, 0.9))))
    return _shrunk(mark)


def _shrunk(mark: Image.Image) -> Image.Image:
    mark = mark.crop(mark.getbbox())
    return mark.resize((max(1, mark.width // SUPERSAMPLE), max(1, mark.height // SUPERSAMPLE)), Image.BOX)


def typed_number(text: str, font: ImageFont.FreeTypeFont, rng: np.random.Generator) -> Image.Image:
    """A number typed in ``font``: each character where the font's own advance puts it (its point or comma
    too), a little apart, in a random weight and slant, on a canvas at a random size and slope; ink high."""
    pen = int(rng.integers(0, 3))
    size = font.size
    line = Image.new("L", (size * (len(text) + 2), size * 3), 0)
    draw = ImageDraw.Draw(line)
    x = size / 2
    for character in text:
        draw.text((x, 2 * size), character, font=font, fill=255, anchor="ls", stroke_width=pen, stroke_fill=255)
        x += font.getlength(character) + size * rng.uniform(0.05, 0.15)
    slant = np.tan(np.deg2rad(rng.uniform(-15, 15)))
    line = line.transform(line.size, Image.AFFINE, (1, slant, -slant * 2 * size, 0, 1, 0), Image.BILINEAR)
    digit_height = font.getbbox("0123456789", anchor="ls")[3] - font.getbbox("0123456789", anchor="ls")[1]
    line = line.crop(line.getbbox())
    scale = rng.uniform(30, 130) / (digit_height + 2 * pen)
    line = line.resize((max(1, round(line.width * scale)), max(1, round(line.height * scale))), Image.BILINEAR)
    line = line.rotate(rng.uniform(-8, 8), resample=Image.BILINEAR, expand=True)
    width, height = CANVAS_SIZES[rng.integers(len(CANVAS_SIZES))]
    fit = min(1.0, (width - 20) / line.width, (height - 20) / line.height)
    line = line.resize((max(1, round(line.width * fit)), max(1, round(line.height * fit))), Image.BILINEAR)
    sheet = Image.new("L", (width, height), 0)
    sheet.paste(line, ((width - line.width) // 2, (height - line.height) // 2))
    return Image.eval(sheet, lambda value: 255 - value) if rng.random() < 0.5 else sheet


def digits_text(rng: np.random.Generator, fewest: int = 2, most: int = 6) -> str:
    """``fewest`` to ``most`` random digits."""
    return "".join(map(str, rng.integers(0, 10, size=rng.integers(fewest, most + 1))))


def decimal_text(rng: np.random.Generator) -> str:
    """2 to 6 digits with a point or comma between two of them."""
    digits = digits_text(rng)
    at = int(rng.integers(1, len(digits)))
    return digits[:at] + str(rng.choice([".", ","])) + digits[at:]


def dashed_text(rng: np.random.Generator) -> str:
    """A negative number (a minus and 1 to 5 digits) or 2 to 6 digits with a dash between two of them, as in a
    date or a phone number; half each."""
    if rng.random() < 0.5:
        return "-" + digits_text(rng, 1, 5)
    digits = digits_text(rng)
    at = int(rng.integers(1, len(digits)))
    return digits[:at] + "-" + digits[at:]


def two_lines(texts: tuple[str, str], glyph, rng: np.random.Generator) -> Image.Image:
    """Two numbers made by make_number, the second written under the first with LINE_GAPS of paper between them."""
    lines = []
    for text in texts:
        line = make_number(text, glyph, rng, (0.1, 0.6))
        if np.asarray(line).mean() > 127:  # light on dark, for now: both lines get the same paper
            line = Image.eval(line, lambda value: 255 - value)
        lines.append(line.crop(line.getbbox()))
    gap = round(min(line.height for line in lines) * rng.uniform(*LINE_GAPS))
    width, height = max(line.width for line in lines) + 40, sum(line.height for line in lines) + gap + 40
    sheet = Image.new("L", (width, height), 0)
    sheet.paste(lines[0], (20 + round(rng.uniform(0, width - 40 - lines[0].width)), 20))
    sheet.paste(lines[1], (20 + round(rng.uniform(0, width - 40 - lines[1].width)), 20 + lines[0].height + gap))
    return Image.eval(sheet, lambda value: 255 - value) if rng.random() < 0.5 else sheet


def score(texts: list[str], images: list[Image.Image], predict, thresholds) -> dict[str, float]:
    """Exact match; whether the points and commas read are the ones written (where they stand, exact match says);
    per-digit accuracy over the numbers whose digit count came out right; how often that count is wrong."""
    exact = marks_right = count_wrong = right_digits = counted_digits = 0
    for text, image in zip(texts, images, strict=True):
        number = read_number(image, predict, thresholds).number
        exact += number == text
        read, written = re.sub(r"\D", "", number), re.sub(r"\D", "", text)
        marks_right += re.sub(r"\d", "", number) == re.sub(r"\d", "", text)
        if len(read) != len(written):
            count_wrong += 1
            continue
        right_digits += sum(a == b for a, b in zip(read, written, strict=True))
        counted_digits += len(written)
    return {
        "exact match": exact / len(texts),
        "marks right": marks_right / len(texts),
        "per digit": right_digits / max(counted_digits, 1),
        "count wrong": count_wrong / len(texts),
    }


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
    print(f"{'numbers':<34}{'count':>6}{'exact match':>13}{'marks right':>13}{'per digit':>11}{'count wrong':>13}")

    def report(name: str, texts: list[str], images: list[Image.Image]) -> None:
        figures = score(texts, images, predict, thresholds)
        print(f"{name:<34}{len(texts):>6}" + "".join(f"{value:>{len(key) + 2}.2%}" for key, value in figures.items()))

    for name, (kind, gaps) in sets.items():
        glyph = glyph_source(kind, rng)
        texts = [digits_text(rng) for _ in range(args.count)]
        report(name, texts, [make_number(text, glyph, rng, gaps) for text in texts])
    # Numbers with marks come after the sets above, so that those are the same numbers as before marks were read.
    fonts = [ImageFont.truetype(str(f), 120) for f in font_files()] or [ImageFont.load_default(120)]
    for what, text in (("a point or comma", decimal_text), ("a dash or minus", dashed_text)):
        glyph = glyph_source("mnist", rng)
        texts = [text(rng) for _ in range(args.count)]
        report(f"MNIST digits, {what}", texts, [make_number(t, glyph, rng, (0.1, 0.6)) for t in texts])
        texts = [text(rng) for _ in range(args.count)]
        report(f"typed (DejaVu), {what}", texts, [typed_number(t, fonts[rng.integers(len(fonts))], rng) for t in texts])
    lines_rng = np.random.default_rng([args.seed, 2])  # its own: the numbers timed below stay the ones they were
    glyph = glyph_source("mnist", lines_rng)
    pairs = [(digits_text(lines_rng), digits_text(lines_rng)) for _ in range(args.count)]
    report(
        "MNIST digits, two lines", ["\n".join(pair) for pair in pairs], [two_lines(p, glyph, lines_rng) for p in pairs]
    )

    glyph = glyph_source("mnist", rng)
    six = [
        make_number("".join(map(str, rng.integers(0, 10, size=6))), glyph, rng, (0.1, 0.6), TIMING_CANVAS)
        for _ in range(20)
    ]
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
