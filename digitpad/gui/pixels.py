"""A QImage's pixels as a numpy array: what the pad holds, for the reader, for Teach and for the eraser."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def image_pixels(image: QImage) -> np.ndarray:
    """A QImage's gray levels as a (height, width) uint8 array."""
    return pixels(image, QImage.Format.Format_Grayscale8, 1)[..., 0]


def pixels(image: QImage, form: QImage.Format, bands: int) -> np.ndarray:
    """A QImage's pixels in ``form`` (``bands`` bytes each) as a (height, width, bands) uint8 array of its own
    (rows in a QImage are padded)."""
    converted = image.convertToFormat(form)
    height, width = converted.height(), converted.width()
    rows = np.frombuffer(converted.constBits(), np.uint8).reshape(height, converted.bytesPerLine())
    return rows[:, : bands * width].reshape(height, width, bands).copy()
