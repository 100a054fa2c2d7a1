"""Celery tasks of forecast: thin, safe to run twice."""

from __future__ import annotations

from celery import shared_task


@shared_task
def forecast_weekly() -> dict:
    """Recompute the forecast, backtest and hotspots (forecast.services)."""
    from forecast.services import forecast_compute

    return forecast_compute()
