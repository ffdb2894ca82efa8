"""A model file and its card (the JSON beside it: recipe, data, test accuracy) are one unit.

The card carries the sha256 of the model file it describes. A card left beside another model (a run
killed between the two writes, two runs at once, a model replaced by hand) no longer matches, and is
read as no card at all rather than as a description of the wrong model.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from digitpad.errors import ModelFileError
from digitpad.files import write_atomically

DIGEST_KEY = "model_sha256"
MAX_CARD_BYTES = 1 << 16  # a card is a few hundred bytes


def require_keras_file(path: Path) -> None:
    """Keras saves and loads a model by its suffix; anything but .keras would be another format."""
    if path.suffix != ".keras":
        raise ModelFileError(f"{path}: a model file must end in .keras")


def card_path(model_path: str | os.PathLike[str]) -> Path:
    return Path(model_path).with_suffix(".json")


def check_model_target(path: str | os.PathLike[str]) -> Path:
    """Refuse, before any work is done, a place a model and its card could not be saved to."""
    path = Path(path)
    require_keras_file(path)
    for target in (path, card_path(path)):
        if target.is_dir():
            raise ModelFileError(f"{target}: is a folder; the model and its card need this name for files")
    folder = next((parent for parent in (path.parent, *path.parent.parents) if parent.exists()), Path("."))
    if not folder.is_dir():
        raise ModelFileError(f"{folder}: is not a folder, so {path.name} cannot be saved in it")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ModelFileError(f"{path}: cannot be saved: no permission to write in {folder}")
    return path


def file_digest(path: str | os.PathLike[str]) -> str:
    import hashlib  # loads OpenSSL (3 ms): on the reader's thread, not before the window's first paint

    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_card(model_path: str | os.PathLike[str], card: dict) -> Path:
    """Write the card of the model now at ``model_path``, bound to that file by its sha256."""
    text = json.dumps({**card, DIGEST_KEY: file_digest(model_path)}, indent=2) + "\n"
    return write_atomically(card_path(model_path), lambda partial: partial.write_text(text))


def read_card(model_path: str | os.PathLike[str]) -> dict | None:
    """The card of the model at ``model_path``; None if there is none, it is unreadable, or it is another model's."""
    try:
        if card_path(model_path).stat().st_size > MAX_CARD_BYTES:
            return None
        card = json.loads(card_path(model_path).read_text())
        matches = isinstance(card, dict) and card.get(DIGEST_KEY) == file_digest(model_path)
    except (OSError, ValueError, RecursionError):
        return None
    return card if matches else None


def card_entry(card: object, *keys: str) -> object:
    """What a card says under ``keys``, one inside the other; None where it says nothing, or where a card edited
    by hand holds something other than a table on the way (a card is bound to its model, not to its own text)."""
    entry: object = card
    for key in keys:
        if not isinstance(entry, dict):
            return None
        entry = entry.get(key)
    return entry


def accuracy_on_card(card: dict | None) -> float | None:
    """The test accuracy a model's card gives, if it gives a sound one."""
    accuracy = (card or {}).get("test_accuracy")
    is_number = isinstance(accuracy, int | float) and not isinstance(accuracy, bool)
    return float(accuracy) if is_number and 0.0 <= accuracy <= 1.0 else None
