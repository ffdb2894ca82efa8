"""The window's settings file, read as hostile as any other: a bad value falls back to its default."""

from __future__ import annotations

import sys

from PySide6.QtCore import QByteArray, QSettings

from digitpad import paths

MAX_SETTINGS_BYTES = 1 << 16  # the window writes a few hundred bytes


def open_settings() -> QSettings:
    """One INI file beside the user's model, so that DIGITPAD_HOME moves every file digitpad keeps.

    A file far larger than the window ever writes is not read: it is set aside (kept for the user to look
    at) and the window starts with its defaults."""
    path = paths.user_data_dir() / "settings.ini"
    if path.is_file() and path.stat().st_size > MAX_SETTINGS_BYTES:
        aside = path.with_name("settings.ini.too-large")
        path.replace(aside)
        print(
            f"digitpad: {path} is {aside.stat().st_size:,} bytes, not a settings file; moved to {aside}",
            file=sys.stderr,
        )
    return QSettings(str(path), QSettings.Format.IniFormat)


def read_int(settings: QSettings, key: str, default: int | None, low: int, high: int) -> int | None:
    """An integer from ``low`` to ``high``, else ``default`` (an empty value also means the default)."""
    try:
        value = int(str(settings.value(key, "")).strip())
    except ValueError:
        return default
    return value if low <= value <= high else default


def read_text(settings: QSettings, key: str, default: str = "", choices: tuple[str, ...] = ()) -> str:
    """A string, one of ``choices`` if given, else ``default``."""
    value = settings.value(key, default)
    if not isinstance(value, str) or (choices and value not in choices):
        return default
    return value


def read_bytes(settings: QSettings, key: str) -> QByteArray:
    value = settings.value(key, QByteArray())
    return value if isinstance(value, QByteArray) else QByteArray()
