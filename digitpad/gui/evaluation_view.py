"""Evaluate on test set: accuracy, the confusion matrix, and a gallery of the test digits behind any of its cells."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitpad.evaluation import Evaluation
from digitpad.gui.gallery import ThumbnailGallery
from digitpad.gui.sizing import resize_within_screen
from digitpad.verdict import percent

GALLERY_LIMIT = 100  # thumbnails shown at once: a cell can hold a thousand right readings
THUMBNAIL = 56  # two screen pixels per MNIST pixel


class EvaluationDialog(QDialog):
    """Test accuracy and the confusion matrix, its diagonal green and its mistakes red by how many. Clicking a
    cell shows its test digits, each with the reading and how sure the model was; the gallery opens on the
    mistakes the model was surest of."""

    def __init__(
        self, evaluation: Evaluation, images: np.ndarray, data: str, model: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.evaluation, self.images = evaluation, images
        self.setWindowTitle(self.tr("Evaluation on the MNIST test set"))
        summary = QLabel(
            self.tr("<b>{0}</b> of the test digits read right (loss {1}).<br>Model: {2}<br>Data: {3}").format(
                f"{evaluation.accuracy:.2%}", f"{evaluation.loss:.4f}", model, data
            ),
            wordWrap=True,
        )
        self.table = confusion_table(evaluation.confusion)
        self.table.setToolTip(self.tr("Click a cell to see its test digits"))
        self.table.cellClicked.connect(self.show_cell)
        self.table.cellActivated.connect(self.show_cell)  # Enter on the current cell, for the keyboard
        caption = QLabel(self.tr("Rows: the true digit. Columns: the digit the model read. Click a cell to see it."))
        self.gallery_title = QLabel(wordWrap=True)
        self.gallery = MistakesGallery()
        self.confident_button = QPushButton(self.tr("Most confident mistakes"))
        self.confident_button.clicked.connect(self.show_confident_mistakes)
        gallery_header = QHBoxLayout()
        gallery_header.addWidget(self.gallery_title, 1)
        gallery_header.addWidget(self.confident_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (summary, caption, self.table):
            layout.addWidget(widget)
        layout.addLayout(gallery_header)
        layout.addWidget(self.gallery, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 720, 760)
        self.show_confident_mistakes()

    def show_cell(self, true: int, read: int) -> None:
        chosen = self.evaluation.cell(true, read)
        if true == read:
            title = self.tr("{0} test images of {1} read right, the surest first").format(len(chosen), true)
        else:
            title = self.tr("{0} test images of {1} read as {2}, the surest first").format(len(chosen), true, read)
        self._show(title, chosen)

    def show_confident_mistakes(self) -> None:
        self._show(self.tr("The mistakes the model was surest of"), self.evaluation.confident_mistakes(GALLERY_LIMIT))

    def _show(self, title: str, chosen: np.ndarray) -> None:
        if len(chosen) > GALLERY_LIMIT:
            title += self.tr(" (the first {0} shown)").format(GALLERY_LIMIT)
        self.gallery_title.setText(f"<b>{title}</b>")
        self.gallery.show_digits(self.evaluation, self.images, chosen[:GALLERY_LIMIT])


class MistakesGallery(ThumbnailGallery):
    """Test digits as the model sees them, each captioned "true digit → digit read" and how sure the model was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(THUMBNAIL, margin=24, parent=parent)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)

    def show_digits(self, evaluation: Evaluation, images: np.ndarray, chosen: np.ndarray) -> None:
        self.clear()
        for index in chosen:
            truth, read = int(evaluation.truth[index]), int(evaluation.read[index])
            item = QListWidgetItem(
                QIcon(thumbnail(images[index])), f"{truth} → {read}\n{percent(evaluation.confidence[index])}"
            )
            item.setToolTip(
                self.tr("Test image #{0}: a {1} read as {2}, {3} sure").format(
                    int(index), truth, read, percent(evaluation.confidence[index], 1)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, int(index))
            self.addItem(item)
            self.mark_wrong(item, truth != read)


def thumbnail(image: np.ndarray) -> QPixmap:
    """A 28x28 MNIST image (white ink on black, as the model sees it), enlarged without blurring."""
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    picture = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.strides[0], QImage.Format.Format_Grayscale8)
    return QPixmap.fromImage(picture.copy()).scaled(THUMBNAIL, THUMBNAIL, mode=Qt.TransformationMode.FastTransformation)


def confusion_table(confusion: np.ndarray) -> QTableWidget:
    digits = [str(digit) for digit in range(len(confusion))]
    table = QTableWidget(len(confusion), len(confusion))
    table.setHorizontalHeaderLabels(digits)
    table.setVerticalHeaderLabels(digits)
    worst = max(1, int(confusion[~np.eye(len(confusion), dtype=bool)].max(initial=0)))
    for row, counts in enumerate(confusion):
        for column, count in enumerate(counts):
            item = QTableWidgetItem(str(int(count)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if row == column:
                item.setBackground(QColor(200, 235, 200))
            elif count:
                strength = 60 + round(150 * count / worst)
                item.setBackground(QColor(255, 255 - strength, 255 - strength))
            if row == column or count:  # a light cell: black reads on it in a dark theme too
                item.setForeground(QColor(Qt.GlobalColor.black))
            table.setItem(row, column, item)
    for header in (table.horizontalHeader(), table.verticalHeader()):
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    rows = table.verticalHeader().minimumSectionSize() + 6
    table.setMinimumHeight(
        table.horizontalHeader().sizeHint().height() + len(confusion) * rows + 2 * table.frameWidth()
    )
    return table
