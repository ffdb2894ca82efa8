"""A light or a dark system theme: what the window and its dialogs write in colours of their own must read on it."""

import numpy as np
from conftest import read_after
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from digitpad.evaluation import Evaluation
from digitpad.gui.demo import dark_palette, draw_strokes
from digitpad.gui.evaluation_view import EvaluationDialog
from digitpad.gui.theme import READABLE, WARNING, WRONG, contrast, readable_on
from digitpad.nondigits import SHAPES

WHITE, LIGHT_GREY, DARK_GREY = QColor(255, 255, 255), QColor(239, 239, 239), QColor(43, 43, 43)


def strongest_contrast(widget, background: QColor) -> float:
    """How far the most contrasting pixel of ``widget`` on screen stands from ``background``: its text, if any."""
    image = widget.grab().toImage()
    pixels = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    return max(contrast(QColor.fromRgb(pixel), background) for pixel in pixels)


def test_a_colour_is_made_just_light_or_dark_enough_to_read_and_keeps_its_hue():
    assert readable_on(QColor(0, 0, 0), WHITE) == QColor(0, 0, 0)  # reads already
    for background in (WHITE, LIGHT_GREY, DARK_GREY, QColor(255, 120, 120)):
        for colour in (WARNING, WRONG, QColor(128, 128, 128)):
            made = readable_on(colour, background)
            assert contrast(made, background) >= READABLE
            if colour.hslSaturation():
                assert abs(made.hslHue() - colour.hslHue()) <= 3
    assert readable_on(WARNING, DARK_GREY).lightness() > WARNING.lightness()


def test_not_a_digit_reads_in_a_light_and_a_dark_theme_with_its_bars_dim(qtbot, open_window):
    window = open_window()
    read_after(qtbot, window, lambda: draw_strokes(window.canvas, SHAPES["hash"]))
    result = window.result
    assert result.hint.text() == "Not a digit?"
    for palette in (window.palette(), dark_palette()):  # the system's theme, then a dark one chosen while it runs
        window.setPalette(palette)
        background = result.palette().color(QPalette.ColorRole.Window)
        qtbot.waitUntil(lambda background=background: strongest_contrast(result.hint, background) >= READABLE)
        chart = result.chart
        floor = chart.height() - chart.fontMetrics().height() - 4
        bar = QColor.fromRgb(chart.grab().toImage().pixel(chart.width() // 20, floor - 2))  # inside the 0's bar
        assert bar != background and contrast(bar, background) < 1.6  # there, but greyed


def test_the_evaluations_numbers_and_mistakes_read_in_a_dark_theme(qtbot):
    truth, read = np.array([3, 5, 8]), np.array([3, 3, 8])
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (truth, read), 1)
    evaluation = Evaluation(2 / 3, 0.5, confusion, truth=truth, read=read, confidence=np.array([0.9, 0.8, 0.99]))
    dialog = EvaluationDialog(evaluation, np.zeros((3, 28, 28), np.uint8), "three digits", "a model")
    qtbot.addWidget(dialog)
    dialog.setPalette(dark_palette())
    dialog.show_cell(5, 3)  # the one mistake: red, and a red that reads on the dark gallery
    wrong = dialog.gallery.item(0)
    assert contrast(wrong.foreground().color(), dialog.gallery.palette().color(QPalette.ColorRole.Base)) >= READABLE
    dialog.show_cell(8, 8)  # read right: in the theme's own text colour
    assert dialog.gallery.item(0).data(Qt.ItemDataRole.ForegroundRole) is None  # no colour of our own
    for row, column in ((3, 3), (5, 3), (8, 8)):  # coloured cells keep a light background: their count is dark
        cell = dialog.table.item(row, column)
        assert contrast(cell.foreground().color(), cell.background().color()) >= READABLE
