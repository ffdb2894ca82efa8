"""My drawings: the drawings the user kept, by label, each with how the model in use reads it."""

from __future__ import annotations

from collections import Counter

import numpy as np
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui.gallery import ThumbnailGallery
from digitpad.gui.sizing import resize_within_screen
from digitpad.samples import LABELS, NOT_A_DIGIT, Sample, list_samples, relabel_sample, remove_sample, samples_dir

THUMBNAIL = 64


class MyDrawingsDialog(QDialog):
    """Thumbnails grouped by label, with counts per label; delete, relabel, and the folder they are kept in."""

    readingsWanted = Signal(object)  # the samples shown, for the model in use to read

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My drawings"))
        self.counts = QLabel(wordWrap=True)
        self.gallery = ThumbnailGallery(THUMBNAIL, margin=28)
        self.gallery.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.delete_button = buttons.addButton(self.tr("Delete"), QDialogButtonBox.ButtonRole.ActionRole)
        self.relabel_button = buttons.addButton(self.tr("Relabel…"), QDialogButtonBox.ButtonRole.ActionRole)
        folder = QPushButton(self.tr("Open the folder"))
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button.clicked.connect(self.delete_selected)
        self.relabel_button.clicked.connect(self.relabel_selected)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(samples_dir()))))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.gallery, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 720, 520)
        self.samples: list[Sample] = []
        self.refresh()

    def refresh(self) -> None:
        """Show what is in the folder now, and ask for the model in use to read it."""
        self.samples = list_samples()
        self.gallery.clear()
        for sample in self.samples:  # by label, oldest first within a label
            item = QListWidgetItem(QIcon(_thumbnail(sample)), self._label_text(sample.label))
            item.setData(Qt.ItemDataRole.UserRole, sample.id)
            self.gallery.addItem(item)
        counts = Counter(sample.label for sample in self.samples)
        per_label = ", ".join(f"{self._label_text(label)}: {counts[label]}" for label in LABELS if counts[label])
        self.counts.setText(
            self.tr("{0} drawings kept. {1}").format(len(self.samples), per_label)
            if self.samples
            else self.tr("No drawings kept yet. Draw a digit, then press its key (0-9), or N for not a digit.")
        )
        self.readingsWanted.emit(self.samples)

    def show_readings(self, readings: dict) -> None:
        """Caption each drawing with how the model reads it; the ones it gets wrong in red."""
        for row, sample in enumerate(self.samples):
            item = self.gallery.item(row)
            probabilities = readings.get(sample.id)
            if item is None or probabilities is None:
                continue
            read = int(np.argmax(probabilities))
            right = read == sample.digit if sample.digit >= 0 else probabilities[read] < 0.5
            item.setText(
                self.tr("{0}\nread {1} {2}").format(self._label_text(sample.label), read, "✓" if right else "✗")
            )
            self.gallery.mark_wrong(item, not right)

    def selected_ids(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.gallery.selectedItems()]

    def delete_selected(self) -> None:
        for sample_id in self.selected_ids():
            remove_sample(sample_id)
        self.refresh()

    def relabel_selected(self) -> None:
        chosen = self.selected_ids()
        if not chosen:
            return
        names = [self._label_text(label) for label in LABELS]
        name, ok = QInputDialog.getItem(self, self.tr("Relabel"), self.tr("What do they show?"), names, 0, False)
        if ok:
            for sample_id in chosen:
                relabel_sample(sample_id, LABELS[names.index(name)])
            self.refresh()

    def _label_text(self, label: str) -> str:
        return self.tr("not a digit") if label == NOT_A_DIGIT else label


def _thumbnail(sample: Sample) -> QPixmap:
    picture = QPixmap(str(sample.file))
    return picture.scaled(
        THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
