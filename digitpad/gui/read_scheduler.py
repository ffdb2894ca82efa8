"""When the drawing is read: live while the pen moves, without ever queueing up behind the reader.

As in Qt's Mandelbrot example, only the latest request matters: one drawing is in flight at a time,
only the newest one waits behind it, a throttle spaces readings while the pen moves, and an answer
about a drawing that has since changed is stale and ignored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

READ_EVERY_MS = 30  # while the pen moves, the drawing is read at most this often


class ReadScheduler(QObject):
    readRequested = Signal(int, QImage)  # request id, the drawing: for the reader
    readingArrived = Signal(object)  # the answer about the newest drawing (stale ones never come out)
    drawingEmptied = Signal()  # the pad is empty: nothing to read

    def __init__(
        self, drawing: Callable[[], QImage | None], interval_ms: int = READ_EVERY_MS, parent: QObject | None = None
    ) -> None:
        """``drawing()`` gives the drawing to read, or None when the pad is empty."""
        super().__init__(parent)
        self._drawing = drawing
        self.enabled = False  # no model, nothing to read with
        self.latest_request = 0  # the id of the newest drawing; answers about older ones are stale
        self.shown_request = 0  # the id of the drawing whose reading (or lack of one) is on screen
        self._in_flight = False
        self._pending = False
        self.throttle = QTimer(self, singleShot=True, interval=interval_ms)
        self.throttle.timeout.connect(self.read_now)

    @Slot()
    def pen_moved(self) -> None:
        """The drawing is changing: read it when the throttle next allows, not on every mouse move."""
        if not self.throttle.isActive():
            self.throttle.start()

    @Slot()
    def read_now(self) -> None:
        """Read the drawing as it is now (a stroke ended, the pad was cleared, a model arrived)."""
        self.throttle.stop()
        self.latest_request += 1
        drawing = self._drawing()
        if drawing is None:
            self.shown_request = self.latest_request
            self.drawingEmptied.emit()
            return
        if not self.enabled:
            return
        if self._in_flight:
            self._pending = True
            return
        self._in_flight = True
        self.readRequested.emit(self.latest_request, drawing)

    @Slot(int, object)
    def answer(self, request_id: int, reading: object) -> None:
        """The reader's answer about drawing ``request_id``."""
        self._in_flight = False
        if request_id == self.latest_request:
            self.shown_request = request_id
            self.readingArrived.emit(reading)
        if self._pending:
            self._pending = False
            self.read_now()
