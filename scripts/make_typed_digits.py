"""Make resources/typed-digits.npz: digits typed in many fonts, as the model sees them, for calibration.

    .venv/bin/python scripts/make_typed_digits.py

MNIST has only handwriting; people also write digits the way they are printed (a closed-top 4, a 1 with a
foot and a flag, a 7 with a straight stem). Each digit is typed in every font found below, with a random pen
width and slant (fixed seed), put through digitpad's own preprocessing and kept as a 28x28 image. No model
trains on them: with the validation split they are what the temperature is fitted on (digitpad.model.calibrate).

The fonts are Debian's fonts-urw-base35, fonts-liberation, fonts-freefont-ttf, fonts-crosextra-carlito,
fonts-crosextra-caladea and fonts-noto-cjk. DejaVu is never used: the canvas benchmark types its digits
in the DejaVu fonts, and what it measures must stay apart from what calibration is fitted on. Monospaced and
symbol fonts are left out (slashed zeros and dingbats are not how people write).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from digitpad import paths
from digitpad.files import write_atomically
from digitpad.preprocess import digit_image

SEED = 20261124
VARIANTS = 8  # per font and digit
FONT_FOLDERS = ("/usr/share/fonts/opentype/urw-base35", "/usr/share/fonts/truetype")
LEFT_OUT = ("DejaVu", "Mono", "Symbol", "D050000L", "Droid", "Math")


def font_files() -> list[Path]:
    found = {
        path
        for folder in FONT_FOLDERS
        for pattern in ("*.otf", "*.ttf")
        for path in Path(folder).rglob(pattern)
        if not any(word in path.name for word in LEFT_OUT)
    }
    cjk = Path("/usr/share/fonts/opentype/noto")  # the Latin digits of Noto Sans and Serif CJK
    found |= {path for path in cjk.glob("Noto*CJK-*.ttc") if "Regular" in path.name or "Bold" in path.name}
    return sorted(found)


def typed(digit: int, font: ImageFont.FreeTypeFont, rng: np.random.Generator) -> np.ndarray:
    canvas = Image.new("L", (300, 300), 0)
    pen = int(rng.integers(0, 4))
    ImageDraw.Draw(canvas).text(
        (150, 150), str(digit), font=font, fill=255, anchor="mm", stroke_width=pen, stroke_fill=255
    )
    slant = np.tan(np.deg2rad(rng.uniform(-15, 15)))
    canvas = canvas.transform(canvas.size, Image.AFFINE, (1, slant, -slant * 150, 0, 1, 0), Image.BILINEAR)
    return np.round(digit_image(canvas) * 255).astype(np.uint8)


def main() -> None:
    rng = np.random.default_rng(SEED)
    files = font_files()
    if not files:
        raise SystemExit("no fonts found: install the Debian packages named in this script's docstring")
    images, labels, font_of = [], [], []
    for index, file in enumerate(files):
        font = ImageFont.truetype(str(file), 120)
        for digit in range(10):
            for _ in range(VARIANTS):
                images.append(typed(digit, font, rng))
                labels.append(digit)
                font_of.append(index)
    out = paths.resources_dir() / "typed-digits.npz"
    fonts = np.array([file.name for file in files])
    arrays = {
        "x": np.stack(images),
        "y": np.array(labels, np.uint8),
        "font": np.array(font_of, np.uint8),
        "fonts": fonts,
    }
    write_atomically(out, lambda partial: np.savez_compressed(partial, **arrays))
    print(f"{len(images):,} typed digits from {len(files)} fonts -> {out}")


if __name__ == "__main__":
    main()
