"""A menu entry as every part of the window makes one: its words, status tip, slot and shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    tip: str,
    slot: Callable,
    *keys: str | QKeySequence.StandardKey,
    checkable: bool = False,
) -> QAction:
    """``slot`` is called when the entry is chosen; for a ``checkable`` one, with its new state whenever that
    changes (chosen, or set by the window)."""
    made = QAction(text, parent, statusTip=tip, checkable=checkable)
    (made.toggled if checkable else made.triggered).connect(slot)
    made.setShortcuts([QKeySequence(key) for key in keys])
    return made
