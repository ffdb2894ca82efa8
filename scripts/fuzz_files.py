"""Run a corpus of hostile files (models, data, pictures, settings) through the CLI and the window's start-up.

Every case is built by code in ``tests/hostile.py`` (small on disk, whatever it claims inside), run in a
child process of its own with a time limit, and judged: the expected outcome, what was observed, the
child's peak memory. A case passes when digitpad says what is wrong in words (no traceback), exits as the
README says, writes nothing it should not, and the window still opens with a model to read with.

    .venv/bin/python scripts/fuzz_files.py            # prints the table; exit 1 if any case is not handled
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402

from digitpad import paths  # noqa: E402

TIME_LIMIT = 120.0
SEVEN = np.zeros((28, 28), np.uint8)
SEVEN[5:8, 6:22] = 255  # a plain 7: a bar and a slanted stroke
for row in range(8, 24):
    SEVEN[row, 20 - (row - 8) // 2 : 23 - (row - 8) // 2] = 255

WINDOW_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication, QMessageBox
dialogs = []
QMessageBox.warning = lambda parent, title, text, *a, **k: dialogs.append(title) or QMessageBox.StandardButton.Ok
from digitpad.gui.main_window import MainWindow
from digitpad.gui.settings import open_settings
app = QApplication([])
window = MainWindow(open_settings())
window.show()
while window.model is None:
    app.processEvents()
print(json.dumps({"model": window.model.origin.value, "pen": window.canvas.pen_width, "dialogs": dialogs}))
window.close()
"""


@dataclass
class Outcome:
    exit_code: int | None
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float


# A fresh, small Python forks and execs the case and reports that child's peak memory: a child forked from
# this script would start from this script's own peak (Linux keeps ru_maxrss across fork and exec).
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(f"peak-kb {usage.ru_maxrss}", file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def run(args: list[str], env: dict[str, str], cwd: Path) -> Outcome:
    """Run a child with a time limit and measure its peak memory (ru_maxrss of that child alone)."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, *args],
            capture_output=True, text=True, errors="replace", env=env, cwd=cwd, timeout=TIME_LIMIT,
        )  # fmt: skip
    except subprocess.TimeoutExpired as expired:
        return Outcome(None, str(expired.stdout or ""), str(expired.stderr or ""), 0.0, TIME_LIMIT)
    stderr, _, peak = done.stderr.rstrip().rpartition("peak-kb ")
    code = done.returncode if done.returncode < 128 else done.returncode - 256
    return Outcome(code, done.stdout, stderr, int(peak) / 1024, time.monotonic() - started)


@dataclass
class Case:
    name: str
    kind: str  # model, data, picture, settings
    expected: str
    build: Callable[[Path], Path]
    judge: Callable[[Outcome, Path], str] | None = None  # "" when handled, else what went wrong


def clear_error(code: int) -> Callable[[Outcome, Path], str]:
    def judge(outcome: Outcome, _folder: Path) -> str:
        if outcome.exit_code is None:
            return "timed out"
        if "Traceback" in outcome.stderr:
            return "traceback"
        if outcome.exit_code != code:
            return f"exit {outcome.exit_code}"
        return ""

    return judge


def model_cases() -> list[Case]:
    refused = "exit 2, one line naming the file"
    cases = [
        Case("config.json inflates to 64 MiB", "model", refused, hostile.model_config_bomb),
        Case("Dense layer of 10^9 units", "model", refused, hostile.model_huge_units),
        Case("kernel dataset of 784 x 10^9 floats", "model", refused, hostile.model_huge_dataset),
        Case("kernel stored in /dev/urandom", "model", refused, hostile.model_external_storage),
        Case("kernel stored in a FIFO", "model", refused, lambda d: fifo_model(d)),
        Case("kernel is a virtual dataset", "model", refused, hostile.model_virtual_dataset),
        Case("NaN in the weights", "model", refused, hostile.model_nan_weights),
        Case("Inf in the weights", "model", refused, hostile.model_inf_weights),
        Case("not a zip", "model", refused, lambda d: write(d / "text.keras", b"just text")),
        Case("empty file", "model", refused, lambda d: write(d / "empty.keras", b"")),
        Case("truncated model", "model", refused, truncated_model),
        Case("class_name Functional, garbage", "model", refused, functional_model),
    ]
    for kind in [*hostile.WRONG_JSON, "deep", "not-json"]:
        cases.append(Case(f"config.json: {kind}", "model", refused, lambda d, k=kind: hostile.model_wrong_json(d, k)))
    cases.append(
        Case("tanh hidden layer (Keras reads it)", "model", "exit 0, read by Keras in a child", hostile.tanh_model)
    )
    for case in cases:
        case.judge = case.judge or clear_error(0 if "Keras reads" in case.name else 2)
    return cases


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def fifo_model(folder: Path) -> Path:
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    return hostile.model_external_storage(folder, str(fifo))


def truncated_model(folder: Path) -> Path:
    data = paths.shipped_model_path().read_bytes()
    return write(folder / "truncated.keras", data[: len(data) // 2])


def functional_model(folder: Path) -> Path:
    config = hostile.shipped_config(lambda c: c.update(class_name="Functional", config={"layers": 7}))
    return hostile.write_model(folder / "functional.keras", config, hostile.shipped_weights())


def data_cases() -> list[Case]:
    refused = "exit 2, one line naming the file"
    cases = [
        Case("gzip IDX bomb, bad magic", "data", refused, lambda d: idx_folder(d, magic=0x1234)),
        Case("gzip IDX bomb, 5,000,000 images declared", "data", refused, lambda d: idx_folder(d, count=5_000_000)),
        Case("gzip IDX, 64 MiB after a 60,000-image header", "data", refused, idx_folder),
        Case("npz declaring 10^9 images", "data", refused, hostile.npz_huge_shape),
        Case("npz member inflating to 64 MiB", "data", refused, hostile.npz_bomb),
        Case("npz with pickled objects", "data", refused, hostile.npz_pickled),
        Case("npz that is text", "data", refused, lambda d: write(d / "text.npz", b"x_train")),
    ]
    for case in cases:
        case.judge = clear_error(2)
    return cases


def idx_folder(folder: Path, **kwargs) -> Path:
    hostile.idx_gzip_bomb(folder, **kwargs)
    return folder


def picture_cases() -> list[Case]:
    return [
        Case(
            "PostScript that writes a file and loops", "picture", "exit 1, error line, nothing run", eps_case, eps_judge
        ),
        Case("phone photo, EXIF turned", "picture", "exit 0, read upright as 7", photo, photo_judge),
        Case("PNG header, then nothing", "picture", "exit 1, error line", broken_png, clear_error(1)),
        Case("60-megapixel PNG of a few kB", "picture", "exit 1, error line", huge_png, clear_error(1)),
    ]


def eps_case(folder: Path) -> Path:
    return hostile.eps_picture(folder)


def eps_judge(outcome: Outcome, folder: Path) -> str:
    return "PostScript ran" if (folder / "ps-ran").exists() else clear_error(1)(outcome, folder)


def photo(folder: Path) -> Path:
    return hostile.rotated_photo(folder, SEVEN)


def photo_judge(outcome: Outcome, folder: Path) -> str:
    problem = clear_error(0)(outcome, folder)
    if problem:
        return problem
    digit = json.loads(outcome.stdout)["digit"]
    return "" if digit == 7 else f"read as {digit}"


def broken_png(folder: Path) -> Path:
    return write(folder / "broken.png", b"\x89PNG\r\n\x1a\n")


def huge_png(folder: Path) -> Path:
    from PIL import Image

    path = folder / "huge.png"
    Image.new("1", (10_000, 6_000)).save(path)
    return path


def settings_cases() -> list[Case]:
    bad = {
        "pen width abc": {"pen__width": "abc"},
        "pen width 999999999999": {"pen__width": "999999999999"},
        "epochs, batch, recipe garbage": {"train__epochs": "x", "train__batch_size": "-1", "train__recipe": "evil"},
        "geometry garbage": {"window__geometry": "@ByteArray(garbage)"},
        "model path to a folder": {"model__path": "/"},
        "recent pictures garbage": {"picture__recent": "@Variant(\\0\\0\\0\\x7fnot a list), /dev/zero, " * 500},
    }
    return [
        Case(
            f"settings: {name}", "settings", "window opens, defaults", lambda d, v=values: hostile.settings_file(d, **v)
        )
        for name, values in bad.items()
    ]


def window_judge(outcome: Outcome, _folder: Path, want_dialog: bool) -> str:
    if outcome.exit_code is None:
        return "window stuck"
    if outcome.exit_code != 0 or "Traceback" in outcome.stderr:
        return f"window failed (exit {outcome.exit_code})"
    seen = json.loads(outcome.stdout.splitlines()[-1])
    if seen["model"] not in ("shipped", "yours"):
        return f"window uses {seen['model']}"
    if want_dialog and not seen["dialogs"]:
        return "no dialog"
    return ""


def main() -> int:
    python = sys.executable
    base_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        seven = Path(scratch) / "seven.png"
        from PIL import Image

        Image.fromarray(255 - SEVEN).resize((200, 200)).save(seven)
        for case in model_cases() + data_cases() + picture_cases() + settings_cases():
            folder = Path(tempfile.mkdtemp(dir=scratch))
            home = folder / "home"
            env = {**base_env, "DIGITPAD_HOME": str(home)}
            path = case.build(home if case.kind == "settings" else folder)
            shipped = str(paths.shipped_model_path())
            if case.kind == "model":
                cli = [python, "-m", "digitpad", "predict", "--json", "--model", str(path), str(seven)]
            elif case.kind == "data":
                cli = [python, "-m", "digitpad", "evaluate", "--model", shipped, "--data", str(path)]
            elif case.kind == "picture":
                cli = [python, "-m", "digitpad", "predict", "--json", "--model", shipped, str(path)]
            else:
                cli = None
            if cli:
                outcome = run(cli, env, folder)
                rows.append(("CLI", case, outcome, case.judge(outcome, folder)))
            if case.kind in ("model", "settings"):
                if case.kind == "model":  # the hostile file as the user's own model: the window must fall back
                    home.mkdir(parents=True, exist_ok=True)
                    os.link(path, home / paths.MODEL_FILE)
                outcome = run([python, "-c", WINDOW_SCRIPT], env, folder)
                want_dialog = case.kind == "model" and "Keras reads" not in case.name
                rows.append(("window", case, outcome, window_judge(outcome, folder, want_dialog)))
    print(f"{'case':<46} {'run':<7} {'expected':<36} {'observed':<28} {'peak MB':>8} {'s':>5}")
    for where, case, outcome, problem in rows:
        said = (outcome.stderr.strip().splitlines() or [""])[-1] if outcome.exit_code else outcome.stdout.strip()
        observed = problem or f"ok (exit {outcome.exit_code})"
        expected = "falls back / opens" if where == "window" else case.expected
        print(f"{case.name:<46} {where:<7} {expected:<36} {observed:<28} {outcome.peak_mb:8.0f} {outcome.seconds:5.1f}")
        if problem:
            print(f"    {said[:200]}")
    failed = [row for row in rows if row[3]]
    worst = max(rows, key=lambda row: row[2].peak_mb)
    cases = len({row[1].name for row in rows})
    print(f"\n{cases} hostile cases in {len(rows)} runs: {len(rows) - len(failed)} handled, {len(failed)} not.")
    print(f"Highest peak memory: {worst[2].peak_mb:.0f} MB ({worst[1].name}, {worst[0]}).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
