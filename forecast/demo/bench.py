"""``python manage.py bench forecast``: the weekly job's run time and its backtest table.

Runs the job (``forecast.services.forecast_compute``) on the loaded data, prints how long
each step took, then the backtest over the last eight quarters (13-week periods, each
forecast only from the weeks before it): per theme the mean absolute error per week of the
theme's municipal total (MAE) and the mean absolute percentage error (MAPE) of each
method, and the method the product uses. The job's tables are left filled (that is what
the job is for).
"""

from __future__ import annotations

import os

from forecast.models import BacktestResult, Method
from forecast.selectors import backtest_table
from forecast.services import forecast_compute

COLUMNS = ("glm", "holt_winters", "seasonal_naive", "last_quarter")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def bench_forecast(stdout) -> None:
    stdout.write(f"load average voor: {_load()}")
    summary = forecast_compute()
    stdout.write(
        f"forecast_job_total: {summary['total_s']} s (SQL {summary['sql_s']} s, backtest "
        f"{summary['backtest_s']} s, fits {summary['fit_s']} s; {summary['series']} reeksen, "
        f"{summary['rows']} weekrijen, {summary['hotspots']} hotspots)"
    )
    stdout.write(f"load average na: {_load()}")
    table = backtest_table()
    if not table:
        stdout.write("backtest: te weinig geschiedenis (minder dan twee jaar)")
        return
    quarters = BacktestResult.objects.values_list("quarters", flat=True).first()
    stdout.write(f"backtest: {quarters} kwartalen (13 weken), MAE per week / MAPE")
    header = f"{'thema':<24}" + "".join(f"{c:>22}" for c in COLUMNS) + "  gebruikt"
    stdout.write(header)
    model_wins = 0
    for row in table:
        cells = []
        for column in COLUMNS:
            score = row["scores"].get(column)
            if score is None:
                cells.append(f"{'-':>22}")
            else:
                mape = f"{score.mape * 100:.1f}%" if score.mape is not None else "-"
                cells.append(f"{score.mae:>14.2f} / {mape:>5}")
        stdout.write(f"{row['theme'].name[:23]:<24}" + "".join(cells) + f"  {row['chosen']}")
        model_wins += row["chosen"] in (Method.GLM, Method.HOLT_WINTERS)
    stdout.write(f"model_beats_seasonal_naive: {model_wins}/{len(table)} thema's")


GROUPS = {"forecast": bench_forecast}
