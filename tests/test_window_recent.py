"""File > Open recent: the pictures opened last, to open again in one click, after a restart too."""

import numpy as np
from conftest import drop_file, on_canvas, read_after
from hostile import settings_file
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from digitpad.gui.recent import MAX_RECENT


def picture_of(mnist, index: int, path):
    on_canvas(mnist.x_test[index], (300, 200), (60, 10, 160), dark_ink=True).save(path)
    return path


def entries(window) -> list[str]:
    return [action.text() for action in window.pictures.recent_menu.actions() if not action.isSeparator()]


def open_from_dialog(qtbot, window, monkeypatch, path) -> str:
    """File > Open image..., choosing ``path``; the digit read."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    return read_after(qtbot, window, window.pictures.open_action.trigger)


def test_pictures_opened_are_listed_newest_first_and_open_again_after_a_restart(
    qtbot, open_window, mnist, tmp_path, monkeypatch
):
    window = open_window()
    assert not window.pictures.recent_menu.isEnabled()  # nothing opened yet
    seven, two = picture_of(mnist, 0, tmp_path / "seven.png"), picture_of(mnist, 1, tmp_path / "one & two.png")
    assert open_from_dialog(qtbot, window, monkeypatch, seven) == "7"
    assert read_after(qtbot, window, lambda: drop_file(window, two)) == "2"  # a dropped file is opened too
    assert open_from_dialog(qtbot, window, monkeypatch, seven) == "7"
    assert entries(window) == ["&1 seven.png", "&2 one && two.png", "&Clear list"]
    assert window.pictures.recent_menu.actions()[1].statusTip() == str(two)
    window.close()

    again = open_window()
    assert entries(again) == ["&1 seven.png", "&2 one && two.png", "&Clear list"]
    assert read_after(qtbot, again, again.pictures.recent_menu.actions()[1].trigger) == "2"
    assert entries(again)[:2] == ["&1 one && two.png", "&2 seven.png"]

    again.pictures.recent_menu.actions()[-1].trigger()  # Clear list
    assert entries(again) == [] and not again.pictures.recent_menu.isEnabled()


def test_a_picture_gone_since_says_so_and_leaves_the_list(qtbot, open_window, mnist, tmp_path, error_dialogs):
    window = open_window()
    seven = picture_of(mnist, 0, tmp_path / "seven.png")
    assert read_after(qtbot, window, lambda: drop_file(window, seven)) == "7"
    seven.unlink()
    window.pictures.recent_menu.actions()[0].trigger()
    assert error_dialogs == [("Could not open the picture", f"{seven} is no longer there.")]
    assert entries(window) == [] and window.result.digit.text() == "7"  # the pad is as it was


def test_the_list_keeps_the_last_few_and_a_pasted_picture_is_not_on_it(qtbot, open_window, mnist, tmp_path):
    window = open_window()
    for index in range(MAX_RECENT + 2):
        read_after(qtbot, window, lambda i=index: drop_file(window, picture_of(mnist, i, tmp_path / f"{i}.png")))
    newest_first = [f"&{n + 1} {MAX_RECENT + 1 - n}.png" for n in range(MAX_RECENT)]
    assert entries(window)[:-1] == newest_first

    ink = np.ascontiguousarray(255 - np.asarray(on_canvas(mnist.x_test[0], (300, 200), (60, 10, 160), False)))
    QGuiApplication.clipboard().setImage(QImage(ink.data, 300, 200, 300, QImage.Format.Format_Grayscale8).copy())
    paste = lambda: qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # noqa: E731
    assert read_after(qtbot, window, paste) == "7"
    assert entries(window)[:-1] == newest_first


def test_a_list_mangled_in_the_settings_file_reads_as_no_list_or_the_first_few(open_window, user_data_dir):
    settings_file(user_data_dir, picture__recent="@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\nnot a list)")
    window = open_window()
    assert entries(window) == [] and not window.pictures.recent_menu.isEnabled()
    window.close()

    settings_file(user_data_dir, picture__recent=", ".join(f"/nowhere/{n}.png" for n in range(50)))
    window = open_window()
    assert entries(window)[:-1] == [f"&{n + 1} {n}.png" for n in range(MAX_RECENT)]
