"""The methods and the backtest on plain arrays, and the rule that picks the method."""

import datetime as dt

import numpy as np
import pytest

from accounts import calendar_nl
from forecast import model


def _seasonal_series(weeks, base=20.0, seed=1):
    rng = np.random.default_rng(seed)
    mu = [
        base
        * (1 + 0.5 * np.cos(2 * np.pi * (w.timetuple().tm_yday - 200) / 365.25))
        * (3 if calendar_nl.week_calendar(w)["new_year"] else 1)
        for w in weeks
    ]
    return rng.poisson(mu).astype(float)


def test_backtest_the_model_beats_the_baselines_on_seasonal_counts():
    weeks = model.mondays(dt.date(2021, 1, 4), 260)
    scores = model.backtest(_seasonal_series(weeks), weeks)
    assert scores["glm"].quarters == 8
    assert scores["glm"].mae < scores["seasonal_naive"].mae < scores["last_quarter"].mae
    assert model.choose(scores) in model.MODELS


def test_glm_finds_the_new_year_peak_and_gives_an_ordered_interval():
    weeks = model.mondays(dt.date(2022, 10, 17), 156)  # the horizon holds New Year 2025/26
    fc = model.forecast("glm", _seasonal_series(weeks), weeks)
    future = model.mondays(weeks[-1] + dt.timedelta(weeks=1), model.HORIZON)
    peak = next(i for i, w in enumerate(future) if calendar_nl.week_calendar(w)["new_year"])
    # Three times the weeks around it, as planted (the season alone changes little there).
    assert fc.expected[peak] > 2 * max(fc.expected[peak - 2], fc.expected[peak - 1])
    low, high = fc.interval()
    assert np.all(low <= fc.expected) and np.all(fc.expected <= high) and np.all(low >= 0)


def _scores(**maes):
    return {m: model.Score(method=m, mae=v, mape=None, quarters=8) for m, v in maes.items()}


@pytest.mark.parametrize(
    ("maes", "chosen"),
    [
        ({"glm": 3, "holt_winters": 4, "seasonal_naive": 5, "last_quarter": 6}, "glm"),
        ({"glm": 4, "holt_winters": 3, "seasonal_naive": 5, "last_quarter": 6}, "holt_winters"),
        # The model does not beat the same week last year: the product uses that.
        ({"glm": 5, "holt_winters": 6, "seasonal_naive": 5, "last_quarter": 1}, "seasonal_naive"),
        ({"glm": 7, "holt_winters": 6, "seasonal_naive": 5, "last_quarter": 9}, "seasonal_naive"),
    ],
)
def test_choose_uses_seasonal_naive_unless_a_model_beats_it(maes, chosen):
    assert model.choose(_scores(**maes)) == chosen


@pytest.mark.parametrize(
    ("day", "public", "school"),
    [
        (dt.date(2025, 4, 26), True, True),  # Koningsdag on Sunday 27th -> Saturday 26th
        (dt.date(2025, 5, 5), True, False),  # Bevrijdingsdag (lustrum year), school again
        (dt.date(2026, 5, 5), False, True),  # not a lustrum year: no public holiday
        (dt.date(2026, 4, 5), True, False),  # Easter Sunday
        (dt.date(2026, 7, 20), False, True),  # summer holiday region Noord
        (dt.date(2026, 12, 31), False, True),
        (dt.date(2026, 3, 10), False, False),
    ],
)
def test_calendar_public_and_school_holidays(day, public, school):
    assert calendar_nl.is_public_holiday(day) is public
    assert calendar_nl.is_school_holiday(day) is school
