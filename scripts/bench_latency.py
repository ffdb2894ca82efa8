"""Latency of reading one 400x400 canvas: preprocessing plus inference, in-process, after warm-up.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_latency.py [--model FILE]

The canvas is an MNIST test digit drawn large on a 400x400 sheet, handed over the way a Qt canvas
would be (an RGBA array, and an 8-bit grayscale array). digitpad's reader is timed first: the model read
from its file in numpy, in a process that has not imported TensorFlow (whose threads and memory slow
everything else in a process down), preprocessing one digit and reading it. Then the whole of what the
window does after each stroke on the grayscale canvas it hands over (``numbers.read_drawing``: look for
several digits, read the one found), and the same with Why this reading on (the reading's reasons too).
Then Keras' ``model.predict`` is timed on the same input, in the same run.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from PIL import Image

from digitpad import paths
from digitpad.data import load_mnist
from digitpad.model_card import read_card
from digitpad.model_files import open_predictor
from digitpad.numbers import read_drawing
from digitpad.preprocess import digit_vector
from digitpad.verdict import Thresholds

WARM_UP, RUNS, KERAS_RUNS = 50, 2000, 200


def timed(read: Callable[[], object], runs: int) -> np.ndarray:
    for _ in range(WARM_UP):
        read()
    seconds = np.empty(runs)
    for i in range(runs):
        started = time.perf_counter()
        read()
        seconds[i] = time.perf_counter() - started
    return seconds * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    args = parser.parse_args()
    predict = open_predictor(args.model)  # as the window reads it: numpy, no TensorFlow
    digit = Image.fromarray(load_mnist().x_test[0]).resize((300, 300), Image.BILINEAR)
    sheet = Image.new("L", (400, 400), 255)
    sheet.paste(Image.eval(digit, lambda value: 255 - value), (60, 40))
    canvases = {"RGBA": np.asarray(sheet.convert("RGBA")), "grayscale": np.asarray(sheet)}
    ours = {
        kind: timed(lambda canvas=canvas: predict(digit_vector(canvas)[None]), RUNS)
        for kind, canvas in canvases.items()
    }
    vector = digit_vector(canvases["grayscale"])[None]
    forward = timed(lambda: predict(vector), RUNS)
    thresholds = Thresholds.from_card(read_card(args.model))
    gray = canvases["grayscale"]
    as_the_window = {
        reasons: timed(lambda reasons=reasons: read_drawing(gray, predict, thresholds, reasons=reasons), RUNS)
        for reasons in (False, True)
    }

    from digitpad.model import load_model  # TensorFlow only now, after digitpad's timings

    model = load_model(args.model)
    print(f"{'400x400 canvas':<16}{'reader':<34}{'p50 ms':>8}{'p99 ms':>8}")
    for kind, canvas in canvases.items():
        keras_ms = timed(lambda canvas=canvas: model.predict(digit_vector(canvas)[None], verbose=0), KERAS_RUNS)
        for reader, ms in (("digitpad (numpy forward pass)", ours[kind]), ("Keras model.predict", keras_ms)):
            print(f"{kind:<16}{reader:<34}{np.percentile(ms, 50):>8.3f}{np.percentile(ms, 99):>8.3f}")
        ratio = np.percentile(keras_ms, 50) / np.percentile(ours[kind], 50)
        print(f"{kind:<16}{'ratio Keras / digitpad at p50':<34}{ratio:>8.1f}")
    for reasons, ms in as_the_window.items():
        reader = "window, with Why this reading" if reasons else "window, after a stroke"
        print(f"{'grayscale':<16}{reader:<34}{np.percentile(ms, 50):>8.3f}{np.percentile(ms, 99):>8.3f}")
    print(
        f"{'(prepared)':<16}{'numpy forward pass alone':<34}{np.percentile(forward, 50):>8.3f}"
        f"{np.percentile(forward, 99):>8.3f}"
    )


if __name__ == "__main__":
    main()
