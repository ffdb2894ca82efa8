"""What a new user ran into, each seen as they saw it: the hint under the first stroke, time left, a hidden
progress view, a long outcome, a bad data path remembered, TensorFlow's chatter, the pad's focus."""

import subprocess
import sys
import time

import numpy as np
from conftest import read_after
from PySide6.QtGui import QColor

from digitpad.evaluation import Evaluation
from digitpad.gui import dialogs
from digitpad.gui.canvas import HINT
from digitpad.gui.curves import TRAINING_COLOUR, VALIDATION_COLOUR
from digitpad.gui.demo import draw_digit, draw_strokes
from digitpad.gui.dialogs import ModelChoiceDialog, TrainingProgressView
from digitpad.training import EpochResult, TrainedModel, TrainingFailed, TrainingProgress
from digitpad.verdict import percent


def colours(widget) -> set[int]:
    image = widget.grab().toImage()
    return {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_the_hint_goes_away_with_the_first_stroke_even_far_from_it(qtbot, open_window):
    window = open_window()
    assert HINT.rgb() in colours(window.canvas)
    draw_strokes(window.canvas, [[(-0.45, -0.45), (-0.4, -0.4)]])  # a short stroke in a corner
    qtbot.wait(50)
    assert HINT.rgb() not in colours(window.canvas)


def test_the_pad_shows_when_it_has_the_keyboard(qtbot, open_window):
    window = open_window()
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    highlight = window.canvas.palette().color(window.canvas.palette().ColorRole.Highlight).rgb()
    image = window.canvas.grab().toImage()
    assert QColor(image.pixel(1, image.height() // 2)).rgb() == highlight
    window.pen_width.setFocus()
    qtbot.waitUntil(lambda: not window.canvas.hasFocus())
    assert QColor(window.canvas.grab().toImage().pixel(1, image.height() // 2)).rgb() != highlight


def test_time_left_counts_from_the_first_batch_not_from_tensorflows_import(qtbot, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(dialogs.time, "monotonic", lambda: clock[0])
    view = TrainingProgressView()
    qtbot.addWidget(view)
    view.start("Training")
    clock[0] += 40.0  # TensorFlow's import and the data: 40 s before the first batch
    view.show_progress(TrainingProgress(1, 3, 14, 154, 0.5, 0.8))
    assert "starting…" in view.details.text()
    clock[0] += 10.0  # then 154 batches of the 448 left, in 10 s: 294 batches take 19 s more
    view.show_progress(TrainingProgress(2, 3, 14, 154, 0.3, 0.9))
    assert view.details.text().endswith("about 19 s left"), view.details.text()


def test_a_long_outcome_wraps_so_the_saved_path_is_seen(qtbot):
    view = TrainingProgressView()
    qtbot.addWidget(view)
    view.start("Training")
    long = (
        "Done: the new model reads 94.77% of the MNIST test set right. It was saved as /" + "folder/" * 30 + "m.keras."
    )
    view.finish(long)
    view.resize(460, 200)
    assert view.details.wordWrap() and view.details.text() == long


def fake_run(monkeypatch, outcome):
    def run_in_process(request, on_progress=None, should_stop=None, should_end_now=None):
        time.sleep(0.2)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr("digitpad.gui.workers.run_in_process", run_in_process)


def test_a_hidden_progress_view_comes_back_from_the_menu_and_when_the_run_ends(
    qtbot, open_window, monkeypatch, tmp_path, error_dialogs
):
    window = open_window()
    fake_run(monkeypatch, TrainingFailed("Training failed: no luck."))
    assert not window.show_training_action.isEnabled()  # nothing to show yet
    window.start_training(window.last_training_request(), "Training.")
    window.progress_view.hide()  # Esc, or its Hide button
    assert window.show_training_action.isEnabled()
    window.show_training_action.trigger()
    assert window.progress_view.isVisible()
    window.progress_view.hide()
    qtbot.waitUntil(lambda: not window.training.running)
    assert window.progress_view.isVisible() and "no luck" in window.progress_view.details.text()


def test_a_data_path_that_failed_is_not_offered_again(qtbot, open_window, monkeypatch, tmp_path, error_dialogs):
    from digitpad.gui.dialogs import RetrainDialog

    window = open_window()
    before = window.last_training_request().data

    def answer(dialog):
        dialog.data.setText(str(tmp_path / "no-such-mnist.npz"))
        return RetrainDialog.DialogCode.Accepted

    monkeypatch.setattr(RetrainDialog, "exec", answer)
    fake_run(monkeypatch, TrainingFailed("no such file"))
    window.retrain_action.trigger()
    qtbot.waitUntil(lambda: not window.training.running)
    assert window.last_training_request().data == before

    fake_run(monkeypatch, TrainedModel(str(tmp_path / "m.keras"), Evaluation(0.9, 0.1, np.eye(10)), 1.0))
    monkeypatch.setattr(ModelChoiceDialog, "exec", lambda dialog: ModelChoiceDialog.DialogCode.Rejected)
    window.retrain_action.trigger()
    qtbot.waitUntil(lambda: not window.training.running)
    assert window.last_training_request().data == str(tmp_path / "no-such-mnist.npz")  # it worked this time


def test_tensorflows_start_up_chatter_stays_off_the_terminal(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import digitpad.model"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for noise in ("absl::InitializeLog", "oneDNN", "cuda"):
        assert noise not in done.stderr


def test_opened_for_the_first_time_on_a_small_screen_the_window_takes_most_of_it(qtbot, open_window):
    window = open_window(size=None)
    room = window.screen().availableGeometry()  # offscreen: 800x800, where two thirds would squeeze the pad
    assert window.width() == min(window.sizeHint().width(), round(0.9 * room.width())) > room.width() * 2 / 3
    assert window.height() == min(window.sizeHint().height(), round(0.9 * room.height()))
    assert window.canvas.width() >= 0.5 * window.canvas.height()


def test_what_the_model_sees_fits_a_short_window_and_grows_in_a_tall_one(qtbot, open_window):
    window = open_window()
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 3))
    seen = window.result.seen
    for size, grows in (((642, 454), False), ((1280, 454), False), ((1100, 1000), True)):
        window.resize(*size)
        qtbot.waitUntil(lambda size=size: window.width() == size[0])
        qtbot.wait(50)
        square = seen.square()
        bottom = seen.mapTo(window, square.bottomRight().toPoint()).y()
        assert bottom <= window.centralWidget().geometry().bottom()  # every row of the 28x28 image is on screen
        assert (square.width() > seen.SIDE) == grows, (size, square.width())


def test_about_the_model_in_use_says_what_it_is_how_it_was_made_and_where_its_file_is(qtbot, open_window):
    from PySide6.QtWidgets import QLabel

    from digitpad.gui.dialogs import ModelDetailsDialog

    window = open_window()
    model = window.model
    window.model_details_action.trigger()
    qtbot.waitUntil(lambda: window.findChildren(ModelDetailsDialog) != [])
    [shown] = window.findChildren(ModelDetailsDialog)
    texts = [label.text() for label in shown.findChildren(QLabel)]
    card = model.card
    for fact in (
        "the shipped model",
        f"{model.test_accuracy:.2%}",
        card["recipe"]["name"],
        card["data"],
        card["trained"],
    ):
        assert fact in texts, fact
    assert f"File: {model.path}" in texts and any("1,024 units" in text for text in texts)  # the recipe in words
    shown.close()
    qtbot.waitUntil(lambda: window.findChildren(ModelDetailsDialog) == [])  # gone once closed: none pile up


def test_help_explains_the_pad_and_lists_every_shortcut(qtbot, open_window):
    from digitpad.gui.dialogs import HelpDialog

    window = open_window()
    window.help_action.trigger()
    qtbot.waitUntil(lambda: window.findChildren(HelpDialog) != [])
    [shown] = window.findChildren(HelpDialog)
    text = shown.text.text()
    assert "Not a digit?" in text
    for what in (
        "Retrain",
        "Undo",
        "Copy reading",
        "Paste picture",
        "Show training",
        "Clear",
        "Load model",
        "How to use digitpad",
    ):
        assert what in text
    assert "Ctrl+Z" in text and "Esc" in text and "F1" in text
    in_order = ["Open image", "Undo", "Paste picture", "That's a 0 … 9", "Retrain", "How to use digitpad", "Next digit"]
    assert "That's a 5" not in text  # the ten digit keys are one line
    assert [text.index(what) for what in in_order] == sorted(text.index(what) for what in in_order)  # as the menus
    # All of it within reach on a short screen (offscreen: 800x600): the dialog fits and its text scrolls.
    assert shown.frameGeometry().height() <= shown.screen().availableGeometry().height()
    assert shown.text.height() >= shown.text.heightForWidth(shown.text.width())
    assert shown.scroll.verticalScrollBar().maximum() > 0


def test_about_names_the_versions_in_use(open_window, monkeypatch):
    import PySide6
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window = open_window()
    window.about_action.trigger()
    assert f"PySide6 {PySide6.__version__}" in shown[0] and "the shipped model" in shown[0]


def test_why_this_reading_colours_the_pixels_that_pushed_each_way(qtbot, open_window):
    window = open_window()
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 7))
    result = window.result
    first, second = np.argsort(result.chart.probabilities())[::-1][:2]

    def reds_and_blues() -> tuple[int, int]:
        image = result.seen.grab().toImage()
        pixels = [QColor(image.pixel(x, y)) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)]
        return (
            sum(c.red() > c.blue() + 60 and c.red() > c.green() + 60 for c in pixels),
            sum(c.blue() > c.red() + 60 and c.blue() > c.green() + 60 for c in pixels),
        )

    assert reds_and_blues() == (0, 0) and result.why.isEnabled()  # plain gray until asked
    result.why.setChecked(True)  # the reader gives reasons only from now on: the drawing is read again
    qtbot.waitUntil(lambda: reds_and_blues()[0] > 0)
    red, blue = reds_and_blues()
    assert red > 0 and red > blue  # the drawing pushes mostly toward what it is read as
    assert result.why_caption.isVisible() and result.why_caption.text() == f"red: toward {first}, blue: toward {second}"


def test_the_training_curves_draw_each_finished_epoch_and_keep_the_last_run(qtbot):
    view = TrainingProgressView()
    qtbot.addWidget(view)
    view.start("Training")
    assert not view.curves.isVisibleTo(view)  # nothing to draw before the first epoch ends
    blank = view.curves.grab().toImage()
    first = EpochResult(1, loss=0.9, accuracy=0.70, validation_loss=0.5, validation_accuracy=0.85)
    second = EpochResult(2, loss=0.6, accuracy=0.82, validation_loss=0.3, validation_accuracy=0.91)
    view.show_progress(TrainingProgress(2, 3, 5, 10, 0.6, 0.8, history=(first, second)))
    drawn = view.curves.grab().toImage()
    assert drawn != blank and view.curves.isVisibleTo(view)

    def has(colour: QColor) -> bool:
        return any(
            QColor(drawn.pixel(x, y)) == colour for x in range(drawn.width()) for y in range(0, drawn.height(), 2)
        )

    assert has(TRAINING_COLOUR) and has(VALIDATION_COLOUR)
    view.finish("Done.")
    assert view.curves.history == (first, second)  # the finished run's curves stay
    view.start("Training again")
    assert view.curves.history == ()


def test_a_screen_reader_is_told_what_the_pad_and_the_bars_are_and_what_the_bars_say(qtbot, open_window):
    window = open_window()
    assert window.canvas.accessibleName() == "Drawing pad" and window.result.chart.accessibleDescription() == ""
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 3)) == "3"
    said = window.result.chart.accessibleDescription().split(", ")
    probabilities = window.result.chart.probabilities()
    assert len(said) == 10 and said[0] == f"3: {percent(probabilities[3])}"  # the likeliest first
    assert sorted(entry.split(":")[0] for entry in said) == [str(d) for d in range(10)]
    window.canvas.clear()
    qtbot.waitUntil(lambda: window.result.chart.accessibleDescription() == "")


def test_dialogs_open_within_a_short_laptop_screen(qtbot, open_window, monkeypatch):
    from PySide6.QtCore import QRect

    from digitpad.gui.dialogs import HelpDialog
    from digitpad.gui.evaluation_view import EvaluationDialog
    from digitpad.gui.samples_view import MyDrawingsDialog

    class Laptop:  # a 1366x768 screen, less a panel
        @staticmethod
        def availableGeometry() -> QRect:
            return QRect(0, 0, 1366, 768 - 32)

    laptop = Laptop.availableGeometry()
    window = open_window()
    evaluation = Evaluation(0.99, 0.03, np.eye(10, dtype=int))
    opened = [
        lambda: EvaluationDialog(evaluation, np.zeros((0, 28, 28), np.uint8), "data", "model", window),
        lambda: MyDrawingsDialog(window),
        lambda: HelpDialog(window.shortcuts(), window),
    ]
    for dialog_class, open_it in zip((EvaluationDialog, MyDrawingsDialog, HelpDialog), opened, strict=True):
        monkeypatch.setattr(
            dialog_class, "screen", lambda self: type("Screen", (), {"availableGeometry": lambda: laptop})
        )
        dialog = open_it()
        qtbot.addWidget(dialog)
        assert dialog.height() <= 0.9 * laptop.height() and dialog.width() <= laptop.width(), dialog_class
