"""Latency of reading one 400x400 canvas: preprocessing plus inference, in-process, after warm-up.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_latency.py [--model FILE]

The canvas is an MNIST test digit drawn large on a 400x400 sheet, handed over the way a Qt canvas
would be (an RGBA array, and an 8-bit grayscale array). digitpad's numpy forward pass is timed
against Keras' ``model.predict`` on the same input in the same run.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from PIL import Image

from digitpad import paths
from digitpad.data import load_mnist
from digitpad.model import fast_predictor, load_model
from digitpad.preprocess import digit_vector

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
    model = load_model(args.model)
    predict = fast_predictor(model)
    digit = Image.fromarray(load_mnist().x_test[0]).resize((300, 300), Image.BILINEAR)
    sheet = Image.new("L", (400, 400), 255)
    sheet.paste(Image.eval(digit, lambda value: 255 - value), (60, 40))
    canvases = {"RGBA": np.asarray(sheet.convert("RGBA")), "grayscale": np.asarray(sheet)}

    print(f"{'400x400 canvas':<16}{'reader':<34}{'p50 ms':>8}{'p99 ms':>8}")
    for kind, canvas in canvases.items():
        ours = timed(lambda canvas=canvas: predict(digit_vector(canvas)), RUNS)
        keras_ms = timed(lambda canvas=canvas: model.predict(digit_vector(canvas)[None], verbose=0), KERAS_RUNS)
        for reader, ms in (("digitpad (numpy forward pass)", ours), ("Keras model.predict", keras_ms)):
            print(f"{kind:<16}{reader:<34}{np.percentile(ms, 50):>8.3f}{np.percentile(ms, 99):>8.3f}")
        ratio = np.percentile(keras_ms, 50) / np.percentile(ours, 50)
        print(f"{kind:<16}{'ratio Keras / digitpad at p50':<34}{ratio:>8.1f}")
    vector = digit_vector(canvases["grayscale"])
    forward = timed(lambda: predict(vector), RUNS)
    print(
        f"{'(prepared)':<16}{'numpy forward pass alone':<34}{np.percentile(forward, 50):>8.3f}"
        f"{np.percentile(forward, 99):>8.3f}"
    )


if __name__ == "__main__":
    main()
