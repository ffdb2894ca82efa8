"""Every file is hostile until proven otherwise: each test builds its hostile input and expects a clear error."""

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hostile import (
    WRONG_JSON,
    eps_picture,
    idx_gzip_bomb,
    model_config_bomb,
    model_external_storage,
    model_huge_dataset,
    model_huge_units,
    model_inf_weights,
    model_nan_weights,
    model_virtual_dataset,
    model_wrong_json,
    npz_bomb,
    npz_huge_shape,
    npz_pickled,
    rotated_photo,
)

from digitpad import paths
from digitpad.data import DataError, load_mnist, read_idx
from digitpad.errors import ModelFileError
from digitpad.files import write_atomically
from digitpad.images import ImageFileError, read_image
from digitpad.model_card import accuracy_on_card, card_path, check_model_target, read_card, write_card
from digitpad.model_files import copy_model
from digitpad.preprocess import digit_vector
from digitpad.weights import read_dense_model


@contextlib.contextmanager
def memory_peak() -> Iterator[list[float]]:
    """The peak of Python and numpy allocations inside the block, in MB (both report to tracemalloc)."""
    peak: list[float] = []
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()


def digitpad(*args: str, env_extra: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "digitpad", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


# Models


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (model_config_bomb, "config.json would inflate to 67,1"),
        (model_huge_units, "a Dense layer of 1,000,000,000 units"),
        (model_huge_dataset, r"has shape \(784, 1000000000\), expected \(784, \d+\)"),
        (model_external_storage, "points outside the model file"),
        (model_virtual_dataset, "points outside the model file"),
        (model_nan_weights, "NaN or infinite"),
        (model_inf_weights, "NaN or infinite"),
    ],
)
def test_a_model_that_would_eat_memory_or_read_elsewhere_is_refused_before_reading(tmp_path, build, message):
    (tmp_path / "elsewhere.h5").write_bytes(b"")
    path = build(tmp_path)
    with memory_peak() as peak, pytest.raises(ModelFileError, match=message):
        read_dense_model(path)
    # A few copies of the weights (the shipped model's: 7 MB) and no more: nothing allocated on the file's word
    # (the bombs declare 64 MiB to 3 TB).
    assert peak[0] < 100


@pytest.mark.parametrize("kind", [*WRONG_JSON, "deep", "not-json"])
def test_a_config_of_the_wrong_shape_is_a_clear_error(tmp_path, kind):
    with pytest.raises(ModelFileError, match="not a readable Keras model"):
        read_dense_model(model_wrong_json(tmp_path, kind))


def test_nan_weights_are_a_clear_error_in_predict_not_nan_confidence(tmp_path, mnist):
    from conftest import on_canvas

    picture = tmp_path / "seven.png"
    on_canvas(mnist.x_test[0], (200, 200), (20, 20, 150), dark_ink=True).save(picture)
    done = digitpad("predict", "--json", "--model", str(model_nan_weights(tmp_path)), str(picture))
    assert done.returncode == 2 and "NaN or infinite" in done.stderr and "Traceback" not in done.stderr
    assert "NaN" not in done.stdout


# Data


def test_a_gzip_idx_bomb_is_refused_from_its_first_bytes(tmp_path):
    bad_magic = idx_gzip_bomb(tmp_path, magic=0x1234)
    with memory_peak() as peak, pytest.raises(DataError, match="bad magic number"):
        read_idx(bad_magic, 0x0803, "x_train")
    assert peak[0] < 5
    too_many = idx_gzip_bomb(tmp_path, count=5_000_000)
    with memory_peak() as peak, pytest.raises(DataError, match="declares 5,000,000 entries"):
        read_idx(too_many, 0x0803, "x_train")
    assert peak[0] < 5


def test_an_idx_with_more_data_than_its_header_says_stops_reading_there(tmp_path):
    with pytest.raises(DataError, match="has trailing bytes"):
        read_idx(idx_gzip_bomb(tmp_path, count=1000), 0x0803, "x_train")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (npz_huge_shape, "declares 1,000,000,000 entries"),
        (npz_bomb, "would inflate to 67,108,992 bytes for 7,840 bytes"),
        (npz_pickled, "pickled objects"),
    ],
)
def test_an_npz_is_checked_by_its_headers_before_it_is_inflated(tmp_path, build, message):
    path = build(tmp_path)
    with memory_peak() as peak, pytest.raises(DataError, match=message):
        load_mnist(path)
    assert peak[0] < 5


# Pictures


def test_postscript_is_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    with pytest.raises(ImageFileError, match="not a picture digitpad can read"):
        read_image(eps_picture(tmp_path))
    assert time.monotonic() - started < 5 and not (tmp_path / "ps-ran").exists()


def test_a_folder_lists_only_plain_raster_pictures(tmp_path):
    from conftest import on_canvas

    eps_picture(tmp_path)
    on_canvas(np.full((28, 28), 255, np.uint8), (50, 50), (10, 10, 30), dark_ink=True).save(tmp_path / "ok.png")
    done = digitpad("predict", "--json", "--model", str(paths.shipped_model_path()), str(tmp_path))
    assert [line.split('"file": ')[1].split(",")[0] for line in done.stdout.splitlines()] == [
        f'"{tmp_path / "ok.png"}"'
    ]


def test_a_phone_photo_is_read_the_right_way_up(tmp_path, mnist):
    predict = read_dense_model(paths.shipped_model_path())
    for i in range(6):
        photo = rotated_photo(tmp_path, mnist.x_test[i], f"{i}.jpg")
        assert predict(digit_vector(read_image(photo))).argmax() == mnist.y_test[i]


def test_an_unreadable_picture_says_permission_denied(tmp_path, monkeypatch):
    from PIL import Image

    def locked(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "locked.png"))

    monkeypatch.setattr(Image, "open", locked)  # root reads every file, so the lock is simulated
    with pytest.raises(ImageFileError, match=r"locked\.png: permission denied"):
        read_image(tmp_path / "locked.png")


def test_a_locked_folder_gets_an_error_line_and_the_rest_still_runs(tmp_path, monkeypatch, capsys, mnist):
    from conftest import on_canvas

    from digitpad import cli

    locked = tmp_path / "locked"
    locked.mkdir()
    good = tmp_path / "seven.png"
    on_canvas(mnist.x_test[0], (200, 200), (20, 20, 150), dark_ink=True).save(good)
    real_iterdir = type(locked).iterdir

    def iterdir(self):
        if self == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(type(locked), "iterdir", iterdir)
    assert cli.main(["predict", "--model", str(paths.shipped_model_path()), str(locked), str(good)]) == 1
    locked_line, good_line = capsys.readouterr().out.splitlines()
    assert locked_line == f"{locked}: error: permission denied" and good_line.startswith(f"{good}: 7 (")


def test_a_file_name_that_is_not_utf8_keeps_the_output(tmp_path, mnist):
    from conftest import on_canvas

    name = os.fsdecode(b"digit-\xff.png")
    on_canvas(mnist.x_test[0], (200, 200), (20, 20, 150), dark_ink=True).save(tmp_path / name)
    good = tmp_path / "plain.png"
    on_canvas(mnist.x_test[1], (200, 200), (20, 20, 150), dark_ink=True).save(good)
    model = str(paths.shipped_model_path())
    done = digitpad("predict", "--model", model, str(tmp_path), env_extra={"PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 0, done.stderr
    odd_line, good_line = done.stdout.splitlines()
    assert odd_line.startswith(f"{tmp_path}/digit-\\udcff.png: 7 (") and good_line.startswith(f"{good}: 2 (")


# Models and their cards


def test_a_card_beside_another_model_reads_as_no_card(tmp_path, shipped_accuracy):
    mine = copy_model(paths.shipped_model_path(), tmp_path / "m.keras")
    assert accuracy_on_card(read_card(mine)) == pytest.approx(shipped_accuracy)
    mine.write_bytes(mine.read_bytes() + b"\0")  # another model now, with the old card beside it
    assert accuracy_on_card(read_card(mine)) is None


def test_the_place_a_model_goes_is_checked_before_training(tmp_path):
    (tmp_path / "m.json").mkdir()
    with pytest.raises(ModelFileError, match=r"m\.json: is a folder"):
        check_model_target(tmp_path / "m.keras")
    with pytest.raises(ModelFileError, match=r"must end in \.keras"):
        check_model_target(tmp_path / "m.h5")
    (tmp_path / "file").write_text("")
    with pytest.raises(ModelFileError, match="is not a folder"):
        check_model_target(tmp_path / "file" / "m.keras")


def test_train_refuses_a_bad_out_at_once_and_touches_nothing(tmp_path):
    model = copy_model(paths.shipped_model_path(), tmp_path / "m.keras")
    before = model.read_bytes()
    card_path(model).unlink()
    card_path(model).mkdir()
    started = time.monotonic()
    done = digitpad("train", "--recipe", "reference", "--epochs", "1", "--out", str(model))
    assert done.returncode == 2 and "m.json: is a folder" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 10  # refused before TensorFlow was even imported
    assert model.read_bytes() == before


def test_partial_files_left_by_a_killed_process_are_cleaned_up(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".m.{dead.pid}.partial.keras"
    live = tmp_path / f".m.{os.getppid()}.partial.keras"  # a save still going on in a live process
    for leftover in (stale, live):
        leftover.write_bytes(b"half a model")
    write_atomically(tmp_path / "m.keras", lambda partial: partial.write_bytes(b"model"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["m.keras", live.name])


def test_a_failed_write_names_the_users_file_not_the_partial_one(tmp_path):
    target = tmp_path / "mine.keras"

    def disk_full(partial):
        raise OSError(errno.ENOSPC, "No space left on device", str(partial))

    with pytest.raises(OSError) as raised:
        write_atomically(target, disk_full)
    assert raised.value.filename == str(target) and raised.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_a_card_is_written_for_the_model_it_sits_beside(tmp_path):
    model = tmp_path / "m.keras"
    model.write_bytes(b"model one")
    write_card(model, {"test_accuracy": 0.5})
    assert accuracy_on_card(read_card(model)) == 0.5
    model.write_bytes(b"model two")  # replaced by a second run that was killed before its card
    assert accuracy_on_card(read_card(model)) is None


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="watches the child's libraries in /proc (Linux)")
@pytest.mark.parametrize("after_s", [0.0, 0.8, 1.6])  # TensorFlow's import takes about 2 s here
def test_ctrl_c_while_tensorflow_loads_exits_130_quietly(tmp_path, after_s):
    child = subprocess.Popen(
        [sys.executable, "-m", "digitpad", "train", "--epochs", "1", "--out", str(tmp_path / "m.keras")],
        stderr=subprocess.PIPE,
        text=True,
    )
    maps = Path(f"/proc/{child.pid}/maps")
    deadline = time.monotonic() + 30
    while "tensorflow" not in maps.read_text() and time.monotonic() < deadline:
        time.sleep(0.005)  # until TensorFlow's own library is loading: inside its import
    time.sleep(after_s)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130 and "Traceback" not in stderr, stderr
    said = stderr.strip().splitlines()[-1]
    assert said in (
        "digitpad: interrupted; nothing was written.",
        f"Training cancelled; {tmp_path / 'm.keras'} was not touched.",
    )
    assert not (tmp_path / "m.keras").exists()


def test_a_model_whose_weights_would_inflate_too_far_is_refused_before_keras_sees_it(tmp_path):
    import zipfile

    path = tmp_path / "functional-bomb.keras"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("config.json", '{"class_name": "Functional", "config": {}}')  # a model only Keras reads
        with archive.open("model.weights.h5", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(1 << 20))  # 300 MiB of zeros: a few hundred kB on disk
    with pytest.raises(ModelFileError, match=r"model\.weights\.h5 would inflate to 314,572,800 bytes"):
        read_dense_model(path)


def test_a_huge_card_is_read_as_no_card(tmp_path):
    model = copy_model(paths.shipped_model_path(), tmp_path / "m.keras")
    card = card_path(model)
    text = card.read_text()
    card.write_text(text[:-2] + "," + '"padding": "' + "x" * 100_000 + '"}\n')  # still its model's card
    assert accuracy_on_card(read_card(model)) is None
