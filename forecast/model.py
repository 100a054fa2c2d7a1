"""The forecasting methods and their backtest, on plain arrays of weekly counts.

A series is a numpy array of incidents per week (Monday to Sunday, local time) with the
Monday of each week. Every method takes the training weeks and returns the expected
counts of the next ``horizon`` weeks:

- ``glm``: a Poisson regression (statsmodels GLM, log link) on week-of-year seasonality
  (three Fourier pairs), the share of public and school holidays in the week, New Year's
  Eve and Koningsdag (``accounts.calendar_nl``) and a linear trend; overdispersion is
  estimated from the Pearson residuals and used for the interval;
- ``holt_winters``: additive exponential smoothing with damped trend and a 52-week season;
- ``seasonal_naive``: the same week last year;
- ``last_quarter``: the average of the last 13 weeks.

The 80% interval is the 10% and 90% quantile of a negative binomial with the forecast as
mean and the variance the method's dispersion times the mean (Poisson when there is no
overdispersion); it leaves out the uncertainty of the fitted parameters.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

import numpy as np
from scipy import stats

from accounts import calendar_nl

HORIZON = 13
SEASON = 52
TRAIN_WEEKS = 156
MIN_TRAIN_WEEKS = 2 * SEASON
BACKTEST_QUARTERS = 8
FOURIER_PAIRS = 3
INTERVAL = (0.10, 0.90)
MODELS = ("glm", "holt_winters")
BASELINES = ("seasonal_naive", "last_quarter")


def mondays(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(weeks=i) for i in range(count)]


def design(weeks: list[dt.date], origin: dt.date) -> np.ndarray:
    """Regressors of each week: intercept, trend (years from origin), seasonality, holidays."""
    rows = []
    for monday in weeks:
        thursday = monday + dt.timedelta(days=3)
        angle = 2 * np.pi * thursday.timetuple().tm_yday / 365.25
        cal = calendar_nl.week_calendar(monday)
        row = [1.0, (monday - origin).days / 365.25]
        for k in range(1, FOURIER_PAIRS + 1):
            row += [np.sin(k * angle), np.cos(k * angle)]
        row += [cal["public_holiday"], cal["school_holiday"], cal["new_year"], cal["kings_day"]]
        rows.append(row)
    return np.asarray(rows)


@dataclass
class Forecast:
    expected: np.ndarray
    dispersion: float

    def interval(self) -> tuple[np.ndarray, np.ndarray]:
        mu = np.maximum(self.expected, 1e-9)
        if self.dispersion <= 1.05:
            low = stats.poisson.ppf(INTERVAL[0], mu)
            high = stats.poisson.ppf(INTERVAL[1], mu)
        else:
            n = mu / (self.dispersion - 1)
            p = n / (n + mu)
            low = stats.nbinom.ppf(INTERVAL[0], n, p)
            high = stats.nbinom.ppf(INTERVAL[1], n, p)
        low = np.minimum(np.nan_to_num(low), self.expected)
        high = np.maximum(np.nan_to_num(high), self.expected)
        return np.maximum(low, 0), high


def _naive_dispersion(y: np.ndarray, fitted: np.ndarray) -> float:
    ok = fitted > 0
    if not ok.any():
        return 1.0
    return float(max(1.0, np.mean((y[ok] - fitted[ok]) ** 2 / fitted[ok])))


def seasonal_naive(y: np.ndarray, weeks: list[dt.date], horizon: int = HORIZON) -> Forecast:
    expected = np.array([y[len(y) - SEASON + i] for i in range(horizon)], dtype=float)
    past = y[SEASON:]
    return Forecast(expected, _naive_dispersion(past, y[: len(y) - SEASON]))


def last_quarter(y: np.ndarray, weeks: list[dt.date], horizon: int = HORIZON) -> Forecast:
    mean = float(np.mean(y[-HORIZON:]))
    return Forecast(np.full(horizon, mean), _naive_dispersion(y[-HORIZON:], np.full(HORIZON, mean)))


def glm(y: np.ndarray, weeks: list[dt.date], horizon: int = HORIZON) -> Forecast:
    import statsmodels.api as sm

    if y.sum() < 10:  # next to nothing to fit: the average is as good as it gets
        return last_quarter(y, weeks, horizon)
    origin = weeks[-1]
    future = mondays(weeks[-1] + dt.timedelta(weeks=1), horizon)
    x = design(weeks, origin)
    keep = x.std(axis=0) > 0
    keep[0] = True  # the intercept
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = sm.GLM(y, x[:, keep], family=sm.families.Poisson()).fit()
    expected = np.asarray(result.predict(design(future, origin)[:, keep]))
    dispersion = float(result.pearson_chi2 / max(result.df_resid, 1))
    if not np.all(np.isfinite(expected)) or expected.max() > 10 * max(y.max(), 1):
        return seasonal_naive(y, weeks, horizon)  # a diverged fit must not reach a page
    return Forecast(expected, max(dispersion, 1.0))


def holt_winters(y: np.ndarray, weeks: list[dt.date], horizon: int = HORIZON) -> Forecast:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    if y.sum() < 10:
        return last_quarter(y, weeks, horizon)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = ExponentialSmoothing(
            y.astype(float),
            trend="add",
            damped_trend=True,
            seasonal="add",
            seasonal_periods=SEASON,
            initialization_method="heuristic",  # estimated: 20x slower, no better here
        ).fit(use_brute=False)
    expected = np.maximum(np.asarray(fit.forecast(horizon)), 0)
    fitted = np.maximum(np.asarray(fit.fittedvalues), 1e-9)
    return Forecast(expected, _naive_dispersion(y, fitted))


METHODS = {
    "glm": glm,
    "holt_winters": holt_winters,
    "seasonal_naive": seasonal_naive,
    "last_quarter": last_quarter,
}


def forecast(method: str, y: np.ndarray, weeks: list[dt.date], horizon: int = HORIZON) -> Forecast:
    """The forecast of the last ``TRAIN_WEEKS`` of ``y`` by ``method``."""
    y, weeks = y[-TRAIN_WEEKS:], weeks[-TRAIN_WEEKS:]
    return METHODS[method](np.asarray(y, dtype=float), weeks, horizon)


@dataclass
class Score:
    method: str
    mae: float
    mape: float | None
    quarters: int


def backtest(
    y: np.ndarray, weeks: list[dt.date], quarters: int = BACKTEST_QUARTERS
) -> dict[str, Score]:
    """Each method's error over the last ``quarters`` 13-week periods, each forecast from
    the weeks before it only. Periods without ``MIN_TRAIN_WEEKS`` before them are skipped."""
    errors: dict[str, list[float]] = {m: [] for m in METHODS}
    pct: dict[str, list[float]] = {m: [] for m in METHODS}
    used = 0
    for k in range(quarters, 0, -1):
        origin = len(y) - k * HORIZON
        if origin < MIN_TRAIN_WEEKS:
            continue
        used += 1
        actual = np.asarray(y[origin : origin + HORIZON], dtype=float)
        for method in METHODS:
            predicted = forecast(method, y[:origin], weeks[:origin]).expected
            err = np.abs(predicted - actual)
            errors[method] += list(err)
            pct[method] += list(err[actual > 0] / actual[actual > 0])
    return {
        m: Score(
            method=m,
            mae=float(np.mean(errors[m])) if errors[m] else float("nan"),
            mape=float(np.mean(pct[m])) if pct[m] else None,
            quarters=used,
        )
        for m in METHODS
    }


def choose(scores: dict[str, Score]) -> str:
    """The better of the models, unless it does not beat the same week last year."""
    best = min(MODELS, key=lambda m: scores[m].mae)
    if not scores[best].mae < scores["seasonal_naive"].mae:
        return "seasonal_naive"
    return best
