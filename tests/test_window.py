"""The window as a person uses it: draw, see the reading, clear, undo, open pictures, meet errors."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import drop, drop_file, load_from_menu, on_canvas, read_after
from hostile import tanh_model
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from digitpad import paths
from digitpad.data import as_vectors
from digitpad.gui.demo import DIGIT_STROKES, draw_digit, draw_number, draw_strokes
from digitpad.gui.result_panel import OTHER_BAR, TOP_BAR, ProbabilityChart, verdict_text
from digitpad.model_files import ModelOrigin, open_predictor
from digitpad.nondigits import SHAPES
from digitpad.verdict import Verdict, percent


def test_the_window_opens_with_the_shipped_model_and_asks_for_a_digit(shipped_accuracy, open_window):
    window = open_window()
    assert window.windowTitle() == "digitpad" and not window.windowIcon().isNull()
    assert window.model.origin is ModelOrigin.SHIPPED
    assert f"shipped model, {shipped_accuracy:.2%} on the MNIST test set" in window.model_label.text()
    assert window.canvas.is_empty() and window.result.digit.text() == ""
    assert "Draw a digit" in window.result.confidence.text()
    # The status bar says what to do, not again which model the label beside it names.
    assert window.statusBar().currentMessage().startswith("Ready: draw a digit")


@pytest.mark.parametrize("digit", range(10))
def test_a_digit_drawn_with_the_mouse_is_read(qtbot, open_window, digit):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, digit)) == str(digit), (
        window.result.confidence.text()
    )
    probabilities = window.result.chart.probabilities()
    assert probabilities.argmax() == digit and probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert window.result.confidence.text().endswith("% sure")
    assert window.result.seen._image is not None  # "what the model sees" shows the 28x28 input


def test_small_and_off_centre_drawings_are_read_too(qtbot, open_window):
    window = open_window()
    draw = lambda: draw_digit(window.canvas, 2, scale=0.3, offset=(-0.3, 0.3))  # noqa: E731
    assert read_after(qtbot, window, draw) == "2"


def test_while_the_pen_moves_only_the_newest_drawing_is_read(qtbot, open_window):
    window = open_window()
    sent = []
    window.scheduler.readRequested.connect(lambda rid, _: sent.append(rid))
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 8)) == "8"
    # Hundreds of mouse moves, but one drawing in flight at a time and only the newest one queued behind it.
    assert 1 <= len(sent) <= 2 and sent[-1] == window.scheduler.latest_request


def test_undo_takes_back_the_last_stroke_and_clear_wipes_the_pad(qtbot, open_window):
    window = open_window()
    undo = lambda: qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # noqa: E731
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 4)) == "4"  # two strokes
    assert read_after(qtbot, window, undo) != "4"
    assert window.canvas.can_undo() and not window.canvas.is_empty()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 4)) == "4"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.canvas.is_empty() and window.undo_action.isEnabled()
    assert window.result.digit.text() == "" and "Draw a digit" in window.result.confidence.text()
    assert read_after(qtbot, window, undo) == "4"  # a Clear by mistake is taken back too
    for _ in range(4):  # the two strokes of the first 4, one left of the second, then the second's own
        undo()
    assert window.canvas.is_empty() and not window.undo_action.isEnabled()
    window.pen_width.setFocus()  # after changing the pen, Delete still clears the pad, not the pen width
    qtbot.keyClicks(window.pen_width, "2")
    qtbot.keyClick(window.pen_width, Qt.Key.Key_Return)
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 7)) == "7"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Delete)
    assert window.canvas.is_empty()


@pytest.mark.parametrize("shape", ["A", "question", "smiley", "hash", "five and seven"])
def test_a_drawing_that_is_not_a_digit_is_not_read_as_one(qtbot, open_window, shape):
    window = open_window()

    def draw() -> None:
        if shape == "five and seven":  # two digits drawn over each other
            draw_digit(window.canvas, 5)
            draw_digit(window.canvas, 7)
        else:
            draw_strokes(window.canvas, SHAPES[shape])

    read_after(qtbot, window, draw)
    result = window.result
    assert result.digit.text() == "" and result.confidence.text() == ""  # no digit shown large
    assert result.hint.text() == "Not a digit?" or result.hint.text().startswith("Not sure: ")
    assert result.chart.greyed == (result.hint.text() == "Not a digit?")


def test_a_dot_is_not_read_as_a_digit(qtbot, open_window):
    window = open_window()
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 1, scale=0.01))
    assert window.result.digit.text() == "" and "only a dot" in window.result.confidence.text()


def test_the_drawing_survives_a_resize(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 5)) == "5"
    window.resize(1100, 760)
    qtbot.waitUntil(lambda: window.canvas.width() > 500)
    assert read_after(qtbot, window, window.scheduler.read_now) == "5"
    assert window.canvas.image().width() == round(window.canvas.width() * window.canvas.devicePixelRatioF())


def test_mnist_test_digits_dropped_on_the_window_are_read(qtbot, open_window, mnist, tmp_path):
    window = open_window()
    wrong = []
    for i in range(20):
        picture = tmp_path / f"{i}.png"
        on_canvas(mnist.x_test[i], (300, 200), (40 + 5 * i, 10, 160), dark_ink=i % 2 == 1).save(picture)
        read_after(qtbot, window, lambda picture=picture: drop_file(window, picture))
        if window.result.chart.probabilities().argmax() != mnist.y_test[i]:
            wrong.append(i)
    assert wrong == []  # the shipped model reads 98.4 % of such canvases; these first 20 all right


def test_several_files_dropped_at_once_read_the_first_and_say_so(qtbot, open_window, mnist, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl

    window = open_window()
    pictures = []
    for i in range(3):
        pictures.append(tmp_path / f"digit-{i}.png")
        on_canvas(mnist.x_test[i], (200, 200), (20, 20, 160), dark_ink=True).save(pictures[-1])
    several = QMimeData()
    several.setUrls([QUrl.fromLocalFile(str(picture)) for picture in pictures])
    assert read_after(qtbot, window, lambda: drop(window, several)) == str(mnist.y_test[0])
    assert window.statusBar().currentMessage() == "Reading digit-0.png, the first of the 3 files"
    read_after(qtbot, window, lambda: drop_file(window, pictures[1]))  # one file: nothing more said
    assert window.statusBar().currentMessage() == "Reading digit-1.png"


def test_a_picture_put_over_a_drawing_is_taken_back_by_undo(qtbot, open_window, mnist, tmp_path):
    window = open_window()
    picture = tmp_path / "two.png"
    on_canvas(mnist.x_test[1], (300, 200), (60, 10, 160), dark_ink=True).save(picture)
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 8)) == "8"
    assert read_after(qtbot, window, lambda: drop_file(window, picture)) == str(mnist.y_test[1]) == "2"
    undo = lambda: qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # noqa: E731
    assert read_after(qtbot, window, undo) == "8"


def test_a_file_that_is_not_a_picture_gets_a_clear_error_and_the_pad_goes_on(
    qtbot, open_window, tmp_path, error_dialogs
):
    window = open_window()
    fake = tmp_path / "digit.png"
    fake.write_text("this is not a picture")
    drop_file(window, fake)
    qtbot.waitUntil(lambda: error_dialogs != [])
    [(title, message)] = error_dialogs
    assert title == "Could not open the picture" and message.startswith(f"{fake}: not a picture digitpad can read (")
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 7)) == "7"


def test_saving_the_drawing_writes_a_png(qtbot, open_window, tmp_path, monkeypatch):
    from PIL import Image
    from PySide6.QtWidgets import QFileDialog

    window = open_window()
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 3))
    target = tmp_path / "drawings" / "mine.png"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.pictures.save_drawing_action.trigger()
    with Image.open(target) as saved:
        ratio = window.canvas.devicePixelRatioF()  # saved at the screen's pixel density
        assert saved.size == (round(window.canvas.width() * ratio), round(window.canvas.height() * ratio))
    assert [p.name for p in target.parent.iterdir()] == ["mine.png"]  # and no partial file beside it
    assert window.statusBar().currentMessage() == "Saved mine.png"


def test_a_drawing_is_offered_as_what_it_reads_in_the_folder_saved_to_last(qtbot, open_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    offered = []

    def choose(name):
        def dialog(parent, caption, suggested, *args, **kwargs):
            offered.append(suggested)
            return str(name), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
        window.pictures.save_drawing_action.trigger()

    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "207", scale=0.5)) == "207"
    choose(tmp_path / "my.sketch")
    assert offered[-1] == str(Path.home() / "207.png") and (tmp_path / "my.sketch.png").is_file()

    window.canvas.clear()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 4)) == "4"
    choose(tmp_path / "four.PNG")
    assert offered[-1] == str(tmp_path / "4.png") and (tmp_path / "four.PNG").is_file()

    window.canvas.clear()  # two lines: a space between them in the name, never a line break
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "12\n34", scale=0.3)) == "12\n34"
    choose(tmp_path / "lines.png")
    assert offered[-1] == str(tmp_path / "12 34.png")


def test_a_damaged_model_of_yours_falls_back_to_the_shipped_one(open_window, error_dialogs):
    paths.user_model_path().parent.mkdir(parents=True)
    paths.user_model_path().write_bytes(b"PK\x03\x04 not really a model")
    window = open_window()
    assert window.model.origin is ModelOrigin.SHIPPED
    [(title, message)] = error_dialogs
    assert title == "Could not load the model" and "model.keras: not a readable Keras model" in message
    assert paths.user_model_path().read_bytes() == b"PK\x03\x04 not really a model"  # left for the user to see


def test_loading_a_damaged_model_keeps_the_one_in_use(qtbot, open_window, tmp_path, error_dialogs, monkeypatch):
    window = open_window()
    broken = tmp_path / "broken.keras"
    broken.write_bytes(b"")
    load_from_menu(window, monkeypatch, broken)
    qtbot.waitUntil(lambda: error_dialogs != [])
    assert window.model.origin is ModelOrigin.SHIPPED
    assert "not a readable Keras model" in error_dialogs[0][1] and "shipped model" in error_dialogs[0][1]
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 0)) == "0"


def test_evaluate_shows_accuracy_and_the_confusion_matrix(shipped_accuracy, qtbot, open_window, mnist):
    window = open_window()
    window.evaluate_action.trigger()
    qtbot.waitUntil(lambda: window.evaluation_dialog is not None, timeout=30_000)
    table = window.evaluation_dialog.table
    counts = np.array([[int(table.item(r, c).text()) for c in range(10)] for r in range(10)])
    assert counts.sum() == len(mnist.y_test) and np.trace(counts) / counts.sum() == pytest.approx(
        shipped_accuracy, abs=1e-4
    )
    assert window.evaluation_dialog.isVisible()


def test_clicking_a_confusion_cell_shows_its_test_digits_with_their_readings(qtbot, open_window, mnist):
    window = open_window()
    window.evaluate_action.trigger()
    qtbot.waitUntil(lambda: window.evaluation_dialog is not None, timeout=30_000)
    dialog = window.evaluation_dialog
    gallery = dialog.gallery
    read = open_predictor(window.model.path)(as_vectors(mnist.x_test))

    def shown() -> list[int]:
        return [gallery.item(row).data(Qt.ItemDataRole.UserRole) for row in range(gallery.count())]

    # It opens on the mistakes the model was surest of: all wrong, surest first.
    surest = shown()
    assert surest and all(read[i].argmax() != mnist.y_test[i] for i in surest)
    assert [read[i].max() for i in surest] == sorted((read[i].max() for i in surest), reverse=True)
    assert read[surest[0]].max() >= np.max(read.max(axis=1)[read.argmax(axis=1) != mnist.y_test]) - 1e-6

    cell = dialog.table.visualItemRect(dialog.table.item(4, 9)).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    fours_read_as_nine = shown()
    assert len(fours_read_as_nine) == int(dialog.table.item(4, 9).text()) > 0
    for index in fours_read_as_nine:
        assert mnist.y_test[index] == 4 and read[index].argmax() == 9
    first = gallery.item(0)
    assert first.text() == f"4 → 9\n{percent(read[fours_read_as_nine[0]].max())}"
    assert "a 4 read as 9" in first.toolTip() and "4 read as 9" in dialog.gallery_title.text()


def test_evaluating_on_bad_data_is_a_clear_error(qtbot, open_window, tmp_path, error_dialogs, monkeypatch):
    bad = tmp_path / "mnist.npz"
    bad.write_bytes(b"garbage")
    window = open_window()
    window.settings.setValue("train/data", str(bad))
    window.evaluate_action.trigger()
    qtbot.waitUntil(lambda: error_dialogs != [])
    assert error_dialogs[0][0] == "Could not evaluate the model" and str(bad) in error_dialogs[0][1]


def test_the_chart_draws_the_probabilities_it_was_given(qtbot):
    chart = ProbabilityChart()
    qtbot.addWidget(chart)
    chart.resize(400, 220)
    probabilities = np.array([0.0, 0.05, 0.0, 0.6, 0.0, 0.3, 0.0, 0.0, 0.05, 0.0])
    chart.set_probabilities(probabilities)
    image = chart.grab().toImage()
    heights = []
    for digit in range(10):
        x = int((digit + 0.5) * image.width() / 10)
        colours = [QColor(image.pixel(x, y)).rgb() for y in range(image.height())]
        heights.append(sum(colour in (TOP_BAR.rgb(), OTHER_BAR.rgb()) for colour in colours))
        if digit in (3, 5):
            assert TOP_BAR.rgb() in colours if digit == 3 else TOP_BAR.rgb() not in colours
    ratio = chart.devicePixelRatioF()
    assert heights[3] == pytest.approx(2 * heights[5], abs=2 * ratio)
    assert heights[5] == pytest.approx(6 * heights[1], abs=2 * ratio)
    assert heights[0] <= ratio


def test_the_verdict_decides_what_the_panel_says():
    sure, unsure, flat = np.eye(10)[7], np.array([0, 0, 0, 0, 0.55, 0, 0, 0, 0, 0.45]), np.full(10, 0.1)
    assert verdict_text(sure, Verdict.DIGIT) == ("7", ">99.9% sure", "")  # never "100%": it is a probability
    assert verdict_text(unsure, Verdict.UNSURE) == ("", "", "Not sure: 4 or 9 (55% / 45%)")
    assert verdict_text(flat, Verdict.NOT_A_DIGIT) == ("", "", "Not a digit?")


@pytest.mark.parametrize("model", ["shipped", "only Keras reads"])
def test_the_window_reads_drawings_without_ever_importing_tensorflow(tmp_path, model):
    """TensorFlow takes seconds to import and stalls every thread meanwhile: the window must not need it,
    not even for a model only Keras can read (that one is read in a child process)."""
    if model != "shipped":
        (tmp_path / "home").mkdir()
        tanh_model(tmp_path).replace(tmp_path / "home" / paths.MODEL_FILE)
    script = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from digitpad.gui.settings import open_settings
from digitpad.gui.demo import DIGIT_STROKES, draw_digit, draw_number, draw_strokes
from digitpad.gui.main_window import MainWindow
app = QApplication([])
window = MainWindow(open_settings())
window.show()
while window.model is None or window.result.chart.probabilities() is None:
    if window.model is not None and window.canvas.is_empty():
        draw_digit(window.canvas, 7)
    app.processEvents()
read = window.result.chart.probabilities().argmax()
print(window.model.origin.value, read, "tensorflow" in sys.modules, "keras" in sys.modules)
window.close()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIGITPAD_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    origin, digit, tensorflow, keras = done.stdout.split()
    assert origin == ("shipped" if model == "shipped" else "yours") and digit.isdigit()
    assert model != "shipped" or digit == "7"
    assert (tensorflow, keras) == ("False", "False")


def test_the_pen_width_and_the_model_in_use_are_remembered(qtbot, open_window, tmp_path, monkeypatch):
    from shutil import copyfile

    mine = tmp_path / "mine.keras"
    copyfile(paths.shipped_model_path(), mine)
    window = open_window()
    window.pen_width.setValue(30)
    load_from_menu(window, monkeypatch, mine)
    qtbot.waitUntil(lambda: window.model.origin is ModelOrigin.FILE)
    window.close()
    again = open_window()
    assert again.pen_width.value() == 30 and again.canvas.pen_width == 30
    assert again.model.path == mine and "mine.keras" in again.model_label.text()


def test_save_model_as_copies_it_and_reset_returns_to_the_shipped_model(
    shipped_accuracy, qtbot, open_window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    window = open_window()
    target = tmp_path / "saved" / "copy.keras"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.save_model_action.trigger()
    assert target.read_bytes() == paths.shipped_model_path().read_bytes()
    assert target.with_suffix(".json").read_text() == paths.shipped_model_path().with_suffix(".json").read_text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(target), ""))
    window.load_action.trigger()
    qtbot.waitUntil(lambda: window.model.origin is ModelOrigin.FILE)
    assert f"copy.keras, {shipped_accuracy:.2%} on the MNIST test set" in window.model_label.text()
    assert window.statusBar().currentMessage().startswith("Now using copy.keras")
    window.reset_action.trigger()
    qtbot.waitUntil(lambda: window.model.origin is ModelOrigin.SHIPPED)


def test_a_tablet_pen_draws_and_its_eraser_end_erases(qtbot, open_window):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    from PySide6.QtWidgets import QApplication

    def pen(end: QPointingDevice.PointerType) -> QPointingDevice:
        return QPointingDevice(
            "test pen", 1, QInputDevice.DeviceType.Stylus, end,
            QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 1,
        )  # fmt: skip

    window = open_window()
    canvas = window.canvas
    x = canvas.width() / 2

    def stroke(device: QPointingDevice) -> None:
        for i, kind in enumerate(
            [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * 60 + [QEvent.Type.TabletRelease]
        ):
            point = QPointF(x, canvas.height() * (0.2 + 0.6 * min(i, 60) / 60))
            held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
            event = QTabletEvent(
                kind, device, point, canvas.mapToGlobal(point), 0.8, 0.0, 0.0, 0.0, 0.0, 0.0,
                Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, held,
            )  # fmt: skip
            QApplication.sendEvent(canvas, event)

    assert read_after(qtbot, window, lambda: stroke(pen(QPointingDevice.PointerType.Pen))) == "1"
    stroke(pen(QPointingDevice.PointerType.Eraser))  # the pen turned over, along the same line
    assert canvas.is_empty() and "Draw a digit" in window.result.confidence.text()


STRAY_ONE = {"scale": 0.4, "offset": (0.35, 0.0)}  # a small 1 right of the 0 below, as if by mistake
RUB_EVERYTHING = [[(x, y / 20) for y in range(-11, 12) for x in ((-0.6, 0.6) if y % 2 else (0.6, -0.6))]]


def draw_a_zero_and_a_stray_one(qtbot, window) -> None:
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 0, scale=0.6, offset=(-0.1, 0.0)))
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 1, **STRAY_ONE)) == "01"


def test_the_right_button_erases_a_stray_mark_and_undo_brings_it_back(qtbot, open_window):
    window = open_window()
    canvas = window.canvas
    right = Qt.MouseButton.RightButton
    draw_strokes(canvas, [[(-0.45, -0.45)]], button=right)  # on an empty pad: nothing to erase, nothing done
    assert canvas.is_empty() and not canvas.can_undo()
    draw_a_zero_and_a_stray_one(qtbot, window)
    shapes = []  # of the cursor, while the eraser rubs and after
    canvas.drawingChanged.connect(lambda: shapes.append(canvas.cursor().shape()))
    assert read_after(qtbot, window, lambda: draw_strokes(canvas, DIGIT_STROKES[1], button=right, **STRAY_ONE)) == "0"
    assert set(shapes) == {Qt.CursorShape.BitmapCursor} and canvas.cursor().shape() == Qt.CursorShape.CrossCursor
    assert read_after(qtbot, window, window.undo_action.trigger) == "01"
    draw_strokes(canvas, RUB_EVERYTHING, button=right)  # one rub over the whole pad
    assert canvas.is_empty() and not window.pictures.save_drawing_action.isEnabled()
    assert "Draw a digit" in window.result.confidence.text()
    assert read_after(qtbot, window, window.undo_action.trigger) == "01"


def test_the_eraser_tool_lets_the_left_button_erase_until_the_pad_is_empty(qtbot, open_window):
    window = open_window()
    canvas, eraser = window.canvas, window.eraser_action
    assert not eraser.isEnabled()  # nothing to erase yet
    draw_a_zero_and_a_stray_one(qtbot, window)
    qtbot.keyClick(canvas, Qt.Key.Key_E)  # as from a touch screen, which has no right button
    assert eraser.isChecked() and canvas.cursor().shape() == Qt.CursorShape.BitmapCursor
    assert read_after(qtbot, window, lambda: draw_digit(canvas, 1, **STRAY_ONE)) == "0"
    draw_strokes(canvas, RUB_EVERYTHING)
    assert canvas.is_empty() and not eraser.isChecked() and not eraser.isEnabled()  # the next stroke draws
    assert canvas.cursor().shape() == Qt.CursorShape.CrossCursor
    assert read_after(qtbot, window, lambda: draw_digit(canvas, 7)) == "7"


def test_undo_goes_back_a_bounded_number_of_steps(qtbot, open_window, monkeypatch):
    from digitpad.gui import canvas

    monkeypatch.setattr(canvas, "UNDO_STEPS", 3)
    window = open_window()
    for _ in range(3):
        draw_strokes(window.canvas, SHAPES["plus"])  # two strokes each
    for _ in range(3):
        window.undo_action.trigger()
    assert not window.canvas.is_empty() and not window.undo_action.isEnabled()  # three strokes left, no step back
