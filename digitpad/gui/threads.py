"""A long-lived worker on a QThread of its own, as napari and superqt do it: started once, stopped once."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QThread

STOP_WAIT_MS = 10_000  # workers check a flag or a timeout often; far longer than any of them should take


def start_worker(worker: QObject, name: str, parent: QObject) -> QThread:
    """Move ``worker`` to a new thread owned by ``parent`` and start it; the worker is deleted with the thread."""
    thread = QThread(parent)
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread


def stop_thread(thread: QThread) -> None:
    """Ask the thread's event loop to end and wait for it, but never for ever."""
    thread.quit()
    if not thread.wait(STOP_WAIT_MS):
        # Only a worker stuck in a call that ignores every flag gets here: ending it beats hanging on quit.
        print(f"digitpad: {thread.objectName()} did not stop in time; ending it", file=sys.stderr)
        thread.terminate()
        thread.wait()
