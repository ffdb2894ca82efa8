"""Read a saved stack of Dense layers straight from its .keras file, without TensorFlow.

Importing TensorFlow takes seconds; reading a dense network's weights takes milliseconds. A .keras
file is a zip of ``config.json`` (the architecture, plain JSON) and ``model.weights.h5`` (the arrays,
HDF5), so a Sequential model of Dense (and Dropout) layers can be rebuilt as a numpy forward pass
with no code from the file ever run. Anything else is left to Keras' own loader.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import zipfile
from pathlib import Path

import h5py
import numpy as np

from digitpad.errors import DigitpadError
from digitpad.predictor import ACTIVATIONS, DenseLayer, DensePredictor

INPUTS, CLASSES = 784, 10


class ModelFileError(DigitpadError):
    """A model file is missing, unreadable, or not a digit model; the message says which."""


class NotPlainDense(Exception):
    """A readable model, but not a Sequential stack of Dense layers: Keras must load it."""


def read_dense_model(path: str | os.PathLike[str]) -> DensePredictor:
    """The forward pass of a Sequential Dense/Dropout model saved in ``path`` (784 inputs, 10 probabilities)."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
            weights = archive.read("model.weights.h5")
        with h5py.File(io.BytesIO(weights), "r") as store:
            layers = [_layer(store, key, layer) for key, layer in _dense_layers(config)]
    except NotPlainDense:
        raise
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise ModelFileError(f"{path}: not a readable Keras model ({type(error).__name__}: {error})") from None
    _check_digit_model(path, layers)
    return DensePredictor(layers)


def _dense_layers(config: dict) -> list[tuple[str, dict]]:
    """(key in the weights file, layer config) for each Dense layer, in order."""
    if config.get("class_name") != "Sequential":
        raise NotPlainDense(f"a {config.get('class_name')} model")
    found, seen = [], {}
    for layer in config["config"]["layers"]:
        kind = layer["class_name"]
        if kind == "InputLayer":
            continue
        if kind not in ("Dense", "Dropout"):
            raise NotPlainDense(f"a {kind} layer")
        # Keras names each layer's weights after its class, in order: dense, dense_1, dropout, ...
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()
        key = name if name not in seen else f"{name}_{seen[name]}"
        seen[name] = seen.get(name, 0) + 1
        if kind == "Dense":
            found.append((f"layers/{key}/vars", layer["config"]))
    return found


def _layer(store: h5py.File, key: str, config: dict) -> DenseLayer:
    activation = config.get("activation")
    if not isinstance(activation, str) or activation not in ACTIVATIONS or not config.get("use_bias", True):
        raise NotPlainDense(f"a Dense layer with activation {activation!r}")
    kernel = np.asarray(store[f"{key}/0"], dtype=np.float32)
    bias = np.asarray(store[f"{key}/1"], dtype=np.float32)
    if kernel.ndim != 2 or bias.shape != (kernel.shape[1],) or kernel.shape[1] != config.get("units"):
        raise ValueError(f"weights of shape {kernel.shape} and {bias.shape} in {key}")
    return DenseLayer(kernel, bias, activation)


def _check_digit_model(path: Path, layers: list[DenseLayer]) -> None:
    if not layers:
        raise ModelFileError(f"{path}: not a digit model: it has no Dense layers")
    for before, after in itertools.pairwise(layers):
        if before.kernel.shape[1] != after.kernel.shape[0]:
            raise ModelFileError(f"{path}: its layers do not fit together")
    inputs, outputs = layers[0].kernel.shape[0], layers[-1].kernel.shape[1]
    if (inputs, outputs) != (INPUTS, CLASSES):
        raise ModelFileError(f"{path}: not a digit model: it maps {inputs} inputs to {outputs} outputs, not 784 to 10")
    if layers[-1].activation != "softmax":
        raise ModelFileError(f"{path}: not a digit model: its outputs are not probabilities (no softmax)")
