"""Canvas robustness: digits as a person puts them on a drawing pad, read by digitpad.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_canvas.py [--model FILE]

Two sets of canvas-like drawings, made here with a fixed seed:
- every MNIST test digit blown up onto a canvas of random shape (square, wide, tall; 200 to 800 px),
  at a random size (40 px to the whole shorter side) and position, dark ink on light or light on
  dark, as grayscale, RGB, opaque RGBA or ink on a transparent RGBA layer;
- the first 2,000 MNIST test digits redrawn in black and white at 280 px, their strokes (about 25 px)
  made 2-12 px finer or 2-20 px fatter, then placed the same way;
- digits typed in every DejaVu font on the machine (Pillow's own font if there is none), at random
  size, position, slant (up to 15 degrees either way) and pen width, in the same colour variants.
Each set is read four ways: the seeds' reference recipe (trained in this run, on the same data) and
the shipped model, each after digitpad's preprocessing and after a naive whole-canvas resize to 28x28.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from digitpad import paths
from digitpad.data import load_mnist
from digitpad.model import fast_predictor, load_model, train
from digitpad.preprocess import digit_image, digit_vector, ink_map
from digitpad.training import RECIPES

CANVASES = [(400, 400), (640, 360), (300, 600), (280, 280), (800, 600), (200, 200)]
FONT_DIGITS_PER_CLASS = 200
PEN_DIGITS = 2000


def random_canvas(sheet_size: tuple[int, int], glyph: Image.Image, rng: np.random.Generator) -> Image.Image:
    """``glyph`` (L, ink high) scaled to a random size and pasted at a random place in a random colour scheme."""
    width, height = sheet_size
    side = int(rng.integers(40, min(width, height) + 1))
    scale = side / max(glyph.size)
    glyph = glyph.resize((max(1, round(glyph.width * scale)), max(1, round(glyph.height * scale))), Image.BILINEAR)
    sheet = Image.new("L", sheet_size, 0)
    sheet.paste(glyph, (int(rng.integers(0, width - glyph.width + 1)), int(rng.integers(0, height - glyph.height + 1))))
    style = rng.integers(4)
    if style == 3:  # ink on a transparent layer
        layer = Image.new("RGBA", sheet_size, (20, 20, 20, 0))
        layer.putalpha(sheet)
        return layer
    if rng.random() < 0.5:
        sheet = Image.eval(sheet, lambda value: 255 - value)  # dark ink on light paper
    return sheet.convert(("L", "RGB", "RGBA")[style])


def mnist_canvases(digits: np.ndarray, rng: np.random.Generator) -> list[Image.Image]:
    return [random_canvas(CANVASES[rng.integers(len(CANVASES))], Image.fromarray(d), rng) for d in digits]


def pen_canvases(digits: np.ndarray, rng: np.random.Generator) -> list[Image.Image]:
    """Each digit as a crisp 280 px drawing, its strokes (about 25 px) made 2-12 px finer or 2-20 px fatter."""
    images = []
    for digit in digits:
        drawing = Image.fromarray(digit).resize((280, 280), Image.BILINEAR).point(lambda v: 255 if v > 100 else 0)
        if rng.random() < 0.5:
            drawing = drawing.filter(ImageFilter.MinFilter(int(rng.choice([3, 5, 7, 9, 11, 13]))))
        else:
            drawing = drawing.filter(ImageFilter.MaxFilter(int(rng.choice([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]))))
        images.append(random_canvas(CANVASES[rng.integers(len(CANVASES))], drawing.crop(drawing.getbbox()), rng))
    return images


def font_files() -> list[Path]:
    # Monospaced digits (slashed or dotted zeros) and the maths font are not how people write.
    fonts = Path("/usr/share/fonts").rglob("DejaVu*.ttf")
    return sorted(p for p in fonts if "Mono" not in p.stem and "Math" not in p.stem)


def typed_digit(digit: int, font: ImageFont.FreeTypeFont, rng: np.random.Generator) -> Image.Image:
    pen = int(rng.integers(0, 4))
    canvas = Image.new("L", (300, 300), 0)
    ImageDraw.Draw(canvas).text(
        (150, 150), str(digit), font=font, fill=255, anchor="mm", stroke_width=pen, stroke_fill=255
    )
    slant = np.tan(np.deg2rad(rng.uniform(-15, 15)))
    canvas = canvas.transform(canvas.size, Image.AFFINE, (1, slant, -slant * 150, 0, 1, 0), Image.BILINEAR)
    return canvas.crop(canvas.getbbox())


def font_canvases(rng: np.random.Generator) -> tuple[list[Image.Image], np.ndarray, list[str]]:
    files = font_files()
    fonts = [ImageFont.truetype(str(f), 120) for f in files] or [ImageFont.load_default(120)]
    names = [f.stem for f in files] or ["Pillow default"]
    labels = np.repeat(np.arange(10), FONT_DIGITS_PER_CLASS)
    images = [
        random_canvas(
            CANVASES[rng.integers(len(CANVASES))], typed_digit(int(d), fonts[rng.integers(len(fonts))], rng), rng
        )
        for d in labels
    ]
    return images, labels, names


def naive_vector(image: Image.Image) -> np.ndarray:
    """The whole canvas squeezed to 28x28 (same ink and polarity detection, no cropping or centring)."""
    ink = Image.fromarray(ink_map(image), mode="F").resize((28, 28), Image.BOX)
    return np.asarray(ink, dtype=np.float32).reshape(784) / max(1e-6, float(np.max(ink)))


def save_sheet(path: str, images: list[Image.Image], predict, columns: int = 8) -> None:
    """Each canvas (shrunk, on a checkerboard where transparent) over the 28x28 image the model reads."""
    cell, band = 160, 2 * 160 + 24
    sheet = Image.new("RGB", (cell * columns, band * -(-len(images) // columns)), "white")
    draw = ImageDraw.Draw(sheet)
    for i, image in enumerate(images):
        left, top = (i % columns) * cell + 4, (i // columns) * band + 4
        thumb = image.convert("RGBA")
        thumb.thumbnail((cell - 8, cell - 8))
        board = Image.new("RGBA", thumb.size, (200, 200, 200, 255))
        board.paste(Image.new("RGBA", thumb.size, (255, 255, 255, 255)), (0, 0), _checker_mask(thumb.size))
        board.alpha_composite(thumb)
        sheet.paste(board.convert("RGB"), (left, top))
        draw.rectangle((left - 1, top - 1, left + thumb.width, top + thumb.height), outline="gray")
        seen = digit_image(image)
        model_input = Image.fromarray((seen * 255).astype(np.uint8)).resize((cell - 8, cell - 8), Image.NEAREST)
        sheet.paste(model_input, (left, top + cell))
        probabilities = predict(seen.reshape(1, 784))[0]
        caption = f"reads {probabilities.argmax()} ({probabilities.max():.0%})"
        draw.text((left + 4, top + 2 * cell - 2), caption, fill="black", font=ImageFont.load_default(16))
    sheet.save(path)


def _checker_mask(size: tuple[int, int]) -> Image.Image:
    y, x = np.mgrid[0 : size[1], 0 : size[0]]
    return Image.fromarray(((x // 8 + y // 8) % 2 * 255).astype(np.uint8))


def most_common_mistakes(read: np.ndarray, labels: np.ndarray, count: int = 4) -> str:
    pairs, times = np.unique(np.stack([labels[read != labels], read[read != labels]]), axis=1, return_counts=True)
    order = np.argsort(-times)[:count]
    return ", ".join(f"{pairs[0, i]} -> {pairs[1, i]}: {times[i]}" for i in order)


def accuracy(predict, vectors: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(predict(vectors).argmax(axis=1) == labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sheet", metavar="PNG", help="also save a picture of some canvases and what the model sees")
    args = parser.parse_args()
    data = load_mnist()
    rng = np.random.default_rng(args.seed)
    started = time.monotonic()
    sets = {"MNIST test digits on canvases": (mnist_canvases(data.x_test, rng), data.y_test)}
    sets["MNIST digits, finer/fatter pen"] = (pen_canvases(data.x_test[:PEN_DIGITS], rng), data.y_test[:PEN_DIGITS])
    typed, typed_labels, names = font_canvases(rng)
    sets["typed digits (fonts)"] = (typed, typed_labels)
    print(
        f"made {sum(len(s[0]) for s in sets.values()):,} canvases in {time.monotonic() - started:.0f} s; "
        f"fonts: {', '.join(names)}"
    )

    models = {
        "seeds' reference recipe": fast_predictor(train(data, RECIPES["reference"])),
        "shipped model": fast_predictor(load_model(args.model)),
    }
    print(f"models trained on {data.describe()}")
    print(f"{'set':<32}{'model':<26}{'naive resize':>14}{'digitpad':>12}")
    totals: dict[tuple[str, str], list[float]] = {}
    mistakes = []
    for set_name, (images, labels) in sets.items():
        naive = np.stack([naive_vector(image) for image in images])
        ours = np.stack([digit_vector(image) for image in images])
        for model_name, predict in models.items():
            scores = (accuracy(predict, naive, labels), accuracy(predict, ours, labels))
            totals.setdefault(("all canvases", model_name), []).append((scores, len(labels)))
            print(f"{set_name:<32}{model_name:<26}{scores[0]:>14.2%}{scores[1]:>12.2%}")
        mistakes.append(f"{set_name}: {most_common_mistakes(models['shipped model'](ours).argmax(axis=1), labels)}")
    if args.sheet:
        picks = [*range(0, 10000, 2500), *range(10000, 12000, 500), *range(12000, 14000, 250)]
        images = [image for images, _ in sets.values() for image in images]
        save_sheet(args.sheet, [images[i] for i in picks], models["shipped model"])
    for (set_name, model_name), parts in totals.items():
        count = sum(n for _, n in parts)
        naive, ours = (sum(s[i] * n for s, n in parts) / count for i in (0, 1))
        print(f"{set_name:<32}{model_name:<26}{naive:>14.2%}{ours:>12.2%}")
    print("the shipped model's most common mistakes (true -> read: count):")
    print("\n".join(mistakes))


if __name__ == "__main__":
    main()
