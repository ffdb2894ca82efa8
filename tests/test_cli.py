"""The command line end to end, in real subprocesses, as a user would run it."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import on_canvas, write_npz
from PIL import Image

from digitpad.data import as_vectors
from digitpad.preprocess import digit_vector
from digitpad.verdict import Thresholds, verdict
from digitpad.weights import read_dense_model


def digitpad(*args: str, env_extra: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "digitpad", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


@pytest.fixture(scope="module")
def cli_model(mnist, tmp_path_factory) -> str:
    """A model trained by `digitpad train` itself: the reference recipe, one epoch."""
    out = tmp_path_factory.mktemp("cli") / "model.keras"
    done = digitpad("train", "--recipe", "reference", "--epochs", "1", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Test accuracy" in done.stdout and str(out) in done.stdout
    assert "epoch 1/1" in done.stderr  # the progress line
    card = json.loads(out.with_suffix(".json").read_text())
    assert card["recipe"]["name"] == "reference" and card["test_accuracy"] > 0.9
    return str(out)


def test_help_lists_the_commands():
    done = digitpad("--help")
    assert done.returncode == 0
    for command in ("train", "evaluate", "predict"):
        assert command in done.stdout


def test_evaluate_prints_accuracy_loss_and_confusion_matrix(cli_model, mnist):
    done = digitpad("evaluate", "--model", cli_model, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    confusion = np.array(result["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum() == 10000
    read = read_dense_model(cli_model)(as_vectors(mnist.x_test)).argmax(axis=1)  # the model, read in-process
    assert result["accuracy"] == pytest.approx(np.mean(read == mnist.y_test), abs=1e-4)
    assert confusion[3, 5] == np.sum((mnist.y_test == 3) & (read == 5))
    assert result["accuracy"] > 0.9 and 0 < result["loss"] < 0.5
    table = digitpad("evaluate", "--model", cli_model)
    assert "accuracy" in table.stdout and "confusion matrix" in table.stdout


def test_predict_reads_files_and_folders_and_reports_bad_ones(cli_model, mnist, tmp_path):
    folder = tmp_path / "drawings"
    folder.mkdir()
    labels = mnist.y_test[:30]
    for i, digit in enumerate(mnist.x_test[:30]):
        on_canvas(digit, (400, 300), (50 + i * 3, 20, 250), dark_ink=i % 2 == 0).save(folder / f"{i:02d}.png")
    (folder / "notes.txt").write_text("not a drawing")  # skipped: folders give their image files
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n but then nothing")
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)

    done = digitpad("predict", "--model", cli_model, "--json", str(folder), str(broken), str(blank))
    assert done.returncode == 1  # some files could not be read
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 32
    readings, failures = lines[:30], lines[30:]
    assert [line["file"] for line in readings] == [str(folder / f"{i:02d}.png") for i in range(30)]
    digits = np.array([line["digit"] for line in readings])
    assert np.mean(digits == labels) >= 0.9
    predict = read_dense_model(cli_model)
    thresholds = Thresholds.from_card(json.loads(Path(cli_model).with_suffix(".json").read_text()))
    assert thresholds != Thresholds()  # the card of a trained model has its own
    for line in readings:
        expected = predict(digit_vector(Image.open(line["file"])))  # the same file, read in-process
        np.testing.assert_allclose(line["probabilities"], expected, atol=1e-5)  # batched vs one: float32 order
        assert line["confidence"] == pytest.approx(expected.max(), abs=1e-5)
        assert line["verdict"] == verdict(expected, thresholds).value  # by the thresholds on the model's card
        assert set(line) == {"file", "digit", "confidence", "verdict", "probabilities"}
    assert failures[0]["file"] == str(broken) and "error" in failures[0] and "digit" not in failures[0]
    assert failures[1]["file"] == str(blank) and "empty" in failures[1]["error"]


def test_predict_plain_text_and_success_exit(cli_model, mnist, tmp_path):
    path = tmp_path / "seven.png"
    on_canvas(mnist.x_test[0], (300, 300), (30, 30, 200), dark_ink=True).save(path)
    done = digitpad("predict", "--model", cli_model, str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{path}: 7 (")


def test_a_broken_model_file_is_a_clear_error(tmp_path, mnist):
    model = tmp_path / "model.keras"
    model.write_bytes(b"garbage")
    image = tmp_path / "digit.png"
    on_canvas(mnist.x_test[0], (100, 100), (10, 10, 80), dark_ink=True).save(image)
    done = digitpad("predict", "--model", str(model), str(image))
    assert done.returncode == 2
    assert f"digitpad: {model}: not a readable Keras model" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_data_is_a_clear_error(tmp_path):
    (tmp_path / "mnist.npz").write_bytes(b"nope")
    done = digitpad("evaluate", "--data", str(tmp_path / "mnist.npz"))
    assert done.returncode == 2
    assert "not an .npz file" in done.stderr and "Traceback" not in done.stderr


def test_training_saves_nothing_when_it_fails(tmp_path):
    out = tmp_path / "model.keras"
    done = digitpad("train", "--data", str(tmp_path / "missing"), "--out", str(out))
    assert done.returncode == 2 and "no such file or folder" in done.stderr
    assert not out.exists()


def test_ctrl_c_cancels_training_and_keeps_the_model_it_would_replace(cli_model, tmp_path):
    out = tmp_path / "model.keras"
    shutil.copy(cli_model, out)
    before = out.read_bytes()
    training = subprocess.Popen(
        [sys.executable, "-m", "digitpad", "train", "--recipe", "reference", "--epochs", "100", "--out", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in training.stderr:  # piped, so the progress comes as one line per finished epoch
        if line.startswith("epoch 1/100"):
            break
    training.send_signal(signal.SIGINT)
    _, rest = training.communicate(timeout=120)
    assert training.returncode == 130
    assert f"Training cancelled; {out} was not touched." in rest
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.keras"]


def test_with_no_model_anywhere_the_first_prediction_trains_one(small_mnist, tmp_path, monkeypatch, capsys):
    from digitpad import cli, paths

    write_npz(tmp_path / "small.npz", small_mnist, count=2000)
    monkeypatch.setenv("DIGITPAD_MNIST", str(tmp_path / "small.npz"))
    monkeypatch.setattr(paths, "shipped_model_path", lambda: tmp_path / "not-shipped.keras")
    monkeypatch.setattr(cli, "DEFAULT_RECIPE", "reference")  # seconds, not minutes
    image = tmp_path / "digit.png"
    on_canvas(small_mnist.x_test[0], (200, 200), (20, 20, 150), dark_ink=True).save(image)

    assert cli.main(["predict", "--json", str(image)]) == 0
    assert "No model yet: training one first" in capsys.readouterr().err
    assert paths.user_model_path().is_file() and paths.user_model_path().with_suffix(".json").is_file()


def test_a_model_that_cannot_be_written_is_a_clear_error(small_mnist, tmp_path, monkeypatch, capsys):
    from digitpad import cli

    write_npz(tmp_path / "small.npz", small_mnist, count=500)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "model.keras"  # its folder cannot be made: a file is in the way
    code = cli.main(
        ["train", "--data", str(tmp_path / "small.npz"), "--recipe", "reference", "--epochs", "1", "--out", str(out)]
    )
    assert code == 2
    assert "digitpad: " in capsys.readouterr().err
    assert blocker.read_text() == "not a folder"
