"""Open the real window, draw a digit with the mouse, wait for the reading and save screenshots.

    .venv/bin/python scripts/screenshot.py [--digit 3] [--out docs/screenshot.png]
    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/screenshot.py --tour docs/

With --tour it also saves the window reading a hash sign (not a digit),
the Retrain dialog, its progress view in the middle of a short real run (the reference
recipe, on the data as digitpad finds it) and the evaluation dialog. Uses Qt's offscreen platform
unless a display is given; the user data folder is a fresh temporary one, so the shipped model is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from digitpad import paths
from digitpad.gui.demo import draw_digit, draw_strokes
from digitpad.gui.dialogs import RetrainDialog
from digitpad.gui.main_window import MainWindow
from digitpad.gui.settings import open_settings
from digitpad.nondigits import SHAPES

WINDOW_SIZE = (900, 560)


def wait_until(condition, timeout_s: float = 120.0) -> None:
    """Run the event loop until ``condition()`` holds."""
    loop, waited = QEventLoop(), 0.0
    while not condition():
        if waited > timeout_s:
            sys.exit("timed out waiting for the window")
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        waited += 0.02


def save(widget: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        sys.exit(f"could not write {path}")
    print(f"saved {path}")


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
    window = MainWindow(open_settings())
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_until(lambda: window.model is not None)
    draw_digit(window.canvas, args.digit)
    scheduler = window.scheduler
    wait_until(lambda: scheduler.shown_request == scheduler.latest_request and window.result.digit.text() != "")
    print(f"drew a {args.digit}; digitpad reads {window.result.digit.text()} ({window.result.confidence.text()})")
    save(window, args.out)
    if args.tour:
        tour(window, args.tour)
    window.close()
    application.quit()


def tour(window: MainWindow, folder: Path) -> None:
    window.canvas.clear()
    draw_strokes(window.canvas, SHAPES["hash"])
    scheduler = window.scheduler
    wait_until(lambda: scheduler.shown_request == scheduler.latest_request and window.result.hint.text() != "")
    save(window, folder / "not-a-digit.png")
    window.evaluate_action.trigger()
    wait_until(lambda: window.evaluation_dialog is not None)
    save(window.evaluation_dialog, folder / "evaluation.png")
    window.evaluation_dialog.close()
    dialog = RetrainDialog(window.last_training_request(), window)
    dialog.recipe.setCurrentIndex(dialog.recipe.findData("reference"))
    dialog.epochs.setValue(3)
    dialog.show()
    save(dialog, folder / "retrain-dialog.png")
    dialog.accept()
    window.start_training(
        dialog.request(out=str(paths.user_model_path())), "Training the reference recipe for 3 epochs."
    )
    wait_until(lambda: window.progress_view.bar.value() > 450)
    save(window.progress_view, folder / "retraining.png")
    window.training.cancel()
    wait_until(lambda: not window.training.running)


if __name__ == "__main__":
    main()
