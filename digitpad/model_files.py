"""Model files as a user meets them: which one it is, how good its card says it is, its forward pass, a copy.

TensorFlow is imported only for a model that is not a plain stack of Dense layers.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad import paths
from digitpad.files import write_atomically
from digitpad.weights import ModelFileError, NotPlainDense, read_dense_model

Predict = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    origin: str  # "shipped", "yours" (the user's trained model) or "file" (anything else)
    test_accuracy: float | None  # from the model's card, if it has one

    def describe(self) -> str:
        names = {"shipped": "shipped model", "yours": "your model"}
        text = names.get(self.origin, self.path.name)
        if self.test_accuracy is not None:
            text += f", {self.test_accuracy:.2%} on the MNIST test set"
        return text


def require_keras_file(path: Path) -> None:
    """Keras saves and loads a model by its suffix; anything but .keras would be another format."""
    if path.suffix != ".keras":
        raise ModelFileError(f"{path}: a model file must end in .keras")


def card_path(model_path: str | os.PathLike[str]) -> Path:
    return Path(model_path).with_suffix(".json")


def describe_model(path: str | os.PathLike[str]) -> ModelInfo:
    path = Path(path)
    if _same_file(path, paths.shipped_model_path()):
        origin = "shipped"
    elif _same_file(path, paths.user_model_path()):
        origin = "yours"
    else:
        origin = "file"
    return ModelInfo(path, origin, _card_accuracy(path))


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _card_accuracy(model_path: Path) -> float | None:
    """The test accuracy on the model's card; a missing or unreadable card just means it is unknown."""
    try:
        accuracy = json.loads(card_path(model_path).read_text()).get("test_accuracy")
    except (OSError, ValueError, AttributeError):
        return None
    return float(accuracy) if isinstance(accuracy, int | float) else None


def open_predictor(path: str | os.PathLike[str]) -> Predict:
    """The forward pass of the model in ``path``: read without TensorFlow when it is a plain dense stack."""
    try:
        return read_dense_model(path).predict
    except NotPlainDense:
        from digitpad import model  # TensorFlow: seconds to import, so only for models that need it

        return model.fast_predictor(model.load_model(path))


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
