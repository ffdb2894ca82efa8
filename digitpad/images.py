"""Reading a picture file, with one clear error for every way it can go wrong."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from digitpad.errors import DigitpadError

MAX_PIXELS = 50_000_000  # a photo from any camera fits; a decompression bomb does not


class ImageFileError(DigitpadError):
    """A file that is missing, not a picture, damaged, or too large to read."""


def read_image(path: str | os.PathLike[str]) -> Image.Image:
    path = Path(path)
    try:
        with warnings.catch_warnings():
            # Pillow only warns about sizes below its own hard limit; the check below is what decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageFileError(
                        f"{path}: the picture is too large ({width:,} x {height:,} pixels; "
                        f"digitpad reads up to {MAX_PIXELS // 1_000_000} megapixels)"
                    )
                image.load()
                return image
    except FileNotFoundError:
        raise ImageFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImageFileError(f"{path}: is a folder, not a picture") from None
    except UnidentifiedImageError:
        raise ImageFileError(f"{path}: not a picture digitpad can read") from None
    except Image.DecompressionBombError:
        raise ImageFileError(f"{path}: the picture is too large to read safely") from None
    except (OSError, ValueError, SyntaxError) as error:  # Pillow's ways of saying the file is damaged
        raise ImageFileError(f"{path}: a damaged picture ({error})") from None
