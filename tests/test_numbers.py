"""Whole numbers: digits written side by side are found, ordered and read in one forward pass."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps

from digitpad import paths
from digitpad.gui.demo import DIGIT_STROKES
from digitpad.model_files import open_predictor
from digitpad.numbers import Layout, digit_layout, ink_layout, read_drawing, read_number, read_regions
from digitpad.preprocess import EmptyDrawingError, digit_image, drawing_ink


@pytest.fixture(scope="module")
def predict():
    reader = open_predictor(paths.shipped_model_path())
    yield reader
    reader.close()


def write(digits: str, *, size: int = 120, gap: float = 0.25, slope: float = 0.0, strokes=None) -> Image.Image:
    """Dark digits on white paper, drawn from the demo strokes, ``gap`` digit heights apart, rising ``slope``."""
    width = round(len(digits) * size * (0.45 + gap) + size)
    sheet = Image.new("L", (width, round(size * 1.6 + abs(slope) * width)), 255)
    pen = ImageDraw.Draw(sheet)
    for index, character in enumerate(digits):
        centre_x = size * (0.7 + index * (0.45 + gap))
        centre_y = sheet.height / 2 - slope * (centre_x - width / 2)
        for stroke in (strokes or {}).get(index, DIGIT_STROKES[int(character)]):
            points = [(centre_x + x * size * 1.6, centre_y + y * size * 1.6) for x, y in stroke]
            pen.line(points, fill=0, width=max(3, size // 12), joint="curve")
    return sheet


def test_a_year_reads_digit_by_digit_left_to_right(predict):
    reading = read_number(write("2026"), predict)
    assert reading.number == "2026"
    lefts = [digit.box[0] for digit in reading.digits]
    assert lefts == sorted(lefts) and all(digit.verdict.value == "digit" for digit in reading.digits)
    assert all(digit.seen.shape == (28, 28) and digit.probabilities.shape == (10,) for digit in reading.digits)


def test_a_digit_of_several_strokes_is_one_digit(predict):
    # The 4 is two strokes; the 5's flag is drawn apart from its body, and is narrower than it.
    five_body = [(-0.1, -0.26), (-0.13, -0.03), *DIGIT_STROKES[5][0][3:]]
    five_flag = [(-0.08, -0.29), (0.16, -0.29)]
    image = write("45", strokes={1: [five_body, five_flag]})
    assert len(ink_layout(drawing_ink(image)).regions) == 2
    assert read_number(image, predict).number == "45"


def test_a_broken_stroke_stays_one_digit(predict):
    image = np.asarray(write("17")).copy()
    seven = slice(image.shape[1] // 2, image.shape[1])
    image[image.shape[0] // 2 : image.shape[0] // 2 + 6, seven] = 255  # a gap across the 7's stem
    reading = read_number(image, predict)
    assert reading.number == "17"


@pytest.mark.parametrize(("digits", "gap"), [("43", 0.0), ("77", -0.04), ("27", 0.0)])
def test_digits_touching_with_no_thin_neck_are_cut_where_the_model_reads_them_best(predict, digits, gap):
    image = write(digits, gap=gap)
    assert len(ink_layout(drawing_ink(image)).regions) == 1  # one piece of ink: the shapes alone do not part them
    assert read_number(image, predict).number == digits


def test_a_lone_drawing_of_digits_touching_reads_as_one_and_says_what_it_would_read_apart(predict):
    touching = read_drawing(write("27", gap=0.0), predict)
    assert len(touching.digits) == 1 and touching.digits[0].verdict.value != "digit"
    assert touching.if_apart == "27"
    assert read_drawing(write("7"), predict).if_apart is None  # a digit read as one: nothing to say


def test_a_cut_that_leaves_a_part_too_small_to_read_is_not_taken():
    image = np.asarray(write("7")).copy()
    ink_rows, ink_columns = np.nonzero(image < 128)
    top, bottom, left = ink_rows.min(), ink_rows.max() + 1, ink_columns.min()
    right = left + 3 * (bottom - top)  # far wider than a digit: room for a cut
    wide = np.full((image.shape[0], right + 10), 255, dtype=np.uint8)
    wide[:, : image.shape[1]] = image[:, : wide.shape[1]]
    wide[bottom - 3 : bottom - 1, right - 3 : right - 1] = 0  # a dot at the far end
    calls = []

    def model(vectors):  # like the shipped model, it reads a blank image as a sure 1
        calls.append(len(vectors))
        blank = ~vectors.any(axis=1)
        sure = np.where(blank[:, None], np.eye(10)[1], np.eye(10)[7])
        return sure if len(calls) > 1 else np.full((len(vectors), 10), 0.1)  # unsure of the whole piece

    reading = read_regions(drawing_ink(wide), Layout([(left, top, right, bottom)], []), model)
    assert len(calls) == 2  # the piece was read again, cut
    assert len(reading.digits) == 1  # but the 7 and a dot are not "71"


def test_a_long_line_is_read_again_cut_into_a_few_digits_at_most(predict):
    line = Image.new("L", (1200, 200), 255)
    ImageDraw.Draw(line).line((10, 100, 1190, 104), fill=0, width=8)  # a hundred digits wide, were it digits
    read = []

    def counting(vectors):
        read.append(len(vectors))
        return predict(vectors)

    read_drawing(line, counting)
    assert len(read) == 2 and read[1] <= 2 + 3 + 4  # cut into 2, 3 and 4: every stroke is read at once


def test_a_number_on_a_slope_still_reads_in_order(predict):
    assert read_number(write("358", slope=0.25), predict).number == "358"


def test_touching_digits_are_cut_where_the_ink_is_thinnest():
    ring = np.zeros((60, 40), dtype=bool)
    ring[5:55, 5:35] = True
    ring[12:48, 12:28] = False  # a 0 of pen width 7
    touching = np.concatenate([ring, ring], axis=1)
    touching[28:31, 34:46] = True  # a thin bridge of ink where they meet
    regions = digit_layout(touching).regions
    assert len(regions) == 2
    assert 35 <= regions[0][2] <= 45 and regions[1][0] == regions[0][2]
    wide_zero = np.zeros((60, 90), dtype=bool)
    wide_zero[5:55, 5:85] = True
    wide_zero[12:48, 12:78] = False
    assert len(digit_layout(wide_zero).regions) == 1  # wide, but two strokes everywhere: not two digits


def test_a_dot_between_digits_is_no_digit(predict):
    image = write("35", gap=0.6)
    ImageDraw.Draw(image).ellipse((image.width // 2 - 5, 150, image.width // 2 + 5, 160), fill=0)
    assert read_number(image, predict).number == "35"


def write_with_mark(digits: str, after: int, mark: str, *, size: int = 120, across: float = 1.4) -> Image.Image:
    """``digits`` written apart, and a point (a dot ``across`` pen widths wide) or comma (a dot with a tail down
    and to the left) on their baseline between digit ``after`` - 1 and digit ``after`` ("." after the last: a
    full stop; " ": a dot half-way up), or a dash half-way up ("-"; before the first digit: a minus)."""
    gap, pen = 0.6, max(3, size // 12)  # as write() has them
    image = write(digits, size=size, gap=gap)
    baseline = int(np.flatnonzero((np.asarray(image) < 128).any(axis=1))[-1])
    x = size * (0.7 + (after - 0.5) * (0.45 + gap))  # half-way between the two digits' middles
    y = baseline - size * 0.45 if mark in " -" else baseline - pen * across / 2
    draw = ImageDraw.Draw(image)
    if mark == "-":
        draw.line([(x - size * 0.15, y), (x + size * 0.15, y)], fill=0, width=pen)
        return image
    radius = pen * across / 2
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=0)
    if mark == ",":
        draw.line([(x, y), (x - pen, y + 2.5 * pen)], fill=0, width=pen)
    return image


@pytest.mark.parametrize(
    ("digits", "after", "mark"), [("314", 1, "."), ("25", 1, ","), ("1250", 2, "."), ("2026", 2, "-"), ("12", 0, "-")]
)
def test_a_point_comma_or_dash_between_digits_or_a_minus_before_them_is_part_of_the_number(
    predict, digits, after, mark
):
    reading = read_number(write_with_mark(digits, after, mark), predict)
    assert reading.number == digits[:after] + mark + digits[after:]
    assert [d.digit for d in reading.digits] == [int(d) for d in digits]  # the mark is read as no digit
    [found] = reading.marks
    lefts = [-1] + [d.box[0] for d in reading.digits]
    assert lefts[after] < found.box[0] < lefts[after + 1]


def test_a_point_tucked_under_a_sevens_bar_is_read_and_taken_off_the_seven(predict):
    size, gap = 120, 0.35
    image = write("75", size=size, gap=gap)
    baseline = int(np.flatnonzero((np.asarray(image) < 128).any(axis=1))[-1])
    x, radius = size * 0.7 + size * 0.2, size // 12 * 0.7  # under the right end of the 7's bar
    ImageDraw.Draw(image).ellipse((x - radius, baseline - 2 * radius, x + radius, baseline), fill=0)
    reading = read_number(image, predict)
    assert reading.number == "7.5"
    seven = write("7", size=size)  # the 7 alone, as the pad holds it: what the model sees of it in the number
    assert np.abs(reading.digits[0].seen - digit_image(seven)).max() < 0.05


def test_a_minus_before_one_digit_makes_it_a_number_as_the_window_reads_it(predict):
    reading = read_drawing(write_with_mark("7", 0, "-"), predict)
    assert reading.number == "-7" and len(reading.digits) == 1
    assert np.array_equal(reading.digits[0].seen, digit_image(write("7")))  # the 7 alone, not the dash with it


def test_a_speck_a_dot_half_way_up_or_a_mark_after_the_last_digit_is_no_mark(predict):
    assert read_number(write_with_mark("314", 1, ".", across=0.2), predict).number == "314"  # a speck of dirt
    assert read_number(write_with_mark("314", 1, " "), predict).number == "314"  # a raised dot: not a point
    assert read_number(write_with_mark("314", 3, "."), predict).number == "314"  # a full stop
    assert read_number(write_with_mark("314", 3, "-"), predict).number == "314"  # a dash after the last digit


def test_what_the_window_reads_is_one_digit_or_a_number_with_reasons_only_when_asked(predict):
    seven = write("7")
    alone = read_drawing(seven, predict)
    [digit] = alone.digits
    assert digit.digit == 7 and digit.why is None  # reasons cost time: none unless asked for
    assert np.array_equal(digit.seen, digit_image(seven))  # the whole drawing, as a single reading always was
    [explained] = read_drawing(seven, predict, reasons=True).digits
    probabilities, why = predict.explain(digit.seen)
    assert np.allclose(explained.probabilities, probabilities) and np.allclose(explained.why, why.reshape(28, 28))
    number = read_drawing(write("2026"), predict, reasons=True)
    assert number.number == "2026" and read_drawing(write("2026"), predict).digits[0].why is None
    for each in number.digits:  # each digit of a number with its own reasons
        assert np.allclose(each.why, predict.explain(each.seen)[1].reshape(28, 28))


def write_lines(*lines: Image.Image, gap: float = 0.3) -> Image.Image:
    """Lines written one under the other, ``gap`` of a line's height of paper between their ink."""
    lines = tuple(line.crop(ImageOps.invert(line).getbbox()) for line in lines)
    room = round(lines[0].height * gap)
    sheet = Image.new("L", (max(line.width for line in lines), sum(line.height + room for line in lines)), 255)
    for index, line in enumerate(lines):
        sheet.paste(line, (0, index * (line.height + room)))
    return sheet


def test_lines_written_one_under_the_other_are_read_line_by_line(predict):
    for read in (read_number, read_drawing):
        reading = read(write_lines(write("12"), write_with_mark("3", 0, "-"), write("2026")), predict)
        assert reading.number == "12\n-3\n2026"
        assert [d.digit for d in reading.digits] == [1, 2, 3, 2, 0, 2, 6]  # line by line, left to right
        assert len(reading.line_starts) == 2
        assert [reading.line_of(d.box) for d in reading.digits] == [0, 0, 1, 2, 2, 2, 2]
    one_digit = read_number(write_lines(write("7"), write("7")), predict)
    assert one_digit.number == "7\n7"
    assert np.array_equal(one_digit.digits[0].seen, digit_image(write("7")))  # each read as it would be alone


def test_ink_one_under_the_other_in_one_line_is_not_two_lines(predict):
    equals = Image.new("L", (300, 300), 255)
    for y in (110, 190):  # two bars, far lower than a line of writing
        ImageDraw.Draw(equals).line([(60, y), (240, y)], fill=0, width=20)
    assert read_drawing(equals, predict).line_starts == ()
    five_body = [(-0.1, -0.2), (-0.13, -0.03), *DIGIT_STROKES[5][0][3:]]  # the flag high above the body
    assert read_drawing(write("5", strokes={0: [five_body, [(-0.08, -0.32), (0.16, -0.32)]]}), predict).number == "5"
    close = write_lines(write("12"), write("34"), gap=0.15)  # too little paper between them for two lines
    assert read_number(close, predict).line_starts == ()


def test_a_blank_drawing_has_no_number(predict):
    with pytest.raises(EmptyDrawingError):
        read_number(Image.new("L", (300, 100), 255), predict)


def test_predict_number_json_gives_the_number_and_each_digit(tmp_path):
    year, lone, price = tmp_path / "year.png", tmp_path / "seven.png", tmp_path / "price.png"
    write("2026").save(year)
    write("7").save(lone)
    write_with_mark("250", 1, ",").save(price)
    done = subprocess.run(
        [sys.executable, "-m", "digitpad", "predict", "--number", "--json", str(year), str(lone), str(price)],
        capture_output=True,
        text=True,
        check=True,
    )
    first, second, third = (json.loads(line) for line in done.stdout.splitlines())
    assert first["file"] == str(year) and first["number"] == "2026" and first["marks"] == []
    assert [d["digit"] for d in first["digits"]] == [2, 0, 2, 6]
    for digit in first["digits"]:
        assert set(digit) == {"digit", "confidence", "verdict", "box"} and len(digit["box"]) == 4
        assert 0.0 <= digit["confidence"] <= 1.0 and digit["verdict"] == "digit"
    assert second["number"] == "7" and len(second["digits"]) == 1  # a lone digit is a one-digit number
    assert third["number"] == "2,50" and [d["digit"] for d in third["digits"]] == [2, 5, 0]
    [comma] = third["marks"]
    assert comma["symbol"] == "," and third["digits"][0]["box"][0] < comma["box"][0] < third["digits"][1]["box"][0]
    lines = tmp_path / "lines.png"
    write_lines(write("12"), write("7")).save(lines)
    plain = subprocess.run(
        [sys.executable, "-m", "digitpad", "predict", "--number", str(year), str(lines)], capture_output=True, text=True
    )
    assert plain.stdout.splitlines()[0].startswith(f"{year}: 2026  [2 ") and plain.returncode == 0
    assert plain.stdout.splitlines()[1].startswith(f"{lines}: 12 7  [1 ")  # lines of writing, a space apart
