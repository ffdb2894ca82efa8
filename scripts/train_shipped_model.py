"""Train the model digitpad ships, and the seeds' reference recipe beside it on the same data.

    DIGITPAD_MNIST=../shared/data/mnist .venv/bin/python scripts/train_shipped_model.py [--recipe NAME]

Each recipe trains on the training images less a fixed validation split (2,000 images), is calibrated
on that split (temperature scaling, verdict thresholds), and is judged there too: validation accuracy
and the share of validation non-digits (drawn with a seed training never uses) given the verdict "digit".
The test set only reports. Writes resources/digitpad-model.keras and its card, which names the recipe.
Then ``--fold-thresholds 3`` chooses the shipped model's verdict thresholds on all the training images.
A recipe of two members can also be made from two runs of its single-network recipe (``--seed s`` and
``--seed s+1``): ``--average A B`` folds them into one, and ``--thresholds-from`` gives it the thresholds
those runs' recipe got from its folds (the shipped card's were chosen so: see docs/model-trials.md).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, replace

import numpy as np

from digitpad import paths
from digitpad.data import as_vectors, fold_masks, load_mnist, validation_split
from digitpad.evaluation import evaluate
from digitpad.model import averaged, calibrate, fast_predictor, load_model, save_model, train, write_model_card
from digitpad.model_card import read_card, write_card
from digitpad.nondigits import SHAPES, VALIDATION_NONDIGIT_SEED, make_nondigits
from digitpad.training import RECIPES
from digitpad.verdict import Thresholds, Verdict, choose_thresholds, raised_for_nondigits, verdict

NONDIGITS_CALLED_DIGIT_ALLOWED = 0.10  # of the validation non-digits, for a shipped model and its thresholds


def validation_nondigits(predict, data) -> np.ndarray:
    """The readings of non-digits drawn from validation images (and every shape)."""
    _, _, images, labels = validation_split(data)
    drawn, _ = make_nondigits(1000, np.random.default_rng(VALIDATION_NONDIGIT_SEED), tuple(SHAPES), images, labels)
    return predict(drawn.reshape(len(drawn), 784))


def nondigits_called_digit(nondigits: np.ndarray, thresholds: Thresholds) -> float:
    """The share of validation non-digits (their readings, from validation_nondigits) given the verdict "digit"."""
    return float(np.mean([verdict(p, thresholds) is Verdict.DIGIT for p in nondigits]))


def covered_beside_nondigits(
    predict, data, nondigits: np.ndarray, allowed: float = NONDIGITS_CALLED_DIGIT_ALLOWED
) -> tuple[float, float]:
    """How well a model tells digits from non-digits, whatever its thresholds: at the lowest "digit" threshold
    that gives at most ``allowed`` of the validation non-digits (its readings of them) that verdict, the share
    of validation digits that get it, and how often those are right."""
    _, _, images, digits = validation_split(data)
    readings = predict(as_vectors(images))
    threshold = raised_for_nondigits(Thresholds(digit=0.0), nondigits, allowed).digit
    said = readings.max(axis=1) >= threshold
    return float(said.mean()), float(np.mean(readings[said].argmax(axis=1) == digits[said]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="mnist.npz or IDX folder (default: $DIGITPAD_MNIST)")
    parser.add_argument("--recipe", default="digitpad-large", choices=sorted(RECIPES))
    parser.add_argument("--out", default=str(paths.shipped_model_path()))
    parser.add_argument("--epochs", type=int, help="instead of the recipe's (to try a longer run)")
    parser.add_argument("--seed", type=int, default=0, help="of the recipe's run: weights, order, distortions")
    parser.add_argument(
        "--recalibrate",
        action="store_true",
        help="do not train: fit the temperature and thresholds of the model in --out again, as calibrate does now",
    )
    parser.add_argument(
        "--fold-thresholds",
        type=int,
        metavar="K",
        help="do not train the model in --out again: choose its verdict thresholds on every training image, "
        "each read by one of K models of its recipe that did not learn it",
    )
    parser.add_argument(
        "--average",
        nargs="+",
        metavar="FILE",
        help="do not train: fold these models, made by this script with seeds s, s+1, ... of the single-network "
        "recipe of --recipe, into one model of --recipe in --out, as training it would, calibrated and tested",
    )
    parser.add_argument(
        "--thresholds-from",
        metavar="FILE",
        help="do not train: give the model in --out the verdict thresholds on FILE's card, raised if need be "
        "until it gives at most 10%% of the validation non-digits the verdict digit",
    )
    args = parser.parse_args()
    data = load_mnist(args.data)
    print(f"data: {data.describe()}")
    if args.recalibrate:
        recalibrate(args.out, data)
    elif args.fold_thresholds:
        thresholds_from_folds(args.out, data, args.fold_thresholds)
    elif args.average:
        average(args.average, RECIPES[args.recipe], args.out, data)
    elif args.thresholds_from:
        thresholds_from(args.thresholds_from, args.out, data)
    else:
        train_and_compare(args, data)


def train_and_compare(args: argparse.Namespace, data) -> None:
    """Train the recipe and the reference beside it; save the recipe's model and its card."""
    results = {}
    chosen = replace(RECIPES[args.recipe], epochs=args.epochs or RECIPES[args.recipe].epochs)
    for name in ("reference", args.recipe):
        started = time.monotonic()
        model = train(data, chosen if name == args.recipe else RECIPES[name], seed=args.seed)
        calibration = calibrate(model, data)
        seconds = time.monotonic() - started
        predict = fast_predictor(model)
        evaluation = evaluate(predict, data)
        nondigits = validation_nondigits(predict, data)
        called = nondigits_called_digit(nondigits, Thresholds.from_card(calibration))
        covered, right = covered_beside_nondigits(predict, data, nondigits)
        results[name] = (model, evaluation, seconds, calibration)
        print(
            f"{name:>15}: validation accuracy {calibration['validation']['accuracy']:.2%} (digits typed in fonts "
            f"never trained on: {calibration['validation']['typed_accuracy']:.2%}), validation non-digits "
            f"called digit {called:.1%}; with {NONDIGITS_CALLED_DIGIT_ALLOWED:.0%} of them, {covered:.2%} of "
            f"validation digits ({right:.2%} right); test accuracy {evaluation.accuracy:.2%}, loss "
            f"{evaluation.loss:.4f}; trained in {seconds:.0f} s"
        )

    model, evaluation, seconds, calibration = results[args.recipe]
    out = save_model(model, args.out)
    write_model_card(
        out,
        chosen,
        data,
        evaluation,
        train_seconds=round(seconds, 1),
        seed=args.seed,
        reference_recipe_test_accuracy=round(results["reference"][1].accuracy, 4),
        made_by="scripts/train_shipped_model.py",
        **calibration,
    )
    print(f"saved {out} and its card {out.with_suffix('.json')}")


def recalibrate(path: str, data) -> None:
    """Calibrate an already calibrated model again (a temperature on top of the one folded into it), keeping
    how and when it was trained on its card."""
    model, card = load_model(path), own_card(path)
    folded = card.get("validation", {}).get("temperature", 1.0)
    calibration = calibrate(model, data)
    calibration["validation"]["temperature"] = round(folded * calibration["validation"]["temperature"], 4)
    evaluation = evaluate(fast_predictor(model), data)
    kept = {
        key: card[key]
        for key in ("trained", "train_seconds", "seed", "reference_recipe_test_accuracy", "made_by")
        if key in card
    }
    out = save_model(model, path)
    write_model_card(out, RECIPES[card["recipe"]["name"]], data, evaluation, recalibrated=time.strftime("%Y-%m-%d"),
                     **kept, **calibration)  # fmt: skip
    print(f"recalibrated {out}: {calibration}; test accuracy {evaluation.accuracy:.2%}, loss {evaluation.loss:.4f}")


def average(files: list[str], recipe, out: str, data) -> None:
    """Fold models of one recipe, trained with consecutive seeds, into one model of ``recipe`` (whose members
    they are), exactly as ``model.train`` folds the members it trains: from their logits before calibration."""
    cards = [own_card(path) for path in files]
    settings = json.loads(json.dumps(asdict(recipe)))  # as a card holds them: lists, not tuples
    settings = {key: value for key, value in settings.items() if key not in ("name", "summary", "members", "minutes")}
    for path, card in zip(files, cards, strict=True):
        if any(card["recipe"].get(key) != value for key, value in settings.items()):
            raise SystemExit(f"{path} was not trained with the settings of {recipe.name}'s members")
    seeds = [card.get("seed") for card in cards]
    consecutive = all(isinstance(seed, int) for seed in seeds) and seeds == list(range(seeds[0], seeds[0] + len(seeds)))
    if len(files) != recipe.members or not consecutive:
        raise SystemExit(f"{recipe.name} needs {recipe.members} models of seeds s, s+1, ...; got seeds {seeds}")
    members = []
    for path, card in zip(files, cards, strict=True):
        member = load_model(path)
        last = member.layers[-1]
        kernel, bias = last.get_weights()
        temperature = card.get("validation", {}).get("temperature")  # folded into the last layer: undone, as trained
        if not isinstance(temperature, int | float) or not temperature > 0:
            raise SystemExit(f"{path}: its card gives no temperature to undo ({temperature!r})")
        last.set_weights([kernel * temperature, bias * temperature])
        members.append(member)
    model = averaged(members, recipe)
    calibration = calibrate(model, data)
    evaluation = evaluate(fast_predictor(model), data)
    saved = save_model(model, out)
    seconds = round(sum(card["train_seconds"] for card in cards), 1)
    made_by = "scripts/train_shipped_model.py --average"
    write_model_card(
        saved, recipe, data, evaluation, train_seconds=seconds, seed=seeds[0], made_by=made_by, **calibration
    )
    print(f"saved {saved}: validation {calibration['validation']}, test accuracy {evaluation.accuracy:.2%}")


def thresholds_from(source: str, path: str, data) -> None:
    """Give the model in ``path`` the thresholds on ``source``'s card, raised for the validation non-digits."""
    source_card, card = own_card(source), own_card(path)
    nondigits = validation_nondigits(fast_predictor(load_model(path)), data)
    thresholds = raised_for_nondigits(Thresholds.from_card(source_card), nondigits, NONDIGITS_CALLED_DIGIT_ALLOWED)
    print(f"thresholds {thresholds.as_dict()} (on {source}'s card: {source_card['verdict']})")
    card["verdict"] = thresholds.as_dict()
    chosen_on = source_card["verdict_chosen_on"]
    card["verdict_chosen_on"] = f"those of {source} ({chosen_on}), raised for this model's validation non-digits"
    write_card(path, card)


def own_card(path: str) -> dict:
    """The card beside the model in ``path``, made for it (read_card checks its size and the model's sha256)."""
    card = read_card(path)
    if card is None:
        raise SystemExit(f"{path}: no card of its own beside it (a model made by this script has one)")
    return card


def train_on_fold(recipe, data, seed: int):
    """A model of ``recipe`` trained on the data's training images less its held-out ones and calibrated as
    training does: (its predictor, its calibration, its readings of the held-out images, their digits)."""
    model = train(data, recipe, seed=seed)
    calibration = calibrate(model, data)
    predict = fast_predictor(model)
    _, _, images, digits = validation_split(data)
    return predict, calibration, predict(as_vectors(images)), digits


def thresholds_from_folds(path: str, data, folds: int) -> None:
    """Choose the verdict thresholds of the model in ``path`` on out-of-fold readings of every training image.

    The validation split's 1,969 readings hold some 15 mistakes, and "right 99.7 % of the time" turns on the
    few most confident of them: two models of the same recipe got thresholds of 0.984 and 0.998. Read by
    ``folds`` models of the same recipe (calibrated as it is), all the training images hold ten times as
    many. The fold models learned from fewer images than the shipped one and read non-digits less surely,
    so the "digit" threshold is then raised, if need be, until the model in ``path`` gives at most
    NONDIGITS_CALLED_DIGIT_ALLOWED of the validation non-digits that verdict.
    """
    card = own_card(path)
    recipe = RECIPES[card["recipe"]["name"]]
    readings, digits = [], []
    for fold, held_out in enumerate(fold_masks(len(data.x_train), folds)):
        started = time.monotonic()
        _, _, held, held_digits = train_on_fold(recipe, replace(data, held_out=held_out), seed=fold)
        readings.append(held)
        digits.append(held_digits)
        accuracy = np.mean(held.argmax(axis=1) == held_digits)
        print(f"fold {fold + 1}/{folds}: {accuracy:.2%} of {len(held_digits):,} ({time.monotonic() - started:.0f} s)")
    from_folds = choose_thresholds(np.concatenate(readings), np.concatenate(digits))
    nondigits = validation_nondigits(fast_predictor(load_model(path)), data)
    thresholds = raised_for_nondigits(from_folds, nondigits, NONDIGITS_CALLED_DIGIT_ALLOWED)
    print(
        f"thresholds {thresholds.as_dict()} (the folds' alone: {from_folds.as_dict()}; "
        f"the validation split's: {card['verdict']})"
    )
    card["verdict"] = thresholds.as_dict()
    read = f"{len(data.x_train):,} training images, each read by one of {folds} models not taught it"
    card["verdict_chosen_on"] = f"{read}, and validation non-digits"
    write_card(path, card)


if __name__ == "__main__":
    main()
