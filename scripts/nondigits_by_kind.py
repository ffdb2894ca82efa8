"""Which kinds of validation non-digit the model lets through, and as which digit.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/nondigits_by_kind.py [--model FILE]

Draws non-digits as train_shipped_model.py's validation non-digits are drawn (its seed, every shape, pairs of
validation digits), four times as many so that each shape gets about 60, and prints for each kind the share
the model's card thresholds give the verdict "digit", marking the shapes no training draws, and the digits
they are read as. Validation data only: no benchmark drawing and no test image is read.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np

from digitpad import paths
from digitpad.data import load_mnist, validation_split
from digitpad.model_card import read_card
from digitpad.model_files import open_predictor
from digitpad.nondigits import HELD_OUT_SHAPES, SHAPES, VALIDATION_NONDIGIT_SEED, make_nondigits
from digitpad.verdict import Thresholds, Verdict, verdict

COUNT = 4000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="mnist.npz or IDX folder (default: $DIGITPAD_MNIST)")
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    args = parser.parse_args()
    _, _, images, labels = validation_split(load_mnist(args.data))
    drawn, kinds = make_nondigits(COUNT, np.random.default_rng(VALIDATION_NONDIGIT_SEED), tuple(SHAPES), images, labels)
    thresholds = Thresholds.from_card(read_card(args.model))
    predict = open_predictor(args.model)
    try:
        readings = predict(drawn.reshape(len(drawn), -1))
    finally:
        predict.close()
    let_through = np.array([verdict(reading, thresholds) is Verdict.DIGIT for reading in readings])
    kinds = np.array(kinds)
    print(f"{'non-digit':12} {'':9} {'drawn':>5} {'digit':>6}  read as")
    for kind in sorted(set(kinds), key=lambda kind: (-let_through[kinds == kind].mean(), kind)):
        mine = kinds == kind
        read_as = Counter(readings[mine & let_through].argmax(axis=1).tolist()).most_common(2)
        held_out = "held out" if kind in HELD_OUT_SHAPES else ""
        as_digits = ", ".join(f"{digit} ({count})" for digit, count in read_as)
        print(f"{kind:12} {held_out:9} {mine.sum():5} {let_through[mine].mean():6.1%}  {as_digits}")
    print(f"all {len(kinds)}: {let_through.mean():.1%} given the verdict digit (thresholds {thresholds.as_dict()})")


if __name__ == "__main__":
    main()
