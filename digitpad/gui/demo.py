"""Digits drawn the way a person moves a mouse, and a dark desktop theme's colours: for the screenshot script,
the tests and the benchmarks.

Each digit is a list of strokes; each stroke a list of points in page units (the canvas's shorter side
is 1.0, its centre is (0, 0), y grows downward), so the same digit can be drawn on any canvas.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget

Point = tuple[float, float]
STEP = 0.01  # page units between two mouse positions, about what a quick hand gives at 60 Hz


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, stop: float) -> list[Point]:
    """Points along an ellipse from angle ``start`` to ``stop`` in degrees (0 = right, 90 = down)."""
    count = max(2, round(abs(stop - start) / 6))
    angles = (math.radians(start + (stop - start) * i / count) for i in range(count + 1))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def _eight() -> list[Point]:
    turns = (2 * math.pi * i / 80 for i in range(81))
    return [(0.15 * math.sin(2 * t), -0.28 * math.cos(t)) for t in turns]


DIGIT_STROKES: dict[int, list[list[Point]]] = {
    0: [_arc(0, 0, 0.17, 0.28, -90, 270)],
    1: [[(-0.07, -0.19), (0.02, -0.28), (0.02, 0.28)]],
    2: [[*_arc(0, -0.12, 0.16, 0.16, -180, 30), (-0.17, 0.28), (0.19, 0.28)]],
    3: [[*_arc(0, -0.14, 0.15, 0.14, -160, 90), *_arc(0, 0.14, 0.17, 0.14, -90, 160)]],
    4: [[(0.05, -0.28), (-0.18, 0.08), (0.2, 0.08)], [(0.08, -0.1), (0.08, 0.28)]],
    5: [[(0.16, -0.28), (-0.1, -0.28), (-0.13, -0.03), *_arc(0, 0.1, 0.17, 0.17, -130, 150)]],
    6: [[(0.12, -0.28), (-0.08, -0.08), (-0.16, 0.12), *_arc(0, 0.12, 0.16, 0.16, 180, 530)]],
    7: [[(-0.18, -0.26), (0.18, -0.26), (-0.04, 0.28)]],
    8: [_eight()],
    9: [[*_arc(0, -0.12, 0.15, 0.15, 0, 360), (0.12, 0.28)]],
}


# A decimal point (a dab of the pen) and a comma (a short stroke down and to the left) on a digit's baseline, and
# a dash (or minus) half-way up.
MARK_STROKES: dict[str, list[list[Point]]] = {
    ".": [[(0.0, 0.26), (0.0, 0.27)]],
    ",": [[(0.01, 0.25), (0.01, 0.3), (-0.03, 0.38)]],
    "-": [[(-0.12, 0.02), (0.12, 0.02)]],
}


def draw_number(canvas: QWidget, number: str, *, scale: float = 0.4, pause: Callable[[], None] | None = None) -> None:
    """Write ``number`` (digits, and marks: a point, a comma, a dash) side by side across ``canvas``, each digit
    ``scale`` times a lone digit's size; a point or comma takes half a digit's room. A newline starts a line below:
    the lines share the pad's height."""
    width = canvas.width() / min(canvas.width(), canvas.height())  # in page units
    lines = number.split("\n")
    for row, line in enumerate(lines):
        rooms = [0.5 if character in ".," else 1.0 for character in line]
        step = width / (sum(rooms) + 1)
        left = step / 2 - width / 2  # of the room of the next character, the page's centre being 0
        top = (row - (len(lines) - 1) / 2) / len(lines)
        for character, room in zip(line, rooms, strict=True):
            strokes = MARK_STROKES.get(character) or DIGIT_STROKES[int(character)]
            draw_strokes(canvas, strokes, scale=scale, offset=(left + step * room / 2, top), pause=pause)
            left += step * room


def draw_digit(
    canvas: QWidget,
    digit: int,
    *,
    scale: float = 1.0,
    offset: Point = (0.0, 0.0),
    pause: Callable[[], None] | None = None,
) -> None:
    """Draw ``digit`` on ``canvas`` with mouse events, ``scale`` times its natural size, moved by ``offset``.

    ``pause`` runs after every event: a hand takes time, and the event loop runs meanwhile (timers, answers).
    """
    draw_strokes(canvas, DIGIT_STROKES[digit], scale=scale, offset=offset, pause=pause)


def draw_strokes(
    canvas: QWidget,
    strokes: list[list[Point]],
    *,
    scale: float = 1.0,
    offset: Point = (0.0, 0.0),
    pause: Callable[[], None] | None = None,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    """Draw any ``strokes`` (page units, as in DIGIT_STROKES) with mouse events; the right ``button`` erases."""
    for kind, point in stroke_events(canvas, strokes, scale=scale, offset=offset):
        send_mouse_event(canvas, kind, point, button)
        if pause is not None:
            pause()


def mouse_events(
    canvas: QWidget, digit: int, *, scale: float = 1.0, offset: Point = (0.0, 0.0)
) -> list[tuple[QEvent.Type, QPointF]]:
    """The presses, moves and releases that draw ``digit``: one press and release per stroke."""
    return stroke_events(canvas, DIGIT_STROKES[digit], scale=scale, offset=offset)


def stroke_events(
    canvas: QWidget, strokes: list[list[Point]], *, scale: float = 1.0, offset: Point = (0.0, 0.0)
) -> list[tuple[QEvent.Type, QPointF]]:
    """The presses, moves and releases that draw ``strokes``, a mouse position at most STEP apart."""
    side = min(canvas.width(), canvas.height())
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    events = []
    for stroke in strokes:
        points = [centre + QPointF(offset[0] + x * scale, offset[1] + y * scale) * side for x, y in stroke]
        points = _densify(points, STEP * side)
        events.append((QEvent.Type.MouseButtonPress, points[0]))
        events += [(QEvent.Type.MouseMove, point) for point in points[1:]]
        events.append((QEvent.Type.MouseButtonRelease, points[-1]))
    return events


def send_mouse_event(
    canvas: QWidget, kind: QEvent.Type, point: QPointF, button: Qt.MouseButton = Qt.MouseButton.LeftButton
) -> None:
    """What a mouse does with ``button``: the button is held from press to release."""
    changed = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else button
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(kind, point, canvas.mapToGlobal(point), changed, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, event)


def _densify(points: list[QPointF], step: float) -> list[QPointF]:
    """Extra points along each segment, no more than ``step`` pixels apart."""
    dense = [points[0]]
    for a, b in itertools.pairwise(points):
        count = max(1, math.ceil(math.dist((a.x(), a.y()), (b.x(), b.y())) / max(step, 1.0)))
        dense += [a + (b - a) * (i / count) for i in range(1, count + 1)]
    return dense


def dark_palette() -> QPalette:
    """The colours a dark desktop theme gives the window (as Fusion's dark scheme has them)."""
    palette = QPalette()
    light, dark = QColor(230, 230, 230), QColor(43, 43, 43)
    for role, colour in (
        (QPalette.ColorRole.Window, dark),
        (QPalette.ColorRole.WindowText, light),
        (QPalette.ColorRole.Base, QColor(30, 30, 30)),
        (QPalette.ColorRole.AlternateBase, QColor(51, 51, 51)),
        (QPalette.ColorRole.Text, light),
        (QPalette.ColorRole.Button, QColor(58, 58, 58)),
        (QPalette.ColorRole.ButtonText, light),
        (QPalette.ColorRole.Mid, QColor(119, 119, 119)),
        (QPalette.ColorRole.Highlight, QColor(61, 123, 217)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
    ):
        palette.setColor(role, colour)
    return palette
