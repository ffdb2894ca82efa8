"""Model files as a user meets them: which one it is, how good its card says it is, its forward pass, a copy.

TensorFlow is never imported here: a model that is not a plain stack of Dense layers is read by Keras
in a child process (``digitpad.keras_process``).
"""

from __future__ import annotations

import enum
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from digitpad import paths
from digitpad.files import write_atomically
from digitpad.keras_process import KerasProcessPredictor
from digitpad.model_card import accuracy_on_card, card_path, read_card, require_keras_file
from digitpad.verdict import Thresholds
from digitpad.weights import NotPlainDense, read_dense_model


class Predictor(Protocol):
    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        """(n, 784) float32 in [0, 1] -> (n, 10) probabilities."""

    def close(self) -> None:
        """Let go of what reading the model holds (a child process, for a model only Keras reads)."""


class ModelOrigin(enum.Enum):
    SHIPPED = "shipped"  # the model digitpad ships with
    YOURS = "yours"  # the user's trained model
    FILE = "file"  # any other file


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    origin: ModelOrigin
    card: dict = field(default_factory=dict, compare=False)  # all its own card says (empty if it has none)

    @property
    def test_accuracy(self) -> float | None:
        return accuracy_on_card(self.card)

    @property
    def thresholds(self) -> Thresholds:
        """Its verdict thresholds, from its card (else the defaults)."""
        return Thresholds.from_card(self.card)


def describe_model(path: str | os.PathLike[str]) -> ModelInfo:
    path = Path(path)
    if _same_file(path, paths.shipped_model_path()):
        origin = ModelOrigin.SHIPPED
    elif _same_file(path, paths.user_model_path()):
        origin = ModelOrigin.YOURS
    else:
        origin = ModelOrigin.FILE
    return ModelInfo(path, origin, read_card(path) or {})


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def open_predictor(
    path: str | os.PathLike[str], on_child: Callable[[KerasProcessPredictor], None] | None = None
) -> Predictor:
    """The forward pass of the model in ``path``: read in numpy when it is a plain dense stack, else by Keras
    in a child process (handed to ``on_child`` while it loads, so that it can be abandoned).
    Raises ModelFileError for anything that is not a readable digit model."""
    try:
        return read_dense_model(path)
    except NotPlainDense:
        child = KerasProcessPredictor(path)
        if on_child is not None:
            on_child(child)
        child.wait_until_loaded()
        return child


def copy_model(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Copy a model file (and its card, if any) atomically: the target is either the old file or the whole new one."""
    source, target = Path(source), Path(target)
    require_keras_file(target)
    if _same_file(source, target):
        return target
    for origin, destination in ((source, target), (card_path(source), card_path(target))):
        if origin.is_file():
            write_atomically(destination, lambda partial, origin=origin: shutil.copyfile(origin, partial))
    return target
