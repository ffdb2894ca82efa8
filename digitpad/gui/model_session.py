"""The model in use: which one it is, loading another (with fall-back at start-up), and the reader that holds it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from digitpad import paths
from digitpad.gui.threads import start_worker, stop_thread
from digitpad.gui.workers import Reader, Task
from digitpad.model_files import ModelInfo


class ModelSession(QObject):
    loadRequested = Signal(str)  # requests to the reader, answered on its thread
    pictureRequested = Signal(str)
    picturePasted = Signal(QImage)
    evaluateRequested = Signal(str)  # the MNIST data to use ("" for as digitpad finds it)
    samplesRequested = Signal(object)  # the user's kept drawings to read, a list of Sample
    reasonsWanted = Signal(bool)  # whether readings come with their reasons
    modelChanged = Signal(object)  # ModelInfo of the model now in use
    loadFailed = Signal(str, bool)  # message for the user; True if the next model there is is being tried
    failed = Signal(object, str)  # the reader's other failures: Task, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model: ModelInfo | None = None
        self._candidates: list[str] = []  # at start-up: the models still to try if this one fails
        self.reader = Reader()
        self.thread = start_worker(self.reader, "digitpad reader", self)
        self.loadRequested.connect(self.reader.load_model)
        self.pictureRequested.connect(self.reader.read_picture)
        self.picturePasted.connect(self.reader.read_pasted)
        self.evaluateRequested.connect(self.reader.evaluate)
        self.samplesRequested.connect(self.reader.read_samples)
        self.reasonsWanted.connect(self.reader.give_reasons)
        self.reader.modelReady.connect(self._model_ready)
        self.reader.failed.connect(self._reader_failed)

    def start(self, remembered: str) -> bool:
        """Load the remembered model, else the user's, else the shipped one; False if there is none at all."""
        self._candidates = [str(path) for path in paths.model_candidates(remembered)]
        if not self._candidates:
            return False
        self.loadRequested.emit(self._candidates.pop(0))
        return True

    def load(self, path: str) -> None:
        """Use the model in ``path`` if it is good; the one in use stays if not."""
        self._candidates.clear()
        self.loadRequested.emit(path)

    def reset(self) -> None:
        self.load(str(paths.shipped_model_path()))

    @Slot(object)
    def _model_ready(self, model: ModelInfo) -> None:
        self.model = model
        self._candidates.clear()
        self.modelChanged.emit(model)

    @Slot(object, str)
    def _reader_failed(self, task: Task, message: str) -> None:
        if task is not Task.LOAD:
            self.failed.emit(task, message)
            return
        falling_back = bool(self._candidates)
        if falling_back:  # asked for before the user is told, so that it loads while the message is read
            self.loadRequested.emit(self._candidates.pop(0))
        self.loadFailed.emit(message, falling_back)

    def shut_down(self) -> None:
        """Stop the reader's thread (abandoning a load still waiting on Keras) and let go of the model."""
        self.reader.abandon()
        stop_thread(self.thread)
        self.reader.close_model()
