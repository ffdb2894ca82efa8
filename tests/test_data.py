"""Loading MNIST from both layouts, and refusing broken files with a message that names them."""

import gzip
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import write_npz

from digitpad import paths
from digitpad.data import (
    IMAGES_MAGIC,
    LABELS_MAGIC,
    TYPED_DIGITS_FILE,
    DataError,
    Mnist,
    load_mnist,
    typed_bank,
    validation_split,
)


def write_idx(path: Path, array: np.ndarray, magic: int, compress: bool = False) -> Path:
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in array.shape)
    raw = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(raw) if compress else raw)
    return path


def write_idx_folder(folder: Path, mnist, count: int = 100, compress: bool = True) -> Path:
    folder.mkdir(exist_ok=True)
    suffix = ".gz" if compress else ""
    for prefix, images, labels in (("train", mnist.x_train, mnist.y_train), ("t10k", mnist.x_test, mnist.y_test)):
        write_idx(folder / f"{prefix}-images-idx3-ubyte{suffix}", images[:count], IMAGES_MAGIC, compress)
        write_idx(folder / f"{prefix}-labels-idx1-ubyte{suffix}", labels[:count], LABELS_MAGIC, compress)
    return folder


@pytest.fixture
def digits() -> Mnist:
    """Made-up arrays in MNIST's layout: reading and checking files needs no real digits."""
    rng = np.random.default_rng(7)
    images = lambda n: rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)  # noqa: E731
    labels = lambda n: rng.integers(0, 10, n, dtype=np.uint8)  # noqa: E731
    return Mnist(images(300), labels(300), images(200), labels(200), source="made up")


def test_shared_data_loads_whole(mnist):
    assert mnist.x_train.shape == (19690, 28, 28) and mnist.x_test.shape == (10000, 28, 28)
    assert mnist.x_train.dtype == np.uint8 and set(np.unique(mnist.y_test)) == set(range(10))


@pytest.mark.parametrize("compress", [True, False])
def test_idx_folder_and_npz_give_the_same_arrays(digits, tmp_path, compress):
    from_idx = load_mnist(write_idx_folder(tmp_path / "idx", digits, compress=compress))
    from_npz = load_mnist(write_npz(tmp_path / "mnist.npz", digits))
    for name in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(from_idx, name), getattr(from_npz, name))
    np.testing.assert_array_equal(from_idx.x_test, digits.x_test[:100])


def test_environment_variable_is_used_when_no_path_is_given(digits, tmp_path, monkeypatch):
    monkeypatch.setenv("DIGITPAD_MNIST", str(write_npz(tmp_path / "mine.npz", digits, count=7)))
    assert len(load_mnist().x_train) == 7


def test_keras_cache_is_used_after_the_explicit_sources(digits, tmp_path, monkeypatch):
    monkeypatch.delenv("DIGITPAD_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    (tmp_path / "datasets").mkdir()
    write_npz(tmp_path / "datasets" / "mnist.npz", digits, count=9)
    assert len(load_mnist().x_train) == 9


def test_no_data_and_no_network_says_where_to_put_the_files(tmp_path, monkeypatch):
    import keras

    def offline():
        raise OSError("network is unreachable")

    monkeypatch.delenv("DIGITPAD_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    with pytest.raises(DataError, match="could not be downloaded") as caught:
        load_mnist()
    assert str(tmp_path / "datasets" / "mnist.npz") in str(caught.value)
    assert "--data" in str(caught.value)


def test_bad_magic_number_is_named(digits, tmp_path):
    folder = write_idx_folder(tmp_path, digits, compress=False)
    labels = folder / "train-labels-idx1-ubyte"
    write_idx(labels, digits.y_train[:100], 0x00000803)
    with pytest.raises(DataError, match=r"train-labels-idx1-ubyte: bad magic number 0x00000803, expected 0x00000801"):
        load_mnist(folder)


def test_truncated_idx_file(digits, tmp_path):
    folder = write_idx_folder(tmp_path, digits, compress=False)
    images = folder / "t10k-images-idx3-ubyte"
    images.write_bytes(images.read_bytes()[:-50])
    with pytest.raises(DataError, match=r"t10k-images-idx3-ubyte: truncated"):
        load_mnist(folder)


def test_truncated_gzip(digits, tmp_path):
    folder = write_idx_folder(tmp_path, digits, compress=True)
    images = folder / "train-images-idx3-ubyte.gz"
    images.write_bytes(images.read_bytes()[:200])
    with pytest.raises(DataError, match=r"train-images-idx3-ubyte.gz: cannot be read"):
        load_mnist(folder)


def test_image_and_label_counts_must_match(digits, tmp_path):
    folder = write_idx_folder(tmp_path, digits, compress=False)
    write_idx(folder / "train-labels-idx1-ubyte", digits.y_train[:99], LABELS_MAGIC)
    with pytest.raises(DataError, match="100 train images but 99 train labels"):
        load_mnist(folder)


def test_missing_idx_file_is_named(digits, tmp_path):
    folder = write_idx_folder(tmp_path, digits)
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError, match="no t10k-labels-idx1-ubyte"):
        load_mnist(folder)


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ({"x_train": np.zeros((10, 32, 32), np.uint8)}, r"x_train has shape \(10, 32, 32\)"),
        ({"x_test": np.zeros((100, 28, 28), np.float64)}, "x_test has dtype float64"),
        ({"y_test": np.full(100, 12)}, "y_test has labels outside 0-9"),
        ({"y_train": np.zeros((100, 10))}, r"y_train has shape \(100, 10\)"),
    ],
)
def test_npz_with_wrong_arrays(digits, tmp_path, replace, message):
    with pytest.raises(DataError, match=message):
        load_mnist(write_npz(tmp_path / "bad.npz", digits, **replace))


def test_pickled_npz_is_refused(digits, tmp_path):
    path = write_npz(tmp_path / "pickled.npz", digits, y_test=np.array([object()] * 100, dtype=object))
    with pytest.raises(DataError, match="pickled objects"):
        load_mnist(path)


def test_npz_missing_arrays(tmp_path):
    np.savez(tmp_path / "partial.npz", x_train=np.zeros((1, 28, 28), np.uint8))
    with pytest.raises(DataError, match="missing array"):
        load_mnist(tmp_path / "partial.npz")


@pytest.mark.parametrize("content", [b"", b"this is not a zip file", b"PK\x03\x04 broken"])
def test_garbage_npz(tmp_path, content):
    (tmp_path / "garbage.npz").write_bytes(content)
    with pytest.raises(DataError, match=r"garbage\.npz"):
        load_mnist(tmp_path / "garbage.npz")


def test_missing_path(tmp_path):
    with pytest.raises(DataError, match="no such file or folder"):
        load_mnist(tmp_path / "nowhere")


def test_the_validation_split_is_fixed_unless_a_fold_is_held_out_instead(digits):
    first, second = validation_split(digits), validation_split(digits)
    np.testing.assert_array_equal(first[2], second[2])
    assert len(first[2]) == 30 and len(first[0]) == 270  # a tenth held out

    fold = np.arange(300) % 3 == 0
    kept, _, held, held_labels = validation_split(replace(digits, held_out=fold))
    np.testing.assert_array_equal(held, digits.x_train[fold])
    np.testing.assert_array_equal(held_labels, digits.y_train[fold])
    np.testing.assert_array_equal(kept, digits.x_train[~fold])


def test_the_typed_bank_names_the_font_of_every_digit_and_refuses_a_bank_whose_fonts_do_not_fit(tmp_path, monkeypatch):
    images, labels, font_files = typed_bank()
    assert len(font_files) == len(images) == len(labels)
    assert not any("DejaVu" in str(name) for name in font_files)  # the canvas benchmark's fonts stay apart
    font_of = np.zeros(len(images), dtype=np.uint8)
    font_of[-1] = 1  # a font the bank does not name
    np.savez(tmp_path / TYPED_DIGITS_FILE, x=images, y=labels, font=font_of, fonts=np.array(["Only.ttf"]))
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    with pytest.raises(DataError, match="fonts are not a list of font names"):
        typed_bank()
    for font_of in (np.zeros(len(images)), np.full(len(images), "0"), np.zeros((len(images), 2), dtype=np.uint8)):
        np.savez(tmp_path / TYPED_DIGITS_FILE, x=images, y=labels, font=font_of, fonts=np.array(["Only.ttf"]))
        with pytest.raises(DataError, match="fonts are not a list of font names"):
            typed_bank()  # floats, text or a table where each digit's font number should be
