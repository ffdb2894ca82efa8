"""The command line: train, evaluate and predict without a display."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad import __version__, cli_samples, paths
from digitpad.data import ENV_VAR, load_mnist
from digitpad.errors import DigitpadError
from digitpad.evaluation import evaluate
from digitpad.images import ImageFileError, picture_suffixes, read_image
from digitpad.model_card import check_model_target, read_card
from digitpad.model_files import Predictor, open_predictor
from digitpad.numbers import read_number
from digitpad.preprocess import EmptyDrawingError, digit_vector
from digitpad.training import DEFAULT_RECIPE, RECIPES, TrainingCancelled, TrainingRequest
from digitpad.verdict import Thresholds, Verdict, in_words, percent, verdict

PREDICT_CHUNK = 1024  # drawings per forward pass: one matrix product per chunk, not one per file


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a file name that is not valid text must not cost the whole output
        stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C before training began: nothing written
        print("digitpad: interrupted; nothing was written.", file=sys.stderr)
        return 130
    except DigitpadError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk or a folder without write access, when saving a model
        where = f"{error.filename}: " if error.filename else ""
        print(f"digitpad: {where}{error.strerror or error}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitpad", description="A drawing pad that reads handwritten digits.")
    parser.add_argument("--version", action="version", version=f"digitpad {__version__}")
    parser.add_argument(
        "--lang",
        choices=["en", "zh_CN"],
        help="with no command: the window's language (default: as chosen in its Help menu, else the system's)",
    )
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    data_help = f"mnist.npz or a folder of MNIST IDX files (default: ${ENV_VAR}, then Keras' cache or download)"
    model_help = "a .keras model file (default: your trained model, else the one digitpad ships)"

    train = commands.add_parser("train", help="train a model on MNIST and save it")
    train.add_argument("--data", metavar="PATH", help=data_help)
    train.add_argument("--recipe", default=DEFAULT_RECIPE, choices=sorted(RECIPES), help="default: %(default)s")
    train.add_argument("--epochs", type=_positive, metavar="N", help="default: the recipe's")
    train.add_argument("--batch-size", type=_positive, metavar="N", help="default: the recipe's")
    train.add_argument("--out", metavar="FILE", help=f"where to save the model (default: {paths.user_model_path()})")
    train.set_defaults(command="train", run=run_train)

    evaluate = commands.add_parser("evaluate", help="test accuracy, loss and confusion matrix on the MNIST test set")
    evaluate.add_argument("--data", metavar="PATH", help=data_help)
    evaluate.add_argument("--model", metavar="FILE", help=model_help)
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.set_defaults(command="evaluate", run=run_evaluate)

    predict = commands.add_parser("predict", help="read the digit in image files")
    predict.add_argument("inputs", nargs="+", metavar="IMAGE_OR_DIR", help="image files, or folders of them")
    predict.add_argument("--model", metavar="FILE", help=model_help)
    predict.add_argument("--json", action="store_true", help="print one JSON line per image")
    predict.add_argument(
        "--number", action="store_true", help="read every digit written side by side: a whole number per image"
    )
    predict.set_defaults(command="predict", run=run_predict)
    cli_samples.add_commands(commands, data_help, model_help)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _model():
    """The Keras side, imported only by the commands that need it (TensorFlow takes seconds to load)."""
    from digitpad import model

    return model


def run_train(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else paths.user_model_path()
    return train_and_save(args.data, args.recipe, out, epochs=args.epochs, batch_size=args.batch_size)


def train_and_save(data_path: str | None, recipe_name: str, out: Path, **overrides) -> int:
    # A bad place to save or bad data is said before TensorFlow's seconds-long import, not after.
    check_model_target(out)
    data = load_mnist(data_path)
    base = overrides.get("base")
    doing = f"Teaching {base} your drawings" if base else f"Training the {recipe_name} recipe"
    print(f"{doing} on {data.describe()}", file=sys.stderr)
    # Ctrl-C only sets a flag, from before TensorFlow's import on: a KeyboardInterrupt raised inside that
    # import can be swallowed by it or turned into an ImportError, and one raised inside a TensorFlow op
    # can abort the whole process. Training checks the flag between two batches.
    interrupted = threading.Event()
    previous_handler = signal.signal(signal.SIGINT, lambda *_: interrupted.set())
    try:
        model = _model()
        if interrupted.is_set():
            raise KeyboardInterrupt
        request = TrainingRequest(str(out), recipe_name, data=data_path, **overrides)
        bar = ProgressBar(sys.stderr)
        trained = model.train_and_save(request, data, on_progress=bar.show, should_stop=interrupted.is_set)
    except TrainingCancelled:
        bar.finish()
        print(f"Training cancelled; {out} was not touched.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    bar.finish()
    accuracy, loss = trained.evaluation.accuracy, trained.evaluation.loss
    print(f"Test accuracy {accuracy:.2%} (loss {loss:.4f}); model saved to {out}")
    taught = read_card(out).get("personalized")
    if taught and taught.get("drawings_right_after") is not None:
        print(
            f"Your {taught['drawings']} drawings read right: {taught['drawings_right_before']:.1%} before, "
            f"{taught['drawings_right_after']:.1%} after (each by a model that had not learned it)"
        )
    return 0


class ProgressBar:
    """One line redrawn in place on a terminal, and one line per finished epoch with its validation figures."""

    WIDTH = 30

    def __init__(self, stream) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.drawn = False
        self.epochs_said = 0

    def show(self, progress) -> None:
        if len(progress.history) > self.epochs_said:
            self.epochs_said = len(progress.history)
            self.finish()
            result = progress.history[-1]
            self.stream.write(
                f"epoch {result.epoch}/{progress.epochs}: loss {result.loss:.4f} accuracy {result.accuracy:.4f}, "
                f"validation loss {result.validation_loss:.4f} accuracy {result.validation_accuracy:.4f}\n"
            )
        elif self.live:
            done = progress.batch / progress.batches
            self.stream.write(
                f"\repoch {progress.epoch}/{progress.epochs} "
                f"[{'#' * round(done * self.WIDTH):<{self.WIDTH}}] {progress.batch}/{progress.batches} "
                f"loss {progress.loss:.4f} accuracy {progress.accuracy:.4f}"
            )
            self.drawn = True
        self.stream.flush()

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.drawn = False


def run_evaluate(args: argparse.Namespace) -> int:
    data = load_mnist(args.data)
    predict = open_predictor(model_path(args.model))
    try:
        evaluation = evaluate(predict, data)
    finally:
        predict.close()
    if args.json:
        print(json.dumps(evaluation.as_dict()))
        return 0
    print(f"accuracy {evaluation.accuracy:.2%}   loss {evaluation.loss:.4f}")
    print("confusion matrix (rows: true digit, columns: predicted)")
    print("      " + "".join(f"{digit:>6}" for digit in range(10)))
    for digit, row in enumerate(evaluation.confusion):
        print(f"{digit:>6}" + "".join(f"{count:>6}" for count in row))
    return 0


def model_path(explicit: str | None) -> Path:
    """The model to use; with no model anywhere, one is trained first and saved as the user's."""
    found = paths.find_model(explicit)
    if found is None:
        print("No model yet: training one first (a few minutes).", file=sys.stderr)
        if train_and_save(None, DEFAULT_RECIPE, paths.user_model_path()) != 0:
            raise SystemExit(130)
        found = paths.user_model_path()
    return found


def run_predict(args: argparse.Namespace) -> int:
    if args.number:
        return _predict_numbers(args)
    vectors: list[np.ndarray] = []
    results = [
        _read_file(file, problem, lambda image: vectors.append(digit_vector(image)))
        for file, problem in _image_files(args.inputs)
    ]
    readable = [result for result in results if "error" not in result]
    if readable:
        model = model_path(args.model)
        _classify(open_predictor(model), Thresholds.from_card(read_card(model)), np.stack(vectors), readable)
    for result in results:
        _print_result(result, args.json)
    return 1 if any("error" in result for result in results) or not results else 0


def _predict_numbers(args: argparse.Namespace) -> int:
    """One line per file as it is read: the number, and each digit with its confidence, verdict and box."""
    model = model_path(args.model)
    predict, thresholds = open_predictor(model), Thresholds.from_card(read_card(model))

    def read(image) -> dict:
        reading = read_number(image, predict, thresholds)
        digits, marks = [digit.as_dict() for digit in reading.digits], [mark.as_dict() for mark in reading.marks]
        return {"number": reading.number, "digits": digits, "marks": marks}

    failed = seen = False
    try:
        for file, problem in _image_files(args.inputs):
            result = _read_file(file, problem, read)
            seen, failed = True, failed or "error" in result
            _print_number(result, args.json)
    finally:
        predict.close()
    return 1 if failed or not seen else 0


def _read_file(file: Path, problem: str, read: Callable[[Image.Image], dict | None]) -> dict:
    """{"file": ...} and what ``read`` makes of the picture, or the error in words."""
    result: dict = {"file": str(file)}
    try:
        if problem:
            raise ImageFileError(f"{file}: {problem}")
        result.update(read(read_image(file)) or {})
    except ImageFileError as error:
        result["error"] = str(error).removeprefix(f"{file}: ")
    except EmptyDrawingError as error:
        result["error"] = f"no digit to read: {error}"
    return result


def _print_number(result: dict, as_json: bool) -> None:
    if as_json or "error" in result:
        _print_result(result, as_json)
        return
    digits = ", ".join(
        f"{d['digit']} {percent(d['confidence'], 1)}"
        + ("" if d["verdict"] == Verdict.DIGIT.value else f" ({d['verdict']})")
        for d in result["digits"]
    )
    number = result["number"].replace("\n", " ")  # a line per file: the lines of writing, a space apart
    print(f"{result['file']}: {number}  [{digits}]")


def _classify(predict: Predictor, thresholds: Thresholds, batch: np.ndarray, results: list[dict]) -> None:
    try:
        for start in range(0, len(batch), PREDICT_CHUNK):
            chunk = predict(batch[start : start + PREDICT_CHUNK])
            for result, probabilities in zip(results[start : start + PREDICT_CHUNK], chunk, strict=True):
                digit = int(np.argmax(probabilities))
                result.update(
                    digit=digit,
                    confidence=float(probabilities[digit]),
                    verdict=verdict(probabilities, thresholds).value,
                    probabilities=probabilities.tolist(),
                )
    finally:
        predict.close()


def _image_files(inputs: list[str]) -> Iterator[tuple[Path, str]]:
    """(file, "") for each file named, as given; from a folder, its picture files; (path, problem) for a folder
    that cannot be listed, so that the other inputs still run."""
    suffixes = set(picture_suffixes())
    for name in inputs:
        path = Path(name)
        if not path.is_dir():
            yield path, ""
            continue
        try:
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
        except OSError as error:
            yield path, "permission denied" if isinstance(error, PermissionError) else f"cannot list it ({error})"
            continue
        if not found:
            print(f"digitpad: {path}: no image files in this folder", file=sys.stderr)
        yield from ((file, "") for file in found)


def _print_result(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
    elif "error" in result:
        print(f"{result['file']}: error: {result['error']}")
    else:
        print(f"{result['file']}: {in_words(np.array(result['probabilities']), Verdict(result['verdict']))}")
