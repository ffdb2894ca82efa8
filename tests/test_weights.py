"""Reading a dense model straight from its .keras file, without TensorFlow, and agreeing with Keras."""

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import on_canvas
from PIL import Image

from digitpad import paths
from digitpad.data import as_vectors
from digitpad.model import fast_predictor, load_model, save_model
from digitpad.preprocess import digit_vector
from digitpad.weights import ModelFileError, NotPlainDense, read_dense_model


@pytest.mark.parametrize("which", ["shipped", "freshly trained"])
def test_agrees_with_keras_on_real_mnist(mnist, trained_model, tmp_path, which):
    path = paths.shipped_model_path() if which == "shipped" else save_model(trained_model, tmp_path / "m.keras")
    vectors = as_vectors(mnist.x_test[:2000])
    expected = np.asarray(load_model(path)(vectors, training=False))
    np.testing.assert_allclose(read_dense_model(path)(vectors), expected, atol=1e-5)


def test_predicting_never_imports_tensorflow(mnist, tmp_path):
    image = tmp_path / "digit.png"
    on_canvas(mnist.x_test[0], (300, 300), (20, 30, 200), dark_ink=True).save(image)
    script = (
        "import sys; from digitpad import cli; code = cli.main(['predict', '--json', sys.argv[1]]); "
        "assert code == 0, code; assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, 'imported'"
    )
    done = subprocess.run([sys.executable, "-c", script, str(image)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"digit": 7' in done.stdout


def test_other_models_are_left_to_keras_and_still_predict(mnist, tmp_path):
    import keras

    rescaled = keras.Sequential(
        [keras.Input(shape=(784,)), keras.layers.Rescaling(2.0), keras.layers.Dense(10, activation="softmax")]
    )
    path = save_model(rescaled, tmp_path / "rescaled.keras")
    with pytest.raises(NotPlainDense):
        read_dense_model(path)
    image = tmp_path / "digit.png"
    on_canvas(mnist.x_test[0], (100, 100), (10, 10, 80), dark_ink=True).save(image)
    done = subprocess.run(
        [sys.executable, "-m", "digitpad", "predict", "--json", "--model", str(path), str(image)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = fast_predictor(rescaled)(digit_vector(Image.open(image))[None])[0]
    line = json.loads(done.stdout)
    assert line["digit"] == expected.argmax() and line["confidence"] == pytest.approx(expected.max(), abs=1e-5)
    assert line["verdict"] == "not a digit"  # an untrained model's flat output, with the default thresholds


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04" + bytes(64)])
def test_corrupt_files(tmp_path, content):
    path = tmp_path / "broken.keras"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=r"broken\.keras: not a readable Keras model"):
        read_dense_model(path)


def test_a_truncated_file(trained_model, tmp_path):
    path = save_model(trained_model, tmp_path / "model.keras")
    path.write_bytes(path.read_bytes()[:-5000])
    with pytest.raises(ModelFileError, match="not a readable Keras model"):
        read_dense_model(path)


def test_wrong_shape_and_no_probabilities(tmp_path):
    import keras

    five = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(5, activation="softmax")])
    logits = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10)])
    with pytest.raises(ModelFileError, match="maps 784 inputs to 5 outputs"):
        read_dense_model(save_model(five, tmp_path / "five.keras"))
    with pytest.raises(ModelFileError, match="not probabilities"):
        read_dense_model(save_model(logits, tmp_path / "logits.keras"))


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="no such model file"):
        read_dense_model(tmp_path / "absent.keras")


def test_why_a_reading_is_the_gradient_of_the_logit_difference_times_the_input(mnist):
    """Checked against finite differences of the two digits' logits on the shipped model."""
    from dataclasses import replace

    from digitpad.predictor import DensePredictor

    predict = read_dense_model(paths.shipped_model_path())
    logits = DensePredictor([*predict.layers[:-1], replace(predict.layers[-1], activation="linear")])
    x = as_vectors(mnist.x_test[:1])[0].astype(np.float64)
    towards, against = 7, 1
    probabilities, why = predict.explain(x, towards, against)
    np.testing.assert_allclose(probabilities, predict(x), atol=1e-6)  # the same forward pass
    second, first = np.argsort(probabilities)[-2:]  # by default: the reading against the runner-up
    np.testing.assert_array_equal(predict.explain(x)[1], predict.explain(x, first, second)[1])
    step, pixels = 1e-2, np.flatnonzero(x)[:40]
    for pixel in pixels:
        up, down = x.copy(), x.copy()
        up[pixel] += step
        down[pixel] -= step
        difference = [logits(v.astype(np.float32))[[towards, against]] for v in (up, down)]
        gradient = ((difference[0][0] - difference[0][1]) - (difference[1][0] - difference[1][1])) / (2 * step)
        assert why[pixel] == pytest.approx(x[pixel] * gradient, rel=0.05, abs=1e-3)
    assert why[x == 0].max() == 0 == why[x == 0].min()  # blank pixels pushed nowhere
    assert why.sum() > 0  # the 7 in this image pushes toward 7


def _stack(kernels: list[np.ndarray]) -> list:
    from digitpad.predictor import DenseLayer

    activations = ["relu"] * (len(kernels) - 1) + ["softmax"]
    biases = [np.full(kernel.shape[1], 0.1, np.float32) for kernel in kernels]
    return [
        DenseLayer(kernel.astype(np.float32), bias, activation)
        for kernel, bias, activation in zip(kernels, biases, activations, strict=True)
    ]


def test_networks_averaged_into_one_stack_are_read_apart_and_give_the_same_readings():
    from digitpad.predictor import dense_predictor

    rng = np.random.default_rng(3)
    first, middle, last = rng.normal(size=(784, 40)), rng.normal(size=(40, 40)) / 6, rng.normal(size=(40, 10))
    middle[:20, 20:] = middle[20:, :20] = 0  # two networks of 20 units side by side
    joined = dense_predictor(_stack([first, middle, last]), "test")
    leaked = middle.copy()
    leaked[3, 27] = 0.5  # one weight across: one network, read whole
    whole = dense_predictor(_stack([first, leaked, last]), "test")
    assert [len(branch) for branch in joined.branches] == [3, 3] and len(whole.branches) == 1
    assert [layer.kernel.shape for layer in joined.branches[0]] == [(784, 20), (20, 20), (20, 10)]

    drawings = (rng.random((50, 784)) < 0.2) * rng.random((50, 784))
    hidden = np.maximum(np.maximum(drawings @ first + 0.1, 0) @ middle + 0.1, 0)
    logits = hidden @ last + 0.1
    expected = np.exp(logits - logits.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(joined(drawings), expected, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(joined(drawings[0]), expected[0], rtol=1e-4, atol=1e-6)
    probabilities, push = joined.explain(drawings[0], towards=3, against=5)
    gradient = first @ ((middle @ ((last[:, 3] - last[:, 5]) * (hidden[0] > 0))) * (drawings[0] @ first + 0.1 > 0))
    np.testing.assert_allclose(probabilities, expected[0], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(push, drawings[0] * gradient, rtol=1e-3, atol=1e-5)
