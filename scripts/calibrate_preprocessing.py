"""Measure the preprocessing constants on the validation split of the training images (never the test set).

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/calibrate_preprocessing.py

Prints MNIST's pen widths at the working size (5th percentile, median, 95th: ``PEN_RANGE``) and the
boldest digit's longer-side-squared over area (``DOT_RATIO`` must stay below it, above a filled disc's
1.27), as ``digitpad/preprocess.py`` measures them, for the constants there.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from digitpad import preprocess
from digitpad.data import load_mnist, validation_split


def main() -> None:
    _, _, images, _ = validation_split(load_mnist())
    widths, ratios = [], []
    for digit in images:
        box, area = preprocess._strong_ink_box(preprocess.drawing_ink(digit).amount)
        longer = max(box[2] - box[0], box[3] - box[1])
        ratios.append(longer * longer / area)
        crop = Image.fromarray(digit).crop(box)
        widths.append(preprocess._pen_width(preprocess._scale_to_box(crop, preprocess.WORK_BOX)))
    low, median, high = np.percentile(widths, [5, 50, 95])
    print(f"{len(images):,} validation digits (training images held out)")
    print(f"pen width at {preprocess.WORK_BOX} px: 5th percentile {low:.1f}, median {median:.1f}, 95th {high:.1f}")
    print(f"longer side squared over area: boldest digit {min(ratios):.2f}")


if __name__ == "__main__":
    main()
