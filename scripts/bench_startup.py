"""Time from starting `digitpad` to its window's first paint, and to the model being ready to read.

    .venv/bin/python scripts/bench_startup.py [--runs 10]

Each run starts the real `digitpad` program in a new process, as a user's click would, with
DIGITPAD_STARTUP_PROBE set: the window then prints the wall-clock time of its first paint and of the
model's arrival, and closes. The clock starts just before the process is spawned, so interpreter
start-up and every import count. Uses the display it is given (run it under `xvfb-run` for a real X
server), else Qt's offscreen platform. The user data folder is a fresh temporary one each run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def one_start() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DIGITPAD_STARTUP_PROBE": "1", "DIGITPAD_HOME": home}
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        program = Path(sys.executable).with_name("digitpad")
        started = time.time()
        done = subprocess.run([str(program)], env=env, capture_output=True, text=True, timeout=60)
    marks = dict(line.split() for line in done.stderr.splitlines() if line.startswith(("first-paint", "model-ready")))
    if done.returncode != 0 or len(marks) != 2:
        sys.exit(f"digitpad did not start cleanly (exit {done.returncode}):\n{done.stderr}")
    return {what: (float(when) - started) * 1000.0 for what, when in marks.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    one_start()  # the first start after installing fills the OS file cache; a user's second start is like the rest
    runs = [one_start() for _ in range(args.runs)]
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "offscreen")
    print(f"{args.runs} starts of digitpad on the {platform} platform (after one warm-up start)")
    for what in ("first-paint", "model-ready"):
        times = sorted(run[what] for run in runs)
        print(
            f"  process start -> {what:<12} median {statistics.median(times):6.0f} ms   "
            f"min {times[0]:6.0f} ms   max {times[-1]:6.0f} ms"
        )


if __name__ == "__main__":
    main()
