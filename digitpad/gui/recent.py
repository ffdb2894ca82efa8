"""File > Open recent: the pictures opened last, newest first, kept in the settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QMenu, QWidget

RECENT_SETTING = "picture/recent"
MAX_RECENT = 8


class RecentPicturesMenu(QMenu):
    chosen = Signal(str)  # the path of the picture picked from the list

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Open &recent"), parent)
        self.settings = settings
        self._fill()

    def paths(self) -> list[str]:
        """The list as kept, newest first; whatever else the settings file holds there reads as no list."""
        value = self.settings.value(RECENT_SETTING, [])
        if isinstance(value, str):
            value = [value]  # Qt keeps a list of one as its one string
        if not isinstance(value, list):
            return []
        return [path for path in value if isinstance(path, str) and path][:MAX_RECENT]

    def add(self, path: str) -> None:
        self._keep([path, *(kept for kept in self.paths() if kept != path)][:MAX_RECENT])

    def forget(self, path: str) -> None:
        self._keep([kept for kept in self.paths() if kept != path])

    def _keep(self, paths: list[str]) -> None:
        self.settings.setValue(RECENT_SETTING, paths)
        self._fill()

    def _fill(self) -> None:
        self.clear()
        paths = self.paths()
        for number, path in enumerate(paths, start=1):
            shown = Path(path).name.replace("&", "&&")  # an & in a name is shown, not taken as an access key
            action = self.addAction(f"&{number} {shown}")
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, path=path: self.chosen.emit(path))
        if paths:
            self.addSeparator()
            self.addAction(self.tr("&Clear list"), lambda: self._keep([]))
        self.setEnabled(bool(paths))
