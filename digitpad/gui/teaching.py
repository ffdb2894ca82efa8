"""Saying what a drawing really is: digit keys 0-9 or N, or a click on a bar, keep it as a sample; one undo.

The kept drawings are what Model > Personalize... teaches the model (see digitpad/samples.py for the folder).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from digitpad.errors import DigitpadError
from digitpad.gui.actions import make_action
from digitpad.gui.canvas import DrawingCanvas
from digitpad.gui.pixels import image_pixels
from digitpad.preprocess import EmptyDrawingError
from digitpad.samples import NOT_A_DIGIT, Sample, add_sample, list_samples, remove_sample

if TYPE_CHECKING:
    from digitpad.gui.samples_view import MyDrawingsDialog

CONFIRMATION_MS = 8000


class Teacher(QObject):
    samplesWanted = Signal(object)  # samples for the model in use to read (My drawings)

    def __init__(self, window: QMainWindow, canvas: DrawingCanvas) -> None:
        super().__init__(window)
        self.window, self.canvas = window, canvas
        self.last: Sample | None = None
        self.dialog: MyDrawingsDialog | None = None
        self.label_actions = [
            self._label_action(str(digit), self.tr("That's a {0}").format(digit)) for digit in range(10)
        ]
        self.label_actions.append(self._label_action(NOT_A_DIGIT, self.tr("That's &not a digit"), "N"))
        self.forget_action = make_action(
            self,
            self.tr("&Forget the drawing just kept"),
            self.tr("Take back the last drawing kept as a sample"),
            self.forget_last,
            "Ctrl+Shift+Z",
        )
        self.forget_action.setEnabled(False)  # until a drawing is kept
        self.drawings_action = make_action(
            self,
            self.tr("My &drawings…"),
            self.tr("The drawings you kept, and how the model reads them"),
            self.show_drawings,
            "Ctrl+D",
        )

    def _label_action(self, label: str, text: str, key: str | None = None) -> QAction:
        tip = self.tr("Keep this drawing, labelled, to teach the model your handwriting")
        return make_action(self, text, tip, lambda: self.keep(label), key or label)

    def keep(self, label: str) -> None:
        """Keep the pad's drawing, full size, as a sample of ``label``; the status bar says so, with the undo."""
        status = self.window.statusBar()
        if self.canvas.is_empty():
            status.showMessage(self.tr("Draw something first, then say what it is."), CONFIRMATION_MS)
            return
        drawing, chosen = image_pixels(self.canvas.image()), self.canvas.chosen_digit()
        if chosen is not None:  # a number on the pad: the label is the chosen digit's, so keep that digit alone
            drawing = _cut_out(drawing, chosen[1], self.canvas.mark_boxes())
        try:
            self.last = add_sample(drawing, label)
        except EmptyDrawingError:
            status.showMessage(self.tr("There is nothing to keep: the drawing is only a dot."), CONFIRMATION_MS)
            return
        except (DigitpadError, OSError) as error:
            status.showMessage(self.tr("Could not keep the drawing: {0}").format(error), CONFIRMATION_MS)
            return
        self.forget_action.setEnabled(True)
        count = sum(sample.label == label for sample in list_samples())
        what = self.tr("not a digit") if label == NOT_A_DIGIT else label
        if chosen is None:
            kept = self.tr("Kept as {0} ({1} kept with that label).").format(what, count)
        else:
            kept = self.tr("Kept digit {0} of the number as {1} ({2} kept with that label).").format(
                chosen[0] + 1, what, count
            )
        undo = self.tr("Ctrl+Shift+Z takes it back.")
        status.showMessage(f"{kept} {undo}", CONFIRMATION_MS)
        if self.dialog is not None:
            self.dialog.refresh()

    def forget_last(self) -> None:
        if self.last is None:
            return
        try:
            remove_sample(self.last.id)
            self.window.statusBar().showMessage(self.tr("The drawing just kept is forgotten."), CONFIRMATION_MS)
        except DigitpadError as error:  # deleted meanwhile, in My drawings or by hand
            self.window.statusBar().showMessage(str(error), CONFIRMATION_MS)
        self.last = None
        self.forget_action.setEnabled(False)
        if self.dialog is not None:
            self.dialog.refresh()

    def show_drawings(self) -> None:
        if self.dialog is None:
            from digitpad.gui.samples_view import MyDrawingsDialog  # on first use: the window opens sooner

            self.dialog = MyDrawingsDialog(self.window)
            self.dialog.readingsWanted.connect(self.samplesWanted)
            self.dialog.finished.connect(self._drawings_closed)
            self.samplesWanted.emit(self.dialog.samples)
        self.dialog.show()
        self.dialog.raise_()

    def show_readings(self, readings: dict) -> None:
        if self.dialog is not None:
            self.dialog.show_readings(readings)

    def _drawings_closed(self) -> None:
        self.dialog.deleteLater()
        self.dialog = None


def _cut_out(drawing: np.ndarray, box: tuple[int, int, int, int], marks: list[tuple[int, int, int, int]]) -> np.ndarray:
    """One digit of a number, full size, on blank paper with a margin: its neighbours' ink left out, and the
    number's marks (a point tucked under a 7's bar is inside the 7's box)."""
    x, y, width, height = box
    edge = 2  # the box holds the strong ink; keep the soft edge of the pen too
    drawing = drawing.copy()
    for mark_x, mark_y, mark_width, mark_height in marks:
        drawing[
            max(0, mark_y - edge) : mark_y + mark_height + edge, max(0, mark_x - edge) : mark_x + mark_width + edge
        ] = 255
    left, top = max(0, x - edge), max(0, y - edge)
    digit = drawing[top : y + height + edge, left : x + width + edge]
    margin = max(width, height) // 4
    paper = np.full((digit.shape[0] + 2 * margin, digit.shape[1] + 2 * margin), 255, dtype=np.uint8)
    paper[margin : margin + digit.shape[0], margin : margin + digit.shape[1]] = digit
    return paper
