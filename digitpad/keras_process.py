"""A model only Keras can read, read and run in a child process, so that its caller never imports TensorFlow.

Most digit models are plain Dense stacks that ``digitpad.weights`` reads in milliseconds. Anything else
goes to Keras' safe loader, but importing TensorFlow holds Python's GIL for seconds (a frozen window)
and a hostile file may make Keras hang or crash: in a child process none of that reaches the caller.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from pathlib import Path

import numpy as np

from digitpad.errors import DigitpadError, ModelFileError

LOAD_SECONDS = 180.0  # TensorFlow's import plus reading the model; a child that takes longer is stuck
PREDICT_SECONDS = 60.0
POLL_SECONDS = 0.05


class KerasProcessPredictor:
    """Probabilities for a batch of 784-vectors from a model loaded by Keras in a child process."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Start the child; ``wait_until_loaded`` then waits for Keras to read the model."""
        self.path = Path(path)
        self._abandoned = threading.Event()
        context = multiprocessing.get_context("spawn")  # a fork of a process running Qt is not safe
        self._connection, child_end = context.Pipe()
        self._child = context.Process(
            target=_serve, args=(str(self.path), child_end), name="digitpad-keras-reader", daemon=True
        )
        self._child.start()
        child_end.close()

    def wait_until_loaded(self) -> None:
        """Block until the model is loaded; raises ModelFileError (and ends the child) if it cannot be."""
        try:
            self._answer(LOAD_SECONDS)
        except BaseException:
            self.close()
            raise

    def abandon(self) -> None:
        """Give up waiting (from another thread): the child is killed and the waiting call raises."""
        self._abandoned.set()

    def __call__(self, vectors: np.ndarray) -> np.ndarray:
        self._connection.send(np.asarray(vectors, dtype=np.float32))
        return self._answer(PREDICT_SECONDS)

    def _answer(self, timeout: float):
        deadline = time.monotonic() + timeout
        while not self._connection.poll(POLL_SECONDS):
            if self._abandoned.is_set() or not self._child.is_alive():
                break
            if time.monotonic() > deadline:
                raise ModelFileError(f"{self.path}: Keras took more than {timeout:.0f} s to answer; given up")
        if self._abandoned.is_set():
            raise ModelFileError(f"{self.path}: reading the model was stopped")
        try:
            kind, value = self._connection.recv()
        except (EOFError, OSError):
            self._child.join(1.0)
            raise ModelFileError(
                f"{self.path}: the process reading this model stopped (exit code {self._child.exitcode})"
            ) from None
        if kind == "error":
            raise ModelFileError(value)
        return value

    def close(self) -> None:
        """End the child process; the predictor cannot be used after this."""
        if self._child.is_alive() and not self._abandoned.is_set():  # abandoned: no time to be polite
            with contextlib.suppress(OSError):
                self._connection.send(None)
            self._child.join(2.0)
        if self._child.is_alive():
            self._child.kill()
            self._child.join()
        self._connection.close()


def _serve(path: str, connection) -> None:
    """In the child: load the model with Keras, say so, then answer each batch until told to stop."""
    try:
        from digitpad import model

        predict = model.fast_predictor(model.load_model(path), path)
        connection.send(("ready", None))
        while (vectors := connection.recv()) is not None:
            connection.send(("probabilities", np.asarray(predict(vectors), dtype=np.float32)))
    except (EOFError, KeyboardInterrupt):
        pass
    except DigitpadError as error:
        connection.send(("error", str(error)))
    except Exception as error:  # whatever Keras raises on a hostile file, the caller hears it in words
        connection.send(("error", f"{path}: not a readable Keras model ({type(error).__name__}: {error})"))
    finally:
        connection.close()
