"""Keep TensorFlow's C++ start-up chatter off the user's terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """absl, oneDNN and "no CUDA" messages are written to file descriptor 2 whatever TF_CPP_MIN_LOG_LEVEL
    says: point it at /dev/null meanwhile. Python's own errors still come out once the block ends."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
