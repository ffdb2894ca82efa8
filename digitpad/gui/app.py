"""Start the window: ``digitpad`` with no command."""

from __future__ import annotations

import os
import signal
import sys
import time

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from digitpad import __version__
from digitpad.gui.language import chosen_language, install_translators
from digitpad.gui.main_window import MainWindow
from digitpad.gui.settings import open_settings

STARTUP_PROBE = "DIGITPAD_STARTUP_PROBE"  # set: print when the window is painted and the model ready, then quit


def main(language: str | None = None) -> int:
    """Open the window, speaking ``language`` ("en", "zh_CN"; None: the user's setting, else the system's)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("digitpad")
    app.setApplicationVersion(__version__)
    settings = open_settings()
    install_translators(app, chosen_language(settings, language))  # the translators are children of app
    window = MainWindow(settings)
    if os.environ.get(STARTUP_PROBE):
        _StartupProbe(window)
    window.show()
    # Ctrl-C in the terminal closes the window as the Quit action does, but without asking about a model in
    # training. Python runs signal handlers only between bytecodes, so a timer gives it a moment every so often
    # while Qt's loop waits.
    signal.signal(signal.SIGINT, lambda *_: window.quit_now())
    heartbeat = QTimer(interval=200, timeout=lambda: None)
    heartbeat.start()
    return app.exec()


class _StartupProbe(QObject):
    """For scripts/bench_startup.py: print the wall-clock times of the window's first paint and of the
    model being ready to read, then close the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.painted = self.ready = False
        window.installEventFilter(self)
        window.session.modelChanged.connect(self.model_ready)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.Paint and not self.painted:
            self.painted = True
            self.report("first-paint")
        return False

    @Slot(object)
    def model_ready(self, _model) -> None:
        self.ready = True
        self.report("model-ready")

    def report(self, what: str) -> None:
        print(f"{what} {time.time():.6f}", file=sys.stderr, flush=True)
        if self.painted and self.ready:
            QTimer.singleShot(0, self.window.close)
