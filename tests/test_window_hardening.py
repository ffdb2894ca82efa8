"""The window never gets stuck: hostile models and settings, a forward pass that fails, late cancels, closing."""

import threading
import time

import pytest
import shiboken6
from conftest import load_from_menu, read_after
from hostile import model_wrong_json, settings_file, tanh_model
from PySide6.QtWidgets import QLabel

from digitpad import paths
from digitpad.evaluation import Evaluation
from digitpad.gui.demo import draw_digit
from digitpad.gui.dialogs import ModelChoiceDialog, ModelDetailsDialog
from digitpad.gui.evaluation_view import EvaluationDialog
from digitpad.gui.main_window import DEFAULT_PEN_WIDTH
from digitpad.gui.training_controller import TrainingController
from digitpad.model_files import ModelInfo, ModelOrigin
from digitpad.training import TrainedModel, TrainingCancelled, TrainingRequest


def test_a_remembered_model_with_a_wrong_shaped_config_falls_back_to_the_next(tmp_path, open_window, error_dialogs):
    paths.user_model_path().parent.mkdir(parents=True)
    model_wrong_json(tmp_path, "list").replace(paths.user_model_path())
    window = open_window()
    assert window.model.origin is ModelOrigin.SHIPPED
    [(title, message)] = error_dialogs
    assert title == "Could not load the model" and "config.json is not a JSON object" in message


def test_a_forward_pass_that_fails_is_said_and_the_pad_reads_again(qtbot, open_window):
    window = open_window()
    reader = window.session.reader
    working = reader._predict
    calls = []

    def fails_once(vectors):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the model's process went away")
        return working(vectors)

    reader._predict = fails_once
    try:
        read_after(qtbot, window, lambda: draw_digit(window.canvas, 3))
        assert "Could not read the drawing" in window.result.confidence.text() and window.result.digit.text() == ""
        window.canvas.clear()
        assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 3)) == "3"
    finally:
        reader._predict = working


@pytest.mark.parametrize("width", ["abc", "999999999999", "-5", ""])
def test_bad_values_in_the_settings_file_fall_back_to_their_defaults(open_window, user_data_dir, width):
    settings_file(
        user_data_dir,
        pen__width=width,
        train__epochs="many",
        train__batch_size="1e9",
        train__recipe="no such recipe",
        window__geometry="not a geometry",
        model__path="@Invalid()",
    )
    window = open_window()
    assert window.pen_width.value() == DEFAULT_PEN_WIDTH and window.canvas.pen_width == DEFAULT_PEN_WIDTH
    request = window.last_training_request()
    assert (request.recipe, request.epochs, request.batch_size) == ("digitpad", None, None)
    assert window.model.origin is ModelOrigin.SHIPPED


def fake_run(monkeypatch, runs: list):
    """Training runs that take ``seconds`` each (no TensorFlow), ending early if their own stop flag is set."""

    def run_in_process(request, on_progress=None, should_stop=None, should_end_now=None):
        ends = time.monotonic() + float(request.recipe)
        while time.monotonic() < ends:
            if should_stop():
                runs.append("cancelled")
                raise TrainingCancelled("cancelled")
            time.sleep(0.005)
        runs.append("finished")
        return TrainedModel(request.out, Evaluation(0.9, 0.1, None), 0.0)

    monkeypatch.setattr("digitpad.gui.workers.run_in_process", run_in_process)


def test_a_cancel_that_lands_after_a_run_ended_does_not_cancel_the_next_run(qtbot, monkeypatch):
    runs = []
    fake_run(monkeypatch, runs)
    controller = TrainingController()
    try:
        with qtbot.waitSignal(controller.trainingFinished):
            controller.start(TrainingRequest("m.keras", recipe="0.01"))
        controller.cancel()  # the user pressed Cancel just as the run ended
        with qtbot.waitSignal(controller.trainingFinished, timeout=5000):
            controller.start(TrainingRequest("m.keras", recipe="0.2"))
        with qtbot.waitSignal(controller.trainingCancelled, timeout=5000):
            controller.start(TrainingRequest("m.keras", recipe="5"))
            qtbot.wait(50)
            controller.cancel()  # and Cancel during a run still works
        assert runs == ["finished", "finished", "cancelled"]
    finally:
        controller.shut_down()


def test_closing_deletes_the_workers_and_stops_their_threads(open_window):
    window = open_window()
    reader, trainer = window.session.reader, window.training.trainer
    window.close()
    assert not window.session.thread.isRunning() and not window.training.thread.isRunning()
    assert not shiboken6.isValid(reader) and not shiboken6.isValid(trainer)


def test_evaluating_twice_keeps_one_evaluation_on_screen(qtbot, open_window, mnist):
    window = open_window()
    shown = []
    for _ in range(2):  # the first evaluation is still open when the second one is asked for
        window.evaluate_action.trigger()
        qtbot.waitUntil(lambda: window.evaluation_dialog is not None and window.evaluation_dialog not in shown)
        shown.append(window.evaluation_dialog)
    qtbot.waitUntil(lambda: len(window.findChildren(EvaluationDialog)) == 1)
    assert window.evaluation_dialog.isVisible()


def test_closing_while_keras_still_loads_a_model_is_quick_and_leaves_no_process(
    qtbot, open_window, tmp_path, monkeypatch
):
    window = open_window()
    load_from_menu(window, monkeypatch, tanh_model(tmp_path))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Loading the model…")
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 3
    # the fixture that opened the window checks that no thread or child process is left


def test_no_thread_of_the_window_is_left_behind_after_many_opens(open_window):
    before = threading.active_count()
    for _ in range(3):
        open_window().close()
    assert threading.active_count() <= before


def test_saving_a_model_into_a_read_only_place_names_the_users_file_in_words(
    open_window, tmp_path, monkeypatch, error_dialogs
):
    import errno
    import shutil

    from PySide6.QtWidgets import QFileDialog

    def read_only(source, partial):
        raise OSError(errno.EROFS, "Read-only file system", str(partial))

    window = open_window()
    monkeypatch.setattr(shutil, "copyfile", read_only)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "mymodel"), ""))
    window.save_model_action.trigger()
    assert error_dialogs == [("Could not save the model", f"{tmp_path / 'mymodel.keras'}: read-only file system.")]


def test_a_settings_file_far_too_large_is_set_aside_and_the_window_opens(open_window, user_data_dir, capsys):
    user_data_dir.mkdir(parents=True)
    (user_data_dir / "settings.ini").write_text("[pen]\nwidth=30\n" + "#" * 200_000 + "\n")
    window = open_window()
    assert window.pen_width.value() == DEFAULT_PEN_WIDTH
    assert (user_data_dir / "settings.ini.too-large").stat().st_size > 200_000  # kept for the user to look at
    assert "not a settings file" in capsys.readouterr().err


def test_a_model_card_edited_by_hand_into_odd_shapes_shows_as_not_known_when_choosing(qtbot, tmp_path):
    odd = {"validation": 5, "recipe": "big", "data": ["mnist"], "test_accuracy": "high", "personalized": {"a": 1}}
    current = ModelInfo(tmp_path / "mine.keras", ModelOrigin.YOURS, odd)
    new = ModelInfo(tmp_path / "new.keras", ModelOrigin.YOURS, {"personalized": {"drawings": "many"}})
    dialog = ModelChoiceDialog(current, new)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert shown.count("not known") == 11  # test and validation accuracy, recipe, data, date of each; drawings before
    assert "<b>Your ? drawings read right</b>" in shown
    about = ModelDetailsDialog(current)  # Model > About the model in use, on the same card
    qtbot.addWidget(about)
    shown = [label.text() for label in about.findChildren(QLabel)]
    assert shown.count("not known") == 5 and "<b>Your ? drawings read right</b>" in shown
