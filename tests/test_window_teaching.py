"""Teaching the pad your handwriting: say what a drawing is, see your drawings, personalize the model."""

import json

import numpy as np
from conftest import read_after, write_npz
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox

from digitpad import paths
from digitpad.gui.demo import MARK_STROKES, draw_digit, draw_number, draw_strokes
from digitpad.gui.dialogs import ModelChoiceDialog
from digitpad.gui.pixels import image_pixels
from digitpad.model_files import open_predictor
from digitpad.nondigits import SHAPES
from digitpad.numbers import read_number
from digitpad.preprocess import digit_image
from digitpad.samples import list_samples
from digitpad.verdict import Thresholds

RUN_TIMEOUT_MS = 120_000


def kept() -> list[tuple[str, str]]:
    return [(sample.label, sample.file.parent.name) for sample in list_samples()]


def test_a_digit_key_keeps_the_drawing_with_its_label_and_can_be_taken_back(qtbot, open_window):
    window = open_window()
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 7))
    qtbot.keyClick(window, Qt.Key.Key_7)
    [sample] = list_samples()
    assert sample.label == "7" and sample.file.parent == paths.user_data_dir() / "samples" / "7"
    with Image.open(sample.file) as picture:
        assert picture.size == (window.canvas.image().width(), window.canvas.image().height())  # full size
    assert "Kept as 7" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert list_samples() == [] and not sample.file.exists()
    assert window.canvas.can_undo()  # taking the sample back leaves the drawing alone


def test_teaching_a_digit_of_a_number_keeps_that_digit_alone(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "207", scale=0.5)) == "207"
    qtbot.mouseClick(window.result.digit_buttons.button(2), Qt.MouseButton.LeftButton)  # the 7
    qtbot.keyClick(window, Qt.Key.Key_7)
    [sample] = list_samples()
    assert sample.label == "7" and "Kept digit 3 of the number as 7" in window.statusBar().currentMessage()
    with Image.open(sample.file) as picture:
        kept_digit = np.asarray(picture.convert("L"))
    assert kept_digit.shape[1] < window.canvas.image().width() / 2  # not the whole pad
    reading = read_number(kept_digit, open_predictor(paths.shipped_model_path()), Thresholds())
    assert reading.number == "7"  # the 7 alone: no piece of the 0 beside it


def test_after_the_window_is_resized_the_boxes_follow_the_digits_and_teaching_keeps_only_the_one_chosen(
    qtbot, open_window
):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "207", scale=0.5)) == "207"
    qtbot.mouseClick(window.result.digit_buttons.button(2), Qt.MouseButton.LeftButton)  # the 7
    before = window.canvas.size()
    window.resize(window.width() + 200, window.height() + 120)
    qtbot.waitUntil(lambda: window.canvas.size() != before)
    shipped = open_predictor(paths.shipped_model_path())
    read_now = read_number(image_pixels(window.canvas.image()), shipped)
    boxed = [(box.left(), box.top(), box.right(), box.bottom()) for box in window.canvas.boxes()]
    inked = [(x, y, x + width, y + height) for x, y, width, height in (digit.box for digit in read_now.digits)]
    assert len(boxed) == 3 and np.abs(np.subtract(boxed, inked)).max() <= 6 + 3  # round the ink as it is now
    qtbot.keyClick(window, Qt.Key.Key_7)
    [sample] = list_samples()
    with Image.open(sample.file) as picture:
        assert read_number(np.asarray(picture.convert("L")), shipped).number == "7"  # the 7 alone, not "207"


def test_teaching_a_digit_of_the_second_line_keeps_that_digit_alone(qtbot, open_window):
    window = open_window()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "17\n40", scale=0.3)) == "17\n40"
    qtbot.mouseClick(window.result.digit_buttons.button(2), Qt.MouseButton.LeftButton)  # the 4, under the 1
    qtbot.keyClick(window, Qt.Key.Key_4)
    [sample] = list_samples()
    with Image.open(sample.file) as picture:
        kept_digit = np.asarray(picture.convert("L"))
    assert kept_digit.shape[0] < window.canvas.image().height() / 2  # not the 1 above it
    assert read_number(kept_digit, open_predictor(paths.shipped_model_path()), Thresholds()).number == "4"


def test_teaching_a_digit_of_a_number_leaves_out_a_point_tucked_under_it(qtbot, open_window):
    window = open_window()

    def seven_point_five() -> None:
        draw_digit(window.canvas, 7, scale=0.5, offset=(-0.2, 0.0))
        draw_strokes(window.canvas, MARK_STROKES["."], scale=0.5, offset=(-0.13, 0.0))  # under the 7's bar
        draw_digit(window.canvas, 5, scale=0.5, offset=(0.2, 0.0))

    assert read_after(qtbot, window, seven_point_five) == "7.5"
    shipped = open_predictor(paths.shipped_model_path())
    seen = read_number(image_pixels(window.canvas.image()), shipped).digits[0].seen  # the 7 as read: no point
    qtbot.keyClick(window, Qt.Key.Key_7)
    [sample] = list_samples()
    with Image.open(sample.file) as picture:
        kept_digit = digit_image(np.asarray(picture.convert("L")))
    assert np.abs(kept_digit - seen).max() < 0.2


def test_n_says_not_a_digit_and_a_click_on_a_bar_names_the_digit(qtbot, open_window):
    window = open_window()
    read_after(qtbot, window, lambda: draw_strokes(window.canvas, SHAPES["hash"]))
    qtbot.keyClick(window, Qt.Key.Key_N)
    window.canvas.clear()
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 4))
    chart = window.result.chart
    qtbot.mouseClick(
        chart, Qt.MouseButton.LeftButton, pos=chart.rect().center().__class__(chart.width() * 9 // 10 + 5, 10)
    )
    assert sorted(kept()) == [("9", "9"), ("none", "none")]


def test_keys_on_an_empty_pad_keep_nothing(qtbot, open_window):
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_3)
    assert list_samples() == [] and "Draw something first" in window.statusBar().currentMessage()


def test_my_drawings_shows_each_with_its_reading_and_deletes_and_relabels(qtbot, open_window, monkeypatch):
    window = open_window()
    for digit in (1, 7, 7):
        window.canvas.clear()
        read_after(qtbot, window, lambda digit=digit: draw_digit(window.canvas, digit))
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{digit}"))
    window.teacher.drawings_action.trigger()
    dialog = window.teacher.dialog
    qtbot.waitUntil(lambda: all("read" in dialog.gallery.item(i).text() for i in range(3)))
    assert "3 drawings kept" in dialog.counts.text() and "7: 2" in dialog.counts.text()
    assert [dialog.gallery.item(i).text() for i in range(3)] == ["1\nread 1 ✓", "7\nread 7 ✓", "7\nread 7 ✓"]

    dialog.gallery.item(2).setSelected(True)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("1", True))
    dialog.relabel_button.click()  # a 7 kept as a 1: now shown wrong, in its new folder
    qtbot.waitUntil(lambda: any("✗" in dialog.gallery.item(i).text() for i in range(3)))
    assert sorted(kept()) == [("1", "1"), ("1", "1"), ("7", "7")]
    dialog.gallery.item(0).setSelected(True)
    dialog.delete_button.click()
    assert len(list_samples()) == 2 and dialog.gallery.count() == 2


def test_personalize_with_no_drawings_explains_what_to_do(qtbot, open_window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    window = open_window()
    window.personalize_action.trigger()
    assert "press its key" in told[0] and not window.training.running


def test_personalize_teaches_in_the_training_process_and_the_user_chooses(
    qtbot, open_window, small_mnist, tmp_path, monkeypatch
):
    window = open_window()
    window.settings.setValue("train/data", str(write_npz(tmp_path / "small.npz", small_mnist, count=2000)))
    for digit in range(10):
        window.canvas.clear()
        read_after(qtbot, window, lambda digit=digit: draw_digit(window.canvas, digit))
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{digit}"))
    compared = []

    def choose(dialog: ModelChoiceDialog) -> int:
        compared.append(" | ".join(label.text() for label in dialog.findChildren(QLabel)))
        return ModelChoiceDialog.DialogCode.Rejected  # keep the one in use

    monkeypatch.setattr(ModelChoiceDialog, "exec", choose)
    window.personalize_action.trigger()
    assert window.training.running and not window.personalize_action.isEnabled()
    qtbot.waitUntil(lambda: compared != [], timeout=RUN_TIMEOUT_MS)
    [saved] = (paths.user_data_dir() / "trained").glob("model-*.keras")
    card = json.loads(saved.with_suffix(".json").read_text())
    assert card["personalized"]["drawings"] == 10 and card["personalized"]["base_model"] == str(window.model.path)
    assert "Your 10 drawings read right" in compared[0]
    assert window.model.path == paths.shipped_model_path()  # kept the one in use: nothing swapped
