"""Does progress reporting slow training down? `digitpad train`'s path against a bare ``model.fit``.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_train.py

Both run the reference recipe (5 epochs, batch 128) on the same data in the same process, five
times each, alternating (runs of the same thing vary by about 20 % on 2 cores); digitpad's run
reports progress to the terminal exactly as `digitpad train` does.
"""

from __future__ import annotations

import statistics
import sys
import time

import keras

from digitpad.cli import ProgressBar
from digitpad.data import as_vectors, load_mnist
from digitpad.model import CLASSES, build_model, train
from digitpad.training import RECIPES

ROUNDS = 5


def bare_fit(data) -> float:
    recipe = RECIPES["reference"]
    started = time.perf_counter()
    x, y = as_vectors(data.x_train), keras.utils.to_categorical(data.y_train, CLASSES)
    model = build_model(recipe, total_steps=1)
    model.fit(x, y, epochs=recipe.epochs, batch_size=recipe.batch_size, verbose=0)
    return time.perf_counter() - started


def digitpad_train(data) -> float:
    bar = ProgressBar(sys.stderr)
    started = time.perf_counter()
    train(data, RECIPES["reference"], on_progress=bar.show)
    bar.finish()
    return time.perf_counter() - started


def main() -> None:
    data = load_mnist()
    print(f"data: {data.describe()}")
    bare_fit(data)  # warm-up: TensorFlow's first graph building is paid once per process
    bare, ours = [], []
    for _ in range(ROUNDS):
        bare.append(bare_fit(data))
        ours.append(digitpad_train(data))
    print(f"bare model.fit:  {', '.join(f'{s:.2f} s' for s in bare)}")
    print(f"digitpad train:  {', '.join(f'{s:.2f} s' for s in ours)}")
    print(
        f"ratio digitpad / bare: best of {ROUNDS} {min(ours) / min(bare):.2f}, "
        f"median {statistics.median(ours) / statistics.median(bare):.2f}"
    )


if __name__ == "__main__":
    main()
