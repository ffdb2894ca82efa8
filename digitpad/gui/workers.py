"""The two objects that do model work off the GUI thread; the window talks to them only by signals.

``Reader`` holds the model in use and reads drawings, pictures and the test set with it: a dense net's
forward pass in numpy takes microseconds, so it answers at once. ``Trainer`` follows a training run,
which goes on in a child process (see ``digitpad.training_process``); predictions go on with the current
model meanwhile, and the new one is swapped in only once it is saved.

No exception ever leaves a slot: whatever goes wrong comes back as a ``failed`` signal (or, for a
drawing, as a reading that says what went wrong), so the window is never left waiting for an answer.
"""

from __future__ import annotations

import enum
import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QImage

from digitpad.data import load_mnist
from digitpad.errors import DigitpadError
from digitpad.evaluation import evaluate
from digitpad.gui.pixels import image_pixels, pixels
from digitpad.images import MAX_PIXELS, read_image
from digitpad.keras_process import KerasProcessPredictor
from digitpad.model_files import Predictor, describe_model, open_predictor
from digitpad.numbers import NumberReading, read_drawing
from digitpad.predictor import DensePredictor
from digitpad.preprocess import EmptyDrawingError, OnlyADotError, digit_image, ink_map
from digitpad.training import TrainingCancelled, TrainingFailed, TrainingRequest
from digitpad.training_process import run_in_process
from digitpad.verdict import Thresholds, Verdict

PICTURE_SIDE = 1024  # an opened picture is shrunk to this before it goes on the pad, which is smaller still


class Task(enum.Enum):
    """What a worker was doing when it failed; the window says it in the error's title."""

    LOAD = enum.auto()
    OPEN = enum.auto()
    EVALUATE = enum.auto()
    TRAIN = enum.auto()
    READ_SAMPLES = enum.auto()

    def title(self) -> str:
        translate = QCoreApplication.translate
        return {
            Task.LOAD: translate("Task", "Could not load the model"),
            Task.OPEN: translate("Task", "Could not open the picture"),
            Task.EVALUATE: translate("Task", "Could not evaluate the model"),
            Task.TRAIN: translate("Task", "Training did not finish"),
            Task.READ_SAMPLES: translate("Task", "Could not read your drawings"),
        }[self]


def _in_words(error: Exception) -> str:
    if isinstance(error, DigitpadError):
        return str(error)
    return QCoreApplication.translate("Task", "Something unexpected went wrong ({0}: {1}).").format(
        type(error).__name__, error
    )


def reports_failure(task: Task) -> Callable:
    """A worker slot that turns any exception into ``failed(task, message)``, as superqt's workers do."""

    def decorate(slot: Callable) -> Callable:
        @functools.wraps(slot)
        def guarded(self, *args) -> None:
            try:
                slot(self, *args)
            except Exception as error:
                self.failed.emit(task, _in_words(error))

        return guarded

    return decorate


@dataclass(frozen=True)
class Reading:
    """The model's answer for one drawing, or why there is none (``problem``)."""

    probabilities: np.ndarray | None  # (10,)
    seen: np.ndarray | None  # (28, 28) in [0, 1]: what the model read
    problem: str = ""
    verdict: Verdict | None = None
    why: np.ndarray | None = None  # (28, 28): each pixel's push toward the reading (+) or the runner-up (-)
    explainable: bool = False  # the model in use can give its reasons for this reading, when they are asked for
    number: NumberReading | None = None  # several digits side by side: each digit's reading
    if_apart: str | None = None  # a lone piece not read as a digit: the number it reads as, were it digits touching


class Reader(QObject):
    modelReady = Signal(object)  # ModelInfo of the model now in use
    predictionReady = Signal(int, object)  # request id, Reading
    pictureRead = Signal(str, object)  # the picture file's path ("" for a pasted one), its ink as 2-D uint8 (255 = ink)
    evaluationReady = Signal(object, object, str)  # Evaluation, the test images, which data it was made on
    samplesRead = Signal(object)  # {sample id: probabilities} of the user's kept drawings
    failed = Signal(object, str)  # Task, message for the user
    busy = Signal(str)  # what it is doing, for the status bar; "" when done

    def __init__(self) -> None:
        super().__init__()
        self._predict: Predictor | None = None
        self._thresholds = Thresholds()
        self._reasons = False
        self._loading: KerasProcessPredictor | None = None
        self._lock = threading.Lock()  # guards _loading, which abandon() reaches from the GUI thread

    @contextmanager
    def _doing(self, what: str) -> Iterator[None]:
        """Say what it is doing in the status bar, and take that away afterwards, however it ended."""
        self.busy.emit(what)
        try:
            yield
        finally:
            self.busy.emit("")

    @Slot(str)
    @reports_failure(Task.LOAD)
    def load_model(self, path: str) -> None:
        """Read a model file; the one in use is replaced only if the new one is good."""
        with self._doing(self.tr("Loading the model…")):
            try:
                predictor = open_predictor(path, on_child=self._track_loading)
            finally:
                self._track_loading(None)
            info = describe_model(path)
        old, self._predict, self._thresholds = self._predict, predictor, info.thresholds
        if old is not None:
            old.close()
        self.modelReady.emit(info)

    def _track_loading(self, child: KerasProcessPredictor | None) -> None:
        with self._lock:
            self._loading = child

    def abandon(self) -> None:
        """Stop a model load that is still waiting on Keras; called from the GUI thread when the window closes."""
        with self._lock:
            if self._loading is not None:
                self._loading.abandon()

    def close_model(self) -> None:
        """Let go of the model in use (and any child process it holds); only once this thread has stopped."""
        if self._predict is not None:
            self._predict.close()
            self._predict = None

    @Slot(int, QImage)
    def predict(self, request_id: int, drawing: QImage) -> None:
        if self._predict is None:
            reading = Reading(None, None, self.tr("No model to read the drawing with yet."))
        else:
            try:
                reading = self._read(image_pixels(drawing))
            except OnlyADotError:
                reading = Reading(None, None, self.tr("Nothing to read yet: the drawing is only a dot."))
            except EmptyDrawingError:
                reading = Reading(None, None, self.tr("Nothing to read yet: the drawing is empty."))
            except Exception as error:  # the answer must come back, or the pad would never be read again
                reading = Reading(None, None, self.tr("Could not read the drawing: {0}").format(_in_words(error)))
        self.predictionReady.emit(request_id, reading)

    def _read(self, pixels: np.ndarray) -> Reading:
        """One digit as ever; several side by side (or one after a minus), a number."""
        read = read_drawing(pixels, self._predict, self._thresholds, reasons=self._reasons)
        first = read.digits[0]
        number = read if len(read.digits) > 1 or read.marks else None  # a minus before one digit too
        return Reading(
            first.probabilities,
            first.seen,
            verdict=first.verdict,
            why=first.why,
            number=number,
            explainable=isinstance(self._predict, DensePredictor),
            if_apart=read.if_apart,
        )

    @Slot(bool)
    def give_reasons(self, wanted: bool) -> None:
        """Whether readings come with their reasons (Why this reading): only while they are shown."""
        self._reasons = wanted

    @Slot(str)
    @reports_failure(Task.OPEN)
    def read_picture(self, path: str) -> None:
        with self._doing(self.tr("Opening the picture…")):
            ink = _picture_ink(read_image(path))
        self.pictureRead.emit(path, ink)

    @Slot(QImage)
    @reports_failure(Task.OPEN)
    def read_pasted(self, picture: QImage) -> None:
        """A picture pasted or dropped as itself (not a file), read as an opened one: transparency kept, so ink
        on a clear layer reads."""
        with self._doing(self.tr("Reading the picture…")):
            ink = _picture_ink(_rgba_picture(picture))
        self.pictureRead.emit("", ink)

    @Slot(object)
    @reports_failure(Task.READ_SAMPLES)
    def read_samples(self, samples: list) -> None:
        """How the model in use reads each of the user's kept drawings: {sample id: probabilities}."""
        if self._predict is None:
            raise DigitpadError(self.tr("There is no model to read your drawings with yet."))
        readings = {}
        for sample in samples:
            try:
                readings[sample.id] = self._predict(digit_image(read_image(sample.file)).reshape(1, -1))[0]
            except (DigitpadError, ValueError):  # changed or emptied by hand since it was kept: no reading
                continue
        self.samplesRead.emit(readings)

    @Slot(str)
    @reports_failure(Task.EVALUATE)
    def evaluate(self, data_path: str) -> None:
        if self._predict is None:
            raise DigitpadError(self.tr("There is no model to evaluate yet."))
        with self._doing(self.tr("Evaluating the model on the MNIST test set…")):
            data = load_mnist(data_path or None)
            evaluation = evaluate(self._predict, data)
        self.evaluationReady.emit(evaluation, data.x_test, data.describe())


def _picture_ink(picture: Image.Image) -> np.ndarray:
    """A picture's ink as the pad takes it: 2-D uint8, 255 = full ink, no side longer than PICTURE_SIDE."""
    picture.thumbnail((PICTURE_SIDE, PICTURE_SIDE), Image.Resampling.BOX)
    return np.round(ink_map(picture) * 255).astype(np.uint8)


def _rgba_picture(image: QImage) -> Image.Image:
    """Any QImage as a Pillow RGBA image."""
    if image.isNull():
        raise DigitpadError(QCoreApplication.translate("Task", "The picture is empty."))
    if image.width() * image.height() > MAX_PIXELS:  # as for a file: about 200 MB of RGBA, and no digit needs it
        raise DigitpadError(
            QCoreApplication.translate(
                "Task", "The picture is too large ({0} x {1} pixels; digitpad reads up to {2} megapixels)."
            ).format(f"{image.width():,}", f"{image.height():,}", MAX_PIXELS // 1_000_000)
        )
    return Image.fromarray(pixels(image, QImage.Format.Format_RGBA8888, 4), "RGBA")


class Trainer(QObject):
    trainingProgress = Signal(object)  # TrainingProgress
    trainingFinished = Signal(object)  # TrainedModel: saved, ready to load
    trainingCancelled = Signal()
    failed = Signal(object, str)  # Task.TRAIN, message for the user

    @Slot(object, object)
    @reports_failure(Task.TRAIN)
    def train(self, request: TrainingRequest, run: RunFlags) -> None:
        """Run ``request`` until it ends; ``run`` belongs to this run alone, so a late Cancel meets no other."""
        try:
            trained = run_in_process(
                request,
                on_progress=self.trainingProgress.emit,
                should_stop=run.stop.is_set,
                should_end_now=run.end_now.is_set,
            )
        except TrainingCancelled:
            self.trainingCancelled.emit()
        except OSError as error:  # the child process could not even start
            raise TrainingFailed(self.tr("Training could not start: {0}").format(error)) from None
        else:
            self.trainingFinished.emit(trained)


@dataclass(frozen=True)
class RunFlags:
    """What the window can ask of one training run: stop after the current batch, or end at once (quitting)."""

    stop: threading.Event = field(default_factory=threading.Event)
    end_now: threading.Event = field(default_factory=threading.Event)
