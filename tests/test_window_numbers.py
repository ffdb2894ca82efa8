"""Several digits side by side on the pad: the number large, a box around each digit, each digit's bars on a click."""

import numpy as np
from conftest import read_after
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication

from digitpad.gui.demo import draw_digit, draw_number


def test_a_number_drawn_with_the_mouse_shows_large_with_a_box_around_each_digit(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "207", scale=0.5)) == "207"
    result = window.result
    buttons = result.digit_buttons.buttons()
    assert [button.text().split("\n")[0] for button in buttons] == ["2", "0", "7"]
    boxes = window.canvas.boxes()
    assert len(boxes) == 3 and [box.left() for box in boxes] == sorted(box.left() for box in boxes)
    assert buttons[0].isChecked() and result.chart.probabilities().argmax() == 2

    qtbot.mouseClick(buttons[2], Qt.MouseButton.LeftButton)  # the 7: its ten bars and its 28x28 image
    assert buttons[2].isChecked() and result.chart.probabilities().argmax() == 7
    assert window.canvas.chosen_box == 2

    # One digit again works exactly as before: no buttons, no boxes.
    window.canvas.clear()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 4)) == "4"
    assert result.digit_buttons.buttons() == [] and window.canvas.boxes() == []
    assert result.why.isEnabled() and np.isclose(result.chart.probabilities().sum(), 1.0)


def test_a_decimal_point_comma_or_minus_drawn_with_digits_is_in_the_number_shown_and_copied(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "3.14", scale=0.4)) == "3.14"
    assert under_the_number(window) == ["3", ".", "1", "4"]  # a button per digit, and the point between them
    assert len(window.result.digit_buttons.buttons()) == 3 and len(window.canvas.boxes()) == 3
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "3.14"

    window.canvas.clear()
    assert under_the_number(window) == []
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "12,5", scale=0.4)) == "12,5"
    assert under_the_number(window) == ["1", "2", ",", "5"]

    window.canvas.clear()  # one digit after a minus is a number too
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "-5", scale=0.4)) == "-5"
    assert under_the_number(window) == ["-", "5"] and len(window.canvas.boxes()) == 1


def test_two_lines_show_as_two_lines_with_a_row_of_digits_each(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "12\n-3", scale=0.3)) == "12\n-3"
    assert under_the_number(window) == ["1", "2", "|", "-", "3"] and len(window.canvas.boxes()) == 3
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "12\n-3"
    for _ in range(2):  # the arrow keys go on from the end of a line to the next line
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.canvas.chosen_box == 2 and window.result.chart.probabilities().argmax() == 3


def test_more_lines_than_fit_scroll_their_rows_of_digits_rather_than_squeeze_them(qtbot, open_window):
    window = open_window()
    written = "120\n3.5\n-77\n2026"
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, written, scale=0.2)) == written
    rows = window.result.number_rows
    qtbot.waitUntil(lambda: rows.widget().height() > rows.height())  # two rows shown, the other two a scroll away
    buttons = window.result.digit_buttons.buttons()
    assert len(buttons) == 11 and all(button.height() >= button.sizeHint().height() for button in buttons)
    for _ in range(10):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    last = buttons[-1]  # the 6 of 2026, scrolled into sight
    assert last.isChecked() and rows.viewport().rect().contains(last.mapTo(rows.viewport(), last.rect().center()))


def under_the_number(window) -> list[str]:
    """What the rows under the number show, left to right and line by line: each digit's button (its digit) and
    each mark, and "|" where a row ends."""
    rows = [window.result.number_digits.itemAt(i).layout() for i in range(window.result.number_digits.count())]
    shown = []
    for row in rows:
        widgets = [row.itemAt(i).widget() for i in range(row.count()) if row.itemAt(i).widget() is not None]
        shown += [widget.text().split("\n")[0] for widget in widgets] + ["|"]
    return shown[:-1]


def test_two_digits_drawn_touching_say_what_they_would_read_with_room_between_them(qtbot, open_window):
    window = open_window()

    def two_touching() -> None:
        draw_digit(window.canvas, 2, scale=0.5, offset=(-0.1, 0.0))
        draw_digit(window.canvas, 6, scale=0.5, offset=(0.1, 0.0))

    assert read_after(qtbot, window, two_touching) == ""  # one piece of ink, not read as a digit
    assert "Not a digit?" in window.result.hint.text() and "they would read 26" in window.result.hint.text()
    assert window.canvas.boxes() == []  # still one drawing, read as one

    window.canvas.clear()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 7)) == "7"
    assert window.result.hint.text() == ""


def test_the_digit_buttons_stay_centred_under_the_number_however_often_it_changes(qtbot, open_window):
    window = open_window()
    for number in ("20", "207", "31", "4059"):
        window.canvas.clear()
        assert read_after(qtbot, window, lambda number=number: draw_number(window.canvas, number, scale=0.4)) == number
    buttons = window.result.digit_buttons.buttons()
    assert len(buttons) == 4
    left_room = buttons[0].mapTo(window.result, QPoint(0, 0)).x()
    right_room = window.result.width() - buttons[-1].mapTo(window.result, QPoint(buttons[-1].width(), 0)).x()
    assert abs(left_room - right_room) <= 2


def test_why_this_reading_shows_the_reasons_of_the_digit_chosen_in_a_number(qtbot, open_window):
    window = open_window()
    result = window.result
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "471", scale=0.5)) == "471"
    qtbot.mouseClick(result.digit_buttons.button(1), Qt.MouseButton.LeftButton)  # the 7
    assert result.why.isEnabled() and result.why_caption.text() == ""

    read_again = lambda: result.why.setChecked(True)  # noqa: E731  (the drawing is read again, with reasons)
    assert read_after(qtbot, window, read_again) == "471"
    assert result.digit_buttons.button(1).isChecked() and window.canvas.chosen_box == 1  # still the 7
    first, second = np.argsort(result.chart.probabilities())[::-1][:2]
    assert first == 7 and result.why_caption.text() == f"red: toward 7, blue: toward {second}"
    assert red_pixels(result.seen) > 0

    qtbot.mouseClick(result.digit_buttons.button(0), Qt.MouseButton.LeftButton)  # the 4: its own reasons
    assert result.why_caption.text().startswith("red: toward 4, blue: toward ")


def red_pixels(view) -> int:
    image = view.grab().toImage()
    colours = [QColor(image.pixel(x, y)) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)]
    return sum(c.red() > c.blue() + 60 and c.red() > c.green() + 60 for c in colours)


def test_the_arrow_keys_go_from_digit_to_digit_of_a_number(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "207", scale=0.5)) == "207"
    chosen = []
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Left):
        qtbot.keyClick(window.canvas, key)
        chosen.append((window.canvas.chosen_box, int(window.result.chart.probabilities().argmax())))
    assert chosen == [(1, 0), (2, 7), (2, 7), (1, 0)]  # it stops at the last digit
    window.pen_width.setFocus()
    qtbot.keyClick(window.pen_width, Qt.Key.Key_Left)  # in the pen's box the arrows move its cursor
    assert window.canvas.chosen_box == 1

    window.canvas.clear()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 4)) == "4"
    qtbot.keyClick(window.canvas, Qt.Key.Key_Left)  # a lone digit: nothing to go to
    assert window.result.chart.probabilities().argmax() == 4
