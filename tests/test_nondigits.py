import numpy as np
from PIL import Image, ImageDraw

from digitpad.nondigits import HELD_OUT_SHAPES, TRAINING_SHAPES, _both_in_sight, make_nondigits
from digitpad.training import targets


def stroke(*points: tuple[int, int]) -> np.ndarray:
    """A 40x40 layer with one 3 px stroke through ``points``, as a digit of a pair is placed."""
    layer = Image.new("L", (40, 40), 0)
    ImageDraw.Draw(layer).line(points, fill=255, width=3)
    return np.asarray(layer)


SEVEN = stroke((8, 8), (30, 8), (16, 34))


def test_a_one_drawn_along_a_seven_is_one_digit_not_two():
    one_on_the_stem = stroke((17, 32), (28, 11))
    assert not _both_in_sight(SEVEN, one_on_the_stem)
    assert not _both_in_sight(one_on_the_stem, SEVEN)


def test_a_one_beside_the_stem_of_a_seven_leaves_both_in_sight():
    one_apart = stroke((34, 12), (34, 36))
    assert _both_in_sight(SEVEN, one_apart)


def test_non_digits_come_in_the_kinds_asked_for_and_the_same_for_the_same_seed():
    digits = np.stack([stroke((8, 8), (30, 8), (16, 34))[6:34, 6:34], stroke((14, 4), (14, 24))[2:30, 2:30]])
    labels = np.array([7, 1])
    first, kinds = make_nondigits(60, np.random.default_rng(3), TRAINING_SHAPES, digits, labels)
    again, _ = make_nondigits(60, np.random.default_rng(3), TRAINING_SHAPES, digits, labels)
    assert first.shape == (60, 28, 28) and np.array_equal(first, again)
    assert set(kinds) <= {*TRAINING_SHAPES, "scribble", "two digits"} and not set(kinds) & set(HELD_OUT_SHAPES)


def test_a_digit_is_taught_its_own_output_and_a_non_digit_a_flat_one():
    taught = targets(np.array([3, -1, 0]))
    assert taught.dtype == np.float32 and taught.shape == (3, 10)
    assert taught[0].argmax() == 3 and taught[0].sum() == 1.0 == taught[0].max()
    assert np.allclose(taught[1], 0.1)  # no digit more likely than another
    assert taught[2].argmax() == 0 and taught[2].max() == 1.0
