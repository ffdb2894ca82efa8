"""Training runs from the window: one at a time, each with its own Cancel, followed on the trainer's thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.gui.threads import start_worker, stop_thread
from digitpad.gui.workers import RunFlags, Task, Trainer
from digitpad.training import TrainingRequest


class TrainingController(QObject):
    trainRequested = Signal(object, object)  # TrainingRequest, the run's own RunFlags: to the trainer
    trainingProgress = Signal(object)  # TrainingProgress
    trainingFinished = Signal(object)  # TrainedModel: saved, ready to load
    trainingCancelled = Signal()
    failed = Signal(str)  # message for the user

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trainer = Trainer()
        self.thread = start_worker(self.trainer, "digitpad trainer", self)
        self._run: RunFlags | None = None  # the running run's flags; None when no run is going
        self.trainRequested.connect(self.trainer.train)
        self.trainer.trainingFinished.connect(self._ended)  # first: the run is over before the window hears it
        self.trainer.trainingCancelled.connect(self._ended)
        self.trainer.failed.connect(self._failed)
        self.trainer.trainingProgress.connect(self.trainingProgress)
        self.trainer.trainingFinished.connect(self.trainingFinished)
        self.trainer.trainingCancelled.connect(self.trainingCancelled)

    @property
    def running(self) -> bool:
        return self._run is not None

    def start(self, request: TrainingRequest) -> None:
        if self.running:
            raise RuntimeError("a training run is already going")
        self._run = RunFlags()
        self.trainRequested.emit(request, self._run)

    def cancel(self) -> None:
        """Ask the running run to stop between two batches; a run that already ended is not affected."""
        if self._run is not None:
            self._run.stop.set()

    @Slot()
    def _ended(self) -> None:
        self._run = None

    @Slot(object, str)
    def _failed(self, _task: Task, message: str) -> None:
        self._run = None
        self.failed.emit(message)

    def shut_down(self) -> None:
        """End a running run at once (its child is killed; saves are atomic) and stop the trainer's thread."""
        if self._run is not None:
            self._run.end_now.set()
        stop_thread(self.thread)
        self._run = None  # ended, though the trainer's word of it may still be on its way
