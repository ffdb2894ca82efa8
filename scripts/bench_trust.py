"""Readings you can trust: accuracy, verdicts, calibration and confident mistakes, on digits and non-digits.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_trust.py [--model FILE]

Digit sets (the same canvases as ``bench_canvas.py``, same seed; typed digits need Debian's
``fonts-dejavu-core``/``fonts-dejavu-extra``): the MNIST test set as it is (28x28), the 10,000 MNIST
test digits on canvases, 2,000 of them redrawn with a finer or fatter pen, 2,000 typed digits.
For each: accuracy; the share given the verdict "digit" (coverage) and how often those are right;
the expected calibration error (15 bins) of the model as saved and, from the temperature on its card,
before calibration; and the confident mistakes (wrong at 90 % or more).

Non-digits, made here with a seed of their own (training uses another): shapes drawn with a shaky
hand, split into those the network was trained on (new drawings) and those it never saw; scribbles;
two MNIST *test* digits drawn over each other (both in sight); letters and symbols typed in DejaVu fonts (never
trained on). For each, the share of each verdict. Nothing here is used for training or for any choice.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from bench_canvas import CANVASES, font_canvases, font_files, mnist_canvases, pen_canvases, random_canvas
from PIL import Image, ImageDraw, ImageFont

from digitpad import paths
from digitpad.data import as_vectors, load_mnist
from digitpad.model_card import read_card
from digitpad.model_files import open_predictor
from digitpad.nondigits import HELD_OUT_SHAPES, TRAINING_SHAPES, make_nondigits
from digitpad.preprocess import EmptyDrawingError, digit_vector
from digitpad.verdict import Thresholds, Verdict, expected_calibration_error, verdict

NONDIGIT_SEED = 777  # training draws its non-digits with the training seed; these are other drawings
TYPED_NONDIGITS = "AEFHKMNRVWXCUYT+=#%?!&@*"
CONFIDENT = 0.9


def typed_nondigits(count: int, rng: np.random.Generator) -> list[Image.Image]:
    files = font_files()
    fonts = [ImageFont.truetype(str(f), 120) for f in files] or [ImageFont.load_default(120)]
    canvases = []
    for _ in range(count):
        glyph = Image.new("L", (300, 300), 0)
        text = TYPED_NONDIGITS[rng.integers(len(TYPED_NONDIGITS))]
        ImageDraw.Draw(glyph).text((150, 150), text, font=fonts[rng.integers(len(fonts))], fill=255, anchor="mm")
        canvases.append(random_canvas(CANVASES[rng.integers(len(CANVASES))], glyph.crop(glyph.getbbox()), rng))
    return canvases


def uncalibrated(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """Undo temperature scaling: softmax(T * log p) is softmax(logits) again."""
    logits = temperature * np.log(np.maximum(probabilities, 1e-30))
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def digit_row(name: str, probabilities: np.ndarray, labels: np.ndarray, thresholds: Thresholds, temperature: float):
    """One line: accuracy, accuracy when the verdict is "digit", coverage, ECE before and after, confident mistakes."""
    said = np.array([verdict(p, thresholds) is Verdict.DIGIT for p in probabilities])
    right = probabilities.argmax(axis=1) == labels
    confident_wrong = (~right) & (probabilities.max(axis=1) >= CONFIDENT)
    ece = expected_calibration_error(probabilities, labels)
    ece_before = expected_calibration_error(uncalibrated(probabilities, temperature), labels)
    print(
        f"{name:<34}{len(labels):>7,}{right.mean():>10.2%}{right[said].mean():>13.2%}{said.mean():>10.2%}"
        f"{ece_before:>12.2%}{ece:>9.2%}{confident_wrong.sum():>8} of {len(labels):,}"
    )


def interval(share: float, count: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a share seen in ``count`` independent drawings: how far the benchmark's own
    sampling alone could move it (a model trained again moves it further)."""
    centre = (share + z * z / (2 * count)) / (1 + z * z / count)
    half = z * np.sqrt(share * (1 - share) / count + z * z / (4 * count * count)) / (1 + z * z / count)
    return centre - half, centre + half


def verdict_row(name: str, probabilities: np.ndarray, thresholds: Thresholds) -> np.ndarray:
    said = [verdict(p, thresholds) for p in probabilities]
    shares = [np.mean([v is kind for v in said]) for kind in Verdict]
    print(f"{name:<44}{len(said):>7,}" + "".join(f"{share:>14.1%}" for share in shares))
    return np.array([v is Verdict.DIGIT for v in said])


def vectors_of(canvases: list[Image.Image]) -> np.ndarray:
    kept = []
    for canvas in canvases:
        try:
            kept.append(digit_vector(canvas))
        except EmptyDrawingError:
            continue
    return np.stack(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    data = load_mnist()
    card = read_card(args.model) or {}
    thresholds = Thresholds.from_card(card)
    temperature = float(card.get("validation", {}).get("temperature", 1.0))
    predict = open_predictor(args.model)
    started = time.monotonic()
    rng = np.random.default_rng(args.seed)  # the same canvases as bench_canvas.py
    mnist = mnist_canvases(data.x_test, rng)
    pens = pen_canvases(data.x_test[:2000], rng)
    typed, typed_labels, _ = font_canvases(rng)
    print(f"model {args.model}: verdict digit at {thresholds.digit:.4f} or more, not a digit when the two "
          f"likeliest digits hold under {thresholds.not_a_digit:.4f}; temperature {temperature:.3f}")  # fmt: skip
    print(f"{'digits':<34}{'count':>7}{'accuracy':>10}{'acc. digit':>13}{'coverage':>10}"
          f"{'ECE before':>12}{'ECE':>9}  confident mistakes")  # fmt: skip
    digit_row("MNIST test set (28x28)", predict(as_vectors(data.x_test)), data.y_test, thresholds, temperature)
    sets = [
        ("MNIST test digits on canvases", mnist, data.y_test),
        ("finer / fatter pen", pens, data.y_test[:2000]),
        ("typed digits (fonts)", typed, typed_labels),
    ]
    for name, canvases, labels in sets:
        vectors = np.stack([digit_vector(canvas) for canvas in canvases])
        digit_row(name, predict(vectors), labels, thresholds, temperature)
    all_vectors = np.concatenate([np.stack([digit_vector(c) for c in canvases]) for _, canvases, _ in sets])
    all_labels = np.concatenate([labels for _, _, labels in sets])
    digit_row("all canvases", predict(all_vectors), all_labels, thresholds, temperature)

    nd_rng = np.random.default_rng(NONDIGIT_SEED)
    print(f"\n{'non-digits':<44}{'count':>7}" + "".join(f"{kind.value:>14}" for kind in Verdict))
    seen_shapes, seen_kinds = make_nondigits(2000, nd_rng, TRAINING_SHAPES, data.x_test, data.y_test)
    new_shapes, new_kinds = make_nondigits(2000, nd_rng, HELD_OUT_SHAPES, data.x_test, data.y_test)
    groups = [
        ("shapes trained on (new drawings)", seen_shapes[np.isin(seen_kinds, TRAINING_SHAPES)]),
        ("shapes never trained on", new_shapes[np.isin(new_kinds, HELD_OUT_SHAPES)]),
        ("scribbles", seen_shapes[np.array(seen_kinds) == "scribble"]),
        ("two MNIST test digits overlapped", seen_shapes[np.array(seen_kinds) == "two digits"]),
    ]
    called_digit = [verdict_row(name, predict(images.reshape(len(images), 784)), thresholds) for name, images in groups]
    typed_none = vectors_of(typed_nondigits(1000, nd_rng))
    called_digit.append(verdict_row("letters and symbols typed in fonts", predict(typed_none), thresholds))
    called = np.concatenate(called_digit)
    low, high = interval(called.mean(), len(called))
    print(f"{'all non-digits':<44}{len(called):>7,}   given verdict digit: {called.mean():.1%} "
          f"(95 % interval {low:.1%}-{high:.1%})")  # fmt: skip
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
