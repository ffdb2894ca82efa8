"""Start the window: ``digitpad`` with no command."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from digitpad import __version__, paths
from digitpad.gui.main_window import MainWindow

STARTUP_PROBE = "DIGITPAD_STARTUP_PROBE"  # set: print when the window is first painted, then quit


def settings() -> QSettings:
    """One INI file beside the user's model, so that DIGITPAD_HOME moves every file digitpad keeps."""
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("digitpad")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "digitpad.png")))
    window = MainWindow(settings())
    if os.environ.get(STARTUP_PROBE):
        window.installEventFilter(_FirstPaint(window))
    window.show()
    return app.exec()


class _FirstPaint(QObject):
    """For scripts/bench_startup.py: report the wall-clock time of the window's first paint and quit."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.Paint:
            print(f"first-paint {time.time():.6f}", file=sys.stderr, flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched.close)
        return False
