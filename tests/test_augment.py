"""The distortions training draws its digits with: what they do to a digit, and what they leave alone."""

import numpy as np

from digitpad.augment import as_drawn_on_canvas, close_tops_of_fours
from digitpad.data import as_vectors


def four(crossbar_past_stem: bool = True) -> np.ndarray:
    """An open-top 4 as MNIST writes it: an arm down from the top left, a crossbar, a stem on the right."""
    image = np.zeros((28, 28), np.float32)
    image[4:16, 7:9] = 1.0  # the arm
    image[15:17, 7 : 22 if crossbar_past_stem else 18] = 1.0  # the crossbar
    image[4:25, 16:18] = 1.0  # the stem
    return image


def test_an_open_four_gets_a_closed_top_a_diagonal_from_the_stem_to_the_crossbar():
    open_four = four()
    closed = close_tops_of_fours(open_four[None], np.array([4]), np.random.default_rng(0), fraction=1.0)[0]
    assert closed[4:10, 7:9].max() == 0.0  # the arm has gone
    # The diagonal: ink at the stem's top, halfway down on the left of it, and reaching the crossbar's end.
    assert closed[4, 16:18].max() == 1.0
    assert closed[9:11, 10:14].max() == 1.0
    assert closed[14:16, 6:9].max() == 1.0
    np.testing.assert_array_equal(closed[16:], open_four[16:])  # the crossbar and the stem below it stay


def test_only_fours_whose_crossbar_passes_the_stem_are_closed():
    """A U-shaped 4 closed at the top would be a 9, and must not be taught as a 4."""
    images = np.stack([four(crossbar_past_stem=False), four()])
    labels = np.array([4, 9])  # and an open-4 shape labelled 9 is no 4 to close
    unchanged = close_tops_of_fours(images, labels, np.random.default_rng(0), fraction=1.0)
    np.testing.assert_array_equal(unchanged, images)


def test_digits_drawn_on_a_canvas_are_read_back_as_the_same_digits_with_the_pads_traces(mnist):
    digits = as_vectors(mnist.x_train[:50]).reshape(50, 28, 28)
    blank = np.zeros((1, 28, 28), np.float32)
    drawn = as_drawn_on_canvas(np.concatenate([digits, blank]), np.random.default_rng(0))
    assert drawn.shape == (51, 28, 28) and drawn.dtype == np.float32
    assert drawn.min() >= 0.0 and drawn.max() <= 1.0
    likeness = [
        np.corrcoef(before.ravel(), after.ravel())[0, 1] for before, after in zip(digits, drawn[:50], strict=True)
    ]
    assert all(value < 0.999 for value in likeness)  # each resampled and its pen evened
    assert np.mean(likeness) > 0.85  # but still those digits, where MNIST put them
    np.testing.assert_array_equal(drawn[50], blank[0])  # nothing to read: left as it was
