"""How honest the model's confidence is on each font family of the typed bank it was calibrated on.

    .venv/bin/python scripts/calibration_by_font.py [--model FILE]

The temperature is fitted on the validation split and on the whole typed bank (resources/typed-digits.npz,
61 fonts, no DejaVu), so the bank as a whole is calibrated. One font family can still be read more or less
surely than it is read right: this prints, per family, accuracy, mean confidence and ECE (15 bins), which
bounds how close one temperature can bring any single family, such as the canvas benchmark's DejaVu, to a
target. Validation data only: no benchmark canvas and no test image is read.
"""

from __future__ import annotations

import argparse
import re

import numpy as np

from digitpad import paths
from digitpad.data import as_vectors, typed_bank
from digitpad.model_files import open_predictor
from digitpad.verdict import expected_calibration_error

STYLE = re.compile(r"(Bold|Italic|Oblique|Regular|Book|Light|Demi)+$")


def family(font_file: str) -> str:
    """'LiberationSans-BoldItalic.ttf' and 'FreeSansBoldOblique.ttf' -> 'LiberationSans', 'FreeSans'."""
    return STYLE.sub("", re.split(r"[-.]", font_file)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(paths.shipped_model_path()))
    args = parser.parse_args()
    images, labels, font_files = typed_bank()
    predict = open_predictor(args.model)
    try:
        probabilities = predict(as_vectors(images))
    finally:
        predict.close()
    families = np.array([family(str(font_file)) for font_file in font_files])
    print(f"{'font family':24} {'fonts':>5} {'digits':>6} {'accuracy':>9} {'confidence':>10} {'ECE':>7}")
    errors = []
    for name in sorted(set(families)):
        mine = families == name
        read, truth = probabilities[mine], labels[mine]
        errors.append(expected_calibration_error(read, truth))
        accuracy, confidence = np.mean(read.argmax(axis=1) == truth), read.max(axis=1).mean()
        fonts_in_family = len(set(font_files[mine]))
        print(f"{name:24} {fonts_in_family:5} {mine.sum():6} {accuracy:9.2%} {confidence:10.2%} {errors[-1]:7.2%}")
    errors = np.array(errors)
    whole = expected_calibration_error(probabilities, labels)
    print(f"whole bank: ECE {whole:.2%}; families over 3 %: {np.sum(errors > 0.03)} of {len(errors)}")


if __name__ == "__main__":
    main()
