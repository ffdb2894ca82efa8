"""How well a model reads the MNIST test set: accuracy, loss and confusion matrix, in numpy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from digitpad.data import Mnist, as_vectors

DIGITS = 10


def _no_images() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Evaluation:
    accuracy: float
    loss: float
    confusion: np.ndarray  # (10, 10): row = true digit, column = predicted digit
    # One entry per test image, for the mistakes gallery: its digit, the digit read and how sure the model was.
    truth: np.ndarray = field(default_factory=_no_images)
    read: np.ndarray = field(default_factory=_no_images)
    confidence: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    def as_dict(self) -> dict:
        return {"accuracy": self.accuracy, "loss": self.loss, "confusion": self.confusion.tolist()}

    def cell(self, true: int, read: int) -> np.ndarray:
        """The test images of digit ``true`` read as ``read``, the most confident reading first."""
        return self._most_confident_first(np.flatnonzero((self.truth == true) & (self.read == read)))

    def confident_mistakes(self, count: int) -> np.ndarray:
        """The ``count`` wrong readings the model was surest of, surest first."""
        return self._most_confident_first(np.flatnonzero(self.truth != self.read))[:count]

    def _most_confident_first(self, indices: np.ndarray) -> np.ndarray:
        return indices[np.argsort(-self.confidence[indices], kind="stable")]


def evaluate(predict: Callable[[np.ndarray], np.ndarray], data: Mnist) -> Evaluation:
    """Test accuracy, categorical cross-entropy and confusion matrix of ``predict`` on the test set."""
    probabilities = predict(as_vectors(data.x_test))
    truth = data.y_test.astype(np.int64)
    guesses = probabilities.argmax(axis=1)
    loss = float(-np.mean(np.log(np.clip(probabilities[np.arange(len(truth)), truth], 1e-7, 1.0))))
    confusion = np.zeros((DIGITS, DIGITS), dtype=np.int64)
    np.add.at(confusion, (truth, guesses), 1)
    confidence = probabilities.max(axis=1).astype(np.float32)
    return Evaluation(float(np.mean(guesses == truth)), loss, confusion, truth, guesses, confidence)
