"""When the drawing is read, with a hand that takes its time: paced mouse events, the event loop running between.

A reader that takes a while to answer stands in for the real one, so that what goes wrong in the scheduling
(two drawings in flight, no reading while the pen moves, a stale answer shown, a reading too many) shows.
"""

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from digitpad.gui.canvas import DrawingCanvas
from digitpad.gui.demo import draw_digit
from digitpad.gui.read_scheduler import ReadScheduler


class SlowReader(QObject):
    """Answers each drawing after ``delay_ms``, and counts how many it had at once."""

    answered = Signal(int, object)

    def __init__(self, delay_ms: int) -> None:
        super().__init__()
        self.delay_ms = delay_ms
        self.requests: list[int] = []
        self.in_flight = 0
        self.most_in_flight = 0

    def read(self, request_id, _drawing) -> None:
        self.requests.append(request_id)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        QTimer.singleShot(self.delay_ms, lambda: self._answer(request_id))

    def _answer(self, request_id) -> None:
        self.in_flight -= 1
        self.answered.emit(request_id, f"reading of drawing {request_id}")


@pytest.fixture
def pad(qtbot):
    """A real pad, a scheduler reading it, and a reader that answers after a delay chosen by the test."""

    def make(delay_ms: int):
        canvas = DrawingCanvas()
        qtbot.addWidget(canvas)
        canvas.resize(400, 400)
        canvas.show()
        scheduler = ReadScheduler(lambda: None if canvas.is_empty() else canvas.image(), parent=canvas)
        scheduler.enabled = True
        reader = SlowReader(delay_ms)
        scheduler.readRequested.connect(reader.read)
        reader.answered.connect(scheduler.answer)
        canvas.drawingChanged.connect(scheduler.pen_moved)
        canvas.drawingSettled.connect(scheduler.read_now)
        shown = []
        scheduler.readingArrived.connect(shown.append)
        scheduler.drawingEmptied.connect(lambda: shown.append("empty"))
        return canvas, scheduler, reader, shown

    return make


def hand(qtbot):
    return lambda: qtbot.wait(3)


def test_drawings_are_read_while_the_pen_moves_one_at_a_time(qtbot, pad):
    canvas, scheduler, reader, shown = pad(delay_ms=45)
    draw_digit(canvas, 8, pause=hand(qtbot))  # one long stroke, about a second
    qtbot.waitUntil(lambda: scheduler.shown_request == scheduler.latest_request)
    assert reader.most_in_flight == 1  # never a second drawing while one is being read
    assert len(reader.requests) >= 5  # read live, every throttle tick or answer, not only at the end
    assert shown[-1] == f"reading of drawing {scheduler.latest_request}"  # the newest drawing is on screen


def test_a_reading_arrives_during_the_stroke_not_only_after_it(qtbot, pad):
    canvas, _scheduler, _reader, shown = pad(delay_ms=1)
    events = []
    canvas.drawingSettled.connect(lambda: events.append(("released", len(shown))))
    draw_digit(canvas, 1, pause=hand(qtbot))
    [(_, shown_before_release)] = events
    assert shown_before_release >= 3


def test_an_answer_about_a_drawing_that_changed_is_not_shown(qtbot, pad):
    canvas, _scheduler, reader, shown = pad(delay_ms=150)
    draw_digit(canvas, 7)  # at once: the release asks for a reading that takes 150 ms
    assert reader.in_flight == 1
    canvas.clear()  # meanwhile the user wipes the pad
    qtbot.waitUntil(lambda: reader.in_flight == 0)
    qtbot.wait(50)
    assert shown == ["empty"]  # the reading of the 7 came back stale and was dropped


def test_a_finished_stroke_is_read_once_not_again_by_the_throttle(qtbot, pad):
    canvas, scheduler, reader, _shown = pad(delay_ms=0)
    released = []
    canvas.drawingSettled.connect(lambda: released.append(len(reader.requests)))  # after the release's read
    draw_digit(canvas, 1, pause=hand(qtbot))
    qtbot.wait(100)  # three throttle intervals
    assert len(reader.requests) == released[0] and reader.requests[-1] == scheduler.latest_request
