"""The distortions training draws its digits with: what they do to a digit, and what they leave alone."""

import numpy as np

from digitpad.augment import close_tops_of_fours


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
