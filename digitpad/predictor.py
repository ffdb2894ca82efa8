"""A dense network's forward pass in plain numpy: microseconds per drawing, no TensorFlow needed.

Keras' ``model.predict`` costs tens of milliseconds per call, too slow for every pen stroke; the
weights of a stack of Dense layers are all that is needed to compute the same probabilities.
Whichever way the weights arrive (straight from a .keras file, or from a Keras model in memory), they
are checked here, once, by the same rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digitpad.errors import ModelFileError

INPUTS, CLASSES = 784, 10  # a 28x28 drawing in, ten digit probabilities out


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0, out=x)


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    return x / x.sum(axis=-1, keepdims=True)


def _linear(x: np.ndarray) -> np.ndarray:
    return x


ACTIVATIONS = {"relu": _relu, "softmax": _softmax, "linear": _linear}


@dataclass(frozen=True)
class DenseLayer:
    kernel: np.ndarray  # (inputs, units) float32
    bias: np.ndarray  # (units,) float32
    activation: str


class DensePredictor:
    """Probabilities for a batch of 784-vectors from the weights of a stack of Dense layers.

    Build it with ``dense_predictor``, which checks that the layers make a digit model.
    """

    def __init__(self, layers: Sequence[DenseLayer]) -> None:
        self.layers = tuple(layers)

    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        """(n, 784) -> (n, 10) probabilities; a single (784,) vector gives (10,)."""
        x = np.asarray(vectors, dtype=np.float32)
        single = x.ndim == 1
        x = x.reshape(1, -1) if single else x
        for layer in self.layers:
            x = ACTIVATIONS[layer.activation](_weighted_sum(layer, x))
        return x[0] if single else x

    def explain(
        self, vector: np.ndarray, towards: int | None = None, against: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """One drawing's probabilities and which of its pixels pushed the reading toward digit ``towards`` rather
        than ``against`` (by default the most likely digit and the runner-up), from one forward pass.

        The push is gradient x input of the difference of the two digits' logits: for a ReLU network each
        pixel's exact share of that difference, the biases' share left out. Positive: toward ``towards``.
        """
        pixels = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        x, masks = pixels, []
        for layer in self.layers:
            z = _weighted_sum(layer, x)
            masks.append(z[0] > 0 if layer.activation == "relu" else np.ones(z.shape[1], dtype=bool))
            x = ACTIVATIONS[layer.activation](z)
        probabilities = x[0]
        if towards is None or against is None:
            against, towards = np.argsort(probabilities)[-2:]
        last = self.layers[-1].kernel
        gradient = last[:, towards] - last[:, against]
        for layer, mask in zip(reversed(self.layers[:-1]), reversed(masks[:-1]), strict=True):
            gradient = layer.kernel @ (gradient * mask)
        return probabilities, pixels[0] * gradient

    def close(self) -> None:
        """Nothing to let go of: the weights are plain arrays (a model read by Keras holds a process)."""


def _weighted_sum(layer: DenseLayer, x: np.ndarray) -> np.ndarray:
    """x @ kernel + bias. For one drawing most of its pixels, and most hidden ReLU units, are 0, so only the
    kernel rows of the non-zero inputs are used: that halves the time of a pen stroke's reading."""
    if len(x) != 1:
        return x @ layer.kernel + layer.bias
    inputs = np.flatnonzero(x[0])
    return x[:, inputs] @ layer.kernel[inputs] + layer.bias


def dense_predictor(layers: Sequence[DenseLayer], source: str) -> DensePredictor:
    """The forward pass of ``layers``, if they map 784 inputs to 10 probabilities with finite weights.

    ``source`` names the model in the error, for a user who has to find the file.
    """
    if not layers:
        raise ModelFileError(f"{source}: not a digit model: it has no Dense layers")
    for layer in layers:
        if layer.activation not in ACTIVATIONS:
            raise ModelFileError(f"{source}: a Dense layer with activation {layer.activation!r} is not supported")
        if layer.kernel.ndim != 2 or layer.bias.shape != (layer.kernel.shape[1],):
            raise ModelFileError(f"{source}: weights of shape {layer.kernel.shape} and {layer.bias.shape}")
        if not (np.isfinite(layer.kernel).all() and np.isfinite(layer.bias).all()):
            raise ModelFileError(f"{source}: its weights hold NaN or infinite numbers: the model is broken")
    for before, after in itertools.pairwise(layers):
        if before.kernel.shape[1] != after.kernel.shape[0]:
            raise ModelFileError(f"{source}: its layers do not fit together")
    inputs, outputs = layers[0].kernel.shape[0], layers[-1].kernel.shape[1]
    if (inputs, outputs) != (INPUTS, CLASSES):
        raise ModelFileError(
            f"{source}: not a digit model: it maps {inputs} inputs to {outputs} outputs, not 784 to 10"
        )
    if layers[-1].activation != "softmax":
        raise ModelFileError(f"{source}: not a digit model: its outputs are not probabilities (no softmax)")
    return DensePredictor(layers)
