"""How well a model reads the MNIST test set: accuracy, loss and confusion matrix, in numpy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from digitpad.data import Mnist, as_vectors

DIGITS = 10


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    loss: float
    confusion: np.ndarray  # (10, 10): row = true digit, column = predicted digit

    def as_dict(self) -> dict:
        return {"accuracy": self.accuracy, "loss": self.loss, "confusion": self.confusion.tolist()}


def evaluate(predict: Callable[[np.ndarray], np.ndarray], data: Mnist) -> Evaluation:
    """Test accuracy, categorical cross-entropy and confusion matrix of ``predict`` on the test set."""
    probabilities = predict(as_vectors(data.x_test))
    truth = data.y_test.astype(np.int64)
    guesses = probabilities.argmax(axis=1)
    loss = float(-np.mean(np.log(np.clip(probabilities[np.arange(len(truth)), truth], 1e-7, 1.0))))
    confusion = np.zeros((DIGITS, DIGITS), dtype=np.int64)
    np.add.at(confusion, (truth, guesses), 1)
    return Evaluation(float(np.mean(guesses == truth)), loss, confusion)
