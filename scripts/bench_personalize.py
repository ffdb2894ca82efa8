"""Does teaching the model your handwriting help? A style no model has seen, taught with 10 drawings a digit.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_personalize.py [--model FILE]

The style is an engineer's hand, drawn by code with a fixed seed: a zero with a slash through it, a one with
a flag and a foot, a seven with a bar across its stem, a four with an open top, and every digit narrow and
leaning back. 60 drawings of each digit; 10 of each are kept as samples (as the window and
`digitpad samples add` keep them) and the model is personalized on them exactly as `digitpad personalize`
does it, in a child process, timed from start to saved model (TensorFlow's import included). Then the other
50 of each digit are read by the model before and after, and the MNIST test set too.
A second run times personalizing on 500 drawings.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad import paths
from digitpad.data import as_vectors, load_mnist
from digitpad.gui.demo import DIGIT_STROKES, _arc
from digitpad.model_files import open_predictor
from digitpad.nondigits import draw_strokes
from digitpad.preprocess import digit_image

PER_DIGIT, TAUGHT = 60, 10
STYLE = {
    0: [_arc(0, 0, 0.14, 0.28, -90, 270), [(0.16, -0.3), (-0.16, 0.3)]],
    1: [[(-0.1, -0.17), (0.02, -0.28), (0.02, 0.28)], [(-0.1, 0.28), (0.14, 0.28)]],
    4: [[(-0.05, -0.28), (-0.16, 0.06), (0.2, 0.06)], [(0.1, -0.28), (0.1, 0.28)]],
    7: [[(-0.16, -0.26), (0.16, -0.26), (-0.04, 0.28)], [(-0.08, 0.02), (0.14, 0.02)]],
}


def engineer_digit(digit: int, rng: np.random.Generator) -> Image.Image:
    """One drawing in the style: its own strokes for 0, 1, 4, 7; every digit narrow and leaning back."""
    lean = math.tan(math.radians(-18))
    strokes = [[(0.7 * (x + lean * y), y) for x, y in stroke] for stroke in STYLE.get(digit, DIGIT_STROKES[digit])]
    return Image.eval(draw_strokes(strokes, rng), lambda value: 255 - value)  # dark ink on white, as the pad


def read(model: str, images: list[Image.Image]) -> np.ndarray:
    predict = open_predictor(model)
    try:
        return predict(np.stack([digit_image(image).reshape(-1) for image in images])).argmax(axis=1)
    finally:
        predict.close()


def personalize(home: Path, base: str, out: Path, drawings: list[tuple[Image.Image, int]]) -> float:
    """Keep the drawings as samples and run `digitpad personalize`; the seconds it took."""
    env = {**os.environ, "DIGITPAD_HOME": str(home)}
    with tempfile.TemporaryDirectory() as folder:
        for index, (image, digit) in enumerate(drawings):
            image.save(Path(folder) / f"{index}-{digit}.png")
        for digit in sorted({digit for _, digit in drawings}):
            files = [str(Path(folder) / f"{index}-{d}.png") for index, (_, d) in enumerate(drawings) if d == digit]
            subprocess.run([sys.executable, "-m", "digitpad", "samples", "add", "--label", str(digit), *files],
                           env=env, check=True, capture_output=True)  # fmt: skip
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "digitpad", "personalize", "--model", base, "--out", str(out)],
                          env=env, capture_output=True, text=True)  # fmt: skip
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(done.stderr)
    print(done.stdout.strip())
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    drawings = [(engineer_digit(d, rng), d) for d in range(10) for _ in range(PER_DIGIT)]
    taught = [pair for i, pair in enumerate(drawings) if i % PER_DIGIT < TAUGHT]
    rest = [pair for i, pair in enumerate(drawings) if i % PER_DIGIT >= TAUGHT]
    truth = np.array([digit for _, digit in rest])
    test = load_mnist()

    with tempfile.TemporaryDirectory() as home:
        out = Path(home) / "personal.keras"
        seconds = personalize(Path(home), args.model, out, taught)
        before, after = (read(m, [image for image, _ in rest]) for m in (args.model, str(out)))
        mnist = [
            float(np.mean(open_predictor(m)(as_vectors(test.x_test)).argmax(axis=1) == test.y_test))
            for m in (args.model, str(out))
        ]
    errors_before, errors_after = int(np.sum(before != truth)), int(np.sum(after != truth))
    print(f"engineer's hand, {len(rest)} drawings not taught: {errors_before} wrong before, {errors_after} after "
          f"({1 - errors_after / max(errors_before, 1):.0%} of the errors gone)")  # fmt: skip
    for digit in range(10):
        mask = truth == digit
        print(
            f"  {digit}: right before {np.mean(before[mask] == digit):.0%}, after {np.mean(after[mask] == digit):.0%}"
        )
    print(
        f"MNIST test accuracy: {mnist[0]:.2%} before, {mnist[1]:.2%} after ({100 * (mnist[1] - mnist[0]):+.2f} points)"
    )
    print(f"personalizing on {len(taught)} drawings took {seconds:.1f} s")

    many = [(engineer_digit(d, rng), d) for d in range(10) for _ in range(50)]
    with tempfile.TemporaryDirectory() as home:
        seconds = personalize(Path(home), args.model, Path(home) / "personal.keras", many)
    print(f"personalizing on {len(many)} drawings took {seconds:.1f} s")


if __name__ == "__main__":
    main()
