"""The two objects that do model work off the GUI thread; the window talks to them only by signals.

``Reader`` holds the model in use and reads drawings, pictures and the test set with it: a dense net's
forward pass in numpy takes microseconds, so it answers at once. ``Trainer`` runs a training run, which
goes on in a child process (see ``digitpad.training_process``); predictions go on with the current model
meanwhile, and the new one is swapped in only once it is saved.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from digitpad.data import load_mnist
from digitpad.errors import DigitpadError
from digitpad.evaluation import evaluate
from digitpad.images import read_image
from digitpad.model_files import Predict, describe_model, open_predictor
from digitpad.preprocess import EmptyDrawingError, digit_image, ink_map
from digitpad.training import TrainingCancelled, TrainingFailed, TrainingRequest
from digitpad.training_process import run_in_process

PICTURE_SIDE = 1024  # an opened picture is shrunk to this before it goes on the pad, which is smaller still


@dataclass(frozen=True)
class Reading:
    """The model's answer for one drawing, or why there is none (``problem``)."""

    probabilities: np.ndarray | None  # (10,)
    seen: np.ndarray | None  # (28, 28) in [0, 1]: what the model read
    problem: str = ""


class Reader(QObject):
    modelReady = Signal(object)  # ModelInfo of the model now in use
    predictionReady = Signal(int, object)  # request id, Reading
    pictureRead = Signal(str, object)  # file, its ink as 2-D uint8 (255 = ink)
    evaluationReady = Signal(object, str)  # Evaluation, which data it was made on
    failed = Signal(str, str)  # what was being done ("load", "open", "evaluate"), message for the user
    busy = Signal(str)  # what it is doing, for the status bar; "" when done

    def __init__(self) -> None:
        super().__init__()
        self._predict: Predict | None = None

    @Slot(str)
    def load_model(self, path: str) -> None:
        """Read a model file; the one in use is replaced only if the new one is good."""
        self.busy.emit("Loading the model…")
        try:
            self._predict = open_predictor(path)
            self.modelReady.emit(describe_model(path))
        except DigitpadError as error:
            self.failed.emit("load", str(error))
        finally:
            self.busy.emit("")

    @Slot(int, QImage)
    def predict(self, request_id: int, drawing: QImage) -> None:
        if self._predict is None:
            return
        try:
            seen = digit_image(_pixels(drawing))
        except EmptyDrawingError as error:
            self.predictionReady.emit(request_id, Reading(None, None, f"Nothing to read yet: {error}."))
            return
        self.predictionReady.emit(request_id, Reading(self._predict(seen.reshape(1, -1))[0], seen))

    @Slot(str)
    def read_picture(self, path: str) -> None:
        self.busy.emit("Opening the picture…")
        try:
            picture = read_image(path)
            picture.thumbnail((PICTURE_SIDE, PICTURE_SIDE), Image.Resampling.BOX)
            self.pictureRead.emit(path, np.round(ink_map(picture) * 255).astype(np.uint8))
        except DigitpadError as error:
            self.failed.emit("open", str(error))
        finally:
            self.busy.emit("")

    @Slot(str)
    def evaluate(self, data_path: str) -> None:
        if self._predict is None:
            self.failed.emit("evaluate", "There is no model to evaluate yet.")
            return
        self.busy.emit("Evaluating the model on the MNIST test set…")
        try:
            data = load_mnist(data_path or None)
            self.evaluationReady.emit(evaluate(self._predict, data), data.describe())
        except DigitpadError as error:
            self.failed.emit("evaluate", str(error))
        finally:
            self.busy.emit("")


def _pixels(image: QImage) -> np.ndarray:
    """A grayscale QImage's pixels as a (height, width) uint8 array (rows in a QImage are padded)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return rows[:, : gray.width()].copy()


class Trainer(QObject):
    trainingProgress = Signal(object)  # TrainingProgress
    trainingFinished = Signal(object)  # TrainedModel: saved, ready to load
    trainingCancelled = Signal()
    failed = Signal(str, str)  # "train", message for the user

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop; called straight from the GUI thread, since this one is busy training."""
        self._stop.set()

    @Slot(object)
    def train(self, request: TrainingRequest) -> None:
        try:
            trained = run_in_process(request, on_progress=self.trainingProgress.emit, should_stop=self._stop.is_set)
        except TrainingCancelled:
            self.trainingCancelled.emit()
        except TrainingFailed as error:
            self.failed.emit("train", str(error))
        except OSError as error:  # the child process could not even start
            self.failed.emit("train", f"Training could not start: {error}")
        else:
            self.trainingFinished.emit(trained)
        finally:
            self._stop.clear()
