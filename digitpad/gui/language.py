"""The window's language: ``--lang``, else the user's choice in Help > Language, else the system's.

Translations are Qt's own: every string of the window goes through ``tr``; ``pyside6-lupdate`` collects them
into ``translations/digitpad_<language>.ts``, and ``pyside6-lrelease`` makes the ``.qm`` file read here
(``python scripts/update_translations.py`` runs both)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from digitpad.gui.settings import read_text

TRANSLATIONS = Path(__file__).parent / "translations"
# Each language by its own name, as a language menu shows them; "" follows the system.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SETTING = "window/language"


def chosen_language(settings: QSettings, asked: str | None = None) -> QLocale:
    """The locale the window speaks: ``asked`` (from ``--lang``), else the setting, else the system's."""
    name = asked or read_text(settings, SETTING, "", tuple(LANGUAGES))
    return QLocale(name) if name else QLocale.system()


def install_translators(app: QCoreApplication, locale: QLocale) -> list[QTranslator]:
    """Load digitpad's strings and Qt's own (standard buttons, file dialogs) for ``locale``; English needs
    none. Returns the translators, which must live as long as the application."""
    installed = []
    for name, folder in (
        ("digitpad", TRANSLATIONS),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
