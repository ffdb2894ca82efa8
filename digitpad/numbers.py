"""Read whole numbers: find the digits written side by side, and read them all in one forward pass.

A digit is often several strokes or pieces (a 5's flag, a 4 in two strokes, an MNIST digit whose stroke is
broken), and they overlap horizontally; between two digits there is usually a run of columns with no ink.
So digits are first the runs of inked columns. A run wide enough to hold several (slanted digits whose
columns overlap) is split into its connected pieces of ink, and pieces that belong together are joined
again: those overlapping by half the narrower one's width, and those far flatter than a digit (a flag, a
bar, a tail). Digits that touch make one piece too wide for one digit: it is cut where a thin stroke joins
them. Each digit then gets the same MNIST-style preprocessing as a single one, and all are read in one batch.
Where digits touch with no thin neck, the piece reads unsurely as one digit: it is read again cut into 2 to 4
parts, and a cut whose every part the model reads as a digit is taken. Order is left to right, so a number
written on a slope still reads in order. Small pieces of ink with the digits are marks, read as part of the
number and never as digits: a decimal point or comma low between two digits (even tucked under the first, as
under a 7's bar), a dash half-way up between two digits, a minus before the first. Lines written one under
the other, with paper between them, are each read so, top to bottom.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image

from digitpad.predictor import INPUTS, DensePredictor
from digitpad.preprocess import EmptyDrawingError, Ink, digit_from_ink, drawing_ink
from digitpad.verdict import Thresholds, Verdict, verdict

WIDEST_DIGIT = 1.3  # a digit's ink is at most this many times as wide as a typical (median) digit is high
DIGIT_WIDTH = 0.7  # the typical width of a digit, as a share of its height, for guessing how many touch
SPECK = 0.08  # a piece whose ink is under this share of the largest piece's is a speck, not a digit
SPLIT_REACH = 0.35  # how far from an even split (as a share of a digit's width) a cut may move to thin ink
MAYBE_SEVERAL = 0.9  # a run of inked columns wider than this share of its height may hold several digits
PIECES_OVERLAP = 0.5  # pieces overlapping horizontally by this share of the narrower one are one digit
VALLEY = 0.6  # touching digits are cut only where a column has under this share of the piece's median ink
FLAT = 0.45  # a piece whose ink is less high than this share of a typical digit's is part of a digit
COMPONENT_SIDE = 48  # pieces are found on a copy of a run at most this many pixels high
MAYBE_TWO = 1.1  # in a number, a piece wider than this share of a typical digit's height may be digits touching
MOST_TOUCHING = 4  # a piece is read again cut into at most this many digits (a long line would be hundreds)
# A decimal point or comma: a piece of ink with room on either side of it between two digits, at most MARK_WIDTH of
# a typical digit's height wide and MARK_HEIGHT high (a bold slanted comma is nearly half a digit's height and wide),
# at least MARK_PEN of the digits' pen width either way (smaller is a speck of dirt), its middle below MARK_LOW of
# the way from the digits' top to their baseline. A comma is COMMA_SHAPE times as high as wide or fills less than
# COMMA_FILL of its box (a head and a tail: a blob fills more).
MARK_WIDTH = 0.45
MARK_HEIGHT = 0.6
MARK_LOW = 0.72
MARK_PEN = 0.5
COMMA_SHAPE = 1.4
COMMA_FILL = 0.72
TUCKED_BELOW = 0.6  # a point or comma under a digit's overhang is looked for below this much of the way down
# A dash (2026-12-05) or a minus (-12): a piece DASH_LENGTH of a typical digit's height long, DASH_SHAPE times as
# long as it is high, its middle DASH_LEVEL of the way from the digits' top to their baseline.
DASH_LENGTH = (0.2, 1.0)
DASH_SHAPE = 1.45  # a bold typed hyphen is 1.5 times as long as high, a dot about as long
DASH_LEVEL = (0.25, 0.85)
# Lines written one under the other: bands of inked rows with at least LINE_GAP of a line's height of paper between
# them. A band less high than LOW_LINE of the highest, or than LINE_PENS pen widths, is part of the line nearest it
# (a 5's flag, a low comma, the bars of "=").
LINE_GAP = 0.25
LOW_LINE = 0.25
LINE_PENS = 3.0


Rows = Callable[[int, int], tuple[int, int]]  # [top, bottom) of the ink between two columns
Region = tuple[int, int, int, int]  # left, top, right, bottom on the drawing


@dataclass(frozen=True)
class Mark:
    """A mark written with the digits of a number: a decimal point or comma, a dash, a minus."""

    symbol: str  # ".", "," or "-"
    box: tuple[int, int, int, int]  # x, y, width, height on the drawing, as a digit's

    def as_dict(self) -> dict:
        return {"symbol": self.symbol, "box": list(self.box)}


@dataclass(frozen=True)
class Layout:
    """Where a drawing's digits are, left to right, the marks with them, and the ink the marks tucked under a
    digit's overhang were taken off, to read the digits from (None: the drawing's own ink)."""

    regions: list[Region]
    marks: list[Mark]
    ink: Ink | None = None


@dataclass(frozen=True)
class DigitReading:
    digit: int  # the most likely digit
    probabilities: np.ndarray  # (10,)
    verdict: Verdict
    box: tuple[int, int, int, int]  # x, y, width, height on the drawing
    seen: np.ndarray  # (28, 28): what the model read
    why: np.ndarray | None = None  # (28, 28) when reasons were asked for: each pixel's push (DensePredictor.explain)

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.digit])

    def as_dict(self) -> dict:
        return {
            "digit": self.digit,
            "confidence": round(self.confidence, 4),
            "verdict": self.verdict.value,
            "box": list(self.box),
        }


@dataclass(frozen=True)
class NumberReading:
    digits: list[DigitReading]  # left to right
    # A lone piece not read as a digit that reads as digits touching once cut: the number it would be.
    if_apart: str | None = None
    marks: tuple[Mark, ...] = ()  # points, commas and dashes with the digits
    # Lines written one under the other: the height on the drawing where each line after the first begins.
    line_starts: tuple[int, ...] = ()

    def line_of(self, box: tuple[int, int, int, int]) -> int:
        """Which line (0: the top one) a digit or mark with this box is on."""
        return bisect.bisect_right(self.line_starts, box[1] + box[3] / 2)

    def in_order(self) -> list[tuple[int, DigitReading | Mark]]:
        """Each digit and mark with its line (0: the top one), as they are written: line by line, left to right."""
        written = [(self.line_of(each.box), each) for each in [*self.digits, *self.marks]]
        return sorted(written, key=lambda placed: (placed[0], placed[1].box[0]))

    @property
    def number(self) -> str:
        """The most likely digit of each piece and the marks between them, left to right, a line of text for
        each line of writing (each piece's verdict says how far to trust it)."""
        lines = [""] * (len(self.line_starts) + 1)
        for line, written in self.in_order():
            lines[line] += written.symbol if isinstance(written, Mark) else str(written.digit)
        return "\n".join(lines)


def read_number(
    image: Image.Image | np.ndarray,
    predict: Callable[[np.ndarray], np.ndarray],
    thresholds: Thresholds | None = None,
) -> NumberReading:
    """Find the digits of a drawing, line by line, and read them (see read_regions). Raises EmptyDrawingError."""
    ink = drawing_ink(image)
    starts = line_starts(ink)
    if starts:
        return read_lines(ink, starts, predict, thresholds)
    return read_regions(ink, ink_layout(ink), predict, thresholds)


def read_drawing(
    image: Image.Image | np.ndarray,
    predict: Callable[[np.ndarray], np.ndarray],
    thresholds: Thresholds | None = None,
    *,
    reasons: bool = False,
) -> NumberReading:
    """What the window reads after each stroke: several digits side by side as a number; one digit alone as
    ever, the whole drawing; each digit with its reasons if asked and the model is read in numpy (exact for a
    dense ReLU net, and a fifth of the time a reading takes). Raises EmptyDrawingError (OnlyADotError for a dot)."""
    ink = drawing_ink(image)
    starts = line_starts(ink)
    if starts:
        return read_lines(ink, starts, predict, thresholds, reasons=reasons)
    layout = ink_layout(ink)
    regions = layout.regions
    if len(regions) > 1 or layout.marks:  # a minus before one digit is a number too
        return read_regions(ink, layout, predict, thresholds, reasons=reasons)
    seen = digit_from_ink(ink)  # a drawing with ink enough for this has one region
    if reasons and isinstance(predict, DensePredictor):
        probabilities, why = predict.explain(seen)
        why = why.reshape(seen.shape)
    else:
        probabilities, why = predict(seen.reshape(1, INPUTS))[0], None
    thresholds = thresholds or Thresholds()
    digit = _digit_reading(probabilities, thresholds, regions[0], seen, why)
    if digit.verdict is Verdict.DIGIT:
        return NumberReading([digit])
    return NumberReading([digit], _if_apart(ink, regions, seen, probabilities, predict, thresholds))


def _if_apart(
    ink: Ink,
    regions: list[Region],
    seen: np.ndarray,
    probabilities: np.ndarray,
    predict: Callable,
    thresholds: Thresholds,
) -> str | None:
    """What a lone piece the model does not read as a digit would read as, were it digits touching (the window
    says so, and leaves the reading as it is: a lone drawing is one digit or none)."""
    cut, _, read = _split_where_unsure(ink, regions, seen[None], probabilities[None], predict, thresholds)
    return "".join(str(int(np.argmax(p))) for p in read) if len(cut) > 1 else None


def read_regions(
    ink: Ink,
    layout: Layout,
    predict: Callable[[np.ndarray], np.ndarray],
    thresholds: Thresholds | None = None,
    *,
    reasons: bool = False,
) -> NumberReading:
    """Read the digits found in ``layout`` of a drawing's ink, in one batched forward pass (and one more for
    pieces that may be digits touching, read again cut); ``reasons``: each digit's too, if the model is read
    in numpy."""
    thresholds = thresholds or Thresholds()
    ink, regions = layout.ink or ink, layout.regions  # without the marks tucked under a digit, if any
    if not regions:
        raise EmptyDrawingError("the drawing is empty")
    seen, probabilities = _read(ink, regions, predict)
    regions, seen, probabilities = _split_where_unsure(ink, regions, seen, probabilities, predict, thresholds)
    explain = reasons and isinstance(predict, DensePredictor)
    return NumberReading(
        [
            _digit_reading(p, thresholds, region, image_seen, _why(predict, image_seen) if explain else None)
            for p, region, image_seen in zip(probabilities, regions, seen, strict=True)
        ],
        marks=tuple(layout.marks),
    )


def read_lines(
    ink: Ink,
    starts: list[int],
    predict: Callable[[np.ndarray], np.ndarray],
    thresholds: Thresholds | None = None,
    *,
    reasons: bool = False,
) -> NumberReading:
    """Read each line of a drawing of several (``starts``, from line_starts) as a number of its own, and all of
    them as one reading, line by line."""
    width, height = ink.amount.size
    lines = []
    for top, bottom in itertools.pairwise([0, *starts, height]):
        amount = Image.new("L", (width, height))
        amount.paste(ink.amount.crop((0, top, width, bottom)), (0, top))
        line = Ink(amount)
        lines.append(read_regions(line, ink_layout(line), predict, thresholds, reasons=reasons))
    digits = [digit for line in lines for digit in line.digits]
    return NumberReading(digits, marks=tuple(mark for line in lines for mark in line.marks), line_starts=tuple(starts))


def line_starts(ink: Ink) -> list[int]:
    """Where each line of writing after the first begins on the drawing (half-way between it and the line above),
    or none for a drawing of one line."""
    if ink.strong_part is None:
        return []
    strong, (_, top) = ink.strong_part
    bands = _runs(strong.any(axis=1))
    if len(bands) > 1:  # most drawings are one band of ink: no need for the pen's width
        bands = _lines(bands, LINE_PENS * _pen_width(strong))
    return [top + (above[1] + below[0]) // 2 for above, below in itertools.pairwise(bands)]


def _lines(bands: list[tuple[int, int]], lowest: float) -> list[tuple[int, int]]:
    """Bands of inked rows joined into lines: the least high band joins the band nearest it while it is too low to
    be a line (under ``lowest`` pixels, or LOW_LINE of the highest band), then the two closest bands join while too
    little paper is between them."""
    while len(bands) > 1:
        heights = [bottom - top for top, bottom in bands]
        gaps = [below[0] - above[1] for above, below in itertools.pairwise(bands)]
        low = heights.index(min(heights))
        if heights[low] < max(lowest, LOW_LINE * max(heights)):
            nearer_above = low == len(gaps) or (low > 0 and gaps[low - 1] <= gaps[low])
            first = low - 1 if nearer_above else low
        else:
            first = gaps.index(min(gaps))
            if gaps[first] >= LINE_GAP * min(heights[first], heights[first + 1]):
                return bands
        bands = [*bands[:first], (bands[first][0], bands[first + 1][1]), *bands[first + 2 :]]
    return bands


def _why(predict: DensePredictor, seen: np.ndarray) -> np.ndarray:
    return predict.explain(seen)[1].reshape(seen.shape)


def _digit_reading(
    probabilities: np.ndarray, thresholds: Thresholds, region: Region, seen: np.ndarray, why: np.ndarray | None = None
) -> DigitReading:
    """One digit's reading; its box as x, y, width, height."""
    left, top, right, bottom = region
    said = verdict(probabilities, thresholds)
    return DigitReading(
        int(np.argmax(probabilities)), probabilities, said, (left, top, right - left, bottom - top), seen, why
    )


def _read(ink: Ink, regions: list[Region], predict: Callable) -> tuple[np.ndarray, np.ndarray]:
    """What the model sees of each region, and its readings of them, in one batched forward pass."""
    seen = np.stack([_digit_or_blank(ink, region) for region in regions])
    return seen, predict(seen.reshape(len(seen), INPUTS))


def _split_where_unsure(
    ink: Ink, regions: list[Region], seen: np.ndarray, read: np.ndarray, predict: Callable, thresholds: Thresholds
) -> tuple[list[Region], np.ndarray, np.ndarray]:
    """Digits that touch with no thin neck between them make one piece, which the model reads unsurely. A piece
    wider than a digit that the model does not read as a digit is read again cut into 2 to 4 parts; a cut is
    taken only if every part of it reads as a digit (a sloppy digit cut up reads as a few unsure ones), and of
    several such cuts, the one read most surely."""
    typical = float(np.median([bottom - top for _, top, _, bottom in regions]))
    unsure = [
        i
        for i, ((left, _, right, _), reading) in enumerate(zip(regions, read, strict=True))
        if right - left > MAYBE_TWO * typical and reading.max() < thresholds.digit
    ]
    if not unsure:
        return regions, seen, read
    cuts = {i: _cuts(ink, regions[i], typical) for i in unsure}
    cut_seen, cut_read = _read(ink, [part for i in unsure for cut in cuts[i] for part in cut], predict)
    chosen, at = [], 0  # for each region: (its parts, what the model sees of them, their readings)
    for i, region in enumerate(regions):
        options = [([region], seen[i : i + 1], read[i : i + 1])]
        for cut in cuts.get(i, ()):
            seen_parts, read_parts = cut_seen[at : at + len(cut)], cut_read[at : at + len(cut)]
            # A part too small to read is seen blank, which the model reads as a sure 1: such a cut is no cut.
            if seen_parts.any(axis=(1, 2)).all() and read_parts.max(axis=1).min() >= thresholds.digit:
                options.append((cut, seen_parts, read_parts))
            at += len(cut)
        chosen.append(max(options, key=lambda option: _sureness(option[2])))
    parts, parts_seen, parts_read = zip(*chosen, strict=True)
    return [part for cut in parts for part in cut], np.concatenate(parts_seen), np.concatenate(parts_read)


def _sureness(readings: np.ndarray) -> float:
    """The mean log of each reading's top probability: how surely a cut's parts read as digits."""
    return float(np.mean(np.log(np.maximum(readings.max(axis=1), 1e-9))))


def _cuts(ink: Ink, region: Region, typical: float) -> list[list[Region]]:
    """The region cut into 2, 3... parts (as many as its width could hold and one more, up to MOST_TOUCHING), each
    cut at the thinnest ink near its even place; a cut that leaves a part with no strong ink is left out."""
    strong, (left_edge, top_edge) = ink.strong_part  # a region is on the inked part
    left, top, right, bottom = region
    inside = strong[top - top_edge : bottom - top_edge, left - left_edge : right - left_edge]
    columns = inside.sum(axis=0)
    most = min(MOST_TOUCHING, max(2, round((right - left) / (DIGIT_WIDTH * typical)) + 1))
    found = []
    for count in range(2, most + 1):
        spans = _even_cuts(columns, 0, right - left, count)
        rows = [np.flatnonzero(inside[:, a:b].any(axis=1)).tolist() for a, b in spans]
        if all(len(r) for r in rows):
            found.append(
                [(left + a, top + r[0], left + b, top + r[-1] + 1) for (a, b), r in zip(spans, rows, strict=True)]
            )
    return found


def _digit_or_blank(ink: Ink, region: Region) -> np.ndarray:
    try:
        return digit_from_ink(ink, region)
    except EmptyDrawingError:  # a dot among digits (a speck too small for a point): nothing to read there
        return np.zeros((28, 28), dtype=np.float32)


def ink_layout(ink: Ink) -> Layout:
    """Where each digit of a drawing is (left, top, right, bottom), left to right, and the marks between them,
    found on its inked part alone: a canvas is mostly paper."""
    if ink.strong_part is None:
        return Layout([], [])
    strong, (left, top) = ink.strong_part

    def moved(a: int, b: int, c: int, d: int) -> Region:
        return (left + a, top + b, left + c, top + d)

    found, taken = _layout_and_tucked_marks(strong)
    marks = [Mark(m.symbol, (m.box[0] + left, m.box[1] + top, *m.box[2:])) for m in found.marks]
    if taken is None:
        return Layout([moved(*region) for region in found.regions], marks)
    amount = ink.amount.copy()
    amount.paste(0, (left, top), mask=Image.fromarray(_grown(taken)))  # with the faint ink at their edges
    return Layout([moved(*region) for region in found.regions], marks, Ink(amount))


def digit_layout(strong: np.ndarray) -> Layout:
    """Each digit in a mask of strong ink (left, top, right, bottom), left to right, and the marks with them."""
    return _layout_and_tucked_marks(strong)[0]


def _layout_and_tucked_marks(strong: np.ndarray) -> tuple[Layout, np.ndarray | None]:
    """The layout, and the ink of the marks tucked under a digit's overhang (None if there are none): those are
    taken off and the digits found again without them."""
    layout = _layout(strong)
    tucked = [
        found for before, after in itertools.pairwise(layout.regions) if (found := _tucked(strong, before, after))
    ]
    if not tucked:
        return layout, None
    taken = np.zeros_like(strong)
    for _, ink in tucked:
        taken |= ink
    again = _layout(strong & ~taken)
    marks = sorted([*again.marks, *(mark for mark, _ in tucked)], key=lambda mark: mark.box[0])
    return Layout(again.regions, marks), taken


def _layout(strong: np.ndarray) -> Layout:
    columns = strong.sum(axis=0)
    rows = functools.cache(lambda left, right: _rows(strong, left, right))  # asked again and again
    pieces = []  # [left, right) column spans of the pieces: runs of inked columns, each split into its parts
    for left, right in _runs(columns > 0):
        top, bottom = rows(left, right)
        if right - left > MAYBE_SEVERAL * (bottom - top):
            pieces += [(left + a, left + b) for a, b in _parts(strong[top:bottom, left:right])]
        else:
            pieces.append((left, right))
    if not pieces:
        return Layout([], [])
    masses = [int(columns[left:right].sum()) for left, right in pieces]
    digits = [piece for piece, mass in zip(pieces, masses, strict=True) if mass >= SPECK * max(masses)]
    typical = float(statistics.median(_height(rows, piece) for piece in digits))  # a few: no numpy needed
    marks = _marks(strong, rows, pieces, [p for p in digits if _height(rows, p) >= FLAT * typical], typical)
    regions = []
    for left, right in _join_flat_pieces(rows, [p for p in digits if p not in marks], typical):
        for part_left, part_right in _split_touching(rows, columns, left, right, typical):
            top, bottom = rows(part_left, part_right)
            regions.append((part_left, top, part_right, bottom))
    return Layout(regions, list(marks.values()))


def _marks(
    strong: np.ndarray, rows: Rows, pieces: list[tuple[int, int]], tall: list[tuple[int, int]], typical: float
) -> dict[tuple[int, int], Mark]:
    """The pieces that are marks, and which: a decimal point or comma between two digits (see MARK_WIDTH), a dash
    between two digits or a minus before the first (see DASH_LENGTH). These are pieces of their own; a point that
    shares columns with the digit before it is looked for apart (_tucked)."""
    found = {}
    for piece in pieces:
        neighbours = [p for p in tall if p[1] <= piece[0]][-1:] + [p for p in tall if p[0] >= piece[1]][:1]
        if not neighbours or neighbours[-1][0] < piece[1]:  # a mark comes before a digit
            continue
        top, bottom = rows(*piece)
        if bottom - top > MARK_HEIGHT * typical:  # a digit (no mark is that high): no need to look closer
            continue
        tops, bottoms = zip(*(rows(*p) for p in neighbours), strict=True)
        line = (sum(tops) / len(tops), sum(bottoms) / len(bottoms))
        pen = min(_pen_width(strong[slice(*rows(*p)), slice(*p)]) for p in neighbours)
        box = (piece[0], top, piece[1], bottom)
        symbol = MarkShape.of(strong[top:bottom, piece[0] : piece[1]], box, line, pen, typical).mark(
            between=len(neighbours) == 2
        )
        if symbol:
            found[piece] = Mark(symbol, (piece[0], top, piece[1] - piece[0], bottom - top))
    return found


@dataclass(frozen=True)
class MarkShape:
    """A small piece of ink beside digits: its width and height as shares of a typical digit's height, where its
    middle is from the digits' top (0) to their baseline (1), its thinner side in pens of the digits beside it,
    and how much of its box it fills."""

    width: float
    height: float
    middle: float
    thickness: float
    filled: float

    @classmethod
    def of(cls, ink: np.ndarray, box: Region, line: tuple[float, float], pen: float, typical: float) -> MarkShape:
        """The shape of ``ink``, a mask of the piece alone over its ``box`` (left, top, right, bottom), beside
        digits whose ``line`` is (top, baseline), written with a ``pen`` that wide, ``typical`` pixels high."""
        left, top, right, bottom = box
        line_top, baseline = line
        return cls(
            width=(right - left) / typical,
            height=(bottom - top) / typical,
            middle=((top + bottom) / 2 - line_top) / max(baseline - line_top, 1),
            thickness=min(right - left, bottom - top) / max(pen, 1.0),
            filled=np.count_nonzero(ink) / ((right - left) * (bottom - top)),
        )

    def mark(self, *, between: bool) -> str | None:
        """ ".", ",", "-" or None: points and commas only between two digits, a dash there or before the first."""
        if self.thickness < MARK_PEN:  # a speck of dirt
            return None
        level = DASH_LEVEL[0] <= self.middle <= DASH_LEVEL[1]
        if level and DASH_LENGTH[0] <= self.width <= DASH_LENGTH[1] and self.width >= DASH_SHAPE * self.height:
            return "-"
        if between and self.width <= MARK_WIDTH and self.height <= MARK_HEIGHT and self.middle >= MARK_LOW:
            return "," if self.height >= COMMA_SHAPE * self.width or self.filled < COMMA_FILL else "."
        return None


def _tucked(strong: np.ndarray, digit: Region, after: Region) -> tuple[Mark, np.ndarray] | None:
    """A point or comma written so close after ``digit`` that it shares columns with it (a point under a 7's bar),
    with its ink, or None. Low on the line (below TUCKED_BELOW), it is the digit's rightmost ink there, a piece
    of its own that reaches neither up past there nor far left, with some of the digit over it; and there is room
    between it and the next digit."""
    left, top, right, bottom = digit
    line = ((top + after[1]) / 2, float(after[3]))  # the next digit's baseline: this one may hang down with the mark
    below = round(line[0] + TUCKED_BELOW * (line[1] - line[0]))
    if after[0] <= right or not top < below < bottom:
        return None  # digits touching
    lower = strong[below:bottom, left:right]
    inked = np.flatnonzero(lower.any(axis=0))
    if not len(inked) or lower[0, inked[-1]]:
        return None  # no ink down there, or the rightmost reaches up past there (a 4's or a 9's stem, a 0)
    rows = np.flatnonzero(lower[:, inked[-1]])
    row = int(rows[len(rows) // 2])
    leftward = lower[row, : inked[-1] + 1][::-1]
    if leftward.all() or np.argmin(leftward) > MARK_WIDTH * (after[3] - after[1]):
        return None  # a long stroke ends there (a 2's foot)
    near = max(0, int(inked[-1]) - round(MARK_WIDTH * (after[3] - after[1])))  # no mark is wider
    window = lower[:, near : inked[-1] + 1]
    found = _components(window)
    piece = int(found.cells[row // found.step, -1])
    piece_left, _, piece_top, _ = found.boxes[piece]
    if piece_left == 0 or piece_top == 0:
        return None  # part of a stroke that goes on past there
    cells = np.kron(found.cells == piece, np.ones((found.step, found.step), dtype=bool))
    ink = np.zeros_like(strong)
    ink[below:bottom, left + near : left + inked[-1] + 1] = window & cells[: window.shape[0], : window.shape[1]]
    ys, xs = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    box = (int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1)
    if not strong[top : box[1], box[0] : box[2]].any():
        return None  # nothing of the digit over it: a speck beside the digit, not a mark tucked under it
    pen = _pen_width(strong[after[1] : after[3], after[0] : after[2]])
    shape = MarkShape.of(ink[box[1] : box[3], box[0] : box[2]], box, line, pen, after[3] - after[1])
    symbol = shape.mark(between=True)
    if symbol is None:
        return None
    return Mark(symbol, (box[0], box[1], box[2] - box[0], box[3] - box[1])), ink


def _grown(mask: np.ndarray) -> np.ndarray:
    """The mask grown by a pixel every way."""
    padded = np.pad(mask, 1)
    height, width = mask.shape
    return np.logical_or.reduce([padded[y : y + height, x : x + width] for y in range(3) for x in range(3)])


def _pen_width(mask: np.ndarray) -> float:
    """The stroke width in pixels of the ink in ``mask``: twice its area over the length of its outline."""
    mask = np.pad(mask, 1)
    outline = np.count_nonzero(mask[1:] != mask[:-1]) + np.count_nonzero(mask[:, 1:] != mask[:, :-1])
    return 2.0 * np.count_nonzero(mask) / max(outline, 1)


def _join_flat_pieces(rows: Rows, pieces: list[tuple[int, int]], typical: float) -> list[tuple[int, int]]:
    """A piece far flatter than a digit (a 5's flag drawn apart, a 2's tail, a 7's bar) joins its nearest
    neighbour: no digit is that flat."""
    pieces = list(pieces)
    while len(pieces) > 1:
        flat = [i for i, piece in enumerate(pieces) if _height(rows, piece) < FLAT * typical]
        if not flat:
            break
        i = flat[0]
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(pieces)]
        j = min(neighbours, key=lambda j: max(pieces[j][0] - pieces[i][1], pieces[i][0] - pieces[j][1]))
        first, second = sorted((i, j))
        pieces[first : second + 1] = [
            (min(pieces[first][0], pieces[second][0]), max(pieces[first][1], pieces[second][1]))
        ]
    return pieces


def _height(rows: Rows, piece: tuple[int, int]) -> int:
    top, bottom = rows(*piece)
    return bottom - top


def _parts(strong: np.ndarray) -> list[tuple[int, int]]:
    """The column spans of a run's digits: its connected pieces of ink, joined where they make one digit.
    A piece far flatter than the run (a 5's flag or a 7's bar drawn apart) joins the piece it overlaps most,
    else the nearest; then pieces that overlap horizontally by at least half the narrower one's width are
    one digit (a 4 in two strokes, a broken stroke)."""
    pieces = _components(strong).boxes
    flat = [p for p in pieces if p[3] - p[2] < FLAT * strong.shape[0]]
    spans = [[left, right] for left, right, top, bottom in pieces if (left, right, top, bottom) not in flat]
    for left, right, _, _ in flat if spans else ():
        nearest = max(spans, key=lambda span: min(span[1], right) - max(span[0], left))  # overlap, or -gap
        nearest[0], nearest[1] = min(nearest[0], left), max(nearest[1], right)
    joined: list[list[int]] = []
    for left, right in sorted(spans or [[p[0], p[1]] for p in pieces]):
        if joined:
            last = joined[-1]
            overlap = min(last[1], right) - max(last[0], left)
            if overlap >= PIECES_OVERLAP * min(last[1] - last[0], right - left):
                last[1] = max(last[1], right)
                continue
        joined.append([left, right])
    return [(left, right) for left, right in joined]


@dataclass(frozen=True)
class Components:
    """The 8-connected pieces of a mask of ink, found on a copy ``step`` times smaller (at most COMPONENT_SIDE
    high): the piece each cell of that copy is in (-1: paper), and each piece's (left, right, top, bottom) on
    the mask."""

    cells: np.ndarray
    boxes: list[tuple[int, int, int, int]]
    step: int


def _components(strong: np.ndarray) -> Components:
    step = max(1, -(-strong.shape[0] // COMPONENT_SIDE))
    if step > 1:  # any ink in a step x step block inks the block
        height, width = -(-strong.shape[0] // step) * step, -(-strong.shape[1] // step) * step
        padded = np.zeros((height, width), dtype=bool)
        padded[: strong.shape[0], : strong.shape[1]] = strong
        strong = padded.reshape(height // step, step, width // step, step).any(axis=(1, 3))
    cells, boxes = _pieces_of_runs(strong)
    return Components(cells, [tuple(side * step for side in box) for box in boxes], step)


def _pieces_of_runs(mask: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Each 8-connected piece of a small bool mask: each row's runs of ink, joined (union-find) with the runs of
    the row above that they touch, diagonals included. The piece each cell is in (-1: paper), and each piece's
    (left, right, top, bottom)."""
    edges = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    starts_at, ends_at = np.nonzero(edges == 1), np.nonzero(edges == -1)  # row-major: runs in reading order
    rows, lefts, rights = starts_at[0].tolist(), starts_at[1].tolist(), ends_at[1].tolist()
    parent = list(range(len(rows)))

    def root(run: int) -> int:
        while parent[run] != run:
            parent[run] = parent[parent[run]]
            run = parent[run]
        return run

    lines = np.arange(mask.shape[0])
    row_first = np.searchsorted(starts_at[0], lines, "left").tolist()  # each row's runs: [first, end)
    row_end = np.searchsorted(starts_at[0], lines, "right").tolist()
    for run, row in enumerate(rows):
        for other in range(row_first[row - 1], row_end[row - 1]) if row else ():
            if lefts[other] <= rights[run] and lefts[run] <= rights[other]:  # touching, diagonally too
                parent[root(other)] = root(run)
    numbers: dict[int, int] = {}  # each piece's root run: the piece's number, in reading order
    boxes: list[list[int]] = []
    cells = np.full(mask.shape, -1, dtype=np.int32)
    for run, row in enumerate(rows):
        number = numbers.setdefault(root(run), len(numbers))
        if number == len(boxes):
            boxes.append([lefts[run], rights[run], row, row + 1])
        box = boxes[number]
        box[:] = [min(box[0], lefts[run]), max(box[1], rights[run]), box[2], row + 1]  # rows come in order
        cells[row, lefts[run] : rights[run]] = number
    return cells, [(left, right, top, bottom) for left, right, top, bottom in boxes]


def _runs(inked: np.ndarray) -> list[tuple[int, int]]:
    """[left, right) of each run of True."""
    edges = np.diff(np.concatenate([[False], inked, [False]]).astype(np.int8))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def _rows(strong: np.ndarray, left: int, right: int) -> tuple[int, int]:
    """[top, bottom) of the ink between columns ``left`` and ``right``."""
    rows = np.flatnonzero(strong[:, left:right].any(axis=1))
    return (int(rows[0]), int(rows[-1]) + 1) if len(rows) else (0, 0)


def _split_touching(rows: Rows, columns: np.ndarray, left: int, right: int, typical: float) -> list[tuple[int, int]]:
    """A piece too wide for one digit is cut into as many as fit, each cut at the thinnest ink near its place,
    if the ink is thin there (where two digits touch, one stroke crosses; a wide 0 or 5 has two everywhere)
    and no part is too flat for a digit (a 2 with a long tail is wide, not two digits)."""
    width = right - left
    if width <= WIDEST_DIGIT * typical:
        return [(left, right)]
    parts = _even_cuts(columns, left, right, max(2, round(width / (DIGIT_WIDTH * typical))))
    thin = VALLEY * float(np.median(columns[left:right]))
    if any(columns[cut] > thin for cut, _ in parts[1:]) or any(_height(rows, p) < FLAT * typical for p in parts):
        return [(left, right)]  # no thin neck where digits would meet, or a part too flat to be a digit
    return parts


def _even_cuts(columns: np.ndarray, left: int, right: int, count: int) -> list[tuple[int, int]]:
    """[left, right) cut into ``count`` spans, each cut at the least ink within SPLIT_REACH of its even place."""
    width = right - left
    cuts = [left]
    for k in range(1, count):
        even = left + round(k * width / count)
        reach = max(1, round(SPLIT_REACH * width / count))
        low, high = max(cuts[-1] + 1, even - reach), min(right - 1, even + reach)
        cuts.append(low + int(np.argmin(columns[low:high])) if high > low else even)
    return list(zip(cuts, [*cuts[1:], right], strict=True))
