"""A drawing reads the same wherever, however big and in whichever colours it is drawn."""

import numpy as np
import pytest
from conftest import on_canvas
from PIL import Image, ImageDraw, ImageFilter

from digitpad.preprocess import EmptyDrawingError, digit_image, digit_vector

# (canvas width, height), (left, top, side of the blown-up digit)
PLACEMENTS = [
    ((400, 400), (20, 30, 300)),
    ((400, 400), (250, 260, 120)),
    ((640, 300), (400, 10, 280)),
    ((200, 700), (5, 500, 190)),
    ((90, 90), (40, 50, 40)),
]


def test_an_mnist_digit_comes_back_almost_unchanged(mnist):
    digits = mnist.x_test[:500]
    difference = np.array([np.abs(digit_image(digit) - digit / 255.0).mean() for digit in digits])
    assert np.median(difference) < 0.005
    assert np.mean(difference < 0.01) > 0.8  # about 1 in 10 has a pen outside MNIST's usual range, evened out


def redrawn(digit: np.ndarray, pen_change: int) -> Image.Image:
    """An MNIST digit as a 280 px black-and-white drawing, its pen made thinner (< 0) or thicker (> 0)."""
    big = Image.fromarray(digit).resize((280, 280), Image.Resampling.BILINEAR).point(lambda v: 255 if v > 100 else 0)
    if pen_change:
        big = big.filter(ImageFilter.MaxFilter(pen_change) if pen_change > 0 else ImageFilter.MinFilter(-pen_change))
    return big


@pytest.mark.parametrize("pen_change", [-11, 15])
def test_fine_and_fat_pens_read_like_a_normal_one(mnist, trained_model, pen_change):
    from digitpad.model import fast_predictor

    predict = fast_predictor(trained_model)
    digits = mnist.x_test[:200]
    normal = np.stack([digit_vector(redrawn(digit, 0)) for digit in digits])
    changed = np.stack([digit_vector(redrawn(digit, pen_change)) for digit in digits])
    normal_ink, changed_ink = (np.mean(vectors > 0.5, axis=1) for vectors in (normal, changed))
    assert np.median(changed_ink / normal_ink) == pytest.approx(1.0, abs=0.25)  # about as much ink either way
    agree = predict(changed).argmax(axis=1) == predict(normal).argmax(axis=1)
    assert agree.mean() >= 0.95


@pytest.mark.parametrize(("canvas", "box"), PLACEMENTS)
@pytest.mark.parametrize("dark_ink", [False, True])
def test_placement_size_shape_and_polarity_do_not_matter(mnist, trained_model, canvas, box, dark_ink):
    from digitpad.model import fast_predictor

    predict = fast_predictor(trained_model)
    digits = mnist.x_test[:100]
    reference = np.stack([digit_vector(digit) for digit in digits])
    drawn = np.stack([digit_vector(on_canvas(digit, canvas, box, dark_ink)) for digit in digits])
    assert np.abs(drawn - reference).mean() < 0.05
    agree = predict(drawn).argmax(axis=1) == predict(reference).argmax(axis=1)
    assert agree.mean() >= 0.96


def test_rgb_rgba_and_ink_on_transparency_read_alike(mnist):
    digit = mnist.x_test[0]
    sheet = on_canvas(digit, (300, 300), (40, 40, 200), dark_ink=True)
    expected = digit_vector(sheet)
    blue_ink = Image.merge("RGB", (sheet, sheet, Image.new("L", sheet.size, 255)))
    transparent = Image.new("RGBA", sheet.size, (0, 0, 0, 0))
    transparent.putalpha(Image.eval(sheet, lambda value: 255 - value))
    as_array = np.asarray(sheet.convert("RGBA"))
    for variant in (sheet.convert("RGB"), sheet.convert("RGBA"), blue_ink, transparent, as_array):
        assert np.abs(digit_vector(variant) - expected).mean() < 0.02


@pytest.mark.parametrize(
    "convert",
    [
        lambda ink: ink.astype(np.uint16) * 257,  # 16-bit
        lambda ink: ink.astype(np.float32) / 255.0,  # float in [0, 1]
        lambda ink: ink.astype(np.int64),  # wide integers holding 0-255
        lambda ink: ink[:, :, None],  # one channel
    ],
)
def test_array_types_read_alike(mnist, convert):
    sheet = np.asarray(on_canvas(mnist.x_test[1], (250, 200), (30, 10, 180), dark_ink=False))
    assert np.abs(digit_vector(convert(sheet)) - digit_vector(sheet)).max() < 0.01


def test_output_is_an_mnist_vector(mnist):
    vector = digit_vector(on_canvas(mnist.x_test[3], (500, 400), (100, 50, 250), dark_ink=True))
    assert vector.shape == (784,) and vector.dtype == np.float32
    assert vector.min() >= 0.0 and vector.max() == pytest.approx(1.0)
    image = vector.reshape(28, 28)
    rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == 20


def test_no_mnist_test_digit_is_taken_for_an_empty_drawing(mnist):
    seen = np.stack([digit_image(digit) for digit in mnist.x_test])  # raises EmptyDrawingError on any "empty" one
    assert seen.shape == (10000, 28, 28) and (seen.reshape(10000, -1).max(axis=1) > 0.5).all()


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_blank_canvas_is_empty(mode):
    with pytest.raises(EmptyDrawingError):
        digit_vector(Image.new(mode, (400, 400), "white"))


def test_faint_smudge_and_a_single_dot_are_not_digits():
    smudge = Image.new("L", (400, 400), 255)
    ImageDraw.Draw(smudge).line([(50, 50), (300, 300)], fill=230, width=20)  # far below the noise floor
    dot = Image.new("L", (400, 400), 255)
    ImageDraw.Draw(dot).ellipse((190, 190, 210, 210), fill=0)
    for drawing in (smudge, dot):
        with pytest.raises(EmptyDrawingError):
            digit_vector(drawing)


def test_a_short_stroke_is_a_one_not_a_dot():
    one = Image.new("L", (400, 400), 255)
    ImageDraw.Draw(one).line([(200, 150), (200, 220)], fill=0, width=12)
    image = digit_image(one)
    assert image[:, 14].sum() > image[:, 10].sum()  # a vertical bar through the middle


def test_unsupported_array_shape_is_a_clear_error():
    with pytest.raises(ValueError, match="shape"):
        digit_vector(np.zeros((10, 10, 2)))
