"""The main window: pad, reading, menus and status bar, and the worker threads it owns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QImage, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from digitpad import paths
from digitpad.errors import DigitpadError
from digitpad.files import write_atomically
from digitpad.gui.canvas import DrawingCanvas
from digitpad.gui.dialogs import EvaluationDialog, RetrainDialog, TrainingProgressView
from digitpad.gui.result_panel import ResultPanel
from digitpad.gui.workers import Reader, Reading, Trainer
from digitpad.model_files import ModelInfo, copy_model
from digitpad.training import DEFAULT_RECIPE, TrainedModel, TrainingProgress, TrainingRequest

PREDICT_EVERY_MS = 30  # while the pen moves, the drawing is read at most this often
PEN_WIDTHS = (4, 60)
DEFAULT_PEN_WIDTH = 18
NO_MODEL = "No model: use Model > Retrain… or Model > Load model…"
PICTURE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"
WHAT_FAILED = {
    "load": "Could not load the model",
    "open": "Could not open the picture",
    "evaluate": "Could not evaluate the model",
    "train": "Training did not finish",
}


class MainWindow(QMainWindow):
    # Requests to the workers; each runs on the worker's own thread.
    loadRequested = Signal(str)
    predictRequested = Signal(int, QImage)
    pictureRequested = Signal(str)
    evaluateRequested = Signal(str)
    trainRequested = Signal(object)

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.model: ModelInfo | None = None
        self.training = False
        self.evaluation_dialog: EvaluationDialog | None = None
        self.latest_request = 0  # the id of the newest drawing; answers about older ones are stale
        self.shown_request = 0  # the id of the drawing whose reading (or lack of one) is on screen
        self._in_flight = False  # one drawing at a time goes to the reader...
        self._pending = False  # ...and only the newest one waits behind it
        self._startup_candidates: list[str] = []
        self._busy_with = ""

        self.setWindowTitle("digitpad")
        self.setWindowIcon(QIcon(str(paths.resources_dir() / "digitpad.png")))
        self.setAcceptDrops(True)
        self.canvas = DrawingCanvas(int(settings.value("pen/width", DEFAULT_PEN_WIDTH)))
        self.result = ResultPanel()
        self.progress_view = TrainingProgressView(self)
        self.throttle = QTimer(self, singleShot=True, interval=PREDICT_EVERY_MS)
        self.create_central_widget()
        self.create_actions()
        self.create_menus()
        self.create_tool_bar()
        self.create_status_bar()
        self.create_workers()
        self.connect_signals()
        for action in (self.evaluate_action, self.save_model_action):  # until a model is in use
            action.setEnabled(False)
        self.restoreGeometry(settings.value("window/geometry", b""))
        self.canvas.setFocus()
        self.load_startup_model()

    # Building the window

    def create_central_widget(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.canvas, stretch=3)
        layout.addWidget(self.result, stretch=2)
        self.setCentralWidget(central)
        self.setMinimumSize(self.minimumSizeHint())

    def create_actions(self) -> None:
        def action(text: str, tip: str, slot, *keys) -> QAction:
            made = QAction(text, self, statusTip=tip, triggered=slot)
            made.setShortcuts([QKeySequence(key) for key in keys])
            return made

        Key = QKeySequence.StandardKey
        self.open_action = action("&Open image…", "Read the digit in a picture file", self.open_picture, Key.Open)
        self.save_drawing_action = action("&Save drawing…", "Save the drawing as a PNG", self.save_drawing, Key.Save)
        self.quit_action = action("&Quit", "Close digitpad", self.close, Key.Quit)
        self.undo_action = action("&Undo stroke", "Take back the last stroke", self.canvas.undo, Key.Undo)
        self.clear_action = action("&Clear", "Wipe the pad", self.canvas.clear, "Esc", "Del")
        self.thicker_action = action("&Thicker pen", "Draw with a wider pen", lambda: self.change_pen(+2), "Ctrl+=")
        self.thinner_action = action("Thi&nner pen", "Draw with a narrower pen", lambda: self.change_pen(-2), "Ctrl+-")
        self.retrain_action = action("&Retrain…", "Train a new model on MNIST", self.retrain, "Ctrl+R")
        self.evaluate_action = action(
            "&Evaluate on test set", "Test the model on the MNIST test set", self.evaluate, "Ctrl+E"
        )
        self.load_action = action("&Load model…", "Use a model from a .keras file", self.load_model, "Ctrl+L")
        self.save_model_action = action(
            "&Save model as…", "Copy the model in use to a .keras file", self.save_model, Key.SaveAs
        )
        self.reset_action = action(
            "Reset to the &shipped model", "Use the model digitpad ships with", self.reset_model, "Ctrl+Shift+R"
        )
        self.about_action = action("&About digitpad", "What digitpad is", self.about, "F1")

    def create_menus(self) -> None:
        menus = {
            "&File": [self.open_action, self.save_drawing_action, None, self.quit_action],
            "&Edit": [self.undo_action, self.clear_action, None, self.thicker_action, self.thinner_action],
            "&Model": [
                self.retrain_action,
                self.evaluate_action,
                None,
                self.load_action,
                self.save_model_action,
                self.reset_action,
            ],
            "&Help": [self.about_action],
        }
        for title, actions in menus.items():
            menu = self.menuBar().addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)

    def create_tool_bar(self) -> None:
        tools = self.addToolBar("Pad")
        tools.setObjectName("pad")
        tools.setMovable(False)
        tools.addAction(self.clear_action)
        tools.addAction(self.undo_action)
        tools.addSeparator()
        tools.addWidget(QLabel(" Pen "))
        self.pen_width = QSpinBox(minimum=PEN_WIDTHS[0], maximum=PEN_WIDTHS[1], suffix=" px")
        self.pen_width.setValue(self.canvas.pen_width)
        self.pen_width.setToolTip("Pen width")
        tools.addWidget(self.pen_width)

    def create_status_bar(self) -> None:
        self.model_label = QLabel("no model yet")
        self.statusBar().addPermanentWidget(self.model_label)
        self.statusBar().showMessage("Starting…")

    def create_workers(self) -> None:
        self.reader, self.reader_thread = Reader(), QThread(self)
        self.trainer, self.trainer_thread = Trainer(), QThread(self)
        self.reader_thread.setObjectName("digitpad reader")
        self.trainer_thread.setObjectName("digitpad trainer")
        for worker, thread in ((self.reader, self.reader_thread), (self.trainer, self.trainer_thread)):
            worker.moveToThread(thread)
            thread.start()

    def connect_signals(self) -> None:
        self.loadRequested.connect(self.reader.load_model)
        self.predictRequested.connect(self.reader.predict)
        self.pictureRequested.connect(self.reader.read_picture)
        self.evaluateRequested.connect(self.reader.evaluate)
        self.trainRequested.connect(self.trainer.train)
        self.reader.modelReady.connect(self.use_model)
        self.reader.predictionReady.connect(self.show_reading)
        self.reader.pictureRead.connect(self.show_picture)
        self.reader.evaluationReady.connect(self.show_evaluation)
        self.reader.failed.connect(self.report_failure)
        self.reader.busy.connect(self.show_busy)
        self.trainer.trainingProgress.connect(self.show_training_progress)
        self.trainer.trainingFinished.connect(self.training_finished)
        self.trainer.trainingCancelled.connect(self.training_cancelled)
        self.trainer.failed.connect(self.report_failure)
        self.progress_view.cancelRequested.connect(self.cancel_training)
        self.canvas.drawingChanged.connect(self.drawing_changed)
        self.canvas.drawingSettled.connect(self.drawing_settled)
        self.throttle.timeout.connect(self.read_drawing)
        self.pen_width.valueChanged.connect(self.set_pen_width)
        self.pen_width.editingFinished.connect(self.canvas.setFocus)  # back to drawing: Delete clears the pad again
        self.update_drawing_actions()

    # The model in use

    def load_startup_model(self) -> None:
        """The remembered model, else the user's, else the shipped one; with none at all, train one."""
        remembered = self.settings.value("model/path", "")
        self._startup_candidates = [str(path) for path in paths.model_candidates(remembered)]
        if self._startup_candidates:
            self.loadRequested.emit(self._startup_candidates.pop(0))
        else:
            self.train_first_model()

    @Slot(object)
    def use_model(self, model: ModelInfo) -> None:
        self.model = model
        self._startup_candidates.clear()
        for action in (self.evaluate_action, self.save_model_action):
            action.setEnabled(True)
        self.settings.setValue("model/path", str(model.path))
        self.model_label.setText(f"Model: {model.describe()}")
        self.statusBar().showMessage(f"Using the {model.describe()}", 5000)
        self.read_drawing()

    def train_first_model(self) -> None:
        self.result.show_message("No model yet: training one…")
        self.start_training(
            self.last_training_request(),
            "There is no model yet, so digitpad is training one (a few minutes). You can draw meanwhile.",
        )

    def last_training_request(self) -> TrainingRequest:
        """A run as the user last asked for one in the Retrain dialog, else the recipe's defaults."""
        value = self.settings.value
        return TrainingRequest(
            out=str(paths.user_model_path()),
            recipe=value("train/recipe", DEFAULT_RECIPE),
            epochs=int(value("train/epochs", 0)) or None,
            batch_size=int(value("train/batch_size", 0)) or None,
            data=value("train/data", "") or None,
        )

    def remember_training_request(self, request: TrainingRequest) -> None:
        for key in ("recipe", "epochs", "batch_size", "data"):
            self.settings.setValue(f"train/{key}", getattr(request, key) or "")

    def start_training(self, request: TrainingRequest, what: str) -> None:
        self.training = True
        self.retrain_action.setEnabled(False)
        self.progress_view.start(what)
        self.statusBar().showMessage("Training: starting…")
        self.trainRequested.emit(request)

    @Slot(object)
    def show_training_progress(self, progress: TrainingProgress) -> None:
        self.progress_view.show_progress(progress)
        self.statusBar().showMessage(f"Training: epoch {progress.epoch}/{progress.epochs}, {progress.done:.0%}")

    @Slot(object)
    def training_finished(self, trained: TrainedModel) -> None:
        self.training_over(
            f"Done: the new model reads {trained.evaluation.accuracy:.2%} of the MNIST test set right "
            f"and is now in use. It was saved as {trained.path}."
        )
        self.loadRequested.emit(trained.path)

    @Slot()
    def cancel_training(self) -> None:
        # A direct call, not a queued signal: the trainer's thread is busy following the run.
        self.trainer.cancel()

    @Slot()
    def training_cancelled(self) -> None:
        self.training_over("Training was cancelled. " + self._model_kept())
        if self.model is None:
            self.result.show_message(NO_MODEL)

    def training_over(self, outcome: str) -> None:
        self.training = False
        self.retrain_action.setEnabled(True)
        self.progress_view.finish(outcome)
        self.statusBar().showMessage(outcome.split(". ")[0], 8000)

    def _model_kept(self) -> str:
        if self.model is None:
            return f"There is still no model. {NO_MODEL}."
        return f"The previous model ({self.model.describe()}) is still in use, and nothing on disk changed."

    # Reading the drawing

    @Slot()
    def drawing_changed(self) -> None:
        """The pen is moving: read the drawing when the throttle next allows."""
        if not self.throttle.isActive():
            self.throttle.start()

    @Slot()
    def drawing_settled(self) -> None:
        self.update_drawing_actions()
        self.read_drawing()

    def update_drawing_actions(self) -> None:
        self.undo_action.setEnabled(self.canvas.can_undo())
        self.save_drawing_action.setEnabled(not self.canvas.is_empty())

    @Slot()
    def read_drawing(self) -> None:
        """Send the drawing to the reader; if one is being read, only the newest waits behind it."""
        self.throttle.stop()
        self.latest_request += 1
        if self.canvas.is_empty():
            if self.model is not None:  # else the panel keeps saying why there is no model yet
                self.result.show_message("Draw a digit on the pad")
            self.shown_request = self.latest_request
            return
        if self.model is None:
            return
        if self._in_flight:
            self._pending = True
            return
        self._in_flight = True
        self.predictRequested.emit(self.latest_request, self.canvas.image())

    @Slot(int, object)
    def show_reading(self, request_id: int, reading: Reading) -> None:
        self._in_flight = False
        if request_id == self.latest_request:
            self.shown_request = request_id
            if reading.probabilities is None:
                self.result.show_message(reading.problem)
            else:
                self.result.show_reading(reading.probabilities, reading.seen)
        if self._pending:
            self._pending = False
            self.read_drawing()

    def change_pen(self, step: int) -> None:
        self.pen_width.setValue(self.pen_width.value() + step)

    @Slot(int)
    def set_pen_width(self, width: int) -> None:
        self.canvas.pen_width = width
        self.settings.setValue("pen/width", width)

    # Pictures in and out

    def open_picture(self) -> None:
        folder = self.settings.value("picture/folder", "")
        path, _ = QFileDialog.getOpenFileName(self, "Open image", folder, PICTURE_FILTER)
        if path:
            self.settings.setValue("picture/folder", str(Path(path).parent))
            self.pictureRequested.emit(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.pictureRequested.emit(files[0])

    @Slot(str, object)
    def show_picture(self, path: str, ink) -> None:
        self.canvas.set_picture(ink)  # read as soon as it is on the pad
        self.statusBar().showMessage(f"Reading {Path(path).name}", 5000)

    def save_drawing(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save drawing", "drawing.png", "PNG image (*.png)")
        if not path:
            return
        image = self.canvas.image()

        def write(partial: Path) -> None:
            if not image.save(str(partial), "PNG"):
                raise OSError(f"could not write {path}")

        try:
            write_atomically(Path(path).with_suffix(".png"), write)
        except OSError as error:
            self.show_error("Could not save the drawing", str(error))

    # The Model menu

    def retrain(self) -> None:
        dialog = RetrainDialog(self.last_training_request(), self)
        if dialog.exec() != RetrainDialog.DialogCode.Accepted:
            return
        request = dialog.request(out=str(paths.user_model_path()))
        self.remember_training_request(request)
        self.start_training(request, f"Training the {request.recipe} recipe for {request.epochs} epochs.")

    def evaluate(self) -> None:
        self.evaluateRequested.emit(self.settings.value("train/data", ""))

    @Slot(object, str)
    def show_evaluation(self, evaluation, data: str) -> None:
        model = self.model.describe() if self.model else "?"
        self.evaluation_dialog = EvaluationDialog(evaluation, data, model, self)
        self.evaluation_dialog.open()

    def load_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load model", "", "Keras models (*.keras)")
        if path:
            self.loadRequested.emit(path)

    def save_model(self) -> None:
        if self.model is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save model as", "digitpad-model.keras", "Keras models (*.keras)")
        if not path:
            return
        try:
            copy_model(self.model.path, path)
            self.statusBar().showMessage(f"Model saved as {path}", 5000)
        except (DigitpadError, OSError) as error:
            self.show_error("Could not save the model", str(error))

    def reset_model(self) -> None:
        self.loadRequested.emit(str(paths.shipped_model_path()))

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About digitpad",
            "<b>digitpad</b> reads the digit you draw with a Keras MNIST network "
            "(784 → Dense 512 relu → Dense 10 softmax).",
        )

    # Errors and status

    @Slot(str, str)
    def report_failure(self, task: str, message: str) -> None:
        if task == "load" and self._startup_candidates:  # a damaged model at start-up: fall back to the next
            self.statusBar().showMessage(message, 8000)
            self.show_error(WHAT_FAILED[task], f"{message}\n\nUsing the next model there is instead.")
            self.loadRequested.emit(self._startup_candidates.pop(0))
            return
        if task == "train":
            self.training_over(f"{message} {self._model_kept()}")
        if task in ("load", "train") and self.model is None:
            self.result.show_message(NO_MODEL)
        kept = f"\n\n{self._model_kept()}" if task in ("load", "train") else ""
        self.show_error(WHAT_FAILED[task], message + kept)

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    @Slot(str)
    def show_busy(self, doing: str) -> None:
        """Show what the reader is doing; when it is done, take that away (and only that)."""
        if doing:
            self.statusBar().showMessage(doing)
            self._busy_with = doing
        elif self.statusBar().currentMessage() == self._busy_with:
            self.statusBar().clearMessage()

    # Closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Stop a training run and both threads; returns once they are gone."""
        self.trainer.cancel()
        for thread in (self.reader_thread, self.trainer_thread):
            thread.quit()
            thread.wait()
