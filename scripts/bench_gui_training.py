"""How responsive the window stays while a model trains: event-loop stalls and reading latency.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/bench_gui_training.py [--recipe reference] [--epochs 3]

Opens the real window (offscreen unless a display is given) and starts a real training run from it:
by default the reference recipe, on the data as digitpad finds it, saved to a temporary folder. Meanwhile a 5 ms
timer on the GUI thread records every gap between its ticks (a gap far above 5 ms means the event
loop was stalled: no painting, no input), and digits are drawn all along with mouse events, one event
per tick (a 200 Hz mouse); once a digit's last stroke ends, the time until its reading is on screen
is recorded. The same is measured with no training, for comparison.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from digitpad.gui.demo import mouse_events, send_mouse_event
from digitpad.gui.main_window import MainWindow
from digitpad.gui.settings import open_settings
from digitpad.training import RECIPES, TrainingRequest

TICK_MS, DRAW_EVERY_MS = 5, 100


class Probe:
    """Records event-loop gaps and how long each drawing takes to be read while it runs."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.gaps: list[float] = []
        self.readings: list[float] = []
        self.clock = QElapsedTimer()
        self.ticker = QTimer(interval=TICK_MS, timeout=self.tick)
        self.drawer = QTimer(interval=DRAW_EVERY_MS, timeout=self.draw)
        self.digit, self.drawn_at, self.waiting_for = 0, 0.0, None
        self.events: list = []  # the mouse events of the digit being drawn, one sent per tick

    def start(self) -> None:
        self.gaps.clear(), self.readings.clear()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.ticker.start(), self.drawer.start()

    def stop(self) -> None:
        self.ticker.stop(), self.drawer.stop()

    def tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.gaps.append((now - self.last) / 1e6)
        self.last = now
        if self.events:
            send_mouse_event(self.window.canvas, *self.events.pop(0))
            if not self.events:  # the pen is lifted: time how long until this drawing's reading shows
                self.drawn_at = time.perf_counter()
                self.waiting_for = self.window.scheduler.latest_request
        if self.waiting_for is not None and self.window.scheduler.shown_request >= self.waiting_for:
            self.readings.append((time.perf_counter() - self.drawn_at) * 1000.0)
            self.waiting_for = None

    def draw(self) -> None:
        """Start the next digit, a 200 Hz mouse's worth of events at a time, once the last one was read."""
        if self.events or self.waiting_for is not None:
            return
        self.window.canvas.clear()
        self.digit = (self.digit + 1) % 10
        self.events = mouse_events(self.window.canvas, self.digit)


def run_events_for(seconds: float, until=lambda: False) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not until():
        QTimer.singleShot(50, loop.quit)
        loop.exec()


def report(title: str, probe: Probe) -> None:
    gaps, readings = np.array(probe.gaps), np.array(probe.readings)
    print(
        f"{title}: {len(gaps)} ticks, longest event-loop gap {gaps.max():.1f} ms, "
        f"p99 {np.percentile(gaps, 99):.1f} ms, "
        f"gaps over 50 ms: {(gaps > 50).sum()}; {len(readings)} drawings read, "
        f"median {np.median(readings):.1f} ms, p99 {np.percentile(readings, 99):.1f} ms from the last mouse event"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--recipe", default="reference", choices=sorted(RECIPES))
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DIGITPAD_HOME"] = tempfile.mkdtemp(prefix="digitpad-bench-")
    application = QApplication(sys.argv)
    window = MainWindow(open_settings())
    window.resize(900, 560)
    window.show()
    run_events_for(30, until=lambda: window.model is not None)
    probe = Probe(window)

    probe.start()
    started = time.monotonic()
    window.start_training(
        TrainingRequest(out=os.environ["DIGITPAD_HOME"] + "/model.keras", recipe=args.recipe, epochs=args.epochs),
        "benchmark",
    )
    run_events_for(600, until=lambda: not window.training.running)
    training_seconds = time.monotonic() - started
    probe.stop()
    report(f"while training ({args.recipe}, {args.epochs} epochs: {training_seconds:.1f} s in all)", probe)

    probe.start()
    run_events_for(min(training_seconds, 20))
    probe.stop()
    report("idle, for comparison", probe)
    window.close()
    application.quit()


if __name__ == "__main__":
    main()
