"""Colours that read on a light theme and a dark one alike: the window follows the system's palette, so a colour
of our own (a warning, a mistake) is made lighter or darker to suit the background it is drawn on."""

from __future__ import annotations

from PySide6.QtGui import QColor

WARNING = QColor(179, 92, 0)  # "Not a digit?", "Not sure: 4 or 9"
WRONG = QColor(200, 30, 30)  # a drawing or a test digit read wrong
READABLE = 4.5  # WCAG's least contrast for text (AA)
_EQUALLY_FAR = 0.179  # the luminance whose contrast with black and with white is the same


def luminance(colour: QColor) -> float:
    """Relative luminance, as WCAG defines it."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(colour: QColor, background: QColor) -> QColor:
    """``colour`` with its hue kept, made lighter on a dark background or darker on a light one until text in it
    reads there; unchanged if it reads already."""
    step = 0.02 if luminance(background) < _EQUALLY_FAR else -0.02
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    result = QColor(colour)
    while contrast(result, background) < READABLE and 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        result = QColor.fromHslF(max(hue, 0.0), saturation, lightness)  # a grey's hue is -1
    return result


def faded(background: QColor, foreground: QColor, share: float = 0.1) -> QColor:
    """A colour ``share`` of the way from ``background`` to ``foreground``: a shape that is there but not to be
    read (the bars of a drawing that is not a digit)."""
    mixed = (b + share * (f - b) for b, f in zip(background.getRgbF()[:3], foreground.getRgbF()[:3], strict=True))
    return QColor.fromRgbF(*mixed)
