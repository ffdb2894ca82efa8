"""The clipboard as people use it: copy what the pad reads, paste (or drop) a picture from another program."""

import numpy as np
from conftest import drop, on_canvas, read_after
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage

from digitpad.gui import workers
from digitpad.gui.demo import draw_digit, draw_number, draw_strokes
from digitpad.nondigits import SHAPES

CTRL = Qt.KeyboardModifier.ControlModifier


def rgba_image(pixels: np.ndarray) -> QImage:
    """An (height, width, 4) uint8 array as a QImage of its own."""
    height, width, _ = pixels.shape
    return QImage(np.ascontiguousarray(pixels).data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


def test_ctrl_c_copies_the_digit_or_the_number_read_and_nothing_when_there_is_none(qtbot, open_window):
    window = open_window()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    assert not window.pictures.copy_action.isEnabled()  # nothing read yet

    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 3)) == "3"
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL)
    assert clipboard.text() == "3" and "Copied 3" in window.statusBar().currentMessage()

    window.canvas.clear()
    assert read_after(qtbot, window, lambda: draw_number(window.canvas, "207", scale=0.5)) == "207"
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL)
    assert clipboard.text() == "207"

    window.canvas.clear()
    read_after(qtbot, window, lambda: draw_strokes(window.canvas, SHAPES["hash"]))
    assert "Not a digit?" in window.result.hint.text() and not window.pictures.copy_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL)
    assert clipboard.text() == "207"  # a drawing read as no digit copies nothing over what was there


def test_a_picture_pasted_from_another_program_is_read_ink_on_a_clear_layer_too(qtbot, open_window, mnist):
    window = open_window()
    clipboard = QGuiApplication.clipboard()
    for i in range(6):
        ink = np.asarray(on_canvas(mnist.x_test[i], (320, 240), (30 + 20 * i, 20, 180), dark_ink=False))
        layer = np.zeros((*ink.shape, 4), np.uint8)
        if i % 2:  # a drawing program's ink on a transparent layer: black everywhere, only alpha says where
            layer[..., 3] = ink
        else:  # a screenshot: dark ink on white, opaque
            layer[..., :3], layer[..., 3] = (255 - ink)[..., None], 255
        clipboard.setImage(rgba_image(layer))
        assert window.pictures.paste_action.isEnabled()
        assert read_after(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_V, CTRL)) == str(mnist.y_test[i])
        assert "Reading the picture" in window.statusBar().currentMessage()


def test_a_picture_file_copied_in_a_file_manager_is_pasted_like_a_dropped_one(qtbot, open_window, mnist, tmp_path):
    window = open_window()
    picture = tmp_path / "seven.png"
    on_canvas(mnist.x_test[0], (300, 200), (60, 10, 160), dark_ink=True).save(picture)
    copied = QMimeData()
    copied.setUrls([QUrl.fromLocalFile(str(picture))])
    QGuiApplication.clipboard().setMimeData(copied)
    assert read_after(qtbot, window, window.pictures.paste_action.trigger) == str(mnist.y_test[0]) == "7"
    assert "Reading seven.png" in window.statusBar().currentMessage()


def test_a_picture_dragged_from_a_web_page_is_read_like_a_pasted_one(qtbot, open_window, mnist):
    window = open_window()
    ink = np.asarray(on_canvas(mnist.x_test[2], (200, 200), (20, 20, 160), dark_ink=False))
    layer = np.zeros((*ink.shape, 4), np.uint8)
    layer[..., :3], layer[..., 3] = (255 - ink)[..., None], 255
    dragged = QMimeData()
    dragged.setImageData(rgba_image(layer))  # a browser gives the picture itself, no file
    assert read_after(qtbot, window, lambda: drop(window, dragged)) == str(mnist.y_test[2]) == "1"


def test_with_no_picture_on_the_clipboard_paste_is_off_and_says_so(qtbot, open_window, error_dialogs):
    window = open_window()
    QGuiApplication.clipboard().setText("not a picture")
    assert not window.pictures.paste_action.isEnabled()
    window.pictures.paste_picture()  # as if the key still reached it
    assert window.statusBar().currentMessage() == "The clipboard holds no picture."
    assert window.canvas.is_empty() and error_dialogs == []


def test_an_empty_or_huge_picture_on_the_clipboard_is_a_clear_error(qtbot, open_window, error_dialogs, monkeypatch):
    window = open_window()
    window.session.picturePasted.emit(QImage())
    qtbot.waitUntil(lambda: error_dialogs != [])
    monkeypatch.setattr(workers, "MAX_PIXELS", 1_000_000)  # a 1,001 x 1,000 picture stands for a 50-megapixel one
    huge = QImage(1001, 1000, QImage.Format.Format_RGB32)
    huge.fill(Qt.GlobalColor.white)
    window.session.picturePasted.emit(huge)
    qtbot.waitUntil(lambda: len(error_dialogs) == 2)
    assert error_dialogs == [
        ("Could not open the picture", "The picture is empty."),
        (
            "Could not open the picture",
            "The picture is too large (1,001 x 1,000 pixels; digitpad reads up to 1 megapixels).",
        ),
    ]
    assert window.canvas.is_empty()
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 5)) == "5"
