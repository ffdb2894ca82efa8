"""Training from the window: real runs on real MNIST in a child process, while the pad keeps reading."""

import json
import multiprocessing
import time

import pytest
from conftest import answer_message_boxes, read_after, write_npz
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from digitpad import paths
from digitpad.gui.demo import draw_digit
from digitpad.gui.dialogs import ModelChoiceDialog, RetrainDialog
from digitpad.model_files import ModelOrigin

RUN_TIMEOUT_MS = 120_000  # a child process imports TensorFlow (seconds) before its first batch


@pytest.fixture
def small_data(small_mnist, tmp_path) -> str:
    return str(write_npz(tmp_path / "small.npz", small_mnist, count=2000))


@pytest.fixture
def retrain_dialog_answers(monkeypatch):
    """Fill in the Retrain dialog as a person would and press Train, when the window opens it."""

    def answer(recipe: str, epochs: int, data: str, batch_size: int = 128) -> None:
        def exec_(dialog: RetrainDialog) -> int:
            dialog.recipe.setCurrentIndex(dialog.recipe.findData(recipe))
            dialog.epochs.setValue(epochs)
            dialog.batch_size.setValue(batch_size)
            dialog.data.setText(data)
            return RetrainDialog.DialogCode.Accepted

        monkeypatch.setattr(RetrainDialog, "exec", exec_)

    return answer


def files_in_user_folder() -> list[str]:
    folder = paths.user_data_dir()
    return sorted(p.name for p in folder.iterdir() if p.suffix != ".ini") if folder.is_dir() else []


@pytest.mark.parametrize("choice", ["the new one", "the one in use"])
def test_a_finished_run_shows_both_models_and_the_user_keeps_either(
    qtbot, open_window, small_data, retrain_dialog_answers, monkeypatch, choice, shipped_accuracy
):
    window = open_window()
    retrain_dialog_answers("reference", epochs=2, data=small_data)
    compared = []

    def choose(dialog: ModelChoiceDialog) -> int:
        compared.append(" | ".join(label.text() for label in dialog.findChildren(QLabel)))
        return (
            ModelChoiceDialog.DialogCode.Accepted if choice == "the new one" else ModelChoiceDialog.DialogCode.Rejected
        )

    monkeypatch.setattr(ModelChoiceDialog, "exec", choose)
    progress = []
    window.training.trainingProgress.connect(progress.append)
    window.retrain_action.trigger()
    assert window.progress_view.isVisible() and not window.retrain_action.isEnabled()
    # Meanwhile the pad reads with the model in use.
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 7)) == "7"
    assert window.model.origin is ModelOrigin.SHIPPED

    qtbot.waitUntil(lambda: compared != [], timeout=RUN_TIMEOUT_MS)
    [saved] = (paths.user_data_dir() / "trained").glob("model-*.keras")  # saved whichever is chosen
    card = json.loads(saved.with_suffix(".json").read_text())
    assert card["recipe"]["name"] == "reference" and card["recipe"]["epochs"] == 2
    assert f"{shipped_accuracy:.2%}" in compared[0] and f"{card['test_accuracy']:.2%}" in compared[0]
    last = progress[-1]
    assert (last.epoch, last.epochs, last.batch, last.batches) == (2, 2, 15, 15)  # 2,000 less a tenth held out
    assert window.progress_view.details.text().startswith("Done: the new model reads")
    # The curves of the finished run stay on the view: two epochs, training and validation.
    curves = window.progress_view.curves
    assert [result.epoch for result in curves.history] == [1, 2] and curves.history == last.history
    assert window.retrain_action.isEnabled()
    if choice == "the new one":
        qtbot.waitUntil(lambda: window.model.path == saved)
        assert f"{card['test_accuracy']:.2%}" in window.model_label.text()
    else:
        qtbot.wait(200)
        assert window.model.origin is ModelOrigin.SHIPPED
    read_after(qtbot, window, lambda: draw_digit(window.canvas, 1))
    assert window.result.chart.probabilities() is not None
    assert set(card["verdict"]) == {"digit", "not_a_digit_top_two"} and card["validation"]["temperature"] > 0.0


def test_cancelling_a_run_keeps_the_model_in_use(qtbot, open_window, small_data, retrain_dialog_answers):
    window = open_window()
    retrain_dialog_answers("reference", epochs=200, data=small_data)
    window.retrain_action.trigger()
    qtbot.waitUntil(lambda: window.progress_view.bar.value() > 0, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(window.progress_view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.retrain_action.isEnabled, timeout=10_000)
    outcome = window.progress_view.details.text()
    assert outcome.startswith("Training was cancelled.") and "shipped model" in outcome
    assert window.model.origin is ModelOrigin.SHIPPED and files_in_user_folder() == []


def test_a_recipe_of_two_networks_trains_them_one_after_the_other(
    qtbot, open_window, small_data, retrain_dialog_answers
):
    window = open_window()
    retrain_dialog_answers("digitpad-large-pair", epochs=2, data=small_data)
    window.retrain_action.trigger()
    assert window.progress_view.headline.text() == "Training the digitpad-large-pair recipe: 2 networks, 2 epochs each."
    qtbot.waitUntil(lambda: "Epoch 3 of 4" in window.progress_view.details.text(), timeout=RUN_TIMEOUT_MS)
    assert 0.5 < window.progress_view.bar.value() / window.progress_view.bar.maximum() < 1  # the second network
    qtbot.mouseClick(window.progress_view.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.retrain_action.isEnabled, timeout=RUN_TIMEOUT_MS)
    assert window.model.origin is ModelOrigin.SHIPPED and files_in_user_folder() == []


def test_a_run_on_bad_data_says_so_and_keeps_the_model(
    qtbot, open_window, retrain_dialog_answers, tmp_path, error_dialogs
):
    bad = tmp_path / "mnist.npz"
    bad.write_bytes(b"not an npz")
    window = open_window()
    retrain_dialog_answers("reference", epochs=1, data=str(bad))
    window.retrain_action.trigger()
    qtbot.waitUntil(lambda: error_dialogs != [], timeout=RUN_TIMEOUT_MS)
    [(title, message)] = error_dialogs
    assert title == "Training did not finish" and str(bad) in message and "shipped model" in message
    assert window.retrain_action.isEnabled() and window.model.origin is ModelOrigin.SHIPPED
    assert files_in_user_folder() == []


@pytest.mark.parametrize("when", ["while starting", "mid-run"])
def test_closing_the_window_during_training_stops_it_cleanly(
    qtbot, open_window, small_data, retrain_dialog_answers, monkeypatch, when
):
    window = open_window()
    retrain_dialog_answers("reference", epochs=200, data=small_data)
    window.retrain_action.trigger()
    if when == "mid-run":
        qtbot.waitUntil(lambda: window.progress_view.bar.value() > 0, timeout=RUN_TIMEOUT_MS)
    asked = answer_message_boxes(monkeypatch, "Quit")
    hidden_after = []
    started = time.monotonic()
    real_hide = window.hide
    window.hide = lambda: (hidden_after.append(time.monotonic() - started), real_hide())
    window.close()
    assert asked == ["A model is still training."]  # and the user says to quit all the same
    assert hidden_after and hidden_after[0] < 0.1  # the window goes away at once...
    assert time.monotonic() - started < 1.0  # ...and the run with it: its child is killed (saves are atomic)
    assert not window.training.thread.isRunning() and not window.session.thread.isRunning()
    assert multiprocessing.active_children() == [] and files_in_user_folder() == []


def test_closing_while_a_model_trains_asks_first_and_can_keep_it_training(
    qtbot, open_window, small_data, retrain_dialog_answers, monkeypatch
):
    window = open_window()
    retrain_dialog_answers("reference", epochs=200, data=small_data)
    window.retrain_action.trigger()
    asked = answer_message_boxes(monkeypatch, "Keep training")
    window.close()
    assert asked == ["A model is still training."]
    assert window.isVisible() and window.training.running
    qtbot.waitUntil(lambda: window.progress_view.bar.value() > 0, timeout=RUN_TIMEOUT_MS)  # it goes on
    window.training.cancel()
    qtbot.waitUntil(lambda: not window.training.running, timeout=RUN_TIMEOUT_MS)
    window.close()  # nothing training: no question
    assert asked == ["A model is still training."] and not window.isVisible()

    retrain_dialog_answers("reference", epochs=200, data=small_data)
    window = open_window()
    window.retrain_action.trigger()
    window.quit_now()  # Ctrl-C in the terminal: the user has said so already
    assert asked == ["A model is still training."] and not window.isVisible() and not window.training.running


def test_with_no_model_anywhere_the_first_launch_trains_one(qtbot, open_window, small_data, monkeypatch, tmp_path):
    from digitpad.gui.settings import open_settings

    monkeypatch.setattr(paths, "shipped_model_path", lambda: tmp_path / "not-shipped.keras")
    remembered = open_settings()  # a quick run instead of the default recipe's minutes
    for key, value in {"recipe": "reference", "epochs": 1, "data": small_data}.items():
        remembered.setValue(f"train/{key}", value)
    remembered.sync()

    window = open_window(wait_for_model=False)
    assert window.model is None and window.progress_view.isVisible()
    assert "No model yet" in window.result.confidence.text()
    draw_digit(window.canvas, 3)  # the pad is usable meanwhile; the reading comes once the model is ready
    qtbot.waitUntil(lambda: window.model is not None, timeout=RUN_TIMEOUT_MS)
    assert window.model.origin is ModelOrigin.YOURS and paths.user_model_path().is_file()
    scheduler = window.scheduler
    qtbot.waitUntil(lambda: scheduler.shown_request == scheduler.latest_request and window.result.digit.text() != "")
