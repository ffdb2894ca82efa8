"""The main window: the pad, the reading, menus and status bar, glued to the parts that do the work.

``ReadScheduler`` decides when the drawing is read, ``ModelSession`` holds the model in use (and the
reader's thread), ``TrainingController`` runs training, ``Pictures`` takes pictures in and the drawing out,
``Teacher`` keeps drawings as samples; this file only builds the window and connects them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from digitpad import paths
from digitpad.errors import DigitpadError
from digitpad.gui.actions import make_action
from digitpad.gui.canvas import DrawingCanvas
from digitpad.gui.dialogs import HelpDialog, ModelChoiceDialog, ModelDetailsDialog, RetrainDialog, TrainingProgressView
from digitpad.gui.language import LANGUAGES
from digitpad.gui.language import SETTING as LANGUAGE_SETTING
from digitpad.gui.model_session import ModelSession
from digitpad.gui.pictures import Pictures, holds_picture
from digitpad.gui.read_scheduler import ReadScheduler
from digitpad.gui.result_panel import ResultPanel
from digitpad.gui.settings import read_bytes, read_int, read_text
from digitpad.gui.sizing import resize_within_screen
from digitpad.gui.teaching import Teacher
from digitpad.gui.training_controller import TrainingController
from digitpad.gui.words import model_in_words, os_error_in_words
from digitpad.gui.workers import Reading, Task
from digitpad.model_files import ModelInfo, copy_model, describe_model
from digitpad.samples import list_samples
from digitpad.training import DEFAULT_RECIPE, RECIPES, TrainedModel, TrainingProgress, TrainingRequest
from digitpad.verdict import Verdict

if TYPE_CHECKING:
    from digitpad.gui.evaluation_view import EvaluationDialog

PEN_WIDTHS = (4, 60)
DEFAULT_PEN_WIDTH = 18
MAX_EPOCHS, MAX_BATCH_SIZE = 500, 8192
# The boxes around the digits of a number, light, by how far to trust each: sure, unsure, not a digit.
BOX_COLOURS = {
    Verdict.DIGIT: QColor(40, 160, 70, 150),
    Verdict.UNSURE: QColor(230, 140, 20, 170),
    Verdict.NOT_A_DIGIT: QColor(210, 40, 40, 170),
}


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.evaluation_dialog: EvaluationDialog | None = None
        self._busy_with = ""
        self._asked_for: TrainingRequest | None = None  # the Retrain dialog's choices, until the run ends well
        self._ask_before_quitting = True  # while a model trains

        self.setWindowTitle("digitpad")
        self.setWindowIcon(QIcon(str(paths.resources_dir() / "digitpad.png")))
        self.setAcceptDrops(True)
        self.canvas = DrawingCanvas(read_int(settings, "pen/width", DEFAULT_PEN_WIDTH, *PEN_WIDTHS))
        self.result = ResultPanel()
        self.progress_view = TrainingProgressView(self)
        self.session = ModelSession(self)
        self.teacher = Teacher(self, self.canvas)
        self.training = TrainingController(self)
        self.pictures = Pictures(self, settings, self.session, self.canvas, self.result)
        self.scheduler = ReadScheduler(lambda: None if self.canvas.is_empty() else self.canvas.image(), parent=self)
        self.create_central_widget()
        self.create_actions()
        self.create_menus()
        self.create_tool_bar()
        self.create_status_bar()
        self.connect_signals()
        if not self.restoreGeometry(read_bytes(settings, "window/geometry")):
            # Qt would open at most two thirds of the screen, which squeezes the pad on a small or scaled screen.
            resize_within_screen(self, self.sizeHint().width(), self.sizeHint().height())
        self.canvas.setFocus()
        self.load_startup_model()

    @property
    def model(self) -> ModelInfo | None:
        return self.session.model

    # Building the window

    def create_central_widget(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.canvas, stretch=3)
        layout.addWidget(self.result, stretch=2)
        self.setCentralWidget(central)
        self.setMinimumSize(self.minimumSizeHint())

    def create_actions(self) -> None:
        action = functools.partial(make_action, self)
        Key = QKeySequence.StandardKey
        self.quit_action = action(self.tr("&Quit"), self.tr("Close digitpad"), self.close, Key.Quit)
        self.undo_action = action(
            self.tr("&Undo"),
            self.tr("Take back the last stroke, a Clear, or a picture put on the pad"),
            self.canvas.undo,
            Key.Undo,
        )
        self.clear_action = action(self.tr("&Clear"), self.tr("Wipe the pad"), self.canvas.clear, "Esc", "Del")
        self.eraser_action = action(
            self.tr("&Eraser"),
            self.tr("Rub out with the left button or a pen's tip too; the right button always erases"),
            self.canvas.set_erasing,
            "E",
            checkable=True,
        )
        self.thicker_action = action(
            self.tr("&Thicker pen"), self.tr("Draw with a wider pen"), lambda: self.change_pen(+2), "Ctrl+="
        )
        self.thinner_action = action(
            self.tr("Thi&nner pen"), self.tr("Draw with a narrower pen"), lambda: self.change_pen(-2), "Ctrl+-"
        )
        self.retrain_action = action(
            self.tr("&Retrain…"), self.tr("Train a new model on MNIST"), self.retrain, "Ctrl+R"
        )
        self.show_training_action = action(
            self.tr("Show &training"),
            self.tr("Show the training run's progress, or how it ended"),
            self.show_training,
            "Ctrl+T",
        )
        self.evaluate_action = action(
            self.tr("&Evaluate on test set"), self.tr("Test the model on the MNIST test set"), self.evaluate, "Ctrl+E"
        )
        self.model_details_action = action(
            self.tr("&About the model in use…"),
            self.tr("What the model in use is, how it was made and where its file is"),
            self.show_model_details,
        )
        self.load_action = action(
            self.tr("&Load model…"), self.tr("Use a model from a .keras file"), self.load_model, "Ctrl+L"
        )
        self.save_model_action = action(
            self.tr("&Save model as…"), self.tr("Copy the model in use to a .keras file"), self.save_model, Key.SaveAs
        )
        self.reset_action = action(
            self.tr("Reset to the s&hipped model"),
            self.tr("Use the model digitpad ships with"),
            self.session.reset,
            "Ctrl+Shift+R",
        )
        self.personalize_action = action(
            self.tr("&Personalize…"),
            self.tr("Teach the model in use your handwriting, from the drawings you kept"),
            self.personalize,
            "Ctrl+P",
        )
        self.help_action = action(
            self.tr("&How to use digitpad"), self.tr("How to draw, read and train"), self.show_help, "F1"
        )
        self.about_action = action(
            self.tr("&About digitpad"), self.tr("What digitpad is and the versions in use"), self.about
        )
        # In no menu (Help lists them): from digit to digit of a number on the pad, its bars and its box.
        self.next_digit_action = action(
            self.tr("Next digit of the number"), "", lambda: self.result.step_digit(+1), "Right"
        )
        self.previous_digit_action = action(
            self.tr("Previous digit of the number"), "", lambda: self.result.step_digit(-1), "Left"
        )
        self.addActions([self.next_digit_action, self.previous_digit_action])
        for not_yet in (
            self.evaluate_action,
            self.model_details_action,
            self.save_model_action,
            self.show_training_action,
            self.personalize_action,
        ):
            not_yet.setEnabled(False)

    def create_menus(self) -> None:
        pictures = self.pictures
        menus = {
            self.tr("&File"): [
                pictures.open_action,
                pictures.recent_menu.menuAction(),
                pictures.save_drawing_action,
                None,
                self.quit_action,
            ],
            self.tr("&Edit"): [
                self.undo_action,
                self.clear_action,
                self.eraser_action,
                None,
                pictures.copy_action,
                pictures.paste_action,
                None,
                self.thicker_action,
                self.thinner_action,
            ],
            self.tr("&Teach"): [
                *self.teacher.label_actions,
                None,
                self.teacher.forget_action,
                self.teacher.drawings_action,
            ],
            self.tr("&Model"): [
                self.retrain_action,
                self.personalize_action,
                self.show_training_action,
                self.evaluate_action,
                self.model_details_action,
                None,
                self.load_action,
                self.save_model_action,
                self.reset_action,
            ],
            self.tr("&Help"): [self.help_action, self.about_action],
        }
        for title, actions in menus.items():
            menu = self.menuBar().addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        self.create_language_menu(self.menuBar().actions()[-1].menu())

    def create_language_menu(self, help_menu: QMenu) -> None:
        """Help > Language: each language by its own name; the choice is kept and used from the next start."""
        menu = help_menu.addMenu(self.tr("&Language"))
        chosen = read_text(self.settings, LANGUAGE_SETTING, "", tuple(LANGUAGES))
        group = QActionGroup(self)
        for code, name in [("", self.tr("As the system")), *LANGUAGES.items()]:
            choice = QAction(name, self, checkable=True, checked=code == chosen)
            choice.triggered.connect(lambda _=False, code=code: self.choose_language(code))
            group.addAction(choice)
            menu.addAction(choice)

    def choose_language(self, code: str) -> None:
        self.settings.setValue(LANGUAGE_SETTING, code)
        QMessageBox.information(
            self, self.tr("Language"), self.tr("digitpad will speak the language you chose from its next start.")
        )

    def create_tool_bar(self) -> None:
        tools = self.addToolBar(self.tr("Pad"))
        tools.setObjectName("pad")
        tools.setMovable(False)
        tools.addAction(self.clear_action)
        tools.addAction(self.undo_action)
        tools.addAction(self.eraser_action)
        tools.addSeparator()
        tools.addWidget(QLabel(self.tr(" Pen ")))
        self.pen_width = QSpinBox(minimum=PEN_WIDTHS[0], maximum=PEN_WIDTHS[1], suffix=" px")
        self.pen_width.setValue(self.canvas.pen_width)
        self.pen_width.setToolTip(self.tr("Pen width"))
        tools.addWidget(self.pen_width)

    def create_status_bar(self) -> None:
        self.model_label = QLabel(self.tr("no model yet"))
        self.model_shown = False  # until the first model is in use
        self.statusBar().addPermanentWidget(self.model_label)
        self.statusBar().showMessage(self.tr("Starting…"))

    def connect_signals(self) -> None:
        reader = self.session.reader
        self.scheduler.readRequested.connect(reader.predict)
        reader.predictionReady.connect(self.scheduler.answer)
        self.scheduler.readingArrived.connect(self.show_reading)
        self.scheduler.drawingEmptied.connect(self.show_empty_pad)
        reader.evaluationReady.connect(self.show_evaluation)
        reader.busy.connect(self.show_busy)
        self.session.modelChanged.connect(self.use_model)
        self.session.loadFailed.connect(self.model_failed)
        self.session.failed.connect(self.reader_failed)
        self.training.trainingProgress.connect(self.show_training_progress)
        self.training.trainingFinished.connect(self.training_finished)
        self.training.trainingCancelled.connect(self.training_cancelled)
        self.training.failed.connect(self.training_failed)
        self.progress_view.cancelRequested.connect(self.training.cancel)
        self.result.digitChosen.connect(self.canvas.choose_box)
        self.result.why.toggled.connect(self.want_reasons)
        self.result.chart.barClicked.connect(lambda digit: self.teacher.keep(str(digit)))
        self.teacher.samplesWanted.connect(self.session.samplesRequested)
        reader.samplesRead.connect(self.teacher.show_readings)
        self.canvas.drawingChanged.connect(self.scheduler.pen_moved)
        self.canvas.drawingSettled.connect(self.drawing_settled)
        self.pen_width.valueChanged.connect(self.set_pen_width)
        self.pen_width.editingFinished.connect(self.canvas.setFocus)  # back to drawing: Delete clears the pad again
        self.update_drawing_actions()

    # The model in use

    def load_startup_model(self) -> None:
        """The remembered model, else the user's, else the shipped one; with none at all, train one."""
        if not self.session.start(read_text(self.settings, "model/path")):
            self.train_first_model()

    @Slot(object)
    def use_model(self, model: ModelInfo) -> None:
        for action in (self.evaluate_action, self.save_model_action, self.model_details_action):
            action.setEnabled(True)
        self.personalize_action.setEnabled(not self.training.running)
        self.settings.setValue("model/path", str(model.path))
        starting, self.model_shown = not self.model_shown, True
        self.model_label.setText(self.tr("Model: {0}").format(model_in_words(model)))
        # The permanent label names the model; at start-up the message says what to do instead of repeating it.
        ready = self.tr("Ready: draw a digit, or a number with its digits side by side.")
        now_using = self.tr("Now using {0}").format(model_in_words(model))
        self.statusBar().showMessage(ready if starting else now_using, 5000)
        self.scheduler.enabled = True
        self.scheduler.read_now()

    @Slot(str, bool)
    def model_failed(self, message: str, falling_back: bool) -> None:
        if falling_back:  # a damaged model at start-up: the session tries the next one
            self.statusBar().showMessage(message, 8000)
            self.show_error(Task.LOAD.title(), message + "\n\n" + self.tr("Using the next model there is instead."))
            return
        if self.model is None and not self.training.running:
            self.result.show_message(self.no_model())
        self.show_error(Task.LOAD.title(), f"{message}\n\n{self._model_kept()}")

    def train_first_model(self) -> None:
        self.result.show_message(self.tr("No model yet: training one…"))
        self.start_training(
            self.last_training_request(),
            self.tr("There is no model yet, so digitpad is training one (a few minutes). You can draw meanwhile."),
        )

    def last_training_request(self) -> TrainingRequest:
        """A run as the user last asked for one in the Retrain dialog, else the recipe's defaults."""
        return TrainingRequest(
            out=str(paths.user_model_path()),
            recipe=read_text(self.settings, "train/recipe", DEFAULT_RECIPE, tuple(RECIPES)),
            epochs=read_int(self.settings, "train/epochs", None, 1, MAX_EPOCHS),
            batch_size=read_int(self.settings, "train/batch_size", None, 1, MAX_BATCH_SIZE),
            data=read_text(self.settings, "train/data") or None,
        )

    def remember_training_request(self, request: TrainingRequest) -> None:
        for key in ("recipe", "epochs", "batch_size", "data"):
            self.settings.setValue(f"train/{key}", getattr(request, key) or "")

    def start_training(self, request: TrainingRequest, what: str) -> None:
        self.retrain_action.setEnabled(False)
        self.personalize_action.setEnabled(False)
        self.show_training_action.setEnabled(True)
        self.progress_view.start(what)
        self.statusBar().showMessage(self.tr("Training: starting…"))
        self.training.start(request)

    @Slot(object)
    def show_training_progress(self, progress: TrainingProgress) -> None:
        self.progress_view.show_progress(progress)
        self.statusBar().showMessage(
            self.tr("Training: epoch {0}/{1}, {2}").format(progress.epoch, progress.epochs, f"{progress.done:.0%}")
        )

    @Slot(object)
    def training_finished(self, trained: TrainedModel) -> None:
        if self._asked_for is not None:
            self.remember_training_request(self._asked_for)
            self._asked_for = None
        self.training_over(
            self.tr("Done: the new model reads {0} of the MNIST test set right.").format(
                f"{trained.evaluation.accuracy:.2%}"
            ),
            self.tr("It was saved as {0}.").format(trained.path),
        )
        if self.model is None or self.choose_model(describe_model(trained.path)):
            self.session.load(trained.path)

    def choose_model(self, new: ModelInfo) -> bool:
        """Show the new model beside the one in use; True if the user takes the new one."""
        return ModelChoiceDialog(self.model, new, self).exec() == ModelChoiceDialog.DialogCode.Accepted

    @Slot()
    def training_cancelled(self) -> None:
        self.training_over(self.tr("Training was cancelled."), self._model_kept())
        if self.model is None:
            self.result.show_message(self.no_model())

    @Slot(str)
    def training_failed(self, message: str) -> None:
        self.training_over(message, self._model_kept())
        if self.model is None:
            self.result.show_message(self.no_model())
        self.show_error(Task.TRAIN.title(), f"{message}\n\n{self._model_kept()}")

    def training_over(self, headline: str, more: str) -> None:
        """How a run ended: ``headline`` goes to the status bar too, ``more`` only to the progress view."""
        self.retrain_action.setEnabled(True)
        self.personalize_action.setEnabled(self.model is not None)
        self.progress_view.finish(f"{headline} {more}")
        self.statusBar().showMessage(headline, 8000)
        self.show_training()  # the notice: a run that was hidden away says how it ended

    def show_training(self) -> None:
        self.progress_view.show()
        self.progress_view.raise_()

    def no_model(self) -> str:
        return self.tr("No model: use Model > Retrain… or Model > Load model…")

    def _model_kept(self) -> str:
        if self.model is None:
            return self.tr("There is still no model.") + " " + self.no_model()
        return self.tr("The previous model ({0}) is still in use, and nothing on disk changed.").format(
            model_in_words(self.model)
        )

    # Reading the drawing

    @Slot()
    def drawing_settled(self) -> None:
        self.update_drawing_actions()
        self.scheduler.read_now()

    def update_drawing_actions(self) -> None:
        empty = self.canvas.is_empty()
        self.undo_action.setEnabled(self.canvas.can_undo())
        self.pictures.save_drawing_action.setEnabled(not empty)
        if empty:  # nothing to erase: the next stroke draws
            self.eraser_action.setChecked(False)
        self.eraser_action.setEnabled(not empty)

    @Slot(object)
    def show_reading(self, reading: Reading) -> None:
        number = reading.number
        if number is None:
            self.canvas.show_boxes([])
        else:
            self.canvas.show_boxes(
                [(d.box, BOX_COLOURS[d.verdict]) for d in number.digits], [m.box for m in number.marks]
            )
        if reading.probabilities is None:
            self.result.show_message(reading.problem)
        elif number is not None:
            self.result.show_number(number, explainable=reading.explainable)
        else:
            self.result.show_reading(
                reading.probabilities,
                reading.seen,
                reading.verdict,
                reading.why,
                explainable=reading.explainable,
                if_apart=reading.if_apart,
            )

    @Slot(bool)
    def want_reasons(self, wanted: bool) -> None:
        """Reasons cost a fifth of a reading's time: the reader gives them only while they are shown, so the
        drawing is read again when they are asked for."""
        self.session.reasonsWanted.emit(wanted)
        if wanted:
            self.scheduler.read_now()

    @Slot()
    def show_empty_pad(self) -> None:
        self.canvas.show_boxes([])
        if self.model is not None:  # else the panel keeps saying why there is no model yet
            self.result.show_message(self.tr("Draw a digit on the pad"))

    def change_pen(self, step: int) -> None:
        self.pen_width.setValue(self.pen_width.value() + step)

    @Slot(int)
    def set_pen_width(self, width: int) -> None:
        self.canvas.set_pen_width(width)
        self.settings.setValue("pen/width", width)

    # Pictures dropped on the window (Pictures does the rest)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if holds_picture(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if holds_picture(event.mimeData()):
            event.acceptProposedAction()
            self.pictures.take_picture(event.mimeData())

    # The Model menu

    def retrain(self) -> None:
        dialog = RetrainDialog(self.last_training_request(), self)
        if dialog.exec() != RetrainDialog.DialogCode.Accepted:
            return
        request = dialog.request(out=str(paths.trained_model_path()))
        self._asked_for = request  # remembered once it has worked: a bad data path is not offered again
        networks = RECIPES[request.recipe].members
        if networks > 1:  # their epochs are counted one after the other in the progress
            what = self.tr("Training the {0} recipe: {1} networks, {2} epochs each.")
            what = what.format(request.recipe, networks, request.epochs)
        else:
            what = self.tr("Training the {0} recipe for {1} epochs.").format(request.recipe, request.epochs)
        self.start_training(request, what)

    def personalize(self) -> None:
        """Fine-tune the model in use on the kept drawings: the same kind of run as Retrain, and the same choice
        of model when it ends."""
        kept = len(list_samples())
        if not kept:
            QMessageBox.information(
                self,
                self.tr("Personalize"),
                self.tr(
                    "There are no drawings to learn from yet. Draw a digit and press its key (0-9), or N when it "
                    "is not a digit, or click its bar. A drawing a digit is enough to start; the more, the better."
                ),
            )
            return
        request = replace(self.last_training_request(), out=str(paths.trained_model_path()), base=str(self.model.path))
        self.start_training(
            request, self.tr("Teaching {0} your {1} drawings.").format(model_in_words(self.model), kept)
        )

    def evaluate(self) -> None:
        self.session.evaluateRequested.emit(read_text(self.settings, "train/data"))

    @Slot(object, object, str)
    def show_evaluation(self, evaluation, images, data: str) -> None:
        if self.evaluation_dialog is not None:  # one evaluation on screen at a time
            self.evaluation_dialog.close()
        from digitpad.gui.evaluation_view import EvaluationDialog  # on first use: the window opens sooner

        model = model_in_words(self.model) if self.model else "?"
        dialog = EvaluationDialog(evaluation, images, data, model, self)
        dialog.finished.connect(lambda: self._evaluation_closed(dialog))
        self.evaluation_dialog = dialog
        open_and_forget(dialog)

    def _evaluation_closed(self, dialog: EvaluationDialog) -> None:
        if self.evaluation_dialog is dialog:
            self.evaluation_dialog = None

    def load_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load model"), "", self.tr("Keras models (*.keras)"))
        if path:
            self.session.load(path)

    def show_model_details(self) -> None:
        if self.model is not None:
            open_and_forget(ModelDetailsDialog(self.model, self))

    def save_model(self) -> None:
        if self.model is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save model as"), "digitpad-model.keras", self.tr("Keras models (*.keras)")
        )
        if not path:
            return
        target = Path(path) if path.endswith(".keras") else Path(path + ".keras")
        try:
            copy_model(self.model.path, target)
            self.statusBar().showMessage(self.tr("Model saved as {0}").format(target), 5000)
        except OSError as error:
            self.show_error(self.tr("Could not save the model"), os_error_in_words(error))
        except DigitpadError as error:
            self.show_error(self.tr("Could not save the model"), str(error))

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what, keys) for every action of the window that has a shortcut, as the menus show them, in the
        menus' order; then those in no menu."""
        in_menus = [action for menu in self.menuBar().actions() for action in menu.menu().actions()]
        zero, *one_to_nine = self.teacher.label_actions[:10]
        found = []
        for action in dict.fromkeys([*in_menus, *self.findChildren(QAction)]):  # each once, menus first
            keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())
            if action is zero:  # ten lines alike, said as one
                found.append((self.tr("That's a 0 … 9"), "0 … 9"))
            elif keys and action not in one_to_nine:
                found.append((_without_access_key(action.text()), keys))
        return found

    def show_help(self) -> None:
        open_and_forget(HelpDialog(self.shortcuts(), self))

    def about(self) -> None:
        import platform

        import numpy
        import PySide6
        from PySide6.QtCore import qVersion

        from digitpad import __version__

        versions = (
            f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}, "
            f"numpy {numpy.__version__}"
        )
        QMessageBox.about(
            self,
            self.tr("About digitpad"),
            self.tr(
                "<b>digitpad {0}</b> reads the digit you draw with a Keras dense network trained on MNIST.<br>"
                "Model in use: {1}.<br><br>{2}. Keras and TensorFlow are used only to train, in a process of "
                "their own."
            ).format(__version__, model_in_words(self.model) if self.model else self.tr("none yet"), versions),
        )

    # Errors and status

    @Slot(object, str)
    def reader_failed(self, task: Task, message: str) -> None:
        self.show_error(task.title(), message)

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
        if self.training.running and self._ask_before_quitting and not self._quit_while_training():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.hide()  # at once: stopping a training run may take a moment more
        self.progress_view.hide()
        self.shut_down()
        super().closeEvent(event)

    def quit_now(self) -> None:
        """Close without asking, a model training or not: Ctrl-C in the terminal has said so already."""
        self._ask_before_quitting = False
        self.close()

    def _quit_while_training(self) -> bool:
        """Ask before closing throws away a run that may have taken minutes; going on training is the default."""
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Quit digitpad?"), self.tr("A model is still training."), parent=self
        )
        box.setInformativeText(self.tr("Quitting stops it. The model in use stays, and nothing half-trained is kept."))
        quit_button = box.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("&Keep training"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is quit_button

    def shut_down(self) -> None:
        """Stop a training run and both threads; returns once they are gone (or, if stuck, ended)."""
        self.scheduler.throttle.stop()
        self.training.shut_down()
        self.session.shut_down()


def _without_access_key(text: str) -> str:
    """An entry's words as Help lists them: "&Open image…" -> "Open image", "打开图片(&O)…" -> "打开图片"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…")


def open_and_forget(dialog: QDialog) -> None:
    """Show a dialog that tells and asks nothing (window-modal, as a sheet on macOS); it goes when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
