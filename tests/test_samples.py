"""Your own drawings: kept in an open folder layout, listed, relabelled and removed; the model taught with them."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from digitpad import paths
from digitpad.gui.demo import DIGIT_STROKES, _arc
from digitpad.model_card import read_card
from digitpad.model_files import open_predictor
from digitpad.nondigits import draw_strokes
from digitpad.preprocess import digit_image
from digitpad.samples import (
    NoSamples,
    SampleError,
    add_sample,
    list_samples,
    relabel_sample,
    remove_sample,
    sample_images,
)
from digitpad.training import TrainingCancelled, TrainingRequest

SLASHED_ZERO = [_arc(0, 0, 0.14, 0.28, -90, 270), [(0.16, -0.3), (-0.16, 0.3)]]  # how many engineers write 0


def drawn(strokes, rng) -> Image.Image:
    return Image.eval(draw_strokes(strokes, rng), lambda value: 255 - value)


def digitpad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "digitpad", *args], capture_output=True, text=True)


def test_the_cli_keeps_lists_and_removes_samples(tmp_path):
    rng = np.random.default_rng(0)
    seven, blank, not_a_picture = tmp_path / "seven.png", tmp_path / "blank.png", tmp_path / "notes.txt"
    drawn(DIGIT_STROKES[7], rng).save(seven)
    Image.new("L", (100, 100), 255).save(blank)
    not_a_picture.write_text("hello")
    seventy_seven = tmp_path / "77.png"
    with Image.open(seven) as one:
        two = Image.new("L", (one.width * 2 + 40, one.height), 255)
        two.paste(one, (0, 0))
        two.paste(one, (one.width + 40, 0))
        two.save(seventy_seven)
        over = Image.new("L", (one.width, one.height * 2 + 40), 255)  # a 7 written under a 7: two lines
        over.paste(one, (0, 0))
        over.paste(one, (0, one.height + 40))
        over.save(seven_over_seven := tmp_path / "7-over-7.png")
    files = (seven, blank, not_a_picture, seventy_seven, seven_over_seven)
    added = digitpad("samples", "add", "--label", "7", *map(str, files))
    assert added.returncode == 1  # four of five could not be kept, each said in words
    lines = added.stdout.splitlines()
    assert "kept as 7" in lines[0] and "no digit to keep" in lines[1] and "not a picture" in lines[2]
    assert "holds 2 digits side by side" in lines[3]  # it would teach the model that 77 looks like a 7
    assert "holds 2 lines of writing" in lines[4]
    assert digitpad("samples", "add", "--label", "x", str(seven)).returncode == 2  # not a label

    [sample] = json.loads(digitpad("samples", "list", "--json").stdout)
    assert set(sample) >= {"id", "label", "file"} and sample["label"] == "7"
    kept = paths.user_data_dir() / "samples" / "7" / f"{sample['id']}.png"
    with Image.open(kept) as kept_picture, Image.open(seven) as original:
        assert sample["file"] == str(kept) and kept_picture.size == original.size  # full size
    assert digitpad("samples", "remove", sample["id"], "nosuchid").returncode == 1
    assert json.loads(digitpad("samples", "list", "--json").stdout) == [] and not kept.exists()


def test_drawings_kept_one_after_another_are_listed_in_the_order_they_were_kept():
    rng = np.random.default_rng(3)
    kept = [add_sample(drawn(DIGIT_STROKES[1], rng), "1") for _ in range(6)]  # within a second or so
    assert [sample.id for sample in list_samples()] == [sample.id for sample in kept]


def test_relabelling_moves_the_drawing_to_its_label_folder():
    sample = add_sample(drawn(DIGIT_STROKES[1], np.random.default_rng(1)), "7")
    moved = relabel_sample(sample.id, "1")
    assert moved.file.parent.name == "1" and moved.file.exists() and not sample.file.exists()
    assert [s.label for s in list_samples()] == ["1"]
    with pytest.raises(SampleError):
        relabel_sample(sample.id, "eleven")
    remove_sample(sample.id)
    with pytest.raises(SampleError, match="no sample"):
        remove_sample(sample.id)


def test_personalize_with_no_samples_says_so_before_loading_tensorflow():
    done = digitpad("personalize")
    assert done.returncode == 2 and "no samples to learn from" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def slashed_zeros():
    """12 slashed zeros and 2 of each other digit kept as samples, and 30 more slashed zeros never taught."""
    rng = np.random.default_rng(7)
    for _ in range(12):
        add_sample(drawn(SLASHED_ZERO, rng), "0")
    for digit in range(1, 10):
        for _ in range(2):
            add_sample(drawn(DIGIT_STROKES[digit], rng), str(digit))
    return np.stack([digit_image(drawn(SLASHED_ZERO, rng)).reshape(-1) for _ in range(30)])


def test_personalizing_teaches_the_users_zeros_and_keeps_the_model_sound(small_mnist, slashed_zeros, tmp_path):
    from digitpad import model

    base = paths.shipped_model_path()
    out = tmp_path / "mine.keras"
    seen = []
    trained = model.train_and_save(
        TrainingRequest(str(out), base=str(base), epochs=3), small_mnist, on_progress=seen.append
    )
    taught = read_card(out)["personalized"]
    assert taught["drawings"] == 30 and taught["base_model"] == str(base)
    assert taught["drawings_right_after"] > taught["drawings_right_before"]  # each judged by a model without it
    before = np.mean(open_predictor(base)(slashed_zeros).argmax(axis=1) == 0)
    after = np.mean(open_predictor(out)(slashed_zeros).argmax(axis=1) == 0)
    assert after >= before + 0.3, (before, after)  # zeros it never saw, written the same way
    assert trained.evaluation.accuracy > 0.97  # it still reads everyone else's digits
    assert seen[-1].epoch == seen[-1].epochs == 4 * 3  # three folds and the final model, three epochs each


# A model file opened from elsewhere may have no card, or one edited by hand (it still matches its model).
HAND_EDITED_CARD = {"recipe": "two small ones", "test_accuracy": "high", "verdict": [0.9], "personalized": 3}


@pytest.mark.parametrize("card", [None, HAND_EDITED_CARD], ids=["no card", "card edited by hand"])
def test_personalizing_two_averaged_networks_keeps_them_two_networks(card, small_mnist, slashed_zeros, tmp_path):
    from dataclasses import replace

    from digitpad import model
    from digitpad.model_card import write_card
    from digitpad.training import RECIPES

    two_layers = replace(RECIPES["reference"], hidden=(32, 32))
    members = [model.train(small_mnist, two_layers, epochs=1, seed=seed) for seed in (1, 2)]
    base = model.save_model(model.averaged(members, two_layers), tmp_path / "pair.keras")
    if card is not None:
        write_card(base, card)
    assert len(open_predictor(base).branches) == 2
    out = tmp_path / "mine.keras"
    model.train_and_save(TrainingRequest(str(out), base=str(base), epochs=1), small_mnist)
    assert len(open_predictor(out).branches) == 2  # still read apart: as fast as before it learned the drawings
    assert not np.allclose(open_predictor(out)(slashed_zeros), open_predictor(base)(slashed_zeros), atol=1e-3)
    assert read_card(out)["personalized"]["base_test_accuracy"] is None


def test_cancelling_personalize_leaves_everything_as_it_was(small_mnist, slashed_zeros, tmp_path):
    from digitpad import model

    out = tmp_path / "mine.keras"
    before = [sample.file for sample in list_samples()]
    seen = []
    with pytest.raises(TrainingCancelled):
        model.train_and_save(
            TrainingRequest(str(out), base=str(paths.shipped_model_path()), epochs=2),
            small_mnist,
            on_progress=seen.append,
            should_stop=lambda: len(seen) > 3,
        )
    assert not out.exists() and [sample.file for sample in list_samples()] == before


def test_personalize_without_drawings_in_process_is_a_clear_error(small_mnist, tmp_path):
    from digitpad import model

    with pytest.raises(NoSamples):
        model.train_and_save(
            TrainingRequest(str(tmp_path / "m.keras"), base=str(paths.shipped_model_path())), small_mnist
        )


def test_a_damaged_sample_file_is_listed_but_never_learned_from():
    good = add_sample(drawn(DIGIT_STROKES[3], np.random.default_rng(3)), "3")
    damaged = good.file.with_name("20260101-000000-bad000.png")
    damaged.write_bytes(b"\x89PNG\r\n\x1a\n not really")  # edited or cut short by hand since it was kept
    assert {sample.id for sample in list_samples()} == {good.id, "20260101-000000-bad000"}
    images, digits = sample_images(list_samples())
    assert images.shape == (1, 28, 28) and digits.tolist() == [3]
