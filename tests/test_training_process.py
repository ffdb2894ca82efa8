"""A training run in its own process: what its caller hears when it ends badly."""

import multiprocessing
import os
import signal

import pytest
from conftest import write_npz

from digitpad.training import TrainingFailed, TrainingRequest
from digitpad.training_process import _describe_failure, run_in_process


def test_a_run_whose_process_is_killed_fails_in_words_and_writes_nothing(small_mnist, tmp_path):
    data = write_npz(tmp_path / "small.npz", small_mnist, count=2000)
    out = tmp_path / "models" / "model.keras"

    def kill_the_child(progress) -> None:
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)  # as the kernel does when memory runs out

    with pytest.raises(TrainingFailed, match="it was killed, which usually means the computer ran out of memory"):
        run_in_process(TrainingRequest(str(out), "reference", epochs=50, data=str(data)), on_progress=kill_the_child)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_running_out_of_memory_is_told_in_words():
    request = TrainingRequest("model.keras", "reference", batch_size=60_000)
    assert _describe_failure(MemoryError(), request) == (
        "Training ran out of memory with batch size 60000; try a smaller batch."
    )
