"""The Keras dense network: recipes, training with progress and cancellation, evaluation, safe files.

TensorFlow is imported here and only here (besides data's last-resort download): the GUI loads this
module on its worker thread, never at start-up.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from digitpad.augment import add_serifs_to_ones, close_tops_of_fours, distort
from digitpad.data import Mnist, as_vectors, typed_digits, validation_split
from digitpad.errors import ModelFileError
from digitpad.evaluation import Evaluation, evaluate
from digitpad.files import write_atomically
from digitpad.model_card import check_model_target, write_card
from digitpad.nondigits import TRAINING_SHAPES, make_nondigits
from digitpad.predictor import ACTIVATIONS, CLASSES, INPUTS, DenseLayer, DensePredictor, dense_predictor, networks_in
from digitpad.quiet import native_stderr_silenced
from digitpad.training import (
    RECIPES,
    EpochResult,
    Recipe,
    TrainedModel,
    TrainingCancelled,
    TrainingProgress,
    TrainingRequest,
    targets,
)
from digitpad.verdict import choose_thresholds, fit_temperature

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
with native_stderr_silenced():
    import keras
    import tensorflow  # noqa: F401 - imported here, while its start-up messages go nowhere


def _no_huge_pages_for_arrays() -> None:
    """Each epoch's distorted copy of the training images is a fresh array of some 60 MB. numpy asks Linux to
    back arrays that large with huge pages; where those are hard to find, the kernel spent up to 18 s finding
    them for one epoch's copy that takes 1.2 s to compute (on this project's machine: see the README's
    training figures). Ordinary pages cost a little more per access and nothing to find. NUMPY_MADVISE_HUGEPAGE
    says the same, but only before numpy is imported; a numpy without this switch is left as it is."""
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:
        return
    _set_madvise_hugepage(False)


_no_huge_pages_for_arrays()


def build_model(recipe: Recipe, total_steps: int) -> keras.Model:
    layers = [keras.Input(shape=(INPUTS,))]
    for units in recipe.hidden:
        layers.append(keras.layers.Dense(units, activation="relu"))
        if recipe.dropout:
            layers.append(keras.layers.Dropout(recipe.dropout))
    layers.append(keras.layers.Dense(CLASSES, activation="softmax"))
    model = keras.Sequential(layers, name=f"digitpad_{recipe.name}")
    if recipe.optimizer == "adam-cosine":
        optimizer = keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(1e-3, total_steps))
    else:
        optimizer = keras.optimizers.RMSprop()
    model.compile(optimizer=optimizer, loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def train(
    data: Mnist,
    recipe: Recipe,
    *,
    epochs: int | None = None,
    batch_size: int | None = None,
    on_progress: Callable[[TrainingProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    seed: int = 0,
) -> keras.Model:
    """Train a new model on the training images less the validation split; raises TrainingCancelled if
    ``should_stop`` turns true between two batches. A recipe of several members trains them one after
    another, with seeds ``seed``, ``seed + 1``..., and returns them as one stack (``averaged``)."""
    epochs = epochs or recipe.epochs
    batch_size = batch_size or recipe.batch_size
    monitor = _Monitor(recipe.members * epochs, on_progress, should_stop)
    members = []
    for member in range(recipe.members):
        monitor.epochs_before = member * epochs
        members.append(_train_member(data, recipe, epochs, batch_size, monitor, seed + member))
        if monitor.cancelled:
            raise TrainingCancelled("training was cancelled")
    return members[0] if len(members) == 1 else averaged(members, recipe)


def _train_member(
    data: Mnist, recipe: Recipe, epochs: int, batch_size: int, monitor: _Monitor, seed: int
) -> keras.Model:
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    images, digits, held_images, held_digits = validation_split(data)
    validation = (as_vectors(held_images), targets(held_digits))
    images, taught, digits = _with_nondigits(images, digits, recipe, rng)
    monitor.batches = -(-len(images) // batch_size)
    model = build_model(recipe, total_steps=epochs * monitor.batches)
    if recipe.augment:
        source = _DistortedEpochs(images, digits, taught, batch_size, rng, recipe.closed_fours)
        model.fit(source, epochs=epochs, validation_data=validation, verbose=0, callbacks=[monitor])
    else:
        model.fit(images.reshape(len(images), INPUTS), taught, epochs=epochs, batch_size=batch_size,
                  validation_data=validation, verbose=0, callbacks=[monitor])  # fmt: skip
    return model


def averaged(members: Sequence[keras.Model], recipe: Recipe) -> keras.Model:
    """One stack of Dense layers that computes the mean of the members' logits, so that the numpy forward pass,
    the model file and every reader stay as they are: each hidden layer holds the members' units side by side
    (the first reads the same pixels, the next ones a block-diagonal kernel, each block reading its own
    member's units), and the last adds up the members' logits, each divided by their number."""
    stacks = [dense_layers(member) for member in members]
    if any(stack is None or len(stack) != len(stacks[0]) for stack in stacks):
        raise ValueError("only stacks of plain Dense layers of the same depth can be averaged")
    weights, last = [], len(stacks[0]) - 1
    for depth, layers in enumerate(zip(*stacks, strict=True)):
        kernels, biases = [layer.kernel for layer in layers], [layer.bias for layer in layers]
        if depth == last:
            weights += [np.concatenate(kernels, axis=0) / len(members), np.mean(biases, axis=0)]
        else:
            kernel = np.concatenate(kernels, axis=1) if depth == 0 else _block_diagonal(kernels)
            weights += [kernel, np.concatenate(biases)]
    wide = replace(recipe, hidden=tuple(units * len(members) for units in recipe.hidden), members=1)
    model = build_model(wide, total_steps=1)
    model.set_weights(weights)
    return model


def keep_members_apart(model: keras.Model) -> None:
    """While ``model`` is fine-tuned, keep the networks ``averaged`` joined in it apart: every hidden-to-hidden
    kernel stays block-diagonal (its other weights stay 0), so that the numpy reader still computes the members
    one by one, as fast as before. A single network is left as it is."""
    layers = dense_layers(model)
    members = networks_in(layers) if layers else 1
    if members == 1:
        return
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    for layer in dense[1:-1]:
        rows, columns = (size // members for size in layer.kernel.shape)
        mask = _block_diagonal([np.ones((rows, columns), dtype=np.float32)] * members)
        layer.kernel.constraint = lambda kernel, mask=mask: kernel * mask  # applied after every update


def _block_diagonal(kernels: Sequence[np.ndarray]) -> np.ndarray:
    joined = np.zeros(tuple(np.sum([kernel.shape for kernel in kernels], axis=0)), dtype=np.float32)
    row = column = 0
    for kernel in kernels:
        rows, columns = kernel.shape
        joined[row : row + rows, column : column + columns] = kernel
        row, column = row + rows, column + columns
    return joined


def _with_nondigits(
    images: np.ndarray, digits: np.ndarray, recipe: Recipe, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Images in [0, 1], their target probabilities, and their digits (-1 for a non-digit, whose target is flat)."""
    images = images.astype(np.float32) / 255.0
    digits = digits.astype(np.int64)
    count = round(len(images) * recipe.nondigits)
    if count:
        drawn, _ = make_nondigits(count, rng, TRAINING_SHAPES, (images * 255).astype(np.uint8), digits)
        images, digits = np.concatenate([images, drawn]), np.concatenate([digits, np.full(count, -1)])
    return images, targets(digits), digits


class _Monitor(keras.callbacks.Callback):
    """Reports progress at most every REPORT_SECONDS and after each epoch's validation, and stops training
    when asked."""

    REPORT_SECONDS = 0.1

    def __init__(self, epochs, on_progress, should_stop) -> None:
        super().__init__()
        self.epochs, self.batches = epochs, 0  # batches: set by each member's run
        self.on_progress, self.should_stop = on_progress, should_stop
        self.epoch = 0
        self.epochs_before = 0  # the earlier members' epochs, when a recipe trains several
        self.history: tuple[EpochResult, ...] = ()
        self.cancelled = False
        self._last_report = 0.0

    def on_epoch_begin(self, epoch, logs=None) -> None:
        self.epoch = self.epochs_before + epoch + 1

    def on_train_batch_end(self, batch, logs=None) -> None:
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
            self.model.stop_training = True
            return
        last_batch = batch + 1 == self.batches
        now = time.monotonic()
        if self.on_progress is not None and (last_batch or now - self._last_report >= self.REPORT_SECONDS):
            self._last_report = now
            self._report(batch + 1, logs or {})

    def on_epoch_end(self, epoch, logs=None) -> None:
        logs = logs or {}
        if self.cancelled or "val_loss" not in logs:
            return
        result = EpochResult(
            self.epoch,
            float(logs["loss"]),
            float(logs["accuracy"]),
            float(logs["val_loss"]),
            float(logs["val_accuracy"]),
        )
        self.history = (*self.history, result)
        if self.on_progress is not None:
            self._report(self.batches, logs)

    def _report(self, batch: int, logs: dict) -> None:
        self.on_progress(
            TrainingProgress(
                self.epoch, self.epochs, batch, self.batches, float(logs["loss"]), float(logs["accuracy"]), self.history
            )
        )


class _DistortedEpochs(keras.utils.PyDataset):
    """Batches from a freshly distorted copy of the training images, redrawn after every epoch."""

    def __init__(self, images: np.ndarray, digits: np.ndarray, targets: np.ndarray, batch_size: int, rng,
                 closed_fours: float = 0.0):  # fmt: skip
        super().__init__()
        self.images, self.digits, self.targets = images, digits, targets
        self.batch_size, self.rng, self.closed_fours = batch_size, rng, closed_fours
        self.on_epoch_end()

    def __len__(self) -> int:
        return -(-len(self.images) // self.batch_size)

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        batch = self.order[index * self.batch_size : (index + 1) * self.batch_size]
        return self.epoch_images[batch], self.targets[batch]

    def on_epoch_end(self) -> None:
        self.order = self.rng.permutation(len(self.images))
        drawn = add_serifs_to_ones(self.images, self.digits, self.rng)
        if self.closed_fours:
            drawn = close_tops_of_fours(drawn, self.digits, self.rng, self.closed_fours)
        self.epoch_images = distort(drawn, self.rng).reshape(len(self.images), INPUTS)


def train_and_save(
    request: TrainingRequest,
    data: Mnist,
    *,
    on_progress: Callable[[TrainingProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainedModel:
    """A whole run on ``data``: train, test, then save the model and its card atomically.

    The callers load the data and check ``request.out`` before TensorFlow's import (this module's), so that
    a mistake is said in a second. Nothing is written unless training finished and was not stopped.
    """
    if request.base is not None:  # the same kind of run, teaching an existing model the user's drawings
        from digitpad.personalize import personalize_and_save

        return personalize_and_save(request, data, on_progress=on_progress, should_stop=should_stop)
    started = time.monotonic()
    recipe = RECIPES[request.recipe]
    recipe = replace(recipe, epochs=request.epochs or recipe.epochs, batch_size=request.batch_size or recipe.batch_size)
    trained = train(data, recipe, on_progress=on_progress, should_stop=should_stop)
    calibration = calibrate(trained, data)
    evaluation = evaluate(fast_predictor(trained, request.out), data)
    if should_stop is not None and should_stop():
        raise TrainingCancelled("training was cancelled before the model was saved")
    out = save_model(trained, request.out)
    seconds = time.monotonic() - started
    write_model_card(out, recipe, data, evaluation, train_seconds=round(seconds, 1), **calibration)
    return TrainedModel(str(out), evaluation, seconds)


def calibrate(model: keras.Model, data: Mnist) -> dict:
    """Make the model's confidence honest on the validation split and on digits typed in fonts no model
    learned, and choose its verdict thresholds on the validation split.

    Temperature scaling: the last layer's weights are divided by the temperature that fits the validation
    digits best, which is the same as softmax(logits / T) and leaves every reading's digit as it was.
    Returns what goes on the model's card.
    """
    _, _, images, digits = validation_split(data)
    typed_images, typed_labels = typed_digits()
    layers = dense_layers(model)
    if layers is None:
        return {}
    vectors, typed_vectors = as_vectors(images), as_vectors(typed_images)
    logits_of = DensePredictor([*layers[:-1], replace(layers[-1], activation="linear")])
    # Fitted on handwriting and on printed-style digits alike, so that confidence means the same for both
    # kinds of digit people write.
    temperature = fit_temperature(
        np.concatenate([logits_of(vectors), logits_of(typed_vectors)]), np.concatenate([digits, typed_labels])
    )
    last = model.layers[-1]
    kernel, bias = last.get_weights()
    last.set_weights([kernel / temperature, bias / temperature])
    predict = fast_predictor(model)
    probabilities = predict(vectors)
    thresholds = choose_thresholds(probabilities, digits)
    return {
        "validation": {
            "images": len(digits),
            "accuracy": round(float(np.mean(probabilities.argmax(axis=1) == digits)), 4),
            "typed_images": len(typed_labels),
            "typed_accuracy": round(float(np.mean(predict(typed_vectors).argmax(axis=1) == typed_labels)), 4),
            "temperature": round(temperature, 4),
        },
        "verdict": thresholds.as_dict(),
    }


def fast_predictor(model: keras.Model, source: str = "the model") -> Callable[[np.ndarray], np.ndarray]:
    """A numpy forward pass when the model is a stack of plain Dense (and Dropout) layers, else Keras' own call."""
    layers = dense_layers(model)
    if layers is None:
        return lambda vectors: np.asarray(model(np.asarray(vectors, dtype=np.float32), training=False))
    return dense_predictor(layers, source)


def dense_layers(model: keras.Model) -> list[DenseLayer] | None:
    """The Dense layers' weights, or None if any layer is one the numpy forward pass would not compute exactly."""
    layers = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dropout):
            continue  # does nothing at inference
        plain = (
            type(layer) is keras.layers.Dense
            and layer.use_bias
            and layer.dtype_policy.name == "float32"
            and getattr(layer.activation, "__name__", None) in ACTIVATIONS
        )
        if not plain:
            return None
        kernel, bias = (np.asarray(weight, dtype=np.float32) for weight in layer.get_weights())
        layers.append(DenseLayer(kernel, bias, layer.activation.__name__))
    return layers


def save_model(model: keras.Model, path: str | os.PathLike[str]) -> Path:
    """Save atomically: write beside the target, flush to disk, then replace it in one step.

    Only the layers are saved. A trained model's optimizer state (two more copies of every weight for
    rmsprop) would triple the file, and nothing trains on from it: Personalize starts a new optimizer.
    """
    return write_atomically(check_model_target(path), _without_optimizer(model).save)


def _without_optimizer(model: keras.Model) -> keras.Model:
    if getattr(model, "optimizer", None) is None:
        return model
    bare = type(model).from_config(model.get_config())  # not clone_model: it compiles the copy with the optimizer
    bare.set_weights(model.get_weights())
    return bare


def load_model(path: str | os.PathLike[str]) -> keras.Model:
    """Load a .keras file in Keras' safe mode and check it maps a 784-vector to 10 probabilities."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as error:  # Keras raises many types for a damaged file; to a user they all mean one thing
        raise ModelFileError(f"{path}: not a readable Keras model ({type(error).__name__}: {error})") from None
    if not isinstance(model, keras.Model):
        raise ModelFileError(f"{path}: holds a {type(model).__name__}, not a Keras model")
    input_shape, output_shape = tuple(model.input_shape), tuple(model.output_shape)
    if input_shape != (None, INPUTS) or output_shape != (None, CLASSES):
        raise ModelFileError(
            f"{path}: not a digit model: it maps {input_shape} to {output_shape}, expected (None, 784) to (None, 10)"
        )
    if not all(np.isfinite(weight).all() for weight in model.get_weights()):
        raise ModelFileError(f"{path}: its weights hold NaN or infinite numbers: the model is broken")
    sums = fast_predictor(model, str(path))(np.zeros((1, INPUTS), dtype=np.float32)).sum(axis=1)
    if not np.allclose(sums, 1.0, atol=1e-3):
        raise ModelFileError(
            f"{path}: not a digit model: its outputs are not probabilities (they sum to {sums[0]:.3g})"
        )
    return model


def write_model_card(model_path: Path, recipe: Recipe, data: Mnist, evaluation: Evaluation, **extra) -> Path:
    """A small JSON file beside the model, bound to it by its sha256: how it was made and how well it does."""
    card = {
        "recipe": asdict(recipe),
        "data": data.describe(),
        "test_accuracy": round(evaluation.accuracy, 4),
        "test_loss": round(evaluation.loss, 4),
        "trained": time.strftime("%Y-%m-%d"),
        "keras": keras.__version__,
        **extra,
    }
    return write_card(model_path, card)
