"""How the window says things in the user's language: a model ("the shipped model", and its test accuracy),
an error from the system.

The core says these in English for the command line; the window says them through Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from digitpad.model_files import ModelInfo, ModelOrigin


def model_name(model: ModelInfo) -> str:
    """How a sentence names it: "the shipped model", "your model", "mine.keras"."""
    if model.origin is ModelOrigin.SHIPPED:
        return QCoreApplication.translate("words", "the shipped model")
    if model.origin is ModelOrigin.YOURS:
        return QCoreApplication.translate("words", "your model")
    return model.path.name


def model_in_words(model: ModelInfo) -> str:
    """Its name and, from its card, its test accuracy."""
    if model.test_accuracy is None:
        return model_name(model)
    return QCoreApplication.translate("words", "{0}, {1} on the MNIST test set").format(
        model_name(model), f"{model.test_accuracy:.2%}"
    )


def os_error_in_words(error: OSError) -> str:
    """ "mine.png: permission denied" rather than "[Errno 13] Permission denied: '.mine.123.partial.png'"."""
    reason = (error.strerror or str(error)).rstrip(".")
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{reason[:1].lower()}{reason[1:]}."
