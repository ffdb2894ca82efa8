"""Thumbnails in rows, each captioned in two lines: My drawings and the evaluation's test digits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from digitpad.gui.theme import WRONG, readable_on

_WRONG_ROLE = Qt.ItemDataRole.UserRole + 1


class ThumbnailGallery(QListWidget):
    """A grid of thumbnails ``side`` pixels square with a caption under each; a caption marked wrong is red, in a
    red that reads on the theme's background (again when the theme changes)."""

    def __init__(self, side: int, margin: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(side, side))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setGridSize(QSize(side + margin, side + 2 * self.fontMetrics().height() + 8))

    def mark_wrong(self, item: QListWidgetItem, wrong: bool) -> None:
        item.setData(_WRONG_ROLE, wrong)
        self._colour(item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            for row in range(self.count()):
                self._colour(self.item(row))
        super().changeEvent(event)

    def _colour(self, item: QListWidgetItem) -> None:
        if item.data(_WRONG_ROLE):
            item.setForeground(readable_on(WRONG, self.palette().color(QPalette.ColorRole.Base)))
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)  # the theme's own text colour
