"""Tell two training recipes apart by k-fold cross-validation on the training images: a recipe and a variant.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/compare_recipes.py --variant closed_fours=0.5

The fixed validation split holds 1,969 images, on which a strong model makes about 15 mistakes: single
runs that differ by a few of them tell nothing. Here every training image is held out once: each fold
trains both recipes (same seed, so paired) on the other folds, calibrates them on its own fold as
training does, and reads it. The figures are over all the held-out images, and over the typed-digit
bank (mean of the folds' models). The test set is not read.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace

import numpy as np
from train_shipped_model import nondigits_called_digit, train_on_fold, validation_nondigits

from digitpad.data import as_vectors, fold_masks, load_mnist, typed_digits
from digitpad.training import RECIPES
from digitpad.verdict import Thresholds


def read_fold(recipe, data, seed: int) -> dict:
    """Train on the data's training images less its held-out fold, calibrate, and read the fold and the bank."""
    started = time.monotonic()
    predict, calibration, held, digits = train_on_fold(recipe, data, seed)
    typed_images, typed_labels = typed_digits()
    typed = predict(as_vectors(typed_images)).argmax(axis=1)
    return {
        "right": int(np.sum(held.argmax(axis=1) == digits)),
        "images": len(digits),
        "log_loss_sum": float(-np.sum(np.log(np.maximum(held[np.arange(len(digits)), digits], 1e-12)))),
        "typed": float(np.mean(typed == typed_labels)),
        "typed_fours": float(np.mean(typed[typed_labels == 4] == 4)),
        "nondigits_called_digit": nondigits_called_digit(
            validation_nondigits(predict, data), Thresholds.from_card(calibration)
        ),
        "seconds": round(time.monotonic() - started),
    }


def summary(runs: list[dict]) -> dict:
    images = sum(run["images"] for run in runs)
    return {
        "accuracy": sum(run["right"] for run in runs) / images,
        "log_loss": sum(run["log_loss_sum"] for run in runs) / images,
        "typed": float(np.mean([run["typed"] for run in runs])),
        "typed_fours": float(np.mean([run["typed_fours"] for run in runs])),
        "nondigits_called_digit": float(np.mean([run["nondigits_called_digit"] for run in runs])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="mnist.npz or IDX folder (default: $DIGITPAD_MNIST)")
    parser.add_argument("--recipe", default="digitpad-large", choices=sorted(RECIPES))
    parser.add_argument("--variant", required=True, help="FIELD=VALUE: the recipe with one setting changed")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--log", help="a JSON-lines file each fold's results are added to as they come")
    args = parser.parse_args()
    data = load_mnist(args.data)
    field, value = args.variant.split("=")
    base = RECIPES[args.recipe]
    recipes = {"recipe": base, "variant": replace(base, **{field: type(getattr(base, field))(value)})}
    runs: dict[str, list[dict]] = {name: [] for name in recipes}
    for fold, held_out in enumerate(fold_masks(len(data.x_train), args.folds)):
        for name, recipe in recipes.items():
            run = read_fold(recipe, replace(data, held_out=held_out), seed=fold)
            runs[name].append(run)
            print(f"fold {fold + 1}/{args.folds} {name}: {run}", flush=True)
            if args.log:
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps({"fold": fold, "name": name, "variant": args.variant, **run}) + "\n")
    for name in recipes:
        figures = summary(runs[name])
        print(f"{name:>8} ({args.variant if name == 'variant' else args.recipe}): " + ", ".join(
            f"{key} {value:.4%}" if key != "log_loss" else f"{key} {value:.4f}" for key, value in figures.items()
        ))  # fmt: skip


if __name__ == "__main__":
    main()
