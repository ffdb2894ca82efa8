"""A training run in a child process of its own.

A thread is not enough: importing TensorFlow and tracing a model hold Python's GIL for up to a second at a
time (measured: an 875 ms stall of the calling process's other threads), which would freeze a window.
A process also keeps a run that runs out of memory or crashes from taking its caller down with it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from digitpad.data import load_mnist
from digitpad.errors import DigitpadError
from digitpad.model_card import check_model_target
from digitpad.training import TrainedModel, TrainingCancelled, TrainingFailed, TrainingProgress, TrainingRequest

POLL_SECONDS = 0.05
STOP_GRACE_SECONDS = 3.0  # how long a stopped run may take to wind down before it is killed
CHILD_NICENESS = 5  # on a busy machine the caller's process gets the CPU first: drawing beats training


@dataclass(frozen=True)
class _Ended:
    """The child's last message when it did not finish: cancelled, or failed with a message for the user."""

    cancelled: bool
    message: str = ""


def run_in_process(
    request: TrainingRequest,
    *,
    on_progress: Callable[[TrainingProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    should_end_now: Callable[[], bool] | None = None,
) -> TrainedModel:
    """Train and save as ``request`` says, in a child process; blocks until it is done.

    Raises TrainingCancelled when ``should_stop`` turned true (the run stops between two batches) or
    ``should_end_now`` did (the child is killed at once: the app is quitting), TrainingFailed when the run
    could not finish. Either way the previous model is untouched: saves are atomic.
    """
    context = multiprocessing.get_context("spawn")  # a fork of a process running Qt or TensorFlow is not safe
    stop = context.Event()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_train_in_child, args=(request, sender, stop), name="digitpad-training")
    child.start()
    sender.close()  # the child holds the only writing end now: reading gives EOFError once it is gone
    try:
        return _follow(child, receiver, stop, on_progress, should_stop, should_end_now)
    finally:
        # A run that finished or failed is exiting already; a stopped one had its grace period in _follow.
        ending_now = should_end_now is not None and should_end_now()
        child.join(0 if ending_now else STOP_GRACE_SECONDS if not stop.is_set() else 0.5)
        if child.is_alive():
            child.kill()
            child.join()
        receiver.close()


def _follow(child, receiver, stop, on_progress, should_stop, should_end_now) -> TrainedModel:
    stop_asked = None
    while True:
        if should_end_now is not None and should_end_now():
            raise TrainingCancelled("training was ended")
        if stop_asked is None and should_stop is not None and should_stop():
            stop.set()
            stop_asked = time.monotonic()
        if stop_asked is not None and time.monotonic() - stop_asked > STOP_GRACE_SECONDS:
            raise TrainingCancelled("training was cancelled")  # still importing TensorFlow: it will be killed
        if not receiver.poll(POLL_SECONDS):
            continue
        try:
            message = receiver.recv()
        except EOFError:
            child.join()
            raise TrainingFailed(_crash_message(child.exitcode)) from None
        if isinstance(message, TrainingProgress):
            if on_progress is not None:
                on_progress(message)
        elif isinstance(message, TrainedModel):
            return message
        elif message.cancelled:
            raise TrainingCancelled("training was cancelled")
        else:
            raise TrainingFailed(message.message)


def _crash_message(exit_code: int | None) -> str:
    if exit_code == -signal.SIGKILL:
        how = "it was killed, which usually means the computer ran out of memory"
    elif exit_code is not None and exit_code < 0:
        how = f"it was stopped by signal {-exit_code}"
    else:
        how = f"it stopped unexpectedly (exit code {exit_code})"
    return f"Training did not finish: {how}."


def _train_in_child(request: TrainingRequest, connection, stop) -> None:
    if hasattr(os, "nice"):
        os.nice(CHILD_NICENESS)
    try:
        # Bad data or a bad place to save is found before TensorFlow's seconds-long import, not after.
        check_model_target(request.out)
        data = load_mnist(request.data)
        from digitpad import model

        trained = model.train_and_save(request, data, on_progress=connection.send, should_stop=stop.is_set)
        connection.send(trained)
    except TrainingCancelled:
        connection.send(_Ended(cancelled=True))
    except DigitpadError as error:
        connection.send(_Ended(cancelled=False, message=str(error)))
    except Exception as error:  # whatever TensorFlow raises, the user needs to hear it in words
        connection.send(_Ended(cancelled=False, message=_describe_failure(error, request)))
    finally:
        connection.close()


def _describe_failure(error: BaseException, request: TrainingRequest) -> str:
    if isinstance(error, MemoryError) or "ResourceExhausted" in type(error).__name__:
        batch = request.batch_size or "the recipe's"
        return f"Training ran out of memory with batch size {batch}; try a smaller batch."
    if isinstance(error, OSError):
        return f"Training could not save the model: {error}"
    return f"Training failed: {type(error).__name__}: {error}"
