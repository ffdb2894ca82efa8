"""Models the numpy reader does not fully understand go to Keras' safe loader, in a child process, and read right."""

import json
import subprocess
import sys
import warnings

import numpy as np
import pytest

from digitpad import paths
from digitpad.data import as_vectors
from digitpad.keras_process import KerasProcessPredictor
from digitpad.model import fast_predictor, load_model, save_model
from digitpad.model_files import open_predictor
from digitpad.predictor import DensePredictor
from digitpad.weights import NotPlainDense, read_dense_model


def dense_stack(hidden_activation: str = "relu", use_bias: bool = True):
    """A small digit model of an unusual kind, trained for one epoch so that its readings mean something."""
    import keras

    keras.utils.set_random_seed(1)
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(64, activation=hidden_activation, use_bias=use_bias),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


@pytest.fixture(scope="module")
def unusual_models(mnist, tmp_path_factory):
    """Dense stacks with a sigmoid, gelu or tanh hidden layer, one without biases, and an int8-quantized one."""
    import keras

    folder = tmp_path_factory.mktemp("unusual")
    x, y = as_vectors(mnist.x_train[:3000]), keras.utils.to_categorical(mnist.y_train[:3000], 10)
    made = {}
    for name, activation, use_bias in [
        ("sigmoid", "sigmoid", True),
        ("gelu", "gelu", True),
        ("tanh", "tanh", True),
        ("no-bias", "relu", False),
        ("int8", "relu", True),
    ]:
        model = dense_stack(activation, use_bias)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=1, batch_size=128, verbose=0)
        if name == "int8":
            with warnings.catch_warnings():  # Keras warns that the Input layer itself cannot be quantized
                warnings.simplefilter("ignore", UserWarning)
                model.quantize("int8")
        made[name] = save_model(model, folder / f"{name}.keras")
    return made


@pytest.mark.parametrize("name", ["sigmoid", "gelu", "tanh", "no-bias", "int8"])
def test_the_numpy_reader_leaves_them_to_keras(unusual_models, name):
    with pytest.raises(NotPlainDense):
        read_dense_model(unusual_models[name])


@pytest.mark.parametrize("name", ["sigmoid", "no-bias", "int8"])
def test_read_in_a_child_they_agree_with_keras(unusual_models, mnist, name):
    vectors = as_vectors(mnist.x_test[:1000])
    expected = np.asarray(load_model(unusual_models[name])(vectors, training=False))
    predict = open_predictor(unusual_models[name])
    try:
        assert isinstance(predict, KerasProcessPredictor)
        np.testing.assert_allclose(predict(vectors), expected, atol=1e-5)
        assert (predict(vectors).argmax(axis=1) == mnist.y_test[:1000]).mean() > 0.5  # chance is 0.1
    finally:
        predict.close()


def test_keras_side_uses_numpy_only_for_what_it_computes_exactly(unusual_models, trained_model):
    for name in ("gelu", "int8"):
        model = load_model(unusual_models[name])
        assert not isinstance(fast_predictor(model), DensePredictor)
    assert isinstance(fast_predictor(trained_model), DensePredictor)


def test_predict_on_the_command_line_reads_them_without_a_traceback(unusual_models, mnist, tmp_path):
    from conftest import on_canvas

    picture = tmp_path / "two.png"
    on_canvas(mnist.x_test[1], (200, 200), (20, 20, 150), dark_ink=True).save(picture)
    done = subprocess.run(
        [sys.executable, "-m", "digitpad", "predict", "--json", "--model", str(unusual_models["int8"]), str(picture)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["digit"] == 2


def test_a_damaged_file_keras_cannot_read_is_a_clear_error(tmp_path):
    from hostile import shipped_config, shipped_weights, write_model

    functional = write_model(
        tmp_path / "functional.keras", shipped_config(lambda c: c.update(class_name="Functional")), shipped_weights()
    )
    with pytest.raises(Exception, match=r"functional\.keras: not a readable Keras model") as raised:
        open_predictor(functional)
    assert type(raised.value).__name__ == "ModelFileError"


def test_the_shipped_model_stays_with_the_numpy_reader():
    assert isinstance(open_predictor(paths.shipped_model_path()), DensePredictor)
