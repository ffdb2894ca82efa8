"""Teach a model the user's handwriting: fine-tune it on their drawings mixed with MNIST, and prove it helped.

The model in use is fine-tuned (a small learning rate, a few epochs) on the user's drawings, distorted afresh
every epoch and repeated so that they make about a third of what it sees, mixed with MNIST training digits and
drawn non-digits so that it forgets nobody else's handwriting. Whether it helped is judged honestly: each
drawing is read by a model fine-tuned on the other drawings only (k-fold), before the final model learns
them all; and the MNIST test set is read before and after.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import keras
import numpy as np

from digitpad.augment import distort
from digitpad.data import Mnist, validation_split
from digitpad.evaluation import evaluate
from digitpad.model import calibrate, fast_predictor, keep_members_apart, load_model, save_model, write_model_card
from digitpad.model_card import accuracy_on_card, card_entry, read_card
from digitpad.nondigits import TRAINING_SHAPES, make_nondigits
from digitpad.predictor import INPUTS
from digitpad.samples import NoSamples, list_samples, sample_images
from digitpad.training import RECIPES, TrainedModel, TrainingCancelled, TrainingProgress, TrainingRequest, targets
from digitpad.verdict import Thresholds, Verdict, verdict

EPOCHS = 4
BATCH_SIZE = 128
LEARNING_RATE = 1e-4  # small: the model keeps what it knows and adds the user's way of writing
MNIST_MIX = 4000  # MNIST training digits in each epoch, beside the user's drawings
DRAWINGS_SHARE = 0.3  # the user's drawings (repeated) make about this share of an epoch
NONDIGITS = 800
FOLDS = 3  # each drawing is judged by a model that learned the others, never itself


def personalize_and_save(
    request: TrainingRequest,
    data: Mnist,
    *,
    on_progress: Callable[[TrainingProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainedModel:
    """Fine-tune the model in ``request.base`` on the user's drawings; save it and a card with before and after."""
    started = time.monotonic()
    images, digits = sample_images(list_samples())
    if not len(images):
        raise NoSamples("there are no drawings to learn from: keep some first (digitpad samples add, or the window)")
    epochs = request.epochs or EPOCHS
    base_card = read_card(request.base)  # None for a model opened from a file with no card, or another's
    base_thresholds = Thresholds.from_card(base_card)
    folds = _folds(len(images), np.random.default_rng(0))
    runs = len(folds) + 1  # a model per fold to judge, then the one that learns every drawing
    reporter = _Reporter(runs * epochs, on_progress, should_stop)
    base = load_model(request.base)
    before = _right(fast_predictor(base)(images.reshape(-1, INPUTS)), digits, base_thresholds)
    judged = np.zeros(len(images), dtype=bool)
    for held in folds:
        learner = _fine_tune(request.base, images[~held], digits[~held], data, epochs, reporter)
        judged[held] = _right(fast_predictor(learner)(images[held].reshape(-1, INPUTS)), digits[held], base_thresholds)
    model = _fine_tune(request.base, images, digits, data, epochs, reporter)
    calibration = calibrate(model, data)
    evaluation = evaluate(fast_predictor(model, request.out), data)
    if should_stop is not None and should_stop():
        raise TrainingCancelled("personalizing was cancelled before the model was saved")
    out = save_model(model, request.out)
    seconds = time.monotonic() - started
    personalized = {
        "base_model": str(request.base),
        "drawings": len(images),
        "drawings_right_before": round(float(before.mean()), 4),
        "drawings_right_after": round(float(judged.mean()), 4) if folds else None,
        "judged_by": f"{len(folds)}-fold: each drawing read by a model that did not learn it" if folds else None,
        "base_test_accuracy": accuracy_on_card(base_card),
        "epochs": epochs,
    }
    named = card_entry(base_card, "recipe", "name")
    recipe = RECIPES[named] if isinstance(named, str) and named in RECIPES else RECIPES[request.recipe]
    write_model_card(
        out, recipe, data, evaluation, train_seconds=round(seconds, 1), personalized=personalized, **calibration
    )
    return TrainedModel(str(out), evaluation, seconds)


def _folds(count: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Boolean masks of the held-out drawings of each fold; none with fewer than two drawings."""
    if count < 2:
        return []
    order = rng.permutation(count)
    masks = []
    for fold in range(min(FOLDS, count)):
        mask = np.zeros(count, dtype=bool)
        mask[order[fold :: min(FOLDS, count)]] = True
        masks.append(mask)
    return masks


def _right(probabilities: np.ndarray, digits: np.ndarray, thresholds: Thresholds) -> np.ndarray:
    """Per drawing: a digit read as itself, or a non-digit not called a digit."""
    said = [verdict(p, thresholds) for p in probabilities]
    return np.array(
        [
            s is not Verdict.DIGIT if digit < 0 else int(np.argmax(p)) == digit
            for p, s, digit in zip(probabilities, said, digits, strict=True)
        ]
    )


def _fine_tune(base_path, images, digits, data, epochs, reporter) -> keras.Model:
    """The base model, fine-tuned on these drawings mixed with MNIST digits and drawn non-digits."""
    model = load_model(base_path)
    keep_members_apart(model)
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="categorical_crossentropy", metrics=["accuracy"])
    rng = np.random.default_rng(1)
    mnist_images, mnist_digits, _, _ = validation_split(data)
    for _ in range(epochs):
        batch_images, taught = _epoch(images, digits, mnist_images, mnist_digits, rng)
        reporter.epoch += 1
        reporter.batches = -(-len(batch_images) // BATCH_SIZE)
        model.fit(batch_images, taught, batch_size=BATCH_SIZE, epochs=1, verbose=0, callbacks=[reporter])
        if reporter.cancelled:
            raise TrainingCancelled("personalizing was cancelled")
    return model


def _epoch(images, digits, mnist_images, mnist_digits, rng) -> tuple[np.ndarray, np.ndarray]:
    """One epoch's images (n, 784) and targets: the drawings repeated and freshly distorted, MNIST, non-digits."""
    mnist = rng.choice(len(mnist_images), size=min(MNIST_MIX, len(mnist_images)), replace=False)
    repeats = max(1, round(DRAWINGS_SHARE * MNIST_MIX / (1 - DRAWINGS_SHARE) / max(len(images), 1)))
    drawn = distort(np.repeat(images, repeats, axis=0), rng)
    drawn_digits = np.repeat(digits, repeats)
    nondigits, _ = make_nondigits(NONDIGITS, rng, TRAINING_SHAPES, mnist_images, mnist_digits)
    all_images = np.concatenate(
        [drawn.reshape(-1, INPUTS), mnist_images[mnist].reshape(-1, INPUTS) / 255.0, nondigits.reshape(-1, INPUTS)]
    ).astype(np.float32)
    all_digits = np.concatenate([drawn_digits, mnist_digits[mnist].astype(np.int64), np.full(NONDIGITS, -1)])
    order = rng.permutation(len(all_images))
    return all_images[order], targets(all_digits[order])


class _Reporter(keras.callbacks.Callback):
    """Progress over several fine-tuning runs, told as one run whose epochs follow on; stops when asked."""

    def __init__(self, epochs: int, on_progress, should_stop) -> None:
        super().__init__()
        self.epochs, self.on_progress, self.should_stop = epochs, on_progress, should_stop
        self.epoch, self.batches, self.cancelled = 0, 1, False

    def on_train_batch_end(self, batch, logs=None) -> None:
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
            self.model.stop_training = True
        elif self.on_progress is not None:
            logs = logs or {}
            self.on_progress(
                TrainingProgress(
                    self.epoch, self.epochs, batch + 1, self.batches, float(logs["loss"]), float(logs["accuracy"])
                )
            )
