"""Where digitpad keeps its files: the user's model, and the model that ships with it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import platformdirs

HOME_ENV_VAR = "DIGITPAD_HOME"  # overrides the user data directory (tests and portable installs use it)
MODEL_FILE = "model.keras"
SHIPPED_MODEL_FILE = "digitpad-model.keras"


def user_data_dir() -> Path:
    """The platform's per-user data directory for digitpad."""
    override = os.environ.get(HOME_ENV_VAR)
    return Path(override) if override else platformdirs.user_data_path("digitpad", appauthor=False)


def user_model_path() -> Path:
    return user_data_dir() / MODEL_FILE


def trained_model_path() -> Path:
    """Where a model trained from the window's Retrain goes: a new file every run, so that none is lost."""
    return user_data_dir() / "trained" / f"model-{time.strftime('%Y%m%d-%H%M%S')}.keras"


def resources_dir() -> Path:
    """resources/ inside an installed wheel, else at the top of the source tree."""
    package = Path(__file__).resolve().parent
    inside = package / "resources"
    return inside if inside.is_dir() else package.parent / "resources"


def shipped_model_path() -> Path:
    return resources_dir() / SHIPPED_MODEL_FILE


def model_candidates(preferred: str | os.PathLike[str] | None = None) -> list[Path]:
    """The model files there are, in the order they are tried: ``preferred``, the user's, the shipped one."""
    found = [Path(preferred)] if preferred else []
    found += [user_model_path(), shipped_model_path()]
    return [path for path in dict.fromkeys(found) if path.is_file()]


def find_model(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The model to use: ``explicit`` if given, else the user's, else the shipped one, else None."""
    if explicit is not None:
        return Path(explicit)
    candidates = model_candidates()
    return candidates[0] if candidates else None
