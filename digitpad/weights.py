"""Read a saved stack of Dense layers straight from its .keras file, without TensorFlow.

Importing TensorFlow takes seconds; reading a dense network's weights takes milliseconds. A .keras
file is a zip of ``config.json`` (the architecture, plain JSON) and ``model.weights.h5`` (the arrays,
HDF5), so a Sequential model of Dense (and Dropout) layers can be rebuilt as a numpy forward pass
with no code from the file ever run.

Every file is hostile until proven otherwise: sizes are checked against what the archive and the
config declare before anything is inflated or read, and only what is fully understood is read here
(float32 weights, known activations, a bias on every layer). Anything else that is well formed is
left to Keras' own safe loader (``NotPlainDense``).
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import h5py
import numpy as np

from digitpad.errors import ModelFileError
from digitpad.predictor import ACTIVATIONS, INPUTS, DenseLayer, DensePredictor, dense_predictor

MAX_CONFIG_BYTES = 1 << 20  # a dense model's config is a few kB
MAX_WEIGHTS_BYTES = 256 << 20  # 64 million float32 weights: far more than any digit model needs
MAX_UNITS = 1 << 16


class NotPlainDense(Exception):
    """A readable model, but not a float32 Sequential stack of plain Dense layers: Keras must load it."""


class _Malformed(ValueError):
    """The file is not what a .keras file of a Dense stack must be; the message says what is wrong."""


def read_dense_model(path: str | os.PathLike[str]) -> DensePredictor:
    """The forward pass of a Sequential Dense/Dropout model saved in ``path`` (784 inputs, 10 probabilities)."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(_read_member(archive, "config.json", MAX_CONFIG_BYTES))
            _sized_member(archive, "model.weights.h5", MAX_WEIGHTS_BYTES)  # also before handing it to Keras
            layers = _dense_layers(config)
            weights = _read_member(archive, "model.weights.h5", MAX_WEIGHTS_BYTES)
        with h5py.File(io.BytesIO(weights), "r") as store:
            read = [_read_layer(store, *layer) for layer in _with_input_sizes(layers)]
    except NotPlainDense:
        raise
    except PermissionError:
        raise ModelFileError(f"{path}: permission denied") from None
    except RecursionError:
        raise ModelFileError(f"{path}: not a readable Keras model (its config is nested too deeply)") from None
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile, EOFError) as error:
        raise ModelFileError(f"{path}: not a readable Keras model ({_reason(error)})") from None
    return dense_predictor(read, str(path))


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, _Malformed) else f"{type(error).__name__}: {error}"


def _sized_member(archive: zipfile.ZipFile, name: str, limit: int) -> zipfile.ZipInfo:
    """A zip member that declares at most ``limit`` bytes inflated."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise _Malformed(f"no {name} in the archive") from None
    if info.file_size > limit:
        raise _Malformed(f"{name} would inflate to {info.file_size:,} bytes; at most {limit:,} are read")
    return info


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A zip member's bytes, refused before inflating if it declares (or turns out) to be over ``limit``."""
    with archive.open(_sized_member(archive, name, limit)) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _Malformed(f"{name} inflates to more than {limit:,} bytes")
    return data


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise _Malformed(what)


def _dense_layers(config: object) -> list[tuple[str, dict]]:
    """(key in the weights file, layer config) for each Dense layer, in order; the config's shape checked."""
    _expect(isinstance(config, dict), "its config.json is not a JSON object")
    if config.get("class_name") != "Sequential":
        raise NotPlainDense(f"a {config.get('class_name')!r} model")
    inner = config.get("config")
    _expect(isinstance(inner, dict) and isinstance(inner.get("layers"), list), "its config.json lists no layers")
    found, seen = [], {}
    for layer in inner["layers"]:
        well_formed = isinstance(layer, dict) and isinstance(layer.get("config"), dict)
        _expect(well_formed, "a layer in config.json is malformed")
        kind = layer.get("class_name")
        if kind == "InputLayer":
            continue
        if kind not in ("Dense", "Dropout"):
            raise NotPlainDense(f"a {kind!r} layer")
        # Keras names each layer's weights after its class, in order: dense, dense_1, dropout, ...
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()
        key = name if name not in seen else f"{name}_{seen[name]}"
        seen[name] = seen.get(name, 0) + 1
        if kind == "Dense":
            found.append((f"layers/{key}/vars", _plain_dense(layer["config"])))
    return found


def _plain_dense(config: dict) -> dict:
    """A Dense layer's config if it is one the numpy forward pass computes exactly; else NotPlainDense."""
    activation, units = config.get("activation"), config.get("units")
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise NotPlainDense(f"a Dense layer with activation {activation!r}")
    if config.get("use_bias", True) is not True:
        raise NotPlainDense("a Dense layer without a bias")
    if not _is_float32_policy(config.get("dtype")):
        raise NotPlainDense(f"a Dense layer with dtype {config.get('dtype')!r}")
    _expect(isinstance(units, int) and not isinstance(units, bool), f"a Dense layer's units are {units!r}")
    _expect(0 < units <= MAX_UNITS, f"a Dense layer of {units:,} units (digitpad reads up to {MAX_UNITS:,})")
    return config


def _is_float32_policy(dtype: object) -> bool:
    """Keras 3 saves ``{"class_name": "DTypePolicy", "config": {"name": "float32"}}``; older files "float32"."""
    if dtype == "float32":
        return True
    return (
        isinstance(dtype, dict)
        and dtype.get("class_name") == "DTypePolicy"
        and isinstance(dtype.get("config"), dict)
        and dtype["config"].get("name") == "float32"
    )


def _with_input_sizes(layers: list[tuple[str, dict]]) -> list[tuple[str, tuple[int, int], str]]:
    """(key, kernel shape, activation) of each Dense layer: its inputs are the units before it, 784 for the first."""
    shapes, inputs = [], INPUTS
    for key, config in layers:
        shapes.append((key, (inputs, config["units"]), config["activation"]))
        inputs = config["units"]
    _expect(sum(a * b + b for _, (a, b), _ in shapes) * 4 <= MAX_WEIGHTS_BYTES, "the layers declare too many weights")
    return shapes


def _read_layer(store: h5py.File, key: str, kernel_shape: tuple[int, int], activation: str) -> DenseLayer:
    variables = store.get(key)
    _expect(isinstance(variables, h5py.Group), f"no weights for {key}")
    if sorted(variables.keys()) != ["0", "1"]:
        raise NotPlainDense(f"{key} holds {len(variables)} arrays, not a kernel and a bias")
    kernel = _read_array(variables["0"], kernel_shape, f"{key}/0")
    bias = _read_array(variables["1"], kernel_shape[1:], f"{key}/1")
    return DenseLayer(kernel, bias, activation)


def _read_array(dataset: object, shape: tuple[int, ...], name: str) -> np.ndarray:
    """A float32 dataset of exactly ``shape``, checked before a byte of it is read; stored in the file itself."""
    _expect(isinstance(dataset, h5py.Dataset), f"{name} is not an array")
    _expect(dataset.external is None and not dataset.is_virtual, f"{name} points outside the model file")
    _expect(dataset.shape == shape, f"{name} has shape {dataset.shape}, expected {shape}")
    if dataset.dtype != np.float32:
        raise NotPlainDense(f"{name} holds {dataset.dtype} numbers")
    return np.asarray(dataset[()], dtype=np.float32)
