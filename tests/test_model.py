"""Training, evaluating, saving and loading the dense network, and what happens when things go wrong."""

import zipfile

import numpy as np
import pytest

from digitpad.data import as_vectors
from digitpad.evaluation import evaluate
from digitpad.model import (
    ModelFileError,
    build_model,
    calibrate,
    fast_predictor,
    load_model,
    save_model,
    train,
)
from digitpad.training import RECIPES, TrainingCancelled


def test_a_short_run_on_a_small_real_subset_beats_chance_by_far(small_mnist):
    seen = []
    model = train(small_mnist, RECIPES["reference"], epochs=2, on_progress=seen.append)
    evaluation = evaluate(fast_predictor(model), small_mnist)
    assert evaluation.accuracy > 0.85  # chance is 0.10
    assert evaluation.confusion.sum() == len(small_mnist.x_test)
    read = np.asarray(model(as_vectors(small_mnist.x_test), training=False)).argmax(axis=1)  # Keras itself
    assert evaluation.accuracy == pytest.approx(np.mean(read == small_mnist.y_test), abs=1e-4)
    last = seen[-1]
    assert (last.epoch, last.epochs, last.batch, last.batches) == (
        2,
        2,
        29,
        29,
    )  # 3,600 images: a tenth is held out for validation
    assert 0.0 < last.loss < 1.0 and 0.8 < last.accuracy <= 1.0
    # The training curves: one point per finished epoch, on the training batches and the held-out tenth.
    assert [result.epoch for result in last.history] == [1, 2]
    assert all(0.8 < result.validation_accuracy <= 1.0 for result in last.history)
    assert last.history[1].validation_loss < last.history[0].validation_loss
    assert [len(progress.history) for progress in seen] == sorted(len(progress.history) for progress in seen)


def test_the_augmented_recipe_trains_and_reports_progress(small_mnist):
    seen = []
    model = train(small_mnist, RECIPES["digitpad"], epochs=1, on_progress=seen.append)
    assert seen[-1].batch == seen[-1].batches == 36  # 3,600 digits and a quarter as many non-digits
    assert evaluate(fast_predictor(model), small_mnist).accuracy > 0.7  # one distorted epoch; chance is 0.10


def test_cancelling_between_batches_raises_and_stops_early(small_mnist):
    seen = []
    with pytest.raises(TrainingCancelled):
        train(small_mnist, RECIPES["reference"], on_progress=seen.append, should_stop=lambda: bool(seen))
    assert all(progress.epoch == 1 for progress in seen)


def test_numpy_forward_pass_agrees_with_keras(mnist, trained_model):
    vectors = as_vectors(mnist.x_test[:2000])
    expected = np.asarray(trained_model(vectors, training=False))
    np.testing.assert_allclose(fast_predictor(trained_model)(vectors), expected, atol=1e-5)
    np.testing.assert_allclose(fast_predictor(trained_model)(vectors[0]), expected[0], atol=1e-5)


def test_evaluation_of_the_reference_recipe(mnist, trained_model):
    evaluation = evaluate(fast_predictor(trained_model), mnist)
    assert 0.95 < evaluation.accuracy < 0.98  # 96.3 % on this data, by the shared data's own README
    keras_loss = trained_model.compute_loss(y=np.eye(10)[mnist.y_test], y_pred=trained_model(as_vectors(mnist.x_test)))
    assert evaluation.loss == pytest.approx(float(keras_loss), rel=1e-3)


def test_save_and_load_round_trip(mnist, trained_model, tmp_path):
    path = save_model(trained_model, tmp_path / "models" / "digits.keras")
    loaded = load_model(path)
    vectors = as_vectors(mnist.x_test[:100])
    np.testing.assert_allclose(fast_predictor(loaded)(vectors), fast_predictor(trained_model)(vectors), atol=1e-6)
    assert [p.name for p in path.parent.iterdir()] == ["digits.keras"]  # nothing half-written is left beside it


def test_a_saved_model_holds_its_layers_and_not_the_optimizer_state(trained_model, tmp_path):
    path = save_model(trained_model, tmp_path / "model.keras")
    with zipfile.ZipFile(path) as archive:
        stored = archive.getinfo("model.weights.h5").file_size
    layers = sum(weight.nbytes for weight in trained_model.get_weights())
    assert trained_model.optimizer.variables  # trained: it has a state that could have been saved
    assert layers < stored < layers + 64 * 1024


def test_a_failed_save_keeps_the_previous_model(trained_model, tmp_path, monkeypatch):
    path = save_model(trained_model, tmp_path / "model.keras")
    before = path.read_bytes()

    def disk_full(self, filepath, *args, **kwargs):
        with open(filepath, "wb") as file:
            file.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(trained_model), "save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save_model(trained_model, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.keras"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable Keras model"),
        (b"definitely not a zip", "not a readable Keras model"),
        (b"PK\x03\x04" + bytes(100), "not a readable Keras model"),
    ],
)
def test_corrupt_model_files_are_refused(tmp_path, content, message):
    path = tmp_path / "broken.keras"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_a_truncated_model_file_is_refused(trained_model, tmp_path):
    path = save_model(trained_model, tmp_path / "model.keras")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ModelFileError, match=r"model\.keras: not a readable Keras model"):
        load_model(path)


def test_a_model_of_the_wrong_shape_is_refused(tmp_path):
    import keras

    wrong = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(5, activation="softmax")])
    path = save_model(wrong, tmp_path / "five-classes.keras")
    with pytest.raises(ModelFileError, match=r"maps \(None, 784\) to \(None, 5\)"):
        load_model(path)


def test_a_model_without_probabilities_is_refused(tmp_path):
    import keras

    logits = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10)])
    logits.layers[0].set_weights([np.zeros((784, 10)), np.full(10, 3.0)])
    path = save_model(logits, tmp_path / "logits.keras")
    with pytest.raises(ModelFileError, match="not probabilities"):
        load_model(path)


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelFileError, match="no such model file"):
        load_model(tmp_path / "absent.keras")


def test_model_files_must_be_keras_files(tmp_path):
    with pytest.raises(ModelFileError, match=r"must end in \.keras"):
        save_model(build_model(RECIPES["reference"], total_steps=1), tmp_path / "model.h5")


def test_calibration_keeps_every_reading_and_only_changes_how_sure_it_is(small_mnist):
    from digitpad.data import validation_split

    model = train(small_mnist, RECIPES["reference"], epochs=2)
    before = fast_predictor(model)(as_vectors(small_mnist.x_test))
    card = calibrate(model, small_mnist)
    after = fast_predictor(model)(as_vectors(small_mnist.x_test))
    assert (after.argmax(axis=1) == before.argmax(axis=1)).all()  # accuracy cannot get worse
    assert not np.allclose(after, before)
    _, _, _held_out, digits = validation_split(small_mnist)
    assert card["validation"]["images"] == len(digits) == 400
    assert 0 < card["verdict"]["not_a_digit_top_two"] <= 1 and 0 < card["verdict"]["digit"] <= 1


def test_training_never_sees_the_validation_images(small_mnist, monkeypatch):
    from digitpad import model as keras_side
    from digitpad.data import validation_split

    fitted = []
    real_fit = keras_side.keras.Model.fit
    monkeypatch.setattr(
        keras_side.keras.Model, "fit", lambda self, x, y=None, **kw: fitted.append(x) or real_fit(self, x, y, **kw)
    )
    train(small_mnist, RECIPES["reference"], epochs=1)
    _, _, held_out, _ = validation_split(small_mnist)
    seen = {row.tobytes() for row in (fitted[0] * 255).round().astype(np.uint8)}
    assert not any(image.reshape(784).tobytes() in seen for image in held_out)
    assert len(fitted[0]) == len(small_mnist.x_train) - len(held_out)


def test_a_recipe_of_two_networks_trains_each_and_reads_as_their_mean(small_mnist, tmp_path):
    from dataclasses import replace

    from digitpad.model import averaged, dense_layers
    from digitpad.weights import read_dense_model

    seen = []
    pair = train(small_mnist, replace(RECIPES["reference"], members=2), epochs=1, seed=5, on_progress=seen.append)
    assert (seen[-1].epoch, seen[-1].epochs) == (2, 2)  # one epoch each, one after the other
    assert [result.epoch for result in seen[-1].history] == [1, 2]
    assert [layer.kernel.shape for layer in dense_layers(pair)] == [(784, 1024), (1024, 10)]

    first, second = (train(small_mnist, RECIPES["reference"], epochs=1, seed=seed) for seed in (5, 6))
    vectors = as_vectors(small_mnist.x_test[:300])

    def logits(model):
        *hidden, last = dense_layers(model)
        return np.maximum(vectors @ hidden[0].kernel + hidden[0].bias, 0) @ last.kernel + last.bias

    mean = (logits(first) + logits(second)) / 2
    expected = np.exp(mean - mean.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    joined = averaged([first, second], RECIPES["reference"])
    np.testing.assert_allclose(np.asarray(joined(vectors, training=False)), expected, atol=1e-5)  # Keras itself
    read = read_dense_model(save_model(joined, tmp_path / "pair.keras"))  # the window's reader
    np.testing.assert_allclose(read(vectors), expected, atol=1e-5)
    assert not np.allclose(read(vectors), fast_predictor(first)(vectors), atol=1e-3)


def test_only_stacks_of_dense_layers_of_one_depth_are_averaged(small_mnist):
    from digitpad.model import averaged

    shallow = build_model(RECIPES["reference"], total_steps=1)
    deep = build_model(RECIPES["digitpad-large"], total_steps=1)
    with pytest.raises(ValueError, match="same depth"):
        averaged([shallow, deep], RECIPES["reference"])
