"""A verdict for every reading (a digit, unsure, or not a digit), and honest confidence.

The network gives ten probabilities. It was taught to give a flat output for drawings that are not
digits. So a high top probability means "this digit"; when the two likeliest digits together hold
most of it, the drawing is one of them ("unsure: 4 or 9"); when even they do not, it is spread thin:
"not a digit". The two thresholds, and the temperature that makes its confidence mean what it says,
are chosen on a validation split of the training images (never the test set) and kept on the model's
card.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, replace

import numpy as np

DIGIT_PRECISION = 0.997  # readings given the verdict "digit" should be right this often on validation digits
DIGITS_CALLED_NONE = 0.01  # at most this share of validation digits may fall below the not-a-digit threshold
CARD_KEYS = {"digit": "digit", "not_a_digit": "not_a_digit_top_two"}  # the card's names, as their meanings
ECE_BINS = 15


class Verdict(enum.Enum):
    DIGIT = "digit"
    UNSURE = "unsure"
    NOT_A_DIGIT = "not a digit"


@dataclass(frozen=True)
class Thresholds:
    digit: float = 0.90  # top probability at or above this: the verdict is "digit"
    not_a_digit: float = 0.60  # the two likeliest digits together below this: "not a digit"

    def as_dict(self) -> dict[str, float]:
        return {CARD_KEYS[key]: round(value, 4) for key, value in asdict(self).items()}

    @classmethod
    def from_card(cls, card: dict | None) -> Thresholds:
        """The thresholds on a model's card; the defaults for a model without them (or with thresholds of
        an older kind, whose "not a digit" was a top probability)."""
        found = (card or {}).get("verdict")
        try:
            digit, none = (float(found[CARD_KEYS[key]]) for key in ("digit", "not_a_digit"))
        except (TypeError, KeyError, ValueError):
            return cls()
        return cls(digit, none) if 0.0 <= digit <= 1.0 and 0.0 <= none <= 1.0 else cls()


def verdict(probabilities: np.ndarray, thresholds: Thresholds) -> Verdict:
    """The verdict on one reading's ten probabilities."""
    second, top = np.sort(probabilities)[-2:]
    if top >= thresholds.digit:
        return Verdict.DIGIT
    return Verdict.NOT_A_DIGIT if top + second < thresholds.not_a_digit else Verdict.UNSURE


def runners(probabilities: np.ndarray) -> tuple[int, int]:
    """The most likely digit and the next one."""
    second, first = np.argsort(probabilities)[-2:]
    return int(first), int(second)


def percent(probability: float, decimals: int = 0) -> str:
    """A probability as a person reads it, never rounded to a certainty: 0.99996 (or a float's 1.0, which a
    calibrated model does not mean) is ">99.9%", not "100.0%", and 0.001 is "<1%", not "0%"."""
    shown = f"{probability:.{decimals}%}"
    step = 10.0**-decimals  # in percent
    if float(shown[:-1]) >= 100:
        return f">{100 - step:.{decimals}f}%"
    if probability > 0 and float(shown[:-1]) <= 0:
        return f"<{step:.{decimals}f}%"
    return shown


def in_words(probabilities: np.ndarray, said: Verdict) -> str:
    """A reading as the command line says it: "7 (99.6%)", "unsure: 4 or 9", "not a digit"."""
    first, second = runners(probabilities)
    if said is Verdict.DIGIT:
        return f"{first} ({percent(probabilities[first], 1)})"
    return f"unsure: {first} or {second}" if said is Verdict.UNSURE else "not a digit"


def choose_thresholds(digit_probabilities: np.ndarray, labels: np.ndarray) -> Thresholds:
    """Thresholds from validation digits: "digit" where those readings are right DIGIT_PRECISION of the time,
    "not a digit" below the share of the two likeliest digits only DIGITS_CALLED_NONE of them fall under."""
    top = digit_probabilities.max(axis=1)
    right = digit_probabilities.argmax(axis=1) == labels
    order = np.argsort(-top)
    precision = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    # The lowest top probability down to which the readings above it are still precise enough.
    good = np.flatnonzero(precision >= DIGIT_PRECISION)
    digit = float(top[order][good[-1]]) if len(good) else 1.0
    two = np.sort(digit_probabilities, axis=1)[:, -2:].sum(axis=1)
    return Thresholds(digit=digit, not_a_digit=float(np.quantile(two, DIGITS_CALLED_NONE)))


def raised_for_nondigits(thresholds: Thresholds, nondigit_probabilities: np.ndarray, allowed: float) -> Thresholds:
    """``thresholds`` with the lowest "digit" threshold, from theirs up in the card's steps of 0.0001, at which
    at most ``allowed`` of these non-digit readings get the verdict "digit"."""
    steps = np.arange(round(thresholds.digit * 10_000), 10_002) / 10_000  # up to 1.0001: none get "digit"
    tops = nondigit_probabilities.max(axis=1)
    let_through = (tops[None, :] >= steps[:, None]).mean(axis=1)
    return replace(thresholds, digit=float(steps[np.flatnonzero(let_through <= allowed)[0]]))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature T that makes softmax(logits / T) fit ``labels`` best (least negative log likelihood)."""
    step = np.log(32.0) / 199  # 200 steps from 0.25 to 8, where every model so far found its temperature
    candidates = 0.25 * np.exp(step * np.arange(-93, 293))  # and on from 0.05 to 40, so none is cut off
    losses = [_nll(logits / t, labels) for t in candidates]
    return float(candidates[int(np.argmin(losses))])


def _nll(logits: np.ndarray, labels: np.ndarray) -> float:
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probabilities[np.arange(len(labels)), labels].mean())


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """How far confidence is from accuracy, averaged over equal-width confidence bins weighted by their size."""
    confidence = probabilities.max(axis=1)
    right = probabilities.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            error += inside.mean() * abs(right[inside].mean() - confidence[inside].mean())
    return float(error)
