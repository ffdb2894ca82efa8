"""Where digitpad keeps its files: the user's model, and the model that ships with it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HOME_ENV_VAR = "DIGITPAD_HOME"  # overrides the user data directory (tests and portable installs use it)
MODEL_FILE = "model.keras"
SHIPPED_MODEL_FILE = "digitpad-model.keras"


def user_data_dir() -> Path:
    """The platform's per-user data directory for digitpad."""
    override = os.environ.get(HOME_ENV_VAR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "digitpad"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "digitpad"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "digitpad"


def user_model_path() -> Path:
    return user_data_dir() / MODEL_FILE


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
