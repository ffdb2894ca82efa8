#!/usr/bin/env python3
"""Set digitpad up in ./.venv (creating it if missing) and run it.

python3 run.py          install if needed, then open digitpad
python3 run.py test     install if needed (with the test tools), then run every check offscreen
python3 run.py ARGS...  install if needed, then run `digitpad ARGS...` (train, evaluate, predict)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs on whatever python3 the user has
        sys.exit(f"digitpad needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    testing = argv[:1] == ["test"]
    ensure_installed(extras="test" if testing else "")
    if testing:
        return run_checks(argv[1:])
    return subprocess.call([str(BIN / "digitpad"), *argv])


def ensure_installed(extras: str) -> None:
    """Create the virtual environment and install the project into it, unless that is already done."""
    if not BIN.is_dir():
        print(f"Creating a virtual environment in {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".digitpad-installed{'-' + extras if extras else ''}"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    print("Installing digitpad and what it needs (the first time takes a few minutes)", flush=True)
    subprocess.check_call([str(BIN / "python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    subprocess.check_call([str(BIN / "python"), "-m", "pip", "install", "--quiet", "--editable", target])
    stamp.write_text(wanted)


def run_checks(pytest_args: list[str]) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for check in (["ruff", "check", "."], ["ruff", "format", "--check", "."], ["lint-imports"]):
        if subprocess.call([str(BIN / check[0]), *check[1:]], cwd=ROOT, env=env) != 0:
            print(f"{' '.join(check)} failed", file=sys.stderr)
            return 1
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *pytest_args], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
