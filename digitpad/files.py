"""Writes that matter are atomic: a file is either its old self or the whole new one, never half."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call ``write(partial)`` on a file beside ``target``, flush it to disk, then rename it over ``target``.

    The partial file keeps the target's suffix, because some writers (Keras, image encoders) go by it.
    A failure is raised as an OSError that names ``target``, never the hidden partial file.
    """
    target = Path(target)
    partial = target.with_name(f".{target.stem}.{os.getpid()}.partial{target.suffix}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(target)
        write(partial)
        with open(partial, "rb+") as file:
            os.fsync(file.fileno())
        os.replace(partial, target)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(target)) from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def remove_stale_partials(target: Path) -> None:
    """Remove partial files of ``target`` left by processes that were killed mid-write (their pid is gone)."""
    pattern = re.compile(rf"\.{re.escape(target.stem)}\.(\d+)\.partial{re.escape(target.suffix)}")
    for leftover in target.parent.glob(f".{target.stem}.*.partial{target.suffix}"):
        match = pattern.fullmatch(leftover.name)
        if match and not _process_alive(int(match[1])):
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows, os.kill(pid, 0) would end that process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to another user
        return True
    return True
