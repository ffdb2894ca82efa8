"""MNIST: find it, read it (Keras .npz or IDX files, gzipped or not), and validate every array before use.

Sources, in order: an explicit path (``--data`` or ``DIGITPAD_MNIST``), Keras' cache
(``~/.keras/datasets/mnist.npz``), then Keras' own download.
"""

from __future__ import annotations

import gzip
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.errors import DigitpadError

ENV_VAR = "DIGITPAD_MNIST"
IMAGE_SHAPE = (28, 28)
IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions
LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension
NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")


class DataError(DigitpadError):
    """MNIST could not be found or is not valid; the message names the file and the fault."""


@dataclass(frozen=True)
class Mnist:
    x_train: np.ndarray  # (n, 28, 28) uint8, 0 = background, 255 = ink
    y_train: np.ndarray  # (n,) uint8, 0-9
    x_test: np.ndarray
    y_test: np.ndarray
    source: str

    def describe(self) -> str:
        return f"{len(self.x_train):,} training and {len(self.x_test):,} test images from {self.source}"


def load_mnist(path: str | os.PathLike[str] | None = None) -> Mnist:
    """Load MNIST from ``path``, else ``$DIGITPAD_MNIST``, else Keras' cache or download."""
    explicit = path if path is not None else os.environ.get(ENV_VAR) or None
    if explicit is not None:
        return load_path(Path(explicit))
    cached = keras_cache_path()
    if cached.is_file():
        return load_path(cached)
    return _download_with_keras(cached)


def load_path(path: Path) -> Mnist:
    """Load a Keras-layout ``.npz`` file or a folder holding the four MNIST IDX files."""
    if path.is_dir():
        return _load_idx_folder(path)
    if path.is_file():
        return _load_npz(path)
    raise DataError(f"{path}: no such file or folder (expected mnist.npz or a folder of IDX files)")


def keras_cache_path() -> Path:
    keras_home = os.environ.get("KERAS_HOME") or Path.home() / ".keras"
    return Path(keras_home) / "datasets" / "mnist.npz"


def _download_with_keras(cached: Path) -> Mnist:
    try:
        import keras  # imported here: only this last-resort path needs it

        keras.datasets.mnist.load_data()
    except Exception as error:  # no network, a proxy, a half-written file: all end the same way for the user
        raise DataError(
            f"MNIST not found and could not be downloaded ({type(error).__name__}: {error}).\n"
            f"Put Keras' mnist.npz at {cached}, or pass --data PATH (or set {ENV_VAR}) to an mnist.npz "
            "or to a folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte "
            "and t10k-labels-idx1-ubyte (gzipped or not)."
        ) from None
    return load_path(cached)


def _load_npz(path: Path) -> Mnist:
    try:
        # Opened here, not by np.load, so that the file is closed even when numpy rejects it.
        with open(path, "rb") as file:
            if not zipfile.is_zipfile(file):
                raise DataError(f"{path}: not an .npz file (an .npz is a zip archive of arrays)")
            file.seek(0)
            with np.load(file, allow_pickle=False) as npz:
                missing = [key for key in NPZ_KEYS if key not in npz.files]
                if missing:
                    raise DataError(f"{path}: missing array(s) {', '.join(missing)}; a Keras mnist.npz has {NPZ_KEYS}")
                arrays = {key: npz[key] for key in NPZ_KEYS}
    except DataError:
        raise
    except ValueError as error:
        if "pickle" in str(error):
            raise DataError(f"{path}: holds pickled objects, which digitpad refuses to load") from None
        raise DataError(f"{path}: not a valid .npz file ({error})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise DataError(f"{path}: not a readable .npz file ({error})") from None
    return _validated(path, **arrays)


def _idx_file(folder: Path, prefix: str, kind: str, dims: int) -> Path:
    stems = (f"{prefix}-{kind}-idx{dims}-ubyte", f"{prefix}-{kind}.idx{dims}-ubyte")
    for stem in stems:
        for name in (stem, stem + ".gz"):
            if (folder / name).is_file():
                return folder / name
    raise DataError(f"{folder}: no {stems[0]} (or {stems[0]}.gz) in this folder")


def _load_idx_folder(folder: Path) -> Mnist:
    arrays = {}
    for split, prefix in (("train", "train"), ("test", "t10k")):
        arrays[f"x_{split}"] = read_idx(_idx_file(folder, prefix, "images", 3), IMAGES_MAGIC)
        arrays[f"y_{split}"] = read_idx(_idx_file(folder, prefix, "labels", 1), LABELS_MAGIC)
    return _validated(folder, **arrays)


def read_idx(path: Path, magic: int) -> np.ndarray:
    """Read one IDX file of unsigned bytes, checking its magic number and its size against its header."""
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise DataError(f"{path}: cannot be read ({error})") from None
    if len(raw) < 4:
        raise DataError(f"{path}: too short to be an IDX file ({len(raw)} bytes)")
    found = int.from_bytes(raw[:4], "big")
    if found != magic:
        raise DataError(f"{path}: bad magic number 0x{found:08x}, expected 0x{magic:08x}")
    ndim = magic & 0xFF
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise DataError(f"{path}: truncated header")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = int(np.prod(shape))
    found_bytes = len(raw) - header_size
    if found_bytes != expected:
        problem = "truncated" if found_bytes < expected else "has trailing bytes"
        raise DataError(f"{path}: {problem}: header says {shape} = {expected:,} bytes, file holds {found_bytes:,}")
    return np.frombuffer(raw, dtype=np.uint8, offset=header_size).reshape(shape)


def _validated(source: Path, x_train, y_train, x_test, y_test) -> Mnist:
    for split, images, labels in (("train", x_train, y_train), ("test", x_test, y_test)):
        _check_images(source, f"x_{split}", images)
        _check_labels(source, f"y_{split}", labels)
        if len(images) != len(labels):
            raise DataError(f"{source}: {len(images):,} {split} images but {len(labels):,} {split} labels")
    return Mnist(x_train, y_train.astype(np.uint8), x_test, y_test.astype(np.uint8), source=str(source))


def _check_images(source: Path, name: str, images: np.ndarray) -> None:
    if images.ndim != 3 or images.shape[1:] != IMAGE_SHAPE:
        raise DataError(f"{source}: {name} has shape {images.shape}, expected (n, 28, 28)")
    if images.dtype != np.uint8:
        raise DataError(f"{source}: {name} has dtype {images.dtype}, expected uint8 pixels 0-255")
    if len(images) == 0:
        raise DataError(f"{source}: {name} holds no images")


def _check_labels(source: Path, name: str, labels: np.ndarray) -> None:
    if labels.ndim != 1:
        raise DataError(f"{source}: {name} has shape {labels.shape}, expected (n,)")
    if not np.issubdtype(labels.dtype, np.integer):
        raise DataError(f"{source}: {name} has dtype {labels.dtype}, expected integer labels")
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise DataError(f"{source}: {name} has labels outside 0-9 (found {labels.min()} to {labels.max()})")


def as_vectors(images: np.ndarray) -> np.ndarray:
    """MNIST images (n, 28, 28) uint8 -> the model's input (n, 784) float32 in [0, 1]."""
    return images.reshape(len(images), -1).astype(np.float32) / 255.0
