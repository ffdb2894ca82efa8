"""Turn a drawing of any size, shape and polarity into the 28x28 image an MNIST model expects.

MNIST was made by scaling each digit's bounding box so its longer side is 20 px (aspect kept,
anti-aliased), then placing it in a 28x28 field with its centre of mass at the centre. Doing the same
to a canvas drawing is what lets a digit be read wherever and however big it is drawn.
Pure numpy and Pillow: this runs on every pen stroke.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

FIELD = 28  # side of the MNIST image
BOX = 20  # longer side of the digit inside it
CENTRE = 14.0  # where MNIST puts the centre of mass (mean over its training set: 14.0, 14.0)
NOISE_FLOOR = 0.15  # ink weaker than this (paper grain, JPEG noise) is not ink
MIN_INK_PIXELS = 4
DOT_RATIO = 1.35  # a blob whose longer side squared is under this times its area is a dot (a filled disc: 1.27;
# the boldest digit in the MNIST test set: 1.44)

LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


class EmptyDrawingError(ValueError):
    """The drawing holds no digit to read (blank, or only a dot)."""


def digit_vector(image: Image.Image | np.ndarray) -> np.ndarray:
    """The model's input for one drawing: float32, shape (784,), values in [0, 1], ink high."""
    return digit_image(image).reshape(FIELD * FIELD)


def digit_image(image: Image.Image | np.ndarray) -> np.ndarray:
    """What the model sees: float32, shape (28, 28), in [0, 1], ink high. Raises EmptyDrawingError."""
    ink = ink_map(image)
    rows, cols = _ink_extent(ink)
    crop = ink[rows[0] : rows[1], cols[0] : cols[1]]
    digit = _scale_to_box(crop)
    return _centre_by_mass(digit)


def ink_map(image: Image.Image | np.ndarray) -> np.ndarray:
    """Float32 2-D array in [0, 1] with ink high, whatever the input's mode and polarity."""
    alpha = _transparency(image)
    if alpha is not None:
        ink = alpha  # ink on a transparent layer: what was drawn is what is opaque
    else:
        gray = _gray(image)
        border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
        paper = float(np.median(border))
        ink = paper - gray if paper > 0.5 else gray - paper
    ink = np.clip(ink, 0.0, 1.0, dtype=np.float32)
    ink[ink < NOISE_FLOOR] = 0.0
    return ink


def _as_pil_if_plain(image: Image.Image | np.ndarray) -> Image.Image | np.ndarray:
    """8-bit grayscale, RGB and RGBA arrays go through Pillow, whose conversions are C loops."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        return image
    plain_shape = image.ndim == 2 or (image.ndim == 3 and image.shape[2] in (3, 4))
    return Image.fromarray(image) if plain_shape else image


def _transparency(image: Image.Image | np.ndarray) -> np.ndarray | None:
    """The alpha channel in [0, 1] if the image has one that is transparent somewhere, else None."""
    image = _as_pil_if_plain(image)
    if isinstance(image, Image.Image):
        if image.mode not in ("RGBA", "LA", "PA") and "transparency" not in image.info:
            return None
        alpha = image.convert("RGBA").getchannel("A") if image.mode not in ("RGBA", "LA") else image.getchannel("A")
        if alpha.getextrema()[0] >= 128:
            return None
        return np.asarray(alpha, dtype=np.float32) / 255.0
    array = np.asarray(image)
    if array.ndim == 3 and array.shape[2] == 4:
        alpha = _unit_range(array[:, :, 3])
        return alpha if alpha.min() < 0.5 else None
    return None


def _gray(image: Image.Image | np.ndarray) -> np.ndarray:
    image = _as_pil_if_plain(image)
    if isinstance(image, Image.Image):
        if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
            return _unit_range(np.asarray(image))
        return np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    array = np.asarray(image)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim == 2:
        return _unit_range(array)
    if array.ndim != 3 or array.shape[2] not in (3, 4):
        raise ValueError(f"expected a grayscale, RGB or RGBA image, got an array of shape {array.shape}")
    return _unit_range(array[:, :, :3]) @ LUMA


def _unit_range(array: np.ndarray) -> np.ndarray:
    """Pixels as float32 in [0, 1], scaled by what their dtype can hold."""
    if array.dtype == bool:
        return array.astype(np.float32)
    if np.issubdtype(array.dtype, np.integer):
        top = 255.0 if array.dtype.itemsize == 1 or array.max(initial=0) <= 255 else float(np.iinfo(array.dtype).max)
        return array.astype(np.float32) / top
    array = array.astype(np.float32)
    return array / 255.0 if array.max(initial=0.0) > 1.0 else array


def _ink_extent(ink: np.ndarray) -> tuple[tuple[int, int], tuple[int, int]]:
    """Bounding box of the ink as (top, bottom), (left, right); raises EmptyDrawingError for no digit."""
    strong = ink > 0.3 * ink.max(initial=0.0)
    area = int(np.count_nonzero(strong)) if ink.max(initial=0.0) > 0 else 0
    if area < MIN_INK_PIXELS:
        raise EmptyDrawingError("the drawing is empty")
    rows = np.flatnonzero(strong.any(axis=1))
    cols = np.flatnonzero(strong.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    longer = max(bottom - top, right - left)
    if longer * longer < DOT_RATIO * area:
        raise EmptyDrawingError("the drawing is only a dot")
    return (int(top), int(bottom)), (int(left), int(right))


def _scale_to_box(crop: np.ndarray) -> np.ndarray:
    height, width = crop.shape
    scale = BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # Area-averaging when shrinking is the anti-aliasing MNIST used; bilinear when enlarging a tiny drawing.
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    digit = np.asarray(Image.fromarray(crop, mode="F").resize(size, resample), dtype=np.float32)
    peak = digit.max()
    return np.clip(digit / peak, 0.0, 1.0) if peak > 0 else digit


def _centre_by_mass(digit: np.ndarray) -> np.ndarray:
    height, width = digit.shape
    mass = digit.sum()
    cy = float(np.arange(height) @ digit.sum(axis=1)) / mass
    cx = float(np.arange(width) @ digit.sum(axis=0)) / mass
    top = min(max(round(CENTRE - cy), 0), FIELD - height)
    left = min(max(round(CENTRE - cx), 0), FIELD - width)
    field = np.zeros((FIELD, FIELD), dtype=np.float32)
    field[top : top + height, left : left + width] = digit
    return field
