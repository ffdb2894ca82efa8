"""The user's own drawings, each kept with what it really is, to teach the model their handwriting.

An open layout a person and other tools can read: ``samples/<label>/<id>.png`` in the user's data folder,
one folder per label (``0`` to ``9``, and ``none`` for a drawing that is not a digit), each drawing as it was
on the pad, full size, so that better preprocessing later still applies to it.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad import paths
from digitpad.errors import DigitpadError
from digitpad.files import write_atomically
from digitpad.images import read_image
from digitpad.numbers import ink_layout, line_starts
from digitpad.preprocess import Ink, digit_from_ink, digit_image, drawing_ink

NOT_A_DIGIT = "none"
LABELS = (*(str(digit) for digit in range(10)), NOT_A_DIGIT)


class SampleError(DigitpadError):
    """A drawing that cannot be kept or found: say which and why."""


class NoSamples(SampleError):
    """There are no drawings to learn from yet."""


@dataclass(frozen=True)
class Sample:
    id: str
    label: str  # "0" to "9", or "none"
    file: Path

    @property
    def digit(self) -> int:
        """0 to 9, or -1 for a drawing that is not a digit."""
        return -1 if self.label == NOT_A_DIGIT else int(self.label)

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "file": str(self.file)}


def samples_dir() -> Path:
    return paths.user_data_dir() / "samples"


def check_label(label: str) -> str:
    if label not in LABELS:
        raise SampleError(f"{label!r} is not a label: use a digit 0-9, or {NOT_A_DIGIT!r} for not a digit")
    return label


def add_sample(drawing: Image.Image | np.ndarray, label: str) -> Sample:
    """Keep a drawing with its label; refused if it holds nothing to read (raises EmptyDrawingError)."""
    check_label(label)
    picture = drawing if isinstance(drawing, Image.Image) else Image.fromarray(np.asarray(drawing))
    ink = drawing_ink(picture)
    digit_from_ink(ink)  # the same check as a reading: blank or a lone dot is not a sample
    if label != NOT_A_DIGIT:
        _check_one_digit(ink)
    now = time.time()  # to the microsecond, so that drawings kept within one second still list oldest first
    stamp = f"{time.strftime('%Y%m%d-%H%M%S', time.localtime(now))}-{int(now % 1 * 1e6):06d}"
    sample_id = f"{stamp}-{secrets.token_hex(3)}"
    file = samples_dir() / label / f"{sample_id}.png"
    write_atomically(file, lambda partial: picture.save(partial, "PNG"))
    return Sample(sample_id, label, file)


def _check_one_digit(ink: Ink) -> None:
    """A digit's sample is one digit: a picture the pad would read as a number would teach the model that
    several digits side by side (or one under the other) look like this one."""
    if lines := line_starts(ink):
        count = len(lines) + 1
        raise SampleError(f"it holds {count} lines of writing, and a sample is one digit: keep each on its own")
    found = len(ink_layout(ink).regions)
    if found > 1:
        raise SampleError(f"it holds {found} digits side by side, and a sample is one digit: keep each on its own")


def add_sample_file(path: str | os.PathLike[str], label: str) -> Sample:
    """Keep a picture file as a sample: checked as ``predict`` checks it (a picture, and not empty)."""
    return add_sample(read_image(path), label)


def list_samples() -> list[Sample]:
    """Every sample, by label then id (oldest first: ids start with the time they were kept)."""
    found = []
    for label in LABELS:
        folder = samples_dir() / label
        if folder.is_dir():
            found += [Sample(f.stem, label, f) for f in sorted(folder.glob("*.png")) if not f.name.startswith(".")]
    return found


def find_sample(sample_id: str) -> Sample:
    for sample in list_samples():
        if sample.id == sample_id:
            return sample
    raise SampleError(f"no sample {sample_id!r} (digitpad samples list shows them)")


def remove_sample(sample_id: str) -> Sample:
    sample = find_sample(sample_id)
    sample.file.unlink()
    return sample


def relabel_sample(sample_id: str, label: str) -> Sample:
    sample = find_sample(sample_id)
    moved = samples_dir() / check_label(label) / sample.file.name
    moved.parent.mkdir(parents=True, exist_ok=True)
    sample.file.replace(moved)
    return Sample(sample.id, label, moved)


def sample_images(samples: list[Sample]) -> tuple[np.ndarray, np.ndarray]:
    """What the model sees of each sample, (n, 28, 28) float32, and each one's digit (-1: not a digit).
    A sample file that is no longer a readable drawing is left out."""
    images, digits = [], []
    for sample in samples:
        try:
            images.append(digit_image(read_image(sample.file)))
        except (DigitpadError, ValueError):  # damaged or emptied by hand since it was kept
            continue
        digits.append(sample.digit)
    return np.array(images, dtype=np.float32).reshape(-1, 28, 28), np.array(digits, dtype=np.int64)
