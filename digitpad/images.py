"""Reading a picture file, with one clear error for every way it can go wrong.

Only plain raster formats are ever opened: Pillow would hand PostScript to Ghostscript (which can write
files and loop forever) and knows dozens of rarely used formats, each a decoder a hostile file can aim at.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from digitpad.errors import DigitpadError

MAX_PIXELS = 50_000_000  # a photo from any camera fits; a decompression bomb does not
PICTURE_FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP", "PPM")  # Pillow's names for them


class ImageFileError(DigitpadError):
    """A file that is missing, not a picture, damaged, or too large to read."""


def picture_suffixes() -> list[str]:
    """The file name endings of the formats digitpad opens (".png", ".jpg", ...), lower case."""
    return sorted(suffix for suffix, kind in Image.registered_extensions().items() if kind in PICTURE_FORMATS)


def read_image(path: str | os.PathLike[str]) -> Image.Image:
    """The picture in ``path``, upright as its camera meant it (EXIF orientation applied)."""
    path = Path(path)
    try:
        with warnings.catch_warnings():
            # Pillow only warns about sizes below its own hard limit; the check below is what decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=PICTURE_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageFileError(
                        f"{path}: the picture is too large ({width:,} x {height:,} pixels; "
                        f"digitpad reads up to {MAX_PIXELS // 1_000_000} megapixels)"
                    )
                image.load()
                from PIL import ImageOps  # only once a picture is opened: it is not needed to start the window

                return ImageOps.exif_transpose(image)
    except FileNotFoundError:
        raise ImageFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImageFileError(f"{path}: is a folder, not a picture") from None
    except PermissionError:
        raise ImageFileError(f"{path}: permission denied") from None
    except UnidentifiedImageError:
        kinds = ", ".join(PICTURE_FORMATS)
        raise ImageFileError(f"{path}: not a picture digitpad can read (it reads {kinds})") from None
    except Image.DecompressionBombError:
        raise ImageFileError(f"{path}: the picture is too large to read safely") from None
    except (OSError, ValueError, SyntaxError, EOFError) as error:  # Pillow's ways of saying the file is damaged
        raise ImageFileError(f"{path}: a damaged picture ({error})") from None
