"""The drawing pad: strokes drawn into an off-screen image, kept as vectors so they survive a resize and undo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFocusEvent,
    QImage,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.gui.painting import painting
from digitpad.gui.pixels import image_pixels
from digitpad.preprocess import NOISE_FLOOR

PAPER = QColor(Qt.GlobalColor.white)
INK = QColor(Qt.GlobalColor.black)
HINT = QColor(150, 150, 150)
ERASER_WIDTH = 2.5  # times the pen's: wide enough to take out a stroke in one pass, narrow enough to aim
INKED = round(255 * (1 - NOISE_FLOOR))  # a gray level darker than this is ink to the reader
UNDO_STEPS = 500  # each keeps a list of the strokes then on the pad: an hour of drawing stays a few MB


@dataclass
class Stroke:
    """Points and pen width in page units: 1.0 is the canvas's shorter side, (0, 0) its centre."""

    width: float
    points: list[QPointF] = field(default_factory=list)
    erases: bool = False  # drawn in the paper's colour, over the ink and any picture


class DrawingCanvas(QWidget):
    """A pad to draw a digit on with mouse or pen; tells when the drawing changes and when a stroke ends."""

    drawingChanged = Signal()  # while a stroke is being drawn
    drawingSettled = Signal()  # a stroke ended, or the drawing was cleared, undone or replaced by a picture

    def __init__(self, pen_width: int = 18, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so that Esc and Delete reach the window's actions
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)  # the right button erases, and only that
        self.setAccessibleName(self.tr("Drawing pad"))
        self.setAccessibleDescription(
            self.tr("Draw a digit, or a number, with the mouse or a pen; the right button erases")
        )
        self.pen_width = pen_width  # in pixels of the canvas as it is now
        self.erasing = False  # the left button and a pen's tip erase too (the right button always does)
        self._strokes: list[Stroke] = []
        self._picture: QImage | None = None  # an opened picture, dark ink on white, under the strokes
        # What the pad held before each change Undo can take back (a stroke, a Clear, a picture), oldest first.
        # Strokes do not change once drawn, so a state is a plain list of them.
        self._undo: list[tuple[list[Stroke], QImage | None]] = []
        self._drawing: Stroke | None = None
        self._image = QImage()
        # Around each digit of a number, on top of the drawing: (x, y, width, height) in the pixels of image().
        self._boxes: list[tuple[tuple[int, int, int, int], QColor]] = []
        self._marks: list[tuple[int, int, int, int]] = []  # a number's points, commas and dashes
        self.chosen_box = -1
        self._render()

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 200)

    # What the rest of the window asks of the pad

    def is_empty(self) -> bool:
        return not self._strokes and self._picture is None

    def image(self) -> QImage:
        """The drawing as an 8-bit grayscale image the size of the canvas: what the model reads."""
        return self._image.convertToFormat(QImage.Format.Format_Grayscale8)

    def clear(self) -> None:
        if not self.is_empty():
            self._keep_for_undo()
        self._strokes = []
        self._picture = None
        self._drawing = None
        self._redraw()

    def undo(self) -> None:
        """Take back the last change: a stroke, a Clear, or a picture put on the pad."""
        if self._undo:
            self._strokes, self._picture = self._undo.pop()
            self._drawing = None
            self._redraw()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def _keep_for_undo(self) -> None:
        self._undo.append((list(self._strokes), self._picture))
        del self._undo[:-UNDO_STEPS]

    def set_pen_width(self, width: int) -> None:
        self.pen_width = width
        self._show_tool(self.erasing)  # the eraser's ring follows the pen's width

    def set_erasing(self, on: bool) -> None:
        """Let the left button and a pen's tip erase (``on``) or draw; for a touch screen, which has no right
        button."""
        self.erasing = on
        self._show_tool(on)

    def _show_tool(self, erasing: bool) -> None:
        """A ring the eraser's size while it rubs, or is the tool; else a cross."""
        if erasing:
            self.setCursor(_ring_cursor(self.pen_width * ERASER_WIDTH, self.devicePixelRatioF()))
        else:
            self.setCursor(Qt.CursorShape.CrossCursor)

    def set_picture(self, ink: np.ndarray) -> None:
        """Put a picture on the pad, replacing the drawing: ``ink`` is 2-D uint8, 255 = full ink."""
        paper = np.ascontiguousarray(255 - ink, dtype=np.uint8)
        height, width = paper.shape
        self._keep_for_undo()
        self._picture = QImage(paper.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        self._strokes = []
        self._redraw()

    def show_boxes(
        self, boxes: list[tuple[tuple[int, int, int, int], QColor]], marks: Sequence[tuple[int, int, int, int]] = ()
    ) -> None:
        """Light boxes around the digits of a number: (x, y, width, height) in the pixels of ``image()``; and
        where its marks are (a point, a dash: no box is drawn round them)."""
        self._boxes = list(boxes)
        self._marks = list(marks)
        self.chosen_box = -1
        self.update()

    def mark_boxes(self) -> list[tuple[int, int, int, int]]:
        """Where the marks of the number on the pad are: (x, y, width, height) in the pixels of ``image()``."""
        return self._marks

    def choose_box(self, index: int) -> None:
        """Draw the box of the digit the user looks at more boldly."""
        self.chosen_box = index
        self.update()

    def boxes(self) -> list[QRectF]:
        """The digits' boxes on the widget, a little outside their ink."""
        ratio, margin = self._image.devicePixelRatio(), 6.0
        return [
            QRectF(x / ratio, y / ratio, w / ratio, h / ratio).adjusted(-margin, -margin, margin, margin)
            for (x, y, w, h), _ in self._boxes
        ]

    def chosen_digit(self) -> tuple[int, tuple[int, int, int, int]] | None:
        """When the pad holds a number: which of its digits the user looks at, and its (x, y, width, height) in
        the pixels of ``image()``; None for a lone digit."""
        if not self._boxes or not 0 <= self.chosen_box < len(self._boxes):  # boxes are shown for numbers only
            return None
        return self.chosen_box, self._boxes[self.chosen_box][0]

    # Drawing with mouse or tablet pen: the left button draws and the right one erases, as a pen's tip and its
    # eraser end do.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._begin(event.position(), erases=event.button() == Qt.MouseButton.RightButton)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & (Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton):
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepting it stops Qt from also sending the same motion as mouse events.
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), erases=event.pointerType() == QPointingDevice.PointerType.Eraser)
        elif kind == QTabletEvent.Type.TabletMove and event.buttons():
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def _begin(self, position: QPointF, erases: bool = False) -> None:
        erases = erases or self.erasing
        if erases and self.is_empty():  # nothing to erase: the pad stays empty, its hint on it
            return
        was_empty = self.is_empty()
        self._keep_for_undo()
        width = self.pen_width * (ERASER_WIDTH if erases else 1.0)
        self._drawing = Stroke(width / self._scale(), [self._to_page(position)], erases)
        self._strokes.append(self._drawing)
        self._show_tool(erases)
        self._paint_segment(self._drawing, 0)
        if was_empty:
            self.update()  # the hint covers the whole pad: all of it must go, not only where the pen is
        self.drawingChanged.emit()

    def _extend(self, position: QPointF) -> None:
        if self._drawing is None:
            return
        self._drawing.points.append(self._to_page(position))
        self._paint_segment(self._drawing, len(self._drawing.points) - 2)
        self.drawingChanged.emit()

    def _end(self) -> None:
        if self._drawing is None:
            return
        erased, self._drawing = self._drawing.erases, None
        self._show_tool(self.erasing)
        if erased and not (image_pixels(self._image) < INKED).any():
            # Nothing left to read: the pad is empty again (its hint back, Save and Teach greyed), and Undo
            # brings back what was erased.
            self._strokes, self._picture = [], None
            self._redraw()
        else:
            self.drawingSettled.emit()

    # Page units <-> pixels: the drawing scales with the canvas and stays centred

    def _scale(self) -> float:
        return float(max(1, min(self.width(), self.height())))

    def _to_page(self, position: QPointF) -> QPointF:
        centre = QPointF(self.width() / 2, self.height() / 2)
        return (position - centre) / self._scale()

    def _to_pixels(self, point: QPointF) -> QPointF:
        return point * self._scale() + QPointF(self.width() / 2, self.height() / 2)

    # Painting

    def _pen(self, stroke: Stroke) -> QPen:
        return QPen(
            PAPER if stroke.erases else INK,
            stroke.width * self._scale(),
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )

    def _paint_segment(self, stroke: Stroke, start: int) -> None:
        """Draw only the newest piece of a stroke, and repaint only where it fell."""
        start = max(start, 0)
        first = self._to_pixels(stroke.points[start])
        last = self._to_pixels(stroke.points[-1])
        with painting(self._image) as painter:
            painter.setPen(self._pen(stroke))
            painter.drawLine(first, last)
        margin = stroke.width * self._scale() / 2 + 2
        self.update(QRectF(first, last).normalized().adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def _render(self) -> None:
        """Draw everything afresh, at the canvas's present size."""
        # At the screen's own pixel density, so that strokes stay crisp on high-DPI screens.
        ratio = self.devicePixelRatioF()
        self._image = QImage(self.size().expandedTo(QSize(1, 1)) * ratio, QImage.Format.Format_RGB32)
        self._image.setDevicePixelRatio(ratio)
        self._image.fill(PAPER)
        with painting(self._image) as painter:
            if self._picture is not None:
                side = self._scale()
                target = QRectF(0, 0, side, side)
                target.moveCenter(QPointF(self.width() / 2, self.height() / 2))
                fitted = self._picture.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
                placed = QRectF(QPointF(0, 0), fitted.toSizeF())
                placed.moveCenter(target.center())
                painter.drawImage(placed, self._picture)
            for stroke in self._strokes:
                painter.setPen(self._pen(stroke))
                points = [self._to_pixels(point) for point in stroke.points]
                if len(points) == 1:
                    painter.drawPoint(points[0])
                else:
                    painter.drawPolyline(points)

    def _redraw(self) -> None:
        self._render()
        self.update()
        self.drawingSettled.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        old_size, old_ratio = event.oldSize(), self._image.devicePixelRatio()
        self._render()
        if old_size.isValid():  # the digits and marks of a number stay boxed where their ink now is
            self._boxes = [(self._rescaled(box, old_size, old_ratio), colour) for box, colour in self._boxes]
            self._marks = [self._rescaled(box, old_size, old_ratio) for box in self._marks]
        super().resizeEvent(event)

    def _rescaled(self, box: tuple[int, int, int, int], old_size: QSize, old_ratio: float) -> tuple[int, int, int, int]:
        """Where a box in the pixels of the image before a resize is in the image after it: the drawing scales
        with the pad and stays centred."""
        x, y, width, height = (side / old_ratio for side in box)
        factor = self._scale() / max(1, min(old_size.width(), old_size.height()))
        left = (x - old_size.width() / 2) * factor + self.width() / 2
        top = (y - old_size.height() / 2) * factor + self.height() / 2
        ratio = self._image.devicePixelRatio()
        return round(left * ratio), round(top * ratio), round(width * factor * ratio), round(height * factor * ratio)

    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.drawImage(QPointF(0, 0), self._image)  # clipped to the region being repainted
            if self.is_empty():
                painter.setPen(HINT)
                painter.drawText(
                    self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here\nanywhere, any size")
                )
            for index, (box, (_, colour)) in enumerate(zip(self.boxes(), self._boxes, strict=True)):
                painter.setPen(QPen(colour, 4 if index == self.chosen_box else 2))
                painter.drawRoundedRect(box, 6, 6)
            if self.hasFocus():  # where Esc, Delete and Ctrl+Z go
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
                painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


def _ring_cursor(diameter: float, ratio: float) -> QCursor:
    """A grey ring the eraser's size, its hot spot at the centre, crisp at the screen's pixel ``ratio``."""
    side = round(diameter) + 4
    ring = QPixmap(round(side * ratio), round(side * ratio))
    ring.setDevicePixelRatio(ratio)
    ring.fill(Qt.GlobalColor.transparent)
    with painting(ring) as painter:
        painter.setPen(QPen(HINT, 1.5))
        painter.drawEllipse(QRectF(2, 2, diameter, diameter))
    return QCursor(ring)
