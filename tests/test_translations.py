"""The window in Simplified Chinese: every string translated, the compiled file current, and the window speaking it."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import read_after
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

import digitpad.__main__
from digitpad.gui import app as gui_app
from digitpad.gui.demo import draw_digit, draw_strokes
from digitpad.gui.language import SETTING, TRANSLATIONS, chosen_language, install_translators
from digitpad.gui.settings import open_settings
from digitpad.nondigits import SHAPES

TOOLS = Path(sys.executable).parent
CHINESE = TRANSLATIONS / "digitpad_zh_CN.ts"


def unfinished(ts: Path) -> list[str]:
    messages = ET.parse(ts).getroot().iter("message")
    return [m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"]


def test_every_string_of_the_window_has_a_chinese_translation(tmp_path):
    """pyside6-lupdate collects the strings of today's code: a new string without a translation fails here."""
    collected = tmp_path / CHINESE.name
    shutil.copy(CHINESE, collected)
    sources = sorted(str(path) for path in TRANSLATIONS.parent.glob("*.py"))
    subprocess.run(
        [TOOLS / "pyside6-lupdate", *sources, "-ts", collected, "-no-obsolete"], check=True, capture_output=True
    )
    assert unfinished(collected) == []
    assert len(list(ET.parse(collected).getroot().iter("message"))) > 100


def test_the_compiled_translation_is_made_from_the_current_one(tmp_path):
    compiled = tmp_path / "digitpad_zh_CN.qm"
    subprocess.run([TOOLS / "pyside6-lrelease", CHINESE, "-qm", compiled], check=True, capture_output=True)
    assert compiled.read_bytes() == CHINESE.with_suffix(".qm").read_bytes()


@pytest.fixture
def speaking(qapp):
    """Put the application's translators for a language in place, and take them away after the test."""
    installed = []

    def speak(language: str) -> None:
        installed.extend(install_translators(qapp, QLocale(language)))
        assert installed, f"no translation loaded for {language}"

    yield speak
    for translator in installed:
        QApplication.removeTranslator(translator)


def test_the_window_opens_in_chinese(qtbot, open_window, speaking):
    speaking("zh_CN")
    window = open_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "教学(&T)", "模型(&M)", "帮助(&H)"]
    assert window.retrain_action.text() == "重新训练(&R)…"
    assert window.result.confidence.text() == "请在画板上写一个数字"
    assert read_after(qtbot, window, lambda: draw_digit(window.canvas, 3)) == "3"
    assert window.result.confidence.text().startswith("把握 ")  # "99.5% sure"
    assert window.result.why.text() == "为什么这样识别"
    window.canvas.clear()
    read_after(qtbot, window, lambda: draw_strokes(window.canvas, SHAPES["hash"]))
    assert window.result.hint.text() == "不是数字？"
    assert window.model_label.text().startswith("模型：自带模型，MNIST 测试集正确率 ")
    # Qt's own strings follow too: the standard buttons of a dialog.
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    # Help lists the shortcuts by their entries' words, without the access keys Chinese menus add.
    assert ("打开图片", "Ctrl+O") in window.shortcuts() and not any("(" in what for what, _ in window.shortcuts())


def access_keys(menu) -> list[str]:
    """The letter after "&" in each entry of a menu (Alt+letter chooses it), for those that have one."""
    texts = [action.text().replace("&&", "") for action in menu.actions() if not action.isSeparator()]
    return [text[text.index("&") + 1].lower() for text in texts if "&" in text]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_two_entries_of_a_menu_share_an_access_key(open_window, speaking, language):
    if language != "en":
        speaking(language)
    window = open_window()
    menus = [window.menuBar(), *(action.menu() for action in window.menuBar().actions())]
    for menu in menus:
        keys = access_keys(menu)
        assert len(keys) == len(set(keys)), (menu.title(), keys)


def test_english_needs_no_translation(qtbot, open_window):
    window = open_window()
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&Edit", "&Teach", "&Model", "&Help"]


def test_the_language_is_asked_for_else_chosen_else_the_systems(qapp):
    settings = open_settings()
    assert chosen_language(settings) == QLocale.system()
    settings.setValue(SETTING, "zh_CN")
    assert chosen_language(settings).name() == "zh_CN"
    assert chosen_language(settings, "en").name() == "en_US"
    settings.setValue(SETTING, "klingon")  # a bad setting falls back to the system's
    assert chosen_language(settings) == QLocale.system()


def test_choosing_a_language_in_the_help_menu_is_kept_for_the_next_start(qtbot, open_window, monkeypatch):
    told = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *args: told.append(args[2]))
    window = open_window()
    [language_menu] = [a.menu() for a in window.menuBar().actions()[-1].menu().actions() if a.menu()]
    choices = {action.text(): action for action in language_menu.actions()}
    assert list(choices) == ["As the system", "English", "简体中文"] and choices["As the system"].isChecked()
    choices["简体中文"].trigger()
    assert chosen_language(window.settings).name() == "zh_CN" and "next start" in told[0]


def test_digitpad_dash_dash_lang_opens_the_window_in_that_language(monkeypatch):
    opened = []
    monkeypatch.setattr(gui_app, "main", lambda language=None: opened.append(language) or 0)
    monkeypatch.setattr(sys, "argv", ["digitpad", "--lang", "zh_CN"])
    assert digitpad.__main__.main() == 0 and opened == ["zh_CN"]
