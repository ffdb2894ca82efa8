"""The window's settings file, read as hostile as any other: a bad value falls back to its default."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from digitpad import paths


def open_settings() -> QSettings:
    """One INI file beside the user's model, so that DIGITPAD_HOME moves every file digitpad keeps."""
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


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
