"""``digitpad samples`` and ``digitpad personalize``: keep drawings of your own, and teach the model with them."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from digitpad import paths
from digitpad.images import ImageFileError
from digitpad.preprocess import EmptyDrawingError
from digitpad.samples import LABELS, NoSamples, SampleError, add_sample_file, list_samples, remove_sample


def add_commands(commands, data_help: str, model_help: str) -> None:
    samples = commands.add_parser("samples", help="keep, list and remove your own labelled drawings")
    actions = samples.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="keep pictures of a digit (or of no digit) as samples")
    add.add_argument("--label", required=True, choices=LABELS, help="the digit drawn, or 'none' for not a digit")
    add.add_argument("images", nargs="+", metavar="IMAGE")
    add.set_defaults(command="samples add", run=run_add)
    listing = actions.add_parser("list", help="every sample, with its id, label and file")
    listing.add_argument("--json", action="store_true", help="print one JSON list of {id, label, file}")
    listing.set_defaults(command="samples list", run=run_list)
    remove = actions.add_parser("remove", help="forget samples")
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.set_defaults(command="samples remove", run=run_remove)

    personalize = commands.add_parser("personalize", help="fine-tune the model in use on your samples")
    personalize.add_argument("--epochs", type=int, metavar="N", help="default: 4")
    personalize.add_argument("--model", metavar="FILE", help=model_help)
    personalize.add_argument("--data", metavar="PATH", help=data_help)
    personalize.add_argument("--out", metavar="FILE", help=f"where to save it (default: {paths.user_model_path()})")
    personalize.set_defaults(command="personalize", run=run_personalize)


def run_add(args: argparse.Namespace) -> int:
    def keep(image: str) -> str:
        try:
            return f"kept as {args.label}, id {add_sample_file(image, args.label).id}"
        except EmptyDrawingError as error:
            raise SampleError(f"no digit to keep: {error}") from None

    return _each(args.images, keep)


def _each(names: list[str], do: Callable[[str], str]) -> int:
    """``do`` each name, one line each; a failure is a line too, the others still run, and the status is 1."""
    failed = False
    for name in names:
        try:
            print(f"{name}: {do(name)}")
        except (ImageFileError, SampleError) as error:
            failed = True
            print(f"{name}: error: {str(error).removeprefix(f'{name}: ')}")
    return 1 if failed else 0


def run_list(args: argparse.Namespace) -> int:
    samples = list_samples()
    if args.json:
        print(json.dumps([sample.as_dict() for sample in samples]))
        return 0
    for sample in samples:
        print(f"{sample.id}  {sample.label:>4}  {sample.file}")
    counts = Counter(sample.label for sample in samples)
    print(f"{len(samples)} samples: " + ", ".join(f"{label}: {counts[label]}" for label in LABELS if counts[label]))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    return _each(args.ids, lambda sample_id: f"removed {remove_sample(sample_id).file}")


def run_personalize(args: argparse.Namespace) -> int:
    from digitpad.cli import model_path, train_and_save

    if not list_samples():  # said before TensorFlow's import
        raise NoSamples("there are no samples to learn from: keep some first with digitpad samples add")
    base = model_path(args.model)
    out = Path(args.out) if args.out else paths.user_model_path()
    return train_and_save(args.data, "digitpad", out, epochs=args.epochs, base=str(base))
