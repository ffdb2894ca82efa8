"""The dialogs of the Model menu (settings for a training run, its progress, the choice of model after it, the
model in use) and Help."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui.curves import TrainingCurves
from digitpad.gui.sizing import resize_within_screen
from digitpad.gui.words import model_name
from digitpad.model_card import card_entry
from digitpad.model_files import ModelInfo
from digitpad.training import RECIPES, TrainingProgress, TrainingRequest


class RetrainDialog(QDialog):
    """Recipe, epochs, batch size and data source for a new model; the defaults are the recipe's."""

    def __init__(self, last: TrainingRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Retrain the model"))
        self.recipe = QComboBox()
        for name in RECIPES:
            self.recipe.addItem(name, name)
            self.recipe.setItemData(self.recipe.count() - 1, recipe_summary(name), Qt.ItemDataRole.ToolTipRole)
        self.summary = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        # Room for the longest summary, so that the fields below do not jump when the recipe changes.
        self.summary.setMinimumHeight(6 * self.summary.fontMetrics().lineSpacing())
        self.epochs = QSpinBox(minimum=1, maximum=500)
        self.batch_size = QSpinBox(minimum=1, maximum=8192)
        self.data = QLineEdit(
            last.data or "", placeholderText=self.tr("as digitpad finds it ($DIGITPAD_MNIST, Keras' cache, download)")
        )
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data)
        data_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Recipe:"), self.recipe)
        form.addRow("", self.summary)
        form.addRow(self.tr("Epochs:"), self.epochs)
        form.addRow(self.tr("Batch size:"), self.batch_size)
        form.addRow(self.tr("MNIST data:"), data_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("Train"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Your current model stays in use until the new one is ready."), wordWrap=True))
        layout.addWidget(buttons)
        self.recipe.setCurrentIndex(max(0, self.recipe.findData(last.recipe)))
        self._use_recipe_defaults()
        self.epochs.setValue(last.epochs or self.epochs.value())
        self.batch_size.setValue(last.batch_size or self.batch_size.value())
        self.recipe.currentIndexChanged.connect(self._use_recipe_defaults)
        self.setMinimumWidth(520)

    def _use_recipe_defaults(self) -> None:
        recipe = RECIPES[self.recipe.currentData()]
        if recipe.minutes >= 1:
            took = self.tr("With its own settings it takes about {0} min on a 2-core computer.")
        else:
            took = self.tr("With its own settings it takes well under a minute on a 2-core computer.")
        self.summary.setText(f"{recipe_summary(recipe.name)} {took.format(f'{recipe.minutes:g}')}")
        self.epochs.setValue(recipe.epochs)
        self.batch_size.setValue(recipe.batch_size)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("MNIST data"), self.data.text(), self.tr("MNIST (*.npz);;All files (*)")
        )
        if path:
            self.data.setText(path)

    def request(self, out: str) -> TrainingRequest:
        return TrainingRequest(
            out=out,
            recipe=self.recipe.currentData(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            data=self.data.text().strip() or None,
        )


class TrainingProgressView(QDialog):
    """Epoch, batch, loss, accuracy and time left of a run, with Cancel; then how it ended. Not modal:
    the pad stays in use meanwhile."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Training"))
        self.setModal(False)
        self.headline = QLabel(wordWrap=True)
        self.bar = QProgressBar(maximum=1000, textVisible=False)
        self.curves = TrainingCurves()
        self.details = QLabel(wordWrap=True)  # the outcome names the saved file: long lines must wrap
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.bar, self.curves, self.details):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self._first: tuple[float, float] | None = None  # (time, fraction done) at the first batch reported

    def start(self, what: str) -> None:
        self._first = None
        self.headline.setText(what)
        self.bar.setValue(0)
        self.curves.show_history((), 1)
        self.curves.hide()  # until an epoch has ended (a personalizing run has none to draw)
        self.details.setText(self.tr("Starting (loading TensorFlow and the data)…"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.close_button.setText(self.tr("Hide"))
        self.show()

    def show_progress(self, progress: TrainingProgress) -> None:
        self.bar.setValue(round(progress.done * 1000))
        self.curves.show_history(progress.history, progress.epochs)
        self.curves.setVisible(bool(progress.history))
        self.details.setText(
            self.tr("Epoch {0} of {1}, batch {2} of {3}\nloss {4}, accuracy {5}\n{6}").format(
                progress.epoch,
                progress.epochs,
                progress.batch,
                progress.batches,
                f"{progress.loss:.4f}",
                f"{progress.accuracy:.2%}",
                self._time_left(progress.done),
            )
        )

    def _time_left(self, done: float) -> str:
        """From the pace of the batches alone: TensorFlow's import and the data loading are behind us by then."""
        now = time.monotonic()
        if self._first is None:
            self._first = (now, done)
        started, done_then = self._first
        too_early = now - started < 1.0 and done - done_then < 0.05  # a second, or a twentieth of the run
        if too_early or done <= done_then:
            return self.tr("time left: starting…")
        return time_left(now - started, (done - done_then) / (1.0 - done_then))

    def finish(self, outcome: str) -> None:
        """The run is over; say how it ended, in words."""
        self.details.setText(outcome)
        self.cancel_button.setVisible(False)
        self.close_button.setText(self.tr("Close"))

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.details.setText(self.tr("Cancelling after the current batch…"))
        self.cancelRequested.emit()


def time_left(elapsed: float, done: float) -> str:
    """Words for the time left of work that is ``done`` (0 to 1) after ``elapsed`` seconds."""
    translate = QCoreApplication.translate
    if done <= 0.0:
        return translate("TrainingProgressView", "time left: working it out")
    seconds = round(elapsed * (1.0 - done) / done)
    minutes, seconds = divmod(seconds, 60)
    if minutes:
        return translate("TrainingProgressView", "about {0} min {1} s left").format(minutes, f"{seconds:02d}")
    return translate("TrainingProgressView", "about {0} s left").format(seconds)


class ModelChoiceDialog(QDialog):
    """A run has finished: the new model beside the one in use, and the user keeps either. The new one is
    saved whichever is chosen."""

    def __init__(self, current: ModelInfo, new: ModelInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A new model is ready"))
        buttons = QDialogButtonBox()
        self.use_new = buttons.addButton(self.tr("Use the new model"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep = buttons.addButton(self.tr("Keep the one in use"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(facts_grid((self.tr("In use now"), current), (self.tr("New"), new)))
        layout.addWidget(QLabel(self.tr("The new model is saved as {0} either way.").format(new.path), wordWrap=True))
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


class ModelDetailsDialog(QDialog):
    """Model > About the model in use: what it is, how well it reads, how it was made, and where its file is."""

    def __init__(self, model: ModelInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The model in use"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        folder = buttons.addButton(self.tr("Open its folder"), QDialogButtonBox.ButtonRole.ActionRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(model.path.parent))))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(facts_grid(("", model)))
        summary = card_entry(model.card, "recipe", "name")
        if isinstance(summary, str) and summary in RECIPES:
            layout.addWidget(QLabel(recipe_summary(summary), wordWrap=True))
        file = QLabel(self.tr("File: {0}").format(model.path), wordWrap=True)
        file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(file)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


def facts_grid(*columns: tuple[str, ModelInfo]) -> QGridLayout:
    """What model_facts says of one model, or of two side by side under their headings; a personalized model adds
    how many of the user's drawings it reads right (and, beside it, the model it was taught from)."""
    translate = QCoreApplication.translate
    headings, models = zip(*columns, strict=True)
    rows = [(label, *(what(model) for model in models)) for label, what in model_facts()]
    taught = card_entry(models[-1].card, "personalized")
    if taught:
        drawings = card_entry(taught, "drawings")
        label = translate("ModelChoiceDialog", "Your {0} drawings read right").format(
            drawings if isinstance(drawings, int) else "?"
        )
        before = _percent_or_unknown(card_entry(taught, "drawings_right_before"))
        after = _percent_or_unknown(card_entry(taught, "drawings_right_after")) + translate(
            "ModelChoiceDialog", " (each by a model that had not learned it)"
        )
        rows.append((label, before, after) if len(models) == 2 else (label, after))
    headed = any(headings)
    grid = QGridLayout()
    for row, texts in enumerate([("", *headings), *rows] if headed else rows):
        for column, text in enumerate(texts):
            bold = column == 0 or (headed and row == 0)
            grid.addWidget(QLabel(f"<b>{text}</b>" if bold else text, wordWrap=True), row, column)
    return grid


def _percent_or_unknown(value: object) -> str:
    return f"{value:.2%}" if isinstance(value, int | float) else _not_known()


def _text_or_unknown(value: object) -> str:
    return value if isinstance(value, str) else _not_known()


def _not_known() -> str:
    return QCoreApplication.translate("ModelChoiceDialog", "not known")


def model_facts() -> list[tuple[str, Callable[[ModelInfo], str]]]:
    """What the choice of model shows of each: a row label and how to read it from the model."""
    translate = QCoreApplication.translate
    return [
        (translate("ModelChoiceDialog", "Model"), model_name),
        (translate("ModelChoiceDialog", "MNIST test accuracy"), lambda model: _percent_or_unknown(model.test_accuracy)),
        (
            translate("ModelChoiceDialog", "Validation accuracy"),
            lambda model: _percent_or_unknown(card_entry(model.card, "validation", "accuracy")),
        ),
        (
            translate("ModelChoiceDialog", "Recipe"),
            lambda model: _text_or_unknown(card_entry(model.card, "recipe", "name")),
        ),
        (translate("ModelChoiceDialog", "Trained on"), lambda model: _text_or_unknown(card_entry(model.card, "data"))),
        (translate("ModelChoiceDialog", "Date"), lambda model: _text_or_unknown(card_entry(model.card, "trained"))),
    ]


def recipe_summary(name: str) -> str:
    """The recipe's one-line summary in the window's language (training.RECIPES says it in English)."""
    translate = QCoreApplication.translate
    return {
        "reference": translate(
            "RetrainDialog",
            "The classic Keras MNIST recipe, as published: 512 relu units, rmsprop, plain MNIST digits.",
        ),
        "digitpad": translate(
            "RetrainDialog",
            "The same dense network with dropout and Adam on a cosine schedule, trained on digits freshly distorted "
            "every epoch and on drawn non-digits (letters, symbols, doodles, two digits on top of each other) "
            "taught to give a flat output.",
        ),
        "digitpad-large": translate(
            "RetrainDialog",
            "Two hidden layers of 1,024 units, trained as the digitpad recipe for 60 epochs, with half the 4s closed "
            "at the top as they are printed: the shipped model.",
        ),
        "digitpad-large-pair": translate(
            "RetrainDialog",
            "Two digitpad-large networks with their own seeds, trained one after the other and joined into one "
            "network that averages their readings: surer of typed digits, but each reading takes about a quarter "
            "longer.",
        ),
    }.get(name, RECIPES[name].summary)


class HelpDialog(QDialog):
    """How to use the pad, and every keyboard shortcut of the window (read from its actions)."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How to use digitpad"))
        rows = "".join(f"<tr><td>{what}</td><td><b>{keys}</b></td></tr>" for what, keys in shortcuts)
        how_to = self.tr(
            "<p><b>Draw</b> a digit anywhere on the pad, at any size, with the mouse or a pen; the right button "
            "(or the pen's eraser end) erases. It is read after every stroke and while you draw. The panel shows "
            "the digit when the model is sure, both candidates "
            "when it is not (&ldquo;Not sure: 4 or 9&rdquo;), and &ldquo;Not a digit?&rdquo; for letters, doodles "
            "or two digits on top of each other. Below: the ten probabilities and the 28x28 image the model reads."
            "</p><p><b>Pictures</b>: open one from the File menu, drop it on the window or paste it from the Edit "
            "menu; Edit &gt; Copy reading copies what the pad reads, as text. <b>Models</b>: retrain, "
            "evaluate, load, save or go back to the shipped one from the Model menu; you keep drawing while a "
            "model trains, and you choose whether to use it when it is done.</p>"
        )
        more = self.tr(
            "<p><b>Numbers</b>: write several digits side by side, with a little room between them, and the "
            "whole number is read, with a decimal point or comma written low between two digits, a dash between "
            "them or a minus before them; lines written one under the other, with room between them, are read "
            "line by line. Click a digit (or press Left or Right) to see its bars. "
            "<b>Teach it your handwriting</b>: when a "
            "reading is wrong (or right), press the digit's key or N for not a digit, or click its bar, to keep "
            "the drawing (of a number, the digit you clicked); Teach &gt; My drawings shows them, and "
            "Model &gt; Personalize teaches the model with them.</p>"
        )
        keyboard = self.tr("Keyboard")
        text = QLabel(f"{how_to}{more}<p><b>{keyboard}</b></p><table cellspacing='6'>{rows}</table>", wordWrap=True)
        # On a short screen (a 1280x800 laptop) the help is taller than the room there is: it scrolls.
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.text = text
        width, margins = 620, 2 * layout.contentsMargins().top() + layout.spacing()
        whole = text.heightForWidth(width - 2 * layout.contentsMargins().left()) + buttons.sizeHint().height()
        resize_within_screen(self, width, whole + margins)
