"""What a training run is, without TensorFlow: the recipes, a request for a run, its progress and its end.

The window builds requests and shows progress and results from these; only ``digitpad.model`` turns
them into Keras.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.errors import DigitpadError
from digitpad.evaluation import Evaluation
from digitpad.predictor import CLASSES


@dataclass(frozen=True)
class Recipe:
    name: str
    summary: str
    epochs: int
    batch_size: int
    hidden: tuple[int, ...] = (512,)  # units of each hidden ReLU layer
    dropout: float = 0.0
    optimizer: str = "rmsprop"  # or "adam-cosine": Adam whose learning rate decays to 0 on a cosine
    augment: bool = False
    nondigits: float = 0.0  # generated non-digit drawings per training digit, taught to give a flat output
    closed_fours: float = 0.0  # the share of training 4s given a closed top, afresh every epoch
    members: int = 1  # networks trained one after another (seeds s, s + 1, ...), then read as one: their mean logits
    minutes: float = 0.0  # how long a run with the recipe's own settings takes on this project's 2-core machine


DISTORTED = (
    "freshly distorted training digits every epoch (rotation, slant, scale, wobble, pen width; some 1s get a "
    "foot or a flag), and generated non-digits (letters, symbols, doodles, two digits on top of each other) "
    "taught to give a flat output"
)
LARGE = dict(
    epochs=60,
    batch_size=128,
    hidden=(1024, 1024),
    dropout=0.3,
    optimizer="adam-cosine",
    augment=True,
    nondigits=0.25,
    closed_fours=0.5,
)
RECIPES = {
    recipe.name: recipe
    for recipe in (
        Recipe("reference", "the classic Keras MNIST recipe, as published", epochs=5, batch_size=128, minutes=0.3),
        Recipe(
            "digitpad",
            f"the same dense network with dropout, Adam on a cosine schedule, {DISTORTED}",
            epochs=40,
            batch_size=128,
            dropout=0.3,
            optimizer="adam-cosine",
            augment=True,
            nondigits=0.25,
            minutes=4,
        ),
        Recipe(
            "digitpad-large",
            f"two hidden layers of 1,024 units with dropout, Adam on a cosine schedule, 60 epochs of {DISTORTED}; "
            "half the 4s closed at the top, as they are printed (the shipped model)",
            **LARGE,
            minutes=8,
        ),
        Recipe(
            "digitpad-large-pair",
            "two digitpad-large networks, each with its own seed, trained one after the other and joined into one "
            "network that averages their readings: surer of typed digits, slower to read a drawing",
            **LARGE,
            members=2,
            minutes=16,
        ),
    )
}
DEFAULT_RECIPE = "digitpad"


def targets(digits: np.ndarray) -> np.ndarray:
    """What a network is taught for these digits (-1 for a non-digit): a digit's own output, and for a non-digit
    a flat output over the ten digits. (n, 10) float32."""
    digits = np.asarray(digits)
    taught = np.full((len(digits), CLASSES), 1.0 / CLASSES, dtype=np.float32)
    taught[digits >= 0] = np.eye(CLASSES, dtype=np.float32)[digits[digits >= 0]]
    return taught


@dataclass(frozen=True)
class TrainingRequest:
    """A run to make: which recipe, optional overrides, where the data comes from and the model goes."""

    out: str
    recipe: str = DEFAULT_RECIPE
    epochs: int | None = None  # None: the recipe's
    batch_size: int | None = None
    data: str | None = None  # None: as digitpad.data.load_mnist finds it
    base: str | None = None  # personalize: fine-tune the model in this file on the user's drawings


@dataclass(frozen=True)
class EpochResult:
    """One finished epoch: loss and accuracy on its (distorted) training batches and on the validation split."""

    epoch: int  # 1-based
    loss: float
    accuracy: float
    validation_loss: float
    validation_accuracy: float


@dataclass(frozen=True)
class TrainingProgress:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based, within the epoch
    batches: int
    loss: float
    accuracy: float
    history: tuple[EpochResult, ...] = ()  # the epochs finished so far: the training curves

    @property
    def done(self) -> float:
        """The fraction of the whole run behind us, 0 to 1."""
        return ((self.epoch - 1) * self.batches + self.batch) / (self.epochs * self.batches)


@dataclass(frozen=True)
class TrainedModel:
    path: str
    evaluation: Evaluation  # on the MNIST test set
    seconds: float


class TrainingCancelled(Exception):
    """The run was stopped before it finished; no model came out of it and nothing was written."""


class TrainingFailed(DigitpadError):
    """The run could not finish (bad data, no memory, a crash); nothing was written. The message says why."""
