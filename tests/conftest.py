import multiprocessing
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitpad.data import ENV_VAR, Mnist, load_mnist


@pytest.fixture(autouse=True)
def user_data_dir(tmp_path, monkeypatch) -> Path:
    """Every test gets its own empty user data directory: no test reads or writes the real one."""
    home = tmp_path / "digitpad-home"
    monkeypatch.setenv("DIGITPAD_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_threads_left_running():
    """Fail a test that leaves a thread or child process of its own running: both must be stopped and joined."""
    before = set(threading.enumerate())
    yield
    left = [thread.name for thread in threading.enumerate() if thread not in before and thread.is_alive()]
    assert not left, f"threads still running after the test: {left}"
    children = [child.name for child in multiprocessing.active_children()]
    assert not children, f"child processes still running after the test: {children}"


@pytest.fixture(autouse=True)
def no_unanswered_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the suite: fail the test instead (tests answer them)."""
    from PySide6.QtWidgets import QDialog

    def unanswered(dialog):
        raise AssertionError(f"{type(dialog).__name__} was opened modally and the test gave it no answer")

    monkeypatch.setattr(QDialog, "exec", unanswered)


@pytest.fixture
def error_dialogs(monkeypatch) -> list[tuple[str, str]]:
    """The error dialogs the window shows, as (title, message), recorded instead of waiting for a click."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def warning(parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def answer_message_boxes(monkeypatch, answer: str) -> list[str]:
    """Answer each question the window asks in a message box by clicking the button named ``answer``; returns
    the questions, as they are asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        [button] = [button for button in box.buttons() if button.text().replace("&", "") == answer]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    return asked


@pytest.fixture
def open_window(qtbot, error_dialogs, monkeypatch):
    """Open the real window as `digitpad` does; when the test ends, closing it must stop its threads."""
    from digitpad.gui.main_window import MainWindow
    from digitpad.gui.settings import open_settings

    windows = []

    def open_it(wait_for_model: bool = True, size: tuple[int, int] | None = (820, 540)) -> MainWindow:
        window = MainWindow(open_settings())
        qtbot.addWidget(window)
        if size:  # else the size it opens at
            window.resize(*size)
        window.show()
        if wait_for_model:
            qtbot.waitUntil(lambda: window.model is not None, timeout=10_000)
        windows.append(window)
        return window

    yield open_it
    answer_message_boxes(monkeypatch, "Quit")  # a test that left a model training: the user quits anyway
    for window in windows:
        window.close()
        assert not window.session.thread.isRunning() and not window.training.thread.isRunning()


@pytest.fixture(scope="session")
def shipped_accuracy() -> float:
    """The MNIST test accuracy on the shipped model's card (checked against a real evaluation in test_window)."""
    import json

    from digitpad import paths

    return json.loads(paths.shipped_model_path().with_suffix(".json").read_text())["test_accuracy"]


@pytest.fixture(scope="session")
def mnist() -> Mnist:
    if not os.environ.get(ENV_VAR):
        pytest.skip(f"real MNIST is not available: set {ENV_VAR} (e.g. {ENV_VAR}=../shared/data/mnist)")
    return load_mnist()


@pytest.fixture(scope="session")
def small_mnist(mnist) -> Mnist:
    """A real 4,000-image training subset: enough for a model that reads digits, in seconds."""
    return Mnist(mnist.x_train[:4000], mnist.y_train[:4000], mnist.x_test, mnist.y_test, source=mnist.source)


@pytest.fixture(scope="session")
def trained_model(mnist):
    """The seeds' recipe on all the training data there is (about 96 %): a model worth comparing readings of."""
    from digitpad.model import train
    from digitpad.training import RECIPES

    return train(mnist, RECIPES["reference"])


def on_canvas(digit: np.ndarray, canvas: tuple[int, int], box: tuple[int, int, int], dark_ink: bool) -> Image.Image:
    """An MNIST digit blown up to a side of ``box[2]`` px at (left, top) on a canvas of (width, height)."""
    left, top, side = box
    big = Image.fromarray(digit).resize((side, side), Image.Resampling.BILINEAR)
    sheet = Image.new("L", canvas, 0)
    sheet.paste(big, (left, top))
    return Image.eval(sheet, lambda value: 255 - value) if dark_ink else sheet


def write_npz(path: Path, mnist, count: int = 100, **replace) -> Path:
    arrays = {
        "x_train": mnist.x_train[:count],
        "y_train": mnist.y_train[:count],
        "x_test": mnist.x_test[:count],
        "y_test": mnist.y_test[:count],
    }
    np.savez(path, **{**arrays, **replace})
    return path


def read_after(qtbot, window, action) -> str:
    """Do ``action`` and wait for the reading of the drawing it leaves; return the digit on screen."""
    scheduler = window.scheduler
    before = scheduler.latest_request
    action()
    qtbot.waitUntil(lambda: scheduler.latest_request > before and scheduler.shown_request == scheduler.latest_request)
    return window.result.digit.text()


def drop_file(window, path) -> None:
    """Drag a file over the window and drop it, as a file manager does."""
    from PySide6.QtCore import QMimeData, QUrl

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop(window, mime)


def drop(window, mime) -> None:
    """Drag ``mime`` over the window and drop it: the window must accept the drag first."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    where, copy = QPoint(50, 50), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, copy, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    QApplication.sendEvent(window, QDropEvent(where, copy, mime, buttons, keys))


def load_from_menu(window, monkeypatch, path) -> None:
    """Model > Load model..., choosing ``path`` in the file dialog."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.load_action.trigger()
