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
SPARSE_SHARE = 0.3  # of a layer's inputs non-zero, under which one drawing's weighted sum uses only their rows
MAX_BRANCHES = 8  # networks averaged into one stack that the forward pass computes apart


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
        self.branches = _branches(self.layers)

    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        """(n, 784) -> (n, 10) probabilities; a single (784,) vector gives (10,)."""
        x = np.asarray(vectors, dtype=np.float32)
        single = x.ndim == 1
        x = x.reshape(1, -1) if single else x
        logits = sum(_forward(branch, x) for branch in self.branches)
        out = ACTIVATIONS[self.layers[-1].activation](logits)
        return out[0] if single else out

    def explain(
        self, vector: np.ndarray, towards: int | None = None, against: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """One drawing's probabilities and which of its pixels pushed the reading toward digit ``towards`` rather
        than ``against`` (by default the most likely digit and the runner-up), from one forward pass.

        The push is gradient x input of the difference of the two digits' logits: for a ReLU network each
        pixel's exact share of that difference, the biases' share left out. Positive: toward ``towards``.
        """
        pixels = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        passes = [_forward_with_masks(branch, pixels) for branch in self.branches]
        probabilities = ACTIVATIONS[self.layers[-1].activation](sum(logits for logits, _ in passes))[0]
        if towards is None or against is None:
            against, towards = np.argsort(probabilities)[-2:]
        inked = np.flatnonzero(pixels[0])  # a blank pixel's share is 0 whatever its gradient: only inked rows
        push = np.zeros(pixels.shape[1], dtype=np.float32)
        for branch, (_, masks) in zip(self.branches, passes, strict=True):
            gradient = branch[-1].kernel[:, towards] - branch[-1].kernel[:, against]
            for layer, mask in zip(reversed(branch[1:-1]), reversed(masks[1:]), strict=True):
                gradient = layer.kernel @ (gradient * mask)
            push[inked] += branch[0].kernel[inked] @ (gradient * masks[0]) if masks else gradient[inked]
        return probabilities, pixels[0] * push

    def close(self) -> None:
        """Nothing to let go of: the weights are plain arrays (a model read by Keras holds a process)."""


def _forward(branch: Sequence[DenseLayer], x: np.ndarray) -> np.ndarray:
    """The branch's logits (its last layer is linear)."""
    for layer in branch:
        x = ACTIVATIONS[layer.activation](_weighted_sum(layer, x))
    return x


def _forward_with_masks(branch: Sequence[DenseLayer], x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """The branch's logits, and which units of each hidden layer were active (the ReLUs' gradients)."""
    masks = []
    for layer in branch[:-1]:
        x = ACTIVATIONS[layer.activation](_weighted_sum(layer, x))
        masks.append(x[0] > 0 if layer.activation == "relu" else np.ones(x.shape[1], dtype=bool))
    return _weighted_sum(branch[-1], x), masks


def _branches(layers: tuple[DenseLayer, ...]) -> tuple[tuple[DenseLayer, ...], ...]:
    """The stack as narrower stacks that read the same pixels and add up their logits: several when every
    hidden-to-hidden kernel is block-diagonal, as in networks averaged into one (``model.averaged``), so that the
    zeros between them cost nothing; else one, the stack itself. Each ends in a linear layer."""
    *hidden, last = layers
    count = networks_in(layers)
    branches = []
    for index in range(count):
        columns = [slice(index * len(layer.bias) // count, (index + 1) * len(layer.bias) // count) for layer in hidden]
        rows = [slice(None), *columns][: len(hidden)]
        branch = [
            DenseLayer(np.ascontiguousarray(layer.kernel[row, column]), layer.bias[column], layer.activation)
            for layer, row, column in zip(hidden, rows, columns, strict=True)
        ]
        own_rows = columns[-1] if hidden else slice(None)
        branch.append(DenseLayer(np.ascontiguousarray(last.kernel[own_rows]), last.bias / count, "linear"))
        branches.append(tuple(branch))
    return tuple(branches)


def networks_in(layers: Sequence[DenseLayer]) -> int:
    """How many networks ``model.averaged`` joined into this stack (1 for a plain network)."""
    hidden = list(layers[:-1])
    return next((count for count in range(MAX_BRANCHES, 1, -1) if _splits_into(hidden, count)), 1)


def _splits_into(hidden: list[DenseLayer], count: int) -> bool:
    """Whether each hidden layer's units split into ``count`` equal groups, each reading only its own group
    of the layer before (the first hidden layer reads the pixels, which every group shares)."""
    if len(hidden) < 2 or any(len(layer.bias) % count for layer in hidden):
        return False
    for layer in hidden[1:]:
        if layer.kernel[0, -1]:  # off the diagonal whatever the count: a plain network is known at once
            return False
        rows, columns = layer.kernel.shape[0] // count, layer.kernel.shape[1] // count
        blocks = layer.kernel.reshape(count, rows, count, columns).transpose(0, 2, 1, 3)
        if np.any(blocks[~np.eye(count, dtype=bool)]):
            return False
    return True


def _weighted_sum(layer: DenseLayer, x: np.ndarray) -> np.ndarray:
    """x @ kernel + bias. A drawing's ink covers about a fifth of its pixels, so for one drawing only the kernel
    rows of its inked pixels are used; about half the hidden units are active, too many for copying their rows to
    pay."""
    if len(x) != 1:
        return x @ layer.kernel + layer.bias
    inputs = np.flatnonzero(x[0])
    if len(inputs) > len(layer.kernel) * SPARSE_SHARE:
        return x @ layer.kernel + layer.bias
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
