"""Windows sized to what they show, but never taller or wider than the screen they open on."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9  # of the screen's free area: leaves room for the title bar the window manager adds


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """``width`` x ``height``, or as much of it as the screen's free area holds (a 1366x768 laptop's is short)."""
    room = window.screen().availableGeometry()
    window.resize(min(width, round(SCREEN_SHARE * room.width())), min(height, round(SCREEN_SHARE * room.height())))
