"""The dialogs of the Model menu: settings for a training run, its progress, the choice of model after it, and Help."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui.curves import TrainingCurves
from digitpad.model_files import ModelInfo
from digitpad.training import RECIPES, TrainingProgress, TrainingRequest


class RetrainDialog(QDialog):
    """Recipe, epochs, batch size and data source for a new model; the defaults are the recipe's."""

    def __init__(self, last: TrainingRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Retrain the model")
        self.recipe = QComboBox()
        for name, recipe in RECIPES.items():
            self.recipe.addItem(name, name)
            self.recipe.setItemData(self.recipe.count() - 1, recipe.summary, Qt.ItemDataRole.ToolTipRole)
        self.summary = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        # Room for the longest summary, so that the fields below do not jump when the recipe changes.
        self.summary.setMinimumHeight(6 * self.summary.fontMetrics().lineSpacing())
        self.epochs = QSpinBox(minimum=1, maximum=500)
        self.batch_size = QSpinBox(minimum=1, maximum=8192)
        self.data = QLineEdit(
            last.data or "", placeholderText="as digitpad finds it ($DIGITPAD_MNIST, Keras' cache, download)"
        )
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data)
        data_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Recipe:", self.recipe)
        form.addRow("", self.summary)
        form.addRow("Epochs:", self.epochs)
        form.addRow("Batch size:", self.batch_size)
        form.addRow("MNIST data:", data_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Train", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Your current model stays in use until the new one is ready.", wordWrap=True))
        layout.addWidget(buttons)
        self.recipe.setCurrentIndex(max(0, self.recipe.findData(last.recipe)))
        self._use_recipe_defaults()
        self.epochs.setValue(last.epochs or self.epochs.value())
        self.batch_size.setValue(last.batch_size or self.batch_size.value())
        self.recipe.currentIndexChanged.connect(self._use_recipe_defaults)
        self.setMinimumWidth(520)

    def _use_recipe_defaults(self) -> None:
        recipe = RECIPES[self.recipe.currentData()]
        took = f"about {recipe.minutes:g} min" if recipe.minutes >= 1 else "well under a minute"
        self.summary.setText(f"{recipe.summary}. With its own settings it takes {took} on a 2-core computer.")
        self.epochs.setValue(recipe.epochs)
        self.batch_size.setValue(recipe.batch_size)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "MNIST data", self.data.text(), "MNIST (*.npz);;All files (*)")
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
        self.setWindowTitle("Training")
        self.setModal(False)
        self.headline = QLabel(wordWrap=True)
        self.bar = QProgressBar(maximum=1000, textVisible=False)
        self.curves = TrainingCurves()
        self.details = QLabel(wordWrap=True)  # the outcome names the saved file: long lines must wrap
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = QPushButton("Close")
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
        self.details.setText("Starting (loading TensorFlow and the data)…")
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.close_button.setText("Hide")
        self.show()

    def show_progress(self, progress: TrainingProgress) -> None:
        self.bar.setValue(round(progress.done * 1000))
        self.curves.show_history(progress.history, progress.epochs)
        self.details.setText(
            f"Epoch {progress.epoch} of {progress.epochs}, batch {progress.batch} of {progress.batches}\n"
            f"loss {progress.loss:.4f}, accuracy {progress.accuracy:.2%}\n"
            f"{self._time_left(progress.done)}"
        )

    def _time_left(self, done: float) -> str:
        """From the pace of the batches alone: TensorFlow's import and the data loading are behind us by then."""
        now = time.monotonic()
        if self._first is None:
            self._first = (now, done)
        started, done_then = self._first
        too_early = now - started < 1.0 and done - done_then < 0.05  # a second, or a twentieth of the run
        if too_early or done <= done_then:
            return "time left: starting…"
        return time_left(now - started, (done - done_then) / (1.0 - done_then))

    def finish(self, outcome: str) -> None:
        """The run is over; say how it ended, in words."""
        self.details.setText(outcome)
        self.cancel_button.setVisible(False)
        self.close_button.setText("Close")

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.details.setText("Cancelling after the current batch…")
        self.cancelRequested.emit()


def time_left(elapsed: float, done: float) -> str:
    """Words for the time left of work that is ``done`` (0 to 1) after ``elapsed`` seconds."""
    if done <= 0.0:
        return "time left: working it out"
    seconds = round(elapsed * (1.0 - done) / done)
    minutes, seconds = divmod(seconds, 60)
    return f"about {minutes} min {seconds:02d} s left" if minutes else f"about {seconds} s left"


class ModelChoiceDialog(QDialog):
    """A run has finished: the new model beside the one in use, and the user keeps either. The new one is
    saved whichever is chosen."""

    def __init__(self, current: ModelInfo, new: ModelInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("A new model is ready")
        grid = QGridLayout()
        rows = [("", "In use now", "New"), *((label, what(current), what(new)) for label, what in MODEL_FACTS)]
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                label = QLabel(f"<b>{text}</b>" if row == 0 or column == 0 else text, wordWrap=True)
                grid.addWidget(label, row, column)
        buttons = QDialogButtonBox()
        self.use_new = buttons.addButton("Use the new model", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep = buttons.addButton("Keep the one in use", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel(f"The new model is saved as {new.path} either way.", wordWrap=True))
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


def _percent_or_unknown(value: object) -> str:
    return f"{value:.2%}" if isinstance(value, int | float) else "not known"


MODEL_FACTS = [
    ("Model", lambda model: model.name()),
    ("MNIST test accuracy", lambda model: _percent_or_unknown(model.test_accuracy)),
    ("Validation accuracy", lambda model: _percent_or_unknown(model.card.get("validation", {}).get("accuracy"))),
    ("Recipe", lambda model: str(model.card.get("recipe", {}).get("name", "not known"))),
    ("Trained on", lambda model: str(model.card.get("data", "not known"))),
]


HOW_TO = (
    "<p><b>Draw</b> a digit anywhere on the pad, at any size, with the mouse or a pen. It is read after every "
    "stroke and while you draw. The panel shows the digit when the model is sure, both candidates when it "
    "is not (&ldquo;Not sure: 4 or 9&rdquo;), and &ldquo;Not a digit?&rdquo; for letters, doodles or two "
    "digits on top of each other. Below: the ten probabilities and the 28x28 image the model reads.</p>"
    "<p><b>Pictures</b>: open one from the File menu or drop it on the window. <b>Models</b>: retrain, "
    "evaluate, load, save or go back to the shipped one from the Model menu; you keep drawing while a model "
    "trains, and you choose whether to use it when it is done.</p>"
)


class HelpDialog(QDialog):
    """How to use the pad, and every keyboard shortcut of the window (read from its actions)."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How to use digitpad")
        rows = "".join(f"<tr><td>{what}</td><td><b>{keys}</b></td></tr>" for what, keys in shortcuts)
        text = QLabel(f"{HOW_TO}<p><b>Keyboard</b></p><table cellspacing='6'>{rows}</table>", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.text = text
