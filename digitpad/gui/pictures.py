"""Pictures in and out of the pad, and the clipboard: open a picture (or a recent one), drop or paste one,
save the drawing, copy the reading. Every picture is read by the reader's thread; this only says which."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QSettings, Slot
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from digitpad.files import write_atomically
from digitpad.gui.actions import make_action
from digitpad.gui.canvas import DrawingCanvas
from digitpad.gui.model_session import ModelSession
from digitpad.gui.recent import RecentPicturesMenu
from digitpad.gui.result_panel import ResultPanel
from digitpad.gui.settings import read_text
from digitpad.gui.words import os_error_in_words
from digitpad.gui.workers import Task
from digitpad.images import picture_suffixes

MESSAGE_MS = 5000


def picture_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in picture_suffixes())
    return QCoreApplication.translate("Pictures", "Images ({0})").format(patterns)


class Pictures(QObject):
    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        session: ModelSession,
        canvas: DrawingCanvas,
        result: ResultPanel,
    ) -> None:
        super().__init__(window)
        self.window, self.settings, self.session, self.canvas, self.result = window, settings, session, canvas, result
        self.recent_menu = RecentPicturesMenu(settings, window)
        self._first_of: tuple[str, int] | None = None  # the file read of several dropped or pasted, and how many
        self.create_actions()
        self.recent_menu.chosen.connect(self.open_recent)
        session.reader.pictureRead.connect(self.show_picture)
        result.largeTextChanged.connect(lambda text: self.copy_action.setEnabled(bool(text)))
        QGuiApplication.clipboard().dataChanged.connect(self.update_paste_action)
        self.update_paste_action()

    def create_actions(self) -> None:
        Key = QKeySequence.StandardKey
        self.open_action = make_action(
            self, self.tr("&Open image…"), self.tr("Read the digit in a picture file"), self.open_picture, Key.Open
        )
        self.save_drawing_action = make_action(
            self, self.tr("&Save drawing…"), self.tr("Save the drawing as a PNG"), self.save_drawing, Key.Save
        )
        self.copy_action = make_action(
            self,
            self.tr("C&opy reading"),
            self.tr("Copy the digit or number read, as text"),
            self.copy_reading,
            Key.Copy,
        )
        self.copy_action.setEnabled(False)  # until something is read
        self.paste_action = make_action(
            self,
            self.tr("&Paste picture"),
            self.tr("Put the picture on the clipboard on the pad"),
            self.paste_picture,
            Key.Paste,
        )

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, MESSAGE_MS)

    # In

    def open_picture(self) -> None:
        folder = read_text(self.settings, "picture/folder")
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open image"), folder, picture_filter())
        if path:
            self.settings.setValue("picture/folder", str(Path(path).parent))
            self._first_of = None
            self.session.pictureRequested.emit(path)

    def open_recent(self, path: str) -> None:
        if Path(path).is_file():
            self._first_of = None
            self.session.pictureRequested.emit(path)
        else:  # moved or deleted since: say so, and take it off the list
            self.recent_menu.forget(path)
            QMessageBox.warning(self.window, Task.OPEN.title(), self.tr("{0} is no longer there.").format(path))

    def paste_picture(self) -> None:
        """A picture copied in another program, or a picture file copied in a file manager."""
        pasted = QGuiApplication.clipboard().mimeData()
        if holds_picture(pasted):
            self.take_picture(pasted)
        else:
            self._say(self.tr("The clipboard holds no picture."))

    def take_picture(self, data: QMimeData) -> None:
        """Put a dropped or pasted picture on the pad: a file by its name, else the picture itself."""
        if files := _local_files(data):
            self._first_of = (files[0], len(files)) if len(files) > 1 else None  # one picture fits the pad
            self.session.pictureRequested.emit(files[0])
        else:
            self.session.picturePasted.emit(QImage(data.imageData()))

    @Slot()
    def update_paste_action(self) -> None:
        self.paste_action.setEnabled(holds_picture(QGuiApplication.clipboard().mimeData()))

    @Slot(str, object)
    def show_picture(self, path: str, ink) -> None:
        self.canvas.set_picture(ink)  # read as soon as it is on the pad
        if path:
            self.recent_menu.add(path)
        said = self.tr("Reading {0}").format(Path(path).name if path else self.tr("the picture"))
        if self._first_of is not None and self._first_of[0] == path:
            said += self.tr(", the first of the {0} files").format(self._first_of[1])
        self._first_of = None
        self._say(said)

    # Out

    def copy_reading(self) -> None:
        reading = self.result.digit.text()
        if reading:
            QGuiApplication.clipboard().setText(reading)
            self._say(self.tr("Copied {0}").format(reading))

    def save_drawing(self) -> None:
        """Offered as what it reads (7.png, 2026.png; "12 34.png" for two lines) in the folder saved to last."""
        folder = Path(read_text(self.settings, "drawing/folder") or Path.home())
        name = self.result.digit.text().replace("\n", " ") or self.tr("drawing")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save drawing"), str(folder / f"{name}.png"), self.tr("PNG image (*.png)")
        )
        if not path:
            return
        image = self.canvas.image()
        target = Path(path if path.lower().endswith(".png") else f"{path}.png")  # "my.sketch" keeps its name

        def write(partial: Path) -> None:
            if not image.save(str(partial), "PNG"):
                raise OSError(f"could not write {target}")

        try:
            write_atomically(target, write)
        except OSError as error:
            QMessageBox.warning(self.window, self.tr("Could not save the drawing"), os_error_in_words(error))
            return
        self.settings.setValue("drawing/folder", str(target.parent))
        self._say(self.tr("Saved {0}").format(target.name))


def holds_picture(data: QMimeData | None) -> bool:
    """Whether a drag or the clipboard brings a picture: the image itself, or local files."""
    return data is not None and (data.hasImage() or bool(_local_files(data)))


def _local_files(data: QMimeData) -> list[str]:
    """The local files dragged or copied (a file manager gives their URLs), in order."""
    return [url.toLocalFile() for url in data.urls() if url.isLocalFile()]
