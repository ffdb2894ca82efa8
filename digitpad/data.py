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

from digitpad import paths
from digitpad.errors import DigitpadError

ENV_VAR = "DIGITPAD_MNIST"
IMAGE_SHAPE = (28, 28)
IMAGES_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions
LABELS_MAGIC = 0x00000801  # unsigned bytes, 1 dimension
NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")
MAX_IMAGES = 1_000_000  # MNIST has 70,000; a header that declares more is not MNIST
TYPED_DIGITS_FILE = "typed-digits.npz"
NPY_HEADER_ROOM = 1 << 16  # an .npy member is its data plus a small header
VALIDATION_IMAGES, VALIDATION_SEED = 2000, 20_261_123
FOLD_SEED = 20_261_124


class DataError(DigitpadError):
    """MNIST could not be found or is not valid; the message names the file and the fault."""


@dataclass(frozen=True)
class Mnist:
    x_train: np.ndarray  # (n, 28, 28) uint8, 0 = background, 255 = ink
    y_train: np.ndarray  # (n,) uint8, 0-9
    x_test: np.ndarray
    y_test: np.ndarray
    source: str
    held_out: np.ndarray | None = None  # a mask of the training images to validate on; None: the fixed split

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
            with zipfile.ZipFile(file) as archive:
                _check_npz_headers(path, archive)
            file.seek(0)
            with np.load(file, allow_pickle=False) as npz:
                arrays = {key: npz[key] for key in NPZ_KEYS}
    except DataError:
        raise
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except ValueError as error:
        if "pickle" in str(error):
            raise DataError(f"{path}: holds pickled objects, which digitpad refuses to load") from None
        raise DataError(f"{path}: not a valid .npz file ({error})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise DataError(f"{path}: not a readable .npz file ({error})") from None
    return _validated(path, **arrays)


def _check_npz_headers(path: Path, archive: zipfile.ZipFile) -> None:
    """Check each array's declared shape and dtype, and the member's size, before a byte of data is inflated."""
    members = {name.removesuffix(".npy"): name for name in archive.namelist()}
    missing = [key for key in NPZ_KEYS if key not in members]
    if missing:
        raise DataError(f"{path}: missing array(s) {', '.join(missing)}; a Keras mnist.npz has {NPZ_KEYS}")
    for key in NPZ_KEYS:
        info = archive.getinfo(members[key])
        with archive.open(info) as member:
            version = np.lib.format.read_magic(member)
            if version not in ((1, 0), (2, 0)):
                raise DataError(f"{path}: {key} is stored in .npy format {version}, which digitpad does not read")
            npy = np.lib.format
            read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, _, dtype = read_header(member)
        if dtype.hasobject:
            raise DataError(f"{path}: holds pickled objects, which digitpad refuses to load")
        _check_declared(path, key, shape, dtype)
        declared = int(np.prod(shape)) * dtype.itemsize
        if info.file_size > declared + NPY_HEADER_ROOM:
            raise DataError(f"{path}: {key} would inflate to {info.file_size:,} bytes for {declared:,} bytes of data")


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
        arrays[f"x_{split}"] = read_idx(_idx_file(folder, prefix, "images", 3), IMAGES_MAGIC, f"x_{split}")
        arrays[f"y_{split}"] = read_idx(_idx_file(folder, prefix, "labels", 1), LABELS_MAGIC, f"y_{split}")
    return _validated(folder, **arrays)


def read_idx(path: Path, magic: int, name: str) -> np.ndarray:
    """Read one IDX file of unsigned bytes; its header is checked from the first bytes before the rest is read
    (or inflated), so a small gzip that would inflate to gigabytes is refused at once."""
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb") as stream:
            head = stream.read(4)
            if len(head) < 4:
                raise DataError(f"{path}: too short to be an IDX file ({len(head)} bytes)")
            found = int.from_bytes(head, "big")
            if found != magic:
                raise DataError(f"{path}: bad magic number 0x{found:08x}, expected 0x{magic:08x}")
            ndim = magic & 0xFF
            dims = stream.read(4 * ndim)
            if len(dims) < 4 * ndim:
                raise DataError(f"{path}: truncated header")
            shape = tuple(int.from_bytes(dims[4 * i : 4 * i + 4], "big") for i in range(ndim))
            _check_declared(path, name, shape, np.dtype(np.uint8))
            expected = int(np.prod(shape))
            raw = stream.read(expected)
            extra = stream.read(1)
    except DataError:
        raise
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise DataError(f"{path}: cannot be read ({error})") from None
    if len(raw) < expected:
        raise DataError(f"{path}: truncated: header says {shape} = {expected:,} bytes, file holds {len(raw):,}")
    if extra:
        raise DataError(f"{path}: has trailing bytes: header says {shape} = {expected:,} bytes, file holds more")
    return np.frombuffer(raw, dtype=np.uint8).reshape(shape)


def _validated(source: Path, x_train, y_train, x_test, y_test) -> Mnist:
    for split, images, labels in (("train", x_train, y_train), ("test", x_test, y_test)):
        _check_declared(source, f"x_{split}", images.shape, images.dtype)
        _check_declared(source, f"y_{split}", labels.shape, labels.dtype)
        if labels.size and (labels.min() < 0 or labels.max() > 9):
            raise DataError(f"{source}: y_{split} has labels outside 0-9 (found {labels.min()} to {labels.max()})")
        if len(images) != len(labels):
            raise DataError(f"{source}: {len(images):,} {split} images but {len(labels):,} {split} labels")
    return Mnist(x_train, y_train.astype(np.uint8), x_test, y_test.astype(np.uint8), source=str(source))


def _check_declared(source: Path, name: str, shape: tuple[int, ...], dtype: np.dtype) -> None:
    """What an array says it is, checked before it is read: images (n, 28, 28) uint8, labels (n,) integers."""
    images = name.startswith("x_")
    if images and (len(shape) != 3 or tuple(shape[1:]) != IMAGE_SHAPE):
        raise DataError(f"{source}: {name} has shape {tuple(shape)}, expected (n, 28, 28)")
    if images and dtype != np.uint8:
        raise DataError(f"{source}: {name} has dtype {dtype}, expected uint8 pixels 0-255")
    if not images and len(shape) != 1:
        raise DataError(f"{source}: {name} has shape {tuple(shape)}, expected (n,)")
    if not images and not np.issubdtype(dtype, np.integer):
        raise DataError(f"{source}: {name} has dtype {dtype}, expected integer labels")
    if shape[0] == 0 and images:
        raise DataError(f"{source}: {name} holds no images")
    if shape[0] > MAX_IMAGES:
        raise DataError(f"{source}: {name} declares {shape[0]:,} entries; digitpad reads up to {MAX_IMAGES:,}")


def validation_split(data: Mnist) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(train images, train labels, validation images, validation labels): a fixed tenth of the training
    images (2,000 at most) held out for every choice made after training (temperature, verdict thresholds,
    recipes), so that the test set only ever reports."""
    held = data.held_out
    if held is None:
        count = min(VALIDATION_IMAGES, len(data.x_train) // 10)
        held = np.zeros(len(data.x_train), dtype=bool)
        held[np.random.default_rng(VALIDATION_SEED).permutation(len(data.x_train))[:count]] = True
    return data.x_train[~held], data.y_train[~held], data.x_train[held], data.y_train[held]


def fold_masks(count: int, folds: int) -> list[np.ndarray]:
    """``folds`` masks over ``count`` training images that hold out each image exactly once (a fixed shuffle):
    with ``Mnist.held_out``, k-fold cross-validation, for choices too fine for the validation split."""
    masks = []
    for part in np.array_split(np.random.default_rng(FOLD_SEED).permutation(count), folds):
        mask = np.zeros(count, dtype=bool)
        mask[part] = True
        masks.append(mask)
    return masks


def as_vectors(images: np.ndarray) -> np.ndarray:
    """MNIST images (n, 28, 28) uint8 -> the model's input (n, 784) float32 in [0, 1]."""
    return images.reshape(len(images), -1).astype(np.float32) / 255.0


def typed_digits() -> tuple[np.ndarray, np.ndarray]:
    """The shipped bank of digits typed in many fonts (scripts/make_typed_digits.py), as (n, 28, 28) uint8
    images and their labels: printed-style digits, which MNIST's handwriting lacks. No model trains on
    them; they are validation data, for the temperature that makes confidence honest."""
    images, labels, _ = typed_bank()
    return images, labels


def typed_bank() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The typed digits' images and labels, and the font file each digit was typed in."""
    path = paths.resources_dir() / TYPED_DIGITS_FILE
    try:
        with np.load(path, allow_pickle=False) as npz:
            images, labels, font_of, fonts = npz["x"], npz["y"], npz["font"], npz["fonts"]
    except (OSError, ValueError, KeyError) as error:
        raise DataError(f"{path}: the typed digits digitpad ships are missing or damaged ({error})") from None
    if images.dtype != np.uint8 or images.shape[1:] != IMAGE_SHAPE or len(labels) != len(images):
        raise DataError(f"{path}: not a bank of 28x28 digits")
    fonts_fit = font_of.shape == labels.shape and font_of.dtype.kind in "iu" and fonts.dtype.kind == "U"
    if not (fonts_fit and np.all((font_of >= 0) & (font_of < len(fonts)))):  # only then are they indices
        raise DataError(f"{path}: its digits' fonts are not a list of font names")
    return images, labels, fonts[font_of]
