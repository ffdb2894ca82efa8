"""Open the real window, draw a digit with the mouse, wait for the reading and save screenshots.

    .venv/bin/python scripts/screenshot.py [--digit 3] [--out docs/screenshot.png]
    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/screenshot.py --tour docs/

With --tour it also saves the window reading a hash sign (not a digit), the same in a dark theme, a 4
with "Why this reading" on, the number 2026 written digit by digit, -3.14 (a minus and a point), 1990 over
12.5 (two lines), a 2 and a 6 drawn touching, My drawings after keeping a few, the evaluation dialog (its
gallery of the most confident mistakes, then the 4s read as 9), the Retrain dialog, its progress view with the training
curves of a short real run (the reference recipe, on the data as digitpad finds it, cancelled in its last
epoch) and the window in Simplified Chinese.
Uses Qt's offscreen platform unless a display is given (for a real window on a virtual screen:
`xvfb-run -a -s "-screen 0 1280x800x24" ...`, with openbox started on it); Chinese needs a CJK font
(Debian: fonts-noto-cjk). The user data folder is a fresh temporary one, so the shipped model is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from digitpad import paths
from digitpad.gui.demo import dark_palette, draw_digit, draw_number, draw_strokes
from digitpad.gui.dialogs import RetrainDialog
from digitpad.gui.language import install_translators
from digitpad.gui.main_window import MainWindow
from digitpad.gui.settings import open_settings
from digitpad.nondigits import SHAPES

WINDOW_SIZE = (900, 560)


def wait_until(condition, timeout_s: float = 120.0, quietly: bool = False) -> None:
    """Run the event loop until ``condition()`` holds (or, ``quietly``, until the time is up)."""
    loop, waited = QEventLoop(), 0.0
    while not condition():
        if waited > timeout_s:
            if quietly:
                return
            sys.exit("timed out waiting for the window")
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        waited += 0.02


def save(widget: QWidget, path: Path) -> None:
    """The widget as a person sees it: on a real screen, with its frame and title bar from the screen itself."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shown = widget.window().windowHandle()
    wait_until(lambda: shown is not None and shown.isExposed())  # a window manager just started maps it late
    wait_until(lambda: False, timeout_s=0.3, quietly=True)  # let the window manager and the repaints settle
    if QGuiApplication.platformName() == "offscreen":
        picture = widget.grab()
    else:
        frame = widget.frameGeometry()
        picture = widget.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    if picture.width() < widget.width() or picture.height() < widget.height():
        sys.exit(f"the screen gave a {picture.width()}x{picture.height()} picture of {path.name}: not shown yet?")
    if not picture.save(str(path)):
        sys.exit(f"could not write {path}")
    print(f"saved {path}")


def open_window() -> MainWindow:
    window = MainWindow(open_settings())
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_until(lambda: window.model is not None)
    return window


def read(window: MainWindow, draw) -> None:
    """Draw with mouse events and wait until the newest drawing's reading is on screen."""
    scheduler = window.scheduler
    before = scheduler.latest_request
    draw()
    wait_until(lambda: scheduler.latest_request > before and scheduler.shown_request == scheduler.latest_request)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digit", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    parser.add_argument(
        "--tour",
        type=Path,
        metavar="FOLDER",
        help="also save the dialogs here",
    )
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DIGITPAD_HOME"] = tempfile.mkdtemp(prefix="digitpad-screenshot-")
    application = QApplication(sys.argv)
    QCoreApplication.setApplicationName("digitpad")
    window = open_window()
    read(window, lambda: draw_digit(window.canvas, args.digit))
    print(f"drew a {args.digit}; digitpad reads {window.result.digit.text()} ({window.result.confidence.text()})")
    save(window, args.out)
    if args.tour:
        tour(window, args.tour)
    window.close()
    if args.tour:
        in_chinese(application, args.tour)
    application.quit()


def tour(window: MainWindow, folder: Path) -> None:
    window.canvas.clear()
    read(window, lambda: draw_strokes(window.canvas, SHAPES["hash"]))
    save(window, folder / "not-a-digit.png")
    usual = window.palette()
    window.setPalette(dark_palette())  # as a dark desktop theme has it
    save(window, folder / "dark.png")
    window.setPalette(usual)
    window.canvas.clear()
    read(window, lambda: draw_digit(window.canvas, 4))
    read(window, lambda: window.result.why.setChecked(True))  # the drawing is read again, with its reasons
    save(window, folder / "why-this-reading.png")
    window.result.why.setChecked(False)
    window.canvas.clear()
    read(window, lambda: draw_number(window.canvas, "2026"))
    save(window, folder / "number.png")
    window.canvas.clear()
    read(window, lambda: draw_number(window.canvas, "-3.14"))
    save(window, folder / "decimal.png")
    window.canvas.clear()
    read(window, lambda: draw_number(window.canvas, "1990\n12.5", scale=0.3))
    save(window, folder / "lines.png")
    window.canvas.clear()
    read(window, lambda: [draw_digit(window.canvas, d, scale=0.5, offset=(x, 0.0)) for d, x in ((2, -0.1), (6, 0.1))])
    save(window, folder / "touching.png")
    for digit in (0, 1, 4, 7, 7, 9):  # kept with the Teach menu's keys, then My drawings
        window.canvas.clear()
        read(window, lambda digit=digit: draw_digit(window.canvas, digit, scale=0.8))
        window.teacher.keep(str(digit))
    window.teacher.keep("1")  # a 7 kept as a 1 by mistake: shown in red
    window.teacher.show_drawings()
    wait_until(lambda: "read" in window.teacher.dialog.gallery.item(0).text())
    save(window.teacher.dialog, folder / "my-drawings.png")
    window.teacher.dialog.close()
    window.evaluate_action.trigger()
    wait_until(lambda: window.evaluation_dialog is not None)
    evaluation = window.evaluation_dialog
    save(evaluation, folder / "evaluation.png")
    evaluation.show_cell(4, 9)
    save(evaluation, folder / "mistakes.png")
    evaluation.close()
    dialog = RetrainDialog(window.last_training_request(), window)
    dialog.recipe.setCurrentIndex(dialog.recipe.findData("reference"))
    dialog.epochs.setValue(4)
    dialog.show()
    save(dialog, folder / "retrain-dialog.png")
    dialog.accept()
    window.start_training(
        dialog.request(out=str(paths.user_model_path())), "Training the reference recipe for 4 epochs."
    )
    wait_until(lambda: len(window.progress_view.curves.history) == 3 and window.progress_view.bar.value() > 800)
    save(window.progress_view, folder / "retraining.png")
    window.training.cancel()
    wait_until(lambda: not window.training.running)


def in_chinese(application: QApplication, folder: Path) -> None:
    """A new window, as `digitpad --lang zh_CN` opens it, reading a drawn 7."""
    install_translators(application, QLocale("zh_CN"))
    window = open_window()
    read(window, lambda: draw_digit(window.canvas, 7))
    save(window, folder / "zh_CN.png")
    window.close()


if __name__ == "__main__":
    main()
