"""Hostile and careless files, each built by code: small on disk, whatever they claim to be inside.

Shared by the tests and by ``scripts/fuzz_files.py``, which runs the whole corpus through the CLI and the
window's start-up. Every builder takes a folder and returns the path it wrote.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import h5py
import numpy as np
from PIL import Image

from digitpad import paths

INFLATED = 64 << 20  # what a bomb below inflates to: far over every limit, and quick to build


# Models


def _shipped_parts() -> tuple[dict, dict[str, np.ndarray]]:
    """The shipped model's config and its arrays by HDF5 path: material to build broken models from."""
    with zipfile.ZipFile(paths.shipped_model_path()) as archive:
        config = json.loads(archive.read("config.json"))
        weights = archive.read("model.weights.h5")
    arrays = {}
    with h5py.File(io.BytesIO(weights), "r") as store:
        store.visititems(lambda name, item: arrays.update({name: item[()]}) if isinstance(item, h5py.Dataset) else None)
    return config, arrays


def write_model(path: Path, config: object, build_weights=None, extra: dict[str, bytes] | None = None) -> Path:
    """A .keras zip of ``config`` (JSON, or raw bytes), weights made by ``build_weights(h5py.File)``."""
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as store:
        if build_weights is not None:
            build_weights(store)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps({"keras_version": "3.15.1"}))
        archive.writestr("config.json", config if isinstance(config, bytes) else json.dumps(config))
        archive.writestr("model.weights.h5", buffer.getvalue())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def shipped_weights(change=None):
    """A weights builder writing the shipped model's arrays, after ``change(name, array)`` if given."""
    _, arrays = _shipped_parts()

    def build(store: h5py.File) -> None:
        for name, array in arrays.items():
            store[name] = change(name, array) if change else array

    return build


def shipped_config(change=None) -> dict:
    config, _ = _shipped_parts()
    if change:
        change(config)
    return config


def model_config_bomb(folder: Path) -> Path:
    """A config.json that inflates to 64 MiB of spaces around a valid config."""
    text = json.dumps(shipped_config()).encode()
    return write_model(folder / "config-bomb.keras", text + b" " * INFLATED, shipped_weights())


def model_huge_units(folder: Path) -> Path:
    """A config that declares a hidden layer of a billion units (784 x 10^9 floats)."""

    def huge(config):
        config["config"]["layers"][1]["config"]["units"] = 10**9

    return write_model(folder / "huge-units.keras", shipped_config(huge), shipped_weights())


def model_huge_dataset(folder: Path) -> Path:
    """A sane config, but the kernel's HDF5 dataset declares 784 x 10^9 floats (stored as nothing: chunked)."""
    _, arrays = _shipped_parts()

    def build(store):
        for name, array in arrays.items():
            if name.endswith("dense/vars/0"):
                store.create_dataset(name, shape=(784, 10**9), dtype="float32", chunks=(1, 1024))
            else:
                store[name] = array

    return write_model(folder / "huge-dataset.keras", shipped_config(), build)


def model_external_storage(folder: Path, source: str = "/dev/urandom") -> Path:
    """A kernel whose bytes are stored outside the model file: in ``source``."""
    _, arrays = _shipped_parts()

    def build(store):
        for name, array in arrays.items():
            if name.endswith("dense/vars/0"):
                store.create_dataset(name, shape=array.shape, dtype="float32", external=[(source, 0, array.nbytes)])
            else:
                store[name] = array

    return write_model(folder / "external.keras", shipped_config(), build)


def model_virtual_dataset(folder: Path) -> Path:
    """A kernel that is an HDF5 virtual dataset mapping another file."""
    _, arrays = _shipped_parts()

    def build(store):
        for name, array in arrays.items():
            if name.endswith("dense/vars/0"):
                layout = h5py.VirtualLayout(shape=array.shape, dtype="float32")
                layout[:] = h5py.VirtualSource(str(folder / "elsewhere.h5"), "data", shape=array.shape)
                store.create_virtual_dataset(name, layout)
            else:
                store[name] = array

    return write_model(folder / "virtual.keras", shipped_config(), build)


def model_nan_weights(folder: Path) -> Path:
    def poison(name, array):
        return np.where(np.arange(array.size).reshape(array.shape) == 7, np.nan, array) if "dense/" in name else array

    return write_model(folder / "nan.keras", shipped_config(), shipped_weights(poison))


def model_inf_weights(folder: Path) -> Path:
    def poison(name, array):
        return np.full_like(array, np.inf) if name.endswith("dense_1/vars/1") else array

    return write_model(folder / "inf.keras", shipped_config(), shipped_weights(poison))


def tanh_model(folder: Path) -> Path:
    """The shipped weights with a tanh hidden layer: a sound model, but one only Keras reads (in a child)."""
    config = shipped_config(lambda c: c["config"]["layers"][1]["config"].update(activation="tanh"))
    return write_model(folder / "tanh.keras", config, shipped_weights())


WRONG_JSON = {
    "list": [],
    "string-layers": {"class_name": "Sequential", "config": {"layers": "dense"}},
    "int-layers": {"class_name": "Sequential", "config": {"layers": [1, 2, 3]}},
    "string-units": None,  # built below: the shipped config with units "512"
}


def model_wrong_json(folder: Path, kind: str) -> Path:
    if kind == "deep":
        config: object = b"[" * 100_000 + b"]" * 100_000
    elif kind == "string-units":
        config = shipped_config(lambda c: c["config"]["layers"][1]["config"].update(units="512"))
    elif kind == "not-json":
        config = b"\xff\xfe not json {"
    else:
        config = WRONG_JSON[kind]
    return write_model(folder / f"json-{kind}.keras", config, shipped_weights())


# Data


def idx_gzip_bomb(folder: Path, magic: int = 0x0803, count: int = 60_000) -> Path:
    """A gzip IDX file of the right name whose header is given and whose body inflates to 64 MiB of zeros."""
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in (count, 28, 28)[: magic & 0xFF])
    path = folder / "train-images-idx3-ubyte.gz"
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip stream
    body = compressor.compress(header)
    chunk = bytes(1 << 20)
    for _ in range(INFLATED >> 20):
        body += compressor.compress(chunk)
    path.write_bytes(body + compressor.flush())
    return path


def _npy_header(shape: tuple[int, ...], dtype: str) -> bytes:
    header = repr({"descr": dtype, "fortran_order": False, "shape": shape}).encode()
    header += b" " * (63 - (len(header) + 10) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header


def npz_with(folder: Path, name: str, x_train_member: bytes) -> Path:
    """An npz whose x_train.npy member is ``x_train_member`` (deflated); the other arrays are small and valid."""
    path = folder / name
    labels = np.zeros(10, np.uint8)
    small = {"y_train": labels, "x_test": np.zeros((10, 28, 28), np.uint8), "y_test": labels}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("x_train.npy", "w", force_zip64=True) as member:
            member.write(x_train_member)
        for key, array in small.items():
            buffer = io.BytesIO()
            np.save(buffer, array)
            archive.writestr(f"{key}.npy", buffer.getvalue())
    return path


def npz_huge_shape(folder: Path) -> Path:
    """x_train declares a billion 28x28 images."""
    return npz_with(folder, "huge-shape.npz", _npy_header((10**9, 28, 28), "|u1"))


def npz_bomb(folder: Path) -> Path:
    """x_train declares 10 images but its member inflates to 64 MiB."""
    return npz_with(folder, "bomb.npz", _npy_header((10, 28, 28), "|u1") + bytes(INFLATED))


def npz_pickled(folder: Path) -> Path:
    return npz_with(folder, "pickled.npz", _npy_header((10,), "|O") + b"\x80\x04N.")


# Pictures


EPS = b"""%!PS-Adobe-3.0 EPSF-3.0
%%BoundingBox: 0 0 28 28
(ps-ran) (w) file closefile
{} loop
showpage
"""


def eps_picture(folder: Path) -> Path:
    """PostScript that would write a file named ps-ran, then loop for ever, if Ghostscript ran it."""
    path = folder / "evil.eps"
    path.write_bytes(EPS)
    return path


def rotated_photo(folder: Path, digit: np.ndarray, name: str = "photo.jpg") -> Path:
    """A camera-style JPEG: ``digit`` stored turned on its side, with EXIF orientation 6 saying to turn it back."""
    upright = Image.fromarray(255 - digit).resize((140, 140))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what a phone held sideways stores
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to view
    path = folder / name
    stored.save(path, exif=exif)
    return path


# Settings


def settings_file(home: Path, **values: str) -> Path:
    """The window's settings.ini with ``values`` as "section/key" = raw text."""
    home.mkdir(parents=True, exist_ok=True)
    sections: dict[str, list[str]] = {}
    for key, value in values.items():
        section, name = key.split("__")
        sections.setdefault(section, []).append(f"{name}={value}")
    text = "".join(f"[{section}]\n" + "\n".join(lines) + "\n" for section, lines in sections.items())
    path = home / "settings.ini"
    path.write_text(text)
    return path
