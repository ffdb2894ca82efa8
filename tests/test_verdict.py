"""Verdicts and honest confidence: thresholds, temperature and calibration error on data with known answers."""

import numpy as np
import pytest

from digitpad.verdict import (
    Thresholds,
    Verdict,
    choose_thresholds,
    expected_calibration_error,
    fit_temperature,
    in_words,
    percent,
    raised_for_nondigits,
    verdict,
)


def softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def test_each_reading_gets_the_verdict_its_two_likeliest_digits_earn():
    thresholds = Thresholds(digit=0.9, not_a_digit=0.6)
    sure, torn, flat = np.eye(10)[3], np.array([0, 0, 0, 0, 0.55, 0, 0, 0, 0, 0.45]), np.full(10, 0.1)
    assert [verdict(p, thresholds) for p in (sure, torn, flat)] == [Verdict.DIGIT, Verdict.UNSURE, Verdict.NOT_A_DIGIT]
    spread = np.array([0.3, 0.25, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05, 0, 0])  # no two digits hold most of it
    assert verdict(spread, thresholds) is Verdict.NOT_A_DIGIT
    assert [in_words(sure, Verdict.DIGIT), in_words(torn, Verdict.UNSURE), in_words(flat, Verdict.NOT_A_DIGIT)] == [
        "3 (>99.9%)",
        "unsure: 4 or 9",
        "not a digit",
    ]


def test_a_probability_is_never_shown_as_a_certainty_it_is_not():
    assert [percent(p, 1) for p in (1.0, 0.99996, 0.9994, 0.12345, 0.00001, 0.0)] == [
        ">99.9%",
        ">99.9%",
        "99.9%",
        "12.3%",
        "<0.1%",
        "0.0%",
    ]
    assert [percent(p) for p in (0.996, 0.5, 0.004)] == [">99%", "50%", "<1%"]


@pytest.mark.parametrize(
    "card",
    [
        None,
        {},
        {"verdict": "high"},
        {"verdict": {"digit": "x", "not_a_digit_top_two": 0.2}},
        {"verdict": {"digit": 1.3, "not_a_digit_top_two": 0.8}},
        {"verdict": {"digit": 0.95, "not_a_digit": 0.5}},  # an older card: its "not a digit" meant something else
    ],
)
def test_a_card_without_sound_thresholds_gives_the_defaults(card):
    assert Thresholds.from_card(card) == Thresholds()


def test_thresholds_from_a_card():
    card = {"verdict": {"digit": 0.95, "not_a_digit_top_two": 0.97}}
    assert Thresholds.from_card(card) == Thresholds(0.95, 0.97)
    assert Thresholds.from_card({"verdict": Thresholds(0.95, 0.97).as_dict()}) == Thresholds(0.95, 0.97)


@pytest.mark.parametrize("temperature", [0.1, 2.5, 12.0])  # also beyond 0.25-8, where the search once stopped
def test_temperature_scaling_finds_the_temperature_the_labels_were_drawn_with(temperature):
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, (20_000, 10))
    true_probabilities = softmax(logits / temperature)
    labels = np.array([rng.choice(10, p=p) for p in true_probabilities])
    assert fit_temperature(logits, labels) == pytest.approx(temperature, rel=0.05)
    before = expected_calibration_error(softmax(logits), labels)
    after = expected_calibration_error(softmax(logits / fit_temperature(logits, labels)), labels)
    assert before > 0.1 and after < 0.02


def test_the_calibration_error_of_a_calibrated_model_is_small_and_of_an_overconfident_one_is_not():
    rng = np.random.default_rng(1)
    confidence = rng.uniform(0.5, 1.0, 50_000)
    right = rng.random(50_000) < confidence  # right exactly as often as it says
    probabilities = np.where(np.arange(10) == 0, confidence[:, None], ((1 - confidence) / 9)[:, None])
    labels = np.where(right, 0, 1)
    assert expected_calibration_error(probabilities, labels) < 0.01
    labels_overconfident = np.where(rng.random(50_000) < confidence - 0.2, 0, 1)
    assert expected_calibration_error(probabilities, labels_overconfident) == pytest.approx(0.2, abs=0.02)


def test_thresholds_are_chosen_so_that_digit_verdicts_are_right_and_few_digits_are_called_none():
    rng = np.random.default_rng(2)
    top = rng.uniform(0.3, 1.0, 5000)
    labels = rng.integers(0, 10, 5000)
    read = np.where(rng.random(5000) < top**4, labels, (labels + 1) % 10)  # less sure, more often wrong
    probabilities = np.full((5000, 10), 0.0)
    probabilities[np.arange(5000), read] = top
    chosen = choose_thresholds(probabilities, labels)
    sure = top >= chosen.digit
    assert (read[sure] == labels[sure]).mean() >= 0.997
    two = np.sort(probabilities, axis=1)[:, -2:].sum(axis=1)
    assert (two < chosen.not_a_digit).mean() <= 0.0102


def test_the_digit_threshold_is_raised_only_as_far_as_the_non_digits_let_through_need():
    nondigits = np.full((10, 10), 0.0)
    nondigits[:, 0] = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99]
    from_digits = Thresholds(digit=0.9, not_a_digit=0.7)
    raised = raised_for_nondigits(from_digits, nondigits, allowed=0.3)
    assert raised == Thresholds(digit=0.9601, not_a_digit=0.7)  # 0.97, 0.98 and 0.99 still get "digit": 30 %
    assert np.mean([verdict(p, raised) is Verdict.DIGIT for p in nondigits]) <= 0.3
    assert raised_for_nondigits(from_digits, nondigits, allowed=0.6) == from_digits  # already few enough
    assert raised_for_nondigits(from_digits, nondigits, allowed=0.0).digit == 0.9901
