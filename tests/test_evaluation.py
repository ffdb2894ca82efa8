"""The evaluation's per-image readings, behind the mistakes gallery: made-up readings, no MNIST needed."""

import numpy as np

from digitpad.data import Mnist
from digitpad.evaluation import evaluate


def test_cells_and_confident_mistakes_list_the_right_images_surest_first():
    truth = np.array([4, 4, 4, 9, 4, 7])
    # Each row is one test image's probabilities: image 0 is a 4 read as 9 at 60 %, image 1 a 4 read as 9 at
    # 90 %, image 2 a 4 read right, image 3 a 9 read right, image 4 a 4 read as 9 at 70 %, image 5 a 7 read as 1.
    read = [(9, 0.6), (9, 0.9), (4, 0.8), (9, 0.99), (9, 0.7), (1, 0.95)]
    probabilities = np.full((len(read), 10), 0.0, dtype=np.float32)
    for row, (digit, confidence) in enumerate(read):
        probabilities[row] = (1 - confidence) / 9
        probabilities[row, digit] = confidence
    images = np.zeros((len(truth), 28, 28), dtype=np.uint8)
    data = Mnist(images, truth, images, truth, "made up")
    evaluation = evaluate(lambda vectors: probabilities[: len(vectors)], data)

    assert evaluation.cell(4, 9).tolist() == [1, 4, 0]
    assert evaluation.cell(4, 4).tolist() == [2] and evaluation.cell(9, 4).tolist() == []
    assert evaluation.confident_mistakes(2).tolist() == [5, 1]
    assert evaluation.confusion[4, 9] == 3 and evaluation.accuracy == 2 / 6
