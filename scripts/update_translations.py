"""Collect the window's strings into each translation and compile it: pyside6-lupdate, then pyside6-lrelease.

    .venv/bin/python scripts/update_translations.py

New strings appear in digitpad/gui/translations/digitpad_<language>.ts as unfinished: translate them there
(by hand or with pyside6-linguist), then run this again to make the .qm files the window loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from digitpad.gui.language import TRANSLATIONS

TOOLS = Path(sys.executable).parent
SOURCES = sorted(str(path) for path in (TRANSLATIONS.parent).glob("*.py"))


def update(ts: Path, qm: Path) -> None:
    subprocess.run([TOOLS / "pyside6-lupdate", *SOURCES, "-ts", ts, "-no-obsolete"], check=True)
    subprocess.run([TOOLS / "pyside6-lrelease", ts, "-qm", qm], check=True)


if __name__ == "__main__":
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        update(ts, ts.with_suffix(".qm"))
