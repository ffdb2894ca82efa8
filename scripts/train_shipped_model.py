"""Train the model digitpad ships, and the seeds' reference recipe beside it on the same data.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/train_shipped_model.py

Writes resources/digitpad-model.keras and its card resources/digitpad-model.json, and prints both
recipes' MNIST test accuracy from this one run.
"""

from __future__ import annotations

import argparse
import time

from digitpad import paths
from digitpad.data import load_mnist
from digitpad.evaluation import evaluate
from digitpad.model import fast_predictor, save_model, train, write_model_card
from digitpad.training import RECIPES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="mnist.npz or IDX folder (default: $DIGITPAD_MNIST)")
    parser.add_argument("--out", default=str(paths.shipped_model_path()))
    args = parser.parse_args()
    data = load_mnist(args.data)
    print(f"data: {data.describe()}")

    results = {}
    for name in ("reference", "digitpad"):
        started = time.monotonic()
        model = train(data, RECIPES[name])
        seconds = time.monotonic() - started
        results[name] = (model, evaluate(fast_predictor(model), data), seconds)
        print(
            f"{name:>10}: test accuracy {results[name][1].accuracy:.2%}, loss {results[name][1].loss:.4f}, "
            f"trained in {seconds:.0f} s"
        )

    model, evaluation, seconds = results["digitpad"]
    out = save_model(model, args.out)
    reference = results["reference"][1]
    write_model_card(
        out,
        RECIPES["digitpad"],
        data,
        evaluation,
        train_seconds=round(seconds, 1),
        reference_recipe_test_accuracy=round(reference.accuracy, 4),
        made_by="scripts/train_shipped_model.py",
    )
    print(f"saved {out} and its card {out.with_suffix('.json')}")


if __name__ == "__main__":
    main()
