"""Turn a drawing of any size, shape and polarity into the 28x28 image an MNIST model expects.

MNIST was made by scaling each digit's bounding box so its longer side is 20 px (aspect kept,
anti-aliased), then placing it in a 28x28 field with its centre of mass at the centre. Doing the same
to a canvas drawing is what lets a digit be read wherever and however big it is drawn. One more step
keeps the pen width in MNIST's range: a big digit drawn with a fine pen would otherwise shrink to a
hairline, and a small one drawn with a fat pen to a blob.
Pure numpy and Pillow: this runs on every pen stroke.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from PIL import Image

FIELD = 28  # side of the MNIST image
BOX = 20  # longer side of the digit inside it
CENTRE = 14.0  # where MNIST puts the centre of mass (mean over its training set: 14.0, 14.0)
NOISE_FLOOR = 0.15  # ink weaker than this (paper grain, JPEG noise) is not ink
MIN_INK_PIXELS = 4
DOT_RATIO = 1.35  # a blob whose longer side squared is under this times its area is a dot (a filled disc: 1.27;
# the boldest digit of the validation split of MNIST's training images: 1.42)

WORK_BOX = 80  # the digit is first scaled to this size, where its pen width can be measured and evened out
# Pen widths at WORK_BOX (2 x ink area / outline length) of the validation split of MNIST's training
# images (scripts/calibrate_preprocessing.py): 5th percentile 5.3, median 8.1, 95th 12.6. A drawing
# outside that range is brought to PEN_TARGET.
PEN_RANGE = (5.3, 12.6)
PEN_TARGET = 8.1


# Where the ink of the inked part of a drawing is strong (above 30 % of the darkest), and that part's top-left
# corner on the drawing.
StrongPart = tuple[np.ndarray, tuple[int, int]]


class EmptyDrawingError(ValueError):
    """The drawing holds no digit to read (blank, or only a dot)."""


class OnlyADotError(EmptyDrawingError):
    """The drawing is a dot or a speck: too little to read as a digit."""


def digit_vector(image: Image.Image | np.ndarray) -> np.ndarray:
    """The model's input for one drawing: float32, shape (784,), values in [0, 1], ink high."""
    return digit_image(image).reshape(FIELD * FIELD)


def digit_image(image: Image.Image | np.ndarray) -> np.ndarray:
    """What the model sees: float32, shape (28, 28), in [0, 1], ink high. Raises EmptyDrawingError."""
    return digit_from_ink(drawing_ink(image))


@dataclass(frozen=True)
class Ink:
    """How much ink (0-255) each pixel of a drawing holds, as an 8-bit image: 0 where there is none."""

    amount: Image.Image

    @functools.cached_property
    def strong_part(self) -> StrongPart | None:
        """Where the inked part's ink is strong, and where that part starts (found once: the window asks for
        it twice, to look for several digits and to read one); None if there is no ink."""
        return _strong_part(self.amount)


def drawing_ink(image: Image.Image | np.ndarray) -> Ink:
    """The drawing's ink, whatever the image's mode and polarity (read once, for one digit or many)."""
    levels, ink_table = _drawing_channel(image)
    return Ink(levels.point(ink_table))


def digit_from_ink(ink: Ink, region: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """What the model sees of the digit in ``region`` (left, top, right, bottom) of a drawing, or of all of it."""
    if region is None:
        amount, part = ink.amount, ink.strong_part
    else:
        amount = ink.amount.crop(region)
        part = _strong_part(amount)
    box, area = _box_and_area(part)
    _check_is_a_drawing(box, area)
    digit = amount.crop(box)
    evened = _evened_pen(_scale_to_box(digit, WORK_BOX))
    if evened is not None:
        digit = evened.crop(_strong_ink_box(evened)[0])
    return _centre_by_mass(_scale_to_box(digit, BOX))


def ink_map(image: Image.Image | np.ndarray) -> np.ndarray:
    """Float32 2-D array in [0, 1] with ink high, whatever the input's mode and polarity."""
    return np.asarray(drawing_ink(image).amount, dtype=np.float32) / 255.0


# The whole canvas is handled as an 8-bit Pillow image, with as few passes over it as can be: Pillow's C
# loops are many times faster than numpy temporaries of this size. Only the cropped digit becomes floats.


def _drawing_channel(image: Image.Image | np.ndarray) -> tuple[Image.Image, list[int]]:
    """The 8-bit channel that carries the drawing, and a table of how much ink (0-255) each level is."""
    picture = _as_pil(image)
    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        rgba = picture if picture.mode == "RGBA" else picture.convert("RGBA")
        if np.median(_edges(rgba)[:, 3]) < 128:  # ink on a transparent layer: what is opaque was drawn
            return rgba.getchannel("A"), _ink_levels(paper=0)
    gray = picture.convert("L")
    # The paper is the typical level along the edges: a digit rarely covers most of the border.
    paper = np.median(_edges(gray)[:, 0])
    return gray, _ink_levels(paper=int(paper))


def _edges(picture: Image.Image) -> np.ndarray:
    """The pixels along the four edges, (count, bands): one-pixel crops, no pass over the whole canvas."""
    right, bottom = picture.size
    edges = ((0, 0, right, 1), (0, bottom - 1, right, bottom), (0, 0, 1, bottom), (right - 1, 0, right, bottom))
    bands = len(picture.getbands())
    return np.concatenate([np.asarray(picture.crop(edge)).reshape(-1, bands) for edge in edges])


def _ink_levels(paper: int) -> list[int]:
    """For each gray level, how much ink (0-255) it is on paper of the given level, light or dark."""
    levels = np.arange(256)
    ink = paper - levels if paper > 127 else levels - paper
    ink[ink < NOISE_FLOOR * 255] = 0
    return np.clip(ink, 0, 255).tolist()


def _as_pil(image: Image.Image | np.ndarray) -> Image.Image:
    if isinstance(image, Image.Image):
        if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
            return Image.fromarray(_to_uint8(np.asarray(image)))
        return image
    array = np.asarray(image)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if not (array.ndim == 2 or (array.ndim == 3 and array.shape[2] in (3, 4))):
        raise ValueError(f"expected a grayscale, RGB or RGBA image, got an array of shape {array.shape}")
    return Image.fromarray(_to_uint8(array))


def _to_uint8(array: np.ndarray) -> np.ndarray:
    """Pixels as 0-255, scaled by what their dtype can hold (floats: [0, 1], or [0, 255] if above 1)."""
    if array.dtype == np.uint8:
        return array
    if array.dtype == bool:
        return array.astype(np.uint8) * 255
    if np.issubdtype(array.dtype, np.integer):
        top = 255.0 if array.max(initial=0) <= 255 else float(np.iinfo(array.dtype).max)
    else:
        top = 255.0 if array.max(initial=0.0) > 1.0 else 1.0
    return np.round(np.clip(array / top, 0.0, 1.0) * 255).astype(np.uint8)


def _strong_ink_box(amount: Image.Image) -> tuple[tuple[int, int, int, int], int]:
    """Bounding box (left, top, right, bottom) of the ink above 30 % of the darkest, and its area in pixels."""
    return _box_and_area(_strong_part(amount))


def _box_and_area(part: StrongPart | None) -> tuple[tuple[int, int, int, int], int]:
    """The bounding box on the drawing and the area in pixels of a strong part (from _strong_part)."""
    if part is None:
        return (0, 0, 0, 0), 0
    strong, (left, top) = part
    rows, columns = np.flatnonzero(strong.any(axis=1)), np.flatnonzero(strong.any(axis=0))  # the darkest at least
    box = (left + int(columns[0]), top + int(rows[0]), left + int(columns[-1]) + 1, top + int(rows[-1]) + 1)
    return box, int(np.count_nonzero(strong))


def _strong_part(amount: Image.Image) -> StrongPart | None:
    """Where the ink of the inked part of a drawing is strong, and where that part starts; None if there is no ink.
    Past the one pass that finds the inked part, only that part is looked at: a canvas is mostly paper."""
    inked = amount.getbbox()
    if inked is None:
        return None
    near = np.asarray(amount.crop(inked))
    return near > int(0.3 * int(near.max())), inked[:2]  # strong: above 30 % of the most ink there is


def _check_is_a_drawing(box: tuple[int, int, int, int], area: int) -> None:
    if area < MIN_INK_PIXELS:
        raise EmptyDrawingError("the drawing is empty")
    longer = max(box[2] - box[0], box[3] - box[1])
    if longer * longer < DOT_RATIO * area:
        raise OnlyADotError("the drawing is only a dot")


def _scale_to_box(image: Image.Image, box: int) -> np.ndarray:
    """Scale so the longer side is ``box`` px, aspect kept; as float32 with the darkest ink at 1."""
    scale = box / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    # Area-averaging when shrinking is the anti-aliasing MNIST used; bilinear when enlarging a tiny drawing.
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    digit = np.asarray(image.resize(size, resample), dtype=np.float32)
    peak = digit.max()
    return digit / peak if peak > 0 else digit  # in [0, 1]: division rounds correctly, so x <= peak gives <= 1


def _pen_width(work: np.ndarray) -> float:
    """Stroke width in pixels: twice the ink's area over the length of its outline."""
    mask = work > 0.5
    edges = [mask[0], mask[-1], mask[:, 0], mask[:, -1], mask[1:] != mask[:-1], mask[:, 1:] != mask[:, :-1]]
    outline = sum(np.count_nonzero(edge) for edge in edges)  # ink beside paper, the image's border counting as paper
    return 2.0 * np.count_nonzero(mask) / max(outline, 1)


def _evened_pen(work: np.ndarray) -> Image.Image | None:
    """A hairline thickened or a blob thinned (grey dilation or erosion) toward PEN_TARGET; None if in range."""
    width = _pen_width(work)
    if PEN_RANGE[0] <= width <= PEN_RANGE[1]:
        return None
    size = 1 + 2 * round(abs(PEN_TARGET - width) / 2)  # a filter of odd size n changes a stroke by n - 1
    if width < PEN_RANGE[0]:
        evened = square_filter(np.pad(work, size // 2), size, np.maximum)  # padded: room to grow into
    else:
        evened = square_filter(work, size, np.minimum)
        if evened.max() < 0.5:
            return None  # never thin a drawing away
    return Image.fromarray(np.round(evened * 255).astype(np.uint8))


def square_filter(image: np.ndarray, size: int, combine: np.ufunc) -> np.ndarray:
    """Grey dilation (np.maximum) or erosion (np.minimum) over size x size squares; outside is blank."""
    reach = size // 2
    height, width = image.shape
    padded = np.pad(image, reach)
    columns = padded[0:height].copy()
    for shift in range(1, size):
        combine(columns, padded[shift : shift + height], out=columns)
    result = columns[:, 0:width].copy()
    for shift in range(1, size):
        combine(result, columns[:, shift : shift + width], out=result)
    return result


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
