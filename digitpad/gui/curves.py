"""Training curves: loss and accuracy per epoch, on the training batches and on the validation split."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.training import EpochResult

TRAINING_COLOUR = QColor(40, 110, 220)
VALIDATION_COLOUR = QColor(230, 120, 20)


class TrainingCurves(QWidget):
    """Two small charts side by side, redrawn as each epoch ends; they stay when the run is over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: tuple[EpochResult, ...] = ()
        self.epochs = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            self.tr(
                "Blue: the training batches (distorted digits and drawn non-digits). "
                "Orange: the validation split, digits held out from training."
            )
        )

    def sizeHint(self) -> QSize:
        return QSize(440, 170)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 170)

    def show_history(self, history: Sequence[EpochResult], epochs: int) -> None:
        self.history, self.epochs = tuple(history), max(1, epochs)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        legend_height = painter.fontMetrics().height() + 6
        half = (self.width() - 10) / 2
        charts = QRectF(0, 0, self.width(), self.height() - legend_height)
        self._chart(
            painter,
            QRectF(charts.left(), charts.top(), half, charts.height()),
            self.tr("Loss"),
            [(result.loss, result.validation_loss) for result in self.history],
            percent=False,
        )
        self._chart(
            painter,
            QRectF(charts.left() + half + 10, charts.top(), half, charts.height()),
            self.tr("Accuracy"),
            [(result.accuracy, result.validation_accuracy) for result in self.history],
            percent=True,
        )
        self._legend(painter, QRectF(0, charts.bottom() + 4, self.width(), legend_height))

    def _chart(
        self, painter: QPainter, box: QRectF, title: str, values: list[tuple[float, float]], *, percent: bool
    ) -> None:
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        line_height = painter.fontMetrics().height()
        plot = box.adjusted(4, line_height + 4, -4, -4)
        painter.setPen(text_colour)
        if values:
            last_training, last_validation = values[-1]
            shown = (lambda v: f"{v:.2%}") if percent else (lambda v: f"{v:.3f}")
            title = f"{title}: {shown(last_training)} / {shown(last_validation)}"
        painter.drawText(QRectF(box.left(), box.top(), box.width(), line_height), Qt.AlignmentFlag.AlignLeft, title)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(plot)
        if not values:
            return
        low = min(min(pair) for pair in values)
        high = max(max(pair) for pair in values)
        if high - low < 1e-6:
            low, high = low - 0.5 * max(abs(low), 1e-3), high + 0.5 * max(abs(high), 1e-3)

        def point(index: int, value: float) -> QPointF:
            x = plot.left() + plot.width() * (index + 1) / self.epochs
            y = plot.bottom() - plot.height() * (value - low) / (high - low)
            return QPointF(x, y)

        for column, colour in ((0, TRAINING_COLOUR), (1, VALIDATION_COLOUR)):
            points = [point(index, pair[column]) for index, pair in enumerate(values)]
            painter.setPen(QPen(colour, 2))
            painter.drawPolyline(QPolygonF(points))
            painter.setBrush(colour)
            for each in points:
                painter.drawEllipse(each, 2.5, 2.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _legend(self, painter: QPainter, box: QRectF) -> None:
        x = box.left()
        for colour, text in ((TRAINING_COLOUR, self.tr("training")), (VALIDATION_COLOUR, self.tr("validation"))):
            painter.setPen(QPen(colour, 3))
            middle = box.top() + box.height() / 2
            painter.drawLine(QPointF(x, middle), QPointF(x + 18, middle))
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            label = QRectF(x + 24, box.top(), box.width(), box.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += 24 + painter.fontMetrics().horizontalAdvance(text) + 16
        if self.history:  # the figures in the titles are the last finished epoch's, not the one under way
            finished = self.tr("after epoch {0} of {1}").format(len(self.history), self.epochs)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, finished)
