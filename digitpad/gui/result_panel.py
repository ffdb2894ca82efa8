"""What the model reads: the digit, how sure it is, the ten probabilities, and the 28x28 image it saw."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui.painting import painting
from digitpad.gui.theme import WARNING, faded, readable_on
from digitpad.numbers import DigitReading, Mark, NumberReading
from digitpad.verdict import Verdict, percent, runners

ROWS_SHOWN = 2  # of a number's rows of digit buttons (a row per line of writing): more scroll
TOP_BAR = QColor(33, 118, 210)
OTHER_BAR = QColor(170, 180, 195)


def verdict_text(probabilities: np.ndarray, said: Verdict) -> tuple[str, str, str]:
    """(the large digit, how sure, the warning) for a reading: the digit is shown large only when it is one."""
    first, second = runners(probabilities)
    translate = QCoreApplication.translate
    if said is Verdict.DIGIT:
        return str(first), translate("ResultPanel", "{0} sure").format(percent(probabilities[first], 1)), ""
    if said is Verdict.UNSURE:
        shares = f"{percent(probabilities[first])} / {percent(probabilities[second])}"
        return "", "", translate("ResultPanel", "Not sure: {0} or {1} ({2})").format(first, second, shares)
    return "", "", translate("ResultPanel", "Not a digit?")


class ResultPanel(QWidget):
    digitChosen = Signal(int)  # which digit of a number the user clicked, 0 = leftmost
    largeTextChanged = Signal(str)  # the digit or number shown large, "" when there is none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digit = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.digit.setMinimumHeight(110)
        self._set_digit_size("")
        rows = QWidget()
        self.number_digits = QVBoxLayout(rows)  # a number: one button per digit, with its confidence, a row per line
        self.number_digits.setContentsMargins(0, 0, 0, 0)
        self.number_rows = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.number_rows.setWidget(rows)
        self.number_rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.number_rows.setVisible(False)
        self.digit_buttons = QButtonGroup(self)
        self.digit_buttons.idClicked.connect(self.choose_digit)
        self._number: NumberReading | None = None
        self.confidence = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self._colour_hint()
        self.chart = ProbabilityChart()
        self.seen = ModelInputView()
        seen_caption = QLabel(self.tr("What the model sees"), alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.digit)
        layout.addWidget(self.number_rows)
        for widget in (self.confidence, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.chart, stretch=3)
        layout.addWidget(seen_caption)
        layout.addWidget(self.seen, stretch=2)  # the preview takes the room there is, and no more
        self.why = QCheckBox(self.tr("Why this reading"), enabled=False)
        self.why.setToolTip(
            self.tr("Colour the pixels that pushed toward the reading (red) and toward the runner-up (blue)")
        )
        self.why.toggled.connect(self.seen.show_why)
        self.why_caption = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        layout.addWidget(self.why, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.why_caption)
        self.why.toggled.connect(self.why_caption.setVisible)
        self.why_caption.setVisible(False)
        self.show_message(self.tr("Loading the model…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the system went light or dark
            self._colour_hint()
        super().changeEvent(event)

    def _colour_hint(self) -> None:
        colour = readable_on(WARNING, self.palette().color(QPalette.ColorRole.Window))
        self.hint.setStyleSheet(f"color: {colour.name()};")

    def _set_digit_size(self, text: str) -> None:
        """The reading large: a lone digit at 64 points, a long number (or several lines) smaller so that it fits."""
        lines = text.split("\n")
        characters = max(len(line) for line in lines)
        font = QFont(self.font())
        font.setPointSize(64 if characters <= 2 else 48 if characters <= 4 else 36)
        if len(lines) > 1:  # the lines share about the room one line takes
            font.setPointSize(max(12, min(font.pointSize() * 2 // (len(lines) + 1), 75 // len(lines))))
        font.setBold(True)
        self.digit.setFont(font)

    def _show_large(self, text: str) -> None:
        self._set_digit_size(text)
        self.digit.setText(text)
        self.largeTextChanged.emit(text)

    def _show_number_digits(self, number: NumberReading | None) -> None:
        for button in self.digit_buttons.buttons():
            self.digit_buttons.removeButton(button)
        while self.number_digits.count():  # the rows: the buttons, the marks between them, stretches either side
            row = self.number_digits.takeAt(0).layout()
            while row.count():
                item = row.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
            row.deleteLater()
        self._number = number
        self.number_rows.setVisible(number is not None)
        if number is None:
            return
        rows = [QHBoxLayout() for _ in range(len(number.line_starts) + 1)]
        for row in rows:
            row.addStretch()
            self.number_digits.addLayout(row)
        index_of = {id(digit): index for index, digit in enumerate(number.digits)}  # the buttons' ids
        for line, written in number.in_order():
            if isinstance(written, Mark):
                rows[line].addWidget(QLabel(written.symbol))
            else:
                rows[line].addWidget(self._digit_button(written, index_of[id(written)]))
        for row in rows:
            row.addStretch()
        self._fit_rows(rows)

    def _digit_button(self, digit: DigitReading, index: int) -> QToolButton:
        """A digit of a number with its confidence, marked when the model is unsure of it or sees no digit."""
        doubt = {Verdict.DIGIT: "", Verdict.UNSURE: "?", Verdict.NOT_A_DIGIT: " ✗"}[digit.verdict]
        button = QToolButton(text=f"{digit.digit}{doubt}\n{percent(digit.confidence)}", checkable=True, autoRaise=True)
        button.setToolTip(self.tr("Show this digit's ten probabilities and the image the model read"))
        self.digit_buttons.addButton(button, index)
        return button

    def _fit_rows(self, rows: list[QHBoxLayout]) -> None:
        """Room for ROWS_SHOWN rows of digit buttons at most (the rest scroll), and for the widest row whole."""
        shown = min(len(rows), ROWS_SHOWN)
        row_height = self.digit_buttons.buttons()[0].sizeHint().height()
        self.number_rows.setFixedHeight(shown * row_height + (shown - 1) * max(0, self.number_digits.spacing()))
        scroll_bar = self.number_rows.verticalScrollBar().sizeHint().width() if len(rows) > shown else 0
        self.number_rows.setMinimumWidth(max(map(_row_width, rows)) + scroll_bar)

    def show_number(self, number: NumberReading, *, explainable: bool = False) -> None:
        """Several digits side by side: the number large, a button for each digit, and the bars of the one chosen
        before if it is still there (the same drawing read again, with its reasons say), else of the first."""
        chosen = self.digit_buttons.checkedId()
        self._show_number_digits(number)
        self._show_large(number.number)
        doubtful = [d for d in number.digits if d.verdict is not Verdict.DIGIT]
        self.confidence.setText(self.tr("{0} digits: click one to see what the model read").format(len(number.digits)))
        self.hint.setText(self.tr("Not sure of every digit: see those marked ? or ✗") if doubtful else "")
        self.why.setEnabled(explainable)
        self.choose_digit(chosen if 0 <= chosen < len(number.digits) else 0)

    def choose_digit(self, index: int) -> None:
        if self._number is None or not 0 <= index < len(self._number.digits):
            return
        digit = self._number.digits[index]
        self.digit_buttons.button(index).setChecked(True)
        self.number_rows.ensureWidgetVisible(self.digit_buttons.button(index), 0, 0)
        self.chart.set_probabilities(digit.probabilities, greyed=digit.verdict is Verdict.NOT_A_DIGIT)
        self._show_seen(digit.seen, digit.probabilities, digit.why)
        self.digitChosen.emit(index)

    def step_digit(self, step: int) -> None:
        """Choose the digit ``step`` places right (or left, if negative) of the one chosen, stopping at the ends."""
        if self._number is not None:
            self.choose_digit(min(max(self.digit_buttons.checkedId() + step, 0), len(self._number.digits) - 1))

    def _show_seen(self, seen: np.ndarray, probabilities: np.ndarray, why: np.ndarray | None) -> None:
        """What the model read and, when they were asked for, the reasons for reading it so."""
        self.seen.set_image(seen, why)
        first, second = runners(probabilities)
        self.why_caption.setText(
            self.tr("red: toward {0}, blue: toward {1}").format(first, second) if why is not None else ""
        )

    def show_reading(
        self,
        probabilities: np.ndarray,
        seen: np.ndarray,
        said: Verdict,
        why: np.ndarray | None = None,
        *,
        explainable: bool = False,
        if_apart: str | None = None,
    ) -> None:
        """One digit's reading; ``why``, its reasons when they were asked for; ``explainable``, whether the model
        can give them (one only Keras reads cannot); ``if_apart``, the number the drawing would read as were it
        digits touching."""
        self._show_number_digits(None)
        large, sure, warning = verdict_text(probabilities, said)
        if if_apart:
            apart = self.tr("Digits touching? Drawn apart, they would read {0}.").format(if_apart)
            warning = f"{warning}\n{apart}"
        self._show_large(large)
        self.confidence.setText(sure)
        self.hint.setText(warning)
        self.chart.set_probabilities(probabilities, greyed=said is Verdict.NOT_A_DIGIT)
        self._show_seen(seen, probabilities, why)
        self.why.setEnabled(explainable)

    def show_message(self, message: str) -> None:
        """No reading: say why (nothing drawn yet, only a dot, no model) instead."""
        self._show_number_digits(None)
        self._show_large("")
        self.confidence.setText(message)
        self.hint.setText("")
        self.chart.set_probabilities(None)
        self.seen.set_image(None)
        self.why_caption.setText("")


class ProbabilityChart(QWidget):
    """Ten labelled bars, the tallest highlighted, each with its value above it. Clicking a bar says that
    digit is what was drawn."""

    barClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._probabilities: np.ndarray | None = None
        self.greyed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Probabilities of the digits 0 to 9"))
        self.setToolTip(self.tr("Click the bar of the digit you drew to keep the drawing and teach the model"))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._probabilities is not None and event.button() == Qt.MouseButton.LeftButton:
            self.barClicked.emit(min(9, max(0, int(event.position().x() * 10 // max(self.width(), 1)))))

    def probabilities(self) -> np.ndarray | None:
        return self._probabilities

    def set_probabilities(self, probabilities: np.ndarray | None, greyed: bool = False) -> None:
        """Show ``probabilities``; ``greyed``: all bars grey, for a drawing that is not a digit."""
        self._probabilities = None if probabilities is None else np.array(probabilities, dtype=float)
        self.greyed = greyed
        # What a screen reader says of the bars: each digit and its probability, likeliest first.
        ranked = [] if probabilities is None else np.argsort(self._probabilities)[::-1]
        self.setAccessibleDescription(", ".join(f"{d}: {percent(float(self._probabilities[d]))}" for d in ranked))
        self.update()

    def minimumSizeHint(self) -> QSize:
        # Ten columns wide enough for "100%" in the small font, and room for bars between the labels.
        metrics = self.fontMetrics()
        return QSize(10 * (metrics.horizontalAdvance("100%") + 6), 6 * metrics.height() + 40)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(QSize(320, 180))

    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            metrics = painter.fontMetrics()
            line = metrics.height()
            column = self.width() / 10
            floor = self.height() - line - 4  # digits go below the bars, values above
            tallest = floor - line - 4
            values = self._probabilities if self._probabilities is not None else np.zeros(10)
            top = int(np.argmax(values)) if self._probabilities is not None else -1
            text_color = self.palette().color(QPalette.ColorRole.WindowText)
            greyed_bar = faded(self.palette().color(QPalette.ColorRole.Window), text_color)
            painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
            painter.drawLine(0, int(floor), self.width(), int(floor))
            for digit, value in enumerate(values):
                left = digit * column
                height = max(float(value) * tallest, 1.0 if self._probabilities is not None else 0.0)
                bar = QRectF(left + column * 0.18, floor - height, column * 0.64, height)
                painter.fillRect(bar, greyed_bar if self.greyed else TOP_BAR if digit == top else OTHER_BAR)
                painter.setPen(text_color)
                label = QRectF(left, floor + 2, column, line)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(digit))
                if self._probabilities is not None:
                    painter.setPen(text_color if value >= 0.005 else self.palette().color(QPalette.ColorRole.Mid))
                    above = QRectF(left, bar.top() - line - 2, column, line)
                    painter.drawText(above, Qt.AlignmentFlag.AlignCenter, percent(float(value)))


class ModelInputView(QWidget):
    """The 28x28 image the model reads, blown up with square pixels, white ink on black as in MNIST, as large
    as the room it is given allows (a whole number of screen pixels per model pixel)."""

    SIDE = 112  # the size it asks for; it shrinks to MINIMUM in a short window and grows in a tall one
    MINIMUM = 56

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(self.MINIMUM, self.MINIMUM)
        self.setAccessibleName(self.tr("The 28x28 image the model reads"))
        self._image: QImage | None = None
        self._why: QImage | None = None
        self._showing_why = False

    def sizeHint(self) -> QSize:
        return QSize(self.SIDE, self.SIDE)

    def square(self) -> QRectF:
        """Where the image is drawn: the largest square of whole model pixels that fits, centred."""
        side = max(28, min(self.width(), self.height()) // 28 * 28)
        square = QRectF(0, 0, side, side)
        square.moveCenter(QRectF(self.rect()).center())
        return square

    def set_image(self, seen: np.ndarray | None, why: np.ndarray | None = None) -> None:
        """``seen``: the 28x28 input in [0, 1]; ``why``: each pixel's push toward the reading (+) or the runner-up."""
        self._image = None if seen is None else _grayscale(seen)
        self._why = None if why is None else _red_blue(why)
        self.update()

    def show_why(self, on: bool) -> None:
        self._showing_why = on
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        with painting(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            square = self.square()
            painter.fillRect(square, Qt.GlobalColor.black)
            if self._image is not None:
                painter.drawImage(square, self._image)  # no smoothing: the model's pixels, as they are
            if self._showing_why and self._why is not None:
                painter.drawImage(square, self._why)


def _row_width(row: QHBoxLayout) -> int:
    """The width a row of digit buttons and marks asks for (its widgets are not shown yet, so it cannot say)."""
    shown = [row.itemAt(i).widget() for i in range(row.count()) if row.itemAt(i).widget() is not None]
    return sum(widget.sizeHint().width() for widget in shown) + max(0, row.spacing()) * (len(shown) + 1)


def _grayscale(seen: np.ndarray) -> QImage:
    pixels = np.ascontiguousarray(np.clip(seen * 255.0, 0, 255).astype(np.uint8))
    height, width = pixels.shape
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def _red_blue(why: np.ndarray) -> QImage:
    """Red where a pixel pushed toward the reading, blue toward the runner-up; opaque as its share of the largest."""
    strength = np.abs(why) / max(float(np.abs(why).max()), 1e-12)
    rgba = np.zeros((*why.shape, 4), dtype=np.uint8)
    rgba[..., 0] = np.where(why > 0, 230, 30)
    rgba[..., 1] = 40
    rgba[..., 2] = np.where(why > 0, 30, 230)
    rgba[..., 3] = np.round(np.sqrt(strength) * 230).astype(np.uint8)  # the root: faint pushes still show
    height, width = why.shape
    return QImage(np.ascontiguousarray(rgba).data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()
